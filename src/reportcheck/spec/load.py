"""Loading a spec: YAML with line numbers → validated :class:`~reportcheck.spec.model.Spec`.

Safety and error reporting, both part of the contract:

- Only YAML's own scalar types are read (str, int, float → Decimal, bool,
  null); no tag ever constructs a Python object (``!!python/...`` and custom
  tags are problems, not objects). The document is *composed* by PyYAML's
  SafeLoader and the node tree is converted here, so every mapping and
  sequence keeps its line, duplicate keys are caught, and alias expansion is
  bounded (a "billion laughs" file is a problem, not a hang).
- Every problem is collected and raised at once as a
  :class:`~reportcheck.errors.SpecError`, one ``file:line: message`` each,
  e.g. ``specs/x.yaml:42: indicator 'grp.2023': unknown unit '亿園' (did you mean 亿元?)``.
  Nothing a spec contains produces a traceback.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic import ConfigDict, ValidationError

from reportcheck.errors import Problem, SpecError
from reportcheck.rules.base import RuleParams
from reportcheck.spec.model import ID_RE, Indicator, Metadata, Rule, Spec

#: Limits that keep hostile or broken files cheap.
MAX_BYTES = 5_000_000
MAX_NODES = 200_000  # nodes visited, counting every alias expansion
MAX_DEPTH = 40

#: Qualifiers reports use most; they win a did-you-mean tie.
TOP_KEYS = ("id", "title", "region", "year", "source", "sections", "description", "indicators", "rules")
SEVERITIES = ("error", "warning", "info")


class GenericRuleParams(RuleParams):
    """Parameters of a rule whose kind module is not importable: fields kept as written."""

    model_config = ConfigDict(extra="allow", frozen=True)
    takes_tolerance: ClassVar[bool] = True  # the generic check cannot know which kinds read it


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
        self._sc = yaml.SafeLoader("")  # only its scalar constructors for int/bool are used

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _Limit(f"the document expands to more than {MAX_NODES} nodes (alias bomb?)")
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
                self.problem(line, f"unreadable integer {text!r}")
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
            with Path(path).open("rb") as fh:
                raw = fh.read(MAX_BYTES + 1)  # bounded: a spec path may be /dev/zero
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


# --------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------
def _plain(x: Any) -> Any:
    """LineDict/LineList → dict/list (for pydantic and for Rule.fields)."""
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    return x


def _did_you_mean(word: str, choices, cutoff: float = 0.6) -> str:
    """' (did you mean X?)' for the closest choice; on a tie the earlier choice wins."""
    best, best_score = None, cutoff
    for c in choices:
        score = difflib.SequenceMatcher(None, str(word), str(c)).ratio()
        if score > best_score or (best is None and score >= cutoff):
            best, best_score = str(c), score
    return f" (did you mean {best}?)" if best else ""


def _pydantic_problems(exc: ValidationError, raw: LineDict, what: str, fields, file: str) -> list[Problem]:
    """One Problem per pydantic error, on the line of the field it concerns."""
    out = []
    for err in exc.errors():
        loc = err.get("loc", ())
        key = loc[0] if loc else None
        line = raw.line_of(key) if isinstance(raw, LineDict) and key is not None else getattr(raw, "line", None)
        # one level deeper when the field is itself a mapping/list (locate.template, items[2])
        if len(loc) > 1 and isinstance(raw, LineDict) and isinstance(raw.get(key), (LineDict, LineList)):
            sub = raw[key]
            if isinstance(sub, LineDict) and isinstance(loc[1], str):
                line = sub.line_of(loc[1])
            elif isinstance(sub, LineList) and isinstance(loc[1], int):
                line = sub.line_of(loc[1])
        etype = err.get("type", "")
        field = ".".join(str(p) for p in loc)
        if etype == "extra_forbidden":
            name = loc[-1] if loc else key
            if len(loc) > 1 and loc[0] == "locate":
                where, choices = f"field 'locate': unknown key {name!r}", ("template", "occurrence")
            elif len(loc) > 1 and loc[0] == "sections":
                where, choices = f"field 'sections': unknown key {name!r}", ("review", "targets")
            else:
                where, choices = f"unknown field {name!r}", fields
            msg = f"{what}: {where}{_did_you_mean(name, choices)}"
        elif etype == "missing":
            msg = f"{what}: missing field {field!r}"
        else:
            text = err.get("msg", "invalid")
            text = re.sub(r"^Value error, ", "", text)
            if etype == "literal_error" and err.get("ctx", {}).get("expected"):
                got = err.get("input")
                text = f"{got!r} is not one of {err['ctx']['expected']}" + _did_you_mean(got, _literal_choices(err))
            elif etype == "string_pattern_mismatch":
                text = f"{err.get('input')!r} is not a valid id (lower-case letters, digits, - and _, dot-separated)"
            msg = f"{what}: field {field!r}: {text}" if field else f"{what}: {text}"
        out.append(Problem(file, line, msg))
    return out


def _literal_choices(err: dict) -> list[str]:
    exp = err.get("ctx", {}).get("expected", "")
    return re.findall(r"'([^']*)'", exp)


def load_spec(path: str | Path) -> Spec:
    """Load and validate a spec file; raises SpecError listing every problem (file:line: message)."""
    p = Path(path)
    file = str(path)
    data, problems = read_yaml(p, display=file)
    if data is None:
        raise SpecError(problems or [Problem(file, None, "cannot read spec")])
    spec = _safe_build(data, file, p, problems)
    if problems:
        raise SpecError(_tidy(problems))
    assert spec is not None
    return spec


def _tidy(problems: list[Problem]) -> list[Problem]:
    """Problems in line order, each once."""
    seen, out = set(), []
    for p in sorted(problems, key=lambda p: (p.line or 0)):
        key = (p.file, p.line, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def load_spec_text(text: str, file: str = "<spec>", base: str | Path | None = None) -> Spec:
    """Load a spec from a string (``base`` is the directory the source path is relative to)."""
    data, problems = read_yaml(file, text=text, display=file)
    if data is None:
        raise SpecError(problems)
    path = Path(base) / Path(file).name if base is not None else None
    spec = _safe_build(data, file, path, problems)
    if problems:
        raise SpecError(_tidy(problems))
    assert spec is not None
    return spec


INTERNAL = "internal error while validating the spec"


def _safe_build(data: Any, file: str, path: Path | None, problems: list[Problem]) -> Spec | None:
    """_build, with a last safety net: a bug in validation is a problem line, never a traceback."""
    try:
        return _build(data, file, path, problems)
    except RecursionError:
        problems.append(Problem(file, None, "YAML nesting too deep"))
    except Exception as exc:  # noqa: BLE001 - the contract is one line per problem, never a traceback
        problems.append(Problem(file, getattr(data, "line", None), f"{INTERNAL} ({type(exc).__name__}: {exc}); "
                                "please report this"))
    return None


def _build(data: Any, file: str, path: Path | None, problems: list[Problem]) -> Spec | None:
    def add(line, msg):
        problems.append(Problem(file, line, msg))

    if not isinstance(data, LineDict):
        add(getattr(data, "line", 1) or 1, f"a spec must be a mapping (id, title, indicators, rules …), not {_typename(data)}")
        return None

    for key in data:
        if key not in TOP_KEYS:
            add(data.line_of(key), f"unknown top-level key {key!r}{_did_you_mean(key, TOP_KEYS)}")

    # -- metadata ---------------------------------------------------------------------
    meta_raw = LineDict({k: data[k] for k in data if k in TOP_KEYS and k not in ("indicators", "rules")})
    meta_raw.line, meta_raw.key_lines = data.line, data.key_lines
    metadata = None
    try:
        metadata = Metadata.model_validate(_plain(meta_raw))
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, meta_raw, "spec", TOP_KEYS, file))

    # -- indicators -------------------------------------------------------------------
    indicators: list[Indicator] = []
    raw_inds = data.get("indicators")
    if raw_inds is None:
        add(data.line, "the spec has no 'indicators' list")
        raw_inds = LineList()
    elif not isinstance(raw_inds, LineList):
        add(data.line_of("indicators"), f"'indicators' must be a list, not {_typename(raw_inds)}")
        raw_inds = LineList()
    seen: dict[str, int] = {}
    ind_fields = tuple(f for f in Indicator.model_fields if f != "line")
    for i, raw in enumerate(raw_inds):
        line = raw_inds.line_of(i)
        if not isinstance(raw, LineDict):
            add(line, f"indicator #{i + 1}: must be a mapping (id, name, period, kind, unit, value, locate …), not {_typename(raw)}")
            continue
        label = f"indicator {raw.get('id')!r}" if isinstance(raw.get("id"), str) else f"indicator #{i + 1}"
        rid = raw.get("id")
        if isinstance(rid, str):
            if rid in seen:
                add(raw.line, f"{label}: duplicate indicator id (first at line {seen[rid]})")
                continue
            seen[rid] = raw.line
        if "line" in raw:
            add(raw.line_of("line"), f"{label}: unknown field 'line'")
            continue
        try:
            ind = Indicator.model_validate({**_plain(raw), "line": raw.line})
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc, raw, label, ind_fields, file))
            continue
        for msg in _indicator_problems(ind):
            add(raw.line_of(msg[0]), f"{label}: {msg[1]}")
        indicators.append(ind)

    # -- rules ------------------------------------------------------------------------
    rules: list[Rule] = []
    raw_rules = data.get("rules", LineList())
    if raw_rules is None:
        raw_rules = LineList()
    if not isinstance(raw_rules, LineList):
        add(data.line_of("rules"), f"'rules' must be a list, not {_typename(raw_rules)}")
        raw_rules = LineList()
    # ids of indicators that failed validation still exist: no cascade of "unknown id" problems
    known_ids = set(seen) | {r.get("id") for r in raw_inds if isinstance(r, LineDict) and isinstance(r.get("id"), str)}
    # units of the indicators that validated; a rule on an invalid one is not unit-checked
    # (its unit is unknown, and a guess of "no unit" gives a false unit-mismatch problem)
    units = {ind.id: ind.unit for ind in indicators}
    rule_ids: dict[str, int] = {}
    for i, raw in enumerate(raw_rules):
        line = raw_rules.line_of(i)
        if not isinstance(raw, LineDict):
            add(line, f"rule #{i + 1}: must be a mapping (id, kind, …), not {_typename(raw)}")
            continue
        rid = raw.get("id")
        if isinstance(rid, str):
            if rid in rule_ids:
                add(raw.line, f"rule {rid!r}: duplicate rule id (first at line {rule_ids[rid]})")
                continue
            rule_ids[rid] = raw.line
        rule = _rule(raw, i, known_ids, file, problems, units)
        if rule is not None:
            rules.append(rule)

    if metadata is None or problems:
        return None
    return Spec(metadata=metadata, indicators=tuple(indicators), rules=tuple(rules), path=path)


def _typename(x: Any) -> str:
    if isinstance(x, dict):
        return "a mapping"
    if isinstance(x, list):
        return "a list"
    if x is None:
        return "nothing"
    if isinstance(x, str):
        return f"the text {x[:40]!r}"
    return f"the value {x!r}"


def _indicator_problems(ind: Indicator) -> list[tuple[str, str]]:
    """Checks beyond field types: the unit is known and fits the kind, the value fits the kind."""
    from reportcheck.quantities.units import UnitError, _units
    from reportcheck.schema import unit_kind_problem, value_kind_problem

    out: list[tuple[str, str]] = []
    if ind.unit is not None:
        try:
            _units(ind.unit)
        except UnitError as exc:
            out.append(("unit", str(exc)))
            return out
    msg = unit_kind_problem(ind.kind, ind.unit)
    if msg:
        out.append(("unit", msg))
    if ind.qualifier:
        from reportcheck.quantities.qualifiers import QUALIFIERS, words_of

        for word in re.split(r"[+＋\s]+", ind.qualifier):
            # whole words of the policy, several may be written together (力争突破)
            if word and (word not in QUALIFIERS and "".join(w for w in words_of(word) if w in QUALIFIERS) != word):
                out.append(("qualifier", f"unknown qualifier {word!r}{_did_you_mean(word, tuple(QUALIFIERS), 0.5)}"))
    if ind.value is None and ind.kind not in ("name", "label", "year", "date"):
        out.append(("id", f"a {ind.kind} indicator needs a canonical 'value'"))
    elif ind.value is not None and not msg:
        vmsg = value_kind_problem(ind.kind, ind.unit, float(ind.value))
        if vmsg:
            out.append(("value", vmsg))
    return out


# --------------------------------------------------------------------------------------
# rules
# --------------------------------------------------------------------------------------
#: The fields of each kind agreed with the rule engine, for kinds whose module is not importable.
#: kind → (required, optional, fields that hold indicator ids)
GENERIC_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "part-of": (("part", "whole"), ("exact",), ("part", "whole")),
    "share-range": (("indicators",), ("min", "max"), ("indicators",)),
    "change-range": (("indicators",), ("min", "max"), ("indicators",)),
    "target-coherence": (("base", "growth", "target"), ("real",), ("base", "growth", "target")),
    "average-threshold": (("total", "count", "threshold"), ("direction",), ("total", "count", "threshold")),
    "count-of-list": (("count", "items"), (), ("count",)),
    "rank-range": (("rank", "of"), ("group",), ("rank",)),
    "expression": (("expr",), (), ()),
}
COMMON_RULE_FIELDS = ("id", "kind", "severity", "rationale", "tolerance")

#: An indicator id inside an expression: dotted lower-case words (numbers and units are not ids).
_EXPR_ID = re.compile(r"(?<![\w.])([a-z][a-z0-9_\-]*(?:\.[a-z0-9_\-]+)+)(?![\w.])")
#: A quantity string (threshold: "500万元"), not an indicator id.
_QUANTITY = re.compile(r"^\s*[-+]?\d[\d,]*(\.\d+)?\s*\S*\s*$")


def expression_ids(expr: str) -> list[str]:
    """The dotted indicator ids an expression mentions (``a.b >= 2 * c.d`` → ['a.b', 'c.d'])."""
    return _EXPR_ID.findall(expr)


def _known_kinds() -> list[str]:
    from reportcheck import rules as rules_pkg

    try:
        names = set(rules_pkg.registry())
    except Exception:  # noqa: BLE001 - a broken kind module must not hide the spec's own problems
        names = set()
    return sorted(names | set(GENERIC_KINDS))


def _rule(raw: LineDict, i: int, known_ids: set, file: str, problems: list[Problem],
          units: dict[str, str | None] | None = None) -> Rule | None:
    def add(line, msg):
        problems.append(Problem(file, line, msg))

    rid = raw.get("id")
    label = f"rule {rid!r}" if isinstance(rid, str) else f"rule #{i + 1}"
    ok = True
    if not isinstance(rid, str):
        add(raw.line, f"{label}: missing field 'id'" if rid is None else f"{label}: 'id' must be text")
        ok = False
    elif not ID_RE.match(rid):
        add(raw.line_of("id"), f"{label}: {rid!r} is not a valid id (lower-case letters, digits, - and _, dot-separated)")
        ok = False
    kind_name = raw.get("kind")
    if kind_name is None:
        add(raw.line, f"{label}: missing field 'kind'")
        return None
    if not isinstance(kind_name, str):
        add(raw.line_of("kind"), f"{label}: 'kind' must be the name of a rule kind, not {_typename(kind_name)}; "
            f"known kinds: {', '.join(_known_kinds())}")
        return None
    sev = raw.get("severity")
    if sev is not None and sev not in SEVERITIES:
        add(raw.line_of("severity"), f"{label}: severity {sev!r} is not one of {', '.join(SEVERITIES)}{_did_you_mean(sev, SEVERITIES)}")
        ok = False
        sev = None
    rat = raw.get("rationale")
    if rat is not None and (not isinstance(rat, str) or "\n" in rat.strip()):
        add(raw.line_of("rationale"), f"{label}: 'rationale' must be one line of text")
        ok = False

    from reportcheck import rules as rules_pkg

    try:
        kind = rules_pkg.get(kind_name) if isinstance(kind_name, str) else None
    except Exception as exc:  # noqa: BLE001 - a kind module that fails to import
        kind = None
        add(raw.line_of("kind"), f"{label}: rule kind {kind_name!r} cannot be loaded: {exc}")
        return None
    plain = _plain(raw)
    if sev is None:
        plain.pop("severity", None)  # already reported above (or absent)
    refs: list[tuple[str, int]] = []  # (id, line)
    params: Any = None
    if kind is not None:
        # 1) the fields alone; 2) the ids it references (our did-you-mean message);
        # 3) again with the spec's indicators as context, so the kind checks units fit.
        fields = tuple(kind.Params.model_fields)
        try:
            params = kind.Params.model_validate(plain)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc, raw, label, fields, file))
            return None
        except Exception as exc:  # noqa: BLE001 - a kind's validator must not crash the loader
            add(raw.line, f"{label}: {exc}")
            return None
        try:
            ref_ids = [str(r) for r in kind.references(params)]
        except Exception as exc:  # noqa: BLE001
            add(raw.line, f"{label}: cannot read its indicators: {exc}")
            return None
        refs = [(r, _line_of_ref(raw, r)) for r in ref_ids]
        if all(r in known_ids for r in ref_ids) and units is not None and all(r in units for r in ref_ids):
            try:
                params = kind.Params.model_validate(plain, context={"indicators": units})
            except ValidationError as exc:
                problems.extend(_pydantic_problems(exc, raw, label, fields, file))
                return None
            except Exception as exc:  # noqa: BLE001
                add(raw.line, f"{label}: {exc}")
                return None
    elif kind_name in GENERIC_KINDS:
        required, optional, id_fields = GENERIC_KINDS[kind_name]
        allowed = COMMON_RULE_FIELDS + required + optional
        for key in raw:
            if key not in allowed:
                add(raw.line_of(key), f"{label}: unknown field {key!r} for a {kind_name} rule{_did_you_mean(key, allowed)}")
                ok = False
        for key in required:
            if key not in raw:
                add(raw.line, f"{label}: missing field {key!r} (a {kind_name} rule needs {', '.join(required)})")
                ok = False
        for key in id_fields:
            v = raw.get(key)
            if v is None:
                continue
            vals = v if isinstance(v, list) else [v]
            for j, x in enumerate(vals):
                xline = v.line_of(j) if isinstance(v, LineList) else raw.line_of(key)
                if key == "threshold" and isinstance(x, (str, int, Decimal)) and _QUANTITY.match(str(x)):
                    continue  # a quantity such as "500万元", not an id
                if not isinstance(x, str):
                    add(xline, f"{label}: {key!r} must name indicator ids, not {_typename(x)}")
                    ok = False
                    continue
                refs.append((x, xline))
        if kind_name == "expression":
            expr = raw.get("expr")
            if not isinstance(expr, str) or not expr.strip():
                add(raw.line_of("expr"), f"{label}: 'expr' must be a non-empty expression")
                ok = False
            else:
                refs.extend((x, raw.line_of("expr")) for x in expression_ids(expr))
        if kind_name == "count-of-list":
            items = raw.get("items")
            if items is not None and (not isinstance(items, list) or not items or not all(isinstance(x, str) for x in items)):
                add(raw.line_of("items"), f"{label}: 'items' must be a non-empty list of texts")
                ok = False
        if kind_name == "rank-range":
            of = raw.get("of")
            if of is not None and (not isinstance(of, int) or isinstance(of, bool) or of < 1):
                add(raw.line_of("of"), f"{label}: 'of' must be a whole number ≥ 1 (the size of the group)")
                ok = False
        if kind_name == "average-threshold":
            d = raw.get("direction", "at-least")
            if d not in ("at-least", "at-most"):
                add(raw.line_of("direction"), f"{label}: direction {d!r} is not at-least or at-most")
                ok = False
        for key in ("min", "max", "tolerance"):
            v = raw.get(key)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, Decimal))):
                add(raw.line_of(key), f"{label}: {key!r} must be a number")
                ok = False
        if ok:
            try:
                params = GenericRuleParams.model_validate(plain)
            except ValidationError as exc:
                problems.extend(_pydantic_problems(exc, raw, label, allowed, file))
                return None
    else:
        add(raw.line_of("kind"), f"{label}: unknown rule kind {kind_name!r}{_did_you_mean(kind_name, _known_kinds())}; "
            f"known kinds: {', '.join(_known_kinds())}")
        return None

    for rid_ref, rline in refs:
        if rid_ref not in known_ids:
            add(rline, f"{label}: unknown indicator {rid_ref!r}{_did_you_mean(rid_ref, known_ids)}")
            ok = False
    if not ok:
        return None
    return Rule(
        id=rid,
        kind=kind_name,
        params=params,
        references=tuple(dict.fromkeys(r for r, _ in refs)),
        severity=sev,
        rationale=rat,
        line=raw.line,
        fields=plain,
    )


def _line_of_ref(raw: LineDict, ref: str) -> int:
    """The line where a rule mentions an indicator id (for registered kinds' references)."""
    for key, v in raw.items():
        if v == ref:
            return raw.line_of(key)
        if isinstance(v, LineList):
            for j, x in enumerate(v):
                if x == ref:
                    return v.line_of(j)
        if isinstance(v, str) and ref in v:
            return raw.line_of(key)
    return raw.line
