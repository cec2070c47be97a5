"""The etiquette checker: flags what breaks or weakens a request for an informational
interview, and questions that are closed, researchable or off limits.

Plain Python with the standard library only; it never imports Django.
"""

from coffeechat.lib.etiquette.checker import CHANNELS, check_message, check_question
from coffeechat.lib.etiquette.findings import ERROR, WARNING, Finding, has_errors

__all__ = [
    "CHANNELS",
    "ERROR",
    "WARNING",
    "Finding",
    "check_message",
    "check_question",
    "has_errors",
]
