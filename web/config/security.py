"""The security baseline of worklist.md that Django does not set by itself: a Content-Security-Policy
without inline script, Secure cookies behind HTTPS, no caching of pages, CPR numbers masked in logs."""

from __future__ import annotations

import logging

from sources.masking import mask_cprs_in_text

CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                           "form-action 'self'; frame-ancestors 'none'")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if not request.path.startswith(("/static/",)) and "Cache-Control" not in response.headers:
            # Pages show personal data: never keep them in a shared or browser cache.
            response.headers["Cache-Control"] = "no-store"
        if request.is_secure():
            for cookie in response.cookies.values():
                cookie["secure"] = True
        return response


class MaskCprFilter(logging.Filter):
    """Whatever a log line says (a request path, an exception), a CPR number leaves it masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_cprs_in_text(record.getMessage())
        record.args = ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = mask_cprs_in_text(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True
