"""X-Forwarded-Proto is believed only when the operator says a proxy strips a client's copy."""

import os
import subprocess
import sys

from django.test import RequestFactory

PRODUCTION = {"SECRET_KEY": "x" * 60 + "-production-secret-key-value",
              "ALLOWED_HOSTS": "etalase.example.org", "ETALASE_TESTING": "0"}

# A plain-http request that claims https, through the whole middleware stack of the settings.
PROBE = """
import django; django.setup()
from django.test import Client
got = Client(HTTP_HOST="etalase.example.org").get("/robots.txt", HTTP_X_FORWARDED_PROTO="https")
print(got.status_code, got.get("Location", ""))
"""


def _probe(tmp_path, **extra: str) -> str:
    env = {k: v for k, v in os.environ.items()
           if k not in {"ETALASE_DEV", "DEBUG", "ETALASE_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="etalase.settings", ETALASE_HOME=str(tmp_path),
               DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **extra)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_client_cannot_make_plain_http_pass_for_https_by_default(tmp_path):
    # Production redirects plain http to https: the forged header must not stop that.
    assert _probe(tmp_path) == "301 https://etalase.example.org/robots.txt"


def test_behind_a_proxy_the_operator_names_the_header_is_believed(tmp_path):
    assert _probe(tmp_path, ETALASE_TRUST_PROXY_SSL_HEADER="1") == "200"


def test_in_these_settings_the_header_alone_does_not_make_a_request_secure():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="https")
    assert request.is_secure() is False
