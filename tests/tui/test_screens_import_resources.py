"""The import dialog with the pilot: a translation memory and a glossary imported from within the
TUI (as `workbench tm import` and `workbench glossary import --merge`), the open segment's
Matches and glossary panels showing them at once; a bad file's error said, nothing changed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, RadioButton

from tests.formats.workbook import write_xlsx
from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import notified, open_screen, shows
from workbench.project import Project
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.importer import KINDS, ImportScreen
from workbench.tui.widgets.matches_panel import MatchesPanel
from workbench.tui.widgets.panels import GlossaryPanel

CLAIM = "هذا الادعاء كاذب حتى النخاع."  # segment 2 of the sample


def tmx(path: Path, units: list[tuple[str, str]]) -> Path:
    """A TMX 1.4b file of (Arabic, English) ``units``."""
    body = "".join(f'<tu><tuv xml:lang="ar"><seg>{ar}</seg></tuv>'
                   f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n' for ar, en in units)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
                    '<header srclang="ar" datatype="plaintext" segtype="sentence" '
                    'adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>\n'
                    f"<body>\n{body}</body></tmx>\n", encoding="utf-8")
    return path


def memories(db: Path) -> dict[str, int]:
    with Project.open(db) as project:
        return {m.name: m.units for m in project.tm.memories()}


def glossary(db: Path) -> list[tuple[str, str]]:
    with Project.open(db) as project:
        return [(e.term, e.rendering) for e in project.glossary().entries]


async def choose(pilot, dialog: ImportScreen, kind: str, path: Path) -> None:
    dialog.query_one(f"#kind-{kind}", RadioButton).value = True
    await settle(pilot)
    dialog.query_one("#import-path", Input).value = str(path)


async def test_a_tmx_memory_imported_in_the_dialog_shows_in_the_matches_panel(
    sample_db, make_app, tmp_path
):
    path = tmx(tmp_path / "client.tmx", [(CLAIM, "This claim is false to the core."),
                                         ("وصل الوفد.", "The delegation arrived.")])
    app = make_app(live=False)  # the dialog reads the panel again, not the live link
    async with editing(app, 2) as (pilot, screen):
        panel = screen.query_one(MatchesPanel)
        assert not panel.matches
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        await choose(pilot, dialog, "memory", path)
        assert dialog.query_one("#import-memory").display
        assert not dialog.query_one("#import-document").display
        assert "TMX, Trados .sdltm" in str(dialog.query_one("#import-file-label", Label).content)
        dialog.query_one("#import-memory-name", Input).value = "Client A"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert notified(app, "Added 2 units from client.tmx as memory 'Client A'.")
        # the open segment's matches were read again: no restart, no other segment opened
        assert [(m.score, m.origin, m.target) for m in panel.matches] == [
            (100, "Client A", "This claim is false to the core.")]
        assert await shows(pilot, "This claim is false to the core.")
    assert memories(sample_db)["Client A"] == 2


async def test_an_xlsx_glossary_is_merged_and_shows_in_the_glossary_panel(
    sample_db, make_app, tmp_path
):
    before = glossary(sample_db)
    path = write_xlsx(tmp_path / "terms.xlsx", {"Terms": [["Arabic", "English"],
                                                          ["النخاع", "core"]]})
    app = make_app(live=False)  # the dialog reads the panel again, not the live link
    async with editing(app, 2) as (pilot, screen):
        panel = screen.query_one(GlossaryPanel)
        assert not any(line.rendering == "core" for line in panel.lines)
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        await choose(pilot, dialog, "glossary", path)
        assert not dialog.query_one("#import-memory").display
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert notified(app, f"Added 1 glossary entry from terms.xlsx ({len(before) + 1} in "
                             "the project glossary).")
        assert [(line.term, line.rendering) for line in panel.lines
                if line.rendering == "core"] == [("النخاع", "core")]
    assert glossary(sample_db) == [*before, ("النخاع", "core")]  # added, none replaced


async def test_a_bad_memory_or_glossary_is_refused_with_its_line_and_nothing_changes(
    sample_db, make_app, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # the status line names the file as typed: short
    (tmp_path / "bad.tmx").write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ar"/><body>\n'
        '<tu><tuv xml:lang="ar"><seg>x</seg></tuv>\n<tu>\n</body></tmx>\n', encoding="utf-8")
    (tmp_path / "bad.tbx").write_text('<?xml version="1.0"?>\n<martif type="TBX">\n<text>\n'
                                      "<body></text>\n</martif>\n", encoding="utf-8")
    before_memories, before_glossary = memories(sample_db), glossary(sample_db)
    app = make_app()
    async with editing(app, 2) as (pilot, _):
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        await choose(pilot, dialog, "memory", Path("bad.tmx"))
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is dialog  # the dialog stays open, saying why
        assert await shows(pilot, "bad.tmx: line 5: not well-formed XML")
        await choose(pilot, dialog, "glossary", Path("bad.tbx"))
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is dialog
        assert await shows(pilot, "bad.tbx: line 4")
    assert memories(sample_db) == before_memories
    assert glossary(sample_db) == before_glossary


async def test_each_kind_names_its_files_on_one_line_at_80_by_24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        for kind in KINDS:
            dialog.query_one(f"#kind-{kind}", RadioButton).value = True
            await settle(pilot)
            label = dialog.query_one("#import-file-label", Label)
            assert label.region.height == 1, (kind, str(label.content))
