import pytest

from etalase.accounts.models import ApiToken
from etalase.catalog.search import synonyms
from tests.matching.conftest import build_world


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Factories create users with passwords; the production hasher costs ~1 s each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def bearer(user) -> dict[str, str]:
    """Headers of a call made with a fresh API token of `user`."""
    _token, key = ApiToken.issue(user=user, name="test system")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def get_json(client):
    """GET a path, assert the status, return the decoded JSON body."""

    def _get(path: str, status: int = 200, **kwargs):
        response = client.get(path, **kwargs)
        assert response.status_code == status, response.content[:500]
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    return _get


@pytest.fixture
def world(db):
    """The matching tests' data set (tests/matching/conftest.py): cocoa, coffee, seaweed and
    rattan suppliers, two buyers, three owners."""
    synonyms.reset()
    yield build_world()
    synonyms.reset()
