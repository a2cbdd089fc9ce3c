"""The pandera schema of the indicator table, and schema findings.

The indicator table has one row per (report, indicator). Other pipelines can
validate their own tables with it::

    from reportcheck.schema import IndicatorSchema, validate_table
    IndicatorSchema.validate(df, lazy=True)     # pandera's own errors
    findings = validate_table(df)               # readable `schema` findings

Columns (``value``/``lower``/``upper`` are float64 in the unit *as written*;
open bounds are ±inf; positions are nullable Int64):

=============  ========  =====================================================
report         str       the report (spec id, or the document / table name)
id             str       indicator id, unique per report
name           str       the indicator's Chinese name
period         str       the period it refers to ("2023", "2024")
kind           str       amount, count, growth, points, share, multiple, ratio, rank …
unit           str?      as written ("亿元", "%", "个百分点"); a known unit
value          float?    the value as written (NaN when the figure was not found)
lower, upper   float?    the interval the written figure allows (±inf open)
lower_closed   boolean?  whether ``lower`` belongs to the interval
upper_closed   boolean?  whether ``upper`` belongs to the interval
qualifier      str?      以上, 突破, 左右 … as written
status         str?      实际, 预计, 目标, 力争
text           str?      the figure as written ("939家")
file           str?      the document
line … end_column Int64? position (1-based, code points; end_column one past)
=============  ========  =====================================================

Checks: column types; ``(report, id)`` unique; units known; lower ≤ value ≤
upper; unit compatible with kind (share/growth → %, points → 个百分点,
amounts and counts → a unit of their dimension); shares within [0, 100] %;
declines at most 100 %; counts whole and non-negative. What a kind allows is
:mod:`reportcheck.kinds` (shared with the spec loader and lint); this module applies it to
a table, vectorised, and words each failure as a finding.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reportcheck.kinds import _base_factor, _fmt, unit_kind_problem, value_kind_problem
from reportcheck.spec.model import KINDS, STATUSES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from reportcheck.findings import Finding

COLUMNS = (
    "report", "id", "name", "period", "kind", "unit", "value", "lower", "upper", "lower_closed",
    "upper_closed", "qualifier", "status", "text", "file", "line", "column", "end_line", "end_column",
)

# --------------------------------------------------------------------------------------
# the schema
# --------------------------------------------------------------------------------------
def _known_unit_check(s):
    from reportcheck.quantities.units import is_known_unit

    return s.map(lambda u: True if u is None or (isinstance(u, float) and math.isnan(u)) else is_known_unit(u)).astype(bool)


def _unique_id(df):
    return ~df.duplicated(subset=["report", "id"], keep=False)


def _bounds_order(df):
    import numpy as np

    v, lo, hi = df["value"].astype("float64"), df["lower"].astype("float64"), df["upper"].astype("float64")
    ok = (lo.isna() | v.isna() | (lo <= v + _guard(v))) & (hi.isna() | v.isna() | (v <= hi + _guard(v)))
    ok &= lo.isna() | hi.isna() | (lo <= hi)
    return ok.astype(bool) if not isinstance(ok, np.ndarray) else ok


def _guard(v):
    return v.abs().fillna(0) * 1e-9


# Vectorised versions of the row checks (same verdicts as the *_row functions, which
# word the messages): tables of many reports are validated in column operations.
def _per_pair(df, fn):
    """fn(kind, unit) -> bool, evaluated once per distinct (kind, unit) pair."""
    import pandas as pd

    kinds = df["kind"].astype(object)
    units = df["unit"].astype(object).where(df["unit"].notna(), None)
    keys = list(zip(kinds, units))
    cache = {k: fn(*k) for k in set(keys)}
    return pd.Series([cache[k] for k in keys], index=df.index, dtype=bool)


def _v_unit_fits_kind(df):
    from reportcheck.quantities.units import is_known_unit

    def ok(kind, unit):
        if unit is not None and not (isinstance(unit, str) and is_known_unit(unit)):
            return True  # reported by known_unit
        return unit_kind_problem(str(kind), unit) is None

    return _per_pair(df, ok)


def _v_share_range(df):
    v, lo = df["value"].astype("float64"), df["lower"].astype("float64")
    bad = (df["kind"] == "share") & (((v < 0) | (v > 100)) | ((lo < 0) & lo.notna() & (lo != float("-inf"))))
    return ~bad.fillna(False).astype(bool)


def _v_decline(df):
    bad = (df["kind"] == "growth") & (df["value"].astype("float64") < -100)
    return ~bad.fillna(False).astype(bool)


def _v_count_whole(df):
    import numpy as np
    import pandas as pd

    v = df["value"].astype("float64")
    units = df["unit"].astype(object).where(df["unit"].notna(), None)
    factors = {u: _base_factor(u) for u in set(units)}
    base = v * pd.Series([factors[u] for u in units], index=df.index, dtype="float64")
    frac = (base - np.round(base)).abs()
    bad = (df["kind"] == "count") & v.notna() & ((v < 0) | (frac > 1e-9 * np.maximum(1.0, base.abs())))
    return ~bad.fillna(False).astype(bool)


_VECTOR = {
    "unit_fits_kind": _v_unit_fits_kind,
    "share_range": _v_share_range,
    "decline_at_most_100": _v_decline,
    "count_whole": _v_count_whole,
}


def _unit_fit_row(r) -> str | None:
    from reportcheck.quantities.units import is_known_unit

    unit = _none(r.get("unit"))
    if unit is not None and not is_known_unit(unit):
        return None  # reported by known_unit
    return unit_kind_problem(str(r.get("kind")), unit)


def _share_row(r) -> str | None:
    if r.get("kind") != "share":
        return None
    v = _num(r.get("value"))
    if v is not None and not (0 <= v <= 100):
        return f"a share of {_fmt(v)}% is outside [0, 100] %"
    lo = _num(r.get("lower"))
    if lo is not None and math.isfinite(lo) and lo < 0:
        return f"a share cannot be below 0 % (lower bound {_fmt(lo)})"
    return None


def _decline_row(r) -> str | None:
    if r.get("kind") != "growth":
        return None
    v = _num(r.get("value"))
    if v is not None and v < -100:
        return f"a decline of {_fmt(-v)}% is more than 100 %"
    return None


def _count_row(r) -> str | None:
    if r.get("kind") != "count":
        return None
    v = _num(r.get("value"))
    if v is None:
        return None
    return value_kind_problem("count", _none(r.get("unit")), v)


def _none(x):
    if x is None:
        return None
    try:
        import pandas as pd

        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        pass
    return x


def _num(x) -> float | None:
    x = _none(x)
    return None if x is None else float(x)


_ROW_FNS = {
    "unit_fits_kind": _unit_fit_row,
    "share_range": _share_row,
    "decline_at_most_100": _decline_row,
    "count_whole": _count_row,
}


@lru_cache(maxsize=1)
def indicator_schema():
    """The pandera DataFrameSchema of the indicator table (built once)."""
    import pandera.pandas as pa

    # Text columns: object or pandas' string dtypes both accepted (pandas 3 infers "str"
    # for text, older pipelines have object); every non-null element must be a str.
    is_text = pa.Check(lambda s: s.map(lambda x: isinstance(x, str)).astype(bool), element_wise=False,
                       ignore_na=True, name="is_text", error="is_text")

    def text(nullable=False, checks=None):
        return pa.Column(None, nullable=nullable, checks=[is_text, *(checks or [])], coerce=False)

    def pos():
        return pa.Column("Int64", nullable=True, checks=[pa.Check.ge(1)])

    return pa.DataFrameSchema(
        {
            "report": text(),
            "id": text(checks=[pa.Check.str_length(min_value=1)]),
            "name": text(),
            "period": text(),
            "kind": text(checks=[pa.Check.isin(KINDS)]),
            "unit": text(nullable=True, checks=[pa.Check(_known_unit_check, name="known_unit", error="known_unit")]),
            "value": pa.Column("float64", nullable=True),
            "lower": pa.Column("float64", nullable=True),
            "upper": pa.Column("float64", nullable=True),
            "lower_closed": pa.Column("boolean", nullable=True),
            "upper_closed": pa.Column("boolean", nullable=True),
            "qualifier": text(nullable=True),
            "status": text(nullable=True, checks=[pa.Check.isin(STATUSES)]),
            "text": text(nullable=True),
            "file": text(nullable=True),
            "line": pos(),
            "column": pos(),
            "end_line": pos(),
            "end_column": pos(),
        },
        checks=[
            pa.Check(_unique_id, name="unique_id", error="unique_id"),
            pa.Check(_bounds_order, name="bounds_order", error="bounds_order"),
            *[pa.Check(_VECTOR[name], name=name, error=name) for name in _ROW_FNS],
        ],
        strict=True,
        ordered=False,
        name="IndicatorSchema",
    )


def __getattr__(name: str) -> Any:
    # IndicatorSchema is built on first use (pandera import is not free)
    if name == "IndicatorSchema":
        return indicator_schema()
    raise AttributeError(f"module 'reportcheck.schema' has no attribute {name!r}")


def empty_table() -> "pd.DataFrame":
    """An indicator table with no rows and the schema's dtypes."""
    import pandas as pd

    return coerce_table(pd.DataFrame({c: [] for c in COLUMNS}))


