"""How targets read a report: period and status of its figures, and subject similarity.

Both come from ``reportcheck compare`` (:mod:`reportcheck.compare.period`,
:mod:`reportcheck.compare.subject`): one reading of a report for both commands.
This module is the one place targets calls them.
"""

from __future__ import annotations

from reportcheck import periods as _periods
from reportcheck.compare import period as _period
from reportcheck.compare import subject as _subject

When = _period.When

__all__ = ["When", "whens", "report_year", "Similarity", "review_end", "normalize", "multi_year"]

normalize = _subject.normalize


report_year = _periods.report_year


def whens(text: str, figures, year: int | None = None) -> list[When]:
    """Each figure's period and status (actual / estimate / target), from the report's sections."""
    return _period.source_whens(text, figures, year)


def multi_year(text: str, fig, year: int) -> bool:
    """Whether the words around a figure make it a multi-year figure (五年来，…年均增长8%),
    which the section reading alone leaves as the year's: the cue reading of compare."""
    return _period.text_when(text, fig, year).span is not None


def review_end(text: str, year: int) -> int:
    """Where the first plan (target) section of a report starts (the review is before it)."""
    for s in _periods.sections(text, year):
        if s.mode == "target":
            return s.start
    return len(text)


class Similarity:
    """Subject similarity over a set of subjects (term weights from all of them)."""

    def __init__(self, subjects: list[str]):
        self._terms = {s: _subject.terms(s) for s in set(subjects)}
        self._vocab = _subject.Vocabulary(self._terms.values())

    def terms(self, s: str) -> dict[str, float]:
        t = self._terms.get(s)
        if t is None:
            t = self._terms[s] = _subject.terms(s)
        return t

    def __call__(self, a: str, b: str) -> float:
        """How much of ``a`` (a target's subject) ``b`` (an outcome's) covers, in [0, 1]."""
        return _subject.similarity(self.terms(a), self.terms(b), self._vocab)

    def coverage(self, a: str, b: str) -> float:
        """The share of ``a``'s terms (weighted by rarity) that ``b`` has too, in [0, 1]."""
        return _subject.coverage(self.terms(a), self.terms(b), self._vocab)

    @staticmethod
    def why(a: str, b: str) -> list[str]:
        return _subject.shared_words(a, b)
