"""What a rule decided, in one place: the three-valued :class:`Verdict` and the
:class:`Status` of one rule × report, with their numpy codes and their names.

Every layer speaks these:

* exact intervals (:mod:`reportcheck.quantities.interval`) return a :class:`Verdict`;
* vectorised intervals (:mod:`reportcheck.rules.vec`) return int8 arrays of
  :attr:`Verdict.code` (``FAIL = -1``, ``UNDETERMINED = 0``, ``PASS = 1``: *and* is
  the minimum, *or* the maximum, *not* the negation);
* the engine refines a rule's verdicts into int8 arrays of :attr:`Status.code`
  (not applicable, pass, fail, fail only under the just-passed reading, undetermined,
  a coherent stretch target); a rule kind's ``describe(r, status)`` receives the
  :class:`Status` (a ``str`` enum: ``status == "fail"`` works);
* a :class:`~reportcheck.findings.Finding` and ``Result.verdicts()`` carry
  :attr:`Status.verdict` (``fail``, ``warn``, ``undetermined``; ``pass``/``n/a``
  only in ``verdicts()``).

No numpy here: ``import reportcheck`` stays light; the array modules build their
int8 constants from these codes.
"""

from __future__ import annotations

import enum
from typing import Literal


class Verdict(enum.Enum):
    """The outcome of a rule on intervals."""

    PASS = "pass"  # holds for every combination of values inside the intervals
    FAIL = "fail"  # fails for every combination
    UNDETERMINED = "undetermined"  # depends on where inside the intervals the true values are

    @property
    def code(self) -> int:
        """The int8 code of vectorised verdicts (FAIL −1 < UNDETERMINED 0 < PASS 1)."""
        return _VERDICT_CODE[self]

    @classmethod
    def from_code(cls, code: int) -> "Verdict":
        return _VERDICT_OF_CODE[int(code)]

    def __and__(self, other: "Verdict") -> "Verdict":
        return Verdict.from_code(min(self.code, other.code))

    def __or__(self, other: "Verdict") -> "Verdict":
        return Verdict.from_code(max(self.code, other.code))

    def __invert__(self) -> "Verdict":
        return Verdict.from_code(-self.code)


_VERDICT_CODE = {Verdict.FAIL: -1, Verdict.UNDETERMINED: 0, Verdict.PASS: 1}
_VERDICT_OF_CODE = {c: v for v, c in _VERDICT_CODE.items()}

#: what a finding (or a row of ``Result.verdicts()``) says about its rule × report
FindingVerdict = Literal["n/a", "pass", "fail", "warn", "undetermined"]


class Status(str, enum.Enum):
    """The decision of one rule for one report (the engine's int8 arrays hold :attr:`code`)."""

    NA = "n/a"  # a figure the rule needs is missing
    PASS = "pass"
    FAIL = "fail"  # fails under the formal reading of every figure
    TIGHT = "tight"  # fails only under the just-passed reading / a plausibility band
    UNDETERMINED = "undetermined"  # depends on rounding
    STRETCH = "stretch"  # a coherent stretch target: an info with the implied range

    @property
    def code(self) -> int:
        return _STATUS_CODE[self]

    @classmethod
    def from_code(cls, code: int) -> "Status":
        return _STATUS_OF_CODE[int(code)]

    @property
    def verdict(self) -> FindingVerdict:
        """The verdict a finding of this status carries (a tight fail or a stretch is a warn)."""
        return _FINDING_VERDICT[self]

    def __str__(self) -> str:
        return self.value


_STATUS_CODE = {Status.NA: -1, Status.PASS: 0, Status.FAIL: 1, Status.TIGHT: 2, Status.UNDETERMINED: 3,
                Status.STRETCH: 4}
_STATUS_OF_CODE = {c: s for s, c in _STATUS_CODE.items()}
_FINDING_VERDICT: dict[Status, FindingVerdict] = {
    Status.NA: "n/a", Status.PASS: "pass", Status.FAIL: "fail", Status.TIGHT: "warn",
    Status.UNDETERMINED: "undetermined", Status.STRETCH: "warn",
}

#: Status codes in code order −1 … 4 (index with ``code + 1``)
STATUSES: tuple[Status, ...] = tuple(_STATUS_OF_CODE[c] for c in range(-1, 5))
