"""Helpers for the rule-engine tests: hand-built specs and indicator tables (no document)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pandas as pd

from reportcheck import engine


def spec(indicators: dict[str, dict], rules: list[dict]):
    """A spec-like object: indicators {id: {unit, qualifier, status, name}}, rules as spec mappings."""
    inds = [dict(id=k, **v) for k, v in indicators.items()]
    return SimpleNamespace(indicators=inds, rules=rules, path=None)


def table(sp, reports: dict[str, dict]) -> pd.DataFrame:
    """A long indicator table. A value is a number, (lo, hi) or (lo, hi, lower_closed, upper_closed);
    a dict value may also override the written unit: {"value": 5600, "unit": "万元", ...}."""
    units = {i["id"]: i.get("unit") for i in sp.indicators}
    quals = {i["id"]: i.get("qualifier") for i in sp.indicators}
    status = {i["id"]: i.get("status") for i in sp.indicators}
    rows = []
    for rep, vals in reports.items():
        for iid, v in vals.items():
            unit = units.get(iid)
            lc = hc = True
            if isinstance(v, dict):
                unit = v.get("unit", unit)
                lo, hi = v.get("lower", v["value"]), v.get("upper", v["value"])
                value = v["value"]
            elif isinstance(v, tuple):
                lo, hi = v[0], v[1]
                if len(v) == 4:
                    lc, hc = v[2], v[3]
                # the written figure: the middle of a rounding interval, else its finite end
                value = (lo + hi) / 2 if math.isfinite(lo) and math.isfinite(hi) else lo if math.isfinite(lo) else hi
            else:
                value = lo = hi = float(v)
            rows.append(dict(report=rep, id=iid, value=float(value), unit=unit, lower=float(lo), upper=float(hi),
                             lower_closed=lc, upper_closed=hc, qualifier=quals.get(iid), status=status.get(iid),
                             text=f"{value:g}{unit or ''}"))
    return pd.DataFrame(rows)


def run(indicators, rules, reports, **kw):
    sp = spec(indicators, rules)
    return engine.check(table(sp, reports), sp, **kw)


def outcome(result, rule_id: str, report: str) -> str:
    """'pass' or the severity of the rule's finding for that report."""
    for f in result.findings:
        if f.id == rule_id and f.report == report:
            return f.severity.value
    return "pass"
