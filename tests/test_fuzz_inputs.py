"""Fuzzing every input path with hypothesis: specs, documents, tables, command lines.

The oracle is the contract (tests/test_hardening_support.assert_contract): findings
(exit 0/1, stderr empty) or one ``file:line: message`` line per problem (exit 2) —
never a traceback, never the catch-all "internal error".

Budget: ``REPORTCHECK_FUZZ_EXAMPLES`` examples per test (default 100: the whole file runs
in under a minute in CI). A longer run is one variable away::

    REPORTCHECK_FUZZ_EXAMPLES=2000 pytest -m fuzz tests/test_fuzz_inputs.py
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from test_hardening_support import FUZZ, FUZZ_EXAMPLES, JINING, SPEC, assert_contract, run_cli, spec_text

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]  # long by nature: the default run leaves them out

JINING_TEXT = JINING.read_text(encoding="utf-8")
SPEC_TEXT = spec_text()
SPEC_LINES = SPEC_TEXT.splitlines(keepends=True)


@contextlib.contextmanager
def scratch():
    with tempfile.TemporaryDirectory(prefix="rc-fuzz-") as d:
        yield Path(d)


# --------------------------------------------------------------------------------------
# strategies
# --------------------------------------------------------------------------------------
#: fragments that matter to the extractor, the YAML parser and the expression language
REPORT_TOKENS = ["5600", "亿元", "万", "亿", "%", "％", "个百分点", "增长", "下降", "突破", "以上", "左右", "力争",
                 "约", "近", "多", "余", "翻番", "倍", "第", "位", "家", "个", "万千瓦", "GW", "。", "，", "、",
                 "；", "\n", "\r\n", "**", "“", "”", "（", "）", "-", "至", "~", "三", "十", "百", "千", "两",
                 "0", "1", "9", ".", ",", "１", "．", "分之", "年", "2023", "十四五", "5G", "“231”"]

report_text = st.lists(st.one_of(st.sampled_from(REPORT_TOKENS), st.text(max_size=5)), max_size=80).map("".join)


@st.composite
def mutated(draw, text: str, alphabet: list[str], max_edits: int = 6) -> str:
    """``text`` with a few random edits: delete, insert, replace, duplicate or swap a slice."""
    s = text
    for _ in range(draw(st.integers(1, max_edits))):
        if not s:
            s = draw(st.sampled_from(alphabet))
            continue
        i = draw(st.integers(0, len(s) - 1))
        j = min(len(s), i + draw(st.integers(0, 40)))
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "swap"]))
        piece = draw(st.one_of(st.sampled_from(alphabet), st.text(max_size=4)))
        if op == "delete":
            s = s[:i] + s[j:]
        elif op == "insert":
            s = s[:i] + piece + s[i:]
        elif op == "replace":
            s = s[:i] + piece + s[j:]
        elif op == "duplicate":
            s = s[:j] + s[i:j] + s[j:]
        else:
            k = draw(st.integers(0, len(s) - 1))
            s = s[:i] + s[k:k + (j - i)] + s[j:]
    return s


YAML_TOKENS = [":", " ", "\n", "- ", "  ", "{", "}", "[", "]", ",", "&a ", "*a", "!!python/object:os.system ",
               "!!str ", "!x ", "<<: ", "|", ">", "'", '"', "#", "~", "null", "true", "1e9", "0x1F", ".nan",
               "-.inf", "2024-01-01", "id: ", "kind: ", "expr: ", "unit: ", "value: ", "亿元", "亿園", "%",
               "part-of", "share-range", "expression", "gdp.2023", "revenue.2023", "__import__", "(", ")",
               "+", "*", "/", "<=", " and ", " not ", "\t", "\ufeff", "\x00", "\x85", "\u2028"]


# --------------------------------------------------------------------------------------
# specs
# --------------------------------------------------------------------------------------
def _check_spec(text: str | bytes) -> None:
    with scratch() as d:
        p = d / "fuzz.yaml"
        p.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
        # the Jining spec's source is outside the scratch directory: allowed here, so the
        # fuzzed spec reaches the engine (the root check has its own tests)
        argv = ["check", str(p), "--format", "json", "--allow-outside-root"]
        rc, out, err = run_cli(argv)
        lines = assert_contract(rc, out, err, argv=argv)
        if rc == 2:
            assert all(line.startswith(str(p)) or line.startswith(str(d)) or "/" in line for line in lines), lines


@FUZZ
@given(st.text(max_size=400))
def test_fuzz_spec_random_text(text):
    _check_spec(text)


@FUZZ
@given(st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map("".join))
def test_fuzz_spec_yaml_tokens(text):
    _check_spec(text)


@FUZZ
@given(mutated(SPEC_TEXT, YAML_TOKENS, max_edits=4))
def test_fuzz_spec_mutated_jining(text):
    _check_spec(text)


@FUZZ
@given(st.data())
def test_fuzz_spec_jining_with_a_line_replaced(data):
    """One line of the real spec replaced by hostile YAML: structure intact, one field wrong."""
    lines = list(SPEC_LINES)
    i = data.draw(st.integers(0, len(lines) - 1))
    indent = len(lines[i]) - len(lines[i].lstrip(" "))
    key = lines[i].strip().split(":", 1)[0].lstrip("- {") if ":" in lines[i] else "x"
    value = data.draw(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=12),
                                st.lists(st.sampled_from(YAML_TOKENS), max_size=6).map("".join)))
    lines[i] = " " * indent + f"{key}: {value}\n"
    _check_spec("".join(lines))


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_spec_random_bytes(raw):
    _check_spec(raw)


EXPR_TOKENS = ["gdp.2023", "revenue.2023", "gdp.2024", "hte.new.2023", "hte.total.2023", "500万元", "95%",
               "1.1GW", "100", "0", "1e300", "1e999", "-", "+", "*", "/", "×", "÷", "(", ")", "<", "<=", ">=",
               "==", "!=", "≤", " and ", " or ", " not ", "__import__", ".", "[", "]", "lambda", ":", "'", "亿園",
               "x", " ", "**", "if", "for", "in", "@", "`", "\\"]


@FUZZ
@given(st.lists(st.sampled_from(EXPR_TOKENS), min_size=1, max_size=30).map("".join))
def test_fuzz_expression_rules(expr):
    quoted = expr.replace("'", "''")
    _check_spec(spec_text(**{'expr: "revenue.2023 < gdp.2023"': f"expr: '{quoted}'"}))


# --------------------------------------------------------------------------------------
# documents
# --------------------------------------------------------------------------------------
def _check_document(content: str | bytes, commands=("extract", "check", "lint")) -> None:
    with scratch() as d:
        p = d / "doc.md"
        p.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        for command in commands:
            argv = {"extract": ["extract", str(p)],
                    "extract-csv": ["extract", str(p), "--format", "csv"],
                    "check": ["check", str(SPEC), "--text", str(p), "--format", "sarif"],
                    "lint": ["lint", str(p), "--format", "json"],
                    "init": ["init", str(p)]}[command]
            rc, out, err = run_cli(argv)
            assert_contract(rc, out, err, argv=argv)
        assert hashlib.sha256(p.read_bytes()).hexdigest() == digest


@FUZZ
@given(st.text(max_size=300))
def test_fuzz_document_random_unicode(text):
    _check_document(text, commands=("extract", "extract-csv", "lint"))


@FUZZ
@given(report_text)
def test_fuzz_document_report_like(text):
    _check_document(text, commands=("extract", "lint", "init"))


@FUZZ
@given(mutated(JINING_TEXT, REPORT_TOKENS, max_edits=8))
def test_fuzz_document_mutated_jining(text):
    _check_document(text, commands=("check", "extract"))


@FUZZ
@given(st.binary(max_size=400))
def test_fuzz_document_random_bytes(raw):
    _check_document(raw, commands=("extract", "check"))


@FUZZ
@given(st.data())
def test_fuzz_document_encodings(data):
    text = data.draw(report_text)
    enc = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "latin-1"]))
    try:
        raw = text.encode(enc)
    except UnicodeEncodeError:
        assume(False)
        return
    _check_document(raw, commands=("extract", "lint"))


# --------------------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------------------
INDICATORS = ["gdp.2023", "revenue.2023", "gdp.growth.2023", "enterprises.new.2023", "enterprises.total.2023",
              "hte.new.2023", "hte.total.2023", "projects.count.2023", "projects.investment.2023",
              "projects.threshold.2023", "nope.2023", "", " "]
CELLS = ["", " ", "nan", "NaN", "inf", "-inf", "1e308", "-1e308", "5e-324", "0", "-5", "5600", "5,600", "1.5",
         "abc", "True", "五千", "1e999", "0x10", '"', '""', "'", "\\", ";", "亿元", "万元", "%", "家", "亿園",
         "万人", "GW", "1.1", "  939  ", "\t", "null", "None", "-0", "true", "false", "是", "否", "1", "以上",
         "突破", "万"]


@st.composite
def csv_tables(draw) -> str:
    header_cols = draw(st.one_of(
        st.just(["report", "indicator", "value", "unit"]),
        st.just(["report", "indicator", "value"]),
        st.permutations(["report", "indicator", "value", "unit"]).map(list),
        st.lists(st.sampled_from(["report", "indicator", "value", "unit", "qualifier", "lower", "upper", "x",
                                  "status", "", "value", "lower_closed", "upper_closed"]), max_size=6),
        st.just(["report", "indicator", "value", "unit", "lower", "upper", "lower_closed", "upper_closed",
                 "qualifier"]),
    ))
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        row = []
        for col in header_cols:
            if col == "indicator":
                row.append(draw(st.sampled_from(INDICATORS)))
            elif col == "report":
                row.append(draw(st.sampled_from(["a", "b", "", "济宁", "a,b"])))
            else:
                row.append(draw(st.one_of(st.sampled_from(CELLS), st.text(max_size=6))))
        if draw(st.booleans()) and row:  # ragged rows too
            row = row[: draw(st.integers(0, len(row)))]
        rows.append(row)
    sep = draw(st.sampled_from([",", ",", ";", "\t"]))
    lines = [sep.join(header_cols)] + [sep.join(r) for r in rows]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


def _check_table(content: str | bytes, name: str = "t.csv") -> None:
    with scratch() as d:
        p = d / name
        p.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
        argv = ["check", str(SPEC), "--data", str(p), "--format", "json"]
        rc, out, err = run_cli(argv)
        assert_contract(rc, out, err, argv=argv)


@FUZZ
@given(csv_tables())
def test_fuzz_table_csv(content):
    _check_table(content)


@FUZZ
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_fuzz_table_random_content(content):
    _check_table(content)


@FUZZ
@given(st.data())
def test_fuzz_table_parquet(data):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    n = data.draw(st.integers(0, 6))
    cols = data.draw(st.sampled_from([["report", "indicator", "value"], ["report", "indicator", "value", "unit"],
                                      ["indicator", "value"],
                                      ["report", "indicator", "value", "unit", "lower", "upper", "lower_closed"]]))
    frame = {}
    for c in cols:
        if c in ("value", "lower", "upper", "lower_closed"):
            kind = data.draw(st.sampled_from(["float", "str", "int", "bool"]))
            elems = {"float": st.floats(allow_nan=True, allow_infinity=True), "str": st.sampled_from(CELLS),
                     "int": st.integers(-2**63, 2**63 - 1), "bool": st.booleans()}[kind]
        elif c == "indicator":
            elems = st.sampled_from(INDICATORS)
        else:
            elems = st.one_of(st.none(), st.sampled_from(CELLS))
        frame[c] = data.draw(st.lists(elems, min_size=n, max_size=n))
    with scratch() as d:
        p = d / "t.parquet"
        pd.DataFrame(frame).to_parquet(p)
        argv = ["check", str(SPEC), "--data", str(p), "--format", "sarif"]
        rc, out, err = run_cli(argv)
        assert_contract(rc, out, err, argv=argv)


@FUZZ
@given(st.data())
def test_fuzz_table_dataframe_api(data):
    """check(df, spec) on any frame: a Result whose findings can be written, or InputError — and
    the caller's frame is never changed."""
    pd = pytest.importorskip("pandas")
    import reportcheck
    from reportcheck.errors import InputError

    n = data.draw(st.integers(0, 6))
    cols = data.draw(st.lists(st.sampled_from(["report", "indicator", "id", "value", "unit", "lower", "upper",
                                                "lower_closed", "upper_closed", "qualifier", "text"]),
                              min_size=1, max_size=8, unique=True))
    frame = {}
    for c in cols:
        if c in ("indicator", "id"):
            elems = st.one_of(st.none(), st.sampled_from(INDICATORS))
        else:
            elems = st.one_of(st.none(), st.sampled_from(CELLS), st.floats(allow_nan=True, allow_infinity=True),
                              st.integers(-2**63, 2**63 - 1), st.booleans())
        frame[c] = data.draw(st.lists(elems, min_size=n, max_size=n))
    df = pd.DataFrame(frame)
    before = df.copy()
    try:
        result = reportcheck.check(df, str(SPEC))
    except InputError as exc:
        assert str(exc) and all(line.strip() for line in str(exc).splitlines())
    else:
        _ = result.findings, result.verdicts(), result.summary()
    pd.testing.assert_frame_equal(df, before)


