"""The ``reportcheck`` command: check, lint, extract, init.

Exit status (the contract):

- **0** no error-severity finding (warnings and infos allowed; ``--strict`` fails on warnings);
- **1** at least one error finding;
- **2** the command line or an input is invalid: one line per problem on stderr,
  ``file:line: message``, never a traceback.

Start-up is kept fast: pandas, pandera and pint are imported only inside the command
functions (``reportcheck --help`` imports none of them).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Sequence

from reportcheck import __version__
from reportcheck.errors import InputError, Problem
from reportcheck.errors import one_line as _one_line

from reportcheck.report import FORMATS  # the reporter registry: one module per format

EXTRACT_FORMATS = ("csv", "json")

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

__all__ = ["main", "build_parser", "describe_exception", "EXIT_OK", "EXIT_FINDINGS", "EXIT_INVALID",
           "MAX_LINT_BYTES", "load_table", "load_text", "terminal_safe", "use_color", "write_atomic"]

_DESCRIPTION = """\
Check the figures of a government work report (政府工作报告) before they are republished:
totals consistent, percentages plausible, targets coherent, figures faithful to the source.
"""

_MAIN_EPILOG = """\
commands:
  check     check specs (and drafts, or tables) against their rules
  lint      check documents without a spec (rules inferred from the text)
  extract   list every figure of documents (CSV or JSON)
  init      draft a spec for a document
  compare   check republications (news, 解读, lists) against the report they cite
  targets   last year's targets (PREVIOUS report) against their outcomes (CURRENT report)

