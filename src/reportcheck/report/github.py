"""``--format github``: GitHub Actions workflow commands, one annotation per finding figure.

``::error file=draft.md,line=17,col=48,endColumn=55,title=part-of high-tech-new-within-total::message``
(``warning`` and ``notice`` for the other severities). Values are escaped as the Actions
toolkit does: in the message ``%``, CR, LF; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

from typing import Sequence

from reportcheck.findings import Finding, Result, Severity
from reportcheck.report._util import display_path, first_position, sorted_findings, summary

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props: list[tuple[str, str]] = []
    pos = first_position(f)
    if pos is not None:
        props.append(("file", display_path(pos.file)))
        props.append(("line", str(pos.line)))
        if pos.column is not None:
            props.append(("col", str(pos.column)))
        if pos.end_line is not None and pos.end_line != pos.line:
            props.append(("endLine", str(pos.end_line)))
        elif pos.end_column is not None:
            props.append(("endColumn", str(pos.end_column)))
    else:
        file = next((g.file for g in f.figures if g.file), None)
        if file:
            props.append(("file", display_path(file)))
    also = "".join(f" + {m.check}" for m in f.also)
    props.append(("title", f"{f.check}{also} {f.id}" + (f" [{f.report}]" if f.report else "")))
    message = f.message
    for m in f.also:
        message += f"\nalso {m.check} {m.id}: {m.message}"
    if f.suggestion:
        message += f"\nsuggestion: {f.suggestion}"
    prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{_LEVEL[f.severity]} {prop_text}::{escape_data(message)}"


def render(results: Sequence[Result], **_: object) -> str:
    lines = [annotation(f) for f in sorted_findings(results)]
    s = summary(results)
    lines.append(
        f"reportcheck: {s['checks']} checks, {s['passed']} passed, {s['errors']} errors, "
        f"{s['warnings']} warnings, {s['infos']} infos" + (f", {s['waived']} waived" if s.get("waived") else "")
    )
    return "\n".join(lines) + "\n"
