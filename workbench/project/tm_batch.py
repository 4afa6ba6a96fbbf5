"""Work on whole documents for project leads: pre-translation and the analysis report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.project.catalog import Catalog, Document
from workbench.project.context import ProjectContext
from workbench.project.tm_lookups import Lookups, check_limits
from workbench.project.tm_matcher import Query
from workbench.project.tm_repetitions import match_keys
from workbench.store import changes as q_changes
from workbench.store import documents as q_docs
from workbench.store import versions as q_versions
from workbench.text.nontranslatable import NON_TRANSLATABLE, is_non_translatable
from workbench.text.tags import strip_tags
from workbench.tm.results import Analysis, PretranslateResult, TmMatch, conversion_match
from workbench.tm.score import CONTEXT, band_of
from workbench.tm.tokens import token_strings
from workbench.wording import plural

#: Candidates scored, and units looked up, per segment by the analysis: only the band of the
#: best score matters there (bench/tm.py measures how often it differs from a full lookup's).
ANALYSIS_K = 60
ANALYSIS_POOL = 1500


def _summary(filled: int, converted: int, min_score: int) -> str:
    """The change's summary: how many segments were filled, and how."""
    matches = f"with matches of {min_score}% or more"
    if not converted:
        return f"pre-translated {plural(filled, 'segment')} {matches}"
    without = "without letters (their digits and punctuation converted)"
    if converted == filled:
        return f"pre-translated {plural(filled, 'segment')} {without}"
    return (f"pre-translated {plural(filled, 'segment')}: {filled - converted} {matches}, "
            f"{converted} {without}")


class DocumentWork:
    """Pre-translation and analysis of documents against every memory."""

    def __init__(self, context: ProjectContext, catalog: Catalog, lookups: Lookups) -> None:
        self.context = context
        self.catalog = catalog
        self.lookups = lookups

    @property
    def db(self) -> Any:
        return self.context.db

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
        queries = self.lookups.queries(
            [rows[i]["source"] for i in picked], [contexts[i] for i in picked],
            [rows[i]["id"] for i in picked],
        )
        return [rows[i] for i in picked], queries

    def pretranslate(self, doc: str | None = None, min_score: int = 100) -> PretranslateResult:
        """Fill the empty, unlocked segments (of one document, or all) with their best match
        at or above ``min_score`` (one without letters, with no exact match, with its digits
        and punctuation converted: :func:`conversion_match`), as drafts with the origin
        recorded (history action ``pretranslate`` and a note). One transaction; each
        document's fills are one change group, undone at once (``undo_change``). A joined
        segment (its English held by another segment of its link) is not empty."""
        check_limits(min_score, 1)
        documents = self._documents(doc)
        result = PretranslateResult([d.name for d in documents], min_score)
        with self.context.transaction():
            for document in documents:
                with self.context.change_group(document.id, "pretranslate") as group_id:
                    before = result.by_band.get(NON_TRANSLATABLE, 0)
                    filled = self._pretranslate_document(document, min_score, result)
                    if filled:
                        q_changes.set_summary(self.db, group_id, _summary(
                            filled, result.by_band.get(NON_TRANSLATABLE, 0) - before, min_score
                        ))
                        result.changes.append(group_id)
        return result

    def _pretranslate_document(
        self, document: Document, min_score: int, result: PretranslateResult
    ) -> int:
        """Fill one document's empty, unlocked segments (not joined ones); how many were
        filled."""
        joined = q_versions.joined_segments(self.db, document.id)
        rows, queries = self._document_queries(
            document, lambda r: (
                not r["locked"] and not (r["target"] or "").strip() and r["id"] not in joined
            ),
        )
        result.empty += len(rows)
        filled = 0
        for row, query in zip(rows, queries, strict=True):
            match = self._best(row["source"], query, min_score)
            if match is None:
                continue
            self.lookups.fill(row["id"], match, "pretranslate")
            filled += 1
            result.segments.append(row["id"])
            band = NON_TRANSLATABLE if match.non_translatable else band_of(match.score)
            result.by_band[band] = result.by_band.get(band, 0) + 1
        result.filled += filled
        return filled

    def _best(self, source: str, query: Query, min_score: int) -> TmMatch | None:
        """What pre-translation puts into a segment: its best match at or above
        ``min_score``; for a segment without letters, a memory's exact or context match,
        else its digits and punctuation converted, whatever ``min_score``."""
        own = conversion_match(source)
        lowest = min_score if own is None else max(min_score, 100)
        best = self.lookups.matcher.best(query, lowest, 1)
        if best:
            return self.lookups.matcher.to_match(query, best[0])
        return own

    def analyze(self, doc: str | None = None) -> Analysis:
        """Put every segment (of one document, or all) in one band, in memoQ's precedence:
        101, repetitions (its normalised source occurred earlier in the document, or in an
        earlier document of those analysed together: the cross-file repetitions memoQ and
        Trados count), 100, 95-99, 85-94, 75-84, 50-74, no-match; a segment without letters
        (numbers, dates, separators) before all of them, in non-translatable; with its words
        and characters."""
        documents = self._documents(doc)
        analysis = Analysis([d.name for d in documents])
        seen: set[str] = set()
        for document in documents:
            rows, queries = self._document_queries(document)
            sources = [r["source"] for r in rows]
            _, word_counts = token_strings(sources)
            for row, query, key, words in zip(
                rows, queries, match_keys(sources), word_counts.tolist(), strict=True
            ):
                band = self._band(row["source"], query, bool(key) and key in seen)
                seen.add(key)
                characters = len("".join(strip_tags(row["source"]).split()))  # tags are none
                analysis.bands[band].add(int(words), characters)
                analysis.by_segment[row["id"]] = band
        return analysis

    def _band(self, source: str, query: Query, repeated: bool) -> str:
        """The analysis band of one segment (``repeated``: its source occurred before)."""
        if is_non_translatable(source):  # nothing to translate, repeated or matched
            return NON_TRANSLATABLE
        # a repetition needs only to know whether it is a 101% match (found by hash)
        lowest = CONTEXT if repeated else 50
        best = self.lookups.matcher.best(query, lowest, 1, k=ANALYSIS_K, pool=ANALYSIS_POOL)
        score = best[0].score if best else None
        if score is not None and score > 100:
            return "101"
        return "repetitions" if repeated else band_of(score)
