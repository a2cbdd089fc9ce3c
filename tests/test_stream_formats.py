"""Many documents written as they come, in every format (issues 18, 19).

Each streamed writer (``reportcheck.report._stream``) must write exactly the bytes its
reporter renders from all the results at once, and the command (``cli_io.emit_stream``)
exactly what the non-streamed ``emit`` writes — hostile text included (the last passes run
a run of whole lines at a time). Memory is checked as a ratio only: the traced peak over
n and 10 n results (a writer that held the results would give about 10).
"""

from __future__ import annotations

import argparse
import io
import re
import tracemalloc
from pathlib import Path

import pytest

from reportcheck.findings import Category, FigureRef, Finding, Result, Severity

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))[:3]
JINING = ROOT / "data" / "jining-2024-work-report-interpretation.md"
SPEC = ROOT / "specs" / "jining-2024.yaml"
REPUB = ROOT / "tests" / "data" / "republications"
FORMATS = ("text", "github", "sarif", "junit", "html", "json")


@pytest.fixture(scope="module")
def results():
    """Lint results of three reports, a draft with two slips (errors, grouped findings) and the
    Jining report itself (infos), waivers applied (one finding waived)."""
    import reportcheck
    from reportcheck.lint import lint_text
    from reportcheck.report._stream import portable
    from reportcheck.waivers import Waiver, finalize

    rs = [portable(lint_text(p.read_text(encoding="utf-8"), file=str(p))) for p in DOCS]
    draft = (JINING.read_text(encoding="utf-8").replace("瞪羚企业**351**家", "瞪羚企业**951**家")
             .replace("培育高新技术企业**400**家", "培育高新技术企业**4000**家"))
    rs.append(reportcheck.check(SPEC, text=draft, file="draft.md"))
    rs.append(reportcheck.check(SPEC, text=JINING.read_text(encoding="utf-8"), file=str(JINING)))
    rs.append(_hostile())
    waiver = Waiver(id="hte-new-within-total", reason="checked by hand", file="reportcheck.toml", line=3)
    out = finalize(rs, [waiver])
    assert sum(len(r.waived) for r in out) == 1 and sum(r.errors for r in out) >= 2
    return out


def _hostile() -> Result:
    """Text from input that the last passes must neutralise, split over lines."""
    text = "第一行\n::set-output name=x::1 增长5%\u2028\u202e第三行\x1b[2J 10亿元\n"
    figs = [FigureRef(indicator="x\n::add-mask::y", text="5%", value=5, unit="%", file="hostile.md",
                      line=2, column=24, end_line=2, end_column=26)]
    f = Finding(id="evil\n::set-output name=deploy::true", check="share-range", category=Category.CONSISTENCY,
                severity=Severity.WARNING, message="a\u2028b \u202e c\r\n::warning::x", figures=tuple(figs),
                suggestion="::error::no")
    return Result([f], checks=2, passed=1, source="hostile.md", text=text)


def _render(fmt, rs, **opts):
    from reportcheck.report import render

    return render(fmt, rs, **opts)


def _streamed(fmt, rs, **opts):
    from reportcheck.report._stream import stream_report

    out = io.StringIO()
    stream_report(fmt, iter(rs), out, **opts)
    return out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_streamed_writer_writes_what_its_reporter_renders(results, fmt):
    for opts in ({"duration": 1.25}, {"duration": 0.5, "color": True, "strict": True, "lang": "zh"}):
        for rs in (results, results[::-1], results[1:3], results[:1], []):
            assert _streamed(fmt, rs, **opts) == _render(fmt, rs, **opts), (fmt, opts, len(rs))


def test_sorted_runs_spill_and_merge_as_one_sort(results, monkeypatch):
    from reportcheck.report import _stream

    monkeypatch.setattr(_stream, "CHUNK", 2)  # every result's findings in several runs
    monkeypatch.setattr(_stream, "FANIN", 3)  # merged in several passes
    for fmt in ("text", "github", "sarif", "json"):
        assert _streamed(fmt, results, duration=1.0) == _render(fmt, results, duration=1.0)


def _args(fmt, output, **kw):
    return argparse.Namespace(format=fmt, output=str(output), strict=kw.get("strict", False), lang="en")


_DURATION = re.compile(r"(=+ )([^\n]*?) in \d+\.\d\ds( =+\n)\Z")


