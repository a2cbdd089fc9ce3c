"""The ``reportcheck`` command, run as the real console script in a subprocess.

Covers every format and every exit status: 0 (the bundled report), 1 (a draft with a
slip), 2 (command-line errors, missing files, a broken spec, a bad table) — always one
line per problem on stderr and never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JINING = ROOT / "data" / "jining-2024-work-report-interpretation.md"
SPEC = ROOT / "specs" / "jining-2024.yaml"
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
FORMATS = ("text", "json", "junit", "sarif", "github", "html")

# the slip: 新培育…企业351家 becomes 951家, more than the total 939家
SLIP_FROM, SLIP_TO = "瞪羚企业**351**家", "瞪羚企业**951**家"


def console_script() -> list[str]:
    exe = Path(sys.executable).parent / "reportcheck"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("reportcheck")
    if found:
        return [found]
    pytest.fail("the reportcheck console script is not installed (pip install -e .)")


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "REPORTCHECK_DEBUG")}
    full_env.update(env or {})
    return subprocess.run([*console_script(), *args], capture_output=True, text=True, cwd=cwd,
                          env=full_env, timeout=300, encoding="utf-8")


def assert_clean_failure(proc: subprocess.CompletedProcess, *needles: str) -> list[str]:
    """Exit 2, no traceback, one line per problem, each naming where."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert lines, "no message on stderr"
    for needle in needles:
        assert needle in proc.stderr, proc.stderr
    return lines


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    text = JINING.read_text(encoding="utf-8")
    assert text.count(SLIP_FROM) == 1
    path = tmp_path / "draft.md"
    path.write_text(text.replace(SLIP_FROM, SLIP_TO), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- help, version
@pytest.mark.parametrize("command", [[], ["check"], ["lint"], ["extract"], ["init"]])
def test_help_with_examples(command):
    proc = run(*command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert "examples:" in proc.stdout
    assert "reportcheck " + (command[0] if command else "check") in proc.stdout


def test_version():
    from reportcheck import __version__

    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"reportcheck {__version__}"


def test_help_and_plugin_do_not_import_heavy_modules():
    code = (
        "import sys\n"
        "from reportcheck.cli import main\n"
        "import reportcheck.pytest_plugin\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('pandas', 'pandera', 'pint', 'numpy') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout


def test_python_dash_m():
    proc = subprocess.run([sys.executable, "-m", "reportcheck", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("reportcheck ")


# ----------------------------------------------------------------------------- exit 2: command line
@pytest.mark.parametrize(
    "args, needle",
    [
        (["check", "--bogus"], "unrecognized arguments: --bogus"),
        (["check", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["extract", "--format", "sarif", str(JINING)], "invalid choice: 'sarif'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["lint"], "the following arguments are required"),
        (["check", "--data", "t.csv", "--text", "d.md"], "cannot be combined"),
    ],
)
def test_usage_errors_exit_2_in_one_line(args, needle):
    lines = assert_clean_failure(run(*args), needle)
    assert len(lines) == 1


def test_no_command_is_a_usage_error():
    proc = run()
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_missing_files_each_named(tmp_path):
    lines = assert_clean_failure(run("check", "nope.yaml", "--text", "gone.md", cwd=tmp_path))
    assert lines == ["nope.yaml: no such file", "gone.md: no such file"]


# ----------------------------------------------------------------------------- exit 2: broken spec
def test_broken_yaml_spec_one_line_no_traceback(tmp_path):
    spec = tmp_path / "broken.yaml"
    spec.write_text("id: x\ntitle: t\nindicators:\n  - {id: a, name: [unclosed\nrules: []\n", encoding="utf-8")
    lines = assert_clean_failure(run("check", str(spec), cwd=tmp_path))
    assert all(line.startswith(f"{spec}:") for line in lines), lines
    assert any(line.split(":")[1].isdigit() for line in lines), "no line number"


def test_invalid_spec_reports_every_problem_with_its_line(tmp_path):
    text = SPEC.read_text(encoding="utf-8")
    # two problems in one file: an unknown unit and an unknown rule kind
    bad = text.replace("unit: 亿元, value: 5600", "unit: 亿園, value: 5600", 1)
    assert bad != text
    spec = tmp_path / "specs" / "bad.yaml"
    spec.parent.mkdir()
    (tmp_path / "data").mkdir()
    shutil.copy(JINING, tmp_path / "data" / JINING.name)
    spec.write_text(bad, encoding="utf-8")
    lines = assert_clean_failure(run("check", "specs/bad.yaml", cwd=tmp_path), "亿園")
    for line in lines:
        where, _, _ = line.partition(": ")
        assert where.startswith("specs/bad.yaml:") and where.split(":")[1].isdigit(), line


def test_binary_document_is_an_input_error(tmp_path):
    doc = tmp_path / "draft.md"
    doc.write_bytes(b"\x00\xff\xfe binary \x00" * 10)
    assert_clean_failure(run("check", str(SPEC), "--text", str(doc), cwd=tmp_path), "draft.md")


# ----------------------------------------------------------------------------- exit 2: bad tables
def _load_table(path):
    from reportcheck.cli import load_table

    return load_table(path)


def test_table_problems_name_file_and_line(tmp_path):
    from reportcheck.errors import InputError

    t = tmp_path / "t.csv"
    t.write_text("report,indicator,value,unit\njining-2024,gdp.2023,5600,亿元\njining-2024,revenue.2023,abc,亿元\n"
                 ",hte.total.2023,1800,家\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        _load_table(t)
    assert str(exc.value).splitlines() == [
        f"{t}:3: value 'abc' is not a number",
        f"{t}:4: empty report",
    ] or sorted(str(exc.value).splitlines()) == sorted([f"{t}:3: value 'abc' is not a number", f"{t}:4: empty report"])

    t.write_text("report,indicator\na,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.csv:1: missing column value"):
        _load_table(t)

    t.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        _load_table(t)

    t.write_text('report,indicator,value\n"a,b,1\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.csv(:\d+)?: not a valid CSV"):
        _load_table(t)

    p = tmp_path / "t.parquet"
    p.write_bytes(b"not parquet at all")
    with pytest.raises(InputError, match=r"t\.parquet: not a readable Parquet"):
        _load_table(p)


def test_table_loads_csv_gb18030_and_parquet(tmp_path):
    import pandas as pd

    t = tmp_path / "t.csv"
    t.write_bytes("report,indicator,value,unit\n济宁-2024,gdp.2023,\"5,600\",亿元\n".encode("gb18030"))
    df = _load_table(t)
    assert df.loc[0, "report"] == "济宁-2024" and df.loc[0, "value"] == 5600.0 and df.loc[0, "unit"] == "亿元"
    p = tmp_path / "t.parquet"
    pd.DataFrame({"report": ["a"], "indicator": ["gdp.2023"], "value": [5600.0]}).to_parquet(p)
    assert _load_table(p).loc[0, "value"] == 5600.0


def test_bad_table_through_the_command(tmp_path):
    t = tmp_path / "t.csv"
    t.write_text("report,indicator,value\njining-2024,gdp.2023,lots\n", encoding="utf-8")
    lines = assert_clean_failure(run("check", str(SPEC), "--data", str(t), cwd=tmp_path))
    assert lines == [f"{t}:2: value 'lots' is not a number"]


# ----------------------------------------------------------------------------- lint / init wiring
@pytest.mark.slow
@pytest.mark.parametrize("command", ["lint", "init"])
def test_lint_and_init_never_traceback(command, tmp_path):
    proc = run(command, str(JINING), cwd=tmp_path)
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1, 2)
    if proc.returncode == 2:
        assert len(proc.stderr.strip().splitlines()) >= 1


@pytest.mark.slow
def test_lint_a_draft_with_a_slip(draft, tmp_path):
    proc = run("lint", str(draft), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["summary"]["errors"] >= 1
    assert any("951" in (g.get("text") or "") for f in report["findings"] for g in f["figures"])


def test_init_writes_a_spec(tmp_path):
    from reportcheck.pytest_plugin import is_spec_file

    out = tmp_path / "draft-spec.yaml"
    proc = run("init", str(JINING), "--output", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout == ""
    assert is_spec_file(out)


# ----------------------------------------------------------------------------- output
def test_output_refuses_to_overwrite_an_input(tmp_path, draft):
    before = draft.read_bytes()
    assert_clean_failure(run("check", str(SPEC), "--text", str(draft), "--output", str(draft), cwd=tmp_path),
                         "would overwrite the input")
    assert draft.read_bytes() == before


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    from reportcheck.cli import write_atomic

    out = tmp_path / "r.json"
    out.write_text("old", encoding="utf-8")
    write_atomic(out, "新内容\n")
    assert out.read_text(encoding="utf-8") == "新内容\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def test_output_directory_must_exist(tmp_path):
    from reportcheck.cli import write_atomic
    from reportcheck.errors import InputError

    with pytest.raises(InputError, match="output directory does not exist"):
        write_atomic(tmp_path / "no" / "r.json", "x")


# ============================================================================= end to end (engine)
def validate_format(fmt: str, out: str) -> None:
    """The output of ``fmt`` is well-formed."""
    if fmt == "json":
        obj = json.loads(out)
        assert list(obj)[:3] == ["reportcheck", "summary", "findings"]  # then "waived" (docs/waivers.md)
    elif fmt == "junit":
        assert ET.fromstring(out).tag == "testsuites"
    elif fmt == "sarif":
        import jsonschema

        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.Draft4Validator(schema).validate(json.loads(out))
    elif fmt == "github":
        assert out.strip().splitlines()[-1].startswith("reportcheck: ")
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and 'id="reportcheck"' in out
    else:
        assert "passed" in out.strip().splitlines()[-1]


def test_bundled_default_from_any_directory(tmp_path):
    proc = run("check", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "passed" in proc.stdout.strip().splitlines()[-1]
    assert "\x1b[" not in proc.stdout  # not a terminal: no colour


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_exit_0_on_the_bundled_report(fmt, tmp_path):
    proc = run("check", "--format", fmt, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    validate_format(fmt, proc.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_exit_1_on_a_draft_with_a_slip(fmt, draft, tmp_path):
    out = tmp_path / f"report.{fmt}"
    proc = run("check", str(SPEC), "--text", str(draft), "--format", fmt, "--output", str(out), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert proc.stdout == ""
    text = out.read_text(encoding="utf-8")
    validate_format(fmt, text)
    assert "951" in text


def test_slip_is_an_error_at_the_right_figure(draft, tmp_path):
    proc = run("check", str(SPEC), "--text", str(draft), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["summary"]["errors"] >= 1
    text = draft.read_text(encoding="utf-8")
    start = text.index(SLIP_TO) + len("瞪羚企业")
    line = text[:start].count("\n") + 1
    column = start - text.rfind("\n", 0, start)
    positions = {(f["line"], f["column"]) for fd in report["findings"] if fd["severity"] == "error"
                 for f in fd["figures"] if "line" in f}
    assert any(ln == line and abs(col - column) <= 2 for ln, col in positions), (line, column, positions)


def test_text_report_of_the_slip_has_caret_and_summary(draft, tmp_path):
    proc = run("check", str(SPEC), "--text", str(draft), cwd=tmp_path)
    assert proc.returncode == 1
    assert "FAILURES" in proc.stdout and "^^^" in proc.stdout and "951" in proc.stdout
    assert " failed, " in proc.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_json_is_byte_identical_between_runs(draft, tmp_path):
    a = run("check", str(SPEC), "--text", str(draft), "--format", "json", cwd=tmp_path)
    b = run("check", str(SPEC), "--text", str(draft), "--format", "json", cwd=tmp_path)
    assert a.returncode == b.returncode == 1
    assert a.stdout.encode() == b.stdout.encode()


@pytest.mark.slow
def test_strict_fails_on_warnings_exactly_when_there_are_some(tmp_path):
    report = json.loads(run("check", "--format", "json", cwd=tmp_path).stdout)
    proc = run("check", "--strict", "--format", "json", cwd=tmp_path)
    expected = 1 if (report["summary"]["errors"] or report["summary"]["warnings"]) else 0
    assert proc.returncode == expected


@pytest.mark.slow
def test_several_drafts_each_checked(draft, tmp_path):
    proc = run("check", str(SPEC), "--text", str(JINING), "--text", str(draft), "--format", "junit", cwd=tmp_path)
    assert proc.returncode == 1
    suites = ET.fromstring(proc.stdout).findall("testsuite")
    assert len(suites) == 2
    assert [s.get("failures") != "0" for s in suites] == [False, True]


def test_input_files_are_never_modified(draft, tmp_path):
    before = {p: p.read_bytes() for p in (SPEC, JINING, draft)}
    run("check", str(SPEC), "--text", str(draft), "--format", "html", "--output", str(tmp_path / "r.html"))
    assert {p: p.read_bytes() for p in before} == before


def _table_rows() -> list[dict]:
    """The spec's own canonical values as a long table, for two reports; one with a slip."""
    import yaml

    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    rows = []
    for report in ("jining-2024", "jining-slip"):
        for ind in spec["indicators"]:
            if ind.get("value") is None:
                continue
            value = ind["value"]
            if report == "jining-slip" and ind["id"] == "enterprises.new.2023":
                value = 951
            rows.append({"report": report, "indicator": ind["id"], "value": value, "unit": ind.get("unit") or ""})
    return rows


@pytest.mark.slow
def test_data_table_csv_and_parquet(tmp_path):
    import pandas as pd

    rows = _table_rows()
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["report", "indicator", "value", "unit"])
    writer.writeheader()
    writer.writerows(rows)
    t = tmp_path / "table.csv"
    t.write_text(buf.getvalue(), encoding="utf-8")
    proc = run("check", str(SPEC), "--data", str(t), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors and all(f.get("report") == "jining-slip" or any(g.get("report") == "jining-slip"
                                                                  for g in f["figures"]) for f in errors)
    p = tmp_path / "table.parquet"
    pd.DataFrame(rows).to_parquet(p)
    proc2 = run("check", str(SPEC), "--data", str(p), "--format", "json", cwd=tmp_path)
    assert proc2.returncode == 1, proc2.stderr[-3000:]
    assert json.loads(proc2.stdout)["summary"] == report["summary"]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_extract(fmt, tmp_path):
    proc = run("extract", str(JINING), "--format", fmt, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    if fmt == "json":
        figures = json.loads(proc.stdout)
        keys = {"text", "value", "unit", "qualifier", "lower", "upper", "kind", "line", "column", "end_line",
                "end_column", "sentence"}
        assert figures and keys <= set(figures[0])
        assert any(f["text"].replace("**", "") == "5600亿元" for f in figures)
    else:
        rows = list(csv.DictReader(io.StringIO(proc.stdout)))
        assert rows and "text" in rows[0] and "kind" in rows[0]


# ----------------------------------------------------------------------------- pre-commit hooks
def test_pre_commit_hooks_file():
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert {"reportcheck", "reportcheck-strict"} <= set(by_id)
    for h in hooks:
        assert h["language"] == "python" and "reportcheck check" in h["entry"]
        assert re.search(h["files"], "specs/jining-2024.yaml")
        assert re.search(h["files"], "data/jining-2024-work-report-interpretation.md")  # a source changed
        assert not re.search(h["files"], "docs/mkdocs.yml")


def test_pre_commit_hook_entry_runs_like_pre_commit(tmp_path):
    """pre-commit runs ``entry``, followed by the changed file names unless ``pass_filenames: false``."""
    import shlex

    import yaml

    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
                if h["id"] == "reportcheck")
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    argv = shlex.split(hook["entry"]) + (["specs/jining-2024.yaml"] if hook.get("pass_filenames", True) else [])
    env = dict(os.environ, PATH=f"{Path(console_script()[0]).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1), proc.stderr


def test_readme_output_block_matches_a_real_run(tmp_path):
    """The README shows real output: its source lines and carets come out of a real run unchanged."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ reportcheck check specs/jining-2024.yaml --text draft.md\n", 1)[1].split("\n$ echo", 1)[0]
    quoted = [ln for ln in block.splitlines() if re.match(r"^\s*\d+ \| ", ln) or re.match(r"^\s+\| +\^+$", ln)]
    assert quoted, "the README block has no source line with carets"
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "draft.md").write_text(JINING.read_text(encoding="utf-8").replace(SLIP_FROM, SLIP_TO), encoding="utf-8")
    proc = run("check", "specs/jining-2024.yaml", "--text", "draft.md", cwd=tmp_path)
    assert proc.returncode == 1
    real = proc.stdout.splitlines()
    slip_lines = [ln for ln in quoted if "**951**" in ln]
    assert slip_lines
    for ln in quoted:
        assert ln in real, ln
