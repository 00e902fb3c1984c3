"""The registry lookups of an import are served by the indexes made for them: were SQLite's
planner to take the country's index instead, every chunk would scan the country's records
and an import would slow with the square of its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from etalase.intake.sqlrows import enterprise_rows_in

pytestmark = pytest.mark.django_db


def test_fingerprints_are_indexed_with_their_country_and_only_so():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "enterprises_enterprise")
    indexed = [c["columns"] for c in constraints.values() if c["index"] or c["unique"]]
    assert ["country_id", "identity_fingerprint"] in indexed
    assert ["identity_fingerprint"] not in indexed  # the old index, dropped (0009)


@pytest.mark.parametrize(
    ("column", "index"),
    [("registration_id", "unique_registration_id_per_country"),
     ("identity_fingerprint", "enterprise_identity_idx")],
)
def test_a_chunk_is_looked_up_through_its_index(column, index):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans from its statistics")
    with CaptureQueriesContext(connection) as queries:
        enterprise_rows_in([column], column, ["9120000000001", "abc"], country="ID")
    [query] = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert index in plan, plan


def test_registered_records_are_read_through_the_number_index():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans from its statistics")
    from etalase.enterprises.models import Enterprise

    # As comparison.compare reads the records its numbers found.
    records = Enterprise.objects.filter(country_id="ID", registration_id__in=["9120000000001"])
    sql, params = records.exclude(registration_id="").values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "unique_registration_id_per_country" in plan, plan
