"""The one reading of a report's parts and periods (reportcheck.periods), as lint, init,
compare and targets see it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from reportcheck import periods
from reportcheck.compare import period as compare_period

REPORT = """2026年XX省政府工作报告

一、2025年工作回顾
各位代表，过去一年，地区生产总值增长5.8%。
二、“十四五”时期发展成就和“十五五”时期主要目标任务
“十四五”时期是极不平凡的五年。
这五年，我们锐意改革，地区生产总值年均增长5.2%。
——这是产业升级的五年。工业投资年均增长10%。
刚刚过去的2025年，一般公共预算收入增长5.7%。
“十五五”时期是关键时期。全员劳动生产率达58万元/人左右。
三、2026年主要任务
今年经济社会发展主要预期目标是：地区生产总值增长5%左右。
"""

#: (a figure's text, its (mode, period)) in REPORT
EXPECTED = [
    ("5.8%", ("review", "2025")),
    ("5.2%", ("review", "2021-2025")),
    ("10%", ("review", "2021-2025")),  # a "——" bullet after 这五年
    ("5.7%", ("review", "2025")),  # 刚刚过去的2025年 inside the five-year part
    ("58万元", ("target", "2026-2030")),  # the plan ahead, after a heading naming both plans
    ("5%左右", ("target", "2026")),  # 三、2026年主要任务
]


def _fig(text: str, what: str):
    return SimpleNamespace(start=text.index(what))


def test_report_year():
    assert periods.report_year(REPORT) == 2026


@pytest.mark.parametrize("what,expected", EXPECTED)
def test_sections_and_lines_agree(what, expected):
    """The section reader (lint, compare, targets) and the line reader (init) read the same."""
    year = periods.report_year(REPORT)
    fig = _fig(REPORT, what)
    assert periods.period_of(REPORT, periods.sections(REPORT, year), fig, year) == expected
    mode, period, explicit = periods.period_at(periods.line_periods(REPORT, year), fig.start)
    assert (mode, period) == expected and explicit


def test_compare_source_whens_follow_the_sections():
    fig = SimpleNamespace(start=REPORT.index("5.2%"), estimate=False, stretch=False, qualifier=None,
                          extra={})
    (w,) = compare_period.source_whens(REPORT, [fig], 2026)
    assert w.span == (2021, 2025) and w.status == "actual"


@pytest.mark.parametrize("word", periods.WORDS["five_past"])
def test_five_year_words_are_known_to_every_reader(word):
    text = f"一、2025年工作回顾\n{word}，地区生产总值年均增长5.2%。\n"
    fig = _fig(text, "5.2%")
    assert periods.period_of(text, periods.sections(text, 2026), fig, 2026) == ("review", "2021-2025")
    assert periods.period_at(periods.line_periods(text, 2026), fig.start)[:2] == ("review", "2021-2025")
    assert periods.five_year_blocks(text, 2026)
    assert compare_period._cues(word, 2026).span == (2021, 2025)


def test_plan_span():
    assert periods.plan_span("四") == (2021, 2025)
    assert periods.plan_span("五") == (2026, 2030)
