"""Stage 3: list members (``95%、97%以上``, ``分别下降7.1%、14.1%``) share unit, kind and
qualifiers; every figure gets its subject and its interval."""

from __future__ import annotations

import functools
from bisect import bisect_left
from decimal import Decimal

from reportcheck.figure import Kind
from reportcheck.quantities.interval import Interval, _trusted
from reportcheck.quantities.numerals import parse_number
from reportcheck.quantities.qualifiers import (
    apply_qualifiers,
    fraction_interval,
    rounding_interval,
)
from reportcheck.text.extract.classify import _unit_base
from reportcheck.text.extract.raw import _Context, _Raw
from reportcheck.text.extract.vocabulary import (
    _PREFIX_SET,
    _SHARED_SUFFIXES,
    _BARE_MAGS,
    _CONTEXT_MAX,
    _COUNT_UNITS,
    _ITEM_SPLIT,
    _LEAD_FIRST,
    _LIST_GAPS,
    _MAG_UNITS,
    _NO_QUANTITY,
    _STRIP_LEAD,
    _STRIP_LEAD_QUOTES,
    _SUBJECT_LEAD,
    _SUBJECT_TRAIL,
    _TRAIL_LAST,
    _TRAIL_LENS,
    _TRAIL_SET,
)

def _second_pass(s: str, raws: list[_Raw], ctx: _Context) -> None:
    n = len(raws)
    # group list runs: 95%、97%以上 / 7.1%、14.1% / 8.7%、31.5%和32.3%
    runs: list[list[_Raw]] = []
    i = 0
    while i < n:
        first = raws[i]
        run = [first]
        j = i + 1
        while j < n:
            nxt = raws[j]
            qb, qa = run[-1].qb, nxt.qa
            # every list separator is one or two characters: skip the slice otherwise
            if 0 < qa - qb <= 2 and s[qb:qa] in _LIST_GAPS and nxt.kind.is_quantity and first.kind.is_quantity:
                run.append(nxt)
                j += 1
            else:
                break
        runs.append(run)
        i = j
    for run in runs:
        if len(run) > 1:
            _share_in_run(s, run, ctx)
    # intervals
    for r in raws:
        if r.interval is None:
            r.interval = _interval(r)
    # subjects
    sent_ends, clause_seps = ctx.sent_ends, ctx.clause_seps
    n_sep = len(clause_seps)
    len_s = len(s)
    prev_subject_by_sentence: dict[int, str] = {}
    prev_end = -1
    last: _Raw | None = None  # the figure before, of any kind
    for run in runs:
        items = _fenbie_items(s, run, ctx) if len(run) > 1 else None
        for k, r in enumerate(run):
            ra, qa = r.a, r.qa
            # the sentence and clause of the figure (as ctx.sentence / ctx.clause_start);
            # the sentence bounds are kept for stage 4
            si = bisect_left(sent_ends, ra)
            sent = sent_ends[si - 1] + 1 if si > 0 else 0
            r.si = si
            ci = bisect_left(clause_seps, ra)
            cstart = clause_seps[ci - 1] + 1 if ci > 0 else 0
            seg_start = prev_end if prev_end > cstart else cstart
            r.extra["context"] = s[cstart if cstart > qa - _CONTEXT_MAX else qa - _CONTEXT_MAX : qa]
            if items is not None:
                subj = items[k]
            elif k > 0:
                subj = run[0].subject
            elif r.kind is Kind.RANK and s[ra] != "第" and last is not None and last.qb == ra - 1 and s[ra - 1] == "、":
                subj = last.subject  # 第一、二轮: 二轮 is about what 第一 is about
            else:
                subj = _clean_subject(s[seg_start if seg_start > qa - _CONTEXT_MAX else qa - _CONTEXT_MAX : qa])
                following = None
                kind = r.kind
                if len(subj) <= 3 and (kind is Kind.COUNT or kind is Kind.AMOUNT or kind is Kind.RATIO):
                    qb = r.qb
                    ei = bisect_left(clause_seps, qb)
                    cend = clause_seps[ei] if ei < n_sep else len_s
                    following = _clean_subject(s[qb : min(cend, qb + 24)], following=True)
                if not subj:
                    changeish = kind in (Kind.GROWTH, Kind.POINTS, Kind.MULTIPLE, Kind.SHARE) or r.has_prefix
                    if changeish or not following:
                        subj = prev_subject_by_sentence.get(sent, "")
                if (not subj or len(subj) <= 3 and not r.has_prefix) and following:
                    subj = following
            r.subject = subj
            last = r
            if r.kind.is_quantity:  # names, labels, years neither bound a subject nor lend theirs
                if subj:
                    prev_subject_by_sentence[sent] = subj
                prev_end = r.qb


