"""Qualifier words and the interval policy: what a written figure can mean.

The words live in one data table, ``qualifiers.txt`` next to this module (read
once, like pint's definitions file): each word's bound, open/closed end, position
in running text and milestone reading. Everything that reads a qualifier — the
extractor, the binder, the engine's ``--data`` tables, the test strategies —
calls this module:

* scalar: :func:`words_of` (a qualifier string → its words, whole words, longest
  first), :func:`word_info`, :func:`role_of`, :func:`apply_qualifiers` (a written
  :class:`~reportcheck.quantities.numerals.Number` → :class:`Interval`),
  :func:`value_interval` (a float as a table holds it → :class:`Interval`);
* vectorised: :func:`qualifier_bounds` (values + a column of qualifier strings,
  blanks/NA allowed → lower/upper/closed arrays and the flags).

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
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from reportcheck.quantities.interval import INF, NEG_INF, Interval, _trusted
from reportcheck.quantities.numerals import Number

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "Role",
    "Word",
    "WORDS",
    "QUALIFIERS",
    "PREFIX_WORDS",
    "SUFFIX_WORDS",
    "INFIX_WORDS",
    "DECLINE_WORDS",
    "STRETCH_WORDS",
    "BOUND_ROLES",
    "role_of",
    "word_info",
    "words_of",
    "bound_words",
    "has_role",
    "number_of",
    "value_interval",
    "qualifier_bounds",
    "QualifierArrays",
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
    DECLINE = "decline"  # a fall written as a positive figure (tables and specs only)


#: the roles that bound the interval (the others keep it or only flag the figure)
BOUND_ROLES: tuple[str, ...] = (Role.LOWER, Role.LOWER_OPEN, Role.MORE, Role.UPPER, Role.UPPER_OPEN, Role.BAND)


@dataclass(frozen=True)
class Word:
    """One line of ``qualifiers.txt``."""

    word: str
    bound: str  # lower | more | upper | band | level | stretch | estimate | decline
    closed: bool | None  # is the written value itself included (None: not a bound)
    position: str | None  # prefix | suffix | infix | None (tables and specs only)
    milestone: bool  # a one-sided bound with a "just passed" reading

    @property
    def role(self) -> str:
        if self.bound == "lower":
            return Role.LOWER if self.closed else Role.LOWER_OPEN
        if self.bound == "upper":
            return Role.UPPER if self.closed else Role.UPPER_OPEN
        return self.bound  # more, band, level, stretch, estimate, decline: the role's own name


_BOUNDS = ("lower", "more", "upper", "band", "level", "stretch", "estimate", "decline")


def _load() -> dict[str, Word]:
    text = resources.files("reportcheck.quantities").joinpath("qualifiers.txt").read_text(encoding="utf-8")
    out: dict[str, Word] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cols = line.split()
        if len(cols) != 5 or cols[1] not in _BOUNDS or cols[2] not in ("open", "closed", "-") \
                or cols[3] not in ("prefix", "suffix", "infix", "-") or cols[4] not in ("yes", "no") \
                or cols[0] in out:
            raise ValueError(f"qualifiers.txt:{n}: bad line {line!r}")
        out[cols[0]] = Word(cols[0], cols[1], None if cols[2] == "-" else cols[2] == "closed",
                            None if cols[3] == "-" else cols[3], cols[4] == "yes")
    return out


#: every word of the policy, in the file's order
WORDS: dict[str, Word] = _load()
#: every qualifier word a text may write and its role (declines are change words, not qualifiers)
QUALIFIERS: dict[str, str] = {w: i.role for w, i in WORDS.items() if i.position is not None}
#: words that may stand right before the number (longest first for matching)
PREFIX_WORDS: tuple[str, ...] = tuple(
    sorted((w for w, i in WORDS.items() if i.position == "prefix"), key=len, reverse=True)
)
#: words that may follow the number or its unit
SUFFIX_WORDS: tuple[str, ...] = tuple(w for w, i in WORDS.items() if i.position == "suffix")
#: words between the number and its unit (5100多亿元, 4200余个)
INFIX_WORDS: tuple[str, ...] = tuple(w for w, i in WORDS.items() if i.position == "infix")
#: a fall written as a positive figure, in a table's or a spec's qualifier
DECLINE_WORDS: tuple[str, ...] = tuple(w for w, i in WORDS.items() if i.bound == Role.DECLINE)
#: stretch-target words (力争)
STRETCH_WORDS: tuple[str, ...] = tuple(w for w, i in WORDS.items() if i.bound == Role.STRETCH)

# whole words, longest first: 不超过 is matched before 超过 can be
_WORD_RE = re.compile("|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True)))
_SEP = re.compile(r"[+＋,，、/\s]+")


def role_of(word: str) -> str | None:
    """The role of one qualifier word a text may write (``None`` if it is not one)."""
    return QUALIFIERS.get(word)


def word_info(word: str) -> Word | None:
    """The policy's line for one word (any word of the table, declines included)."""
    return WORDS.get(word)


@functools.lru_cache(maxsize=4096)
def words_of(qualifier: str | None) -> tuple[str, ...]:
    """The policy words of a qualifier string, in order: whole words, longest first.

    ``"力争+突破"`` and ``"力争突破"`` → ``("力争", "突破")``; ``"不超过"`` →
    ``("不超过",)`` (never 超过). Unknown characters are skipped; ``None``, blanks
    and NA give ``()``.
    """
    if not isinstance(qualifier, str) or not qualifier:
        return ()
    out: list[str] = []
    for piece in _SEP.split(qualifier):
        out.extend(_WORD_RE.findall(piece))
    return tuple(out)


