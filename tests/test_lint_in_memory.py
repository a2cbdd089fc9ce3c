"""lint builds its inferred spec in memory (issue 19): the same spec, and the same findings,
as writing it to YAML with ``render_spec`` and loading that text."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportcheck.lint as lint
from reportcheck.lint.init import render_spec
from reportcheck.spec.load import load_spec_text
from reportcheck.text.document import load_document

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "data" / "jining-2024-work-report-interpretation.md", ROOT / "tests" / "data" / "example-report.md",
        *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))[:4]]


def _plain(spec):
    return ([i.model_dump(exclude={"line"}) for i in spec.indicators],
            [(r.id, r.kind, r.fields, r.severity, r.rationale) for r in spec.rules],
            spec.metadata.model_dump())


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_the_spec_built_in_memory_is_the_one_yaml_would_give(path):
    text = load_document(path).text
    inf = lint.infer(text, file=str(path))
    via_yaml = load_spec_text(render_spec(inf, source=str(path), stem=path.stem), file="<lint>")
    in_memory = lint.spec_in_memory(inf, source=str(path), stem=path.stem, file="<lint>")
    assert _plain(in_memory) == _plain(via_yaml)


def test_lint_findings_are_the_same_as_through_yaml(monkeypatch):
    path = DOCS[0]
    text = load_document(path).text
    fast = [f.to_dict() for f in lint.lint_text(text, file=str(path)).findings]

    def through_yaml(inf, *, source, stem, file):
        return load_spec_text(render_spec(inf, source=source, stem=stem), file=file)

    monkeypatch.setattr(lint, "spec_in_memory", through_yaml)
    slow = [f.to_dict() for f in lint.lint_text(text, file=str(path)).findings]
    assert fast == slow and fast


def test_a_refused_indicator_is_still_dropped_not_fatal():
    from reportcheck.lint.model import Inference  # noqa: F401 - the type spec_for works on

    path = DOCS[0]
    text = load_document(path).text
    inf = lint.infer(text, file=str(path))
    refused = inf.indicators[0]
    refused.kind = "not-a-kind"  # the loader refuses it; spec_for drops it and goes on
    spec = lint.spec_for(text, str(path), inf)
    assert refused.id not in {i.id for i in spec.indicators} and len(spec.indicators) > 10
