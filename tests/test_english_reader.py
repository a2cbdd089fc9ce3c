"""The English figure reader: magnitudes, units, qualifiers, kinds, and properties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportcheck.figure import Kind
from reportcheck.quantities import units
from reportcheck.quantities.interval import INF
from reportcheck.text.english import ENGLISH_QUALIFIERS, extract_english, is_english


def one(text: str):
    figs = [f for f in extract_english(text) if f.kind.is_quantity]
    assert len(figs) == 1, [(f.text, f.kind) for f in extract_english(text)]
    return figs[0]


@pytest.mark.parametrize("text, value, unit, kind", [
    ("GDP reached 140.19 trillion yuan.", "140190000000000", "元", Kind.AMOUNT),
    ("A total of 12.67 million urban jobs were added.", "12670000", "人", Kind.COUNT),
    ("Bonds worth 1.2 billion yuan were issued.", "1200000000", "元", Kind.AMOUNT),
    ("GDP grew by 5.2 percent.", "5.2", "%", Kind.GROWTH),
    ("The ratio was raised by 3 percentage points.", "3", "个百分点", Kind.POINTS),
    ("Grain output reached 715 million metric tons.", "715000000", "吨", Kind.AMOUNT),
    ("Capacity grew by 370 million kilowatts.", "370000000", "千瓦", Kind.AMOUNT),
    ("The share rose to 66.2 percent.", "66.2", "%", Kind.SHARE),
    ("There was a 30-percent increase in exports.", "30", "%", Kind.GROWTH),
    ("Stays were extended to 240 hours.", "240", "小时", Kind.AMOUNT),
    ("Subsidies rose by 30 yuan per person.", "30", "元", Kind.AMOUNT),
    ("Over 1,500 enterprises joined.", "1500", "家", Kind.COUNT),
    ("It covers 2.5 million hectares.", "2500000", "公顷", Kind.AMOUNT),
    ("Sales reached 12 billion US dollars.", "12000000000", "美元", Kind.AMOUNT),
    ("One trillion yuan of such bonds will be issued.", "1000000000000", "元", Kind.AMOUNT),
])
def test_value_unit_kind(text, value, unit, kind):
    f = one(text)
    assert f.value == Decimal(value)
    assert f.unit == unit
    assert f.kind is kind


def test_rounding_from_the_last_written_digit():
    f = one("A total of 12.44 million urban jobs were added.")
    assert (f.lower, f.upper) == (Decimal("12435000"), Decimal("12445000"))
    f = one("The deficit is 4.06 trillion yuan.")
    assert (f.lower, f.upper) == (Decimal("4.055E12"), Decimal("4.065E12"))
    f = one("Output rose by 5.2 percent.")
    assert (f.lower, f.upper) == (Decimal("5.15"), Decimal("5.25"))


@pytest.mark.parametrize("text, lower, upper, lower_closed, upper_closed, zh", [
    ("more than 30 million people", "30000000", INF, False, False, "超过"),
    ("over 60 percent of output", "60", INF, False, False, "超过"),
    ("at least 7 percent of GDP", "6.5", INF, True, False, "不低于"),
    ("about 5 percent of GDP", "4.5", "5.5", True, True, "左右"),
    ("around 5.5 percent of GDP", "5.225", "5.775", True, True, "左右"),
    ("nearly 40 percent of power", "-Infinity", "40", False, True, "近"),
    ("close to 40 percent of power", "-Infinity", "40", False, True, "接近"),
    ("up to 10 percent of GDP", "-Infinity", "10", False, True, "不超过"),
    ("below 3 percent of GDP", "-Infinity", "3", False, False, "低于"),
    ("fewer than 11 million people", "-Infinity", "11000000", False, False, "不到"),
    ("61,000 people or more", "61000", INF, True, False, "以上"),
    ("6.1 million people or more", "6050000", INF, True, False, "以上"),
])
def test_qualifiers_take_the_role_of_the_chinese_word(text, lower, upper, lower_closed, upper_closed, zh):
    f = one(text)
    assert f.lower == Decimal(lower) and f.upper == Decimal(upper)
    assert (f.interval.lower_closed, f.interval.upper_closed) == (lower_closed, upper_closed)
    assert f.extra["role_word"] == zh


def test_every_english_qualifier_maps_onto_the_one_policy():
    from reportcheck.quantities.qualifiers import QUALIFIERS

    assert set(ENGLISH_QUALIFIERS.values()) <= set(QUALIFIERS)


def test_ranges_and_directions():
    f = one("growth of 5 to 5.5 percent is expected")
    assert f.extra["range"] == (Decimal("5"), Decimal("5.5"))
    assert (f.lower, f.upper) == (Decimal("4.5"), Decimal("5.55"))
    assert one("Energy use per unit of GDP dropped by 3 percent.").extra["direction"] == "down"
    assert one("The CPI rose by 0.2 percent.").extra["direction"] == "up"
    # "increased by 10.9 percent in X and by 10.4 percent in Y": both changes
    figs = extract_english("Value added increased by 10.9 percent in IT and by 10.4 percent in leasing.")
    assert [f.kind for f in figs] == [Kind.GROWTH, Kind.GROWTH]


def test_word_numbers_fractions_and_multiples():
    assert one("a third of the funds").value == Decimal(1) / Decimal(3)
    assert one("over half of new capacity").extra["fraction"] == "1/2"
    assert one("the three main grain crops").value == 3
    [f] = extract_english("Incomes doubled.")
    assert f.kind is Kind.MULTIPLE and f.value == 2
    assert one("an increase of one percentage point").kind is Kind.POINTS


@pytest.mark.parametrize("text, kind", [
    ("Our work in 2023", Kind.YEAR),
    ("the 14th Five-Year Plan", Kind.RANK),
    ("5G penetration", None),
    ("the C919 airliner", None),
    ("Covid-19 response", None),
    ("a three-year action plan", Kind.DURATION),
    ("on September 26", Kind.DATE),
    ("one-stop services", Kind.NAME),
    ("the Five Principles of Peaceful Coexistence", Kind.NAME),
])
def test_numbers_that_are_not_amounts(text, kind):
    figs = extract_english(text)
    assert not any(f.kind.is_quantity for f in figs)
    if kind is not None:
        assert figs and figs[0].kind is kind


def test_units_convert_through_the_registry():
    # 1.43万亿斤 and 715 million metric tons are the same quantity (1 斤 = 0.5 kg)
    f = one("Grain output reached 715 million metric tons.")
    assert units.convert(Decimal("1.43"), "万亿斤", f.unit) == Fraction(715000000)


def test_positions_are_code_points():
    text = "第一行\nGDP grew by 5.2 percent."
    f = one(text)
    assert (f.line, f.column, f.end_column) == (2, 13, 24)
    assert text[f.start:f.end] == "5.2 percent"


def test_is_english():
    assert is_english("GDP grew by 5.2 percent.")
    assert not is_english("国内生产总值增长5.2%。")


# -- properties ------------------------------------------------------------------------------------------

MAGS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2, allow_nan=False),
    st.sampled_from(sorted(MAGS)),
    st.sampled_from(["yuan", "metric tons", "kilowatts", "hectares"]),
)
def test_a_formatted_amount_reads_back(d, mag, unit_word):
    written = format(d.normalize(), "f")
    f = one(f"Investment reached {written} {mag} {unit_word} last year.")
    assert f.value == Decimal(written).scaleb(MAGS[mag])
    assert f.interval.contains(f.value)
    # the rounding interval is half a unit of the last written digit either side
    exp = Decimal(written).as_tuple().exponent + MAGS[mag]
    assert f.upper - f.lower == Decimal(1).scaleb(exp)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9))
def test_grouped_digits_read_back(n):
    written = f"{n:,}"
    f = one(f"The program served {written} households.")
    assert f.value == n and f.unit == "户"


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1, allow_nan=False),
       st.sampled_from(sorted(ENGLISH_QUALIFIERS)))
def test_a_qualified_percentage_contains_or_bounds_its_number(d, word):
    from reportcheck.quantities.qualifiers import QUALIFIERS, Role

    written = format(d.normalize(), "f")
    text = f"the share was {word} {written} percent of the total" if word not in (
        "or more", "and above", "or above", "and more", "or higher", "or so", "or less", "or below", "and below",
        "or fewer") else f"the share was {written} percent {word} of the total"
    figs = [f for f in extract_english(text) if f.kind.is_quantity]
    assert len(figs) == 1
    f = figs[0]
    role = QUALIFIERS[ENGLISH_QUALIFIERS[word]]
    v = Decimal(written)
    if role in (Role.LOWER_OPEN, Role.MORE):
        assert f.lower == v and f.upper == INF
    elif role == Role.LOWER:
        assert f.lower <= v and f.upper == INF
    elif role in (Role.UPPER, Role.UPPER_OPEN):
        assert f.upper == v and f.lower == -INF
    else:
        assert f.interval.contains(v)


@pytest.mark.parametrize("text", ["a target of 5%-5.5%", "growth of 5 percent to 5.5 percent",
                                  "growth of 5 to 5.5 percent"])
def test_ranges_written_either_way_are_one_figure(text):
    f = one(text)
    assert f.extra["range"] == (Decimal("5"), Decimal("5.5")) and f.unit == "%"


def test_up_from_is_a_level():
    figs = [f for f in extract_english("It reached 5.5 percent, up from 4.9 percent.") if f.kind.is_quantity]
    assert [f.kind for f in figs] == [Kind.SHARE, Kind.SHARE]
