"""A target CURRENT mentions only in words: its outcome exists but cannot be compared (``unclear``).

供水主管网改造等工程进展顺利 for a 16公里 target, 完成了…住宅小区和三山绿化 for a 5000亩
one: the review says the work was done or went on, with no figure. The contract calls
that ``unclear`` (an outcome exists but cannot be compared), not ``not_reported`` (no
outcome anywhere). The outcome figure stays null; the reason quotes the clause with
its file:line.

A clause of CURRENT's review part is such a mention of a target that found no numeric
outcome when all of these hold:

- the target's indicator says something alone (not 投资, 项目 …);
- the clause shares a run of at least ``MIN_SHARED`` characters with the indicator, and
  that run is at least ``MIN_SHARE`` of the indicator (水主管网 of 自来水主管网复线; 三山绿化);
- the clause says the work was done or went on (完成, 完工, 建成, 进展顺利, 提高 …);
- the clause has no figure in a unit comparable with the target's (then it would be a
  numeric outcome, or a different measure of something else);
- no other target of the same PREVIOUS line that shares the run has a numeric outcome
  (3800户 of 年内完成3800户、58万平方米棚户区改造: the programme is reported by its area;
  the households are simply not reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportcheck.figure import Figure
from reportcheck.quantities.units import compatible

__all__ = ["Mention", "mentions", "MIN_SHARED", "MIN_SHARE"]

MIN_SHARED = 4
MIN_SHARE = 0.4
#: the clause says the work was done or went on
DONE = re.compile(r"完成|完工|竣工|建成|进展顺利|顺利推进|扎实推进|投入使用|通车|提高|提升")
_CLAUSE = re.compile(r"[^，,；;。！？!?\n]+")
_QUOTES = re.compile(r"[“”\"‘’「」\s\u3000]")
_LEADING_UNIT = re.compile(r"^(?:平方米|平方公里|公里|万|亩|个|户|座|所|条)+")


@dataclass(slots=True)
class Mention:
    clause: str  # as written (quotes kept)
    start: int  # offset in CURRENT
    line: int
    shared: str


def _longest_common(a: str, b: str) -> str:
    best = ""
    for i in range(len(a)):
        j = i + len(best) + 1
        while j <= len(a) and a[i:j] in b:
            best = a[i:j]
            j += 1
    return best


def _clauses(text: str, end: int) -> list[tuple[int, int, str, str]]:
    return [(m.start(), m.end(), m.group(), _QUOTES.sub("", m.group())) for m in _CLAUSE.finditer(text, 0, end)]


def mentions(text: str, end: int, figures: list[Figure], wanted: list[tuple[str, str | None]],
             generic) -> list[Mention | None]:
    """For each (indicator, target unit) of ``wanted``: the clause of ``text[:end]`` that
    mentions it without a comparable figure, or None. ``generic(indicator)`` tells an
    indicator that says nothing alone."""
    from reportcheck.targets.reading import normalize

    clauses = _clauses(text, end)
    figs = [f for f in figures if f.start < end]
    out: list[Mention | None] = []
    for indicator, unit in wanted:
        if generic(indicator):
            out.append(None)
            continue
        core = _LEADING_UNIT.sub("", _QUOTES.sub("", normalize(indicator)))
        best: Mention | None = None
        best_rank = (0, 0)
        for a, b, raw, clean in clauses:
            shared = _longest_common(core, clean)
            if len(shared) < MIN_SHARED or len(shared) < MIN_SHARE * len(core):
                continue
            if not DONE.search(clean):
                continue
            if any(a <= f.start < b and f.unit and unit and _comparable(f.unit, unit) for f in figs):
                continue
            rank = (len(shared), len(set(core) & set(clean)))  # then the most of its characters
            if best is None or rank > best_rank:
                best, best_rank = Mention(raw.strip(), a, text.count("\n", 0, a) + 1, shared), rank
        out.append(best)
    return out


def _comparable(a: str, b: str) -> bool:
    try:
        return bool(compatible(a, b))
    except Exception:  # an unknown unit: treat as not comparable
        return False
