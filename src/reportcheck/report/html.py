"""``--format html``: one self-contained page (no external resources).

For every checked document: the report text, line by line as written, with every checked
figure highlighted — ``passed`` (green), ``failed`` (red), ``warning`` (amber), ``info``
(blue). Hovering a figure shows its indicator and findings; clicking it opens the
finding's details. A summary table at the top; the counts are also embedded as data
attributes (``data-checks``, ``data-passed``, ``data-errors``, ``data-warnings``,
``data-infos``) on ``<main id="reportcheck">``, so tools can read them. A small inline
script recounts the rendered findings and figures into ``#rendered-counts`` (the browser
test compares those with the JSON report).
"""

from __future__ import annotations

import html
from typing import Any, Sequence

from reportcheck.findings import Finding, Result, Severity
from reportcheck.report._util import (
    SourceLines,
    display_path,
    finding_key,
    first_position,
    sorted_findings,
    summary,
)

_STATUS = {Severity.ERROR: "failed", Severity.WARNING: "warning", Severity.INFO: "info"}

_CSS = """
:root { --fail:#c62828; --warn:#b26a00; --info:#1565c0; --pass:#2e7d32; }
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 0; color: #222; background: #fafafa; }
header, section { max-width: 980px; margin: 0 auto; padding: 0.5rem 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; border-bottom: 1px solid #ddd; }
table.summary { border-collapse: collapse; margin: 0.5rem 0; }
table.summary th, table.summary td { border: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: right; }
table.summary th:first-child, table.summary td:first-child { text-align: left; }
pre.doc { white-space: pre-wrap; word-break: break-all; background: #fff; border: 1px solid #ddd;
          padding: 0.5rem; line-height: 1.7; font-family: inherit; }
.ln { display: inline-block; width: 3.5em; color: #999; user-select: none; text-align: right;
      margin-right: 0.8em; }
mark.fig { border-radius: 3px; padding: 0 1px; cursor: pointer; background: transparent; color: inherit; }
.fig-passed { background: #e8f5e9; border-bottom: 2px solid var(--pass); }
.fig-failed { background: #ffebee; border-bottom: 2px solid var(--fail); font-weight: bold; }
.fig-warning { background: #fff3e0; border-bottom: 2px solid var(--warn); }
.fig-info { background: #e3f2fd; border-bottom: 2px dashed var(--info); }
mark.fig.selected { outline: 2px solid #333; }
ol.findings li { margin: 0.4rem 0; padding: 0.3rem 0.5rem; background: #fff; border-left: 4px solid #ccc; }
li.sev-error { border-left-color: var(--fail) !important; }
li.sev-warning { border-left-color: var(--warn) !important; }
li.sev-info { border-left-color: var(--info) !important; }
li.finding.selected { background: #fffde7; }
.sev { font-weight: bold; text-transform: uppercase; font-size: 0.8em; }
.sev-error .sev { color: var(--fail); } .sev-warning .sev { color: var(--warn); } .sev-info .sev { color: var(--info); }
.where, .check { color: #555; font-family: ui-monospace, monospace; font-size: 0.85em; }
.suggestion { color: var(--pass); }
#details { position: fixed; right: 1rem; bottom: 1rem; max-width: 28rem; background: #fff; border: 1px solid #999;
           box-shadow: 0 2px 8px rgba(0,0,0,.2); padding: 0.5rem 0.8rem; display: none; }
#details.open { display: block; }
#details button { float: right; }
"""

