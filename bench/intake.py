"""Provincial import speed: validate + commit of generated files, beside raw rates.

Prints rows/s for CSV and XLSX at each size (wall time; CPU seconds beside it, as the
machine may be shared, with those of the process that checks a large file meanwhile:
intake.parallel), peak memory (the peak resident size, VmHWM, of a child process per run,
plus the checking process's: an upper bound, as the fork's shared pages count twice; and the
peak of the two processes' summed PSS, sampled from outside, which counts them once), and
the raw rates of the same machine: csv.reader, the XLSX reader alone (etalase.intake.xlsx,
streaming), and a bare executemany INSERT of enterprise rows in one transaction (alone, and
with the history row and certification an import also writes per enterprise). The workbooks
keep their texts in a shared-string table, as Excel saves them.
Budgets (issue 3): ≥ 10,000 rows/s CSV, ≥ 5,000 rows/s XLSX, ≤ 300 MB at 200k rows.

    .venv/bin/python bench/intake.py [--sizes 50000 200000] [--formats csv xlsx]
"""

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "No",
    "Nama Usaha",
    "NIB",
    "Provinsi",
    "Kabupaten/Kota",
    "No. HP",
    "Email",
    "Omzet per Tahun",
    "Tenaga Kerja",
    "Tahun Berdiri",
    "Status Ekspor",
    "Sertifikasi",
]
REGENCIES = ["KOTA MANADO", "KABUPATEN MINAHASA", "KOTA BITUNG", "KABUPATEN SANGIHE"]


# Share of rows without a registration number (most micro enterprises have none): those are
# identified by fingerprint and compared by name for probable duplicates (--without-nib).
WITHOUT_NIB = 0.0


def generate_rows(n: int):
    rng = random.Random(42)
    for i in range(n):
        yield [
            i + 1,
            f"UD Usaha Contoh {i}",
            "" if rng.random() < WITHOUT_NIB else str(9120000000000 + i),
            "Sulawesi Utara",
            rng.choice(REGENCIES),
            f"0812{rng.randrange(10**7, 10**8)}",
            f"usaha{i}@contoh.co.id",
            f"Rp {rng.randrange(100, 1900)}.000.000",
            rng.randrange(1, 90),
            rng.randrange(1980, 2025),
            rng.choice(["sudah ekspor", "siap ekspor", "belum"]),
            rng.choice(["halal", "PIRT, halal", "", "organik"]),
        ]


def write_csv(path: Path, n: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["DATA UMKM PROVINSI SULAWESI UTARA"])
        writer.writerow(HEADER)
        writer.writerows(generate_rows(n))


def write_xlsx(path: Path, n: int) -> None:
    """The rows as Excel saves them: every text in the shared-string table (openpyxl writes
    inline strings; the table is what a reader must hold in memory, the harder case)."""
    import re
    import zipfile

    import openpyxl

    inline = path.with_suffix(".inline.xlsx")
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(["DATA UMKM PROVINSI SULAWESI UTARA"])
    ws.append(HEADER)
    for row in generate_rows(n):
        ws.append(row)
    wb.save(inline)
    index: dict[str, int] = {}

    def shared(match: re.Match) -> str:
        number = index.setdefault(match.group(2), len(index))
        return f'<c r="{match.group(1)}" t="s"><v>{number}</v></c>'

    with zipfile.ZipFile(inline) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(r'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>(.*?)</t></is></c>',
                              shared, data.decode()).encode()
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdSST" />'
                    b"</Relationships>"))
            target.writestr(info.filename, data)
        target.writestr("xl/sharedStrings.xml", (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'uniqueCount="{len(index)}">' + "".join(f"<si><t>{t}</t></si>" for t in index)
            + "</sst>"))
    inline.unlink()


def child_env(db: Path) -> dict:
    return {
        **os.environ,
        "ETALASE_DEV": "1",
        "DJANGO_SETTINGS_MODULE": "etalase.settings",
        "DATABASE_URL": f"sqlite:///{db}",
        "ETALASE_HOME": str(db.parent),
        "INTAKE_MAX_ROWS": "1000000",
    }


def _pss_kb(pid: int) -> int:
    """The process's proportional set size: its private pages, and each page it shares with
    others divided among them (so a forked child's pages are not counted twice)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def _family(pid: int) -> list[int]:
    """The process and its descendants (the import forks a checking process)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as fh:
                todo += [int(child) for child in fh.read().split()]
        except OSError:
            pass
    return found


