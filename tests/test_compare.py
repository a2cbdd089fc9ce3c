"""reportcheck compare: verdicts on intervals, matching, findings, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reportcheck
from reportcheck.cli import main
from reportcheck.compare import compare, compare_many, source_index
from reportcheck.compare.verdict import judge
from reportcheck.quantities.interval import Verdict

ROOT = Path(__file__).resolve().parents[1]
JINING = ROOT / "data" / "jining-2024-work-report-interpretation.md"
SHANDONG = ROOT / "data" / "shandong-2026.txt"


def _fig(text: str):
    from reportcheck.compare.index import figures_of

    return figures_of(text)[0]


FAITHFUL = [
    ("超5600亿元", "5612亿元"), ("约5600亿元", "5612亿元"), ("11000亿元", "1.1万亿元"), ("12800家", "1.28万家"),
    ("占五成", "占50%"), ("占一半", "占50%"), ("三分之一", "占33%"), ("不低于5%", "5%以上"), ("约5万个", "4.9万个"),
    ("超过一半", "超过55%"), ("5600亿元", "5612亿元"), ("6.1万人", "6.1万人以上"), ("增长1.2倍", "增长120%"),
    ("第二位", "第2位"), ("580万千瓦", "5.8GW"),
]
CONTRADICTS = [
    ("超5700亿元", "5612亿元", "rounding"), ("约6000亿元", "5612亿元", "rounding"), ("6000亿元", "5612亿元", "value"),
    ("5600万元", "5600亿元", "magnitude"), ("6.7人", "6.7万人", "magnitude"), ("提高2%", "提高2个百分点", "percent-points"),
    ("增长7.1%", "下降7.1%", "direction"), ("不到6.1万人", "6.1万人以上", "qualifier"), ("560亿元", "5600亿元", "value"),
    ("增长6.5%", "增长5.5%以上", "value"), ("993家", "939家", "value"),
]


@pytest.mark.parametrize("text,source", FAITHFUL)
def test_faithful_restatements_pass(text, source):
    assert judge(_fig(text), _fig(source)).verdict is Verdict.PASS


@pytest.mark.parametrize("text,source,slip", CONTRADICTS)
def test_contradictions_fail_with_their_slip(text, source, slip):
    fid = judge(_fig(text), _fig(source))
    assert fid.verdict is Verdict.FAIL
    assert fid.slip == slip


@pytest.mark.parametrize("path", [JINING, SHANDONG])
def test_a_report_compared_with_itself_has_no_finding(path):
    r = compare(path, path)
    assert r.findings == []
    assert r.checks > 100


CORPUS = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", [p for p in CORPUS if p.stem in ("beijing", "hubei", "hebei", "fujian")],
                         ids=lambda p: p.stem)
def test_corpus_reports_compared_with_themselves(path):
    assert compare(path, path).findings == []


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_every_corpus_report_compared_with_itself(path):
    assert compare(path, path).findings == []


def test_self_compare_exits_0(capsys):
    assert main(["compare", str(JINING), str(JINING)]) == 0


NEWS = """济宁去年GDP超5600亿元 同比增长6.5%

