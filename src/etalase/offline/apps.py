from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    name = "etalase.offline"
    verbose_name = _("Offline capture")
    default_auto_field = "django.db.models.BigAutoField"
