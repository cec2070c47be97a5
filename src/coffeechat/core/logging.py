"""Keeps secrets that travel in URLs (login links, feed tokens, invitations) out of the logs."""

import logging
import re

_TOKEN = re.compile(
    r"((?:token|key)=)[^&\s\"']+"  # a query parameter
    r"|(/(?:feed|link|join)/|%2Fjoin%2F)[A-Za-z0-9_\-]{16,}"  # a path, or one in ?next=
)


def redact(text: str) -> str:
    return _TOKEN.sub(lambda m: (m.group(1) or m.group(2)) + "[redacted]", text)


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
