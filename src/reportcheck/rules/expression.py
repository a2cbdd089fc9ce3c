"""expression — any comparison of indicators, in a small safe language.

``enterprises.total.2023 >= 2 * enterprises.total.2021`` or
``loans.policy.2024 + loans.other.2024 <= loans.new.2024``: indicator ids (dotted ids are one
name), numbers with units (``500万元``, ``95%``, ``1.1GW``), ``+ - * /`` (also ``×``
and ``÷``), parentheses, comparisons (``< <= > >= == !=``, also ``≤ ≥ ≠``, chained
as in ``0 <= a <= 100``), and ``and`` / ``or`` / ``not`` between comparisons. The spec's indicator ids are
matched as names first (longest first), so ids with hyphens or a leading digit
work (``5g.stations.new.2024``); to subtract, put spaces around the minus.

The expression is tokenised and parsed by a tiny recursive-descent grammar
(:mod:`reportcheck.rules.expression_syntax`) — it is data, never executed as code. Units are checked before evaluation: adding or
comparing 亿元 with 万人 is a spec error, as are unknown indicator ids, syntax
errors, and expressions longer than ``MAX_CHARS`` characters, ``MAX_TOKENS``
tokens or nested deeper than ``MAX_DEPTH``. A bare number next to a quantity takes
that quantity's unit (``share.2024 <= 100`` compares with 100 %); as a factor
(``2 * x``) it is a plain number.

Each comparison is decided on intervals like every other rule: it fails only
when it fails for every value the figures can mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import numpy as np
from pydantic import ValidationInfo, field_validator, model_validator

from reportcheck.rules import vec
from reportcheck.rules.base import EvalContext, Outcome, RuleKind, RuleParams, known_indicators

# the language itself (tokens, grammar, syntax tree); its names stay importable from here
from reportcheck.rules.expression_syntax import (  # noqa: F401
    _ID_RUN,
    _KEYWORDS,
    _OP_ALIASES,
    _TOKEN,
    MAX_CHARS,
    MAX_DEPTH,
    MAX_TOKENS,
    ExpressionError,
    Tok,
    _CMP,
    _id_set,
    _known_at,
    _Parser,
    names,
    parse,
    tokenize,
)

# -- units ---------------------------------------------------------------------------------
@lru_cache(maxsize=512)
def _unit_info(unit: str | None) -> tuple[float, Any]:
    """(factor to base units, dimensionality) of a unit; ExpressionError if unknown."""
    from fractions import Fraction

    from reportcheck.quantities import units as _units

    ureg = _units.registry()
    if not unit:
        return 1.0, ureg.dimensionless.dimensionality
    from reportcheck.safety import unit_problem

    problem = unit_problem(unit)
    if problem is not None:  # 亿元^9999999999: pint would never finish
        raise ExpressionError(f"unit {unit[:40]!r}: {problem}")
    try:
        u = ureg.parse_units("%" if unit == "％" else unit)
    except Exception:
        raise ExpressionError(f"unknown unit {unit!r}") from None
    q = ureg.Quantity(Fraction(1), u).to_base_units()
    return float(q.magnitude), u.dimensionality


def _dim_str(dim) -> str:
    s = str(dim)
    return "a plain number" if s in ("dimensionless", "") else s


@dataclass
class _Typed:
    fn: Callable[[Any, bool], Any]  # (ctx, tight) → IV in base units, or a verdict array
    dim: Any = None  # dimensionality (None for booleans)
    hint: str | None = None  # the unit the operand is written in, if one
    bare: bool = False  # a plain number literal (adopts its partner's unit)
    boolean: bool = False


def _num_fn(v: float):
    return lambda ctx, tight: vec.IV.point(v, ctx.n)


def _adopt(bare: _Typed, other: _Typed, what: str) -> _Typed:
    """A bare number next to a quantity takes the quantity's unit."""
    dimless = _unit_info(None)[1]
    if other.dim == dimless and other.hint is None:
        return bare
    if other.hint is None:
        raise ExpressionError(f"write the unit of the plain number in {what} (it is compared with {_dim_str(other.dim)})")
    f, dim = _unit_info(other.hint)
    inner = bare.fn
    return _Typed(lambda ctx, tight: inner(ctx, tight) * f, dim, other.hint)


def _constant(node) -> float | None:
    """The value of a subexpression without indicators (units ignored: only zero matters), else None."""
    tag = node[0]
    if tag == "num":
        return float(node[1])
    if tag == "neg":
        v = _constant(node[1])
        return None if v is None else -v
    if tag == "bin":
        a, b = _constant(node[2]), _constant(node[3])
        if a is None or b is None:
            return None
        op = node[1]
        if op == "/":
            return a / b if b else None
        return a + b if op == "+" else a - b if op == "-" else a * b
    return None


