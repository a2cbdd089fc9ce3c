"""What a figure's kind allows: its unit and its value.

A share or a growth is in %, a change in percentage points in 个百分点, a multiple in 倍;
an amount needs a unit of measure (元, 吨, 千瓦, 亩 — the ``measures`` group of units.txt),
a count a classifier (家, 个, 人) or none; a share lies within [0, 100] %, a decline is at
most 100 %, a count is whole and non-negative, a rank a whole number ≥ 1.

Asked of every indicator of a spec (:mod:`reportcheck.spec.load`), of every indicator lint
infers (:mod:`reportcheck.lint.indicators`) and of every row of an indicator table
(:mod:`reportcheck.schema`, which words its findings with these messages).
"""

from __future__ import annotations

import math
from functools import lru_cache


def _measure_dims() -> tuple[str, ...]:
    """Dimensions that measure something (money, mass, length, power …): amounts, not counts.
    Those of the units of the ``measures`` group of units.txt."""
    from reportcheck.quantities.units import group_dimensions

    return group_dimensions("measures")


def _either_dims() -> tuple[str, ...]:
    """Dimensions either kind may use (标箱 containers, 亩次 area-services): units.txt ``countable``."""
    from reportcheck.quantities.units import group_dimensions

    return group_dimensions("countable")


_PERCENT = ("%", "％")


@lru_cache(maxsize=4096)
def _dim(unit: str) -> str:
    """The unit's dimensions as text, e.g. '[currency]'; 'dimensionless' for %, 倍, 个百分点."""
    from reportcheck.quantities.units import _units

    dims = dict(_units(unit).dimensionality)  # str() of pint's dimensionality breaks on Fraction powers
    return " ".join(sorted(dims)) if dims else "dimensionless"


@lru_cache(maxsize=4096)
def unit_kind_problem(kind: str, unit: str | None) -> str | None:
    """Why ``unit`` does not fit ``kind`` (None when it does). The unit must be known.
    Cached: a pure function of two short strings, asked for every indicator of every spec
    and table (lint asks ~300 times a document)."""
    from reportcheck.quantities.units import UnitError

    try:
        if kind in ("share", "growth"):
            if unit not in _PERCENT:
                return f"a {kind} is in %, not {unit or 'a plain number'}"
        elif kind == "points":
            if unit != "个百分点":
                return f"a change in percentage points is in 个百分点, not {unit or 'a plain number'}"
        elif kind == "multiple":
            if unit not in (None, "倍"):
                return f"a multiple is in 倍, not {unit}"
        elif kind == "amount":
            if unit is None:
                return "an amount needs a unit"
            if unit in _PERCENT or unit in ("个百分点", "倍") or _dim(unit) == "dimensionless":
                return f"an amount needs a unit of measure, not {unit} (is it a share or growth?)"
            if not any(d in _dim(unit) for d in _measure_dims() + _either_dims()):
                return f"an amount needs a unit of measure (元, 吨, 千瓦, 亩 …), not the classifier {unit} (is it a count?)"
        elif kind == "count":
            if unit is None:
                return None
            if unit in _PERCENT or unit in ("个百分点", "倍") or _dim(unit) == "dimensionless":
                return f"a count needs a classifier (家, 个, 人 …), not {unit}"
            if any(d in _dim(unit) for d in _measure_dims()):
                return f"a count needs a classifier (家, 个, 人 …), not the unit of measure {unit} (is it an amount?)"
    except UnitError as exc:
        return str(exc)
    return None


def _base_factor(unit: str | None) -> float:
    """10**4 for 万个, 10**8 for 亿人 …, 1 otherwise."""
    if not unit:
        return 1.0
    from reportcheck.quantities.units import split_magnitude

    try:
        return float(split_magnitude(unit)[0])
    except Exception:  # noqa: BLE001 - unknown unit: reported by the unit check
        return 1.0


def value_kind_problem(kind: str, unit: str | None, value: float) -> str | None:
    """Why ``value`` is impossible for its kind (None when it is possible)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "share" and not (0 <= value <= 100):
        return f"a share of {_fmt(value)}% is outside [0, 100] %"
    if kind == "growth" and value < -100:
        return f"a decline of {_fmt(-value)}% is more than 100 %"
    if kind == "count":
        if value < 0:
            return f"a count of {_fmt(value)} is negative"
        base = value * _base_factor(unit)
        if abs(base - round(base)) > 1e-9 * max(1.0, abs(base)):  # the engine's float guard
            return f"a count of {_fmt(value)}{unit or ''} is not a whole number"
    if kind == "rank" and (value < 1 or value != int(value)):
        return f"a rank of {_fmt(value)} is not a whole number ≥ 1"
    return None


def _fmt(x: float) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return str(int(x)) if float(x).is_integer() else repr(float(x))
