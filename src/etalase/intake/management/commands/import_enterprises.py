"""`etalase import_enterprises FILE --subdivision ID-SA [--commit] [--format json]`."""

import hashlib
import io
import json
import sys
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from etalase.intake import scrub
from etalase.intake.columns import how_label
from etalase.intake.models import OfficeMapping, Submission, SubmissionEvent
from etalase.intake.readers import FileRefused
from etalase.intake.services import import_run
from etalase.regions.models import Subdivision


class Command(BaseCommand):
    help = (
        "Check a provincial file of enterprises as that province's office; with --commit, "
        "write it (a secretariat action that skips review but not the owners' consent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--subdivision", required=True, help="ISO 3166-2 code, e.g. ID-SA")
        parser.add_argument("--commit", action="store_true")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        as_json = options["format"] == "json"
        office = Subdivision.objects.filter(code=options["subdivision"].upper()).first()
        if office is None:
            return self._refuse(
                as_json,
                "unknown_subdivision",
                _("Unknown subdivision code %(code)s.") % {"code": options["subdivision"]},
            )
        path = Path(options["file"])
        if not path.is_file():
            return self._refuse(
                as_json, "file_not_found", _("No such file: %(path)s") % {"path": path}
            )
        progress = None if as_json else self._progress
        # Read once: what is written and what is recorded (hash, cleaned copy) are one file.
        content = path.read_bytes()
        try:
            with io.BytesIO(content) as stream:
                summary = import_run(
                    stream=stream,
                    filename=path.name,
                    office=office,
                    commit=options["commit"],
                    source=f"cli import {path.name}",
                    progress=progress,
                    # The rows and their record commit together.
                    record=lambda summary: self._record(path, content, office, summary),
                )
        except FileRefused as refused:
            column_map = getattr(refused, "column_map", None)  # pipeline.ColumnsRefused
            columns = column_map.describe() if column_map is not None else []
            return self._refuse(as_json, refused.code, refused.message, columns)
        if as_json:
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False))
            return None
        sys.stderr.write("\n")
        data = summary.as_dict()
        self.stdout.write(
            _(
                "%(rows)d rows: %(created)d to create, %(updated)d to update, %(unchanged)d "
                "unchanged, %(rejected)d rejected."
            )
            % data
            if not options["commit"]
            else _(
                "%(rows)d rows: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                "%(rejected)d rejected."
            )
            % data
        )
        for column in summary.dropped_columns:
            self.stdout.write(
                _("Identity-number column “%(c)s” was dropped and not stored.") % {"c": column}
            )
        for column in summary.columns:
            self.stdout.write(
                f"  {column['letter']} {column['header'][:60]!r}: {_column_text(column)}"
            )
        for warning in data["warnings"][:200]:
            where = _("row %(row)s") % {"row": warning["row"]} if warning["row"] else _("column")
            self.stdout.write(
                f"  {where}, {warning['column']}: {warning['message']} [{warning['code']}]"
            )
        for error in data["errors"][:200]:
            self.stdout.write(
                f"  row {error['row']}, {error['column']}: {error['message']} [{error['code']}]"
            )
        return None

    def _progress(self, done: int) -> None:
        sys.stderr.write(f"\r{_('Rows checked')}: {done:,}")
        sys.stderr.flush()

    def _refuse(self, as_json: bool, code: str, message: str, columns: list | None = None):
        if as_json:
            payload = {
                "rows": 0,
                "created": 0,
                "updated": 0,
                "unchanged": 0,
                "rejected": 0,
                "errors": [
                    {
                        "row": None,
                        "column": None,
                        "field": None,
                        "code": code,
                        "message": str(message),
                    }
                ],
                "warnings": [],
                "columns": columns or [],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            raise SystemExit(2)
        raise CommandError(f"{message} [{code}]", returncode=2)

    def _record(self, path: Path, content: bytes, office: Subdivision, summary) -> None:
        """A CLI commit is a secretariat action: recorded like a submission, review skipped.
        The file is kept as an upload is, without identity numbers; the SHA-256 is the
        original's."""
        memory = OfficeMapping.objects.filter(office=office).first()
        cleaned = scrub.for_storage(content, path.name, country=office.country_id,
                                    extra_aliases=memory.aliases if memory else None)
        submission = Submission(
            office=office,
            country_id=office.country_id,
            uploaded_by=None,
            filename=path.name[:255],
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            status=Submission.Status.COMMITTED,
            skips_review=True,
            counts=summary.counts(),
            dropped_columns=list(dict.fromkeys([*summary.dropped_columns,
                                                *cleaned.identity_columns])),
        )
        submission.file.save(path.name, ContentFile(cleaned.content), save=False)
        submission.save()
        SubmissionEvent.objects.create(
            submission=submission,
            actor=None,
            action="committed_by_secretariat_cli",
            file_sha256=submission.sha256,
        )


def _column_text(column: dict) -> str:
    """One column of the summary in words, for the text output."""
    filled = f"{column['field']} — " if column["field"] else ""
    unit = f" [{column['unit']}]" if column.get("unit") else ""
    return f"{filled}{how_label(column)}{unit}"
