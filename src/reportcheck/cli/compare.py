"""``reportcheck compare`` (republications against their source) and ``reportcheck targets``
(last year's targets against this year's outcomes)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reportcheck.cli_io import emit as _emit
from reportcheck.cli_io import emit_stream, load_text
from reportcheck.cli_io import refuse_overwrite as _refuse_overwrite
from reportcheck.cli_io import require_files as _require_files


def cmd_compare(args: argparse.Namespace) -> int:
    """Every TEXT against SOURCE, the source read and indexed once."""
    from reportcheck.compare import source_index

    started = time.perf_counter()
    source = Path(args.source)
    texts = [Path(p) for p in args.texts]
    _require_files([source, *texts])
    if args.output:
        _refuse_overwrite(args.output, [source, *texts])
    global _COMPARE
    # the workers are forked: they start with the source read and indexed once, here
    _COMPARE = (source_index(source), args.complete)
    from reportcheck.jobs import map_documents

    return emit_stream(args, map_documents(_compare_one, texts, jobs=args.jobs, label="compare"), started)


_COMPARE: tuple = (None, False)


def _compare_one(path):
    """One TEXT against the indexed source; the result without its matches (the source's
    figures they point at would travel back from a worker with every result; no reporter
    reads them)."""
    from reportcheck.compare import compare
    from reportcheck.report._stream import portable

    index, complete = _COMPARE
    result = compare(index, load_text(path), text_file=str(path), complete=complete)
    for name in ("matches", "year_matches"):
        if hasattr(result, name):
            delattr(result, name)
    return portable(result)


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
