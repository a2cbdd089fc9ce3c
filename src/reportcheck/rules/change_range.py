"""change-range — a decline cannot exceed 100 %; a growth rate stays in a plausible band.

治安、刑事警情分别下降7.1%、14.1%: a quantity that falls by more than 100 % would be
negative, so 下降171% is certainly a slip (an extra digit, or 个百分点 read as %). A
growth rate far outside what the kind of figure allows (新能源汽车保有量增长250%) is
suspicious rather than impossible.

Declines are read with their sign: 下降7.1% is a change of -7.1 %, whether the
indicator table stores -7.1 or 7.1 with a decline qualifier (下降, 减少, 降低, 回落).

Defaults: ``min: -100`` (a decline of at most 100 %; below it the rule fails with its
severity, error by default); ``max`` unset, in which case growth above
``PLAUSIBLE_MAX`` (100 %) is a *warning* (implausible, not impossible). An explicit
``max`` is a hard bound like ``min``.
"""

from __future__ import annotations

import numpy as np

from reportcheck.rules.base import EvalContext, Outcome, PercentBounds, PercentListParams, RuleKind, fmt, percent_iv

#: growth above this (in %) is implausible for a yearly change when the rule sets no max
PLAUSIBLE_MAX = 100.0


class Params(PercentListParams):
    what = "a change in %"
    min: float = -100.0
    max: float | None = None


class ChangeRange(RuleKind):
    """A change in % is at least -100 % (a decline cannot exceed 100 %) and plausible."""

    name = "change-range"
    Params = Params

    def references(self, params: Params) -> list[str]:
        return list(params.indicators)

    def evaluate(self, params: Params, ctx: EvalContext) -> Outcome:
        hard_max = params.max if params.max is not None else np.inf
        soft_max = params.max if params.max is not None else PLAUSIBLE_MAX
        bounds = PercentBounds.of(ctx, params.indicators, params.min, hard_max, soft_max)

        def describe(r: int, status: str) -> str:
            bad = bounds.worst(r)
            parts = []
            for i in bad:
                a = percent_iv(ctx, i)
                if a.hi[r] < params.min:
                    if params.min == -100:
                        parts.append(f"{ctx.label(i, r)} is a fall of more than 100 % (the quantity would be negative)")
                    else:
                        parts.append(f"{ctx.label(i, r)} is a change below the minimum {fmt(params.min)} %")
                else:
                    cap = fmt(soft_max)
                    what = "above the maximum" if params.max is not None else "above the plausible maximum"
                    parts.append(f"{ctx.label(i, r)} is a change of {fmt(a.lo[r])} %, {what} {cap} %")
            msg = "; ".join(parts)
            if status == "undetermined":
                return f"whether {', '.join(ctx.label(i, r) for i in bad)} is within the allowed change depends on rounding"
            if status == "tight" and params.max is None:
                return msg + " (implausible for a yearly change; set max in the rule if intended)"
            return msg

        return bounds.outcome(describe)


KIND = ChangeRange()
