"""Did-you-mean over many names without comparing every pair.

A spec with 6,000 indicators and 9,000 rules naming unknown ids made the loader
compare every unknown id with every known one (54 million ``difflib`` ratios,
minutes). :class:`NameIndex` is a frozenset of names with a trigram index: a
lookup compares the word only with the few names that share its rarest trigrams,
so each lookup costs about the same whatever the number of names.

Small sets (up to :data:`SCAN_ALL` names) are still scanned whole, so the
suggestion for a typical spec is exactly what a full scan gives.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

__all__ = ["NameIndex", "SCAN_ALL"]

#: sets up to this size are compared name by name (exact best match)
SCAN_ALL = 300
#: a trigram shared by more names than this says little: it is not looked up
COMMON_GRAM = 400
#: names compared with difflib per lookup, at most
SHORTLIST = 40


def _grams(word: str) -> set[str]:
    w = f"\x02{word}\x03"
    return {w[i:i + 3] for i in range(len(w) - 2)} if len(w) >= 3 else {w}


class NameIndex(frozenset):
    """A frozenset of names (membership as usual) that can shortlist near names."""

    _index: dict[str, list[str]] | None = None

    def __new__(cls, names: Iterable[str] = ()):
        return super().__new__(cls, (n for n in names if isinstance(n, str)))

    def _built(self) -> dict[str, list[str]]:
        if self._index is None:
            index: dict[str, list[str]] = {}
            for name in sorted(self):
                for g in _grams(name):
                    index.setdefault(g, []).append(name)
            self._index = index
        return self._index

    def candidates(self, word: str) -> list[str]:
        """The names worth comparing with ``word`` (all of them for a small set), in a
        stable order: most shared trigrams first, then by name."""
        if len(self) <= SCAN_ALL:
            return sorted(self)
        index = self._built()
        shared: Counter[str] = Counter()
        for g in _grams(str(word)[:200]):
            names = index.get(g)
            if names and len(names) <= COMMON_GRAM:
                shared.update(names)
        return [n for n, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:SHORTLIST]]
