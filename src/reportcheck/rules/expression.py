"""expression — any comparison of indicators, in a small safe language.

``enterprises.total.2023 >= 2 * enterprises.total.2021`` or
``loans.policy.2024 + loans.other.2024 <= loans.new.2024``: indicator ids (dotted ids are one
name), numbers with units (``500万元``, ``95%``, ``1.1GW``), ``+ - * /`` (also ``×``
and ``÷``), parentheses, comparisons (``< <= > >= == !=``, also ``≤ ≥ ≠``, chained
as in ``0 <= a <= 100``), and ``and`` / ``or`` / ``not`` between comparisons. The spec's indicator ids are
matched as names first (longest first), so ids with hyphens or a leading digit
work (``5g.stations.new.2024``); to subtract, put spaces around the minus.

The expression is tokenised and parsed by a tiny recursive-descent grammar — it is
data, never executed as code. Units are checked before evaluation: adding or
comparing 亿元 with 万人 is a spec error, as are unknown indicator ids, syntax
errors, and expressions longer than ``MAX_CHARS`` characters, ``MAX_TOKENS``
tokens or nested deeper than ``MAX_DEPTH``. A bare number next to a quantity takes
that quantity's unit (``share.2024 <= 100`` compares with 100 %); as a factor
(``2 * x``) it is a plain number.

Each comparison is decided on intervals like every other rule: it fails only
when it fails for every value the figures can mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable

import numpy as np
from pydantic import ValidationInfo, field_validator, model_validator

from reportcheck.rules import vec
from reportcheck.rules.base import EvalContext, Outcome, RuleKind, RuleParams, known_indicators

MAX_CHARS = 2000
MAX_TOKENS = 400
MAX_DEPTH = 40


class ExpressionError(ValueError):
    """A syntax, name or unit problem in an expression (a spec error)."""


# -- tokens --------------------------------------------------------------------------------
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<dotted>(?:[^\W\d]|\d+[^\W\d])[\w\-]*(?:\.[\w\-]+)+)
  | (?P<num>(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)(?P<unit>[^\s\d()+\-*/×÷<>=!≤≥≠,.][^\s()+\-*/×÷<>=!≤≥≠,]*)?
  | (?P<op><=|>=|==|!=|≤|≥|≠|<|>|\+|-|\*|/|×|÷|\(|\))
  | (?P<name>[^\W\d][\w]*)
    """,
    re.VERBOSE,
)
_OP_ALIASES = {"≤": "<=", "≥": ">=", "≠": "!=", "×": "*", "÷": "/"}
_KEYWORDS = {"and", "or", "not"}
_CMP = {"<", "<=", ">", ">=", "==", "!="}


@dataclass(frozen=True)
class Tok:
    kind: str  # num | name | op | kw | end
    text: str
    pos: int
    unit: str | None = None


#: the characters a known id may span (ids are [a-z0-9_-] segments joined by dots)
_ID_RUN = re.compile(r"[\w.\-]+")


def _known_at(src: str, i: int, ids: frozenset) -> int:
    """End of the longest known id at ``src[i:]`` not followed by a word character or a
    dot, or -1. A set lookup per candidate end (the hyphens of the run, and its end):
    the cost depends on the expression, not on how many ids the spec has (a regex of
    every id was built per rule before: rules × ids)."""
    m = _ID_RUN.match(src, i)
    if not m:
        return -1
    run = m.group()
    ends = [len(run)] + [j for j in range(len(run) - 1, 0, -1) if run[j] == "-"]
    for end in ends:
        if run[:end] in ids:
            return i + end
    return -1


_ID_SETS: dict[int, tuple[Any, frozenset]] = {}


def _id_set(units: Any) -> frozenset:
    """The ids of a units mapping as a frozenset, built once per mapping (a spec's rules
    share one mapping) — its hash is cached, so a parse cache keyed on it stays cheap."""
    hit = _ID_SETS.get(id(units))
    if hit is not None and hit[0] is units and len(hit[1]) == len(units):
        return hit[1]
    ids = frozenset(units)
    if len(_ID_SETS) > 8:
        _ID_SETS.clear()
    _ID_SETS[id(units)] = (units, ids)
    return ids


def tokenize(src: str, ids: tuple[str, ...] = ()) -> list[Tok]:
    """Tokens of an expression. Known indicator ids (``ids``) are matched first, longest
    first, so ids with hyphens or a leading digit (``police.public-order.2023``,
    ``5g.stations.2024``) are one name; without them a dotted name may contain hyphens
    inside its segments (write ``a.b - c.d`` with spaces to subtract)."""
    if len(src) > MAX_CHARS:
        raise ExpressionError(f"expression too long ({len(src)} characters; at most {MAX_CHARS})")
    known = ids if isinstance(ids, frozenset) else frozenset(ids)
    out: list[Tok] = []
    i = 0
    while i < len(src):
        if known and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] in "._")):
            k = _known_at(src, i, known)
            if k > i:
                out.append(Tok("name", src[i:k], i))
                i = k
                continue
        m = _TOKEN.match(src, i)
        if not m or m.end() == i:
            raise ExpressionError(f"unexpected character {src[i]!r} at column {i + 1}")
        if m.group("ws"):
            pass
        elif m.group("dotted") is not None:
            out.append(Tok("name", m.group("dotted"), i))
        elif m.group("num") is not None:
            unit = m.group("unit")
            if unit == "％":
                unit = "%"
            out.append(Tok("num", m.group("num"), i, unit))
        elif m.group("op") is not None:
            op = m.group("op")
            out.append(Tok("op", _OP_ALIASES.get(op, op), i))
        else:
            name = m.group("name")
            out.append(Tok("kw" if name in _KEYWORDS else "name", name, i))
        i = m.end()
        if len(out) > MAX_TOKENS:
            raise ExpressionError(f"expression too long (more than {MAX_TOKENS} tokens)")
    out.append(Tok("end", "", len(src)))
    return out


