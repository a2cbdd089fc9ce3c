"""The regex-free locator path (spec/locate_fast.py) finds exactly what the compiled
locator regex finds — on templates cut from real reports and on random text."""

from __future__ import annotations

import random
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from reportcheck.spec.locate import compile_locator
from reportcheck.spec.locate_fast import locate_literal
from reportcheck.text.plain import PlainText

ROOT = Path(__file__).resolve().parents[1]


def _by_regex(before: str, after: str, text: str, limit=None):
    out = []
    for m in compile_locator(SimpleNamespace(template=before + "{}" + after)).finditer(text):
        out.append((m.start("num"), m.end("unit"), m.group("num"), m.group("unit")))
        if limit is not None and len(out) >= limit:
            break
    return out


def _check(before: str, after: str, text: str, limit=None) -> bool:
    from reportcheck.spec import bind

    fast = locate_literal(before, after, text, limit, context_pattern=bind._context_pattern,
                          digit=bind._DIGIT, cn_num=bind._CN_NUM, unit=bind._UNIT)
    if fast is None:
        return False
    assert fast == _by_regex(before, after, text, limit), (before, after)
    return True


def test_templates_cut_from_real_reports():
    rng = random.Random(19)
    docs = [ROOT / "data" / "jining-2024-work-report-interpretation.md",
            *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))[:3]]
    used = 0
    for path in docs:
        text = PlainText(path.read_text(encoding="utf-8")).text
        digits = [i for i, c in enumerate(text) if c.isdigit() or c in "一二三四五六七八九十"]
        for p in rng.sample(digits, min(150, len(digits))):
            for k in (4, 6, 10):
                before = text[max(0, p - k):p]
                after = text[p + 1:p + 1 + rng.choice((0, 2, 4))]
                used += _check(before, after, text, limit=rng.choice((None, 3)))
    assert used > 500  # most templates take the fast path


ALPHABET = "12３.．,万亿元个人家三十五%％ 　\n增长达到，。、其中共"


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, max_size=60), st.text(ALPHABET.lstrip("12３"), min_size=1, max_size=4),
       st.text(ALPHABET, max_size=3))
def test_random_text(text, before, after):
    _check(before, after, before + text + before + after + text)


# --- templates with a digit in a context: matched without their regex (TemplateMatcher) ---

def _matcher_agrees(before: str, after: str, text: str, starts) -> None:
    from reportcheck.spec import bind
    from reportcheck.spec.locate_fast import TemplateMatcher

    pat = compile_locator(SimpleNamespace(template=before + "{}" + after))
    mt = TemplateMatcher(before, after, bind._DIGIT, bind._CN_NUM, bind._UNIT)
    for s in starts:
        m = pat.match(text, s)
        expected = None if m is None else (m.start("num"), m.end("num"), m.start("unit"), m.end("unit"), m.end())
        assert mt.match(text, s) == expected, (before, after, text[s:s + 30])


DIGIT_ALPHABET = ALPHABET + "2025年连续9年0,000*"


@settings(max_examples=600, deadline=None)
@given(st.text(DIGIT_ALPHABET, max_size=40), st.text(DIGIT_ALPHABET, max_size=8), st.text(DIGIT_ALPHABET, max_size=4))
def test_matcher_is_the_regex_at_every_start(text, before, after):
    doc = before + text + before + after + text
    _matcher_agrees(before, after, doc, range(len(doc) + 1))


def test_matcher_on_templates_with_digits_cut_from_real_reports():
    rng = random.Random(191)
    used = 0
    for path in sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))[:4]:
        text = PlainText(path.read_text(encoding="utf-8")).text
        digits = [i for i, c in enumerate(text) if c.isdigit()]
        for p in rng.sample(digits, min(80, len(digits))):
            for k in (6, 10, 16, 24):
                before, after = text[max(0, p - k):p], text[p + 1:p + 1 + rng.choice((0, 3, 6))]
                if "{" in before + after or "}" in before + after or not any(c.isdigit() for c in before + after):
                    continue
                starts = [*range(max(0, p - k - 40), min(len(text), p + 10)), *rng.sample(range(len(text)), 100)]
                _matcher_agrees(before, after, text, starts)
                used += 1
    assert used > 300


def test_matcher_edge_cases():
    text = "增长1,234,567.8亿元，增长12.5.6%，第3位、第十二位，连续9年增长5%，2025年达到一百二十三万元 ，增长 ５．５％"
    for before, after in (("增长", "亿元"), ("增长1,234,567.8亿元，增长", ""), ("第3位、第", "位"), ("增长12.", ""),
                          ("连续9年增长", "%"), ("2025年达到", "元"), ("达到", "万元 ，"), ("增长 ", "％"), ("，增长", ".6")):
        _matcher_agrees(before, after, text, range(len(text) + 1))
