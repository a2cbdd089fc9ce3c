"""The corpus benchmark compares like with like: reportcheck, the naive pint loop and the
pandera schema find the same failing (report, rule) pairs on a generated corpus.

No timing here (benchmarks/corpus_speed.py measures speed); only agreement.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import baselines  # noqa: E402
import make_corpus  # noqa: E402

import reportcheck  # noqa: E402


@pytest.fixture(scope="module")
def spec():
    return make_corpus.load()


@pytest.fixture(scope="module", params=[(50, 2024, 0.3), (80, 7, 0.6)], ids=["50-reports", "80-reports-many-slips"])
def corpus(request, spec):
    n, seed, rate = request.param
    return make_corpus.make_corpus(spec, n, seed=seed, slip_rate=rate)


@pytest.fixture(scope="module")
def found(corpus, spec):
    result = reportcheck.check(corpus, spec, diagnose=False)
    return {
        "reportcheck": baselines.reportcheck_failures(result),
        "verdicts": baselines.reportcheck_verdict_failures(reportcheck.check(corpus, spec)),
        "naive": baselines.naive_failures(corpus, spec),
        "pandera": baselines.pandera_failures(corpus, spec),
    }


def test_the_corpus_has_the_expected_shape(corpus, spec):
    assert list(corpus.columns) == ["report", "indicator", "value", "unit"]
    n_reports = corpus["report"].nunique()
    assert n_reports in (50, 80)
    # nearly every report carries every indicator (a few rows are dropped on purpose)
    assert len(corpus) > 0.95 * n_reports * len(spec.indicators)


def test_some_rules_fail_and_of_several_kinds(found, spec):
    fails = found["reportcheck"]
    kinds = {r.id: r.kind for r in spec.rules}
    assert len(fails) >= 5
    assert len({kinds[rid] for _, rid in fails}) >= 4


def test_verdicts_table_agrees_with_the_findings(found):
    """The benchmark's headline reads Result.verdicts(); it must name the same failures."""
    assert found["verdicts"] == found["reportcheck"]


def test_naive_baseline_agrees_with_reportcheck(found):
    assert found["naive"] == found["reportcheck"]


def test_pandera_baseline_agrees_with_reportcheck(found):
    assert found["pandera"] == found["reportcheck"]


def test_a_corpus_without_slips_fails_no_rule_in_any_implementation(spec):
    # city sizes, rounding and growth noise alone break no rule (the slips are what fail)
    clean = make_corpus.make_corpus(spec, 60, seed=1, slip_rate=0.0)
    result = reportcheck.check(clean, spec, diagnose=False)
    assert baselines.reportcheck_failures(result) == set()
    assert baselines.naive_failures(clean, spec) == set()
    assert baselines.pandera_failures(clean, spec) == set()


def test_the_generator_is_seeded(spec):
    a = make_corpus.make_corpus(spec, 20, seed=5)
    b = make_corpus.make_corpus(spec, 20, seed=5)
    assert a.equals(b)


@pytest.mark.parametrize("block", [1, 7, 1000])
def test_the_pivot_read_block_by_block_decides_the_same(corpus, spec, monkeypatch, block):
    # build_context reads the rows in blocks (engine/pivot.py _BLOCK): any block size gives
    # the same verdicts and findings, duplicates split across blocks included
    import pandas as pd

    from reportcheck.engine import pivot

    read = corpus.index[corpus["indicator"].isin(["enterprises.new.2023", "gdp.2023"])]
    dup = pd.concat([corpus, corpus.loc[read[[1, 30]]].assign(value=lambda d: d["value"] + 1),
                     corpus.loc[read[[50]]]], ignore_index=True)  # two conflicts, one harmless repeat
    want = reportcheck.check(dup, spec)
    monkeypatch.setattr(pivot, "_BLOCK", block)
    got = reportcheck.check(dup, spec)
    assert got.verdicts().equals(want.verdicts())
    assert [f.to_dict() for f in got.findings] == [f.to_dict() for f in want.findings]
    assert len([f for f in got.findings if f.check == "duplicate"]) == 2
