"""The same checks on Apache Spark, for tables and document streams beyond one machine.

``pip install 'reportcheck[spark]'`` (pyspark; Spark itself needs Java 17+).
Nothing here re-implements a rule: every check runs the project's own engine
(:func:`reportcheck.check`, :func:`reportcheck.lint.lint_text`,
:func:`reportcheck.compare`) inside ``applyInPandas`` / ``mapInPandas`` on the
executors, so a verdict is the verdict :func:`reportcheck.check` gives on the
same rows.

- :func:`check_table` — a long indicator table (``report, indicator, value``
  [, ``unit``, ``qualifier``, ``lower``, ``upper`` …]) of many reports against one
  spec. Rows are grouped by a hash bucket of ``report``, so every report is
  checked whole, in one call of the engine per bucket (rules only ever read the
  figures of one report: nothing crosses buckets). The spec is loaded once on
  the driver, broadcast once, and read once per executor process.
- :func:`lint_documents` — a DataFrame of texts (``id, text``): ``reportcheck
  lint`` on each, no spec needed.
- :func:`compare_documents` — republished articles (``id, source, text``)
  against the source documents they cite (``id, text``), cogrouped by source
  id so that each source text crosses the network once per group, not once per
  article.

Findings come back as Spark DataFrames with the JSON contract's finding
columns — ``id, check, category, severity, message, figures, suggestion,
fingerprint, also`` —
``figures`` an array of structs (``indicator, text, value, unit, report, file,
line, column, end_line, end_column``), plus the document id (``document``) or
the ``report``. :func:`finding_dicts` turns collected rows back into the JSON
contract's dicts.

Workers must run a Python with reportcheck installed: in local mode set
``PYSPARK_PYTHON`` to the driver's interpreter (``sys.executable``).
"""

from __future__ import annotations

import hashlib
import pickle
from typing import TYPE_CHECKING, Any, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["check_table", "lint_documents", "compare_documents", "finding_dicts", "TableCheck",
           "VERDICT_COLUMNS", "FINDING_COLUMNS", "FIGURE_FIELDS"]

#: the verdicts frame: one row per (report, rule), as ``Result.verdicts()``
VERDICT_COLUMNS = ("report", "rule", "check", "verdict", "severity")
#: the finding columns of the JSON contract (``figures`` an array of structs)
FINDING_COLUMNS = ("id", "check", "category", "severity", "message", "figures", "suggestion", "fingerprint",
                   "also")
#: the fields of a rule merged into a finding (``also``: one slip, one finding)
ALSO_FIELDS = ("id", "check", "category", "severity", "message", "fingerprint", "suggestion")
#: the fields of one cited figure (JSON contract; ``report`` for rows of a table)
FIGURE_FIELDS = ("indicator", "text", "value", "unit", "report", "file", "line", "column", "end_line",
                 "end_column")
_POSITION = ("file", "line", "column", "end_line", "end_column")

_FIGURE_DDL = ("array<struct<indicator:string,text:string,value:double,unit:string,report:string,"
               "file:string,line:int,column:int,end_line:int,end_column:int>>")
_ALSO_DDL = ("array<struct<id:string,check:string,category:string,severity:string,message:string,"
             "fingerprint:string,suggestion:string>>")
_FINDING_DDL = (f"id string, check string, category string, severity string, message string, "
                f"figures {_FIGURE_DDL}, suggestion string, fingerprint string, also {_ALSO_DDL}")
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
    import tempfile
    from pathlib import Path

    from reportcheck.spec import load as spec_load

    loader = getattr(spec_load, "load_spec_text", None)
    if loader is not None:
        try:
            return loader(text, file=path, base=Path(path).parent)
        except TypeError:  # another signature: fall through to a file
            pass
    with tempfile.TemporaryDirectory(prefix="reportcheck-spec-") as d:
        p = Path(d) / Path(path).name
        p.write_text(text, encoding="utf-8")
        return spec_load.load_spec(p)


def _loaded(spec):
    if isinstance(spec, (str, bytes)) or hasattr(spec, "__fspath__"):
        from reportcheck import load_spec

        return load_spec(spec)
    return spec


# --------------------------------------------------------------------------------------
# findings as rows
# --------------------------------------------------------------------------------------
def _number(v) -> float | None:
    from decimal import Decimal

    if v is None:
        return None
    if isinstance(v, Decimal):
        return float(v) if v.is_finite() else None
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return x if x == x and x not in (float("inf"), float("-inf")) else None


def _figure_row(fig: dict) -> dict:
    row = {k: fig.get(k) for k in FIGURE_FIELDS}
    row["value"] = _number(row["value"])
    return row


