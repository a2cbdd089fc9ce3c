"""The two baselines reportcheck's table engine is measured against (and must agree with).

Both decide the same thing as ``reportcheck.check(table, spec)`` for a long table
``report, indicator, value, unit``: which (report, rule) pairs **fail** under the
formal reading of every figure — the findings whose verdict is ``fail``. They
implement the spec's rule kinds by hand, with the engine's semantics:

- a figure is an interval from its value and the spec's qualifier (以上 → [v, ∞),
  突破 → (v, ∞), 以下 → (-∞, v] …; a decline word flips a positive value);
- values are converted from the unit as written to the unit the spec declares;
- a rule fails only when it is violated by more than a relative float guard of
  1e-9 (the engine's ``vec.GUARD``); a missing figure makes a rule not applicable
  (share and change ranges: that one figure is skipped);
- target coherence caps an open stated growth and widens it by the rule's
  tolerance exactly as :mod:`reportcheck.rules.target_coherence` does (its
  constants are imported, not copied).

(a) :func:`naive_failures` — what a user writes by hand: a loop over reports and
    over rules, every bound a pint ``Quantity``, pint doing the unit conversions and
    comparisons.
(b) :func:`pandera_failures` — the same rules as a pandera ``DataFrameSchema`` with
    one dataframe-level ``Check`` per rule over a wide table (one row per report,
    one float column per indicator in its spec unit); the failures are read from
    ``SchemaErrors.failure_cases``.

Only the rule kinds of the Jining spec's rules are needed; ``expression`` rules are
supported in the simple form ``A < B`` / ``A <= B`` / ``A > B`` / ``A >= B``
(parsed with a regular expression, never evaluated as code).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

GUARD = 1e-9
INF = math.inf

# the qualifier words of the package's one policy (quantities/qualifiers.txt), read whole; this
# baseline keeps only their side (多/余 as a lower bound); a band (左右) is read as the point it
# is written at (the engine's bands only widen an interval: they never add a failure)
def _words():
    from reportcheck.quantities.qualifiers import WORDS, Role

    def of(*roles):
        return frozenset(w for w, i in WORDS.items() if i.role in roles)

    return of(Role.LOWER, Role.LOWER_OPEN, Role.MORE), of(Role.UPPER, Role.UPPER_OPEN), of(Role.DECLINE)


LOWER, UPPER, DECLINE = _words()

_EXPR = re.compile(r"^\s*(\S+)\s*(<=|>=|<|>)\s*(\S+)\s*$")


@dataclass(frozen=True)
class Ind:
    id: str
    unit: str | None
    qualifier: str | None


def spec_parts(spec) -> tuple[dict[str, Ind], list[tuple[str, str, dict]]]:
    """({id: Ind}, [(rule id, kind, fields)]) from a loaded spec."""
    inds = {i.id: Ind(i.id, i.unit, i.qualifier) for i in spec.indicators}
    rules = []
    for r in spec.rules:
        f = dict(getattr(r, "fields", None) or {})
        if r.kind == "expression" and not _EXPR.match(str(f.get("expr", ""))):
            raise NotImplementedError(f"baseline: expression {f.get('expr')!r} is not a simple comparison")
        rules.append((r.id, r.kind, f))
    return inds, rules


def side(q: str | None) -> str:
    """Which bound a qualifier leaves open: 'lower' ([v, ∞)), 'upper' ((-∞, v]) or 'point'."""
    from reportcheck.quantities.qualifiers import words_of

    words = set(words_of(q))
    if words & LOWER:
        return "lower"
    if words & UPPER:
        return "upper"
    return "point"


def declines(q: str | None) -> bool:
    from reportcheck.quantities.qualifiers import words_of

    return bool(set(words_of(q)) & DECLINE)


def _g(*xs: float) -> float:
    return GUARD * max((abs(x) for x in xs if math.isfinite(x)), default=0.0)


def _as_list(v) -> list[str]:
    return [v] if isinstance(v, str) else list(v)


def _tc_constants():
    from reportcheck.rules import target_coherence as tc

    return tc.CAP_FACTOR, tc.CAP_POINTS, tc.REAL_TOLERANCE


def _milestone_cap() -> float:
    from reportcheck.rules import part_of

    return part_of.MILESTONE_CAP  # 突破X as a whole is read as (X, cap·X]


# ======================================================================================
# (a) naive: loop over reports and rules, pint Quantities
# ======================================================================================
def naive_failures(df: pd.DataFrame, spec, ureg=None) -> set[tuple[str, str]]:
    """(report, rule id) pairs that fail, decided one report and one rule at a time with pint."""
    import pint

    if ureg is None:
        from importlib import resources

        path = resources.files("reportcheck.quantities").joinpath("units.txt")
        ureg = pint.UnitRegistry(str(path))  # floats: what a user would build
    Q = ureg.Quantity
    inds, rules = spec_parts(spec)
    cap_factor, cap_points, real_tol = _tc_constants()
    units: dict[str | None, Any] = {}

    def U(u):
        x = units.get(u)
        if x is None:
            x = units[u] = ureg.parse_units(u) if u else ureg.dimensionless
        return x

    out: set[tuple[str, str]] = set()
    for report, g in df.groupby("report", sort=False):
        # every figure of the report as an interval of two Quantities, in the unit as written
        figs: dict[str, tuple[Any, Any]] = {}
        for ind, v, u in zip(g["indicator"], g["value"], g["unit"]):
            info = inds.get(ind)
            if info is None or v != v:
                continue
            u = u if isinstance(u, str) else info.unit
            if declines(info.qualifier) and v > 0:
                v = -v
            s = side(info.qualifier)
            lo = Q(v if s != "upper" else -INF, U(u))
            hi = Q(v if s != "lower" else INF, U(u))
            figs[ind] = (lo, hi)

        def conv(ind, unit):
            lo, hi = figs[ind]
            return lo.to(U(unit)), hi.to(U(unit))

        def mag(x, unit):
            return x.to(U(unit)).magnitude

        for rid, kind, f in rules:
            failed = False
            if kind == "part-of":
                parts = _as_list(f["part"])
                if f["whole"] not in figs or any(p not in figs for p in parts):
                    continue
                wunit = inds[f["whole"]].unit
                total_lo = sum((conv(p, wunit)[0] for p in parts), Q(0.0, U(wunit)))
                total_hi = sum((conv(p, wunit)[1] for p in parts), Q(0.0, U(wunit)))
                w_lo, w_hi = figs[f["whole"]]
                if f.get("exact"):
                    failed = (total_lo > w_hi + Q(_g(mag(total_lo, wunit), mag(w_hi, wunit)), U(wunit))) or \
                             (w_lo > total_hi + Q(_g(mag(w_lo, wunit), mag(total_hi, wunit)), U(wunit)))
                else:
                    if math.isinf(mag(w_hi, wunit)) and 0 < mag(w_lo, wunit) < INF:
                        w_hi = w_lo * _milestone_cap()
                    failed = total_lo > w_hi + Q(_g(mag(total_lo, wunit), mag(w_hi, wunit)), U(wunit))
            elif kind in ("share-range", "change-range"):
                lo_b = float(f.get("min", 0.0 if kind == "share-range" else -100.0))
                hi_b = f.get("max", 100.0 if kind == "share-range" else None)
                hi_b = INF if hi_b is None else float(hi_b)
                for ind in f["indicators"]:
                    if ind not in figs:
                        continue
                    a_lo, a_hi = figs[ind]
                    a_lo, a_hi = mag(a_lo, "%"), mag(a_hi, "%")
                    if a_hi < lo_b - _g(a_hi, lo_b) or a_lo > hi_b + _g(a_lo, hi_b):
                        failed = True
            elif kind == "target-coherence":
                b, gr, t = f["base"], f["growth"], f["target"]
                if b not in figs or gr not in figs or t not in figs:
                    continue
                bunit = inds[b].unit
                B_lo, B_hi = conv(b, bunit)
                T_lo, T_hi = conv(t, bunit)
                g_lo, g_hi = (mag(x, "%") for x in figs[gr])
                # implied growth = (T / B - 1) × 100: interval division, Quantity by Quantity
                if B_lo.magnitude <= 0 <= B_hi.magnitude:
                    imp_lo, imp_hi = -INF, INF
                else:
                    ratios = [0.0 if math.isinf(bq.magnitude) else (tq / bq).to("dimensionless").magnitude
                              for tq in (T_lo, T_hi) for bq in (B_lo, B_hi)]
                    imp_lo, imp_hi = (min(ratios) - 1) * 100, (max(ratios) - 1) * 100
                # an open stated growth means at most max(2 g, g + 10) (the engine's cap), ± tolerance
                G_lo, G_hi = g_lo, g_hi
                if math.isinf(g_hi) and math.isfinite(g_lo):
                    G_hi = g_lo + max(abs(g_lo) * (cap_factor - 1), cap_points)
                if math.isinf(g_lo) and math.isfinite(g_hi):
                    G_lo = g_hi - max(abs(g_hi) * (cap_factor - 1), cap_points)
                tol = f.get("tolerance")
                tol = float(tol) if tol is not None else (real_tol if f.get("real") else 0.0)
                G_lo, G_hi = G_lo - tol, G_hi + tol
                meets = not (imp_lo > G_hi + _g(imp_lo, G_hi) or G_lo > imp_hi + _g(G_lo, imp_hi))
                # a target already passed by its base while the growth is positive
                crossing = (math.isinf(T_hi.magnitude) and g_lo > 0
                            and B_lo.magnitude >= T_lo.magnitude + _g(B_lo.magnitude, T_lo.magnitude))
                failed = not meets or crossing
            elif kind == "expression":
                a, op, b = _EXPR.match(f["expr"]).groups()
                if a not in figs or b not in figs:
                    continue
                unit = inds[a].unit
                A_lo, A_hi = figs[a]
                B_lo, B_hi = conv(b, unit)
                if op in ("<", "<="):
                    x, y = A_lo, B_hi
                else:
                    x, y = B_lo, A_hi
                xm, ym = mag(x, unit), mag(y, unit)
                failed = xm > ym + _g(xm, ym)
            elif kind == "average-threshold":
                tot, cnt, thr = f["total"], f["count"], f["threshold"]
                if tot not in figs or cnt not in figs or thr not in figs:
                    continue  # (a bare-number threshold is not used by the benchmark specs)
                tunit = inds[thr].unit
                T_lo, T_hi = conv(tot, tunit)
                C_lo, C_hi = conv(cnt, inds[cnt].unit)
                th_lo, th_hi = conv(thr, tunit)
                if C_lo.magnitude <= 0 <= C_hi.magnitude:
                    continue  # a count that may be zero says nothing about the average
                avg = [(x / c.magnitude) for x in (T_lo, T_hi) for c in (C_lo, C_hi)]  # per item, in tunit
                if f.get("direction", "at-least") == "at-least":
                    bound = th_lo if math.isfinite(th_lo.magnitude) else th_hi
                    hi = max(avg)
                    failed = bound > hi + Q(_g(bound.magnitude, hi.magnitude), U(tunit))
                else:
                    bound = th_hi if math.isfinite(th_hi.magnitude) else th_lo
                    lo = min(avg)
                    failed = lo > bound + Q(_g(lo.magnitude, bound.magnitude), U(tunit))
            elif kind == "count-of-list":
                c = f["count"]
                if c not in figs:
                    continue
                n = float(len(f["items"]))
                lo, hi = (x.magnitude for x in conv(c, inds[c].unit))
                failed = lo > n + _g(lo, n) or n > hi + _g(n, hi)
            elif kind == "rank-range":
                c = f["rank"]
                if c not in figs:
                    continue
                lo, hi = (x.magnitude for x in conv(c, inds[c].unit))
                of = float(f["of"])
                failed = hi < 1 - _g(hi, 1.0) or lo > of + _g(lo, of)
            else:
                raise NotImplementedError(f"baseline: rule kind {kind!r}")
            if failed:
                out.add((str(report), rid))
    return out


# ======================================================================================
# (b) pandera: a wide table and one dataframe-level check per rule
# ======================================================================================
def wide_table(df: pd.DataFrame, spec) -> pd.DataFrame:
    """One row per report, one float column per indicator, in the unit the spec declares."""
    from reportcheck.quantities.units import factor

    inds, _ = spec_parts(spec)
    d = df[df["indicator"].isin(list(inds))]
    target = d["indicator"].map({k: v.unit or "" for k, v in inds.items()}).astype(object)
    written = d["unit"].astype(object).where(d["unit"].notna(), target).fillna("")
    # one conversion factor per distinct (written unit, spec unit) pair
    codes, pairs = pd.factorize(pd.MultiIndex.from_arrays([written, target]))
    f = np.array([1.0 if w == t or not w or not t else float(factor(w, t)) for w, t in pairs])
    values = d["value"].to_numpy(dtype=float) * f[codes]
    wide = pd.DataFrame({"report": d["report"].to_numpy(), "indicator": d["indicator"].to_numpy(), "v": values})
    wide = wide.pivot(index="report", columns="indicator", values="v")
    for k in inds:  # an indicator no report has is still a (missing) column
        if k not in wide.columns:
            wide[k] = np.nan
    # a decline written as a positive value counts as negative
    for k, i in inds.items():
        if declines(i.qualifier):
            wide[k] = wide[k].where(~(wide[k] > 0), -wide[k])
    return wide


def _bounds(wide: pd.DataFrame, inds: dict[str, Ind], k: str) -> tuple[np.ndarray, np.ndarray]:
    v = wide[k].to_numpy(dtype=float)
    s = side(inds[k].qualifier)
    lo = np.full_like(v, -INF) if s == "upper" else v
    hi = np.full_like(v, INF) if s == "lower" else v
    lo = np.where(np.isnan(v), np.nan, lo)
    hi = np.where(np.isnan(v), np.nan, hi)
    return lo, hi


def _gv(*xs: np.ndarray) -> np.ndarray:
    m = None
    for x in xs:
        a = np.abs(np.asarray(x, dtype=float))
        a = np.where(np.isfinite(a), a, 0.0)
        m = a if m is None else np.maximum(m, a)
    return GUARD * m


def _check_fn(kind: str, f: dict, inds: dict[str, Ind], units_factor):
    """The dataframe-level check of one rule: a boolean Series, True where the rule does not fail."""
    cap_factor, cap_points, real_tol = _tc_constants()

    def ok(wide: pd.DataFrame, fail: np.ndarray) -> pd.Series:
        return pd.Series(~np.asarray(fail, dtype=bool), index=wide.index)

    if kind == "part-of":
        parts = _as_list(f["part"])

        def fn(w):
            # values are in each indicator's spec unit; parts to the whole's unit
            wu = inds[f["whole"]].unit
            t_lo = sum(_bounds(w, inds, p)[0] * units_factor(inds[p].unit, wu) for p in parts)
            t_hi = sum(_bounds(w, inds, p)[1] * units_factor(inds[p].unit, wu) for p in parts)
            w_lo, w_hi = _bounds(w, inds, f["whole"])
            with np.errstate(invalid="ignore"):
                if not f.get("exact"):
                    w_hi = np.where(np.isinf(w_hi) & np.isfinite(w_lo) & (w_lo > 0), w_lo * _milestone_cap(), w_hi)
                fail = t_lo > w_hi + _gv(t_lo, w_hi)
                if f.get("exact"):
                    fail |= w_lo > t_hi + _gv(w_lo, t_hi)
            return ok(w, fail)
    elif kind in ("share-range", "change-range"):
        lo_b = float(f.get("min", 0.0 if kind == "share-range" else -100.0))
        hi_b = f.get("max", 100.0 if kind == "share-range" else None)
        hi_b = INF if hi_b is None else float(hi_b)

        def fn(w):
            fail = np.zeros(len(w), dtype=bool)
            for k in f["indicators"]:
                lo, hi = _bounds(w, inds, k)
                fac = units_factor(inds[k].unit, "%")
                lo, hi = lo * fac, hi * fac
                with np.errstate(invalid="ignore"):
                    fail |= (hi < lo_b - _gv(hi, lo_b)) | (lo > hi_b + _gv(lo, hi_b))
            return ok(w, fail)
    elif kind == "target-coherence":
        tol = f.get("tolerance")
        tol = float(tol) if tol is not None else (real_tol if f.get("real") else 0.0)

        def fn(w):
            bu = inds[f["base"]].unit
            B_lo, B_hi = _bounds(w, inds, f["base"])
            T_lo, T_hi = (x * units_factor(inds[f["target"]].unit, bu) for x in _bounds(w, inds, f["target"]))
            G_lo, G_hi = (x * units_factor(inds[f["growth"]].unit, "%") for x in _bounds(w, inds, f["growth"]))
            with np.errstate(invalid="ignore", divide="ignore"):
                zero = (B_lo <= 0) & (B_hi >= 0)
                q = []
                for t in (T_lo, T_hi):
                    for b in (B_lo, B_hi):
                        r = t / b
                        r = np.where(np.isinf(b) & np.isfinite(t), 0.0, r)
                        q.append(r)
                Q = np.stack(q)
                imp_lo = np.where(zero, -INF, (Q.min(axis=0) - 1) * 100)
                imp_hi = np.where(zero, INF, (Q.max(axis=0) - 1) * 100)
                up = np.isinf(G_hi) & np.isfinite(G_lo)
                dn = np.isinf(G_lo) & np.isfinite(G_hi)
                g_hi = np.where(up, G_lo + np.maximum(np.abs(G_lo) * (cap_factor - 1), cap_points), G_hi) + tol
                g_lo = np.where(dn, G_hi - np.maximum(np.abs(G_hi) * (cap_factor - 1), cap_points), G_lo) - tol
                meets = ~((imp_lo > g_hi + _gv(imp_lo, g_hi)) | (g_lo > imp_hi + _gv(g_lo, imp_hi)))
                crossing = np.isinf(T_hi) & (G_lo > 0) & (B_lo >= T_lo + _gv(B_lo, T_lo))
                present = ~(np.isnan(B_lo) | np.isnan(T_lo) | np.isnan(G_lo))
            return ok(w, present & (~meets | crossing))
    elif kind == "expression":
        a, op, b = _EXPR.match(f["expr"]).groups()

        def fn(w):
            A_lo, A_hi = _bounds(w, inds, a)
            fac = units_factor(inds[b].unit, inds[a].unit)
            B_lo, B_hi = (x * fac for x in _bounds(w, inds, b))
            x, y = (A_lo, B_hi) if op in ("<", "<=") else (B_lo, A_hi)
            with np.errstate(invalid="ignore"):
                return ok(w, x > y + _gv(x, y))
    elif kind == "average-threshold":
        def fn(w):
            tu = inds[f["threshold"]].unit
            T_lo, T_hi = (x * units_factor(inds[f["total"]].unit, tu) for x in _bounds(w, inds, f["total"]))
            C_lo, C_hi = _bounds(w, inds, f["count"])
            th_lo, th_hi = _bounds(w, inds, f["threshold"])
            with np.errstate(invalid="ignore", divide="ignore"):
                zero = (C_lo <= 0) & (C_hi >= 0)
                avg = np.stack([t / c for t in (T_lo, T_hi) for c in (C_lo, C_hi)])
                if f.get("direction", "at-least") == "at-least":
                    bound = np.where(np.isfinite(th_lo), th_lo, th_hi)
                    hi = avg.max(axis=0)
                    fail = bound > hi + _gv(bound, hi)
                else:
                    bound = np.where(np.isfinite(th_hi), th_hi, th_lo)
                    lo = avg.min(axis=0)
                    fail = lo > bound + _gv(lo, bound)
            return ok(w, fail & ~zero)
    elif kind == "count-of-list":
        n = float(len(f["items"]))

        def fn(w):
            lo, hi = _bounds(w, inds, f["count"])
            with np.errstate(invalid="ignore"):
                return ok(w, (lo > n + _gv(lo, n)) | (n > hi + _gv(n, hi)))
    elif kind == "rank-range":
        of = float(f["of"])

        def fn(w):
            lo, hi = _bounds(w, inds, f["rank"])
            with np.errstate(invalid="ignore"):
                return ok(w, (hi < 1 - _gv(hi, 1.0)) | (lo > of + _gv(lo, of)))
    else:
        raise NotImplementedError(f"baseline: rule kind {kind!r}")
    return fn


def pandera_schema(spec):
    """The spec's rules as a pandera DataFrameSchema over the wide table."""
    import pandera.pandas as pa

    from reportcheck.quantities.units import factor

    inds, rules = spec_parts(spec)
    cache: dict[tuple, float] = {}

    def units_factor(src, dst):
        if src == dst or src is None or dst is None:
            return 1.0
        k = (src, dst)
        if k not in cache:
            cache[k] = float(factor(src, dst))
        return cache[k]

    columns = {k: pa.Column(float, nullable=True, required=False) for k in inds}
    checks = [pa.Check(_check_fn(kind, f, inds, units_factor), name=rid)
              for rid, kind, f in rules]
    return pa.DataFrameSchema(columns, checks=checks)


