"""The interface every rule kind implements (the engine calls it; specs configure it).

A kind has a stable ``name`` (``part-of``), a pydantic ``Params`` model for its
fields in a spec, the indicator ids a rule of that kind references, and a
vectorised ``evaluate`` that decides the rule for every report of a table at
once. Documentation (what it checks, why, a failing and a passing example)
lives in the class docstring and in docs/rules.md.

``evaluate(params, ctx)`` receives an evaluation context (the :class:`EvalContext`
protocol, implemented by :class:`reportcheck.engine.context.Context`): ``ctx.n`` reports, and per indicator id
``ctx.iv(id)`` — its intervals as an :class:`~reportcheck.rules.vec.IV` in the
unit the spec declares — ``ctx.tight(id)`` — the same under the "just passed"
reading of open bounds (突破1.6万 read as a little above 1.6万) — and
``ctx.unit(id)``, ``ctx.present(id)``, ``ctx.stretch(id)``, ``ctx.text(id, r)``.
It returns an :class:`Outcome`: one verdict per report.

Loading a spec validates a rule with ``Kind.Params.model_validate(data,
context={"indicators": {id: unit, ...}})``; with that context the kinds check
that referenced indicators exist and units fit, and raise ``ValueError`` (which
pydantic reports with the field) on a problem.
"""

from __future__ import annotations

import math
import sys

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from reportcheck.verdicts import Status

if TYPE_CHECKING:
    from reportcheck.rules.vec import IV

SEVERITIES = ("error", "warning", "info")


class RuleParams(BaseModel):
    """Fields shared by every rule in a spec; kinds subclass this with their own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: str
    severity: str | None = None  # overrides the kind's default: error | warning | info
    rationale: str | None = None
    tolerance: float | None = None  # where the kind takes one (e.g. real vs nominal growth)

    @field_validator("severity")
    @classmethod
    def _severity(cls, v: str | None) -> str | None:
        if v is not None and v not in SEVERITIES:
            raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}, not {v!r}")
        return v

    #: whether the kind reads ``tolerance`` (a kind that does not must not accept it silently)
    takes_tolerance: ClassVar[bool] = False

    @field_validator("tolerance")
    @classmethod
    def _tolerance(cls, v: float | None) -> float | None:
        if v is not None and not (v >= 0):
            raise ValueError("tolerance must be a non-negative number")
        if v is not None and not cls.takes_tolerance and cls is not RuleParams:
            raise ValueError(f"a {cls.__module__.rsplit('.', 1)[-1].replace('_', '-')} rule takes no tolerance "
                             "(only target-coherence does)")
        return v


def known_indicators(info: ValidationInfo) -> dict[str, str | None] | None:
    """The spec's indicators ({id: unit}) when the loader passes them as validation context."""
    ctx = info.context if info is not None else None
    if isinstance(ctx, dict):
        inds = ctx.get("indicators")
        if isinstance(inds, dict):
            return inds
        if isinstance(inds, (list, tuple, set)):
            return {i: None for i in inds}
    return None


def check_ids(ids: list[str], info: ValidationInfo) -> None:
    known = known_indicators(info)
    if known is None:
        return
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValueError("unknown indicator" + ("s " if len(missing) > 1 else " ") + ", ".join(repr(m) for m in missing))


