import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

FILES = Path(__file__).parent / "files"


@pytest.fixture
def run_import(capsys):
    """Run `etalase import_enterprises … --format json` in-process; return (exit code, JSON)."""

    def run(path, subdivision: str, *, commit: bool = False) -> tuple[int, dict]:
        args = [str(path), "--subdivision", subdivision, "--format", "json"]
        if commit:
            args.append("--commit")
        code = 0
        try:
            call_command("import_enterprises", *args)
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr().out.strip().splitlines()
        assert len(out) == 1, f"expected exactly one JSON line, got {out!r}"
        return code, json.loads(out[0])

    return run


def run_cli_subprocess(path, subdivision, *extra, env=None):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "etalase",
            "import_enterprises",
            str(path),
            "--subdivision",
            subdivision,
            "--format",
            "json",
            *extra,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
