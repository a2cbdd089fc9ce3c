"""The JUnit reporter: valid XML, one testcase per rule, failures carry the finding text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from report_samples import clean_result, sample_results

from reportcheck.report import render


def test_one_testcase_per_rule_and_failures():
    root = ET.fromstring(render("junit", sample_results()))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 2
    doc = suites[0]
    names = [c.get("name") for c in doc.findall("testcase")]
    # the 4 listed rules, the fidelity finding that belongs to no rule, then the passing
    # checks the summary counts (schema, extraction and fidelity of each bound indicator):
    # ``tests`` is the summary's ``checks`` (12), as in the text and JSON reports
    assert names[:5] == ["enterprises-new-within-total", "grp-target-2024", "coverage-shares", "police-declines",
                         "grp.growth.2023"]
    assert names[5:8] == ["schema", "extraction[enterprises.new.2023]", "fidelity[enterprises.new.2023]"]
    assert doc.get("tests") == "12" == str(len(names)) and doc.get("failures") == "1"
    failed = doc.find("testcase[@name='enterprises-new-within-total']")
    failure = failed.find("failure")
    assert failure is not None and failure.get("type") == "part-of"
    assert "351家 exceeds the total 939家" in failure.get("message")
    assert "^^^" in failure.text and "suggestion: 351 may be 35" in failure.text
    warned = doc.find("testcase[@name='grp-target-2024']")
    assert warned.find("failure") is None and "warning[target-coherence]" in warned.find("system-out").text
    table = suites[1]
    assert [c.get("name") for c in table.findall("testcase")] == [
        "coverage-shares[jining-2023]", "coverage-shares[jining-2024]",
        "police-declines[jining-2023]", "police-declines[jining-2024]"]
    assert table.get("failures") == "1"
    assert root.get("tests") == "16" and root.get("failures") == "2"


def test_strict_makes_warnings_failures():
    root = ET.fromstring(render("junit", sample_results(), strict=True))
    case = root.find(".//testcase[@name='grp-target-2024']")
    assert case.find("failure") is not None


def test_clean_run_and_determinism():
    out = render("junit", clean_result())
    root = ET.fromstring(out)
    assert root.get("tests") == "5" and root.get("failures") == "0"
    assert out == render("junit", clean_result())
    assert "time=" not in out and "timestamp" not in out
