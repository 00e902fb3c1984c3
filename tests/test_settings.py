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
