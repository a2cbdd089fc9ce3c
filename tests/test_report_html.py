"""The HTML reporter: one self-contained page; rendered in headless Chromium, its counts match JSON.

The browser test is skipped when Chromium is not installed, unless REPORTCHECK_REQUIRE_CHROMIUM=1
(CI sets it), in which case a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_samples import clean_result, sample_results

from reportcheck.report import render

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


def parse(html_text: str) -> list[tuple[str, dict[str, str]]]:
    p = _Collect()
    p.feed(html_text)
    return p.elements


def by_id(elements, ident):
    return next(a for t, a in elements if a.get("id") == ident)


def marks(elements, status=None):
    return [a for t, a in elements if t == "mark" and "fig" in a.get("class", "").split()
            and (status is None or a.get("data-status") == status)]


def test_self_contained_and_counts_embedded():
    page = render("html", sample_results())
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<link" not in page and "@import" not in page
    els = parse(page)
    main = by_id(els, "reportcheck")
    summary = json.loads(render("json", sample_results()))["summary"]
    assert {k: int(main[f"data-{k}"]) for k in summary} == summary
    # every checked figure of the document is highlighted, with its status
    assert len(marks(els)) == 4
    assert len(marks(els, "failed")) == 2 and len(marks(els, "warning")) == 1 and len(marks(els, "info")) == 1
    failed = marks(els, "failed")[0]
    assert "enterprises.new.2023" in failed["title"]
    finding = by_id(els, failed["data-findings"])
    assert finding["data-severity"] == "error" and finding["data-rule"] == "enterprises-new-within-total"
    assert "<table" in page and 'id="summary"' in page


def test_passed_figures_are_highlighted_too():
    results = clean_result()
    src = sample_results()[0]
    results[0].text = src.text
    results[0].figures = list(src.figures)
    els = parse(render("html", results))
    assert len(marks(els, "passed")) == 4 and len(marks(els)) == 4


def test_escapes_document_text():
    r = sample_results()[0]
    # on a line a finding cites (the page quotes only those lines), after the figure
    g = next(g for f in r.findings for g in f.figures if g.line)
    lines = r.text.split("\n")
    lines[g.line - 1] += "<script>alert(1)</script>"
    r.text = "\n".join(lines)
    page = render("html", [r])
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def find_browser() -> str | None:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def dump_dom(page: Path, tmp_path: Path) -> str:
    browser = find_browser()
    if browser is None:
        if os.environ.get("REPORTCHECK_REQUIRE_CHROMIUM") == "1":
            pytest.fail("Chromium is required (REPORTCHECK_REQUIRE_CHROMIUM=1) but not installed")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
           f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def assert_rendered_counts_match(dom: str, report: dict) -> None:
    els = parse(dom)
    counts = by_id(els, "rendered-counts")
    assert counts.get("data-rendered") == "yes", "the page's script did not run"
    s = report["summary"]
    assert int(counts["data-errors"]) == s["errors"]
    assert int(counts["data-warnings"]) == s["warnings"]
    assert int(counts["data-infos"]) == s["infos"]
    main = by_id(els, "reportcheck")
    assert {k: int(main[f"data-{k}"]) for k in s} == s
    assert int(counts["data-figures"]) == len(marks(els))


def test_renders_in_headless_chromium(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render("html", sample_results()), encoding="utf-8")
    dom = dump_dom(page, tmp_path)
    report = json.loads(render("json", sample_results()))
    assert_rendered_counts_match(dom, report)
    counts = by_id(parse(dom), "rendered-counts")
    assert counts["data-figures-failed"] == "2" and counts["data-figures-warning"] == "1"


def test_highlights_real_bound_figures_given_as_a_dict():
    """The binding's {indicator id: Figure} (real Figure objects) are all highlighted."""
    from reportcheck.findings import Result
    from reportcheck.spec.bind import bind
    from reportcheck.spec.load import load_spec

    spec = load_spec(Path(__file__).resolve().parent.parent / "specs" / "jining-2024.yaml")
    binding = bind(spec)
    figures = {k: v for k, v in binding.figures.items() if v is not None}
    assert len(figures) > 100
    r = Result(checks=1, passed=1, source=str(spec.source), text=binding.text, figures=figures)
    els = parse(render("html", [r]))
    highlighted = marks(els, "passed")
    positions = {(f.line, f.column) for f in figures.values()}
    assert len(highlighted) == len(positions)
    labels = " ".join(m["data-label"] for m in highlighted)
    assert "gdp.2023 = 5600亿元" in labels


def test_cli_html_in_chromium_matches_cli_json(tmp_path):
    """End to end: the real command on a draft with a slip, as HTML in Chromium and as JSON."""
    import sys

    root = Path(__file__).resolve().parent.parent
    src = root / "data" / "jining-2024-work-report-interpretation.md"
    draft = tmp_path / "draft.md"
    draft.write_text(src.read_text(encoding="utf-8").replace("瞪羚企业**351**家", "瞪羚企业**951**家"),
                     encoding="utf-8")
    exe = Path(sys.executable).parent / "reportcheck"
    cmd = [str(exe) if exe.exists() else shutil.which("reportcheck"), "check",
           str(root / "specs" / "jining-2024.yaml"), "--text", str(draft)]
    page = tmp_path / "report.html"
    html_run = subprocess.run([*cmd, "--format", "html", "--output", str(page)], capture_output=True, text=True)
    json_run = subprocess.run([*cmd, "--format", "json"], capture_output=True, text=True)
    assert html_run.returncode == json_run.returncode == 1, html_run.stderr + json_run.stderr
    report = json.loads(json_run.stdout)
    dom = dump_dom(page, tmp_path)
    assert_rendered_counts_match(dom, report)
    counts = by_id(parse(dom), "rendered-counts")
    assert int(counts["data-figures-failed"]) >= 1
    # every checked figure is highlighted, not only the failing ones (the spec has ~110 indicators)
    assert int(counts["data-figures-passed"]) >= 100
