"""The pair checks' results kept between whole-document checks (``qa.PairCache``, as the TUI's
reviewer and "has QA findings" filter use it): what changed since is checked again, and only
that; the findings are those of a check without the cache."""

from __future__ import annotations

from typing import Any

import pytest

from workbench.glossary.qa import PairCache
from workbench.project import Project


def findings(segments: list[Any]) -> list[tuple[int, list[tuple[Any, ...]], list[str]]]:
    """Everything of a document check that a reviewer sees, comparable."""
    return [
        (s.segment_id,
         [(f.check, f.kind, f.severity, f.message, f.term, f.expected, f.found, f.span)
          for f in s.findings],
         [o.reason for _, o in s.overridden])
        for s in segments
    ]


def uncached(path: Any) -> list[tuple[int, list[tuple[Any, ...]], list[str]]]:
    """The document checked by a new connection, without a cache."""
    with Project.open(path) as fresh:
        return findings(fresh.check_document())


@pytest.fixture
def cached(sample_db: Any) -> Any:
    """The sample project with a cache, checked once; and a second connection ('another
    program') that changes it."""
    with Project.open(sample_db, author="tester") as project, \
            Project.open(sample_db, author="ben") as other:
        project.checking.pair_cache = PairCache()
        project.check_document()
        yield project, other


def check(project: Project) -> tuple[int, list[tuple[int, list[tuple[Any, ...]], list[str]]]]:
    """Check the document again: the pairs checked (not answered from the cache), the result."""
    cache = project.checking.pair_cache
    assert cache is not None
    before = cache.checked
    result = findings(project.check_document())
    return cache.checked - before, result


def test_unchanged_segments_are_not_checked_again(cached, sample_db):
    project, _ = cached
    first = project.checking.pair_cache.checked
    assert first == len(project.check_document()) > 10  # each segment once
    checked, result = check(project)
    assert checked == 0
    assert result == uncached(sample_db)
    assert project.check_report().terms == Project.open(sample_db).check_report().terms


def test_an_edit_is_checked_again_alone(cached, sample_db):
    project, other = cached
    seg = next(s for s in project.segments(limit=50) if s.target and "Kerenski" not in s.target)
    project.save_draft(seg.id, seg.target + " 1917 1917")  # a number the Arabic lacks
    checked, result = check(project)
    assert checked == 1
    assert result == uncached(sample_db)
    mine = next(found for sid, found, _ in result if sid == seg.id)
    assert any(f[0] == "number-mismatch" for f in mine)
    other.save_draft(seg.id, seg.target)  # another program puts it back
    checked, result = check(project)
    assert checked == 0  # that pair's findings were kept: it is the one checked first
    assert result == uncached(sample_db)


def test_another_programs_edit_is_checked_again(cached, sample_db):
    project, other = cached
    seg = other.segments(limit=5)[2]
    other.save_draft(seg.id, "Kerenski Kerenski said so.")
    checked, result = check(project)
    assert checked == 1
    assert result == uncached(sample_db)
    mine = next(found for sid, found, _ in result if sid == seg.id)
    assert "repeated-word" in {f[0] for f in mine}


def test_a_glossary_term_added_checks_the_segments_holding_it(cached, sample_db):
    project, other = cached
    pairs = project.checking.pair_cache.checked
    seg = project.segments(limit=5)[3]
    word = max(seg.source.split(), key=len).strip(".،؛:!؟")
    other.add_term(word, "Qzxv")  # by another program; no English renders it so
    checked, result = check(project)
    assert 0 < checked < pairs
    assert result == uncached(sample_db)
    mine = next(found for sid, found, _ in result if sid == seg.id)
    assert any(f[0] == "term-missing" and f[4] == word for f in mine)


def test_glossary_entries_removed_and_words_listed_are_seen(cached, sample_db):
    project, other = cached
    glossary = other.glossary()
    glossary.entries = glossary.entries[1:]
    other.set_glossary(glossary)
    checked, result = check(project)
    assert checked > 0
    assert result == uncached(sample_db)
    flagged = [f[6] for _, found, _ in result for f in found if f[0] == "spelling"]
    assert flagged, "the sample has misspelled words"
    other.spelling.add_word(flagged[0])
    checked, result = check(project)
    assert checked > 0
    assert result == uncached(sample_db)
    assert flagged[0] not in [f[6] for _, found, _ in result for f in found if f[0] == "spelling"]
    other.spelling.remove_word(flagged[0])
    checked, result = check(project)
    assert result == uncached(sample_db)
    assert flagged[0] in [f[6] for _, found, _ in result for f in found if f[0] == "spelling"]


def test_a_word_cut_by_tags_removed_from_the_word_list_is_seen(cached, sample_db):
    """The word list's 'recieve' taken out again: the pair holding 're<2>ciev</2>e' was kept
    clean, its English searched for 'recieve' with the tags inside."""
    project, other = cached
    seg = project.segments(limit=5)[1]
    other.spelling.add_word("recieve")
    other.save_draft(seg.id, "They re<2>ciev</2>e aid.")
    check(project)
    other.spelling.remove_word("recieve")
    _, result = check(project)
    assert result == uncached(sample_db)
    mine = next(found for sid, found, _ in result if sid == seg.id)
    assert [f[6] for f in mine if f[0] == "spelling"] == ["recieve"]


def test_overrides_are_read_again_each_time(cached, sample_db):
    project, other = cached
    sid, found, _ = next(r for r in findings(project.check_document()) if r[1])
    other.add_override(sid, found[0][0], found[0][4], "house style")
    checked, result = check(project)
    assert checked == 0  # the findings are the same; which of them are open is read again
    assert result == uncached(sample_db)
    assert next(reasons for s, _, reasons in result if s == sid) == ["house style"]


def test_the_spelling_check_switched_off_and_on(cached, sample_db):
    project, _ = cached
    project.spelling.switch_off()
    checked, result = check(project)
    assert not [f for _, found, _ in result for f in found if f[0] == "spelling"]
    project.spelling.use()
    checked, result = check(project)
    assert checked > 0
    assert result == uncached(sample_db)


def test_entries_unused_for_a_few_runs_are_dropped(cached):
    project, _ = cached
    cache = project.checking.pair_cache
    seg = next(s for s in project.check_document() if s.target and not s.unit)  # alone
    project.save_draft(seg.segment_id, seg.target + " again")
    size = len(cache.results)
    for _ in range(PairCache.KEEP_RUNS - 1):  # the run above used it last
        project.check_document()
    assert (seg.source, seg.target) in cache.results
    project.check_document()
    assert (seg.source, seg.target) not in cache.results  # the English before the edit
    assert (seg.source, seg.target + " again") in cache.results
    assert len(cache.results) == size
