"""One slip, one finding: findings that accuse the same figure are merged (reportcheck.grouping).

Properties (hypothesis): grouping is idempotent, never loses a rule, the worst severity
wins, each group holds findings of one figure; and the real cases of issue 16 — 97% → 107%
(fidelity, share range, schema: one finding) and 351 → 951家 (fidelity and part-of).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import JINING, SPECS
from reportcheck.findings import Category, FigureRef, Finding, Result, Severity
from reportcheck.grouping import accused_figure, group, group_key, members, ungroup
from reportcheck.report import render

SPEC = SPECS / "jining-2024.yaml"
needs_jining = pytest.mark.skipif(not SPEC.exists() or not JINING.exists(), reason="Jining spec missing")

# --- a small world of figures and findings ------------------------------------------------------

FIGS = [
    FigureRef("a", "107%", 107, "%", "d.md", 4, 10, 4, 14),
    FigureRef("b", "951家", 951, "家", "d.md", 6, 3, 6, 7),
    FigureRef("c", "939家", 939, "家", "d.md", 6, 12, 6, 16),
    FigureRef("r", "120%", 120, "%", "t.csv", report="x"),  # a table row: no position
]
CHECKS = [("fidelity", Category.FIDELITY), ("share-range", Category.CONSISTENCY),
          ("part-of", Category.CONSISTENCY), ("schema", Category.SCHEMA), ("extraction", Category.EXTRACTION)]


@st.composite
def findings(draw):
    check, cat = draw(st.sampled_from(CHECKS))
    figs = tuple(draw(st.lists(st.sampled_from(FIGS), min_size=0, max_size=3, unique=True)))
    accused = draw(st.sampled_from([None, *(g.indicator for g in figs)]))
    return Finding(
        id=draw(st.sampled_from(["r1", "r2", "a", "b"])), check=check, category=cat,
        severity=draw(st.sampled_from(list(Severity))), message=draw(st.sampled_from(["m1", "m2"])),
        figures=figs, suggestion=draw(st.sampled_from([None, "s1", "the source has 97%"])),
        accused=accused, report=draw(st.sampled_from([None, "x"])))


def _rules(fs):
    return Counter((m.id, m.check, m.category, m.message, m.report) for m in ungroup(fs))


@given(st.lists(findings(), max_size=12))
def test_grouping_is_idempotent(fs):
    once = group(fs)
    assert group(once) == once


@given(st.lists(findings(), max_size=12))
def test_grouping_never_loses_a_rule(fs):
    assert _rules(group(fs)) == _rules(fs)


@given(st.lists(findings(), max_size=12))
def test_worst_severity_wins_and_each_group_is_one_figure(fs):
    for g in group(fs):
        ms = members(g)
        assert g.severity.rank == max(m.severity.rank for m in ms)
        if len(ms) > 1:
            keys = {group_key(m) for m in ms}
            assert len(keys) == 1 and None not in keys
            assert accused_figure(g) is not None and g.figures[0] == accused_figure(g)
            # one suggestion: a fidelity finding's before any other
            fid = [m.suggestion for m in ms if m.category is Category.FIDELITY and m.suggestion]
            assert g.suggestion == (fid[0] if fid else next((m.suggestion for m in ms if m.suggestion), None))


@given(st.lists(findings(), max_size=12))
def test_distinct_groups_accuse_distinct_figures(fs):
    keys = [group_key(g) for g in group(fs) if group_key(g) is not None]
    assert len(keys) == len(set(keys))


def test_a_finding_of_several_figures_without_an_accused_one_stays_alone():
    a, b = FIGS[1], FIGS[2]
    rel = Finding("r", "part-of", Category.CONSISTENCY, Severity.ERROR, "951 > 939", (a, b))
    fid = Finding("b", "fidelity", Category.FIDELITY, Severity.ERROR, "differs", (a,), suggestion="the source has 351家")
    assert group([rel, fid]) == [rel, fid]
    merged = group([Finding("r", "part-of", Category.CONSISTENCY, Severity.ERROR, "951 > 939", (a, b),
                            suggestion="951 may be 351", accused="b"), fid])
    assert len(merged) == 1 and merged[0].check == "fidelity" and merged[0].also[0].check == "part-of"
    assert merged[0].suggestion == "the source has 351家"
    assert merged[0].figures == (a, b)  # the accused figure first, then the whole it was compared with


# --- the real cases -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def share_draft():
    import reportcheck

    text = JINING.read_text(encoding="utf-8")
    return reportcheck.check(str(SPEC), text=text.replace("**97%**", "**107%**", 1), file="draft.md")


@needs_jining
def test_one_slip_one_finding_in_every_format(share_draft):
    # the engine's findings stay one per rule (a pipeline filters them); every reporter groups
    assert sorted(f.check for f in share_draft.findings if f.severity is Severity.ERROR) == \
        ["fidelity", "schema", "share-range"]
    obj = json.loads(render("json", [share_draft]))
    errors = [f for f in obj["findings"] if f["severity"] == "error"]
    assert obj["summary"]["errors"] == len(errors) == 1
    (f,) = errors
    assert f["check"] == "fidelity" and f["suggestion"] == "the source has 97%以上"
    assert sorted(a["check"] for a in f["also"]) == ["schema", "share-range"]
    assert all(len(a["fingerprint"]) == 16 for a in f["also"])
    sarif = json.loads(render("sarif", [share_draft]))
    assert sum(r["level"] == "error" for r in sarif["runs"][0]["results"]) == 1
    root = ET.fromstring(render("junit", [share_draft]))
    assert root.get("failures") == "1" and int(root.get("tests")) == share_draft.checks
    gh = render("github", [share_draft])
    assert gh.count("::error ") == 1 and "also share-range" in gh
    html = render("html", [share_draft])
    assert html.count('class="finding sev-error') == 1 and html.count('<span class="also">') == 2
    text = render("text", [share_draft])
    assert "1 failed" in text and "also: error[share-range]" in text and "error[schema]" in text
    assert "107 may be 10.7" not in text  # the source's value, not a decimal slip


@needs_jining
def test_three_slips_three_findings():
    import reportcheck

    text = JINING.read_text(encoding="utf-8")
    for a, b in (("**97%**", "**107%**"), ("瞪羚企业**351**家", "瞪羚企业**951**家"), ("**95%**", "**105%**")):
        assert a in text
        text = text.replace(a, b, 1)
    result = reportcheck.check(str(SPEC), text=text, file="draft.md")
    raw = [f for f in result.findings if f.severity is Severity.ERROR]
    assert len(raw) >= 7  # what issue 16 saw: seven errors for three slips
    obj = json.loads(render("json", [result]))
    errors = [f for f in obj["findings"] if f["severity"] == "error"]
    assert len(errors) == 3
    assert {f["figures"][0]["text"] for f in errors} == {"107%", "951家", "105%"}
    assert all(f["suggestion"].startswith("the source has") for f in errors)
