"""Batch and review commands: replace, confirm, review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from workbench.cli.app import ID, console, db_option, main, note_first_document, print_json
from workbench.errors import BlockedByFindings, WorkbenchError
from workbench.project import Project, open_project
from workbench.project.batch import BatchReport, ReplaceReport
from workbench.project.views import ListRow
from workbench.statuses import STATUSES
from workbench.text.lines import one_line
from workbench.wording import plural

FORMATS = click.Choice(["table", "json"])


def _status_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--status", "statuses", multiple=True, type=click.Choice(STATUSES),
        help="Only segments with this status (repeatable).",
    )(fn)


@main.command()
@db_option
@click.argument("find")
@click.argument("replacement")
@click.option("--doc", help="The document (default: the first).")
@click.option("--regex", is_flag=True, help="FIND is a regular expression (\\1 in REPLACEMENT).")
@click.option("--case-sensitive", is_flag=True, help="Match case (default: ignore it).")
@click.option("--whole-word", is_flag=True, help="Match whole words only.")
@_status_option
@click.option("--dry-run", is_flag=True, help="Show every change; write nothing.")
@click.option("--format", "fmt", type=FORMATS, default="table")
def replace(
    db: str | None, find: str, replacement: str, doc: str | None, regex: bool,
    case_sensitive: bool, whole_word: bool, statuses: tuple[str, ...], dry_run: bool, fmt: str,
) -> None:
    """Find and replace in the English of a document: every change shown, one undoable change.

    Approved (locked) segments are left as they are; reviewed ones go back to translated.
    """
    with open_project(db) as project:
        note_first_document(project, doc)
        ids = project.select_segments(doc, statuses=statuses) if statuses else None
        report = project.find_replace(
            doc, find, replacement, regex=regex, case_sensitive=case_sensitive,
            whole_word=whole_word, ids=ids, dry_run=dry_run,
        )
    if fmt == "json":
        print_json(report.to_dict())
        return
    _print_replacements(report)


def _print_replacements(report: ReplaceReport) -> None:
    """The changes as a table; the English and the title as written, not as rich markup."""
    table = Table(title=escape(f"{'Would replace' if report.dry_run else 'Replaced'} "
                               f"{report.find!r} with {report.replacement!r} in "
                               f"{report.document}"))
    for column in ("#", "before", "after"):
        table.add_column(column, overflow="fold")
    for change in report.changes:
        after = Text(change.after)
        for start, end in change.spans:
            after.stylize("bold reverse", start, end)
        table.add_row(str(change.position), Text(change.before), after)
    if report.changes:
        console.print(table)
    verb = "would change" if report.dry_run else "changed"
    line = (f"{verb} {plural(len(report.changes), 'segment')} "
            f"({plural(report.occurrences, 'occurrence')})")
    if report.locked:
        line += f"; {plural(len(report.locked), 'locked segment')} left as they are"
    click.echo(line)
    if report.group_id is not None:
        click.echo(f"change {report.group_id}: undo it with `workbench undo --change "
                   f"{report.group_id}`")
    for change in report.changes:
        for error in change.new_errors:
            click.echo(f"warning: segment {change.segment_id} (#{change.position}): the "
                       f"replacement {'would bring' if report.dry_run else 'brought'} an "
                       f"error: {error}", err=True)


def _selection(
    project: object, segment_ids: tuple[int, ...], doc: str | None,
    statuses: tuple[str, ...], clean_only: bool,
) -> list[int]:
    if segment_ids and (doc or statuses or clean_only):
        raise WorkbenchError("give segment ids, or --doc/--status/--clean-only, not both")
    if not segment_ids and not (doc or statuses or clean_only):
        raise WorkbenchError("give segment ids, or choose segments with --doc/--status")
    if segment_ids:  # of any document; an unknown id is an error (exit 2)
        for sid in segment_ids:
            project.segment(sid)  # type: ignore[attr-defined]
        return list(dict.fromkeys(segment_ids))
    note_first_document(project, doc)
    return project.select_segments(  # type: ignore[attr-defined, no-any-return]
        doc, statuses=statuses or None, clean_only=clean_only,
        ids=list(segment_ids) or None,
    )


# Joined segments named one by one after a batch's summary (a document's batch may meet many)
JOINED_SHOWN = 5


def _print_batch(report: BatchReport, fmt: str) -> None:
    if fmt == "json":
        print_json(report.to_dict())
        return
    already = f" ({len(report.unchanged)} already so)" if report.unchanged else ""
    joined = f"; {len(report.joined)} joined to another" if report.joined else ""
    click.echo(f"{report.action}: {plural(len(report.done), 'segment')}{already}{joined}; "
               f"{len(report.blocked)} left as they were")
    shown = list(report.joined.items())
    for sid, holder in shown[:JOINED_SHOWN]:
        click.echo(f"  segment {sid} is joined to segment {holder}, which holds its English: "
                   f"it goes with {holder}'s status")
    if len(shown) > JOINED_SHOWN:
        click.echo(f"  … and {len(shown) - JOINED_SHOWN} more joined segments")
    for sid, why in report.blocked.items():
        own = f"segment {sid}: "  # the reason may name its segment already
        reasons = "; ".join(w.removeprefix(own) for w in why)
        named = reasons.startswith(f"segment {sid} ")  # "segment 7 is locked: ..."
        click.echo(f"  {reasons}" if named else f"  {own}{reasons}")
    if report.group_id is not None:
        click.echo(f"change {report.group_id}: undo it with `workbench undo --change "
                   f"{report.group_id}`")


def _joined_row(project: Project, segment_id: int) -> ListRow | None:
    """The list row of a segment when it is joined (no English of its own), else None."""
    segment = project.segment(segment_id)
    rows = project.list_rows(project.document_by_id(segment.document_id), [segment_id])
    return rows[0] if rows and rows[0].english_elsewhere else None


@main.command()
@db_option
@click.argument("segment_ids", type=ID, nargs=-1)
@click.option("--text", help="With one SEGMENT_ID: the English to confirm (default: as stored).")
@click.option("--doc", help="Batch: segments of this document.")
@_status_option
@click.option("--clean-only", is_flag=True, help="Batch: only segments with no open finding.")
@click.option("--override-reason",
              help="Accept the error findings with this reason (stored as overrides).")
@click.option("--revision", type=ID, default=None,
              help="With --text: the segment's revision the text was written on (`workbench "
                   "history` shows it); changed since, it is a conflict (exit 2, not saved).")
@click.option("--format", "fmt", type=FORMATS, default="table")
def confirm(
    db: str | None, segment_ids: tuple[int, ...], text: str | None, doc: str | None,
    statuses: tuple[str, ...], clean_only: bool, override_reason: str | None,
    revision: int | None, fmt: str,
) -> None:
    """Confirm segments (status translated) through the QA policy.

    A segment with open error findings is confirmed only with --override-reason; exit 1 when
    any segment was left unconfirmed.
    """
    with open_project(db) as project:
        if text is not None:
            if len(segment_ids) != 1 or doc or statuses or clean_only:
                raise WorkbenchError("--text confirms one segment: give exactly one SEGMENT_ID")
            before = _joined_row(project, segment_ids[0])
            try:  # one line, as the TUI's editor takes a paste: a segment needs no break
                segment = project.confirm(
                    segment_ids[0], one_line(text), override_reason=override_reason,
                    revision=revision,
                )
            except BlockedByFindings as exc:  # refused by the QA policy: exit 1, as a batch
                click.echo(f"workbench: {exc}; the English given is kept as a draft", err=True)
                raise SystemExit(1) from None
            click.echo(f"segment {segment_ids[0]}: confirmed (revision {segment.revision})")
            if before is not None and segment.target.strip():  # as the TUI warns
                click.echo(f"warning: segment {before.position} was joined to "
                           f"#{before.joined_to}, whose English translates it already: take "
                           "that sentence out of it there, or the exports say it twice",
                           err=True)
            return
        if revision is not None:
            raise WorkbenchError("--revision goes with --text (one segment)")
        ids = _selection(project, segment_ids, doc, statuses, clean_only)
        report = project.confirm_many(ids, override_reason)
    _print_batch(report, fmt)
    if report.blocked:
        raise SystemExit(1)


@main.command()
@db_option
@click.argument("segment_ids", type=ID, nargs=-1)
@click.option("--approve", "verdicts", multiple=True, flag_value="approved",
              help="Approve (and lock).")
@click.option("--reviewed", "verdicts", multiple=True, flag_value="reviewed",
              help="Mark as reviewed.")
@click.option("--reject", "verdicts", multiple=True, flag_value="rejected",
              help="Send back to the translator (needs --comment).")
@click.option("--comment", help="The reviewer's comment (kept as a note).")
@click.option("--doc", help="Batch: segments of this document.")
@_status_option
@click.option("--clean-only", is_flag=True, help="Batch: only segments with no open finding.")
@click.option("--revision", type=ID, default=None,
              help="With one SEGMENT_ID: the segment's revision the reviewer read (`workbench "
                   "history` shows it); changed since, it is a conflict (exit 2, nothing "
                   "recorded).")
@click.option("--format", "fmt", type=FORMATS, default="table")
def review(
    db: str | None, segment_ids: tuple[int, ...], verdicts: tuple[str, ...], comment: str | None,
    doc: str | None, statuses: tuple[str, ...], clean_only: bool, revision: int | None,
    fmt: str,
) -> None:
    """A reviewer's verdict on segments: --approve, --reviewed or --reject.

    \b
    One:   workbench review 12 --approve
    Batch: workbench review --doc NAME --status translated --clean-only --approve
    """
    if len(set(verdicts)) != 1:
        raise WorkbenchError("give one verdict: --approve, --reviewed or --reject")
    verdict = verdicts[0]
    if revision is not None and (len(segment_ids) != 1 or doc or statuses or clean_only):
        raise WorkbenchError("--revision goes with one SEGMENT_ID")
    with open_project(db) as project:
        ids = _selection(project, segment_ids, doc, statuses, clean_only)
        report = project.review_many(ids, verdict, comment, revision)
    _print_batch(report, fmt)
    if (comment or "").strip() and report.unchanged and fmt != "json":  # stored as a note
        click.echo(f"comment stored on {plural(len(report.unchanged), 'segment')} already "
                   f"{verdict}")
    if report.blocked:
        raise SystemExit(1)
