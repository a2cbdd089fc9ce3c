"""One republished figure against the source figure it restates, decided on intervals.

Both figures are intervals (what the written words can mean). In the source's unit:

- **faithful** (``Verdict.PASS``) when the source implies the text — the source
  interval lies inside the text's (超5600亿元 or 约5600亿元 for 5612亿元, 超过一半
  for 超过55 %) — or when the text is a more precise writing of a bounded
  source (12800家 for 1.28万家, 三分之一 for 33 %, 一半 for 50 %), or when it
  restates a one-sided source at its threshold (6.1万人 for 6.1万人以上), or
  when it rounds the source to the nearest value with at least two significant
  digits and within 1.5 % (5600 for 5612, never 6000);
- **contradicts** (``Verdict.FAIL``) when no value satisfies both (超5700亿元 or
  约6000亿元 for 5612亿元), when it claims a value a one-sided source does not
  give (6.5 % for 5.5 %以上), when the bound words point the other way (不到 for
  以上), when the direction (增长/下降) or the kind (% against 个百分点) differs;
- **undetermined** otherwise (the intervals overlap and neither implies the other).

The kind of slip is named for the finding: value, magnitude, percent-points,
direction, qualifier, rounding (the period and swap slips are named by the
matcher, which sees the other candidates).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from reportcheck.figure import Figure, Kind
from reportcheck.quantities.interval import Interval, Verdict

__all__ = ["Fidelity", "family", "bucket", "in_unit", "judge", "same_number", "SLIPS"]

SLIPS = ("value", "magnitude", "percent-points", "direction", "qualifier", "rounding", "period", "swap")


@dataclass(frozen=True, slots=True)
class Fidelity:
    verdict: Verdict
    slip: str | None = None  # one of SLIPS when the verdict is FAIL
    detail: str = ""  # one sentence: why


FAITHFUL = Fidelity(Verdict.PASS)

_LEVEL = frozenset({Kind.AMOUNT, Kind.COUNT, Kind.RATIO})
_PERCENT = frozenset({Kind.GROWTH, Kind.POINTS, Kind.SHARE, Kind.MULTIPLE})


def family(fig: Figure) -> str | None:
    """level | percent | rank, or None for figures that are not compared (years, names …)."""
    k = fig.kind
    if k in _LEVEL:
        return "level"
    if k in _PERCENT:
        return "percent"
    if k is Kind.RANK:
        return "rank"
    return None


def bucket(fig: Figure) -> str | None:
    """The comparison bucket: family plus, for levels, the unit's dimension (pint)."""
    fam = family(fig)
    if fam != "level":
        return fam
    from reportcheck.quantities.units import UnitError, dimensionality

    try:
        return "level:" + dimensionality(fig.unit or "")
    except (UnitError, Exception):  # noqa: BLE001 - an unknown unit compares with nothing
        return None


def _scale(iv: Interval, f) -> Interval:
    if f == 1:
        return iv
    return iv * Interval.point(f)


def in_unit(fig: Figure, unit: str | None) -> Interval | None:
    """The figure's interval in ``unit``: levels through pint, percents as % (成 ×10, fractions
    ×100, 增长1.2倍 → +120 %, 翻番 → +100 %); None when the two cannot be compared."""
    if family(fig) == "percent":
        return percent_interval(fig)
    if fig.kind is Kind.RANK:
        return fig.interval
    from reportcheck.quantities.units import UnitError, factor

    try:
        f = factor(fig.unit or None, unit or None)
    except (UnitError, Exception):  # noqa: BLE001
        return None
    return _scale(fig.interval, f)


def percent_interval(fig: Figure) -> Interval:
    """A percent-family figure as a number of % (or of 个百分点)."""
    iv = fig.interval
    if fig.kind is Kind.MULTIPLE:
        extra = fig.extra or {}
        if extra.get("multiple_of") == "increase":
            return _scale(iv, 100)
        # 翻番 (factor 2) and 是…的2倍 (a ratio): the increase is (factor − 1)
        return _scale(iv - Interval.point(1), 100)
    unit = fig.unit
    if unit is None:
        return _scale(iv, 100)  # a fraction (三分之一) or 一半
    if unit == "成":
        return _scale(iv, 10)
    if unit in ("‰", "千分点"):
        return _scale(iv, Decimal("0.1"))
    return iv


