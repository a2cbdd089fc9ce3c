"""target-coherence — a base level, a growth target and a level target must be jointly possible.

一般公共预算收入 475亿元 (2023), 增长5%以上 and 突破500亿元 (2024): the level target
implies growth of more than 5.26 % (500/475 − 1), which the stated "5 % or more"
allows — coherent. 地区生产总值 5600亿元, 增长5.5%以上, 力争突破6000亿元: the level
needs more than 7.1 % nominal growth, well above "5.5 % or more" read as "just
over 5.5 %" — a stretch (力争), reported as a warning or info with the implied
growth range, never as an error.

The rule computes the implied growth ``target / base − 1`` as an interval and
compares it with the stated growth:

- **error** (rule severity) when they cannot meet under the formal reading. Two
  report-language conventions bound that reading: a growth target written with
  以上 never means more than double the stated rate or 10 points above it
  (``max(2g, g + 10)``), and a milestone target (突破/超过 X) with positive growth
  must lie above its base (a level already passed is not "broken through").
- **warning** when they meet only if the open bounds are read loosely: under the
  "just passed" reading (以上 g → [g, g + 1 pp]; 突破 X → (X, 1.1 X]) the ranges do
  not meet. The message says which reading was used.
- **stretch** targets (力争/争取/冲刺) are never an error: a failure is a warning,
  and a coherent stretch is an info that states the implied growth range.

``real: true`` marks growth at comparable prices (按可比价) against nominal levels:
real growth cannot be recomputed from nominal levels, so the stated growth is
widened by ``tolerance`` percentage points each way (default ``REAL_TOLERANCE`` =
2 pp, the size of a typical GDP deflator) and the message says so. With ``real:
false`` the default tolerance is 0.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from pydantic import ValidationInfo, model_validator

from reportcheck.rules import vec
from reportcheck.rules.base import (
    EvalContext,
    Outcome,
    RuleKind,
    RuleParams,
    check_ids,
    fmt,
    known_indicators,
)
from reportcheck.quantities import units as _units

REAL_TOLERANCE = 2.0  # pp, comparable-price growth against nominal levels
CAP_FACTOR = 2.0  # 以上 g never means more than max(2 g, g + CAP_POINTS)
CAP_POINTS = 10.0


class Params(RuleParams):
    takes_tolerance: ClassVar[bool] = True

    base: str
    growth: str
    target: str
    real: bool = False

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo):
        check_ids([self.base, self.growth, self.target], info)
        known = known_indicators(info) or {}
        bu, gu, tu = known.get(self.base), known.get(self.growth), known.get(self.target)
        if bu and tu and not _units.compatible(bu, tu):
            raise ValueError(f"target {self.target!r} ({tu}) cannot be compared with base {self.base!r} ({bu})")
        if gu and not _units.compatible(gu, "%"):
            raise ValueError(f"growth {self.growth!r} is in {gu}, not in %")
        return self


def _cap(g: vec.IV) -> vec.IV:
    """Bound an open-ended stated growth by the report-language convention."""
    with np.errstate(invalid="ignore"):
        span_hi = np.maximum(np.abs(g.lo) * (CAP_FACTOR - 1), CAP_POINTS)
        span_lo = np.maximum(np.abs(g.hi) * (CAP_FACTOR - 1), CAP_POINTS)
        hi = np.where(np.isinf(g.hi) & np.isfinite(g.lo), g.lo + span_hi, g.hi)
        lo = np.where(np.isinf(g.lo) & np.isfinite(g.hi), g.hi - span_lo, g.lo)
    return vec.IV(lo, hi, g.lc | np.isinf(g.lo), g.hc | np.isinf(g.hi))


def _widen(g: vec.IV, tol: float) -> vec.IV:
    if not tol:
        return g
    return vec.IV(g.lo - tol, g.hi + tol, g.lc, g.hc)


def _rng(lo: float, hi: float) -> str:
    if np.isinf(hi) and np.isinf(lo):
        return "any rate"
    if np.isinf(hi):
        return f"above {fmt(lo, 2)} %"
    if np.isinf(lo):
        return f"below {fmt(hi, 2)} %"
    if abs(hi - lo) <= 1e-9 * max(abs(hi), 1):
        return f"{fmt(lo, 2)} %"
    return f"{fmt(lo, 2)}–{fmt(hi, 2)} %"


class TargetCoherence(RuleKind):
    """A base level × (1 + stated growth) can reach the level target."""

    name = "target-coherence"
    Params = Params

    def references(self, params: Params) -> list[str]:
        return [params.base, params.growth, params.target]

    def evaluate(self, params: Params, ctx: EvalContext) -> Outcome:
        bu = ctx.unit(params.base)
        gu = ctx.unit(params.growth)
        g_unit = "%" if gu and _units.compatible(gu, "%") else gu
        tol = params.tolerance if params.tolerance is not None else (REAL_TOLERANCE if params.real else 0.0)

        B = ctx.iv(params.base)
        Bt = ctx.tight(params.base)
        T = ctx.iv(params.target, bu)
        Tt = ctx.tight(params.target, bu)
        G = ctx.iv(params.growth, g_unit)
        Gf = _widen(_cap(G), tol)
        Gt = _widen(ctx.tight(params.growth, g_unit), tol)

        implied = (T / B - 1.0) * 100.0
        implied_t = (Tt / Bt - 1.0) * 100.0

        with np.errstate(invalid="ignore"):
            crossing_bad = np.isinf(T.hi) & (G.lo > 0) & (B.lo >= T.lo + vec.guard(B.lo, T.lo))
        formal_ok = implied.intersects(Gf) & ~crossing_bad
        tight_ok = implied_t.intersects(Gt) & ~crossing_bad
        present = B.present & T.present & G.present
        verdict = np.where(formal_ok, vec.PASS, vec.FAIL).astype(np.int8)
        tight = np.where(tight_ok, vec.PASS, vec.FAIL).astype(np.int8)
        stretch = ctx.stretch(params.target) | ctx.stretch(params.growth)

        def describe(r: int, status: str) -> str:
            target, base, growth = (ctx.label(params.target, r), ctx.label(params.base, r),
                                    ctx.label(params.growth, r))
            imp = _rng(implied.lo[r], implied.hi[r])
            imp_t = _rng(implied_t.lo[r], implied_t.hi[r])
            nominal = " nominal" if params.real else ""
            need = f"implies{nominal} growth of {imp}"
            if np.isinf(implied.hi[r]) and not np.isinf(implied_t.hi[r]):
                need += f" ({imp_t} if the target is just passed)"
            stated = f"the stated growth is {growth}"
            if params.real:
                stated += f" at comparable prices (±{fmt(tol)} pp allowed for prices)"
            elif tol:
                stated += f" (±{fmt(tol)} pp tolerance)"
            head = f"{target} from {base} {need}; {stated}"
            if crossing_bad[r]:
                return (f"{target} is not above its base {base}: with the stated growth {growth} "
                        f"the target is already passed")
            if status == "fail":
                return f"{head}, read as at most {_rng(Gf.lo[r], Gf.hi[r])}: the targets cannot both hold"
            if status == "tight":
                return (f"{head}, read as just passed: {_rng(Gt.lo[r], Gt.hi[r])}; the ranges meet only "
                        f"under the loose reading of the open bounds")
            if status == "stretch":
                return f"stretch target (力争): {head}"
            return f"{head}: coherence depends on rounding"

        return Outcome(verdict=verdict, tight=tight, applicable=present, describe=describe,
                       figures=[params.target, params.growth, params.base], stretch=stretch,
                       extra={"implied": implied, "implied_tight": implied_t})


KIND = TargetCoherence()
