"""Qualifier words and the interval policy: what a written figure can mean.

The policy (documented with examples in docs/extraction.md):

Rounding (no qualifier)
    A figure is any value that rounds to what is written, to the place of its
    last written digit: ``4.9万`` → ``[4.85万, 4.95万]``; ``6.5%`` → ``[6.45, 6.55]``;
    ``5600亿元`` → ``[5599.5, 5600.5]`` 亿元 (trailing zeros of a whole amount are
    taken as written digits). **Both ends are closed**: half-up and half-even
    rounding put the boundary on different sides, and a closed interval covers
    both, so a rule can never fail because of the rounding convention.
Exact counts
    A whole count with a classifier and no magnitude (``351家``, ``60所``) is
    exact: ``[351, 351]``. ``6.7万人`` is not (it is rounded to 千).
Lower bounds
    ``以上``/``不低于``/``不少于``/``至少``: ``[rounding lower, ∞)`` — "6.1万人以上" is
    ``[6.05万, ∞)``. ``超过``/``突破``/``逾``/``过``/``超``/``高于``: ``(v, ∞)`` — the written value is
    a threshold that has been passed, so 突破500 excludes 500.
``多``/``余``
    "more than v but not by a whole unit of its last non-zero digit":
    ``5100多`` → ``(5100, 5200)``; ``4200余个`` → ``(4200, 4300)``; ``10余个`` → ``(10, 20)``.
Upper bounds
    ``以下``/``以内``/``不超过``/``不高于``/``近``/``接近``/``将近``: ``(-∞, v]``;
    ``不到``/``不足``/``低于``/``少于``: ``(-∞, v)``.
Band
    ``左右``/``约``/``大约``/``上下``: ``[v − w, v + w]`` with
    ``w = max(half a unit of the last written digit, 5% of |v|)``:
    ``7%左右`` → ``[6.5, 7.5]``; ``约5000亿元`` → ``[4750, 5250]``.
Levels
    ``达到``/``达``/``增至``/``完成``/``实现``/``保持``/``稳定在``/``为``: no change to the
    interval; the word is kept as the qualifier.
Flags
    ``力争``/``争取``/``冲刺``/``努力`` set ``stretch``; ``预计``/``预期``/``预估`` set ``estimate``.

Several bound qualifiers are intersected (``力争突破6000`` is stretch + ``(6000, ∞)``).

Fractions (``三分之一``, ``1/3``)
    Exact as written: nothing was rounded, so there is no rounding step. The value is
    the quotient to 28 significant digits (``1/4`` → 0.25 exactly, ``1/3`` →
    0.333…3, the nearest 28-digit Decimal); the interval is ``[n/d, n/d]`` with each
    end rounded outward to 28 digits, so it always contains the exact fraction (a
    point when the quotient is exact). Bound words act on the exact fraction, ends
    rounded outward: ``1/3以上`` → ``[0.333…3, ∞)``; ``超过1/3`` → ``(0.333…3, ∞)``;
    ``约1/3`` → ``[0.95 × 1/3, 1.05 × 1/3]`` (the band's 5 %, there being no written digit).
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal
from fractions import Fraction

from reportcheck.quantities.interval import INF, NEG_INF, Interval, _trusted
from reportcheck.quantities.numerals import Number

__all__ = [
    "Role",
    "QUALIFIERS",
    "PREFIX_WORDS",
    "SUFFIX_WORDS",
    "role_of",
    "rounding_interval",
    "apply_qualifiers",
    "band_width",
    "last_nonzero_step",
    "fraction_value",
    "fraction_interval",
]


class Role:
    LOWER = "lower"  # [rounding lower, ∞)
    LOWER_OPEN = "lower_open"  # (v, ∞)
    MORE = "more"  # 多/余: (v, v + step of last non-zero digit)
    UPPER = "upper"  # (-∞, v]
    UPPER_OPEN = "upper_open"  # (-∞, v)
    BAND = "band"  # v ± w
    LEVEL = "level"  # no change
    STRETCH = "stretch"  # flag
    ESTIMATE = "estimate"  # flag


#: every qualifier word and its role
QUALIFIERS: dict[str, str] = {
    # lower bounds, inclusive
    "以上": Role.LOWER, "不低于": Role.LOWER, "不少于": Role.LOWER, "至少": Role.LOWER,
    # lower bounds, exclusive (a passed threshold)
    "超过": Role.LOWER_OPEN, "突破": Role.LOWER_OPEN, "逾": Role.LOWER_OPEN, "超": Role.LOWER_OPEN,
    "过": Role.LOWER_OPEN, "高于": Role.LOWER_OPEN, "多于": Role.LOWER_OPEN, "跨过": Role.LOWER_OPEN,
    "迈过": Role.LOWER_OPEN, "跨越": Role.LOWER_OPEN,
    # more than, within a unit of the last non-zero digit
    "多": Role.MORE, "余": Role.MORE, "有余": Role.MORE,
    # upper bounds
    "以下": Role.UPPER, "以内": Role.UPPER, "不超过": Role.UPPER, "不高于": Role.UPPER,
    "近": Role.UPPER, "接近": Role.UPPER, "将近": Role.UPPER,
    "不到": Role.UPPER_OPEN, "不足": Role.UPPER_OPEN, "低于": Role.UPPER_OPEN, "少于": Role.UPPER_OPEN,
    # bands
    "左右": Role.BAND, "约": Role.BAND, "大约": Role.BAND, "上下": Role.BAND,
    # levels
    "达到": Role.LEVEL, "达": Role.LEVEL, "增至": Role.LEVEL, "增加到": Role.LEVEL, "提高到": Role.LEVEL,
    "提升至": Role.LEVEL, "提高至": Role.LEVEL, "提升到": Role.LEVEL, "降至": Role.LEVEL, "降到": Role.LEVEL,
    "完成": Role.LEVEL, "实现": Role.LEVEL, "保持在": Role.LEVEL, "保持": Role.LEVEL, "稳定在": Role.LEVEL,
    "控制在": Role.LEVEL, "达到了": Role.LEVEL,
    # flags
    "力争": Role.STRETCH, "争取": Role.STRETCH, "冲刺": Role.STRETCH, "努力": Role.STRETCH,
    "预计": Role.ESTIMATE, "预期": Role.ESTIMATE, "预估": Role.ESTIMATE,
}

#: words that may stand right before the number (longest first for matching)
PREFIX_WORDS: tuple[str, ...] = tuple(
    sorted(
        (w for w in QUALIFIERS if w not in ("以上", "以下", "以内", "左右", "上下", "多", "余", "有余")),
        key=len,
        reverse=True,
    )
)
#: words that may follow the number or its unit
SUFFIX_WORDS: tuple[str, ...] = ("以上", "以下", "以内", "左右", "上下", "有余")
#: words between the number and its unit (5100多亿元, 4200余个)
INFIX_WORDS: tuple[str, ...] = ("多", "余")


def role_of(word: str) -> str | None:
    return QUALIFIERS.get(word)


def rounding_interval(num: Number, exact: bool = False) -> Interval:
    """The values that round to the written number (closed at both ends)."""
    v = num.value
    if type(v) is Decimal and v.is_finite():  # the common case: finite Decimal ends, nothing to validate
        if exact:
            return _trusted(v, v, True, True)
        half = _half_step(num.exponent)
        # rounded outward: a 40-digit value must stay within its bounds (28-digit context)
        return _trusted(_DOWN.subtract(v, half), _UP.add(v, half), True, True)
    if exact:
        return Interval.point(num.value)
    half = num.step / 2
    return Interval(num.value - half, num.value + half, True, True)


@functools.lru_cache(maxsize=256)  # a handful of exponents occur; Decimal is immutable
def _half_step(exponent: int) -> Decimal:
    return Decimal(1).scaleb(exponent) / 2


def band_width(num: Number) -> Decimal:
    """Half-width of 左右/约: max(half a unit of the last written digit, 5% of |v|)."""
    return max(num.step / 2, abs(num.value) * Decimal("0.05"))


def last_nonzero_step(num: Number) -> Decimal:
    """One unit of the last non-zero digit: 5100 → 100, 10 → 10, 1.3 → 0.1, 0 → step."""
    v = abs(num.value)
    if v == 0:
        return num.step
    exp = num.exponent
    while (v / Decimal(1).scaleb(exp + 1)) == (v / Decimal(1).scaleb(exp + 1)).to_integral_value():
        exp += 1
    return Decimal(1).scaleb(exp)


def apply_qualifiers(num: Number, words: list[str] | tuple[str, ...], exact: bool = False) -> Interval:
    """The interval of a written number under its qualifiers (see the module doc)."""
    base = rounding_interval(num, exact)
    if not words:
        return base
    v = num.value
    result = Interval(NEG_INF, INF, False, False)
    bounded = False
    for w in words:
        role = QUALIFIERS.get(w)
        if role == Role.LOWER:
            iv = Interval(base.lower, INF, True, False)
        elif role == Role.LOWER_OPEN:
            iv = Interval(v, INF, False, False)
        elif role == Role.MORE:
            iv = Interval(v, _UP.add(v, last_nonzero_step(num)), False, False)
        elif role == Role.UPPER:
            iv = Interval(NEG_INF, v, False, True)
        elif role == Role.UPPER_OPEN:
            iv = Interval(NEG_INF, v, False, False)
        elif role == Role.BAND:
            width = band_width(num)
            iv = Interval(_DOWN.subtract(v, width), _UP.add(v, width), True, True)
        else:
            continue
        result = result.intersect(iv)
        bounded = True
    if not bounded:
        return base
    if result.is_empty:  # contradictory words (rare): fall back to their hull with the rounding
        return base
    return result


# 28 significant digits, Decimal's default precision, whatever the thread's context is
_NEAREST = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)
_DOWN = decimal.Context(prec=28, rounding=decimal.ROUND_FLOOR)
_UP = decimal.Context(prec=28, rounding=decimal.ROUND_CEILING)


def fraction_value(frac: Fraction) -> Decimal:
    """The value of a written fraction: its quotient to 28 significant digits (1/3 → 0.333…3)."""
    return _NEAREST.divide(Decimal(frac.numerator), Decimal(frac.denominator))


def _down(f: Fraction) -> Decimal:
    return _DOWN.divide(Decimal(f.numerator), Decimal(f.denominator))


def _up(f: Fraction) -> Decimal:
    return _UP.divide(Decimal(f.numerator), Decimal(f.denominator))


_BAND = Fraction(5, 100)


def fraction_interval(frac: Fraction, words: list[str] | tuple[str, ...] = ()) -> Interval:
    """The interval of a written fraction under its qualifiers (see the module doc).

    Every end is the exact bound rounded outward to 28 digits, so the interval contains
    everything the words allow; an open end that had to be rounded stays open (it lies
    outside the exact bound anyway).
    """
    lo, hi = _down(frac), _up(frac)
    base = _trusted(lo, hi, True, True)
    if not words:
        return base
    result = Interval(NEG_INF, INF, False, False)
    bounded = False
    for w in words:
        role = QUALIFIERS.get(w)
        if role == Role.LOWER:
            iv = Interval(lo, INF, True, False)
        elif role == Role.LOWER_OPEN or role == Role.MORE:
            # 多/余 step past the last written digit; a fraction has none, so only "more than"
            iv = Interval(lo, INF, False, False)
        elif role == Role.UPPER:
            iv = Interval(NEG_INF, hi, False, True)
        elif role == Role.UPPER_OPEN:
            iv = Interval(NEG_INF, hi, False, False)
        elif role == Role.BAND:
            width = frac * _BAND
            iv = Interval(_down(frac - width), _up(frac + width), True, True)
        else:
            continue
        result = result.intersect(iv)
        bounded = True
    if not bounded or result.is_empty:  # contradictory words (rare): the fraction itself
        return base
    return result
