from django.core.management.base import BaseCommand

from etalase.regions import loader
from etalase.regions.models import Country, Subdivision


class Command(BaseCommand):
    help = "Load or refresh countries and ISO 3166-2 subdivisions from pycountry."

    def handle(self, *args, **options):
        countries, subdivisions = loader.load(Country, Subdivision)
        self.stdout.write(f"{countries} countries, {subdivisions} subdivisions")
