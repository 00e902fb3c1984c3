"""Run the development server and the background task worker together (`make run`)."""

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start the task worker (db_worker) in a child process and the web server in this one."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        worker = subprocess.Popen(
            [sys.executable, "-m", "etalase", "db_worker", "--queue-name", "*"]
        )
        self.stdout.write(f"Task worker started (pid {worker.pid}).")
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
