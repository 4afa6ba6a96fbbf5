"""The reviewer screen with the pilot: every segment one per row (clean ones too), filters by
status and findings, approve / review / reject any segment with a comment, Enter jumping to
the segment in the editor."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.tui.conftest import editing, editor_screen, join_first_two, screen_lines, settle
from tests.tui.screen_wait import notified, open_screen, shows, until
from workbench.project import Project
from workbench.text.bidi import visual
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.lqa import LqaErrorScreen
from workbench.tui.screens.review import (
    CommentScreen,
    ReviewFilter,
    ReviewFilterScreen,
    ReviewScreen,
)


def checked(path) -> dict[int, list[tuple[str, str]]]:
    """Segment id -> its open findings (check, message), every segment of the sample."""
    with Project.open(path) as project:
        return {
            seg.segment_id: [(f.check, f.message) for f in seg.findings]
            for seg in project.check_document()
        }


async def test_review_lists_every_segment_and_enter_jumps(sample_db, make_app):
    expected = checked(sample_db)
    flagged = [sid for sid, found in expected.items() if found]
    assert flagged and len(flagged) < len(expected), "the sample has clean segments too"
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        assert [r.segment_id for r in screen.rows] == list(expected)
        assert {r.segment_id: [(check, message) for _, check, message, _ in r.findings]
                for r in screen.rows} == expected
        assert screen.query_one(DataTable).row_count == len(expected)
        assert await shows(pilot, f"{len(expected)} of {len(expected)} segments")
        assert await shows(pilot, f"{len(flagged)} with findings")
        text = "\n".join(screen_lines(app))
        assert "✓ clean" in text and "2✗" in text
        assert "⏎ Open" in screen_lines(app)[-1]  # the footer says what Enter does
        await pilot.press("down")
        await settle(pilot)
        target = screen.selected()
        assert target is not None and target.segment_id == list(expected)[1]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert editor_screen(app).current.id == target.segment_id
        assert editor_screen(app).editor.has_focus


async def test_a_clean_segment_can_be_approved(sample_db, make_app):
    expected = checked(sample_db)
    clean = next(sid for sid, found in expected.items() if not found)
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        table = screen.query_one(DataTable)
        table.move_cursor(row=[r.segment_id for r in screen.rows].index(clean))
        await settle(pilot)
        assert screen.selected().clean
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        await pilot.press("enter")  # the comment is optional
        await settle(pilot)
        assert app.screen is screen
        assert next(r for r in screen.rows if r.segment_id == clean).status == "approved"
    with Project.open(sample_db) as project:
        assert project.segment(clean).status == "approved"
        assert project.history(clean)[-1].action == "status"
        # a change of its own, as `workbench review ID --approve` records it: listed, undone
        newest = project.changes()[0]
        assert (newest["kind"], newest["summary"]) == ("approved", "approved 1 segment")
        before = project.history(clean)[-1].old_status
        project.undo_change(newest["id"])
        assert project.segment(clean).status == before


async def test_a_refused_verdict_names_the_segment_by_its_number(sample_db, make_app):
    """Approving an empty segment is refused; the message names it by its number in the
    list, as the reviewer's rows do, not by its id (after a merge, id 4 is the third row)."""
    with Project.open(sample_db) as project:
        project.merge_with_next(1)
        project.save_draft(4, "")
        assert project.segment(4).position == 3
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        table = screen.query_one(DataTable)
        table.move_cursor(row=[r.segment_id for r in screen.rows].index(4))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
    assert "segment 3: cannot approve an empty translation" in said, said
    with Project.open(sample_db) as project:
        assert project.segment(4).status != "approved"


