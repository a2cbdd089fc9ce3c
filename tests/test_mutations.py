"""Mutated copies of the Jining report: one figure changed each, caught at the right place.

Each mutation replaces one figure of the real report (data/…md) by string
replacement, checks the draft against specs/jining-2024.yaml, and expects an
error finding of the consistency category from the right rule, citing the
mutated figure at its line and column, with the right suggestion where a single
slip explains the change.
"""

from __future__ import annotations

import pytest

from conftest import JINING, SPECS
from reportcheck.findings import Category, Severity

SPEC = SPECS / "jining-2024.yaml"

pytestmark = pytest.mark.skipif(not SPEC.exists() or not JINING.exists(), reason="Jining spec or report missing")

# (name, old text, new text, rule id, mutated indicator, expected words in the suggestion or None)
MUTATIONS = [
    # a part made larger than its whole
    ("part-digit", "瞪羚企业**351**家", "瞪羚企业**951**家", "enterprises-new-within-total",
     "enterprises.new.2023", "951 may be 351 with one digit changed"),
    ("part-x10", "瞪羚企业**351**家", "瞪羚企业**3510**家", "enterprises-new-within-total",
     "enterprises.new.2023", "3510 may be 351"),
    ("whole-dropped-digit", "总量达到**939**家", "总量达到**93**家", "enterprises-new-within-total",
     "enterprises.total.2023", "93 may be 939 with a digit dropped"),
    ("platforms-x10", "创新平台**88**个", "创新平台**880**个", "platforms-new-within-total",
     "platforms.new.2023", "880 may be 88"),
    ("platforms-total-dropped", "达到**773**个", "达到**77**个", "platforms-new-within-total",
     "platforms.total.2023", "77 may be 773 with a digit dropped"),
    ("pv-x10", "时代绿能**1.1GW**", "时代绿能**11GW**", "pv-within-renewables-capacity",
     "pv.large.2024", "11 may be 1.1"),
    ("capacity-div10", "规模达到**580**万千瓦", "规模达到**58**万千瓦", "pv-within-renewables-capacity",
     "renewables.capacity.2024", "58 may be 580"),
    ("capacity-wan-left-out", "规模达到**580**万千瓦", "规模达到**580**千瓦", "pv-within-renewables-capacity",
     "renewables.capacity.2024", "580千瓦 may be 580万千瓦"),
    # a share over 100 %
    ("share-5g", "覆盖率达到**85%**", "覆盖率达到**855%**", "shares-within-0-100",
     "5g.coverage.villages.2024", "855 may be 85 with a digit doubled"),
    ("share-pension", "分别保持在**95%**", "分别保持在**995%**", "shares-within-0-100",
     "pension.coverage.2023", "995 may be 95 with a digit doubled"),
    ("share-kindergarten", "公办率达到**70%**以上", "公办率达到**700%**以上", "shares-within-0-100",
     "kindergarten.public-rate.2024", "may be 70"),
    ("share-highschool", "比例达到**62%**以上", "比例达到**162%**以上", "shares-within-0-100",
     "highschool.rate.2024", None),
    # a decline over 100 %
    ("decline-criminal", "、**14.1%**，", "、**141%**，", "declines-at-most-100",
     "police.criminal.change.2023", "141 may be 14.1"),
    ("decline-public-order", "分别下降**7.1%**", "分别下降**171%**", "declines-at-most-100",
     "police.public-order.change.2023", None),
    # a level target below its base or far beyond its growth
    ("target-below-base", "突破**500**亿元", "突破**400**亿元", "revenue-target-coherent",
     "revenue.2024", "400 may be 500 with one digit changed"),
    ("target-far-beyond", "突破**500**亿元", "突破**5000**亿元", "revenue-target-coherent",
     "revenue.2024", "5000 may be 500"),
    ("base-x10", "收入**475**亿元", "收入**4750**亿元", "revenue-target-coherent",
     "revenue.2023", "4750 may be 475"),
    ("base-swapped", "收入**475**亿元", "收入**745**亿元", "revenue-target-coherent",
     "revenue.2023", "745 may be 475 with two digits swapped"),
    # 万 ↔ 亿 slips
    ("investment-wan", "完成投资**900**亿元", "完成投资**900**万元", "projects-average-above-threshold",
     "projects.investment.2023", "900万元 may be 900亿元 (万 written for 亿)"),
    ("revenue-wan", "收入**475**亿元", "收入**475**万元", "revenue-target-coherent",
     "revenue.2023", "475万元 may be 475亿元 (万 written for 亿)"),
    ("gdp-wan", "生产总值**5600**亿元", "生产总值**5600**万元", "revenue-below-gdp-2023",
     "gdp.2023", "5600万元 may be 5600亿元 (万 written for 亿)"),
    ("projects-stray-wan", "技改项目**1099**个", "技改项目**1099**万个", "projects-average-above-threshold",
     "projects.count.2023", "1099万个 may be 1099个 (a stray 万)"),
    ("threshold-x100", "实施**500**万元以上", "实施**9000**万元以上", "projects-average-above-threshold",
     "projects.threshold.2023", None),
    # a count against its list, a rank against its group
    ("domains-8", "实现**7**大领域", "实现**8**大领域", "domains-count-matches-list",
     "counties.domains.2023", "8 may be 7 with one digit changed"),
    ("rank-20", "居全省第**2**位", "居全省第**20**位", "air-rank-within-province",
     "air.improvement.rank.2023", "20 may be 2"),
    ("rank-0", "居全省第**2**位", "居全省第**0**位", "air-rank-within-province",
     "air.improvement.rank.2023", None),
    # revenue above GDP
    ("gdp-small", "生产总值**5600**亿元", "生产总值**460**亿元", "revenue-below-gdp-2023",
     "gdp.2023", None),
]