def coerce_table(df: "pd.DataFrame") -> "pd.DataFrame":
    """Give a table built from records the schema's dtypes (object text, float64, boolean, Int64)."""
    import numpy as np
    import pandas as pd

    out = pd.DataFrame(index=df.index)
    for c in COLUMNS:
        col = df[c] if c in df.columns else pd.Series([None] * len(df), index=df.index, dtype=object)
        if c in ("value", "lower", "upper"):
            out[c] = pd.to_numeric(col, errors="coerce").astype("float64")
        elif c in ("lower_closed", "upper_closed"):
            out[c] = col.astype("boolean")
        elif c in ("line", "column", "end_line", "end_column"):
            out[c] = pd.to_numeric(col, errors="coerce").astype("Int64")
        else:  # text: Python str or None (not NaN) in an object column
            out[c] = pd.Series([None if _isna(x) else str(x) for x in col], index=df.index, dtype=object)
    _ = np  # dtype helpers only
    return out


# --------------------------------------------------------------------------------------
# findings
# --------------------------------------------------------------------------------------
def validate_table(df: "pd.DataFrame") -> list["Finding"]:
    """Validate an indicator table; each failure becomes a readable ``schema`` Finding.

    A finding names the indicator (id and name) and its text, and says what is
    wrong in words — not pandera's failure_cases table. An empty list means
    the table is valid.
    """
    import pandera.errors as pe

    from reportcheck.findings import Category, Finding, Severity

    schema = indicator_schema()
    try:
        schema.validate(df, lazy=True)
        return []
    except pe.SchemaErrors as exc:
        cases = exc.failure_cases
    except pe.SchemaError as exc:  # pragma: no cover - lazy=True collects, but be safe
        return [Finding("table", "schema", Category.SCHEMA, Severity.ERROR, f"indicator table: {exc}")]

    findings: list[Finding] = []
    seen: set[tuple] = set()
    for case in cases.to_dict("records"):
        check = str(case.get("check"))
        column = case.get("column")
        index = case.get("index")
        schema_ctx = case.get("schema_context")
        row = None
        if index is not None and not _isna(index) and index in df.index:
            row = df.loc[index]
            if hasattr(row, "ndim") and row.ndim > 1:  # duplicate index labels
                row = row.iloc[0]
        key = (check, column if schema_ctx == "Column" else None, index if row is not None else case.get("failure_case"))
        if key in seen:
            continue
        seen.add(key)
        findings.append(_finding(check, column, schema_ctx, row, case.get("failure_case"), Finding, Category, Severity))
    return findings


