from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "etalase.insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from etalase.insights import published

        published.connect()
