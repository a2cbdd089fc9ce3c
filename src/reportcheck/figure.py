"""A Figure: one number as written in a document, with everything rules need."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from decimal import Decimal

from reportcheck.quantities.interval import Interval


class Kind(str, enum.Enum):
    """What a number is. Only the quantity kinds take part in arithmetic rules."""

    AMOUNT = "amount"  # a level with a unit: 5600亿元, 580万千瓦, 40万亩
    COUNT = "count"  # a count with a classifier: 351家, 60所, 1099个
    GROWTH = "growth"  # change in %: 增长6.5%, 下降7.1%
    POINTS = "points"  # change in 个百分点: 提高2个百分点
    SHARE = "share"  # share / coverage / rate in %: 覆盖率95%
    MULTIPLE = "multiple"  # 增长1.2倍, 翻番
    RATIO = "ratio"  # per-capita / per-thousand: 千人托位数5.6个
    RANK = "rank"  # 第2位, 首位
    DURATION = "duration"  # 5年来, 三年行动
    YEAR = "year"  # 2023年
    DATE = "date"  # 1月1日
    NAME = "name"  # a number inside a name: 人才金政20条, “231”集群, 十四五, 九连冠
    LABEL = "label"  # a code or grade: 5G, 5A级

    @property
    def is_quantity(self) -> bool:
        return self in QUANTITY_KINDS


QUANTITY_KINDS = frozenset(
    {Kind.AMOUNT, Kind.COUNT, Kind.GROWTH, Kind.POINTS, Kind.SHARE, Kind.MULTIPLE, Kind.RATIO}
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a document.

    Positions follow the JSON contract: ``line`` is 1-based, ``column`` is
    1-based in code points of the original text (markdown ``**`` markers
    count), ``end_column`` is one past the last character. ``start``/``end``
    are 0-based code-point offsets into the whole text.
    """

    text: str  # the figure as written, markup removed: "5600亿元", "6.5%", "第2位"
    value: Decimal | None  # the written value in `unit` (None for non-quantities without one)
    unit: str | None  # "亿元", "%", "个百分点", "家", "GW"; None for a bare number
    kind: Kind
    interval: Interval  # what the written figure can mean, in `unit`
    qualifier: str | None = None  # 以上, 突破, 左右, 力争 … as written; several joined by "+"
    start: int = 0
    end: int = 0
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    sentence: str = ""  # the clause or sentence the figure sits in
    subject: str = ""  # what the figure is about, e.g. "新培育省级以上单项冠军、专精特新、瞪羚企业"
    stretch: bool = False  # 力争 / 争取 / 冲刺: a stretch target
    estimate: bool = False  # 预计: an estimate, not an outturn
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def lower(self) -> Decimal:
        return self.interval.lower

    @property
    def upper(self) -> Decimal:
        return self.interval.upper

    def as_record(self) -> dict:
        """The fields of the ``extract --format json`` contract (JSON-ready)."""
        return {
            "text": self.text,
            "value": _num(self.value),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "lower": _num(self.interval.lower),
            "upper": _num(self.interval.upper),
            "lower_closed": self.interval.lower_closed,
            "upper_closed": self.interval.upper_closed,
            "kind": self.kind.value,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "sentence": self.sentence,
            "subject": self.subject,
        }


def _figure_maker():
    # The generated __init__ of a frozen dataclass sets each field through
    # object.__setattr__ with keyword arguments; extract() builds one Figure per
    # written number, and the slot descriptors set the same fields in a third of the time.
    new = object.__new__
    (s_text, s_value, s_unit, s_kind, s_interval, s_qualifier, s_start, s_end, s_line, s_column,
     s_end_line, s_end_column, s_sentence, s_subject, s_stretch, s_estimate, s_extra) = (
        getattr(Figure, f.name).__set__ for f in fields(Figure)
    )

    def make(text, value, unit, kind, interval, qualifier, start, end, line, column, end_line, end_column,
             sentence, subject, stretch, estimate, extra) -> Figure:
        fig = new(Figure)
        s_text(fig, text)
        s_value(fig, value)
        s_unit(fig, unit)
        s_kind(fig, kind)
        s_interval(fig, interval)
        s_qualifier(fig, qualifier)
        s_start(fig, start)
        s_end(fig, end)
        s_line(fig, line)
        s_column(fig, column)
        s_end_line(fig, end_line)
        s_end_column(fig, end_column)
        s_sentence(fig, sentence)
        s_subject(fig, subject)
        s_stretch(fig, stretch)
        s_estimate(fig, estimate)
        s_extra(fig, extra)
        return fig

    return make


#: ``_make_figure(*every field, in declaration order)``: the same object as ``Figure(...)``
#: (which has no validation to skip), for extract()'s inner loop.
_make_figure = _figure_maker()


def _num(d: Decimal | None):
    """A Decimal as a JSON number: int when whole, else float of its exact text; ∞ → None."""
    if d is None or not d.is_finite():
        return None
    if d == d.to_integral_value():
        return int(d)
    return float(d)
