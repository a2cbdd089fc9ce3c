"""Loading a spec: YAML with line numbers (:mod:`reportcheck.spec.yaml_lines`) → validated
:class:`~reportcheck.spec.model.Spec`.

Safety and error reporting, both part of the contract:

- The reader (:mod:`reportcheck.spec.yaml_lines`) reads only YAML's own scalar types,
  keeps every mapping's and sequence's line, catches duplicate keys and bounds alias
  expansion; this module validates what the data means.
- Every problem is collected and raised at once as a
  :class:`~reportcheck.errors.SpecError`, one ``file:line: message`` each,
  e.g. ``specs/x.yaml:42: indicator 'grp.2023': unknown unit '亿園' (did you mean 亿元?)``.
  Nothing a spec contains produces a traceback.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reportcheck.errors import Problem, SpecError
from reportcheck.spec.model import ID_RE, Ignore, Indicator, Metadata, Rule, Spec
from reportcheck.spec.yaml_lines import MAX_BYTES, MAX_DEPTH, MAX_NODES, LineDict, LineList, read_yaml

__all__ = ["load_spec", "load_spec_text", "read_yaml", "LineDict", "LineList", "MAX_BYTES", "MAX_DEPTH",
           "MAX_NODES"]

#: The top-level keys of a spec (in this order they win a did-you-mean tie).
TOP_KEYS = ("id", "title", "region", "year", "source", "sections", "description", "indicators", "rules",
            "ignore")
SEVERITIES = ("error", "warning", "info")


# --------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------
def _plain(x: Any) -> Any:
    """LineDict/LineList → dict/list (for pydantic and for Rule.fields)."""
    if isinstance(x, dict):
        return {k: _plain(v) if isinstance(v, (dict, list)) else v for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) if isinstance(v, (dict, list)) else v for v in x]
    return x


def _did_you_mean(word: str, choices, cutoff: float = 0.6) -> str:
    """' (did you mean X?)' for the closest choice; on a tie the earlier choice wins."""
    best, best_score = None, cutoff
    from reportcheck.nearest import NameIndex

    if isinstance(choices, NameIndex):  # thousands of ids: only the near ones are compared
        choices = choices.candidates(word)
    for c in choices:
        score = difflib.SequenceMatcher(None, str(word), str(c)).ratio()
        if score > best_score or (best is None and score >= cutoff):
            best, best_score = str(c), score
    return f" (did you mean {best}?)" if best else ""


def _pydantic_problems(exc: ValidationError, raw: LineDict, what: str, fields, file: str,
                       tag: str | None = None) -> list[Problem]:
    """One Problem per pydantic error, on the line of the field it concerns."""
    out = []
    for err in exc.errors():
        loc = err.get("loc", ())
        if tag is not None and loc[:1] == (tag,):
            loc = loc[1:]  # a discriminated union's error is under its tag (the rule's kind)
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
    meta_raw = LineDict({k: data[k] for k in data if k in TOP_KEYS and k not in ("indicators", "rules", "ignore")})
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
    pending: tuple[int, Any] | None = None  # (first problem, id) of the indicator before
    for i, raw in enumerate(raw_inds):
        if pending is not None:
            _mark(problems, *pending)
        pending = (len(problems), raw.get("id") if isinstance(raw, LineDict) else None)
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
    if pending is not None:
        _mark(problems, *pending)

    # -- rules ------------------------------------------------------------------------
    rules: list[Rule] = []
    raw_rules = data.get("rules", LineList())
    if raw_rules is None:
        raw_rules = LineList()
    if not isinstance(raw_rules, LineList):
        add(data.line_of("rules"), f"'rules' must be a list, not {_typename(raw_rules)}")
        raw_rules = LineList()
    # ids of indicators that failed validation still exist: no cascade of "unknown id" problems
    from reportcheck.nearest import NameIndex  # did-you-mean without comparing every pair

    known_ids = NameIndex(set(seen) | {r.get("id") for r in raw_inds if isinstance(r, LineDict) and isinstance(r.get("id"), str)})
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
                _mark(problems, len(problems) - 1, rid)
                continue
            rule_ids[rid] = raw.line
        start = len(problems)
        rule = _rule(raw, i, known_ids, file, problems, units)
        _mark(problems, start, rid)
        if rule is not None:
            rules.append(rule)

    ignore = _ignore(data, add)

    if metadata is None or problems:
        return None
    return Spec(metadata=metadata, indicators=tuple(indicators), rules=tuple(rules), ignore=ignore, path=path)


def _ignore(data: LineDict, add) -> tuple[Ignore, ...]:
    """The spec's waivers (``ignore:``), each validated like the config files' (docs/waivers.md)."""
    from reportcheck.waivers import validate_entry

    raw = data.get("ignore")
    if raw is None:
        return ()
    if not isinstance(raw, LineList):
        add(data.line_of("ignore"), f"'ignore' must be a list of waivers (id or fingerprint, and reason), "
                                    f"not {_typename(raw)}")
        return ()
    out = []
    for i, entry in enumerate(raw):
        line = raw.line_of(i)
        plain = _plain(entry)
        found = validate_entry(plain, f"ignore #{i + 1}")
        for key, msg in found:
            add(entry.line_of(key) if key is not None and isinstance(entry, LineDict) and key in entry else line, msg)
        if not found:
            out.append(Ignore(**{k: v.strip() for k, v in plain.items()}, line=line))
    return tuple(out)


def _mark(problems: list[Problem], start: int, subject: Any) -> None:
    """The problems from ``start`` on concern the indicator or rule ``subject``."""
    if isinstance(subject, str):
        for p in problems[start:]:
            p.subject = subject


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
    from reportcheck.kinds import unit_kind_problem, value_kind_problem

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
def _known_kinds() -> list[str]:
    from reportcheck import rules as rules_pkg

    return sorted(rules_pkg.registry())


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

    kind = rules_pkg.get(kind_name)
    plain = _plain(raw)
    if sev is None:
        plain.pop("severity", None)  # already reported above (or absent)
    refs: list[tuple[str, int]] = []  # (id, line)
    params: Any = None
    if kind is not None:
        # 1) the fields alone; 2) the ids it references (our did-you-mean message);
        # 3) again with the spec's indicators as context, so the kind checks units fit.
        # the discriminated union of the registered kinds' Params (``kind`` is the tag)
        fields = tuple(kind.Params.model_fields)
        adapter = rules_pkg.params_adapter()
        try:
            params = adapter.validate_python(plain)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc, raw, label, fields, file, kind_name))
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
                params = adapter.validate_python(plain, context={"indicators": units})
            except ValidationError as exc:
                problems.extend(_pydantic_problems(exc, raw, label, fields, file, kind_name))
                return None
            except Exception as exc:  # noqa: BLE001
                add(raw.line, f"{label}: {exc}")
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
