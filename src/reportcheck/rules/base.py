"""The interface every rule kind implements (the engine calls it; specs configure it).

A kind has a stable ``name`` (``part-of``), a pydantic ``Params`` model for its
fields in a spec, the indicator ids a rule of that kind references, and a
vectorised ``evaluate`` that decides the rule for every report of a table at
once. Documentation (what it checks, why, a failing and a passing example)
lives in the class docstring and in docs/rules.md.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict


class RuleParams(BaseModel):
    """Fields shared by every rule in a spec; kinds subclass this with their own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: str
    severity: str | None = None  # overrides the kind's default: error | warning | info
    rationale: str | None = None
    tolerance: float | None = None  # where the kind takes one (e.g. real vs nominal growth)


class RuleKind:
    name: ClassVar[str]
    category: ClassVar[str] = "consistency"
    default_severity: ClassVar[str] = "error"
    Params: ClassVar[type[RuleParams]] = RuleParams
    summary: ClassVar[str] = ""  # one paragraph: what it checks and why

    def references(self, params: RuleParams) -> list[str]:
        """The indicator ids this rule reads (the loader checks they exist)."""
        raise NotImplementedError

    def evaluate(self, params: RuleParams, ctx: Any) -> Any:
        """Decide the rule for every report in ``ctx`` at once; see reportcheck.engine."""
        raise NotImplementedError
