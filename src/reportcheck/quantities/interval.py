"""Intervals of Decimals: what a written figure can mean.

A written figure is not a point: ``4.9万`` is any value that rounds to it,
``[4.85万, 4.95万)``; ``突破500`` is ``(500, ∞)``. Rules are decided on these
intervals with three-valued comparisons (:class:`Verdict`), so rounding can
never produce a false alarm.

Bounds are :class:`~decimal.Decimal`, with ``±Infinity`` for open-ended bounds.
Addition, subtraction and multiplication are exact (a 60-digit context);
division rounds each bound outward, so the result always contains every
quotient of members.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal

from reportcheck.verdicts import Verdict

__all__ = ["INF", "NEG_INF", "Interval", "Verdict"]

INF = Decimal("Infinity")
NEG_INF = Decimal("-Infinity")

_EXACT = decimal.Context(prec=60, traps=[decimal.InvalidOperation, decimal.DivisionByZero])
_FLOOR = decimal.Context(prec=34, rounding=decimal.ROUND_FLOOR)
_CEIL = decimal.Context(prec=34, rounding=decimal.ROUND_CEILING)


def _d(x) -> Decimal:
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        # floats only come from tests or data tables; repr gives the shortest exact-looking decimal
        return Decimal(repr(x))
    if hasattr(x, "numerator") and hasattr(x, "denominator") and not isinstance(x, int):
        return _EXACT.divide(Decimal(x.numerator), Decimal(x.denominator))
    return Decimal(x)


def _mul(a: Decimal, b: Decimal) -> Decimal:
    # 0 × ∞ is 0 in interval arithmetic (the infinite bound is never attained).
    if (a == 0 and b.is_infinite()) or (b == 0 and a.is_infinite()):
        return Decimal(0)
    return _EXACT.multiply(a, b)


@dataclass(frozen=True, slots=True)
class Interval:
    lower: Decimal
    upper: Decimal
    lower_closed: bool = True
    upper_closed: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", _d(self.lower))
        object.__setattr__(self, "upper", _d(self.upper))
        # an infinite end is never attained
        if self.lower.is_infinite():
            object.__setattr__(self, "lower_closed", False)
        if self.upper.is_infinite():
            object.__setattr__(self, "upper_closed", False)

    # -- construction ------------------------------------------------------------------
    @classmethod
    def point(cls, value) -> "Interval":
        v = _d(value)
        return cls(v, v, True, True)

    @classmethod
    def at_least(cls, value, closed: bool = True) -> "Interval":
        return cls(_d(value), INF, closed, False)

    @classmethod
    def at_most(cls, value, closed: bool = True) -> "Interval":
        return cls(NEG_INF, _d(value), False, closed)

    @classmethod
    def everything(cls) -> "Interval":
        return cls(NEG_INF, INF, False, False)

    # -- inspection ----------------------------------------------------------------------
    @property
    def is_empty(self) -> bool:
        if self.lower > self.upper:
            return True
        return self.lower == self.upper and not (self.lower_closed and self.upper_closed)

    @property
    def is_point(self) -> bool:
        return self.lower == self.upper and self.lower_closed and self.upper_closed

    @property
    def bounded(self) -> bool:
        return self.lower.is_finite() and self.upper.is_finite()

    def contains(self, x) -> bool:
        x = _d(x)
        above = x > self.lower or (self.lower_closed and x == self.lower)
        below = x < self.upper or (self.upper_closed and x == self.upper)
        return above and below

    def contains_interval(self, other: "Interval") -> bool:
        lo_ok = other.lower > self.lower or (
            other.lower == self.lower and (self.lower_closed or not other.lower_closed)
        )
        hi_ok = other.upper < self.upper or (
            other.upper == self.upper and (self.upper_closed or not other.upper_closed)
        )
        return lo_ok and hi_ok

    def hull(self, other: "Interval") -> "Interval":
        if self.lower < other.lower:
            lo, lc = self.lower, self.lower_closed
        elif other.lower < self.lower:
            lo, lc = other.lower, other.lower_closed
        else:
            lo, lc = self.lower, self.lower_closed or other.lower_closed
        if self.upper > other.upper:
            hi, hc = self.upper, self.upper_closed
        elif other.upper > self.upper:
            hi, hc = other.upper, other.upper_closed
        else:
            hi, hc = self.upper, self.upper_closed or other.upper_closed
        return Interval(lo, hi, lc, hc)

    def intersect(self, other: "Interval") -> "Interval":
        if self.lower > other.lower:
            lo, lc = self.lower, self.lower_closed
        elif other.lower > self.lower:
            lo, lc = other.lower, other.lower_closed
        else:
            lo, lc = self.lower, self.lower_closed and other.lower_closed
        if self.upper < other.upper:
            hi, hc = self.upper, self.upper_closed
        elif other.upper < self.upper:
            hi, hc = other.upper, other.upper_closed
        else:
            hi, hc = self.upper, self.upper_closed and other.upper_closed
        return Interval(lo, hi, lc, hc)

    # -- arithmetic ------------------------------------------------------------------------
    def __neg__(self) -> "Interval":
        return Interval(-self.upper, -self.lower, self.upper_closed, self.lower_closed)

    def __add__(self, other) -> "Interval":
        o = other if isinstance(other, Interval) else Interval.point(other)
        return Interval(
            _EXACT.add(self.lower, o.lower),
            _EXACT.add(self.upper, o.upper),
            self.lower_closed and o.lower_closed,
            self.upper_closed and o.upper_closed,
        )

    __radd__ = __add__

    def __sub__(self, other) -> "Interval":
        o = other if isinstance(other, Interval) else Interval.point(other)
        return self + (-o)

    def __rsub__(self, other) -> "Interval":
        return Interval.point(other) - self

    def __mul__(self, other) -> "Interval":
        o = other if isinstance(other, Interval) else Interval.point(other)
        ends = [
            (_mul(a, b), ac and bc)
            for a, ac in ((self.lower, self.lower_closed), (self.upper, self.upper_closed))
            for b, bc in ((o.lower, o.lower_closed), (o.upper, o.upper_closed))
        ]
        lo = min(v for v, _ in ends)
        hi = max(v for v, _ in ends)
        # an end is closed if any product attaining it is attained by closed ends
        lc = any(c for v, c in ends if v == lo)
        hc = any(c for v, c in ends if v == hi)
        # 0 is attained whenever a factor holds 0, whatever the other's ends:
        # (0, 0.01) × [0, 0.01) holds 0.005 × 0 = 0, though no pair of closed ends gives it
        if (lo == 0 or hi == 0) and not (self.is_empty or o.is_empty) and (self.contains(0) or o.contains(0)):
            lc = lc or lo == 0
            hc = hc or hi == 0
        return Interval(lo, hi, lc, hc)

    __rmul__ = __mul__

    def __truediv__(self, other) -> "Interval":
        o = other if isinstance(other, Interval) else Interval.point(other)
        if o.contains(0) or o.is_empty:
            # division by an interval that may be zero says nothing
            return Interval.everything()
        # 1/o, each bound rounded outward; an open end at 0 sends its reciprocal to ±∞
        if o.upper.is_infinite():
            inv_lo, lo_closed = Decimal(0), False
        elif o.upper == 0:
            inv_lo, lo_closed = NEG_INF, False
        else:
            inv_lo, lo_closed = _FLOOR.divide(Decimal(1), o.upper), True
        if o.lower.is_infinite():
            inv_hi, hi_closed = Decimal(0), False
        elif o.lower == 0:
            inv_hi, hi_closed = INF, False
        else:
            inv_hi, hi_closed = _CEIL.divide(Decimal(1), o.lower), True
        # outward rounding made the finite bounds closed; that only widens the interval
        return self * Interval(inv_lo, inv_hi, lo_closed, hi_closed)

    # -- three-valued comparisons ----------------------------------------------------------
    def le(self, other) -> Verdict:
        """Is every value of self ≤ every value of other (PASS), none (FAIL), or it depends?"""
        o = other if isinstance(other, Interval) else Interval.point(other)
        if self.upper < o.lower or (self.upper == o.lower):
            return Verdict.PASS
        if self.lower > o.upper or (
            self.lower == o.upper and not (self.lower_closed and o.upper_closed)
        ):
            return Verdict.FAIL
        return Verdict.UNDETERMINED

    def lt(self, other) -> Verdict:
        o = other if isinstance(other, Interval) else Interval.point(other)
        if self.upper < o.lower or (self.upper == o.lower and not (self.upper_closed and o.lower_closed)):
            return Verdict.PASS
        if self.lower >= o.upper:
            return Verdict.FAIL
        return Verdict.UNDETERMINED

    def ge(self, other) -> Verdict:
        o = other if isinstance(other, Interval) else Interval.point(other)
        return o.le(self)

    def gt(self, other) -> Verdict:
        o = other if isinstance(other, Interval) else Interval.point(other)
        return o.lt(self)

    def within(self, other: "Interval") -> Verdict:
        """Does every value lie in ``other`` (PASS), none (FAIL), or some?"""
        if other.contains_interval(self):
            return Verdict.PASS
        if self.intersect(other).is_empty:
            return Verdict.FAIL
        return Verdict.UNDETERMINED

    def __str__(self) -> str:
        lb = "[" if self.lower_closed else "("
        rb = "]" if self.upper_closed else ")"
        lo = "-∞" if self.lower == NEG_INF else _fmt(self.lower)
        hi = "∞" if self.upper == INF else _fmt(self.upper)
        return f"{lb}{lo}, {hi}{rb}"


_new = object.__new__
_set_lower = Interval.lower.__set__  # type: ignore[attr-defined]
_set_upper = Interval.upper.__set__  # type: ignore[attr-defined]
_set_lower_closed = Interval.lower_closed.__set__  # type: ignore[attr-defined]
_set_upper_closed = Interval.upper_closed.__set__  # type: ignore[attr-defined]


def _trusted(lower: Decimal, upper: Decimal, lower_closed: bool, upper_closed: bool) -> Interval:
    """An Interval without ``__post_init__``: the caller guarantees Decimal ends and
    open infinite ends. Internal hot paths only (about half the cost of ``Interval(...)``)."""
    iv = _new(Interval)
    _set_lower(iv, lower)
    _set_upper(iv, upper)
    _set_lower_closed(iv, lower_closed)
    _set_upper_closed(iv, upper_closed)
    return iv


def _fmt(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s
