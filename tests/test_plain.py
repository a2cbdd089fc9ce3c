"""The plain-text layer: markdown ``**`` removed, offsets mapped back, line/column."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reportcheck.text.plain import LineIndex, PlainText


def test_no_markup_is_the_text_itself():
    p = PlainText("增长6.5%")
    assert p.text == "增长6.5%" and p.omap is None
    assert p.orig_span(2, 6) == (2, 6)
    assert p.plain(3) == 3 and p.plain(6) is None


def test_markup_removed_and_mapped_back():
    src = "总量**达到939家**，"
    p = PlainText(src)
    assert p.text == "总量达到939家，"
    a = p.text.index("939")
    start, end = p.orig_span(a, a + 4)
    assert src[start:end] == "939家"
    assert p.plain(src.index("**")) is None
    assert p.plain(src.index("939")) == a
    assert p.orig(len(p.text)) == len(src)


def test_span_over_a_marker_keeps_it():
    src = "5600**亿元"
    p = PlainText(src)
    assert p.orig_span(0, len(p.text)) == (0, len(src))


def test_positions_are_those_of_the_original():
    src = "a\r\n**b**\rc\nd"
    p = PlainText(src)
    assert p.position(src.index("b")) == (2, 3)
    assert p.position(src.index("c")) == (3, 1)
    assert LineIndex(src).position(src.index("d")) == (4, 1)


@given(st.text(alphabet="*ab\n万", max_size=30))
def test_map_is_consistent(src):
    p = PlainText(src)
    assert p.text == "".join(src.split("**"))
    for i, ch in enumerate(p.text):
        j = p.orig(i)
        assert src[j] == ch
        assert p.plain(j) == i
