"""``reportcheck targets``: last year's targets against this year's outcomes.

``targets(previous, current)`` pairs every numeric target of PREVIOUS (a report's plan
for its year Y) with its outcome in CURRENT (the next report, which reviews Y) and
judges it on intervals: ``met``, ``missed``, ``not_reported`` or ``unclear``. The
result is the project's :class:`~reportcheck.findings.Result` (missed and not-reported
targets are warnings of category ``attainment``; unclear ones infos; a met target is a
passed check) with one more attribute, ``targets``: a list of :class:`TargetVerdict`.

How targets and outcomes are found and judged: :mod:`.find`, :mod:`.outcome`,
:mod:`.judge`; docs/targets.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportcheck.figure import Figure
from reportcheck.findings import Category, FigureRef, Finding, Result, Severity
from reportcheck.quantities.interval import Interval
from reportcheck.quantities.units import factor
from reportcheck.targets import data
from reportcheck.targets.find import Target, family, find_targets, indicator_of, is_candidate
from reportcheck.targets.judge import MET, MISSED, NOT_REPORTED, UNCLEAR, Goal, goal_of, judge
from reportcheck.targets.outcome import Outcome, _context, match_outcomes, outcomes_of, score, unit_relation
from reportcheck.targets.reading import Similarity, report_year, review_end, whens

__all__ = ["targets", "TargetVerdict", "assess", "MET", "MISSED", "NOT_REPORTED", "UNCLEAR"]


@dataclass
class TargetVerdict:
    indicator: str
    verdict: str  # met | missed | not_reported | unclear
    target: FigureRef
    outcome: FigureRef | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "verdict": self.verdict,
            "target": _ref_dict(self.target),
            "outcome": _ref_dict(self.outcome) if self.outcome is not None else None,
            "reason": self.reason,
        }


def _ref_dict(r: FigureRef) -> dict[str, Any]:
    d = r.to_dict()
    d.pop("indicator", None)
    return d


def _ref(fig: Figure, indicator: str | None, file: str | None) -> FigureRef:
    return FigureRef(indicator, fig.text, fig.value, fig.unit, file, fig.line, fig.column, fig.end_line, fig.end_column)


def _read(x: str | Path) -> tuple[str, str | None]:
    """A document given as text or as a path."""
    if isinstance(x, Path) or (isinstance(x, str) and "\n" not in x and len(x) < 4096 and Path(x).is_file()):
        from reportcheck.text.document import load_text

        return load_text(Path(x)), str(x)
    return str(x), None


def targets(previous: str | Path, current: str | Path, *, previous_file: str | None = None,
            current_file: str | None = None) -> Result:
    """Judge every numeric target of ``previous`` against its outcome in ``current``.

    Each argument is a report's text or a path to it.
    """
    prev_text, pf = _read(previous)
    cur_text, cf = _read(current)
    return assess(prev_text, cur_text, previous_file or pf, current_file or cf)


def _kept_down(t: Target) -> str | None:
    hay = t.indicator + " " + (t.figure.subject or "")
    return next((k for k in data.KEPT_DOWN if k in hay), None)


def _ceiling_verb(t: Target) -> str | None:
    ctx = (t.figure.extra or {}).get("context") or ""
    tail = ctx[-8:]
    return next((w for w in data.CEILING_VERBS if w in t.words or w in tail), None)


def goal_for(t: Target) -> Goal:
    f = t.figure
    down = (f.extra or {}).get("direction") == "down"
    return goal_of(t.words, f.interval, f.value, f.unit, down=down, kept_down=_kept_down(t),
                   ceiling_verb=_ceiling_verb(t))


def _signed_in(fig: Figure, unit: str | None) -> tuple[Interval, Decimal | None]:
    """An outcome's interval and written value, signed, in ``unit``."""
    k = factor(fig.unit, unit)
    kd = Decimal(k.numerator) / Decimal(k.denominator)
    iv = fig.interval * kd if k != 1 else fig.interval
    v = fig.value * kd if (fig.value is not None and k != 1) else fig.value
    if (fig.extra or {}).get("direction") == "down":
        iv = -iv
        v = -v if v is not None else None
    return iv, v


def _where(fig: Figure) -> str:
    return f"line {fig.line}"


