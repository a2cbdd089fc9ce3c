"""Intervals: construction, containment, exact arithmetic, three-valued comparisons,
and the qualifier policy that builds them."""

from decimal import Decimal


from reportcheck.quantities.interval import INF, NEG_INF, Interval, Verdict
from reportcheck.quantities.numerals import parse_number
from reportcheck.quantities.qualifiers import (
    PREFIX_WORDS,
    QUALIFIERS,
    SUFFIX_WORDS,
    Role,
    apply_qualifiers,
    band_width,
    last_nonzero_step,
    rounding_interval,
)

D = Decimal


def iv(lo, hi, lc=True, hc=True):
    return Interval(D(lo), D(hi), lc, hc)


def test_point_and_contains():
    p = Interval.point(3)
    assert p.is_point and p.contains(3) and not p.contains(D("3.0001"))
    o = iv(1, 2, False, False)
    assert not o.contains(1) and not o.contains(2) and o.contains(D("1.5"))


def test_infinite_ends_are_open():
    a = Interval(D(5), INF, True, True)
    assert a.upper_closed is False
    assert Interval.at_most(3).lower == NEG_INF


def test_arithmetic_exact():
    assert iv("0.1", "0.2") + iv("0.2", "0.3") == iv("0.3", "0.5")
    assert iv(1, 2) - iv(1, 2) == iv(-1, 1)
    assert iv(-1, 2) * iv(3, 4) == iv(-4, 8)
    q = iv(1, 2) / iv(4, 8)
    assert q.contains(D("0.125")) and q.contains(D("0.5"))


def test_division_by_an_interval_containing_zero_says_nothing():
    assert (iv(1, 2) / iv(-1, 1)) == Interval.everything()


def test_comparisons():
    assert iv(1, 2).le(iv(2, 3)) is Verdict.PASS
    assert iv(3, 4).le(iv(1, 2)) is Verdict.FAIL
    assert iv(1, 3).le(iv(2, 4)) is Verdict.UNDETERMINED
    assert iv(1, 2, True, False).lt(iv(2, 3)) is Verdict.PASS
    assert iv(1, 2).within(iv(0, 100)) is Verdict.PASS
    assert iv(101, 102).within(iv(0, 100)) is Verdict.FAIL


# --- the qualifier policy ----------------------------------------------------------------

def Q(text, *words, exact=False):
    return apply_qualifiers(parse_number(text), list(words), exact=exact)


def test_rounding_decimals():
    assert rounding_interval(parse_number("4.9万")) == iv(48500, 49500)
    assert rounding_interval(parse_number("6.5")) == iv("6.45", "6.55")


def test_trailing_zeros_are_written_digits():
    assert rounding_interval(parse_number("5600")) == iv("5599.5", "5600.5")


def test_exact_counts():
    assert Q("351", exact=True) == Interval.point(351)


def test_lower_bounds():
    assert Q("6.1", "以上") == Interval(D("6.05"), INF, True, False)
    for w in ("超过", "突破", "逾"):
        i = Q("500", w)
        assert i == Interval(D(500), INF, False, False), w
        assert not i.contains(500) and i.contains(D("500.0001"))


def test_more_than_within_a_unit_of_the_last_nonzero_digit():
    assert Q("5100", "多") == iv(5100, 5200, False, False)
    assert Q("4200", "余") == iv(4200, 4300, False, False)
    assert Q("10", "余") == iv(10, 20, False, False)
    assert Q("1.3", "多") == iv("1.3", "1.4", False, False)
    assert last_nonzero_step(parse_number("6000")) == 1000


def test_upper_bounds():
    assert Q("500", "近") == Interval(NEG_INF, D(500), False, True)
    assert Q("500", "不到") == Interval(NEG_INF, D(500), False, False)
    assert Q("3", "以下") == Interval(NEG_INF, D(3), False, True)
    assert Q("3", "以内") == Interval(NEG_INF, D(3), False, True)


def test_bands():
    assert Q("7", "左右") == iv("6.5", "7.5")
    assert Q("5000", "约") == iv(4750, 5250)
    assert Q("6.5", "左右") == iv("6.175", "6.825")
    assert band_width(parse_number("7")) == D("0.5")


def test_levels_and_flags_keep_the_rounding_interval():
    for w in ("达到", "增至", "完成", "实现", "力争", "争取", "预计"):
        assert Q("5.6", w) == iv("5.55", "5.65"), w


def test_stretch_with_threshold():
    assert Q("6000", "力争", "突破") == Interval(D(6000), INF, False, False)


def test_every_listed_word_has_a_role():
    for w in ("以上", "超过", "突破", "逾", "多", "余", "近", "不到", "以下", "左右", "约", "达到", "增至", "完成", "实现",
              "力争", "争取", "预计"):
        assert w in QUALIFIERS
    assert QUALIFIERS["力争"] == Role.STRETCH and QUALIFIERS["预计"] == Role.ESTIMATE
    assert "以上" in SUFFIX_WORDS and "突破" in PREFIX_WORDS
    assert list(PREFIX_WORDS) == sorted(PREFIX_WORDS, key=len, reverse=True)
