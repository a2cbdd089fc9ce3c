"""``reportcheck lint`` (documents checked without a spec, on ``--jobs`` processes) and
``reportcheck init`` (a spec drafted for a document)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reportcheck.cli.startup import resume_gc as _resume_gc
from reportcheck.cli_io import EXIT_OK, emit_stream
from reportcheck.cli_io import limit_size as _limit_size
from reportcheck.cli_io import refuse_overwrite as _refuse_overwrite
from reportcheck.cli_io import require_files as _require_files
from reportcheck.cli_io import write_output as _write
from reportcheck.errors import InputError


def cmd_lint(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    paths = [Path(p) for p in args.files]
    _require_files(paths)
    _limit_size(paths, "lint")
    if args.output:
        _refuse_overwrite(args.output, paths)
    from reportcheck.jobs import map_documents

    # the libraries every document needs, imported with the collector off (see main); then the
    # start-up heap is frozen — never walked again, and shared untouched by forked workers
    import pandas  # noqa: F401
    import pandera.pandas  # noqa: F401

    from reportcheck.quantities.units import registry

    registry()
    _resume_gc()
    return emit_stream(args, map_documents(_lint_one, paths, jobs=args.jobs, label="lint"), started)


def _lint_one(path):
    from reportcheck.lint import lint_file
    from reportcheck.report._stream import portable

    return portable(lint_file(path))


def cmd_init(args: argparse.Namespace) -> int:
    path = Path(args.file)
    _require_files([path])
    _limit_size([path], "init")
    if args.output:
        _refuse_overwrite(args.output, [path])
        if Path(args.output).exists() and not args.force:
            raise InputError("exists and may be hand-edited: not overwritten (use --force)", file=args.output)
    from reportcheck.lint import init

    out = init(path, output=args.output)
    if not isinstance(out, str):
        out = getattr(out, "text", None) or str(out)
    _write(args.output, out if out.endswith("\n") else out + "\n")
    return EXIT_OK
