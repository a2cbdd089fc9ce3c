"""English figures and Chinese ones in one comparable form, how an English figure relates
to a Chinese one (agrees, or renders it with a recognisable slip), and the ``Pair`` the
matching produces and the findings read. Part of :mod:`reportcheck.compare.english`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from reportcheck.figure import Figure, Kind
from reportcheck.quantities import units as _units
from reportcheck.quantities.interval import Interval
from reportcheck.quantities.qualifiers import QUALIFIERS, Role

_MAG_WORD_ZH = {"万亿": "trillion", "亿": "100 million", "万": "10 thousand", "千": "thousand"}
_PCT_KINDS = (Kind.GROWTH, Kind.SHARE)
_LOWER_ROLES = (Role.LOWER, Role.LOWER_OPEN, Role.MORE)
_UPPER_ROLES = (Role.UPPER, Role.UPPER_OPEN)


# -- one figure in comparable form -----------------------------------------------------------------

@dataclass(frozen=True)
class _Norm:
    family: str  # "pct", "pp", "mult", "count", or a dimensionality for amounts
    interval: Interval  # in the family's common unit (base unit, % for percentages)
    core: Interval  # the written number's own rounding interval, qualifiers left out, same unit
    value: Decimal | None
    direction: str | None
    bound: str | None  # "lower", "upper", "band" or None
    unit_f: Fraction = Fraction(1)  # one of the figure's own unit (no magnitude) in the family's unit


def _roles(fig: Figure, english: bool) -> list[str]:
    if english:
        words = (fig.extra.get("role_word") or "").split("+")
    else:
        words = (fig.qualifier or "").split("+")
    return [QUALIFIERS.get(w) for w in words if w and QUALIFIERS.get(w)]


def _bound(roles: list[str]) -> str | None:
    if any(r in _LOWER_ROLES for r in roles):
        return "lower"
    if any(r in _UPPER_ROLES for r in roles):
        return "upper"
    if Role.BAND in roles:
        return "band"
    return None


def _scale_interval(iv: Interval, f: Fraction) -> Interval:
    if f == 1:
        return iv
    num, den = Decimal(f.numerator), Decimal(f.denominator)
    out = iv * num
    if den != 1:
        out = out / Interval.point(den)
    return out


def _scale_value(v: Decimal | None, f: Fraction) -> Decimal | None:
    if v is None:
        return None
    return Decimal(f.numerator) * v / Decimal(f.denominator)


def _base_unit(unit: str) -> tuple[Fraction, str]:
    if unit in _units.MAGNITUDES:  # 6600多万 (纳税人): a bare magnitude, the noun is no unit
        return Fraction(_units.MAGNITUDES[unit]), ""
    mag, rest = _units.split_magnitude(unit)
    return Fraction(mag), rest


def _core(fig: Figure) -> Interval:
    """The rounding interval of the written number alone: a translation renders the number
    (126万亿 → 126 trillion), whatever its qualifier allows."""
    v = fig.value
    if "fraction" in fig.extra:
        from reportcheck.quantities.qualifiers import fraction_interval

        try:
            n, d = (int(x) for x in str(fig.extra["fraction"]).split("/"))
            return fraction_interval(Fraction(n, d))
        except ValueError:
            return fig.interval
    if v is None or not v.is_finite() or fig.interval.is_point:
        return fig.interval
    half = Decimal(1).scaleb(v.as_tuple().exponent) / 2
    return Interval(v - half, v + half)


def _norm(fig: Figure, english: bool) -> _Norm | None:
    """The figure in its family's common unit, or None when it is no comparable quantity."""
    roles = _roles(fig, english)
    core = _core(fig)
    direction = fig.extra.get("direction")
    value = fig.value
    if value is None and "range" in fig.extra:
        lo, hi = fig.extra["range"]
        value = (Decimal(lo) + Decimal(hi)) / 2
    if fig.kind in _PCT_KINDS:
        if fig.unit == "%":
            return _Norm("pct", fig.interval, core, value, direction, _bound(roles))
        if fig.unit in (None, "") and "fraction" in fig.extra:
            return _Norm("pct", _scale_interval(fig.interval, Fraction(100)), _scale_interval(core, Fraction(100)),
                         _scale_value(value, Fraction(100)),
                         direction, _bound(roles))
        if fig.unit == "成":
            return _Norm("pct", _scale_interval(fig.interval, Fraction(10)), _scale_interval(core, Fraction(10)),
                         _scale_value(value, Fraction(10)),
                         direction, _bound(roles))
        return None
    if fig.kind is Kind.POINTS:
        return _Norm("pp", fig.interval, core, value, direction, _bound(roles))
    if fig.kind is Kind.MULTIPLE:
        return _Norm("mult", fig.interval, core, value, direction, _bound(roles))
    if fig.kind in (Kind.AMOUNT, Kind.COUNT, Kind.RATIO):
        unit = fig.unit or ""
        if fig.kind is Kind.COUNT or unit in _units.MAGNITUDES:
            f, _rest = _base_unit(unit) if unit else (Fraction(1), "")
            return _Norm("count", _scale_interval(fig.interval, f), _scale_interval(core, f), _scale_value(value, f),
                         direction, _bound(roles))
        if not unit or not _units.is_known_unit(unit):
            return None
        f, rest = _base_unit(unit)
        try:
            dim = _units.dimensionality(rest)
            # every amount of one dimension in that dimension's registry base
            f2 = _units.factor(rest, _dim_base(rest))
        except _units.UnitError:
            return None
        f = f * f2
        return _Norm("amount:" + dim, _scale_interval(fig.interval, f), _scale_interval(core, f),
                     _scale_value(value, f), direction, _bound(roles), f2)
    return None


