"""Matching: which source figure does a republished figure restate?

Every candidate of the same bucket (family and unit dimension) is scored with
what a careful editor uses, each part kept as a reason:

- subject similarity (``subject.similarity``, 0–1, the main part);
- period and status (``period.conflict``): +0.1 when both are known and agree,
  −0.3 when they conflict;
- kind (same kind +0.1) and written unit (+0.05);
- agreement of the values (faithful +0.25, undetermined +0.08): of two
  candidates about the same subject, the one the figure restates wins;
- neighbours: once the confident matches are known, candidates in a source
  sentence another figure of the same text sentence was matched to get +0.15
  (two figures of one source sentence travel together);
- an exact copy (same sentence, same figure) wins outright.

The best candidate is the match when its score reaches ``MATCH_MIN`` and its
subject similarity ``SUBJECT_MIN``; otherwise the figure is unmatched.
When the match contradicts the figure, the other candidates say what the slip
was: a neighbour of the same source sentence the figure agrees with (two
indicators' figures swapped), or a candidate of another period it agrees with
(a target told as a result, last year's figure told as this year's target).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportcheck.figure import Figure, Kind
from reportcheck.quantities.interval import Verdict

from . import period, subject, verdict
from .index import Entry, SourceIndex, exact_keys, figures_of, subject_terms

__all__ = ["Candidate", "Match", "match", "match_text", "MATCH_MIN", "SUBJECT_MIN"]

MATCH_MIN = 0.45
SUBJECT_MIN = 0.28
NEIGHBOUR_BONUS = 0.15
AGREE_WINDOW = 0.12
RESCUE_WINDOW = 0.3  # a contradicted match gives way to a same-number candidate this close in subject  # candidates within this much of the best subject similarity compete on values
_KEEP = 6  # candidates kept per figure after scoring


@dataclass(slots=True)
class Candidate:
    entry: Entry
    score: float
    subject: float
    fidelity: verdict.Fidelity
    conflict: str | None  # the period/status conflict, if any
    reasons: list[str] = field(default_factory=list)
    exact: bool = False
    agree: float = 0.0  # the part of the score from the values agreeing

    @property
    def figure(self) -> Figure:
        return self.entry.figure

    @property
    def index(self) -> int:
        return self.entry.position


@dataclass(slots=True)
class Match:
    figure: Figure
    when: period.When
    best: Candidate | None
    candidates: list[Candidate]
    sentence: str
    fidelity: verdict.Fidelity | None = None  # the final verdict (period and swap slips included)
    other: Entry | None = None  # the entry that explains the slip (the neighbour, the other period)


def match(fig: Figure, when: period.When, terms: dict[str, float], index: SourceIndex,
          key: tuple[str, str, int] | None = None) -> list[Candidate]:
    """Every candidate of ``index`` for ``fig``, best first (at most a few).

    ``key`` (from ``index.exact_keys``) lets a verbatim copy of a source sentence match its figure outright.
    """
    cands = index.candidates(fig)
    if not cands:
        return []
    exact = index.exact.get(key) if key is not None else None
    if exact is None and index.other_place(fig):
        return []  # about another province: not the source's figure
    tw = subject.Weighted(terms, index.vocab)
    sims = index.similarities(tw, cands[0].bucket)
    scope = _scope(fig)
    unit_iv: dict[str | None, object] = {}
    out: list[Candidate] = []
    best_subject = 0.0
    for e in cands:
        s = e.figure
        if s.unit not in unit_iv:
            unit_iv[s.unit] = verdict.in_unit(fig, s.unit)
        t_iv = unit_iv[s.unit]
        subj = sims.get(e.position, 0.0)
        # below SUBJECT_MIN a candidate can be neither the match nor an alternative: not judged
        if (subj < SUBJECT_MIN or (scope and not _has_scope(e.figure, scope))) and e is not exact:
            continue
        fid = verdict.judge(fig, s, t_iv=t_iv, s_iv=e.iv)
        conf = period.conflict(when, e.when, e.flow)
        if conf and fig.kind is Kind.RANK and _held(fig) and _held(s):
            conf = None  # 连续4年居全国首位: the span carries the period (compared by ``years``)
        if subj > best_subject:
            best_subject = subj
        score = subj
        if fig.kind is s.kind:
            score += 0.1
        if fig.unit == s.unit:
            score += 0.05
        agree = 0.0
        if fid.verdict is Verdict.PASS:
            agree = 0.25
            if t_iv is not None and t_iv == e.iv:
                agree += 0.15  # the same number: the strongest sign of a restatement
        elif fid.verdict is Verdict.UNDETERMINED:
            agree = 0.08
        if conf:
            score -= 0.3
        elif when.known and e.when.known:
            score += 0.1
        is_exact = e is exact
        if is_exact:
            score += 1.0
        c = Candidate(e, score, subj, fid, conf, exact=is_exact)
        c.agree = agree
        out.append(c)
    # agreement of the values decides between candidates about the same subject only: a
    # figure whose subject is clearly another indicator's is not taken because its value fits
    # (that would hide two neighbouring indicators' figures swapped)
    for c in out:
        if c.subject >= best_subject - AGREE_WINDOW:
            c.score += c.agree
        else:
            c.score += c.agree * 0.25
    out.sort(key=lambda c: -c.score)
    return out[:_KEEP]


_SCOPES = ("全国", "全球", "世界")


def _scope(fig: Figure) -> str | None:
    """A wider scope named right before the figure (全国GDP增长5.2%): it is not the report's own figure."""
    near = (fig.subject or "") + ((fig.extra or {}).get("context") or "")[-12:]
    for w in _SCOPES:
        if w in near and not re.search(w + r"[^，。；]{0,6}(?:第|首位|前列|前|之最)", near):
            return w
    return None


