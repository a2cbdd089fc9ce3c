import pytest
from pydantic import ValidationError

from reportcheck import rules
from rules_helpers import outcome, run

KIND = rules.get("rank-range")


def test_rank_within_group():
    rule = [{"id": "r", "kind": "rank-range", "rank": "k", "of": 16, "group": "山东省16市"}]
    res = run({"k": {"name": "位次"}}, rule, {"ok": {"k": 2}, "last": {"k": 16}, "bad": {"k": 20}, "zero": {"k": 0}})
    assert [outcome(res, "r", k) for k in ("ok", "last", "bad", "zero")] == ["pass", "pass", "error", "error"]
    assert "山东省16市" in next(f.message for f in res.findings if f.report == "bad")


def test_validation():
    with pytest.raises(ValidationError):
        KIND.parse({"id": "r", "kind": "rank-range", "rank": "k", "of": 0})
    with pytest.raises(ValidationError, match="unknown indicator"):
        KIND.parse({"id": "r", "kind": "rank-range", "rank": "k", "of": 16}, {"x": None})
