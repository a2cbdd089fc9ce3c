"""An English translation checked against the Chinese report it renders.

A translation follows its source closely: paragraph after paragraph, sentence
after sentence, mostly figure after figure. So instead of matching each English
figure to the whole report by meaning, the two texts are first **aligned**:

1. Both texts are cut into paragraphs (non-empty lines). Every English figure is
   read (:mod:`reportcheck.text.english`), every Chinese figure extracted.
2. An English figure *agrees* with a Chinese one when they are the same kind of
   number (a level in one dimension, a percentage, percentage points, a multiple),
   the written numbers agree (the same digits in the English figure's unit, or a
   coarser rounding of the source: 12 million for 1244万) and the qualified intervals
   meet, with no reversed qualifier or change direction. Paragraph pairs that share
   agreeing figures are **anchors**; a monotone alignment (dynamic programming, as for
   sentence alignment, a skewed chain paying for its skew) chooses the anchors, and an
   English paragraph between two anchors sits between their Chinese paragraphs.
3. Within an aligned paragraph and its neighbours (the automatic alignment of a
   corpus is sometimes one sentence off), every English figure is assigned, best score
   first, to the Chinese figure it agrees with or renders *with a recognisable slip*:
   a magnitude word off by a power of ten (亿 as million, 万亿 as billion, 万 as
   thousand), % as percentage points, the qualifier's direction reversed (以上 as
   "below"), the change's direction reversed, a digit transposed, changed, dropped or
   added. Where the alignment is unsure (a news story), the same written number
   anywhere in the source, then a slip only one source figure explains.
4. A slip is an error (category ``fidelity``; the English figure first, then the
   Chinese figure); an English figure that renders nothing is a warning (it cannot
   be verified); with ``complete`` every Chinese figure without a rendering is a
   warning citing the Chinese figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from reportcheck.figure import Figure, Kind
from reportcheck.findings import Category, FigureRef, Finding, Result, Severity
from reportcheck.quantities import units as _units
from reportcheck.quantities.interval import Interval
from reportcheck.quantities.qualifiers import QUALIFIERS, Role
from reportcheck.text.english import extract_english, is_english

__all__ = ["compare_english", "is_english", "align_paragraphs", "Pair", "english_rendering"]

_MAG_WORD_ZH = {"万亿": "trillion", "亿": "100 million", "万": "10 thousand", "千": "thousand"}
_PCT_KINDS = (Kind.GROWTH, Kind.SHARE)
_LOWER_ROLES = (Role.LOWER, Role.LOWER_OPEN, Role.MORE)
_UPPER_ROLES = (Role.UPPER, Role.UPPER_OPEN)


# -- one figure in comparable form -----------------------------------------------------------------

@dataclass(frozen=True)
class _Norm:
    family: str  # "pct", "pp", "mult", "count", or a dimensionality for amounts
    interval: Interval  # in the family's common unit (base unit, % for percentages)
    core: Interval  # the written number's own rounding interval, qualifiers left out, same unit
    value: Decimal | None
    direction: str | None
    bound: str | None  # "lower", "upper", "band" or None
    unit_f: Fraction = Fraction(1)  # one of the figure's own unit (no magnitude) in the family's unit


def _roles(fig: Figure, english: bool) -> list[str]:
    if english:
        words = (fig.extra.get("role_word") or "").split("+")
    else:
        words = (fig.qualifier or "").split("+")
    return [QUALIFIERS.get(w) for w in words if w and QUALIFIERS.get(w)]


def _bound(roles: list[str]) -> str | None:
    if any(r in _LOWER_ROLES for r in roles):
        return "lower"
    if any(r in _UPPER_ROLES for r in roles):
        return "upper"
    if Role.BAND in roles:
        return "band"
    return None


def _scale_interval(iv: Interval, f: Fraction) -> Interval:
    if f == 1:
        return iv
    num, den = Decimal(f.numerator), Decimal(f.denominator)
    out = iv * num
    if den != 1:
        out = out / Interval.point(den)
    return out


def _scale_value(v: Decimal | None, f: Fraction) -> Decimal | None:
    if v is None:
        return None
    return Decimal(f.numerator) * v / Decimal(f.denominator)


def _base_unit(unit: str) -> tuple[Fraction, str]:
    if unit in _units.MAGNITUDES:  # 6600多万 (纳税人): a bare magnitude, the noun is no unit
        return Fraction(_units.MAGNITUDES[unit]), ""
    mag, rest = _units.split_magnitude(unit)
    return Fraction(mag), rest


def _core(fig: Figure) -> Interval:
    """The rounding interval of the written number alone: a translation renders the number
    (126万亿 → 126 trillion), whatever its qualifier allows."""
    v = fig.value
    if "fraction" in fig.extra:
        from reportcheck.quantities.qualifiers import fraction_interval

        try:
            n, d = (int(x) for x in str(fig.extra["fraction"]).split("/"))
            return fraction_interval(Fraction(n, d))
        except ValueError:
            return fig.interval
    if v is None or not v.is_finite() or fig.interval.is_point:
        return fig.interval
    half = Decimal(1).scaleb(v.as_tuple().exponent) / 2
    return Interval(v - half, v + half)


def _norm(fig: Figure, english: bool) -> _Norm | None:
    """The figure in its family's common unit, or None when it is no comparable quantity."""
    roles = _roles(fig, english)
    core = _core(fig)
    direction = fig.extra.get("direction")
    value = fig.value
    if value is None and "range" in fig.extra:
        lo, hi = fig.extra["range"]
        value = (Decimal(lo) + Decimal(hi)) / 2
    if fig.kind in _PCT_KINDS:
        if fig.unit == "%":
            return _Norm("pct", fig.interval, core, value, direction, _bound(roles))
        if fig.unit in (None, "") and "fraction" in fig.extra:
            return _Norm("pct", _scale_interval(fig.interval, Fraction(100)), _scale_interval(core, Fraction(100)),
                         _scale_value(value, Fraction(100)),
                         direction, _bound(roles))
        if fig.unit == "成":
            return _Norm("pct", _scale_interval(fig.interval, Fraction(10)), _scale_interval(core, Fraction(10)),
                         _scale_value(value, Fraction(10)),
                         direction, _bound(roles))
        return None
    if fig.kind is Kind.POINTS:
        return _Norm("pp", fig.interval, core, value, direction, _bound(roles))
    if fig.kind is Kind.MULTIPLE:
        return _Norm("mult", fig.interval, core, value, direction, _bound(roles))
    if fig.kind in (Kind.AMOUNT, Kind.COUNT, Kind.RATIO):
        unit = fig.unit or ""
        if fig.kind is Kind.COUNT or unit in _units.MAGNITUDES:
            f, _rest = _base_unit(unit) if unit else (Fraction(1), "")
            return _Norm("count", _scale_interval(fig.interval, f), _scale_interval(core, f), _scale_value(value, f),
                         direction, _bound(roles))
        if not unit or not _units.is_known_unit(unit):
            return None
        f, rest = _base_unit(unit)
        try:
            dim = _units.dimensionality(rest)
            # every amount of one dimension in that dimension's registry base
            f2 = _units.factor(rest, _dim_base(rest))
        except _units.UnitError:
            return None
        f = f * f2
        return _Norm("amount:" + dim, _scale_interval(fig.interval, f), _scale_interval(core, f),
                     _scale_value(value, f), direction, _bound(roles), f2)
    return None


