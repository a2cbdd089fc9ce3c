"""The long table of many reports (``--data``, ``check(table, spec)``): read, typed, validated.

One row per (report, indicator) — every city-year a data team collects::

    report,indicator,value,unit
    济宁-2024,enterprises.new.2023,351,家
    济宁-2024,enterprises.total.2023,939,家

Required columns ``report``, ``indicator``, ``value``; optional ``unit``,
``qualifier`` (以上, 突破 … as the spec's indicators use them), ``lower`` and
``upper`` (the interval the figure allows: empty means the value itself, ±inf an
open end), ``lower_closed`` / ``upper_closed`` (true/false), ``text``. Other
columns are kept and ignored.

Two steps, so that every problem is one line naming the file and line (CSV; the
header is line 1) or row (Parquet, a DataFrame):

1. :func:`typed` reads each cell into its type — numbers with thousands
   separators, booleans written true/false/1/0/是/否 — and reports a cell that is
   not of its type (``table.csv:3: value 'abc' is not a number``);
2. :func:`long_table_schema` — a pandera ``DataFrameSchema`` — validates the typed
   table: labels present, values finite, ``lower ≤ value ≤ upper``. Pipelines can
   run it on their own tables: ``long_table_schema().validate(df, lazy=True)``.
"""

from __future__ import annotations

from collections import Counter

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from reportcheck.errors import InputError, Problem
from reportcheck.errors import one_line as _one_line
from reportcheck.safety import clip  # a huge cell is quoted by its start, not whole

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

TABLE_COLUMNS = ("report", "indicator", "value")
NUMBER_COLUMNS = ("lower", "upper")
FLAG_COLUMNS = ("lower_closed", "upper_closed")
TEXT_COLUMNS = ("unit", "qualifier", "text")
MAX_TABLE_PROBLEMS = 20
_TRUE = {"true", "t", "1", "yes", "y", "是"}
_FALSE = {"false", "f", "0", "no", "n", "否"}

#: (file, line, prefix) of the row at a position: CSV lines, or "row N: "
Where = Callable[[int], "tuple[str | None, int | None, str]"]


class TableCodes:
    """The labels of a typed long table factorized once (report, indicator, unit): the
    schema's "present" checks and the engine's pivot both read these codes (issue 19: the
    columns of a million-row table used to be factorized six times)."""

    __slots__ = ("columns",)

    def __init__(self) -> None:
        self.columns: dict[str, tuple] = {}  # name → (codes int64 with -1 for missing, labels)

    def get(self, df: "pd.DataFrame", name: str) -> tuple:
        got = self.columns.get(name)
        if got is None:
            got = self.columns[name] = factorize(df[name])
        return got


def factorize(s: "pd.Series") -> tuple:
    """``pd.factorize(s)`` as (codes, labels as an object array), first-appearance order, −1
    for missing. Arrow-backed strings are dictionary-encoded by Arrow directly (pandas'
    wrapper unifies the chunks' dictionaries and widens the indices: 3–4× the time on a
    million-row column); codes stay int32 there."""
    import numpy as np
    import pandas as pd

    arr = s.array
    if hasattr(arr, "_pa_array") and isinstance(s.dtype, pd.StringDtype):
        try:
            import pyarrow as pa
            import pyarrow.compute as pc

            chunked = arr._pa_array
            enc = pc.dictionary_encode(chunked)  # one memo over the chunks: consistent indices
            chunks = enc.chunks
            labels = chunks[-1].dictionary if chunks else pa.array([], type=pa.string())
            if all(labels.slice(0, len(c.dictionary)).equals(c.dictionary) for c in chunks):
                idx = pa.chunked_array([c.indices for c in chunks], type=pa.int32()).combine_chunks() \
                    if chunks else pa.array([], type=pa.int32())
                codes = pc.fill_null(idx, -1).to_numpy(zero_copy_only=False)
                return codes, np.asarray(labels.to_pylist(), dtype=object)
        except Exception:  # noqa: BLE001 - any surprise from Arrow: pandas' way below
            pass
    codes, labels = pd.factorize(s, sort=False)
    return np.asarray(codes), np.asarray(labels, dtype=object)