async def test_filters_by_findings_and_status(sample_db, make_app):
    expected = checked(sample_db)
    flagged = [sid for sid, found in expected.items() if found]
    clean = [sid for sid, found in expected.items() if not found]
    with Project.open(sample_db) as project:
        project.confirm(clean[0], project.segment(clean[0]).target)
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        await pilot.press("f")  # all -> with findings
        await settle(pilot)
        assert [r.segment_id for r in screen.rows] == flagged
        assert await shows(pilot, f"{len(flagged)} of {len(expected)} segments")
        await pilot.press("f")  # -> clean
        await settle(pilot)
        assert [r.segment_id for r in screen.rows] == clean
        await pilot.press("f")  # -> all again
        await settle(pilot)
        assert len(screen.rows) == len(expected)
        screen.set_view(ReviewFilter(statuses=("translated",), findings="clean"))
        await settle(pilot)
        assert [r.segment_id for r in screen.rows] == [clean[0]]
        # The dialog: tick "draft" (second status box), choose "with findings", apply.
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ReviewFilterScreen)
        dialog = app.screen
        dialog.query_one("#review-status-translated").value = False
        dialog.query_one("#review-status-draft").value = True
        dialog.query_one("#review-findings-findings").value = True
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is screen
        assert screen.view == ReviewFilter(statuses=("draft",), findings="findings")
        assert [r.segment_id for r in screen.rows] == flagged


