"""Hardening, second round (issue 18): inputs from a pull request never hang, leak or inject.

One test (or one parametrised family) per item of the issue; see docs/security.md.
Cases that would hang if a fix regressed run the command in a fresh process with a
timeout, so a regression fails the test instead of stalling the suite. Scaling tests
compare a time *ratio* at n and 10 n (never an absolute time): a linear path gives
about 10, a quadratic one about 100.
"""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from test_hardening_support import JINING, ROOT, SPEC, assert_contract, problems, run_cli, spec_text

SRC = ROOT / "src"


def run_proc(argv, *, cwd=None, timeout=90, stdin=subprocess.DEVNULL, extra_env=None):
    """The console command in a fresh process, with a timeout: (rc, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if k != "REPORTCHECK_DEBUG"}
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra_env or {})
    # -W ignore: a third-party package's import-time warning is not reportcheck's output
    proc = subprocess.run([sys.executable, "-W", "ignore", "-m", "reportcheck", *map(str, argv)],
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout, stdin=stdin)
    return proc.returncode, proc.stdout, proc.stderr


def run_snippet(code: str, timeout: float = 60) -> str:
    """A Python snippet in a fresh process (the package from this checkout), with a timeout."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    proc = subprocess.run([sys.executable, "-W", "ignore", "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, env=env, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def one_problem(err: str) -> tuple[str, int | None, str]:
    got = problems(err)
    assert len(got) == 1, err
    return got[0]


#: a linear path gives ~10 at ×10; quadratic ~100. The bound leaves room for a loaded machine.
LINEAR = 30


def ratio(fn, small, large, repeat: int = 3) -> float:
    """Best-of-``repeat`` time of fn(large) over fn(small)."""
    def best(arg):
        times = []
        for _ in range(repeat):
            gc.collect()
            gc.disable()  # the cyclic collector's passes over a million live objects are not the code's growth
            try:
                t = time.perf_counter()
                fn(arg)
                times.append(time.perf_counter() - t)
            finally:
                gc.enable()
        return min(times)

    fn(small)  # warm caches and imports
    return best(large) / max(best(small), 1e-4)


# A small spec of our own: two indicators, a part-of rule, an expression rule.
DOC = "新培育企业351家，总量达到939家。收入增长5%。\n"
SMALL_SPEC = """\
id: t
title: t
region: r
year: 2024
source: {source}
indicators:
  - {{id: new, name: {name}, period: 2023, kind: count, unit: 家, value: 351, locate: "新培育企业{{}}，总量"}}
  - {{id: total, name: 企业总量, period: 2023, kind: count, unit: 家, value: 939, locate: "总量达到{{}}。"}}
rules:
  - {{id: new-within-total, kind: part-of, part: new, whole: total}}
"""


