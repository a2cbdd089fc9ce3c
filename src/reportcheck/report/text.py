"""The default console report, pytest-like.

- a progress line per spec × document: ``.`` passed, ``F`` error, ``W`` warning, ``i`` info;
- a FAILURES section (errors) and a WARNINGS section (warnings, infos): each finding with
  ``file:line:column``, the source line, a ``^^^`` underline exactly under the figure
  (display width from wcwidth, so double-width CJK characters are counted as two cells;
  markdown ``**`` markers are part of the line), the rule's rationale and the suggestion;
- a summary line: ``1 failed, 117 passed, 2 warnings in 0.31s``.

Colour (plain ANSI) only when asked for; the CLI asks on a terminal unless NO_COLOR is set.
"""

from __future__ import annotations

from typing import Sequence

from reportcheck.findings import Finding, Result, Severity
from reportcheck.report._util import (
    SourceLines,
    cell_width,
    display_path,
    finding_key,
    rule_outcomes,
    sorted_findings,
    summary,
)

from reportcheck.safety import inline, replace_bidi  # text from input: no line breaks, bidi, leading ::

WIDTH = 80

_CODES = {"red": "31", "green": "32", "yellow": "33", "cyan": "36", "bold": "1", "dim": "2"}
_SEV_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_SEV_CHAR = {Severity.ERROR: "F", Severity.WARNING: "W", Severity.INFO: "i"}


class _Paint:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"


def underline(line: str, column: int, end_column: int | None, *, char: str = "^") -> str:
    """Spaces then carets so that the carets sit exactly under ``line[column-1:end_column-1]``.

    ``column``/``end_column`` are 1-based code points, ``end_column`` exclusive (the contract).
    Tabs in the line must be shown as single spaces (``show_line`` does that).
    """
    start = max(column - 1, 0)
    end = len(line) if end_column is None else max(min(end_column - 1, len(line)), start)
    pad = cell_width(show_line(line[:start]))
    width = max(cell_width(show_line(line[start:end])), 1)
    return " " * pad + char * width


CONTEXT = 24  # characters of context kept on each side of a figure in a long line
LONG_LINE = 100  # display cells; longer source lines are cut around the figure


def window(line: str, column: int, end_column: int | None) -> tuple[str, int, int | None]:
    """Cut a long line to the figure and some context, marking cuts with ``...``.

    Returns the shown text and the figure's column / end_column within it.
    """
    # a line far longer than the width is cut without measuring it whole: measuring a
    # 5 MB line once per figure on it made the output quadratic
    if len(line) <= 4 * LONG_LINE and cell_width(show_line(line)) <= LONG_LINE:
        return line, column, end_column
    start = max(column - 1, 0)
    end = len(line) if end_column is None else max(end_column - 1, start)
    lo = max(start - CONTEXT, 0)
    hi = min(end + CONTEXT, len(line))
    head = "..." if lo > 0 else ""
    tail = "..." if hi < len(line) else ""
    shown = head + line[lo:hi] + tail
    new_col = start - lo + len(head) + 1
    new_end = None if end_column is None else end - lo + len(head) + 1
    return shown, new_col, new_end


def show_line(line: str) -> str:
    """A source line as printed: tabs as one space, other control characters dropped,
    bidi controls shown as U+FFFD (one character: the caret below stays aligned)."""
    return replace_bidi("".join(" " if ch == "\t" else ch for ch in line if ch == "\t" or ch >= " "))


def _rule(title: str, fill: str, paint: _Paint, *styles: str) -> str:
    title = f" {title} " if title else ""
    n = max(WIDTH - cell_width(title), 4)
    left = n // 2
    return paint(fill * left + title + fill * (n - left), *styles)


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word}s" if not word.endswith("s") else f"{n} {word}"


