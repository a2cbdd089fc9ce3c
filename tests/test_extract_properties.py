"""Hypothesis properties of numbers, intervals, units and extraction."""

from __future__ import annotations

import time
from decimal import Decimal
from fractions import Fraction

import pytest

from hypothesis import assume, example, given
from hypothesis import strategies as st

from reportcheck.figure import Kind
from reportcheck.quantities.interval import INF, NEG_INF, Interval, Verdict
from reportcheck.quantities.numerals import parse_number
from reportcheck.quantities.qualifiers import QUALIFIERS, Role
from reportcheck.quantities.units import convert
from reportcheck.text.extract import extract

# --- writers, independent of the parser ------------------------------------------------------

_CN = "零一二三四五六七八九"


def _cn_below_10000(n: int) -> str:
    out, zero = "", False
    for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // place % 10
        if d:
            if zero and out:
                out += "零"
            out += _CN[d] + name
            zero = False
        else:
            zero = True
    return out


def to_chinese(n: int) -> str:
    """A non-negative integer in Chinese numerals (一百零五, 三万五千, 十五 as 一十五 is avoided)."""
    if n == 0:
        return "零"
    parts = []
    yi, rest = divmod(n, 10**8)
    wan, low = divmod(rest, 10**4)
    if yi:
        parts.append(_cn_below_10000(yi) + "亿")
    if wan:
        if yi and wan < 1000:
            parts.append("零")
        parts.append(_cn_below_10000(wan) + "万")
    if low:
        if (yi or wan) and low < 1000:
            parts.append("零")
        parts.append(_cn_below_10000(low))
    s = "".join(parts)
    if s.startswith("一十"):
        s = s[1:]
    return s


FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def thousands(d: Decimal) -> str:
    s = format(d, "f")
    whole, _, frac = s.partition(".")
    grouped = f"{int(whole):,}"
    return grouped + ("." + frac if frac else "")


decimals = st.decimals(min_value=0, max_value=Decimal("9999999999"), places=3, allow_nan=False, allow_infinity=False)
integers = st.integers(min_value=0, max_value=999_999_999_999)


@given(decimals)
def test_arabic_styles_parse_back(d):
    plain = format(d, "f")
    assert parse_number(plain).value == d
    assert parse_number(plain.translate(FW)).value == d
    assert parse_number(thousands(d)).value == d


@given(decimals)
def test_magnitude_styles_parse_back(d):
    assert parse_number(format(d, "f") + "万").value == d * 10**4
    assert parse_number(format(d, "f") + "亿").value == d * 10**8
    assert parse_number(format(d, "f") + "万亿").value == d * 10**12


@given(integers)
def test_chinese_numerals_parse_back(n):
    assert parse_number(to_chinese(n)).value == n


@given(st.integers(1, 9999), st.integers(1, 9))
def test_mixed_wan_qian(w, q):
    assert parse_number(f"{w}万{q}千").value == w * 10000 + q * 1000


# --- extraction: intervals contain the written value and respect the qualifier -----------------

UNITS = ["亿元", "万元", "万人", "家", "个", "%", "万亩", "万千瓦", "GW", "个百分点", "万吨"]
PREFIX = ["", "达到", "突破", "超过", "逾", "近", "约", "力争", "预计", "不到", "力争突破"]
SUFFIX = ["", "以上", "以下", "左右"]


