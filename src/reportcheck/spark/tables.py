"""``check_table``: a long Spark table of many reports against one spec, one call of the
engine per hash bucket of ``report``; the spec broadcast once and read once per executor
process.
"""

from __future__ import annotations

import hashlib
import pickle
from typing import TYPE_CHECKING, Any

from reportcheck.spark.rows import _ALSO_DDL, _FIGURE_DDL, VERDICT_COLUMNS, _finding_row, _frame, _text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame

# check_table computes verdicts and findings in one pass: one frame, a row kind apart
_TABLE_DDL = ("kind string, report string, rule string, check string, verdict string, severity string, "
              f"category string, message string, figures {_FIGURE_DDL}, suggestion string, "
              f"fingerprint string, also {_ALSO_DDL}")
_ORDER = "__reportcheck_order"
_BUCKET = "__reportcheck_bucket"


class TableCheck:
    """What :func:`check_table` returns: two lazy Spark DataFrames from one pass of the engine.

    Unpacks as ``verdicts, findings = check_table(df, spec)``. Both are selections of one
    computed frame; :meth:`persist` keeps it, so that writing both evaluates the engine
    once (:meth:`unpersist` when done).
    """

    def __init__(self, verdicts: "DataFrame", findings: "DataFrame", combined: "DataFrame"):
        self.verdicts = verdicts  #: report, rule, check, verdict, severity — one row per (report, rule)
        self.findings = findings  #: report + the finding columns of the JSON contract
        self.combined = combined  #: both, a ``kind`` column apart (v: verdict, f: finding)

    def __iter__(self):
        return iter((self.verdicts, self.findings))

    def persist(self, storage_level=None) -> "TableCheck":
        from pyspark import StorageLevel

        self.combined.persist(storage_level or StorageLevel.MEMORY_AND_DISK)
        return self

    def unpersist(self) -> "TableCheck":
        self.combined.unpersist()
        return self


# --------------------------------------------------------------------------------------
# the spec on the executors: broadcast once, read once per process
# --------------------------------------------------------------------------------------
_SPECS: dict[str, Any] = {}  # digest → Spec, per executor process (Python workers are reused)


def _spec_payload(spec) -> tuple:
    """What is broadcast: the Spec itself (Spark's broadcast pickles it once on the driver and
    each executor process reads it once) or, when the Spec does not pickle, its YAML text and
    path (loaded once per executor process). The package itself never unpickles."""
    try:
        data = pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - any pickling problem: ship the text instead
        path = getattr(spec, "path", None)
        if path is None:
            raise TypeError("this spec cannot be shipped to the executors: it does not pickle and "
                            "has no file; pass the spec's path to check_table") from None
        from pathlib import Path

        text = Path(path).read_text(encoding="utf-8")
        digest = hashlib.sha256(f"{path}\0{text}".encode()).hexdigest()
        return ("yaml", digest, text, str(path))
    return ("spec", hashlib.sha256(data).hexdigest(), spec)


def _spec_from(broadcast) -> Any:
    payload = broadcast.value
    digest = payload[1]
    spec = _SPECS.get(digest)
    if spec is None:
        spec = _SPECS[digest] = payload[2] if payload[0] == "spec" else _spec_of_text(*payload[2:])
    return spec


def _spec_of_text(text: str, path: str) -> Any:
    """A spec from its YAML text, on an executor (the driver's path need not exist there)."""
    from pathlib import Path

    from reportcheck.spec.load import load_spec_text

    return load_spec_text(text, file=path, base=Path(path).parent)


def _loaded(spec):
    if isinstance(spec, (str, bytes)) or hasattr(spec, "__fspath__"):
        from reportcheck import load_spec

        return load_spec(spec)
    return spec


