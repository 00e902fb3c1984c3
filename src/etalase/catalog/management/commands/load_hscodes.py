from django.core.management.base import BaseCommand

from etalase.catalog import hs_loader
from etalase.catalog.models import HSCode, HSCodeTranslation


class Command(BaseCommand):
    help = "Load or refresh the HS 2022 nomenclature and the multilingual names of goods."

    def handle(self, *args, **options):
        codes, names = hs_loader.load(HSCode, HSCodeTranslation)
        self.stdout.write(f"{codes} HS codes, {names} translated names")
