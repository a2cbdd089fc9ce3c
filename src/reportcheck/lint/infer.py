"""Indicators and rules inferred from a report's text alone.

:func:`infer` reads every figure (``reportcheck.text.extract``), decides which part of
the report each figure belongs to (review of the past year or targets), turns every
quantity into an indicator (name, period, kind, unit, canonical value, a locator the
binder understands) and infers rules between them. The rules are ordinary rules of the
registered kinds (part-of, share-range, change-range, target-coherence, count-of-list,
rank-range): ``lint`` runs them through the same engine as ``check``, and ``init``
writes them into a spec draft.

Severity policy: a rule is ``error`` only where the reading of the sentence is
unambiguous (a new count against the total of the same clause; a named share such as
覆盖率; a 下降 figure; a part directly after 其中 in the same unit; a level target
against the same indicator's base with its growth target); ``warning`` where the
inference is a heuristic (sums of 其中 parts, shares without a bounded name, counts
of listed items, ranks against an assumed group size); ``info`` for plausibility.
See docs/lint.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportcheck.figure import Figure, Kind
from reportcheck.lint.ids import IdMaker, ROLE_WORDS
from reportcheck.text.plain import PlainText

# --------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------


@dataclass
class Ind:
    """An inferred indicator: one quantity figure of the text."""

    fig: Figure
    id: str
    name: str
    period: str
    kind: str
    unit: str | None
    value: Decimal | None
    qualifier: str | None
    status: str
    template: str
    occurrence: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class InferredRule:
    id: str
    kind: str
    fields: dict[str, Any]  # the kind's fields, indicator ids as references
    severity: str
    rationale: str
    figures: list[Figure]
    review: str | None = None  # what a human should look at (init writes it as a comment)


@dataclass
class Inference:
    text: str
    file: str | None
    year: int
    figures: list[Figure]
    indicators: list[Ind]
    rules: list[InferredRule]
    skipped: list[tuple[Figure, str]] = field(default_factory=list)

    def covered(self) -> set[int]:
        """Start offsets of the quantity figures that at least one rule reads."""
        return {f.start for r in self.rules for f in r.figures}

    @property
    def quantities(self) -> list[Figure]:
        return [f for f in self.figures if f.kind.is_quantity]


# --------------------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------------------
_NEW = re.compile(r"新增|新培育|新建|新开通|新认定|新入选|新引育|新引进|新设立|新登记|新注册|新获批|新创建|新布局|净增|新开工|新签约|新投产|培育")
_NEW_TOTAL_GAP = re.compile(
    r"^(?:以上|多|余|左右)?\s*[，、,]\s*(?P<tot>总量|总数|总计|累计|合计|总规模)?\s*(?:已|将)?\s*"
    r"(?P<lvl>达到|达|突破|超过|超|逾|增至|增加到|增加至|提高到|提高至|提升到|提升至|升至)?\s*$"
)
_FENBIE_TOTAL_GAP = re.compile(
    r"^(?:以上|多|余|左右)?\s*[，,]\s*(?P<tot>总量|总数|总计|累计|合计|总规模)?\s*(?:已|将)?\s*分别\s*"
    r"(?:达到|达|突破|超过|增至|增加到|为)?\s*$"
)
_LEVEL_GROWTH_GAP = re.compile(
    r"^(?:以上|多|余|左右)?\s*[，、,]\s*(?:同比|比上年|较上年|年均)?\s*(?:增长|增加|提高|上涨|下降|减少|降低|回落)\s*$"
)
_GROWTH_LEVEL_GAP = re.compile(
    r"^(?:以上|左右)?\s*[，、,]\s*(?:力争|争取|确保|努力)?\s*(?:总量|规模)?\s*"
    r"(?:达到|达|突破|超过|超|逾|增至|实现)\s*$"
)
#: 由/从 A 增至/降至 B: the direction word fixes the order of A and B
_UP_WORDS = ("增至", "增加到", "增加至", "提高到", "提高至", "提升到", "提升至", "增长到", "增长至", "扩大到", "扩大至",
             "上升到", "上升至", "升至", "跃升至", "跃升到", "攀升至", "攀升到")
_DOWN_WORDS = ("降至", "下降到", "下降至", "降低到", "降低至", "减少到", "减少至", "减至", "缩小到", "缩小至",
               "缩减至", "缩减到", "压减至", "压减到", "压降至", "压降到", "回落到", "回落至", "下降为")
_FROM_TO_GAP = re.compile(r"^(?:左右|以上|多|余)?(?P<verb>" + "|".join(_UP_WORDS + _DOWN_WORDS) + r")(?:(?:19|20)[0-9]{2}年的?)?(?:全国|全省)?$")
_FROM_BEFORE = re.compile(r"[由从](?:(?:19|20)[0-9]{2}年的?|上年的?|全国|全省|平均|每年)?$")
_QIZHONG_GAP = re.compile(r"^(?:以上|多|余|左右)?[^，。；、,;：:“”]{0,8}[，、,]?\s*其中[，,：:]?")
#: shares whose name bounds them by 100 % (a fraction of a whole)
_STRICT_SHARE = re.compile(
    r"(覆盖率|参保率|普及率|入学率|巩固率|达标率|优良率|合格率|占比|比重|城镇化率|公办率|通达率|"
    r"接种率|满意率|办结率|普惠率|比例|渗透率|使用率|留存率|建档率|签约率|入园率|升学率|就业率|"
    r"上线率|联网率|处理率|处置率|治理率|绿化率|贯通率|参与率)"
    r"(?:[^，。；、]{0,3})$"
)
_SHAREISH = re.compile(r"(率|比例|比重|占比|覆盖|份额)")
#: rates that can exceed 100 % (completion, contribution, growth, self-sufficiency …): no range rule
_UNBOUNDED_RATE = re.compile(r"完成率|贡献率|增长率|增速|自给率|回报率|收益率|利润率|负债率|杠杆率|倍率|超额|执行率|达产率|"
                             r"满负荷|产销率|偿付|拉动|弹性|比上年|比去年|同比|周转率|溢价率|增值率|到位率|回收率")
#: gross ratios (毛入学率, 毛入园率) count over-age pupils and can exceed 100 %: a warning, never an error
_GROSS = re.compile(r"毛入")
#: words after a count that make it part of a name (八项规定, 三大球)
_AFTER_NAME = re.compile(r"^(规定|球|件套|连冠|精神)")
_RANK_CTX = re.compile(r"(全国|全省|全区|全市)[^，。；、]{0,12}$")
_RANK_EXCLUDE = re.compile(r"城市|县|区县|百强|企业|高校|大学|园区|开发区|乡镇|地市|市州|全球|世界")
_GROWTH_SUBJECT_REAL = re.compile(r"生产总值|GDP|增加值|经济增长")
_LIST_COUNT_UNITS = ("大", "项", "场", "类", "种", "个", "条", "张", "支", "批", "件", "座", "所")
_CN_SMALL = "一二两三四五六七八九十"
_REVIEW_HEAD = re.compile(r"回顾|成就|过去一年|过去五年|工作总结")
_TARGET_HEAD = re.compile(r"工作安排|预期目标|主要目标|目标任务|重点工作|工作任务|总体要求|今年[^。]{0,12}工作|做好[^。]{0,8}工作")
_YEAR = re.compile(r"(20[0-9]{2})\s*年")
_FIVE_REVIEW = re.compile(r"^[\s“”]*(?:过去五年|五年来|“?十四五”?时期|“?十三五”?时期)")
_FIVE_TARGET = re.compile(r"“?十五五”?时期")
_TITLE_YEAR = re.compile(r"(20[0-9]{2})\s*年[^\n]{0,20}政府工作报告")
_TARGET_PARA = re.compile(r"^[\s◆◇●■▲•·\-—]*(?:今年|[0-9]{4}年)?[^。]{0,16}主要预期目标")

# --------------------------------------------------------------------------------------
# sections and periods
# --------------------------------------------------------------------------------------


@dataclass
class _Section:
    start: int
    mode: str  # review | target
    period: str


def report_year(text: str) -> int:
    """The year of the report: its title (2026年…政府工作报告), else the headings, else the years used."""
    head = text[:3000]
    m = _TITLE_YEAR.search(head)
    if m:
        return int(m.group(1))
    for line in text.splitlines():
        s = line.strip()
        if 0 < len(s) <= 60:
            y = _YEAR.search(s)
            if y and _TARGET_HEAD.search(s):
                return int(y.group(1))
            if y and _REVIEW_HEAD.search(s):
                return int(y.group(1)) + 1
    years = [int(y) for y in _YEAR.findall(text) if 1990 <= int(y) <= 2100]
    return max(years) if years else 2024


def sections(text: str, year: int) -> list[_Section]:
    """Where the review and the target parts start (by headings), each with its period."""
    out = [_Section(0, "review", str(year - 1))]
    pos = 0
    for line in text.splitlines(keepends=True):
        s = line.strip().replace("*", "")
        start = pos
        pos += len(line)
        if not s:
            continue
        if len(s) <= 60:
            y = _YEAR.search(s)
            if _REVIEW_HEAD.search(s) and not _TARGET_HEAD.search(s):
                period = y.group(1) if y else (f"{year - 5}-{year - 1}" if "十四五" in s else str(year - 1))
                out.append(_Section(start, "review", period))
                continue
            if _TARGET_HEAD.search(s):
                if y:
                    period = y.group(1)
                elif _FIVE_TARGET.search(s):
                    period = f"{year}-{year + 4}"
                else:
                    period = str(year)
                out.append(_Section(start, "target", period))
                continue
    return out


def _section_at(secs: list[_Section], offset: int) -> _Section:
    cur = secs[0]
    for s in secs:
        if s.start <= offset:
            cur = s
        else:
            break
    return cur


def _paragraph(text: str, offset: int) -> str:
    a = text.rfind("\n", 0, offset) + 1
    b = text.find("\n", offset)
    return text[a: b if b >= 0 else len(text)]


def period_of(text: str, secs: list[_Section], fig: Figure, year: int) -> tuple[str, str]:
    """(mode, period) of a figure: its section, refined by its paragraph's opening words."""
    sec = _section_at(secs, fig.start)
    mode, period = sec.mode, sec.period
    para = _paragraph(text, fig.start).replace("*", "")
    if _TARGET_PARA.search(para[:60]):
        return "target", str(year)
    if mode == "review" and _FIVE_REVIEW.search(para[:20]):
        return "review", f"{year - 5}-{year - 1}"
    return mode, period


