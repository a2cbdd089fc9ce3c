"""Findings over a table are decided at once and written out when first read.

``check(table, spec)`` returns a Result whose counts and ``verdicts()`` come from
the engine's arrays; the Finding objects are made when ``result.findings`` is
first read. These tests pin that the lazy result says exactly what an eager one
would: the same counts, the same findings in the same order, the same verdicts.
"""

from __future__ import annotations

import pickle
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_corpus  # noqa: E402

import reportcheck  # noqa: E402
from reportcheck.findings import Result, Severity, merge  # noqa: E402


@pytest.fixture(scope="module")
def spec():
    return make_corpus.load()


@pytest.fixture(scope="module")
def corpus(spec):
    return make_corpus.make_corpus(spec, 60, seed=11, slip_rate=0.5)


def _key(f):
    return (f.id, f.check, f.category.value, f.severity.value, f.verdict, f.report, f.message, f.suggestion,
            tuple(tuple(sorted(r.to_dict().items(), key=str)) for r in f.figures))


def test_check_decides_everything_but_writes_no_finding_yet(corpus, spec):
    result = reportcheck.check(corpus, spec)
    assert not result.materialised
    summary = result.summary()  # counting must not write the findings out
    assert not result.materialised
    assert summary["errors"] + summary["warnings"] + summary["infos"] > 0
    findings = result.findings
    assert result.materialised
    assert result.findings is findings  # written once, then the same list
    counted = Counter(f.severity for f in findings)
    assert summary == {"checks": result.checks, "passed": result.passed, "errors": counted[Severity.ERROR],
                       "warnings": counted[Severity.WARNING], "infos": counted[Severity.INFO], "waived": 0}


def test_lazy_findings_are_the_eager_ones_in_the_same_order(corpus, spec):
    lazy = reportcheck.check(corpus, spec)
    eager = reportcheck.check(corpus, spec)
    _ = eager.findings  # written at once
    again = reportcheck.check(corpus, spec)
    assert [_key(f) for f in lazy.findings] == [_key(f) for f in eager.findings] == \
        [_key(f) for f in again.findings]
    # a change made to the written list stays (reporters and users may append)
    lazy.findings.append(lazy.findings[0])
    assert len(lazy.findings) == len(eager.findings) + 1


def test_verdicts_match_the_findings(corpus, spec):
    result = reportcheck.check(corpus, spec, diagnose=False)
    v = result.verdicts()
    assert not result.materialised  # verdicts come from the arrays
    assert list(v.columns) == ["report", "rule", "check", "verdict", "severity"]
    n_reports = corpus["report"].nunique()
    assert len(v) == n_reports * len(spec.rules)
    assert set(v["verdict"].astype(str)) <= {"pass", "fail", "warn", "undetermined", "n/a"}
    # pass and n/a give no finding, every other verdict exactly one, with that severity
    noisy = v[~v["verdict"].isin(["pass", "n/a"])]
    assert noisy["severity"].notna().all()
    assert v[v["verdict"].isin(["pass", "n/a"])]["severity"].isna().all()
    from_v = Counter(zip(noisy["report"], noisy["rule"].astype(str), noisy["verdict"].astype(str),
                         noisy["severity"].astype(str)))
    from_f = Counter((f.report, f.id, f.verdict, f.severity.value) for f in result.findings
                     if f.category.value == "consistency")
    assert from_v == from_f
    # checks counts the applicable decisions, passed the passing ones
    assert int((v["verdict"] != "n/a").sum()) == result.checks
    assert int((v["verdict"] == "pass").sum()) == result.passed


def test_verdicts_of_a_document_have_no_report_label():
    result = reportcheck.check(str(ROOT / "specs" / "jining-2024.yaml"))
    v = result.verdicts()
    assert v["report"].isna().all()
    assert set(v["rule"].astype(str)) == {r[0] for r in result.rules} | set(
        v.loc[v["verdict"] == "n/a", "rule"].astype(str))
    assert (v["verdict"] == "fail").sum() == 0  # the report as published is consistent


def test_an_empty_result_has_an_empty_verdict_table():
    v = Result().verdicts()
    assert list(v.columns) == ["report", "rule", "check", "verdict", "severity"] and v.empty


def test_a_result_crosses_processes_whole(corpus, spec):
    result = reportcheck.check(corpus, spec)
    back = pickle.loads(pickle.dumps(result))
    assert [_key(f) for f in back.findings] == [_key(f) for f in result.findings]
    assert back.rules == result.rules
    pd.testing.assert_frame_equal(back.verdicts(), result.verdicts())


