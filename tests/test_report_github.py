"""The GitHub reporter: workflow commands with positions, escaped per the Actions toolkit."""

from __future__ import annotations

from report_samples import sample_results

from reportcheck.findings import Category, FigureRef, Finding, Severity
from reportcheck.report import render
from reportcheck.report.github import annotation, escape_data, escape_property


def test_escaping():
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_annotations():
    lines = render("github", sample_results()).splitlines()
    err = next(ln for ln in lines if "enterprises-new-within-total" in ln)
    assert err.startswith("::error file=")
    assert ",line=13,col=105,endColumn=113," in err
    assert err.endswith("::新培育企业 351家 exceeds the total 939家 (hand-made)%0Asuggestion: 351 may be 35 with a digit doubled")
    assert any(ln.startswith("::warning ") and "grp-target-2024" in ln for ln in lines)
    assert any(ln.startswith("::notice ") and "grp.growth.2023" in ln for ln in lines)
    table = next(ln for ln in lines if "jining-2023" in ln)
    assert table.startswith("::error file=table.csv,title=")
    assert "line=" not in table


def test_message_cannot_break_out_of_the_command():
    f = Finding("x", "expression", Category.CONSISTENCY, Severity.ERROR, "bad\n::error::injected 50%",
                (FigureRef("a", "1", 1, None, "a,b:c.md", 1, 1, 1, 2),))
    line = annotation(f)
    assert "\n" not in line
    assert "file=a%2Cb%3Ac.md," in line
    assert line.endswith("::bad%0A::error::injected 50%25")
