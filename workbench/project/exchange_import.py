"""Round-trip imports: the translations of a TMX or XLIFF file brought back into a document's
working version. A file of ours (its document key) is matched by our ids and refused for
another project or document; another tool's by normalised Arabic
(:mod:`exchange_matching`). Finished work is protected, edits made in the project since the
export are kept, and the import is one change group."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbench.errors import InputError, WorkbenchError
from workbench.formats import detect
from workbench.formats.model import ImportedFile, ImportedUnit, lang_matches
from workbench.formats.tmx import said_languages
from workbench.formats.xmlout import carried
from workbench.project.catalog import Catalog, Document
from workbench.project.changes import ChangeSet, FillReport, plan_fill, protection
from workbench.project.context import ProjectContext, Row
from workbench.project.exchange_export import note_text
from workbench.project.exchange_matching import match_units
from workbench.project.exchange_results import ExchangeReport, warn
from workbench.project.groups import group_source, group_status, group_text, link_groups
from workbench.project.lqa import Lqa
from workbench.project.segment_runs import SegmentRuns
from workbench.statuses import STATUSES, Status
from workbench.store import changes as q_changes
from workbench.store import documents as q_docs
from workbench.store import exchange as q_exchange
from workbench.store import history as q_history
from workbench.store import notes as q_notes
from workbench.store import versions as q_versions
from workbench.store.db import analyze
from workbench.text.normalize import match_key
from workbench.text.script import arabic_share, copies_source
from workbench.text.tags import has_tags, strip_tags
from workbench.wording import plural, units_without_a_pair


class BilingualImports:
    """Imports of TMX and XLIFF files back into a document."""

    def __init__(
        self,
        context: ProjectContext,
        catalog: Catalog,
        changes: ChangeSet,
        document_key: Callable[[Document], str],
        lqa: Lqa | None = None,
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.changes = changes
        self.lqa = lqa
        #: the key exported files carry for a document (:meth:`Exports.document_key`)
        self.document_key = document_key

    def import_xliff(
        self, path: str | Path, doc: str | None = None, *,
        overwrite: str | None = None, dry_run: bool = False,
    ) -> ExchangeReport:
        """Bring the translations of an XLIFF 1.2 or 2.0 file back into the working version."""
        return self.import_bilingual(path, doc, ("xliff", "xliff2"), overwrite, dry_run)

    def import_tmx(
        self, path: str | Path, doc: str | None = None, *,
        overwrite: str | None = None, dry_run: bool = False,
    ) -> ExchangeReport:
        """Bring the translations of a TMX file back into the working version."""
        return self.import_bilingual(path, doc, ("tmx",), overwrite, dry_run)

    def import_bilingual(
        self,
        path: str | Path,
        doc: str | None = None,
        formats: Sequence[str] | None = None,
        overwrite: str | None = None,
        dry_run: bool = False,
    ) -> ExchangeReport:
        """Bring the translations of a bilingual file back into the working version.

        The format (of ``formats``, default: every importable one) is recognised from the
        file's content (XML root and version) or its name's ending; see workbench.formats.
        Finished work is protected as in ``import_translation`` (``overwrite``, ``dry_run``);
        the import is one change group that ``undo_change`` undoes.
        """
        spec = detect(path, formats)
        action = f"import-{spec.kind.lower()}"
        return self._import_file(spec.read(path), doc, action, overwrite, dry_run)

    def _import_file(
        self, file: ImportedFile, doc: str | None, action: str, overwrite: str | None,
        dry_run: bool,
    ) -> ExchangeReport:
        path = file.path
        if file.source_lang and not lang_matches(file.source_lang, "ar"):
            hint = ""
            if arabic_share(" ".join(u.source for u in file.units[:200])) > 0.5:
                hint = ("; its source texts are Arabic: the tool that wrote it gave its default "
                        "(po2xliff's is en-US): set source-language to ar")
            raise InputError(
                path, f"source language is {file.source_lang!r}, not Arabic (ar){hint}")
        if file.target_lang and not lang_matches(file.target_lang, "en"):
            raise InputError(path, f"target language is {file.target_lang!r}, not English (en)")
        if not file.units:
            raise InputError(path, "no Arabic-English translation units to import"
                             + said_languages(file.languages))
        # Read, match and write in one transaction: an edit made meanwhile (in the TUI, say)
        # cannot slip between what the import compared and what it writes.
        with self.context.transaction():
            return self._apply_import(file, doc, action, overwrite, dry_run)

    def _apply_import(
        self, file: ImportedFile, doc: str | None, action: str, overwrite: str | None,
        dry_run: bool,
    ) -> ExchangeReport:
        path = file.path
        document = self._import_document(file, doc)
        report = ExchangeReport(path, file.format, document.name, units=len(file.units))
        if file.format == "tmx":  # as `tm import` says of a memory's
            _warn_without_a_pair(report, file)
        wid = self.catalog.working_id(document)
        current = {
            r["id"]: r
            for r in q_docs.segments_page(self.context.db, document.id, wid, 0, 1 << 62)
        }
        # the working translation's units of several segments (as exported); the file's
        # English goes to one whose English a segment holds for the others (a 2-1 link) whole,
        # never to a part of it
        units, joined_units = _working_units(self.context.db, document.id, wid)
        # segments, and units of several (as exported: their Arabic joined), by their Arabic
        by_source: dict[str, list[tuple[int, ...]]] = {}
        by_text: dict[str, list[int]] = {}  # segments with tags, by their text without them
        for sid, r in current.items():
            by_source.setdefault(match_key(r["source"]), []).append((sid,))
            if has_tags(r["source"]):
                by_text.setdefault(match_key(strip_tags(r["source"])), []).append(sid)
        for ids in dict.fromkeys(units.values()):
            joined = match_key(group_source(current[i]["source"] for i in ids))
            by_source.setdefault(joined, []).append(ids)

        planned: dict[int, tuple[str, str]] = {}
        groups: list[tuple[int, ...]] = []  # the units of several segments planned
        reviewed: list[tuple[tuple[str, ...], tuple[int, ...], str, str | None]] = []
        commented: list[tuple[tuple[str, ...], tuple[int, ...]]] = []
        since, then = _edited_since(self.context.db, document.id, file)
        # a file without its export time (CSV, another tool's): the states each segment and
        # unit has had, for a file that still holds one (an older export brought back unedited)
        left = {} if file.exported_at and file.document_key else _states_had(
            q_history.state_changes(self.context.db, document.id), units, current)
        edited_both: list[int] = []  # segments edited in the project and in the file

        def plan(ids: tuple[int, ...], target: str, status: Status, where: str = "") -> None:
            """Plan writing ``target`` (with ``status``) into the segment group ``ids``; a
            group an earlier unit of the file gave other English keeps that (a warning)."""
            if ids[0] in planned:
                report.left_alone += len(ids)
                if planned[ids[0]][0].strip() != target.strip():
                    warn(report, f"{where}segment {_span(ids)} was given other English "
                          "earlier in the file: the earlier English is taken, this unit's is "
                          "left alone")
                return
            members = [(current[i]["target"], current[i]["status"]) for i in ids]
            # the project's English as the file could carry it (no C0 controls)
            same_text = carried(group_text([t for t, _ in members])) == target.strip()
            if same_text and group_status(members) == status.value:
                report.left_alone += len(ids)
                return
            if (target.strip(), status.value) in left.get(ids, ()):
                report.kept_newer += ids  # a state it had, and left: a rejection, an edit
                return
            if same_text and any(i in since for i in ids):
                # only the status differs: the project's is newer (a rejection, an undone
                # confirmation since the export) unless the file changed it too
                exported = [(since[i][0], then[i]) if i in then else members[k]
                            for k, i in enumerate(ids)]
                if group_status(exported) == status.value:
                    report.kept_newer += ids
                    return
            if not same_text and any(i in since for i in ids):
                if _superseded(target, ids, since, current):
                    report.kept_newer += ids
                    return
                edited_both.append(ids[0])
            # a changed translation marked 'new' is at least a draft
            applied = Status.DRAFT if status is Status.NEW else status
            if len(ids) > 1:
                groups.append(tuple(sid for sid in ids if sid not in planned))
            for i, sid in enumerate(ids):
                if sid not in planned:
                    planned[sid] = (target if i == 0 else "", applied.value)

        apart: dict[tuple[int, ...], dict[int, tuple[str, Status]]] = {}
        joining: list[tuple[int, ...]] = []  # units of the file joining empty segments
        runs = SegmentRuns(current)
        for unit, targets in match_units(file.units, current, by_source, by_text, report,
                                         runs):
            where = f"line {unit.line}: " if unit.line else ""
            if targets is None:
                report.unmatched += 1
                if len(report.warnings) < 20:
                    unit_name = f"unit {unit.key}" if unit.key else "a unit (no id)"
                    report.warnings.append(f"{where}{unit_name} matches no segment")
                continue
            if unit.lqa:
                place = f"{where}unit {unit.key or '?'}"
                reviewed += [(unit.lqa, ids, place, unit.target) for ids in targets]
            commented += [(unit.notes, ids) for ids in targets if unit.notes]
            if _untranslated(unit):
                report.left_alone += sum(len(ids) for ids in targets)
                continue
            status = Status(unit.status) if unit.status in STATUSES else Status.TRANSLATED
            for ids in targets:
                whole = units.get(ids[0], ids[:1])
                if len(ids) == 1 and whole in joined_units:  # one sentence of a joined unit
                    apart.setdefault(whole, {}).setdefault(ids[0], (unit.target, status))
                elif (len(ids) > 1 and ids != whole and not any(i in planned for i in ids)
                      and _may_join(ids, units, current)):
                    joining.append(ids)  # empty segments apart: the file's link joins them
                    plan(ids, unit.target, status, where)
                elif len(ids) > 1 and ids != whole:
                    report.left_alone += len(ids)
                    warn(report, f"{where}unit {unit.key}: segments {_span(ids)} are not one "
                          "unit of the working translation (the file's unit joins them, which "
                          "an import does only while they are empty, unfinished and "
                          "unlocked): left alone")
                else:
                    plan(ids, unit.target, status, where)
        for whole, parts in apart.items():
            if len(parts) == len(whole):  # every sentence of the unit: their English joined
                plan(whole, group_text(parts[i][0] for i in whole),
                     min((s for _, s in parts.values()), key=lambda s: STATUSES.index(s.value)))
                continue
            report.left_alone += len(parts)
            warn(report, f"segments {_span(whole)} are one unit of the working translation "
                  f"(an alignment link), whose English is on segment {whole[0]}; the file has "
                  f"segment{'s' if len(parts) > 1 else ''} {', '.join(map(str, parts))} of it "
                  "alone: left alone")
        if report.matched_by_id + report.matched_by_source == 0:
            sources = " ".join(u.source for u in file.units[:200])
            targets = " ".join(u.target or "" for u in file.units[:200])
            share = arabic_share(sources)
            if share < 0.1 and arabic_share(targets) > 0.5:
                why = "its source texts are English and its targets Arabic: the languages swapped?"
            elif share == 0:
                why = ("its Arabic holds no Arabic letter: saved in an encoding without Arabic, "
                       "its letters lost or garbled ('?', 'Ø§')? Save it as UTF-8")
            else:
                why = "a file of another document?"
            raise WorkbenchError(
                f"{path}: refused: none of its {len(file.units)} units matches the Arabic of "
                f"document {document.name!r} ({why})"
            )
        report.left_alone += _whole_or_none(planned, groups, current, overwrite)
        fill = FillReport(dry_run=dry_run)
        report.dry_run = dry_run
        changes = plan_fill(current, planned, overwrite, fill)
        if file.version and file.version != "working" and changes:
            report.warnings.insert(0, (
                f"the file was exported from {file.version}: its English goes into the "
                "working translation"))
        report.left_alone += fill.unchanged
        report.protected = fill.protected
        for sid, old, new, *_ in changes:
            if new.strip():  # not a joined unit's other segments, which stay empty
                (report.updated if (old or "").strip() else report.added).append(sid)
        taken = {sid for sid, *_ in changes}  # not those the protection of finished work kept
        # a segment several units meet (a repeated sentence) is kept once, and not where
        # another unit's English is taken
        report.kept_newer = [i for i in dict.fromkeys(report.kept_newer) if i not in taken]
        for sid in edited_both:
            if sid in taken and len(report.warnings) < 20:
                report.warnings.append(
                    f"segment {sid}: edited both in the project and in the file since the "
                    "file was exported; the file's English is taken (the project's is in "
                    "the segment's history)"
                )

        def reviewed_in() -> str:
            """The file's comments and LQA errors, once the texts they were made on are
            in, in the import's change group (its undo takes them away); in a dry run
            counted, on the English the import would write."""
            planned = {sid: new for sid, _, new, *_ in changes} if dry_run else None
            report.notes_added = self._import_comments(
                document.id, commented, ours=bool(file.document_key), dry_run=dry_run)
            for lines, ids, place, english in reviewed if self.lqa is not None else ():
                added, warnings = self.lqa.import_notes(
                    lines, ids, place, file_text=english, dry_run=planned)
                report.lqa_added += added
                report.warnings += warnings[: max(0, 20 - len(report.warnings))]
            return ", ".join(plural(n, what) for n, what in (
                (report.lqa_added, "LQA error"), (report.notes_added, "comment")) if n)

        if dry_run:
            reviewed_in()
            return report

        joined = [ids for ids in joining if ids[0] in taken]
        vid = self.catalog.version_id(document, "working", create_working=True) \
            if joined else None
        before = q_versions.alignment_state(self.context.db, vid) if vid is not None else None
        if vid is not None and before is not None:
            q_versions.restore_alignment(self.context.db, vid, _joined_links(
                before, joined, {sid: r["position"] for sid, r in current.items()}))
        report.group_id = self.changes.apply(
            document, changes, action, action,
            f"{Path(path).name} into {document.name}: {fill.describe()}", also=reviewed_in,
        )
        if report.group_id is not None and vid is not None and before is not None:
            self.changes.keep_alignment(report.group_id, vid, before,
                                        q_versions.alignment_state(self.context.db, vid))
        analyze(self.context.db)
        return report

    def _import_comments(
        self, document_id: int, commented: list[tuple[tuple[str, ...], tuple[int, ...]]],
        ours: bool = False, dry_run: bool = False,
    ) -> int:
        """Add the file's comments to the first segment of the groups they were on, but for
        those a segment of the group has (as we export notes, or as written; as XML carries
        them: without the control characters a note pasted from Word has); how many. In a
        file of ours (``ours``), a note as we export it whose note is gone (an import that
        brought it undone) comes back as it was: its author's and kind, not as a comment of
        the importing user's saying ``AUTHOR: TEXT``. ``dry_run``: counted, not added."""
        db = self.context.db
        notes = q_exchange.notes_by_segment(db, document_id) if commented else {}
        # who may have written a note that is gone: the authors of the document's changes
        authors = ({str(g["author"]) for g in q_changes.groups(db, document_id)}
                   if ours and commented else set())
        added: dict[int, set[str]] = {}
        for texts, ids in commented:
            have = {" ".join(carried(form).split()) for sid in ids for n in notes.get(sid, ())
                    for form in (n["text"], note_text(n))}
            new = added.setdefault(ids[0], set())
            for text in texts:
                author, kind, said = _exported_note(text, authors) or (
                    self.context.author, "comment", text)
                if text not in have and text not in new:
                    if not dry_run:
                        q_notes.add_note(db, ids[0], author, kind, said, self.context.group_id)
                    new.add(text)
        return sum(map(len, added.values()))

    def _import_document(self, file: ImportedFile, doc: str | None) -> Document:
        """The document a file belongs to."""
        docs = self.catalog.documents()
        if file.document_key:
            by_key = {self.document_key(d): d for d in docs}
            document = by_key.get(file.document_key)
            if document is None:
                raise WorkbenchError(
                    f"{file.path}: refused: exported from another project or document "
                    f"({file.document or '?'!r}, key {file.document_key}); it does not belong "
                    f"to {self.context.path.name} (documents: {', '.join(d.name for d in docs)})"
                )
            if doc is not None and doc != document.name:
                raise WorkbenchError(
                    f"{file.path}: refused: exported from document {document.name!r}, "
                    f"not {doc!r}"
                )
            return document
        if doc is None and len(docs) > 1:
            doc = _named_document(file, {d.name for d in docs})
        if doc is None and len(docs) > 1:
            raise WorkbenchError(
                f"{file.path}: the file does not say which document it translates; "
                f"use --doc (documents: {', '.join(d.name for d in docs)})"
            )
        return self.catalog.document(doc)


