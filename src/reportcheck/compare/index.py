"""A source read once: its figures with their period, subject terms and comparison bucket.

``compare SOURCE A1 A2 …`` builds one :class:`SourceIndex` and matches every
article against it; the extraction and the section reading of the source are
never repeated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportcheck.figure import Figure, Kind
from reportcheck.quantities.interval import Interval

from . import period, subject, verdict
from .adapters import half_figures

__all__ = ["Entry", "SourceIndex", "figures_of", "subject_terms", "exact_keys", "is_flow"]


@dataclass(slots=True)
class Entry:
    figure: Figure
    when: period.When
    terms: dict[str, float]
    bucket: str
    sentence: int  # the number of its sentence in the source (figures of one sentence travel together)
    iv: Interval  # its interval in its own unit (percents as %)
    position: int  # index in SourceIndex.entries
    weighted: subject.Weighted | None = None  # terms × idf (set once the vocabulary is known)
    indicator: str | None = None  # the spec's indicator id, when the source is a spec
    flow: bool = True  # accumulates over its period (新增, 累计, a growth); a level does not


def figures_of(text: str) -> list[Figure]:
    """The figures of a text that compare can check: quantities and ranks (plus 一半)."""
    from reportcheck.text.extract import extract

    figs = [f for f in extract(text) if verdict.bucket(f) is not None and _comparable(f)]
    halves = half_figures(text)
    if halves:
        taken = [(f.start, f.end) for f in figs]
        for h in halves:
            if not any(a < h.end and h.start < b for a, b in taken):
                figs.append(h)
        figs.sort(key=lambda f: f.start)
    return figs


_RANKING = re.compile(r"居|排|列|位次|全国|全省|全市|全区|全球|世界")


#: provinces and their usual short names, to recognise a figure about another region
PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州",
             "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆")

_LABEL_BEFORE = re.compile(r"(?:图|表|附图|附表|组图|图片|No\.?|NO\.?)\s*$")


def _comparable(fig: Figure) -> bool:
    """Ranks only where something is ranked (居全省第2位, 全国首位), not 第十八届 or 第三次;
    no bare caption numbers (图1：, 表2)."""
    if fig.unit is None and fig.kind in (Kind.AMOUNT, Kind.COUNT, Kind.RATIO):
        ctx = (fig.extra or {}).get("context") or ""
        if _LABEL_BEFORE.search(ctx):
            return False
    if fig.kind is Kind.RANK:
        ctx = (fig.extra or {}).get("context") or fig.subject or ""
        return bool(_RANKING.search(ctx[-12:])) or fig.text.endswith(("位", "名"))
    return True


_FLOW = re.compile(r"累计|新增|年均|合计|总计|共计|完成投资|增加|提高|下降|减少|开行|改造|建成|新建|培育|引进|实施")


def is_flow(fig: Figure) -> bool:
    """Does the figure accumulate over its period (新增就业690万人, 年均增长5.7%) rather than state a
    level reached at its end (总量达14.2万亿元, 强度达3.38%)?"""
    if fig.kind not in (Kind.AMOUNT, Kind.COUNT, Kind.RATIO, Kind.SHARE):
        return True  # growth, points, multiples change over the period
    ctx = (fig.extra or {}).get("context") or fig.subject or ""
    return bool(_FLOW.search(ctx[-16:]))


def _after(fig: Figure) -> str:
    """The rest of the figure's clause after it (新增4.9万个学位: 学位)."""
    s = fig.sentence or ""
    i = s.find(fig.text)
    if i < 0:
        return ""
    rest = s[i + len(fig.text):]
    for j, ch in enumerate(rest):
        if ch in "，,；;。！？：:、（(":
            return rest[:j]
    return rest[:20]


def subject_terms(fig: Figure) -> dict[str, float]:
    """A figure's subject as weighted terms: its subject first, its clause and sentence after.

    ``X亿元的Y`` names its subject after the figure; a list item ``名称：数值`` before a colon.
    """
    t: dict[str, float] = {}
    after = _after(fig)
    s = fig.sentence or ""
    i = s.find(fig.text)
    before = s[max(0, i - 40):i] if i > 0 else ""
    ctx = ((fig.extra or {}).get("context") or "")[-24:]
    if after.startswith("的"):
        subject.terms(after[1:], 1.0, t)
        subject.terms(ctx, 0.25, t)
    elif fig.subject:
        subject.terms(fig.subject, 1.0, t)
        subject.terms(ctx, 0.4, t)
        subject.terms(after, 0.5, t)
    else:
        subject.terms(ctx, 0.9, t)
        subject.terms(after, 0.6, t)
        subject.terms(before, 0.6, t)  # a list item: 名称：数值
    subject.terms(before, 0.2, t)
    return t


