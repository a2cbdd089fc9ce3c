import pytest
from pydantic import ValidationError

from reportcheck import rules
from reportcheck.rules import expression as ex
from rules_helpers import outcome, run

KIND = rules.get("expression")
UNITS = {"enterprises.total.2023": "家", "enterprises.total.2021": "家", "revenue.2023": "亿元",
         "gdp.2023": "亿元", "jobs": "万人", "share": "%"}


def parse(expr, units=UNITS):
    return KIND.parse({"id": "r", "kind": "expression", "expr": expr}, units)


def test_dotted_ids_numbers_with_units_and_operators():
    p = parse("enterprises.total.2023 >= 2 * enterprises.total.2021")
    assert KIND.references(p) == ["enterprises.total.2023", "enterprises.total.2021"]
    parse("revenue.2023 + 500万元 < gdp.2023 and not (share > 100)")
    parse("0 <= share <= 100")
    parse("revenue.2023 × 2 ÷ 3 ≤ gdp.2023")


def test_evaluation_on_intervals_and_units():
    ind = {"a": {"unit": "亿元"}, "b": {"unit": "万元"}, "s": {"unit": "%"}}
    r = [{"id": "r", "kind": "expression", "expr": "a < b"},
         {"id": "s", "kind": "expression", "expr": "s <= 100 and s >= 95%"}]
    res = run(ind, r, {"ok": {"a": 475, "b": 56000000, "s": 97}, "bad": {"a": 475, "b": 5600, "s": 97},
                       "sbad": {"a": 1, "b": 2e8, "s": 101}, "rounding": {"a": (4.5, 5.5), "b": 50000, "s": 97}})
    assert outcome(res, "r", "ok") == "pass"
    assert outcome(res, "r", "bad") == "error"  # 475亿元 is not below 5600万元
    assert outcome(res, "s", "sbad") == "error"
    assert outcome(res, "r", "rounding") == "info"


@pytest.mark.parametrize("expr, message", [
    ("revenue.2023 < jobs", "unit mismatch"),
    ("revenue.2023 + jobs > 1", "unit mismatch"),
    ("revenue.2023 < gdp.2024", "unknown indicator 'gdp.2024'"),
    ("revenue.2023 <", "expected a number"),
    ("revenue.2023 < (gdp.2023", "expected ')'"),
    ("revenue.2023", "must be a comparison"),
    ("revenue.2023 < 5万園", "unknown unit"),
    ("__import__('os')", "unexpected character"),
    ("revenue.2023 < gdp.2023; x", "unexpected character"),
    ("(revenue.2023 < gdp.2023) + 1 > 0", "comparison cannot be an operand"),
    ("revenue.2023 < gdp.2023 and 3", "joins comparisons"),
    ("", "empty expression"),
])
def test_spec_errors_are_clear(expr, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(expr)


def test_too_long_or_too_deep():
    long = " + ".join(["revenue.2023"] * 10_000) + " > 0"
    with pytest.raises(ValidationError, match="too long"):
        parse(long)
    deep = "(" * 200 + "revenue.2023" + ")" * 200 + " > 0"
    with pytest.raises(ValidationError, match="nested too deeply|too long"):
        parse(deep)
    deep2 = "-" * 100 + "revenue.2023 > 0"
    with pytest.raises(ValidationError, match="nested too deeply"):
        parse(deep2)


def test_syntax_checked_without_indicator_context():
    KIND.parse({"id": "r", "kind": "expression", "expr": "a.b >= 2 * c.d"})
    with pytest.raises(ValidationError):
        KIND.parse({"id": "r", "kind": "expression", "expr": "a.b >= >= c"})


def test_nothing_is_executed():
    # names are data: a Python builtin is just an unknown indicator
    with pytest.raises(ValidationError, match="unknown indicator 'open'"):
        parse("open > 1")
    assert ex.names(ex.parse("a.b.2023 >= c_d")) == ["a.b.2023", "c_d"]


SPEC_TEXT = """\
id: tiny-2024
title: t
region: r
year: 2024
source: doc.md
indicators:
  - {id: revenue.2023, name: 收入, period: 2023, kind: amount, unit: 亿元, value: 475, locate: "收入{}，"}
  - {id: jobs.2023, name: 就业, period: 2023, kind: count, unit: 万人, value: 6.7, locate: "就业{}，"}
rules:
  - id: ok
    kind: expression
    expr: "revenue.2023 > 1亿元"
  - id: bad-units
    kind: expression
    expr: "revenue.2023 < jobs.2023"
  - id: bad-syntax
    kind: expression
    expr: "revenue.2023 <"
"""


def test_the_loader_reports_expression_errors_with_file_and_line():
    from reportcheck.errors import SpecError
    from reportcheck.spec.load import load_spec_text

    with pytest.raises(SpecError) as info:
        load_spec_text(SPEC_TEXT, file="tiny.yaml")
    lines = str(info.value).splitlines()
    assert any(l.startswith("tiny.yaml:") and "unit mismatch" in l for l in lines), lines
    assert any(l.startswith("tiny.yaml:") and "expected a number" in l for l in lines), lines
    assert len(lines) == 2  # the good rule is not reported


def test_ids_with_hyphens_and_leading_digits():
    units = {"police.public-order.change.2023": "%", "5g.stations.new.2024": "个", "5g.stations.total.2024": "万个",
             "a.b": "家", "a.b-c": "家"}
    p = KIND.parse({"id": "r", "kind": "expression",
                    "expr": "5g.stations.new.2024 <= 5g.stations.total.2024 and police.public-order.change.2023 >= -100"},
                   units)
    assert KIND.references(p) == ["5g.stations.new.2024", "5g.stations.total.2024", "police.public-order.change.2023"]
    # with the ids known, the longest id wins and a minus between ids still subtracts
    assert ex.names(ex.parse("a.b-c > a.b", tuple(sorted(units)))) == ["a.b-c", "a.b"]
    node = ex.parse("a.b - a.b-c < 1", tuple(sorted(units)))
    assert node[2][0] == ("bin", "-", ("id", "a.b"), ("id", "a.b-c"))
    ind = {"5g.new": {"unit": "个"}, "5g.total": {"unit": "万个"}}
    res = run(ind, [{"id": "r", "kind": "expression", "expr": "5g.new <= 5g.total"}],
              {"ok": {"5g.new": 1500, "5g.total": 1.6}, "bad": {"5g.new": 150000, "5g.total": 1.6}})
    assert outcome(res, "r", "ok") == "pass" and outcome(res, "r", "bad") == "error"
