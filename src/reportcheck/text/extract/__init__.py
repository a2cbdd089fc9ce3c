"""Every figure of a text: number, unit, qualifier, interval, kind, span, sentence, subject.

``extract(text)`` finds every written number — Arabic (incl. full-width),
Chinese numerals, mixed (``1.6万``, ``3万5千``), ranges, fractions, doublings — and
returns one :class:`~reportcheck.figure.Figure` per number, in text order.

How it works (linear time):

1. Full-width digits/signs are mapped to ASCII one-for-one and markdown ``**``
   markers are removed (:class:`reportcheck.text.plain.PlainText`, which maps
   offsets back, so spans and columns are those of the original text).
2. One precompiled regex (bounded quantifiers, no nested repetition) finds the
   candidate numbers; per candidate, anchored ``match`` calls read what follows
   (unit, qualifiers) and short look-backs read what precedes (第, qualifiers,
   kind cues). Work per candidate is bounded, so extraction is O(n).
3. A second pass over the figures joins list members (``95%、97%以上``,
   ``分别下降7.1%、14.1%``), sharing cue, unit and trailing qualifier, and gives
   each its subject.

Modules: :mod:`.vocabulary` (the words and patterns, as data; the unit words come
from the unit registry's units.txt) · :mod:`.raw` (a figure under construction, the
text's clause and sentence bounds) · :mod:`.candidates` (stage 2: reading one
number) · :mod:`.words` (the words around it: unit, 多/余, qualifiers, 第) ·
:mod:`.classify` (its kind) · :mod:`.lists`
(stage 3: lists, shared qualifiers, subjects, intervals) · this module (stage 4:
figures with positions in the original text).

Interface decisions (see docs/extraction.md):

- Declines keep the value **as written (positive)**; ``extra["direction"]`` is
  ``"down"`` for 下降/减少/回落/降低…, ``"up"`` otherwise, on GROWTH and POINTS.
- ``extra["factor"]`` (Decimal) on MULTIPLE: the multiplicative factor —
  ``增长1.2倍`` → 2.2, ``翻番`` → 2, ``翻两番`` → 4, ``是2倍`` → 2.
- Ranges (``3-5个``) have ``value=None``; the interval covers both ends and
  ``extra["range"] = (low, high)`` (Decimals).
- ``subject`` is the words the number is about, from the same clause
  (``总量`` for ``总量达到939家``); a list member after ``分别`` gets its own item;
  a figure whose clause names nothing (``、增长6.5%``) inherits the subject of
  the previous figure of its sentence. ``extra["context"]`` is the raw clause
  text before the figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from reportcheck.figure import Figure, _make_figure
from reportcheck.quantities.numerals import FULLWIDTH
from reportcheck.text.extract.candidates import _arabic_core, _read_all
from reportcheck.text.extract.lists import _qualified, _second_pass
from reportcheck.text.extract.raw import _Context, _Raw
from reportcheck.text.extract.vocabulary import (
    CLASSIFIERS,
    MEASURES,
    UNITS,
    _FULLWIDTH_CHARS,
    _FULLWIDTH_RUN,
    _SENTENCE_MAX,
    _SENTENCE_WINDOW,
)
from reportcheck.text.plain import PlainText

__all__ = ["extract", "UNITS", "CLASSIFIERS", "MEASURES"]

def extract(text: str, *, file: str | None = None) -> list[Figure]:
    """Every figure of ``text``, in order. ``file`` is only used in messages."""
    plain = PlainText(_normalize(text))
    s = plain.text
    ctx = _Context(s)
    raws = _read_all(s, ctx)
    _second_pass(s, raws, ctx)
    return _figures(text, plain, raws, ctx)


def _clear_caches() -> None:
    """Empty the bounded memos extraction uses (benchmarks measure a cold start with it)."""
    from reportcheck.quantities import numerals, qualifiers, units

    for memo in (numerals._parse_memo, numerals.split_magnitude, qualifiers._half_step,
                 _arabic_core, _qualified, units._split):
        memo.cache_clear()


def _normalize(text: str) -> str:
    """``text.translate(FULLWIDTH)``, translating only the full-width runs: str.translate
    looks up every character of a CJK text in the table (same result, a fraction of the time)."""
    fw = _FULLWIDTH_CHARS.search(text)
    if not fw:
        return text
    k = fw.start()
    return text[:k] + _FULLWIDTH_RUN.sub(_translate_run, text[k:])


def _translate_run(m: re.Match) -> str:
    return m.group().translate(FULLWIDTH)


def _figures(text: str, plain: PlainText, raws: list[_Raw], ctx: _Context) -> list[Figure]:
    s = plain.text
    orig_span = plain.orig_span
    starts = plain.index.starts  # the normalised text has the original's line breaks
    n_lines = len(starts)
    sent_ends = ctx.sent_ends
    n_sent = len(sent_ends)
    len_s = len(s)
    out: list[Figure] = []
    append = out.append
    make = _make_figure
    sent_cache: dict[int, str] = {}  # sentence index → its text (run-on sentences are not kept)
    for k in range(len(raws)):
        # each figure under construction is let go once its Figure is made (the Figure keeps
        # only its value objects): raws and figures are not both held whole
        r = raws[k]
        raws[k] = None  # type: ignore[call-overload]
        start, end = orig_span(r.a, r.b)
        # (line, column) as LineIndex.position; the end is nearly always on the start's line
        li = bisect_right(starts, start) - 1
        col = start - starts[li] + 1
        if li + 1 < n_lines and end >= starts[li + 1]:
            eli = bisect_right(starts, end) - 1
        else:
            eli = li
        end_col = end - starts[eli] + 1
        # r.si is the index of the sentence (found in stage 3); a sentence is cut once
        si = r.si
        sentence = sent_cache.get(si)
        if sentence is None:
            # the bounds as ctx.sentence(r.a)
            sa = sent_ends[si - 1] + 1 if si > 0 else 0
            if si < n_sent:
                sb = sent_ends[si]
                if s[sb] in "。！？!?":
                    sb += 1
            else:
                sb = len_s
            if sb - sa > _SENTENCE_MAX:
                # a run-on "sentence" (no 。 for pages): a window around the figure, so that
                # every figure carrying its sentence stays linear in the text's size
                wa = max(sa, min(r.a - _SENTENCE_WINDOW // 2, sb - _SENTENCE_WINDOW))
                sentence = s[wa : wa + _SENTENCE_WINDOW].strip()
            else:
                sentence = s[sa:sb].strip()
                sent_cache[si] = sentence
        quals = r.quals
        append(
            make(
                r.text, r.value, r.unit, r.kind,
                r.interval,  # every figure has one after stage 3
                "+".join(quals) if quals else None,
                start, end, li + 1, col, eli + 1, end_col,
                sentence, r.subject, r.stretch, r.estimate, r.extra,
            )
        )
    return out
