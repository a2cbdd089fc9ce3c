"""Misreads docs/extraction.md used to list under "Known limits", fixed.

Every sentence is copied from a corpus report and asserted to be in it, so the tests
pin real text, not forms made up to fit the code. A few made-up variants (marked) check
the same rule on a form the corpus does not happen to write.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SPECS, TESTDATA
from reportcheck.figure import Kind
from reportcheck.quantities.interval import INF, NEG_INF
from reportcheck.spec.bind import bind
from reportcheck.spec.load import load_spec
from reportcheck.text.extract import extract
from test_extract_properties import to_chinese

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


# --------------------------------------------------------------------------------------
# 3. fractions: 三分之一 and 1/3 are the same figure, qualifiers included
# --------------------------------------------------------------------------------------
THIRD_LO = Decimal("0.3333333333333333333333333333")
THIRD_HI = Decimal("0.3333333333333333333333333334")


def _frac_view(f):
    return (f.value, f.unit, f.kind, f.qualifier, f.interval, f.extra.get("fraction"), f.stretch, f.estimate)


def test_fraction_in_corpus_with_its_bound():
    s = "船舶海工出口规模占全国1/3以上，"
    (f,) = _real("jiangsu", s)
    assert (f.value, f.unit, f.kind, f.qualifier) == (THIRD_LO, None, Kind.SHARE, "以上")
    assert (f.interval.lower, f.interval.upper, f.interval.lower_closed) == (THIRD_LO, INF, True)
    assert f.extra["fraction"] == "1/3"
    # the same sentence with the fraction in words is the same figure (以上 was dropped)
    (g,) = extract(s.replace("1/3", "三分之一"))
    assert _frac_view(g) == _frac_view(f)


def test_fraction_list_in_corpus():
    figs = _real("shaanxi", "苹果、猕猴桃产量稳定在全国1/4、1/3，")
    quarter, third = figs
    assert (quarter.value, quarter.interval.lower, quarter.interval.upper) == (Decimal("0.25"),) * 3
    assert (third.value, third.interval.lower, third.interval.upper) == (THIRD_LO, THIRD_LO, THIRD_HI)
    assert [f.extra["fraction"] for f in figs] == ["1/4", "1/3"]
    words = extract("苹果、猕猴桃产量稳定在全国四分之一、三分之一，")
    assert [_frac_view(f) for f in words] == [_frac_view(f) for f in figs]


# made-up variants: every bound word means for a fraction what it means for 33%
BOUNDS = [
    ("", (THIRD_LO, THIRD_HI, True, True)),
    ("约", (Fraction(1, 3) * Fraction(95, 100), Fraction(1, 3) * Fraction(105, 100), True, True)),
    ("超过", (Fraction(1, 3), INF, False, False)),
    ("近", (NEG_INF, Fraction(1, 3), False, True)),
    ("不到", (NEG_INF, Fraction(1, 3), False, False)),
]


@pytest.mark.parametrize("prefix,bounds", BOUNDS, ids=[p or "none" for p, _ in BOUNDS])
@pytest.mark.parametrize("written", ["1/3", "三分之一"])
def test_fraction_prefix_bounds(prefix, bounds, written):
    (f,) = extract(f"船舶海工出口规模占全国{prefix}{written}，")
    lo, hi, lo_closed, hi_closed = bounds
    iv = f.interval
    assert f.qualifier == (prefix or None)
    assert (iv.lower_closed, iv.upper_closed) == (lo_closed, hi_closed)
    # ends rounded outward to 28 digits: within 1e-27 of the exact bound, never inside it
    for got, want, outward in ((iv.lower, lo, -1), (iv.upper, hi, 1)):
        if not isinstance(want, Fraction):
            assert got == want
        else:
            diff = (Fraction(got) - want) * outward
            assert 0 <= diff < Fraction(1, 10**27)


@pytest.mark.parametrize("suffix", ["以上", "以下", "左右"])
def test_fraction_suffixes_agree(suffix):
    a = extract(f"船舶海工出口规模占全国1/3{suffix}，")
    b = extract(f"船舶海工出口规模占全国三分之一{suffix}，")
    assert [_frac_view(f) for f in a] == [_frac_view(f) for f in b]
    assert a[0].qualifier == suffix
    assert a[0].interval != extract("占全国1/3，")[0].interval  # the word changes the interval


def test_fraction_clause_flags():
    (f,) = extract("预计占全国三分之一，")
    assert f.estimate and f.qualifier == "预计"


def test_fraction_keeps_no_unit_in_a_list():
    # made-up: a list member written without a unit takes the last one's, but a fraction has
    # none to take (1/3 is 0.333…, not 0.333…%)
    first, second = extract("分别占1/3、25%")
    assert first.unit is None and first.extra["fraction"] == "1/3" and second.unit == "%"


# hypothesis: the written forms agree, and the interval holds the exact fraction
@given(st.integers(2, 99), st.data(), st.sampled_from(["", "以上", "以下", "左右"]), st.sampled_from(["", "约", "超过", "近"]))
def test_fraction_forms_agree(den, data, suffix, prefix):
    num = data.draw(st.integers(1, den - 1))
    exact = Fraction(num, den)
    arabic = extract(f"出口规模占全国{prefix}{num}/{den}{suffix}，")
    chinese = extract(f"出口规模占全国{prefix}{to_chinese(den)}分之{to_chinese(num)}{suffix}，")
    assert len(arabic) == len(chinese) == 1
    a, c = arabic[0], chinese[0]
    assert _frac_view(a) == _frac_view(c)
    assert a.extra["fraction"] == f"{exact.numerator}/{exact.denominator}"
    iv = a.interval
    if not prefix and not suffix:
        assert iv.lower <= a.value <= iv.upper
        assert Fraction(iv.lower) <= exact <= Fraction(iv.upper)
        # a point exactly when n/d has a finite decimal expansion within 28 digits
        assert (iv.lower == iv.upper) == (Fraction(a.value) == exact)
        assert Fraction(iv.upper) - Fraction(iv.lower) < Fraction(1, 10**27)
    else:
        assert not iv.is_empty
    if prefix != "超过":  # every other word admits the fraction itself
        assert iv.contains(exact)
    if (prefix or suffix) and {prefix, suffix} <= {"", "以上", "超过"}:
        assert iv.upper == INF
    if (prefix or suffix) and {prefix, suffix} <= {"", "以下", "近"}:
        assert iv.lower == NEG_INF


@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_fraction_value_is_the_decimal_quotient(num, den):
    (f,) = extract(f"占全国{num}/{den}，")
    exact = Fraction(num, den)
    assert f.value == Decimal(num) / Decimal(den)  # 28 significant digits, the default context
    assert f.extra["fraction"] == f"{exact.numerator}/{exact.denominator}"
    assert Fraction(f.interval.lower) <= exact <= Fraction(f.interval.upper)
    assert f.interval.lower <= f.value <= f.interval.upper


# --------------------------------------------------------------------------------------
# 4. bare magnitudes: 43万儿童 keeps unit 万 (a decision, documented); in a list, a bare
#    magnitude is the last member's unit written short
# --------------------------------------------------------------------------------------
def test_bare_magnitude_keeps_its_magnitude_as_unit():
    figs = _by_text(_real("jiangxi", "学前一年免费教育惠及43万儿童。"))
    f = figs["43万"]
    # value and interval in the unit as written, as for 1.6万个 (1.6 万个); 万 is no registry unit
    assert (f.value, f.unit, f.kind, str(f.interval)) == (Decimal(43), "万", Kind.AMOUNT, "[42.5, 43.5]")


def test_bare_magnitude_in_a_list_takes_the_last_unit():
    first, second = _real("hainan", "文化惠民工程、全民健身工程分别惠及3500万、2300万人次。")
    assert (first.unit, first.kind, str(first.interval)) == ("万人次", Kind.COUNT, "[3499.5, 3500.5]")
    assert (second.unit, second.kind) == ("万人次", Kind.COUNT)
    assert [s.subject for s in (first, second)] == ["文化惠民工程", "全民健身工程"]
    figs = _real("jiangxi", "力争电子信息、有色金属、装备制造业产业规模分别达1.28万亿、1.18万亿、8200亿元。")
    assert [(f.text, f.unit, f.kind) for f in figs] == [
        ("1.28万亿", "万亿元", Kind.AMOUNT),  # 1.28万亿元, not 1.28 of a bare 万亿
        ("1.18万亿", "万亿元", Kind.AMOUNT),
        ("8200亿元", "亿元", Kind.AMOUNT),
    ]


def test_bare_magnitudes_with_no_unit_in_the_list_stay_bare():
    figs = _by_text(_real("beijing", "经济总量连续迈上4万亿、5万亿两个台阶"))
    assert figs["4万亿"].unit == figs["5万亿"].unit == "万亿"


# --------------------------------------------------------------------------------------
# 5. 一、二季度, 三季度: quarters are periods (labels), not amounts in 季度
# --------------------------------------------------------------------------------------
def test_quarters_are_labels():
    (f,) = _real("guizhou", "系列政策举措，一、二季度经济平稳增长；")  # a lone 一 is not reported (统一)
    assert (f.text, f.value, f.unit, f.kind, str(f.interval)) == ("二季度", Decimal(2), "季度", Kind.LABEL, "[2, 2]")
    (f,) = _real("guizhou", "针对三季度经济增速回落的情况")
    assert (f.text, f.kind) == ("三季度", Kind.LABEL)
    # made-up variants: 前三季度, 四季度 are periods too
    assert [(f.text, f.kind) for f in extract("前三季度增长5.2%")][0] == ("三季度", Kind.LABEL)
    assert [(f.text, f.kind) for f in extract("四季度回升")] == [("四季度", Kind.LABEL)]


def test_counted_quarters_stay_counts():
    # 连续16个季度 counts quarters: the classifier is 个, and that is unchanged
    figs = _by_text(_real("gansu", "产业增加值增速连续19个季度居全国前5位"))
    assert figs["19个"].kind is Kind.COUNT


# --------------------------------------------------------------------------------------
# 6. 土地二轮延包: a bare 二 before a classifier is an ordinal (a count of two is 两)
# --------------------------------------------------------------------------------------
SECOND_ROUND = [
    ("gansu", "稳步推进土地二轮延包整省试点。"),
    ("shaanxi", "深化土地二轮延包试点和农村乱占耕地建房整治。"),
    ("guangxi", "持续推进农村土地二轮延包试点，"),
    ("neimenggu", "做好二轮土地延包整省区试点和第四次全国农业普查相关工作。"),
    ("anhui", "高质量完成二轮土地承包到期延包整省试点工作。"),
    ("beijing", "稳妥推进二轮土地承包到期后再延长30年试点，"),
]


@pytest.mark.parametrize("report,sentence", SECOND_ROUND, ids=[s for _, s in SECOND_ROUND])
def test_second_round_is_an_ordinal(report, sentence):
    f = _by_text(_real(report, sentence))["二轮"]
    assert (f.value, f.unit, f.kind, str(f.interval)) == (Decimal(2), "轮", Kind.RANK, "[2, 2]")
    # as 第二轮 is read
    (g,) = [g for g in extract(sentence.replace("二轮", "第二轮")) if g.text == "第二轮"]
    assert g.kind is Kind.RANK and g.value == f.value


def test_counts_of_rounds_stay_counts():
    figs = _by_text(_real("chongqing", "有效应对29轮强降雨和10轮高温天气过程。"))
    assert figs["29轮"].kind is figs["10轮"].kind is Kind.COUNT
    # made-up: 两轮 is two rounds
    assert [(f.text, f.kind) for f in extract("开展两轮督查")] == [("两轮", Kind.COUNT)]


# --------------------------------------------------------------------------------------
# 7. N成 after a change verb is a change in 成 (tenths), as N% is: 精简两成 is down 20 %
# --------------------------------------------------------------------------------------
TENTHS = [  # (report, sentence, figure, kind, direction)
    ("beijing", "全市性督查检查考核事项精简两成，", "两成", Kind.GROWTH, "down"),
    ("chongqing", "外贸进出口在对美贸易下降超3成的情况下增长12%。", "3成", Kind.GROWTH, "down"),
    ("tianjin", "津滨轻轨改造后高峰运力提升四成，", "四成", Kind.GROWTH, "up"),
    ("fujian", "带动服务区农特产品销售增长近四成。", "四成", Kind.GROWTH, "up"),
    ("guangxi", "全部工业增加值超8千亿元、比2020年增加五成以上。", "五成", Kind.GROWTH, "up"),
    # a share cue nearer than the change verb: still a share
    ("beijing", "软件信息、科技服务和商务服务三大产业对经济增长贡献超五成，", "五成", Kind.SHARE, None),
]


@pytest.mark.parametrize("report,sentence,text,kind,direction", TENTHS, ids=[t[1] for t in TENTHS])
def test_tenths_after_a_change_verb(report, sentence, text, kind, direction):
    f = _by_text(_real(report, sentence))[text]
    assert (f.kind, f.unit, f.extra.get("direction")) == (kind, "成", direction)


def test_jingjian_liangcheng_reads_like_yajian_20_percent():
    (f,) = _real("beijing", "全市性督查检查考核事项精简两成，")
    (g,) = extract("全市性督查检查考核事项精简20%，")  # made-up: the same cut in %
    assert (f.kind, f.extra["direction"], f.subject, f.qualifier) == (g.kind, g.extra["direction"], g.subject, g.qualifier)
    assert f.value == Decimal(2) and str(f.interval) == "[1.5, 2.5]"  # in 成, as written
    assert f.value * 10 == g.value  # 成 is a tenth


# --------------------------------------------------------------------------------------
# 8. a fraction after a change verb is a change in %: 减少三分之一 is down 33.3… %
#    (the corpus writes no such fraction: made-up sentences)
# --------------------------------------------------------------------------------------
def test_fraction_after_a_reduction_verb_is_a_decline():
    (f,) = extract("审批事项减少三分之一。")
    (g,) = extract("审批事项减少1/3。")
    for x in (f, g):
        assert (x.kind, x.unit, x.extra["direction"], x.extra["fraction"]) == (Kind.GROWTH, "%", "down", "1/3")
        assert x.value == Decimal("33.33333333333333333333333333")
        assert x.interval.lower <= Decimal(100) / 3 <= x.interval.upper
        assert x.subject == "审批事项"
    (h,) = extract("审批材料压减三分之一以上。")
    assert (h.kind, h.extra["direction"], h.qualifier) == (Kind.GROWTH, "down", "以上")
    assert str(h.interval) == "[33.33333333333333333333333333, ∞)"
    (k,) = extract("审批时限压缩1/4。")
    assert (k.value, str(k.interval), k.extra["direction"]) == (Decimal(25), "[25, 25]", "down")


def test_fraction_of_a_whole_stays_a_share():
    (f,) = _real("jiangsu", "船舶海工出口规模占全国1/3以上")
    assert (f.kind, f.unit, f.extra["fraction"]) == (Kind.SHARE, None, "1/3")
    assert [x.kind for x in extract("提高到三分之一")] == [Kind.SHARE]  # a level, not a change


# --------------------------------------------------------------------------------------
# 9. 第一、二产业, 第一、第三产业, 三次产业: names of economic sectors, not ranks or counts
# --------------------------------------------------------------------------------------
def test_sector_lists_are_names():
    s = "第一、第三产业增加值分别增长3.1%、5.1%"
    figs = _real("yunnan", s)
    assert [(f.text, f.kind) for f in figs] == [
        ("第一", Kind.NAME), ("第三", Kind.NAME), ("3.1%", Kind.GROWTH), ("5.1%", Kind.GROWTH)]
    (f,) = _real("gansu", "第一产业增加值增速连续19个季度居全国前5位。")[:1]
    assert (f.text, f.kind) == ("第一", Kind.NAME)
    # made-up forms of the same list
    for text, expected in [
        ("第一、二产业增加值", [("第一", Kind.NAME), ("二", Kind.NAME)]),
        ("第一、二、三产业增加值", [("第一", Kind.NAME), ("二", Kind.NAME), ("三", Kind.NAME)]),
        ("第二、三产业", [("第二", Kind.NAME), ("三", Kind.NAME)]),
    ]:
        assert [(f.text, f.kind) for f in extract(text)] == expected, text
    # not a sector: an ordinal list of rounds stays ranks
    assert [f.kind for f in extract("第一、二轮督察")] == [Kind.RANK, Kind.RANK]


@pytest.mark.parametrize("report,sentence", [
    ("jiangxi", "三次产业结构由8.7∶41.2∶50.1调整为7.4∶39.6∶53。"),
    ("ningxia", "三次产业结构进一步优化，"),
    ("guizhou", "三次产业结构持续优化，"),
])
def test_three_sectors_is_a_name(report, sentence):
    f = _real(report, sentence)[0]
    assert (f.text, f.value, f.unit, f.kind) == ("三次", Decimal(3), None, Kind.NAME)  # not 3 times


def test_sectors_without_di_are_not_reported():
    # as 三亚, 四川: a numeral in a name with no unit after it is not a figure
    assert _real("beijing", "推动农村一二三产业深度融合。") == []
    assert [f.text for f in _real("guangxi", "好成绩。一、二、三产业增加值分别增长4.2%、5%、5.4%。")] == ["4.2%", "5%", "5.4%"]
