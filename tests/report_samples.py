"""Hand-made results for the reporter tests (independent of the engine).

Positions are computed from the real Jining report text, the way the contract defines
them: 1-based line, 1-based code-point column, end_column exclusive, ``**`` counted.
"""

from __future__ import annotations

from pathlib import Path

from reportcheck.findings import Category, FigureRef, Finding, Result, Severity

ROOT = Path(__file__).resolve().parent.parent
JINING = ROOT / "data" / "jining-2024-work-report-interpretation.md"


def locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int, int]:
    """(line, column, end_column) of ``needle`` in ``text`` per the contract."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    before = text[:start]
    line = before.count("\n") + 1
    column = start - (before.rfind("\n") + 1) + 1
    return line, column, column + len(needle)


def figure(text: str, file: str, indicator: str, written: str, value, unit: str, occurrence: int = 1) -> FigureRef:
    line, col, end = locate(text, written, occurrence)
    shown = written.replace("**", "")
    return FigureRef(indicator, shown, value, unit, file, line, col, line, end)


def sample_results(file: str | None = None, text: str | None = None) -> list[Result]:
    """One document result (an error, a warning, an info) and one table result (no positions)."""
    text = JINING.read_text(encoding="utf-8") if text is None else text
    file = str(JINING) if file is None else file
    new = figure(text, file, "enterprises.new.2023", "**351**家", 351, "家")
    total = figure(text, file, "enterprises.total.2023", "**939**家", 939, "家")
    grp = figure(text, file, "grp.2023", "**5600**亿元", 5600, "亿元")
    growth = figure(text, file, "grp.growth.2023", "**6.5%**", 6.5, "%")
    err = Finding(
        id="enterprises-new-within-total", check="part-of", category=Category.CONSISTENCY,
        severity=Severity.ERROR, message="新培育企业 351家 exceeds the total 939家 (hand-made)",
        figures=(new, total), suggestion="351 may be 35 with a digit doubled",
        rationale="A part cannot be larger than its whole.",
    )
    warn = Finding(
        id="grp-target-2024", check="target-coherence", category=Category.CONSISTENCY,
        severity=Severity.WARNING, message="力争突破6000亿元 needs at least 7.2% nominal growth; stated 5.5%以上",
        figures=(grp,), rationale="Targets must be reachable from their base.", verdict="warn",
    )
    info = Finding(
        id="grp.growth.2023", check="fidelity", category=Category.FIDELITY, severity=Severity.INFO,
        message="6.5% is an estimate (预计) in the source", figures=(growth,),
    )
    doc = Result(
        findings=[warn, err, info], checks=12, passed=9, source=file, spec="specs/jining-2024.yaml",
        text=text, figures=[new, total, grp, growth], duration=0.25,
        rules=[("enterprises-new-within-total", "part-of", None), ("grp-target-2024", "target-coherence", None),
               ("coverage-shares", "share-range", None), ("police-declines", "change-range", None)],
    )
    table_finding = Finding(
        id="coverage-shares", check="share-range", category=Category.SCHEMA, severity=Severity.ERROR,
        message="医保参保率 120% is above 100%", report="jining-2023",
        figures=(FigureRef("insurance.coverage", "120%", 120, "%", file="table.csv", report="jining-2023"),),
    )
    table = Result(findings=[table_finding], checks=4, passed=3, source="table.csv", spec="specs/jining-2024.yaml",
                   rules=[("coverage-shares", "share-range", "jining-2023"), ("coverage-shares", "share-range", "jining-2024"),
                          ("police-declines", "change-range", "jining-2023"), ("police-declines", "change-range", "jining-2024")])
    return [doc, table]


def clean_result() -> list[Result]:
    return [Result(findings=[], checks=5, passed=5, source=str(JINING), spec="specs/jining-2024.yaml",
                   rules=[(f"rule-{i}", "part-of", None) for i in range(5)])]
