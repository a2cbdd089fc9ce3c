"""from-to-direction (expression, error): 由/从 A 增至/降至 B goes the way its verb says.

What it infers: ``由369亿元增至475亿元`` — B is the same indicator later; 增至/提高到 say
B > A, 降至/减少到 say B < A (for ranks the other way round: a rank rises when its
number falls).

Why: a from-to pair that goes against its verb has its figures swapped or one mistyped.

Fires: ``由475亿元增至369亿元``.

Does not fire: ``由369位上升到235位`` (位 without 第 may be people or places: skipped).
"""

from __future__ import annotations

import re

from reportcheck.figure import Kind
from reportcheck.lint.detectors.base import Rules, _base_unit, _compatible, _gap, _group, _short
from reportcheck.lint.indicators import _FROM_TO_GAP, _UP_WORDS
from reportcheck.lint.model import Inference

_FROM_BEFORE = re.compile(r"[由从](?:(?:19|20)[0-9]{2}年的?|上年的?|全国|全省|平均|每年)?$")


def detect(R: Rules, inf: Inference) -> None:
    text = inf.text
    figs = inf.figures
    quants = [f for f in figs if R.ind(f) is not None]
    for a, b in zip(quants, quants[1:]):
        if a.line != b.line:
            continue
        gap = re.sub(r"(?:19|20)[0-9]{2}年的?", "", _gap(text, a, b))
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
