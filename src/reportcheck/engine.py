"""The rule engine: decide every rule of a spec for every report of an indicator table at once.

``check(spec)`` binds a spec to its document (or to a draft given as ``text=``),
validates the indicator table and evaluates the rules; ``check(table, spec)``
evaluates a spec's rules over a long table of many reports (``--data``).

The evaluation core is vectorised:

1. :func:`build_context` pivots the long indicator table (one row per report ×
   indicator) **once** into float64 numpy arrays per indicator — lower, upper,
   and whether each end is attained — converted to the unit the spec declares
   (one pint factor per distinct unit, not per row);
2. each rule kind's ``evaluate(params, ctx)`` decides its rule for all reports
   in a few numpy operations (no Python loop over reports) and returns an
   :class:`~reportcheck.rules.base.Outcome` of three-valued verdicts;
3. only reports that get a finding go through Python again, to build the
   message, the cited figures and the likely slip (:mod:`reportcheck.diagnose`).

Verdicts → severities: a rule that fails under the formal reading of every
figure gets the rule's severity (error unless the spec overrides it); one that
fails only under the "just passed" reading of open bounds (突破1.6万 = a little
above 1.6万) or a plausibility band is a warning; undetermined (it depends on
rounding) is at most info; a stretch target (力争) is never an error.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from reportcheck.findings import Category, FigureRef, Finding, Result, Severity
from reportcheck.rules import vec
from reportcheck.rules.base import Outcome, RuleKind, RuleParams, fmt

# statuses of a rule × report
ST_NA = np.int8(-1)  # not applicable: a figure it needs is missing
ST_PASS = np.int8(0)
ST_FAIL = np.int8(1)
ST_TIGHT = np.int8(2)  # fails only under the just-passed reading / a plausibility band
ST_UNDET = np.int8(3)
ST_STRETCH = np.int8(4)  # a coherent stretch target: an info with the implied range
STATUS_NAMES = {-1: "n/a", 0: "pass", 1: "fail", 2: "tight", 3: "undetermined", 4: "stretch"}

_LOWER_OPEN = ("突破", "超过", "逾", "多", "余", "过", "高于")
_LOWER_CLOSED = ("以上", "不低于", "至少")
_UPPER_OPEN = ("不到", "近", "不足", "低于")
_UPPER_CLOSED = ("以下", "以内", "不超过", "至多")
_STRETCH = ("力争", "争取", "冲刺")
_DECLINE = ("下降", "减少", "降低", "下滑", "回落", "下跌")
_SUFFIX_WORDS = ("以上", "以下", "左右", "以内", "多", "余")
_PERCENTLIKE = ("%", "％", "个百分点", "pp", "percent")

#: the "just passed" reading of an open bound: within this relative band of the bound …
TIGHT_REL = 0.10
#: … or, for figures in % or 个百分点, this many points
TIGHT_POINTS = 1.0


# ----------------------------------------------------------------------------------------
# indicator metadata (from a spec, or inferred from a table)
# ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorInfo:
    id: str
    unit: str | None = None
    name: str | None = None
    kind: str | None = None
    qualifier: str | None = None
    status: str | None = None
    value: float | None = None  # the spec's canonical value (as written, in ``unit``)


def spec_indicators(spec: Any) -> dict[str, IndicatorInfo]:
    out: dict[str, IndicatorInfo] = {}
    for ind in getattr(spec, "indicators", ()) or ():
        get = ind.get if isinstance(ind, dict) else (lambda k, d=None, _i=ind: getattr(_i, k, d))
        v = get("value")
        out[get("id")] = IndicatorInfo(
            id=get("id"), unit=get("unit"), name=get("name"), kind=_s(get("kind")),
            qualifier=get("qualifier"), status=get("status"),
            value=None if v is None else float(v),
        )
    return out


def _s(x):
    return getattr(x, "value", x)


# ----------------------------------------------------------------------------------------
# compiled rules
# ----------------------------------------------------------------------------------------
@dataclass
class CompiledRule:
    id: str
    kind: RuleKind
    params: RuleParams
    severity: Severity
    rationale: str | None
    references: list[str]
    line: int | None = None


def compile_rules(spec: Any, indicators: dict[str, IndicatorInfo] | None = None) -> list[CompiledRule]:
    """The spec's rules as (kind, validated Params); a SpecError lists every problem."""
    from reportcheck import rules as rules_pkg
    from reportcheck.errors import Problem, SpecError

    file = str(getattr(spec, "path", None) or "<spec>")
    units = {k: v.unit for k, v in (indicators or {}).items()} or None
    out: list[CompiledRule] = []
    problems: list[Problem] = []
    for rule in getattr(spec, "rules", ()) or ():
        if isinstance(rule, RuleParams):
            params, kind_name, line, sev, rat = rule, rule.kind, None, rule.severity, rule.rationale
        elif isinstance(rule, dict):
            params, kind_name, line, sev, rat = None, rule.get("kind"), None, rule.get("severity"), rule.get("rationale")
        else:
            params, kind_name = getattr(rule, "params", None), getattr(rule, "kind", None)
            line, sev, rat = getattr(rule, "line", None), getattr(rule, "severity", None), getattr(rule, "rationale", None)
        kind = rules_pkg.get(kind_name) if isinstance(kind_name, str) else None
        if kind is None:
            problems.append(Problem(file, line, f"rule {_rid(rule)!r}: unknown rule kind {kind_name!r}"))
            continue
        if not isinstance(params, kind.Params):
            data = rule if isinstance(rule, dict) else (getattr(rule, "fields", None) or
                                                        (params.model_dump() if hasattr(params, "model_dump") else {}))
            try:
                params = kind.parse(dict(data), units)
            except Exception as exc:  # noqa: BLE001 - pydantic's ValidationError, a kind's ValueError
                problems.append(Problem(file, line, f"rule {_rid(rule)!r}: {_one_line(exc)}"))
                continue
        elif units is not None:
            try:
                kind.parse(params.model_dump(exclude_unset=True), units)
            except Exception as exc:  # noqa: BLE001
                problems.append(Problem(file, line, f"rule {params.id!r}: {_one_line(exc)}"))
                continue
        sev = sev or params.severity or kind.default_severity
        out.append(CompiledRule(params.id, kind, params, Severity(sev), rat or params.rationale,
                                list(kind.references(params)), line))
    if problems:
        raise SpecError(problems)
    return out