def load_table(path: Path, *, with_codes: bool = False):
    """A long table (CSV, Parquet, or a directory holding a Parquet dataset) as a typed,
    validated DataFrame; problems → InputError.

    ``with_codes``: also return the :class:`TableCodes` computed while validating (the
    engine reuses them: ``check_table(df, spec, codes=codes)``)."""
    import pandas as pd

    file = str(path)
    from reportcheck.safety import require_regular

    require_regular(path, file)  # /dev/stdin, a FIFO, /proc/…: pandas would block or read without end
    dataset = path.is_dir()  # a Parquet dataset: one file per partition (Spark, pyarrow, Dask)
    if dataset:  # the same for each file of the dataset (a FIFO named part-0.parquet)
        import os

        for root, _dirs, names in os.walk(path):
            for name in names:
                require_regular(os.path.join(root, name))
    if not dataset and not path.is_file():
        raise InputError("not a regular file", file=file)
    parquet = dataset or path.suffix.lower() in (".parquet", ".pq")
    if parquet:
        try:
            df = pd.read_parquet(path)
        except ImportError:
            raise InputError("reading Parquet needs pyarrow: pip install 'reportcheck[parquet]'", file=file) from None
        except Exception as exc:  # noqa: BLE001 - pyarrow raises its own types
            raise InputError(f"not a readable Parquet table: {_one_line(str(exc))}", file=file) from None
        where: Where = lambda i: (file, None, f"row {i + 1}: ")  # noqa: E731
    else:
        df = _read_csv(path)
        where = lambda i: (file, i + 2, "")  # noqa: E731 - header is line 1
    codes = TableCodes()
    out = typed(df, where, file=file, header_line=None if parquet else 1, clean=True, codes=codes)
    del df
    _release_arrow()
    if not parquet:  # findings about rows (duplicates that disagree) name CSV lines
        out.attrs["reportcheck_first_line"] = 2
    return (out, codes) if with_codes else out


def _release_arrow() -> None:
    """Hand back to the system what Arrow's allocator kept from reading and encoding (the
    Parquet pages, dictionary-encoding scratch): ≈ 140 MB for an 11M-row table, which
    would otherwise sit under every later stage's peak."""
    import sys

    pa = sys.modules.get("pyarrow")
    if pa is not None:
        try:
            pa.default_memory_pool().release_unused()
        except Exception:  # noqa: BLE001 - an allocator without it: nothing to release
            pass


def validate_frame(df: "pd.DataFrame", codes: "TableCodes | None" = None) -> "pd.DataFrame":
    """The same for a DataFrame given to ``check(table, spec)``: problems name the row (1-based).

    Labels and units are used as given (no whitespace stripped): a pipeline's own
    frame is typed already, and a million-row frame should not be copied cell by cell.
    """
    return typed(df, lambda i: (None, None, f"row {i + 1}: "), file=None, header_line=None, clean=False,
                 codes=codes)


