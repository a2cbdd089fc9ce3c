"""Subject similarity: is this figure about the same thing as that one?

A republication names an indicator its own way (GDP for 地区生产总值, 固投, 社零).
Subjects are compared as bags of characters and character bigrams after the
aliases of a small synonym table (``subjects.txt``, data) are replaced by their
canonical name; each term is weighted by its inverse document frequency over
the source's figures, so 企业 (everywhere) counts for little and 瞪羚 for much.
Character terms need no word segmenter and no dictionary download; the shared
terms are kept so that a finding can say *why* two figures were matched.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources

__all__ = ["normalize", "terms", "Vocabulary", "Weighted", "similarity", "weighted_similarity", "shared_words", "SYNONYMS"]

#: canonical name → aliases, read from subjects.txt
SYNONYMS: dict[str, tuple[str, ...]] = {}


def _load() -> None:
    raw = resources.files("reportcheck.compare").joinpath("subjects.txt").read_text(encoding="utf-8")
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or "=" not in line:
            continue
        canon, _, aliases = line.partition("=")
        names = tuple(a.strip() for a in aliases.split(",") if a.strip())
        SYNONYMS[canon.strip()] = names


_load()

_ALIAS: dict[str, str] = {}
for _canon, _aliases in SYNONYMS.items():
    for _a in _aliases:
        _ALIAS.setdefault(_a.upper(), _canon)
    _ALIAS[_canon.upper()] = _canon
_ALIAS_RE = re.compile("|".join(re.escape(a) for a in sorted(_ALIAS, key=len, reverse=True)), re.IGNORECASE)

# characters that carry no subject: digits, latin punctuation, CJK punctuation, markup, spaces
_NOISE = re.compile(r"[\s\d.,;:!?()（）【】\[\]{}<>《》“”‘’\"'、，。；：！？·•◆◇●○■□▲△▶►▸★☆◎※—\-*#|/%％~～]+")
# function characters that say nothing about the subject
_STOP = frozenset("的了和与及等在对为是把将着其并从向由以于之而或但就也都")


@lru_cache(maxsize=8192)
def normalize(s: str) -> str:
    """Aliases replaced by their canonical name (GDP → 地区生产总值), noise removed."""
    s = _ALIAS_RE.sub(lambda m: _ALIAS[m.group().upper()], s)
    return _NOISE.sub(" ", s).strip()


def terms(s: str, weight: float = 1.0, into: dict[str, float] | None = None) -> dict[str, float]:
    """Character unigrams (weight/3) and bigrams (weight) of a normalized subject.

    With ``into``, terms are added to that dict keeping the larger weight of a term.
    """
    out = {} if into is None else into
    for chunk in normalize(s).split():
        prev = ""
        for ch in chunk:
            if ch in _STOP:
                prev = ""
                continue
            w = weight / 3
            if out.get(ch, 0.0) < w:
                out[ch] = w
            if prev:
                bg = prev + ch
                if out.get(bg, 0.0) < weight:
                    out[bg] = weight
            prev = ch
    return out


class Vocabulary:
    """Inverse document frequencies over a set of term dicts (one per source figure)."""

    __slots__ = ("n", "df", "_max")

    def __init__(self, docs) -> None:
        self.df: dict[str, int] = {}
        n = 0
        for d in docs:
            n += 1
            for t in d:
                self.df[t] = self.df.get(t, 0) + 1
        self.n = n
        self._max = math.log(n + 1) + 1.0

    def idf(self, term: str) -> float:
        df = self.df.get(term)
        if df is None:
            return self._max
        return math.log((self.n + 1) / (df + 0.5)) + 1.0


class Weighted:
    """A term dict with each weight multiplied by the term's idf, and its total (for speed)."""

    __slots__ = ("w", "total")

    def __init__(self, terms_: dict[str, float], vocab: Vocabulary) -> None:
        idf = vocab.idf
        self.w = {t: v * idf(t) for t, v in terms_.items()}
        self.total = sum(self.w.values())


def weighted_similarity(a: Weighted, b: Weighted) -> float:
    """:func:`similarity` on idf-weighted terms (the matcher's inner loop)."""
    if not a.total or not b.total:
        return 0.0
    bw = b.w
    num = 0.0
    for t, wa in a.w.items():
        wb = bw.get(t)
        if wb:
            num += wa if wa < wb else wb
    if num == 0.0:
        return 0.0
    return 0.75 * num / a.total + 0.25 * num / b.total


def _overlap(a: dict[str, float], b: dict[str, float], idf) -> tuple[float, float]:
    """(weight of a's terms that b has too, weight of all a's terms), each term weighted by rarity."""
    num = den_a = 0.0
    for t, wa in a.items():
        i = idf(t)
        den_a += wa * i
        wb = b.get(t)
        if wb:
            num += (wa if wa < wb else wb) * i
    return num, den_a


def coverage(a: dict[str, float], b: dict[str, float], vocab: Vocabulary) -> float:
    """The share of ``a``'s terms (weighted by rarity) that ``b`` has too, in [0, 1]."""
    num, den = _overlap(a, b, vocab.idf)
    return num / den if den else 0.0


def similarity(a: dict[str, float], b: dict[str, float], vocab: Vocabulary) -> float:
    """How much of subject ``a`` (the republished figure) ``b`` (a source figure) covers.

    0.75 × (weighted share of a's terms found in b) + 0.25 × (the same for b in a):
    coverage of the republication's words matters most, and the second part
    prefers the more specific of two source figures that both cover it.
    """
    if not a or not b:
        return 0.0
    idf = vocab.idf
    num, den_a = _overlap(a, b, idf)
    if num == 0.0:
        return 0.0
    den_b = 0.0
    for t, wb in b.items():
        den_b += wb * idf(t)
    return 0.75 * num / den_a + 0.25 * num / den_b


def shared_words(a: str, b: str, min_len: int = 2) -> list[str]:
    """The longest common stretches of two subjects (after normalization): the 'why'."""
    import difflib

    na, nb = normalize(a).replace(" ", ""), normalize(b).replace(" ", "")
    sm = difflib.SequenceMatcher(None, na, nb, autojunk=False)
    blocks = sorted((blk for blk in sm.get_matching_blocks() if blk.size >= min_len), key=lambda x: -x.size)
    return [na[blk.a: blk.a + blk.size] for blk in blocks[:3]]
