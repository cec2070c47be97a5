"""Cells that a spreadsheet must not run as formulas (CSV injection, OWASP "CSV Injection").

Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` as a
formula, and some strip a leading tab or carriage return first. Prefixing such a cell with an
apostrophe makes every one of them show the text as typed instead of evaluating it.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """value, with a leading apostrophe when a spreadsheet would read it as a formula."""
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unguarded(value: str) -> str:
    """value as it was before safe_cell: a file read back loses the apostrophe it added. (A
    cell that was itself typed as an apostrophe before a formula sign cannot be told apart,
    and loses its apostrophe too.)"""
    if value[:1] == "'" and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value
