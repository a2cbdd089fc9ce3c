"""Where a candidate locator matches, without scanning the whole document per candidate.

``make_locator`` tries a few templates per figure (``before{}``, ``before{}after``) and asks
how many places each matches. Searched template by template, every try scanned the whole
text: lint was quadratic in the document's length (issue 18: lint on 1 MB took minutes).

:class:`LeadIndex` is built once per document: every place where a number character
(an Arabic digit or a Chinese numeral, what a locator's number can start with) follows
some text, keyed by the :data:`KEY` characters before it (blanks in between skipped, as
the lead's ``\\s*`` skips them). A template whose leading context is plain text (no digit,
no blank, no ``*``, at least ``KEY`` characters) then looks up only the places its lead's
last characters precede a number, checks the whole lead there, and hands those places to
:func:`reportcheck.spec.locate_fast.locate_literal`, which reads the number, unit and
trailing context exactly as before. A template with a digit in a context is matched by
:func:`reportcheck.spec.locate_fast.locate_near` (its regex walked in Python near the
numbers one of its literal pieces precedes, no regex compiled); one that fits neither
takes its compiled regex over the text (:func:`reportcheck.spec.locate.locate_regex`).
The matches are the same either way (``tests/test_lint_speed.py`` compares them on the
corpus, ``tests/test_locate_fast.py`` the matcher with the regex).
"""

from __future__ import annotations


from reportcheck.spec.locate_fast import KEY, LeadIndex, usable  # noqa: F401 (the index lives beside its user)


def locate_indexed(template: str, plain, index: LeadIndex | None, limit: int | None):
    """The matches of ``template`` in ``plain`` (a PlainText), as :func:`reportcheck.spec.locate.locate` gives them."""
    from reportcheck.spec import bind
    from reportcheck.spec.locate_fast import locate_literal
    from reportcheck.spec.model import PLACEHOLDER, Locator

    from reportcheck.spec.locate import locate_regex
    from reportcheck.spec.locate_fast import _shared_index

    before, after = template.split(PLACEHOLDER, 1)
    if index is not None:
        # a digit in a context: the regex matched without compiling it, near the numbers its
        # literal pieces precede (locate_near, on the text's shared index: built now if need be)
        _shared_index(plain.text, bind._DIGIT, bind._CN_NUM, force=True)
        fast = locate_literal(before, after, plain.text, limit, context_pattern=bind._context_pattern,
                              digit=bind._DIGIT, cn_num=bind._CN_NUM, unit=bind._UNIT,
                              leads=index.leads(before) if usable(before) else None)
        if fast is not None:
            return [bind.Match(*plain.orig_span(a, b), num, unit) for a, b, num, unit in fast]
        return locate_regex(Locator(template=template), plain, limit=limit)  # near found no usable anchor
    return bind.locate(Locator(template=template), plain, limit=limit)


def locate_windows(template: str, plain, limit: int | None):
    """``bind.locate``'s regex path tried only near the candidates
    (:func:`reportcheck.spec.locate_fast.locate_near`), or None where it does not apply."""
    from reportcheck.spec import bind
    from reportcheck.spec.locate_fast import locate_near
    from reportcheck.spec.model import PLACEHOLDER

    before, after = template.split(PLACEHOLDER, 1)
    from reportcheck.spec.locate_fast import _shared_index

    if _shared_index(plain.text, bind._DIGIT, bind._CN_NUM, force=True) is None:  # a text too long to index
        return None
    near = locate_near(before, after, plain.text, limit, digit=bind._DIGIT, cn_num=bind._CN_NUM)
    if near is None:
        return None
    return [bind.Match(*plain.orig_span(a, b), num, unit) for a, b, num, unit in near]