# --------------------------------------------------------------------------------------
# locators
# --------------------------------------------------------------------------------------


_BAD_CTX = re.compile(r"[{}\n\r]")


def _number_start(fig: Figure, text: str) -> int:
    s = fig.start
    while s < fig.end and text[s] in "第*":
        s += 1
    return s


#: a locator matching more places than this is not used (and matches are not listed beyond it:
#: listing every match of every candidate made lint quadratic in the number of figures)
_MAX_OCCURRENCE = 20


def make_locator(fig: Figure, text: str, plain: PlainText, figures_by_start: list[Figure]) -> tuple[str, int | None] | None:
    """A locator template (and occurrence) that binds exactly this figure, or None."""
    from reportcheck.spec.bind import locate
    from reportcheck.spec.model import Locator

    ns = _number_start(fig, text)
    p = plain.plain(ns)
    if p is None:
        return None
    pt = plain.text
    line_start = pt.rfind("\n", 0, p) + 1
    line_end = pt.find("\n", p)
    line_end = len(pt) if line_end < 0 else line_end
    fig_len = len(fig.text) - (ns - fig.start) if fig.text else 1
    after_start = min(p + max(fig_len, 1), line_end)

    def attempt(template: str) -> tuple[bool, int | None]:
        """(binds this figure alone?, else its occurrence among a few matches, or None)."""
        try:
            matches = locate(Locator(template=template), plain, limit=_MAX_OCCURRENCE + 1)
        except Exception:  # noqa: BLE001 - a context the binder cannot read
            return False, None
        hit = [k for k, m in enumerate(matches) if fig.start <= m.start < max(fig.end, fig.start + 1)]
        if len(matches) == 1 and hit:
            return True, None
        return False, (hit[0] + 1 if hit and len(matches) <= _MAX_OCCURRENCE else None)

    best: tuple[str, int | None] | None = None
    for k in (6, 10, 16, 24, 36, 60):
        a = max(line_start, p - k)
        before = pt[a:p]
        if _BAD_CTX.search(before) or not before.strip():
            continue
        template = before + "{}"
        unique, occurrence = attempt(template)
        if unique:
            return template, None
        if occurrence is not None and best is None:
            best = (template, occurrence)
        if a == line_start:
            break
    # a figure at the start of its line: context after it
    for k in (6, 12, 24):
        after = pt[after_start:min(line_end, after_start + k)]
        if _BAD_CTX.search(after) or not after.strip():
            continue
        before = pt[max(line_start, p - 6):p]
        if _BAD_CTX.search(before):
            before = ""
        template = before + "{}" + after
        unique, occurrence = attempt(template)
        if unique:
            return template, None
        if occurrence is not None and best is None:
            best = (template, occurrence)
    return best


