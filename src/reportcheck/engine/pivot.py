"""Table → context: pivot a long indicator table (one row per report × indicator) once into
the numpy arrays of a :class:`~reportcheck.engine.context.Context`.

Values are converted from the written unit to the unit the spec declares, once per
distinct (indicator, unit); a table without ``lower``/``upper`` gets its intervals from
its ``qualifier`` column through the one qualifier policy
(:func:`reportcheck.quantities.qualifiers.qualifier_bounds`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np

from reportcheck.engine.context import Context, IndicatorInfo, _Rows, unit_factor
from reportcheck.quantities.qualifiers import Role, has_role, qualifier_bounds

# ----------------------------------------------------------------------------------------
# building the context from a long table
# ----------------------------------------------------------------------------------------
def _column(df, name, default=None):
    return df[name] if name in df.columns else default


@dataclass
class BuildProblem:
    id: str
    report: Any
    message: str
    row: int
    r: int = -1  # the report's position in the context


def build_context(table, info: dict[str, IndicatorInfo], ids: Iterable[str] | None = None,
                  data_mode: bool | None = None) -> tuple[Context, list[BuildProblem]]:
    """Pivot a long indicator table into a :class:`Context` (one pass, numpy arrays).

    ``table`` has one row per report × indicator: ``id`` (or ``indicator``),
    ``value`` and optionally ``report``, ``unit``, ``lower``/``upper``,
    ``lower_closed``/``upper_closed``, ``qualifier``, ``status``, ``text`` and
    the position columns. Values are converted from the written unit to the
    unit ``info`` declares, once per distinct (indicator, unit).
    """
    import pandas as pd

    df = table
    idcol = "id" if "id" in df.columns else "indicator"
    if data_mode is None:
        data_mode = "indicator" in df.columns and "id" not in df.columns
    n_rows = len(df)
    if "report" in df.columns:
        rep_codes, rep_labels = pd.factorize(df["report"], sort=False)
        rep_labels = np.asarray(rep_labels, dtype=object)
        if (rep_codes < 0).any():  # a missing report label: its own report
            rep_labels = np.append(rep_labels, None)
            rep_codes = np.where(rep_codes < 0, len(rep_labels) - 1, rep_codes)
    else:
        rep_codes = np.zeros(n_rows, dtype=np.int64)
        rep_labels = np.array([None], dtype=object)
    R = len(rep_labels)

    wanted = list(dict.fromkeys(ids if ids is not None else info.keys()))
    # factorize first (cheap on Arrow strings), then look up the few distinct ids
    icodes, iuniq = pd.factorize(df[idcol], sort=False)
    id_codes = np.append(np.asarray(pd.Index(wanted).get_indexer(iuniq)), -1)[np.asarray(icodes)]
    keep = np.flatnonzero(id_codes >= 0)
    id_codes = id_codes[keep]
    rep_codes = np.asarray(rep_codes)[keep]

    def col(name, dtype=None):
        c = _column(df, name)
        if c is None:
            return None
        arr = c.to_numpy()[keep]
        return arr.astype(dtype) if dtype is not None else arr

    values = col("value", np.float64)
    qspec = np.array([info[w].qualifier if w in info else None for w in wanted] + [None], dtype=object)
    quals = col("qualifier")
    if quals is None:  # the spec's qualifier of each indicator
        quals = qspec[id_codes]
    else:
        quals = np.asarray(quals, dtype=object)
    qb = qualifier_bounds(values, quals)  # blank / NA cells: no qualifier
    if "lower" in df.columns and "upper" in df.columns:
        lo = col("lower", np.float64)
        hi = col("upper", np.float64)
        lo = np.where(np.isnan(lo), values, lo)
        hi = np.where(np.isnan(hi), values, hi)
        lc = _bool_col(col("lower_closed"), len(keep))
        hc = _bool_col(col("upper_closed"), len(keep))
    else:
        lo, hi, lc, hc = qb.lower, qb.upper, qb.lower_closed, qb.upper_closed

    # declines written as a positive value with a decline qualifier count as negative changes
    if len(keep):
        flip = qb.decline & (values > 0)
        if flip.any():
            lo, hi = np.where(flip, -hi, lo), np.where(flip, -lo, hi)
            lc, hc = np.where(flip, hc, lc), np.where(flip, lc, hc)

    # unit conversion: one factor per distinct (indicator, written unit)
    problems: list[BuildProblem] = []
    units_col = _column(df, "unit")
    if units_col is not None and len(keep):
        # factorize the whole column (cheap on Arrow strings), then keep the wanted rows
        ucodes, ulabels = pd.factorize(units_col, sort=False)
        ucodes = np.asarray(ucodes)[keep]
        nu = len(ulabels) + 1
        key = id_codes.astype(np.int64) * nu + (ucodes + 1)
        uniq, inv = np.unique(key, return_inverse=True)
        facs = np.ones(len(uniq))
        bad = np.zeros(len(uniq), dtype=bool)
        why: dict[int, tuple[str, str]] = {}
        from reportcheck.quantities.units import MAGNITUDES as _MAGNITUDES
        from reportcheck.quantities.units import split_magnitude as _split_magnitude

        for j, k in enumerate(uniq):
            iid = wanted[int(k // nu)]
            uc = int(k % nu) - 1
            written = None if uc < 0 else ulabels[uc]
            target = info[iid].unit if iid in info else None
            if written is not None and written in _MAGNITUDES:
                # a bare magnitude (接待游客46万): the number of the spec's own unit, at that size
                if target is None:
                    facs[j] = float(_MAGNITUDES[written])
                    continue
                written = written + _split_magnitude(target)[1]
            if written is None or target is None or written == target:
                continue
            try:
                facs[j] = unit_factor(written, target)
            except Exception as exc:  # noqa: BLE001 - UnitError, unknown unit
                bad[j] = True
                why[j] = (iid, str(exc))
        if why:  # every row with a unreadable unit gets its own finding (its report's rules skip it)
            for pos in np.flatnonzero(bad[inv]):
                iid, msg = why[int(inv[pos])]
                problems.append(BuildProblem(iid, rep_labels[rep_codes[pos]], msg, int(keep[pos]), int(rep_codes[pos])))
        f = facs[inv]
        with np.errstate(invalid="ignore"):
            lo = lo * f
            hi = hi * f
        badrow = bad[inv]
        if badrow.any():
            lo = np.where(badrow, np.nan, lo)
            hi = np.where(badrow, np.nan, hi)

    # stretch targets
    stat = col("status")
    st_rows = np.zeros(len(keep), dtype=bool)
    if stat is not None:
        st_rows |= pd.Series(stat, dtype=object).isin(["力争"]).to_numpy(dtype=bool)
    st_rows |= qb.stretch

    # pivot: one scatter per array
    n_ids = len(wanted)
    LO = np.full((n_ids, R), np.nan)
    HI = np.full((n_ids, R), np.nan)
    LC = np.zeros((n_ids, R), dtype=bool)
    HC = np.zeros((n_ids, R), dtype=bool)
    ROW = np.full((n_ids, R), -1, dtype=np.int64)
    ST = np.zeros((n_ids, R), dtype=bool)
    lc = lc & np.isfinite(lo)
    hc = hc & np.isfinite(hi)
    ROW[id_codes, rep_codes] = np.arange(len(keep))
    LO[id_codes, rep_codes] = lo
    HI[id_codes, rep_codes] = hi
    LC[id_codes, rep_codes] = lc
    HC[id_codes, rep_codes] = hc
    ST[id_codes, rep_codes] = st_rows
    # a report × indicator given twice: the scatter kept the last row; a row it overwrote
    # with a different figure is a conflict (issue 16) — neither row is read, and the
    # conflict is a finding naming every row of it. Identical duplicates are harmless.
    conflicts = _conflicts(ROW, id_codes, rep_codes, lo, hi, lc, hc, st_rows, keep)
    for k, r, _rows_of in conflicts:
        LO[k, r] = HI[k, r] = np.nan
        LC[k, r] = HC[k, r] = ST[k, r] = False
        ROW[k, r] = -1
    # the spec's status (力争) applies too: a draft or a --data table may not carry it
    for k, iid in enumerate(wanted):
        inf = info.get(iid)
        if inf is not None and (inf.status == "力争" or has_role(inf.qualifier, Role.STRETCH)):
            ST[k] = True

    arrays = {iid: (LO[k], HI[k], LC[k], HC[k]) for k, iid in enumerate(wanted)}
    rowidx = {iid: ROW[k] for k, iid in enumerate(wanted)}
    stretch = {iid: ST[k] for k, iid in enumerate(wanted) if ST[k].any()}
    rows = _Rows(df, keep)
    for iid in wanted:
        if iid not in info:
            info = {**info, iid: IndicatorInfo(iid)}
    ctx = Context(rep_labels, info, arrays, rows, rowidx, stretch, data_mode)
    # (indicator id, report position, [table row positions]) of every conflicting duplicate
    ctx.conflicts = [(wanted[k], r, pos) for k, r, pos in conflicts]
    # rows per indicator id the table names (from the factorization above): unknown ids are
    # reported without another pass over a million-row column
    ctx.table_ids = dict(zip(map(str, iuniq), np.bincount(np.asarray(icodes)[np.asarray(icodes) >= 0],
                                                          minlength=len(iuniq)).tolist()))
    return ctx, problems


def _same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a == b) | (np.isnan(a) & np.isnan(b))


def _conflicts(ROW, id_codes, rep_codes, lo, hi, lc, hc, st, keep) -> list[tuple[int, int, list[int]]]:
    """Cells (indicator code, report) written by several kept rows that do not say the same thing.

    After the scatter ``ROW`` holds the last row of each cell; a row that is not its cell's
    last is a duplicate. Its figure (interval in the spec's unit, closed ends, stretch) is
    compared with the kept one's: identical duplicates are not conflicts. O(rows), and only
    the duplicated rows are looked at further.
    """
    n = len(id_codes)
    if not n:
        return []
    last = ROW[id_codes, rep_codes]
    over = np.flatnonzero(last != np.arange(n))
    if not len(over):
        return []
    w = last[over]
    with np.errstate(invalid="ignore"):
        same = _same(lo[over], lo[w]) & _same(hi[over], hi[w]) & (lc[over] == lc[w]) & (hc[over] == hc[w]) \
            & (st[over] == st[w])
    bad = over[~same]
    if not len(bad):
        return []
    # every row of a conflicting cell, in table order
    cells = np.unique(np.stack([id_codes[bad], rep_codes[bad]], axis=1), axis=0)
    mark = np.zeros(ROW.shape, dtype=bool)
    mark[cells[:, 0], cells[:, 1]] = True
    rows = np.flatnonzero(mark[id_codes, rep_codes])
    order = np.lexsort((rows, rep_codes[rows], id_codes[rows]))
    rows = rows[order]
    out: list[tuple[int, int, list[int]]] = []
    for k, r, pos in zip(id_codes[rows].tolist(), rep_codes[rows].tolist(), keep[rows].tolist()):
        if out and out[-1][0] == k and out[-1][1] == r:
            out[-1][2].append(pos)
        else:
            out.append((k, r, [pos]))
    return out


def _bool_col(arr, n: int) -> np.ndarray:
    """A nullable boolean column (missing → True: an end is attained unless the table says not)."""
    import pandas as pd

    if arr is None:
        return np.ones(n, dtype=bool)
    if arr.dtype == bool:
        return arr
    return pd.Series(arr).astype("boolean").fillna(True).to_numpy(dtype=bool)
