"""share-range — shares, coverage and ratio figures lie within [0, 100] %.

A coverage rate (行政村5G基站覆盖率达到85%), an enrolment share (公办率达到70%以上) or
an insurance rate (基本养老保险覆盖率95%) is a fraction of a whole: above 100 % it is a
typo (a doubled digit, 95 → 995) or a growth rate mislabelled as a share. The bounds
can be narrowed per rule with ``min`` and ``max`` (in %).
"""

from __future__ import annotations

import numpy as np
from pydantic import ValidationInfo, field_validator, model_validator

from reportcheck.rules import vec
from reportcheck.rules.base import Outcome, RuleKind, RuleParams, check_ids, fmt, known_indicators
from reportcheck.quantities import units as _units


class Params(RuleParams):
    indicators: list[str]
    min: float = 0.0
    max: float = 100.0

    @field_validator("indicators")
    @classmethod
    def _nonempty(cls, v):
        if not v:
            raise ValueError("indicators needs at least one indicator")
        return v

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo):
        if self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        check_ids(self.indicators, info)
        known = known_indicators(info) or {}
        for i in self.indicators:
            u = known.get(i)
            if u and not _units.compatible(u, "%"):
                raise ValueError(f"indicator {i!r} is in {u}, not a share in %")
        return self


def _pct(ctx, ind: str, tight: bool = False):
    u = ctx.unit(ind)
    target = "%" if u and _units.compatible(u, "%") else u
    return ctx.tight(ind, target) if tight else ctx.iv(ind, target)


SUMMARY = " ".join(__doc__.split("\n\n", 1)[1].split("\n\n", 1)[0].split())


class ShareRange(RuleKind):
    """Every listed share lies within [min, max] % (default [0, 100])."""

    name = "share-range"
    Params = Params
    summary = SUMMARY

    def references(self, params: Params) -> list[str]:
        return list(params.indicators)

    def evaluate(self, params: Params, ctx) -> Outcome:
        per, per_t, pres = [], [], []
        for ind in params.indicators:
            a = _pct(ctx, ind)
            at = _pct(ctx, ind, tight=True)
            p = a.present
            per.append(np.where(p, a.within(params.min, params.max), vec.PASS))
            per_t.append(np.where(p, at.within(params.min, params.max), vec.PASS))
            pres.append(p)
        V = np.stack(per)
        T = np.stack(per_t)
        verdict = V.min(axis=0).astype(np.int8)
        tight = T.min(axis=0).astype(np.int8)
        applicable = np.stack(pres).any(axis=0)
        inds = params.indicators

        def worst(r: int) -> list[str]:
            v = V[:, r]
            t = T[:, r]
            low = min(v.min(), t.min())
            sel = [inds[k] for k in range(len(inds)) if v[k] == low or t[k] == low]
            return sel or list(inds)

        def describe(r: int, status: str) -> str:
            bad = worst(r)
            figs = ", ".join(ctx.label(i, r) for i in bad)
            rng = f"[{fmt(params.min)}, {fmt(params.max)}] %"
            if status == "fail":
                return f"{figs} outside {rng}: a share cannot be " + (
                    "negative" if any(_pct(ctx, i).hi[r] < params.min for i in bad) else f"above {fmt(params.max)} %")
            if status == "tight":
                return f"{figs} may leave {rng} if its bound is read as just passed"
            return f"whether {figs} lies within {rng} depends on rounding"

        return Outcome(verdict=verdict, tight=tight, applicable=applicable, describe=describe,
                       figures=list(inds), figures_for=worst)


KIND = ShareRange()
