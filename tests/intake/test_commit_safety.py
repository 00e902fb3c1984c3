"""Commit without loss: atomic per file, re-runnable after a kill, idempotent, race-free."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection

from etalase.enterprises.models import Enterprise
from etalase.intake import writer
from etalase.intake.services import import_run
from etalase.regions.models import Subdivision
from tests.factories import make_enterprise, officer_of, owner_of


def _csv(path, n: int, *, start: int = 0, turnover: str = "Rp 500.000.000") -> None:
    with path.open("w") as fh:
        fh.write("nama_usaha,nib,provinsi,omzet\n")
        for i in range(start, start + n):
            fh.write(f"UD Contoh {i},{9120000000000 + i},ID-SA,{turnover}\n")


@pytest.mark.django_db
def test_a_crash_in_the_middle_leaves_the_registry_as_before(tmp_path, monkeypatch):
    path = tmp_path / "file.csv"
    _csv(path, 5000)
    calls = {"n": 0}
    real = writer.write_chunk

    def crash_on_second_chunk(results, ctx):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        real(results, ctx)

    monkeypatch.setattr("etalase.intake.runs.write_chunk", crash_on_second_chunk)
    office = Subdivision.objects.get(code="ID-SA")
    with path.open("rb") as stream, pytest.raises(RuntimeError):
        import_run(stream=stream, filename="file.csv", office=office, commit=True)
    assert calls["n"] == 2  # the first chunk *was* written inside the transaction
    assert Enterprise.objects.count() == 0
    monkeypatch.setattr("etalase.intake.runs.write_chunk", real)
    with path.open("rb") as stream:
        summary = import_run(stream=stream, filename="file.csv", office=office, commit=True)
    assert summary.created == 5000 and Enterprise.objects.count() == 5000


@pytest.mark.django_db
def test_an_amended_file_updates_only_what_changed(tmp_path):
    office = Subdivision.objects.get(code="ID-SA")
    first, amended = tmp_path / "a.csv", tmp_path / "b.csv"
    _csv(first, 10)
    _csv(amended, 10)
    text = amended.read_text().replace("UD Contoh 3,", "UD Contoh Tiga,")
    amended.write_text(text)
    with first.open("rb") as stream:
        import_run(stream=stream, filename="a.csv", office=office, commit=True)
    with amended.open("rb") as stream:
        summary = import_run(stream=stream, filename="b.csv", office=office, commit=True)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 9)
    changed = Enterprise.objects.get(registration_id="9120000000003")
    assert changed.legal_name == "UD Contoh Tiga"
    assert changed.history.count() == 2  # created, then updated by the import


@pytest.mark.django_db
def test_what_an_owner_edited_by_hand_is_not_silently_overwritten(tmp_path):
    enterprise = make_enterprise(
        "ID-SA", registration_id="9120000000001", legal_name="UD Nama Pemilik"
    )
    enterprise.owner_edited_fields = ["legal_name"]
    enterprise.save()
    owner_of(enterprise)
    path = tmp_path / "a.csv"
    path.write_text("nama_usaha,nib,provinsi,tenaga kerja\nUD Nama Kantor,9120000000001,ID-SA,30\n")
    office = Subdivision.objects.get(code="ID-SA")
    with path.open("rb") as stream:
        summary = import_run(stream=stream, filename="a.csv", office=office, commit=False)
    assert summary.updated == 1
    with path.open("rb") as stream:
        import_run(stream=stream, filename="a.csv", office=office, commit=True)
    enterprise.refresh_from_db()
    assert enterprise.legal_name == "UD Nama Pemilik"  # the owner's edit is kept
    assert enterprise.employees == 30  # fields the owner did not touch are updated
    # The officer decides for the file's value: it is taken.
    with path.open("rb") as stream:
        import_run(
            stream=stream,
            filename="a.csv",
            office=office,
            commit=True,
            decisions={"2": {"legal_name": "file"}},
        )
    enterprise.refresh_from_db()
    assert enterprise.legal_name == "UD Nama Kantor"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the in-memory SQLite test database has table locks, not row locks",
)
@pytest.mark.django_db(transaction=True)
def test_two_commits_racing_create_no_duplicates(tmp_path):
    from etalase.regions import loader
    from etalase.regions.models import Country

    if not Subdivision.objects.exists():  # a transactional test starts from empty tables
        loader.load(Country, Subdivision)
    path = tmp_path / "race.csv"
    _csv(path, 3000)
    office = Subdivision.objects.get(code="ID-SA")
    errors = []

    def commit():
        try:
            with path.open("rb") as stream:
                import_run(stream=stream, filename="race.csv", office=office, commit=True)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=commit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Enterprise.objects.count() == 3000
    assert Enterprise.objects.values("registration_id").distinct().count() == 3000


@pytest.mark.skipif(connection.vendor != "sqlite", reason="kills a CLI process on a SQLite file")
def test_killing_the_commit_midway_leaves_the_registry_unchanged_and_rerunnable(tmp_path):
    """A real process, killed with SIGKILL while it writes: nothing lands; a re-run completes."""
    database = tmp_path / "kill.sqlite3"
    env = {
        **os.environ,
        "ETALASE_DEV": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "ETALASE_HOME": str(tmp_path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "-m", "etalase", "migrate", "-v0"], env=env, check=True)
    path = tmp_path / "big.csv"
    _csv(path, 60_000)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "etalase",
            "import_enterprises",
            str(path),
            "--subdivision",
            "ID-SA",
            "--commit",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # Wait until it reports progress (rows are being written), then kill it hard.
    seen = b""
    deadline = time.monotonic() + 120
    while b"Rows checked: 10,000" not in seen and b"Rows checked: 2" not in seen[-40:]:
        chunk = process.stderr.read1(256)
        if not chunk or time.monotonic() > deadline:
            break
        seen += chunk
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()

    def count() -> int:
        with sqlite3.connect(database) as db:
            return db.execute("select count(*) from enterprises_enterprise").fetchone()[0]

    assert count() == 0
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "etalase",
            "import_enterprises",
            str(path),
            "--subdivision",
            "ID-SA",
            "--commit",
            "--format",
            "json",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert count() == 60_000


# The CLI's import in a process that kills itself (SIGKILL) the moment its transaction has
# committed: what a power cut or an operator's kill -9 at that instant leaves behind.
_KILLED_AFTER_COMMIT = """
import os, signal, sys
import django
django.setup()
from django.core.management import call_command
from django.db.backends.base.base import BaseDatabaseWrapper
committed = BaseDatabaseWrapper.commit
def commit_then_die(self):
    committed(self)
    os.kill(os.getpid(), signal.SIGKILL)
