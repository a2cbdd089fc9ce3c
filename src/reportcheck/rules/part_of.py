"""part-of — a part (or the sum of several parts) is at most its whole.

A report writes a new count next to the running total (新培育…企业351家，总量达到939家),
a sub-item next to its aggregate (争取政策性银行贷款100亿元 within 新增贷款1000亿元), or a
component in another unit than the whole (1.1GW of photovoltaics within 580万千瓦 of
capacity). A part larger than its whole is always a slip: a digit, a magnitude, or a
unit. Units are converted first, so 1.1GW compares with 580万千瓦 directly. With
``exact: true`` the parts must add up to the whole (a complete partition).

A whole with an open upper end (总量突破1800家) is read two ways. The formal reading
bounds it by report-language convention: a milestone is never written for a total
more than twice it (a report with 5000 would say 突破5000, not 突破1800), so 突破X
is read as (X, 2X] — the same convention target-coherence applies to 增长g以上. A
part beyond that (新培育4000家 against 突破1800家) is an error. A part within it but
above the "just passed" reading (X, 1.1X] — 2000家 against 突破1800家 — is a
warning, and the message names the reading.
"""

from __future__ import annotations

import numpy as np
from pydantic import ValidationInfo, field_validator, model_validator

from reportcheck.rules import vec

from reportcheck.rules.base import (
    EvalContext,
    Outcome,
    RuleKind,
    RuleParams,
    as_list,
    check_ids,
    fmt,
    known_indicators,
)
from reportcheck.quantities import units as _units


class Params(RuleParams):
    part: str | list[str]
    whole: str
    exact: bool = False

    @field_validator("part")
    @classmethod
    def _parts(cls, v):
        if isinstance(v, list) and not v:
            raise ValueError("part needs at least one indicator")
        return v

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo):
        parts = as_list(self.part)
        check_ids([*parts, self.whole], info)
        known = known_indicators(info) or {}
        wu = known.get(self.whole)
        for p in parts:
            pu = known.get(p)
            if pu is not None and wu is not None and not _units.compatible(pu, wu):
                raise ValueError(f"part {p!r} ({pu}) cannot be compared with whole {self.whole!r} ({wu})")
        return self


MILESTONE_CAP = 2.0  # 突破X / X以上 as a total is never written for more than 2X


def _capped(w: vec.IV) -> vec.IV:
    """A whole open above, bounded by the milestone convention: (X, ∞) → (X, 2X]."""
    with np.errstate(invalid="ignore"):
        open_above = np.isinf(w.hi) & np.isfinite(w.lo) & (w.lo > 0)
        hi = np.where(open_above, w.lo * MILESTONE_CAP, w.hi)
    return vec.IV(w.lo, hi, w.lc, w.hc | open_above)


class PartOf(RuleKind):
    """A part, or the sum of parts, never exceeds its whole (units converted first)."""

    name = "part-of"
    Params = Params

    def references(self, params: Params) -> list[str]:
        return [*as_list(params.part), params.whole]

    def evaluate(self, params: Params, ctx: EvalContext) -> Outcome:
        parts = as_list(params.part)
        wu = ctx.unit(params.whole)
        total = None
        total_t = None
        for p in parts:
            a = ctx.iv(p, wu)
            at = ctx.tight(p, wu)
            total = a if total is None else total + a
            total_t = at if total_t is None else total_t + at
        whole = ctx.iv(params.whole)
        whole_t = ctx.tight(params.whole)
        if params.exact:
            verdict = total.eq(whole)
            tight = total_t.eq(whole_t)
            capped = np.zeros(ctx.n, dtype=bool)
        else:
            whole_f = _capped(whole)
            verdict = total.le(whole_f)
            tight = total_t.le(whole_t)
            capped = np.isinf(whole.hi) & np.isfinite(whole_f.hi)
        applicable = whole.present & total.present

        def describe(r: int, status: str) -> str:
            if len(parts) == 1:
                lhs = f"{ctx.label(parts[0], r)}"
            else:
                lhs = " + ".join(ctx.text(p, r) for p in parts) + f" = {fmt(total.lo[r])}" + (
                    f"–{fmt(total.hi[r])}" if total.hi[r] != total.lo[r] else "") + f"{wu or ''}"
                lhs = f"the parts {lhs}"
            rhs = ctx.label(params.whole, r)
            if params.exact:
                if status == "fail":
                    return f"{lhs} do not add up to {rhs}"
                return f"{lhs} may not add up to {rhs} (depends on rounding)"
            verb = "exceed" if len(parts) > 1 else "exceeds"
            if status == "fail":
                if capped[r]:
                    return (f"{lhs} {verb} {rhs}, even read as any total up to {fmt(whole_f.hi[r])}"
                            f"{wu or ''} (a milestone is not written for more than twice it)")
                return f"{lhs} {verb} {rhs}"
            if status == "tight":
                allows = (f"a total up to {fmt(whole_f.hi[r])}{wu or ''}" if capped[r]
                          else "any larger total")
                return (f"{lhs} {verb} {rhs} if the total has just passed its milestone "
                        f"(the formal reading allows {allows}; reading: just passed)")
            return f"whether {lhs} is within {rhs} depends on rounding"

        return Outcome(verdict=verdict, tight=tight, applicable=applicable, describe=describe,
                       figures=[*parts, params.whole])


KIND = PartOf()
