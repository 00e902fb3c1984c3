from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "etalase.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from etalase.accounts import permissions
        from etalase.matching import selectors

        permissions.register_request_fit(selectors.enterprise_matches_request)
