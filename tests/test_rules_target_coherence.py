import math

import pytest
from pydantic import ValidationError

from reportcheck import rules
from rules_helpers import outcome, run

INF = math.inf
KIND = rules.get("target-coherence")

IND = {
    "base": {"unit": "亿元", "name": "一般公共预算收入"},
    "g": {"unit": "%", "name": "增长", "qualifier": "以上"},
    "t": {"unit": "亿元", "name": "收入目标", "qualifier": "突破"},
}
RULE = [{"id": "r", "kind": "target-coherence", "base": "base", "growth": "g", "target": "t"}]


def rev(base=475, g=5, t=500, **kw):
    return {"base": (base - 0.5, base + 0.5), "g": (g, INF), "t": (t, INF, False, False), **kw}


def test_revenue_target_is_coherent():
    res = run(IND, RULE, {"x": rev()})
    assert outcome(res, "r", "x") == "pass"


def test_level_target_below_base_is_an_error():
    res = run(IND, RULE, {"x": rev(t=400)})
    assert outcome(res, "r", "x") == "error"
    assert "not above its base" in res.findings[0].message


def test_target_far_beyond_stated_growth_is_an_error():
    res = run(IND, RULE, {"x": rev(t=5000)})
    assert outcome(res, "r", "x") == "error"
    assert "cannot both hold" in res.findings[0].message


def test_target_beyond_just_passed_reading_is_a_warning():
    # 475 → 突破550 needs > 15.8 %: possible if 5%以上 means up to 15 %? no → capped reading allows ≤ 15 %;
    # 突破530 needs > 11.6 %: within the cap, beyond "just over 5 %" → warning
    res = run(IND, RULE, {"x": rev(t=530)})
    assert outcome(res, "r", "x") == "warning"
    assert "just passed" in res.findings[0].message


def test_stretch_target_is_never_an_error_and_states_the_implied_range():
    ind = dict(IND, t={"unit": "亿元", "qualifier": "力争+突破", "status": "力争"}, g={"unit": "%", "qualifier": "以上"})
    rule = [{"id": "r", "kind": "target-coherence", "base": "base", "growth": "g", "target": "t", "real": True}]
    res = run(ind, rule, {"gdp": {"base": (5595, 5605), "g": (5.5, INF), "t": (6000, INF, False, False)},
                          "wild": {"base": (5595, 5605), "g": (5.5, INF), "t": (60000, INF, False, False)}})
    assert outcome(res, "r", "gdp") in ("info", "warning")
    msg = next(f.message for f in res.findings if f.report == "gdp")
    assert "力争" in msg and ("7.1" in msg or "7.0" in msg)
    assert outcome(res, "r", "wild") == "warning"  # even an impossible stretch is not an error


def test_real_growth_tolerance_is_stated():
    rule = [{"id": "r", "kind": "target-coherence", "base": "base", "growth": "g", "target": "t", "real": True,
             "tolerance": 3}]
    res = run(IND, rule, {"x": rev(t=530)})  # needs 11.6 %: beyond 6 % + 3 pp under the tight reading
    f = res.findings[0]
    assert "comparable prices" in f.message and "±3 pp" in f.message


def test_decline_target_growth_negative():
    ind = {"b": {"unit": "万吨"}, "g": {"unit": "%"}, "t": {"unit": "万吨"}}
    rule = [{"id": "r", "kind": "target-coherence", "base": "b", "growth": "g", "target": "t"}]
    res = run(ind, rule, {"ok": {"b": 100, "g": -5, "t": 95}, "bad": {"b": 100, "g": -5, "t": 120}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "bad") == "error"


def test_validation():
    with pytest.raises(ValidationError, match="not in %"):
        KIND.parse({"id": "r", "kind": "target-coherence", "base": "b", "growth": "g", "target": "t"},
                   {"b": "亿元", "g": "亿元", "t": "亿元"})
    with pytest.raises(ValidationError, match="cannot be compared"):
        KIND.parse({"id": "r", "kind": "target-coherence", "base": "b", "growth": "g", "target": "t"},
                   {"b": "亿元", "g": "%", "t": "万人"})
