"""How fast can pure Python extract figures at all? Floors for the extraction goal.

    python benchmarks/extract_floor.py

On the same 25-report corpus as extract_throughput.py, best of 7 rounds each:
(a) the `\d+` finditer baseline; (b) one realistic figure regex (number,
magnitude, 多/余, unit, 以上…) doing nothing per match; (c) (b) plus one
``Figure(...)`` with constant fields per match; (d) (c) plus ``Decimal`` of the
number; (c') and (d') the same with extract()'s slot-setting constructor; and
extract() itself. Everything extract() does beyond (d') — unit, qualifier,
kind, interval, sentence, subject — costs more on top. See docs/performance.md.
"""
import re
import time
from decimal import Decimal
from pathlib import Path
from reportcheck.figure import Figure, Kind, _make_figure  # noqa: PLC2701 - measuring the internal constructor
from reportcheck.quantities.interval import Interval
from reportcheck.text.extract import UNITS, extract

texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus").glob("*.txt"))]
mb = sum(len(t.encode()) for t in texts) / 1e6
nfig_extract = sum(len(extract(t)) for t in texts)

def best(fn, r=7):
    b = 1e9
    for _ in range(r):
        t0 = time.perf_counter(); n = fn(); b = min(b, time.perf_counter() - t0)
    return b, n

digits = re.compile(r"\d+")
_CN = "零〇一二三四五六七八九十两百千万亿"
units = "|".join(re.escape(u) for u in UNITS)
# realistic one-regex figure pattern: prefix qualifier, number (Arabic or Chinese), magnitude, 多/余, unit, suffix qualifier
FIG = re.compile(
    r"(?=[0-9" + _CN + r"])"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3}){1,8}(?![0-9])(?:\.[0-9]{1,30})?|[0-9]{1,40}(?:\.[0-9]{1,30})?|[" + _CN + r"]{1,24})"
    r"(?P<mag>万亿|亿|千万|百万|万)?(?P<infix>多|余)?(?P<unit>(?:万亿|亿|千万|百万|万)?(?:" + units + r"))?"
    r"(?P<suf>以上|以下|以内|左右|上下|有余)?"
)
KIND = Kind.AMOUNT
IV = Interval(Decimal("1"), Decimal("2"))

def a():
    n = 0
    for t in texts:
        for _ in digits.finditer(t): n += 1
    return n
def b():
    n = 0
    for t in texts:
        for _ in FIG.finditer(t): n += 1
    return n
def building(make, with_decimal: bool):
    """(c)/(d) with ``make`` = Figure, (c')/(d') with extract()'s slot-setting constructor."""
    def run():
        out = []
        for t in texts:
            for m in FIG.finditer(t):
                v = None
                if with_decimal:
                    try:
                        v = Decimal(m.group("num"))
                    except ArithmeticError:  # Chinese numerals: not a Decimal literal
                        pass
                out.append(make("5600亿元", v, "亿元", KIND, IV, None, 0, 1, 1, 1, 1, 2, "s", "x", False, False, {}))
        return len(out)
    return run


c, d, c2, d2 = (building(Figure, False), building(Figure, True),
                building(_make_figure, False), building(_make_figure, True))


def e():
    return sum(len(extract(t)) for t in texts)

ta, na = best(a)
print(f"corpus {mb:.2f} MB, extract() figures {nfig_extract}")
for name, fn in [("(a) \\d+ finditer", a), ("(b) figure regex finditer", b), ("(c) (b)+Figure()", c), ("(d) (c)+Decimal()", d), ("(c') (b)+_make_figure()", c2), ("(d') (c')+Decimal()", d2), ("extract()", e)]:
    t, n = best(fn)
    print(f"{name:28s} {t*1000:7.1f} ms  {mb/t:8.2f} MB/s  ratio {ta/t:.4f}  matches {n:6d}  {t/n*1e6:6.3f} µs/match  {t/nfig_extract*1e6:6.3f} µs/extract-figure")
