"""Spec drafts: an :class:`~reportcheck.lint.infer.Inference` written as a spec (YAML).

The draft is plain YAML (every scalar written by ``yaml.safe_dump``) with comments:
a header saying what was inferred, and ``# REVIEW:`` lines above each indicator or
rule a human should look at (a guessed name, an ambiguous locator, a heuristic rule).
``reportcheck check`` on the draft passes on the unchanged document and catches a
slip in a changed one; ``lint`` runs exactly this spec in memory.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from reportcheck.lint.infer import Inference, InferredRule, Ind

_TITLE = re.compile(r"[^\n]{0,40}(?:政府工作报告|工作报告)[^\n]{0,12}")
_REGION = re.compile(r"(?:20[0-9]{2}年)?\s*([\u4e00-\u9fff]{2,12}?(?:省|市|自治区|特别行政区|区|县|州|盟))(?:人民)?政府工作报告")
_ID_CHARS = re.compile(r"[^a-z0-9\-_]+")


def _scalar(v: Any) -> Any:
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return int(v)
        return float(format(v, "f"))
    return v


def _flow(d: dict) -> str:
    return yaml.safe_dump(d, default_flow_style=True, allow_unicode=True, width=1_000_000, sort_keys=False).strip()


def _value(v: Any) -> str:
    s = yaml.safe_dump(v, default_flow_style=True, allow_unicode=True, width=1_000_000).strip()
    if s.endswith("\n..."):
        s = s[: -len("\n...")]
    elif s.endswith("..."):
        s = s[:-3].rstrip()
    return s


def _block(d: dict, indent: str) -> str:
    """A rule as a block mapping, one key a line, lists in flow style."""
    lines = []
    for k, (key, v) in enumerate(d.items()):
        lead = indent + ("- " if k == 0 else "  ")
        lines.append(f"{lead}{key}: {_value(v)}")
    return "\n".join(lines) + "\n"


def _comment(s: str) -> str:
    return " ".join(s.split())


def metadata(inf: Inference, source: str, stem: str) -> dict[str, Any]:
    head = inf.text[:3000].replace("*", "")
    m = _TITLE.search(head)
    title = m.group(0).strip(" #\t") if m else None
    if not title:
        title = next((ln.strip(" #\t") for ln in head.splitlines() if ln.strip()), stem) or stem
    r = _REGION.search(head)
    region = r.group(1) if r else "（待填写）"
    rid = _ID_CHARS.sub("-", stem.lower()).strip("-_") or "report"
    if not rid[0].isalnum():
        rid = "r" + rid
    return {"id": rid, "title": title[:80], "region": region, "year": inf.year, "source": source}


def indicator_dict(i: Ind) -> dict[str, Any]:
    d: dict[str, Any] = {"id": i.id, "name": i.name, "period": i.period, "kind": i.kind}
    if i.unit is not None:
        d["unit"] = i.unit
    d["value"] = _scalar(i.value)
    if i.qualifier:
        d["qualifier"] = i.qualifier
    if i.status != "实际":
        d["status"] = i.status
    d["locate"] = {"template": i.template, "occurrence": i.occurrence} if i.occurrence else i.template
    return d


def rule_dict(r: InferredRule) -> dict[str, Any]:
    d: dict[str, Any] = {"id": r.id, "kind": r.kind}
    d.update({k: _scalar(v) for k, v in r.fields.items()})
    d["severity"] = r.severity
    d["rationale"] = r.rationale
    return d


def render_spec(inf: Inference, source: str, stem: str = "report", file_label: str | None = None) -> str:
    """The spec draft as YAML text (loadable with :func:`reportcheck.load_spec`)."""
    meta = metadata(inf, source, stem)
    out: list[str] = []
    q = inf.quantities
    covered = inf.covered()
    out.append(f"# Spec draft written by `reportcheck init` from {file_label or source}.")
    out.append("# Every quantity of the text is an indicator (name, period, kind, unit, value as written, and a")
    out.append("# locator: the words before the figure, `{}` standing for the number and its unit).")
    out.append(f"# {len(inf.indicators)} indicators from {len(q)} quantities; {len(inf.rules)} rules inferred from the "
               f"text alone cover {len(covered)} of them.")
    out.append("# Lines marked REVIEW need a human look: guessed names, ambiguous locators, heuristic rules.")
    out.append("# Ids come from a glossary of report vocabulary; rename freely (and in the rules too).")
    if inf.skipped:
        out.append(f"# Not included ({len(inf.skipped)}):")
        for f, why in inf.skipped[:40]:
            out.append(f"#   line {f.line}: {_comment(f.text)} — {_comment(why)}")
        if len(inf.skipped) > 40:
            out.append(f"#   … and {len(inf.skipped) - 40} more")
    for k, v in meta.items():
        out.append(_flow({k: v})[1:-1])
    out.append("")
    out.append("indicators:")
    if not inf.indicators:
        out.append("  []")
    last_period = None
    for i in inf.indicators:
        if i.period != last_period:
            out.append(f"  # ---------------------------------------------------------------- {i.period}")
            last_period = i.period
        for n in i.notes:
            out.append(f"  # REVIEW: {_comment(n)}")
        out.append(f"  - {_flow(indicator_dict(i))}")
    out.append("")
    out.append("rules:")
    if not inf.rules:
        out.append("  []")
    for r in inf.rules:
        if r.review:
            out.append(f"  # REVIEW: {_comment(r.review)}")
        out.append(_block(rule_dict(r), "  ").rstrip("\n"))
    return "\n".join(out) + "\n"


def source_for(doc: Path, output: str | os.PathLike | None) -> str:
    """The document path as the spec should name it: relative to the spec's directory when
    the spec is written to a file, absolute when it goes to standard output."""
    doc = Path(doc).resolve()
    if output is None or str(output) == "-":
        return str(doc)
    out_dir = Path(output).resolve().parent
    try:
        return os.path.relpath(doc, out_dir)
    except ValueError:  # another drive
        return str(doc)
