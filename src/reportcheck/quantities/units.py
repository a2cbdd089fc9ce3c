"""The unit registry: one pint registry, built lazily from units.txt and reused.

Magnitudes (万, 亿, 万亿) are pint prefixes, so 万千瓦 and 1.1GW compare directly.
Conversions use exact rationals (``fractions.Fraction``) so that 亩 ↔ 平方米 and
万 ↔ 亿 round-trip exactly; the engine turns factors into floats only once per
unit pair.

units.txt is also the unit *vocabulary*: :func:`vocabulary` gives the spellings of
each of its groups (classifiers, measures, countable, spans, ratios) and
:data:`MAGNITUDES` its prefixes, read from the file without importing pint (the
extractor needs them at import time, and pint costs a second of start-up); a test
checks that this reading agrees with pint's. :func:`split_magnitude` is the one
magnitude split of a unit (万千瓦 → 万 × 千瓦).
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pint is imported lazily: start-up time matters for CI hooks.
    import pint

_DEFINITIONS = "units.txt"


@lru_cache(maxsize=1)
def _read_definitions() -> tuple[dict[str, int], dict[str, tuple[str, ...]], frozenset[str]]:
    """(prefixes, group → spellings, every spelling) of units.txt, without pint.

    Each definition is one line ``name = value [= symbol [= alias ...]]`` (``_`` for no
    symbol); a prefix's name ends in ``-``; ``@group NAME`` … ``@end`` encloses a group.
    """
    text = resources.files("reportcheck.quantities").joinpath(_DEFINITIONS).read_text(encoding="utf-8")
    prefixes: dict[str, int] = {}
    groups: dict[str, list[str]] = {}
    every: set[str] = set()
    group: str | None = None
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@group"):
            group = line.split()[1]
            groups.setdefault(group, [])
            continue
        if line == "@end":
            group = None
            continue
        parts = [p.strip() for p in line.split("=")]
        name = parts[0]
        if name.endswith("-"):
            prefixes[name[:-1]] = int(Decimal(parts[1]))
            continue
        spellings = [name] + [p for p in parts[2:] if p != "_"]
        every.update(spellings)
        if group is not None:
            groups[group].extend(spellings)
    order = sorted(prefixes, key=lambda m: (-len(m), -prefixes[m]))
    return ({m: prefixes[m] for m in order}, {g: tuple(v) for g, v in groups.items()}, frozenset(every))


#: Magnitude prefixes of units.txt, longest first (万亿, 千万, 百万, 亿, 万, 千).
MAGNITUDES: dict[str, int] = _read_definitions()[0]


def vocabulary(group: str) -> tuple[str, ...]:
    """Every spelling (name, symbol, aliases) of the units of a units.txt group, in file order."""
    return _read_definitions()[1][group]


def split_magnitude(unit: str) -> tuple[int, str]:
    """'亿元' → (10**8, '元'); '万千瓦' → (10**4, '千瓦'); '千米' → (1000, '米').

    A unit defined in units.txt is never split ('千瓦' stays (1, '千瓦'), '千克' too);
    otherwise the longest magnitude prefix before a defined unit is split off. A unit
    with no such prefix (or unknown) is (1, unit).
    """
    return _split(unit)


@lru_cache(maxsize=4096)
def _split(unit: str) -> tuple[int, str]:
    mags, _, every = _read_definitions()
    if unit in every:
        return 1, unit
    for m, f in mags.items():
        rest = unit[len(m):]
        # 万元/人: each unit of an expression is defined
        if unit.startswith(m) and rest and all(u in every for u in re.split(r"[/*]", rest)):
            return f, rest
    return 1, unit


class UnitError(ValueError):
    """A unit that the registry does not know, or a conversion across dimensions."""


@lru_cache(maxsize=1)
def registry() -> "pint.UnitRegistry":
    import pint

    text = resources.files("reportcheck.quantities").joinpath("units.txt")
    with resources.as_file(text) as path:
        ureg = pint.UnitRegistry(str(path), non_int_type=Fraction, autoconvert_offset_to_baseunit=False)
    return ureg


@lru_cache(maxsize=4096)
def _parsed(unit: str):
    """pint's units for a name, or None when unknown (failures are cached too)."""
    from reportcheck.safety import unit_problem

    if unit_problem(unit) is not None:  # 亿元^9999999999: pint would never finish
        return None
    try:
        return registry().parse_units(unit)
    except Exception:  # pint raises several types (UndefinedUnitError, tokenizer errors)
        return None


