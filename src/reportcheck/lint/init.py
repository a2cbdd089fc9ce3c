"""Spec drafts: an :class:`~reportcheck.lint.infer.Inference` written as a spec (YAML).

The draft is plain YAML (every scalar written by ``yaml.safe_dump``) with comments:
a header saying what was inferred, and ``# REVIEW:`` lines above each indicator or
rule a human should look at (a guessed name, an ambiguous locator, a heuristic rule).
``reportcheck check`` on the draft passes on the unchanged document and catches a
slip in a changed one; ``lint`` runs exactly this spec in memory.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from reportcheck import periods as _periods
from reportcheck.lint.infer import Inference, InferredRule, Ind

_TITLE = re.compile(r"[^\n]{0,40}(?:政府工作报告|工作报告)[^\n]{0,12}")
_REGION = re.compile(r"(?:20[0-9]{2}年)?\s*([\u4e00-\u9fff]{2,12}?(?:省|市|自治区|特别行政区|区|县|州|盟))(?:人民)?政府工作报告")
_ID_CHARS = re.compile(r"[^a-z0-9\-_]+")


def _scalar(v: Any) -> Any:
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return int(v)
        return float(format(v, "f"))
    return v


def _flow(d: dict) -> str:
    return yaml.safe_dump(d, default_flow_style=True, allow_unicode=True, width=1_000_000, sort_keys=False).strip()


def _value(v: Any) -> str:
    s = yaml.safe_dump(v, default_flow_style=True, allow_unicode=True, width=1_000_000).strip()
    if s.endswith("\n..."):
        s = s[: -len("\n...")]
    elif s.endswith("..."):
        s = s[:-3].rstrip()
    return s


def _block(d: dict, indent: str) -> str:
    """A rule as a block mapping, one key a line, lists in flow style."""
    lines = []
    for k, (key, v) in enumerate(d.items()):
        lead = indent + ("- " if k == 0 else "  ")
        lines.append(f"{lead}{key}: {_value(v)}")
    return "\n".join(lines) + "\n"


def _comment(s: str) -> str:
    return " ".join(s.split())


def metadata(inf: Inference, source: str, stem: str) -> dict[str, Any]:
    head = inf.text[:3000].replace("*", "")
    m = _TITLE.search(head)
    title = m.group(0).strip(" #\t") if m else None
    if not title:
        title = next((ln.strip(" #\t") for ln in head.splitlines() if ln.strip()), stem) or stem
    r = _REGION.search(head)
    region = r.group(1) if r else "（待填写）"
    rid = _ID_CHARS.sub("-", stem.lower()).strip("-_") or "report"
    if not rid[0].isalnum():
        rid = "r" + rid
    return {"id": rid, "title": title[:80], "region": region, "year": inf.year, "source": source}


def indicator_dict(i: Ind) -> dict[str, Any]:
    d: dict[str, Any] = {"id": i.id, "name": i.name, "period": i.period, "kind": i.kind}
    if i.unit is not None:
        d["unit"] = i.unit
    d["value"] = _scalar(i.value)
    if i.qualifier:
        d["qualifier"] = i.qualifier
    if i.status != "实际":
        d["status"] = i.status
    d["locate"] = {"template": i.template, "occurrence": i.occurrence} if i.occurrence else i.template
    return d


def rule_dict(r: InferredRule) -> dict[str, Any]:
    d: dict[str, Any] = {"id": r.id, "kind": r.kind}
    d.update({k: _scalar(v) for k, v in r.fields.items()})
    d["severity"] = r.severity
    d["rationale"] = r.rationale
    return d


# --------------------------------------------------------------------------------------
# init's second look: periods from headings and paragraph openings, names from the subject
# --------------------------------------------------------------------------------------

# periods come from reportcheck.periods (the one reading of a report's parts and periods)


_VERB_NAME = re.compile(r"^(?:启动|建成|完成|实现|新增|达到|突破|超过|增长|下降|提高|提升|开工|投用|建设|新建|改造|培育|引进|"
                        r"开通|打造|推出|出台|形成|累计|总数|总量|共|居全国|年均|年均增长|增长了|分别|分别增长|分别达到|"
                        r"其中|全年|力争|预计|确保|争取|同比|比上年)+$")
_NAME_LEAD = re.compile(r"^(?:[\s◆◇●■▲•·\-—“”]|预计|力争|争取|确保|全年|实现|完成|推动|开展|启动|持续|深入|加快|新开通|打造|"
                        r"其中|同时|此外|全省|全市|全区|我省|我市|我区|累计|共|新建成|建成|新增|分别)+")
_NAME_TAIL = re.compile(r"(?:分别|分别为|分别达到|分别增长|增长|达到|突破|超过|超|达|为|是|居全国第?|提高|提升|下降|累计|共|约|近|"
                        r"[从由](?:20[0-9]{2}年的?)?|20[0-9]{2}年的?|以上|左右|和|与|及|、)+$")


def _clause_before(text: str, fig) -> str:
    """The words of the figure's clause before it (markers removed)."""
    a = max(text.rfind(ch, 0, fig.start) for ch in "。；;！？，,：:\n") + 1
    return text[a:fig.start].replace("*", "").strip()