def _finding_row(f) -> dict:
    d = f.to_dict()
    return {
        "id": d["id"], "check": d["check"], "category": d["category"], "severity": d["severity"],
        "message": d["message"], "figures": [_figure_row(g) for g in d["figures"]],
        "suggestion": d["suggestion"], "report": d.get("report"), "fingerprint": d.get("fingerprint"),
        "also": [{k: m.get(k) for k in ALSO_FIELDS} for m in d.get("also", ())],
    }


def finding_dicts(rows: Iterable[Any]) -> list[dict]:
    """Collected finding rows (``Row`` objects or dicts) as the JSON contract's finding dicts.

    Keys as ``Finding.to_dict()`` writes them: ``report`` only when set, a figure's
    position only when it has a line; a whole-number value as an int.
    """
    out = []
    for r in rows:
        r = r.asDict(recursive=True) if hasattr(r, "asDict") else dict(r)
        d = {k: r.get(k) for k in ("id", "check", "category", "severity", "message")}
        figs = []
        for g in r.get("figures") or ():
            g = g.asDict() if hasattr(g, "asDict") else dict(g)
            v = g.get("value")
            fd = {"indicator": g.get("indicator"), "text": g.get("text"),
                  "value": int(v) if isinstance(v, float) and v.is_integer() else v, "unit": g.get("unit")}
            if g.get("report") is not None:
                fd["report"] = g["report"]
            if g.get("line") is not None:
                fd.update({k: g.get(k) for k in _POSITION})
            elif g.get("file") is not None:
                fd["file"] = g["file"]
            figs.append(fd)
        d["figures"] = figs
        d["suggestion"] = r.get("suggestion")
        if r.get("report") is not None:
            d["report"] = r["report"]
        d["fingerprint"] = r.get("fingerprint")
        also = []
        for m in r.get("also") or ():
            m = m.asDict() if hasattr(m, "asDict") else dict(m)
            also.append({k: m.get(k) for k in ALSO_FIELDS if k != "suggestion" or m.get(k) is not None})
        d["also"] = also
        out.append(d)
    return out


def _frame(rows: list[dict], columns: Iterable[str]) -> "pd.DataFrame":
    import pandas as pd

    cols = list(columns)
    return pd.DataFrame(rows, columns=cols).astype(object) if rows else \
        pd.DataFrame({c: pd.Series(dtype=object) for c in cols})


def _text(x) -> str | None:
    if x is None:
        return None
    try:
        if x != x:  # NaN, pd.NA raises
            return None
    except TypeError:
        return None
    return str(x)


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


# --------------------------------------------------------------------------------------
# documents: lint and compare
# --------------------------------------------------------------------------------------
_DOC_COLUMNS = ("document", *FINDING_COLUMNS)


def _doc_rows(document, result) -> list[dict]:
    rows = []
    for f in result.findings:
        r = _finding_row(f)
        r.pop("report", None)
        rows.append({"document": document, **r})
    return rows


def _input_problem(document, check: str, exc: BaseException) -> dict:
    """A document that cannot be read is one error finding, not a failed job."""
    message = " ".join(str(exc).split())[:500] or type(exc).__name__
    return {"document": document, "id": check, "check": "input", "category": "extraction", "severity": "error",
            "message": f"cannot be checked: {message}", "figures": [], "suggestion": None,
            "fingerprint": None, "also": []}


def _max_lint_bytes() -> int:
    """The command line's size limit for lint (the same refusal, here as a finding)."""
    try:
        from reportcheck import cli

        return int(getattr(cli, "MAX_LINT_BYTES", 1_000_000))
    except ImportError:  # pragma: no cover
        return 1_000_000


