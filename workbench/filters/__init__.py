"""Source-document filters: client documents (DOCX, ODT, HTML/XHTML, Markdown, EPUB, XLIFF,
TXML) read into tagged paragraphs and written back translated, one module per format, one registry.

Pure: bytes in, plain values out (:mod:`workbench.filters.model`), and bytes back. The
Project service stores the original and the blocks (``project.sources``) and the export
``original`` writes the document back through :func:`write_source`.

The names below load with their module on first use: a command that only asks whether a file
is plain text (``workbench align`` on text files) does not load the document model (6 ms).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_MODEL = frozenset({"FALLBACKS", "Block", "Rendering", "SegmentText", "SourceDocument", "Tag",
                    "TagMap", "WriteReport"})


def __getattr__(name: str) -> Any:
    """One of the names above, from :mod:`.model` or :mod:`.registry` (loaded now)."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{'model' if name in _MODEL else 'registry'}"),
                    name)
    globals()[name] = value
    return value
