"""A document's QA run: repetitions checked once, and the streamed run (in forked processes too)
giving what the whole run gives."""

from __future__ import annotations

import multiprocessing

from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import Entry, Glossary
from workbench.glossary.qa import (
    iter_document_terms,
    plain_terms,
    run_checks,
    run_document,
)
from workbench.project import Project

MATCHER = TermMatcher(Glossary([Entry("انتفاضة", "insurrection", "", ("uprising",))]))


def _pairs(count: int) -> list[tuple[str, str]]:
    return [
        (f"وقعت الانتفاضة في {1900 + i}.", f"The uprising happened in {1901 + i}")
        for i in range(count)
    ]


def test_a_repeated_pair_has_the_findings_and_term_figures_of_each_occurrence() -> None:
    pair, other = ("وقعت الانتفاضة في 1917.", "The revolt happened in 1918"), ("نص.", "Text.")
    result = run_document([pair, other, pair, pair], matcher=MATCHER)
    alone = run_checks(*pair, matcher=MATCHER)
    assert alone and all(result.findings[i][: len(alone)] == alone for i in (0, 2, 3))
    assert (result.terms.occurrences, result.terms.rendered) == (3, 0)
    result.findings[0].append(alone[0])  # each occurrence has its own list
    assert len(result.findings[2]) == len(result.findings[3]) < len(result.findings[0])


def test_a_stream_left_early_stops_its_processes() -> None:
    """The processes end (the slices not begun are cancelled, the running ones finish: a
    process killed while it wrote a result could leave a lock held, and the close hung)."""
    stream = iter_document_terms(_pairs(400), matcher=MATCHER, jobs=2)
    first, _ = next(stream)
    stream.close()
    assert first == run_document(_pairs(1), matcher=MATCHER).findings[0]
    assert multiprocessing.active_children() == []


def test_the_checking_stream_matches_the_report(project: Project) -> None:
    project.save_draft(2, "The the uprising")
    report = {s.segment_id: s.findings for s in project.check_report().segments}
    streamed = {
        sid: findings
        for ids, findings, _ in project.stream_findings()
        for sid in ids
    }
    assert streamed == report and any(report.values())


def test_the_stream_gives_the_whole_runs_findings_and_each_sources_terms() -> None:
    pairs = _pairs(40) + _pairs(5) + [("نص بلا مصطلح.", "A text without a term.")]
    expected = [plain_terms(MATCHER.find(source)) for source, _ in pairs]
    assert expected[0] and not expected[-1]
    whole = run_document(pairs, matcher=MATCHER, jobs=1).findings
    for jobs in (1, 2):
        streamed = list(iter_document_terms(pairs, matcher=MATCHER, jobs=jobs))
        assert [found for found, _ in streamed] == whole
        assert [terms for _, terms in streamed] == expected
    assert run_document(pairs, matcher=MATCHER, jobs=2).findings == whole


def test_an_export_shows_the_terms_the_qa_run_found(project: Project) -> None:
    # with every finding, the terms column comes from the QA run, not a second matching
    plain = list(project.export_units(findings="none", terms=True))
    checked = list(project.export_units(findings="all", terms=True))
    assert [u.terms for u in checked] == [u.terms for u in plain]
    assert any(u.terms for u in plain)
