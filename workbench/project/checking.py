"""QA checking of the Project service: glossary enforcement, the other checks, and overrides."""

from __future__ import annotations

from collections.abc import Collection, Generator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench.errors import WorkbenchError
from workbench.formats.xmlout import typed
from workbench.glossary.checks import REGISTRY, DocumentCheck
from workbench.glossary.enforce import TermReport
from workbench.glossary.findings import Finding
from workbench.glossary.matcher import TermMatcher, term_key
from workbench.glossary.qa import (
    PairCache,
    PlainTerm,
    default_jobs,
    document_chars,
    in_document,
    iter_document_terms,
    needs_document,
    run_checks,
    run_document,
)
from workbench.project.catalog import Catalog, Document
from workbench.project.context import ProjectContext, Row
from workbench.project.groups import group_source, group_text, link_groups
from workbench.project.reading import Reader
from workbench.project.spelling import Spelling
from workbench.project.terms import Terms
from workbench.store import checks as q_checks
from workbench.store import exchange as q_exchange
from workbench.store import versions as q_versions

if TYPE_CHECKING:
    from workbench.spelling import SpellChecker

#: Checks the QA policy does not run: their findings are never errors, so they cannot refuse a
#: confirmation (spelling: warnings; unpaired-quotes: warnings, which would read the document).
GATE_SKIP = ("spelling", "unpaired-quotes")


def override_reason(text: str) -> str:
    """An override's reason as stored: one line, without the control characters (ESC, BEL...)
    that a report would carry to a terminal or a page, as an LQA comment is stored."""
    return " ".join(typed(text).split())


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
        """True when this override accepts ``finding`` (no term = every finding of the check;
        a term spelt otherwise since, by a glossary imported again, is the same term)."""
        return finding.check == self.check and (
            self.term is None or self.term == finding.term
            or (finding.term is not None and term_key(self.term) == term_key(finding.term))
        )


@dataclass
class SegmentCheck:
    """The findings of one segment: the open ones and those accepted by an override.

    ``unit``: the ids of the segments checked with it as one unit (its alignment link, in
    document order; empty when checked alone), each of which carries the unit's findings."""

    segment_id: int
    position: int
    source: str
    target: str
    findings: list[Finding] = field(default_factory=list)
    overridden: list[tuple[Finding, Override]] = field(default_factory=list)
    unit: tuple[int, ...] = ()


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
    if not overrides or not findings:
        return findings, []
    open_: list[Finding] = []
    accepted: list[tuple[Finding, Override]] = []
    for finding in findings:
        cover = next((o for o in overrides if o.covers(finding)), None)
        if cover is None:
            open_.append(finding)
        else:
            accepted.append((finding, cover))
    return open_, accepted


