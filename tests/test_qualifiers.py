"""The one qualifier policy (quantities/qualifiers.txt): whole words, longest first; the scalar and
the vectorised API agree; blank qualifier cells of a --data table (CSV, Parquet, pandas string dtype)."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportcheck import engine
from reportcheck.findings import Severity
from reportcheck.quantities import qualifiers as q
from reportcheck.quantities.numerals import parse_number
from rules_helpers import spec

ALL_WORDS = sorted(q.WORDS)


def test_every_line_of_the_table_is_read():
    assert len(q.WORDS) > 60
    for w, info in q.WORDS.items():
        assert info.word == w
        assert (info.closed is None) == (info.bound not in ("lower", "upper", "more", "band"))
        if info.bound in ("lower", "upper", "more"):
            assert info.milestone, w  # every one-sided bound has the just-passed reading
    assert q.QUALIFIERS["近"] == q.Role.UPPER  # 近 is closed
    assert q.QUALIFIERS["左右"] == q.Role.BAND and q.QUALIFIERS["多"] == q.Role.MORE
    assert set(q.DECLINE_WORDS).isdisjoint(q.QUALIFIERS)
    assert q.PREFIX_WORDS == tuple(sorted(q.PREFIX_WORDS, key=len, reverse=True))


@pytest.mark.parametrize("text, words", [
    ("不超过", ("不超过",)), ("不高于", ("不高于",)), ("超过", ("超过",)), ("力争+突破", ("力争", "突破")),
    ("力争突破", ("力争", "突破")), ("以上", ("以上",)), ("", ()), (None, ()), (float("nan"), ()),
    (pd.NA, ()), ("左右", ("左右",)), ("达到了", ("达到了",)), ("xyz", ()),
])
def test_whole_words_longest_first(text, words):
    assert q.words_of(text) == words


def test_no_word_reads_as_a_shorter_word_inside_it():
    # every word of the policy is read as itself, never as a shorter word it contains
    for w in q.WORDS:
        assert q.words_of(w) == (w,), w


@pytest.mark.parametrize("value, qual, expect", [
    (5.5, "不超过", "(-∞, 5.5]"), (5.5, "不高于", "(-∞, 5.5]"), (5.5, "超过", "(5.5, ∞)"),
    (5100, "多", "(5100, 5200)"), (10, "余", "(10, 20)"), (7, "左右", "[6.5, 7.5]"),
    (5000, "约", "[4750, 5250]"), (3, "近", "(-∞, 3]"), (3, "不到", "(-∞, 3)"), (6.1, "以上", "[6.1, ∞)"),
    (6000, "力争+突破", "(6000, ∞)"), (5, "达到", "[5, 5]"), (5, None, "[5, 5]"),
])
def test_value_interval(value, qual, expect):
    assert str(q.value_interval(value, qual)) == expect


def _vec(values, quals):
    return q.qualifier_bounds(np.asarray(values, dtype=float), quals)


def _same(iv, arrs, i):
    assert float(iv.lower) == arrs.lower[i] and float(iv.upper) == arrs.upper[i]
    assert iv.lower_closed == bool(arrs.lower_closed[i]) and iv.upper_closed == bool(arrs.upper_closed[i])


numbers = st.one_of(
    st.integers(-10**9, 10**9).map(float),
    st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False, allow_infinity=False).map(float),
)
qualifier_cells = st.one_of(
    st.none(), st.just(""), st.sampled_from(ALL_WORDS),
    st.lists(st.sampled_from(ALL_WORDS), min_size=2, max_size=3).map("+".join),
    st.lists(st.sampled_from(ALL_WORDS), min_size=2, max_size=2).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(numbers, qualifier_cells), min_size=1, max_size=12))
def test_scalar_and_vectorised_apis_agree(rows):
    values = [v for v, _ in rows]
    quals = [c for _, c in rows]
    arrs = _vec(values, np.array(quals, dtype=object))
    for i, (v, c) in enumerate(rows):
        _same(q.value_interval(v, c), arrs, i)
        words = q.words_of(c)
        assert bool(arrs.stretch[i]) == any(q.WORDS[w].bound == "stretch" for w in words)
        assert bool(arrs.decline[i]) == any(q.WORDS[w].bound == "decline" for w in words)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(q.QUALIFIERS)), st.integers(1, 10**6), st.integers(0, 2))
def test_a_table_value_reads_as_the_same_written_number(word, digits, places):
    # value_interval(v) is apply_qualifiers on the number as written, without rounding
    text = str(Decimal(digits).scaleb(-places))
    exact = q.apply_qualifiers(parse_number(text), [word], exact=True)
    assert q.value_interval(float(text), word) == exact
    # and the written figure is always inside the interval its words give (or on its open end)
    iv = q.apply_qualifiers(parse_number(text), [word])
    v = Decimal(text)
    assert iv.contains(v) or v in (iv.lower, iv.upper)


@pytest.mark.parametrize("make", [
    lambda xs: np.array(xs, dtype=object),
    lambda xs: pd.Series(xs, dtype="string"),
    lambda xs: pd.Series(xs, dtype=object),
    lambda xs: pd.array(xs, dtype="string[pyarrow]"),
])
def test_blank_and_na_cells(make):
    arrs = _vec([1.0, 2.0, 3.0, 4.0], make(["以上", None, "", "不超过"]))
    assert list(arrs.lower) == [1.0, 2.0, 3.0, -math.inf]
    assert list(arrs.upper) == [math.inf, 2.0, 3.0, 4.0]


# -- the engine on --data tables ------------------------------------------------------------------
def _growth_spec():
    return spec({"g": {"unit": "%", "kind": "growth"}}, [{"id": "cap", "kind": "expression", "expr": "g <= 5.4%"}])


def _check(df):
    return engine.check(df, _growth_spec())


def _severity(res, rule="cap"):
    found = [f for f in res.findings if f.id == rule]
    return found[0].severity if found else None


def test_not_exceeding_is_an_upper_bound_not_a_lower_one():
    """Regression: 不超过5.5% was read as 超过 (a lower bound) and gave a false ERROR against ≤ 5.4 %."""
    df = pd.DataFrame({"report": ["a", "b", "c"], "indicator": ["g"] * 3, "value": [5.5, 5.5, 5.5],
                       "unit": ["%"] * 3, "qualifier": ["不超过", "不高于", "超过"]})
    res = _check(df)
    by_report = {f.report: f.severity for f in res.findings if f.id == "cap"}
    assert by_report.get("a") in (None, Severity.INFO) and by_report.get("b") in (None, Severity.INFO)
    assert by_report["c"] is Severity.ERROR  # 超过5.5% really breaks ≤ 5.4 %
    assert by_report.get("a") is Severity.INFO  # undetermined: it may or may not hold


def _blank_rows():
    return pd.DataFrame({"report": ["a", "a", "b"], "indicator": ["g", "g2", "g"], "value": [5.0, 1.0, 6.0],
                         "unit": ["%", "%", "%"], "qualifier": ["", "达到", None]})


def test_blank_qualifier_cell_in_a_csv(tmp_path):
    from reportcheck.table import load_table

    p = tmp_path / "t.csv"
    p.write_text("report,indicator,value,unit,qualifier\na,g,5.0,%,\nb,g,6.0,%,达到\n", encoding="utf-8")
    res = _check(load_table(p))
    assert {f.report: f.severity for f in res.findings if f.id == "cap"} == {"b": Severity.ERROR}


def test_blank_qualifier_cell_in_parquet(tmp_path):
    pytest.importorskip("pyarrow")
    from reportcheck.table import load_table

    p = tmp_path / "t.parquet"
    _blank_rows().astype({"qualifier": "string"}).to_parquet(p)  # read back with pd.NA cells
    res = _check(load_table(p))
    assert {f.report: f.severity for f in res.findings if f.id == "cap"} == {"b": Severity.ERROR}


def test_blank_qualifier_cell_in_a_string_dtype_column():
    df = _blank_rows().astype({"qualifier": "string"})
    res = _check(df)
    assert {f.report: f.severity for f in res.findings if f.id == "cap"} == {"b": Severity.ERROR}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_blank_qualifier_cell_on_the_command_line(tmp_path, fmt):
    """Regression (#16): internal error "boolean value of NA is ambiguous" on a blank cell."""
    import subprocess
    import sys

    from conftest import SPECS

    p = tmp_path / "q.csv"
    p.write_text("report,indicator,value,unit,qualifier\na,enterprises.new.2023,351,家,\n"
                 "a,enterprises.total.2023,939,家,达到\n", encoding="utf-8")
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
        p = tmp_path / "q.parquet"
        pd.read_csv(tmp_path / "q.csv").to_parquet(p)
    out = subprocess.run([sys.executable, "-m", "reportcheck", "check", str(SPECS / "jining-2024.yaml"),
                          "--data", str(p)], capture_output=True, text=True, timeout=120)
    assert out.returncode in (0, 1), out.stderr
    assert "internal error" not in out.stderr and "Traceback" not in out.stderr
