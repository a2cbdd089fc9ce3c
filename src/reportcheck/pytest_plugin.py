"""pytest plugin: ``pytest specs/`` checks every reportcheck spec, one test item per rule.

Registered through the ``pytest11`` entry point, so it is active wherever reportcheck is
installed. It stays out of the way of everything else:

- it imports nothing heavy at import time (reportcheck's engine is imported when a spec
  item first runs);
- a YAML file is collected only when it *is* a reportcheck spec (a top-level
  ``reportcheck:`` key, or both top-level ``indicators:`` and ``rules:`` keys) **and** it is
  either named on the command line or lies under a directory whose name is listed in the
  ``reportcheck_spec_dirs`` ini option (default: ``specs``; ``*`` means anywhere). So
  ``pytest specs/`` and ``pytest path/to/x.yaml`` check specs, while spec-shaped test
  fixtures elsewhere (for instance broken specs under ``tests/data``) are left alone.

Items: one per rule of the spec (named by the rule id), plus one ``indicators`` item for
the findings that belong to no rule (fidelity, extraction, schema). A rule fails on an
error finding (``--reportcheck-strict``: on warnings too) and shows the same diagnostic
as the text reporter; warnings and infos become pytest warnings. Findings waived by the
spec's ``ignore:`` (docs/waivers.md) are left out; a rule whose findings are all waived is
skipped, with the reason. A spec that does not load is a collection error with one
``file:line: message`` per problem.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest

SPEC_SUFFIXES = (".yaml", ".yml")
_TOP_KEY = re.compile(r"^(reportcheck|indicators|rules)\s*:", re.MULTILINE)
_MAX_SNIFF = 5_000_000
INDICATORS_ITEM = "indicators"


class ReportcheckWarning(UserWarning):
    """A warning or info finding of a reportcheck rule (the rule itself passes)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("reportcheck", "reportcheck specs")
    group.addoption("--reportcheck-strict", action="store_true", default=False,
                    help="reportcheck: a rule with a warning finding fails too")
    parser.addini("reportcheck_spec_dirs", type="args", default=["specs"],
                  help="reportcheck: directory names whose spec YAML files are collected "
                       "(default: specs; '*' collects specs anywhere)")


def is_spec_file(path: Path) -> bool:
    """True when the YAML file is a reportcheck spec, judged by its top-level keys only."""
    from reportcheck.errors import InputError
    from reportcheck.safety import open_regular  # a FIFO or a link to /dev/stdin would block collection

    try:
        with open_regular(path) as fh:
            data = fh.read(_MAX_SNIFF)
    except (OSError, ValueError, InputError):
        return False
    text = data.decode("utf-8-sig", errors="replace")
    keys = set(_TOP_KEY.findall(text))
    return "reportcheck" in keys or {"indicators", "rules"} <= keys


def _in_scope(path: Path, config: pytest.Config) -> bool:
    dirs = set(config.getini("reportcheck_spec_dirs") or [])
    if "*" in dirs:
        return True
    resolved = path.resolve()
    for arg in config.args:
        candidate = Path(str(arg).split("::", 1)[0])
        if not candidate.is_absolute():
            candidate = Path(config.invocation_params.dir) / candidate
        try:
            if candidate.resolve() == resolved:
                return True
        except OSError:
            continue
    try:
        parts = resolved.parent.relative_to(Path(config.rootpath).resolve()).parts
    except ValueError:
        parts = resolved.parent.parts
    return any(p in dirs for p in parts)


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.suffix.lower() not in SPEC_SUFFIXES:
        return None
    if not _in_scope(file_path, parent.config) or not is_spec_file(file_path):
        return None
    return SpecFile.from_parent(parent, path=file_path)


class SpecLoadError(Exception):
    """The spec did not load; ``str`` is one ``file:line: message`` per problem."""


class RuleFailed(Exception):
    def __init__(self, findings: list[Any], sources: Any):
        super().__init__(findings[0].message if findings else "failed")
        self.findings = findings
        self.sources = sources


