"""The relations of issue 17, one test per example sentence: the slip caught (an error or
a warning at the slipped figure), the clean sentence silent (no error, no warning).

Each case is (clean sentence, the figure as written, the slip, severity at least).
"""

from __future__ import annotations

import pytest

from reportcheck.findings import Severity
from reportcheck.lint import infer, lint_text

CASES = [
    # a part after 其中 that is not the first
    ("各项贷款新增1.91万亿元，其中制造业贷款新增1124亿元，无还本续贷新增5982亿元。", "5982亿元", "59820亿元", "warning"),
    ("各项贷款新增1.91万亿元，其中制造业贷款新增1124亿元，无还本续贷新增5982亿元。", "1124亿元", "21124亿元", "error"),
    # something between the whole and 其中
    ("经营主体达1163.7万户、增长6.3%，其中企业410.1万户。", "410.1万户", "4101万户", "warning"),
    ("新登记经营主体320万户、增长13%，总量达2037.7万户。", "2037.7万户", "203.7万户", "error"),
    ("新增公园127座，提前建成千座公园城市，累计达到1100座。", "1100座", "110座", "warning"),
    ("新开工保障性住房7.4万套（间）、累计达到61万套（间）。", "61万套", "6.1万套", "error"),
    # 包括 as a 其中 word, with a sum
    ("提出21个主要指标，包括13个预期性指标、8个约束性指标。", "8个约束性", "18个约束性", "warning"),
    ("提出21个主要指标，包括13个预期性指标、8个约束性指标。", "21个主要", "12个主要", "warning"),
    # shares with a bare 占
    ("民营经济主体占97.2%。", "97.2%", "972%", "error"),
    ("新能源装机占全疆装机64%。", "64%", "640%", "error"),
    ("稀土永磁材料产量占全国92.8%。", "92.8%", "928%", "error"),
    # from-to in 分别 lists
    ("国家级专精特新企业、小巨人企业分别从771家、481家增加到1076家、636家。", "636家", "436家", "error"),
    ("国家级专精特新企业、小巨人企业分别从771家、481家增加到1076家、636家。", "771家", "7710家", "error"),
    # lists counted in Arabic numerals after 等, and items that are figures
    ("实施人工智能、量子科技、先进材料等6个重大科技专项。", "6个", "2个", "warning"),
    ("经济总量跨越7万亿、8万亿、9万亿三个大台阶。", "三个", "四个", "warning"),
]

CROSS = """2026年政府工作报告

一、2025年工作回顾

过去的五年，我们坚持稳中求进工作总基调，经济实力迈上新台阶，民生福祉持续增进，城镇新增就业603.7万人，脱贫攻坚成果巩固拓展，生态环境持续改善。

2025年，全省经济运行稳中有进，全省地区生产总值67665亿元，成都平原经济区地区生产总值4万亿元，城镇新增就业121.7万人，居民收入稳步增长，社会大局和谐稳定。
"""

BULLETS = """2026年政府工作报告

一、2025年工作回顾

各位代表！2025年是“十四五”收官之年。五年来，我们团结带领全省人民，坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，奋力推进现代化建设，取得了显著进展：

——经济综合实力实现新跃升。全省地区生产总值连续跨越台阶，城镇新增就业603.7万人，民生福祉持续增进。

二、2026年工作安排

今年城镇新增就业60万人以上，全年主要工作有序推进，各项任务落实落地，人民群众获得感进一步增强。
"""


def _hits(text: str, needle: str):
    """Findings (error or warning) citing the figure that starts at ``needle``."""
    i = text.index(needle)
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1) + 1
    res = lint_text(text)
    return [f for f in res.findings if f.severity is not Severity.INFO
            and any((r.line, r.column) == (line, col) for r in f.figures)]


def _loud(text: str):
    return [f for f in lint_text(text).findings if f.severity is not Severity.INFO]


@pytest.mark.parametrize("clean,orig,slip,severity", CASES)
def test_clean_sentence_is_silent(clean, orig, slip, severity):
    assert _loud(clean) == []


@pytest.mark.parametrize("clean,orig,slip,severity", CASES)
def test_slip_is_caught(clean, orig, slip, severity):
    assert clean.count(orig) == 1
    bad = clean.replace(orig, slip)
    hits = _hits(bad, slip)
    assert hits, lint_text(bad).findings
    if severity == "error":
        assert any(f.severity is Severity.ERROR for f in hits)


def test_qizhong_later_clause_that_opens_a_new_item_is_not_a_part():
    # 新增高速公路 opens a new item of 完成交通投资, not a part of 新增铁路运营里程
    text = "完成交通投资4999亿元，新增铁路运营里程639公里、其中高铁370公里，新增高速（一级）公路2600公里、农村公路3000公里。"
    assert _loud(text) == []
    # a later clause with other words than the first part's (修复治理退化草原): not a part either
    assert _loud("新增营造林148万亩、其中南北山绿化工程43万亩，修复治理退化草原517万亩，治理水土流失23万亩。") == []


def test_between_whole_and_qizhong_is_a_warning_not_an_error():
    bad = "经营主体达1163.7万户、增长6.3%，其中企业4101万户。"
    assert [f.severity for f in _loud(bad)] == [Severity.WARNING]


def test_completion_of_a_plan_is_not_a_share():
    assert _loud("城镇新增就业、新增发放创业担保贷款分别完成年计划的118.2%、248.57%，城镇居民收入增长4%。") == []


def test_percent_of_a_set_is_a_share():
    assert [f.severity for f in _loud("190%的县医院达到三级医院水平。")] == [Severity.ERROR]
    assert _loud("90%的县医院达到三级医院水平。") == []


