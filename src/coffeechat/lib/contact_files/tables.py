"""Reading CSV text as a header plus numbered rows: delimiter sniffing, header search, errors
that name the file line."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from .model import MAX_COLUMNS, ContactFileError

# How far down a preamble (LinkedIn's "Notes:" paragraph, a title line) the header may sit.
MAX_PREAMBLE_ROWS = 20
DELIMITERS = (",", ";", "\t")

HeaderTest = Callable[[list[str]], bool]
Record = tuple[int, list[str]]  # (file line where the record starts, raw cells)


@dataclass
class Table:
    header: list[str]  # unique, whitespace-normalized column names
    header_line: int
    delimiter: str
    rows: Iterator[Record]  # non-empty data rows, cells stripped and padded to header width


def read_table(text: str, is_known_header: HeaderTest | None = None) -> Table:
    """The header and data rows of CSV text; rows are read lazily, so errors further down
    are raised while iterating."""
    known = is_known_header or (lambda cells: False)
    delimiter = sniff_delimiter(text, known)
    source = _Reader(text, delimiter)
    records = iter(source)
    head = list(islice(records, MAX_PREAMBLE_ROWS))
    index = _find_header(head, known)
    if index is None:
        # Only blank rows so far: the header is the first row with anything in it.
        for record in records:
            if any(cell.strip() for cell in record[1]):
                head.append(record)
                index = len(head) - 1
                break
        else:
            raise ContactFileError("The file has no header row.")
    header_line, raw_header = head[index]
    if len(raw_header) > MAX_COLUMNS:
        raise ContactFileError(
            f"The header on line {header_line} has {len(raw_header):,} columns; a contact file "
            f"has at most {MAX_COLUMNS}, so this does not look like a contact list.",
            line=header_line,
        )
    header = column_names(raw_header)
    rows = _data_rows(source, head[index + 1 :], header_line, len(header))
    return Table(header, header_line, delimiter, rows)


def column_names(cells: list[str]) -> list[str]:
    """Header cells as unique names: blank ones become 'Column 3', repeats get their column
    number, so a column mapping can always name each column."""
    names: list[str] = []
    seen: set[str] = set()
    for number, cell in enumerate(cells, start=1):
        name = " ".join(cell.replace("\ufeff", "").split()) or f"Column {number}"
        if name.casefold() in seen:
            name = f"{name} (column {number})"
        seen.add(name.casefold())
        names.append(name)
    return names


def sniff_delimiter(text: str, is_known_header: HeaderTest) -> str:
    """Comma, semicolon (Excel in most of Europe) or tab: the one that gives the widest header
    row near the top, a recognised header first, then the earliest one."""
    best, best_score = ",", (False, -1, 0)
    for delimiter in DELIMITERS:
        head: list[Record] = []
        try:
            for record in islice(_Reader(text, delimiter), MAX_PREAMBLE_ROWS):
                head.append(record)
        except ContactFileError:
            pass  # a wrong delimiter can make quotes look broken; judge on what was read
        index = _find_header(head, is_known_header)
        if index is None:
            continue
        cells = head[index][1]
        score = (is_known_header(cells), sum(1 for c in cells if c.strip()), -index)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def head_rows(text: str, delimiter: str, limit: int = MAX_PREAMBLE_ROWS) -> list[list[str]]:
    """The first rows for format detection; a CSV error just ends the sample."""
    rows: list[list[str]] = []
    try:
        for _line, cells in islice(_Reader(text, delimiter), limit):
            rows.append(cells)
    except ContactFileError:
        pass
    return rows


def _find_header(head: list[Record], is_known_header: HeaderTest) -> int | None:
    for index, (_line, cells) in enumerate(head):
        if is_known_header(cells):
            return index
    # A preamble is a title or a quoted paragraph: one cell. The header names columns.
    for index, (_line, cells) in enumerate(head):
        if sum(1 for c in cells if c.strip()) >= 2:
            return index
    for index, (_line, cells) in enumerate(head):
        if any(c.strip() for c in cells):
            return index
    return None


class _Reader:
    """csv.reader that knows the file line where each record starts."""

    def __init__(self, text: str, delimiter: str) -> None:
        # newline="" keeps CR, LF and CRLF inside quoted fields intact for csv to handle.
        self.csv = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        self.last_line = 0  # the line the previous record ended on

    def __iter__(self) -> Iterator[Record]:
        reader = self.csv
        try:
            for cells in reader:
                line = self.last_line + 1
                self.last_line = reader.line_num
                yield line, cells
        except csv.Error as exc:
            raise _csv_error(exc, self.last_line + 1, reader.line_num) from None


def _csv_error(exc: csv.Error, start: int, end: int) -> ContactFileError:
    reason = str(exc)
    if "unexpected end of data" in reason or "field larger than field limit" in reason:
        message = f"Line {start} opens a quoted field that is never closed."
    elif "expected after" in reason:
        where = f"line {start}" if end <= start else f"lines {start} to {end}"
        message = f"Line {start} has text right after a closing quote; check the quotes on {where}."
    else:
        message = f"Line {start} cannot be read as CSV ({reason})."
    return ContactFileError(message, line=start)


def _data_rows(
    source: _Reader, pending: list[Record], header_line: int, width: int
) -> Iterator[Record]:
    # One loop straight over csv.reader: this is the hot path for 30,000-row LinkedIn files.
    strip = str.strip
    reader = source.csv
    try:
        for line, cells in pending:
            row = _data_row(line, cells, header_line, width, strip)
            if row is not None:
                yield line, row
        for cells in reader:
            line = source.last_line + 1
            source.last_line = reader.line_num
            row = _data_row(line, cells, header_line, width, strip)
            if row is not None:
                yield line, row
    except csv.Error as exc:
        raise _csv_error(exc, source.last_line + 1, reader.line_num) from None


def _data_row(
    line: int, cells: list[str], header_line: int, width: int, strip: Callable[[str], str]
) -> list[str] | None:
    if len(cells) > width:
        if any(c.strip() for c in cells[width:]):
            # Extra filled cells mean an unquoted delimiter or a stray quote shifted the row:
            # importing it would put values under the wrong columns.
            raise ContactFileError(
                f"Line {line} has {len(cells)} fields but the header on line {header_line} "
                f"has {width}; a comma or quote is probably out of place.",
                line=line,
            )
        cells = cells[:width]
    row = list(map(strip, cells))
    if not any(row):
        return None
    if len(row) < width:
        row.extend([""] * (width - len(row)))
    return row
