"""Fixed-window counting with one atomic statement per hit.

`INSERT … ON CONFLICT (bucket) DO UPDATE SET hits = hits + 1 RETURNING hits` is understood by
PostgreSQL and by SQLite (3.35+), so concurrent requests on two nodes can never both read the
same count: the database serialises the increments of one row.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection

from etalase.limits.models import RateCounter


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    hits: int
    limit: int
    retry_after: int  # seconds until the window ends; meaningful when refused


def bucket_name(rule: str, subject: str, period: int, window: int) -> str:
    # A subject may be long (an IPv6 network, a token's hash); the bucket stays short and fixed.
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"{rule}:{digest}:{period}:{window}"


def hit(rule: str, subject: str, limit: int, period: int, now: float | None = None) -> Verdict:
    """Count one hit of `subject` under `rule` and say whether it is within `limit` per `period`
    seconds."""
    now = time.time() if now is None else now
    window = int(now // period)
    window_end = (window + 1) * period
    # The table name is the model's own, never input; only the values are parameters.
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    expires_at = datetime.fromtimestamp(window_end, tz=UTC)
    with connection.cursor() as cursor:
        sql = (
            f"INSERT INTO {table} (bucket, hits, expires_at) VALUES (%s, 1, %s) "  # noqa: S608
            f"ON CONFLICT (bucket) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits"
        )
        cursor.execute(
            sql,
            [
                bucket_name(rule, subject, period, window),
                connection.ops.adapt_datetimefield_value(expires_at),
            ],
        )
        hits = cursor.fetchone()[0]
    if hits == 1:
        # A new window began for this key: clear windows that are over, so the table stays small.
        RateCounter.objects.filter(expires_at__lt=datetime.fromtimestamp(now, tz=UTC)).delete()
    retry_after = max(1, math.ceil(window_end - now))
    return Verdict(allowed=hits <= limit, hits=hits, limit=limit, retry_after=retry_after)