def _may_join(
    ids: tuple[int, ...], units: dict[int, tuple[int, ...]], current: dict[int, Row]
) -> bool:
    """Whether a unit of the file joining segments ``ids`` may join them in the working
    translation: consecutive segments, none in a working unit of several, none with English
    of its own (nothing is erased), none finished or locked."""
    rows = [current[i] for i in ids]
    first = rows[0]["position"]
    return (
        [r["position"] for r in rows] == list(range(first, first + len(rows)))
        and not any(i in units for i in ids)
        and not any((r["target"] or "").strip() for r in rows)
        and all(r["status"] in (Status.NEW.value, Status.DRAFT.value) for r in rows)
        and not any(r["locked"] for r in rows)
    )


def _joined_links(state: dict[str, list[Any]], groups: list[tuple[int, ...]],
                  position: dict[int, int]) -> dict[str, list[Any]]:
    """A working alignment (as ``alignment_state`` reads it) with each group of segments in one
    link: the links of its segments (one segment each) become one, where the first of them
    was, else before the first link of a later segment."""
    links = [[list(ar), list(en)] for ar, en in state["links"]]
    confidence = list(state["confidence"])
    order = {sid: k for k, ids in enumerate(groups) for sid in ids}
    for k, ids in enumerate(groups):
        mine = [i for i, (ar, _) in enumerate(links) if any(order.get(s) == k for s in ar)]
        merged = [list(ids), sorted(e for i in mine for e in links[i][1])]
        conf = min((confidence[i] for i in mine), default=1.0)
        if mine:
            at = mine[0]
        else:
            at = next((i for i, (ar, _) in enumerate(links)
                       if ar and position[ar[0]] > position[ids[0]]), len(links))
        for i in reversed(mine):
            del links[i], confidence[i]
        links.insert(at, merged)
        confidence.insert(at, conf)
    return {"sentences": state["sentences"], "links": links, "confidence": confidence}


