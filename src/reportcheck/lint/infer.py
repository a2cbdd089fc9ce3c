"""Indicators and rules inferred from a report's text alone.

:func:`infer` reads every figure (``reportcheck.text.extract``), decides which part of
the report each figure belongs to (review of the past year or targets), turns every
quantity into an indicator (name, period, kind, unit, canonical value, a locator the
binder understands) and infers rules between them. The rules are ordinary rules of the
registered kinds (part-of, share-range, change-range, target-coherence, count-of-list,
rank-range): ``lint`` runs them through the same engine as ``check``, and ``init``
writes them into a spec draft.

Severity policy: a rule is ``error`` only where the reading of the sentence is
unambiguous (a new count against the total of the same clause; a named share such as
覆盖率; a 下降 figure; a part directly after 其中 in the same unit; a level target
against the same indicator's base with its growth target); ``warning`` where the
inference is a heuristic (sums of 其中 parts, shares without a bounded name, counts
of listed items, ranks against an assumed group size); ``info`` for plausibility.
See docs/lint.md.

Modules: :mod:`reportcheck.periods` (review or target part, period) ·
:mod:`reportcheck.lint.indicators` (indicators and their locators) ·
:mod:`reportcheck.lint.detectors` (one module per inferred rule, each documented) ·
:mod:`reportcheck.lint.model` (the data).
"""

from __future__ import annotations

from reportcheck.figure import Figure
from reportcheck.lint.detectors import infer_rules
from reportcheck.lint.indicators import _indicators, make_locator, share_class
from reportcheck.lint.model import Ind, Inference, InferredRule
from reportcheck.periods import period_of, report_year, sections

__all__ = ["infer", "infer_rules", "Inference", "InferredRule", "Ind", "report_year", "sections", "period_of",
           "make_locator", "share_class"]


def infer(text: str, file: str | None = None, figures: list[Figure] | None = None) -> Inference:
    """Figures, indicators and rules of a document, from its text alone."""
    from reportcheck.text.extract import extract

    if figures is None:
        figures = extract(text, file=file)
    figures = sorted(figures, key=lambda f: (f.start, f.end))
    year = report_year(text)
    skipped: list[tuple[Figure, str]] = []
    located: dict = {}
    inds = _indicators(text, figures, year, skipped, located)
    inf = Inference(text=text, file=file, year=year, figures=figures, indicators=inds, rules=[], skipped=skipped,
                    located=located)
    inf.rules = infer_rules(inf)
    return inf
