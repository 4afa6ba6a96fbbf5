"""Alignment fixes in the editor with the pilot: merge with the next segment (Alt+M), split at
the cursor (Alt+S and the split dialog), move a reference sentence (Alt+N / Alt+P)."""

from __future__ import annotations

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import notified, shows
from workbench.project import Project
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.split import SplitScreen, cut_points, default_cut

REF = "reference:main"


async def test_merge_with_next_in_the_editor(sample_db, make_app):
    with Project.open(sample_db) as project:
        a, b = project.segment(2), project.segment(3)
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        await pilot.press("alt+m")
        await settle(pilot)
        assert len(screen.rows) == 20
        assert screen.current.id == 2
        assert screen.current.source == f"{a.source} {b.source}"
        assert screen.editor.text == f"{a.target} {b.target}"
        assert not screen.editor.read_only
        assert screen.rows.row(2).position == 3 and screen.rows.row(2).id == 4
        assert await shows(pilot, "20 segments")
    with Project.open(sample_db) as project:
        assert project.segment(2).source == f"{a.source} {b.source}"
        assert project.history(2)[-1].action == "merge"


async def test_merge_of_the_last_segment_is_refused(sample_db, make_app):
    app = make_app()
    async with editing(app, 21) as (pilot, screen):
        await pilot.press("alt+m")
        await settle(pilot)
        assert notified(app, "nothing to merge with")
        assert len(screen.rows) == 21 and not screen.editor.read_only
    with Project.open(sample_db) as project:
        assert project.document().segments == 21


async def _split_at(pilot, screen, offset: int) -> None:
    """Alt+S with the English editor's cursor at ``offset``: the split dialog opens."""
    editor = screen.editor
    editor.move_cursor(editor.document.get_location_from_index(offset))
    await pilot.press("alt+s")
    await settle(pilot)


async def test_split_at_the_cursor(sample_db, make_app):
    with Project.open(sample_db) as project:
        seg = project.segment(3)
    english_cut = seg.target.index(",") + 1
    app = make_app()
    async with editing(app, 3) as (pilot, screen):
        await _split_at(pilot, screen, english_cut)
        dialog = app.screen
        assert isinstance(dialog, SplitScreen)
        assert dialog.split_english and dialog.english_cursor == english_cut
        before = dialog.choice()
        await pilot.press("left")  # one word later
        assert dialog.choice().offset > before.offset
        await pilot.press("right")
        assert dialog.choice() == before
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert len(screen.rows) == 22
        assert screen.current.id == 3
        assert screen.editor.text == seg.target[:english_cut]
        new = screen.rows.row(3)
        assert new.position == 4 and new.target == seg.target[english_cut:].lstrip()
    with Project.open(sample_db) as project:
        first = project.segment(3)
        second = project.segments(offset=3, limit=1)[0]
    assert first.source == seg.source[: before.offset]
    assert f"{first.source} {second.source}" == seg.source


async def test_a_split_whose_english_changed_elsewhere_meanwhile_splits_nothing(
    sample_db, make_app
):
    """Alt+S with the cursor after a comma, and someone else put 'Indeed, ' before the
    English while the dialog was open: Enter cut their English at the old offset, eight
    characters into the wrong words. It is refused (said), nothing split."""
    with Project.open(sample_db) as project:
        seg = project.segment(3)
    english_cut = seg.target.index(",") + 1
    app = make_app()
    async with editing(app, 3) as (pilot, screen):
        await _split_at(pilot, screen, english_cut)
        assert isinstance(app.screen, SplitScreen)
        with Project.open(sample_db, author="omar") as other:
            other.save_draft(3, "Indeed, " + seg.target)
        await pilot.press("enter")
        await settle(pilot)
        assert notified(app, "was changed by omar since the split was chosen")
        assert len(screen.rows) == 21
    with Project.open(sample_db) as project:
        assert project.document().segments == 21
        assert project.segment(3).target == "Indeed, " + seg.target


async def test_split_keeps_the_english_whole_with_e(sample_db, make_app):
    with Project.open(sample_db) as project:
        seg = project.segment(5)
    app = make_app()
    async with editing(app, 5) as (pilot, screen):
        screen.editor.move_cursor((0, 10))
        await pilot.press("alt+s")
        await settle(pilot)
        await pilot.press("e", "enter")
        await settle(pilot)
        assert screen.editor.text == seg.target
        assert screen.rows.row(5).target == ""
        # the new part is joined to the first (its English kept whole there): listed, as
        # `workbench stats` counts it, with that one's status
        assert screen.rows.row(5).joined_to == 5
        assert screen.rows.row(5).status == screen.rows.row(4).status


def test_cut_points_and_default_cut():
    source = "قرأ المعلم الدرس، ثم شرح القاعدة."
    points = cut_points(source)
    assert [source[p - 1] for p in points] == ["أ", "م", "،", "م", "ح"]
    assert points[default_cut(source, points)] == source.index(" ثم")
    assert default_cut("كلمة", cut_points("كلمة")) == -1
    assert points[default_cut(source, points, share=0.0)] == points[0]