def pandera_failures(df: pd.DataFrame, spec, schema=None) -> set[tuple[str, str]]:
    """(report, rule id) pairs that fail, from one lazy pandera validation of the wide table."""
    import pandera.errors as pe

    schema = schema if schema is not None else pandera_schema(spec)
    wide = wide_table(df, spec)
    try:
        schema.validate(wide, lazy=True)
    except pe.SchemaErrors as exc:
        fc = exc.failure_cases
        fc = fc[fc["index"].notna()]
        return set(zip(fc["index"].astype(str), fc["check"].astype(str)))
    return set()


# ======================================================================================
# reportcheck, in the same terms
# ======================================================================================
def reportcheck_verdict_failures(result) -> set[tuple[str, str]]:
    """(report, rule id) pairs whose verdict is ``fail``, from ``Result.verdicts()``."""
    v = result.verdicts()
    fails = v[v["verdict"] == "fail"]
    return set(zip(fails["report"].astype(str), fails["rule"].astype(str)))


def reportcheck_failures(result) -> set[tuple[str, str]]:
    """(report, rule id) pairs whose finding has the verdict ``fail`` (consistency rules)."""
    return {(str(f.report), f.id) for f in result.findings
            if getattr(f, "verdict", None) == "fail" and getattr(f.category, "value", f.category) == "consistency"}


