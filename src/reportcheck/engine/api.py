"""The public entry points: ``check()`` of a spec's document, a draft or a table of many reports,
and ``evaluate()`` of compiled rules over a context.

This is the one module of the engine that names :mod:`reportcheck.diagnose`: ``diagnose=True``
becomes the diagnoser handed to :func:`~reportcheck.engine.write.decide`. The modules below
(pivot, compile, evaluate, write) never import diagnosis, which itself reads evaluate and
context, never this module.
"""

from __future__ import annotations

import time
from pathlib import Path

from reportcheck.engine.compile import compile_rules
from reportcheck.engine.context import spec_indicators
from reportcheck.engine.pivot import build_context
from reportcheck.engine.write import (
    Diagnoser,
    _conflict_findings,
    _missing_findings,
    _unit_finding,
    _unknown_indicators,
    decide,
)
from reportcheck.findings import Finding, Result

# ----------------------------------------------------------------------------------------
# check(): the public entry point
# ----------------------------------------------------------------------------------------
def check(spec_or_table, spec=None, *, text: str | None = None, file: str | None = None,
          diagnose: bool = True) -> Result:
    """Check a spec's document (or a draft, ``text=``), or a table of many reports against a spec.

    - ``check(spec)`` / ``check("specs/x.yaml")``: bind the spec to its own document;
    - ``check(spec, text=draft, file="draft.md")``: bind it to a draft of the same report;
    - ``check(table, spec)``: a long DataFrame (``report, indicator, value[, unit]``, or an
      indicator table with ``id``) or a CSV/Parquet path, evaluated for every report at once.
    """
    import pandas as pd

    # check(spec, table) with the arguments swapped used to ignore the table (issue 16).
    if isinstance(spec, pd.DataFrame) or (
            isinstance(spec, (str, Path)) and Path(spec).suffix.lower() in (".csv", ".parquet", ".pq")):
        raise TypeError("check(): the table goes first and the spec second — check(table, spec), "
                        f"not check(spec, table) (got a {type(spec).__name__} as the spec)")
    started = time.perf_counter()
    if isinstance(spec, (str, Path)):
        spec = _load_spec(spec)
    obj = spec_or_table
    codes = None  # a table read here is validated as it is read
    if isinstance(obj, (str, Path)):
        p = Path(obj)
        if p.suffix.lower() in (".yaml", ".yml"):
            obj = _load_spec(p)
        else:
            from reportcheck.table import load_table

            obj, codes = load_table(p, with_codes=True)
            if spec is None:
                from reportcheck.errors import InputError

                raise InputError("checking a table needs a spec (check(table, spec))", file=str(p))
    if isinstance(obj, pd.DataFrame):
        if spec is None:
            from reportcheck.errors import InputError

            raise InputError("checking a table needs a spec (check(table, spec))")
        result = check_table(obj, spec, diagnose=diagnose, codes=codes)
    else:
        result = check_document(obj, text=text, file=file, diagnose=diagnose)
    result.duration = time.perf_counter() - started
    if result.spec is None and getattr(spec if spec is not None else obj, "path", None) is not None:
        result.spec = str((spec if spec is not None else obj).path)
    return result


def evaluate(rules, ctx, *, diagnose: bool = True, max_diagnosed: int = 1000) -> Result:
    """Decide every rule for every report of ``ctx`` (:func:`~reportcheck.engine.write.decide`),
    with the likely slips of :mod:`reportcheck.diagnose` for the first ``max_diagnosed``
    failing reports unless ``diagnose`` is false."""
    return decide(rules, ctx, diagnoser=_diagnoser(diagnose), max_diagnosed=max_diagnosed)


def _diagnoser(diagnose: bool) -> Diagnoser | None:
    if not diagnose:
        return None
    from reportcheck.diagnose import likely_slips  # not at import: diagnose imports engine modules

    return likely_slips


def _load_spec(path):
    from reportcheck.spec.load import load_spec

    return load_spec(path)


def check_table(table, spec, *, diagnose: bool = True, codes=None) -> Result:
    """The ``--data`` path: a spec's rules over every report of a long table (no positions).

    ``codes``: the :class:`reportcheck.table.TableCodes` that ``load_table(path,
    with_codes=True)`` returned with ``table`` — the table is validated already, and its
    label columns factorized; otherwise the frame is typed and validated here.
    """
    from reportcheck.table import TableCodes, validate_frame

    if codes is None:
        codes = TableCodes()
        table = validate_frame(table, codes)  # typed, and the long-table schema: InputError naming rows
    info = spec_indicators(spec)
    rules = compile_rules(spec, info)
    ids = list(dict.fromkeys(i for r in rules for i in r.references))
    ctx, problems = build_context(table, info, ids, data_mode=True, codes=codes)
    result = evaluate(rules, ctx, diagnose=diagnose)
    result.add_findings([_unit_finding(p, ctx, data_mode=True) for p in problems]
                        + _conflict_findings(ctx, table.attrs.get("reportcheck_first_line")), first=True)
    result.add_findings(_missing_findings(rules, ctx))
    result.add_findings(_unknown_indicators(ctx.table_ids, info))
    return result


def check_document(spec, *, text: str | None = None, file: str | None = None, diagnose: bool = True,
                   figures=None, located=None) -> Result:
    """Bind the spec to its document (or ``text``), validate the table, evaluate the rules.

    ``figures``: the text's figures when the caller has extracted them already (lint), so
    that binding does not extract a second time; ``located``: the matches of locators the
    caller searched for already (lint; see :func:`reportcheck.spec.bind.bind`)."""
    from reportcheck.spec.bind import bind

    binding = bind(spec, text, file, figures=figures, located=located)
    table = binding.table
    pre: list[Finding] = list(getattr(binding, "findings", []) or [])
    checks = int(getattr(binding, "checks", 0) or 0)
    if checks:
        passed = max(checks - len(pre), 0)
    else:
        n_ind = len(getattr(spec, "indicators", ()) or ())
        checks, passed = n_ind, n_ind - len({f.id for f in pre})
    from reportcheck.schema import validate_table

    schema_findings = validate_table(table)
    checks += 1
    passed += 0 if schema_findings else 1
    info = spec_indicators(spec)
    rules = compile_rules(spec, info)
    ids = list(dict.fromkeys(i for r in rules for i in r.references))
    ctx, problems = build_context(table, info, ids, data_mode=False)
    result = evaluate(rules, ctx, diagnose=diagnose)
    # a unit the rules cannot use is already a fidelity or schema finding in most drafts: say it once
    named = {f.id for f in pre} | {f.id for f in schema_findings}
    units = [_unit_finding(p, ctx, False) for p in problems if p.id not in named]
    result.add_findings(pre + list(schema_findings) + units, first=True)
    result.checks += checks
    result.passed += passed
    figs = getattr(binding, "figures", None) or []
    # (indicator id, Figure) pairs: the html reporter marks every bound figure in the text
    result.figures = list(figs.items()) if isinstance(figs, dict) else list(figs)
    result.text = getattr(binding, "text", None) if text is None else text
    src = file or (str(spec.source) if getattr(spec, "source", None) is not None else None)
    result.source = src
    return result
