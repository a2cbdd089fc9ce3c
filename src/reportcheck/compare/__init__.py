"""``reportcheck compare``: check a republication against its source, figure by figure, by meaning.

Each comparable figure of the text (amounts, counts, growth, shares, ranks) is
matched to the source figure it restates (``match``), and the two are compared
as intervals (``verdict``). Findings are category ``fidelity``:

- error — a matched figure contradicts its source (value, magnitude, % ↔ 个百分点,
  direction, bound words, rounding the wrong way, period or status, two
  neighbouring indicators swapped); ``figures`` = the republished figure, then the
  source figure; the suggestion quotes the source as written;
- warning — a figure that matches nothing in the source (it cannot be verified);
- warning with ``complete=True`` — a source figure the text does not cite;
- info — a match whose verdict the intervals cannot decide.

Uncited source figures give no finding unless ``complete``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterable

from reportcheck.findings import Category, Finding, FigureRef, Result, Severity
from reportcheck.quantities.interval import Verdict

from .index import SourceIndex
from .match import Match, explain, match_text
from .years import YearMatch, is_year, match_years, source_years

__all__ = ["compare", "compare_many", "source_index", "SourceIndex", "findings_of", "YearsSource", "draft_years"]

CHECK = "fidelity"


def _read(x, name: str) -> tuple[str, str | None]:
    """(text, file) of a path or a text."""
    if isinstance(x, Path):
        from reportcheck.text.document import load_text

        return load_text(x), str(x)
    if isinstance(x, str) and "\n" not in x and len(x) < 4096 and os.path.isfile(x):
        from reportcheck.text.document import load_text

        return load_text(Path(x)), x
    if isinstance(x, str):
        return x, None
    raise TypeError(f"{name} must be a path or a text, not {type(x).__name__}")


def _index(source, source_file: str | None) -> SourceIndex:
    if isinstance(source, SourceIndex):
        return source
    text, file = _read(source, "source")
    if _is_spec(file):
        return _spec_index(file)
    return SourceIndex(text, source_file or file)


def source_index(source) -> SourceIndex:
    """A source (a path to a report or a spec, a text, or an index) read and indexed once."""
    return _index(source, None)


def _is_spec(file: str | None) -> bool:
    return bool(file) and file.lower().endswith((".yaml", ".yml"))


def _spec_index(file: str) -> SourceIndex:
    """A spec as the source: its document, its figures labelled with the spec's indicators."""
    from .spec_source import spec_index

    return spec_index(file)


def compare(source, text, *, complete: bool = False, source_file: str | None = None,
            text_file: str | None = None) -> Result:
    """Check ``text`` (a republication) against ``source`` (a report document, a spec or a SourceIndex).

    ``source`` and ``text`` are paths or texts (a one-line string naming an existing file is read).
    Returns a :class:`~reportcheck.findings.Result` whose findings are category ``fidelity``.
    """
    started = time.perf_counter()
    index = _index(source, source_file)
    body, file = _read(text, "text")
    file = text_file or file
    from reportcheck.text.english import is_english

    if is_english(body):  # a translation: the English reader and aligner (compare/english.py)
        from .english import compare_english

        return compare_english(index, body, complete=complete, source_file=index.file, text_file=file)
    matches = match_text(index, body)
    findings = findings_of(matches, index, file, complete=complete)
    ymatches = match_years(index, body)
    findings.extend(year_findings(ymatches, index, file))
    checks = len(matches) + len(ymatches) + (len(index.entries) if complete else 0)
    if index.spec is not None:  # a spec as the source: its rules on the figures the text cites
        from .spec_source import rule_findings

        more, n = rule_findings(index, matches, file)
        findings.extend(more)
        checks += n
    failed = len({id(f) for f in findings})
    result = Result(findings, checks=checks, passed=max(checks - failed, 0), source=file,
                    spec=index.file, text=body, duration=time.perf_counter() - started)
    result.figures = [m.figure for m in matches]  # the checked figures (the html reporter marks them)
    result.matches = matches  # each with its source figure, score and reasons
    result.year_matches = ymatches  # years and durations restating a source one (``years``)
    return result


def compare_many(source, texts: Iterable, *, complete: bool = False) -> list[Result]:
    """Every text against one source, the source read and indexed once."""
    index = _index(source, None)
    return [compare(index, t, complete=complete) for t in texts]


# --------------------------------------------------------------------------------------
# findings
# --------------------------------------------------------------------------------------
def _ref(fig, file: str | None, indicator: str | None = None) -> FigureRef:
    return FigureRef(indicator=indicator, text=fig.text, value=fig.value, unit=fig.unit, file=file,
                     line=fig.line, column=fig.column, end_line=fig.end_line, end_column=fig.end_column)


