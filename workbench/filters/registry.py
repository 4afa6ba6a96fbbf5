"""The source-document registry: one record per kind of client document, in one list.

A record says what ``workbench import`` and ``export --format original`` need to know about a
kind of document: its name (``--format``), the endings it is recognised by, its reader and
writer (``module:function``, imported on first use, so listing the formats loads no parser),
and whether it is bilingual (its own English comes along). Plain text has no filter: it is
the classic import (:meth:`workbench.project.Project.import_document_text`), unchanged.

Readers are ``read(data, path) -> SourceDocument``; writers are ``write(out, data, path,
renderings, fallback) -> WriteReport``, where ``renderings`` maps block numbers (from 1, in
the reader's order) to what the export puts there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from pkgutil import resolve_name
from typing import TYPE_CHECKING, BinaryIO

from workbench.errors import InputError, WorkbenchError

if TYPE_CHECKING:  # (the document model loads with a filter: a plain text file needs none)
    from collections.abc import Callable

    from workbench.filters.model import Rendering, SourceDocument, WriteReport

    SourceReader = Callable[[bytes, str], SourceDocument]
    SourceWriter = Callable[[BinaryIO, bytes, str, dict[int, Rendering], str], WriteReport]

#: Bumped when a filter reads the same file into other blocks or tags: the export of a
#: document imported by another version reads it again and refuses it, naming the version,
#: when its blocks or their tags differ from those stored (2: ODT edge marks and content
#: controls, DOCX fields over paragraphs, HTML buttons and options, control characters; 3: an
#: HTML page's text after a ``wbr``, ``source`` or ``track``; 4: an XLIFF source's white space
#: as its ``xml:space`` says; 5: Markdown blocks nested more than 20 deep; 6: LibreOffice's
#: ``sdfield`` in an HTML page an empty tag, not a block, its ``div title="footer"`` no text;
#: 7: a Markdown front matter's one-line title, subtitle, description, abstract, summary;
#: 8: a Markdown heading's attributes, ``{#id}``, outside its text, an HTML ``span`` or
#: ``font`` around a block's whole text no tag, pandoc's fenced div lines no text; 9: a
#: pandoc definition list's term and definition two blocks; Trados's comment, change and
#: location marks in an XLIFF no tags, its tracked deletions no text, the units of a group or
#: file saying ``translate="no"`` left out; 10: an HTML ``span`` or ``font`` saying only its
#: language or font, as LibreOffice wraps each Arabic sentence, and alike styling elements
#: holding all a block's words no tags, a bookmark at a block's edge outside it; each line of
#: a ``pre`` a block; an XLIFF 2.0 ``sc``/``ec`` and an XLIFF 1.2 ``bpt``/``ept`` or
#: ``bx``/``ex`` of one segment one tag pair; 11: the XML islands of Word's HTML, ``o:p``
#: and smart tags such as ``st1:place``, no blocks and no tags, nor its spans saying only
#: Word's own CSS, ``mso-…``, or, empty, a direction; a DOCX's headers and footers in the
#: order of their numbers, ``header2.xml`` before ``header10.xml``; 12: an ODT's ``text:span``
#: around a paragraph's whole text, as LibreOffice wraps each run of a Word document, no tag;
#: a DOCX run's character spacing and scaling, ``w:spacing`` and ``w:w``, no formatting;
#: alike HTML spans holding most of a block's words, Google Docs' of its runs, no tags; a
#: DOCX's web pages embedded whole, ``w:altChunk``, read after its paragraphs).
FILTER_VERSION = 12


@dataclass(frozen=True)
class SourceFormat:
    """A kind of client document ``workbench import`` reads and ``export --format original``
    writes back."""

    name: str
    description: str
    extensions: tuple[str, ...]
    read_with: str | None = None
    write_with: str | None = None
    #: the file brings English of its own (bilingual XLIFF): imported as the working version
    bilingual: bool = False
    #: how a sentence names it, with its article ("is an HTML or XHTML page"); empty: as
    #: ``description`` (no article: "plain text", "Markdown")
    in_sentence: str = ""

    def __post_init__(self) -> None:
        if any(not e.startswith(".") or e != e.lower() for e in self.extensions):
            raise ValueError(f"{self.name}: extensions start with '.', lower case")
        if (self.read_with is None) != (self.write_with is None):
            raise ValueError(f"{self.name}: a reader needs a writer and the reverse")

    @property
    def named(self) -> str:
        """The format as a sentence names it: "an HTML or XHTML page", "Markdown"."""
        return self.in_sentence or self.description

    @property
    def plain(self) -> bool:
        """Plain text: the classic import, no stored original."""
        return self.read_with is None

    @property
    def reader(self) -> SourceReader:
        """``reader(data, path)``: the file's blocks."""
        if self.read_with is None:
            raise ValueError(f"{self.name} has no filter")
        return resolve_name(self.read_with)  # type: ignore[no-any-return]

    @property
    def writer(self) -> SourceWriter:
        """``writer(out, data, path, renderings, fallback)``: the document written back."""
        if self.write_with is None:
            raise ValueError(f"{self.name} has no filter")
        return resolve_name(self.write_with)  # type: ignore[no-any-return]


