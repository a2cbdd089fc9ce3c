"""Vectorised interval arithmetic and three-valued verdicts for the rule engine.

An :class:`IV` is one interval per report: four numpy arrays (lower, upper and
whether each end is attained). Arithmetic follows
:class:`reportcheck.quantities.interval.Interval` (the exact, Decimal version
used for single figures), but on float64 arrays so that one rule is decided for
every report of a table at once.

Float noise must never decide a verdict (docs/architecture.md, "Decimal in,
float64 in the engine, with a guard"): every comparison carries a relative
guard of ``GUARD`` (1e-9) of the operands' magnitude, applied so that a rule
*fails* only when it is violated by more than the guard, and *passes* when it
holds up to the guard. A real slip (a digit, a magnitude) is many orders of
magnitude larger.

Verdicts are int8 arrays of :attr:`reportcheck.verdicts.Verdict.code` (``FAIL = -1``,
``UNDETERMINED = 0``, ``PASS = 1``): ``and`` of verdicts is the element-wise minimum,
``or`` the maximum, ``not`` the negation — the algebra of :class:`~reportcheck.verdicts.Verdict`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reportcheck.verdicts import Verdict

GUARD = 1e-9

FAIL = np.int8(Verdict.FAIL.code)
UNDETERMINED = np.int8(Verdict.UNDETERMINED.code)
PASS = np.int8(Verdict.PASS.code)

_INF = np.inf


def _finite_abs(x: np.ndarray) -> np.ndarray:
    a = np.abs(x)
    return np.where(np.isfinite(a), a, 0.0)


def guard(*xs: np.ndarray) -> np.ndarray:
    """The float-noise allowance for a comparison of these operands (finite parts only)."""
    m = _finite_abs(xs[0])
    for x in xs[1:]:
        m = np.maximum(m, _finite_abs(x))
    return GUARD * m


def _arr(x, n: int | None = None) -> np.ndarray:
    a = np.asarray(x, dtype=np.float64)
    if n is not None and a.ndim == 0:
        a = np.full(n, float(a))
    return a


@dataclass(frozen=True, slots=True)
class IV:
    """Intervals, one per report (arrays of equal length; NaN bounds mean 'no figure')."""

    lo: np.ndarray
    hi: np.ndarray
    lc: np.ndarray  # lower end attained
    hc: np.ndarray  # upper end attained

    # -- construction ------------------------------------------------------------------
    @classmethod
    def point(cls, value, n: int) -> "IV":
        v = _arr(value, n)
        t = np.ones(v.shape, dtype=bool)
        return cls(v, v.copy(), t, t.copy())

    @classmethod
    def make(cls, lo, hi, lc=True, hc=True, n: int | None = None) -> "IV":
        lo = _arr(lo, n)
        hi = _arr(hi, n if n is not None else lo.shape[0])
        shape = lo.shape
        lc = np.broadcast_to(np.asarray(lc, dtype=bool), shape).copy() & np.isfinite(lo)
        hc = np.broadcast_to(np.asarray(hc, dtype=bool), shape).copy() & np.isfinite(hi)
        return cls(lo, hi, lc, hc)

    def __len__(self) -> int:
        return self.lo.shape[0]

    @property
    def present(self) -> np.ndarray:
        return ~(np.isnan(self.lo) | np.isnan(self.hi))

    def widen(self, other: "IV") -> "IV":
        """The hull of self and other (used by property tests and readings)."""
        lo = np.minimum(self.lo, other.lo)
        hi = np.maximum(self.hi, other.hi)
        lc = np.where(self.lo < other.lo, self.lc, np.where(other.lo < self.lo, other.lc, self.lc | other.lc))
        hc = np.where(self.hi > other.hi, self.hc, np.where(other.hi > self.hi, other.hc, self.hc | other.hc))
        return IV(lo, hi, lc, hc)

    # -- arithmetic ------------------------------------------------------------------------
    def _coerce(self, other) -> "IV":
        return other if isinstance(other, IV) else IV.point(other, len(self))

    def __neg__(self) -> "IV":
        return IV(-self.hi, -self.lo, self.hc, self.lc)

    def __add__(self, other) -> "IV":
        o = self._coerce(other)
        with np.errstate(invalid="ignore", over="ignore"):  # overflow → ±inf: still an outer bound
            return IV(self.lo + o.lo, self.hi + o.hi, self.lc & o.lc, self.hc & o.hc)

    __radd__ = __add__

    def __sub__(self, other) -> "IV":
        return self + (-self._coerce(other))

    def __rsub__(self, other) -> "IV":
        return self._coerce(other) + (-self)

    def __mul__(self, other) -> "IV":
        o = self._coerce(other)
        with np.errstate(invalid="ignore", over="ignore"):  # overflow → ±inf: still an outer bound
            prods = []
            for a, ac in ((self.lo, self.lc), (self.hi, self.hc)):
                for b, bc in ((o.lo, o.lc), (o.hi, o.hc)):
                    p = a * b
                    # 0 × ∞ is 0 in interval arithmetic (the infinite end is never attained)
                    p = np.where((a == 0) & np.isinf(b) | (b == 0) & np.isinf(a), 0.0, p)
                    prods.append((p, ac & bc))
            vals = np.stack([p for p, _ in prods])
            closed = np.stack([c for _, c in prods])
            lo = vals.min(axis=0)
            hi = vals.max(axis=0)
            lc = (closed & (vals == lo)).any(axis=0)
            hc = (closed & (vals == hi)).any(axis=0)
            # 0 is attained whenever a factor holds 0 (and the other is not empty), whatever
            # the other's ends: (0, 0.01) × [0, 0.01) holds 0
            zero = (self.may_be_zero() & o._nonempty()) | (o.may_be_zero() & self._nonempty())
            lc = lc | (zero & (lo == 0))
            hc = hc | (zero & (hi == 0))
            nan = np.isnan(vals).any(axis=0)
        lo = np.where(nan, np.nan, lo)
        hi = np.where(nan, np.nan, hi)
        return IV(lo, hi, lc, hc)

    __rmul__ = __mul__

    def _nonempty(self) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return (self.lo < self.hi) | ((self.lo == self.hi) & self.lc & self.hc)

    def may_be_zero(self) -> np.ndarray:
        """Boolean: 0 is a member (an open end at 0 excludes it: (0, 5] does not hold 0)."""
        with np.errstate(invalid="ignore"):
            return (((self.lo < 0) | ((self.lo == 0) & self.lc)) & ((self.hi > 0) | ((self.hi == 0) & self.hc)))

    def reciprocal(self) -> "IV":
        """1/x, as the exact Interval: an interval that holds zero gives (-∞, ∞); an open end
        at 0 sends its reciprocal to ±∞ ((0, 5] → [0.2, ∞))."""
        with np.errstate(divide="ignore", invalid="ignore"):
            zero = self.may_be_zero()
            inv_lo = np.where(np.isinf(self.hi), 0.0, np.where(self.hi == 0, -_INF, 1.0 / self.hi))
            inv_hi = np.where(np.isinf(self.lo), 0.0, np.where(self.lo == 0, _INF, 1.0 / self.lo))
        lo = np.where(zero, -_INF, inv_lo)
        hi = np.where(zero, _INF, inv_hi)
        lc = ~zero & self.hc & np.isfinite(self.hi) & np.isfinite(lo)
        hc = ~zero & self.lc & np.isfinite(self.lo) & np.isfinite(hi)
        nan = ~self.present
        return IV(np.where(nan, np.nan, lo), np.where(nan, np.nan, hi), lc, hc)

    def __truediv__(self, other) -> "IV":
        o = self._coerce(other)
        return _says_nothing_if_zero(self * o.reciprocal(), o)

    def __rtruediv__(self, other) -> "IV":
        return _says_nothing_if_zero(self._coerce(other) * self.reciprocal(), self)

    # -- three-valued comparisons ----------------------------------------------------------
    def le(self, other) -> np.ndarray:
        """Every value of self ≤ every value of other: PASS; none: FAIL; else UNDETERMINED."""
        o = self._coerce(other)
        with np.errstate(invalid="ignore"):
            ok = self.hi <= o.lo + guard(self.hi, o.lo)
            bad = self.lo > o.hi + guard(self.lo, o.hi)
        return _verdict(ok, bad, self.present & o.present)

    def lt(self, other) -> np.ndarray:
        o = self._coerce(other)
        with np.errstate(invalid="ignore"):
            g = guard(self.hi, o.lo)
            # equal ends (up to the guard) pass only when one of them is not attained
            ok = (self.hi < o.lo - g) | ((np.abs(self.hi - o.lo) <= g) & ~(self.hc & o.lc))
            # fails only when violated by more than the guard (5 < 5 stays undetermined)
            bad = self.lo > o.hi + guard(self.lo, o.hi)
        return _verdict(ok, bad, self.present & o.present)

    def ge(self, other) -> np.ndarray:
        return self._coerce(other).le(self)

    def gt(self, other) -> np.ndarray:
        return self._coerce(other).lt(self)

    def eq(self, other) -> np.ndarray:
        """Equal up to the guard: PASS only for (near-)equal points; FAIL when disjoint."""
        o = self._coerce(other)
        with np.errstate(invalid="ignore"):
            ok = (
                (np.abs(self.hi - self.lo) <= guard(self.hi, self.lo))
                & (np.abs(o.hi - o.lo) <= guard(o.hi, o.lo))
                & (np.abs(self.lo - o.lo) <= guard(self.lo, o.lo))
            )
            bad = (self.lo > o.hi + guard(self.lo, o.hi)) | (o.lo > self.hi + guard(o.lo, self.hi))
        return _verdict(ok, bad, self.present & o.present)

    def ne(self, other) -> np.ndarray:
        return -self.eq(other)

    def within(self, lo, hi) -> np.ndarray:
        return vand(self.ge(lo), self.le(hi))

    def intersects(self, other: "IV") -> np.ndarray:
        """Boolean: the two intervals share a point (up to the guard)."""
        o = other
        with np.errstate(invalid="ignore"):
            return ~((self.lo > o.hi + guard(self.lo, o.hi)) | (o.lo > self.hi + guard(o.lo, self.hi)))

    def intersect(self, other: "IV") -> "IV":
        o = other
        lo = np.maximum(self.lo, o.lo)
        hi = np.minimum(self.hi, o.hi)
        lc = np.where(self.lo > o.lo, self.lc, np.where(o.lo > self.lo, o.lc, self.lc & o.lc))
        hc = np.where(self.hi < o.hi, self.hc, np.where(o.hi < self.hi, o.hc, self.hc & o.hc))
        return IV(lo, hi, lc, hc)


def _says_nothing_if_zero(q: IV, divisor: IV) -> IV:
    """Division by an interval that may be zero says nothing (as the exact Interval does)."""
    zero = divisor.may_be_zero()
    if not zero.any():
        return q
    keep = ~zero | np.isnan(q.lo)
    return IV(np.where(keep, q.lo, -_INF), np.where(keep, q.hi, _INF), q.lc & ~zero, q.hc & ~zero)


def _verdict(ok: np.ndarray, bad: np.ndarray, present: np.ndarray) -> np.ndarray:
    v = np.where(ok, PASS, np.where(bad, FAIL, UNDETERMINED)).astype(np.int8)
    # a missing operand decides nothing; the engine masks it out separately
    return np.where(present, v, UNDETERMINED).astype(np.int8)


def vand(*vs: np.ndarray) -> np.ndarray:
    out = vs[0]
    for v in vs[1:]:
        out = np.minimum(out, v)
    return out.astype(np.int8)


def vor(*vs: np.ndarray) -> np.ndarray:
    out = vs[0]
    for v in vs[1:]:
        out = np.maximum(out, v)
    return out.astype(np.int8)


def vnot(v: np.ndarray) -> np.ndarray:
    return (-v).astype(np.int8)


def name(code: int) -> str:
    return Verdict.from_code(code).value
