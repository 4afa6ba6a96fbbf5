"""Batch work: find and replace (preview, one undoable change, locks respected), batch
confirmation through the QA policy, batch review, and their commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from workbench.errors import WorkbenchError
from workbench.project import Project
from workbench.project.batch import compile_pattern, replace_text


def _texts(project: Project) -> dict[int, tuple[str, str]]:
    return {s.id: (s.target, s.status) for s in project.segments(limit=1000)}


def test_a_replacement_writes_no_line_break_into_a_segment() -> None:
    """A break typed in REPLACEMENT, or a regular expression's ``\\n``, was written into the
    English (which the TUI's editor never lets in): it is a space, as a paste's is."""
    pattern = compile_pattern(r"decisive (work)", regex=True)
    text, _, spans = replace_text(pattern, r"final\n\1", "The decisive work.", regex=True)
    assert text == "The final work." and [text[a:b] for a, b in spans] == ["final work"]
    pattern = compile_pattern("decisive")
    assert replace_text(pattern, "final\r\n", "The decisive work.", regex=False)[0] == (
        "The final  work."
    )


def test_replace_text_spans_and_groups() -> None:
    pattern = compile_pattern("revolution", whole_word=True)
    text, count, spans = replace_text(
        pattern, "uprising", "The Revolution and revolutionary revolution.", regex=False
    )
    assert text == "The uprising and revolutionary uprising." and count == 2
    assert [text[a:b] for a, b in spans] == ["uprising", "uprising"]
    pattern = compile_pattern(r"(\d+) months", regex=True, case_sensitive=True)
    assert replace_text(pattern, r"\1 long months", "nine 9 months", regex=True)[0] == (
        "nine 9 long months"
    )
    with pytest.raises(WorkbenchError, match="not a valid regular expression"):
        compile_pattern("(unclosed", regex=True)
    with pytest.raises(WorkbenchError, match="nothing to find"):
        compile_pattern("")


def test_a_replacement_never_touches_an_inline_tag() -> None:
    text = "In <1>Petrograd</1> in 1917.<2/>"
    pattern = compile_pattern("1")  # the digit of every tag, and two of the year
    after, count, spans = replace_text(pattern, "one", text, regex=False)
    assert after == "In <1>Petrograd</1> in one9one7.<2/>" and count == 2
    assert [after[a:b] for a, b in spans] == ["one", "one"]
    # a match running over a tag is left as it is (the tags would be lost); one inside is not
    assert replace_text(compile_pattern(r"In.*1917", regex=True), "X", text, regex=True)[1] == 0
    assert replace_text(compile_pattern("Petrograd", whole_word=True), "Saint Petersburg",
                        text, regex=False)[0] == "In <1>Saint Petersburg</1> in 1917.<2/>"


def test_a_bad_regex_replacement_is_a_user_error(sample_db: Path) -> None:
    for replacement, reason in ((r"\2 uprising", "invalid group reference 2"),
                                (r"\g<name>", "unknown group name 'name'"),
                                ("uprising\\", "bad escape")):
        for matches in ("(revolution)", "(zzzqqq)"):  # refused whether or not anything matches
            result = run_cli("replace", matches, replacement, "--regex", "--db", str(sample_db))
            assert result.exit_code == 2, result.stderr
            assert result.stderr.startswith("workbench: error: not a valid replacement")
            assert reason in result.stderr and result.stderr.count("\n") == 1


def test_find_replace_previews_applies_once_and_undoes_at_once(project: Project) -> None:
    before = _texts(project)
    hits = [sid for sid, (text, _) in before.items() if "revolution" in text.lower()]
    assert len(hits) >= 3
    preview = project.find_replace(None, "revolution", "uprising", dry_run=True)
    assert _texts(project) == before and preview.group_id is None
    assert sorted(c.segment_id for c in preview.changes) == sorted(hits)
    report = project.find_replace(None, "revolution", "uprising")
    assert [c.after for c in report.changes] == [c.after for c in preview.changes]
    after = _texts(project)
    assert all("uprising" in after[sid][0].lower() for sid in hits)
    assert project.history(hits[0])[-1].action == "replace"
    assert report.group_id is not None
    result = project.undo_change(report.group_id)
    assert result["restored"] == len(hits) and _texts(project) == before


def test_find_replace_leaves_locked_work_and_sends_reviewed_back(project: Project) -> None:
    texts = _texts(project)
    hits = [sid for sid, (text, _) in texts.items() if "revolution" in text.lower()]
    locked, reviewed = hits[0], hits[1]
    project.confirm(locked, texts[locked][0], override_reason="test")
    project.set_status(locked, "approved")
    project.confirm(reviewed, texts[reviewed][0], override_reason="test")
    project.set_status(reviewed, "reviewed")
    report = project.find_replace(None, "revolution", "uprising")
    assert report.locked == [locked] and project.segment(locked).target == texts[locked][0]
    assert project.segment(reviewed).status == "translated"


def test_confirm_many_goes_through_the_policy(project: Project) -> None:
    ids = project.select_segments(statuses=["draft"])
    assert len(ids) == 21
    report = project.confirm_many(ids)
    assert report.done and report.blocked
    assert set(report.done) | set(report.blocked) == set(ids)
    assert sorted(report.by_findings) == sorted(report.blocked)  # none locked or empty
    for sid, why in report.blocked.items():  # each names its open error findings
        errors = {f.check for f in project.check_segment(sid) if f.severity == "error"}
        assert errors and all(any(f"[{check}]" in w for w in why) for check in errors)
    for sid in report.done:
        assert project.segment(sid).status == "translated"
    for sid in report.blocked:
        assert project.segment(sid).status == "draft"
    assert report.group_id is not None
    # the change says what it did (the changes list showed "confirm · 21 segments —" alone)
    assert _summary(project, report.group_id) == f"confirmed {len(report.done)} segments"
    project.undo_change(report.group_id)
    assert project.select_segments(statuses=["draft"]) == ids


def test_a_batch_leaves_a_confirmed_segment_it_refuses_confirmed(project: Project) -> None:
    # a term added to the glossary after the confirmation refuses it: the batch said "left
    # as they were" but had sent it back to draft
    text = "Bourgeois critics of Bolshevism often call the October Revolution a coup."
    project.confirm(1, text)
    before = len(project.history(1))
    project.add_term(project.segment(1).source.split()[0], "Zyzzyva")
    report = project.confirm_many([1])
    assert list(report.blocked) == [1] and report.group_id is None
    assert (project.segment(1).target, project.segment(1).status) == (text, "translated")
    assert len(project.history(1)) == before
    # with a reason it is confirmed over the new term (the override recorded)
    assert project.confirm_many([1], "client's wording").unchanged == [1]
    assert [o.reason for o in project.overrides()] == ["client's wording"]


def _summary(project: Project, group_id: int | None) -> str:
    return next(g["summary"] for g in project.changes() if g["id"] == group_id)


def test_clean_only_and_review_many(project: Project) -> None:
    clean = project.select_segments(statuses=["draft"], clean_only=True)
    dirty = set(project.select_segments(statuses=["draft"])) - set(clean)
    assert clean and dirty
    project.confirm_many(clean)
    report = project.review_many(project.select_segments(statuses=["translated"]), "approved")
    assert sorted(report.done) == sorted(clean)
    assert all(project.segment(sid).locked for sid in clean)
    assert _summary(project, report.group_id) == f"approved {len(clean)} segments"
    rejected = project.review_many(clean[:1], "rejected", "too\nliteral")
    assert _summary(project, rejected.group_id) == "rejected 1 segment: too literal"
    with pytest.raises(WorkbenchError, match="unknown verdict"):
        project.review_many(clean, "great")


def test_cli_replace_confirm_review(sample_db: Path) -> None:
    db = ["--db", str(sample_db)]
    with Project.open(sample_db) as project:
        drafts = project.select_segments(statuses=["draft"])
        dirty = str(min(set(drafts) - set(project.select_segments(ids=drafts, clean_only=True))))
    result = run_cli("replace", "revolution", "uprising", "--dry-run", *db)
    assert result.exit_code == 0, result.stderr
    assert "would change" in result.stdout
    one = run_cli("replace", "Kerensky", "Kerenskii", "--dry-run", *db)  # one occurrence
    assert "would change 1 segment (1 occurrence)" in one.stdout, one.stdout
    result = run_cli("replace", "revolution", "uprising", "--format", "json", *db)
    data = json.loads(result.stdout)
    assert data["changes"] and data["group_id"] and data["occurrences"] >= len(data["changes"])
    result = run_cli("undo", "--change", str(data["group_id"]), *db)
    assert result.exit_code == 0 and "restored" in result.stdout
    result = run_cli("confirm", "--doc", "sample", "--status", "draft", "--clean-only", *db)
    assert result.exit_code == 0, result.stdout
    result = run_cli("confirm", dirty, *db)  # open error findings: refused, exit 1
    assert result.exit_code == 1 and f"segment {dirty}: " in result.stdout
    result = run_cli("confirm", dirty, "--text", "Nothing like it.", *db)  # the same with --text
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert f"segment {dirty}: not confirmed: " in result.stderr
    assert result.stderr.rstrip().endswith("the English given is kept as a draft")
    with Project.open(sample_db) as project:  # as the message says
        assert project.segment(int(dirty)).target == "Nothing like it."
    result = run_cli("confirm", dirty, "--override-reason", "house style", *db)
    assert result.exit_code == 0
    result = run_cli("review", dirty, "--approve", *db)
    assert result.exit_code == 0 and "approved: 1 segment;" in result.stdout
    result = run_cli("review", "--doc", "sample", "--status", "translated", "--reviewed", *db)
    assert result.exit_code == 0
    result = run_cli("review", dirty, *db)
    assert result.exit_code == 2 and "give one verdict" in result.stderr
    result = run_cli("review", dirty, "--approve", "--reviewed", *db)
    assert result.exit_code == 2 and "give one verdict" in result.stderr
    result = run_cli("review", dirty, "--reject", *db)  # a usage error, before any segment
    assert result.exit_code == 2 and "needs a comment" in result.stderr
    # approved already: nothing written, so no change id to undo (none reused later)
    result = run_cli("review", dirty, "--approve", *db)
    assert result.stdout == "approved: 0 segments (1 already so); 0 left as they were\n"
    # its comment is stored all the same, and said: the reviewer read that nothing was
    result = run_cli("review", dirty, "--approve", "--comment", "checked again", *db)
    assert result.stdout == ("approved: 0 segments (1 already so); 0 left as they were\n"
                             "comment stored on 1 segment already approved\n")
    with Project.open(sample_db) as project:
        assert project.notes(int(dirty))[-1]["text"] == "checked again"
    for args in (["review", "99999", "--reviewed"], ["confirm", "99999"]):
        result = run_cli(*args, *db)
        assert result.exit_code == 2 and "no segment 99999" in result.stderr


def test_a_range_of_ids_is_refused_as_what_it_is(sample_db: Path) -> None:
    """`workbench review 5-7` was refused as "not a valid integer range": as if ranges of ids
    were read, in another spelling. Segment ids are whole numbers."""
    result = run_cli("review", "5-7", "--approve", "--db", str(sample_db))
    assert result.exit_code == 2
    assert "'5-7' is not a valid integer." in result.stderr
    assert "range" not in result.stderr


def test_segments_are_confirmed_and_reviewed_by_id_in_any_document(
    sample_db: Path, tmp_path: Path
) -> None:
    db = ["--db", str(sample_db)]
    other = tmp_path / "other.txt"
    other.write_text("قامت الثورة.\nعقد المؤتمر.\n", encoding="utf-8")
    assert run_cli("import", str(other), "--doc", "other", *db).exit_code == 0
    with Project.open(sample_db) as project:
        first, second = project.segments("other", limit=5)
        project.save_draft(first.id, "The revolution broke out.")
        project.save_draft(second.id, "The conference was held.")
    result = run_cli("confirm", str(first.id), str(second.id), *db)
    assert result.exit_code == 0 and result.stdout.startswith("confirm: 2 segments; 0 left")
    result = run_cli("review", str(first.id), "--reviewed", *db)
    assert result.stdout.startswith("reviewed: 1 segment;")
    # a batch confirmation leaves a reviewer's verdict as it is
    result = run_cli("confirm", "--doc", "other", *db)
    assert result.stdout.startswith("confirm: 0 segments (2 already so)")
    with Project.open(sample_db) as project:
        assert [s.status for s in project.segments("other", limit=5)] == [
            "reviewed", "translated"]


def test_a_batch_approval_is_undone_at_once_and_its_locks_with_it(project: Project) -> None:
    before = _texts(project)
    report = project.review_many([1, 2], "approved")
    assert [project.segment(s).locked for s in (1, 2)] == [True, True]
    undone = project.undo_change(report.group_id)
    assert (undone["restored"], undone["kept"]) == (2, 0)
    assert [project.segment(s).locked for s in (1, 2)] == [False, False]
    assert {s: before[s] for s in (1, 2)} == {s: _texts(project)[s] for s in (1, 2)}
    # a lock set after the group (not by it) is newer work: kept
    project.set_status(3, "translated")
    report = project.review_many([3], "reviewed")
    project.lock(3)
    undone = project.undo_change(report.group_id)
    assert undone["kept"] == 1
    assert project.segment(3).status == "reviewed" and project.segment(3).locked
    # a lock set before the group and kept through its verdict: named as locked, not as a
    # segment "changed since"
    project.set_status(4, "translated")
    project.lock(4)
    report = project.review_many([4], "reviewed")
    undone = project.undo_change(report.group_id)
    assert undone["kept"] == 1 and undone["summary"].endswith(
        ": 0 restored, 1 locked and kept (unlock to undo)")


def test_a_locked_segment_refused_by_a_batch_is_named_once(sample_db: Path) -> None:
    db = ["--db", str(sample_db)]
    assert run_cli("lock", "4", *db).exit_code == 0
    result = run_cli("confirm", "4", "5", *db)
    assert result.exit_code == 1
    assert "  segment 4 is locked: unlock it first (workbench unlock 4)\n" in result.stdout
    assert "segment 4: segment 4" not in result.stdout


def test_a_batch_confirmation_counts_locked_confirmed_work_already_so(sample_db: Path) -> None:
    # a lead's lock on a confirmed segment: the batch said it was refused (exit 1 in CI)
    db = ["--db", str(sample_db)]
    assert run_cli("confirm", "5", "--text", "It lasted nine months.",
                   "--override-reason", "test", *db).exit_code == 0
    assert run_cli("lock", "4", "5", *db).exit_code == 0
    result = run_cli("confirm", "4", "5", *db)
    assert result.exit_code == 1  # the locked draft is refused, the locked confirmed one is not
    assert "(1 already so); 1 left as they were" in result.stdout
    assert "segment 5" not in result.stdout
    assert run_cli("confirm", "5", *db).exit_code == 0


def test_a_batch_rejection_without_a_comment_is_a_usage_error(sample_db: Path) -> None:
    # each segment was refused on its own: a line per segment, exit 1 as if some were rejected
    result = run_cli("review", "--doc", "sample", "--status", "draft", "--reject",
                     "--db", str(sample_db))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "workbench: error: a rejection needs a comment (--comment)\n"


def test_a_segment_named_twice_is_locked_once(sample_db: Path) -> None:
    # the second id was refused as "locked already", rolling back the first lock
    result = run_cli("lock", "4", "5", "4", "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "locked 2 segments\n"
    with Project.open(sample_db) as project:
        assert [project.segment(s).locked for s in (4, 5)] == [True, True]
        assert [r.action for r in project.history(4)].count("lock") == 1


def test_locking_segments_some_locked_already_locks_the_others(sample_db: Path) -> None:
    """A lead locking a range with approved (locked) work in it: the others are locked, the
    locked ones named (it was 'segment 4 is locked already', exit 2, and nothing locked)."""
    db = ("--db", str(sample_db))
    assert run_cli("lock", "4", *db).exit_code == 0
    result = run_cli("lock", "3", "4", "5", *db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "locked 2 segments; 1 locked already (4)\n"
    with Project.open(sample_db) as project:
        assert all(project.segment(s).locked for s in (3, 4, 5))
        assert [r.action for r in project.history(4)].count("lock") == 1


def test_a_batch_over_two_documents_is_listed_with_each(project: Project) -> None:
    project.import_document_text("قامت الثورة.", "other")
    (other,) = project.segments("other")
    project.save_draft(other.id, "The revolution broke out.")
    report = project.review_many([1, other.id], "approved")  # grouped under the sample
    assert report.group_id in [g["id"] for g in project.changes("sample")]
    assert report.group_id in [g["id"] for g in project.changes("other")]
    # a change of the sample alone is not the other document's
    alone = project.review_many([2], "approved").group_id
    assert alone not in [g["id"] for g in project.changes("other")]


def test_without_doc_a_batch_says_which_document_it_worked_on(
    sample_db: Path, tmp_path: Path
) -> None:
    """In a project of several documents, a batch or a replacement without --doc works on
    the first: stderr says so (it said nothing: 'confirm: 0 segments' read as the project's
    whole); with --doc, or in a project of one document, nothing is added."""
    db = ["--db", str(sample_db)]
    alone = run_cli("confirm", "--status", "draft", *db)
    assert "the first of" not in alone.stderr
    with Project.open(sample_db) as project:
        project.import_document_text("قامت الثورة.", "other")
    note = "workbench: document 'sample', the first of 2 (sample, other); --doc NAME for another"
    for args in (("confirm", "--status", "draft"), ("review", "--status", "draft",
                                                    "--reviewed"),
                 ("replace", "bells", "BELLS", "--dry-run"), ("lqa", "report"),
                 ("lqa", "list"), ("score", "--no-save", "--no-terms"),
                 ("export", "--format", "csv", "--force", "--output",
                  str(tmp_path / "out.csv")), ("check",)):
        result = run_cli(*args, *db)
        assert note in result.stderr, (args, result.stderr)
        assert note not in run_cli(*args, "--doc", "other", *db).stderr
    assert "the first of" not in run_cli("confirm", "4", *db).stderr  # ids: any document


def test_a_replacement_typed_in_lower_case_takes_the_case_found(project: Project) -> None:
    """Case-insensitive, as a word processor does it: "Revolution" at a sentence's start or in
    a name becomes "Revolt", "REVOLUTION" "REVOLT" (they became "revolt", breaking names and
    sentence starts); a replacement with capitals, --case-sensitive, a regular expression and
    a change of case alone are written as typed."""
    project.save_draft(1, "Revolution! The October Revolution, a REVOLUTION, the revolution.")
    report = project.find_replace(None, "revolution", "revolt", ids=[1], dry_run=True)
    assert report.changes[0].after == "Revolt! The October Revolt, a REVOLT, the revolt."
    typed = project.find_replace(None, "revolution", "Revolt", ids=[1], dry_run=True)
    assert typed.changes[0].after == "Revolt! The October Revolt, a Revolt, the Revolt."
    exact = project.find_replace(None, "revolution", "revolt", ids=[1], dry_run=True,
                                 case_sensitive=True)
    assert exact.changes[0].after == (
        "Revolution! The October Revolution, a REVOLUTION, the revolt.")
    lowered = project.find_replace(None, "Revolution", "revolution", ids=[1], dry_run=True)
    assert lowered.changes[0].after == (
        "revolution! The October revolution, a revolution, the revolution.")


def test_a_replacement_in_lower_case_takes_a_titles_case_word_by_word(project: Project) -> None:
    """A name of several capitalised words takes the case word by word, a title's small words
    staying small ("European Commission" → "european parliament" wrote "European parliament")."""
    project.save_draft(1, "The European Commission and the Ministry of Health met.")
    report = project.find_replace(None, "european commission", "european parliament", ids=[1],
                                  dry_run=True)
    assert report.changes[0].after == "The European Parliament and the Ministry of Health met."
    report = project.find_replace(None, "ministry of health", "ministry of public health",
                                  ids=[1], dry_run=True)
    assert report.changes[0].after == (
        "The European Commission and the Ministry of Public Health met.")
    report = project.find_replace(None, "the european", "the swiss", ids=[1], dry_run=True)
    assert report.changes[0].after == "The Swiss Commission and the Ministry of Health met."


def test_a_titles_case_leaves_the_letter_after_an_apostrophe_small(project: Project) -> None:
    """A word with an apostrophe is one word of the name ("United Nations Children Fund" →
    "united nations children's fund" wrote "Children'S Fund"; "Assembly's" was two words, so
    the name around it was not taken for one)."""
    project.save_draft(1, "The United Nations Children Fund and the Welsh Assembly's staff.")
    report = project.find_replace(None, "united nations children fund",
                                  "united nations children\N{RIGHT SINGLE QUOTATION MARK}s fund",
                                  ids=[1], dry_run=True)
    assert report.changes[0].after == (
        "The United Nations Children\N{RIGHT SINGLE QUOTATION MARK}s Fund and the Welsh "
        "Assembly's staff.")
    report = project.find_replace(None, "welsh assembly's", "welsh parliament's", ids=[1],
                                  dry_run=True)
    assert report.changes[0].after == (
        "The United Nations Children Fund and the Welsh Parliament's staff.")
    report = project.find_replace(None, "united nations children fund", "don't fund",
                                  ids=[1], dry_run=True)
    assert report.changes[0].after.startswith("The Don't Fund and")


def test_a_replacement_says_the_qa_errors_it_brings(project: Project, sample_db: Path) -> None:
    """Replacing "revolution" with "revolt" writes the glossary's forbidden "October revolt"
    into segment 1 and loses the required "revolution" elsewhere: the preview and the command
    name each error it brings (it said nothing: confirmed work silently broke the glossary)."""
    report = project.find_replace(None, "revolution", "revolt", dry_run=True)
    brought = {c.segment_id: c.new_errors for c in report.changes}
    assert any(e.startswith("term-forbidden: ") and "'October Revolt'" in e for e in brought[1])
    assert any(e.startswith("term-missing: ") for e in brought[3])
    assert all(not c.new_errors for c in project.find_replace(
        None, "revolution", "revolution", dry_run=True, case_sensitive=True).changes)
    project.close()
    result = run_cli("replace", "revolution", "revolt", "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr
    assert "warning: segment 1 (#1): the replacement brought an error: term-forbidden: " in (
        result.stderr)
    data = json.loads(run_cli("replace", "revolt", "uprising", "--dry-run", "--format", "json",
                              "--db", str(sample_db)).stdout)
    assert all("new_errors" in c for c in data["changes"])


def test_an_error_a_replacement_brings_is_named_once(project: Project) -> None:
    """A term the Arabic has twice (جريدة, segment 15) gives one finding per occurrence: a
    replacement breaking both is said once per error (it was said twice, in every warning
    line, the JSON and the TUI's preview)."""
    report = project.find_replace(None, "newspaper", "paper", ids=[15], dry_run=True)
    assert report.changes[0].new_errors == (
        "term-missing: جريدة: expected 'newspaper' (0 of 2 occurrences rendered)",)


def test_a_replacement_says_an_accepted_error_it_reopens(project: Project) -> None:
    """Segment 17 was confirmed with its forbidden 'councils' accepted: a replacement of
    another word lapses the acceptance, which is said as such (it read as an error the
    replacement brought: 'greatly' → 'much' writing in 'councils')."""
    project.confirm(17, project.segment(17).target, override_reason="the client's wording")
    report = project.find_replace(None, "greatly", "much", ids=[17], dry_run=True)
    errors = report.changes[0].new_errors
    assert errors and all(
        e.endswith(" (accepted before; the acceptance lapses with the change)") for e in errors)
    assert any(e.startswith("term-forbidden: سوفييتات: ") for e in errors)


def test_a_batch_says_a_term_left_out_twice_once(project: Project) -> None:
    """A term twice in a segment gives two like findings: the batch's list of the segments
    left as they were said its message twice (the CLI's lines, the TUI's results), where a
    single confirmation says it once with (2×)."""
    project.import_document_text("اجتمعت السوفييتات أمس، ثم اجتمعت السوفييتات اليوم.\n",
                                 "twice")
    sid = project.segments("twice")[0].id
    project.save_draft(sid, "The assemblies met yesterday, and again today.")
    report = project.confirm_many([sid])
    why = report.blocked[sid]
    assert len(why) == 1 and why[0].endswith("[term-missing] (2×)")
    with pytest.raises(WorkbenchError, match=r"\[term-missing\] \(2×\)"):
        project.confirm(sid, "The assemblies met yesterday, and again today.")
