"""What keeps `reportcheck check` quick to start (no timing here: benchmarks/startup.py measures).

- ``import reportcheck`` imports none of the heavy libraries;
- the libyaml fast path of the spec loader reads every text exactly as PyYAML does
  (same values, same line numbers, same problems) — seeded random texts and mutations
  of the bundled spec;
- a ``check`` run leaves the garbage collector on and does not import hypothesis.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from reportcheck.spec import yaml_lines as spec_load

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_import_reportcheck_is_light():
    mods = _run("import sys, reportcheck; print(' '.join(sorted(sys.modules)))").split()
    for heavy in ("pandas", "pandera", "pint", "numpy", "pydantic", "yaml", "hypothesis"):
        assert heavy not in mods, f"import reportcheck imports {heavy}"


@pytest.mark.slow
def test_check_run_keeps_gc_on_and_hypothesis_out():
    code = (
        "import contextlib, gc, io, sys\n"
        "from reportcheck.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    rc = main(['check'])\n"
        "print(rc, gc.isenabled(), 'hypothesis' in sys.modules)\n"
    )
    rc, gc_on, hyp = _run(code).split()
    assert rc in ("0", "1")
    assert gc_on == "True"
    assert hyp == "False"


def _shape(x):
    if isinstance(x, dict):
        return ("d", getattr(x, "line", None), getattr(x, "key_lines", None),
                sorted((str(k), _shape(v)) for k, v in x.items()))
    if isinstance(x, list):
        return ("l", getattr(x, "line", None), getattr(x, "item_lines", None), [_shape(v) for v in x])
    return (type(x).__name__, str(x))


def _both(text: str):
    fast = spec_load.read_yaml("x.yaml", text=text)
    saved = spec_load._FAST
    spec_load._FAST = False  # the pure-Python loader only
    try:
        slow = spec_load.read_yaml("x.yaml", text=text)
    finally:
        spec_load._FAST = saved
    return (_shape(fast[0]), [str(p) for p in fast[1]]), (_shape(slow[0]), [str(p) for p in slow[1]])


@pytest.mark.parametrize("spec", sorted((ROOT / "specs").glob("*.yaml")), ids=lambda p: p.name)
def test_fast_yaml_reads_the_specs_like_pyyaml(spec):
    fast, slow = _both(spec.read_text(encoding="utf-8"))
    assert fast == slow


_ALPHABET = ["a", "b", ":", " ", "\n", "-", "[", "]", "{", "}", ",", "'", '"', "#", "&x", "*x", "!!str", "1",
             "2.5", "济宁", "\t", "  ", "? ", "|", ">", "%", "!", "@", "\u2028", "null", "~", "---", "...", "\\",
             "!x", "%YAML 1.1\n", "<<", "`", "\r", "\ufeff"]


def test_fast_yaml_reads_random_texts_like_pyyaml():
    rng = random.Random(2024)
    for _ in range(1500):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 30)))
        fast, slow = _both(text)
        assert fast == slow, repr(text)


@pytest.mark.slow
def test_fast_yaml_reads_mutated_specs_like_pyyaml():
    base = (ROOT / "specs" / "jining-2024.yaml").read_text(encoding="utf-8")
    chars = list(":-[]{},'\"#&*|>? \n\t%@`!\\济~") + ["  ", "\n  ", "- ", ": "]
    rng = random.Random(7)
    for _ in range(40):
        text = base
        for _ in range(rng.randint(1, 4)):
            j = rng.randrange(len(text))
            op = rng.random()
            if op < 0.4:
                text = text[:j] + rng.choice(chars) + text[j:]
            elif op < 0.7:
                text = text[:j] + text[j + 1:]
            else:
                text = text[:j] + rng.choice(chars) + text[j + 1:]
        fast, slow = _both(text)
        assert fast == slow
