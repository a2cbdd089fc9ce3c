"""Finding the numeric targets of a report (PREVIOUS).

A numeric target is a quantity the report's plan for its year commits to: the main
targets paragraph (主要预期目标) and every other figure of the plan part (sector
targets, 以上/以内 bounds, 力争 stretch targets, counts of things to build, planned
investment). The plan part and the period come from the report's sections (the
reading ``reportcheck compare`` uses, see :mod:`reportcheck.targets.reading`).

Not targets:

- figures of another period (五年来, 十四五, 到2020年);
- a capacity that names a plant or project (``大唐700万吨露天矿``, ``2×35万千瓦热电联产``,
  ``3万吨扩建项目``): a capacity unit directly followed by a name;
- an attribute (``投资1.3亿元的…工程``): a figure directly followed by 的;
- names, ranks, labels, years, dates, durations (not quantities), and a 元 amount written
  in Chinese numerals alone (``三元`` is a company's name).

Joint targets: one figure after 分别/均 for several subjects before it (旅游人数…、
旅游收入…，分别增长20%) is one target per subject; a joint subject (城乡居民可支配收入增长18%)
is one target per indicator it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportcheck.figure import Figure, Kind
from reportcheck.targets import data
from reportcheck.targets.reading import When, whens

__all__ = ["Target", "find_targets", "QUANTITY_KINDS", "family", "indicator_of", "following_noun"]

QUANTITY_KINDS = frozenset(
    {Kind.AMOUNT, Kind.COUNT, Kind.GROWTH, Kind.POINTS, Kind.SHARE, Kind.RATIO, Kind.MULTIPLE}
)

_OTHER_HORIZON = re.compile(r"到\s*(20\d\d)\s*年|(20\d\d)\s*年(?:前|底前)?(?:要|将)?(?:实现|达到|建成)")
_NOUN_END = re.compile(r"[，。；：、,;:！？!?（(）)\n“”]|等|和|及|与|的|以上|以下|以内|左右")


def family(fig: Figure) -> str:
    """level (amounts, counts, per-capita), change (growth %), points, share, multiple."""
    if fig.kind is Kind.GROWTH:
        return "change"
    if fig.kind is Kind.POINTS:
        return "points"
    if fig.kind is Kind.SHARE:
        return "share"
    if fig.kind is Kind.MULTIPLE:
        return "multiple"
    return "level"


@dataclass
class Target:
    figure: Figure
    indicator: str  # what the target is about, as the report names it
    when: When
    joint: str | None = None  # how a joint target was split, for the reason
    words: tuple[str, ...] = ()  # the qualifier words of the figure
    extra: dict = field(default_factory=dict)

    @property
    def family(self) -> str:
        return family(self.figure)


def following_noun(text: str, fig: Figure) -> str:
    """The words right after a figure up to the next punctuation (``2500座`` has none;
    ``31.2公里农村公路、`` has 农村公路)."""
    rest = text[fig.end: fig.end + 30]
    m = _NOUN_END.search(rest)
    return rest[: m.start()] if m else rest


_DELIM = "、，；。：,;:！？\n"
_LEAD_WORDS = re.compile(r"^(?:年内|全年|今年|力争|确保|要|并|新建|新增|完成|实施|实现|达到|重点|启动|开工建设|建成|再)+")


def _list_noun(text: str, fig: Figure) -> str:
    """In a list of figures that share one noun (``3800户、58万平方米棚户区改造``), that noun."""
    pos = fig.end
    for _ in range(6):
        if text[pos: pos + 1] != "、":
            return ""
        m = re.match(r"、[0-9０-９.两一二三四五六七八九十百千万亿]+[^\s、，。；：0-9]{0,6}?(?=[\u4e00-\u9fff]{2}|[、，。；])",
                     text[pos: pos + 20])
        if not m:
            return ""
        pos += m.end()
        rest = text[pos: pos + 30]
        e = _NOUN_END.search(rest)
        noun = rest[: e.start()] if e else rest
        if len(noun) >= 2:
            return noun
    return ""


def _trailing_verbs() -> re.Pattern:
    from reportcheck.quantities.qualifiers import PREFIX_WORDS

    words = sorted(set(PREFIX_WORDS) | {"同比增长", "同比下降", "增长", "下降", "提高", "减少", "为", "是"}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")+$")


_TRAILING_VERBS = _trailing_verbs()


def _item_before(text: str, fig: Figure) -> str:
    """The words between the previous delimiter and the figure (``、温室500亩`` → 温室)."""
    start = fig.start
    i = start - 1
    while i >= 0 and start - i <= 30 and text[i] not in _DELIM:
        i -= 1
    item = text[i + 1: start]
    return _LEAD_WORDS.sub("", item.strip())


def _clause_before_sentence(fig: Figure) -> str:
    s = fig.sentence or ""
    k = s.find(fig.text)
    head = s[: k if k >= 0 else len(s)]
    parts = [p for p in re.split(r"[，；,;]", head) if p.strip()]
    return parts[-2].strip() if len(parts) >= 2 else ""


def indicator_of(text: str, fig: Figure) -> str:
    """The indicator a figure is about: the noun it precedes in a list
    (``重点实施31.2公里农村公路、1.2万亩农田草牧场水利建设``), the list item before it
    (``、温室500亩``), the noun a list of figures shares, else its subject."""
    after = following_noun(text, fig)
    if text[fig.end: fig.end + 1] == "的":  # 投资1.3亿元的供水主管网改造: what the money is for
        rest = text[fig.end + 1: fig.end + 31]
        m = _NOUN_END.search(rest)
        after = rest[: m.start()] if m else rest
    if len(after) >= 2 and not after.startswith(data.AFTER_NOT_NOUN):
        return after
    item = _item_before(text, fig)
    shared = _list_noun(text, fig)
    if shared:
        return shared
    subject = (fig.subject or "").strip()
    own = _TRAILING_VERBS.sub("", item)
    if len(own) >= 2 and text[fig.start - 1: fig.start] != "、" and subject not in own and own not in subject:
        return own
    if subject:
        return subject
    if len(item) >= 2:
        return item
    return _clause_before_sentence(fig) or after


def _words(fig: Figure) -> tuple[str, ...]:
    """The qualifier words of a figure, as the qualifier policy splits them."""
    try:  # the consolidated policy (one reading of "力争+突破" / "力争突破")
        from reportcheck.quantities.qualifiers import words_of
    except ImportError:  # before it lands: extract joins the words with "+"
        q = fig.qualifier or ""
        return tuple(w for w in q.split("+") if w)
    return tuple(words_of(fig.qualifier))


def _is_capacity(text: str, fig: Figure) -> bool:
    unit = fig.unit or ""
    base = unit.lstrip("万亿千百")
    if unit.endswith(("千瓦", "千瓦时")):
        base = "千瓦"
    if base not in data.CAPACITY_UNITS and unit not in data.CAPACITY_UNITS:
        return False
    nxt = text[fig.end: fig.end + 1]
    return bool(nxt) and "\u4e00" <= nxt <= "\u9fff" and nxt not in "的等和及以左"


def _is_attribute(text: str, fig: Figure) -> bool:
    return text[fig.end: fig.end + 1] == "的"


def _is_name_misread(fig: Figure) -> bool:
    if fig.unit != "元":
        return False
    digits = fig.text[: -1] if fig.text.endswith("元") else fig.text
    return bool(digits) and all(ch in data.CJK_DIGITS for ch in digits)


_DIFFERENCE = re.compile(r"比上年[^，。；、]{0,8}?(?:增加|减少|多|少|提高|下降)$")


def _difference(fig: Figure) -> bool:
    """比上年增加1.1万亿元: the change of a level target from the year before restates it."""
    ctx = ((fig.extra or {}).get("context") or "").strip()
    return bool(_DIFFERENCE.search(ctx))


def _other_horizon(fig: Figure, year: int) -> bool:
    clause = (fig.extra or {}).get("context") or fig.sentence[: max(fig.sentence.find(fig.text), 0)]
    for m in _OTHER_HORIZON.finditer(clause or ""):
        y = int(m.group(1) or m.group(2))
        if y != year:
            return True
    return False


def _cjk_only(fig: Figure) -> bool:
    digits = fig.text[: len(fig.text) - len(fig.unit or "")] if fig.unit and fig.text.endswith(fig.unit) else fig.text
    return bool(digits) and all(ch in data.CJK_DIGITS for ch in digits)


def is_candidate(text: str, fig: Figure) -> bool:
    """A quantity that can be a target or an outcome (names, capacities, attributes are not)."""
    if fig.kind not in QUANTITY_KINDS or fig.unit is None:
        return False
    if _is_name_misread(fig):
        return False
    # 两处市民公园, 四大特色旅游工程, 十四届四次全委, 四个方面: a number in words before a noun
    # totals a list or names something; 年内新建幼儿园两所 (ending its clause) is a count
    if _cjk_only(fig):
        nxt = text[fig.end: fig.end + 1]
        if nxt and "\u4e00" <= nxt <= "\u9fff":
            return False
    return True


def find_targets(text: str, figures: list[Figure] | None = None, year: int | None = None) -> tuple[list[Target], int]:
    """Every numeric target of a report's plan, and the report's year."""
    from reportcheck import extract
    from reportcheck.targets.reading import report_year

    figs = list(extract(text)) if figures is None else figures
    y = report_year(text) if year is None else year
    ws = whens(text, figs, y)
    out: list[Target] = []
    pending: list[tuple[Figure, When]] = []  # plan figures in text order
    for f, w in zip(figs, ws):
        if w.status != "target" or w.span is not None or (w.year is not None and w.year != y):
            continue
        if not is_candidate(text, f):
            continue
        if _is_capacity(text, f) or _is_attribute(text, f) or _other_horizon(f, y) or _difference(f) or f.estimate:
            continue
        if text.startswith(data.OUTLINE_NOUNS, f.end):  # 抓好9个方面工作: the speech's own outline
            continue
        pending.append((f, w))
    for i, (f, w) in enumerate(pending):
        out.extend(_expand(text, f, w, pending[:i]))
    return out, y


def _expand(text: str, f: Figure, w: When, before: list[tuple[Figure, When]]) -> list[Target]:
    """One target, or several for a joint one."""
    words = _words(f)
    ctx = (f.extra or {}).get("context") or ""
    name = indicator_of(text, f)
    # 规模以上工业增加值、固定资产投资均增长8%: one figure for the subjects listed before 均/分别
    each = _each_subjects(ctx)
    if family_of_kind(f) == "change" and len(each) >= 2:
        return [Target(f, s, w, joint=f"one figure for {len(each)} indicators ({'、'.join(each)})", words=words)
                for s in each]
    # 旅游人数…，旅游收入…，分别增长20%: one figure for the levels before it in its part of the sentence
    if family_of_kind(f) == "change" and any(ctx.rstrip().endswith(e) or f"{e}增长" in ctx or f"{e}提高" in ctx
                                              or f"{e}下降" in ctx for e in data.EACH_WORDS):
        part_start = _part_start(text, f)
        same = [g for g, _ in before if g.sentence == f.sentence and g.kind not in (Kind.GROWTH, Kind.POINTS)
                and part_start <= g.start < f.start]
        subjects = []
        for g in same:
            s = indicator_of(text, g)
            if s and s not in subjects:
                subjects.append(s)
        if len(subjects) >= 2:
            return [Target(f, s, w, joint=f"one figure for {len(subjects)} indicators ({'、'.join(subjects)})",
                           words=words) for s in subjects]
    for joint, parts in data.JOINT_SUBJECTS.items():
        if joint in name and family_of_kind(f) in ("change", "level") and any(w in name for w in data.JOINT_ONLY):
            # 城乡居民收入分别增长8%和9%: the first figure is the first part, the second the second
            siblings = [g for g, _ in before if g.sentence == f.sentence and indicator_of(text, g) == name
                        and "分别" in ((g.extra or {}).get("context") or "")]
            if "分别" in ctx or siblings:
                k = 1 if siblings else 0
                return [Target(f, name.replace(joint, parts[k], 1), w,
                               joint=f"{joint}: {parts[k]} (the {'second' if k else 'first'} of 分别)", words=words)]
            return [Target(f, name.replace(joint, p, 1), w, joint=f"{joint}: one figure for {'、'.join(parts)}",
                           words=words) for p in parts]
    return [Target(f, name, w, words=words)]


_EACH_LIST = re.compile(r"([^，。；：:,;]{2,80}?)(?:" + "|".join(data.EACH_WORDS) + r")(?:增长|提高|下降|减少|达到|为)?$")


def _each_subjects(ctx: str) -> list[str]:
    """The subjects listed right before 均/分别 in a figure's clause (A、B均增长 → [A, B])."""
    m = _EACH_LIST.search(ctx.strip())
    if not m:
        return []
    items = [x.strip() for x in re.split(r"[、和及与]", m.group(1)) if x.strip()]
    return items if len(items) >= 2 and all(len(x) >= 2 for x in items) else []


def _part_start(text: str, fig: Figure) -> int:
    """Where the figure's part of its sentence starts (after the last ；or ：)."""
    return max(text.rfind("；", 0, fig.start), text.rfind("：", 0, fig.start), text.rfind("。", 0, fig.start)) + 1


def family_of_kind(f: Figure) -> str:
    return family(f)
