"""Keeps secrets that travel in URLs (login links, feed tokens) out of the logs."""

import logging
import re

_TOKEN = re.compile(r"((?:token|key)=)[^&\s\"']+|(/(?:feed|link)/)[A-Za-z0-9_\-]{16,}")


def redact(text: str) -> str:
    return _TOKEN.sub(lambda m: (m.group(1) or m.group(2)) + "[redacted]", text)


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
