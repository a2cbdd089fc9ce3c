"""The kind of a read figure: count, amount, growth, share, points, multiple, rank,
duration, date, label, name or ratio — from its unit word and the cue words before it."""

from __future__ import annotations

from reportcheck.figure import Kind
from reportcheck.quantities.units import split_magnitude as _split_unit
from reportcheck.text.extract.raw import _Context, _Raw
from reportcheck.text.extract.vocabulary import (
    _COUNT_UNITS,
    _DOWN,
    _GROWTH_CUES,
    _RANKING_WORDS,
    _RANK_MOVES,
    _RATIO_CUES,
    _SHARE_CUES,
)

import re

#: words after a count that make it part of a name: 青年50人论坛
_NAME_AFTER = ("论坛", "峰会")
#: a bare number before a short name ending in one of these is part of the name: 365展贸网
_NAMED_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}(?:网|平台|热线|专线)")
#: a version number right after a word: 首发经济3.0, 工业4.0
_VERSION = re.compile(r"[0-9]{1,2}\.0")


def _ranking(s: str, a: int) -> bool:
    """Is N位 at ``a`` a place in a ranking (排名…由369位上升到235位, 前移5位)?"""
    start = a
    while start > 0 and a - start < 24 and s[start - 1] not in "，。；！？\n\r,;":
        start -= 1
    before = s[start:a]
    return any(w in before for w in _RANKING_WORDS) or before.endswith(_RANK_MOVES)


def _classify(s: str, raw: _Raw, ctx: _Context, ordinal: bool, cs: int) -> None:
    """``cs``: the start of the clause of ``raw.a``."""
    num = raw.num
    unit = raw.unit or ""
    base = _unit_base(unit)
    raw.value = None if raw.rng else num.value if num else None
    if raw.rng:
        raw.extra["range"] = (raw.rng[0].value, raw.rng[1].value)
    if ordinal:
        if s[raw.a - 1] == "第":
            raw.a -= 1  # 第 belongs to the rank (not the 、 of 第一、二轮)
        raw.qa = min(raw.qa, raw.a)
        raw.text = s[raw.a : raw.b]
        raw.kind, raw.exact = Kind.RANK, True  # the unit (位, 批, 个, 次 …) is kept as written
        return
    if ctx.in_quotes(raw.a, raw.b):
        raw.kind, raw.exact = Kind.NAME, True
        return
    prev = s[raw.a - 1] if raw.a > 0 else "\n"
    if base in _COUNT_UNITS and s.startswith(_NAME_AFTER, raw.b):
        raw.kind, raw.exact = Kind.NAME, True  # 青年50人论坛: a name, not 50 people
        return
    if not unit and ("\u4e00" <= prev <= "\u9fff") and (
            (_NAMED_AFTER.match(s, raw.b) and len(raw.text or "") >= 3 and (raw.text or "").isdigit())
            or _VERSION.fullmatch(raw.text or "")):
        raw.kind, raw.exact = Kind.LABEL, True  # 365展贸网, 首发经济3.0: labels, not amounts
        return
    if base in ("%", "‰"):
        raw.kind = _percent_kind(s, raw, cs)
        raw.unit = unit  # '%'
    elif base in ("个百分点", "百分点", "千分点"):
        raw.kind = Kind.POINTS
        cue = _cue(s, raw, cs)
        raw.cue = cue
        raw.extra["direction"] = "down" if cue and cue in _DOWN else "up"
    elif base == "倍":
        raw.kind = Kind.MULTIPLE
        cue = _cue(s, raw, cs)
        raw.cue = cue
        v = raw.value
        if cue in ("增长", "增加", "提高", "提升", "上涨", "上升", "扩大", "年均", "同比") and v is not None:
            raw.extra["factor"] = v + 1
            raw.extra["multiple_of"] = "increase"
        elif v is not None:
            raw.extra["factor"] = v
            raw.extra["multiple_of"] = "ratio"
    elif base == "成":
        raw.kind = _percent_kind(s, raw, cs)  # 精简两成 is a cut as 压减20% is; 占三成 a share
    elif base in ("位", "名") and unit == base and prev == "前":
        raw.kind, raw.exact = Kind.RANK, True  # 前五位: a rank (among the first five), not people
    elif base in ("小时", "分钟") and not mag_in(unit):
        raw.kind, raw.exact = Kind.DURATION, True  # 24小时, 15分钟生活圈: spans of time
    elif base in ("周年",) or (base == "年" and not mag_in(unit)):
        raw.kind, raw.exact = Kind.DURATION, True  # 5年来, 三年行动, 连续两年
    elif base == "季度" and not mag_in(unit):
        raw.kind, raw.exact = Kind.LABEL, True  # 二季度, 前三季度: a period's name, not an amount
    elif base in ("月", "日", "天") and not mag_in(unit):
        if base == "天":
            raw.kind, raw.exact = Kind.DURATION, True
        else:
            raw.kind, raw.exact = Kind.DATE, True
    elif prev in "\n\r" and raw.unit is None and s.startswith((" ", "\t", "　", "、", ".", "．"), raw.b):
        raw.kind, raw.exact = Kind.LABEL, True  # heading numbers: "1 加力推进…"
    elif base == "位" and unit == base and _ranking(s, raw.a):
        raw.kind, raw.exact = Kind.RANK, True  # 排名由369位上升到235位: places in a ranking, not people
    elif base in _COUNT_UNITS:
        if base == "大" and ctx.in_quotes(raw.a, raw.b):
            raw.kind = Kind.NAME
        else:
            raw.kind = Kind.RATIO if _ratio(s, raw, cs) else Kind.COUNT
        # a whole count with no magnitude is exact (351家, 1500处); a count written with
        # 万/千 places (三万五千人, 3万5千人) is rounded to its last written digit, except
        # small Chinese numbers (十个方面, 二十条)
        chinese = not s[raw.a].isascii()
        raw.exact = (
            raw.kind is Kind.COUNT and base == unit and num is not None
            and num.value == num.value.to_integral_value()
            and (num.exponent == 0 or (chinese and num.value < 100))
        )
    elif not unit and (s.startswith(("∶", "："), raw.b) and raw.b + 1 < len(s) and s[raw.b + 1].isdigit()
                       or prev in "∶：" and raw.a >= 2 and s[raw.a - 2].isdigit()):
        raw.kind = Kind.RATIO  # 2.81∶1, 8.7∶41.2∶50.1: parts of a proportion
    elif base == "岁":
        raw.kind = Kind.AMOUNT  # an age threshold (3岁以下), never a per-capita ratio
    elif base.endswith("/人"):
        raw.kind = Kind.RATIO  # 42万元/人: a per-person rate
    else:
        raw.kind = Kind.RATIO if unit and _ratio(s, raw, cs) else Kind.AMOUNT


