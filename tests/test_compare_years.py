"""Years and durations in ``reportcheck compare`` (issue 17: 2025年→6025年 and 连续9年→6年 are caught)."""

from __future__ import annotations

import pytest

from reportcheck.compare import compare

SOURCE = (
    "2024年政府工作报告\n\n"
    "过去一年，全市地区生产总值增长6%，规模以上工业增加值连续9年居全省首位。\n\n"
    "实施城市更新三年行动，到2025年建成国家级先进制造业集群，5年来新增就业30万人。\n"
)


def _ids(text: str) -> list[str]:
    return [f.id for f in compare(SOURCE, text).findings]


@pytest.mark.parametrize("text, slip", [
    ("报告显示，规模以上工业增加值连续6年居全省首位。", "fidelity-duration"),
    ("报告提出，到6025年建成国家级先进制造业集群。", "fidelity-year"),
    ("该市将实施城市更新五年行动。", "fidelity-duration"),
])
def test_a_changed_year_or_duration_is_an_error(text, slip):
    assert _ids(text) == [slip]


@pytest.mark.parametrize("text", [
    "报告显示，规模以上工业增加值连续9年居全省首位。",
    "报告提出，到2025年建成国家级先进制造业集群。",
    "该市将实施城市更新三年行动。",
    "记者从2025年政府工作报告获悉，该市发展势头良好。",  # the date of a report: never compared
    "2023年，记者走访了多家企业。",  # a year of the story, not the source's
    "十年来，这座城市变化很大。",  # a duration with no source context
])
def test_faithful_or_unrelated_years_are_silent(text):
    assert _ids(text) == []


def test_the_message_quotes_the_source_and_the_shared_words():
    f = compare(SOURCE, "报告显示，规模以上工业增加值连续6年居全省首位。").findings[0]
    assert [g.text for g in f.figures] == ["6年", "9年"]
    assert "居全省首位" in f.message and "9年" in f.suggestion and f.severity.value == "error"


def test_a_source_compared_with_itself_is_silent():
    assert compare(SOURCE, SOURCE).findings == []