def _has_scope(fig: Figure, scope: str) -> bool:
    near = (fig.subject or "") + ((fig.extra or {}).get("context") or "")
    return scope in near


def _confirmed_by_sentence(fig: Figure, when: period.When, index: SourceIndex, key) -> list[Candidate]:
    """A figure whose own clause names no subject the source knows (GDP迈上3.6万亿元台阶，今年预期
    增长5%-5.5%: the subject is in the clause before): the words earlier in its sentence as
    its subject — but only to confirm it. A candidate found this way is kept when its value
    and period agree; a disagreement stays an unverifiable figure, never an accusation."""
    s = fig.sentence or ""
    i = s.find(fig.text)
    before = s[max(0, i - 60):i] if i > 0 else ""
    if not before:
        return []
    terms: dict[str, float] = {}
    subject.terms(before, 1.0, terms)
    wider = match(fig, when, terms, index, key)
    out = [c for c in wider if c.fidelity.verdict is Verdict.PASS and not c.conflict]
    if not out and wider and _derived(fig, wider, index) is not None:
        out = wider  # 规上工业企业从1832户增加到3382户，五年间增加了1550户: settled as derived
    for c in out:
        c.reasons.append("subject from the words earlier in its sentence")
    return out


def _sentence_key(fig: Figure) -> tuple[int, str]:
    return (fig.line, fig.sentence or "")


def match_text(index: SourceIndex, text: str) -> list[Match]:
    """Every comparable figure of ``text`` with its match (or None) and final verdict."""
    figs = figures_of(text)
    matches: list[Match] = []
    for f, key in zip(figs, exact_keys(figs)):
        w = period.text_when(text, f, index.year)
        cands = match(f, w, subject_terms(f), index, key)
        if not cands:
            cands = _confirmed_by_sentence(f, w, index, key)
        matches.append(Match(f, w, None, cands, f.sentence or ""))
    # neighbours: anchors are confident, faithful matches; their source sentences pull the
    # other figures of the same text sentence
    anchors: dict[tuple[int, str], set[int]] = {}
    for m in matches:
        if m.candidates:
            c = m.candidates[0]
            if c.exact or (c.fidelity.verdict is Verdict.PASS and c.subject >= 0.5 and not c.conflict):
                anchors.setdefault(_sentence_key(m.figure), set()).add(c.entry.sentence)
    for m in matches:
        near = anchors.get(_sentence_key(m.figure))
        if near:
            for c in m.candidates:
                if c.entry.sentence in near and not c.exact:
                    c.score += NEIGHBOUR_BONUS
                    c.reasons.append("same source sentence as its neighbours")
            m.candidates.sort(key=lambda c: -c.score)
        if m.candidates:
            c = m.candidates[0]
            if c.exact or (c.score >= MATCH_MIN and c.subject >= SUBJECT_MIN):
                m.best = c
    for m in matches:
        _settle(m, index, matches)
    return matches


