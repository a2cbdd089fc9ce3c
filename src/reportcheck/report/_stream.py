"""Writing results as they come (many documents, ``--jobs``): memory independent of their number.

:class:`JsonStream` writes exactly what :func:`reportcheck.report.json.render` writes for the
same results (byte-identical; ``tests/test_jobs.py``), without holding them: each result's
findings are sorted and spooled to a temporary file with their sort keys as the result
arrives, the summary is summed, and at the end the sorted runs are merged (a k-way merge,
stable like the one ``sorted`` over all findings) behind the header. Formats without a
streaming writer (text, html, sarif, junit, github) collect the results and render them once.
"""

from __future__ import annotations

import heapq
import json
import shutil
import tempfile
from collections import OrderedDict
from typing import IO, Any, Iterable, Iterator

from reportcheck.report._util import SourceLines, _norm, _read_lines, finding_key, json_default, split_lines

FORMATS = ("json", "text", "github", "sarif", "junit", "html")
#: where the findings go in the envelope (the findings list comes before anything else a finding writes)
_SLOT = "@@reportcheck-findings@@"
#: findings sorted in memory at a time (a table's findings are spilled in runs of this size)
CHUNK = 5_000
#: sorted runs merged at once (more are merged in passes: the heap holds one item per run)
FANIN = 64


def iter_findings(result):
    """A result's findings one at a time, lazy parts (a table's evaluation) written as they
    are read and not kept — the order of ``result.findings``."""
    if result.materialised:
        yield from result.findings
        return
    for part in result._parts:
        if isinstance(part, list):
            yield from part
        elif hasattr(part, "iter_findings"):
            yield from part.iter_findings()
        else:
            yield from part.materialise()


def portable(result):
    """A result whose findings and rule list are written out (no lazy parts, nothing that
    holds the engine's arrays): cheap to pickle back from a worker, and to keep."""
    result.findings  # noqa: B018 - writes the lazy findings out
    result.rules  # noqa: B018
    if hasattr(result, "_verdict_parts"):
        result._verdict_parts = []
    return result


class JsonStream:
    def __init__(self) -> None:
        self.summary = {"checks": 0, "passed": 0, "errors": 0, "warnings": 0, "infos": 0, "waived": 0}
        self._spool = SortedSpool()  # each finding's JSON text under its sort key, in sorted runs
        self._waived = SortedSpool()  # each waived finding's, with its waiver

    def add(self, result) -> None:
        for k, v in result.summary().items():
            self.summary[k] = self.summary.get(k, 0) + v
        for f, w in result.waived:
            self._waived.add(finding_key(f), _dumps({**f.to_dict(), "waiver": w.to_dict()}))
        self._waived.end_run()
        for f in iter_findings(result):
            self._spool.add(finding_key(f), _dumps(f.to_dict()))
        self._spool.end_run()

    def write(self, out: IO[str]) -> None:
        from reportcheck import __version__

        envelope = {"reportcheck": __version__, "summary": self.summary,
                    "findings": [_SLOT] if self._spool else [], "waived": [_SLOT] if self._waived else []}
        text = json.dumps(envelope, ensure_ascii=False, indent=2, allow_nan=False, default=json_default)
        # the findings, then the waived findings, go where the slots stand: json.render's layout
        parts = text.split(f'"{_SLOT}"')
        for part, spool in zip(parts, [sp for sp in (self._spool, self._waived) if sp]):
            out.write(part)
            first = True
            for _key, item in spool.merged():
                out.write(item.replace("\n", "\n    ") if first else ",\n    " + item.replace("\n", "\n    "))
                first = False
        out.write(parts[-1] + "\n")

    def close(self) -> None:
        self._spool.close()
        self._waived.close()


def stream_json(results: Iterable, out: IO[str]) -> dict[str, int]:
    """Write the JSON report of ``results`` (consumed one at a time) to ``out``; the summary."""
    s = JsonStream()
    try:
        for r in results:
            s.add(r)
        s.write(out)
        return s.summary
    finally:
        s.close()


