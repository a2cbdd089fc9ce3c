"""share-within-0-100 (error) / rate-within-0-100 (warning): shares lie in [0, 100] %.

What it infers: a share whose name bounds it by its whole (覆盖率, 占比, 比重 …) is an
error outside [0, 100] %; another rate (率, 比例 …) is a warning, since completion or
contribution rates can exceed 100 %; gross ratios (毛入学率) are never errors.

Why: 覆盖率185% is a typo (85%) or a misplaced figure.

Fires: ``农村自来水普及率达到185%``.

Does not fire: ``计划完成率达到112%`` (an unbounded rate).
"""

from __future__ import annotations

from reportcheck.lint.detectors.base import Rules
from reportcheck.lint.indicators import _name, share_class
from reportcheck.lint.model import Inference


def detect(R: Rules, inf: Inference) -> None:
    figs = inf.figures
    strict, loose = [], []
    for f in figs:
        i = R.ind(f)
        if i is None:
            continue
        c = share_class(f)
        if c == "strict":
            strict.append(f)
        elif c == "loose":
            loose.append(f)
    for f in strict:
        R.add("share-within-0-100", "share-range", {"indicators": [R.ind(f).id]}, "error",
              f"{_name(f)} is a share of a whole: between 0 % and 100 %.", [f])
    for f in loose:
        R.add("rate-within-0-100", "share-range", {"indicators": [R.ind(f).id]}, "warning",
              f"{_name(f)} reads as a rate; most rates lie between 0 % and 100 % (a warning: "
              f"completion or contribution rates can exceed 100 %).", [f],
              review="is this rate bounded by 100 %? If not, delete the rule")
