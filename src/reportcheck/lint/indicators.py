"""Indicators inferred from the figures: a name, period, status, kind, canonical value and
a locator the binder understands (:func:`make_locator`) for every quantity of the text."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from reportcheck.figure import Figure, Kind
from reportcheck.lint.ids import IdMaker, ROLE_WORDS
from reportcheck.lint.model import Ind
from reportcheck.periods import _section_at, period_of, sections
from reportcheck.text.plain import PlainText

if TYPE_CHECKING:
    from reportcheck.lint.locate_index import LeadIndex

#: 由/从 A 增至/降至 B: the direction word fixes the order of A and B
_UP_WORDS = ("增至", "增加到", "增加至", "提高到", "提高至", "提升到", "提升至", "增长到", "增长至", "扩大到", "扩大至",
             "上升到", "上升至", "升至", "跃升至", "跃升到", "攀升至", "攀升到")
_DOWN_WORDS = ("降至", "下降到", "下降至", "降低到", "降低至", "减少到", "减少至", "减至", "缩小到", "缩小至",
               "缩减至", "缩减到", "压减至", "压减到", "压降至", "压降到", "回落到", "回落至", "下降为")
_FROM_TO_GAP = re.compile(r"^(?:左右|以上|多|余)?(?P<verb>" + "|".join(_UP_WORDS + _DOWN_WORDS) + r")(?:(?:19|20)[0-9]{2}年的?)?(?:全国|全省)?$")
#: shares whose name bounds them by 100 % (a fraction of a whole)
_STRICT_SHARE = re.compile(
    r"(覆盖率|参保率|普及率|入学率|巩固率|达标率|优良率|合格率|占比|比重|城镇化率|公办率|通达率|"
    r"接种率|满意率|办结率|普惠率|比例|渗透率|使用率|留存率|建档率|签约率|入园率|升学率|就业率|"
    r"上线率|联网率|处理率|处置率|治理率|绿化率|贯通率|参与率)"
    r"(?:[^，。；、]{0,3})$"
)
#: a bare 占 before the share (民营经济主体占97.2%, 占全国92.8%): a part of the named whole
_BARE_ZHAN = re.compile(r"(?:占|占到|占据)(?:全国|全省|全区|全市|全疆|全球|总量的?|[^，。；、0-9%]{0,8})?的?$")
_SHAREISH = re.compile(r"(率|比例|比重|占比|覆盖|份额)")
#: rates that can exceed 100 % (completion, contribution, growth, self-sufficiency …): no range rule
_UNBOUNDED_RATE = re.compile(r"完成率|计划的|目标的|任务的|预算的|完成年|贡献率|增长率|增速|自给率|回报率|收益率|利润率|负债率|杠杆率|倍率|超额|执行率|达产率|"
                             r"满负荷|产销率|偿付|拉动|弹性|比上年|比去年|同比|周转率|溢价率|增值率|到位率|回收率")
#: gross ratios (毛入学率, 毛入园率) count over-age pupils and can exceed 100 %: a warning, never an error
_GROSS = re.compile(r"毛入")
_BAD_CTX = re.compile(r"[{}\n\r]")
#: a locator matching more places than this is not used (and matches are not listed beyond it:
#: listing every match of every candidate made lint quadratic in the number of figures)
_MAX_OCCURRENCE = 20
_TOTAL_WORDS = re.compile(r"^(总量|总数|总计|累计|合计|总规模|总量突破|总量达到|总数突破|总数达到|累计达到|达到|突破)$")
_LEAD = re.compile(r"^(?:[\s◆◇●■▲•·\-—]|预计|力争|争取|确保|全年|实现|完成|推动|开展|启动|持续|深入|加快|新开通|打造)+")


def _number_start(fig: Figure, text: str) -> int:
    s = fig.start
    while s < fig.end and text[s] in "第*":
        s += 1
    return s


def make_locator(fig: Figure, text: str, plain: PlainText, figures_by_start: list[Figure],
                 index: "LeadIndex | None" = None, found: dict | None = None,
                 tried: dict | None = None) -> tuple[str, int | None] | None:
    """A locator template (and occurrence) that binds exactly this figure, or None.

    ``index``: the document's :class:`reportcheck.lint.locate_index.LeadIndex` (built once
    by the caller), so that trying a template does not scan the whole text. ``found``: where
    to record the matches of the locator returned, as binding lists them (the key is
    ``(template, occurrence)``), so that binding the inferred spec need not search again.
    ``tried``: the document's templates searched so far and their matches (figures of the
    same words — 比上年增长{} — try the same templates: each is searched once)."""
    from reportcheck.lint.locate_index import locate_indexed

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

    last: list = []

    def attempt(template: str) -> tuple[bool, int | None]:
        """(binds this figure alone?, else its occurrence among a few matches, or None)."""
        matches = tried.get(template) if tried is not None else None
        if matches is None:
            try:
                matches = locate_indexed(template, plain, index, limit=_MAX_OCCURRENCE + 1)
            except Exception:  # noqa: BLE001 - a context the binder cannot read
                return False, None
            if tried is not None:
                tried[template] = matches
        last[:] = [matches]
        hit = [k for k, m in enumerate(matches) if fig.start <= m.start < max(fig.end, fig.start + 1)]
        if len(matches) == 1 and hit:
            return True, None
        return False, (hit[0] + 1 if hit and len(matches) <= _MAX_OCCURRENCE else None)

    def chosen(loc: tuple[str, int | None], matches: list) -> tuple[str, int | None]:
        if found is not None:
            # binding searches with limit=occurrence (or a few more than one): the same prefix
            found[loc] = matches[:loc[1]] if loc[1] is not None else matches
        return loc

    best: tuple[str, int | None] | None = None
    best_matches: list = []
    for k in (6, 10, 16, 24, 36, 60):
        a = max(line_start, p - k)
        before = pt[a:p]
        if _BAD_CTX.search(before) or not before.strip():
            continue
        template = before + "{}"
        unique, occurrence = attempt(template)
        if unique:
            return chosen((template, None), last[0])
        if occurrence is not None and best is None:
            best, best_matches = (template, occurrence), last[0]
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
            return chosen((template, None), last[0])
        if occurrence is not None and best is None:
            best, best_matches = (template, occurrence), last[0]
    return chosen(best, best_matches) if best is not None else None


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
    if not gross and _BARE_ZHAN.search(tail) and fig.unit == "%":
        return "strict"
    if not gross and fig.subject and _STRICT_SHARE.search(fig.subject[-12:]):
        return "strict"
    if _SHAREISH.search(tail) or _SHAREISH.search(fig.subject or ""):
        return "loose"
    if fig.unit == "%" and not fig.extra.get("direction") and _PERCENT_OF.match(after_of(fig)):
        return "strict"  # 90%的县医院: a part of the places named after 的
    if fig.unit == "%" and not fig.extra.get("direction"):
        return "loose"  # any other level in % (植被盖度45%): most lie within [0, 100] %
    return None


#: ``90%的县医院``: the share of a set (written after the figure)
_PERCENT_OF = re.compile(r"^(?:以上|左右|多)?的[^，。；、0-9]{1,8}")


def after_of(fig: Figure) -> str:
    """A few characters of the sentence right after the figure."""
    sent = fig.sentence or ""
    k = sent.find(fig.text)
    return sent[k + len(fig.text):k + len(fig.text) + 10].replace("*", "") if k >= 0 else ""


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


def _indicators(text: str, figures: list[Figure], year: int, skipped: list, located: dict | None = None) -> list[Ind]:
    from reportcheck.quantities.units import is_known_unit

    secs = sections(text, year)
    plain = PlainText(text)  # built once per document: the binder's locate reads it too
    from reportcheck.spec.bind import _CN_NUM, _DIGIT
    from reportcheck.spec.locate_fast import _shared_index

    # one pass: every template's lead looked up in it (the index the regex-free matching of
    # templates with a digit in a context reads too; None for a text too long to index)
    index = _shared_index(plain.text, _DIGIT, _CN_NUM, force=True)
    ids = IdMaker()
    out: list[Ind] = []
    tried: dict = {}
    # period_of reads only the figure's section and its paragraph (the text between two
    # line feeds): computed once per (paragraph, section)
    periods: dict[tuple[int, int], tuple[str, str]] = {}
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
        loc = make_locator(f, text, plain, figures, index, located, tried)
        if loc is None:
            skipped.append((f, "no locator binds it uniquely"))
            continue
        key = (text.rfind("\n", 0, f.start) + 1, _section_at(secs, f.start).start)
        mp = periods.get(key)
        if mp is None:
            mp = periods[key] = period_of(text, secs, f, year)
        mode, period = mp
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
                re.sub(r"(?:19|20)[0-9]{2}年的?|^/[月年人天日]", "", text[out[-1].fig.end:f.start].replace("*", "")))):
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