# --------------------------------------------------------------------------------------
# indicators
# --------------------------------------------------------------------------------------


def _is_down(fig: Figure) -> bool:
    return fig.kind in (Kind.GROWTH, Kind.POINTS) and fig.extra.get("direction") == "down"


def _context(fig: Figure) -> str:
    return str(fig.extra.get("context") or "")


def share_class(fig: Figure) -> str | None:
    """'strict' (a named share, bounded by 100 %), 'loose' (a rate of some kind) or None."""
    if fig.kind is not Kind.SHARE or fig.unit not in ("%", "成"):
        return None
    ctx = _context(fig).replace("*", "")
    tail = ctx[-16:]
    if _UNBOUNDED_RATE.search(tail) or _UNBOUNDED_RATE.search(fig.subject or ""):
        return None
    gross = bool(_GROSS.search(tail) or _GROSS.search(fig.subject or ""))
    if not gross and _STRICT_SHARE.search(tail):
        return "strict"
    if not gross and fig.subject and _STRICT_SHARE.search(fig.subject[-12:]):
        return "strict"
    if _UNBOUNDED_RATE.search(tail) or _UNBOUNDED_RATE.search(fig.subject or ""):
        return None
    if _SHAREISH.search(tail) or _SHAREISH.search(fig.subject or ""):
        return "loose"
    return None


