"""Waivers: findings a user has looked at and decided to accept, each with a reason.

Two places hold them (docs/waivers.md):

- ``[tool.reportcheck]`` in ``pyproject.toml``, or the top level of ``reportcheck.toml``:
  ``ignore = [{id = "…", reason = "…"}, …]`` or ``[[tool.reportcheck.ignore]]`` tables
  (``[[ignore]]`` in ``reportcheck.toml``). The file is found from the current directory
  upwards, the way ruff and pytest find theirs: in each directory ``reportcheck.toml``
  first, then a ``pyproject.toml`` that has a ``[tool.reportcheck]`` table; the first one
  found is used. Its waivers apply to every finding of the run.
- ``ignore:`` in a spec: the same entries, applying to that spec's findings only.

An entry names a finding by ``id`` (a rule id or an indicator id; ``check`` narrows it to
one check kind, e.g. ``schema``) or by ``fingerprint`` (:attr:`Finding.fingerprint`: one
finding on these very figures), and must give a ``reason`` — an entry without one is an
invalid input (exit 2, ``file:line``).

Waivers apply to each rule's finding before findings are grouped by figure
(:mod:`reportcheck.grouping`): waiving the share-range rule on a figure leaves its
fidelity finding reported. Waived findings leave ``findings`` and the counts; they are
kept on ``Result.waived`` for the reporters (the summary's "N waived", SARIF
``suppressions``, JUnit ``skipped``). A waiver that waived nothing in the whole run,
although the run checked what it names (:meth:`Waivers.unused`), is itself reported: a
warning finding at the waiver's ``file:line`` (so ``--strict`` fails on a stale waiver,
as pytest's strict xfail does).

Everything works on a stream of results: :class:`Waivers` applies the waivers to one
result at a time and :meth:`Waivers.unused` reports the stale ones at the end.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from reportcheck.errors import InputError, Problem
from reportcheck.findings import Category, FigureRef, Finding, Result, Severity
from reportcheck.grouping import copy_result, group, members, ungroup

__all__ = ["Waiver", "Waivers", "discover", "find_config", "load_config", "from_spec", "finalize",
           "validate_entry", "ENTRY_KEYS"]

#: the keys of one waiver entry
ENTRY_KEYS = ("id", "check", "fingerprint", "reason")
#: the keys of the [tool.reportcheck] table (or of reportcheck.toml)
CONFIG_KEYS = ("ignore",)
FINGERPRINT_RE = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class Waiver:
    """One waiver: what it names (``id``/``check`` or ``fingerprint``), why, and where it is written."""

    reason: str
    id: str | None = None
    check: str | None = None
    fingerprint: str | None = None
    file: str | None = None
    line: int | None = None
    origin: str = "config"  # "config" (pyproject.toml / reportcheck.toml) or "spec"

    def matches(self, f: Finding) -> bool:
        if self.id is not None and f.id != self.id:
            return False
        if self.check is not None and f.check != self.check:
            return False
        if self.fingerprint is not None and f.fingerprint != self.fingerprint:
            return False
        return self.id is not None or self.fingerprint is not None

    @property
    def names(self) -> str:
        """What the waiver names, as written: ``id shares-within-0-100 (check share-range)``."""
        parts = []
        if self.id is not None:
            parts.append(f"id {self.id}")
        if self.check is not None:
            parts.append(f"check {self.check}")
        if self.fingerprint is not None:
            parts.append(f"fingerprint {self.fingerprint}")
        return ", ".join(parts)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else str(self.file)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {k: getattr(self, k) for k in ("id", "check", "fingerprint") if getattr(self, k)}
        d.update(reason=self.reason, file=self.file, line=self.line, origin=self.origin)
        return d


# --------------------------------------------------------------------------------------
# validating an entry (shared by the config files and the spec loader)
# --------------------------------------------------------------------------------------
def validate_entry(entry: Any, label: str) -> list[tuple[str | None, str]]:
    """Problems of one waiver entry as (key or None, message); empty when it is valid."""
    if not isinstance(entry, dict):
        return [(None, f"{label}: must be a mapping with id (or fingerprint) and reason, "
                       f"not {type(entry).__name__}")]
    out: list[tuple[str | None, str]] = []
    for key in entry:
        if key not in ENTRY_KEYS:
            import difflib

            close = difflib.get_close_matches(str(key), ENTRY_KEYS, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            out.append((key, f"{label}: unknown key {key!r}{hint}; a waiver has {', '.join(ENTRY_KEYS)}"))
    for key in ("id", "check", "fingerprint", "reason"):
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            out.append((key, f"{label}: {key!r} must be a non-empty string"))
    reason = entry.get("reason")
    if "reason" not in entry:
        out.append((None, f"{label}: a waiver needs a 'reason' (why this finding is accepted)"))
    if "id" not in entry and "fingerprint" not in entry:
        out.append((None, f"{label}: a waiver needs an 'id' or a 'fingerprint' (what it waives)"))
    fp = entry.get("fingerprint")
    if isinstance(fp, str) and fp.strip() and not FINGERPRINT_RE.match(fp.strip()):
        out.append(("fingerprint", f"{label}: fingerprint {fp!r} is not 16 lower-case hex digits "
                                   "(copy it from a report's 'fingerprint')"))
    del reason
    return out


def _waiver(entry: dict, file: str | None, line: int | None, origin: str) -> Waiver:
    def s(key):
        v = entry.get(key)
        return v.strip() if isinstance(v, str) else None

    return Waiver(reason=s("reason") or "", id=s("id"), check=s("check"), fingerprint=s("fingerprint"),
                  file=file, line=line, origin=origin)


# --------------------------------------------------------------------------------------
# config files
# --------------------------------------------------------------------------------------
def find_config(start: str | Path | None = None) -> Path | None:
    """The config file for a run started in ``start`` (default: the current directory):
    in ``start`` and each parent, ``reportcheck.toml`` first, then a ``pyproject.toml`` with a
    ``[tool.reportcheck]`` table."""
    here = Path(start) if start is not None else Path.cwd()
    try:
        here = here.resolve()
    except (OSError, RuntimeError):
        return None
    for d in (here, *here.parents):
        own = d / "reportcheck.toml"
        if _is_file(own):
            return own
        py = d / "pyproject.toml"
        if _is_file(py) and _has_tool_table(py):
            return py
    return None


def _is_file(p: Path) -> bool:
    try:
        return p.is_file()
    except OSError:  # a directory we may not read: as if the file were not there
        return False


_TOOL_HEADER = re.compile(r"^\s*\[\[?\s*tool\s*\.\s*[\"']?reportcheck[\"']?\s*[.\]]", re.M)


def _read_config(path: Path, encoding: str) -> str:
    """A configuration file's text; a FIFO, a device or a file under /proc is refused
    (InputError), never opened for a blocking read (#18)."""
    from reportcheck.safety import open_regular

    with open_regular(path, display(path)) as fh:
        return fh.read().decode(encoding)


def _has_tool_table(path: Path) -> bool:
    try:
        text = _read_config(path, "utf-8")
    except (OSError, UnicodeError, InputError):
        return False
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        return bool(_TOOL_HEADER.search(text))  # invalid: load_config says where, if it is ours
    return isinstance(tool, dict) and "reportcheck" in tool


def display(path: Path) -> str:
    from reportcheck.report._util import display_path

    return display_path(str(path))


def load_config(path: str | Path) -> list[Waiver]:
    """The waivers of a ``pyproject.toml`` or ``reportcheck.toml``; InputError (file:line) when invalid."""
    path = Path(path)
    file = display(path)
    try:
        text = _read_config(path, "utf-8-sig")
    except UnicodeError:
        raise InputError("cannot decode the file (TOML is UTF-8)", file=file) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), file=file) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+)", str(exc))
        raise InputError(f"invalid TOML: {exc}", file=file, line=int(m.group(1)) if m else None) from None
    pyproject = path.name == "pyproject.toml"
    if pyproject:
        table = data.get("tool", {}).get("reportcheck") if isinstance(data.get("tool"), dict) else None
        if table is None:
            return []
        prefix = "tool.reportcheck."
    else:
        table = data
        prefix = ""
    lines = text.splitlines()
    table_line = _header_line(lines, prefix.rstrip(".")) if prefix else 1
    problems: list[Problem] = []
    if not isinstance(table, dict):
        raise InputError(f"[{prefix.rstrip('.')}] must be a table", file=file, line=table_line)
    for key in table:
        if key not in CONFIG_KEYS:
            problems.append(Problem(file, _key_line(lines, key, table_line) or table_line,
                                    f"unknown key {prefix}{key!r} (reportcheck reads {', '.join(CONFIG_KEYS)})"))
    entries = table.get("ignore", [])
    if not isinstance(entries, list):
        problems.append(Problem(file, _key_line(lines, "ignore", table_line) or table_line,
                                f"'{prefix}ignore' must be a list of waivers ({{id = …, reason = …}})"))
        entries = []
    entry_lines = _entry_lines(lines, prefix + "ignore", len(entries), table_line)
    waivers = []
    for i, (entry, line) in enumerate(zip(entries, entry_lines)):
        label = f"waiver #{i + 1}"
        found = validate_entry(entry, label)
        for key, msg in found:
            problems.append(Problem(file, line, msg))
        if not found:
            waivers.append(_waiver(entry, file, line, "config"))
    if problems:
        raise InputError(problems)
    return waivers


