"""share-range — shares, coverage and ratio figures lie within [0, 100] %.

A coverage rate (行政村5G基站覆盖率达到85%), an enrolment share (公办率达到70%以上) or
an insurance rate (基本养老保险覆盖率95%) is a fraction of a whole: above 100 % it is a
typo (a doubled digit, 95 → 995) or a growth rate mislabelled as a share. The bounds
can be narrowed per rule with ``min`` and ``max`` (in %).
"""

from __future__ import annotations

from reportcheck.rules.base import EvalContext, Outcome, PercentBounds, PercentListParams, RuleKind, fmt, percent_iv


class Params(PercentListParams):
    what = "a share in %"
    min: float = 0.0
    max: float = 100.0


class ShareRange(RuleKind):
    """Every listed share lies within [min, max] % (default [0, 100])."""

    name = "share-range"
    Params = Params

    def references(self, params: Params) -> list[str]:
        return list(params.indicators)

    def evaluate(self, params: Params, ctx: EvalContext) -> Outcome:
        bounds = PercentBounds.of(ctx, params.indicators, params.min, params.max, params.max)

        def describe(r: int, status: str) -> str:
            bad = bounds.worst(r)
            figs = ", ".join(ctx.label(i, r) for i in bad)
            rng = f"[{fmt(params.min)}, {fmt(params.max)}] %"
            if status == "fail":
                return f"{figs} outside {rng}: a share cannot be " + (
                    "negative" if any(percent_iv(ctx, i).hi[r] < params.min for i in bad) else f"above {fmt(params.max)} %")
            if status == "tight":
                return f"{figs} may leave {rng} if its bound is read as just passed"
            return f"whether {figs} lies within {rng} depends on rounding"

        return bounds.outcome(describe)


KIND = ShareRange()