def _dim_base(unit: str) -> str:
    """A unit of the registry that stands for the unit's whole dimension (its first-found base)."""
    dim = _units.dimensionality(unit)
    base = _DIM_BASES.get(dim)
    if base is None:
        _DIM_BASES[dim] = base = unit
    return base


_DIM_BASES: dict[str, str] = {}


def _magnitude_rank(v: Decimal | None) -> int | None:
    if v is None or v == 0:
        return None
    return v.copy_abs().adjusted()


# -- how an English figure relates to a Chinese one ---------------------------------------------------

@dataclass(frozen=True)
class Relation:
    agree: bool
    slip: str | None = None  # magnitude, percent-points, qualifier, direction, value
    strength: int = 0  # higher = more specific


def _digits(v: Decimal) -> str:
    s = format(v.normalize(), "f").replace(".", "").replace("-", "").lstrip("0")
    return s.rstrip("0") or "0"


def _one_edit(a: str, b: str) -> bool:
    if a == b or max(len(a), len(b)) < 2:
        return False  # one digit for another digit is no evidence of a slip
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True
        return False
    if abs(len(a) - len(b)) != 1:
        return False
    if max(len(a), len(b)) < 3:
        return False  # 1 for 18, 5 for 55: a digit added to a one-digit number is no evidence
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def relate(en: _Norm, zh: _Norm) -> Relation:
    """Does the English figure render the Chinese one, and if not, by which slip?"""
    fam_ok = en.family == zh.family
    if {en.family, zh.family} == {"pct", "pp"}:
        if not en.core.intersect(zh.core).is_empty:
            return Relation(False, "percent-points", 5)
        return Relation(False)
    if not fam_ok:
        # a count against an amount of people (人) or the like: counts carry no dimension in English
        if {en.family.split(":")[0], zh.family.split(":")[0]} != {"count", "amount"}:
            return Relation(False)
    # the written numbers must agree (a translation renders the number), and the qualified
    # intervals must meet (about 5 percent for 5%左右, over 66 million for 6600多万)
    same_number = not en.core.intersect(zh.core).is_empty
    if same_number and en.value and zh.value and not (_NEAR_LO <= abs(en.value / zh.value) <= _NEAR_HI):
        same_number = False
    if same_number and en.value is not None and zh.value is not None and en.value != zh.value:
        # other digits: only a coarser rounding of the source (12 million for 1244万), the source's
        # value strictly inside the English number's rounding interval (5 percent is no rendering of 5.5%)
        zv = zh.value
        if not (en.core.lower < zv < en.core.upper) and _digits(_scale_value(en.value, 1 / en.unit_f)) != \
                _digits(_scale_value(zv, 1 / en.unit_f)):
            same_number = False
    if same_number:
        if {en.bound, zh.bound} == {"lower", "upper"}:
            return Relation(False, "qualifier", 5)
        if en.direction and zh.direction and en.direction != zh.direction:
            return Relation(False, "direction", 4)
        # the same number with a qualifier on one side only (over half for 超过全球一半, where the
        # word stands apart from the number): a rendering, not a contradiction
        return Relation(True)
    if en.value is None or zh.value is None or zh.value == 0 or en.value == 0:
        return Relation(False)
    # digits are compared in the English figure's own unit (695 million metric tons for 1.39万亿斤)
    ev = _scale_value(en.value, 1 / en.unit_f)
    zv = _scale_value(zh.value, 1 / en.unit_f)
    ratio = ev / zv
    k = ratio.copy_abs().adjusted()
    de, dz = _digits(ev), _digits(zv)
    if (k != 0 or abs(ratio) < 1) and de == dz and -4 <= k <= 4:
        return Relation(False, "magnitude", 4)  # a power of ten apart, same written digits
    if en.direction and zh.direction and en.direction != zh.direction and de == dz:
        return Relation(False, "direction", 4)
    if abs(_magnitude_rank(ev) - _magnitude_rank(zv)) <= 1 and _one_edit(de, dz):
        return Relation(False, "value", 3)
    return Relation(False)


