"""Exports to bilingual files and round-trip imports of XLIFF and TMX.

Exports stream the document's segments from the store through a format writer into a
temporary file that replaces the output only when complete. Every exported TMX/XLIFF file
carries a document key (derived from the document's identity in this project), so an import
recognises our own files, matches their units by our ids, and refuses a file of another
project or document; files of other tools are matched by normalised Arabic.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from workbench import __version__, openfiles
from workbench.errors import InputError, WorkbenchError
from workbench.filters.model import FALLBACKS, tags_from_json
from workbench.formats import (
    EXPORT_FORMATS,
    FINDINGS,
    FORMATS,
    Format,
    detect,
    fallback_formats,
    get_format,
)
from workbench.formats.model import (
    ExportHeader,
    ImportedFile,
    ImportedUnit,
    Term,
    Unit,
    lang_matches,
    parse_unit_key,
)
from workbench.formats.original import StoredOriginal
from workbench.formats.xmlout import carried
from workbench.glossary.qa import PlainTerm, plain_terms
from workbench.project.catalog import Catalog, Document
from workbench.project.changes import ChangeSet, FillReport, plan_fill, protection
from workbench.project.checking import Checking, Override
from workbench.project.context import ProjectContext, Row
from workbench.project.groups import group_source, group_status, group_text, link_groups
from workbench.project.lqa import Lqa
from workbench.project.segment_runs import SegmentRuns
from workbench.project.terms import Terms
from workbench.statuses import STATUSES, Status
from workbench.store import changes as q_changes
from workbench.store import documents as q_docs
from workbench.store import exchange as q_exchange
from workbench.store import history as q_history
from workbench.store import notes as q_notes
from workbench.store import sources as q_sources
from workbench.store import versions as q_versions
from workbench.store.db import analyze
from workbench.text.normalize import match_key
from workbench.text.script import arabic_share, copies_source
from workbench.text.tags import has_tags, renumber_tags, strip_tags
from workbench.wording import plural, units_without_a_pair

if TYPE_CHECKING:
    from workbench.glossary.findings import Finding

DEFAULT_FOLDER = Path("translations")
#: The longest file name written, in bytes: 255 (most file systems' limit) less what the
#: temporary name of an atomic write adds (".NAME.0123456789ab.part").
NAME_BYTES = 255 - 19
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    document: str
    version: str
    units: int
    warnings: tuple[str, ...] = ()
    #: of the format ``original``: the segments among ``units`` without English of their own,
    #: joined to a segment whose English translates them (`stats` counts them in no
    #: ``with_english``)
    joined: int = 0

    def counted(self) -> str:
        """What ``units`` counts, as the CLI and the TUI say it: "21 segment pairs"; of the
        format ``original``, the segments in English ("5 segments with English (2 of them
        joined to the segment before, whose English translates them)")."""
        if not get_format(self.format).from_source:
            return plural(self.units, "segment pair")
        joined = (f" ({self.joined:,} of them joined to the segment before, whose English "
                  "translates them)") if self.joined else ""
        return f"{plural(self.units, 'segment')} with English{joined}"


@dataclass
class ExchangeReport:
    """What a round-trip import of a bilingual file changed."""

    file: str
    format: str
    document: str
    units: int = 0
    matched_by_id: int = 0
    matched_by_source: int = 0
    updated: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    left_alone: int = 0
    unmatched: int = 0
    lqa_added: int = 0
    notes_added: int = 0
    warnings: list[str] = field(default_factory=list)
    protected: dict[str, int] = field(default_factory=dict)
    """Segments not written because they hold finished work, by status (or 'locked')."""
    kept_newer: list[int] = field(default_factory=list)
    """Segments the file has as they were exported, edited in the project since: kept."""
    group_id: int | None = None
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


