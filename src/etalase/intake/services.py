"""Submissions: upload → check → submit → accept or return → commit, each step recorded.

The checking and writing engine is in `runs` (re-exported here for callers); long steps
run in the worker through `tasks`, which call `runs` (never this module).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from etalase.accounts import permissions
from etalase.catalog.models import HSCode
from etalase.intake import scrub, tasks
from etalase.intake.columns import normalise_header
from etalase.intake.models import OfficeMapping, Submission, SubmissionRow
from etalase.intake.runs import (  # noqa: F401  (the engine, as callers know it)
    _record,
    _refuse,
    import_run,
    submission_commit,
    submission_validate,
)
from etalase.regions.models import Subdivision

# --- the web workflow ------------------------------------------------------------


def submission_upload(
    *, actor, office: Subdivision, filename: str, content: bytes, language: str,
    check_later: bool = False,
) -> Submission:
    """Keep the file without its identity numbers (the original's SHA-256 as its fingerprint)
    and check that copy; a refused file is kept too, one that cannot be read as its hash only."""
    if not permissions.can_submit_for(actor, office.code):
        raise PermissionDenied(_("You may not submit data for this province."))
    memory = OfficeMapping.objects.filter(office=office).first()
    with translation.override(language):
        cleaned = scrub.for_storage(content, filename, country=office.country_id,
                                    extra_aliases=memory.aliases if memory else None)
    submission = Submission.objects.create(
        office=office,
        country_id=office.country_id,
        uploaded_by=actor,
        filename=filename[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        language=language,
        dropped_columns=cleaned.identity_columns,
    )
    submission.file.save(
        f"{submission.pk}-{submission.sha256[:12]}", ContentFile(cleaned.content), save=True
    )
    _record(submission, actor, "uploaded")
    if cleaned.refused is not None:
        return _refuse(submission, actor, cleaned.refused)
    if check_later:
        # The page shows the check's progress while the worker reads a large file.
        # Not on_commit: the submission is saved already (autocommit), and the immediate
        # backend of tests checks it here as the worker would.
        tasks.check_submission.enqueue(submission.pk, actor.pk)
        submission.refresh_from_db()
        return submission
    submission_validate(submission=submission, actor=actor)
    return submission


def submission_remap(
    *, submission: Submission, actor, fields: dict[int, str | None], constants: dict[str, str]
) -> Submission:
    """The officer corrects the mapping; it is remembered for the office's next file."""
    if not permissions.can_submit_for(actor, submission.office_id):
        raise PermissionDenied
    if submission.status not in ("uploaded", "validated", "returned", "refused"):
        # Remapping re-checks the file and would pull a submitted one back to "validated".
        raise PermissionDenied(
            _("This step is not possible while the submission is “%(s)s”.")
            % {"s": submission.get_status_display()}
        )
    column_map = dict(submission.column_map)
    column_map["fields"] = {str(k): v for k, v in fields.items()}
    column_map["constants"] = {k: v for k, v in constants.items() if v}
    memory, _created = OfficeMapping.objects.get_or_create(office=submission.office)
    for index, name in fields.items():
        header = column_map["headers"][int(index)]
        if normalise_header(header):
            memory.aliases[normalise_header(header)] = name or ""
    memory.constants = column_map["constants"]
    memory.save()
    _record(submission, actor, "remapped")
    return submission_validate(submission=submission, actor=actor, column_map=column_map)


def _transition(
    submission_id: int,
    actor,
    *,
    allowed: tuple[str, ...],
    to: str,
    action: str,
    check: Callable[[Submission], bool],
    comment: str = "",
) -> Submission:
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        if not check(submission):
            raise PermissionDenied
        if submission.status not in allowed:
            raise PermissionDenied(
                _("This step is not possible while the submission is “%(s)s”.")
                % {"s": submission.get_status_display()}
            )
        submission.status = to
        submission.save(update_fields=["status", "updated_at"])
        _record(submission, actor, action, comment)
    return submission


def submission_submit(*, submission: Submission, actor) -> Submission:
    return _transition(
        submission.pk,
        actor,
        allowed=("validated", "returned"),
        to="submitted",
        action="submitted",
        check=lambda s: permissions.can_submit_for(actor, s.office_id),
    )


def submission_return(*, submission: Submission, actor, comment: str) -> Submission:
    return _transition(
        submission.pk,
        actor,
        allowed=("submitted",),
        to="returned",
        action="returned",
        comment=comment[:2000],
        check=lambda s: permissions.can_review_submission(actor, s),
    )


def submission_accept(
    *, submission: Submission, actor, decisions: dict | None = None
) -> Submission:
    submission = _transition(
        submission.pk,
        actor,
        allowed=("submitted",),
        to="accepted",
        action="accepted",
        check=lambda s: permissions.can_review_submission(actor, s),
    )
    if decisions:
        Submission.objects.filter(pk=submission.pk).update(decisions=decisions)
    transaction.on_commit(lambda: tasks.commit_submission.enqueue(submission.pk, actor.pk))
    return submission


def submission_decide(*, submission: Submission, actor, decisions: dict) -> Submission:
    """Record the choice for fields the owner edited by hand: keep the owner's value or take
    the file's. The officer decides before submitting, the focal point while reviewing; only
    real conflicts of this submission's rows are kept."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        officer = permissions.can_submit_for(actor, submission.office_id) and submission.status in (
            "validated",
            "returned",
        )
        reviewer = (
            permissions.can_review_submission(actor, submission)
            and submission.status == "submitted"
        )
        if not (officer or reviewer):
            raise PermissionDenied
        conflicts = dict(
            SubmissionRow.objects.filter(submission=submission, action="update")
            .exclude(conflicts=[])
            .values_list("row", "conflicts")
        )
        matches = dict(
            SubmissionRow.objects.filter(submission=submission)
            .exclude(matches=[])
            .values_list("row", "matches")
        )
        # Rows whose product came without an HS code: the officer may confirm a subheading.
        asked = [int(r) for r, f in decisions.items() if "hs_code" in f and str(r).isdigit()]
        products = SubmissionRow.objects.filter(
            submission=submission, row__in=asked[:1000], product__isnull=False
        ).exclude(action="rejected").values_list("row", "product")
        uncoded = {row for row, product in products if product and not product.get("hs_code_id")}
        merged = {row: dict(fields) for row, fields in (submission.decisions or {}).items()}
        identity_changed = False
        for row, fields in decisions.items():
            allowed = set(conflicts.get(int(row), [])) if str(row).isdigit() else set()
            for name, choice in fields.items():
                if name in allowed and choice in ("file", "owner"):
                    merged.setdefault(str(row), {})[name] = choice
                elif (name == "identity" and officer and str(row).isdigit()
                      and choice in _identity_choices(matches.get(int(row), []))):
                    identity_changed |= merged.get(str(row), {}).get(name) != choice
                    merged.setdefault(str(row), {})[name] = choice
                elif (name == "hs_code" and officer and str(row).isdigit()
                      and int(row) in uncoded and _is_subheading(choice)):
                    merged.setdefault(str(row), {})[name] = choice
        submission.decisions = merged
        submission.save(update_fields=["decisions", "updated_at"])
        _record(submission, actor, "decided")
    if identity_changed:
        # "Same enterprise" turns a new row into an update (or drops a row repeated in the
        # file): check the file again with the officer's word.
        submission = submission_validate(
            submission=submission, actor=actor, column_map=submission.column_map
        )
    return submission


def _is_subheading(code: str) -> bool:
    return len(code) == 6 and code.isdigit() and HSCode.objects.filter(code=code, level=6).exists()


def _identity_choices(matches: list[dict]) -> set[str]:
    """What the officer may say of a row's probable duplicates (intake.duplicates)."""
    choices = {"different"}
    for match in matches:
        if match.get("kind") == "registry":
            choices.add(f"same:{match['enterprise_id']}")
        elif match.get("kind") == "file":
            choices.add(f"same-row:{match['row']}")
    return choices


def record_paper_consent(*, actor, enterprise, date) -> None:
    from etalase.enterprises.models import Consent

    if (
        not permissions.can_change_enterprise(actor, enterprise)
        or not permissions.scope_of(actor).is_official
    ):
        raise PermissionDenied
    enterprise.consent, enterprise.consent_at = Consent.PAPER, date
    enterprise._change_reason = f"paper consent recorded by {actor} on {timezone.localdate()}"
    enterprise.save(update_fields=["consent", "consent_at", "updated_at"])
