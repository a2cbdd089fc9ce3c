"""Sections and periods: which part of a report (review of the past year(s) or targets)
a figure belongs to, and the report's year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportcheck.figure import Figure

_REVIEW_HEAD = re.compile(r"回顾|成就|过去一年|过去的?五年|工作总结")
_TARGET_HEAD = re.compile(r"工作安排|预期目标|主要目标|目标任务|重点工作|工作任务|总体要求|今年[^。]{0,12}工作|做好[^。]{0,8}工作")
_YEAR = re.compile(r"(20[0-9]{2})\s*年")
_FIVE_REVIEW = re.compile(r"^[\s“”—\-]*(?:过去的?五年|这五年|五年来|近五年|“?十四五”?(?:时期|以来|期间)|“?十三五”?时期)")
#: a "——" bullet continues the paragraph that introduced it (过去的五年…： ——…)
_FIVE_INTRO = re.compile(r"五年来|过去的?五年|这五年|“?十四五”?(?:时期|以来|期间)")
_BULLET = re.compile(r"^[\s*]*(?:——|—|[-•·●◆]|[（(][一二三四五六七八九十]{1,2}[）)])")
#: a paragraph about the last year alone (刚刚过去的2025年, 过去一年, 一年来)
_ADDRESS = re.compile(r"^[\s“”]*各位代表[，,！!：:]?")
_ONE_YEAR = re.compile(r"^[\s“”]*(?:刚刚过去的|过去的|回顾)?(?:(?P<y>20[0-9]{2})年(?!是)|过去一年|一年来|这一年)")
_FIVE_TARGET = re.compile(r"“?十五五”?时期")
_TITLE_YEAR = re.compile(r"(20[0-9]{2})\s*年[^\n]{0,20}政府工作报告")
_TARGET_PARA = re.compile(r"^[\s◆◇●■▲•·\-—]*(?:今年|[0-9]{4}年)?[^。]{0,16}主要预期目标")


@dataclass
class _Section:
    start: int
    mode: str  # review | target
    period: str


def report_year(text: str) -> int:
    """The year of the report: its title (2026年…政府工作报告), else the headings, else the years used."""
    head = text[:3000]
    m = _TITLE_YEAR.search(head)
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


def sections(text: str, year: int) -> list[_Section]:
    """Where the review and the target parts start (by headings), each with its period."""
    out = [_Section(0, "review", str(year - 1))]
    pos = 0
    for line in text.splitlines(keepends=True):
        s = line.strip().replace("*", "")
        start = pos
        pos += len(line)
        if not s:
            continue
        if len(s) <= 60:
            y = _YEAR.search(s)
            if _REVIEW_HEAD.search(s) and not _TARGET_HEAD.search(s):
                period = y.group(1) if y else (f"{year - 5}-{year - 1}" if "十四五" in s else str(year - 1))
                out.append(_Section(start, "review", period))
                continue
            if _TARGET_HEAD.search(s):
                if y:
                    period = y.group(1)
                elif _FIVE_TARGET.search(s):
                    period = f"{year}-{year + 4}"
                else:
                    period = str(year)
                out.append(_Section(start, "target", period))
                continue
    return out


def _section_at(secs: list[_Section], offset: int) -> _Section:
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


def period_of(text: str, secs: list[_Section], fig: Figure, year: int) -> tuple[str, str]:
    """(mode, period) of a figure: its section, refined by its paragraph's opening words."""
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