本报讯 2023年，济宁市预计完成地区生产总值约5600亿元，增长6.5%；一般公共预算收入475亿元，增长6.5%。新培育专精特新等企业351家，总量达到993家。
今年，济宁GDP目标增长6.5%以上，力争突破6000亿元；固投增长7%左右，社零增长6%以上。
"""


def test_a_news_story_errors_point_at_the_slips():
    r = compare(JINING, NEWS, text_file="news.md")
    errors = [f for f in r.findings if f.severity.value == "error"]
    got = {(f.figures[0].line, f.figures[0].text, f.id) for f in errors}
    assert got == {(3, "6.5%", "fidelity-swap"), (3, "993家", "fidelity-value"), (4, "6.5%", "fidelity-period")}
    for f in errors:
        assert f.category.value == "fidelity"
        assert f.figures[0].file == "news.md"
        assert f.figures[1].file == str(JINING)
        assert "source line" in f.suggestion
        assert "matched by" in f.message


def test_python_api_and_json(tmp_path, capsys):
    r = reportcheck.compare(JINING, NEWS)  # the package is callable: reportcheck.compare(source, text)
    assert isinstance(r, reportcheck.Result) and r.errors == 3
    art = tmp_path / "news.md"
    art.write_text(NEWS, encoding="utf-8")
    rc = main(["compare", str(JINING), str(art), "--format", "json"])
    assert rc == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"]["errors"] == 3
    first = doc["findings"][0]
    assert first["category"] == "fidelity"
    assert first["figures"][0]["file"] == str(art)


def test_complete_warns_for_each_uncited_source_figure():
    text = "济宁2023年新培育专精特新等企业351家。"
    plain = compare(JINING, text)
    assert plain.findings == []
    full = compare(JINING, text, complete=True)
    missing = [f for f in full.findings if f.id == "fidelity-missing"]
    idx = source_index(JINING)
    assert len(missing) == len(idx.entries) - 1
    assert all(f.severity.value == "warning" for f in missing)


def test_many_articles_one_index():
    idx = source_index(JINING)
    rs = compare_many(idx, [NEWS, NEWS])
    assert [r.errors for r in rs] == [3, 3]


def test_unmatched_figure_is_a_warning():
    r = compare(JINING, "济宁市今年接待游客1.2亿人次，旅游收入达到1300亿元。")
    ids = [f.id for f in r.findings]
    assert ids and set(ids) == {"fidelity-unmatched"}


TEN_OF_SHANDONG = """山东2025年经济成绩单
2025年，山东地区生产总值增长5.5%、达到10.3万亿元。规上工业增加值增长7.6%，社会消费品零售总额增长5.1%，进出口增长4.5%。
全年新增上市公司10家，新增海外仓121个，沿海港口万后级以上泊位达到404个。
今年，全省地区生产总值预期增长5%以上，城镇新增就业110万人以上。
""".replace("万后级", "万吨级")


def test_citing_ten_of_three_hundred_figures_raises_nothing_for_the_rest():
    idx = source_index(SHANDONG)
    assert len(idx.entries) >= 290
    r = compare(idx, TEN_OF_SHANDONG)
    assert r.checks == 10
    assert r.findings == []
    assert compare(idx, TEN_OF_SHANDONG, complete=True).warnings == len(idx.entries) - 10


def test_text_reporter_shows_both_figures_with_carets(tmp_path, capsys):
    art = tmp_path / "news.md"
    art.write_text(NEWS, encoding="utf-8")
    assert main(["compare", str(JINING), str(art)]) == 1
    out = capsys.readouterr().out
    block = out.split("FAILURES", 1)[1].split("error[fidelity]: 993家", 1)[1].split("suggestion:", 1)[0]
    assert "news.md:3:" in block and "jining-2024-work-report-interpretation.md:13:" in block
    assert block.count("^^^") >= 2


def test_bad_inputs_exit_2(tmp_path, capsys):
    assert main(["compare", str(JINING), str(tmp_path / "missing.md")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["compare", str(JINING)]) == 2


SPEC = ROOT / "specs" / "jining-2024.yaml"


def test_a_spec_as_source_names_indicators_and_runs_its_rules_on_cited_figures():
    text = ("济宁2023年预计完成地区生产总值5600亿元，增长6.5%。新培育省级以上单项冠军、专精特新、瞪羚企业351家，"
            "总量达到339家。")
    r = compare(SPEC, text, text_file="news.md")
    by_id = {f.id: f for f in r.findings}
    fid = by_id["fidelity-value"]
    assert fid.figures[1].indicator == "enterprises.total.2023"
    rule = next(f for f in r.findings if f.category.value == "consistency")
    assert {g.indicator for g in rule.figures} >= {"enterprises.new.2023", "enterprises.total.2023"}
    assert all(g.file == "news.md" for g in rule.figures if g.indicator.startswith("enterprises"))


def test_a_spec_as_source_with_a_faithful_text_is_clean():
    text = "济宁2023年预计完成地区生产总值5600亿元，增长6.5%；一般公共预算收入475亿元，增长6.1%。"
    assert compare(SPEC, text).findings == []


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "github", "html"])
def test_every_reporter_renders_a_compare_result(fmt, tmp_path):
    out = tmp_path / f"out.{fmt}"
    art = ROOT / "tests" / "data" / "republications" / "jining-news.md"
    assert main(["compare", str(JINING), str(art), "--format", fmt, "--output", str(out)]) == 1
    body = out.read_text(encoding="utf-8")
    assert "993" in body
    if fmt == "html":
        assert body.count('class="fig ') >= 20  # every checked figure of the article is marked


def test_figures_of_another_scope_are_not_the_reports():
    text = "全国GDP增长5.2%，山东GDP增长6%，山东济宁GDP预计完成5600亿元、增长6.5%。"
    r = compare(JINING, text)
    assert [f.id for f in r.findings] == ["fidelity-unmatched", "fidelity-unmatched"]
    assert [f.figures[0].text for f in r.findings] == ["5.2%", "6%"]


def test_the_command_indexes_the_source_once_for_many_texts(tmp_path, monkeypatch, capsys):
    import reportcheck.compare.index as index_mod

    built = []
    real = index_mod.SourceIndex.__init__

    def counting(self, *a, **k):
        built.append(1)
        real(self, *a, **k)

    monkeypatch.setattr(index_mod.SourceIndex, "__init__", counting)
    arts = []
    for i in range(3):
        p = tmp_path / f"a{i}.md"
        p.write_text("济宁2023年新培育专精特新等企业351家。", encoding="utf-8")
        arts.append(str(p))
    assert main(["compare", str(JINING), *arts, "--format", "json"]) == 0
    assert len(built) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["checks"] == 3


def test_the_text_header_names_a_source_document_as_a_source(tmp_path):
    """compare's SOURCE is a report, not a spec: the header says so."""
    from reportcheck.report import render

    import reportcheck

    article = tmp_path / "a.md"
    article.write_text("2023年济宁地区生产总值预计5600亿元。\n", encoding="utf-8")
    source = next((Path(__file__).resolve().parents[1] / "data").glob("*.md"))
    out = render("text", [reportcheck.compare(source, article)])
    assert "1 source, 1 document" in out.splitlines()[1]


