"""An English translation against its Chinese source: alignment, slips, suggestions, findings."""

from __future__ import annotations

import json

import pytest

from reportcheck.compare.english import align_paragraphs, compare_english, english_rendering
from reportcheck.text.extract import extract

ZH = "\n".join([
    "国内生产总值达到140.19万亿元，增长5.2%。",
    "城镇新增就业1244万人，城镇调查失业率平均为5.2%。",
    "粮食产量1.43万亿斤。可再生能源新增装机3.7亿千瓦。",
    "赤字率拟按3%安排，比上年提高1个百分点。",
    "新能源汽车产销量占全球比重超过60%。",
]) + "\n"

EN = "\n".join([
    "GDP reached 140.19 trillion yuan, an increase of 5.2 percent.",
    "A total of 12.44 million urban jobs were added, and the surveyed urban unemployment rate stood at 5.2 percent.",
    "Grain output reached 715 million metric tons. Installed renewable capacity grew by 370 million kilowatts.",
    "The deficit-to-GDP ratio is set at 3 percent, one percentage point higher than last year.",
    "China accounted for over 60 percent of global electric vehicle output and sales.",
]) + "\n"


def run(en: str, complete: bool = False):
    return compare_english(ZH, en, complete=complete, source_file="zh.txt", text_file="en.txt")


def test_a_faithful_translation_passes():
    r = run(EN, complete=True)
    assert r.findings == []
    assert r.checks == r.passed > 0


def only_error(en: str):
    r = run(en)
    errors = [f for f in r.findings if f.severity.value == "error"]
    assert len(errors) == 1, [f.message for f in r.findings]
    return errors[0]


def test_the_magnitude_slip_has_its_own_suggestion():
    f = only_error(EN.replace("140.19 trillion yuan", "140.19 billion yuan"))
    assert f.suggestion == "140.19 billion yuan: 140.19万亿元 is 140.19 trillion yuan (万亿 = trillion)"
    assert f.id == "fidelity-magnitude" and f.category.value == "fidelity" and f.check == "fidelity"
    assert [g.file for g in f.figures] == ["en.txt", "zh.txt"]  # the English figure first, then its source
    assert (f.figures[0].line, f.figures[0].column) == (1, 13)
    assert f.figures[1].text == "140.19万亿元"


@pytest.mark.parametrize("find, replace, slip, suggestion", [
    ("370 million kilowatts", "3.7 million kilowatts", "magnitude",
     "3.7 million kilowatts: 3.7亿千瓦 is 370 million kilowatts (亿 = 100 million)"),
    ("12.44 million", "1.244 million", "magnitude",
     "1.244 million: 1244万人 is 12.44 million urban jobs (万 = 10 thousand)"),
    ("715 million metric tons", "715 thousand metric tons", "magnitude",
     "715 thousand metric tons: 1.43万亿斤 is 715 million metric tons (万亿 = trillion)"),
    ("an increase of 5.2 percent", "an increase of 5.2 percentage points", "percent-points", None),
    ("one percentage point higher", "one percent higher", "percent-points", None),
    ("over 60 percent", "below 60 percent", "qualifier", None),
    ("715 million metric tons", "751 million metric tons", "value", None),
    ("an increase of 5.2 percent", "a decrease of 5.2 percent", "direction", None),
])
def test_each_slip_is_named(find, replace, slip, suggestion):
    assert EN.count(find) == 1
    f = only_error(EN.replace(find, replace))
    assert f.id == f"fidelity-{slip}"
    if suggestion:
        assert f.suggestion == suggestion


def test_qualifier_suggestion_names_the_direction():
    f = only_error(EN.replace("over 60 percent", "below 60 percent"))
    assert "more than 60 percent" in f.suggestion and "超过" in f.suggestion


def test_an_added_figure_is_a_warning_and_a_dropped_one_needs_complete():
    r = run(EN.replace("an increase of 5.2 percent.", "an increase of 5.2 percent, or 7 trillion yuan."))
    assert [(f.severity.value, f.id, f.figures[0].text) for f in r.findings] == [
        ("warning", "fidelity-unmatched", "7 trillion yuan")]
    dropped = EN.replace(", one percentage point higher than last year", "")
    assert run(dropped).findings == []
    r = run(dropped, complete=True)
    assert [(f.id, f.figures[0].text, f.figures[0].file, f.figures[0].line) for f in r.findings] == [
        ("fidelity-missing", "1个百分点", "zh.txt", 4)]


