"""Evaluation: every rule decided for every report at once (int8 status arrays), and the
severity each decision gives.

A rule that fails under the formal reading of every figure gets the rule's severity
(error unless the spec overrides it); one that fails only under the "just passed"
reading of open bounds or a plausibility band is a warning; undetermined (it depends
on rounding) is at most info; a stretch target (力争) is never an error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reportcheck.engine.compile import CompiledRule, _one_line
from reportcheck.engine.context import Context
from reportcheck.findings import Severity
from reportcheck.rules import vec
from reportcheck.rules.base import Outcome
from reportcheck.verdicts import STATUSES, Status

# statuses of a rule × report: int8 arrays of Status codes (reportcheck.verdicts)
ST_NA = np.int8(Status.NA.code)  # not applicable: a figure it needs is missing
ST_PASS = np.int8(Status.PASS.code)
ST_FAIL = np.int8(Status.FAIL.code)
ST_TIGHT = np.int8(Status.TIGHT.code)  # fails only under the just-passed reading / a plausibility band
ST_UNDET = np.int8(Status.UNDETERMINED.code)
ST_STRETCH = np.int8(Status.STRETCH.code)  # a coherent stretch target: an info with the implied range


# ----------------------------------------------------------------------------------------
# evaluation
# ----------------------------------------------------------------------------------------
@dataclass
class RuleRun:
    rule: CompiledRule
    outcome: Outcome | None
    status: np.ndarray  # ST_* per report
    error: str | None = None


def statuses(outcome: Outcome) -> np.ndarray:
    F = outcome.verdict
    T = outcome.tight if outcome.tight is not None else F
    st = np.where(F == vec.FAIL, ST_FAIL,
                  np.where(T == vec.FAIL, ST_TIGHT,
                           np.where((F == vec.PASS) | (T == vec.PASS), ST_PASS, ST_UNDET))).astype(np.int8)
    if outcome.stretch is not None:
        st = np.where(outcome.stretch & (st == ST_PASS), ST_STRETCH, st).astype(np.int8)
    return np.where(outcome.applicable, st, ST_NA).astype(np.int8)


def run_rules(rules: list[CompiledRule], ctx: Context) -> list[RuleRun]:
    runs = []
    for rule in rules:
        try:
            out = rule.kind.evaluate(rule.params, ctx)
        except Exception as exc:  # noqa: BLE001 - one broken rule must not hide the others
            from reportcheck.quantities.units import UnitError

            if isinstance(exc, (UnitError, ValueError, ZeroDivisionError)):
                runs.append(RuleRun(rule, None, np.full(ctx.n, ST_NA, dtype=np.int8), _one_line(exc)))
                continue
            raise
        runs.append(RuleRun(rule, out, statuses(out)))
    return runs


# severity codes of a (report, rule) decision: index into SEVERITIES; -1 for none
SEVERITIES = (Severity.INFO, Severity.WARNING, Severity.ERROR)
_SEV_CODE = {s: i for i, s in enumerate(SEVERITIES)}
# Finding.verdict (and the verdicts() column) of each status, indexed by status + 1
_VERDICT_OF_STATUS = tuple(s.verdict for s in STATUSES)


def severity_codes(rule: CompiledRule, out: Outcome | None, status: np.ndarray) -> np.ndarray:
    """The severity of each report's finding (-1 where the rule passes or does not apply).

    A failure gets the rule's severity — an error demoted to a warning for a stretch
    target; a failure under the just-passed reading only is at most a warning; an
    undetermined verdict or a coherent stretch is an info.
    """
    n = len(status)
    if out is None:
        return np.full(n, -1, dtype=np.int8)
    sev = rule.severity
    stretch = out.stretch if out.stretch is not None else np.zeros(n, dtype=bool)
    own = _SEV_CODE[sev]
    demoted = _SEV_CODE[Severity.WARNING] if sev is Severity.ERROR else own
    fail = np.where(stretch, demoted, own)
    return np.select(
        [status == ST_FAIL, status == ST_TIGHT, (status == ST_UNDET) | (status == ST_STRETCH)],
        [fail, demoted, _SEV_CODE[Severity.INFO]], default=-1).astype(np.int8)
