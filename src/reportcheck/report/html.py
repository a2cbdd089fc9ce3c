"""``--format html``: one self-contained page (no external resources).

Findings first: a summary table, then every finding — severity, rule, message, the source
line with the figure underlined (``.caret``), rationale and suggestion — each linked to its
figure in the document below (``href="#fig-…"``), and each figure back to its findings.
Then, for every checked document, the report text line by line as written (markdown ``**``
markers removed from the display; positions are those of the file), with every figure a
check read highlighted — ``passed`` (green), ``failed`` (red), ``warning`` (amber),
``info`` (blue) — and, in ``lint`` mode (no spec), every figure that no inferred rule reads
shown as ``unchecked`` (grey, dotted), never green: a figure nothing compared against
anything was not checked. With a spec, each bound figure is compared with the spec's value
(fidelity), so a figure with no finding is ``passed``.

Hovering a figure shows its indicator and findings; clicking it opens the finding's details.
The counts are also embedded as data attributes (``data-checks``, ``data-passed``,
``data-errors``, ``data-warnings``, ``data-infos``) on ``<main id="reportcheck">``, so tools
can read them. A small inline script recounts the rendered findings and figures into
``#rendered-counts`` and measures where the findings list and the carets are drawn
(``data-first-finding-top``, ``data-carets-visible`` …; the browser test reads them).

``lang="zh"`` (``--lang zh``) labels the interface in Chinese; messages stay as the rules
write them. The CSS names CJK fonts (Noto Sans CJK, Source Han Sans, PingFang, Microsoft
YaHei) so the page renders where no default CJK font is configured.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from typing import Any, Sequence

from reportcheck.findings import Finding, Result, Severity
from reportcheck.report._util import (
    SourceLines,
    display_path,
    finding_key,
    first_position,
    summary,
)

_STATUS = {Severity.ERROR: "failed", Severity.WARNING: "warning", Severity.INFO: "info"}

#: interface labels; messages, rule ids and figures are not translated
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "reportcheck report", "checked": "checked", "checks": "checks", "passed": "passed",
        "errors": "errors", "warnings": "warnings", "infos": "infos", "all": "all",
        "findings": "Findings", "no_findings": "No findings.", "documents": "Documents",
        "error": "error", "warning": "warning", "info": "info", "failed": "failed",
        "unchecked": "unchecked", "why": "why", "suggestion": "suggestion", "goto": "show in the document",
        "legend_tail": "— hover a figure for its indicator, click it for the findings.",
        "no_finding": "checked, no finding", "not_checked": "not checked: no rule reads this figure",
        "spec_same": "checked: same as the spec, no finding",
        "close": "close",
    },
    "zh": {
        "title": "reportcheck 检查报告", "checked": "检查对象", "checks": "检查项", "passed": "通过",
        "errors": "错误", "warnings": "警告", "infos": "提示", "all": "合计",
        "findings": "发现的问题", "no_findings": "未发现问题。", "documents": "文档",
        "error": "错误", "warning": "警告", "info": "提示", "failed": "错误",
        "unchecked": "未检查", "why": "理由", "suggestion": "建议", "goto": "在文中查看",
        "legend_tail": "— 鼠标悬停数字可见指标，点击可见问题详情。",
        "no_finding": "已检查，未发现问题", "not_checked": "未检查：没有规则读取这个数字",
        "spec_same": "已检查：与规格一致，未发现问题",
        "close": "关闭",
    },
}

_CSS = """
:root { --fail:#c62828; --warn:#b26a00; --info:#1565c0; --pass:#2e7d32; --unchecked:#757575; }
body { font-family: system-ui, -apple-system, "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
       "Source Han Sans CN", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei",
       sans-serif;
       margin: 0; color: #222; background: #fafafa; }
header, section { max-width: 980px; margin: 0 auto; padding: 0.5rem 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1rem; margin: 0.6rem 0 0.2rem; }
table.summary { border-collapse: collapse; margin: 0.5rem 0; }
table.summary th, table.summary td { border: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: right; }
table.summary th:first-child, table.summary td:first-child { text-align: left; }
pre.doc .gap { color: #999; }
pre.doc { white-space: pre-wrap; word-break: break-all; background: #fff; border: 1px solid #ddd;
          padding: 0.5rem; line-height: 1.7; font-family: inherit; }
.ln { display: inline-block; width: 3.5em; color: #999; user-select: none; text-align: right;
      margin-right: 0.8em; }
mark.fig { border-radius: 3px; padding: 0 1px; cursor: pointer; background: transparent; color: inherit;
           scroll-margin-top: 30vh; }
.fig-passed { background: #e8f5e9; border-bottom: 2px solid var(--pass); }
.fig-failed { background: #ffebee; border-bottom: 2px solid var(--fail); font-weight: bold; }
.fig-warning { background: #fff3e0; border-bottom: 2px solid var(--warn); }
.fig-info { background: #e3f2fd; border-bottom: 2px dashed var(--info); }
.fig-unchecked { background: transparent; border-bottom: 1px dotted var(--unchecked); }
mark.fig.selected, mark.fig:target { outline: 2px solid #333; }
ol.findings { padding-left: 2rem; }
ol.findings li { margin: 0.4rem 0; padding: 0.3rem 0.5rem; background: #fff; border-left: 4px solid #ccc; }
li.sev-error { border-left-color: var(--fail) !important; }
li.sev-warning { border-left-color: var(--warn) !important; }
li.sev-info { border-left-color: var(--info) !important; }
li.finding.selected, li.finding:target { background: #fffde7; }
.sev { font-weight: bold; text-transform: uppercase; font-size: 0.8em; }
.sev-error .sev { color: var(--fail); } .sev-warning .sev { color: var(--warn); } .sev-info .sev { color: var(--info); }
.where, .check { color: #555; font-family: ui-monospace, monospace; font-size: 0.85em; }
.where a { color: inherit; }
.excerpt { display: block; margin: 0.2rem 0; padding: 0.2rem 0.4rem; background: #f5f5f5; line-height: 1.9; }
.caret { font-weight: bold; text-decoration: underline wavy; text-decoration-thickness: 2px;
         text-underline-offset: 4px; padding: 0 1px; }
.sev-error .caret { color: var(--fail); background: #ffebee; }
.sev-warning .caret { color: var(--warn); background: #fff3e0; }
.sev-info .caret { color: var(--info); background: #e3f2fd; }
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
  out.setAttribute('data-figures-unchecked', count('mark.fig-unchecked'));
  // geometry: where the findings and their carets are drawn (read by the browser test)
  var visible = function (e) { var r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  var first = root.querySelector('li.finding');
  out.setAttribute('data-first-finding-top', first ? Math.round(first.getBoundingClientRect().top + window.scrollY) : -1);
  var doc = root.querySelector('pre.doc');
  out.setAttribute('data-first-document-top', doc ? Math.round(doc.getBoundingClientRect().top + window.scrollY) : -1);
  var carets = root.querySelectorAll('li.finding .caret');
  var shown = 0;
  carets.forEach(function (c) { if (visible(c)) { shown += 1; } });
  out.setAttribute('data-carets', carets.length);
  out.setAttribute('data-carets-visible', shown);
  var links = root.querySelectorAll('li.finding a.goto');
  var resolved = 0;
  links.forEach(function (a) { var t = document.getElementById(a.getAttribute('href').slice(1)); if (t && visible(t)) { resolved += 1; } });
  out.setAttribute('data-links', links.length);
  out.setAttribute('data-links-resolved', resolved);
  out.setAttribute('data-viewport-height', window.innerHeight);
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
      var p = document.createElement('p'); p.textContent = m.getAttribute('data-note') || ''; body.appendChild(p);
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
    from reportcheck.safety import escape_controls

    return escape_controls(html.escape("" if s is None else str(s), quote=True))


def _plain(text: str) -> tuple[str, list[int]]:
    """A line without markdown ``**`` markers, and the map from plain offsets to the line's
    (the one plain-text layer: one rule for what a marker is)."""
    from reportcheck.text.plain import PlainText

    p = PlainText(text)
    return p.text, (list(range(len(text) + 1)) if p.omap is None else p.omap)


class _Span:
    __slots__ = ("line", "start", "end", "label", "status", "findings", "checked", "anchor")

    def __init__(self, line: int, start: int, end: int, label: str):
        self.line, self.start, self.end, self.label = line, start, end, label
        self.status: Severity | None = None
        self.findings: list[str] = []
        self.checked = False  # a check read this figure (a rule, or fidelity against a spec)
        self.anchor = ""


def _rule_inputs(r: Result) -> set[str] | None:
    """Indicators some rule reads, when the result says (lint sets it); None when unknown."""
    inputs = getattr(r, "rule_inputs", None)
    return None if inputs is None else {str(i) for i in inputs}


def _spans(r: Result, n: int, findings: list[Finding], ids: dict[int, str],
           lines: list[str]) -> dict[int, list[_Span]]:
    """Every figure's span per line: the worst severity of the findings citing it, and
    whether any check read it. With a spec, every bound figure was compared with the spec's
    value; without one (lint), only the figures an inferred rule reads were checked."""
    spans: dict[tuple[int, int], _Span] = {}
    inputs = _rule_inputs(r)
    spec_mode = r.spec is not None

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
        sp = add(_get(fig, "line"), _get(fig, "column"), _get(fig, "end_line"), _get(fig, "end_column"), label)
        if sp is not None and (spec_mode or (inputs is not None and str(indicator) in inputs)):
            sp.checked = True
    for f in findings:
        for g in f.figures:
            if g.file is not None and r.source is not None and display_path(g.file) != display_path(r.source):
                continue
            label = " = ".join(str(x) for x in (g.indicator, g.text) if x)
            sp = add(g.line, g.column, g.end_line, g.end_column, label)
            if sp is None:
                continue
            sp.checked = True
            if ids[id(f)] not in sp.findings:
                sp.findings.append(ids[id(f)])
            if sp.status is None or f.severity.rank > sp.status.rank:
                sp.status = f.severity
    by_line: dict[int, list[_Span]] = {}
    for sp in sorted(spans.values(), key=lambda s: (s.line, s.start, -s.end)):
        row = by_line.setdefault(sp.line, [])
        if row and sp.start < row[-1].end:  # overlapping: keep the first (widest) span
            kept = row[-1]
            kept.checked = kept.checked or sp.checked
            kept.findings.extend(x for x in sp.findings if x not in kept.findings)
            if sp.status is not None and (kept.status is None or sp.status.rank > kept.status.rank):
                kept.status = sp.status
            continue
        sp.anchor = f"fig-{n}-{sp.line}-{sp.start + 1}"
        row.append(sp)
    return by_line


def _anchor_of(by_line: dict[int, list[_Span]], n: int, line: int, column: int | None) -> str:
    """The id of the highlighted figure at ``line:column`` (else of the line itself)."""
    col = (column or 1) - 1
    for sp in by_line.get(line, []):
        if sp.start <= col < sp.end:
            return sp.anchor
    return f"r{n}-L{line}"


def _shown_lines(r: Result, findings: list[Finding], by_line: dict[int, list[_Span]], n_lines: int) -> list[int]:
    """The document lines the page quotes: those holding a located figure or one a finding
    cites (so every finding's link has its target), never the whole file (#18)."""
    shown = set(by_line)
    for f in findings:
        for g in f.figures:
            if g.line is None or not 1 <= g.line <= n_lines:
                continue
            if g.file is not None and r.source is not None and display_path(g.file) != display_path(r.source):
                continue
            shown.add(g.line)
    return sorted(shown)


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


def _status(sp: _Span) -> str:
    if sp.status is not None:
        return _STATUS[sp.status]
    return "passed" if sp.checked else "unchecked"


def _line_html(text: str, spans: list[_Span], L: dict[str, str], spec_mode: bool) -> str:
    plain, omap = _plain(text)
    out, pos = [], 0
    for sp in spans:
        a = bisect_left(omap, sp.start)
        b = max(bisect_left(omap, sp.end), a + 1)
        if a < pos or a >= len(plain):
            continue
        b = min(b, len(plain))
        out.append(_esc(plain[pos:a]))
        status = _status(sp)
        if sp.status is not None:
            note = L[status]
        elif sp.checked:
            note = L["spec_same"] if spec_mode else L["no_finding"]
        else:
            note = L["not_checked"]
        back = f' data-finding-link="#{sp.findings[0]}"' if sp.findings else ""
        out.append(
            f'<mark class="fig fig-{status}" id="{sp.anchor}" data-status="{status}" '
            f'data-findings="{" ".join(sp.findings)}"{back} data-label="{_esc(sp.label)}" '
            f'data-note="{_esc(note)}" title="{_esc(sp.label + " — " + note)}">{_esc(plain[a:b])}</mark>'
        )
        pos = b
    out.append(_esc(plain[pos:]))
    return "".join(out)


def _excerpt(src: str, column: int, end_column: int | None) -> str:
    """The source line around a figure, markers stripped, the figure in a ``.caret`` span."""
    from reportcheck.report.text import window

    shown, col, end = window(src, column, end_column)
    plain, omap = _plain(shown)
    a = bisect_left(omap, max(col - 1, 0))
    b = len(plain) if end is None else bisect_left(omap, max(end - 1, col))
    b = max(b, min(a + 1, len(plain)))
    return (f'<span class="excerpt">{_esc(plain[:a])}<span class="caret">{_esc(plain[a:b])}</span>'
            f"{_esc(plain[b:])}</span>")


def _finding_html(f: Finding, fid: str, L: dict[str, str], sources: SourceLines, r: Result | None,
                  by_line: dict[int, list[_Span]] | None, n: int) -> str:
    pos = first_position(f)
    where = f"{display_path(pos.file)}:{pos.line}:{pos.column}" if pos else (f.report or "")
    figs = ", ".join(_esc(" = ".join(str(x) for x in (g.indicator, g.text) if x)) for g in f.figures)
    link = ""
    if pos is not None and by_line is not None and r is not None and (
            pos.file is None or r.source is None or display_path(pos.file) == display_path(r.source)):
        link = f"#{_anchor_of(by_line, n, pos.line, pos.column)}"
    where_html = (f'<a class="goto" href="{link}" title="{_esc(L["goto"])}">{_esc(where)}</a>'
                  if link else _esc(where))
    parts = [
        f'<li class="finding sev-{f.severity.value}" id="{fid}" data-severity="{f.severity.value}" '
        f'data-check="{_esc(f.check)}" data-rule="{_esc(f.id)}">',
        f'<span class="sev">{_esc(L[f.severity.value])}</span> <span class="check">{_esc(f.check)} · {_esc(f.id)}</span> ',
        f'<span class="where">{where_html}</span><br>',
        f'<span class="message">{_esc(f.message)}</span>',
    ]
    shown = 0
    for g in f.figures:
        if g.line is None or shown >= 3:
            continue
        src = sources.line(g.file or (r.source if r is not None else None), g.line)
        if src is None:
            continue
        end = g.end_column if g.end_line in (None, g.line) else None
        parts.append(_excerpt(src, g.column or 1, end))
        shown += 1
    if figs:
        parts.append(f'<span class="figures">{figs}</span>')
    for m in f.also:  # the other rules that fired on the same figure (reportcheck.grouping)
        parts.append(f'<br><span class="also">+ {_esc(L[m.severity.value])} {_esc(m.check)} · {_esc(m.id)}: '
                     f'{_esc(m.message)}</span>')
    if f.rationale:
        parts.append(f'<br><span class="rationale">{_esc(L["why"])}: {_esc(f.rationale)}</span>')
    if f.suggestion:
        parts.append(f'<br><span class="suggestion">{_esc(L["suggestion"])}: {_esc(f.suggestion)}</span>')
    parts.append("</li>")
    return "".join(parts)


def _summary_rows(label: str, s: dict[str, int]) -> str:
    cells = "".join(f"<td>{s[k]}</td>" for k in ("checks", "passed", "errors", "warnings", "infos"))
    return f"<tr><td>{_esc(label)}</td>{cells}</tr>"


def _result_label(r: Result) -> str:
    return " :: ".join(dict.fromkeys(display_path(p) for p in (r.spec, r.source) if p)) or "input"


def render(results: Sequence[Result], *, lang: str = "en", **_: object) -> str:
    L = LABELS.get(lang, LABELS["en"])
    total = summary(results)
    sources = SourceLines(results)
    rows, finding_lists, sections = [], [], []
    first = 1
    for n, r in enumerate(results, start=1):
        row, listed, section, first = result_parts(r, n, first, L, sources, many=len(results) > 1)
        rows.append(row)
        if listed is not None:
            finding_lists.append(listed)
        if section is not None:
            sections.append(section)
    return (page_head(L, lang, total) + "".join("\n" + row for row in rows) + page_middle(L)
            + ("\n".join(finding_lists) if finding_lists else no_findings(L))
            + PAGE_SECTIONS + "\n".join(sections) + page_tail(L))


def result_parts(r: Result, n: int, first_id: int, L: dict[str, str], sources: SourceLines, *,
                 many: bool) -> tuple[str, str | None, str | None, int]:
    """The page's parts for the ``n``-th result, its findings numbered from ``first_id``:
    (its summary row, its list of findings or None, its document section or None, the next
    finding number). :func:`render` joins them; the streamed report writes them as they come."""
    fs = sorted(r.findings, key=finding_key)
    ids = {id(f): f"finding-{first_id + k}" for k, f in enumerate(fs)}
    row = _summary_rows(_result_label(r), r.summary())
    label = _result_label(r)
    lines = sources.lines(r.source) if r.source else None
    by_line = _spans(r, n, fs, ids, lines) if lines is not None else None
    listed = None
    if fs:
        head = f"<h3>{_esc(label)}</h3>" if many else ""
        listed = head + '<ol class="findings">' + "".join(
            _finding_html(f, ids[id(f)], L, sources, r, by_line, n) for f in fs) + "</ol>"
    if lines is None:
        return row, listed, None, first_id + len(fs)
    s = r.summary()
    attrs = " ".join(f'data-{k}="{v}"' for k, v in s.items())
    body = [f'<section class="result" id="result-{n}" {attrs}>', f"<h2>{_esc(label)}</h2>"]
    if getattr(r, "targets", None) is not None:  # reportcheck targets: the table of verdicts
        from reportcheck.report._targets import html_table

        body.append(html_table([r]))
    out, last = [], 0
    for i in _shown_lines(r, fs, by_line, len(lines)):  # only lines the report cites, never the whole file
        if i > last + 1:
            out.append('<span class="gap">⋮</span>')
        out.append(f'<span class="line" id="r{n}-L{i}" data-line="{i}"><span class="ln">{i}</span>'
                   f"{_line_html(lines[i - 1], by_line.get(i, []), L, r.spec is not None)}</span>")
        last = i
    body.append('<pre class="doc">' + "\n".join(out) + "</pre>")
    body.append("</section>")
    return row, listed, "\n".join(body), first_id + len(fs)


def no_findings(L: dict[str, str]) -> str:
    return f'<p class="no-findings">{_esc(L["no_findings"])}</p>'


def page_head(L: dict[str, str], lang: str, total: dict[str, int]) -> str:
    """The page up to the results' summary rows (its last row: all results; each result's row
    follows on a line of its own)."""
    from reportcheck import __version__

    data_attrs = " ".join(f'data-{k}="{v}"' for k, v in total.items())
    title = L["title"]
    heads = "".join(f"<th>{_esc(L[k])}</th>" for k in ("checked", "checks", "passed", "errors", "warnings", "infos"))
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reportcheck {_esc(__version__)}">
<title>{_esc(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<main id="reportcheck" data-reportcheck="{_esc(__version__)}" data-lang="{_esc(lang)}" {data_attrs}>
<header>
<h1>{_esc(title)}</h1>
<table class="summary" id="summary">
<thead><tr>{heads}</tr></thead>
<tbody>
{_summary_rows(L["all"], total)}"""


def page_middle(L: dict[str, str]) -> str:
    """After the summary rows, up to the lists of findings."""
    legend = " ".join(f'<span class="key fig-{k}">{_esc(L[k])}</span>'
                      for k in ("passed", "failed", "warning", "info", "unchecked"))
    return f"""
</tbody>
</table>
<p class="legend">{legend} {_esc(L["legend_tail"])}</p>
<p id="rendered-counts" data-rendered="no"></p>
</header>
<section id="findings">
<h2>{_esc(L["findings"])}</h2>
"""


#: between the lists of findings and the documents' sections
PAGE_SECTIONS = "\n</section>\n"


def page_tail(L: dict[str, str]) -> str:
    return f"""
<div id="details"><button id="details-close" type="button" aria-label="{_esc(L["close"])}">×</button><div id="details-body"></div></div>
</main>
<script>{_JS}</script>
</body>
</html>
"""