def _header_line(lines: list[str], table: str) -> int | None:
    pat = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, table.split("."))) + r"\s*\]")
    for i, s in enumerate(lines, start=1):
        if pat.match(s):
            return i
    return None


def _key_line(lines: list[str], key: str, after: int | None) -> int | None:
    pat = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for i in range((after or 1) - 1, len(lines)):
        if pat.match(lines[i]):
            return i + 1
    return None


def _entry_lines(lines: list[str], dotted: str, n: int, table_line: int | None) -> list[int | None]:
    """The line of each of the ``n`` waiver entries: the ``[[…ignore]]`` headers, or each
    ``{`` of an inline ``ignore = [ … ]`` array; the ``ignore`` key's line when unsure."""
    header = re.compile(r"^\s*\[\[\s*" + r"\s*\.\s*".join(map(re.escape, dotted.split("."))) + r"\s*\]\]")
    heads = [i for i, s in enumerate(lines, start=1) if header.match(s)]
    if len(heads) == n:
        return heads
    start = _key_line(lines, "ignore", table_line)
    if start is None:
        return [table_line] * n
    found = _inline_tables(lines, start)
    if len(found) == n:
        return found
    return [start] * n


def _inline_tables(lines: list[str], start: int) -> list[int]:
    """Lines of the ``{`` that open each inline table directly inside the array that starts
    on line ``start`` (strings and comments skipped)."""
    text = "\n".join(lines[start - 1:])
    i = text.index("=") + 1
    depth = 0
    line = start
    out: list[int] = []
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        elif c in "\"'":
            q3 = text[i:i + 3]
            if q3 in ('"""', "'''"):
                end = text.find(q3, i + 3)
                end = n if end < 0 else end + 3
            else:
                j = i + 1
                while j < n and text[j] != c and text[j] != "\n":
                    j += 2 if (c == '"' and text[j] == "\\") else 1
                end = j + 1
            line += text.count("\n", i, min(end, n))
            i = end
            continue
        elif c in "[{":
            if c == "{" and depth == 1:
                out.append(line)
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                break
        i += 1
    return out


