from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "etalase.catalog"
    verbose_name = _("Catalog")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from etalase.catalog import search

        # SQLite drops triggers when a migration rebuilds a table: put the search index's
        # triggers back (and refill the index) after every migrate.
        post_migrate.connect(search.on_post_migrate, sender=self)
