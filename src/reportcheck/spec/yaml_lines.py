"""The line-aware YAML reader of specs: YAML → plain data whose every mapping and sequence
knows its line.

Only YAML's own scalar types are read (str, int, float → Decimal, bool, null); no tag ever
constructs a Python object (``!!python/...`` and custom tags are problems, not objects).
The document is *composed* by PyYAML's SafeLoader (libyaml when present) and the node tree
is converted here, so every mapping and sequence keeps its line, duplicate keys are
caught, and alias expansion is bounded (a "billion laughs" file is a problem, not a hang).
What the data means is :mod:`reportcheck.spec.load`'s business.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from reportcheck.errors import Problem

#: Limits that keep hostile or broken files cheap.
MAX_BYTES = 5_000_000
MAX_NODES = 200_000  # nodes visited, counting every alias expansion
#: a spec without aliases is bounded by its size (5 MB); a 20,000-indicator spec is plain
MAX_PLAIN_NODES = 10 * MAX_NODES
MAX_DEPTH = 40


# --------------------------------------------------------------------------------------
# YAML → plain data with line numbers
# --------------------------------------------------------------------------------------
class LineDict(dict):
    """A mapping from the YAML file; ``line`` is where it starts, ``key_lines`` where each key is."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from the YAML file; ``item_lines[i]`` is the line of item i."""

    line: int = 0
    item_lines: list

    def line_of(self, i: int) -> int:
        return self.item_lines[i] if 0 <= i < len(self.item_lines) else self.line


