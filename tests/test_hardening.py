"""Hardening: hostile and broken inputs, one test per case of issue 7 (see docs/security.md).

Every input path — documents, specs (YAML), tables, the command line, the output —
gives findings (exit 0/1) or one ``file:line: message`` line per problem (exit 2),
never a traceback, never a hang, never code run from a spec, never a modified input.
Large inputs (50 MB document, 1,000,000-row table) are generated in tmp_path.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_hardening_support import (
    HARDENING,
    JINING,
    ROOT,
    SPEC,
    assert_contract,
    problems,
    run_cli,
    spec_text,
)

DOC_COMMANDS = ("extract", "lint", "check", "init")


def run_doc(command: str, doc: Path, *extra: str) -> tuple[int, str, str]:
    argv = ["check", str(SPEC), "--text", str(doc)] if command == "check" else [command, str(doc)]
    argv += list(extra)
    rc, out, err = run_cli(argv)
    assert_contract(rc, out, err, argv=argv)
    return rc, out, err


def write_spec(tmp_path: Path, text: str, name: str = "spec.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# ======================================================================================
# documents
# ======================================================================================
@pytest.mark.parametrize("content", ["", "\n\n   \n", "\ufeff"], ids=["empty", "blank", "bom-only"])
@pytest.mark.parametrize("command", DOC_COMMANDS)
def test_empty_document(tmp_path, command, content):
    doc = tmp_path / "empty.md"
    doc.write_text(content, encoding="utf-8")
    rc, out, err = run_doc(command, doc)
    if command == "check":
        # every figure the spec expects is missing: extraction findings, not a crash
        assert rc == 1
    else:
        assert rc == 0
    if command == "extract":
        assert json.loads(out) == []


@pytest.mark.parametrize("command", DOC_COMMANDS)
def test_binary_document(tmp_path, command):
    doc = tmp_path / "image.md"
    doc.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    rc, _, err = run_doc(command, doc)
    assert rc == 2
    [(where, line, message)] = problems(err)
    assert where == str(doc) and line == 3 and "binary" in message  # the first NUL is on line 3


def test_binary_without_nul_bytes(tmp_path):
    doc = tmp_path / "ctrl.md"
    doc.write_bytes("第一行5600亿元\n第二行\x01\x02\x03\n".encode())
    rc, _, err = run_doc("extract", doc)
    assert rc == 2
    [(where, line, message)] = problems(err)
    assert (where, line) == (str(doc), 2) and "control character" in message


@pytest.mark.parametrize("command", DOC_COMMANDS)
def test_invalid_utf8_names_the_line(command):
    doc = HARDENING / "invalid-utf8.md"
    rc, _, err = run_doc(command, doc)
    assert rc == 2
    [(where, line, message)] = problems(err)
    assert where == str(doc) and line == 3 and "0xff" in message


def test_utf16_is_refused_in_one_line(tmp_path):
    doc = tmp_path / "utf16.md"
    doc.write_bytes(JINING.read_text(encoding="utf-8").encode("utf-16"))
    rc, _, err = run_doc("extract", doc)
    assert rc == 2 and "UTF-16" in err and len(err.splitlines()) == 1


def test_gb18030_document_checks_like_its_utf8_original(tmp_path):
    utf8, gb = tmp_path / "utf8.md", tmp_path / "gb.md"
    text = JINING.read_text(encoding="utf-8")
    utf8.write_text(text, encoding="utf-8")
    gb.write_bytes(text.encode("gb18030"))
    assert gb.read_bytes() != utf8.read_bytes()
    results = {}
    for p in (utf8, gb):
        rc, out, _ = run_doc("check", p, "--format", "json")
        results[p.name] = (rc, json.loads(out.replace(str(p), "DOC")))
    assert results["utf8.md"] == results["gb.md"]
    # the same figures at the same (character) positions
    rc1, out1, _ = run_doc("extract", utf8)
    rc2, out2, _ = run_doc("extract", gb)
    assert rc1 == rc2 == 0 and json.loads(out1) == json.loads(out2) and len(json.loads(out1)) > 100


#: long runs that would make a backtracking pattern explode, or multiply work per figure
PATHOLOGICAL = {
    "100k-digits": "1" * 100_000,
    "100k-digits-unit": "9" * 100_000 + "亿元",
    "digits-dots": "1." * 50_000,
    "digit-commas": "1," * 50_000 + "1亿元",
    "qualifier-repeats": "突破" * 50_000 + "500亿元",
    "qualifier-suffixes": "5亿元" + "以上" * 50_000,
    "magnitudes": "万" * 100_000,
    "number-magnitude-pairs": "5万" * 50_000,
    "chinese-numerals": "一二三四五六七八九十百千万亿" * 7_000,
    "percent-signs": "%" * 100_000,
    "ranges": "5-" * 50_000,
    "nested-quotes": "“" * 50_000 + "231" + "”" * 50_000,
    "markup": "**" * 50_000 + "5600亿元",
    "one-huge-line": "济宁" * 250_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_text_finishes(name):
    """No catastrophic backtracking: each 100 k-character input finishes (generous bound)."""
    from reportcheck.text.extract import extract

    text = PATHOLOGICAL[name]
    started = time.perf_counter()
    figures = extract(text)
    assert time.perf_counter() - started < 60, name
    for f in figures[:1000]:
        assert len(f.sentence) <= 1000  # the per-figure context stays bounded


@pytest.mark.parametrize("name", ["digit-commas", "100k-digits-unit", "qualifier-repeats"])
@pytest.mark.parametrize("command", ["extract", pytest.param("lint", marks=pytest.mark.slow), "check"])
def test_pathological_text_through_the_commands(tmp_path, name, command):
    doc = tmp_path / f"{name}.md"
    doc.write_text(PATHOLOGICAL[name][:40_000], encoding="utf-8")
    out = tmp_path / "out"
    started = time.perf_counter()
    rc, _, _ = run_doc(command, doc, "--output", str(out))
    assert time.perf_counter() - started < 120
    # output stays linear: a figure carries a bounded window of its run-on sentence
    assert out.stat().st_size < 400 * len(PATHOLOGICAL[name][:40_000].encode("utf-8")) + 100_000


def _large_document(path: Path, megabytes: int) -> Path:
    unit = JINING.read_bytes() + b"\n"
    n = megabytes * 1_000_000 // len(unit) + 1
    with path.open("wb") as fh:
        for _ in range(n):
            fh.write(unit)
    return path


def _limited(gigabytes: float):
    limit = int(gigabytes * 1024**3)

    def preexec():  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return preexec


@pytest.mark.parametrize("command", ["lint", "init"])
def test_lint_and_init_refuse_documents_over_their_limit(tmp_path, command):
    """lint's inference grows faster than the size: documents over 1 MB are refused, not hung on."""
    doc = _large_document(tmp_path / "big.md", 2)
    started = time.perf_counter()
    rc, out, err = run_cli([command, str(doc)])
    assert_contract(rc, out, err)
    assert rc == 2 and problems(err)[0][:2] == (str(doc), None) and "larger than 1 MB" in err
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("argv", [["extract", "/dev/zero"], ["lint", "/dev/zero"], ["check", "/dev/zero"],
                                  ["check", str(SPEC), "--text", "/dev/zero"],
                                  ["check", str(SPEC), "--data", "/dev/zero"]])
