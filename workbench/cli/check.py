"""``workbench check`` (glossary and QA checks, on a project or on files) and ``workbench accept``.

Exit status of ``check``: 0 when nothing at or above ``--fail-on`` is open, 1 when something
is, 2 on unusable input.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from workbench.cli.app import (
    ID,
    FilePath,
    db_option,
    db_typed,
    main,
    note_first_document,
    plain_text,
    refuse_input_as_output,
    write_report,
)
from workbench.errors import InputError, WorkbenchError
from workbench.glossary.findings import SEVERITIES
from workbench.wording import plural

if TYPE_CHECKING:
    from rich.console import Console

    from workbench.glossary.matcher import TermMatcher
    from workbench.glossary.report import Report
    from workbench.project.checking import SegmentCheck
    from workbench.spelling import SpellChecker

FORMATS = ("table", "json", "csv", "html")


def _jobs(jobs: int, pairs: int) -> int:
    from workbench.glossary.qa import default_jobs

    return jobs if jobs > 0 else default_jobs(pairs)


def glossary_file_matcher(
    glossary_path: str | None, columns: str | None = None, sheet: str | None = None
) -> TermMatcher | None:
    """The matcher of a ``--glossary`` file (its warnings printed), or None without one."""
    if glossary_path is None:
        return None
    from workbench.glossary.io import read_glossary
    from workbench.glossary.matcher import TermMatcher

    glossary = read_glossary(glossary_path, columns=columns, sheet=sheet)
    for warning in glossary.warnings:
        click.echo(f"warning: {warning}", err=True)
    return TermMatcher(glossary)


def _file_speller(matcher: TermMatcher | None, skip: tuple[str, ...]) -> SpellChecker | None:
    """File mode's spell checker: the config's dictionary, the glossary's renderings known."""
    if "spelling" in skip:
        return None
    from workbench.config import load_config
    from workbench.spelling import SpellChecker, glossary_english, load_dictionary
    from workbench.spelling.names import arabic_world_words

    config = load_config()
    try:
        dictionary = load_dictionary(config.spelling_language, config.spelling_dictionaries)
    except WorkbenchError as exc:
        raise config.located(exc) from None
    known = glossary_english(matcher.glossary.entries) if matcher is not None else []
    return SpellChecker(dictionary, known, names=arabic_world_words())


def _file_report(
    matcher: TermMatcher | None, glossary_path: str | None, source: str, target: str,
    fail_on: str, skip: tuple[str, ...], jobs: int,
) -> Report:
    from workbench.glossary.qa import run_document
    from workbench.glossary.report import Report, ReportRow
    from workbench.text.script import require_language
    from workbench.textio import read_lines

    ar, en = read_lines(source), read_lines(target)
    # an English file given for the Arabic finds no term and passes every check
    require_language("\n".join(ar), "ar", source)
    if len(ar) != len(en):
        raise InputError(
            target,
            f"has {plural(len(en), 'line')} but the source {source} has {len(ar):,} "
            "(line-aligned)",
        )
    result = run_document(
        list(zip(ar, en, strict=True)), matcher=matcher, skip=skip, jobs=_jobs(jobs, len(ar)),
        speller=_file_speller(matcher, skip),
    )
    rows = [
        ReportRow(i, None, a, e, findings)
        for i, (a, e, findings) in enumerate(zip(ar, en, result.findings, strict=True), start=1)
        if a.strip() or e.strip()
    ]
    context = {"source": source, "target": target, "glossary": glossary_path}
    return Report(rows, result.terms.occurrences, result.terms.rendered, fail_on, context)