def run_child(code: str, env: dict) -> dict:
    """Run `code` in a fresh interpreter; it prints one JSON object. Beside its own figures,
    the peak of the summed PSS of the process and its children, sampled every 50 ms: the
    memory the import really takes when it checks in a second process."""
    process = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_pss_kb(pid) for pid in _family(process.pid)))
        time.sleep(0.05)
    out, err = process.communicate()
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, code, out, err)
    return {**json.loads(out.strip().splitlines()[-1]), "pss_mb": peak / 1024}


IMPORT_CODE = """
import json, resource, time, django
django.setup()
from django.conf import settings
settings.INTAKE_MAX_ROWS = 1_000_000
from etalase.intake.services import import_run
from etalase.regions.models import Subdivision
office = Subdivision.objects.get(code="ID-SA")
start, cpu = time.perf_counter(), time.process_time()
with open({path!r}, "rb") as fh:
    s = import_run(stream=fh, filename={name!r}, office=office, commit=True)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
# The peak of this process's own memory (VmHWM, kB): ru_maxrss would also count what the
# bench's parent had resident when it started this child (Linux keeps it across exec).
rss = next(int(line.split()[1]) for line in open("/proc/self/status")
           if line.startswith("VmHWM:")) / 1024
# A large file is checked in a forked child (intake.parallel): its peak is added, and its CPU
# seconds too. (The sum counts twice the pages the fork shares: an upper bound.)
child = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({{"rows": s.rows, "created": s.created, "rejected": s.rejected,
                  "seconds": elapsed, "cpu_seconds": cpu,
                  "child_cpu_seconds": child.ru_utime + child.ru_stime,
                  "peak_mb": rss + child.ru_maxrss / 1024, "child_mb": child.ru_maxrss / 1024}}))
"""