# -- syntax tree (tuples) --------------------------------------------------------------------
# ("num", value, unit) ("id", name) ("neg", x) ("bin", op, a, b) ("cmp", ops, operands)
# ("and", items) ("or", items) ("not", x)


class _Parser:
    def __init__(self, src: str, ids: tuple[str, ...] = ()):
        self.src = src
        self.toks = tokenize(src, ids)
        self.i = 0
        self.depth = 0

    def peek(self) -> Tok:
        return self.toks[self.i]

    def take(self) -> Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, kind: str, text: str | None = None) -> Tok:
        t = self.take()
        if t.kind != kind or (text is not None and t.text != text):
            want = text or kind
            got = t.text or "the end"
            raise ExpressionError(f"expected {want!r} at column {t.pos + 1}, found {got!r}")
        return t

    def enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"expression nested too deeply (more than {MAX_DEPTH} levels)")

    def leave(self):
        self.depth -= 1

    def parse(self):
        if self.peek().kind == "end":
            raise ExpressionError("empty expression")
        node = self.p_or()
        t = self.peek()
        if t.kind != "end":
            raise ExpressionError(f"unexpected {t.text!r} at column {t.pos + 1}")
        return node

    def p_or(self):
        items = [self.p_and()]
        while self.peek().kind == "kw" and self.peek().text == "or":
            self.take()
            items.append(self.p_and())
        return items[0] if len(items) == 1 else ("or", tuple(items))

    def p_and(self):
        items = [self.p_not()]
        while self.peek().kind == "kw" and self.peek().text == "and":
            self.take()
            items.append(self.p_not())
        return items[0] if len(items) == 1 else ("and", tuple(items))

    def p_not(self):
        if self.peek().kind == "kw" and self.peek().text == "not":
            self.take()
            self.enter()
            node = ("not", self.p_not())
            self.leave()
            return node
        return self.p_cmp()

    def p_cmp(self):
        first = self.p_sum()
        ops, operands = [], [first]
        while self.peek().kind == "op" and self.peek().text in _CMP:
            ops.append(self.take().text)
            operands.append(self.p_sum())
        if not ops:
            return first
        return ("cmp", tuple(ops), tuple(operands))

    def p_sum(self):
        node = self.p_term()
        while self.peek().kind == "op" and self.peek().text in ("+", "-"):
            op = self.take().text
            node = ("bin", op, node, self.p_term())
        return node

    def p_term(self):
        node = self.p_unary()
        while self.peek().kind == "op" and self.peek().text in ("*", "/"):
            op = self.take().text
            node = ("bin", op, node, self.p_unary())
        return node

    def p_unary(self):
        t = self.peek()
        if t.kind == "op" and t.text in ("-", "+"):
            self.take()
            self.enter()
            inner = self.p_unary()
            self.leave()
            return ("neg", inner) if t.text == "-" else inner
        return self.p_atom()

    def p_atom(self):
        t = self.take()
        if t.kind == "num":
            d = Decimal(t.text)
            if d != 0 and abs(d.adjusted()) > 300:  # 1e999 would be inf, 1e-999 would be 0
                shown = repr(t.text) if len(t.text) <= 40 else f"of {len(t.text)} characters"
                raise ExpressionError(f"number {shown} at column {t.pos + 1} is out of range")
            return ("num", float(d), t.unit)
        if t.kind == "name":
            return ("id", t.text)
        if t.kind == "op" and t.text == "(":
            self.enter()
            node = self.p_or()
            self.leave()
            self.expect("op", ")")
            return node
        got = t.text or "the end of the expression"
        raise ExpressionError(f"expected a number, an indicator or '(' at column {t.pos + 1}, found {got!r}")


@lru_cache(maxsize=1024)
def parse(src: str, ids: tuple[str, ...] = ()):
    """The syntax tree of an expression; ExpressionError on a syntax problem.

    ``ids`` are the spec's indicator ids (sorted tuple), matched as names first."""
    return _Parser(src, ids).parse()


def names(node) -> list[str]:
    out: list[str] = []

    def walk(n):
        tag = n[0]
        if tag == "id":
            if n[1] not in out:
                out.append(n[1])
        elif tag == "neg" or tag == "not":
            walk(n[1])
        elif tag == "bin":
            walk(n[2])
            walk(n[3])
        elif tag == "cmp":
            for x in n[2]:
                walk(x)
        elif tag in ("and", "or"):
            for x in n[1]:
                walk(x)

    walk(node)
    return out


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
