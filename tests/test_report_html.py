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
    r = Result(checks=1, passed=1, source=str(spec.source), spec=str(spec.path), text=binding.text,
               figures=figures)
    els = parse(render("html", [r]))
    highlighted = marks(els, "passed")
    positions = {(f.line, f.column) for f in figures.values()}
    assert len(highlighted) == len(positions)
    labels = " ".join(m["data-label"] for m in highlighted)
    assert "gdp.2023 = 5600亿元" in labels


@pytest.mark.slow
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


# -- findings first, anchors, markers, unchecked figures, Chinese interface (issue 16) ---------
LINT_DOC = """# 2026年某市政府工作报告

一、2025年工作回顾

外贸进出口超8500万元。新培育高新技术企业351家，总量达到939家。森林覆盖率达到**45%**。
"""


def test_findings_come_first_and_link_to_their_figures():
    page = render("html", sample_results())
    assert page.index('id="findings"') < page.index('<pre class="doc">')
    els = parse(page)
    ids = {a["id"] for _, a in els if "id" in a}
    links = [a["href"] for t, a in els if t == "a" and "goto" in a.get("class", "").split()]
    assert links and all(h.startswith("#") and h[1:] in ids for h in links)
    # the error's link goes to its highlighted figure, and the figure points back to the finding
    error = next(a["id"] for t, a in els if t == "li" and a.get("data-severity") == "error")
    items = [(t, a) for t, a in els if t in ("li", "a")]
    at = items.index(next(x for x in items if x[1].get("id") == error))
    link = next(a["href"] for t, a in items[at:] if t == "a")
    target = by_id(els, link[1:])
    assert target["data-status"] == "failed" and error in target["data-findings"].split()


def test_markdown_markers_are_not_displayed():
    page = render("html", sample_results())
    r = sample_results()[0]
    assert "**" in r.text
    doc = page[page.index('<pre class="doc">'):]
    assert "**" not in doc
    assert "**" not in page[page.index('id="findings"'):page.index('<pre class="doc">')]
    # the highlighted figure is the figure itself, without the markers
    failed = re.search(r'<mark class="fig fig-failed"[^>]*>([^<]*)</mark>', doc).group(1)
    assert failed.startswith("351") or failed.startswith("939")


def test_lint_paints_only_what_a_rule_read():
    """8500万元 (亿 slipped to 万) is read by no inferred rule: unchecked, never green."""
    from reportcheck.lint import lint_text

    r = lint_text(LINT_DOC, file="draft.md")
    els = parse(render("html", [r]))
    by_text = {}
    for m in marks(els):
        by_text[m["data-label"].split(" = ")[-1]] = m["data-status"]
    assert by_text["8500万元"] == "unchecked"
    assert by_text["351家"] == by_text["939家"] == by_text["45%"] == "passed"  # read by part-of, share-range


def test_cjk_font_stack_and_chinese_interface():
    en = render("html", sample_results())
    zh = render("html", sample_results(), lang="zh")
    for font in ("Noto Sans CJK", "Source Han Sans", "PingFang", "Microsoft YaHei"):
        assert font in en
    assert "发现的问题" in zh and "检查项" in zh and ">错误<" in zh and "建议" in zh
    assert "发现的问题" not in en and ">Findings<" in en
    # the same page otherwise: counts and findings do not depend on the language
    assert by_id(parse(zh), "reportcheck")["data-errors"] == by_id(parse(en), "reportcheck")["data-errors"]


def test_cli_lang_zh(tmp_path):
    from reportcheck import cli

    out = tmp_path / "r.html"
    assert cli.main(["check", "--format", "html", "--lang", "zh", "--output", str(out)]) == 0
    assert "发现的问题" in out.read_text(encoding="utf-8")


def screenshot(page: Path, tmp_path: Path, size=(1280, 900)) -> Path:
    browser = find_browser()
    if browser is None:
        if os.environ.get("REPORTCHECK_REQUIRE_CHROMIUM") == "1":
            pytest.fail("Chromium is required (REPORTCHECK_REQUIRE_CHROMIUM=1) but not installed")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    profile = tmp_path / "chromium-shot-profile"
    profile.mkdir(exist_ok=True)
    png = tmp_path / "shot.png"
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
           "--hide-scrollbars", f"--window-size={size[0]},{size[1]}", f"--user-data-dir={profile}",
           f"--screenshot={png}", page.resolve().as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and png.exists(), proc.stderr[-2000:]
    return png


def png_rows(path: Path, max_rows: int) -> tuple[int, list[bytes], int]:
    """The first rows of an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes): (width, rows, channels)."""
    import struct
    import zlib

    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, chunk = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour in (2, 6) and interlace == 0
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(min(height, max_rows)):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, rows, channels


@pytest.mark.slow
def test_findings_and_carets_visible_in_chromium(tmp_path):
    """A draft with a slip, as an editor opens it: the findings list is in the first screen,
    above the document; every finding's caret is drawn; its link reaches the figure; and the
    screenshot of the first screen shows the error red of the carets."""
    import reportcheck

    root = Path(__file__).resolve().parent.parent
    src = root / "data" / "jining-2024-work-report-interpretation.md"
    draft = tmp_path / "draft.md"
    draft.write_text(src.read_text(encoding="utf-8").replace("瞪羚企业**351**家", "瞪羚企业**951**家"),
                     encoding="utf-8")
    result = reportcheck.check(str(root / "specs" / "jining-2024.yaml"), text=draft.read_text(encoding="utf-8"),
                               file=str(draft))
    assert result.errors >= 1
    page = tmp_path / "report.html"
    page.write_text(render("html", [result]), encoding="utf-8")
    counts = by_id(parse(dump_dom(page, tmp_path)), "rendered-counts")
    assert counts["data-rendered"] == "yes"
    first, doc = int(counts["data-first-finding-top"]), int(counts["data-first-document-top"])
    assert 0 < first < int(counts["data-viewport-height"]) and first < doc
    positioned = sum(1 for f in result.findings for g in f.figures if g.line is not None)
    assert int(counts["data-carets"]) >= min(positioned, 1)
    assert counts["data-carets-visible"] == counts["data-carets"]
    # one link per finding as shown: findings accusing the same figure are one (reportcheck.grouping)
    from reportcheck.grouping import group_result

    shown = group_result(result).findings
    assert len(shown) < len(result.findings)  # the 951 slip: fidelity and part-of merged
    assert int(counts["data-links"]) == len(shown) == int(counts["data-links-resolved"])

    width, rows, ch = png_rows(screenshot(page, tmp_path), max_rows=900)
    red = 0  # pixels of the error colour (#c62828: carets, the ERROR label, the finding's border)
    for row in rows:
        for x in range(0, width * ch, ch):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r > 150 and g < 90 and b < 90:
                red += 1
    assert red > 200, f"only {red} error-red pixels in the first screen"
