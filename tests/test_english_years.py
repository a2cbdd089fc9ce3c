"""Years of an English translation against the Chinese paragraphs it renders
(compare/english_years.py): planted slips read from the national reports 2024–2025, and
the official English, which must give no year finding."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import test_english_devset as dev

HERE = Path(__file__).resolve().parent
YEARS = HERE / "data" / "english" / "years.csv"


def _rows() -> list[dict]:
    with YEARS.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _year_findings(year: int, en_lines) -> list:
    return [f for f in dev.run(year, dev.document(en_lines)).findings if f.id == "fidelity-year"]


@pytest.mark.parametrize("year", [2024, 2025])
def test_official_english_gives_no_year_finding(year):
    _, en = dev.segments(year)
    assert _year_findings(year, en) == []


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['year']}-{r['line']}-{r['with']}")
def test_a_planted_year(row):
    year, line = int(row["year"]), int(row["line"])
    _, en = dev.segments(year)
    en = list(en)
    assert row["replace"] in en[line - 1], row
    en[line - 1] = en[line - 1].replace(row["replace"], row["with"], 1)
    found = _year_findings(year, en)
    if row["expect"] == "slip":
        assert [(f.figures[0].line, f.figures[0].text) for f in found] == [(line, row["with"].split()[-1])]
    else:  # a known miss: the Chinese paragraph and its neighbours write no year
        assert row["expect"] == "missed" and found == []
