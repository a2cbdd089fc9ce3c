"""Figures as records, JSON and CSV — the ``reportcheck extract`` output contract.

Each record carries the contract fields ``text, value, unit, qualifier, lower,
upper, kind, line, column, end_line, end_column, sentence`` (plus
``lower_closed``, ``upper_closed`` and ``subject``), exactly
:meth:`reportcheck.figure.Figure.as_record`. Infinite bounds are ``null``.
Numbers are JSON numbers (int when whole); in CSV they are written from the
exact Decimal text, so nothing is lost to float formatting.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from reportcheck.figure import Figure
from reportcheck.safety import csv_cell  # text cells: no spreadsheet formulas (=, +, -, @)

__all__ = ["CONTRACT_FIELDS", "RECORD_FIELDS", "figures_to_records", "figures_to_json", "figures_to_csv",
           "iter_json", "iter_csv", "csv_rows"]

#: the fields the JSON contract requires, in order
CONTRACT_FIELDS = (
    "text", "value", "unit", "qualifier", "lower", "upper", "kind",
    "line", "column", "end_line", "end_column", "sentence",
)
#: every field written (contract fields first)
RECORD_FIELDS = CONTRACT_FIELDS + ("lower_closed", "upper_closed", "subject")


def figures_to_records(figs: Iterable[Figure]) -> list[dict]:
    """One JSON-ready dict per figure (``Figure.as_record``)."""
    return [f.as_record() for f in figs]


def figures_to_json(figs: Iterable[Figure], *, indent: int | None = 2) -> str:
    """A JSON list of figure records (UTF-8 text, not ASCII-escaped).

    The same text as ``json.dumps(figures_to_records(figs), ensure_ascii=False,
    indent=indent)``, built one record at a time: json's indenting encoder collects every
    token of the whole list before joining them (about 8 times the output's size at the
    peak), and the records list doubles the figures."""
    return "".join(iter_json(figs, indent=indent))


def iter_json(figs: Iterable[Figure], *, indent: int | None = 2) -> Iterator[str]:
    """:func:`figures_to_json` in pieces (one per figure, then the closing bracket), for a
    caller that writes them as they come: the output is never held whole."""
    if indent is None:
        sep, first, last = ", ", "[", "]"
        enc = json.JSONEncoder(ensure_ascii=False).encode
        pieces = (enc(f.as_record()) for f in figs)
        inner = None
    else:
        pad = " " * indent
        inner = "\n" + pad
        sep, first, last = ",\n" + pad, "[\n" + pad, "\n]"
        enc = json.JSONEncoder(ensure_ascii=False, indent=indent).encode
        # strings are escaped (a newline is \\n): every line break is the encoder's own
        pieces = (enc(f.as_record()).replace("\n", inner) for f in figs)
    n = 0
    for piece in pieces:
        yield (first if n == 0 else sep) + piece
        n += 1
    yield last if n else "[]"


def _csv_num(d: Decimal | None) -> str:
    if d is None or not d.is_finite():
        return ""
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


class CsvRows:
    """A CSV writer with ``\n`` line ends whose cells stay one cell to every reader: the csv
    module quotes a cell only for the characters of its line terminator, so a row holding
    a lone CR (a sentence across a CR line break) is written with every cell quoted."""

    def __init__(self, out) -> None:
        self._minimal = csv.writer(out, lineterminator="\n")
        self._quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, row) -> None:
        (self._quoted if any("\r" in c for c in row if isinstance(c, str)) else self._minimal).writerow(row)

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def figures_to_csv(figs: Iterable[Figure]) -> str:
    """A CSV table (header + one row per figure); empty cells for null/infinite values."""
    return "".join(iter_csv(figs))


class _Rows:
    """The file csv.writer writes to: each row (one ``write`` call) kept until taken."""

    __slots__ = ("write", "pieces")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.write = self.pieces.append


def iter_csv(figs: Iterable[Figure]) -> Iterator[str]:
    """:func:`figures_to_csv` one row at a time (the header first)."""
    sink = _Rows()
    pieces = sink.pieces
    w = CsvRows(sink)
    w.writerow(RECORD_FIELDS)
    yield "".join(pieces)
    pieces.clear()
    for row in csv_rows(figs):
        w.writerow(row)
        yield "".join(pieces)
        pieces.clear()


def csv_rows(figs: Iterable[Figure]) -> Iterator[list[str]]:
    """The cells of each figure's CSV row (after the header ``RECORD_FIELDS``), as
    :func:`iter_csv` writes them."""
    for f in figs:
        rec = f.as_record()
        row = []
        for k in RECORD_FIELDS:
            if k == "value":
                row.append(_csv_num(f.value))
            elif k == "lower":
                row.append(_csv_num(f.interval.lower))
            elif k == "upper":
                row.append(_csv_num(f.interval.upper))
            else:
                v = rec.get(k)
                row.append("" if v is None else str(v).lower() if isinstance(v, bool)
                           else str(v) if isinstance(v, int) else csv_cell(str(v)))
        yield row
