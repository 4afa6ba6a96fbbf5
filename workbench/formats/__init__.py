"""Bilingual file formats: pure writers and readers, one module per format, one registry.

Writers take an :class:`~workbench.formats.model.ExportHeader` and an iterable of
:class:`~workbench.formats.model.Unit` and write to a binary stream, returning how many units
they wrote. They stream: nothing holds the whole document. Readers take a path and return an
:class:`~workbench.formats.model.ImportedFile`. Every format is a record of
:mod:`workbench.formats.registry`; :func:`detect` tells which importable format a file holds.
"""

from __future__ import annotations

from workbench.formats.model import ExportHeader, ImportedFile, ImportedUnit, Term, Unit
from workbench.formats.registry import (
    FINDINGS,
    FORMATS,
    Format,
    Reader,
    Writer,
    fallback_formats,
    get_format,
    importable_formats,
)
from workbench.formats.sniff import detect, is_bilingual

#: The names of every export format, in the registry's order.
EXPORT_FORMATS: tuple[str, ...] = tuple(f.name for f in FORMATS)
#: The names of the formats whose files can be brought back into a project.
IMPORT_FORMATS: tuple[str, ...] = tuple(f.name for f in importable_formats())

__all__ = [
    "EXPORT_FORMATS",
    "FINDINGS",
    "FORMATS",
    "IMPORT_FORMATS",
    "ExportHeader",
    "Format",
    "ImportedFile",
    "ImportedUnit",
    "Reader",
    "Term",
    "Unit",
    "Writer",
    "detect",
    "fallback_formats",
    "get_format",
    "importable_formats",
    "is_bilingual",
]
