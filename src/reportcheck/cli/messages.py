"""Known exceptions as one ``file:line: message`` line (the exit-2 contract: never a traceback)."""

from __future__ import annotations

from reportcheck.errors import InputError


def describe_exception(exc: BaseException, file: str | None = None) -> str | None:
    """A ``file:line: message`` text for the input errors we know; None for anything else."""
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, OSError):
        name = exc.filename if exc.filename is not None else file
        reason = exc.strerror or str(exc)
        return f"{name}: {reason}" if name else reason
    if isinstance(exc, UnicodeError):
        return f"{file or '<input>'}: cannot decode the text (expected UTF-8 or GB18030): {exc}"
    try:
        import yaml
    except ImportError:  # pragma: no cover
        yaml = None
    if yaml is not None and isinstance(exc, yaml.YAMLError):
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        where = file or (mark.name if mark is not None else "<yaml>")
        if mark is not None:
            return f"{where}:{mark.line + 1}: {problem}"
        return f"{where}: {problem}"
    return None


def _reason(exc: BaseException, file: str) -> str:
    msg = describe_exception(exc, file) or str(exc)
    prefix = f"{file}: "
    return msg[len(prefix):] if msg.startswith(prefix) else msg
