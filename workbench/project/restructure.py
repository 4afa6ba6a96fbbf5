"""Alignment fixes: merge a segment with the next, split a segment, move a linked sentence.

Each operation is one transaction. Changes of working translations are recorded in the revision
history (actions ``merge``, ``split`` and ``move-sentence``); the history of a merged-in segment is
re-pointed to the merged segment, so no record is lost. Link memberships of every version move with
the segments, so references and drafts stay attached, and the per-segment ``translations`` rows of
linked versions are recomputed from their links' sentences.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from workbench.errors import ProjectError, WorkbenchError
from workbench.project.catalog import Catalog, Document
from workbench.project.context import ProjectContext
from workbench.project.importing import LOW_CONFIDENCE
from workbench.project.reading import Reader, Segment
from workbench.statuses import CONFIRMED, STATUSES, Status
from workbench.store import documents as q_docs
from workbench.store import history as q_history
from workbench.store import lqa as q_lqa
from workbench.store import restructure as q
from workbench.store import sources as q_sources
from workbench.store import versions as q_versions
from workbench.text.lines import one_line

DIRECTIONS = ("next", "previous")
MANUAL_CONFIDENCE = q_versions.HAND_SET
"""The confidence of a link whose boundary a person has set."""

_RANK = {s: i for i, s in enumerate(STATUSES)}


def _status_after_change(statuses: list[str], text: str) -> str:
    """The status of a segment whose Arabic changed: the least advanced of ``statuses``, at most
    translated (a changed segment needs review again); new when it has no English, else at
    least draft."""
    if not text.strip():
        return Status.NEW.value
    least = min(statuses, key=_RANK.__getitem__)
    capped = min(least, Status.TRANSLATED.value, key=_RANK.__getitem__)
    return Status.DRAFT.value if capped == Status.NEW.value else capped


def _join(*texts: str | None) -> str:
    return " ".join(t.strip() for t in texts if t and t.strip())


class _Piece:
    """Where a stretch of one segment's English stands in a segment's new English: characters
    ``start``–``end`` of the old text are at ``to`` in ``text`` of segment ``segment_id``."""

    def __init__(self, old: str, start: int, end: int, segment_id: int, text: str,
                 to: int) -> None:
        lead = len(old[start:end]) - len(old[start:end].lstrip())
        self.start, self.end = start + lead, start + len(old[start:end].rstrip())
        self.segment_id, self.text, self.to = segment_id, text, to

    def span(self, error: dict[str, Any]) -> tuple[int, int] | None:
        """The error's span moved into the new English, or None when it is not inside."""
        start, end = error["span_start"], error["span_end"]
        if not (self.start <= start and end <= self.end):
            return None
        return start - self.start + self.to, end - self.start + self.to


