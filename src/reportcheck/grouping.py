"""One slip, one finding: the findings that accuse the same figure, merged.

A draft with 97% changed to 107% breaks three checks on the one figure: fidelity (the
source has 97%), the share range (a share above 100%) and the table's schema. They are
one slip, so they become one finding:

- the **figure a finding accuses** is its only figure; for a finding that cites several
  figures (part ≤ whole, target coherence), the figure its diagnosis names
  (``Finding.accused``); a finding of several figures without one accuses none and is
  never merged — except a range check (share range, change range), which cites only the
  figures out of range: it joins the group of its first one (three slips, three findings);
- findings accusing the same figure (the same place in the same file; for a table row
  without a place, the same indicator of the same report) merge into one: the **primary**
  is the strongest severity, then fidelity before consistency before schema before
  extraction (fidelity says what the source has); the others are listed in ``also``;
- the merged finding has the **strongest severity** of its members, the figures of all
  of them (the primary's first) and **one suggestion**: a fidelity finding's (it knows the
  source value) before any diagnosis of a likely slip.

Grouping is per report: the key holds the file and position (or the report and
indicator), so a stream of findings cut per document or per report can be grouped
chunk by chunk (:func:`group`). It is idempotent, and :func:`members` gives back every
finding that went in (tests/test_grouping.py checks both).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

from reportcheck.findings import Category, FigureRef, Finding, Result

__all__ = ["accused_figure", "group_key", "group", "members", "ungroup", "group_result"]

#: which member leads a merged finding among the same severity (lower first)
_CATEGORY_ORDER = {"fidelity": 0, "consistency": 1, "attainment": 2, "schema": 3, "extraction": 4}


#: checks whose finding cites only figures that each break the check on their own (every
#: share outside [0, 100] %); such a finding joins the group of its first figure
EACH_FIGURE_CHECKS = frozenset({"share-range", "change-range"})


def accused_figure(f: Finding) -> FigureRef | None:
    """The figure a finding accuses: its only figure, or the one its diagnosis names (or the
    first, for a range check whose every figure is out of range)."""
    if len(f.figures) == 1:
        return f.figures[0]
    if f.check in EACH_FIGURE_CHECKS and f.figures:
        return f.figures[0]
    if f.accused is not None:
        for g in f.figures:
            if g.indicator == f.accused:
                return g
    return None


def group_key(f: Finding) -> tuple | None:
    """Which figure a finding accuses, as a key (None: it accuses no single figure)."""
    g = accused_figure(f)
    if g is None:
        return None
    if g.line is not None:
        end_line = g.end_line if g.end_line is not None else g.line
        return ("at", g.file or "", g.line, g.column, end_line, g.end_column)
    if g.indicator is None:
        return None
    return ("row", g.report or f.report or "", g.file or "", g.indicator)


def _rank(f: Finding) -> tuple:
    cat = f.category.value if isinstance(f.category, Category) else str(f.category)
    return (-f.severity.rank, _CATEGORY_ORDER.get(cat, 9))


def members(f: Finding) -> tuple[Finding, ...]:
    """Every finding merged into ``f``: itself (without ``also``) and each of ``also``."""
    if not f.also and f.primary is None:
        return (f,)
    own = f.primary if f.primary is not None else replace(f, also=())
    return (*members(own), *(m for a in f.also for m in members(a)))


def ungroup(findings: Iterable[Finding]) -> Iterator[Finding]:
    for f in findings:
        yield from members(f)


def _merge(found: list[Finding]) -> Finding:
    flat = [m for f in found for m in members(f)]
    if len(flat) == 1:
        return flat[0]
    order = sorted(range(len(flat)), key=lambda i: (_rank(flat[i]), i))
    ordered = [flat[i] for i in order]
    primary, others = ordered[0], ordered[1:]
    # one suggestion: the source's value (fidelity) first, then the primary's, then any other
    suggestion = next((m.suggestion for m in ordered if m.suggestion and m.category is Category.FIDELITY), None)
    if suggestion is None:
        suggestion = next((m.suggestion for m in ordered if m.suggestion), None)
    # the accused figure first (the primary location), then every other figure cited
    target = accused_figure(primary)
    figures = [target] if target is not None else []
    seen = {_fig_id(g) for g in figures}
    for m in ordered:
        for g in m.figures:
            if _fig_id(g) not in seen:
                seen.add(_fig_id(g))
                figures.append(g)
    rationale = next((m.rationale for m in ordered if m.rationale), None)
    accused = target
    return replace(primary, severity=ordered[0].severity, suggestion=suggestion, figures=tuple(figures),
                   rationale=rationale,
                   accused=accused.indicator if accused is not None else primary.accused, also=tuple(others),
                   primary=primary)


def _fig_id(g: FigureRef) -> tuple:
    if g.line is not None:  # the same place is the same figure (a schema finding names its report too)
        return ("at", g.file, g.line, g.column, g.end_line, g.end_column)
    return ("row", g.indicator, g.file, g.report, g.text)


def group(findings: Iterable[Finding]) -> list[Finding]:
    """Findings merged by the figure they accuse, in the order of each group's first finding."""
    slots: list[list[Finding]] = []
    by_key: dict[tuple, list[Finding]] = {}
    for f in findings:
        key = group_key(f)
        if key is None:
            slots.append([f])
            continue
        slot = by_key.get(key)
        if slot is None:
            slot = by_key[key] = []
            slots.append(slot)
        slot.append(f)
    return [_merge(s) for s in slots]


def copy_result(result: Result) -> Result:
    """A shallow copy whose findings, rules and verdicts can be replaced without touching ``result``."""
    import copy

    new = copy.copy(result)
    new._parts = list(result._parts)  # noqa: SLF001
    new._rule_parts = list(result._rule_parts)  # noqa: SLF001
    new._verdict_parts = list(result._verdict_parts)  # noqa: SLF001
    new.waived = list(result.waived)
    return new


def group_result(result: Result) -> Result:
    """A copy of ``result`` with its findings (and its waived findings) grouped."""
    new = copy_result(result)
    new.findings = group(result.findings)
    new.grouped = True
    return new
