"""The checking part of the Project service: segments, documents, overrides, the matcher cache."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.glossary.model import Entry, Glossary
from workbench.project import Project


def kerenski_segment(project: Project) -> int:
    for seg in project.segments(limit=100):
        if "Kerenski" in seg.target:
            return seg.id
    raise AssertionError("the sample draft has no Kerenski")


def test_check_segment_and_text(project: Project) -> None:
    sid = kerenski_segment(project)
    findings = project.check_segment(sid)
    found = [(f.check, f.term, f.found) for f in findings]
    assert ("term-forbidden", "كيرينسكي", "Kerenski") in found
    assert project.check_text("قاوم كيرينسكي.", "Kerensky resisted.") == []
    text = project.check_text("قاوم كيرينسكي.", "Kerenski resisted.")
    assert sorted(f.kind for f in text) == ["forbidden", "missing"]


def test_check_document_lists_every_segment(project: Project) -> None:
    segments = project.check_document()
    assert [s.position for s in segments] == list(range(1, len(segments) + 1))
    report = project.check_report()
    assert 0 < report.terms.rendered < report.terms.occurrences


def test_override_is_applied_and_cleared_when_the_text_changes(project: Project) -> None:
    sid = kerenski_segment(project)
    (override,) = project.add_override(sid, "term-forbidden", "كيرينسكي", "quoting a source")
    assert override.author == "tester" and override.term == "كيرينسكي"
    assert not [f for f in project.check_segment(sid) if f.check == "term-forbidden"]
    seg = next(s for s in project.check_document() if s.segment_id == sid)
    accepted = [(f.check, o.reason) for f, o in seg.overridden]
    assert accepted == [("term-forbidden", "quoting a source")]
    assert len(project.overrides()) == 1
    project.save_draft(sid, project.segment(sid).target + " ")
    assert project.overrides() == []
    assert [f for f in project.check_segment(sid) if f.check == "term-forbidden"]
    project.undo(sid)  # the text it was accepted on is back: so is the acceptance (it was lost)
    assert [o.id for o in project.overrides()] == [override.id]
    assert not [f for f in project.check_segment(sid) if f.check == "term-forbidden"]


def test_an_override_of_another_text_stays_when_the_new_text_is_accepted(
    project: Project,
) -> None:
    """Accepting the finding again on an edited text keeps the acceptance of the text before:
    an undo that brings that text back brings it back (the second accept deleted it)."""
    sid = kerenski_segment(project)
    (first,) = project.add_override(sid, "term-forbidden", "كيرينسكي", "quoting a source")
    project.save_draft(sid, project.segment(sid).target + " ")
    (second,) = project.add_override(sid, "term-forbidden", "كيرينسكي", "still quoting")
    assert [o.id for o in project.overrides()] == [second.id]
    project.undo(sid)  # withdraws the second, made since the undone edit; the first holds
    assert [o.id for o in project.overrides()] == [first.id]
    assert not [f for f in project.check_segment(sid) if f.check == "term-forbidden"]
    again = project.add_override(sid, "term-forbidden", "كيرينسكي", "a better reason")
    assert [o.reason for o in project.overrides()] == ["a better reason"] == [
        o.reason for o in again]  # on the same text, it replaces the one there


def test_a_text_back_to_an_accepted_one_is_checked_with_its_acceptance(
    project: Project,
) -> None:
    """An English brought back to the text an override was made on (typed again, replaced
    back) is checked with it: a confirmation of it passes, and a replacement back says no
    error (it said it brought the accepted errors; the confirmation was refused)."""
    sid = kerenski_segment(project)
    accepted = project.segment(sid).target
    project.add_override(sid, "term-forbidden", "كيرينسكي", "quoting a source")
    project.add_override(sid, "term-missing", "كيرينسكي", "quoting a source")
    fixed = accepted.replace("Kerenski", "Kerensky")
    project.save_draft(sid, fixed)
    assert project.check_segment(sid, text=accepted) == [] == project.check_segment(sid)
    back = project.find_replace(None, "Kerensky", "Kerenski", ids=[sid], case_sensitive=True,
                                dry_run=True)
    assert back.changes[0].new_errors == ()
    project.save_draft(sid, fixed + " ")  # confirmed as the accepted text: no reason needed
    assert project.confirm(sid, accepted).status == "translated"


def test_an_undo_of_the_working_english_keeps_the_overrides_of_a_draft(project: Project) -> None:
    """Undoing a working-translation edit withdraws the working overrides made since, not a
    reviewer's acceptance of another version's finding made meanwhile."""
    sid = kerenski_segment(project)
    english = "\n".join(s.target for s in project.segments(limit=100))
    project.import_translation_text(english, "sample", "draft", "mt")  # a copy of the working
    project.save_draft(sid, project.segment(sid).target + " ")
    (accepted,) = project.add_override(sid, "term-forbidden", "كيرينسكي", "ok", "draft:mt")
    project.undo(sid)
    assert [o.id for o in project.overrides(version="draft:mt")] == [accepted.id]
    change = project.find_replace("sample", "Kerenski", "Kerensky", ids=[sid])
    (accepted,) = project.add_override(sid, "term-forbidden", "كيرينسكي", "ok", "draft:mt")
    project.undo_change(change.group_id)  # a whole change undone: the same
    assert [o.id for o in project.overrides(version="draft:mt")] == [accepted.id]


def test_an_override_without_a_term_holds_for_the_terms_found_then(project: Project) -> None:
    """Accepting a check without --term accepts each current finding's term; a finding of a
    term added to the glossary later is open."""
    sid = kerenski_segment(project)
    (override,) = project.add_override(sid, "term-forbidden", None, "quoting a source")
    assert override.term == "كيرينسكي"
    source = project.segment(sid).source
    word = next(w for w in source.split() if len(w) > 4 and "كيرينسكي" not in w)
    project.add_term(word, "zzzrendering", forbidden=(project.segment(sid).target.split()[0],))
    forbidden = [f.term for f in project.check_segment(sid) if f.check == "term-forbidden"]
    assert forbidden == [word]  # open: accepting the check did not accept this term


def test_override_needs_a_reason_and_a_finding(project: Project) -> None:
    sid = kerenski_segment(project)
    with pytest.raises(WorkbenchError, match="reason"):
        project.add_override(sid, "term-forbidden", None, "  ")
    with pytest.raises(WorkbenchError, match="no 'term-forbidden' finding"):
        project.add_override(sid, "term-forbidden", "ثورة", "why")
    with pytest.raises(WorkbenchError, match="unknown check"):
        project.add_override(sid, "no-such-check", None, "why")


def test_an_override_reason_is_stored_on_one_line_without_control_characters(
    project: Project,
) -> None:
    """A reason pasted with a terminal's colour codes or a line break reached `check`'s table
    (ESC on the reviewer's terminal), its HTML and CSV as written: it is stored as an LQA
    comment is, by `accept` and by a confirmation's override alike."""
    sid = kerenski_segment(project)
    (override,) = project.add_override(
        sid, "term-forbidden", None, "quoting\x1b[31m a\nsource\x07"
    )
    assert override.reason == "quoting[31m a source"
    with pytest.raises(WorkbenchError, match="reason"):
        project.add_override(sid, "term-missing", None, "\x1b\x07")
    seg = project.segment(sid)
    project.confirm(sid, seg.target, override_reason="house\x1b[0m\x0bstyle")
    reasons = {o.check: o.reason for o in project.overrides()}
    assert reasons["term-missing"] == "house[0m style"  # Word's line break parts words
    assert reasons["term-forbidden"] == "quoting[31m a source"


def test_matcher_follows_the_glossary(project: Project) -> None:
    first = project.matcher()
    assert project.matcher() is first
    project.set_glossary(Glossary([Entry("ثورة", "revolution")]))
    assert project.matcher() is not first and len(project.matcher()) == 1


def test_an_inconsistency_names_the_other_segments_position_after_a_link_unit(
    project: Project,
) -> None:
    """A 2–1 link before them made the pairs' order lag the positions: line 3 was told its
    twin was line 4 (the twin's unit number), not line 5."""
    project.import_document_text(
        "أعلنت المنظمة حالة الطوارئ. وقالت إن الوضع خطير.\n\nشكرا لكم.\n\nذهب إلى البيت.\n\n"
        "شكرا لكم.\n", "thanks")
    project.import_translation_text(
        "The organization declared an emergency, saying the situation was serious.\n\n"
        "Thank you.\n\nHe went home.\n\nThanks a lot.\n", "thanks", "working")
    report = project.check_report("thanks", skip=("spelling",))
    found = {s.position: [f.message for f in s.findings if f.check == "inconsistent-target"]
             for s in report.segments}
    assert found[3] == ["same source as line 5 but a different target"]
    assert found[5] == ["same source as line 3 but a different target"]
    exported = [
        [f.message for f in findings if f.check == "inconsistent-target"]
        for _, findings, _ in project.stream_findings("thanks")
    ]
    assert ["same source as line 5 but a different target"] in exported


def test_an_override_holds_when_the_glossary_spells_its_term_otherwise(project: Project) -> None:
    """A glossary imported again with the term vocalised (كيرينسكي → كِيرِينسكي) reopened the
    findings accepted under the old spelling, though the matcher takes both as one term."""
    sid = kerenski_segment(project)
    project.add_override(sid, "term-forbidden", "كيرينسكي", "quoting a source")
    entries = project.glossary().entries
    project.set_glossary(Glossary([
        Entry("كِيرِينسكي", e.rendering, e.comment, e.forbidden) if e.term == "كيرينسكي" else e
        for e in entries
    ]))
    assert not [f for f in project.check_segment(sid) if f.check == "term-forbidden"]
