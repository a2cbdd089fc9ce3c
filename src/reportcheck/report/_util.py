"""Helpers shared by the reporters: deterministic order, summaries, source lines.

Reporters read only :mod:`reportcheck.findings` objects. Nothing heavy is imported here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Sequence

from reportcheck.findings import Finding, FigureRef, Result, Severity

__all__ = [
    "summary",
    "sorted_findings",
    "finding_key",
    "first_position",
    "rule_outcomes",
    "SourceLines",
    "display_path",
    "rule_help",
]


def summary(results: Sequence[Result]) -> dict[str, int]:
    """The contract's summary over several results (one per spec × document)."""
    out = {"checks": 0, "passed": 0, "errors": 0, "warnings": 0, "infos": 0, "waived": 0}
    for r in results:
        for k, v in r.summary().items():
            out[k] = out.get(k, 0) + v
    return out


def first_position(f: Finding) -> FigureRef | None:
    """The first figure of a finding that has a position in a file (or None)."""
    for fig in f.figures:
        if fig.line is not None:
            return fig
    return None


def finding_key(f: Finding) -> tuple:
    """A total, deterministic order: file, line, column, then everything else."""
    pos = first_position(f)
    file = (pos.file or "") if pos else next((g.file or "" for g in f.figures if g.file), "")
    return (
        0 if pos else 1,  # findings with a position first
        file,
        pos.line if pos else 0,
        pos.column or 0 if pos else 0,
        f.report or "",
        -f.severity.rank,
        f.id,
        f.check,
        f.message,
        json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True, default=str),
    )


def sorted_findings(results: Iterable[Result] | Iterable[Finding]) -> list[Finding]:
    found: list[Finding] = []
    for r in results:
        if isinstance(r, Finding):
            found.append(r)
        else:
            found.extend(r.findings)
    return sorted(found, key=finding_key)


def rule_outcomes(result: Result) -> list[tuple[str, str, str | None, Severity | None, list[Finding]]]:
    """One outcome per evaluated rule: (id, check, report, worst severity or None, findings).

    Uses ``result.rules`` when the engine filled it; findings whose rule is not listed
    (fidelity, extraction, schema …) become outcomes of their own. Without a rule list,
    only the findings' rules are known (passing rules are then just a count).
    """
    by_rule: dict[tuple[str, str | None], list[Finding]] = {}
    for f in result.findings:
        by_rule.setdefault((f.id, f.report), []).append(f)
        # rules merged into a finding of the same figure (reportcheck.grouping) fired too: their
        # outcome lists the merged finding (``f.also``), not a finding of its own
        for m in f.also:
            by_rule.setdefault((m.id, m.report), []).append(m)
    out = []
    seen: set[tuple[str, str | None]] = set()
    for rid, check, report in result.rules:
        key = (rid, report)
        if key in seen:
            continue
        seen.add(key)
        fs = by_rule.get(key, [])
        out.append((rid, check, report, _worst(fs), fs))
    for key, fs in by_rule.items():
        if key in seen:
            continue
        seen.add(key)
        out.append((key[0], fs[0].check, key[1], _worst(fs), fs))
    return out


def _worst(fs: list[Finding]) -> Severity | None:
    if not fs:
        return None
    return max((f.severity for f in fs), key=lambda s: s.rank)


def json_default(o):
    """``json.dumps`` fallback: Decimals and numpy scalars as numbers, enums by value."""
    from decimal import Decimal

    if isinstance(o, Decimal):
        if not o.is_finite():
            return None
        return int(o) if o == o.to_integral_value() else float(o)
    item = getattr(o, "item", None)
    if callable(item):  # numpy scalar
        v = item()
        if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
            return None
        return v
    if hasattr(o, "value"):  # an enum
        return o.value
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    return str(o)


def display_path(path: str | os.PathLike | None) -> str:
    """A path as shown to people: relative to the working directory when inside it."""
    if path is None:
        return "<input>"
    p = str(path)
    try:
        pp = Path(p)
        if pp.is_absolute():
            rel = os.path.relpath(pp, Path.cwd())
            if not rel.startswith(".."):
                return Path(rel).as_posix()
    except (OSError, ValueError):
        pass
    return p


class SourceLines:
    """Lines of the checked documents, for reporters that quote the source.

    Prefers the text the engine kept on the result (``Result.text``); otherwise reads
    the file (UTF-8 with or without BOM, else GB18030). Never writes anything.
    """

    def __init__(self, results: Iterable[Result] = ()):
        self._cache: dict[str, list[str] | None] = {}
        for r in results:
            if r.text is not None and r.source is not None:
                self._cache.setdefault(_norm(r.source), split_lines(r.text))

    def lines(self, file: str | None) -> list[str] | None:
        if file is None:
            return None
        key = _norm(file)
        if key not in self._cache:
            self._cache[key] = _read_lines(file)
        return self._cache[key]

    def line(self, file: str | None, lineno: int | None) -> str | None:
        lines = self.lines(file)
        if lines is None or lineno is None or not 1 <= lineno <= len(lines):
            return None
        return lines[lineno - 1]


def split_lines(text: str) -> list[str]:
    """Lines as the contract counts them: separated by LF (CRLF and CR tolerated)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _norm(path: str | os.PathLike) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return str(path)


def _read_lines(file: str) -> list[str] | None:
    from reportcheck.errors import InputError
    from reportcheck.safety import open_regular  # a cited file swapped for a FIFO: not quoted

    try:
        with open_regular(file) as fh:
            data = fh.read()
    except (OSError, ValueError, InputError):
        return None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return split_lines(data.decode(enc))
        except UnicodeDecodeError:
            continue
    return None


# Help for the checks that are not rule kinds; a rule kind's help is its module's summary.
_BUILTIN_HELP = {
    "fidelity": "A figure in the checked text differs from the spec's canonical value (value, "
    "unit or qualifier). Republishing must not change any figure of the source.",
    "extraction": "A figure the spec expects could not be found or read in the document, so "
    "the rules that use it could not be checked.",
    "schema": "The indicator table breaks its pandera schema (types, units, intervals, shares "
    "within [0, 100] %, declines at most 100 %, whole non-negative counts).",
}


def rule_help(check: str) -> str:
    """One paragraph of help for a check: the rule kind's summary, or the help of a built-in check."""
    from reportcheck.rules import get

    kind = get(check)
    if kind is not None and kind.summary:
        return kind.summary
    return _BUILTIN_HELP.get(check, f"reportcheck check '{check}'.")


def cell_width(text: str) -> int:
    """Display width in terminal cells: CJK and full-width characters count 2, combining 0."""
    from wcwidth import wcwidth

    total = 0
    for ch in text:
        w = wcwidth(ch)
        total += w if w > 0 else 0
    return total
