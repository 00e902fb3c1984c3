from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "etalase.privacy"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        from etalase.privacy import signals

        signals.connect()
