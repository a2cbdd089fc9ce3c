"""``--format json``: exactly the contract object, byte-identical for the same input.

``{"reportcheck": version, "summary": {...}, "findings": [...], "waived": [...]}`` — findings
in a total, deterministic order (file, line, column, …); no timestamps, no durations.
Added to the contract (docs/waivers.md): each finding's ``fingerprint`` and ``also`` (the
other rules that fired on the same figure), the summary's ``waived`` count, and the
``waived`` list (each waived finding with its ``waiver``: what it names, reason, file, line).
"""

from __future__ import annotations

import json
from typing import Any, Sequence

from reportcheck.findings import Result
from reportcheck.report._util import finding_key, json_default, sorted_findings, summary


def to_object(results: Sequence[Result]) -> dict[str, Any]:
    from reportcheck import __version__

    waived = sorted(((f, w) for r in results for f, w in r.waived), key=lambda fw: finding_key(fw[0]))
    obj = {
        "reportcheck": __version__,
        "summary": summary(results),
        "findings": [f.to_dict() for f in sorted_findings(results)],
        "waived": [{**f.to_dict(), "waiver": w.to_dict()} for f, w in waived],
    }
    if any(getattr(r, "targets", None) is not None for r in results):  # reportcheck targets
        from reportcheck.report._targets import json_targets

        obj["targets"] = json_targets(results)
    return obj


def render(results: Sequence[Result], **_: object) -> str:
    return json.dumps(to_object(results), ensure_ascii=False, indent=2, allow_nan=False, default=json_default) + "\n"

