"""How much of each report the rules inferred by `reportcheck lint` cover, and what lint finds.

    python benchmarks/lint_coverage.py [FILE ...]       # default: Jining + tests/data/corpus/*.txt

One row per document: figures extracted, quantities among them, indicators (quantities
and ranks bound by a locator), quantities read by at least one inferred rule (and their
share of all quantities), rules by kind, and lint's errors / warnings / infos.
The table in docs/lint.md is this script's output.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "data" / "jining-2024-work-report-interpretation.md",
           *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))]
SHORT = {"part-of": "part", "share-range": "share", "change-range": "change", "target-coherence": "target",
         "count-of-list": "list", "rank-range": "rank", "expression": "from-to"}


def main(paths: list[Path]) -> int:
    from reportcheck.lint import infer, lint_text
    from reportcheck.text.document import load_document

    head = (f"| {'report':<14} | figures | quantities | indicators | covered | % of quantities | "
            f"rules (part/share/change/target/list/rank/from-to) | errors | warnings | infos | seconds |")
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    tot = Counter()
    for p in paths:
        t0 = time.perf_counter()
        text = load_document(p).text
        inf = infer(text, file=str(p))
        result = lint_text(text, file=str(p))
        dt = time.perf_counter() - t0
        q = len(inf.quantities)
        qstarts = {f.start for f in inf.quantities}
        cov = len(inf.covered() & qstarts)  # quantities read by a rule (ranks are not quantities)
        kinds = Counter(SHORT.get(r.kind, r.kind) for r in inf.rules)
        ks = "/".join(str(kinds.get(k, 0)) for k in ("part", "share", "change", "target", "list", "rank", "from-to"))
        name = p.stem[:14]
        print(f"| {name:<14} | {len(inf.figures):7} | {q:10} | {len(inf.indicators):10} | {cov:7} | "
              f"{100 * cov / q if q else 0:14.1f}% | {ks:<50} | {result.errors:6} | {result.warnings:8} | "
              f"{result.infos:5} | {dt:7.1f} |")
        tot.update(figures=len(inf.figures), q=q, ind=len(inf.indicators), cov=cov, rules=len(inf.rules),
                   errors=result.errors, warnings=result.warnings, infos=result.infos)
    if len(paths) > 1:
        print(f"\ntotal: {tot['figures']} figures, {tot['q']} quantities, {tot['ind']} indicators, "
              f"{tot['cov']} covered ({100 * tot['cov'] / max(tot['q'], 1):.1f}% of quantities), {tot['rules']} rules; "
              f"{tot['errors']} errors, {tot['warnings']} warnings, {tot['infos']} infos")
    return 0


if __name__ == "__main__":
    raise SystemExit(main([Path(a) for a in sys.argv[1:]] or DEFAULT))
