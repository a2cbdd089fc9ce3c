"""The pytest plugin: ``pytest specs/`` collects spec files and one item per rule.

Most tests replace the engine by a stub (in the inner run's conftest) so that they test the
plugin alone; the last ones run the real engine on the real Jining spec.
"""

from __future__ import annotations

import shutil
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
JINING = ROOT / "data" / "jining-2024-work-report-interpretation.md"
SPEC = ROOT / "specs" / "jining-2024.yaml"

MINI_SPEC = """\
id: mini-2024
title: 迷你报告
region: 济宁市
year: 2024
source: ../data/mini.md
indicators:
  - {id: firms.new.2023, name: 新培育企业, period: 2023, kind: count, unit: 家, value: 351,
     locate: "新培育企业{}"}
  - {id: firms.total.2023, name: 企业总量, period: 2023, kind: count, unit: 家, value: 939,
     locate: "总量达到{}"}
rules:
  - id: new-within-total
    kind: part-of
    part: firms.new.2023
    whole: firms.total.2023
    rationale: 新增不能超过总量。
  - id: total-above-new
    kind: part-of
    part: firms.new.2023
    whole: firms.total.2023
"""

MINI_DOC = "# 迷你报告\n\n新培育企业**951**家，总量达到**939**家。\n"

# A stand-in engine: the first rule fails at the figure 951家, the second passes with a warning.
STUB_ENGINE = '''
import sys, types
from reportcheck.findings import Category, FigureRef, Finding, Result, Severity

def check(spec, text=None, file=None):
    src = str(spec.source)
    from pathlib import Path
    doc = Path(src).read_text(encoding="utf-8")
    line_no = 3
    line = doc.split("\\n")[2]
    col = line.index("**951**") + 1
    fig = FigureRef("firms.new.2023", "951家", 951, "家", src, line_no, col, line_no, col + len("**951**家"))
    err = Finding("new-within-total", "part-of", Category.CONSISTENCY, Severity.ERROR,
                  "新培育企业 951家 exceeds the total 939家", (fig,), suggestion="951 may be 351 with one digit changed",
                  rationale="新增不能超过总量。")
    warn = Finding("total-above-new", "part-of", Category.CONSISTENCY, Severity.WARNING, "suspicious", (fig,))
    fid = Finding("firms.new.2023", "fidelity", Category.FIDELITY, Severity.ERROR,
                  "951家 differs from the canonical 351家", (fig,))
    return Result(findings=[err, warn, fid], checks=3, passed=0, source=src, text=doc,
                  rules=[("new-within-total", "part-of", None), ("total-above-new", "part-of", None)])

mod = types.ModuleType("reportcheck.engine")
mod.check = check
sys.modules["reportcheck.engine"] = mod
import reportcheck
reportcheck.engine = mod
'''


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    (pytester.path / "specs").mkdir()
    (pytester.path / "data").mkdir()
    (pytester.path / "specs" / "mini.yaml").write_text(MINI_SPEC, encoding="utf-8")
    (pytester.path / "data" / "mini.md").write_text(MINI_DOC, encoding="utf-8")
    # YAML that is not a spec, in and out of specs/: never collected
    (pytester.path / "specs" / "notes.yaml").write_text("title: notes\nitems: [1, 2]\n", encoding="utf-8")
    wf = pytester.path / ".github" / "workflows"
    wf.mkdir(parents=True)
    (wf / "ci.yml").write_text("name: ci\non: push\njobs: {}\n", encoding="utf-8")
    return pytester