def small_repo(tmp_path: Path, *, name: str = "新培育企业", doc: str = DOC, source: str = "../data/doc.md",
               spec_name: str = "t.yaml") -> Path:
    """tmp/repo/{.git/, specs/t.yaml, data/doc.md}: the spec's path."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True, exist_ok=True)
    (repo / "specs").mkdir(exist_ok=True)
    (repo / "data").mkdir(exist_ok=True)
    (repo / "data" / "doc.md").write_text(doc, encoding="utf-8")
    spec = repo / "specs" / spec_name
    spec.write_text(SMALL_SPEC.format(source=source, name=json.dumps(name, ensure_ascii=False)), encoding="utf-8")
    return spec


# ======================================================================================
# 1. special files: never opened for reading, exit 2 with one line
# ======================================================================================
def _fifo(tmp_path: Path, name: str) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    p = tmp_path / name
    os.mkfifo(p)
    return p


def _assert_refused(rc, out, err, where: str, argv=None):
    assert_contract(rc, out, err, argv=argv)
    assert rc == 2, err
    hits = [(w, m) for w, _, m in problems(err) if "not a regular file" in m]
    assert hits and any(where in w for w, _ in hits), err


@pytest.mark.parametrize("role", ["text", "extract", "lint", "spec", "data", "init"])
def test_fifo_input_is_refused_without_blocking(tmp_path, role):
    fifo = _fifo(tmp_path, "pipe.md" if role != "spec" else "pipe.yaml")
    argv = {"text": ["check", SPEC, "--text", fifo], "extract": ["extract", fifo], "lint": ["lint", fifo],
            "spec": ["check", fifo], "data": ["check", SPEC, "--data", fifo], "init": ["init", fifo]}[role]
    rc, out, err = run_proc(argv, timeout=60)
    _assert_refused(rc, out, err, str(fifo))


def test_fifo_as_a_specs_source_is_refused(tmp_path):
    spec = small_repo(tmp_path)
    (spec.parent.parent / "data" / "doc.md").unlink()
    os.mkfifo(spec.parent.parent / "data" / "doc.md")
    rc, out, err = run_proc(["check", spec], timeout=60)
    _assert_refused(rc, out, err, "doc.md")


@pytest.mark.parametrize("device", ["/dev/stdin", "/dev/stdout", "/dev/stderr", "/proc/self/fd/0", "/proc/self/fd/1"])
@pytest.mark.parametrize("role", ["text", "extract", "source"])
def test_standard_streams_as_inputs_are_refused(tmp_path, device, role):
    """stdin and stdout are pipes here, as on every CI runner: reading one never ends."""
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    if role == "source":
        spec = small_repo(tmp_path, source=device)
        argv = ["check", spec, "--allow-outside-root"]  # the device check, not the root check
    elif role == "text":
        argv = ["check", SPEC, "--text", device]
    else:
        argv = ["extract", device]
    rc, out, err = run_proc(argv, stdin=subprocess.PIPE, timeout=60)
    _assert_refused(rc, out, err, device if role != "source" else "")


def test_committed_symlink_to_stdin_among_specs(tmp_path):
    """``check specs/*.yaml`` with ``specs/x.yaml -> /dev/stdin`` in the pull request."""
    spec = small_repo(tmp_path)
    link = spec.parent / "x.yaml"
    link.symlink_to("/dev/stdin")
    rc, out, err = run_proc(["check", spec, link], stdin=subprocess.PIPE, timeout=60, cwd=tmp_path)
    _assert_refused(rc, out, err, "x.yaml")


@pytest.mark.parametrize("path", ["/proc/self/status", "/proc/kmsg", "/sys/kernel/mm/transparent_hugepage/enabled"])
def test_pseudo_files_under_proc_and_sys_are_refused(path):
    """/proc and /sys files claim to be regular (size 0); /proc/kmsg blocks when read."""
    if not os.path.lexists(path):
        pytest.skip(f"no {path}")
    rc, out, err = run_cli(["extract", path])
    assert_contract(rc, out, err)
    assert rc == 2 and path in err and ("not a regular file" in err or "permission" in err.lower()), err


def test_one_function_guards_every_reader(tmp_path):
    """open_regular refuses a FIFO on the file descriptor too (opened non-blocking)."""
    from reportcheck.errors import InputError
    from reportcheck.safety import open_regular, require_regular

    fifo = _fifo(tmp_path, "p")
    with pytest.raises(InputError, match="FIFO"):
        require_regular(fifo)
    with pytest.raises(InputError, match="FIFO"):
        open_regular(fifo)
    doc = tmp_path / "d.md"
    doc.write_text("x", encoding="utf-8")
    with open_regular(doc) as fh:
        assert fh.read() == b"x"
    link = tmp_path / "l.md"
    link.symlink_to(doc)
    with open_regular(link) as fh:  # a symlink to a regular file is fine
        assert fh.read() == b"x"


def test_pytest_plugin_does_not_block_on_a_fifo_spec(tmp_path):
    from reportcheck.pytest_plugin import is_spec_file

    assert is_spec_file(_fifo(tmp_path, "x.yaml")) is False


# ======================================================================================
# 2. a unit with a power: bounded before pint sees it
# ======================================================================================
HUGE_POWERS = ["亿元^9999999999", "亿元**99999", "元⁹⁹⁹⁹⁹⁹⁹", "((亿元^12)^12)^12", "亿元^1e400", "元^nan",
               "亿元" * 40]


@pytest.mark.parametrize("unit", HUGE_POWERS)
def test_unit_power_in_a_spec_is_a_spec_error(tmp_path, unit):
    spec = small_repo(tmp_path)
    text = spec.read_text(encoding="utf-8").replace("unit: 家, value: 939", f"unit: {json.dumps(unit)}, value: 939")
    spec.write_text(text, encoding="utf-8")
    rc, out, err = run_proc(["check", spec, "--format", "json"], timeout=60)
    assert_contract(rc, out, err)
    assert rc == 2 and "unit" in err, err
    assert "4300" not in err


@pytest.mark.parametrize("unit", HUGE_POWERS[:3])
def test_unit_power_in_an_expression_is_a_spec_error(tmp_path, unit):
    spec = small_repo(tmp_path)
    spec.write_text(spec.read_text(encoding="utf-8")
                    + f"  - {{id: e, kind: expression, expr: {json.dumps('total <= 1' + unit)}}}\n", encoding="utf-8")
    rc, out, err = run_proc(["check", spec, "--format", "json"], timeout=60)
    assert_contract(rc, out, err)
    assert rc == 2 and "unit" in err, err


@pytest.mark.parametrize("unit", HUGE_POWERS[:3])
def test_unit_power_in_a_data_cell(tmp_path, unit):
    table = tmp_path / "t.csv"
    table.write_text(f"report,indicator,value,unit\na,gdp.2023,5600,{unit}\n", encoding="utf-8")
    rc, out, err = run_proc(["check", SPEC, "--data", table, "--format", "json"], timeout=60)
    assert_contract(rc, out, err)
    assert rc in (1, 2)
    assert "4300" not in err + out


def test_unit_bounds_keep_real_units():
    from reportcheck.quantities import units
    from reportcheck.safety import unit_problem

    for u in ["亿元", "万千瓦时", "元/平方米", "%", "个百分点", "平方米", "m^2", "m**3", "m²", "元/人", "万吨标准煤"]:
        assert unit_problem(u) is None, u
    for u in HUGE_POWERS:
        assert unit_problem(u), u
        assert not units.is_known_unit(u)
        with pytest.raises(units.UnitError):
            units.factor(u, "元")


# ======================================================================================
# 3. locators cannot backtrack catastrophically
# ======================================================================================
def test_adversarial_whitespace_in_locators_finishes():
    """8 spaces in a template against runs of 40 spaces: did not finish in 60 s before."""
    out = run_snippet("""
        import time
        from reportcheck.spec.bind import locate
        from reportcheck.spec.model import Locator
        text = ("收入" + " " * 40 + "增长" + " " * 40) * 200 + "收入 增长 5%"
        t = time.perf_counter()
        for gaps in (6, 8, 12, 30):
            loc = Locator(template="收入" + " " * gaps + "增长" + " " * gaps + "{}")
            found = locate(loc, text)
            assert len(found) == 1 and found[0].number == "5", found
        print(time.perf_counter() - t)
    """, timeout=60)
    assert float(out) < 30


def test_locator_whitespace_still_matches_like_before():
    from reportcheck.spec.bind import locate
    from reportcheck.spec.model import Locator

    text = "收入\n\n   增长  5%，总量 **达到** 939家"
    [m] = locate(Locator(template="收入 增长{}，"), text)
    assert text[m.start:m.end] == "5%"
    [m] = locate(Locator(template="总量  达到 {}"), text)
    assert m.number == "939" and text[m.start:m.start + 3] == "939"
    assert locate(Locator(template="收入增长{}，"), text) == []  # as before: no blank, no gap


def test_locator_time_grows_linearly_with_whitespace_runs():
    from reportcheck.spec.bind import locate
    from reportcheck.spec.model import Locator

    loc = Locator(template="收入    增长    {}")

    def run(n):
        locate(loc, ("收入" + " " * n + "增长" + " " * n) * 50)

    assert ratio(run, 2000, 20000, repeat=2) < LINEAR


# ======================================================================================
# 4. injection: CI workflow commands, bidi controls, raw ESC, spreadsheet formulas
# ======================================================================================
INJECTED = "x\n::set-output name=deploy::true\r\n::add-mask::secret\u202e"


def _failing_repo(tmp_path, name=INJECTED):
    # 951 new > 939 total: the part-of rule fails and its message names the indicator
    return small_repo(tmp_path, name=name, doc=DOC.replace("351", "951"))


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "html", "github"])
def test_no_workflow_command_from_input_in_any_format(tmp_path, fmt):
    spec = _failing_repo(tmp_path)
    rc, out, err = run_cli(["check", str(spec), "--format", fmt])
    assert_contract(rc, out, err)
    assert rc == 1
    for line in out.splitlines():
        if fmt == "github":
            if line.startswith("::"):  # only our own commands; the summary line is plain
                assert re.match(r"::(error|warning|notice) ", line), line
                assert "set-output" not in line.split("::", 2)[1]
        else:
            assert not line.lstrip().startswith("::"), line
    if fmt in ("text", "github"):  # read in a terminal or a CI log: shown escaped
        assert "\u202e" not in out


def test_text_output_keeps_input_on_one_line(tmp_path):
    spec = _failing_repo(tmp_path)
    rc, out, _ = run_cli(["check", str(spec)])
    assert rc == 1
    assert "x\\n:\\:set-output" in out or "x\\n::set-output" in out
    assert "\\u202e" in out  # the bidi control is shown, not obeyed


def test_junit_and_html_decode_to_the_original_text(tmp_path):
    """Neutralised with character references: an XML reader still sees the real name."""
    import xml.etree.ElementTree as ET

    spec = _failing_repo(tmp_path, name="::add-mask::secret")
    _, out, _ = run_cli(["check", str(spec), "--format", "junit"])
    assert not any(line.lstrip().startswith("::") for line in out.splitlines())
    root = ET.fromstring(out.encode("utf-8"))
    texts = [e.text or "" for e in root.iter("failure")]
    assert any("add-mask" in t for t in texts)


def test_pytest_plugin_failure_text_is_neutralised(tmp_path):
    from reportcheck.report._util import SourceLines
    from reportcheck.report.text import format_finding
    from reportcheck.safety import neutralise_output

    spec = _failing_repo(tmp_path)
    from reportcheck import engine, load_spec

    result = engine.check(load_spec(spec))
    text = neutralise_output("text", "\n".join(line for f in result.findings
                                               for line in format_finding(f, SourceLines([result]))))
    assert not any(line.lstrip().startswith("::") for line in text.splitlines())
    assert "\u202e" not in text


def test_html_escapes_raw_esc_and_vertical_tab(tmp_path):
    spec = _failing_repo(tmp_path, name="a\x1b[2Jb\x0bc")
    rc, out, _ = run_cli(["check", str(spec), "--format", "html"])
    assert rc == 1
    assert "\x1b" not in out and "\x0b" not in out
    assert "\\x1b" in out


def test_bidi_controls_in_a_document_line_keep_the_caret_aligned(tmp_path):
    spec = small_repo(tmp_path, doc="新培育企业\u202e951家，总量达到939家。\n".replace("\u202e951", "951\u202e"))
    rc, out, _ = run_cli(["check", str(spec)])
    assert "\u202e" not in out


def test_csv_formula_injection_is_neutralised(tmp_path):
    doc = tmp_path / "d.md"
    doc.write_text('=HYPERLINK("http://x")增长5%，+1下降-3个百分点，@SUM(1)达到100亿元\n', encoding="utf-8")
    rc, out, err = run_cli(["extract", str(doc), "--format", "csv"])
    assert rc == 0, err
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    for row in rows:
        for key, cell in row.items():
            if key in ("value", "lower", "upper"):
                continue
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (key, cell)
    assert rows[0]["sentence"].startswith("'=HYPERLINK")


def test_csv_negative_numbers_stay_numeric():
    from decimal import Decimal

    from reportcheck.text.export import figures_to_csv
    from reportcheck.text.extract import extract

    figs = list(extract("收入下降3.5%。"))
    out = figures_to_csv(figs)
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(out)))
    values = [Decimal(r["value"]) for r in rows if r["value"]]
    assert values  # numbers stay numbers, whatever their sign
    from reportcheck.safety import csv_cell

    assert csv_cell("-3") == "'-3" and csv_cell("3") == "3"  # the guard is for text cells only


@pytest.mark.parametrize("name", ["=cmd.md", "::set-output name=x::1.md"])
def test_csv_of_several_files_neutralises_file_names(tmp_path, name):
    a, b = tmp_path / name, tmp_path / "b.md"
    a.write_text("增长5%\n", encoding="utf-8")
    b.write_text("增长6%\n", encoding="utf-8")
    rc, out, err = run_cli(["extract", str(a), str(b), "--format", "csv"])
    assert rc == 0, err
    assert not any(line.startswith(("=", "::")) for line in out.splitlines())


# ======================================================================================
# 5. leaks: a spec's source stays in its repository; reports quote only cited lines
# ======================================================================================
def test_source_outside_the_repository_is_refused(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("token 12345678家\n", encoding="utf-8")
    spec = small_repo(tmp_path, source=str(secret))
    rc, out, err = run_cli(["check", str(spec), "--format", "html"])
    assert_contract(rc, out, err)
    assert rc == 2
    where, line, message = one_problem(err)
    assert where == str(spec) and line == 5 and "outside the repository root" in message
    assert "12345678" not in out + err


@pytest.mark.parametrize("source", ["../../secret.md", "../data/link.md", "../.git/config"])
def test_relative_escapes_and_symlinks_are_refused(tmp_path, source):
    (tmp_path / "secret.md").write_text("token 1234家\n", encoding="utf-8")
    spec = small_repo(tmp_path, source=source)
    repo = spec.parent.parent
    (repo / "data" / "link.md").symlink_to(tmp_path / "secret.md")
    (repo / ".git" / "config").write_text("[remote] url = https://user:token@example\n", encoding="utf-8")
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert rc == 2 and "token" not in out + err


def test_allow_outside_root_and_root_options(tmp_path):
    secret = tmp_path / "elsewhere" / "doc.md"
    secret.parent.mkdir()
    secret.write_text(DOC, encoding="utf-8")
    spec = small_repo(tmp_path, source=str(secret))
    assert run_cli(["check", str(spec), "--allow-outside-root"])[0] == 0
    assert run_cli(["check", str(spec), "--root", str(tmp_path)])[0] == 0
    assert run_cli(["check", str(spec), "--root", str(tmp_path / "repo")])[0] == 2


def test_source_inside_the_repository_is_read(tmp_path):
    spec = small_repo(tmp_path)
    rc, out, err = run_cli(["check", str(spec)])
    assert (rc, err) == (0, "")


def test_bundled_default_still_checks():
    rc, out, err = run_cli(["check", "--format", "json"])
    assert rc in (0, 1) and err == ""


def test_html_shows_only_cited_lines(tmp_path):
    doc = "第一行没有数字。\n" + "".join(f"私密第{i}行。\n" for i in range(50)) + DOC.replace("351", "951")
    spec = small_repo(tmp_path, doc=doc)
    rc, out, _ = run_cli(["check", str(spec), "--format", "html"])
    assert rc == 1
    assert "私密" not in out and "第一行" not in out
    assert "951" in out


def test_junit_quotes_only_lines_findings_cite(tmp_path):
    doc = "私密口令123。\n" + DOC.replace("351", "951")
    spec = small_repo(tmp_path, doc=doc)
    rc, out, _ = run_cli(["check", str(spec), "--format", "junit"])
    assert rc == 1
    assert "私密" not in out and "951" in out


# ======================================================================================
# 6. costs that grew faster than the input: each dimension ×10, the time ratio bounded
# ======================================================================================
def _indicators_yaml(n: int) -> list[str]:
    return [f'  - {{id: i{i}, name: 指标{i}, period: 2023, kind: amount, unit: 亿元, value: {i + 1}, '
            f'locate: "指标{i}达到{{}}。"}}' for i in range(n)]


def _spec_head() -> list[str]:
    return ["id: g", "title: g", "region: r", "year: 2024", "source: doc.md", "indicators:"]


@pytest.mark.slow
def test_csv_header_with_many_columns_is_linear(tmp_path):
    from reportcheck.errors import InputError
    from reportcheck.table import load_table

    def run(n):
        p = tmp_path / f"h{n}.csv"
        if not p.exists():
            cols = ["report", "indicator", "value", "unit"] + [f"c{i}" for i in range(n)]
            p.write_text(",".join(cols) + "\n" + ",".join(["a", "gdp.2023", "1", "元"] + ["x"] * n) + "\n")
        try:
            load_table(p)
        except InputError:
            pass

    assert ratio(run, 20_000, 200_000, repeat=1) < LINEAR


@pytest.mark.slow
def test_did_you_mean_over_thousands_of_unknown_ids_is_linear():
    """9,000 rules naming unknown ids out of 6,000 took 561 s (every pair compared)."""
    from reportcheck.errors import SpecError
    from reportcheck.spec.load import load_spec_text

    def spec(n):
        rules = [f"  - {{id: r{j}, kind: part-of, part: x{j}, whole: i{j % n}}}" for j in range(n * 3 // 2)]
        return "\n".join(_spec_head() + _indicators_yaml(n) + ["rules:"] + rules) + "\n"

    texts = {n: spec(n) for n in (300, 3000)}

    def run(n):
        with pytest.raises(SpecError) as exc:
            load_spec_text(texts[n], file="s.yaml", base=".")
        assert len(exc.value.problems) >= n

    assert ratio(run, 300, 3000, repeat=1) < LINEAR
    with pytest.raises(SpecError) as exc:  # suggestions are still given
        load_spec_text(spec(400).replace("part: x1,", "part: i1x,"), file="s.yaml", base=".")
    assert any("did you mean i1?" in p.message for p in exc.value.problems)


def test_count_of_list_with_many_items_is_linear():
    from reportcheck.rules.count_of_list import Params

    # sizes that fit the CPU's caches: beyond ~100k strings every hash table (even set())
    # grows 15-40x for 10x on this hardware; the quadratic check gave 100x at any size
    items = {n: [f"item{i}" for i in range(n)] for n in (2_000, 20_000)}

    def run(n):  # 100k items took over 60 s (a quadratic duplicate check)
        Params.model_validate({"id": "r", "kind": "count-of-list", "count": "c", "items": items[n]})

    assert ratio(run, 2_000, 20_000, repeat=5) < LINEAR
    with pytest.raises(ValueError, match="listed twice: b"):
        Params.model_validate({"id": "r", "kind": "count-of-list", "count": "c", "items": ["a", "b", "b"]})


def test_expression_rules_times_ids_is_linear():
    """6,000 indicators and 14,000 expression rules took 105 s (a regex of every id per rule)."""
    from reportcheck.spec.load import load_spec_text

    def spec(n):
        rules = [f'  - {{id: r{j}, kind: expression, expr: "i{j % n} <= i{(j * 7 + 1) % n} + 1000亿元"}}'
                 for j in range(n * 7 // 3)]
        return "\n".join(_spec_head() + _indicators_yaml(n) + ["rules:"] + rules) + "\n"

    texts = {n: spec(n) for n in (200, 2000)}
    assert ratio(lambda n: load_spec_text(texts[n], file="s.yaml", base="."), 200, 2000, repeat=1) < LINEAR


def test_expression_ids_with_hyphens_and_digits_still_tokenize():
    from reportcheck.rules.expression import _id_set, tokenize

    ids = _id_set({"police.public-order.2023": "%", "5g.stations.2024": "个", "a": None, "a-b": None})
    toks = [t.text for t in tokenize("police.public-order.2023 + 5g.stations.2024 - a-b - a", ids)]
    assert toks[:5] == ["police.public-order.2023", "+", "5g.stations.2024", "-", "a-b"]


def _long_line_results(n: int):
    from reportcheck.findings import Category, FigureRef, Finding, Result, Severity

    unit = "增长5%，"
    line = unit * n
    findings = [Finding(f"r{k}", "change-range", Category.CONSISTENCY, Severity.ERROR, f"finding {k}",
                        (FigureRef("x", "5%", 5, "%", "doc.md", 1, 3 + k * len(unit), 1, 5 + k * len(unit)),))
                for k in range(0, n, max(n // 200, 1))]  # findings grow with the line too
    return [Result(findings, checks=len(findings), source="doc.md", text=line)]


@pytest.mark.parametrize("fmt", ["text", "junit"])
def test_text_and_junit_output_of_a_long_line_is_linear(fmt):
    """A 5 MB single line took 100 s in text and JUnit (each figure measured the whole line)."""
    from reportcheck.report import render

    results = {n: _long_line_results(n) for n in (20_000, 200_000)}
    assert ratio(lambda n: render(fmt, results[n]), 20_000, 200_000, repeat=2) < LINEAR


def test_unknown_units_in_data_cost_little_each():
    """20,000 distinct unknown units took 64 s: a did-you-mean scan of every unit name each."""
    from reportcheck.quantities import units

    units._did_you_mean.cache_clear()
    started = time.perf_counter()
    for i in range(2000):
        with pytest.raises(units.UnitError):
            units.factor(f"zz{i}", "元")
    per_unit = (time.perf_counter() - started) / 2000
    started = time.perf_counter()
    for _ in range(2000):
        units.is_known_unit("zz-not-cached-the-same")
    baseline = max((time.perf_counter() - started) / 2000, 1e-6)
    # a pint parse each (not cached: 2000 distinct), plus a did-you-mean that no longer scans
    assert per_unit < 0.002 or per_unit < 200 * baseline
    assert "did you mean 万元" in str(pytest.raises(units.UnitError, units.factor, "万圆", "元").value)


# ======================================================================================
# 7. also
# ======================================================================================
@pytest.mark.parametrize("expr", ["total / 0 <= new", "total / (1 - 1) <= new", "new <= total ÷ 0.0"])
def test_division_by_zero_is_a_spec_error(tmp_path, expr):
    spec = small_repo(tmp_path)
    spec.write_text(spec.read_text(encoding="utf-8") + f'  - {{id: e, kind: expression, expr: "{expr}"}}\n',
                    encoding="utf-8")
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert rc == 2 and "division by zero" in err


@pytest.mark.parametrize("bound", ["min: .nan", "max: .nan", "min: .NaN, max: 5"])
def test_nan_bounds_on_change_range_are_a_spec_error(tmp_path, bound):
    spec = small_repo(tmp_path)
    spec.write_text(spec.read_text(encoding="utf-8")
                    + f"  - {{id: c, kind: change-range, indicators: [new], {bound}}}\n", encoding="utf-8")
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert rc == 2 and "not a number" in err


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
def test_termination_during_a_write_removes_the_temporary_file(tmp_path, sig):
    if not hasattr(signal, sig):
        pytest.skip(f"no {sig}")
    out = tmp_path / "report.json"
    out.write_text("old\n", encoding="utf-8")
    code = f"""
        import os, signal, sys
        import reportcheck.cli as cli
        real = os.fsync
        def fsync(fd):
            os.kill(os.getpid(), signal.{sig})  # arrives while the temporary file exists
            real(fd)
        os.fsync = fsync
        sys.exit(cli.main(["check", "--format", "json", "--output", {str(out)!r}]))
    """
    env = dict(os.environ, PYTHONPATH=str(SRC))
    proc = subprocess.run([sys.executable, "-W", "ignore", "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 128 + getattr(signal, sig), proc.stderr
    assert "interrupted" in proc.stderr
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_cannot_create_the_temporary_file_names_the_output(tmp_path, monkeypatch):
    import errno
    import tempfile

    def refuse(*a, prefix="", dir=None, **k):
        raise OSError(errno.EROFS, "Read-only file system", os.path.join(str(dir), prefix + "abc.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "report.json"
    rc, _, err = run_cli(["check", "--format", "json", "--output", str(out)])
    assert rc == 2
    where, _, message = one_problem(err)
    assert where == str(out) and "Read-only file system" in message and ".tmp" not in err


def test_a_too_long_output_name_is_named_not_its_temporary_file(tmp_path):
    out = tmp_path / ("x" * 300 + ".json")
    rc, _, err = run_cli(["check", "--format", "json", "--output", str(out)])
    assert rc == 2
    where, _, message = one_problem(err)
    assert where == str(out) and ".tmp" not in err
    assert [p for p in tmp_path.iterdir()] == []


def test_a_valid_250_character_output_name_is_accepted(tmp_path):
    out = tmp_path / ("r" * 245 + ".json")
    rc, _, err = run_cli(["check", "--format", "json", "--output", str(out)])
    assert rc in (0, 1) and err == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.mark.slow
def test_a_plain_large_spec_is_not_called_an_alias_bomb():
    from reportcheck.spec.load import MAX_NODES, read_yaml

    text = "items:\n" + "".join(f"  - {{a: {i}, b: {i}}}\n" for i in range(MAX_NODES // 4))
    data, problems_ = read_yaml("big.yaml", text=text)
    assert data is not None and not problems_, problems_[:3]
    bomb = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi"))
    data, problems_ = read_yaml("bomb.yaml", text=bomb)
    assert data is None and "alias bomb" in problems_[-1].message


def _digits_cases(tmp_path):
    d = "9" * 5000
    spec = small_repo(tmp_path)
    text = spec.read_text(encoding="utf-8")
    v = spec.with_name("v.yaml")
    v.write_text(text.replace("value: 939", f"value: {d}"), encoding="utf-8")
    e = spec.with_name("e.yaml")
    e.write_text(text + f'  - {{id: e, kind: expression, expr: "total <= {d[:1500]}亿元"}}\n', encoding="utf-8")
    t = tmp_path / "t.csv"
    t.write_text(f"report,indicator,value,unit\na,gdp.2023,{d},亿元\nb,gdp.2023,{d}.5,亿元\n", encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text(f"收入{d}亿元，增长{d}.{d}%。\n", encoding="utf-8")
    return [["check", v], ["check", e], ["check", SPEC, "--data", t], ["extract", doc],
            ["extract", doc, "--format", "csv"], ["check", SPEC, "--text", doc]]


def test_python_digit_limit_never_reaches_the_user(tmp_path):
    for argv in _digits_cases(tmp_path):
        for fmt in ([] if argv[0] == "extract" else [["--format", "json"], ["--format", "text"]]) or [[]]:
            rc, out, err = run_cli([str(a) for a in argv] + fmt)
            assert_contract(rc, out, err, argv=argv)
            assert "4300" not in err and "int_max_str_digits" not in err + out
            assert all(len(line) < 1000 for line in err.splitlines())  # a huge input is quoted by its start


def test_a_40_digit_value_stays_within_its_bounds(tmp_path):
    from decimal import Decimal

    doc = tmp_path / "big.md"
    big = "9" * 40
    doc.write_text(f"收入达到{big}元，约{big}亿元，{big}多亿元。\n", encoding="utf-8")
    rc, out, err = run_cli(["extract", str(doc), "--format", "csv"])
    assert rc == 0, err
    import csv
    import io

    rows = [r for r in csv.DictReader(io.StringIO(out)) if big in r["value"]]
    assert rows
    for r in rows:
        value = Decimal(r["value"])
        assert Decimal(r["lower"]) <= value, r
        assert r["upper"] == "" or value <= Decimal(r["upper"]), r


def test_csv_sentence_spanning_lines_cannot_start_a_workflow_command(tmp_path):
    doc = tmp_path / "d.md"
    doc.write_text("收入增长5%\n::set-output name=deploy::true\n::add-mask::x 达到100亿元。\n", encoding="utf-8")
    rc, out, err = run_cli(["extract", str(doc), "--format", "csv"])
    assert rc == 0, err
    assert not any(line.lstrip().startswith("::") for line in out.splitlines()), out


def test_outside_a_repository_the_specs_and_data_layout_still_works(tmp_path, monkeypatch):
    """No .git (a project directory, an init draft): specs/x.yaml may read ../data/x.md, not ../../x."""
    from reportcheck.safety import repository_root, source_problem

    proj = tmp_path / "proj"
    (proj / "specs").mkdir(parents=True)
    (proj / "data").mkdir()
    (proj / "data" / "doc.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "secret.md").write_text(DOC, encoding="utf-8")
    spec = proj / "specs" / "t.yaml"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # a cwd unrelated to the project
    assert repository_root(spec) == proj.resolve()
    assert source_problem(spec, proj / "data" / "doc.md") is None
    assert source_problem(spec, tmp_path / "secret.md") is not None
    spec.write_text(SMALL_SPEC.format(source="../data/doc.md", name='"x"'), encoding="utf-8")
    assert run_cli(["check", str(spec)])[0] == 0
    spec.write_text(SMALL_SPEC.format(source="../../secret.md", name='"x"'), encoding="utf-8")
    assert run_cli(["check", str(spec)])[0] == 2


# ======================================================================================
# 9. the commands merged from main (compare, targets, waivers) go through the same guards
# ======================================================================================
JINING_DOC = ROOT / "data" / "jining-2024-work-report-interpretation.md"


@pytest.mark.parametrize("role", ["compare-source", "compare-text", "targets-previous", "targets-current"])
def test_fifo_given_to_compare_or_targets_is_refused(tmp_path, role):
    fifo = _fifo(tmp_path, "pipe.md")
    argv = {"compare-source": ["compare", fifo, JINING_DOC], "compare-text": ["compare", JINING_DOC, fifo],
            "targets-previous": ["targets", fifo, JINING_DOC],
            "targets-current": ["targets", JINING_DOC, fifo]}[role]
    rc, out, err = run_proc(argv, timeout=60)
    _assert_refused(rc, out, err, str(fifo), argv=argv)


def test_fifo_named_reportcheck_toml_does_not_block(tmp_path):
    """Waivers are looked for from the working directory upwards: a FIFO there is no config."""
    _fifo(tmp_path, "reportcheck.toml")
    rc, out, err = run_proc(["compare", JINING_DOC, JINING_DOC], cwd=tmp_path, timeout=60)
    assert_contract(rc, out, err)
    assert rc == 0, err


def test_waiver_config_reader_refuses_special_files(tmp_path):
    from reportcheck.errors import InputError
    from reportcheck.waivers import load_config

    with pytest.raises(InputError, match="not a regular file"):
        load_config(_fifo(tmp_path, "reportcheck.toml"))


ARTICLE = "全市地区生产总值达到5999亿元。\n::set-output name=x::y 新培育企业8888家\u202e。\n"


@pytest.mark.parametrize("fmt", ["text", "junit", "html", "github", "json", "sarif"])
def test_compare_article_cannot_inject_workflow_commands_or_bidi(tmp_path, fmt):
    article = tmp_path / "article.md"
    article.write_text(ARTICLE, encoding="utf-8")
    argv = ["compare", JINING_DOC, article, "--format", fmt]
    rc, out, err = run_proc(argv, timeout=120)
    assert_contract(rc, out, err, argv=argv)
    assert rc == 1, err  # 8888家 contradicts 351家: the injected line is quoted
    assert "8888" in out
    for line in re.split("[\n\r\x0b\x0c\x85\u2028\u2029]", out):
        if fmt == "github" and re.match(r"::(error|warning|notice) ", line):
            assert "set-output" not in line.split("::", 2)[1]
            continue
        assert not line.lstrip().startswith("::"), line
    if fmt in ("text", "junit", "github"):
        assert "\u202e" not in out


def test_targets_table_keeps_document_text_on_one_line():
    from types import SimpleNamespace as NS

    from reportcheck.report._targets import html_table, text_table

    v = NS(verdict="missed", indicator="x\n::set-output name=a::b\u202e", reason="r\x1b[2J",
           target=NS(text="5%\n::add-mask::s", line=3), outcome=NS(text="\x1b]52;c;aGk=\x07", line=9))
    r = NS(targets=[v])
    lines = text_table([r])
    assert not any(line.lstrip().startswith("::") for line in "\n".join(lines).splitlines())
    assert "\u202e" not in "\n".join(lines)
    page = html_table([r])
    assert "\x1b" not in page and "\x07" not in page
