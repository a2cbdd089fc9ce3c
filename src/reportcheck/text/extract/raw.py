"""A figure under construction (:class:`_Raw`) and the clause and sentence bounds of the
text (:class:`_Context`); offsets are into the plain (markup-free) text."""

from __future__ import annotations

import bisect
from array import array
from bisect import bisect_right
from decimal import Decimal
from fractions import Fraction

from reportcheck.figure import Kind
from reportcheck.quantities.interval import Interval
from reportcheck.quantities.numerals import Number
from reportcheck.text.extract.vocabulary import _CLAUSE_SEP, _QUOTE_SPAN, _SENT_END_CHARS

class _Raw:
    """A figure under construction (offsets into the stripped text)."""

    __slots__ = (
        "a", "b", "qa", "qb", "text", "num", "value", "unit", "kind", "quals", "exact", "interval",
        "extra", "cue", "has_prefix", "has_suffix", "rng", "subject", "stretch", "estimate", "ntext", "si",
        "frac",
    )

    def __init__(self, a: int, b: int) -> None:
        self.a, self.b, self.qa, self.qb = a, b, a, b
        self.text = ""
        self.num: Number | None = None
        self.ntext = ""  # the text num was parsed from (the key of its interval's memo)
        self.si = 0  # index of its sentence in _Context.sent_ends (set in stage 3)
        self.value: Decimal | None = None
        self.unit: str | None = None
        self.kind: Kind = Kind.AMOUNT
        self.quals: list[str] = []
        self.exact = False
        self.interval: Interval | None = None
        self.extra: dict = {}
        self.cue: str | None = None
        self.has_prefix = False
        self.has_suffix = False
        self.rng: tuple[Number, Number] | None = None
        self.frac: Fraction | None = None  # 三分之一, 1/3: the exact fraction written
        self.subject = ""
        self.stretch = False
        self.estimate = False


class _Context:
    """Precomputed boundaries of the stripped text."""

    def __init__(self, s: str) -> None:
        self.s = s
        # offsets as array('q'): 8 bytes each, not a list's 8 + 32 (a separator every ~15
        # characters); bisect and indexing read them as they read lists
        self.clause_seps = seps = array("q", [m.start() for m in _CLAUSE_SEP.finditer(s)])
        # every sentence end is a clause separator: filtering beats a second scan
        self.sent_ends = array("q", [p for p in seps if s[p] in _SENT_END_CHARS])
        spans = [m.span() for m in _QUOTE_SPAN.finditer(s)]
        self.q_starts = array("q", [a for a, _ in spans])
        self.q_ends = array("q", [b for _, b in spans])

    def in_quotes(self, a: int, b: int) -> bool:
        qs = self.q_starts
        i = bisect_right(qs, a) - 1
        return i >= 0 and qs[i] < a and b <= self.q_ends[i] - 1

    def sentence(self, a: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.sent_ends, a)
        start = self.sent_ends[i - 1] + 1 if i > 0 else 0
        end = self.sent_ends[i] if i < len(self.sent_ends) else len(self.s)
        if end < len(self.s) and self.s[end] in "。！？!?":
            end += 1
        return start, end

    def clause_start(self, a: int) -> int:
        i = bisect.bisect_left(self.clause_seps, a)
        return self.clause_seps[i - 1] + 1 if i > 0 else 0

    def clause_end(self, b: int) -> int:
        i = bisect.bisect_left(self.clause_seps, b)
        return self.clause_seps[i] if i < len(self.clause_seps) else len(self.s)
