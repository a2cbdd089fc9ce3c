"""Locating a template without compiling its regex (issue 19: lint tried ~265 templates per
document, and compiling each — the number and unit character classes dominate — was a
quarter of lint's time).

:func:`reportcheck.spec.locate.compile_locator` turns ``before{}after`` into one regex
``L (?P<num>NUM)\\s*(?P<unit>UNIT{0,10}?) A``. When neither context holds a digit, L and
A are literal text with ``\\s*`` for whitespace, and that regex's matches can be found
exactly without it: the literal lead is searched (a small regex, cheap to compile), the
number is read at the position after it by one precompiled pattern, and the lazy unit is
grown one character at a time until the trailing context matches — the order in which the
regex engine backtracks. Why only those candidates can match:

- an Arabic number is tried only at its longest reading: a shorter one leaves a digit,
  ``,`` or ``.digit`` next, which neither the unit (no digits, no ``,``) nor a digit-free
  trailing context can start with (a trailing context starting with ``,`` or ``.`` takes
  the regex);
- a Chinese-numeral number is tried from its longest reading down (the unit may take
  numeral characters: 三十五万 + 元 against a context 万元 needs 三十五);
- the whitespace after the number is taken greedily: the unit cannot start with
  whitespace, and a trailing context starting with whitespace absorbs it the same way.

``locate_literal`` returns None when the template is not of that form (a digit in a
context, an empty lead): the caller compiles the regex then.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

_DIGITS = frozenset("0123456789０１２３４５６７８９")


@lru_cache(maxsize=4)
def _parts(digit: str, cn_num: str, unit: str):
    arabic = re.compile(rf"[{digit}]+(?:,[0-9]{{3}})*(?:[.．][{digit}]+)?")
    cn = re.compile(rf"[{cn_num}]+")
    unit_char = re.compile(unit.split("{", 1)[0])  # the unit's character class, one character
    ws = re.compile(r"\s*")
    behind = frozenset("0123456789０１２３４５６７８９.．")
    return arabic, cn, unit_char, ws, behind


def literal_context(ctx: str) -> bool:
    return not any(c in _DIGITS for c in ctx)


def locate_literal(before: str, after: str, text: str, limit: int | None, *, context_pattern,
                   digit: str, cn_num: str, unit: str, leads=None):
    """[(num_start, unit_end, number, unit)] of the template's regex over ``text`` (plain
    text), in order, as ``finditer`` gives them; None when the fast path does not apply.

    The caller (:func:`reportcheck.spec.locate.locate`) passes its own pieces: the context
    translation and the number and unit character classes (no import back into bind).

    ``leads``: optionally, ``leads(pos) -> (start, end) | None``, the next place at or after
    ``pos`` where the leading context (and the blanks after it) occurs *followed by a number
    character*, as the lead's regex search would find it — an index built once per document
    (:mod:`reportcheck.lint.locate_index`) instead of a scan of the whole text per template.
    Skipping lead occurrences not followed by a number changes nothing: such an occurrence
    never matches and only moves the search on by one character."""
    if (not before.strip() or not literal_context(before) or not literal_context(after)
            or after.lstrip()[:1] in (",", ".", "．")):  # a shorter reading of 5,000 / 5.5 could match: regex
        if _shared_index(text, digit, cn_num) is not None:
            return locate_near(before, after, text, limit, digit=digit, cn_num=cn_num)
        return None
    if leads is None and usable(before):
        index = _shared_index(text, digit, cn_num)
        if index is not None:
            leads = index.leads(before)
    if leads is None:
        lead = re.compile(context_pattern(before) + r"\s*")

        def leads(pos: int):
            m = lead.search(text, pos)
            return None if m is None else (m.start(), m.end())
    tail = re.compile(context_pattern(after)) if after else None
    arabic, cn, unit_char, ws, behind = _parts(digit, cn_num, unit)
    out = []
    n = len(text)
    pos = 0
    while pos <= n:
        m = leads(pos)
        if m is None:
            break
        s, p = m
        found = None
        if not (p > 0 and text[p - 1] in behind):
            a = arabic.match(text, p)
            if a is not None:
                ends = [a.end()]
            else:
                c = cn.match(text, p)
                ends = list(range(c.end(), p, -1)) if c is not None else []
            for e in ends:
                u0 = ws.match(text, e).end()
                u = u0
                while True:
                    if tail is None:
                        found = (p, u, text[p:e], text[u0:u], u)
                        break
                    t = tail.match(text, u)
                    if t is not None:
                        found = (p, u, text[p:e], text[u0:u], t.end())
                        break
                    if u - u0 >= 10 or u >= n or not unit_char.match(text, u):
                        break
                    u += 1
                if found is not None:
                    break
        if found is None:
            pos = s + 1
            continue
        out.append(found[:4])
        if limit is not None and len(out) >= limit:
            break
        pos = found[4]
    return out


#: characters of the key: the end of the lead
KEY = 3
#: characters before a number position the sorted index compares (longer leads are
#: narrowed to the range of their last ``_SPAN`` characters, then checked whole)
_SPAN = 24


class LeadIndex:
    """Number positions of one plain text, sorted by the text just before them (read
    backwards), so that the places a lead precedes are one contiguous range.

    A lead is looked up once: its places are kept, sorted by position. The work over all
    the leads of a document is bounded by the number positions times the leads' lengths
    (each place is in the range of a lead only if the lead is the text before it), not by
    the leads times the positions — a text of ``1,1,1,…`` gave every lead the same few
    characters of key and every lookup a scan of the whole text (issue 18)."""

    def __init__(self, text: str, digit: str, cn_num: str) -> None:
        self.text = text
        entries: list[tuple[str, int, int]] = []
        for m in re.finditer(rf"[{digit}{cn_num}]", text):
            q = m.start()
            e = q
            while e > 0 and text[e - 1].isspace():  # what the lead's trailing \s* takes
                e -= 1
            if e < KEY or text[e - 1] in _DIGITS:  # a lead never ends in a digit
                continue
            entries.append((text[max(0, e - _SPAN):e][::-1], e, q))
        entries.sort()
        self._rkeys = [r for r, _, _ in entries]
        self._places = [(e, q) for _, e, q in entries]
        self._cache: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}

    def _of(self, lead: str) -> tuple[list[int], list[tuple[int, int]]]:
        hit = self._cache.get(lead)
        if hit is not None:
            return hit
        text, n = self.text, len(lead)
        probe = lead[::-1][:_SPAN]
        lo = bisect_left(self._rkeys, probe)
        hi = bisect_left(self._rkeys, probe + "\U0010ffff", lo)
        places = sorted((e - n, q) for e, q in self._places[lo:hi]
                        if n <= _SPAN or (e >= n and text.startswith(lead, e - n)))
        hit = ([s for s, _ in places], places)
        if len(self._cache) > 4096:  # leads of one document; bounded all the same
            self._cache.clear()
        self._cache[lead] = hit
        return hit

    def leads(self, lead: str):
        """``leads(pos)`` for :func:`locate_literal`: the next (start, number position) of
        ``lead`` followed by blanks and a number character, at or after ``pos``."""
        found: list = []  # looked up at the first call: a caller may not need it

        def next_lead(pos: int):
            if not found:
                found.extend(self._of(lead))
            starts, places = found
            k = bisect_left(starts, pos)
            return places[k] if k < len(places) else None

        return next_lead


def usable(before: str) -> bool:
    """Whether a leading context can be looked up in the index (else: the binder's own search)."""
    return len(before) >= KEY and not any(c.isspace() or c == "*" for c in before)


#: binding looks up many templates in one text: after this many calls on the same text, an
#: index of it is built (one pass) and digit-free, blank-free leads are looked up in it
_INDEX_AFTER = 8
#: texts longer than this are always scanned (the index holds an entry per number character)
_INDEX_MAX_CHARS = 1_000_000
_SHARED: list = [None, 0, None, None]  # [text, calls on it, its LeadIndex, (view, vmap, view index, longest digit run)]


def _shared_index(text: str, digit: str, cn_num: str, force: bool = False) -> "LeadIndex | None":
    if _SHARED[0] is not text:
        _SHARED[:] = [text, 0, None, None]
    _SHARED[1] += 1
    if _SHARED[2] is None and (force or _SHARED[1] >= _INDEX_AFTER) and len(text) <= _INDEX_MAX_CHARS:
        _SHARED[2] = LeadIndex(text, digit, cn_num)
    return _SHARED[2]


def _view(text: str, digit: str, cn_num: str):
    """The text with each run of blanks kept as its first character (what the compiled
    locator regex searches, as :func:`reportcheck.spec.locate._blanks_collapsed`), the map
    back, its index and its longest run of digits; computed once per shared text."""
    if _SHARED[3] is None:
        parts: list[str] = []
        vmap: list[int] | None = []
        pos = 0
        for m in re.finditer(r"\s{2,}", text):
            a = m.start() + 1
            parts.append(text[pos:a])
            vmap.extend(range(pos, a))
            pos = m.end()
        if parts:
            parts.append(text[pos:])
            vmap.extend(range(pos, len(text)))
            vmap.append(len(text))
            view = "".join(parts)
            index = LeadIndex(view, digit, cn_num)
        else:
            view, vmap, index = text, None, _SHARED[2]
        longest = max((len(m.group()) for m in re.finditer(rf"[{digit}]+", view)), default=0)
        _SHARED[3] = (view, vmap, index, longest)
    return _SHARED[3]


def _literal_end(before: str) -> str:
    """The end of ``before`` its regex matches literally: after its last number and the
    unit the context pattern lets vary after it (``5%，其中`` → ``，其中``)."""
    from reportcheck.spec.locator_pattern import _unit_after

    k = len(before)
    while k > 0 and not before[k - 1].isdigit():
        k -= 1
    if k:
        k += _unit_after(before, k)
    return before[k:]


def locate_near(before: str, after: str, text: str, limit: int | None, *, digit: str, cn_num: str):
    """The template's compiled regex (``bind.compile_locator``), tried only near the numbers
    its leading context's literal end precedes, in plain-text offsets as
    :func:`locate_literal` gives them; None when the lead does not end in ``KEY`` plain
    characters after its last number (the caller then searches the whole text).

    Every match's number follows (one blank of the view aside) the lead's literal end, so it
    sits at a number position of the view's index under that key; the match starts at most
    ``span`` characters before it (each character of the context one, each number of the
    context at most the view's longest digit run twice plus a separator and a unit of 10
    characters and a blank: the view has no run of blanks). Trying the regex at each start
    of those windows, in increasing order, finds what ``finditer`` finds: the leftmost match
    at or after the end of the previous one."""
    from reportcheck.spec.locator_pattern import compile_locator
    from reportcheck.spec.model import PLACEHOLDER, Locator

    end = _literal_end(before)
    if len(end) < KEY or not usable(end) or "*" in before:
        return None
    view, vmap, index, longest = _view(text, digit, cn_num)
    runs = len(re.findall(rf"[{digit}]+", before))
    span = len(before) + runs * (2 * longest + 2 + 11) + 2
    pat = compile_locator(Locator(template=before + PLACEHOLDER + after))
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
        out.append((a, b, m.group("num"), m.group("unit")))
        if limit is not None and len(out) >= limit:
            break
        tried = cpos = max(m.end(), m.start() + 1)
    return out
