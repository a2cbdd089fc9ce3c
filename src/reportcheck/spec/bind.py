"""Binding a spec to a document: each indicator's figure, the indicator table, fidelity.

:func:`bind` is what ``reportcheck.check()`` calls::

    binding = bind(spec)                          # the spec's own source document
    binding = bind(spec, text=draft, file="draft.md")   # another version of it
    binding.table      # pandas DataFrame, one row per indicator (reportcheck.schema columns)
    binding.findings   # extraction and fidelity findings
    binding.figures    # {indicator id: Figure} for the indicators found

How an indicator finds its figure (the locator, see docs/spec.md; the search is
:mod:`reportcheck.spec.locate`):

1. The text is searched with markdown ``**`` removed (offsets are mapped back
   to the original text). The locator template — e.g.
   ``"新培育省级以上单项冠军、专精特新、瞪羚企业{}"`` — becomes a pattern:
   ``{}`` is a number (Arabic, full-width or Chinese numerals) followed by a
   short unit of any spelling; every other number in the context matches any
   number. So a draft with 993 for 939, 万元 for 亿元, or a changed
   neighbouring figure still binds.
2. No match → an ``extraction`` finding naming the indicator and its locator.
   Several matches and no ``occurrence`` → an ``extraction`` finding (ambiguous).
3. The figure at the match is the extracted :class:`~reportcheck.figure.Figure`
   whose span covers the number (``reportcheck.text.extract``); when the
   extractor read nothing there, the number and unit at the match are used.
4. Where the figure differs from the canonical value, unit or bounding
   qualifier (以上, 突破, 左右 … — not level words like 达到 or flags like 力争),
   a ``fidelity`` finding carries both. A value written in another unit of the
   same size (``1.6万个`` vs ``16000个``) is the same figure.

Declines: the extractor keeps 下降7.1% as 7.1 with ``extra["direction"] ==
"down"``; the table stores the signed change (-7.1, interval negated), the
convention of spec values.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportcheck.figure import Figure, Kind
from reportcheck.findings import Category, FigureRef, Finding, Severity
from reportcheck.quantities.interval import Interval
from reportcheck.quantities.qualifiers import DECLINE_WORDS, word_info, words_of
from reportcheck.quantities.qualifiers import bound_words as _policy_bound_words
from reportcheck.spec.locate import (  # noqa: F401 - the locating names stay importable from here
    _CN_NUM,
    _DIGIT,
    _UNIT,
    Match,
    _context_pattern,
    compile_locator,
    locate,
)
from reportcheck.spec.model import Indicator, Spec
from reportcheck.text.plain import LineIndex, PlainText

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["bind", "Binding", "locate", "Match", "compile_locator"]


# --------------------------------------------------------------------------------------
# binding
# --------------------------------------------------------------------------------------
@dataclass
class Binding:
    """The result of binding a spec to one document.

    - ``table``: the indicator table (pandas DataFrame; columns and dtypes of
      :mod:`reportcheck.schema`), one row per indicator of the spec, in spec
      order; indicators not found have NaN values and no position.
    - ``findings``: ``extraction`` findings (indicator not found, or locator
      ambiguous) and ``fidelity`` findings (figure differs from the canonical value).
    - ``figures``: the bound :class:`~reportcheck.figure.Figure` per indicator id
      (declines keep the extractor's positive value here; the table is signed).
    - ``file``/``text``: the document; ``spec``: the spec.
    """

    spec: Spec
    file: str | None
    text: str
    table: "pd.DataFrame"
    findings: list[Finding] = field(default_factory=list)
    figures: dict[str, Figure] = field(default_factory=dict)
    checks: int = 0  # extraction + fidelity checks made (one of each per indicator)

    @property
    def passed(self) -> int:
        return self.checks - len(self.findings)


def bind(
    spec: Spec,
    text: str | None = None,
    file: str | os.PathLike | None = None,
    *,
    figures: list[Figure] | None = None,
    report: str | None = None,
    located: "dict[tuple[str, int | None], list[Match]] | None" = None,
) -> Binding:
    """Bind ``spec`` to a document and build its indicator table.

    ``text`` is the document's text; without it the spec's own source document
    is read (``spec.source``). ``file`` is the name used in the table and in
    findings (default: the source path, relative to the working directory when
    it is below it). ``figures`` may pass the document's already extracted
    figures (``reportcheck.text.extract.extract(text, file=file)``) to avoid
    extracting twice. ``report`` fills the table's ``report`` column (default:
    the spec id). ``located`` may pass, by ``(template, occurrence)``, the matches a
    caller already searched for with the same text (lint, which wrote the locators):
    exactly what :func:`locate` returns with this function's limit — the one match of a
    unique template, the first ``occurrence`` matches of another; a locator not in it is
    searched.

    Raises :class:`reportcheck.errors.InputError` only when the source document
    cannot be read; everything about the figures is a finding.
    """
    if text is None:
        src = spec.source
        if src is None:
            from reportcheck.errors import InputError

            raise InputError("the spec names no source document and no text was given", file=str(spec.path))
        from reportcheck.text.document import load_document

        doc = load_document(src)
        text = doc.text
        if file is None:
            file = _display_path(src)
    file_s = None if file is None else str(file)
    if figures is None:
        figures = _extract(text, file_s)
    figures = sorted(figures, key=lambda f: (f.start, f.end))
    starts = [f.start for f in figures]
    plain = PlainText(text)
    index = plain.index

    rows: list[dict[str, Any]] = []
    findings: list[Finding] = []
    bound: dict[str, Figure] = {}
    for ind in spec.indicators:
        # enough matches to pick the occurrence or list an ambiguity, never every match
        # (a locator matching every line of a long document made binding quadratic)
        matches = located.get((ind.locate.template, ind.locate.occurrence)) if located else None
        if matches is None:
            matches = locate(ind.locate, plain, limit=ind.locate.occurrence or _MAX_LISTED + 1)
        fig: Figure | None = None
        if not matches:
            findings.append(_not_found(ind, file_s))
        elif len(matches) > 1 and ind.locate.occurrence is None:
            findings.append(_ambiguous(ind, matches, file_s, index))
        elif ind.locate.occurrence is not None and ind.locate.occurrence > len(matches):
            findings.append(_not_found(ind, file_s, occurrence=(ind.locate.occurrence, len(matches))))
        else:
            m = matches[(ind.locate.occurrence or 1) - 1]
            fig = _figure_at(figures, starts, m) or _fallback_figure(m, plain)
            bound[ind.id] = fig
            f = _fidelity(ind, fig, file_s)
            if f is not None:
                findings.append(f)
        rows.append(_row(spec, ind, fig, file_s, report or spec.id))

    table = _table(rows)
    return Binding(spec=spec, file=file_s, text=text, table=table, findings=findings, figures=bound,
                   checks=2 * len(spec.indicators))


def _display_path(p: Path) -> str:
    try:
        rel = os.path.relpath(p)
    except ValueError:  # another drive on Windows
        return str(p)
    return rel if not rel.startswith("..") else str(p)


def _extract(text: str, file: str | None) -> list[Figure]:
    from reportcheck.text.extract import extract

    return extract(text, file=file)


def _figure_at(figures: list[Figure], starts: list[int], m: Match) -> Figure | None:
    """The extracted figure whose span covers the number's first character (smallest span)."""
    import bisect

    i = bisect.bisect_right(starts, m.start)
    best = None
    for f in figures[max(0, i - 8): i]:  # figures starting at or before the number
        if f.start <= m.start < max(f.end, f.start + 1):
            if best is None or (f.end - f.start) < (best.end - best.start):
                best = f
    return best


