"""Source-document filters: client documents (DOCX, ODT, HTML/XHTML, Markdown, EPUB, XLIFF,
TXML) read into tagged paragraphs and written back translated, one module per format, one registry.

Pure: bytes in, plain values out (:mod:`workbench.filters.model`), and bytes back. The
Project service stores the original and the blocks (``project.sources``) and the export
``original`` writes the document back through :func:`write_source`.
"""

from __future__ import annotations

from workbench.filters.model import (
    FALLBACKS,
    Block,
    Rendering,
    SegmentText,
    SourceDocument,
    Tag,
    TagMap,
    WriteReport,
)
from workbench.filters.registry import (
    FILTER_VERSION,
    SOURCE_FORMAT_NAMES,
    SOURCE_FORMATS,
    SourceFormat,
    get_source_format,
    read_source,
    source_format_for,
    write_source,
)

__all__ = [
    "FALLBACKS",
    "FILTER_VERSION",
    "SOURCE_FORMATS",
    "SOURCE_FORMAT_NAMES",
    "Block",
    "Rendering",
    "SegmentText",
    "SourceDocument",
    "SourceFormat",
    "Tag",
    "TagMap",
    "WriteReport",
    "get_source_format",
    "read_source",
    "source_format_for",
    "write_source",
]
