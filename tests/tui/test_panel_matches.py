"""The translation memory in the editor with the pilot: the Matches panel (matches of a segment
with a hit, none otherwise), match N inserted by its key (a draft, its origin in the history
and a note), auto-insert from the config's threshold, the list's 100/101 and repetition marks,
and the concordance dialog (through a clitic) inserting a unit's English."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from textual.widgets import Input, OptionList

from tests.tui.conftest import editing, editor_screen, screen_lines, settle
from tests.tui.screen_wait import shows
from workbench.config import Config
from workbench.project import Project
from workbench.tui.screens.concordance import ConcordanceScreen
from workbench.tui.widgets.matches_panel import (
    CHANGED_STYLE,
    CURSOR_STYLE,
    MatchesPanel,
    diff_text,
)
from workbench.tui.widgets.segment_list import REPEAT_MARK, SegmentList

CLAIM = "هذا الادعاء كاذب حتى النخاع."  # segment 2 of the sample
MEMORY = (
    f"{CLAIM}\tThis claim is false to the core.\n"
    "هذا الادعاء صادق حتى النخاع.\tThis claim is true to the core.\n"
    "آمن الناس بالثورة منذ البداية.\tPeople believed in the revolution from the start.\n"
)
NO_MATCH = "تغرد الطيور فوق الأشجار العالية صباحا."


def add_memory(db: Path, folder: Path, *, document: bool = False) -> list[int]:
    """Import a small memory (and, with ``document``, a document "rep" whose first and last
    segments repeat each other and match the memory exactly; its ids)."""
    tsv = folder / "demo.tsv"
    tsv.write_text(MEMORY, encoding="utf-8")
    with Project.open(db, author="tester") as project:
        project.tm.import_file(tsv, name="demo")
        if not document:
            return []
        text = folder / "rep.txt"
        text.write_text(f"{CLAIM}\n{NO_MATCH}\n{CLAIM}\n", encoding="utf-8")
        project.import_document(text, "rep")
        return [s.id for s in project.segments("rep")]


async def test_a_trados_studio_memory_shows_in_the_panel(sample_db, make_app, tmp_path):
    """A .sdltm given to `tm import` (tests/tm/test_sdltm.py) is offered as any memory is."""
    from tests.tm.test_sdltm import sdltm, seg, text

    path = sdltm(tmp_path / "trados.sdltm", ("en-US", "ar-SA"), [
        (seg("en-US", text("This claim is false to the core.")), seg("ar-SA", text(CLAIM)))])
    with Project.open(sample_db, author="tester") as project:
        project.tm.import_file(path)
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        panel = screen.query_one(MatchesPanel)
        assert [(m.score, m.origin, m.author) for m in panel.matches] == [
            (100, "trados", "TRADOS\\sami")]  # the last to change it
        assert await shows(pilot, "This claim is false to the core.")


async def test_panel_shows_the_matches_of_a_segment_with_a_hit_and_none_otherwise(
    sample_db, make_app, tmp_path
):
    add_memory(sample_db, tmp_path)
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        panel = screen.query_one(MatchesPanel)
        assert [m.score for m in panel.matches] == [100, 80]
        assert panel.matches[1].target == "This claim is true to the core."
        assert await shows(pilot, "This claim is true to the core.")
        assert panel.border_title == "Matches · best 100%"
        # the 80% match: the word that differs (صادق for كاذب) is highlighted
        shown, spans = diff_text(panel.matches[1])
        assert [(shown[s:e], style) for s, e, style in spans] == [("صادق", CHANGED_STYLE)]
        screen.open_segment(3)
        await settle(pilot)
        assert panel.matches == []
        assert not screen.has_class("wide")  # 120 columns: the matches are a tab
        # the glossary and the findings for a segment without matches
        assert not screen.has_class("-matches")
        await pilot.press("shift+f6")  # the translator's choice: the matches tab, kept
        await settle(pilot)
        assert await shows(pilot, "No translation memory match.")
        screen.open_segment(2)
        await settle(pilot)
        assert screen.has_class("-matches")
        await pilot.press("shift+f6")  # and the other tab, kept for a segment with matches
        screen.open_segment(3)
        await settle(pilot)
        screen.open_segment(2)
        await settle(pilot)
        assert not screen.has_class("-matches")


async def test_a_late_result_for_another_segment_is_dropped(sample_db, make_app, tmp_path):
    add_memory(sample_db, tmp_path)
    app = make_app()
    async with editing(app, 3) as (pilot, screen):
        from workbench.tui.screens.editor.matches import MatchesReady

        with Project.open(sample_db) as project:
            late = project.tm.segment_matches(2)
        screen.post_message(MatchesReady(2, late))  # segment 2 was left long ago
        await settle(pilot)
        assert screen.query_one(MatchesPanel).matches == []
        assert screen.tm_matches_for == 3


async def test_keys_insert_match_n_as_a_draft_with_its_origin(sample_db, make_app, tmp_path):
    add_memory(sample_db, tmp_path)
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        await pilot.press("shift+f5", "2")  # the panel takes the focus; 2: match 2
        await settle(pilot)
        assert screen.editor.has_focus
        assert screen.editor.text == "This claim is true to the core."
        with Project.open(sample_db) as project:
            segment = project.segment(2)
            assert (segment.target, segment.status) == ("This claim is true to the core.",
                                                        "draft")
            last = project.history(2)[-1]
            assert (last.action, last.new_text) == ("tm-insert", segment.target)
            notes = [n for n in project.notes(2) if n["kind"] == "tm"]
            assert notes and "80% match from demo" in notes[-1]["text"]
        # Ctrl+F1: the best match at once
        await pilot.press("ctrl+f1")
        await settle(pilot)
        assert screen.editor.text == "This claim is false to the core."
        with Project.open(sample_db) as project:
            assert project.segment(2).target == "This claim is false to the core."
            assert project.history(2)[-1].action == "tm-insert"
        # a match the segment does not have: said, nothing written
        await pilot.press("shift+f5")
        await settle(pilot)
        panel = screen.query_one(MatchesPanel)
        assert panel.has_focus
        first, _ = panel._ranges[panel.cursor]  # the chosen match's line is highlighted
        strip = panel.render_line(first - panel.scroll_offset.y)
        assert {seg.style.bgcolor for seg in strip} == {CURSOR_STYLE.bgcolor}
        await pilot.press("5")
        await settle(pilot)
        assert screen.editor.text == "This claim is false to the core."
        assert any("No match 5" in n.message for n in app._notifications)
        # a segment without matches says so, not "No match 1: … 0 translation memory matches"
        screen.open_segment(1)
        await settle(pilot)
        screen.action_insert_match(1)
        await settle(pilot)
        assert any(n.message == "This segment has no translation memory matches."
                   for n in app._notifications)


async def test_auto_insert_follows_the_config_threshold(sample_db, make_app, tmp_path):
    ids = add_memory(sample_db, tmp_path, document=True)
    config = Config(path=tmp_path / "config" / "config.toml", tm_auto_insert_min=95)
    app = make_app(config=config, document="rep")
    async with editing(app) as (pilot, screen):
        assert screen.current is not None and screen.current.id == ids[0]
        assert screen.editor.text == "This claim is false to the core."
        with Project.open(sample_db) as project:
            segment = project.segment(ids[0])
            assert (segment.target, segment.status) == ("This claim is false to the core.",
                                                        "draft")
            assert project.history(ids[0])[-1].action == "tm-auto"
            assert any(n["kind"] == "tm" and "100% match from demo" in n["text"]
                       for n in project.notes(ids[0]))
        screen.open_segment(ids[1])  # no match at all: stays empty
        await settle(pilot)
        assert screen.editor.text == ""


async def test_no_auto_insert_when_the_threshold_is_off(sample_db, make_app, tmp_path):
    ids = add_memory(sample_db, tmp_path, document=True)
    app = make_app(document="rep")  # the default config: auto_insert_min = 0
    async with editing(app) as (_pilot, screen):
        assert screen.current is not None and screen.current.id == ids[0]
        assert [m.score for m in screen.tm_matches] == [100, 80]
        assert screen.editor.text == ""
        with Project.open(sample_db) as project:
            assert project.segment(ids[0]).target == ""
            assert project.segment(ids[0]).status == "new"


async def test_a_segment_without_letters_is_offered_its_digits_converted(
    sample_db, make_app, tmp_path
):
    """A page number needs no memory: the panel offers it converted, Ctrl+F1 inserts it (a
    draft, its origin in a note), and auto-insert fills it like a 100% match."""
    text = tmp_path / "numbers.txt"
    text.write_text("٢٠١٩\n\n٥٠٪\n", encoding="utf-8")
    with Project.open(sample_db, author="tester") as project:
        project.import_document(text, "numbers")
        year, percent = (s.id for s in project.segments("numbers"))
    config = Config(path=tmp_path / "config" / "config.toml", tm_auto_insert_min=100)
    app = make_app(document="numbers")
    async with editing(app, year) as (pilot, screen):
        panel = screen.query_one(MatchesPanel)
        assert [(m.score, m.origin, m.text) for m in panel.matches] == [
            (100, "non-translatable", "2019")
        ]
        await pilot.press("ctrl+f1")
        await settle(pilot)
        assert screen.editor.text == "2019"
        with Project.open(sample_db) as project:
            assert (project.segment(year).target, project.segment(year).status) == (
                "2019", "draft")
            assert project.history(year)[-1].action == "tm-insert"
            assert any("non-translatable" in n["text"] for n in project.notes(year))
    app = make_app(config=config, document="numbers")
    async with editing(app, percent) as (pilot, screen):
        assert screen.editor.text == "50%"
        assert any("digits and punctuation converted" in n.message
                   for n in app._notifications)
        with Project.open(sample_db) as project:
            assert project.history(percent)[-1].action == "tm-auto"


async def test_ctrl_f1_before_the_matches_are_read_inserts_once_they_are(
    sample_db, make_app, tmp_path
):
    """Alt+Down then Ctrl+F1 at once: the matches were not read yet, and it said "No match
    1: this segment has 0 translation memory matches", the panel then showing one."""
    add_memory(sample_db, tmp_path)
    app = make_app()
    async with editing(app, 3) as (pilot, screen):
        screen.open_segment(2)
        screen.clear_matches()  # as just opened: its matches still being read
        screen.action_insert_match(1)  # Ctrl+F1
        screen.load_matches(2)
        await settle(pilot)
        assert screen.editor.text == "This claim is false to the core."
        assert not any("No match" in n.message or "no translation memory" in n.message
                       for n in app._notifications)
        # English typed before they came: left as typed, nothing inserted
        screen.open_segment(3)
        await settle(pilot)
        screen.clear_matches()
        screen.action_insert_match(1)
        typed = screen.editor.text + " and more"
        screen.editor.load_text(typed)
        screen.load_matches(3)
        await settle(pilot)
        assert screen.editor.text == typed