def _crossed(m: Match, c: Candidate, e: Entry, matches: list[Match]) -> bool:
    """Another figure of the same text sentence was matched to the neighbour ``e`` and writes the
    number of ``c``: the two indicators' figures were swapped."""
    for o in matches:
        if o is m or o.best is None or o.sentence != m.sentence:
            continue
        if o.best.entry is e and verdict.same_number(o.figure, c.figure, s_iv=c.entry.iv):
            return True
    return False


def _plausible(m: Match, e: Entry, index: SourceIndex) -> bool:
    """Could the figure be about ``e`` by its words too (高新技术企业总量 and 总量突破1800家)?"""
    tw = subject.Weighted(subject_terms(m.figure), index.vocab)
    return subject.weighted_similarity(tw, e.weighted) >= SUBJECT_MIN


#: the words before a figure that make it a change (人均GDP五年提高2.2万元, 比2020年提高了1.5岁)
_CHANGE_BEFORE = re.compile(r"(?:提高|提升|增加|增长|上升|扩大|减少|下降|降低|缩小|多)了?$")


def _derived(fig: Figure, candidates: list[Candidate], index: SourceIndex) -> str | None:
    """A change the republication computed from two source figures of one sentence
    (从2020年的5.2万元提高到2025年的7.4万元 → 提高2.2万元): why it is faithful, else None."""
    if verdict.family(fig) == "percent" or "%" in (fig.unit or ""):
        return None  # 增长3.04% is a rate of its own, not a difference of two levels
    if not _CHANGE_BEFORE.search((fig.extra or {}).get("context") or ""):
        return None
    for cand in candidates:
        unit = cand.figure.unit
        t_iv = verdict.in_unit(fig, unit)
        if t_iv is None:
            continue
        ents = [e for e in index.sentences.get(cand.entry.sentence, ()) if e.bucket == cand.entry.bucket]
        for i, e1 in enumerate(ents):
            a = verdict.in_unit(e1.figure, unit)
            for e2 in ents[i + 1:]:
                b = verdict.in_unit(e2.figure, unit)
                if a is None or b is None:
                    continue
                if not (b - a).intersect(t_iv).is_empty or not (a - b).intersect(t_iv).is_empty:
                    return f"the change from the source's {e1.figure.text} to {e2.figure.text}"
    return None


def _blame(m: Match, other: Entry, slip: str, message: str) -> None:
    """The match is a slip explained by another source figure."""
    m.fidelity = verdict.Fidelity(Verdict.FAIL, slip, message)
    m.other = other