def _rid(rule) -> str:
    if isinstance(rule, dict):
        return str(rule.get("id"))
    return str(getattr(rule, "id", "?"))


def _one_line(exc: BaseException) -> str:
    s = str(exc)
    try:
        from pydantic import ValidationError

        if isinstance(exc, ValidationError):
            s = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
    except Exception:  # noqa: BLE001
        pass
    return " ".join(s.split())


# ----------------------------------------------------------------------------------------
# the evaluation context
# ----------------------------------------------------------------------------------------
class Context:
    """Every indicator a spec's rules need, for every report, as float64 arrays.

    ``iv(id)`` gives the formal intervals (in the spec's unit), ``tight(id)`` the
    "just passed" reading of open bounds. Missing figures are NaN (``present``).
    """

    def __init__(self, reports: np.ndarray, info: dict[str, IndicatorInfo], arrays: dict[str, tuple],
                 rows: np.ndarray | None, rowidx: dict[str, np.ndarray], stretch: dict[str, np.ndarray],
                 data_mode: bool = False):
        self.reports = reports
        self.n = len(reports)
        self.info = info
        self._arrays = arrays  # id → (lo, hi, lc, hc) in the spec unit
        self._rows = rows  # structured records of the table rows (for FigureRefs), or None
        self._rowidx = rowidx  # id → int row index per report (-1: missing)
        self._stretch = stretch
        self.data_mode = data_mode
        self._tight_cache: dict[str, vec.IV] = {}
        self._text_cache: dict[tuple[str, int], str] = {}  # messages cite a figure several times
        self._written_cache: dict[tuple[str, int], str] = {}
        self._ref_cache: dict[tuple[str, int], FigureRef] = {}  # FigureRef is frozen: shared safely
        self._row_cache: dict[tuple[str, int], dict | None] = {}
        self.table_ids: dict[str, int] = {}  # indicator id → rows in the table (build_context)

    # -- what rules read ------------------------------------------------------------------
    def unit(self, id: str) -> str | None:
        i = self.info.get(id)
        return i.unit if i else None

    def _raw(self, id: str) -> vec.IV:
        a = self._arrays.get(id)
        if a is None:
            nan = np.full(self.n, np.nan)
            f = np.zeros(self.n, dtype=bool)
            return vec.IV(nan, nan.copy(), f, f.copy())
        return vec.IV(*a)

    def _convert(self, iv: vec.IV, id: str, unit: str | None) -> vec.IV:
        src = self.unit(id)
        if unit is None or src is None or unit == src:
            return iv
        f = _factor(src, unit)
        return iv * f

    def iv(self, id: str, unit: str | None = None) -> vec.IV:
        return self._convert(self._raw(id), id, unit)

    def tight(self, id: str, unit: str | None = None) -> vec.IV:
        t = self._tight_cache.get(id)
        if t is None:
            t = _tight(self._raw(id), self.unit(id))
            self._tight_cache[id] = t
        return self._convert(t, id, unit)

    def present(self, id: str) -> np.ndarray:
        return self._raw(id).present

    def present_at(self, id: str, r: int) -> bool:
        a = self._arrays.get(id)
        return a is not None and not (np.isnan(a[0][r]) or np.isnan(a[1][r]))

    def stretch(self, id: str) -> np.ndarray:
        s = self._stretch.get(id)
        return s if s is not None else np.zeros(self.n, dtype=bool)

    # -- what messages and findings read (one report at a time) --------------------------
    def row(self, id: str, r: int) -> dict | None:
        key = (id, r)
        try:
            return self._row_cache[key]  # text, written words and the FigureRef each read the row
        except KeyError:
            pass
        idx = self._rowidx.get(id)
        k = -1 if idx is None or self._rows is None else int(idx[r])
        row = self._row_cache[key] = self._rows[k] if k >= 0 else None  # type: ignore[index]
        return row

    def text(self, id: str, r: int) -> str:
        key = (id, r)
        t = self._text_cache.get(key)
        if t is None:
            t = self._text_cache[key] = self._text(id, r)
        return t

    def _text(self, id: str, r: int) -> str:
        row = self.row(id, r)
        if row is not None:
            t = row.get("text")
            if isinstance(t, str) and t:
                return t
            v, u = row.get("value"), row.get("unit")
            if v is not None and not _isnan(v):
                return f"{fmt(float(v))}{u if isinstance(u, str) else ''}"
        a = self._raw(id)
        if not a.present[r]:
            return "(missing)"
        lo, hi = a.lo[r], a.hi[r]
        u = self.unit(id) or ""
        if lo == hi:
            return f"{fmt(lo)}{u}"
        return f"{fmt(lo)}–{fmt(hi)}{u}"

    def name(self, id: str) -> str:
        i = self.info.get(id)
        return (i.name if i and i.name else id)

    def label(self, id: str, r: int) -> str:
        """Name and figure with its bounding words, for messages: 一般公共预算收入 突破500亿元."""
        return f"{self.name(id)} {self.written(id, r)}"

    def written(self, id: str, r: int) -> str:
        key = (id, r)
        w = self._written_cache.get(key)
        if w is None:
            w = self._written_cache[key] = self._written(id, r)
        return w

    def _written(self, id: str, r: int) -> str:
        t = self.text(id, r)
        row = self.row(id, r)
        q = row.get("qualifier") if row is not None else None
        if not isinstance(q, str):
            i = self.info.get(id)
            q = i.qualifier if i is not None else None
        if not isinstance(q, str) or not q:
            return t
        words = [w for w in q.split("+") if w and w not in t]
        before = [w for w in words if w not in _SUFFIX_WORDS and w not in _DECLINE]
        after = [w for w in words if w in _SUFFIX_WORDS]
        return "".join(before) + t + "".join(after)

    def ref(self, id: str, r: int) -> FigureRef:
        key = (id, r)
        f = self._ref_cache.get(key)
        if f is None:
            f = self._ref_cache[key] = self._ref(id, r)
        return f

    def _ref(self, id: str, r: int) -> FigureRef:
        row = self.row(id, r) or {}
        report = str(self.reports[r]) if self.data_mode and self.reports[r] is not None else None
        value = row.get("value")
        if value is None or _isnan(value):
            value = None
        elif float(value).is_integer():
            value = int(value)
        unit = row.get("unit")
        return FigureRef(
            indicator=id,
            text=row.get("text") if isinstance(row.get("text"), str) else (self.text(id, r) if row else None),
            value=value,
            unit=unit if isinstance(unit, str) else None,
            file=_opt_str(row.get("file")),
            line=_opt_int(row.get("line")),
            column=_opt_int(row.get("column")),
            end_line=_opt_int(row.get("end_line")),
            end_column=_opt_int(row.get("end_column")),
            report=report,
        )

    # -- derived contexts (diagnosis) ------------------------------------------------------
    def take(self, idx: np.ndarray, ids: Iterable[str] | None = None) -> "Context":
        """The reports at ``idx`` (repeats allowed); only the indicators ``ids`` if given."""
        keep = set(ids) if ids is not None else None
        arrays = {k: tuple(x[idx] for x in v) for k, v in self._arrays.items() if keep is None or k in keep}
        rowidx = {k: v[idx] for k, v in self._rowidx.items() if keep is None or k in keep}
        stretch = {k: v[idx] for k, v in self._stretch.items() if keep is None or k in keep}
        return Context(self.reports[idx], self.info, arrays, self._rows, rowidx, stretch, self.data_mode)

    def replace(self, id: str, iv: vec.IV) -> "Context":
        """A context of the same reports with one indicator's intervals replaced (spec unit)."""
        arrays = dict(self._arrays)
        arrays[id] = (iv.lo, iv.hi, iv.lc, iv.hc)
        c = Context(self.reports, self.info, arrays, self._rows, self._rowidx, self._stretch, self.data_mode)
        return c


