"""Loading report documents: encoding detection and offset ↔ line/column.

``load_document(path)`` reads UTF-8 (with or without BOM) or GB18030 and keeps
the text exactly as written (CRLF stays CRLF), so that offsets into
``Document.text`` are offsets into the file's characters. A UTF-8 BOM is not
part of the text. Binary or undecodable input raises
:class:`reportcheck.errors.InputError` with one ``file:line: message`` line.

Positions are 1-based; columns count code points (not bytes, not display
cells). A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``; the ``\\r`` of a CRLF
never shifts a column.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportcheck.errors import InputError
from reportcheck.text.plain import NEWLINE as _NEWLINE
from reportcheck.text.plain import LineIndex

__all__ = ["Document", "load_document", "decode_bytes", "LineIndex"]

#: the largest document read (50 MB is measured in benchmarks/hardening_scaling.py)
MAX_DOCUMENT_BYTES = 100_000_000


@dataclass
class Document:
    path: str
    text: str
    encoding: str  # "utf-8", "utf-8-sig" or "gb18030"
    newline: str = "\n"  # the dominant line ending: "\n", "\r\n" or "\r"
    _index: LineIndex | None = field(default=None, repr=False, compare=False)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of a 0-based code-point offset; both 1-based."""
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index.position(offset)

    @property
    def lines(self) -> list[str]:
        """The lines without their endings."""
        return _NEWLINE.split(self.text)

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its ending."""
        return self.lines[number - 1]


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def decode_bytes(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """(text, encoding) for UTF-8 ± BOM or GB18030; InputError otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            pos = exc.start + 3
            raise InputError(
                f"not valid UTF-8 after its byte-order mark (byte 0x{data[pos]:02x})", file=name, line=_line_of(data, pos)
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("UTF-16 is not supported; save the document as UTF-8", file=name, line=1)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError("binary file (contains NUL bytes), not a text document", file=name, line=_line_of(data, nul))
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_err:
        try:
            text, enc = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pos = utf8_err.start
            raise InputError(
                f"cannot decode as UTF-8 or GB18030 (byte 0x{data[pos]:02x})", file=name, line=_line_of(data, pos)
            ) from None
    bad = _control_char(text)
    if bad is not None:
        line = text.count("\n", 0, bad) + 1
        raise InputError(
            f"binary content (control character U+{ord(text[bad]):04X}), not a text document", file=name, line=line
        )
    return text, enc


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _control_char(text: str) -> int | None:
    m = _CONTROL.search(text)
    return m.start() if m else None


def _newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    best = max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"))
    return best[1] if best[0] else "\n"


def load_document(path: str | Path) -> Document:
    """Read a document; InputError (one line, ``file:line: …``) if it is not text."""
    p = Path(path)
    name = str(path)
    try:
        from reportcheck.safety import open_regular  # a FIFO, /dev/stdin, /proc/…: refused

        with open_regular(p, name) as fh:
            # bounded: a spec's source or --text may name /dev/zero or a huge file. Asked
            # for the file's size (not the limit): read(n) allocates n bytes before reading
            want = min(os.fstat(fh.fileno()).st_size, MAX_DOCUMENT_BYTES) + 1
            data = fh.read(want)
            if len(data) == want and want <= MAX_DOCUMENT_BYTES:  # it grew while being read
                data += fh.read(MAX_DOCUMENT_BYTES + 1 - want)
        if len(data) > MAX_DOCUMENT_BYTES:
            raise InputError(f"larger than {MAX_DOCUMENT_BYTES // 1_000_000} MB; not read "
                             "(split the document)", file=name)
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a document", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=name) from None
    except ValueError as exc:  # a NUL in the path
        raise InputError(f"cannot read: {exc}", file=name.replace("\0", "\\0")) from None
    text, enc = decode_bytes(data, name)
    return Document(path=name, text=text, encoding=enc, newline=_newline(text))


def load_text(path) -> str:
    """A document's text only (the library's entry for compare, targets and the CLI)."""
    return load_document(path).text
