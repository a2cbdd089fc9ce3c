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

``locate_literal`` hands a template not of that form (a digit in a context, a trailing
context starting with ``,``/``.``) to :func:`locate_near` once the text is indexed: the
regex's matches found by :class:`TemplateMatcher` (the same regex matched piece by piece
in Python, in the engine's backtracking order) near the numbers one of its literal pieces
precedes. Where neither applies (an empty lead, no literal piece before a number, a piece
too common to be worth it) it returns None and the caller compiles the regex.
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


#: the shortest lead :func:`usable` looks up (the index itself holds places after leads of any length)
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
            if e < 1 or text[e - 1] in _DIGITS:  # a lead never ends in a digit
                continue
            entries.append((text[max(0, e - _SPAN):e][::-1], e, q))
        entries.sort()
        self._rkeys = [r for r, _, _ in entries]
        self._places = [(e, q) for _, e, q in entries]
        self._cache: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}

    def _of(self, lead: str) -> list[tuple[int, int]]:
        """(end of the lead, number position) of each place the lead precedes, by position."""
        hit = self._cache.get(lead)
        if hit is not None:
            return hit
        text, n = self.text, len(lead)
        probe = lead[::-1][:_SPAN]
        lo = bisect_left(self._rkeys, probe)
        hi = bisect_left(self._rkeys, probe + "\U0010ffff", lo)
        if n <= _SPAN:
            hit = sorted(self._places[lo:hi])
        else:
            hit = sorted(p for p in self._places[lo:hi] if p[0] >= n and text.startswith(lead, p[0] - n))
        if len(self._cache) > 4096:  # leads of one document; bounded all the same
            self._cache.clear()
        self._cache[lead] = hit
        return hit

    def count(self, lead: str) -> int:
        """How many number positions the lead's last ``_SPAN`` characters precede (two bisections)."""
        probe = lead[::-1][:_SPAN]
        lo = bisect_left(self._rkeys, probe)
        return bisect_left(self._rkeys, probe + "\U0010ffff", lo) - lo

    def leads(self, lead: str):
        """``leads(pos)`` for :func:`locate_literal`: the next (start, number position) of
        ``lead`` followed by blanks and a number character, at or after ``pos``."""
        n = len(lead)
        found: list = []  # looked up at the first call: a caller may not need it

        def next_lead(pos: int):
            if not found:
                found.append(self._of(lead))
            places = found[0]
            k = bisect_left(places, (pos + n,))  # the first place whose lead starts at pos or later
            if k == len(places):
                return None
            e, q = places[k]
            return e - n, q

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


# the operations of a template matched without its regex (:class:`TemplateMatcher`)
_LIT, _WS, _NUM, _UNIT_OP, _FIG, _FIG_UNIT = range(6)