def test_alignment_survives_paragraphs_split_differently():
    # the English splits paragraph 3 in two and adds a heading: figures still find their source
    en = EN.replace("metric tons. Installed", "metric tons.\nInstalled")
    en = "Report on the Work of the Government\n" + en
    assert run(en, complete=True).findings == []


def test_a_one_sentence_shift_is_tolerated():
    # a corpus aligned one sentence off: paragraph 2's figures sit on English line 3
    lines = EN.splitlines()
    shifted = "\n".join([lines[0], "The economy kept recovering.", lines[1], *lines[2:]]) + "\n"
    assert run(shifted, complete=True).findings == []


def test_align_paragraphs_is_monotone_and_interpolates():
    pos = align_paragraphs(10, 10, {(0, 0): 1.0, (5, 5): 1.0, (9, 9): 1.0, (2, 8): 1.0})
    assert pos[0] == 0 and pos[5] == 5 and pos[9] == 9
    assert pos[7] == pytest.approx(7)  # the coincidental anchor (2, 8) off the diagonal is ignored


def test_english_rendering():
    [f] = [x for x in extract("投资1800亿元") if x.kind.is_quantity]
    assert english_rendering(f) == "180 billion yuan"
    [f] = [x for x in extract("惠及61000人") if x.kind.is_quantity]
    assert english_rendering(f) == "61,000"


def test_findings_serialise_as_the_contract():
    r = run(EN.replace("140.19 trillion yuan", "140.19 billion yuan"))
    d = r.findings[0].to_dict()
    json.dumps(d, ensure_ascii=False)
    assert d["figures"][0]["file"] == "en.txt" and d["figures"][1]["file"] == "zh.txt"
    assert d["category"] == "fidelity" and d["severity"] == "error"


def test_the_command_line_detects_an_english_text(tmp_path, capsys):
    from reportcheck.cli import main

    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text(ZH, encoding="utf-8")
    en.write_text(EN.replace("140.19 trillion yuan", "140.19 billion yuan"), encoding="utf-8")
    code = main(["compare", str(zh), str(en), "--complete", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    [f] = out["findings"]
    assert f["suggestion"] == "140.19 billion yuan: 140.19万亿元 is 140.19 trillion yuan (万亿 = trillion)"
    en.write_text(EN, encoding="utf-8")
    assert main(["compare", str(zh), str(en), "--complete"]) == 0


def test_a_news_story_is_matched_without_anchors():
    """An English news story cites a few figures of the 2024 report, out of order: with no
    paragraph to align to, figures are matched by their written number across the source."""
    import csv
    from pathlib import Path

    with open(Path(__file__).parent / "data" / "english" / "national-2024.csv", encoding="utf-8") as fh:
        zh = "\n".join(r["zh"] for r in csv.DictReader(fh)) + "\n"
    story = (
        "BEIJING — China will issue 1 trillion yuan of ultra-long special treasury bonds this year.\n"
        "The government deficit is set at 4.06 billion yuan, with the deficit-to-GDP ratio at 3 percent.\n"
        "Last year grain output reached 695 million metric tons and 12.44 million urban jobs were added.\n"
    )
    r = compare_english(zh, story, source_file="zh.txt", text_file="story.txt")
    assert [(f.severity.value, f.id, f.figures[0].text, f.figures[1].text) for f in r.findings] == [
        ("error", "fidelity-magnitude", "4.06 billion yuan", "4.06万亿元")]


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_command_line_on_the_official_translation(tmp_path, capsys, year):
    """The untouched official English of a whole report: no error (exit 0), with --complete."""
    import csv
    from pathlib import Path

    from reportcheck.cli import main

    with open(Path(__file__).parent / "data" / "english" / f"national-{year}.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("\n".join(r["zh"] for r in rows) + "\n", encoding="utf-8")
    en.write_text("\n".join(r["en"] for r in rows) + "\n", encoding="utf-8")
    assert main(["compare", str(zh), str(en), "--complete", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["errors"] == 0
    assert all(f["severity"] == "warning" for f in out["findings"])
