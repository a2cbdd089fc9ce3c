"""Period and status of a figure: which year it is about, and whether it is a result or a target.

A report's figures get theirs from the report's structure (its review and target
sections and five-year blocks, read by :mod:`reportcheck.periods`). A republication's figures get
theirs from the words around them, nearest first: the clause before the
figure, then its sentence, then a short heading line above it (一图读懂 lists
put 【2024年目标】 over the lines it governs). What no word says stays unknown,
and unknown never conflicts: a period slip is only reported when both sides
say something and the two disagree.

Statuses: ``actual`` (a result), ``estimate`` (预计: a result not yet final —
compatible with ``actual``), ``target`` (a plan, 力争 included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportcheck import periods as _periods

__all__ = ["When", "report_year", "source_whens", "text_when", "conflict", "describe"]


@dataclass(frozen=True, slots=True)
class When:
    year: int | None = None  # the year the figure is about
    span: tuple[int, int] | None = None  # a multi-year period: (2021, 2025) for 十四五 / 五年来
    status: str | None = None  # actual | estimate | target

    @property
    def known(self) -> bool:
        return self.year is not None or self.span is not None or self.status is not None


UNKNOWN = When()


report_year = _periods.report_year


def source_whens(text: str, figures, year: int | None = None) -> list[When]:
    """The When of each figure of a report, from its sections (review / target) and clause cues."""
    y = report_year(text) if year is None else year
    secs = _periods.sections(text, y)
    blocks = _periods.five_year_blocks(text, y)
    out = []
    for f in figures:
        mode, period = _periods.period_of(text, secs, f, y)
        if mode == "review" and any(a <= f.start < b for a, b in blocks):
            period = f"{y - 5}-{y - 1}"
        span = None
        yr: int | None = None
        if "-" in period:
            a, _, b = period.partition("-")
            span = (int(a), int(b))
        else:
            yr = int(period)
        if mode == "target":
            status = "target"
        else:
            status = "estimate" if f.estimate else "actual"
        # clause-level words refine the section: 五年来 / 十四五 totals inside a yearly section
        clause = _clause_before(f)
        tail = _tail(text, f, clause)
        cue = _cues(clause, y, tail)
        if cue.span is not None:
            span, yr = cue.span, None
        named = _last_year(clause, y, tail)
        if named is not None and cue.year == named:  # the clause names the figure's year: as a republication's is read
            span, yr = None, named
            if named >= y:
                status = "target"
            elif status == "target":  # 从2020年的X提高到2030年的Y in a plan: X is a past result
                status = "estimate" if f.estimate else "actual"
        # 力争 / 冲刺 make a target; 争取 does not (争取中央资金 in a review is money obtained)
        if cue.status == "target" or (f.stretch and any(w in (f.qualifier or "") for w in ("力争", "冲刺"))):
            status = "target"
        out.append(When(yr, span, status))
    return out


# --------------------------------------------------------------------------------------
# cues in a republication
# --------------------------------------------------------------------------------------
_YEAR = re.compile(r"(20[0-9]{2})\s*年(?!代)")
_PAST = re.compile(_periods.alternation("last_year") + r"|已经|同比|成绩单|成就|回顾|顺利完成|圆满完成|超额完成|完成了")
_THIS = re.compile(_periods.alternation("this_year") + r"|全年目标|新的一年")
_TARGET = re.compile(r"目标(?!任务)|展望|力争|确保|(?<![超成年度])计划(?!单列)|将要|预期(?!寿命)|拟(?:在|于|将|新增|建设|实施)|奋斗|要实现|要达到|要完成|预定|将(?:新增|实现|完成|达到|突破|建设|新建|实施|开工|培育|推动|力争|争取|增长|提高)")
_ESTIMATE = re.compile(r"预计")
_SPAN_PAST = re.compile(_periods.alternation("five_past") + r"|五年成就|五年成绩|五年年均")
_SPAN_NAMED = re.compile(r"十([一二三四五六])五")  # 十四五 = 2021–2025, 十五五 = 2026–2030
_SPAN_NEXT = re.compile(_periods.alternation("five_next"))
#: a named plan's first or last year, not the plan (推动“十五五”开好局, “十四五”圆满收官)
_PLAN_EDGE = re.compile(r"[”\"』」]?\s*(?:(?P<first>开好局|开局|起步|首年|第一年|开篇)|(?P<last>圆满收官|收官|最后一年|末年|期末|末))")
_HEADING = re.compile(r"^[\s#>*【\[（(◆●■▲•·\-—]*(.{0,30}?)[】\]）)]?\s*[:：]?\s*$")


def _events(s: str, year: int, tail: str = "") -> list[tuple[int, str, object]]:
    """The period cues of ``s`` in reading order: (position, kind, value) with kind span
    (a value (first, last)), year, past, this, target or estimate."""
    if not s:
        return []
    events: list[tuple[int, str, object]] = []
    spans = []
    for m in _SPAN_NEXT.finditer(s):
        spans.append((m.start(), (year, year + 4)))
    for m in _SPAN_PAST.finditer(s):
        spans.append((m.start(), (year - 5, year - 1)))
    one_years = []
    for m in _SPAN_NAMED.finditer(s):
        a, b = _periods.plan_span(m.group(1))
        edge = _PLAN_EDGE.match(s, m.end())
        if edge is None:
            spans.append((m.start(), (a, b)))
        elif not _is_base(s, m.start(), edge.end(), tail):
            # 推动“十五五”开好局: the plan's first year; “十四五”圆满收官, “十三五”末的X: its last
            one_years.append((m.start(), a if edge.group("first") else b))
    past_spans = [sp for _, sp in spans if sp[0] < year]
    next_spans = [sp for _, sp in spans if sp[0] >= year]
    if not (past_spans and next_spans):  # 从“十四五”到“十五五”: both, so neither
        events.extend((p, "span", sp) for p, sp in spans)
    events.extend((p, "year", v) for p, v in one_years if year - 6 <= v <= year + 6)
    for m in _YEAR.finditer(s):
        v = int(m.group(1))
        if year - 6 <= v <= year + 6 and not _is_base(s, m.start(), m.end(), tail):
            events.append((m.start(), "year", v))
    for name, rx in (("past", _PAST), ("this", _THIS), ("target", _TARGET), ("estimate", _ESTIMATE)):
        events.extend((m.start(), name, None) for m in rx.finditer(s))
    events.sort(key=lambda e: e[0])
    return events


def _cues(s: str, year: int, tail: str = "") -> When:
    """What the words of ``s`` say, read left to right: a later cue (nearer the figure)
    overrides an earlier one (回顾2023年…；展望2024年，要抓好416个项目 is a 2024 target).

    ``tail``: the words between ``s`` (a figure's clause) and the figure (提高到), read only for
    whether a year is the start of a change."""
    events = _events(s, year, tail)
    if not events:
        return UNKNOWN
    yr: int | None = None
    span: tuple[int, int] | None = None
    status: str | None = None
    for _, kind, v in events:
        if kind == "span":
            span, yr = v, None  # type: ignore[assignment]
            status = "target" if span[0] >= year else "actual"
        elif kind == "year":
            yr, span = v, None  # type: ignore[assignment]
            status = "actual" if yr < year else "target"
        elif kind == "past":
            status = "actual"
            if span is None and (yr is None or yr >= year):
                yr = year - 1
        elif kind == "this":
            if span is None:
                yr, status = year, "target"
        elif kind == "target":
            if yr is not None and yr < year:
                continue  # 2023年…目标: a past year's figure stays a result
            status = "target"
            if yr is None and span is None:
                yr = year
        elif kind == "estimate" and status != "target":
            status = "estimate"
    if yr is None and span is None and status is None:
        return UNKNOWN
    return When(yr, span, status)


#: a year that is a comparison's base or a span's start, not the figure's period:
#: 比2020年增长30%, 较2020年, 与2020年相比, 2020年以来
_BASE_BEFORE = re.compile(r"(?:比|较|与|同|对比|相比)\s*[“\"「『]?\s*$")
_BASE_AFTER = re.compile(r"\s*(?:相比|相较|比较|以来|来)")


#: a change from a year's level to a later one: the year is the start, not the figure's year
#: (从2021年的46503元分别提高到58794元: 58794元 is not the 2021 figure)
_TRANSITION = re.compile(r"(?:提高|提升|增长|增加|上升|下降|降低|扩大|缩小|减少|跃升|攀升)(?:到|至)|[增升降减]至")


def _is_base(s: str, start: int, end: int, tail: str = "") -> bool:
    """Whether the year written at s[start:end] is a comparison's base or a change's start
    rather than the year of the figure after ``s`` (and ``tail``)."""
    after = s[end:] + tail
    if after.strip() in ("", "的"):  # 比2020年的82.4岁: the year names the figure itself
        return False
    return (bool(_BASE_BEFORE.search(s, 0, start)) or bool(_BASE_AFTER.match(after))
            or bool(_TRANSITION.search(after)))


def _last_year(s: str, year: int, tail: str = "") -> int | None:
    """The year named last in ``s`` when no later cue (a span, 去年, 今年) says otherwise
    (从2020年的51% is the 2020 figure even in a review of 2025; so is 较“十三五”末的9323.1亿元),
    else None."""
    last = None
    for _, kind, v in _events(s, year, tail):
        if kind == "year":
            last = v
        elif kind in ("span", "past", "this"):
            last = None
    return last  # type: ignore[return-value]


def _clause_before(fig) -> str:
    ctx = fig.extra.get("context") if fig.extra else None
    return ctx or ""


def _tail(text: str, fig, clause: str) -> str:
    """The words between a figure's clause (its context, which stops before the verb and
    qualifier: 提高到, 达到) and the figure itself."""
    if not clause:
        return ""
    k = text.rfind(clause, max(0, fig.start - len(clause) - 12), fig.start)
    return text[k + len(clause):fig.start] if k >= 0 else ""


def _sentence_before(fig) -> str:
    s = fig.sentence or ""
    i = s.find(fig.text)
    return s[:i] if i >= 0 else s


def _merge(inner: When, outer: When) -> When:
    """Fill what the nearer cue leaves unknown from the outer one."""
    if not outer.known:
        return inner
    if not inner.known:
        return outer
    year, span, status = inner.year, inner.span, inner.status
    if year is None and span is None:
        year, span = outer.year, outer.span
    if status is None:
        status = outer.status
    return When(year, span, status)


def heading_above(text: str, offset: int, limit: int = 16) -> str:
    """The nearest short line above ``offset`` that reads as a heading (≤ 30 characters), or ''."""
    end = text.rfind("\n", 0, offset)
    seen = 0
    while end > 0 and seen < limit:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        end = start - 1
        if not line:
            continue
        seen += 1
        if len(line) <= 30 and not line.endswith(("。", "；", "，")) and not re.search(r"[0-9]", re.sub(r"(?<![0-9])20[0-9]{2}(?![0-9])", "", line)):
            return line
    return ""


def text_when(text: str, fig, year: int) -> When:
    """The When of a republished figure: clause, then sentence, then the heading above it."""
    clause = _clause_before(fig)
    w = _cues(clause, year, _tail(text, fig, clause))
    if w.status is None or (w.year is None and w.span is None):
        w = _merge(w, _cues(_sentence_before(fig), year))
    if w.status is None or (w.year is None and w.span is None):
        h = heading_above(text, fig.start)
        if h:
            w = _merge(w, _cues(h, year))
    return w


def conflict(text: When, source: When, flow: bool = True) -> str | None:
    """Why a republished figure's When cannot be the source figure's; None when compatible or unknown.

    ``flow``: whether the figure accumulates over its period (新增, 累计, 年均, a growth). A level
    at the end of a five-year span (总量达14.2万亿元) is also that last year's level, so with
    ``flow=False`` the span's last year and the span are compatible.
    """
    if text.span is not None or source.span is not None:
        if text.span is not None and source.span is not None and text.span != source.span:
            return f"{describe(source)} told as {_article(describe(text))}"
        if text.span is not None and source.span is None and source.year is not None:
            if flow or source.year != text.span[1]:
                return f"{describe(source)} told as {_article(describe(text))}"
            return None
        if source.span is not None and text.span is None and text.year is not None and text.status is not None:
            if flow or text.year != source.span[1]:
                return f"{describe(source)} told as {_article(describe(text))}"
            return None
    ts, ss = text.status, source.status
    if ts is not None and ss is not None:
        t_target, s_target = ts == "target", ss == "target"
        if t_target != s_target:
            return f"{describe(source)} told as {_article(describe(text))}"
    if text.year is not None and source.year is not None and text.year != source.year:
        return f"{describe(source)} told as {_article(describe(text))}"
    return None


def _article(s: str) -> str:
    return s if s.startswith(("the ", "a ", "an ")) else "a " + s


def describe(w: When) -> str:
    """'the 2023 result', 'the 2024 target', 'the 2021–2025 total' …"""
    if w.span is not None:
        what = "target" if w.status == "target" else "total"
        return f"the {w.span[0]}–{w.span[1]} {what}"
    what = {"actual": "result", "estimate": "estimate", "target": "target"}.get(w.status or "", "figure")
    if w.year is not None:
        return f"the {w.year} {what}"
    return f"a {what}" if what != "estimate" else "an estimate"
