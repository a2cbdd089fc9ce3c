"""Judging one target against one outcome, on intervals.

A target is turned into a :class:`Goal`: the region of values that meet it, with its
sense (floor, ceiling, band). The sense comes from the project's qualifier policy (the
role of each word: 以上/不低于/突破 bound below, 以内/不超过 above, 左右 a band), the band
is the policy's, and a bound's threshold is the **written** value — a target is a
threshold, its rounding does not move it (``60万吨以上`` is ``[60, ∞)`` 万吨, ``突破370万``
``(370, ∞)``). A plain figure is a floor at its written value (``增长8%`` is met from 8 %
up), a ceiling for a kept-down indicator (``失业率4%``: up to 4 %).

Changes are signed: ``下降3%`` is −3 %, so a decline target is a ceiling on the
signed change (``能耗下降3%`` is met by −3.5 %, missed by −2 %).

The outcome is an interval too. Every value of it inside the region: met. None: missed
(for a band, outside on the favourable side — above a growth band, below a kept-down
one — is met: the target was exceeded). Some: the figures were rounded across the
threshold; the written values decide, and the reason says so (``on the written
figures``) — unless the outcome was derived (through a base), where the verdict is
``unclear``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reportcheck.quantities.interval import INF, NEG_INF, Interval, Verdict
from reportcheck.quantities.qualifiers import Role, role_of

__all__ = ["Goal", "goal_of", "judge", "signed", "MET", "MISSED", "NOT_REPORTED", "UNCLEAR", "fmt"]

MET, MISSED, NOT_REPORTED, UNCLEAR = "met", "missed", "not_reported", "unclear"

_FLOOR_ROLES = (Role.LOWER, Role.LOWER_OPEN, Role.MORE)
_CEILING_ROLES = (Role.UPPER, Role.UPPER_OPEN)


@dataclass(frozen=True, slots=True)
class Goal:
    sense: str  # floor | ceiling | band
    region: Interval  # the values that meet the target (signed, in the target's unit)
    favourable: str  # up | down: which side of a band still meets the target
    why: str  # how the region was read, for the reason


def fmt(d: Decimal) -> str:
    if not d.is_finite():
        return "∞" if d > 0 else "-∞"
    s = format(d.normalize(), "f")
    return s


def _interval_text(iv: Interval, unit: str | None) -> str:
    u = unit or ""
    return f"{iv}{' ' + u if u else ''}"


def signed(interval: Interval, down: bool) -> Interval:
    """A change's interval with its sign: a decline (下降3%) is negative."""
    return -interval if down else interval


def goal_of(words: tuple[str, ...] | list[str], interval: Interval, value: Decimal | None, unit: str | None,
            *, down: bool = False, kept_down: str | None = None, ceiling_verb: str | None = None) -> Goal:
    """The region that meets a target written with ``words`` (its qualifier words).

    ``interval``/``value`` are the figure's as extracted (declines positive); ``down``
    marks a decline; ``kept_down`` names the kept-down word found in the subject (a plain
    target is then a ceiling); ``ceiling_verb`` a 控制在 before the figure.
    """
    roles = [role_of(w) for w in words]
    bounded = [w for w, r in zip(words, roles) if r in (*_FLOOR_ROLES, *_CEILING_ROLES, Role.BAND)]
    iv = signed(interval, down)
    v = None if value is None else (-value if down else value)
    keep = kept_down is not None or ceiling_verb is not None or down
    favourable = "down" if keep else "up"
    u = f" {unit}" if unit else ""
    if Role.BAND in roles:
        w = (iv.upper - iv.lower) / 2
        band_word = next(x for x, r in zip(words, roles) if r == Role.BAND)
        why = (f"{band_word}: the band {iv}{u} (±{fmt(w)}{u}, the qualifier policy's band), "
               f"{'above' if favourable == 'up' else 'below'} it the target is exceeded")
        return Goal("band", iv, favourable, why)
    if bounded:
        # the policy's interval gives the sense and whether the end is open (突破: the value
        # itself does not meet it); the threshold is the written value: a target is a
        # threshold, its rounding does not lower it (60万吨以上 is not met by 59.8万吨)
        b = '+'.join(bounded)
        if iv.upper == INF:
            region = Interval(v, INF, iv.lower_closed, False) if v is not None else iv
            return Goal("floor", region, "up", f"{b}: a floor, {region}{u}")
        if iv.lower == NEG_INF:
            region = Interval(NEG_INF, v, False, iv.upper_closed) if v is not None else iv
            return Goal("ceiling", region, "down", f"{b}: a ceiling, {region}{u}")
        return Goal("band", iv, favourable, f"{b}: the range {iv}{u}")
    if v is None:  # a range written 3-5个 without a bound word: the range is the band
        return Goal("band", iv, favourable, f"the range {iv}{u}")
    if keep:
        if down:
            why = f"a decline target: the change must be {fmt(v)}{u} or lower (a fall of at least {fmt(-v)}{u})"
        elif kept_down is not None:
            why = f"a kept-down indicator ({kept_down}): a ceiling at {fmt(v)}{u}"
        else:
            why = f"{ceiling_verb}: a ceiling at {fmt(v)}{u}"
        return Goal("ceiling", Interval(NEG_INF, v, False, True), "down", why)
    return Goal("floor", Interval(v, INF, True, False), "up", f"a plain target is a floor: {fmt(v)}{u} or more")


def judge(goal: Goal, outcome: Interval, written: Decimal | None, *, derived: bool = False) -> tuple[str, str]:
    """(verdict, how) of an outcome interval (signed, in the target's unit) against a goal."""
    inside = outcome.within(goal.region)
    if inside is Verdict.PASS:
        return MET, "within the target"
    region = goal.region
    if inside is Verdict.FAIL:
        above = outcome.lower >= region.upper
        if goal.sense == "band":
            if (above and goal.favourable == "up") or (not above and goal.favourable == "down"):
                return MET, f"{'above' if above else 'below'} the band: the target was exceeded"
            return MISSED, f"{'above' if above else 'below'} the band"
        return MISSED, "above the ceiling" if goal.sense == "ceiling" else "below the floor"
    # undetermined: rounding straddles the threshold
    if derived or written is None:
        return UNCLEAR, "the figures' rounding straddles the threshold: cannot tell"
    if region.contains(written):
        return MET, "on the written figures (their rounding straddles the threshold)"
    above = written > region.upper or (written == region.upper and not region.upper_closed)
    if goal.sense == "band" and ((above and goal.favourable == "up") or (not above and goal.favourable == "down")):
        return MET, "on the written figures, beyond the band on its favourable side"
    return MISSED, "on the written figures (their rounding straddles the threshold)"
