"""year-within-five-years (part-of, warning): a year's flow is part of the five-year total.

What it infers: a five-year review (``过去五年…城镇新增就业603.7万人``) and the review of the
last year (``城镇新增就业121.7万人``), in different sentences or paragraphs: the same
indicator, a flow (新增, 新建, 累计 …), in compatible units — the last year's figure is at
most the five years' total.

Why: a year above its own five-year total is a slip in one of the two (a digit, 万 for 亿,
or a total that is really a yearly average).

Fires: ``五年来城镇新增就业60.37万人`` … ``2025年城镇新增就业121.7万人``.

Does not fire: ``五年来城镇新增就业年均超过70万人`` (a yearly average, not a total); a stock
(``经营主体达…``) with no flow word; two figures whose names differ.
"""

from __future__ import annotations

import re

from reportcheck.lint.detectors.base import _NEW, Rules, _compatible, _group, _norm_subject, _short
from reportcheck.lint.indicators import _context
from reportcheck.lint.model import Inference

_FLOW = re.compile(r"新增|新建|新开工|新培育|新认定|新登记|净增|累计|完成投资|引进|改造|培训|转移就业|减税降费")
_AVERAGE = re.compile(r"年均|每年|平均|人均|户均|最高|最低|单日|日均|月均")
_STRIP = re.compile(r"^(?:五年来|过去五年|过去的五年|五年|累计|共|全省|全区|全市|新增)+")


def _key(f) -> str:
    s = _norm_subject(f.subject or "")
    s = _STRIP.sub("", s)
    return re.sub(r"[“”\s*]", "", s)


def detect(R: Rules, inf: Inference) -> None:
    year = inf.year
    five = f"{year - 5}-{year - 1}"
    last = str(year - 1)
    totals: dict[str, list] = {}
    annual: dict[str, list] = {}
    for i in inf.indicators:
        f = i.fig
        if _group(f) != "level" or i.status not in ("实际", "预计") or f.qualifier and "均" in f.qualifier:
            continue
        ctx = _context(f)[-16:]
        if _AVERAGE.search(ctx) or _AVERAGE.search(f.subject or ""):
            continue
        if not (_FLOW.search(ctx) or _FLOW.search(f.subject or "") or _NEW.search(f.subject or "")):
            continue
        k = _key(f)
        if len(k) < 4:
            continue
        if i.period == five:
            totals.setdefault(k, []).append(f)
        elif i.period == last:
            annual.setdefault(k, []).append(f)
    for k, tots in totals.items():
        ys = annual.get(k, [])
        if len(tots) != 1 or len(ys) != 1:
            continue
        t, y = tots[0], ys[0]
        if not _compatible(t, y):
            continue
        R.add("year-within-five-years", "part-of", {"part": R.ind(y).id, "whole": R.ind(t).id}, "warning",
              f"{k}: the {last} figure {y.text} is part of the five-year total {t.text} "
              f"(a warning: read from two sentences).", [y, t],
              review="check that the five-year figure is a total (not a yearly average)")