class _Limit(Exception):
    pass


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Converter:
    """Turns a composed node tree into LineDict/LineList/scalars, collecting problems."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        self.visited = 0
        self.seen: set[int] = set()  # collection nodes converted once
        self.repeats = 0  # collection nodes converted again: alias expansions
        self._sc = yaml.SafeLoader("")  # only its scalar constructors for int/bool are used

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES and (self.repeats or self.visited > MAX_PLAIN_NODES):
            if self.repeats:  # only aliases can multiply a 5 MB file's nodes
                raise _Limit(f"the document expands to more than {MAX_NODES} nodes through aliases (alias bomb?)")
            raise _Limit(f"the spec has more than {MAX_PLAIN_NODES} YAML nodes; split it into several specs")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if id(node) in self.seen:
                self.repeats += 1
            else:
                self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _Limit(f"nesting deeper than {MAX_DEPTH} levels")
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self.problem(line, f"tag {node.tag!r} is not allowed in a spec")
            out = LineDict()
            out.line, out.key_lines = line, {}
            for knode, vnode in node.value:
                kline = knode.start_mark.line + 1
                if isinstance(knode, yaml.ScalarNode) and knode.tag == "tag:yaml.org,2002:merge":
                    self.problem(kline, "merge keys (<<) are not supported in a spec; write the fields out")
                    continue
                key = self.convert(knode, depth + 1)
                if isinstance(key, (LineDict, LineList)):
                    self.problem(kline, "a mapping key must be a plain value")
                    continue
                if key in out:
                    self.problem(kline, f"duplicate key {key!r} (first at line {out.key_lines[key]})")
                    continue
                out[key] = self.convert(vnode, depth + 1)
                out.key_lines[key] = kline
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problem(line, f"tag {node.tag!r} is not allowed in a spec")
            seq = LineList()
            seq.line, seq.item_lines = line, []
            for item in node.value:
                seq.append(self.convert(item, depth + 1))
                seq.item_lines.append(item.start_mark.line + 1)
            return seq
        return self.scalar(node, line)

    def scalar(self, node: yaml.ScalarNode, line: int) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return self._sc.construct_yaml_bool(node)
        if tag == _INT:
            try:
                return self._sc.construct_yaml_int(node)
            except Exception:  # noqa: BLE001 - any unreadable int is a problem
                digits = sum(c.isdigit() for c in text)
                if digits > 300:  # Python's own "Exceeds the limit (4300 digits)" never reaches the user
                    self.problem(line, f"integer of {digits} digits is out of range (at most 1e300)")
                else:
                    self.problem(line, f"unreadable integer {text[:60]!r}")
                return None
        if tag == _FLOAT:
            return _decimal(text) if _decimal(text) is not None else self._bad_float(line, text)
        if tag == _TIMESTAMP:
            return text  # dates stay text: a spec's periods are labels
        self.problem(line, f"tag {tag!r} is not allowed in a spec (only plain YAML values)")
        return None

    def _bad_float(self, line: int, text: str) -> None:
        self.problem(line, f"unreadable number {text!r}")
        return None


def _decimal(text: str) -> Decimal | None:
    t = text.replace("_", "").strip().lower()
    special = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}
    try:
        return Decimal(special.get(t, t))
    except (InvalidOperation, ValueError):
        return None


def _fast_loader():
    """libyaml's scanner and parser (C) under PyYAML's own composer (Python), or None.

    Scanning dominates loading a spec (≈0.1 s for the Jining spec in pure Python,
    ≈0.01 s with libyaml). Composing stays in Python on purpose: libyaml's composer
    recurses in C and crashes the process on deeply nested input, while PyYAML's
    raises RecursionError, which we report as a problem.
    """
    global _FAST
    if _FAST is None:
        try:
            from yaml._yaml import CParser
        except ImportError:  # PyYAML built without libyaml
            _FAST = False
            return None
        from yaml.composer import Composer
        from yaml.resolver import Resolver

        class _Loader(Composer, CParser, Resolver):  # Composer first: its get_single_node
            def __init__(self, stream):
                CParser.__init__(self, stream)
                Composer.__init__(self)
                Resolver.__init__(self)

        _FAST = _Loader
    return _FAST or None


_FAST: Any = None
#: a block scalar header with a comment glued to it (``|#``): libyaml reads it, PyYAML does not
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")
#: characters whose handling differs between libyaml and PyYAML in corner cases (and a BOM
#: anywhere but at the start)
_RARE = re.compile("[\t!?]")


def _compose(text: str):
    """The node tree of ``text``; errors (and their messages) are always PyYAML's own."""
    fast = _fast_loader()
    # libyaml is more lenient than PyYAML on a few rare things (tabs in some positions, tags,
    # '?' inside flow collections, a BOM after the start, ``|#``): texts with any of them take
    # the pure-Python path, so what is accepted, and how, does not change (fuzzed: random
    # texts and mutations of the bundled spec read the same both ways)
    if (fast is not None and not _RARE.search(text) and "\ufeff" not in text[1:]
            and not _BLOCK_HEADER_COMMENT.search(text) and not yaml.reader.Reader.NON_PRINTABLE.search(text)):
        try:
            loader = fast(text)
            try:
                return loader.get_single_node()
            finally:
                loader.dispose()
        except yaml.YAMLError:
            pass  # parse again below, for PyYAML's wording of the problem
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def read_yaml(path: str | Path, text: str | None = None, display: str | None = None) -> tuple[Any, list[Problem]]:
    """Parse a YAML file into LineDict/LineList/scalars; problems instead of exceptions."""
    file = display or str(path)
    problems: list[Problem] = []
    if text is None:
        try:
            from reportcheck.errors import InputError as _InputError
            from reportcheck.safety import open_regular  # a FIFO, /dev/stdin, /proc/…: refused

            with open_regular(path, file) as fh:
                raw = fh.read(MAX_BYTES + 1)  # bounded: a spec path may be /dev/zero
        except _InputError as exc:
            return None, list(exc.problems)
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
            return None, [Problem(file, None, f"cannot read spec: {getattr(exc, 'strerror', None) or exc}")]
        if len(raw) > MAX_BYTES:
            return None, [Problem(file, None, f"spec larger than {MAX_BYTES} bytes")]
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            return None, [Problem(file, line, "spec is not valid UTF-8")]
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        msg = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        return None, [Problem(file, line, f"YAML syntax error: {msg}")]
    except yaml.YAMLError as exc:
        return None, [Problem(file, None, f"YAML error: {exc}")]
    except RecursionError:
        return None, [Problem(file, None, "YAML nesting too deep")]
    if node is None:
        return None, [Problem(file, 1, "the spec is empty")]
    conv = _Converter(file, problems)
    try:
        data = conv.convert(node)
    except _Limit as exc:
        return None, problems + [Problem(file, node.start_mark.line + 1, str(exc))]
    except RecursionError:
        return None, problems + [Problem(file, None, "YAML nesting too deep")]
    return data, problems
