"""Hypothesis strategies for valid indicator tables (public, for your own tests).

    from hypothesis import given
    from reportcheck.strategies import indicator_tables
    from reportcheck.schema import validate_table

    @given(indicator_tables())
    def test_my_pipeline(df):
        assert validate_table(df) == []
        ...

Every table generated satisfies :data:`reportcheck.schema.IndicatorSchema`:
units known and fitting their kind, lower ≤ value ≤ upper, shares within
[0, 100] %, declines at most 100 %, counts whole and non-negative, ``(report,
id)`` unique. hypothesis is a test extra: it is imported when a strategy is
built, not when this module is imported.
"""

from __future__ import annotations

from decimal import Decimal

from functools import lru_cache
from typing import Any

__all__ = ["indicator_rows", "indicator_tables", "KIND_UNITS"]

#: units the strategies use per kind (all known to the registry, all fitting the kind)
KIND_UNITS: dict[str, tuple[str | None, ...]] = {
    "amount": ("亿元", "万元", "元", "万亿元", "万千瓦", "GW", "万亩", "亩", "亿斤", "公里", "万吨"),
    "count": ("家", "个", "人", "万人", "所", "处", "项", "万个", "人次", "万人次", "户", "张", None),
    "growth": ("%",),
    "points": ("个百分点",),
    "share": ("%",),
    "multiple": ("倍",),
    "ratio": ("个", "张", "万元", None),
    "rank": (None,),
    "name": (None,),
}
_NAMES = ("地区生产总值", "一般公共预算收入", "高新技术企业", "覆盖率", "新增就业", "装机规模", "城镇化率", "警情")


def _tenths(draw, st, lo: int, hi: int) -> float:
    """A decimal-friendly float: k/10 for a whole k in [lo, hi] (drawn without .map: cheap)."""
    return draw(st.integers(lo, hi)) / 10


def indicator_rows(report: str = "report-1", index: int = 0, kinds: tuple[str, ...] | None = None,
                   unbound: bool = True):
    """A strategy for one valid row (a dict with the schema's columns).

    ``index`` makes the id unique within ``report``; ``kinds`` restricts the
    kinds drawn; ``unbound=False`` never draws a row whose figure was not found
    (NaN value, no position).
    """
    return _row_strategy()(report, index, tuple(kinds or KIND_UNITS), unbound)


@lru_cache(maxsize=1)
def _row_strategy():
    # built once: hypothesis inspects a composite's source when it is defined
    from hypothesis import strategies as st

    from reportcheck.quantities.numerals import Number
    from reportcheck.quantities.qualifiers import apply_qualifiers, words_of
    from reportcheck.spec.model import STATUSES

    @st.composite
    def row(draw, report, index, kinds, unbound) -> dict[str, Any]:
        kind = draw(st.sampled_from(kinds))
        unit = draw(st.sampled_from(KIND_UNITS[kind]))
        period = str(draw(st.integers(2015, 2030)))
        base = {
            "report": report,
            "id": f"{kind}.i{index}.{period}",
            "name": draw(st.sampled_from(_NAMES)),
            "period": period,
            "kind": kind,
            "unit": unit,
            "status": draw(st.sampled_from(STATUSES)),
            "file": draw(st.sampled_from(["report.md", "draft.txt", None])),
        }
        if unbound and draw(st.integers(0, 9)) == 0:
            return {**base, "value": float("nan"), "lower": float("nan"), "upper": float("nan"),
                    "lower_closed": None, "upper_closed": None, "qualifier": None, "text": None,
                    "line": None, "column": None, "end_line": None, "end_column": None}
        if kind == "share":
            value = _tenths(draw, st, 0, 1000)
        elif kind == "growth":
            value = _tenths(draw, st, -1000, 3000)
        elif kind == "points":
            value = _tenths(draw, st, -500, 500)
        elif kind == "count":
            if unit and unit.startswith("万"):
                value = _tenths(draw, st, 0, 100000)  # 0.1万 = 1000: whole
            else:
                value = float(draw(st.integers(0, 10**7)))
        elif kind in ("rank", "name"):
            value = float(draw(st.integers(1, 100)))
        else:  # amount, multiple, ratio
            value = _tenths(draw, st, 1, 10**6)
        qualifier = draw(st.sampled_from([None, "以上", "突破", "左右", "达到", "以下"]))
        exact = kind in ("count", "rank", "name") and qualifier in (None, "达到")
        # the qualifier policy's interval of the value written to its tenths (half a unit: 0.05)
        iv = apply_qualifiers(Number(Decimal(repr(value)), -1), words_of(qualifier), exact=exact)
        lower, upper, lc, uc = float(iv.lower), float(iv.upper), iv.lower_closed, iv.upper_closed
        if kind == "share":
            lower = max(lower, 0.0) if lower != float("-inf") else lower
            upper = min(upper, 100.0) if upper != float("inf") else upper
        if kind == "growth" and lower != float("-inf"):
            lower = max(lower, -100.0) if value > -100 else lower
        number = f"{value:g}" if value != int(value) else str(int(value))
        text = f"{number}{unit or ''}"
        line = draw(st.integers(1, 5000))
        column = draw(st.integers(1, 500))
        return {**base, "value": value, "lower": lower, "upper": upper, "lower_closed": lc, "upper_closed": uc,
                "qualifier": qualifier, "text": text, "line": line, "column": column, "end_line": line,
                "end_column": column + len(text)}

    return row


def indicator_tables(min_rows: int = 0, max_rows: int = 30, reports: tuple[str, ...] = ("report-1", "report-2"),
                     kinds: tuple[str, ...] | None = None, unbound: bool = True):
    """A strategy for valid indicator tables (pandas DataFrames with the schema's dtypes)."""
    return _table_strategy()(min_rows, max_rows, tuple(reports), tuple(kinds or KIND_UNITS), unbound)


@lru_cache(maxsize=1)
def _table_strategy():
    from hypothesis import strategies as st

    from reportcheck.schema import coerce_table

    @st.composite
    def table(draw, min_rows, max_rows, reports, kinds, unbound):
        import pandas as pd

        n = draw(st.integers(min_rows, max_rows))
        make = _row_strategy()
        rows = [draw(make(draw(st.sampled_from(reports)), i, kinds, unbound)) for i in range(n)]
        return coerce_table(pd.DataFrame(rows))

    return table
