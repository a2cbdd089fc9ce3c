"""Rule kinds. Each kind lives in its own module under ``reportcheck.rules`` and is found there.

Adding a kind is one file: ``rules/my_kind.py`` with a
:class:`~reportcheck.rules.base.RuleKind` subclass, its ``Params`` (a pydantic model
with the kind's fields) and ``KIND = MyKind()``. The registry finds every module of
this package that defines ``KIND``; the spec loader validates a rule's fields through
the discriminated union of the registered kinds' ``Params`` (:func:`params_adapter`);
a kind's one-paragraph help is its module docstring's first paragraph
(:attr:`RuleKind.summary`), read by ``docs``, SARIF and HTML alike.
"""

from __future__ import annotations

import pkgutil
from functools import lru_cache
from importlib import import_module
from typing import Annotated, Any, Literal, Union

from reportcheck.rules.base import RuleKind, RuleParams

#: modules of this package that are not rule kinds
_NOT_KINDS = frozenset({"base", "vec"})


def _kind_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name not in _NOT_KINDS
                  and not m.name.startswith("_"))


@lru_cache(maxsize=1)
def registry() -> dict[str, RuleKind]:
    """Every rule kind, by name (``part-of`` …), in the order of their module names."""
    kinds: dict[str, RuleKind] = {}
    for mod in _kind_modules():
        module = import_module(f"reportcheck.rules.{mod}")
        kind = getattr(module, "KIND", None)
        if isinstance(kind, RuleKind):
            kinds[kind.name] = kind
    return kinds


def get(name: str) -> RuleKind | None:
    return registry().get(name)


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def tagged_params() -> dict[str, type[RuleParams]]:
    """Each kind's ``Params`` with ``kind`` narrowed to its name (the union's tags)."""
    from pydantic import create_model

    out: dict[str, type[RuleParams]] = {}
    for name, kind in registry().items():
        model = create_model(  # type: ignore[call-overload]
            kind.Params.__name__, __base__=kind.Params, __module__=type(kind).__module__,
            kind=(Literal[name], ...),  # type: ignore[valid-type]
        )
        # A loaded spec crosses process boundaries (--jobs, Spark). Pickle would look the
        # class up by module and name and find the untagged Params, so a tagged instance
        # pickles as (kind name, state) and is rebuilt from this table on the other side.
        model.__reduce__ = _reduce_tagged  # type: ignore[method-assign]
        out[name] = model
    return out


def _reduce_tagged(self: Any) -> tuple:
    return _restore_tagged, (self.kind, self.__getstate__())


def _restore_tagged(kind: str, state: dict) -> Any:
    cls = tagged_params()[kind]
    obj = cls.__new__(cls)
    obj.__setstate__(state)
    return obj


@lru_cache(maxsize=1)
def params_adapter() -> Any:
    """A pydantic ``TypeAdapter`` of the discriminated union of every registered kind's
    parameters (``kind`` is the tag): ``params_adapter().validate_python(fields, context=…)``."""
    from pydantic import Field, TypeAdapter

    models = tuple(tagged_params().values())
    union = Union[models] if len(models) > 1 else models[0]  # type: ignore[valid-type]
    return TypeAdapter(Annotated[union, Field(discriminator="kind")])
