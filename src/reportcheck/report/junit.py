"""``--format junit``: JUnit XML, one testcase per rule.

One ``<testsuite>`` per spec × document (or table); one ``<testcase>`` per evaluated rule
(and per report for ``--data`` tables). A rule with an error finding has a ``<failure>``
carrying the finding text (the text reporter's diagnostic); warnings and infos go to the
testcase's ``<system-out>`` — or become failures with ``--strict``. Findings that belong to
no listed rule (fidelity, extraction, schema) get testcases of their own.

Counts agree with the other formats: ``tests`` is the summary's ``checks`` (the text
header's "N checks", the JSON ``summary.checks``). Besides the rules, a document's checks
are the extraction and fidelity check of each indicator and the schema check of the
indicator table; the ones that passed are testcases too (``extraction[<indicator>]``,
``fidelity[<indicator>]``, ``schema``). Only findings the engine reports beyond its count
(a unit it cannot convert) can make ``tests`` larger than ``checks``.
No timestamps or durations: the bytes depend only on the input.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Sequence

from reportcheck.findings import Result, Severity
from reportcheck.report._util import SourceLines, display_path, finding_key, rule_outcomes


def _suite_name(r: Result) -> str:
    parts = [display_path(p) for p in (r.spec, r.source) if p]
    return " :: ".join(dict.fromkeys(parts)) or "reportcheck"


def _xml_safe(text: str) -> str:
    # XML 1.0 forbids most control characters; keep tab, LF, CR.
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff")


def _passing_checks(r: Result, n: int) -> list[tuple[str, str]]:
    """``n`` checks counted in ``r.checks`` that have no testcase yet (they passed): the schema
    check, then the extraction and fidelity check of each bound indicator, then anonymous ones."""
    if n <= 0:
        return []
    failed = {(f.check, f.id) for f in r.findings}
    checks_failed = {f.check for f in r.findings}
    out: list[tuple[str, str]] = []
    if r.text is not None and "schema" not in checks_failed:
        out.append(("schema", "schema"))
    seen: set[str] = set()
    for item in r.figures or ():
        ind = item[0] if isinstance(item, tuple) else getattr(item, "indicator", None)
        if not isinstance(ind, str) or ind in seen:
            continue
        seen.add(ind)
        for check in ("extraction", "fidelity"):
            if (check, ind) not in failed:
                out.append((check, f"{check}[{ind}]"))
    out = out[:n]
    out.extend(("reportcheck", f"passed-check-{i + 1}") for i in range(n - len(out)))
    return out


def render(results: Sequence[Result], *, strict: bool = False, **_: object) -> str:
    from reportcheck.report.text import format_finding

    sources = SourceLines(results)
    root = ET.Element("testsuites", name="reportcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for r in results:
        name = _suite_name(r)
        suite = ET.SubElement(root, "testsuite", name=_xml_safe(name))
        tests = failures = 0
        outcomes = rule_outcomes(r)
        listed = bool(r.rules)
        for rid, check, report, worst, fs in outcomes:
            tests += 1
            case_name = rid + (f"[{report}]" if report else "")
            case = ET.SubElement(suite, "testcase", classname=_xml_safe(f"{check}"), name=_xml_safe(case_name))
            case.set("file", _xml_safe(display_path(r.spec or r.source)) if (r.spec or r.source) else "")
            fs = sorted(fs, key=finding_key)
            failing = [f for f in fs if f.severity is Severity.ERROR or (strict and f.severity is Severity.WARNING)]
            other = [f for f in fs if f not in failing]
            if failing:
                failures += 1
                first = failing[0]
                fail = ET.SubElement(case, "failure", message=_xml_safe(first.message), type=_xml_safe(first.check))
                fail.text = _xml_safe("\n\n".join("\n".join(format_finding(f, sources)) for f in failing))
            if other:
                out = ET.SubElement(case, "system-out")
                out.text = _xml_safe("\n\n".join("\n".join(format_finding(f, sources)) for f in other))
        if not listed:
            # The engine gave no rule list: the passing checks are known only as a count.
            for i in range(r.passed):
                tests += 1
                ET.SubElement(suite, "testcase", classname="reportcheck", name=f"passed-check-{i + 1}")
        else:
            file = _xml_safe(display_path(r.spec or r.source)) if (r.spec or r.source) else ""
            for check, name in _passing_checks(r, r.checks - tests):
                tests += 1
                ET.SubElement(suite, "testcase", classname=check, name=_xml_safe(name), file=file)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        totals["tests"] += tests
        totals["failures"] += failures
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
