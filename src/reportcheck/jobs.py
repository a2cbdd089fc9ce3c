"""Many documents on every core, in order, with a progress bar (``--jobs N``).

:func:`map_documents` runs ``fn(item)`` for each item and yields the results **in the
items' order** — on ``jobs`` worker processes, or in this process for one job or one
item — holding at most a few results at a time (a window of ``2 × jobs`` submitted
tasks), so a command that writes each result as it comes (:mod:`reportcheck.report.stream`)
keeps its memory independent of the number of documents. The output of ``--jobs N`` is
the output of ``--jobs 1``: each document is processed by the same function, only where
differs. A subcommand plugs in with one line::

    results = map_documents(_lint_one, paths, jobs=args.jobs, label="lint")

``fn`` must be a module-level function (workers are forked; its arguments and result are
pickled). An :class:`~reportcheck.errors.InputError` in a worker is raised here, for the
first failing item in order, as it would be by the loop.

The progress bar (``Progress``) is one line on standard error, drawn only on a terminal
and only once a run has lasted two seconds; it is a few lines of code rather than a
dependency (``rich`` would add ≈ 0.1 s to every start-up for one line of output).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable, Iterable, Iterator, Sequence

__all__ = ["default_jobs", "map_documents", "Progress"]


def default_jobs() -> int:
    """The cores this process may run on (affinity, cgroup-restricted CPU sets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Progress:
    """``lint  412/1000 documents  41%  [=========>          ]  0:07 left`` on stderr."""

    def __init__(self, total: int, label: str = "", stream=None, delay: float = 2.0):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.monotonic()
        self.delay = delay
        self._last = 0.0
        self._shown = False
        try:
            self.enabled = total > 1 and bool(self.stream.isatty()) and os.environ.get("TERM") != "dumb"
        except (AttributeError, ValueError):
            self.enabled = False

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or (now - self._last < 0.1 and self.done < self.total):
            return
        self._last = now
        frac = self.done / self.total
        elapsed = now - self.start
        left = elapsed / frac - elapsed if frac else 0.0
        width = 30
        bar = "=" * int(frac * width)
        bar = (bar[:-1] + ">" if bar and frac < 1 else bar).ljust(width)
        line = (f"{self.label}  {self.done}/{self.total} documents  {frac:4.0%}  [{bar}]  "
                f"{int(left) // 60}:{int(left) % 60:02d} left")
        try:
            self.stream.write("\r" + line)
            self.stream.flush()
            self._shown = True
        except (OSError, ValueError):
            self.enabled = False

    def close(self) -> None:
        if self._shown:
            try:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            self._shown = False


class _Failed:
    """An exception in a worker, carried back as data (InputError's problems survive pickling)."""

    def __init__(self, exc: BaseException):
        from reportcheck.errors import InputError

        self.problems = exc.problems if isinstance(exc, InputError) else None
        self.kind = type(exc).__name__
        self.text = str(exc)
        self.exc = None if self.problems is not None else exc

    def raise_(self):
        from reportcheck.errors import InputError

        if self.problems is not None:
            raise InputError(self.problems)
        if self.exc is not None:
            raise self.exc
        raise RuntimeError(f"{self.kind}: {self.text}")


_FN: Callable | None = None


def _call(item):
    try:
        return _FN(item)  # type: ignore[misc]
    except Exception as exc:  # noqa: BLE001 - carried back and raised in order by the parent
        return _Failed(exc)


def _init(fn):
    global _FN
    _FN = fn
    # A forked worker inherits the command's handlers (SIGTERM/SIGHUP clean the output's
    # temporary file and raise): when the pool is terminated after one document failed,
    # a worker must just end, not print a traceback on the command's stderr.
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def map_documents(fn: Callable[[Any], Any], items: Sequence | Iterable, *, jobs: int | None = None,
                  label: str = "", progress: bool = True) -> Iterator[Any]:
    """``fn(item)`` for every item, in order, on up to ``jobs`` processes (None: every core)."""
    items = list(items)
    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    jobs = min(jobs, len(items))
    bar = Progress(len(items), label) if progress else None
    try:
        if jobs <= 1:
            for item in items:
                yield fn(item)
                if bar:
                    bar.advance()
            return
        yield from _pool(fn, items, jobs, bar)
    finally:
        if bar:
            bar.close()


def _pool(fn, items: list, jobs: int, bar: Progress | None) -> Iterator[Any]:
    import multiprocessing as mp
    from collections import deque

    # fork: the workers start with everything this process has imported and loaded (the
    # spec, pandas, the unit registry) — no second start-up per worker
    ctx = mp.get_context("fork")
    with ctx.Pool(jobs, initializer=_init, initargs=(fn,)) as pool:
        pending: deque = deque()
        it = iter(items)
        window = 2 * jobs
        for item in it:
            pending.append(pool.apply_async(_call, (item,)))
            if len(pending) >= window:
                break
        while pending:
            out = pending.popleft().get()
            nxt = next(it, _END)
            if nxt is not _END:
                pending.append(pool.apply_async(_call, (nxt,)))
            if isinstance(out, _Failed):
                out.raise_()
            if bar:
                bar.advance()
            yield out


_END = object()
