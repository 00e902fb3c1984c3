from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LimitsConfig(AppConfig):
    name = "etalase.limits"
    verbose_name = _("Rate limits")
    default_auto_field = "django.db.models.BigAutoField"
