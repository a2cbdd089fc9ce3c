"""headline-growth-plausible (change-range, warning): a province's headline aggregate grows
between -20 % and +25 % a year.

What it infers: the yearly growth (or the yearly average growth, 年均) of a headline
aggregate named on its own — 地区生产总值, 规上工业增加值, 固定资产投资, 社会消费品零售总额,
一般公共预算收入, 居民人均可支配收入, 进出口总值, 税收收入 — outturn or target.

Why: these aggregates of a whole province move by a few per cent a year; 增长53% is a slip
(5.3 %), unless it is a growth over several years (which this detector skips: a five-year
paragraph, 累计, 比…末).

Fires: ``地区生产总值增长53%`` in the review of the year.

Does not fire: ``高技术制造业增加值增长30.4%`` (a sector, not the headline aggregate);
``五年来进出口总值增长53.1%`` (growth over five years).
"""

from __future__ import annotations

import re

from reportcheck.figure import Kind
from reportcheck.lint.detectors.base import Rules
from reportcheck.lint.indicators import _context, _name
from reportcheck.lint.model import Inference

_HEADLINE = re.compile(
    r"^(?:全省|全区|全市|全年)?(?:地区生产总值|GDP|经济总量|规上工业增加值|规模以上工业增加值|固定资产投资|全社会固定资产投资|"
    r"社会消费品零售总额|(?:地方)?一般公共预算收入|(?:全体|城镇|农村)?(?:常住)?居民人均可支配收入|(?:外贸)?进出口总[值额]|"
    r"税收收入)$")
_MULTI_YEAR = re.compile(r"累计|五年|十四五|十三五|[较比][^，。；]{0,10}末|翻")
LOW, HIGH = -20, 25


def detect(R: Rules, inf: Inference) -> None:
    for i in inf.indicators:
        f = i.fig
        if f.kind is not Kind.GROWTH or f.unit != "%" or i.kind != "growth":
            continue
        subj = (f.subject or "").replace("*", "").strip()
        if not _HEADLINE.match(subj):
            continue
        ctx = _context(f).replace("*", "")
        yearly = "-" not in i.period or "年均" in ctx[-12:]
        if not yearly or _MULTI_YEAR.search(ctx[-20:]):
            continue
        R.add("headline-growth-plausible", "change-range", {"indicators": [i.id], "min": LOW, "max": HIGH},
              "warning", f"{_name(f)}: the yearly growth of a province's headline aggregate lies between "
              f"{LOW} % and +{HIGH} % (a warning: a higher figure is a slip or a growth over several years).",
              [f], review="a growth over several years? then delete the rule")
