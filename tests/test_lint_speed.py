"""lint's locator search (issues 18 and 19): the per-document index gives the binder's
matches, and lint grows about linearly with the document (a time ratio, never a time)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reportcheck.lint.locate_index import LeadIndex, locate_indexed, locate_windows
from reportcheck.spec import locate_fast
from reportcheck.spec.locate import _CN_NUM, _DIGIT, Match, _blanks_collapsed, compile_locator, locate
from reportcheck.spec.model import Locator
from reportcheck.text.plain import PlainText

CORPUS = Path(__file__).parent / "data" / "corpus"


def _regex(template: str, plain: PlainText, limit: int | None) -> list:
    """The truth: the template's compiled regex over the text (bind.locate's slow path)."""
    out = []
    view, vmap = _blanks_collapsed(plain)
    for m in compile_locator(Locator(template=template)).finditer(view):
        a, b = m.start("num"), m.end("unit")
        if vmap is not None:
            a, b = vmap[a], vmap[b - 1] + 1
        out.append(Match(*plain.orig_span(a, b), m.group("num"), m.group("unit")))
        if limit is not None and len(out) >= limit:
            break
    return out


def _templates(plain: PlainText, every: int = 3):
    """Templates as make_locator writes them: a few lengths of context before (and after) numbers."""
    import re

    pt = plain.text
    for k, m in enumerate(re.finditer(rf"(?<![{_DIGIT}.．])[{_DIGIT}{_CN_NUM}]", pt)):
        if k % every:
            continue
        p = m.start()
        ls = pt.rfind("\n", 0, p) + 1
        le = pt.find("\n", p)
        le = len(pt) if le < 0 else le
        for n in (3, 6, 10, 16):
            before = pt[max(ls, p - n):p]
            if before.strip() and "{" not in before and "}" not in before:
                yield before + "{}"
                after = pt[p + 1:min(le, p + 1 + n)]
                if after.strip() and "{" not in after and "}" not in after:
                    yield before + "{}" + after


@pytest.mark.parametrize("name", ["anhui.txt", "beijing.txt", "chongqing.txt"])
def test_indexed_search_gives_the_binders_matches(name):
    plain = PlainText((CORPUS / name).read_text(encoding="utf-8"))
    index = LeadIndex(plain.text, _DIGIT, _CN_NUM)
    tried = windows = 0
    for template in _templates(plain, every=7):
        for limit in (None, 21):
            expected = _regex(template, plain, limit)
            assert locate_indexed(template, plain, index, limit) == expected, template
            w = locate_windows(template, plain, limit)  # the regex path near the candidates
            if w is not None:
                assert w == expected, template
                windows += 1
            # bind.locate: the shared index once it has seen the text a few times
            assert locate(Locator(template=template), plain, limit=limit) == expected, template
        tried += 1
    assert tried > 200 and windows > 100
    assert locate_fast._SHARED[2] is not None  # the binder's search did use its index


def test_indexed_search_on_edge_cases():
    text = "增长 5%，增长\n\t6%；增长.7%，增长一百二十三万元，增长８万，增长1,234.5亿元和增长5。增长"
    plain = PlainText(text)
    index = LeadIndex(plain.text, _DIGIT, _CN_NUM)
    for template in ("增长{}", "增长{}万", "，增长{}", "增长{}%", "增长{}亿元和", "增长{}，增长", "增长{}。", "增长5%，增长{}", "长5%，增长{}，", "增长5.5%，增长{}", "2,增长{}", "增长1,{}"):
        for limit in (None, 1, 2):
            expected = _regex(template, plain, limit)
            assert locate_indexed(template, plain, index, limit) == expected, template
            w = locate_windows(template, plain, limit)
            assert w is None or w == expected, template
            for _ in range(9):
                assert locate(Locator(template=template), plain, limit=limit) == expected, template


def _cpu(fn, arg, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn(arg)
        best = min(best, time.process_time() - t)
    return best


@pytest.mark.slow
def test_lint_grows_about_linearly_with_the_document():
    """lint on ten reports in one document costs about ten times lint on one (was quadratic:
    each candidate locator scanned the whole text)."""
    from reportcheck.lint import lint_text

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:10]]
    small = texts[0]
    large = "\n".join(texts)
    lint_text(small)  # imports, caches
    r = _cpu(lint_text, large, repeat=1) / (len(large) / len(small)) / max(_cpu(lint_text, small), 1e-3)
    # r is the cost per character of the large document over the small one's: 1 when linear
    assert r < 3, r


@pytest.mark.parametrize("name", ["anhui.txt", "hainan.txt"])
def test_binding_with_the_matches_lint_found_is_binding(name):
    """lint hands binding the matches of the locators it wrote (bind(located=…)): the same
    table, findings and figures as searching every locator again."""
    from reportcheck.lint import infer, spec_for
    from reportcheck.spec.bind import bind

    text = (CORPUS / name).read_text(encoding="utf-8")
    inf = infer(text, file=name)
    spec = spec_for(text, name, inf)
    assert len(inf.located) >= len(spec.indicators) > 100
    fast = bind(spec, text, name, figures=inf.figures, located=inf.located)
    slow = bind(spec, text, name, figures=inf.figures)
    assert fast.table.equals(slow.table)
    assert fast.findings == slow.findings and fast.figures == slow.figures


@pytest.mark.parametrize("name", ["anhui.txt", "beijing.txt"])
def test_the_binders_table_is_coerce_table_of_its_rows(name, monkeypatch):
    """bind builds the indicator table column by column: the frame schema.coerce_table makes of
    the same rows (values, dtypes, index), also with an indicator not found and with no rows."""
    import pandas as pd

    from reportcheck.lint import infer, spec_for
    from reportcheck.schema import coerce_table
    from reportcheck.spec import bind as bind_module

    text = (CORPUS / name).read_text(encoding="utf-8")
    inf = infer(text, file=name)
    spec = spec_for(text, name, inf)
    rows: list = []
    real_row = bind_module._row
    monkeypatch.setattr(bind_module, "_row", lambda *a: rows.append(real_row(*a)) or rows[-1])
    bind_module.bind(spec, text, name, figures=inf.figures)
    rows.append(real_row(spec, spec.indicators[0], None, name, "r"))  # not found: NaN, None, NA
    for some in (rows, rows[-1:], rows[:1], []):
        pd.testing.assert_frame_equal(bind_module._table(some), coerce_table(pd.DataFrame(some)), check_exact=True)