def test_merge_keeps_lazy_parts_lazy_and_in_order(corpus, spec):
    reports = pd.unique(corpus["report"])
    a = reportcheck.check(corpus[corpus["report"].isin(reports[:30])], spec)
    b = reportcheck.check(corpus[corpus["report"].isin(reports[30:])], spec)
    m = merge([a, b])
    assert not m.materialised
    assert m.summary()["errors"] == a.errors + b.errors
    assert [_key(f) for f in m.findings] == [_key(f) for f in a.findings] + [_key(f) for f in b.findings]
    assert len(m.verdicts()) == len(a.verdicts()) + len(b.verdicts())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), rate=st.sampled_from([0.0, 0.2, 0.9]), n=st.integers(1, 12))
def test_property_counts_before_and_after_writing_agree(spec, seed, rate, n):
    corpus = make_corpus.make_corpus(spec, n, seed=seed, slip_rate=rate)
    result = reportcheck.check(corpus, spec, diagnose=bool(seed % 2))
    before = result.summary()
    v = result.verdicts()
    counted = Counter(f.severity.value for f in result.findings)
    assert before == result.summary()
    assert before["errors"] == counted["error"]
    assert before["warnings"] == counted["warning"]
    assert before["infos"] == counted["info"]
    rule_findings = Counter(f.severity.value for f in result.findings if f.category.value == "consistency"
                            and f.id != "diagnosis")
    assert Counter(v["severity"].dropna().astype(str)) == rule_findings


def _one_report_severity(sev: Severity, st: int, stretch: bool) -> Severity:
    """docs/rules.md "Verdicts and severities", one report at a time (the test's own oracle)."""
    from reportcheck import engine

    if st == engine.ST_FAIL:
        return Severity.WARNING if stretch and sev is Severity.ERROR else sev
    if st == engine.ST_TIGHT:
        return Severity.WARNING if sev is Severity.ERROR else sev
    return Severity.INFO


def test_severity_codes_are_the_per_report_rule(spec):
    """The vectorised severities equal the one-report definition everywhere."""
    import numpy as np

    corpus = make_corpus.make_corpus(spec, 200, seed=3, slip_rate=0.9)  # has stretch failures

    from reportcheck import engine

    info = engine.spec_indicators(spec)
    rules = engine.compile_rules(spec, info)
    ids = list(dict.fromkeys(i for r in rules for i in r.references))
    ctx, _ = engine.build_context(corpus, info, ids, data_mode=True)
    seen = Counter()
    for run in engine.run_rules(rules, ctx):
        codes = engine.severity_codes(run.rule, run.outcome, run.status)
        stretch = run.outcome.stretch if run.outcome.stretch is not None else np.zeros(ctx.n, dtype=bool)
        for r in range(ctx.n):
            st = int(run.status[r])
            if st in (engine.ST_PASS, engine.ST_NA):
                assert codes[r] == -1
                continue
            want = _one_report_severity(run.rule.severity, st, bool(stretch[r]))
            assert engine.SEVERITIES[codes[r]] is want, (run.rule.id, r, st)
            seen[(st, bool(stretch[r]), want)] += 1
    # the corpus exercises a stretch failure demoted to a warning, and plain errors
    assert any(st == engine.ST_FAIL and s and w is Severity.WARNING for st, s, w in seen)
    assert any(w is Severity.ERROR for *_, w in seen)


def test_writing_the_findings_frees_the_table_arrays(corpus, spec):
    """A Result kept after its findings are read holds no pivoted table, no rule closures."""
    import gc
    import weakref

    result = reportcheck.check(corpus, spec)
    evaluation = result._verdict_parts[0].__self__  # noqa: SLF001 - the engine's lazy part
    ctx = weakref.ref(evaluation.ctx)
    n_verdicts = len(result.verdicts())
    _ = result.findings
    gc.collect()
    assert ctx() is None
    assert len(result.verdicts()) == n_verdicts and result.rules  # still answer after
    fresh = reportcheck.check(corpus, spec)
    twice = merge([fresh, fresh])  # the same lazy part twice: written once, listed twice
    assert len(twice.findings) == 2 * len(result.findings)
    assert [_key(f) for f in fresh.findings] == [_key(f) for f in result.findings]
