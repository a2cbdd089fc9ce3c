import math

import pytest
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
    # 总量突破1.6万 (open above): 5万 new is possible formally, not if the total just passed 1.6万
    ind = {"new": {"unit": "个"}, "total": {"unit": "万个", "qualifier": "突破"}}
    rule = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]
    res = run(ind, rule, {"ok": {"new": 1500, "total": (1.6, INF, False, False)},
                          "warn": {"new": 50000, "total": (1.6, INF, False, False)}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "warn") == "warning"
    assert "just passed" in next(f.message for f in res.findings if f.report == "warn")


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