_TOTAL_WORDS = re.compile(r"^(总量|总数|总计|累计|合计|总规模|总量突破|总量达到|总数突破|总数达到|累计达到|达到|突破)$")


def _name(fig: Figure) -> str:
    name = (fig.subject or "").strip().replace("*", "")
    ctx = _context(fig).replace("*", "").strip("，、；,;：: ")
    if name and name not in ctx and len(ctx) >= 2 and not _TOTAL_WORDS.match(_clean_ctx(ctx)):
        name = _clean_ctx(ctx)  # the extractor took the words after the figure; the words before are better
    name = re.sub(r"(?:[从由](?:(?:19|20)[0-9]{2}年的?|上年的?|全国|全省|平均)?|(?:19|20)[0-9]{2}年的?)$", "", name).strip("，、 ")
    if not name:
        name = ctx[-20:]
    if not name:
        name = f"第{fig.line}行的数字"
    return name[:60]


_LEAD = re.compile(r"^(?:[\s◆◇●■▲•·\-—]|预计|力争|争取|确保|全年|实现|完成|推动|开展|启动|持续|深入|加快|新开通|打造)+")


def _clean_ctx(ctx: str) -> str:
    ctx = re.split(r"[。；;！？]", ctx)[-1]
    ctx = _LEAD.sub("", ctx)
    return ctx[-24:]


def _role(fig: Figure) -> str | None:
    if fig.kind is Kind.GROWTH:
        return "change" if _is_down(fig) else "growth"
    if fig.kind is Kind.POINTS:
        return "points"
    if fig.kind is Kind.SHARE:
        return "rate"
    if fig.kind is Kind.MULTIPLE:
        return "multiple"
    ctx = _context(fig)[-12:]
    for w, role in ROLE_WORDS.items():
        if w in ctx:
            return role
    if re.search(r"总量|总数|累计|总计|达到", ctx):
        return "total"
    return None


def _kind_for(fig: Figure, unit: str | None, value: Decimal) -> tuple[str, list[str]]:
    """The indicator kind, adjusted so that the indicator table passes its schema unless the figure is wrong."""
    from reportcheck.schema import unit_kind_problem, value_kind_problem

    notes: list[str] = []
    kind = fig.kind.value
    if fig.kind is Kind.SHARE and share_class(fig) != "strict":
        kind = "ratio"
        notes.append("a rate whose name does not bound it by 100 %: kept as a ratio")
    if unit_kind_problem(kind, unit) is not None:
        notes.append(f"read as {kind} but: {unit_kind_problem(kind, unit)}; kept as a ratio")
        kind = "ratio"
    elif value_kind_problem(kind, unit, float(value)) is not None:
        # an impossible value for its kind (a share of 185 %, a fall of 114 %): the spec loader
        # refuses it as a canonical value, so the indicator is declared a ratio and the rules
        # (share-range, change-range) report the figure
        notes.append(f"CHECK THE TEXT: {value_kind_problem(kind, unit, float(value))}; declared a ratio")
        kind = "ratio"
    return kind, notes