class TemplateMatcher:
    """A locator template's compiled regex (``bind.compile_locator``), matched at a given
    start without compiling it: ``match(view, s)`` is ``pattern.match(view, s)``'s
    (num start, num end, unit end, match end), or None.

    The regex is a sequence of pieces (:func:`reportcheck.spec.locator_pattern.context_tokens`
    for the contexts, then the figure: a number, blanks, a lazy unit) without alternation
    across pieces, so the regex engine's first match at ``s`` is the first path of a
    depth-first search that tries each piece's readings in the engine's order: greedy
    repetitions (``\s*``, the digits of a number, ``(?:,[0-9]{3})*``, ``(?:[.．]…)?``)
    longest first, the lazy unit shortest first, the figure's Arabic reading before its
    Chinese-numeral one. A reading is skipped only where the next pieces provably fail on it
    (a shorter digit run leaves a digit, which only a digit can follow). Compiling a
    template's regex cost ~0.5 ms (the number and unit character classes); lint tries ~80
    templates with a digit in a context per report (issue 19)."""

    def __init__(self, before: str, after: str, digit: str, cn_num: str, unit: str) -> None:
        from reportcheck.spec.locator_pattern import context_tokens

        self._setup(context_tokens(before), context_tokens(after), bool(before), digit, cn_num, unit)

    def _setup(self, lead, tail, has_lead: bool, digit: str, cn_num: str, unit: str) -> None:
        """The pieces of ``lead{}tail`` (context tokens); ``has_lead``: the template has text
        before ``{}`` (markup only counts: compile_locator then adds the lead's ``\\s*``)."""
        from reportcheck.spec.locator_pattern import BLANKS, LIT, NUM

        prog: list[tuple[int, str]] = []

        def add(tokens) -> None:
            for kind, t in tokens:
                if kind == LIT:
                    prog.append((_LIT, t))
                elif kind == BLANKS:
                    prog.append((_WS, ""))
                elif kind == NUM:
                    prog.append((_NUM, ""))
                else:  # NUM_UNIT: \s* then the lazy unit
                    prog.append((_WS, ""))
                    prog.append((_UNIT_OP, ""))

        add(lead)
        if has_lead and not (lead and lead[-1][0] == BLANKS):
            prog.append((_WS, ""))  # compile_locator: the lead's trailing \s*
        self.fig_at = len(prog)
        prog += [(_FIG, ""), (_WS, ""), (_FIG_UNIT, "")]
        add(tail)
        self.prog = prog
        self._anchors = self._find_anchors()
        self.pattern: re.Pattern | None = None
        self.calls = 0
        # inside_run[i]: can pieces i… match at a position inside a run of digits (a digit
        # before it and at it)? Only a digit can be read there; the figure's look-behind fails.
        inside = [True] * (len(prog) + 1)
        for i in range(len(prog) - 1, -1, -1):
            op, t = prog[i]
            if op == _LIT:
                inside[i] = t[0] in _DIGITS
            elif op in (_WS, _UNIT_OP, _FIG_UNIT):
                inside[i] = inside[i + 1]  # empty at a digit (neither blank nor unit)
            elif op == _NUM:
                inside[i] = True
            else:
                inside[i] = False
        self.inside = inside
        # next_lit[i]: the literal text piece i+1 must start with (a reading of piece i after
        # which it does not is not followed further: it would fail there)
        self.next_lit = [prog[i + 1][1] if i + 1 < len(prog) and prog[i + 1][0] == _LIT else None
                         for i in range(len(prog))]
        self.digit_run, self.digit_char, self.cn_run, self.unit_char, self.digits, self.behind = \
            _classes(digit, cn_num, unit)

    def anchors(self) -> list[tuple[str, int]]:
        """(literal text, ops before it) of each literal piece of the lead directly followed
        (blanks aside) by a number: every match has that text just before a number position
        (a text repeated in the lead counted once, at its first place: the shortest window)."""
        return self._anchors

    def _find_anchors(self) -> list[tuple[str, int]]:
        out = []
        seen = set()
        for i in range(self.fig_at):
            op, t = self.prog[i]
            if op != _LIT or t in seen or t[-1] in _DIGITS or any(c.isspace() or c == "*" for c in t):
                continue
            seen.add(t)
            j = i + 1
            if j < len(self.prog) and self.prog[j][0] == _WS:
                j += 1
            if j < len(self.prog) and self.prog[j][0] in (_NUM, _FIG):
                out.append((t, i))
        return out

    def prefix_span(self, i: int, longest: int) -> int:
        """The most characters of the view ops 0…i-1 can match (a run of blanks is one
        character in the view; a context number at most two digit runs and a separator)."""
        n = 0
        for op, t in self.prog[:i]:
            n += len(t) if op == _LIT else 1 if op == _WS else 2 * longest + 1 if op == _NUM else 10
        return n

    def match(self, text: str, s: int):
        if self.pattern is not None:
            m = self.pattern.match(text, s)
            return None if m is None else (m.start("num"), m.end("num"), m.start("unit"), m.end("unit"), m.end())
        self.calls += 1
        r = self._m(text, 0, s, None)
        return None if r is None else (r[1][0], r[1][1], r[1][2], r[1][3], r[0])

    def compile_if_busy(self, template: str) -> None:
        """After ``_COMPILE_AFTER`` matches in Python, the shape's regex (cached by ``re``)
        takes over: a text whose templates share one shape (1001、1002、…) matches it at
        C speed; a report's templates are nearly all of distinct shapes and never get here."""
        if self.pattern is None and self.calls > _COMPILE_AFTER:
            from reportcheck.spec.locator_pattern import compile_locator
            from reportcheck.spec.model import Locator

            self.pattern = compile_locator(Locator(template=template))

    def _m(self, text: str, i: int, pos: int, caps):
        prog = self.prog
        n = len(text)
        while i < len(prog):
            op, t = prog[i]
            if op == _LIT:
                if not text.startswith(t, pos):
                    return None
                pos += len(t)
                i += 1
            elif op == _WS:
                e = _BLANK.match(text, pos).end()
                if e == pos:
                    i += 1
                    continue
                lit = self.next_lit[i]
                for p in range(e, pos - 1, -1):
                    if lit is None or text.startswith(lit, p):
                        r = self._m(text, i + 1, p, caps)
                        if r is not None:
                            return r
                return None
            elif op == _UNIT_OP or op == _FIG_UNIT:
                lit = self.next_lit[i]
                p = pos
                while True:
                    if lit is None or text.startswith(lit, p):
                        r = self._m(text, i + 1, p, caps if op == _UNIT_OP else (caps[0], caps[1], pos, p))
                        if r is not None:
                            return r
                    if p - pos >= 10 or p >= n or not self.unit_char.match(text, p):
                        return None
                    p += 1
            elif op == _NUM:
                r1 = self.digit_run.match(text, pos).end()
                if r1 == pos:
                    return None
                inside = self.inside[i + 1]
                for e1 in range(r1, pos, -1):
                    if e1 < r1 and not inside:
                        break
                    if e1 + 1 < n and text[e1] in ".．" and text[e1 + 1] in self.digits:
                        r2 = self.digit_run.match(text, e1 + 1).end()
                        for e2 in range(r2, e1 + 1, -1):
                            if e2 < r2 and not inside:
                                break
                            r = self._m(text, i + 1, e2, caps)
                            if r is not None:
                                return r
                    r = self._m(text, i + 1, e1, caps)
                    if r is not None:
                        return r
                return None
            else:  # _FIG: (?<![D.．])(?:[D]+(?:,[0-9]{3})*(?:[.．][D]+)?|[CN]+)
                if pos > 0 and text[pos - 1] in self.behind:
                    return None
                r1 = self.digit_run.match(text, pos).end()
                inside = self.inside[i + 1]
                for e1 in range(r1, pos, -1):
                    if e1 < r1 and not inside:
                        break
                    reps = [e1]
                    e = e1
                    while text.startswith(",", e) and _THREE.match(text, e + 1):
                        e += 4
                        reps.append(e)
                    for e in reversed(reps):
                        if e + 1 < n and text[e] in ".．" and text[e + 1] in self.digits:
                            r2 = self.digit_run.match(text, e + 1).end()
                            for e2 in range(r2, e + 1, -1):
                                if e2 < r2 and not inside:
                                    break
                                r = self._m(text, i + 1, e2, (pos, e2))
                                if r is not None:
                                    return r
                        r = self._m(text, i + 1, e, (pos, e))
                        if r is not None:
                            return r
                c = self.cn_run.match(text, pos).end()
                for e in range(c, pos, -1):
                    r = self._m(text, i + 1, e, (pos, e))
                    if r is not None:
                        return r
                return None
        return pos, caps


