"""The text reporter: pytest-like layout, carets exactly under the figure (CJK-aware), colour."""

from __future__ import annotations

import re

import pytest
from report_samples import JINING, clean_result, sample_results

from reportcheck.findings import Result
from reportcheck.report import render
from reportcheck.report.text import cell_width, summary_line, underline, window

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_cell_width_counts_cjk_as_two_cells():
    assert cell_width("abc") == 3
    assert cell_width("济宁") == 4
    assert cell_width("**351**家") == 9
    assert cell_width("１２３") == 6  # full-width digits
    assert cell_width("e\u0301") == 1  # a combining accent takes no cell


@pytest.mark.parametrize(
    "line, figure",
    [
        ("培育高新技术企业**400**家、总量突破**1800**家", "**1800**家"),
        ("abc 5600亿元 def", "5600亿元"),
        ("“231”先进制造业集群营收突破**4000**亿元", "**4000**亿元"),
        ("１２３４５ 增长６．５％", "６．５％"),
        ("\t工业增加值增长**7%**", "**7%**"),
    ],
)
def test_underline_sits_exactly_under_the_figure(line, figure):
    start = line.index(figure)
    carets = underline(line, start + 1, start + 1 + len(figure))
    pad = len(carets) - len(carets.lstrip(" "))
    shown = line.replace("\t", " ")
    assert pad == cell_width(shown[:start])
    assert carets.strip(" ") == "^" * cell_width(figure)


def test_window_keeps_the_figure_under_its_carets():
    line = "前" * 200 + "**939**家" + "后" * 200
    col = 201
    end = col + len("**939**家")
    shown, c, e = window(line, col, end)
    assert cell_width(shown) < cell_width(line)
    assert shown[c - 1 : e - 1] == "**939**家"
    assert shown.startswith("...") and shown.endswith("...")


def _caret_checks(out: str):
    """Each source line in the output followed by its caret line: carets under the figure."""
    lines = out.splitlines()
    checked = 0
    for i, ln in enumerate(lines):
        m = re.match(r"^(\s*\d+ \| )(.*)$", ln)
        if not m or i + 1 >= len(lines):
            continue
        nxt = lines[i + 1]
        m2 = re.match(r"^(\s+\| )( *)(\^+)$", nxt)
        assert m2, f"no caret line after {ln!r}"
        assert len(m.group(1)) == len(m2.group(1))  # same gutter
        src, pad, carets = m.group(2), len(m2.group(2)), len(m2.group(3))
        # walk the source by display cells to find the text above the carets
        cells, start = 0, None
        for k, ch in enumerate(src):
            if cells == pad and start is None:
                start = k
            cells += cell_width(ch)
        assert start is not None, "carets start inside a double-width character"
        above, cells = "", 0
        for ch in src[start:]:
            if cells >= carets:
                break
            above += ch
            cells += cell_width(ch)
        assert cells == carets
        yield above
        checked += 1


def test_text_report_layout_and_carets():
    out = render("text", sample_results(), duration=0.31)
    assert "FAILURES" in out and "WARNINGS" in out
    assert "data/jining-2024-work-report-interpretation.md:13:105" in out or str(JINING) + ":13:105" in out
    above = list(_caret_checks(out))
    assert "**351**家" in above and "**939**家" in above and "**5600**亿元" in above and "**6.5%**" in above
    assert "why: A part cannot be larger than its whole." in out
    assert "suggestion: 351 may be 35 with a digit doubled" in out
    last = out.rstrip("\n").splitlines()[-1]
    assert "2 failed, 12 passed, 1 warning, 1 info in 0.31s" in last
    assert "\x1b[" not in out  # no colour unless asked


def test_progress_line_per_spec_and_document():
    out = render("text", sample_results())
    progress = [ln for ln in out.splitlines() if ln.startswith("specs/jining-2024.yaml :: ")]
    assert len(progress) == 2
    assert progress[0].endswith(" FW..i")
    assert progress[1].endswith(" F...")


def test_colour_only_when_asked():
    coloured = render("text", sample_results(), color=True, duration=0.1)
    assert "\x1b[31" in coloured
    assert ANSI.sub("", coloured) == render("text", sample_results(), color=False, duration=0.1)


def test_summary_line_wording():
    assert summary_line(clean_result(), 0.5) == "5 passed in 0.50s"
    assert summary_line([Result(checks=0)], None) == "0 passed"


def test_cli_colour_decision(monkeypatch):
    from reportcheck.cli import use_color

    class Tty:
        def isatty(self):
            return True

    class Pipe:
        def isatty(self):
            return False

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_color(Tty()) is True
    assert use_color(Pipe()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(Tty()) is False
