"""Every figure of a text: number, unit, qualifier, interval, kind, span, sentence, subject.

``extract(text)`` finds every written number — Arabic (incl. full-width),
Chinese numerals, mixed (``1.6万``, ``3万5千``), ranges, fractions, doublings — and
returns one :class:`~reportcheck.figure.Figure` per number, in text order.

How it works (linear time):

1. Full-width digits/signs are mapped to ASCII one-for-one and markdown ``**``
   markers are removed, keeping a map from the stripped text back to offsets of
   the original text (so spans and columns are those of the original).
2. One precompiled regex (bounded quantifiers, no nested repetition) finds the
   candidate numbers; per candidate, anchored ``match`` calls read what follows
   (unit, qualifiers) and short look-backs read what precedes (第, qualifiers,
   kind cues). Work per candidate is bounded, so extraction is O(n).
3. A second pass over the figures joins list members (``95%、97%以上``,
   ``分别下降7.1%、14.1%``), sharing cue, unit and trailing qualifier, and gives
   each its subject.

Interface decisions (see docs/extraction.md):

- Declines keep the value **as written (positive)**; ``extra["direction"]`` is
  ``"down"`` for 下降/减少/回落/降低…, ``"up"`` otherwise, on GROWTH and POINTS.
- ``extra["factor"]`` (Decimal) on MULTIPLE: the multiplicative factor —
  ``增长1.2倍`` → 2.2, ``翻番`` → 2, ``翻两番`` → 4, ``是2倍`` → 2.
- Ranges (``3-5个``) have ``value=None``; the interval covers both ends and
  ``extra["range"] = (low, high)`` (Decimals).
- ``subject`` is the words the number is about, from the same clause
  (``总量`` for ``总量达到939家``); a list member after ``分别`` gets its own item;
  a figure whose clause names nothing (``、增长6.5%``) inherits the subject of
  the previous figure of its sentence. ``extra["context"]`` is the raw clause
  text before the figure.
"""

from __future__ import annotations

import bisect
import functools
import re
from bisect import bisect_left, bisect_right
from decimal import Decimal
from fractions import Fraction

from reportcheck.figure import Figure, Kind, _make_figure
from reportcheck.quantities.interval import Interval, _trusted
from reportcheck.quantities.numerals import (
    FULLWIDTH,
    Number,
    NumeralError,
    parse_doubling,
    parse_fraction,
    parse_number,
    split_magnitude,
)
from reportcheck.quantities.units import MAGNITUDES, vocabulary
from reportcheck.quantities.units import split_magnitude as _split_unit
from reportcheck.quantities.qualifiers import (
    QUALIFIERS,
    Role,
    apply_qualifiers,
    fraction_interval,
    fraction_value,
    rounding_interval,
)
from reportcheck.text.plain import PlainText

__all__ = ["extract", "UNITS", "CLASSIFIERS"]

# ---------------------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------------------

# The unit words come from the unit registry's definitions (units.txt): its groups say
# how a word after a number is read. Latin-letter spellings are read for measures only.
_LATIN_SPELLING = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _chinese(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if not _LATIN_SPELLING.fullmatch(w))


#: classifiers (量词): a figure with one of these is a COUNT
CLASSIFIERS = vocabulary("classifiers")
#: measure units: a figure with one of these is an AMOUNT
MEASURES = _chinese(vocabulary("measures") + vocabulary("countable"))
#: %, 个百分点, 倍, 成 … and spans (年, 月, 天 …): each is classified by its own word
_SPECIAL = _chinese(vocabulary("ratios") + vocabulary("spans"))
UNITS = tuple(sorted(set(CLASSIFIERS + MEASURES + _SPECIAL), key=len, reverse=True))
_LATIN_UNITS = tuple(sorted(
    (w for w in vocabulary("measures") + vocabulary("countable") if _LATIN_SPELLING.fullmatch(w)), key=len, reverse=True
))
#: the magnitude words of written numbers (万 and up; 千 is read as a digit place)
_MAGNITUDES = tuple(m for m, f in MAGNITUDES.items() if f >= 10**4)

_COUNT_UNITS = frozenset(CLASSIFIERS)
_MAG = "|".join(_MAGNITUDES)

