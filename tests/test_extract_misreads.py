"""Misreads docs/extraction.md used to list under "Known limits", fixed.

Every sentence is copied from a corpus report and asserted to be in it, so the tests
pin real text, not forms made up to fit the code. A few made-up variants (marked) check
the same rule on a form the corpus does not happen to write.
"""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest

from conftest import SPECS, TESTDATA
from reportcheck.figure import Kind
from reportcheck.spec.bind import bind
from reportcheck.spec.load import load_spec
from reportcheck.text.extract import extract

CORPUS = TESTDATA / "corpus"


@functools.lru_cache(maxsize=None)
def _report(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def _real(name: str, sentence: str):
    """The figures of a sentence that is, word for word, in the corpus report ``name``."""
    assert sentence in _report(name), (name, sentence)
    return extract(sentence)


def _by_text(figs):
    return {f.text: f for f in figs}


# --------------------------------------------------------------------------------------
# 1. 压减/压缩/精简/削减/缩减/减 N% is a decline, as 下降N% is
# --------------------------------------------------------------------------------------
DECLINES = [
    ("shandong", "“鲁执法”推动入企检查次数压减30%以上。", ["30%"]),
    ("jilin", "省级公用经费和一般性支出分别压减11%、19%。", ["11%", "19%"]),
    ("jilin", "省级一般性支出压减22.3%。", ["22.3%"]),
    ("chongqing", "全级次国企法人数量压减67.7%，", ["67.7%"]),
    ("beijing", "平均压减时间58%、材料52%；", ["58%", "52%"]),
    ("anhui", "平均跑动次数减少93%，办理时限压缩65%。", ["93%", "65%"]),
    ("qinghai", "15个重点事项审批时限压缩70%、审批材料精简80%，", ["70%", "80%"]),
    ("hubei", "新上线重点事项办理平均减时间83%、减材料54%，", ["83%", "54%"]),
    # already read as declines before (压降 ends in 降, 减少 is a cue): unchanged
    ("gansu", "融资平台退出213户、压降81.3%。", ["81.3%"]),
    ("tianjin", "“高效办成一件事”平均办理时间减少62%，", ["62%"]),
]


@pytest.mark.parametrize("report,sentence,declines", DECLINES, ids=[s for _, s, _ in DECLINES])
def test_reduction_verbs_are_declines(report, sentence, declines):
    figs = _by_text(_real(report, sentence))
    for text in declines:
        f = figs[text]
        assert f.kind is Kind.GROWTH, (text, f.kind)
        assert f.extra.get("direction") == "down", (text, f.extra)
        assert f.unit == "%"


def test_yajian_reads_like_xiajiang():
    """压减30%以上 has the value, interval, qualifier and subject 下降30%以上 would have."""
    (f,) = _real("shandong", "“鲁执法”推动入企检查次数压减30%以上。")
    (g,) = extract("“鲁执法”推动入企检查次数下降30%以上。")
    assert (f.value, f.unit, f.kind, f.qualifier, f.interval, f.subject) == (
        g.value, g.unit, g.kind, g.qualifier, g.interval, g.subject)
    assert f.value == Decimal(30) and str(f.interval) == "[29.5, ∞)" and f.qualifier == "以上"
    assert f.subject.endswith("入企检查次数")  # the verb is not part of what is reduced


def test_reduction_of_a_named_share_stays_a_share():
    # 压减比例超5%: the nearest cue is 比例, a share (the size of the cut), as before
    figs = _by_text(_real("xizang", "自治区本级一般性支出连续5年压减比例超5%。"))
    assert figs["5%"].kind is Kind.SHARE and figs["5%"].qualifier == "超"


def test_shandong_spec_binds_the_cut_as_a_decline():
    # the bundled spec declares 压减30%以上 as a change of -30 % (at least a 29.5 % cut)
    table = bind(load_spec(SPECS / "shandong-2026.yaml")).table.set_index("id")
    row = table.loc["enterprise_inspections.change.2025"]
    assert (row["value"], row["upper"], row["lower"]) == (-30, -29.5, float("-inf"))


def test_reduction_in_points_is_down():
    # made-up variant: the cue also gives 个百分点 its direction
    (f,) = extract("一般性支出占比压减2个百分点。")
    assert f.kind is Kind.POINTS and f.extra["direction"] == "down"


# --------------------------------------------------------------------------------------
# 2. 第一、二轮: the later members of an ordinal list are ordinals too
# --------------------------------------------------------------------------------------
def test_ordinal_list_in_corpus():
    s = "第一、二轮中央生态环保督察反馈问题全部整改办结，第三轮整改任务有序推进"
    got = [(f.text, f.value, f.unit, f.kind, str(f.interval)) for f in _real("gansu", s)]
    assert got == [
        ("第一", Decimal(1), None, Kind.RANK, "[1, 1]"),
        ("二轮", Decimal(2), "轮", Kind.RANK, "[2, 2]"),  # the second round, not two rounds
        ("第三轮", Decimal(3), "轮", Kind.RANK, "[3, 3]"),
    ]
    first, second, _ = _real("gansu", s)
    assert second.subject == first.subject  # what 第一 is about, not the word 第一


def test_ordinal_list_span_is_the_number():
    text = _report("gansu")
    at = text.index("第一、二轮") + 3
    (f,) = [f for f in extract(text) if f.start == at]
    assert (f.text, f.end, f.kind) == ("二轮", at + 2, Kind.RANK)  # the 、 is not part of it


@pytest.mark.parametrize(
    "text,expected",
    [  # made-up variants of the same list
        ("第1、2批试点", [("第1", Kind.RANK), ("2批", Kind.RANK)]),
        ("第一、二、三批名单", [("第一", Kind.RANK), ("二", Kind.RANK), ("三批", Kind.RANK)]),
        ("第十四、十五届", [("第十四", Kind.RANK), ("十五届", Kind.RANK)]),
    ],
)
def test_ordinal_list_forms(text, expected):
    assert [(f.text, f.kind) for f in extract(text)] == expected


def test_lists_without_di_are_unchanged():
    # no 第 before the list: 二、三级 is a grade (label), 800家 a count
    figs = _by_text(_real("hebei", "引进央企二、三级子公司超800家"))
    assert figs["三级"].kind is Kind.LABEL and figs["800家"].kind is Kind.COUNT
    # 、 after a count is an ordinary list: both counts
    figs = _by_text(_real("gansu", "14个市州空气质量全面达标。"))
    assert figs["14个"].kind is Kind.COUNT