async def test_the_list_marks_exact_matches_and_repetitions(sample_db, make_app, tmp_path):
    ids = add_memory(sample_db, tmp_path, document=True)
    app = make_app(document="rep")
    async with editing(app) as (_pilot, screen):
        seg_list = screen.query_one(SegmentList)
        assert {sid: seg_list.tm_scores.get(sid) for sid in ids} == {
            ids[0]: 100, ids[1]: 0, ids[2]: 100}
        assert seg_list.repeats == {ids[0], ids[2]}
        rows = [line for line in screen_lines(app) if "│" in line and " new " in line]
        assert len(rows) == 3
        assert f"100{REPEAT_MARK}" in rows[0] and f"100{REPEAT_MARK}" in rows[2]
        assert "100" not in rows[1] and REPEAT_MARK not in rows[1]


async def test_a_narrow_panel_titles_the_best_score_whole(sample_db, make_app, tmp_path):
    """At 60 columns the title is ``Matches · 100%``: ``Matches · best 100%`` was cut to
    ``Matches · best 10…``, a 10% match to read; wide again, the whole title."""
    add_memory(sample_db, tmp_path)
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = editor_screen(app)
        screen.open_segment(2)
        await settle(pilot)
        panel = screen.query_one(MatchesPanel)
        assert panel.border_title == "Matches · 100%"
        await pilot.resize_terminal(150, 40)
        await settle(pilot)
        assert panel.border_title == "Matches · best 100%"


