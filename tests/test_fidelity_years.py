"""Years and runs of years are figures for fidelity (issue 17): a draft that changes the
year (2025年 → 6025年) or the run of years (连续9年 → 连续6年) written in an indicator's
locator context no longer binds it, so ``check --text`` reports the indicator (an
``extraction`` finding) instead of silently checking the changed sentence. Any other
number in the context still matches any number (a changed neighbour still binds)."""

from __future__ import annotations

from reportcheck.spec.bind import bind, locate
from reportcheck.spec.load import load_spec_text
from reportcheck.spec.model import Locator

SOURCE = "2025年，全省地区生产总值**5600**亿元、增长5.5%。粮食产量连续9年稳定在**1100**万吨以上。"
SPEC = (
    "id: t\ntitle: t\nregion: r\nyear: 2026\nsource: x.md\nindicators:\n"
    "  - {id: gdp, name: 地区生产总值, period: 2025, kind: amount, unit: 亿元, value: 5600,"
    " locate: '2025年，全省地区生产总值{}'}\n"
    "  - {id: grain, name: 粮食产量, period: 2025, kind: amount, unit: 万吨, value: 1100, qualifier: 以上,"
    " locate: '粮食产量连续9年稳定在{}'}\n"
)


def _findings(text: str) -> dict[str, str]:
    b = bind(load_spec_text(SPEC, file="t.yaml"), text=text, file="x.md")
    return {f.id: f.check for f in b.findings}


def test_the_source_binds():
    assert _findings(SOURCE) == {}


def test_a_changed_year_is_caught():
    assert _findings(SOURCE.replace("2025年", "6025年")) == {"gdp": "extraction"}


def test_a_changed_run_of_years_is_caught():
    assert _findings(SOURCE.replace("连续9年", "连续6年")) == {"grain": "extraction"}


def test_other_numbers_in_the_context_still_match_any_number():
    # the growth after the figure is context too, and still matches any number
    loc = Locator(template="全省地区生产总值{}、增长5.5%")
    assert len(locate(loc, SOURCE.replace("5.5%", "6.5%"))) == 1
    # and the figure itself still binds when it changed: fidelity reports it
    b = bind(load_spec_text(SPEC, file="t.yaml"), text=SOURCE.replace("**5600**", "**6500**"), file="x.md")
    assert [f.check for f in b.findings] == ["fidelity"]


# check --text compares the draft's years and durations with the spec's source anywhere in
# the draft (as compare does), not only inside locators
def _check_text(tmp_path, text):
    import json
    from pathlib import Path

    from reportcheck.cli import main

    root = Path(__file__).resolve().parents[1]
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    rc = main(["check", str(root / "specs" / "shandong-2026.yaml"), "--text", str(draft),
               "--format", "json", "--output", str(out)])
    found = json.loads(out.read_text(encoding="utf-8"))["findings"]
    return rc, [(f["id"], f["figures"][0]["text"]) for f in found if f["severity"] == "error"]


def test_check_text_reports_a_changed_duration_outside_every_locator(tmp_path):
    from pathlib import Path

    source = (Path(__file__).resolve().parents[1] / "data" / "shandong-2026.txt").read_text(encoding="utf-8")
    assert "高新技术企业5年增加2万多家" in source
    assert _check_text(tmp_path, source) == (0, [])
    rc, errors = _check_text(tmp_path, source.replace("高新技术企业5年增加2万多家", "高新技术企业3年增加2万多家"))
    assert (rc, errors) == (1, [("fidelity-duration", "3年")])