def _fallback_figure(m: Match, plain: PlainText) -> Figure:
    """A figure read from the locator match itself (number + unit) when the extractor read none."""
    from reportcheck.quantities.units import is_known_unit

    value = _parse_number(m.number)
    # the unit: the longest known unit written right after the number ("万元以上" → "万元")
    p = plain.plain(m.start)
    after = p + len(m.number) if p is not None else len(plain.text)
    window = plain.text[after:after + 40]
    blank = len(window) - len(window.lstrip())
    window = re.split(rf"[\s，。；、：！？,;:（）()“”\"'《》{_DIGIT}]", window[blank:], maxsplit=1)[0][:10]
    unit = next((window[:k] for k in range(len(window), 0, -1) if is_known_unit(window[:k])), None)
    end = plain.orig_span(p, after + (blank + len(unit) if unit else 0))[1] if p is not None else m.end
    line, col = plain.position(m.start)
    end_line, end_col = plain.position(end)
    iv = Interval.point(value) if value is not None else Interval.everything()
    return Figure(text=m.number + (unit or ""), value=value, unit=unit, kind=Kind.AMOUNT if unit else Kind.LABEL,
                  interval=iv, start=m.start, end=end, line=line, column=col, end_line=end_line,
                  end_column=end_col, extra={"fallback": True})


