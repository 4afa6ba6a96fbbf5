"""``workbench glossary``: import a glossary into a project, export it, convert files, list it."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.app import FilePath, db_option, main, print_json, refuse_input_as_output
from workbench.errors import WorkbenchError
from workbench.glossary.io import (
    DEFAULT_FORMAT,
    READ_FORMATS,
    WRITE_FORMATS,
    format_glossary,
    format_of_ending,
    glossary_format,
    read_glossary,
)
from workbench.openfiles import refuse_output
from workbench.wording import plural


@main.group()
@db_option
def glossary(db: str | None) -> None:  # its commands read --db
    """Import, export and list the project glossary (TSV, TBX-Basic, CSV, XLSX, ODS)."""


def _output_format(fmt: str | None, output: str | None) -> str:
    """The format to write: ``--format``, else the one the ``--output`` ending names, else
    TSV. An ending naming another glossary format is refused (``g.tbx`` holding TSV, or a
    ``.csv``, which no writer writes, would not read back: the ending chooses the reader)."""
    named = format_of_ending(output) if output else None
    if fmt is None:
        fmt = named if named in WRITE_FORMATS else DEFAULT_FORMAT
    if named is not None and named != fmt:
        raise WorkbenchError(
            f"{output}: the ending says {named.upper()}, but the glossary is written as "
            f"{fmt.upper()}: give the file the ending {glossary_format(fmt).extensions[0]}"
        )
    return fmt


def _write(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    refuse_output(output)
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise WorkbenchError(f"{output}: cannot write ({exc.strerror})") from None


@glossary.command("import")
@db_option
@click.argument("file", type=FilePath())
@click.option("--format", "fmt", type=click.Choice(READ_FORMATS),
              help="The file's format (default: from its extension).")
@click.option("--columns", help="TSV, CSV, XLSX, ODS: TERM,RENDERING[,COMMENT[,FORBIDDEN]] by name "
                                "or number (default: detected).")
@click.option("--sheet", help="XLSX, ODS: the sheet to read, by name or number from 1 "
                              "(default: the first).")
@click.option("--merge", is_flag=True, help="Add to the project glossary instead of replacing it.")
def import_glossary(
    db: str | None, file: str, fmt: str | None, columns: str | None, sheet: str | None,
    merge: bool,
) -> None:
    """Load a glossary file into the project (replacing its glossary unless --merge)."""
    from workbench.project import open_project

    new = read_glossary(file, fmt, columns, sheet)
    for warning in new.warnings:
        click.echo(f"warning: {warning}", err=True)
    with open_project(db) as project:
        if merge:
            merged = project.merge_glossary(new, file)
            updated = f", {merged.updated:,} given forbidden renderings or a comment" if (
                merged.updated) else ""
            click.echo(f"added {plural(merged.added, 'glossary entry', 'glossary entries')} "
                       f"from {file}{updated} ({len(merged.glossary):,} in the project)")
        else:
            before = len(project.glossary())
            project.set_glossary(new)
            replaced = (f", in place of the project's {plural(before, 'entry', 'entries')} "
                        "(--merge adds to them)") if before else ""
            click.echo(f"imported {plural(len(new), 'glossary entry', 'glossary entries')} "
                       f"({plural(len(new.terms()), 'term')}) from {file}{replaced}")


@glossary.command("add")
@db_option
@click.argument("term")
@click.argument("rendering")
@click.option("--forbidden", multiple=True,
              help="An English rendering the translation must not use (repeatable).")
@click.option("--comment", default="", help="A note for translators.")
def add_term(db: str | None, term: str, rendering: str, forbidden: tuple[str, ...],
             comment: str) -> None:
    """Add TERM (Arabic) with its required English RENDERING to the project glossary."""
    from workbench.project import open_project

    with open_project(db) as project:
        entry = project.add_term(term, rendering, comment, forbidden)
        count = len(project.glossary())
    extra = f" (forbidden: {'; '.join(entry.forbidden)})" if entry.forbidden else ""
    click.echo(f"added {entry.term} → {entry.rendering}{extra} "
               f"({plural(count, 'entry', 'entries')} in the project)")


@glossary.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(WRITE_FORMATS), default=None,
              help="Default: the --output ending's (.tbx, .xml: tbx), else tsv.")
@click.option("--output", type=FilePath(), help="Write to this file.")
def export_glossary(db: str | None, fmt: str | None, output: str | None) -> None:
    """Write the project glossary as TSV (OmegaT-compatible) or TBX-Basic."""
    from workbench.project import open_project

    fmt = _output_format(fmt, output)
    with open_project(db) as project:
        text = format_glossary(project.glossary(), fmt)
    _write(text, output)


@glossary.command("convert")
@click.argument("file", type=FilePath())
@click.option("--from", "src_fmt", type=click.Choice(READ_FORMATS),
              help="The input format (default: from the extension).")
@click.option("--columns", help="TSV, CSV, XLSX, ODS: TERM,RENDERING[,COMMENT[,FORBIDDEN]].")
@click.option("--sheet", help="XLSX, ODS: the sheet to read, by name or number from 1 "
                              "(default: the first).")
@click.option("--format", "fmt", type=click.Choice(WRITE_FORMATS), default=None,
              help="Default: the --output ending's (.tbx, .xml: tbx), else tsv.")
@click.option("--output", type=FilePath(), help="Write to this file.")
def convert_glossary(
    file: str, src_fmt: str | None, columns: str | None, sheet: str | None, fmt: str | None,
    output: str | None,
) -> None:
    """Convert a glossary file, such as a TICO-19 CSV, to TSV or TBX without a project."""
    refuse_input_as_output(output, {"input": file}, "the converted glossary")
    fmt = _output_format(fmt, output)
    g = read_glossary(file, src_fmt, columns, sheet)
    for warning in g.warnings:
        click.echo(f"warning: {warning}", err=True)
    _write(format_glossary(g, fmt), output)


@glossary.command("list")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def list_glossary(db: str | None, fmt: str) -> None:
    """List the project glossary."""
    from workbench.project import open_project

    with open_project(db) as project:
        entries = project.glossary().entries
    if fmt == "json":
        print_json([
            {"term": e.term, "rendering": e.rendering, "comment": e.comment,
             "forbidden": list(e.forbidden)}
            for e in entries
        ])
        return
    from rich.markup import escape
    from rich.table import Table

    from workbench.cli.app import console

    table = Table(title=f"Glossary ({plural(len(entries), 'entry', 'entries')})")
    for column in ("term", "rendering", "forbidden", "comment"):
        table.add_column(column, overflow="fold")
    for e in entries:  # as written: a rendering 'virus [/i]' is text, not rich markup
        table.add_row(*(escape(cell) for cell in (e.term, e.rendering, "; ".join(e.forbidden),
                                                  e.comment)))
    console.print(table)
