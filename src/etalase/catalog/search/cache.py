"""Caching figures derived from the index, keyed by the index's data version.

The backend's `data_version()` changes with every write to the index, so a cached value
is never older than the data (and a backend that returns None is simply not cached).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection

T = TypeVar("T")
# Short: on PostgreSQL a version is drawn when a write happens, not when it commits, so a
# count read by another session in between may be cached under the new version; it lives
# at most this long.
TIMEOUT = 60


def cached(key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    from etalase.catalog.search import backend

    version = backend().data_version()
    if version is None:
        return compute()
    raw = repr((connection.settings_dict.get("NAME"), version, *key)).encode()
    cache_key = "etalase:search:" + hashlib.sha256(raw).hexdigest()
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value
