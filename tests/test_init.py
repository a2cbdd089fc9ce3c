"""reportcheck init: spec drafts that load, pass on their own document, and catch a slip.

For the Jining report and two corpus reports: the draft written by the real command
loads with the ordinary loader, ``reportcheck check`` passes on the unchanged document
(exit 0, no error), and a copy with one digit changed fails (exit 1) with an error at
the changed figure.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import JINING, TESTDATA
from reportcheck.findings import Severity
from reportcheck.lint import init, init_text
from reportcheck.spec.load import load_spec

CORPUS = TESTDATA / "corpus"

#: (document, a figure as written in it, the same figure with one digit changed)
CASES = [
    (JINING, "瞪羚企业**351**家", "瞪羚企业**357**家"),
    (CORPUS / "shandong.txt", "地区生产总值增长5.5%、达到10.3万亿元", "地区生产总值增长5.5%、达到10.8万亿元"),
    (CORPUS / "anhui.txt", "新增境内上市公司62家，总数186家", "新增境内上市公司62家，总数136家"),
]


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "reportcheck", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module", params=CASES, ids=lambda c: c[0].stem)
def drafted(request, tmp_path_factory):
    """The document copied into a project layout, and the spec draft written by the CLI."""
    doc, orig, slip = request.param
    root = tmp_path_factory.mktemp("proj")
    (root / "data").mkdir()
    (root / "specs").mkdir()
    copy = root / "data" / doc.name
    shutil.copyfile(doc, copy)
    spec = root / "specs" / f"{doc.stem}.yaml"
    out = _run("init", str(copy), "--output", str(spec))
    assert out.returncode == 0, out.stderr
    return root, copy, spec, orig, slip


@pytest.mark.slow
def test_draft_loads(drafted):
    root, copy, spec_path, _, _ = drafted
    spec = load_spec(spec_path)
    assert spec.source == copy.resolve()
    assert len(spec.indicators) > 50
    assert spec.rules
    # the YAML is plain: comments mark what needs a human look
    text = spec_path.read_text(encoding="utf-8")
    assert text.startswith("# Spec draft written by `reportcheck init`")
    assert "REVIEW" in text
    assert yaml.safe_load(text)["source"] == f"../data/{copy.name}"


@pytest.mark.slow
def test_draft_passes_on_its_own_document(drafted):
    root, copy, spec, _, _ = drafted
    out = _run("check", str(spec), "--format", "json")
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr
    doc = json.loads(out.stdout)
    assert doc["summary"]["errors"] == 0
    assert doc["summary"]["warnings"] == 0


@pytest.mark.slow
def test_draft_catches_a_one_digit_slip(drafted, tmp_path):
    root, copy, spec, orig, slip = drafted
    text = copy.read_text(encoding="utf-8")
    assert text.count(orig) == 1
    draft = tmp_path / "draft.md"
    changed = text.replace(orig, slip)
    draft.write_text(changed, encoding="utf-8")
    out = _run("check", str(spec), "--text", str(draft), "--format", "json")
    assert out.returncode == 1, out.stdout[-2000:] + out.stderr
    findings = json.loads(out.stdout)["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    # the changed figure is cited, at its position
    i = changed.index(slip)
    k = next(j for j, (a, b) in enumerate(zip(orig, slip)) if a != b)
    pos = i + k
    line = changed.count("\n", 0, pos) + 1
    lines = changed.split("\n")
    cited = [(r["line"], r["column"], r["end_column"]) for f in errors for r in f["figures"] if r.get("line") == line]
    assert any(c <= pos - (changed.rfind("\n", 0, pos) + 1) + 1 < e for _, c, e in cited), (errors, line)
    assert any(f["check"] == "fidelity" for f in errors)
    assert lines  # keeps the variable used


def test_jining_draft_rule_catches_the_slip_too(tmp_path):
    """Besides fidelity, the inferred part-of rule fires when the new count exceeds the total."""
    text = JINING.read_text(encoding="utf-8")
    spec_text = init_text(text, source=str(JINING), stem="jining")
    spec_file = tmp_path / "jining.yaml"
    spec_file.write_text(spec_text, encoding="utf-8")
    from reportcheck import engine

    spec = load_spec(spec_file)
    result = engine.check(spec, text=text.replace("瞪羚企业**351**家", "瞪羚企业**3510**家"), file="d.md")
    checks = {f.check for f in result.findings if f.severity is Severity.ERROR}
    assert {"fidelity", "part-of"} <= checks
    clean = engine.check(spec)
    assert clean.errors == 0 and clean.warnings == 0


def test_init_api_source_path(tmp_path):
    out = tmp_path / "specs" / "j.yaml"
    out.parent.mkdir()
    text = init(JINING, output=out)
    assert yaml.safe_load(text)["source"].endswith("data/jining-2024-work-report-interpretation.md")
    assert not Path(yaml.safe_load(text)["source"]).is_absolute()
    # to standard output: an absolute path (the draft may be saved anywhere)
    assert Path(yaml.safe_load(init(JINING))["source"]).is_absolute()


def test_init_ids_are_readable(tmp_path):
    data = yaml.safe_load(init(JINING))
    ids = [i["id"] for i in data["indicators"]]
    assert "gdp.2023" in ids and "revenue.2023" in ids and "hte.new.2023" in ids and "hte.total.2023" in ids
    assert len(ids) == len(set(ids))
    by_id = {i["id"]: i for i in data["indicators"]}
    assert by_id["gdp.2023"]["value"] == 5600 and by_id["gdp.2023"]["unit"] == "亿元"
    assert by_id["gdp.2023"]["status"] == "预计"


@pytest.mark.slow
def test_init_cli_stdout_and_bad_input(tmp_path):
    out = _run("init", str(JINING))
    assert out.returncode == 0 and "indicators:" in out.stdout
    assert _run("init", str(tmp_path / "nope.md")).returncode == 2
