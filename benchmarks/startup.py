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


def _console_script() -> list[str]:
    here = Path(sys.executable).parent / "reportcheck"
    if here.exists():
        return [str(here)]
    found = shutil.which("reportcheck")
    if found is None:
        sys.exit("reportcheck console script not found; pip install -e . first (or use --module)")
    return [found]


def _wall(cmd: list[str], env: dict[str, str], expect: set[int]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=env.get("_RC_CWD"))
    dt = time.perf_counter() - t
    if proc.returncode not in expect:
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}")
    return dt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=11, help="rounds (each runs both commands once)")
    ap.add_argument("--module", action="store_true", help="run `python -m reportcheck check` instead of the script")
    ap.add_argument("--cwd", default=None, help="directory to run in (default: a temporary empty one)")
    args = ap.parse_args(argv)

    import tempfile

    cwd = args.cwd or tempfile.mkdtemp(prefix="rc-startup-")  # any directory: the bundled spec is in the package
    env = dict(os.environ, _RC_CWD=cwd, PYTHONDONTWRITEBYTECODE="")
    env.pop("PYTHONDONTWRITEBYTECODE")
    floor = [sys.executable, "-c", "import pandera.pandas, pint"]
    rc = ([sys.executable, "-m", "reportcheck"] if args.module else _console_script()) + ["check"]

    # one warm-up of each (bytecode caches, page cache), not counted
    _wall(floor, env, {0})
    _wall(rc, env, {0, 1})
    f_times, r_times, ratios = [], [], []
    for i in range(args.repeat):
        # alternate the order so that a burst of load from elsewhere hits both
        if i % 2:
            r = _wall(rc, env, {0, 1})
            f = _wall(floor, env, {0})
        else:
            f = _wall(floor, env, {0})
            r = _wall(rc, env, {0, 1})
        f_times.append(f)
        r_times.append(r)
        ratios.append(r / f)
    fm, rm = statistics.median(f_times), statistics.median(r_times)
    print(f"machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}, {args.repeat} rounds")
    print(f"floor  {' '.join(floor[1:])!s:45} median {fm:6.3f} s  (min {min(f_times):.3f}, max {max(f_times):.3f})")
    print(f"check  {' '.join(Path(rc[0]).name if j == 0 else x for j, x in enumerate(rc))!s:45} "
          f"median {rm:6.3f} s  (min {min(r_times):.3f}, max {max(r_times):.3f})")
    ratio = rm / fm
    paired = statistics.median(ratios)
    print(f"ratio of medians {ratio:.2f}x, median of per-round ratios {paired:.2f}x "
          f"(goal <= {GOAL}x): {'met' if max(ratio, paired) <= GOAL else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