def bound_words(qualifier: str | None) -> tuple[str, ...]:
    """The words of ``qualifier`` that bound the interval (lower/more/upper/band)."""
    return tuple(w for w in words_of(qualifier) if WORDS[w].role in BOUND_ROLES)


def has_role(qualifier: str | None, *roles: str) -> bool:
    """Does ``qualifier`` hold a word of one of ``roles`` (e.g. ``Role.STRETCH``)?"""
    return any(WORDS[w].role in roles for w in words_of(qualifier))


def number_of(value: float | int | Decimal) -> Number:
    """A table's number as if written: its shortest decimal form (5600.0 → 5600, 6.50 → 6.5)."""
    d = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if d.is_finite() and d == d.to_integral_value():
        return Number(d.quantize(Decimal(1)) if d.adjusted() < 28 else d, 0)
    d = d.normalize()
    return Number(d, d.as_tuple().exponent)  # type: ignore[arg-type]


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


def value_interval(value: float | int | Decimal, qualifier: str | None) -> Interval:
    """The interval of a value as a table holds it (exact: no rounding step) under its
    qualifier string — the scalar twin of :func:`qualifier_bounds`.

    >>> str(value_interval(5.5, "不超过"))
    '(-∞, 5.5]'
    """
    return apply_qualifiers(number_of(value), words_of(qualifier), exact=True)


class QualifierArrays(NamedTuple):
    """Per row: the interval a qualifier gives a table's value, and its flags."""

    lower: np.ndarray  # float64
    upper: np.ndarray
    lower_closed: np.ndarray  # bool
    upper_closed: np.ndarray
    stretch: np.ndarray  # bool: a 力争 word
    estimate: np.ndarray  # bool: a 预计 word
    decline: np.ndarray  # bool: a 下降 word (the caller decides what a decline means)


# the one-word bounds decided in numpy without a Decimal: (lower is -inf, upper is +inf, closed)
_SIMPLE = {
    Role.LOWER: (False, True, True),
    Role.LOWER_OPEN: (False, True, False),
    Role.UPPER: (True, False, True),
    Role.UPPER_OPEN: (True, False, False),
}


def _factorize(qualifiers: Any) -> tuple[np.ndarray, list]:
    """Codes (−1 for missing: None, NaN, pd.NA) and the distinct qualifier strings."""
    import numpy as np
    import pandas as pd

    codes, uniq = pd.factorize(pd.Series(np.asarray(qualifiers, dtype=object), dtype=object), sort=False)
    return np.asarray(codes), list(uniq)


def qualifier_bounds(values: Any, qualifiers: Any, *, codes: Any = None) -> QualifierArrays:
    """The vectorised policy: ``values`` (float64, one per row, as a table holds them —
    exact, no rounding step) under a column of qualifier strings.

    ``qualifiers`` is anything array-like (numpy object array, pandas ``object`` or
    ``string`` column, Arrow-backed strings); blank cells, ``None``, ``NaN`` and
    ``pd.NA`` mean "no qualifier". Each distinct qualifier is read once (whole words,
    longest first); a row with one one-sided bound is decided in numpy, the rare
    rest (多/余, bands, several bounds) once per distinct (value, qualifier) through
    :func:`value_interval`, so both APIs agree on every word and number.

    ``codes``: the column given already factorized — ``qualifiers`` are then the distinct
    strings and ``codes`` each row's index into them (−1: none).
    """
    import numpy as np  # lazily: extraction needs none of numpy

    vals = np.asarray(values, dtype=np.float64)
    n = len(vals)
    lo = vals.copy()
    hi = vals.copy()
    lc = np.ones(n, dtype=bool)
    hc = np.ones(n, dtype=bool)
    flags = {Role.STRETCH: np.zeros(n, dtype=bool), Role.ESTIMATE: np.zeros(n, dtype=bool),
             Role.DECLINE: np.zeros(n, dtype=bool)}
    if n == 0:
        return QualifierArrays(lo, hi, lc, hc, *flags.values())
    if codes is None:
        codes, uniq = _factorize(qualifiers)
    else:
        codes, uniq = np.asarray(codes), list(qualifiers)
    for k, q in enumerate(uniq):
        words = words_of(q) if isinstance(q, str) else ()
        if not words:
            continue
        m = codes == k
        roles = [WORDS[w].role for w in words]
        for role, arr in flags.items():
            if role in roles:
                arr |= m
        bounds = [r for r in roles if r in BOUND_ROLES]
        if not bounds:
            continue
        if len(bounds) == 1 and bounds[0] in _SIMPLE:
            low_inf, up_inf, closed = _SIMPLE[bounds[0]]
            if low_inf:
                lo[m], lc[m], hc[m] = -np.inf, False, closed
            else:
                hi[m], hc[m], lc[m] = np.inf, False, closed
            continue
        rows = np.flatnonzero(m & np.isfinite(vals))
        if len(rows) == 0:
            continue
        vu, inv = np.unique(vals[rows], return_inverse=True)
        ivs = [value_interval(float(v), q) for v in vu]
        lo[rows] = np.array([float(iv.lower) for iv in ivs])[inv]
        hi[rows] = np.array([float(iv.upper) for iv in ivs])[inv]
        lc[rows] = np.array([iv.lower_closed for iv in ivs])[inv]
        hc[rows] = np.array([iv.upper_closed for iv in ivs])[inv]
    return QualifierArrays(lo, hi, lc, hc, *flags.values())


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
