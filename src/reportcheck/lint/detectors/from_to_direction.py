"""from-to-direction (expression, error): 由/从 A 增至/降至 B goes the way its verb says.

What it infers: ``由369亿元增至475亿元`` — B is the same indicator later; 增至/提高到 say
B > A, 降至/减少到 say B < A (for ranks the other way round: a rank rises when its
number falls).

Why: a from-to pair that goes against its verb has its figures swapped or one mistyped.

With 分别 (``分别从771家、481家增加到1076家、636家``) the lists pair member by member.

Fires: ``由475亿元增至369亿元``; ``分别从771家、481家增加到1076家、436家``.

Does not fire: ``由369位上升到235位`` (位 without 第 may be people or places: skipped).
"""

from __future__ import annotations

import re

from reportcheck.figure import Kind
from reportcheck.lint.detectors.base import Rules, _base_unit, _compatible, _gap, _group, _short
from reportcheck.lint.indicators import _FROM_TO_GAP, _UP_WORDS
from reportcheck.lint.model import Inference

#: a rate's denominator written after the unit (796元/月提高至842元/月): not part of the gap
_PER = re.compile(r"^/[月年人天日]")
_FROM_BEFORE = re.compile(r"[由从](?:(?:19|20)[0-9]{2}年的?|上年的?|全国|全省|平均|每年)?$")


def detect(R: Rules, inf: Inference) -> None:
    detect_fenbie(R, inf)
    text = inf.text
    figs = inf.figures
    quants = [f for f in figs if R.ind(f) is not None]
    for a, b in zip(quants, quants[1:]):
        if a.line != b.line:
            continue
        gap = re.sub(r"(?:19|20)[0-9]{2}年的?", "", _PER.sub("", _gap(text, a, b)))
        m = _FROM_TO_GAP.match(gap)
        before = text[max(0, a.start - 12):a.start].replace("*", "")
        if not m or not _FROM_BEFORE.search(re.sub(r"[第]$", "", before)):
            continue
        ranks = a.kind is Kind.RANK and b.kind is Kind.RANK
        if not ranks and not (_group(a) in ("level",) or a.kind in (Kind.SHARE, Kind.RATIO)) :
            continue
        if not ranks and not (a.unit == b.unit or _compatible(a, b)):
            continue
        if not ranks and _base_unit(a.unit) in ("位", "名"):
            continue  # 由369位上升到235位: a rank written without 第, or people? ambiguous
        up = m.group("verb") in _UP_WORDS
        if ranks:
            up = not up  # a rank rises when its number falls
        ia, ib = R.ind(a), R.ind(b)
        expr = f"{ib.id} > {ia.id}" if up else f"{ib.id} < {ia.id}"
        R.add("from-to-direction", "expression", {"expr": expr}, "error",
              f"“{_short(a, b, text)}”: {m.group('verb')} says the figure went "
              f"{'up' if (m.group('verb') in _UP_WORDS) else 'down'}" + (" (a rank rises when its number falls)" if ranks else "")
              + ".", [a, b])


_LIST_SEP = re.compile(r"^(?:以上|多|余|左右)?[、和及与]$")


def _runs(R: Rules, inf: Inference) -> list[list]:
    """Figures joined by 、 on one line (a 分别 list)."""
    text = inf.text
    runs: list[list] = []
    for f in inf.figures:
        if R.ind(f) is None:
            continue
        if runs and runs[-1][-1].line == f.line and _LIST_SEP.match(_PER.sub("", _gap(text, runs[-1][-1], f))):
            runs[-1].append(f)
        else:
            runs.append([f])
    return runs


def detect_fenbie(R: Rules, inf: Inference) -> None:
    text = inf.text
    runs = _runs(R, inf)
    for r1, r2 in zip(runs, runs[1:]):
        if len(r1) < 2 or len(r1) != len(r2) or r1[-1].line != r2[0].line:
            continue
        before = text[max(0, r1[0].start - 12):r1[0].start].replace("*", "")
        if not re.search(r"分别(?:[由从])(?:(?:19|20)[0-9]{2}年的?|上年的?)?$", before):
            continue
        m = _FROM_TO_GAP.match(re.sub(r"(?:19|20)[0-9]{2}年的?", "", _PER.sub("", _gap(text, r1[-1], r2[0]))).replace("分别", ""))
        if not m:
            continue
        if not all((a.unit == b.unit or _compatible(a, b)) and a.kind is b.kind for a, b in zip(r1, r2)):
            continue
        if any(a.kind is Kind.RANK or _base_unit(a.unit) in ("位", "名") for a in r1):
            continue
        up = m.group("verb") in _UP_WORDS
        for a, b in zip(r1, r2):
            ia, ib = R.ind(a), R.ind(b)
            expr = f"{ib.id} > {ia.id}" if up else f"{ib.id} < {ia.id}"
            R.add("from-to-direction", "expression", {"expr": expr}, "error",
                  f"“{_short(r1[0], r2[-1], text)}”: 分别 pairs each starting figure with its end; "
                  f"{m.group('verb')} says each went {'up' if up else 'down'}.", [a, b])