# ======================================================================================
# (c) plain numpy, (d) polars, (e) duckdb: the same rules over a wide table each builds
# ======================================================================================
# Each builds the wide table (one row per report, one float column per indicator, in the
# spec's unit, declines flipped) its own way — that is the table-sized work: reading every
# row of the long table, converting its unit, pivoting — and then decides the rules with
# the same vectorised numpy expressions as the pandera baseline (``_check_fn``), on the wide
# table (one row per report: ~1 % of the rows). Duplicated (report, indicator) rows are
# not expected in the corpus (each takes the last or any one of them).
def _factor_fn():
    from reportcheck.quantities.units import factor

    cache: dict[tuple, float] = {}

    def units_factor(src, dst):
        if src == dst or not src or not dst:
            return 1.0
        k = (src, dst)
        if k not in cache:
            cache[k] = float(factor(src, dst))
        return cache[k]
    return units_factor


def rule_fns(spec):
    """[(rule id, fn(wide) → bool Series, True where the rule does not fail)]."""
    inds, rules = spec_parts(spec)
    uf = _factor_fn()
    return [(rid, _check_fn(kind, f, inds, uf)) for rid, kind, f in rules]


def _wide_failures(wide: pd.DataFrame, fns) -> set[tuple[str, str]]:
    out = set()
    labels = wide.index.to_numpy()
    for rid, fn in fns:
        ok = np.asarray(fn(wide), dtype=bool)
        out.update((str(labels[i]), rid) for i in np.flatnonzero(~ok).tolist())
    return out


