"""The Python examples in docs/index.md run as doctests, so the user guide stays true."""

import doctest

from conftest import ROOT


def test_user_guide_examples_run():
    res = doctest.testfile(str(ROOT / "docs" / "index.md"), module_relative=False,
                           optionflags=doctest.NORMALIZE_WHITESPACE)
    assert res.attempted >= 10
    assert res.failed == 0
