"""What translation-memory lookups, concordance, pre-translation and analysis return."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.text.nontranslatable import NON_TRANSLATABLE, converted
from workbench.tm.diff import DiffOp, with_segment_tags
from workbench.tm.score import BANDS

#: The analysis bands in memoQ's order of precedence, then the segments with no letters (which
#: take precedence over all of them: nothing to translate), listed last.
ANALYSIS_BANDS: tuple[str, ...] = (
    "101", "repetitions", "100", "95-99", "85-94", "75-84", "50-74", "no-match",
    NON_TRANSLATABLE,
)
assert [b for b in ANALYSIS_BANDS if b not in ("repetitions", "no-match", NON_TRANSLATABLE)] == [
    name for name, _, _ in BANDS
]


@dataclass(frozen=True)
class TmMatch:
    """One match of a lookup: score, the unit, where it comes from, and how it differs."""

    score: int
    source: str
    target: str
    origin: str
    memory: str
    unit_id: int
    diff: tuple[DiffOp, ...] = ()
    author: str | None = None
    date: str | None = None
    segment_id: int | None = None
    document: str | None = None
    position: int | None = None
    substituted: str | None = None
    #: The English to insert when it is not ``substituted`` or ``target`` as they are (another
    #: tool's tag placeholders written as the segment's tags).
    insert: str | None = None
    #: Not a memory's unit: the segment's own digits and punctuation converted (it has no
    #: letters to translate; :func:`conversion_match`).
    non_translatable: bool = False

    @property
    def text(self) -> str:
        """The English to insert: the target, with the query's numbers when only they differ
        and the segment's tags for the unit's, without spaces at its ends (a tool's ``<seg>
        The text. </seg>``: a segment's English starts and ends with its words)."""
        if self.insert is not None:
            return self.insert.strip()
        return (self.substituted if self.substituted is not None else self.target).strip()

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``workbench tm lookup``."""
        return {
            "score": self.score,
            "source": self.source,
            "target": self.target,
            "origin": self.origin,
            "diff": [op.to_dict() for op in self.diff],
            "author": self.author,
            "date": self.date,
            "memory": self.memory,
            "unit": self.unit_id,
            "segment": self.segment_id,
            "document": self.document,
            "position": self.position,
            "substituted": self.substituted,
        }


def conversion_match(source: str) -> TmMatch | None:
    """The English of a segment with no letters (numbers, dates, separators) as a match to
    offer and insert: its digits and Arabic punctuation converted (``٥٠٪`` → ``50%``), scored
    100; None for a segment with something to translate."""
    english = converted(source)
    if english is None:
        return None
    return TmMatch(
        score=100, source=source, target=english, origin=NON_TRANSLATABLE,
        memory=NON_TRANSLATABLE, unit_id=0, diff=(DiffOp("equal", source, source),),
        non_translatable=True,
    )


@dataclass(frozen=True)
class ConcordanceHit:
    """A unit holding the searched words, with where they are (spans in ``source`` or
    ``target``, by ``lang``)."""

    lang: str
    source: str
    target: str
    spans: tuple[tuple[int, int], ...]
    origin: str
    memory: str
    unit_id: int
    author: str | None
    date: str | None

    def english_for(self, segment_source: str) -> str:
        """The English to insert into the segment of ``segment_source``: another tool's
        placeholders ({1} {/1} {2/}) as the segment's tags where they pair, left out where the
        segment has none, as inserting a match writes them."""
        return with_segment_tags(segment_source, self.source, self.target)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "lang": self.lang,
            "source": self.source,
            "target": self.target,
            "spans": [list(s) for s in self.spans],
            "origin": self.origin,
            "memory": self.memory,
            "unit": self.unit_id,
            "author": self.author,
            "date": self.date,
        }


@dataclass
class ImportResult:
    """What ``workbench tm import`` stored."""

    name: str
    path: str
    format: str
    units: int = 0
    skipped: int = 0
    skipped_lines: list[int] = field(default_factory=list)
    source_lang: str | None = None
    tags: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


@dataclass
class PretranslateResult:
    """What ``workbench pretranslate`` filled."""

    documents: list[str]
    min_score: int
    empty: int = 0
    filled: int = 0
    by_band: dict[str, int] = field(default_factory=dict)
    segments: list[int] = field(default_factory=list)
    changes: list[int] = field(default_factory=list)
    """The change groups written (one per document filled), for ``undo --change``."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


@dataclass
class BandFigures:
    """Segments, words and characters (without spaces) of the Arabic in one band."""

    segments: int = 0
    words: int = 0
    characters: int = 0

    def add(self, words: int, characters: int) -> None:
        """Count one segment."""
        self.segments += 1
        self.words += words
        self.characters += characters

    def to_dict(self) -> dict[str, int]:
        """A JSON-ready dict."""
        return {"segments": self.segments, "words": self.words, "characters": self.characters}


@dataclass
class Analysis:
    """The analysis report: every segment in exactly one band."""

    documents: list[str]
    bands: dict[str, BandFigures] = field(
        default_factory=lambda: {b: BandFigures() for b in ANALYSIS_BANDS}
    )
    by_segment: dict[int, str] = field(default_factory=dict)

    @property
    def total(self) -> BandFigures:
        """The figures of all bands together."""
        out = BandFigures()
        for figures in self.bands.values():
            out.segments += figures.segments
            out.words += figures.words
            out.characters += figures.characters
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``workbench analyze``."""
        return {
            "bands": {name: self.bands[name].to_dict() for name in ANALYSIS_BANDS},
            "total": self.total.to_dict(),
        }
