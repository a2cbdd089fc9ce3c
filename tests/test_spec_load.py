"""Loading specs: both bundled specs load; every kind of problem is reported with file:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reportcheck
from reportcheck.errors import SpecError
from reportcheck.spec.load import load_spec, load_spec_text
from reportcheck.spec.model import Spec

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
BAD = Path(__file__).resolve().parent / "data" / "specs-bad"
EXAMPLE = Path(__file__).resolve().parent / "data" / "example-spec.yaml"
PROBLEM_LINE = re.compile(r"^\S.*?:\d+: \S")


# --------------------------------------------------------------------------------------
# the bundled specs
# --------------------------------------------------------------------------------------
def test_jining_spec_loads_with_every_indicator_and_rule():
    spec = reportcheck.load_spec(SPECS / "jining-2024.yaml")
    assert isinstance(spec, Spec)
    assert spec.id == "jining-2024"
    assert len(spec.indicators) >= 105
    assert len(spec.rules) >= 18
    kinds = {r.kind for r in spec.rules}
    assert kinds >= {"part-of", "share-range", "change-range", "target-coherence", "average-threshold",
                     "count-of-list", "rank-range", "expression"}
    assert spec.source == (ROOT / "data" / "jining-2024-work-report-interpretation.md").resolve()
    assert spec.source.is_file()


def test_jining_spec_has_the_pairs_the_issue_asks_for():
    spec = load_spec(SPECS / "jining-2024.yaml")
    parts = {(r.fields.get("part"), r.fields.get("whole")) for r in spec.rules if r.kind == "part-of"}
    for part, whole in [("enterprises.new.2023", "enterprises.total.2023"), ("hte.new.2023", "hte.total.2023"),
                        ("platforms.new.2023", "platforms.total.2023"),
                        ("5g.stations.new.2024", "5g.stations.total.2024"),
                        ("pv.large.2024", "renewables.capacity.2024"),
                        ("loans.policy_bank.2024", "loans.new.2024"),
                        ("ipo.listings.2024", "ipo.candidates.2024")]:
        assert (part, whole) in parts
    assert spec.indicator("enterprises.total.2023").value == 939
    assert spec.indicator("pv.large.2024").unit == "GW"
    assert spec.indicator("police.criminal.change.2023").value < 0  # declines are negative
    assert all(r.rationale for r in spec.rules)
    info = spec.rule("employment-target-vs-last-year")
    assert info.severity == "info"
    lst = spec.rule("domains-count-matches-list")
    assert len(lst.fields["items"]) == spec.indicator("counties.domains.2023").value


def test_shandong_spec_loads():
    spec = load_spec(SPECS / "shandong-2026.yaml")
    assert len(spec.indicators) >= 40
    assert len(spec.rules) >= 15
    assert spec.source.is_file()


@pytest.mark.parametrize("name", ["jining-2024.yaml", "shandong-2026.yaml"])
def test_every_indicator_and_rule_keeps_its_yaml_line(name):
    path = SPECS / name
    lines = path.read_text(encoding="utf-8").splitlines()
    spec = load_spec(path)
    for ind in spec.indicators:
        assert ind.line is not None and f"id: {ind.id}" in lines[ind.line - 1]
    for rule in spec.rules:
        assert rule.line is not None and f"id: {rule.id}" in lines[rule.line - 1]


def test_indicator_lookup_suggests_a_close_id():
    spec = load_spec(SPECS / "jining-2024.yaml")
    with pytest.raises(KeyError, match="did you mean enterprises.total.2023"):
        spec.indicator("enterprises.totl.2023")


def test_locator_ids_are_unique_and_every_template_has_one_placeholder():
    spec = load_spec(SPECS / "jining-2024.yaml")
    ids = [i.id for i in spec.indicators]
    assert len(ids) == len(set(ids))
    assert all(i.locate.template.count("{}") == 1 for i in spec.indicators)


# --------------------------------------------------------------------------------------
# the example in docs/spec.md
# --------------------------------------------------------------------------------------
def test_example_spec_in_docs_is_the_tested_file_and_loads():
    doc = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    example = EXAMPLE.read_text(encoding="utf-8")
    assert example in blocks, "docs/spec.md must show tests/data/example-spec.yaml verbatim"
    spec = load_spec(EXAMPLE)
    assert spec.indicators and spec.rules


# --------------------------------------------------------------------------------------
# bad specs: every problem, each on its line
# --------------------------------------------------------------------------------------
def _expectations(path: Path) -> list[tuple[int, str]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if "# expect: " in line:
            out.append((n, line.split("# expect: ", 1)[1].strip()))
    return out


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.name)
def test_bad_spec_reports_every_problem_with_its_line(path):
    expected = _expectations(path)
    assert expected, f"{path.name} declares no '# expect:' lines"
    with pytest.raises(SpecError) as info:
        load_spec(path)
    err = info.value
    text = str(err).splitlines()
    assert all(PROBLEM_LINE.match(t) for t in text), text
    assert all(t.startswith(str(path) + ":") for t in text)
    got = [(p.line, p.message) for p in err.problems]
    assert len(got) == len(set(got)), "a problem is reported twice"
    for line, needle in expected:
        assert any(pl == line and needle in msg for pl, msg in got), (
            f"expected at line {line}: {needle!r}\n got:\n" + "\n".join(text))


def test_several_problems_in_one_spec_are_reported_together():
    with pytest.raises(SpecError) as info:
        load_spec(BAD / "units-and-kinds.yaml")
    assert len(info.value.problems) == 7


def test_problem_message_format_matches_the_contract():
    with pytest.raises(SpecError) as info:
        load_spec(BAD / "units-and-kinds.yaml")
    first = str(info.value).splitlines()[0]
    assert first == f"{BAD / 'units-and-kinds.yaml'}:11: indicator 'grp.2023': unknown unit '亿園' (did you mean 亿元?)"


def test_missing_file_is_a_problem_not_a_traceback(tmp_path):
    with pytest.raises(SpecError, match="cannot read spec"):
        load_spec(tmp_path / "nope.yaml")


def test_not_utf8_is_reported_with_its_line(tmp_path):
    p = tmp_path / "gbk.yaml"
    p.write_bytes("id: x\ntitle: 济宁\n".encode("gb18030"))
    with pytest.raises(SpecError) as info:
        load_spec(p)
    assert info.value.problems[0].line == 2
    assert "UTF-8" in info.value.problems[0].message


@pytest.mark.slow
def test_deep_nesting_is_a_problem():
    with pytest.raises(SpecError, match="nesting"):
        load_spec_text("a: " + "[" * 5000 + "]" * 5000, file="deep.yaml")
    with pytest.raises(SpecError, match="nesting"):
        load_spec_text("a: " + "[" * 60 + "]" * 60, file="deep.yaml")


def test_alias_bomb_is_cut_short():
    with pytest.raises(SpecError, match="alias bomb"):
        load_spec(BAD / "alias-bomb.yaml")


@pytest.mark.parametrize("text", ["", "42", "just text", "[1, 2]", "null", "~", "{id: x}", "--- !!set {a: 1}"])
def test_non_mapping_or_incomplete_roots(text):
    with pytest.raises(SpecError) as info:
        load_spec_text(text, file="x.yaml")
    assert all(p.file == "x.yaml" for p in info.value.problems)


def test_floats_are_read_exactly():
    text = (EXAMPLE.read_text(encoding="utf-8"))
    spec = load_spec_text(text, file="example.yaml", base=EXAMPLE.parent)
    # every value is the Decimal of its literal, digit for digit (5600 stays 5600, 6.5 is 6.5)
    import re
    from decimal import Decimal

    written = re.findall(r"^\s+value: ([-0-9.]+)\s*$", text, flags=re.M)
    values = [ind.value for ind in spec.indicators if ind.value is not None]
    assert written and len(values) == len(written)
    for v, lit in zip(values, written):
        assert isinstance(v, Decimal) and str(v) == lit, (v, lit)
    # 0.1 + 0.2 style noise never appears: a written 6.5 is Decimal('6.5')
    spec2 = load_spec_text(text.replace("value: 6.5", "value: 6.50"), file="e.yaml", base=EXAMPLE.parent)
    assert any(str(i.value) == "6.50" for i in spec2.indicators)


_TOKENS = list("ab:-[]{}&*!|>'\"#,\n 1.%亿元{}") + ["  ", "- ", ": ", "id", "kind", "indicators", "rules", "&a ", "*a"]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(_TOKENS), max_size=80).map("".join))
def test_arbitrary_text_never_raises_anything_but_spec_error(text):
    try:
        load_spec_text(text, file="fuzz.yaml")
    except SpecError as err:
        assert all(p.file == "fuzz.yaml" for p in err.problems)
        assert "internal error" not in str(err)


@pytest.mark.slow
@settings(max_examples=200)
@given(st.data())
def test_mutated_example_spec_never_raises_anything_but_spec_error(data):
    text = EXAMPLE.read_text(encoding="utf-8")
    pos = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 12))
    ins = data.draw(st.lists(st.sampled_from(_TOKENS), max_size=4).map("".join))
    mutated = text[:pos] + ins + text[pos + cut:]
    try:
        load_spec_text(mutated, file="m.yaml", base=EXAMPLE.parent)
    except SpecError as err:
        assert err.problems and all(p.file == "m.yaml" for p in err.problems)
        assert "internal error" not in str(err)


# --------------------------------------------------------------------------------------
# end to end: the command line turns every bad spec into exit 2 and file:line lines
# --------------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.name)
def test_cli_reports_bad_spec_with_exit_2_and_no_traceback(path, tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "reportcheck", "check", str(path)], capture_output=True,
                          text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert lines and all(PROBLEM_LINE.match(ln) for ln in lines), proc.stderr
    for line, _needle in _expectations(path):
        assert any(ln.startswith(f"{path}:{line}: ") for ln in lines), (line, proc.stderr)


# --------------------------------------------------------------------------------------
# rule parameters: the discriminated union of the registered kinds
# --------------------------------------------------------------------------------------
def test_rule_params_are_the_union_of_the_registered_kinds():
    from reportcheck import rules

    spec = load_spec(SPECS / "jining-2024.yaml")
    for r in spec.rules:
        kind = rules.get(r.kind)
        assert isinstance(r.params, kind.Params) and r.params.kind == r.kind
    spec = load_spec(SPECS / "jining-2024.yaml")
    assert spec.rule("employment-target-vs-last-year").references == (
        "employment.urban.new.2024", "employment.urban.new.2023")
    assert spec.rule("projects-average-above-threshold").params.direction == "at-least"
    adapter = rules.params_adapter()
    assert set(rules.tagged_params()) == set(rules.registry())
    with pytest.raises(Exception) as info:
        adapter.validate_python({"id": "x", "kind": "no-such-kind"})
    assert "no-such-kind" in str(info.value)


def test_threshold_may_be_a_quantity():
    text = (EXAMPLE.read_text(encoding="utf-8") +
            "  - {id: avg, kind: average-threshold, total: gdp.2023, count: enterprises.total.2023,"
            " threshold: \"500万元\"}\n")
    spec = load_spec_text(text, file="e.yaml", base=EXAMPLE.parent)
    assert spec.rule("avg").references == ("gdp.2023", "enterprises.total.2023")


# structured fuzzing: the example spec with one field of one indicator or rule replaced by any YAML value
_KEYS = st.sampled_from(["id", "name", "period", "kind", "unit", "value", "qualifier", "status", "locate",
                         "template", "occurrence", "part", "whole", "indicators", "expr", "items", "count", "of",
                         "rank", "threshold", "direction", "severity", "tolerance", "min", "max", "exact", "real",
                         "base", "growth", "target", "total", "rationale", "sections", "review"])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=True),
                     st.sampled_from(["gdp.2023", "part-of", "share-range", "expression", "count-of-list",
                                      "average-threshold", "rank-range", "target-coherence", "change-range",
                                      "count", "amount", "share", "%", "亿元", "家", "x{}", "{}", "实际", "以上",
                                      "gdp.2024 > gdp.2023", "gdp.2024 > ", "500万元", "at-least", "亿園"]))
_TREES = st.recursive(_SCALARS, lambda ch: st.one_of(st.lists(ch, max_size=3), st.dictionaries(_KEYS, ch, max_size=4)),
                      max_leaves=12)


@pytest.mark.slow
@settings(max_examples=300)
@given(section=st.sampled_from(["indicators", "rules"]), index=st.integers(0, 6), key=_KEYS, value=_TREES)
def test_any_field_replaced_by_any_value_is_reported_not_raised(section, index, key, value):
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    items = data[section]
    items[index % len(items)][key] = value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        load_spec_text(text, file="s.yaml", base=EXAMPLE.parent)
    except SpecError as err:
        assert err.problems and "internal error" not in str(err), str(err)
        assert all(p.line is not None for p in err.problems), str(err)


def test_problems_name_the_indicator_or_rule_they_concern():
    with pytest.raises(SpecError) as info:
        load_spec(BAD / "rules.yaml")
    for p in info.value.problems:
        if p.message.startswith("rule '"):
            assert p.subject == p.message.split("'")[1], p
    with pytest.raises(SpecError) as info:
        load_spec(BAD / "fields.yaml")
    assert any(p.subject == "k.l" and "unknown qualifier" in p.message for p in info.value.problems)


def test_a_loaded_spec_pickles_and_checks_the_same(tmp_path):
    """--jobs and Spark send a loaded spec to other processes: it must unpickle in a fresh
    process (the kinds' tagged parameter models are rebuilt there) and check the same."""
    import pickle
    import subprocess
    import sys
    from pathlib import Path

    import reportcheck

    spec = reportcheck.load_spec(Path(__file__).resolve().parents[1] / "specs" / "jining-2024.yaml")
    (tmp_path / "spec.pkl").write_bytes(pickle.dumps(spec))
    code = ("import pickle, sys, reportcheck; s = pickle.load(open(sys.argv[1], 'rb')); "
            "print(sorted(reportcheck.check(s).summary().items()))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "spec.pkl")],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == str(sorted(reportcheck.check(spec).summary().items()))
