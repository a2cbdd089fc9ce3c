"""new-within-total (part-of, error): a new count within the total of its clause.

What it infers: ``新培育…企业351家，总量达到939家`` — the figure after a 新增/新培育 word
(or before 总量/累计) is part of the total written right after it in the same clause; with
分别 (``新增A、B分别3家、5家，总数分别达到30家、50家``) each new figure pairs with its total.

Why: a new count larger than its total is a slip (a digit doubled, 万 for 千).

Fires: ``新增高新技术企业4000家，总量达到1800家`` (4000 > 1800: an error).

Does not fire: ``新增企业351家，营业收入939亿元`` (no total word; incompatible units).
"""

from __future__ import annotations

import re

from reportcheck.figure import Figure
from reportcheck.lint.detectors.base import _NEW, Rules, _compatible, _gap, _group, _short
from reportcheck.lint.indicators import _context
from reportcheck.lint.model import Inference

_NEW_TOTAL_GAP = re.compile(
    r"^(?:以上|多|余|左右)?\s*[，、,]\s*(?P<tot>总量|总数|总计|累计|合计|总规模)?\s*(?:已|将)?\s*"
    r"(?P<lvl>达到|达|突破|超过|超|逾|增至|增加到|增加至|提高到|提高至|提升到|提升至|升至)?\s*$"
)
_FENBIE_TOTAL_GAP = re.compile(
    r"^(?:以上|多|余|左右)?\s*[，,]\s*(?P<tot>总量|总数|总计|累计|合计|总规模)?\s*(?:已|将)?\s*分别\s*"
    r"(?:达到|达|突破|超过|增至|增加到|为)?\s*$"
)


def detect(R: Rules, inf: Inference) -> None:
    text = inf.text
    figs = inf.figures
    n = len(figs)
    for k in range(n - 1):
        a, b = figs[k], figs[k + 1]
        ia, ib = R.ind(a), R.ind(b)
        if ia is None or ib is None or a.line != b.line:
            continue
        gap = _gap(text, a, b)
        if _group(a) == "level" and _group(b) == "level" and _compatible(a, b):
            m = _NEW_TOTAL_GAP.match(gap)
            if m and (m.group("tot") or m.group("lvl")):
                new_word = _NEW.search(_context(a))
                if m.group("tot") or new_word:
                    R.add("new-within-total", "part-of", {"part": ia.id, "whole": ib.id}, "error",
                          f"“{_short(a, b, text)}”: the new figure is counted in the total of the same clause, "
                          f"so it cannot exceed it.", [a, b])
    # 分别 lists: new counts against their totals, member by member
    runs: list[list[Figure]] = []
    for f in figs:
        if R.ind(f) is None or _group(f) != "level":
            continue
        if runs and runs[-1][-1].line == f.line and re.fullmatch(r"(?:以上|多|余|左右)?(?:、|和|及|与)",
                                                                  _gap(text, runs[-1][-1], f)):
            runs[-1].append(f)
        else:
            runs.append([f])
    for r1, r2 in zip(runs, runs[1:]):
        if len(r1) < 2 or len(r1) != len(r2) or r1[-1].line != r2[0].line:
            continue
        m = _FENBIE_TOTAL_GAP.match(_gap(text, r1[-1], r2[0]))
        if not m or not (m.group("tot") or _NEW.search(_context(r1[0]))):
            continue
        if not all(_compatible(a, b) for a, b in zip(r1, r2)):
            continue
        for a, b in zip(r1, r2):
            R.add("new-within-total", "part-of", {"part": R.ind(a).id, "whole": R.ind(b).id}, "error",
                  f"“{_short(r1[0], r2[-1], text)}”: 分别 pairs each new figure with its total, which includes it.",
                  [a, b])
