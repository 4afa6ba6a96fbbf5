"""LQA errors in a project: stored with their revision, kept when the text changes, removed
softly; the project's weights and threshold; what a report evaluates."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import NotFoundError, WorkbenchError
from workbench.lqa import source_words
from workbench.project import Project
from workbench.project.lqa import parse_ranges, segment_offsets


def test_an_error_remembers_the_revision_and_the_text(sample_db: Path) -> None:
    with Project.open(sample_db, author="ann") as ann:
        ann.save_draft(3, "The revolution went on for nine months.")
        text_revision = ann.history(3)[-1].id
    with Project.open(sample_db, author="rev") as rev:
        rev.review(3, "reviewed")  # a status change is not the translation
        error = rev.lqa.add_error(3, "accuracy/omission", "major", span=(4, 14),
                                  comment="  the  Bolshevik Party is missing ")
        assert error.revision_id == text_revision and error.translator == "ann"
        assert error.author == "rev" and error.quote == "revolution"
        assert error.comment == "the Bolshevik Party is missing" and not error.outdated
        rev.save_draft(3, "The revolution continued for nine months.")
        kept = rev.lqa.errors(segment_id=3)
        assert [e.id for e in kept] == [error.id]
        assert kept[0].outdated and kept[0].quote == "revolution"
        assert kept[0].target_text == "The revolution went on for nine months."
        assert kept[0].translator == "ann"  # the author of the revision it was made on


def test_spans_categories_and_severities_are_checked(project: Project) -> None:
    length = len(project.segment(1).target)
    for kwargs, message in [
        ({"span": (5, 5)}, "span 5:5 marks no English"), ({"span": (0, length + 1)}, "not inside"),
    ]:
        with pytest.raises(WorkbenchError, match=message):
            project.lqa.add_error(1, "style", "minor", **kwargs)
    with pytest.raises(WorkbenchError, match="unknown LQA category"):
        project.lqa.add_error(1, "styles", "minor")
    with pytest.raises(WorkbenchError, match="unknown LQA severity"):
        project.lqa.add_error(1, "style", "blocker")
    with pytest.raises(NotFoundError):
        project.lqa.add_error(9999, "style", "minor")
    assert project.lqa.add_error(1, "style", "minor", span=(0, length)).quote == \
        project.segment(1).target
    assert project.lqa.errors() != []


def test_a_span_does_not_cut_an_inline_tag(project: Project) -> None:
    project.save_draft(2, "It began in <1>Petrograd</1> in 1917.")  # tags at 12:15, 24:28
    for span, tag in (((13, 20), "<1>"), ((16, 26), "</1>"), ((25, 33), "</1>")):
        with pytest.raises(WorkbenchError, match=f"cuts the tag {tag}"):
            project.lqa.add_error(2, "style", "minor", span=span)
    assert project.lqa.add_error(2, "style", "minor", span=(15, 24)).quote == "Petrograd"
    assert project.lqa.add_error(2, "style", "minor", span=(12, 28)).quote == (
        "<1>Petrograd</1>")


def test_removing_keeps_the_error_but_stops_counting_it(project: Project) -> None:
    error = project.lqa.add_error(2, "terminology", "critical")
    assert project.lqa.report().penalty == 25.0
    project.lqa.remove_error(error.id)
    assert project.lqa.errors() == [] and project.lqa.report().penalty == 0.0
    assert project.lqa.error(error.id).id == error.id  # still in the project
    with pytest.raises(WorkbenchError, match="removed already"):
        project.lqa.remove_error(error.id)
    with pytest.raises(NotFoundError):
        project.lqa.remove_error(12345)


def test_evaluated_segments_and_words(project: Project) -> None:
    assert project.lqa.report().words == 0 and project.lqa.score() is None
    project.review(4, "approved")
    project.lqa.add_error(7, "style/awkward", "minor")
    report = project.lqa.report()
    expected = source_words(project.segment(4).source) + source_words(project.segment(7).source)
    assert report.words == expected and report.total.segments == 2
    assert report.penalty == 1.0
    sample = project.lqa.report(segments=parse_ranges("1-3,7"))
    words = sum(source_words(project.segment(i).source) for i in (1, 2, 3, 7))
    assert sample.words == words and sample.total.segments == 4
    assert "segments 1-3,7" in sample.scope
    outside = project.lqa.report(segments=[(1, 2)])
    assert outside.errors == []  # the error of segment 7 is outside the sample


def test_settings(project: Project) -> None:
    assert project.lqa.settings().weights == {"neutral": 0, "minor": 1, "major": 5,
                                              "critical": 25}
    assert project.lqa.settings().threshold == 99
    changed = project.lqa.configure(weights={"Major": 10}, threshold=95)
    assert changed.weights["major"] == 10 and changed.threshold == 95
    project.lqa.add_error(1, "accuracy", "major")
    assert project.lqa.report().penalty == 10.0
    for kwargs in ({"weights": {"major": -1}}, {"threshold": 101}, {"weights": {"huge": 1}},
                   {"weights": {"minor": float("inf")}}, {"weights": {"minor": float("nan")}},
                   {"threshold": float("nan")}):
        with pytest.raises(WorkbenchError):
            project.lqa.configure(**kwargs)  # type: ignore[arg-type]
    assert project.lqa.settings() == changed  # nothing changed by the refused ones


def test_merging_segments_keeps_their_errors(project: Project) -> None:
    error = project.lqa.add_error(2, "accuracy/addition", "minor")
    project.merge_with_next(1)
    assert [e.id for e in project.lqa.errors(segment_id=1)] == [error.id]


def test_a_merge_or_split_keeps_errors_valid_where_their_words_went(project: Project) -> None:
    """A merge joins and a split cuts the English without changing its words: the errors made
    on it stay valid, their spans in the new English and a split's on the part holding their
    words (a merge marked them outdated; a split left them all on the first part, outdated)."""
    project.save_draft(1, " First part here.")
    project.save_draft(2, "Second part there.")
    first = project.lqa.add_error(1, "style/awkward", "minor", span=(1, 6))
    second = project.lqa.add_error(2, "accuracy/mistranslation", "major", span=(12, 17))
    whole = project.lqa.add_error(2, "accuracy/omission", "minor")
    project.save_draft(2, "Second part there!")  # an error made on earlier English
    stale = project.lqa.add_error(2, "style", "minor", span=(0, 6))
    project.save_draft(2, "Second part there.")
    stale_text = "Second part there!"
    project.merge_with_next(1)
    errors = {e.id: e for e in project.lqa.errors(segment_id=1)}
    assert project.segment(1).target == "First part here. Second part there."
    assert errors[first.id].quote == "First" and not errors[first.id].outdated
    assert errors[second.id].quote == "there" and not errors[second.id].outdated
    assert errors[whole.id].span is None and not errors[whole.id].outdated
    assert errors[stale.id].outdated and errors[stale.id].target_text == stale_text
    merged = project.segment(1)
    cut = len("First part here. ")
    _, right = project.split_segment(1, merged.source.index(" ", 3), english_offset=cut)
    left_errors = {e.id: e for e in project.lqa.errors(segment_id=1)}
    right_errors = {e.id: e for e in project.lqa.errors(segment_id=right.id)}
    assert set(right_errors) == {second.id}
    assert right_errors[second.id].quote == "there" and not right_errors[second.id].outdated
    assert left_errors[first.id].quote == "First" and not left_errors[first.id].outdated
    assert left_errors[whole.id].outdated  # about the whole English: it stays, outdated


def test_a_split_keeps_spans_on_the_words_of_an_indented_first_part(project: Project) -> None:
    """The first part keeps the English's leading whitespace: its errors' spans stay on their
    words (they were moved back by its width, an error on "AMs" marking "e A")."""
    project.save_draft(1, "  There is consternation among some AMs. (Member of Parliament)")
    text = project.segment(1).target
    error = project.lqa.add_error(1, "terminology", "minor",
                                  span=(text.index("AMs"), text.index("AMs") + 3))
    source = project.segment(1).source
    first, _ = project.split_segment(1, source.index(" ", 3), english_offset=text.index("("))
    moved = project.lqa.error(error.id)
    assert first.target.startswith("  There") and moved.segment_id == first.id
    assert moved.quote == "AMs" and first.target[slice(*moved.span)] == "AMs"
    assert not moved.outdated


def test_parse_ranges() -> None:
    assert parse_ranges("1-40, 52,60-60") == [(1, 40), (52, 52), (60, 60)]
    for bad in ("", "a-b", "5-2", "0"):
        with pytest.raises(WorkbenchError):
            parse_ranges(bad)


def test_segment_offsets_in_a_unit() -> None:
    texts = [(1, " One two."), (2, ""), (3, "Three.")]
    assert segment_offsets(texts, "One two. Three.") == [-1, None, 9]
    assert segment_offsets([(1, "Same."), (2, "Same.")], "Same.") == [0, 0]


def test_per_translator_is_the_author_of_the_evaluated_revision(sample_db: Path) -> None:
    with Project.open(sample_db, author="ann") as ann:
        ann.save_draft(3, "Ann's English.")
    with Project.open(sample_db, author="bob") as bob:
        bob.save_draft(4, "Bob's English.")
    with Project.open(sample_db, author="rev") as rev:
        rev.lqa.add_error(3, "accuracy/mistranslation", "major")
        rev.review(4, "approved")
    with Project.open(sample_db, author="bob") as bob:
        bob.save_draft(3, "Bob fixed Ann's English.")  # after the evaluation
        people = {p["translator"]: p for p in bob.lqa.report().by_translator()}
        assert set(people) == {"ann", "bob"}
        assert people["ann"]["errors"] == 1 and people["ann"]["segments"] == 1
        assert people["ann"]["words"] == source_words(bob.segment(3).source)
        assert people["bob"]["errors"] == 0 and people["bob"]["score"] == 100.0


def test_an_undone_edit_leaves_the_english_to_its_translator(sample_db: Path) -> None:
    """An undo restores the English an earlier revision wrote: its words and the errors made
    on it count for that revision's author (they counted for whoever undid the edit)."""
    with Project.open(sample_db, author="ann") as ann:
        ann.save_draft(3, "Ann's English.")
    with Project.open(sample_db, author="bob") as bob:
        bob.save_draft(3, "Bob's edit of it.")
        bob.undo(3)
        assert bob.segment(3).target == "Ann's English."
        bob.save_draft(4, "Bob's English.")
    with Project.open(sample_db, author="rev") as rev:
        rev.save_draft(4, "A reviewer's slip.")
        rev.undo(4)
        error = rev.lqa.add_error(3, "style/awkward", "minor")
        assert error.translator == "ann"
        rev.review(4, "reviewed")
        people = {p["translator"]: p for p in rev.lqa.report().by_translator()}
        assert set(people) == {"ann", "bob"}
        assert people["ann"]["errors"] == 1 and people["bob"]["errors"] == 0
        assert people["bob"]["words"] == source_words(rev.segment(4).source)