# 从2020年的X提升到2025年的Y: each figure is its own year's, on both sides (a faithful
# restatement was a period error: the source side read X as the 2025 result)
GUIZHOU = ROOT / "tests" / "data" / "corpus" / "guizhou.txt"
XIZANG = ROOT / "tests" / "data" / "corpus" / "xizang.txt"
SHANXI = ROOT / "tests" / "data" / "corpus" / "shanxi.txt"


def _errors(source, text):
    r = compare(source, text, text_file="a.md")
    return {(f.figures[0].text, f.id) for f in r.findings if f.severity.value == "error"}


def test_from_to_restated_verbatim_is_faithful():
    assert _errors(GUIZHOU, "农产品加工转化率从2020年的51%提升到2025年的70%。") == set()


def test_from_to_with_the_years_swapped_is_a_period_slip():
    assert _errors(GUIZHOU, "2020年，全省常住人口城镇化率为57.7%。") == {("57.7%", "fidelity-period")}


def test_a_year_before_a_change_is_its_start_not_the_figure_year():
    # 从2021年的46503元…分别提高到58794元: 58794元 is the 2025 figure
    assert _errors(XIZANG, "城乡居民人均可支配收入从2021年的46503元和16935元分别提高到58794元和23184元。") == set()
    assert _errors(XIZANG, "2025年，城镇居民人均可支配收入58794元。") == set()


