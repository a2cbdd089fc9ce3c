"""Input errors: one line each, naming file and line. The CLI exits 2 on them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    file: str | None
    line: int | None
    message: str
    #: the id of the spec indicator or rule the problem concerns (set by the spec loader)
    subject: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"


class InputError(Exception):
    """One or more problems with an input (spec, document, table, argument).

    ``str(err)`` is one line per problem, ``file:line: message``; never a traceback.
    """

    def __init__(self, problems: list[Problem] | Problem | str, file: str | None = None, line: int | None = None):
        if isinstance(problems, str):
            problems = [Problem(file, line, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SpecError(InputError):
    """A spec file that cannot be loaded; carries every problem found, not only the first."""


def one_line(s: str) -> str:
    """One line: newlines joined, other line breaks and control characters (a file named
    ``\r``, a NUL in an argument) escaped, so one problem is exactly one line on stderr."""
    s = " ".join(s.split("\n")).rstrip()
    return "".join(repr(c)[1:-1] if (c < " " or c in "\x7f\x85\u2028\u2029") else c for c in s)