async def test_approve_and_reject_with_comments(sample_db, make_app):
    expected = checked(sample_db)
    flagged = [sid for sid, found in expected.items() if found]
    with Project.open(sample_db) as project:  # confirmed: a rejection sends them back
        for sid in flagged:
            project.confirm(sid, project.segment(sid).target, override_reason="test")
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        screen.set_view(ReviewFilter(statuses=("translated",)))
        await settle(pilot)
        first = screen.selected()
        assert first is not None and first.segment_id == flagged[0]
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        await pilot.press(*"reads well", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.selected().status == "approved"

        # Reject the next segment: a comment is required.
        await pilot.press("down")
        await settle(pilot)
        other = screen.selected()
        assert other.segment_id == flagged[1]
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")  # empty: refused, the dialog stays
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        await pilot.press(*"use insurrection", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.selected().status == "draft"

        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"see the glossary", "enter")
        await settle(pilot)
        assert "see the glossary" in "\n".join(screen_lines(app))  # the latest note
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    with Project.open(sample_db) as project:
        assert project.segment(first.segment_id).status == "approved"
        assert [(n["kind"], n["text"]) for n in project.notes(first.segment_id)] == [
            ("approved", "reads well")
        ]
        assert project.segment(other.segment_id).status == "draft"
        assert [(n["kind"], n["text"]) for n in project.notes(other.segment_id)] == [
            ("rejected", "use insurrection"), ("comment", "see the glossary")
        ]
        assert project.history(other.segment_id)[-1].action == "status"


async def test_review_shows_arabic_terms_in_display_order(make_app):
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        term_row = next(r for r in screen.rows
                        if any(f[1].startswith("term-") for f in r.findings))
        _, _, message, term = next(f for f in term_row.findings if f[1].startswith("term-"))
        assert term is not None and term in message
        text = "\n".join(screen_lines(app))
        assert visual(term) in text  # the cells read right to left
        assert term not in text  # never in storage order


async def test_a_segment_with_accepted_findings_says_so_in_its_column(sample_db, make_app):
    """'✓ 1 accepted' fits the findings column (it showed '✓ clean (1 a')."""
    expected = checked(sample_db)
    sid = next(sid for sid, found in expected.items() if found)
    with Project.open(sample_db) as project:
        project.confirm(sid, project.segment(sid).target, override_reason="house style")
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        row = next(r for r in screen.rows if r.segment_id == sid)
        assert row.clean and row.accepted
        label = f"✓ {len(row.accepted)} accepted"
        assert row.summary().plain == label
        assert any(label in line for line in screen_lines(app))


async def test_reading_again_keeps_the_reviewers_place(sample_db, make_app):
    """F5 (which a refused verdict says to press) reads the rows again and leaves the cursor
    on the segment the reviewer was on; it went back to the first row, where the next `a`
    approved another segment."""
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        table = screen.query_one(DataTable)
        table.move_cursor(row=5)
        await settle(pilot)
        chosen = screen.selected().segment_id
        await pilot.press("f5")
        await settle(pilot)
        assert screen.selected().segment_id == chosen
        assert f"Segment {screen.selected().position}" in "\n".join(screen_lines(app))
        # a segment approved out of the view (of drafts): the cursor goes on to the next one
        screen.set_view(ReviewFilter(statuses=("draft",)))
        await settle(pilot)
        following = screen.rows[screen.rows.index(screen.selected()) + 1].segment_id
        with Project.open(sample_db) as project:
            project.review(chosen, "approved")
        await pilot.press("f5")
        await settle(pilot)
        assert screen.selected().segment_id == following


async def test_others_verdicts_reach_an_open_reviewer(sample_db, make_app):
    """Another program's rejection shows in the reviewer's rows (as it does in the editor's
    list) without moving the cursor; the reviewer saw 'translated' until F5."""
    expected = checked(sample_db)
    ids = list(expected)
    with Project.open(sample_db) as project:
        for sid in ids[:4]:
            project.confirm(sid, project.segment(sid).target, override_reason="test")
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        screen.query_one(DataTable).move_cursor(row=1)
        await settle(pilot)
        with Project.open(sample_db, author="ben") as ben:
            ben.review(ids[3], "rejected", "wrong tense")
        for _ in range(100):  # the live link polls the file (bounded wait, not an assertion)
            if next(r for r in screen.rows if r.segment_id == ids[3]).status == "draft":
                break
            await pilot.pause(0.05)
        assert next(r for r in screen.rows if r.segment_id == ids[3]).status == "draft"
        assert screen.selected().segment_id == ids[1]


async def test_a_joined_segment_says_where_its_english_is(sample_db, make_app):
    """The second segment of a 2–1 link showed '(no English)' and its approval was refused as
    'an empty translation', where `workbench review` leaves it with its link's segment."""
    with Project.open(sample_db) as project:
        join_first_two(project)
        second = project.segments(limit=2)[1].id
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        screen.query_one(DataTable).move_cursor(row=1)
        await settle(pilot)
        assert screen.selected().segment_id == second
        assert await shows(pilot, "↑ joined: its English is in #1")
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is screen  # no comment asked: nothing to approve here
        assert notified(app, "Segment 2 is joined: its English is in #1")
        assert not notified(app, "empty translation")
        await pilot.press("e")  # an LQA error: on the English it judges, its link's
        await settle(pilot)
        assert isinstance(app.screen, LqaErrorScreen) and app.screen.english
        assert notified(app, "Segment 2 is joined to segment 1, whose English translates it: "
                        "the error is recorded on segment 1.")
        assert not notified(app, "has no English to evaluate")


async def test_an_arabic_document_name_keeps_the_count_after_it_in_the_title(sample_db, config):
    from workbench.tui.app import WorkbenchApp

    name = "التقرير السنوي 2024 (مسودة)"
    with Project.open(sample_db) as project:
        project.import_document_text("كتب الطالب رسالة.\n", name)
    app = WorkbenchApp(sample_db, config=config, direction="app", document=name)
    async with editing(app) as (pilot, _):
        await open_screen(pilot, "f3", ReviewScreen)
        # the 1 of "1 of 1 segments" stays after the name (it was drawn before it, in its run)
        assert await shows(pilot, f"Review · {visual(name)} · 1 of 1 segments")


async def test_a_joined_segment_does_not_repeat_its_links_findings(sample_db, make_app):
    """Each segment of a link carries the unit's findings, so the joined segment's row showed
    its holder's findings again: the title counted them twice (the CLI's `check` once), the
    "with findings" view walked them twice, and the findings could not be accepted there."""
    with Project.open(sample_db) as project:
        join_first_two(project)
        first, second = (s.id for s in project.segments(limit=2))
        project.save_draft(first, f"The the {project.segment(first).target}")
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        rows = {r.segment_id: r for r in screen.rows}
        assert rows[first].findings and not rows[second].findings
        assert str(rows[second].summary()) == "↑ #1"
        screen.set_view(ReviewFilter(findings="findings"))
        await settle(pilot)
        assert second not in [r.segment_id for r in screen.rows]
        screen.set_view(ReviewFilter(findings="clean"))
        await settle(pilot)
        assert second not in [r.segment_id for r in screen.rows]


async def test_review_says_once_that_the_spelling_findings_are_british(
    sample_db, make_app, config, tmp_path
):
    """The sample's 'organising' and 'organisation' are flagged by the en_US check: F3 now
    says once, as `workbench check` does, that they are British and how to check en_GB."""
    from tests.spelling.conftest import write_dictionary

    write_dictionary(tmp_path / "gb", "en_GB", "organising organisation")
    config.spelling_dictionaries = [str(tmp_path / "gb")]
    hint = ('2 of the 2 spelling findings are British spellings: set [spelling] language = '
            f'"en_GB" in the config file ({config.path})')
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        await until(pilot, lambda: notified(app, hint))
        screen.load()  # read again (F5): not said again
        await settle(pilot)
        assert sum(hint in str(n.message) for n in app._notifications) == 1


async def test_a_segment_split_elsewhere_joins_an_open_reviewer(sample_db, make_app):
    """A split made in another program adds its new segment to the reviewer's rows (the title
    said '21 of 22 segments · all segments' and the new one was left out until F5), the cursor
    kept on its segment."""
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        screen.query_one(DataTable).move_cursor(row=2)
        await settle(pilot)
        kept = screen.selected().segment_id
        first = screen.rows[0].segment_id
        with Project.open(sample_db, author="ben") as ben:
            source = ben.segment(first).source
            _, new = ben.split_segment(first, source.index(" ", len(source) // 2) + 1)
        await until(pilot, lambda: any(r.segment_id == new.id for r in screen.rows))
        assert [r.segment_id for r in screen.rows][:2] == [first, new.id]
        assert len(screen.rows) == len(screen.all_rows)
        assert screen.selected().segment_id == kept


async def test_the_reviewers_segment_merged_elsewhere_keeps_the_cursor_there(sample_db, make_app):
    """The segment under the reviewer's cursor merged into the one before it by another
    program: the cursor goes to that one, which holds its Arabic now (it went to the
    document's first row)."""
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        screen.query_one(DataTable).move_cursor(row=3)
        await settle(pilot)
        before, merged = screen.rows[2].segment_id, screen.rows[3].segment_id
        assert screen.selected().segment_id == merged
        with Project.open(sample_db, author="ben") as ben:
            ben.merge_with_next(before)
        await until(pilot, lambda: all(r.segment_id != merged for r in screen.rows))
        await settle(pilot)
        assert screen.selected().segment_id == before


async def test_a_comment_on_a_segment_merged_meanwhile_is_given_back(sample_db, make_app):
    """The reviewer types a comment while another program merges the segment into the one
    before it: the notice names the segment by the number the reviewer saw and gives the
    comment back (it said 'no segment 4 in PATH: it was merged into segment 3 ...', by ids)."""
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        screen.query_one(DataTable).move_cursor(row=3)
        await settle(pilot)
        row = screen.selected()
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        with Project.open(sample_db, author="ben") as ben:
            ben.merge_with_next(screen.rows[2].segment_id)
        await pilot.press(*"check the tense", "enter")
        await until(pilot, lambda: notified(app, "is no longer there"))
        assert notified(app, f"Segment {row.position} is no longer there (merged with another "
                             "or removed elsewhere meanwhile): your comment was not added: "
                             "check the tense")
        assert not notified(app, "no segment")


async def test_a_rejection_of_english_changed_meanwhile_gives_the_comment_back(sample_db,
                                                                                make_app):
    """The translator saves new English while the reviewer writes why they reject it: the
    rejection is refused (the reviewer judged other English) and its comment is said back,
    not lost."""
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        row = screen.selected()
        await pilot.press("r")
        await settle(pilot)
        with Project.open(sample_db, author="ana") as ana:
            ana.save_draft(row.segment_id, "New English meanwhile.")
        await pilot.press(*"use the glossary", "enter")
        await until(pilot, lambda: notified(app, "was changed since you read it"))
        assert notified(app, "not rejected (your comment: use the glossary)")
