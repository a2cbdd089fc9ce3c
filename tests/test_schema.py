"""The pandera schema of the indicator table and its readable findings."""

from __future__ import annotations

import math

import pandas as pd
import pandera.errors as pe
import pytest

import reportcheck
from reportcheck.findings import Category, Severity
from reportcheck.schema import COLUMNS, IndicatorSchema, coerce_table, indicator_schema, validate_table


def _row(**kw):
    base = dict(report="r", id="enterprises.total.2023", name="企业总量", period="2023", kind="count", unit="家",
                value=939.0, lower=939.0, upper=939.0, lower_closed=True, upper_closed=True, qualifier=None,
                status="实际", text="939家", file="x.md", line=13, column=120, end_line=13, end_column=126)
    base.update(kw)
    return base


def _table(*rows):
    return coerce_table(pd.DataFrame(list(rows)))


def _ok_rows():
    return [
        _row(),
        _row(id="share.2023", name="覆盖率", kind="share", unit="%", value=95.0, lower=94.5, upper=math.inf,
             upper_closed=False, qualifier="以上", text="95%", column=51, end_column=54),
        _row(id="decline.2023", name="刑事警情", kind="growth", unit="%", value=-14.1, lower=-14.15, upper=-14.05,
             text="14.1%"),
        _row(id="gdp.2023", name="地区生产总值", kind="amount", unit="亿元", value=5600.0, lower=5599.5,
             upper=5600.5, text="5600亿元"),
        _row(id="jobs.2023", name="新增就业", kind="count", unit="万人", value=6.7, lower=6.65, upper=6.75,
             text="6.7万人"),
        _row(id="pp.2023", name="提高", kind="points", unit="个百分点", value=1.7, lower=1.65, upper=1.75,
             text="1.7个百分点"),
        _row(id="rank.2023", name="位次", kind="rank", unit=None, value=2.0, lower=2.0, upper=2.0, text="第2位"),
        _row(id="missing.2024", name="未找到", kind="amount", unit="亿元", value=math.nan, lower=math.nan,
             upper=math.nan, lower_closed=None, upper_closed=None, text=None, file=None, line=None, column=None,
             end_line=None, end_column=None),
    ]


def test_schema_is_importable_from_the_package():
    assert reportcheck.IndicatorSchema is indicator_schema()
    assert IndicatorSchema is indicator_schema()
    assert set(IndicatorSchema.columns) == set(COLUMNS)


def test_a_valid_table_passes():
    df = _table(*_ok_rows())
    assert validate_table(df) == []
    IndicatorSchema.validate(df, lazy=True)


def test_empty_table_is_valid():
    from reportcheck.schema import empty_table

    assert validate_table(empty_table()) == []


def test_string_dtype_columns_are_accepted():
    df = _table(*_ok_rows())
    for c in ("report", "id", "name", "kind", "status"):
        df[c] = df[c].astype("string")
    assert validate_table(df) == []


# one corruption per row: (what to change, the indicator it concerns, words the message must contain)
CORRUPTIONS = [
    ({"id": "share.2023", "value": 120.0, "upper": 120.5, "text": "120%"}, "share.2023", "outside [0, 100]"),
    ({"id": "decline.2023", "value": -171.0, "lower": -171.5, "upper": -170.5, "text": "171%"}, "decline.2023",
     "more than 100"),
    ({"value": 939.5, "lower": 939.5, "upper": 939.5, "text": "939.5家"}, "enterprises.total.2023",
     "not a whole number"),
    ({"value": -3.0, "lower": -3.0, "upper": -3.0}, "enterprises.total.2023", "negative"),
    ({"id": "gdp.2023", "unit": "亿園"}, "gdp.2023", "did you mean 亿元"),
    ({"id": "share.2023", "unit": "亿元"}, "share.2023", "a share is in %"),
    ({"id": "pp.2023", "unit": "%"}, "pp.2023", "个百分点"),
    ({"id": "gdp.2023", "unit": "家"}, "gdp.2023", "unit of measure"),
    ({"id": "gdp.2023", "lower": 5601.0}, "gdp.2023", "out of order"),
    ({"id": "gdp.2023", "upper": 5599.0}, "gdp.2023", "out of order"),
    ({"id": "gdp.2023", "kind": "amout"}, "gdp.2023", "kind 'amout' is not one of"),
    ({"id": "gdp.2023", "status": "计划"}, "gdp.2023", "status '计划' is not one of"),
    ({"id": "gdp.2023", "line": 0}, "gdp.2023", "line"),
    ({"id": "gdp.2023", "name": None}, "gdp.2023", "name is missing"),
]


@pytest.mark.parametrize("change,indicator,words", CORRUPTIONS, ids=[c[1] + ":" + c[2] for c in CORRUPTIONS])
def test_each_corruption_is_one_readable_finding(change, indicator, words):
    rows = _ok_rows()
    target = next(r for r in rows if r["id"] == change.get("id", "enterprises.total.2023"))
    target.update(change)
    findings = validate_table(_table(*rows))
    assert findings, "the corruption was not detected"
    assert all(f.category is Category.SCHEMA and f.check == "schema" and f.severity is Severity.ERROR
               for f in findings)
    hits = [f for f in findings if f.id == indicator and words in f.message]
    assert hits, [f.message for f in findings]
    f = hits[0]
    # names the indicator and shows its text, not pandera's failure_cases
    assert indicator in f.message and "failure_case" not in f.message
    assert f.figures and f.figures[0].indicator == indicator and f.figures[0].report == "r"
    with pytest.raises(pe.SchemaErrors):
        IndicatorSchema.validate(_table(*rows), lazy=True)


def test_duplicate_ids_in_one_report_but_not_across_reports():
    a, b = _row(), _row(text="993家", value=993.0, lower=993.0, upper=993.0)
    findings = validate_table(_table(a, b))
    assert {f.id for f in findings} == {"enterprises.total.2023"}
    assert any("more than once" in f.message for f in findings)
    assert validate_table(_table(a, _row(report="other"))) == []


def test_missing_and_extra_columns_are_table_findings():
    df = _table(*_ok_rows()).drop(columns=["unit"]).assign(extra=1)
    msgs = [f.message for f in validate_table(df)]
    assert any("no column 'unit'" in m for m in msgs)
    assert any("unexpected column 'extra'" in m for m in msgs)


def test_wrong_value_dtype_is_a_table_finding():
    df = _table(*_ok_rows())
    df["value"] = df["value"].astype(object).map(str)
    msgs = [f.message for f in validate_table(df)]
    assert any("column 'value'" in m and "float64" in m for m in msgs), msgs


def test_findings_carry_positions_from_the_row():
    rows = _ok_rows()
    rows[1].update(value=120.0, upper=120.5, text="120%")
    f = next(f for f in validate_table(_table(*rows)) if f.id == "share.2023")
    ref = f.figures[0]
    assert (ref.file, ref.line, ref.column, ref.end_column, ref.text) == ("x.md", 13, 51, 54, "120%")
    assert "覆盖率" in f.message and "120%" in f.message