# --------------------------------------------------------------------------------------
# command lines
# --------------------------------------------------------------------------------------
ARG_TOKENS = ["check", "lint", "extract", "init", "--text", "--data", "--format", "-f", "--output", "-o",
              "--strict", "--help", "-h", "--version", "text", "json", "junit", "sarif", "github", "html", "csv",
              "pdf", "-", "--", "--bogus", "", " ", "=", "--format=json", "--output=", "@SPEC", "@DOC", "@TABLE",
              "@BADSPEC", "@OUT", "@MISSING", "@DIR", "nul\x00byte", "ünï", "报告.md", "-x", "---"]


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(ARG_TOKENS), st.text(max_size=8)), max_size=8))
def test_fuzz_command_line(tokens):
    with scratch() as d, contextlib.chdir(d):
        (d / "doc.md").write_text(JINING_TEXT.replace("**351**家", "**951**家"), encoding="utf-8")
        (d / "t.csv").write_text("report,indicator,value\na,gdp.2023,5600\n", encoding="utf-8")
        (d / "bad.yaml").write_text("id: [\n", encoding="utf-8")
        (d / "dir").mkdir()
        subst = {"@SPEC": str(SPEC), "@DOC": "doc.md", "@TABLE": "t.csv", "@BADSPEC": "bad.yaml",
                 "@OUT": "out.txt", "@MISSING": "missing.md", "@DIR": "dir"}
        argv = [subst.get(t, t) for t in tokens]
        before = {p.name: p.read_bytes() for p in d.iterdir() if p.is_file()}
        try:
            rc, out, err = run_cli(argv)
        except SystemExit as exc:  # pragma: no cover - main must return, never exit
            pytest.fail(f"main({argv!r}) raised SystemExit({exc.code})")
        if "--help" in argv or "-h" in argv or "--version" in argv:
            assert rc in (0, 1, 2)
        else:
            assert_contract(rc, out, err, argv=argv)
        for name, content in before.items():  # inputs untouched, whatever the arguments
            assert (d / name).read_bytes() == content, (argv, name)
        leftovers = [p.name for p in d.iterdir() if p.name.endswith(".tmp")]
        assert not leftovers, (argv, leftovers)


