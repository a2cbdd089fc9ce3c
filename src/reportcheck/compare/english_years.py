"""Years in an English translation against the Chinese paragraphs it renders.

A translation names years the Chinese says in other words (去年 → in 2024, 今年 → this
year or 2025, “十四五” → the 14th Five-Year Plan period, 2021-2025) and adds some of its
own (since the 18th National Congress in 2012). So a year is compared only against the
Chinese paragraphs its paragraph renders — those of the Chinese figures its quantities
render, else (a heading, a sentence without quantities) where the paragraph alignment
puts it — and their neighbours, and only against the years they name, explicitly or by
those words. It is an error (``fidelity-year``) when the English
year is none of them but one digit away from a year the Chinese writes (2023 for 2024,
2025 for 2035): a slip, not an added date. Any other year is silent.
"""

from __future__ import annotations

from reportcheck import periods
from reportcheck.compare import period as _period
from reportcheck.compare.english_norm import Pair
from reportcheck.compare.english_norm import paragraph_of as _paragraph_of
from reportcheck.figure import Figure, Kind
from reportcheck.findings import Category, Finding, FigureRef, Severity

__all__ = ["english_year_findings"]

def _other_years(para: str, year: int) -> set[int]:
    """The years a Chinese paragraph names in words (去年, 今年, “十四五”, 五年来), read
    with compare's period vocabulary."""
    out: set[int] = set()
    for key, d in (("last_year", -1), ("this_year", 0), ("next_year", 1)):
        if any(w in para for w in periods.WORDS[key]):
            out.add(year + d)
    for m in _period._SPAN_NAMED.finditer(para):
        a, b = periods.plan_span(m.group(1))
        out.update(range(a, b + 1))
    if _period._SPAN_PAST.search(para):
        out.update(range(year - 5, year))
    if _period._SPAN_NEXT.search(para):
        out.update(range(year, year + 5))
    return out


def _one_digit(a: int, b: int) -> bool:
    x, y = str(a), str(b)
    return len(x) == len(y) and sum(p != q for p, q in zip(x, y)) == 1


def _ref(fig: Figure, file: str | None) -> FigureRef:
    return FigureRef(indicator=None, text=fig.text, value=fig.value, unit=fig.unit, file=file, line=fig.line,
                     column=fig.column, end_line=fig.end_line, end_column=fig.end_column)


def english_year_findings(src_text: str, zh_all: list[Figure], text: str, en_all: list[Figure],
                          pairs: list[Pair], positions: list[float], source_file: str | None,
                          text_file: str | None) -> list[Finding]:
    """An error for each English year that is one digit off a year its Chinese paragraphs write."""
    years = [f for f in en_all if f.kind is Kind.YEAR and f.value is not None]
    if not years:
        return []
    zpara_of = _paragraph_of(src_text)
    epara_of = _paragraph_of(text)
    zparas = [line for line in src_text.split("\n") if line.strip()]
    report_year = periods.report_year(src_text)
    # the years each Chinese paragraph writes, as the extractor reads them
    zyears: dict[int, list[Figure]] = {}
    for f in zh_all:
        if f.kind is Kind.YEAR and f.value is not None and zpara_of[f.line - 1] >= 0:
            zyears.setdefault(zpara_of[f.line - 1], []).append(f)
    # the Chinese paragraphs each English paragraph renders: those of its agreeing quantities
    renders: dict[int, set[int]] = {}
    for p in pairs:
        if p.chinese is None or p.relation is None or not p.relation.agree:
            continue
        pe, pz = epara_of[p.english.line - 1], zpara_of[p.chinese.line - 1]
        if pe >= 0 and pz >= 0:
            renders.setdefault(pe, set()).add(pz)
    out: list[Finding] = []
    for e in years:
        pe = epara_of[e.line - 1]
        at = set(renders.get(pe, ()))
        if not at and renders and 0 <= pe < len(positions):
            at = {round(positions[pe])}  # a heading or a sentence without quantities: where the alignment puts it
        near = {z + d for z in at for d in (-1, 0, 1) if 0 <= z + d < len(zparas)}
        if not near:
            continue  # nothing rendered anywhere: no alignment to go by
        written = {int(f.value) for z in near for f in zyears.get(z, ())}
        other: set[int] = set()
        for z in near:
            other |= _other_years(zparas[z], report_year)
        v = int(e.value)
        if v in written or v in other:
            continue
        close = sorted(y for y in written if _one_digit(v, y))
        if not close:
            continue
        zh = next((f for z in sorted(near) for f in zyears.get(z, ()) if int(f.value) in close), None)
        figures = (_ref(e, text_file),) + ((_ref(zh, source_file),) if zh is not None else ())
        shown = "、".join(f"{y}年" for y in close)
        out.append(Finding(
            id="fidelity-year", check="fidelity", category=Category.FIDELITY, severity=Severity.ERROR,
            message=f"{e.text} contradicts the source's {shown}: the paragraph it renders names no {v}",
            figures=figures, verdict="fail",
            suggestion=f"write {close[0]} as the source does" + (f" — source line {zh.line}" if zh else "")))
    return out