def summary_line(results: Sequence[Result], duration: float | None) -> str:
    s = summary(results)
    parts = []
    if s["errors"]:
        parts.append(f"{s['errors']} failed")
    parts.append(f"{s['passed']} passed")
    if s["warnings"]:
        parts.append(_plural(s["warnings"], "warning"))
    if s["infos"]:
        parts.append(_plural(s["infos"], "info"))
    if s.get("waived"):
        parts.append(f"{s['waived']} waived")
    text = ", ".join(parts)
    if duration is not None:
        text += f" in {duration:.2f}s"
    return text


def _progress(result: Result) -> str:
    outcomes = rule_outcomes(result)
    if result.rules:
        waived = {(m.id, m.report) for f, _ in result.waived for m in (f, *f.also)}
        chars = [_SEV_CHAR[sev] if sev is not None else "s" if (rid, rep) in waived else "."
                 for rid, _, rep, sev, _ in outcomes]
    else:
        chars = ["."] * result.passed + [_SEV_CHAR[sev] for *_, sev, _ in outcomes if sev is not None]
    return "".join(chars)


_TABLE_SUFFIXES = (".csv", ".parquet", ".pq", ".tsv")


def _is_table(result: Result) -> bool:
    """A result of ``--data``: no document text, a table file, or rules evaluated per report.

    A checked document (a spec's source or a ``--text`` draft) keeps its text on the result;
    its schema findings name the spec's report, which must not make it a table."""
    if result.text is not None:
        return False
    if result.source and str(result.source).lower().endswith(_TABLE_SUFFIXES):
        return True
    return any(rep for *_, rep in result.rules) or any(f.report for f in result.findings)


def count_breakdown(results: Sequence[Result]) -> str:
    """What "N checks" counts: the rules, and (for documents) the checks on figures —
    extraction and fidelity of each indicator, and the schema of the indicator table.
    The JUnit report has one testcase per check, so its ``tests`` is the same N."""
    n_checks = sum(r.checks for r in results)
    rules = sum(len({(rid, rep) for rid, _, rep in r.rules}) for r in results if not _is_table(r))
    if not rules or rules >= n_checks:
        return ""
    return f" ({_plural(rules, 'rule')}, {n_checks - rules} on figures and schema)"


def _label(result: Result) -> str:
    parts = [display_path(p) for p in (result.spec, result.source) if p]
    return " :: ".join(dict.fromkeys(parts)) or "<input>"


def format_finding(f: Finding, sources: SourceLines, paint: _Paint | None = None) -> list[str]:
    """The diagnostic of one finding (also used by the pytest plugin)."""
    paint = paint or _Paint(False)
    colour = _SEV_COLOUR[f.severity]
    out = [paint(f"{f.severity.value}[{f.check}]", colour, "bold") + paint(f": {inline(f.message)}", "bold")]
    if f.report is not None:
        out.append(f"  report: {inline(f.report)}")
    positioned = [g for g in f.figures if g.line is not None]
    gutter = max((len(str(g.line)) for g in positioned), default=1)
    for g in f.figures:
        label = g.indicator or ""
        what = inline(" = ".join(x for x in (label, g.text or "") if x))
        if g.line is None:
            where = g.report or f.report
            out.append("  " + paint("-->", "cyan") + f" {what}" + (f" (report {inline(where)})" if where else "")
                       + (f" in {inline(display_path(g.file))}" if g.file else ""))
            continue
        out.append("  " + paint("-->", "cyan") + f" {inline(display_path(g.file))}:{g.line}:{g.column}" + (f"  {what}" if what else ""))
        src = sources.line(g.file, g.line)
        if src is None:
            continue
        end = g.end_column if (g.end_line in (None, g.line)) else None
        shown, col, end = window(src, g.column or 1, end)
        bar = paint(" " * gutter + " |", "cyan")
        out.append(bar)
        out.append(paint(f"{g.line:>{gutter}} |", "cyan") + " " + show_line(shown))
        out.append(bar + " " + paint(underline(shown, col, end), colour, "bold"))
    # the other rules that fired on the same figure: one slip, one finding (reportcheck.grouping)
    for i, m in enumerate(f.also):
        label = "also:" if i == 0 else "     "
        out.append("  " + paint(label, "bold") + " " + paint(f"{m.severity.value}[{m.check}]", _SEV_COLOUR[m.severity])
                   + f" {inline(m.id)}: {inline(m.message)}")
    if f.rationale:
        out.append("  " + paint("why:", "bold") + " " + inline(f.rationale))
    if f.suggestion:
        out.append("  " + paint("suggestion:", "green", "bold") + " " + inline(f.suggestion))
    out.append("  " + paint(f"fingerprint: {f.fingerprint}", "dim"))
    return out


