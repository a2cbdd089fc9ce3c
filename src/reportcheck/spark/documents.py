"""``lint_documents`` and ``compare_documents``: documents in a Spark DataFrame, each
linted on its own, or each article compared with the source it cites (cogrouped by source).
A document that cannot be checked is one error finding (check ``input``), not a failed job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from reportcheck.spark.rows import _FINDING_DDL, FINDING_COLUMNS, _finding_row, _frame, _text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame

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
    from reportcheck.cli_io import MAX_LINT_BYTES as max_bytes  # the command line's limit, as a finding here
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
    with the ids as file labels."""
    from reportcheck.compare import compare

    def call(source, text: str, source_id: str | None, document: str | None):
        return compare(source if not isinstance(source, str) else _as_text(source), _as_text(text),
                       text_file=document, source_file=source_id)

    return call


def _source_index(text: str, source_id: str | None):
    """The source read and indexed once for all the articles citing it. A source that cannot
    be indexed is passed on as text: each article then gets the input finding compare() raises."""
    from reportcheck.compare import SourceIndex

    try:
        return SourceIndex(text, source_id)
    except Exception:  # noqa: BLE001 - one bad source is a finding per article, not a failed job
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
