"""Many documents (issue 19): ``--jobs N`` gives byte-identical output to ``--jobs 1``, and
the streamed JSON is exactly what the JSON reporter renders from all results at once."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))[:3]
JINING = ROOT / "data" / "jining-2024-work-report-interpretation.md"
SPEC = ROOT / "specs" / "jining-2024.yaml"
SOURCE = ROOT / "tests" / "data" / "corpus" / "hubei.txt"
REPUBS = [ROOT / "tests" / "data" / "republications" / n for n in ("hubei-news.md", "hubei-jiedu.md", "hubei-news.md")]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore::FutureWarning"}
    return subprocess.run([sys.executable, "-m", "reportcheck", *args], capture_output=True, env=env, cwd=ROOT)


@pytest.mark.slow  # eleven pairs of subprocess runs
@pytest.mark.parametrize("args", [
    ["lint", *map(str, DOCS), "--format", "json"],
    ["lint", *map(str, DOCS), "--format", "sarif"],
    ["extract", *map(str, DOCS), "--format", "json"],
    ["extract", *map(str, DOCS), "--format", "csv"],
    ["check", str(SPEC), "--text", str(JINING), "--text", str(DOCS[0]), "--format", "json"],
    ["check", str(SPEC), "--text", str(JINING), "--text", str(DOCS[0]), "--format", "junit"],
    ["lint", *map(str, DOCS), "--format", "html"],
    ["lint", *map(str, DOCS), "--format", "github"],
    ["compare", str(SOURCE), *map(str, REPUBS), "--format", "text"],
    ["compare", str(SOURCE), *map(str, REPUBS), "--format", "json"],
    ["compare", str(SOURCE), *map(str, REPUBS), "--format", "sarif"],
], ids=["lint-json", "lint-sarif", "extract-json", "extract-csv", "check-text-json", "check-text-junit",
        "lint-html", "lint-github", "compare-text", "compare-json", "compare-sarif"])
def test_jobs_2_is_byte_identical_to_jobs_1(args):
    one, two = _run(*args, "--jobs", "1"), _run(*args, "--jobs", "2")
    assert one.returncode == two.returncode and one.returncode in (0, 1)
    if "text" in args:  # the summary line ends with the run's duration
        one.stdout, two.stdout = (re.sub(rb"=+ ([^\n]*) in [0-9.]+s =+\n$", rb"\1", p.stdout) for p in (one, two))
    assert one.stdout == two.stdout and one.stdout
    assert one.stderr == two.stderr == b""  # no progress bar when stderr is not a terminal


def test_the_streamed_json_is_the_reporters_json():
    from reportcheck.lint import lint_text
    from reportcheck.report import render
    from reportcheck.report._stream import portable, stream_json

    texts = [p.read_text(encoding="utf-8") for p in DOCS[:2]] + ["没有数字的文本。"]
    results = [portable(lint_text(t, file=f"doc{i}.md")) for i, t in enumerate(texts)]
    out = io.StringIO()
    summary = stream_json(iter(results), out)
    assert out.getvalue() == render("json", results)
    assert summary["checks"] > 0
    empty = io.StringIO()
    stream_json(iter(results[2:]), empty)
    assert empty.getvalue() == render("json", results[2:])


def test_a_bad_jobs_value_is_a_usage_error():
    out = _run("lint", str(DOCS[0]), "--jobs", "x")
    assert out.returncode == 2 and b"--jobs" in out.stderr and b"Traceback" not in out.stderr


def test_an_unreadable_document_in_a_worker_is_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8" * 50)
    out = _run("lint", str(DOCS[0]), str(bad), "--jobs", "2", "--format", "json", "-o", str(tmp_path / "o.json"))
    assert out.returncode == 2 and b"Traceback" not in out.stderr and str(bad).encode() in out.stderr
    assert not (tmp_path / "o.json").exists()  # the output is written atomically, or not at all


def test_the_progress_bar_draws_on_a_terminal_only_after_its_delay():
    from reportcheck.jobs import Progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty = Tty()
    bar = Progress(4, "lint", stream=tty, delay=0.0)
    for _ in range(4):
        bar.advance()
    bar.close()
    assert "4/4 documents" in tty.getvalue() and tty.getvalue().endswith("\r\x1b[K")
    quiet = Tty()
    bar = Progress(4, "lint", stream=quiet, delay=60.0)
    bar.advance()
    bar.close()
    assert quiet.getvalue() == ""
    pipe = io.StringIO()
    bar = Progress(4, "lint", stream=pipe, delay=0.0)
    bar.advance()
    assert pipe.getvalue() == ""


def test_a_tables_findings_stream_in_runs_to_the_same_json(monkeypatch):
    # check --data --format json: the findings are written, sorted in runs and merged, never all held
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import make_corpus

    import reportcheck
    from reportcheck.report import _stream, render

    spec = make_corpus.load()
    table = make_corpus.make_corpus(spec, 40, seed=3, slip_rate=0.5)
    want = render("json", [reportcheck.check(table, spec)])
    monkeypatch.setattr(_stream, "CHUNK", 7)
    out = io.StringIO()
    _stream.stream_json(iter([reportcheck.check(table, spec)]), out)
    assert out.getvalue() == want


def test_the_streamed_json_applies_waivers_and_grouping_as_the_reporter_does(tmp_path, monkeypatch):
    """check --text (streamed) writes what render('json', finalize(results)) writes: the
    waived finding out of the findings, in the summary and the "waived" list; one slip, one finding."""
    import json

    import reportcheck
    from reportcheck.report import render
    from reportcheck.waivers import discover, finalize

    draft = tmp_path / "draft.md"
    draft.write_text(JINING.read_text(encoding="utf-8").replace("瞪羚企业**351**家", "瞪羚企业**951**家")
                     .replace("培育高新技术企业**400**家", "培育高新技术企业**4000**家"), encoding="utf-8")
    (tmp_path / "reportcheck.toml").write_text(
        '[[ignore]]\nid = "enterprises-new-within-total"\nreason = "checked by hand"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore::FutureWarning"}
    proc = subprocess.run([sys.executable, "-m", "reportcheck", "check", str(SPEC), "--text", str(draft),
                           "--format", "json"], capture_output=True, env=env, cwd=tmp_path, text=True)
    assert proc.returncode == 1, proc.stderr
    got = json.loads(proc.stdout)
    assert got["summary"]["waived"] == 1 and len(got["waived"]) == 1
    assert got["waived"][0]["waiver"]["reason"] == "checked by hand"
    result = reportcheck.check(SPEC, text=draft.read_text(encoding="utf-8"), file=str(draft))
    monkeypatch.chdir(tmp_path)  # the waiver file as the command names it
    assert proc.stdout == render("json", finalize([result], discover()))
