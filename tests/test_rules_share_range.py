import math

import pytest
from pydantic import ValidationError

from reportcheck import rules
from rules_helpers import outcome, run

KIND = rules.get("share-range")
IND = {"a": {"unit": "%", "name": "覆盖率"}, "b": {"unit": "%", "name": "参保率", "qualifier": "以上"}}
RULE = [{"id": "r", "kind": "share-range", "indicators": ["a", "b"]}]


def test_shares_within_0_100():
    res = run(IND, RULE, {"ok": {"a": 85, "b": (97, math.inf)}, "full": {"a": 100, "b": 100},
                          "over": {"a": 195, "b": 97}, "neg": {"a": -5, "b": 97}})
    assert outcome(res, "r", "ok") == "pass"  # 97%以上 read as just over 97 %
    assert outcome(res, "r", "full") == "pass"
    assert outcome(res, "r", "over") == "error"
    assert outcome(res, "r", "neg") == "error"
    over = next(f for f in res.findings if f.report == "over")
    assert [r.indicator for r in over.figures] == ["a"]  # only the share out of range is cited
    assert "above 100" in over.message


def test_rounding_at_the_bound_is_not_an_error():
    res = run(IND, RULE, {"x": {"a": (99.95, 100.05), "b": 50}})
    assert outcome(res, "r", "x") == "info"


def test_custom_bounds_and_validation():
    rule = [{"id": "r", "kind": "share-range", "indicators": ["a"], "min": 50, "max": 90}]
    res = run(IND, rule, {"in": {"a": 85}, "out": {"a": 95}})
    assert outcome(res, "r", "in") == "pass" and outcome(res, "r", "out") == "error"
    with pytest.raises(ValidationError, match="greater than max"):
        KIND.parse({"id": "r", "kind": "share-range", "indicators": ["a"], "min": 90, "max": 50})
    with pytest.raises(ValidationError, match="not a share"):
        KIND.parse({"id": "r", "kind": "share-range", "indicators": ["a"]}, {"a": "亿元"})
