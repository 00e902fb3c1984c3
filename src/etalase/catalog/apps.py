from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def load_if_empty(sender, using: str = "default", **kwargs) -> None:
    """The HS nomenclature comes with `migrate`; reload it after a flush emptied it."""
    from etalase.catalog import hs_loader
    from etalase.catalog.models import HSCode, HSCodeTranslation

    if not HSCode.objects.using(using).exists():
        hs_loader.load(HSCode, HSCodeTranslation)


class CatalogConfig(AppConfig):
    name = "etalase.catalog"
    verbose_name = _("Catalog")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from etalase.catalog import search

        post_migrate.connect(load_if_empty, sender=self)
        # SQLite drops triggers when a migration rebuilds a table: put the search index's
        # triggers back (and refill the index) after every migrate.
        post_migrate.connect(search.on_post_migrate, sender=self)
