"""Resizing the terminal re-wraps and re-orders the Arabic panel for the new width: no line
loses its first letter (the bug: كتبت shown as تبت after 140x40 -> 80x24)."""

from __future__ import annotations

from tests.tui.conftest import editor_screen, screen_lines, settle
from workbench.project import Project
from workbench.text.bidi import visual
from workbench.tui.app import WorkbenchApp

SENTENCE = " ".join(["كتبت الطالبة رسالة طويلة إلى صديقتها عن رحلتها"] * 4) + "."


def source_rows(app: WorkbenchApp) -> list[str]:
    """The text rows of the Arabic panel (without its padding and scrollbar column)."""
    lines = screen_lines(app)
    top = next(i for i, line in enumerate(lines) if "Arabic · segment" in line)
    rows = []
    for line in lines[top + 1:]:
        if line.startswith("╰"):
            break
        cells = line.split("│")[1]
        rows.append(cells[1:-2])  # left padding | text | scrollbar column, right padding
    return rows


def assert_rows_read_as_the_sentence(app: WorkbenchApp) -> None:
    rows = source_rows(app)
    assert rows and all(row.strip() for row in rows)
    assert all(row == row.rstrip() for row in rows)  # right-aligned: no cell left empty
    logical = [visual(row.strip()) for row in rows]  # read each row right to left
    # The rows are the sentence's lines in order, every letter there: a row that lost its
    # first letter (the rightmost cell) would not continue the sentence.
    assert SENTENCE.startswith(" ".join(logical))
    assert rows[0].endswith(visual("كتبت"))


async def test_resize_rewraps_the_arabic_panel(sample_db, config):
    with Project.open(sample_db) as project:
        project.import_document_text(SENTENCE + "\n", "long")
    app = WorkbenchApp(sample_db, config=config, direction="app", document="long")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert editor_screen(app).current.source == SENTENCE
        wide = source_rows(app)
        assert_rows_read_as_the_sentence(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        narrow = source_rows(app)
        assert len(narrow[0]) < len(wide[0])  # laid out again for the new width
        assert_rows_read_as_the_sentence(app)
        await pilot.resize_terminal(140, 40)
        await settle(pilot)
        assert source_rows(app) == wide
        assert_rows_read_as_the_sentence(app)