def _parse_number(s: str) -> Decimal | None:
    t = s.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")).replace(",", "")
    try:
        return Decimal(t)
    except InvalidOperation:
        try:
            from reportcheck.quantities.numerals import parse_number

            return parse_number(s).value
        except Exception:  # noqa: BLE001 - an unreadable numeral is "no value"
            return None


# --------------------------------------------------------------------------------------
# signs, qualifiers, fidelity
# --------------------------------------------------------------------------------------
def _is_decline(fig: Figure) -> bool:
    if fig.extra.get("direction") == "down":
        return True
    if fig.extra.get("direction") == "up":
        return False
    return any(w in DECLINE_WORDS for w in words_of(fig.qualifier))


def _signed(fig: Figure, ind: Indicator) -> tuple[Decimal | None, Interval]:
    """The figure's value and interval with the sign of a change (下降7.1% → -7.1)."""
    v, iv = fig.value, fig.interval
    if ind.kind in ("growth", "points") and v is not None and v > 0 and _is_decline(fig):
        return -v, -iv
    return v, iv


def bound_words(qualifier: str | None) -> frozenset[str]:
    """The qualifier words that bound a value (以上, 突破, 左右 …), without level words and flags."""
    return frozenset(_policy_bound_words(qualifier))


def _written(qualifier: str | None) -> tuple[str, str]:
    """(prefix, suffix): the bounding words of ``qualifier`` as the text would write them
    around the number (突破500, 500以上)."""
    q = "+".join(sorted(bound_words(qualifier)))
    info = word_info(q) if q else None
    if info is not None and info.position == "prefix":
        return q, ""
    return "", q


def _same_quantity(v1: Decimal, u1: str | None, v2: Decimal, u2: str | None) -> bool:
    if u1 == u2:
        return v1 == v2
    if u1 is None or u2 is None:
        return False
    from reportcheck.quantities.units import UnitError, factor, is_known_unit

    if not (is_known_unit(u1) and is_known_unit(u2)):
        return False
    try:
        from fractions import Fraction

        return Fraction(v1) * factor(u1, u2) == Fraction(v2)
    except (UnitError, ValueError, ArithmeticError):
        return False


def _known_or_none(unit: str | None) -> str | None:
    from reportcheck.quantities.units import is_known_unit

    return unit if unit and is_known_unit(unit) else None


def _written_unit(fig: Figure, ind: Indicator) -> tuple[str | None, int]:
    """The figure's unit for the indicator, and a factor for its value.

    A bare magnitude (接待游客46万) is a number of the indicator's own unit at that size:
    46万 of an indicator in 人次 is 46万人次; of a unitless indicator, 460000.
    """
    from reportcheck.quantities.units import MAGNITUDES, is_known_unit, split_magnitude

    if fig.unit in MAGNITUDES:
        base = split_magnitude(ind.unit)[1] if ind.unit else ""
        if base and is_known_unit(fig.unit + base):
            return fig.unit + base, 1
        if not ind.unit:
            return None, MAGNITUDES[fig.unit]
    return _known_or_none(fig.unit), 1


