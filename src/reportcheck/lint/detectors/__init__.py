"""The rule detectors of lint, one module each, run in this order (rule ids follow it).

Each module documents, the way ruff documents a rule, what it infers, why, an example
that fires and one that does not; each has ``detect(rules, inference)``.
"""

from __future__ import annotations

from reportcheck.lint.detectors import (
    count_of_list,
    decline_at_most_100,
    from_to_direction,
    headline_growth,
    new_within_total,
    part_within_whole,
    rank_in_group,
    region_within_province,
    share_range,
    target_coherent,
    year_within_five_years,
)
from reportcheck.lint.detectors.base import Rules
from reportcheck.lint.model import Inference, InferredRule

DETECTORS = (new_within_total, from_to_direction, part_within_whole, share_range, decline_at_most_100,
             target_coherent, count_of_list, rank_in_group, year_within_five_years,
             region_within_province, headline_growth)


def infer_rules(inf: Inference) -> list[InferredRule]:
    """Every rule the detectors infer from ``inf``'s figures and indicators."""
    rules = Rules(inf)
    for detector in DETECTORS:
        detector.detect(rules, inf)
    return rules.rules
