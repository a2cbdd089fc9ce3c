"""``--format junit``: JUnit XML, one testcase per rule.

One ``<testsuite>`` per spec × document (or table); one ``<testcase>`` per evaluated rule
(and per report for ``--data`` tables). A rule with an error finding has a ``<failure>``
carrying the finding text (the text reporter's diagnostic); warnings and infos go to the
testcase's ``<system-out>`` — or become failures with ``--strict``. Findings that belong to
no listed rule (fidelity, extraction, schema) get testcases of their own.

Findings grouped by figure (one slip, one finding) fail once: the testcase of the merged
finding's primary rule carries the failure, listing every rule that fired; the testcases
of the merged rules say so in ``<system-out>``. So ``failures`` counts findings as the
summary does. A waived finding's testcase is ``<skipped>`` with the waiver's reason.

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
    fired = [m for f in r.findings for m in (f, *f.also)] + [m for f, _ in r.waived for m in (f, *f.also)]
    failed = {(f.check, f.id) for f in fired}
    checks_failed = {f.check for f in fired}
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


def _skip(case, pairs) -> None:
    """A waived finding: the testcase is skipped, with the waiver's reason and place."""
    f, w = pairs[0]
    skipped = ET.SubElement(case, "skipped", message=_xml_safe(f"waived: {w.reason} ({w.where})"))
    skipped.text = _xml_safe("\n".join(f"{m.severity.value}[{m.check}]: {m.message}" for m, _ in pairs))


def render(results: Sequence[Result], *, strict: bool = False, **_: object) -> str:
    sources = SourceLines(results)
    root = ET.Element("testsuites", name="reportcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for r in results:
        suite, counts = suite_of(r, sources, strict)
        root.append(suite)
        for k, v in counts.items():
            totals[k] += v
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return HEAD + ET.tostring(root, encoding="unicode") + "\n"


HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'


def suite_of(r: Result, sources: SourceLines, strict: bool = False) -> tuple[ET.Element, dict[str, int]]:
    """One result's ``<testsuite>`` and its counts (tests, failures, skipped): the unit that
    :func:`render` puts under ``<testsuites>`` and the streamed report writes one at a time."""
    from reportcheck.report.text import format_finding

    name = _suite_name(r)
    suite = ET.Element("testsuite", name=_xml_safe(name))
    tests = failures = 0
    outcomes = rule_outcomes(r)
    listed = bool(r.rules)
    own_ids = {id(f) for f in r.findings}
    waived: dict[tuple[str, str | None], list] = {}
    for g, w in r.waived:
        for m in (g, *g.also):
            waived.setdefault((m.id, m.report), []).append((m, w))
    file_attr = _xml_safe(display_path(r.spec or r.source)) if (r.spec or r.source) else ""
    for rid, check, report, worst, fs in outcomes:
        tests += 1
        case_name = rid + (f"[{report}]" if report else "")
        case = ET.SubElement(suite, "testcase", classname=_xml_safe(f"{check}"), name=_xml_safe(case_name))
        case.set("file", file_attr)
        fs = sorted(fs, key=finding_key)
        # a rule merged into the finding of another rule on the same figure is reported once,
        # in that finding's testcase (one slip, one failure); its own testcase says where
        merged = [f for f in fs if id(f) not in own_ids]
        fs = [f for f in fs if id(f) in own_ids]
        failing = [f for f in fs if f.severity is Severity.ERROR or (strict and f.severity is Severity.WARNING)]
        other = [f for f in fs if f not in failing]
        if failing:
            failures += 1
            first = failing[0]
            fail = ET.SubElement(case, "failure", message=_xml_safe(first.message), type=_xml_safe(first.check))
            fail.text = _xml_safe("\n\n".join("\n".join(format_finding(f, sources)) for f in failing))
        notes = ["\n".join(format_finding(f, sources)) for f in other]
        notes += [f"{m.severity.value}[{m.check}]: {m.message}\n  reported once, with the other rules that "
                  f"fired on the same figure, in the testcase of that finding" for m in merged]
        if notes:
            out = ET.SubElement(case, "system-out")
            out.text = _xml_safe("\n\n".join(notes))
        if not fs and not merged and (rid, report) in waived:
            _skip(case, waived.pop((rid, report)))
        waived.pop((rid, report), None)
    for (rid, report), pairs in sorted(waived.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        # waived findings of checks that are not rules (fidelity, schema …): a skipped testcase each
        tests += 1
        case = ET.SubElement(suite, "testcase", classname=_xml_safe(pairs[0][0].check),
                             name=_xml_safe(rid + (f"[{report}]" if report else "")), file=file_attr)
        _skip(case, pairs)
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
    skipped = len(suite.findall("testcase/skipped"))
    suite.set("skipped", str(skipped))
    return suite, {"tests": tests, "failures": failures, "skipped": skipped}