def _scaled(value: Decimal | None, iv: Interval, factor: int) -> tuple[Decimal | None, Interval]:
    if factor == 1:
        return value, iv
    return (None if value is None else value * factor), iv * Decimal(factor)


def canonical_text(ind: Indicator, decline: bool | None = None) -> str:
    """The indicator's canonical figure as the text would write it (``939家``, ``95%以上``)."""
    v = ind.value
    if v is None:
        num = ""
    else:
        if decline or (decline is None and ind.kind in ("growth", "points") and v < 0):
            v = -v
        num = format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")
        if "." in num and v == v.to_integral_value():
            num = num.split(".")[0]
    pre = "下降" if (ind.kind in ("growth", "points") and ind.value is not None and ind.value < 0) else ""
    prefix, suffix = _written(ind.qualifier)
    return f"{pre}{prefix}{num}{ind.unit or ''}{suffix}"


def _figure_text(fig: Figure, decline: bool) -> str:
    prefix, suffix = _written(fig.qualifier)
    return f"{'下降' if decline else ''}{prefix}{fig.text}{suffix}"


def _ref(ind: Indicator, fig: Figure | None, file: str | None) -> FigureRef:
    if fig is None:
        return FigureRef(indicator=ind.id, text=None, value=None, unit=ind.unit, file=file)
    return FigureRef(indicator=ind.id, text=fig.text, value=fig.value, unit=fig.unit, file=file, line=fig.line,
                     column=fig.column, end_line=fig.end_line, end_column=fig.end_column)


def _fidelity(ind: Indicator, fig: Figure, file: str | None) -> Finding | None:
    """A fidelity finding when the figure differs from the canonical value, unit or bound qualifier."""
    if ind.value is None:
        return None
    value, iv = _signed(fig, ind)
    if ind.kind in ("name", "label", "year", "date", "rank"):
        fig_unit, spec_unit = None, None  # a name's or rank's "unit" is part of its wording (20条, 第2位)
    else:
        fig_unit, scale = _written_unit(fig, ind)
        value, _ = _scaled(value, iv, scale)
        spec_unit = ind.unit
    differs = []
    if value is None or not _same_quantity(value, fig_unit, ind.value, spec_unit):
        if fig_unit != spec_unit:
            differs += ["value", "unit"] if value != ind.value else ["unit"]
        else:
            differs.append("value")
    fallback = bool(fig.extra.get("fallback"))
    if not fallback and bound_words(fig.qualifier) != bound_words(ind.qualifier):
        differs.append("qualifier")
    if not differs:
        return None
    decline = _is_decline(fig) if ind.kind in ("growth", "points") else False
    said = _figure_text(fig, decline)
    canon = canonical_text(ind)
    if said == canon:  # e.g. only the sign differs: the text says 增长 where the spec has a decline
        said = ("增长" if not decline else "下降") + said
    what = " and ".join(dict.fromkeys(differs))
    return Finding(
        id=ind.id,
        check="fidelity",
        category=Category.FIDELITY,
        severity=Severity.ERROR,
        message=f"{ind.name}: text says {said}, spec says {canon} ({what} differs)",
        figures=(_ref(ind, fig, file),),
        suggestion=f"the source has {canon}",
    )


def _not_found(ind: Indicator, file: str | None, occurrence: tuple[int, int] | None = None) -> Finding:
    where = f" in {file}" if file else ""
    if occurrence:
        msg = (f"{ind.name} ({ind.id}): locator {ind.locate.template!r} matches {occurrence[1]} place(s){where}, "
               f"occurrence {occurrence[0]} asked for")
    else:
        msg = f"{ind.name} ({ind.id}): not found — locator {ind.locate.template!r} matches nothing{where}"
    return Finding(id=ind.id, check="extraction", category=Category.EXTRACTION, severity=Severity.ERROR,
                   message=msg, figures=(_ref(ind, None, file),),
                   suggestion="the sentence may have been reworded or removed; update the locator in the spec")


#: an ambiguous locator's message lists this many places at most
_MAX_LISTED = 10


