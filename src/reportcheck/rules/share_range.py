"""share-range — shares, coverage and ratio figures lie within [0, 100] %.

A coverage rate (行政村5G基站覆盖率达到85%), an enrolment share (公办率达到70%以上) or
an insurance rate (基本养老保险覆盖率95%) is a fraction of a whole: above 100 % it is a
typo (a doubled digit, 95 → 995) or a growth rate mislabelled as a share. The bounds
can be narrowed per rule with ``min`` and ``max`` (in %).
"""

from __future__ import annotations

import numpy as np

from reportcheck.rules import vec
from reportcheck.rules.base import EvalContext, Outcome, PercentListParams, RuleKind, fmt, percent_iv


class Params(PercentListParams):
    what = "a share in %"
    min: float = 0.0
    max: float = 100.0


_pct = percent_iv


class ShareRange(RuleKind):
    """Every listed share lies within [min, max] % (default [0, 100])."""

    name = "share-range"
    Params = Params

    def references(self, params: Params) -> list[str]:
        return list(params.indicators)

    def evaluate(self, params: Params, ctx: EvalContext) -> Outcome:
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
