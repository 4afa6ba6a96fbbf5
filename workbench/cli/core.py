"""Project commands: stats, import, import-translation, history, undo."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from workbench.cli.app import console, db_option, err_console, main, print_json
from workbench.errors import ReadOnlyProjectError
from workbench.project import ImportReport, open_project
from workbench.project.sample import open_or_create
from workbench.textio import read_text_with_encoding


@main.command()
@db_option
@click.option("--doc", help="Only this document.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def stats(db: str | None, doc: str | None, fmt: str) -> None:
    """Documents, segments, segments with English, and segments by status."""
    with open_project(db) as project:
        figures = project.stats(doc)
    if fmt == "json":
        print_json(figures)
        return
    table = Table(title="Project")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key in ("documents", "segments", "with_english"):
        table.add_row(key, str(figures[key]))
    for status, count in figures["by_status"].items():
        table.add_row(f"status: {status}", str(count))
    console.print(table)


def _report(report: ImportReport) -> None:
    what = f"{report.document}" + (f" as {report.version}" if report.version else "")
    line = f"imported {what}: {report.segments} segments"
    if report.version:
        line += f", {report.sentences} English sentences in {report.links} links"
        if report.low_confidence:
            line += f" ({report.low_confidence} with low confidence)"
    click.echo(line)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)


@main.command("import")
@db_option
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--doc", help="Document name (default: the file name without extension).")
def import_(db: str | None, file: str, doc: str | None) -> None:
    """Segment an Arabic text file and add it to the project (created if missing)."""
    # Read (and refuse a bad file) before a missing project is created; a missing project
    # appears only once the import is stored.
    text, encoding = read_text_with_encoding(file)
    with open_or_create(db) as project, err_console.status(f"Importing {file}…"):
        if project.read_only:  # before the work, not at its end
            raise ReadOnlyProjectError.opened_read_only(project.path, project.read_only_reason)
        report = project.import_document_text(text, doc or Path(file).stem, file, encoding)
    _report(report)


@main.command("import-translation")
@db_option
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--doc", required=True, help="The Arabic document this translates.")
@click.option(
    "--as", "kind", type=click.Choice(["reference", "draft", "working"]), required=True,
    help="Store as a reference, a draft, or the working translation.",
)
@click.option("--name", help="Version name for reference/draft (default: main).")
def import_translation(db: str | None, file: str, doc: str, kind: str, name: str | None) -> None:
    """Align an English translation to a document and store it as a version."""
    with open_project(db) as project, err_console.status(f"Aligning {file}…"):
        report = project.import_translation(file, doc, kind, name)
    _report(report)


@main.command()
@db_option
@click.argument("segment_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def history(db: str | None, segment_id: int, fmt: str) -> None:
    """The revision history of a segment's working translation."""
    with open_project(db) as project:
        revisions = project.history(segment_id)
    if fmt == "json":
        print_json([r.__dict__ for r in revisions])
        return
    table = Table(title=f"Segment {segment_id}")
    for column in ("#", "time", "author", "action", "status", "text"):
        table.add_column(column)
    for r in revisions:
        table.add_row(
            str(r.id), r.at, r.author, r.action, f"{r.old_status} → {r.new_status}",
            r.new_text or "",
        )
    console.print(table)


@main.command()
@db_option
@click.argument("segment_id", type=int)
def undo(db: str | None, segment_id: int) -> None:
    """Undo the last change of a segment's working translation."""
    with open_project(db) as project:
        seg = project.undo(segment_id)
    click.echo(f"segment {segment_id}: restored ({seg.status}): {seg.target}")
