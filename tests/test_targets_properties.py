"""Properties of judging a target against an outcome on intervals (reportcheck.targets.judge)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from reportcheck.quantities.interval import Interval
from reportcheck.quantities.numerals import parse_number
from reportcheck.quantities.qualifiers import apply_qualifiers
from reportcheck.targets.judge import MET, MISSED, UNCLEAR, goal_of, judge

values = st.decimals(min_value=Decimal("-50"), max_value=Decimal("500"), places=1, allow_nan=False,
                     allow_infinity=False)
widths = st.decimals(min_value=Decimal("0"), max_value=Decimal("5"), places=2, allow_nan=False,
                     allow_infinity=False)
FLOOR_WORDS = ((), ("以上",), ("不低于",), ("突破",), ("力争", "突破"), ("达到",))
CEILING_WORDS = (("以内",), ("不超过",), ("以下",), ("控制在",))


def _target(v: Decimal, words):
    num = parse_number(str(v))
    return apply_qualifiers(num, list(words)), num.value


def _goal(v, words, **kw):
    iv, value = _target(v, words)
    return goal_of(tuple(words), iv, value, "%", **kw)


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from(FLOOR_WORDS), values, widths)
def test_an_outcome_inside_a_floor_is_never_missed(t, words, o, w):
    goal = _goal(t, words)
    outcome = Interval(o - w, o + w)
    verdict, _ = judge(goal, outcome, o)
    if goal.region.contains_interval(outcome):
        assert verdict == MET
    if goal.region.contains(o):
        assert verdict != MISSED


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from(CEILING_WORDS), values, widths)
def test_an_outcome_inside_a_ceiling_is_never_missed(t, words, o, w):
    ceiling_verb = "控制在" if "控制在" in words else None
    goal = _goal(t, words, ceiling_verb=ceiling_verb)
    assert goal.sense == "ceiling"
    outcome = Interval(o - w, o + w)
    verdict, _ = judge(goal, outcome, o)
    if goal.region.contains(o):
        assert verdict == MET
    if o - w > t:
        assert verdict == MISSED


@settings(max_examples=300, deadline=None)
@given(values, values, widths)
def test_wholly_below_a_floor_is_missed(t, o, w):
    goal = _goal(t, ())
    outcome = Interval(o - w, o + w)
    verdict, _ = judge(goal, outcome, o)
    if o + w < t:
        assert verdict == MISSED
    if o - w >= t:
        assert verdict == MET


@settings(max_examples=300, deadline=None)
@given(values, values, widths, st.booleans())
def test_a_band_is_met_inside_and_on_its_favourable_side(t, o, w, kept_down):
    goal = _goal(t, ("左右",), kept_down="失业率" if kept_down else None)
    assert goal.sense == "band"
    outcome = Interval(o - w, o + w)
    verdict, _ = judge(goal, outcome, o)
    if goal.region.contains_interval(outcome):
        assert verdict == MET
    favourable_side = outcome.lower > goal.region.upper if not kept_down else outcome.upper < goal.region.lower
    if favourable_side:
        assert verdict == MET
    unfavourable_side = outcome.upper < goal.region.lower if not kept_down else outcome.lower > goal.region.upper
    if unfavourable_side:
        assert verdict == MISSED


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from(FLOOR_WORDS), values, values, widths)
def test_a_floor_is_monotone(t, words, a, b, w):
    """If an outcome meets a floor, any outcome wholly above it does too."""
    goal = _goal(t, words)
    lo, hi = min(a, b), max(a, b)
    va, _ = judge(goal, Interval(lo - w, lo + w), lo)
    vb, _ = judge(goal, Interval(hi - w, hi + w), hi)
    if va == MET and hi > lo + 2 * w:
        assert vb == MET


@settings(max_examples=200, deadline=None)
@given(values, values, widths)
def test_a_derived_outcome_that_straddles_is_unclear(t, o, w):
    goal = _goal(t, ())
    outcome = Interval(o - w, o + w)
    verdict, _ = judge(goal, outcome, None, derived=True)
    if outcome.lower < t <= outcome.upper:
        assert verdict == UNCLEAR
    else:
        assert verdict in (MET, MISSED)


@settings(max_examples=200, deadline=None)
@given(values, values, widths)
def test_a_decline_target_is_a_ceiling_on_the_signed_change(t, o, w):
    """能耗下降t%: met by a fall of more than t (−o ≤ −t), missed by a smaller fall or a rise."""
    t = abs(t)
    iv, value = _target(t, ())
    goal = goal_of((), iv, value, "%", down=True)
    outcome = Interval(-o - w, -o + w)  # a fall of o % written as its signed change
    verdict, _ = judge(goal, outcome, -o)
    if o - w >= t:
        assert verdict == MET
    if o + w < t:
        assert verdict == MISSED
