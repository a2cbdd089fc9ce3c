"""Whole-corpus speed: reportcheck against a naive pint loop and a pandera schema, same run.

    python benchmarks/make_corpus.py --reports 10000          # once: benchmarks/out/corpus-10000.parquet
    python benchmarks/corpus_speed.py --corpus benchmarks/out/corpus-10000.parquet

Each implementation runs in its own child process (so that memory and caches are
its own): the child reads the corpus, warms up on a small slice (imports, unit
registry), then times one full run and reports

- rule evaluations per second: reports × rules of the spec, evaluated (a rule
  that is not applicable to a report still counts: it had to be decided);
- peak memory *added* by the run: the peak resident set size during the run
  (sampled every 5 ms from /proc/self/statm) minus the RSS just before it; with
  ``--tracemalloc`` also the tracemalloc peak of a second, untimed run (Python and
  numpy allocations; Arrow buffers are not seen by tracemalloc, RSS sees everything);
- the failing (report, rule) pairs, which must be the same for all three.

The naive baseline is slow, so by default it runs on the first ``--naive-reports``
reports (500) and its rate is extrapolated per rule evaluation (it is linear: one
loop iteration per report). Ratios are computed from rates measured in this run.

The implementations:

- ``reportcheck``: ``reportcheck.check(table, spec)`` with default options, the
  failing pairs read from ``Result.verdicts()`` (every rule decided for every
  report; the Finding objects are written only when ``Result.findings`` is read);
- ``reportcheck-findings``: the same call, then every Finding written out
  (messages, cited figures, the likely slip diagnosed for up to 1000 failing
  reports) and the failing pairs read from the findings; ``reportcheck-nodiag``:
  the same with ``diagnose=False``; ``reportcheck-verdicts``: the engine core alone;
- ``naive``: :func:`baselines.naive_failures` — loop over reports and rules, pint Quantities;
- ``pandera``: :func:`baselines.pandera_failures` — pivot to a wide table (one row per
  report, units converted), validate a DataFrameSchema with one dataframe-level check
  per rule, read the failures from ``failure_cases``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

GOALS = {"vs_naive": 50.0, "vs_pandera": 1.0, "seconds_10k": 10.0, "memory_x": 4.0}


# ----------------------------------------------------------------------------------------
# the child: one implementation, one measurement
# ----------------------------------------------------------------------------------------
def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class _PeakRSS:
    def __init__(self, every: float = 0.005):
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss())
            time.sleep(self.every)

    def __enter__(self):
        self.peak = _rss()
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, _rss())


def child(impl: str, corpus: str, spec_path: str, n_reports: int | None, traced: bool = False) -> dict:
    import pandas as pd

    import baselines
    import reportcheck

    spec = reportcheck.load_spec(spec_path)
    df = pd.read_parquet(corpus) if corpus.endswith(".parquet") else pd.read_csv(corpus)
    if n_reports is not None:
        keep = pd.unique(df["report"])[:n_reports]
        df = df[df["report"].isin(keep)].reset_index(drop=True)
    reports = int(df["report"].nunique())
    table_bytes = int(df.memory_usage(deep=True).sum())
    warm = df[df["report"].isin(pd.unique(df["report"])[:20])]

    if impl == "reportcheck-verdicts":
        from reportcheck import engine

        def run(d):
            # the vectorised core alone: pivot once, every rule for every report (no findings)
            info = engine.spec_indicators(spec)
            rules = engine.compile_rules(spec, info)
            ids = list(dict.fromkeys(i for r in rules for i in r.references))
            ctx, _ = engine.build_context(d, info, ids, data_mode=True)
            out = set()
            for run_ in engine.run_rules(rules, ctx):
                for r in (run_.status == engine.ST_FAIL).nonzero()[0].tolist():
                    out.add((str(ctx.reports[r]), run_.rule.id))
            return out
    elif impl == "reportcheck":
        def run(d):
            # what a data team reads first: the decisions table (findings are written on demand)
            return baselines.reportcheck_verdict_failures(reportcheck.check(d, spec))
    elif impl.startswith("reportcheck"):
        diagnose = impl != "reportcheck-nodiag"

        def run(d):
            # every Finding written out: messages, cited figures and (unless nodiag) likely slips
            return baselines.reportcheck_failures(reportcheck.check(d, spec, diagnose=diagnose))
    elif impl in ("numpy", "polars", "duckdb"):
        fns = baselines.rule_fns(spec)
        fn = getattr(baselines, f"{impl}_failures")

        def run(d):
            return fn(d, spec, fns)
    elif impl == "naive":
        def run(d):
            return baselines.naive_failures(d, spec)
    elif impl == "pandera":
        schema = baselines.pandera_schema(spec)

        def run(d):
            return baselines.pandera_failures(d, spec, schema)
    else:
        raise SystemExit(f"unknown implementation {impl!r}")

    run(warm)
    gc.collect()
    before = _rss()
    with _PeakRSS() as peak:
        t = time.perf_counter()
        cpu = time.process_time()
        fails = run(df)
        cpu = time.process_time() - cpu
        seconds = time.perf_counter() - t
    traced_peak = None
    if traced:  # a second run: tracemalloc slows allocation-heavy code several times, so never timed
        del fails
        gc.collect()
        tracemalloc.start()
        fails = run(df)
        traced_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {
        "impl": impl, "reports": reports, "rows": len(df), "rules": len(spec.rules),
        "evaluations": reports * len(spec.rules), "seconds": seconds, "cpu_seconds": cpu,
        "table_bytes": table_bytes, "rss_before": before, "rss_peak_added": peak.peak - before,
        "traced_peak": traced_peak, "failures": sorted([list(x) for x in fails]),
    }


# ----------------------------------------------------------------------------------------
# the parent: run the children, compare
# ----------------------------------------------------------------------------------------
def _spawn(impl: str, corpus: str, spec: str, n: int | None, traced: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--child", impl, "--corpus", corpus, "--spec", spec]
    if traced:
        cmd.append("--tracemalloc")
    if n is not None:
        cmd += ["--reports", str(n)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"{impl} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines()
                   if x.startswith("MemTotal"))
        mem_s = f"{mem / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        mem_s = "? RAM"
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem_s}, Python {platform.python_version()}, "
            f"load average {os.getloadavg()[0]:.1f}")


def _mb(b: float) -> str:
    return f"{b / 1e6:,.0f} MB"


LABELS = {"reportcheck": "reportcheck.check(table, spec)",
          "reportcheck-findings": "  … + every finding written out",
          "reportcheck-nodiag": "  … + every finding, diagnose=False",
          "reportcheck-verdicts": "  … verdicts only (engine core)",
          "numpy": "(c) plain numpy pivot + rules",
          "polars": "(d) polars pivot + rules",
          "duckdb": "(e) duckdb pivot + rules",
          "pandera": "(b) pandera DataFrameSchema",
          "naive": "(a) naive loop, pint Quantities"}
FAST = ("reportcheck", "numpy", "polars", "duckdb", "pandera")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", default=[str(HERE / "out" / "corpus-10000.parquet")],
                    help="one or more corpora (e.g. 10k and 100k reports: growth exponents between them)")
    ap.add_argument("--spec", default=str(ROOT / "specs" / "jining-2024.yaml"))
    ap.add_argument("--only", nargs="+", choices=list(LABELS), help="run only these implementations")
    ap.add_argument("--naive-reports", type=int, default=500, help="reports the naive baseline runs on (0: all)")
    ap.add_argument("--pandera-reports", type=int, default=0, help="reports the pandera baseline runs on (0: all)")
    ap.add_argument("--json", metavar="PATH", help="also write the measurements as JSON")
    ap.add_argument("--tracemalloc", action="store_true",
                    help="also measure the tracemalloc peak (an extra, untimed run of each implementation)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--reports", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        res = child(args.child, args.corpus[0], args.spec, args.reports, args.tracemalloc)
        print(json.dumps(res))
        return 0

    for c in args.corpus:
        if not Path(c).exists():
            sys.exit(f"{c}: no such corpus; make one with python benchmarks/make_corpus.py")
    print(f"machine: {machine()}")
    tm = args.tracemalloc
    impls = args.only or list(LABELS)
    all_runs: dict[str, dict] = {}
    agree_all = True
    for ci, corpus in enumerate(args.corpus):
        runs = {}
        for impl in impls:
            if ci > 0 and impl not in FAST:  # the slow and the written-out runs: first corpus only
                continue
            n = {"pandera": args.pandera_reports or None, "naive": args.naive_reports or None}.get(impl)
            runs[impl] = _spawn(impl, corpus, args.spec, n, tm)
        all_runs[corpus] = runs
        agree_all &= _print_corpus(corpus, runs)
    if len(args.corpus) > 1:
        import math

        first, last = all_runs[args.corpus[0]], all_runs[args.corpus[-1]]
        print()
        print(f"growth from {args.corpus[0]} to {args.corpus[-1]} (exponent: log(time ratio) / log(size ratio); "
              f"1.0 is linear; goal for reportcheck <= 1.05)")
        for impl in first:
            if impl not in last:
                continue
            a, b = first[impl], last[impl]
            size = math.log(b["reports"] / a["reports"])
            print(f"  {LABELS[impl]:34} CPU exponent {math.log(b['cpu_seconds'] / a['cpu_seconds']) / size:5.2f}   "
                  f"wall exponent {math.log(b['seconds'] / a['seconds']) / size:5.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "runs": {
            c: {k: {kk: vv for kk, vv in v.items() if kk != "failures"} for k, v in r.items()}
            for c, r in all_runs.items()}}, indent=2))
    return 0 if agree_all else 1


def _print_corpus(corpus: str, runs: dict) -> bool:
    rc = runs.get("reportcheck") or next(iter(runs.values()))
    print()
    print(f"corpus: {corpus}: {rc['reports']:,} reports, {rc['rows']:,} rows, {rc['rules']} rules "
          f"→ {rc['evaluations']:,} rule evaluations; table in memory {_mb(rc['table_bytes'])} "
          f"(df.memory_usage(deep=True))")
    print(f"{'implementation':34} {'reports':>8} {'seconds':>8} {'CPU s':>7} {'evaluations/s':>14} "
          f"{'peak RSS added':>15} {'x table':>7} {'tracemalloc peak':>17} {'failing pairs':>14}")
    for name, r in runs.items():
        rate = r["evaluations"] / r["seconds"]
        print(f"{LABELS[name]:34} {r['reports']:>8,} {r['seconds']:>8.2f} {r['cpu_seconds']:>7.2f} {rate:>14,.0f} "
              f"{_mb(r['rss_peak_added']):>15} {r['rss_peak_added'] / r['table_bytes']:>7.2f} "
              f"{_mb(r['traced_peak']) if r['traced_peak'] else '-':>17} {len(r['failures']):>14,}")
    # agreement: on the reports each implementation saw
    rc_pairs = {tuple(p) for p in rc["failures"]}
    ok_all = True
    for name, r in runs.items():
        if r is rc:
            continue
        if r["reports"] == rc["reports"]:
            ok = {tuple(p) for p in r["failures"]} == rc_pairs
        else:
            import pandas as pd

            df = pd.read_parquet(corpus, columns=["report"]) if corpus.endswith(".parquet") else \
                pd.read_csv(corpus, usecols=["report"])
            seen = set(pd.unique(df["report"])[: r["reports"]].astype(str))
            ok = {tuple(p) for p in r["failures"]} == {p for p in rc_pairs if p[0] in seen}
        ok_all &= ok
        extra = "" if r["reports"] == rc["reports"] else f" (on its {r['reports']:,} reports)"
        print(f"failing pairs agree with reportcheck: {name}{extra}: {'yes' if ok else 'NO'}")
    if "reportcheck" in runs:
        print("ratios, reportcheck.check() + verdicts() against each (time of reportcheck / time of the other; "
              "< 1 is faster; CPU time sums every thread of polars and duckdb):")
        for name, r in runs.items():
            if name == "reportcheck":
                continue
            per = r["reports"] / rc["reports"]  # the naive and pandera subsets: per report
            cpu = rc["cpu_seconds"] * per / r["cpu_seconds"]
            wall = rc["seconds"] * per / r["seconds"]
            print(f"  vs {name:22} CPU {cpu:6.2f}x   wall {wall:6.2f}x")
        print(f"peak memory: {rc['rss_peak_added'] / rc['table_bytes']:.2f}x the table (peak RSS added by the run; "
              f"goal <= 2x)")
    return ok_all


if __name__ == "__main__":
    raise SystemExit(main())
