"""Locating a template without compiling its regex (issue 19: lint tried ~265 templates per
document, and compiling each — the number and unit character classes dominate — was a
quarter of lint's time).

:func:`reportcheck.spec.bind.compile_locator` turns ``before{}after`` into one regex
``L (?P<num>NUM)\\s*(?P<unit>UNIT{0,10}?) A``. When neither context holds a digit, L and
A are literal text with ``\\s*`` for whitespace, and that regex's matches can be found
exactly without it: the literal lead is searched (a small regex, cheap to compile), the
number is read at the position after it by one precompiled pattern, and the lazy unit is
grown one character at a time until the trailing context matches — the order in which the
regex engine backtracks. Why only those candidates can match:

- an Arabic number is tried only at its longest reading: a shorter one leaves a digit,
  ``,`` or ``.digit`` next, which neither the unit (no digits, no ``,``) nor a digit-free
  trailing context can start with (a trailing context starting with ``,`` or ``.`` takes
  the regex);
- a Chinese-numeral number is tried from its longest reading down (the unit may take
  numeral characters: 三十五万 + 元 against a context 万元 needs 三十五);
- the whitespace after the number is taken greedily: the unit cannot start with
  whitespace, and a trailing context starting with whitespace absorbs it the same way.

``locate_literal`` returns None when the template is not of that form (a digit in a
context, an empty lead): the caller compiles the regex then.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

_DIGITS = frozenset("0123456789０１２３４５６７８９")


@lru_cache(maxsize=4)
def _parts(digit: str, cn_num: str, unit: str):
    arabic = re.compile(rf"[{digit}]+(?:,[0-9]{{3}})*(?:[.．][{digit}]+)?")
    cn = re.compile(rf"[{cn_num}]+")
    unit_char = re.compile(unit.split("{", 1)[0])  # the unit's character class, one character
    ws = re.compile(r"\s*")
    behind = frozenset("0123456789０１２３４５６７８９.．")
    return arabic, cn, unit_char, ws, behind


def literal_context(ctx: str) -> bool:
    return not any(c in _DIGITS for c in ctx)


def locate_literal(before: str, after: str, text: str, limit: int | None, *, context_pattern,
                   digit: str, cn_num: str, unit: str, leads=None):
    """[(num_start, unit_end, number, unit)] of the template's regex over ``text`` (plain
    text), in order, as ``finditer`` gives them; None when the fast path does not apply.

    The caller (:func:`reportcheck.spec.bind.locate`) passes its own pieces: the context
    translation and the number and unit character classes (no import back into bind).

    ``leads``: optionally, ``leads(pos) -> (start, end) | None``, the next place at or after
    ``pos`` where the leading context (and the blanks after it) occurs *followed by a number
    character*, as the lead's regex search would find it — an index built once per document
    (:mod:`reportcheck.lint.locate_index`) instead of a scan of the whole text per template.
    Skipping lead occurrences not followed by a number changes nothing: such an occurrence
    never matches and only moves the search on by one character."""
    if not before.strip() or not literal_context(before) or not literal_context(after):
        return None
    if after.lstrip()[:1] in (",", ".", "．"):  # a shorter reading of 5,000 / 5.5 could match: regex
        return None
    if leads is None and usable(before):
        index = _shared_index(text, digit, cn_num)
        if index is not None:
            leads = index.leads(before)
    if leads is None:
        lead = re.compile(context_pattern(before) + r"\s*")

        def leads(pos: int):
            m = lead.search(text, pos)
            return None if m is None else (m.start(), m.end())
    tail = re.compile(context_pattern(after)) if after else None
    arabic, cn, unit_char, ws, behind = _parts(digit, cn_num, unit)
    out = []
    n = len(text)
    pos = 0
    while pos <= n:
        m = leads(pos)
        if m is None:
            break
        s, p = m
        found = None
        if not (p > 0 and text[p - 1] in behind):
            a = arabic.match(text, p)
            if a is not None:
                ends = [a.end()]
            else:
                c = cn.match(text, p)
                ends = list(range(c.end(), p, -1)) if c is not None else []
            for e in ends:
                u0 = ws.match(text, e).end()
                u = u0
                while True:
                    if tail is None:
                        found = (p, u, text[p:e], text[u0:u], u)
                        break
                    t = tail.match(text, u)
                    if t is not None:
                        found = (p, u, text[p:e], text[u0:u], t.end())
                        break
                    if u - u0 >= 10 or u >= n or not unit_char.match(text, u):
                        break
                    u += 1
                if found is not None:
                    break
        if found is None:
            pos = s + 1
            continue
        out.append(found[:4])
        if limit is not None and len(out) >= limit:
            break
        pos = found[4]
    return out


#: characters of the key: the end of the lead
KEY = 3


class LeadIndex:
    """Number positions of one plain text, keyed by the text just before them."""

    def __init__(self, text: str, digit: str, cn_num: str) -> None:
        self.text = text
        by_key: dict[str, list[tuple[int, int]]] = {}
        for m in re.finditer(rf"[{digit}{cn_num}]", text):
            q = m.start()
            e = q
            while e > 0 and text[e - 1].isspace():  # what the lead's trailing \s* takes
                e -= 1
            if e < KEY:
                continue
            by_key.setdefault(text[e - KEY:e], []).append((e, q))
        self._by_key = by_key

    def leads(self, lead: str):
        """``leads(pos)`` for :func:`locate_literal`: the next (start, number position) of
        ``lead`` followed by blanks and a number character, at or after ``pos``."""
        text = self.text
        n = len(lead)
        places = [(e - n, q) for e, q in self._by_key.get(lead[-KEY:], ()) if e >= n and text.startswith(lead, e - n)]
        starts = [s for s, _ in places]

        def next_lead(pos: int):
            k = bisect_left(starts, pos)
            return places[k] if k < len(places) else None

        return next_lead


def usable(before: str) -> bool:
    """Whether a leading context can be looked up in the index (else: the binder's own search)."""
    return len(before) >= KEY and not any(c.isspace() or c == "*" for c in before)


#: binding looks up many templates in one text: after this many calls on the same text, an
#: index of it is built (one pass) and digit-free, blank-free leads are looked up in it
_INDEX_AFTER = 8
#: texts longer than this are always scanned (the index holds an entry per number character)
_INDEX_MAX_CHARS = 1_000_000
_SHARED: list = [None, 0, None]  # [text, calls on it, its LeadIndex]


def _shared_index(text: str, digit: str, cn_num: str) -> "LeadIndex | None":
    if _SHARED[0] is not text:
        _SHARED[:] = [text, 0, None]
    _SHARED[1] += 1
    if _SHARED[2] is None and _SHARED[1] >= _INDEX_AFTER and len(text) <= _INDEX_MAX_CHARS:
        _SHARED[2] = LeadIndex(text, digit, cn_num)
    return _SHARED[2]