# --------------------------------------------------------------------------------------
# the other formats
# --------------------------------------------------------------------------------------
class SortedSpool:
    """(key, payload) items written to a temporary file in sorted runs and read back merged:
    the order ``sorted(all items, key=key)`` gives (stable), never all items in memory."""

    def __init__(self, chunk: int | None = None) -> None:
        self._file = tempfile.TemporaryFile()
        self._runs: list[tuple[int, int]] = []
        self._buf: list[tuple[tuple, Any]] = []
        self._chunk = chunk or CHUNK

    def add(self, key: tuple, payload: Any) -> None:
        self._buf.append((key, payload))
        if len(self._buf) >= self._chunk:
            self.end_run()

    def end_run(self) -> None:
        """Spill what was added since the last run as one sorted run (call after each result)."""
        buf, self._buf = self._buf, []
        if not buf:
            return
        buf.sort(key=lambda kp: kp[0])
        f = self._file
        f.seek(0, 2)
        start = f.tell()
        for key, payload in buf:
            f.write(json.dumps([key, payload], ensure_ascii=False).encode("utf-8") + b"\n")
        self._runs.append((start, len(buf)))

    def __bool__(self) -> bool:
        return bool(self._runs or self._buf)

    def _run(self, offset: int, count: int) -> Iterator[tuple]:
        f = self._file
        for _ in range(count):
            f.seek(offset)
            line = f.readline()
            offset = f.tell()
            key, payload = json.loads(line)
            yield _tupled(key), payload

    def merged(self) -> Iterator[tuple[tuple, Any]]:
        """Every item in key order. More than :data:`FANIN` runs (one or more per result) are
        first merged in consecutive groups into longer runs, pass after pass — an external
        merge sort: the heap never holds more than ``FANIN`` items, however many results came
        (consecutive groups, earlier runs first: the merge stays stable)."""
        self.end_run()
        while len(self._runs) > FANIN:
            self._file.flush()
            merged = tempfile.TemporaryFile()
            runs = []
            for i in range(0, len(self._runs), FANIN):
                group = self._runs[i:i + FANIN]
                start, count = merged.tell(), 0
                for key, payload in heapq.merge(*(self._run(o, n) for o, n in group), key=lambda kp: kp[0]):
                    merged.write(json.dumps([key, payload], ensure_ascii=False).encode("utf-8") + b"\n")
                    count += 1
                runs.append((start, count))
            self._file.close()
            self._file, self._runs = merged, runs
        self._file.flush()
        return heapq.merge(*(self._run(o, n) for o, n in self._runs), key=lambda kp: kp[0])

    def close(self) -> None:
        self._file.close()


def _tupled(key):
    return tuple(_tupled(k) if isinstance(k, list) else k for k in key)


