"""The Finding record and the order findings are reported in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: which rule, how bad, what is wrong, and what to write instead."""

    rule: str
    severity: str  # "error" | "warning"
    message: str
    suggestion: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings; within each, by rule id (then message, for ties)."""
    return sorted(findings, key=lambda f: (f.severity != ERROR, f.rule, f.message))


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(finding.severity == ERROR for finding in findings)