def _subject_name(inf: Inference, ind: Ind) -> tuple[str, bool]:
    """(name, clear): the subject of the figure's clause, without leading verbs and trailing
    predicate words; ``clear`` is False when no such subject is written there."""
    name = ind.name or ""
    cjk_name = re.sub(r"[^\u4e00-\u9fff]", "", name)
    bad = (len(cjk_name) < 2 or _VERB_NAME.match(name) or re.fullmatch(r"第[0-9]+行的数字", name)
           or re.search(r"[0-9]", name) is not None and len(cjk_name) < 3)
    if not bad:
        return name, True
    for raw in (_clause_before(inf.text, ind.fig), ind.fig.subject or ""):
        cand = _NAME_LEAD.sub("", raw.replace("*", "").strip())
        cand = _NAME_TAIL.sub("", cand).strip("，、；：: ")
        cjk = re.sub(r"[^\u4e00-\u9fff]", "", cand)
        if len(cjk) >= 2 and not _VERB_NAME.match(cand) and not re.search(r"[0-9]", cand):
            return cand[-24:], True
    clause = _clause_before(inf.text, ind.fig)
    if len(re.sub(r"[^\u4e00-\u9fff]", "", clause)) >= 2:
        return clause[-24:], False
    return (name if len(cjk_name) >= 2 and not re.fullmatch(r"第[0-9]+行的数字", name) else ind.fig.text), False


_UNIT_WORD = {"亿元": "yuan", "万亿元": "yuan", "万元": "yuan", "元": "yuan", "亿美元": "usd", "美元": "usd",
              "家": "entities", "个": "units", "项": "items", "条": "lines", "所": "institutions", "座": "sites",
              "处": "sites", "人": "people", "万人": "people", "人次": "visits", "万人次": "visits", "户": "households",
              "亩": "area", "万亩": "area", "公顷": "area", "平方公里": "area", "平方米": "area", "公里": "length",
              "千米": "length", "吨": "tonnes", "万吨": "tonnes", "千瓦": "power", "万千瓦": "power", "次": "times",
              "%": "rate", "个百分点": "points", "倍": "multiple", "张": "beds", "套": "units", "辆": "vehicles"}


def _stem_for(name: str, ind: Ind) -> str:
    from reportcheck.lint.ids import slug, words

    ws = words(name)
    if ws:
        return slug("-".join(ws)) or "figure"
    return _UNIT_WORD.get(ind.unit or "", ind.kind if re.fullmatch(r"[a-z]+", ind.kind or "") else "figure")


