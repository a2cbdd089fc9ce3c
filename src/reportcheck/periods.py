"""Periods of a source report: which part of the report a figure is in (the review of the
past year or years, or the targets and tasks ahead), which period that part is about,
and the report's year.

One reading, called by ``lint`` (indicator periods), ``init`` (the spec draft's periods),
``compare`` (the source side of a period slip) and ``targets`` (which figures are plans).
Every cue word is in :data:`WORDS`; the patterns below are built from it, so a word added
there is known to every reader.

Public API
----------
- :func:`report_year` — the year of the report (its title, headings or the years used);
- :func:`sections` and :func:`period_of` — the report's parts by headings (and by a paragraph
  opening on the plan ahead, “十五五”时期是…, inside a review), and a figure's
  ``(mode, period)`` refined by its paragraph's opening words (过去的五年…, —— bullets);
- :func:`line_periods` and :func:`period_at` — the same reading line by line, with whether
  a heading or paragraph opening said so (the spec drafter's second look);
- :func:`five_year_blocks` — spans of a five-year review (五年来… up to the next heading or
  the next paragraph about one year);
- :func:`plan_span` — the years of a named plan (十四五 → 2021–2025).

``mode`` is ``review`` or ``target``; ``period`` is a year (``"2025"``) or a span
(``"2021-2025"``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["WORDS", "PLAN_START", "Section", "report_year", "sections", "period_of", "line_periods",
           "period_at", "five_year_blocks", "plan_span", "five_year_sentence", "alternation"]

#: every cue word of the period reading, by meaning
WORDS: dict[str, tuple[str, ...]] = {
    # a heading that opens the review of the past year(s)
    "review_head": ("回顾", "成就", "过去一年", "过去五年", "过去的五年", "工作总结"),
    # a heading that opens the year's (or the plan's) targets and tasks
    "target_head": ("工作安排", "预期目标", "主要目标", "目标任务", "重点工作", "工作任务", "总体要求",
                    "主要任务", "重点任务", "重大任务", "主要工作"),
    # the same, as a pattern (今年政府工作, 做好2026年经济工作)
    "target_head_rx": (r"今年[^。]{0,12}工作", r"做好[^。]{0,8}工作"),
    # words that open a paragraph about the last five years
    "five_past": ("过去五年", "过去的五年", "这五年", "五年来", "近五年", "五年间"),
    # what follows a plan's name when it means the plan's years (“十四五”时期)
    "plan_time": ("时期", "期间", "以来"),
    # words that open a paragraph about the last year alone
    "one_past": ("过去一年", "一年来", "这一年"),
    # the five years ahead
    "five_next": ("未来五年", "今后五年"),
    # a year named relative to the report's: the one before, this one, the next
    "last_year": ("去年", "上年", "上一年", "过去一年", "刚刚过去的一年"),
    "this_year": ("今年", "本年", "年内"),
    "next_year": ("明年",),
}

#: first year of each five-year plan, by the numeral of its name (十四五 = 2021–2025)
PLAN_START = {"一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026}


def alternation(*keys: str) -> str:
    """The words of ``WORDS[key]`` (all keys) as one regex alternation, longest first."""
    ws: list[str] = []
    for k in keys:
        ws.extend(WORDS[k])
    return "|".join(re.escape(w) for w in sorted(set(ws), key=len, reverse=True))


def plan_span(numeral: str) -> tuple[int, int]:
    """(first, last) year of the plan 十<numeral>五."""
    a = PLAN_START[numeral]
    return a, a + 4


_PLAN_TIME = "|".join(WORDS["plan_time"])
_REVIEW_HEAD = re.compile(alternation("review_head"))
_TARGET_HEAD = re.compile(alternation("target_head") + "|" + "|".join(WORDS["target_head_rx"]))
_YEAR = re.compile(r"(20[0-9]{2})\s*年")
#: a paragraph opening on the last five years (or the plan just over)
_FIVE_REVIEW = re.compile(r"^[\s“”◆●■•·—–\-]*(?:" + alternation("five_past")
                          + rf"|“?十四五”?(?:{_PLAN_TIME})|“?十三五”?时期)")
#: a "——" bullet continues the paragraph that introduced it (过去的五年…： ——…)
_FIVE_INTRO = re.compile(alternation("five_past") + rf"|“?十四五”?(?:{_PLAN_TIME})")
_BULLET = re.compile(r"^[\s*“”]*(?:——|—|[-•·●◆■]|[（(][一二三四五六七八九十]{1,2}[）)])")
_ADDRESS = re.compile(r"^[\s“”]*各位代表[，,！!：:]?")
#: a paragraph about the last year alone (刚刚过去的2025年, 过去一年, 一年来)
_ONE_YEAR = re.compile(r"^[\s“”◆●■•·—–\-]*(?:刚刚过去的|过去的|回顾)?(?:(?P<y>20[0-9]{2})年(?!是)|"
                       + alternation("one_past") + ")")
_PLAN_NEXT = re.compile("十五五|" + alternation("five_next"))
#: a paragraph opening on the plan ahead (“十五五”时期是…) after a heading that names both
#: the plan just over and the plan ahead: the plan's targets start there
_PLAN_AHEAD = re.compile(r"^[\s“”]*“?十五五”?时期")
_TITLE_YEAR = re.compile(r"(20[0-9]{2})\s*年[^\n]{0,20}政府工作报告")
_TARGET_PARA = re.compile(r"^[\s◆◇●■▲•·\-—]*(?:今年|[0-9]{4}年)?[^。]{0,16}主要预期目标")
_HEAD_NUM = re.compile(r"^(?:#+\s*|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
#: in a review, a sentence that sums up or averages the five years
_FIVE_SENTENCE = re.compile(r"五年(?:来|间|累计|共|中)|十四五(?:" + _PLAN_TIME + ")|年均")


@dataclass
class Section:
    start: int
    mode: str  # review | target
    period: str


def report_year(text: str) -> int:
    """The year of the report: its title (2026年…政府工作报告), else the headings, else the years used."""
    m = _TITLE_YEAR.search(text[:3000])
    if m:
        return int(m.group(1))
    for line in text.splitlines():
        s = line.strip()
        if 0 < len(s) <= 60:
            y = _YEAR.search(s)
            if y and _TARGET_HEAD.search(s):
                return int(y.group(1))
            if y and _REVIEW_HEAD.search(s):
                return int(y.group(1)) + 1
    years = [int(y) for y in _YEAR.findall(text) if 1990 <= int(y) <= 2100]
    return max(years) if years else 2024


def _heading(s: str, year: int, strict: bool) -> tuple[str, str] | None:
    """(mode, period) a heading line sets, or None. ``strict`` (the line reader): the line must
    read as a heading (numbered, or short and without a full stop)."""
    if not s or len(s) > 60:
        return None
    if strict and "。" in s and not _HEAD_NUM.match(s):
        return None
    y = _YEAR.search(s)
    review, target = _REVIEW_HEAD.search(s), _TARGET_HEAD.search(s)
    if target and not review:
        if y:
            return "target", y.group(1)
        if _PLAN_NEXT.search(s):
            return "target", f"{year}-{year + 4}"
        return "target", str(year)
    if review and (not strict or _HEAD_NUM.match(s) or len(s) <= 30):
        if y:
            return "review", y.group(1)
        if "十四五" in s or "五年" in s:
            return "review", f"{year - 5}-{year - 1}"
        return "review", str(year - 1)
    return None


def sections(text: str, year: int) -> list[Section]:
    """Where the review and the target parts start (by headings), each with its period."""
    out = [Section(0, "review", str(year - 1))]
    pos = 0
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        s = line.strip().replace("*", "")
        head = _heading(s, year, strict=False)
        if head is not None:
            out.append(Section(start, *head))
        elif out[-1].mode == "review" and _PLAN_AHEAD.match(s):
            out.append(Section(start, "target", f"{year}-{year + 4}"))
    return out


def _section_at(secs: list[Section], offset: int) -> Section:
    cur = secs[0]
    for s in secs:
        if s.start <= offset:
            cur = s
        else:
            break
    return cur


def _paragraph(text: str, offset: int) -> str:
    a = text.rfind("\n", 0, offset) + 1
    b = text.find("\n", offset)
    return text[a: b if b >= 0 else len(text)]


def period_of(text: str, secs: list[Section], fig, year: int) -> tuple[str, str]:
    """(mode, period) of a figure (anything with ``.start``): its section, refined by its
    paragraph's opening words."""
    sec = _section_at(secs, fig.start)
    mode, period = sec.mode, sec.period
    para = _paragraph(text, fig.start).replace("*", "")
    if _TARGET_PARA.search(para[:60]):
        return "target", str(year)
    one = _ONE_YEAR.search(_ADDRESS.sub("", para)[:20])
    if mode == "review" and one and (one.group("y") in (None, str(year - 1))):
        return "review", str(year - 1)  # 刚刚过去的2025年 in a five-year section
    if mode == "review" and _FIVE_REVIEW.search(para[:20]):
        return "review", f"{year - 5}-{year - 1}"
    if mode == "review" and _five_year_bullet(text, fig.start, sec.start):
        return "review", f"{year - 5}-{year - 1}"
    return mode, period


