"""Finding a target's outcome in the next year's report (CURRENT).

Candidates are CURRENT's quantities about the target's year as results (its review
part: status ``actual`` or ``estimate``, year Y; not the new targets for Y+1, not a
five-year total — the period reading of ``reportcheck compare``). A candidate must be
of the same family (a level for a level, a growth for a growth, a share for a share)
and about the same thing: subject similarity (the synonym table and character terms of
``compare``) of the indicators, plus a little of their sentences' opening words.

The best candidate above the threshold is the outcome; each outcome serves one target
of its family (a greedy assignment, best pairs first). A candidate of an incompatible
unit (温室500亩 against 温室500栋) is an outcome that cannot be compared: ``unclear``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportcheck.figure import Figure
from reportcheck.quantities.units import compatible, split_magnitude
from reportcheck.targets import data
from reportcheck.targets.find import (
    Target,
    _is_attribute,
    _is_capacity,
    family,
    indicator_of,
    is_candidate,
)
from reportcheck.targets.reading import Similarity, multi_year, normalize, whens

__all__ = ["Outcome", "Candidate", "outcomes_of", "match_outcomes", "THRESHOLD", "unit_relation"]

#: the subject similarity an outcome needs (measured on the labelled pairs, see docs/targets.md)
THRESHOLD = 0.4
#: … and one in another unit (an outcome that cannot be compared), to count at all
INCOMPATIBLE_THRESHOLD = 0.5
#: how much a sentence's opening words count next to the indicator's own words
CONTEXT_WEIGHT = 0.3


@dataclass
class Outcome:
    figure: Figure
    indicator: str
    context: str  # the sentence up to the figure, and the sentence before
    head: str  # the sentence up to the figure
    attribute: bool  # 投资1.3亿元的…工程: a budget restated, not a result


@dataclass
class Candidate:
    outcome: Outcome
    score: float
    units: str  # same | generic | incompatible
    why: list[str]


def _head(fig: Figure, n: int = 16) -> str:
    s = fig.sentence or ""
    k = s.find(fig.text)
    return s[: min(k if k >= 0 else n, n)]


def _context(text: str, fig: Figure) -> str:
    """The figure's sentence up to it and the sentence before (an outcome's 投资 is the park's
    when the sentence before names the park)."""
    s = fig.sentence or ""
    k = s.find(fig.text)
    own = s[: k if k >= 0 else len(s)]
    start = text.rfind(s[:8], 0, fig.start + 1) if s else fig.start
    prev_end = text.rfind("。", 0, max(start, 0))
    prev_start = max(text.rfind("。", 0, max(prev_end, 0)), text.rfind("\n", 0, max(prev_end, 0))) + 1
    prev = text[prev_start: prev_end] if prev_end > 0 and start - prev_end < 3 else ""
    return prev + own


def outcomes_of(text: str, year: int, figures: list[Figure] | None = None) -> list[Outcome]:
    """CURRENT's results for ``year``: quantities of its review part."""
    from reportcheck import extract

    figs = list(extract(text)) if figures is None else figures
    out = []
    for f, w in zip(figs, whens(text, figs)):
        if w.status not in ("actual", "estimate") or w.span is not None or w.year != year:
            continue
        if not is_candidate(text, f) or _is_capacity(text, f) or multi_year(text, f, year + 1):
            continue
        out.append(Outcome(f, indicator_of(text, f), _context(text, f), _head(f, 200), _is_attribute(text, f)))
    return out


def _comparable_measure(t: Target, o: Outcome, s: float) -> bool:
    """An outcome in another unit is an outcome that cannot be compared (温室500栋 for a
    target in 亩) only when it is clearly about the same thing and is itself a measure of
    it: not a budget (money never measures a physical target), not an attribute."""
    if s < INCOMPATIBLE_THRESHOLD or o.attribute:
        return False
    money = {"[currency]"}
    try:
        from reportcheck.quantities.units import dimensionality

        if dimensionality(o.figure.unit) in money or dimensionality(t.figure.unit) in money:
            return False
    except Exception:
        return False
    return True


def unit_relation(a: str | None, b: str | None) -> str:
    """same (one dimension), generic (a count in 个 against a count in another classifier),
    or incompatible."""
    try:
        if compatible(a, b):
            return "same"
    except Exception:  # an unknown unit: compare the written names
        if a == b:
            return "same"
    ma, ba = split_magnitude(a or "")
    mb, bb = split_magnitude(b or "")
    if data.GENERIC_CLASSIFIER in (ba, bb) and len(ba) == 1 and len(bb) == 1:
        return "generic"
    return "incompatible"