_NEAR_LO, _NEAR_HI = Decimal("0.9"), Decimal("1.12")


# -- paragraphs and their alignment ---------------------------------------------------------------------

def _paragraph_of(text: str) -> list[int]:
    """The paragraph index (non-empty line number, 0-based) of every line of the text (-1 for blank)."""
    out, k = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(k)
            k += 1
        else:
            out.append(-1)
    return out


_SKEW = 0.05
#: a slip's base score by its strength (agreeing: 4 with the same digits, 3 as a rounding)
_SLIP_SCORE = {5: 2.5, 4: 2.2, 3: 1.8, 2: 1.5, 1: 1.0, 0: 0.0}


def align_paragraphs(n_zh: int, n_en: int, anchors: dict[tuple[int, int], float]) -> list[float]:
    """For every English paragraph, the (fractional) Chinese paragraph it renders.

    A monotone alignment maximising the anchor weights (every pair (i, j) in ``anchors``
    says Chinese paragraph i and English paragraph j share agreeing figures); English
    paragraphs between two aligned ones are interpolated; with no anchor, by proportion.
    """
    chosen: list[tuple[int, int]] = []
    if anchors:
        pairs = sorted(anchors)
        # longest weighted increasing chain over (i, j) pairs: O(p²), p = number of anchor pairs
        best = [0.0] * len(pairs)
        prev = [-1] * len(pairs)
        for a, (i, j) in enumerate(pairs):
            best[a] = anchors[(i, j)]
            for b in range(a):
                bi, bj = pairs[b]
                if bi < i and bj < j:
                    # a chain that skews (paragraphs inserted on one side only) pays for the skew,
                    # so that one coincidental agreement far off the diagonal cannot bend the alignment
                    score = best[b] + anchors[(i, j)] - _SKEW * abs((i - bi) - (j - bj))
                    if score > best[a]:
                        best[a] = score
                        prev[a] = b
        a = max(range(len(pairs)), key=lambda x: best[x])
        while a >= 0:
            chosen.append(pairs[a])
            a = prev[a]
        chosen.reverse()
    pos: list[float] = []
    scale = (n_zh / n_en) if n_en else 1.0
    for j in range(n_en):
        left = max((p for p in chosen if p[1] <= j), default=None, key=lambda p: p[1])
        right = min((p for p in chosen if p[1] >= j), default=None, key=lambda p: p[1])
        if left and left[1] == j:
            pos.append(float(left[0]))
        elif left and right:
            t = (j - left[1]) / (right[1] - left[1])
            pos.append(left[0] + t * (right[0] - left[0]))
        elif left:
            pos.append(left[0] + (j - left[1]))
        elif right:
            pos.append(right[0] - (right[1] - j))
        else:
            pos.append(j * scale)
    return pos


