"""Schemathesis drives every read endpoint of the API from its OpenAPI document, anonymously
and with an official's token: never a 5xx, and every answer matches its documented schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etalase.accounts.models import ApiToken
from etalase.wsgi import application
from tests.factories import make_product, officer_of

pytestmark = pytest.mark.django_db

# Endpoints whose reads are public or scoped; writes are fuzzed in their own apps' tests.
READ_PATHS = r"^/api/v1/(regions|hs-codes|products|enterprises|insights/open-data)"


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    schema = schema.include(path_regex=READ_PATHS, method="GET")
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture(scope="module")
def operations(django_db_blocker):
    with django_db_blocker.unblock():
        return _operations()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calling the WSGI app directly fires request_started/finished, whose
    close_old_connections would close the test's open transaction on PostgreSQL;
    Django's own test client disconnects it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token():
    make_product()
    _token, key = ApiToken.issue(user=officer_of("ID-SA"), name="fuzz")
    return key


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_read_api_never_answers_5xx(operations, token, data):
    assert len(operations) >= 8
    operation = data.draw(st.sampled_from(operations))
    case = data.draw(operation.as_strategy())
    headers = {"Authorization": f"Bearer {token}"} if data.draw(st.booleans()) else {}
    # The WSGI transport does not undo a gzip body (the site compresses what it sends).
    response = case.call(headers={**headers, "Accept-Encoding": "identity"})
    assert response.status_code < 500, (case.path, response.text[:500])
    if response.status_code == 200:
        case.validate_response(response)
