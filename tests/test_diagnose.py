"""Diagnosis: the candidate slips, their ranking, and the suggestion text."""

from __future__ import annotations

from decimal import Decimal


from reportcheck import diagnose as dg
from rules_helpers import run


def kinds(value, unit=None):
    return {(str(e.value.normalize()) if e.value != e.value.to_integral_value() else str(int(e.value)), e.unit): e.kind
            for e in dg.edits(value, unit)}


def test_edits_cover_every_slip_kind():
    k = kinds(993, "家")
    assert k[("939", "家")] == dg.SWAP
    assert ("399", "家") not in k  # only adjacent digits swap
    assert k[("99.3", "家")] == dg.DECIMAL and k[("9930", "家")] == dg.DECIMAL
    assert k[("93", "家")] == dg.DOUBLED  # one of the two 9s removed
    assert k[("9993", "家")] == dg.DROPPED
    assert k[("893", "家")] == dg.CHANGED
    assert k[("993", "万家")] == dg.MAGNITUDE
    k = kinds(5600, "万元")
    assert k[("5600", "亿元")] == dg.MAGNITUDE and k[("5600", "千元")] == dg.MAGNITUDE
    assert k[("5600", "元")] == dg.MAGNITUDE
    k = kinds(Decimal("2.5"), "%")
    assert k[("2.5", "个百分点")] == dg.PERCENT
    assert ("25", "%") in k and ("0.25", "%") in k
    assert kinds(580, "千瓦")[("580", "万千瓦")] == dg.MAGNITUDE  # 千瓦 is a unit, not 千 + 瓦
    assert ("580", "万瓦") not in kinds(580, "千瓦")


def test_edits_never_produce_leading_zeros_or_the_same_figure():
    for e in dg.edits(105, "个"):
        s = str(e.value)
        assert not (len(s) > 1 and s.startswith("0") and not s.startswith("0."))
        assert not (e.value == 105 and e.unit == "个")


IND = {"new": {"unit": "家", "name": "新培育"}, "total": {"unit": "家", "name": "总量"},
       "other": {"unit": "家", "name": "其他"}}


def test_swap_is_preferred_and_described():
    # 5G-like: 新增 399 within 总量 393? a swapped digit in the part
    rules = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]
    res = run(IND, rules, {"x": {"new": 993, "total": 940}})
    f = res.findings[0]
    assert f.suggestion.startswith("993 may be 939 with two digits swapped") or \
        f.suggestion.startswith("993 may be 399 with two digits swapped")


def test_fellegi_holt_prefers_the_figure_that_repairs_every_failing_rule():
    # "total" is in both failing rules; fixing it repairs both, fixing a part repairs one
    rules = [{"id": "r1", "kind": "part-of", "part": "new", "whole": "total"},
             {"id": "r2", "kind": "part-of", "part": "other", "whole": "total"}]
    res = run(IND, rules, {"x": {"new": 351, "other": 300, "total": 93.9}})
    sugg = {f.id: f.suggestion for f in res.findings}
    assert sugg["r1"].startswith("93.9 may be 939") and sugg["r2"].startswith("93.9 may be 939")


def test_an_edit_that_breaks_a_passing_rule_is_not_suggested():
    # shrinking "total" to satisfy r1 would break nothing; but inflating "new" is what broke r1 —
    # an edit of total that makes r2 (total <= cap) fail must not be offered
    ind = dict(IND, cap={"unit": "家"})
    rules = [{"id": "r1", "kind": "part-of", "part": "new", "whole": "total"},
             {"id": "r2", "kind": "part-of", "part": "total", "whole": "cap"}]
    res = run(ind, rules, {"x": {"new": 3510, "total": 939, "cap": 1000}})
    f = next(f for f in res.findings if f.id == "r1")
    assert f.suggestion.startswith("3510 may be 351")
    sugg = dg.suggest_for_report(*_internals(ind, rules, {"x": {"new": 3510, "total": 939, "cap": 1000}}), 0)
    assert all(s.indicator == "new" or float(s.edit.value) <= 1000 for s in sugg["r1"])


def _internals(ind, rules, reports):
    from reportcheck import engine
    from rules_helpers import spec, table

    sp = spec(ind, rules)
    info = engine.spec_indicators(sp)
    compiled = engine.compile_rules(sp, info)
    ctx, _ = engine.build_context(table(sp, reports), info, [i for r in compiled for i in r.references])
    runs = engine.run_rules(compiled, ctx)
    return compiled, runs, ctx


def test_canonical_value_breaks_ties():
    ind = {"new": {"unit": "家", "value": 351}, "total": {"unit": "家", "value": 939}}
    rules = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]
    res = run(ind, rules, {"x": {"new": 951, "total": 939}})
    assert res.findings[0].suggestion.startswith("951 may be 351 with one digit changed")


def test_magnitude_slip_suggestion_text():
    ind = {"inv": {"unit": "亿元"}, "n": {"unit": "个"}}
    rules = [{"id": "r", "kind": "average-threshold", "total": "inv", "count": "n", "threshold": "500万元"}]
    res = run(ind, rules, {"x": {"inv": {"value": 900, "unit": "万元"}, "n": 1099}})
    assert "900万元 may be 900亿元 (万 written for 亿)" in res.findings[0].suggestion


def test_no_suggestion_when_no_single_slip_explains_it():
    rules = [{"id": "r", "kind": "count-of-list", "count": "new", "items": ["a", "b", "c"]}]
    res = run(IND, rules, {"x": {"new": 12345678901}})
    assert res.findings[0].suggestion is None


