"""The rule engine: decide every rule of a spec for every report of an indicator table at once.

``check(spec)`` binds a spec to its document (or to a draft given as ``text=``),
validates the indicator table and evaluates the rules; ``check(table, spec)``
evaluates a spec's rules over a long table of many reports (``--data``).

The package follows pandera's api/backend seam, one module per job:

=====================  ====================================================================
:mod:`.api`            the public entry points: :func:`check`, :func:`check_table`,
                       :func:`check_document`
:mod:`.context`        what rules read: :class:`Context` (float64 intervals per indicator
                       and report, the just-passed reading) and :class:`IndicatorInfo`
:mod:`.pivot`          table → context: :func:`build_context` pivots the long table
                       **once** into numpy arrays, converted to the spec's units (one pint
                       factor per distinct unit, not per row)
:mod:`.compile`        a spec's rules as (kind, validated params): :func:`compile_rules`
:mod:`.evaluate`       each rule kind's vectorised ``evaluate(params, ctx)`` → int8
                       statuses (:class:`reportcheck.verdicts.Status`) → severities
:mod:`.write`          decisions → :class:`~reportcheck.findings.Finding` objects, written
                       lazily, with the likely slips of the :class:`~.write.Diagnoser`
                       the caller passes (none without one)
=====================  ====================================================================

Dependencies run one way: api → write → evaluate → compile/context; pivot → context.
:mod:`reportcheck.diagnose` reads evaluate and context; only api names it (``diagnose=True``
becomes the diagnoser handed to write), so no module below api reaches up into diagnosis.

Verdicts → severities: a rule that fails under the formal reading of every
figure gets the rule's severity (error unless the spec overrides it); one that
fails only under the "just passed" reading of open bounds (突破1.6万 = a little
above 1.6万) or a plausibility band is a warning; undetermined (it depends on
rounding) is at most info; a stretch target (力争) is never an error.
"""

from __future__ import annotations

from reportcheck.engine.api import check, check_document, check_table, evaluate
from reportcheck.engine.compile import CompiledRule, compile_rules
from reportcheck.engine.context import TIGHT_POINTS, TIGHT_REL, Context, IndicatorInfo, spec_indicators, unit_factor
from reportcheck.engine.evaluate import (
    SEVERITIES,
    ST_FAIL,
    ST_NA,
    ST_PASS,
    ST_STRETCH,
    ST_TIGHT,
    ST_UNDET,
    RuleRun,
    run_rules,
    severity_codes,
    statuses,
)
from reportcheck.engine.pivot import BuildProblem, build_context
from reportcheck.engine.write import Diagnoser, Evaluation, decide

__all__ = [
    "check", "check_document", "check_table", "CompiledRule", "compile_rules", "Context", "IndicatorInfo",
    "spec_indicators", "unit_factor", "TIGHT_REL", "TIGHT_POINTS", "ST_NA", "ST_PASS", "ST_FAIL", "ST_TIGHT",
    "ST_UNDET", "ST_STRETCH", "RuleRun", "run_rules", "severity_codes", "statuses", "BuildProblem",
    "build_context", "Evaluation", "evaluate", "decide", "Diagnoser", "SEVERITIES",
]
