"""The long table (--data, check(table, spec)): typed cells, the pandera schema, one-line problems."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pandera.errors as pe
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reportcheck
from reportcheck.errors import InputError
from reportcheck.table import load_table, long_table_schema, validate_frame

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "jining-2024.yaml"
HEAD = "report,indicator,value,unit,lower,upper,lower_closed,upper_closed\n"


def _csv(tmp_path, body: str, head: str = HEAD) -> Path:
    p = tmp_path / "t.csv"
    p.write_text(head + body, encoding="utf-8")
    return p


def _problems(fn, *a) -> list[str]:
    with pytest.raises(InputError) as exc:
        fn(*a)
    return str(exc.value).splitlines()


def test_empty_bound_cells_mean_the_value_itself(tmp_path):
    # this table crashed with "could not convert string to float: ''" before the schema
    p = _csv(tmp_path, "a,enterprises.new.2023,351,家,,,,\n"
                       "a,enterprises.total.2023,939,家,939,inf,true,false\n")
    df = load_table(p)
    assert math.isnan(df.loc[0, "lower"]) and df.loc[1, "upper"] == math.inf
    assert df.loc[1, "lower_closed"] is True or bool(df.loc[1, "lower_closed"]) is True
    assert bool(df.loc[1, "upper_closed"]) is False and pd.isna(df.loc[0, "upper_closed"])
    result = reportcheck.check(p, reportcheck.load_spec(SPEC))
    assert result.errors == 0


def test_every_bad_cell_is_one_line_naming_file_and_line(tmp_path):
    p = _csv(tmp_path, "a,enterprises.new.2023,351,家,360,340,,\n"        # line 2: outside
                       "a,enterprises.total.2023,939,家,x,,,\n"           # line 3: lower not a number
                       "b,enterprises.new.2023,351,家,,,maybe,\n"         # line 4: not a flag
                       ",enterprises.total.2023,939,家,,,,\n"             # line 5: empty report
                       "c,enterprises.total.2023,abc,家,,,,\n"            # line 6: value
                       "c,enterprises.new.2023,1e999,家,,,,\n")           # line 7: not finite
    assert _problems(load_table, p) == [
        f"{p}:2: value 351 is outside its interval [360, 340] (lower, upper)",
        f"{p}:3: lower 'x' is not a number",
        f"{p}:4: lower_closed 'maybe' is not true or false",
        f"{p}:5: empty report",
        f"{p}:6: value 'abc' is not a number",
        f"{p}:7: value '1e999' is not a finite number",
    ]


def test_the_command_line_says_the_same_and_exits_2(tmp_path):
    p = _csv(tmp_path, "a,enterprises.new.2023,351,家,360,,,\n")
    out = subprocess.run([sys.executable, "-m", "reportcheck", "check", str(SPEC), "--data", str(p)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.strip() == f"{p}:2: value 351 is outside its interval [360, value] (lower, upper)"


def test_many_problems_are_counted_not_all_listed(tmp_path):
    p = _csv(tmp_path, "".join(f"r{i},enterprises.new.2023,x{i},家,,,,\n" for i in range(30)))
    lines = _problems(load_table, p)
    assert len(lines) == 21 and lines[-1] == f"{p}: … and 10 more problems"


def test_a_dataframe_is_validated_by_row_and_left_unchanged():
    df = pd.DataFrame({"report": ["a", "a", " "], "indicator": ["enterprises.new.2023"] * 3,
                       "value": [351.0, float("nan"), 3.0], "unit": ["家"] * 3},
                      index=[10, 20, 30])
    before = df.copy()
    assert _problems(reportcheck.check, df, str(SPEC)) == ["<input>: row 2: value nan is not a number",
                                                           "<input>: row 3: empty report"]
    pd.testing.assert_frame_equal(df, before)


def test_the_contract_example_from_a_table_with_an_open_total():
    # 新培育 4000家 against a total given as the open interval (1800, ∞): an error (part-of)
    rows = [("x", "hte.new.2023", 4000.0, "家", math.nan, math.nan, pd.NA),
            ("x", "hte.total.2023", 1800.0, "家", 1800.0, math.inf, False)]
    df = pd.DataFrame(rows, columns=["report", "indicator", "value", "unit", "lower", "upper", "lower_closed"])
    df["lower_closed"] = df["lower_closed"].astype("boolean")
    result = reportcheck.check(df, str(SPEC))
    errors = [f for f in result.findings if f.severity.value == "error"]
    assert [f.id for f in errors] == ["hte-new-within-total"]
    assert "4000家" in errors[0].message and "3600家" in errors[0].message


def test_the_schema_is_usable_on_its_own():
    ok = pd.DataFrame({"report": ["a"], "indicator": ["i"], "value": [1.0], "lower": [0.5], "upper": [1.5]})
    long_table_schema().validate(ok, lazy=True)
    bad = ok.assign(lower=[2.0])
    with pytest.raises(pe.SchemaErrors) as exc:
        long_table_schema().validate(bad, lazy=True)
    assert "within_bounds" in set(exc.value.failure_cases["check"].astype(str))


finite = st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(finite, st.floats(0, 1e6), st.floats(0, 1e6)), min_size=1, max_size=20),
       st.data())
def test_property_bounds_around_the_value_pass_and_a_swapped_one_is_named(rows, data):
    df = pd.DataFrame({"report": [f"r{i}" for i in range(len(rows))], "indicator": "i",
                       "value": [v for v, _, _ in rows], "lower": [v - d for v, d, _ in rows],
                       "upper": [v + u for v, _, u in rows]})
    validate_frame(df)  # lower ≤ value ≤ upper: valid, whatever the float noise
    k = data.draw(st.integers(0, len(rows) - 1))
    v, d, _ = rows[k]
    gap = max(1.0, abs(v) * 1e-6) + d
    bad = df.copy()
    bad.loc[k, "lower"] = v + gap  # now above its value
    assert _problems(validate_frame, bad) == [
        f"<input>: row {k + 1}: value {reportcheck.rules.base.fmt(v)} is outside its interval "
        f"[{reportcheck.rules.base.fmt(v + gap)}, {reportcheck.rules.base.fmt(v + rows[k][2])}] (lower, upper)"]


def test_rows_the_spec_does_not_know_are_said_once_with_the_likely_id():
    df = pd.DataFrame({"report": ["a", "a", "a"],
                       "indicator": ["enterprises.new.2O23", "enterprises.total.2023", "other.thing"],
                       "value": [351.0, 939.0, 1.0], "unit": ["家", "家", "个"]})
    result = reportcheck.check(df, str(SPEC))
    notes = [f for f in result.findings if f.id == "unknown-indicators"]
    assert len(notes) == 1 and notes[0].severity.value == "info"
    assert notes[0].message == ("2 rows name 2 indicators the spec does not have, left out: "
                                "enterprises.new.2O23 (did you mean enterprises.new.2023?), other.thing")
    known = pd.DataFrame({"report": ["a"], "indicator": ["enterprises.total.2023"], "value": [939.0]})
    assert not [f for f in reportcheck.check(known, str(SPEC)).findings if f.id == "unknown-indicators"]


def test_a_bare_magnitude_in_the_unit_column_is_the_indicators_unit_at_that_size():
    # 0.0939万 of an indicator in 家 is 939家: 351 new within it passes; 0.0300万 (300家) fails
    df = pd.DataFrame({"report": ["ok", "ok", "bad", "bad"],
                       "indicator": ["enterprises.new.2023", "enterprises.total.2023"] * 2,
                       "value": [351.0, 0.0939, 351.0, 0.03], "unit": ["家", "万", "家", "万"]})
    v = reportcheck.check(df, str(SPEC)).verdicts()
    got = dict(zip(v.loc[v["rule"] == "enterprises-new-within-total", "report"],
                   v.loc[v["rule"] == "enterprises-new-within-total", "verdict"].astype(str)))
    assert got == {"ok": "pass", "bad": "fail"}


def test_a_frame_without_its_columns_is_an_input_error_not_a_key_error():
    # found by tests/test_fuzz_inputs.py::test_fuzz_table_dataframe_api (a KeyError before)
    assert _problems(reportcheck.check, pd.DataFrame({"report": []}), str(SPEC)) == [
        "<input>: missing columns indicator, value (a table needs report, indicator, value and optionally unit)"]
    both = pd.DataFrame({"report": ["a"], "id": ["x"], "indicator": ["x"], "value": [1.0]})
    assert _problems(reportcheck.check, both, str(SPEC)) == [
        "<input>: both an id and an indicator column: keep the one that names the indicator"]


def test_an_indicator_table_from_bind_is_checked_with_its_missing_figures():
    from reportcheck.spec.bind import bind

    spec = reportcheck.load_spec(SPEC)
    table = bind(spec).table.copy()
    # a figure not found, as bind writes it: no value, no bounds
    table.loc[table["id"] == "enterprises.new.2023", ["value", "lower", "upper"]] = float("nan")
    result = reportcheck.check(table, spec)  # NaN is missing here, not a bad cell
    v = result.verdicts()
    assert v.loc[v["rule"] == "enterprises-new-within-total", "verdict"].astype(str).tolist() == ["n/a"]


def test_one_unknown_row_is_said_in_the_singular():
    df = pd.DataFrame({"report": ["a"], "indicator": ["enterprises.new.2O23"], "value": [351.0]})
    note = next(f for f in reportcheck.check(df, str(SPEC)).findings if f.id == "unknown-indicators")
    assert note.message.startswith("1 row names 1 indicator the spec does not have, left out: ")


def test_duplicate_rows_with_different_values_are_an_error_naming_both_rows(tmp_path):
    # issue 16: the last row used to win silently (a: 351 then 361 new enterprises)
    p = _csv(tmp_path, "a,enterprises.new.2023,351,家\n"
                       "a,enterprises.total.2023,939,家\n"
                       "a,enterprises.new.2023,361,家\n"
                       "b,enterprises.new.2023,351,家\n"
                       "b,enterprises.new.2023,0.0351,万\n"   # the same figure in another unit
                       "b,enterprises.total.2023,939,家\n", head="report,indicator,value,unit\n")
    result = reportcheck.check(p, str(SPEC))
    dup = [f for f in result.findings if f.check == "duplicate"]
    assert len(dup) == 1 and dup[0].severity.value == "error" and dup[0].category.value == "schema"
    assert dup[0].report == "a" and dup[0].id == "enterprises.new.2023"
    assert "line 2: 351 家; line 4: 361 家" in dup[0].message
    assert [f.value for f in dup[0].figures] == [351, 361]
    # neither row is read: the rule is not decided for report a; b's identical rows are silent
    v = result.verdicts()
    got = dict(zip(v.loc[v["rule"] == "enterprises-new-within-total", "report"],
                   v.loc[v["rule"] == "enterprises-new-within-total", "verdict"].astype(str)))
    assert got["b"] == "pass" and got["a"] != "pass" and got["a"] != "fail"
    assert result.errors == 1
    # a DataFrame names 1-based rows; three rows of one cell are all named
    df = pd.DataFrame({"report": ["a"] * 4,
                       "indicator": ["enterprises.new.2023"] * 3 + ["enterprises.total.2023"],
                       "value": [351.0, 352.0, 351.0, 939.0], "unit": ["家"] * 4})
    (f,) = [f for f in reportcheck.check(df, str(SPEC)).findings if f.check == "duplicate"]
    assert "row 1: 351 家; row 2: 352 家; row 3: 351 家" in f.message and len(f.figures) == 3


def test_the_command_line_exits_1_on_a_conflicting_duplicate(tmp_path):
    p = _csv(tmp_path, "a,enterprises.new.2023,351,家\na,enterprises.new.2023,361,家\n",
             head="report,indicator,value,unit\n")
    out = subprocess.run([sys.executable, "-m", "reportcheck", "check", str(SPEC), "--data", str(p),
                          "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 1
    assert '"check": "duplicate"' in out.stdout
