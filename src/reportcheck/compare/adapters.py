"""Small adapters over the core, kept in one place so that they can be re-pointed.

``half_figures``: 一半 / 半数 / 过半 are shares (1/2) that ``extract`` does not read
today; they are built here as Figures with the core's fraction policy
(``qualifiers.fraction_interval``) and the core's qualifier words.
"""

from __future__ import annotations

import re
from fractions import Fraction

from reportcheck.figure import Figure, Kind
from reportcheck.quantities.qualifiers import PREFIX_WORDS, SUFFIX_WORDS, fraction_interval, fraction_value

__all__ = ["half_figures"]

_HALF = re.compile(r"(?<![多大])(?:一半|半数|过半)")
_SENT_END = "。！？!?\n"
_CLAUSE_END = "，,；;：:" + _SENT_END


def half_figures(text: str) -> list[Figure]:
    """一半 / 半数 / 过半 (with the qualifier words around them) as share figures."""
    if "半" not in text:
        return []
    from reportcheck.text.document import LineIndex

    out = []
    index = None
    for m in _HALF.finditer(text):
        a, b = m.start(), m.end()
        words = []
        if m.group() == "过半":
            words.append("过")
        else:
            for w in PREFIX_WORDS:
                if text.startswith(w, a - len(w)) and a - len(w) >= 0:
                    words.append(w)
                    a -= len(w)
                    break
        for w in SUFFIX_WORDS:
            if text.startswith(w, b):
                words.append(w)
                b += len(w)
                break
        frac = Fraction(1, 2)
        iv = fraction_interval(frac, tuple(words))
        if index is None:
            index = LineIndex(text)
        line, col = index.position(a)
        end_line, end_col = index.position(b)
        s0 = max(text.rfind(c, 0, a) for c in _SENT_END) + 1
        s1 = min((i for i in (text.find(c, b) for c in _SENT_END) if i >= 0), default=len(text))
        c0 = max(text.rfind(c, 0, a) for c in _CLAUSE_END) + 1
        context = text[c0:a]
        out.append(Figure(
            text=text[a:b].replace("*", ""), value=fraction_value(frac), unit=None, kind=Kind.SHARE, interval=iv,
            qualifier="+".join(words) or None, start=a, end=b, line=line, column=col, end_line=end_line,
            end_column=end_col, sentence=text[s0:s1].strip(), subject=context.strip(),
            extra={"fraction": "1/2", "context": context},
        ))
    return out
