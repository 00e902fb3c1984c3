"""`etalase backup PATH`: the database, the media files and a manifest in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from etalase.operations.errors import BackupError
from etalase.operations.services import backup_create


class Command(BaseCommand):
    help = "Write a backup archive (database, media files, manifest with checksums) to PATH."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive to write, e.g. "
                            "/srv/backups/etalase-2026-12-08.tar.gz (never overwritten)")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, path: Path, database: str, **options) -> None:
        try:
            manifest = backup_create(path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        media = sum(1 for name in manifest["members"] if name.startswith("media/"))
        self.stdout.write(_("Backup written to %(path)s: %(tables)s tables, %(rows)s rows, "
                            "%(media)s media files (Etalase %(version)s).")
                          % {"path": path, "tables": len(manifest["row_counts"]),
                             "rows": sum(manifest["row_counts"].values()), "media": media,
                             "version": manifest["etalase_version"]})
