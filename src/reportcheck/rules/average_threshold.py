"""average-threshold — a total over a count against a per-item threshold.

实施500万元以上工业新上和技改项目1099个、完成投资900亿元: if every one of the 1099
projects is worth at least 500万元, their total is at least 1099 × 500万元 ≈ 55亿元,
so the average (900亿元 / 1099 ≈ 8189万元) must be at least 500万元. A total or a
count off by a magnitude (900万元 for 900亿元, 10990 for 1099) breaks this.

``direction: at-least`` (default) means every item is at least the threshold (the
average must be too); ``at-most`` the opposite. The threshold is an indicator id or
a quantity written in the spec (``"500万元"``); for an indicator written with
以上, its lower end is the threshold.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import numpy as np
from pydantic import ValidationInfo, field_validator, model_validator

from reportcheck.rules import vec
from reportcheck.rules.base import (
    EvalContext,
    Outcome,
    RuleKind,
    RuleParams,
    check_ids,
    fmt,
    known_indicators,
    parse_quantity,
)
from reportcheck.quantities import units as _units


class Params(RuleParams):
    total: str
    count: str
    threshold: str
    direction: Literal["at-least", "at-most"] = "at-least"

    @field_validator("threshold", mode="before")
    @classmethod
    def _number_threshold(cls, v):
        # a bare number in YAML (threshold: 500) is a quantity in the total's unit
        if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
            return format(Decimal(str(v)).normalize(), "f")
        return v

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo):
        known = known_indicators(info)
        ids = [self.total, self.count]
        thr_unit = None
        if known is not None and self.threshold in known:
            ids.append(self.threshold)
            thr_unit = known.get(self.threshold)
        elif _is_quantity(self.threshold):
            thr_unit = parse_quantity(self.threshold)[1]
        elif known is not None:
            ids.append(self.threshold)  # reported as unknown below
        check_ids(ids, info)
        tu = (known or {}).get(self.total)
        if tu and thr_unit and not _units.compatible(tu, thr_unit):
            raise ValueError(f"total {self.total!r} ({tu}) cannot be compared with threshold {self.threshold!r} ({thr_unit})")
        return self


def _is_quantity(s: str) -> bool:
    try:
        parse_quantity(s)
    except ValueError:
        return False
    return True


class AverageThreshold(RuleKind):
    """total / count is on the right side of the per-item threshold."""

    name = "average-threshold"
    Params = Params

    def references(self, params: Params) -> list[str]:
        ids = [params.total, params.count]
        if not _is_quantity(params.threshold):
            ids.append(params.threshold)
        return ids

    def evaluate(self, params: Params, ctx: EvalContext) -> Outcome:
        tu = ctx.unit(params.total)
        if _is_quantity(params.threshold):
            v, u = parse_quantity(params.threshold)
            thr_unit = u or tu
            thr = vec.IV.point(v, ctx.n)
            thr_text = params.threshold
            thr_ref: list[str] = []
        else:
            thr_unit = ctx.unit(params.threshold)
            thr = ctx.iv(params.threshold)
            thr_text = None
            thr_ref = [params.threshold]
        total = ctx.iv(params.total, thr_unit)
        total_t = ctx.tight(params.total, thr_unit)
        count = ctx.iv(params.count, None)
        count_t = ctx.tight(params.count, None)
        # the threshold itself is a bound: its lower end for at-least, upper end for at-most
        if params.direction == "at-least":
            bound = vec.IV.point(np.where(np.isfinite(thr.lo), thr.lo, thr.hi), ctx.n)
            avg, avg_t = total / count, total_t / count_t
            verdict, tight = avg.ge(bound), avg_t.ge(bound)
        else:
            bound = vec.IV.point(np.where(np.isfinite(thr.hi), thr.hi, thr.lo), ctx.n)
            avg, avg_t = total / count, total_t / count_t
            verdict, tight = avg.le(bound), avg_t.le(bound)
        applicable = total.present & count.present & thr.present

        def describe(r: int, status: str) -> str:
            thr_s = thr_text or ctx.label(params.threshold, r)
            if count.lo[r] <= 0 <= count.hi[r]:
                return f"{ctx.label(params.count, r)} may be zero: {ctx.label(params.total, r)} has no average per item"
            a = avg.lo[r] if params.direction == "at-least" else avg.hi[r]
            rel = "below" if params.direction == "at-least" else "above"
            each = "at least" if params.direction == "at-least" else "at most"
            head = (f"{ctx.label(params.total, r)} over {ctx.label(params.count, r)} is an average of "
                    f"{fmt(a, 2)}{thr_unit or ''}")
            if status == "fail":
                return f"{head}, {rel} the per-item threshold {thr_s}: not every item can be {each} {thr_s}"
            if status == "tight":
                return f"{head}, {rel} {thr_s} if the open bounds are read as just passed"
            return f"{head}: whether it is {each} {thr_s} depends on rounding"

        return Outcome(verdict=verdict, tight=tight, applicable=applicable, describe=describe,
                       figures=[params.total, params.count, *thr_ref])


KIND = AverageThreshold()
