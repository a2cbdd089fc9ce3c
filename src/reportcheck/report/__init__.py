"""Reporters: one module per output format, each with ``render(results, **options) -> str``.

``results`` is a list of :class:`reportcheck.findings.Result` (one per spec × document,
or per table). Options every reporter accepts (and may ignore): ``color`` (text),
``duration`` (text), ``strict`` (text, junit). Modules are imported on demand, so that
``reportcheck --help`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Sequence

FORMATS: tuple[str, ...] = ("text", "json", "junit", "sarif", "github", "html")

# the file suffix a format is usually written to (docs, pytest plugin)
SUFFIX = {"text": ".txt", "json": ".json", "junit": ".xml", "sarif": ".sarif", "github": ".txt", "html": ".html"}


def get(fmt: str):
    """The reporter module for ``fmt`` (raises ValueError for an unknown format)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return import_module(f"reportcheck.report.{fmt}")


def render(fmt: str, results: Sequence, **options) -> str:
    from reportcheck.findings import Result

    if isinstance(results, Result):
        results = [results]
    return get(fmt).render(list(results), **options)
