"""One verdict type: the exact Verdict, the vectorised codes, the engine's statuses and the findings'
verdict strings all come from reportcheck.verdicts."""

from __future__ import annotations

import itertools

import numpy as np

from reportcheck import engine
from reportcheck.quantities import interval
from reportcheck.rules import vec
from reportcheck.verdicts import STATUSES, Status, Verdict


def test_one_verdict_class_everywhere():
    assert interval.Verdict is Verdict
    assert (int(vec.FAIL), int(vec.UNDETERMINED), int(vec.PASS)) == (-1, 0, 1)
    for v in Verdict:
        assert Verdict.from_code(v.code) is v and vec.name(v.code) == v.value


def test_the_vectorised_algebra_is_the_exact_one():
    for a, b in itertools.product(Verdict, repeat=2):
        assert int(vec.vand(np.array([a.code], np.int8), np.array([b.code], np.int8))[0]) == (a & b).code
        assert int(vec.vor(np.array([a.code], np.int8), np.array([b.code], np.int8))[0]) == (a | b).code
    for a in Verdict:
        assert int(vec.vnot(np.array([a.code], np.int8))[0]) == (~a).code


def test_statuses_codes_names_and_finding_verdicts():
    assert [s.code for s in STATUSES] == list(range(-1, 5))
    assert engine.ST_FAIL == Status.FAIL.code and engine.ST_NA == Status.NA.code
    assert Status.TIGHT == "tight" and str(Status.STRETCH) == "stretch"  # describe() compares strings
    assert {s: s.verdict for s in Status} == {
        Status.NA: "n/a", Status.PASS: "pass", Status.FAIL: "fail", Status.TIGHT: "warn",
        Status.UNDETERMINED: "undetermined", Status.STRETCH: "warn"}


def test_public_exceptions_and_types_are_exported():
    import reportcheck
    from reportcheck.errors import InputError, Problem, SpecError

    assert reportcheck.InputError is InputError and reportcheck.SpecError is SpecError
    assert reportcheck.Problem is Problem and issubclass(reportcheck.SpecError, reportcheck.InputError)
    for name in ("UnitError", "NumeralError", "ExpressionError"):
        assert issubclass(getattr(reportcheck, name), ValueError)
    assert reportcheck.Verdict is Verdict and reportcheck.Status is Status


def test_the_package_is_typed():
    from pathlib import Path

    import reportcheck

    assert (Path(reportcheck.__file__).parent / "py.typed").is_file()