def _whole_or_none(
    planned: dict[int, tuple[str, str]], groups: list[tuple[int, ...]],
    current: dict[int, Row], overwrite: str | None,
) -> int:
    """A unit of several segments is written whole or not at all: when one of its segments
    holds finished work the import must leave alone, its other segments (a joined segment,
    empty and new) are left as they are too; only that one stays planned, for the count of
    what was protected. How many segments were so left alone."""
    left = 0
    for ids in groups:
        held = [i for i in ids if protection(
            current[i]["target"], current[i]["status"], bool(current[i].get("locked")),
            overwrite) is not None]
        for sid in ids if held else ():
            if sid != held[0] and planned.pop(sid, None) is not None:
                left += 1
    return left


def _working_units(
    db: Any, document_id: int, version_id: int
) -> tuple[dict[int, tuple[int, ...]], set[tuple[int, ...]]]:
    """The working translation's units of several segments (a link's, as exports group them),
    by each of their segments, and those of them with a joined segment (one whose English
    another segment of the unit holds)."""
    joined = q_versions.joined_segments(db, document_id)
    units: dict[int, tuple[int, ...]] = {}
    with_joined: set[tuple[int, ...]] = set()
    for link in link_groups(q_exchange.export_rows(db, document_id, version_id)):
        if len(link) > 1:
            ids = tuple(r["id"] for r in link)
            units.update(dict.fromkeys(ids, ids))
            if any(i in joined for i in ids):
                with_joined.add(ids)
    return units, with_joined


