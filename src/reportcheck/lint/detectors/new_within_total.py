"""new-within-total (part-of, error): a new count within the total of its clause.

What it infers: ``新培育…企业351家，总量达到939家`` — the figure after a 新增/新培育 word
(or before 总量/累计) is part of the total written right after it in the same clause; with
分别 (``新增A、B分别3家、5家，总数分别达到30家、50家``) each new figure pairs with its total.

Why: a new count larger than its total is a slip (a digit doubled, 万 for 千).

Fires: ``新增高新技术企业4000家，总量达到1800家`` (4000 > 1800: an error).

Also read: the new figure's growth between the two (``新登记经营主体320万户、增长13%，
总量达2037.7万户``, an error); a unit with a suffix (``7.4万套（间）、累计达到61万套（间）``);
one clause without figures between (``新增公园127座，提前建成千座公园城市，累计达到1100座``:
a warning, since the clause could change the subject).

Does not fire: ``新增企业351家，营业收入939亿元`` (no total word; incompatible units).
"""

from __future__ import annotations

import re

from reportcheck.figure import Figure, Kind
from reportcheck.lint.detectors.base import _NEW, Rules, _compatible, _gap, _group, _short
from reportcheck.lint.indicators import _context
from reportcheck.lint.model import Inference

_NEW_TOTAL_GAP = re.compile(
    r"^(?:以上|多|余|左右)?\s*[，、,]\s*(?P<tot>总量|总数|总计|累计|合计|总规模)?\s*(?:已|将)?\s*"
    r"(?P<lvl>达到|达|突破|超过|超|逾|增至|增加到|增加至|提高到|提高至|提升到|提升至|升至)?\s*$"
)
#: a unit's suffix in brackets (万套（间）): not part of the gap
_UNIT_SUFFIX = re.compile(r"^[（(][^）)，。]{1,3}[）)]")
_GROWTH_GAP = re.compile(r"^(?:以上|多|余|左右)?[、，,]\s*(?:同比|比上年|较上年)?(?:增长|增加)$")
#: one clause without figures, then the total: 新增公园127座，提前建成千座公园城市，累计达到1100座
_CLAUSE_BETWEEN = re.compile(
    r"^(?:以上|多|余|左右)?[，,][^，。；;、,0-9]{2,16}[，,]\s*(?:总量|总数|总计|累计|合计)\s*(?:已|将)?\s*"
    r"(?:达到|达|突破|超过|增至)?\s*$"
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
        a = figs[k]
        b_k = k + 1
        # the new figure's own growth may stand between it and the total (、增长13%，总量达…)
        while b_k < n and figs[b_k].kind is Kind.GROWTH and figs[b_k].line == a.line and _GROWTH_GAP.match(
                _UNIT_SUFFIX.sub("", _gap(text, figs[b_k - 1], figs[b_k]))):
            b_k += 1
        if b_k >= n:
            continue
        b = figs[b_k]
        ia, ib = R.ind(a), R.ind(b)
        if ia is None or ib is None or a.line != b.line:
            continue
        gap = _UNIT_SUFFIX.sub("", _gap(text, figs[b_k - 1], b))
        if _group(a) == "level" and _group(b) == "level" and _compatible(a, b):
            m = _NEW_TOTAL_GAP.match(gap)
            clause = None
            if not m:
                clause = _CLAUSE_BETWEEN.match(gap)
                if clause is None or b_k != k + 1 or not _NEW.search(_context(a)):
                    continue
                R.add("new-within-total", "part-of", {"part": ia.id, "whole": ib.id}, "warning",
                      f"“{_short(a, b, text)}”: the new figure is counted in the total (累计) of the same "
                      f"sentence (a warning: a clause stands between them).", [a, b])
                continue
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
