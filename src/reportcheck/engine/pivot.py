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

#: rows read at a time (float64 temporaries of 8 MB: reused by the allocator, in cache)
_BLOCK = 1 << 20

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
                  data_mode: bool | None = None, codes=None) -> tuple[Context, list[BuildProblem]]:
    """Pivot a long indicator table into a :class:`Context` (one pass, numpy arrays).

    ``table`` has one row per report × indicator: ``id`` (or ``indicator``),
    ``value`` and optionally ``report``, ``unit``, ``lower``/``upper``,
    ``lower_closed``/``upper_closed``, ``qualifier``, ``status``, ``text`` and
    the position columns. Values are converted from the written unit to the
    unit ``info`` declares, once per distinct (indicator, unit).

    ``codes`` (:class:`reportcheck.table.TableCodes`): the label columns factorized
    already (by the table's validation); each column is factorized at most once.
    """
    import pandas as pd

    from reportcheck.table import TableCodes

    df = table
    codes = codes if codes is not None else TableCodes()
    idcol = "id" if "id" in df.columns else "indicator"
    if data_mode is None:
        data_mode = "indicator" in df.columns and "id" not in df.columns
    n_rows = len(df)
    if "report" in df.columns:
        rep_codes, rep_labels = codes.get(df, "report")
        if (rep_codes < 0).any():  # a missing report label: its own report
            rep_labels = np.append(rep_labels, None)
            rep_codes = np.where(rep_codes < 0, len(rep_labels) - 1, rep_codes)
    else:
        rep_codes = np.zeros(n_rows, dtype=np.int64)
        rep_labels = np.array([None], dtype=object)
    R = len(rep_labels)

    wanted = list(dict.fromkeys(ids if ids is not None else info.keys()))
    n_ids = len(wanted)
    # each label column factorized once (by the validation, usually); the few distinct ids looked up
    icodes, iuniq = codes.get(df, idcol)
    lookup = np.append(np.asarray(pd.Index(wanted).get_indexer(pd.Index(iuniq, dtype=object))), -1)
    every = bool((lookup[:-1] >= 0).all())  # every indicator the table names is read

    def column(name, dtype=None):
        c = _column(df, name)
        if c is None:
            return None
        return c.to_numpy(dtype=dtype) if dtype is not None else c.to_numpy()

    values_all = column("value", np.float64)
    bounds = "lower" in df.columns and "upper" in df.columns
    lower_all = column("lower", np.float64) if bounds else None
    upper_all = column("upper", np.float64) if bounds else None
    lc_all = column("lower_closed") if bounds else None
    hc_all = column("upper_closed") if bounds else None
    status_all = column("status")
    qspec = [info[w].qualifier if w in info else None for w in wanted]
    qcodes, qlabels = codes.get(df, "qualifier") if "qualifier" in df.columns else (None, None)
    ucodes, ulabels = codes.get(df, "unit") if "unit" in df.columns else (None, None)
    nu = (len(ulabels) if ulabels is not None else 0) + 1

    def ids_of(a: int, b: int):
        """Kept rows of block [a, b): their indicator codes, reports and table positions."""
        ic = lookup[icodes[a:b]]
        rc = rep_codes[a:b]
        if every and not (ic < 0).any():
            return ic, rc, np.arange(a, b), None
        sel = np.flatnonzero(ic >= 0)
        return ic[sel], rc[sel], sel + a, sel

    # unit conversion: one factor per distinct (indicator, written unit), decided before the
    # rows are read (a small indicators × units table; no sort of a million keys)
    facs = np.ones(n_ids * nu)
    bad = np.zeros(n_ids * nu, dtype=bool)
    why: dict[int, tuple[str, str]] = {}
    if ucodes is not None:
        seen = np.zeros(n_ids * nu, dtype=bool)
        for a in range(0, n_rows, _BLOCK):
            ic, _rc, pos, _sel = ids_of(a, min(a + _BLOCK, n_rows))
            seen[ic.astype(np.int64) * nu + (ucodes[pos] + 1)] = True
        from reportcheck.quantities.units import MAGNITUDES as _MAGNITUDES
        from reportcheck.quantities.units import split_magnitude as _split_magnitude

        for k in np.flatnonzero(seen).tolist():
            iid = wanted[k // nu]
            uc = k % nu - 1
            written = None if uc < 0 else ulabels[uc]
            target = info[iid].unit if iid in info else None
            if written is not None and written in _MAGNITUDES:
                # a bare magnitude (接待游客46万): the number of the spec's own unit, at that size
                if target is None:
                    facs[k] = float(_MAGNITUDES[written])
                    continue
                written = written + _split_magnitude(target)[1]
            if written is None or target is None or written == target:
                continue
            try:
                facs[k] = unit_factor(written, target)
            except Exception as exc:  # noqa: BLE001 - UnitError, unknown unit
                bad[k] = True
                why[k] = (iid, str(exc))

    def block(a: int, b: int):
        """The figures of the kept rows of block [a, b): intervals in the spec's unit, flags."""
        ic, rc, pos, _sel = ids_of(a, b)
        values = values_all[pos]
        if qcodes is None:  # the spec's qualifier of each indicator (by its code)
            qb = qualifier_bounds(values, qspec, codes=ic)
        else:  # the table's own words: each distinct one read once (blank / NA: no qualifier)
            qb = qualifier_bounds(values, list(qlabels), codes=qcodes[pos])
        if bounds:
            lo, hi = lower_all[pos], upper_all[pos]
            lo = np.where(np.isnan(lo), values, lo)
            hi = np.where(np.isnan(hi), values, hi)
            lc = _bool_col(lc_all[pos] if lc_all is not None else None, len(pos))
            hc = _bool_col(hc_all[pos] if hc_all is not None else None, len(pos))
        else:
            lo, hi, lc, hc = qb.lower, qb.upper, qb.lower_closed, qb.upper_closed
        # declines written as a positive value with a decline qualifier count as negative changes
        flip = qb.decline & (values > 0)
        if flip.any():
            lo, hi = np.where(flip, -hi, lo), np.where(flip, -lo, hi)
            lc, hc = np.where(flip, hc, lc), np.where(flip, lc, hc)
        badrow = None
        if ucodes is not None:
            key = ic.astype(np.int64) * nu + (ucodes[pos] + 1)
            f = facs[key]
            with np.errstate(invalid="ignore"):
                lo = lo * f
                hi = hi * f
            if why:
                badrow = bad[key]
                if badrow.any():
                    lo = np.where(badrow, np.nan, lo)
                    hi = np.where(badrow, np.nan, hi)
        st = qb.stretch
        if status_all is not None:  # stretch targets
            st = st | pd.Series(status_all[pos], dtype=object).isin(["力争"]).to_numpy(dtype=bool)
        return ic, rc, pos, lo, hi, lc & np.isfinite(lo), hc & np.isfinite(hi), st, badrow

    # pivot: the rows read block by block (temporaries stay small and are reused by the
    # allocator: a million-row table is not turned into dozens of full-length arrays), one
    # scatter per array and block
    problems: list[BuildProblem] = []
    LO = np.full((n_ids, R), np.nan)
    HI = np.full((n_ids, R), np.nan)
    LC = np.zeros((n_ids, R), dtype=bool)
    HC = np.zeros((n_ids, R), dtype=bool)
    ROW = np.full((n_ids, R), -1, dtype=np.int64)  # the table position of each figure
    ST = np.zeros((n_ids, R), dtype=bool)
    for a in range(0, n_rows, _BLOCK):
        ic, rc, pos, lo, hi, lc, hc, st, badrow = block(a, min(a + _BLOCK, n_rows))
        if badrow is not None and badrow.any():
            # every row with an unreadable unit gets its own finding (its report's rules skip it)
            for j in np.flatnonzero(badrow).tolist():
                iid, msg = why[int(ic[j]) * nu + int(ucodes[pos[j]]) + 1]
                problems.append(BuildProblem(iid, rep_labels[rc[j]], msg, int(pos[j]), int(rc[j])))
        ROW[ic, rc] = pos
        LO[ic, rc] = lo
        HI[ic, rc] = hi
        LC[ic, rc] = lc
        HC[ic, rc] = hc
        ST[ic, rc] = st
    # a report × indicator given twice: the scatter kept the last row; a row it overwrote
    # with a different figure is a conflict (issue 16) — neither row is read, and the
    # conflict is a finding naming every row of it. Identical duplicates are harmless.
    conflicts = _conflicts(ROW, LO, HI, LC, HC, ST, n_rows, ids_of, block)
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
    rows = _Rows(df, None, codes)  # ROW holds table positions; text columns read through their codes
    for iid in wanted:
        if iid not in info:
            info = {**info, iid: IndicatorInfo(iid)}
    ctx = Context(rep_labels, info, arrays, rows, rowidx, stretch, data_mode)
    # (indicator id, report position, [table row positions]) of every conflicting duplicate
    ctx.conflicts = [(wanted[k], r, pos) for k, r, pos in conflicts]
    # rows per indicator id the table names (from the factorization above): unknown ids are
    # reported without another pass over a million-row column
    ctx.table_ids = dict(zip(map(str, iuniq), np.bincount(icodes[icodes >= 0], minlength=len(iuniq)).tolist()))
    return ctx, problems


def _same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a == b) | (np.isnan(a) & np.isnan(b))


