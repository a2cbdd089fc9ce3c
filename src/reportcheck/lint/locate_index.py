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

from reportcheck.spec.locate_fast import KEY, LeadIndex, usable  # noqa: F401 (the index lives beside its user)


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
    if index is not None:  # a digit in a context: the regex, tried only near the candidates
        windows = locate_windows(template, plain, limit)
        if windows is not None:
            return windows
    return bind.locate(Locator(template=template), plain, limit=limit)


# --------------------------------------------------------------------------------------
# templates with a digit in the leading context: their compiled regex, tried only near
# the numbers its literal end precedes (not searched over the whole text)
# --------------------------------------------------------------------------------------
_VIEWS: list = [None, None, None, 0]  # [plain, LeadIndex of its collapsed view, the view, longest digit run]


def _view_index(plain):
    from reportcheck.spec import bind

    if _VIEWS[0] is not plain:
        view, vmap = bind._blanks_collapsed(plain)
        runs = [len(m.group()) for m in re.finditer(rf"[{bind._DIGIT}]+", view)]
        _VIEWS[:] = [plain, LeadIndex(view, bind._DIGIT, bind._CN_NUM), view, max(runs, default=0)]
    return _VIEWS[1], _VIEWS[2], _VIEWS[3]


def _literal_end(before: str) -> str:
    """The end of ``before`` its regex matches literally: after its last number and the
    unit the context pattern lets vary after it (``5%，其中`` → ``，其中``)."""
    from reportcheck.spec import bind

    k = len(before)
    while k > 0 and not before[k - 1].isdigit():
        k -= 1
    if k:
        k += bind._unit_after(before, k)
    return before[k:]


def locate_windows(template: str, plain, limit: int | None):
    """The matches of ``template`` (``bind.locate``'s regex path), or None when its leading
    context does not end in ``KEY`` plain characters after its last digit.

    Every match's number follows (blanks aside) the lead's literal end, so it sits at a
    number position of the index under that key; the match starts at most ``span``
    characters before it (each literal character one, each number of the context at most
    the text's longest digit run twice plus a unit, each blank one: the view has no run of
    blanks). Trying the regex at each start in those windows, in increasing order, finds
    what ``finditer`` finds: the leftmost match at or after the last match's end."""
    from reportcheck.spec import bind
    from reportcheck.spec.model import PLACEHOLDER, Locator

    before, after = template.split(PLACEHOLDER, 1)
    end = _literal_end(before)
    if len(end) < KEY or not usable(end) or "*" in before:
        return None
    index, view, longest = _view_index(plain)
    runs = len(re.findall(r"[0-9０-９]+", before))
    span = len(before) + runs * (2 * longest + 2 + 11) + 2
    pat = bind.compile_locator(Locator(template=template))
    _, vmap = bind._blanks_collapsed(plain)
    places = index.leads(end)
    out = []
    cpos = 0  # candidates: literal ends starting here or later
    tried = 0  # every start below this was tried (or lies inside the last match)
    while True:
        nxt = places(cpos)
        if nxt is None:
            break
        q = nxt[1]
        m = None
        for s in range(max(tried, q - span), q + 1):
            m = pat.match(view, s)
            if m is not None:
                break
        if m is None:
            tried = max(tried, q + 1)
            cpos = nxt[0] + 1
            continue
        a, b = m.start("num"), m.end("unit")
        if vmap is not None:
            a, b = vmap[a], vmap[b - 1] + 1
        out.append(bind.Match(*plain.orig_span(a, b), m.group("num"), m.group("unit")))
        if limit is not None and len(out) >= limit:
            break
        tried = cpos = max(m.end(), m.start() + 1)
    return out
