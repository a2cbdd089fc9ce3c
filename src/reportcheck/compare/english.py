"""An English translation checked against the Chinese report it renders.

A translation follows its source closely: paragraph after paragraph, sentence
after sentence, mostly figure after figure. So instead of matching each English
figure to the whole report by meaning, the two texts are first **aligned**:

1. Both texts are cut into paragraphs (non-empty lines). Every English figure is
   read (:mod:`reportcheck.text.english`), every Chinese figure extracted.
2. An English figure *agrees* with a Chinese one when they are the same kind of
   number (a level in one dimension, a percentage, percentage points, a multiple),
   the written numbers agree (the same digits in the English figure's unit, or a
   coarser rounding of the source: 12 million for 1244万) and the qualified intervals
   meet, with no reversed qualifier or change direction. Paragraph pairs that share
   agreeing figures are **anchors**; a monotone alignment (dynamic programming, as for
   sentence alignment, a skewed chain paying for its skew) chooses the anchors, and an
   English paragraph between two anchors sits between their Chinese paragraphs.
3. Within an aligned paragraph and its neighbours (the automatic alignment of a
   corpus is sometimes one sentence off), every English figure is assigned, best score
   first, to the Chinese figure it agrees with or renders *with a recognisable slip*:
   a magnitude word off by a power of ten (亿 as million, 万亿 as billion, 万 as
   thousand), % as percentage points, the qualifier's direction reversed (以上 as
   "below"), the change's direction reversed, a digit transposed, changed, dropped or
   added. Where the alignment is unsure (a news story), the same written number
   anywhere in the source, then a slip only one source figure explains.
4. A slip is an error (category ``fidelity``; the English figure first, then the
   Chinese figure); an English figure that renders nothing is a warning (it cannot
   be verified); with ``complete`` every Chinese figure without a rendering is a
   warning citing the Chinese figure.

Modules: :mod:`~reportcheck.compare.english_norm` (one figure in comparable form, how two
relate, and the ``Pair`` a match is) · this one (paragraph alignment and the matching) ·
:mod:`~reportcheck.compare.english_findings` (findings, and a figure rendered in English).
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportcheck.compare.english_findings import _error, _missing, _unmatched, english_rendering
from reportcheck.compare.english_norm import Pair, Relation, _digits, _norm, _Norm, _scale_value, relate
from reportcheck.compare.english_norm import paragraph_of as _paragraph_of
from reportcheck.figure import Figure, Kind
from reportcheck.findings import Finding, Result
from reportcheck.text.english import extract_english, is_english

__all__ = ["compare_english", "is_english", "align_paragraphs", "Pair", "english_rendering"]

# -- paragraphs and their alignment ---------------------------------------------------------------------

_SKEW = 0.05
#: a slip's base score by its strength (agreeing: 4 with the same digits, 3 as a rounding)
_SLIP_SCORE = {5: 2.5, 4: 2.2, 3: 1.8, 2: 1.5, 1: 1.0, 0: 0.0}


def align_paragraphs(n_zh: int, n_en: int, anchors: dict[tuple[int, int], float]) -> list[float]:
    """For every English paragraph, the (fractional) Chinese paragraph it renders.

    A monotone alignment maximising the anchor weights (every pair (i, j) in ``anchors``
    says Chinese paragraph i and English paragraph j share agreeing figures); English
    paragraphs between two aligned ones are interpolated; with no anchor, by proportion.
    """
    chosen: list[tuple[int, int]] = []
    if anchors:
        pairs = sorted(anchors)
        # longest weighted increasing chain over (i, j) pairs: O(p²), p = number of anchor pairs
        best = [0.0] * len(pairs)
        prev = [-1] * len(pairs)
        for a, (i, j) in enumerate(pairs):
            best[a] = anchors[(i, j)]
            for b in range(a):
                bi, bj = pairs[b]
                if bi < i and bj < j:
                    # a chain that skews (paragraphs inserted on one side only) pays for the skew,
                    # so that one coincidental agreement far off the diagonal cannot bend the alignment
                    score = best[b] + anchors[(i, j)] - _SKEW * abs((i - bi) - (j - bj))
                    if score > best[a]:
                        best[a] = score
                        prev[a] = b
        a = max(range(len(pairs)), key=lambda x: best[x])
        while a >= 0:
            chosen.append(pairs[a])
            a = prev[a]
        chosen.reverse()
    pos: list[float] = []
    scale = (n_zh / n_en) if n_en else 1.0
    for j in range(n_en):
        left = max((p for p in chosen if p[1] <= j), default=None, key=lambda p: p[1])
        right = min((p for p in chosen if p[1] >= j), default=None, key=lambda p: p[1])
        if left and left[1] == j:
            pos.append(float(left[0]))
        elif left and right:
            t = (j - left[1]) / (right[1] - left[1])
            pos.append(left[0] + t * (right[0] - left[0]))
        elif left:
            pos.append(left[0] + (j - left[1]))
        elif right:
            pos.append(right[0] - (right[1] - j))
        else:
            pos.append(j * scale)
    return pos


# -- Chinese figures the extractor does not read, that translations render -------------------------------

_ROUND_MAG = re.compile(r"(上|数|近)?([十百千])(万亿|亿|万)(斤|元|吨|千瓦时|千瓦|亩|公里|人次|人|户|家)?")
_PREFIX_ROLE_WORD = {"上": "以上", "近": "近"}  # 上千万 = upwards of 10 million (the role of 以上)


def source_supplement(text: str, figures: list[Figure]) -> list[Figure]:
    """一半 / 过半 (the compare package's adapter), and round magnitudes written as words:
    千亿斤 (100 billion jin), 上千万家庭 (upwards of 10 million households) — figures the
    official English renders (50 million metric tons, over 10 million households)."""
    from reportcheck.quantities.numerals import Number
    from reportcheck.quantities.qualifiers import apply_qualifiers

    taken = [(f.start, f.end) for f in figures]
    out: list[Figure] = []
    try:
        from reportcheck.compare.adapters import half_figures
    except ImportError:  # pragma: no cover - the adapter lives with the compare package
        half_figures = None
    if half_figures is not None:
        out.extend(f for f in half_figures(text) if not any(a < f.end and f.start < b for a, b in taken))
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    import bisect

    for m in _ROUND_MAG.finditer(text):
        a, b = m.span()
        if any(x < b and a < y for x, y in taken) or (a > 0 and text[a - 1] in "0123456789一二三四五六七八九十百千两"):
            continue
        q = text.rfind("“", 0, a)
        if q >= 0 and text.find("”", q, a) < 0:
            continue  # “千万工程”: a name in quotes
        pre, digit, mag, unit = m.groups()
        if pre == "数":
            continue  # 数千万: several tens of millions, no number to check
        value = Decimal({"十": 10, "百": 100, "千": 1000}[digit])
        words = [_PREFIX_ROLE_WORD[pre]] if pre in _PREFIX_ROLE_WORD else []
        num = Number(value, {"十": 1, "百": 2, "千": 3}[digit])
        full_unit = mag + (unit or "")
        kind = Kind.AMOUNT if unit and unit not in ("人", "人次", "户", "家") else Kind.COUNT
        li = bisect.bisect_right(line_starts, a) - 1
        out.append(Figure(
            text=m.group(0)[len(pre or ""):], value=value, unit=full_unit, kind=kind,
            interval=apply_qualifiers(num, words), qualifier="+".join(words) or None, start=a, end=b,
            line=li + 1, column=a - line_starts[li] + 1, end_line=li + 1, end_column=b - line_starts[li] + 1,
            sentence="", subject="", extra={"context": "round magnitude"},
        ))
    return out


# -- the comparison ----------------------------------------------------------------------------------

def _read_source(source) -> tuple[str, str | None]:
    if isinstance(source, str):
        return source, None
    text = getattr(source, "text", None)
    if text is None:
        raise TypeError("source must be the Chinese text or an object with .text")
    return text, getattr(source, "file", None)


def compare_english(source, text: str, *, complete: bool = False, source_file: str | None = None,
                    text_file: str | None = None) -> Result:
    """Check an English translation (or republication) against the Chinese report it renders."""
    from reportcheck.text.extract import extract

    import time

    started = time.perf_counter()
    src_text, src_file = _read_source(source)
    source_file = source_file or src_file
    zh_all = extract(src_text, file=source_file)
    zh_all = zh_all + source_supplement(src_text, zh_all)
    en_all = extract_english(text, file=text_file)
    positions: list[float] = []
    pairs, unrendered = match_english(src_text, zh_all, text, en_all, positions)
    findings: list[Finding] = []
    checks = passed = 0
    for p in pairs:
        checks += 1
        if p.relation is not None and p.relation.agree:
            passed += 1
            continue
        if p.chinese is not None and p.relation is not None and p.relation.slip:
            findings.append(_error(p, source_file, text_file))
        elif not p.english.extra.get("weak"):
            findings.append(_unmatched(p.english, text_file))
        else:
            passed += 1
    from reportcheck.compare.english_years import english_year_findings

    years = english_year_findings(src_text, zh_all, text, en_all, pairs, positions, source_file, text_file)
    findings.extend(years)
    checks += len(years)
    if complete:
        for z in unrendered:
            checks += 1
            findings.append(_missing(z, source_file))
    result = Result(findings, checks=checks, passed=passed, source=text_file, spec=source_file, text=text,
                    duration=time.perf_counter() - started)
    result.figures = [p.english for p in pairs]  # figure-like, with positions (html reporter)
    return result


def match_english(src_text: str, zh_all: list[Figure], text: str, en_all: list[Figure],
                  positions: list[float] | None = None) -> tuple[list[Pair], list[Figure]]:
    """Every English quantity paired with the Chinese figure it renders (or None), and the
    Chinese quantities nothing renders. ``positions``: a list to receive each English
    paragraph's aligned (fractional) Chinese paragraph."""
    zh_para_of_line = _paragraph_of(src_text)
    en_para_of_line = _paragraph_of(text)
    zh = [(f, _norm(f, False)) for f in zh_all if f.kind.is_quantity]
    zh = [(f, n) for f, n in zh if n is not None]
    en = [(f, _norm(f, True)) for f in en_all if f.kind.is_quantity]
    en_ok = [(f, n) for f, n in en if n is not None]
    zpara = [zh_para_of_line[f.line - 1] for f, _ in zh]
    epara = [en_para_of_line[f.line - 1] for f, _ in en_ok]
    n_zh = max(zh_para_of_line, default=-1) + 1
    n_en = max(en_para_of_line, default=-1) + 1
    # relations of every English figure to every Chinese figure (a few hundred each way)
    rel: list[list[Relation]] = [[relate(en_n, zh_n) for _, zh_n in zh] for _, en_n in en_ok]
    anchors: dict[tuple[int, int], float] = {}
    for a, row in enumerate(rel):
        for b, r in enumerate(row):
            if r.agree:
                key = (zpara[b], epara[a])
                # a rare value anchors more than a common one (5 percent is everywhere)
                anchors[key] = anchors.get(key, 0.0) + 1.0 / sum(1 for x in row if x.agree)
    pos = align_paragraphs(n_zh, n_en, anchors)
    if positions is not None:
        positions.extend(pos)
    # order of a figure within its paragraph, as a fraction (figures travel in order)
    zorder = _orders(zpara)
    eorder = _orders(epara)

    def distance(a: int, b: int) -> float:
        return abs(zpara[b] - pos[epara[a]]) + 0.3 * abs(zorder[b] - eorder[a])

    window = 1.5
    used: set[int] = set()
    result: list[Pair | None] = [None] * len(en_ok)
    # one greedy assignment over every pair in the window, best score first: agreeing with the
    # same written digits beats agreeing as a rounding, which beats a slip; each paragraph of
    # distance costs more than the difference, except that a specific slip in the figure's own
    # paragraph (5.2 percentage points for 增长5.2%) beats the same number a paragraph away
    scored = []
    for a, row in enumerate(rel):
        # a figure that renders some source figure exactly (the same digits) is not a weak slip of another
        exact_elsewhere = any(r.agree and _same_digits(en_ok[a][1], zh[b][1]) for b, r in enumerate(row))
        for b, r in enumerate(row):
            if r.slip and r.strength <= 3 and exact_elsewhere:
                continue
            if (r.agree or r.slip) and abs(zpara[b] - pos[epara[a]]) <= window:
                base = (4.0 if _same_digits(en_ok[a][1], zh[b][1]) else 3.0) if r.agree else _SLIP_SCORE[r.strength]
                d = distance(a, b)
                scored.append((-(base - 2 * d), d, a, b))
    scored.sort()
    for _s, d, a, b in scored:
        if result[a] is None and b not in used:
            result[a] = Pair(en_ok[a][0], zh[b][0], rel[a][b], _aligned(zh[b][0]))
            used.add(b)
    for _s, d, a, b in scored:  # a figure the English repeats may render a Chinese figure twice
        if result[a] is None and rel[a][b].agree and d <= 1.5 and en_ok[a][1].value == zh[b][1].value:
            result[a] = Pair(en_ok[a][0], zh[b][0], rel[a][b], "repeats a rendered figure")
    # fallback where the alignment is unsure (a news story, not a translation, has no anchors
    # near most of its figures): the same written number anywhere in the source, then a slip
    # that only one source figure can explain (magnitude, % ↔ points, qualifier; two or more digits)
    for a in range(len(en_ok)):
        if result[a] is not None:
            continue
        agree = [b for b in range(len(zh)) if rel[a][b].agree and _same_digits(en_ok[a][1], zh[b][1])]
        fresh = [b for b in agree if b not in used] or agree
        if fresh:
            b = min(fresh, key=lambda b: distance(a, b))
            result[a] = Pair(en_ok[a][0], zh[b][0], rel[a][b], "the same number elsewhere in the source")
            used.add(b)
    for a in range(len(en_ok)):
        if result[a] is not None:
            continue
        few_digits = len(re.sub(r"\D", "", en_ok[a][0].text)) < 2  # digits as written: 3,000 million has four
        written = len(re.sub(r"\D", "", en_ok[a][0].text))
        need = 5 if few_digits else 4 if written < 3 else 3  # a digit slip needs three written digits
        slips = [b for b in range(len(zh)) if b not in used and rel[a][b].slip and rel[a][b].strength >= need]
        if slips and len({(zh[b][0].text, zh[b][0].unit, rel[a][b].slip) for b in slips}) == 1:
            # one source figure (or several written alike: 3000亿元 twice) explains the slip
            b = min(slips, key=lambda b: distance(a, b))
            result[a] = Pair(en_ok[a][0], zh[b][0], rel[a][b],
                             "the only source figure it can render (alignment unsure)")
            used.add(b)
    # pass 3: a number the other side reads as a name, a rank or a span (十大行动 → the 10 major
    # initiatives; 五项原则 → the Five Principles): rendered, though not a quantity on one side
    zsoft = [f for f in zh_all if not f.kind.is_quantity and f.value is not None]
    esoft = [f for f in en_all if not f.kind.is_quantity and f.value is not None]
    for a in range(len(en_ok)):
        if result[a] is None:
            e = en_ok[a][0]
            for z in zsoft:
                if abs(zh_para_of_line[z.line - 1] - pos[epara[a]]) <= window and _plain_equal(e, z):
                    result[a] = Pair(e, z, Relation(True), "the same number, read as a name or span in the source")
                    break
    for b in range(len(zh)):
        if b in used:
            continue
        z = zh[b][0]
        for e in esoft:
            pe = en_para_of_line[e.line - 1]
            if pe >= 0 and abs(zpara[b] - pos[pe]) <= window and _plain_equal(e, z):
                used.add(b)
                break
    # a slip in a figure the English renders twice (around 5 percent … a target of around 5 percent)
    for a in range(len(en_ok)):
        if result[a] is None:
            near = [b for b in used if rel[a][b].slip and rel[a][b].strength >= 4 and distance(a, b) < 1]
            if near:
                b = min(near, key=lambda b: distance(a, b))
                result[a] = Pair(en_ok[a][0], zh[b][0], rel[a][b], "renders again a figure of its paragraph")
    pairs: list[Pair] = []
    k = 0
    for f, n in en:
        if n is None:
            pairs.append(Pair(f, None, None, "not a comparable quantity"))
            continue
        pairs.append(result[k] or Pair(f, None, None, "no Chinese figure in the aligned paragraphs"))
        k += 1
    unrendered = [zh[b][0] for b in range(len(zh)) if b not in used]
    return pairs, unrendered


def _same_digits(en: _Norm, zh: _Norm) -> bool:
    if en.value is None or zh.value is None:
        return False
    return _digits(_scale_value(en.value, 1 / en.unit_f)) == _digits(_scale_value(zh.value, 1 / en.unit_f))


def _plain_equal(e: Figure, z: Figure) -> bool:
    ev = e.extra.get("mantissa", e.value)
    return ev is not None and z.value is not None and Decimal(ev) == z.value and not e.extra.get("magnitude")


def _aligned(z: Figure) -> str:
    return f"its paragraph is aligned with source line {z.line} (paragraphs aligned on the figures that agree)"


def _orders(paras: list[int]) -> list[float]:
    counts: dict[int, int] = {}
    for p in paras:
        counts[p] = counts.get(p, 0) + 1
    seen: dict[int, int] = {}
    out = []
    for p in paras:
        k = seen.get(p, 0)
        seen[p] = k + 1
        out.append(k / max(1, counts[p] - 1) if counts[p] > 1 else 0.5)
    return out


