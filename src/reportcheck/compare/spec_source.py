"""A spec as the SOURCE of ``compare``: its canonical values are the source, its rules run
on the figures the text cites.

The spec is bound to its own document (``spec.bind``): each bound figure carries its
indicator id, name, period and status into the index, so matching also uses the
spec's names and periods and findings name the indicator. After matching, the spec's
indicator table is copied, every indicator the text cites takes the text's figure
(its interval, in the indicator's unit), and the spec's rules run on that table; a
rule that fails on it but passes on the report itself is a finding (category
``consistency``) whose figures point at the text where the text gave them.
"""

from __future__ import annotations

from pathlib import Path

from reportcheck.findings import FigureRef, Finding

from . import period, verdict

__all__ = ["spec_index", "rule_findings"]

_STATUS = {"实际": "actual", "预计": "estimate", "目标": "target", "力争": "target"}


def spec_index(file: str | Path):
    """A SourceIndex of the spec's document, its entries labelled with the spec's indicators."""
    from reportcheck.spec.bind import bind
    from reportcheck.spec.load import load_spec

    from .index import SourceIndex

    spec = load_spec(Path(file))
    binding = bind(spec)
    labels = {}
    for ind in spec.indicators:
        fig = binding.figures.get(ind.id)
        if fig is None:
            continue
        per = str(ind.period)
        if "-" in per:
            a, _, b = per.partition("-")
            when = period.When(None, (int(a), int(b)), _STATUS.get(ind.status))
        else:
            when = period.When(int(per) if per.isdigit() else None, None, _STATUS.get(ind.status))
        labels[fig.start] = (ind.id, ind.name, when)
    index = SourceIndex(binding.text, binding.file, labels=labels)
    index.spec = spec
    index.binding = binding
    return index


def _long_table(binding, replace: dict):
    """The spec's indicator table as a long table, with ``replace[id] = (value, unit, lower, upper,
    lower_closed, upper_closed, qualifier)`` for the indicators the text cites."""
    import pandas as pd

    t = binding.table
    rows = []
    for _, r in t.iterrows():
        row = {"report": r["report"], "indicator": r["id"], "value": r["value"], "unit": r["unit"],
               "lower": r["lower"], "upper": r["upper"], "lower_closed": r["lower_closed"],
               "upper_closed": r["upper_closed"], "qualifier": r["qualifier"]}
        if r["id"] in replace:
            v, u, lo, hi, lc, hc, q = replace[r["id"]]
            row.update(value=v, unit=u, lower=lo, upper=hi, lower_closed=lc, upper_closed=hc, qualifier=q)
        rows.append(row)
    return pd.DataFrame(rows)


def _failing(result) -> dict[str, Finding]:
    return {f.id: f for f in result.findings if f.severity.value in ("error", "warning")}


def rule_findings(index, matches, file: str | None) -> tuple[list[Finding], int]:
    """(findings of the spec's rules that the text's figures break, rules evaluated)."""
    from reportcheck import engine

    spec, binding = index.spec, index.binding
    units = {ind.id: ind.unit for ind in spec.indicators}
    replace, cited = {}, {}
    for m in matches:
        e = m.best.entry if m.best is not None else None
        ind = getattr(e, "indicator", None) if e is not None else None
        if ind is None or ind in cited:
            continue
        unit = units.get(ind)
        iv = verdict.in_unit(m.figure, unit)
        if iv is None:
            continue
        value = verdict._written(m.figure, iv)  # noqa: SLF001 - the written number in that unit
        if value is None:
            continue
        inf = float("inf")
        lo = float(iv.lower) if iv.lower.is_finite() else -inf
        hi = float(iv.upper) if iv.upper.is_finite() else inf
        replace[ind] = (float(value), unit, lo, hi, iv.lower_closed, iv.upper_closed, m.figure.qualifier)
        cited[ind] = m.figure
    if not cited:
        return [], 0
    base = getattr(index, "_rule_base", None)
    if base is None:
        base = index._rule_base = _failing(engine.check(_long_table(binding, {}), spec))  # noqa: SLF001
    result = engine.check(_long_table(binding, replace), spec)
    out = []
    for f in result.findings:
        if f.severity.value not in ("error", "warning") or f.id in base:
            continue
        if not any(g.indicator in cited for g in f.figures):
            continue
        figs = []
        for g in f.figures:
            if g.indicator in cited:
                t = cited[g.indicator]
                figs.append(FigureRef(g.indicator, t.text, t.value, t.unit, file, t.line, t.column, t.end_line,
                                      t.end_column))
            elif g.indicator in binding.figures:
                s = binding.figures[g.indicator]
                figs.append(FigureRef(g.indicator, s.text, s.value, s.unit, index.file, s.line, s.column,
                                      s.end_line, s.end_column))
            else:
                figs.append(g)
        out.append(Finding(f.id, f.check, f.category, f.severity, f.message + " (with the text's figures)",
                           tuple(figs), f.suggestion, f.rationale, f.verdict))
    return out, len(result.rules) or result.checks
