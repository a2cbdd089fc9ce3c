"""Report specs: the pydantic models, YAML loading with line numbers, binding to a document.

- :func:`load_spec` (also ``reportcheck.load_spec``) reads and validates a spec file.
- :func:`bind` finds each indicator's figure in a document and builds the indicator table.
"""

from __future__ import annotations

from reportcheck.spec.model import Indicator, Locator, Metadata, Rule, Sections, Spec

__all__ = ["Indicator", "Locator", "Metadata", "Rule", "Sections", "Spec", "load_spec", "bind", "Binding"]


def __getattr__(name: str):
    if name == "load_spec":
        from reportcheck.spec.load import load_spec

        return load_spec
    if name in ("bind", "Binding"):
        from reportcheck.spec import bind as _bind

        return getattr(_bind, name)
    raise AttributeError(f"module 'reportcheck.spec' has no attribute {name!r}")
