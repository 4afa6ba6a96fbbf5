"""Finding and scoring translation-memory matches against the store (the TM part's engine).

One :class:`Matcher` per open project (per connection): it caches word codes (which never
change) and posting lists (forgotten whenever the store's index generation moves). A lookup:

1. the query's words and stems become code strings (words the memories never saw get codes
   no unit has);
2. units with the same word sequence are found by hash (the 95–101 matches, always found);
3. the stems' posting lists give a few hundred candidates (:mod:`workbench.tm.candidates`);
4. rapidfuzz scores every candidate (word and stem edit distances over code strings);
5. the best are read in full, scored exactly (100, 95–99, 101 with the context; a unit that
   differs only in numbers, which its target's substitution replaces, scores as the same words
   do), and get their diff and number substitution.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from workbench.project.tm_repetitions import match_keys
from workbench.store import tm as q_tm
from workbench.text.normalize import match_key
from workbench.tm.candidates import (
    Postings,
    choose_stems,
    form_of,
    idf,
    length_window,
    merge,
    rank,
)
from workbench.tm.codes import sequence_hash
from workbench.tm.diff import unit_tags_as_tags, with_segment_tags, word_diff
from workbench.tm.numbers import is_number, signed_words, substituted_target
from workbench.tm.results import TmMatch
from workbench.tm.score import (
    CONTEXT,
    EXACT,
    FUZZY_MAX,
    SAME_WORDS_MAX,
    identical,
    same_words_score,
)
from workbench.tm.tokens import words_and_stems

#: Candidates scored exactly per query.
CANDIDATES = 250
#: Unit keys (code strings) kept between lookups, the least recently used dropped first
#: (~450 bytes each): for a connection that does large reads (the CLI, pretranslate, analyze
#: against a million units), and for one where memory counts more (the TUI's).
KEY_CACHE, KEY_CACHE_SMALL = 300_000, 40_000
#: Bytes of posting lists kept between lookups, the least recently used dropped first (the
#: lists of a long session's words otherwise grow without end); the same two cases.
POSTING_BYTES, POSTING_BYTES_SMALL = 384 << 20, 32 << 20
_LAST = "\uffff"  # after every character of a date
_FRESH = 0xD800  # codes for words no memory holds (surrogates: never stored, never given)


@dataclass
class Query:
    """A text prepared for matching."""

    text: str
    words: list[str]
    stems: list[str]
    word_codes: str
    stem_codes: str
    known_stems: list[int]
    hash: int | None
    context: tuple[str, str] | None = None
    exclude: frozenset[int] = frozenset()
    #: The positions of the words that are numbers (a unit that differs from the query only
    #: there may be a number-substituted match).
    numbers: frozenset[int] = frozenset()


@dataclass
class _Scored:
    score: int
    unit_id: int
    words: str
    row: dict[str, Any] = field(default_factory=dict)
    #: The word-level score of a unit that may differ from the query only in numbers (its
    #: score is then an upper bound until its text is read); -1 for any other.
    fuzzy: int = -1


def context_key(prev: str | None, nxt: str | None) -> tuple[str, str]:
    """The context of a segment as compared for 101% matches (its neighbours' match keys;
    a unit's tag placeholders, {1}, read as the segment tags they stand for, <1>)."""
    return match_key(unit_tags_as_tags(prev or "")), match_key(unit_tags_as_tags(nxt or ""))


class Matcher:
    """Lookups against every memory of one open project."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self._codes: dict[str, int] = {}
        self._unknown: set[str] = set()  # tokens without a code (forgotten when the index moves)
        self._generation: int | None = None
        self._postings: OrderedDict[int, Postings] = OrderedDict()
        self._sizes: dict[int, int] = {}
        self._keys: OrderedDict[int, tuple[int, int, str, str]] = OrderedDict()
        self._bytes = 0  # of the cached posting lists
        self._total = 0
        #: Ask the engine for a large page cache and memory-mapped reads, and keep large caches
        #: (faster lookups; off where the connection serves other long scans too and memory
        #: counts more: the TUI).
        self.large_reads = True

    # caches -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Forget cached posting lists if the index changed since they were read."""
        if self.large_reads:
            q_tm.prefer_large_reads(self.db)
        generation = q_tm.generation(self.db)
        if generation != self._generation:
            self._generation = generation
            self._postings.clear()
            self._sizes.clear()
            self._keys.clear()
            self._unknown.clear()
            self._bytes = 0
            self._total = q_tm.unit_count(self.db)

    def lists(self, stems: Sequence[int]) -> dict[int, Postings]:
        """The posting list of each stem, its parts (of every memory) merged; cached, the
        least recently used dropped beyond :data:`POSTING_BYTES` (or the small bound)."""
        cache = self._postings
        wanted = dict.fromkeys(stems)
        for s in wanted:
            if s in cache:
                cache.move_to_end(s)
        missing = [s for s in wanted if s not in cache]
        if missing:
            parts: dict[int, list[tuple[int, Postings]]] = {s: [] for s in missing}
            for token, memory_id, ids, lens, pos in q_tm.postings(self.db, missing):
                parts[token].append((memory_id, Postings.from_blobs(ids, lens, pos)))
            for stem, found in parts.items():
                merged = merge(found)
                cache[stem] = merged
                self._bytes += _nbytes(merged)
        out = {s: cache[s] for s in wanted}
        bound = POSTING_BYTES if self.large_reads else POSTING_BYTES_SMALL
        while self._bytes > bound and cache:  # this lookup's lists are kept
            stem = next(iter(cache))
            if stem in wanted:
                break
            self._bytes -= _nbytes(cache.pop(stem))
        return {s: out[s] for s in stems}

    def _posting_sizes(self, stems: Sequence[int]) -> dict[int, int]:
        missing = [s for s in stems if s not in self._sizes]
        if missing:
            found = q_tm.posting_sizes(self.db, missing)
            for s in missing:
                self._sizes[s] = int(found.get(s, 0))
        return {s: self._sizes[s] for s in stems}

    # preparing queries ----------------------------------------------------------------------

    def codes(self, tokens: Iterable[str]) -> dict[str, int]:
        """The codes of those ``tokens`` (words or stems) that some memory holds (cached)."""
        wanted = set(tokens)
        unknown = [t for t in wanted if t not in self._codes and t not in self._unknown]
        if unknown:
            found = q_tm.token_codes(self.db, unknown)
            self._codes.update(found)
            self._unknown.update(t for t in unknown if t not in found)
        return {t: self._codes[t] for t in wanted if t in self._codes}

    def prepare(
        self,
        texts: Sequence[str],
        contexts: Sequence[tuple[str, str] | None] | None = None,
        excludes: Sequence[frozenset[int]] | None = None,
    ) -> list[Query]:
        """Queries for ``texts`` (with their contexts and units to leave out)."""
        split = [words_and_stems(t) for t in texts]
        self.codes({x for words, stems in split for x in (*words, *stems)})
        out: list[Query] = []
        for i, (text, (words, stems)) in enumerate(zip(texts, split, strict=True)):
            fresh: dict[str, str] = {}

            def code(token: str, fresh: dict[str, str] = fresh) -> str:
                value = self._codes.get(token)
                if value is not None:
                    return chr(value)
                return fresh.setdefault(token, chr(_FRESH + len(fresh) % 2048))

            word_codes = "".join(map(code, words))
            stem_codes = "".join(map(code, stems))
            all_known = all(w in self._codes for w in words)
            out.append(
                Query(
                    text=text,
                    words=words,
                    stems=stems,
                    word_codes=word_codes,
                    stem_codes=stem_codes,
                    known_stems=[self._codes[s] for s in dict.fromkeys(stems) if s in self._codes],
                    hash=sequence_hash(word_codes) if all_known and words else None,
                    context=contexts[i] if contexts else None,
                    exclude=excludes[i] if excludes else frozenset(),
                    numbers=frozenset(k for k, w in enumerate(words) if is_number(w)),
                )
            )
        return out

    # candidates ----------------------------------------------------------------------------

    def candidates(
        self, query: Query, min_score: int, k: int = CANDIDATES,
        memories: frozenset[int] | None = None, enough: int | None = None,
        pool: int | None = None,
    ) -> list[tuple[int, int, str, str]]:
        """(unit id, hash, stems, words) of the units worth scoring for ``query``; the fuzzy
        search is skipped when ``enough`` units with the same words are found (each scores at
        least 95, more than any other can but one whose numbers alone differ, which is passed
        over there); for a query with numbers it is run below 100 too."""
        found: dict[int, tuple[int, int, str, str]] = {}
        if query.hash is not None:
            for row in q_tm.keys_by_hash(self.db, [query.hash], memories):
                if row[0] not in query.exclude:
                    found[row[0]] = row
        if enough is not None and len(found) >= enough:
            return list(found.values())
        if query.known_stems and (
                min_score <= FUZZY_MAX or (query.numbers and min_score <= SAME_WORDS_MAX)):
            sizes = self._posting_sizes(query.known_stems)
            rare, other = choose_stems(query.known_stems, sizes)
            total = max(self._total, 1)
            lists = {s: p.only(memories) for s, p in self.lists(rare + other).items()}
            stems = [self._codes.get(s) for s in query.stems]
            forms = form_of(np.fromiter(map(ord, query.word_codes), np.uint32))
            ids = rank(
                [s if s in lists else None for s in stems], forms, lists,
                [(s, idf(sizes[s], total)) for s in rare],
                length_window(len(query.stems), min_score), k, pool,
            )
            for row in self._unit_keys([i for i in ids.tolist() if i not in found]):
                found[row[0]] = row
        return [row for uid, row in found.items() if uid not in query.exclude]

    def _unit_keys(self, unit_ids: list[int]) -> list[tuple[int, int, str, str]]:
        """The keys of units (cached: a unit's key never changes while the index does not)."""
        cache = self._keys
        found: dict[int, tuple[int, int, str, str]] = {}
        missing: list[int] = []
        for i in unit_ids:
            row = cache.get(i)
            if row is None:
                missing.append(i)
            else:
                cache.move_to_end(i)
                found[i] = row
        if missing:
            for row in q_tm.keys(self.db, missing):
                cache[row[0]] = found[row[0]] = row
            while len(cache) > (KEY_CACHE if self.large_reads else KEY_CACHE_SMALL):
                cache.popitem(last=False)
        return [found[i] for i in unit_ids if i in found]

    # scoring -------------------------------------------------------------------------------

    def _rough(self, query: Query, rows: list[tuple[int, int, str, str]]) -> list[_Scored]:
        """Scores from the code strings alone: exact below 95; 101 (an upper bound) for units
        with the same words, scored exactly once their text is read."""
        if not rows:
            return []
        stems = [r[2] for r in rows]
        words = [r[3] for r in rows]
        ds = process.cdist([query.stem_codes], stems, scorer=Levenshtein.distance)[0]
        dw = process.cdist([query.word_codes], words, scorer=Levenshtein.distance)[0]
        m = np.fromiter((len(w) for w in words), np.int64, len(words))
        longest = np.maximum(m, len(query.word_codes))
        doubled = np.maximum(2 * longest, 1)
        scores = (100 * (2 * longest - ds.astype(np.int64) - dw.astype(np.int64))) // doubled
        scores = np.minimum(np.where(longest == 0, 0, scores), FUZZY_MAX)
        out: list[_Scored] = []
        same = query.word_codes
        spans = _spans_between(len(same), query.numbers) if query.numbers else None
        for (uid, _, _, w), score in zip(rows, scores.tolist(), strict=True):
            if same and w == same:
                out.append(_Scored(CONTEXT, uid, w))
            elif spans is not None and len(w) == len(same) and all(
                    w[a:b] == same[a:b] for a, b in spans):  # the same words but for numbers
                changed = sum(w[k] != same[k] for k in query.numbers)  # its score at most:
                out.append(_Scored(SAME_WORDS_MAX + 1 - changed, uid, w, fuzzy=score))
            else:
                out.append(_Scored(score, uid, w))
        return out

    def _exact(self, query: Query, scored: list[_Scored], limit: int) -> None:
        """Read the rows of ``scored`` and give same-word units their exact score, and those
        whose numbers alone differ theirs, best bound first, until ``limit`` are known (the
        others, which could not come before them, keep their word-level score)."""
        rows = q_tm.units(self.db, [s.unit_id for s in scored])
        context_of = self._unit_contexts(query, rows) if query.context is not None else {}
        numbered: list[_Scored] = []
        for s in scored:
            s.row = rows.get(s.unit_id, {})
            if not s.row:
                s.score = -1
                continue
            if query.word_codes and s.words == query.word_codes:
                source = s.row["source"]
                if identical(query.text, source):
                    s.score = EXACT
                    if query.context is not None and context_of.get(s.unit_id) == query.context:
                        s.score = CONTEXT
                else:
                    s.score = same_words_score(query.text, source)
            elif s.fuzzy >= 0:  # the same words but for numbers: as such if they substitute
                numbered.append(s)
        if numbered:
            _score_numbered(query.text, numbered, limit)

    def _unit_contexts(
        self, query: Query, rows: dict[int, dict[str, Any]]
    ) -> dict[int, tuple[str, str]]:
        exact = [r for r in rows.values() if identical(query.text, r["source"])]
        segments = [r["segment_id"] for r in exact if r["segment_id"] is not None]
        around = q_tm.neighbours(self.db, segments) if segments else {}
        texts: dict[int, tuple[str | None, str | None]] = {}
        for r in exact:
            if r["segment_id"] is not None and r["segment_id"] in around:
                texts[r["id"]] = around[r["segment_id"]]
            elif r["context_prev"] is not None or r["context_next"] is not None:
                texts[r["id"]] = (r["context_prev"], r["context_next"])
        # a repeated text's units share neighbours: each distinct one is normalised once,
        # all of them together; another tool's tags ({1}) read as the segments' (<1>)
        distinct = list(dict.fromkeys(t or "" for pair in texts.values() for t in pair))
        keys = dict(zip(
            distinct, match_keys([unit_tags_as_tags(t) for t in distinct]), strict=True
        ))
        return {uid: (keys[p or ""], keys[n or ""]) for uid, (p, n) in texts.items()}

    def best(
        self, query: Query, min_score: int, limit: int,
        memories: frozenset[int] | None = None, k: int = CANDIDATES, pool: int | None = None,
    ) -> list[_Scored]:
        """The ``limit`` best-scored units for ``query`` (score ≥ ``min_score``), best first,
        newest first among equals, one per distinct (source, target). ``k`` and ``pool`` size
        the candidate search (see candidates.rank)."""
        rows = self.candidates(
            query, min_score, k, memories, enough=limit if limit == 1 else None, pool=pool
        )
        scored = [s for s in self._rough(query, rows) if s.score >= min_score]
        if not scored:
            return []
        scored.sort(key=lambda s: (-s.score, -s.unit_id))
        same: list[_Scored] = []
        others: list[_Scored] = []
        for s in scored:
            (same if s.score == CONTEXT and s.words == query.word_codes else others).append(s)
        others = _first_distinct(others, 2 * limit + 4)
        chosen = same + others
        self._exact(query, chosen, limit)
        chosen = [s for s in chosen if s.score >= min_score]
        # best first, then newest (change or creation date; a date before the longer dates it
        # begins; none last, as the concordance has it), then the highest unit id
        chosen.sort(key=lambda s: (s.score, _date_key(s.row), s.unit_id), reverse=True)
        out: list[_Scored] = []
        seen: set[tuple[str, str]] = set()
        for s in chosen:
            pair = (s.row["source"].strip(), s.row["target"].strip())
            if pair in seen:
                continue
            seen.add(pair)
            out.append(s)
            if len(out) == limit:
                break
        return out

    def matches(
        self, query: Query, min_score: int, limit: int, memories: frozenset[int] | None = None
    ) -> list[TmMatch]:
        """The best matches for ``query`` with their diffs and number substitutions."""
        return [self.to_match(query, s) for s in self.best(query, min_score, limit, memories)]

    def to_match(self, query: Query, scored: _Scored) -> TmMatch:
        """A match as returned to callers."""
        row = scored.row
        source, target = row["source"], row["target"]
        substituted = None
        if scored.score < EXACT:
            substituted = substituted_target(
                signed_words(query.text), signed_words(source), target
            )
        english = substituted if substituted is not None else target
        insert = with_segment_tags(query.text, source, english)
        return TmMatch(
            score=scored.score,
            source=source,
            target=target,
            origin=origin_of(row),
            memory=row["memory"],
            unit_id=scored.unit_id,
            diff=tuple(word_diff(query.text, source)),
            author=row["changed_by"] or row["created_by"],
            date=row["changed_at"] or row["created_at"],
            segment_id=row["segment_id"],
            document=row["document"],
            position=row["position"],
            substituted=substituted,
            insert=insert if insert != english else None,
        )


@lru_cache(maxsize=16_384)
def _source_words(source: str) -> tuple[str, ...]:
    """A unit source's words as number substitution compares them (a memory's units are the
    candidates of many queries: an analysis reads each once)."""
    return tuple(signed_words(source))


def _score_numbered(query: str, numbered: list[_Scored], limit: int) -> None:
    """The scores of units whose words differ from ``query``'s only in numbers (their score an
    upper bound until now), the highest bound first: as the same words' when their target
    takes the query's numbers, else their word-level score. Once ``limit`` distinct texts are
    known, a unit whose bound is no better than theirs keeps its word-level score."""
    words = signed_words(query)
    scores: dict[tuple[str, str], int | None] = {}  # a memory holds many copies of a text
    known: dict[tuple[str, str], int] = {}
    for s in sorted(numbered, key=lambda s: -s.score):
        pair = (s.row["source"], s.row["target"])
        if len(known) >= limit and pair not in known and s.score <= min(known.values()):
            s.score = s.fuzzy
            continue
        if pair not in scores:
            fits = substituted_target(words, _source_words(pair[0]), pair[1]) is not None
            scores[pair] = same_words_score(query, pair[0]) if fits else None
        found = scores[pair]
        s.score = s.fuzzy if found is None else found
        if found is not None:
            known[pair] = found


def _date_key(row: dict[str, Any]) -> str:
    """A unit's change or creation date as sorted newest first (reversed): a date before the
    longer dates it begins, an undated unit (a TSV's, most other tools' TMX) after all."""
    date = row.get("changed_at") or row.get("created_at")
    return date + _LAST if date else ""


def _spans_between(length: int, numbers: frozenset[int]) -> list[tuple[int, int]]:
    """The stretches of a code string of ``length`` words between the words at ``numbers``:
    a unit as long whose stretches are the query's differs from it only in numbers."""
    out, start = [], 0
    for k in sorted(numbers):
        if k > start:
            out.append((start, k))
        start = k + 1
    if start < length:
        out.append((start, length))
    return out


def _first_distinct(scored: list[_Scored], count: int) -> list[_Scored]:
    """The leading items of ``scored`` up to ``count`` distinct word sequences, every unit of
    each: a memory's copies of one unit do not crowd out the other matches."""
    seen: set[str] = set()
    out: list[_Scored] = []
    for s in scored:
        if s.words not in seen:
            if len(seen) == count:
                break
            seen.add(s.words)
        out.append(s)
    return out


def _nbytes(postings: Postings) -> int:
    """The memory a cached posting list holds."""
    arrays = (postings.ids, postings.lens, postings.pos, postings.form, postings.memory)
    return sum(a.nbytes for a in arrays if a is not None)


def origin_of(row: dict[str, Any]) -> str:
    """Where a unit comes from: its memory's name, or its document and position."""
    if row.get("segment_id") is not None and row.get("document") is not None:
        return f"{row['document']} #{row['position']}"
    return str(row["memory"])
