"""A large file checked in a second process gives exactly the rows of an in-process check;
refusals and failures there come back here; the child never uses this process's database."""

import io
import random

import pytest
from django.db import connection

from etalase.enterprises.models import Enterprise
from etalase.intake import parallel, pipeline, runs
from etalase.intake.readers import FileRefused
from etalase.regions.models import Subdivision

pytestmark = pytest.mark.django_db

HEADER = "No;Nama Usaha;NIB;Kabupaten/Kota;No. HP;Omzet per Tahun;Tenaga Kerja;Tahun Berdiri;" \
    "Negara Tujuan Ekspor;Sertifikasi;Produk Unggulan;Kode HS\n"


def _recap(rows: int) -> bytes:
    """A regency recap with what offices' files hold: rows without NIB, the same business
    twice, wrong phones and years, amounts in words, unknown areas, foreign markets."""
    rng = random.Random(7)
    lines = [HEADER]
    for i in range(rows):
        nib = "" if i % 5 == 0 else str(9120000100000 + (i if i % 37 else i - 1))
        phone = rng.choice([f"0812-3456-{i % 10_000:04d}", "12345", "0431 862 345", ""])
        year = rng.choice(["2015", "2031", "12/03/2019", "dulu"])
        turnover = rng.choice(["Rp 150.000.000", "satu juta", "± 100 jt", "1,5 M", ""])
        area = rng.choice(["Kota Manado", "Kab. Minahasa", "MINAHASA UTARA", "Kota Makassar", "X"])
        markets = rng.choice(["Jepang; Korea Selatan", "Malaysia", "Eropa", ""])
        name = f"UD Usaha {i // 3 if i % 5 == 0 else i}"
        lines.append(
            f"{i + 1};{name};{nib};{area};{phone};{turnover};{rng.randrange(1, 40)};{year};"
            f"{markets};{rng.choice(['halal', 'PIRT, halal', ''])};Kopi bubuk;"
            f"{rng.choice(['090121', '999999', ''])}\n"
        )
    return "".join(lines).encode()


def _run(data: bytes, monkeypatch, *, child: bool, commit: bool = False):
    monkeypatch.setattr(parallel, "worth_a_process", lambda estimate, kind: child)
    office = Subdivision.objects.get(code="ID-SA")
    return runs.import_run(stream=io.BytesIO(data), filename="rekap.csv", office=office,
                           commit=commit)


def test_a_child_checks_the_rows_an_in_process_check_gives(monkeypatch):
    data = _recap(600)
    here = _run(data, monkeypatch, child=False).as_dict()
    there = _run(data, monkeypatch, child=True).as_dict()
    assert there == here
    assert here["rejected"] and here["created"] and here["warnings"]  # a varied file


def test_committed_from_a_child_the_registry_is_the_same(monkeypatch):
    data = _recap(300)
    summary = _run(data, monkeypatch, child=True, commit=True)
    assert Enterprise.objects.count() == summary.created > 0
    again = _run(data, monkeypatch, child=True).as_dict()
    assert again["created"] == 0 and again["unchanged"] == summary.created


def test_a_refusal_found_in_the_child_comes_back_with_its_code(monkeypatch, settings):
    settings.INTAKE_MAX_ROWS = 100
    with pytest.raises(FileRefused) as refused:
        _run(_recap(300), monkeypatch, child=True)
    assert refused.value.code == "too_many_rows"


def test_the_child_may_not_use_the_database(monkeypatch):
    def query_while_checking(self, result):
        Enterprise.objects.exists()

    monkeypatch.setattr(pipeline.RowValidator, "classify_size", query_while_checking)
    with pytest.raises(parallel.CheckingFailed, match="may not use the database"):
        _run(_recap(20), monkeypatch, child=True)
    assert Enterprise.objects.count() == 0  # this process's connection still works


def test_a_reader_that_stops_early_stops_the_child(monkeypatch):
    office = Subdivision.objects.get(code="ID-SA")
    prepared = runs._prepare(io.BytesIO(_recap(5000)), "rekap.csv", office, "ID", None, None)
    started = []
    real_process = parallel.multiprocessing.get_context("fork").Process

    class Watched(real_process):
        def start(self):
            super().start()
            started.append(self)

    monkeypatch.setattr(parallel.multiprocessing.get_context("fork"), "Process", Watched)
    chunks = parallel.checked_chunks(prepared.validator, [prepared.rows], in_process=False)
    assert len(next(chunks)) == 2000
    chunks.close()
    assert started and not started[0].is_alive()
    connection.ensure_connection()


@pytest.mark.parametrize(
    ("estimate", "minimum", "threads", "expected"),
    [(50_000, 5000, 1, True), (4000, 5000, 1, False), (50_000, None, 1, False),
     (50_000, 5000, 3, False)],
)
def test_a_process_only_for_a_large_file_from_a_single_thread(
    monkeypatch, settings, estimate, minimum, threads, expected
):
    settings.INTAKE_PARALLEL_MIN_ROWS = minimum
    monkeypatch.setattr(parallel.threading, "active_count", lambda: threads)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    assert parallel.worth_a_process(estimate) is expected
    assert parallel.worth_a_process(estimate, "xlsx") is False  # a workbook: in-process