_BLANK = re.compile(r"\s*")
_THREE = re.compile(r"[0-9]{3}")


def _expand(cls: str) -> str:
    """The characters of a character-class body such as ``0-9０-９``."""
    out, i = [], 0
    while i < len(cls):
        if i + 2 < len(cls) and cls[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(cls[i]), ord(cls[i + 2]) + 1))
            i += 3
        else:
            out.append(cls[i])
            i += 1
    return "".join(out)


@lru_cache(maxsize=4)
def _classes(digit: str, cn_num: str, unit: str):
    digits = frozenset(_expand(digit))
    return (re.compile(rf"[{digit}]*"), re.compile(rf"[{digit}]"), re.compile(rf"[{cn_num}]*"),
            _parts(digit, cn_num, unit)[2], digits, digits | {".", "．"})


def _matcher(before: str, after: str, digit: str, cn_num: str, unit: str) -> TemplateMatcher:
    from reportcheck.spec.locator_pattern import context_tokens

    return _matcher_of(context_tokens(before), context_tokens(after), bool(before), digit, cn_num, unit)


@lru_cache(maxsize=2048)
def _matcher_of(lead, tail, has_lead: bool, digit: str, cn_num: str, unit: str) -> TemplateMatcher:
    """One matcher per shape: templates that differ only in their context numbers (1001、1002、{}
    and 2001、2002、{}) are the same regex."""
    mt = TemplateMatcher.__new__(TemplateMatcher)
    mt._setup(lead, tail, has_lead, digit, cn_num, unit)
    return mt