def _isnan(x) -> bool:
    try:
        return x is None or (isinstance(x, float) and math.isnan(x)) or bool(x != x)
    except (TypeError, ValueError):
        return False


def _opt_int(x) -> int | None:
    if x is None or _isnan(x):
        return None
    try:
        return int(x)
    except (TypeError, ValueError):
        return None


def _opt_str(x) -> str | None:
    return x if isinstance(x, str) and x else None


_FACTORS: dict[tuple, float] = {}


def _factor(src: str | None, dst: str | None) -> float:
    key = (src, dst)
    f = _FACTORS.get(key)
    if f is None:
        from reportcheck.quantities.units import factor

        f = float(factor(src, dst))
        _FACTORS[key] = f
    return f


def _percentlike(unit: str | None) -> bool:
    return unit in _PERCENTLIKE


def _tight(a: vec.IV, unit: str | None) -> vec.IV:
    """The just-passed reading: an open-ended bound is read as a little past its figure."""
    with np.errstate(invalid="ignore"):
        if _percentlike(unit):
            band_hi = np.full(len(a), TIGHT_POINTS)
            band_lo = band_hi
        else:
            band_hi = np.abs(a.lo) * TIGHT_REL
            band_lo = np.abs(a.hi) * TIGHT_REL
        up_open = np.isinf(a.hi) & np.isfinite(a.lo)
        lo_open = np.isinf(a.lo) & np.isfinite(a.hi)
        hi = np.where(up_open, a.lo + band_hi, a.hi)
        lo = np.where(lo_open, a.hi - band_lo, a.lo)
    return vec.IV(lo, hi, a.lc | lo_open, a.hc | up_open)


# ----------------------------------------------------------------------------------------
# building the context from a long table
# ----------------------------------------------------------------------------------------
def _column(df, name, default=None):
    return df[name] if name in df.columns else default