def discover(start: str | Path | None = None) -> list[Waiver]:
    """The waivers of the config file found from ``start`` upwards (none without one)."""
    path = find_config(start)
    return load_config(path) if path is not None else []


def from_spec(spec: Any) -> tuple[Waiver, ...]:
    """A spec's ``ignore:`` entries as waivers (already validated by the spec loader)."""
    entries = getattr(spec, "ignore", ()) or ()
    file = display(spec.path) if getattr(spec, "path", None) is not None else "<spec>"
    out = []
    for e in entries:
        d = e if isinstance(e, dict) else {k: getattr(e, k, None) for k in ENTRY_KEYS}
        d = {k: v for k, v in d.items() if v is not None}
        line = d.pop("line", None) if isinstance(e, dict) else getattr(e, "line", None)
        out.append(_waiver(d, file, line, "spec"))
    return tuple(out)


# --------------------------------------------------------------------------------------
# applying waivers
# --------------------------------------------------------------------------------------
class Waivers:
    """Applies waivers to results one at a time and reports, at the end, the ones never used.

    ``waivers`` apply to every result; a result's own ``ignore`` (its spec's) to it only.
    """

    def __init__(self, waivers: Iterable[Waiver] = ()):
        self.waivers = tuple(waivers)
        self.used: dict[Waiver, int] = {w: 0 for w in self.waivers}
        self.known: set[str] = set()  # ids this run checked: rules, indicators, findings

    def apply(self, result: Result) -> Result:
        """A copy of ``result``: unwaived findings grouped by figure, waived ones on ``waived``."""
        own = tuple(w for w in getattr(result, "ignore", ()) or () if isinstance(w, Waiver))
        for w in own:
            self.used.setdefault(w, 0)
        applicable = self.waivers + own
        kept: list[Finding] = []
        waived: list[tuple[Finding, Waiver]] = []
        for f in ungroup(result.findings):
            w = next((w for w in applicable if w.matches(f)), None) if applicable else None
            if w is None:
                kept.append(f)
            else:
                self.used[w] += 1
                waived.append((f, w))
        if any(w.id is not None and w.origin != "spec" for w in self.waivers):
            # only then: a large table's rule list is long, and reporters may never need it
            self.known.update(_checked_ids(result))
        new = copy_result(result)
        new.findings = group(kept)
        new.grouped = True
        if waived:
            by_finding = {_ident(f): w for f, w in waived}
            new.waived = list(result.waived) + [(g, by_finding[_ident(members(g)[0])])
                                                 for g in group(f for f, _ in waived)]
        return new

    def unused(self) -> list[Finding]:
        """A warning for each waiver that waived nothing although the run checked what it names
        (call it at the end of a run). A spec's waiver is in scope whenever its spec was checked;
        a config file's waiver by ``id`` when the run checked that rule or indicator — so
        ``lint`` or ``compare`` in a repository whose waivers name a spec's rules, or a check of
        another spec, reports none of them; a waiver by ``fingerprint`` alone is always in scope
        (give it the ``id`` too to scope it)."""
        return [_unused_finding(w) for w, n in self.used.items()
                if n == 0 and (w.origin == "spec" or w.id is None or w.id in self.known)]

    def finish(self, results: list[Result]) -> list[Result]:
        """``results`` with the unused-waiver warnings added to the last one."""
        stale = self.unused()
        if not stale:
            return results
        results = list(results)
        if results:
            last = copy_result(results[-1])
            last.add_findings(stale)
            results[-1] = last
        else:
            results.append(Result(findings=stale))
        return results


