"""Real provincial reports (2026): hand-checked hard figures, and robustness on all 25.

The five reports under tests/data/corpus/ are copies (unchanged) of
../shared/corpus/provinces-2026/. Each table row was checked by reading the
sentence in the report: value, unit, qualifier and kind as a careful reader
understands them; line/column of the first character of the figure (a rank's
span starts at its 第). Chosen for difficulty: 万亿元, 个百分点, 倍, ranges,
分别 lists, 多/余, Chinese numerals and numbers inside names.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, TESTDATA
from reportcheck.figure import Kind
from reportcheck.text.document import load_document
from reportcheck.text.extract import extract

CORPUS = TESTDATA / "corpus"
SHARED = ROOT.parent / "shared" / "corpus" / "provinces-2026"

A, C, G, P, S, R, N, L, D, M, Y, T, DT = (
    "amount", "count", "growth", "points", "share", "rank", "name", "label", "duration", "multiple", "year", "ratio",
    "date",
)

# (line, column, text, value, unit, qualifier, kind)
PINNED: dict[str, list[tuple]] = {
    "shandong": [
        (10, 1, "2026年", "2026", None, None, Y),
        (11, 3, "2026年1月27日", None, None, None, DT),
        (13, 4, "2026-02-01", None, None, None, DT),
        (17, 10, "十四五", None, None, None, N),
        (19, 83, "5.5%", "5.5", "%", None, G),
        (19, 90, "10.3万亿元", "10.3", "万亿元", "达到", A),
        (19, 102, "第三个", "3", "个", None, R),  # 全国第三个…省份
        (19, 112, "10万亿元", "10", "万亿元", "过", A),  # 北方第一个过10万亿元省份
        (19, 139, "1.3万亿元", "1.3", "万亿元", "超过", A),
        (19, 150, "首位", "1", None, None, R),
        (19, 171, "1.7个百分点", "1.7", "个百分点", None, P),
        (19, 289, "64.7%", "64.7", "%", "达到", S),  # 民间投资占比达到
        (19, 341, "30%", "30", "%", "超过", S),
        (19, 365, "2.8万亿元", "2.8", "万亿元", None, A),
        (19, 386, "5100多亿元", "5100", "亿元", "多", A),
        (19, 416, "4200余个", "4200", "个", "余", C),
        (19, 623, "8.7%", "8.7", "%", None, G),  # 分别增长8.7%、31.5%和32.3%
        (19, 628, "31.5%", "31.5", "%", None, G),
        (19, 634, "32.3%", "32.3", "%", None, G),
        (19, 660, "6000多场", "6000", "场", "多", C),
        (19, 678, "1号", "1", None, None, N),  # “齐鲁1号”旅游列车
        (20, 315, "1万人", "1", "万人", "突破", C),
        (21, 619, "12345", "12345", None, None, N),  # “12345”热线
        (21, 631, "4000多万件", "4000", "万件", "多", C),
        (22, 189, "1.8万余个", "1.8", "万个", "余", C),
        (23, 249, "PM2.5", "2.5", None, None, L),
        (23, 260, "32.4微克/立方米", "32.4", "微克/立方米", "降到", A),
        (23, 302, "4.6个百分点", "4.6", "个百分点", None, P),
        (24, 434, "十一连冠", "11", None, None, N),
        (24, 746, "129天", "129", "天", None, D),
        (24, 751, "1亿千瓦", "1", "亿千瓦", "超", A),
        (25, 22, "五年", "5", "年", None, D),
        (26, 113, "7.34万元", "7.34", "万元", None, T),  # 人均生产总值
        (26, 122, "10.26万元", "10.26", "万元", "提升至", T),
        (26, 142, "3.7万亿元", "3.7", "万亿元", "完成", A),
        (27, 223, "1.5倍", "1.5", "倍", None, M),  # 增长1.5倍
        (28, 137, "2万多家", "2", "万家", "多", C),
        (28, 160, "翻番", "2", "倍", None, M),
        (30, 188, "1.6倍", "1.6", "倍", None, M),
        (33, 217, "6.4张", "6.4", "张", None, T),  # 千人口床位数由6.4张增至7.6张
        (33, 223, "7.6张", "7.6", "张", "增至", T),
        (45, 35, "5%", "5", "%", "以上", G),
        (45, 92, "5.5%", "5.5", "%", "控制在+左右", S),  # 城镇调查失业率
        (45, 105, "110万人", "110", "万人", "以上", C),
        (47, 517, "2300亿元", "2300", "亿元", "力争", A),  # 力争全年完成交通投资2300亿元
    ],
    "gansu": [
        (11, 3, "二〇二六年", "2026", None, None, Y),
        (11, 8, "一月二十七日", None, None, None, DT),
        (20, 146, "3382户", "3382", "户", "增加到", C),
        (20, 171, "1112.4亿元", "1112.4", "亿元", "增加到", A),
        (20, 205, "500亿元", "500", "亿元", "突破", A),
        (20, 213, "翻一番", "2", "倍", None, M),
        (21, 137, "2.4倍", "2.4", "倍", None, M),
        (22, 201, "1.27万亿元", "1.27", "万亿元", None, A),
        (22, 213, "32.9%", "32.9", "%", None, G),
        (22, 219, "41.6%", "41.6", "%", None, G),
        (26, 49, "14", "14", None, None, N),  # “14+1”重点产业链
        (26, 179, "17.8%", "17.8", "%", None, G),
        (26, 185, "4.8%", "4.8", "%", None, G),
        (26, 190, "9.9%", "9.9", "%", None, G),
        (26, 397, "第3位", "3", "位", None, R),
        (27, 310, "1000亿元", "1000", "亿元", "超", A),
        (27, 496, "95%", "95", "%", "以上", S),  # 覆盖95%以上行政村
        (28, 96, "60%", "60", "%", "稳定在+以上", S),
        (28, 261, "五连冠", "5", None, None, N),
        (28, 372, "58.08%", "58.08", "%", "提高到", S),
        (29, 93, "翻一番", "2", "倍", None, M),
        (29, 551, "3万亿元", "3", "万亿元", "突破", A),
        (29, 683, "55.4倍", "55.4", "倍", None, M),
        (29, 704, "5.66亿件", "5.66", "亿件", "增加到", C),
        (30, 106, "13亿立方米", "13", "亿立方米", "近", A),
        (30, 425, "1.64个百分点", "1.64", "个百分点", None, P),
        (31, 43, "80%", "80", "%", "稳定在+左右", S),
        (31, 91, "26.7%", "26.7", "%", None, G),
        (31, 97, "27%", "27", "%", None, G),
        (31, 480, "4.59个", "4.59", "个", None, T),  # 每千人拥有…托位数
        (32, 67, "36.7%", "36.7", "%", None, G),
        (32, 85, "39.1%", "39.1", "%", None, G),
        (33, 305, "八五", None, None, None, N),  # “八五”普法
        (34, 135, "第2位", "2", "位", None, R),
        (41, 165, "1个百分点", "1", "个百分点", "以上", P),
        (44, 191, "翻一番", "2", "倍", "力争", M),
        (45, 127, "2%", "2", "%", "超过", S),  # 比重分别超过2%、5%
        (45, 130, "5%", "5", "%", "超过", S),
        (52, 192, "5%", "5", "%", "左右", G),  # 分别增长5%、6.5%左右
        (52, 195, "6.5%", "6.5", "%", "左右", G),
        (52, 238, "1300万吨", "1300", "万吨", "稳定在+以上", A),
        (60, 187, "400户", "400", "户", "力争+以上", C),
        (62, 266, "10亿立方米", "10", "亿立方米", "达到", A),
        (70, 176, "100个", "100", "个", "左右", C),
    ],
    "heilongjiang": [
        (17, 14, "十四五", None, None, None, N),
        (19, 106, "14.7%", "14.7", "%", None, G),
        (19, 179, "2.2个百分点", "2.2", "个百分点", None, P),
        (19, 319, "1.2万个", "1.2", "万个", "近", C),
        (19, 380, "1865.7亿元", "1865.7", "亿元", None, A),
        (19, 391, "4%", "4", "%", None, G),
        (19, 484, "18.7%", "18.7", "%", None, G),
        (19, 490, "31.3%", "31.3", "%", None, G),
        (20, 37, "200余项", "200", "项", "余", C),
        (20, 134, "100万吨", "100", "万吨", "突破", A),
        (21, 166, "12.7个", "12.7", "个百分点", None, P),  # 分别高于全国12.7个、12个百分点
        (21, 172, "12个百分点", "12", "个百分点", None, P),
        (22, 228, "九", "9", None, None, N),  # “九珍十八品”
        (22, 230, "十八", "18", None, None, N),
        (22, 255, "第六位", "6", "位", None, R),
        (22, 403, "4500亿元", "4500", "亿元", "超", A),
        (25, 110, "8.4个百分点", "8.4", "个百分点", None, P),
        (25, 235, "11.6%", "11.6", "%", None, G),
        (25, 241, "28.4%", "28.4", "%", None, G),
        (26, 228, "4.5个百分点", "4.5", "个百分点", None, P),
        (27, 121, "七年", "7", "年", None, D),  # 近七年最高: the last seven years
        (31, 591, "翻番", "2", "倍", None, M),
        (31, 631, "六年", "6", "年", None, D),
        (31, 647, "1.43个百分点", "1.43", "个百分点", None, P),
        (31, 835, "42.2平方米", "42.2", "平方米", "提高到", T),  # 人均住房建筑面积
        (36, 180, "十二个", "12", None, None, N),  # “十二个奋力推进”
        (52, 27, "4.5-5%", None, "%", None, G),
        (52, 51, "1600亿斤", "1600", "亿斤", "以上", A),
        (52, 80, "5.7%", "5.7", "%", "左右", S),  # 城镇调查失业率
        (52, 132, "3.8%", "3.8", "%", "左右", G),  # 二氧化碳排放降低
        (62, 308, "1万亿元", "1", "万亿元", "以上", A),
        (62, 325, "10%", "10", "%", "以上", G),
    ],
    "shanxi": [
        (15, 8, "十四", "14", None, None, N),  # 省十四届人大五次会议
        (18, 4, "十四五", None, None, None, N),
        (20, 20, "2.5万亿元", "2.5", "万亿元", "超过", A),
        (20, 46, "5.2万元", "5.2", "万元", None, T),  # 人均GDP
        (20, 117, "2000个", "2000", "个", "超", C),
        (21, 62, "三成", "3", "成", "近", S),  # 占全国近三成
        (22, 42, "64.3%", "64.3", "%", "达到", S),
        (22, 48, "62.3%", "62.3", "%", "达到", S),
        (22, 98, "7%", "7", "%", None, G),
        (22, 101, "6.8%", "6.8", "%", None, G),
        (23, 30, "两所", "2", "所", None, C),
        (23, 209, "4500家", "4500", "家", "突破", C),
        (25, 70, "4.8%", "4.8", "%", None, G),
        (25, 75, "50%", "50", "%", None, G),
        (25, 85, "1万余个", "1", "万个", "余", C),
        (25, 280, "九", "9", None, None, N),  # “三纵九横”
        (27, 96, "1200余所", "1200", "所", "余", C),
        (30, 132, "1.8个百分点", "1.8", "个百分点", None, P),
        (30, 153, "3.4个", "3.4", "个百分点", None, P),  # 分别快于全国3.4个、1个百分点
        (30, 158, "1个百分点", "1", "个百分点", None, P),
        (35, 63, "7.2个百分点", "7.2", "个百分点", None, P),
        (35, 123, "十位", "10", None, None, N),  # “后十位”
        (36, 356, "12.04%", "12.04", "%", None, G),
        (36, 363, "11.56%", "11.56", "%", None, G),
        (45, 138, "2—4家", None, "家", "力争", C),
        (54, 23, "4.5%—5%", None, "%", None, G),
        (67, 236, "1—2个", None, "个", None, C),
        (72, 119, "2—3家", None, "家", None, C),
        (72, 133, "25—30家", None, "家", None, C),
        (84, 131, "1—2个", None, "个", None, C),
    ],
    "shaanxi": [
        (22, 11, "十四五", None, None, None, N),
        (22, 118, "八场", "8", None, None, N),  # “八场硬仗”
        (24, 79, "64.8%", "64.8", "%", None, G),  # full-width ％ in the text
        (24, 85, "42.5%", "42.5", "%", None, G),
        (24, 403, "845亿元", "845", "亿元", "达到", A),
        (24, 409, "486.3亿元", "486.3", "亿元", "达到", A),
        (24, 571, "1倍", "1", "倍", None, M),  # 入境游客增长1倍
        (25, 189, "69家", "69", "家", "达到", C),
        (25, 193, "107家", "107", "家", "达到", C),
        (25, 715, "九天", "9", None, None, N),  # “九天”大模型
        (26, 96, "10万余户", "10", "万户", "余", C),
        (26, 193, "1.5万亿元", "1.5", "万亿元", "突破", A),
        (26, 207, "200亿元", "200", "亿元", "超", A),
        (26, 277, "三位", "3", None, None, N),  # “三位一体”
        (26, 362, "98%", "98", "%", "超过", S),
        (26, 366, "85%", "85", "%", "超过", S),
        (26, 595, "4.7个", "4.7", "个", "达到", T),  # 每千人口托位、养老床位数分别达到
        (26, 600, "27.3张", "27.3", "张", "达到", T),
        (27, 430, "第一批", "1", "批", None, R),
        (28, 197, "第5", "5", None, None, R),
        (28, 200, "第6位", "6", "位", None, R),
        (28, 232, "1370多亿元", "1370", "亿元", "多", A),
        (28, 485, "三", "3", None, None, N),  # “新三样”
        (29, 226, "9.4%", "9.4", "%", None, G),
        (29, 231, "7.2%", "7.2", "%", None, G),
        (32, 126, "3万亿元", "3", "万亿元", "跨过", A),
        (32, 149, "1万亿元", "1", "万亿元", None, A),
        (32, 212, "1.1万亿元", "1.1", "万亿元", "突破", A),
        (32, 260, "11.9个百分点", "11.9", "个百分点", None, P),
        (32, 466, "千分之一", "0.001", None, None, S),  # ESI前千分之一
        (72, 212, "1万亿元", "1", "万亿元", "力争+超", A),
    ],
}

_CACHE: dict[str, tuple[str, dict]] = {}


def _figures(report: str):
    if report not in _CACHE:
        text = (CORPUS / f"{report}.txt").read_text(encoding="utf-8")
        _CACHE[report] = (text, {(f.line, f.column): f for f in extract(text)})
    return _CACHE[report]


ROWS = [(rep, row) for rep, rows in PINNED.items() for row in rows]


def test_at_least_30_pinned_from_each_of_5_reports():
    assert len(PINNED) >= 5
    for rep, rows in PINNED.items():
        assert len(rows) >= 30, rep
        assert (CORPUS / f"{rep}.txt").exists()


@pytest.mark.parametrize("report,row", ROWS, ids=[f"{rep}:{r[0]}:{r[1]}:{r[2]}" for rep, r in ROWS])
def test_pinned_figure(report, row):
    line, col, text, value, unit, qualifier, kind = row
    source, by_pos = _figures(report)
    f = by_pos.get((line, col))
    assert f is not None, f"no figure at {line}:{col} ({text})"
    assert (f.text, f.unit, f.qualifier, f.kind.value) == (text, unit, qualifier, kind)
    assert f.value == (Decimal(value) if value is not None else None)
    # the span really is at that place in the original line (full-width ％ normalised)
    original = source.split("\n")[line - 1][col - 1 : f.end_column - 1]
    assert original.replace("％", "%") == text


def test_declines_and_multiples_carry_their_meaning():
    _, sx = _figures("shanxi")
    assert sx[(36, 356)].extra["direction"] == "down" and sx[(36, 363)].extra["direction"] == "down"
    _, gs = _figures("gansu")
    assert gs[(32, 67)].extra["direction"] == "down"
    assert gs[(21, 137)].extra["factor"] == Decimal("3.4")  # 增长2.4倍 = ×3.4
    assert gs[(20, 213)].extra["factor"] == 2  # 翻一番
    assert gs[(44, 191)].stretch
    _, sd = _figures("shandong")
    assert sd[(19, 171)].extra["direction"] == "up"
    assert sd[(47, 517)].stretch


def test_ranges_have_both_ends():
    _, sx = _figures("shanxi")
    f = sx[(54, 23)]
    assert f.extra["range"] == (Decimal("4.5"), Decimal("5"))
    assert f.interval.contains(Decimal("4.5")) and f.interval.contains(Decimal(5))
    assert not f.interval.contains(Decimal(6))
    g = sx[(72, 133)]
    assert (g.interval.lower, g.interval.upper) == (Decimal(25), Decimal(30))


def test_fenbie_subjects_in_corpus():
    _, sd = _figures("shandong")
    assert [sd[(19, c)].subject for c in (623, 628, 634)] == ["新能源汽车", "智能家电", "智能手机限上零售额"]
    _, sa = _figures("shaanxi")
    assert [sa[(29, c)].subject for c in (226, 231)] == ["安全生产事故起数", "死亡人数"]
    assert [sa[(29, c)].subject for c in (338, 344)] == ["刑事案件", "治安案件"]


def test_non_quantities_are_never_quantities():
    for rep, rows in PINNED.items():
        _, by_pos = _figures(rep)
        for line, col, text, value, unit, q, kind in rows:
            if kind in (N, L, R, Y, DT, D):
                assert not by_pos[(line, col)].kind.is_quantity


def _all_reports() -> list[Path]:
    # all 25 reports are kept, unchanged, in tests/data/corpus so CI needs nothing outside the repo
    return sorted(CORPUS.glob("*.txt"))


def test_all_25_reports_extract_without_error():
    reports = _all_reports()
    assert len(reports) == 25
    total = 0
    for p in reports:
        doc = load_document(p)
        figs = extract(doc.text, file=str(p))
        assert len(figs) > 100, p.name
        lines = doc.text.split("\n")
        for f in figs:
            assert isinstance(f.kind, Kind)
            assert f.interval is not None
            if f.value is not None and f.kind.is_quantity and f.qualifier is None:
                assert f.interval.contains(f.value), (p.name, f.line, f.text)
            seg = lines[f.line - 1][f.column - 1 : f.end_column - 1] if f.line == f.end_line else None
            if seg is not None:
                assert seg.replace("**", "").translate(str.maketrans("０１２３４５６７８９％．", "0123456789%.")) == f.text
        total += len(figs)
    assert total > 8000


def test_copies_are_unchanged():
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus is not available")
    for p in CORPUS.glob("*.txt"):
        assert p.read_bytes() == (SHARED / p.name).read_bytes()


# forms met in the corpus, written as short sentences: (text, [(figure text, value, unit, kind, qualifier)])
FORMS = [
    # places in a ranking are ranks, not counts of people (位 is also the classifier for people)
    ("全国排名由369位上升到235位", [("369位", "369", "位", R, None), ("235位", "235", "位", R, None)]),
    ("聘请11位院士", [("11位", "11", "位", C, None)]),
    # fixed political names are names, not counts or ranks
    ("贯彻中央八项规定精神", [("八项", "8", None, N, None)]),
    ("编制第十五个五年规划", [("第十五个五年规划", "15", None, N, None)]),
    ("连续3-5年扎扎实实办好民生实事", [("3-5年", None, "年", D, None)]),
    ("林长制改革2.0版", [("2.0版", "2.0", None, L, None)]),
    ("太原地铁1号线开通运营", [("1号", "1", None, L, None)]),
    ("定日6.8级地震", [("6.8级", "6.8", None, L, None)]),
    ("进入中国企业500强", [("500强", "500", None, N, None)]),
    ("耕地面积实现5连增", [("5连增", "5", None, N, None)]),
    ("稳定在全国1/10以上", [("1/10", "0.1", None, S, "以上")]),
    ("之比提高到2.81∶1，", [("2.81", "2.81", None, T, "提高到"), ("1", "1", None, T, None)]),
    ("承办2025中国民营企业500强发布会", [("2025", "2025", None, Y, None), ("500强", "500", None, N, None)]),
    ("时间：2026-02-09 09:45:30", [("2026-02-09", None, None, DT, None), ("09:45:30", None, None, DT, None)]),
    ("全省PM_2.5平均浓度下降", [("PM_2.5", "2.5", None, L, None)]),
    ("统筹用好“三个立法权”［28］，聚焦", [("三个", "3", None, N, None), ("28", "28", None, L, None)]),
    ("2021—2025年", [("2021", "2021", None, Y, None), ("2025年", "2025", None, Y, None)]),
    ("1—11月增长5%", [("1—11月", None, None, DT, None), ("5%", "5", "%", G, None)]),
    ("就业去向落实率为近七年最高", [("七年", "7", "年", D, None)]),
    ("地区生产总值跨过3万亿元", [("3万亿元", "3", "万亿元", A, "跨过")]),
    ("二〇二六年一月二十七日", [("二〇二六年", "2026", None, Y, None), ("一月二十七日", None, None, DT, None)]),
    ("增速分别快于全国3.4个、1个百分点", [("3.4个", "3.4", "个百分点", P, None), ("1个百分点", "1", "个百分点", P, None)]),
    ("省十四届人大五次会议", [("十四", "14", None, N, None), ("五", "5", None, N, None)]),
    ("连续举办两届产业转移对接活动", [("两届", "2", "届", C, None)]),
    ("上海市第一人民医院", [("第一", "1", None, N, None)]),
    ("工业投资连续54个月保持两位数增长", [("54个", "54", "个", C, None), ("两位数", "2", None, L, None)]),
    ("ESI前千分之一", [("千分之一", "0.001", None, S, None)]),
]


@pytest.mark.parametrize("text,expected", FORMS, ids=[t for t, _ in FORMS])
def test_corpus_forms(text, expected):
    got = [(f.text, str(f.value) if f.value is not None else None, f.unit, f.kind.value, f.qualifier) for f in extract(text)]
    assert got == [(t, v, u, k, q) for t, v, u, k, q in expected]