def typed(df: "pd.DataFrame", where: Where, *, file: str | None, header_line: int | None,
          clean: bool = True, codes: "TableCodes | None" = None) -> "pd.DataFrame":
    """Cells read into their types, then the pandera schema; every problem at once (up to 20).

    ``clean``: strip whitespace around labels and units, empty text → None (files).
    ``codes``: filled with the factorized report and indicator columns, which the schema's
    "present" checks read (and the engine's pivot after them).
    """
    import numpy as np
    import pandas as pd

    cols = [str(c).strip() for c in df.columns]
    indicator_table = "id" in cols
    if indicator_table:
        # an indicator table (reportcheck.spec.bind) names the indicator ``id``, and has NaN
        # values for figures the document did not give: those are missing, not bad
        if "indicator" in cols:
            raise InputError("both an id and an indicator column: keep the one that names the indicator",
                             file=file, line=header_line)
        cols = ["indicator" if c == "id" else c for c in cols]
    missing = [c for c in TABLE_COLUMNS if c not in cols]
    if missing:
        raise InputError(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                         f"(a table needs report, indicator, value and optionally unit)", file=file,
                         line=header_line)
    dupes = sorted(c for c, k in Counter(cols).items() if k > 1)  # linear: 200k columns
    if dupes:
        raise InputError(f"duplicate column {', '.join(dupes)}", file=file, line=header_line)
    if len(df) == 0:
        raise InputError("the table has no rows", file=file)
    out = df.copy(deep=False)  # columns are replaced, never written into: the caller's frame stays
    out.columns = cols
    out.index = pd.RangeIndex(len(out))  # problems name positions
    problems: list[tuple[int, str]] = []  # (position, message)

    codes = codes if codes is not None else TableCodes()
    for col in ("report", "indicator") if clean else ():
        # strip each distinct label once; the column is rebuilt only when a label changes
        # (a million-row column is not copied to strip nothing)
        s = out[col]
        if isinstance(s.dtype, pd.StringDtype) or s.dtype == object:
            lcodes, labels = codes.get(out, col)
            stripped = [x.strip() if isinstance(x, str) else x for x in labels]
            if any(a is not b and a != b for a, b in zip(stripped, labels)):
                if isinstance(s.dtype, pd.StringDtype):
                    out[col] = s.str.strip()
                else:
                    out[col] = s.map(lambda x: x.strip() if isinstance(x, str) else x)
                codes.columns.pop(col, None)  # " a" and "a" are one label now
    raw_values = out["value"]
    out["value"] = _numbers(raw_values)
    for col in NUMBER_COLUMNS:
        if col in out.columns:
            raw = out[col]
            num = _numbers(raw)
            given = ~_empty(raw)
            for i in np.flatnonzero(given & num.isna().to_numpy()).tolist():
                problems.append((i, f"{col} {clip(raw.iloc[i])} is not a number"))
            out[col] = num
    for col in FLAG_COLUMNS:
        if col in out.columns:
            flags, bad = _flags(out[col])
            for i in np.flatnonzero(bad).tolist():
                problems.append((i, f"{col} {clip(out[col].iloc[i])} is not true or false"))
            out[col] = flags
    for col in TEXT_COLUMNS if clean else ():
        if col in out.columns and not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = _clean_text(out, col, codes)

    problems += _schema_problems(out, raw_values, missing_values=indicator_table, codes=codes)
    if problems:
        problems.sort()
        listed = [Problem(*where(i)[:2], where(i)[2] + msg) for i, msg in problems[:MAX_TABLE_PROBLEMS]]
        if len(problems) > MAX_TABLE_PROBLEMS:
            listed.append(Problem(file, None, f"… and {len(problems) - MAX_TABLE_PROBLEMS} more problems"))
        raise InputError(listed)
    return out


def _clean_text(out: "pd.DataFrame", col: str, codes: "TableCodes") -> "pd.Series":
    """A text column stripped, blank → None, as an object column — built from its distinct
    values: the rows share the few label strings (a unit column of a million rows is a
    million pointers, not a million strings), and the column's codes are kept for the engine."""
    import numpy as np
    import pandas as pd

    lcodes, labels = codes.get(out, col)
    clean = []
    for x in labels:
        t = None if x is None or (isinstance(x, float) and x != x) else str(x).strip()
        clean.append(t or None)
    new_codes, uniq = pd.factorize(pd.Series(clean, dtype=object), sort=False)  # None → −1
    table = np.append(np.asarray(new_codes), -1).astype(np.int32)
    codes.columns[col] = (table[lcodes], np.asarray(uniq, dtype=object))
    values = np.array([*clean, None], dtype=object)
    return pd.Series(values[lcodes], index=out.index, dtype=object)


def _empty(raw: "pd.Series"):
    import numpy as np

    if raw.dtype.kind == "f":
        return np.isnan(raw.to_numpy())
    return (raw.isna() | (raw.astype("string").str.strip() == "")).to_numpy(dtype=bool, na_value=True)