def _short(iv: Interval, places: int = 2) -> str:
    """An interval rounded outward to ``places`` decimals, for a reason."""
    import decimal

    q = Decimal(1).scaleb(-places)
    lo = iv.lower if not iv.lower.is_finite() else iv.lower.quantize(q, rounding=decimal.ROUND_FLOOR)
    hi = iv.upper if not iv.upper.is_finite() else iv.upper.quantize(q, rounding=decimal.ROUND_CEILING)
    return str(Interval(lo, hi, iv.lower_closed, iv.upper_closed))


def assess(prev_text: str, cur_text: str, previous_file: str | None = None,
           current_file: str | None = None) -> Result:
    from reportcheck import extract

    prev_figs = list(extract(prev_text))
    cur_figs = list(extract(cur_text))
    found, year = find_targets(prev_text, prev_figs)
    cur_year = report_year(cur_text)
    if cur_year != year + 1:
        from reportcheck.errors import InputError

        raise InputError(f"this is the {cur_year} report; the targets of {previous_file or 'PREVIOUS'} are for "
                         f"{year}, so CURRENT must be the {year + 1} report (the one that reviews {year})",
                         file=current_file or "CURRENT")
    for t in found:
        t.extra["context"] = _context(prev_text, t.figure)
        t.extra["head"] = _head(t.figure, 200)
    outs = outcomes_of(cur_text, year, cur_figs)
    bases = _bases(prev_text, prev_figs, year)
    sim = Similarity([t.indicator for t in found] + [o.indicator for o in outs] + [b.indicator for b in bases])
    chosen = match_outcomes(found, outs, sim)

    verdicts: list[TargetVerdict] = []
    for i, t in enumerate(found):
        verdicts.append(_verdict(t, chosen.get(i), outs, bases, sim, previous_file, current_file))
    _qualitative(found, verdicts, cur_text, cur_figs, year, current_file)

    findings: list[Finding] = []
    for n, (t, v) in enumerate(zip(found, verdicts), 1):
        fid = f"target-{year}-{n:02d}"
        if v.verdict == MISSED:
            findings.append(Finding(fid, "attainment", Category.ATTAINMENT, Severity.WARNING,
                                    f"{year} target missed: {v.indicator} {t.figure.text}, outcome "
                                    f"{v.outcome.text if v.outcome else '?'}",
                                    (v.target, v.outcome) if v.outcome else (v.target,), v.reason,
                                    rationale=_RATIONALE, verdict="warn"))
        elif v.verdict == NOT_REPORTED:
            findings.append(Finding(fid, "attainment", Category.ATTAINMENT, Severity.WARNING,
                                    f"{year} target not reported: {v.indicator} {t.figure.text} has no outcome in "
                                    f"the {year + 1} report", (v.target,), v.reason, rationale=_RATIONALE,
                                    verdict="warn"))
        elif v.verdict == UNCLEAR:
            figs = (v.target, v.outcome) if v.outcome else (v.target,)
            findings.append(Finding(fid, "attainment", Category.ATTAINMENT, Severity.INFO,
                                    f"{year} target unclear: {v.indicator} {t.figure.text}", figs, v.reason,
                                    rationale=_RATIONALE, verdict="undetermined"))
    checks = len(verdicts)
    passed = sum(1 for v in verdicts if v.verdict == MET)
    claim = completion_claim(cur_text, year + 1)
    if claim is not None:
        checks += 1
        missed = [v for v in verdicts if v.verdict == MISSED]
        if missed:
            start, end, words = claim
            ref = _span_ref(cur_text, start, end, current_file)
            listed = "; ".join(f"{v.indicator} {v.target.text} → {v.outcome.text if v.outcome else '?'}"
                               for v in missed)
            figs = [ref]
            for v in missed:
                if v.outcome is not None:
                    figs.append(v.outcome)
            findings.append(Finding(f"completion-claim-{year}", "attainment", Category.ATTAINMENT,
                                    Severity.WARNING,
                                    f"the {year + 1} report claims the {year} targets were completed "
                                    f"(“{words}”), but {len(missed)} were missed: {listed}",
                                    tuple(figs), "qualify the claim or name the missed targets",
                                    rationale=_RATIONALE, verdict="warn"))
        else:
            passed += 1
    result = Result(findings, checks=checks, passed=passed, source=current_file, text=cur_text)
    result.targets = verdicts  # type: ignore[attr-defined]
    result.previous = previous_file  # type: ignore[attr-defined]
    result.previous_text = prev_text  # type: ignore[attr-defined]
    return result