def _qualifier_bounds(values: np.ndarray, quals: np.ndarray) -> tuple:
    """Intervals from values and qualifiers when a table has no lower/upper (``--data``)."""
    lo = values.copy()
    hi = values.copy()
    lc = np.ones(len(values), dtype=bool)
    hc = np.ones(len(values), dtype=bool)
    for q in set(x for x in quals if isinstance(x, str)):
        m = quals == q
        if any(w in q for w in _LOWER_CLOSED):
            hi[m] = np.inf
        elif any(w in q for w in _LOWER_OPEN):
            hi[m] = np.inf
            lc[m] = False
        elif any(w in q for w in _UPPER_CLOSED):
            lo[m] = -np.inf
        elif any(w in q for w in _UPPER_OPEN):
            lo[m] = -np.inf
            hc[m] = False
    return lo, hi, lc, hc


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
    quals_from_spec = quals is None
    if quals is None:
        quals = qspec[id_codes]
    else:
        quals = np.asarray(quals, dtype=object)
    if "lower" in df.columns and "upper" in df.columns:
        lo = col("lower", np.float64)
        hi = col("upper", np.float64)
        lo = np.where(np.isnan(lo), values, lo)
        hi = np.where(np.isnan(hi), values, hi)
        lc = _bool_col(col("lower_closed"), len(keep))
        hc = _bool_col(col("upper_closed"), len(keep))
    elif quals_from_spec and len(keep):
        # qualifiers are the spec's, one per indicator: decide each end once per indicator
        ones = np.ones(len(wanted) + 1)
        lo_i, hi_i, lc_i, hc_i = _qualifier_bounds(ones, qspec)
        lo = np.where(np.isinf(lo_i[id_codes]), -np.inf, values)
        hi = np.where(np.isinf(hi_i[id_codes]), np.inf, values)
        lc, hc = lc_i[id_codes], hc_i[id_codes]
    else:
        lo, hi, lc, hc = _qualifier_bounds(values, np.asarray(quals, dtype=object))

    # declines written as a positive value with a decline qualifier count as negative changes
    if quals is not None and len(keep):
        dec = _flag(qspec, _DECLINE)[id_codes] if quals_from_spec else _flag(quals, _DECLINE)
        flip = dec & (values > 0)
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
                facs[j] = _factor(written, target)
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
    if quals is not None and len(keep):
        st_rows |= _flag(quals, _STRETCH)

    # pivot: one scatter per array (last row wins for a duplicated report × indicator)
    n_ids = len(wanted)
    LO = np.full((n_ids, R), np.nan)
    HI = np.full((n_ids, R), np.nan)
    LC = np.zeros((n_ids, R), dtype=bool)
    HC = np.zeros((n_ids, R), dtype=bool)
    ROW = np.full((n_ids, R), -1, dtype=np.int64)
    ST = np.zeros((n_ids, R), dtype=bool)
    LO[id_codes, rep_codes] = lo
    HI[id_codes, rep_codes] = hi
    LC[id_codes, rep_codes] = lc & np.isfinite(lo)
    HC[id_codes, rep_codes] = hc & np.isfinite(hi)
    ROW[id_codes, rep_codes] = np.arange(len(keep))
    ST[id_codes, rep_codes] = st_rows
    # the spec's status (力争) applies too: a draft or a --data table may not carry it
    for k, iid in enumerate(wanted):
        inf = info.get(iid)
        if inf is not None and (inf.status == "力争" or (inf.qualifier and any(w in inf.qualifier for w in _STRETCH))):
            ST[k] = True

    arrays = {iid: (LO[k], HI[k], LC[k], HC[k]) for k, iid in enumerate(wanted)}
    rowidx = {iid: ROW[k] for k, iid in enumerate(wanted)}
    stretch = {iid: ST[k] for k, iid in enumerate(wanted) if ST[k].any()}
    rows = _Rows(df, keep)
    for iid in wanted:
        if iid not in info:
            info = {**info, iid: IndicatorInfo(iid)}
    ctx = Context(rep_labels, info, arrays, rows, rowidx, stretch, data_mode)
    # rows per indicator id the table names (from the factorization above): unknown ids are
    # reported without another pass over a million-row column
    ctx.table_ids = dict(zip(map(str, iuniq), np.bincount(np.asarray(icodes)[np.asarray(icodes) >= 0],
                                                          minlength=len(iuniq)).tolist()))
    return ctx, problems


def _flag(quals: np.ndarray, words: tuple[str, ...]) -> np.ndarray:
    """Per row: does the qualifier contain one of ``words``? (decided once per distinct qualifier)"""
    import pandas as pd

    codes, uniq = pd.factorize(pd.Series(quals, dtype=object), sort=False)
    per = np.array([isinstance(q, str) and any(w in q for w in words) for q in uniq] + [False], dtype=bool)
    return per[np.asarray(codes)]  # code -1 (missing) picks the trailing False


def _bool_col(arr, n: int) -> np.ndarray:
    """A nullable boolean column (missing → True: an end is attained unless the table says not)."""
    import pandas as pd

    if arr is None:
        return np.ones(n, dtype=bool)
    if arr.dtype == bool:
        return arr
    return pd.Series(arr).astype("boolean").fillna(True).to_numpy(dtype=bool)


class _Coded:
    """A factorized column: ``a[pos]`` is its label (None for a missing value)."""

    __slots__ = ("codes", "labels")

    def __init__(self, codes: np.ndarray, labels: list):
        self.codes = codes
        self.labels = labels  # the last entry (code -1) is None

    def __getitem__(self, pos: int):
        return self.labels[self.codes[pos]]