_ARABIC = r"[0-9]{1,3}(?:,[0-9]{3}){1,8}(?![0-9])(?:\.[0-9]{1,30})?|[0-9]{1,40}(?:\.[0-9]{1,30})?"
_CN_CHARS = "零〇一二三四五六七八九十两百千万亿"
_CN_DIGITS = frozenset("〇一二三四五六七八九十两")

# The leading lookahead names every character a candidate can start with, so the
# regex engine skips the rest of the text quickly (≈6× faster than the bare alternation).
_CANDIDATE = re.compile(
    r"(?=[0-9翻首" + "零〇一二三四五六七八九十两百千万亿" + r"])(?:"
    r"(?P<dbl>翻[一两二三四]?番)"
    r"|(?P<frac>[一二三四五六七八九十百千]{1,3}分之[一二三四五六七八九十]{1,3})"
    r"|(?P<first>首位)"
    r"|(?P<date>(?:19|20)[0-9]{2}-[01]?[0-9]-[0-3]?[0-9](?![0-9]))"
    r"|(?P<time>[0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?(?![0-9]))"
    r"|(?P<ar>(?:" + _ARABIC + r")(?:万亿|亿|万(?:[0-9]{1,4}千(?![瓦克米伏]))?|千(?![瓦克米伏卡兆])(?:万|亿)?)?)"
    # a lone 一 (统一, 一批, 进一步) is never a figure unless after 第 or before one of
    # _LONE_ONE_NEXT: rejected here, not in Python (the next try is one character on,
    # as after a one-character match)
    r"|(?P<cn>(?!(?<!第)一(?![" + _CN_CHARS + "是要）)］\\]】〕、.．月]))[" + _CN_CHARS + r"]{1,24})"
    r")"
)
_UNIT = re.compile(
    r"(?P<mag>" + _MAG + r")?(?P<u>" + "|".join(re.escape(u) for u in UNITS) + r")"
)
_MAG_ONLY = re.compile(r"(?:" + _MAG + r")")
_LATIN_UNIT = re.compile(r"(?:" + "|".join(_LATIN_UNITS) + r")(?![A-Za-z])")
_LATIN_AFTER = re.compile(r"[A-Za-z]{1,8}(?:级)?")
_INFIX = re.compile(r"多|余")
_SUFFIX = re.compile(r"以上|以下|以内|左右|上下|有余")
_RANGE_SEP = re.compile(r"\s?(?:-|—{1,2}|–|~|至|到)\s?")
_RANGE_SECOND = re.compile(r"(?:" + _ARABIC + r")(?:万亿|亿|万)?")
_YEAR_TAIL = re.compile(r"年")
_MONTH_DAY = re.compile(r"(?:(?P<y>(?:19|20)[0-9]{2})年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>[12][0-9]|3[01]|0?[1-9])日)?")
_FULLWIDTH_CHARS = re.compile(r"[０-９％．＋－～Ａ-Ｚａ-ｚ]")  # exactly the characters FULLWIDTH maps
_FULLWIDTH_RUN = re.compile(r"[０-９％．＋－～Ａ-Ｚａ-ｚ]+")
_ARABIC_INT = re.compile(r"[0-9]{1,12}")
_MONTH_RANGE = re.compile(r"(?:1[0-2]|0?[1-9])(?:-|—{1,2}|–|~|至|到)(?:1[0-2]|0?[1-9])月")
_YEAR_RANGE = re.compile(r"(?:-|—{1,2}|–|~|至|到)((?:19|20)[0-9]{2})(?=年)")

