"""The `etalase` console command: runs any Django management command."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "etalase.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["etalase", *sys.argv[1:]])


if __name__ == "__main__":
    main()
