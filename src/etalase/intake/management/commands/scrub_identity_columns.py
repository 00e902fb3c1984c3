"""`etalase scrub_identity_columns [--dry-run]`: clean what submissions stored before the
intake removed identity numbers at upload (etalase.intake.scrub).

Each stored copy is cleaned as an upload is now (identity columns emptied, other identity
numbers masked; a workbook rewritten as one sheet of values; an unreadable file replaced by
nothing, its hash kept), and identity numbers in the checked rows' values and problems are
masked. Running it again changes nothing. The migration intake 0003 runs the same cleaning.
"""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from etalase.intake import scrub
from etalase.intake.models import OfficeMapping, Submission


class Command(BaseCommand):
    help = (
        "Remove identity numbers (NIK, MyKad) from the files and checked rows that submissions "
        "stored; idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be cleaned; change nothing."
        )

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        files = rows = left = 0
        for submission, file_result, changed_rows in clean_all(dry_run=dry_run):
            if file_result is None and not changed_rows:
                continue
            over = _over_limits(file_result)
            left += over
            files += file_result is not None and not over
            rows += changed_rows
            said = _describe(file_result, changed_rows)
            self.stdout.write(f"#{submission.pk} {submission.filename}: {said}")
        verb = _("would be cleaned") if dry_run else _("cleaned")
        self.stdout.write(
            _("%(files)d stored files and %(rows)d checked rows %(verb)s.")
            % {"files": files, "rows": rows, "verb": verb}
        )
        if left:
            self.stderr.write(
                _("%(n)d stored files are over the upload limits and were not cleaned: raise "
                  "INTAKE_MAX_UPLOAD_BYTES or INTAKE_MAX_ROWS and run this again.") % {"n": left}
            )


def clean_all(*, dry_run: bool = False, submissions=None, mappings=None):
    """(submission, the file's Scrubbed or None, rows changed) for every submission; the
    managers may be a migration's historical ones."""
    submissions = submissions if submissions is not None else Submission.objects
    mappings = mappings if mappings is not None else OfficeMapping.objects
    aliases = dict(mappings.values_list("office_id", "aliases"))
    for submission in submissions.order_by("pk").iterator(chunk_size=100):
        result = clean_stored(
            submission, extra_aliases=aliases.get(submission.office_id), dry_run=dry_run
        )
        changed_rows = clean_stored_rows(submission, dry_run=dry_run)
        yield submission, result, changed_rows


def _over_limits(result: scrub.Scrubbed | None) -> bool:
    return bool(result and result.refused and result.refused.code in scrub.OVER_LIMITS)


def _describe(result: scrub.Scrubbed | None, changed_rows: int) -> str:
    parts = []
    if _over_limits(result):
        parts.append(_("not cleaned: over the upload limits (%(code)s)")
                     % {"code": result.refused.code})
    elif result is not None and result.refused is not None:
        parts.append(_("unreadable file replaced by its hash only (%(code)s)")
                     % {"code": result.refused.code})
    elif result is not None:
        if result.identity_columns:
            parts.append(_("columns emptied: %(columns)s")
                         % {"columns": ", ".join(result.identity_columns)})
        if result.masked_cells:
            parts.append(_("%(n)d cells masked") % {"n": result.masked_cells})
        if not parts:
            parts.append(_("workbook rewritten as values only"))
    if changed_rows:
        parts.append(_("%(n)d checked rows masked") % {"n": changed_rows})
    return "; ".join(parts)


def clean_stored(submission, *, extra_aliases: dict | None = None, dry_run: bool = False
                 ) -> scrub.Scrubbed | None:
    """Clean a submission's stored copy as an upload is cleaned now (for the command and the
    migration: also takes a historical model). None when there was nothing to change."""
    name = submission.file.name
    if not name:
        return None
    try:
        with submission.file.open("rb") as stream:
            content = stream.read()
    except FileNotFoundError:
        return None
    result = scrub.for_storage(content, submission.filename, country=submission.country_id,
                               extra_aliases=extra_aliases)
    if result.content == content:
        return None
    if result.refused is not None and result.refused.code in scrub.OVER_LIMITS:
        # Readable, but over today's limits (lowered since?): left as it is, and said so.
        return result
    if not dry_run:
        submission.file.save(f"{submission.pk}-{submission.sha256[:12]}",
                             ContentFile(result.content), save=False)
        type(submission).objects.filter(pk=submission.pk).update(file=submission.file.name)
        if submission.file.name != name:
            submission.file.storage.delete(name)
    return result


def clean_stored_rows(submission, *, dry_run: bool = False) -> int:
    """Mask identity numbers in a submission's checked rows (stored before the upload removed
    them); the number of rows changed."""
    changed = []
    for row in submission.rows.all().iterator(chunk_size=1000):
        before = (row.values, row.problems, row.warnings)
        after = tuple(scrub.masked_json(part, country=submission.country_id) for part in before)
        if after != before:
            row.values, row.problems, row.warnings = after
            changed.append(row)
    if changed and not dry_run:
        type(changed[0]).objects.bulk_update(changed, ["values", "problems", "warnings"],
                                             batch_size=1000)
    return len(changed)
