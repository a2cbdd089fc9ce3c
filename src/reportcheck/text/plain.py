"""The plain-text layer: a document without markdown ``**``, offsets mapped back, line/column.

Every reader of a report's words — extraction, the spec binder, lint's locators — reads
the text with markdown bold markers removed (``**5600亿元**`` is ``5600亿元``) and reports
positions in the ORIGINAL text. :class:`PlainText` is that view, built once per text:

- ``text``: the text with every ``**`` removed (left to right, as ``str.split("**")``);
- ``orig(i)``: the original offset of plain offset ``i`` (``orig(len(text))`` is the
  original length), ``orig_span(a, b)`` the original span of a plain span;
- ``plain(j)``: the plain offset of original offset ``j``, or None when ``j`` is inside a
  marker (or outside the text).

:class:`LineIndex` turns an original offset into (line, column): both 1-based, columns in
code points; a line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right

__all__ = ["PlainText", "LineIndex", "MARKUP", "NEWLINE"]

#: the markup removed from the plain text
MARKUP = "**"

#: a line ending
NEWLINE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Offsets of line starts; ``position(offset)`` → (line, column), both 1-based."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(m.end() for m in NEWLINE.finditer(text))

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


class PlainText:
    """``source`` without markdown ``**``, with the offset map back to ``source``.

    ``omap`` is None when the source has no markup (plain offsets are original offsets);
    otherwise a sequence of ints (an ``array('q')``, 8 bytes an offset) where ``omap[i]``
    is the original offset of plain character ``i`` and ``omap[len(text)] == len(source)``.
    """

    __slots__ = ("source", "text", "omap", "_index")

    def __init__(self, source: str) -> None:
        self.source = source
        self._index: LineIndex | None = None
        if MARKUP not in source:
            self.text, self.omap = source, None
            return
        pieces = source.split(MARKUP)
        # 8 bytes an offset (a list of ints is 8 + 28 bytes each: 36 bytes a character)
        omap = array("q")
        pos = 0
        for i, piece in enumerate(pieces):
            if i:
                pos += len(MARKUP)
            omap.extend(range(pos, pos + len(piece)))
            pos += len(piece)
        omap.append(pos)
        self.text = "".join(pieces)
        self.omap = omap

    def orig(self, i: int) -> int:
        """The original offset of plain offset ``i`` (``0 <= i <= len(text)``)."""
        return i if self.omap is None else self.omap[i]

    def orig_span(self, a: int, b: int) -> tuple[int, int]:
        """The original span of the plain span ``[a, b)``: from its first character to one
        past its last (markup inside the span is included; an empty span stays empty)."""
        omap = self.omap
        if omap is None:
            return a, b
        return (omap[a], omap[b - 1] + 1) if b > a else (omap[a], omap[a])

    def plain(self, j: int) -> int | None:
        """The plain offset of original offset ``j``; None inside a marker or out of range."""
        omap = self.omap
        if omap is None:
            return j if 0 <= j < len(self.text) else None
        i = bisect_left(omap, j, 0, len(self.text))
        return i if i < len(self.text) and omap[i] == j else None

    @property
    def index(self) -> LineIndex:
        """The line index of the original text."""
        if self._index is None:
            self._index = LineIndex(self.source)
        return self._index

    def position(self, j: int) -> tuple[int, int]:
        """(line, column) of original offset ``j``, both 1-based."""
        return self.index.position(j)