# -- Chinese figures the extractor does not read, that translations render -------------------------------

_ROUND_MAG = re.compile(r"(上|数|近)?([十百千])(万亿|亿|万)(斤|元|吨|千瓦时|千瓦|亩|公里|人次|人|户|家)?")
_PREFIX_ROLE_WORD = {"上": "以上", "近": "近"}  # 上千万 = upwards of 10 million (the role of 以上)


def source_supplement(text: str, figures: list[Figure]) -> list[Figure]:
    """一半 / 过半 (the compare package's adapter), and round magnitudes written as words:
    千亿斤 (100 billion jin), 上千万家庭 (upwards of 10 million households) — figures the
    official English renders (50 million metric tons, over 10 million households)."""
    from reportcheck.quantities.numerals import Number
    from reportcheck.quantities.qualifiers import apply_qualifiers

    taken = [(f.start, f.end) for f in figures]
    out: list[Figure] = []
    try:
        from reportcheck.compare.adapters import half_figures
    except ImportError:  # pragma: no cover - the adapter lives with the compare package
        half_figures = None
    if half_figures is not None:
        out.extend(f for f in half_figures(text) if not any(a < f.end and f.start < b for a, b in taken))
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    import bisect

    for m in _ROUND_MAG.finditer(text):
        a, b = m.span()
        if any(x < b and a < y for x, y in taken) or (a > 0 and text[a - 1] in "0123456789一二三四五六七八九十百千两"):
            continue
        q = text.rfind("“", 0, a)
        if q >= 0 and text.find("”", q, a) < 0:
            continue  # “千万工程”: a name in quotes
        pre, digit, mag, unit = m.groups()
        if pre == "数":
            continue  # 数千万: several tens of millions, no number to check
        value = Decimal({"十": 10, "百": 100, "千": 1000}[digit])
        words = [_PREFIX_ROLE_WORD[pre]] if pre in _PREFIX_ROLE_WORD else []
        num = Number(value, {"十": 1, "百": 2, "千": 3}[digit])
        full_unit = mag + (unit or "")
        kind = Kind.AMOUNT if unit and unit not in ("人", "人次", "户", "家") else Kind.COUNT
        li = bisect.bisect_right(line_starts, a) - 1
        out.append(Figure(
            text=m.group(0)[len(pre or ""):], value=value, unit=full_unit, kind=kind,
            interval=apply_qualifiers(num, words), qualifier="+".join(words) or None, start=a, end=b,
            line=li + 1, column=a - line_starts[li] + 1, end_line=li + 1, end_column=b - line_starts[li] + 1,
            sentence="", subject="", extra={"context": "round magnitude"},
        ))
    return out


