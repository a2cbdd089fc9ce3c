"""The command line's input and output: documents and tables read, inputs checked before any
work (missing files, --output over an input, documents too large for lint), reports
rendered, made safe for a terminal and written atomically.

Exit status (the contract): **0** no error-severity finding, **1** at least one (``--strict``:
or a warning), **2** the command line or an input is invalid.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from reportcheck.errors import InputError, Problem

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


# --------------------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------------------
def require_files(paths: Sequence[Path]) -> None:
    problems = []
    for p in paths:
        if not p.exists():
            problems.append(Problem(str(p), None, "no such file"))
        elif p.is_dir():
            problems.append(Problem(str(p), None, "is a directory, not a file"))
    if problems:
        raise InputError(problems)


def refuse_overwrite(output: str, inputs: Sequence[Path | str]) -> None:
    out = _resolved(output)
    for p in inputs:
        if p is not None and _resolved(p) == out:
            raise InputError(f"--output would overwrite the input {p}; choose another path", file=str(output))


def _resolved(p: Path | str) -> Path:
    try:
        return Path(p).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(p))


def load_text(path: Path) -> str:
    """A document's text (UTF-8 ±BOM or GB18030; InputError naming the file otherwise)."""
    from reportcheck.text.document import load_text as load

    return load(path)


def load_table(path: Path):
    from reportcheck.table import load_table as load

    return load(path)


#: lint and init infer locators that must be unique in the whole document, so their time
#: grows faster than the size (1 MB: ~25 s, 2 MB: ~170 s; a real report is under 0.2 MB)
MAX_LINT_BYTES = 1_000_000


def limit_size(paths: Sequence[Path], command: str) -> None:
    problems = []
    for p in paths:
        try:
            size = p.stat().st_size
        except (OSError, ValueError):
            continue  # reported when read
        if size > MAX_LINT_BYTES or not p.is_file():
            what = "not a regular file" if not p.is_file() else f"larger than {MAX_LINT_BYTES // 1_000_000} MB"
            problems.append(Problem(str(p), None, f"{what}: '{command}' reads one report at a time "
                                    "(split the document, or check it with a spec)"))
    if problems:
        raise InputError(problems)


# --------------------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------------------
def emit(args: argparse.Namespace, results: list, duration: float) -> int:
    from reportcheck.report import render
    from reportcheck.report._util import summary
    from reportcheck.waivers import discover, finalize

    # waivers (pyproject.toml / reportcheck.toml from here upwards, and each spec's ignore:)
    # applied, findings grouped by the figure they accuse, unused waivers reported
    results = finalize(results, discover())
    color = False
    if args.format == "text" and not args.output:
        color = use_color(sys.stdout)
    out = render(args.format, results, color=color, duration=duration, strict=args.strict,
                 lang=getattr(args, "lang", "en"))
    if args.format in ("text", "github"):
        out = terminal_safe(out, keep_colors=color)
    from reportcheck.safety import neutralise_output  # no workflow commands, no bidi from input

    out = neutralise_output(args.format, out)
    write_output(args.output, out)
    s = summary(results)
    if s["errors"] or (args.strict and s["warnings"]):
        return EXIT_FINDINGS
    return EXIT_OK


_UNSAFE = None


