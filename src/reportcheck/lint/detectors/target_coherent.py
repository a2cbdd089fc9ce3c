"""growth-plausible (info) and target-coherent (target-coherence, error): a level with its growth.

What it infers: a level written with its growth (``地区生产总值5600亿元、增长6.5%``):
a yearly growth above 100 % is unusual (info); a level target with its growth target
(``力争突破6000亿元、增长5.5%``) must be reachable from the same indicator's base of the
year before, found by its name in the review part (at comparable prices for GDP and
value added: real growth, with a tolerance).

Why: a target the stated growth cannot reach (or that needs far less) has a slip in the
base, the level or the rate.

Fires: base 5600亿元, target ``突破6000亿元`` with ``增长5.5%`` (needs ≥ 7.1 %).

Does not fire: a target whose name matches no base, or several.
"""

from __future__ import annotations

import re

from reportcheck.figure import Figure, Kind
from reportcheck.lint.detectors.base import Rules, _compatible, _gap, _group, _norm_subject
from reportcheck.lint.indicators import _is_down, _name
from reportcheck.lint.model import Inference

_LEVEL_GROWTH_GAP = re.compile(
    r"^(?:以上|多|余|左右)?\s*[，、,]\s*(?:同比|比上年|较上年|年均)?\s*(?:增长|增加|提高|上涨|下降|减少|降低|回落)\s*$"
)
_GROWTH_LEVEL_GAP = re.compile(
    r"^(?:以上|左右)?\s*[，、,]\s*(?:力争|争取|确保|努力)?\s*(?:总量|规模)?\s*"
    r"(?:达到|达|突破|超过|超|逾|增至|实现)\s*$"
)
_GROWTH_SUBJECT_REAL = re.compile(r"生产总值|GDP|增加值|经济增长")


def level_growth_pairs(R: Rules, inf: Inference) -> list[tuple[Figure, Figure]]:
    """(level, growth) of one indicator: consecutive figures of a line, the level next to its growth."""
    text, figs = inf.text, inf.figures
    pairs: list[tuple[Figure, Figure]] = []
    for a, b in zip(figs, figs[1:]):
        if R.ind(a) is None or R.ind(b) is None or a.line != b.line:
            continue
        gap = _gap(text, a, b)
        if _group(a) == "level" and b.kind is Kind.GROWTH and _LEVEL_GROWTH_GAP.match(gap):
            pairs.append((a, b))
        elif a.kind is Kind.GROWTH and _group(b) == "level" and _GROWTH_LEVEL_GAP.match(gap):
            pairs.append((b, a))
    return pairs


def detect(R: Rules, inf: Inference) -> None:
    figs = inf.figures
    pairs = level_growth_pairs(R, inf)
    secs_mode = {i.fig.start: i.status for i in inf.indicators}
    for lvl, g in pairs:
        ig = R.ind(g)
        if not _is_down(g):
            R.add("growth-plausible", "change-range", {"indicators": [ig.id], "min": -100}, "info",
                  f"{_name(lvl)} {lvl.text} with growth {g.text}: a yearly growth above 100 % is unusual.", [g])
    targets = [(lvl, g) for lvl, g in pairs if secs_mode.get(lvl.start) in ("目标", "力争")]
    base_period = str(inf.year - 1)
    for tl, tg in targets:
        name = _norm_subject(tl.subject or tg.subject)
        if len(name) < 2:
            continue
        cands = []
        for f in figs:
            i = R.ind(f)
            if (i is None or _group(f) != "level" or i.status not in ("实际", "预计") or i.period != base_period
                    or not _compatible(f, tl)):
                continue
            bn = _norm_subject(f.subject)
            if bn and (bn == name or (len(bn) >= 4 and len(name) >= 4 and (bn.endswith(name) or name.endswith(bn)))):
                cands.append(f)
        if len(cands) != 1:
            continue
        b = cands[0]
        real = bool(_GROWTH_SUBJECT_REAL.search(name))
        fields = {"base": R.ind(b).id, "growth": R.ind(tg).id, "target": R.ind(tl).id}
        if real:
            fields.update(real=True)
        R.add("target-coherent", "target-coherence", fields, "error",
              f"{name}: the {inf.year} level target {tl.text} must be reachable from the {base_period} base "
              f"{b.text} with the stated growth {tg.text}" + (" (growth at comparable prices)" if real else "") + ".",
              [tl, tg, b])
