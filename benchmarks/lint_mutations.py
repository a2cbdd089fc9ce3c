"""Recall of `reportcheck lint` on seeded slips: how often a one-digit slip in a covered figure is caught.

    python benchmarks/lint_mutations.py [--per-report N] [FILE ...]   # default: Jining + tests/data/corpus/*.txt

For each document, up to N quantities read by at least one inferred rule (evenly spread
over the text) get two slips each: ×10 (a digit added, or the decimal point moved right:
351 → 3510, 6.5 → 65) and ÷10 (the last digit dropped or the point moved left: 351 → 35,
6.5 → 0.65). Each mutated text is linted from scratch (indicators and rules re-inferred)
and the slip counts as caught when an error (or, separately, a warning) cites the mutated
figure's position. Slips that keep every rule true (a decline of 7.1 % → 71 %) are
honestly counted as missed. The unchanged documents' own findings are excluded.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "data" / "jining-2024-work-report-interpretation.md",
           *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))]
_NUM = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def slips(number: str) -> list[tuple[str, str]]:
    out = []
    if "." in number:
        i, d = number.split(".")
        up = i + d[0] + ("." + d[1:] if len(d) > 1 else "")
        down = (i[:-1] or "0") + "." + i[-1] + d
        up = up.lstrip("0") or "0"
    else:
        up = number + "0"
        down = number[:-1] if len(number) > 1 else "0." + number
    out.append(("x10", up))
    if down not in ("0", "0.0"):
        out.append(("/10", down))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-report", type=int, default=6)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    from reportcheck.findings import Severity
    from reportcheck.lint import infer, lint_text
    from reportcheck.text.document import load_document

    paths = [Path(f) for f in args.files] or DEFAULT
    total = Counter()
    by_check = Counter()
    print(f"| {'report':<14} | slips | caught (error) | caught (warning) | missed |")
    print("|----------------|-------|----------------|------------------|--------|")
    t0 = time.perf_counter()
    for p in paths:
        text = load_document(p).text
        inf = infer(text, file=str(p))
        covered = sorted({f.start for f in inf.quantities} & inf.covered())
        if not covered:
            continue
        step = max(1, len(covered) // args.per_report)
        chosen = covered[::step][: args.per_report]
        figs = {f.start: f for f in inf.figures}
        c = Counter()
        for start in chosen:
            f = figs[start]
            m = _NUM.match(text, start)
            if not m:
                continue
            for name, new in slips(m.group()):
                mutated = text[:m.start()] + new + text[m.end():]
                line = text.count("\n", 0, start) + 1
                col = start - (text.rfind("\n", 0, start) + 1) + 1
                res = lint_text(mutated, file=p.name)
                hit = [x for x in res.findings if x.severity is not Severity.INFO
                       and any((r.line, r.column) == (line, col) for r in x.figures)]
                c["slips"] += 1
                if any(x.severity is Severity.ERROR for x in hit):
                    c["error"] += 1
                    by_check[next(x.check for x in hit if x.severity is Severity.ERROR)] += 1
                elif hit:
                    c["warning"] += 1
                else:
                    c["missed"] += 1
        print(f"| {p.stem[:14]:<14} | {c['slips']:5} | {c['error']:14} | {c['warning']:16} | {c['missed']:6} |")
        total.update(c)
    n = max(total["slips"], 1)
    print(f"\ntotal: {total['slips']} slips in covered figures; caught as error {total['error']} "
          f"({100 * total['error'] / n:.0f}%), as warning {total['warning']} ({100 * total['warning'] / n:.0f}%), "
          f"missed {total['missed']} ({100 * total['missed'] / n:.0f}%); errors by check: {dict(by_check)}; "
          f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