def test_a_merge_leaves_the_english_to_its_translators(sample_db: Path) -> None:
    """A merge joins the translators' English: the merged segment's words and the errors made
    on it count for its translators, not for whoever merged (the project lead got them)."""
    with Project.open(sample_db, author="ann") as ann:
        ann.save_draft(3, "Ann's first sentence.")
        ann.save_draft(4, "Ann's second sentence.")
    with Project.open(sample_db, author="lead") as lead:
        lead.merge_with_next(3)
        lead.review(3, "reviewed")
        error = lead.lqa.add_error(3, "style/awkward", "minor")
        assert error.translator == "ann"
        people = {p["translator"]: p for p in lead.lqa.report().by_translator()}
        assert set(people) == {"ann"} and people["ann"]["errors"] == 1
        assert people["ann"]["words"] == source_words(lead.segment(3).source)


def _joined_pair(db: Path) -> list[int]:
    """A document "pair" of three segments whose first two share one English (a 2–1 link:
    the second is joined), translated by ann; the segments' ids."""
    with Project.open(db, author="ann") as ann:
        ann.import_document_text("ذهب الرجل إلى السوق. واشترى خبزا.\n\nثم عاد إلى البيت.\n",
                                 "pair")
        ann.import_translation_text(
            "The man went to the market and bought bread.\n\nThen he returned home.\n",
            "pair", "working")
        ids = [s.id for s in ann.segments("pair")]
        assert ann.segment(ids[1]).target == ""
    return ids


