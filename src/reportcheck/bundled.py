"""Where the bundled default report and its spec live.

In a wheel they are package data under ``reportcheck/_bundled``; in a source
checkout (editable install) they are the repository's own ``specs/`` and ``data/``.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_SPEC = "jining-2024.yaml"


def root() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "_bundled"
    if (packaged / "specs").is_dir():
        return packaged
    return here.parent.parent  # src/reportcheck → repository root


def default_spec() -> Path:
    return root() / "specs" / DEFAULT_SPEC


def specs_dir() -> Path:
    return root() / "specs"


def data_dir() -> Path:
    return root() / "data"