class SpecFile(pytest.File):
    """One spec file: loads the spec, runs the engine once, yields one item per rule."""

    _spec: Any = None
    _result: Any = None
    _error: BaseException | None = None

    def collect(self):
        from reportcheck.errors import InputError

        try:
            from reportcheck.spec.load import load_spec

            self._spec = load_spec(self.path)
        except InputError as exc:
            raise SpecLoadError(str(exc)) from None
        except (OSError, UnicodeError) as exc:
            raise SpecLoadError(f"{self.path}: {exc}") from None
        seen: set[str] = set()
        for rule in getattr(self._spec, "rules", ()) or ():
            rid = str(rule.id)
            if rid in seen:
                continue
            seen.add(rid)
            yield RuleItem.from_parent(self, name=rid, rule_id=rid, check=str(getattr(rule, "kind", "")),
                                       yaml_line=getattr(rule, "line", None))
        name = INDICATORS_ITEM if INDICATORS_ITEM not in seen else f"{INDICATORS_ITEM}[reportcheck]"
        yield RuleItem.from_parent(self, name=name, rule_id=None, check="fidelity", yaml_line=None)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, SpecLoadError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def result(self):
        """The engine's result for this spec (computed once, by the first item that runs)."""
        if self._error is not None:
            raise self._error
        if self._result is None:
            try:
                from reportcheck import engine

                self._result = engine.check(self._spec)
                if getattr(self._result, "spec", None) is None:
                    self._result.spec = str(self.path)
            except BaseException as exc:
                self._error = exc
                raise
        return self._result

    def rule_ids(self) -> set[str]:
        return {str(r.id) for r in getattr(self._spec, "rules", ()) or ()}


class RuleItem(pytest.Item):
    def __init__(self, *, rule_id: str | None, check: str, yaml_line: int | None, **kwargs):
        super().__init__(**kwargs)
        self.rule_id = rule_id
        self.check = check
        self.yaml_line = yaml_line
        if rule_id is not None:
            self.user_properties.append(("reportcheck_rule", rule_id))
            self.user_properties.append(("reportcheck_check", check))

    def _mine(self, findings) -> list[Any]:
        if self.rule_id is not None:
            return [f for f in findings if f.id == self.rule_id]
        rules = self.parent.rule_ids()
        return [f for f in findings if f.id not in rules]

    def _findings(self, result) -> list[Any]:
        return self._mine(self._split(result)[0])

    def _split(self, result) -> tuple[list[Any], list[tuple[Any, Any]]]:
        """The findings the spec's ``ignore:`` leaves, and the waived ones with their waiver."""
        from reportcheck.waivers import from_spec

        waivers = from_spec(self.parent._spec)
        kept, waived = [], []
        for f in result.findings:
            w = next((w for w in waivers if w.matches(f)), None)
            (kept.append(f) if w is None else waived.append((f, w)))
        return kept, waived

    def runtest(self) -> None:
        from reportcheck.errors import InputError
        from reportcheck.findings import Severity
        from reportcheck.report._util import SourceLines, sorted_findings

        try:
            result = self.parent.result()
        except InputError as exc:
            raise SpecLoadError(str(exc)) from None
        kept, waived = self._split(result)
        findings = sorted_findings(self._mine(kept))
        mine_waived = [(f, w) for f, w in waived if self._mine([f])]
        if not findings and mine_waived:  # every finding of this rule waived by the spec's ignore:
            f, w = mine_waived[0]
            pytest.skip(f"waived: {w.reason} ({w.where})")
        strict = self.config.getoption("reportcheck_strict")
        failing = [f for f in findings if f.severity is Severity.ERROR
                   or (strict and f.severity is Severity.WARNING)]
        sources = SourceLines([result])
        for f in findings:
            if f not in failing:
                where = next((f"{g.file}:{g.line}:{g.column}: " for g in f.figures if g.line is not None), "")
                message = (f"{where}{f.severity.value}[{f.check}] {f.id}: {f.message}"
                           + (f" — suggestion: {f.suggestion}" if f.suggestion else ""))
                from reportcheck.safety import inline  # no line breaks or leading :: from the spec

                warnings.warn_explicit(ReportcheckWarning(inline(message)), ReportcheckWarning,
                                       filename=str(self.path), lineno=self.yaml_line or 1)
        if failing:
            raise RuleFailed(failing, sources)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, RuleFailed):
            from reportcheck.report.text import format_finding

            from reportcheck.safety import neutralise_output

            blocks = ["\n".join(format_finding(f, excinfo.value.sources)) for f in excinfo.value.findings]
            return neutralise_output("text", "\n\n".join(blocks))
        if isinstance(excinfo.value, SpecLoadError):
            from reportcheck.safety import neutralise_output

            return neutralise_output("text", str(excinfo.value))
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        line = (self.yaml_line - 1) if self.yaml_line else None
        what = f"{self.check}: {self.rule_id}" if self.rule_id else "indicators: fidelity, extraction, schema"
        return self.path, line, f"reportcheck {what}"
