import pytest
from pydantic import ValidationError

from reportcheck import rules
from rules_helpers import outcome, run

KIND = rules.get("count-of-list")
ITEMS = ["工业强县", "对外开放强县", "现代流通强县", "文旅康养强县", "科技创新强县", "生态文明强县", "现代农业强县"]


def test_count_matches_list():
    rule = [{"id": "r", "kind": "count-of-list", "count": "c", "items": ITEMS}]
    res = run({"c": {"name": "领域"}}, rule, {"ok": {"c": 7}, "bad": {"c": 8}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "bad") == "error"
    msg = next(f.message for f in res.findings if f.report == "bad")
    assert "7 items" in msg and "现代农业强县" in msg


def test_validation():
    with pytest.raises(ValidationError, match="listed twice"):
        KIND.parse({"id": "r", "kind": "count-of-list", "count": "c", "items": ["a", "a"]})
    with pytest.raises(ValidationError):
        KIND.parse({"id": "r", "kind": "count-of-list", "count": "c", "items": []})
