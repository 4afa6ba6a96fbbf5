"""Reading and writing glossaries in any supported format, chosen by name or file extension.

Every glossary format is one record of :data:`GLOSSARY_FORMATS` (its reader, its writer if
any, the file extensions it is guessed from); ``workbench glossary`` takes its choices from
here. Adding a format is a reader module plus one record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.errors import InputError
from workbench.glossary.badrows import BadRows
from workbench.glossary.csvfile import read_csv
from workbench.glossary.model import Entry, Glossary
from workbench.glossary.tsv import format_tsv, read_tsv


@dataclass(frozen=True)
class GlossaryFormat:
    """A glossary file format: reader, writer (or None), extensions (lower case, with '.').

    ``takes_columns``: the reader accepts a column choice (``--columns``) as its second
    argument; ``takes_sheet``: a workbook's, which takes a sheet (``--sheet``) as its third.
    """

    name: str
    description: str
    extensions: tuple[str, ...]
    reader: Callable[..., Glossary]
    writer: Callable[[Glossary], str] | None = None
    takes_columns: bool = False
    takes_sheet: bool = False

    def read(
        self, path: str | Path, columns: str | None = None, sheet: str | None = None
    ) -> Glossary:
        """The glossary in the file at ``path``."""
        if columns and not self.takes_columns:
            raise InputError(path, "--columns applies to TSV, CSV, XLSX and ODS glossaries only")
        if sheet is not None and not self.takes_sheet:
            raise InputError(path, "--sheet applies to XLSX and ODS glossaries only")
        if self.takes_sheet:
            return self.reader(path, columns, sheet)
        return self.reader(path, columns) if self.takes_columns else self.reader(path)


def _workbook_reader(fmt: str) -> Callable[..., Glossary]:
    """The reader of a workbook format (``xlsx``, ``ods``): the glossary in a sheet (default
    the first), its columns detected (or chosen) as a CSV's."""
    def read(path: str | Path, columns: str | None = None, sheet: str | None = None) -> Glossary:
        from workbench.formats.sheets import read_sheet
        from workbench.glossary.csvfile import parse_rows

        return parse_rows(read_sheet(path, fmt, sheet), path, columns)

    return read


def read_tbx(path: str | Path) -> Glossary:
    """The TBX glossary at ``path`` (lxml loads here, not when the CLI starts)."""
    from workbench.glossary import tbx

    return tbx.read_tbx(path)


def format_tbx(glossary: Glossary) -> str:
    """``glossary`` as TBX-Basic (lxml loads here, not when the CLI starts)."""
    from workbench.glossary import tbx

    return tbx.format_tbx(glossary)


GLOSSARY_FORMATS: tuple[GlossaryFormat, ...] = (
    GlossaryFormat(
        "tsv", "OmegaT glossary TSV: term, rendering, comment, forbidden renderings",
        (".tsv", ".txt", ".utf8"), read_tsv, format_tsv, takes_columns=True,
    ),
    GlossaryFormat("tbx", "TBX-Basic", (".tbx", ".xml"), read_tbx, format_tbx),
    GlossaryFormat(
        "csv", "CSV with a header, such as TICO-19 term lists (columns detected or chosen)",
        (".csv",), read_csv, takes_columns=True,
    ),
    GlossaryFormat(
        "xlsx", "Excel workbook: its first sheet (or --sheet), columns as in a CSV (memoQ or "
        "MultiTerm exports: a header naming the languages)", (".xlsx",),
        _workbook_reader("xlsx"), takes_columns=True, takes_sheet=True,
    ),
    GlossaryFormat(
        "ods", "OpenDocument spreadsheet (LibreOffice Calc): read as an Excel workbook",
        (".ods",), _workbook_reader("ods"), takes_columns=True, takes_sheet=True,
    ),
)
#: The format of a file whose extension names none.
DEFAULT_FORMAT = "tsv"

_BY_NAME = {f.name: f for f in GLOSSARY_FORMATS}
_BY_EXTENSION = {e: f.name for f in GLOSSARY_FORMATS for e in f.extensions}
READ_FORMATS: tuple[str, ...] = tuple(f.name for f in GLOSSARY_FORMATS)
WRITE_FORMATS: tuple[str, ...] = tuple(f.name for f in GLOSSARY_FORMATS if f.writer is not None)


def glossary_format(name: str) -> GlossaryFormat:
    """The glossary format called ``name`` (KeyError if unknown)."""
    return _BY_NAME[name]


def format_of_ending(path: str | Path) -> str | None:
    """The glossary format a file's ending names, or None."""
    return _BY_EXTENSION.get(Path(path).suffix.lower())


def guess_format(path: str | Path) -> str:
    """The glossary format of a file from its extension (TSV when unknown)."""
    return _BY_EXTENSION.get(Path(path).suffix.lower(), DEFAULT_FORMAT)


# Documents clients send glossaries in (a table in Word, a PDF): no reader of ours takes them,
# and the text reader's "plain text only" would say nothing of the formats that are read.
_DOCUMENT_ENDINGS = frozenset({".docx", ".docm", ".doc", ".odt", ".rtf", ".pdf", ".epub",
                               ".html", ".htm"})