def _states_had(
    changes: Iterable[tuple[int, str, str, str, str]],
    units: dict[int, tuple[int, ...]],
    current: dict[int, Row],
) -> dict[tuple[int, ...], set[tuple[str, str]]]:
    """The (English, status) each segment, and each unit of several segments (``units``),
    has had, replayed from its revisions (``changes``, oldest first), as a file carries them:
    a unit's English joined, its status the least advanced of those holding English."""
    first: dict[int, tuple[str, str]] = {}  # each segment's state before its first revision
    for sid, old_text, old_status, *_ in changes:
        first.setdefault(sid, (old_text, old_status or current[sid]["status"]))
    state: dict[int, tuple[str, str]] = {}
    had: dict[tuple[int, ...], set[tuple[str, str]]] = {}
    for sid, _, _, text, status in changes:
        state[sid] = (text, status)
        for ids in {(sid,), units.get(sid, (sid,))}:
            members = [state.get(i) or first.get(i) or (current[i]["target"] or "",
                                                         current[i]["status"]) for i in ids]
            had.setdefault(ids, set()).add(
                (carried(group_text(t for t, _ in members)), group_status(members)))
    return had


#: XLIFF 1.2 states of a unit nobody translated (ours: new)
UNTRANSLATED_STATES = frozenset({"new", "needs-translation"})


