"""The export dialog with the pilot: a file is written in a worker, an existing file is kept
unless overwriting is ticked, and an edit typed just before is in the export."""

from __future__ import annotations

import csv

from textual.widgets import Checkbox, Input, Select

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import notified, open_screen, shows
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.export import ExportScreen


async def test_export_dialog_writes_the_file_with_the_latest_edit(make_app, tmp_path):
    out = tmp_path / "out" / "sample.csv"
    out.parent.mkdir()
    app = make_app()
    async with editing(app) as (pilot, screen):
        await pilot.press(*" Freshly typed.")
        current = screen.current.id
        dialog = await open_screen(pilot, "f12", ExportScreen)
        dialog.query_one("#export-format", Select).value = "csv"
        dialog.query_one("#export-output", Input).value = str(out)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) > 20
    assert any(r[0] == str(current) or "Freshly typed." in ",".join(r) for r in rows)
    assert "Freshly typed." in out.read_text(encoding="utf-8-sig")


async def test_export_dialog_keeps_an_existing_file_unless_told(make_app, tmp_path):
    out = tmp_path / "sample.tmx"
    out.write_text("keep me", encoding="utf-8")
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "f12", ExportScreen)
        dialog.query_one("#export-output", Input).value = str(out)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is dialog  # refused: the dialog stays, saying why
        assert await shows(pilot, "exists already")
        assert out.read_text(encoding="utf-8") == "keep me"
        dialog.query_one("#export-force", Checkbox).value = True
        dialog.query_one("#export-status-draft", Checkbox).value = True
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<tmx" in text and "<tu " in text


async def test_export_dialog_reads_a_tilde_as_the_home_folder(make_app, tmp_path, monkeypatch):
    """~/news.csv is written in the home folder, as the import dialog reads a ~ (it was a
    folder '~' that did not exist)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "f12", ExportScreen)
        dialog.query_one("#export-format", Select).value = "csv"
        dialog.query_one("#export-output", Input).value = "~/news.csv"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    assert (tmp_path / "news.csv").read_text(encoding="utf-8-sig").startswith("id,paragraph")


async def test_export_dialog_says_an_unknown_user_folder(make_app, tmp_path):
    """~nosuchuser/news.csv is a folder that does not exist, said in the dialog (expanding
    it raised RuntimeError: the TUI crashed with exit code 70)."""
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "f12", ExportScreen)
        dialog.query_one("#export-output", Input).value = "~wb-no-such-user/news.csv"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert await shows(pilot, "folder ~wb-no-such-user does not exist")
        assert app.screen is dialog


async def test_every_status_of_the_export_dialog_shows_at_60_columns(make_app):
    """The statuses stood in one row, cut at the dialog's edge in a 60-column terminal:
    'reviewed' and 'approved' were never seen (and could not be ticked knowingly)."""
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        dialog = await open_screen(pilot, "f12", ExportScreen)
        frame = dialog.query_one(".dialog").content_region
        for box in dialog.query(Checkbox):
            if box.id and box.id.startswith("export-status-"):
                assert frame.contains_region(box.region), (box.id, box.region, frame)


async def test_export_dialog_refuses_another_formats_ending_in_its_own_words(make_app, tmp_path):
    """A review page typed as review.tmx is refused (it wrote a TMX named .html, or any
    format under another's ending); the dialog says to leave its output field empty, not
    to leave out an --output it does not have."""
    out = tmp_path / "review.html"
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "f12", ExportScreen)
        dialog.query_one("#export-format", Select).value = "tmx"
        dialog.query_one("#export-output", Input).value = str(out)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is dialog
        assert notified(app, "the ending says HTML, but the format tmx writes TMX")
        assert notified(app, "(or leave the output file empty)")
        assert not notified(app, "--output")
    assert not out.exists()


async def test_one_export_is_said_once(make_app, tmp_path):
    """An export from the dialog was said twice, in two notifications ("Exported 21 units to
    X in 0.0 s." then "Written: X")."""
    out = tmp_path / "sample.tmx"
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "f12", ExportScreen)
        dialog.query_one("#export-output", Input).value = str(out)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        said = [n.message for n in app._notifications if str(out) in n.message]
        assert len(said) == 1 and said[0].startswith("Exported 21 segment pairs to ")
    assert out.exists()