_RATIONALE = ("A report sets numeric targets for its year; the next year's report should show each "
              "one's outcome. Verdicts are decided on intervals with the qualifier's meaning "
              "(docs/targets.md).")


def _head(fig: Figure, n: int = 16) -> str:
    s = fig.sentence or ""
    k = s.find(fig.text)
    return s[: min(k if k >= 0 else n, n)]


def _span_ref(text: str, start: int, end: int, file: str | None) -> FigureRef:
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", 0, end) + 1
    end_col = end - (text.rfind("\n", 0, end) + 1) + 1
    return FigureRef("claim", text[start:end], None, None, file, line, col, end_line, end_col)


def completion_claim(text: str, year: int) -> tuple[int, int, str] | None:
    """A claim in the review part of a report that last year's targets were all completed."""
    end = review_end(text, year)
    m = data.COMPLETION_CLAIM.search(text, 0, end)
    if m is None:
        return None
    return m.start(), m.end(), m.group()


@dataclass
class _Base:
    figure: Figure
    indicator: str


def _bases(text: str, figs: list[Figure], year: int) -> list[_Base]:
    """PREVIOUS's results for Y-1 (its review): the bases a growth and a level relate through."""
    out = []
    for f, w in zip(figs, whens(text, figs, year)):
        if w.status in ("actual", "estimate") and w.span is None and w.year == year - 1 and is_candidate(text, f) \
                and family(f) == "level":
            out.append(_Base(f, indicator_of(text, f)))
    return out


def _best(sim: Similarity, t: Target, items, fam: str, unit: str | None, threshold: float):
    best, best_s = None, threshold
    for it in items:
        fig = it.figure
        if family(fig) != fam or unit_relation(unit, fig.unit) != "same":
            continue
        o = it if isinstance(it, Outcome) else Outcome(fig, it.indicator, "", "", False)
        s = score(sim, t, o)
        if s >= best_s:
            best, best_s = it, s
    return best


def _verdict(t: Target, cand, outs: list[Outcome], bases: list[_Base], sim: Similarity,
             pf: str | None, cf: str | None) -> TargetVerdict:
    from reportcheck.targets.outcome import THRESHOLD

    f = t.figure
    tref = _ref(f, t.indicator, pf)
    goal = goal_for(t)
    joint = f" ({t.joint})" if t.joint else ""
    head = f"target {f.text}{joint}: {goal.why}"
    if cand is None:
        derived = _derive(t, goal, outs, bases, sim, THRESHOLD, pf, cf)
        if derived is not None:
            return derived
        return TargetVerdict(t.indicator, NOT_REPORTED, tref, None,
                             f"{head}; no {_fam_word(t.family)} of {t.indicator} for the target year in the next report")
    o = cand.outcome
    oref = _ref(o.figure, o.indicator, cf)
    matched = f"outcome {o.figure.text} ({_where(o.figure)}, matched on {'、'.join(cand.why) or o.indicator})"
    if cand.units == "incompatible":
        return TargetVerdict(t.indicator, UNCLEAR, tref, oref,
                             f"{head}; {matched} is in {o.figure.unit}, not comparable with {f.unit}")
    if o.attribute:
        return TargetVerdict(t.indicator, UNCLEAR, tref, oref,
                             f"{head}; {matched} restates a project's budget (…的), not a result")
    unit = f.unit if cand.units == "same" else o.figure.unit
    iv, v = _signed_in(o.figure, unit)
    est = " (an estimate)" if o.figure.estimate else ""
    verdict, how = judge(goal, iv, v)
    return TargetVerdict(t.indicator, verdict, tref, oref, f"{head}; {matched}{est}: {how}")


def _qualitative(found: list[Target], verdicts: list[TargetVerdict], cur_text: str, cur_figs: list[Figure],
                 year: int, cf: str | None) -> None:
    """Targets without a numeric outcome that CURRENT's review mentions in words: ``unclear``,
    the outcome null, the reason quoting the clause (``qualitative``)."""
    from reportcheck.targets.outcome import _generic
    from reportcheck.targets.qualitative import mentions

    todo = [i for i, v in enumerate(verdicts) if v.verdict == NOT_REPORTED]
    if not todo:
        return
    end = review_end(cur_text, year + 1)
    found_m = mentions(cur_text, end, cur_figs, [(_named(found[i]), found[i].figure.unit) for i in todo], _generic)
    for i, m in zip(todo, found_m):
        if m is None:
            continue
        v = verdicts[i]
        # a sibling target of the same line about the same thing has a figure: the programme is
        # reported by that measure, this one is simply not reported
        if any(j != i and w.verdict in (MET, MISSED) and w.target.line == v.target.line
               and m.shared in _named(found[j]) for j, w in enumerate(verdicts)):
            continue
        where = f"{cf or 'CURRENT'}:{m.line}"
        head = v.reason.split("; ")[0]
        verdicts[i] = TargetVerdict(v.indicator, UNCLEAR, v.target, None,
                                    f"{head}; the {year + 1} report mentions it without a figure "
                                    f"(“{m.clause}”, {where}): an outcome that cannot be compared")


