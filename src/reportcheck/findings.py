"""Findings: what the engine reports, as plain data.

A :class:`Finding` converts to the JSON contract (``to_dict``) and a
:class:`Result` to a pandas DataFrame (``to_dataframe``). Reporters read only
these objects.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class Category(str, enum.Enum):
    CONSISTENCY = "consistency"  # a rule between figures
    FIDELITY = "fidelity"  # differs from the source / canonical value
    SCHEMA = "schema"  # the indicator table breaks its pandera schema
    EXTRACTION = "extraction"  # a figure the spec expects is missing or unreadable


@dataclass(frozen=True, slots=True)
class FigureRef:
    """A figure as a finding cites it. ``report`` is set for rows from ``--data``."""

    indicator: str | None
    text: str | None
    value: Decimal | float | int | None
    unit: str | None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    report: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "indicator": self.indicator,
            "text": self.text,
            "value": _json_number(self.value),
            "unit": self.unit,
        }
        if self.report is not None:
            d["report"] = self.report
        if self.line is not None:
            d.update(
                file=self.file,
                line=self.line,
                column=self.column,
                end_line=self.end_line if self.end_line is not None else self.line,
                end_column=self.end_column,
            )
        elif self.file is not None:
            d["file"] = self.file
        return d


@dataclass(frozen=True, slots=True)
class Finding:
    id: str  # the rule id (or indicator id for fidelity / extraction findings)
    check: str  # the rule kind: part-of, share-range, fidelity, schema …
    category: Category
    severity: Severity
    message: str
    figures: tuple[FigureRef, ...] = ()
    suggestion: str | None = None
    rationale: str | None = None  # why the rule exists (shown by the text reporter)
    verdict: str = "fail"  # fail | undetermined (an info about rounding) | warn
    report: str | None = None  # which report of a --data table

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "check": self.check,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
            "figures": [f.to_dict() for f in self.figures],
            "suggestion": self.suggestion,
        }
        if self.report is not None:
            d["report"] = self.report
        return d


@dataclass
class Result:
    """The outcome of checking one document or table against one spec."""

    findings: list[Finding] = field(default_factory=list)
    checks: int = 0  # rules (and fidelity / extraction checks) evaluated
    passed: int = 0  # of those, how many produced no finding
    source: str | None = None  # the checked document (or table) path
    spec: str | None = None  # the spec path
    figures: list[Any] = field(default_factory=list)  # bound figures, for the html reporter
    text: str | None = None  # the checked document's text, for reporters that show it
    duration: float = 0.0
    # Optional: every rule evaluated, as (rule id, check kind, report or None), so that
    # reporters can list passing rules too (junit: one testcase per rule; pytest plugin).
    # Engines that leave it empty still work: reporters fall back to the findings.
    rules: list[tuple[str, str, str | None]] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def infos(self) -> int:
        return self.count(Severity.INFO)

    def summary(self) -> dict[str, int]:
        return {
            "checks": self.checks,
            "passed": self.passed,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
        }

    def to_dataframe(self):
        """One row per (finding, figure); findings without figures get one row."""
        import pandas as pd

        rows = []
        for f in self.findings:
            base = {
                "id": f.id,
                "check": f.check,
                "category": f.category.value,
                "severity": f.severity.value,
                "message": f.message,
                "suggestion": f.suggestion,
                "report": f.report,
            }
            if not f.figures:
                rows.append(base)
            for fig in f.figures:
                rows.append({**base, **{k: v for k, v in fig.to_dict().items() if k != "report"},
                             "report": fig.report or f.report})
        cols = ["id", "check", "category", "severity", "message", "suggestion", "report", "indicator",
                "text", "value", "unit", "file", "line", "column", "end_line", "end_column"]
        return pd.DataFrame(rows, columns=cols)


def merge(results: Iterable[Result]) -> Result:
    out = Result()
    for r in results:
        out.findings.extend(r.findings)
        out.checks += r.checks
        out.passed += r.passed
        out.duration += r.duration
        out.rules.extend(r.rules)
    return out


def _json_number(v):
    if v is None:
        return None
    if isinstance(v, Decimal):
        if not v.is_finite():
            return None
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return None
        return int(v) if v.is_integer() else v
    return v
