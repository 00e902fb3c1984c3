"""One exception for everything a backup or a restore refuses, with a code tests can name."""


class BackupError(Exception):
    """A backup could not be made, or an archive was refused; the message says which and why."""

    def __init__(self, message: str, code: str = "failed") -> None:
        super().__init__(message)
        self.code = code