def _flip_declines(cols: dict, inds: dict[str, Ind]) -> None:
    for k, i in inds.items():
        if declines(i.qualifier) and k in cols:
            v = cols[k]
            cols[k] = np.where(v > 0, -v, v)


def numpy_failures(df: pd.DataFrame, spec, fns=None) -> set[tuple[str, str]]:
    """Plain numpy: the labels factorized (pandas' hash table: numpy has none for strings),
    one factor per (indicator, unit) pair, one scatter into a reports × indicators array."""
    inds, _ = spec_parts(spec)
    fns = fns if fns is not None else rule_fns(spec)
    uf = _factor_fn()
    rc, rl = pd.factorize(df["report"], sort=False)
    ic, il = pd.factorize(df["indicator"], sort=False)
    uc, ul = pd.factorize(df["unit"], sort=False)
    names = list(inds)
    col_of = np.array([names.index(x) if x in inds else -1 for x in il] + [-1])
    cols = col_of[ic]
    keep = cols >= 0
    ul_list = list(ul)
    nu = len(ul_list) + 1
    key = cols[keep] * nu + uc[keep] + 1
    seen = np.zeros(len(names) * nu, dtype=bool)
    seen[key] = True
    fac = np.ones(len(names) * nu)
    for j in np.flatnonzero(seen).tolist():  # the (indicator, unit) pairs the table has
        k, u = divmod(j, nu)
        w = None if u == 0 else ul_list[u - 1]
        fac[j] = uf(w or inds[names[k]].unit, inds[names[k]].unit)
    v = df["value"].to_numpy(dtype=float)[keep] * fac[key]
    W = np.full((len(names), len(rl)), np.nan)
    W[cols[keep], rc[keep]] = v
    wide_cols = {k: W[j] for j, k in enumerate(names)}
    _flip_declines(wide_cols, inds)
    wide = pd.DataFrame(wide_cols, index=pd.Index(np.asarray(rl, dtype=object)))
    return _wide_failures(wide, fns)


