"""Schemathesis drives the payments API from its own OpenAPI schema: never a 5xx.

Cases come from schemathesis' Hypothesis strategies (the pytest plugin does not load
under pytest 9), so each generated request is sent through the WSGI app in-process.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etalase.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """See tests/api/test_fuzz.py: the WSGI app must not close the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    schema = schema.include(path_regex="^/api/v1/payments/")
    return [result.ok() for result in schema.get_all_operations()]


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_payments_api_never_answers_5xx(data):
    operations = _operations()
    assert operations, "the payments API should be in the OpenAPI document"
    operation = data.draw(st.sampled_from(operations))
    case = data.draw(operation.as_strategy())
    # The WSGI transport does not undo a gzip body (the site compresses what it sends).
    response = case.call(headers={"Accept-Encoding": "identity"})
    assert response.status_code < 500, response.text
    case.validate_response(response)