def refine(inf: Inference) -> dict[str, str]:
    """init's second look at an inference, in place: periods from headings, paragraph
    openings and five-year sentences; a name from the subject where the inferred one is a
    verb or a placeholder (a REVIEW note where no subject is written); ids without line
    numbers. Rules follow the renamed ids. Returns {old id: new id}."""
    table = _periods.line_periods(inf.text, inf.year)
    five = f"{inf.year - 5}-{inf.year - 1}"
    renames: dict[str, str] = {}
    used = {i.id for i in inf.indicators}
    counters: dict[str, int] = {}
    for ind in inf.indicators:
        old_period, old_id = ind.period, ind.id
        found = _periods.period_at(table, ind.fig.start)
        was_target = ind.status in ("目标", "力争")
        if found is not None and found[2]:
            mode, period, _ = found
            if was_target and (mode == "review" or old_period == str(inf.year)):
                # never demote a target the first reading found, nor widen a year target to
                # the plan (主要预期目标 paragraphs under a 十五五 heading; plan targets under a
                # mixed 十四五/十五五 heading): keep its reading
                mode, period = "target", old_period
            if mode == "review" and period == str(inf.year - 1):
                a = max(inf.text.rfind(ch, 0, ind.fig.start) for ch in "。；;！？\n") + 1
                if _periods.five_year_sentence(inf.text[a:ind.fig.start].replace("*", "")):
                    period = five
            if mode == "target" and not was_target:
                ind.status = "力争" if ind.fig.stretch else "目标"
            if period != old_period:
                ind.notes.append(f"period {period} (from the heading or paragraph; the first reading was {old_period})")
            ind.period = period
        name, clear = _subject_name(inf, ind)
        if name != ind.name:
            ind.name = name
        if not clear:
            ind.notes.append("subject unclear: name the indicator (the clause before the figure names no subject)")
        parts = ind.id.split(".")
        stem = parts[0]
        role = parts[1] if len(parts) >= 3 else None
        if re.match(r"item-l[0-9]+", stem):
            stem = _stem_for(ind.name, ind)
        base_stem = re.sub(r"-[0-9]+$", "", stem) if re.match(r"item-l[0-9]+", parts[0]) else stem
        from reportcheck.lint.ids import period_slug

        tail = ".".join(x for x in (role, period_slug(ind.period)) if x)
        if f"{stem}.{tail}" == old_id:
            continue
        used.discard(old_id)
        cand = f"{base_stem}.{tail}"
        k = counters.get(cand, 1)
        while cand in used:
            k += 1
            cand = f"{base_stem}-{k}.{tail}"
        counters[f"{base_stem}.{tail}"] = k
        used.add(cand)
        ind.id = cand
        renames[old_id] = cand
    if renames:
        pat = re.compile(r"(?<![\w.\-])(" + "|".join(re.escape(k) for k in sorted(renames, key=len, reverse=True))
                         + r")(?![\w\-]|\.[\w])")

        def sub(v: Any) -> Any:
            if isinstance(v, str):
                return pat.sub(lambda m: renames[m.group(1)], v)
            if isinstance(v, list):
                return [sub(x) for x in v]
            if isinstance(v, tuple):
                return tuple(sub(x) for x in v)
            return v

        for r in inf.rules:
            r.fields = {k: sub(v) for k, v in r.fields.items()}
    return renames


def render_spec(inf: Inference, source: str, stem: str = "report", file_label: str | None = None) -> str:
    """The spec draft as YAML text (loadable with :func:`reportcheck.load_spec`)."""
    meta = metadata(inf, source, stem)
    out: list[str] = []
    q = inf.quantities
    covered = inf.covered()
    out.append(f"# Spec draft written by `reportcheck init` from {file_label or source}.")
    out.append("# Every quantity of the text is an indicator (name, period, kind, unit, value as written, and a")
    out.append("# locator: the words before the figure, `{}` standing for the number and its unit).")
    out.append(f"# {len(inf.indicators)} indicators from {len(q)} quantities; {len(inf.rules)} rules inferred from the "
               f"text alone cover {len(covered)} of them.")
    out.append("# Lines marked REVIEW need a human look: guessed names, ambiguous locators, heuristic rules.")
    out.append("# Ids come from a glossary of report vocabulary; rename freely (and in the rules too).")
    if inf.skipped:
        out.append(f"# Not included ({len(inf.skipped)}):")
        for f, why in inf.skipped[:40]:
            out.append(f"#   line {f.line}: {_comment(f.text)} — {_comment(why)}")
        if len(inf.skipped) > 40:
            out.append(f"#   … and {len(inf.skipped) - 40} more")
    for k, v in meta.items():
        out.append(_flow({k: v})[1:-1])
    out.append("")
    out.append("indicators:")
    if not inf.indicators:
        out.append("  []")
    last_period = None
    for i in inf.indicators:
        if i.period != last_period:
            out.append(f"  # ---------------------------------------------------------------- {i.period}")
            last_period = i.period
        for n in i.notes:
            out.append(f"  # REVIEW: {_comment(n)}")
        out.append(f"  - {_flow(indicator_dict(i))}")
    out.append("")
    out.append("rules:")
    if not inf.rules:
        out.append("  []")
    for r in inf.rules:
        if r.review:
            out.append(f"  # REVIEW: {_comment(r.review)}")
        out.append(_block(rule_dict(r), "  ").rstrip("\n"))
    return "\n".join(out) + "\n"


def source_for(doc: Path, output: str | os.PathLike | None) -> str:
    """The document path as the spec should name it: relative to the spec's directory when
    the spec is written to a file, absolute when it goes to standard output."""
    doc = Path(doc).resolve()
    if output is None or str(output) == "-":
        return str(doc)
    out_dir = Path(output).resolve().parent
    try:
        return os.path.relpath(doc, out_dir)
    except ValueError:  # another drive
        return str(doc)
