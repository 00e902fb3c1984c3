"""Background work of submissions: the worker takes ids, never objects."""

from django.contrib.auth import get_user_model
from django_tasks import task

from etalase.intake.models import Submission
from etalase.intake.runs import submission_commit, submission_validate


@task()
def check_submission(submission_id: int, actor_id: int | None) -> None:
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    submission = Submission.objects.filter(pk=submission_id, status="uploaded").first()
    if submission is not None:  # checked already (a task run twice)
        submission_validate(submission=submission, actor=actor)


@task()
def commit_submission(submission_id: int, actor_id: int | None) -> None:
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    submission_commit(submission_id=submission_id, actor=actor)
