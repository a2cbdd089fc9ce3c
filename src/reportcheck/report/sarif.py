"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

- one ``reportingDescriptor`` per rule kind (``part-of``, ``share-range``, ``fidelity`` …)
  with its help text (the rule registry's summary when the kind is registered);
- one result per finding: ``ruleId`` is the kind, the spec's rule id is in the message and
  in ``properties``; regions carry ``startLine``/``startColumn``/``endLine``/``endColumn``
  exactly as the JSON contract (1-based code points, end exclusive), declared by
  ``columnKind: "unicodeCodePoints"``;
- findings grouped by figure (one slip, one finding) are **one result**: the primary rule is
  its ``ruleId``, the merged rules are in the message and in ``properties.also``, their other
  figures in ``relatedLocations``. A SARIF consumer (GitHub code scanning, an IDE's SARIF
  viewer) opens one alert per result; three alerts on one figure for one slip are the noise
  grouping removes, and the result count then equals the summary's finding count;
- ``partialFingerprints`` carries the finding's stable ``fingerprint`` (``reportcheck/v1``),
  so a viewer tracks an alert across drafts the way waivers do;
- a waived finding is a result with ``suppressions``: kind ``external`` (the waiver is in
  pyproject.toml / reportcheck.toml or in the spec, never in the checked document — that
  would be ``inSource``), status ``accepted``, the reason as ``justification`` and the
  waiver's file and line as ``location``. Viewers hide suppressed results;
- deterministic bytes: no timestamps, no invocation details.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import quote

from reportcheck.findings import Finding, Result, Severity
from reportcheck.report._util import (
    display_path,
    finding_key,
    json_default,
    rule_help,
    rule_outcomes,
    sorted_findings,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str | None) -> str:
    shown = display_path(path)
    p = Path(shown)
    if p.is_absolute():
        return p.as_uri()
    return quote(shown.replace("\\", "/"), safe="/._-~")


def _location(fig) -> dict[str, Any] | None:
    if fig.file is None and fig.report is None:
        return None
    loc: dict[str, Any] = {}
    if fig.file is not None:
        phys: dict[str, Any] = {"artifactLocation": {"uri": _uri(fig.file)}}
        if fig.line is not None:
            region: dict[str, Any] = {"startLine": fig.line}
            if fig.column is not None:
                region["startColumn"] = fig.column
            end_line = fig.end_line if fig.end_line is not None else fig.line
            region["endLine"] = end_line
            if fig.end_column is not None:
                region["endColumn"] = fig.end_column
            if fig.text:
                region["message"] = {"text": (fig.indicator + " = " if fig.indicator else "") + fig.text}
            phys["region"] = region
        loc["physicalLocation"] = phys
    if fig.report is not None or fig.indicator is not None:
        names = [x for x in (fig.report, fig.indicator) if x]
        loc["logicalLocations"] = [{"fullyQualifiedName": "::".join(names), "kind": "member"}]
    return loc


def _result(f: Finding, rule_index: dict[str, int], waiver=None) -> dict[str, Any]:
    text = f"{f.id}: {f.message}"
    if f.report:
        text = f"[{f.report}] " + text
    if f.also:
        text += " — also: " + "; ".join(f"{m.check} {m.id}: {m.message}" for m in f.also)
    if f.suggestion:
        text += f" — suggestion: {f.suggestion}"
    res: dict[str, Any] = {
        "ruleId": f.check,
        "ruleIndex": rule_index[f.check],
        "level": _LEVEL[f.severity],
        "message": {"text": text},
    }
    locs = [loc for loc in (_location(g) for g in f.figures) if loc]
    # The first positioned figure is the primary location; the others are related.
    primary = [loc for loc in locs if "region" in loc.get("physicalLocation", {})][:1] or locs[:1]
    if primary:
        res["locations"] = primary
        related = [loc for loc in locs if loc is not primary[0]]
        if related:
            res["relatedLocations"] = [{"id": i + 1, **loc} for i, loc in enumerate(related)]
    res["partialFingerprints"] = {"reportcheckRule/v1": f"{f.id}:{f.report or ''}:{f.check}",
                                  "reportcheck/v1": f.fingerprint}
    if waiver is not None:
        sup: dict[str, Any] = {"kind": "external", "status": "accepted", "justification": waiver.reason}
        if waiver.file:
            phys: dict[str, Any] = {"artifactLocation": {"uri": _uri(waiver.file)}}
            if waiver.line is not None:
                phys["region"] = {"startLine": waiver.line}
            sup["location"] = {"physicalLocation": phys}
        res["suppressions"] = [sup]
    props: dict[str, Any] = {"id": f.id, "category": f.category.value, "severity": f.severity.value,
                             "fingerprint": f.fingerprint}
    if f.suggestion:
        props["suggestion"] = f.suggestion
    if f.report:
        props["report"] = f.report
    if f.also:
        props["also"] = [m.member_dict() for m in f.also]
    res["properties"] = props
    return res


def to_object(results: Sequence[Result]) -> dict[str, Any]:
    from reportcheck import __version__

    findings = sorted_findings(results)
    waived = sorted(((f, w) for r in results for f, w in r.waived), key=lambda fw: finding_key(fw[0]))
    kinds: set[str] = {f.check for f in findings} | {f.check for f, _ in waived}
    for r in results:
        kinds.update(check for _, check, *_ in rule_outcomes(r))
    rules = rule_descriptors(sorted(kinds))
    rule_index = {kind: i for i, kind in enumerate(sorted(kinds))}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reportcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, rule_index) for f in findings]
                       + [_result(f, rule_index, w) for f, w in waived],
        }],
    }


def rule_descriptors(kinds: Sequence[str]) -> list[dict[str, Any]]:
    """The driver's ``rules``: one descriptor per rule kind, in the order given."""
    rules = []
    for kind in kinds:
        help_text = rule_help(kind)
        rules.append({
            "id": kind,
            "name": "".join(p.capitalize() for p in kind.replace("_", "-").split("-")),
            "shortDescription": {"text": help_text.split(". ")[0].rstrip(".") + "."},
            "fullDescription": {"text": help_text},
            "help": {"text": help_text},
        })
    return rules


def render(results: Sequence[Result], **_: object) -> str:
    return json.dumps(to_object(results), ensure_ascii=False, indent=2, allow_nan=False, default=json_default) + "\n"