def _named_document(file: ImportedFile, names: set[str]) -> str | None:
    """The document of ``names`` a file of another tool (or ours without its key) names: its
    ``original`` as written, or its file name without the folders and ending (Trados writes
    ``C:\\client\\report.docx`` for the document imported from report.docx), else the
    file's own name without its ending or endings (report.docx.sdlxliff)."""
    original = re.split(r"[\\/]", file.document or "")[-1]
    own = Path(file.path).name
    for name in (file.document, original, Path(original).stem, Path(own).stem,
                 Path(Path(own).stem).stem):
        if name and name in names:
            return name
    return None


def _untranslated(unit: ImportedUnit) -> bool:
    """Whether a unit of a file brings no English: its target empty, or only the source's
    tags (Trados copies them into the target of a segment not translated), or its Arabic
    again (the source copied to the target, as Okapi, memoQ, OmegaT and ``export --fallback
    source`` do), even without Arabic letters (a number, a name) when its state says
    untranslated."""
    target = (unit.target or "").strip()
    return (not strip_tags(target).strip() or copies_source(target, unit.source)
            or (unit.state in UNTRANSLATED_STATES and target == unit.source.strip()))


def _span(ids: Iterable[int]) -> str:
    ids = list(ids)
    return f"{ids[0]}–{ids[-1]}" if len(ids) > 1 else str(ids[0])