class Exchange:
    """Exports to bilingual files, and imports of TMX and XLIFF files back into a document."""

    def __init__(
        self,
        context: ProjectContext,
        catalog: Catalog,
        checking: Checking,
        terms: Terms,
        changes: ChangeSet,
        lqa: Lqa | None = None,
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.checking = checking
        self.terms = terms
        self.changes = changes
        self.lqa = lqa
        #: (how many, lowest score) → a function giving a unit its translation-memory matches;
        #: set by the facade to the TM part's annotate_units (XLIFF alt-trans, mtc:matches).
        self.tm_annotator: Callable[[int, int], Callable[[Unit], None]] | None = None

    # identity ----------------------------------------------------------------------------

    def document_key(self, doc: Document) -> str:
        """The identifier written into exported files: stable for this document of this project."""
        row = q_exchange.document_row(self.context.db, doc.id) or {}
        seed = f"{doc.id}\x1f{doc.name}\x1f{row.get('created_at', '')}"
        return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:24]

    # export ------------------------------------------------------------------------------

    def export_file(
        self,
        fmt: str,
        output: str | Path | None = None,
        doc: str | None = None,
        version: str = "working",
        statuses: list[str] | None = None,
        force: bool = False,
        *,
        findings: str | None = None,
        fallback: str | None = None,
        tm_matches: int = 0,
        tm_min: int = 70,
    ) -> ExportResult:
        """Export a document to ``fmt`` (see EXPORT_FORMATS); say what was written.

        ``findings`` ('none', 'glossary', 'all'; default: the format's) says which QA findings
        the file carries, for the formats that show them. ``fallback`` ('source' or 'empty')
        is what goes where a segment has no English: in the format ``original`` (default
        'source'; with ``statuses``, segments of other statuses count as having none) and in
        the target of an XLIFF 1.2 unit (default 'empty'; 'source' for OmegaT). ``tm_matches``
        (xliff, xliff2) adds each unit's best translation-memory matches scoring ``tm_min`` or
        more. The file appears only when complete.
        """
        if tm_matches and fmt not in ("xliff", "xliff2"):
            raise WorkbenchError(f"translation-memory matches go into xliff and xliff2, not {fmt}")
        if fmt not in EXPORT_FORMATS:
            raise WorkbenchError(f"unknown format {fmt!r} (use {', '.join(EXPORT_FORMATS)})")
        if findings is not None and findings not in FINDINGS:
            raise WorkbenchError(f"unknown findings {findings!r} (use {', '.join(FINDINGS)})")
        if findings not in (None, "none") and not get_format(fmt).carries_findings:
            carriers = ", ".join(f.name for f in FORMATS if f.carries_findings)
            raise WorkbenchError(f"QA findings go into {carriers}, not {fmt}")
        for status in statuses or ():
            if status not in STATUSES:
                raise WorkbenchError(f"unknown status {status!r} (use {', '.join(STATUSES)})")
        version = self.catalog.resolve_version(doc, version).name  # refuses an unknown one
        document = self.catalog.document(doc)
        spec = get_format(fmt)
        if fallback is not None and fallback not in FALLBACKS:
            raise WorkbenchError(f"unknown fallback {fallback!r} (use {', '.join(FALLBACKS)})")
        if fallback is not None and fmt not in fallback_formats():
            raise WorkbenchError(
                f"a fallback is for the formats {' and '.join(fallback_formats())}, not {fmt}")
        path = Path(output) if output is not None else self.default_output(document, fmt, version)
        _check_output(path, force, create_folder=output is None)
        header = self.export_header(document, version)
        if output is not None and not spec.from_source:
            _check_bilingual_ending(spec, path)
        if spec.from_source:
            if output is not None:
                self._check_original_ending(document, path)
            return self._export_original(
                spec, path, header, document, version, statuses, force, fallback or "source"
            )
        if fallback == "source":
            header = replace(header, copy_source=True)
        units = self.export_units(
            document.name, version, statuses,
            findings=(findings or spec.findings) if spec.carries_findings else "none",
            terms=spec.shows_terms,
        )
        if tm_matches and self.tm_annotator is not None:
            units = _annotated(units, self.tm_annotator(tm_matches, tm_min))
        count = write_atomically(path, force, lambda out: spec.writer(out, header, units))
        return ExportResult(path, fmt, document.name, version, count)

    def default_output(self, doc: Document, fmt: str, version: str = "working") -> Path:
        """translations/DOCUMENT[.VERSION]SUFFIX, e.g. translations/sample.tmx; for the
        format ``original`` of a client document, .en and the original's own ending (its
        format's when its file had none), of a text import .original.en.txt (the format
        ``txt`` writes DOCUMENT.en.txt)."""
        stem = _UNSAFE.sub("-", doc.name).strip("-.") or "document"
        if version != "working":
            stem += "." + _UNSAFE.sub("-", version.replace(":", "-"))
        spec = get_format(fmt)
        suffix = spec.suffix
        if spec.from_source:
            suffix = self._original_suffix(doc, spec.suffix)
        return DEFAULT_FOLDER / f"{_shortened(stem, NAME_BYTES - len(suffix.encode()))}{suffix}"

    def _original_suffix(self, doc: Document, text_suffix: str) -> str:
        """The ending of the export ``original`` of a document: .en and the original's
        ending, or its format's first; ``text_suffix`` for a text import."""
        from workbench.filters.registry import get_source_format

        info = q_sources.original_info(self.context.db, doc.id)
        if info is None:
            return text_suffix
        ending = Path(info["file_name"]).suffix.lower()
        return ".en" + (ending or get_source_format(info["format"]).extensions[0])

    def _export_original(
        self, spec: Format, path: Path, header: ExportHeader, document: Document,
        version: str, statuses: list[str] | None, force: bool, fallback: str,
    ) -> ExportResult:
        """The translated document in its source's format (see formats/original.py)."""
        if fallback not in FALLBACKS:
            raise WorkbenchError(f"unknown fallback {fallback!r} (use {', '.join(FALLBACKS)})")
        original = self._stored_original(document)
        units = self.export_units(document.name, version, grouped=False)
        if statuses:
            units = _of_statuses(units, set(statuses))
        joined = [0]
        warnings: list[str] = []
        count = write_atomically(
            path, force,
            lambda out: spec.writer(out, header, _noting_joined(units, joined), original,
                                    fallback, warnings),
        )
        return ExportResult(path, spec.name, document.name, version, count, tuple(warnings),
                            joined[0])

    def _check_original_ending(self, document: Document, path: Path) -> None:
        """Refuse a name whose ending is another document format's than the original's (an
        HTML page written to ``x.md`` opens as Markdown, wrongly): an unknown ending is left
        to the user."""
        from workbench.filters.registry import SOURCE_FORMATS, get_source_format

        info = q_sources.original_info(self.context.db, document.id)
        kind = get_source_format(info["format"] if info else "txt")
        lower = path.name.lower()
        said = next((f for f in SOURCE_FORMATS if lower.endswith(f.extensions)), None)
        if said is not None and said.name != kind.name:
            raise WorkbenchError(
                f"{path}: document {document.name!r} is {kind.description}, not "
                f"{said.description}: give the file the ending {kind.extensions[0]} (or leave "
                "out --output)"
            )

    def _stored_original(self, document: Document) -> StoredOriginal | None:
        """The stored original of a client document (None for a text import)."""
        db = self.context.db
        info = q_sources.original_info(db, document.id)
        if info is None:
            return None
        data = q_sources.original_bytes(db, document.id) or b""
        tags = {p: tags_from_json(b["tags"]) for p, b in q_sources.blocks(db, document.id).items()}
        return StoredOriginal(info["format"], info["file_name"], data, info["blocks"], tags,
                              info["filter_version"])

    def export_header(self, doc: Document, version: str = "working") -> ExportHeader:
        """The origin written into exported files."""
        return ExportHeader(
            project=self.context.path.name,
            document=doc.name,
            document_key=self.document_key(doc),
            version=version,
            tool="workbench",
            tool_version=__version__,
        )

    def export_units(
        self,
        doc: str | None = None,
        version: str = "working",
        statuses: list[str] | None = None,
        *,
        findings: str = "none",
        terms: bool = False,
        grouped: bool = True,
    ) -> Iterator[Unit]:
        """The document's segment pairs in order, streamed from the store.

        Segments of one many-to-many link of the version form one unit (their Arabic and
        English joined), unless ``grouped`` is False (one unit per segment; those after a
        link's first whose English it holds are ``joined``). Units carry
        ``findings`` ('none', 'glossary' or 'all'), with ``terms`` the glossary terms found in
        their Arabic, and (working version) the reviewers' LQA errors.
        """
        document = self.catalog.document(doc)
        ref = self.catalog.resolve_version(document, version)
        working, vid = ref.is_working, ref.id
        db = self.context.db
        version_row = None if working else q_versions.version(db, document.id, ref.name)
        doc_row = q_exchange.document_row(self.context.db, document.id) or {}
        default_created = (version_row or doc_row).get("created_at")
        notes = q_exchange.notes_by_segment(self.context.db, document.id)
        lqa = (
            self.lqa.errors_by_segment(document.id) if self.lqa is not None and working else {}
        )
        # a link's segments are chosen by the unit's status (the least advanced of those with
        # English), never one of them alone: its other segments are "new" without English
        rows: Iterable[Row] = q_exchange.export_rows(
            self.context.db, document.id, vid, None if grouped or not working else statuses,
            with_revisions=working,
        )
        if not working:  # the segments' statuses are the working translation's, not its
            rows = map(_unconfirmed, rows)
        shared = None
        if findings == "all" and not statuses:  # the QA run checks the rows read here
            rows = shared = list(rows)
        annotator, done = (
            self._annotator(document, version, findings, terms, shared)
            if terms or findings != "none" else (None, None)
        )
        try:
            wanted = set(statuses or ()) if grouped or not working else set()
            for link in link_groups(rows):
                if wanted and group_status([(r["text"], r["status"]) for r in link]) not in wanted:
                    continue
                # one segment at a time: those after a link's first, whose English it holds,
                # are "joined" (nothing of their own)
                held = bool((link[0]["text"] or "").strip())
                for k, group in enumerate([link] if grouped else [[row] for row in link]):
                    unit = self._unit(group, notes, default_created, annotator)
                    unit.joined = k > 0 and held and not unit.target.strip()
                    errors = [e for r in group for e in lqa.get(r["id"], ())]
                    if errors:
                        texts = [(r["id"], r["text"] or "") for r in group]
                        unit.lqa = Lqa.unit_notes(errors, texts, unit.target)
                    yield unit
        finally:
            if done is not None:
                done()

    def _unit(
        self,
        rows: list[dict[str, Any]],
        notes: dict[int, list[dict[str, Any]]],
        default_created: str | None,
        annotator: Callable[[Unit], None] | None,
    ) -> Unit:
        status = group_status([(r["text"], r["status"]) for r in rows])
        created = min((r["first_at"] for r in rows if r["first_at"]), default=default_created)
        changes = [r["last_at"] or r["text_at"] for r in rows if r["last_at"] or r["text_at"]]
        first_by = next((r["first_by"] for r in rows if r["first_by"]), None)
        last_by = next((r["last_by"] for r in reversed(rows) if r["last_by"]), None)
        unit = Unit(
            ids=tuple(r["id"] for r in rows),
            number=rows[0]["position"],
            last_number=rows[-1]["position"] if len(rows) > 1 else None,
            paragraph=rows[0]["paragraph"],
            source=group_source(r["source"] for r in rows),
            target=group_text([r["text"] for r in rows]),
            status=status,
            notes=[_note_text(n) for r in rows for n in notes.get(r["id"], [])],
            created=created,
            changed=max(changes) if changes else created,
            created_by=first_by,
            changed_by=last_by,
        )
        if annotator is not None:
            annotator(unit)
        return unit

    def _annotator(
        self, document: Document, version: str, findings: str, terms: bool,
        rows: list[Row] | None = None,
    ) -> tuple[Callable[[Unit], None], Callable[[], None]]:
        """A function adding glossary terms and QA findings to a unit, and one to call after
        (``rows``: every segment of the version, read already, for the QA run).

        'glossary' findings (missing or forbidden renderings of glossary terms) are computed
        unit by unit as the export streams, overrides applied. 'all' takes every check of the
        checking service's document report (cross-segment checks and overrides included): a
        full QA run, streamed beside the export (in forked processes for a large document,
        when this process has no other threads).
        """
        from workbench.glossary.enforce import check_matches

        matcher = self.terms.matcher()
        by_segment: dict[int, list[str]] = {}
        # the terms of each link unit's source, as the QA run found them (by its first segment)
        unit_terms: dict[int, tuple[tuple[int, ...], list[PlainTerm]]] = {}
        overrides: dict[int, list[Override]] = {}
        stream: Generator[tuple[list[int], list[Finding], list[PlainTerm]], None, None] | None = (
            None
        )
        if findings == "all":
            # forked processes check a large document, unless threads (the TUI's) could hold
            # a lock at the fork that a child would then wait on for ever
            jobs = 0 if threading.active_count() == 1 else 1
            stream = self.checking.stream_findings(document.name, version, jobs=jobs, rows=rows)
        elif findings == "glossary":
            for override in self.checking.overrides(document.name, version):
                overrides.setdefault(override.segment_id, []).append(override)

        def checked(sid: int) -> list[str]:
            """The finding lines of segment ``sid``, read from the QA stream as far as needed
            (the export and the report both go in document order)."""
            while stream is not None and sid not in by_segment:
                try:
                    ids, found, found_terms = next(stream)
                except StopIteration:
                    break
                texts = [_finding_text(f) for f in found]
                for one in ids:
                    by_segment[one] = texts
                if terms:
                    unit_terms[ids[0]] = (tuple(ids), found_terms)
            return by_segment.pop(sid, [])

        def annotate(unit: Unit) -> None:
            lines: list[str] = []
            found_terms: list[PlainTerm] | None = None
            if findings == "all":
                lines = [line for sid in unit.ids for line in checked(sid)]
                ids, known = unit_terms.pop(unit.ids[0], ((), []))
                if ids == unit.ids:  # the QA run checked this very unit: its terms are known
                    found_terms = known
            if (terms and found_terms is None) or findings == "glossary":
                matches = matcher.find(unit.source)
                found_terms = plain_terms(matches)
                if findings == "glossary" and unit.target.strip() and matches:
                    accepted = [o for sid in unit.ids for o in overrides.get(sid, ())]
                    lines = [
                        _finding_text(f) for f in check_matches(matches, unit.target).findings
                        if not any(o.covers(f) for o in accepted)
                    ]
            if terms and found_terms is not None:
                unit.terms = [Term(*t) for t in found_terms]
            for line in lines:
                if line not in unit.findings:
                    unit.findings.append(line)

        def done() -> None:
            if stream is not None:
                stream.close()

        return annotate, done

    # import ------------------------------------------------------------------------------

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
            raise InputError(path, "no Arabic-English translation units to import")
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
                    _warn(report, f"{where}segment {_span(ids)} was given other English "
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
        for unit, targets in self._matched(file.units, current, by_source, by_text, report,
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
                    _warn(report, f"{where}unit {unit.key}: segments {_span(ids)} are not one "
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
            _warn(report, f"segments {_span(whole)} are one unit of the working translation "
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
                    for form in (n["text"], _note_text(n))}
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

    def _matched(
        self, units: Iterable[ImportedUnit], current: dict[int, dict[str, Any]],
        by_source: dict[str, list[tuple[int, ...]]], by_text: dict[str, list[int]],
        report: ExchangeReport, runs: SegmentRuns,
    ) -> Iterator[tuple[ImportedUnit, list[tuple[int, ...]] | None]]:
        """Each unit with the segment groups it applies to (None: it matches none). A unit of
        several segments (another tool's) that matches no segment whole is matched segment by
        segment; one of a paragraph's segments (a tool's unit of a paragraph, or of a
        sentence our segmenter cut) to the run of them whose Arabic it holds."""
        for unit in units:
            targets = self._match(unit.key, unit.source, current, by_source, report)
            if targets is None:  # inline codes (another tool's, or none) unlike ours?
                matched, targets = self._match_codes(unit, current, by_source, by_text, report)
                if targets is None and unit.parts:
                    _warn_unmarked(unit, report)
                    # the unit's comments and LQA errors go with its first segment
                    first, *rest = unit.parts
                    parts = _joined_parts([replace(first, notes=unit.notes, lqa=unit.lqa),
                                           *rest], by_source, by_text)
                    yield from self._matched(parts, current, by_source, by_text, report, runs)
                    continue
                if targets is None and (found := runs.find(unit.source)):
                    ours = group_source(current[i]["source"] for i in found[0])
                    target = None if unit.target is None else renumber_tags(
                        unit.target, unit.source, ours)
                    report.matched_by_source += 1
                    matched, targets = replace(unit, source=ours, target=target), found
                unit = matched
            yield unit, targets

    def _match_codes(
        self, unit: ImportedUnit, current: dict[int, dict[str, Any]],
        by_source: dict[str, list[tuple[int, ...]]], by_text: dict[str, list[int]],
        report: ExchangeReport,
    ) -> tuple[ImportedUnit, list[tuple[int, ...]] | None]:
        """A unit matched by its text alone: a unit with inline codes to a segment without
        tags (the codes left out), or any unit to a segment with tags, which the unit has in
        another numbering (another tool's XLIFF: the target's codes renumbered to ours by
        order) or not at all (a TMX whose codes were not read: the QA check names the tags
        its English lacks)."""
        source = unit.source
        if has_tags(unit.source):
            plain = replace(unit, source=strip_tags(unit.source),
                            target=None if unit.target is None else strip_tags(unit.target))
            targets = self._match(plain.key, plain.source, current, by_source, report)
            if targets is not None:
                return plain, targets
            source = plain.source
        if not by_text:  # no segment has tags (the units of a memory that matches nothing)
            return unit, None
        found = by_text.get(match_key(source))
        if not found:
            return unit, None
        ours = current[found[0]]["source"]
        target = None if unit.target is None else renumber_tags(unit.target, unit.source, ours)
        report.matched_by_source += 1
        return replace(unit, source=ours, target=target), [(sid,) for sid in found]

    @staticmethod
    def _match(
        key: str | None,
        source: str,
        current: dict[int, dict[str, Any]],
        by_source: dict[str, list[tuple[int, ...]]],
        report: ExchangeReport,
    ) -> list[tuple[int, ...]] | None:
        """The segment groups a unit applies to: by our id (``1`` or ``1_2_3`` of a joined
        unit, in any file: checked against the Arabic), else by normalised Arabic (a
        segment's, or a unit of several segments' joined as exported)."""
        wanted = match_key(source)
        ids = parse_unit_key(key)
        if ids and all(i in current for i in ids):
            joined = match_key(" ".join(current[i]["source"] for i in ids))
            if joined == wanted:
                report.matched_by_id += 1
                return [ids]
        found = by_source.get(wanted)
        if found:
            report.matched_by_source += 1
            return list(found)
        return None


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


def _joined_parts(parts: list[ImportedUnit], by_source: dict[str, list[tuple[int, ...]]],
                  by_text: dict[str, list[int]]) -> list[ImportedUnit]:
    """A unit's segments, two or three consecutive ones that match no segment alone joined
    where together they are one of ours (the file's tool cut a sentence ours keeps whole: at
    a colon, say)."""
    def known(source: str) -> bool:
        plain = match_key(strip_tags(source))
        return match_key(source) in by_source or plain in by_source or plain in by_text

    out: list[ImportedUnit] = []
    k = 0
    while k < len(parts):
        end = k + 1
        if not known(parts[k].source):
            end = next((j for j in range(k + 2, min(k + 3, len(parts)) + 1)
                        if known(group_source(p.source for p in parts[k:j]))), end)
        if end == k + 1:
            out.append(parts[k])
        else:
            run = parts[k:end]
            texts = [p.target for p in run]
            out.append(replace(
                run[0], key=f"{run[0].key}+{end - k - 1}", source=group_source(
                    p.source for p in run),
                target=None if all(t is None for t in texts) else group_text(texts),
                status=group_status([(p.target, p.status or "new") for p in run]),
                notes=tuple(n for p in run for n in p.notes),
                lqa=tuple(e for p in run for e in p.lqa)))
        k = end
    return out


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


def _warn(report: ExchangeReport, warning: str) -> None:
    if len(report.warnings) < 20:
        report.warnings.append(warning)


def _warn_unmarked(unit: ImportedUnit, report: ExchangeReport) -> None:
    """Say that a unit of several segments (XLIFF 1.2 ``<seg-source>`` marks) whose target
    holds English not marked into them (no ``<mrk mtype="seg">``) brings none of it: which
    sentence is which is not known."""
    if (unit.target or "").strip() and not any((p.target or "").strip() for p in unit.parts):
        where = f"line {unit.line}: " if unit.line else ""
        _warn(report, f"{where}unit {unit.key}: its English is not marked into its "
              f"{len(unit.parts)} segments (no <mrk mtype=\"seg\"> in its target): left alone")


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


def _annotated(units: Iterator[Unit], annotate: Callable[[Unit], None]) -> Iterator[Unit]:
    for unit in units:
        annotate(unit)
        yield unit


def _noting_joined(units: Iterable[Unit], joined: list[int]) -> Iterator[Unit]:
    """The units one by one, counting in ``joined[0]`` those joined to a segment whose
    English translates them."""
    joined[0] = 0
    for unit in units:
        joined[0] += unit.joined
        yield unit


def _of_statuses(units: Iterable[Unit], wanted: set[str]) -> Iterator[Unit]:
    """The units one by one, the English of those of other statuses taken out; a joined
    segment goes with its link's first: when that one's English is taken out, it is no longer
    joined (its Arabic is untranslated, not said by the English of another)."""
    kept = True
    for unit in units:
        if not unit.joined:
            kept = unit.status in wanted
            if not kept:
                unit.target = ""
        elif not kept:
            unit.joined = False
        yield unit


def _finding_text(finding: Finding) -> str:
    return f"{finding.severity}: {finding.message} [{finding.check}]"


_EXPORTED_NOTE = re.compile(r"(?P<who>[^:()]+?)(?: \((?P<kind>[\w-]+)\))?: (?P<text>.+)", re.S)


def _exported_note(text: str, authors: set[str]) -> tuple[str, str, str] | None:
    """The author, kind and text of a note as :func:`_note_text` writes it, when its author
    is one of ``authors``; else None."""
    m = _EXPORTED_NOTE.fullmatch(text)
    if m is None or m["who"] not in authors:
        return None
    return m["who"], m["kind"] or "comment", m["text"]


def _note_text(note: dict[str, Any]) -> str:
    kind = note.get("kind") or "comment"
    who = note.get("author") or ""
    label = who if kind == "comment" else f"{who} ({kind})"
    return f"{label}: {note['text']}" if label else str(note["text"])


def write_atomically(path: Path, force: bool, write: Callable[[BinaryIO], int]) -> int:
    """Run ``write`` on a temporary file that replaces ``path`` only once complete (an
    existing ``path`` only when ``force``; a symbolic link's file, the link staying)."""
    if path.is_symlink():
        path = path.resolve()
    openfiles.refuse_output(path)
    tmp: str | None = None
    try:
        fd, tmp = _part_file(path)
        with os.fdopen(fd, "wb") as out:
            count = write(out)
        if path.exists() and not force:  # appeared while we wrote
            raise WorkbenchError(f"{path} exists already (use --force to overwrite)")
        if path.exists():  # the file replaced keeps its permissions
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    except OSError as exc:
        raise WorkbenchError(f"{path}: cannot write ({exc.strerror})") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.remove(tmp)
    return count


def _part_file(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` (descriptor, name), created as any new file is:
    its permissions are the umask's (``mkstemp``'s are 0600, and a fixed 0644 ignored it)."""
    name = _shortened(path.name, NAME_BYTES)  # a name the file system takes is not refused
    while True:
        tmp = str(path.parent / f".{name}.{secrets.token_hex(6)}.part")
        with contextlib.suppress(FileExistsError):
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp


def _shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, at a character's end (an Arabic
    letter takes two; a byte of a name that is not UTF-8 stays as it is)."""
    return text.encode("utf-8", "surrogateescape")[:limit].decode("utf-8", "ignore")


def _check_bilingual_ending(spec: Format, path: Path) -> None:
    """Refuse an ``--output`` whose ending is another format's than ``spec``'s (a review
    table written to ``x.tmx``, a CSV to ``x.docx``: the file would not open as its name
    says); an unknown ending, or a text one, is left to the user."""
    from workbench.filters.registry import SOURCE_FORMATS

    lower = path.name.lower()
    own = {spec.suffix, *spec.extensions}
    family = "xliff" if spec.kind == "XLIFF" else spec.name
    claims: list[tuple[tuple[str, ...], str]] = []
    for other in FORMATS:
        if other.from_source or other.name == "txt":
            continue
        endings = (other.suffix, *other.extensions)
        if other.kind == spec.kind:
            own.update(endings)
        claims.append((endings, other.kind))
    for source in SOURCE_FORMATS:
        if source.name == family:
            own.update(source.extensions)
        elif source.name != "txt":
            claims.append((source.extensions, source.description))
    if lower.endswith(tuple(own)):
        return
    said = next((what for endings, what in claims if lower.endswith(endings)), None)
    if said is not None:
        raise WorkbenchError(
            f"{path}: the ending says {said}, but the format {spec.name} writes {spec.kind}: "
            f"give the file the ending {spec.suffix} (or leave out --output)"
        )


def _check_output(path: Path, force: bool, *, create_folder: bool) -> None:
    openfiles.refuse_output(path)  # never an export over a project (or its -wal, -shm)
    if path.is_dir():
        raise WorkbenchError(f"{path}: is a folder; give a file name")
    if path.exists() and not path.is_file():  # an atomic write would replace the node
        raise WorkbenchError(f"{path}: is not a regular file (a pipe or a device); exports "
                             "are written to files: give a file name")
    if path.exists() and not force:
        raise WorkbenchError(f"{path} exists already (use --force to overwrite)")
    folder = path.parent
    if not folder.exists():
        if not create_folder:
            raise WorkbenchError(f"{path}: folder {folder} does not exist")
        folder.mkdir(parents=True, exist_ok=True)
    if not os.access(folder, os.W_OK):
        raise WorkbenchError(f"{path}: folder {folder} is not writable")


__all__ = ["Exchange", "ExchangeReport", "ExportResult"]


def _unconfirmed(row: Row) -> Row:
    """A row of a version other than the working translation with the status its English
    has there: a draft (nobody confirmed it in the project), or new without English. It
    carried the segment's working status: a reference's English went out as approved
    (XLIFF ``signed-off``), and an import with ``--overwrite approved`` approved it."""
    return {**row, "status": "draft" if (row["text"] or "").strip() else "new"}
