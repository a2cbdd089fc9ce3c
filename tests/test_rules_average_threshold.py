import math

import pytest
from pydantic import ValidationError

from reportcheck import rules
from rules_helpers import outcome, run

KIND = rules.get("average-threshold")
IND = {"inv": {"unit": "亿元", "name": "完成投资"}, "n": {"unit": "个", "name": "项目"},
       "thr": {"unit": "万元", "qualifier": "以上"}}


def test_quantity_threshold():
    rule = [{"id": "r", "kind": "average-threshold", "total": "inv", "count": "n", "threshold": "500万元"}]
    res = run(IND, rule, {"ok": {"inv": 900, "n": 1099}, "wan": {"inv": {"value": 900, "unit": "万元"}, "n": 1099},
                          "many": {"inv": 900, "n": 10990000}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "wan") == "error"  # 900万元 over 1099 projects is 0.8万元 each
    assert outcome(res, "r", "many") == "error"
    msg = next(f.message for f in res.findings if f.report == "wan")
    assert "average" in msg and "500万元" in msg


def test_indicator_threshold_uses_its_lower_end_and_at_most():
    rule = [{"id": "r", "kind": "average-threshold", "total": "inv", "count": "n", "threshold": "thr"}]
    res = run(IND, rule, {"ok": {"inv": 900, "n": 1099, "thr": (500, math.inf)}})
    assert outcome(res, "r", "ok") == "pass"
    rule = [{"id": "r", "kind": "average-threshold", "total": "inv", "count": "n", "threshold": "1000万元",
             "direction": "at-most"}]
    res = run(IND, rule, {"bad": {"inv": 900, "n": 1099}, "ok": {"inv": 9, "n": 1099}})
    assert outcome(res, "r", "bad") == "error" and outcome(res, "r", "ok") == "pass"


def test_validation():
    with pytest.raises(ValidationError, match="cannot be compared"):
        KIND.parse({"id": "r", "kind": "average-threshold", "total": "inv", "count": "n", "threshold": "5万人"},
                   {"inv": "亿元", "n": "个"})
    with pytest.raises(ValidationError):
        KIND.parse({"id": "r", "kind": "average-threshold", "total": "inv", "count": "n", "threshold": "x",
                    "direction": "sideways"})
    p = KIND.parse({"id": "r", "kind": "average-threshold", "total": "inv", "count": "n", "threshold": "500万元"})
    assert KIND.references(p) == ["inv", "n"]


def test_bare_number_threshold_is_in_the_totals_unit():
    from decimal import Decimal

    p = KIND.parse({"id": "r", "kind": "average-threshold", "total": "inv", "count": "n", "threshold": Decimal("0.05")})
    assert p.threshold == "0.05"
    rule = [{"id": "r", "kind": "average-threshold", "total": "inv", "count": "n", "threshold": 0.05}]
    res = run(IND, rule, {"ok": {"inv": 900, "n": 1099}, "bad": {"inv": 9, "n": 1099}})
    assert outcome(res, "r", "ok") == "pass" and outcome(res, "r", "bad") == "error"