# -- the comparison ----------------------------------------------------------------------------------

@dataclass
class Pair:
    """One English figure and what it was matched to."""

    english: Figure
    chinese: Figure | None
    relation: Relation | None
    why: str = ""


def _read_source(source) -> tuple[str, str | None]:
    if isinstance(source, str):
        return source, None
    text = getattr(source, "text", None)
    if text is None:
        raise TypeError("source must be the Chinese text or an object with .text")
    return text, getattr(source, "file", None)


def compare_english(source, text: str, *, complete: bool = False, source_file: str | None = None,
                    text_file: str | None = None) -> Result:
    """Check an English translation (or republication) against the Chinese report it renders."""
    from reportcheck.text.extract import extract

    import time

    started = time.perf_counter()
    src_text, src_file = _read_source(source)
    source_file = source_file or src_file
    zh_all = extract(src_text, file=source_file)
    zh_all = zh_all + source_supplement(src_text, zh_all)
    en_all = extract_english(text, file=text_file)
    pairs, unrendered = match_english(src_text, zh_all, text, en_all)
    findings: list[Finding] = []
    checks = passed = 0
    for p in pairs:
        checks += 1
        if p.relation is not None and p.relation.agree:
            passed += 1
            continue
        if p.chinese is not None and p.relation is not None and p.relation.slip:
            findings.append(_error(p, source_file, text_file))
        elif not p.english.extra.get("weak"):
            findings.append(_unmatched(p.english, text_file))
        else:
            passed += 1
    if complete:
        for z in unrendered:
            checks += 1
            findings.append(_missing(z, source_file))
    result = Result(findings, checks=checks, passed=passed, source=text_file, spec=source_file, text=text,
                    duration=time.perf_counter() - started)
    result.figures = [p.english for p in pairs]  # figure-like, with positions (html reporter)
    return result