def _numbers(raw: "pd.Series") -> "pd.Series":
    """float64: numeric columns as they are; text with thousands separators parsed; else NaN."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return raw.astype("float64", copy=False)  # a float64 column as it is: never written into
    text = raw.astype("string").str.strip().str.replace(",", "", regex=False)
    return pd.to_numeric(text, errors="coerce").astype("float64")


def _flags(raw: "pd.Series"):
    """A nullable boolean column from bools or true/false/1/0/是/否 text; bad cells flagged."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_bool_dtype(raw):
        return raw.astype("boolean"), np.zeros(len(raw), dtype=bool)
    words = raw.astype("string").str.strip().str.lower()
    yes, no = words.isin(_TRUE).to_numpy(dtype=bool, na_value=False), \
        words.isin(_FALSE).to_numpy(dtype=bool, na_value=False)
    empty = (words.isna() | (words == "")).to_numpy(dtype=bool, na_value=True)
    flags = pd.array(np.where(yes, True, False), dtype="boolean")
    flags[~(yes | no)] = pd.NA
    return pd.Series(flags, index=raw.index), ~(yes | no | empty)


# --------------------------------------------------------------------------------------
# the pandera schema of the typed long table
# --------------------------------------------------------------------------------------
def _present(s):
    """Not missing, and not blank text. Labels repeat (10,000 reports, 112 indicators):
    decide each distinct label once."""
    import numpy as np
    import pandas as pd

    codes, labels = pd.factorize(s, use_na_sentinel=True)
    blank = np.array([isinstance(x, str) and not x.strip() for x in labels] + [True], dtype=bool)
    return pd.Series(~blank[codes], index=s.index)  # code -1 (missing) → the last entry


def _finite(s):
    import numpy as np
    import pandas as pd

    x = s.to_numpy(dtype="float64", na_value=np.nan)
    return pd.Series(np.isfinite(x) | np.isnan(x), index=s.index)  # NaN is not_nullable's to report


def _within_bounds(df):
    """lower ≤ value ≤ upper where the bounds are given (a relative guard against float noise)."""
    import numpy as np
    import pandas as pd

    from reportcheck.rules.vec import guard

    v = df["value"].to_numpy(dtype="float64")
    ok = np.ones(len(df), dtype=bool)
    with np.errstate(invalid="ignore"):
        if "lower" in df.columns:
            lo = df["lower"].to_numpy(dtype="float64")
            ok &= np.isnan(lo) | np.isnan(v) | (lo <= v + guard(lo, v))
        if "upper" in df.columns:
            hi = df["upper"].to_numpy(dtype="float64")
            ok &= np.isnan(hi) | np.isnan(v) | (v <= hi + guard(hi, v))
    return pd.Series(ok, index=df.index)


def _blank_labels(codes, labels):
    """Positions whose label is blank text (missing labels are pandera's not_nullable)."""
    import numpy as np

    blank = np.array([isinstance(x, str) and not x.strip() for x in labels] + [False], dtype=bool)
    return np.flatnonzero(blank[codes]) if blank.any() else np.zeros(0, dtype=np.int64)


@lru_cache(maxsize=4)
def long_table_schema(missing_values: bool = False, label_checks: bool = True):
    """The pandera schema of a typed long table (after :func:`typed`).

    ``missing_values``: a NaN value is a figure not found (an indicator table from
    ``bind``), not a bad cell. ``label_checks=False`` leaves out the "present" checks of
    the report and indicator labels: :func:`typed` decides them from the labels'
    factorization, which the engine needs anyway (one factorization of each column).
    """
    import pandera.pandas as pa

    def col(dtype=None, *, nullable=True, required=True, checks=()):
        return pa.Column(dtype, nullable=nullable, required=required, checks=list(checks))

    present = [pa.Check(_present, name="present")] if label_checks else []
    return pa.DataFrameSchema(
        {
            "report": col(nullable=False, checks=present),
            "indicator": col(nullable=False, checks=present),
            "value": col("float64", nullable=missing_values, checks=[pa.Check(_finite, name="finite")]),
            "lower": col("float64", required=False),
            "upper": col("float64", required=False),
            "lower_closed": col("boolean", required=False),
            "upper_closed": col("boolean", required=False),
            "unit": col(required=False),
            "qualifier": col(required=False),
        },
        checks=[pa.Check(_within_bounds, name="within_bounds")],
        strict=False,
        name="long table",
    )