def _checked_ids(result: Result) -> set[str]:
    """The rule and indicator ids a result checked, and the ids of its findings."""
    ids = {rid for rid, *_ in result.rules}
    for item in result.figures or ():
        ind = item[0] if isinstance(item, tuple) else getattr(item, "indicator", None)
        if isinstance(ind, str):
            ids.add(ind)
    ids.update(m.id for m in ungroup(result.findings))
    return ids


def _ident(f: Finding) -> tuple:
    return (f.id, f.check, f.report, f.fingerprint)


def _unused_finding(w: Waiver) -> Finding:
    text, col, end = None, None, None
    if w.file and w.line is not None:
        from reportcheck.report._util import SourceLines

        src = SourceLines().line(w.file, w.line)
        if src is not None and src.strip():
            text = src.strip()
            col = len(src) - len(src.lstrip()) + 1
            end = col + len(text)
    fig = FigureRef(indicator=None, text=text, value=None, unit=None, file=w.file, line=w.line,
                    column=col if w.line is not None else None, end_line=w.line,
                    end_column=end)
    return Finding(
        id="unused-waiver", check="waiver", category=Category.EXTRACTION, severity=Severity.WARNING,
        message=f"the waiver of {w.names} matches no finding: remove it (reason given: {w.reason})",
        figures=(fig,) if w.file else (), verdict="warn",
        rationale="A waiver that no longer matches anything hides nothing today and could hide "
                  "a new finding tomorrow; keep the list of accepted findings exact.")


def finalize(results: Sequence[Result], waivers: Iterable[Waiver] = ()) -> list[Result]:
    """Each result with its findings waived and grouped, then the unused waivers reported."""
    session = Waivers(waivers)
    return session.finish([session.apply(r) for r in results])
