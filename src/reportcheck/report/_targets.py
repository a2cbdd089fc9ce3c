"""The targets table, for the reporters.

A :class:`~reportcheck.findings.Result` of ``reportcheck targets`` carries ``targets``
(a list of :class:`~reportcheck.targets.TargetVerdict`). The reporters call these
helpers, which return nothing for any other result: JSON adds the contract's
``"targets"`` array, the text reporter prints the table before the findings, HTML shows it.
"""

from __future__ import annotations

import html
from typing import Any, Sequence

__all__ = ["has_targets", "json_targets", "text_table", "html_table"]

_MARK = {"met": "✓", "missed": "✗", "not_reported": "–", "unclear": "?"}


def _verdicts(results: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    for r in results:
        out.extend(getattr(r, "targets", None) or ())
    return out


def has_targets(results: Sequence[Any]) -> bool:
    return any(getattr(r, "targets", None) is not None for r in results)


def json_targets(results: Sequence[Any]) -> list[dict[str, Any]]:
    """The contract's ``targets`` array (in the order the targets are written)."""
    return [v.to_dict() for v in _verdicts(results)]


def _cut(s: str, width: int) -> str:
    from reportcheck.report._util import cell_width

    if cell_width(s) <= width:
        return s + " " * (width - cell_width(s))
    out, w = "", 0
    for ch in s:
        cw = cell_width(ch)
        if w + cw > width - 1:
            break
        out += ch
        w += cw
    return out + "…" + " " * (width - w - 1)


def text_table(results: Sequence[Any], paint=None) -> list[str]:
    """Lines of a table: verdict, indicator, target (line), outcome (line)."""
    vs = _verdicts(results)
    if not vs:
        return []
    style = {"met": ("green",), "missed": ("yellow",), "not_reported": ("yellow",), "unclear": ("cyan",)}
    counts: dict[str, int] = {}
    for v in vs:
        counts[v.verdict] = counts.get(v.verdict, 0) + 1
    head = ", ".join(f"{counts[k]} {k.replace('_', ' ')}" for k in ("met", "missed", "not_reported", "unclear")
                     if k in counts)
    lines = ["", f"targets: {len(vs)} ({head})"]
    lines.append(f"  {'verdict':<15}{_cut('indicator', 26)}  {_cut('target', 16)}  outcome")
    from reportcheck.safety import inline  # document text: no line breaks, bidi, leading ::

    for v in vs:
        t = f"{inline(v.target.text)} :{v.target.line}"
        o = f"{inline(v.outcome.text)} :{v.outcome.line}" if v.outcome is not None else "—"
        mark = f"{_MARK.get(v.verdict, ' ')} {v.verdict:<13}"
        if paint is not None:
            mark = paint(mark, *style.get(v.verdict, ()))
        lines.append(f"  {mark}{_cut(inline(v.indicator), 26)}  {_cut(t, 16)}  {o}")
    return lines


def html_table(results: Sequence[Any]) -> str:
    vs = _verdicts(results)
    if not vs:
        return ""
    from reportcheck.safety import escape_controls  # ESC, VT from a document: shown escaped

    def e(s: str) -> str:
        return html.escape(escape_controls(s))

    rows = []
    for v in vs:
        o = v.outcome
        rows.append(
            f'<tr class="target target-{e(v.verdict)}" data-verdict="{e(v.verdict)}">'
            f"<td>{e(v.verdict.replace('_', ' '))}</td><td>{e(v.indicator)}</td>"
            f"<td>{e(v.target.text or '')} <small>line {v.target.line}</small></td>"
            f"<td>{(e(o.text or '') + f' <small>line {o.line}</small>') if o is not None else '—'}</td>"
            f"<td>{e(v.reason)}</td></tr>")
    return ('<table class="targets" id="targets"><thead><tr><th>verdict</th><th>indicator</th><th>target</th>'
            "<th>outcome</th><th>reason</th></tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>")
