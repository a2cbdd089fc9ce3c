"""The pydantic models of a report spec.

A spec (YAML, see docs/spec.md) describes one report: where its document is,
its indicators (what each figure means and its canonical value) and the rules
that must hold between them. :func:`reportcheck.spec.load.load_spec` builds a
:class:`Spec` from a file and reports every problem at once; these models do
the per-field validation.

Every indicator and rule keeps the YAML line it was written on (``line``), for
error messages, the pytest plugin and SARIF.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from reportcheck.figure import Kind

#: An indicator or rule id: readable, lower-case, dotted (``enterprises.new.2023``).
ID_PATTERN = r"^[a-z0-9][a-z0-9_\-]*(\.[a-z0-9_\-]+)*$"
ID_RE = re.compile(ID_PATTERN)

#: What kind of figure an indicator is (the values of :class:`reportcheck.figure.Kind`).
KINDS = tuple(k.value for k in Kind)

#: 实际 (an outturn), 预计 (an estimate of an outturn), 目标 (a target), 力争 (a stretch target).
STATUSES = ("实际", "预计", "目标", "力争")

#: Where the number sits in a locator template.
PLACEHOLDER = "{}"

#: A canonical value's decimal exponent is at most this in size (it must fit a float64).
MAX_EXPONENT = 300


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Locator(_Model):
    """How to find an indicator's figure in the document: by its context, never by offset.

    ``template`` is the text around the figure with ``{}`` where the figure is,
    e.g. ``"新培育省级以上单项冠军、专精特新、瞪羚企业{}，总量"``. ``{}`` stands
    for the number *and* its unit, so the locator still finds the figure when a
    draft changes 939 to 993 or 亿元 to 万元. Other numbers inside the context
    match any number (``实施500万元以上工业新上和技改项目{}`` still matches when
    the 500 changed), markdown emphasis (``**``) and spaces are ignored.

    ``occurrence`` (1-based) picks one match when the template matches several
    places; without it, several matches are an error (ambiguous locator).
    """

    template: str
    occurrence: int | None = Field(default=None, ge=1)

    @field_validator("template")
    @classmethod
    def _one_placeholder(cls, v: str) -> str:
        n = v.count(PLACEHOLDER)
        if n != 1:
            raise ValueError(f"a locator template needs exactly one {{}} where the figure is (found {n})")
        if not v.replace(PLACEHOLDER, "").strip():
            raise ValueError("a locator template needs some context around {}")
        return v

    def __str__(self) -> str:
        s = self.template
        if self.occurrence:
            s += f" (occurrence {self.occurrence})"
        return s


class Indicator(_Model):
    """One figure of the report with its meaning and canonical value.

    ``value`` is the canonical value *as written*, in ``unit`` (``5600`` with
    ``亿元``); declines are negative (下降7.1% is ``-7.1``). ``qualifier`` is the
    word that bounds it as the text writes it (以上, 突破, 左右 …; several joined
    by ``+``); ``status`` says whether it is an outturn or a target.
    """

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    period: str = Field(min_length=1)
    kind: Literal[KINDS]  # type: ignore[valid-type]
    unit: str | None = None
    value: Decimal | None = None
    qualifier: str | None = None
    status: Literal[STATUSES] = "实际"  # type: ignore[valid-type]
    locate: Locator
    note: str | None = None
    line: int | None = None  # YAML line of the indicator (set by the loader)

    @field_validator("period", mode="before")
    @classmethod
    def _period_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @field_validator("locate", mode="before")
    @classmethod
    def _locator_from_string(cls, v: Any) -> Any:
        return {"template": v} if isinstance(v, str) else v

    @field_validator("value", mode="before")
    @classmethod
    def _exact_value(cls, v: Any) -> Any:
        if isinstance(v, bool):
            raise ValueError("a value must be a number, not true/false")
        if isinstance(v, float):
            return Decimal(repr(v))
        if isinstance(v, Decimal) and not v.is_finite():
            raise ValueError("a canonical value must be finite")
        return v

    @field_validator("value")
    @classmethod
    def _float_sized(cls, v: Decimal | None) -> Decimal | None:
        if v is not None and not v.is_finite():
            raise ValueError("a canonical value must be finite")
        if v is not None and v != 0 and abs(v.adjusted()) > MAX_EXPONENT:
            raise ValueError(f"a canonical value must lie between 1e-{MAX_EXPONENT} and 1e{MAX_EXPONENT} in size")
        return v

    @field_validator("unit", "qualifier", mode="before")
    @classmethod
    def _text(cls, v: Any) -> Any:
        if v is None:
            return v
        if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
            return str(v)
        if isinstance(v, str):
            return v.strip() or None
        return v


class Sections(_Model):
    """Which headings of the document review the past year and which set targets."""

    review: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)


class Metadata(_Model):
    """What report a spec describes."""

    id: str = Field(pattern=ID_PATTERN)  # the report id (the indicator table's ``report`` column)
    title: str
    region: str
    year: int
    source: str  # the document, relative to the spec file
    sections: Sections = Field(default_factory=Sections)
    description: str | None = None

    @field_validator("source")
    @classmethod
    def _a_path(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("'source' must name the report document")
        if "\0" in v:
            raise ValueError("'source' contains a NUL character")
        return v


class Rule(_Model):
    """A rule of a spec, with its kind's validated parameters.

    ``params`` is the kind's own pydantic ``Params`` (a member of the discriminated
    union :func:`reportcheck.rules.params_adapter` validates, tagged by ``kind``).
    ``references`` lists the indicator ids it reads.
    """

    id: str
    kind: str
    params: Any
    references: tuple[str, ...] = ()
    severity: str | None = None
    rationale: str | None = None
    line: int | None = None
    fields: dict[str, Any] = Field(default_factory=dict)  # the rule's mapping as written (plain data)


class Ignore(_Model):
    """A waiver of the spec (``ignore:``): a finding accepted, with the reason why.

    ``id`` (a rule or indicator id; ``check`` narrows it to one check kind) or
    ``fingerprint`` names the finding; ``reason`` is required. See docs/waivers.md.
    """

    reason: str = Field(min_length=1)
    id: str | None = None
    check: str | None = None
    fingerprint: str | None = None
    line: int | None = None  # YAML line of the entry (set by the loader)


class Spec(_Model):
    """A loaded, validated report spec. Build it with :func:`reportcheck.load_spec`."""

    metadata: Metadata
    indicators: tuple[Indicator, ...]
    rules: tuple[Rule, ...]
    ignore: tuple[Ignore, ...] = ()  # findings waived for this spec (docs/waivers.md)
    path: Path | None = None  # the spec file
    _by_id: dict[str, Indicator] | None = PrivateAttr(default=None)

    @property
    def id(self) -> str:
        return self.metadata.id

    @property
    def source(self) -> Path | None:
        """The document the spec describes, resolved against the spec's directory."""
        src = Path(self.metadata.source)
        if src.is_absolute() or self.path is None:
            return src
        return (self.path.parent / src).resolve()

    def indicator(self, id: str) -> Indicator:
        """The indicator with this id; KeyError (with a did-you-mean) when there is none."""
        idx = self._index()
        try:
            return idx[id]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(id, list(idx), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise KeyError(f"no indicator {id!r} in spec {self.id!r}{hint}") from None

    def rule(self, id: str) -> Rule:
        for r in self.rules:
            if r.id == id:
                return r
        raise KeyError(f"no rule {id!r} in spec {self.id!r}")

    def _index(self) -> dict[str, Indicator]:
        if self._by_id is None:
            self._by_id = {i.id: i for i in self.indicators}
        return self._by_id
