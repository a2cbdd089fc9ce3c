"""A locator template as a regular expression: ``{}`` the figure (Arabic, full-width or
Chinese numerals, then a short unit of any spelling), every other number of the context
any number, years and runs of years kept as written, a run of blanks one ``\\s*``.

The base of locating: :mod:`reportcheck.spec.locate` searches with these patterns and
:mod:`reportcheck.spec.locate_fast` finds the same matches without compiling them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportcheck.spec.model import PLACEHOLDER, Locator

_DIGIT = "0-9０-９"
_CN_NUM = "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟"
#: a number inside the context (any value matches)
_CTX_NUM = rf"[{_DIGIT}]+(?:[.．][{_DIGIT}]+)?"
#: the figure itself: Arabic (with thousands commas / decimals) or a run of Chinese numerals
_FIG_NUM = rf"(?<![{_DIGIT}.．])(?:[{_DIGIT}]+(?:,[0-9]{{3}})*(?:[.．][{_DIGIT}]+)?|[{_CN_NUM}]+)"
#: a unit as written after the number: short, no punctuation, no digits
_UNIT = rf"[^\s，。；、：！？,;:（）()“”\"'《》{_DIGIT}]{{0,10}}?"
_UNIT_WORD = re.compile(rf"[^\s，。；、：！？,;:（）()“”\"'《》{_DIGIT}.．%％*]+")


#: numbers a locator's context keeps as written: years (2025年) and runs of years (连续9年)
_KEPT_IN_CONTEXT = re.compile(r"(?:19|20)[0-9]{2}(?=年)|(?<=连续)[0-9]{1,2}(?=年)")


#: the pieces of a context (:func:`context_tokens`): literal text, a run of blanks, a number
#: of the context (any value), a number's unit (blanks then a short unit, lazily)
LIT, BLANKS, NUM, NUM_UNIT = "lit", "blanks", "num", "num_unit"
_TOKEN_PATTERN = {BLANKS: r"\s*", NUM: _CTX_NUM, NUM_UNIT: rf"\s*{_UNIT}"}
_CTX_NUMBER = re.compile(rf"[{_DIGIT}]+(?:[.．][{_DIGIT}]+)?")


@lru_cache(maxsize=8192)
def context_tokens(ctx: str) -> tuple[tuple[str, str], ...]:
    """A template's context as pieces ``(kind, text)``, in order: ``LIT`` (text matched as
    written, consecutive literal text joined), ``BLANKS`` (``\\s*``), ``NUM`` (any number),
    ``NUM_UNIT`` (the unit right after a number: any short unit). :func:`_context_pattern`
    is these pieces as a regex; :mod:`reportcheck.spec.locate_fast` matches them without one.
    Memoized: lint tries and binds the same contexts (the units are looked up in pint's registry)."""
    out: list[tuple[str, str]] = []

    def lit(s: str) -> None:
        if out and out[-1][0] == LIT:
            out[-1] = (LIT, out[-1][1] + s)
        else:
            out.append((LIT, s))

    i, n = 0, len(ctx)
    while i < n:
        m = _CTX_NUMBER.match(ctx, i)
        if m and _KEPT_IN_CONTEXT.match(ctx, m.start()) and (m.start() == 0 or not ctx[m.start() - 1].isdigit()):
            # a year (2025年) or a run of years (连续9年) in the context is part of what the
            # sentence says: a draft with 6025年 or 连续6年 no longer binds (issue 17)
            k = _KEPT_IN_CONTEXT.match(ctx, m.start()).end()
            lit(ctx[m.start():k])
            i = k
            continue
        if m:
            out.append((NUM, ""))
            i = m.end()
            k = _unit_after(ctx, i)
            if k:
                out.append((NUM_UNIT, ""))  # 475亿元 in a context still matches 475万元
                i += k
            continue
        ch = ctx[i]
        if ctx.startswith("**", i):
            i += 2  # markup in a template is ignored like markup in the text
            continue
        if not ch.isspace():
            lit(ch)
        elif not out or out[-1][0] != BLANKS:  # a run of blanks is one \s* (no backtracking blow-up)
            out.append((BLANKS, ""))
        i += 1
    return tuple(out)


def _context_pattern(ctx: str) -> str:
    """A template's context as a regex: other numbers (and the unit right after them) match any."""
    return "".join(re.escape(t) if kind == LIT else _TOKEN_PATTERN[kind] for kind, t in context_tokens(ctx))


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