def match_english(src_text: str, zh_all: list[Figure], text: str, en_all: list[Figure]
                  ) -> tuple[list[Pair], list[Figure]]:
    """Every English quantity paired with the Chinese figure it renders (or None), and the
    Chinese quantities nothing renders."""
    zh_para_of_line = _paragraph_of(src_text)
    en_para_of_line = _paragraph_of(text)
    zh = [(f, _norm(f, False)) for f in zh_all if f.kind.is_quantity]
    zh = [(f, n) for f, n in zh if n is not None]
    en = [(f, _norm(f, True)) for f in en_all if f.kind.is_quantity]
    en_ok = [(f, n) for f, n in en if n is not None]
    zpara = [zh_para_of_line[f.line - 1] for f, _ in zh]
    epara = [en_para_of_line[f.line - 1] for f, _ in en_ok]
    n_zh = max(zh_para_of_line, default=-1) + 1
    n_en = max(en_para_of_line, default=-1) + 1
    # relations of every English figure to every Chinese figure (a few hundred each way)
    rel: list[list[Relation]] = [[relate(en_n, zh_n) for _, zh_n in zh] for _, en_n in en_ok]
    anchors: dict[tuple[int, int], float] = {}
    for a, row in enumerate(rel):
        for b, r in enumerate(row):
            if r.agree:
                key = (zpara[b], epara[a])
                # a rare value anchors more than a common one (5 percent is everywhere)
                anchors[key] = anchors.get(key, 0.0) + 1.0 / sum(1 for x in row if x.agree)
    pos = align_paragraphs(n_zh, n_en, anchors)
    # order of a figure within its paragraph, as a fraction (figures travel in order)
    zorder = _orders(zpara)
    eorder = _orders(epara)

    def distance(a: int, b: int) -> float:
        return abs(zpara[b] - pos[epara[a]]) + 0.3 * abs(zorder[b] - eorder[a])

    window = 1.5
    used: set[int] = set()
    result: list[Pair | None] = [None] * len(en_ok)
    # one greedy assignment over every pair in the window, best score first: agreeing with the
    # same written digits beats agreeing as a rounding, which beats a slip; each paragraph of
    # distance costs more than the difference, except that a specific slip in the figure's own
    # paragraph (5.2 percentage points for 增长5.2%) beats the same number a paragraph away
    scored = []
    for a, row in enumerate(rel):
        # a figure that renders some source figure exactly (the same digits) is not a weak slip of another
        exact_elsewhere = any(r.agree and _same_digits(en_ok[a][1], zh[b][1]) for b, r in enumerate(row))
        for b, r in enumerate(row):
            if r.slip and r.strength <= 3 and exact_elsewhere:
                continue
            if (r.agree or r.slip) and abs(zpara[b] - pos[epara[a]]) <= window:
                base = (4.0 if _same_digits(en_ok[a][1], zh[b][1]) else 3.0) if r.agree else _SLIP_SCORE[r.strength]
                d = distance(a, b)
                scored.append((-(base - 2 * d), d, a, b))
    scored.sort()
    for _s, d, a, b in scored:
        if result[a] is None and b not in used:
            result[a] = Pair(en_ok[a][0], zh[b][0], rel[a][b], _aligned(zh[b][0]))
            used.add(b)
    for _s, d, a, b in scored:  # a figure the English repeats may render a Chinese figure twice
        if result[a] is None and rel[a][b].agree and d <= 1.5 and en_ok[a][1].value == zh[b][1].value:
            result[a] = Pair(en_ok[a][0], zh[b][0], rel[a][b], "repeats a rendered figure")
    # fallback where the alignment is unsure (a news story, not a translation, has no anchors
    # near most of its figures): the same written number anywhere in the source, then a slip
    # that only one source figure can explain (magnitude, % ↔ points, qualifier; two or more digits)
    for a in range(len(en_ok)):
        if result[a] is not None:
            continue
        agree = [b for b in range(len(zh)) if rel[a][b].agree and _same_digits(en_ok[a][1], zh[b][1])]
        fresh = [b for b in agree if b not in used] or agree
        if fresh:
            b = min(fresh, key=lambda b: distance(a, b))
            result[a] = Pair(en_ok[a][0], zh[b][0], rel[a][b], "the same number elsewhere in the source")
            used.add(b)
    for a in range(len(en_ok)):
        if result[a] is not None:
            continue
        few_digits = len(re.sub(r"\D", "", en_ok[a][0].text)) < 2  # digits as written: 3,000 million has four
        written = len(re.sub(r"\D", "", en_ok[a][0].text))
        need = 5 if few_digits else 4 if written < 3 else 3  # a digit slip needs three written digits
        slips = [b for b in range(len(zh)) if b not in used and rel[a][b].slip and rel[a][b].strength >= need]
        if slips and len({(zh[b][0].text, zh[b][0].unit, rel[a][b].slip) for b in slips}) == 1:
            # one source figure (or several written alike: 3000亿元 twice) explains the slip
            b = min(slips, key=lambda b: distance(a, b))
            result[a] = Pair(en_ok[a][0], zh[b][0], rel[a][b],
                             "the only source figure it can render (alignment unsure)")
            used.add(b)
    # pass 3: a number the other side reads as a name, a rank or a span (十大行动 → the 10 major
    # initiatives; 五项原则 → the Five Principles): rendered, though not a quantity on one side
    zsoft = [f for f in zh_all if not f.kind.is_quantity and f.value is not None]
    esoft = [f for f in en_all if not f.kind.is_quantity and f.value is not None]
    for a in range(len(en_ok)):
        if result[a] is None:
            e = en_ok[a][0]
            for z in zsoft:
                if abs(zh_para_of_line[z.line - 1] - pos[epara[a]]) <= window and _plain_equal(e, z):
                    result[a] = Pair(e, z, Relation(True), "the same number, read as a name or span in the source")
                    break
    for b in range(len(zh)):
        if b in used:
            continue
        z = zh[b][0]
        for e in esoft:
            pe = en_para_of_line[e.line - 1]
            if pe >= 0 and abs(zpara[b] - pos[pe]) <= window and _plain_equal(e, z):
                used.add(b)
                break
    # a slip in a figure the English renders twice (around 5 percent … a target of around 5 percent)
    for a in range(len(en_ok)):
        if result[a] is None:
            near = [b for b in used if rel[a][b].slip and rel[a][b].strength >= 4 and distance(a, b) < 1]
            if near:
                b = min(near, key=lambda b: distance(a, b))
                result[a] = Pair(en_ok[a][0], zh[b][0], rel[a][b], "renders again a figure of its paragraph")
    pairs: list[Pair] = []
    k = 0
    for f, n in en:
        if n is None:
            pairs.append(Pair(f, None, None, "not a comparable quantity"))
            continue
        pairs.append(result[k] or Pair(f, None, None, "no Chinese figure in the aligned paragraphs"))
        k += 1
    unrendered = [zh[b][0] for b in range(len(zh)) if b not in used]
    return pairs, unrendered