def _quote(fig) -> str:
    """The source's clause around a figure, as written (markup removed by the extractor)."""
    s = fig.sentence or fig.text
    i = s.find(fig.text)
    if i < 0 or len(s) <= 60:
        return s
    a = max(s.rfind(c, 0, i) for c in "，；：,;:") + 1
    b = min((j for j in (s.find(c, i + len(fig.text)) for c in "，；。,;") if j >= 0), default=len(s))
    return s[a:b]


def _subject(fig) -> str:
    return fig.subject or ((fig.extra or {}).get("context") or "").strip()[-16:]


def findings_of(matches: list[Match], index: SourceIndex, file: str | None, *, complete: bool = False) -> list[Finding]:
    out: list[Finding] = []
    cited: set[int] = set()
    for m in matches:
        f = m.figure
        if m.best is None:
            subj = _subject(f)
            out.append(Finding(
                id="fidelity-unmatched", check=CHECK, category=Category.FIDELITY, severity=Severity.WARNING,
                message=(f"{f.text}" + (f" ({subj})" if subj else "")
                         + " matches no figure of the source: it cannot be verified"),
                figures=(_ref(f, file),), verdict="warn",
                suggestion="check the figure against the source, or cite where it comes from"))
            continue
        s = m.best.figure
        cited.add(m.best.entry.position)
        fid = m.fidelity
        if fid is None or fid.verdict is Verdict.PASS:
            continue
        why = explain(m)
        line = f"source line {s.line}: “{_quote(s)}”"
        if fid.verdict is Verdict.UNDETERMINED:
            out.append(Finding(
                id="fidelity-undetermined", check=CHECK, category=Category.FIDELITY, severity=Severity.INFO,
                message=f"{f.text} against the source's {s.text}: {fid.detail} (matched by {why})",
                figures=(_ref(f, file), _ref(s, index.file, m.best.entry.indicator)), verdict="undetermined",
                suggestion=f"the source says {s.text} — {line}"))
            continue
        figs = [_ref(f, file), _ref(s, index.file, m.best.entry.indicator)]
        if m.other is not None and fid.slip in ("swap", "period"):
            figs.append(_ref(m.other.figure, index.file))
        out.append(Finding(
            id=f"fidelity-{fid.slip}", check=CHECK, category=Category.FIDELITY, severity=Severity.ERROR,
            message=f"{f.text} contradicts the source's {s.text}: {fid.detail} (matched by {why})",
            figures=tuple(figs), verdict="fail",
            suggestion=f"write {s.text} as the source does — {line}"))
    if complete:
        for e in index.entries:
            if e.position in cited:
                continue
            s = e.figure
            out.append(Finding(
                id="fidelity-missing", check=CHECK, category=Category.FIDELITY, severity=Severity.WARNING,
                message=f"the source's {s.text}" + (f" ({_subject(s)})" if _subject(s) else "")
                + " is not in the text",
                figures=(_ref(s, index.file, e.indicator),), verdict="warn",
                suggestion=f"source line {s.line}: “{_quote(s)}”"))
    return out


def year_findings(ymatches: list[YearMatch], index: SourceIndex, file: str | None) -> list[Finding]:
    """An error for each year or duration whose context restates a source one with another value."""
    out: list[Finding] = []
    for m in ymatches:
        if m.faithful or m.source is None:
            continue
        f, s = m.figure, m.source
        kind = "year" if is_year(f) else "duration"
        out.append(Finding(
            id=f"fidelity-{kind}", check=CHECK, category=Category.FIDELITY, severity=Severity.ERROR,
            message=(f"{f.text} contradicts the source's {s.text}: the same words around it "
                     f"(“{m.shared}”) give another {kind}"),
            figures=(_ref(f, file), _ref(s, index.file)), verdict="fail",
            suggestion=f"write {s.text} as the source does — source line {s.line}: “{_quote(s)}”"))
    return out


class YearsSource:
    """A source document for :func:`draft_years`: its text and file, its years and
    durations read once (here, so that forked workers start with them)."""

    def __init__(self, text: str, file: str | None) -> None:
        self.text, self.file = text, file
        source_years(self)


def draft_years(source: YearsSource, text: str, file: str | None) -> list[Finding]:
    """``check --text``: the years and durations of a draft that restate one of its
    source's with another value (2025年建成 → 2023年建成 anywhere in the draft, not only in
    a locator's context), read as :func:`compare` reads them."""
    return year_findings(match_years(source, text), source, file)


# ``reportcheck.compare`` is both this package and the API function: once the package is
# imported, Python binds the package to that name, so the package itself is callable.
class _CallablePackage(__import__("types").ModuleType):
    def __call__(self, source, text, **options) -> Result:
        return compare(source, text, **options)


__import__("sys").modules[__name__].__class__ = _CallablePackage
