"""``reportcheck extract``: every figure of documents, as JSON or CSV; several documents
are written document by document as they come (``--jobs`` processes)."""

from __future__ import annotations

import argparse
from pathlib import Path

from reportcheck.cli_io import EXIT_OK, load_text, output_stream
from reportcheck.cli_io import refuse_overwrite as _refuse_overwrite
from reportcheck.cli_io import require_files as _require_files


def cmd_extract(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.files]
    _require_files(paths)
    if args.output:
        _refuse_overwrite(args.output, paths)
    from reportcheck.text import export as _export

    if len(paths) == 1:
        # written figure by figure as the export encodes them (#18): the output is never one
        # string (at 50 MB of text it was ≈ 4 characters per document byte, on top of the figures)
        figs = _extract_figures(paths[0])
        pieces = _export.iter_json(figs) if args.format == "json" else _export.iter_csv(figs)
        if args.format == "csv":  # a sentence cell spanning lines cannot start one with '::'
            from reportcheck.safety import neutralise_commands

            pieces = map(neutralise_commands, pieces)  # each piece is whole rows
        with output_stream(args.output) as out:
            for piece in pieces:
                out.write(piece)
        return EXIT_OK
    # several documents: one list (JSON) or one table (CSV), each figure with a ``file``
    # field first, written document by document as the documents come (--jobs processes)
    from reportcheck.jobs import map_documents

    fn = _extract_json_one if args.format == "json" else _extract_csv_one
    with output_stream(args.output) as out:
        _write_many(out, map_documents(fn, paths, jobs=args.jobs, label="extract"), args.format)
    return EXIT_OK


def _extract_figures(path):
    from reportcheck.text.extract import extract

    return list(extract(load_text(path)))


def _extract_json_one(path) -> list[str]:
    """The document's figures as JSON objects, ``file`` first, indented as in the list."""
    import json

    from reportcheck.text.export import figures_to_records

    return ["  " + json.dumps({"file": str(path), **rec}, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            for rec in figures_to_records(_extract_figures(path))]


def _extract_csv_one(path) -> list[list[str]]:
    """The document's CSV rows (the header first), each with a ``file`` cell first."""
    from reportcheck.safety import csv_cell
    from reportcheck.text.export import RECORD_FIELDS, csv_rows

    file = csv_cell(str(path))
    rows = [["file", *RECORD_FIELDS]]
    rows.extend([file, *row] for row in csv_rows(_extract_figures(path)))
    return rows


def _write_many(out, parts, fmt: str) -> None:
    if fmt == "json":
        n = 0
        for records in parts:
            for rec in records:
                out.write(("[\n" if n == 0 else ",\n") + rec)
                n += 1
        out.write("\n]\n" if n else "[]\n")
        return
    from reportcheck.safety import neutralise_commands

    class _Neutral:  # csv.writer writes whole rows: a sentence cell spanning lines cannot start one with '::'
        write = staticmethod(lambda text: out.write(neutralise_commands(text)))

    from reportcheck.text.export import CsvRows

    writer = CsvRows(_Neutral())
    header = False
    for rows in parts:
        if not rows:
            continue
        if not header:
            writer.writerow(rows[0])
            header = True
        writer.writerows(rows[1:])
