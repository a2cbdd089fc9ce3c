"""reportcheck.strategies generates valid tables; the schema rejects each kind of corruption of them."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reportcheck.schema import validate_table
from reportcheck.strategies import KIND_UNITS, indicator_rows, indicator_tables


@pytest.mark.slow
@given(indicator_tables())
def test_generated_tables_are_valid(df):
    assert validate_table(df) == []


@pytest.mark.slow
@given(indicator_tables(min_rows=1, max_rows=5, unbound=False))
def test_generated_tables_have_positions_and_values(df):
    assert df["value"].notna().all()
    assert (df["end_column"] > df["column"]).all()


@pytest.mark.parametrize("kind", sorted(KIND_UNITS))
def test_every_kind_can_be_generated(kind):
    """Each kind gives valid one-row tables, in its own units, with the policy's interval."""
    import pandas as pd

    from reportcheck.quantities.numerals import Number
    from reportcheck.quantities.qualifiers import apply_qualifiers, words_of
    from reportcheck.schema import coerce_table

    seen_units, seen_quals = set(), set()

    @settings(max_examples=25, deadline=None)
    @given(indicator_rows(kinds=(kind,), unbound=False))
    def one(row):
        assert row["kind"] == kind and row["unit"] in KIND_UNITS[kind]
        assert validate_table(coerce_table(pd.DataFrame([row]))) == []
        assert row["lower"] <= row["value"] <= row["upper"]
        seen_units.add(row["unit"])
        seen_quals.add(row["qualifier"])
        if kind not in ("share", "growth"):  # shares and growth are clipped to [0, 100] / ≥ -100
            exact = kind in ("count", "rank", "name") and row["qualifier"] in (None, "达到")
            iv = apply_qualifiers(Number(Decimal(repr(row["value"])), -1), words_of(row["qualifier"]), exact)
            assert (row["lower"], row["upper"]) == (float(iv.lower), float(iv.upper))

    one()
    assert len(seen_quals) > 1 and seen_units  # not one constant row


def _corrupt(df, kind, row_of, change):
    rows = df.index[df["kind"].isin(kind) & df["value"].notna()]
    assume(len(rows) > 0)
    i = rows[row_of % len(rows)]
    for col, fn in change.items():
        df.loc[i, col] = fn(df.loc[i])
    return df.loc[i, "id"], df.loc[i, "report"]


CORRUPTIONS = {
    "share above 100": (("share",), {"value": lambda r: 100.0 + abs(r["value"]) + 1, "upper": lambda r: math.inf}),
    "decline beyond 100": (("growth",), {"value": lambda r: -150.0, "lower": lambda r: -150.5}),
    # half a unit in base units: 0.5家, or 0.00005万人 (= 0.5人)
    "fractional count": (("count",), {"value": lambda r: r["value"] + (0.00005 if str(r["unit"]).startswith("万") else 0.5),
                                      "upper": lambda r: math.inf}),
    "negative count": (("count",), {"value": lambda r: -5.0, "lower": lambda r: -math.inf}),
    "unknown unit": (("amount", "count"), {"unit": lambda r: "亿園"}),
    "share in 亿元": (("share",), {"unit": lambda r: "亿元"}),
    "points in %": (("points",), {"unit": lambda r: "%"}),
    "value below lower": (tuple(KIND_UNITS), {"lower": lambda r: r["value"] + 1.0,
                                               "upper": lambda r: max(r["upper"], r["value"] + 2.0)}),
    "value above upper": (tuple(KIND_UNITS), {"upper": lambda r: r["value"] - 1.0,
                                               "lower": lambda r: min(r["lower"], r["value"] - 2.0)}),
    "unknown kind": (tuple(KIND_UNITS), {"kind": lambda r: "amout"}),
}


@pytest.mark.slow
@given(df=indicator_tables(min_rows=1, max_rows=25), which=st.sampled_from(sorted(CORRUPTIONS)),
       row_of=st.integers(0, 1000))
def test_each_corruption_is_rejected_naming_the_indicator(df, which, row_of):
    kinds, change = CORRUPTIONS[which]
    ind, report = _corrupt(df, kinds, row_of, change)
    findings = validate_table(df)
    assert any(f.id == ind and f.report == report for f in findings), (which, [f.message for f in findings])


@pytest.mark.slow
@given(df=indicator_tables(min_rows=2, max_rows=25), row_of=st.integers(0, 1000))
def test_duplicate_id_is_rejected(df, row_of):
    i = df.index[row_of % len(df)]
    j = df.index[(row_of + 1) % len(df)]
    assume(i != j)
    df.loc[j, "id"] = df.loc[i, "id"]
    df.loc[j, "report"] = df.loc[i, "report"]
    findings = validate_table(df)
    assert any(f.id == df.loc[i, "id"] and "more than once" in f.message for f in findings)
