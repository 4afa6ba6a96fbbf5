"""Changes made as one: imports, find-and-replace and batches write many segments in one
transaction, recorded as one change group that one command undoes.

Imports protect finished work: by default they fill only segments that are empty, new or draft
and leave confirmed (translated), reviewed, approved and locked segments alone, saying so;
``overwrite='confirmed'`` also replaces translated segments, ``overwrite='approved'`` every one.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workbench.errors import NotFoundError, WorkbenchError
from workbench.project.catalog import Catalog, Document
from workbench.project.context import ProjectContext
from workbench.statuses import Status
from workbench.store import changes as q_changes
from workbench.store import checks as q_checks
from workbench.store import documents as q_docs
from workbench.store import history as q_history
from workbench.store import lqa as q_lqa
from workbench.store import notes as q_notes
from workbench.store import versions as q_versions
from workbench.wording import plural

OVERWRITE = ("confirmed", "approved")
"""What an import may replace besides empty/new/draft segments: translated ones, or all."""

IMPORT_KIND = "import-"
"""Change groups of imports have kinds import-translation, import-xliff, import-tmx...."""

Change = tuple[int, str | None, str, str | None, str]
"""(segment id, old text, new text, old status, new status)."""

# The values, once: an enum member's ``.value`` costs a microsecond, and imports ask per segment.
_FINISHED = (Status.REVIEWED.value, Status.APPROVED.value)
_OPEN = (Status.NEW.value, Status.DRAFT.value)
_APPROVED = Status.APPROVED.value


def protection(
    text: str | None, status: str, locked: bool, overwrite: str | None
) -> str | None:
    """Why an import must leave a segment alone ('translated', 'reviewed', 'approved',
    'locked'), or None when it may write it."""
    finished = status in _FINISHED
    if finished or locked:
        return None if overwrite == "approved" else (status if finished else "locked")
    if not (text or "").strip() or status in _OPEN:
        return None
    return None if overwrite in OVERWRITE else status


@dataclass
class FillReport:
    """What an import did (or, dry, would do) to the working translation."""

    filled: int = 0
    replaced: int = 0
    unchanged: int = 0
    joined: int = 0
    """Of the unchanged: segments joined to the one before (a many-to-one link, whose English
    its first segment holds): translated by that English, not left without."""
    protected: dict[str, int] = field(default_factory=dict)
    group_id: int | None = None
    dry_run: bool = False

    @property
    def left_alone(self) -> int:
        """Segments the import did not write because they hold finished work."""
        return sum(self.protected.values())

    def describe(self) -> str:
        """One line: what was filled, replaced and left alone (and why)."""
        verb = "would fill" if self.dry_run else "filled"
        line = f"{verb} {self.filled}, {'would replace' if self.dry_run else 'replaced'} " \
               f"{self.replaced}, unchanged {self.unchanged}"
        if self.joined:
            line += (f" ({self.joined} of them joined to the segment before, whose English "
                     "translates them)")
        if self.protected:
            why = ", ".join(f"{n} {reason}" for reason, n in sorted(self.protected.items()))
            line += f"; left alone {self.left_alone} ({why}; use --overwrite"
            line += " approved" if set(self.protected) - {"translated"} else ""
            line += " to replace them)"
        return line

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {**self.__dict__, "left_alone": self.left_alone}


def plan_fill(
    current: dict[int, dict[str, Any]],
    wanted: dict[int, tuple[str, str]],
    overwrite: str | None,
    report: FillReport,
) -> list[Change]:
    """The changes that write ``wanted`` (segment id → (text, status)) over the ``current``
    rows (with target, status, locked), finished work protected; counted in ``report``."""
    if overwrite is not None and overwrite not in OVERWRITE:
        raise WorkbenchError(f"unknown overwrite {overwrite!r} (use {' or '.join(OVERWRITE)})")
    changes: list[Change] = []
    reasons: Counter[str] = Counter()
    for sid, (text, status) in wanted.items():
        row = current[sid]
        old = row.get("target")
        if (old or "") == text and row["status"] == status:
            report.unchanged += 1
            continue
        reason = protection(old, row["status"], bool(row.get("locked")), overwrite)
        if reason is not None:
            reasons[reason] += 1
            continue
        changes.append((sid, old, text, row["status"], status))
        if (old or "").strip():
            report.replaced += 1
        else:
            report.filled += 1
    report.protected = dict(reasons)
    return changes


class ChangeSet:
    """Writes and undoes groups of changes of working translations."""

    def __init__(self, context: ProjectContext, catalog: Catalog) -> None:
        self.context = context
        self.catalog = catalog

    def apply(
        self, document: Document, changes: list[Change], kind: str, action: str, summary: str,
        also: Callable[[], str] | None = None,
    ) -> int | None:
        """Write ``changes`` as one group (one transaction); the group id (None when there was
        nothing to change). ``also``, run in the group once the changes are written, adds
        notes or LQA errors that belong to it (``context.group_id``) and says what it added
        for the group's summary."""
        db = self.context.db
        with self.context.change_group(document.id, kind, summary) as group_id:
            if changes:
                vid = self.catalog.version_id(document, "working", create_working=True)
                q_versions.put_translations(
                    db, vid, [(sid, new) for sid, old, new, _, _ in changes if old != new]
                )
                q_docs.set_statuses(db, [(status, sid) for sid, _, _, _, status in changes])
                for locked in (True, False):  # approved work is locked, anything else is not
                    q_docs.set_locked(db, [
                        sid for sid, *_, status in changes
                        if (status == _APPROVED) == locked
                    ], locked)
                q_history.add_revisions(db, self.context.author, action, changes, group_id)
            added = also() if also is not None else ""
            if added:
                q_changes.set_summary(db, group_id, f"{summary}; {added}")
        return group_id if changes or added else None

    def keep_alignment(
        self, group_id: int, version_id: int, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        """Keep the alignment of a version a group replaced and the one it stored (both as
        ``q_versions.alignment_state`` reads them): undoing the group puts the first back
        while the second stands."""
        q_changes.keep_replaced_alignment(
            self.context.db, group_id, version_id, _as_json(before), _digest(after)
        )

    def _restore_alignment(self, group_id: int, document_id: int, whole: bool) -> str:
        """Put back the alignment a group replaced, when it did, its own still stands and
        the undo restored every segment (``whole``: else the English kept is the import's,
        which its links explain); what was done, for the undo's summary ('' when the group
        replaced none)."""
        db = self.context.db
        row = q_changes.replaced_alignment(db, group_id)
        if row is None:
            return ""
        if not whole:
            return "its alignment links kept (segments were changed since it)"
        vid = int(row["version_id"])
        if _digest(q_versions.alignment_state(db, vid)) != row["after"]:
            return "its alignment links kept (changed since: another import, a merge or split)"
        before = json.loads(row["before"])
        ids = {sid for ar, _ in before["links"] for sid in ar}
        if ids - set(q_docs.segment_ids(db, document_id)):
            return "its alignment links kept (segments of the earlier links are gone)"
        q_versions.restore_alignment(db, vid, before)
        return "the alignment links before it restored"

    def groups(self, doc: str | None = None) -> list[dict[str, Any]]:
        """The change groups (of a document), newest first: id, kind, at, author, summary,
        document, changes, reverts, undone_by."""
        document_id = self.catalog.document(doc).id if doc is not None else None
        return q_changes.groups(self.context.db, document_id)

    def last_import(self, doc: str | None = None) -> int:
        """The id of the newest import not undone yet (into the document ``doc``, if given:
        else of any document)."""
        document = None if doc is None else self.catalog.document(doc)
        row = q_changes.last_group(self.context.db, IMPORT_KIND,
                                   None if document is None else document.id)
        if row is None:
            of = "" if document is None else f" of document {document.name!r}"
            raise NotFoundError(f"{self.context.path}: no import{of} to undo")
        return int(row["id"])

    def undo_group(self, group_id: int) -> dict[str, Any]:
        """Undo every change of a group at once, as a new group of kind 'undo'.

        A segment changed again since keeps its newer state, and a locked one (by a lock the
        group did not set by approving) its state; both are counted in ``kept``, and named
        apart in the summary. Returns the new group's id, ``restored``, ``kept`` and
        ``summary``.
        """
        db = self.context.db
        with self.context.transaction():
            group = q_changes.group(db, group_id)
            if group is None:
                raise NotFoundError(f"no change {group_id} in {self.context.path}")
            if group["undone_by"] is not None:
                raise WorkbenchError(
                    f"change {group_id} ({group['kind']}) was undone already "
                    f"(change {group['undone_by']})"
                )
            if group["kind"] == "undo":
                raise WorkbenchError(f"change {group_id} is an undo; it cannot be undone")
            undo_id = q_changes.add_group(
                db, group["document_id"], "undo", self.context.author, reverts=group_id
            )
            restored = locked = 0
            kept_ids: set[int] = set()  # a merged segment holds the revisions of both parts
            undoable: list[tuple[Any, Any, Document, str]] = []
            left: set[int] = set()
            for rev in q_changes.group_revisions(db, group_id):
                row = q_docs.segment(db, rev["segment_id"])
                if row is None:
                    kept_ids.add(rev["segment_id"])
                    continue
                document = self.catalog.document_by_id(row["document_id"])
                wid = self.catalog.working_id(document)
                text = (q_versions.translation(db, wid, row["id"]) if wid else None) or ""
                # a lock this group set by approving is undone with it; any other is kept
                if (text, row["status"]) != (rev["new_text"] or "", rev["new_status"]):
                    kept_ids.add(row["id"])
                    left.add(row["id"])
                    continue
                if row["locked"] and rev["new_status"] != Status.APPROVED.value:
                    locked += 1  # locked since, or before: a lead's lock stays through verdicts
                    left.add(row["id"])
                    continue
                undoable.append((rev, row, document, text))
            with_link = 0
            linked = self._linked(group_id) if left else lambda sid: {sid}
            for rev, row, document, text in undoable:
                if left & linked(row["id"]):  # its English is on a segment left, or holds one's
                    with_link += 1
                    continue
                old_text, old_status = rev["old_text"] or "", rev["old_status"] or "new"
                vid = self.catalog.version_id(document, "working", create_working=True)
                q_versions.put_translations(db, vid, [(row["id"], old_text)])
                q_docs.set_status(db, row["id"], old_status)
                # locked as before the change (--overwrite approved writes over any lock)
                was_locked = q_history.locked_before(db, row["id"], rev["id"])
                q_docs.set_locked(db, [row["id"]], was_locked)
                q_checks.withdraw_overrides(db, row["id"], vid, rev["at"])
                q_history.add_revision(
                    db, row["id"], self.context.author, "undo", (text, row["status"]),
                    (old_text, old_status), reverts=rev["id"], group_id=undo_id,
                )
                restored += 1
            kept = len(kept_ids)
            of = f" of {group['document']!r}" if group["document"] else ""
            summary = f"undid change {group_id} ({group['kind']}{of}): {restored} restored"
            if kept:
                summary += f", {kept} changed since and kept"
            if locked:
                summary += f", {locked} locked and kept (unlock to undo)"
            if with_link:
                summary += f", {with_link} kept with the segments sharing their English"
            links = self._restore_alignment(group_id, group["document_id"],
                                            whole=not (kept or locked))
            if links:
                summary += f"; {links}"
            errors = q_lqa.delete_group_errors(db, group_id)
            notes = q_notes.delete_group_notes(db, group_id)
            if errors or notes:
                summary += "; " + " and ".join(
                    [plural(n, what) for n, what in ((errors, "LQA error"), (notes, "comment"))
                     if n]) + " it brought removed"
            q_changes.set_summary(db, undo_id, summary)
        return {"id": undo_id, "undoes": group_id, "restored": restored,
                "kept": kept + locked + with_link, "summary": summary}

    def _linked(self, group_id: int) -> Callable[[int], set[int]]:
        """The segments sharing an English sentence with a segment, in the links a group
        replaced and in those of the version now (just the segment for a group that replaced
        no links): an undo that leaves one of them as it is (changed since, or locked) leaves
        the others too, as an import does; restored alone, the English kept on the one said
        the other's sentence twice, or lost it."""
        db = self.context.db
        row = q_changes.replaced_alignment(db, group_id)
        if row is None:
            return lambda sid: {sid}
        vid = int(row["version_id"])
        before: dict[int, set[int]] = {}  # each segment of the links replaced: its link's
        for ar, _ in json.loads(row["before"])["links"]:
            shared = set(ar)
            before.update(dict.fromkeys(ar, shared))

        def linked(segment_id: int) -> set[int]:
            return set(q_versions.link_group(db, vid, segment_id)) | before.get(segment_id, set())

        return linked


def _as_json(state: dict[str, Any]) -> str:
    return json.dumps(state, ensure_ascii=False, separators=(",", ":"))


def _digest(state: dict[str, Any]) -> str:
    return hashlib.sha256(_as_json(state).encode()).hexdigest()