examples:
  reportcheck check                                   # the bundled 2024 Jining report
  reportcheck check specs/jining-2024.yaml --text draft.md
  reportcheck check specs/*.yaml --format sarif --output reportcheck.sarif
  reportcheck lint draft.md
  reportcheck extract report.md --format csv --output figures.csv
  reportcheck compare report.md news.md jiedu.md
  reportcheck targets report-2023.md report-2024.md

exit status: 0 no error finding, 1 at least one error finding (--strict: or warning),
             2 invalid command line or input (one 'file:line: message' per problem on stderr)
"""

_CHECK_EPILOG = """\
examples:
  reportcheck check
      check the bundled 2024 Jining report against its bundled spec
  reportcheck check specs/jining-2024.yaml
      check a spec's own source document
  reportcheck check specs/jining-2024.yaml --text drafts/jiedu.md --text drafts/news.md
      check two drafts of the same report, each on its own
  reportcheck check specs/jining-2024.yaml --data indicators.csv
      check a long table (columns report, indicator, value, optional unit; CSV or Parquet)
  reportcheck check specs/jining-2024.yaml --text draft.md --format html --output report.html
  reportcheck check --format sarif --output reportcheck.sarif --strict

exit status: 0 no error finding, 1 at least one error finding (--strict: or warning),
             2 invalid command line or input
"""

_LINT_EPILOG = """\
examples:
  reportcheck lint draft.md
  reportcheck lint reports/*.txt --format json --output lint.json

exit status: 0 no error finding, 1 at least one error finding (--strict: or warning),
             2 invalid command line or input
"""

_EXTRACT_EPILOG = """\
examples:
  reportcheck extract data/jining-2024-work-report-interpretation.md
      every figure as JSON on standard output
  reportcheck extract report.md --format csv --output figures.csv

exit status: 0 done, 2 invalid command line or input
"""

_COMPARE_EPILOG = """\
examples:
  reportcheck compare data/report.md news.md
      every figure of news.md matched to the report's figure it restates
  reportcheck compare data/report.md a1.md a2.md a3.md --format json
      many articles, the report read once
  reportcheck compare data/report.md translation.md --complete
      the text renders the whole report: each report figure it leaves out is a warning

exit status: 0 no error finding, 1 at least one error finding (--strict: or warning),
             2 invalid command line or input
"""

_TARGETS_EPILOG = """\
examples:
  reportcheck targets report-2023.md report-2024.md
      a table of the 2023 report's targets with their verdicts, then the findings
  reportcheck targets report-2023.md report-2024.md --format json
      the usual envelope plus "targets": [{indicator, verdict, target, outcome, reason}]

exit status: 0 no error finding (missed and not-reported targets are warnings; --strict: exit 1 on
             them), 2 invalid command line or input
"""

_INIT_EPILOG = """\
examples:
  reportcheck init data/report.md --output specs/report.yaml

exit status: 0 done, 2 invalid command line or input
"""


# --------------------------------------------------------------------------------------
# argument parsing
# --------------------------------------------------------------------------------------
class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message: str):  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message} (see '{self.prog} --help')")


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}")
    return n  # 0: the cores available


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = _Parser(prog="reportcheck", description=_DESCRIPTION, epilog=_MAIN_EPILOG, formatter_class=fmt)
    parser.add_argument("--version", action="version", version=f"reportcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def output_options(p: argparse.ArgumentParser, formats: Sequence[str], default: str) -> None:
        p.add_argument("--format", "-f", choices=formats, default=default,
                       help=f"output format (default: {default})")
        p.add_argument("--output", "-o", metavar="PATH",
                       help="write the report to PATH (atomically) instead of standard output")

    def jobs_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                       help="documents processed at once, on N processes (default: the cores available); "
                            "the output is the same for every N")

    check = sub.add_parser("check", help="check specs against their rules", description=(
        "Check each SPEC's rules on its source document, on drafts given with --text, or on a "
        "table given with --data. Without SPEC, the bundled 2024 Jining spec is checked."),
        epilog=_CHECK_EPILOG, formatter_class=fmt)
    check.add_argument("specs", nargs="*", metavar="SPEC", help="spec files (YAML); default: the bundled Jining spec")
    check.add_argument("--text", action="append", default=[], metavar="FILE",
                       help="check this document instead of the spec's source (repeatable; each checked on its own)")
    check.add_argument("--data", metavar="TABLE",
                       help="check a long table: CSV, Parquet, or a Parquet dataset directory, "
                            "with columns report, indicator, value, optional unit")
    output_options(check, FORMATS, "text")
    jobs_option(check)
    check.add_argument("--lang", choices=("en", "zh"), default="en", help="interface language of --format html")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--root", metavar="DIR", help="a spec's source must lie under DIR "
                       "(default: the repository holding the spec)")
    check.add_argument("--allow-outside-root", action="store_true",
                       help="read a spec's source even outside the root (trusted specs only)")

    lint = sub.add_parser("lint", help="check documents without a spec", description=(
        "Check documents without a spec: indicators and rules are inferred from the text alone."),
        epilog=_LINT_EPILOG, formatter_class=fmt)
    lint.add_argument("files", nargs="+", metavar="FILE", help="documents (md/txt, UTF-8 or GB18030)")
    output_options(lint, FORMATS, "text")
    jobs_option(lint)
    lint.add_argument("--lang", choices=("en", "zh"), default="en", help="interface language of --format html")
    lint.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    extract = sub.add_parser("extract", help="list every figure of documents", description=(
        "List every figure of the documents: text, value, unit, qualifier, interval, kind, position."),
        epilog=_EXTRACT_EPILOG, formatter_class=fmt)
    extract.add_argument("files", nargs="+", metavar="FILE", help="documents (md/txt, UTF-8 or GB18030)")
    output_options(extract, EXTRACT_FORMATS, "json")
    jobs_option(extract)

    comp = sub.add_parser("compare", help="check republications against their source", description=(
        "Check each TEXT (a news story, a 解读, a list, a caption, a translation) against SOURCE (a report "
        "document or a spec): every figure of the text is matched to the source figure it restates, by "
        "subject, period, kind and unit; an error when it contradicts it, a warning when it matches nothing."),
        epilog=_COMPARE_EPILOG, formatter_class=fmt)
    comp.add_argument("source", metavar="SOURCE", help="the report document (md/txt) or a spec (YAML)")
    comp.add_argument("texts", nargs="+", metavar="TEXT", help="republications, each checked on its own")
    comp.add_argument("--complete", action="store_true",
                      help="the text renders the whole source: each source figure it leaves out is a warning")
    output_options(comp, FORMATS, "text")
    comp.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    tg = sub.add_parser("targets", help="last year's targets against this year's outcomes", description=(
        "Pair every numeric target set in PREVIOUS (a report's plan for its year) with its outcome in CURRENT "
        "(the next year's report, which reviews that year) and judge it: met, missed, not_reported, unclear."),
        epilog=_TARGETS_EPILOG, formatter_class=fmt)
    tg.add_argument("previous", metavar="PREVIOUS", help="the report that set the targets (md/txt)")
    tg.add_argument("current", metavar="CURRENT", help="the next year's report (md/txt)")
    output_options(tg, FORMATS, "text")
    tg.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    init = sub.add_parser("init", help="draft a spec for a document", description=(
        "Draft a spec (YAML) for a document: its indicators and the rules inferred from the text."),
        epilog=_INIT_EPILOG, formatter_class=fmt)
    init.add_argument("file", metavar="FILE", help="the document")
    init.add_argument("--output", "-o", metavar="PATH", help="write the spec to PATH instead of standard output")
    init.add_argument("--force", action="store_true", help="overwrite PATH if it exists (a spec may be hand-edited)")
    return parser


# --------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------
def _pandera_without_hypothesis() -> None:
    """Start-up: keep pandera from importing hypothesis (≈60 ms) in a command-line run.

    pandera imports hypothesis, when installed, only to offer data-synthesis strategies;
    validating a table never uses them and no command does. So, unless hypothesis is
    already imported (a test session), pandera's strategies module is imported once
    with hypothesis hidden; pandera then records that it has no hypothesis, in this
    process only.
    """
    if "hypothesis" in sys.modules or "pandera.strategies.base_strategies" in sys.modules:
        return
    import importlib.abc

    # The same for pyspark (the 'spark' extra): pandera imports pyspark.pandas when it is
    # installed (≈1 s, and a FutureWarning on stderr); no command uses it.
    hidden = tuple(m for m in ("hypothesis", "pyspark") if m not in sys.modules)

    class _Hide(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".", 1)[0] in hidden:
                raise ImportError(f"{name} is not needed by the reportcheck command")
            return None

    hide = _Hide()
    sys.meta_path.insert(0, hide)
    try:
        import pandera.strategies.base_strategies  # noqa: F401
        import pandera.pandas  # noqa: F401 - looks for pyspark once more
    except Exception:  # noqa: BLE001 - pandera missing or changed: it simply loads as usual later
        pass
    finally:
        sys.meta_path.remove(hide)


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
        if args.command in ("check", "lint") and gc.isenabled():
            # start-up: importing pandas/pandera/pint allocates millions of objects and
            # little garbage; the cyclic collector would walk them all several times
            # (≈50 ms). It is off until the spec is loaded, then the start-up heap is
            # frozen (never walked again) and collection resumes for the real work.
            global _GC_PAUSED
            gc.disable()
            gc_paused = _GC_PAUSED = True
        with warnings.catch_warnings():
            if not os.environ.get("REPORTCHECK_DEBUG"):
                # stderr carries one line per problem: no multi-line library warnings
                warnings.simplefilter("ignore")
            if args.command in ("check", "lint"):  # the commands that validate tables with pandera
                # inside the filter: an import-time warning of a dependency (pandera importing
                # an installed pyspark) is not a problem line
                _pandera_without_hypothesis()
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
            _resume_gc()


_GC_PAUSED = False


def _resume_gc() -> None:
    """Collection back on after start-up (see main); the start-up heap is frozen first."""
    global _GC_PAUSED
    if _GC_PAUSED:
        _GC_PAUSED = False
        gc.freeze()
        gc.enable()


def describe_exception(exc: BaseException, file: str | None = None) -> str | None:
    """A ``file:line: message`` text for the input errors we know; None for anything else."""
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, OSError):
        name = exc.filename if exc.filename is not None else file
        reason = exc.strerror or str(exc)
        return f"{name}: {reason}" if name else reason
    if isinstance(exc, UnicodeError):
        return f"{file or '<input>'}: cannot decode the text (expected UTF-8 or GB18030): {exc}"
    try:
        import yaml
    except ImportError:  # pragma: no cover
        yaml = None
    if yaml is not None and isinstance(exc, yaml.YAMLError):
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        where = file or (mark.name if mark is not None else "<yaml>")
        if mark is not None:
            return f"{where}:{mark.line + 1}: {problem}"
        return f"{where}: {problem}"
    return None


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


# --------------------------------------------------------------------------------------
# check
# --------------------------------------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    from reportcheck import bundled

    started = time.perf_counter()
    spec_paths = [Path(p) for p in args.specs] or [bundled.default_spec()]
    text_paths = [Path(p) for p in args.text]
    if args.data and text_paths:
        raise _UsageError("reportcheck check: error: --data and --text cannot be combined "
                          "(see 'reportcheck check --help')")
    inputs = spec_paths + text_paths + ([Path(args.data)] if args.data else [])
    # --data DIR: a Parquet dataset directory is a table too
    _require_files([p for p in inputs if not (args.data and p == Path(args.data) and p.is_dir())])

    specs = _load_specs(spec_paths)
    _resume_gc()
    if args.specs and not text_paths and not args.data and not args.allow_outside_root:
        from reportcheck.safety import source_problem  # a spec's source stays in its repository

        found = [source_problem(s.path, s.source, args.root) for s in specs if getattr(s, "source", None) and s.path]
        if any(found):
            raise InputError([p for e in found if e for p in e.problems])
    if args.output:
        protected = list(inputs) + [s.source for s in specs if getattr(s, "source", None) is not None]
        _refuse_overwrite(args.output, protected)

    results = []
    if args.data:
        from reportcheck.table import load_table as _load_table_codes

        table, codes = _load_table_codes(Path(args.data), with_codes=True)  # validated once, here
        # JSON: each spec's findings streamed to the output as they are written (never all held)
        return emit_stream(args, (_run_engine(spec, table=table, table_file=args.data, codes=codes)
                                  for spec in specs), started)
    elif text_paths:
        # document by document, on --jobs processes, written as they come (reportcheck.jobs)
        from reportcheck.jobs import map_documents

        global _CHECK_SPECS
        _CHECK_SPECS = specs  # the workers are forked: they start with the loaded specs
        items = [(k, p) for k in range(len(specs)) for p in text_paths]
        return emit_stream(args, map_documents(_check_text_one, items, jobs=args.jobs, label="check"), started)
    else:
        for spec in specs:
            results.append(_run_engine(spec))
    return _emit(args, results, time.perf_counter() - started)


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


_CHECK_SPECS: list = []


def _check_text_one(item):
    from reportcheck.report._stream import portable

    k, path = item
    return portable(_run_engine(_CHECK_SPECS[k], text=load_text(path), file=str(path)))


def _load_specs(paths: Sequence[Path]) -> list[Any]:
    """Every spec loaded; the problems of all of them reported together."""
    from reportcheck.spec.load import load_spec

    specs, problems = [], []
    for p in paths:
        try:
            specs.append(load_spec(p))
        except InputError as exc:
            problems.extend(exc.problems)
        except (OSError, UnicodeError) as exc:
            problems.append(Problem(str(p), None, _reason(exc, str(p))))
        except Exception as exc:  # noqa: BLE001
            msg = describe_exception(exc, str(p))
            if msg is None:
                raise
            problems.append(Problem(None, None, msg))
    if problems:
        raise InputError(problems)
    return specs


def _reason(exc: BaseException, file: str) -> str:
    msg = describe_exception(exc, file) or str(exc)
    prefix = f"{file}: "
    return msg[len(prefix):] if msg.startswith(prefix) else msg


def _run_engine(spec: Any, *, text: str | None = None, file: str | None = None,
                table: Any = None, table_file: str | None = None, codes: Any = None):
    from reportcheck import engine

    started = time.perf_counter()
    if table is not None and codes is not None:
        result = engine.check_table(table, spec, codes=codes)
        if result.source is None:
            result.source = table_file
    elif table is not None:
        result = engine.check(table, spec)
        if result.source is None:
            result.source = table_file
    elif text is not None:
        result = engine.check(spec, text=text, file=file)
        if result.source is None:
            result.source = file
        if result.text is None:
            result.text = text
    else:
        result = engine.check(spec)
        if result.source is None and getattr(spec, "source", None) is not None:
            result.source = str(spec.source)
    if result.spec is None and getattr(spec, "path", None) is not None:
        result.spec = str(spec.path)
    from reportcheck.waivers import from_spec

    result.ignore = from_spec(spec)  # the spec's own waivers (applied when the results are emitted)
    if not result.duration:
        result.duration = time.perf_counter() - started
    return result


# --------------------------------------------------------------------------------------
# lint, extract, init
# --------------------------------------------------------------------------------------
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


def cmd_extract(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.files]
    _require_files(paths)
    if args.output:
        _refuse_overwrite(args.output, paths)
    from reportcheck.text import export as _export

    if len(paths) == 1:
        out = getattr(_export, f"figures_to_{args.format}")(_extract_figures(paths[0]))
        if isinstance(out, bytes):
            out = out.decode("utf-8")
        if args.format == "csv":  # a sentence cell spanning lines cannot start one with '::'
            from reportcheck.safety import neutralise_commands

            out = neutralise_commands(out)
        _write(args.output, out)
        return EXIT_OK
    # several documents: one list (JSON) or one table (CSV), each figure with a ``file``
    # field first, written document by document as the documents come (--jobs processes)
    from reportcheck.jobs import map_documents

    fn = _extract_json_one if args.format == "json" else _extract_csv_one
    with output_stream(args.output) as out:
        _write_many(out, map_documents(fn, paths, jobs=args.jobs, label="extract"), args.format)
    return EXIT_OK


def _extract_figures(path):
    from reportcheck.text.extract import extract

    return list(extract(load_text(path)))


def _extract_json_one(path) -> list[str]:
    """The document's figures as JSON objects, ``file`` first, indented as in the list."""
    import json

    from reportcheck.text.export import figures_to_records

    return ["  " + json.dumps({"file": str(path), **rec}, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            for rec in figures_to_records(_extract_figures(path))]


def _extract_csv_one(path) -> list[list[str]]:
    import csv
    import io

    from reportcheck.text.export import figures_to_csv

    from reportcheck.safety import csv_cell

    rows = list(csv.reader(io.StringIO(figures_to_csv(_extract_figures(path)))))
    return [["file", *rows[0]]] + [[csv_cell(str(path)), *r] for r in rows[1:]] if rows else []


def _write_many(out, parts, fmt: str) -> None:
    if fmt == "json":
        n = 0
        for records in parts:
            for rec in records:
                out.write(("[\n" if n == 0 else ",\n") + rec)
                n += 1
        out.write("\n]\n" if n else "[]\n")
        return
    import csv

    from reportcheck.safety import neutralise_commands

    class _Neutral:  # csv.writer writes whole rows: a sentence cell spanning lines cannot start one with '::'
        write = staticmethod(lambda text: out.write(neutralise_commands(text)))

    writer = csv.writer(_Neutral(), lineterminator="\n")
    header = False
    for rows in parts:
        if not rows:
            continue
        if not header:
            writer.writerow(rows[0])
            header = True
        writer.writerows(rows[1:])


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


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
