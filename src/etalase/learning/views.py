"""Pages of programmes and resources (placeholder while the app is built)."""

from django.http import HttpRequest, HttpResponse


def programme_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Programmes")
