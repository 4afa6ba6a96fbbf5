"""Exchange commands: export, import-xliff, import-tmx."""

from __future__ import annotations

import click

from workbench.cli.app import db_option, main, print_json
from workbench.formats import EXPORT_FORMATS, FINDINGS
from workbench.project import open_project
from workbench.project.exchange import ExchangeReport
from workbench.statuses import STATUSES


def _statuses(values: tuple[str, ...]) -> list[str] | None:
    """--status values, repeated or comma-separated (checked by the service)."""
    wanted = [s.strip() for value in values for s in value.split(",") if s.strip()]
    return wanted or None


@main.command("export")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
    help="tmx (TMX 1.4b), xliff (1.2), xliff2 (2.0), docx, html, csv, tsv, md, txt.",
)
@click.option(
    "--output", type=click.Path(dir_okay=False), default=None,
    help="File to write (default: translations/DOCUMENT.EXT).",
)
@click.option("--doc", help="Document (default: the first).")
@click.option(
    "--version", "version", default="working", show_default=True,
    help="working, draft:NAME or reference:NAME.",
)
@click.option(
    "--status", "status", multiple=True,
    help=f"Only segments with this status: {', '.join(STATUSES)} (repeat or separate with "
    "commas; default: all).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option(
    "--findings", type=click.Choice(FINDINGS), default=None,
    help="QA findings to include: glossary (default for xliff, xliff2), all (default for docx, "
    "html; runs every check) or none.",
)
@click.option(
    "--tm-matches", type=int, default=0, show_default=True,
    help="xliff, xliff2: add each unit's N best translation-memory matches (alt-trans, "
    "mtc:matches).",
)
@click.option("--tm-min", type=int, default=70, show_default=True,
              help="Lowest score of those matches.")
def export(
    db: str | None, fmt: str, output: str | None, doc: str | None, version: str,
    status: tuple[str, ...], force: bool, findings: str | None, tm_matches: int, tm_min: int,
) -> None:
    """Export a document as a bilingual file."""
    statuses = _statuses(status)
    with open_project(db) as project:
        result = project.export_file(
            fmt, output, doc, version, statuses, force, findings=findings,
            tm_matches=tm_matches, tm_min=tm_min,
        )
    click.echo(
        f"exported {result.units} segment pairs of {result.document} ({result.version}) "
        f"as {fmt} to {result.path}"
    )


def _print_report(report: ExchangeReport, fmt: str) -> None:
    if fmt == "json":
        print_json(report.to_dict())
        return
    click.echo(
        f"imported {report.file} into {report.document}: {len(report.updated)} updated, "
        f"{len(report.added)} added, {report.left_alone} left alone"
        + (f", {report.unmatched} units matched no segment" if report.unmatched else "")
        + f" ({report.matched_by_id} units matched by id, {report.matched_by_source} by source)"
    )
    if report.updated:
        click.echo("updated segments: " + ", ".join(map(str, report.updated)))
    if report.added:
        click.echo("added segments: " + ", ".join(map(str, report.added)))
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)


def _import_command(name: str, kind: str) -> None:
    @main.command(name, help=f"Bring the translations of {kind} file back into the project.")
    @db_option
    @click.argument("file", type=click.Path(dir_okay=False))
    @click.option("--doc", help="Document (default: the one the file names).")
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
    def command(db: str | None, file: str, doc: str | None, fmt: str) -> None:
        with open_project(db) as project:
            if name == "import-tmx":
                report = project.import_tmx(file, doc)
            else:
                report = project.import_xliff(file, doc)
        _print_report(report, fmt)


_import_command("import-xliff", "an XLIFF 1.2 or 2.0")
_import_command("import-tmx", "a TMX")
