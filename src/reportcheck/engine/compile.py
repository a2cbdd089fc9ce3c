"""A spec's rules compiled: each rule's kind and validated parameters (a SpecError lists
every problem at once)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportcheck.engine.context import IndicatorInfo
from reportcheck.findings import Severity
from reportcheck.rules.base import RuleKind, RuleParams

# ----------------------------------------------------------------------------------------
# compiled rules
# ----------------------------------------------------------------------------------------
@dataclass
class CompiledRule:
    id: str
    kind: RuleKind
    params: RuleParams
    severity: Severity
    rationale: str | None
    references: list[str]
    line: int | None = None


def compile_rules(spec: Any, indicators: dict[str, IndicatorInfo] | None = None) -> list[CompiledRule]:
    """The spec's rules as (kind, validated Params); a SpecError lists every problem."""
    from reportcheck import rules as rules_pkg
    from reportcheck.errors import Problem, SpecError

    file = str(getattr(spec, "path", None) or "<spec>")
    units = {k: v.unit for k, v in (indicators or {}).items()} or None
    out: list[CompiledRule] = []
    problems: list[Problem] = []
    for rule in getattr(spec, "rules", ()) or ():
        if isinstance(rule, RuleParams):
            params, kind_name, line, sev, rat = rule, rule.kind, None, rule.severity, rule.rationale
        elif isinstance(rule, dict):
            params, kind_name, line, sev, rat = None, rule.get("kind"), None, rule.get("severity"), rule.get("rationale")
        else:
            params, kind_name = getattr(rule, "params", None), getattr(rule, "kind", None)
            line, sev, rat = getattr(rule, "line", None), getattr(rule, "severity", None), getattr(rule, "rationale", None)
        kind = rules_pkg.get(kind_name) if isinstance(kind_name, str) else None
        if kind is None:
            problems.append(Problem(file, line, f"rule {_rid(rule)!r}: unknown rule kind {kind_name!r}"))
            continue
        if not isinstance(params, kind.Params):
            data = rule if isinstance(rule, dict) else (getattr(rule, "fields", None) or
                                                        (params.model_dump() if hasattr(params, "model_dump") else {}))
            try:
                params = kind.parse(dict(data), units)
            except Exception as exc:  # noqa: BLE001 - pydantic's ValidationError, a kind's ValueError
                problems.append(Problem(file, line, f"rule {_rid(rule)!r}: {_one_line(exc)}"))
                continue
        elif units is not None:
            try:
                kind.parse(params.model_dump(exclude_unset=True), units)
            except Exception as exc:  # noqa: BLE001
                problems.append(Problem(file, line, f"rule {params.id!r}: {_one_line(exc)}"))
                continue
        sev = sev or params.severity or kind.default_severity
        out.append(CompiledRule(params.id, kind, params, Severity(sev), rat or params.rationale,
                                list(kind.references(params)), line))
    if problems:
        raise SpecError(problems)
    return out


def _rid(rule) -> str:
    if isinstance(rule, dict):
        return str(rule.get("id"))
    return str(getattr(rule, "id", "?"))


def _one_line(exc: BaseException) -> str:
    s = str(exc)
    try:
        from pydantic import ValidationError

        if isinstance(exc, ValidationError):
            s = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
    except Exception:  # noqa: BLE001
        pass
    return " ".join(s.split())
