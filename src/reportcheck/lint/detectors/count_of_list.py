"""count-of-list (warning): a small count equals the items listed before it.

What it infers: ``坚决打赢蓝天、碧水、净土三大保卫战`` — a Chinese-numeral count (2–12) of a
list classifier (大, 项, 个 …) right after a 、-list of short names.

Why: 七大领域 after six listed names is a slip in the count or the list.

Fires: ``蓝天、碧水、净土四大保卫战``.

Does not fire: ``实施乡村振兴等五大工程`` (等: the list is not complete); ``八项规定`` (a name).
"""

from __future__ import annotations

import re

from reportcheck.figure import Figure, Kind
from reportcheck.lint.detectors.base import Rules, _base_unit
from reportcheck.lint.indicators import _context
from reportcheck.lint.model import Inference

#: words after a count that make it part of a name (八项规定, 三大球)
_AFTER_NAME = re.compile(r"^(规定|球|件套|连冠|精神)")
_LIST_COUNT_UNITS = ("大", "项", "场", "类", "种", "个", "条", "张", "支", "批", "件", "座", "所")
_CN_SMALL = "一二两三四五六七八九十"


def _listed_items(f: Figure, after: str = "") -> list[str] | None:
    """The items of a 、-list written directly before a small count (A、B、C三大工程), or None."""
    text = f.text
    if not text or text[0] not in _CN_SMALL:
        return None
    if _base_unit(f.unit) not in _LIST_COUNT_UNITS or f.qualifier:
        return None
    ctx = _context(f).replace("*", "")
    if "、" not in ctx or ctx.endswith(("等", "等等", "共", "这")) or re.search(r"[“”\"《》（）()]", ctx):
        return None
    items = [x.strip() for x in ctx.split("、")]
    if len(items) < 2 or any(not x for x in items):
        return None
    # the first item may carry the clause's verb (坚决打赢…); the others are short names
    if len(items[0]) > 20 or any(len(x) > 12 for x in items[1:]):
        return None
    if any(re.search(r"[0-9]|[一二两三四五六七八九十][大项个类条种]", x) or len(x) < 2 for x in items):
        return None
    if _AFTER_NAME.match(after):
        return None
    if any(re.search(r"和|及|与|以及|等", x) for x in items):
        return None
    if len(set(items)) != len(items):
        return None
    try:
        n = int(f.value)
    except (TypeError, ValueError):
        return None
    if n < 2 or n > 12:
        return None
    return items


def detect(R: Rules, inf: Inference) -> None:
    text = inf.text
    figs = inf.figures
    for f in figs:
        i = R.ind(f)
        if i is None or f.kind is not Kind.COUNT:
            continue
        items = _listed_items(f, text[f.end:f.end + 6].replace("*", ""))
        if items is None:
            continue
        R.add("count-of-list", "count-of-list", {"count": i.id, "items": items}, "warning",
              f"“{'、'.join(items)}{f.text}”: the count should equal the number of items listed before it.", [f],
              review="check the items: the list was split at 、")