def _project_report(
    db: str | None, doc: str | None, version: str, matcher: TermMatcher | None,
    fail_on: str, skip: tuple[str, ...], jobs: int,
) -> Report:
    from workbench.glossary.report import Accepted, Report, ReportRow
    from workbench.project import open_project
    from workbench.project.groups import group_source, group_text

    with open_project(db) as project:
        note_first_document(project, doc)
        size = project.document(doc).segments
        checked = project.check_report(
            doc, version, skip=skip, matcher=matcher, jobs=_jobs(jobs, size)
        )
    units: dict[tuple[int, ...], list[SegmentCheck]] = {}
    for s in checked.segments:
        if s.unit:
            units.setdefault(s.unit, []).append(s)
    rows: list[ReportRow] = []
    for s in checked.segments:
        members = units[s.unit] if s.unit else [s]
        if members[0] is not s:  # a later segment of a link unit: its findings are the first's
            rows.append(ReportRow(s.position, s.segment_id, s.source, s.target))
            continue
        source, target = s.source, s.target
        if s.unit:  # the unit's texts, which the findings' spans index
            source = group_source(m.source for m in members)
            target = group_text(m.target for m in members)
        rows.append(ReportRow(
            s.position, s.segment_id, source, target, s.findings,
            [Accepted(f, o.reason, o.author, o.at) for f, o in s.overridden],
        ))
    context = {"document": checked.document, "version": checked.version}
    return Report(rows, checked.terms.occurrences, checked.terms.rendered, fail_on, context)


def _table(report: Report, console: Console | None = None) -> None:
    """The table of findings (on the terminal, or ``console``); messages, reasons and authors
    are shown as written (a rendering ``virus [/i]`` is text, not rich markup)."""
    from rich.markup import escape
    from rich.table import Table

    if console is None:
        from workbench.cli.app import console

    summary = report.summary()
    shown = [*report.violations(), *summary["overrides"]]
    # a segment id other than its position (a second document's): the id accept takes
    ids = any(r["segment"] is not None and r["segment"] != r["line"] for r in shown)
    table = Table(title="QA findings", show_lines=False)
    for column in ("line", "segment", "severity", "check", "message"):
        if column != "segment" or ids:
            table.add_column(column, overflow="fold")

    def where(row: dict[str, Any]) -> list[str]:
        return [str(row["line"]), str(row["segment"])] if ids else [str(row["line"])]

    for v in report.violations():
        table.add_row(*where(v), v["severity"], v["check"], escape(v["message"]))
    for o in summary["overrides"]:
        table.add_row(
            *where(o), "accepted", o["check"],
            escape(f"{o['message']} — accepted by {o['author']}: {o['reason']}"),
        )
    if report.violations() or summary["overrides"]:
        console.print(table)


def _summary_line(report: Report) -> str:
    """The figures of a report in one line."""
    summary = report.summary()
    terms = summary["terms"]
    accuracy = "" if terms["accuracy"] is None else f" ({terms['accuracy']:.1%})"
    sev = summary["by_severity"]
    return (
        f"{plural(summary['segments'], 'segment')}: {plural(summary['violations'], 'violation')} "
        f"({plural(sev['error'], 'error')}, {plural(sev['warning'], 'warning')}, "
        f"{sev['info']} info), "
        f"{summary['overridden']} accepted; glossary terms rendered "
        f"{terms['rendered']}/{terms['occurrences']}{accuracy}"
    )


def _british_hint(report: Report) -> str | None:
    """The one-line hint to check with en_GB when most spelling findings are British."""
    words = [v["found"] for v in report.violations() if v["check"] == "spelling" and v["found"]]
    if not words:
        return None
    from workbench.config import config_path, load_config
    from workbench.spelling.british import british_hint

    config = load_config()
    return british_hint(words, config.spelling_language, config.spelling_dictionaries,
                        config.path or config_path())


def _table_text(report: Report) -> str:
    """The table and the figures as plain text, for a file (what the terminal shows)."""
    return plain_text(lambda console: _table(report, console)) + _summary_line(report) + "\n"


@main.command()
@db_option
@click.option("--doc", help="Project mode: the document (default: the first).")
@click.option("--version", "version", default="working", show_default=True,
              help="Project mode: working, draft:NAME or reference:NAME.")
@click.option("--glossary", "glossary_path", type=FilePath(),
              help="Glossary file (TSV, TBX, CSV, XLSX or ODS). File mode: the terms to enforce; "
                   "project mode: use it instead of the project glossary.")
@click.option("--columns",
              help="CSV, XLSX or ODS glossary columns: TERM,RENDERING[,COMMENT[,FORBIDDEN]].")
@click.option("--sheet", help="XLSX or ODS glossary: the sheet to read, by name or number from "
                              "1 (default: the first).")
@click.option("--source", type=FilePath(),
              help="File mode: the Arabic text, one segment per line.")
