"""Field capture (issue 15): what one ODK Collect record costs as the day's submission grows.

    .venv/bin/python bench/fieldcapture.py [--records 200] [--every 50]

Migrates a temporary SQLite database, then, in one process, posts `--records` filled forms
to /fieldcapture/ID-SA/submission as ODK Collect sends them (Basic credentials, multipart
with `xml_submission_file` and a JPEG) through Django's whole stack, one after the other,
and prints, every `--every` records, the time of that POST beside two floors measured in
the same run:

  * check n rows — the intake checking the same n rows as one uploaded CSV (rows_in.put_rows:
    scrub, check, store the preview rows), which each record pays again, since a submission
    is a file checked whole;
  * HEAD — the size negotiation request (authentication remembered, OpenRosa headers).

The password is hashed with the production hasher (PBKDF2): the first request pays it, the
next ones find the verified pair remembered (fieldcapture.auth).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import statistics, sys, time, uuid, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
sys.path.insert(0, {root!r})
from tests.fieldcapture.conftest import headers, instance_xml, post_instance
from etalase.accounts.models import Role, RoleAssignment, User
from etalase.fieldcapture.models import FieldRecord
from etalase.intake import rows_in
from etalase.intake.models import Submission
user = User.objects.create_user("bench.officer@example.test", "correct-horse-battery")
RoleAssignment.objects.create(user=user, role=Role.OFFICER, subdivision_id="ID-SA")
client = Client()
areas = ["ID-71.04", "ID-71.03", "ID-71.09", "ID-71.02", "ID-71.71"]
print(f"{{'record':>7}}{{'POST ms':>10}}{{'check n rows ms':>17}}{{'ratio':>7}}{{'HEAD ms':>9}}")
for n in range(1, {records} + 1):
    xml = instance_xml(legal_name=f"UD Kopra Talaud {{n}}", regency=areas[n % 5],
                       phone=f"0812{{n:08d}}", instance_id=f"uuid:{{uuid.uuid4()}}")
    t = time.perf_counter()
    response = post_instance(client, user, xml)
    post_ms = (time.perf_counter() - t) * 1000
    assert response.status_code == 201, response.content
    if n == 1 or n % {every} == 0:
        submission = Submission.objects.get(status="validated")
        rows = [r.values for r in FieldRecord.objects.filter(submission=submission)
                .order_by("row")]
        floor = Submission.objects.create(office_id="ID-SA", country_id="ID",
                                          uploaded_by=user, filename="floor.csv", sha256="")
        t = time.perf_counter()
        rows_in.put_rows(submission=floor, actor=user, rows=rows)
        check_ms = (time.perf_counter() - t) * 1000
        floor.delete()
        heads = []
        for _ in range(20):
            t = time.perf_counter()
            client.head("/fieldcapture/ID-SA/submission", **headers(user))
            heads.append((time.perf_counter() - t) * 1000)
        print(f"{{n:>7}}{{post_ms:>10.1f}}{{check_ms:>17.1f}}{{post_ms / check_ms:>7.2f}}"
              f"{{statistics.median(heads):>9.1f}}", flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--every", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ETALASE_DEV": "1", "DJANGO_SETTINGS_MODULE": "etalase.settings",
               "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "ETALASE_HOME": tmp,
               "MEDIA_ROOT": f"{tmp}/media", "ETALASE_TESTING": "0"}
        subprocess.run([sys.executable, "-m", "etalase", "migrate", "-v0"], env=env,
                       check=True, cwd=ROOT)
        code = CHILD.format(root=str(ROOT), records=args.records, every=args.every)
        subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
