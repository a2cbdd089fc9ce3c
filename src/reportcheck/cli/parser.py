"""The ``reportcheck`` command line: the parser, its help texts and usage errors.

A usage error is one line on stderr and exit status 2 (:class:`_UsageError`, turned into
that line by :func:`reportcheck.cli.main`). The format choices come from the reporter
registry (``reportcheck.report.FORMATS``).
"""

from __future__ import annotations

import argparse
from typing import Sequence

from reportcheck import __version__
from reportcheck.report import FORMATS  # the reporter registry: one module per format

EXTRACT_FORMATS = ("csv", "json")

_DESCRIPTION = """\
Check the figures of a government work report (政府工作报告) before they are republished:
totals consistent, percentages plausible, targets coherent, figures faithful to the source.
"""

_MAIN_EPILOG = """\
commands:
  check     check specs (and drafts, or tables) against their rules
  lint      check documents without a spec (rules inferred from the text)
  extract   list every figure of documents (CSV or JSON)
  init      draft a spec for a document
  compare   check republications (news, 解读, lists) against the report they cite
  targets   last year's targets (PREVIOUS report) against their outcomes (CURRENT report)

examples:
  reportcheck check                                   # the bundled 2024 Jining report
  reportcheck check specs/jining-2024.yaml --text draft.md
  reportcheck check specs/*.yaml --format sarif --output reportcheck.sarif
  reportcheck lint draft.md
  reportcheck extract report.md --format csv --output figures.csv
  reportcheck compare report.md news.md jiedu.md
  reportcheck targets report-2023.md report-2024.md

exit status: 0 no error finding, 1 at least one error finding (--strict: or warning),
             2 invalid command line or input (one 'file:line: message' per problem on stderr)
"""

_CHECK_EPILOG = """\
examples:
  reportcheck check
      check the bundled 2024 Jining report against its bundled spec
  reportcheck check specs/jining-2024.yaml
      check a spec's own source document
  reportcheck check specs/jining-2024.yaml --text drafts/jiedu.md --text drafts/news.md
      check two drafts of the same report, each on its own
  reportcheck check specs/jining-2024.yaml --data indicators.csv
      check a long table (columns report, indicator, value, optional unit; CSV or Parquet)
  reportcheck check specs/jining-2024.yaml --text draft.md --format html --output report.html
  reportcheck check --format sarif --output reportcheck.sarif --strict

exit status: 0 no error finding, 1 at least one error finding (--strict: or warning),
             2 invalid command line or input
"""

_LINT_EPILOG = """\
examples:
  reportcheck lint draft.md
  reportcheck lint reports/*.txt --format json --output lint.json

exit status: 0 no error finding, 1 at least one error finding (--strict: or warning),
             2 invalid command line or input
"""

_EXTRACT_EPILOG = """\
examples:
  reportcheck extract data/jining-2024-work-report-interpretation.md
      every figure as JSON on standard output
  reportcheck extract report.md --format csv --output figures.csv

exit status: 0 done, 2 invalid command line or input
"""

_COMPARE_EPILOG = """\
examples:
  reportcheck compare data/report.md news.md
      every figure of news.md matched to the report's figure it restates
  reportcheck compare data/report.md a1.md a2.md a3.md --format json
      many articles, the report read once
  reportcheck compare data/report.md translation.md --complete
      the text renders the whole report: each report figure it leaves out is a warning

exit status: 0 no error finding, 1 at least one error finding (--strict: or warning),
             2 invalid command line or input
"""

_TARGETS_EPILOG = """\
examples:
  reportcheck targets report-2023.md report-2024.md
      a table of the 2023 report's targets with their verdicts, then the findings
  reportcheck targets report-2023.md report-2024.md --format json
      the usual envelope plus "targets": [{indicator, verdict, target, outcome, reason}]

exit status: 0 no error finding (missed and not-reported targets are warnings; --strict: exit 1 on
             them), 2 invalid command line or input
"""