def _ambiguous(ind: Indicator, matches: list[Match], file: str | None, index: LineIndex) -> Finding:
    lines = sorted({index.position(m.start)[0] for m in matches[:_MAX_LISTED]})
    count = str(len(matches)) if len(matches) <= _MAX_LISTED else f"more than {_MAX_LISTED}"
    where = f" in {file}" if file else ""
    line, col = index.position(matches[0].start)
    ref = FigureRef(indicator=ind.id, text=None, value=None, unit=ind.unit, file=file, line=line, column=col,
                    end_line=line, end_column=col + len(matches[0].number))
    return Finding(id=ind.id, check="extraction", category=Category.EXTRACTION, severity=Severity.ERROR,
                   message=(f"{ind.name} ({ind.id}): locator {ind.locate.template!r} is ambiguous — it matches "
                            f"{count} places{where} (lines {', '.join(map(str, lines))}"
                            f"{', …' if len(matches) > _MAX_LISTED else ''})"),
                   figures=(ref,), suggestion="lengthen the locator's context or add 'occurrence:'")


# --------------------------------------------------------------------------------------
# table rows
# --------------------------------------------------------------------------------------
def _table(rows: list[dict[str, Any]]) -> "pd.DataFrame":
    """The indicator table of :func:`_row`'s rows: ``schema.coerce_table(pd.DataFrame(rows))``,
    built column by column from the types ``_row`` writes (text or None, float, bool or None,
    int or None) instead of inferring a frame and converting each column (8 ms → 1.3 ms for
    the ~250 rows of a report, issue 19). ``tests/test_lint_speed.py`` compares the two."""
    import numpy as np
    import pandas as pd

    from reportcheck.schema import COLUMNS, coerce_table

    if not rows:
        return coerce_table(pd.DataFrame(rows))
    index = pd.RangeIndex(len(rows))
    cols: dict[str, Any] = {}
    for c in COLUMNS:
        vals = [r[c] for r in rows]
        if c in ("value", "lower", "upper"):
            cols[c] = np.array(vals, dtype="float64")
        elif c in ("lower_closed", "upper_closed"):
            cols[c] = pd.array(vals, dtype="boolean")
        elif c in ("line", "column", "end_line", "end_column"):
            cols[c] = pd.array(vals, dtype="Int64")
        else:  # text: Python str or None in an object column
            cols[c] = pd.Series([v if v is None or type(v) is str else str(v) for v in vals], index=index, dtype=object)
    return pd.DataFrame(cols, index=index)


def _f(d: Decimal | None) -> float:
    return float("nan") if d is None else float(d)


def _row(spec: Spec, ind: Indicator, fig: Figure | None, file: str | None, report: str) -> dict[str, Any]:
    base = {"report": report, "id": ind.id, "name": ind.name, "period": ind.period, "kind": ind.kind,
            "status": ind.status, "file": file}
    if fig is None:
        return {**base, "unit": ind.unit, "value": float("nan"), "lower": float("nan"), "upper": float("nan"),
                "lower_closed": None, "upper_closed": None, "qualifier": None, "text": None, "line": None,
                "column": None, "end_line": None, "end_column": None}
    value, iv = _signed(fig, ind)
    if ind.kind in ("name", "label", "rank", "year", "date"):
        unit = _known_or_none(fig.unit)
        if unit is not None and ind.unit is None:
            unit = None  # 人才金政20条: 条 is part of the name; 第2位: 位 is the wording of a rank
    else:
        unit, scale = _written_unit(fig, ind)
        value, iv = _scaled(value, iv, scale)
    return {
        **base,
        "unit": unit,
        "value": _f(value),
        "lower": _f(iv.lower),
        "upper": _f(iv.upper),
        "lower_closed": bool(iv.lower_closed),
        "upper_closed": bool(iv.upper_closed),
        "qualifier": fig.qualifier,
        "text": fig.text,
        "line": fig.line,
        "column": fig.column,
        "end_line": fig.end_line,
        "end_column": fig.end_column,
    }