def _conflicts(ROW, LO, HI, LC, HC, ST, n_rows: int, ids_of, block) -> list[tuple[int, int, list[int]]]:
    """Cells (indicator code, report) written by several rows that do not say the same thing.

    After the scatter ``ROW`` holds the last row of each cell; a row that is not its cell's
    last is a duplicate. Its figure (interval in the spec's unit, closed ends, stretch) is
    compared with the kept one's: identical duplicates are not conflicts. One pass over the
    codes; a block's figures are read again only when it holds a duplicate.
    """
    bad_cells = []
    for a in range(0, n_rows, _BLOCK):
        b = min(a + _BLOCK, n_rows)
        ic, rc, pos, _sel = ids_of(a, b)
        over = np.flatnonzero(ROW[ic, rc] != pos)
        if not len(over):
            continue
        ic, rc, pos, lo, hi, lc, hc, st, _bad = block(a, b)
        i, r = ic[over], rc[over]
        with np.errstate(invalid="ignore"):
            same = _same(lo[over], LO[i, r]) & _same(hi[over], HI[i, r]) & (lc[over] == LC[i, r]) \
                & (hc[over] == HC[i, r]) & (st[over] == ST[i, r])
        if not same.all():
            bad_cells.append(np.stack([i[~same], r[~same]], axis=1))
    if not bad_cells:
        return []
    cells = np.unique(np.concatenate(bad_cells), axis=0)
    mark = np.zeros(ROW.shape, dtype=bool)
    mark[cells[:, 0], cells[:, 1]] = True
    found = []  # every row of a conflicting cell: (indicator code, report, table position)
    for a in range(0, n_rows, _BLOCK):  # the kept row of a cell may be in a block without duplicates
        ic, rc, pos, _sel = ids_of(a, min(a + _BLOCK, n_rows))
        m = np.flatnonzero(mark[ic, rc])
        found.append(np.stack([ic[m], rc[m], pos[m]], axis=1))
    rows = np.concatenate(found)
    rows = rows[np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0]))]
    out: list[tuple[int, int, list[int]]] = []
    for k, r, p in rows.tolist():
        if out and out[-1][0] == k and out[-1][1] == r:
            out[-1][2].append(p)
        else:
            out.append((k, r, [p]))
    return out


def _bool_col(arr, n: int) -> np.ndarray:
    """A nullable boolean column (missing → True: an end is attained unless the table says not)."""
    import pandas as pd

    if arr is None:
        return np.ones(n, dtype=bool)
    if arr.dtype == bool:
        return arr
    return pd.Series(arr).astype("boolean").fillna(True).to_numpy(dtype=bool)
