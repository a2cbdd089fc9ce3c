"""Shared test configuration.

Hypothesis: no deadlines (shared, noisy machines); the example budget can be raised
with REPORTCHECK_HYPOTHESIS_EXAMPLES for a longer local or nightly run.
"""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

settings.register_profile(
    "reportcheck",
    deadline=None,
    max_examples=int(os.environ.get("REPORTCHECK_HYPOTHESIS_EXAMPLES", "100")),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("reportcheck")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SPECS = ROOT / "specs"
TESTDATA = Path(__file__).resolve().parent / "data"
JINING = DATA / "jining-2024-work-report-interpretation.md"
