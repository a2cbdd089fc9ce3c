"""rank-range — a rank lies within [1, N] of its reference group.

优良天数比例提升幅度居全省第2位: Shandong has 16 prefecture-level cities, so a rank
must be between 1 and 16; 第20位 is a slip. ``of`` is the size of the group and
``group`` names it for the message (全省16市).
"""

from __future__ import annotations

from pydantic import ValidationInfo, field_validator, model_validator

from reportcheck.rules.base import EvalContext, Outcome, RuleKind, RuleParams, check_ids


class Params(RuleParams):
    rank: str
    of: int
    group: str | None = None

    @field_validator("of")
    @classmethod
    def _of(cls, v):
        if v < 1:
            raise ValueError("of must be at least 1 (the size of the group)")
        return v

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo):
        check_ids([self.rank], info)
        return self


class RankRange(RuleKind):
    """A rank is between 1 and the size of its group."""

    name = "rank-range"
    Params = Params

    def references(self, params: Params) -> list[str]:
        return [params.rank]

    def evaluate(self, params: Params, ctx: EvalContext) -> Outcome:
        r_iv = ctx.iv(params.rank, None)
        verdict = r_iv.within(1.0, float(params.of))
        group = params.group or f"a group of {params.of}"

        def describe(r: int, status: str) -> str:
            if status == "fail":
                return f"{ctx.label(params.rank, r)} is outside 1–{params.of}: {group} has {params.of} members"
            return f"whether {ctx.label(params.rank, r)} is within 1–{params.of} ({group}) depends on rounding"

        return Outcome(verdict=verdict, applicable=r_iv.present, describe=describe, figures=[params.rank])


KIND = RankRange()