# --------------------------------------------------------------------------------------
# check_table: many reports against one spec
# --------------------------------------------------------------------------------------
def check_table(df: "DataFrame", spec, *, buckets: int | None = None, diagnose: bool = True,
                findings: bool = True) -> TableCheck:
    """Check a long Spark table of many reports against ``spec`` (a loaded Spec or a path).

    Returns :class:`TableCheck` ``(verdicts, findings)``, both lazy. Every report's
    rows go to one bucket (``pmod(hash(report), buckets)``; ``buckets`` defaults to
    ``spark.sql.shuffle.partitions``) and each bucket is one :func:`reportcheck.check`
    call, with the rows in their input order. So ``verdicts`` equals
    ``reportcheck.check(table, spec).verdicts()`` on the same rows (as a set of rows),
    and so does every finding about a report. A note about the whole call (a rule
    some reports cannot feed, rows naming indicators the spec lacks) is written per
    bucket, about that bucket's rows; identical notes are kept once. Like the
    engine, a bucket diagnoses the likely slip for at most 1000 failing reports.

    Both frames come from one evaluation; to write both without evaluating twice, call
    ``.persist()`` on the returned :class:`TableCheck` first. ``findings=False``: verdicts
    only (the findings frame is empty), the cheapest run when only decisions are kept.
    """
    from pyspark.sql import functions as F

    spec = _loaded(spec)
    spark = df.sparkSession
    if buckets is None:
        buckets = int(spark.conf.get("spark.sql.shuffle.partitions", "200"))
    missing = [c for c in ("report", "indicator", "value") if c not in df.columns]
    if missing:
        raise ValueError(f"the table has no column {', '.join(missing)} "
                         "(a table needs report, indicator, value and optionally unit)")
    bc = spark.sparkContext.broadcast(_spec_payload(spec))
    write_findings = bool(findings)

    def run(pdf: "pd.DataFrame") -> "pd.DataFrame":
        import reportcheck
        from reportcheck.errors import InputError

        spec_ = _spec_from(bc)
        table = pdf.sort_values(_ORDER, kind="stable").drop(columns=[_ORDER, _BUCKET]).reset_index(drop=True)
        try:
            result = reportcheck.check(table, spec_, diagnose=diagnose)
        except InputError as exc:
            raise ValueError(_table_problems(exc, table)) from None
        v = result.verdicts()
        sev = v["severity"].astype(object)
        verdicts = {
            "kind": "v",
            "report": [_text(x) for x in v["report"].astype(object)],
            "rule": v["rule"].astype(str).astype(object),
            "check": v["check"].astype(str).astype(object),
            "verdict": v["verdict"].astype(str).astype(object),
            "severity": sev.where(sev.notna(), None),
        }
        import pandas as pd

        vf = pd.DataFrame(verdicts)
        for c in _TABLE_COLUMNS:
            if c not in vf.columns:
                vf[c] = None
        rows = []
        for f in result.findings if write_findings else ():
            r = _finding_row(f)
            rows.append({"kind": "f", "report": r["report"], "rule": r["id"], "check": r["check"],
                         "verdict": None, "severity": r["severity"], "category": r["category"],
                         "message": r["message"], "figures": r["figures"], "suggestion": r["suggestion"],
                         "fingerprint": r["fingerprint"], "also": r["also"]})
        ff = _frame(rows, _TABLE_COLUMNS)
        return pd.concat([vf[list(_TABLE_COLUMNS)].astype(object), ff], ignore_index=True)

    staged = (df.withColumn(_ORDER, F.monotonically_increasing_id())
              .withColumn(_BUCKET, F.pmod(F.hash(F.col("report")), F.lit(buckets))))
    combined = staged.groupBy(_BUCKET).applyInPandas(run, schema=_TABLE_DDL)
    verdicts = combined.filter(F.col("kind") == "v").select(*VERDICT_COLUMNS)
    found = combined.filter(F.col("kind") == "f").select(
        "report", F.col("rule").alias("id"), "check", "category", "severity", "message", "figures",
        "suggestion", "fingerprint", "also")
    per_report = found.filter(F.col("report").isNotNull())
    notes = found.filter(F.col("report").isNull()).dropDuplicates(["id", "check", "severity", "message"])
    return TableCheck(verdicts, per_report.unionByName(notes), combined)


def _table_problems(exc, table: "pd.DataFrame") -> str:
    """An invalid table fails the job, as ``check`` raises: the problems name reports, not
    positions in a bucket."""
    import re

    out = []
    for p in getattr(exc, "problems", None) or [exc]:
        msg = getattr(p, "message", None) or str(p)
        m = re.match(r"row (\d+): (.*)", msg, re.S)
        if m and 0 < int(m.group(1)) <= len(table):
            row = table.iloc[int(m.group(1)) - 1]
            msg = f"report {row['report']!r}, indicator {row['indicator']!r}: {m.group(2)}"
        out.append(msg)
    return "reportcheck: the table is invalid: " + "; ".join(out)


_TABLE_COLUMNS = ("kind", "report", "rule", "check", "verdict", "severity", "category", "message", "figures",
                  "suggestion", "fingerprint", "also")