_INIT_EPILOG = """\
examples:
  reportcheck init data/report.md --output specs/report.yaml

exit status: 0 done, 2 invalid command line or input
"""


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message: str):  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message} (see '{self.prog} --help')")


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}")
    return n  # 0: the cores available


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = _Parser(prog="reportcheck", description=_DESCRIPTION, epilog=_MAIN_EPILOG, formatter_class=fmt)
    parser.add_argument("--version", action="version", version=f"reportcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def output_options(p: argparse.ArgumentParser, formats: Sequence[str], default: str) -> None:
        p.add_argument("--format", "-f", choices=formats, default=default,
                       help=f"output format (default: {default})")
        p.add_argument("--output", "-o", metavar="PATH",
                       help="write the report to PATH (atomically) instead of standard output")

    def jobs_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                       help="documents processed at once, on N processes (default: the cores available); "
                            "the output is the same for every N")

    check = sub.add_parser("check", help="check specs against their rules", description=(
        "Check each SPEC's rules on its source document, on drafts given with --text, or on a "
        "table given with --data. Without SPEC, the bundled 2024 Jining spec is checked."),
        epilog=_CHECK_EPILOG, formatter_class=fmt)
    check.add_argument("specs", nargs="*", metavar="SPEC", help="spec files (YAML); default: the bundled Jining spec")
    check.add_argument("--text", action="append", default=[], metavar="FILE",
                       help="check this document instead of the spec's source (repeatable; each checked on its own)")
    check.add_argument("--data", metavar="TABLE",
                       help="check a long table: CSV, Parquet, or a Parquet dataset directory, "
                            "with columns report, indicator, value, optional unit")
    output_options(check, FORMATS, "text")
    jobs_option(check)
    check.add_argument("--lang", choices=("en", "zh"), default="en", help="interface language of --format html")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--root", metavar="DIR", help="a spec's source must lie under DIR "
                       "(default: the repository holding the spec)")
    check.add_argument("--allow-outside-root", action="store_true",
                       help="read a spec's source even outside the root (trusted specs only)")

    lint = sub.add_parser("lint", help="check documents without a spec", description=(
        "Check documents without a spec: indicators and rules are inferred from the text alone."),
        epilog=_LINT_EPILOG, formatter_class=fmt)
    lint.add_argument("files", nargs="+", metavar="FILE", help="documents (md/txt, UTF-8 or GB18030)")
    output_options(lint, FORMATS, "text")
    jobs_option(lint)
    lint.add_argument("--lang", choices=("en", "zh"), default="en", help="interface language of --format html")
    lint.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    extract = sub.add_parser("extract", help="list every figure of documents", description=(
        "List every figure of the documents: text, value, unit, qualifier, interval, kind, position."),
        epilog=_EXTRACT_EPILOG, formatter_class=fmt)
    extract.add_argument("files", nargs="+", metavar="FILE", help="documents (md/txt, UTF-8 or GB18030)")
    output_options(extract, EXTRACT_FORMATS, "json")
    jobs_option(extract)

    comp = sub.add_parser("compare", help="check republications against their source", description=(
        "Check each TEXT (a news story, a 解读, a list, a caption, a translation) against SOURCE (a report "
        "document or a spec): every figure of the text is matched to the source figure it restates, by "
        "subject, period, kind and unit; an error when it contradicts it, a warning when it matches nothing."),
        epilog=_COMPARE_EPILOG, formatter_class=fmt)
    comp.add_argument("source", metavar="SOURCE", help="the report document (md/txt) or a spec (YAML)")
    comp.add_argument("texts", nargs="+", metavar="TEXT", help="republications, each checked on its own")
    comp.add_argument("--complete", action="store_true",
                      help="the text renders the whole source: each source figure it leaves out is a warning")
    output_options(comp, FORMATS, "text")
    jobs_option(comp)
    comp.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    tg = sub.add_parser("targets", help="last year's targets against this year's outcomes", description=(
        "Pair every numeric target set in PREVIOUS (a report's plan for its year) with its outcome in CURRENT "
        "(the next year's report, which reviews that year) and judge it: met, missed, not_reported, unclear."),
        epilog=_TARGETS_EPILOG, formatter_class=fmt)
    tg.add_argument("previous", metavar="PREVIOUS", help="the report that set the targets (md/txt)")
    tg.add_argument("current", metavar="CURRENT", help="the next year's report (md/txt)")
    output_options(tg, FORMATS, "text")
    tg.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    init = sub.add_parser("init", help="draft a spec for a document", description=(
        "Draft a spec (YAML) for a document: its indicators and the rules inferred from the text."),
        epilog=_INIT_EPILOG, formatter_class=fmt)
    init.add_argument("file", metavar="FILE", help="the document")
    init.add_argument("--output", "-o", metavar="PATH", help="write the spec to PATH instead of standard output")
    init.add_argument("--force", action="store_true", help="overwrite PATH if it exists (a spec may be hand-edited)")
    return parser
