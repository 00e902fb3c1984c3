from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldcaptureConfig(AppConfig):
    name = "etalase.fieldcapture"
    verbose_name = _("Field capture (ODK Collect)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from etalase.fieldcapture import photos

        photos.connect()
