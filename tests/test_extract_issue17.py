"""Extraction misses of issue 17, one test per example: what is read, and what is not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportcheck.figure import Kind
from reportcheck.text.extract import extract


def _one(text: str, needle: str):
    figs = [f for f in extract(text) if f.text == needle]
    assert len(figs) == 1, [(f.text, f.kind) for f in extract(text)]
    return figs[0]


@pytest.mark.parametrize("text,needle,unit,value,qualifier", [
    ("带动就业超百万人。", "百万人", "万人", Decimal(100), "超"),
    ("营业收入突破百亿元。", "百亿元", "亿元", Decimal(100), "突破"),
    ("集装箱吞吐量突破千万标箱。", "千万标箱", "万标箱", Decimal(1000), "突破"),
])
def test_a_magnitude_without_a_digit(text, needle, unit, value, qualifier):
    f = _one(text, needle)
    assert (f.unit, f.value, f.qualifier) == (unit, value, qualifier)
    assert f.kind.is_quantity


def test_a_bare_magnitude_needs_a_bound_word_and_a_unit():
    assert extract("千万不能放松警惕。") == []
    assert extract("百万雄师过大江。") == []


def test_a_lone_one_before_year_after_qian():
    f = _one("推行学前一年免费教育。", "一年")
    assert (f.kind, f.value) == (Kind.DURATION, Decimal(1))
    assert extract("统一大市场。进一步加强。") == []


@pytest.mark.parametrize("text,needle,unit,kind,qualifier", [
    ("集装箱吞吐量5506.3万标准箱。", "5506.3万标准箱", "万标准箱", Kind.AMOUNT, None),
    ("人均年收入42万元/人以上。", "42万元/人", "万元/人", Kind.RATIO, "以上"),
    ("新增供水能力20亿立方米/年。", "20亿立方米/年", "亿立方米/年", Kind.AMOUNT, None),
])
def test_compound_units(text, needle, unit, kind, qualifier):
    f = _one(text, needle)
    assert (f.unit, f.kind, f.qualifier) == (unit, kind, qualifier)


@pytest.mark.parametrize("text,needle,kind", [
    ("进出口总额居全国前五位。", "五位", Kind.RANK),
    ("大力发展首发经济3.0。", "3.0", Kind.LABEL),
    ("建设365展贸网。", "365", Kind.LABEL),
    ("拨打12345政务服务热线。", "12345", Kind.LABEL),
    ("统筹两个大局。", "两个", Kind.NAME),
    ("举办青年50人论坛。", "50人", Kind.NAME),
    ("实现24小时通关。", "24小时", Kind.DURATION),
    ("打造15分钟生活圈。", "15分钟", Kind.DURATION),
])
def test_kinds(text, needle, kind):
    assert _one(text, needle).kind is kind


def test_kinds_do_not_swallow_counts_and_amounts():
    # 吉曲3乡大电网: 3 townships, not a name; 3.0亿元 has a unit; 新增50人: people
    assert _one("完成吉曲3乡大电网延伸工程。", "3").kind is not Kind.LABEL
    assert _one("投资3.0亿元。", "3.0亿元").kind is Kind.AMOUNT
    assert _one("新增院士50人。", "50人").kind is Kind.COUNT
    assert _one("居全国第五位。", "第五位").kind is Kind.RANK
