"""Stage 2, the words around a number: what follows it (多/余, the unit and its magnitude, a
rate's /人 or /年, 以上/左右) and what precedes it (第 and ordinal lists, qualifier words
peeled from the end, 预计/力争 opening the clause); then its kind (:mod:`.classify`).

:mod:`.candidates` reads the number itself and hands it here with the position after it.
"""

from __future__ import annotations

from bisect import bisect_left

from reportcheck.figure import Kind
from reportcheck.quantities.qualifiers import QUALIFIERS, Role
from reportcheck.text.extract.classify import _classify
from reportcheck.text.extract.raw import _Context, _Raw
from reportcheck.text.extract.vocabulary import (
    _CLAUSE_FLAG,
    _CN_DIGITS,
    _DURATION_PREFIX,
    _INFIX_CHARS,
    _LATIN_UNIT,
    _MAG_ONLY,
    _PREFIX_END,
    _PREFIX_LAST,
    _PREFIX_MAXLEN,
    _SUFFIX,
    _SUFFIX_FIRST,
    _UNIT,
)


def _listed_ordinal(s: str, a: int) -> bool:
    """Is the number at ``a`` (after a 、) a later member of an ordinal list: 第一、二轮,
    第1、2批, 第一、二、三批? Walks back over at most a few short members."""
    k = a - 1  # the 、
    for _ in range(4):
        j = k
        while j > 0 and k - j < 4 and (s[j - 1] in _CN_DIGITS or "0" <= s[j - 1] <= "9"):
            j -= 1
        if j == k or j == 0:
            return False
        c = s[j - 1]
        if c == "第":
            return True
        if c != "、":
            return False
        k = j - 1
    return False


#: a rate's denominator written after the unit (the unit registry knows no such compound:
#: the figure keeps it as written)
_PER_SUFFIXES = ("/人", "/年")


def _finish(s: str, raw: _Raw, pos: int, mag: str, ctx: _Context, chinese: bool, ordinal: bool = False) -> _Raw:
    """Read 多/余, the unit, trailing qualifiers and prefix words; decide the kind."""
    # Each optional word is looked for only when the character where it would start
    # (or end) can begin (or end) it: most figures have none, and a character test is
    # much cheaper than a failing regex match.
    a = raw.a
    num = raw.num
    assert num is not None
    n = len(s)
    ordinal = ordinal or a > 0 and (s[a - 1] == "第" or s[a - 1] == "、" and _listed_ordinal(s, a))
    if pos < n and s[pos] in _INFIX_CHARS and not ordinal:
        # 多/余 only when a unit or magnitude follows, or the clause ends (5100多亿元, 10余个, 20多万)
        after = pos + 1
        if _UNIT.match(s, after) or _MAG_ONLY.match(s, after) or (after < n and s[after] in "，。；、,;"):
            raw.quals.append(s[pos])
            raw.has_suffix = True
            pos = after
    unit = None
    c = s[pos] if pos < n else "\x00"
    latin = _LATIN_UNIT.match(s, pos) if c.isascii() and c.isalpha() else None
    if latin and not mag:
        unit = latin.group()
        pos = latin.end()
    else:
        um = _UNIT.match(s, pos)
        if um:
            # the longest unit wins (个百分点 before 个); a magnitude written both in the
            # number and before the unit (rare) is kept as written
            unit = mag + um.group()
            pos = um.end()
        else:
            mm = _MAG_ONLY.match(s, pos)
            if mm and not mag:
                mag = mm.group()
                pos = mm.end()
            if mag:
                unit = mag
    if unit and s.startswith(_PER_SUFFIXES, pos) and unit not in ("%", "‰"):
        unit += s[pos:pos + 2]  # 42万元/人, 20亿立方米/年: a rate per person or per year
        pos += 2
    raw.unit = unit
    raw.b = pos
    # trailing qualifiers
    suf = _SUFFIX.match(s, pos) if pos < n and s[pos] in _SUFFIX_FIRST else None
    if suf:
        raw.quals.append(suf.group())
        raw.has_suffix = True
        raw.qb = suf.end()
    else:
        raw.qb = pos
    cs, n_prefix = _leading(s, raw, a, ctx, ordinal)
    raw.text = s[a:pos]
    _classify(s, raw, ctx, ordinal, cs)
    if raw.kind is Kind.DURATION and raw.has_prefix:
        keep = [w for w in raw.quals[:n_prefix] if w in _DURATION_PREFIX]
        raw.quals = keep + raw.quals[n_prefix:]
        raw.has_prefix = bool(keep)
        if not keep:
            raw.qa = a
        raw.stretch = raw.estimate = False
    return raw


def _leading(s: str, raw: _Raw, a: int, ctx: _Context, ordinal: bool) -> tuple[int, int]:
    """Read the words before the number at ``a`` into ``raw.quals`` (in front of those already
    there) and set its flags; (start of its clause, number of leading words)."""
    # prefix words (peeled from the end: 力争突破 → 突破, 力争)
    prefix: list[str] = []
    end = a
    if not ordinal:
        for _ in range(3):
            if end == 0 or s[end - 1] not in _PREFIX_LAST:
                break
            m = _PREFIX_END.search(s, max(0, end - _PREFIX_MAXLEN), end)
            if not m:
                break
            w = m.group()
            before = s[m.start() - 1] if m.start() > 0 else ""
            if w in ("过", "超") and before and before in "通经越度超不跨":
                break
            if w == "达" and before and before in "到表送传":
                break
            if w == "近" and before and before in "最附靠就":
                break
            prefix.insert(0, w)
            end = m.start()
    raw.qa = end
    seps = ctx.clause_seps
    i = bisect_left(seps, a)
    cs = seps[i - 1] + 1 if i > 0 else 0  # ctx.clause_start(a)
    if not ordinal and (not prefix or prefix[0] not in ("预计", "力争")):
        lead = _CLAUSE_FLAG.match(s, cs, end)
        if lead:
            prefix.insert(0, lead.group(1))
            raw.extra["clause_qualifier"] = lead.group(1)
    if prefix:
        raw.quals = prefix + raw.quals
        raw.has_prefix = True
    for w in raw.quals:
        role = QUALIFIERS.get(w)
        if role == Role.STRETCH:
            raw.stretch = True
        elif role == Role.ESTIMATE:
            raw.estimate = True
    return cs, len(prefix)
