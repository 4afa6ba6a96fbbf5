"""Batch work on a document: find and replace in the English, confirm or review many segments.

Each batch is one change group (one transaction) that ``undo_change`` undoes at once; locked
(approved) segments are never changed by a batch, only reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.errors import BlockedByFindings, ConflictError, WorkbenchError
from workbench.formats.xmlout import typed
from workbench.project.catalog import Catalog
from workbench.project.changes import Change, ChangeSet
from workbench.project.checking import Checking
from workbench.project.context import ProjectContext
from workbench.project.editing import Editing
from workbench.project.reading import Reader, Segment
from workbench.project.review import VERDICTS, Review
from workbench.statuses import STATUSES, Status
from workbench.store import changes as q_changes
from workbench.store import documents as q_docs
from workbench.store import versions as q_versions
from workbench.text.lines import without_breaks
from workbench.text.tags import tokens
from workbench.wording import plural


@dataclass(frozen=True)
class Replacement:
    """One segment's English before and after a find-and-replace."""

    segment_id: int
    position: int
    before: str
    after: str
    count: int
    spans: tuple[tuple[int, int], ...]
    """Where the replacements stand in ``after``."""
    new_errors: tuple[str, ...] = ()
    """The QA errors ``after`` has that ``before`` had not ('CHECK: message'): a forbidden
    rendering written in, a required one or a number replaced away."""


