"""Translation-memory commands: tm import|list|export|remove|lookup, concordance, pretranslate,
analyze."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import click
from rich.markup import escape
from rich.table import Table

from workbench.cli.app import FilePath, console, db_option, main, print_json
from workbench.errors import WorkbenchError
from workbench.formats.model import primary_language
from workbench.project import open_project
from workbench.tm.model import MEMORY_FORMATS
from workbench.tm.results import ANALYSIS_BANDS, ConcordanceHit, TmMatch
from workbench.wording import plural, units_without_a_pair

if TYPE_CHECKING:
    from rich.console import Console

    from workbench.project.memory import MemoryInfo

FORMATS = click.Choice(["table", "json"])


@main.group("tm")
@db_option
def tm(db: str | None) -> None:  # its commands read --db
    """Translation memories: import TMX, .sdltm, tab-separated, .xlsx or .ods files, list,
    export, remove, look up."""


@tm.command("import")
@db_option
@click.argument("file", type=FilePath())
@click.option("--name", help="The memory's name (default: the file name without extension).")
@click.option("--format", "fmt", type=click.Choice(MEMORY_FORMATS), default=None,
              help="The file's format (default: tsv for .tsv/.tab/.txt, tmx for .tmx/.xml, "
                   "sdltm for .sdltm, xlsx for .xlsx, ods for .ods, else by the content: "
                   "sdltm for an SQLite database, tmx if it starts with '<').")
@click.option("--sheet", help="xlsx, ods: the sheet to read, by name or number from 1 "
                              "(default: the first).")
def tm_import(
    db: str | None, file: str, name: str | None, fmt: str | None, sheet: str | None
) -> None:
    """Add a TMX 1.4b (OmegaT, memoQ, Trados, ours), a Trados Studio .sdltm, an
    Arabic<TAB>English file or a two-column Excel or LibreOffice workbook as a memory."""
    with open_project(db) as project:
        result = project.tm.import_file(file, name, fmt, sheet)
    line = f"imported {plural(result.units, 'unit')} from {result.path} as memory {result.name!r}"
    if primary_language(result.source_lang) == "en":  # not memoQ's "*all*"
        line += f" (source language {result.source_lang}: the Arabic side is the source)"
    click.echo(line)
    if result.tags:
        click.echo(f"{result.tags} inline tags kept as placeholders such as {{1}} {{/1}} {{2/}}")
    if result.skipped:
        click.echo("warning: " + units_without_a_pair(
            result.skipped, result.skipped_lines, "left out"), err=True)


@tm.command("list")
@db_option
@click.option("--format", "fmt", type=FORMATS, default="table")
def tm_list(db: str | None, fmt: str) -> None:
    """The project's memories and their sizes (`project` is the project's own)."""
    with open_project(db) as project:
        memories = project.tm.memories()
    if fmt == "json":
        print_json([m.to_dict() for m in memories])
        return
    _memories_table(memories, console)


def _memories_table(memories: list[MemoryInfo], out: Console) -> None:
    """The memories as a table; folded in a narrow terminal, never cut (the file a memory
    came from was ``/tmp/notext-3/cl…`` at 80 columns)."""
    table = Table(title="Translation memories")
    for column in ("name", "kind", "units", "from", "created"):
        table.add_column(column, justify="right" if column == "units" else "left",
                         overflow="fold")
    for m in memories:
        table.add_row(escape(m.name), m.kind, str(m.units), escape(m.source_path or ""),
                      m.created_at[:19])
    out.print(table)


@tm.command("export")
@db_option
@click.option("--name", help="The memory to export (default: every memory).")
@click.option("--output", type=FilePath(), required=True, help="The TMX file.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def tm_export(db: str | None, name: str | None, output: str, force: bool) -> None:
    """Write a memory as TMX 1.4b."""
    with open_project(db) as project:
        count = project.tm.export_file(output, name, force)
    click.echo(f"exported {plural(count, 'unit')} of {name or 'every memory'} to {output}")


@tm.command("remove")
@db_option
@click.argument("name")
def tm_remove(db: str | None, name: str) -> None:
    """Delete an imported memory."""
    with open_project(db) as project:
        name = project.tm.files.memory(name)["name"]  # as it is called, whatever the case
        count = project.tm.remove(name)
    click.echo(f"removed memory {name!r} ({plural(count, 'unit')})")


def _match_table(query: str, matches: list[TmMatch]) -> Table:
    table = Table(title=escape(query), title_justify="left", show_lines=True)
    for column in ("score", "origin", "source (differences in colour)", "target"):
        table.add_column(column, justify="right" if column == "score" else "left",
                         overflow="fold")
    for m in matches:
        source = "".join(_diff_markup(op.op, op.match) for op in m.diff)
        target = escape(m.target)
        if m.substituted is not None:
            target += f"\n[green]numbers replaced:[/] {escape(m.substituted)}"
        table.add_row(str(m.score), escape(m.origin), source, target)
    return table


def _diff_markup(op: str, text: str) -> str:
    if not text:
        return ""
    style = {"insert": "green", "change": "yellow"}.get(op)
    body = escape(text)
    return f"[{style}]{body}[/] " if style else f"{body} "


@tm.command("lookup")
@db_option
@click.argument("text", required=False)
@click.option("--file", "file", type=FilePath(),
              help="Look up every line of this file (one query per line).")
@click.option("--min", "min_score", type=int, default=50, show_default=True,
              help="Lowest score shown.")
@click.option("--limit", type=int, default=5, show_default=True, help="Matches per query.")
@click.option("--memory", "memories", multiple=True, help="Only these memories (repeatable).")
@click.option("--format", "fmt", type=FORMATS, default="table")
def tm_lookup(
    db: str | None, text: str | None, file: str | None, min_score: int, limit: int,
    memories: tuple[str, ...], fmt: str,
) -> None:
    """The best matches of TEXT (or of each line of --file) in the memories."""
    from workbench.textio import read_text

    if (text is None) == (file is None):
        raise WorkbenchError("give either TEXT or --file")
    if text is not None and not text.strip():
        raise WorkbenchError("nothing to look up: give the Arabic text")
    queries = [text] if text is not None else [  # one query a line; blank lines are none
        line.strip() for line in read_text(file).split("\n") if line.strip()
    ]
    with open_project(db) as project:
        results = project.tm.lookup_many(
            queries, min_score=min_score, limit=limit, memories=memories or None
        )
    objects = [
        {"query": q, "matches": [m.to_dict() for m in ms]}
        for q, ms in zip(queries, results, strict=True)
    ]
    if fmt == "json":
        print_json(objects if file is not None else objects[0])
        return
    for query, matches in zip(queries, results, strict=True):
        if matches:
            console.print(_match_table(query, matches))
        else:
            console.print(f"{escape(query)}\n  no match at or above {min_score}%")


def _highlight(text: str, spans: tuple[tuple[int, int], ...], width: int = 60) -> str:
    if not spans:
        return escape(text)
    first, last = spans[0][0], spans[-1][1]
    start = max(0, first - width)
    end = min(len(text), last + width)
    out = ["…" if start else ""]
    pos = start
    for s, e in spans:
        out.append(escape(text[pos:s]))
        out.append(f"[bold reverse]{escape(text[s:e])}[/]")
        pos = e
    out.append(escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)


@main.command("concordance")
@db_option
@click.argument("query")
@click.option("--lang", type=click.Choice(["ar", "en"]), default=None,
              help="Search only the Arabic or only the English (default: both).")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="table")
def concordance(db: str | None, query: str, lang: str | None, limit: int, fmt: str) -> None:
    """Every memory unit whose Arabic holds QUERY (normalised, through clitics) or whose English
    contains it, newest first, the hit highlighted."""
    with open_project(db) as project:
        hits = project.tm.concordance(query, lang=lang, limit=limit)
    if fmt == "json":
        print_json({"query": query, "lang": lang, "hits": [h.to_dict() for h in hits]})
        return
    if not hits:
        click.echo(f"no unit holds {query!r}")
        return
    table = Table(title=f"concordance: {escape(query)}", show_lines=True)
    for column in ("date", "origin", "Arabic", "English"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        table.add_row(*_hit_cells(hit))
    console.print(table)


def _hit_cells(hit: ConcordanceHit) -> tuple[str, str, str, str]:
    arabic = _highlight(hit.source, hit.spans) if hit.lang == "ar" else escape(hit.source)
    english = _highlight(hit.target, hit.spans) if hit.lang == "en" else escape(hit.target)
    return (hit.date or "")[:10], escape(hit.origin), arabic, english


@main.command("pretranslate")
@db_option
@click.option("--doc", help="Only this document (default: every document).")
@click.option("--min", "min_score", type=int, default=100, show_default=True,
              help="Lowest score inserted.")
@click.option("--format", "fmt", type=FORMATS, default="table")
def pretranslate(db: str | None, doc: str | None, min_score: int, fmt: str) -> None:
    """Fill empty segments with their best memory match (as drafts, origin recorded); those
    with no letters (page numbers, dates, figures) with their digits and punctuation
    converted, whatever --min."""
    with open_project(db) as project:
        result = project.tm.pretranslate(doc, min_score)
    if fmt == "json":
        print_json(result.to_dict())
        return
    bands = ", ".join(  # best first
        f"{band}: {result.by_band[band]}" for band in ANALYSIS_BANDS if band in result.by_band
    )
    click.echo(
        f"pre-translated {result.filled} of {result.empty} empty segments of "
        f"{', '.join(result.documents)} with matches of {min_score}% or more"
        + (f" ({bands})" if bands else "")
    )
    for group_id in result.changes:
        click.echo(f"change {group_id}: undo it with `workbench undo --change {group_id}`")


@main.command("analyze")
@db_option
@click.option("--doc", help="Only this document (default: every document).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
def analyze(db: str | None, doc: str | None, fmt: str) -> None:
    """Segments, words and characters of the Arabic per match band (101, repetitions, 100,
    95-99, 85-94, 75-84, 50-74, no-match; non-translatable: no letters), for quotes and
    planning."""
    with open_project(db) as project:
        analysis = project.tm.analyze(doc)
    data = analysis.to_dict()
    if fmt == "json":
        print_json(data)
        return
    rows = [(band, data["bands"][band]) for band in ANALYSIS_BANDS] + [("total", data["total"])]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["band", "segments", "words", "characters"])
        for band, figures in rows:
            writer.writerow([band, figures["segments"], figures["words"], figures["characters"]])
        click.echo(buffer.getvalue(), nl=False)
        return
    _analysis_table(analysis.documents, rows, console)


def _analysis_table(
    documents: list[str], rows: list[tuple[str, dict[str, int]]], out: Console
) -> None:
    """The analysis as a table; folded in a narrow terminal, never cut (``non-transl…``,
    ``charac…``, a figure's ``1…``)."""
    table = Table(title=f"analysis of {', '.join(documents)}")
    for column in ("band", "segments", "words", "characters"):
        table.add_column(column, justify="left" if column == "band" else "right",
                         overflow="fold")
    for band, figures in rows:
        table.add_row(band, str(figures["segments"]), str(figures["words"]),
                      str(figures["characters"]))
    out.print(table)