RAW_CODE = """
import csv, json, time, django
django.setup()
from etalase.intake.xlsx import open_sheet
from django.db import connection, transaction
from django.utils import timezone
t = time.perf_counter(); n = sum(1 for _ in csv.reader(open({csv_path!r}, encoding="utf-8"),
                                                         delimiter=";"))
csv_rate = n / (time.perf_counter() - t)
t = time.perf_counter()
with open({xlsx_path!r}, "rb") as fh:
    n = sum(1 for _ in open_sheet(fh).rows)
xlsx_rate = n / (time.perf_counter() - t)
rows = 50000
from etalase.enterprises.models import Enterprise
now = connection.ops.adapt_datetimefield_value(timezone.now())
# Plain executemany in one transaction, every column given (as an import fills them): the
# floor of any commit. Enterprise rows alone, then each with a history row (every import
# records one) and a certification (the search index triggers fire on those).
columns = {{f.column: "" for f in Enterprise._meta.concrete_fields if not f.primary_key}}
def enterprise(i):
    return {{**columns, "legal_name": f"UD Raw {{i}}", "registration_id": str(8000000000000 + i),
            "registration_scheme": "NIB", "country_id": "ID", "subdivision_id": "ID-SA",
            "currency": "IDR", "regency": "KOTA MANADO", "phone": f"+62812{{i:08d}}",
            "email": f"raw{{i}}@contoh.co.id", "annual_turnover": "1500000000.00",
            "employees": 12, "year_established": 2001, "export_status": "ready",
            "sector_kind": "manufacturing", "size_class": "small", "export_markets": "[]",
            "owner_edited_fields": "[]", "consent": "pending", "is_published": True,
            "language": "id", "verified_at": None, "verified_by_id": None, "consent_at": None,
            "owner_edited_at": None, "created_at": now, "updated_at": now,
            # What an import now fills too: the area and the identity fingerprint.
            "area_id": "ID-71.71", "identity_fingerprint": f"{{i:064x}}"}}
def insert(cursor, table, dicts):
    names = list(dicts[0])
    sql = (f"INSERT INTO {{table}} ({{', '.join(names)}}) "
           f"VALUES ({{', '.join(['%s'] * len(names))}})")
    cursor.executemany(sql, [tuple(d[k] for k in names) for d in dicts])
history = Enterprise.history.model._meta.db_table
# The history table has the record's tracked columns only (e.g. no updated_at).
history_columns = {{f.column for f in Enterprise.history.model._meta.concrete_fields}}
rates = {{}}
for label, start in (("bare_insert", 0), ("insert_with_history", rows)):
    data = [enterprise(start + i) for i in range(rows)]
    t, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic(), connection.cursor() as cursor:
        insert(cursor, Enterprise._meta.db_table, data)
        if label == "insert_with_history":
            cursor.execute("SELECT registration_id, id FROM enterprises_enterprise")
            ids = dict(cursor.fetchall())
            insert(cursor, history, [{{k: v for k, v in d.items() if k in history_columns}} | {{
                "id": ids[d["registration_id"]], "history_date": now, "history_type": "+",
                "history_change_reason": "raw", "history_user_id": None}} for d in data])
            insert(cursor, "enterprises_certification", [{{
                "enterprise_id": ids[d["registration_id"]], "kind": "halal", "number": "",
                "issuer": "", "valid_from": None, "valid_until": None}} for d in data])
    rates[label] = rows / (time.perf_counter() - t)
    rates[label + "_cpu"] = rows / (time.process_time() - cpu)
print(json.dumps({{"csv_reader": csv_rate, "xlsx_reader": xlsx_rate, **rates}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 200_000])
    parser.add_argument("--formats", nargs="+", default=["csv", "xlsx"])
    parser.add_argument("--without-nib", type=float, default=0.0,
                        help="share of rows without a registration number (0..1)")
    args = parser.parse_args()
    global WITHOUT_NIB
    WITHOUT_NIB = args.without_nib
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        template_db = tmp / "template.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "etalase", "migrate", "-v0"],
            env=child_env(template_db),
            check=True,
        )
        print(
            f"{'file':<22}{'rows':>9}{'seconds':>9}{'cpu s':>8}{'+child':>8}{'rows/s':>10}"
            f"{'peak MB':>9}{'child':>7}{'PSS MB':>8}  budget"
        )
        results = {}
        for size in args.sizes:
            for fmt in args.formats:
                path = tmp / f"data_{size}.{fmt}"
                (write_csv if fmt == "csv" else write_xlsx)(path, size)
                db = tmp / f"run_{size}_{fmt}.sqlite3"
                db.write_bytes(template_db.read_bytes())
                out = run_child(IMPORT_CODE.format(path=str(path), name=path.name), child_env(db))
                rate = out["rows"] / out["seconds"]
                budget = 10_000 if fmt == "csv" else 5_000
                # On CPU seconds, the busier of the two processes (they run side by side).
                busiest = max(out["cpu_seconds"], out["child_cpu_seconds"])
                results[(size, fmt)] = rate, out["rows"] / busiest
                verdict = "ok" if rate >= budget and out["pss_mb"] <= 300 else "OVER"
                print(
                    f"{path.name:<22}{out['rows']:>9}{out['seconds']:>9.2f}"
                    f"{out['cpu_seconds']:>8.2f}{out['child_cpu_seconds']:>8.2f}{rate:>10.0f}"
                    f"{out['peak_mb']:>9.0f}{out['child_mb']:>7.0f}{out['pss_mb']:>8.0f}"
                    f"  ≥{budget:,}/s ≤300 MB (PSS): "
                    f"{verdict}"
                )
        csv_path = tmp / f"data_{args.sizes[0]}.csv"
        xlsx_path = tmp / f"data_{args.sizes[0]}.xlsx"
        if not xlsx_path.exists():
            write_xlsx(xlsx_path, args.sizes[0])
        if not csv_path.exists():
            write_csv(csv_path, args.sizes[0])
        raw_db = tmp / "raw.sqlite3"
        raw_db.write_bytes(template_db.read_bytes())
        raw = run_child(
            RAW_CODE.format(csv_path=str(csv_path), xlsx_path=str(xlsx_path)), child_env(raw_db)
        )
        print(
            f"raw rates here: csv.reader {raw['csv_reader']:,.0f} rows/s; "
            f"XLSX reader {raw['xlsx_reader']:,.0f} rows/s; bare insert (executemany, enterprise "
            f"rows) {raw['bare_insert']:,.0f} rows/s; with a history row and a certification "
            f"each {raw['insert_with_history']:,.0f} rows/s"
        )
        # On a shared machine the other processes' load lengthens wall times unevenly (the
        # floor runs for seconds, an import for a minute): the same ratio on CPU seconds is
        # printed beside it.
        for (size, fmt), (rate, cpu_rate) in results.items():
            ceiling = raw["csv_reader"] if fmt == "csv" else raw["xlsx_reader"]
            floor = rate / raw["insert_with_history"]
            floor_cpu = cpu_rate / raw["insert_with_history_cpu"]
            verdict = ("ok" if floor >= 0.45 else "UNDER") if fmt == "csv" else "-"
            print(
                f"{fmt} {size}: validate+commit runs at {rate / ceiling:.1%} of the raw reader, "
                f"{rate / raw['bare_insert']:.1%} of a bare insert and {floor:.1%} of the "
                f"insert-with-history floor ({floor_cpu:.1%} on CPU seconds; "
                f"issue 13: CSV >= 45 %, aim 70 %: {verdict})"
            )
    _ = resource  # the children measure their own peak


if __name__ == "__main__":
    main()
