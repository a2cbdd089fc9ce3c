"""Where a candidate locator matches, without scanning the whole document per candidate.

``make_locator`` tries a few templates per figure (``before{}``, ``before{}after``) and asks
how many places each matches. Searched template by template, every try scanned the whole
text: lint was quadratic in the document's length (issue 18: lint on 1 MB took minutes).

:class:`LeadIndex` is built once per document: every place where a number character
(an Arabic digit or a Chinese numeral, what a locator's number can start with) follows
some text, keyed by the :data:`KEY` characters before it (blanks in between skipped, as
the lead's ``\\s*`` skips them). A template whose leading context is plain text (no digit,
no blank, no ``*``, at least ``KEY`` characters) then looks up only the places its lead's
last characters precede a number, checks the whole lead there, and hands those places to
:func:`reportcheck.spec.locate_fast.locate_literal`, which reads the number, unit and
trailing context exactly as before. Any other template goes to
:func:`reportcheck.spec.bind.locate` unchanged: the matches are the same either way
(``tests/test_lint_speed.py`` compares them on the corpus).
"""

from __future__ import annotations

import re
from bisect import bisect_left

#: characters of the key: the end of the lead
KEY = 3


class LeadIndex:
    """Number positions of one plain text, keyed by the text just before them."""

    def __init__(self, text: str, digit: str, cn_num: str) -> None:
        self.text = text
        by_key: dict[str, list[tuple[int, int]]] = {}
        for m in re.finditer(rf"[{digit}{cn_num}]", text):
            q = m.start()
            e = q
            while e > 0 and text[e - 1].isspace():  # what the lead's trailing \s* takes
                e -= 1
            if e < KEY:
                continue
            by_key.setdefault(text[e - KEY:e], []).append((e, q))
        self._by_key = by_key

    def leads(self, lead: str):
        """``leads(pos)`` for :func:`locate_literal`: the next (start, number position) of
        ``lead`` followed by blanks and a number character, at or after ``pos``."""
        text = self.text
        n = len(lead)
        places = [(e - n, q) for e, q in self._by_key.get(lead[-KEY:], ()) if e >= n and text.startswith(lead, e - n)]
        starts = [s for s, _ in places]

        def next_lead(pos: int):
            k = bisect_left(starts, pos)
            return places[k] if k < len(places) else None

        return next_lead


def usable(before: str) -> bool:
    """Whether a leading context can be looked up in the index (else: the binder's own search)."""
    return len(before) >= KEY and not any(c.isspace() or c == "*" for c in before)


def locate_indexed(template: str, plain, index: LeadIndex | None, limit: int | None):
    """The matches of ``template`` in ``plain`` (a PlainText), as :func:`reportcheck.spec.bind.locate` gives them."""
    from reportcheck.spec import bind
    from reportcheck.spec.locate_fast import locate_literal
    from reportcheck.spec.model import PLACEHOLDER, Locator

    before, after = template.split(PLACEHOLDER, 1)
    if index is not None and usable(before):
        fast = locate_literal(before, after, plain.text, limit, context_pattern=bind._context_pattern,
                              digit=bind._DIGIT, cn_num=bind._CN_NUM, unit=bind._UNIT, leads=index.leads(before))
        if fast is not None:
            return [bind.Match(*plain.orig_span(a, b), num, unit) for a, b, num, unit in fast]
    return bind.locate(Locator(template=template), plain, limit=limit)