_JS = """
(function () {
  var root = document.getElementById('reportcheck');
  var count = function (sel) { return root.querySelectorAll(sel).length; };
  var out = document.getElementById('rendered-counts');
  out.setAttribute('data-errors', count('li.finding.sev-error'));
  out.setAttribute('data-warnings', count('li.finding.sev-warning'));
  out.setAttribute('data-infos', count('li.finding.sev-info'));
  out.setAttribute('data-figures', count('mark.fig'));
  out.setAttribute('data-figures-failed', count('mark.fig-failed'));
  out.setAttribute('data-figures-warning', count('mark.fig-warning'));
  out.setAttribute('data-figures-info', count('mark.fig-info'));
  out.setAttribute('data-figures-passed', count('mark.fig-passed'));
  out.setAttribute('data-rendered', 'yes');
  out.textContent = 'rendered: ' + out.getAttribute('data-errors') + ' errors, ' +
    out.getAttribute('data-warnings') + ' warnings, ' + out.getAttribute('data-infos') + ' infos, ' +
    out.getAttribute('data-figures') + ' figures highlighted';
  var details = document.getElementById('details');
  var body = document.getElementById('details-body');
  document.getElementById('details-close').addEventListener('click', function () {
    details.className = '';
  });
  root.addEventListener('click', function (ev) {
    var m = ev.target.closest ? ev.target.closest('mark.fig') : null;
    if (!m) { return; }
    root.querySelectorAll('.selected').forEach(function (e) { e.classList.remove('selected'); });
    m.classList.add('selected');
    var ids = (m.getAttribute('data-findings') || '').split(' ').filter(Boolean);
    body.innerHTML = '';
    var head = document.createElement('p');
    head.textContent = m.getAttribute('data-label');
    body.appendChild(head);
    ids.forEach(function (id) {
      var li = document.getElementById(id);
      if (li) { li.classList.add('selected'); var c = li.cloneNode(true); c.removeAttribute('id'); c.className = 'detail sev-' + li.getAttribute('data-severity'); body.appendChild(c); }
    });
    if (!ids.length) {
      var p = document.createElement('p'); p.textContent = 'checked: no finding'; body.appendChild(p);
    }
    details.className = 'open';
  });
})();
"""


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _esc(s: Any) -> str:
    return html.escape("" if s is None else str(s), quote=True)


class _Span:
    __slots__ = ("line", "start", "end", "label", "status", "findings")

    def __init__(self, line: int, start: int, end: int, label: str):
        self.line, self.start, self.end, self.label = line, start, end, label
        self.status: Severity | None = None
        self.findings: list[str] = []


def _spans(r: Result, findings: list[Finding], ids: dict[int, str], lines: list[str]) -> dict[int, list[_Span]]:
    """Every checked figure's span per line, with the worst severity of the findings citing it."""
    spans: dict[tuple[int, int], _Span] = {}

    def add(line, col, end_line, end_col, label) -> _Span | None:
        if line is None or col is None or not 1 <= line <= len(lines):
            return None
        text = lines[line - 1]
        start = col - 1
        end = end_col - 1 if (end_col is not None and end_line in (None, line)) else len(text)
        end = min(max(end, start + 1), len(text))
        if start >= len(text):
            return None
        sp = spans.get((line, start))
        if sp is None:
            sp = spans[(line, start)] = _Span(line, start, end, label)
        return sp

    for indicator, fig in _checked_figures(r.figures):
        indicator = indicator or _get(fig, "indicator") or _get(fig, "id")
        text = _get(fig, "text")
        label = " = ".join(str(x) for x in (indicator, text) if x)
        add(_get(fig, "line"), _get(fig, "column"), _get(fig, "end_line"), _get(fig, "end_column"), label)
    for f in findings:
        for g in f.figures:
            if g.file is not None and r.source is not None and display_path(g.file) != display_path(r.source):
                continue
            label = " = ".join(str(x) for x in (g.indicator, g.text) if x)
            sp = add(g.line, g.column, g.end_line, g.end_column, label)
            if sp is None:
                continue
            if ids[id(f)] not in sp.findings:
                sp.findings.append(ids[id(f)])
            if sp.status is None or f.severity.rank > sp.status.rank:
                sp.status = f.severity
    by_line: dict[int, list[_Span]] = {}
    for sp in sorted(spans.values(), key=lambda s: (s.line, s.start, -s.end)):
        row = by_line.setdefault(sp.line, [])
        if row and sp.start < row[-1].end:  # overlapping: keep the first (widest) span
            continue
        row.append(sp)
    return by_line


def _checked_figures(figures: Any) -> list[tuple[str | None, Any]]:
    """``Result.figures`` in any of the shapes an engine may give: a dict {indicator id: figure},
    (id, figure) pairs, or figure-like objects (Figure, FigureRef, dicts) with positions.
    Bare ids (strings) carry no position and are skipped."""
    if not figures:
        return []
    if isinstance(figures, dict):
        return [(str(k), v) for k, v in figures.items()]
    out: list[tuple[str | None, Any]] = []
    for item in figures:
        if isinstance(item, str):
            continue
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
            out.append((item[0], item[1]))
        else:
            out.append((None, item))
    return out


def _line_html(text: str, spans: list[_Span]) -> str:
    out, pos = [], 0
    for sp in spans:
        out.append(_esc(text[pos:sp.start]))
        status = _STATUS[sp.status] if sp.status is not None else "passed"
        title = sp.label + (f" — {status}" if sp.status is not None else " — checked, no finding")
        out.append(
            f'<mark class="fig fig-{status}" data-status="{status}" data-findings="{" ".join(sp.findings)}" '
            f'data-label="{_esc(sp.label)}" title="{_esc(title)}">{_esc(text[sp.start:sp.end])}</mark>'
        )
        pos = sp.end
    out.append(_esc(text[pos:]))
    return "".join(out)


