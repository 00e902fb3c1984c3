"""Views for supply-chain matching (thin: forms + services + selectors)."""

from django.http import HttpRequest, HttpResponse


def request_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
