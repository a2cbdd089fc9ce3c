"""The same checks on Apache Spark, for tables and document streams beyond one machine.

``pip install 'reportcheck[spark]'`` (pyspark; Spark itself needs Java 17+).
Nothing here re-implements a rule: every check runs the project's own engine
(:func:`reportcheck.check`, :func:`reportcheck.lint.lint_text`,
:func:`reportcheck.compare`) inside ``applyInPandas`` / ``mapInPandas`` on the
executors, so a verdict is the verdict :func:`reportcheck.check` gives on the
same rows.

- :func:`check_table` — a long indicator table (``report, indicator, value``
  [, ``unit``, ``qualifier``, ``lower``, ``upper`` …]) of many reports against one
  spec. Rows are grouped by a hash bucket of ``report``, so every report is
  checked whole, in one call of the engine per bucket (rules only ever read the
  figures of one report: nothing crosses buckets). The spec is loaded once on
  the driver, broadcast once, and read once per executor process.
- :func:`lint_documents` — a DataFrame of texts (``id, text``): ``reportcheck
  lint`` on each, no spec needed.
- :func:`compare_documents` — republished articles (``id, source, text``)
  against the source documents they cite (``id, text``), cogrouped by source
  id so that each source text crosses the network once per group, not once per
  article.

Findings come back as Spark DataFrames with the JSON contract's finding
columns — ``id, check, category, severity, message, figures, suggestion,
fingerprint, also`` —
``figures`` an array of structs (``indicator, text, value, unit, report, file,
line, column, end_line, end_column``), plus the document id (``document``) or
the ``report``. :func:`finding_dicts` turns collected rows back into the JSON
contract's dicts.

Workers must run a Python with reportcheck installed: in local mode set
``PYSPARK_PYTHON`` to the driver's interpreter (``sys.executable``).

Modules: :mod:`.rows` (findings as rows and back, the Spark types) · :mod:`.tables`
(``check_table``, the spec broadcast) · :mod:`.documents` (``lint_documents``,
``compare_documents``).
"""

from __future__ import annotations

from reportcheck.spark.documents import _compare_call, compare_documents, lint_documents  # noqa: F401
from reportcheck.spark.rows import (  # noqa: F401 - ALSO_FIELDS and the private names: the old module's
    ALSO_FIELDS,
    FIGURE_FIELDS,
    FINDING_COLUMNS,
    VERDICT_COLUMNS,
    _finding_row,
    finding_dicts,
)
from reportcheck.spark.tables import _SPECS, TableCheck, _spec_from, _spec_payload, check_table  # noqa: F401

__all__ = ["check_table", "lint_documents", "compare_documents", "finding_dicts", "TableCheck",
           "VERDICT_COLUMNS", "FINDING_COLUMNS", "FIGURE_FIELDS"]