def test_a_joined_segment_is_evaluated_with_the_segment_holding_its_english(
    sample_db: Path,
) -> None:
    """The second Arabic sentence of a 2–1 link has its English on the first segment: its words
    count when that segment is evaluated (they were left out, which lowered the score), for
    that segment's translator."""
    first, second, third = _joined_pair(sample_db)
    with Project.open(sample_db, author="rev") as rev:
        rev.review(first, "approved")
        rev.lqa.add_error(first, "accuracy/omission", "major")
        words = [source_words(rev.segment(i).source) for i in (first, second, third)]
        report = rev.lqa.report("pair")
        assert (report.total.segments, report.words) == (2, words[0] + words[1])
        assert report.by_translator() == [{
            "translator": "ann", "segments": 2, "words": words[0] + words[1], "errors": 1,
            "penalty": 5.0, "score": report.score, "pass": False}]
        sample = rev.lqa.report("pair", segments=[(1, 1)])  # the link's English is in it
        assert sample.words == words[0] + words[1]
        alone = rev.lqa.report("pair", segments=[(2, 3)])  # exactly those, as asked
        assert (alone.total.segments, alone.words) == (2, words[1] + words[2])


def test_a_joined_segment_counts_for_its_holders_translator_in_a_sample_and_its_errors(
    sample_db: Path,
) -> None:
    """A sample taking a joined segment without its holder gave its words to '(unknown)', and
    an error recorded on a joined segment (it has no English, no revision of its own) was
    counted against '(unknown)', a translator with no words and no score."""
    second = _joined_pair(sample_db)[1]
    with Project.open(sample_db, author="rev") as rev:
        sample = rev.lqa.report("pair", segments=[(2, 3)])
        assert [p["translator"] for p in sample.by_translator()] == ["ann"]
        rev.lqa.add_error(second, "accuracy/omission", "minor")
        report = rev.lqa.report("pair")
        assert [(p["translator"], p["errors"]) for p in report.by_translator()] == [("ann", 1)]
        assert report.to_json()["errors"][0]["translator"] == "ann"
        assert report.total.segments == 2  # the joined segment with its holder


