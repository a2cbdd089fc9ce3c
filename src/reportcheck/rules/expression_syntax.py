"""The expression language of the ``expression`` rule kind: tokens and a tiny
recursive-descent grammar into a syntax tree of tuples — data, never executed as code.

The spec's indicator ids are matched as names first (longest first), so ids with hyphens
or a leading digit work. Limits: ``MAX_CHARS`` characters, ``MAX_TOKENS`` tokens,
``MAX_DEPTH`` levels of nesting. Units, types and evaluation are
:mod:`reportcheck.rules.expression` (the rule kind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

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