def render(results: Sequence[Result], *, color: bool = False, duration: float | None = None,
           strict: bool = False, **_: object) -> str:
    paint = _Paint(color)
    sources = SourceLines(results)
    lines: list[str] = []
    from reportcheck import __version__

    n_checks = sum(r.checks for r in results)
    lines.append(_rule("reportcheck session starts", "=", paint, "bold"))
    # a spec is YAML; compare's SOURCE may be a report document, shown as a source
    against = {str(r.spec) for r in results if r.spec}
    specs = {p for p in against if p.lower().endswith((".yaml", ".yml"))}
    tables = {r.source for r in results if r.source and _is_table(r)}
    docs = {r.source for r in results if r.source and not _is_table(r)}
    inputs = [_plural(len(x), word) for x, word in
              ((specs, "spec"), (against - specs, "source"), (docs, "document"), (tables, "table")) if x]
    lines.append(f"reportcheck {__version__} — " + ", ".join([*inputs, _plural(n_checks, "check")])
                 + count_breakdown(results))
    lines.append("")
    for r in results:
        prog = _progress(r)
        if len(prog) > 3 * WIDTH:
            prog = f"[{r.checks} checks]"
        worst = max((f.severity.rank for f in r.findings), default=-1)
        style = "red" if worst == 2 else "yellow" if worst == 1 else "green"
        lines.append(f"{inline(_label(r))} " + paint(prog, style))
    if any(getattr(r, "targets", None) is not None for r in results):  # reportcheck targets: the table first
        from reportcheck.report._targets import text_table

        lines.extend(text_table(results, paint))
    findings = sorted_findings(results)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    others = [f for f in findings if f.severity is not Severity.ERROR]
    for title, group, style in (("FAILURES", errors, "red"), ("WARNINGS", others, "yellow")):
        if not group:
            continue
        lines.append("")
        lines.append(_rule(title, "=", paint, style, "bold"))
        for f in group:
            head = inline(f.id + (f" [{f.report}]" if f.report else ""))
            lines.append(_rule(head, "_", paint, _SEV_COLOUR[f.severity], "bold"))
            lines.extend(format_finding(f, sources, paint))
            lines.append("")
    if findings:
        lines.append(_rule("short summary", "=", paint, "bold"))
        for f in sorted(findings, key=lambda f: -f.severity.rank):  # stable: errors first
            pos = next((g for g in f.figures if g.line is not None), None)
            where = f"{display_path(pos.file)}:{pos.line}:{pos.column}" if pos else (f.report or "")
            tag = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}[f.severity]
            where = f" {inline(where)}" if where else ""
            lines.append(paint(tag, _SEV_COLOUR[f.severity]) + f" {inline(f.id)}{where} - {inline(f.message)}")
    waived = [(f, w) for r in results for f, w in r.waived]
    if waived:
        if not findings:
            lines.append(_rule("short summary", "=", paint, "bold"))
        for f, w in sorted(waived, key=lambda fw: finding_key(fw[0])):
            pos = next((g for g in f.figures if g.line is not None), None)
            where = f" {display_path(pos.file)}:{pos.line}:{pos.column}" if pos else (f" {f.report}" if f.report else "")
            lines.append(paint("WAIVED", "dim") + f" {inline(f.id)}{inline(where)} - {inline(w.reason)} ({inline(w.where)})")
    s = summary(results)
    failing = s["errors"] or (strict and s["warnings"])
    style = "red" if failing else ("yellow" if s["warnings"] else "green")
    lines.append(_rule(summary_line(results, duration), "=", paint, style, "bold"))
    return "\n".join(lines) + "\n"
