"""Sizes shared by the intake checks."""

# Distinct cell values remembered per file (regencies, amounts, years, words repeat on most rows).
CACHE_SIZE = 8192
