from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from etalase.web import selectors


def home(request: HttpRequest) -> HttpResponse:
    context = selectors.home_figures()
    context["roles"] = selectors.roles_of(request.user)
    return render(request, "web/home.html", context)
