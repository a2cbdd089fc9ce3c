"""count-of-list (warning): a small count equals the items listed before it;
count-at-least-list (warning): a count after an 等-list is at least the items named.

What it infers: ``坚决打赢蓝天、碧水、净土三大保卫战`` — a count (2–12, in Chinese
numerals; in Arabic numerals only after an 等-list) of a list classifier (大, 项, 个 …) right after a 、-list of short names
(the items may be figures themselves: ``7万亿、8万亿、9万亿三个大台阶``); after an
等-list (``人工智能、量子科技、先进材料等6个重大科技专项``) the list is not complete, so
the count is only at least the number of items named.

Why: 七大领域 after six listed names is a slip in the count or the list.

Fires: ``蓝天、碧水、净土四大保卫战``; ``人工智能、量子科技、先进材料等2个专项``.

Does not fire: ``实施乡村振兴等五大工程`` (等 after a single item); ``八项规定`` (a name);
``铁人三项世界杯`` (三项 is part of the name of a competition).
"""

from __future__ import annotations

import re

from reportcheck.figure import Figure, Kind
from reportcheck.lint.detectors.base import Rules, _base_unit
from reportcheck.lint.indicators import _context
from reportcheck.lint.model import Inference

#: words after a count that make it part of a name (八项规定, 三大球)
_AFTER_NAME = re.compile(r"^(规定|球|件套|连冠|精神|世界杯|锦标赛|公开赛|联赛|全能|冠军赛|比赛|赛事|赛)")
#: a count that is part of a compound name with the item before it (铁人三项, 现代五项)
_NAME_COMPOUND = re.compile(r"(铁人|现代|十项|七项)$")
#: an item that is itself a figure (7万亿、8万亿、9万亿三个大台阶): number, magnitude, a short unit
_FIGURE_ITEM = re.compile(r"[0-9]+(?:\.[0-9]+)?[万亿千百]*[^\s0-9、]{0,3}")
_LIST_COUNT_UNITS = ("大", "项", "场", "类", "种", "个", "条", "张", "支", "批", "件", "座", "所")
_CN_SMALL = "一二两三四五六七八九十"
#: after an 等-list, a count of places or bodies too (海口、三亚、儋州等5家市疾控中心)
_OPEN_LIST_UNITS = ("家", "所", "处", "名", "位", "人")


def _listed_items(f: Figure, after: str = "", open_list: bool = False) -> list[str] | None:
    """The items of a 、-list written directly before a small count (A、B、C三大工程), or None.
    With ``open_list``, the items of an 等-list (A、B、C等6个专项) instead."""
    text = f.text
    # a count in Arabic numerals after a complete list mostly counts something else
    # (人民币存款、贷款余额连跨4个千亿台阶): only an 等-list's count is read in Arabic numerals
    if not text or not (text[0] in _CN_SMALL or (open_list and text[0].isdigit())):
        return None
    if (_base_unit(f.unit) not in _LIST_COUNT_UNITS and not (open_list and f.unit in _OPEN_LIST_UNITS)) or f.qualifier:
        return None
    ctx = _context(f).replace("*", "")
    if open_list:
        if not ctx.endswith("等"):
            return None
        ctx = ctx[:-1]
    elif ctx.endswith(("等", "等等", "共", "这")):
        return None
    # quotes or brackets before the list (“5”即依托海口、三亚…, 《纲要》从经济发展、…) are not
    # part of it: the list starts after the last of them
    if ctx.endswith("”") and "“" in ctx:
        ctx = ctx[ctx.rfind("“") + 1:-1]  # 健全“考核、督查、激励”三项机制: the list is the quote
    q = max(ctx.rfind(c) for c in "“”\"《》（）()")
    if q >= 0 and "、" in ctx[:q]:
        return None  # a quote inside the list: the items cannot be told apart
    ctx = ctx[q + 1:]
    if "、" not in ctx:
        return None
    items = [x.strip() for x in ctx.split("、")]
    if len(items) < 2 or any(not x for x in items):
        return None
    # the first item may carry the clause's verb (坚决打赢…); the others are short names
    if (len(items[0]) > 20 and not open_list) or any(len(x) > 12 for x in items[1:]):
        return None
    figures = all(_FIGURE_ITEM.fullmatch(x) for x in items[1:]) and _FIGURE_ITEM.search(items[0][-8:])
    if figures:
        m = _FIGURE_ITEM.search(items[0])
        items = [items[0][m.start():], *items[1:]]
    elif any(re.search(r"[0-9]|[一二两三四五六七八九十][大项个类条种]", x) or len(x) < 2 for x in items):
        return None
    if _AFTER_NAME.match(after) or _NAME_COMPOUND.search(items[-1]):
        return None
    if any(re.search(r"和|及|与|以及|等", x) for x in items):
        return None
    if len(set(items)) != len(items):
        return None
    try:
        n = int(f.value)
    except (TypeError, ValueError):
        return None
    if n < (1 if open_list else 2) or (n > 12 and not open_list):
        return None  # after an 等-list any count can be read: it is at least the items named
    return items


def detect(R: Rules, inf: Inference) -> None:
    text = inf.text
    figs = inf.figures
    for f in figs:
        i = R.ind(f)
        if i is None or f.kind is not Kind.COUNT:
            continue
        after = text[f.end:f.end + 6].replace("*", "")
        items = _listed_items(f, after)
        if items is None:
            items = _listed_items(f, after, open_list=True)
            if items is not None:
                # a count written with a magnitude (等1.1万个): the constant in the base unit
                base = _base_unit(f.unit)
                const = f"{len(items)}{base}" if base != f.unit else str(len(items))
                R.add("count-at-least-list", "expression", {"expr": f"{i.id} >= {const}"}, "warning",
                      f"“{'、'.join(items)}等{f.text}”: an 等-list names some of the items, so the count is "
                      f"at least {len(items)}.", [f])
            continue
        R.add("count-of-list", "count-of-list", {"count": i.id, "items": items}, "warning",
              f"“{'、'.join(items)}{f.text}”: the count should equal the number of items listed before it.", [f],
              review="check the items: the list was split at 、")