def compile_expr(node, units: dict[str, str | None]) -> _Typed:
    """Type-check (units) and build the evaluator; ExpressionError on a problem."""
    tag = node[0]
    if tag == "num":
        v, unit = node[1], node[2]
        if unit is None:
            return _Typed(_num_fn(v), _unit_info(None)[1], None, bare=True)
        f, dim = _unit_info(unit)
        return _Typed(_num_fn(v * f), dim, unit)
    if tag == "id":
        name = node[1]
        if name not in units:
            raise ExpressionError(f"unknown indicator {name!r}")
        u = units[name]
        f, dim = _unit_info(u)
        return _Typed(lambda ctx, tight: (ctx.tight(name) if tight else ctx.iv(name)) * f, dim, u)
    if tag == "neg":
        t = compile_expr(node[1], units)
        _no_bool(t, "-")
        return _Typed(lambda ctx, tight: -t.fn(ctx, tight), t.dim, t.hint, t.bare)
    if tag == "bin":
        op = node[1]
        a, b = compile_expr(node[2], units), compile_expr(node[3], units)
        _no_bool(a, op)
        _no_bool(b, op)
        if op in ("+", "-"):
            a, b = _align(a, b, f"'{op}'")
            fa, fb = a.fn, b.fn
            fn = (lambda ctx, tight: fa(ctx, tight) + fb(ctx, tight)) if op == "+" else (
                lambda ctx, tight: fa(ctx, tight) - fb(ctx, tight))
            return _Typed(fn, a.dim, a.hint if a.hint == b.hint else None, a.bare and b.bare)
        fa, fb = a.fn, b.fn
        if op == "*":
            return _Typed(lambda ctx, tight: fa(ctx, tight) * fb(ctx, tight), a.dim * b.dim,
                          a.hint if b.bare else b.hint if a.bare else None, a.bare and b.bare)
        if _constant(node[3]) == 0:  # x / 0 can never fail, and its message would blame rounding
            raise ExpressionError("division by zero: the divisor is a constant 0")
        return _Typed(lambda ctx, tight: fa(ctx, tight) / fb(ctx, tight), a.dim / b.dim,
                      a.hint if b.bare else None, a.bare and b.bare)
    if tag == "cmp":
        ops, operands = node[1], [compile_expr(x, units) for x in node[2]]
        for t in operands:
            _no_bool(t, ops[0])
        pairs = []
        for k, op in enumerate(ops):
            a, b = _align(operands[k], operands[k + 1], f"'{op}'")
            pairs.append((op, a.fn, b.fn))

        def fn(ctx, tight):
            out = None
            for op, fa, fb in pairs:
                x, y = fa(ctx, tight), fb(ctx, tight)
                v = {"<": x.lt, "<=": x.le, ">": x.gt, ">=": x.ge, "==": x.eq, "!=": x.ne}[op](y)
                out = v if out is None else vec.vand(out, v)
            return out

        return _Typed(fn, None, boolean=True)
    if tag in ("and", "or"):
        items = [compile_expr(x, units) for x in node[1]]
        for t in items:
            if not t.boolean:
                raise ExpressionError(f"'{tag}' joins comparisons, not quantities")
        fns = [t.fn for t in items]
        comb = vec.vand if tag == "and" else vec.vor
        return _Typed(lambda ctx, tight: comb(*[f(ctx, tight) for f in fns]), None, boolean=True)
    if tag == "not":
        t = compile_expr(node[1], units)
        if not t.boolean:
            raise ExpressionError("'not' applies to a comparison")
        return _Typed(lambda ctx, tight: vec.vnot(t.fn(ctx, tight)), None, boolean=True)
    raise ExpressionError(f"unsupported expression node {tag!r}")  # pragma: no cover


def _no_bool(t: _Typed, op: str) -> None:
    if t.boolean:
        raise ExpressionError(f"a comparison cannot be an operand of {op!r}")


def _align(a: _Typed, b: _Typed, what: str) -> tuple[_Typed, _Typed]:
    if a.bare and not b.bare:
        a = _adopt(a, b, what)
    elif b.bare and not a.bare:
        b = _adopt(b, a, what)
    if a.dim != b.dim:
        la = a.hint or _dim_str(a.dim)
        lb = b.hint or _dim_str(b.dim)
        raise ExpressionError(f"unit mismatch in {what}: {la} and {lb} have different dimensions")
    return a, b


def check(expr: str, units: dict[str, str | None] | None) -> _Typed | None:
    if units is None:
        parse(expr)
        return None
    node = parse(expr, _id_set(units))
    t = compile_expr(node, units)
    if not t.boolean:
        raise ExpressionError("the expression must be a comparison (e.g. a <= b)")
    return t


# -- the rule kind -------------------------------------------------------------------------
class Params(RuleParams):
    expr: str

    @field_validator("expr")
    @classmethod
    def _syntax(cls, v: str) -> str:
        tree = parse(v)  # ExpressionError is a ValueError: pydantic reports it on the field
        if not names(tree):
            # a comparison of constants (1 < 2) is decided before any report is read
            raise ValueError("the expression names no indicator, so it cannot check a report")
        return v

    @model_validator(mode="after")
    def _names_units(self, info: ValidationInfo):
        known = known_indicators(info)
        if known is not None:
            check(self.expr, known)
        return self


class Expression(RuleKind):
    """A comparison of indicators and quantities with units holds."""

    name = "expression"
    Params = Params

    def references(self, params: Params) -> list[str]:
        return names(parse(params.expr))

    def evaluate(self, params: Params, ctx: EvalContext) -> Outcome:
        ids = self.references(params)
        units = {i: ctx.unit(i) for i in ids}
        t = check(params.expr, units)
        verdict = t.fn(ctx, False)
        tight = t.fn(ctx, True)
        applicable = np.ones(ctx.n, dtype=bool)
        for i in ids:
            applicable &= ctx.present(i)

        def describe(r: int, status: str) -> str:
            vals = ", ".join(f"{i} = {ctx.written(i, r)}" for i in ids)
            if status == "fail":
                return f"{params.expr} does not hold ({vals})"
            if status == "tight":
                return f"{params.expr} does not hold if the open bounds are read as just passed ({vals})"
            return f"whether {params.expr} holds depends on where the figures lie within their rounding or open bounds ({vals})"

        return Outcome(verdict=verdict, tight=tight, applicable=applicable, describe=describe, figures=ids)


KIND = Expression()
