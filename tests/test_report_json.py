"""The JSON reporter: exactly the contract object, byte-identical for the same input."""

from __future__ import annotations

import json
import random

from report_samples import sample_results

from reportcheck import __version__
from reportcheck.findings import Result
from reportcheck.report import render


def test_contract_shape():
    obj = json.loads(render("json", sample_results()))
    assert list(obj) == ["reportcheck", "summary", "findings", "waived"]
    assert obj["reportcheck"] == __version__
    assert obj["summary"] == {"checks": 16, "passed": 12, "errors": 2, "warnings": 1, "infos": 1, "waived": 0}
    f = next(x for x in obj["findings"] if x["id"] == "enterprises-new-within-total")
    # the contract's fields, and the added fingerprint and also (docs/waivers.md)
    assert set(f) == {"id", "check", "category", "severity", "message", "figures", "suggestion", "fingerprint", "also"}
    assert len(f["fingerprint"]) == 16 and f["also"] == []
    assert f["check"] == "part-of" and f["category"] == "consistency" and f["severity"] == "error"
    fig = f["figures"][0]
    assert list(fig) == ["indicator", "text", "value", "unit", "file", "line", "column", "end_line", "end_column"]
    assert fig["text"] == "351家" and fig["value"] == 351 and fig["line"] == 13
    assert fig["end_column"] - fig["column"] == len("**351**家")
    table = next(x for x in obj["findings"] if x.get("report") == "jining-2023")
    assert "line" not in table["figures"][0] and table["figures"][0]["report"] == "jining-2023"


def test_byte_identical_whatever_the_order_or_duration():
    a = sample_results()
    b = sample_results()
    for r in b:
        random.Random(7).shuffle(r.findings)
        r.duration = 99.0
    b.reverse()
    assert render("json", a).encode() == render("json", b).encode()


def test_no_timestamps_or_durations():
    out = render("json", sample_results())
    assert "duration" not in out and "0.25" not in out


def test_empty_result():
    assert json.loads(render("json", [Result()])) == {
        "reportcheck": __version__,
        "summary": {"checks": 0, "passed": 0, "errors": 0, "warnings": 0, "infos": 0, "waived": 0},
        "findings": [],
        "waived": [],
    }


def test_numpy_and_decimal_values_stay_numbers():
    from decimal import Decimal

    import numpy as np

    from reportcheck.findings import Category, FigureRef, Finding, Severity

    figs = (FigureRef("a", "5家", np.int64(5), "家", "d.md", np.int64(3), np.int64(2), np.int64(3), np.int64(6)),
            FigureRef("b", "6.5%", Decimal("6.5"), "%", "d.md", 4, 1, 4, 5))
    r = Result([Finding("r", "part-of", Category.CONSISTENCY, Severity.ERROR, "m", figs)], checks=1)
    got = json.loads(render("json", [r]))["findings"][0]["figures"]
    assert got[0]["value"] == 5 and got[0]["line"] == 3 and isinstance(got[0]["line"], int)
    assert got[1]["value"] == 6.5
    sarif = json.loads(render("sarif", [r]))
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
