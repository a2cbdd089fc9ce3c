"""The ``reportcheck`` command: check, lint, extract, init, compare, targets.

Exit status (the contract):

- **0** no error-severity finding (warnings and infos allowed; ``--strict`` fails on warnings);
- **1** at least one error finding;
- **2** the command line or an input is invalid: one line per problem on stderr,
  ``file:line: message``, never a traceback.

Start-up is kept fast: pandas, pandera and pint are imported only inside the command
functions (``reportcheck --help`` imports none of them).

The package: ``parser`` (the parser and its help) · ``startup`` (garbage collector and
pandera at start-up) · ``messages`` (known exceptions as one line) · one module per
command or group: ``check``, ``lint`` (lint, init), ``extract``, ``compare`` (compare,
targets). Reading, checking and writing files is :mod:`reportcheck.cli_io`.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Sequence

# every name the one-module ``cli`` had (commands, helpers, I/O) stays importable from here
from reportcheck.cli import startup as _startup
from reportcheck.cli.check import _check_text_one, _load_specs, _run_engine, cmd_check
from reportcheck.cli.compare import cmd_compare, cmd_targets
from reportcheck.cli.extract import (
    _extract_csv_one,
    _extract_figures,
    _extract_json_one,
    _write_many,
    cmd_extract,
)
from reportcheck.cli.lint import _lint_one, cmd_init, cmd_lint
from reportcheck.cli.messages import _reason, describe_exception
from reportcheck.cli.parser import EXTRACT_FORMATS, FORMATS, _jobs, _Parser, _UsageError, build_parser
from reportcheck.cli.startup import pandera_without_hypothesis as _pandera_without_hypothesis
from reportcheck.cli.startup import resume_gc as _resume_gc
from reportcheck.cli_io import (  # the command's I/O; these names stay importable from here
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    MAX_LINT_BYTES,
    load_table,
    load_text,
    terminal_safe,
    use_color,
    write_atomic,
)
from reportcheck.cli_io import emit as _emit
from reportcheck.cli_io import emit_stream, output_stream
from reportcheck.cli_io import limit_size as _limit_size
from reportcheck.cli_io import refuse_overwrite as _refuse_overwrite
from reportcheck.cli_io import require_files as _require_files
from reportcheck.cli_io import write_output as _write
from reportcheck.errors import InputError
from reportcheck.errors import one_line as _one_line

__all__ = ["main", "build_parser", "describe_exception", "EXIT_OK", "EXIT_FINDINGS", "EXIT_INVALID",
           "MAX_LINT_BYTES", "load_table", "load_text", "terminal_safe", "use_color", "write_atomic"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    gc_paused = False
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help / --version
            return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_INVALID
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_INVALID
        handler = {"check": cmd_check, "lint": cmd_lint, "extract": cmd_extract, "init": cmd_init,
                   "compare": cmd_compare, "targets": cmd_targets}[args.command]
        if args.command in ("check", "lint"):
            gc_paused = _startup.pause_gc()  # until the spec is loaded (see startup.pause_gc)
        with warnings.catch_warnings():
            if not os.environ.get("REPORTCHECK_DEBUG"):
                # stderr carries one line per problem: no multi-line library warnings
                warnings.simplefilter("ignore")
            if args.command in ("check", "lint"):  # the commands that validate tables with pandera
                # inside the filter: an import-time warning of a dependency (pandera importing
                # an installed pyspark) is not a problem line
                _startup.pandera_without_hypothesis()
            return handler(args)
    except _UsageError as exc:
        _err(_one_line(str(exc)))
        return EXIT_INVALID
    except InputError as exc:
        for p in exc.problems:
            _err(_one_line(str(p)))
        return EXIT_INVALID
    except KeyboardInterrupt as exc:
        _err("reportcheck: interrupted")
        return 128 + exc.signum if hasattr(exc, "signum") else 130
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the contract: never a traceback
        msg = describe_exception(exc)
        if msg is None:
            if os.environ.get("REPORTCHECK_DEBUG"):
                raise
            msg = (f"reportcheck: internal error: {type(exc).__name__}: {exc} "
                   "(set REPORTCHECK_DEBUG=1 for the traceback)")
        for line in msg.splitlines() or [msg]:
            _err(_one_line(line))
        return EXIT_INVALID
    finally:
        if gc_paused:
            _startup.resume_gc()


def _err(line: str) -> None:
    try:
        print(line, file=sys.stderr)
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