def _same_but_duration(a: str, b: str) -> bool:
    norm = (lambda s: _DURATION.sub(lambda m: f"== {m.group(2)} in Xs ==\n", s))
    return norm(a) == norm(b)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_writes_what_emit_writes(results, fmt, tmp_path, monkeypatch):
    """emit_stream (every format streamed) against emit (the reporter on the whole list): the
    same bytes, the hostile result included; the same exit status."""
    from reportcheck import cli_io
    from reportcheck.report import _stream
    from reportcheck.grouping import ungroup

    monkeypatch.chdir(tmp_path)  # the waivers of this directory only: one used, one never
    (tmp_path / "reportcheck.toml").write_text(
        '[[ignore]]\nid = "hte-new-within-total"\nreason = "checked by hand"\n\n'
        '[[ignore]]\nfingerprint = "0123456789abcdef"\nreason = "stale"\n', encoding="utf-8")
    raw = [_ungrouped(r, ungroup) for r in results]
    for strict in (False, True):
        a, b = tmp_path / "streamed", tmp_path / "whole"
        rc_a = cli_io.emit_stream(_args(fmt, a, strict=strict), iter(raw), 0.0)
        with monkeypatch.context() as m:
            m.setattr(_stream, "FORMATS", ())  # every format through emit
            rc_b = cli_io.emit_stream(_args(fmt, b, strict=strict), iter(raw), 0.0)
        got, want = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
        assert rc_a == rc_b == 1
        assert _same_but_duration(got, want), fmt
        assert "\u2028" not in got or fmt in ("junit", "html")  # raw there, no line starts with '::'
        assert "\n::" not in got or fmt == "github"
        assert "\u202e" not in got or fmt in ("json", "sarif", "junit", "html")  # escaped or inert there
        assert not list(tmp_path.glob("*.tmp"))
        assert "0123456789abcdef" in got  # the stale waiver's warning
        assert "checked by hand" in got or fmt in ("github", "html")  # the waived finding, where shown


def _ungrouped(r, ungroup):
    """A result as a command hands it over: findings not grouped, waivers not applied."""
    from reportcheck.grouping import copy_result

    new = copy_result(r)
    new.findings = list(ungroup(r.findings)) + [f for f, _ in r.waived for f in ungroup([f])]
    new.waived = []
    new.grouped = False
    return new


def _many(results, n):
    """``n`` results made one at a time from a few templates (each a distinct document)."""
    from reportcheck.grouping import copy_result

    for i in range(n):
        r = copy_result(results[i % len(results)])
        if r.source:
            r.source = f"{r.source}#{i}"
        yield r


def _peak(fn):
    import gc

    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # six formats × 330 results
@pytest.mark.parametrize("fmt", FORMATS)
def test_streamed_memory_does_not_grow_with_the_number_of_results(results, fmt, monkeypatch):
    from reportcheck.report import _stream
    from reportcheck.report._stream import stream_report

    # the merge holds one item per run, up to FANIN runs: both sizes past it
    monkeypatch.setattr(_stream, "FANIN", 8)

    class Sink:  # the output goes to a file: nothing held here
        def write(self, text):
            pass

    run = (lambda n: lambda: stream_report(fmt, _many(results, n), Sink(), duration=1.0))
    run(6)()  # imports, caches
    a = _peak(run(30))
    b = _peak(run(300))
    # held whole, 10x the results would be about 10x the peak; streamed, one result's parts
    # (plus a few bytes per result: the input paths the text header counts, spool offsets)
    assert b / a < 1.6, (fmt, a, b)


def test_compare_jobs_is_one_line_per_problem_and_atomic(tmp_path):
    import os
    import subprocess
    import sys

    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe\x00\xd8" * 50)
    out = tmp_path / "o.html"
    env = {**os.environ, "PYTHONWARNINGS": "ignore::FutureWarning"}
    proc = subprocess.run([sys.executable, "-m", "reportcheck", "compare", str(DOCS[0]), str(REPUB / "hubei-news.md"),
                           str(bad), "--jobs", "2", "--format", "html", "-o", str(out)],
                          capture_output=True, env=env, cwd=ROOT)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0]
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))


def test_extract_writes_one_document_as_it_goes(tmp_path):
    """extract FILE: the command's peak is about the figures' (the output is written figure by
    figure, never held as one string — at 50 MB that string was ≈ 4 characters per byte)."""
    from reportcheck.cli import main
    from reportcheck.text.extract import extract

    base = "\n".join(p.read_text(encoding="utf-8") for p in DOCS) + "\n"
    doc = tmp_path / "doc.txt"
    doc.write_text(base * 2, encoding="utf-8")
    text = doc.read_text(encoding="utf-8")
    main(["extract", str(doc), "--format", "json", "-o", str(tmp_path / "warm.json")])
    figures = _peak(lambda: list(extract(text)))
    for fmt in ("json", "csv"):
        out = tmp_path / f"out.{fmt}"
        command = _peak(lambda: main(["extract", str(doc), "--format", fmt, "-o", str(out)]))
        assert out.stat().st_size > 2 * len(text)  # the output is larger than the text...
        # held as one string: 2.4x (json), 1.5x (csv) on this document
        assert command / figures < 1.3, (fmt, command, figures)  # ...and not held


@pytest.mark.slow  # a subprocess interrupted mid-run
@pytest.mark.parametrize("fmt", ["html", "sarif"])
def test_an_interrupted_streamed_run_leaves_no_output_and_no_temporary_file(tmp_path, fmt):
    import os
    import signal
    import subprocess
    import sys
    import time

    texts = []
    body = (REPUB / "hubei-news.md").read_text(encoding="utf-8")
    for i in range(400):
        p = tmp_path / f"t{i:03d}.md"
        p.write_text(f"第{i}篇\n" + body, encoding="utf-8")
        texts.append(str(p))
    out = tmp_path / f"report.{fmt}"
    env = {**os.environ, "PYTHONWARNINGS": "ignore::FutureWarning"}
    proc = subprocess.Popen([sys.executable, "-m", "reportcheck", "compare", str(DOCS[0]), *texts, "--jobs", "2",
                             "--format", fmt, "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # until the output's temporary file exists: the run is writing
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"Traceback" not in err and b"interrupted" in err
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))