def _indicators(text: str, figures: list[Figure], year: int, skipped: list) -> list[Ind]:
    from reportcheck.quantities.units import is_known_unit

    secs = sections(text, year)
    plain = PlainText(text)  # built once per document: the binder's locate reads it too
    ids = IdMaker()
    out: list[Ind] = []
    for f in figures:
        rank = (f.kind is Kind.RANK and f.text.startswith("第") and f.value is not None
                and f.unit in (None, "位", "名") and text[f.end:f.end + 1] not in tuple("批次届个轮方梯档季期强"))
        if not f.kind.is_quantity and not rank:
            continue
        if f.value is None:
            skipped.append((f, "a range or unreadable value"))
            continue
        if "fraction" in f.extra or len(f.value.as_tuple().digits) > 15:
            skipped.append((f, "a fraction (no exact decimal value)"))
            continue
        unit = None if rank else f.unit
        if unit is not None and not is_known_unit(unit):
            skipped.append((f, f"unit {unit!r} is not a known unit"))
            continue
        loc = make_locator(f, text, plain, figures)
        if loc is None:
            skipped.append((f, "no locator binds it uniquely"))
            continue
        mode, period = period_of(text, secs, f, year)
        status = "实际"
        if mode == "target":
            status = "力争" if f.stretch else "目标"
        elif f.estimate:
            status = "预计"
        value = -f.value if _is_down(f) and f.value > 0 else f.value
        kind, notes = _kind_for(f, unit, value)
        if kind == "ratio" and _is_down(f):
            value = f.value  # an impossible fall, kept as written (the binder signs growth only)
        name = _name(f)
        if _TOTAL_WORDS.match(name) and out and out[-1].fig.line == f.line:
            prev = out[-1].name
            prev = re.sub(r"^(新增|新培育|新建|新开通|新认定|新入选|新引育|新引进|净增|培育)", "", prev)
            if re.search(r"(总量|总数|总计|累计)$", prev):
                name = prev
            else:
                name = f"{prev}{name if name.startswith(('总', '累计')) else '总量'}"
        role = _role(f)
        if (out and out[-1].fig.line == f.line and _FROM_TO_GAP.match(
                re.sub(r"(?:19|20)[0-9]{2}年的?", "", text[out[-1].fig.end:f.start].replace("*", "")))):
            name, role = out[-1].name, "to"  # 由A增至B: B is the same indicator, later
        ind = Ind(fig=f, id=ids(name, period, role, f.line), name=name, period=period, kind=kind, unit=unit,
                  value=value, qualifier=f.qualifier, status=status, template=loc[0], occurrence=loc[1],
                  notes=notes)
        if loc[1] is not None:
            ind.notes.append(f"locator matches several places; occurrence {loc[1]} is this one")
        if not f.subject:
            ind.notes.append("name guessed from the words before the figure")
        out.append(ind)
    return out


# --------------------------------------------------------------------------------------
# rules
# --------------------------------------------------------------------------------------


def _gap(text: str, a: Figure, b: Figure) -> str:
    return text[a.end:b.start].replace("*", "")


def _group(f: Figure) -> str | None:
    if f.kind in (Kind.COUNT, Kind.AMOUNT):
        return "level"
    return None


def _base_unit(unit: str | None) -> str:
    """The unit without its magnitude (万千瓦 → 千瓦)."""
    from reportcheck.quantities.units import split_magnitude

    return split_magnitude(unit or "")[1]


def _compatible(a: Figure, b: Figure) -> bool:
    from reportcheck.quantities.units import compatible

    if not a.unit or not b.unit:
        return False
    try:
        return compatible(a.unit, b.unit)
    except Exception:  # noqa: BLE001 - unknown unit
        return False


def _norm_subject(s: str) -> str:
    s = re.sub(r"^(全省|全市|全区|全国|全年|预计|完成|实现|地方|全部|全口径|力争)+", "", s or "")
    return s.replace("*", "").strip()


class _Rules:
    def __init__(self, inf: Inference):
        self.inf = inf
        self.by_start = {i.fig.start: i for i in inf.indicators}
        self.rules: list[InferredRule] = []
        self.ids: set[str] = set()

    def ind(self, f: Figure) -> Ind | None:
        return self.by_start.get(f.start)

    def add(self, stem: str, kind: str, fields: dict, severity: str, rationale: str, figs: list[Figure],
            review: str | None = None) -> None:
        rid = f"{stem}-l{figs[0].line}"
        k = 2
        base = rid
        while rid in self.ids:
            rid = f"{base}-{k}"
            k += 1
        self.ids.add(rid)
        self.rules.append(InferredRule(rid, kind, fields, severity, rationale, figs, review))


