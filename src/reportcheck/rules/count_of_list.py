"""count-of-list — a stated count against the items listed.

在省“十强县”评选中，邹城入选工业强县，对外开放强县、现代流通强县、文旅康养强县，兖州、微山、鱼台
分别入选科技创新强县、生态文明强县、现代农业强县，实现7大领域全覆盖: seven titles are
listed, so the count is 7. A count that disagrees with its list (实现8大领域全覆盖) is a
slip in the count or a dropped item. The spec lists the items (``items``); the rule
compares the count with their number.
"""

from __future__ import annotations

from collections import Counter

from pydantic import ValidationInfo, field_validator, model_validator

from reportcheck.rules.base import EvalContext, Outcome, RuleKind, RuleParams, check_ids


class Params(RuleParams):
    count: str
    items: list[str]

    @field_validator("items")
    @classmethod
    def _items(cls, v):
        if not v:
            raise ValueError("items needs at least one item")
        dup = sorted(x for x, k in Counter(v).items() if k > 1)  # linear: 100k items took minutes
        if dup:
            raise ValueError(f"items listed twice: {', '.join(dup)}")
        return v

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo):
        check_ids([self.count], info)
        return self


class CountOfList(RuleKind):
    """The stated count equals the number of items listed."""

    name = "count-of-list"
    Params = Params

    def references(self, params: Params) -> list[str]:
        return [params.count]

    def evaluate(self, params: Params, ctx: EvalContext) -> Outcome:
        c = ctx.iv(params.count, None)
        ct = ctx.tight(params.count, None)
        n = len(params.items)
        verdict = c.eq(float(n))
        tight = ct.eq(float(n))

        def describe(r: int, status: str) -> str:
            items = "、".join(params.items)
            if status == "fail":
                return f"{ctx.label(params.count, r)} but {n} items are listed: {items}"
            return f"{ctx.label(params.count, r)} may not match the {n} items listed: {items}"

        return Outcome(verdict=verdict, tight=tight, applicable=c.present, describe=describe,
                       figures=[params.count])


KIND = CountOfList()
