"""Logging filters: keep secrets that travel in URLs out of the logs."""

from __future__ import annotations

import logging
import re

_SIGN_IN_LINK = re.compile(r"(/accounts/sign-in/link/)[^/\s\"']+")


def redact(text: str) -> str:
    return _SIGN_IN_LINK.sub(r"\1[redacted]", text)


class RedactSignInLinks(logging.Filter):
    """Replace the secret part of sign-in links in request and server log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if hasattr(record, "request"):
            # Handlers that print the request (e.g. AdminEmailHandler) would repeat the path.
            record.request = None
        return True
