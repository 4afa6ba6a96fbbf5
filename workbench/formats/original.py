"""The export ``original``: the translated document in its source's format.

For a document imported from a client document (DOCX, ODT, HTML, Markdown, EPUB, XLIFF) the stored
original is written back through its filter (:mod:`workbench.filters`), each paragraph with
the English of its segments; for a document imported from text, the English text, one
paragraph per line. Untranslated segments are left in Arabic (``fallback='source'``) or left
out (``'empty'``); a paragraph left with no text stays, emptied (an empty line, a document's
empty paragraph), so that the translation has the original's paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, BinaryIO

from workbench.formats import xmlout
from workbench.formats.model import ExportHeader, Unit

if TYPE_CHECKING:
    from workbench.filters.model import TagMap


@dataclass(frozen=True)
class StoredOriginal:
    """What the project keeps of a client document: its format, file name and bytes, how
    many blocks its filter read, and the tag map of each paragraph."""

    format: str
    file_name: str
    data: bytes
    blocks: int
    tags: dict[int, TagMap] = field(default_factory=dict)
    filter_version: int | None = None  # of the filters that imported it; None: these


def _check_reading(original: StoredOriginal) -> None:
    """Refuse a document imported by another version of the filters when they read it into
    other blocks or tags now (the stored tags would restore the wrong items: a bookmark's tag
    a bold span); one they read alike is exported."""
    from workbench.errors import WorkbenchError
    from workbench.filters.registry import get_source_format

    blocks = get_source_format(original.format).reader(original.data, original.file_name).blocks
    differs = "" if len(blocks) == original.blocks else \
        f"{len(blocks)} blocks, not {original.blocks}"
    for paragraph, tags in sorted(original.tags.items()):
        if differs:
            break
        block = blocks[paragraph - 1] if paragraph <= len(blocks) else None
        stored = {(t.source_id, t.paired, t.label) for t in tags.values()}
        if block is None or stored != {(t.id, t.paired, t.label) for t in block.tags.values()}:
            differs = f"the tags of {block.place if block else f'paragraph {paragraph}'}"
    if differs:
        raise WorkbenchError(
            f"{original.file_name}: imported by version {original.filter_version} of the "
            f"document filters, which read it otherwise now ({differs}); import it again "
            "under a new name (`workbench import FILE --doc NAME`) and fill it from the "
            "project's memory (`workbench pretranslate --doc NAME --min 95`: the tags that "
            "differ now make its matches 95-99%)")


def write_original(
    out: BinaryIO,
    header: ExportHeader,
    units: Iterable[Unit],
    original: StoredOriginal | None,
    fallback: str = "source",
    warnings: list[str] | None = None,
) -> int:
    """Write the translated document; return how many segments are translated (had English,
    or are joined to a segment whose English translates them, as `stats` counts them).

    ``units`` are the document's segments one by one, in order; ``warnings`` collects what
    the writer worked around (tags the translation lost or added).
    """
    from workbench.filters.model import FALLBACKS, Rendering, SegmentText

    if fallback not in FALLBACKS:
        raise ValueError(f"unknown fallback {fallback!r}")
    translated = 0
    if original is None:
        text = []
        for _, members in groupby(units, key=lambda u: u.paragraph):
            parts = []
            for unit in members:
                english = " ".join(unit.target.split())
                translated += bool(english) or unit.joined
                keep_source = fallback == "source" and not unit.joined
                chosen = english or (" ".join(unit.source.split()) if keep_source else "")
                if chosen:
                    parts.append(chosen)
            text.append(" ".join(parts) + "\n")  # nothing to say: an empty line, in its place
        out.write("".join(text).encode("utf-8"))
        return translated
    from workbench.filters.registry import FILTER_VERSION, write_source

    if original.filter_version not in (None, FILTER_VERSION):
        _check_reading(original)
    renderings: dict[int, Rendering] = {}
    for paragraph, members in groupby(units, key=lambda u: u.paragraph):
        # a control character XML cannot carry (a line break pasted from Word is U+000B):
        # left out, as every export leaves it out
        segments = [SegmentText(u.source, xmlout.carried(u.target), u.status, u.joined)
                    for u in members]
        translated += sum(bool(s.target.strip()) or s.joined for s in segments)
        renderings[paragraph] = Rendering(segments, original.tags.get(paragraph, {}))
    report = write_source(out, original.format, original.data, original.file_name, renderings,
                          fallback, blocks=original.blocks)
    if warnings is not None:
        warnings.extend(report.warnings)
    return translated