class OrderedSpool:
    """Text parts kept in a temporary file in the order they come, copied out at the end."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        self.count = 0

    def add(self, text: str) -> None:
        self._file.write(text)
        self.count += 1

    def copy_to(self, out: IO[str]) -> None:
        self._file.flush()
        self._file.seek(0)
        shutil.copyfileobj(self._file, out)

    def close(self) -> None:
        self._file.close()


class StreamSources(SourceLines):
    """:class:`SourceLines` for one result at a time: the current result's text, and the few
    files last read from disk (compare's SOURCE, cited by every result) — not every document."""

    KEEP = 8

    def __init__(self) -> None:
        super().__init__(())
        self._disk: OrderedDict[str, list[str] | None] = OrderedDict()

    def use(self, result) -> None:
        self._cache = {}
        if result.text is not None and result.source is not None:
            self._cache[_norm(result.source)] = split_lines(result.text)

    def lines(self, file):
        if file is None:
            return None
        key = _norm(file)
        if key in self._cache:
            return self._cache[key]
        if key in self._disk:
            self._disk.move_to_end(key)
            return self._disk[key]
        lines = self._disk[key] = _read_lines(file)
        while len(self._disk) > self.KEEP:
            self._disk.popitem(last=False)
        return lines


class _Totals:
    """What the reporters' helpers read of a list of results (``summary()``), for the sums."""

    def __init__(self, summary: dict[str, int]) -> None:
        self._s = summary

    def summary(self) -> dict[str, int]:
        return self._s


class _Writer:
    """The common part: the summary summed, sources for one result."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.summary = {"checks": 0, "passed": 0, "errors": 0, "warnings": 0, "infos": 0, "waived": 0}
        self.sources = StreamSources()
        self.count = 0
        self._spools: list = []

    def _spool(self, spool):
        self._spools.append(spool)
        return spool

    def add(self, result) -> None:
        from reportcheck.grouping import group_result

        if not getattr(result, "grouped", False):  # as report.render does
            result = group_result(result)
        self.count += 1
        for k, v in result.summary().items():
            self.summary[k] = self.summary.get(k, 0) + v
        self.sources.use(result)
        self._add(result)

    def close(self) -> None:
        for s in self._spools:
            s.close()


class TextStream(_Writer):
    """``report.text.render``, written from results that come one at a time."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        from reportcheck.report.text import _Paint

        self.paint = _Paint(bool(options.get("color")))
        self.progress = self._spool(OrderedSpool())
        self.findings = self._spool(SortedSpool())
        self.waived = self._spool(SortedSpool())
        self.n_errors = self.n_others = 0
        self.rules = 0
        self.against: set[str] = set()
        self.docs: set[str] = set()
        self.tables: set[str] = set()

    def _add(self, r) -> None:
        from reportcheck.report.text import (
            _SEV_COLOUR,
            WIDTH,
            _is_table,
            _label,
            _progress,
            _rule,
            format_finding,
        )
        from reportcheck.safety import inline
        from reportcheck.report._util import display_path
        from reportcheck.findings import Severity

        paint = self.paint
        table = _is_table(r)
        if r.spec:
            self.against.add(str(r.spec))
        if r.source:
            (self.tables if table else self.docs).add(r.source)
        if not table:
            self.rules += len({(rid, rep) for rid, _, rep in r.rules})
        prog = _progress(r)
        if len(prog) > 3 * WIDTH:
            prog = f"[{r.checks} checks]"
        worst = max((f.severity.rank for f in r.findings), default=-1)
        style = "red" if worst == 2 else "yellow" if worst == 1 else "green"
        self.progress.add(f"{inline(_label(r))} " + paint(prog, style) + "\n")
        for f in r.findings:
            head = inline(f.id + (f" [{f.report}]" if f.report else ""))
            block = [_rule(head, "_", paint, _SEV_COLOUR[f.severity], "bold"),
                     *format_finding(f, self.sources, paint), ""]
            pos = next((g for g in f.figures if g.line is not None), None)
            where = f"{display_path(pos.file)}:{pos.line}:{pos.column}" if pos else (f.report or "")
            tag = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}[f.severity]
            where = f" {inline(where)}" if where else ""
            short = paint(tag, _SEV_COLOUR[f.severity]) + f" {inline(f.id)}{where} - {inline(f.message)}"
            self.findings.add(finding_key(f), [f.severity.rank, "".join(x + "\n" for x in block), short + "\n"])
            if f.severity is Severity.ERROR:
                self.n_errors += 1
            else:
                self.n_others += 1
        self.findings.end_run()
        for f, w in r.waived:
            pos = next((g for g in f.figures if g.line is not None), None)
            where = (f" {display_path(pos.file)}:{pos.line}:{pos.column}" if pos
                     else (f" {f.report}" if f.report else ""))
            self.waived.add(finding_key(f), paint("WAIVED", "dim") + f" {inline(f.id)}{inline(where)} - "
                            f"{inline(w.reason)} ({inline(w.where)})\n")
        self.waived.end_run()

    def write(self, out: IO[str], duration: float | None = None) -> None:
        from reportcheck import __version__
        from reportcheck.report.text import _plural, _rule, summary_line

        paint, s = self.paint, self.summary
        n_checks = s["checks"]
        out.write(_rule("reportcheck session starts", "=", paint, "bold") + "\n")
        specs = {p for p in self.against if p.lower().endswith((".yaml", ".yml"))}
        inputs = [_plural(len(x), word) for x, word in
                  ((specs, "spec"), (self.against - specs, "source"), (self.docs, "document"),
                   (self.tables, "table")) if x]
        breakdown = ""
        if self.rules and self.rules < n_checks:
            breakdown = f" ({_plural(self.rules, 'rule')}, {n_checks - self.rules} on figures and schema)"
        out.write(f"reportcheck {__version__} — " + ", ".join([*inputs, _plural(n_checks, "check")])
                  + breakdown + "\n\n")
        self.progress.copy_to(out)
        for title, n, errors, style in (("FAILURES", self.n_errors, True, "red"),
                                        ("WARNINGS", self.n_others, False, "yellow")):
            if not n:
                continue
            out.write("\n" + _rule(title, "=", paint, style, "bold") + "\n")
            for _key, (rank, block, _short) in self.findings.merged():
                if (rank == 2) == errors:
                    out.write(block)
        if self.n_errors or self.n_others:
            out.write(_rule("short summary", "=", paint, "bold") + "\n")
            for want in (2, 1, 0):
                for _key, (rank, _block, short) in self.findings.merged():
                    if rank == want:
                        out.write(short)
        if self.waived:
            if not (self.n_errors or self.n_others):
                out.write(_rule("short summary", "=", paint, "bold") + "\n")
            for _key, line in self.waived.merged():
                out.write(line)
        failing = s["errors"] or (self.options.get("strict") and s["warnings"])
        style = "red" if failing else ("yellow" if s["warnings"] else "green")
        out.write(_rule(summary_line([_Totals(s)], duration), "=", paint, style, "bold") + "\n")


