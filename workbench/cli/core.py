"""Project commands: stats, import, import-translation, history, undo, changes, lock, unlock."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from workbench.cli.app import (
    ID,
    FilePath,
    abbreviations_option,
    console,
    db_option,
    err_console,
    main,
    overwrite_options,
    print_json,
    table_time,
)
from workbench.errors import ReadOnlyProjectError, WorkbenchError
from workbench.filters import SOURCE_FORMAT_NAMES, SOURCE_FORMATS, read_source, source_format_for
from workbench.filters.registry import MACRO_ENDINGS
from workbench.project import ImportReport, Project, open_project
from workbench.project.importing import default_document_name, read_document_text
from workbench.project.sample import DEFAULT_DB, open_or_create
from workbench.project.sources import DocumentImportReport
from workbench.text.segment import load_abbreviations
from workbench.wording import plural


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
    dry = report.dry_run or (report.fill is not None and report.fill.dry_run)
    line = f"{'would import' if dry else 'imported'} {what}: {plural(report.segments, 'segment')}"
    if report.version:
        line += (f", {plural(report.sentences, 'English sentence')} in "
                 f"{plural(report.links, 'link')}")
        if report.low_confidence:
            line += f" ({report.low_confidence} with low confidence)"
        if report.replaced:
            line += f"; {'would replace' if dry else 'replaced'} the previous {report.version}"
    if isinstance(report, DocumentImportReport):
        line += (f" from {report.format} ({plural(report.blocks, 'paragraph')}, "
                 f"{plural(report.tags, 'inline tag')}; the original is kept for "
                 "`export --format original`)")
    click.echo(line)
    if report.fill is not None:
        click.echo(f"working translation: {report.fill.describe()}")
        if report.fill.group_id is not None:
            click.echo(f"change {report.fill.group_id}: undo it with `workbench undo --import "
                       f"{report.fill.group_id}`")
        elif not dry:  # `undo --last-import` now would undo an earlier import, not this one
            click.echo("no change recorded (no segment changed): `undo --last-import` would "
                       "undo the newest import before it (`workbench changes` lists them)")
    if isinstance(report, DocumentImportReport) and report.notes_added:
        click.echo(f"comments added: {report.notes_added}")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)


def _endings(extensions: tuple[str, ...]) -> str:
    """A format's endings for the help; macro-enabled Word ones are said to be refused."""
    taken = ", ".join(e for e in extensions if e not in MACRO_ENDINGS)
    refused = [e for e in extensions if e in MACRO_ENDINGS]
    return taken + (f"; {' and '.join(refused)}, macro-enabled, refused" if refused else "")


@main.command("import")
@db_option
@click.argument("file", type=FilePath())
@click.option("--doc", help="Document name (default: the file name without extension).")
@click.option(
    "--format", "fmt", type=click.Choice(SOURCE_FORMAT_NAMES), default=None,
    help="What the file is (default: by its ending; text for any other): "
    + "; ".join(f"{f.name}: {f.description} ({_endings(f.extensions)})"
                for f in SOURCE_FORMATS) + ".",
)
@abbreviations_option
def import_(
    db: str | None, file: str, doc: str | None, fmt: str | None, abbreviations: str | None
) -> None:
    """Add an Arabic document to the project (created if missing): a text file, or a client
    document (DOCX, ODT, HTML, Markdown, EPUB, XLIFF, Wordfast TXML) whose formatting the
    export `original` restores."""
    # Read (and refuse a bad file) before a missing project is created; a missing project
    # appears only once the import is stored.
    extra = load_abbreviations(abbreviations) if abbreviations else None
    spec = source_format_for(file, fmt)
    name = default_document_name(file) if doc is None else doc
    if spec.plain:
        text, encoding = read_document_text(file)
    else:
        source = read_source(file, spec.name)
    sample = db is None and not Path(DEFAULT_DB).exists()  # built first, then the import
    with open_or_create(db) as project, err_console.status(f"Importing {file}…"):
        if project.read_only:  # before the work, not at its end
            raise ReadOnlyProjectError.opened_read_only(project.path, project.read_only_reason)
        if spec.plain:
            report = project.import_document_text(text, name, file, encoding, extra)
        else:
            report = project.sources.import_source(source, name, extra)
    _report(report)
    if sample:
        click.echo(f"workbench: no project here: built the sample project in {DEFAULT_DB} and "
                   f"added {report.document} to it (--db NEW.db for a project of its own)",
                   err=True)


@main.command("import-translation")
@db_option
@click.argument("file", type=FilePath())
@click.option("--doc", help="The Arabic document this translates (default: the project's only "
              "document; a project of several needs it).")
@click.option(
    "--as", "kind", type=click.Choice(["reference", "draft", "working"]), required=True,
    help="Store as a reference, a draft, or the working translation.",
)
@click.option("--name", help="Version name for reference/draft (default: main).")
@overwrite_options
@abbreviations_option
def import_translation(
    db: str | None, file: str, doc: str | None, kind: str, name: str | None,
    overwrite: str | None, dry_run: bool, abbreviations: str | None,
) -> None:
    """Align an English translation to a document and store it as a version.

    FILE is text, or a DOCX, ODT, HTML, Markdown or EPUB document (a translator's delivery: its
    paragraphs are read, its formatting left out). As the working translation it fills only
    empty, new and draft segments unless --overwrite is given; the import is one change that
    `workbench undo --import ID` undoes.
    """
    if overwrite and kind != "working":
        raise WorkbenchError("--overwrite applies to --as working: a reference or draft version "
                             "is replaced whole")
    if name and kind == "working":
        raise WorkbenchError("--name names a reference or draft version; the working "
                             "translation has none")
    if name is not None and not name.strip():  # as --doc: a blank name is no name
        raise WorkbenchError("--name is blank: give the version a name, or leave --name out "
                             "for 'main'")
    extra = load_abbreviations(abbreviations) if abbreviations else None
    with open_project(db) as project, err_console.status(f"Aligning {file}…"):
        doc = doc if doc is not None else _only_document(project)
        report = project.import_translation(
            file, doc, kind, name, overwrite=overwrite, dry_run=dry_run, abbreviations=extra
        )
    _report(report)


