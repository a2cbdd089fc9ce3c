"""Years and durations of a republication against its source: 2025年建成 → 6025年建成, 连续9年 → 连续6年.

Years and spans of time are figures too for fidelity, but they are not cited
quantities: an article names its own dates (2024年政府工作报告, 2023年) and
the years of its story freely. So a year or a duration of the text is compared
only when its **surrounding words** restate a source year or duration closely
(连续 _ 年居全省首位, 到 _ 年建成), and it is silent otherwise — never an
"unmatched" warning.

For a text figure ``t`` and every source figure ``s`` of the same kind (year;
duration in the same unit), the context score counts the characters the two
share right before the figure (common suffix, at most 8) and right after it
(common prefix, at most 8), punctuation, spaces and markup left out. The
figure is an error (``fidelity-year`` / ``fidelity-duration``) when the best
source figure with a different value shares at least ``MIN_AFTER`` characters
after it and ``MIN_SCORE`` in all, and no source figure with the text's value
comes close to it (within ``MARGIN``). A faithful copy always has a same-valued
source figure with the same words, so a report compared with itself gives no
finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportcheck.figure import Figure, Kind

__all__ = ["YearMatch", "years_of", "match_years", "is_year", "MIN_SCORE", "MIN_AFTER", "MARGIN"]

MIN_SCORE = 5  # shared characters before + after the figure
MIN_AFTER = 2  # of which after it (居全省…, 建成…): the words a year or a span is about
# and at least one shared character before it: a year opening a sentence (2025年，全市…) frames the story
MARGIN = 2  # a same-valued source figure this close in context excuses the text figure
WINDOW = 8

_SKIP = re.compile(r"[\s*_`#>|“”\"'‘’（）()【】《》〈〉·、，,。；;：:！!？?…—\-]")
_STOP = "。！？!?\n；;"
#: the dates of an article or of a report, never compared: 2024年政府工作报告, 2025年全国两会
_DATELINE = re.compile(r"^(?:的)?(?:《)?(?:[^\s，。]{0,6})?(?:政府工作报告|工作报告|两会|人代会|人民代表大会|人大|政协|预算报告)")


def years_of(text: str, figures: list[Figure] | None = None) -> list[Figure]:
    """The years and durations of a text that compare reads (value known, not a range end)."""
    if figures is None:
        from reportcheck.text.extract import extract

        figures = extract(text)
    return [f for f in figures if f.kind in (Kind.YEAR, Kind.DURATION) and f.value is not None]


@dataclass(slots=True)
class _Ctx:
    figure: Figure
    before: str  # up to WINDOW characters before, nearest last
    after: str  # up to WINDOW characters after
    dateline: bool


def _span(text: str, f: Figure) -> tuple[int, int]:
    a, b = f.start, f.end
    if 0 <= a < b <= len(text) and text[a:b] == f.text:
        return a, b
    i = text.find(f.text, max(0, a - 40))
    return (i, i + len(f.text)) if i >= 0 else (a, b)


def _clean(s: str) -> str:
    return _SKIP.sub("", s)


def _context(text: str, f: Figure) -> _Ctx:
    a, b = _span(text, f)
    left = text[max(0, a - 40):a]
    for c in _STOP:
        j = left.rfind(c)
        if j >= 0:
            left = left[j + 1:]
    right = text[b:b + 40]
    cut = min((right.find(c) for c in _STOP if c in right), default=len(right))
    right = right[:cut]
    before, after = _clean(left)[-WINDOW:], _clean(right)[:WINDOW]
    raw_after = right.lstrip(" *")
    dateline = is_year(f) and bool(_DATELINE.match(raw_after))
    return _Ctx(f, before, after, dateline)


def _common_suffix(x: str, y: str) -> int:
    n = 0
    while n < len(x) and n < len(y) and x[-1 - n] == y[-1 - n]:
        n += 1
    return n


def _common_prefix(x: str, y: str) -> int:
    n = 0
    while n < len(x) and n < len(y) and x[n] == y[n]:
        n += 1
    return n


def is_year(f: Figure) -> bool:
    """A year, also when the extractor took a slipped one for a span (6025年 is not 19xx/20xx)."""
    if f.kind is Kind.YEAR:
        return True
    return (f.kind is Kind.DURATION and f.unit == "年" and f.value is not None and f.value >= 1000
            and f.value == int(f.value) and f.text.rstrip("年").isdigit())


def _key(f: Figure) -> tuple[str, str | None]:
    if is_year(f):
        return ("year", None)
    return (f.kind.value, f.unit)


class _SourceYears:
    def __init__(self, text: str, figures: list[Figure]) -> None:
        self.by_key: dict[tuple[str, str | None], list[_Ctx]] = {}
        for f in figures:
            self.by_key.setdefault(_key(f), []).append(_context(text, f))


def source_years(index) -> _SourceYears:
    """The source's years and durations with their contexts, read once per index."""
    sy = getattr(index, "_years", None)
    if sy is None:
        sy = _SourceYears(index.text, years_of(index.text))
        index._years = sy
    return sy


@dataclass(slots=True)
class YearMatch:
    figure: Figure  # the text's year or duration
    source: Figure | None  # the source figure it restates (None: silent)
    score: int = 0
    faithful: bool = True
    shared: str = ""  # the shared words, for the message


def _score(t: _Ctx, s: _Ctx) -> tuple[int, int]:
    a = _common_suffix(t.before, s.before)
    b = _common_prefix(t.after, s.after)
    return a + b, b


def match_years(index, text: str, figures: list[Figure] | None = None) -> list[YearMatch]:
    """Every year and duration of ``text`` whose context restates a source one, with its verdict."""
    sy = source_years(index)
    out: list[YearMatch] = []
    for f in years_of(text, figures):
        t = _context(text, f)
        if t.dateline:
            continue
        cands = sy.by_key.get(_key(f), [])
        best_same = -1
        best_diff: tuple[int, int, _Ctx] | None = None
        for s in cands:
            sc, after = _score(t, s)
            if s.figure.value == f.value:
                best_same = max(best_same, sc)
            elif after >= MIN_AFTER and sc - after >= 1 and sc >= MIN_SCORE and not s.dateline:
                if best_diff is None or sc > best_diff[0]:
                    best_diff = (sc, after, s)
        if best_diff is not None and best_same < best_diff[0] - MARGIN + 1:
            sc, after, s = best_diff
            a = _common_suffix(t.before, s.before)
            shared = (t.before[len(t.before) - a:] + "…" + t.after[:after]) if a else "…" + t.after[:after]
            out.append(YearMatch(f, s.figure, sc, False, shared))
        elif best_same >= MIN_SCORE:
            same = max((s for s in cands if s.figure.value == f.value), key=lambda s: _score(t, s)[0])
            out.append(YearMatch(f, same.figure, best_same, True))
    return out
