import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from reportcheck import rules
from rules_helpers import outcome, run

INF = math.inf
KIND = rules.get("part-of")

IND = {"new": {"unit": "家", "name": "新培育企业"}, "total": {"unit": "家", "name": "总量"}}
RULE = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]


def test_part_within_whole_passes_and_larger_part_fails():
    res = run(IND, RULE, {"ok": {"new": 351, "total": 939}, "bad": {"new": 3510, "total": 939},
                          "edge": {"new": 939, "total": 939}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "edge") == "pass"  # equal is allowed
    assert outcome(res, "r", "bad") == "error"
    f = next(f for f in res.findings if f.report == "bad")
    assert "exceeds" in f.message and "3510家" in f.message and "939家" in f.message
    assert {r.indicator for r in f.figures} == {"new", "total"}
    assert res.checks == 3 and res.passed == 2


def test_units_are_converted_before_comparing():
    ind = {"pv": {"unit": "GW"}, "cap": {"unit": "万千瓦"}}
    rule = [{"id": "r", "kind": "part-of", "part": "pv", "whole": "cap"}]
    res = run(ind, rule, {"ok": {"pv": 1.1, "cap": 580}, "bad": {"pv": 11, "cap": 580},
                          "edge": {"pv": 5.8, "cap": 580}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "edge") == "pass"  # 5.8GW == 580万千瓦, float noise must not fail it
    assert outcome(res, "r", "bad") == "error"


def test_rounding_overlap_is_undetermined_info_not_error():
    # 4.9万 is [4.85万, 4.95万]; a whole of 4.9万 written as [4.88, 4.92] overlaps
    res = run(IND, RULE, {"x": {"new": (4.85, 4.95), "total": (4.88, 4.92)}})
    assert outcome(res, "r", "x") == "info"


def test_open_whole_fails_only_under_just_passed_reading():
    # 总量突破1.6万 (open above): 1.7万 new is within the milestone convention (at most
    # 3.2万) but not if the total just passed 1.6万 (at most 1.76万)
    ind = {"new": {"unit": "个"}, "total": {"unit": "万个", "qualifier": "突破"}}
    rule = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]
    res = run(ind, rule, {"ok": {"new": 1500, "total": (1.6, INF, False, False)},
                          "warn": {"new": 17700, "total": (1.6, INF, False, False)},
                          "edge": {"new": 32000, "total": (1.6, INF, False, False)}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "warn") == "warning"
    assert "just passed" in next(f.message for f in res.findings if f.report == "warn")
    assert outcome(res, "r", "edge") == "warning"  # exactly twice the milestone is still allowed


def test_part_beyond_twice_an_open_whole_is_an_error():
    # DESIGN's JSON example: 新培育高新技术企业 4000家 against 总量突破1800家 is an error —
    # a report with a total above 3600 would not write 突破1800
    ind = {"new": {"unit": "家"}, "total": {"unit": "家", "qualifier": "突破"}}
    rule = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]
    res = run(ind, rule, {"slip": {"new": 4000, "total": (1800, INF, False, False)},
                          "big": {"new": 50000, "total": (16000, INF, False, False)}})
    assert outcome(res, "r", "slip") == "error"
    assert outcome(res, "r", "big") == "error"
    msg = next(f.message for f in res.findings if f.report == "slip")
    assert "3600家" in msg and "twice" in msg


def test_sum_of_parts_and_exact_partition():
    ind = {"a": {"unit": "亿元"}, "b": {"unit": "亿元"}, "w": {"unit": "亿元"}}
    r1 = [{"id": "sum", "kind": "part-of", "part": ["a", "b"], "whole": "w"}]
    r2 = [{"id": "exact", "kind": "part-of", "part": ["a", "b"], "whole": "w", "exact": True}]
    data = {"ok": {"a": 40, "b": 60, "w": 100}, "under": {"a": 40, "b": 50, "w": 100}, "over": {"a": 40, "b": 70, "w": 100}}
    res = run(ind, r1, data)
    assert [outcome(res, "sum", k) for k in data] == ["pass", "pass", "error"]
    res = run(ind, r2, data)
    assert [outcome(res, "exact", k) for k in data] == ["pass", "error", "error"]


def test_params_validation():
    with pytest.raises(ValidationError, match="unknown indicator"):
        KIND.parse({"id": "r", "kind": "part-of", "part": "x", "whole": "total"}, {"total": "家"})
    with pytest.raises(ValidationError, match="cannot be compared"):
        KIND.parse({"id": "r", "kind": "part-of", "part": "a", "whole": "b"}, {"a": "亿元", "b": "万人"})
    with pytest.raises(ValidationError):
        KIND.parse({"id": "r", "kind": "part-of", "part": [], "whole": "b"})
    with pytest.raises(ValidationError):
        KIND.parse({"id": "r", "kind": "part-of", "part": "a", "whole": "b", "wholes": "c"})
    p = KIND.parse({"id": "r", "kind": "part-of", "part": ["a", "b"], "whole": "w"})
    assert KIND.references(p) == ["a", "b", "w"]


def test_a_kind_without_tolerance_refuses_one():
    with pytest.raises(ValidationError, match="takes no tolerance"):
        KIND.parse({"id": "r", "kind": "part-of", "part": "a", "whole": "b", "tolerance": 1})
    rules.get("target-coherence").parse({"id": "r", "kind": "target-coherence", "base": "a", "growth": "g",
                                         "target": "t", "real": True, "tolerance": 1})


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(x=st.integers(1, 10**7), ratio=st.floats(0, 5, allow_nan=False))
def test_open_whole_verdict_follows_the_two_readings(x, ratio):
    """突破X against a part p: pass p ≤ X; info X < p ≤ 1.1X (depends on how far past);
    warning 1.1X < p ≤ 2X (just passed); error p > 2X (milestone convention)."""
    p = round(x * ratio)
    ind = {"new": {"unit": "家"}, "total": {"unit": "家", "qualifier": "突破"}}
    rule = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]
    # stay clear of the boundaries, where the 1e-9 float guard decides
    assume(all(abs(p - b) > 1e-6 * b for b in (x, 1.1 * x, 2 * x)))
    got = outcome(run(ind, rule, {"x": {"new": float(p), "total": (float(x), INF, False, False)}}), "r", "x")
    want = ("pass" if p <= x else "info" if p <= 1.1 * x else "warning" if p <= 2 * x else "error")
    assert got == want
