"""What keeps a command's start-up quick: the cyclic garbage collector paused while the
heavy libraries are imported, and pandera kept from importing hypothesis and pyspark,
which no command uses. ``reportcheck --help`` imports none of pandas, pandera or pint.
"""

from __future__ import annotations

import gc
import sys

def pandera_without_hypothesis() -> None:
    """Start-up: keep pandera from importing hypothesis (≈60 ms) in a command-line run.

    pandera imports hypothesis, when installed, only to offer data-synthesis strategies;
    validating a table never uses them and no command does. So, unless hypothesis is
    already imported (a test session), pandera's strategies module is imported once
    with hypothesis hidden; pandera then records that it has no hypothesis, in this
    process only.
    """
    if "hypothesis" in sys.modules or "pandera.strategies.base_strategies" in sys.modules:
        return
    import importlib.abc

    # The same for pyspark (the 'spark' extra): pandera imports pyspark.pandas when it is
    # installed (≈1 s, and a FutureWarning on stderr); no command uses it.
    hidden = tuple(m for m in ("hypothesis", "pyspark") if m not in sys.modules)

    class _Hide(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".", 1)[0] in hidden:
                raise ImportError(f"{name} is not needed by the reportcheck command")
            return None

    hide = _Hide()
    sys.meta_path.insert(0, hide)
    try:
        import pandera.strategies.base_strategies  # noqa: F401
        import pandera.pandas  # noqa: F401 - looks for pyspark once more
    except Exception:  # noqa: BLE001 - pandera missing or changed: it simply loads as usual later
        pass
    finally:
        sys.meta_path.remove(hide)


_GC_PAUSED = False


def pause_gc() -> bool:
    """Start-up: importing pandas/pandera/pint allocates millions of objects and little
    garbage; the cyclic collector would walk them all several times (≈50 ms). It is off
    until the spec is loaded (:func:`resume_gc`), then the start-up heap is frozen (never
    walked again) and collection resumes for the real work. True when it was paused here."""
    global _GC_PAUSED
    if not gc.isenabled():
        return False
    gc.disable()
    _GC_PAUSED = True
    return True


def resume_gc() -> None:
    """Collection back on after start-up (see main); the start-up heap is frozen first."""
    global _GC_PAUSED
    if _GC_PAUSED:
        _GC_PAUSED = False
        gc.freeze()
        gc.enable()
