"""init's second look (issue 16): periods from headings, paragraph openings and "——" bullet
reviews; names from the subject, not a verb or a line number; no ``item-lNN`` ids."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import TESTDATA
from reportcheck.lint import init_text
from reportcheck.spec.load import load_spec_text

CORPUS = TESTDATA / "corpus"

DOC = """2026年某省政府工作报告

一、2025年工作回顾

过去一年，全省地区生产总值增长5.5%，新增城镇就业61万人。

过去的五年，我们砥砺奋进。
——这五年，综合实力大幅跃升。地区生产总值年均增长5.7%，五年累计新增城镇就业320万人。
——这五年，创新动能更加强劲。高新技术企业数增长1.7倍。

二、2026年主要任务

新建改造农村公路4000公里。启动建设30个产业创新综合体。
"""


def _indicators(text: str, source: str = "doc.md") -> list[dict]:
    spec = yaml.safe_load(init_text(text, source=source))
    return spec["indicators"]


def _by_text(inds: list[dict], value) -> dict:
    return next(i for i in inds if i["value"] == value)


def test_headings_paragraphs_and_bullets_set_the_period():
    inds = _indicators(DOC)
    assert _by_text(inds, 5.5)["period"] == "2025"  # 过去一年
    assert _by_text(inds, 61)["period"] == "2025"
    five = "2021-2025"
    assert _by_text(inds, 5.7)["period"] == five  # a "——这五年" bullet after 过去的五年
    assert _by_text(inds, 320)["period"] == five  # a five-year total is not an annual figure
    assert _by_text(inds, 1.7)["period"] == five
    road = _by_text(inds, 4000)  # under 二、2026年主要任务: a 2026 target, not a 2025 outturn
    assert road["period"] == "2026" and road.get("status") == "目标"
    assert _by_text(inds, 30)["period"] == "2026"


def test_names_come_from_the_subject_and_ids_have_no_line_numbers():
    text = init_text(DOC, source="doc.md")
    inds = yaml.safe_load(text)["indicators"]
    assert not [i["id"] for i in inds if re.match(r"item-l[0-9]", i["id"])]
    names = {i["name"] for i in inds}
    assert not names & {"启动", "建成", "建设", "启动建设", "年均增长"}
    assert not [n for n in names if re.fullmatch(r"第[0-9]+行的数字", n)]
    assert "产业创新综合体" in _by_text(inds, 30)["name"]
    load_spec_text(text, file="doc.yaml")  # rules follow the renamed ids


def test_unclear_subject_gets_a_review_comment():
    text = init_text("2026年某市政府工作报告\n\n一、2025年工作回顾\n\n全年完成了12个。\n", source="doc.md")
    assert re.search(r"# REVIEW: subject unclear", text)


@pytest.fixture(scope="module")
def anhui():
    from reportcheck.lint import infer
    from reportcheck.lint.init import refine

    path = CORPUS / "anhui.txt"
    if not path.exists():
        pytest.skip("corpus report missing")
    text = path.read_text(encoding="utf-8")
    inf = infer(text, file=str(path))
    refine(inf)
    return text, inf


def test_a_real_report(anhui):
    """安徽 2026: "——这五年" bullets are the five years; "三、2026年重点工作" the year's targets."""
    from reportcheck.lint.init import render_spec

    text, inf = anhui
    load_spec_text(render_spec(inf, source="anhui.txt"), file="anhui.yaml")
    assert not [i.id for i in inf.indicators if re.match(r"item-l[0-9]", i.id)]
    lines = text.splitlines()
    tasks = next(n for n, line in enumerate(lines, start=1) if line.startswith("三、2026年"))
    bullets = [i for i in inf.indicators if lines[i.fig.line - 1].startswith("——这五年")]
    assert len(bullets) > 20 and all(i.period == "2021-2025" for i in bullets)
    after = [i for i in inf.indicators if i.fig.line > tasks]
    assert after and all(i.status in ("目标", "力争") for i in after)
    assert sum(i.period == "2026" for i in after) > 0.8 * len(after)


@pytest.mark.slow
def test_every_corpus_report_drafts_a_loadable_spec_without_line_ids():
    for path in sorted(CORPUS.glob("*.txt")):
        draft = init_text(path.read_text(encoding="utf-8"), source=str(path))
        spec = load_spec_text(draft, file=f"{path.stem}.yaml")
        assert not [i.id for i in spec.indicators if re.match(r"item-l[0-9]", i.id)], path.name
        assert not [i.name for i in spec.indicators if re.fullmatch(r"第[0-9]+行的数字", i.name)], path.name
