"""Properties of compare's verdicts (hypothesis): rewritings that keep the value pass,
slips that change it fail, whatever the number."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from reportcheck.compare.index import figures_of
from reportcheck.compare.verdict import judge
from reportcheck.quantities.interval import Verdict

# written amounts: 1–4 integer digits and 0–2 decimals, in 亿元
amounts = st.builds(lambda i, d, n: Decimal(i).scaleb(-n) if n else Decimal(i),
                    st.integers(min_value=11, max_value=9999), st.just(0), st.integers(min_value=0, max_value=2))


def fig(text: str):
    figs = figures_of(text)
    assert figs, text
    return figs[0]


def fmt(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")


@settings(max_examples=60, deadline=None)
@given(amounts)
def test_the_same_amount_in_another_magnitude_is_faithful(v):
    src = fig(f"收入{fmt(v)}亿元")
    wan = fig(f"收入{fmt(v * 10000)}万元")
    assert judge(wan, src).verdict is Verdict.PASS


@settings(max_examples=60, deadline=None)
@given(amounts)
def test_the_written_number_with_another_magnitude_is_a_magnitude_slip(v):
    src = fig(f"收入{fmt(v)}亿元")
    fid = judge(fig(f"收入{fmt(v)}万元"), src)
    assert fid.verdict is Verdict.FAIL and fid.slip == "magnitude"


@settings(max_examples=60, deadline=None)
@given(amounts)
def test_a_moved_decimal_point_is_a_value_slip(v):
    src = fig(f"收入{fmt(v)}亿元")
    fid = judge(fig(f"收入{fmt(v * 10)}亿元"), src)
    assert fid.verdict is Verdict.FAIL and fid.slip == "value"


@settings(max_examples=60, deadline=None)
@given(amounts)
def test_about_and_more_than_a_lower_round_number_are_faithful(v):
    # 约 and 超 with the value itself: the source lies inside what the words allow
    src = fig(f"收入{fmt(v)}亿元")
    assert judge(fig(f"收入约{fmt(v)}亿元"), src).verdict is Verdict.PASS
    assert judge(fig(f"收入{fmt(v)}多亿元"), fig(f"收入{fmt(v)}亿元以上")).verdict is not Verdict.FAIL


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=9))
def test_growth_direction_and_points_slips(i, d):
    p = f"{i}.{d}" if d else f"{i}"
    assert judge(fig(f"增长{p}%"), fig(f"增长{p}%")).verdict is Verdict.PASS
    fid = judge(fig(f"下降{p}%"), fig(f"增长{p}%"))
    assert fid.verdict is Verdict.FAIL and fid.slip == "direction"
    fid = judge(fig(f"提高{p}个百分点"), fig(f"提高{p}%"))
    assert fid.verdict is Verdict.FAIL and fid.slip == "percent-points"


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=98))
def test_bounds_the_other_way_are_qualifier_slips(i):
    fid = judge(fig(f"覆盖率{i}%以下"), fig(f"覆盖率{i}%以上"))
    assert fid.verdict is Verdict.FAIL and fid.slip == "qualifier"
    assert judge(fig(f"覆盖率不低于{i}%"), fig(f"覆盖率{i}%以上")).verdict is Verdict.PASS
