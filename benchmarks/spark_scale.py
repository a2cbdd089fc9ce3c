"""One process against Spark local mode on the same long table: rows per second per core.

    python benchmarks/spark_scale.py --reports 1000 5000 --cores 1 2

For each size, a synthetic corpus (benchmarks/make_corpus.py: every indicator of the
bundled Jining spec for each city-year, some slips) is written once as a Parquet
dataset, then checked end to end, reading included:

- ``one process``: ``pd.read_parquet`` + ``reportcheck.check(table, spec)``, then
  ``verdicts()`` and every finding written out (what the Spark job produces;
  ``--verdicts-only``: ``verdicts()`` alone);
- ``spark local[N]``: ``spark.read.parquet`` + ``reportcheck.spark.check_table`` with
  verdicts and findings, forced by writing both to Spark's ``noop`` sink from one
  persisted pass (``--verdicts-only``: verdicts alone, ``findings=False``).

Each Spark size is run twice in the same session and the second run is reported
(the first pays the Python workers' start-up and imports; both are printed).
CPU is the CPU time of the whole process tree (driver, JVM, Python workers) read
from /proc, so "rows per CPU-second" counts Spark's own overhead; ``wall`` is
elapsed time. The last line, ``latency``, is a 10-report table: the fixed cost of
one Spark job. Results also go to ``--json``. On a shared machine wall times move
with the load; CPU seconds much less.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))


def _tree_cpu(root: int | None = None) -> float:
    """utime + stime (+ those of waited-for children) of ``root`` and all its descendants, in seconds."""
    root = root or os.getpid()
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        parents[int(d)] = int(fields[1])
        cpu[int(d)] = sum(int(x) for x in fields[11:15]) / tick
    total, todo = 0.0, [root]
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        total += cpu.get(pid, 0.0)
        todo.extend(children.get(pid, []))
    return total


def _measure(fn):
    c0, t0 = _tree_cpu(), time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, _tree_cpu() - c0, out


def one_process(path: Path, spec, verdicts_only: bool = False) -> tuple[float, float, int]:
    import pandas as pd

    import reportcheck

    def run():
        table = pd.read_parquet(path)
        result = reportcheck.check(table, spec)
        v = result.verdicts()
        return len(v) + (0 if verdicts_only else len(result.findings))

    return _measure(run)


def spark_run(spark, path: Path, spec, verdicts_only: bool) -> tuple[float, float, int]:
    from pyspark import StorageLevel

    from reportcheck.spark import check_table

    def run():
        out = check_table(spark.read.parquet(str(path)), spec, findings=not verdicts_only)
        if verdicts_only:
            out.verdicts.write.format("noop").mode("overwrite").save()
            return 0
        out.persist(StorageLevel.MEMORY_AND_DISK)  # one pass of the engine for both frames
        out.verdicts.write.format("noop").mode("overwrite").save()
        out.findings.write.format("noop").mode("overwrite").save()
        out.unpersist()
        return 0

    return _measure(run)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--cores", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--verdicts-only", action="store_true")
    ap.add_argument("--json", default=None, help="write the measurements here")
    args = ap.parse_args(argv)

    import make_corpus
    import pandas as pd  # noqa: F401

    spec = make_corpus.load()
    rows_out: list[dict] = []
    tmp = Path(tempfile.mkdtemp(prefix="reportcheck-spark-"))
    paths = {}
    for n in args.reports + [10]:
        table = make_corpus.make_corpus(spec, n, seed=2024)
        p = tmp / f"corpus-{n}"
        p.mkdir()
        k = 4
        for i in range(k):  # a dataset of 4 part files, as a cluster job would write it
            table.iloc[i * len(table) // k:(i + 1) * len(table) // k].to_parquet(p / f"part-{i:05d}.parquet")
        paths[n] = (p, len(table))

    # one process: warm up (imports, unit registry), then measure
    one_process(paths[10][0], spec)
    for n in args.reports:
        p, rows = paths[n]
        wall, cpu, _ = one_process(p, spec, args.verdicts_only)
        rows_out.append({"path": "one process", "cores": 1, "reports": n, "rows": rows, "wall": wall, "cpu": cpu})
        print(f"one process      reports={n:>6} rows={rows:>8} wall={wall:7.2f}s cpu={cpu:7.2f}s "
              f"rows/cpu-s={rows / cpu:10.0f}", flush=True)

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    for cores in args.cores:
        spark = (SparkSession.builder.master(f"local[{cores}]").appName("reportcheck-scale")
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false")
                 .config("spark.sql.shuffle.partitions", str(2 * cores))
                 .config("spark.driver.memory", "2g")
                 .getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        lat = []
        for _ in range(2):
            wall, cpu, _ = spark_run(spark, paths[10][0], spec, args.verdicts_only)
            lat.append((wall, cpu))
        rows_out.append({"path": f"spark local[{cores}]", "cores": cores, "reports": 10, "rows": paths[10][1],
                         "wall": lat[-1][0], "cpu": lat[-1][1], "latency": True, "first_wall": lat[0][0]})
        print(f"spark local[{cores}] latency (10 reports): first {lat[0][0]:.2f}s, then {lat[-1][0]:.2f}s wall, "
              f"{lat[-1][1]:.2f}s cpu", flush=True)
        for n in args.reports:
            p, rows = paths[n]
            first = spark_run(spark, p, spec, args.verdicts_only)
            wall, cpu, _ = spark_run(spark, p, spec, args.verdicts_only)
            rows_out.append({"path": f"spark local[{cores}]", "cores": cores, "reports": n, "rows": rows,
                             "wall": wall, "cpu": cpu, "first_wall": first[0]})
            print(f"spark local[{cores}]   reports={n:>6} rows={rows:>8} wall={wall:7.2f}s cpu={cpu:7.2f}s "
                  f"rows/cpu-s={rows / cpu:10.0f} rows/s/core={rows / wall / cores:10.0f} "
                  f"(first run {first[0]:.2f}s)", flush=True)
        spark.stop()

    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    print(f"load average during the run: {' '.join(load)} on {os.cpu_count()} CPUs")
    if args.json:
        Path(args.json).write_text(json.dumps({"runs": rows_out, "load": load, "cpus": os.cpu_count(),
                                               "verdicts_only": args.verdicts_only}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