class Restructure:
    """Merge, split and re-align operations on a document's segments and links."""

    def __init__(self, context: ProjectContext, catalog: Catalog, reader: Reader) -> None:
        self.context = context
        self.catalog = catalog
        self.reader = reader

    # helpers ------------------------------------------------------------------------------

    def _segment_row(self, segment_id: int) -> dict[str, Any]:
        row = q_docs.segment(self.context.db, segment_id)
        if row is None:
            raise self.reader.not_found(segment_id)
        return row

    def _next_row(self, row: dict[str, Any], doc: Document) -> dict[str, Any] | None:
        return q.segment_at(self.context.db, doc.id, row["position"] + 1)

    def _version_ids(self, doc: Document) -> list[int]:
        """The ids of every version of a document."""
        return [int(v["id"]) for v in q_versions.versions(self.context.db, doc.id)]

    def _refresh_link_texts(self, version_id: int, link_ids: list[int]) -> None:
        """Set the text of every segment of the given links to their joined sentences."""
        rows: list[tuple[int, str]] = []
        for link_id in link_ids:
            text = " ".join(s["text"] for s in q.link_sentences(self.context.db, link_id))
            rows.extend((sid, text) for sid in q.link_segment_ids(self.context.db, link_id))
        q_versions.put_translations(self.context.db, version_id, rows)

    def _write_working(self, doc: Document, rows: list[tuple[int, str]]) -> None:
        if not rows:
            return
        if self.catalog.working_id(doc) is None and not any(t for _, t in rows):
            return
        vid = self.catalog.version_id(doc, "working", create_working=True)
        q_versions.put_translations(self.context.db, vid, rows)

    def _move_errors(self, segment_id: int, text: str, pieces: list[_Piece],
                     unplaced: _Piece | None) -> None:
        """Move the LQA errors made on the segment's current English ``text`` to where their
        words now stand (errors without a span to ``unplaced``, if given): a merge or a split
        cuts or joins the English, its words unchanged, so they stay valid. Errors on earlier
        English stay as they are, outdated."""
        for error in q_lqa.errors(self.context.db, segment_ids=[segment_id]):
            if error["target_text"] != text:
                continue
            if error["span_start"] is None:
                if unplaced is not None:
                    q_lqa.move_error(self.context.db, error["id"], unplaced.segment_id,
                                     unplaced.text, None)
                continue
            for piece in pieces:
                if (span := piece.span(error)) is not None:
                    q_lqa.move_error(self.context.db, error["id"], piece.segment_id,
                                     piece.text, span)
                    break

    # merge --------------------------------------------------------------------------------

    def merge_with_next(self, segment_id: int) -> Segment:
        """Join a segment with the next one of its document and return the merged segment.

        The Arabic is joined with a single space, the working English likewise; the next
        segment's history, notes and overrides move to the merged segment, and in every version
        its link membership moves too (two different links become one).
        """
        try:
            with self.context.transaction():
                self._merge(segment_id)
        except sqlite3.IntegrityError as exc:
            if "append-only" in str(exc):
                raise ProjectError(
                    f"{self.context.path}: this project was made by an older development build "
                    "whose history cannot follow merged segments; rebuild it"
                ) from None
            raise
        return self.reader.segment(segment_id)

    def _merge(self, segment_id: int) -> None:
        a = self._segment_row(segment_id)
        doc = self.catalog.document_by_id(a["document_id"])
        b = self._next_row(a, doc)
        if b is None:
            raise WorkbenchError(
                f"segment {segment_id} is the last of document {doc.name!r}: nothing to merge with"
            )
        for row in (a, b):
            if row["locked"]:
                raise self.context.locked(row["id"])
        if b["paragraph"] != a["paragraph"] and q_sources.has_original(self.context.db, doc.id):
            raise WorkbenchError(
                f"segments {a['id']} and {b['id']} are in two paragraphs of {doc.name!r}, a "
                "client document whose paragraphs the export rebuilds: they cannot be merged"
            )
        a_seg, b_seg = self.reader.segment(a["id"]), self.reader.segment(b["id"])
        merged_text = _join(a_seg.target, b_seg.target)
        wid = self.catalog.working_id(doc)
        db = self.context.db
        a_links, b_links = q.segment_links(db, a["id"]), q.segment_links(db, b["id"])
        a_texts = q.segment_translations(self.context.db, a["id"])
        b_texts = q.segment_translations(self.context.db, b["id"])
        for vid in self._version_ids(doc):
            merged_link = self._merge_links(vid, a["id"], b["id"], a_links.get(vid),
                                            b_links.get(vid))
            if vid == wid:
                continue
            if merged_link is not None:
                self._refresh_link_texts(vid, [merged_link])
            else:
                texts = list(dict.fromkeys(t for t in (a_texts.get(vid), b_texts.get(vid)) if t))
                if texts or vid in a_texts or vid in b_texts:
                    q_versions.put_translations(self.context.db, vid, [(a["id"], _join(*texts))])
        for seg, to in ((a_seg, 0), (b_seg, len(merged_text) - len(b_seg.target.strip()))):
            piece = _Piece(seg.target, 0, len(seg.target), a["id"], merged_text, to)
            self._move_errors(seg.id, seg.target, [piece], piece)
        q.repoint_records(self.context.db, b["id"], a["id"])
        q.record_merge(self.context.db, b["id"], a["id"], self.context.author)
        q.delete_segment(self.context.db, b["id"])
        q.shift_positions(self.context.db, doc.id, b["position"], -1)
        if b["paragraph"] != a["paragraph"] and q.paragraph_size(
            self.context.db, doc.id, b["paragraph"]
        ) == 0:
            q.shift_paragraphs(self.context.db, doc.id, b["paragraph"], -1)
        status = _status_after_change([a["status"], b["status"]], merged_text)
        q.update_segment(self.context.db, a["id"], f"{a['source']} {b['source']}", status)
        self._write_working(doc, [(a["id"], merged_text)])
        q_history.add_revision(
            self.context.db, a["id"], self.context.author, "merge",
            (a_seg.target, a["status"]), (merged_text, status),
        )

    def _merge_links(
        self,
        version_id: int,
        a_id: int,
        b_id: int,
        la: dict[str, Any] | None,
        lb: dict[str, Any] | None,
    ) -> int | None:
        """Give segment ``a`` the link membership of ``b`` in one version; the merged link id."""
        if lb is None:
            return None if la is None else int(la["id"])
        if la is None:
            q.add_link_segment(self.context.db, lb["id"], a_id)
            q.remove_link_segment(self.context.db, lb["id"], b_id)
            return int(lb["id"])
        if la["id"] == lb["id"]:
            q.remove_link_segment(self.context.db, la["id"], b_id)
            return int(la["id"])
        # Two links become one; English-only links between them are taken in, to keep order.
        low, high = sorted((la["idx"], lb["idx"]))
        absorbed = [*q.links_between(self.context.db, version_id, low, high), lb]
        confidence = min(float(la["confidence"]), *(float(r["confidence"]) for r in absorbed))
        q.remove_link_segment(self.context.db, lb["id"], b_id)
        for row in absorbed:
            q.move_link_members(self.context.db, row["id"], la["id"])
            q.delete_link(self.context.db, row["id"])
        q.set_link_confidence(self.context.db, la["id"], confidence)
        q.set_link_index(self.context.db, la["id"], low)
        q.shift_links(self.context.db, version_id, high, -len(absorbed))
        return int(la["id"])

    # split --------------------------------------------------------------------------------

    def split_segment(
        self, segment_id: int, offset: int, english_offset: int | None = None, *,
        source: str | None = None, english: str | None = None,
    ) -> tuple[Segment, Segment]:
        """Split a segment's Arabic at character ``offset`` into two segments.

        The working English stays with the first part unless ``english_offset`` is given (then
        the English is split there too). Whitespace at the cut is dropped; the rest is kept
        exactly as given. ``source`` and ``english``: the Arabic and English the cuts were
        chosen on; changed since (by someone else, a merge), nothing is split. Returns the two
        segments.
        """
        with self.context.transaction():
            self._check_unchanged(segment_id, source, english if english_offset is not None
                                  else None)
            new_id = self._split(segment_id, offset, english_offset)
        return self.reader.segment(segment_id), self.reader.segment(new_id)

    def _check_unchanged(self, segment_id: int, source: str | None, english: str | None) -> None:
        """Refuse a split whose cuts were chosen on another Arabic or English than the
        segment holds now: cut at the same offsets, they would fall elsewhere."""
        a = self._segment_row(segment_id)
        changed = source is not None and source != a["source"]
        if english is not None and not changed:
            changed = one_line(english) != one_line(self.reader.segment(segment_id).target)
        if changed:
            last = q_history.last_change(self.context.db, segment_id)
            who = f" by {last['author']}" if last is not None else ""
            raise WorkbenchError(
                f"segment {segment_id} was changed{who} since the split was chosen: nothing "
                "was split; choose the cut again on it as it is now"
            )

    def _split(self, segment_id: int, offset: int, english_offset: int | None) -> int:
        a = self._segment_row(segment_id)
        if a["locked"]:
            raise self.context.locked(segment_id)
        doc = self.catalog.document_by_id(a["document_id"])
        source: str = a["source"]
        if not 0 < offset < len(source):
            raise WorkbenchError(
                f"segment {segment_id}: cannot split at {offset} (the Arabic has "
                f"{len(source)} characters; split strictly inside it)"
            )
        left, right = source[:offset].rstrip(), source[offset:].lstrip()
        if not left.strip() or not right.strip():
            raise WorkbenchError(
                f"segment {segment_id}: splitting at {offset} would leave an empty segment"
            )
        target = self.reader.segment(segment_id).target
        if english_offset is None:
            en_left, en_right = target, ""
        elif 0 <= english_offset <= len(target):
            en_left = target[:english_offset].rstrip()
            en_right = target[english_offset:].lstrip()
        else:
            raise WorkbenchError(
                f"segment {segment_id}: cannot split the English at {english_offset} "
                f"(it has {len(target)} characters)"
            )
        status_left = _status_after_change([a["status"]], en_left)
        status_right = _status_after_change([a["status"]], en_right)
        q.shift_positions(self.context.db, doc.id, a["position"], 1)
        new_id = q.insert_segment(
            self.context.db, doc.id, a["paragraph"], a["position"] + 1, right, status_right
        )
        q.update_segment(self.context.db, a["id"], left, status_left)
        wid = self.catalog.working_id(doc)
        for vid, link in q.segment_links(self.context.db, a["id"]).items():
            touched = self._split_link(vid, link, a["id"], new_id, len(left), len(right))
            if vid != wid:
                self._refresh_link_texts(vid, touched)
        if english_offset is not None:
            lead = len(en_left) - len(en_left.lstrip())  # the first part keeps its indent
            self._move_errors(a["id"], target, [
                _Piece(target, 0, english_offset, a["id"], en_left, lead),
                _Piece(target, english_offset, len(target), new_id, en_right, 0)], None)
        self._write_working(doc, [(a["id"], en_left), (new_id, en_right)])
        q.follow_split_overrides(self.context.db, a["id"], new_id)
        q_history.add_revision(
            self.context.db, a["id"], self.context.author, "split",
            (target, a["status"]), (en_left, status_left),
        )
        q_history.add_revision(
            self.context.db, new_id, self.context.author, "split",
            (None, None), (en_right, status_right),
        )
        return new_id

    def _split_link(
        self,
        version_id: int,
        link: dict[str, Any],
        a_id: int,
        new_id: int,
        left_len: int,
        right_len: int,
    ) -> list[int]:
        """Attach the new segment in one version; the ids of the links whose text changed.

        A 1–n link with two or more sentences is split in two where the English lengths best
        match the Arabic cut; otherwise the new segment joins its first half's link.
        """
        members = q.link_segment_ids(self.context.db, link["id"])
        sentences = q.link_sentences(self.context.db, link["id"])
        if members != [a_id] or len(sentences) < 2:
            q.add_link_segment(self.context.db, link["id"], new_id)
            return [int(link["id"])]
        share = left_len / max(1, left_len + right_len)
        total = sum(len(s["text"]) for s in sentences)
        best_k, best_gap, running = 1, float("inf"), 0
        for k in range(1, len(sentences)):
            running += len(sentences[k - 1]["text"])
            gap = abs(running / max(1, total) - share)
            if gap < best_gap:
                best_k, best_gap = k, gap
        q.shift_links(self.context.db, version_id, link["idx"], 1)
        new_link = q.insert_link(self.context.db, version_id, link["idx"] + 1, link["confidence"])
        q.add_link_segment(self.context.db, new_link, new_id)
        q.move_link_sentences(
            self.context.db, [s["id"] for s in sentences[best_k:]], link["id"], new_link
        )
        return [int(link["id"]), new_link]

    # move a sentence ----------------------------------------------------------------------

    def move_reference_sentence(
        self, segment_id: int, version: str, direction: str
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """Move one sentence of a reference or draft across the boundary after this segment.

        ``direction`` 'next' moves the last sentence of this segment's link to the next
        segment's link; 'previous' moves the first sentence of the next segment's link to this
        one. When both segments share one link, the link is split at the boundary; when the
        link that would give the sentence holds none, its segment at the boundary joins the
        other link instead. Returns the links of this segment and of the next one afterwards.
        """
        if direction not in DIRECTIONS:
            raise WorkbenchError(
                f"unknown direction {direction!r} (use {' or '.join(DIRECTIONS)})"
            )
        with self.context.transaction():
            nxt = self._move(segment_id, version, direction)
        return self.reader.link(segment_id, version), self.reader.link(nxt, version)

    def _move(self, segment_id: int, version: str, direction: str) -> int:
        s = self._segment_row(segment_id)
        doc = self.catalog.document_by_id(s["document_id"])
        if version == "working":
            raise WorkbenchError(
                "the working translation is edited directly; move sentences of a reference or "
                "a draft (e.g. reference:main)"
            )
        vid = self.catalog.version_id(doc, version)
        n = self._next_row(s, doc)
        if n is None:
            raise WorkbenchError(
                f"segment {segment_id} is the last of document {doc.name!r}: no next segment"
            )
        ls = q.segment_links(self.context.db, s["id"]).get(vid)
        ln = q.segment_links(self.context.db, n["id"]).get(vid)
        if ls is None or ln is None:
            missing = s["id"] if ls is None else n["id"]
            raise WorkbenchError(f"segment {missing} has no alignment link in {version}")
        if ls["id"] == ln["id"]:
            touched = self._split_shared_link(vid, ls, direction, segment_id)
        else:
            touched = self._move_between(vid, ls, ln, direction, segment_id, n["id"], version)
        self._refresh_link_texts(vid, touched)
        for sid in (s["id"], n["id"]):
            seg = self.reader.segment(sid)
            q_history.add_revision(
                self.context.db, sid, self.context.author, "move-sentence",
                (seg.target, seg.status), (seg.target, seg.status),
            )
        return int(n["id"])

    def _split_shared_link(
        self, vid: int, link: dict[str, Any], direction: str, segment_id: int
    ) -> list[int]:
        sentences = q.link_sentences(self.context.db, link["id"])
        if not sentences:
            raise WorkbenchError(f"segment {segment_id}: its link has no English sentence to move")
        keep = len(sentences) - 1 if direction == "next" else 1
        members = q.link_segment_ids(self.context.db, link["id"])
        later = members[members.index(segment_id) + 1:]
        q.shift_links(self.context.db, vid, link["idx"], 1)
        new_link = q.insert_link(self.context.db, vid, link["idx"] + 1, MANUAL_CONFIDENCE)
        for sid in later:
            q.remove_link_segment(self.context.db, link["id"], sid)
            q.add_link_segment(self.context.db, new_link, sid)
        moved = [x["id"] for x in sentences[keep:]]
        q.move_link_sentences(self.context.db, moved, link["id"], new_link)
        q.set_link_confidence(self.context.db, link["id"], MANUAL_CONFIDENCE)
        return [int(link["id"]), new_link]

    def _move_between(
        self,
        vid: int,
        ls: dict[str, Any],
        ln: dict[str, Any],
        direction: str,
        segment_id: int,
        next_id: int,
        version: str,
    ) -> list[int]:
        if ls["idx"] > ln["idx"]:
            raise WorkbenchError(
                f"segments {segment_id} and {next_id}: their links in {version} are out of order"
            )
        between = q.links_between(self.context.db, vid, ls["idx"], ln["idx"])
        if q.link_sentence_count(self.context.db, (r["id"] for r in between)):
            raise WorkbenchError(
                f"segments {segment_id} and {next_id}: English sentences aligned to no segment "
                f"lie between them in {version}; merge or re-import instead"
            )
        if direction == "next":
            source, target = ls, ln
            pick = q.link_sentences(self.context.db, ls["id"])[-1:]
            empty_id = segment_id
        else:
            source, target = ln, ls
            pick = q.link_sentences(self.context.db, ln["id"])[:1]
            empty_id = next_id
        if not pick:
            return self._join_segment(vid, source, target, empty_id)
        q.move_link_sentences(self.context.db, [pick[0]["id"]], source["id"], target["id"])
        for link in (ls, ln):
            q.set_link_confidence(self.context.db, link["id"], MANUAL_CONFIDENCE)
        return [int(ls["id"]), int(ln["id"])]

    def _join_segment(
        self, vid: int, source: dict[str, Any], target: dict[str, Any], segment_id: int
    ) -> list[int]:
        """The link that would give a sentence holds none: its segment at the boundary
        (``segment_id``) joins the other link instead, whose English translates its Arabic too
        (a 2–1 link); the emptied link goes."""
        db = self.context.db
        members = q.link_segment_ids(db, source["id"])
        q.remove_link_segment(db, source["id"], segment_id)
        q.add_link_segment(db, target["id"], segment_id)
        q.set_link_confidence(db, target["id"], MANUAL_CONFIDENCE)
        if len(members) > 1:
            q.set_link_confidence(db, source["id"], MANUAL_CONFIDENCE)
            return [int(source["id"]), int(target["id"])]
        q.delete_link(db, source["id"])
        q.shift_links(db, vid, source["idx"], -1)
        return [int(target["id"])]

    # flags --------------------------------------------------------------------------------

    def low_confidence_segments(
        self,
        doc: str | None = None,
        version: str | None = None,
        threshold: float = LOW_CONFIDENCE,
    ) -> dict[int, float]:
        """Segments whose alignment link is below ``threshold``: segment id → lowest confidence.

        With no ``version``, every aligned version of the document counts. In document order.
        A working translation's link of a segment confirmed (translated or further) does not
        count: confirming vouches for its English.
        """
        document = self.catalog.document(doc)
        if version is None:
            ids = self._version_ids(document)
        else:
            ids = [self.catalog.version_id(document, version)]
        return dict(q.low_confidence(self.context.db, document.id, ids, threshold,
                                     self.catalog.working_id(document), CONFIRMED))