async def test_a_confirmation_shows_its_propagation_in_the_list(sample_db, make_app, tmp_path):
    """Confirming a segment gives its English to its repetitions (propagation): the list shows
    them translated and the repetition opens with that English. They stayed new and empty
    until the document was opened again, and the repetition opened empty."""
    ids = add_memory(sample_db, tmp_path, document=True)
    app = make_app(document="rep")
    async with editing(app, ids[0]) as (pilot, screen):
        assert screen.query_one(SegmentList).repeats == {ids[0], ids[2]}
        screen.editor.load_text("This claim is false to the core.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        with Project.open(sample_db) as project:
            assert project.segment(ids[2]).target == "This claim is false to the core."
        assert screen.rows is not None
        row = screen.rows.row(2)
        assert row is not None and (row.target, row.status) == (
            "This claim is false to the core.", "translated")
        screen.open_segment(ids[2])
        await settle(pilot)
        assert screen.editor.text == "This claim is false to the core."


async def test_prepared_objects_are_frozen_until_the_next_app(
    sample_db, make_app, tmp_path, monkeypatch
):
    import gc

    from workbench.tui import heap

    released: list[int] = []

    def release() -> None:
        gc.unfreeze()
        released.append(gc.get_freeze_count())

    monkeypatch.setattr(heap, "release_frozen", release)
    ids = add_memory(sample_db, tmp_path, document=True)
    async with editing(make_app(document="rep")) as (_pilot, screen):
        assert screen.query_one(SegmentList).repeats == {ids[0], ids[2]}
        assert gc.get_freeze_count() > 0  # out of the collector's walks while the app runs
    assert gc.get_freeze_count() > 0  # still: handing them back made a second's collection
    released.clear()
    async with make_app(document="rep").run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        assert released == [0]  # the next app, once mounted, handed them back


async def test_concordance_finds_through_a_clitic_and_inserts(sample_db, make_app, tmp_path):
    add_memory(sample_db, tmp_path)
    app = make_app()
    async with editing(app, 3) as (pilot, screen):
        screen.editor.load_text("")
        await pilot.press("alt+c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConcordanceScreen)
        dialog.query_one(Input).value = "الثورة"  # finds بالثورة
        await pilot.press("enter")
        await settle(pilot)
        assert [h.target for h in dialog.hits] == [
            "People believed in the revolution from the start."]
        hit = dialog.hits[0]
        assert [hit.source[s:e] for s, e in hit.spans] == ["بالثورة"]
        assert await shows(pilot, "1 unit holds")
        await pilot.press("f2")  # the Arabic only: the same unit
        await settle(pilot)
        assert dialog.lang == "ar" and len(dialog.hits) == 1
        await pilot.press("f2")  # the English only: nothing holds the Arabic
        await settle(pilot)
        assert dialog.lang == "en" and dialog.hits == []
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("down")  # to the units
        assert dialog.query_one(OptionList).has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.editor.text == "People believed in the revolution from the start."


@contextlib.asynccontextmanager
async def _at_80x24_on_a_match(sample_db, make_app, tmp_path) -> AsyncIterator[tuple[Any, Any]]:
    """The app at 80x24 (the matches a tab), a memory added, on segment 2, which has matches:
    (app, pilot)."""
    add_memory(sample_db, tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.editor
        assert screen is not None
        screen.open_segment(2)
        await settle(pilot)
        yield app, pilot


async def test_matches_fit_80x24_as_a_tab(sample_db, make_app, tmp_path):
    async with _at_80x24_on_a_match(sample_db, make_app, tmp_path) as (app, pilot):
        text = "\n".join(screen_lines(app))
        # the project's memories hold units: the tab opens on the matches
        assert "Matches · best 100%" in text and "Glossary" not in text
        assert "1 100% demo" in text
        await pilot.press("shift+f6")
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert "Glossary" in text and "Matches" not in text
        assert "Shift+F6: matches" in text


async def test_tab_hint_follows_a_resize(sample_db, make_app, tmp_path):
    """The glossary's 'Shift+F6: matches' is shown where the matches are a tab: not in a wide
    terminal (the matches are a column there), and again once it is narrow."""
    async with _at_80x24_on_a_match(sample_db, make_app, tmp_path) as (app, pilot):
        await pilot.press("shift+f6")  # the glossary and the findings
        await settle(pilot)
        assert "Shift+F6: matches" in "\n".join(screen_lines(app))
        await pilot.resize_terminal(140, 40)
        await settle(pilot)
        assert "Shift+F6: matches" not in "\n".join(screen_lines(app))
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "Shift+F6: matches" in "\n".join(screen_lines(app))


async def test_a_memory_removed_elsewhere_leaves_the_open_panel(sample_db, make_app, tmp_path):
    """`workbench tm remove` while a segment with its matches is open: the panel and the list's
    marks are read again, so Ctrl+F1 no longer inserts a match of the removed memory."""
    add_memory(sample_db, tmp_path)
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        panel = screen.query_one(MatchesPanel)
        assert [m.score for m in panel.matches] == [100, 80]
        with Project.open(sample_db) as project:  # another process
            project.tm.remove("demo")
        for _ in range(200):
            if not panel.matches and screen.tm_matches_for == 2:
                break
            await pilot.pause(0.05)
        assert panel.matches == [] and screen.tm_matches == []
        before = screen.editor.text
        await pilot.press("ctrl+f1")
        await settle(pilot)
        assert screen.editor.text == before
        with Project.open(sample_db) as project:
            assert project.segment(2).target == before


async def test_concordance_inserts_another_tools_tags_as_the_segments(
    sample_db, make_app, tmp_path
):
    # a unit of another tool's TMX holds {1} {/1}: inserted into a segment without tags they
    # were typed into the English as text (the Matches panel and pretranslate leave them out)
    tsv = tmp_path / "tagged.tsv"
    tsv.write_text("آمن الناس {1}بالثورة{/1} منذ البداية.\t"
                   "People believed in {1}the revolution{/1} from the start.\n", encoding="utf-8")
    with Project.open(sample_db, author="tester") as project:
        project.tm.import_file(tsv, name="tagged")
    app = make_app()
    async with editing(app, 3) as (pilot, screen):
        screen.editor.load_text("")
        await pilot.press("alt+c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConcordanceScreen)
        dialog.query_one(Input).value = "الثورة"
        await pilot.press("enter")
        await settle(pilot)
        assert len(dialog.hits) == 1
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.editor.text == "People believed in the revolution from the start."


async def test_f7_in_the_concordance_draws_its_units_in_the_new_direction(
    sample_db, make_app, tmp_path
):
    from workbench.text.bidi import visual

    add_memory(sample_db, tmp_path)
    app = make_app()
    async with editing(app, 3) as (pilot, _screen):
        await pilot.press("alt+c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConcordanceScreen)
        dialog.query_one(Input).value = "الثورة"
        await pilot.press("enter")
        await settle(pilot)
        unit = "آمن الناس بالثورة منذ البداية."
        assert await shows(pilot, visual(unit))
        await pilot.press("f7")  # terminal direction: sent as stored, the dialog still open
        await settle(pilot)
        assert app.screen is dialog
        assert await shows(pilot, unit) and await shows(pilot, 'holds "الثورة"')


FLAGGED = "هذا الواقع وحده هو ما يفسر قدرتهم على التغلب بسهولة على مقاومة قوات كيرينسكي."
"""Segment 4 of the sample: its draft has two glossary errors."""


async def test_a_segment_with_findings_opens_on_them_whichever_pane_was_chosen(
    sample_db, make_app, tmp_path
):
    """Once Shift+F6 had chosen the matches, every segment opened on them for the rest of the
    session, and before it a segment with matches always did: a segment's glossary errors
    were hidden behind its matches. The chosen pane is kept (as OmegaT and memoQ keep it),
    except for a segment with findings (or without a match): the glossary and the findings,
    their hint naming the hidden matches' best score."""
    tsv = tmp_path / "flagged.tsv"
    tsv.write_text(f"{FLAGGED}\tThis reality alone explains it.\n", encoding="utf-8")
    with Project.open(sample_db, author="tester") as project:
        project.tm.import_file(tsv, name="flagged")
    async with _at_80x24_on_a_match(sample_db, make_app, tmp_path) as (app, pilot):
        screen = app.editor
        assert screen.has_class("-matches")  # segment 2: matches, no finding
        screen.open_segment(4)
        await settle(pilot)
        assert screen.matches_panel.best == 100
        assert not screen.has_class("-matches")  # its errors shown, not its match
        assert "Shift+F6: matches 100%" in "\n".join(screen_lines(app))
        await pilot.press("shift+f6")  # the matches, chosen
        await settle(pilot)
        assert screen.has_class("-matches")
        screen.open_segment(2)
        await settle(pilot)
        assert screen.has_class("-matches")
        screen.open_segment(4)
        await settle(pilot)
        assert not screen.has_class("-matches")  # chosen, but not over its errors
        screen.open_segment(3)  # no match
        await settle(pilot)
        assert not screen.has_class("-matches")
        assert "Shift+F6: matches" in "\n".join(screen_lines(app))
        assert "Shift+F6: matches 100%" not in "\n".join(screen_lines(app))


async def test_a_late_word_on_the_memories_leaves_the_open_segments_tab(
    sample_db, make_app, tmp_path
):
    """Whether the memories hold units (read as the editor starts, to open on the matches
    before the first segment's are read) came, when late, after the first segment's matches
    had chosen its tab, and switched it: to an empty Matches tab, or over its findings."""
    from workbench.tui.screens.editor.matches import TmMarksReady

    async with _at_80x24_on_a_match(sample_db, make_app, tmp_path) as (app, pilot):
        screen = app.editor
        screen.open_segment(3)  # no match: the glossary and the findings
        await settle(pilot)
        assert not screen.has_class("-matches")
        screen._tm_tab_chosen = False  # as at the start, the word not come yet
        screen.post_message(TmMarksReady({}, has_units=True))
        await settle(pilot)
        assert not screen.has_class("-matches")