def _unit_base(unit: str) -> str:
    """The unit without its magnitude: 亿元 → 元, 万个 → 个 (万 stays 万)."""
    return _split_unit(unit)[1]


def mag_in(unit: str) -> bool:
    return _split_unit(unit)[0] != 1


def _cue(s: str, raw: _Raw, cs: int) -> str | None:
    start = max(cs, raw.qa - 16)
    m = None
    for m in _GROWTH_CUES.finditer(s, start, raw.qa):  # the last cue counts
        pass
    return m.group() if m is not None else None


def _percent_kind(s: str, raw: _Raw, cs: int) -> Kind:
    start = max(cs, raw.qa - 24)
    window = s[start : raw.qa]
    m = None
    for m in _GROWTH_CUES.finditer(window):  # the last cue counts
        pass
    g_end, g_word = (m.end(), m.group()) if m is not None else (-1, None)
    m = None
    for m in _SHARE_CUES.finditer(window):
        pass
    s_end = m.end() if m is not None else -1
    if g_word is None and s_end < 0:
        return Kind.SHARE
    if g_end >= s_end and g_word is not None:
        # 提高到/降至: a level, not a change
        after = window[g_end : g_end + 1]
        if after in ("到", "至") or any(w in ("提高到", "提升至", "提高至", "提升到", "降至", "降到", "增至") for w in raw.quals):
            return Kind.SHARE
        raw.cue = g_word
        raw.extra["direction"] = "down" if g_word in _DOWN else "up"
        return Kind.GROWTH
    return Kind.SHARE


def _ratio(s: str, raw: _Raw, cs: int) -> bool:
    start = max(cs, raw.qa - 24)
    return _RATIO_CUES.search(s, start, raw.qa) is not None
