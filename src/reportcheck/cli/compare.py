"""``reportcheck compare`` (republications against their source) and ``reportcheck targets``
(last year's targets against this year's outcomes)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reportcheck.cli_io import emit as _emit
from reportcheck.cli_io import load_text
from reportcheck.cli_io import refuse_overwrite as _refuse_overwrite
from reportcheck.cli_io import require_files as _require_files


def cmd_compare(args: argparse.Namespace) -> int:
    """Every TEXT against SOURCE, the source read and indexed once."""
    from reportcheck.compare import compare, source_index

    started = time.perf_counter()
    source = Path(args.source)
    texts = [Path(p) for p in args.texts]
    _require_files([source, *texts])
    if args.output:
        _refuse_overwrite(args.output, [source, *texts])
    index = source_index(source)
    results = [compare(index, load_text(p), text_file=str(p), complete=args.complete) for p in texts]
    return _emit(args, results, time.perf_counter() - started)


def cmd_targets(args: argparse.Namespace) -> int:
    """PREVIOUS's targets against their outcomes in CURRENT (reportcheck.targets)."""
    from reportcheck.targets import assess

    started = time.perf_counter()
    prev, cur = Path(args.previous), Path(args.current)
    _require_files([prev, cur])
    if args.output:
        _refuse_overwrite(args.output, [prev, cur])
    result = assess(load_text(prev), load_text(cur), str(prev), str(cur))
    return _emit(args, [result], time.perf_counter() - started)
