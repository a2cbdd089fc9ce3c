"""Findings as Spark rows and back: the columns and Spark types of the JSON contract's
findings (``figures`` an array of structs, ``also`` the rules merged into a finding),
one :class:`~reportcheck.findings.Finding` as a row, collected rows as the contract's dicts,
and the pandas frames the executors return. Shared by :mod:`.tables` and :mod:`.documents`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: the verdicts frame: one row per (report, rule), as ``Result.verdicts()``
VERDICT_COLUMNS = ("report", "rule", "check", "verdict", "severity")
#: the finding columns of the JSON contract (``figures`` an array of structs)
FINDING_COLUMNS = ("id", "check", "category", "severity", "message", "figures", "suggestion", "fingerprint",
                   "also")
#: the fields of a rule merged into a finding (``also``: one slip, one finding)
ALSO_FIELDS = ("id", "check", "category", "severity", "message", "fingerprint", "suggestion")
#: the fields of one cited figure (JSON contract; ``report`` for rows of a table)
FIGURE_FIELDS = ("indicator", "text", "value", "unit", "report", "file", "line", "column", "end_line",
                 "end_column")
_POSITION = ("file", "line", "column", "end_line", "end_column")

_FIGURE_DDL = ("array<struct<indicator:string,text:string,value:double,unit:string,report:string,"
               "file:string,line:int,column:int,end_line:int,end_column:int>>")
_ALSO_DDL = ("array<struct<id:string,check:string,category:string,severity:string,message:string,"
             "fingerprint:string,suggestion:string>>")
_FINDING_DDL = (f"id string, check string, category string, severity string, message string, "
                f"figures {_FIGURE_DDL}, suggestion string, fingerprint string, also {_ALSO_DDL}")


def _number(v) -> float | None:
    from decimal import Decimal

    if v is None:
        return None
    if isinstance(v, Decimal):
        return float(v) if v.is_finite() else None
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return x if x == x and x not in (float("inf"), float("-inf")) else None


def _figure_row(fig: dict) -> dict:
    row = {k: fig.get(k) for k in FIGURE_FIELDS}
    row["value"] = _number(row["value"])
    return row


def _finding_row(f) -> dict:
    d = f.to_dict()
    return {
        "id": d["id"], "check": d["check"], "category": d["category"], "severity": d["severity"],
        "message": d["message"], "figures": [_figure_row(g) for g in d["figures"]],
        "suggestion": d["suggestion"], "report": d.get("report"), "fingerprint": d.get("fingerprint"),
        "also": [{k: m.get(k) for k in ALSO_FIELDS} for m in d.get("also", ())],
    }


def finding_dicts(rows: Iterable[Any]) -> list[dict]:
    """Collected finding rows (``Row`` objects or dicts) as the JSON contract's finding dicts.

    Keys as ``Finding.to_dict()`` writes them: ``report`` only when set, a figure's
    position only when it has a line; a whole-number value as an int.
    """
    out = []
    for r in rows:
        r = r.asDict(recursive=True) if hasattr(r, "asDict") else dict(r)
        d = {k: r.get(k) for k in ("id", "check", "category", "severity", "message")}
        figs = []
        for g in r.get("figures") or ():
            g = g.asDict() if hasattr(g, "asDict") else dict(g)
            v = g.get("value")
            fd = {"indicator": g.get("indicator"), "text": g.get("text"),
                  "value": int(v) if isinstance(v, float) and v.is_integer() else v, "unit": g.get("unit")}
            if g.get("report") is not None:
                fd["report"] = g["report"]
            if g.get("line") is not None:
                fd.update({k: g.get(k) for k in _POSITION})
            elif g.get("file") is not None:
                fd["file"] = g["file"]
            figs.append(fd)
        d["figures"] = figs
        d["suggestion"] = r.get("suggestion")
        if r.get("report") is not None:
            d["report"] = r["report"]
        d["fingerprint"] = r.get("fingerprint")
        also = []
        for m in r.get("also") or ():
            m = m.asDict() if hasattr(m, "asDict") else dict(m)
            also.append({k: m.get(k) for k in ALSO_FIELDS if k != "suggestion" or m.get(k) is not None})
        d["also"] = also
        out.append(d)
    return out


def _frame(rows: list[dict], columns: Iterable[str]) -> "pd.DataFrame":
    import pandas as pd

    cols = list(columns)
    return pd.DataFrame(rows, columns=cols).astype(object) if rows else \
        pd.DataFrame({c: pd.Series(dtype=object) for c in cols})


def _text(x) -> str | None:
    if x is None:
        return None
    try:
        if x != x:  # NaN, pd.NA raises
            return None
    except TypeError:
        return None
    return str(x)
