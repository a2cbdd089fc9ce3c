"""Many documents in one command: throughput, memory at 100 vs 1,000 documents, 2 jobs vs 1.

    python benchmarks/many_documents.py --command extract --docs 100 1000 --formats json csv
    python benchmarks/many_documents.py --command compare --docs 100 1000 --formats json text sarif junit github html
    python benchmarks/many_documents.py --command lint --docs 25 250 --repeat 1 --formats json text html
    python benchmarks/many_documents.py --command check --docs 100 1000 --formats json text
    python benchmarks/many_documents.py --in-process 8 [--profile lint]

The documents: for ``extract`` and ``lint``, the 25 provincial reports of the corpus
(../shared/corpus/provinces-2026, else tests/data/corpus); for ``compare``, the two
republications of the Hubei report (tests/data/republications/hubei-*.md) against
tests/data/corpus/hubei.txt; for ``check``, the Jining report as drafts of its spec
(``check specs/jining-2024.yaml --text FILE …``) — each repeated with a distinct first line,
written to benchmarks/out/ (git ignores it). For each number of documents, format and number
of jobs, the whole command (``python -m reportcheck COMMAND … --format F -o OUT --jobs J``)
runs in a fresh measuring process, which reports from the operating system's accounting
(``getrusage(RUSAGE_CHILDREN)``): wall time, CPU time (user + system of the command and its
workers) and the peak resident set size of the largest single process. The outputs of
``--jobs 1`` and ``--jobs 2`` are compared byte for byte (the text format's last line, which
gives the run's duration, left out).

``--in-process N``: the per-document cost without start-up — ``lint_text`` and
``extract`` on the first N corpus reports in this one process (a warm-up document first,
then CPU time by ``time.process_time``, the two interleaved document by document, a
``gc.collect()`` before each call, outside the time), and the ratio lint / extract; ``--profile lint`` (or ``extract``) prints the cProfile top of
that command over the same documents.

The machine is shared: run ``--repeat`` rounds, interleaving 1 and 2 jobs, and quote the
medians; the spread (min–max) says how noisy the run was.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_MEASURE = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall": wall, "cpu": u.ru_utime + u.ru_stime, "peak_kb": u.ru_maxrss}))
"""


def corpus() -> list[Path]:
    shared = ROOT.parent / "shared" / "corpus" / "provinces-2026"
    for d in (shared, ROOT / "tests" / "data" / "corpus"):
        files = sorted(d.glob("*.txt"))
        if files:
            return files
    sys.exit("no corpus documents found")


REPUBLICATIONS = ROOT / "tests" / "data" / "republications"
COMPARE_SOURCE = ROOT / "tests" / "data" / "corpus" / "hubei.txt"
CHECK_SPEC = ROOT / "specs" / "jining-2024.yaml"


def sources(command: str) -> tuple[str, list[Path]]:
    """(a name for the set, the documents repeated) for a command."""
    if command == "compare":
        return "hubei-republications", sorted(REPUBLICATIONS.glob("hubei-*.md"))
    if command == "check":
        return "jining", [ROOT / "data" / "jining-2024-work-report-interpretation.md"]
    return "docs", corpus()


def make_docs(n: int, command: str = "extract") -> list[Path]:
    name, src = sources(command)
    out = HERE / "out" / f"{name}-{n}"
    out.mkdir(parents=True, exist_ok=True)
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in src]
    paths = []
    for i in range(n):
        suffix, text = texts[i % len(texts)]
        p = out / f"doc-{i:05d}{suffix}"
        if not p.exists():
            p.write_text(f"文档{i}\n" + text, encoding="utf-8")
        paths.append(p)
    return paths


def command_line(command: str, docs: list[Path], fmt: str, jobs: int, output: Path) -> list[str]:
    if command == "compare":
        inputs = [str(COMPARE_SOURCE), *map(str, docs)]
    elif command == "check":
        inputs = [str(CHECK_SPEC), *(a for d in docs for a in ("--text", str(d)))]
    else:
        inputs = [str(d) for d in docs]
    return [sys.executable, "-m", "reportcheck", command, *inputs, "--format", fmt, "-o", str(output),
            "--jobs", str(jobs)]


def measure(command: str, docs: list[Path], jobs: int, output: Path, fmt: str = "json") -> dict:
    cmd = command_line(command, docs, fmt, jobs, output)
    env = {**os.environ, "PYTHONWARNINGS": "ignore::FutureWarning"}
    res = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, env=env)
    if res.returncode != 0:
        sys.exit(res.stderr[-2000:])
    out = json.loads(res.stdout.strip().splitlines()[-1])
    if out["rc"] not in (0, 1):
        sys.exit(f"{command} exited {out['rc']}")
    return out


