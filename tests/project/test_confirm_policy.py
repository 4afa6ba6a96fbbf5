"""The confirmation policy of the service: open error findings block a confirmation unless a
reason overrides them; a failing check never confirms; link groups are checked as one unit."""

from __future__ import annotations

import pytest

from workbench.errors import BlockedByFindings, WorkbenchError
from workbench.project import Project
from workbench.project.checking import Checking
from workbench.store import versions as q_versions

CLEAN = "Bourgeois critics of Bolshevism often call the October Revolution a coup."
MISSING_TERMS = "Critics often call it a putsch."


def test_error_findings_block_and_keep_the_text_as_a_draft(project: Project) -> None:
    with pytest.raises(BlockedByFindings) as blocked:
        project.confirm(1, MISSING_TERMS)
    checks = {(f.check, f.term) for f in blocked.value.findings}
    assert ("term-missing", "ثورة أكتوبر") in checks
    assert all(f.severity == "error" for f in blocked.value.findings)
    seg = project.segment(1)
    assert (seg.target, seg.status) == (MISSING_TERMS, "draft")
    assert project.history(1)[-1].action == "edit"
    assert project.overrides() == []


def test_a_reason_overrides_every_error_and_confirms(project: Project) -> None:
    seg = project.confirm(1, MISSING_TERMS, override_reason="client's wording")
    assert (seg.target, seg.status) == (MISSING_TERMS, "translated")
    overrides = project.overrides()
    assert {o.term for o in overrides} >= {"ثورة أكتوبر", "بلشفية"}
    assert {o.reason for o in overrides} == {"client's wording"}
    assert not [f for f in project.check_segment(1) if f.severity == "error"]
    assert project.history(1)[-1].action == "confirm"


def test_clean_text_confirms_without_a_reason(project: Project) -> None:
    seg = project.confirm(1, CLEAN)
    assert seg.status == "translated" and project.overrides() == []
    assert [r.action for r in project.history(1)] == ["import", "confirm"]


def test_a_failing_check_is_an_error_never_a_silent_confirm(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("matcher exploded")

    monkeypatch.setattr(Checking, "_unit_findings", broken)
    with Project.open(project.path, author="tester") as fresh:
        with pytest.raises(WorkbenchError, match=r"QA checks failed.*not confirmed"):
            fresh.confirm(1, CLEAN)
        assert fresh.segment(1).status == "draft"
        with pytest.raises(WorkbenchError, match=r"QA checks failed.*not confirmed"):
            fresh.open_findings(1, CLEAN)


def test_confirming_never_loads_the_spelling_dictionary(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spelling findings are warnings, which never refuse a confirmation: the gate does not
    pay for Hunspell's dictionary (0.5–2 s a process), while a check of the segment does."""
    from workbench.project.spelling import Spelling

    loads: list[str] = []
    real = Spelling.dictionary

    def counted(self: Spelling) -> object:
        loads.append("load")
        return real(self)

    monkeypatch.setattr(Spelling, "dictionary", counted)
    with Project.open(project.path, author="tester") as fresh:
        assert fresh.confirm(1, CLEAN + " Speling.").status == "translated"
        with pytest.raises(BlockedByFindings):
            fresh.confirm(1, MISSING_TERMS)
        fresh.confirm_many([1], override_reason="client's wording")
        assert loads == []
        assert "spelling" in {f.check for f in fresh.check_segment(1, text="Speling.")}
        assert loads


def _two_to_one(project: Project) -> tuple[int, int]:
    """A document whose two Arabic sentences face one English sentence in the working
    version (as a working import of a translator who joined them leaves it)."""
    project.import_document_text("ذهب الرجل إلى السوق. واشترى خبزا.", "pair")
    doc = project.document("pair")
    first, second = (s.id for s in project.segments("pair"))
    with project.transaction():
        vid = project.version_id(doc, "working", create_working=True)
        q_versions.store_alignment(
            project.db, vid, [(1, "The man went to the market and bought bread.")],
            [first, second], [([0, 1], [0])], [0.9],
        )
        q_versions.put_translations(
            project.db, vid, [(first, "The man went to the market and bought bread."),
                              (second, "")],
        )
    return first, second


def test_a_link_group_is_checked_as_one_unit(project: Project) -> None:
    first, second = _two_to_one(project)
    report = project.check_report("pair")
    by_id = {s.segment_id: s for s in report.segments}
    for sid in (first, second):
        assert [f.check for f in by_id[sid].findings] == [], by_id[sid].findings
        assert project.check_segment(sid) == []
    # the unit's English is empty once its only English (on the first segment) is gone
    assert any(f.check == "empty-target" for f in project.check_segment(first, text=""))


def test_a_segment_alone_with_no_english_is_still_reported_empty(project: Project) -> None:
    project.import_document_text("ذهب الرجل إلى السوق.", "alone")
    report = project.check_report("alone")
    assert any(f.check == "empty-target" for f in report.segments[0].findings)


def test_undoing_a_confirmation_withdraws_the_overrides_it_made(project: Project) -> None:
    """An override is the reason a confirmation went through: undone (the segment alone, or
    a batch), the segment was back to draft with its errors still accepted, and the next
    confirmation passed without a reason."""
    for segment_id in (1, 3):
        project.save_draft(segment_id, MISSING_TERMS)
    project.confirm(4, MISSING_TERMS, override_reason="another segment's, kept")
    before = {o.segment_id for o in project.overrides()}
    project.confirm(1, MISSING_TERMS, override_reason="client's wording")
    batch = project.confirm_many([3], override_reason="client's wording")
    assert {o.segment_id for o in project.overrides()} == before | {1, 3}

    project.undo(1)
    project.undo_change(batch.group_id)
    assert [project.segment(s).status for s in (1, 3)] == ["draft", "draft"]
    assert {o.segment_id for o in project.overrides()} == before == {4}
    with pytest.raises(BlockedByFindings):
        project.confirm(1, MISSING_TERMS)


def test_a_refusal_says_like_findings_once() -> None:
    """A term twice in a segment gives two like findings: the refusal listed the same
    message twice; it says it once, counted."""
    from workbench.glossary.findings import Finding

    missing = Finding("term-missing", "missing", "error", "'soviets' missing for سوفييت")
    other = Finding("number-mismatch", "missing", "error", "number 3 missing")
    message = str(BlockedByFindings(4, [missing, other, missing]))
    assert message == (
        "segment 4: not confirmed: 3 error findings ('soviets' missing for سوفييت "
        "[term-missing] (2×); number 3 missing [number-mismatch]); fix them or give an "
        "override reason")