def _only_document(project: Project) -> str:
    """The name of the project's only document; with several, an error naming them (a
    translation aligned to the wrong document is no small mistake, so the first is not taken)."""
    names = [d.name for d in project.documents()]
    if len(names) == 1:
        return names[0]
    if not names:
        raise WorkbenchError("the project has no documents: import the Arabic first "
                             "(workbench import FILE)")
    listed = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
    raise WorkbenchError(f"--doc is needed: the project has {len(names)} documents ({listed})")


@main.command()
@db_option
@click.argument("segment_id", type=ID)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def history(db: str | None, segment_id: int, fmt: str) -> None:
    """The revision history of a segment's working translation."""
    with open_project(db) as project:
        revisions = project.history(segment_id)
        revision = project.segment(segment_id).revision
    if fmt == "json":
        # each change with the segment's revision now, which confirm/review --revision take
        print_json([{**r.__dict__, "current_revision": revision} for r in revisions])
        return
    table = Table(title=f"Segment {segment_id} · revision {revision}")
    for column in ("#", "time", "author", "action", "status", "text"):
        table.add_column(column, overflow="fold")  # a narrow terminal or a pipe cuts nothing
    # `#` is the change's place in the segment's history (1, 2, 3 …), not its row's id
    for place, r in enumerate(revisions, 1):
        table.add_row(  # texts as written, not as rich markup ('[/i]' is text)
            str(place), table_time(r.at), escape(r.author), r.action,
            f"{r.old_status} → {r.new_status}", escape(r.new_text or ""),
        )
    console.print(table)


@main.command()
@db_option
@click.argument("segment_id", type=ID, required=False)
@click.option("--last-import", is_flag=True,
              help="Undo the newest import not undone yet (of any document, or of --doc).")
@click.option("--doc", help="With --last-import: the newest import into this document.")
@click.option("--import", "--change", "change_id", type=ID, metavar="ID",
              help="Undo the import, replacement or batch with this id (`workbench changes`), "
              "all its segments at once.")
def undo(db: str | None, segment_id: int | None, last_import: bool, doc: str | None,
         change_id: int | None) -> None:
    """Undo the last change of a segment, or a whole import or batch (see `workbench changes`)."""
    given = [segment_id is not None, last_import, change_id is not None]
    if sum(given) != 1:
        raise WorkbenchError("give one of SEGMENT_ID, --last-import and --import/--change ID")
    if doc is not None and not last_import:
        raise WorkbenchError("--doc goes with --last-import (a change's id names its document)")
    with open_project(db) as project:
        if segment_id is not None:
            seg = project.undo(segment_id)
            click.echo(f"segment {segment_id}: restored ({seg.status}): {seg.target}")
            return
        result = project.undo_change(
            change_id if change_id is not None else project.last_import(doc)
        )
    click.echo(f"change {result['id']}: {result['summary']}")


@main.command()
@db_option
@click.option("--doc", help="Only this document.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def changes(db: str | None, doc: str | None, fmt: str) -> None:
    """Changes made as one (imports, replacements, batches, their undos), newest first."""
    with open_project(db) as project:
        groups = project.changes(doc)
    if fmt == "json":
        print_json(groups)
        return
    table = Table(title="Changes")
    for column in ("id", "time", "author", "kind", "document", "segments", "undone by", "summary"):
        table.add_column(column, overflow="fold")  # a narrow terminal or a pipe cuts nothing
    for g in groups:
        table.add_row(
            str(g["id"]), table_time(g["at"]), escape(g["author"]), g["kind"],
            escape(g["document"] or ""),
            str(g["changes"]), str(g["undone_by"] or ""), escape(g["summary"]),
        )
    console.print(table)


@main.command()
@db_option
@click.argument("segment_ids", type=ID, nargs=-1, required=True)
def lock(db: str | None, segment_ids: tuple[int, ...]) -> None:
    """Lock segments: their English changes only after `workbench unlock` (approving locks);
    those locked already (approved work) are left and named, as a verdict a segment has."""
    ids = list(dict.fromkeys(segment_ids))  # an id given twice is locked once
    with open_project(db) as project, project.transaction():
        already = [sid for sid in ids if project.segment(sid).locked]
        for sid in ids:
            if sid not in already:
                project.lock(sid)
    line = f"locked {plural(len(ids) - len(already), 'segment')}"
    if already:
        line += f"; {len(already)} locked already ({', '.join(map(str, already))})"
    click.echo(line)


@main.command()
@db_option
@click.argument("segment_id", type=ID)
@click.option("--reason", help="Why it is unlocked (kept as a note).")
def unlock(db: str | None, segment_id: int, reason: str | None) -> None:
    """Unlock an approved segment so that its English can be edited (recorded)."""
    with open_project(db) as project:
        seg = project.unlock(segment_id, reason)
    click.echo(f"segment {segment_id}: unlocked ({seg.status})")