def _side(iv: Interval) -> str:
    lo, hi = iv.lower.is_finite(), iv.upper.is_finite()
    if lo and hi:
        return "both"
    if lo:
        return "lower"
    if hi:
        return "upper"
    return "none"


def _mid(iv: Interval) -> Decimal | None:
    if iv.bounded:
        return (iv.lower + iv.upper) / 2
    if iv.lower.is_finite():
        return iv.lower
    if iv.upper.is_finite():
        return iv.upper
    return None


def _direction(fig: Figure) -> str | None:
    return (fig.extra or {}).get("direction")


def judge(t: Figure, s: Figure, t_iv: Interval | None = None, s_iv: Interval | None = None) -> Fidelity:
    """Is the republished figure ``t`` a faithful restatement of the source figure ``s``?"""
    fam = family(s)
    if fam == "percent":
        if (t.kind is Kind.POINTS) != (s.kind is Kind.POINTS):
            a = "个百分点" if t.kind is Kind.POINTS else "%"
            b = "个百分点" if s.kind is Kind.POINTS else "%"
            return Fidelity(Verdict.FAIL, "percent-points", f"{b} written as {a}")
        td, sd = _direction(t), _direction(s)
        if td and sd and td != sd:
            words = {"up": "a rise", "down": "a fall"}
            return Fidelity(Verdict.FAIL, "direction", f"{words.get(sd, sd)} written as {words.get(td, td)}")
    if t_iv is None:
        t_iv = in_unit(t, s.unit)
    if s_iv is None:
        s_iv = in_unit(s, s.unit) if fam == "percent" else s.interval
    if t_iv is None or s_iv is None:
        return Fidelity(Verdict.UNDETERMINED, None, "the two figures cannot be put in one unit")
    ts, ss = _side(t_iv), _side(s_iv)
    slip = _decimal_slip(t, s, t_iv, s_iv)
    if slip is not None:
        return slip
    if {ts, ss} == {"lower", "upper"}:
        return Fidelity(Verdict.FAIL, "qualifier",
                        "an upper bound written for a lower bound" if ts == "upper" else
                        "a lower bound written for an upper bound")
    if ss in ("lower", "upper") and ts == "both" and not _has_bound_word(t):
        bound = s_iv.lower if ss == "lower" else s_iv.upper
        if _touches(t_iv, bound):
            return Fidelity(Verdict.PASS, None, "the threshold restated without its bound word")
    if s_iv.intersect(t_iv).is_empty:
        if _rounded(t, s, t_iv, s_iv):
            return Fidelity(Verdict.PASS, None, "rounded to the nearest written digit")
        return _contradiction(t, s, t_iv, s_iv)
    if t_iv.contains_interval(s_iv):
        if ts in ("lower", "upper") and ss == "both" and _band(s) and same_number(t, s, t_iv, s_iv):
            # 4%以上 for 4%左右: the rounding of "4" makes the bound contain the band, but the
            # words changed an approximation into a floor
            return Fidelity(Verdict.FAIL, "qualifier", "an approximate figure written as a bound")
        if ts == ss and ts in ("lower", "upper") and _transposed(t, s):
            # 56万人以上 for 65万人以上 is implied, but it is the source's number with two digits
            # swapped, not a weaker wording (超过一半 for 超过55% is)
            return Fidelity(Verdict.FAIL, "value", "the source's threshold with its digits transposed")
        return FAITHFUL
    if s_iv.contains_interval(t_iv):
        if s_iv.bounded:
            # more precise than the source, within its rounding: faithful when it writes the same
            # number (12800家 for 1.28万家) or a fraction (三分之一 for 33%); 4.2%左右 for 4%左右
            # adds a digit the source does not give
            if same_number(t, s, t_iv, s_iv) or (t.extra or {}).get("fraction") or s_iv.is_point:
                return FAITHFUL
            return Fidelity(Verdict.UNDETERMINED, None, "more precise than the source: a digit the source does not give")
        bound = s_iv.lower if ss == "lower" else s_iv.upper
        if _touches(t_iv, bound) or same_number(t, s, t_iv, s_iv):
            # 6.1万人 for 6.1万人以上, 11多亿元 for 11亿元以上: the source's threshold, restated
            return Fidelity(Verdict.PASS, None, "the threshold restated with other bound words")
        if ts != "both" and _has_bound_word(t) and _close(t_iv, s_iv) and _rounder(t, s, t_iv, s_iv):
            return Fidelity(Verdict.FAIL, "rounding", "rounded the wrong way: a stronger bound than the source gives")
        return Fidelity(Verdict.FAIL, "value",
                        "a definite value where the source gives only a bound" if ts == "both" else
                        "a stronger bound than the source gives")
    if _rounded(t, s, t_iv, s_iv):
        return Fidelity(Verdict.PASS, None, "rounded to the nearest written digit")
    if ts == "both" and ss == "both":
        return Fidelity(Verdict.UNDETERMINED, None, "the two roundings overlap without one implying the other")
    if same_number(t, s, t_iv, s_iv) and ts in ("lower", "upper") and ss == "both" and _band(s):
        # 4%以下 for 4%左右: the same number, a bound for an approximation
        return Fidelity(Verdict.FAIL, "qualifier", "an approximate figure written as a bound")
    return Fidelity(Verdict.UNDETERMINED, None, "the two bounds overlap without one implying the other")


