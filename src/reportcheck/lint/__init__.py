"""``reportcheck lint`` and ``reportcheck init``: checks without a spec, and spec drafts.

``lint_text(text)`` infers indicators and rules from the text alone
(:mod:`reportcheck.lint.infer`), writes them as a spec (:mod:`reportcheck.lint.init`),
loads that spec with the ordinary loader and checks the document with the ordinary
engine (``reportcheck.engine.check_document``): the same binding, rule kinds, severities,
diagnosis and reporters as ``check``. ``init(path)`` returns the same spec as YAML text.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from reportcheck.lint.infer import Inference, InferredRule, Ind, infer

# The submodule ``init`` is imported now, before the function ``init`` below is defined:
# imported later (by spec_for, at the first lint), it would rebind ``reportcheck.lint.init``
# to the module, and ``init(path)`` would fail with "'module' object is not callable" in any
# process that had linted first (the CLI in-process, the pytest plugin, a pipeline).
import reportcheck.lint.init as _init_module  # noqa: E402,F401

__all__ = ["lint_text", "lint_file", "lint_files", "init", "init_text", "infer", "Inference", "InferredRule", "Ind",
           "spec_for", "spec_in_memory", "coverage"]


def _load(path: Path) -> str:
    from reportcheck.text.document import load_document

    return load_document(path).text


def _stem(file: str | os.PathLike | None) -> str:
    return Path(file).stem if file else "report"


def spec_for(text: str, file: str | None = None, inference: Inference | None = None):
    """The inferred spec of a document, loaded and validated (a :class:`reportcheck.spec.model.Spec`).

    Built in memory: the data ``init`` would write as YAML (the same dicts) goes straight to
    the spec loader's validation (:func:`reportcheck.spec.load._build`) — no YAML written and
    parsed back (issue 19: that round trip was half of lint's time). ``tests/test_lint.py``
    checks that the result equals loading ``render_spec``'s YAML. Indicators and rules are
    numbered as lines (``line`` = position), which only problem messages would show.
    """
    from reportcheck.errors import SpecError

    inf = inference or infer(text, file=file)
    for _ in range(3):
        try:
            return spec_in_memory(inf, source=str(file or "<text>"), stem=_stem(file),
                                  file=f"<lint {file or 'text'}>")
        except SpecError as exc:
            # An indicator or rule the loader refuses (an inference this module got wrong) must
            # not stop the others: drop what the problems name, and the rules reading it.
            if not _drop_refused(inf, exc):
                raise
    return spec_in_memory(inf, source=str(file or "<text>"), stem=_stem(file), file=f"<lint {file or 'text'}>")


def spec_in_memory(inf: Inference, *, source: str, stem: str, file: str):
    """The spec ``render_spec(inf, source, stem)`` describes, validated by the loader without YAML."""
    from reportcheck.errors import Problem, SpecError
    from reportcheck.lint.init import indicator_dict, metadata, rule_dict
    from reportcheck.spec.load import _safe_build, _tidy

    data = _lines({**metadata(inf, source, stem),
                   "indicators": [indicator_dict(i) for i in inf.indicators],
                   "rules": [rule_dict(r) for r in inf.rules]}, [0])
    problems: list[Problem] = []
    spec = _safe_build(data, file, None, problems)
    if problems:
        raise SpecError(_tidy(problems))
    return spec


_CONTAINERS = (dict, list, tuple)


def _lines(x, counter: list[int]):
    """Plain data → the loader's line-aware containers (each mapping and item numbered in order).

    A scalar leaves the count as it is: it is returned as is, without a call (~20,000 per report)."""
    from reportcheck.spec.yaml_lines import LineDict, LineList

    counter[0] += 1
    if isinstance(x, dict):
        d = LineDict({k: _lines(v, counter) if isinstance(v, _CONTAINERS) else v for k, v in x.items()})
        d.line, d.key_lines = counter[0], {}
        return d
    if isinstance(x, (list, tuple)):
        line = counter[0]
        items = [_lines(v, counter) if isinstance(v, _CONTAINERS) else v for v in x]
        out = LineList(items)
        out.line, out.item_lines = line, [getattr(v, "line", line) for v in items]
        return out
    counter[0] -= 1
    return x


def _drop_refused(inf: Inference, exc) -> bool:
    named = {p.subject for p in exc.problems if p.subject is not None}
    if not named:
        return False
    before = (len(inf.indicators), len(inf.rules))
    dropped = {i.id for i in inf.indicators if i.id in named}
    for i in [i for i in inf.indicators if i.id in dropped]:
        inf.skipped.append((i.fig, "refused by the spec loader"))
    inf.indicators = [i for i in inf.indicators if i.id not in dropped]

    def reads_dropped(r: InferredRule) -> bool:
        for v in r.fields.values():
            for x in (v if isinstance(v, list) else [v]):
                if isinstance(x, str) and (x in dropped or any(t in dropped for t in x.split())):
                    return True
        return False

    inf.rules = [r for r in inf.rules if r.id not in named and not reads_dropped(r)]
    return (len(inf.indicators), len(inf.rules)) != before


def lint_text(text: str, file: str | None = None):
    """Lint one document: a :class:`reportcheck.findings.Result` with every finding."""
    from reportcheck import engine

    inf = infer(text, file=file)
    spec = spec_for(text, file, inf)
    # the figures infer extracted, and the matches of the locators it wrote: binding would
    # extract the same text again and search every locator again (issue 19)
    result = engine.check_document(spec, text=text, file=file, figures=inf.figures, located=inf.located)
    result.source = file
    result.spec = None
    result.text = text
    # the figures an inferred rule reads: the html report paints only these as checked
    result.rule_inputs = sorted({i for r in spec.rules for i in (getattr(r, "references", ()) or ())})
    return result


def lint_file(path: str | os.PathLike):
    p = Path(path)
    return lint_text(_load(p), file=str(path))


def lint_files(paths: Iterable[str | os.PathLike]) -> list:
    """One result per document (the CLI's ``reportcheck lint FILE ...``)."""
    return [lint_file(p) for p in paths]


def init_text(text: str, source: str, stem: str = "report", file_label: str | None = None) -> str:
    from reportcheck.lint.init import refine, render_spec

    inf = infer(text, file=file_label or source)
    refine(inf)  # init's second look: periods from headings, names from the subject (issue 16)
    return render_spec(inf, source=source, stem=stem, file_label=file_label)


def init(path: str | os.PathLike, output: str | os.PathLike | None = None) -> str:
    """A spec draft (YAML text) for the document at ``path``; ``output`` is where it will be
    written (the draft names its source relative to it)."""
    from reportcheck.lint.init import source_for

    p = Path(path)
    return init_text(_load(p), source=source_for(p, output), stem=_stem(p), file_label=str(path))


def coverage(text: str, file: str | None = None) -> dict:
    """How many figures the inferred rules cover: figures, quantities, indicators, covered, rules."""
    inf = infer(text, file=file)
    covered = inf.covered()
    return {
        "figures": len(inf.figures),
        "quantities": len(inf.quantities),
        "indicators": len(inf.indicators),
        "covered": len(covered),
        "rules": len(inf.rules),
    }
