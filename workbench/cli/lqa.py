"""``workbench lqa``: reviewers' MQM errors, the project's weights and threshold, the report.

Exit status of ``lqa report``: 0 when the score reaches the threshold (or nothing is evaluated
yet), 1 when it does not, 2 on unusable input.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from workbench.cli.app import (
    ID,
    FilePath,
    db_option,
    main,
    note_first_document,
    plain_text,
    print_json,
    write_report,
)
from workbench.wording import plural

if TYPE_CHECKING:
    from rich.console import Console

    from workbench.lqa.scoring import LqaError, LqaReport

REPORT_FORMATS = ("table", "json", "csv", "html")


@main.group()
@db_option
def lqa(db: str | None) -> None:  # its commands read --db
    """Language quality assessment (MQM): record errors, set weights, score documents."""


def _span(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    start, sep, end = value.partition(":")
    try:  # int() refuses digits that are no decimal digits, which isdigit() takes ("²")
        if not sep or not start.strip().isdigit() or not end.strip().isdigit():
            raise ValueError(value)
        return int(start), int(end)
    except ValueError:
        raise click.BadParameter(f"{value!r}: use START:END (character offsets in the English)",
                                 param_hint="--span") from None


def _line(e: LqaError) -> str:
    where = f" [{e.span[0]}:{e.span[1]}] {e.quote!r}" if e.span is not None else ""
    comment = f" — {e.comment}" if e.comment else ""
    outdated = " (English changed since)" if e.outdated else ""
    return (f"#{e.id}\tsegment {e.segment_id} (line {e.position})\t{e.severity}\t{e.category}"
            f"{where}{comment}\t{e.author}{outdated}")


@lqa.command("add")
@db_option
@click.argument("segment_id", type=ID)
@click.option("--category", required=True, metavar="ID",
              help="MQM category: a dimension or dimension/subtype (workbench lqa categories).")
@click.option("--severity", required=True, metavar="S", help="neutral, minor, major or critical.")
@click.option("--span", metavar="START:END", help="The English concerned (character offsets).")
@click.option("--comment", default="", help="What is wrong, for the translator.")
def add(
    db: str | None, segment_id: int, category: str, severity: str, span: str | None,
    comment: str,
) -> None:
    """Record an LQA error on a segment's working English (on a joined segment: on the
    segment holding its English)."""
    from workbench.project import open_project

    with open_project(db) as project:
        error = project.lqa.add_error(
            segment_id, category, severity, span=_span(span), comment=comment
        )
    if error.segment_id != segment_id:
        click.echo(joined_note(segment_id, error.segment_id), err=True)
    click.echo(f"added LQA error {_line(error)}")


def joined_note(segment: int, holder: int) -> str:
    """The line saying an error given to a joined segment went to its English's segment."""
    return (f"segment {segment} is joined to segment {holder}, whose English translates it: "
            f"the error is recorded on segment {holder}")


