import pytest
from pydantic import ValidationError

from reportcheck import rules
from rules_helpers import outcome, run

KIND = rules.get("change-range")
IND = {"d": {"unit": "%", "name": "治安警情变化"}}


def test_decline_over_100_percent_fails():
    rule = [{"id": "r", "kind": "change-range", "indicators": ["d"]}]
    res = run(IND, rule, {"ok": {"d": -7.1}, "bad": {"d": -171}, "all": {"d": -100}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "all") == "pass"
    assert outcome(res, "r", "bad") == "error"
    assert "more than 100 %" in next(f.message for f in res.findings if f.report == "bad")


def test_decline_stored_positive_with_qualifier_is_read_as_negative():
    ind = {"d": {"unit": "%", "qualifier": "下降"}}
    rule = [{"id": "r", "kind": "change-range", "indicators": ["d"]}]
    res = run(ind, rule, {"ok": {"d": 7.1}, "bad": {"d": 171}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "bad") == "error"


def test_default_growth_band_is_a_warning_explicit_max_is_hard():
    soft = [{"id": "r", "kind": "change-range", "indicators": ["d"]}]
    res = run(IND, soft, {"ok": {"d": 25}, "odd": {"d": 250}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "odd") == "warning"
    hard = [{"id": "r", "kind": "change-range", "indicators": ["d"], "min": 0, "max": 50}]
    res = run(IND, hard, {"ok": {"d": 25}, "bad": {"d": 250}, "neg": {"d": -3}})
    assert [outcome(res, "r", k) for k in ("ok", "bad", "neg")] == ["pass", "error", "error"]
    over = [{"id": "r", "kind": "change-range", "indicators": ["d"], "max": 50, "severity": "warning"}]
    assert outcome(run(IND, over, {"bad": {"d": 250}}), "r", "bad") == "warning"


def test_open_growth_target_passes_an_explicit_band():
    ind = {"g": {"unit": "%", "qualifier": "以上"}}
    rule = [{"id": "r", "kind": "change-range", "indicators": ["g"], "min": 0, "max": 50}]
    res = run(ind, rule, {"x": {"g": (5.5, float("inf"))}})
    assert outcome(res, "r", "x") == "pass"


def test_validation():
    with pytest.raises(ValidationError, match="not a change"):
        KIND.parse({"id": "r", "kind": "change-range", "indicators": ["x"]}, {"x": "家"})
    with pytest.raises(ValidationError):
        KIND.parse({"id": "r", "kind": "change-range", "indicators": []})