def test_endless_device_files_are_not_read_to_the_end(argv):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    rc, out, err = run_cli(argv)
    assert_contract(rc, out, err, argv=argv)
    assert rc == 2 and "/dev/zero" in err


@pytest.mark.slow
@pytest.mark.parametrize("command", ["extract", "check"])
def test_50mb_document_completes_in_bounded_memory(tmp_path, command):
    """A 50 MB document completes under an 8 GB address-space limit (measured: peak RSS 0.8 GB
    for extract, 2.7 GB for check; time and memory are measured by
    benchmarks/hardening_scaling.py — here only completion is asserted)."""
    doc = _large_document(tmp_path / "big.md", 50)
    assert doc.stat().st_size >= 50_000_000
    out = tmp_path / "out"
    argv = (["extract", str(doc), "--format", "csv"] if command == "extract"
            else ["check", str(SPEC), "--text", str(doc), "--format", "json"])
    proc = subprocess.run([sys.executable, "-m", "reportcheck", *argv, "--output", str(out)],
                          capture_output=True, text=True, timeout=1200, preexec_fn=_limited(8))
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert proc.stderr == "" and out.stat().st_size > 0


# ======================================================================================
# YAML
# ======================================================================================
def test_billion_laughs_is_cut_short():
    started = time.perf_counter()
    rc, out, err = run_cli(["check", str(HARDENING / "billion-laughs.yaml")])
    assert_contract(rc, out, err)
    assert rc == 2 and "alias bomb" in err
    assert time.perf_counter() - started < 10


