"""Deterministic demo data for `etalase seed_demo` and the benchmarks.

A plain package, not a Django app: it has no models. ``builder.build_demo`` is the entry point;
``registry`` and ``products`` make the rows from one ``random.Random(seed)``, drawing on the word
lists of ``names``, the goods table of ``goods`` and the rule-abiding figures of ``figures``;
``writer`` inserts them fast; ``users`` creates the demo accounts (one per role, all with the
password ``users.DEMO_PASSWORD``).
"""
