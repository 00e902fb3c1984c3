from django.db import models


class RateCounter(models.Model):
    """Hits of one key (rule, address or token) in one fixed time window.

    The bucket names the window (`signin:ip:203.0.113.0:60:29467120`), so a new window is a new
    row and no reset is needed; rows whose window has ended are deleted when a new one starts.
    Kept in the database, not in a process's memory, so that every worker and node counts
    against the same figure.
    """

    bucket = models.CharField(max_length=200, unique=True)
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.bucket}: {self.hits}"