def test_python_object_tags_construct_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    spec = HARDENING / "python-object.yaml"
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert rc == 2
    assert not (tmp_path / "reportcheck-pwned.txt").exists()
    found = problems(err)
    for line in (2, 3, 4):  # every tag reported on its own line
        assert any(ln == line and "is not allowed in a spec" in msg for _, ln, msg in found), err


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['true']", "!!python/tuple [1, 2]",
                                 "!!python/module:os", "!!binary aGVsbG8=", "!!set {a, b}",
                                 "!custom {x: 1}", "!!omap [a: 1]"])
def test_every_non_plain_tag_is_a_problem(tmp_path, tag):
    spec = write_spec(tmp_path, spec_text(**{"region: 济宁市": f"region: {tag}"}))
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert rc == 2 and (str(spec), 6) in [(w, ln) for w, ln, _ in problems(err)]


@pytest.mark.parametrize("style", ["flow", "block", "block-list"])
def test_10000_level_nesting(tmp_path, style):
    depth = 10_000
    text = {
        "flow": "[" * depth + "]" * depth + "\n",
        "block": "".join(" " * i + "k:\n" for i in range(depth)) + " " * depth + "v\n",
        "block-list": "- " * depth + "x\n",
    }[style]
    spec = write_spec(tmp_path, text)
    started = time.perf_counter()
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert rc == 2 and ("nesting" in err or "larger than" in err)
    assert time.perf_counter() - started < 30


def test_recursive_alias_is_a_problem():
    rc, out, err = run_cli(["check", str(HARDENING / "recursive-alias.yaml")])
    assert_contract(rc, out, err)
    assert rc == 2 and "nesting" in err


def test_duplicate_keys(tmp_path):
    text = spec_text(**{"region: 济宁市\n": "region: 济宁市\nregion: 曲阜市\n",
                        "value: 5600, status: 预计,": "value: 5600, status: 预计, value: 5700,"})
    spec = write_spec(tmp_path, text)
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    found = problems(err)
    assert (str(spec), 7, "duplicate key 'region' (first at line 6)") in found
    gdp_line = line_of(text, "id: gdp.2023,")
    assert any(line == gdp_line and "duplicate key 'value'" in msg for _, line, msg in found)


def test_oversized_spec(tmp_path):
    spec = write_spec(tmp_path, "# " + "x" * 6_000_000 + "\n")
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert rc == 2 and "larger than" in err


# ======================================================================================
# spec semantics
# ======================================================================================
def test_duplicate_indicator_ids(tmp_path):
    text = spec_text(**{"id: revenue.growth.2023,": "id: gdp.growth.2023,"})
    spec = write_spec(tmp_path, text)
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    first = line_of(text, "id: gdp.growth.2023,")
    lines = [(line, msg) for _, line, msg in problems(err)]
    dup = [(line, msg) for line, msg in lines if "duplicate indicator id" in msg]
    assert len(dup) == 1
    assert dup[0][0] > first and f"first at line {first}" in dup[0][1]