def _same_digits(en: _Norm, zh: _Norm) -> bool:
    if en.value is None or zh.value is None:
        return False
    return _digits(_scale_value(en.value, 1 / en.unit_f)) == _digits(_scale_value(zh.value, 1 / en.unit_f))


def _plain_equal(e: Figure, z: Figure) -> bool:
    ev = e.extra.get("mantissa", e.value)
    return ev is not None and z.value is not None and Decimal(ev) == z.value and not e.extra.get("magnitude")


def _aligned(z: Figure) -> str:
    return f"its paragraph is aligned with source line {z.line} (paragraphs aligned on the figures that agree)"


def _orders(paras: list[int]) -> list[float]:
    counts: dict[int, int] = {}
    for p in paras:
        counts[p] = counts.get(p, 0) + 1
    seen: dict[int, int] = {}
    out = []
    for p in paras:
        k = seen.get(p, 0)
        seen[p] = k + 1
        out.append(k / max(1, counts[p] - 1) if counts[p] > 1 else 0.5)
    return out


# -- findings -----------------------------------------------------------------------------------------------

def _ref(fig: Figure, file: str | None) -> FigureRef:
    return FigureRef(indicator=None, text=fig.text, value=fig.value, unit=fig.unit, file=file,
                     line=fig.line, column=fig.column, end_line=fig.end_line, end_column=fig.end_column)