def terminal_safe(text: str, keep_colors: bool = False) -> str:
    """Control characters from a spec or a document (ESC sequences that move the cursor,
    rewrite a CI log or set the clipboard; a lone CR) shown escaped (``\x1b``), not
    interpreted; with ``keep_colors`` the reporter's own colour codes (SGR) stay."""
    import re

    global _UNSAFE
    if _UNSAFE is None:
        _UNSAFE = re.compile(r"\x1b\[[0-9;]*m|\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

    def sub(m: "re.Match[str]") -> str:
        s = m.group()
        if keep_colors and len(s) > 1:
            return s
        return s.encode("unicode_escape").decode("ascii")

    return _UNSAFE.sub(sub, text)


def use_color(stream) -> bool:
    """ANSI colour only on a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def emit_stream(args: argparse.Namespace, results, started: float) -> int:
    """Like :func:`emit` for results that come one at a time (many documents, ``--jobs``):
    written as they come, in every format — memory independent of their number, the bytes
    :func:`emit` writes for the same results (:mod:`reportcheck.report._stream`). One result
    (or none) goes to :func:`emit` itself."""
    import itertools
    import time

    from reportcheck.report import _stream

    results = iter(results)
    head = list(itertools.islice(results, 2))
    if args.format not in _stream.FORMATS or (len(head) < 2 and args.format != "json"):
        return emit(args, head + list(results), time.perf_counter() - started)
    from reportcheck.waivers import Waivers, discover

    session = Waivers(discover())

    def prepared():  # as emit's finalize: waived, grouped, the unused waivers on the last result
        last = None
        for r in itertools.chain(head, results):
            if last is not None:
                yield last
            last = session.apply(r)
        yield from session.finish([last] if last is not None else [])

    color = args.format == "text" and not args.output and use_color(sys.stdout)
    with output_stream(args.output) as out:
        safe = SafeLines(out, args.format, color)
        s = _stream.stream_report(args.format, prepared(), safe, duration=lambda: time.perf_counter() - started,
                                  color=color, strict=args.strict, lang=getattr(args, "lang", "en"))
        safe.close()
    if s["errors"] or (args.strict and s["warnings"]):
        return EXIT_FINDINGS
    return EXIT_OK


class SafeLines:
    """A text stream that passes what is written through :func:`emit`'s last passes
    (:func:`terminal_safe` for text and github, ``safety.neutralise_output``) a run of
    whole lines at a time. Those passes look at most at one line (a line start, ``\\r``
    before ``\\n``), so the output is the one :func:`emit` writes from the whole report."""

    def __init__(self, out, fmt: str, color: bool = False) -> None:
        from reportcheck.safety import neutralise_output

        self.out, self._rest = out, []
        terminal = fmt in ("text", "github")
        self._fix = lambda text: neutralise_output(fmt, terminal_safe(text, keep_colors=color) if terminal else text)

    def write(self, text: str) -> None:
        i = text.rfind("\n")
        if i < 0:
            self._rest.append(text)
            return
        self._rest.append(text[:i + 1])
        self.out.write(self._fix("".join(self._rest)))
        self._rest = [text[i + 1:]] if i + 1 < len(text) else []

    def close(self) -> None:
        if self._rest:
            self.out.write(self._fix("".join(self._rest)))
            self._rest = []


@contextlib.contextmanager
def output_stream(output: str | None):
    """A text stream to the output: standard output, or a file written atomically (see
    :func:`atomic_file`)."""
    if output is None or output == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_file(Path(output)) as fh:
        yield fh


def write_output(output: str | None, text: str) -> None:
    with output_stream(output) as out:
        out.write(text)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file in the same directory + os.replace."""
    with atomic_file(path) as fh:
        fh.write(text)


@contextlib.contextmanager
def atomic_file(path: Path):
    """A UTF-8 text file at ``path``, written atomically: a temporary file in the same
    directory, renamed over ``path`` only when the writing succeeded (removed otherwise,
    SIGTERM/SIGHUP included). A problem is an :class:`InputError` naming ``path``."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError("the output directory does not exist", file=str(path))
    if path.exists() and not path.is_file() and not path.is_dir():
        # /dev/null, /dev/stdout, a FIFO: write through it — renaming a temporary file onto
        # it would replace the device itself with a regular file (as root: /dev/null)
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                yield fh
        except OSError as exc:
            raise InputError(f"cannot write the output: {exc.strerror or exc}", file=str(path)) from None
        return
    from reportcheck.safety import signals_interrupt, temp_prefix

    with signals_interrupt():  # SIGTERM/SIGHUP clean up the temporary file as Ctrl-C does
        try:  # a read-only directory or a name too long: the message names PATH, not the temp file
            fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".tmp", dir=directory)
        except OSError as exc:
            raise InputError(f"cannot write the output: {exc.strerror or exc}", file=str(path)) from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, path)
        except BaseException as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            if isinstance(exc, OSError):  # disk full, permissions: name the output, one line
                raise InputError(f"cannot write the output: {exc.strerror or exc}", file=str(path)) from None
            raise