_PREFIX_WORDS = tuple(
    sorted(
        (w for w, r in QUALIFIERS.items() if w not in ("以上", "以下", "以内", "左右", "上下", "多", "余", "有余")),
        key=len,
        reverse=True,
    )
)
# a qualifier word ending exactly where the number starts; searching from the
# earliest start finds the longest word (不超过 before 超过)
_PREFIX_END = re.compile("(?:" + "|".join(re.escape(w) for w in _PREFIX_WORDS) + ")$")
_PREFIX_MAXLEN = max(len(w) for w in _PREFIX_WORDS)
# kind cues, searched backwards in the clause
# 压减/压缩/精简/削减/缩减/减 N% is a cut by N%, a decline like 下降N% (压降 ends in 降);
# a lone 减 (减时间83%) comes last so that 减少 is read whole
_GROWTH_CUES = re.compile(
    r"增长率|增速|增幅|降幅|涨幅|增长|增加|下降|减少|降低|回落|下跌|上涨|上升|提高|提升|缩小|收窄|扩大|同比|年均|"
    r"压减|压缩|精简|削减|缩减|跌|涨|降|减"
)
_SHARE_CUES = re.compile(r"率|比重|比例|占比|占|覆盖|强度|贡献|达标|利用|水平|指数|份额")
_DOWN = ("下降", "减少", "降低", "回落", "下跌", "缩小", "收窄", "降幅", "压减", "压缩", "精简", "削减", "缩减", "跌", "降", "减")
_RATIO_CUES = re.compile(r"每千|每万|每百|每十万|每平方|每亩|每人|人均|户均|亩均|千人|万人口|百人|十万人|万元GDP|单位GDP|单位地区生产总值")
_OPEN_QUOTES = "“\"「《『‘"
_QUOTE_SPAN = re.compile(r"“[^“”\n]{1,24}”|「[^「」\n]{1,24}」|《[^《》\n]{1,40}》|\"[^\"\n]{1,24}\"|『[^『』\n]{1,24}』|‘[^‘’\n]{1,24}’")
_SENT_END_CHARS = frozenset("。！？!?\n\r")  # a sentence ends at these; each is in _CLAUSE_SEP too
_CLAUSE_SEP = re.compile(r"[，,；;：:。！？!?\n\r（）()]")
_LIST_SEP = frozenset(("、", "和", "及", "与", "以及", "、和", "，", "、及"))
_STRIP_LEAD = "、，,和及与并且◆◇●○■□▲△•·*-—#＃> \t　0123456789."
_SUBJECT_TRAIL_WORDS = (
    "分别|同比|比上年|较上年|年均|累计|总计|共|均|都|已|将|为|是|在|到|至|再|新增加|增加|增长|下降|减少|降低|提高|提升|"
    "压减|压缩|精简|削减|缩减|"
    "回落|上涨|上升|达到|达|增至|完成|实现|保持在|保持|稳定在|控制在|突破|超过|超|逾|过|近|接近|将近|约|大约|"
    "不到|不足|低于|高于|力争|争取|冲刺|预计|预期|居|位居|稳居|排名|排|比"
).split("|")
_SUBJECT_TRAIL = re.compile("(?:" + "|".join(_SUBJECT_TRAIL_WORDS) + ")$")
# _SUBJECT_TRAIL.search(seg) finds the longest of these words ending seg (every match ends
# at the end, so the leftmost is the longest): looked up by suffix length instead of a scan
_TRAIL_SET = frozenset(_SUBJECT_TRAIL_WORDS)
_TRAIL_LAST = frozenset(w[-1] for w in _SUBJECT_TRAIL_WORDS) | {"\n"}
_TRAIL_LENS = tuple(sorted({len(w) for w in _SUBJECT_TRAIL_WORDS}, reverse=True))
_SUBJECT_LEAD_WORDS = (
    "预计|力争|争取|确保|全年|其中|同时|实施|完成|实现|推动|开展|累计|突出抓好|抓好|聚焦|推出|打造|启动|持续推进|推进|"
    "举办|聘请|承接|建设|创建|争创|年内"
).split("|")
_SUBJECT_LEAD = re.compile("^(?:" + "|".join(_SUBJECT_LEAD_WORDS) + ")")
_LEAD_FIRST = frozenset(w[0] for w in _SUBJECT_LEAD_WORDS)
_CN_NAME_RUN = re.compile(r"十?[一二三四五六七八九]五\Z")


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


# ---------------------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------------------


def extract(text: str, *, file: str | None = None) -> list[Figure]:
    """Every figure of ``text``, in order. ``file`` is only used in messages."""
    plain = PlainText(_normalize(text))
    s = plain.text
    ctx = _Context(s)
    raws = _read_all(s, ctx)
    _second_pass(s, raws, ctx)
    return _figures(text, plain, raws, ctx)


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


def _clear_caches() -> None:
    """Empty the bounded memos extraction uses (benchmarks measure a cold start with it)."""
    from reportcheck.quantities import numerals, qualifiers, units

    for memo in (numerals._parse_memo, numerals.split_magnitude, qualifiers._half_step,
                 _arabic_core, _qualified, units._split):
        memo.cache_clear()


