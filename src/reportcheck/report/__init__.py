"""Reporters: one module per output format, each with ``render(results, **options) -> str``.

``results`` is a list of :class:`reportcheck.findings.Result` (one per spec × document,
or per table). Options every reporter accepts (and may ignore): ``color`` (text),
``duration`` (text), ``strict`` (text, junit).

The registry is this package: every public module here is a format named after it
(``report/sarif.py`` is ``--format sarif``), so adding a reporter is one file. The
modules are listed without importing them and imported on demand, so that
``reportcheck --help`` stays fast.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module
from typing import Sequence

#: the default format, listed first
DEFAULT = "text"


def _formats() -> tuple[str, ...]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return tuple(sorted(names, key=lambda n: n != DEFAULT))


FORMATS: tuple[str, ...] = _formats()


def get(fmt: str):
    """The reporter module for ``fmt`` (raises ValueError for an unknown format)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return import_module(f"reportcheck.report.{fmt}")


def render(fmt: str, results: Sequence, **options) -> str:
    from reportcheck.findings import Result

    if isinstance(results, Result):
        results = [results]
    # one slip, one finding: findings that accuse the same figure are shown as one
    # (already done when the command applied its waivers: reportcheck.waivers.finalize)
    from reportcheck.grouping import group_result

    results = [r if getattr(r, "grouped", False) else group_result(r) for r in results]
    return get(fmt).render(results, **options)
