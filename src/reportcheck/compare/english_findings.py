"""Findings of the English comparison, and how a Chinese figure reads in English
(140.19万亿元 → 140.19 trillion yuan). Part of :mod:`reportcheck.compare.english`."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from reportcheck.compare.english_norm import (
    _LOWER_ROLES, _MAG_WORD_ZH, _PCT_KINDS, _UPPER_ROLES, Pair, _base_unit, _scale_value,
)
from reportcheck.figure import Figure, Kind
from reportcheck.findings import Category, FigureRef, Finding, Severity
from reportcheck.quantities import units as _units
from reportcheck.quantities.qualifiers import QUALIFIERS

# -- findings -----------------------------------------------------------------------------------------------

def _ref(fig: Figure, file: str | None) -> FigureRef:
    return FigureRef(indicator=None, text=fig.text, value=fig.value, unit=fig.unit, file=file,
                     line=fig.line, column=fig.column, end_line=fig.end_line, end_column=fig.end_column)


def _fmt_num(v: Decimal) -> str:
    s = format(v.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def _group(v: Decimal) -> str:
    s = _fmt_num(v)
    whole, _, frac = s.partition(".")
    neg = whole.startswith("-")
    whole = whole.lstrip("-")
    out = ""
    while len(whole) > 3:
        out = "," + whole[-3:] + out
        whole = whole[:-3]
    return ("-" if neg else "") + whole + out + ("." + frac if frac else "")


_EN_UNIT = {"元": "yuan", "美元": "US dollars", "吨": "metric tons", "公斤": "kilograms", "斤": "jin",
            "千瓦": "kilowatts", "千瓦时": "kilowatt-hours", "公顷": "hectares", "亩": "mu",
            "平方米": "square meters", "平方公里": "square kilometers", "公里": "kilometers",
            "立方米": "cubic meters", "小时": "hours", "GW": "gigawatts", "MW": "megawatts", "标箱": "TEU"}


def english_rendering(fig: Figure, like: Figure | None = None) -> str:
    """How a Chinese figure reads in English: 140.19万亿元 → '140.19 trillion yuan'."""
    if fig.kind is Kind.POINTS:
        if fig.value is None:
            return fig.text
        return f"{_fmt_num(fig.value)} percentage point{'' if fig.value == 1 else 's'}"
    if fig.kind in _PCT_KINDS and fig.unit == "%":
        return f"{_fmt_num(fig.value)} percent" if fig.value is not None else fig.text
    if fig.value is None:
        return fig.text
    unit = fig.unit or ""
    mag, rest = _base_unit(unit) if unit else (Fraction(1), "")
    if _units.is_known_unit(rest) and rest in _EN_UNIT:
        word = " " + _EN_UNIT[rest]
    elif like is not None and like.extra.get("noun"):
        word = " " + like.extra["noun"]
    else:
        word = ""
    v = Decimal(mag.numerator) * fig.value / Decimal(mag.denominator)
    if like is not None and like.unit in _EN_UNIT and rest and like.unit != rest:
        try:  # in the English figure's own unit: 1.43万亿斤 is 715 million metric tons
            f = _units.factor(rest, like.unit)
            v = _scale_value(v, f).normalize()
            word = " " + _EN_UNIT[like.unit]
        except _units.UnitError:
            pass
    for name, exp in (("trillion", 12), ("billion", 9), ("million", 6)):
        if v.copy_abs() >= Decimal(1).scaleb(exp):
            return f"{_fmt_num(v.scaleb(-exp))} {name}{word}"
    return f"{_group(v)}{word}"


def _zh_magnitude(fig: Figure) -> str | None:
    unit = fig.unit or ""
    for m in ("万亿", "亿", "万", "千"):
        if unit.startswith(m) and len(unit) > len(m):
            return m
    return None


def _error(p: Pair, source_file: str | None, text_file: str | None) -> Finding:
    e, z, slip = p.english, p.chinese, p.relation.slip
    right = english_rendering(z, e)
    if slip == "magnitude":
        mag = _zh_magnitude(z)
        why = f" ({mag} = {_MAG_WORD_ZH[mag]})" if mag else ""
        message = f"{e.text} renders {z.text} with the wrong magnitude"
        suggestion = f"{e.text}: {z.text} is {right}{why}"
    elif slip == "percent-points":
        message = f"{e.text} renders {z.text}: percent and percentage points are different measures"
        what = "percentage points (个百分点)" if z.kind is Kind.POINTS else "percent (%), not percentage points"
        suggestion = f"{e.text}: {z.text} is {right} — {what}"
    elif slip == "qualifier":
        zq = z.qualifier or ""
        role = QUALIFIERS.get(zq.split("+")[0]) if zq else None
        eng = "more than" if role in _LOWER_ROLES else "less than" if role in _UPPER_ROLES else "as written"
        message = f"{_with_q(e)} reverses the direction of {zq}{z.text}"
        suggestion = f"{_with_q(e)}: {_zh_q(z)} is {eng} {right} ({zq} = {eng})"
    elif slip == "direction":
        zd = "an increase" if z.extra.get("direction") == "up" else "a decrease"
        message = f"{e.text} reverses the direction of the change {z.text}"
        suggestion = f"{e.text}: {(z.extra.get('context') or '')}{z.text} is {zd} of {right}"
    else:
        message = f"{e.text} does not render {z.text}: the value differs"
        suggestion = f"{e.text}: {z.text} is {right}"
    return Finding(
        id=f"fidelity-{slip}", check="fidelity", category=Category.FIDELITY, severity=Severity.ERROR,
        message=message, figures=(_ref(e, text_file), _ref(z, source_file)), suggestion=suggestion,
        rationale=f"matched: {p.why}", verdict="fail",
    )


def _with_q(e: Figure) -> str:
    return f"{e.qualifier} {e.text}" if e.qualifier and not e.text.lower().startswith(e.qualifier) else e.text


def _zh_q(z: Figure) -> str:
    q = (z.qualifier or "").split("+")[0]
    if not q or q in z.text:  # 6600多万: the word is written inside the figure
        return z.text
    if q in ("以上", "以下", "以内", "左右", "上下", "有余"):
        return z.text + q if not z.text.endswith(q) else z.text
    return q + z.text


def _unmatched(e: Figure, text_file: str | None) -> Finding:
    return Finding(
        id="fidelity-unmatched", check="fidelity", category=Category.FIDELITY, severity=Severity.WARNING,
        message=f"{e.text} matches no figure of the Chinese source (it cannot be verified)",
        figures=(_ref(e, text_file),), suggestion=None, verdict="warn",
    )


def _missing(z: Figure, source_file: str | None) -> Finding:
    return Finding(
        id="fidelity-missing", check="fidelity", category=Category.FIDELITY, severity=Severity.WARNING,
        message=f"{z.text} of the source has no rendering in the English text",
        figures=(_ref(z, source_file),), suggestion=f"the translation should render {z.text} ({english_rendering(z)})", verdict="warn",
    )