def _units(unit: str):
    if unit in ("", None):
        return registry().dimensionless
    if unit == "％":
        unit = "%"
    u = _parsed(unit)
    if u is None:
        from reportcheck.safety import unit_problem

        problem = unit_problem(unit)
        if problem is not None:
            raise UnitError(f"unit {unit[:40]!r}{'…' if len(unit) > 40 else ''}: {problem}")
        # the did-you-mean scan is slow (difflib over every name): only for a real error
        raise UnitError(f"unknown unit {unit!r}" + _did_you_mean(unit))
    return u


def is_known_unit(unit: str | None) -> bool:
    if unit in ("", None):
        return True
    return _parsed("%" if unit == "％" else unit) is not None


@lru_cache(maxsize=None)
def group_dimensions(group: str) -> tuple[str, ...]:
    """The base dimensions of the units of a units.txt group ('[currency]', '[mass]' …), sorted."""
    ureg = registry()
    dims: set[str] = set()
    for name in ureg.get_group(group).members:
        dims.update(ureg.parse_units(name).dimensionality)
    return tuple(sorted(dims))


@lru_cache(maxsize=4096)
def dimensionality(unit: str | None) -> str:
    """A hashable description of the unit's dimension, e.g. '[currency]' or '[length]^2'.

    Built by hand rather than with ``str()``: pint's formatter cannot format the
    Fraction exponents that our exact (non_int_type=Fraction) registry produces.
    """
    dims = _units(unit or "").dimensionality
    if not dims:
        return "dimensionless"
    return " * ".join(f"{d}^{e}" if e != 1 else d for d, e in sorted(dims.items()))


def compatible(a: str | None, b: str | None) -> bool:
    return dimensionality(a) == dimensionality(b)


@lru_cache(maxsize=4096)
def factor(from_unit: str | None, to_unit: str | None) -> Fraction:
    """The exact factor f with ``x from_unit == x*f to_unit``; UnitError across dimensions."""
    src, dst = _units(from_unit or ""), _units(to_unit or "")
    if src.dimensionality != dst.dimensionality:
        raise UnitError(
            f"cannot compare {from_unit or 'a plain number'} with {to_unit or 'a plain number'}: "
            f"different dimensions ({dimensionality(from_unit)} vs {dimensionality(to_unit)})"
        )
    q = registry().Quantity(Fraction(1), src).to(dst)
    return Fraction(q.magnitude)


def convert(value: Decimal | Fraction | int, from_unit: str | None, to_unit: str | None) -> Fraction:
    """Convert exactly; the result is a Fraction (Decimal inputs are taken exactly)."""
    return Fraction(value) * factor(from_unit, to_unit)


def known_unit_names() -> list[str]:
    """Every unit name and its magnitude-prefixed forms (for did-you-mean)."""
    return list(_known_names())


@lru_cache(maxsize=1)
def _known_names() -> tuple[str, ...]:
    ureg = registry()
    names = [n for n in ureg._units.keys() if not n.startswith("_")]  # noqa: SLF001 - pint has no public listing
    out = set(names)
    for n in names:
        for m in MAGNITUDES:
            out.add(m + n)
    out.add("%")
    return tuple(sorted(out))


#: Units that reports use most; on a tie they win the did-you-mean.
COMMON_UNITS = (
    "元", "万元", "亿元", "万亿元", "%", "个百分点", "人", "万人", "人次", "万人次", "家", "个", "亩", "万亩",
    "吨", "万吨", "千瓦", "万千瓦", "公里", "平方米", "万平方米", "所", "张", "处", "项", "户", "倍",
)


@lru_cache(maxsize=1)
def _names_by_char() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name in _known_names():
        for ch in set(name):
            index.setdefault(ch, []).append(name)
    return {ch: tuple(v) for ch, v in index.items()}


def _candidates(unit: str) -> list[str]:
    """Names that can score ≥ 0.5 against ``unit``: they share a character and their
    lengths are within ×3 — so each distinct unknown unit of a table costs microseconds,
    not a scan of every name (20,000 distinct units in a --data table: minutes before)."""
    index = _names_by_char()
    found = {n for ch in set(unit) for n in index.get(ch, ())}
    return sorted(n for n in found if len(n) <= 3 * len(unit) and len(unit) <= 3 * len(n))


@lru_cache(maxsize=4096)
def _did_you_mean(unit: str) -> str:
    try:
        names = _candidates(unit)
    except Exception:  # registry itself broken: no suggestion rather than a crash
        return ""
    rank = {n: i for i, n in enumerate(COMMON_UNITS)}
    best, best_key = None, None
    for name in names:
        score = difflib.SequenceMatcher(None, unit, name).ratio()
        if score < 0.5:
            continue
        key = (score, -rank.get(name, len(rank)))
        if best_key is None or key > best_key:
            best, best_key = name, key
    return f" (did you mean {best}?)" if best else ""


