"""The scores screen with the pilot: corpus scores of the working translation and drafts, a
sparkline of per-segment chrF++, the worst segments first, Enter jumping to the editor."""

from __future__ import annotations

from textual.widgets import DataTable, Sparkline

from tests.tui.conftest import editing, editor_screen, screen_lines, settle
from tests.tui.screen_wait import notified, open_screen, shows
from workbench.project import Project
from workbench.project.sample import bundled
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.scores import ScoresScreen


async def test_scores_screen_sorts_worst_first_and_jumps(sample_db, make_app):
    with Project.open(sample_db) as project:
        project.import_translation(bundled("translations/draft.en.txt"), "sample", "draft", "one")
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "ctrl+t", ScoresScreen)
        assert [s.name for s in screen.systems] == ["working", "draft:one"]
        systems = screen.query_one("#scores-systems", DataTable)
        assert systems.row_count == 2
        working = screen.systems[0]
        assert 0 < working.chrf < 100
        spark = screen.query_one(Sparkline)
        assert list(spark.data) == [s.chrf for s in working.segments]
        worst = working.worst()
        assert [s.chrf for s in worst] == sorted(s.chrf for s in working.segments)
        table = screen.query_one("#scores-segments", DataTable)
        assert table.border_title == "working: worst first"
        assert [screen.rows[str(i)] for i in range(table.row_count)] == worst
        assert screen.selected() == worst[0]

        await pilot.press("d")  # the draft's chart and table
        await settle(pilot)
        assert screen.shown == 1
        assert list(spark.data) == [s.chrf for s in screen.systems[1].segments]
        await pilot.press("d")
        await settle(pilot)
        assert screen.shown == 0

        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert editor_screen(app).current.id == worst[1].segment_id
    with Project.open(sample_db) as project:
        runs = project.score_history()
        assert {r["version"] for r in runs} >= {"working", "draft:one"}
        assert project.segment_scores()  # the editor's low-score filter can use them


async def test_scores_screen_without_reference_says_so(sample_db, make_app, tmp_path):
    source = tmp_path / "other.ar.txt"
    source.write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    with Project.open(sample_db) as project:
        project.import_document(source, "other")
    app = make_app(document="other")
    async with editing(app) as (pilot, _):
        await open_screen(pilot, "ctrl+t", ScoresScreen)
        assert await shows(pilot, "no reference")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)


async def test_scores_the_project_could_not_record_are_shown_and_said(
    sample_db, make_app, monkeypatch
):
    from workbench.errors import ProjectError
    from workbench.project.scoring import Scoring

    def busy(*_args: object) -> None:
        raise ProjectError("segments.db: the project is busy: another program held it")

    monkeypatch.setattr(Scoring, "_store_runs", busy)
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "ctrl+t", ScoresScreen)
        assert await shows(pilot, "chrF++ per segment of working")
        assert [s.name for s in screen.systems] == ["working"]
        assert notified(app, "The scores are not recorded: segments.db: the project is busy")


async def test_a_unit_of_two_segments_is_shown_as_scored(sample_db, make_app, tmp_path):
    """A unit of two segments (an English sentence of the working translation joining them)
    showed the first segment's Arabic, English and reference alone, though its scores are
    the unit's: the second segment's reference sentence looked missed."""
    source = tmp_path / "two.ar.txt"
    source.write_text("وصل الرئيس إلى باريس صباح اليوم.\nوالتقى بنظيره الفرنسي في القصر.\n"
                      "وناقش الجانبان الأزمة الاقتصادية.\n", encoding="utf-8")
    refs = ["The president arrived in Paris this morning.",
            "He met his French counterpart at the palace.",
            "The two sides discussed the economic crisis."]
    joined = "The president arrived in Paris this morning and met his counterpart."
    with Project.open(sample_db) as project:
        project.import_document(source, "two")
        project.import_translation_text("\n".join(refs), "two", "reference")
        project.import_translation_text(f"{joined}\n{refs[2]}", "two", "working")
    app = make_app(document="two")
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "ctrl+t", ScoresScreen)
        assert await shows(pilot, "chrF++ per segment of working")
        worst = screen.systems[0].worst()[0]
        assert worst.positions == (1, 2)
        detail = screen.query_one("#scores-detail")
        assert detail.border_title.startswith("Segment 1+2 ·")
        assert await shows(pilot, f"reference:main: {refs[0]} {refs[1]}")
        assert await shows(pilot, f"working: {joined}")