def _named(t: Target) -> str:
    """The target's indicator, or, when that is a stub (二级 of 68公里二级和三级管网改造), the words
    after the figure up to the clause's end."""
    if len(t.indicator.replace(" ", "")) > 2:
        return t.indicator
    s = t.figure.sentence or ""
    k = s.find(t.figure.text)
    after = re.split(r"[，,；;。、：:（(等]", s[k + len(t.figure.text):], maxsplit=1)[0] if k >= 0 else ""
    return after or t.indicator


def _joint(t: Target) -> str:
    return f" ({t.joint})" if t.joint else ""


def _fam_word(fam: str) -> str:
    return {"level": "level", "change": "growth", "points": "change in points", "share": "share"}.get(fam, fam)


def _derive(t: Target, goal: Goal, outs, bases, sim, threshold, pf, cf) -> TargetVerdict | None:
    """A growth target settled by a level outcome (or a level target by a growth outcome)
    through the base level of the year before, stated in PREVIOUS's review."""
    f = t.figure
    if t.family not in ("change", "level"):
        return None
    base = _best(sim, t, bases, "level", None if t.family == "change" else f.unit, threshold) \
        if t.family == "level" else None
    if t.family == "change":
        level = _best_any_unit(sim, t, outs, "level", threshold)
        if level is None:
            return None
        base = _best(sim, t, bases, "level", level.figure.unit, threshold)
        if base is None:
            return None
        k = factor(base.figure.unit, level.figure.unit)
        kd = Decimal(k.numerator) / Decimal(k.denominator)
        ratio = level.figure.interval / (base.figure.interval * kd)
        growth = (ratio - 1) * 100
        written = None
        verdict, how = judge(goal, growth, written, derived=True)
        oref = _ref(level.figure, level.indicator, cf)
        return TargetVerdict(t.indicator, verdict, _ref(f, t.indicator, pf), oref,
                             f"target {f.text}{_joint(t)}: {goal.why}; no growth reported, derived from the level "
                             f"{level.figure.text} ({_where(level.figure)}) over the base "
                             f"{base.figure.text} stated for {t.when.year - 1 if t.when.year else 'the year before'} "
                             f"in the previous report: growth {_short(growth)} %: {how}")
    # a level target, a growth outcome, and the base level of the year before
    growth = _best_any_unit(sim, t, outs, "change", threshold)
    if growth is None or base is None:
        return None
    g = growth.figure.interval
    if (growth.figure.extra or {}).get("direction") == "down":
        g = -g
    level = base.figure.interval * (g / 100 + 1)
    k = factor(base.figure.unit, f.unit)
    kd = Decimal(k.numerator) / Decimal(k.denominator)
    level = level * kd
    verdict, how = judge(goal, level, None, derived=True)
    return TargetVerdict(t.indicator, verdict, _ref(f, t.indicator, pf), _ref(growth.figure, growth.indicator, cf),
                         f"target {f.text}{_joint(t)}: {goal.why}; no level reported, derived from the growth "
                         f"{growth.figure.text} ({_where(growth.figure)}) over the base {base.figure.text} "
                         f"in the previous report: level {_short(level)} {f.unit}: {how}")


def _best_any_unit(sim, t, outs, fam, threshold):
    best, best_s = None, threshold
    for o in outs:
        if family(o.figure) != fam:
            continue
        s = score(sim, t, o)
        if s >= best_s:
            best, best_s = o, s
    return best


class _CallableModule(type(__import__("sys"))):
    """``reportcheck.targets`` is both this package and the function ``targets``: once a
    submodule (``reportcheck.targets.find``) is imported, the package attribute is the
    module, so the module itself calls :func:`targets`."""

    def __call__(self, *args, **kwargs) -> Result:
        return targets(*args, **kwargs)


__import__("sys").modules[__name__].__class__ = _CallableModule
