"""Exports of a document: to bilingual files (TMX, XLIFF, review tables...) and to its
original's format, streamed from the store through a format writer into a file that appears
only when complete. Every TMX/XLIFF file carries a document key (derived from the document's
identity in this project), by which an import (:mod:`exchange_import`) recognises our files."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench import __version__, openfiles
from workbench.errors import WorkbenchError
from workbench.filters.model import FALLBACKS, tags_from_json
from workbench.formats import (
    EXPORT_FORMATS,
    FINDINGS,
    FORMATS,
    Format,
    fallback_formats,
    get_format,
)
from workbench.formats.model import ExportHeader, Term, Unit
from workbench.formats.original import StoredOriginal
from workbench.glossary.qa import PlainTerm, plain_terms
from workbench.project.atomic_write import NAME_BYTES, shortened, write_atomically
from workbench.project.catalog import Catalog, Document
from workbench.project.checking import Checking, Override
from workbench.project.context import ProjectContext, Row
from workbench.project.exchange_results import ExportResult
from workbench.project.groups import group_source, group_status, group_text, link_groups
from workbench.project.lqa import Lqa
from workbench.project.terms import Terms
from workbench.statuses import STATUSES
from workbench.store import exchange as q_exchange
from workbench.store import history as q_history
from workbench.store import sources as q_sources
from workbench.store import versions as q_versions

if TYPE_CHECKING:
    from workbench.glossary.findings import Finding

DEFAULT_FOLDER = Path("translations")
_UNSAFE = re.compile(r"[^\w.-]+")


class Exports:
    """Exports to bilingual files and to the original's format."""

    def __init__(
        self,
        context: ProjectContext,
        catalog: Catalog,
        checking: Checking,
        terms: Terms,
        lqa: Lqa | None = None,
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.checking = checking
        self.terms = terms
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
        return DEFAULT_FOLDER / f"{shortened(stem, NAME_BYTES - len(suffix.encode()))}{suffix}"

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
                f"{path}: document {document.name!r} is {kind.named}, not {said.named}: give "
                f"the file the ending {kind.extensions[0]} (or leave out --output)"
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
        """The origin written into exported files. Its time is after the latest revision: an
        import of the file counts the revisions at or after it as edits made since the export
        (``edited_since``), and an approval stored in the same millisecond as the export began
        was taken for one (the file's English then kept out as older)."""
        header = ExportHeader(
            project=self.context.path.name,
            document=doc.name,
            document_key=self.document_key(doc),
            version=version,
            tool="workbench",
            tool_version=__version__,
        )
        latest = q_history.last_revision_at(self.context.db)
        if latest is not None and latest >= header.created:
            later = datetime.fromisoformat(latest) + timedelta(milliseconds=1)
            header = replace(header, created=later.isoformat(timespec="milliseconds"))
        return header

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
            notes=[note_text(n) for r in rows for n in notes.get(r["id"], [])],
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
                        _finding_text(f) for f in check_matches(
                            matches, unit.target, matcher.unvowelled(unit.source, matches)
                        ).findings if not any(o.covers(f) for o in accepted)
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


def note_text(note: dict[str, Any]) -> str:
    """A note as exports write it: ``AUTHOR: TEXT``, ``AUTHOR (KIND): TEXT`` but for a
    comment."""
    kind = note.get("kind") or "comment"
    who = note.get("author") or ""
    label = who if kind == "comment" else f"{who} ({kind})"
    return f"{label}: {note['text']}" if label else str(note["text"])


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


def _unconfirmed(row: Row) -> Row:
    """A row of a version other than the working translation with the status its English
    has there: a draft (nobody confirmed it in the project), or new without English. It
    carried the segment's working status: a reference's English went out as approved
    (XLIFF ``signed-off``), and an import with ``--overwrite approved`` approved it."""
    return {**row, "status": "draft" if (row["text"] or "").strip() else "new"}
