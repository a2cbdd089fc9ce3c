"""The engine: check() orchestration, the vectorised context, verdicts → severities, counting."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from conftest import JINING, SPECS
from reportcheck import engine
from reportcheck.findings import Category, Severity
from reportcheck.rules import vec
from rules_helpers import outcome, run, spec, table

SPEC = SPECS / "jining-2024.yaml"
needs_jining = pytest.mark.skipif(not SPEC.exists() or not JINING.exists(), reason="Jining spec missing")


def _norm(s):
    return s.replace("_", "-") if s else s


# -- the Jining report (acceptance) ----------------------------------------------------------
@needs_jining
def test_jining_unchanged_gdp_stretch_and_revenue():
    import reportcheck

    res = reportcheck.check(str(SPEC))
    consistency_errors = [f for f in res.findings if f.category is Category.CONSISTENCY and f.severity is Severity.ERROR]
    assert consistency_errors == []
    gdp = [f for f in res.findings if _norm(f.id) == "gdp-target-coherent"]
    assert len(gdp) == 1 and gdp[0].severity in (Severity.WARNING, Severity.INFO)
    msg = gdp[0].message
    assert "力争" in msg and "7.1" in msg and "%" in msg  # the implied growth range
    assert "5.5%" in msg
    assert not [f for f in res.findings if _norm(f.id) == "revenue-target-coherent"]
    assert res.checks > len(res.findings) and res.passed <= res.checks
    assert res.source and res.spec and res.text


@needs_jining
def test_jining_as_a_table_of_many_reports_has_report_and_no_positions():
    from reportcheck.spec.load import load_spec

    sp = load_spec(SPEC)
    inds = [i for i in sp.indicators if i.value is not None]
    rows = []
    for rep in ("jining-a", "jining-b"):
        for i in inds:
            v = float(i.value)
            if rep == "jining-b" and _norm(i.id) == "enterprises.new.2023":
                v = 3510.0
            rows.append({"report": rep, "indicator": i.id, "value": v, "unit": i.unit})
    res = engine.check(pd.DataFrame(rows), sp)
    errs = [f for f in res.findings if f.severity is Severity.ERROR]
    assert [f.report for f in errs] == ["jining-b"]
    f = errs[0]
    assert _norm(f.id) == "enterprises-new-within-total"
    assert all(r.report == "jining-b" and r.line is None and r.file is None for r in f.figures)
    assert f.to_dict()["report"] == "jining-b"
    assert "3510 may be 351" in f.suggestion
    df = res.to_dataframe()
    assert set(df["report"].dropna()) <= {"jining-a", "jining-b"}


# -- check() inputs -------------------------------------------------------------------------
IND = {"new": {"unit": "家", "name": "新培育"}, "total": {"unit": "家", "name": "总量"}}
RULES = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]


def test_check_table_requires_spec_and_accepts_indicator_column(tmp_path):
    from reportcheck.errors import InputError

    sp = spec(IND, RULES)
    df = pd.DataFrame({"report": ["a", "a", "b", "b"], "indicator": ["new", "total"] * 2,
                       "value": [351, 939, 951, 939], "unit": ["家"] * 4})
    res = engine.check(df, sp)
    assert outcome(res, "r", "a") == "pass" and outcome(res, "r", "b") == "error"
    assert res.checks == 2 and res.passed == 1
    with pytest.raises(InputError):
        engine.check(df)
    p = tmp_path / "t.csv"
    df.to_csv(p, index=False)
    res2 = engine.check(str(p), sp)
    assert [f.report for f in res2.findings] == ["b"]


def test_missing_indicator_is_not_applicable_and_not_counted():
    res = run(IND, RULES, {"a": {"new": 351}, "b": {"new": 351, "total": 939}})
    assert res.checks == 1 and res.passed == 1
    # not counted, but not silent either: one info says which reports could not be decided
    (f,) = res.findings
    assert f.category is Category.EXTRACTION and f.severity is Severity.INFO and "(e.g. a)" in f.message


def test_unit_that_cannot_convert_is_a_schema_finding():
    res = run(IND, RULES, {"a": {"new": {"value": 351, "unit": "亿元"}, "total": 939}})
    f = [f for f in res.findings if f.category is Category.SCHEMA]
    assert f and "cannot compare" in f[0].message and f[0].report == "a"
    assert outcome(res, "r", "a") == "pass"  # the rule is not applicable without a usable figure


def test_severity_override_and_caps():
    rules = [dict(RULES[0], severity="warning")]
    res = run(IND, rules, {"b": {"new": 951, "total": 939}})
    assert outcome(res, "r", "b") == "warning"
    rules = [dict(RULES[0], severity="info")]
    assert outcome(run(IND, rules, {"b": {"new": 951, "total": 939}}), "r", "b") == "info"


def test_spec_with_unknown_kind_or_bad_params_is_a_spec_error():
    from reportcheck.errors import SpecError

    with pytest.raises(SpecError, match="unknown rule kind"):
        run(IND, [{"id": "x", "kind": "nope"}], {"a": {"new": 1}})
    with pytest.raises(SpecError, match="unknown indicator"):
        run(IND, [{"id": "x", "kind": "part-of", "part": "new", "whole": "nothing"}], {"a": {"new": 1}})


# -- vectorisation and the float guard ------------------------------------------------------
def test_many_reports_at_once_match_one_by_one():
    rng = np.random.default_rng(1)
    n = 300
    totals = rng.integers(1, 5000, n)
    news = (totals * rng.uniform(0, 1.3, n)).round()
    reports = {f"r{k}": {"new": float(news[k]), "total": float(totals[k])} for k in range(n)}
    together = run(IND, RULES, reports, diagnose=False)
    for k in range(0, n, 37):
        alone = run(IND, RULES, {f"r{k}": reports[f"r{k}"]}, diagnose=False)
        assert outcome(alone, "r", f"r{k}") == outcome(together, "r", f"r{k}")
    expected_fail = int((news > totals).sum())
    assert together.errors == expected_fail
    assert together.checks == n and together.passed == n - expected_fail


def test_float_noise_never_decides_a_fail():
    ind = {"a": {"unit": "亿元"}, "b": {"unit": "亿元"}, "w": {"unit": "亿元"}}
    rules = [{"id": "r", "kind": "part-of", "part": ["a", "b"], "whole": "w", "exact": True},
             {"id": "e", "kind": "expression", "expr": "a + b <= w"}]
    res = run(ind, rules, {"x": {"a": 0.1, "b": 0.2, "w": 0.3}, "y": {"a": 1e15 + 0.1, "b": 0.2, "w": 1e15 + 0.3}})
    assert not res.findings


def test_guard_boundaries_in_vec():
    a = vec.IV.point([0.30000000000000004, 0.31], 2)
    b = vec.IV.point([0.3, 0.3], 2)
    assert list(a.le(b)) == [vec.PASS, vec.FAIL]
    assert list(a.eq(b)) == [vec.PASS, vec.FAIL]
    inf = vec.IV.make([1.0], [math.inf])
    assert list(inf.le(vec.IV.point([5.0], 1))) == [vec.UNDETERMINED]
    assert list(vec.IV.make([6.0], [math.inf]).le(vec.IV.point([5.0], 1))) == [vec.FAIL]
    # 0 × ∞ = 0; division by an interval containing zero says nothing
    z = vec.IV.point([0.0], 1) * inf
    assert z.lo[0] == 0 and z.hi[0] == 0
    d = vec.IV.point([1.0], 1) / vec.IV.make([-1.0], [1.0])
    assert d.lo[0] == -math.inf and d.hi[0] == math.inf
    d = vec.IV.point([0.0], 1) / vec.IV.make([-1.0], [1.0])  # as the exact Interval: nothing known
    assert d.lo[0] == -math.inf and d.hi[0] == math.inf


def test_context_pivots_once_and_converts_units():
    sp = spec({"x": {"unit": "亿元"}, "y": {"unit": "%"}}, [])
    df = table(sp, {"a": {"x": {"value": 5600, "unit": "万元"}, "y": 5}, "b": {"x": 3}, "c": {"y": 7}})
    ctx, problems = engine.build_context(df, engine.spec_indicators(sp), ["x", "y", "z"])
    assert not problems and ctx.n == 3
    assert ctx.iv("x").lo.tolist()[:2] == [0.56, 3.0] and math.isnan(ctx.iv("x").lo[2])
    assert ctx.present("y").tolist() == [True, False, True]
    assert not ctx.present("z").any()  # an id no row has
    assert ctx.iv("x", "万元").lo[1] == pytest.approx(30000)
    t = ctx.tight("y")  # points stay points
    assert t.lo.tolist()[0] == 5.0


def test_just_passed_reading():
    sp = spec({"s": {"unit": "%"}, "n": {"unit": "万个"}}, [])
    df = table(sp, {"a": {"s": (95.0, math.inf), "n": (1.6, math.inf, False, False)}})
    ctx, _ = engine.build_context(df, engine.spec_indicators(sp))
    assert ctx.tight("s").hi[0] == pytest.approx(96.0)
    assert ctx.tight("n").hi[0] == pytest.approx(1.76)
    assert ctx.iv("n").hi[0] == math.inf


def test_findings_carry_rationale_and_verdict_and_rules_list():
    rules = [dict(RULES[0], rationale="新增计入总量")]
    res = run(IND, rules, {"a": {"new": 951, "total": 939}, "b": {"new": 1, "total": 2}})
    f = res.findings[0]
    assert f.rationale == "新增计入总量" and f.verdict == "fail" and f.check == "part-of"
    assert sorted(res.rules) == [("r", "part-of", "a"), ("r", "part-of", "b")]


@needs_jining
def test_result_carries_bound_figures_as_pairs_for_reporters():
    import reportcheck

    res = reportcheck.check(str(SPEC))
    assert res.figures and all(isinstance(i, str) and hasattr(f, "line") for i, f in res.figures)
    assert res.rules and all(r[2] is None for r in res.rules)


@needs_jining
def test_an_impossible_stretch_target_is_a_warning_never_an_error():
    from reportcheck import check

    draft = JINING.read_text(encoding="utf-8").replace("力争突破**6000**亿元", "力争突破**60000**亿元")
    res = check(str(SPEC), text=draft, file="draft.md")
    gdp = [f for f in res.findings if _norm(f.id) == "gdp-target-coherent"]
    assert len(gdp) == 1 and gdp[0].severity is Severity.WARNING
    assert "力争" in gdp[0].message and "%" in gdp[0].message
    assert gdp[0].figures[0].line == 87


def test_a_table_with_positions_keeps_them_and_the_report():
    sp = spec(IND, RULES)
    df = table(sp, {"a": {"new": 951, "total": 939}})
    df["file"], df["line"], df["column"], df["end_line"], df["end_column"] = "a.md", [3, 4], [5, 6], [3, 4], [9, 10]
    f = engine.check(df, sp).findings[0]
    assert [(r.report, r.file, r.line, r.column) for r in f.figures] == [("a", "a.md", 3, 5), ("a", "a.md", 4, 6)]


def test_diagnosis_cap_is_reported_not_silent():
    sp = spec(IND, RULES)
    df = table(sp, {f"r{k}": {"new": 951, "total": 939} for k in range(5)})
    info = engine.spec_indicators(sp)
    rules = engine.compile_rules(sp, info)
    ctx, _ = engine.build_context(df, info, data_mode=True)
    res = engine.evaluate(rules, ctx, max_diagnosed=2)
    assert sum(1 for f in res.findings if f.suggestion) == 2
    capped = [f for f in res.findings if f.id == "diagnosis"]
    assert len(capped) == 1 and "first 2 of 5" in capped[0].message and capped[0].severity is Severity.INFO


def test_table_rule_without_its_figures_is_said_not_skipped():
    # a report of a --data table that lacks a rule's indicator gets one info finding per rule
    import pandas as pd

    import reportcheck
    from reportcheck.spec.bind import bind

    spec = reportcheck.load_spec(SPECS / "jining-2024.yaml")
    one = bind(spec).table[["id", "value", "unit"]].rename(columns={"id": "indicator"})
    df = pd.concat([one.assign(report=r) for r in ("A", "B", "C")])
    df = df[~((df.report == "B") & (df.indicator == "enterprises.total.2023"))]
    res = reportcheck.check(df, spec)
    missing = [f for f in res.findings if f.category.value == "extraction"]
    assert [f.id for f in missing] == ["enterprises-new-within-total"]
    assert missing[0].severity.value == "info"
    assert "1 of 3 reports" in missing[0].message and "enterprises.total.2023" in missing[0].message
    assert "(e.g. B)" in missing[0].message
