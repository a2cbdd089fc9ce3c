"""Locating an indicator's figure in a document: a locator (``before{}after``) becomes a
pattern — ``{}`` a number (Arabic, full-width or Chinese numerals) followed by a short
unit of any spelling, every other number of the context any number — searched in the
plain text (markdown removed, offsets mapped back; runs of blanks collapsed when the
locator has none). :mod:`reportcheck.spec.locate_fast` finds a plain template without
compiling its regex. The binder (:mod:`reportcheck.spec.bind`) reads the figure at the match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportcheck.spec.locator_pattern import (  # noqa: F401 - the pattern names stay importable from here
    _CN_NUM,
    _CTX_NUM,
    _DIGIT,
    _FIG_NUM,
    _KEPT_IN_CONTEXT,
    _UNIT,
    _UNIT_WORD,
    _context_pattern,
    _unit_after,
    compile_locator,
)
from reportcheck.spec.model import PLACEHOLDER, Locator
from reportcheck.text.plain import PlainText


@dataclass(frozen=True)
class Match:
    """Where a locator matched: offsets of the number (and its unit) in the original text."""

    start: int  # first character of the number
    end: int  # one past the unit as written
    number: str
    unit: str


def locate(loc: Locator, text: str | PlainText, limit: int | None = None) -> list[Match]:
    """Every place where a locator matches (original-text offsets), in text order.

    ``limit``: stop after that many matches (a caller that only needs "one, or a few").
    """
    plain = text if isinstance(text, PlainText) else PlainText(text)
    before, after = loc.template.split(PLACEHOLDER, 1)
    from reportcheck.spec.locate_fast import locate_literal  # the same matches, no regex compiled

    fast = locate_literal(before, after, plain.text, limit, context_pattern=_context_pattern,
                          digit=_DIGIT, cn_num=_CN_NUM, unit=_UNIT)
    if fast is not None:
        return [Match(*plain.orig_span(a, b), num, unit) for a, b, num, unit in fast]
    return locate_regex(loc, plain, limit)


def locate_regex(loc: Locator, plain: PlainText, limit: int | None = None) -> list[Match]:
    """:func:`locate` by the compiled regex over the whole text (what the fast paths must equal)."""
    pat = compile_locator(loc)
    view, vmap = _blanks_collapsed(plain)
    out = []
    for m in pat.finditer(view):
        a, b = m.start("num"), m.end("unit")
        if vmap is not None:  # back to plain offsets (the number is never blank: b > a)
            a, b = vmap[a], vmap[b - 1] + 1
        out.append(Match(*plain.orig_span(a, b), m.group("num"), m.group("unit")))
        if limit is not None and len(out) >= limit:
            break
    return out


#: a run of two or more blanks (what a pattern's \s* matches)
_BLANK_RUN = re.compile(r"\s{2,}")
#: the last plain text searched and its collapsed view: bind and lint search one text many times
_COLLAPSED: "tuple[PlainText, str, list[int] | None] | None" = None


def _blanks_collapsed(plain: PlainText) -> "tuple[str, list[int] | None]":
    """The plain text with each run of blanks kept as its first character, and the map back
    to plain offsets (None when there is no run).

    Locator patterns match any run of blanks with ``\\s*``, so what matches, and where, is
    unchanged; but adjacent ``\\s*`` over a long run backtrack polynomially (#18).
    """
    global _COLLAPSED
    cached = _COLLAPSED
    if cached is not None and cached[0] is plain:
        return cached[1], cached[2]
    text = plain.text
    if _BLANK_RUN.search(text) is None:
        view, vmap = text, None
    else:
        parts: list[str] = []
        vmap = []
        pos = 0
        for m in _BLANK_RUN.finditer(text):
            a = m.start() + 1  # the run's first character is kept
            parts.append(text[pos:a])
            vmap.extend(range(pos, a))
            pos = m.end()
        parts.append(text[pos:])
        vmap.extend(range(pos, len(text)))
        vmap.append(len(text))
        view = "".join(parts)
    _COLLAPSED = (plain, view, vmap)
    return view, vmap
