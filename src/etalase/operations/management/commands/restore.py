"""`etalase restore PATH`: check a backup archive, then restore it into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from etalase.operations.errors import BackupError
from etalase.operations.services import backup_restore, backup_verify


class Command(BaseCommand):
    help = ("Restore a backup archive made by `etalase backup` into an empty database, after "
            "checking its checksums, manifest and version; then compare row counts.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive written by `etalase backup`")
        parser.add_argument("--check", action="store_true",
                            help="only verify the archive (checksums, manifest, version); "
                                 "change nothing")
        parser.add_argument("--replace", action="store_true",
                            help="drop everything in a non-empty database (and overwrite media "
                                 "files of the same name) before restoring")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, path: Path, check: bool, replace: bool, database: str,
               **options) -> None:
        try:
            if check:
                manifest = backup_verify(path, using=database)
                self.stdout.write(_("%(path)s verifies: %(members)s members, made %(made)s by "
                                    "Etalase %(version)s.")
                                  % {"path": path, "members": len(manifest["members"]) + 1,
                                     "made": manifest.get("created_at", "?"),
                                     "version": manifest.get("etalase_version", "?")})
                return
            result = backup_restore(path, replace=replace, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Restored %(path)s: %(tables)s tables, %(rows)s rows (as the manifest "
                            "says), %(media)s media files.")
                          % {"path": path, "tables": result.tables, "rows": result.rows,
                             "media": result.media_files})
        if result.pending_migrations:
            self.stdout.write(_("The backup is older than this Etalase: run `etalase migrate` "
                                "(%(count)s migrations to apply).")
                              % {"count": len(result.pending_migrations)})
