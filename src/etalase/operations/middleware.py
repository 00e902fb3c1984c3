"""HEAD answered like GET on every page and API operation.

Uptime monitors and crawlers send HEAD. Django's function views decorated with `require_GET`
and django-ninja's GET operations answer it with 405, although HTTP (RFC 9110, 9.3.2) asks that
a server answer HEAD as it would GET, without the body. One middleware does it for every view,
present and future, instead of a decorator to remember on each one: it hands the view a GET and
drops the body of the answer, keeping its headers (Content-Length included) as GET's.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


class HeadAsGetMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "HEAD":
            return self.get_response(request)
        # Views and ninja route on `request.method`; the WSGI environ keeps HEAD for the record.
        request.method = "GET"
        response = self.get_response(request)
        if response.streaming:
            # Not iterated: the file or generator behind it is closed by the server's close().
            response.streaming_content = []
        else:
            response.content = b""
        return response
