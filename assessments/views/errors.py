"""The server-error page. Never a traceback; a 503 "try again" while the database is away.

Django calls this inside its exception handler, so ``sys.exc_info()`` is the failure.
Both pages are plain HTML with no template logic, so they render with the database down.
"""
import logging
import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def server_error(request: HttpRequest) -> HttpResponse:
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        logger.warning("Database unavailable (%s) for %s", type(exception).__name__, request.path)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "10"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
