"""decline-at-most-100 (change-range, error): a fall is at most 100 %.

What it infers: every 下降/减少 N% of a quantity indicator.

Why: a fall of more than 100 % would leave a negative quantity: 下降114% is a slip
(11.4%, or 14%).

Fires: ``刑事警情下降114%``.

Does not fire: ``下降7.1%``; ``下降2个百分点`` (points, not %).
"""

from __future__ import annotations

from reportcheck.figure import Kind
from reportcheck.lint.detectors.base import Rules
from reportcheck.lint.indicators import _is_down, _name
from reportcheck.lint.model import Inference


def detect(R: Rules, inf: Inference) -> None:
    downs = [f for f in inf.figures
             if R.ind(f) is not None and f.kind is Kind.GROWTH and _is_down(f) and f.unit == "%"]
    for f in downs:
        i = R.ind(f)
        # a growth indicator holds the signed change (下降7.1% → -7.1); one declared a ratio because its
        # value is impossible holds the size of the fall as written
        rng = {"min": -100, "max": 0} if i.kind == "growth" else {"min": 0, "max": 100}
        R.add("decline-at-most-100", "change-range", {"indicators": [i.id], **rng},
              "error", f"{_name(f)} 下降: a fall of more than 100 % would leave a negative quantity.", [f])
