"""reportcheck — check the figures of government work reports before they are republished.

The public API is imported lazily (``import reportcheck`` stays cheap for CI hooks):

- :func:`reportcheck.extract` — every figure of a text
- :func:`reportcheck.load_spec` — a report spec (YAML), validated
- :func:`reportcheck.check` — run a spec's rules on its document, a draft, or a table
- :func:`reportcheck.compare` — check a republication against the report (or spec) it cites
- :func:`reportcheck.targets` — last year's targets (one report) against their outcomes (the next)
- :data:`reportcheck.IndicatorSchema` — the pandera schema of the indicator table
- the exceptions a caller may catch: :class:`InputError` (an invalid input: one line per
  problem, ``file:line: message``), its subclass :class:`SpecError`, the
  :class:`Problem` each carries, and the ``ValueError`` subclasses :class:`UnitError`,
  :class:`NumeralError`, :class:`ExpressionError`
"""

from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "extract": ("reportcheck.text.extract", "extract"),
    "load_spec": ("reportcheck.spec.load", "load_spec"),
    "check": ("reportcheck.engine", "check"),
    "compare": ("reportcheck.compare", "compare"),
    "targets": ("reportcheck.targets", "targets"),
    "IndicatorSchema": ("reportcheck.schema", "IndicatorSchema"),
    "indicator_schema": ("reportcheck.schema", "indicator_schema"),
    "Figure": ("reportcheck.figure", "Figure"),
    "Kind": ("reportcheck.figure", "Kind"),
    "Interval": ("reportcheck.quantities.interval", "Interval"),
    "Verdict": ("reportcheck.verdicts", "Verdict"),
    "Status": ("reportcheck.verdicts", "Status"),
    "InputError": ("reportcheck.errors", "InputError"),
    "SpecError": ("reportcheck.errors", "SpecError"),
    "Problem": ("reportcheck.errors", "Problem"),
    "UnitError": ("reportcheck.quantities.units", "UnitError"),
    "NumeralError": ("reportcheck.quantities.numerals", "NumeralError"),
    "ExpressionError": ("reportcheck.rules.expression", "ExpressionError"),
    "Finding": ("reportcheck.findings", "Finding"),
    "Result": ("reportcheck.findings", "Result"),
    "Severity": ("reportcheck.findings", "Severity"),
    "Category": ("reportcheck.findings", "Category"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'reportcheck' has no attribute {name!r}") from None
    import importlib

    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