class SourceIndex:
    """Every comparable figure of a source, with what matching needs, built once."""

    def __init__(self, text: str, file: str | None = None, *, labels: dict | None = None) -> None:
        """``labels``: figure start → (indicator id, name, When) from a spec (``spec_source``)."""
        self.text = text
        self.file = file
        self.spec = None  # set when the source is a spec
        self.binding = None
        self.year = period.report_year(text)
        figs = figures_of(text)
        whens = period.source_whens(text, figs, self.year)
        self.entries: list[Entry] = []
        self.by_bucket: dict[str, list[Entry]] = {}
        self.sentences: dict[int, list[Entry]] = {}
        self.exact: dict[tuple[str, str, int], Entry] = {}
        sent_no: dict[tuple[int, str], int] = {}
        labels = labels or {}
        for f, w, key in zip(figs, whens, exact_keys(figs)):
            b = verdict.bucket(f)
            if b is None:
                continue
            label = labels.get(f.start)
            if label is not None and label[2].known:
                w = label[2]  # the spec's period and status are authoritative
            sn = sent_no.setdefault((f.line, f.sentence), len(sent_no))
            iv = verdict.percent_interval(f) if verdict.family(f) == "percent" else f.interval
            terms = subject_terms(f)
            if label is not None:
                subject.terms(label[1], 1.0, terms)  # the spec's name of the indicator
            e = Entry(f, w, terms, b, sn, iv, len(self.entries))
            e.indicator = label[0] if label is not None else None
            e.flow = is_flow(f)
            self.entries.append(e)
            self.by_bucket.setdefault(b, []).append(e)
            self.sentences.setdefault(sn, []).append(e)
            self.exact.setdefault(key, e)
        self._place_counts: dict[str, int] = {}
        self.vocab = subject.Vocabulary(e.terms for e in self.entries)
        # postings per bucket: term → [(entry, idf-weighted weight)], so that a text figure's
        # subject similarity to every candidate is summed over the terms they share only
        self.postings: dict[str, dict[str, list[tuple[Entry, float]]]] = {}
        for e in self.entries:
            e.weighted = subject.Weighted(e.terms, self.vocab)
            post = self.postings.setdefault(e.bucket, {})
            for t, w in e.weighted.w.items():
                post.setdefault(t, []).append((e, w))

    def similarities(self, weighted: "subject.Weighted", bucket: str) -> dict[int, float]:
        """Subject similarity (``subject.weighted_similarity``) of a text figure's terms to every
        entry of ``bucket`` that shares a term with it: entry position → similarity."""
        post = self.postings.get(bucket)
        if not post or not weighted.total:
            return {}
        num: dict[int, float] = {}
        ent: dict[int, Entry] = {}
        for t, wa in weighted.w.items():
            lst = post.get(t)
            if lst is None:
                continue
            for e, wb in lst:
                p = e.position
                num[p] = num.get(p, 0.0) + (wa if wa < wb else wb)
                ent[p] = e
        ta = weighted.total
        return {p: 0.75 * n / ta + 0.25 * n / ent[p].weighted.total for p, n in num.items()}

    def other_place(self, fig: Figure) -> str | None:
        """A province the figure is about that the source hardly names (山东GDP增长6% against the
        Jining report): the figure is not the source's. 山东济宁 stays the source's own when
        济宁 is one of its places (written 济宁市/县/区 in the source)."""
        subj = fig.subject or ""
        for p in PROVINCES:
            i = subj.find(p)
            if i < 0:
                continue
            n = self._place_counts.get(p)
            if n is None:
                n = self._place_counts[p] = self.text.count(p)
            if n >= 3:
                continue
            follow = subj[i + len(p): i + len(p) + 2]
            if len(follow) == 2 and re.search(re.escape(follow) + "[市县区州盟]", self.text):
                continue
            return p
        return None

    @classmethod
    def from_path(cls, path: str | Path) -> "SourceIndex":
        from reportcheck.text.document import load_text

        p = Path(path)
        return cls(load_text(p), str(p))

    @property
    def figures(self) -> list[Figure]:
        return [e.figure for e in self.entries]

    def candidates(self, fig: Figure) -> list[Entry]:
        """Source entries in the figure's bucket (same family, same unit dimension)."""
        b = verdict.bucket(fig)
        return self.by_bucket.get(b, []) if b is not None else []


def exact_keys(figs: list[Figure]) -> list[tuple[str, str, int]]:
    """(sentence, figure text, its rank among equal figures of that sentence): the same key for a
    figure and its verbatim copy in another text."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for f in figs:
        k = (f.sentence or "", f.text)
        n = seen.get(k, 0)
        seen[k] = n + 1
        out.append((k[0], k[1], n))
    return out