def _fmt_num(v: Decimal) -> str:
    s = format(v.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def _group(v: Decimal) -> str:
    s = _fmt_num(v)
    whole, _, frac = s.partition(".")
    neg = whole.startswith("-")
    whole = whole.lstrip("-")
    out = ""
    while len(whole) > 3:
        out = "," + whole[-3:] + out
        whole = whole[:-3]
    return ("-" if neg else "") + whole + out + ("." + frac if frac else "")


_EN_UNIT = {"元": "yuan", "美元": "US dollars", "吨": "metric tons", "公斤": "kilograms", "斤": "jin",
            "千瓦": "kilowatts", "千瓦时": "kilowatt-hours", "公顷": "hectares", "亩": "mu",
            "平方米": "square meters", "平方公里": "square kilometers", "公里": "kilometers",
            "立方米": "cubic meters", "小时": "hours", "GW": "gigawatts", "MW": "megawatts", "标箱": "TEU"}


def english_rendering(fig: Figure, like: Figure | None = None) -> str:
    """How a Chinese figure reads in English: 140.19万亿元 → '140.19 trillion yuan'."""
    if fig.kind is Kind.POINTS:
        if fig.value is None:
            return fig.text
        return f"{_fmt_num(fig.value)} percentage point{'' if fig.value == 1 else 's'}"
    if fig.kind in _PCT_KINDS and fig.unit == "%":
        return f"{_fmt_num(fig.value)} percent" if fig.value is not None else fig.text
    if fig.value is None:
        return fig.text
    unit = fig.unit or ""
    mag, rest = _base_unit(unit) if unit else (Fraction(1), "")
    if _units.is_known_unit(rest) and rest in _EN_UNIT:
        word = " " + _EN_UNIT[rest]
    elif like is not None and like.extra.get("noun"):
        word = " " + like.extra["noun"]
    else:
        word = ""
    v = Decimal(mag.numerator) * fig.value / Decimal(mag.denominator)
    if like is not None and like.unit in _EN_UNIT and rest and like.unit != rest:
        try:  # in the English figure's own unit: 1.43万亿斤 is 715 million metric tons
            f = _units.factor(rest, like.unit)
            v = _scale_value(v, f).normalize()
            word = " " + _EN_UNIT[like.unit]
        except _units.UnitError:
            pass
    for name, exp in (("trillion", 12), ("billion", 9), ("million", 6)):
        if v.copy_abs() >= Decimal(1).scaleb(exp):
            return f"{_fmt_num(v.scaleb(-exp))} {name}{word}"
    return f"{_group(v)}{word}"


def _zh_magnitude(fig: Figure) -> str | None:
    unit = fig.unit or ""
    for m in ("万亿", "亿", "万", "千"):
        if unit.startswith(m) and len(unit) > len(m):
            return m
    return None


def _error(p: Pair, source_file: str | None, text_file: str | None) -> Finding:
    e, z, slip = p.english, p.chinese, p.relation.slip
    right = english_rendering(z, e)
    if slip == "magnitude":
        mag = _zh_magnitude(z)
        why = f" ({mag} = {_MAG_WORD_ZH[mag]})" if mag else ""
        message = f"{e.text} renders {z.text} with the wrong magnitude"
        suggestion = f"{e.text}: {z.text} is {right}{why}"
    elif slip == "percent-points":
        message = f"{e.text} renders {z.text}: percent and percentage points are different measures"
        what = "percentage points (个百分点)" if z.kind is Kind.POINTS else "percent (%), not percentage points"
        suggestion = f"{e.text}: {z.text} is {right} — {what}"
    elif slip == "qualifier":
        zq = z.qualifier or ""
        role = QUALIFIERS.get(zq.split("+")[0]) if zq else None
        eng = "more than" if role in _LOWER_ROLES else "less than" if role in _UPPER_ROLES else "as written"
        message = f"{_with_q(e)} reverses the direction of {zq}{z.text}"
        suggestion = f"{_with_q(e)}: {_zh_q(z)} is {eng} {right} ({zq} = {eng})"
    elif slip == "direction":
        zd = "an increase" if z.extra.get("direction") == "up" else "a decrease"
        message = f"{e.text} reverses the direction of the change {z.text}"
        suggestion = f"{e.text}: {(z.extra.get('context') or '')}{z.text} is {zd} of {right}"
    else:
        message = f"{e.text} does not render {z.text}: the value differs"
        suggestion = f"{e.text}: {z.text} is {right}"
    return Finding(
        id=f"fidelity-{slip}", check="fidelity", category=Category.FIDELITY, severity=Severity.ERROR,
        message=message, figures=(_ref(e, text_file), _ref(z, source_file)), suggestion=suggestion,
        rationale=f"matched: {p.why}", verdict="fail",
    )


def _with_q(e: Figure) -> str:
    return f"{e.qualifier} {e.text}" if e.qualifier and not e.text.lower().startswith(e.qualifier) else e.text


def _zh_q(z: Figure) -> str:
    q = (z.qualifier or "").split("+")[0]
    if not q or q in z.text:  # 6600多万: the word is written inside the figure
        return z.text
    if q in ("以上", "以下", "以内", "左右", "上下", "有余"):
        return z.text + q if not z.text.endswith(q) else z.text
    return q + z.text


def _unmatched(e: Figure, text_file: str | None) -> Finding:
    return Finding(
        id="fidelity-unmatched", check="fidelity", category=Category.FIDELITY, severity=Severity.WARNING,
        message=f"{e.text} matches no figure of the Chinese source (it cannot be verified)",
        figures=(_ref(e, text_file),), suggestion=None, verdict="warn",
    )


def _missing(z: Figure, source_file: str | None) -> Finding:
    return Finding(
        id="fidelity-missing", check="fidelity", category=Category.FIDELITY, severity=Severity.WARNING,
        message=f"{z.text} of the source has no rendering in the English text",
        figures=(_ref(z, source_file),), suggestion=f"the translation should render {z.text} ({english_rendering(z)})", verdict="warn",
    )