def _band(fig: Figure) -> bool:
    """Whether the figure's qualifier makes it approximate (左右, 约, 上下)."""
    from reportcheck.quantities.qualifiers import Role

    return _has_role(fig, (Role.BAND,))


def _close(a: Interval, b: Interval, rel: float = 0.15) -> bool:
    am, bm = _mid(a), _mid(b)
    return bool(am and bm) and abs(float(am) / float(bm) - 1) < rel


def _significant(d: Decimal) -> int:
    return len(d.normalize().as_tuple().digits) if d else 0


def _rounder(t: Figure, s: Figure, t_iv: Interval, s_iv: Interval) -> bool:
    """Whether the text writes fewer significant digits than the source (800亿元 for 762亿元,
    七成 for 64.7%): a rounding. 55%以上 for 52%以上 has as many digits: another number."""
    tw, sw = _written(t, t_iv), _written(s, s_iv)
    if tw is None or sw is None:
        return True  # nothing to compare: keep the closeness reading
    return _significant(tw) < _significant(sw)


def _written(fig: Figure, iv: Interval) -> Decimal | None:
    """The written number of a figure, in the unit ``iv`` is in (the anchor of its interval)."""
    if fig.value is None or fig.interval is None:
        return None
    own = fig.interval
    if iv is own:
        return fig.value
    # iv is own scaled by a factor: recover it from a finite end
    for a, b in ((own.lower, iv.lower), (own.upper, iv.upper)):
        if a.is_finite() and b.is_finite() and a != 0:
            return fig.value * b / a
    return None


def same_number(t: Figure, s: Figure, t_iv: Interval | None = None, s_iv: Interval | None = None) -> bool:
    """Whether the two figures write the same number (in one unit): 11000亿元 and 1.1万亿元."""
    if t_iv is None:
        t_iv = in_unit(t, s.unit)
    if s_iv is None:
        s_iv = in_unit(s, s.unit) if family(s) == "percent" else s.interval
    if t_iv is None or s_iv is None:
        return False
    tv, sv = _written(t, t_iv), _written(s, s_iv)
    return tv is not None and sv is not None and tv == sv


