"""Scoring project versions against reference versions through the stored alignment."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Any

from workbench.errors import NotFoundError, ProjectError, WorkbenchError
from workbench.project.catalog import Catalog, Document, qualify
from workbench.project.context import ProjectContext
from workbench.project.terms import Terms
from workbench.scoring.metrics import METRICS
from workbench.scoring.report import ScoreReport, system_dict
from workbench.scoring.units import Link, SegmentRow, Unit, build_units
from workbench.store import scores as q_scores
from workbench.store import versions as q_versions
from workbench.store.db import is_database_failure, project_error


def draft_name(name: str) -> str:
    """A version name as given to ``--draft``: 'working', 'draft:NAME', 'reference:NAME' or a
    bare NAME (a draft)."""
    return qualify(name, "draft")


def reference_name(name: str) -> str:
    """A version name as given to ``--ref``: 'reference:NAME' or a bare NAME."""
    return qualify(name, "reference")


class Scoring:
    """Scores of a document's drafts against its references, stored as runs."""

    def __init__(self, context: ProjectContext, catalog: Catalog, terms: Terms) -> None:
        self.context = context
        self.catalog = catalog
        self.terms = terms

    def _reference_names(
        self, doc: Document, refs: Sequence[str] | None, drafts: Sequence[str]
    ) -> list[str]:
        """The references named (default: every reference version but the ``drafts``
        scored: a version scored against itself would score 100)."""
        if refs:
            names = list(dict.fromkeys(reference_name(r) for r in refs))
            for name in names:
                self.catalog.version_id(doc, name)
                if name in drafts:
                    raise WorkbenchError(
                        f"{name} is both scored and a reference: against itself it scores "
                        "100 (give other --ref versions)"
                    )
            return names
        versions = q_versions.versions(self.context.db, doc.id)
        names = [v["name"] for v in versions if v["kind"] == "reference"]
        others = [name for name in names if name not in drafts]
        if not others:
            scored = f" other than {', '.join(names)}" if names else ""
            raise NotFoundError(
                f"document {doc.name!r} has no reference translation{scored} to score against "
                "(import one with: workbench import-translation FILE --doc "
                f"{shlex.quote(doc.name)} --as reference)"
            )
        return others

    def _version_texts(
        self, doc: Document, names: Sequence[str]
    ) -> tuple[dict[str, list[Link]], dict[str, dict[int, str]], list[list[int]]]:
        """Each version's links (stored as sentences) or texts by segment, and the segment
        groups the working translation's links join (its English on the first of them)."""
        linked: dict[str, list[Link]] = {}
        per_segment: dict[str, dict[int, str]] = {}
        joined: list[list[int]] = []
        for name in names:
            if name == "working":
                wid = self.catalog.working_id(doc)
                per_segment[name] = q_versions.translations(self.context.db, wid) if wid else {}
                if wid:
                    joined = [
                        r["segments"] for r in q_versions.links(self.context.db, wid)
                        if len(r["segments"]) > 1
                    ]
                continue
            vid = self.catalog.version_id(doc, name)
            if q_scores.link_count(self.context.db, vid):
                linked[name] = [
                    Link(tuple(r["segments"]), tuple(r["sentences"]))
                    for r in q_versions.links(self.context.db, vid)
                ]
            else:
                per_segment[name] = q_versions.translations(self.context.db, vid)
        return linked, per_segment, joined

    def scoring_units(
        self, doc: str | None = None, drafts: Sequence[str] = ("working",),
        refs: Sequence[str] | None = None,
    ) -> tuple[list[Unit], list[str], list[str]]:
        """The units a score would use, the draft names and the reference names. A unit no
        reference translates is left out (a reference of part of the document scores the
        drafts on that part, not their other segments against empty English); a unit the
        references translate and a draft leaves empty is scored, as an empty line."""
        document = self.catalog.document(doc)
        draft_names = list(dict.fromkeys(draft_name(d) for d in drafts)) or ["working"]
        for name in draft_names:
            if name != "working":
                self.catalog.version_id(document, name)
        ref_names = self._reference_names(document, refs, draft_names)
        linked, per_segment, joined = self._version_texts(
            document, list(dict.fromkeys([*ref_names, *draft_names]))
        )
        rows = q_scores.scoring_segments(self.context.db, document.id)
        segments = [SegmentRow(*row) for row in rows]
        units = [
            u for u in build_units(segments, linked, per_segment, joined)
            if any(u.texts.get(n) for n in ref_names)
        ]
        if not units:
            raise WorkbenchError(
                f"document {document.name!r}: nothing to score (no reference English)"
            )
        return units, draft_names, ref_names

    def score(
        self,
        doc: str | None = None,
        drafts: Sequence[str] = ("working",),
        refs: Sequence[str] | None = None,
        *,
        chrf_word_order: int = 2,
        confidence: int = 0,
        paired: str | None = None,
        baseline: str | None = None,
        n_samples: int = 0,
        terms: bool = True,
        store: bool = True,
        tokenize: str = "13a",
        lowercase: bool = False,
    ) -> ScoreReport:
        """Score drafts ('working', 'draft:NAME') of a document against its references.

        Scores are computed per scoring unit (see ``workbench.scoring.units``: a reference
        sentence linked to two segments counts once). ``confidence``: bootstrap resamples
        for 95% intervals (0: none). ``paired``: 'bs' or 'ar' to test every draft against
        ``baseline`` (default: the first draft). ``terms``: terminology accuracy with the
        project glossary. ``tokenize``, ``lowercase``: BLEU's (sacrebleu's options of those
        names). With ``store``, each draft's run and per-segment scores are saved;
        a save that fails (the project busy past the wait, the disk full) leaves the scores
        computed, saying why in the report's ``not_recorded``.
        """
        document = self.catalog.document(doc)
        units, draft_names, ref_names = self.scoring_units(doc, drafts, refs)
        if baseline is not None:
            base = draft_name(baseline)
            if base not in draft_names:
                raise NotFoundError(f"baseline {baseline!r} is not among the drafts scored")
            draft_names.remove(base)
            draft_names.insert(0, base)
        from workbench.scoring.run import ScoreOptions, SegmentOrigin, score_systems

        report = score_systems(
            [(name, [u.texts.get(name, "") for u in units]) for name in draft_names],
            _reference_streams(units, ref_names),
            ref_names,
            ScoreOptions(chrf_word_order, confidence, paired, n_samples, tokenize, lowercase),
            lines=[u.positions[0] for u in units],
            sources=[u.source for u in units],
            matcher=self._term_matcher() if terms else None,
            origins=[SegmentOrigin(tuple(u.segment_ids), tuple(u.positions)) for u in units],
        )
        if store:
            try:
                self._store_runs(document, report)
            except Exception as exc:
                if isinstance(exc, ProjectError):
                    report.not_recorded = str(exc)
                elif is_database_failure(exc):
                    report.not_recorded = str(project_error(exc, self.context.db.location))
                else:
                    raise
        return report

    def _term_matcher(self) -> Any:
        return self.terms.matcher() if len(self.terms.glossary()) else None

    def _store_runs(self, document: Document, report: ScoreReport) -> None:
        with self.context.transaction():
            for system in report.systems:
                vid = self.catalog.version_id(document, system.name, create_working=True)
                results = system_dict(system, limit=0)
                del results["segments"]
                results["units"] = len(system.segments)
                if report.test:
                    results["test"] = report.test
                    results["baseline"] = report.baseline.name
                run_id = q_scores.add_run(self.context.db, vid, report.refs, results)
                q_scores.add_segment_scores(
                    self.context.db, run_id,
                    (
                        (sid, seg.bleu, seg.chrf, seg.ter)
                        for seg in system.segments for sid in seg.segment_ids
                    ),
                )
                report.extra[system.name] = {"run_id": run_id}

    def score_history(self, doc: str | None = None) -> list[dict[str, Any]]:
        """Every stored scoring run of a document: id, version, refs, at, and the results
        (bleu/chrf/ter with score and signature, terms, units), oldest first."""
        return q_scores.runs(self.context.db, self.catalog.document(doc).id)

    def segment_scores(
        self, doc: str | None = None, version: str = "working"
    ) -> dict[int, dict[str, float | None]]:
        """The latest run's per-segment bleu/chrf/ter of a version, by segment id ({} if never
        scored). Segments of one scoring unit share its scores."""
        vid = self.catalog.resolve_version(doc, version).id
        if vid is None:
            return {}
        run = q_scores.latest_run(self.context.db, vid)
        return {} if run is None else q_scores.segment_scores(self.context.db, run["id"])

    def last_score(self, doc: str | None = None, version: str = "working") -> dict[str, Any] | None:
        """The latest stored run of a version (as in ``score_history``), or None."""
        vid = self.catalog.resolve_version(doc, version).id
        return None if vid is None else q_scores.latest_run(self.context.db, vid)


def _reference_streams(units: Sequence[Unit], ref_names: Sequence[str]) -> list[list[str | None]]:
    """One reference stream per reference version. Where only some references have English
    for a unit, the others are None (sacrebleu's variable number of references)."""
    streams: list[list[str | None]] = [[] for _ in ref_names]
    for unit in units:
        texts = [unit.texts.get(n, "") for n in ref_names]
        present = any(texts)
        for stream, text in zip(streams, texts, strict=True):
            stream.append(text if text or not present else None)
    return streams


__all__ = ["METRICS", "Scoring", "draft_name", "reference_name"]