def _normalize(text: str) -> str:
    """``text.translate(FULLWIDTH)``, translating only the full-width runs: str.translate
    looks up every character of a CJK text in the table (same result, a fraction of the time)."""
    fw = _FULLWIDTH_CHARS.search(text)
    if not fw:
        return text
    k = fw.start()
    return text[:k] + _FULLWIDTH_RUN.sub(_translate_run, text[k:])


def _translate_run(m: re.Match) -> str:
    return m.group().translate(FULLWIDTH)


# ---------------------------------------------------------------------------------------
# stage 1: stripped text with an offset map
# ---------------------------------------------------------------------------------------


class _Context:
    """Precomputed boundaries of the stripped text."""

    def __init__(self, s: str) -> None:
        self.s = s
        self.clause_seps = seps = [m.start() for m in _CLAUSE_SEP.finditer(s)]
        # every sentence end is a clause separator: filtering beats a second scan
        self.sent_ends = [p for p in seps if s[p] in _SENT_END_CHARS]
        spans = [m.span() for m in _QUOTE_SPAN.finditer(s)]
        self.q_starts = [a for a, _ in spans]
        self.q_ends = [b for _, b in spans]

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


# ---------------------------------------------------------------------------------------
# stage 2: one candidate
# ---------------------------------------------------------------------------------------


def _read(s: str, m: re.Match, ctx: _Context):
    g = m.lastgroup
    a, b = m.start(), m.end()
    if g == "ar":
        return _read_arabic(s, a, b, ctx)
    if g == "cn":
        return _read_chinese(s, a, b, ctx)
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


_RANGE_FIRST = frozenset("-—–~至到")  # the first characters of _RANGE_SEP after its optional blank


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


_LONE_ONE_NEXT = frozenset("是要）)］]】〕、.．月")
_CN_FOLLOW_NAME = ("连冠", "连胜", "中全会", "次全会", "次会议", "次党代会", "届", "大精神")
_CN_MONTH = re.compile(r"(?:十[一二]?|[一二三四五六七八九])月(?:(?:[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])日)?")
_CN_FOLLOW_LABEL = ("级", "甲", "期", "星")
# a classifier that is part of a fixed political name: 八项规定, 三项制度改革
_CN_SET_PHRASE = ("项规定", "项制度改革")
# 三次产业 (the three sectors) is a name too, not three times


def _read_chinese(s: str, a: int, b: int, ctx: _Context):
    run = s[a:b]
    prev = s[a - 1] if a > 0 else "\n"
    nxt = s[b] if b < len(s) else "\x00"
    if run == "一" and prev != "第" and nxt not in _LONE_ONE_NEXT:
        return None  # 统一, 一批, 进一步: fast path for the commonest non-number
    if _CN_DIGITS.isdisjoint(run):
        return None  # 万, 千万, 百亿: words, not numbers
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
    if run in ("一", "零", "〇") and not ordinal:
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


# classifiers after which a bare 二 is an ordinal: all but 人 (二人转 is an opera's name)
_BARE_ORDINAL_UNITS = _COUNT_UNITS - {"人"}


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


def _safe_cn(run: str) -> Decimal | None:
    try:
        return parse_number(run).value
    except NumeralError:
        return None


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
    # full-width % was normalised; canonical spelling
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


_INFIX_CHARS = frozenset("多余")
_SUFFIX_FIRST = frozenset("以左上有")  # 以上 以下 以内 左右 上下 有余
# a prefix word ends right before the number; "$" also matches before a final "\n",
# so a word followed by a line break counts too (as it always has)
_PREFIX_LAST = frozenset(w[-1] for w in _PREFIX_WORDS) | {"\n"}


#: 预计/力争 opening a clause cover the figures of the clause (预计完成地区生产总值5600亿元、增长6.5%)
_CLAUSE_FLAG = re.compile(r"[\s◆◇●■▲•·\-—]{0,3}(预计|力争)")

# 近五年 is "the last five years", not "nearly five years": 近 is not a bound on a span
_DURATION_PREFIX = frozenset(("约", "大约", "超过", "逾", "将近", "不到", "不足"))


