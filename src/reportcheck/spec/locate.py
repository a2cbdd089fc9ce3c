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

from reportcheck.spec.model import PLACEHOLDER, Locator
from reportcheck.text.plain import PlainText

_DIGIT = "0-9０-９"
_CN_NUM = "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟"
#: a number inside the context (any value matches)
_CTX_NUM = rf"[{_DIGIT}]+(?:[.．][{_DIGIT}]+)?"
#: the figure itself: Arabic (with thousands commas / decimals) or a run of Chinese numerals
_FIG_NUM = rf"(?<![{_DIGIT}.．])(?:[{_DIGIT}]+(?:,[0-9]{{3}})*(?:[.．][{_DIGIT}]+)?|[{_CN_NUM}]+)"
#: a unit as written after the number: short, no punctuation, no digits
_UNIT = rf"[^\s，。；、：！？,;:（）()“”\"'《》{_DIGIT}]{{0,10}}?"
_UNIT_WORD = re.compile(rf"[^\s，。；、：！？,;:（）()“”\"'《》{_DIGIT}.．%％*]+")


@dataclass(frozen=True)
class Match:
    """Where a locator matched: offsets of the number (and its unit) in the original text."""

    start: int  # first character of the number
    end: int  # one past the unit as written
    number: str
    unit: str


#: numbers a locator's context keeps as written: years (2025年) and runs of years (连续9年)
_KEPT_IN_CONTEXT = re.compile(r"(?:19|20)[0-9]{2}(?=年)|(?<=连续)[0-9]{1,2}(?=年)")


def _context_pattern(ctx: str) -> str:
    """A template's context as a regex: other numbers (and the unit right after them) match any."""
    out = []
    i, n = 0, len(ctx)
    num = re.compile(rf"[{_DIGIT}]+(?:[.．][{_DIGIT}]+)?")
    while i < n:
        m = num.match(ctx, i)
        if m and _KEPT_IN_CONTEXT.match(ctx, m.start()) and (m.start() == 0 or not ctx[m.start() - 1].isdigit()):
            # a year (2025年) or a run of years (连续9年) in the context is part of what the
            # sentence says: a draft with 6025年 or 连续6年 no longer binds (issue 17)
            k = _KEPT_IN_CONTEXT.match(ctx, m.start()).end()
            out.append(re.escape(ctx[m.start():k]))
            i = k
            continue
        if m:
            out.append(_CTX_NUM)
            i = m.end()
            k = _unit_after(ctx, i)
            if k:
                out.append(rf"\s*{_UNIT}")  # 475亿元 in a context still matches 475万元
                i += k
            continue
        ch = ctx[i]
        if ctx.startswith("**", i):
            i += 2  # markup in a template is ignored like markup in the text
            continue
        if not ch.isspace():
            out.append(re.escape(ch))
        elif not out or out[-1] != r"\s*":  # a run of blanks is one \s* (no backtracking blow-up)
            out.append(r"\s*")
        i += 1
    return "".join(out)


def _unit_after(ctx: str, i: int) -> int:
    """Length of the known unit written at ctx[i:] (longest), 0 if none."""
    from reportcheck.quantities.units import is_known_unit

    for k in range(min(8, len(ctx) - i), 0, -1):
        word = ctx[i:i + k]
        if word in ("%", "％") or (_UNIT_WORD.fullmatch(word) and is_known_unit(word)):
            return k
    return 0


def compile_locator(loc: Locator) -> re.Pattern:
    """The regex of a locator template over markup-free text (groups: num, unit)."""
    before, after = loc.template.split(PLACEHOLDER, 1)
    lead = _context_pattern(before)
    if before and not lead.endswith(r"\s*"):
        lead += r"\s*"
    return re.compile(lead + rf"(?P<num>{_FIG_NUM})\s*(?P<unit>{_UNIT})" + _context_pattern(after))


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
