"""QA checking of the Project service: glossary enforcement, the other checks, and overrides."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench.errors import WorkbenchError
from workbench.glossary.checks import REGISTRY, DocumentCheck
from workbench.glossary.enforce import TermReport
from workbench.glossary.findings import Finding
from workbench.glossary.matcher import TermMatcher
from workbench.glossary.qa import run_checks, run_document
from workbench.project.base import Document, ProjectBase
from workbench.store import checks as q_checks
from workbench.store import documents as q_docs
from workbench.store import versions as q_versions

if TYPE_CHECKING:
    from workbench.glossary.model import Glossary
    from workbench.project.editing import Segment


@dataclass(frozen=True)
class Override:
    """A reviewer's acceptance of a finding, valid while the text it was made on is unchanged."""

    id: int
    segment_id: int
    check: str
    term: str | None
    reason: str
    author: str
    at: str
    target_text: str

    def covers(self, finding: Finding) -> bool:
        """True when this override accepts ``finding`` (no term = every finding of the check)."""
        return finding.check == self.check and (self.term is None or self.term == finding.term)


@dataclass
class SegmentCheck:
    """The findings of one segment: the open ones and those accepted by an override."""

    segment_id: int
    position: int
    source: str
    target: str
    findings: list[Finding] = field(default_factory=list)
    overridden: list[tuple[Finding, Override]] = field(default_factory=list)


@dataclass
class CheckReport:
    """A checked document version: per-segment results and the glossary figures."""

    document: str
    version: str
    segments: list[SegmentCheck]
    terms: TermReport


def _override(row: dict[str, Any]) -> Override:
    return Override(
        row["id"], row["segment_id"], row["check_id"], row["term"], row["reason"],
        row["author"], row["at"], row["target_text"],
    )


def _split(
    findings: list[Finding], overrides: list[Override]
) -> tuple[list[Finding], list[tuple[Finding, Override]]]:
    open_: list[Finding] = []
    accepted: list[tuple[Finding, Override]] = []
    for finding in findings:
        cover = next((o for o in overrides if o.covers(finding)), None)
        if cover is None:
            open_.append(finding)
        else:
            accepted.append((finding, cover))
    return open_, accepted


class CheckingMixin(ProjectBase):
    """Glossary and QA checks on segments and documents, and reviewers' overrides."""

    if TYPE_CHECKING:

        def glossary(self) -> Glossary: ...

        def segment(self, segment_id: int) -> Segment: ...

    _matcher_cache: tuple[tuple[Any, ...], TermMatcher] | None = None

    def matcher(self) -> TermMatcher:
        """The term matcher of the project glossary (rebuilt only when the glossary changed)."""
        glossary = self.glossary()
        key = tuple((e.term, e.rendering, e.forbidden) for e in glossary.entries)
        cached = self._matcher_cache
        if cached is None or cached[0] != key:
            cached = (key, TermMatcher(glossary))
            self._matcher_cache = cached
        return cached[1]

    def check_text(self, source: str, target: str) -> list[Finding]:
        """All segment checks on a source/target pair, with the project glossary."""
        return run_checks(source, target, matcher=self.matcher())

    def _texts(self, document: Document, version: str) -> tuple[int | None, dict[int, str]]:
        if version == "working":
            vid = self.working_id(document)
        else:
            vid = self.version_id(document, version)
        return vid, (q_versions.translations(self.db, vid) if vid is not None else {})

    def _overrides(self, vid: int | None) -> dict[int, list[Override]]:
        out: dict[int, list[Override]] = {}
        if vid is None:
            return out
        for row in q_checks.overrides(self.db, vid):
            if row["current_text"] == row["target_text"]:  # stale ones no longer hold
                out.setdefault(row["segment_id"], []).append(_override(row))
        return out

    def check_segment(self, segment_id: int, version: str = "working") -> list[Finding]:
        """The open findings of one segment (findings accepted by an override left out)."""
        seg = self.segment(segment_id)
        document = self.document_by_id(seg.document_id)
        vid, texts = self._texts(document, version)
        target = texts.get(segment_id, "")
        findings = run_checks(seg.source, target, matcher=self.matcher())
        return _split(findings, self._overrides(vid).get(segment_id, []))[0]

    def check_report(
        self,
        doc: str | None = None,
        version: str = "working",
        *,
        skip: Collection[str] = (),
        matcher: TermMatcher | None = None,
        jobs: int = 1,
    ) -> CheckReport:
        """Check every segment of a document version, the cross-segment checks included.

        ``matcher`` replaces the project glossary's (e.g. a glossary file given on the CLI);
        ``jobs`` > 1 checks in that many forked processes (see ``qa.run_document``).
        """
        document = self.document(doc)
        vid, texts = self._texts(document, version)
        rows = q_docs.segments_page(self.db, document.id, None, 0, max(document.segments, 1))
        pairs = [(r["source"], texts.get(r["id"], "")) for r in rows]
        result = run_document(pairs, matcher=matcher or self.matcher(), skip=skip, jobs=jobs)
        overrides = self._overrides(vid)
        segments: list[SegmentCheck] = []
        for row, (source, target), findings in zip(rows, pairs, result.findings, strict=True):
            open_, accepted = _split(findings, overrides.get(row["id"], []))
            segments.append(
                SegmentCheck(row["id"], row["position"], source, target, open_, accepted)
            )
        return CheckReport(document.name, version, segments, result.terms)

    def check_document(
        self, doc: str | None = None, version: str = "working"
    ) -> list[SegmentCheck]:
        """Per-segment check results of a document version (overridden findings marked)."""
        return self.check_report(doc, version).segments

    def add_override(
        self,
        segment_id: int,
        check: str,
        term: str | None,
        reason: str,
        version: str = "working",
    ) -> Override:
        """Accept a finding of a segment with a reason; it holds until the text changes."""
        if check not in REGISTRY:
            raise WorkbenchError(f"unknown check {check!r} (checks: {', '.join(sorted(REGISTRY))})")
        reason = reason.strip()
        if not reason:
            raise WorkbenchError(f"segment {segment_id}: an override needs a reason")
        with self.transaction():
            seg = self.segment(segment_id)
            document = self.document_by_id(seg.document_id)
            vid, texts = self._texts(document, version)
            if vid is None or segment_id not in texts:
                raise WorkbenchError(f"segment {segment_id} has no {version} translation to accept")
            target = texts[segment_id]
            if issubclass(REGISTRY[check], DocumentCheck):
                findings = self._document_findings(document, version, segment_id)
            else:
                findings = run_checks(seg.source, target, matcher=self.matcher())
            if not any(f.check == check and (term is None or f.term == term) for f in findings):
                what = f" for {term!r}" if term else ""
                raise WorkbenchError(
                    f"segment {segment_id} has no {check!r} finding{what} to accept"
                )
            oid = q_checks.add_override(
                self.db, segment_id, vid, check, term, reason, self.author, target
            )
        rows = q_checks.segment_overrides(self.db, segment_id, vid)
        return _override(next(r for r in rows if r["id"] == oid))

    def _document_findings(
        self, document: Document, version: str, segment_id: int
    ) -> list[Finding]:
        report = self.check_report(document.name, version)
        for seg in report.segments:
            if seg.segment_id == segment_id:
                return seg.findings + [f for f, _ in seg.overridden]
        return []

    def overrides(self, doc: str | None = None, version: str = "working") -> list[Override]:
        """The overrides in force for a document version."""
        document = self.document(doc)
        vid, _ = self._texts(document, version)
        return [o for items in self._overrides(vid).values() for o in items]