@click.option("--target", type=FilePath(),
              help="File mode: the English text, line-aligned with --source.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--output", type=FilePath(), help="Write the report to this file.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error",
              show_default=True, help="Exit 1 when a finding of this severity or worse is open.")
@click.option("--skip", multiple=True, metavar="CHECK", help="Do not run this check (repeatable).")
@click.option("--jobs", type=click.IntRange(min=0), default=0,
              help="Processes to check with (default 0: automatic, several from 5,000 segments).")
@click.pass_context
def check(
    ctx: click.Context, db: str | None, doc: str | None, version: str,
    glossary_path: str | None, columns: str | None, sheet: str | None, source: str | None,
    target: str | None,
    fmt: str, output: str | None, fail_on: str, skip: tuple[str, ...], jobs: int,
) -> None:
    """Check glossary terms and QA rules on a project, or on line-aligned files.

    \b
    workbench check [--db PATH] [--doc NAME] [--version working|draft:NAME]
    workbench check --glossary G.tsv --source AR.txt --target EN.txt
    """
    from workbench.collector import uncollected_at_exit
    from workbench.glossary.qa import check_ids

    unknown = [s for s in skip if s not in check_ids()]
    if unknown:
        raise click.BadParameter(
            f"unknown check {unknown[0]!r} (checks: {', '.join(check_ids())})", param_hint="--skip"
        )
    if columns and glossary_path is None:
        raise click.UsageError("--columns needs --glossary")
    if sheet is not None and glossary_path is None:
        raise click.UsageError("--sheet needs --glossary")
    refuse_input_as_output(
        output, {"--source": source, "--target": target, "--glossary": glossary_path}
    )
    file_mode = source is not None or target is not None
    if file_mode:
        if source is None or target is None:
            raise click.UsageError("file mode needs both --source and --target")
        if db_typed(ctx) or doc is not None or version != "working":
            raise click.UsageError("--db, --doc and --version apply to project mode only")
        matcher = glossary_file_matcher(glossary_path, columns, sheet)
        report = _file_report(matcher, glossary_path, source, target, fail_on, skip, jobs)
    else:
        matcher = glossary_file_matcher(glossary_path, columns, sheet)
        report = _project_report(db, doc, version, matcher, fail_on, skip, jobs)
    # the spelling dictionary's million objects: the exit's collections walked them (~0.25 s)
    uncollected_at_exit()
    hint = _british_hint(report)
    if fmt == "table" and output is None:
        _table(report)
        click.echo(_summary_line(report))
    else:
        from workbench.glossary.report import to_csv, to_html

        if fmt == "json":
            text = json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
        elif fmt == "csv":
            text = to_csv(report)
        elif fmt == "html":
            text = to_html(report)
        else:
            text = _table_text(report)
        summary = report.summary()
        write_report(
            text, output, fmt,
            f"{plural(summary['violations'], 'violation')}, {summary['overridden']:,} accepted",
            encoding="utf-8-sig" if fmt == "csv" else "utf-8",  # Arabic read right by spreadsheets
        )
    if hint:  # beside the report, which keeps its format (a file is what the terminal shows)
        click.echo(f"note: {hint}", err=True)
    ctx.exit(1 if report.failed() else 0)


@main.command()
@db_option
@click.argument("segment_id", type=ID)
@click.option("--check", "check_id", required=True, help="The check id of the finding.")
@click.option("--term", help="The Arabic term of a term finding (default: every term).")
@click.option("--reason", required=True, help="Why the finding is acceptable.")
@click.option("--version", "version", default="working", show_default=True,
              help="working, draft:NAME or reference:NAME.")
def accept(
    db: str | None, segment_id: int, check_id: str, term: str | None, reason: str, version: str
) -> None:
    """Accept a QA finding of a segment with a reason (cleared when the text changes)."""
    from workbench.project import open_project

    with open_project(db) as project:
        overrides = project.add_override(segment_id, check_id, term, reason, version)
    terms = [o.term for o in overrides if o.term]
    what = check_id + (f" for {', '.join(terms)}" if terms else "")
    click.echo(f"segment {segment_id}: accepted {what} ({overrides[0].author}): "
               f"{overrides[0].reason}")