def _isna(x) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _finding(check, column, schema_ctx, row, failure_case, Finding, Category, Severity):
    from reportcheck.findings import FigureRef

    if row is None:
        # a whole-column problem: missing column, wrong dtype, unexpected column
        what = {
            "column_in_dataframe": f"the indicator table has no column {failure_case!r}",
            "column_in_schema": f"the indicator table has an unexpected column {failure_case!r}",
        }.get(check.split("(")[0])
        if what is None:
            if check.startswith("dtype"):
                what = f"column {column!r} has type {failure_case}, expected {check[len('dtype('):-1]}"
            else:
                what = f"column {column!r} fails {check}: {failure_case!r}"
        return Finding("table", "schema", Category.SCHEMA, Severity.ERROR, f"indicator table: {what}")

    get = lambda c: _none(row.get(c)) if hasattr(row, "get") else None  # noqa: E731
    ind, name, text = get("id"), get("name"), get("text")
    unit, value = get("unit"), get("value")
    name_s = f"{name} ({ind})" if name and ind else str(ind or name or "row")
    shown = text if text else (f"{_fmt(float(value))}{unit or ''}" if value is not None else "no figure")
    base = check.split("(")[0]
    if base in _ROW_FNS:
        why = _ROW_FNS[base](row) or base
    elif base == "unique_id":
        why = f"indicator id appears more than once in report {get('report')!r}"
    elif base == "known_unit":
        from reportcheck.quantities.units import UnitError, _units

        try:
            _units(unit)
            why = f"unknown unit {unit!r}"
        except UnitError as exc:
            why = str(exc)
    elif base == "bounds_order":
        why = (f"interval out of order: lower {_fmt_opt(get('lower'))} ≤ value {_fmt_opt(value)} "
               f"≤ upper {_fmt_opt(get('upper'))} does not hold")
    elif base == "isin":
        why = f"{column} {failure_case!r} is not one of the allowed values" + (
            f" ({', '.join(KINDS)})" if column == "kind" else f" ({', '.join(STATUSES)})" if column == "status" else "")
    elif base == "is_text":
        why = f"{column} must be text, not {failure_case!r}"
    elif base == "not_nullable":
        why = f"{column} is missing"
    else:
        why = f"{column or 'row'} fails {check}: {failure_case!r}"
    ref = FigureRef(
        indicator=ind, text=text, value=None if value is None else float(value), unit=unit, file=get("file"), line=_int(get("line")),
        column=_int(get("column")), end_line=_int(get("end_line")), end_column=_int(get("end_column")),
        report=get("report"),
    )
    return Finding(str(ind or "table"), "schema", Category.SCHEMA, Severity.ERROR, f"{name_s}: {shown}: {why}",
                   figures=(ref,), report=get("report"))


def _fmt_opt(x) -> str:
    return "?" if x is None else _fmt(float(x))


def _int(x):
    return None if x is None else int(x)