def _decimal_slip(t: Figure, s: Figure, t_iv: Interval, s_iv: Interval) -> Fidelity | None:
    """The written numbers differ by a power of ten (万元 for 亿元, 580千瓦 for 580万千瓦, a moved
    decimal point): a slip whatever the bound words say (400万元以上 is implied by 400亿元以上)."""
    if family(s) == "rank" or (t.extra or {}).get("fraction") or (s.extra or {}).get("fraction"):
        return None
    tv, sv = _written(t, t_iv), _written(s, s_iv)
    if not tv or not sv or tv <= 0 or sv <= 0:
        return None
    r = math.log10(float(tv) / float(sv))
    k = round(r)
    if k == 0 or abs(r - k) > 0.005:
        return None
    from reportcheck.quantities.units import split_magnitude

    tmag = split_magnitude(t.unit)[0] if t.unit else 1
    smag = split_magnitude(s.unit)[0] if s.unit else 1
    if tmag != smag and family(s) == "level":
        return Fidelity(Verdict.FAIL, "magnitude", f"off by a factor of 10^{k}: the magnitude ({t.unit} for {s.unit}) changed")
    return Fidelity(Verdict.FAIL, "value", f"off by a factor of 10^{k}: a decimal point moved or a zero "
                    + ("added" if k > 0 else "dropped"))


def _transposed(t: Figure, s: Figure) -> bool:
    """Both written with the same digits in another order (939 and 993), same unit."""
    if t.value is None or s.value is None or t.unit != s.unit or t.value == s.value:
        return False
    a, b = format(abs(t.value), "f"), format(abs(s.value), "f")
    return len(a) == len(b) and sorted(a) == sorted(b)


def _touches(iv: Interval, x: Decimal) -> bool:
    return iv.lower <= x <= iv.upper


def _rounded(t: Figure, s: Figure, t_iv: Interval, s_iv: Interval) -> bool:
    """A bare figure that rounds the source to its last non-zero digit (5600 for 5612, never 6000)."""
    if _has_bound_word(t):
        return False
    if not s_iv.bounded or not t_iv.bounded or not t.value:
        return False
    tm, sm = _mid(t_iv), _mid(s_iv)
    if not tm or not sm:
        return False
    sm_t = sm * t.value / tm  # the source value in the text's written unit
    digits = t.value.normalize().as_tuple()
    nz = Decimal(1).scaleb(digits.exponent)  # one unit of the last non-zero digit
    sig = len(digits.digits)
    if sig < 2 or abs(t.value - sm_t) > nz / 2:
        return False
    return abs(t.value - sm_t) <= abs(sm_t) * Decimal("0.015")


def _has_bound_word(fig: Figure) -> bool:
    """Whether a word of the figure's qualifier bounds its interval (以上, 以下, 多, 左右 …)."""
    from reportcheck.quantities.qualifiers import BOUND_ROLES

    return _has_role(fig, BOUND_ROLES)


def _has_role(fig: Figure, roles) -> bool:
    from reportcheck.quantities.qualifiers import role_of

    return bool(fig.qualifier) and any(role_of(w) in roles for w in fig.qualifier.split("+"))


def _contradiction(t: Figure, s: Figure, t_iv: Interval, s_iv: Interval) -> Fidelity:
    tm, sm = _mid(t_iv), _mid(s_iv)
    if tm and sm and tm > 0 and sm > 0:
        r = math.log10(float(tm) / float(sm))
        k = round(r)
        if k != 0 and abs(r - k) < 0.03:
            from reportcheck.quantities.units import split_magnitude

            tmag = split_magnitude(t.unit)[0] if t.unit else 1
            smag = split_magnitude(s.unit)[0] if s.unit else 1
            if tmag != smag and family(s) == "level":
                return Fidelity(Verdict.FAIL, "magnitude",
                                f"off by a factor of 10^{k}: the magnitude ({t.unit} for {s.unit}) changed")
            return Fidelity(Verdict.FAIL, "value", f"off by a factor of 10^{k}: a decimal point moved or a zero "
                            + ("added" if k > 0 else "dropped"))
        bounded_word = _has_bound_word(t)
        if bounded_word and abs(float(tm) / float(sm) - 1) < 0.15 and _rounder(t, s, t_iv, s_iv):
            return Fidelity(Verdict.FAIL, "rounding", "rounded the wrong way: the source lies outside what the words say")
    return Fidelity(Verdict.FAIL, "value", "the values differ")
