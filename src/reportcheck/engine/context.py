"""The evaluation context: every indicator a spec's rules need, for every report, as numpy
arrays — what a rule kind's ``evaluate(params, ctx)`` reads (the
:class:`~reportcheck.rules.base.EvalContext` protocol) and what findings cite.

:class:`IndicatorInfo` is an indicator's metadata (from a spec); :class:`Context` holds
the formal intervals (``iv``), the "just passed" reading of open bounds (``tight``)
and, one report at a time, the written figure and its position (``text``, ``label``,
``ref``). :mod:`reportcheck.engine.pivot` builds it from a long table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np

from reportcheck.findings import FigureRef
from reportcheck.quantities.qualifiers import WORDS, words_of
from reportcheck.rules import vec
from reportcheck.rules.base import fmt

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
        # (indicator id, report position, table row positions) of duplicates that disagree
        self.conflicts: list[tuple[str, int, list[int]]] = []

    def trim_caches(self, limit: int = 20_000) -> None:
        """Forget the cited figures' cached texts, rows and FigureRefs once there are more
        than ``limit`` (findings written one at a time from a large table: the caches would
        otherwise grow with the findings; they are only caches)."""
        if len(self._ref_cache) + len(self._row_cache) > limit:
            self._text_cache.clear()
            self._written_cache.clear()
            self._ref_cache.clear()
            self._row_cache.clear()
            if self._rows is not None:
                self._rows._cache.clear()

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
        f = unit_factor(src, unit)
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

    def has(self, id: str) -> bool:
        """Does the table hold the indicator at all (for some report)?"""
        return id in self._arrays

    # -- what messages and findings read (one report at a time) --------------------------
    def table_row(self, pos: int) -> dict:
        """The table row at position ``pos`` of the original table (a row the arrays may have left out)."""
        if self._rows is None:
            return {}
        if self._rows._keep is None:  # the rows are addressed by table position
            return self._rows[int(pos)]
        return self._rows[int(np.searchsorted(self._rows._keep, pos))]

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
        words = [w for w in words_of(q) if w not in t]
        before = [w for w in words if WORDS[w].position == "prefix"]
        after = [w for w in words if WORDS[w].position in ("suffix", "infix")]
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


def unit_factor(src: str | None, dst: str | None) -> float:
    """The factor from ``src`` to ``dst`` (pint, cached per pair: a table has few units)."""
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

    def __init__(self, df, keep: np.ndarray | None, codes=None):
        self._df = df
        self._keep = keep
        self._codes = codes  # reportcheck.table.TableCodes: label columns factorized already
        self._names = [c for c in self._FIELDS if c in df.columns]
        self._arrays: dict[str, Any] = {}  # column → array, on first use
        self._cols: list[tuple[str, Any]] | None = None  # (name, array) of every field, once read
        self._cache: dict[int, dict] = {}  # rows already read (messages read a row several times)

    def _array(self, c: str):
        a = self._arrays.get(c)
        if a is None:
            import pandas as pd

            known = self._codes.columns.get(c) if self._codes is not None else None
            if known is not None:  # factorized by the validation or the pivot: no second pass
                self._arrays[c] = a = _Coded(known[0], [*known[1].tolist(), None])
                return a
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
        pos = int(k) if self._keep is None else int(self._keep[k])
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