def _share_in_run(s: str, run: list[_Raw], ctx: _Context) -> None:
    head, last = run[0], run[-1]
    # 高于全国12.7个、12个百分点 / 3、5个: a member written without (all of) the unit takes the last one's
    for r in run[:-1]:
        if r.frac is not None or not last.unit:
            continue  # a fraction has no unit to take: 1/3 is 0.333…, not 0.333…%
        if r.unit is None or (r.unit == "个" and last.unit == "个百分点"):
            r.unit = last.unit
            r.exact = last.exact and r.num is not None and r.num.exponent >= 0
        elif r.unit in _BARE_MAGS and _unit_base(last.unit) in _MAG_UNITS:
            # 分别惠及3500万、2300万人次 / 1.28万亿、8200亿元: the last one's unit at this one's magnitude
            r.unit += _unit_base(last.unit)
            r.exact = False
        else:
            continue
        r.kind = last.kind
        for k in ("direction", "multiple_of"):
            if k in last.extra:
                r.extra[k] = last.extra[k]
    # the cue (kind) of the head applies to the members whose own clause names none
    for r in run[1:]:
        if r.unit is None and last.unit is not None and r is not last and r.frac is None:
            r.unit = last.unit
        if r.unit == head.unit and head.kind in (Kind.GROWTH, Kind.POINTS, Kind.SHARE, Kind.MULTIPLE):
            r.kind = head.kind
            if "direction" in head.extra:
                r.extra["direction"] = head.extra["direction"]
            if r.kind is Kind.MULTIPLE and "multiple_of" in head.extra and r.value is not None:
                r.extra["multiple_of"] = head.extra["multiple_of"]
                r.extra["factor"] = r.value + 1 if head.extra["multiple_of"] == "increase" else r.value
    # a trailing 以上/以下/左右 of the last member applies to all (分别保持在95%、97%以上)
    tail = [w for w in last.quals if w in _SHARED_SUFFIXES]
    if tail:
        for r in run[:-1]:
            if not r.has_suffix:
                r.quals = r.quals + tail
                r.extra["shared_qualifier"] = True
    # prefix words of the head (分别突破, 力争) apply to the rest
    lead = [w for w in head.quals if w in _PREFIX_SET]
    if lead:
        for r in run[1:]:
            if not r.has_prefix:
                r.quals = lead + r.quals
                r.stretch = r.stretch or head.stretch
                r.estimate = r.estimate or head.estimate


def _fenbie_items(s: str, run: list[_Raw], ctx: _Context) -> list[str] | None:
    cstart = max(ctx.clause_start(run[0].a), run[0].qa - _CONTEXT_MAX)
    before = s[cstart : run[0].qa]
    k = before.rfind("分别")
    if k < 0:
        return None
    items = [_clean_subject(x) for x in _ITEM_SPLIT.split(before[:k])]
    items = [x for x in items if x]
    if len(items) != len(run):
        return None
    # 治安、刑事警情 / 刑事、治安案件: a two-character modifier shares the last item's head noun
    last = items[-1]
    if len(last) >= 4:
        items = [x + last[-2:] if len(x) == 2 and not x.endswith(last[-2:]) else x for x in items[:-1]] + [last]
    return items


def _clean_subject(seg: str, following: bool = False) -> str:
    if following:
        # the words after the figure, up to the next number
        for k, ch in enumerate(seg):
            if ch.isdigit():
                seg = seg[:k]
                break
    seg = seg.strip(_STRIP_LEAD)
    for _ in range(4):
        n = len(seg)
        if not n or seg[-1] not in _TRAIL_LAST:
            break
        if seg[-1] == "\n":  # "$" also matches before a final newline: leave that to the regex
            m = _SUBJECT_TRAIL.search(seg)
            p = m.start() if m else -1
        else:
            p = -1
            for k in _TRAIL_LENS:
                if k <= n and seg[n - k :] in _TRAIL_SET:
                    p = n - k
                    break
        if p < 0 or p == 0 and following:
            break
        seg = seg[:p].rstrip(_STRIP_LEAD)
    for _ in range(3):
        if not seg or seg[0] not in _LEAD_FIRST:
            break
        m = _SUBJECT_LEAD.match(seg)
        if not m:
            break
        seg = seg[m.end():].lstrip(_STRIP_LEAD)
    return seg.strip(_STRIP_LEAD_QUOTES)


_EVERYTHING = Interval.everything()  # immutable, so one instance serves every figure


def _interval(r: _Raw) -> Interval:
    if r.frac is not None:
        return fraction_interval(r.frac, r.quals)
    if r.rng is not None:
        lo = rounding_interval(r.rng[0], exact=r.exact or _count_exact(r))
        hi = rounding_interval(r.rng[1], exact=r.exact or _count_exact(r))
        return Interval(lo.lower, hi.upper, True, True)
    v = r.value
    if v is None:
        return _EVERYTHING
    kind = r.kind
    if r.num is None or kind in _NO_QUANTITY or kind is Kind.DURATION and not r.quals:
        if type(v) is Decimal and v.is_finite():
            return _trusted(v, v, True, True)
        return Interval.point(v)
    return _qualified(r.ntext, tuple(r.quals), r.exact)


@functools.lru_cache(maxsize=4096)
def _qualified(ntext: str, quals: tuple[str, ...], exact: bool) -> Interval:
    # keyed by the number's text, not its Number: Decimal("5.0") == Decimal("5") would
    # hand one figure the other's interval, whose ends print differently
    return apply_qualifiers(parse_number(ntext), quals, exact=exact)


def _count_exact(r: _Raw) -> bool:
    u = r.unit or ""
    return u in _COUNT_UNITS and r.kind is Kind.COUNT