def test_year_against_its_five_year_total():
    assert _loud(CROSS) == []
    hits = _hits(CROSS.replace("603.7万人", "60.37万人"), "60.37万人")
    assert [f.check for f in hits] == ["part-of"]
    assert all(f.severity is Severity.WARNING for f in hits)


def test_region_against_the_province():
    hits = _hits(CROSS.replace("4万亿元", "40万亿元"), "40万亿元")
    assert [f.check for f in hits] == ["part-of"]


def test_five_year_periods_without_the_opening_words():
    inf = infer(CROSS)
    periods = {i.fig.text: i.period for i in inf.indicators}
    assert periods["603.7万人"] == "2021-2025"  # 过去的五年
    assert periods["121.7万人"] == "2025"
    inf = infer(BULLETS)
    periods = {i.fig.text: i.period for i in inf.indicators}
    assert periods["603.7万人"] == "2021-2025"  # a —— bullet after 五年来
    assert periods["60万人"] == "2026"


def test_headline_growth_is_plausible():
    assert _loud("2025年，全省地区生产总值增长5.3%，规上工业增加值增长6.1%。") == []
    hits = _hits("2025年，全省地区生产总值增长53%，规上工业增加值增长6.1%。", "53%")
    assert [f.severity for f in hits] == [Severity.WARNING]
    # a sector is not a headline aggregate; a growth over five years is skipped
    assert _loud("高技术制造业增加值增长30.4%。") == []
    assert _loud("五年来，进出口总值增长53.1%。") == []


def test_triathlon_is_a_name_not_a_count_of_a_list():
    # issue 16: 铁人三项世界杯 read as "三项 but 2 items are listed"
    assert _loud("成功举办世界运动会、铁人三项世界杯等国际赛事。") == []
    assert _loud("承办铁人三项、现代五项世界杯赛事。") == []
    # a real count of a list still warns
    assert [f.check for f in _loud("坚决打赢蓝天、碧水、净土四大保卫战。")] == ["count-of-list"]


def test_arabic_count_after_a_complete_list_is_not_read():
    # 连跨4个千亿台阶 counts steps, not the two items listed
    assert _loud("人民币存款、贷款余额连跨4个千亿台阶。") == []


NUMBERED = """2026年政府工作报告

一、“十四五”时期和2025年工作回顾

“十四五”时期是我省发展历程中极不平凡的五年，我们团结带领全省人民，坚持稳中求进工作总基调，取得了一系列标志性成果，经济实力显著增强。

（一）在发展中增进民生福祉，全体人民共同富裕扎实推进，人均可支配收入年均增长6%，城镇新增就业超690万人，社会保障体系更加健全，公共服务水平持续提升。

各位代表，刚刚过去的2025年，全省上下着力稳就业、稳企业、稳市场、稳预期，全省地区生产总值增长5.8%，城镇新增就业141万人，经济运行稳中有进、进中向好。
"""


def test_numbered_items_under_a_five_year_intro_and_the_last_year_after_it():
    periods = {i.fig.text: i.period for i in infer(NUMBERED).indicators}
    assert periods["690万人"] == "2021-2025"  # （一） under “十四五”时期…五年
    assert periods["141万人"] == "2025"  # 刚刚过去的2025年
    assert _loud(NUMBERED) == []
    hits = _hits(NUMBERED.replace("690万人", "69万人"), "69万人")
    assert [f.check for f in hits] == ["part-of"]


@pytest.mark.parametrize("clean,orig,slip", [
    # a quote before the list is not part of it; 家 counts bodies after an 等-list
    ("“5”即依托海口、三亚、儋州、琼海、五指山等5家市疾控中心。", "5家", "4家"),
    # a count of one after two named items
    ("沿江高铁武宜段、呼南高铁襄荆段等5条高铁建成运营。", "5条", "1条"),
    # a member of the 、-list of parts in another unit does not end the list
    ("建设1000个农村“水盆子”项目，其中小型水库7座、水池等调蓄设施993个。", "993个", "9930个"),
])
def test_lists_read_in_the_corpus(clean, orig, slip):
    assert _loud(clean) == []
    assert _hits(clean.replace(orig, slip), slip)


def test_a_count_with_a_magnitude_after_an_open_list():
    # 等1.1万个: at least three, in 个 (not 3万个)
    assert _loud("建设武汉、宜昌、襄阳等1.1万个项目。") == []


SUBHEADINGS = """2026年政府工作报告

一、2025年和“十四五”时期工作回顾

这一年，我们精准施策、务实笃行，民生福祉改善提升，城镇新增就业17.78万人，居民收入稳步增长，社会大局保持和谐稳定，各项事业全面进步。

五年来，我们坚定不移贯彻新发展理念，在推动高质量发展中实现综合实力新跨越，经济实力、科技实力、综合竞争力持续增强，人民生活水平显著提高。

就业形势保持稳定。

城镇新增就业86.22万人、农村劳动力转移就业53.47万人，城镇调查失业率控制在5.5%以内，社会保障体系不断健全，公共服务水平持续提升。
"""


def test_paragraphs_under_subheadings_of_a_five_year_review():
    periods = {i.fig.text: i.period for i in infer(SUBHEADINGS).indicators}
    assert periods["17.78万人"] == "2025"  # 这一年
    assert periods["86.22万人"] == "2021-2025"  # after 五年来, under a short subheading
    assert _loud(SUBHEADINGS) == []
    assert _hits(SUBHEADINGS.replace("17.78万人", "177.8万人"), "177.8万人")


def test_a_list_inside_quotes_before_its_count():
    assert _loud("健全“考核、督查、激励”三项机制。") == []
    assert [f.check for f in _loud("健全“考核、督查、激励”两项机制。")] == ["count-of-list"]