@dataclass
class ReplaceReport:
    """What a find-and-replace changed (or, dry, would change)."""

    document: str
    find: str
    replacement: str
    changes: list[Replacement] = field(default_factory=list)
    locked: list[int] = field(default_factory=list)
    locked_positions: list[int] = field(default_factory=list)
    """The locked segments' numbers in their document's list (the editor's numbers)."""
    group_id: int | None = None
    dry_run: bool = False

    @property
    def occurrences(self) -> int:
        """How many occurrences were (or would be) replaced."""
        return sum(c.count for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {**self.__dict__, "changes": [c.__dict__ for c in self.changes],
                "occurrences": self.occurrences}


@dataclass
class BatchReport:
    """What a batch confirmation or review did, segment by segment."""

    action: str
    done: list[int] = field(default_factory=list)
    blocked: dict[int, list[str]] = field(default_factory=dict)
    """Segments left as they were, with why (open error findings, locked, empty)."""
    by_findings: list[int] = field(default_factory=list)
    """The blocked segments whose open error findings an override reason would accept."""
    unchanged: list[int] = field(default_factory=list)
    """Segments already so (confirmed, reviewed or approved already): nothing written but a
    reviewer's comment (a note)."""
    joined: dict[int, int] = field(default_factory=dict)
    """Joined segments (no English of their own) with the segment of their link that holds
    it, whose status they go with: nothing written to them."""
    group_id: int | None = None
    """The change group, None when nothing was written (nothing to undo)."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


def compile_pattern(
    find: str, *, regex: bool = False, case_sensitive: bool = False, whole_word: bool = False
) -> re.Pattern[str]:
    """The pattern a find-and-replace looks for (a bad regular expression is a user error)."""
    if not find:
        raise WorkbenchError("nothing to find: give the text to replace")
    body = find if regex else re.escape(find)
    if whole_word:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    try:
        return re.compile(body, 0 if case_sensitive else re.IGNORECASE)
    except re.error as exc:
        raise WorkbenchError(f"not a valid regular expression {find!r}: {exc}") from None


def check_replacement(pattern: re.Pattern[str], replacement: str) -> None:
    """Refuse a regular-expression replacement that names a group the pattern does not have
    (``\\2``, ``\\g<name>``) or ends in a lone backslash: a user error, before any match."""
    try:
        pattern.sub(replacement, "")  # parses the template even when nothing matches
    except (re.error, IndexError) as exc:
        raise WorkbenchError(f"not a valid replacement {replacement!r}: {exc}") from None


def replaceable(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``text`` a replacement may change: not empty (an empty
    match replaces nothing a translator can see) and touching no inline tag (``<1>``,
    ``</1>``, ``<2/>``: the client document's formatting, which a replacement never breaks)."""
    tags = [(t.start, t.end) for t in tokens(text)]
    for match in pattern.finditer(text):
        start, end = match.span()
        if start < end and not any(s < end and start < e for s, e in tags):
            yield match


#: Words a title leaves in lower case ("Ministry of Health").
_TITLE_SMALL = frozenset(
    {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})
#: A word of a name, an apostrophe inside it ("Children's", "don't": no capital after it).
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def cased_like(replacement: str, found: str) -> str:
    """``replacement`` (typed in lower case) in the case of the text ``found``, as a word
    processor's case-insensitive replace does: all capitals (REVOLUTION → REVOLT), every word
    of several capitalised but a title's small words (European Commission → European
    Parliament), a capital first letter (Revolution → Revolt), else as typed."""
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = _WORD.findall(found)
    if sum(w[0].isupper() for w in words) > 1 and all(
            w[0].isupper() or w in _TITLE_SMALL for w in words):
        def title(word: re.Match[str]) -> str:
            small = word.group() in _TITLE_SMALL and (word.start() or found[0].islower())
            return word.group() if small else word.group()[:1].upper() + word.group()[1:]
        return _WORD.sub(title, replacement)
    if found[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def replace_text(
    pattern: re.Pattern[str], replacement: str, text: str, *, regex: bool,
    keep_case: bool = False,
) -> tuple[str, int, tuple[tuple[int, int], ...]]:
    """``text`` with every match of :func:`replaceable` replaced (``\\1`` groups when
    ``regex``; in each match's case when ``keep_case``, see :func:`cased_like`), the count,
    and where the replacements stand in the result."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    last = 0
    length = 0
    for match in replaceable(pattern, text):
        new = without_breaks(match.expand(replacement) if regex else replacement)
        if keep_case:
            new = cased_like(new, match.group())
        out.append(text[last:match.start()])
        length += match.start() - last
        spans.append((length, length + len(new)))
        out.append(new)
        length += len(new)
        last = match.end()
    out.append(text[last:])
    return "".join(out), len(spans), tuple(spans)


def status_after_edit(status: str, text: str) -> str:
    """The status of a segment whose English a batch changed: work that was reviewed goes
    back to translated (it needs review again); untranslated work with English is a draft."""
    if not text.strip():
        return Status.NEW.value
    if status in (Status.REVIEWED.value, Status.APPROVED.value):
        return Status.TRANSLATED.value
    return Status.DRAFT.value if status == Status.NEW.value else status


class Batch:
    """Find-and-replace and batch confirmation/review of a document's segments."""

    def __init__(
        self,
        context: ProjectContext,
        catalog: Catalog,
        reader: Reader,
        checking: Checking,
        editing: Editing,
        review: Review,
        changes: ChangeSet,
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.reader = reader
        self.checking = checking
        self.editing = editing
        self.review = review
        self.changes = changes

    def select(
        self,
        doc: str | None = None,
        *,
        statuses: Sequence[str] | None = None,
        clean_only: bool = False,
        ids: Sequence[int] | None = None,
    ) -> list[int]:
        """Segment ids of a document (in order) with one of ``statuses``, with no open QA
        finding when ``clean_only``, among ``ids`` when given; joined segments (whose English
        another segment of their link holds) left out."""
        for status in statuses or ():
            if status not in STATUSES:
                raise WorkbenchError(f"unknown status {status!r} (use {', '.join(STATUSES)})")
        document = self.catalog.document(doc)
        rows = q_docs.segments_page(self.context.db, document.id, None, 0, 1 << 62)
        wanted = set(ids) if ids is not None else None
        joined = q_versions.joined_segments(self.context.db, document.id)  # go with their link
        out = [
            r["id"] for r in rows
            if (not statuses or r["status"] in statuses) and (wanted is None or r["id"] in wanted)
            and r["id"] not in joined
        ]
        if clean_only:
            dirty = {
                s.segment_id for s in self.checking.check_report(document.name).segments
                if s.findings
            }
            out = [sid for sid in out if sid not in dirty]
        return out

    def find_replace(
        self,
        doc: str | None,
        find: str,
        replacement: str,
        *,
        regex: bool = False,
        case_sensitive: bool = False,
        whole_word: bool = False,
        ids: Sequence[int] | None = None,
        dry_run: bool = False,
    ) -> ReplaceReport:
        """Replace ``find`` in the working English of a document (of the segments ``ids``),
        as one change group; ``dry_run`` lists every change and writes nothing."""
        pattern = compile_pattern(
            find, regex=regex, case_sensitive=case_sensitive, whole_word=whole_word
        )
        if regex:
            check_replacement(pattern, replacement)
        document = self.catalog.document(doc)
        report = ReplaceReport(document.name, find, replacement, dry_run=dry_run)
        # a replacement typed in lower case takes each match's case (not when it only changes
        # the case of what is found, nor when asked to match case)
        keep_case = (not case_sensitive and not regex and replacement == replacement.lower()
                     and replacement != find.lower())
        wanted = set(ids) if ids is not None else None
        planned: list[Change] = []
        with self.context.transaction():
            vid = self.catalog.working_id(document)
            rows = q_docs.segments_page(self.context.db, document.id, vid, 0, 1 << 62)
            stamp = self.checking.terms.stamp()
            for row in rows:
                text = row["target"] or ""
                if not text or (wanted is not None and row["id"] not in wanted):
                    continue
                after, count, spans = replace_text(
                    pattern, replacement, text, regex=regex, keep_case=keep_case
                )
                if not count or after == text:
                    continue
                if row["locked"]:
                    report.locked.append(row["id"])
                    report.locked_positions.append(row["position"])
                    continue
                report.changes.append(Replacement(
                    row["id"], row["position"], text, after, count, spans,
                    self._new_errors(row["id"], row["source"], vid, text, after, stamp),
                ))
                planned.append(
                    (row["id"], text, after, row["status"], status_after_edit(row["status"], after))
                )
            if planned and not dry_run:
                summary = (
                    f"replaced {find!r} with {replacement!r} in {plural(len(planned), 'segment')} "
                    f"({plural(report.occurrences, 'occurrence')})"
                )
                report.group_id = self.changes.apply(
                    document, planned, "replace", "replace", summary
                )
        return report

    def _new_errors(
        self, segment_id: int, source: str, vid: int | None, before: str, after: str, stamp: int
    ) -> tuple[str, ...]:
        """The QA errors of a segment's English ``after`` a replacement that it had not open
        ``before`` (the checks the QA gate runs, with the segment's link unit); one accepted
        before says so, its acceptance lapsing with the text it was made on."""
        def errors(text: str, own_overrides: bool = True) -> list[str]:
            return [f"{f.check}: {f.message}" for f in self.checking.open_unit_findings(
                segment_id, source, vid, text, stored=before, stamp=stamp, errors_only=True,
                own_overrides=own_overrides)]

        had = set(errors(before))  # a term's error comes once per occurrence: named once
        new = list(dict.fromkeys(e for e in errors(after) if e not in had))
        accepted = set(errors(before, own_overrides=False)) if new else set()
        return tuple(f"{e} (accepted before; the acceptance lapses with the change)"
                     if e in accepted else e for e in new)

    def confirm_many(
        self, segment_ids: Sequence[int], override_reason: str | None = None
    ) -> BatchReport:
        """Confirm each segment's English as it stands, through the QA policy: a segment with
        open error findings (without ``override_reason``; a confirmed one that a glossary term
        added since refuses stays confirmed), a locked or an empty one is left as it was and
        reported; reviewed, approved and locked confirmed ones are already so. One change
        group."""
        report = BatchReport("confirm")
        holder = self._holder()
        with self.context.change_group(self._document_id(segment_ids), "confirm") as gid:
            for sid in segment_ids:
                seg = self.reader.segment(sid)
                if (held := holder(seg)) is not None:
                    report.joined[sid] = held
                    continue
                if seg.status in (Status.REVIEWED, Status.APPROVED) or (
                    seg.locked and seg.status == Status.TRANSLATED
                ):  # a reviewer's verdict is not undone; a lead's lock holds confirmed work
                    report.unchanged.append(sid)
                    continue
                try:
                    done = self.editing.confirm(
                        sid, seg.target, override_reason, keep_draft=False
                    )
                except BlockedByFindings as blocked:
                    report.blocked[sid] = blocked.said()
                    report.by_findings.append(sid)
                except WorkbenchError as exc:  # locked, empty
                    report.blocked[sid] = [str(exc)]
                else:
                    (report.done if done.revision != seg.revision else report.unchanged
                     ).append(sid)
            # a segment confirmed by the propagation of an earlier one's English was written
            # by this batch, not found so
            written = {r["segment_id"] for r in q_changes.group_revisions(self.context.db, gid)}
            done = set(report.done) | (written & set(report.unchanged))
            report.done = [sid for sid in segment_ids if sid in done]
            report.unchanged = [sid for sid in report.unchanged if sid not in written]
            q_changes.set_summary(self.context.db, gid,
                                  f"confirmed {plural(len(report.done), 'segment')}")
        report.group_id = gid if q_changes.group(self.context.db, gid) else None
        return report

    def review_many(
        self, segment_ids: Sequence[int], verdict: str, comment: str | None = None,
        revision: int | None = None,
    ) -> BatchReport:
        """Give each segment the reviewer's ``verdict`` (reviewed, approved, rejected); empty
        segments are left and reported. One change group. ``revision``: of the one segment as
        the reviewer read it; changed since, a ConflictError and nothing recorded."""
        if revision is not None and len(segment_ids) != 1:
            raise WorkbenchError("--revision goes with one segment")
        if verdict not in VERDICTS:
            raise WorkbenchError(f"unknown verdict {verdict!r} (use {', '.join(VERDICTS)})")
        if verdict == "rejected":
            if not typed(comment or "").strip():  # the batch's, not each segment's error
                raise WorkbenchError("a rejection needs a comment (--comment)")
            self.review.check_may_reject()  # the whole batch: a matter of role, not segment
        report = BatchReport(verdict)
        holder = self._holder()
        with self.context.change_group(self._document_id(segment_ids), verdict) as gid:
            for sid in segment_ids:
                seg = self.reader.segment(sid)
                if (held := holder(seg)) is not None:
                    report.joined[sid] = held
                    continue
                before = seg.revision
                try:
                    done = self.review.review(sid, verdict, comment, revision=revision)
                except ConflictError:
                    raise  # English the reviewer has not read: nothing recorded
                except WorkbenchError as exc:
                    report.blocked[sid] = [str(exc)]
                else:
                    changed = done.revision != before
                    (report.done if changed or verdict == "rejected" else report.unchanged
                     ).append(sid)
            q_changes.set_summary(self.context.db, gid,
                                  _verdict_summary(verdict, len(report.done), comment))
        report.group_id = gid if q_changes.group(self.context.db, gid) else None
        return report

    def review_one(
        self, segment_id: int, verdict: str, comment: str | None = None,
        revision: int | None = None,
    ) -> Segment:
        """One segment's verdict as a change of its own, as ``workbench review ID`` records
        it (``changes`` lists it, ``undo`` takes it back); refused as ``review`` refuses."""
        with self.context.change_group(self._document_id([segment_id]), verdict) as gid:
            done = self.review.review(segment_id, verdict, comment, revision=revision)
            q_changes.set_summary(self.context.db, gid, _verdict_summary(verdict, 1, comment))
        return done

    def _holder(self) -> Callable[[Segment], int | None]:
        """The segment holding a joined segment's English (another of its link in the working
        version), None for a segment that is not joined (read once a document, when an empty
        segment asks)."""
        by_document: dict[int, dict[int, int]] = {}

        def holder(seg: Segment) -> int | None:
            if seg.target.strip():
                return None
            if seg.document_id not in by_document:
                by_document[seg.document_id] = q_versions.joined_segments(
                    self.context.db, seg.document_id
                )
            return by_document[seg.document_id].get(seg.id)

        return holder

    def _document_id(self, segment_ids: Sequence[int]) -> int | None:
        return self.reader.segment(segment_ids[0]).document_id if segment_ids else None


def _verdict_summary(verdict: str, count: int, comment: str | None) -> str:
    """A review change's summary: 'approved 3 segments', 'rejected 1 segment: why'."""
    said = f": {' '.join(typed(comment or '').split())}" if verdict == "rejected" else ""
    return f"{verdict} {plural(count, 'segment')}{said}"