@lqa.command("list")
@db_option
@click.option("--doc", help="The document (default: the first).")
@click.option("--segment", "segment_id", type=ID, help="Only this segment's errors.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def list_errors(db: str | None, doc: str | None, segment_id: int | None, fmt: str) -> None:
    """The LQA errors of a document (or of one segment), in document order."""
    from workbench.project import open_project

    with open_project(db) as project:
        if segment_id is None:
            note_first_document(project, doc)
        errors = project.lqa.errors(doc, segment_id=segment_id)
        weights = project.lqa.settings().weights
        holder = None if segment_id is None else project.lqa.joined_holder(segment_id)
    if holder is not None:  # its errors are recorded on the segment holding its English
        click.echo(f"segment {segment_id} is joined to segment {holder}, whose English "
                   f"translates it: its errors are listed under segment {holder} "
                   f"(workbench lqa list --segment {holder})", err=True)
    if fmt == "json":
        print_json([e.to_json(weights[e.severity]) for e in errors])
        return
    for e in errors:
        click.echo(_line(e))
    click.echo(plural(len(errors), "LQA error"), err=True)


@lqa.command("remove")
@db_option
@click.argument("error_id", type=ID)
def remove(db: str | None, error_id: int) -> None:
    """Remove an LQA error (it is kept in the project, marked removed, and not counted)."""
    from workbench.project import open_project

    with open_project(db) as project:
        error = project.lqa.remove_error(error_id)
    click.echo(f"removed LQA error {_line(error)}")


@lqa.command("settings")
@db_option
@click.option("--weight", "weights", multiple=True, metavar="SEVERITY=N",
              help="The penalty points of a severity (repeatable), e.g. major=5.")
@click.option("--threshold", type=float, help="The score a document needs to pass (0-100).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def settings(
    db: str | None, weights: tuple[str, ...], threshold: float | None, fmt: str
) -> None:
    """Show (and with options, set) the project's severity weights and pass threshold."""
    from workbench.project import open_project

    parsed: dict[str, float] = {}
    for item in weights:
        name, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError(item)
            parsed[name.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(
                f"{item!r}: use SEVERITY=NUMBER", param_hint="--weight"
            ) from None
    with open_project(db) as project:
        if parsed or threshold is not None:
            current = project.lqa.configure(weights=parsed, threshold=threshold)
        else:
            current = project.lqa.settings()
    if fmt == "json":
        print_json({"weights": current.weights, "threshold": current.threshold})
        return
    for severity, weight in current.weights.items():
        click.echo(f"weight {severity}\t{weight:g}")
    click.echo(f"threshold\t{current.threshold:g}")


@lqa.command("categories")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def categories(fmt: str) -> None:
    """The MQM-Core error types (ids to give --category)."""
    from workbench.lqa.typology import CATEGORIES

    if fmt == "json":
        print_json([{"id": c.id, "name": c.name, "pid": c.pid} for c in CATEGORIES.values()])
        return
    for c in CATEGORIES.values():
        indent = "  " if "/" in c.id else ""
        click.echo(f"{indent}{c.id}\t{c.name}\t{c.pid}")


def _table_text(report: LqaReport) -> str:
    """The tables as plain text, for a file."""
    return plain_text(lambda console: _table(report, console))


def _table(report: LqaReport, console: Console | None = None) -> None:
    from rich.table import Table

    from workbench.lqa.report import summary_line

    if console is None:
        from workbench.cli.app import console
    from workbench.lqa.typology import CATEGORIES, SEVERITIES

    dims = Table(title="Errors by dimension and severity")
    for column in ("dimension", *SEVERITIES, "errors", "penalty"):
        dims.add_column(column, justify="left" if column == "dimension" else "right",
                        overflow="fold")  # a narrow terminal cuts nothing: no "3…" for 3480
    for dimension, row in report.by_dimension().items():
        dims.add_row(CATEGORIES[dimension].name, *(str(row[s]) for s in SEVERITIES),
                     str(row["errors"]), f"{row['penalty']:g}")
    console.print(dims)
    people = Table(title="By translator")
    for column in ("translator", "segments", "words", "errors", "penalty", "score", "result"):
        people.add_column(column, justify="left" if column == "translator" else "right",
                          overflow="fold")
    for row in report.by_translator():
        score = "—" if row["score"] is None else f"{row['score']:.2f}"
        result = "—" if row["pass"] is None else ("PASS" if row["pass"] else "FAIL")
        people.add_row(row["translator"], str(row["segments"]), str(row["words"]),
                       str(row["errors"]), f"{row['penalty']:g}", score, result)
    if report.translators:
        console.print(people)
    # one line whatever the width (scripts look for it), as with --format csv/html on stderr
    console.print(summary_line(report), markup=False, highlight=False, soft_wrap=True)


@lqa.command("report")
@db_option
@click.option("--doc", help="The document (default: the first).")
@click.option("--segments", metavar="RANGES",
              help="Evaluate these segment numbers (e.g. 1-40,52) instead of the reviewed, "
                   "approved and annotated ones.")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="table",
              show_default=True)
@click.option("--output", type=FilePath(), help="Write the report to this file.")
@click.pass_context
def report(
    ctx: click.Context, db: str | None, doc: str | None, segments: str | None, fmt: str,
    output: str | None,
) -> None:
    """Score a document: words, penalty, score = 100 × (1 − penalty / words), pass/fail."""
    from workbench.lqa.report import summary_line, to_csv, to_html
    from workbench.project import open_project
    from workbench.project.lqa import parse_ranges

    ranges = parse_ranges(segments) if segments is not None else None
    with open_project(db) as project:
        note_first_document(project, doc)
        result = project.lqa.report(doc, segments=ranges)
    if fmt == "table" and output is None:
        _table(result)
    else:
        if fmt == "json":
            text = json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
        elif fmt == "csv":
            text = to_csv(result)
        elif fmt == "html":
            text = to_html(result)
        else:
            text = _table_text(result)
        write_report(text, output, fmt, summary_line(result),
                     encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    ctx.exit(1 if result.passed is False else 0)
