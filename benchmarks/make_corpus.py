"""A synthetic corpus of many city-years from one spec (default: the bundled Jining 2024 spec).

Every report carries every indicator of the spec (110 for Jining: 10,000 reports
≈ 1.1M rows) as a long table ``report, indicator, value, unit``. Values are the
spec's canonical values scaled by a per-report "city size" (amounts and counts
only; shares, growths, ranks, thresholds and names keep their value, with a little
noise on growths), so a clean report satisfies the same rules as the spec's own
report. Then, seeded, a fraction of reports get a slip of the kind the issue
describes — a decimal slip (×10, ÷10), digits swapped, 万↔亿 in the unit, a
share or a fall above 100, a rank outside its group, a count that no longer
matches its list — so that some rules fail; and a few figures are dropped
(missing rows), as in real tables.

    python benchmarks/make_corpus.py --reports 10000 --out benchmarks/out/corpus-10000.parquet

Also importable: ``make_corpus(spec, n_reports, seed)`` returns the DataFrame.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPEC = ROOT / "specs" / "jining-2024.yaml"

#: kinds whose value scales with the size of the city
SCALED_KINDS = ("amount", "count")
#: magnitude slips in the written unit (the value stays as written)
UNIT_SLIPS = {"亿元": "万元", "万元": "亿元", "万人": "人", "万个": "个", "万亩": "亩", "万千瓦": "千瓦", "亿斤": "万斤",
              "万张": "张", "万人次": "人次"}


def load(spec_path: str | Path | None = None):
    from reportcheck import load_spec

    return load_spec(spec_path or DEFAULT_SPEC)


def _decimals(v: float) -> int:
    s = f"{v:.6f}".rstrip("0")
    return len(s.split(".")[1]) if "." in s else 0


def _swap_digits(v: float, rng: np.random.Generator) -> float:
    s = str(int(round(abs(v))))
    if len(s) < 2:
        return v * 10
    i = int(rng.integers(0, len(s) - 1))
    if s[i] == s[i + 1]:
        return v * 10
    t = s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return float(int(t)) * (1 if v >= 0 else -1)


def make_corpus(spec=None, n_reports: int = 10_000, seed: int = 2024, slip_rate: float = 0.05,
                drop_rate: float = 0.002) -> pd.DataFrame:
    """The long table of ``n_reports`` synthetic city-years (see the module docstring)."""
    spec = spec if spec is not None else load()
    rng = np.random.default_rng(seed)
    inds = list(spec.indicators)
    # which indicators rules reference in which role: thresholds, list counts and ranks stay fixed
    fixed: set[str] = set()
    for rule in spec.rules:
        f = getattr(rule, "fields", None) or {}
        for key in ("threshold", "count", "rank"):
            if rule.kind in ("average-threshold", "count-of-list", "rank-range") and isinstance(f.get(key), str):
                if rule.kind == "average-threshold" and key == "count":
                    continue  # the project count scales with the city
                fixed.add(f[key])
    ids = [i.id for i in inds]
    units = [i.unit or "" for i in inds]
    kinds = [getattr(i.kind, "value", i.kind) for i in inds]
    canon = np.array([float(i.value) if i.value is not None else np.nan for i in inds])
    dec = np.array([_decimals(float(i.value)) if i.value is not None else 0 for i in inds])
    scaled = np.array([k in SCALED_KINDS and i.id not in fixed for k, i in zip(kinds, inds)])
    growth = np.array([k == "growth" for k in kinds])

    R, K = n_reports, len(inds)
    size = np.exp(rng.normal(0.0, 0.45, size=R))  # city size around Jining's, ×0.4–×2.5 mostly
    vals = np.tile(canon, (R, 1))
    vals[:, scaled] *= size[:, None]
    # growth rates move a little between cities (level targets follow their bases)
    vals[:, growth] += np.round(rng.normal(0.0, 0.3, size=(R, int(growth.sum()))), 1) * (vals[:, growth] > 0)
    # round as the report writes them: as many decimals as the canonical value; counts whole
    for k in range(K):
        if scaled[k]:
            d = dec[k] if kinds[k] == "amount" or units[k].startswith("万") else 0
            vals[:, k] = np.round(vals[:, k], int(d))
            if d == 0:
                vals[:, k] = np.maximum(vals[:, k], 1.0)
    unit_arr = np.tile(np.array(units, dtype=object), (R, 1))

    # slips: one per affected report, of a kind that some rule can see
    col = {i: k for k, i in enumerate(ids)}
    rule_targets: list[tuple[str, str]] = []  # (slip kind, indicator)
    for rule in spec.rules:
        f = getattr(rule, "fields", None) or {}
        if rule.kind == "part-of":
            parts = f.get("part")
            rule_targets.append(("x10", parts if isinstance(parts, str) else parts[0]))
            rule_targets.append(("swap", parts if isinstance(parts, str) else parts[0]))
        elif rule.kind == "share-range":
            rule_targets += [("share", i) for i in f.get("indicators", [])]
        elif rule.kind == "change-range":
            rule_targets += [("change", i) for i in f.get("indicators", [])]
        elif rule.kind == "target-coherence":
            rule_targets += [("x10", f["target"]), ("unit", f["base"]), ("div10", f["target"])]
        elif rule.kind == "average-threshold":
            rule_targets += [("unit", f["total"]), ("x10", f["count"])]
        elif rule.kind == "count-of-list":
            rule_targets.append(("plus1", f["count"]))
        elif rule.kind == "rank-range":
            rule_targets.append(("rank", f["rank"]))
        elif rule.kind == "expression":
            for i in ids:
                if i in str(f.get("expr", "")).split():
                    rule_targets.append(("x10", i))
    # and slips on figures no rule reads (fidelity-only: no rule should fail)
    rule_targets += [("x10", i) for i in rng.choice(ids, size=10, replace=False)]
    slipped = np.flatnonzero(rng.random(R) < slip_rate)
    picks = rng.integers(0, len(rule_targets), size=len(slipped))
    for r, p in zip(slipped, picks):
        how, ind = rule_targets[p]
        k = col[ind]
        v = vals[r, k]
        if how == "x10":
            vals[r, k] = v * 10
        elif how == "div10":
            vals[r, k] = v / 10
        elif how == "swap":
            vals[r, k] = _swap_digits(v, rng)
        elif how == "unit":
            u = unit_arr[r, k]
            if u in UNIT_SLIPS:
                unit_arr[r, k] = UNIT_SLIPS[u]
            else:
                vals[r, k] = v * 10
        elif how == "share":
            vals[r, k] = v * 10 if rng.random() < 0.5 else v + 100
        elif how == "change":
            vals[r, k] = v * 10 if v > 0 else v * 20
        elif how == "plus1":
            vals[r, k] = v + 1
        elif how == "rank":
            vals[r, k] = v * 10 + 1
    # round away float noise of the slips (x10 of 1.1 is 11, not 11.000000000000002)
    vals = np.round(vals, 6)

    names = np.array([f"city{r // 10:04d}-{2015 + r % 10}" for r in range(R)], dtype=object)
    df = pd.DataFrame({
        "report": np.repeat(names, K),
        "indicator": np.tile(np.array(ids, dtype=object), R),
        "value": vals.reshape(-1),
        "unit": unit_arr.reshape(-1),
    })
    df.loc[df["unit"] == "", "unit"] = None
    keep = rng.random(len(df)) >= drop_rate
    return df[keep].reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--slip-rate", type=float, default=0.05, help="share of reports with one slip")
    ap.add_argument("--spec", default=str(DEFAULT_SPEC))
    ap.add_argument("--out", default=None, help="file to write (.parquet or .csv); default benchmarks/out/corpus-N.parquet")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    df = make_corpus(load(args.spec), args.reports, args.seed, args.slip_rate)
    out = Path(args.out or ROOT / "benchmarks" / "out" / f"corpus-{args.reports}.parquet")
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".csv":
        df.to_csv(out, index=False)
    else:
        df.to_parquet(out, index=False)
    mem = df.memory_usage(deep=True).sum()
    print(f"{out}: {df['report'].nunique()} reports, {len(df)} rows, {mem / 1e6:.1f} MB in memory, "
          f"{out.stat().st_size / 1e6:.1f} MB on disk ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