def test_rule_naming_an_unknown_indicator(tmp_path):
    text = spec_text(**{'expr: "revenue.2023 < gdp.2023"': 'expr: "revenue.2023 < gpd.2023"',
                        "    part: enterprises.new.2023": "    part: enterprises.neww.2023"})
    spec = write_spec(tmp_path, text)
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    found = problems(err)
    assert any(ln == line_of(text, "gpd.2023") and "unknown indicator 'gpd.2023' (did you mean gdp.2023?)" in m
               for _, ln, m in found), err
    assert any(ln == line_of(text, "enterprises.neww.2023") and "did you mean enterprises.new.2023?" in m
               for _, ln, m in found), err


def test_unit_typo_with_did_you_mean(tmp_path):
    text = spec_text(**{"unit: 亿元, value: 5600": "unit: 亿園, value: 5600"})
    spec = write_spec(tmp_path, text)
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert (str(spec), line_of(text, "亿園"), "indicator 'gdp.2023': unknown unit '亿園' (did you mean 亿元?)") \
        in problems(err)


def test_circular_references_cannot_be_written():
    """The spec format has no references between indicators (no derived indicators): rules
    only read indicators, and an expression is a rule, never an indicator. The one cycle a
    file can hold is a YAML anchor inside itself — tested in test_recursive_alias_is_a_problem."""
    from reportcheck.spec.model import Indicator

    assert not {"derived", "formula", "expr", "from"} & set(Indicator.model_fields)


#: expressions that try to escape the small language, each rejected at load
HOSTILE_EXPRESSIONS = {
    "import": "__import__('os').system('echo pwned > reportcheck-pwned.txt') < 1",
    "builtins-call": "open('/etc/passwd') < gdp.2023",
    "attribute": "gdp.2023.__class__.__mro__ < 1",
    "dunder-name": "__builtins__ < gdp.2023",
    "subscript": "gdp.2023[0] < 1",
    "lambda": "(lambda: 1)() < gdp.2023",
    "list-comprehension": "[x for x in gdp.2023] < 1",
    "generator": "sum(x for x in gdp.2023) < 1",
    "dict": "{1: 2} < gdp.2023",
    "power": "gdp.2023 ** 1000000 < 1",
    "conditional": "gdp.2023 if gdp.2023 else 1 < 2",
    "f-string": "f'{gdp.2023}' < 1",
    "statement": "gdp.2023 < 1; import os",
    "walrus": "(x := gdp.2023) < 1",
    "huge-literal": "gdp.2023 < 1e999",
    "10000-terms": " + ".join(["gdp.2023"] * 10_000) + " < 1",
    "10000-short-terms": "+".join(["1"] * 10_000) + " < gdp.2023",
    "10000-parens": "(" * 10_000 + "gdp.2023" + ")" * 10_000 + " < 1",
    "deep-unary": "-" * 1_000 + "gdp.2023 < 1",
    "deep-not": "not " * 500 + "gdp.2023 < 1",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_EXPRESSIONS))