class _Rows:
    """Lazy access to table rows (by position among the kept rows), for messages and FigureRefs."""

    _FIELDS = ("text", "value", "unit", "file", "line", "column", "end_line", "end_column", "qualifier")

    def __init__(self, df, keep: np.ndarray):
        self._df = df
        self._keep = keep
        self._names = [c for c in self._FIELDS if c in df.columns]
        self._arrays: dict[str, Any] = {}  # column → array, on first use
        self._cols: list[tuple[str, Any]] | None = None  # (name, array) of every field, once read
        self._cache: dict[int, dict] = {}  # rows already read (messages read a row several times)

    def _array(self, c: str):
        a = self._arrays.get(c)
        if a is None:
            import pandas as pd

            s = self._df[c]
            # never copy a whole column to Python objects (a million-row table): float64 and
            # int64 columns are read in place, few-valued text (units, qualifiers) through its
            # codes, others (texts, nullable ints) element by element
            if s.dtype in (np.float64, np.int64):
                a = s.to_numpy()
            else:
                a = s.array
                if s.dtype == object or isinstance(s.dtype, pd.StringDtype):
                    codes, uniq = pd.factorize(s, sort=False)
                    if len(uniq) <= max(1000, len(s) // 100):
                        a = _Coded(np.asarray(codes), [*uniq.tolist(), None])
            self._arrays[c] = a
        return a

    def __getitem__(self, k: int) -> dict:
        out = self._cache.get(k)
        if out is not None:
            return out  # read-only for callers (messages, FigureRefs, diagnosis)
        pos = int(self._keep[k])
        out = {}
        for c, a in self._columns():
            v = a[pos]
            if v is not None and _is_na(v):
                v = None
            elif isinstance(v, np.generic):
                v = v.item()
            out[c] = v
        self._cache[k] = out
        return out

    def _columns(self) -> list[tuple[str, Any]]:
        if self._cols is None:
            self._cols = [(c, self._array(c)) for c in self._names]
        return self._cols


def _is_na(v) -> bool:
    if isinstance(v, float):
        return v != v
    if isinstance(v, (str, int, bool, np.integer, np.bool_)):
        return False
    import pandas as pd

    try:
        r = pd.isna(v)
    except (TypeError, ValueError):
        return False
    return bool(r) if not hasattr(r, "__len__") else False


# ----------------------------------------------------------------------------------------
# evaluation
# ----------------------------------------------------------------------------------------
@dataclass
class RuleRun:
    rule: CompiledRule
    outcome: Outcome | None
    status: np.ndarray  # ST_* per report
    error: str | None = None


def statuses(outcome: Outcome) -> np.ndarray:
    F = outcome.verdict
    T = outcome.tight if outcome.tight is not None else F
    st = np.where(F == vec.FAIL, ST_FAIL,
                  np.where(T == vec.FAIL, ST_TIGHT,
                           np.where((F == vec.PASS) | (T == vec.PASS), ST_PASS, ST_UNDET))).astype(np.int8)
    if outcome.stretch is not None:
        st = np.where(outcome.stretch & (st == ST_PASS), ST_STRETCH, st).astype(np.int8)
    return np.where(outcome.applicable, st, ST_NA).astype(np.int8)


def run_rules(rules: list[CompiledRule], ctx: Context) -> list[RuleRun]:
    runs = []
    for rule in rules:
        try:
            out = rule.kind.evaluate(rule.params, ctx)
        except Exception as exc:  # noqa: BLE001 - one broken rule must not hide the others
            from reportcheck.quantities.units import UnitError

            if isinstance(exc, (UnitError, ValueError, ZeroDivisionError)):
                runs.append(RuleRun(rule, None, np.full(ctx.n, ST_NA, dtype=np.int8), _one_line(exc)))
                continue
            raise
        runs.append(RuleRun(rule, out, statuses(out)))
    return runs


def evaluate(rules: list[CompiledRule], ctx: Context, *, diagnose: bool = True,
             max_diagnosed: int = 1000) -> Result:
    """Decide every rule for every report of ``ctx``; findings for the ones that do not pass.

    The decisions are made here, all of them; the findings' messages, cited
    figures and likely slips are written when :attr:`Result.findings` is first
    read (:class:`Evaluation`).
    """
    runs = run_rules(rules, ctx)
    ev = Evaluation(runs, ctx, diagnose=diagnose, max_diagnosed=max_diagnosed)
    result = Result(checks=ev.checks, passed=ev.passed)
    result.add_findings(ev)
    result.add_rules(ev.rule_list)
    result.add_verdicts(ev.verdicts)
    return result


# severity codes of a (report, rule) decision: index into _SEVERITIES; -1 for none
_SEVERITIES = (Severity.INFO, Severity.WARNING, Severity.ERROR)
_SEV_CODE = {s: i for i, s in enumerate(_SEVERITIES)}
# Finding.verdict (and the verdicts() column) of each status, indexed by status + 1
_VERDICT_OF_STATUS = ("n/a", "pass", "fail", "warn", "undetermined", "warn")


def severity_codes(rule: CompiledRule, out: Outcome | None, status: np.ndarray) -> np.ndarray:
    """The severity of each report's finding (-1 where the rule passes or does not apply).

    A failure gets the rule's severity — an error demoted to a warning for a stretch
    target; a failure under the just-passed reading only is at most a warning; an
    undetermined verdict or a coherent stretch is an info.
    """
    n = len(status)
    if out is None:
        return np.full(n, -1, dtype=np.int8)
    sev = rule.severity
    stretch = out.stretch if out.stretch is not None else np.zeros(n, dtype=bool)
    own = _SEV_CODE[sev]
    demoted = _SEV_CODE[Severity.WARNING] if sev is Severity.ERROR else own
    fail = np.where(stretch, demoted, own)
    return np.select(
        [status == ST_FAIL, status == ST_TIGHT, (status == ST_UNDET) | (status == ST_STRETCH)],
        [fail, demoted, _SEV_CODE[Severity.INFO]], default=-1).astype(np.int8)


class Evaluation:
    """The rule findings of one evaluation: counted now, written out when first read.

    Writing a finding (its message, the figures it cites, the likely slip) costs
    tens of microseconds of Python; a table of 10,000 reports can give tens of
    thousands. Counts and :meth:`verdicts` come from the status arrays; the
    :class:`Finding` objects are made once, by :meth:`materialise`, in rule order.
    """

    def __init__(self, runs: list[RuleRun], ctx: Context, *, diagnose: bool, max_diagnosed: int):
        # runs and ctx (the table's arrays, the rules' closures) are kept only until the
        # findings are written; counts, verdicts and the rule list need just these:
        self.runs: list[RuleRun] | None = runs
        self.ctx: Context | None = ctx
        self.rules = [run.rule for run in runs]
        self.statuses = [run.status for run in runs]
        self.evaluated = [run.outcome is not None for run in runs]
        self.n, self.data_mode, self.reports = ctx.n, ctx.data_mode, ctx.reports
        self._made: list[Finding] | None = None
        self.diagnose = diagnose
        self.max_diagnosed = max_diagnosed
        self.codes = [severity_codes(run.rule, run.outcome, run.status) for run in runs]
        counts = np.zeros(len(_SEVERITIES), dtype=np.int64)
        self.checks = self.passed = 0
        fail_any = np.zeros(ctx.n, dtype=bool)
        for run, codes in zip(runs, self.codes):
            if run.outcome is None:
                counts[_SEV_CODE[Severity.ERROR]] += 1  # "cannot be evaluated"
                continue
            counts += np.bincount(codes[codes >= 0], minlength=len(_SEVERITIES))
            self.checks += int((run.status != ST_NA).sum())
            self.passed += int((run.status == ST_PASS).sum())
            fail_any |= (run.status == ST_FAIL) | (run.status == ST_TIGHT)
        self.failing_reports = np.flatnonzero(fail_any)
        self.truncated = diagnose and len(self.failing_reports) > max_diagnosed
        if self.truncated:
            counts[_SEV_CODE[Severity.INFO]] += 1  # the "diagnosis" note
        self._counts = {s: int(counts[i]) for i, s in enumerate(_SEVERITIES)}
        self._labels: list[str | None] | None = None

    def count(self, severity: Severity) -> int:
        return self._counts[severity]

    def labels(self) -> list[str | None]:
        if self._labels is None:
            self._labels = [None if x is None else str(x) for x in self.reports]
        return self._labels

    def rule_list(self) -> list[tuple[str, str, str | None]]:
        """(rule id, kind, report) of every applicable decision (reporters list passing rules)."""
        out: list[tuple[str, str, str | None]] = []
        for rule, status, evaluated in zip(self.rules, self.statuses, self.evaluated):
            if not evaluated:
                continue
            applicable = status != ST_NA
            rid, kname = rule.id, rule.kind.name
            if self.data_mode or self.n > 1:
                labels = self.labels()
                out.extend([(rid, kname, labels[r]) for r in np.flatnonzero(applicable).tolist()])
            elif applicable.any():
                out.append((rid, kname, None))
        return out

    def verdicts(self):
        import pandas as pd

        n, k, rules = self.n, len(self.rules), self.rules
        status = np.concatenate(self.statuses) if k else np.zeros(0, dtype=np.int8)
        codes = np.concatenate(self.codes) if k else np.zeros(0, dtype=np.int8)
        rule_codes = np.repeat(np.arange(k), n)
        reports = np.empty(n, dtype=object)
        reports[:] = self.labels() if self.data_mode else [None] * n
        verdict_names = list(dict.fromkeys(_VERDICT_OF_STATUS))
        vcode = np.array([verdict_names.index(v) for v in _VERDICT_OF_STATUS], dtype=np.int8)
        return pd.DataFrame({
            "report": np.tile(reports, k),
            "rule": pd.Categorical.from_codes(rule_codes, categories=pd.Index([r.id for r in rules])),
            "check": pd.Categorical([r.kind.name for r in rules])[rule_codes] if k else pd.Categorical([]),
            "verdict": pd.Categorical.from_codes(vcode[status.astype(np.int64) + 1], categories=verdict_names),
            "severity": pd.Categorical.from_codes(codes, categories=[s.value for s in _SEVERITIES]),
        })

    def materialise(self) -> list[Finding]:
        """The findings, written once (a merged Result may hold the same part twice)."""
        if self._made is None:
            self._made = self._write()
            self.runs = self.ctx = None  # free the table's arrays and the rules' closures
        return self._made

    def _write(self) -> list[Finding]:
        ctx, runs = self.ctx, self.runs
        assert ctx is not None and runs is not None
        findings: list[Finding] = []
        suggestions: dict[tuple[str, int], str] = {}
        if self.diagnose:
            from reportcheck import diagnose as dg

            rules = [run.rule for run in runs]
            chosen = self.failing_reports[:self.max_diagnosed]
            for r, per in dg.suggest_for_reports(rules, runs, ctx, chosen).items():
                for rid, sugg in per.items():
                    if sugg:
                        suggestions[(rid, r)] = dg.describe(sugg)
            if self.truncated:
                findings.append(Finding(
                    "diagnosis", "diagnosis", Category.CONSISTENCY, Severity.INFO,
                    f"likely slips were looked for in the first {self.max_diagnosed} of "
                    f"{len(self.failing_reports)} reports with a failing rule; the others have findings "
                    f"without a suggestion", verdict="undetermined"))
        for run, codes in zip(runs, self.codes):
            rule = run.rule
            if run.outcome is None:
                findings.append(Finding(rule.id, rule.kind.name, Category.CONSISTENCY, Severity.ERROR,
                                        f"rule {rule.id!r} cannot be evaluated: {run.error}",
                                        rationale=rule.rationale))
                continue
            out = run.outcome
            for r in np.flatnonzero(codes >= 0).tolist():
                st = int(run.status[r])
                stretch = bool(out.stretch[r]) if out.stretch is not None else False
                msg = out.describe(r, STATUS_NAMES[st])
                if stretch and st in (ST_FAIL, ST_TIGHT) and not msg.startswith("stretch"):
                    msg = f"stretch target (力争): {msg}"
                ids = out.figures_for(r) if out.figures_for is not None else out.figures
                refs = tuple(ctx.ref(i, r) for i in ids if ctx.present_at(i, r))
                findings.append(Finding(
                    id=rule.id, check=rule.kind.name, category=Category.CONSISTENCY,
                    severity=_SEVERITIES[codes[r]], message=msg, figures=refs,
                    suggestion=suggestions.get((rule.id, r)) if st in (ST_FAIL, ST_TIGHT) else None,
                    rationale=rule.rationale, verdict=_VERDICT_OF_STATUS[st + 1],
                    report=_label(ctx, r) if ctx.data_mode else None,
                ))
        return findings


def _label(ctx: Context, r: int) -> str | None:
    x = ctx.reports[r]
    return None if x is None else str(x)


# ----------------------------------------------------------------------------------------
# check(): the public entry point
# ----------------------------------------------------------------------------------------
def check(spec_or_table, spec=None, *, text: str | None = None, file: str | None = None,
          diagnose: bool = True) -> Result:
    """Check a spec's document (or a draft, ``text=``), or a table of many reports against a spec.

    - ``check(spec)`` / ``check("specs/x.yaml")``: bind the spec to its own document;
    - ``check(spec, text=draft, file="draft.md")``: bind it to a draft of the same report;
    - ``check(table, spec)``: a long DataFrame (``report, indicator, value[, unit]``, or an
      indicator table with ``id``) or a CSV/Parquet path, evaluated for every report at once.
    """
    import pandas as pd

    # Guard (issue 16): check(spec, table) with the arguments swapped used to ignore the table.
    if isinstance(spec, pd.DataFrame) or (
            isinstance(spec, (str, Path)) and Path(spec).suffix.lower() in (".csv", ".parquet", ".pq")):
        raise TypeError("check(): the table goes first and the spec second — check(table, spec), "
                        f"not check(spec, table) (got a {type(spec).__name__} as the spec)")
    started = time.perf_counter()
    if isinstance(spec, (str, Path)):
        spec = _load_spec(spec)
    obj = spec_or_table
    if isinstance(obj, (str, Path)):
        p = Path(obj)
        if p.suffix.lower() in (".yaml", ".yml"):
            obj = _load_spec(p)
        else:
            from reportcheck.table import load_table

            obj = load_table(p)
            if spec is None:
                from reportcheck.errors import InputError

                raise InputError("checking a table needs a spec (check(table, spec))", file=str(p))
    if isinstance(obj, pd.DataFrame):
        if spec is None:
            from reportcheck.errors import InputError

            raise InputError("checking a table needs a spec (check(table, spec))")
        result = check_table(obj, spec, diagnose=diagnose)
    else:
        result = check_document(obj, text=text, file=file, diagnose=diagnose)
    result.duration = time.perf_counter() - started
    if result.spec is None and getattr(spec if spec is not None else obj, "path", None) is not None:
        result.spec = str((spec if spec is not None else obj).path)
    return result


def _load_spec(path):
    from reportcheck.spec.load import load_spec

    return load_spec(path)


def check_table(table, spec, *, diagnose: bool = True) -> Result:
    """The ``--data`` path: a spec's rules over every report of a long table (no positions)."""
    from reportcheck.table import validate_frame

    table = validate_frame(table)  # typed, and the long-table schema: InputError naming rows
    info = spec_indicators(spec)
    rules = compile_rules(spec, info)
    ids = list(dict.fromkeys(i for r in rules for i in r.references))
    ctx, problems = build_context(table, info, ids, data_mode=True)
    result = evaluate(rules, ctx, diagnose=diagnose)
    result.add_findings([_unit_finding(p, ctx, data_mode=True) for p in problems], first=True)
    result.add_findings(_missing_findings(rules, ctx))
    result.add_findings(_unknown_indicators(ctx.table_ids, info))
    return result


def _unknown_indicators(table_ids: dict[str, int], info: dict[str, IndicatorInfo],
                        shown: int = 3) -> list[Finding]:
    """Rows naming an indicator the spec does not have are left out — said once, with the
    likely id, so that a typo (enterprises.new.2O23) never drops a figure silently."""
    from reportcheck.spec.load import _did_you_mean

    unknown = sorted(i for i in table_ids if i not in info)
    if not unknown:
        return []
    rows = sum(table_ids[i] for i in unknown)
    named = [f"{u}{_did_you_mean(u, info, cutoff=0.8)}" for u in unknown[:shown]]
    more = f" and {len(unknown) - shown} more" if len(unknown) > shown else ""
    return [Finding(
        "unknown-indicators", "table", Category.EXTRACTION, Severity.INFO,
        f"{rows} row{'s name' if rows != 1 else ' names'} {len(unknown)} indicator"
        f"{'s' if len(unknown) != 1 else ''} the spec does not have, left out: {', '.join(named)}{more}",
        verdict="undetermined")]


def _missing_findings(rules: list[CompiledRule], ctx: Context, shown: int = 3) -> list[Finding]:
    """A rule that some reports of a table cannot feed is said once, never skipped silently."""
    out = []
    for rule in rules:
        refs = [i for i in rule.references if i in ctx._arrays]  # noqa: SLF001 - same module
        if not refs:
            continue
        present = np.column_stack([ctx.present(i) for i in refs])
        missing = ~present.all(axis=1)
        n = int(missing.sum())
        if not n:
            continue
        rows = np.flatnonzero(missing)
        which = sorted({refs[j] for j in np.flatnonzero((~present[rows]).any(axis=0))})
        examples = ", ".join(str(_label(ctx, int(r))) for r in rows[:shown]) + (" …" if n > shown else "")
        out.append(Finding(
            rule.id, rule.kind.name, Category.EXTRACTION, Severity.INFO,
            f"rule {rule.id!r} could not be decided for {n} of {ctx.n} reports: no value for "
            f"{', '.join(which)} (e.g. {examples})",
            rationale=rule.rationale, verdict="undetermined"))
    return out


def check_document(spec, *, text: str | None = None, file: str | None = None, diagnose: bool = True) -> Result:
    """Bind the spec to its document (or ``text``), validate the table, evaluate the rules."""
    from reportcheck.spec.bind import bind

    binding = bind(spec, text, file)
    table = binding.table
    pre: list[Finding] = list(getattr(binding, "findings", []) or [])
    checks = int(getattr(binding, "checks", 0) or 0)
    if checks:
        passed = max(checks - len(pre), 0)
    else:
        n_ind = len(getattr(spec, "indicators", ()) or ())
        checks, passed = n_ind, n_ind - len({f.id for f in pre})
    try:
        from reportcheck.schema import validate_table

        schema_findings = validate_table(table)
    except ImportError:  # pragma: no cover - schema module is part of the package
        schema_findings = []
    checks += 1
    passed += 0 if schema_findings else 1
    info = spec_indicators(spec)
    rules = compile_rules(spec, info)
    ids = list(dict.fromkeys(i for r in rules for i in r.references))
    ctx, problems = build_context(table, info, ids, data_mode=False)
    result = evaluate(rules, ctx, diagnose=diagnose)
    # a unit the rules cannot use is already a fidelity or schema finding in most drafts: say it once
    named = {f.id for f in pre} | {f.id for f in schema_findings}
    units = [_unit_finding(p, ctx, False) for p in problems if p.id not in named]
    result.add_findings(pre + list(schema_findings) + units, first=True)
    result.checks += checks
    result.passed += passed
    figs = getattr(binding, "figures", None) or []
    # (indicator id, Figure) pairs: the html reporter marks every bound figure in the text
    result.figures = list(figs.items()) if isinstance(figs, dict) else list(figs)
    result.text = getattr(binding, "text", None) if text is None else text
    src = file or (str(spec.source) if getattr(spec, "source", None) is not None else None)
    result.source = src
    return result


def _unit_finding(p: BuildProblem, ctx: Context, data_mode: bool) -> Finding:
    ref = _row_ref(ctx, p) if p.r >= 0 else None
    return Finding(p.id, "unit", Category.SCHEMA, Severity.ERROR,
                   f"{ctx.name(p.id)}: {p.message} (the spec declares {ctx.unit(p.id)})",
                   figures=(ref,) if ref is not None else (),
                   report=str(p.report) if data_mode and p.report is not None else None)


def _row_ref(ctx: Context, p: BuildProblem) -> FigureRef:
    """The figure of a table row whose unit could not be converted (it is not in the context)."""
    row = ctx._rows[np.searchsorted(ctx._rows._keep, p.row)] if ctx._rows is not None else {}
    value = row.get("value")
    return FigureRef(
        indicator=p.id, text=row.get("text") if isinstance(row.get("text"), str) else None,
        value=None if value is None or _isnan(value) else (int(value) if float(value).is_integer() else value),
        unit=row.get("unit") if isinstance(row.get("unit"), str) else None,
        file=_opt_str(row.get("file")),
        line=_opt_int(row.get("line")),
        column=_opt_int(row.get("column")),
        end_line=_opt_int(row.get("end_line")),
        end_column=_opt_int(row.get("end_column")),
        report=str(p.report) if ctx.data_mode and p.report is not None else None,
    )
