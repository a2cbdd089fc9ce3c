"""The Jining 2024 report: every ``**``-marked figure, and the unmarked numbers.

The tables below were written by hand from reading
data/jining-2024-work-report-interpretation.md — value, unit, qualifier and
kind as a careful reader understands them, line and column of the figure's
first character (code points, ``**`` markers counted; a rank's span starts at
its 第). They were not produced by running the extractor.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from conftest import JINING
from reportcheck.text.extract import extract

TEXT = JINING.read_text(encoding="utf-8")
FIGS = extract(TEXT)
BY_POS = {(f.line, f.column): f for f in FIGS}

A, C, G, P, S, R, N, L, D, M, Y, T = (
    "amount", "count", "growth", "points", "share", "rank", "name", "label", "duration", "multiple", "year", "ratio",
)

# (line, column, text, value, unit, qualifier, kind) — one row per **…** span, in text order
BOLD = [
    (9, 13, "5600亿元", "5600", "亿元", "预计", A),
    (9, 26, "6.5%", "6.5", "%", "预计", G),
    (9, 45, "475亿元", "475", "亿元", None, A),
    (9, 57, "6.1%", "6.1", "%", None, G),
    (13, 19, "4000亿元", "4000", "亿元", "突破", A),
    (13, 32, "10%", "10", "%", None, G),
    (13, 42, "500万元", "500", "万元", "以上", A),
    (13, 62, "1099个", "1099", "个", None, C),
    (13, 76, "900亿元", "900", "亿元", None, A),
    (13, 107, "351家", "351", "家", None, C),
    (13, 120, "939家", "939", "家", "达到", C),
    (17, 21, "11位", "11", "位", None, C),
    (17, 50, "8人", "8", "人", None, C),
    (17, 65, "400家", "400", "家", None, C),
    (17, 78, "1800家", "1800", "家", "突破", C),
    (17, 98, "88个", "88", "个", None, C),
    (17, 108, "773个", "773", "个", "达到", C),
    (17, 117, "6个", "6", "个", None, C),
    (29, 133, "7大", "7", "大", "实现", C),
    (33, 38, "5个", "5", "个", None, C),
    (33, 52, "269个", "269", "个", None, C),
    (41, 9, "6.7万人", "6.7", "万人", None, C),
    (41, 51, "95%", "95", "%", "保持在+以上", S),
    (41, 59, "97%", "97", "%", "保持在+以上", S),
    (41, 115, "60所", "60", "所", None, C),
    (41, 127, "4.9万个", "4.9", "万个", None, C),
    (41, 145, "1500处", "1500", "处", None, C),
    (41, 159, "6.7万张", "6.7", "万张", None, C),
    (45, 25, "第2位", "2", "位", None, R),
    (45, 46, "7.1%", "7.1", "%", None, G),
    (45, 55, "14.1%", "14.1", "%", None, G),
    (45, 66, "5年", "5", "年", None, D),
    (51, 12, "19条", "19", "条", None, C),
    (51, 42, "416个", "416", "个", None, C),
    (51, 84, "1000个", "1000", "个", None, C),
    (51, 138, "10%", "10", "%", "以上", G),
    (51, 253, "10个", "10", "个", "过", C),
    (51, 262, "2个", "2", "个", "以上", C),
    (57, 123, "20家", "20", "家", "以上", C),
    (57, 186, "5项", "5", "项", "以上", C),
    (57, 217, "20条", "20", "条", None, N),
    (63, 14, "1000个", "1000", "个", None, C),
    (63, 35, "2000亿元", "2000", "亿元", "以上", A),
    (63, 86, "25%", "25", "%", "以上", G),
    (63, 135, "100家", "100", "家", None, C),
    (63, 150, "1000亿元", "1000", "亿元", "突破", A),
    (63, 164, "5家", "5", "家", None, C),
    (63, 184, "400家", "400", "家", "达到+以上", C),
    (69, 15, "5G", "5", None, None, L),
    (69, 23, "1500个", "1500", "个", None, C),
    (69, 37, "1.6万个", "1.6", "万个", "突破", C),
    (69, 50, "5G", "5", None, None, L),
    (69, 63, "85%", "85", "%", "达到", S),
    (69, 85, "5A级", "5", None, None, L),
    (69, 226, "80%", "80", "%", "达到+以上", S),
    (75, 23, "30个", "30", "个", "增至", C),
    (75, 38, "150万人次", "150", "万人次", "突破", C),
    (75, 228, "29个", "29", "个", None, C),
    (75, 246, "214个", "214", "个", None, C),
    (75, 274, "101处", "101", "处", None, C),
    (81, 63, "3条", "3", "条", None, C),
    (87, 14, "5.5%", "5.5", "%", "以上", G),
    (87, 29, "6000亿元", "6000", "亿元", "力争+突破", A),
    (88, 16, "5%", "5", "%", "以上", G),
    (88, 27, "500亿元", "500", "亿元", "突破", A),
    (89, 14, "7%", "7", "%", "左右", G),
    (90, 15, "8%", "8", "%", "以上", G),
    (91, 17, "6%", "6", "%", "以上", G),
    (96, 24, "40万亩", "40", "万亩", None, A),
    (96, 51, "100亿斤", "100", "亿斤", "突破", A),
    (96, 80, "800万亩次", "800", "万亩次", "达到", A),
    (96, 95, "310万亩", "310", "万亩", "以上", A),
    (96, 119, "30家", "30", "家", None, C),
    (96, 160, "100家", "100", "家", None, C),
    (96, 188, "3000人", "3000", "人", "以上", C),
    (96, 233, "118个", "118", "个", None, C),
    (96, 255, "96个", "96", "个", None, C),
    (102, 66, "400亿元", "400", "亿元", "以上", A),
    (102, 121, "120件", "120", "件", None, C),
    (102, 227, "1000亿元", "1000", "亿元", "以上", A),
    (102, 249, "100亿元", "100", "亿元", "以上", A),
    (102, 279, "40家", "40", "家", None, C),
    (102, 295, "3家", "3", "家", None, C),
    (108, 133, "8家", "8", "家", None, C),
    (108, 148, "1.1GW", "1.1", "GW", None, A),
    (108, 170, "5个", "5", "个", None, C),
    (108, 207, "580万千瓦", "580", "万千瓦", "达到", A),
    (108, 233, "5300亩", "5300", "亩", None, A),
    (108, 247, "1.1万亩", "1.1", "万亩", None, A),
    (108, 259, "5000亩", "5000", "亩", None, A),
    (108, 276, "2万亩", "2", "万亩", None, A),
    (114, 315, "30家", "30", "家", "以上", C),
    (114, 334, "210亿元", "210", "亿元", "突破", A),
    (120, 22, "6.1万人", "6.1", "万人", "以上", C),
    (120, 45, "10万人", "10", "万人", "保持+以上", C),
    (120, 90, "6000个", "6000", "个", None, C),
    (120, 105, "70%", "70", "%", "达到+以上", S),
    (120, 122, "28所", "28", "所", None, C),
    (120, 134, "3万个", "3", "万个", None, C),
    (120, 148, "100所", "100", "所", None, C),
    (120, 168, "62%", "62", "%", "达到+以上", S),
    (120, 229, "120个", "120", "个", None, C),
    (120, 247, "400人", "400", "人", "以上", C),
    (120, 271, "7000个", "7000", "个", None, C),
    (120, 288, "5.6个", "5.6", "个", "达到", T),
    (120, 316, "3000人次", "3000", "人次", None, C),
    (120, 333, "2000人次", "2000", "人次", None, C),
    (120, 389, "2000张", "2000", "张", None, C),
    (120, 413, "2000户", "2000", "户", None, C),
    (120, 429, "200处", "200", "处", None, C),
    (120, 485, "9类", "9", "类", None, C),
    (120, 503, "7.5%", "7.5", "%", "以上", G),
]

# numbers without ** markers: (line, column, text, value or None, kind)
UNMARKED = [
    (5, 1, "2023年", "2023", Y),
    (9, 76, "第一", "1", R),  # 全省第一方阵
    (13, 2, "231", "231", N),  # “231”先进制造业集群
    (13, 127, "两年", "2", D),
    (13, 131, "翻番", "2", M),
    (21, 22, "三", "3", N),  # “三改二”
    (21, 24, "二", "2", N),
    (21, 36, "十四五", None, N),
    (29, 47, "两年", "2", D),  # 连续两年
    (29, 52, "首位", "1", R),
    (29, 58, "十", "10", N),  # “十强县”
    (33, 6, "八条", "8", N),  # “八条路径”
    (33, 20, "三年", "3", D),  # 三年行动
    (33, 63, "首位", "1", R),
    (35, 4, "两", "2", N),  # 文化“两创”
    (37, 15, "十周年", "10", D),
    (37, 56, "第二季", "2", R),
    (41, 73, "六大", "6", N),  # “六大中心”
    (45, 120, "九连冠", "9", N),
    (47, 1, "2024年", "2024", Y),
    (49, 1, "1", "1", L),  # numbered headings
    (51, 31, "三", "3", N),  # “一图三清单”
    (51, 71, "三年", "3", D),
    (55, 1, "2", "2", L),
    (57, 47, "三年", "3", D),  # 研发突破三年行动: 突破 is not a qualifier of a span
    (57, 134, "231", "231", N),
    (57, 153, "四", "4", N),  # “四链”
    (61, 1, "3", "3", L),
    (67, 1, "4", "4", L),
    (73, 1, "5", "5", L),
    (75, 69, "五", "5", N),  # “五纵五横”
    (75, 71, "五", "5", N),
    (75, 82, "三", "3", N),  # “三纵一横”
    (75, 378, "三百", "300", N),  # “三百”工程
    (79, 1, "6", "6", L),
    (81, 138, "六大", "6", N),  # “六大临港百亿园区”
    (81, 153, "六", "6", N),  # “一轴六园”
    (94, 1, "7", "7", L),
    (96, 221, "三年", "3", D),
    (96, 228, "第一批", "1", R),
    (96, 250, "第二批", "2", R),
    (100, 1, "8", "8", L),
    (106, 1, "9", "9", L),
    (108, 38, "三场", "3", C),  # 三场标志性战役
    (112, 1, "10", "10", L),
    (112, 11, "两", "2", N),
    (114, 164, "两", "2", N),  # “一区两园百馆”
    (114, 228, "十", "10", N),  # “十城百企千里”
    (118, 1, "11", "11", L),
    (124, 1, "12", "12", L),
    (126, 24, "三年", "3", D),
    (126, 30, "四个", "4", N),  # “四个专项”
]


def test_the_document_has_112_bold_spans_and_the_table_covers_each():
    spans = [(i, m.start() + 3) for i, line in enumerate(TEXT.split("\n"), 1) for m in re.finditer(r"\*\*(.+?)\*\*", line)]
    assert len(spans) == 112
    assert len(BOLD) == 112
    # every marked span starts the figure the table pins (a rank starts at its 第, 3 columns earlier)
    starts = {(line, col) for line, col, text, *_ in BOLD}
    for line, col in spans:
        assert (line, col) in starts or (line, col - 3) in starts, (line, col)


@pytest.mark.parametrize("row", BOLD, ids=[f"{r[0]}:{r[1]}:{r[2]}" for r in BOLD])
def test_bold_figure(row):
    line, col, text, value, unit, qualifier, kind = row
    f = BY_POS.get((line, col))
    assert f is not None, f"no figure at {line}:{col} ({text})"
    assert f.text == text
    assert f.value == Decimal(value)
    assert f.unit == unit
    assert f.qualifier == qualifier
    assert f.kind.value == kind
    # the span in the original text covers the figure with its ** markers
    original = TEXT.split("\n")[line - 1]
    assert f.end_line == line
    assert original[col - 1 : f.end_column - 1].replace("**", "") == text
    assert f.interval.contains(f.value) or f.qualifier and ("突破" in f.qualifier or "过" in f.qualifier)


@pytest.mark.parametrize("row", UNMARKED, ids=[f"{r[0]}:{r[1]}:{r[2]}" for r in UNMARKED])
def test_unmarked_figure(row):
    line, col, text, value, kind = row
    f = BY_POS.get((line, col))
    assert f is not None, f"no figure at {line}:{col} ({text})"
    assert f.text == text
    assert f.kind.value == kind
    assert f.value == (Decimal(value) if value is not None else None)
    if kind in (N, L, R, Y, D):
        assert not f.kind.is_quantity


def test_no_other_figures():
    expected = {(r[0], r[1]) for r in BOLD} | {(r[0], r[1]) for r in UNMARKED}
    extra = [(f.line, f.column, f.text) for f in FIGS if (f.line, f.column) not in expected]
    assert extra == []
    assert len(FIGS) == len(BOLD) + len(UNMARKED)


# intervals, by the policy in docs/extraction.md (worked out by hand)
INF = Decimal("Infinity")
INTERVALS = [
    # (line, column, lower, upper, lower_closed, upper_closed)
    (9, 13, "5599.5", "5600.5", True, True),  # 5600亿元: exact to the last written digit
    (9, 26, "6.45", "6.55", True, True),  # 6.5%
    (13, 107, "351", "351", True, True),  # 351家: an exact count
    (17, 78, "1800", INF, False, False),  # 突破1800家 excludes 1800
    (41, 51, "94.5", INF, True, False),  # 95%…以上 (shared 以上)
    (41, 59, "96.5", INF, True, False),  # 97%以上
    (41, 127, "4.85", "4.95", True, True),  # 4.9万个
    (87, 29, "6000", INF, False, False),  # 力争突破6000亿元
    (88, 27, "500", INF, False, False),  # 突破500亿元
    (89, 14, "6.5", "7.5", True, True),  # 7%左右: ± max(0.5, 5% of 7)
    (108, 148, "1.05", "1.15", True, True),  # 1.1GW
    (120, 22, "6.05", INF, True, False),  # 6.1万人以上
    (120, 288, "5.55", "5.65", True, True),  # 千人托位数5.6个 is a ratio, not a count: rounded
    (75, 38, "150", INF, False, False),  # 突破150万人次
]


@pytest.mark.parametrize("row", INTERVALS, ids=[f"{r[0]}:{r[1]}" for r in INTERVALS])
def test_interval(row):
    line, col, lo, hi, lc, hc = row
    iv = BY_POS[(line, col)].interval
    assert (iv.lower, iv.upper, iv.lower_closed, iv.upper_closed) == (Decimal(lo), Decimal(hi), lc, hc)


def test_flags_and_directions():
    assert BY_POS[(87, 29)].stretch and not BY_POS[(87, 14)].stretch
    assert BY_POS[(9, 13)].estimate and BY_POS[(9, 26)].estimate and not BY_POS[(9, 45)].estimate
    assert BY_POS[(45, 46)].extra["direction"] == "down"
    assert BY_POS[(45, 55)].extra["direction"] == "down"
    assert BY_POS[(9, 26)].extra["direction"] == "up"
    assert BY_POS[(13, 131)].extra["factor"] == 2  # 两年实现翻番


SUBJECTS = [
    (9, 13, "地区生产总值"),
    (9, 26, "地区生产总值"),  # 、增长6.5%: inherits
    (13, 107, "新培育省级以上单项冠军、专精特新、瞪羚企业"),
    (13, 120, "总量"),
    (41, 51, "基本养老保险覆盖率"),  # 分别 list: each item its own subject
    (41, 59, "医保参保率"),
    (45, 46, "治安警情"),  # 治安、刑事警情: the modifier shares the head noun
    (45, 55, "刑事警情"),
    (87, 14, "地区生产总值"),
    (87, 29, "地区生产总值"),
    (120, 288, "千人托位数"),
    (108, 207, "新能源和可再生能源发电装机规模"),
]


@pytest.mark.parametrize("row", SUBJECTS, ids=[f"{r[0]}:{r[1]}" for r in SUBJECTS])
def test_subject(row):
    line, col, subject = row
    assert BY_POS[(line, col)].subject == subject


def test_sentence_is_markup_free_and_contains_the_figure():
    f = BY_POS[(13, 120)]
    assert "**" not in f.sentence
    assert "总量达到939家" in f.sentence
    assert f.sentence.endswith("。")


# --- the extract output contract (JSON / CSV) ---------------------------------------------------

def test_json_records_follow_the_contract():
    import json

    from reportcheck.text.export import CONTRACT_FIELDS, figures_to_json

    data = json.loads(figures_to_json(FIGS))
    assert len(data) == len(FIGS)
    for rec in data:
        assert set(CONTRACT_FIELDS) <= set(rec)
    r = next(x for x in data if (x["line"], x["column"]) == (88, 27))  # 突破500亿元
    assert (r["text"], r["value"], r["unit"], r["qualifier"], r["lower"], r["upper"], r["kind"]) == (
        "500亿元", 500, "亿元", "突破", 500, None, "amount")
    assert r["lower_closed"] is False
    assert (r["end_line"], r["end_column"]) == (88, 34)
    assert "突破**500**" not in r["sentence"] and "突破500亿元" in r["sentence"]
    g = next(x for x in data if (x["line"], x["column"]) == (9, 26))
    assert (g["value"], g["lower"], g["upper"]) == (6.5, 6.45, 6.55)
    assert "\\u" not in figures_to_json(FIGS[:3])  # not ASCII-escaped


def test_csv_has_a_header_and_one_row_per_figure():
    import csv
    import io

    from reportcheck.text.export import RECORD_FIELDS, figures_to_csv

    rows = list(csv.DictReader(io.StringIO(figures_to_csv(FIGS))))
    assert len(rows) == len(FIGS)
    assert tuple(rows[0].keys()) == RECORD_FIELDS
    r = next(x for x in rows if (x["line"], x["column"]) == ("120", "22"))  # 6.1万人以上
    assert (r["text"], r["value"], r["unit"], r["qualifier"], r["lower"], r["upper"]) == (
        "6.1万人", "6.1", "万人", "以上", "6.05", "")


def test_public_api_and_light_import():
    import subprocess
    import sys

    import reportcheck

    assert reportcheck.extract is extract
    code = (
        "import sys, reportcheck.text.extract as e; e.extract('增长6.5%');"
        "bad=[m for m in ('pint','pandas','pandera') if m in sys.modules]; print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
