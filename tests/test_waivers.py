"""Waivers (reportcheck.waivers, docs/waivers.md): pyproject.toml / reportcheck.toml found from
the current directory upwards, a spec's ``ignore:``, a required reason (exit 2 with file:line
without one), fingerprints, "N waived" in every format, SARIF suppressions valid against the
official schema, JUnit skipped, unused waivers reported, exit codes."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import JINING, ROOT, SPECS
from reportcheck import cli
from reportcheck.findings import Result
from reportcheck.grouping import group, ungroup
from reportcheck.waivers import Waiver, Waivers, discover, find_config, finalize, load_config

SPEC = SPECS / "jining-2024.yaml"
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
pytestmark = pytest.mark.skipif(not SPEC.exists() or not JINING.exists(), reason="Jining spec missing")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the specs and data, a draft with 97% changed to 107% (fidelity, share range and
    schema on one figure), run from inside the copy."""
    shutil.copytree(SPECS, tmp_path / "specs")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    text = JINING.read_text(encoding="utf-8")
    (tmp_path / "draft.md").write_text(text.replace("**97%**", "**107%**", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *extra: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(["check", "specs/jining-2024.yaml", "--text", "draft.md", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *extra: str) -> tuple[int, dict]:
    code, out, _ = run(capsys, "--format", "json", *extra)
    return code, json.loads(out)


PYPROJECT = """\
[project]
name = "newsroom-drafts"

[tool.reportcheck]
ignore = [
  {id = "shares-within-0-100", reason = "checked with the editor: not a share in this draft"},
  {id = "medical_insurance.rate.2023", check = "schema", reason = "the same figure, in the table"},
]
"""


# --- the config file ----------------------------------------------------------------------------

def test_without_waivers_the_slip_fails(project, capsys):
    code, obj = run_json(capsys)
    assert code == 1 and obj["summary"]["errors"] == 1 and obj["summary"]["waived"] == 0 and obj["waived"] == []


def test_pyproject_waivers_leave_the_other_rules_of_the_figure(project, capsys):
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    code, obj = run_json(capsys)
    # share range and schema waived (one waived finding: one figure); fidelity still fails
    assert code == 1
    assert obj["summary"]["errors"] == 1 and obj["summary"]["waived"] == 1
    (err,) = [f for f in obj["findings"] if f["severity"] == "error"]
    assert err["check"] == "fidelity" and err["also"] == []
    (w,) = obj["waived"]
    assert {w["check"], *(a["check"] for a in w["also"])} == {"share-range", "schema"}
    assert w["waiver"]["file"] == "pyproject.toml" and w["waiver"]["line"] in (6, 7)
    assert w["waiver"]["reason"].startswith("checked")


def test_waived_errors_do_not_fail_the_exit_code(project, capsys):
    code, obj = run_json(capsys)
    fp = obj["findings"][0]["fingerprint"]
    (project / "reportcheck.toml").write_text(
        "[[ignore]]\n"
        f'fingerprint = "{fp}"\n'
        'reason = "a known slip, corrected in the next draft"\n'
        "[[ignore]]\n"
        'id = "shares-within-0-100"\n'
        'reason = "x"\n'
        "[[ignore]]\n"
        'id = "medical_insurance.rate.2023"\n'
        'check = "schema"\n'
        'reason = "x"\n', encoding="utf-8")
    code, obj = run_json(capsys)
    assert code == 0 and obj["summary"]["errors"] == 0 and obj["summary"]["waived"] == 1
    code, out, _ = run(capsys)
    assert code == 0 and "1 waived" in out.splitlines()[-1]
    assert "WAIVED medical_insurance.rate.2023 draft.md:41:59 - a known slip" in out
    assert run(capsys, "--strict")[0] == 0  # only infos left


def test_a_waiver_without_a_reason_is_an_invalid_input(project, capsys):
    (project / "pyproject.toml").write_text(
        "[tool.reportcheck]\nignore = [\n  {id = \"a\", reason = \"fine\"},\n  # {id = \"b\"}\n"
        "  {id = \"shares-within-0-100\"},\n]\n", encoding="utf-8")
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert err.strip() == "pyproject.toml:5: waiver #2: a waiver needs a 'reason' (why this finding is accepted)"


def test_table_form_problems_name_their_lines(project, capsys):
    (project / "pyproject.toml").write_text(
        "[tool.reportcheck]\n\n[[tool.reportcheck.ignore]]\nid = \"a\"\nreason = \"ok\"\n\n"
        "[[tool.reportcheck.ignore]]\nid = \"b\"\nresaon = \"typo\"\n", encoding="utf-8")
    code, _, err = run(capsys)
    assert code == 2
    assert "pyproject.toml:7: waiver #2: unknown key 'resaon' (did you mean 'reason'?)" in err
    assert "pyproject.toml:7: waiver #2: a waiver needs a 'reason'" in err
    (project / "pyproject.toml").write_text("[tool.reportcheck]\nignore = [\n", encoding="utf-8")
    code, _, err = run(capsys)
    assert code == 2 and err.startswith("pyproject.toml") and "invalid TOML" in err and "Traceback" not in err
    (project / "pyproject.toml").write_text("[tool.reportcheck]\nignroe = []\n", encoding="utf-8")
    code, _, err = run(capsys)
    assert code == 2 and err.startswith("pyproject.toml:2: unknown key")


def test_bad_fingerprint_and_missing_target(tmp_path):
    p = tmp_path / "reportcheck.toml"
    p.write_text('[[ignore]]\nfingerprint = "XYZ"\nreason = "r"\n[[ignore]]\nreason = "r"\n', encoding="utf-8")
    with pytest.raises(Exception) as exc:
        load_config(p)
    text = str(exc.value)
    assert ":1: waiver #1: fingerprint 'XYZ' is not 16 lower-case hex digits" in text
    assert ":4: waiver #2: a waiver needs an 'id' or a 'fingerprint'" in text


def test_found_from_the_current_directory_upwards(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) is None or not str(find_config(sub)).startswith(str(tmp_path))
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")  # no tool table
    assert find_config(sub) is None or not str(find_config(sub)).startswith(str(tmp_path))
    (tmp_path / "a" / "pyproject.toml").write_text(
        '[tool.reportcheck]\nignore = [{id = "r", reason = "because"}]\n', encoding="utf-8")
    assert find_config(sub) == (tmp_path / "a" / "pyproject.toml").resolve()
    (tmp_path / "a" / "reportcheck.toml").write_text('ignore = [{id = "s", reason = "because"}]\n', encoding="utf-8")
    assert find_config(sub) == (tmp_path / "a" / "reportcheck.toml").resolve()  # reportcheck.toml first
    (w,) = discover(sub)
    assert (w.id, w.reason, w.line) == ("s", "because", 1)


# --- unused waivers -----------------------------------------------------------------------------

def test_an_unused_waiver_is_a_warning_at_its_line(project, capsys):
    (project / "pyproject.toml").write_text(
        PYPROJECT[:-2] + '  {id = "hte-new-within-total", reason = "left over from 2023"},\n]\n', encoding="utf-8")
    code, obj = run_json(capsys)
    assert code == 1  # the fidelity error
    (w,) = [f for f in obj["findings"] if f["check"] == "waiver"]
    assert w["severity"] == "warning" and w["id"] == "unused-waiver"
    fig = w["figures"][0]
    assert (fig["file"], fig["line"], fig["column"]) == ("pyproject.toml", 8, 3)
    assert "hte-new-within-total" in w["message"] and "left over from 2023" in w["message"]
    code, out, _ = run(capsys)
    assert "WARNING unused-waiver pyproject.toml:8:3" in out


def test_strict_fails_on_an_unused_waiver_only(project, capsys):
    code, obj = run_json(capsys)
    fp = obj["findings"][0]["fingerprint"]
    (project / "reportcheck.toml").write_text(
        f'ignore = [\n  {{fingerprint = "{fp}", reason = "known"}},\n'
        '  {id = "shares-within-0-100", reason = "x"},\n  {id = "medical_insurance.rate.2023", check = "schema", reason = "x"},\n]\n',
        encoding="utf-8")
    assert run(capsys, "--strict")[0] == 0
    # the draft is corrected: the fingerprint no longer matches anything
    (project / "draft.md").write_text(JINING.read_text(encoding="utf-8"), encoding="utf-8")
    code, obj = run_json(capsys)
    assert code == 0 and obj["summary"]["warnings"] == 3 and obj["summary"]["waived"] == 0
    assert run(capsys, "--strict")[0] == 1


# --- the spec's ignore: -------------------------------------------------------------------------

def test_spec_ignore_waives_that_specs_findings(project, capsys):
    spec = project / "specs" / "jining-2024.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text + "ignore:\n  - id: medical_insurance.rate.2023\n    reason: a known slip of this draft\n",
                    encoding="utf-8")
    code, obj = run_json(capsys)
    # fidelity and schema share the indicator's id: both waived; the share range is left
    assert code == 1
    (err,) = [f for f in obj["findings"] if f["severity"] == "error"]
    assert err["check"] == "share-range"
    (w,) = obj["waived"]
    assert w["waiver"]["origin"] == "spec" and w["waiver"]["file"] == "specs/jining-2024.yaml"
    assert w["waiver"]["line"] == len(text.splitlines()) + 2


def test_spec_ignore_is_validated_with_line_numbers(project, capsys):
    spec = project / "specs" / "jining-2024.yaml"
    text = spec.read_text(encoding="utf-8")
    n = len(text.splitlines())
    spec.write_text(text + "ignore:\n  - id: a\n    reason: fine\n  - id: shares-within-0-100\n  - {id: b, reasn: typo}\n",
                    encoding="utf-8")
    code, _, err = run(capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert f"specs/jining-2024.yaml:{n + 4}: ignore #2: a waiver needs a 'reason' (why this finding is accepted)" in lines
    assert any(ln.startswith(f"specs/jining-2024.yaml:{n + 5}: ignore #3: unknown key 'reasn'") for ln in lines)
    spec.write_text(text + "ignore: everything\n", encoding="utf-8")
    code, _, err = run(capsys)
    assert code == 2 and f":{n + 1}: 'ignore' must be a list" in err


# --- formats ------------------------------------------------------------------------------------

def test_sarif_suppressions_are_valid_and_external(project, capsys):
    import jsonschema

    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    code, out, _ = run(capsys, "--format", "sarif")
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
    assert not errors, errors[0].message
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(suppressed) == 1
    (sup,) = suppressed[0]["suppressions"]
    assert sup["kind"] == "external" and sup["status"] == "accepted"
    assert sup["justification"].startswith("checked with the editor")
    assert sup["location"]["physicalLocation"]["artifactLocation"]["uri"] == "pyproject.toml"
    assert all(len(r["partialFingerprints"]["reportcheck/v1"]) == 16 for r in results)
    # not suppressed: as many results as the summary has findings
    code, obj = run_json(capsys)
    s = obj["summary"]
    assert len(results) - len(suppressed) == s["errors"] + s["warnings"] + s["infos"]


def test_junit_skips_waived_checks_and_counts_agree(project, capsys):
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    code, out, _ = run(capsys, "--format", "junit")
    root = ET.fromstring(out)
    code, obj = run_json(capsys)
    skipped = {c.get("name"): c.find("skipped") for c in root.iter("testcase") if c.find("skipped") is not None}
    assert set(skipped) == {"shares-within-0-100", "medical_insurance.rate.2023[jining-2024]"}
    assert "waived: checked with the editor" in skipped["shares-within-0-100"].get("message")
    assert int(root.get("tests")) == obj["summary"]["checks"]
    assert int(root.get("failures")) == obj["summary"]["errors"] == 1
    assert root.get("skipped") == "2"


def test_github_and_text_say_how_many_were_waived(project, capsys):
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    _, out, _ = run(capsys, "--format", "github")
    assert out.splitlines()[-1].endswith(", 1 waived") and out.count("::error ") == 1
    _, out, _ = run(capsys)
    assert out.splitlines()[-1].startswith("=") and "1 failed, 241 passed, 2 infos, 1 waived in" in out.splitlines()[-1]
    assert "WAIVED shares-within-0-100 draft.md:41:59 - checked with the editor" in out


# --- the algebra: waiving, then un-waiving ------------------------------------------------------

@pytest.fixture(scope="module")
def draft_result():
    import reportcheck

    text = JINING.read_text(encoding="utf-8")
    for a, b in (("**97%**", "**107%**"), ("瞪羚企业**351**家", "瞪羚企业**951**家"), ("**95%**", "**105%**")):
        text = text.replace(a, b, 1)
    result = reportcheck.check(str(SPEC), text=text, file="draft.md")
    result.findings  # noqa: B018 - written out once
    return result


def _waiver_choices(result: Result) -> list[Waiver]:
    out = []
    for f in result.findings:
        out.append(Waiver(reason="r", id=f.id))
        out.append(Waiver(reason="r", id=f.id, check=f.check))
        out.append(Waiver(reason="r", fingerprint=f.fingerprint))
    out.append(Waiver(reason="r", id="no-such-rule"))
    return out


@given(data=st.data())
def test_waiving_then_unwaiving_restores_the_result(draft_result, data):
    ws = data.draw(st.lists(st.sampled_from(_waiver_choices(draft_result)), max_size=6, unique=True))
    session = Waivers(ws)
    waived = session.apply(draft_result)
    back = list(waived.findings) + [f for f, _ in waived.waived]
    key = lambda f: (f.id, f.check, f.message, f.fingerprint)  # noqa: E731
    # nothing lost, nothing invented: the waived and the reported findings are the original ones
    assert sorted(map(key, ungroup(back))) == sorted(map(key, draft_result.findings))
    # no finding is both reported and waived; every waived one matches its waiver
    assert not {key(f) for f in ungroup(waived.findings)} & {key(f) for f, _ in waived.waived}
    for f, w in waived.waived:
        assert w.matches(next(iter(ungroup([f]))))
    # un-waiving: no waivers gives exactly the grouped findings
    assert Waivers([]).apply(draft_result).findings == group(draft_result.findings)
    # the counts move from the severities to "waived" only
    s0, s1 = Waivers([]).apply(draft_result).summary(), waived.summary()
    assert s0["checks"] == s1["checks"] and s0["passed"] == s1["passed"]
    # a waiver is unused exactly when it waived nothing (the first matching waiver waives a
    # finding: one shadowed by an earlier waiver is unused too)
    first = {next(w for w in ws if w.matches(f)) for f in draft_result.findings if any(w.matches(f) for w in ws)}
    assert {w for w, n in session.used.items() if n == 0} == set(ws) - first
    # reported: those naming something this run checked (every id here but no-such-rule)
    assert len(session.unused()) == len({w for w in set(ws) - first if w.id != "no-such-rule"})
    # exact: ungrouping the reported findings gives the engine's findings back
    assert sorted(ungroup(Waivers([]).apply(draft_result).findings), key=key) == sorted(draft_result.findings, key=key)


def test_finalize_reports_unused_waivers_once_over_a_stream(draft_result):
    w = Waiver(reason="r", id="shares-within-0-100", file="pyproject.toml", line=3)
    stale = Waiver(reason="old", id="hte-new-within-total", file="pyproject.toml", line=4)
    elsewhere = Waiver(reason="a rule of another spec", id="gone", file="pyproject.toml", line=5)
    out = finalize([draft_result, draft_result], [w, stale, elsewhere])
    assert len(out) == 2
    assert [f.id for f in out[-1].findings].count("unused-waiver") == 1  # not 'gone': never checked
    assert not any(f.id == "unused-waiver" for f in out[0].findings)
    assert all(any(x is w for _, x in r.waived) for r in out)


# --- docs/waivers.md stays true -----------------------------------------------------------------

def test_the_documented_examples_load_and_their_fingerprint_is_real(tmp_path, capsys, project):
    import re

    from reportcheck.spec.load import load_spec_text

    md = (ROOT / "docs" / "waivers.md").read_text(encoding="utf-8")
    tomls = re.findall(r"```toml\n(.*?)```", md, re.S)
    assert len(tomls) == 2
    for i, block in enumerate(tomls):
        p = tmp_path / f"c{i}" / "pyproject.toml"
        p.parent.mkdir()
        p.write_text(block, encoding="utf-8")
        assert all(w.reason for w in load_config(p))
    (yaml_block,) = re.findall(r"```yaml\n(.*?)```", md, re.S)
    spec_text = (SPECS / "jining-2024.yaml").read_text(encoding="utf-8") + yaml_block
    spec = load_spec_text(spec_text, "x.yaml", base=SPECS)
    assert [i.reason.split()[0] for i in spec.ignore] == ["the", "known"]
    # the fingerprint the docs (and docs/cli.md) show is the 107% draft's fidelity finding
    _, obj = run_json(capsys)
    (f,) = [f for f in obj["findings"] if f["severity"] == "error"]
    assert f["fingerprint"] in md and f["fingerprint"] in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_waivers_of_a_specs_rules_are_not_unused_in_lint(project, capsys):
    (project / "pyproject.toml").write_text(
        PYPROJECT[:-2] + '  {id = "hte-new-within-total", reason = "x"},\n]\n', encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["lint", "draft.md", "--format", "json"]) == 1  # lint sees the share above 100 %
    obj = json.loads(capsys.readouterr().out)
    assert not [f for f in obj["findings"] if f["check"] == "waiver"]