def _schema_problems(out: "pd.DataFrame", raw_values: "pd.Series", *,
                     missing_values: bool = False, codes: "TableCodes | None" = None) -> list[tuple[int, str]]:
    import pandera.errors as pe

    problems: list[tuple[int, str]] = []
    if codes is not None:  # the labels' present checks, from their codes
        for name in ("report", "indicator"):
            problems += [(i, f"empty {name}") for i in _blank_labels(*codes.get(out, name)).tolist()]
    try:
        # inplace: pandera would otherwise copy the frame first (nothing here coerces)
        long_table_schema(missing_values, codes is None).validate(out, lazy=True, inplace=True)
    except pe.SchemaErrors as err:
        cases = err.failure_cases
    else:
        return problems
    seen = set()
    for rec in cases.to_dict("records"):
        idx = rec.get("index")
        if idx is None or idx != idx:  # a column-level failure (dtype): no row
            raise InputError(f"the table's {rec.get('column')} column fails {rec.get('check')}")
        i = int(idx)
        col, check = rec.get("column"), str(rec.get("check"))
        if check == "within_bounds":  # a dataframe check: pandera lists every column of the row
            col = None
        key = (i, col if col is not None else check)
        if key in seen:  # not_nullable and a check on the same cell: say it once
            continue
        seen.add(key)
        problems.append((i, _message(col, check, i, out, raw_values)))
    return problems


def _message(col, check: str, i: int, out, raw_values) -> str:
    if col in ("report", "indicator"):
        return f"empty {col}"
    if col == "value":
        cell = raw_values.iloc[i]
        cell = cell.item() if hasattr(cell, "item") else cell  # np.float64(nan) → nan
        if check == "finite":
            return f"value {clip(cell)} is not a finite number"
        return f"value {clip(cell)} is not a number"
    if check == "within_bounds":
        v = out["value"].iloc[i]
        lo = out["lower"].iloc[i] if "lower" in out.columns else float("nan")
        hi = out["upper"].iloc[i] if "upper" in out.columns else float("nan")
        return f"value {_fmt(v)} is outside its interval [{_fmt(lo)}, {_fmt(hi)}] (lower, upper)"
    return f"{col or 'row'} fails {check}"


def _fmt(x) -> str:
    if x != x:
        return "value"  # an end not given is the value itself
    from reportcheck.rules.base import fmt

    return fmt(float(x))


# --------------------------------------------------------------------------------------
# reading CSV
# --------------------------------------------------------------------------------------
def _read_csv(path: Path):
    import re

    import pandas as pd

    file = str(path)
    last: Exception | None = None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=enc, skipinitialspace=True)
            _no_duplicate_header(path, enc, file)
            if not isinstance(df.index, pd.RangeIndex):
                # pandas takes the first column as the index when the first row has one
                # field more than the header; the rows' lines would then be lost
                raise InputError("more fields than the header", file=file, line=2)
            return df
        except UnicodeDecodeError as exc:
            last = exc
            continue
        except pd.errors.EmptyDataError:
            raise InputError("the table is empty (no header line)", file=file) from None
        except pd.errors.ParserError as exc:
            msg = _one_line(str(exc))
            m = re.search(r"line (\d+)", msg)
            line = int(m.group(1)) if m else None
            msg = re.sub(r"^Error tokenizing data\. C error: ", "", msg)
            raise InputError(f"not a valid CSV table: {msg}", file=file, line=line) from None
    raise InputError(f"cannot decode the table (expected UTF-8 or GB18030): {last}", file=file)


def _no_duplicate_header(path: Path, encoding: str, file: str) -> None:
    """pandas renames a second 'value' to 'value.1'; the header as written must not repeat a name."""
    import csv

    with open(path, encoding=encoding, newline="") as fh:
        header = next(csv.reader(fh), [])
    names = [h.strip() for h in header]
    dupes = sorted(n for n, k in Counter(names).items() if n and k > 1)  # linear: 200k columns
    if dupes:
        raise InputError(f"duplicate column {', '.join(dupes)}", file=file, line=1)
