"""Writing findings: the decisions of an evaluation become :class:`~reportcheck.findings.Finding`
objects — lazily, only when read — with their messages, cited figures and, when the caller
passes a :class:`Diagnoser`, the likely slips it names; and the findings about the table
itself (units that do not convert, rules some reports cannot feed, indicators the spec does
not have).

The engine does not know how a slip is found: :mod:`reportcheck.diagnose` re-runs the
rules on edited figures, so it sits above :mod:`.evaluate`, and the entry points
(:mod:`.api`) hand its :func:`~reportcheck.diagnose.likely_slips` in as the diagnoser.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from reportcheck.engine.compile import CompiledRule
from reportcheck.engine.context import Context, IndicatorInfo, _isnan, _opt_int, _opt_str
from reportcheck.engine.evaluate import (
    SEVERITIES,
    _SEV_CODE,
    _VERDICT_OF_STATUS,
    ST_FAIL,
    ST_NA,
    ST_PASS,
    ST_TIGHT,
    RuleRun,
    run_rules,
    severity_codes,
)
from reportcheck.engine.pivot import BuildProblem
from reportcheck.findings import Category, FigureRef, Finding, Result, Severity
from reportcheck.verdicts import Status

class Diagnoser(Protocol):
    """The likely slips behind the failing rules of some reports.

    Called once, when the findings are first written, with the rules, their runs, the
    context and the reports to look at (the first ``max_diagnosed`` with a failing rule);
    returns, per (rule id, report), the suggestion text and the indicator it accuses.
    """

    def __call__(self, rules: list[CompiledRule], runs: list[RuleRun], ctx: Context,
                 reports: np.ndarray) -> dict[tuple[str, int], tuple[str, str]]: ...


def decide(rules: list[CompiledRule], ctx: Context, *, diagnoser: Diagnoser | None = None,
           max_diagnosed: int = 1000) -> Result:
    """Decide every rule for every report of ``ctx``; findings for the ones that do not pass.

    The decisions are made here, all of them; the findings' messages, cited
    figures and likely slips (``diagnoser``; none without one) are written when
    :attr:`Result.findings` is first read (:class:`Evaluation`).
    """
    runs = run_rules(rules, ctx)
    ev = Evaluation(runs, ctx, diagnoser=diagnoser, max_diagnosed=max_diagnosed)
    result = Result(checks=ev.checks, passed=ev.passed)
    result.add_findings(ev)
    result.add_rules(ev.rule_list)
    result.add_verdicts(ev.verdicts)
    return result


class Evaluation:
    """The rule findings of one evaluation: counted now, written out when first read.

    Writing a finding (its message, the figures it cites, the likely slip) costs
    tens of microseconds of Python; a table of 10,000 reports can give tens of
    thousands. Counts and :meth:`verdicts` come from the status arrays; the
    :class:`Finding` objects are made once, by :meth:`materialise`, in rule order.
    """

    def __init__(self, runs: list[RuleRun], ctx: Context, *, diagnoser: Diagnoser | None, max_diagnosed: int):
        # runs and ctx (the table's arrays, the rules' closures) are kept only until the
        # findings are written; counts, verdicts and the rule list need just these:
        self.runs: list[RuleRun] | None = runs
        self.ctx: Context | None = ctx
        self.rules = [run.rule for run in runs]
        self.statuses = [run.status for run in runs]
        self.evaluated = [run.outcome is not None for run in runs]
        self.n, self.data_mode, self.reports = ctx.n, ctx.data_mode, ctx.reports
        self._made: list[Finding] | None = None
        self.diagnoser = diagnoser
        self.max_diagnosed = max_diagnosed
        self.codes = [severity_codes(run.rule, run.outcome, run.status) for run in runs]
        counts = np.zeros(len(SEVERITIES), dtype=np.int64)
        self.checks = self.passed = 0
        fail_any = np.zeros(ctx.n, dtype=bool)
        for run, codes in zip(runs, self.codes):
            if run.outcome is None:
                counts[_SEV_CODE[Severity.ERROR]] += 1  # "cannot be evaluated"
                continue
            counts += np.bincount(codes[codes >= 0], minlength=len(SEVERITIES))
            self.checks += int((run.status != ST_NA).sum())
            self.passed += int((run.status == ST_PASS).sum())
            fail_any |= (run.status == ST_FAIL) | (run.status == ST_TIGHT)
        self.failing_reports = np.flatnonzero(fail_any)
        self.truncated = diagnoser is not None and len(self.failing_reports) > max_diagnosed
        if self.truncated:
            counts[_SEV_CODE[Severity.INFO]] += 1  # the "diagnosis" note
        self._counts = {s: int(counts[i]) for i, s in enumerate(SEVERITIES)}
        self._labels: list[str | None] | None = None

    def count(self, severity: Severity) -> int:
        return self._counts[severity]

    def labels(self) -> list[str | None]:
        if self._labels is None:
            self._labels = [None if x is None else str(x) for x in self.reports]
        return self._labels

    def rule_list(self) -> list[tuple[str, str, str | None]]:
        """(rule id, kind, report) of every applicable decision (reporters list passing rules)."""
        out: list[tuple[str, str, str | None]] = []
        for rule, status, evaluated in zip(self.rules, self.statuses, self.evaluated):
            if not evaluated:
                continue
            applicable = status != ST_NA
            rid, kname = rule.id, rule.kind.name
            if self.data_mode or self.n > 1:
                labels = self.labels()
                out.extend([(rid, kname, labels[r]) for r in np.flatnonzero(applicable).tolist()])
            elif applicable.any():
                out.append((rid, kname, None))
        return out

    def verdicts(self):
        import pandas as pd

        n, k, rules = self.n, len(self.rules), self.rules
        status = np.concatenate(self.statuses) if k else np.zeros(0, dtype=np.int8)
        codes = np.concatenate(self.codes) if k else np.zeros(0, dtype=np.int8)
        rule_codes = np.repeat(np.arange(k), n)
        reports = np.empty(n, dtype=object)
        reports[:] = self.labels() if self.data_mode else [None] * n
        verdict_names = list(dict.fromkeys(_VERDICT_OF_STATUS))
        vcode = np.array([verdict_names.index(v) for v in _VERDICT_OF_STATUS], dtype=np.int8)
        if self.data_mode and n and all(isinstance(x, str) for x in reports):
            # the labels repeated once per rule, taken in Arrow (no million Python strings)
            import pyarrow as pa

            report_col = pd.array(pa.array(reports, type=pa.string()).take(np.tile(np.arange(n), k)),
                                  dtype=pd.Series(reports[:1]).dtype)
        else:
            report_col = np.tile(reports, k)
        return pd.DataFrame({
            "report": report_col,
            "rule": pd.Categorical.from_codes(rule_codes, categories=pd.Index([r.id for r in rules])),
            "check": pd.Categorical([r.kind.name for r in rules])[rule_codes] if k else pd.Categorical([]),
            "verdict": pd.Categorical.from_codes(vcode[status.astype(np.int64) + 1], categories=verdict_names),
            "severity": pd.Categorical.from_codes(codes, categories=[s.value for s in SEVERITIES]),
        })

    def materialise(self) -> list[Finding]:
        """The findings, written once (a merged Result may hold the same part twice)."""
        if self._made is None:
            self._made = self._write()
            self.runs = self.ctx = None  # free the table's arrays and the rules' closures
        return self._made

    def iter_findings(self):
        """The findings one at a time, in :meth:`materialise`'s order, without keeping them
        (``check --data --format json`` streams a table's findings to the output)."""
        if self._made is not None:
            yield from self._made
            return
        yield from self._iter()

    def _write(self) -> list[Finding]:
        return list(self._iter())

    def _iter(self):
        ctx, runs = self.ctx, self.runs
        assert ctx is not None and runs is not None
        # (rule id, report) → (suggestion, the indicator it accuses: reportcheck.grouping)
        slips: dict[tuple[str, int], tuple[str, str]] = {}
        if self.diagnoser is not None:
            rules = [run.rule for run in runs]
            slips = self.diagnoser(rules, runs, ctx, self.failing_reports[:self.max_diagnosed])
            if self.truncated:
                yield (Finding(
                    "diagnosis", "diagnosis", Category.CONSISTENCY, Severity.INFO,
                    f"likely slips were looked for in the first {self.max_diagnosed} of "
                    f"{len(self.failing_reports)} reports with a failing rule; the others have findings "
                    f"without a suggestion", verdict="undetermined"))
        for run, codes in zip(runs, self.codes):
            rule = run.rule
            ctx.trim_caches()  # between rules: bounded memory when findings are streamed
            if run.outcome is None:
                yield (Finding(rule.id, rule.kind.name, Category.CONSISTENCY, Severity.ERROR,
                                        f"rule {rule.id!r} cannot be evaluated: {run.error}",
                                        rationale=rule.rationale))
                continue
            out = run.outcome
            for k, r in enumerate(np.flatnonzero(codes >= 0).tolist()):
                if k % 5000 == 4999:
                    ctx.trim_caches()  # one rule can give a finding for every report
                st = int(run.status[r])
                stretch = bool(out.stretch[r]) if out.stretch is not None else False
                msg = out.describe(r, Status.from_code(st))
                if stretch and st in (ST_FAIL, ST_TIGHT) and not msg.startswith("stretch"):
                    msg = f"stretch target (力争): {msg}"
                ids = out.figures_for(r) if out.figures_for is not None else out.figures
                refs = tuple(ctx.ref(i, r) for i in ids if ctx.present_at(i, r))
                slip = slips.get((rule.id, r)) if st in (ST_FAIL, ST_TIGHT) else None
                yield (Finding(
                    id=rule.id, check=rule.kind.name, category=Category.CONSISTENCY,
                    severity=SEVERITIES[codes[r]], message=msg, figures=refs,
                    suggestion=slip[0] if slip else None,
                    rationale=rule.rationale, verdict=_VERDICT_OF_STATUS[st + 1],
                    report=_label(ctx, r) if ctx.data_mode else None,
                    accused=slip[1] if slip else None,
                ))


def _label(ctx: Context, r: int) -> str | None:
    x = ctx.reports[r]
    return None if x is None else str(x)


def _unknown_indicators(table_ids: dict[str, int], info: dict[str, IndicatorInfo],
                        shown: int = 3) -> list[Finding]:
    """Rows naming an indicator the spec does not have are left out — said once, with the
    likely id, so that a typo (enterprises.new.2O23) never drops a figure silently."""
    from reportcheck.spec.load import _did_you_mean

    unknown = sorted(i for i in table_ids if i not in info)
    if not unknown:
        return []
    rows = sum(table_ids[i] for i in unknown)
    named = [f"{u}{_did_you_mean(u, info, cutoff=0.8)}" for u in unknown[:shown]]
    more = f" and {len(unknown) - shown} more" if len(unknown) > shown else ""
    return [Finding(
        "unknown-indicators", "table", Category.EXTRACTION, Severity.INFO,
        f"{rows} row{'s name' if rows != 1 else ' names'} {len(unknown)} indicator"
        f"{'s' if len(unknown) != 1 else ''} the spec does not have, left out: {', '.join(named)}{more}",
        verdict="undetermined")]


def _missing_findings(rules: list[CompiledRule], ctx: Context, shown: int = 3) -> list[Finding]:
    """A rule that some reports of a table cannot feed is said once, never skipped silently."""
    out = []
    for rule in rules:
        refs = [i for i in rule.references if ctx.has(i)]
        if not refs:
            continue
        present = np.column_stack([ctx.present(i) for i in refs])
        missing = ~present.all(axis=1)
        n = int(missing.sum())
        if not n:
            continue
        rows = np.flatnonzero(missing)
        which = sorted({refs[j] for j in np.flatnonzero((~present[rows]).any(axis=0))})
        examples = ", ".join(str(_label(ctx, int(r))) for r in rows[:shown]) + (" …" if n > shown else "")
        out.append(Finding(
            rule.id, rule.kind.name, Category.EXTRACTION, Severity.INFO,
            f"rule {rule.id!r} could not be decided for {n} of {ctx.n} reports: no value for "
            f"{', '.join(which)} (e.g. {examples})",
            rationale=rule.rationale, verdict="undetermined"))
    return out


def _unit_finding(p: BuildProblem, ctx: Context, data_mode: bool) -> Finding:
    ref = _row_ref(ctx, p) if p.r >= 0 else None
    return Finding(p.id, "unit", Category.SCHEMA, Severity.ERROR,
                   f"{ctx.name(p.id)}: {p.message} (the spec declares {ctx.unit(p.id)})",
                   figures=(ref,) if ref is not None else (),
                   report=str(p.report) if data_mode and p.report is not None else None)


def _conflict_findings(ctx: Context, first_line: int | None = None) -> list[Finding]:
    """Rows giving one report's indicator twice with different figures: an error naming every
    row (issue 16). The engine reads neither row, so the rules reading that indicator are not
    decided for that report (said by the "could not be decided" finding). Rows repeating the
    same figure (same interval in the spec's unit) are not a conflict and give no finding.

    Rows are named by line when the table came from a CSV file (``first_line``: the line of
    the first row), else as 1-based row numbers."""
    out = []
    for iid, r, positions in ctx.conflicts:
        report = _label(ctx, r)
        refs = tuple(_row_ref(ctx, BuildProblem(iid, report, "", pos, r)) for pos in positions)
        where = "line" if first_line is not None else "row"
        base = first_line if first_line is not None else 1
        listed = "; ".join(f"{where} {pos + base}: {_shown(ref)}" for pos, ref in zip(positions, refs))
        out.append(Finding(
            iid, "duplicate", Category.SCHEMA, Severity.ERROR,
            f"{ctx.name(iid)} is given {len(positions)} times for report {report} with different "
            f"values ({listed}); neither is used — keep one row", figures=refs,
            report=report if ctx.data_mode else None))
    return out


def _shown(ref: FigureRef) -> str:
    if ref.text:
        return ref.text
    v = "?" if ref.value is None else str(ref.value)
    return f"{v} {ref.unit}" if ref.unit else v


def _row_ref(ctx: Context, p: BuildProblem) -> FigureRef:
    """The figure of a table row whose unit could not be converted (it is not in the context)."""
    row = ctx.table_row(p.row)
    value = row.get("value")
    return FigureRef(
        indicator=p.id, text=row.get("text") if isinstance(row.get("text"), str) else None,
        value=None if value is None or _isnan(value) else (int(value) if float(value).is_integer() else value),
        unit=row.get("unit") if isinstance(row.get("unit"), str) else None,
        file=_opt_str(row.get("file")),
        line=_opt_int(row.get("line")),
        column=_opt_int(row.get("column")),
        end_line=_opt_int(row.get("end_line")),
        end_column=_opt_int(row.get("end_column")),
        report=str(p.report) if ctx.data_mode and p.report is not None else None,
    )
