from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {"SITE_NAME": settings.ETALASE["SITE_NAME"], "DEMO_MODE": settings.DEV}