def stub(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(STUB_ENGINE)


@pytest.mark.slow
def test_collects_only_spec_files_and_one_item_per_rule(project):
    stub(project)
    result = project.runpytest_subprocess("--collect-only", "-q", "specs/")
    result.stdout.fnmatch_lines([
        "specs/mini.yaml::new-within-total",
        "specs/mini.yaml::total-above-new",
        "specs/mini.yaml::indicators",
    ])
    assert "notes.yaml" not in result.stdout.str()
    assert result.ret == 0


@pytest.mark.slow
def test_unrelated_yaml_and_spec_shaped_fixtures_elsewhere_are_left_alone(project):
    stub(project)
    fixtures = project.path / "tests" / "data"
    fixtures.mkdir(parents=True)
    shutil.copy(project.path / "specs" / "mini.yaml", fixtures / "broken-spec-fixture.yaml")
    result = project.runpytest_subprocess("--collect-only", "-q", ".")
    out = result.stdout.str()
    assert "broken-spec-fixture" not in out and "ci.yml" not in out and "notes.yaml" not in out
    assert "specs/mini.yaml::new-within-total" in out
    # named on the command line, the same file is collected
    result = project.runpytest_subprocess("--collect-only", "-q", "tests/data/broken-spec-fixture.yaml")
    assert "broken-spec-fixture.yaml::new-within-total" in result.stdout.str()


@pytest.mark.slow
def test_failing_rule_shows_the_text_reporter_diagnostic(project):
    stub(project)
    result = project.runpytest_subprocess("specs/", "-W", "default")
    result.assert_outcomes(passed=1, failed=2, warnings=1)
    out = result.stdout.str()
    result.stdout.fnmatch_lines([
        "*error[[]part-of[]]: 新培育企业 951家 exceeds the total 939家",
        "*--> *data/mini.md:3:6  firms.new.2023 = 951家",
        "*3 | 新培育企业**951**家，总量达到**939**家。",
        "*|           ^^^^^^^^^",  # 2 + 3 + 2 cells, and 家 is two cells wide
        "*why: 新增不能超过总量。",
        "*suggestion: 951 may be 351 with one digit changed",
    ])
    assert "Traceback" not in out and "def runtest" not in out
    # the warning finding of the passing rule surfaces as a pytest warning
    assert "ReportcheckWarning" in out and "suspicious" in out


def test_a_rule_waived_by_the_spec_is_skipped_with_its_reason(project):
    stub(project)
    spec = project.path / "specs" / "mini.yaml"
    spec.write_text(MINI_SPEC + "ignore:\n  - id: new-within-total\n    reason: 951 is right in this report\n",
                    encoding="utf-8")
    result = project.runpytest_subprocess("specs/", "-rs")
    result.assert_outcomes(passed=1, failed=1, skipped=1, warnings=1)
    result.stdout.fnmatch_lines(["*waived: 951 is right in this report (specs/mini.yaml:*)"])


@pytest.mark.slow
def test_strict_option_fails_warnings(project):
    stub(project)
    result = project.runpytest_subprocess("specs/", "--reportcheck-strict")
    result.assert_outcomes(failed=3)


@pytest.mark.slow
def test_junitxml(project):
    stub(project)
    result = project.runpytest_subprocess("specs/", "--junitxml=out.xml")
    assert result.ret == 1
    root = ET.parse(project.path / "out.xml").getroot()
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"new-within-total", "total-above-new", "indicators"}
    failure = cases["new-within-total"].find("failure")
    assert failure is not None and "951 may be 351" in (failure.text or "")
    assert cases["total-above-new"].find("failure") is None


@pytest.mark.slow
def test_broken_spec_is_a_collection_error_with_file_and_line(project):
    stub(project)
    (project.path / "specs" / "bad.yaml").write_text(
        "id: bad\nindicators:\n  - {id: x, name: [oops\nrules: []\n", encoding="utf-8")
    result = project.runpytest_subprocess("specs/")
    out = result.stdout.str()
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*ERROR collecting specs/bad.yaml*"])
    assert any(line.strip().startswith(str(project.path / "specs" / "bad.yaml") + ":") or
               line.strip().startswith("specs/bad.yaml:") for line in out.splitlines()), out
    assert "Traceback" not in out


def test_is_spec_file(tmp_path):
    from reportcheck.pytest_plugin import is_spec_file

    cases = {
        "a.yaml": (MINI_SPEC, True),
        "b.yaml": ("reportcheck: 1\nanything: else\n", True),
        "c.yaml": ("indicators: []\n", False),  # both keys are needed
        "d.yaml": ("name: ci\njobs:\n  rules: []\n  indicators: []\n", False),  # nested keys do not count
        "e.yaml": ("", False),
    }
    for name, (text, expected) in cases.items():
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        assert is_spec_file(p) is expected, name


# ----------------------------------------------------------------------------- the real engine
def _copy_jining(pytester: pytest.Pytester, slip: bool) -> None:
    (pytester.path / "specs").mkdir()
    (pytester.path / "data").mkdir()
    shutil.copy(SPEC, pytester.path / "specs" / SPEC.name)
    text = JINING.read_text(encoding="utf-8")
    if slip:
        text = text.replace("瞪羚企业**351**家", "瞪羚企业**951**家")
    (pytester.path / "data" / JINING.name).write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_real_engine_unchanged_report_passes(pytester):
    _copy_jining(pytester, slip=False)
    result = pytester.runpytest_subprocess("specs/", "-q")
    outcomes = result.parseoutcomes()
    assert result.ret == 0, result.stdout.str()[-3000:]
    assert outcomes.get("passed", 0) >= 20  # one item per rule


@pytest.mark.slow
def test_real_engine_slip_fails_its_rule(pytester):
    _copy_jining(pytester, slip=True)
    result = pytester.runpytest_subprocess("specs/", "-q")
    assert result.ret == 1, result.stdout.str()[-3000:]
    out = result.stdout.str()
    assert "enterprises-new-within-total" in out and "951" in out and "^^^" in out
