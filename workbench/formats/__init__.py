"""Bilingual file formats: pure writers (and readers for TMX and XLIFF), one module per format.

Writers take an :class:`~workbench.formats.model.ExportHeader` and an iterable of
:class:`~workbench.formats.model.Unit` and write to a binary stream, returning how many units
they wrote. They stream: nothing holds the whole document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from workbench.formats.model import ExportHeader, ImportedFile, ImportedUnit, Term, Unit

Writer = Callable[[BinaryIO, ExportHeader, Iterable[Unit]], int]


@dataclass(frozen=True)
class Format:
    """An export format: its name, file name suffix and writer."""

    name: str
    suffix: str
    description: str
    writer: Writer
    #: which findings the format carries by default: 'none', 'glossary' (term findings, fast)
    #: or 'all' (every QA check of the checking service, cross-segment ones included)
    findings: str = "none"


def _formats() -> dict[str, Format]:
    from workbench.formats.docx import write_docx
    from workbench.formats.html import write_html
    from workbench.formats.markdown import write_md
    from workbench.formats.table import write_csv, write_tsv
    from workbench.formats.text import write_txt
    from workbench.formats.tmx import write_tmx
    from workbench.formats.xliff import write_xliff
    from workbench.formats.xliff2 import write_xliff2

    return {
        f.name: f
        for f in (
            Format("tmx", ".tmx", "TMX 1.4b translation memory", write_tmx),
            Format("xliff", ".xlf", "XLIFF 1.2", write_xliff, "glossary"),
            Format("xliff2", ".xliff2.xlf", "XLIFF 2.0", write_xliff2, "glossary"),
            Format("docx", ".docx", "bilingual review table (Word)", write_docx, "all"),
            Format("html", ".html", "bilingual page", write_html, "all"),
            Format("csv", ".csv", "comma-separated values (UTF-8 with BOM)", write_csv),
            Format("tsv", ".tsv", "tab-separated values", write_tsv),
            Format("md", ".md", "Markdown table", write_md),
            Format("txt", ".en.txt", "the English text", write_txt),
        )
    }


FINDINGS: tuple[str, ...] = ("none", "glossary", "all")

EXPORT_FORMATS: tuple[str, ...] = (
    "tmx", "xliff", "xliff2", "docx", "html", "csv", "tsv", "md", "txt",
)


def get_format(name: str) -> Format:
    """The export format called ``name`` (KeyError if unknown)."""
    return _formats()[name]


__all__ = [
    "EXPORT_FORMATS",
    "FINDINGS",
    "ExportHeader",
    "Format",
    "ImportedFile",
    "ImportedUnit",
    "Term",
    "Unit",
    "get_format",
]
