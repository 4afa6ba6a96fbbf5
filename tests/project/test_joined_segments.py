"""Joined segments: the second Arabic sentence of a 2–1 link holds no English of its own (its
link's first segment holds the unit's). It goes with that segment: counted with its status,
never "empty" to a batch confirmation, a review or a pre-translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.project import Project
from workbench.project.views import ViewSpec
from workbench.store import versions as q_versions

ARABIC = "ذهب الرجل إلى السوق. واشترى خبزا.\n\nثم عاد إلى البيت.\n"
ENGLISH = "The man went to the market and bought bread.\n\nThen he returned home.\n"


@pytest.fixture
def joined(project: Project) -> tuple[int, int, int]:
    """A document whose first two Arabic sentences face one English sentence (working)."""
    project.import_document_text(ARABIC, "pair")
    project.import_translation_text(ENGLISH, "pair", "working")
    first, second, third = (s.id for s in project.segments("pair"))
    assert project.segment(second).target == ""
    assert q_versions.joined_segments(project.db, project.document("pair").id) == {
        second: first
    }
    return first, second, third


def test_a_joined_segment_is_counted_with_its_links_status(
    project: Project, joined: tuple[int, int, int]
) -> None:
    first, second, _ = joined
    assert project.stats("pair")["by_status"] == {
        "new": 0, "draft": 3, "translated": 0, "reviewed": 0, "approved": 0}
    project.confirm(first, project.segment(first).target, override_reason="test")
    counts = project.stats("pair")["by_status"]
    assert (counts["translated"], counts["draft"], counts["new"]) == (2, 1, 0)
    assert project.segment(second).status == "new"  # as stored: nothing written to it


def test_batches_leave_a_joined_segment_with_its_link(
    project: Project, joined: tuple[int, int, int]
) -> None:
    first, second, third = joined
    assert project.select_segments("pair") == [first, third]
    report = project.confirm_many([first, second, third], override_reason="test")
    assert (report.done, report.unchanged, report.blocked) == ([first, third], [], {})
    assert report.joined == {second: first}  # not "already so": it goes with its link
    review = project.review_many([first, second], "approved")
    assert (review.done, review.unchanged, review.blocked) == ([first], [], {})
    assert review.joined == {second: first}
    assert project.history(second) == []
    assert project.stats("pair")["by_status"]["approved"] == 2


def test_pretranslation_does_not_fill_a_joined_segment(
    project: Project, joined: tuple[int, int, int], tmp_path: Path
) -> None:
    _, second, _ = joined
    memory = tmp_path / "tm.tsv"
    memory.write_text("واشترى خبزا.\tAnd he bought bread.\n", encoding="utf-8")
    project.tm.import_file(memory, "old")
    result = project.tm.pretranslate("pair", min_score=50)
    assert (result.empty, result.filled) == (0, 0)
    assert project.segment(second).target == ""


@pytest.mark.both_backends
def test_the_list_filters_and_the_first_open_segment_agree_with_stats(
    project: Project, joined: tuple[int, int, int]
) -> None:
    """The list showed a joined segment's own stored status ("new" beside its link's
    "translated"), the status filter found it by that status, and the TUI opened at start-up
    on it, an empty editor asking for English its link's first segment holds."""
    first, second, third = joined
    doc = project.document("pair")
    assert project.first_open_segment(doc) == first
    project.confirm(first, project.segment(first).target, override_reason="test")
    rows = {r.id: r for r in project.list_rows(doc, [first, second, third])}
    assert (rows[second].status, rows[second].joined_to) == ("translated", 1)
    by_status = project.stats("pair")["by_status"]
    for status in ("new", "draft", "translated"):
        shown = project.view_ids(doc, ViewSpec(statuses=(status,)), 0.0, 0.0)
        assert len(shown) == by_status[status], status
    assert project.view_ids(doc, ViewSpec(statuses=("translated",)), 0.0, 0.0) == [
        first, second]
    assert project.first_open_segment(doc) == third
    assert project.open_segments_after(doc, 0, 10) == [(third, 3)]


def test_the_import_says_its_unchanged_segments_are_joined(project: Project) -> None:
    """A first import into an empty document said "unchanged 1" of the segment its link's
    English translates, as if the file had nothing for it."""
    project.import_document_text(ARABIC, "pair")
    report = project.import_translation_text(ENGLISH, "pair", "working")
    assert report.fill is not None
    assert report.fill.describe() == (
        "filled 2, replaced 0, unchanged 1 (1 of them joined to the segment before, whose "
        "English translates them)")
    assert report.fill.to_dict()["joined"] == 1


def test_the_original_export_counts_a_joined_segment_translated(
    project: Project, joined: tuple[int, int, int], tmp_path: Path
) -> None:
    """`export --format original` said "2 translated segments" of a document whose three are
    translated (`stats`), as if the joined one were left in Arabic."""
    result = project.export_file("original", tmp_path / "pair.txt", "pair")
    assert result.units == 3
    # "3 translated segments" of a document of drafts, `stats` saying 2 with English: the
    # report says what it counts, the joined segment apart
    assert project.stats("pair")["with_english"] == result.units - result.joined == 2
    assert result.counted() == ("3 segments with English (1 of them joined to the segment "
                                "before, whose English translates them)")
    assert "واشترى" not in (tmp_path / "pair.txt").read_text(encoding="utf-8")


def test_a_joined_segments_arabic_trains_alignment_with_its_links_english(
    project: Project, joined: tuple[int, int, int]
) -> None:
    # The English of a 2–1 link translates both Arabic sentences: as the project's training
    # pair for the word table it faces both, not the first alone.
    first, _, third = joined
    project.confirm(first, project.segment(first).target, override_reason="test")
    project.confirm(third, project.segment(third).target, override_reason="test")
    assert sorted(project.dictionaries.training_pairs()) == [
        ("ثم عاد إلى البيت.", "Then he returned home."),
        ("ذهب الرجل إلى السوق. واشترى خبزا.", "The man went to the market and bought bread."),
    ]
