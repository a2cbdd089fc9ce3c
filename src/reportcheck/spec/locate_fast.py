"""Locating a template without compiling its regex (issue 19: lint tried ~265 templates per
document, and compiling each — the number and unit character classes dominate — was a
quarter of lint's time).

:func:`reportcheck.spec.locate.compile_locator` turns ``before{}after`` into one regex
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
                   digit: str, cn_num: str, unit: str):
    """[(num_start, unit_end, number, unit)] of the template's regex over ``text`` (plain
    text), in order, as ``finditer`` gives them; None when the fast path does not apply.

    The caller (:func:`reportcheck.spec.locate.locate`) passes its own pieces: the context
    translation and the number and unit character classes (no import back into bind)."""
    if not before.strip() or not literal_context(before) or not literal_context(after):
        return None
    if after.lstrip()[:1] in (",", ".", "．"):  # a shorter reading of 5,000 / 5.5 could match: regex
        return None
    lead = re.compile(context_pattern(before) + r"\s*")
    tail = re.compile(context_pattern(after)) if after else None
    arabic, cn, unit_char, ws, behind = _parts(digit, cn_num, unit)
    out = []
    n = len(text)
    pos = 0
    while pos <= n:
        m = lead.search(text, pos)
        if m is None:
            break
        s, p = m.start(), m.end()
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
