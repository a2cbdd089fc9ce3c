"""Memory of ``extract`` grows linearly with the document, with a small constant (issue 18).

Ratios only, never an absolute number: the traced peak (tracemalloc) at n and 10 n
characters of real report text (a linear path gives about 10), and what exporting or
the plain-text view allocates relative to the size of what it builds. The numbers
measured on large documents are in docs/security.md (``benchmarks/hardening_scaling.py``).
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

import pytest

from reportcheck.text.export import figures_to_csv, figures_to_json
from reportcheck.text.extract import extract
from reportcheck.text.plain import PlainText

CORPUS = sorted((Path(__file__).parent / "data" / "corpus").glob("*.txt"))


def _text(chars: int) -> str:
    base = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS) + "\n"
    return (base * (chars // len(base) + 1))[:chars]


def _peak(fn, *args):
    """(result, bytes allocated at the peak of fn(*args)); what existed before is not counted."""
    tracemalloc.start()
    try:
        out = fn(*args)
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _extract_and_export(text: str) -> str:
    return figures_to_json(extract(text))


@pytest.mark.slow
def test_extract_and_export_memory_is_linear():
    small, large = _text(60_000), _text(600_000)
    _extract_and_export(small)  # warm the memos and imports
    _, a = _peak(_extract_and_export, small)
    _, b = _peak(_extract_and_export, large)
    # linear gives ~10 (less: the bounded memos are shared); the export once held every
    # token of the indented JSON (still linear, but 8x its output) — see the next test
    assert b / a < 13, (a, b)


@pytest.mark.parametrize("export", [figures_to_json, figures_to_csv])
def test_export_allocates_about_its_output(export):
    figs = extract(_text(200_000))
    out, peak = _peak(export, figs)
    # the output and its pieces (about 2x); json.dumps(records, indent=2) took ~5x
    assert peak / sys.getsizeof(out) < 3, (peak, sys.getsizeof(out))


def test_plain_offset_map_is_compact():
    text = _text(200_000).replace("。", "。**", 2000).replace("，", "**，", 2000)
    assert "**" in text
    plain, peak = _peak(PlainText, text)
    assert plain.omap is not None and plain.orig(len(plain.text)) == len(text)
    # an offset map of Python ints costs 36 bytes a character; array('q') 8
    assert peak / len(text) < 20, peak / len(text)