@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99999"), places=1),
    st.sampled_from(UNITS),
    st.sampled_from(PREFIX),
    st.sampled_from(SUFFIX),
    st.booleans(),
)
def test_interval_contains_value_and_respects_qualifier(d, unit, pre, suf, bold):
    assume(not (pre and suf and (QUALIFIERS.get(pre.replace("力争", "") or "x") in (Role.UPPER, Role.UPPER_OPEN, Role.BAND)
                                  or suf in ("以下", "左右"))))
    num = format(d.normalize(), "f")
    body = f"**{num}**{unit}" if bold else f"{num}{unit}"
    text = f"全市地区生产总值{pre}{body}{suf}，其他不变。"
    figs = [f for f in extract(text) if f.kind.is_quantity]
    assert len(figs) == 1, figs
    f = figs[0]
    assert f.value == Decimal(num)
    assert f.unit == unit
    iv = f.interval
    words = [w for w in (f.qualifier or "").split("+") if w]
    roles = {QUALIFIERS[w] for w in words}
    if roles & {Role.LOWER_OPEN, Role.UPPER_OPEN}:
        assert not iv.contains(f.value)
        if Role.LOWER_OPEN in roles:
            assert iv.lower == f.value and iv.upper == INF
        else:
            assert iv.upper == f.value and iv.lower == NEG_INF
    else:
        assert iv.contains(f.value)
    if Role.LOWER in roles:
        assert iv.upper == INF and iv.lower <= f.value
    if Role.UPPER in roles:
        assert iv.lower == NEG_INF and iv.upper == f.value
    if Role.BAND in roles:
        assert iv.bounded and f.value - iv.lower == iv.upper - f.value > 0
    if not roles & {Role.LOWER, Role.LOWER_OPEN, Role.UPPER, Role.UPPER_OPEN, Role.BAND}:
        assert iv.bounded
    assert f.stretch == ("力争" in pre)
    assert f.estimate == ("预计" in pre)
    # the span in the original text is the figure with its markers
    assert text[f.start : f.end].replace("**", "") == f.text == num + unit


# --- units round-trip exactly ------------------------------------------------------------------

PAIRS = [("亿元", "万元"), ("万亿元", "元"), ("亩", "平方米"), ("万亩", "平方公里"), ("GW", "万千瓦"), ("吨", "斤"),
         ("%", "个百分点"), ("公顷", "亩"), ("亿千瓦时", "kWh"), ("‰", "%")]


@given(st.fractions(min_value=-10**9, max_value=10**9, max_denominator=10**6), st.sampled_from(PAIRS))
def test_unit_conversions_round_trip_exactly(x, pair):
    a, b = pair
    assert convert(convert(x, a, b), b, a) == x


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.sampled_from(PAIRS))
def test_decimal_values_convert_exactly(d, pair):
    a, b = pair
    assert convert(convert(d, a, b), b, a) == Fraction(d)


# --- interval arithmetic contains every point result; comparisons monotone ----------------------

small = st.decimals(min_value=-1000, max_value=1000, places=2)


@st.composite
def interval_and_point(draw):
    a, b = sorted((draw(small), draw(small)))
    lc, hc = draw(st.booleans()), draw(st.booleans())
    assume(a < b or (lc and hc))
    t = draw(st.integers(0, 100))
    x = a + (b - a) * Decimal(t) / 100
    assume(Interval(a, b, lc, hc).contains(x))
    return Interval(a, b, lc, hc), x


@given(interval_and_point(), interval_and_point())
# found by hypothesis: (0, 0.01) × [0, 0.01) once gave (0, 0.0001), which excludes 0.005 × 0 = 0
@example((Interval(Decimal(0), Decimal("0.01"), False, False), Decimal("0.005")),
         (Interval(Decimal(0), Decimal("0.01"), True, False), Decimal(0)))
def test_arithmetic_contains_point_results(p, q):
    (A, x), (B, y) = p, q
    assert (A + B).contains(x + y)
    assert (A - B).contains(x - y)
    assert (A * B).contains(x * y)
    if not B.contains(0):  # an open end at 0 is allowed: its reciprocal is unbounded
        Q = A / B
        exact = Fraction(x) / Fraction(y)  # the true quotient, not a 28-digit Decimal
        if Q.lower.is_finite():
            lo = Fraction(Q.lower)
            assert lo < exact or (Q.lower_closed and lo == exact)
        if Q.upper.is_finite():
            hi = Fraction(Q.upper)
            assert exact < hi or (Q.upper_closed and hi == exact)


def test_division_by_interval_open_at_zero():
    q = Interval(Decimal(1), Decimal(1)) / Interval(Decimal("-0.01"), Decimal(0), True, False)
    assert q.contains(Decimal(-100)) and q.contains(Decimal(-10**9))
    assert not q.contains(Decimal(-99))
    assert str(q) == "(-∞, -100]"


