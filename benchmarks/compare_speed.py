"""Throughput of ``reportcheck compare``: articles per second against one indexed source.

    python benchmarks/compare_speed.py [--repeat N] [--copies K]

The articles are the development set (tests/data/republications/*.md, about one
kilobyte of UTF-8 each), each compared against its own source; every source is
read and indexed once (``source_index``), as ``compare SOURCE A1 A2 …`` does, and
that one-off cost is reported apart. The baseline, measured in the same run on
the same articles, is ``reportcheck.extract()`` alone: compare must extract the
article's figures too, so the ratio says what matching and judging add.
Each number is the best of N rounds (default 5); CPU time (process_time) is
shown next to wall time because the development machine is shared.
Goal (issue 13): at least 20 one-kilobyte articles per second per core.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reportcheck.compare import compare, source_index  # noqa: E402
from reportcheck.text.extract import extract  # noqa: E402

DEV = ROOT / "tests" / "data" / "republications"


def best_of(fn, repeat: int) -> tuple[float, float]:
    """(best wall seconds, best CPU seconds) over ``repeat`` rounds."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--copies", type=int, default=4, help="each article compared this many times per round")
    args = ap.parse_args(argv)

    jobs = []  # (source path, article text)
    for art in sorted(DEV.glob("*.md")):
        labels = yaml.safe_load(art.with_suffix(".labels.yaml").read_text(encoding="utf-8"))
        jobs.append((ROOT / labels["source"], art.read_text(encoding="utf-8")))
    jobs = jobs * args.copies
    n = len(jobs)
    kb = sum(len(t.encode("utf-8")) for _, t in jobs) / 1024

    w0 = time.perf_counter()
    indexes = {src: source_index(src) for src in {s for s, _ in jobs}}
    index_s = time.perf_counter() - w0
    # warm: the unit registry and the extractor's caches, as in a long-running checker
    for src, text in jobs[: len(jobs) // args.copies]:
        compare(indexes[src], text)

    cmp_wall, cmp_cpu = best_of(lambda: [compare(indexes[s], t) for s, t in jobs], args.repeat)
    ext_wall, ext_cpu = best_of(lambda: [extract(t) for _, t in jobs], args.repeat)

    print(f"articles: {n} ({kb:.1f} KB, {kb / n:.2f} KB each) against {len(indexes)} sources")
    print(f"indexing the sources once: {index_s:.2f} s wall "
          f"({sum(len(i.entries) for i in indexes.values())} source figures)")
    print(f"compare: {n / cmp_wall:7.1f} articles/s wall, {n / cmp_cpu:7.1f} articles/s CPU, "
          f"{kb / cmp_cpu:6.1f} KB/s CPU")
    print(f"extract: {n / ext_wall:7.1f} articles/s wall, {n / ext_cpu:7.1f} articles/s CPU")
    print(f"compare / extract time (CPU): {cmp_cpu / ext_cpu:.1f}x")
    print(f"goal >= 20 one-KB articles/s/core: {'met' if n / cmp_cpu * (kb / n) >= 20 else 'NOT met'} "
          f"({n / cmp_cpu * (kb / n):.1f} KB-articles/s CPU)")


if __name__ == "__main__":
    main()
