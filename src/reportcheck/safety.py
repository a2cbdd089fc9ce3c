"""Guards for hostile input (docs/security.md): one small function per threat.

The rest of the package calls these at the few places where input enters or output
leaves, so that each guard lives (and is tested) in one place:

- :func:`open_regular` / :func:`require_regular` — every input file (spec, a spec's
  ``source``, ``--text``, ``--data``, ``extract``/``lint`` inputs) must be a regular
  file after symlinks are resolved: a FIFO, ``/dev/stdin``, ``/dev/stdout``,
  ``/proc/self/fd/1`` or ``/proc/kmsg`` would block forever or read without end.
- :func:`source_problem` — a spec's ``source`` must lie under the spec's
  repository root (not inside ``.git``) unless the user allows otherwise.
- :func:`unit_problem` — bounds a unit expression (length, exponents) *before* pint
  sees it: pint computes ``亿元^9999999999`` exactly and never finishes.
- :func:`inline`, :func:`neutralise_commands`, :func:`escape_bidi` — text that comes
  from input cannot start a line of the output (CR/LF escaped), cannot be a CI
  workflow command (a leading ``::``), cannot reorder what a reader sees (bidi
  controls escaped).
- :func:`csv_cell` — spreadsheet formula injection (OWASP): a text cell starting
  with ``= + - @`` (or tab/CR) is prefixed with ``'``.

Nothing here imports pandas or pint: it is on the start-up path.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import threading
from pathlib import Path
from typing import BinaryIO

from reportcheck.errors import InputError

__all__ = [
    "require_regular", "open_regular", "repository_root", "source_problem", "is_under",
    "unit_problem", "MAX_UNIT_CHARS", "MAX_UNIT_EXPONENT",
    "inline", "clip", "neutralise_output", "escape_bidi", "replace_bidi", "escape_controls", "neutralise_commands", "csv_cell",
]

# ======================================================================================
# special files
# ======================================================================================
#: pseudo-file systems whose "regular" files block or never end (/proc/kmsg, /sys/…)
_PSEUDO_ROOTS = ("/proc", "/sys", "/dev")

_KIND = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KIND:
        if test(mode):
            return name
    return "not a regular file"


def _special_message(kind: str) -> str:
    return f"not a regular file ({kind}); refusing to read it"


def _pseudo(resolved: str) -> bool:
    return any(resolved == r or resolved.startswith(r + "/") for r in _PSEUDO_ROOTS)


def require_regular(path: str | Path, display: str | None = None) -> None:
    """InputError unless ``path`` (symlinks resolved) is a regular file.

    A missing path or a directory is left to the caller (its own messages: "no such
    file", "is a directory"); everything else that is not a regular file — a FIFO,
    a device (``/dev/stdin``, ``/dev/stdout``, a tty), a socket, a file under
    ``/proc``, ``/sys`` or ``/dev`` — is refused without being opened.
    """
    name = display if display is not None else str(path)
    try:
        st = os.stat(path)  # follows symlinks; never blocks (stat does not open)
    except (OSError, ValueError):
        return  # missing, a loop, a NUL in the name: the caller's open() says what
    if stat.S_ISDIR(st.st_mode):
        return
    if not stat.S_ISREG(st.st_mode):
        raise InputError(_special_message(_kind(st.st_mode)), file=name)
    try:
        resolved = os.path.realpath(path)
    except (OSError, ValueError):  # pragma: no cover - realpath does not raise on Linux
        return
    if _pseudo(resolved):
        top = "/" + resolved.split("/")[1]
        raise InputError(_special_message(f"a special file under {top}"), file=name)


def open_regular(path: str | Path, display: str | None = None) -> BinaryIO:
    """Open ``path`` for binary reading, refusing anything but a regular file.

    Checked before opening (:func:`require_regular`) and again on the open file
    descriptor, which is opened non-blocking, so that a path swapped for a FIFO
    between the two steps still cannot make the read block. OSError (missing file,
    a directory, permissions) propagates as from ``open()``.
    """
    require_regular(path, display)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise InputError(_special_message(_kind(st.st_mode)), file=display if display is not None else str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


# ======================================================================================
# the repository root
# ======================================================================================
def is_under(path: str | Path, root: str | Path) -> bool:
    """``path`` lies under ``root``, both with symlinks and ``..`` resolved."""
    try:
        p = Path(os.path.realpath(path))
        r = Path(os.path.realpath(root))
    except (OSError, ValueError):
        return False
    return p == r or r in p.parents


def repository_root(spec_path: str | Path, cwd: str | Path | None = None) -> Path:
    """The root a spec's ``source`` must stay under, when no ``--root`` is given.

    The top of the repository holding the spec (the nearest directory, from the spec's
    own upwards, that has a ``.git``: a CI checkout). Outside any repository: the
    current directory when the spec lies under it (``reportcheck check specs/x.yaml``
    run from a project), else the parent of the spec's directory (the ``specs/`` +
    ``data/`` layout, ``source: ../data/x.md``) — never the file system's root itself,
    which would allow everything. Symlinks resolved.
    """
    spec_dir = Path(os.path.realpath(spec_path)).parent
    for d in (spec_dir, *spec_dir.parents):
        if (d / ".git").exists():
            return d
    here = Path(os.path.realpath(cwd if cwd is not None else os.getcwd()))
    if (here == spec_dir or here in spec_dir.parents) and here != Path(here.anchor):
        return here
    parent = spec_dir.parent
    return parent if parent != Path(parent.anchor) else spec_dir


def _key_line(spec_path: str | Path, key: str) -> int | None:
    """The line of ``key:`` at the top level of a spec (for the message), or None."""
    try:
        with open_regular(spec_path) as fh:
            text = fh.read(5_000_001).decode("utf-8-sig", errors="replace")
    except (OSError, InputError, ValueError):
        return None
    m = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None


def source_problem(spec_path: str | Path, source: str | Path, root: str | Path | None = None) -> InputError | None:
    """Why a spec's ``source`` may not be read (outside the root, or inside ``.git``), or None.

    ``root``: ``--root``; default :func:`repository_root`. The check is on the path
    with symlinks and ``..`` resolved, so ``data/x.md -> /etc/passwd`` is outside too.
    """
    base = Path(root) if root is not None else repository_root(spec_path)
    resolved = Path(os.path.realpath(source))
    if not is_under(resolved, base):
        message = (f"source {str(source)!r} lies outside the repository root {str(base)!r} (symlinks "
                   "resolved); pass --root DIR or --allow-outside-root to read it")
    elif ".git" in resolved.relative_to(Path(os.path.realpath(base))).parts:
        message = f"source {str(source)!r} lies inside a .git directory; refusing to read it"
    else:
        return None
    return InputError(message, file=str(spec_path), line=_key_line(spec_path, "source"))


# ======================================================================================
# unit expressions
# ======================================================================================
#: a unit as written is a short name (亿元, 万千瓦时, 元/平方米); anything longer is refused
MAX_UNIT_CHARS = 64
#: the largest exponent of one unit factor, and of all exponents multiplied together
#: (nested powers multiply: ((元^4)^4)^4 is 元^64)
MAX_UNIT_EXPONENT = 12
MAX_UNIT_EXPONENT_PRODUCT = 64

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺·", "0123456789-+*")
_SUPER_RUN = re.compile(r"[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_POWER = re.compile(r"(?:\^|\*\*)\s*\(?\s*([^\s()*/^]*)")
_DIGITS = re.compile(r"\d{7,}")


def unit_problem(unit: str) -> str | None:
    """Why a unit expression is refused before pint parses it, or None when it is fine.

    pint evaluates powers exactly (``亿元^9999999999`` never finishes; ``亿元^100000``
    gives a factor with 800,000 digits), so exponents and the size of the expression
    are bounded first: at most :data:`MAX_UNIT_CHARS` characters, each exponent within
    ±:data:`MAX_UNIT_EXPONENT`, all exponents multiplied within
    :data:`MAX_UNIT_EXPONENT_PRODUCT`, no number of more than 6 digits.
    """
    if not isinstance(unit, str):
        return None
    if len(unit) > MAX_UNIT_CHARS:
        return f"unit longer than {MAX_UNIT_CHARS} characters"
    # superscript exponents (m², 元⁹⁹⁹) count as powers too: pint reads them so
    text = _SUPER_RUN.sub(lambda m: "^" + m.group().translate(_SUPERSCRIPTS), unit)
    product = 1.0
    for m in _POWER.finditer(text):
        raw = m.group(1).lstrip("+-")
        try:
            e = abs(float(raw)) if raw else 0.0
        except ValueError:
            return f"exponent {m.group(1)!r} in a unit is not a number"
        if not e <= MAX_UNIT_EXPONENT:  # also NaN and inf
            return f"exponent {m.group(1)} in a unit is out of range (at most ±{MAX_UNIT_EXPONENT})"
        product *= max(e, 1.0)
        if product > MAX_UNIT_EXPONENT_PRODUCT:
            return f"powers in a unit multiply beyond {MAX_UNIT_EXPONENT_PRODUCT}"
    if _DIGITS.search(text):
        return "a number of more than 6 digits in a unit"
    return None


# ======================================================================================
# output: text that comes from input
# ======================================================================================
#: bidirectional controls (Trojan Source, CVE-2021-42574) and other invisible reorderers
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_RE = re.compile(f"[{_BIDI}]")
#: line breaks of any kind (a terminal or a CI log starts a new line on each)
_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_INLINE_RE = re.compile(f"[{_BIDI}{_BREAKS}]")
_ESCAPES = {"\r": "\\r", "\n": "\\n", "\x0b": "\\x0b", "\x0c": "\\x0c"}


def _escape(ch: str) -> str:
    return _ESCAPES.get(ch) or ch.encode("unicode_escape").decode("ascii")


def escape_bidi(s: str) -> str:
    """Bidi controls shown escaped (``\\u202e``), so text reads in the order it is stored."""
    return _BIDI_RE.sub(lambda m: _escape(m.group()), s) if s else s


def replace_bidi(s: str) -> str:
    """Bidi controls replaced by U+FFFD, one character each (a quoted source line keeps
    its columns, so the caret under a figure stays aligned)."""
    return _BIDI_RE.sub("\ufffd", s) if s else s


def inline(s: object) -> str:
    """Text from input as one safe piece of a line: line breaks and bidi controls
    escaped, and a leading ``::`` (a CI workflow command) broken as ``:\\:``."""
    if s is None:
        return ""
    s = str(s)
    if not s:
        return s
    s = _INLINE_RE.sub(lambda m: _escape(m.group()), s)
    stripped = s.lstrip()
    if stripped.startswith("::"):
        k = len(s) - len(stripped)
        s = s[:k] + ":\\:" + stripped[2:]
    return s


_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape_controls(s: str) -> str:
    """C0/C1 control characters (ESC, ``\\x0b``, a lone CR …) shown escaped (``\\x1b``);
    tab and LF stay. For HTML, where a raw ESC survives into a terminal that ``cat``s the page."""
    return _CONTROLS_RE.sub(lambda m: _escape(m.group()), s) if s else s


#: a line start, for any reader: LF, CR, VT, FF, FS/GS/RS, NEL, U+2028/2029 all end a line somewhere
_COMMAND_LINE = re.compile("(\\A|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])(\\s*?):(?=:)")


def neutralise_commands(out: str, replacement: str = ":\\") -> str:
    """Every output line that would start (after blanks) with ``::`` — a GitHub Actions
    workflow command such as ``::set-output`` or ``::add-mask`` — gets its first ``:``
    replaced (``:\\:`` in text; ``&#58;:`` in XML and HTML, which readers decode back).

    reportcheck's own output never starts a line with ``::`` except in the ``github``
    format, which is the one format this is not applied to.
    """
    if "::" not in out:
        return out
    return _COMMAND_LINE.sub(lambda m: m.group(1) + m.group(2) + replacement, out)


def neutralise_output(fmt: str, out: str) -> str:
    """The last pass over a rendered report (every format of ``check``/``lint``).

    ``github`` lines *are* workflow commands (their values escaped by the reporter):
    only bidi controls are escaped. ``text``: bidi controls escaped, no line starts
    with ``::``. ``junit``/``html``: no line starts with ``::`` (``&#58;`` is a colon
    to every XML/HTML reader). ``json``/``sarif`` cannot start a line with input text.
    """
    if fmt == "github":
        return escape_bidi(_escape_separators(out))
    if fmt == "text":
        return neutralise_commands(escape_bidi(_escape_separators(out)))
    if fmt in ("junit", "html"):
        return neutralise_commands(out, "&#58;")
    if fmt in ("json", "sarif"):
        # valid raw in JSON, but a line break to some readers: written as JSON escapes
        return _SEPARATORS_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
    return out


#: line separators that JSON and the reporters' own escapes leave raw
_SEPARATORS_RE = re.compile("[\x85\u2028\u2029]")


def _escape_separators(out: str) -> str:
    return _SEPARATORS_RE.sub(lambda m: _escape(m.group()), out)


# ======================================================================================
# output files
# ======================================================================================
class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP while a report is written: cleaned up like Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(f"signal {signum}")
        self.signum = signum


@contextlib.contextmanager
def signals_interrupt():
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` (a KeyboardInterrupt),
    so the ``finally``/``except`` that removes a temporary file runs as it does on Ctrl-C.
    Off the main thread (signals cannot be handled there) the block runs unchanged."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = [n for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    old = {}

    def handler(signum, frame):
        raise Terminated(signum)

    try:
        for n in names:
            sig = getattr(signal, n)
            old[sig] = signal.signal(sig, handler)
    except (ValueError, OSError):  # pragma: no cover - an embedding that forbids handlers
        pass
    try:
        yield
    finally:
        for sig, h in old.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, h if h is not None else signal.SIG_DFL)


#: the temporary file's name keeps at most this much of the output's name, so that a
#: valid 250-character name still leaves room for the prefix and suffix (255 in all)
TEMP_NAME_KEEP = 100


def temp_prefix(name: str) -> str:
    return f".{name[:TEMP_NAME_KEEP]}."


def clip(value: object, limit: int = 60) -> str:
    """``repr`` of an input value for a problem line, cut to ``limit`` characters (a 5 MB
    cell is quoted as its first characters and its length, not whole)."""
    r = repr(value)
    if len(r) <= limit:
        return r
    return f"{r[:limit]}… ({len(str(value))} characters)"


# ======================================================================================
# CSV
# ======================================================================================
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A text cell safe to open in a spreadsheet (OWASP CSV injection): a cell that
    starts with ``= + - @``, a tab or a CR is prefixed with a single quote (and so is one
    starting with ``::``, which would be a CI workflow command at the start of a line). Numbers are
    not text cells: the caller writes them unchanged (a negative number stays numeric).
    """
    if value and (value.startswith(_FORMULA_START) or value.lstrip().startswith("::")):
        return "'" + value  # a formula, or a CI workflow command when the cell starts a line
    return value