def infer_rules(inf: Inference) -> list[InferredRule]:
    R = _Rules(inf)
    text = inf.text
    figs = inf.figures
    n = len(figs)
    pairs: list[tuple[Figure, Figure]] = []  # (level, growth) of one indicator

    # -- consecutive figures: new vs total, level + growth -----------------------------
    for k in range(n - 1):
        a, b = figs[k], figs[k + 1]
        ia, ib = R.ind(a), R.ind(b)
        if ia is None or ib is None or a.line != b.line:
            continue
        gap = _gap(text, a, b)
        if _group(a) == "level" and _group(b) == "level" and _compatible(a, b):
            m = _NEW_TOTAL_GAP.match(gap)
            if m and (m.group("tot") or m.group("lvl")):
                new_word = _NEW.search(_context(a))
                if m.group("tot") or new_word:
                    R.add("new-within-total", "part-of", {"part": ia.id, "whole": ib.id}, "error",
                          f"“{_short(a, b, text)}”: the new figure is counted in the total of the same clause, "
                          f"so it cannot exceed it.", [a, b])
        if _group(a) == "level" and b.kind is Kind.GROWTH and _LEVEL_GROWTH_GAP.match(gap):
            pairs.append((a, b))
        elif a.kind is Kind.GROWTH and _group(b) == "level" and _GROWTH_LEVEL_GAP.match(gap):
            pairs.append((b, a))

    # -- 分别 lists: new counts against their totals, member by member -----------------------
    runs: list[list[Figure]] = []
    for f in figs:
        if R.ind(f) is None or _group(f) != "level":
            continue
        if runs and runs[-1][-1].line == f.line and re.fullmatch(r"(?:以上|多|余|左右)?(?:、|和|及|与)",
                                                                  _gap(text, runs[-1][-1], f)):
            runs[-1].append(f)
        else:
            runs.append([f])
    for r1, r2 in zip(runs, runs[1:]):
        if len(r1) < 2 or len(r1) != len(r2) or r1[-1].line != r2[0].line:
            continue
        m = _FENBIE_TOTAL_GAP.match(_gap(text, r1[-1], r2[0]))
        if not m or not (m.group("tot") or _NEW.search(_context(r1[0]))):
            continue
        if not all(_compatible(a, b) for a, b in zip(r1, r2)):
            continue
        for a, b in zip(r1, r2):
            R.add("new-within-total", "part-of", {"part": R.ind(a).id, "whole": R.ind(b).id}, "error",
                  f"“{_short(r1[0], r2[-1], text)}”: 分别 pairs each new figure with its total, which includes it.",
                  [a, b])

    # -- 由/从 A 增至/降至 B: the end is above (below) the start ------------------------------
    quants = [f for f in figs if R.ind(f) is not None]
    for a, b in zip(quants, quants[1:]):
        if a.line != b.line:
            continue
        gap = re.sub(r"(?:19|20)[0-9]{2}年的?", "", _gap(text, a, b))
        m = _FROM_TO_GAP.match(gap)
        before = text[max(0, a.start - 12):a.start].replace("*", "")
        if not m or not _FROM_BEFORE.search(re.sub(r"[第]$", "", before)):
            continue
        ranks = a.kind is Kind.RANK and b.kind is Kind.RANK
        if not ranks and not (_group(a) in ("level",) or a.kind in (Kind.SHARE, Kind.RATIO)) :
            continue
        if not ranks and not (a.unit == b.unit or _compatible(a, b)):
            continue
        if not ranks and _base_unit(a.unit) in ("位", "名"):
            continue  # 由369位上升到235位: a rank written without 第, or people? ambiguous
        up = m.group("verb") in _UP_WORDS
        if ranks:
            up = not up  # a rank rises when its number falls
        ia, ib = R.ind(a), R.ind(b)
        expr = f"{ib.id} > {ia.id}" if up else f"{ib.id} < {ia.id}"
        R.add("from-to-direction", "expression", {"expr": expr}, "error",
              f"“{_short(a, b, text)}”: {m.group('verb')} says the figure went "
              f"{'up' if (m.group('verb') in _UP_WORDS) else 'down'}" + (" (a rank rises when its number falls)" if ranks else "")
              + ".", [a, b])

    # -- 其中: parts against the stated whole ---------------------------------------------
    for k in range(n - 1):
        w = figs[k]
        iw = R.ind(w)
        if iw is None or _group(w) != "level":
            continue
        nxt = figs[k + 1]
        gap = _gap(text, w, nxt)
        m = _QIZHONG_GAP.match(gap)
        if not m or nxt.line != w.line:
            continue
        # the parts: figures after 其中 up to the end of that clause (、 lists continue it)
        qz = text.find("其中", w.end)
        parts: list[Figure] = []
        j = k + 1
        pos = qz + 2
        while j < n and figs[j].line == w.line:
            f = figs[j]
            between = text[pos:f.start].replace("*", "")
            between = re.sub(r"^[，,：:]", "", between) if pos == qz + 2 else between
            if re.search(r"[，,；;。！？]", between):
                break
            if f.kind.is_quantity:
                # the first figure after 其中, or the next member of a 、-list of parts; anything
                # else in the clause (其中3920个新投产项目增加产值5100多亿元) is not a part
                first = j == k + 1
                listed = bool(parts) and re.match(r"^(?:以上|多|余|左右)?[^，。；、,;“”]{0,8}、", between) is not None
                if not (first or listed):
                    break
                if R.ind(f) is not None and _group(f) == "level" and _compatible(f, w) and not re.search(r"由$", _context(f)):
                    parts.append(f)
                elif first:
                    break
            pos = f.end
            j += 1
        for p in parts:
            same = _base_unit(p.unit) == _base_unit(w.unit)
            R.add("part-within-whole", "part-of", {"part": R.ind(p).id, "whole": iw.id},
                  "error" if same else "warning",
                  f"“{_short(w, p, text)}”: a part listed after 其中 cannot exceed its whole.", [p, w])
        if len(parts) >= 2:
            R.add("parts-within-whole", "part-of", {"part": [R.ind(p).id for p in parts], "whole": iw.id},
                  "warning", f"“{_short(w, parts[-1], text)}”: the parts listed after 其中 add up to at most "
                  f"the whole (a warning: the parts may overlap).", [*parts, w],
                  review="check that the parts do not overlap; if they partition the whole, set exact: true")

    # -- shares and declines ---------------------------------------------------------------
    strict, loose, downs = [], [], []
    for f in figs:
        i = R.ind(f)
        if i is None:
            continue
        c = share_class(f)
        if c == "strict":
            strict.append(f)
        elif c == "loose":
            loose.append(f)
        if f.kind is Kind.GROWTH and _is_down(f) and f.unit == "%":
            downs.append(f)
    for f in strict:
        R.add("share-within-0-100", "share-range", {"indicators": [R.ind(f).id]}, "error",
              f"{_name(f)} is a share of a whole: between 0 % and 100 %.", [f])
    for f in loose:
        R.add("rate-within-0-100", "share-range", {"indicators": [R.ind(f).id]}, "warning",
              f"{_name(f)} reads as a rate; most rates lie between 0 % and 100 % (a warning: "
              f"completion or contribution rates can exceed 100 %).", [f],
              review="is this rate bounded by 100 %? If not, delete the rule")
    for f in downs:
        i = R.ind(f)
        # a growth indicator holds the signed change (下降7.1% → -7.1); one declared a ratio because its
        # value is impossible holds the size of the fall as written
        rng = {"min": -100, "max": 0} if i.kind == "growth" else {"min": 0, "max": 100}
        R.add("decline-at-most-100", "change-range", {"indicators": [i.id], **rng},
              "error", f"{_name(f)} 下降: a fall of more than 100 % would leave a negative quantity.", [f])

    # -- level + growth pairs: plausibility, and targets against their base -------------
    secs_mode = {i.fig.start: i.status for i in inf.indicators}
    for lvl, g in pairs:
        ig = R.ind(g)
        if not _is_down(g):
            R.add("growth-plausible", "change-range", {"indicators": [ig.id], "min": -100}, "info",
                  f"{_name(lvl)} {lvl.text} with growth {g.text}: a yearly growth above 100 % is unusual.", [g])
    reviewed = [(lvl, g) for lvl, g in pairs if secs_mode.get(lvl.start) in ("实际", "预计")]
    targets = [(lvl, g) for lvl, g in pairs if secs_mode.get(lvl.start) in ("目标", "力争")]
    base_period = str(inf.year - 1)
    for tl, tg in targets:
        name = _norm_subject(tl.subject or tg.subject)
        if len(name) < 2:
            continue
        cands = []
        for f in figs:
            i = R.ind(f)
            if (i is None or _group(f) != "level" or i.status not in ("实际", "预计") or i.period != base_period
                    or not _compatible(f, tl)):
                continue
            bn = _norm_subject(f.subject)
            if bn and (bn == name or (len(bn) >= 4 and len(name) >= 4 and (bn.endswith(name) or name.endswith(bn)))):
                cands.append(f)
        if len(cands) != 1:
            continue
        b = cands[0]
        real = bool(_GROWTH_SUBJECT_REAL.search(name))
        fields = {"base": R.ind(b).id, "growth": R.ind(tg).id, "target": R.ind(tl).id}
        if real:
            fields.update(real=True)
        R.add("target-coherent", "target-coherence", fields, "error",
              f"{name}: the {inf.year} level target {tl.text} must be reachable from the {base_period} base "
              f"{b.text} with the stated growth {tg.text}" + (" (growth at comparable prices)" if real else "") + ".",
              [tl, tg, b])

    # -- counts of listed items ----------------------------------------------------------
    for f in figs:
        i = R.ind(f)
        if i is None or f.kind is not Kind.COUNT:
            continue
        items = _listed_items(f, text[f.end:f.end + 6].replace("*", ""))
        if items is None:
            continue
        R.add("count-of-list", "count-of-list", {"count": i.id, "items": items}, "warning",
              f"“{'、'.join(items)}{f.text}”: the count should equal the number of items listed before it.", [f],
              review="check the items: the list was split at 、")

    # -- ranks ---------------------------------------------------------------------------
    for f in figs:
        if f.kind is not Kind.RANK or f.value is None:
            continue
        i = R.ind(f)
        if i is None:
            continue
        after = text[f.end:f.end + 2].replace("*", "")
        if (f.unit not in (None, "位", "名") or after[:1] in tuple("批次届个轮方梯档季期强")
                or not re.match(r"^(?:[，。；、,;）)]|$)", after if f.unit else after[:1] or "")):
            continue
        ctx = _context(f).replace("*", "")
        m = _RANK_CTX.search(ctx)
        if not m or _RANK_EXCLUDE.search(ctx[m.start():]):
            continue
        scope = m.group(1)
        of, group = (34, "全国34个省级行政区") if scope == "全国" else (21, "一省（区）的地级行政区（至多21个）")
        R.add("rank-in-group", "rank-range", {"rank": i.id, "of": of, "group": group}, "warning",
              f"a rank in {scope} lies between 1 and {of}.", [f],
              review=f"set 'of' to the real size of the group ({scope})")
    return R.rules


