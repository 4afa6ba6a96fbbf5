"""The import dialog with the pilot: a new Arabic document (opened in the editor), an English
translation as a draft, and clear refusals."""

from __future__ import annotations

import os

from textual.widgets import Input, RadioButton, Select

from tests.tui.conftest import editing, editor_screen, settle
from tests.tui.screen_wait import open_screen, shows
from workbench.project import Project
from workbench.project.sample import bundled
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.importer import ImportScreen


async def test_import_dialog_adds_a_document_and_opens_it(sample_db, make_app, tmp_path):
    source = tmp_path / "news.ar.txt"
    source.write_text("وصل الوفد إلى القاهرة. بدأت المحادثات صباحا.\nانتهى الاجتماع.\n",
                      encoding="utf-8")
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        await pilot.press(*str(source))
        dialog.query_one("#import-doc", Input).value = "news"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        editor = editor_screen(app)
        assert editor.document.name == "news"
        assert len(editor.rows) == 3
        assert editor.current.source == "وصل الوفد إلى القاهرة."
    with Project.open(sample_db) as project:
        assert [d.name for d in project.documents()] == ["sample", "news"]


async def test_import_dialog_aligns_a_translation_as_a_draft(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        dialog.query_one("#kind-translation", RadioButton).value = True
        await settle(pilot)
        assert dialog.kind() == "translation"
        assert dialog.query_one("#import-translation").display
        dialog.query_one("#import-path", Input).value = str(
            bundled("translations/draft.en.txt")
        )
        dialog.query_one("#import-as", Select).value = "draft"
        dialog.query_one("#import-name", Input).value = "second"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    with Project.open(sample_db) as project:
        assert "draft:second" in project.versions()
        assert project.version_text(1, "draft:second")


async def test_import_dialog_says_where_an_unmatched_english_sentence_went(
    sample_db, make_app, tmp_path
):
    paragraphs = bundled("translations/reference.en.txt").read_text(encoding="utf-8").split("\n")
    paragraphs[0] += " The committee will meet again in Vienna next year to review the budget."
    added = tmp_path / "added.en.txt"
    added.write_text("\n".join(paragraphs), encoding="utf-8")
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        dialog.query_one("#kind-translation", RadioButton).value = True
        await settle(pilot)
        dialog.query_one("#import-path", Input).value = str(added)
        dialog.query_one("#import-as", Select).value = "reference"
        dialog.query_one("#import-name", Input).value = "added"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        said = [n.message for n in app._notifications if "Aligned" in n.message]
        assert len(said) == 1 and "1 uncertain" in said[0]
        assert "Warning: 1 English sentence matched no Arabic segment" in said[0]
        assert "Vienna" in said[0] and "(in segment " in said[0]


async def test_import_dialog_refuses_missing_and_bad_files(
    sample_db, make_app, tmp_path, monkeypatch
):
    # paths relative to tmp_path: the dialog wraps its status line, and where an absolute
    # path's length put the break ("...pytest-350/...: a" / "folder, not a file") the text
    # looked for was cut in two
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    (tmp_path / "folder").mkdir()
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert await shows(pilot, "Type the path")
        dialog.query_one("#import-path", Input).value = "nope.txt"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert await shows(pilot, "no such file")
        dialog.query_one("#import-path", Input).value = "folder"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert await shows(pilot, "a folder, not a file")
        pipe = tmp_path / "pipe"
        os.mkfifo(pipe)  # it exists: "no such file" was wrong
        dialog.query_one("#import-path", Input).value = "pipe"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert await shows(pilot, "not a regular file (a pipe or a device)")
        # a name the system refuses and a ~user it does not know: said, never a crash (70)
        dialog.query_one("#import-path", Input).value = "a" * 300 + ".txt"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert await shows(pilot, "cannot be read (File name too long)")
        dialog.query_one("#import-path", Input).value = "~wb-no-such-user/ar.txt"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert await shows(pilot, "~wb-no-such-user/ar.txt: no such file")
        dialog.query_one("#import-path", Input).value = "empty.txt"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is dialog
        assert await shows(pilot, "empty")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    with Project.open(sample_db) as project:
        assert [d.name for d in project.documents()] == ["sample"]


def test_a_bilingual_file_brought_back_says_the_errors_and_comments_it_added():
    from workbench.project.exchange_results import ExchangeReport
    from workbench.tui.screens.importer import describe

    report = ExchangeReport("/tmp/reviewed.xlf", "xliff", "sample", units=21, left_alone=21,
                            lqa_added=2, notes_added=1)
    assert describe(report).plain == (
        "Brought back reviewed.xlf into 'sample' (working): 0 updated, "
        "0 added, 21 left alone, 2 LQA errors added, 1 comment added.")


def test_another_tools_xliff_imported_as_a_document_says_the_comments_it_added():
    """The TUI says the comments a client's XLIFF brought, as the command line does."""
    from workbench.project.changes import FillReport
    from workbench.project.sources import DocumentImportReport
    from workbench.tui.screens.importer import describe

    report = DocumentImportReport("report", segments=4, format="xliff", tags=0,
                                  fill=FillReport(filled=3), notes_added=2)
    assert describe(report).plain == (
        "Added document 'report' (xliff, 0 tags): 4 segments. Its translations: 3 segments "
        "filled. 2 comments added.")


async def test_a_file_dropped_on_the_terminal_is_imported_from_its_quoted_path(
    sample_db, make_app, tmp_path
):
    """A file dragged onto GNOME Terminal or Konsole is pasted as a shell word,
    ``'/home/me/My draft.txt' `` (iTerm2: ``My\\ draft.txt``): the dialog said the quoted path
    was no such file."""
    from workbench.tui.screens.job_dialog import typed_path

    draft = tmp_path / "My draft.en.txt"
    draft.write_text(bundled("translations/draft.en.txt").read_text(encoding="utf-8"),
                     encoding="utf-8")
    assert typed_path(str(draft).replace(" ", "\\ ")) == draft
    assert typed_path(f'"{draft}"') == draft
    assert typed_path("it's here.txt").name == "it's here.txt"
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        dialog.query_one("#kind-translation", RadioButton).value = True
        await settle(pilot)
        dialog.query_one("#import-path", Input).value = f"'{draft}' "
        dialog.query_one("#import-as", Select).value = "draft"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    with Project.open(sample_db) as project:
        assert "draft:main" in project.versions()


async def test_a_memory_given_as_a_new_document_is_told_where_it_goes(
    sample_db, make_app, tmp_path
):
    """A TMX imported as a new Arabic document was told to 'give it the ending of its
    format (.html, .tmx, ...)': it had that ending. It is named as a memory, with the two
    ways the workbench reads one."""
    memory = tmp_path / "client.tmx"
    memory.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ar"/>'
                      "<body/></tmx>\n", encoding="utf-8")
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        dialog.query_one("#import-path", Input).value = str(memory)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is dialog
        assert await shows(pilot, "a TMX file is a translation memory")
        assert not await shows(pilot, "give it the ending")
    with Project.open(sample_db) as project:
        assert [d.name for d in project.documents()] == ["sample"]