def test_hostile_expression_rejected_at_load(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    expr = HOSTILE_EXPRESSIONS[name].replace("'", "''")
    text = spec_text(**{'expr: "revenue.2023 < gdp.2023"': f"expr: '{expr}'"})
    spec = write_spec(tmp_path, text)
    started = time.perf_counter()
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert rc == 2, (name, err)
    rule_line = line_of(text, "id: revenue-below-gdp-2023")
    found = problems(err)
    assert found and all(w == str(spec) and rule_line <= ln <= rule_line + 3 for w, ln, _ in found), err
    assert "revenue-below-gdp-2023" in err
    assert not (tmp_path / "reportcheck-pwned.txt").exists()
    assert time.perf_counter() - started < 30


def test_no_eval_or_exec_in_the_package():
    import re

    pattern = re.compile(r"(?<![\w.])(eval|exec)\s*\(")
    for path in (ROOT / "src" / "reportcheck").rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            assert not pattern.search(code), f"{path}:{n}: {line.strip()}"


def test_only_safe_yaml_loading_in_the_package():
    for path in (ROOT / "src" / "reportcheck").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for bad in ("yaml.load(", "yaml.unsafe_load", "yaml.full_load", "UnsafeLoader", "FullLoader",
                    "yaml.Loader", "pickle.load", "marshal.load"):
            assert bad not in text, f"{path}: {bad}"


@pytest.mark.parametrize("value", ["1e999999999", "-1e400", "1e-400", ".nan", ".inf", "nan"])
def test_canonical_values_out_of_range(tmp_path, value):
    text = spec_text(**{"value: 5600, status: 预计,": f"value: {value}, status: 预计,"})
    spec = write_spec(tmp_path, text)
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert rc == 2
    gdp_line = line_of(text, "id: gdp.2023,")
    assert [ln for _, ln, _ in problems(err)] == [gdp_line], err  # no cascade onto the rules


@pytest.mark.parametrize("source", ['"a\\0b.md"', '""', '"   "', "/", "/dev/zero", "/proc/self/environ"])
def test_hostile_source_paths(tmp_path, source):
    spec = write_spec(tmp_path, spec_text(**{f"source: {ROOT / 'data'}/jining-2024-work-report-interpretation.md":
                                             f"source: {source}"}))
    rc, out, err = run_cli(["check", str(spec)])
    assert_contract(rc, out, err)
    assert rc == 2


# ======================================================================================
# tables (--data)
# ======================================================================================
HEADER = "report,indicator,value,unit\n"


def run_table(tmp_path: Path, content: str | bytes, name: str = "table.csv") -> tuple[int, str, str, Path]:
    t = tmp_path / name
    t.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    argv = ["check", str(SPEC), "--data", str(t), "--format", "json"]
    rc, out, err = run_cli(argv)
    assert_contract(rc, out, err, argv=argv)
    return rc, out, err, t


@pytest.mark.parametrize("value, what", [("nan", "not a number"), ("NaN", "not a number"),
                                         ("inf", "not a finite number"), ("-inf", "not a finite number"),
                                         ("Infinity", "not a finite number"), ("abc", "not a number"),
                                         ("", "not a number"), ("1e999", "not a finite number"),
                                         ("五千", "not a number"), ("True", "not a number")])
def test_table_bad_values_name_their_line(tmp_path, value, what):
    rc, _, err, t = run_table(tmp_path, HEADER + "a,revenue.2023,475,亿元\n" + f"a,gdp.2023,{value},亿元\n")
    assert rc == 2
    assert problems(err) == [(str(t), 3, f"value {value!r} is {what}")]


def test_table_negative_counts_are_findings(tmp_path):
    rc, out, err, _ = run_table(tmp_path, HEADER + "a,enterprises.new.2023,-5,家\na,enterprises.total.2023,-939,家\n")
    assert rc == 1
    assert json.loads(out)["findings"]


def test_table_huge_values_are_findings_or_pass(tmp_path):
    rc, out, err, _ = run_table(tmp_path, HEADER + "a,gdp.2023,1e308,万元\na,revenue.2023,-1e308,亿元\n"
                                "b,gdp.2023,5e-324,亿元\nb,revenue.2023,1.7e308,亿元\n")
    assert rc in (0, 1)


@pytest.mark.parametrize("content, needle", [
    ("report,value\na,1\n", "missing column indicator"),
    ("report,indicator\na,gdp.2023\n", "missing column value"),
    ("x,y,z\n1,2,3\n", "missing columns report, indicator, value"),
    ("", "empty"),
    (HEADER, "no rows"),
    ('report,indicator,value\n"a,gdp.2023,1\n', "not a valid CSV"),
    ("report,indicator,value\na,,1\n", "empty indicator"),
])
def test_table_structure_problems(tmp_path, content, needle):
    rc, _, err, _ = run_table(tmp_path, content)
    assert rc == 2 and needle in err, err


def test_table_binary_and_fake_parquet(tmp_path):
    rc, _, err, _ = run_table(tmp_path, bytes(range(256)) * 50)
    assert rc == 2
    rc, _, err, _ = run_table(tmp_path, b"PAR1 not really", name="t.parquet")
    assert rc == 2 and "Parquet" in err


def test_table_string_in_numeric_parquet_column(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    t = tmp_path / "t.parquet"
    pd.DataFrame({"report": ["a", "a"], "indicator": ["gdp.2023", "revenue.2023"],
                  "value": ["5600", "lots"], "unit": ["亿元", None]}).to_parquet(t)
    rc, out, err = run_cli(["check", str(SPEC), "--data", str(t)])
    assert_contract(rc, out, err)
    assert rc == 2 and "row 2: value 'lots' is not a number" in err


@pytest.mark.slow
def test_table_one_million_rows_of_garbage(tmp_path):
    import random

    rnd = random.Random(7)
    t = tmp_path / "garbage.csv"
    junk = ["x", "?", "NaN", "inf", "1e999", "--", "五", "", "0x1f", "∞"]
    with t.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for i in range(1_000_000):
            fh.write(f"r{i % 997},ind{rnd.randrange(50)}.x,{rnd.choice(junk)},{rnd.choice(['亿元', '', '克拉'])}\n")
    started = time.perf_counter()
    rc, out, err = run_cli(["check", str(SPEC), "--data", str(t)])
    assert_contract(rc, out, err)
    assert rc == 2
    lines = err.splitlines()
    assert len(lines) <= 21 and "more problems" in lines[-1]
    assert time.perf_counter() - started < 300


@pytest.mark.slow
def test_table_one_million_rows_of_unknown_indicators(tmp_path):
    """Well-formed rows that name nothing the spec knows: no rule applies, no crash."""
    t = tmp_path / "many.csv"
    with t.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for i in range(1_000_000):
            fh.write(f"r{i % 1000},other.{i % 37},{i * 0.5},万吨\n")
    rc, out, err = run_cli(["check", str(SPEC), "--data", str(t), "--format", "json"])
    assert_contract(rc, out, err)
    assert rc in (0, 1)


# ======================================================================================
# output
# ======================================================================================
def _digest(paths) -> dict[str, str]:
    return {str(p): hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths}


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "github", "html"])
def test_checked_files_are_never_modified(tmp_path, fmt):
    spec = write_spec(tmp_path, spec_text())
    doc = tmp_path / "draft.md"
    doc.write_text(JINING.read_text(encoding="utf-8").replace("**351**家", "**951**家"), encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text(HEADER + "a,enterprises.new.2023,951,家\na,enterprises.total.2023,939,家\n", encoding="utf-8")
    os.utime(doc, (1_000_000, 1_000_000))
    inputs = [spec, doc, table, JINING, SPEC]
    before = _digest(inputs)
    mtime = doc.stat().st_mtime
    out = tmp_path / f"out.{fmt}"
    for argv in (["check", str(spec), "--text", str(doc), "--format", fmt, "--output", str(out)],
                 ["check", str(spec), "--data", str(table), "--format", fmt],
                 ["check", str(spec), "--format", fmt],
                 ["lint", str(doc), "--format", fmt]):
        rc, o, e = run_cli(argv)
        assert_contract(rc, o, e, argv=argv)
    for argv in (["extract", str(doc), "--output", str(out)], ["init", str(doc)]):
        rc, o, e = run_cli(argv)
        assert_contract(rc, o, e, argv=argv)
    assert _digest(inputs) == before
    assert doc.stat().st_mtime == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["spec.yaml", "draft.md", "t.csv", out.name])


