"""Shared helpers of the hardening and fuzz tests (tests/test_hardening*.py, tests/test_fuzz_*.py).

No tests here. The contract every input must meet (docs/security.md, DESIGN.md):
exit 0 or 1 with findings and nothing on stderr, or exit 2 with one
``file[:line]: message`` line per problem on stderr — never a traceback, never the
catch-all "internal error" (which means an exception nobody anticipated).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from typing import Sequence

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "jining-2024.yaml"
JINING = ROOT / "data" / "jining-2024-work-report-interpretation.md"
HARDENING = Path(__file__).resolve().parent / "data" / "hardening"

#: the fuzz budget: examples per fuzz test (CI default; raise it for a longer run)
FUZZ_EXAMPLES = int(os.environ.get("REPORTCHECK_FUZZ_EXAMPLES", "100"))

#: hypothesis settings of every fuzz test
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

#: one problem: ``where[:line]: message`` (``where`` is a file, or the program for usage errors)
PROBLEM_LINE = re.compile(r"^(?P<where>[^\n]+?)(?::(?P<line>\d+))?: (?P<message>\S.*)$")


def run_cli(argv: Sequence[str]) -> tuple[int, str, str]:
    """``reportcheck.cli.main(argv)`` in-process: (exit status, stdout, stderr)."""
    from reportcheck.cli import main

    os.environ.pop("REPORTCHECK_DEBUG", None)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(list(argv))
    return rc, out.getvalue(), err.getvalue()


def assert_contract(rc: int, out: str, err: str, *, argv: Sequence[str] | None = None) -> list[str]:
    """Findings (0/1, quiet stderr) or one-line problems (2); returns the stderr lines."""
    context = f"argv={list(argv) if argv is not None else '?'} rc={rc}\nstderr:\n{err[-3000:]}"
    assert "Traceback" not in err and "Traceback" not in out, context
    assert "internal error" not in err, context
    assert rc in (0, 1, 2), context
    lines = err.splitlines()
    if rc == 2:
        if argv is not None and len(argv) == 0:
            return lines  # bare `reportcheck`: the usage text
        assert lines, "exit 2 without a message\n" + context
        for line in lines:
            assert PROBLEM_LINE.match(line), f"not a 'file:line: message' line: {line!r}\n" + context
    else:
        assert err == "", "stderr must be empty when the run gives findings\n" + context
    return lines


def problems(err: str) -> list[tuple[str, int | None, str]]:
    """stderr parsed into (where, line, message)."""
    out = []
    for line in err.splitlines():
        m = PROBLEM_LINE.match(line)
        assert m, line
        out.append((m["where"], int(m["line"]) if m["line"] else None, m["message"]))
    return out


def spec_text(**replacements: str) -> str:
    """The Jining spec, its source made absolute (so a copy anywhere still finds the report)."""
    text = SPEC.read_text(encoding="utf-8").replace("source: ../data/", f"source: {ROOT / 'data'}/")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text