def _finding_html(f: Finding, fid: str) -> str:
    pos = first_position(f)
    where = f"{display_path(pos.file)}:{pos.line}:{pos.column}" if pos else (f.report or "")
    figs = ", ".join(_esc(" = ".join(str(x) for x in (g.indicator, g.text) if x)) for g in f.figures)
    parts = [
        f'<li class="finding sev-{f.severity.value}" id="{fid}" data-severity="{f.severity.value}" '
        f'data-check="{_esc(f.check)}" data-rule="{_esc(f.id)}">',
        f'<span class="sev">{f.severity.value}</span> <span class="check">{_esc(f.check)} · {_esc(f.id)}</span> ',
        f'<span class="where">{_esc(where)}</span><br>',
        f'<span class="message">{_esc(f.message)}</span>',
    ]
    if figs:
        parts.append(f'<br><span class="figures">{figs}</span>')
    if f.rationale:
        parts.append(f'<br><span class="rationale">why: {_esc(f.rationale)}</span>')
    if f.suggestion:
        parts.append(f'<br><span class="suggestion">suggestion: {_esc(f.suggestion)}</span>')
    parts.append("</li>")
    return "".join(parts)


def _summary_rows(label: str, s: dict[str, int]) -> str:
    cells = "".join(f"<td>{s[k]}</td>" for k in ("checks", "passed", "errors", "warnings", "infos"))
    return f"<tr><td>{_esc(label)}</td>{cells}</tr>"


def render(results: Sequence[Result], **_: object) -> str:
    from reportcheck import __version__

    total = summary(results)
    sources = SourceLines(results)
    all_findings = sorted_findings(results)
    ids = {id(f): f"finding-{i + 1}" for i, f in enumerate(all_findings)}
    data_attrs = " ".join(f'data-{k}="{v}"' for k, v in total.items())

    rows = [_summary_rows("all", total)]
    for r in results:
        label = " :: ".join(dict.fromkeys(display_path(p) for p in (r.spec, r.source) if p)) or "input"
        rows.append(_summary_rows(label, r.summary()))

    sections = []
    for n, r in enumerate(results):
        fs = sorted(r.findings, key=finding_key)
        label = " :: ".join(dict.fromkeys(display_path(p) for p in (r.spec, r.source) if p)) or "input"
        s = r.summary()
        attrs = " ".join(f'data-{k}="{v}"' for k, v in s.items())
        body = [f'<section class="result" id="result-{n + 1}" {attrs}>', f"<h2>{_esc(label)}</h2>"]
        if getattr(r, "targets", None) is not None:  # reportcheck targets: the table of verdicts
            from reportcheck.targets.report import html_table

            body.append(html_table([r]))
        lines = sources.lines(r.source) if r.source else None
        if lines is not None:
            by_line = _spans(r, fs, ids, lines)
            out = []
            for i, text in enumerate(lines, start=1):
                out.append(f'<span class="line" data-line="{i}"><span class="ln">{i}</span>'
                           f"{_line_html(text, by_line.get(i, []))}</span>")
            body.append('<pre class="doc">' + "\n".join(out) + "</pre>")
        body.append('<ol class="findings">' + "".join(_finding_html(f, ids[id(f)]) for f in fs) + "</ol>")
        if not fs:
            body.append("<p>No findings.</p>")
        body.append("</section>")
        sections.append("\n".join(body))

    title = "reportcheck report"
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reportcheck {_esc(__version__)}">
<title>{title}</title>
<style>{_CSS}</style>
</head>
<body>
<main id="reportcheck" data-reportcheck="{_esc(__version__)}" {data_attrs}>
<header>
<h1>{title}</h1>
<table class="summary" id="summary">
<thead><tr><th>checked</th><th>checks</th><th>passed</th><th>errors</th><th>warnings</th><th>infos</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<p class="legend"><span class="key fig-passed">passed</span> <span class="key fig-failed">failed</span>
<span class="key fig-warning">warning</span> <span class="key fig-info">info</span> — hover a figure for its
indicator, click it for the findings.</p>
<p id="rendered-counts" data-rendered="no"></p>
</header>
{chr(10).join(sections)}
<div id="details"><button id="details-close" type="button">×</button><div id="details-body"></div></div>
</main>
<script>{_JS}</script>
</body>
</html>
"""
