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
import tempfile
from typing import IO, Iterable, Iterator

from reportcheck.report._util import finding_key, json_default

FORMATS = ("json",)
#: where the findings go in the envelope (the findings list comes before anything else a finding writes)
_SLOT = "@@reportcheck-findings@@"
#: findings sorted in memory at a time (a table's findings are spilled in runs of this size)
CHUNK = 5_000


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
        self.waived: list = []  # (finding, waiver): few, kept for the envelope's "waived" list
        self._spool = tempfile.TemporaryFile()
        self._runs: list[tuple[int, int]] = []  # (offset, records) of each result's sorted findings

    def add(self, result) -> None:
        for k, v in result.summary().items():
            self.summary[k] = self.summary.get(k, 0) + v
        self.waived.extend(result.waived)
        chunk: list = []
        for f in iter_findings(result):
            chunk.append(f)
            if len(chunk) >= CHUNK:
                self._spill(chunk)
                chunk = []
        self._spill(chunk)

    def _spill(self, found: list) -> None:
        """One sorted run (stable: equal keys keep the order the findings came in)."""
        if not found:
            return
        found.sort(key=finding_key)
        start = self._spool.tell()
        for f in found:
            text = json.dumps(f.to_dict(), ensure_ascii=False, indent=2, allow_nan=False, default=json_default)
            # one JSON line per finding (its sort key and its text): the spool holds data only
            self._spool.write(json.dumps([finding_key(f), text], ensure_ascii=False).encode("utf-8") + b"\n")
        self._runs.append((start, len(found)))

    def _run(self, offset: int, count: int) -> Iterator[tuple]:
        f = self._spool
        for _ in range(count):
            f.seek(offset)
            line = f.readline()
            offset = f.tell()
            key, text = json.loads(line)
            yield tuple(key), text

    def write(self, out: IO[str]) -> None:
        from reportcheck import __version__

        waived = sorted(self.waived, key=lambda fw: finding_key(fw[0]))
        envelope = {"reportcheck": __version__, "summary": self.summary, "findings": [_SLOT],
                    "waived": [{**f.to_dict(), "waiver": w.to_dict()} for f, w in waived]}
        text = json.dumps(envelope, ensure_ascii=False, indent=2, allow_nan=False, default=json_default)
        slot = f'[\n    "{_SLOT}"\n  ]'
        head, tail = text.split(slot, 1)  # the findings go where the slot stands: json.render's layout
        if not self._runs:
            out.write(head + "[]" + tail + "\n")
            return
        out.write(head + "[\n")
        self._spool.flush()
        first = True
        for _key, text in heapq.merge(*(self._run(o, n) for o, n in self._runs), key=lambda r: r[0]):
            if not first:
                out.write(",\n")
            first = False
            out.write("    " + text.replace("\n", "\n    "))
        out.write("\n  ]" + tail + "\n")

    def close(self) -> None:
        self._spool.close()


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