_RANKING_WORDS = ("排名", "排位", "位次", "名次", "排序", "位列", "榜单")
_RANK_MOVES = ("上升", "提升", "前移", "前进", "下降", "后退", "跃升", "攀升")


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
        # a whole count with no magnitude is exact
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


# ---------------------------------------------------------------------------------------
# stage 3: lists, qualifiers shared by lists, subjects
# ---------------------------------------------------------------------------------------


def _second_pass(s: str, raws: list[_Raw], ctx: _Context) -> None:
    n = len(raws)
    # group list runs: 95%、97%以上 / 7.1%、14.1% / 8.7%、31.5%和32.3%
    runs: list[list[_Raw]] = []
    i = 0
    while i < n:
        first = raws[i]
        run = [first]
        j = i + 1
        while j < n:
            nxt = raws[j]
            qb, qa = run[-1].qb, nxt.qa
            # every list separator is one or two characters: skip the slice otherwise
            if 0 < qa - qb <= 2 and s[qb:qa] in _LIST_GAPS and nxt.kind.is_quantity and first.kind.is_quantity:
                run.append(nxt)
                j += 1
            else:
                break
        runs.append(run)
        i = j
    for run in runs:
        if len(run) > 1:
            _share_in_run(s, run, ctx)
    # intervals
    for r in raws:
        if r.interval is None:
            r.interval = _interval(r)
    # subjects
    sent_ends, clause_seps = ctx.sent_ends, ctx.clause_seps
    n_sep = len(clause_seps)
    len_s = len(s)
    prev_subject_by_sentence: dict[int, str] = {}
    prev_end = -1
    last: _Raw | None = None  # the figure before, of any kind
    for run in runs:
        items = _fenbie_items(s, run, ctx) if len(run) > 1 else None
        for k, r in enumerate(run):
            ra, qa = r.a, r.qa
            # the sentence and clause of the figure (as ctx.sentence / ctx.clause_start);
            # the sentence bounds are kept for stage 4
            si = bisect_left(sent_ends, ra)
            sent = sent_ends[si - 1] + 1 if si > 0 else 0
            r.si = si
            ci = bisect_left(clause_seps, ra)
            cstart = clause_seps[ci - 1] + 1 if ci > 0 else 0
            seg_start = prev_end if prev_end > cstart else cstart
            r.extra["context"] = s[cstart if cstart > qa - _CONTEXT_MAX else qa - _CONTEXT_MAX : qa]
            if items is not None:
                subj = items[k]
            elif k > 0:
                subj = run[0].subject
            elif r.kind is Kind.RANK and s[ra] != "第" and last is not None and last.qb == ra - 1 and s[ra - 1] == "、":
                subj = last.subject  # 第一、二轮: 二轮 is about what 第一 is about
            else:
                subj = _clean_subject(s[seg_start if seg_start > qa - _CONTEXT_MAX else qa - _CONTEXT_MAX : qa])
                following = None
                kind = r.kind
                if len(subj) <= 3 and (kind is Kind.COUNT or kind is Kind.AMOUNT or kind is Kind.RATIO):
                    qb = r.qb
                    ei = bisect_left(clause_seps, qb)
                    cend = clause_seps[ei] if ei < n_sep else len_s
                    following = _clean_subject(s[qb : min(cend, qb + 24)], following=True)
                if not subj:
                    changeish = kind in (Kind.GROWTH, Kind.POINTS, Kind.MULTIPLE, Kind.SHARE) or r.has_prefix
                    if changeish or not following:
                        subj = prev_subject_by_sentence.get(sent, "")
                if (not subj or len(subj) <= 3 and not r.has_prefix) and following:
                    subj = following
            r.subject = subj
            last = r
            if r.kind.is_quantity:  # names, labels, years neither bound a subject nor lend theirs
                if subj:
                    prev_subject_by_sentence[sent] = subj
                prev_end = r.qb


_LIST_GAPS = frozenset(("、", "和", "及", "与", "以及", "、和", "、及"))
_BARE_MAGS = frozenset(_MAGNITUDES)  # the unit of a bare 1.6万
_MAG_UNITS = frozenset(CLASSIFIERS + MEASURES)  # the units a magnitude can stand before