@pytest.fixture(scope="module")
def original() -> str:
    return JINING.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def spec():
    from reportcheck.spec.load import load_spec

    return load_spec(SPEC)


def _same(a: str | None, b: str) -> bool:
    """Ids compared with - and _ alike (the spec's id style is still settling)."""
    return a is not None and a.replace("_", "-") == b.replace("_", "-")


def _position(text: str, new: str) -> tuple[int, int, int]:
    """(line, first column of the mutated snippet, last column) in code points, 1-based."""
    i = text.index(new)
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1) + 1
    return line, col, col + len(new)


def test_at_least_25_mutations():
    assert len(MUTATIONS) >= 25
    assert len({m[0] for m in MUTATIONS}) == len(MUTATIONS)


def test_unchanged_report_has_no_errors(spec, original):
    from reportcheck import check

    res = check(spec, text=original, file="draft.md")
    errors = [f for f in res.findings if f.severity is Severity.ERROR]
    assert errors == [], [f.message for f in errors]


@pytest.mark.parametrize("name, old, new, rule, indicator, suggestion", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutation_is_caught(spec, original, name, old, new, rule, indicator, suggestion):
    from reportcheck import check

    assert original.count(old) == 1, f"mutation {name}: {old!r} must occur exactly once"
    draft = original.replace(old, new)
    res = check(spec, text=draft, file="draft.md")
    hits = [f for f in res.findings if _same(f.id, rule) and f.severity is Severity.ERROR]
    assert hits, f"{name}: no error from {rule}; findings: {[(f.id, f.severity.value, f.message) for f in res.findings]}"
    f = hits[0]
    assert f.category is Category.CONSISTENCY
    refs = [r for r in f.figures if _same(r.indicator, indicator)]
    assert refs, f"{name}: finding does not cite {indicator}: {[r.indicator for r in f.figures]}"
    line, first, last = _position(draft, new)
    ref = refs[0]
    assert ref.file == "draft.md"
    assert ref.line == line
    assert first <= ref.column < last and ref.end_column <= last + 1
    if suggestion is not None:
        assert f.suggestion is not None and suggestion in f.suggestion, f"{name}: suggestion {f.suggestion!r}"
