"""Extraction throughput over the corpus, next to a digit-run baseline measured in the same run.

    python benchmarks/extract_throughput.py [--repeat N] [--corpus DIR]

MB/s counts the UTF-8 bytes of the texts. The baseline is one precompiled
regex that only finds digit runs (``re.compile(r"\\d+").finditer``), consuming
every match, over the same texts. Each measurement is the best of N rounds
(default 5) so that a noisy shared machine shows its quiet moments.
extract() memoises number texts → values and intervals (bounded caches); rounds
after the first find them warm, so a cold round (caches emptied first) is shown too.
Goal (issue 2): extract() reaches at least 1/3 of the baseline's throughput.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reportcheck.text.extract import _clear_caches, extract  # noqa: E402


def corpus_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    shared = ROOT.parent / "shared" / "corpus" / "provinces-2026"
    return shared if shared.is_dir() else ROOT / "tests" / "data" / "corpus"


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--corpus", default=None)
    args = ap.parse_args(argv)
    d = corpus_dir(args.corpus)
    texts = [p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))]
    if not texts:
        print(f"no .txt files under {d}", file=sys.stderr)
        return 2
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    digits = re.compile(r"\d+")

    def baseline():
        n = 0
        for t in texts:
            for _ in digits.finditer(t):
                n += 1
        return n

    nfig = 0

    def run():
        nonlocal nfig
        nfig = sum(len(extract(t)) for t in texts)

    def run_cold():
        _clear_caches()
        run()

    run()  # warm-up (regex compilation, imports)
    t_base = best_of(baseline, args.repeat)
    t_ext = best_of(run, args.repeat)
    t_cold = best_of(run_cold, args.repeat)
    base_mbs, ext_mbs = mb / t_base, mb / t_ext
    print(f"corpus: {len(texts)} files, {mb:.2f} MB (UTF-8), {baseline()} digit runs, {nfig} figures")
    print(f"baseline  re.compile(r'\\d+').finditer : {base_mbs:9.1f} MB/s  ({t_base * 1000:.1f} ms)")
    print(f"extract()                            : {ext_mbs:9.2f} MB/s  ({t_ext * 1000:.1f} ms, "
          f"{t_ext / max(nfig, 1) * 1e6:.1f} µs per figure)")
    print(f"extract(), memo caches emptied first : {mb / t_cold:9.2f} MB/s  ({t_cold * 1000:.1f} ms, "
          f"{t_cold / max(nfig, 1) * 1e6:.1f} µs per figure)")
    print(f"ratio extract/baseline               : {ext_mbs / base_mbs:.4f}  (goal >= 0.3333; "
          f"cold {mb / t_cold / base_mbs:.4f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
