"""The two labelled development pairs of ``reportcheck targets`` (海拉尔区 2012→2013, 2013→2014).

Every numeric target of PREVIOUS was labelled by reading both reports
(tests/data/targets/*.yaml: target figure and line, outcome figure and line or none,
verdict, reason). The test pins that the tool finds exactly those targets, with the
labelled outcome and verdict.

Run as a script to print the measured agreement (docs/targets.md):
``python tests/test_targets_hailar.py``
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from reportcheck.targets import assess

DATA = Path(__file__).parent / "data" / "targets"
PAIRS = ["hailar-2012-2013.yaml", "hailar-2013-2014.yaml", "national-2024-2025.yaml"]

#: Labels the tool does not reproduce yet, each with why (docs/targets.md, "What it cannot do").
#: The test fails when one of them starts to agree, so that this list stays true.
KNOWN_DISAGREEMENTS = {
    # 12公里热力主管网 of the 东山组团 paragraph: the review's 双良集团集中供热…铺设主管网31.6公里
    # is another project (the 东山组团 paragraph says only 供热…开工建设); subjects alone cannot tell.
    ("hailar-2013-2014.yaml", 30, "12公里"),
}


def _n(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "")


def _labels(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _column(text: str, line: int, figure: str, occurrence: int) -> int:
    """1-based column of the nth occurrence of ``figure`` on ``line`` (NFKC-compared)."""
    src = _n(text.split("\n")[line - 1])
    pos = -1
    for _ in range(occurrence):
        pos = src.find(_n(figure), pos + 1)
        assert pos >= 0, f"{figure} (#{occurrence}) not on line {line}"
    return pos + 1


def compare_pair(name: str):
    """(rows, extra): one row per label (label, tool verdict or None) and the tool's unlabelled targets."""
    lab = _labels(name)
    prev = (DATA / lab["previous"]).read_text(encoding="utf-8")
    cur = (DATA / lab["current"]).read_text(encoding="utf-8")
    result = assess(prev, cur, lab["previous"], lab["current"])
    tool = list(result.targets)
    # the tool's targets by position; a joint target gives several at one position, in order
    by_pos: dict[tuple[int, int], list] = {}
    for v in tool:
        by_pos.setdefault((v.target.line, v.target.column), []).append(v)
    rows = []
    for lb in lab["targets"]:
        col = _column(prev, lb["line"], str(lb["target"]), lb.get("occurrence", 1))
        got = by_pos.get((lb["line"], col), [])
        rows.append((lb, got.pop(0) if got else None))
    extra = [v for vs in by_pos.values() for v in vs]
    return rows, extra, cur


def _outcome_ok(lb: dict, v, cur: str) -> bool:
    if lb.get("outcome") is None:
        return v.outcome is None
    if v.outcome is None:
        return False
    return v.outcome.line == lb["outcome_line"] and _n(v.outcome.text) == _n(str(lb["outcome"]))


@pytest.mark.parametrize("name", PAIRS)
def test_every_labelled_target_found(name):
    rows, extra, _ = compare_pair(name)
    missing = [f"{lb['line']}:{lb['target']}" for lb, v in rows if v is None]
    assert not missing, f"labelled targets not found: {missing}"
    assert not extra, f"targets found that were not labelled: {[(v.target.line, v.target.text) for v in extra]}"


@pytest.mark.parametrize("name", PAIRS)
def test_verdicts_and_outcomes_as_labelled(name):
    rows, _, cur = compare_pair(name)
    wrong, fixed = [], []
    for lb, v in rows:
        if v is None:
            continue
        known = (name, lb["line"], str(lb["target"])) in KNOWN_DISAGREEMENTS
        agree = v.verdict == lb["verdict"] and _outcome_ok(lb, v, cur)
        if known:
            if agree:
                fixed.append(f"{lb['line']}:{lb['target']}")
            continue
        if not agree:
            got = (v.verdict, v.outcome and (v.outcome.line, v.outcome.text))
            want = (lb["verdict"], lb.get("outcome_line"), lb.get("outcome"))
            wrong.append(f"{lb['line']}:{lb['target']} ({lb['indicator']}): got {got}, labelled {want}")
    assert not wrong, "\n".join(wrong)
    assert not fixed, f"now agrees with its label, remove from KNOWN_DISAGREEMENTS: {fixed}"


@pytest.mark.parametrize("name", PAIRS)
def test_qualitative_mentions_are_unclear_citing_the_clause(name):
    """A target CURRENT mentions only in words is unclear, its outcome null, its reason quoting the
    clause (file:line); a target never mentioned stays not_reported."""
    rows, _, _ = compare_pair(name)
    lab = _labels(name)
    for lb, v in rows:
        if v is None or (name, lb["line"], str(lb["target"])) in KNOWN_DISAGREEMENTS:
            continue
        if lb.get("qualitative"):
            assert v.verdict == "unclear" and v.outcome is None, (lb["target"], v.verdict)
            assert f"{lab['current']}:" in v.reason
            assert any(part in v.reason for part in str(lb["qualitative"]).split("…")), v.reason
        elif lb["verdict"] == "not_reported":
            assert v.verdict == "not_reported", (lb["target"], v.reason)


def agreement() -> str:
    lines = []
    tot = [0, 0, 0, 0]
    for name in PAIRS:
        rows, extra, cur = compare_pair(name)
        found = sum(1 for _, v in rows if v is not None)
        same = sum(1 for lb, v in rows if v is not None and v.verdict == lb["verdict"] and _outcome_ok(lb, v, cur))
        lines.append(f"{name}: {len(rows)} labelled targets, {found} found, {len(extra)} unlabelled found, "
                     f"{same} with the labelled verdict and outcome")
        for i, x in enumerate((len(rows), found, len(extra), same)):
            tot[i] += x
    lines.append(f"total: {tot[0]} labelled, {tot[1]} found, {tot[2]} unlabelled, {tot[3]} agree "
                 f"({100 * tot[3] / tot[0]:.1f} %)")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(agreement())
