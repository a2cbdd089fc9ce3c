"""rank-in-group (rank-range, warning): a rank in 全国/全省 lies within the group's size.

What it infers: ``居全国第2位``, ``全省第3名`` — a place among the provinces (at most 34) or
among a province's prefectures (at most 21; the rule asks to set the real size).

Why: 全国第38位 cannot be a place among 34 provinces.

Fires: ``增速居全国第38位``.

Does not fire: ``全国百强县第2位`` (another group); ``第2批`` (a batch, not a place).
"""

from __future__ import annotations

import re

from reportcheck.figure import Kind
from reportcheck.lint.detectors.base import Rules
from reportcheck.lint.indicators import _context
from reportcheck.lint.model import Inference

_RANK_CTX = re.compile(r"(全国|全省|全区|全市)[^，。；、]{0,12}$")
_RANK_EXCLUDE = re.compile(r"城市|县|区县|百强|企业|高校|大学|园区|开发区|乡镇|地市|市州|全球|世界")


def detect(R: Rules, inf: Inference) -> None:
    text = inf.text
    figs = inf.figures
    for f in figs:
        if f.kind is not Kind.RANK or f.value is None:
            continue
        i = R.ind(f)
        if i is None:
            continue
        after = text[f.end:f.end + 2].replace("*", "")
        if (f.unit not in (None, "位", "名") or after[:1] in tuple("批次届个轮方梯档季期强")
                or not re.match(r"^(?:[，。；、,;）)]|$)", after if f.unit else after[:1] or "")):
            continue
        ctx = _context(f).replace("*", "")
        m = _RANK_CTX.search(ctx)
        if not m or _RANK_EXCLUDE.search(ctx[m.start():]):
            continue
        scope = m.group(1)
        of, group = (34, "全国34个省级行政区") if scope == "全国" else (21, "一省（区）的地级行政区（至多21个）")
        R.add("rank-in-group", "rank-range", {"rank": i.id, "of": of, "group": group}, "warning",
              f"a rank in {scope} lies between 1 and {of}.", [f],
              review=f"set 'of' to the real size of the group ({scope})")
