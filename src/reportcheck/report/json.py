"""``--format json``: exactly the contract object, byte-identical for the same input.

``{"reportcheck": version, "summary": {...}, "findings": [...]}`` — findings in a total,
deterministic order (file, line, column, …); no timestamps, no durations.
"""

from __future__ import annotations

import json
from typing import Any, Sequence

from reportcheck.findings import Result
from reportcheck.report._util import json_default, sorted_findings, summary


def to_object(results: Sequence[Result]) -> dict[str, Any]:
    from reportcheck import __version__

    obj = {
        "reportcheck": __version__,
        "summary": summary(results),
        "findings": [f.to_dict() for f in sorted_findings(results)],
    }
    if any(getattr(r, "targets", None) is not None for r in results):  # reportcheck targets
        from reportcheck.targets.report import json_targets

        obj["targets"] = json_targets(results)
    return obj


def render(results: Sequence[Result], **_: object) -> str:
    return json.dumps(to_object(results), ensure_ascii=False, indent=2, allow_nan=False, default=json_default) + "\n"

