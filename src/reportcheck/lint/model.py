"""What lint infers from a text: indicators (:class:`Ind`), rules (:class:`InferredRule`)
and the whole :class:`Inference` of a document."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportcheck.figure import Figure


@dataclass
class Ind:
    """An inferred indicator: one quantity figure of the text."""

    fig: Figure
    id: str
    name: str
    period: str
    kind: str
    unit: str | None
    value: Decimal | None
    qualifier: str | None
    status: str
    template: str
    occurrence: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class InferredRule:
    id: str
    kind: str
    fields: dict[str, Any]  # the kind's fields, indicator ids as references
    severity: str
    rationale: str
    figures: list[Figure]
    review: str | None = None  # what a human should look at (init writes it as a comment)


@dataclass
class Inference:
    text: str
    file: str | None
    year: int
    figures: list[Figure]
    indicators: list[Ind]
    rules: list[InferredRule]
    skipped: list[tuple[Figure, str]] = field(default_factory=list)
    #: (template, occurrence) → the matches make_locator found for it (as binding would list
    #: them: the one match of a unique template, the first ``occurrence`` matches otherwise)
    located: dict[tuple[str, int | None], list] = field(default_factory=dict)

    def covered(self) -> set[int]:
        """Start offsets of the quantity figures that at least one rule reads."""
        return {f.start for r in self.rules for f in r.figures}

    @property
    def quantities(self) -> list[Figure]:
        return [f for f in self.figures if f.kind.is_quantity]