def _warn_without_a_pair(report: ExchangeReport, file: ImportedFile) -> None:
    """Warn first of the file's units without both an Arabic and an English side (an empty
    English, or one copying the Arabic), left alone, naming the first ten lines."""
    lines = sorted(file.without_source + [u.line or 0 for u in file.units if _untranslated(u)])
    if lines:
        report.warnings.insert(0, units_without_a_pair(len(lines), lines[:10], "left alone"))


def _superseded(
    text: str, ids: Sequence[int], since: dict[int, list[str]], current: dict[int, Row]
) -> bool:
    """Whether a file's ``text`` for the segments ``ids`` is older than their English: the
    English they had when the file was exported, or (one segment) any English it was given
    since, then edited (``since``: :func:`_edited_since`'s)."""
    text = text.strip()
    if len(ids) == 1:
        return text in {t.strip() for t in since[ids[0]][:-1]}
    exported = [since[i][0] if i in since else current[i]["target"] or "" for i in ids]
    return text == group_text(exported)


def _edited_since(
    db: Any, document_id: int, file: ImportedFile
) -> tuple[dict[int, list[str]], dict[int, str]]:
    """The document's segments edited after ``file`` was exported (ours, with its time),
    each with its English then and every English since (``q_history.edited_since``), and
    the status each had then (``q_history.statuses_then``); ({}, {}) for another tool's
    file."""
    if not (file.exported_at and file.document_key):
        return {}, {}
    try:
        moment = datetime.fromisoformat(file.exported_at)
    except ValueError:
        return {}, {}
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    # a time in whole seconds (an older file) counts the edits of that second as made since:
    # at worst a warning that the file was edited too, never an edit reverted by the file
    stored = moment.astimezone(UTC).isoformat(timespec="milliseconds")
    return (q_history.edited_since(db, document_id, stored),
            q_history.statuses_then(db, document_id, stored))


_EXPORTED_NOTE = re.compile(r"(?P<who>[^:()]+?)(?: \((?P<kind>[\w-]+)\))?: (?P<text>.+)", re.S)


def _exported_note(text: str, authors: set[str]) -> tuple[str, str, str] | None:
    """The author, kind and text of a note as :func:`note_text` writes it, when its author
    is one of ``authors``; else None."""
    m = _EXPORTED_NOTE.fullmatch(text)
    if m is None or m["who"] not in authors:
        return None
    return m["who"], m["kind"] or "comment", m["text"]
