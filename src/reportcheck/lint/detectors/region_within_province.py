"""region-within-province (part-of, warning): a region's figure is part of the province's.

What it infers: the province's figure (``全省地区生产总值67665亿元``) and a region's figure
of the same indicator and period (``成都平原经济区地区生产总值4万亿元``), anywhere in the
report, in compatible units: the region's is at most the province's.

Why: a region above its own province is a slip (4万亿 for 4千亿, a doubled digit).

Fires: ``全省地区生产总值6766亿元`` … ``成都平原经济区地区生产总值4万亿元``.

Does not fire: shares and growth rates (a region may grow faster); names that differ
beyond the region (``成都平原经济区工业增加值`` against ``全省地区生产总值``).
"""

from __future__ import annotations

import re

from reportcheck.lint.detectors.base import Rules, _compatible, _group
from reportcheck.lint.model import Inference

_WHOLE = re.compile(r"^(?:全省|全区|全市)(?P<name>[^，。；、]{4,16})$")
_REGION = re.compile(r"^(?P<region>[^，。；、全]{2,12}?(?:经济区|经济圈|城市群|都市圈|经济带|片区|新区|示范区|地区|市|州|盟))"
                     r"(?P<name>[^，。；、]{4,16}|经济总量|GDP)$")
_AVERAGE = re.compile(r"人均|年均|平均|增速|率|比重|占比")


#: one indicator, several names
_SYNONYMS = re.compile(r"^(?:经济总量|生产总值|GDP)$")


def _canon(name: str) -> str:
    return "地区生产总值" if _SYNONYMS.match(name) else name


def detect(R: Rules, inf: Inference) -> None:
    wholes: dict[tuple[str, str], list] = {}
    regions: list[tuple[str, str, object]] = []
    for i in inf.indicators:
        f = i.fig
        if _group(f) != "level" or not f.subject:
            continue
        subj = f.subject.replace("*", "").strip()
        if _AVERAGE.search(subj):
            continue
        m = _WHOLE.match(subj)
        if m or subj == "地区生产总值":
            # the province's own headline figure may be written without 全省
            wholes.setdefault((_canon(m.group("name") if m else subj), i.period), []).append(f)
            continue
        m = _REGION.match(subj)
        if m and not m.group("region").startswith(("全", "各")):
            regions.append((_canon(m.group("name")), i.period, f))
    for name, period, f in regions:
        ws = wholes.get((name, period), [])
        if len(ws) != 1 or not _compatible(f, ws[0]) or f.start == ws[0].start:
            continue
        w = ws[0]
        R.add("region-within-province", "part-of", {"part": R.ind(f).id, "whole": R.ind(w).id}, "warning",
              f"{name}: the region's {f.text} is part of the province's {w.text} (a warning: read from two places).",
              [f, w])