def match_outcomes(targets: list[Target], outcomes: list[Outcome], sim: Similarity,
                   threshold: float = THRESHOLD) -> dict[int, Candidate]:
    """The outcome of each target (by index), greedy over the best pairs."""
    pairs: list[tuple[float, int, int, Candidate]] = []
    for ti, t in enumerate(targets):
        fam = t.family
        for oi, o in enumerate(outcomes):
            if family(o.figure) != fam:
                continue
            s = score(sim, t, o)
            if s < threshold:
                continue
            rel = unit_relation(t.figure.unit, o.figure.unit)
            if rel == "incompatible" and not _comparable_measure(t, o, s):
                continue
            cand = Candidate(o, s, rel, Similarity.why(t.indicator, o.indicator))
            pairs.append((s, ti, oi, cand))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    chosen: dict[int, Candidate] = {}
    used: set[int] = set()
    for s, ti, oi, cand in pairs:
        if ti in chosen or oi in used:
            continue
        chosen[ti] = cand
        used.add(oi)
    return chosen


def _core(indicator: str) -> str:
    """A subject with its synonyms made canonical (the compare table) and action words stripped."""
    s = normalize(indicator).replace(" ", "")
    return data.ACTION_WORDS.sub("", s) or s


def _generic(indicator: str) -> bool:
    core = _core(indicator)
    return core in data.GENERIC_SUBJECTS or len(core) <= 1


def _sector(s: str) -> frozenset[str]:
    return frozenset(w for w in data.SECTORS if w in s)


#: one subject (nearly) inside the other
CONTAINED = 0.85
#: a subject that says nothing alone, read with its sentences: the larger and the smaller coverage
GENERIC_HIGH, GENERIC_LOW = 0.5, 0.25
#: an outcome in a unit of the target's own dimension, and in another (a restated budget
#: of the target's own value is the same project's)
SAME_BUDGET_BONUS = 0.2


def score(sim: Similarity, t: Target, o: Outcome) -> float:
    """How surely a candidate outcome is about the target's indicator, in [0, 1.1].

    Subjects are compared on their cores (action words such as 新建/建成/完工 stripped),
    as the two coverages of one by the other, each weighted by the terms' rarity. They
    match when one is (nearly) inside the other (a review names an indicator shortly:
    再就业 for 失业人员再就业) or when both overlap substantially; the score is the larger
    coverage plus a tenth of the smaller (of two outcomes inside one target, the closer
    wins). A subject that says nothing alone (投资, 项目) is read with its sentence's
    opening words and the sentence before, and both coverages must then be substantial.
    Zero when the two name different sectors (农牧业 / 工业; 重点项目 / 重点工业项目) or
    when the target counts an increment (新开通3条) and the outcome a stock (达到34条).
    """
    a, b = _core(t.indicator), _core(o.indicator)
    generic = _generic(t.indicator) or _generic(o.indicator)
    if generic:
        a = a + t.extra.get("context", "")
        b = b + o.context
    ca, cb = sim.coverage(a, b), sim.coverage(b, a)
    hi, lo = max(ca, cb), min(ca, cb)
    same_budget = (o.attribute and o.figure.value is not None and o.figure.value == t.figure.value
                   and o.figure.unit == t.figure.unit)
    if generic or same_budget:
        if lo < GENERIC_LOW or (hi < GENERIC_HIGH and not same_budget):
            return 0.0
    elif hi < CONTAINED:
        return 0.0
    clause = (t.figure.extra or {}).get("context") or ""
    o_clause = (o.figure.extra or {}).get("context") or ""
    # a sector the outcome names and the target does not: a more specific indicator
    if _sector(o.indicator + o_clause) - _sector(t.indicator + clause + t.extra.get("head", "")):
        return 0.0
    o_words = o_clause + (o.figure.qualifier or "")
    if any(w in clause for w in data.INCREMENT_WORDS) and any(w in o_words for w in data.STOCK_WORDS) \
            and not any(w in o_clause for w in data.INCREMENT_WORDS):
        return 0.0
    # of two targets with one core (棚户区改造 / 棚户区改造工程建设), the one named as the outcome is
    s = hi + lo / 10 + sim.coverage(t.indicator, o.indicator) / 100
    if same_budget:
        s += SAME_BUDGET_BONUS
    return s