@dataclass
class Outcome:
    """What a rule decided, one entry per report (arrays of length ``ctx.n``).

    - ``verdict``: FAIL / UNDETERMINED / PASS under the formal reading of every figure.
      FAIL means the figures contradict each other whatever their true values
      within their intervals: this becomes a finding of the rule's severity.
    - ``tight``: the verdict under the "just passed" reading of open bounds
      (None: same as ``verdict``). A rule that fails only here is a warning.
    - ``applicable``: every indicator the rule needs is present in the report.
    - ``stretch``: the rule concerns a stretch target (力争): never an error.
    - ``figures``: the indicator ids the finding cites, most relevant first.
    - ``describe(r, status)``: the message for report ``r``; ``status`` is a
      :class:`~reportcheck.verdicts.Status` (a str enum: ``"fail"``, ``"tight"``,
      ``"undetermined"`` or ``"stretch"``). Called only
      for reports that get a finding, so it may use plain Python.
    """

    verdict: np.ndarray
    applicable: np.ndarray
    describe: Callable[[int, Status], str]
    figures: list[str]
    tight: np.ndarray | None = None
    stretch: np.ndarray | None = None
    # per-report figure lists, when they differ between reports (e.g. which share is out of range)
    figures_for: Callable[[int], list[str]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class EvalContext(Protocol):
    """What a rule kind's ``evaluate`` may read: ``n`` reports and, per indicator id, its
    intervals for all reports at once and its written figure for one report ``r``."""

    n: int

    def iv(self, id: str, unit: str | None = None) -> IV:
        """The formal intervals, in ``unit`` (default: the unit the spec declares)."""
        ...

    def tight(self, id: str, unit: str | None = None) -> IV:
        """The intervals under the "just passed" reading of open bounds."""
        ...

    def unit(self, id: str) -> str | None: ...

    def present(self, id: str) -> np.ndarray: ...

    def present_at(self, id: str, r: int) -> bool: ...

    def stretch(self, id: str) -> np.ndarray: ...

    def text(self, id: str, r: int) -> str: ...

    def name(self, id: str) -> str: ...

    def label(self, id: str, r: int) -> str: ...

    def written(self, id: str, r: int) -> str: ...


class RuleKind:
    name: ClassVar[str]
    category: ClassVar[str] = "consistency"
    default_severity: ClassVar[str] = "error"
    Params: ClassVar[type[RuleParams]] = RuleParams

    @property
    def summary(self) -> str:
        """One paragraph, what it checks and why: the kind module's docstring, first paragraph
        after its title (written once, read by the docs, SARIF and HTML help)."""
        doc = sys.modules[type(self).__module__].__doc__ or type(self).__doc__ or ""
        paras = [p for p in doc.strip().split("\n\n") if p.strip()]
        return " ".join((paras[1] if len(paras) > 1 else paras[0] if paras else "").split())

    def references(self, params: RuleParams) -> list[str]:
        """The indicator ids this rule reads (the loader checks they exist)."""
        raise NotImplementedError

    def evaluate(self, params: RuleParams, ctx: EvalContext) -> Outcome:
        """Decide the rule for every report in ``ctx`` at once; see reportcheck.engine."""
        raise NotImplementedError

    def parse(self, data: dict, indicators: dict[str, str | None] | None = None) -> RuleParams:
        """Validate a rule's fields (a spec's mapping); pydantic.ValidationError on problems."""
        ctx = {"indicators": indicators} if indicators is not None else None
        return self.Params.model_validate(data, context=ctx)

    def __repr__(self) -> str:
        return f"<rule kind {self.name}>"


def as_list(v: str | list[str]) -> list[str]:
    return [v] if isinstance(v, str) else list(v)


def fmt(x: float, digits: int = 4) -> str:
    """A float for a message: no trailing zeros, no float noise (4 significant decimals)."""
    if x is None or x != x:  # None or NaN
        return "?"
    x = float(x)  # numpy scalars too; math.* on a float is ~10× cheaper than np.* on a scalar
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    s = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    if s == "0" and x != 0:
        s = f"{x:.3g}"
    return s


_QTY = None


def parse_quantity(s: str) -> tuple[float, str | None]:
    """'500万元' → (500.0, '万元'); '95%' → (95.0, '%'); '3' → (3.0, None). ValueError otherwise."""
    import re

    from reportcheck.quantities import units as _units

    global _QTY
    if _QTY is None:
        _QTY = re.compile(r"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(\S*)\s*$")
    m = _QTY.match(s)
    if not m:
        raise ValueError(f"{s!r} is not a quantity (a number with an optional unit, e.g. 500万元)")
    unit = m.group(2) or None
    if unit == "％":
        unit = "%"
    if unit is not None and not _units.is_known_unit(unit):
        try:
            _units.factor(unit, unit)
        except _units.UnitError as exc:
            raise ValueError(str(exc)) from None
    return float(m.group(1)), unit


class PercentListParams(RuleParams):
    """Params of the kinds that bound a list of figures in % (share-range, change-range)."""

    #: what a figure of this kind is, for the message when an indicator is not in %
    what: ClassVar[str] = "a value in %"

    indicators: list[str]
    min: float | None = None
    max: float | None = None

    @field_validator("indicators")
    @classmethod
    def _nonempty(cls, v):
        if not v:
            raise ValueError("indicators needs at least one indicator")
        return v

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo):
        for end in ("min", "max"):  # .nan: a bound no figure can break, a rule that never fails
            if getattr(self, end) is not None and getattr(self, end) != getattr(self, end):
                raise ValueError(f"{end} is not a number (.nan); give a bound in %")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        check_ids(self.indicators, info)
        from reportcheck.quantities import units as _units

        known = known_indicators(info) or {}
        for i in self.indicators:
            u = known.get(i)
            if u and not _units.compatible(u, "%"):
                raise ValueError(f"indicator {i!r} is in {u}, not {self.what}")
        return self


def percent_iv(ctx, ind: str, tight: bool = False):
    """The indicator's intervals in % when its unit is a percentage (else in its own unit)."""
    from reportcheck.quantities import units as _units

    u = ctx.unit(ind)
    target = "%" if u and _units.compatible(u, "%") else u
    return ctx.tight(ind, target) if tight else ctx.iv(ind, target)


@dataclass
class PercentBounds:
    """Each listed figure (in %) against [lo, hi], and its just-passed reading against
    [lo, hi_tight]: per-indicator verdicts (indicators × reports; pass where the figure is
    absent), what any report has, and the figures to blame in a report."""

    indicators: list[str]
    V: np.ndarray
    T: np.ndarray
    present: np.ndarray

    @classmethod
    def of(cls, ctx, indicators: list[str], lo: float, hi: float, hi_tight: float) -> "PercentBounds":
        from reportcheck.rules import vec

        per, per_t, pres = [], [], []
        for ind in indicators:
            a = percent_iv(ctx, ind)
            at = percent_iv(ctx, ind, tight=True)
            p = a.present
            per.append(np.where(p, a.within(lo, hi), vec.PASS))
            per_t.append(np.where(p, at.within(lo, hi_tight), vec.PASS))
            pres.append(p)
        return cls(list(indicators), np.stack(per), np.stack(per_t), np.stack(pres))

    def outcome(self, describe: Callable[[int, str], str]) -> "Outcome":
        """The rule's outcome: the worst figure decides; each finding cites the figures to blame."""
        return Outcome(verdict=self.V.min(axis=0).astype(np.int8), tight=self.T.min(axis=0).astype(np.int8),
                       applicable=self.present.any(axis=0), describe=describe, figures=list(self.indicators),
                       figures_for=self.worst)

    def worst(self, r: int) -> list[str]:
        """The figures of report ``r`` with the lowest verdict, either reading (all when none is lower)."""
        v, t, inds = self.V[:, r], self.T[:, r], self.indicators
        low = min(v.min(), t.min())
        return [inds[k] for k in range(len(inds)) if v[k] == low or t[k] == low] or list(inds)
