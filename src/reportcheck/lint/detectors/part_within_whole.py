"""part-within-whole / parts-within-whole (part-of): the parts listed after 其中 (or 包括).

What it infers: ``实现进出口总值3200亿元，其中出口2100亿元、进口1100亿元`` — each part
after 其中 is at most the whole (an error when written in the same unit directly after
the whole, else a warning); two or more parts add up to at most the whole (a warning:
the parts may overlap). The whole is the last level figure before 其中 in its sentence,
also when its growth stands between them (``经营主体达1163.7万户、增长6.3%，其中企业
410.1万户``). A part in a later clause of the same sentence (``其中制造业贷款新增1124亿元，
无还本续贷新增5982亿元``) is a warning: a later clause may start something else. 包括
with a 、-list of parts (``21个主要指标，包括13个预期性指标、8个约束性指标``) reads as 其中.

Why: a part above its whole is a slip in one of the two.

Fires: ``总值3200亿元，其中出口4100亿元``; ``21个主要指标，包括13个预期性指标、18个约束性指标``
(the sum, a warning).

Does not fire: ``其中3920个新投产项目增加产值5100多亿元`` (the second figure is not a
listed part); ``新增铁路运营里程639公里、其中高铁370公里，新增高速公路2600公里`` (the
later clause opens with the whole's own verb: a new item, not a part).
"""

from __future__ import annotations

import re

from reportcheck.figure import Figure, Kind
from reportcheck.lint.detectors.base import Rules, _base_unit, _compatible, _group, _short
from reportcheck.lint.indicators import _context
from reportcheck.lint.model import Inference

_PART_WORD = re.compile(r"其中|包括")
#: kinds that may stand between the whole and 其中 (its growth, its share, its rank)
_BETWEEN_KINDS = (Kind.GROWTH, Kind.POINTS, Kind.SHARE, Kind.RANK, Kind.MULTIPLE)
_QUAL_HEAD = re.compile(r"^(?:以上|多|余|左右)")
#: a later clause that opens like a new item of the whole's enumeration
_NEW_ITEM_LEAD = re.compile(r"^(?:新增|新建|完成|实现|建成|累计|全年|同时|此外|另外|带动|拉动|占|比|较|增长|下降|达到|居)")


def _words(text: str, a: int, b: int, figs: list[Figure]) -> str:
    """The text between offsets a and b without the figures inside it and without markdown."""
    out, pos = [], a
    for f in figs:
        if f.start >= a and f.end <= b:
            out.append(text[pos:f.start])
            pos = f.end
    out.append(text[pos:b])
    return "".join(out).replace("*", "")


def _whole_before(R: Rules, figs: list[Figure], k: int, text: str, kw: int) -> tuple[int, bool] | None:
    """Index of the whole for the keyword at ``kw`` (figs[k] is the last figure before it), and
    whether it stands directly before 其中 (nothing but a few words between)."""
    j = k
    between: list[Figure] = []
    while j >= 0:
        f = figs[j]
        if f.line != figs[k].line or re.search(r"[。；;！？]", text[f.end:kw]):
            return None
        if f.kind in _BETWEEN_KINDS:
            between.append(f)
            j -= 1
            continue
        if R.ind(f) is None or _group(f) != "level":
            return None
        words = _QUAL_HEAD.sub("", _words(text, f.end, kw, between))
        if len(words) > 16 or "其中" in words or "包括" in words:
            return None
        direct = not between and re.fullmatch(r"[^，。；、,;：:“”]{0,8}[，、,]?\s*", words) is not None
        named = not between and re.fullmatch(r"[^，。；、,;：:]{0,12}[，、,]?\s*", words) is not None
        if not direct and not named and not re.fullmatch(r"(?:[、，,]\s*(?:同比|比上年|较上年|年均)?\s*(?:增长|增加|提高|下降|减少|"
                                           r"占[^，、。]{0,8}|居[^，、。]{0,8}|是|为|达)\s*)+[，、,]?\s*", words):
            return None
        return j, direct
    return None