def _share_in_run(s: str, run: list[_Raw], ctx: _Context) -> None:
    head, last = run[0], run[-1]
    # 高于全国12.7个、12个百分点 / 3、5个: a member written without (all of) the unit takes the last one's
    for r in run[:-1]:
        if r.frac is not None or not last.unit:
            continue  # a fraction has no unit to take: 1/3 is 0.333…, not 0.333…%
        if r.unit is None or (r.unit == "个" and last.unit == "个百分点"):
            r.unit = last.unit
            r.exact = last.exact and r.num is not None and r.num.exponent >= 0
        elif r.unit in _BARE_MAGS and _unit_base(last.unit) in _MAG_UNITS:
            # 分别惠及3500万、2300万人次 / 1.28万亿、8200亿元: the last one's unit at this one's magnitude
            r.unit += _unit_base(last.unit)
            r.exact = False
        else:
            continue
        r.kind = last.kind
        for k in ("direction", "multiple_of"):
            if k in last.extra:
                r.extra[k] = last.extra[k]
    # the cue (kind) of the head applies to the members whose own clause names none
    for r in run[1:]:
        if r.unit is None and last.unit is not None and r is not last and r.frac is None:
            r.unit = last.unit
        if r.unit == head.unit and head.kind in (Kind.GROWTH, Kind.POINTS, Kind.SHARE, Kind.MULTIPLE):
            r.kind = head.kind
            if "direction" in head.extra:
                r.extra["direction"] = head.extra["direction"]
            if r.kind is Kind.MULTIPLE and "multiple_of" in head.extra and r.value is not None:
                r.extra["multiple_of"] = head.extra["multiple_of"]
                r.extra["factor"] = r.value + 1 if head.extra["multiple_of"] == "increase" else r.value
    # a trailing 以上/以下/左右 of the last member applies to all (分别保持在95%、97%以上)
    tail = [w for w in last.quals if w in ("以上", "以下", "以内", "左右", "上下")]
    if tail:
        for r in run[:-1]:
            if not r.has_suffix:
                r.quals = r.quals + tail
                r.extra["shared_qualifier"] = True
    # prefix words of the head (分别突破, 力争) apply to the rest
    lead = [w for w in head.quals if QUALIFIERS.get(w) not in (None, Role.MORE) and w not in ("以上", "以下", "以内", "左右", "上下", "有余")]
    if lead:
        for r in run[1:]:
            if not r.has_prefix:
                r.quals = lead + r.quals
                r.stretch = r.stretch or head.stretch
                r.estimate = r.estimate or head.estimate


#: how far back a subject or context is read (keeps the work per figure bounded)
_CONTEXT_MAX = 80

#: the longest ``sentence`` a figure carries (real reports' longest is ~650 characters)
_SENTENCE_MAX = 1000
#: … and the window around the figure it carries from a longer one
_SENTENCE_WINDOW = 200

_ITEM_SPLIT = re.compile(r"、|和|及|与")


def _fenbie_items(s: str, run: list[_Raw], ctx: _Context) -> list[str] | None:
    cstart = max(ctx.clause_start(run[0].a), run[0].qa - _CONTEXT_MAX)
    before = s[cstart : run[0].qa]
    k = before.rfind("分别")
    if k < 0:
        return None
    items = [_clean_subject(x) for x in _ITEM_SPLIT.split(before[:k])]
    items = [x for x in items if x]
    if len(items) != len(run):
        return None
    # 治安、刑事警情 / 刑事、治安案件: a two-character modifier shares the last item's head noun
    last = items[-1]
    if len(last) >= 4:
        items = [x + last[-2:] if len(x) == 2 and not x.endswith(last[-2:]) else x for x in items[:-1]] + [last]
    return items


def _clean_subject(seg: str, following: bool = False) -> str:
    if following:
        # the words after the figure, up to the next number
        for k, ch in enumerate(seg):
            if ch.isdigit():
                seg = seg[:k]
                break
    seg = seg.strip(_STRIP_LEAD)
    for _ in range(4):
        n = len(seg)
        if not n or seg[-1] not in _TRAIL_LAST:
            break
        if seg[-1] == "\n":  # "$" also matches before a final newline: leave that to the regex
            m = _SUBJECT_TRAIL.search(seg)
            p = m.start() if m else -1
        else:
            p = -1
            for k in _TRAIL_LENS:
                if k <= n and seg[n - k :] in _TRAIL_SET:
                    p = n - k
                    break
        if p < 0 or p == 0 and following:
            break
        seg = seg[:p].rstrip(_STRIP_LEAD)
    for _ in range(3):
        if not seg or seg[0] not in _LEAD_FIRST:
            break
        m = _SUBJECT_LEAD.match(seg)
        if not m:
            break
        seg = seg[m.end():].lstrip(_STRIP_LEAD)
    return seg.strip(_STRIP_LEAD_QUOTES)