def polars_failures(df: pd.DataFrame, spec, fns=None) -> set[tuple[str, str]]:
    """polars: filter, join the unit factors, pivot (``DataFrame.pivot``), then the rules."""
    import polars as pl

    inds, _ = spec_parts(spec)
    fns = fns if fns is not None else rule_fns(spec)
    uf = _factor_fn()
    t = pl.from_pandas(df[["report", "indicator", "value", "unit"]])
    t = t.filter(pl.col("indicator").is_in(list(inds)))
    pairs = t.select("indicator", "unit").unique()
    factors = pairs.with_columns(pl.Series("f", [uf(u or inds[i].unit, inds[i].unit)
                                                 for i, u in pairs.iter_rows()], dtype=pl.Float64))
    t = t.join(factors, on=["indicator", "unit"], how="left", nulls_equal=True)
    t = t.select("report", "indicator", (pl.col("value") * pl.col("f")).alias("v"))
    w = t.pivot(on="indicator", index="report", values="v", aggregate_function="last")
    cols = {k: (w[k].to_numpy() if k in w.columns else np.full(w.height, np.nan)) for k in inds}
    cols = {k: np.asarray(v, dtype=float) for k, v in cols.items()}
    _flip_declines(cols, inds)
    wide = pd.DataFrame(cols, index=pd.Index(w["report"].to_numpy()))
    return _wide_failures(wide, fns)


