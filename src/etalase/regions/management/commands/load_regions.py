from django.core.management.base import BaseCommand

from etalase.regions import loader
from etalase.regions.areas import load_areas
from etalase.regions.models import Area, Country, Subdivision


class Command(BaseCommand):
    help = (
        "Load or refresh countries and ISO 3166-2 subdivisions from pycountry, and the "
        "second-level areas of Indonesia, the Philippines, Malaysia and Brunei."
    )

    def handle(self, *args, **options):
        countries, subdivisions = loader.load(Country, Subdivision)
        areas = load_areas(Area, Subdivision)
        self.stdout.write(f"{countries} countries, {subdivisions} subdivisions, {areas} areas")
