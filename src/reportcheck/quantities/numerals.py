"""Written numbers → exact values.

Reports write numbers in many ways: ``5600``, ``６．５``, ``1,234``, ``4.9万``,
``3万5千``, ``10.3万亿``, ``三万五千``, ``一百二十``, ``两``, ``二〇二五``, ranges
(``3-5``, ``3至5``, ``3—5``), fractions (``三分之一``) and doublings (``翻番``,
``翻一番``, ``翻两番``).

:func:`parse_number` returns a :class:`Number`: the exact :class:`~decimal.Decimal`
value and the *exponent* of the last written digit (the power of ten of its
place). ``4.9万`` is ``Number(49000, 3)``: the last written digit (9) sits at
the thousands place. ``5600`` is ``Number(5600, 0)``; ``三万五千`` is
``Number(35000, 3)``; ``一百二十`` is ``Number(120, 1)``. The rounding policy
that turns the exponent into an interval lives in
:mod:`reportcheck.quantities.qualifiers`.

Nothing here uses floats, ``eval`` or backtracking-prone patterns.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "Number",
    "NumeralError",
    "FULLWIDTH",
    "normalize",
    "parse_number",
    "parse_range",
    "parse_fraction",
    "parse_doubling",
    "split_magnitude",
    "CN_DIGITS",
]


class NumeralError(ValueError):
    """Text that is not a number we can read (e.g. 十四五, which is a name)."""


#: Full-width digits and number punctuation → ASCII. One character to one character,
#: so offsets into the normalised text are offsets into the original.
FULLWIDTH = str.maketrans(
    "０１２３４５６７８９％．＋－～ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
    "0123456789%.+-~ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
)

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_UNITS = {"十": 1, "百": 2, "千": 3}  # exponent of the place
_MAGS = {"万": 4, "亿": 8}

_PLAIN = re.compile(r"[0-9]{1,40}(?:\.[0-9]{1,30})?")
_NEEDS_NORMALIZE = re.compile(r"[\uff01-\uff5e]")
_ARABIC = re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){1,8}(?:\.[0-9]{1,30})?|[0-9]{1,40}(?:\.[0-9]{1,30})?")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){1,8}(?:\.[0-9]{1,30})?\Z")


@dataclass(frozen=True, slots=True)
class Number:
    """An exact written value and the place (power of ten) of its last written digit."""

    value: Decimal
    exponent: int

    @property
    def step(self) -> Decimal:
        """One unit of the last written digit: 4.9万 → 1000."""
        return Decimal(1).scaleb(self.exponent)


def normalize(s: str) -> str:
    """Full-width digits and signs to ASCII (same length)."""
    return s.translate(FULLWIDTH)


def _arabic(tok: str) -> Number:
    if "," in tok:
        if not _THOUSANDS.match(tok):
            raise NumeralError(f"bad thousands separators in {tok!r}")
        tok = tok.replace(",", "")
    d = Decimal(tok)
    exp = -len(tok.split(".", 1)[1]) if "." in tok else 0
    return Number(d, exp)


def parse_number(text: str) -> Number:
    """Parse one written number (no unit, no qualifier).

    >>> parse_number("4.9万")
    Number(value=Decimal('4.9E+4'), exponent=3)
    """
    if type(text) is not str:
        return _parse_number(text)
    r = _parse_memo(text)
    if type(r) is str:
        raise NumeralError(r)  # a fresh exception each time: a cached one would grow its traceback
    return r


# Reports repeat the same few thousand number texts; Number is immutable, so a
# bounded memo is invisible to callers. Errors are memoised as their message.
@functools.lru_cache(maxsize=4096)
def _parse_memo(text: str) -> Number | str:
    try:
        return _parse_number(text)
    except NumeralError as exc:
        return str(exc)


def _parse_number(text: str) -> Number:
    s = text
    if _PLAIN.fullmatch(s):  # fast path: 5600, 6.5
        dot = s.find(".")
        return Number(Decimal(s), 0 if dot < 0 else dot + 1 - len(s))
    s = s.strip()
    if _NEEDS_NORMALIZE.search(s):
        s = normalize(s)
    if not s:
        raise NumeralError("empty number")
    if s[0] in "+-":
        sign = -1 if s[0] == "-" else 1
        n = parse_number(s[1:])
        return Number(n.value * sign, n.exponent)

    # tokens: Arabic runs, Chinese digits, place units, magnitudes
    tokens: list[tuple[str, object]] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isascii() and ch.isdigit():
            m = _ARABIC.match(s, i)
            tokens.append(("num", _arabic(m.group())))
            i = m.end()
            continue
        if ch in CN_DIGITS:
            tokens.append(("digit", CN_DIGITS[ch]))
        elif ch in _CN_UNITS:
            tokens.append(("unit", _CN_UNITS[ch]))
        elif s.startswith("万亿", i):
            tokens.append(("mag", 12))
            i += 2
            continue
        elif ch in _MAGS:
            tokens.append(("mag", _MAGS[ch]))
        else:
            raise NumeralError(f"not a number: {text!r}")
        i += 1

    kinds = [k for k, _ in tokens]
    # 二〇二五: a plain sequence of Chinese digits reads digit by digit
    if len(tokens) > 1 and all(k == "digit" for k in kinds):
        digits = "".join(str(v) for _, v in tokens)
        return Number(Decimal(digits), 0)
    if kinds.count("num") > 1 and "unit" not in kinds and "mag" not in kinds:
        raise NumeralError(f"not a number: {text!r}")

    total = Decimal(0)  # everything at 万 and above, already scaled
    section = Decimal(0)  # below 万, scaled
    pending: Number | None = None  # a digit/number waiting for its place
    last_exp: int | None = None  # place of the last written digit
    prev_kind = None
    for kind, v in tokens:
        if kind in ("digit", "num"):
            if pending is not None:
                raise NumeralError(f"not a number: {text!r}")  # 十四五: two digits, no place between
            pending = Number(Decimal(v), 0) if kind == "digit" else v  # type: ignore[arg-type]
            if kind == "digit" and v == 0:
                pending = None  # 一百零五: 零 only marks a gap
                prev_kind = kind
                continue
        elif kind == "unit":
            place = int(v)  # type: ignore[arg-type]
            if pending is None:
                if prev_kind == "unit":
                    raise NumeralError(f"not a number: {text!r}")  # 百十
                base = Number(Decimal(1), 0)  # 十五: an unwritten 一
            else:
                base = pending
            section += base.value.scaleb(place)
            last_exp = base.exponent + place
            pending = None
        else:  # magnitude
            mag = int(v)  # type: ignore[arg-type]
            if pending is None and section == 0 and total == 0 and prev_kind != "mag":
                raise NumeralError(f"not a number: {text!r}")  # a bare 万 is not a number
            if pending is not None:
                section += pending.value
                last_exp = pending.exponent
                pending = None
            if prev_kind == "mag" and mag == 8 and total != 0:
                total = total.scaleb(8)  # 万亿 written as 万 then 亿
                last_exp = (last_exp or 0) + 8
            elif mag == 8:
                total = (total + section).scaleb(8)
                last_exp = (last_exp or 0) + 8
                section = Decimal(0)
            else:
                total = total + section.scaleb(mag)
                last_exp = (last_exp or 0) + mag
                section = Decimal(0)
        prev_kind = kind
    if pending is not None:
        section += pending.value
        last_exp = pending.exponent
    value = total + section
    if last_exp is None:
        last_exp = 0
    return Number(value, last_exp)


@functools.lru_cache(maxsize=4096)  # pure, on short strings; tuples of str are immutable
def split_magnitude(text: str) -> tuple[str, str]:
    """'5600亿' → ('5600', '亿'); '10.3万亿' → ('10.3', '万亿'); '3万5千' → ('3万5千', '').

    A trailing magnitude is split off only when the rest is itself free of
    magnitudes, so that '三亿五千万' stays whole (it is 3.5亿, not 三亿五千 × 万).
    """
    for mag in ("万亿", "亿", "万"):
        if text.endswith(mag) and len(text) > len(mag):
            rest = text[: -len(mag)]
            if "万" not in rest and "亿" not in rest:
                return rest, mag
    return text, ""


_RANGE = re.compile(r"(.{1,40}?)(?:-|—{1,2}|–|~|～|至|到)(.{1,40})\Z")


def parse_range(text: str) -> tuple[Number, Number]:
    """'3-5', '3至5', '3—5', '三到五' → (low, high). Raises NumeralError unless low ≤ high."""
    m = _RANGE.match(normalize(text.strip()))
    if not m:
        raise NumeralError(f"not a range: {text!r}")
    lo, hi = parse_number(m.group(1)), parse_number(m.group(2))
    if lo.value > hi.value:
        raise NumeralError(f"range runs backwards: {text!r}")
    return lo, hi


_FRACTION = re.compile(r"(.{1,12}?)分之(.{1,12})\Z")


def parse_fraction(text: str) -> Fraction:
    """'三分之一' → Fraction(1, 3); '百分之五' → Fraction(5, 100)."""
    m = _FRACTION.match(text.strip())
    if not m:
        raise NumeralError(f"not a fraction: {text!r}")
    den_s = m.group(1)
    den = Decimal(100) if den_s == "百" else Decimal(1000) if den_s == "千" else parse_number(den_s).value
    num = parse_number(m.group(2)).value
    if den == 0:
        raise NumeralError(f"zero denominator: {text!r}")
    return Fraction(num) / Fraction(den)


_DOUBLING = re.compile(r"翻([一二两三四五0-9]?)番\Z")


def parse_doubling(text: str) -> int:
    """'翻番'/'翻一番' → 2, '翻两番' → 4, '翻三番' → 8: the factor."""
    m = _DOUBLING.match(normalize(text.strip()))
    if not m:
        raise NumeralError(f"not a doubling: {text!r}")
    n = 1 if not m.group(1) else int(parse_number(m.group(1)).value)
    return 2**n