class GithubStream(_Writer):
    """``report.github.render``, written from results that come one at a time."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.lines = self._spool(SortedSpool())

    def _add(self, r) -> None:
        from reportcheck.report.github import annotation

        for f in r.findings:
            self.lines.add(finding_key(f), annotation(f) + "\n")
        self.lines.end_run()

    def write(self, out: IO[str], duration: float | None = None) -> None:
        for _key, line in self.lines.merged():
            out.write(line)
        s = self.summary
        out.write(f"reportcheck: {s['checks']} checks, {s['passed']} passed, {s['errors']} errors, "
                  f"{s['warnings']} warnings, {s['infos']} infos" + (f", {s['waived']} waived" if s.get("waived") else "")
                  + "\n")


class _AnyIndex(dict):
    """A rule index that is not known yet: every kind's index reads as the placeholder."""

    def __missing__(self, key):
        return _NO_INDEX


_NO_INDEX = -7_777_777


class SarifStream(_Writer):
    """``report.sarif.render``, written from results that come one at a time: each finding's
    SARIF result is rendered (its rule index filled in at the end, when the kinds are known)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.results = self._spool(SortedSpool())
        self.waived = self._spool(SortedSpool())
        self.kinds: set[str] = set()

    def _add(self, r) -> None:
        from reportcheck.report._util import rule_outcomes
        from reportcheck.report.sarif import _result

        for f, w in r.waived:
            self.kinds.add(f.check)
            self.waived.add(finding_key(f), [f.check, _dumps(_result(f, _AnyIndex(), w))])
        self.waived.end_run()
        self.kinds.update(check for _, check, *_ in rule_outcomes(r))
        for f in r.findings:
            self.kinds.add(f.check)
            self.results.add(finding_key(f), [f.check, _dumps(_result(f, _AnyIndex()))])
        self.results.end_run()

    def write(self, out: IO[str], duration: float | None = None) -> None:
        from reportcheck.report import sarif

        kinds = sorted(self.kinds)
        index = {k: i for i, k in enumerate(kinds)}
        # the envelope of sarif.to_object: an object with the same rules and no results
        envelope = sarif.to_object([])
        envelope["runs"][0]["tool"]["driver"]["rules"] = sarif.rule_descriptors(kinds)
        if not self.results and not self.waived:
            out.write(_dumps(envelope) + "\n")
            return
        envelope["runs"][0]["results"] = [_SLOT]
        head, tail = _dumps(envelope).split(f'"{_SLOT}"', 1)
        pad = head[head.rindex("\n") + 1:]
        placeholder = f'"ruleIndex": {_NO_INDEX},'
        out.write(head)
        first = True
        for spool in (self.results, self.waived):  # sarif.to_object: the findings, then the waived ones
            for _key, (check, text) in spool.merged():
                text = text.replace(placeholder, f'"ruleIndex": {index[check]},', 1)
                out.write(("" if first else ",\n" + pad) + text.replace("\n", "\n" + pad))
                first = False
        out.write(tail + "\n")


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False, default=json_default)


class JunitStream(_Writer):
    """``report.junit.render``, written from results that come one at a time: each result's
    ``<testsuite>`` serialized as it comes; the ``<testsuites>`` totals written at the end."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.suites = self._spool(OrderedSpool())
        self.totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}

    def _add(self, r) -> None:
        import xml.etree.ElementTree as ET

        from reportcheck.report.junit import suite_of

        suite, counts = suite_of(r, self.sources, bool(self.options.get("strict")))
        for k, v in counts.items():
            self.totals[k] += v
        ET.indent(suite, level=1)  # as ET.indent(root) indents it under <testsuites>
        self.suites.add(("\n  " if self.suites.count else "") + ET.tostring(suite, encoding="unicode"))

    def write(self, out: IO[str], duration: float | None = None) -> None:
        import xml.etree.ElementTree as ET

        from reportcheck.report.junit import HEAD

        root = ET.Element("testsuites", name="reportcheck")
        for k, v in self.totals.items():
            root.set(k, str(v))
        if not self.suites.count:
            ET.indent(root)
            out.write(HEAD + ET.tostring(root, encoding="unicode") + "\n")
            return
        ET.SubElement(root, _XML_SLOT)
        ET.indent(root)
        head, tail = ET.tostring(root, encoding="unicode").split(f"<{_XML_SLOT} />", 1)
        out.write(HEAD + head)
        self.suites.copy_to(out)
        out.write(tail + "\n")