_F = "workbench.filters."
#: Macro-enabled Word endings: known as DOCX so that the filter refuses them, naming why.
MACRO_ENDINGS: tuple[str, ...] = (".docm", ".dotm")

#: Every kind of source document, in the order the CLI and the import dialog list them.
SOURCE_FORMATS: tuple[SourceFormat, ...] = (
    SourceFormat("txt", "plain text, one paragraph per line", (".txt",)),
    SourceFormat("docx", "Word document (DOCX)", (".docx", ".dotx", *MACRO_ENDINGS),
                 _F + "docx:read_docx", _F + "docx:write_docx",
                 in_sentence="a Word document (DOCX)"),
    SourceFormat("odt", "OpenDocument text (ODT)", (".odt", ".ott"),
                 _F + "odt:read_odt", _F + "odt:write_odt"),
    SourceFormat("html", "HTML or XHTML page", (".html", ".htm", ".xhtml", ".xht"),
                 _F + "html:read_html", _F + "html:write_html",
                 in_sentence="an HTML or XHTML page"),
    SourceFormat("md", "Markdown", (".md", ".markdown"),
                 _F + "markdown:read_markdown", _F + "markdown:write_markdown"),
    SourceFormat("epub", "EPUB book", (".epub",), _F + "epub:read_epub", _F + "epub:write_epub",
                 in_sentence="an EPUB book"),
    SourceFormat("xliff", "XLIFF 1.2 or 2.0 of another tool (bilingual)",
                 (".xlf", ".xliff", ".xlf2", ".mqxliff", ".sdlxliff", ".mxliff"),
                 _F + "xliff:read_xliff_source", _F + "xliff:write_xliff_source",
                 bilingual=True, in_sentence="an XLIFF 1.2 or 2.0 file of another tool"),
    SourceFormat("txml", "Wordfast Pro TXML (bilingual)", (".txml",),
                 _F + "txml:read_txml_source", _F + "txml:write_txml_source", bilingual=True,
                 in_sentence="a Wordfast Pro TXML file"),
)

_BY_NAME = {f.name: f for f in SOURCE_FORMATS}
SOURCE_FORMAT_NAMES: tuple[str, ...] = tuple(_BY_NAME)


def get_source_format(name: str) -> SourceFormat:
    """The source format called ``name`` (WorkbenchError naming the choices if unknown)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise WorkbenchError(
            f"unknown document format {name!r} (use {', '.join(SOURCE_FORMAT_NAMES)})"
        ) from None


def source_format_for(path: str | Path, name: str | None = None) -> SourceFormat:
    """The source format of a file: ``name`` when given, else its ending; text otherwise
    (``workbench import`` has always read any other file as text)."""
    if name is not None:
        return get_source_format(name)
    lower = Path(path).name.lower()
    for spec in SOURCE_FORMATS:
        if lower.endswith(spec.extensions):
            return spec
    return _BY_NAME["txt"]


def read_source(path: str | Path, name: str | None = None) -> SourceDocument:
    """Read a client document with its filter (``name`` or by its ending). Raises InputError
    naming the file for plain text (no filter), a hostile or broken file, or no text."""
    from workbench.filters.package import read_input

    spec = source_format_for(path, name)
    if spec.plain:
        raise InputError(path, "plain text has no document filter (import it as text)")
    data = read_input(path)
    document = spec.reader(data, str(path))
    if not document.blocks:
        raise InputError(path, f"no text to import (read as {spec.named})")
    return document


def write_source(
    out: BinaryIO, name: str, data: bytes, path: str, renderings: dict[int, Rendering],
    fallback: str = "source", *, blocks: int | None = None,
) -> WriteReport:
    """Write a stored original back through its filter. ``blocks``: how many blocks the
    import found; a file that now reads otherwise is refused before anything is written."""
    from workbench.filters.model import FALLBACKS

    if fallback not in FALLBACKS:
        raise WorkbenchError(f"unknown fallback {fallback!r} (use {', '.join(FALLBACKS)})")
    spec = get_source_format(name)
    report = spec.writer(out, data, path, renderings, fallback)
    if blocks is not None and report.blocks != blocks:  # the caller discards what was written
        raise WorkbenchError(
            f"{path}: the stored original reads as {report.blocks} blocks, not the {blocks} it "
            "was imported with (imported by another version of the filter?); import it again"
        )
    return report