BaseDatabaseWrapper.commit = commit_then_die
call_command("import_enterprises", sys.argv[1], "--subdivision", "ID-SA", "--commit")
"""


def test_killed_just_after_the_commit_the_rows_and_their_record_are_both_there(tmp_path):
    database = tmp_path / "kill.sqlite3"
    env = {**os.environ, "ETALASE_DEV": "1", "DATABASE_URL": f"sqlite:///{database}",
           "ETALASE_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "etalase.settings"}
    subprocess.run([sys.executable, "-m", "etalase", "migrate", "-v0"], env=env, check=True)
    path = tmp_path / "rekap.csv"
    _csv(path, 300)
    done = subprocess.run([sys.executable, "-c", _KILLED_AFTER_COMMIT, str(path)], env=env,
                          capture_output=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr
    with sqlite3.connect(database) as db:
        counts = [db.execute(f"select count(*) from {table}").fetchone()[0]
                  for table in ("enterprises_enterprise", "intake_submission",
                                "intake_submissionevent")]
    assert counts == [300, 1, 1]


@pytest.mark.django_db
def test_every_create_and_update_is_in_the_history_with_who_when_and_why(tmp_path):
    officer = officer_of("ID-SA")
    office = Subdivision.objects.get(code="ID-SA")
    path = tmp_path / "a.csv"
    path.write_text(
        "nama_usaha,nib,provinsi,omzet,tenaga kerja,tahun berdiri,sertifikasi,email\n"
        "UD Satu,9120000000001,ID-SA,Rp 1.500.000,4,2019,halal; PIRT,satu@contoh.co.id\n"
        "UD Dua,9120000000002,ID-SA,,,,,\n"
    )
    with path.open("rb") as stream:
        import_run(stream=stream, filename="a.csv", office=office, commit=True, actor=officer,
                   source="cli import")
    one = Enterprise.objects.get(registration_id="9120000000001")
    # What the rows hold reads back as the ORM would have stored it.
    assert one.annual_turnover == Decimal("1500000.00") and one.employees == 4
    assert one.year_established == 2019 and one.email == "satu@contoh.co.id"
    assert one.consent == "pending" and one.source == "cli import" and one.language == "id"
    assert one.export_markets == [] and one.owner_edited_fields == []
    assert one.created_at is not None and one.created_at == one.updated_at
    assert sorted(one.certifications.values_list("kind", flat=True)) == ["food_safety", "halal"]
    created = one.history.get()
    assert (created.history_type, created.history_user, created.history_change_reason) == (
        "+", officer, "cli import")
    assert created.legal_name == "UD Satu" and created.annual_turnover == Decimal("1500000.00")
    assert created.history_date is not None and created.created_at == one.created_at
    assert Enterprise.history.filter(history_type="+").count() == 2

    path.write_text("nama_usaha,nib,provinsi,tenaga kerja\nUD Satu Baru,9120000000001,ID-SA,5\n")
    with path.open("rb") as stream:
        summary = import_run(stream=stream, filename="a.csv", office=office, commit=True,
                             actor=officer, source="submission 7")
    assert summary.updated == 1
    one.refresh_from_db()
    assert (one.legal_name, one.employees, one.source) == ("UD Satu Baru", 5, "submission 7")
    changed = one.history.order_by("history_id").last()
    assert (changed.history_type, changed.history_user, changed.history_change_reason) == (
        "~", officer, "submission 7")
    assert changed.legal_name == "UD Satu Baru" and changed.employees == 5
    assert changed.annual_turnover == Decimal("1500000.00")  # untouched fields are recorded too
