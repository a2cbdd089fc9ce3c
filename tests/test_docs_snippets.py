"""The README's sample output and the CI snippets of docs/ci.md stay true (issue 16).

- the README's console block is the output of a real run, line for line (only the
  duration in the last line may differ);
- every YAML snippet of docs/ci.md parses; every SARIF file a step writes is uploaded;
  no pre-commit ``rev:`` names a tag that does not exist;
- the pre-commit hooks of docs/ci.md run the way pre-commit runs them: the ``files``
  pattern decides whether a hook runs, ``entry`` is the command, and the matching files
  are its arguments unless ``pass_filenames: false`` (pre-commit itself is not needed);
- docs/spec.md's claim that hyphenated ids work in expressions holds.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import JINING, ROOT, SPECS
from reportcheck import cli

SLIP_FROM, SLIP_TO = "瞪羚企业**351**家", "瞪羚企业**951**家"
CI_MD = ROOT / "docs" / "ci.md"


def _project(tmp_path: Path) -> Path:
    shutil.copytree(SPECS, tmp_path / "specs")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_readme_sample_output_is_a_real_run(tmp_path, monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^\$ reportcheck (check [^\n]*)\n(.*?)^\$ echo \$\?\n(\d+)\n", readme, re.S | re.M)
    assert m, "the README has no sample run"
    argv, shown, status = shlex.split(m.group(1)), m.group(2).splitlines(), int(m.group(3))
    root = _project(tmp_path)
    (root / "draft.md").write_text(JINING.read_text(encoding="utf-8").replace(SLIP_FROM, SLIP_TO), encoding="utf-8")
    monkeypatch.chdir(root)
    capsys.readouterr()
    assert cli.main(argv) == status
    real = capsys.readouterr().out.splitlines()
    duration = re.compile(r" in \d+\.\d\ds ")

    def norm(lines):
        return [duration.sub(" in _s ", ln).strip("= ") if duration.search(ln) else ln for ln in lines]

    assert norm(shown) == norm(real), "the README's sample run is stale; a real run gives:\n" + "\n".join(real)


def _yaml_blocks(md: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", md, re.S)


def test_ci_snippets_parse_and_every_sarif_file_is_uploaded():
    md = CI_MD.read_text(encoding="utf-8")
    blocks = _yaml_blocks(md)
    assert len(blocks) >= 5
    for b in blocks:
        yaml.safe_load(b)
    written = set(re.findall(r"--output\s+(\S+\.sarif)", md))
    uploaded = set(re.findall(r"sarif_file:\s*(\S+)", md))
    assert written and written <= uploaded, f"written but never uploaded: {written - uploaded}"
    categories = re.findall(r"category:\s*(\S+)", md)
    assert len(categories) == len(set(categories)), "two uploads with the same category replace each other"
    # no rev that names a release tag: there are none yet
    assert not re.search(r"^\s*rev:\s*v\d", md, re.M)
    hooks_file = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert not re.search(r"rev:\s*v\d", hooks_file)


def _local_hooks() -> list[dict]:
    md = CI_MD.read_text(encoding="utf-8")
    config = next(yaml.safe_load(b) for b in _yaml_blocks(md) if b.startswith("# .pre-commit-config.yaml"))
    repo = next(r for r in config["repos"] if r["repo"] == "local")
    return repo["hooks"]


def _selected(hook: dict, changed: list[str]) -> list[str]:
    return [f for f in changed if re.search(hook.get("files", ""), f)]


def test_pre_commit_hooks_fire_on_specs_sources_and_drafts():
    hooks = {h["id"]: h for h in _local_hooks()}
    spec_hook, drafts = hooks["reportcheck"], hooks["reportcheck-drafts"]
    assert all(h["language"] == "system" for h in hooks.values())
    assert _selected(spec_hook, ["specs/jining-2024.yaml"])
    assert _selected(spec_hook, ["data/jining-2024-work-report-interpretation.md"])  # the source changed
    assert not _selected(spec_hook, ["README.md", "drafts/jiedu.md"])
    assert _selected(drafts, ["drafts/jiedu.md"]) and not _selected(drafts, ["data/x.md", "specs/x.yaml"])


def _run_hook(hook: dict, changed: list[str], cwd: Path) -> int | None:
    """Run a hook like pre-commit: None when no changed file matches ``files``."""
    files = _selected(hook, changed)
    if not files:
        return None
    argv = shlex.split(hook["entry"]) + (files if hook.get("pass_filenames", True) else [])
    scripts = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    return proc.returncode


@pytest.mark.slow
def test_pre_commit_hooks_run_like_pre_commit(tmp_path):
    if shutil.which("reportcheck", path=str(Path(sys.executable).parent)) is None and not shutil.which("reportcheck"):
        pytest.skip("the reportcheck console script is not installed")
    root = _project(tmp_path)
    hooks = {h["id"]: h for h in _local_hooks()}
    source = "data/" + JINING.name
    assert _run_hook(hooks["reportcheck"], [source], root) == 0
    (root / source).write_text(JINING.read_text(encoding="utf-8").replace(SLIP_FROM, SLIP_TO), encoding="utf-8")
    assert _run_hook(hooks["reportcheck"], [source], root) == 1  # a slip in the source fails the spec hook
    (root / "drafts").mkdir()
    (root / "drafts" / "ok.md").write_text(JINING.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "drafts" / "slip.md").write_text((root / source).read_text(encoding="utf-8"), encoding="utf-8")
    assert _run_hook(hooks["reportcheck-drafts"], ["drafts/ok.md"], root) == 0
    assert _run_hook(hooks["reportcheck-drafts"], ["drafts/ok.md", "drafts/slip.md"], root) == 1
    # the hooks shipped for remote use run the same command
    shipped = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert _run_hook(next(h for h in shipped if h["id"] == "reportcheck"), [source], root) == 1


def test_hyphenated_ids_work_in_expressions(tmp_path):
    """docs/spec.md: `-` may be used in ids that expressions read (init writes such ids)."""
    from reportcheck import check
    from reportcheck.findings import Severity
    from reportcheck.spec.load import load_spec_text

    doc = tmp_path / "r.md"
    doc.write_text("2023年 工作回顾\n\n新培育专精特新企业**351**家，总量达到**939**家。\n", encoding="utf-8")
    spec_text = """id: t-2024
title: 测试
region: 某市
year: 2024
source: r.md
indicators:
  - {id: tech-smes.new.2023, name: 新培育专精特新企业, period: 2023, kind: count, unit: 家, value: 351, locate: "专精特新企业{}"}
  - {id: tech-smes.total.2023, name: 专精特新企业总量, period: 2023, kind: count, unit: 家, value: 939, locate: "总量达到{}"}
rules:
  - {id: new-below-total, kind: expression, expr: "tech-smes.new.2023 <= tech-smes.total.2023 - 500"}
  - {id: new-above-total, kind: expression, expr: "tech-smes.new.2023 > tech-smes.total.2023 - 500"}
"""
    (tmp_path / "t.yaml").write_text(spec_text, encoding="utf-8")
    load_spec_text(spec_text, file=str(tmp_path / "t.yaml"))
    res = check(str(tmp_path / "t.yaml"))
    failed = {f.id for f in res.findings if f.severity is Severity.ERROR}
    assert failed == {"new-above-total"}  # 351 <= 939 - 500 holds; the opposite fails
