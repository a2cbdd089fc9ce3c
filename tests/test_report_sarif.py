"""The SARIF reporter: valid SARIF 2.1.0 (official schema), contract positions, one rule per kind."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from report_samples import clean_result, sample_results

from reportcheck.report import render

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
    assert cls is jsonschema.Draft4Validator
    return cls(schema)


@pytest.mark.parametrize("results", [sample_results, clean_result], ids=["findings", "clean"])
def test_valid_against_the_official_schema(validator, results):
    log = json.loads(render("sarif", results()))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_rules_regions_and_levels():
    log = json.loads(render("sarif", sample_results()))
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids)) == ["change-range", "fidelity", "part-of", "share-range", "target-coherence"]
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    results = run["results"]
    part = next(r for r in results if r["ruleId"] == "part-of")
    assert rules[part["ruleIndex"]]["id"] == "part-of"
    assert part["level"] == "error"
    region = part["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (13, 105, 13, 113)
    assert part["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 118
    assert "351 may be 35" in part["message"]["text"]
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    table = next(r for r in results if r["properties"].get("report") == "jining-2023")
    assert "region" not in table["locations"][0]["physicalLocation"]


def test_deterministic_bytes():
    a = render("sarif", sample_results())
    b = sample_results()
    for r in b:
        r.findings.reverse()
        r.duration = 5.0
    assert a == render("sarif", b)
    assert "TimeUtc" not in a and "invocations" not in a  # no timestamps, no run details