def in_process(n: int, repeat: int, profile: str | None) -> int:
    import time

    from reportcheck.lint import lint_text
    from reportcheck.text.extract import extract

    texts = [(p.name, p.read_text(encoding="utf-8")) for p in corpus()[:n]]
    run = {"lint": lambda name, t: lint_text(t, file=name), "extract": lambda name, t: extract(t, file=name)}
    for name, t in texts[:1]:  # warm-up: imports, caches
        run["lint"](name, t)
        run["extract"](name, t)
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for name, t in texts:
            run[profile](name, t)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
        return 0
    cpu = {"lint": 0.0, "extract": 0.0}
    import gc

    for _ in range(repeat):
        for name, t in texts:
            for cmd in ("lint", "extract"):
                # each command starts with the collector's generations empty: the garbage one
                # command left was collected during the next and charged to it (main's extract
                # read 12.5 ms after its lint, 7.9 ms after a lint that left less)
                gc.collect()
                c = time.process_time()
                run[cmd](name, t)
                cpu[cmd] += time.process_time() - c
    k = repeat * len(texts)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; {len(texts)} documents "
          f"x {repeat}, in one process")
    print(f"lint_text {cpu['lint'] / k:.4f} CPU-s per document, extract {cpu['extract'] / k:.4f}: "
          f"lint / extract {cpu['lint'] / cpu['extract']:.1f}x")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--command", choices=("extract", "lint", "compare", "check"), default="extract")
    ap.add_argument("--docs", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--formats", nargs="+", default=["json"],
                    help="output formats to measure (extract: json csv; the others: json text sarif junit github html)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of (1 job, 2 jobs) per size and format")
    ap.add_argument("--in-process", type=int, metavar="N", help="per-document CPU of lint_text vs extract on N reports")
    ap.add_argument("--profile", choices=("lint", "extract"), help="with --in-process: cProfile of that command")
    args = ap.parse_args(argv)
    if args.in_process:
        return in_process(args.in_process, args.repeat, args.profile)

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; command: reportcheck "
          f"{args.command} … --format F -o OUT --jobs J")
    med = statistics.median
    rows: dict[tuple[int, str], dict[int, list[dict]]] = {}
    for n in args.docs:
        docs = make_docs(n, args.command)
        for r in range(args.repeat):  # rounds: every format, 1 and 2 jobs interleaved
            for fmt in args.formats:
                runs = rows.setdefault((n, fmt), {1: [], 2: []})
                for jobs in ((1, 2) if r % 2 == 0 else (2, 1)):
                    runs[jobs].append(measure(args.command, docs, jobs, _out(args.command, n, fmt, jobs), fmt))
                if r == 0:
                    runs["same"] = _same(_out(args.command, n, fmt, 1), _out(args.command, n, fmt, 2), fmt)
        print(f"load average after {n} documents: {os.getloadavg()[0]:.1f}")
        for fmt in args.formats:
            runs = rows[(n, fmt)]
            for jobs in (1, 2):
                w = [x["wall"] for x in runs[jobs]]
                c = [x["cpu"] for x in runs[jobs]]
                p = [x["peak_kb"] / 1024 for x in runs[jobs]]
                print(f"{n:6} documents, {fmt:6}, {jobs} job{'s' if jobs > 1 else ' '}: wall {med(w):7.2f} s "
                      f"({min(w):.2f}–{max(w):.2f})  CPU {med(c):7.2f} s ({min(c):.2f}–{max(c):.2f})  "
                      f"{n / med(c):7.1f} documents per CPU-second  peak RSS of the largest process "
                      f"{med(p):6.0f} MB ({min(p):.0f}–{max(p):.0f})")
            speedup = [a["wall"] / b["wall"] for a, b in zip(runs[1], runs[2])]
            print(f"{n:6} documents, {fmt:6}: speed-up with 2 jobs (wall, paired rounds) median {med(speedup):.2f}x "
                  f"(min {min(speedup):.2f}, max {max(speedup):.2f}); outputs of --jobs 1 and 2 identical: "
                  f"{'yes' if runs['same'] else 'NO'}")
    if len(args.docs) > 1:
        a, b = args.docs[0], args.docs[-1]
        for fmt in args.formats:
            for jobs in (1, 2):
                pa = [x["peak_kb"] for x in rows[(a, fmt)][jobs]]
                pb = [x["peak_kb"] for x in rows[(b, fmt)][jobs]]
                print(f"peak memory, {fmt:6}, {jobs} job{'s' if jobs > 1 else ' '}, at {b} documents / at {a}: "
                      f"{med(pb) / med(pa):.2f}x (max/min {max(pb) / min(pa):.2f}x; 1.0: independent of the number)")
    return 0


def _out(command: str, n: int, fmt: str, jobs: int) -> Path:
    return HERE / "out" / f"many-{command}-{n}-{fmt}-j{jobs}.out"


def _same(a: Path, b: Path, fmt: str) -> bool:
    x, y = a.read_bytes(), b.read_bytes()
    if fmt == "text":  # the last line gives the run's duration
        x, y = x.rstrip(b"\n").rsplit(b"\n", 1)[0], y.rstrip(b"\n").rsplit(b"\n", 1)[0]
    return x == y


if __name__ == "__main__":
    raise SystemExit(main())
