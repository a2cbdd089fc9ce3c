"""Time and peak memory of reportcheck on large documents (5, 10, 25, 50 MB).

Run from the repository root:

    python benchmarks/hardening_scaling.py                      # 5 10 25 50 MB; extract, check
    python benchmarks/hardening_scaling.py --sizes 0.25 0.5 1 --commands lint   # lint stops at 1 MB
    python benchmarks/hardening_scaling.py --sizes 5 20 50 --commands extract --formats json csv
    python benchmarks/hardening_scaling.py --sizes 5 20 --commands extract --markdown   # ** markup

Each document is real report text (the 25 provincial reports of tests/data/corpus and
the Jining report, concatenated and repeated) cut to the size, written to a temporary
directory, and each command runs in a fresh ``python -c`` process that reports its wall
time and peak resident memory (``ru_maxrss``). Output goes to a file in the temporary
directory (``extract`` writes CSV, or each of ``--formats``). The table printed at the end is what docs/security.md
quotes; "MB/s" is the document's size over the wall time, "x" the time relative to the
smallest size (linear scaling keeps it near the size ratio), "B/B" the peak resident
memory per byte of the document. ``--markdown`` repeats the Jining report instead (its
markdown ``**`` markers exercise the plain-text layer's offset map).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "jining-2024.yaml"
SOURCES = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")) + [
    ROOT / "data" / "jining-2024-work-report-interpretation.md"
]
SHARED = ROOT.parent / "shared" / "corpus" / "provinces-2026"  # the corpus beside the checkout

CHILD = r"""
import json, resource, sys, time
from reportcheck.cli import main
t = time.perf_counter()
rc = main(sys.argv[1:])
dt = time.perf_counter() - t
print(json.dumps({"rc": rc, "seconds": dt,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), file=sys.stderr)
"""


def corpus_text() -> str:
    files = sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else []
    files = files or SOURCES
    return "\n".join(p.read_text(encoding="utf-8") for p in files) + "\n"


def document(path: Path, megabytes: float, base: str) -> Path:
    target = int(megabytes * 1_000_000)
    unit = base.encode("utf-8")
    with path.open("wb") as fh:
        written = 0
        while written < target:
            chunk = unit[: target - written]
            # never cut a UTF-8 sequence in half
            chunk = chunk.decode("utf-8", errors="ignore").encode("utf-8")
            if not chunk:
                break
            fh.write(chunk)
            written += len(chunk)
    return path


def run(argv: list[str], timeout: float) -> dict:
    started = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", CHILD, *argv], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"rc": None, "seconds": time.perf_counter() - started, "peak_mb": None, "timeout": True}
    last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "{}"
    try:
        return json.loads(last)
    except json.JSONDecodeError:
        return {"rc": proc.returncode, "seconds": time.perf_counter() - started, "peak_mb": None,
                "error": proc.stderr[-500:]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[5, 10, 25, 50], help="document sizes in MB")
    # lint/init refuse documents over 1 MB (cli.MAX_LINT_BYTES): measure lint with --sizes 0.25 0.5 1
    ap.add_argument("--commands", nargs="+", default=["extract", "check"],
                    choices=["extract", "check", "lint"])
    ap.add_argument("--formats", nargs="+", default=["csv"], choices=["csv", "json"],
                    help="output formats of extract (each a run)")
    ap.add_argument("--markdown", action="store_true", help="repeat the marked-up Jining report")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    args = ap.parse_args()
    base = SOURCES[-1].read_text(encoding="utf-8") + "\n" if args.markdown else corpus_text()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        for mb in args.sizes:
            doc = document(tmpdir / f"doc-{mb:g}MB.md", mb, base)
            runs = [(c, f) for c in args.commands for f in (args.formats if c == "extract" else [None])]
            for cmd, fmt in runs:
                out = tmpdir / f"out-{cmd}"
                argv = {
                    "extract": ["extract", str(doc), "--format", fmt or "csv", "--output", str(out)],
                    "check": ["check", str(SPEC), "--text", str(doc), "--format", "json", "--output", str(out)],
                    "lint": ["lint", str(doc), "--format", "json", "--output", str(out)],
                }[cmd]
                r = run(argv, args.timeout)
                r.update(command=f"{cmd} {fmt}" if fmt else cmd, mb=mb)
                rows.append(r)
                secs = r["seconds"]
                print(f"{r['command']:12s} {mb:5g} MB  rc={r.get('rc')}  {secs:8.1f} s  "
                      f"{mb / secs if secs else 0:6.2f} MB/s  peak {r.get('peak_mb') or 0:8.0f} MB"
                      + ("  TIMEOUT" if r.get("timeout") else ""), flush=True)
                out.unlink(missing_ok=True)
            doc.unlink()
    print("\n| command | size | time | MB/s | x (time vs smallest) | peak RSS | B/B |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    first: dict[str, float] = {}
    for r in rows:
        first.setdefault(r["command"], r["seconds"])
        ratio = r["seconds"] / first[r["command"]] if first[r["command"]] else 0
        peak = f"{r['peak_mb']:.0f} MB" if r.get("peak_mb") else "?"
        print(f"| {r['command']} | {r['mb']:g} MB | {r['seconds']:.1f} s | {r['mb'] / r['seconds']:.2f} | "
              f"{ratio:.1f} | {peak} | {(r.get('peak_mb') or 0) / r['mb']:.1f} |"
              + (" timeout" if r.get("timeout") else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
