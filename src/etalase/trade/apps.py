from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "etalase.trade"
    verbose_name = _("Export readiness")