@given(interval_and_point(), interval_and_point(), small.filter(lambda v: v >= 0), small.filter(lambda v: v >= 0))
def test_comparisons_monotone_under_widening(p, q, wa, wb):
    (A, _), (B, _) = p, q
    A2 = Interval(A.lower - wa, A.upper + wa, A.lower_closed, A.upper_closed)
    B2 = Interval(B.lower - wb, B.upper + wb, B.lower_closed, B.upper_closed)
    for op in ("le", "lt", "ge", "gt"):
        wide = getattr(A2, op)(B2)
        narrow = getattr(A, op)(B)
        if wide is not Verdict.UNDETERMINED:
            assert narrow is wide, (op, A, B, A2, B2)


# --- robustness ---------------------------------------------------------------------------------

alphabet = st.sampled_from(
    list("0123456789.,%％万亿千百十一二三四五六七八九两零〇第年月日个家元以上突破超过约左右、，。“”*\n\r -—至分之翻番倍GWA级")
    + list("［］()（）《》∶：:/_号强连增来届首位多余近力争预计分别下降提高百分点人次亿元万千瓦PM")
)


@given(st.text(alphabet, max_size=200))
def test_extract_never_crashes_and_spans_are_in_the_text(text):
    figs = extract(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for f in figs:
        assert 0 <= f.start < f.end <= len(text)
        assert isinstance(f.kind, Kind)
        assert f.text == text[f.start : f.end].replace("**", "").translate(str.maketrans("０１２３４５６７８９％．", "0123456789%."))
        assert 1 <= f.line <= len(lines)


def test_linear_time_on_pathological_input():
    # long runs that would make a backtracking pattern explode
    parts = ["1" * 5000, "1," * 5000, "一" * 5000, "万" * 5000, "1.1." * 3000, "**" * 5000, "“" * 3000, "、5%" * 3000]
    for p in parts:
        t0 = time.perf_counter()
        extract(p)
        small = time.perf_counter() - t0
        t0 = time.perf_counter()
        extract(p * 4)
        big = time.perf_counter() - t0
        assert big < max(0.05, small * 12), (p[:10], small, big)


# --- the scalar intervals and the rules' numpy intervals multiply alike ----------------------------

@given(interval_and_point(), interval_and_point())
@example((Interval(Decimal(0), Decimal("0.01"), False, False), Decimal("0.005")),
         (Interval(Decimal(0), Decimal("0.01"), True, False), Decimal(0)))
def test_numpy_product_agrees_with_the_scalar_one(p, q):
    from reportcheck.rules import vec

    (A, _), (B, _) = p, q
    P = A * B
    va = vec.IV.make([float(A.lower)], [float(A.upper)], [A.lower_closed], [A.upper_closed])
    vb = vec.IV.make([float(B.lower)], [float(B.upper)], [B.lower_closed], [B.upper_closed])
    V = va * vb
    assert V.lo[0] == pytest.approx(float(P.lower), rel=1e-12, abs=1e-12)
    assert V.hi[0] == pytest.approx(float(P.upper), rel=1e-12, abs=1e-12)
    # closedness at an end the float product reproduces exactly (always so at 0)
    if V.lo[0] == float(P.lower):
        assert bool(V.lc[0]) == P.lower_closed
    if V.hi[0] == float(P.upper):
        assert bool(V.hc[0]) == P.upper_closed


def test_product_at_zero_is_closed_when_a_factor_holds_zero():
    from reportcheck.rules import vec

    A = Interval(Decimal(0), Decimal("0.01"), False, False)
    B = Interval(Decimal(0), Decimal("0.01"), True, False)
    assert (A * B).contains(0) and (B * A).contains(0)
    assert not (A * A).contains(0)  # neither factor holds 0: the product does not either
    V = vec.IV.make([0.0], [0.01], [False], [False]) * vec.IV.make([0.0], [0.01], [True], [False])
    assert bool(V.lc[0]) and V.lo[0] == 0