_XML_SLOT = "reportcheck-testsuites-here"


class HtmlStream(_Writer):
    """``report.html.render``, written from results that come one at a time: each result's
    summary row, list of findings and document section spooled in order; the page's head
    (the totals) written at the end, the three spools behind it."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        from reportcheck.report.html import LABELS

        self.lang = options.get("lang") or "en"
        self.L = LABELS.get(self.lang, LABELS["en"])
        self.rows = self._spool(OrderedSpool())
        self.lists = self._spool(OrderedSpool())
        self.sections = self._spool(OrderedSpool())
        self.next_id = 1
        # the list of findings names its document only when there are several results
        self.many = bool(options.get("many", True))

    def _add(self, r) -> None:
        from reportcheck.report.html import result_parts

        row, listed, section, self.next_id = result_parts(r, self.count, self.next_id, self.L, self.sources,
                                                          many=self.many)
        self.rows.add("\n" + row)
        if listed is not None:
            self.lists.add(("\n" if self.lists.count else "") + listed)
        if section is not None:
            self.sections.add(("\n" if self.sections.count else "") + section)

    def write(self, out: IO[str], duration: float | None = None) -> None:
        from reportcheck.report import html

        out.write(html.page_head(self.L, self.lang, self.summary))
        self.rows.copy_to(out)
        out.write(html.page_middle(self.L))
        if self.lists.count:
            self.lists.copy_to(out)
        else:
            out.write(html.no_findings(self.L))
        out.write(html.PAGE_SECTIONS)
        self.sections.copy_to(out)
        out.write(html.page_tail(self.L))


class JsonWriter(_Writer):
    """:class:`JsonStream` behind the common interface."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.stream = JsonStream()

    def add(self, result) -> None:
        self.stream.add(result)
        self.summary = self.stream.summary

    def write(self, out: IO[str], duration: float | None = None) -> None:
        self.stream.write(out)

    def close(self) -> None:
        self.stream.close()


WRITERS = {"json": JsonWriter, "text": TextStream, "github": GithubStream, "sarif": SarifStream,
           "junit": JunitStream, "html": HtmlStream}


def stream_report(fmt: str, results: Iterable, out: IO[str], *, duration=None, **options: Any) -> dict[str, int]:
    """Write the ``fmt`` report of ``results`` (consumed one at a time) to ``out``, exactly as
    ``report.render(fmt, list(results), **options)`` would; the summary. ``duration`` (text):
    a number, or a function called once every result is in (the run's time)."""
    import itertools

    results = iter(results)
    head = list(itertools.islice(results, 2))
    if len(head) < 2 and fmt != "json":  # one result (or none): the reporter itself
        from reportcheck.report import render
        from reportcheck.report._util import summary

        out.write(render(fmt, head, duration=duration() if callable(duration) else duration, **options))
        return summary(head)
    w = WRITERS[fmt](**options)
    try:
        for r in itertools.chain(head, results):
            w.add(r)
        w.write(out, duration() if callable(duration) else duration)
        return w.summary
    finally:
        w.close()
