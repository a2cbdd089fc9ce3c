"""Findings: what the engine reports, as plain data.

A :class:`Finding` converts to the JSON contract (``to_dict``) and a
:class:`Result` to a pandas DataFrame (``to_dataframe``). Reporters read only
these objects.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Iterable, Protocol

from reportcheck.verdicts import FindingVerdict


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
    ATTAINMENT = "attainment"  # a target against its outcome (reportcheck targets)


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
    verdict: FindingVerdict = "fail"  # fail | undetermined (an info about rounding) | warn
    report: str | None = None  # which report of a --data table
    # the indicator of the figure a finding of several figures accuses (its likely slip)
    accused: str | None = None
    # other rules that fired on the same figure, merged into this finding (see reportcheck.grouping)
    also: tuple["Finding", ...] = ()
    # for a merged finding: its primary rule's finding as it was written (own figures,
    # suggestion, fingerprint), so that merging can be undone exactly
    primary: "Finding | None" = field(default=None, repr=False)

    @property
    def fingerprint(self) -> str:
        """A stable id of this finding, for waivers: 16 hex digits of the SHA-256 of
        ``["v1", check, id, report, [[indicator, figure text], ...]]`` (compact JSON, UTF-8).

        Independent of the file name, the position and the message wording: the same
        rule on the same figures gives the same fingerprint in every draft, and a changed
        figure (107% corrected to 97%) gives another. Merged rules (``also``) keep their own.
        """
        if self.primary is not None:
            return self.primary.fingerprint
        import hashlib
        import json

        figs = [[g.indicator or "", figure_text(g)] for g in self.figures]
        payload = json.dumps(["v1", self.check, self.id, self.report or "", figs],
                             ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def _head(self) -> dict[str, Any]:
        """The keys every form of a finding starts with (JSON contract order)."""
        return {"id": self.id, "check": self.check, "category": self.category.value,
                "severity": self.severity.value, "message": self.message}

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {**self._head(), "figures": [f.to_dict() for f in self.figures],
                             "suggestion": self.suggestion}
        if self.report is not None:
            d["report"] = self.report
        d["fingerprint"] = self.fingerprint
        d["also"] = [m.member_dict() for m in self.also]
        return d

    def member_dict(self) -> dict[str, Any]:
        """A merged rule as listed in ``also``: what fired, how, and its own fingerprint."""
        d: dict[str, Any] = {**self._head(), "fingerprint": self.fingerprint}
        if self.suggestion is not None:
            d["suggestion"] = self.suggestion
        return d


def figure_text(g: FigureRef) -> str:
    """A figure's text as a fingerprint reads it: as written without markdown emphasis and
    spaces; a table row without text is its value and unit."""
    if g.text:
        return "".join(g.text.replace("**", "").split())
    v = _json_number(g.value)
    return f"{'' if v is None else v}{g.unit or ''}"


class LazyFindings(Protocol):
    """Findings an engine has decided but not yet written out (see :class:`Result`)."""

    def count(self, severity: Severity) -> int: ...

    def materialise(self) -> list[Finding]: ...


class Result:
    """The outcome of checking one document or table against one spec.

    Over a table of thousands of reports most findings are never read one by one:
    a data team filters :meth:`verdicts` or counts errors. So the engine adds its
    rule findings as a :class:`LazyFindings` part; counts and verdicts come from
    its arrays, and the :class:`Finding` objects (messages, figures, suggestions)
    are written the first time :attr:`findings` is read, once, in the same order
    as if they had been written at once.
    """

    def __init__(self, findings: Iterable[Finding] = (), checks: int = 0, passed: int = 0,
                 source: str | None = None, spec: str | None = None, figures: Any = None,
                 text: str | None = None, duration: float = 0.0,
                 rules: Iterable[tuple[str, str, str | None]] = ()):
        self._parts: list[list[Finding] | LazyFindings] = [list(findings)]
        self.checks = checks  # rules (and fidelity / extraction checks) evaluated
        self.passed = passed  # of those, how many produced no finding
        self.source = source  # the checked document (or table) path
        self.spec = spec  # the spec path
        self.figures: Any = figures if figures is not None else []  # bound figures, for the html reporter
        self.text = text  # the checked document's text, for reporters that show it
        self.duration = duration
        # Every rule evaluated, as (rule id, check kind, report or None), so that reporters
        # can list passing rules too (junit: one testcase per rule; pytest plugin). Engines
        # that leave it empty still work: reporters fall back to the findings.
        self._rule_parts: list[list | Callable[[], list]] = [list(rules)]
        self._verdict_parts: list[Callable[[], Any]] = []
        # waivers that apply to this result beyond the run's own (a spec's ``ignore:``), and
        # the findings they waived, as (finding, waiver) pairs (see reportcheck.waivers)
        self.ignore: tuple[Any, ...] = ()
        self.waived: list[tuple[Finding, Any]] = []
        self.grouped = False  # findings already grouped by figure (reportcheck.grouping)

    # -- findings ------------------------------------------------------------------------
    @property
    def findings(self) -> list[Finding]:
        parts = self._parts
        if len(parts) != 1 or not isinstance(parts[0], list):
            out: list[Finding] = []
            for p in parts:
                out.extend(p if isinstance(p, list) else p.materialise())
            self._parts = parts = [out]
        return parts[0]  # type: ignore[return-value]

    @findings.setter
    def findings(self, value: Iterable[Finding]) -> None:
        self._parts = [list(value)]

    def add_findings(self, part: Iterable[Finding] | LazyFindings, *, first: bool = False) -> None:
        """Append (or, with ``first``, prepend) findings without writing out lazy ones."""
        p = part if hasattr(part, "materialise") else list(part)  # type: ignore[arg-type]
        if first:
            self._parts.insert(0, p)  # type: ignore[arg-type]
        else:
            self._parts.append(p)  # type: ignore[arg-type]

    @property
    def materialised(self) -> bool:
        """Whether every finding exists as a :class:`Finding` object yet."""
        return all(isinstance(p, list) for p in self._parts)

    # -- rules evaluated -----------------------------------------------------------------
    @property
    def rules(self) -> list[tuple[str, str, str | None]]:
        parts = self._rule_parts
        if len(parts) != 1 or not isinstance(parts[0], list):
            out: list = []
            for p in parts:
                out.extend(p if isinstance(p, list) else p())
            self._rule_parts = parts = [out]
        return parts[0]  # type: ignore[return-value]

    @rules.setter
    def rules(self, value: Iterable[tuple[str, str, str | None]]) -> None:
        self._rule_parts = [list(value)]

    def add_rules(self, part: Iterable[tuple[str, str, str | None]] | Callable[[], list]) -> None:
        self._rule_parts.append(part if callable(part) else list(part))

    # -- verdicts: one row per (report, rule) ---------------------------------------------
    def add_verdicts(self, part: Callable[[], Any]) -> None:
        self._verdict_parts.append(part)

    def verdicts(self):
        """Every rule decision as a DataFrame: one row per (report, rule).

        Columns ``report`` (None for a document), ``rule``, ``check``, ``verdict``
        (pass, fail, warn, undetermined or n/a: a figure the rule needs is
        missing) and ``severity`` (of the finding a non-passing verdict gives;
        missing for pass and n/a). Built from the engine's arrays: no finding is
        written out.
        """
        import pandas as pd

        frames = [p() for p in self._verdict_parts]
        if not frames:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in VERDICT_COLUMNS})
        if len(frames) == 1:
            return frames[0]
        return pd.concat(frames, ignore_index=True)

    # -- counts --------------------------------------------------------------------------
    def count(self, severity: Severity) -> int:
        n = 0
        for p in self._parts:
            if isinstance(p, list):
                n += sum(1 for f in p if f.severity is severity)
            else:
                n += p.count(severity)
        return n

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
            "waived": len(self.waived),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (f"<Result {self.spec or ''} {self.source or ''}: {s['checks']} checks, {s['errors']} errors, "
                f"{s['warnings']} warnings, {s['infos']} infos>")

    def __getstate__(self):
        # lazy parts hold the engine's closures: write them out before crossing a process
        self.findings, self.rules  # noqa: B018 - materialises
        d = dict(self.__dict__)
        d["_verdict_parts"] = [_Frozen(p()) for p in self._verdict_parts]
        return d

    def __setstate__(self, d) -> None:
        self.__dict__.update(d)

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


VERDICT_COLUMNS = ("report", "rule", "check", "verdict", "severity")


class _Frozen:
    """A verdicts part already computed (picklable)."""

    def __init__(self, frame):
        self.frame = frame

    def __call__(self):
        return self.frame


def merge(results: Iterable[Result]) -> Result:
    out = Result()
    for r in results:
        for p in r._parts:  # noqa: SLF001 - same module: keep lazy parts lazy
            out.add_findings(p)
        out.checks += r.checks
        out.passed += r.passed
        out.duration += r.duration
        for p in r._rule_parts:  # noqa: SLF001
            out.add_rules(p)
        for p in r._verdict_parts:  # noqa: SLF001
            out.add_verdicts(p)
        out.waived.extend(r.waived)
        out.ignore = tuple(dict.fromkeys((*out.ignore, *r.ignore)))
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