def lint_documents(df: "DataFrame", *, id_col: str = "id", text_col: str = "text") -> "DataFrame":
    """``reportcheck lint`` on every document of ``df`` (columns ``id``, ``text``).

    Returns ``document`` (the id) + the finding columns. Each document is linted
    on its own with :func:`reportcheck.lint.lint_text` and its id as the file
    name, so a document with id ``x.md`` gives the findings ``reportcheck lint
    x.md --format json`` gives. A document that cannot be linted (not text, too
    large) gives one error finding (check ``input``) instead of failing the job.
    Parallelism is the frame's partitions: ``repartition`` a small frame of long
    documents first.
    """
    max_bytes = _max_lint_bytes()
    for c in (id_col, text_col):
        if c not in df.columns:
            raise ValueError(f"the documents have no column {c!r}")

    def run(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
        from reportcheck.lint import lint_text

        for pdf in batches:
            rows: list[dict] = []
            for doc, text in zip(pdf[id_col].tolist(), pdf[text_col].tolist()):
                doc = _text(doc)
                try:
                    if not isinstance(text, str):
                        raise ValueError("no text")
                    if len(text.encode("utf-8")) > max_bytes:
                        raise ValueError(f"larger than {max_bytes // 1_000_000} MB: lint reads one "
                                         "report at a time (split the document, or check it with a spec)")
                    rows += _doc_rows(doc, lint_text(text, file=doc))
                except Exception as exc:  # noqa: BLE001 - one bad document is a finding, not a failed job
                    rows.append(_input_problem(doc, "lint", exc))
            yield _frame(rows, _DOC_COLUMNS)

    return df.select(id_col, text_col).mapInPandas(run, schema=f"document string, {_FINDING_DDL}")


def _as_text(text: str) -> str:
    """A text that must stay a text: the compare API reads a one-line string naming an
    existing file as that file; on an executor an article is never a path."""
    import os

    if "\n" not in text and len(text) < 4096 and os.path.exists(text):
        return text + "\n"
    return text


def _compare_call():
    """``call(source, text, source_id, document_id)`` → the Result of ``reportcheck.compare``,
    with the ids as file labels when the API takes them."""
    import inspect

    import reportcheck

    fn = reportcheck.compare
    inner = getattr(fn, "compare", None)  # the package is callable; its function has the keywords
    if callable(inner):
        fn = inner
    try:
        params = set(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        params = set()
    text_kw = next((p for p in ("text_file", "file") if p in params), None)

    def call(source, text: str, source_id: str | None, document: str | None):
        kw = {}
        if text_kw:
            kw[text_kw] = document
        if "source_file" in params:
            kw["source_file"] = source_id
        return fn(source if not isinstance(source, str) else _as_text(source), _as_text(text), **kw)

    return call


def _source_index(text: str, source_id: str | None):
    """The source read and indexed once for all the articles citing it (when the API allows)."""
    try:
        from reportcheck.compare import SourceIndex

        return SourceIndex(text, source_id)
    except Exception:  # noqa: BLE001 - an older or newer API: compare() reads the text each time
        return text


def compare_documents(articles: "DataFrame", sources: "DataFrame", *, id_col: str = "id",
                      source_col: str = "source", text_col: str = "text",
                      source_id_col: str = "id", source_text_col: str = "text") -> "DataFrame":
    """``reportcheck compare`` of every article against the source document it cites.

    ``articles``: ``id``, ``source`` (the id of the source it republishes), ``text``;
    ``sources``: ``id``, ``text``. Articles and sources are cogrouped by source id:
    each source text travels once per group and is indexed once for all its
    articles. Returns ``document`` (the article id), ``source`` and the finding
    columns — the findings of ``reportcheck.compare(source_text, article_text)``,
    with the article id as the text's file name and the source id as the source's.
    An article citing a source id that is not in ``sources`` (or is there twice)
    gives one error finding (check ``input``) instead of failing the job.
    """
    for frame, cols, what in ((articles, (id_col, source_col, text_col), "articles"),
                              (sources, (source_id_col, source_text_col), "sources")):
        for c in cols:
            if c not in frame.columns:
                raise ValueError(f"the {what} have no column {c!r}")
    import reportcheck

    try:
        reportcheck.compare  # noqa: B018 - lazily imported
    except AttributeError:
        raise RuntimeError("this reportcheck has no compare() (it comes with the compare subcommand)") from None
    a = articles.select(id_col, source_col, text_col).toDF("document", "source", "text")
    s = sources.select(source_id_col, source_text_col).toDF("source", "source_text")

    def run(arts: "pd.DataFrame", srcs: "pd.DataFrame") -> "pd.DataFrame":
        call = _compare_call()
        rows: list[dict] = []
        texts = srcs["source_text"].tolist()
        src_id = _text(srcs["source"].iloc[0]) if len(srcs) else None
        source = _source_index(texts[0], src_id) if len(texts) == 1 and isinstance(texts[0], str) else None
        for doc, src, text in zip(arts["document"].tolist(), arts["source"].tolist(), arts["text"].tolist()):
            doc, src = _text(doc), _text(src)
            try:
                if len(texts) != 1:
                    raise ValueError(f"source {src!r} is not in the sources" if not texts else
                                     f"source {src!r} is in the sources {len(texts)} times")
                if source is None or not isinstance(text, str):
                    raise ValueError("no text")
                found = _doc_rows(doc, call(source, text, src, doc))
            except Exception as exc:  # noqa: BLE001 - one bad article is a finding, not a failed job
                found = [_input_problem(doc, "compare", exc)]
            rows += [{**r, "source": src} for r in found]
        return _frame(rows, ("document", "source", *FINDING_COLUMNS))

    return (a.groupBy("source").cogroup(s.groupBy("source"))
            .applyInPandas(run, schema=f"document string, source string, {_FINDING_DDL}"))