@pytest.mark.parametrize("flag", ["--output", "-o"])
def test_output_refuses_to_overwrite_an_input(tmp_path, flag):
    doc = tmp_path / "draft.md"
    doc.write_text(JINING.read_text(encoding="utf-8"), encoding="utf-8")
    before = _digest([doc])
    for argv in (["check", str(SPEC), "--text", str(doc), flag, str(doc)],
                 ["extract", str(doc), flag, str(tmp_path / "." / "draft.md")],
                 ["lint", str(doc), flag, str(doc)], ["init", str(doc), flag, str(doc)]):
        rc, o, e = run_cli(argv)
        assert_contract(rc, o, e, argv=argv)
        assert rc == 2 and "would overwrite the input" in e
    assert _digest([doc]) == before


@pytest.mark.parametrize("failure", ["replace", "fsync", "write", "interrupt"])
def test_output_is_written_atomically(tmp_path, monkeypatch, failure):
    """A run that fails while writing leaves the old report intact and no temporary file."""
    import io

    target = tmp_path / "report.json"
    target.write_text("OLD REPORT\n", encoding="utf-8")

    def boom(*a, **k):
        if failure == "interrupt":
            raise KeyboardInterrupt
        raise OSError(28, "No space left on device")

    if failure in ("replace", "interrupt"):
        monkeypatch.setattr(os, "replace", boom)
    elif failure == "fsync":
        monkeypatch.setattr(os, "fsync", boom)
    else:
        real_write = io.TextIOWrapper.write
        calls = {"n": 0}

        class Half(io.TextIOWrapper):
            pass

        def half_write(self, s):  # write half the report, then fail
            calls["n"] += 1
            real_write(self, s[: len(s) // 2])
            raise OSError(28, "No space left on device")

        real_fdopen = os.fdopen

        def fdopen(*a, **k):
            fh = real_fdopen(*a, **k)
            fh.write = half_write.__get__(fh)  # type: ignore[method-assign]
            return fh

        monkeypatch.setattr(os, "fdopen", fdopen)
    argv = ["check", str(SPEC), "--format", "json", "--output", str(target)]
    rc, out, err = run_cli(argv)
    monkeypatch.undo()
    if failure == "interrupt":
        assert rc == 130 and "interrupted" in err
    else:
        assert_contract(rc, out, err, argv=argv)
        assert rc == 2 and problems(err) == [(str(target), None, "cannot write the output: No space left on device")]
    assert target.read_text(encoding="utf-8") == "OLD REPORT\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_output_replaces_old_report_completely(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("x" * 1_000_000, encoding="utf-8")
    rc, out, err = run_cli(["check", str(SPEC), "--format", "json", "--output", str(target)])
    assert_contract(rc, out, err)
    json.loads(target.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_same_input_byte_identical_output(tmp_path, fmt):
    doc = tmp_path / "draft.md"
    doc.write_text(JINING.read_text(encoding="utf-8").replace("**351**家", "**951**家"), encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text(HEADER + "a,enterprises.new.2023,951,家\nb,enterprises.total.2023,939,家\n"
                     "b,enterprises.new.2023,9390,家\n", encoding="utf-8")
    for args in (["check", str(SPEC), "--text", str(doc)], ["check", str(SPEC), "--data", str(table)],
                 ["lint", str(doc)]):
        outs = []
        for i in range(2):  # once in this process, once in a fresh one (hash seeds differ)
            target = tmp_path / f"out{i}.{fmt}"
            if i == 0:
                rc, o, e = run_cli([*args, "--format", fmt, "--output", str(target)])
                assert_contract(rc, o, e)
            else:
                env = {**os.environ, "PYTHONHASHSEED": "12345"}
                proc = subprocess.run([sys.executable, "-m", "reportcheck", *args, "--format", fmt,
                                       "--output", str(target)], capture_output=True, text=True, env=env,
                                      timeout=300)
                assert proc.returncode in (0, 1), proc.stderr
            outs.append(target.read_bytes())
        assert outs[0] == outs[1], args


# ======================================================================================
# regressions found by the fuzzers (each was an "internal error" or a broken contract)
# ======================================================================================
def test_open_bound_without_a_number_is_diagnosed_without_crashing(tmp_path):
    """'突破亿元**500**亿元' binds 突破亿元 (an open bound, no digits): diagnose tried Decimal('1Infinity')."""
    doc = tmp_path / "draft.md"
    doc.write_text(JINING.read_text(encoding="utf-8").replace("突破**500**亿元", "突破亿元**500**亿元"),
                   encoding="utf-8")
    rc, out, err = run_doc("check", doc, "--format", "json")
    assert rc in (0, 1)


def test_csv_row_with_a_field_more_than_the_header(tmp_path):
    rc, _, err, t = run_table(tmp_path, "report,indicator,value\na,b,gdp.2023,\n")
    assert rc == 2 and problems(err) == [(str(t), 2, "more fields than the header")]


@pytest.mark.parametrize("name", ["\r", "a\nb", "x\x00y", "\u2028", "\x1b[2J"])
def test_odd_file_names_stay_one_line(name):
    rc, out, err = run_cli(["check", name])
    assert_contract(rc, out, err)
    assert rc == 2 and len(err.splitlines()) == 1 and "\x1b" not in err


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_from_a_spec_are_not_written_raw(tmp_path, fmt):
    text = spec_text(**{"name: 新培育省级以上单项冠军、专精特新、瞪羚企业,": 'name: "evil\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\r",'})
    spec = write_spec(tmp_path, text)
    doc = tmp_path / "draft.md"
    doc.write_text(JINING.read_text(encoding="utf-8").replace("**351**家", "**951**家"), encoding="utf-8")
    rc, out, err = run_cli(["check", str(spec), "--text", str(doc), "--format", fmt])
    assert_contract(rc, out, err)
    assert rc == 1 and "evil" in out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out


def test_output_to_a_device_writes_through_it(tmp_path):
    """`--output /dev/null` must not rename a temporary file onto the device (as root that
    replaced /dev/null itself with a regular file); a FIFO likewise stays a FIFO."""
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    rc, out, err = run_cli(["check", "--format", "json", "--output", str(fifo)])
    reader.join(30)
    assert_contract(rc, out, err)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(got[0])["summary"]
    try:
        os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        return  # not root: no character device of our own to test with
    rc, out, err = run_cli(["check", "--format", "json", "--output", str(tmp_path / "null")])
    assert_contract(rc, out, err)
    assert stat.S_ISCHR((tmp_path / "null").stat().st_mode)


def test_table_duplicate_header_column_is_refused(tmp_path):
    # pandas would rename the second 'value' to 'value.1' and use the first silently
    t = tmp_path / "dup.csv"
    t.write_text("report,indicator,value,value\nA,enterprises.new.2023,351,951\n", encoding="utf-8")
    rc, out, err = run_cli(["check", str(SPEC), "--data", str(t)])
    assert rc == 2 and err.strip() == f"{t}:1: duplicate column value"


def test_expression_naming_no_indicator_is_refused_at_load(tmp_path):
    text = spec_text() + (
        "  - id: constant\n    kind: expression\n    expr: \"1 < 2\"\n    rationale: decided before any report is read\n"
    )
    spec = tmp_path / "s.yaml"  # spec_text() makes the source path absolute
    spec.write_text(text, encoding="utf-8")
    rc, out, err = run_cli(["check", str(spec)])
    assert rc == 2 and "names no indicator" in err and f"{spec}:" in err