def duckdb_failures(df: pd.DataFrame, spec, fns=None) -> set[tuple[str, str]]:
    """duckdb: the long table scanned in place (Arrow), one SQL query joins the unit factors
    and pivots by conditional aggregation, the wide result fetched as numpy, then the rules."""
    import duckdb

    inds, _ = spec_parts(spec)
    fns = fns if fns is not None else rule_fns(spec)
    uf = _factor_fn()
    import pyarrow as pa

    con = duckdb.connect()
    # as an Arrow table: pandas' Arrow-backed strings are handed over without a copy
    con.register("t", pa.Table.from_pandas(df[["report", "indicator", "value", "unit"]], preserve_index=False))
    names = list(inds)
    pairs = con.execute("SELECT DISTINCT indicator, unit FROM t").fetchall()
    fac = pd.DataFrame([(i, u, uf(u or inds[i].unit, inds[i].unit)) for i, u in pairs if i in inds],
                       columns=["indicator", "unit", "f"])
    con.register("fac", fac)
    vals = ", ".join(f"'{k}'" for k in names)
    q = (f"WITH x AS (SELECT t.report, t.indicator, t.value * fac.f AS v FROM t JOIN fac "
         f"ON t.indicator = fac.indicator AND t.unit IS NOT DISTINCT FROM fac.unit) "
         f"PIVOT x ON indicator IN ({vals}) USING last(v) GROUP BY report")
    res = con.execute(q).fetchnumpy()
    con.close()
    # NULL (a report without that indicator) comes back masked: NaN, as in the other engines
    cols = {k: np.ma.filled(np.ma.asarray(res[k]).astype(float), np.nan) for k in names}
    _flip_declines(cols, inds)
    wide = pd.DataFrame(cols, index=pd.Index(np.asarray(res["report"], dtype=object)))
    return _wide_failures(wide, fns)