def test_an_error_chosen_on_english_that_changed_since_is_refused(sample_db: Path) -> None:
    """``on_text``: the English the reviewer chose the span on; another translator's change
    in the meantime refuses the error (its span fell on other words, silently)."""
    with Project.open(sample_db, author="rev") as rev:
        seen = rev.segment(3).target
        with Project.open(sample_db, author="ann") as ann:
            ann.save_draft(3, "Quite other words now: " + seen)
        with pytest.raises(WorkbenchError, match="changed"):
            rev.lqa.add_error(3, "accuracy/omission", "major", span=(0, 14), on_text=seen)
        assert rev.lqa.errors(segment_id=3) == []
        now = rev.segment(3).target
        error = rev.lqa.add_error(3, "accuracy/omission", "major", span=(0, 5), on_text=now)
        assert error.quote == "Quite"


def test_a_span_on_a_joined_segment_says_where_its_english_is(sample_db: Path) -> None:
    """`lqa add SEGMENT --span` on a joined segment said the span 'is not inside its English
    (0:0)', as if the segment had no translation: its English is on its link's first segment."""
    with Project.open(sample_db, author="rev") as rev:
        rev.import_document_text("ذهب الرجل إلى السوق. واشترى خبزا.\n\nثم عاد إلى البيت.\n",
                                 "pair")
        rev.import_translation_text(
            "The man went to the market and bought bread.\n\nThen he returned home.\n",
            "pair", "working")
        first, second = (s.id for s in rev.segments("pair")[:2])
        with pytest.raises(WorkbenchError, match=rf"segment {second} is joined: its English "
                           rf"is in segment {first}"):
            rev.lqa.add_error(second, "accuracy/omission", "minor", span=(0, 3))
        assert rev.lqa.add_error(second, "accuracy/omission", "minor").segment_id == first


def test_an_error_on_a_joined_segment_is_recorded_on_the_segment_holding_its_english(
    sample_db: Path,
) -> None:
    """An error without a span on a joined segment was stored on it with its own empty English
    and no revision: never outdated when the English it judged changed, shown with an empty
    English, no quote. It goes to the segment holding the English, with that English and its
    revision."""
    first, second, _ = _joined_pair(sample_db)
    with Project.open(sample_db, author="rev") as rev:
        english = rev.segment(first).target
        error = rev.lqa.add_error(second, "accuracy/omission", "major", comment="bread")
        assert (error.segment_id, error.target_text, error.translator) == (first, english, "ann")
        assert error.revision_id == rev.history(first)[-1].id and not error.outdated
        assert [e.id for e in rev.lqa.errors(segment_id=first)] == [error.id]
        assert rev.lqa.errors(segment_id=second) == []
        rev.save_draft(first, "The man went to the market and bought some bread.")
        assert rev.lqa.error(error.id).outdated
        assert rev.lqa.joined_holder(second) == first and rev.lqa.joined_holder(first) is None


def test_an_error_stored_on_a_joined_segment_before_shows_its_holders_english(
    sample_db: Path,
) -> None:
    """An error stored on a joined segment (as they were before) showed an empty English in
    the report (the HTML's English cell): it shows the English of the segment holding it."""
    from workbench.lqa.report import to_html
    from workbench.store import lqa as q_lqa

    first, second, _ = _joined_pair(sample_db)
    with Project.open(sample_db, author="rev") as rev:
        english = rev.segment(first).target
        with rev.context.transaction():
            q_lqa.add_error(rev.context.db, second, None, "", "style", "minor", None, "old",
                            "rev")
        (error,) = rev.lqa.report("pair").errors
        assert (error.segment_id, error.target_text, error.translator) == (second, english, "ann")
        assert not error.outdated and english in to_html(rev.lqa.report("pair"))
