"""The translation memory part of the Project service: memories, lookups, concordance,
repetitions and propagation, pre-translation and analysis.

The project's own memory is kept by the store's triggers (one unit per confirmed segment, so
edits made anywhere — TUI, CLI, imports, undo — keep it right); this part indexes new units
before it matches. External memories come from TMX and tab-separated files. Matching is in
:mod:`workbench.project.tm_matcher`; the pure engines are in :mod:`workbench.tm`.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from workbench import __version__
from workbench.errors import InputError, WorkbenchError
from workbench.formats.model import Candidate, Unit
from workbench.project.catalog import Catalog, Document
from workbench.project.checking import Checking
from workbench.project.context import ProjectContext
from workbench.project.reading import Reader, Segment
from workbench.project.tm_matcher import Matcher, Query, context_key, origin_of
from workbench.statuses import Status
from workbench.store import documents as q_docs
from workbench.store import history as q_history
from workbench.store import notes as q_notes
from workbench.store import tm as q_tm
from workbench.store import versions as q_versions
from workbench.text.normalize import normalize_arabic_many
from workbench.tm.candidates import Postings
from workbench.tm.codes import Vocabulary
from workbench.tm.index import Indexer
from workbench.tm.model import TmFileInfo, TmUnit
from workbench.tm.pipeline import Batch, read_batches
from workbench.tm.results import (
    Analysis,
    ConcordanceHit,
    ImportResult,
    PretranslateResult,
    TmMatch,
)
from workbench.tm.score import CONTEXT, band_of
from workbench.tm.tokens import token_strings, tokenize, words_and_stems

PROJECT = "project"
CONFIRMED = frozenset({"translated", "reviewed", "approved"})
OPEN = frozenset({"new", "draft"})
#: Posting entries gathered before they are written as one part (about 100,000 units).
PART_ENTRIES = 2_000_000
#: Posting parts of the project memory grow in place up to this many ids.
SMALL_PART = 4096
#: Candidate units verified at most by a concordance search.
CONCORDANCE_SCAN = 20_000
NOTE_KIND = "tm"
#: Candidates scored per segment by the analysis (only the best score matters there).
ANALYSIS_K = 100


@dataclass(frozen=True)
class MemoryInfo:
    """A memory of the project."""

    name: str
    kind: str
    units: int
    source_path: str | None
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def match_keys(sources: Sequence[str]) -> list[str]:
    """The normalised keys of many sources (as groups.match_key, computed together)."""
    return [" ".join(t.split()) for t in normalize_arabic_many(sources)]


class TranslationMemory:
    """The project's translation memories."""

    def __init__(
        self, context: ProjectContext, catalog: Catalog, reader: Reader, checking: Checking
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.reader = reader
        self.checking = checking
        #: Propagate confirmed translations to repetitions; None: the config file's setting.
        self.propagate: bool | None = None
        self.matcher = Matcher(context.db)
        self._keys: dict[int, tuple[tuple[int, float, int], list[int], list[str]]] = {}

    @property
    def db(self) -> Any:
        return self.context.db

    # memories -------------------------------------------------------------------------------

    def memories(self) -> list[MemoryInfo]:
        """Every memory (the project's own first) with its unit count."""
        return [
            MemoryInfo(r["name"], r["kind"], r["units"], r["source_path"], r["created_at"])
            for r in q_tm.memories(self.db)
        ]

    def _memory(self, name: str) -> dict[str, Any]:
        row = q_tm.memory_by_name(self.db, name)
        if row is None:
            known = ", ".join(m.name for m in self.memories())
            raise WorkbenchError(f"no translation memory named {name!r} (memories: {known})")
        return row

    def import_file(
        self, path: str | Path, name: str | None = None, fmt: str | None = None
    ) -> ImportResult:
        """Add a TMX or tab-separated file as a memory called ``name`` (default: the file's
        name). A bad file changes nothing (one transaction)."""
        p = Path(path)
        if not p.exists():
            raise InputError(p, "no such file")
        if p.is_dir():
            raise InputError(p, "is a folder, not a file")
        fmt = fmt or ("tsv" if p.suffix.lower() in (".tsv", ".tab", ".txt") else "tmx")
        if fmt not in ("tmx", "tsv"):
            raise WorkbenchError(f"unknown memory format {fmt!r} (use tmx or tsv)")
        name = (name if name is not None else p.stem).strip()
        if not name:
            raise WorkbenchError("a translation memory needs a name (--name)")
        if name == PROJECT:
            raise WorkbenchError(f"{PROJECT!r} is the project's own memory; choose another name")
        if q_tm.memory_by_name(self.db, name) is not None:
            raise WorkbenchError(
                f"a translation memory named {name!r} exists already "
                f"(workbench tm remove {name}, or --name another)"
            )
        info, batches = read_batches(p, fmt)
        with self.context.transaction(), q_tm.bulk(self.db):
            self._index_pending()
            memory_id = q_tm.create_memory(self.db, name, str(p), "{}")
            count = self._store_units(memory_id, batches)
            if count == 0:
                raise InputError(p, _nothing_to_import(info))
            meta = {"format": info.format, "source_lang": info.source_lang, "tool": info.tool,
                    "props": info.props, "skipped": info.skipped}
            self.db.execute(
                "UPDATE tm_memories SET meta = ? WHERE id = ?",
                [json.dumps(meta, ensure_ascii=False), memory_id],
            )
        return ImportResult(
            name, str(p), info.format, count, info.skipped, info.skipped_lines,
            info.source_lang, info.tags,
        )

    def _store_units(self, memory_id: int, batches: Iterable[Batch]) -> int:
        vocabulary = Vocabulary(last=q_tm.last_code(self.db))
        indexer = Indexer(vocabulary, lambda tokens: q_tm.token_codes(self.db, tokens))
        next_id = q_tm.next_unit_id(self.db)
        part = q_tm.next_part(self.db, memory_id)
        count = 0
        for batch in batches:
            ids = list(range(next_id, next_id + len(batch.rows)))
            indexed = indexer.index_numbers(ids, batch.numbers, batch.counts, batch.new)
            q_tm.insert_units(
                self.db,
                ((uid, memory_id, None, *row) for uid, row in zip(ids, batch.rows, strict=True)),
            )
            q_tm.add_keys(
                self.db,
                zip(ids, indexed.hashes, indexed.stems, indexed.words, strict=True),
            )
            q_tm.add_tokens(self.db, vocabulary.added)
            vocabulary.added.clear()
            if indexer.pending_entries() >= PART_ENTRIES:
                self._write_part(indexer, memory_id, part)
                part += 1
            next_id += len(ids)
            count += len(ids)
        self._write_part(indexer, memory_id, part)
        q_tm.bump_generation(self.db)
        return count

    def _write_part(self, indexer: Indexer, memory_id: int, part: int) -> None:
        q_tm.add_postings(
            self.db, memory_id, part,
            ((t, len(p), p.blobs()) for t, p in indexer.take_postings()),
        )

    def remove(self, name: str) -> int:
        """Delete an external memory; return how many units it held."""
        if name == PROJECT:
            raise WorkbenchError(
                f"{PROJECT!r} is the project's own memory (it follows the confirmed segments) "
                "and cannot be removed"
            )
        row = self._memory(name)
        with self.context.transaction():
            return q_tm.delete_memory(self.db, row["id"])

    def export_file(
        self, output: str | Path, name: str | None = None, force: bool = False
    ) -> int:
        """Write a memory (or, without ``name``, every memory) as TMX 1.4b; return how many
        units. The file appears only when complete."""
        from workbench.tm.tmx import write_tmx

        memory_id = self._memory(name)["id"] if name is not None else None
        path = Path(output)
        if path.is_dir():
            raise WorkbenchError(f"{path}: is a folder; give a file name")
        if path.exists() and not force:
            raise WorkbenchError(f"{path} exists already (use --force to overwrite)")
        if not path.parent.exists():
            raise WorkbenchError(f"{path}: folder {path.parent} does not exist")
        self.index_pending()
        units = self._export_units(memory_id, with_memory=name is None)
        header = [("x-workbench-project", self.context.path.name),
                  ("x-workbench-memory", name or "*all*")]
        return _write_atomically(
            path, lambda out: write_tmx(out, units, header_props=header, tool_version=__version__)
        )

    def _export_units(self, memory_id: int | None, with_memory: bool) -> Iterator[TmUnit]:
        for chunk in _batched(q_tm.export_units(self.db, memory_id), 500):
            segments = [r["segment_id"] for r in chunk if r["segment_id"] is not None]
            around = q_tm.neighbours(self.db, segments) if segments else {}
            for row in chunk:
                yield _tm_unit(row, around.get(row["segment_id"]), with_memory)

    # indexing ------------------------------------------------------------------------------

    def index_pending(self) -> int:
        """Index the project units added since the last time (confirmed segments); return how
        many. Lookups do this first; it is one short write."""
        if not q_tm.has_pending(self.db):
            return 0
        with self.context.transaction():
            return self._index_pending()

    def _index_pending(self) -> int:
        pending = q_tm.pending_units(self.db)
        if not pending:
            return 0
        ids = [uid for uid, _ in pending]
        vocabulary = Vocabulary(last=q_tm.last_code(self.db))
        indexer = Indexer(vocabulary, lambda tokens: q_tm.token_codes(self.db, tokens))
        indexed = indexer.index(ids, [source for _, source in pending])
        q_tm.add_tokens(self.db, vocabulary.added)
        q_tm.insert_keys(
            self.db, zip(ids, indexed.hashes, indexed.stems, indexed.words, strict=True)
        )
        self._merge_postings(q_tm.PROJECT_MEMORY, indexer.take_postings())
        q_tm.clear_pending(self.db, ids)
        q_tm.bump_generation(self.db)
        return len(ids)

    def _merge_postings(self, memory_id: int, postings: list[tuple[int, Postings]]) -> None:
        tokens = [t for t, _ in postings]
        small = q_tm.small_parts(self.db, memory_id, tokens, SMALL_PART)
        part = q_tm.next_part(self.db, memory_id)
        rows: list[tuple[int, int, int, tuple[bytes, bytes, bytes]]] = []
        for token, post in postings:
            number = part
            if token in small:
                number, blobs = small[token]
                old = Postings.from_blobs(*blobs)
                ids = np.concatenate([old.ids, post.ids])
                ids, first = np.unique(ids, return_index=True)
                post = Postings(
                    ids, np.concatenate([old.lens, post.lens])[first],
                    np.concatenate([old.pos, post.pos])[first],
                    np.concatenate([old.form, post.form])[first],
                )
            rows.append((token, number, len(post), post.blobs()))
        q_tm.put_postings(self.db, memory_id, rows)

    # lookups --------------------------------------------------------------------------------

    def _memory_ids(self, names: Sequence[str] | None) -> frozenset[int] | None:
        if not names:
            return None
        return frozenset(self._memory(n)["id"] for n in names)

    def lookup(
        self,
        text: str,
        *,
        min_score: int = 50,
        limit: int = 5,
        context: tuple[str | None, str | None] | None = None,
        exclude_segment: int | None = None,
        memories: Sequence[str] | None = None,
    ) -> list[TmMatch]:
        """The best matches of ``text`` in every memory (or in ``memories``), best first.

        ``context`` (the previous and next source segments) allows 101% matches;
        ``exclude_segment`` leaves out that segment's own unit.
        """
        return self.lookup_many(
            [text], min_score=min_score, limit=limit,
            contexts=[context] if context is not None else None,
            exclude_segments=[exclude_segment] if exclude_segment is not None else None,
            memories=memories,
        )[0]

    def lookup_many(
        self,
        texts: Sequence[str],
        *,
        min_score: int = 50,
        limit: int = 5,
        contexts: Sequence[tuple[str | None, str | None] | None] | None = None,
        exclude_segments: Sequence[int | None] | None = None,
        memories: Sequence[str] | None = None,
    ) -> list[list[TmMatch]]:
        """:meth:`lookup` for many texts (one list of matches per text)."""
        _check_limits(min_score, limit)
        chosen = self._memory_ids(memories)
        queries = self._queries(texts, contexts, exclude_segments)
        return [self.matcher.matches(q, min_score, limit, chosen) for q in queries]

    def _queries(
        self,
        texts: Sequence[str],
        contexts: Sequence[tuple[str | None, str | None] | None] | None = None,
        exclude_segments: Sequence[int | None] | None = None,
    ) -> list[Query]:
        self.index_pending()
        self.matcher.refresh()
        keyed = [None if c is None else context_key(*c) for c in contexts] if contexts else None
        excludes = None
        if exclude_segments:
            excludes = []
            for sid in exclude_segments:
                unit = q_tm.segment_unit(self.db, sid) if sid is not None else None
                excludes.append(frozenset() if unit is None else frozenset({unit}))
        return self.matcher.prepare(texts, keyed, excludes)

    def segment_matches(
        self, segment_id: int, *, min_score: int = 50, limit: int = 5
    ) -> list[TmMatch]:
        """The best matches of a segment's Arabic (with its context, for 101%; its own unit
        left out). For the TUI's matches panel: call it from a worker on its own connection."""
        seg = self.reader.segment(segment_id)
        around = q_tm.neighbours(self.db, [segment_id]).get(segment_id, (None, None))
        return self.lookup(
            seg.source, min_score=min_score, limit=limit, context=around,
            exclude_segment=segment_id,
        )

    def exact_scores(self, segment_ids: Sequence[int]) -> dict[int, int]:
        """For those of ``segment_ids`` that have a 100% or 101% match (their own unit left
        out), that score: the segment list's marks. Found by hash only, so a page of segments
        costs a few milliseconds."""
        if not segment_ids:
            return {}
        rows = {r["id"]: r for sid in segment_ids if (r := q_docs.segment(self.db, sid))}
        ordered = [sid for sid in segment_ids if sid in rows]
        around = q_tm.neighbours(self.db, ordered)
        queries = self._queries(
            [rows[sid]["source"] for sid in ordered], [around[sid] for sid in ordered], ordered
        )
        out: dict[int, int] = {}
        for sid, query in zip(ordered, queries, strict=True):
            best = self.matcher.best(query, 100, 1)
            if best:
                out[sid] = best[0].score
        return out

    def insert_match(self, segment_id: int, match: TmMatch) -> Segment:
        """Put a match's English (numbers substituted) into a segment as a draft, recording
        its origin in the history (action ``tm-insert``) and a note (kind ``tm``)."""
        return self._fill(segment_id, match, "tm-insert")

    def _fill(self, segment_id: int, match: TmMatch, action: str) -> Segment:
        with self.context.transaction():
            seg = self.reader.segment(segment_id)
            doc = self.catalog.document_by_id(seg.document_id)
            vid = self.catalog.version_id(doc, "working", create_working=True)
            q_versions.put_translations(self.db, vid, [(segment_id, match.text)])
            if seg.status != Status.DRAFT.value:
                q_docs.set_status(self.db, segment_id, Status.DRAFT.value)
            q_history.add_revision(
                self.db, segment_id, self.context.author, action,
                (seg.target, seg.status), (match.text, Status.DRAFT.value),
            )
            q_notes.add_note(
                self.db, segment_id, self.context.author, NOTE_KIND,
                f"{action}: {match.score}% match from {match.origin} (unit {match.unit_id})",
            )
            return self.reader.segment(segment_id)

    # concordance ----------------------------------------------------------------------------

    def concordance(
        self, query: str, *, lang: str | None = None, limit: int = 50
    ) -> list[ConcordanceHit]:
        """Units whose Arabic holds the words of ``query`` in a row (normalised, through
        clitics: الثورة finds وبالثورة) or whose English contains it, newest first.
        ``lang`` ('ar' or 'en') searches one side only."""
        needle = query.strip()
        if not needle:
            raise WorkbenchError("concordance: give the words to look for")
        if lang not in (None, "ar", "en"):
            raise WorkbenchError(f"unknown language {lang!r} (use ar or en)")
        if limit < 1:
            raise WorkbenchError("--limit must be at least 1")
        self.index_pending()
        self.matcher.refresh()
        hits: list[ConcordanceHit] = []
        if lang in (None, "ar"):
            hits += self._concordance_arabic(needle, limit)
        if lang in (None, "en"):
            hits += self._concordance_english(needle, limit)
        hits.sort(key=lambda h: (h.date or "", h.unit_id), reverse=True)
        return hits[:limit]

    def _concordance_arabic(self, needle: str, limit: int) -> list[ConcordanceHit]:
        stems = words_and_stems(needle)[1]
        if not stems:
            return []
        query = self.matcher.prepare([needle])[0]
        if len(query.known_stems) != len(set(stems)):
            return []  # a word no memory holds
        lists = self.matcher.lists(query.known_stems)
        common: np.ndarray | None = None
        for stem in sorted(query.known_stems, key=lambda s: len(lists[s])):
            ids = np.unique(lists[stem].ids)
            common = ids if common is None else np.intersect1d(common, ids, assume_unique=True)
            if not len(common):
                return []
        assert common is not None
        candidates = [int(i) for i in common[-CONCORDANCE_SCAN:][::-1].tolist()]
        found = [uid for uid, _, s, _ in q_tm.keys(self.db, candidates) if query.stem_codes in s]
        rows = q_tm.units(self.db, q_tm.newest_first(self.db, found)[:limit])
        out: list[ConcordanceHit] = []
        for uid in q_tm.newest_first(self.db, list(rows)):
            row = rows[uid]
            out.append(self._hit("ar", row, _arabic_spans(row["source"], stems)))
        return out

    def _concordance_english(self, needle: str, limit: int) -> list[ConcordanceHit]:
        ids = q_tm.english_containing(self.db, needle, limit)
        rows = q_tm.units(self.db, ids)
        out: list[ConcordanceHit] = []
        for uid in ids:
            row = rows[uid]
            spans = _text_spans(row["target"], needle)
            if spans:
                out.append(self._hit("en", row, spans))
        return out

    @staticmethod
    def _hit(lang: str, row: dict[str, Any], spans: list[tuple[int, int]]) -> ConcordanceHit:
        return ConcordanceHit(
            lang, row["source"], row["target"], tuple(spans), origin_of(row), row["memory"],
            row["id"], row["changed_by"] or row["created_by"],
            row["changed_at"] or row["created_at"],
        )

    # repetitions and propagation ------------------------------------------------------------

    def _document_keys(self, doc: Document) -> tuple[list[int], list[str]]:
        """A document's segment ids and normalised sources in order (cached while the
        document's segments are unchanged)."""
        fingerprint = self.db.execute(
            "SELECT count(*), total(length(source)), coalesce(max(id), 0) FROM segments "
            "WHERE document_id = ?", [doc.id],
        ).fetchone()
        cached = self._keys.get(doc.id)
        if cached is not None and cached[0] == tuple(fingerprint):
            return cached[1], cached[2]
        rows = q_docs.segment_paragraphs(self.db, doc.id)
        ids = [r[0] for r in rows]
        keys = match_keys([r[2] for r in rows])
        self._keys[doc.id] = (tuple(fingerprint), ids, keys)
        return ids, keys

    def repetitions(self, doc: str | None = None) -> dict[int, tuple[int, ...]]:
        """For each segment whose normalised source occurs more than once in its document, the
        ids of all those segments in document order (the first is the original). For the
        segment list's marks."""
        ids, keys = self._document_keys(self.catalog.document(doc))
        groups: dict[str, list[int]] = {}
        for sid, key in zip(ids, keys, strict=True):
            if key:
                groups.setdefault(key, []).append(sid)
        return {sid: tuple(g) for g in groups.values() if len(g) > 1 for sid in g}

    def _propagation_enabled(self) -> bool:
        if self.propagate is None:
            from workbench.config import load_config

            try:
                self.propagate = load_config().tm_propagate
            except WorkbenchError:
                self.propagate = True
        return bool(self.propagate)

    def on_confirm(self, segment: Segment) -> None:
        """Called by Editing.confirm inside its transaction: propagate the translation to the
        segment's repetitions (unless switched off) and index the new units."""
        if self._propagation_enabled():
            self.propagate_from(segment.id)
        self._index_pending()

    def propagate_from(self, segment_id: int) -> list[int]:
        """Give a confirmed segment's translation to the other segments of its document with
        the same normalised source that are still new or draft (one transaction, each in the
        history as ``propagate``). They become translated, or draft when QA finds an error
        in them. Returns their ids."""
        with self.context.transaction():
            seg = self.reader.segment(segment_id)
            if seg.status not in CONFIRMED or not seg.target.strip():
                return []
            doc = self.catalog.document_by_id(seg.document_id)
            ids, keys = self._document_keys(doc)
            key = match_keys([seg.source])[0]
            same = [sid for sid, k in zip(ids, keys, strict=True) if k == key and sid != seg.id]
            if not same:
                return []
            changes: list[tuple[int, str | None, str, str | None, str]] = []
            for sid in same:
                other = self.reader.segment(sid)
                if other.status not in OPEN or other.target == seg.target:
                    continue
                errors = [
                    f for f in self.checking.check_segment(sid, text=seg.target)
                    if f.severity == "error"
                ]
                status = Status.DRAFT.value if errors else Status.TRANSLATED.value
                changes.append((sid, other.target, seg.target, other.status, status))
            if changes:
                vid = self.catalog.version_id(doc, "working", create_working=True)
                q_versions.put_translations(self.db, vid, [(c[0], c[2]) for c in changes])
                q_docs.set_statuses(self.db, [(c[4], c[0]) for c in changes])
                q_history.add_revisions(self.db, self.context.author, "propagate", changes)
            return [c[0] for c in changes]

    # pre-translation and analysis -----------------------------------------------------------

    def _documents(self, doc: str | None) -> list[Document]:
        return [self.catalog.document(doc)] if doc is not None else self.catalog.documents()

    def _document_queries(
        self, doc: Document, wanted: Callable[[dict[str, Any]], bool] | None = None
    ) -> tuple[list[dict[str, Any]], list[Query]]:
        rows = q_docs.segments_page(self.db, doc.id, self.catalog.working_id(doc), 0, 1 << 62)
        contexts = [
            (rows[i - 1]["source"] if i else None,
             rows[i + 1]["source"] if i + 1 < len(rows) else None)
            for i in range(len(rows))
        ]
        picked = [i for i, r in enumerate(rows) if wanted is None or wanted(r)]
        queries = self._queries(
            [rows[i]["source"] for i in picked], [contexts[i] for i in picked],
            [rows[i]["id"] for i in picked],
        )
        return [rows[i] for i in picked], queries

    def pretranslate(self, doc: str | None = None, min_score: int = 100) -> PretranslateResult:
        """Fill the empty segments (of one document, or all) with their best match at or
        above ``min_score``, as drafts with the origin recorded (history action
        ``pretranslate`` and a note). One transaction."""
        _check_limits(min_score, 1)
        documents = self._documents(doc)
        result = PretranslateResult([d.name for d in documents], min_score)
        with self.context.transaction():
            for document in documents:
                rows, queries = self._document_queries(
                    document, lambda r: not (r["target"] or "").strip()
                )
                result.empty += len(rows)
                for row, query in zip(rows, queries, strict=True):
                    best = self.matcher.best(query, min_score, 1)
                    if not best:
                        continue
                    match = self.matcher.to_match(query, best[0])
                    self._fill(row["id"], match, "pretranslate")
                    result.filled += 1
                    result.segments.append(row["id"])
                    band = band_of(match.score)
                    result.by_band[band] = result.by_band.get(band, 0) + 1
        return result

    def analyze(self, doc: str | None = None) -> Analysis:
        """Put every segment (of one document, or all) in one band, in memoQ's precedence:
        101, repetitions (its normalised source occurred earlier in the document), 100,
        95-99, 85-94, 75-84, 50-74, no-match; with its words and characters."""
        documents = self._documents(doc)
        analysis = Analysis([d.name for d in documents])
        for document in documents:
            rows, queries = self._document_queries(document)
            sources = [r["source"] for r in rows]
            _, word_counts = token_strings(sources)
            seen: set[str] = set()
            for row, query, key, words in zip(
                rows, queries, match_keys(sources), word_counts.tolist(), strict=True
            ):
                repeated = bool(key) and key in seen
                # a repetition needs only to know whether it is a 101% match (found by hash)
                best = self.matcher.best(query, CONTEXT if repeated else 50, 1, k=ANALYSIS_K)
                score = best[0].score if best else None
                if score is not None and score > 100:
                    band = "101"
                elif repeated:
                    band = "repetitions"
                else:
                    band = band_of(score)
                seen.add(key)
                analysis.bands[band].add(int(words), len("".join(row["source"].split())))
                analysis.by_segment[row["id"]] = band
        return analysis

    # exports --------------------------------------------------------------------------------

    def annotate_units(self, limit: int = 3, min_score: int = 70) -> Callable[[Unit], None]:
        """A function giving an exported unit its best matches (for XLIFF ``alt-trans`` and
        XLIFF 2 translation candidates); the units' own segments are left out."""
        self.index_pending()
        self.matcher.refresh()

        def annotate(unit: Unit) -> None:
            excludes = frozenset(
                u for u in (q_tm.segment_unit(self.db, sid) for sid in unit.ids) if u is not None
            )
            query = self.matcher.prepare([unit.source], None, [excludes])[0]
            unit.matches = [
                Candidate(m.score, m.source, m.target, m.origin)
                for m in self.matcher.matches(query, min_score, limit)
            ]

        return annotate


# helpers ------------------------------------------------------------------------------------


def _check_limits(min_score: int, limit: int) -> None:
    if not 0 <= min_score <= 101:
        raise WorkbenchError(f"--min must be between 0 and 101, not {min_score}")
    if limit < 1:
        raise WorkbenchError(f"--limit must be at least 1, not {limit}")


def _nothing_to_import(info: TmFileInfo) -> str:
    if info.skipped:
        lines = ", ".join(map(str, info.skipped_lines))
        return (
            f"no Arabic-English translation units ({info.skipped} units lack an Arabic or an "
            f"English side, e.g. at lines {lines})"
        )
    return "no Arabic-English translation units"


def _tm_unit(
    row: dict[str, Any], around: tuple[str | None, str | None] | None, with_memory: bool
) -> TmUnit:
    meta = json.loads(row["meta"]) if row["meta"] else {}
    props = [tuple(p) for p in meta.get("props", [])]
    unit = TmUnit(
        source=row["source"], target=row["target"], tuid=row["tuid"],
        created_at=row["created_at"], created_by=row["created_by"],
        changed_at=row["changed_at"], changed_by=row["changed_by"], status=row["status"],
        context_prev=row["context_prev"], context_next=row["context_next"],
        props=props, notes=list(meta.get("notes", [])), attrs=dict(meta.get("attrs", {})),
    )
    if row["segment_id"] is not None:
        unit.tuid = unit.tuid or str(row["segment_id"])
        unit.props += [("x-workbench-document", row["document"] or ""),
                       ("x-workbench-position", str(row["position"]))]
        if around is not None:
            unit.context_prev, unit.context_next = around
    if row["status"] and not any(k == "x-status" for k, _ in unit.props):
        unit.props.append(("x-status", row["status"]))
    if with_memory:
        unit.props.append(("x-workbench-memory", row["memory"]))
    return unit


def _arabic_spans(source: str, stems: list[str]) -> list[tuple[int, int]]:
    words = tokenize(source)
    size = len(stems)
    out: list[tuple[int, int]] = []
    for i in range(len(words) - size + 1):
        if [w.stem for w in words[i : i + size]] == stems:
            out.append((words[i].start, words[i + size - 1].end))
    return out


def _text_spans(text: str, needle: str) -> list[tuple[int, int]]:
    lowered, target = text.lower(), needle.lower()
    out: list[tuple[int, int]] = []
    start = lowered.find(target)
    while start >= 0 and target:
        out.append((start, start + len(target)))
        start = lowered.find(target, start + len(target))
    return out


def _write_atomically(path: Path, write: Callable[[Any], int]) -> int:
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            count = write(out)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        raise WorkbenchError(f"{path}: cannot write ({exc.strerror})") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.remove(tmp)
    return count


__all__ = ["MemoryInfo", "TranslationMemory"]
