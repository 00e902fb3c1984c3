from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from etalase.web import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", selectors.home_figures())
