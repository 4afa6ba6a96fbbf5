"""The format registry: one record per bilingual file format, in one list.

A record says what the service and the front ends need to know about a format — its writer,
its reader if it has one, its file name endings, whether it carries QA findings (and which by
default), whether it shows glossary terms, how to recognise it by content — so that nothing
outside this package names a format. Writers and readers are named as ``module:function`` and
imported on first use: listing the formats loads neither python-docx nor lxml.

Adding a format is a module with a writer (and a reader) plus one record in :data:`FORMATS`;
``workbench export --format``, the export dialog and the round-trip contract test
(tests/formats/test_contract.py) pick it up from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from pkgutil import resolve_name
from typing import BinaryIO

from workbench.formats.model import ExportHeader, ImportedFile, Unit

Writer = Callable[[BinaryIO, ExportHeader, Iterable[Unit]], int]
Reader = Callable[[str | Path], ImportedFile]

#: Which QA findings an export carries: none, glossary (term findings, computed as the export
#: streams) or all (every check of the checking service, cross-segment ones included).
FINDINGS: tuple[str, ...] = ("none", "glossary", "all")


@dataclass(frozen=True)
class Format:
    """A bilingual file format of the workbench.

    ``write_with`` / ``read_with`` name the writer and the reader (``module:function``);
    ``suffix`` ends the default output name, ``extensions`` are the endings recognised on
    import. ``kind`` names the sort of file in messages and in the import's history action
    ("XLIFF" for 1.2 and 2.0). ``xml_root`` / ``xml_version`` recognise the format by content:
    the root element's local name and the major version (from its ``version`` attribute or,
    failing that, its namespace).
    """

    name: str
    description: str
    kind: str
    suffix: str
    write_with: str
    read_with: str | None = None
    extensions: tuple[str, ...] = ()
    #: the export carries QA findings, and which by default (one of FINDINGS)
    carries_findings: bool = False
    findings: str = "none"
    #: the export marks the glossary terms found in the Arabic
    shows_terms: bool = False
    xml_root: str | None = None
    xml_version: str | None = None
    #: the writer rebuilds the document's stored original (a client document) instead of
    #: writing units alone: ``writer(out, header, units, original, fallback, warnings)``,
    #: with the units one per segment and ``original`` a ``StoredOriginal`` (None for a
    #: document imported from text); the output ends in the original's own ending
    from_source: bool = False
    #: the export can fill an untranslated unit's target with its Arabic (``--fallback
    #: source``, Okapi's "copy source to target"): OmegaT 3.6 translates an XLIFF 1.2
    #: target's text and reads no unit without one
    fills_targets: bool = False

    def __post_init__(self) -> None:
        if self.findings not in FINDINGS:
            raise ValueError(f"{self.name}: findings {self.findings!r} is not one of {FINDINGS}")
        if self.findings != "none" and not self.carries_findings:
            raise ValueError(f"{self.name}: a default of findings it does not carry")
        if not self.suffix.startswith(".") or any(
            not e.startswith(".") or e != e.lower() for e in self.extensions
        ):
            raise ValueError(f"{self.name}: suffix and extensions start with '.', lower case")

    @property
    def importable(self) -> bool:
        """Whether translations in a file of this format can be brought back into a project."""
        return self.read_with is not None

    @property
    def writer(self) -> Writer:
        """The writer: ``writer(out, header, units)`` writes units and returns how many."""
        return resolve_name(self.write_with)  # type: ignore[no-any-return]

    @property
    def reader(self) -> Reader | None:
        """The reader: ``reader(path)`` returns the file's units, or None if it has none."""
        return None if self.read_with is None else resolve_name(self.read_with)

    def read(self, path: str | Path) -> ImportedFile:
        """The units of the file at ``path`` (ValueError for a format without a reader)."""
        reader = self.reader
        if reader is None:
            raise ValueError(f"format {self.name!r} has no reader")
        return reader(path)


_M = "workbench.formats."

#: Every format, in the order the CLI and the export dialog list them.
FORMATS: tuple[Format, ...] = (
    Format(
        "tmx", "TMX 1.4b translation memory", "TMX", ".tmx", _M + "tmx:write_tmx",
        _M + "tmx:read_tmx", extensions=(".tmx",), carries_findings=True, xml_root="tmx",
    ),
    Format(
        "xliff", "XLIFF 1.2", "XLIFF", ".xlf", _M + "xliff:write_xliff", _M + "xliff:read_xliff",
        extensions=(".xlf", ".xliff"), carries_findings=True, findings="glossary",
        xml_root="xliff", xml_version="1", fills_targets=True,
    ),
    Format(
        "xliff2", "XLIFF 2.0", "XLIFF", ".xliff2.xlf", _M + "xliff2:write_xliff2",
        _M + "xliff:read_xliff", extensions=(".xliff2.xlf", ".xlf", ".xliff"),
        carries_findings=True, findings="glossary", xml_root="xliff", xml_version="2",
    ),
    Format(
        "docx", "bilingual review table (Word)", "DOCX", ".docx", _M + "docx:write_docx",
        carries_findings=True, findings="all", shows_terms=True,
    ),
    Format(
        "html", "bilingual page", "HTML", ".html", _M + "html:write_html",
        carries_findings=True, findings="all", shows_terms=True,
    ),
    Format(
        "csv", "comma-separated values (UTF-8 with BOM)", "CSV", ".csv", _M + "table:write_csv",
        _M + "table:read_csv", extensions=(".csv",),
    ),
    Format(
        "tsv", "tab-separated values", "TSV", ".tsv", _M + "table:write_tsv",
        _M + "table:read_tsv", extensions=(".tsv",),
    ),
    Format("md", "Markdown table", "Markdown", ".md", _M + "markdown:write_md"),
    Format("txt", "the English text", "text", ".en.txt", _M + "text:write_txt"),
    Format(
        "original", "the translated document in its source's format (DOCX, ODT, HTML, "
        "Markdown, EPUB, XLIFF, TXML; text for a text import)", "original", ".original.en.txt",
        _M + "original:write_original", from_source=True,
    ),
)

_BY_NAME = {f.name: f for f in FORMATS}
if len(_BY_NAME) != len(FORMATS):
    raise ValueError("two formats with one name")


def get_format(name: str) -> Format:
    """The format called ``name`` (KeyError if unknown)."""
    return _BY_NAME[name]


def fallback_formats() -> list[str]:
    """The formats that take a fallback (what goes where a segment has no English): those
    rebuilding the original, then those filling targets."""
    return ([f.name for f in FORMATS if f.from_source]
            + [f.name for f in FORMATS if f.fills_targets])


def importable_formats(names: Iterable[str] | None = None) -> list[Format]:
    """The formats with a reader (of ``names`` only, when given), in registry order."""
    wanted = None if names is None else set(names)
    for name in wanted or ():
        get_format(name)  # KeyError for an unknown name
    return [f for f in FORMATS if f.importable and (wanted is None or f.name in wanted)]