def _settle(m: Match, index: SourceIndex, matches: list[Match] = ()) -> None:
    """The final verdict of a match: the candidate's, or a swap / period slip explained by another."""
    c = m.best
    if c is None:
        return
    fid = c.fidelity
    if c.exact:
        m.fidelity = verdict.FAITHFUL
        return
    if fid.verdict is Verdict.FAIL and fid.slip == "value":
        why = _derived(m.figure, m.candidates, index)
        if why is not None:
            m.fidelity = verdict.Fidelity(Verdict.PASS, None, why)
            return
    if fid.verdict is not Verdict.PASS:
        # two neighbouring indicators' figures swapped: a neighbour in the same source sentence
        # (same bucket, not the match) that writes the very number of the figure
        for e in index.sentences.get(c.entry.sentence, ()):
            if e is c.entry or e.bucket != c.entry.bucket:
                continue
            f2 = verdict.judge(m.figure, e.figure, s_iv=e.iv)
            if (f2.verdict is Verdict.PASS and e.figure.text != c.figure.text
                    and verdict.same_number(m.figure, e.figure, s_iv=e.iv)):
                if (e.figure.kind, e.figure.unit) != (c.figure.kind, c.figure.unit) or (
                        not _crossed(m, c, e, matches) and _plausible(m, e, index)):
                    # not a swap: the neighbour is the figure itself (its kind and unit), the
                    # subject words pointed at a figure of another kind (人均 against the total)
                    m.best = Candidate(e, c.score, c.subject, f2, period.conflict(m.when, e.when, e.flow),
                                       reasons=["same number, kind and unit in the same source sentence"])
                    m.fidelity = f2 if not m.best.conflict else verdict.Fidelity(
                        Verdict.FAIL, "period", m.best.conflict)
                    return
                if (e.when.year is not None and c.entry.when.year is not None
                        and e.when.year != c.entry.when.year
                        and (e.figure.kind, e.figure.unit) == (c.figure.kind, c.figure.unit)):
                    # 从2020年的53.2%提升到2025年的57.7%: the same indicator at another time
                    _blame(m, e, "period", f"{m.figure.text} is {period.describe(e.when)}, not "
                           f"{period.describe(c.entry.when)} ({c.figure.text})")
                    return
                _blame(m, e, "swap", f"{m.figure.text} is the figure of the neighbouring indicator "
                       f"{e.figure.subject or 'in the same sentence'} ({e.figure.text})")
                return
        # another figure about (nearly) the same subject that writes this very number, in a
        # period the text does not contradict: the text restates that one
        for alt in m.candidates:
            if (alt is not c and alt.fidelity.verdict is Verdict.PASS and not alt.conflict
                    and alt.subject >= max(SUBJECT_MIN, c.subject - RESCUE_WINDOW)
                    and verdict.same_number(m.figure, alt.figure, s_iv=alt.entry.iv)):
                m.best = alt
                m.fidelity = alt.fidelity
                alt.reasons.append("the same number about the same subject")
                return
        # a figure of another period told as this one
        for alt in m.candidates:
            if alt is c or alt.fidelity.verdict is not Verdict.PASS or not alt.conflict:
                continue
            if not verdict.same_number(m.figure, alt.figure, s_iv=alt.entry.iv):
                continue  # the other period's figure is that very number
            if alt.subject >= c.subject - 0.15 and alt.subject >= SUBJECT_MIN:
                m.fidelity = verdict.Fidelity(Verdict.FAIL, "period", f"{alt.conflict} ({alt.figure.text})")
                m.other = alt.entry
                return
        m.fidelity = fid
        return
    if c.conflict:
        m.fidelity = verdict.Fidelity(Verdict.FAIL, "period", c.conflict)
        return
    m.fidelity = fid


def explain(m: Match) -> str:
    """Why the figure was matched to its source figure, in a few words."""
    c = m.best
    if c is None:
        return ""
    if c.exact:
        return "the same sentence"
    parts = []
    words = subject.shared_words(m.figure.subject or "", c.figure.subject or "")
    if not words:
        words = subject.shared_words(_subject_text(m.figure), _subject_text(c.figure))
    words = list(dict.fromkeys(words))
    if words:
        parts.append("subject " + "/".join(words[:2]))
    if c.entry.when.known and not c.conflict:
        parts.append(period.describe(c.entry.when))
    parts.append(c.figure.kind.value)
    parts.extend(dict.fromkeys(c.reasons))
    return ", ".join(parts)


_HELD = re.compile(r"连续[0-9一二三四五六七八九十两]+年")


def _held(f: Figure) -> bool:
    """A rank held over a span (连续47年居全国首位): its period is the span, not a year."""
    ctx = (f.extra or {}).get("context") or f.subject or ""
    return bool(_HELD.search(ctx[-16:]))


def _subject_text(f: Figure) -> str:
    ctx = (f.extra or {}).get("context") or ""
    return (f.subject or "") + " " + ctx[-24:]


__all__ += ["explain"]
