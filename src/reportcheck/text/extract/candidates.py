"""Stage 2: one candidate number read with the words around it.

Each candidate of the candidate pattern is read here as a number — Arabic, Chinese,
mixed, a fraction, a doubling — and years, dates, codes, labels and names are recognised
here; :mod:`.words` then reads the words after it (magnitude, 多/余, unit, 以上/左右) by
anchored matches and before it (第, qualifier words, 预计/力争 of the clause) by short
look-backs, and :mod:`.classify` decides the kind of a quantity. Work per candidate is
bounded.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from fractions import Fraction

from reportcheck.figure import Kind
from reportcheck.quantities.numerals import (
    Number,
    NumeralError,
    parse_doubling,
    parse_fraction,
    parse_number,
    split_magnitude,
)
from reportcheck.quantities.qualifiers import fraction_value
from reportcheck.text.extract.classify import _percent_kind
from reportcheck.text.extract.raw import _Context, _Raw
from reportcheck.text.extract.vocabulary import (
    _ARABIC_INT,
    _BARE_ORDINAL_UNITS,
    _CANDIDATE,
    _CLAUSE_FLAG,
    _CN_DIGITS,
    _CN_FOLLOW_LABEL,
    _CN_FOLLOW_NAME,
    _CN_MONTH,
    _CN_NAME_RUN,
    _CN_SET_PHRASE,
    _INFIX,
    _LATIN_AFTER,
    _LATIN_UNIT,
    _LONE_ONE_NEXT,
    _MONTH_DAY,
    _MONTH_RANGE,
    _RANGE_FIRST,
    _RANGE_SECOND,
    _RANGE_SEP,
    _SUFFIX,
    _SUFFIX_FIRST,
    _UNIT,
    _YEAR_RANGE,
)
from reportcheck.text.extract.words import _finish, _leading, _listed_ordinal

def _read_all(s: str, ctx: _Context) -> list[_Raw]:
    """Stage 2 over the whole text: the figures under construction, in order."""
    raws: list[_Raw] = []
    skip_until = 0
    for m in _CANDIDATE.finditer(s):
        a = m.start()
        if a < skip_until:
            continue
        g = m.lastgroup  # the two common kinds of candidate skip _read's dispatch
        if g == "ar":
            raw = _read_arabic(s, a, m.end(), ctx)
        elif g == "cn":
            raw = _read_chinese(s, a, m.end(), ctx)
        else:
            raw = _read(s, m, ctx)
        if raw is None:
            continue
        if type(raw) is list:
            raws.extend(raw)
            skip_until = raw[-1].qb if raw else skip_until
        else:
            raws.append(raw)
            skip_until = raw.b
    return raws


def _read(s: str, m: re.Match, ctx: _Context):
    """The rarer candidates: doublings, fractions, 首位, dates and times (Arabic and
    Chinese numbers are dispatched by :func:`_read_all`)."""
    g = m.lastgroup
    a, b = m.start(), m.end()
    raw = _Raw(a, b)
    raw.text = s[a:b]
    if g == "dbl":
        factor = parse_doubling(raw.text)
        raw.kind, raw.value, raw.unit = Kind.MULTIPLE, Decimal(factor), "倍"
        raw.exact = True
        raw.extra["factor"] = Decimal(factor)
        raw.extra["doubling"] = True
        lead = _CLAUSE_FLAG.match(s, ctx.clause_start(a), a)
        if lead:  # 力争外贸进出口总值翻一番
            raw.quals.append(lead.group(1))
            raw.stretch = lead.group(1) == "力争"
            raw.estimate = lead.group(1) == "预计"
    elif g == "frac":
        return _fraction(s, a, b, parse_fraction(raw.text), ctx)
    elif g == "first":
        raw.kind, raw.value, raw.unit, raw.exact = Kind.RANK, Decimal(1), None, True
    elif g == "time" and a > 0 and s[a - 1].isdigit():
        return None
    elif g in ("date", "time"):
        raw.kind, raw.value, raw.unit, raw.exact = Kind.DATE, None, None, True
    return raw


def _fraction(s: str, a: int, b: int, frac: Fraction, ctx: _Context) -> _Raw:
    """三分之一 and 1/3 alike: a share without unit, read with the words around it as any
    figure is; ``extra["fraction"]`` is exact. The interval is made in stage 3 (after a list
    has shared its words) by ``qualifiers.fraction_interval``."""
    raw = _Raw(a, b)
    raw.text = s[a:b]
    raw.kind, raw.unit, raw.frac = Kind.SHARE, None, frac
    raw.value = fraction_value(frac)
    raw.extra["fraction"] = f"{frac.numerator}/{frac.denominator}"
    suf = _SUFFIX.match(s, b) if b < len(s) and s[b] in _SUFFIX_FIRST else None
    if suf:
        raw.quals.append(suf.group())
        raw.has_suffix = True
        raw.qb = suf.end()
    cs, _ = _leading(s, raw, a, ctx, False)
    if _percent_kind(s, raw, cs) is Kind.GROWTH:
        # 减少三分之一: a change by n/d of the base, so in % as 减少33%; extra["fraction"]
        # stays the fraction written
        raw.frac = frac = frac * 100
        raw.kind, raw.unit, raw.value = Kind.GROWTH, "%", fraction_value(frac)
    return raw


def _read_arabic(s: str, a: int, b: int, ctx: _Context):
    core = s[a:b]
    prev = s[a - 1] if a > 0 else "\n"
    nxt = s[b] if b < len(s) else "\x00"
    # codes with letters: 5G, 5A级, PM2.5, C919, G20 (a Latin unit starts with a letter,
    # so the regex is only tried after one)
    if (prev.isascii() and (prev.isalpha() or prev == "_")) or (
        nxt.isascii() and nxt.isalpha() and not _LATIN_UNIT.match(s, b)
    ):
        raw = _Raw(a, b)
        while raw.a > 0 and s[raw.a - 1].isascii() and (s[raw.a - 1].isalpha() or s[raw.a - 1] == "_") and b - raw.a < 12:
            raw.a -= 1
        la = _LATIN_AFTER.match(s, b)
        if la:
            raw.b = la.end()
        raw.qa, raw.qb = raw.a, raw.b
        raw.text = s[raw.a : raw.b]
        raw.kind = Kind.LABEL
        raw.value = _safe_number(core)
        raw.exact = True
        return raw
    if prev == "." or (prev.isascii() and prev.isdigit()):
        return None  # tail of something odd like 1.2.3
    if prev in "［[【〔（(" and b < len(s) and s[b] in "］]】〕）)":
        raw = _Raw(a, b)  # footnote and list markers: ［28］, (3)
        raw.text, raw.kind, raw.value, raw.exact = core, Kind.LABEL, _safe_number(core), True
        return raw
    # years and dates
    if len(core) == 4 and core.isdigit() and 1900 <= int(core) <= 2100:
        md = _MONTH_DAY.match(s, a) if b < len(s) and s[b] == "年" else None
        if md and md.group("m"):
            raw = _Raw(a, md.end())
            raw.text, raw.kind, raw.exact = s[a : md.end()], Kind.DATE, True
            return raw
        if b < len(s) and s[b] == "年" and not s.startswith("年来", b):
            raw = _Raw(a, b + 1)
            raw.text, raw.kind, raw.value, raw.exact = s[a : b + 1], Kind.YEAR, Decimal(core), True
            return raw
        yr = _YEAR_RANGE.match(s, b) if nxt in _RANGE_FIRST else None
        if yr:
            first = _Raw(a, b)
            first.text, first.kind, first.value, first.exact = core, Kind.YEAR, Decimal(core), True
            second = _Raw(yr.start(1), yr.end(1) + 1)
            second.text, second.kind, second.value, second.exact = s[second.a : second.b], Kind.YEAR, Decimal(yr.group(1)), True
            first.qb = second.b
            second.qb = second.b
            return [first, second]
    # core is all digits here, so a month (range) or date must end exactly at b:
    # nothing to try unless a separator, 年 or 月 follows
    if (nxt in _RANGE_FIRST or nxt == "年" or nxt == "月") and "." not in core and core.isdigit():
        mr = _MONTH_RANGE.match(s, a) if len(core) <= 2 and nxt in _RANGE_FIRST else None
        if mr:  # 1—11月
            raw = _Raw(a, mr.end())
            raw.text, raw.kind, raw.exact = mr.group(), Kind.DATE, True
            return raw
        md = _MONTH_DAY.match(s, a)
        if md and md.group("m") and md.end() > b:
            raw = _Raw(a, md.end())
            raw.text, raw.kind, raw.exact = s[a : md.end()], Kind.DATE, True
            return raw
    if nxt in "号级强版" or s.startswith(("连增", "连涨", "连冠", "连胜", "连降"), b):
        # 1号线, 6号机组, 6.2级地震, 2.0版, 世界500强, 5连增: labels and names
        end = b + 2 if nxt == "连" else b + 1
        raw = _Raw(a, end)
        raw.text, raw.value, raw.exact = s[a:end], _safe_number(core), True
        raw.kind = Kind.NAME if nxt in "强连" or ctx.in_quotes(a, end) else Kind.LABEL
        return raw
    if nxt == "/" and b + 1 < len(s) and s[b + 1].isdigit() and "." not in core:
        den = _ARABIC_INT.match(s, b + 1)
        if den and int(den.group()) != 0:  # 1/10, 1/3: a fraction
            return _fraction(s, a, den.end(), Fraction(int(core), int(den.group())), ctx)
    if (
        len(core) == 4 and core.isdigit() and 1949 <= int(core) <= 2100
        and not _UNIT.match(s, b) and not _LATIN_UNIT.match(s, b) and not _INFIX.match(s, b)
    ):
        raw = _Raw(a, b)  # 2025全球工业互联网大会: a year without 年
        raw.text, raw.kind, raw.value, raw.exact = core, Kind.YEAR, Decimal(core), True
        return raw
    num_text, mag, num = _arabic_core(core)
    if num is None:
        return None
    raw = _Raw(a, b)
    raw.num = num
    raw.ntext = num_text
    pos = b
    # ranges: 3-5个, 4.5-5%, 2—4家, 3至5 (a separator, possibly after one blank, must follow)
    p2 = pos + 1 if nxt == "%" else pos
    c2 = s[p2] if p2 < len(s) else "\x00"
    sep = _RANGE_SEP.match(s, p2) if not mag and (c2 in _RANGE_FIRST or c2.isspace()) else None
    if sep:
        sec = _RANGE_SECOND.match(s, sep.end())
        after = s[sec.end()] if sec and sec.end() < len(s) else ""
        if sec and not (after in ("月", "日") or (after == "年" and len(sec.group()) == 4)):
            n2_text, mag2 = split_magnitude(sec.group())
            try:
                n2 = parse_number(n2_text)
            except NumeralError:
                n2 = None
            if n2 is not None and n2.value >= num.value:
                raw.rng = (num, n2)
                mag = mag2
                pos = sec.end()
    return _finish(s, raw, pos, mag, ctx, chinese=False)


@functools.lru_cache(maxsize=4096)
def _arabic_core(core: str) -> tuple[str, str, Number | None]:
    """(number text, magnitude, Number or None if unreadable) of an Arabic candidate."""
    num_text, mag = split_magnitude(core)
    try:
        return num_text, mag, parse_number(num_text)
    except NumeralError:
        return num_text, mag, None


def _safe_number(core: str) -> Decimal | None:
    try:
        return parse_number(split_magnitude(core)[0]).value
    except NumeralError:
        return None


def _read_chinese(s: str, a: int, b: int, ctx: _Context):
    run = s[a:b]
    prev = s[a - 1] if a > 0 else "\n"
    nxt = s[b] if b < len(s) else "\x00"
    # 学前一年, 提前一年: a lone 一 before 年 after 前 is a span of one year
    one_year = run == "一" and nxt == "年" and prev == "前"
    if run == "一" and prev != "第" and nxt not in _LONE_ONE_NEXT and not one_year:
        return None  # 统一, 一批, 进一步: fast path for the commonest non-number
    if _CN_DIGITS.isdisjoint(run) and not _bare_magnitude(s, a, b, run):
        return None  # 万, 千万, 百亿: words, not numbers (but 超百万人, 突破百亿元 are figures)
    quoted = ctx.in_quotes(a, b)
    # 第一、二轮: 二 is the second round (an ordinal), not two rounds
    ordinal = prev == "第" or prev == "、" and _listed_ordinal(s, a)
    lead = a - 1 if prev == "第" else a  # where an ordinal name starts (第 belongs to it)
    line_start = prev in "\n\r" or a == 0
    # enumerations: （一） 一、 二是
    if (prev in "（(［[【〔" and nxt in "）)］]】〕") or (line_start and nxt in "、.．") or (
        nxt in "是要" and prev in "\n\r，。；：、,;:" and len(run) <= 3
    ):
        raw = _Raw(a, b)
        raw.text, raw.kind, raw.exact = run, Kind.LABEL, True
        raw.value = _safe_cn(run)
        return raw
    if not ordinal and nxt == "月":  # run is all numerals, so a month's 月 can only be at b
        md = _CN_MONTH.match(s, a)
        if md:
            raw = _Raw(a, md.end())
            raw.text, raw.kind, raw.exact = md.group(), Kind.DATE, True
            return raw  # 一月二十七日
    if run in ("一", "零", "〇") and not ordinal and not one_year:
        return None
    try:
        num = parse_number(run)
    except NumeralError:
        if _CN_NAME_RUN.match(run) or quoted:
            raw = _Raw(a, b)
            raw.text, raw.kind, raw.exact = run, Kind.NAME, True
            return raw
        return None
    if quoted and not ordinal:
        raw = _Raw(a, b)
        um = _UNIT.match(s, b)
        if s.startswith(("连冠", "连胜"), b):
            raw.b = raw.qb = b + 2
        elif um and not split_magnitude(run)[1]:
            raw.b = raw.qb = um.end()
        raw.text, raw.kind, raw.exact = s[a : raw.b], Kind.NAME, True
        raw.value = None if _CN_NAME_RUN.match(run) else num.value  # “八五”普法 is a plan, not 85
        return raw
    if ordinal and s.startswith("个五年规划", b):
        raw = _Raw(lead, b + 5)
        raw.text, raw.kind, raw.value, raw.exact = s[lead : b + 5], Kind.NAME, num.value, True
        return raw  # 第十五个五年规划: the plan's name, not a rank and a five-year span
    if not ordinal and (s.startswith(_CN_SET_PHRASE, b) or run == "三" and s.startswith("次产业", b)):
        raw = _Raw(a, b + 1)
        raw.text, raw.kind, raw.value, raw.exact = s[a : b + 1], Kind.NAME, num.value, True
        return raw  # 中央八项规定: a name, not a count of 项
    if ordinal and (s.startswith(("产业", "人民", "书记", "责任人", "时间"), b) or nxt == "、" and _listed_sector(s, b)):
        raw = _Raw(lead, b)
        raw.text, raw.kind, raw.value, raw.exact = s[lead : b], Kind.NAME, num.value, True
        return raw  # 第一产业, 上海市第一人民医院, 第一书记, 第一、二产业: names
    if s.startswith("位数", b) or s.startswith("个位数", b):
        raw = _Raw(a, b + (2 if s.startswith("位数", b) else 3))
        raw.text, raw.kind, raw.value, raw.exact = s[a : raw.b], Kind.LABEL, num.value, True
        return raw  # 两位数增长
    if not ordinal and (
        (s.startswith(_CN_FOLLOW_NAME, b) and not (run == "两" and nxt == "届"))
        or (nxt == "大" and run in ("十八", "十九", "二十", "二十一"))
    ):
        raw = _Raw(a, b + 2 if s.startswith(("连冠", "连胜"), b) else b)
        run = s[a : raw.b]
        raw.text, raw.kind, raw.value, raw.exact = run, Kind.NAME, num.value, True
        return raw
    if s.startswith(_CN_FOLLOW_LABEL, b):
        raw = _Raw(a, b + 1)
        raw.text, raw.kind, raw.value, raw.exact = s[a : b + 1], Kind.LABEL, num.value, True
        return raw
    if len(run) == 4 and all(c in "〇零一二三四五六七八九" for c in run) and nxt == "年":
        raw = _Raw(a, b + 1)
        raw.text, raw.kind, raw.value, raw.exact = s[a : b + 1], Kind.YEAR, num.value, True
        return raw
    num_text, mag = split_magnitude(run)
    if mag:
        num = parse_number(num_text)
    raw = _Raw(a, b)
    raw.num = num
    raw.ntext = num_text
    pos = b
    if not ordinal:
        # a Chinese numeral is a figure only when a unit (or 多/余 + unit) follows
        p = pos
        if _INFIX.match(s, p):
            p += 1
        if not _UNIT.match(s, p) and not (mag and p > pos):
            if not mag:
                return None
        if run == "二" and p == pos:
            # 土地二轮延包, 二类水质: before a classifier two is written 两 (两轮), so a bare
            # 二 there is an ordinal with 第 left out (二轮 = 第二轮)
            um = _UNIT.match(s, pos)
            if um and not um.group("mag") and um.group("u") in _BARE_ORDINAL_UNITS:
                return _finish(s, raw, pos, mag, ctx, chinese=True, ordinal=True)
    return _finish(s, raw, pos, mag, ctx, chinese=True)


def _listed_sector(s: str, b: int) -> bool:
    """Does the ordinal list going on at ``b`` (a 、) name sectors: 第一、二产业, 第一、第三产业,
    第一、二、三产业? Walks forward over at most three short members."""
    k = b
    n = len(s)
    for _ in range(3):
        if k >= n or s[k] != "、":
            return False
        k += 1
        if k < n and s[k] == "第":
            k += 1
        j = k
        while j < n and j - k < 2 and s[j] in "一二三":
            j += 1
        if j == k:
            return False
        if s.startswith("产业", j):
            return True
        k = j
    return False


#: a magnitude without a digit is a figure after a bound word and before a unit: 超百万人, 突破百亿元
_BARE_MAG_RUNS = frozenset(("百万", "千万", "百亿", "千亿", "万亿"))
_BARE_MAG_BEFORE = ("突破", "超过", "超", "逾", "近", "上", "达到", "达", "过")


def _bare_magnitude(s: str, a: int, b: int, run: str) -> bool:
    if run not in _BARE_MAG_RUNS or not s[max(0, a - 2):a].endswith(_BARE_MAG_BEFORE):
        return False
    um = _UNIT.match(s, b)
    return um is not None and um.group("mag") is None


def _safe_cn(run: str) -> Decimal | None:
    try:
        return parse_number(run).value
    except NumeralError:
        return None
