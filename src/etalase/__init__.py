"""Etalase: a virtual business centre for MSMEs of BIMP-EAGA and ASEAN."""
