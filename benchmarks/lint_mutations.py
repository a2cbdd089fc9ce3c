"""Recall of `reportcheck lint` on seeded slips.

    python benchmarks/lint_mutations.py --planted        # hand-chosen slips in the 25 reports (issue 17)
    python benchmarks/lint_mutations.py [--per-report N] [FILE ...]   # default: Jining + tests/data/corpus/*.txt

``--planted`` reads benchmarks/planted_slips.txt: slips planted into figures that their own
text constrains (a part and its whole, a share, a from-to pair, a count and its list, a year
and its five-year total …), chosen by reading the sentences, not by asking lint. Each slip
is linted in a fresh copy of its report; it counts as caught when an error (or a warning)
cites the slipped figure. The table gives recall by relation and by slip type, then the
share of quantities that at least one inferred rule reads in the 25 unchanged reports, and
their error and warning counts.

Without ``--planted``:

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


PLANTED = Path(__file__).resolve().parent / "planted_slips.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"
_CN = "一二三四五六七八九十"


def _magnitude(fig: str, up: bool) -> str:
    """The figure with its magnitude one step up (万→亿) or down (亿→万)."""
    if up:
        if "万亿" in fig:
            return fig.replace("万亿", "亿亿")
        if "亿" in fig:
            return fig.replace("亿", "万亿", 1)
        if "万" in fig:
            return fig.replace("万", "亿", 1)
        m = re.match(r"[0-9.]+", fig)
        return fig[:m.end()] + "万" + fig[m.end():]
    if "万亿" in fig:
        return fig.replace("万亿", "亿", 1)
    if "亿" in fig:
        return fig.replace("亿", "万", 1)
    return fig.replace("万", "", 1)


def apply_slip(fig: str, code: str) -> str:
    """The figure as written with the slip ``code`` (see planted_slips.txt)."""
    if code.startswith("="):
        return code[1:]
    if code in ("u+", "u-"):
        return _magnitude(fig, code == "u+")
    if code in ("+1", "-1"):
        d = 1 if code == "+1" else -1
        if fig[0] in _CN:
            cn = _CN[_CN.index(fig[0]) + d]
            return ("两" if cn == "二" else cn) + fig[1:]  # 两大, not 二大
        m = re.match(r"[0-9]+", fig)
        return str(int(m.group()) + d) + fig[m.end():]
    m = _NUM.match(fig)
    if code == "p1":
        return "1" + fig
    new = dict(slips(m.group()))["x10" if code == "x10" else "/10"]
    return new + fig[m.end():]


def planted() -> int:
    from reportcheck.findings import Severity
    from reportcheck.lint import infer, lint_text

    rows = []
    for line in PLANTED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        report, relation, snippet, fig, codes = [x.strip() for x in line.split("|")]
        occ = 1
        if "#" in snippet:
            snippet, n = snippet.rsplit("#", 1)
            occ = int(n)
        for code in codes.split():
            rows.append((report, relation, snippet, occ, fig, code))
    texts = {}
    by_rel: dict[str, Counter] = {}
    by_type: dict[str, Counter] = {}
    total = Counter()
    missed = []
    t0 = time.perf_counter()
    for report, relation, snippet, occ, fig, code in rows:
        if report not in texts:
            texts[report] = (CORPUS / f"{report}.txt").read_text(encoding="utf-8")
        text = texts[report]
        at = -1
        for _ in range(occ):
            at = text.find(snippet, at + 1)
        # the figure as a whole number inside the snippet (8个 is not the end of 28个)
        k = next((m.start() for m in re.finditer(re.escape(fig), snippet)
                  if m.start() == 0 or not (snippet[m.start() - 1].isdigit() or snippet[m.start() - 1] == ".")), -1)
        if at < 0 or k < 0:
            raise SystemExit(f"{report}: snippet or figure not found: {snippet} / {fig}")
        start = at + k
        new = apply_slip(fig, code)
        mutated = text[:start] + new + text[start + len(fig):]
        line_no = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        res = lint_text(mutated, file=f"{report}.txt")
        hit = [x for x in res.findings if x.severity is not Severity.INFO
               and any((r.line, r.column) == (line_no, col) for r in x.figures)]
        outcome = ("error" if any(x.severity is Severity.ERROR for x in hit) else "warning" if hit else "missed")
        slip_type = "magnitude" if code in ("u+", "u-") else "count" if code in ("+1", "-1") else (
            "digit" if code.startswith("=") or code == "p1" else code)
        for key, table in ((relation, by_rel), (slip_type, by_type)):
            table.setdefault(key, Counter())[outcome] += 1
        total[outcome] += 1
        if outcome == "missed":
            missed.append(f"{report}: {fig} → {new} ({relation})")

    def table(title: str, data: dict[str, Counter]) -> None:
        print(f"| {title:<16} | slips | error | warning | missed | caught |")
        print("|------------------|-------|-------|---------|--------|--------|")
        for k, c in sorted(data.items()):
            n = sum(c.values())
            print(f"| {k:<16} | {n:5} | {c['error']:5} | {c['warning']:7} | {c['missed']:6} | "
                  f"{100 * (c['error'] + c['warning']) / n:5.0f}% |")

    table("relation", by_rel)
    print()
    table("slip type", by_type)
    n = sum(total.values())
    print(f"\ntotal: {n} planted slips; caught as error {total['error']} ({100 * total['error'] / n:.0f}%), "
          f"as warning {total['warning']} ({100 * total['warning'] / n:.0f}%), "
          f"caught {100 * (total['error'] + total['warning']) / n:.1f}%; {time.perf_counter() - t0:.0f} s")
    if missed:
        print("missed: " + "; ".join(missed))
    # the share of quantities read, and the findings of the unchanged reports
    q = cov = errors = warnings = 0
    for p in sorted(CORPUS.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        inf = infer(text, file=str(p))
        starts = {f.start for f in inf.quantities}
        q += len(starts)
        cov += len(starts & inf.covered())  # quantities only (as benchmarks/lint_coverage.py)
        res = lint_text(text, file=p.name)
        errors += res.errors
        warnings += res.warnings
    print(f"quantities read by an inferred rule in the {len(list(CORPUS.glob('*.txt')))} unchanged reports: "
          f"{cov} of {q} ({100 * cov / q:.1f}%); their errors: {errors}, warnings: {warnings}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-report", type=int, default=6)
    ap.add_argument("--planted", action="store_true", help="the hand-chosen slips of planted_slips.txt")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    if args.planted:
        return planted()
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
