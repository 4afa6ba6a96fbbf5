"""The plain values that format writers take and format readers return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

SOURCE_LANG = "ar"
TARGET_LANG = "en"
#: The namespace of our extension attributes in XLIFF files.
WB_NS = "urn:workbench:exchange"
#: Separator of segment ids in a unit id ("12_13": one unit for segments 12 and 13).
ID_SEPARATOR = "_"
#: What each status means, for the legends of documents meant for people.
STATUS_MEANING = {
    "new": "not translated yet",
    "draft": "translated, not confirmed",
    "translated": "confirmed by the translator",
    "reviewed": "checked by a reviewer",
    "approved": "approved for delivery",
}


@dataclass(frozen=True)
class ExportHeader:
    """What an exported file says about where it comes from."""

    project: str
    document: str
    document_key: str
    version: str
    tool: str = "workbench"
    tool_version: str = "0"
    #: when the file was written, to the millisecond, as the revisions' times are stored (an
    #: import tells the edits made since by it)
    created: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="milliseconds")
    )
    source_lang: str = SOURCE_LANG
    target_lang: str = TARGET_LANG
    #: untranslated units' targets hold their Arabic (see Format.fills_targets)
    copy_source: bool = False


@dataclass(frozen=True)
class Term:
    """A glossary term found in the Arabic: its span and the required English."""

    start: int
    end: int
    renderings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A translation-memory match offered with a unit (XLIFF alt-trans, XLIFF 2 mtc:match)."""

    score: int
    source: str
    target: str
    origin: str


@dataclass
class Unit:
    """One exported segment pair: one segment, or the segments of a many-to-many link."""

    ids: tuple[int, ...]
    number: int
    paragraph: int
    source: str
    target: str
    status: str
    notes: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    #: reviewers' LQA errors, one line each (see workbench.lqa.notes), shown with the notes
    lqa: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    created: str | None = None
    changed: str | None = None
    created_by: str | None = None
    changed_by: str | None = None
    matches: list[Candidate] = field(default_factory=list)
    #: a segment of a many-to-one link after its first, whose English the first one holds
    joined: bool = False
    #: the number of the unit's last segment (a unit of several), else None
    last_number: int | None = None

    @property
    def numbers(self) -> str:
        """The unit's segment numbers as a reader sees them: ``7``, or ``7–10`` for a unit of
        several (a review table's row 7 followed by row 11 seemed to lose 8 to 10)."""
        if self.last_number is None or self.last_number == self.number:
            return str(self.number)
        return f"{self.number}–{self.last_number}"

    @property
    def key(self) -> str:
        """The unit id written to files: segment ids joined by ``_``."""
        return unit_key(self.ids)


def source_pieces(unit: Unit) -> list[tuple[str, Term | None]]:
    """The unit's Arabic cut at its glossary terms: non-empty (text, term or None) pieces.

    A term that overlaps an earlier one or lies outside the text is left out.
    """
    pieces: list[tuple[str, Term | None]] = []
    pos = 0
    for term in sorted(unit.terms, key=lambda t: t.start):
        if term.start < pos or term.end > len(unit.source) or term.start >= term.end:
            continue
        if term.start > pos:
            pieces.append((unit.source[pos : term.start], None))
        pieces.append((unit.source[term.start : term.end], term))
        pos = term.end
    if pos < len(unit.source):
        pieces.append((unit.source[pos:], None))
    return pieces


def unit_key(ids: tuple[int, ...] | list[int]) -> str:
    """The id of a unit made of segments ``ids``."""
    return ID_SEPARATOR.join(str(i) for i in ids)


def parse_unit_key(key: str | None) -> tuple[int, ...] | None:
    """The segment ids of a unit id written by :func:`unit_key`, or None if it is not ours."""
    if not key:
        return None
    parts = key.split(ID_SEPARATOR)
    if not all(p.isascii() and p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


@dataclass(frozen=True)
class ImportedUnit:
    """One unit read from a bilingual file (TMX, XLIFF, CSV, TSV)."""

    key: str | None
    source: str
    target: str | None
    state: str | None = None
    status: str | None = None
    line: int | None = None
    #: the unit's notes that are LQA errors (``LQA: ...`` lines)
    lqa: tuple[str, ...] = ()
    #: the unit's other notes (comments), each on one line; not our QA findings
    notes: tuple[str, ...] = ()
    #: the unit's segments, each as a unit (another tool's unit of several segments: XLIFF 2.0
    #: ``<segment>`` elements, XLIFF 1.2 ``<mrk mtype="seg">``), matched one by one when the
    #: whole unit matches no segment; () for a unit of one segment
    parts: tuple[ImportedUnit, ...] = ()


@dataclass
class ImportedFile:
    """The units of a bilingual file and what it says about its origin."""

    path: str
    format: str
    source_lang: str | None
    target_lang: str | None
    document: str | None = None
    document_key: str | None = None
    units: list[ImportedUnit] = field(default_factory=list)
    exported_at: str | None = None
    """When workbench wrote the file (ISO 8601; our exports only, with their document key)."""
    version: str | None = None
    """The version workbench exported (``working``, ``reference:main``; our exports only)."""
    without_source: list[int] = field(default_factory=list)
    """The lines of units read without an Arabic side (TMX), not among ``units``."""
    languages: set[str] = field(default_factory=set)
    """The language codes of those units (TMX), said when no unit is Arabic-English."""


def iso_from_tmx_date(date: str | None) -> str | None:
    """A TMX date (YYYYMMDDThhmmssZ) as ISO 8601 UTC; None when it is not one."""
    try:
        moment = datetime.strptime(date or "", "%Y%m%dT%H%M%SZ")
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC).isoformat()


def tmx_date(iso: str | None) -> str | None:
    """An ISO 8601 time as a TMX date (YYYYMMDDThhmmssZ, UTC)."""
    if not iso:
        return None
    if len(iso) >= 25 and iso.endswith("+00:00") and iso[10] == "T":  # as stored: fast path
        return f"{iso[0:4]}{iso[5:7]}{iso[8:10]}T{iso[11:13]}{iso[14:16]}{iso[17:19]}Z"
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


#: Three-letter codes of the two languages (ISO 639-2 and 639-3: ``arb`` is Standard Arabic).
_THREE_LETTERS = {"ara": "ar", "arb": "ar", "eng": "en"}


@lru_cache(maxsize=256)
def primary_language(tag: str | None) -> str | None:
    """'ar' or 'en' for a language tag such as ar-SA, AR, ara, arb, en_GB, eng; else its
    primary subtag (lower case); None for none."""
    if not tag:
        return None
    sub = tag.replace("_", "-").split("-")[0].lower()
    return _THREE_LETTERS.get(sub, sub)


def lang_matches(lang: str | None, wanted: str) -> bool:
    """Whether a language tag (``ar``, ``ar-SA``, ``AR``, ``ara``) has the primary subtag
    ``wanted``."""
    return primary_language(lang) == wanted
