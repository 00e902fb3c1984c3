import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's deliberate slowness (about a second a sign-in here) is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _restore_language():
    """LocaleMiddleware activates the request's language in the test's thread and
    leaves it there; put English back so later tests are not run in Indonesian."""
    from django.utils import translation

    yield
    translation.activate("en")
