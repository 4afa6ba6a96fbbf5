"""LQA of the Project service: reviewers' MQM errors on segments, the project's weights and
threshold, and the report.

An error is stored with the revision of the segment's English it was made on (the revision
that wrote the text, so that neither a reviewer's status change nor an undo, which gives back
an earlier revision's English, nor a merge or split of the translators' English is mistaken
for the translation) and with that English
itself: when the text changes later, the error stays, marked ``outdated``. Removing an error
only marks it removed.

**Evaluated segments** (what a report scores): the document's segments that are reviewed or
approved, or that carry an error; or, with ``segments``, exactly the segments at those
positions (a sample), whatever their status. A joined segment (the second Arabic sentence of a
2–1 link: its English is on the link's first segment) goes with the segment holding its
English, and (but in a sample) that segment with it; its words count for that English's
translator. The words are those of their Arabic source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from workbench.errors import NotFoundError, WorkbenchError
from workbench.formats.xmlout import carried, typed
from workbench.lqa.notes import NoteError, format_note, parse_note
from workbench.lqa.scoring import EvaluatedSegment, LqaError, LqaReport, lqa_report, source_words
from workbench.lqa.typology import (
    DEFAULT_THRESHOLD,
    DEFAULT_WEIGHTS,
    SEVERITIES,
    category_id,
    severity_name,
)
from workbench.project.catalog import Catalog
from workbench.project.context import ProjectContext
from workbench.project.groups import group_text
from workbench.project.reading import Reader
from workbench.store import lqa as q_lqa
from workbench.store import versions as q_versions
from workbench.text.tags import tokens

MAX_COMMENT = 2000
MAX_WEIGHT = 10_000
"""The largest severity weight (MQM's are 0 to 25; a huge one would overflow the scores)."""


@dataclass(frozen=True)
class LqaSettings:
    """The weight of each severity and the pass threshold of the project."""

    weights: dict[str, float]
    threshold: float


def _error(row: dict[str, Any]) -> LqaError:
    span = None if row["span_start"] is None else (row["span_start"], row["span_end"])
    return LqaError(
        id=row["id"], segment_id=row["segment_id"], position=row["position"],
        category=row["category"], severity=row["severity"], comment=row["comment"], span=span,
        author=row["author"], at=row["at"], revision_id=row["revision_id"],
        translator=row["translator"], target_text=row["target_text"],
        current_text=row["current_text"],
    )


def parse_ranges(text: str) -> list[tuple[int, int]]:
    """Segment numbers such as ``1-40,52,60-70`` as (first, last) ranges."""
    ranges: list[tuple[int, int]] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        first, sep, last = part.partition("-")
        try:
            lo = int(first)
            hi = int(last) if sep else lo
        except ValueError:
            raise WorkbenchError(
                f"segments {text!r}: use numbers and ranges such as 1-40,52"
            ) from None
        if lo < 1 or hi < lo:
            raise WorkbenchError(f"segments {text!r}: {part} is not a range of segment numbers")
        ranges.append((lo, hi))
    if not ranges:
        raise WorkbenchError(f"segments {text!r}: no segment numbers")
    return ranges


class Lqa:
    """Reviewers' LQA errors, the project's LQA settings, and LQA reports."""

    def __init__(self, context: ProjectContext, catalog: Catalog, reader: Reader) -> None:
        self.context = context
        self.catalog = catalog
        self.reader = reader

    # errors -------------------------------------------------------------------------------

    def add_error(
        self,
        segment_id: int,
        category: str,
        severity: str,
        *,
        span: tuple[int, int] | None = None,
        comment: str = "",
        on_text: str | None = None,
    ) -> LqaError:
        """Record an error on a segment's working English; ``span`` (start, end) marks the
        English it concerns, in the text as stored now. ``on_text``: the English the reviewer
        judged (and chose the span on); refused when the segment's English is no longer that
        (changed by someone else meanwhile). An error without a span on a joined segment
        (:func:`joined_holder`) is recorded on the segment holding its English, which it
        judged: the returned error's ``segment_id`` says which."""
        category = category_id(category)
        severity = severity_name(severity)
        comment = _comment(comment)
        if len(comment) > MAX_COMMENT:
            raise WorkbenchError(f"an LQA comment of at most {MAX_COMMENT} characters")
        with self.context.transaction():
            seg = self.reader.segment(segment_id)
            holder = self.joined_holder(segment_id) if span is None else None
            if holder is not None:
                segment_id, seg = holder, self.reader.segment(holder)
            if on_text is not None and seg.target != on_text:
                raise WorkbenchError(
                    f"segment {segment_id}: its English changed while the error was chosen "
                    f"(now {seg.target[:60]!r}); nothing recorded: record it on the new English"
                )
            if span is not None:
                start, end = span
                if start >= end:
                    raise WorkbenchError(
                        f"segment {segment_id}: span {start}:{end} marks no English (its end "
                        f"must come after its start: 0:{len(seg.target)} is the whole English)"
                    )
                if not 0 <= start < end <= len(seg.target):
                    holder = q_versions.joined_segments(
                        self.context.db, seg.document_id).get(segment_id)
                    if holder is not None:
                        raise WorkbenchError(
                            f"segment {segment_id} is joined: its English is in segment "
                            f"{holder}; a span is in the English it holds: record the error "
                            f"there (or on segment {segment_id} without --span)"
                        )
                    raise WorkbenchError(
                        f"segment {segment_id}: span {start}:{end} is not inside its English "
                        f"(0:{len(seg.target)})"
                    )
                for tag in tokens(seg.target):
                    if tag.start < start < tag.end or tag.start < end < tag.end:
                        raise WorkbenchError(
                            f"segment {segment_id}: span {start}:{end} cuts the tag {tag.text} "
                            f"(at {tag.start}:{tag.end})"
                        )
            revision = q_lqa.text_revision(self.context.db, segment_id)
            error_id = q_lqa.add_error(
                self.context.db, segment_id, revision["id"] if revision else None, seg.target,
                category, severity, span, comment, self.context.author,
            )
        return self.error(error_id)

    def joined_holder(self, segment_id: int) -> int | None:
        """The segment holding the English of ``segment_id`` when that one is joined (no
        English of its own, see ``q_versions.joined_segments``), else None."""
        seg = self.reader.segment(segment_id)
        if seg.target.strip():
            return None
        return q_versions.joined_segments(self.context.db, seg.document_id).get(segment_id)

    def error(self, error_id: int) -> LqaError:
        """One error (a removed one too)."""
        row = q_lqa.error(self.context.db, error_id)
        if row is None:
            raise NotFoundError(f"no LQA error {error_id} in {self.context.path}")
        return _error(row)

    def errors(self, doc: str | None = None, *, segment_id: int | None = None) -> list[LqaError]:
        """The errors of a document (default: the first), or of one segment (of ``doc`` when
        it is given: another document's segment is an error), in order."""
        db = self.context.db
        if segment_id is not None:
            segment = self.reader.segment(segment_id)
            if doc is not None and self.catalog.document(doc).id != segment.document_id:
                raise WorkbenchError(f"segment {segment_id} is not in document {doc!r}")
            rows = q_lqa.errors(db, segment_ids=[segment_id])
        else:
            rows = q_lqa.errors(db, document_id=self.catalog.document(doc).id)
        return [_error(r) for r in rows]

    def remove_error(self, error_id: int) -> LqaError:
        """Remove an error (it is kept, marked removed, and no longer counted)."""
        with self.context.transaction():
            error = self.error(error_id)
            if not q_lqa.remove_error(self.context.db, error_id, self.context.author):
                raise WorkbenchError(f"LQA error {error_id} was removed already")
        return error

    # settings -----------------------------------------------------------------------------

    def settings(self) -> LqaSettings:
        """The project's severity weights and pass threshold (defaults where unset)."""
        stored = q_lqa.settings(self.context.db)
        weights = {s: stored.get(f"weight:{s}", DEFAULT_WEIGHTS[s]) for s in SEVERITIES}
        return LqaSettings(weights, stored.get("threshold", DEFAULT_THRESHOLD))

    def configure(
        self, *, weights: dict[str, float] | None = None, threshold: float | None = None
    ) -> LqaSettings:
        """Set severity weights (0 to MAX_WEIGHT) and/or the pass threshold (0–100) of the
        project."""
        checked: dict[str, float] = {}
        for severity, weight in (weights or {}).items():
            name = severity_name(severity)
            if not 0 <= weight <= MAX_WEIGHT:  # also refuses NaN and infinities
                raise WorkbenchError(f"the weight of {name} must be a number from 0 to "
                                     f"{MAX_WEIGHT:,}, not {weight}")
            checked[name] = float(weight)
        if threshold is not None and not 0 <= threshold <= 100:
            raise WorkbenchError(f"the LQA threshold must be between 0 and 100, not {threshold}")
        with self.context.transaction():
            for name, weight in checked.items():
                q_lqa.set_setting(self.context.db, f"weight:{name}", weight)
            if threshold is not None:
                q_lqa.set_setting(self.context.db, "threshold", float(threshold))
        return self.settings()

    # reports ------------------------------------------------------------------------------

    def report(
        self, doc: str | None = None, *, segments: Sequence[tuple[int, int]] | None = None
    ) -> LqaReport:
        """Score a document: its evaluated segments (see the module) with their errors.

        ``segments``: (first, last) ranges of segment numbers to evaluate instead (see
        :func:`parse_ranges`).
        """
        document = self.catalog.document(doc)
        db = self.context.db
        outside = [(a, b) for a, b in segments or () if b > document.segments]
        if outside:
            raise WorkbenchError(
                f"document {document.name!r} has no segment numbered "
                + ",".join(f"{a}-{b}" if a != b else str(a) for a, b in outside)
                + f" (it has {document.segments:,})")
        rows = q_lqa.evaluated_segments(db, document.id, segments)
        # a joined segment goes with the segment holding its English, its words counting for
        # that segment's translator; and (but in a sample, taken as asked) the holder with it:
        # an error on the joined segment judged the holder's English
        holders = q_versions.joined_segments(db, document.id)
        present = {r["id"] for r in rows}
        chosen = present | (
            {holders[sid] for sid in present if sid in holders} if segments is None else set()
        )
        added = [*(chosen - present)] + [
            sid for sid, holder in holders.items() if holder in chosen and sid not in chosen
        ]
        rows = sorted(rows + q_lqa.segments_to_evaluate(db, document.id, added),
                      key=lambda r: r["position"])
        errors = [_error(r) for r in q_lqa.errors(db, document_id=document.id)]
        # the evaluated revision: the one the segment's latest error was made on, else the
        # revision of its current English
        evaluated_by = {e.segment_id: e.translator for e in sorted(errors, key=lambda e: e.id)}
        translators = {r["id"]: evaluated_by.get(r["id"], r["translator"]) for r in rows}

        def holder_translator(holder: int) -> str | None:
            if holder in translators:
                return translators[holder]
            if holder in evaluated_by:
                return evaluated_by[holder]
            revision = q_lqa.text_revision(db, holder)
            return revision["author"] if revision else None

        # a joined segment's English, and so its words, is its holder's translator's (also
        # when a sample takes it without its holder), and so is an error made on it while it
        # had no English of its own
        for sid, holder in holders.items():
            if sid in translators:
                translators[sid] = holder_translator(holder)
        errors = [_on_holder(e, holders, holder_translator, self.reader) for e in errors]
        evaluated = [
            EvaluatedSegment(
                r["id"], r["position"], source_words(r["source"]), translators[r["id"]]
            )
            for r in rows
        ]
        settings = self.settings()
        scope = (
            "reviewed, approved or with errors" if segments is None
            else "segments " + ",".join(f"{a}-{b}" if a != b else str(a) for a, b in segments)
        )
        return lqa_report(
            document.name, evaluated, errors, settings.weights, settings.threshold, scope=scope
        )

    def score(self, doc: str | None = None) -> float | None:
        """The LQA score of a document (None when nothing is evaluated yet)."""
        return self.report(doc).score

    # exchange -----------------------------------------------------------------------------

    def errors_by_segment(self, document_id: int) -> dict[int, list[LqaError]]:
        """The errors of a document by segment id (for exports)."""
        out: dict[int, list[LqaError]] = {}
        for row in q_lqa.errors(self.context.db, document_id=document_id):
            out.setdefault(row["segment_id"], []).append(_error(row))
        return out

    @staticmethod
    def unit_notes(
        errors: Iterable[LqaError], texts: Sequence[tuple[int, str]], joined: str
    ) -> list[str]:
        """The note lines of the errors of one exported unit: ``texts`` are its segments'
        (id, English), ``joined`` the unit's English as the file shows it. Spans are given in
        ``joined``, for errors made on the English the segment still has."""
        offsets = dict(zip((sid for sid, _ in texts), segment_offsets(texts, joined), strict=True))
        lines: list[str] = []
        for e in errors:
            span = None
            offset = offsets.get(e.segment_id)
            if e.span is not None and not e.outdated and offset is not None:
                span = (e.span[0] + offset, e.span[1] + offset)
            lines.append(format_note(NoteError(
                e.severity, e.category, span, e.quote, e.author or None, e.comment
            )))
        return lines

    def import_notes(
        self,
        notes: Sequence[str],
        segment_ids: Sequence[int],
        where: str,
        file_text: str | None = None,
        dry_run: Mapping[int, str] | None = None,
    ) -> tuple[int, list[str]]:
        """Record the LQA notes of an imported unit on its segments (in the caller's
        transaction and change group, if any): errors the segments already have (removed ones
        included) are skipped, whichever of the unit's segments holds them (a note names none:
        an error on a joined segment, exported in its link's unit, is not added to the unit's
        first segment again). Returns how many were added and a warning per note that could
        not be read. Notes and errors are matched one to one: two like notes are two errors,
        as two like errors are exported as two like notes. ``file_text``: the unit's English
        in the file, in which the notes' spans count; when the segments kept another English
        (finished work, a newer edit), a span without a quote is looked for by the words it
        marks in the file. ``dry_run`` (the English the import would write, by segment id)
        records nothing: how many would be added, the notes read against that English."""
        db = self.context.db
        segs = [self.reader.segment(sid) for sid in segment_ids]
        planned = dry_run or {}
        texts = [(s.id, planned.get(s.id, s.target)) for s in segs]
        joined = group_text(t for _, t in texts)
        offsets = segment_offsets(texts, joined)
        existing = Counter(
            _key(e.category, e.severity, e.comment, e.quote)
            for e in (_error(r) for r in q_lqa.errors(db, segment_ids=segment_ids, removed=True))
        )
        added = 0
        warnings: list[str] = []
        for text in notes:
            try:
                note = parse_note(text)
            except WorkbenchError as exc:
                warnings.append(f"{where}: {exc}")
                continue
            if note.span is not None and note.quote is None and file_text is not None \
                    and file_text.strip() != carried(joined).strip():
                start, end = note.span
                note = replace(note, quote=file_text[start:end] if end <= len(file_text) else "")
            target, span = _place(note, texts, offsets, joined)
            stored = texts_of(texts, target)[span[0] : span[1]] if span else None
            # the error as it will be stored (a span the English does not hold is dropped,
            # and its quote with it), and as an outdated error of ours was written (no span,
            # the quote of the English it was made on)
            keys = (
                _key(note.category, note.severity, note.comment, stored or note.quote),
                _key(note.category, note.severity, note.comment, stored),
            )
            found = next((key for key in keys if existing[key] > 0), None)
            if found is not None:
                existing[found] -= 1
                continue
            if span is None and (note.span or note.quote):
                warnings.append(f"{where}: {text.strip()[:80]!r}: the English does not hold "
                                "what it marks; recorded without a span")
            added += 1
            if dry_run is not None:
                continue
            revision = q_lqa.text_revision(db, target)
            q_lqa.add_error(
                db, target, revision["id"] if revision else None, texts_of(texts, target),
                note.category, note.severity, span, note.comment,
                note.author or self.context.author, self.context.group_id,
            )
        return added, warnings


def _on_holder(
    error: LqaError, holders: Mapping[int, int], translator: Callable[[int], str | None],
    reader: Reader,
) -> LqaError:
    """An error stored on a joined segment (as they were before they went to the segment
    holding its English) as the report shows it: against the holder's translator when made
    while the segment had no English of its own, the holder's English shown for its empty
    one (the English it judged). ``translator``: holder id → its translator."""
    holder = holders.get(error.segment_id)
    if holder is None:
        return error
    if error.revision_id is None:
        error = replace(error, translator=translator(holder))
    if not error.target_text.strip() and not error.current_text.strip():
        english = reader.segment(holder).target
        error = replace(error, target_text=english, current_text=english)
    return error


def _comment(text: str) -> str:
    """A comment as stored: without the control characters no export carries (ESC, BEL...),
    so that importing our own file finds it again, its whitespace collapsed."""
    return " ".join(typed(text).split())


def _key(category: str, severity: str, comment: str, quote: str | None) -> tuple[str, ...]:
    """How an imported note and a stored error of the same unit are matched."""
    return category, severity, _comment(comment), quote or ""


def texts_of(texts: Sequence[tuple[int, str]], segment_id: int) -> str:
    """The English of ``segment_id`` among (id, English) pairs."""
    return next(t for sid, t in texts if sid == segment_id)


def segment_offsets(texts: Sequence[tuple[int, str]], joined: str) -> list[int | None]:
    """Where each segment's stored English starts in the unit's English ``joined`` (the
    segments' texts stripped, de-duplicated and joined by spaces); None when it is not there."""
    out: list[int | None] = []
    pos = 0
    for _, text in texts:
        stripped = text.strip()
        if not stripped:
            out.append(None)
            continue
        at = joined.find(stripped, pos)
        if at < 0:
            at = joined.find(stripped)
        if at < 0:
            out.append(None)
            continue
        out.append(at - (len(text) - len(text.lstrip())))
        pos = max(pos, at + len(stripped))
    return out


def _place(
    note: NoteError,
    texts: Sequence[tuple[int, str]],
    offsets: Sequence[int | None],
    joined: str,
) -> tuple[int, tuple[int, int] | None]:
    """The segment an imported note belongs to, and its span in that segment's English."""
    if note.span is not None and note.span[1] <= len(joined):
        marked = joined[note.span[0] : note.span[1]]
        if note.quote is None or note.quote == marked:
            for (sid, text), offset in zip(texts, offsets, strict=True):
                if offset is None:
                    continue
                start, end = note.span[0] - offset, note.span[1] - offset
                if 0 <= start < end <= len(text):
                    return sid, (start, end)
    if note.quote:
        for sid, text in texts:
            at = text.find(note.quote)
            if at >= 0:
                return sid, (at, at + len(note.quote))
    return texts[0][0], None


__all__ = ["Lqa", "LqaSettings", "parse_ranges"]
