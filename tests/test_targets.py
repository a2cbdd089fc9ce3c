"""reportcheck targets on a made-up pair written to exercise every rule (tests/data/targets/made-up-*.txt):
joint targets, bounds, bands, kept-down indicators, declines, five-year totals and next-year targets
in CURRENT, the completion claim; and the command's contract (JSON, exit codes, formats)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportcheck.cli import main
from reportcheck.findings import Category, Severity
from reportcheck.targets import assess, targets

DATA = Path(__file__).parent / "data" / "targets"
PREV, CUR = DATA / "made-up-2024.txt", DATA / "made-up-2025.txt"


@pytest.fixture(scope="module")
def result():
    return targets(PREV, CUR)


def _by(result, text, indicator=None):
    vs = [v for v in result.targets if v.target.text == text and (indicator is None or indicator in v.indicator)]
    assert len(vs) == 1, [(v.indicator, v.target.text) for v in result.targets]
    return vs[0]


def test_joint_targets_split(result):
    # 城乡居民收入分别增长7%和8%: two targets, one figure each
    assert _by(result, "7%").indicator.startswith("城镇")
    assert _by(result, "8%", "农村").verdict == "met"
    # 规模以上工业增加值、固定资产投资均增长8%: two targets with one figure
    assert _by(result, "8%", "规模以上工业增加值").verdict == "met"
    assert _by(result, "8%", "固定资产投资").indicator == "固定资产投资"


def test_floor_and_written_threshold(result):
    v = _by(result, "5%")  # 增长5%以上 against 4.1 %
    assert v.verdict == "missed" and v.outcome.text == "4.1%"
    v = _by(result, "60万吨")  # 60万吨以上 against 59.8万吨: the written threshold, not its rounding
    assert v.verdict == "missed" and "floor" in v.reason


def test_band_and_kept_down(result):
    v = _by(result, "6.5%")  # 6.5%左右 against 6.2 %: inside the policy's band
    assert v.verdict == "met" and "band" in v.reason
    v = _by(result, "3%", "居民消费价格")  # 3%左右, kept down: 0.5 % is below the band, met
    assert v.verdict == "met" and "below the band" in v.reason
    v = _by(result, "4.5%")  # 控制在4.5%以内 against 4.2 %
    assert v.verdict == "met" and "ceiling" in v.reason
    v = _by(result, "3%", "能耗")  # 能耗下降3% against 下降3.5%
    assert v.verdict == "met"


def test_a_level_target_settled_through_the_base(result):
    # 一般公共预算收入力争达到43亿元; CURRENT gives only 增长4.1%; the base 40亿元 is in PREVIOUS's review
    v = _by(result, "43亿元")
    assert v.verdict == "missed" and v.outcome.text == "4.1%"
    assert "base 40亿元" in v.reason and "derived" in v.reason


def test_period_five_year_totals_and_next_targets_are_not_outcomes(result):
    # CURRENT has 五年来…年均增长8% and a 2025 target 固定资产投资增长8%: neither is the 2024 outcome
    v = _by(result, "8%", "固定资产投资")
    assert v.verdict == "not_reported" and v.outcome is None


def test_not_reported_is_a_warning_and_met_a_passed_check(result):
    v = _by(result, "20人")
    assert v.verdict == "not_reported"
    met = sum(1 for v in result.targets if v.verdict == "met")
    assert result.passed == met
    assert result.checks == len(result.targets) + 1  # + the completion claim
    for f in result.findings:
        assert f.category is Category.ATTAINMENT
        assert f.severity in (Severity.WARNING, Severity.INFO)


def test_completion_claim_cites_the_missed_figures(result):
    claims = [f for f in result.findings if f.id.startswith("completion-claim")]
    assert len(claims) == 1
    c = claims[0]
    assert c.severity is Severity.WARNING
    assert "圆满完成" in c.figures[0].text and c.figures[0].line == 5
    texts = {g.text for g in c.figures[1:]}
    assert {"4.1%", "6.8%", "59.8万吨"} <= texts


def test_no_claim_no_claim_finding():
    prev = PREV.read_text(encoding="utf-8")
    cur = CUR.read_text(encoding="utf-8").replace("我们圆满完成了市十七届人大三次会议确定的各项目标任务。", "")
    r = assess(prev, cur)
    assert not [f for f in r.findings if f.id.startswith("completion-claim")]


def test_json_contract(tmp_path, capsys):
    out = tmp_path / "t.json"
    assert main(["targets", str(PREV), str(CUR), "--format", "json", "--output", str(out)]) == 0
    obj = json.loads(out.read_text(encoding="utf-8"))
    assert set(obj) == {"reportcheck", "summary", "findings", "waived", "targets"}  # waived: docs/waivers.md
    t = obj["targets"]
    assert all(set(x) == {"indicator", "verdict", "target", "outcome", "reason"} for x in t)
    assert {x["verdict"] for x in t} <= {"met", "missed", "not_reported", "unclear"}
    first = t[0]["target"]
    assert set(first) >= {"text", "value", "unit", "file", "line", "column", "end_line", "end_column"}
    assert any(x["outcome"] is None for x in t if x["verdict"] == "not_reported")
    assert obj["summary"]["warnings"] == len(obj["findings"])


def test_exit_codes(tmp_path, capsys):
    assert main(["targets", str(PREV), str(CUR)]) == 0  # warnings only
    assert main(["targets", str(PREV), str(CUR), "--strict"]) == 1
    assert main(["targets", str(PREV), str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt: no such file" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["text", "html", "junit", "sarif", "github"])
def test_every_format(fmt, capsys):
    assert main(["targets", str(PREV), str(CUR), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "text":
        head = out.split("WARNINGS")[0]
        assert "targets: 13" in head and "not_reported" in head  # the table comes before the findings
    if fmt == "html":
        assert 'id="targets"' in out and "data-verdict=\"missed\"" in out


def test_python_api_whatever_was_imported_first():
    import reportcheck
    import reportcheck.targets.find  # noqa: F401 - the package attribute is now the module

    r = reportcheck.targets(PREV, CUR)
    assert len(r.targets) == 13


def test_reports_must_be_consecutive(capsys):
    hailar = DATA / "hailar-2012.txt"
    assert main(["targets", str(hailar), str(DATA / "hailar-2014.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "must be the 2013 report" in err[0]
    with pytest.raises(Exception):
        targets(PREV, PREV)
