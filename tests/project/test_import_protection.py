"""Imports never overwrite finished work silently: protection, --overwrite, --dry-run, and one
change group per import that one command undoes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from workbench.errors import LockedError, WorkbenchError
from workbench.project import Project

REFERENCE = ROOT / "workbench" / "data" / "translations" / "reference.en.txt"


def _state(project: Project) -> dict[int, tuple[str, str, bool]]:
    return {s.id: (s.target, s.status, s.locked) for s in project.segments(limit=1000)}


def _joined_english(folder: Path) -> Path:
    """The reference with its first two sentences one ("as a coup, a claim false to the
    core."): imported as working, segments 1 and 2 share that sentence (a 2-1 link)."""
    joined = folder / "joined.en.txt"
    joined.write_text(REFERENCE.read_text(encoding="utf-8").replace(
        "as a coup. This claim is false to the core.", "as a coup, a claim false to the core.", 1
    ), encoding="utf-8")
    return joined


def _finish_two(project: Project) -> None:
    """Segment 2 confirmed (translated), segment 3 approved (and so locked)."""
    project.confirm(2, "My own confirmed sentence.", override_reason="test")
    project.confirm(3, "My approved sentence.", override_reason="test")
    project.set_status(3, "approved")


def test_a_working_import_fills_drafts_and_leaves_finished_work_alone(project: Project) -> None:
    _finish_two(project)
    before = _state(project)
    report = project.import_translation(REFERENCE, "sample", "working")
    after = _state(project)
    assert after[2] == before[2] and after[3] == before[3]
    assert before[3][2] is True  # approving locked it
    fill = report.fill
    assert fill is not None and fill.protected == {"translated": 1, "approved": 1}
    changed = {sid for sid in before if before[sid] != after[sid]}
    assert changed and 2 not in changed and 3 not in changed
    assert fill.replaced + fill.filled == len(changed)
    assert "left alone 2 (1 approved, 1 translated; use --overwrite approved" in fill.describe()


def test_dry_run_changes_nothing_and_reports_the_same(project: Project) -> None:
    _finish_two(project)
    before = _state(project)
    dry = project.import_translation(REFERENCE, "sample", "working", dry_run=True)
    groups = project.changes()  # the sample's own import of its draft
    assert _state(project) == before and dry.fill is not None and dry.fill.group_id is None
    assert project.changes() == groups
    real = project.import_translation(REFERENCE, "sample", "working")
    assert real.fill is not None
    assert (dry.fill.filled, dry.fill.replaced, dry.fill.protected) == (
        real.fill.filled, real.fill.replaced, real.fill.protected
    )


def test_overwrite_levels(project: Project) -> None:
    _finish_two(project)
    project.import_translation(REFERENCE, "sample", "working", overwrite="confirmed")
    assert project.segment(2).target != "My own confirmed sentence."
    assert project.segment(3).target == "My approved sentence."
    project.import_translation(REFERENCE, "sample", "working", overwrite="approved")
    seg = project.segment(3)
    assert seg.target != "My approved sentence." and seg.status == "draft" and not seg.locked
    with pytest.raises(WorkbenchError, match="unknown overwrite"):
        project.import_translation(REFERENCE, "sample", "working", overwrite="everything")


def test_one_command_undoes_a_whole_import(project: Project) -> None:
    _finish_two(project)
    before = _state(project)
    report = project.import_translation(REFERENCE, "sample", "working")
    assert report.fill is not None and report.fill.group_id == project.last_import()
    project.save_draft(5, "Edited after the import.")  # a later edit survives the undo
    result = project.undo_change(project.last_import())
    after = _state(project)
    assert after[5][0] == "Edited after the import." and result["kept"] == 1
    assert all(after[sid] == before[sid] for sid in before if sid != 5)
    assert result["restored"] == report.fill.filled + report.fill.replaced - 1
    with pytest.raises(WorkbenchError, match="undone already"):
        project.undo_change(report.fill.group_id)
    kinds = [g["kind"] for g in project.changes()]
    assert kinds == ["undo", "import-translation", "import-translation"]  # the last: the sample's
    assert project.last_import() == project.changes()[-1]["id"]
    assert project.history(1)[-1].action == "undo"


def test_a_merged_segment_is_counted_once_among_those_kept(project: Project) -> None:
    """Segments 5 and 6 were filled by the import and merged since: the undo keeps one
    segment, and says 1 (it said 2: the merged segment holds the revisions of both)."""
    report = project.import_translation(REFERENCE, "sample", "working")
    assert report.fill is not None and report.fill.group_id is not None
    assert project.segment(5).target and project.segment(6).target
    project.merge_with_next(5)
    result = project.undo_change(report.fill.group_id)
    assert result["kept"] == 1
    assert ", 1 changed since and kept" in result["summary"]


def test_undoing_an_import_over_every_segment_restores_their_locks(project: Project) -> None:
    # --overwrite approved writes over locked segments; the undo unlocked a segment locked
    # by `workbench lock` (its English and status were restored, its lock was lost)
    _finish_two(project)
    project.lock(2)  # confirmed, then locked by hand
    project.lock(4)  # a draft locked by hand
    before = _state(project)
    assert [before[s][2] for s in (2, 3, 4, 5)] == [True, True, True, False]
    project.import_translation(REFERENCE, "sample", "working", overwrite="approved")
    assert not any(project.segment(s).locked for s in (2, 3, 4))
    project.undo_change(project.last_import())
    assert _state(project) == before


def test_a_tmx_from_another_tool_does_not_downgrade_approved_work(
    project: Project, tmp_path: Path
) -> None:
    _finish_two(project)
    tmx = tmp_path / "other.tmx"
    project.export_file("tmx", tmx)
    text = tmx.read_text(encoding="utf-8").replace(
        "My approved sentence.", "Their older wording."
    ).replace("My own confirmed sentence.", "Their other wording.")
    tmx.write_text(text, encoding="utf-8")
    report = project.import_tmx(tmx)
    assert report.protected == {"approved": 1, "translated": 1} and report.updated == []
    assert project.segment(3).target == "My approved sentence."
    report = project.import_tmx(tmx, overwrite="confirmed")
    assert report.updated == [2] and project.segment(3).status == "approved"


def test_locked_segments_refuse_edits_until_unlocked(project: Project) -> None:
    _finish_two(project)
    for edit in (lambda: project.save_draft(3, "x"), lambda: project.confirm(3, "x"),
                 lambda: project.undo(3)):
        with pytest.raises(LockedError):
            edit()
    project.unlock(3, "client changed the wording")
    assert project.save_draft(3, "New wording.").status == "draft"
    actions = [r.action for r in project.history(3)]
    assert actions[-2:] == ["unlock", "edit"]
    assert project.undo(3).target == "My approved sentence."  # the unlock itself is not undone
    project.lock(3)  # a draft locked (not approved) is said to be locked, not approved
    with pytest.raises(LockedError, match=r"^segment 3 is locked: unlock it first"):
        project.save_draft(3, "Again.")


def test_cli_import_undo_and_changes(sample_db: Path) -> None:
    with Project.open(sample_db, author="tester") as project:
        _finish_two(project)
    result = run_cli("import-translation", str(REFERENCE), "--doc", "sample", "--as", "working",
                     "--dry-run", "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr
    assert "would fill 0, would replace 19" in result.stdout and "left alone 2" in result.stdout
    result = run_cli("import-translation", str(REFERENCE), "--doc", "sample", "--as", "working",
                     "--overwrite", "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr
    assert "replaced 20" in result.stdout and "undo --import" in result.stdout
    listed = json.loads(run_cli("changes", "--format", "json", "--db", str(sample_db)).stdout)
    assert [g["kind"] for g in listed] == ["import-translation"] * 2
    result = run_cli("undo", "--last-import", "--db", str(sample_db))
    assert result.exit_code == 0 and "20 restored" in result.stdout
    result = run_cli("undo", "--db", str(sample_db))
    assert result.exit_code == 2 and "give one of" in result.stderr
    result = run_cli("unlock", "3", "--reason", "typo", "--db", str(sample_db))
    assert result.exit_code == 0 and "unlocked" in result.stdout


def test_a_dry_run_then_the_import_aligns_once(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.project.importing as importing

    calls = []
    real = importing.align_paragraphs

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "align_paragraphs", counting)
    dry = project.import_translation(REFERENCE, "sample", "working", dry_run=True)
    real_run = project.import_translation(REFERENCE, "sample", "working")
    assert len(calls) == 1 and dry.links == real_run.links
    project.set_glossary(project.glossary().__class__([]))  # other inputs: aligned again
    project.import_translation(REFERENCE, "sample", "working", dry_run=True)
    assert len(calls) == 2
    # a segment confirmed meanwhile (in the TUI's dialog, while it asks: by someone else) is
    # a new pair for the word table, but the import stores what the dry run showed
    other = Project.open(project.path, author="ben")
    try:
        other.confirm(1, "The critics often call the revolution a coup.", override_reason="t")
    finally:
        other.close()
    project.import_translation(REFERENCE, "sample", "working")
    assert len(calls) == 2
    project.import_translation(REFERENCE, "sample", "working")  # no dry run before it
    assert len(calls) == 3


def test_a_link_joining_finished_work_is_left_alone_whole(project: Project, tmp_path: Path) -> None:
    # the file joins the English of segments 2 and 3 in one sentence, and 3 is confirmed: the
    # joined English went into draft 2 while 3 kept its own (said twice in every export)
    text = REFERENCE.read_text(encoding="utf-8")
    first, second = "This claim is false to the core.", "The revolution lasted for nine months"
    joined = tmp_path / "joined.en.txt"
    joined.write_text(text.replace(f"{first} {second}", f"{first[:-1]}; and the revolution "
                                   "lasted for nine months"), encoding="utf-8")
    project.import_translation(REFERENCE, "sample", "working", overwrite="confirmed")
    project.confirm(3, project.segment(3).target, override_reason="test")
    before = _state(project)
    report = project.import_translation(joined, "sample", "working")
    assert report.fill is not None and report.fill.protected == {"translated": 1}
    assert _state(project)[2] == before[2] and _state(project)[3] == before[3]
    assert any(w.startswith("segment 2 left as it was: linked with segment 3,")
               for w in report.warnings)
    # replacing the finished work replaces the link whole
    project.import_translation(joined, "sample", "working", overwrite="confirmed")
    assert first[:-1] + "; and the revolution" in project.segment(2).target
    assert project.segment(3).target == ""


def test_undoing_an_import_puts_back_the_alignment_links_it_replaced(
    project: Project, tmp_path: Path
) -> None:
    """The working translation's links (which segments share an English sentence) come back
    with the English: they stayed as the import made them (segments 1 and 2 one unit in every
    export, the second "joined" to the first)."""
    joined = _joined_english(tmp_path)
    assert "a claim false to the core" in joined.read_text(encoding="utf-8")
    before = [project.link(sid, "working") for sid in (1, 2)]
    assert before[0] != before[1]
    first = project.import_translation(joined, "sample", "working", overwrite="approved").fill
    assert first is not None and first.group_id is not None
    assert project.link(1, "working") == project.link(2, "working")  # one link now
    result = project.undo_change(first.group_id)
    assert "the alignment links before it restored" in result["summary"]
    assert [project.link(sid, "working") for sid in (1, 2)] == before

    # links changed since (a merge of segments the import left as they were): kept, said
    project.import_translation(REFERENCE, "sample", "working", overwrite="approved")
    second = project.import_translation(joined, "sample", "working", overwrite="approved").fill
    assert second is not None and second.group_id is not None
    assert project.changes()[0]["changes"] == 2  # only segments 1 and 2 changed
    project.merge_with_next(10)
    now = [project.link(sid, "working") for sid in (1, 2)]
    result = project.undo_change(second.group_id)
    assert result["restored"] == 2 and result["kept"] == 0
    assert "alignment links kept (changed since: another import" in result["summary"]
    assert [project.link(sid, "working") for sid in (1, 2)] == now

    # a segment edited since keeps the import's English, which its links explain: kept
    third = project.import_translation(joined, "sample", "working", overwrite="approved").fill
    assert third is not None and third.group_id is not None
    project.save_draft(1, "Edited since the import.")
    result = project.undo_change(third.group_id)
    assert result["kept"] == 2  # 2, joined to 1, is left with it
    assert "alignment links kept (segments were changed since it)" in result["summary"]
    assert project.link(1, "working") == project.link(2, "working")
    assert project.segment(2).target == ""


def test_an_undo_leaves_a_link_whole_when_one_of_its_segments_is_kept(
    project: Project, tmp_path: Path
) -> None:
    """The import joined segments 1 and 2 in one English sentence; 1 was edited since, so the
    undo keeps it and the import's links: 2 stays joined to it (it got its own sentence back,
    said twice in every export: once in 1's joined English, once on its own)."""
    joined = _joined_english(tmp_path)
    fill = project.import_translation(joined, "sample", "working", overwrite="approved").fill
    assert fill is not None and fill.group_id is not None
    edited = project.segment(1).target.replace("a claim", "a charge")
    project.save_draft(1, edited)
    result = project.undo_change(fill.group_id)
    assert "1 changed since and kept, 1 kept with the segments sharing their English" in (
        result["summary"])
    assert (project.segment(1).target, project.segment(2).target) == (edited, "")
    assert project.link(1, "working") == project.link(2, "working")
    assert result["restored"] > 0  # the other segments the import changed are restored
    # undone alone afterwards, the import's English of either is refused, the undo named
    project.undo(1)  # the edit
    for sid in (1, 2):
        with pytest.raises(WorkbenchError, match=rf"its undo \(change {result['id']}\) kept it"):
            project.undo(sid)


def test_a_segment_an_import_joined_is_not_undone_alone(project: Project, tmp_path: Path) -> None:
    """Undoing the import's English of one segment of a link it made (or undid) alone is
    refused, naming the import to undo: segment 1 got its own sentence back while the link
    still joined it with 2, whose English ('a claim false to the core') no export wrote."""
    joined = _joined_english(tmp_path)
    fill = project.import_translation(joined, "sample", "working", overwrite="approved").fill
    assert fill is not None and fill.group_id is not None
    state = _state(project)
    for sid, other in ((1, 2), (2, 1)):
        with pytest.raises(WorkbenchError, match=rf"segment {sid}: .*with segment {other}\).*"
                           rf"`workbench undo --import {fill.group_id}`"):
            project.undo(sid)
    assert _state(project) == state
    result = project.undo_change(fill.group_id)
    assert "the alignment links before it restored" in result["summary"]
    assert project.link(1, "working") != project.link(2, "working")
    # a segment whose link the import left as it was is undone alone
    own = project.segment(5).target
    project.import_translation(joined, "sample", "working", overwrite="approved")
    assert project.segment(5).target != own
    assert project.undo(5).target == own


def test_overwrite_leaves_finished_work_on_a_flagged_link(project: Project, tmp_path: Path
                                                          ) -> None:
    """A translation that leaves a paragraph out: the aligner squeezes it into a k–1 link,
    flagged. --overwrite confirmed replaced those confirmed segments by one sentence and
    blanks (five confirmed segments of NTREX lost their English); a flagged link now leaves
    finished work alone, said in a warning, while sure links are replaced."""
    ar = (ROOT / "corpora" / "ntrex128" / "ar.txt").read_text(encoding="utf-8").splitlines()
    en = (ROOT / "corpora" / "ntrex128" / "en.txt").read_text(encoding="utf-8").splitlines()

    def paragraphs(lines: list[str], skip: int | None = None) -> str:
        return "\n\n".join("\n".join(lines[p * 5:p * 5 + 5]) for p in range(8) if p != skip)

    (tmp_path / "doc.txt").write_text(paragraphs(ar[:40]), encoding="utf-8")
    (tmp_path / "all.txt").write_text(paragraphs(en[:40]), encoding="utf-8")
    (tmp_path / "less.txt").write_text(paragraphs(en[:40], skip=3), encoding="utf-8")
    doc = project.import_document(tmp_path / "doc.txt").document
    project.import_translation(tmp_path / "all.txt", doc, "working")
    ids = [s.id for s in project.segments(doc, limit=100)]
    project.confirm_many(ids, "test")
    edited = ids[30]  # a sure link: replaced as before
    project.confirm(edited, "My own sentence.", override_reason="test")

    def state() -> dict[int, tuple[str, str]]:
        return {s.id: (s.target, s.status) for s in project.segments(doc, limit=100)}

    before = state()
    report = project.import_translation(tmp_path / "less.txt", doc, "working",
                                        overwrite="confirmed")
    after = state()
    assert after[edited][0] == en[30]
    changed = [sid for sid in ids if after[sid] != before[sid]]
    assert changed == [edited]
    assert any("kept their finished work" in w and "flagged" in w for w in report.warnings)
