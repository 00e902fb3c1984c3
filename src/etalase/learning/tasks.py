"""Background work of the learning app: the worker takes ids, never objects."""

from django_tasks import task


@task()
def notify_programme_published(programme_id: int) -> None:
    """Notices for the owners of eligible enterprises, then their e-mail digests."""
    from etalase.learning import notifications

    if notifications.notify_programme_published(programme_id):
        notifications.send_digests()


@task()
def send_digests(user_ids: list[int] | None = None) -> None:
    from etalase.learning import notifications

    notifications.send_digests(user_ids)