def test_figures_are_never_changed():
    rules = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total", "severity": "warning"}]
    res = run(IND, rules, {"x": {"new": 951, "total": 939}})
    f = res.findings[0]
    assert f.severity.value == "warning"
    assert {r.value for r in f.figures} == {951, 939}  # as written, not "corrected"


def test_the_contract_example_is_an_error_with_its_suggestion():
    # DESIGN's JSON example: 培育高新技术企业4000家、总量突破1800家 — beyond twice the milestone
    ind = {"new": {"unit": "家", "value": 400}, "total": {"unit": "家", "qualifier": "突破", "value": 1800}}
    rules = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]
    res = run(ind, rules, {"x": {"new": 4000, "total": (1800, float("inf"), False, False)}})
    f = res.findings[0]
    assert f.severity.value == "error"
    assert f.suggestion.startswith("4000 may be 400 with a digit doubled")


def test_warnings_from_the_just_passed_reading_get_a_suggestion_too():
    # 3000家 against 突破1800家: within the milestone convention (≤ 3600), not if just passed
    ind = {"new": {"unit": "家", "value": 400}, "total": {"unit": "家", "qualifier": "突破", "value": 1800}}
    rules = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]
    res = run(ind, rules, {"x": {"new": 3000, "total": (1800, float("inf"), False, False)}})
    f = res.findings[0]
    assert f.severity.value == "warning"
    assert "allows a total up to 3600家" in f.message
    assert f.suggestion


def test_qian_written_for_wan():
    ind = {"new": {"unit": "个"}, "total": {"unit": "万个"}}
    rules = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]
    res = run(ind, rules, {"x": {"new": 5000, "total": {"value": 1.6, "unit": "千个"}}})
    assert res.findings[0].suggestion.startswith("1.6千个 may be 1.6万个 (千 written for 万)")


def test_the_edit_caches_are_bounded_in_memory():
    """A long-running pipeline diagnosing many distinct figures keeps at most ~100 MB of edits."""
    import tracemalloc

    from reportcheck import diagnose as dg

    dg._edit_plan(1.0, False, "亿元", "亿元")  # imports and units warmed outside the measurement
    dg._edits.cache_clear()
    dg._edit_plan.cache_clear()
    tracemalloc.start()
    for v in range(123450, 123500):
        dg._edit_plan(v / 10, False, "亿元", "亿元")
    per_entry = tracemalloc.get_traced_memory()[0] / 50
    tracemalloc.stop()
    worst = per_entry * (dg._edit_plan.cache_info().maxsize + dg._edits.cache_info().maxsize)
    assert worst < 128e6, f"{per_entry:.0f} bytes an entry → {worst / 1e6:.0f} MB"


# --- suggestions respect the figure's kind (issue 16) ------------------------------------------

def test_a_count_is_never_made_fractional():
    # 351 new within a total of 40: the decimal slip 35.1 would fit, but a count of
    # enterprises is a whole number (the total's 400 is suggested instead)
    inds = {"new": {"unit": "家", "name": "新培育", "kind": "count"},
            "total": {"unit": "家", "name": "总量", "kind": "count"}}
    rules = [{"id": "r", "kind": "part-of", "part": "new", "whole": "total"}]
    res = run(inds, rules, {"x": {"new": 351, "total": 40}})
    (f,) = res.findings
    assert f.suggestion and "35.1" not in f.suggestion
    assert not any(_fraction(s) for s in f.suggestion.split(";"))
    # an amount may be a decimal slip
    amounts = {k: {**v, "kind": "amount", "unit": "亿元"} for k, v in inds.items()}
    res = run(amounts, rules, {"x": {"new": 351, "total": 40}})
    assert "35.1" in res.findings[0].suggestion


def _fraction(text: str) -> bool:
    import re

    m = re.search(r"may be (\d+\.\d+)(家)?", text)
    return bool(m)


def test_whole_edits_keep_magnitudes():
    # 4.9万个 ÷ 10 is 4900 items: a whole count; 4.9个 (a stray 万) is not
    assert dg._whole(dg.Edit(Decimal("0.49"), "万个", dg.DECIMAL, ""))
    assert not dg._whole(dg.Edit(Decimal("4.9"), "个", dg.MAGNITUDE, ""))
    assert not dg._whole(dg.Edit(Decimal("35.1"), "家", dg.DECIMAL, ""))


def test_a_conservative_target_is_not_a_slip():
    # 2026 target 110万人 against 2025's outturn 124.9万人: a hint, never "110 may be 1100"
    inds = {"t": {"unit": "万人", "name": "目标", "kind": "count", "status": "目标"},
            "o": {"unit": "万人", "name": "实际", "kind": "count", "status": "实际"}}
    for sev in ("info", "warning"):
        rules = [{"id": "r", "kind": "expression", "expr": "t >= o", "severity": sev}]
        res = run(inds, rules, {"x": {"t": 110, "o": 124.9}})
        (f,) = res.findings
        assert f.severity.value == sev and f.suggestion is None
    # the same comparison between two outturns is a consistency rule: a slip is suggested
    inds["t"]["status"] = "实际"
    res = run(inds, [{"id": "r", "kind": "expression", "expr": "t >= o"}], {"x": {"t": 110, "o": 124.9}})
    assert res.findings[0].suggestion
