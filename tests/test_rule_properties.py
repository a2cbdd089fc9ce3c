"""Properties of the engine (hypothesis).

- a randomly generated *consistent* report (true values satisfying every rule,
  each written as a rounded figure whose interval contains the truth) never fails
  a rule — not even a warning under the just-passed reading;
- corrupting one figure so that a rule must fail makes it fail, and diagnosis
  puts that figure among its top suggestions, with an edit that restores it;
- verdicts are monotone in interval width: widening intervals never turns a
  pass into a fail, nor (for the universal rule kinds) a fail into a pass.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from reportcheck import diagnose as dg
from reportcheck import engine
from reportcheck.findings import Severity
from reportcheck.rules import vec
from rules_helpers import spec, table

INF = math.inf

INDICATORS = {
    "new": {"unit": "家", "name": "新培育企业"},
    "total": {"unit": "家", "name": "企业总量"},
    "pv": {"unit": "GW", "name": "光伏"},
    "cap": {"unit": "万千瓦", "name": "装机"},
    "share": {"unit": "%", "name": "覆盖率"},
    "decl": {"unit": "%", "name": "警情变化"},
    "base": {"unit": "亿元", "name": "收入"},
    "g": {"unit": "%", "name": "增长", "qualifier": "以上"},
    "target": {"unit": "亿元", "name": "收入目标", "qualifier": "突破"},
    "inv": {"unit": "亿元", "name": "投资"},
    "n": {"unit": "个", "name": "项目"},
    "dom": {"name": "领域"},
    "rank": {"name": "位次"},
}
RULES = [
    {"id": "part", "kind": "part-of", "part": "new", "whole": "total"},
    {"id": "pv", "kind": "part-of", "part": "pv", "whole": "cap"},
    {"id": "share", "kind": "share-range", "indicators": ["share"]},
    {"id": "decl", "kind": "change-range", "indicators": ["decl"]},
    {"id": "target", "kind": "target-coherence", "base": "base", "growth": "g", "target": "target"},
    {"id": "avg", "kind": "average-threshold", "total": "inv", "count": "n", "threshold": "500万元"},
    {"id": "dom", "kind": "count-of-list", "count": "dom", "items": ["a", "b", "c", "d", "e", "f", "g"]},
    {"id": "rank", "kind": "rank-range", "rank": "rank", "of": 16},
    {"id": "expr", "kind": "expression", "expr": "total >= new and inv < 1000000亿元"},
]
SPEC = spec(INDICATORS, RULES)


def written(true: float, decimals: int) -> tuple[float, float]:
    """The interval of the figure that writes ``true`` rounded to ``decimals`` places."""
    w = round(true, decimals)
    h = 0.5 * 10 ** -decimals
    return (w - h, w + h)


@st.composite
def consistent_report(draw):
    d = st.integers(0, 2)
    total = draw(st.integers(1, 100_000))
    new = draw(st.integers(0, total))
    cap_wan = draw(st.floats(1, 10_000))  # 万千瓦
    pv_gw = draw(st.floats(0, 1)) * cap_wan / 100  # ≤ cap (1 GW = 100 万千瓦)
    share = draw(st.floats(0, 100))
    decl = -draw(st.floats(0, 100))
    base = draw(st.floats(100, 100_000))
    g = draw(st.floats(2, 30))
    target_true = base * (1 + g / 100)
    n = draw(st.integers(1, 5000))
    avg_wan = draw(st.floats(500, 1e6))  # each project ≥ 500万元 → average ≥ 500万元
    inv_yi = n * avg_wan / 1e4
    rank = draw(st.integers(1, 16))
    rep = {
        "new": float(new), "total": float(total), "dom": 7.0, "rank": float(rank), "n": float(n),
        "pv": written(pv_gw, draw(d) + 1) if pv_gw > 0.05 else float(pv_gw),
        "cap": written(cap_wan, draw(d)),
        "share": _clip(written(share, draw(d)), 0, 100),
        "decl": _clip(written(decl, draw(d)), -100, 0),
        "base": written(base, 0),
        "g": (math.floor(g * 10) / 10, INF),  # 增长g%以上, g just below the truth
        "target": (math.ceil(target_true) - 1, INF, False, False),  # 突破: just below the truth
        "inv": written(inv_yi, draw(d) + 2),  # never written as 0 (≥ 0.05亿元)
    }
    return rep


def _clip(iv, lo, hi):
    return (max(iv[0], lo), min(iv[1], hi))


def findings(reports, **kw):
    return engine.check(table(SPEC, reports), SPEC, **kw)


@pytest.mark.slow
@given(st.lists(consistent_report(), min_size=1, max_size=5))
def test_consistent_reports_never_fail(reps):
    res = findings({f"r{i}": r for i, r in enumerate(reps)}, diagnose=False)
    bad = [(f.report, f.id, f.severity.value, f.message) for f in res.findings
           if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert bad == []


# -- corruption ---------------------------------------------------------------------------
def _value(v):
    return v if isinstance(v, float) else (v[0] + v[1]) / 2 if math.isfinite(v[1]) else v[0]


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(consistent_report(), st.sampled_from(["x10", "div10", "swap"]), st.sampled_from(["new", "total", "rank"]))
def test_corrupting_one_figure_fails_and_diagnosis_finds_it(rep, how, which):
    orig = rep[which]
    assert isinstance(orig, float)
    v = int(orig)
    if how == "x10":
        corrupted = v * 10
    elif how == "div10":
        assume(v % 10 == 0 and v >= 10)
        corrupted = v // 10
    else:
        s = str(v)
        pairs = [i for i in range(len(s) - 1) if s[i] != s[i + 1] and not (i == 0 and s[1] == "0")]
        assume(pairs)
        i = pairs[0]
        corrupted = int(s[:i] + s[i + 1] + s[i] + s[i + 2:])
    rep2 = dict(rep, **{which: float(corrupted)})
    must_fail = {"new": lambda: rep2["new"] > rep2["total"], "total": lambda: rep2["new"] > rep2["total"],
                 "rank": lambda: not (1 <= rep2["rank"] <= 16)}[which]()
    assume(must_fail)
    rule = "rank" if which == "rank" else "part"
    res = findings({"r": rep2})
    errs = [f for f in res.findings if f.id == rule and f.severity is Severity.ERROR]
    assert errs, res.findings
    info = engine.spec_indicators(SPEC)
    compiled = engine.compile_rules(SPEC, info)
    ctx, _ = engine.build_context(table(SPEC, {"r": rep2}), info)
    runs = engine.run_rules(compiled, ctx)
    sugg = dg.suggest_for_report(compiled, runs, ctx, 0)[rule]
    assert which in [s.indicator for s in sugg[: dg.TOP]]
    restoring = [s for s in dg.candidates_for(compiled, runs, ctx, 0, which) if float(s.edit.value) == v]
    assert restoring, f"no edit of {which} restores {v} from {corrupted}"


# -- monotonicity -------------------------------------------------------------------------
finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def interval_and_wider(draw):
    a, b = sorted([draw(finite), draw(finite)])
    lc, hc = draw(st.booleans()), draw(st.booleans())
    da, db = draw(st.floats(0, 1e3)), draw(st.floats(0, 1e3))
    open_hi = draw(st.booleans()) and draw(st.booleans())
    wider = (a - da, INF if open_hi else b + db, lc, hc and not open_hi)
    return (a, b, lc, hc), wider


def _iv(t):
    return vec.IV.make([t[0]], [t[1]], [t[2]], [t[3]])


@given(interval_and_wider(), interval_and_wider(), st.sampled_from(["le", "lt", "ge", "gt", "eq"]))
def test_comparisons_are_monotone_in_width(x, y, op):
    (a, a2), (b, b2) = x, y
    v = int(getattr(_iv(a), op)(_iv(b))[0])
    w = int(getattr(_iv(a2), op)(_iv(b2))[0])
    if v == vec.PASS:
        assert w != vec.FAIL
    if v == vec.FAIL:
        assert w != vec.PASS


UNIVERSAL = {"part", "pv", "share", "decl", "avg", "dom", "rank", "expr"}


@pytest.mark.slow
@given(consistent_report(), st.data())
def test_rule_verdicts_are_monotone_in_width(rep, data):
    # perturb some figures (possibly into failure), then widen every interval
    rep = dict(rep)
    for k in data.draw(st.lists(st.sampled_from(sorted(rep)), max_size=3)):
        rep[k] = (lambda v: (v[0] * 3, v[1] * 3) if isinstance(v, tuple) and math.isfinite(v[1])
                  else v * 3 if isinstance(v, float) else v)(rep[k])
    widen = data.draw(st.floats(0, 0.3))
    wide = {}
    for k, v in rep.items():
        if isinstance(v, float):
            v = (v, v)
        lo, hi = v[0], v[1]
        span = widen * (abs(lo) + 1)
        wide[k] = (lo - span, hi + span if math.isfinite(hi) else hi, *v[2:])
    info = engine.spec_indicators(SPEC)
    compiled = engine.compile_rules(SPEC, info)
    ctx1, _ = engine.build_context(table(SPEC, {"r": rep}), info)
    ctx2, _ = engine.build_context(table(SPEC, {"r": wide}), info)
    for r1, r2 in zip(engine.run_rules(compiled, ctx1), engine.run_rules(compiled, ctx2)):
        F1, F2 = int(r1.outcome.verdict[0]), int(r2.outcome.verdict[0])
        if F1 == vec.PASS:
            assert F2 != vec.FAIL, r1.rule.id
        if r1.rule.id in UNIVERSAL and F1 == vec.FAIL:
            assert F2 != vec.PASS, r1.rule.id
        if r1.rule.id == "target" and F1 == vec.PASS:  # existential: possible stays possible
            assert F2 == vec.PASS


# -- schema-valid tables (reportcheck.strategies) never break the range rules ---------------
@pytest.mark.slow
@given(st.data())
def test_schema_valid_tables_pass_share_and_decline_rules(data):
    strategies = __import__("pytest").importorskip("reportcheck.strategies")
    df = data.draw(strategies.indicator_tables(min_rows=1, max_rows=25, reports=("a", "b", "c")))
    firsts = df.drop_duplicates("id")
    inds = {r.id: {"unit": r.unit, "name": r.name} for r in firsts.itertuples()}
    shares = [r.id for r in firsts.itertuples() if r.kind == "share"]
    growths = [r.id for r in firsts.itertuples() if r.kind == "growth"]
    rules = []
    if shares:
        rules.append({"id": "shares", "kind": "share-range", "indicators": shares})
    if growths:
        rules.append({"id": "declines", "kind": "change-range", "indicators": growths, "max": 1e9})
    sp = spec(inds, rules)
    res = engine.check(df, sp)
    assert [f for f in res.findings if f.severity is Severity.ERROR] == []
    assert res.passed <= res.checks
    present = df.dropna(subset=["value"])
    expected = 0
    for rule_ids in (shares, growths):
        if rule_ids:
            expected += present[present["id"].isin(rule_ids)]["report"].nunique()
    assert res.checks == expected


def _scale(v, f):
    if isinstance(v, float):
        return v * f
    lo, hi = v[0] * f, v[1] * f
    return (min(lo, hi), max(lo, hi), *v[2:])


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(consistent_report(), st.sampled_from([("share", 10), ("decl", 10), ("cap", 0.1), ("pv", 10), ("inv", "万元")]))
def test_scale_slips_in_measured_figures_are_found(rep, slip):
    which, f = slip
    if isinstance(f, str):  # 万 written for 亿: same number, wrong magnitude
        v = rep[which] if isinstance(rep[which], tuple) else (rep[which], rep[which])
        rep2 = dict(rep, **{which: {"value": (v[0] + v[1]) / 2, "lower": v[0], "upper": v[1], "unit": f}})
    else:
        rep2 = dict(rep, **{which: _scale(rep[which], f)})
    lo = lambda k: rep2[k] if isinstance(rep2[k], float) else rep2[k]["lower"] if isinstance(rep2[k], dict) else rep2[k][0]  # noqa: E731,E501
    hi = lambda k: rep2[k] if isinstance(rep2[k], float) else rep2[k]["upper"] if isinstance(rep2[k], dict) else rep2[k][1]  # noqa: E731,E501
    rule, must_fail = {
        "share": ("share", lo("share") > 100 * (1 + 1e-9)),
        "decl": ("decl", hi("decl") < -100 * (1 + 1e-9)),
        "cap": ("pv", lo("pv") * 100 > hi("cap") * (1 + 1e-9)),
        "pv": ("pv", lo("pv") * 100 > hi("cap") * (1 + 1e-9)),
        "inv": ("avg", hi("inv") / lo("n") < 500 * (1 - 1e-9)),  # in 万元 now
    }[which]
    assume(must_fail)
    res = findings({"r": rep2})
    errs = [f for f in res.findings if f.id == rule and f.severity is Severity.ERROR]
    assert errs, [(f.id, f.message) for f in res.findings]
    assert errs[0].suggestion is not None
    info = engine.spec_indicators(SPEC)
    compiled = engine.compile_rules(SPEC, info)
    ctx, _ = engine.build_context(table(SPEC, {"r": rep2}), info)
    runs = engine.run_rules(compiled, ctx)
    top = [s.indicator for s in dg.suggest_for_report(compiled, runs, ctx, 0)[rule][: dg.TOP]]
    assert which in top


# -- the float engine agrees with the exact Decimal intervals -----------------------------
from decimal import Decimal  # noqa: E402

from reportcheck.quantities.interval import Interval, Verdict  # noqa: E402

dec = st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def exact_interval(draw):
    a, b = sorted([draw(dec), draw(dec)])
    return Interval(a, b, draw(st.booleans()), draw(st.booleans())) if a < b else Interval.point(a)


def _vec(i: Interval) -> vec.IV:
    return vec.IV.make([float(i.lower)], [float(i.upper)], [i.lower_closed], [i.upper_closed])


_CODE = {Verdict.PASS: vec.PASS, Verdict.FAIL: vec.FAIL, Verdict.UNDETERMINED: vec.UNDETERMINED}


@given(exact_interval(), exact_interval(), st.sampled_from(["+", "-", "*", "/"]))
# division by an interval with an open end at zero: [1, 2] / (0, 5] is [0.2, ∞) in both (#12)
@example(Interval(Decimal(1), Decimal(2)), Interval(Decimal(0), Decimal(5), False, True), "/")
@example(Interval(Decimal(1), Decimal(2)), Interval(Decimal(-5), Decimal(0), True, False), "/")
@example(Interval(Decimal(1), Decimal(2)), Interval(Decimal(0), Decimal(5), True, True), "/")
def test_vectorised_arithmetic_matches_exact_intervals(a, b, op):
    import operator

    f = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}[op]
    exact = f(a, b)
    approx = f(_vec(a), _vec(b))
    for e, x in ((exact.lower, approx.lo[0]), (exact.upper, approx.hi[0])):
        if e.is_infinite():
            assert math.isinf(x) and (x > 0) == (e > 0)
        else:
            assert x == __import__("pytest").approx(float(e), rel=1e-9, abs=1e-9)


@given(exact_interval(), exact_interval(), st.sampled_from(["le", "lt", "ge", "gt"]))
def test_vectorised_verdicts_never_contradict_exact_ones(a, b, op):
    exact = _CODE[getattr(a, op)(b)]
    approx = int(getattr(_vec(a), op)(_vec(b))[0])
    # the guard may turn a fail or pass at the boundary into undetermined, never into the opposite
    assert approx == exact or approx == vec.UNDETERMINED or exact == vec.UNDETERMINED
    assert not (approx == vec.FAIL and exact == vec.PASS) and not (approx == vec.PASS and exact == vec.FAIL)
