"""The package's import graph has no cycles, counting lazy (function-level) imports too.

Every ``import``/``from … import`` statement anywhere in a module of src/reportcheck
(module level, inside functions, inside ``try``, and under ``if TYPE_CHECKING:``) is an
edge. ``from a import b`` is an edge to ``a.b`` when ``a.b`` is a module, else to ``a``.

Type-only imports count: they never run, so they cannot fail at import time, but a module
that names another's type in its annotations depends on it as much as one that calls it
(``english_findings`` annotated with ``english.Pair`` while ``english`` imported
``english_findings`` was a circle this test did not see while it skipped them).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = SRC / "reportcheck"


def _modules(src: Path = SRC, pkg: Path = PKG) -> dict[str, Path]:
    out = {}
    for p in pkg.rglob("*.py"):
        parts = list(p.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node


def graph(src: Path = SRC, pkg: Path = PKG) -> dict[str, set[str]]:
    mods = _modules(src, pkg)
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        is_pkg = path.name == "__init__.py"
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_pkg else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            for t in targets:
                while t and t not in mods and "." in t:
                    t = t.rsplit(".", 1)[0]
                if t in mods and t != name:
                    edges[name].add(t)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read():
    edges = graph()
    assert "reportcheck.spec.load" in edges["reportcheck.engine.write"]  # a lazy import counts
    assert "reportcheck.rules.vec" in edges["reportcheck.rules.base"]  # a type-only import counts
    assert "reportcheck.engine.evaluate" in edges["reportcheck.diagnose"]
    assert "reportcheck.diagnose" in edges["reportcheck.engine.api"]  # lazily: diagnose=True wired in


def test_the_engine_does_not_reach_up_into_diagnosis():
    """Diagnosis re-runs the engine's rules on edited figures, so it sits above evaluate; only
    the entry points (engine.api) name it — they pass its diagnoser to write — and diagnosis
    never imports the entry points."""
    edges = graph()
    below = [m for m in edges if m.startswith("reportcheck.engine.") and m != "reportcheck.engine.api"]
    assert below and [m for m in below if "reportcheck.diagnose" in edges[m]] == []
    assert not {"reportcheck.engine", "reportcheck.engine.api"} & edges["reportcheck.diagnose"]


def test_a_type_only_or_lazy_circle_would_be_found(tmp_path):
    pkg = tmp_path / "p"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from p.b import f\n\n\nclass Pair:\n    pass\n")
    (pkg / "b.py").write_text(
        "from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n    from p.a import Pair\n\n\ndef f(p: Pair) -> None:\n    pass\n")
    (pkg / "c.py").write_text("def g():\n    from .d import h\n    return h\n")
    (pkg / "d.py").write_text("from . import c\n\n\ndef h():\n    return c\n")
    assert _cycles(graph(tmp_path, pkg)) == [["p.a", "p.b"], ["p.c", "p.d"]]


def test_no_import_cycles():
    assert _cycles(graph()) == []


def test_a_cycle_would_be_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
