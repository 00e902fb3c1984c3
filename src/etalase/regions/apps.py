from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def load_if_empty(sender, using: str = "default", **kwargs) -> None:
    """Reference data comes with `migrate`; a flush (as tests that commit do) empties it,
    and the post_migrate signal that follows a flush puts it back."""
    from etalase.regions import loader
    from etalase.regions.areas import load_areas
    from etalase.regions.models import Area, Country, Subdivision

    if not Country.objects.using(using).exists():
        loader.load(Country, Subdivision)
    if not Area.objects.using(using).exists():
        load_areas(Area, Subdivision)


class RegionsConfig(AppConfig):
    name = "etalase.regions"
    verbose_name = _("Regions")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(load_if_empty, sender=self)
