"""Looking up the memories: matches of texts and segments, the segment list's 100/101 marks,
putting a match into a segment, concordance, and matches for exported units."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from workbench.errors import WorkbenchError
from workbench.formats.model import Candidate, Unit
from workbench.numeric import unique
from workbench.project.catalog import Catalog
from workbench.project.context import ProjectContext
from workbench.project.reading import Reader, Segment
from workbench.project.tm_files import MemoryFiles
from workbench.project.tm_indexing import Indexing
from workbench.project.tm_matcher import Matcher, Query, context_key, origin_of
from workbench.statuses import Status
from workbench.store import documents as q_docs
from workbench.store import history as q_history
from workbench.store import notes as q_notes
from workbench.store import tm as q_tm
from workbench.store import versions as q_versions
from workbench.text.lines import one_line
from workbench.text.nontranslatable import NON_TRANSLATABLE
from workbench.tm import english
from workbench.tm.diff import unit_tags_as_tags, with_segment_tags
from workbench.tm.results import ConcordanceHit, TmMatch, conversion_match
from workbench.tm.tokens import stem_readings, tokenize, words_and_stems

#: Candidate units verified at most by a concordance search.
CONCORDANCE_SCAN = 20_000
#: The kind of the notes recording where an inserted match came from.
NOTE_KIND = "tm"


def origin(match: TmMatch) -> str:
    """Where a match inserted into a segment came from, for its note."""
    if match.non_translatable:
        return f"{NON_TRANSLATABLE}: its digits and punctuation converted"
    return f"{match.score}% match from {match.origin} (unit {match.unit_id})"


def with_conversion(matches: list[TmMatch], source: str, limit: int) -> list[TmMatch]:
    """``matches`` with, for a source without letters (numbers, dates, separators), its
    conversion (:func:`conversion_match`) after the memories' exact and context matches,
    unless one of them offers the same English; at most ``limit``."""
    own = conversion_match(source)
    if own is None or any(m.text == own.text for m in matches):
        return matches
    at = next((i for i, m in enumerate(matches) if m.score < own.score), len(matches))
    return [*matches[:at], own, *matches[at:]][:limit]


class Lookups:
    """Matches, concordance and inserting matches (every memory, or some)."""

    def __init__(
        self, context: ProjectContext, catalog: Catalog, reader: Reader, indexing: Indexing,
        files: MemoryFiles,
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.reader = reader
        self.indexing = indexing
        self.files = files
        self.matcher = Matcher(context.db)

    @property
    def db(self) -> Any:
        return self.context.db

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
        check_limits(min_score, limit)
        chosen = self.files.memory_ids(memories)
        queries = self.queries(texts, contexts, exclude_segments)
        return [self.matcher.matches(q, min_score, limit, chosen) for q in queries]

    def queries(
        self,
        texts: Sequence[str],
        contexts: Sequence[tuple[str | None, str | None] | None] | None = None,
        exclude_segments: Sequence[int | None] | None = None,
    ) -> list[Query]:
        """Texts prepared for matching (the index brought up to date first)."""
        self.indexing.index_pending()
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
        left out), and for a segment without letters its digits and punctuation converted
        (:func:`with_conversion`). For the TUI's matches panel: call it from a worker on its
        own connection."""
        seg = self.reader.segment(segment_id)
        around = q_tm.neighbours(self.db, [segment_id]).get(segment_id, (None, None))
        matches = self.lookup(
            seg.source, min_score=min_score, limit=limit, context=around,
            exclude_segment=segment_id,
        )
        return with_conversion(matches, seg.source, limit)

    def exact_scores(self, segment_ids: Sequence[int]) -> dict[int, int]:
        """For those of ``segment_ids`` that have a 100% or 101% match (their own unit left
        out), that score: the segment list's marks. Found by hash only, so a page of segments
        costs a few milliseconds."""
        if not segment_ids:
            return {}
        rows = {r["id"]: r for sid in segment_ids if (r := q_docs.segment(self.db, sid))}
        ordered = [sid for sid in segment_ids if sid in rows]
        around = q_tm.neighbours(self.db, ordered)
        queries = self.queries(
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
        segment = self.fill(segment_id, match, "tm-insert")
        assert segment is not None
        return segment

    def fill(
        self, segment_id: int, match: TmMatch, action: str, *, only_empty: bool = False
    ) -> Segment | None:
        """Write a match's English (as one line: a memory's may hold line breaks) into a
        segment as a draft, its origin recorded (in the change group under way, if any); a
        locked segment raises LockedError. With ``only_empty``, only into an empty, unlocked
        segment (else None, nothing written)."""
        text = one_line(match.text)
        with self.context.transaction():
            seg = self.reader.segment(segment_id)
            if only_empty and (seg.target.strip() or seg.locked):
                return None
            if seg.locked:
                raise self.context.locked(segment_id)
            doc = self.catalog.document_by_id(seg.document_id)
            vid = self.catalog.version_id(doc, "working", create_working=True)
            q_versions.put_translations(self.db, vid, [(segment_id, text)])
            if seg.status != Status.DRAFT.value:
                q_docs.set_status(self.db, segment_id, Status.DRAFT.value)
            q_history.add_revision(
                self.db, segment_id, self.context.author, action,
                (seg.target, seg.status), (text, Status.DRAFT.value),
                group_id=self.context.group_id,
            )
            q_notes.add_note(
                self.db, segment_id, self.context.author, NOTE_KIND, f"{action}: {origin(match)}",
                self.context.group_id,  # undoing the change takes it away
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
        self.indexing.index_pending()
        self.matcher.refresh()
        hits: list[ConcordanceHit] = []
        if lang in (None, "ar"):
            hits += self._concordance_arabic(needle, limit)
        if lang in (None, "en"):
            hits += self._concordance_english(needle, limit)
        hits.sort(key=lambda h: (h.date or "", h.unit_id), reverse=True)
        return hits[:limit]

    def _concordance_arabic(self, needle: str, limit: int) -> list[ConcordanceHit]:
        readings = [stem_readings(w, s) for w, s in zip(*words_and_stems(needle), strict=True)]
        if not readings:
            return []
        codes = self.matcher.codes(r for each in readings for r in each)
        known = [sorted(codes[r] for r in each if r in codes) for each in readings]
        if not all(known):
            return []  # a word no memory holds
        lists = self.matcher.lists(sorted({c for each in known for c in each}))
        common: np.ndarray | None = None
        for each in sorted(known, key=lambda cs: sum(len(lists[c]) for c in cs)):
            ids = unique(np.concatenate([lists[c].ids for c in each]))
            common = ids if common is None else np.intersect1d(common, ids, assume_unique=True)
            if not len(common):
                return []
        assert common is not None
        candidates = [int(i) for i in common[-CONCORDANCE_SCAN:][::-1].tolist()]
        in_a_row = re.compile("".join(
            "[" + "".join(re.escape(chr(c)) for c in each) + "]" for each in known
        ))
        found = [uid for uid, _, s, _ in q_tm.keys(self.db, candidates) if in_a_row.search(s)]
        rows = q_tm.units(self.db, q_tm.newest_first(self.db, found)[:limit])
        out: list[ConcordanceHit] = []
        for uid in q_tm.newest_first(self.db, list(rows)):
            row = rows[uid]
            out.append(self._hit("ar", row, _arabic_spans(row["source"], readings)))
        return out

    def _concordance_english(self, needle: str, limit: int) -> list[ConcordanceHit]:
        folded = english.fold(needle)
        folds = {k: v for k, v in english.FOLDS.items() if v in folded}  # none: no cost
        spans: dict[int, list[tuple[int, int]]] = {}
        for uid, target in q_tm.english_candidates(self.db, folded, limit, folds):
            if found := english.spans(target, needle):
                spans[uid] = found
                if len(spans) == limit:
                    break
        rows = q_tm.units(self.db, list(spans))
        return [self._hit("en", rows[uid], found) for uid, found in spans.items()]

    @staticmethod
    def _hit(lang: str, row: dict[str, Any], spans: list[tuple[int, int]]) -> ConcordanceHit:
        return ConcordanceHit(
            lang, row["source"], row["target"], tuple(spans), origin_of(row), row["memory"],
            row["id"], row["changed_by"] or row["created_by"],
            row["changed_at"] or row["created_at"],
        )

    def annotate_units(self, limit: int = 3, min_score: int = 70) -> Callable[[Unit], None]:
        """A function giving an exported unit its best matches (for XLIFF ``alt-trans`` and
        XLIFF 2 translation candidates), 101% ones too (the context: the segments before its
        first and after its last); the units' own segments are left out."""
        self.indexing.index_pending()
        self.matcher.refresh()

        def annotate(unit: Unit) -> None:
            excludes = frozenset(
                u for u in (q_tm.segment_unit(self.db, sid) for sid in unit.ids) if u is not None
            )
            around = q_tm.neighbours(self.db, [unit.ids[0], unit.ids[-1]])
            context = context_key(around[unit.ids[0]][0], around[unit.ids[-1]][1])
            query = self.matcher.prepare([unit.source], [context], [excludes])[0]
            unit.matches = [
                Candidate(m.score, _tagged(unit.source, m.source, m.source),
                          _tagged(unit.source, m.source, m.target), m.origin)
                for m in self.matcher.matches(query, min_score, limit)
            ]

        return annotate


def _tagged(query: str, source: str, text: str) -> str:
    """A match's source or target for an exchange format: its unit's placeholders as the
    segment's tags where they pair (as inserting it does), else as tags of their own numbers."""
    return unit_tags_as_tags(with_segment_tags(query, source, text))


def check_limits(min_score: int, limit: int) -> None:
    """Refuse a minimum score outside 0–101 or a limit below 1."""
    if not 0 <= min_score <= 101:
        raise WorkbenchError(f"--min must be between 0 and 101, not {min_score}")
    if limit < 1:
        raise WorkbenchError(f"--limit must be at least 1, not {limit}")


def _arabic_spans(source: str, readings: list[frozenset[str]]) -> list[tuple[int, int]]:
    words = tokenize(source)
    size = len(readings)
    out: list[tuple[int, int]] = []
    for i in range(len(words) - size + 1):
        if all(w.stem in r for w, r in zip(words[i : i + size], readings, strict=True)):
            out.append((words[i].start, words[i + size - 1].end))
    return out