def read_glossary(
    path: str | Path, fmt: str | None = None, columns: str | None = None,
    sheet: str | None = None,
) -> Glossary:
    """Read a glossary file as TSV, TBX, CSV, XLSX or ODS (``columns`` for CSV and the
    workbooks, ``sheet`` for the workbooks only)."""
    from workbench.textio import refuse_workbook_as, workbook_format

    ending = Path(path).suffix.lower()
    if fmt is None and ending in _DOCUMENT_ENDINGS:
        raise InputError(path, f"a {ending} document, not a glossary: glossaries are read as "
                         "TSV, CSV, TBX, XLSX or ODS (save its table of terms as one of them)")
    if fmt is None and guess_format(path) in ("tsv", "csv"):
        fmt = workbook_format(path)  # a workbook named terms.csv, or with no ending
    refuse_workbook_as(path, fmt)
    spec = _BY_NAME.get(fmt or guess_format(path))
    if spec is None:
        raise InputError(path, f"unknown glossary format {fmt!r} (use {', '.join(READ_FORMATS)})")
    if spec.name != "tbx" and _looks_like_xml(path):
        raise InputError(path, "an XML file, not a TSV or CSV glossary (a TBX glossary is read "
                         "with --format tbx or as NAME.tbx; a TMX file is a memory: `workbench "
                         "tm import`)")
    glossary = spec.read(path, columns, sheet)
    check_conflicts(glossary, path)
    return glossary


def _looks_like_xml(path: str | Path) -> bool:
    """Does the file start with ``<``? False if unreadable: the reader then says why. A
    stream (a pipe, ``<(iconv ...)``) is not read ahead: what a look took (a buffer's
    worth) would be missing from the glossary read after it."""
    from workbench.formats.sniff import looks_like_xml

    if not Path(path).is_file():
        return False
    try:
        with open(path, "rb") as fh:
            return looks_like_xml(fh.read(512))
    except OSError:
        return False


def check_conflicts(glossary: Glossary, path: str | Path) -> None:
    """Refuse terms whose forbidden rendering is another of their accepted renderings.

    Terms are compared as the matcher sees them (:func:`~workbench.glossary.matcher.term_key`),
    so جائحة and جَائِحَة are one term. Entries without a line are the project glossary's (a
    ``--merge``). Every conflicting row is reported at once
    (:class:`~workbench.glossary.badrows.BadRows`).
    """
    from workbench.glossary.matcher import term_key

    groups: dict[str, list[Entry]] = {}
    for entry in glossary.entries:
        groups.setdefault(term_key(entry.term), []).append(entry)
    conflicts: list[tuple[int, str]] = []
    for entries in groups.values():
        allowed: dict[str, Entry] = {}
        for entry in entries:
            allowed.setdefault(entry.rendering.casefold(), entry)
        for entry in entries:
            for word in entry.forbidden:
                other = allowed.get(word.casefold())
                if other is not None:
                    conflicts.append(_conflict(entry, word, other))
    bad = BadRows(path)
    for line, reason in sorted(conflicts, key=lambda c: c[0]):
        bad.add(line or None, reason)
    bad.raise_if_any()


@dataclass(frozen=True)
class Merged:
    """A project glossary with a file's entries merged in, and how many were added or added
    to (an entry already there that the file gives new forbidden renderings or a comment)."""

    glossary: Glossary
    added: int
    updated: int


def merge_glossary(old: Glossary, new: Glossary) -> Merged:
    """``old`` (the project glossary) with the entries of ``new`` added: an entry whose term (in
    any spelling the matcher takes as the same) and rendering (case aside) are there already
    adds its forbidden renderings to it, and its comment where it has none."""
    from workbench.glossary.matcher import term_key

    entries = list(old.entries)
    index = {(term_key(e.term), e.rendering.casefold()): i for i, e in enumerate(entries)}
    added = updated = 0
    for entry in new.entries:
        key = (term_key(entry.term), entry.rendering.casefold())
        i = index.get(key)
        if i is None:
            index[key] = len(entries)
            entries.append(entry)
            added += 1
            continue
        there = entries[i]
        merged = replace(
            there, comment=there.comment or entry.comment,
            forbidden=tuple(dict.fromkeys(there.forbidden + entry.forbidden)),
        )
        if merged != there:
            entries[i] = merged
            updated += 1
    return Merged(Glossary(entries), added, updated)


def _conflict(entry: Entry, word: str, other: Entry) -> tuple[int, str]:
    """(line, why) of ``entry`` forbidding ``word``, which ``other`` accepts: the line of the
    file's row (an entry without a line is the project glossary's)."""
    if not entry.line and other.line:
        spelt = f" (as {entry.term})" if other.term != entry.term else ""
        return other.line, (f"{other.term}: {word!r} is accepted here but forbidden in the "
                            f"project glossary{spelt}")
    spelt = f" (as {other.term})" if other.term != entry.term else ""
    there = f"on line {other.line}" if other.line else "in the project glossary"
    here = "here" if entry.line else "in the project glossary"
    why = f"{entry.term}: {word!r} is forbidden {here} but accepted {there}{spelt}"
    return entry.line or 0, why


def format_glossary(glossary: Glossary, fmt: str) -> str:
    """Serialise a glossary in a format with a writer (TSV or TBX)."""
    spec = _BY_NAME.get(fmt)
    if spec is None or spec.writer is None:
        raise ValueError(f"unknown glossary format {fmt!r}")
    return spec.writer(glossary)


__all__ = [
    "DEFAULT_FORMAT", "GLOSSARY_FORMATS", "READ_FORMATS", "WRITE_FORMATS", "Entry", "Glossary",
    "GlossaryFormat", "Merged", "check_conflicts", "format_glossary", "format_of_ending",
    "glossary_format", "guess_format", "merge_glossary", "read_glossary",
]