# --------------------------------------------------------------------------------------
# the same contract through the real console entry point (a fresh process each)
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [
    ["check", "@HOSTILE_SPEC"],
    ["check", str(SPEC), "--text", "@BINARY"],
    ["check", str(SPEC), "--data", "@BADTABLE", "--format", "sarif"],
    ["lint", "@BINARY", "@MISSING"],
    ["extract", "@BINARY", "--format", "xml"],
    ["check", "--bogus", "\r"],
])
def test_subprocess_contract(argv, tmp_path):
    import os
    import subprocess
    import sys

    (tmp_path / "hostile.yaml").write_text(
        "id: !!python/object/apply:os.system ['echo pwned > pwned.txt']\nrules: &r [*r]\n", encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "bad.csv").write_text("report,indicator,value\na,gdp.2023,inf\na,,x\n", encoding="utf-8")
    subst = {"@HOSTILE_SPEC": "hostile.yaml", "@BINARY": "binary.md", "@BADTABLE": "bad.csv",
             "@MISSING": "missing.md"}
    env = {k: v for k, v in os.environ.items() if k != "REPORTCHECK_DEBUG"}
    proc = subprocess.run([sys.executable, "-m", "reportcheck", *[subst.get(a, a) for a in argv]],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert_contract(proc.returncode, proc.stdout, proc.stderr, argv=argv)
    assert proc.returncode == 2
    assert not (tmp_path / "pwned.txt").exists()


# --------------------------------------------------------------------------------------
# issue 18: special files, unit powers, whitespace runs, control characters
# --------------------------------------------------------------------------------------
def _run_with_timeout(argv, timeout=120):
    """A fresh process (a regression would block forever, not fail): (rc, out, err)."""
    import os
    import subprocess
    import sys

    from test_hardening_support import ROOT

    env = {k: v for k, v in os.environ.items() if k != "REPORTCHECK_DEBUG"}
    env["PYTHONPATH"] = str(ROOT / "src")
    proc = subprocess.run([sys.executable, "-W", "ignore", "-m", "reportcheck", *argv], capture_output=True,
                          text=True, env=env, timeout=timeout, stdin=subprocess.PIPE)
    return proc.returncode, proc.stdout, proc.stderr


SPECIAL_FILES = ["/dev/stdin", "/dev/stdout", "/dev/stderr", "/proc/self/fd/0", "/proc/self/fd/1",
                 "/dev/null", "/dev/zero", "/dev/urandom", "/proc/self/status", "@FIFO", "@LINK_STDIN",
                 "@LINK_FIFO", "@LINK_LOOP"]
SPECIAL_ROLES = ["spec", "text", "data", "extract", "lint", "source"]


@settings(FUZZ, max_examples=max(FUZZ_EXAMPLES // 8, 5))  # a fresh process per example
@given(st.lists(st.tuples(st.sampled_from(SPECIAL_ROLES), st.sampled_from(SPECIAL_FILES)), min_size=1,
                max_size=2))
def test_fuzz_special_files_never_block(pairs):
    """Any mix of special files in any input role: exit 2 naming one, never a hang."""
    import os

    with scratch() as d:
        os.mkfifo(d / "fifo")
        (d / "stdin-link").symlink_to("/dev/stdin")
        (d / "fifo-link").symlink_to(d / "fifo")
        (d / "loop").symlink_to(d / "loop")
        subst = {"@FIFO": str(d / "fifo"), "@LINK_STDIN": str(d / "stdin-link"),
                 "@LINK_FIFO": str(d / "fifo-link"), "@LINK_LOOP": str(d / "loop")}
        role, special = pairs[0]
        path = subst.get(special, special)
        if role == "source":
            spec = d / "s.yaml"
            spec.write_text(SPEC_TEXT.replace(str(JINING), path), encoding="utf-8")
            argv = ["check", str(spec), "--allow-outside-root"]
        else:
            argv = {"spec": ["check", path], "text": ["check", str(SPEC), "--text", path],
                    "data": ["check", str(SPEC), "--data", path], "extract": ["extract", path],
                    "lint": ["lint", path]}[role]
        for role2, special2 in pairs[1:]:
            if role2 == "text" and argv[0] == "check" and "--data" not in argv:
                argv += ["--text", subst.get(special2, special2)]
        rc, out, err = _run_with_timeout(argv)
        assert_contract(rc, out, err, argv=argv)
        assert rc == 2


UNIT_PIECES = ["亿元", "元", "万", "m", "^", "**", "*", "/", "(", ")", "-", "9", "99", "9999999999", "1e400",
               "nan", "⁹", "²", " ", ".", "0", "12", "13", "%", "个百分点"]
unit_exprs = st.lists(st.sampled_from(UNIT_PIECES), min_size=1, max_size=16).map("".join)


@FUZZ
@given(unit_exprs)
def test_fuzz_unit_powers_in_every_place(unit):
    """A unit expression as an indicator's unit, in an expression, in a --data cell: bounded
    before pint sees it, so each run ends (the whole example under the timeout)."""
    import json as _json

    from reportcheck.safety import unit_problem

    bounded = unit_problem(unit) is None
    quoted = _json.dumps(unit, ensure_ascii=False)
    _check_spec(spec_text(**{"unit: 亿元, value: 5600": f"unit: {quoted}, value: 5600"}))
    expr = _json.dumps(f"gdp.2023 <= 1{unit}", ensure_ascii=False).replace("'", "''")
    _check_spec(spec_text(**{'expr: "revenue.2023 < gdp.2023"': f"expr: {expr}"}))
    _check_table(f"report,indicator,value,unit\na,gdp.2023,5600,\"{unit.replace(chr(34), '')}\"\n")
    if not bounded:
        from reportcheck.quantities.units import is_known_unit

        assert not is_known_unit(unit)


@FUZZ
@given(st.lists(st.sampled_from([" ", "  ", " " * 40, "\t", "\n", "\u3000", "收入", "增长", "5%", "，",
                                 "**", "达到", "亿元"]), max_size=60).map("".join),
       st.lists(st.sampled_from([" ", " " * 8, "\t", "收入", "增长", "达到", "，"]), min_size=1, max_size=12)
       .map("".join))
def test_fuzz_whitespace_runs_in_locators(text, context):
    """Locator templates with runs of blanks against text with runs of blanks: each
    finishes at once (a backtracking pattern did not finish in 60 s)."""
    import time

    from reportcheck.spec.bind import locate
    from reportcheck.spec.model import Locator

    started = time.perf_counter()
    for template in (context + "{}", "{}" + context, context + "{}" + context):
        try:
            loc = Locator(template=template)
        except ValueError:
            continue
        for m in locate(loc, text):
            assert 0 <= m.start <= m.end <= len(text)
    assert time.perf_counter() - started < 5


CONTROL = ["\n", "\r", "\r\n", "::set-output name=x::1", "::add-mask::s", "\u202e", "\u2066", "\u200f",
           "\x1b[2J", "\x1b]52;c;aGk=\x07", "\x0b", "\x0c", "\x85", "\u2028", "=cmd", "@SUM(1)", "+1", "-1",
           "x", "指标", "\t"]


@FUZZ
@given(st.lists(st.sampled_from(CONTROL), min_size=1, max_size=8).map("".join),
       st.sampled_from(["text", "junit", "html", "github", "sarif", "json"]))
def test_fuzz_control_characters_from_a_spec(name, fmt):
    """An indicator name full of line breaks, workflow commands, bidi and terminal controls:
    no output line starts with '::' (but github's own), no raw ESC, no bidi in text/github."""
    import json as _json

    with scratch() as d:
        text = spec_text(**{"name: 新培育省级以上单项冠军、专精特新、瞪羚企业,":
                            f"name: {_json.dumps(name, ensure_ascii=False)},"})
        p = d / "s.yaml"
        p.write_text(text, encoding="utf-8")
        doc = d / "doc.md"
        doc.write_text(JINING_TEXT.replace("**351**家", "**951**家"), encoding="utf-8")
        argv = ["check", str(p), "--text", str(doc), "--format", fmt]
        rc, out, err = run_cli(argv)
        assert_contract(rc, out, err, argv=argv)
        if rc == 2:
            return
        for line in out.splitlines():
            if fmt == "github" and line.startswith("::"):
                assert line.split(" ", 1)[0] in ("::error", "::warning", "::notice"), line
            else:
                assert not line.lstrip().startswith("::"), line
        assert "\x1b" not in out
        if fmt in ("text", "github"):
            assert not any(c in out for c in "\u202e\u2066\u200f")


@FUZZ
@given(st.lists(st.sampled_from(CONTROL + ["5%", "增长", "亿元", "100"]), min_size=1, max_size=12).map("".join))
def test_fuzz_csv_cells_never_start_a_formula(text):
    import csv
    import io

    with scratch() as d:
        p = d / "doc.md"
        p.write_text(text.replace("\x1b", "").replace("\x07", "").replace("\x0b", "").replace("\x0c", "")
                     .replace("\x85", ""), encoding="utf-8")
        rc, out, err = run_cli(["extract", str(p), "--format", "csv"])
        assert_contract(rc, out, err)
        if rc != 0:
            return
        for row in csv.DictReader(io.StringIO(out)):
            for key, cell in row.items():
                if key not in ("value", "lower", "upper") and cell:
                    assert cell[0] not in "=+-@\t\r", (key, cell)