def _listed_items(f: Figure, after: str = "") -> list[str] | None:
    """The items of a 、-list written directly before a small count (A、B、C三大工程), or None."""
    text = f.text
    if not text or text[0] not in _CN_SMALL:
        return None
    if _base_unit(f.unit) not in _LIST_COUNT_UNITS or f.qualifier:
        return None
    ctx = _context(f).replace("*", "")
    if "、" not in ctx or ctx.endswith(("等", "等等", "共", "这")) or re.search(r"[“”\"《》（）()]", ctx):
        return None
    items = [x.strip() for x in ctx.split("、")]
    if len(items) < 2 or any(not x for x in items):
        return None
    # the first item may carry the clause's verb (坚决打赢…); the others are short names
    if len(items[0]) > 20 or any(len(x) > 12 for x in items[1:]):
        return None
    if any(re.search(r"[0-9]|[一二两三四五六七八九十][大项个类条种]", x) or len(x) < 2 for x in items):
        return None
    if _AFTER_NAME.match(after):
        return None
    if any(re.search(r"和|及|与|以及|等", x) for x in items):
        return None
    if len(set(items)) != len(items):
        return None
    try:
        n = int(f.value)
    except (TypeError, ValueError):
        return None
    if n < 2 or n > 12:
        return None
    return items


def _short(a: Figure, b: Figure, text: str, limit: int = 60) -> str:
    lo, hi = min(a.start, b.start), max(a.end, b.end)
    s = text[lo:hi].replace("*", "")
    ctx = text[max(0, lo - 20):lo].replace("*", "")
    ctx = re.split(r"[。；;！？\n]", ctx)[-1]
    out = ctx + s
    return out if len(out) <= limit else "…" + out[-limit:]


# --------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------


def infer(text: str, file: str | None = None, figures: list[Figure] | None = None) -> Inference:
    """Figures, indicators and rules of a document, from its text alone."""
    from reportcheck.text.extract import extract

    if figures is None:
        figures = extract(text, file=file)
    figures = sorted(figures, key=lambda f: (f.start, f.end))
    year = report_year(text)
    skipped: list[tuple[Figure, str]] = []
    inds = _indicators(text, figures, year, skipped)
    inf = Inference(text=text, file=file, year=year, figures=figures, indicators=inds, rules=[], skipped=skipped)
    inf.rules = infer_rules(inf)
    return inf