def _dim_base(unit: str) -> str:
    """A unit of the registry that stands for the unit's whole dimension (its first-found base)."""
    dim = _units.dimensionality(unit)
    base = _DIM_BASES.get(dim)
    if base is None:
        _DIM_BASES[dim] = base = unit
    return base


_DIM_BASES: dict[str, str] = {}


def _magnitude_rank(v: Decimal | None) -> int | None:
    if v is None or v == 0:
        return None
    return v.copy_abs().adjusted()


# -- how an English figure relates to a Chinese one ---------------------------------------------------

@dataclass(frozen=True)
class Relation:
    agree: bool
    slip: str | None = None  # magnitude, percent-points, qualifier, direction, value
    strength: int = 0  # higher = more specific


def paragraph_of(text: str) -> list[int]:
    """The paragraph index (non-empty line number, 0-based) of every line of the text (-1 for blank)."""
    out, k = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(k)
            k += 1
        else:
            out.append(-1)
    return out


_SKEW = 0.05
#: a slip's base score by its strength (agreeing: 4 with the same digits, 3 as a rounding)
_SLIP_SCORE = {5: 2.5, 4: 2.2, 3: 1.8, 2: 1.5, 1: 1.0, 0: 0.0}


@dataclass
class Pair:
    """One English figure and what it was matched to (the matching's output, the findings' input)."""

    english: Figure
    chinese: Figure | None
    relation: Relation | None
    why: str = ""


def _digits(v: Decimal) -> str:
    s = format(v.normalize(), "f").replace(".", "").replace("-", "").lstrip("0")
    return s.rstrip("0") or "0"


def _one_edit(a: str, b: str) -> bool:
    if a == b or max(len(a), len(b)) < 2:
        return False  # one digit for another digit is no evidence of a slip
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True
        return False
    if abs(len(a) - len(b)) != 1:
        return False
    if max(len(a), len(b)) < 3:
        return False  # 1 for 18, 5 for 55: a digit added to a one-digit number is no evidence
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def relate(en: _Norm, zh: _Norm) -> Relation:
    """Does the English figure render the Chinese one, and if not, by which slip?"""
    fam_ok = en.family == zh.family
    if {en.family, zh.family} == {"pct", "pp"}:
        if not en.core.intersect(zh.core).is_empty:
            return Relation(False, "percent-points", 5)
        return Relation(False)
    if not fam_ok:
        # a count against an amount of people (人) or the like: counts carry no dimension in English
        if {en.family.split(":")[0], zh.family.split(":")[0]} != {"count", "amount"}:
            return Relation(False)
    # the written numbers must agree (a translation renders the number), and the qualified
    # intervals must meet (about 5 percent for 5%左右, over 66 million for 6600多万)
    same_number = not en.core.intersect(zh.core).is_empty
    if same_number and en.value and zh.value and not (_NEAR_LO <= abs(en.value / zh.value) <= _NEAR_HI):
        same_number = False
    if same_number and en.value is not None and zh.value is not None and en.value != zh.value:
        # other digits: only a coarser rounding of the source (12 million for 1244万), the source's
        # value strictly inside the English number's rounding interval (5 percent is no rendering of 5.5%)
        zv = zh.value
        if not (en.core.lower < zv < en.core.upper) and _digits(_scale_value(en.value, 1 / en.unit_f)) != \
                _digits(_scale_value(zv, 1 / en.unit_f)):
            same_number = False
    if same_number:
        if {en.bound, zh.bound} == {"lower", "upper"}:
            return Relation(False, "qualifier", 5)
        if en.direction and zh.direction and en.direction != zh.direction:
            return Relation(False, "direction", 4)
        # the same number with a qualifier on one side only (over half for 超过全球一半, where the
        # word stands apart from the number): a rendering, not a contradiction
        return Relation(True)
    if en.value is None or zh.value is None or zh.value == 0 or en.value == 0:
        return Relation(False)
    # digits are compared in the English figure's own unit (695 million metric tons for 1.39万亿斤)
    ev = _scale_value(en.value, 1 / en.unit_f)
    zv = _scale_value(zh.value, 1 / en.unit_f)
    ratio = ev / zv
    k = ratio.copy_abs().adjusted()
    de, dz = _digits(ev), _digits(zv)
    if (k != 0 or abs(ratio) < 1) and de == dz and -4 <= k <= 4:
        return Relation(False, "magnitude", 4)  # a power of ten apart, same written digits
    if en.direction and zh.direction and en.direction != zh.direction and de == dz:
        return Relation(False, "direction", 4)
    if abs(_magnitude_rank(ev) - _magnitude_rank(zv)) <= 1 and _one_edit(de, dz):
        return Relation(False, "value", 3)
    return Relation(False)


_NEAR_LO, _NEAR_HI = Decimal("0.9"), Decimal("1.12")