async def test_the_detail_shows_a_reference_that_translates_the_unit(
    sample_db, make_app, tmp_path
):
    """Scored against two references, a unit the first leaves out (a reference of part of
    the document) showed that reference, empty, not the one its scores came from."""
    from workbench.store import versions as q_versions

    source = tmp_path / "two.ar.txt"
    source.write_text("وصل الرئيس إلى باريس صباح اليوم. والتقى بنظيره الفرنسي في القصر.\n",
                      encoding="utf-8")
    refs = ["The president arrived in Paris this morning.",
            "He met his French counterpart at the palace."]
    with Project.open(sample_db) as project:
        project.import_document(source, "two")
        seg_ids = [s.id for s in project.segments("two")]
        with project.transaction():  # a reference of the first sentence alone
            vid = q_versions.create_version(
                project.db, project.document("two").id, "reference:part", "reference", None
            )
            q_versions.store_alignment(project.db, vid, [(1, refs[0])], seg_ids,
                                       [([0], [0]), ([1], [])], [1.0, 1.0])
            q_versions.put_translations(project.db, vid, [(seg_ids[0], refs[0])])
        project.import_translation_text(" ".join(refs), "two", "reference", "full")
        project.import_translation_text(
            "The president came to Paris. He met the French counterpart.", "two", "working"
        )
    app = make_app(document="two")
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "ctrl+t", ScoresScreen)
        assert await shows(pilot, "chrF++ per segment of working")
        assert screen.refs == ["reference:part", "reference:full"]
        table = screen.query_one("#scores-segments", DataTable)
        for expected, ref in (((1,), f"reference:part: {refs[0]}"),
                              ((2,), f"reference:full: {refs[1]}")):
            row = next(k for k, r in screen.rows.items() if r.positions == expected)
            table.move_cursor(row=int(row))
            await settle(pilot)
            assert await shows(pilot, ref)


async def test_an_arabic_version_name_is_ordered_for_display(sample_db, make_app):
    """The versions table, the chart's label and the table's title showed an Arabic draft
    name in storage order (reversed in a terminal without bidi), the detail beside them in
    display order."""
    with Project.open(sample_db) as project:
        project.import_translation(bundled("translations/draft.en.txt"), "sample", "draft",
                                   "مسودة")
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "ctrl+t", ScoresScreen)
        assert await shows(pilot, "chrF++ per segment of working")
        shown = app.bidi.plain("draft:مسودة")
        assert shown != "draft:مسودة"
        systems = screen.query_one("#scores-systems", DataTable)
        assert systems.get_row_at(1)[0].plain == shown
        await pilot.press("d")
        await settle(pilot)
        table = screen.query_one("#scores-segments", DataTable)
        assert table.border_title == f"{shown}: worst first"
        assert await shows(pilot, f"chrF++ per segment of {shown}")
        app.set_direction("terminal")  # the names are drawn again, in storage order
        await settle(pilot)
        assert systems.get_row_at(1)[0].plain == "draft:مسودة"
        assert table.border_title == "draft:مسودة: worst first"


async def test_the_lqa_line_wraps_in_a_narrow_terminal(sample_db, make_app):
    """At 80 columns the LQA line under the systems wraps: its end ("E records one") was cut
    off at the screen's edge."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_screen(pilot, "ctrl+t", ScoresScreen)
        assert await shows(pilot, "LQA (working): no score yet")
        text = " ".join(" ".join(screen_lines(app)).split())
        assert "(reviewer F3: e records one)" in text


async def test_the_segment_panel_shows_a_long_reference_whole_at_80x24(sample_db, make_app):
    """At 80x24 a long segment's Arabic, English and reference take six lines: the panel had
    room for five and cut the reference's end off."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_screen(pilot, "ctrl+t", ScoresScreen)
        table = screen.query_one("#scores-segments", DataTable)
        row = next(i for i in range(table.row_count) if screen.rows[str(i)].positions == (19,))
        table.move_cursor(row=row)
        await settle(pilot)
        text = " ".join(" ".join(screen_lines(app)).split())
        assert "Segment 19" in text
        assert "had been accomplished in advance." in text  # the working English's end
        assert "reference:main:" in text
        assert "had already been done beforehand." in text.split("reference:main:")[-1]


async def test_a_missing_reference_is_said_with_the_keys_that_import_it(
    sample_db, make_app, tmp_path
):
    """The scores screen told a translator in the TUI to run `workbench import-translation
    FILE --doc NAME --as reference`; Ctrl+O imports one from this very screen, F5 scores
    again, and both are said (as remapped)."""
    source = tmp_path / "other.ar.txt"
    source.write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    with Project.open(sample_db) as project:
        project.import_document(source, "my other")
    app = make_app(document="my other")
    async with editing(app) as (pilot, _):
        await open_screen(pilot, "ctrl+t", ScoresScreen)
        assert await shows(pilot, "no reference")
        said = [n.message for n in app._notifications if "no reference" in n.message]
        assert said and "workbench import-translation" not in said[-1]
        assert said[-1].endswith("(import one: Ctrl+O, as the reference; then F5 scores again)")
