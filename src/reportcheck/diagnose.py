"""Diagnosis: which figure most likely holds the slip, and what it probably was.

For a report where some rules fail, every figure those rules read is tried
with the typical slips of republishing undone, one figure at a time:

- two adjacent digits swapped (993 → 939),
- a digit doubled (4000 → 400) or dropped (39 → 939),
- one digit changed (951 → 351),
- a decimal slip (×10 / ÷10),
- a magnitude slip in the unit (万 ↔ 亿, 万 ↔ 千),
- % ↔ 个百分点.

An edit is kept when it repairs at least one failing rule (an error, or a
warning from the just-passed reading) and breaks no rule that held before.
Edits are ranked the Fellegi–Holt way — change as little as possible: first the
edit that repairs the most failing rules (ideally all of them), then an edit
that restores the spec's canonical value when one is known (or the unit the
spec declares, for a magnitude slip), then the simpler kind of slip, then the
smaller change. Edits respect the figure's kind: a count (家, 个, 人) never becomes a
fraction of an item (351家 is never "35.1"); and a rule that only hints — an info rule,
or an expression comparing a target with an outturn (a conservative target of 110 against
last year's 124.9 is not a slip) — gets no suggestion. The best edit becomes the finding's ``suggestion`` ("993 may be
939 with two digits swapped"). Figures are never changed: a suggestion is only
text.

The candidate edits of one figure are evaluated together, vectorised: one
context with a row per (report, candidate edit) — a copy of the report with the
figure replaced — goes through the rules that read that figure in one pass, for
every failing report of a table at once (:func:`suggest_for_reports`).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import numpy as np

from reportcheck.engine.context import unit_factor
from reportcheck.engine.evaluate import ST_FAIL, ST_PASS, ST_TIGHT, run_rules
from reportcheck.rules import vec

# edit kinds, in the order of their prior likelihood (lower = simpler, preferred on ties)
SWAP = "swap"
DOUBLED = "doubled"
DECIMAL = "decimal"
MAGNITUDE = "magnitude"
DROPPED = "dropped"
CHANGED = "changed"
PERCENT = "percent"
PRIOR = {SWAP: 0, DOUBLED: 1, DECIMAL: 2, MAGNITUDE: 2, DROPPED: 3, CHANGED: 4, PERCENT: 5}

#: at most this many suggestions per failing rule
TOP = 3

#: the magnitude slips of a unit's prefix, most likely first
_MAGNITUDE_SWAPS = {"万": ("亿", "千"), "亿": ("万",), "千": ("万",)}

# statuses a suggestion tries to repair: a failure, and a failure under the just-passed reading
BAD = (int(ST_FAIL), int(ST_TIGHT))


@dataclass(frozen=True)
class Edit:
    value: Decimal  # the corrected number as written
    unit: str | None  # the corrected unit as written
    kind: str
    note: str  # "with two digits swapped"


@dataclass
class Suggestion:
    indicator: str
    old: str  # the figure as written ("993家")
    written_unit: str | None  # its unit as written
    edit: Edit
    repaired: list[str]  # rule ids that no longer fail
    fixes_all: bool
    canonical: bool  # restores the spec's canonical value (or the unit the spec declares)
    passes: int  # how many of the repaired rules now pass outright (not merely undetermined)
    change: float  # |log10(new/old)|: the size of the change
    key: tuple = field(default=(), compare=False)

    @property
    def new(self) -> str:
        """The corrected figure as it would be written ("939家")."""
        return _new_text(self.old, self.written_unit, self.edit)

    @property
    def text(self) -> str:
        old = _num_of(self.old)
        # a decline is stored signed but written without its sign (下降14.1%)
        new = _fmt(abs(self.edit.value)) if not old.startswith("-") else _fmt(self.edit.value)
        if self.edit.kind in (MAGNITUDE, PERCENT):
            return f"{self.old} may be {self.new} ({self.edit.note})"
        if self.edit.kind == DECIMAL:
            return f"{old} may be {new} ({self.edit.note})"
        return f"{old} may be {new} {self.edit.note}"


def _fmt(d: Decimal) -> str:
    s = format(d.normalize(), "f") if d == d else str(d)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def _num_of(text: str) -> str:
    """The number part of a written figure: '**993**家' → '993'."""
    import re

    m = re.search(r"[-+]?\d[\d,]*(?:\.\d+)?", text)
    return m.group(0) if m else text


# ----------------------------------------------------------------------------------------
# candidate edits of one written number
# ----------------------------------------------------------------------------------------
def _dec(v: float | Decimal | int) -> Decimal:
    d = v if isinstance(v, Decimal) else Decimal(repr(float(v))) if isinstance(v, float) else Decimal(v)
    return d


def _digits_str(d: Decimal) -> str:
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def _valid(s: str) -> bool:
    body = s.lstrip("-")
    if not body or body == ".":
        return False
    intpart = body.split(".")[0]
    if len(intpart) > 1 and intpart.startswith("0"):
        return False
    return not body.startswith(".") and not body.endswith(".")


def edits(value: float | Decimal | int, unit: str | None) -> list[Edit]:
    """Every single slip that could have turned the true figure into ``value unit``, undone."""
    d = _dec(value)
    if not d.is_finite():  # an open bound (突破 with no number bound): no digits to edit
        return []
    return list(_edits(d, unit))


# ≈ 30 KB an entry (about a hundred Edits): bounded small, since _edit_plan (which
# holds the same Edits) is what the engine reuses across reports
@lru_cache(maxsize=256)
def _edits(d: Decimal, unit: str | None) -> tuple[Edit, ...]:
    s = _digits_str(d)
    sign = "-" if s.startswith("-") else ""
    body = s.lstrip("-")
    pos = [i for i, ch in enumerate(body) if ch.isdigit()]
    out: dict[tuple, Edit] = {}

    def add(new_body: str, u: str | None, kind: str, note: str):
        if not _valid(new_body):
            return
        nv = Decimal(sign + new_body)
        if nv == d and u == unit:
            return
        k = (nv.normalize(), u)
        old = out.get(k)
        if old is None or PRIOR[kind] < PRIOR[old.kind]:
            out[k] = Edit(nv, u, kind, note)

    # two adjacent digits swapped (skipping a decimal point between them is not a swap)
    for a, b in zip(pos, pos[1:]):
        if b == a + 1 and body[a] != body[b]:
            nb = body[:a] + body[b] + body[a] + body[b + 1:]
            add(nb, unit, SWAP, "with two digits swapped")
    # a digit doubled: remove one of two equal adjacent digits
    for a, b in zip(pos, pos[1:]):
        if b == a + 1 and body[a] == body[b]:
            add(body[:a] + body[b:], unit, DOUBLED, "with a digit doubled")
    # a decimal slip
    add(_digits_str(d / 10).lstrip("-"), unit, DECIMAL, "a decimal slip: ten times too large")
    add(_digits_str(d * 10).lstrip("-"), unit, DECIMAL, "a decimal slip: ten times too small")
    # magnitude slips in the unit
    if unit:
        from reportcheck.quantities.units import split_magnitude

        # 万 ↔ 亿 and 万 ↔ 千 in the unit's magnitude (万元 → 亿元, 千元; 千瓦 is a unit, never split)
        mag, rest = split_magnitude(unit)
        prefix = unit[: len(unit) - len(rest)]
        if rest:
            for other in _MAGNITUDE_SWAPS.get(prefix, ()):
                add(body, other + rest, MAGNITUDE, f"{prefix} written for {other}")
        # a stray magnitude, or one left out (1099万个 for 1099个; 580千瓦 for 580万千瓦)
        if mag != 1:
            add(body, rest, MAGNITUDE, f"a stray {prefix}")
        elif unit not in ("%", "％", "个百分点", "倍"):
            for m in ("万", "亿"):
                add(body, m + unit, MAGNITUDE, f"{m} left out")
        if unit in ("%", "％"):
            add(body, "个百分点", PERCENT, "% written for 个百分点")
        elif unit == "个百分点":
            add(body, "%", PERCENT, "个百分点 written for %")
    # a digit dropped: insert one digit anywhere among the digits
    if len(pos) <= 8:
        for i in range(len(body) + 1):
            for ch in "0123456789":
                add(body[:i] + ch + body[i:], unit, DROPPED, "with a digit dropped")
    # one digit changed
    if len(pos) <= 8:
        for i in pos:
            for ch in "0123456789":
                if ch != body[i]:
                    add(body[:i] + ch + body[i + 1:], unit, CHANGED, "with one digit changed")
    return tuple(out.values())


# ----------------------------------------------------------------------------------------
# search
# ----------------------------------------------------------------------------------------
def _written(ctx, id: str, r: int) -> tuple[float | None, str | None, str]:
    row = ctx.row(id, r)
    text = ctx.text(id, r)
    if row is not None and row.get("value") is not None and not _nan(row.get("value")):
        u = row.get("unit")
        return float(row["value"]), (u if isinstance(u, str) else ctx.unit(id)), text
    a = ctx.iv(id)
    if not a.present[r]:
        return None, None, text
    v = a.lo[r] if np.isfinite(a.lo[r]) else a.hi[r]
    return float(v), ctx.unit(id), text


def _nan(x) -> bool:
    try:
        return x != x
    except (TypeError, ValueError):
        return False


def _factor(src, dst) -> float | None:
    if src is None or dst is None or src == dst:
        return 1.0
    try:
        return unit_factor(src, dst)
    except Exception:  # noqa: BLE001 - a unit the spec cannot take
        return None


def candidates_for(rules, runs, ctx, r: int, id: str) -> list[Suggestion]:
    """Every kept edit of figure ``id`` in report ``r`` (unsorted)."""
    return candidates_batch(rules, runs, ctx, [r], id).get(r, [])


def _whole(e: Edit) -> bool:
    """Whether an edit gives a whole number of items (4.9万个 is 49000 items; 35.1家 is not)."""
    mag = 1
    if e.unit:
        from reportcheck.quantities.units import split_magnitude

        mag = split_magnitude(e.unit)[0]
    v = e.value * mag
    return v == v.to_integral_value()


#: the figure kinds that count whole items (家, 个, 人 …): a slip never makes them fractional
WHOLE_KINDS = frozenset({"count"})

#: a target (目标, 力争) compared with an outturn (实际, 预计) may differ on purpose (a
#: conservative target): such an expression is a hint, never a slip to correct
TARGET_STATUSES = frozenset({"目标", "力争"})
OUTTURN_STATUSES = frozenset({"实际", "预计"})


def diagnosable(rule, ctx) -> bool:
    """Whether a failing rule gets a likely slip: not an info rule (a hint such as "the target
    is below last year's outturn"), and not an expression comparing a target with an outturn."""
    from reportcheck.findings import Severity

    if getattr(rule, "severity", None) is Severity.INFO:
        return False
    if getattr(getattr(rule, "kind", None), "name", None) == "expression":
        statuses = {getattr(ctx.info.get(i), "status", None) for i in rule.references}
        if statuses & TARGET_STATUSES and statuses & OUTTURN_STATUSES:
            return False
    return True


# ≈ 30 KB an entry (its Edits): 2048 entries bound it at ≈ 64 MB in a long-running process;
# a 10,000-report corpus uses ≈ 800
@lru_cache(maxsize=2048)
def _edit_plan(value: float, negative: bool, wunit: str | None, spec_unit: str | None, whole: bool = False):
    """The usable edits of ``value wunit`` and how each moves the figure's interval.

    ``(v_s, edits, scale, shift)``: the figure in the spec's unit, the edits that can be
    expressed in it, and per edit the factor and offset applied to the interval (a slip of
    scale scales it, a slip of digits shifts it). None when the unit cannot be converted.
    ``negative`` keeps -0.0 and 0.0 apart in the cache; ``whole`` (a count) drops the edits
    that would make it a fraction of an item.
    """
    f0 = _factor(wunit, spec_unit)
    if f0 is None:
        return None
    v_s = value * f0
    keep: list[Edit] = []
    scales: list[float] = []
    shifts: list[float] = []
    for e in edits(value, wunit):
        if whole and not _whole(e):
            continue
        f = _factor(e.unit, spec_unit)
        if f is None:
            continue
        nv = float(e.value) * f
        if e.kind in (DECIMAL, MAGNITUDE, PERCENT):
            # a slip of scale: the whole interval scales with the figure
            if v_s == 0:
                continue
            scales.append(nv / v_s)
            shifts.append(0.0)
        else:
            # a slip of digits: same written precision, the interval moves with the figure
            scales.append(1.0)
            shifts.append(nv - v_s)
        keep.append(e)
    return v_s, tuple(keep), np.asarray(scales, dtype=float), np.asarray(shifts, dtype=float)


def candidates_batch(rules, runs, ctx, reports: list[int], id: str) -> dict[int, list[Suggestion]]:
    """Every kept edit of figure ``id`` for each of ``reports``, evaluated in one vectorised pass.

    A context of one row per (report, candidate edit) — each a copy of its report with
    the figure replaced — goes once through the rules that read the figure.
    """

    spec_unit = ctx.unit(id)
    cur = ctx.iv(id)
    whole = getattr(ctx.info.get(id), "kind", None) in WHOLE_KINDS
    # per report: its written figure and the plan of its edits (cached per written figure:
    # in a corpus the same figure is written in many reports)
    blocks: list[tuple[int, float, str | None, str, float, tuple]] = []  # (r, value, unit, text, v_s, edits)
    starts: list[int] = []  # position of each block's first candidate
    idx_parts, k_parts, sh_parts = [], [], []
    n = 0
    for r in reports:
        value, wunit, text = _written(ctx, id, r)
        if value is None:
            continue
        plan = _edit_plan(value, math.copysign(1.0, value) < 0, wunit, spec_unit, whole)
        if plan is None:
            continue
        v_s, eds, k_r, sh_r = plan
        if not eds:
            continue
        blocks.append((r, value, wunit, text, v_s, eds))
        starts.append(n)
        idx_parts.append(np.full(len(eds), r))
        k_parts.append(k_r)
        sh_parts.append(sh_r)
        n += len(eds)
    if not blocks:
        return {}
    idx = np.concatenate(idx_parts)
    k = np.concatenate(k_parts)
    sh = np.concatenate(sh_parts)
    lo0, hi0 = cur.lo[idx], cur.hi[idx]
    with np.errstate(invalid="ignore"):
        lo = np.where(np.isfinite(lo0), lo0 * k + sh, lo0)
        hi = np.where(np.isfinite(hi0), hi0 * k + sh, hi0)
    neg = k < 0
    lo, hi = np.where(neg, hi, lo), np.where(neg, lo, hi)
    lc = np.where(neg, cur.hc[idx], cur.lc[idx]) & np.isfinite(lo)
    hc = np.where(neg, cur.lc[idx], cur.hc[idx]) & np.isfinite(hi)
    touched = [i for i, rule in enumerate(rules) if id in rule.references]
    needed = {ref for i in touched for ref in rules[i].references}
    sub = ctx.take(idx, needed).replace(id, vec.IV(lo, hi, lc, hc))

    new_runs = run_rules([rules[i] for i in touched], sub)
    new_status = [run.status for run in new_runs]
    old_status = [runs[i].status[idx] for i in touched]
    n_failing = {r: sum(1 for run in runs if int(run.status[r]) in BAD and diagnosable(run.rule, ctx))
                 for r in {b[0] for b in blocks}}
    info = ctx.info.get(id)
    canon = info.value if info is not None else None

    # which rules each candidate repairs or breaks: rules × candidates, decided in numpy
    NS, OS = np.stack(new_status), np.stack(old_status)
    bad_new, bad_old = np.isin(NS, BAD), np.isin(OS, BAD)
    repaired_m = bad_old & ~bad_new & np.array([diagnosable(rules[i], ctx) for i in touched])[:, None]
    broken_m = (~bad_old & bad_new) | ((OS == ST_TIGHT) & (NS == ST_FAIL))  # or a warning made an error
    passes_v = (repaired_m & (NS == ST_PASS)).sum(axis=0)
    kept = repaired_m.any(axis=0) & ~broken_m.any(axis=0)
    rule_ids = [run.rule.id for run in new_runs]

    out: dict[int, list[Suggestion]] = {}
    kept_j = np.flatnonzero(kept)
    kept_repaired = repaired_m[:, kept_j].T.tolist()  # one list of booleans per kept edit
    for j, rep in zip(kept_j.tolist(), kept_repaired):
        b = bisect_right(starts, j) - 1
        r, value, wunit, text, v_s, eds = blocks[b]
        e = eds[j - starts[b]]
        repaired = [rid for rid, hit in zip(rule_ids, rep) if hit]
        passes = int(passes_v[j])
        # evidence from the spec: the edit restores the canonical value, or the unit the spec declares
        canonical = (canon is not None and e.unit == (info.unit or wunit) and float(e.value) == canon) or (
            e.kind == MAGNITUDE and spec_unit is not None and wunit != spec_unit and e.unit == spec_unit)
        nv = float(e.value) * (_factor(e.unit, spec_unit) or 1.0)
        change = abs(math.log10(abs(nv) / abs(v_s))) if nv != 0 and v_s != 0 else 99.0
        out.setdefault(r, []).append(Suggestion(id, text, wunit, e, repaired,
                                                len(repaired) == n_failing[r], canonical, passes, change))
    return out


def _new_text(text: str, unit: str | None, e: Edit) -> str:
    num = _num_of(text)
    new_num = _fmt(abs(e.value)) if not num.startswith("-") else _fmt(e.value)
    t = text.replace(num, new_num, 1) if num in text else new_num + (unit or "")
    if e.unit != unit and unit and e.unit and unit in t:
        t = t.replace(unit, e.unit, 1)
    return t.replace("**", "")


def rank_key(s: Suggestion) -> tuple:
    return (-len(s.repaired), not s.fixes_all, not s.canonical, PRIOR[s.edit.kind], -s.passes, s.change)


def suggest_for_report(rules, runs, ctx, r: int) -> dict[str, list[Suggestion]]:
    """For each failing rule of report ``r``: its best single-figure edits, best first."""
    return suggest_for_reports(rules, runs, ctx, [r]).get(r, {})


def suggest_for_reports(rules, runs, ctx, reports) -> dict[int, dict[str, list[Suggestion]]]:
    """:func:`suggest_for_report` for many reports at once: one evaluation per figure id."""
    failing: dict[int, list[int]] = {}
    by_figure: dict[str, list[int]] = {}
    for r in reports:
        r = int(r)
        fl = [i for i, run in enumerate(runs) if int(run.status[r]) in BAD and diagnosable(rules[i], ctx)]
        if not fl:
            continue
        failing[r] = fl
        ids: list[str] = []
        for i in fl:
            for ref in rules[i].references:
                if ref not in ids and ctx.present_at(ref, r):
                    ids.append(ref)
        for id in ids:
            by_figure.setdefault(id, []).append(r)
    cands: dict[int, list[Suggestion]] = {}
    for id, reps in by_figure.items():
        for r, sugg in candidates_batch(rules, runs, ctx, reps, id).items():
            cands.setdefault(r, []).extend(sugg)
    out: dict[int, dict[str, list[Suggestion]]] = {}
    for r, fl in failing.items():
        allc = cands.get(r, [])
        for s in allc:
            s.key = rank_key(s)
        allc.sort(key=lambda s: s.key)
        per: dict[str, list[Suggestion]] = {}
        for i in fl:
            rid = rules[i].id
            # one suggestion per figure, at most TOP
            seen: set[str] = set()
            best: list[Suggestion] = []
            for s in allc:
                if rid not in s.repaired or s.indicator in seen:
                    continue
                seen.add(s.indicator)
                best.append(s)
                if len(best) >= TOP:
                    break
            per[rid] = best
        out[r] = per
    return out


def likely_slips(rules, runs, ctx, reports) -> dict[tuple[str, int], tuple[str, str]]:
    """The engine's diagnoser (:class:`reportcheck.engine.write.Diagnoser`): per (rule id,
    report) with a suggestion, its text (:func:`describe`) and the indicator of the best edit."""
    out: dict[tuple[str, int], tuple[str, str]] = {}
    for r, per in suggest_for_reports(rules, runs, ctx, reports).items():
        for rid, sugg in per.items():
            if sugg:
                out[(rid, r)] = (describe(sugg), sugg[0].indicator)
    return out


def describe(suggestions: list[Suggestion]) -> str | None:
    """The suggestion text of a finding: the best edit, and a second figure when it ties."""
    if not suggestions:
        return None
    first = suggestions[0]
    text = first.text
    if len(suggestions) > 1:
        second = suggestions[1]
        if second.key[:4] == first.key[:4] and second.indicator != first.indicator:
            text += f"; or {second.text}"
    return text