class Checking:
    """Glossary and QA checks on segments and documents, and reviewers' overrides."""

    def __init__(
        self,
        context: ProjectContext,
        catalog: Catalog,
        reader: Reader,
        terms: Terms,
        spelling: Spelling | None = None,
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.reader = reader
        self.terms = terms
        self.spelling = spelling
        self.pair_cache: PairCache | None = None
        """Set (the TUI's second connection): :meth:`check_report` keeps the pair checks'
        results in it between runs and checks only the pairs it has not seen (see
        ``qa.PairCache``)."""

    def _speller(
        self, skip: Collection[str] = (), matcher: TermMatcher | None = None,
        stamp: int | None = None,
    ) -> SpellChecker | None:
        """The project's spell checker for the ``spelling`` check (None when it is skipped or
        switched off); the renderings of ``matcher``'s glossary are known words too.
        ``stamp``: the project's QA stamp as read before (None: read now)."""
        if self.spelling is None or not self.spelling.enabled or "spelling" in skip:
            return None
        from workbench.spelling import glossary_english

        extra = glossary_english(matcher.glossary.entries) if matcher is not None else []
        return self.spelling.checker(extra, stamp)

    def check_text(self, source: str, target: str) -> list[Finding]:
        """All segment checks on a source/target pair, with the project glossary and words."""
        stamp = self.terms.stamp()
        return run_checks(
            source, target, matcher=self.terms.matcher(stamp), speller=self._speller(stamp=stamp)
        )

    def _texts(self, document: Document, version: str) -> tuple[int | None, dict[int, str]]:
        vid = self.catalog.resolve_version(document, version).id
        return vid, (q_versions.translations(self.context.db, vid) if vid is not None else {})

    def _overrides(
        self, vid: int | None, segment_ids: list[int] | None = None,
        texts: dict[int, str] | None = None,
    ) -> dict[int, list[Override]]:
        """The overrides in force in version ``vid`` (of ``segment_ids``) per segment: those
        made on the segment's English, its stored one or the one ``texts`` gives it."""
        out: dict[int, list[Override]] = {}
        if vid is None:
            return out
        for row in q_checks.overrides(self.context.db, vid, segment_ids):
            text = row["current_text"] if texts is None else texts.get(
                row["segment_id"], row["current_text"])
            if text == row["target_text"]:  # those of other texts do not hold
                out.setdefault(row["segment_id"], []).append(_override(row))
        return out

    def check_segment(
        self, segment_id: int, version: str = "working", text: str | None = None
    ) -> list[Finding]:
        """The open findings of one segment (findings accepted by an override left out).

        A segment that shares an alignment link with others is checked as one unit with them
        (their Arabic joined, their English joined once). ``text``: check this English for the
        segment instead of the stored one (a candidate about to be confirmed).
        """
        seg = self.reader.segment(segment_id)
        if version == "working":  # the segment was read with its working English
            vid = self.catalog.working_id(self.catalog.document_by_id(seg.document_id))
            return self.open_unit_findings(seg.id, seg.source, vid, text, stored=seg.target)
        vid = self.catalog.resolve_version(
            self.catalog.document_by_id(seg.document_id), version
        ).id
        return self.open_unit_findings(seg.id, seg.source, vid, text)

    def open_unit_findings(
        self, segment_id: int, source: str, vid: int | None, text: str | None = None, *,
        stored: str | None = None, linked: bool = True, stamp: int | None = None,
        errors_only: bool = False, own_overrides: bool = True,
    ) -> list[Finding]:
        """The open findings of a segment in version ``vid`` (of ``text`` when given, else of
        its stored English), checked with its link unit: what :meth:`check_segment` gives,
        for a caller that has read the segment already (``source``; ``stored``: its English in
        ``vid``, read again when None; ``linked`` False: it shares no link in ``vid``;
        ``stamp``: the project's QA stamp as read before, None: read now). ``errors_only``:
        the error findings alone, which the QA policy refuses on (the checks of
        :data:`GATE_SKIP`, whose findings are warnings, are not run: the spelling dictionary
        takes 0.5–2 s to load, unpaired-quotes may read the whole document).
        ``own_overrides`` False: the segment's own accepted findings are open too (what a
        text replacing its English would find, but for overrides made on that text); with
        ``text``, the segment's overrides made on ``text`` hold."""
        group, findings, changed = self._unit_findings(
            source, segment_id, vid, text, stored=stored, linked=linked, stamp=stamp,
            skip=GATE_SKIP if errors_only else (),
        )
        if errors_only:
            findings = [f for f in findings if f.severity == "error"]
        if not findings or (not own_overrides and group == [segment_id]):
            return findings  # nothing to accept, or only the segment's own overrides
        overrides = self._overrides(vid, group, {segment_id: text} if changed else None)
        accepted = [
            o for sid in group if own_overrides or sid != segment_id
            for o in overrides.get(sid, [])
        ]
        return _split(findings, accepted)[0]

    def _unit_findings(
        self, source: str, segment_id: int, vid: int | None, text: str | None = None, *,
        stored: str | None = None, linked: bool = True, stamp: int | None = None,
        skip: Collection[str] = (),
    ) -> tuple[list[int], list[Finding], bool]:
        """The segment checks of a segment's link unit in version ``vid``: the unit's segment
        ids, every finding, and whether ``text`` replaced the segment's stored English
        (``stored``, ``linked``: as in :meth:`open_unit_findings`; ``skip``: checks not run)."""
        db = self.context.db
        stamp = self.terms.stamp() if stamp is None else stamp
        group = (
            q_versions.link_group(db, vid, segment_id) if vid is not None and linked
            else [segment_id]
        )
        sources = {segment_id: source}
        texts: dict[int, str] = {}
        for sid in group:
            if sid not in sources:
                sources[sid] = self.reader.segment(sid).source
            if sid == segment_id and stored is not None:
                texts[sid] = stored
                continue
            got = q_versions.translation(db, vid, sid) if vid is not None else None
            texts[sid] = got or ""
        changed = text is not None and text != texts[segment_id]
        if text is not None:
            texts[segment_id] = text
        pair = (
            group_source(sources[sid] for sid in group), group_text(texts[sid] for sid in group)
        )
        findings = run_checks(
            *pair, matcher=self.terms.matcher(stamp), speller=self._speller(skip, stamp=stamp),
            skip=skip,
        )
        if needs_document(*pair, skip):
            findings = self._in_document(findings, segment_id, vid, pair, skip)
        return group, findings, changed

    def _in_document(
        self, findings: list[Finding], segment_id: int, vid: int | None,
        pair: tuple[str, str], skip: Collection[str],
    ) -> list[Finding]:
        """``findings`` of a segment's unit (``pair``, checked alone) as :meth:`check_report`
        finds them: those of the checks that look at the pairs around it found among the
        document's units (version ``vid``), the unit as ``pair`` has it. Only the units that
        can play a part are read (those holding a quotation mark, say: the others change
        nothing, and a long document's read took 0.5 s of CPU a check at 30,000 segments)."""
        document_id = self.reader.segment(segment_id).document_id
        chars = document_chars(*pair, skip)
        rows = q_exchange.export_rows(self.context.db, document_id, vid,
                                      holding=None if chars is None else (chars, segment_id))
        units = list(link_groups(rows))
        index = next(
            (i for i, unit in enumerate(units) if any(r["id"] == segment_id for r in unit)), None
        )
        if index is None:
            return findings
        pairs = [
            (group_source(r["source"] for r in unit), group_text(r["text"] for r in unit))
            for unit in units
        ]
        pairs[index] = pair
        return in_document(
            findings, pairs, index, skip=skip, lines=[unit[0]["position"] for unit in units]
        )

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

        Segments of one alignment link are checked as one unit and each of them carries the
        unit's findings. ``matcher`` replaces the project glossary's (e.g. a glossary file
        given on the CLI); ``jobs`` > 1 checks in that many forked processes (see
        ``qa.run_document``), 0 as many as ``qa.default_jobs`` finds worth it for the
        document's distinct pairs. With :attr:`pair_cache` set, the pairs checked before
        (with the same glossary and words) are not checked again, in this process.
        """
        document = self.catalog.document(doc)
        vid = self.catalog.resolve_version(document, version).id
        units = list(link_groups(q_exchange.export_rows(self.context.db, document.id, vid)))
        pairs = [
            (group_source(r["source"] for r in unit), group_text(r["text"] for r in unit))
            for unit in units
        ]
        result = run_document(
            pairs, matcher=matcher or self.terms.matcher(), skip=skip,
            jobs=jobs if jobs > 0 else default_jobs(len(set(pairs))),
            speller=self._speller(skip, matcher), lines=[unit[0]["position"] for unit in units],
            cache=self.pair_cache,
        )
        overrides = self._overrides(vid)
        segments: list[SegmentCheck] = []
        for unit, findings in zip(units, result.findings, strict=True):
            accepted = [o for row in unit for o in overrides.get(row["id"], [])]
            open_, overridden = _split(findings, accepted)
            ids = tuple(row["id"] for row in unit) if len(unit) > 1 else ()
            for row in unit:
                segments.append(SegmentCheck(
                    row["id"], row["position"], row["source"], row["text"] or "",
                    list(open_), list(overridden), ids,
                ))
        return CheckReport(document.name, version, segments, result.terms)

    def stream_findings(
        self, doc: str | None = None, version: str = "working", *, jobs: int = 1,
        rows: Sequence[Row] | None = None,
    ) -> Generator[tuple[list[int], list[Finding], list[PlainTerm]], None, None]:
        """The open findings of ``check_report`` (every check, overrides applied), link unit
        by link unit in document order as the checks finish: (segment ids, findings, the
        glossary terms of the unit's source as the checks found them). With ``jobs`` (as in
        ``check_report``) the caller works on the first units while forked processes check
        the next; close the iterator if it is left before its end. ``rows``: every segment
        of the version as ``store.exchange.export_rows`` gives them, when the caller has read
        them already (an export)."""
        document = self.catalog.document(doc)
        vid = self.catalog.resolve_version(document, version).id
        if rows is None:
            rows = list(q_exchange.export_rows(self.context.db, document.id, vid))
        units = list(link_groups(rows))
        pairs = [
            (group_source(r["source"] for r in unit), group_text(r["text"] for r in unit))
            for unit in units
        ]
        overrides = self._overrides(vid)
        stream = iter_document_terms(
            pairs, matcher=self.terms.matcher(), speller=self._speller(),
            jobs=jobs if jobs > 0 else default_jobs(len(set(pairs))),
            lines=[unit[0]["position"] for unit in units],
        )
        try:
            for unit, (findings, terms) in zip(units, stream, strict=True):
                accepted = [o for row in unit for o in overrides.get(row["id"], [])]
                yield [row["id"] for row in unit], _split(findings, accepted)[0], terms
        finally:
            stream.close()

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
    ) -> list[Override]:
        """Accept a finding of a segment with a reason; it holds until the text changes.
        Without ``term``, every current finding of the check is accepted, each for its own
        term (a finding of another term, after a glossary change, is not); ``term`` in any
        spelling the matcher takes as the glossary's (diacritics, tatweel, the article)."""
        if check not in REGISTRY:
            raise WorkbenchError(f"unknown check {check!r} (checks: {', '.join(sorted(REGISTRY))})")
        reason = override_reason(reason)
        if not reason:
            raise WorkbenchError(f"segment {segment_id}: an override needs a reason")
        with self.context.transaction():
            seg = self.reader.segment(segment_id)
            document = self.catalog.document_by_id(seg.document_id)
            vid = self.catalog.resolve_version(document, version).id
            target = (
                q_versions.translation(self.context.db, vid, segment_id) if vid is not None
                else None
            )
            if vid is None or target is None:
                holder = (q_versions.joined_segments(self.context.db, document.id).get(segment_id)
                          if version == "working" else None)
                if holder is not None:  # the second sentence of a 2-1 link
                    raise WorkbenchError(
                        f"segment {segment_id} is joined to segment {holder}, which holds their "
                        f"English and their findings: accept them on segment {holder}")
                raise WorkbenchError(f"segment {segment_id} has no {version} translation to accept")
            if issubclass(REGISTRY[check], DocumentCheck):
                findings = self._document_findings(document, version, segment_id)
            else:
                findings = self._unit_findings(seg.source, segment_id, vid)[1]
            wanted = None if term is None else term_key(term)  # عرض finds عَرَض's findings
            terms = dict.fromkeys(
                f.term for f in findings if f.check == check
                and (wanted is None or (f.term is not None and term_key(f.term) == wanted))
            )
            if not terms:
                if term is not None and any(f.check == check and f.term is None
                                            for f in findings):
                    raise WorkbenchError(  # spelling, tags...: findings of no term
                        f"segment {segment_id}: its {check!r} findings name no term; accept "
                        "them without --term (all of them at once)")
                what = f" for {term!r}" if term else ""
                others = dict.fromkeys(f.term for f in findings if f.check == check and f.term)
                listed = f" (its findings are for {', '.join(others)})" if others else ""
                raise WorkbenchError(
                    f"segment {segment_id} has no {check!r} finding{what} to accept{listed}"
                )
            ids = {q_checks.add_override(self.context.db, segment_id, vid, check, t, reason,
                                         self.context.author, target) for t in terms}
        rows = q_checks.segment_overrides(self.context.db, segment_id, vid)
        return [_override(r) for r in rows if r["id"] in ids]

    def accept_findings(
        self, segment_id: int, vid: int, target: str, findings: list[Finding], reason: str
    ) -> None:
        """Inside the caller's write transaction: accept ``findings``, just found by the
        segment checks on ``target`` (the segment's English in version ``vid``), with
        ``reason`` (what ``add_override`` does for each, without checking again)."""
        reason = override_reason(reason)
        for check, term in dict.fromkeys((f.check, f.term) for f in findings):
            q_checks.add_override(
                self.context.db, segment_id, vid, check, term, reason, self.context.author, target
            )

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
        document = self.catalog.document(doc)
        vid, _ = self._texts(document, version)
        return [o for items in self._overrides(vid).values() for o in items]
