"""Written numbers → Decimal value + place of the last written digit."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportcheck.quantities.numerals import (
    Number,
    NumeralError,
    normalize,
    parse_doubling,
    parse_fraction,
    parse_number,
    parse_range,
    split_magnitude,
)
from test_extract_properties import to_chinese

CASES = [
    # text, value, exponent of the last written digit
    ("5600", "5600", 0),
    ("6.5", "6.5", -1),
    ("０．５", "0.5", -1),
    ("６．５", "6.5", -1),
    ("１２３４", "1234", 0),
    ("1,234", "1234", 0),
    ("12,345,678.9", "12345678.9", -1),
    ("4.9万", "49000", 3),
    ("1.6万", "16000", 3),
    ("10.3万亿", "10300000000000", 11),
    ("3万5千", "35000", 3),
    ("5000万", "50000000", 4),
    ("两", "2", 0),
    ("三", "3", 0),
    ("十", "10", 1),
    ("十五", "15", 0),
    ("二十", "20", 1),
    ("一百二十", "120", 1),
    ("一百零五", "105", 0),
    ("三万五千", "35000", 3),
    ("两千", "2000", 3),
    ("十万", "100000", 5),
    ("一千亿", "100000000000", 11),
    ("三亿五千万", "350000000", 7),
    ("二〇二五", "2025", 0),
    ("〇", "0", 0),
    ("零", "0", 0),
    ("-3.5", "-3.5", -1),
]


@pytest.mark.parametrize("text,value,exp", CASES)
def test_parse_number(text, value, exp):
    n = parse_number(text)
    assert n.value == Decimal(value)
    assert n.exponent == exp


@pytest.mark.parametrize("text", ["十四五", "十三五", "万", "亿", "百十", "", "1.2.3", "1,23", "abc", "三改二"])
def test_not_numbers(text):
    with pytest.raises(NumeralError):
        parse_number(text)


def test_step():
    assert parse_number("4.9万").step == Decimal(1000)
    assert Number(Decimal(5), -2).step == Decimal("0.01")


@pytest.mark.parametrize(
    "text,lo,hi",
    [("3-5", 3, 5), ("3至5", 3, 5), ("3—5", 3, 5), ("3——5", 3, 5), ("3~5", 3, 5), ("三到五", 3, 5), ("4.5-5", "4.5", 5)],
)
def test_ranges(text, lo, hi):
    a, b = parse_range(text)
    assert (a.value, b.value) == (Decimal(lo), Decimal(hi))


def test_backwards_range_is_an_error():
    with pytest.raises(NumeralError):
        parse_range("5-3")


def test_fractions():
    assert parse_fraction("三分之一") == Fraction(1, 3)
    assert parse_fraction("百分之五") == Fraction(5, 100)
    assert parse_fraction("四分之三") == Fraction(3, 4)
    with pytest.raises(NumeralError):
        parse_fraction("三分一")


@given(st.integers(1, 99_999), st.integers(0, 99_999))
def test_fractions_in_words_parse_back(den, num):
    # d分之n is n/d, whatever the numerals: 三分之一, 二十五分之十二, 一万分之三
    assert parse_fraction(f"{to_chinese(den)}分之{to_chinese(num)}") == Fraction(num, den)


@given(st.integers(0, 100))
def test_percent_and_permille_in_words(n):
    assert parse_fraction(f"百分之{to_chinese(n)}") == Fraction(n, 100)
    assert parse_fraction(f"千分之{to_chinese(n)}") == Fraction(n, 1000)


def test_doublings():
    assert parse_doubling("翻番") == 2
    assert parse_doubling("翻一番") == 2
    assert parse_doubling("翻两番") == 4
    assert parse_doubling("翻三番") == 8
    with pytest.raises(NumeralError):
        parse_doubling("翻倍")


def test_split_magnitude():
    assert split_magnitude("5600亿") == ("5600", "亿")
    assert split_magnitude("10.3万亿") == ("10.3", "万亿")
    assert split_magnitude("3万5千") == ("3万5千", "")
    assert split_magnitude("三亿五千万") == ("三亿五千万", "")
    assert split_magnitude("万") == ("万", "")


def test_normalize_keeps_length():
    s = "增长６．５％，ＧＤＰ"
    assert normalize(s) == "增长6.5%，GDP"
    assert len(normalize(s)) == len(s)
