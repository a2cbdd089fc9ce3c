"""Rule kinds. Each kind lives in its own module and registers itself here.

Adding a kind: write ``rules/my_kind.py`` with a :class:`~reportcheck.rules.base.RuleKind`
subclass, and add its module name to ``_MODULES``. Nothing else changes.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from reportcheck.rules.base import RuleKind

# module names under reportcheck.rules, one per kind
_MODULES: tuple[str, ...] = (
    "part_of",
    "share_range",
    "change_range",
    "target_coherence",
    "average_threshold",
    "count_of_list",
    "rank_range",
    "expression",
)


@lru_cache(maxsize=1)
def registry() -> dict[str, RuleKind]:
    kinds: dict[str, RuleKind] = {}
    for mod in _MODULES:
        try:
            module = import_module(f"reportcheck.rules.{mod}")
        except ModuleNotFoundError as exc:
            if exc.name == f"reportcheck.rules.{mod}":
                continue  # not written yet
            raise
        kind: RuleKind = module.KIND
        kinds[kind.name] = kind
    return kinds


def get(name: str) -> RuleKind | None:
    return registry().get(name)