#: most (anchor places × window) a template is matched at without its regex
_NEAR_BUDGET = 4000
#: Python matches of one template shape after which its compiled regex is used instead
_COMPILE_AFTER = 300


def locate_near(before: str, after: str, text: str, limit: int | None, *, digit: str, cn_num: str,
                unit: str | None = None):
    """The template's compiled regex (``bind.compile_locator``) as ``finditer`` over the
    text's blank-collapsed view would find it, in plain-text offsets as
    :func:`locate_literal` gives them — tried only near the numbers one of its literal
    pieces precedes, by :class:`TemplateMatcher` (no regex compiled); None when no literal
    piece of the lead can be looked up (the caller then searches the whole text).

    The anchor is the literal piece of the lead, directly followed by a number, with the
    fewest places in the view's index. Every match holds it just before a number position,
    and starts at most the prefix span before it (:meth:`TemplateMatcher.prefix_span`).
    Trying the starts of those windows in increasing order finds what ``finditer`` finds:
    the leftmost match at or after the end of the previous one (a match at an earlier start
    would have its anchor in an earlier window, or in this one)."""
    from reportcheck.spec.locator_pattern import _UNIT

    mt = _matcher(before, after, digit, cn_num, unit or _UNIT)
    mt.compile_if_busy(before + "{}" + after)
    anchors = mt.anchors()
    if not anchors:
        return None
    view, vmap, index, longest = _view(text, digit, cn_num)
    count, _, lead, i = min((index.count(t), -len(t), t, i) for t, i in anchors)
    span = mt.prefix_span(i, longest)
    if count * (span + 1) > _NEAR_BUDGET:
        return None  # a short, common anchor: compiling the regex and one scan is cheaper
    first = mt.prog[0][1] if mt.prog[0][0] == _LIT else None
    starts_with_number = mt.prog[0][0] == _NUM
    places = index.leads(lead)
    out = []
    cpos = 0  # candidates: anchors starting here or later
    tried = 0  # every start below this was tried (or lies inside the last match)
    while True:
        nxt = places(cpos)
        if nxt is None:
            break
        a = nxt[0]
        m = None
        s = max(tried, a - span)
        while s <= a:
            if first is not None:  # a match starts with the lead's first literal piece
                s = view.find(first, s, a + len(first))
                if s < 0:
                    break
            elif starts_with_number:  # … or with a digit
                d = mt.digit_char.search(view, s, a + 1)
                if d is None:
                    break
                s = d.start()
            m = mt.match(view, s)
            if m is not None:
                break
            s += 1
        if m is None:
            tried = max(tried, a + 1)
            cpos = a + 1
            continue
        x, y = m[0], m[3]
        if vmap is not None:
            x, y = vmap[x], vmap[y - 1] + 1
        out.append((x, y, view[m[0]:m[1]], view[m[2]:m[3]]))
        if limit is not None and len(out) >= limit:
            break
        tried = cpos = max(m[4], s + 1)
    return out
