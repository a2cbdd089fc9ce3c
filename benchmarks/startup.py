"""Start-up time of ``reportcheck check`` (bundled report) against the import floor.

Measures, in the same run and interleaved round by round, the wall time from
process start to exit of

- the floor: ``python -c "import pandera.pandas, pint"`` (what any tool that
  validates with pandera and converts units with pint pays at least), and
- ``reportcheck check`` on the bundled 2024 Jining report (the console script
  next to this interpreter; ``--module`` runs ``python -m reportcheck check``).

It prints the medians and the ratio (goal: at most 1.3× the floor), plus the
median of the per-round ratios, which is less sensitive to load from other
processes on a shared machine.

    python benchmarks/startup.py --repeat 15
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL = 1.3
# bytecode must be cacheable, as after `pip install`: the warm-up run writes stale .pyc files
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _console_script() -> list[str]:
    here = Path(sys.executable).parent / "reportcheck"
    if here.exists():
        return [str(here)]
    found = shutil.which("reportcheck")
    if found is None:
        sys.exit("reportcheck console script not found; pip install -e . first (or use --module)")
    return [found]


def _run(cmd: list[str], cwd: str, expect: set[int]) -> tuple[float, float]:
    """(wall seconds, CPU seconds user+system) of one run, start to exit."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=_ENV)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    dt = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode not in expect:
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: {err.decode(errors='replace')[-500:]}")
    return dt, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=11, help="rounds (each runs both commands once)")
    ap.add_argument("--module", action="store_true", help="run `python -m reportcheck check` instead of the script")
    ap.add_argument("--cwd", default=None, help="directory to run in (default: a temporary empty one)")
    ap.add_argument("--lint", metavar="FILE", default=None,
                    help="time `reportcheck lint FILE` (one document) instead of `reportcheck check`")
    args = ap.parse_args(argv)

    import tempfile

    cwd = args.cwd or tempfile.mkdtemp(prefix="rc-startup-")  # any directory: the bundled spec is in the package
    floor = [sys.executable, "-c", "import pandera.pandas, pint"]
    rc = ([sys.executable, "-m", "reportcheck"] if args.module else _console_script()) + (
        ["lint", str(Path(args.lint).resolve())] if args.lint else ["check"])

    # one warm-up of each (bytecode caches, page cache), not counted
    _run(floor, cwd, {0})
    _run(rc, cwd, {0, 1})
    f_wall, r_wall, f_cpu, r_cpu, ratios = [], [], [], [], []
    for i in range(args.repeat):
        # alternate the order so that a burst of load from elsewhere hits both
        if i % 2:
            rw, rcpu = _run(rc, cwd, {0, 1})
            fw, fcpu = _run(floor, cwd, {0})
        else:
            fw, fcpu = _run(floor, cwd, {0})
            rw, rcpu = _run(rc, cwd, {0, 1})
        f_wall.append(fw)
        r_wall.append(rw)
        f_cpu.append(fcpu)
        r_cpu.append(rcpu)
        ratios.append(rw / fw)
    med = statistics.median
    shown = " ".join(Path(rc[0]).name if j == 0 else x for j, x in enumerate(rc))
    print(f"machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}, {args.repeat} rounds (+1 warm-up)")
    print(f"{'':38} {'wall median':>11} {'min':>7} {'max':>7} {'CPU median':>11}")
    print(f"floor: python -c 'import pandera.pandas, pint' {med(f_wall):6.3f} s {min(f_wall):7.3f} {max(f_wall):7.3f} "
          f"{med(f_cpu):9.3f} s")
    print(f"{shown:38} {med(r_wall):8.3f} s {min(r_wall):7.3f} {max(r_wall):7.3f} {med(r_cpu):9.3f} s")
    ratio = med(r_wall) / med(f_wall)
    paired = med(ratios)
    cpu_ratio = med(r_cpu) / med(f_cpu)
    verdict = "met" if ratio <= GOAL else "MISSED"
    print(f"ratio (wall, medians) {ratio:.2f}x [goal <= {GOAL}x: {verdict}]; "
          f"median of per-round ratios {paired:.2f}x; CPU-time ratio {cpu_ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
