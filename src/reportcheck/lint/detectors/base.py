"""What every detector shares: :class:`Rules` (the rules found so far, with unique ids)
and small readings of two figures (the words between them, same group, compatible units)."""

from __future__ import annotations

import re

from reportcheck.figure import Figure, Kind
from reportcheck.lint.model import Ind, Inference, InferredRule

_NEW = re.compile(r"新增|新培育|新建|新开通|新认定|新入选|新引育|新引进|新设立|新登记|新注册|新获批|新创建|新布局|净增|新开工|新签约|新投产|培育")


def _gap(text: str, a: Figure, b: Figure) -> str:
    return text[a.end:b.start].replace("*", "")


def _group(f: Figure) -> str | None:
    if f.kind in (Kind.COUNT, Kind.AMOUNT):
        return "level"
    return None


def _base_unit(unit: str | None) -> str:
    """The unit without its magnitude (万千瓦 → 千瓦)."""
    from reportcheck.quantities.units import split_magnitude

    return split_magnitude(unit or "")[1]


def _compatible(a: Figure, b: Figure) -> bool:
    from reportcheck.quantities.units import compatible

    if not a.unit or not b.unit:
        return False
    try:
        return compatible(a.unit, b.unit)
    except Exception:  # noqa: BLE001 - unknown unit
        return False


def _norm_subject(s: str) -> str:
    s = re.sub(r"^(全省|全市|全区|全国|全年|预计|完成|实现|地方|全部|全口径|力争)+", "", s or "")
    return s.replace("*", "").strip()


def _short(a: Figure, b: Figure, text: str, limit: int = 60) -> str:
    lo, hi = min(a.start, b.start), max(a.end, b.end)
    s = text[lo:hi].replace("*", "")
    ctx = text[max(0, lo - 20):lo].replace("*", "")
    ctx = re.split(r"[。；;！？\n]", ctx)[-1]
    out = ctx + s
    return out if len(out) <= limit else "…" + out[-limit:]


class Rules:
    def __init__(self, inf: Inference):
        self.inf = inf
        self.by_start = {i.fig.start: i for i in inf.indicators}
        self.rules: list[InferredRule] = []
        self.ids: set[str] = set()

    def ind(self, f: Figure) -> Ind | None:
        return self.by_start.get(f.start)

    def add(self, stem: str, kind: str, fields: dict, severity: str, rationale: str, figs: list[Figure],
            review: str | None = None) -> None:
        rid = f"{stem}-l{figs[0].line}"
        k = 2
        base = rid
        while rid in self.ids:
            rid = f"{base}-{k}"
            k += 1
        self.ids.add(rid)
        self.rules.append(InferredRule(rid, kind, fields, severity, rationale, figs, review))
