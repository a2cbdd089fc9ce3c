"""Units: the pint registry built from units.txt."""

from fractions import Fraction

import pytest

from reportcheck.quantities import units
from reportcheck.quantities.units import UnitError, compatible, convert, factor, is_known_unit, split_magnitude


def test_gw_compares_with_wan_kilowatt():
    # 1.1GW = 110万千瓦 < 580万千瓦
    assert convert(Fraction(11, 10), "GW", "万千瓦") == 110
    assert convert(Fraction(11, 10), "GW", "万千瓦") < 580
    assert factor("万千瓦", "GW") == Fraction(1, 100)


def test_magnitudes_are_exact():
    assert factor("万亿元", "亿元") == 10000
    assert factor("亿元", "万元") == 10000
    assert factor("万元", "元") == 10000
    assert factor("万人次", "人次") == 10000


def test_mu_to_square_metres_is_exact():
    assert factor("亩", "平方米") == Fraction(2000, 3)
    assert convert(15, "亩", "平方米") == 10000
    assert convert(convert(7, "万亩", "平方公里"), "平方公里", "万亩") == 7


def test_dimension_errors():
    with pytest.raises(UnitError, match="different dimensions"):
        factor("亿元", "万人")
    assert not compatible("亿元", "万人")
    assert not compatible("元", "美元")


@pytest.mark.parametrize("a,b", [("家", "个"), ("人", "人次"), ("人", "户"), ("所", "个"), ("项", "件"), ("大", "个")])
def test_each_classifier_is_its_own_dimension(a, b):
    assert not compatible(a, b)
    with pytest.raises(UnitError):
        factor(a, b)


def test_percent_and_points():
    assert is_known_unit("%") and is_known_unit("％") and is_known_unit("个百分点")
    assert factor("%", "") == Fraction(1, 100)
    assert factor("‰", "%") == Fraction(1, 10)
    assert factor("成", "%") == 10


UNITS_THE_EXTRACTOR_EMITS = [
    "元", "万元", "亿元", "万亿元", "美元", "亿美元", "人", "万人", "人次", "万人次", "户", "万户", "亩", "万亩", "亩次", "万亩次",
    "吨", "万吨", "千瓦", "万千瓦", "亿千瓦时", "千瓦时", "平方米", "万平方米", "斤", "亿斤", "公里", "平方公里", "GW", "MW",
    "kW", "GWh", "家", "个", "万个", "所", "张", "万张", "处", "项", "件", "条", "座", "辆", "万辆", "台", "套", "万套",
    "倍", "%", "个百分点", "千伏", "微克/立方米", "标箱", "万标箱", "艘", "类", "大", "岁", "场次", "颗", "‰", "成", "立方米",
    "亿立方米", "吨标准煤", "万吨标准煤",
]


@pytest.mark.parametrize("unit", UNITS_THE_EXTRACTOR_EMITS)
def test_known_and_dimension_printable(unit):
    assert is_known_unit(unit)
    assert isinstance(units.dimensionality(unit), str)


def test_unknown_unit_suggests():
    with pytest.raises(UnitError, match="did you mean"):
        factor("亿圆", "元")
    assert not is_known_unit("亿圆")


def test_split_magnitude():
    assert split_magnitude("亿元") == (10**8, "元")
    assert split_magnitude("千瓦") == (1, "千瓦")
    assert split_magnitude("万千瓦") == (10**4, "千瓦")


def test_dimensionality_of_compound_units_does_not_crash():
    # pint cannot str() the Fraction exponents of our exact registry; ours is built by hand
    from reportcheck.quantities import units

    assert units.dimensionality("元/人") == "[currency] * [person]^-1"
    assert units.compatible("万元/人", "元/人")
    assert not units.compatible("元/人", "元")
    assert units.factor("万元/人", "元/人") == 10000


# --------------------------------------------------------------------------------------
# units.txt is the one vocabulary: the extractor's words and the magnitudes come from it
# --------------------------------------------------------------------------------------
def _pint_spellings(group: str) -> set[str]:
    ureg = units.registry()
    out: set[str] = set()
    for name in ureg.get_group(group).members:
        d = ureg._units[name]  # noqa: SLF001 - pint has no public accessor for aliases
        out.add(name)
        if d.symbol and d.has_symbol:
            out.add(d.symbol)
        out.update(d.aliases)
    return out


@pytest.mark.parametrize("group", ["classifiers", "measures", "countable", "spans", "ratios"])
def test_vocabulary_reads_the_groups_as_pint_does(group):
    assert set(units.vocabulary(group)) == _pint_spellings(group)


def test_magnitudes_are_the_registry_prefixes():
    ureg = units.registry()
    prefixes = {p: int(d.converter.scale) for p, d in ureg._prefixes.items() if p}  # noqa: SLF001
    assert units.MAGNITUDES == prefixes
    assert list(units.MAGNITUDES)[:1] == ["万亿"]  # longest first


def test_every_word_the_extractor_reads_is_a_known_unit():
    from reportcheck.text.extract import vocabulary as ex

    words = set(ex.UNITS) | set(ex._LATIN_UNITS)
    assert {"个百分点", "千伏安", "月", "日", "EFLOPS", "百万千瓦"} - {m + w for m in ("", "百万") for w in words} == set()
    for w in words:
        assert is_known_unit(w), w
        assert isinstance(units.dimensionality(w), str)
    for m in ex._MAGNITUDES:
        for w in set(ex.CLASSIFIERS) | set(ex.MEASURES):
            assert is_known_unit(m + w), m + w


def test_every_unit_extracted_from_the_reports_is_known():
    """Over the 25 provincial reports and the bundled documents: a figure's unit is a
    registry unit, or a bare magnitude (接待游客46万: a number written at that size)."""
    from conftest import ROOT, TESTDATA
    from reportcheck.text.document import load_document
    from reportcheck.text.extract import extract

    docs = sorted((TESTDATA / "corpus").glob("*.txt")) + sorted((ROOT / "data").glob("*.*"))
    assert len(docs) >= 26
    unknown = set()
    for p in docs:
        for f in extract(load_document(p).text):
            if f.unit and not is_known_unit(f.unit) and f.unit not in units.MAGNITUDES:
                unknown.add((p.name, f.unit, f.text))
    assert not unknown


def test_split_magnitude_of_every_magnitude():
    assert split_magnitude("百万千瓦") == (10**6, "千瓦")
    assert split_magnitude("千万元") == (10**7, "元")
    assert split_magnitude("万亿元") == (10**12, "元")
    assert split_magnitude("千米") == (1, "千米")  # a defined unit is not split
    assert split_magnitude("万元/人") == (10**4, "元/人")
    assert split_magnitude("万") == (1, "万")
    assert split_magnitude("亿圆") == (1, "亿圆")