def test_a_change_computed_from_two_source_figures_is_faithful():
    assert _errors(SHANXI, "人均GDP五年提高2.2万元。") == set()
    assert _errors(SHANXI, "人均GDP五年提高3.2万元。") == {("3.2万元", "fidelity-value")}


def test_a_stronger_bound_with_as_many_digits_is_a_value_slip_not_a_rounding():
    from decimal import Decimal

    from reportcheck.compare import verdict
    from reportcheck.figure import Figure, Kind
    from reportcheck.quantities.interval import Interval

    def fig(v, q="以上"):
        d = Decimal(v)
        return Figure(text=f"{v}%{q}", value=d, unit="%", kind=Kind.SHARE,
                      interval=Interval(d - Decimal("0.5"), Decimal("Infinity"), True, False), qualifier=q)

    assert verdict.judge(fig("55"), fig("52")).slip == "value"  # 55%以上 for 52%以上
    assert verdict._rounder(fig("800"), fig("762"), fig("800").interval, fig("762").interval)
    assert not verdict._rounder(fig("55"), fig("52"), fig("55").interval, fig("52").interval)


JIANGXI = ROOT / "tests" / "data" / "corpus" / "jiangxi.txt"


def test_a_subject_earlier_in_the_sentence_confirms_but_never_accuses():
    r = compare(JIANGXI, "# GDP迈上3.6万亿元台阶，今年预期增长5%-5.5%", text_file="a.md")
    assert [f.id for f in r.findings] == []
    r = compare(JIANGXI, "# GDP迈上3.6万亿元台阶，今年预期增长6%-6.5%", text_file="a.md")
    assert [(f.figures[0].text, f.severity.value) for f in r.findings] == [("6%-6.5%", "warning")]


def test_exceeding_a_plan_is_a_result_not_a_target():
    assert _errors(JIANGXI, "防风险方面，新退出政府融资平台346家、超计划19家。") == set()


HEBEI = ROOT / "tests" / "data" / "corpus" / "hebei.txt"


def test_a_plan_named_with_its_first_year_is_that_year_not_the_plan():
    text = "# 推动“十五五”开好局\n\n地区生产总值增长5%以上，一般公共预算收入增长2%左右。\n"
    assert _errors(HEBEI, text) == set()
    text = "# “十五五”时期目标\n\n地区生产总值增长5%以上。\n"  # the whole plan: a period slip
    assert _errors(HEBEI, text) == {("5%", "fidelity-period")}


GANSU = ROOT / "tests" / "data" / "corpus" / "gansu.txt"


def test_the_end_of_a_plan_names_a_year_and_a_base_after_bi_is_no_period():
    text = "甘肃地区生产总值达到13697.5亿元，比“十三五”末的9323.1亿元增加了4374.4亿元，增长33.6%。"
    assert _errors(GANSU, "“十四五”这五年，" + text) == set()


def test_a_change_with_no_subject_of_its_own_is_confirmed_as_derived():
    r = compare(GANSU, "规上工业企业从1832户增加到3382户，五年间增加了1550户。", text_file="a.md")
    assert r.findings == []
    r = compare(GANSU, "规上工业企业从1832户增加到3382户，五年间增加了1650户。", text_file="a.md")
    assert [(f.figures[0].text, f.severity.value) for f in r.findings] == [("1650户", "warning")]


def test_an_approximate_target_written_as_a_floor_is_a_qualifier_slip():
    assert _errors(GANSU, "今年社会消费品零售总额增长4%以上。") == {("4%", "fidelity-qualifier")}
    assert _errors(GANSU, "今年社会消费品零售总额增长4%左右。") == set()


def test_more_than_the_yearly_plan_is_a_result():
    assert _errors(GANSU, "2025年，304个省列重大项目完成投资2929亿元，超年度计划28%。") == set()
