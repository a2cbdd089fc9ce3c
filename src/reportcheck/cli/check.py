"""``reportcheck check``: specs against their rules, on their source document, on drafts
(``--text``, document by document on ``--jobs`` processes) or on a long table (``--data``)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any, Sequence

from reportcheck.cli.messages import _reason, describe_exception
from reportcheck.cli.parser import _UsageError
from reportcheck.cli.startup import resume_gc as _resume_gc
from reportcheck.cli_io import emit as _emit
from reportcheck.cli_io import emit_stream, load_text
from reportcheck.cli_io import refuse_overwrite as _refuse_overwrite
from reportcheck.cli_io import require_files as _require_files
from reportcheck.errors import InputError, Problem


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

        global _CHECK_SPECS, _YEAR_SOURCES
        _CHECK_SPECS = specs  # the workers are forked: they start with the loaded specs
        _YEAR_SOURCES = [_year_source(s, args) for s in specs]
        items = [(k, p) for k in range(len(specs)) for p in text_paths]
        return emit_stream(args, map_documents(_check_text_one, items, jobs=args.jobs, label="check"), started)
    else:
        for spec in specs:
            results.append(_run_engine(spec))
    return _emit(args, results, time.perf_counter() - started)


_CHECK_SPECS: list = []
#: per spec, its source document when a draft's years may be compared with it (None: not)
_YEAR_SOURCES: list = []


def _year_source(spec, args):
    """The spec's source (a ``compare.YearsSource``, read once), when it exists and lies
    under the root (or --allow-outside-root): a draft's years and durations are compared
    with it, as ``compare`` does."""
    src, path = getattr(spec, "source", None), getattr(spec, "path", None)
    if src is None or path is None or not Path(src).is_file():
        return None
    if not args.allow_outside_root:
        from reportcheck.safety import source_problem

        if source_problem(path, src, args.root):
            return None
    from reportcheck.compare import YearsSource

    return YearsSource(load_text(Path(src)), str(src))


def _check_text_one(item):
    from reportcheck.report._stream import portable

    k, path = item
    text = load_text(path)
    result = _run_engine(_CHECK_SPECS[k], text=text, file=str(path))
    source = _YEAR_SOURCES[k] if k < len(_YEAR_SOURCES) else None
    if source is not None:  # years and durations anywhere in the draft, not only in locators
        from reportcheck.compare import draft_years

        years = draft_years(source, text, str(path))
        if years:
            result.add_findings(years)
    return portable(result)


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