def _five_year_bullet(text: str, offset: int, section_start: int) -> bool:
    """A paragraph (a "——" or "（四）" bullet, a paragraph under a short subheading) that follows
    a paragraph opening a five-year review: the nearest earlier paragraph of the section that
    introduces a period (五年来 / 过去五年 / “十四五”时期, or 这一年 / 刚刚过去的2025年),
    skipping other bullets and their continuation paragraphs."""
    end = text.rfind("\n", 0, offset)
    for _ in range(40):
        if end <= section_start:
            return False
        a = text.rfind("\n", 0, end) + 1
        if a <= section_start:
            return False  # the section's heading says nothing about this paragraph's period
        para = _ADDRESS.sub("", text[a:end].replace("*", ""))
        end = a - 1
        if not para.strip() or _BULLET.match(para):
            continue
        if _ONE_YEAR.search(para[:20]):
            return False
        if _FIVE_REVIEW.search(para[:20]) or _FIVE_INTRO.search(para):
            return True
    return False


def line_periods(text: str, year: int) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, mode, period, explicit) of every line: headings set the period of their part;
    a paragraph opening with 这五年 / 过去的五年 / 五年来 (or a "——" bullet after one) is the
    five years before the report's year; a paragraph opening with 过去一年 returns to the year.
    ``explicit``: a heading or a paragraph opening said so (not the default reading of the text
    before any recognised heading)."""
    out = []
    mode, period = "review", str(year - 1)
    para_period: str | None = None
    explicit = False
    pos = 0
    five = f"{year - 5}-{year - 1}"
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        s = line.strip().replace("*", "")
        if not s:
            out.append((start, pos, mode, para_period or period, explicit or para_period is not None))
            continue
        head = _heading(s.strip(), year, strict=True)
        if head is not None:
            mode, period = head
            para_period = None
            explicit = True
            out.append((start, pos, mode, period, True))
            continue
        if mode == "review" and _PLAN_AHEAD.match(s):
            mode, period, para_period, explicit = "target", f"{year}-{year + 4}", None, True
        if mode == "review":
            one = _ONE_YEAR.match(s)
            if _FIVE_REVIEW.match(s):
                para_period = five
            elif one:
                para_period = one.group("y") or str(year - 1)
            elif not _BULLET.match(s):
                para_period = None  # a plain paragraph: the part's period again
        out.append((start, pos, mode, para_period or period, explicit or para_period is not None))
    return out


def period_at(table: list[tuple[int, int, str, str, bool]], offset: int) -> tuple[str, str, bool] | None:
    """(mode, period, explicit) of the line of :func:`line_periods` holding ``offset``."""
    lo, hi = 0, len(table)
    while lo < hi:
        mid = (lo + hi) // 2
        if table[mid][1] <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(table) and table[lo][0] <= offset:
        return table[lo][2], table[lo][3], table[lo][4]
    return None


def five_year_sentence(s: str) -> bool:
    """Whether words of a review sentence sum up or average the five years (五年来, 年均 …)."""
    return _FIVE_SENTENCE.search(s) is not None


_BLOCK_START = re.compile(alternation("five_past") + r"|“?十([三四五])五”?时期")
# a five-year review ends at a heading or where the report turns to one year
_BLOCK_END = re.compile(r"^(?:[一二三四五六七八九十]+、|(?:各位代表[，,！!]?)?(?:刚刚过去的)?20[0-9]{2}年[，,]|"
                        r"过去一年|一年来|今年|新的一年)")
_BLOCK_LEAD = re.compile(r"^\s*(?:各位代表[，,！!]?)?\s*(?:20[0-9]{2}年是“?十[三四五]五”?收官之年。)?")


def five_year_blocks(text: str, year: int) -> list[tuple[int, int]]:
    """Spans of a report's five-year review: from a paragraph opening with 五年来 / 这五年 /
    十四五时期 (a plan already over) to the next heading or the next paragraph about one year."""
    blocks = []
    pos = 0
    start = None
    for para in text.splitlines(keepends=True):
        a = pos
        pos += len(para)
        s = para.strip()
        if not s:
            continue
        heading = len(s) <= 40 and "。" not in s
        if start is not None and (heading or _BLOCK_END.match(s)):
            blocks.append((start, a))
            start = None
        if heading:
            continue
        m = _BLOCK_LEAD.match(s)
        lead = s[m.end():][:12] if m else s[:12]
        sm = _BLOCK_START.search(lead)
        if sm and start is None:
            if sm.group(1) and plan_span(sm.group(1))[1] >= year:
                continue  # 十五五时期 in a 2026 report: the plan ahead, not a review
            start = a
    if start is not None:
        blocks.append((start, pos))
    return blocks
