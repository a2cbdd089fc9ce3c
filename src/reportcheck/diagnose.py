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
warning from the just-passed reading) and breaks no rule that held before. Edits are ranked the Fellegi–Holt way — change as little as
possible: first the edit that repairs the most failing rules (ideally all of
them), then an edit that restores the spec's canonical value when one is known,
then the simpler kind of slip, then the smaller change. The best edit becomes
the finding's ``suggestion`` ("993 may be 939 with two digits swapped"). Figures
are never changed: a suggestion is only text.

The candidate edits of one figure are evaluated together, vectorised: a context
of K copies of the report, each with one candidate value, goes through the
rules that read that figure in one pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

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

# statuses a suggestion tries to repair: a failure, and a failure under the just-passed reading
from reportcheck.engine import ST_FAIL, ST_TIGHT  # noqa: E402

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
    new: str  # the corrected figure ("939家")
    edit: Edit
    repaired: list[str]  # rule ids that no longer fail
    fixes_all: bool
    canonical: bool  # restores the spec's canonical value
    passes: int  # how many of the repaired rules now pass outright (not merely undetermined)
    change: float  # |log10(new/old)|: the size of the change
    key: tuple = field(default=(), compare=False)

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
        from reportcheck.quantities.units import MAGNITUDES

        for a_, b_ in (("万", "亿"), ("亿", "万"), ("万", "千"), ("千", "万")):
            if unit.startswith(a_) and len(unit) > len(a_) and not (a_ == "千" and unit[1:2] in ("瓦",)):
                if a_ == "万" and unit.startswith("万亿"):
                    continue
                nu = b_ + unit[len(a_):]
                add(body, nu, MAGNITUDE, f"{a_} written for {b_}")
        # a stray magnitude, or one left out (1099万个 for 1099个; 580千瓦 for 580万千瓦)
        from reportcheck.quantities.units import split_magnitude

        mag, rest = split_magnitude(unit)
        if mag != 1:
            prefix = unit[: len(unit) - len(rest)]
            add(body, rest, MAGNITUDE, f"a stray {prefix}")
        elif unit not in ("%", "％", "个百分点", "倍"):
            for m in ("万", "亿"):
                add(body, m + unit, MAGNITUDE, f"{m} left out")
        _ = MAGNITUDES
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
    return list(out.values())


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
    from reportcheck.engine import _factor as f

    if src is None or dst is None or src == dst:
        return 1.0
    try:
        return f(src, dst)
    except Exception:  # noqa: BLE001 - a unit the spec cannot take
        return None


def candidates_for(rules, runs, ctx, r: int, id: str) -> list[Suggestion]:
    """Every kept edit of figure ``id`` in report ``r`` (unsorted)."""
    from reportcheck.engine import ST_PASS, run_rules

    value, wunit, text = _written(ctx, id, r)
    if value is None:
        return []
    spec_unit = ctx.unit(id)
    f0 = _factor(wunit, spec_unit)
    if f0 is None:
        return []
    eds = edits(value, wunit)
    if not eds:
        return []
    cur = ctx.iv(id).take(np.array([r]))
    v_s = value * f0
    scales, shifts, keep = [], [], []
    for e in eds:
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
    if not keep:
        return []
    k = np.asarray(scales)
    sh = np.asarray(shifts)
    K = len(keep)
    with np.errstate(invalid="ignore"):
        lo = np.where(np.isfinite(cur.lo[0]), cur.lo[0] * k + sh, cur.lo[0])
        hi = np.where(np.isfinite(cur.hi[0]), cur.hi[0] * k + sh, cur.hi[0])
    neg = k < 0
    lo, hi = np.where(neg, hi, lo), np.where(neg, lo, hi)
    lc = np.full(K, bool(cur.lc[0]))
    hc = np.full(K, bool(cur.hc[0]))
    sub = ctx.take(np.full(K, r)).replace(id, vec.IV(lo, hi, lc & np.isfinite(lo), hc & np.isfinite(hi)))

    touched = [i for i, rule in enumerate(rules) if id in rule.references]
    before = {rules[i].id: int(runs[i].status[r]) for i in range(len(rules))}
    failing = [rid for rid, st in before.items() if st in BAD]
    new_runs = run_rules([rules[i] for i in touched], sub)
    canon = ctx.info.get(id).value if ctx.info.get(id) is not None else None

    out: list[Suggestion] = []
    for j, e in enumerate(keep):
        repaired, broken, passes = [], 0, 0
        for run in new_runs:
            st_new = int(run.status[j])
            st_old = before[run.rule.id]
            if st_old in BAD and st_new not in BAD:
                repaired.append(run.rule.id)
                passes += st_new == ST_PASS
            elif st_old not in BAD and st_new in BAD:
                broken += 1
            elif st_old == ST_TIGHT and st_new == ST_FAIL:
                broken += 1  # a warning made an error
        if not repaired or broken:
            continue
        new_text = _new_text(text, value, wunit, e)
        canonical = canon is not None and e.unit == (ctx.info[id].unit or wunit) and float(e.value) == canon
        nv = float(e.value) * (_factor(e.unit, spec_unit) or 1.0)
        change = abs(math.log10(abs(nv) / abs(v_s))) if nv != 0 and v_s != 0 else 99.0
        out.append(Suggestion(id, text, new_text, e, repaired, len(repaired) == len(failing), canonical,
                              passes, change))
    return out


def _new_text(text: str, value: float, unit: str | None, e: Edit) -> str:
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
    failing = [i for i, run in enumerate(runs) if run.status[r] in BAD]
    if not failing:
        return {}
    ids: list[str] = []
    for i in failing:
        for ref in rules[i].references:
            if ref not in ids and ctx.present_at(ref, r):
                ids.append(ref)
    allc: list[Suggestion] = []
    for id in ids:
        allc.extend(candidates_for(rules, runs, ctx, r, id))
    for s in allc:
        s.key = rank_key(s)
    allc.sort(key=lambda s: s.key)
    out: dict[str, list[Suggestion]] = {}
    for i in failing:
        rid = rules[i].id
        mine = [s for s in allc if rid in s.repaired]
        # one suggestion per figure, at most TOP
        seen: set[str] = set()
        best: list[Suggestion] = []
        for s in mine:
            if s.indicator in seen:
                continue
            seen.add(s.indicator)
            best.append(s)
            if len(best) >= TOP:
                break
        out[rid] = best
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

