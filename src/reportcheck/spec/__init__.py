"""Report specs: the pydantic models, YAML loading with line numbers, binding to a document.

- ``reportcheck.spec.load.load_spec`` (also ``reportcheck.load_spec``) reads and validates a spec file.
- ``reportcheck.spec.bind.bind`` finds each indicator's figure in a document and builds the
  indicator table (``from reportcheck.spec.bind import bind``; ``reportcheck.spec.bind`` is the module).
"""

from __future__ import annotations

import importlib

from reportcheck.spec.model import Indicator, Locator, Metadata, Rule, Sections, Spec

__all__ = ["Indicator", "Locator", "Metadata", "Rule", "Sections", "Spec", "load_spec", "Binding"]


def __getattr__(name: str):
    if name == "load_spec":
        return importlib.import_module("reportcheck.spec.load").load_spec
    if name == "Binding":
        return importlib.import_module("reportcheck.spec.bind").Binding
    raise AttributeError(f"module 'reportcheck.spec' has no attribute {name!r}")