_STRIP_LEAD_QUOTES = _STRIP_LEAD + "“”\""


_NO_QUANTITY = frozenset((Kind.YEAR, Kind.DATE, Kind.RANK, Kind.NAME, Kind.LABEL))
_EVERYTHING = Interval.everything()  # immutable, so one instance serves every figure


def _interval(r: _Raw) -> Interval:
    if r.frac is not None:
        return fraction_interval(r.frac, r.quals)
    if r.rng is not None:
        lo = rounding_interval(r.rng[0], exact=r.exact or _count_exact(r))
        hi = rounding_interval(r.rng[1], exact=r.exact or _count_exact(r))
        return Interval(lo.lower, hi.upper, True, True)
    v = r.value
    if v is None:
        return _EVERYTHING
    kind = r.kind
    if r.num is None or kind in _NO_QUANTITY or kind is Kind.DURATION and not r.quals:
        if type(v) is Decimal and v.is_finite():
            return _trusted(v, v, True, True)
        return Interval.point(v)
    return _qualified(r.ntext, tuple(r.quals), r.exact)


@functools.lru_cache(maxsize=4096)
def _qualified(ntext: str, quals: tuple[str, ...], exact: bool) -> Interval:
    # keyed by the number's text, not its Number: Decimal("5.0") == Decimal("5") would
    # hand one figure the other's interval, whose ends print differently
    return apply_qualifiers(parse_number(ntext), quals, exact=exact)


def _count_exact(r: _Raw) -> bool:
    u = r.unit or ""
    return u in _COUNT_UNITS and r.kind is Kind.COUNT


# ---------------------------------------------------------------------------------------
# stage 4: Figures with spans in the original text
# ---------------------------------------------------------------------------------------


def _figures(text: str, plain: PlainText, raws: list[_Raw], ctx: _Context) -> list[Figure]:
    s = plain.text
    orig_span = plain.orig_span
    starts = plain.index.starts  # the normalised text has the original's line breaks
    n_lines = len(starts)
    sent_ends = ctx.sent_ends
    n_sent = len(sent_ends)
    len_s = len(s)
    out: list[Figure] = []
    append = out.append
    make = _make_figure
    sent_cache: dict[int, str] = {}  # sentence index → its text (run-on sentences are not kept)
    for r in raws:
        start, end = orig_span(r.a, r.b)
        # (line, column) as LineIndex.position; the end is nearly always on the start's line
        li = bisect_right(starts, start) - 1
        col = start - starts[li] + 1
        if li + 1 < n_lines and end >= starts[li + 1]:
            eli = bisect_right(starts, end) - 1
        else:
            eli = li
        end_col = end - starts[eli] + 1
        # r.si is the index of the sentence (found in stage 3); a sentence is cut once
        si = r.si
        sentence = sent_cache.get(si)
        if sentence is None:
            # the bounds as ctx.sentence(r.a)
            sa = sent_ends[si - 1] + 1 if si > 0 else 0
            if si < n_sent:
                sb = sent_ends[si]
                if s[sb] in "。！？!?":
                    sb += 1
            else:
                sb = len_s
            if sb - sa > _SENTENCE_MAX:
                # a run-on "sentence" (no 。 for pages): a window around the figure, so that
                # every figure carrying its sentence stays linear in the text's size
                wa = max(sa, min(r.a - _SENTENCE_WINDOW // 2, sb - _SENTENCE_WINDOW))
                sentence = s[wa : wa + _SENTENCE_WINDOW].strip()
            else:
                sentence = s[sa:sb].strip()
                sent_cache[si] = sentence
        quals = r.quals
        append(
            make(
                r.text, r.value, r.unit, r.kind,
                r.interval if r.interval is not None else _EVERYTHING,
                "+".join(quals) if quals else None,
                start, end, li + 1, col, eli + 1, end_col,
                sentence, r.subject, r.stretch, r.estimate, r.extra,
            )
        )
    return out