async def test_move_reference_sentence_both_ways(sample_db, make_app):
    with Project.open(sample_db) as project:
        links = {sid: project.link(sid, REF) for sid in range(1, 22)}
    # A segment whose reference link differs from the next one's and holds a sentence.
    sid = next(
        i for i in range(1, 21)
        if links[i] != links[i + 1] and links[i]["sentences"]
    )
    this_before, next_before = links[sid]["sentences"], links[sid + 1]["sentences"]
    app = make_app()
    async with editing(app, sid) as (pilot, screen):
        await pilot.press("alt+n")
        await settle(pilot)
        assert screen.current.id == sid
        with Project.open(sample_db) as project:
            assert project.link(sid, REF)["sentences"] == this_before[:-1]
            assert project.link(sid + 1, REF)["sentences"] == [this_before[-1], *next_before]
        assert notified(app, "moved to the next segment")
        await pilot.press("alt+p")
        await settle(pilot)
        with Project.open(sample_db) as project:
            assert project.link(sid, REF)["sentences"] == this_before
            assert project.link(sid + 1, REF)["sentences"] == next_before
            assert project.link(sid, REF)["confidence"] == 1.0


async def test_alt_p_joins_the_next_segment_once_its_english_is_taken(sample_db, make_app):
    """Alt+P again on a segment whose next one's reference English it has taken makes a 2–1
    link (it was refused, 'has no English sentence to move': only Alt+M, which merges the
    Arabic, made one), and says so."""
    with Project.open(sample_db) as project:
        links = {sid: project.link(sid, REF) for sid in range(1, 22)}
    sid = next(
        i for i in range(1, 20)
        if links[i] != links[i + 1] != links[i + 2] and len(links[i + 1]["sentences"]) == 1
    )
    english = [*links[sid]["sentences"], *links[sid + 1]["sentences"]]
    app = make_app()
    async with editing(app, sid) as (pilot, screen):
        await pilot.press("alt+p")
        await settle(pilot)
        assert notified(app, "taken from the next segment")
        await pilot.press("alt+p")
        await settle(pilot)
        assert notified(app, "it joined this segment's link")
        assert screen.current.id == sid
        with Project.open(sample_db) as project:
            assert project.link(sid + 1, REF) == project.link(sid, REF)
            assert project.link(sid, REF)["sentences"] == english


def test_screen_and_fix_bindings_have_ids_and_descriptions():
    from workbench.tui import keys

    specs = {s.id: s for s in keys.all_specs()}
    for ident, scope in (("review", "app"), ("scores", "app"), ("export", "app"),
                         ("import", "app"), ("merge_next", "editor"),
                         ("split_segment", "editor"), ("move_sentence_next", "editor"),
                         ("move_sentence_previous", "editor")):
        assert specs[ident].scope == scope and specs[ident].description
    assert keys.clashes({}) == []  # no key bound twice where both could fire


async def test_a_failing_fix_is_notified_and_the_editor_stays_usable(make_app, monkeypatch):
    import sqlite3

    def locked(self, segment_id):
        raise sqlite3.OperationalError("database is locked")

    from workbench.project.restructure import Restructure

    monkeypatch.setattr(Restructure, "merge_with_next", locked)
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        await pilot.press("alt+m")
        await settle(pilot)
        assert notified(app, "OperationalError: database is locked")
        assert not screen.editor.read_only and len(screen.rows) == 21
        app.goto_segment(9999)  # a segment that is gone: said, not raised
        await pilot.pause()
        assert notified(app, "no segment 9999")


async def test_a_refused_fix_names_segments_by_their_numbers_in_the_list(sample_db, make_app):
    """After a merge ids and the list's numbers differ: a merge refused because the next
    segment is locked names that segment by its number (it said 'segment 5 is locked ...
    workbench unlock 5' of the row numbered 4), with the editor's unlock key."""
    with Project.open(sample_db) as project:
        project.merge_with_next(1)
        project.lock(5)
        assert (project.segment(4).position, project.segment(5).position) == (3, 4)
    app = make_app()
    async with editing(app, 4) as (pilot, screen):
        await pilot.press("alt+m")
        await settle(pilot)
        assert notified(app, "segment 4 is locked: unlock it first (Ctrl+U on it)")
        assert not notified(app, "segment 5")
        assert len(screen.rows) == 20 and not screen.editor.read_only


async def test_split_of_a_long_segment_shows_both_sides_of_the_cut(sample_db, make_app):
    from tests.tui.conftest import screen_lines
    from workbench.text.bidi import visual

    words = [f"كلمة{n}" for n in range(1, 301)]  # 2,000 characters, no sentence end
    with Project.open(sample_db) as project:
        project.import_document_text(" ".join(words) + "\n", "long")
    app = make_app(document="long")
    async with editing(app) as (pilot, _screen):
        await pilot.press("alt+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SplitScreen)
        cut = dialog.choice().offset
        last_before, first_after = dialog.source[:cut].split()[-1], dialog.source[cut:].split()[0]
        text = "\n".join(screen_lines(app))
        # the first box ends with the word before the cut (its beginning left out), the new
        # segment's box starts with the word after it
        assert visual(last_before) in text and visual(first_after) in text
        assert "…" in text


async def test_split_of_a_short_first_part_shows_it(sample_db, make_app):
    """A first part of one line is shown (its box had no line: Textual counts the newlines),
    and the dialog says how to move the cut both ways."""
    from tests.tui.conftest import screen_lines
    from workbench.text.bidi import visual

    with Project.open(sample_db) as project:
        project.import_document_text("قالت: حبًّا وكرامة، إنْ أذِنَ لي الملك.\n", "short")
    app = make_app(document="short")
    async with editing(app) as (pilot, _screen):
        await pilot.press("alt+s")
        await settle(pilot)
        assert isinstance(app.screen, SplitScreen)
        lines = screen_lines(app)
        first = next(i for i, line in enumerate(lines) if "first segment" in line)
        assert visual("قالت:") in lines[first + 1]  # the box's line, not its bottom border
        text = "\n".join(lines)
        assert "cut one word later" in text and "cut one word earlier" in text
