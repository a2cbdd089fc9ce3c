"""lint's locator search (issues 18 and 19): the per-document index gives the binder's
matches, and lint grows about linearly with the document (a time ratio, never a time)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reportcheck.lint.locate_index import LeadIndex, locate_indexed
from reportcheck.spec.bind import _CN_NUM, _DIGIT, locate
from reportcheck.spec.model import Locator
from reportcheck.text.plain import PlainText

CORPUS = Path(__file__).parent / "data" / "corpus"


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
    tried = 0
    for template in _templates(plain):
        for limit in (None, 21):
            assert locate_indexed(template, plain, index, limit) == locate(Locator(template=template), plain, limit=limit), template
        tried += 1
    assert tried > 500


def test_indexed_search_on_edge_cases():
    text = "增长 5%，增长\n\t6%；增长.7%，增长一百二十三万元，增长８万，增长1,234.5亿元和增长5。增长"
    plain = PlainText(text)
    index = LeadIndex(plain.text, _DIGIT, _CN_NUM)
    for template in ("增长{}", "增长{}万", "，增长{}", "增长{}%", "增长{}亿元和", "增长{}，增长", "增长{}。"):
        for limit in (None, 1, 2):
            assert locate_indexed(template, plain, index, limit) == locate(Locator(template=template), plain, limit=limit), template


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
