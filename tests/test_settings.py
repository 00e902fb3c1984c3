"""Production settings are safe by default and refuse malformed configuration."""

import os
import subprocess
import sys


def _run(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in {"ETALASE_DEV", "DEBUG", "ETALASE_TESTING", "DJANGO_SETTINGS_MODULE",
                        "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "-m", "etalase", *args], env=env,
                          capture_output=True, text=True, check=False)


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    done = _run({"SECRET_KEY": "x" * 60 + "-production-secret-key-value",
                 "ALLOWED_HOSTS": "etalase.example.org", "ETALASE_TESTING": "0",
                 "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                 "ETALASE_HOME": str(tmp_path)},
                "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    done = _run({"ETALASE_TESTING": "0", "ETALASE_HOME": str(tmp_path)}, "check")
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


def test_a_malformed_boolean_is_refused_not_guessed(tmp_path):
    done = _run({"ETALASE_TESTING": "0", "DEBUG": "maybe", "SECRET_KEY": "k" * 60,
                 "ETALASE_HOME": str(tmp_path)}, "check")
    assert done.returncode != 0
    assert "DEBUG must be one of" in done.stderr


def test_envfloat_reads_numbers_and_refuses_the_rest(monkeypatch):
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    from etalase.env import envfloat

    monkeypatch.delenv("X_COST", raising=False)
    assert envfloat("X_COST", 1.1) == 1.1
    monkeypatch.setenv("X_COST", " 2.5 ")
    assert envfloat("X_COST", 1.1) == 2.5
    for junk in ("cheap", "-1", "nan", "inf", "1e999", "1,5"):
        monkeypatch.setenv("X_COST", junk)
        with pytest.raises(ImproperlyConfigured, match="X_COST must be a non-negative number"):
            envfloat("X_COST", 1.1)


def test_postgres_connections_carry_the_page_cost(tmp_path):
    code = ("from django.conf import settings; "
            "print(settings.DATABASES['default']['OPTIONS']['options'])")
    env = {"ETALASE_DEV": "1", "ETALASE_HOME": str(tmp_path),
           "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db?options=-c%20statement_timeout%3D5000"}
    done = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code],
                          env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "etalase.settings"},
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["-c", "statement_timeout=5000", "-c", "random_page_cost=1.1"]
    done = _run({"ETALASE_DEV": "1", "ETALASE_HOME": str(tmp_path), "PG_RANDOM_PAGE_COST": "x",
                 "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db"}, "check")
    assert done.returncode != 0 and "PG_RANDOM_PAGE_COST" in done.stderr
