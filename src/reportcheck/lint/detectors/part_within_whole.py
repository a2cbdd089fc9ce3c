"""part-within-whole / parts-within-whole (part-of): the parts listed after 其中.

What it infers: ``实现进出口总值3200亿元，其中出口2100亿元、进口1100亿元`` — each part
after 其中 in the same clause is at most the whole (an error when written in the same
unit, else a warning); two or more parts add up to at most the whole (a warning: the
parts may overlap).

Why: a part above its whole is a slip in one of the two.

Fires: ``总值3200亿元，其中出口4100亿元``.

Does not fire: ``其中3920个新投产项目增加产值5100多亿元`` (the second figure is not a
listed part).
"""

from __future__ import annotations

import re

from reportcheck.figure import Figure
from reportcheck.lint.detectors.base import Rules, _base_unit, _compatible, _gap, _group, _short
from reportcheck.lint.indicators import _context
from reportcheck.lint.model import Inference

_QIZHONG_GAP = re.compile(r"^(?:以上|多|余|左右)?[^，。；、,;：:“”]{0,8}[，、,]?\s*其中[，,：:]?")


def detect(R: Rules, inf: Inference) -> None:
    text = inf.text
    figs = inf.figures
    n = len(figs)
    for k in range(n - 1):
        w = figs[k]
        iw = R.ind(w)
        if iw is None or _group(w) != "level":
            continue
        nxt = figs[k + 1]
        gap = _gap(text, w, nxt)
        m = _QIZHONG_GAP.match(gap)
        if not m or nxt.line != w.line:
            continue
        # the parts: figures after 其中 up to the end of that clause (、 lists continue it)
        qz = text.find("其中", w.end)
        parts: list[Figure] = []
        j = k + 1
        pos = qz + 2
        while j < n and figs[j].line == w.line:
            f = figs[j]
            between = text[pos:f.start].replace("*", "")
            between = re.sub(r"^[，,：:]", "", between) if pos == qz + 2 else between
            if re.search(r"[，,；;。！？]", between):
                break
            if f.kind.is_quantity:
                # the first figure after 其中, or the next member of a 、-list of parts; anything
                # else in the clause (其中3920个新投产项目增加产值5100多亿元) is not a part
                first = j == k + 1
                listed = bool(parts) and re.match(r"^(?:以上|多|余|左右)?[^，。；、,;“”]{0,8}、", between) is not None
                if not (first or listed):
                    break
                if R.ind(f) is not None and _group(f) == "level" and _compatible(f, w) and not re.search(r"由$", _context(f)):
                    parts.append(f)
                elif first:
                    break
            pos = f.end
            j += 1
        for p in parts:
            same = _base_unit(p.unit) == _base_unit(w.unit)
            R.add("part-within-whole", "part-of", {"part": R.ind(p).id, "whole": iw.id},
                  "error" if same else "warning",
                  f"“{_short(w, p, text)}”: a part listed after 其中 cannot exceed its whole.", [p, w])
        if len(parts) >= 2:
            R.add("parts-within-whole", "part-of", {"part": [R.ind(p).id for p in parts], "whole": iw.id},
                  "warning", f"“{_short(w, parts[-1], text)}”: the parts listed after 其中 add up to at most "
                  f"the whole (a warning: the parts may overlap).", [*parts, w],
                  review="check that the parts do not overlap; if they partition the whole, set exact: true")
