"""In ``app`` direction the screen cells of an Arabic line read right to left (with numbers and
Latin names left to right inside it); in ``terminal`` direction they are sent in logical order."""

from __future__ import annotations

from tests.tui.conftest import editing, screen_lines
from workbench.project import Project
from workbench.tui.app import WorkbenchApp

SENTENCE = "في عام 1917 قال Lenin كلمته الشهيرة."
# The same sentence as the cells must show it, left to right.
VISUAL = ".ةريهشلا هتملك Lenin لاق 1917 ماع يف"


def mixed_project(sample_db) -> None:
    with Project.open(sample_db) as project:
        project.import_document_text(SENTENCE + "\n", "mixed")


def source_row(app: WorkbenchApp) -> str:
    lines = screen_lines(app)
    title = next(i for i, line in enumerate(lines) if "Arabic · segment" in line)
    return lines[title + 1]


async def test_app_direction_cells_read_right_to_left(sample_db, config):
    mixed_project(sample_db)
    app = WorkbenchApp(sample_db, config=config, direction="app", document="mixed")
    async with editing(app) as (_, screen):
        assert screen.current.source == SENTENCE
        row = source_row(app)
        cells = row.split("│")[1].rstrip()
        assert cells.strip() == VISUAL
        # Read from the right edge leftwards, the Arabic letters come in stored order.
        arabic_cells = [c for c in reversed(cells) if "\u0600" <= c <= "\u06ff"]
        stored_arabic = [c for c in SENTENCE if "\u0600" <= c <= "\u06ff"]
        assert arabic_cells == stored_arabic
        assert cells.endswith("يف")  # right-aligned: the first word at the right edge
        list_rows = [line for line in screen_lines(app) if "   1 new" in line]
        assert list_rows and VISUAL in list_rows[0]


async def test_app_direction_draws_each_diacritic_on_its_own_letter(sample_db, config):
    with Project.open(sample_db) as project:
        project.import_document_text("وَقَالَ الرَّئِيسُ كَلِمَتَهُ.\n", "vocalised")
    app = WorkbenchApp(sample_db, config=config, direction="app", document="vocalised")
    async with editing(app):
        cells = source_row(app).split("│")[1].strip()
        # Each mark follows its letter (a terminal draws it on the cell before it).
        assert cells == ".هُتَمَلِكَ سُيئِرَّلا لَاقَوَ"
        list_rows = [line for line in screen_lines(app) if "   1 new" in line]
        assert list_rows and cells in list_rows[0]


async def test_terminal_direction_sends_logical_order(sample_db, config):
    mixed_project(sample_db)
    app = WorkbenchApp(sample_db, config=config, direction="terminal", document="mixed")
    async with editing(app) as (_, screen):
        row = source_row(app)
        assert SENTENCE in row
        with Project.open(sample_db) as project:  # stored text never reordered
            assert project.segment(screen.current.id).source == SENTENCE
