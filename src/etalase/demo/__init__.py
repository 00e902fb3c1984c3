"""Deterministic demo data for `etalase seed_demo` and the benchmarks.

A plain package, not a Django app: it has no models. ``builder.build_demo`` writes the data;
``names`` and ``goods`` hold the word lists and the goods table it draws from; ``users`` creates
the demo accounts (one per role, all with the password ``DEMO_PASSWORD``).
"""
