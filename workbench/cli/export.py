"""Exchange commands: export, import-xliff, import-tmx, import-csv."""

from __future__ import annotations

import click

from workbench.cli.app import (
    FilePath,
    db_option,
    main,
    note_first_document,
    overwrite_options,
    print_json,
)
from workbench.errors import WorkbenchError
from workbench.filters.model import FALLBACKS
from workbench.formats import (
    EXPORT_FORMATS,
    FINDINGS,
    FORMATS,
    fallback_formats,
    importable_formats,
)
from workbench.project import open_project
from workbench.project.exchange_results import ExchangeReport
from workbench.statuses import STATUSES
from workbench.wording import plural


def _defaults_of(findings: str) -> str:
    return ", ".join(f.name for f in FORMATS if f.findings == findings)


def _statuses(values: tuple[str, ...]) -> list[str] | None:
    """--status values, repeated or comma-separated (checked by the service)."""
    wanted = [s.strip() for value in values for s in value.split(",") if s.strip()]
    return wanted or None


@main.command("export")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
    help="; ".join(f"{f.name}: {f.description}" for f in FORMATS) + ".",
)
@click.option(
    "--output", type=FilePath(), default=None,
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
    help=f"QA findings to include: glossary (default for {_defaults_of('glossary')}), all "
    f"(default for {_defaults_of('all')}; runs every check) or none; "
    f"{', '.join(f.name for f in FORMATS if f.carries_findings)} carry them.",
)
@click.option(
    "--fallback", type=click.Choice(FALLBACKS), default=None,
    help="What goes where a segment has no English: its Arabic (source) or nothing (empty). "
    "--format original: the untranslated text (default source); xliff: the target (default "
    "empty; source for OmegaT, which translates the target and reads no unit without one).",
)
@click.option(
    "--tm-matches", type=click.IntRange(min=0), default=0, show_default=True,
    help="xliff, xliff2: add each unit's N best translation-memory matches (alt-trans, "
    "mtc:matches).",
)
@click.option("--tm-min", type=click.IntRange(0, 101), default=70, show_default=True,
              help="Lowest score of those matches (0-101).")
def export(
    db: str | None, fmt: str, output: str | None, doc: str | None, version: str,
    status: tuple[str, ...], force: bool, findings: str | None, fallback: str | None,
    tm_matches: int, tm_min: int,
) -> None:
    """Export a document as a bilingual file, or (--format original) the translated
    document in its source's format."""
    statuses = _statuses(status)
    takers = fallback_formats()
    if fallback is not None and fmt not in takers:
        raise WorkbenchError(f"--fallback is for --format {' and '.join(takers)}, not {fmt}")
    with open_project(db) as project:
        note_first_document(project, doc)
        result = project.export_file(
            fmt, output, doc, version, statuses, force, findings=findings,
            fallback=fallback, tm_matches=tm_matches, tm_min=tm_min,
        )
    click.echo(
        f"exported {result.counted()} of {result.document} ({result.version}) "
        f"as {fmt} to {result.path}"
    )
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)


def _print_report(report: ExchangeReport, fmt: str) -> None:
    if fmt == "json":
        print_json(report.to_dict())
        return
    verb = "would import" if report.dry_run else "imported"
    click.echo(
        f"{verb} {report.file} into {report.document}: {len(report.updated)} updated, "
        f"{len(report.added)} added, {report.left_alone} left alone"
        + (f", {plural(report.unmatched, 'unit')} matched no segment" if report.unmatched else "")
        + f" ({plural(report.matched_by_id, 'unit')} matched by id, "
        f"{report.matched_by_source} by source)"
    )
    if report.protected:
        why = ", ".join(f"{n} {status}" for status, n in sorted(report.protected.items()))
        click.echo(
            f"finished work left as it was: {why} (use --overwrite"
            + (" approved" if set(report.protected) - {"translated"} else "") + " to replace it)"
        )
    if report.kept_newer:
        click.echo(
            f"kept the project's newer English or status of "
            f"{plural(len(report.kept_newer), 'segment')} (changed since the file was exported, "
            "which has them as they were): "
            + ", ".join(map(str, report.kept_newer))
        )
    if report.group_id is not None:
        click.echo(f"change {report.group_id}: undo it with `workbench undo --import "
                   f"{report.group_id}`")
    if report.updated:
        click.echo("updated segments: " + ", ".join(map(str, report.updated)))
    if report.added:
        click.echo("added segments: " + ", ".join(map(str, report.added)))
    added = "it would add" if report.dry_run else "added"
    if report.lqa_added:
        click.echo(f"LQA errors {added}: {report.lqa_added}")
    if report.notes_added:
        click.echo(f"comments {added}: {report.notes_added}")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)


def _import_command(name: str, description: str, *kinds: str) -> None:
    """``name FILE``: the round-trip import of the formats of ``kinds`` (from the registry)."""
    formats = [f.name for f in importable_formats() if f.kind in kinds]

    @main.command(name, help=f"Bring the translations of {description} file back into the "
                             "project.")
    @db_option
    @click.argument("file", type=FilePath())
    @click.option("--doc", help="Document (default: the one the file names).")
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
    @overwrite_options
    def command(
        db: str | None, file: str, doc: str | None, fmt: str, overwrite: str | None,
        dry_run: bool,
    ) -> None:
        with open_project(db) as project:
            report = project.import_bilingual(
                file, doc, formats, overwrite=overwrite, dry_run=dry_run
            )
        _print_report(report, fmt)


_import_command("import-xliff", "an XLIFF 1.2 or 2.0", "XLIFF")
_import_command("import-tmx", "a TMX", "TMX")
_import_command("import-csv", "a CSV or TSV export (edited in a spreadsheet, say)", "CSV", "TSV")
