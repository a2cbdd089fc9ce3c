"""What scales out today: the long table split by report, each part checked on its own.

Every rule reads the figures of one report only, so ``reportcheck.check(table, spec)``
on a table is the union of the checks of any partition of its reports — as long as
all rows of a report land in the same part. This script splits a corpus by a hash
of the report label into ``--parts`` parts, checks them in a process pool of
``--workers`` processes (what a Spark ``mapInPandas``/``applyInPandas`` grouped by a
report bucket, or a Dask ``map_partitions`` after a shuffle on the report, would do
on a cluster), and compares with the single-process run:

- the findings of every report must be the same (id, report, severity, message, suggestion);
  a finding about the whole call (no report) comes once per part;
- the wall time of both is printed (on a shared 2-CPU machine expect at most ≈2×).

    python benchmarks/partitioned.py --corpus benchmarks/out/corpus-10000.parquet --parts 8 --workers 2

Diagnosis (``--diagnose``) is per report as well, with one caveat: the engine
diagnoses at most 1000 failing reports per call (``evaluate(max_diagnosed=...)``),
so a partitioned run diagnoses more reports in total than one call over the whole
table (more suggestions, more time); below 1000 failing reports the results are
identical. Without ``--diagnose`` both runs use ``diagnose=False``.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


_SPEC = None


def _check_part(args):
    global _SPEC
    part, spec_path, diagnose = args
    import reportcheck

    if _SPEC is None:  # once per worker
        _SPEC = reportcheck.load_spec(spec_path)
    res = reportcheck.check(part, _SPEC, diagnose=diagnose)
    return [_key(f) for f in res.findings], res.checks


def _key(f):
    return (f.id, f.report, f.severity.value, f.message, f.suggestion)


def partitions(df: pd.DataFrame, parts: int) -> list[pd.DataFrame]:
    """Split by report: every row of a report in the same part (a stable hash of the label)."""
    codes = pd.util.hash_pandas_object(df["report"], index=False).to_numpy() % np.uint64(parts)
    return [df[codes == p] for p in range(parts) if (codes == p).any()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(HERE / "out" / "corpus-10000.parquet"))
    ap.add_argument("--spec", default=str(ROOT / "specs" / "jining-2024.yaml"))
    ap.add_argument("--parts", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--diagnose", action="store_true",
                    help="diagnose the likely slips too (capped per call: partitions then diagnose more reports)")
    args = ap.parse_args(argv)

    import reportcheck

    df = pd.read_parquet(args.corpus) if args.corpus.endswith(".parquet") else pd.read_csv(args.corpus)
    spec = reportcheck.load_spec(args.spec)
    reportcheck.check(df[df["report"].isin(pd.unique(df["report"])[:20])], spec)  # warm-up

    t = time.perf_counter()
    whole = reportcheck.check(df, spec, diagnose=args.diagnose)
    _ = whole.findings  # written out here too, as the workers do (findings are lazy)
    t_whole = time.perf_counter() - t
    one = sorted((_key(f) for f in whole.findings), key=str)

    parts = partitions(df, args.parts)
    t = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        out = list(pool.map(_check_part, [(p, args.spec, args.diagnose) for p in parts]))
    t_parts = time.perf_counter() - t
    many = sorted((x for found, _ in out for x in found), key=str)
    checks = sum(c for _, c in out)

    print(f"{args.corpus}: {df['report'].nunique():,} reports, {len(df):,} rows")
    print(f"one process:                       {t_whole:6.2f} s, {len(one):,} findings, {whole.checks:,} checks")
    print(f"{len(parts)} parts on {args.workers} worker processes:     {t_parts:6.2f} s, {len(many):,} findings, "
          f"{checks:,} checks (includes starting the workers and pickling the parts)")
    # findings about the whole call (no report: e.g. "rule X cannot be fed by N reports") come once
    # per part, with that part's counts: they are summaries, compared only by rule id
    per_report = lambda xs: [x for x in xs if x[1] is not None]  # noqa: E731
    calls_one = {x[0] for x in one if x[1] is None}
    calls_many = {x[0] for x in many if x[1] is None}
    same = per_report(one) == per_report(many) and checks == whole.checks and calls_one == calls_many
    print(f"same findings per report: {'yes' if per_report(one) == per_report(many) else 'NO'}; "
          f"summary findings (no report): {sum(x[1] is None for x in one)} in one process, "
          f"{sum(x[1] is None for x in many)} over the parts, about the same rules: "
          f"{'yes' if calls_one == calls_many else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
