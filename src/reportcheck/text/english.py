"""English figures → :class:`~reportcheck.figure.Figure`.

The official translations of the work reports (and English news about them)
write the report's figures in words and Western magnitudes: ``140.19 trillion
yuan``, ``12.44 million urban jobs``, ``5.2 percent``, ``3 percentage points``,
``715 million metric tons``, ``more than 30 million``, ``about 5 percent``,
``5 to 5.5 percent``, ``a third``, ``doubled``. This module reads them into the
same :class:`Figure` the Chinese extractor produces, so that ``compare`` can set
one against the other:

- **Value and unit.** An amount is given in the project's own unit registry, at
  its base unit, with the magnitude word multiplied in: ``140.19 trillion yuan``
  → value 140190000000000, unit ``元``; ``715 million metric tons`` → 715000000
  ``吨``; ``370 million kilowatts`` → 370000000 ``千瓦``. So ``1.43万亿斤`` and
  ``715 million metric tons`` convert into each other through the registry
  (1 斤 = 0.5 kg). Percentages keep ``%``; percentage points are ``个百分点``.
  A count keeps the noun it counts (``extra["noun"]``) and takes the classifier
  the noun implies where that is clear (people → 人, households → 户,
  enterprises → 家), else no unit.
- **Rounding.** As on the Chinese side, a written figure is the interval of the
  values that round to it at its last written digit (``12.44 million`` →
  [12.435, 12.445] million), by :func:`~reportcheck.quantities.qualifiers.apply_qualifiers`.
- **Qualifiers.** English qualifier words are mapped onto the Chinese words of the
  project's one qualifier policy (:data:`ENGLISH_QUALIFIERS`): ``more than`` is read
  as 超过, ``at least`` as 不低于, ``about`` as 左右, ``nearly`` as 近, ``less than``
  as 不到 …; the interval follows from that word's role, never from a second policy.
  ``Figure.qualifier`` keeps the English words as written; ``extra["role_word"]``
  the Chinese word they were read as.
- **Kinds.** ``percentage points`` is a change in points; ``percent`` after a change
  word (rose by, an increase of, grew, down …) is growth, otherwise a share;
  ``doubled``/``N times``/``N-fold`` are multiples; a bare four-digit number from
  1900 to 2100 is a year; ``14th``, ``5G``, ``C919``, ``Five-Year Plan`` are ranks,
  labels and names, never amounts.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from reportcheck.figure import Figure, Kind
from reportcheck.quantities.interval import Interval
from reportcheck.quantities.numerals import Number
from reportcheck.quantities.qualifiers import apply_qualifiers, fraction_interval, rounding_interval
from reportcheck.text.english_words import (  # the vocabulary (data)
    ENGLISH_QUALIFIERS, _SUFFIX_QUALIFIERS, MAGNITUDE_WORDS, UNIT_WORDS, COUNT_NOUNS, _WORD_UNITS,
    _WORD_TENS, _FRACTIONS, _MULTIPLE_WORDS, _UP_WORDS, _DOWN_WORDS,
)

__all__ = ["extract_english", "is_english", "ENGLISH_QUALIFIERS", "MAGNITUDE_WORDS", "UNIT_WORDS"]

# -- the scanner -------------------------------------------------------------------------------

_NUM_WORD = "|".join(sorted(list(_WORD_UNITS) + list(_WORD_TENS), key=len, reverse=True))
_WORD_NUMBER = rf"(?:{_NUM_WORD})(?:-(?:{'|'.join(_WORD_UNITS)}))?(?:\s+hundred)?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_MAG = "|".join(MAGNITUDE_WORDS)
_FRAC = "|".join(sorted((re.escape(k) for k in _FRACTIONS), key=len, reverse=True))

_NUMBER_RE = re.compile(
    rf"""
    (?<![\w.$])(?:(?P<cur>US\$|\$|RMB\s?|¥)\s?)?
    (?:
        (?P<frac>{_FRAC})(?![\w-])
      | (?P<num>{_DIGITS}|(?<![\w-])(?:{_WORD_NUMBER})(?![\w]))
        (?:\s*(?P<mag>{_MAG})\b)?
        (?:\s*(?:-\s*|to\s+|and\s+|–\s*|—\s*)(?P<num2>{_DIGITS})(?:\s*(?P<mag2>{_MAG})\b)?)?
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

_UNIT_ALT = "|".join(sorted((re.escape(k) for k in UNIT_WORDS), key=len, reverse=True))
_AFTER_RE = re.compile(
    rf"""\s*-?\s*(?:
        (?P<pp>percentage[\s-]points?)
      | (?P<pct>percent|per\s?cent|%|pct)
      | (?P<times>times|-?fold)
      | (?P<unit>{_UNIT_ALT})(?![\w])
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def is_english(text: str) -> bool:
    """Is the text mostly Latin script (an English republication)?"""
    latin = sum(1 for c in text if "a" <= c.lower() <= "z")
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return latin > 0 and latin >= 3 * han


def _number_value(s: str) -> Number | None:
    s = s.strip()
    low = s.lower()
    if re.fullmatch(r"[\d,]*\.?\d+", s):
        plain = s.replace(",", "")
        if plain.startswith("."):
            plain = "0" + plain
        d = Decimal(plain)
        exp = -len(plain.split(".")[1]) if "." in plain else 0
        return Number(d, exp)
    hundred = low.endswith("hundred")
    if hundred:
        low = low[: -len("hundred")].strip()
    total = 0
    for part in low.split("-"):
        part = part.strip()
        if part in _WORD_UNITS:
            total += _WORD_UNITS[part]
        elif part in _WORD_TENS:
            total += _WORD_TENS[part]
        else:
            return None
    if hundred:
        return Number(Decimal(total * 100), 2)
    # a number written in words is exact to its last word (ten → tens place only if round)
    return Number(Decimal(total), 0)


def _scale(n: Number, exp: int) -> Number:
    return Number(n.value.scaleb(exp), n.exponent + exp)


def _sentence_bounds(text: str, a: int) -> tuple[int, int]:
    start = a
    while start > 0 and text[start - 1] not in "\n" and not (
        text[start - 1] in ".;!?" and (start - 1 == 0 or not text[start - 2].isdigit() or text[start:start + 1] == " ")
    ):
        start -= 1
    end = a
    while end < len(text) and text[end] not in "\n":
        if text[end] in ";!?":
            end += 1
            break
        if text[end] == "." and (end + 1 >= len(text) or not text[end + 1].isdigit()):
            end += 1
            break
        end += 1
    return start, end


def _words_before(text: str, a: int, n: int = 6) -> list[str]:
    seg = text[max(0, a - 80):a]
    # stop at a clause boundary
    cut = max(seg.rfind(","), seg.rfind(";"), seg.rfind("("), seg.rfind(":"))
    words = [w.lower() for w in _WORD_RE.findall(seg[cut + 1:] if cut >= 0 else seg)]
    return words[-n:]


def _prefix_qualifier(text: str, a: int) -> tuple[str | None, int]:
    """The qualifier right before position a (English words) and where it starts."""
    seg = text[max(0, a - 40):a]
    low = seg.lower()
    best = None
    for word in ENGLISH_QUALIFIERS:
        if word in _SUFFIX_QUALIFIERS:
            continue
        # the word, then optional "a total of"/"by"/"to" fillers, then the number
        m = re.search(rf"(?:^|[^\w]){re.escape(word)}\s+(?:(?:by|of|to|some|a\s+total\s+of|another|a\s+further)\s+)?\Z", low)
        if m and (best is None or len(word) > len(best[0])):
            best = (word, max(0, a - 40) + m.start() + (1 if m.group(0)[:1] and not m.group(0)[0].isalnum() else 0))
    if best is None:
        return None, a
    return best


def _suffix_qualifier(text: str, b: int) -> tuple[str | None, int]:
    """'61,000 or more', '61,000 people or more' (a noun of up to two words between)."""
    low = text[b:b + 40].lower()
    for word in _SUFFIX_QUALIFIERS:
        m = re.match(rf"(?:\s+[a-z][a-z-]*){{0,2}}?\s+{re.escape(word)}(?![\w])", low)
        if m:
            return word, b + m.end()
    return None, b


def _position(text: str, a: int, b: int, line_starts: list[int]) -> tuple[int, int, int, int]:
    import bisect

    li = bisect.bisect_right(line_starts, a) - 1
    lj = bisect.bisect_right(line_starts, max(a, b - 1)) - 1
    return li + 1, a - line_starts[li] + 1, lj + 1, b - line_starts[lj] + 1


def extract_english(text: str, *, file: str | None = None) -> list[Figure]:
    """Every figure of an English text, in order of position."""
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    out: list[Figure] = []
    taken_until = -1
    for m in _NUMBER_RE.finditer(text):
        if m.start() < taken_until:
            continue
        fig = _read(text, m, line_starts)
        if fig is not None:
            out.append(fig)
            taken_until = fig.end
    for m in re.finditer(r"\b(" + "|".join(_MULTIPLE_WORDS) + r")\b", text, re.IGNORECASE):
        out.append(_multiple_word(text, m, line_starts))
    out.sort(key=lambda f: f.start)
    return _merge_ranges(text, out, line_starts)


def _merge_ranges(text: str, figs: list[Figure], line_starts: list[int]) -> list[Figure]:
    """'5%-5.5%', '5 percent to 5.5 percent': one range, as '5 to 5.5 percent' is."""
    out: list[Figure] = []
    for f in figs:
        prev = out[-1] if out else None
        if (prev is not None and prev.unit == f.unit and prev.unit in ("%", "个百分点")
                and prev.value is not None and f.value is not None and prev.value < f.value
                and re.fullmatch(r"\s*(?:-|–|—|to)\s*", text[prev.end:f.start])):
            extra = dict(prev.extra)
            extra["range"] = (prev.value, f.value)
            out[-1] = _make(text, prev.start, f.end, None, prev.unit, prev.kind, prev.interval.hull(f.interval),
                            line_starts, prev.qualifier, extra)
            continue
        out.append(f)
    return out


def _multiple_word(text: str, m: re.Match, line_starts: list[int]) -> Figure:
    factor = Decimal(_MULTIPLE_WORDS[m.group(1).lower()])
    a, b = m.span()
    line, col, eline, ecol = _position(text, a, b, line_starts)
    sa, sb = _sentence_bounds(text, a)
    return Figure(
        text=m.group(0), value=factor, unit="倍", kind=Kind.MULTIPLE, interval=Interval.point(factor),
        start=a, end=b, line=line, column=col, end_line=eline, end_column=ecol,
        sentence=text[sa:sb].strip(), subject=_subject(text, sa, a),
        extra={"factor": factor, "doubling": True, "direction": "up"},
    )


def _subject(text: str, sa: int, a: int) -> str:
    seg = text[sa:a]
    cut = max(seg.rfind(","), seg.rfind(";"))
    return (seg[cut + 1:] if cut >= 0 else seg).strip()


def _read(text: str, m: re.Match, line_starts: list[int]) -> Figure | None:
    a, b = m.start(), m.end()
    raw = m.group(0)
    # a numeral glued to letters is a label or a name: 5G, C919, G20, 14th, 4th-generation
    after = text[b:b + 3]
    before = text[a - 1] if a > 0 else ""
    if m.group("frac") is None and m.group("num2") is None and m.group("mag") is None:
        if re.match(r"(?:st|nd|rd|th)\b", after, re.IGNORECASE):
            n = _number_value(m.group("num"))
            end = b + 2
            return _make(text, a, end, n.value if n else None, None, Kind.RANK,
                         Interval.point(n.value) if n else Interval.everything(), line_starts, None, {})
        if re.match(r"[A-Za-z]", after[:1]) or before.isalpha():
            return None
    if m.group("frac") is None:
        if re.match(r"-point\s+(?:decision|plan|rules?|guidelines?|measures?|principles?)", after + text[b + 3:b + 30]):
            n = _number_value(m.group("num") or "")  # the eight-point decision (八项规定): a name
            return _make(text, a, b, n.value if n else None, None, Kind.NAME,
                         Interval.point(n.value) if n else Interval.everything(), line_starts, None, {})
        if before == "-" and a > 1 and text[a - 2].isalpha():  # Covid-19, Chang'e-6: part of a name
            return None
        line_start = text.rfind("\n", 0, a) + 1
        if not text[line_start:a].strip() and re.match(r"[.)、]\s", text[b:b + 2]):  # "1. " list number
            return _make(text, a, b, None, None, Kind.LABEL, Interval.everything(), line_starts, None, {})
        if re.search(r"(?:version|no\.|number|article|chapter|item|phase)\s*\Z", text[max(0, a - 12):a], re.IGNORECASE):
            return None
        if re.search(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\Z",
                     text[max(0, a - 12):a]):
            n = _number_value(m.group("num") or "")
            return _make(text, a, b, n.value if n else None, None, Kind.DATE,
                         Interval.point(n.value) if n else Interval.everything(), line_starts, None, {})
    elif re.search(r"(?:first|second|latter|former|the|other)\s+\Z", text[max(0, a - 8):a], re.IGNORECASE) and \
            m.group("frac").lower() == "half":
        return None
    cur = m.group("cur")
    if m.group("frac"):
        frac = _FRACTIONS[m.group("frac").lower()]
        return _read_fraction(text, m, frac, line_starts)
    n = _number_value(m.group("num"))
    if n is None:
        return None
    word_number = not re.match(r"[\d.]", m.group("num"))
    mag = m.group("mag")
    if mag:
        n = _scale(n, MAGNITUDE_WORDS[mag.lower()])
    n2 = None
    if m.group("num2"):
        n2 = _number_value(m.group("num2"))
        if n2 is None:
            return None
        mag2 = m.group("mag2") or mag
        if mag2:
            n2 = _scale(n2, MAGNITUDE_WORDS[mag2.lower()])
            if not mag:  # "5 to 5.5 million": the magnitude is shared
                n = _scale(n, MAGNITUDE_WORDS[mag2.lower()])
                mag = mag2
    end = b
    unit = None
    kind = None
    extra: dict = {}
    am = _AFTER_RE.match(text, end)
    if am:
        if am.group("pp"):
            unit, kind = "个百分点", Kind.POINTS
        elif am.group("pct"):
            unit = "%"
        elif am.group("times"):
            if word_number and am.group("times").lower() == "times" and not re.match(
                    r"\s+(?:as|that|the|larger|higher|more|bigger|greater|of)\b", text[am.end():am.end() + 12]):
                unit, kind = "次", Kind.COUNT  # "lowered two times": occurrences (两次)
            else:
                unit, kind = "倍", Kind.MULTIPLE
        else:
            unit = UNIT_WORDS[am.group("unit").lower()]
        end = am.end()
    if cur:
        unit = "美元" if "$" in cur else "元"
    # years: a bare four-digit number between 1900 and 2100
    if (unit is None and not mag and n2 is None and re.fullmatch(r"(19|20)\d\d", m.group("num") or "")
            and not re.match(r"\s+(?:[a-z]+\s+)?(?:people|students|jobs|households|enterprises)", text[end:end + 30])):
        return _make(text, a, end, n.value, None, Kind.YEAR, Interval.point(n.value), line_starts, None, {})
    if n2 is not None and re.fullmatch(r"(19|20)\d\d", m.group("num") or "") and unit is None:
        return _make(text, a, end, n.value, None, Kind.YEAR, Interval.point(n.value), line_starts, None,
                     {"range": (n.value, n2.value)})
    # the word after: years of a plan are durations, hyphenated word numbers are names
    follow = text[end:end + 40]
    if word_number and raw[:1].isupper() and unit is None and not mag and (a > 0 and text[a - 1] not in "\n"):
        # Five Principles, Two Sessions: a capitalised number word mid-sentence is part of a name
        prev = text[:a].rstrip()
        if prev and prev[-1] not in ".!?:;—-":
            return _make(text, a, end, n.value, None, Kind.NAME, Interval.point(n.value), line_starts, None, {})
    if unit is None and re.match(r"-?\s?(?:year|month|day|week)s?\b", follow, re.IGNORECASE):
        wm = re.match(r"-?\s?(year|month|day|week)s?", follow, re.IGNORECASE)
        end2 = end + wm.end()
        kind_d = Kind.DURATION
        return _make(text, a, end2, n.value, {"year": "年", "day": "天"}.get(wm.group(1).lower(), wm.group(1).lower()),
                     kind_d, Interval.point(n.value), line_starts, None, {})
    if word_number and unit is None and not mag and re.match(r"-(?!(?:year|month|day|week|percent|fold|point)s?\b)[a-z]",
                                                               follow, re.IGNORECASE):
        # one-stop, one-off, one-China, zero-carbon, eight-point decision: a word, not a count
        return _make(text, a, end, n.value, None, Kind.NAME, Interval.point(n.value), line_starts, None, {})
    if unit is None and not mag and re.fullmatch(r"\d+\.0", m.group("num") or ""):  # Version 3.0, Area 3.0
        return _make(text, a, end, n.value, None, Kind.LABEL, Interval.point(n.value), line_starts, None, {})
    if unit is None and re.match(r"-\s?(?:generation|star|level|grade|class)\b", follow, re.IGNORECASE):
        return _make(text, a, end, n.value, None, Kind.LABEL, Interval.point(n.value), line_starts, None, {})
    # qualifiers
    qword, qstart = _prefix_qualifier(text, a)
    sword, send = _suffix_qualifier(text, end)
    words = [w for w in (qword, sword) if w]
    roles = [ENGLISH_QUALIFIERS[w] for w in words]
    before_words = _words_before(text, qstart if qword else a)
    direction = _direction(text, a, end, before_words)
    if direction is None and before_words[-1:] == ["by"]:
        # "... increased by 10.9 percent in X and by 10.4 percent in Y": the earlier change word
        sa0, _ = _sentence_bounds(text, a)
        direction = _direction(text, a, end, [w.lower() for w in _WORD_RE.findall(text[sa0:a])][-40:], scan_all=True)
    if kind is None:
        if unit == "%":
            kind = Kind.GROWTH if direction and not _level_to(text, a) else Kind.SHARE
        elif unit is None:
            kind = Kind.COUNT
            noun = _count_noun(follow)
            if noun:
                extra["noun"] = noun
                unit = COUNT_NOUNS.get(noun)
        else:
            kind = Kind.AMOUNT
    if direction and kind in (Kind.GROWTH, Kind.POINTS, Kind.AMOUNT, Kind.COUNT, Kind.MULTIPLE):
        extra["direction"] = direction
    if n2 is not None:
        lo = apply_qualifiers(n, [])
        hi = apply_qualifiers(n2, [])
        interval = lo.hull(hi)
        extra["range"] = (n.value, n2.value)
        value = None
    else:
        exact = kind is Kind.COUNT and not mag and n.exponent == 0
        interval = apply_qualifiers(n, roles, exact=exact) if roles else rounding_interval(n, exact=exact)
        value = n.value
    if word_number and not mag and unit is None:
        extra["weak"] = True  # "one", "two lists": often not a figure of the source (one-off, one-stop)
    if mag:
        extra["magnitude"] = mag.lower()
    extra["mantissa"] = _number_value(m.group("num")).value
    if roles:
        extra["role_word"] = "+".join(roles)
    if _flag(before_words, "预计"):
        extra["estimate_word"] = True
    if sword:
        end = send
    start = min(qstart, a) if qword else a
    fig = _make(text, a, end, value, unit, kind, interval, line_starts, "+".join(words) if words else None, extra,
                qual_start=start)
    return fig


def _read_fraction(text: str, m: re.Match, frac: Fraction, line_starts: list[int]) -> Figure:
    a, b = m.span()
    qword, qstart = _prefix_qualifier(text, a)
    roles = [ENGLISH_QUALIFIERS[qword]] if qword else []
    interval = fraction_interval(frac, roles)
    from reportcheck.quantities.qualifiers import fraction_value

    end = b
    extra = {"fraction": f"{frac.numerator}/{frac.denominator}"}
    if roles:
        extra["role_word"] = roles[0]
    return _make(text, a, end, fraction_value(frac), None, Kind.SHARE, interval, line_starts, qword, extra,
                 qual_start=qstart if qword else a)


def _direction(text: str, a: int, end: int, before: list[str], scan_all: bool = False) -> str | None:
    after = [w.lower() for w in _WORD_RE.findall(text[end:end + 30])][:2]
    near = before if scan_all else before[-4:]
    for w in reversed(near):
        if w in _UP_WORDS:
            return "up"
        if w in _DOWN_WORDS:
            return "down"
    # "a 30-percent increase", "9.2 percent growth"
    for w in after[:1]:
        if w.strip("-") in ("increase", "rise", "growth", "gain", "jump"):
            return "up"
        if w.strip("-") in ("decrease", "decline", "drop", "fall", "cut", "reduction"):
            return "down"
    return None


def _level_to(text: str, a: int) -> bool:
    """'rose to 66.2 percent', 'climbed to about 10 percent': a level, not a change."""
    low = text[max(0, a - 30):a].lower()
    return bool(re.search(r"\b(?:to|from)\s+(?:(?:about|around|nearly|over|more than|approximately|roughly)\s+)?\Z",
                          low))


def _count_noun(follow: str) -> str | None:
    m = re.match(r"\s*(?:(?:new|more|additional|urban|rural|college|registered|poor|eligible)\s+)*([a-z][a-z-]*)",
                 follow, re.IGNORECASE)
    if not m:
        return None
    words = re.match(r"\s*((?:[a-z-]+\s+){0,2}[a-z-]+)", follow, re.IGNORECASE)
    if words:
        phrase = words.group(1).lower()
        for k in sorted(COUNT_NOUNS, key=len, reverse=True):
            if phrase.startswith(k) or (" " + k) in (" " + phrase):
                return k
    word = m.group(1).lower()
    return None if word in _NOT_NOUNS else word


_NOT_NOUNS = frozenset("and or of in to the a an for from with by at on as than were was is are will be has have "
                       "this that over last year years".split())


def _flag(before: list[str], which: str) -> bool:
    return any(ENGLISH_QUALIFIERS.get(w) == which for w in before[-3:])


def _make(text: str, a: int, end: int, value, unit, kind: Kind, interval: Interval, line_starts: list[int],
          qualifier: str | None, extra: dict, qual_start: int | None = None) -> Figure:
    line, col, eline, ecol = _position(text, a, end, line_starts)
    sa, sb = _sentence_bounds(text, a)
    return Figure(
        text=text[a:end].strip(), value=value, unit=unit, kind=kind, interval=interval, qualifier=qualifier,
        start=a, end=end, line=line, column=col, end_line=eline, end_column=ecol,
        sentence=text[sa:sb].strip(), subject=_subject(text, sa, qual_start if qual_start is not None else a),
        stretch=any(ENGLISH_QUALIFIERS.get(w) == "力争" for w in _words_before(text, a)),
        estimate="estimate_word" in extra,
        extra=extra,
    )
