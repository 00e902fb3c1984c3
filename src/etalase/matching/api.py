"""HTTP API for supply-chain matching (mounted at /api/v1/matching)."""

from ninja import Router

router = Router(tags=["matching"])