def detect(R: Rules, inf: Inference) -> None:
    text = inf.text
    figs = inf.figures
    n = len(figs)
    starts = [f.start for f in figs]
    import bisect

    seen: set[int] = set()
    for mkw in _PART_WORD.finditer(text):
        kw, word = mkw.start(), mkw.group()
        k = bisect.bisect_left(starts, kw) - 1
        if k < 0 or k + 1 >= n:
            continue
        found = _whole_before(R, figs, k, text, kw)
        if found is None:
            continue
        wi, direct = found
        w = figs[wi]
        if w.start in seen and word == "包括":
            continue
        seen.add(w.start)
        iw = R.ind(w)
        # the parts: the first figure after the keyword, the next members of its 、-list, and (a
        # warning) the figures opening the later clauses of the sentence
        parts: list[tuple[Figure, bool]] = []  # (figure, first clause?)
        j = k + 1
        pos = kw + 2
        if re.search(r"[，。；,;]", text[pos:figs[j].start].replace("*", "").lstrip("，,：: ")):
            continue
        if word == "包括" and len(text[pos:figs[j].start].replace("*", "").strip("，,：: ")) > 10:
            continue
        clause = 0
        in_list = False  # the figures so far form a 、-list (its members may be in other units)
        while j < n and figs[j].line == w.line:
            f = figs[j]
            between = text[pos:f.start].replace("*", "")
            if j == k + 1:
                between = re.sub(r"^[，,：:]", "", between)
            if re.search(r"[；;。！？]", between):
                break
            if f.kind.is_quantity:
                lead = _QUAL_HEAD.sub("", between)
                if j == k + 1:
                    ok = True
                elif re.match(r"^[^，。；、,;“”]{0,8}、", lead) and in_list and clause == 0:
                    ok = True  # the next member of a 、-list of parts
                elif re.match(r"^[，,]", lead) and parts and word == "其中":
                    clause += 1
                    words = lead[1:]
                    ctx_w = _context(w).replace("*", "")
                    # parallel to the first part: the same closing words (制造业贷款新增 · 无还本续贷新增)
                    first_words = re.sub(r"^.*?(?:其中|包括)[，,：:]?", "", _context(parts[0][0]).replace("*", ""))
                    ok = (clause <= 2 and 2 <= len(words) <= 12 and not _NEW_ITEM_LEAD.match(words)
                          and not (ctx_w[:2] and words.startswith(ctx_w[:2])) and not re.search(r"[0-9]", words)
                          and len(first_words) >= 3 and words[-2:] == first_words[-2:])
                else:
                    ok = False
                if not ok:
                    break
                level = R.ind(f) is not None and _group(f) == "level" and not re.search(r"由$", _context(f))
                if level and _compatible(f, w):
                    parts.append((f, clause == 0))
                    in_list = clause == 0
                elif level and clause == 0 and re.match(r"^[^，。；,;“”]{0,8}、", text[f.end:f.end + 12].replace("*", "")):
                    in_list = True  # 其中小型水库7座、水池等调蓄设施993个: a member in another unit
                elif j == k + 1 or f.kind not in _BETWEEN_KINDS:
                    break
            pos = f.end
            j += 1
        if word == "包括" and len([p for p, first in parts if first]) < 2:
            continue
        for p, first in parts:
            same = _base_unit(p.unit) == _base_unit(w.unit)
            sev = "error" if (same and first and direct and word == "其中") else "warning"
            R.add("part-within-whole", "part-of", {"part": R.ind(p).id, "whole": iw.id}, sev,
                  f"“{_short(w, p, text)}”: a part listed after {word} cannot exceed its whole.", [p, w])
        listed = [p for p, _ in parts]
        if len(listed) >= 2:
            R.add("parts-within-whole", "part-of", {"part": [R.ind(p).id for p in listed], "whole": iw.id},
                  "warning", f"“{_short(w, listed[-1], text)}”: the parts listed after {word} add up to at most "
                  f"the whole (a warning: the parts may overlap).", [*listed, w],
                  review="check that the parts do not overlap; if they partition the whole, set exact: true")
