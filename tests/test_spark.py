"""reportcheck.spark on a real local Spark (local[2]), against the one-process paths.

- a generated table of more than 100,000 rows: the verdicts of ``check_table`` are the
  verdicts of ``reportcheck.check`` on the same rows, and so is every finding about a report;
- 200 documents (the 25 provincial reports of 2026 sliced into 8 documents each):
  ``lint_documents`` gives the findings ``reportcheck lint --format json`` gives;
- 50 articles against their sources: ``compare_documents`` gives the findings of
  ``reportcheck.compare`` (when this reportcheck has it);
- ``reportcheck check SPEC --data DIR`` reads a Parquet dataset directory (the way
  Spark writes one), with or without Spark.

Spark needs the ``spark`` extra (pyspark) and Java. Without them the Spark tests are
skipped with the reason — unless REPORTCHECK_REQUIRE_SPARK=1 (CI sets it), in which
case they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import reportcheck

# a JVM starts for these: deselected from the quick default run, always run in CI (pytest -m "")
pytestmark = pytest.mark.slow


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_corpus  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"  # the 25 provincial reports of 2026
REQUIRED = os.environ.get("REPORTCHECK_REQUIRE_SPARK") == "1"


def _unavailable() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'reportcheck[spark]')"
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and (Path(java_home) / "bin" / "java").exists()):
        return "Spark needs Java 17+ (apt-get install openjdk-17-jre-headless)"
    return None


@pytest.fixture(scope="session")
def spark():
    why = _unavailable()
    if why:
        if REQUIRED:
            pytest.fail(f"Spark is required (REPORTCHECK_REQUIRE_SPARK=1): {why}")
        pytest.skip(why)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("reportcheck-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.default.parallelism", "2")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.driver.memory", "1g")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spec():
    return make_corpus.load()


def _run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "reportcheck", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=600)


def _key(d: dict) -> str:
    return json.dumps(d, sort_keys=True, ensure_ascii=False)


def _same(found: list[dict], expected: list[dict]) -> None:
    a, b = Counter(map(_key, found)), Counter(map(_key, expected))
    assert a == b, (f"only Spark: {list((a - b).elements())[:3]}\n"
                    f"only one process: {list((b - a).elements())[:3]}")


def _verdict_rows(frame) -> list[tuple]:
    import pandas as pd

    cols = list(reportcheck.spark.VERDICT_COLUMNS)
    f = frame[cols].astype(object)
    f = f.where(pd.notna(f), None)
    return sorted(map(tuple, f.itertuples(index=False, name=None)), key=repr)


# --------------------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------------------
@pytest.mark.slow
def test_check_table_verdicts_identical_on_100k_rows(spark, spec):
    import reportcheck.spark as rs

    table = make_corpus.make_corpus(spec, 1000, seed=11, slip_rate=0.2)
    assert len(table) >= 100_000
    expected = reportcheck.check(table, spec)
    out = rs.check_table(spark.createDataFrame(table), spec)

    got = _verdict_rows(out.verdicts.toPandas())
    want = _verdict_rows(expected.verdicts())
    assert len(got) == len(want) == 1000 * len(spec.rules)
    assert got == want
    assert {v for *_, v, _ in got} >= {"pass", "fail"}  # slips were found, not only passes

    found = rs.finding_dicts(out.findings.collect())
    per_report = [f.to_dict() for f in expected.findings if f.report is not None]
    _same([f for f in found if "report" in f], per_report)
    assert len(per_report) > 100
    # notes about the whole call are written per bucket, about the same rules
    notes = {(f.id, f.check, f.category.value) for f in expected.findings if f.report is None}
    assert {(f["id"], f["check"], f["category"]) for f in found if "report" not in f} <= notes


def test_check_table_spec_from_path_and_extra_columns(spark, spec):
    import reportcheck.spark as rs

    table = make_corpus.make_corpus(spec, 40, seed=5, slip_rate=0.5)
    table["qualifier"] = None
    table["source_system"] = "etl-7"  # other columns are kept and ignored, as by check()
    expected = reportcheck.check(table, spec)
    out = rs.check_table(spark.createDataFrame(table), make_corpus.DEFAULT_SPEC, buckets=3)
    assert _verdict_rows(out.verdicts.toPandas()) == _verdict_rows(expected.verdicts())


def test_check_table_invalid_row_fails_the_job_naming_the_report(spark, spec):
    """As check() raises InputError, the job fails — naming the report, not a bucket position."""
    import pandas as pd

    import reportcheck.spark as rs

    table = make_corpus.make_corpus(spec, 5, seed=1)
    table["value"] = table["value"].astype(object)
    table.loc[7, "value"] = "abc"
    table["value"] = table["value"].astype(str)
    with pytest.raises(Exception) as err:
        rs.check_table(spark.createDataFrame(pd.DataFrame(table)), spec).verdicts.collect()
    assert f"report {table.loc[7, 'report']!r}" in str(err.value)
    assert "is not a number" in str(err.value)


def test_spec_is_unpickled_once_per_process(spec):
    import reportcheck.spark as rs

    class Broadcast:  # the shape of a pyspark Broadcast: .value
        def __init__(self, value):
            self.value = value

    payload = rs._spec_payload(spec)
    first = rs._spec_from(Broadcast(payload))
    assert rs._spec_from(Broadcast(payload)) is first  # a second task: the cached Spec
    assert [r.id for r in first.rules] == [r.id for r in spec.rules]


def test_spec_that_does_not_pickle_travels_as_its_yaml_text(spec, monkeypatch):
    import pickle

    import reportcheck.spark as rs

    class Broadcast:
        def __init__(self, value):
            self.value = value

    def refuse(*_a, **_k):
        raise TypeError("cannot pickle this spec")

    monkeypatch.setattr(pickle, "dumps", refuse)
    payload = rs._spec_payload(spec)
    monkeypatch.undo()
    assert payload[0] == "yaml" and "indicators" in payload[2]
    rs._SPECS.pop(payload[1], None)
    shipped = rs._spec_from(Broadcast(payload))
    assert rs._spec_from(Broadcast(payload)) is shipped
    assert [r.id for r in shipped.rules] == [r.id for r in spec.rules]
    assert [i.id for i in shipped.indicators] == [i.id for i in spec.indicators]


def _write_dataset(table, directory: Path) -> None:
    """Two part files and the marker files Spark writes (_SUCCESS, .crc): only the parts are data."""
    directory.mkdir()
    half = len(table) // 2
    table.iloc[:half].to_parquet(directory / "part-00000.parquet")
    table.iloc[half:].to_parquet(directory / "part-00001.parquet")
    (directory / "_SUCCESS").write_text("")
    (directory / ".part-00000.parquet.crc").write_bytes(b"\0crc")


def test_cli_check_data_reads_a_parquet_dataset_directory(tmp_path, spec):
    pytest.importorskip("pyarrow", reason="Parquet needs pyarrow (pip install 'reportcheck[parquet]')")
    table = make_corpus.make_corpus(spec, 30, seed=3, slip_rate=0.5)
    _write_dataset(table, tmp_path / "indicators")
    table.to_csv(tmp_path / "indicators.csv", index=False)
    spec_path = str(make_corpus.DEFAULT_SPEC)
    runs = [_run_cli("check", spec_path, "--data", str(tmp_path / name), "--format", "json")
            for name in ("indicators", "indicators.csv")]
    assert [r.returncode for r in runs] == [1, 1], [r.stderr for r in runs]
    assert runs[0].stderr == ""
    from_dir, from_csv = (json.loads(r.stdout) for r in runs)
    assert from_dir["summary"] == from_csv["summary"]
    assert from_dir["findings"] == from_csv["findings"]
    _same(from_dir["findings"], [f.to_dict() for f in reportcheck.check(table, spec).findings])


def test_command_line_does_not_import_pyspark():
    """pandera imports pyspark.pandas when pyspark is installed (≈1 s and a FutureWarning):
    the command line needs neither, so the 'spark' extra does not slow or clutter it."""
    code = ("import contextlib, io, sys\n"
            "from reportcheck.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['check'])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pyspark'))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    assert "FutureWarning" not in out.stderr


def test_cli_check_data_empty_directory_is_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    r = _run_cli("check", str(make_corpus.DEFAULT_SPEC), "--data", str(tmp_path / "empty"))
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "empty" in r.stderr, r.stderr


def test_spark_written_dataset_checks_from_the_command_line(spark, spec, tmp_path):
    """The whole local round trip: Spark writes the table, the command line checks the directory."""
    table = make_corpus.make_corpus(spec, 20, seed=9, slip_rate=0.5)
    spark.createDataFrame(table).repartition(3).write.parquet(str(tmp_path / "ds"))
    assert (tmp_path / "ds" / "_SUCCESS").exists()
    r = _run_cli("check", str(make_corpus.DEFAULT_SPEC), "--data", str(tmp_path / "ds"), "--format", "json")
    assert r.returncode in (0, 1), r.stderr
    written = Counter(_key(f) for f in json.loads(r.stdout)["findings"] if "report" in f)
    expected = Counter(_key(f.to_dict()) for f in reportcheck.check(table, spec).findings if f.report)
    assert written == expected


# --------------------------------------------------------------------------------------
# documents
# --------------------------------------------------------------------------------------
def _documents(per_report: int = 8, size: int = 2500) -> list[tuple[str, str]]:
    """The first ``per_report`` × ``size`` characters of each provincial report, cut at
    sentence or line ends into documents of about ``size`` characters."""
    import re

    docs = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pieces = re.split(r"(?<=[。！？\n])", text)
        cut = min(size, len(text) // (per_report + 1))  # a short report gives shorter documents
        chunk, k = "", 0
        for piece in pieces:
            chunk += piece
            if len(chunk) >= cut:
                docs.append((f"{path.stem}-{k:02d}.txt", chunk))
                chunk, k = "", k + 1
                if k == per_report:
                    break
    return docs


@pytest.mark.slow
def test_lint_documents_same_findings_as_the_command_line(spark, tmp_path):
    import reportcheck.spark as rs

    docs = _documents()
    assert len(docs) == 200
    for name, text in docs:
        (tmp_path / name).write_text(text, encoding="utf-8")
    frame = spark.createDataFrame(docs, "id string, text string").repartition(2)
    rows = rs.lint_documents(frame).collect()

    r = _run_cli("lint", *[name for name, _ in docs], "--format", "json", cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    cli = json.loads(r.stdout)["findings"]
    found = rs.finding_dicts(rows)
    _same(found, cli)
    assert len({r["document"] for r in rows}) >= 10  # lint is quiet on real text, not silent
    # every finding is filed under its document: the figures it cites are in that document
    for row, f in zip(rows, found):
        assert all(fig.get("file") in (None, row["document"]) for fig in f["figures"])


def test_lint_documents_bad_document_is_a_finding_not_a_failed_job(spark):
    import reportcheck.spark as rs

    frame = spark.createDataFrame([("ok.txt", "全年地区生产总值增长5.2%。"), ("none.txt", None)],
                                  "id string, text string")
    rows = {r["document"]: r for r in rs.lint_documents(frame).collect() if r["check"] == "input"}
    assert set(rows) == {"none.txt"}
    assert rows["none.txt"]["severity"] == "error" and rows["none.txt"]["category"] == "extraction"


def test_finding_dicts_round_trip():
    import reportcheck.spark as rs
    from reportcheck.findings import Category, FigureRef, Finding, Severity

    f = Finding("x-within-y", "part-of", Category.CONSISTENCY, Severity.ERROR, "4000家 exceeds 1800家",
                figures=(FigureRef("x", "4000家", 4000, "家", "a.md", 3, 5, 3, 10),
                         FigureRef("y", None, 1.5, "亿元", report="济宁-2024")),
                suggestion="4000 may be 400", report="济宁-2024")
    assert rs.finding_dicts([rs._finding_row(f)]) == [f.to_dict()]


# --------------------------------------------------------------------------------------
# compare (when this reportcheck has it)
# --------------------------------------------------------------------------------------
def _compare():
    if not hasattr(reportcheck, "compare") and "compare" not in getattr(reportcheck, "__all__", ()):
        pytest.skip("reportcheck.compare is not in this build yet (it comes with the compare subcommand)")
    try:
        return reportcheck.compare
    except AttributeError:
        pytest.skip("reportcheck.compare is not in this build yet (it comes with the compare subcommand)")


def _articles(docs: list[tuple[str, str]], n: int = 50) -> tuple[list, list]:
    """Sources: the first 10 documents; articles: 5 per source, sentences of it, some figures slipped."""
    import re

    sources = docs[:10]
    articles = []
    for si, (sid, text) in enumerate(sources):
        sentences = [s for s in re.split(r"(?<=[。；！？\n])", text) if re.search(r"\d", s)]
        for k in range(n // len(sources)):
            picked = "".join(sentences[k::5][:6]) or text[:200]
            if k % 2:  # a slip: the first 2-digit number with its digits swapped
                picked = re.sub(r"(\d)(\d)", lambda m: m.group(2) + m.group(1), picked, count=1)
            articles.append((f"a{si:02d}-{k}.txt", sid, picked))
    return sources, articles


def test_compare_documents_same_findings_as_the_python_api(spark):
    import reportcheck.spark as rs

    _compare()
    sources, articles = _articles(_documents())
    assert len(articles) == 50
    a = spark.createDataFrame(articles + [("orphan.txt", "missing-source", "增长5%")],
                              "id string, source string, text string")
    s = spark.createDataFrame(sources, "id string, text string")
    rows = rs.compare_documents(a, s).collect()

    call = rs._compare_call()  # reportcheck.compare(source text, article text), ids as file labels
    text_of = dict(sources)
    expected = []
    for aid, sid, text in articles:
        res = call(text_of[sid], text, sid, aid)
        expected += [{**f.to_dict(), "document": aid} for f in res.findings]
    assert any(f["severity"] == "error" for f in expected)  # the slipped figures are caught
    found = [{**d, "document": r["document"]} for r, d in zip(rows, rs.finding_dicts(rows))
             if r["check"] != "input"]
    _same(found, expected)
    orphan = [r for r in rows if r["document"] == "orphan.txt"]
    assert len(orphan) == 1 and orphan[0]["check"] == "input" and "not in the sources" in orphan[0]["message"]
