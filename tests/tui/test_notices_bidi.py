"""Notifications and status lines that quote a user's Arabic in an English message (an
error naming a term, a file or a document) keep the quotes, numbers and words around it in
place in app direction: the Arabic is one unit (a bidi isolate)."""

from __future__ import annotations

import time
from pathlib import Path

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import notified, open_screen, shows, until
from workbench.project import Project
from workbench.text.bidi import visual
from workbench.tui.display import BidiDisplay, isolate_quoted
from workbench.tui.screens.importer import ImportRequest, ImportScreen


def test_a_quoted_arabic_text_is_isolated_in_a_plain_message():
    shown = BidiDisplay().plain(isolate_quoted("g.tsv: line 12: 'الثورة': 3 columns"))
    assert shown == f"g.tsv: line 12: '{visual('الثورة')}': 3 columns"  # not "'3 :'…"
    shown = BidiDisplay().plain(isolate_quoted('term "قال" 12 times'))
    assert shown == f'term "{visual("قال")}" 12 times'  # not '"12 "…'
    # an apostrophe inside a word opens no quote
    shown = BidiDisplay().plain(isolate_quoted("the segment's 'الثورة' 3"))
    assert shown == f"the segment's '{visual('الثورة')}' 3"


async def test_an_error_notification_quoting_arabic_keeps_its_number(make_app):
    app = make_app()
    async with editing(app) as (pilot, _):
        app.notify_error("g.tsv: line 12: 'الثورة': 3 columns")
        await settle(pilot)
        assert notified(app, f"'{visual('الثورة')}': 3 columns")


async def test_a_refused_term_holding_a_latin_letter_is_one_unit(sample_db, make_app):
    with Project.open(sample_db) as project:
        project.add_term("فيتامين C", "vitamin C")
    app = make_app()
    async with editing(app) as (pilot, screen):
        screen._ask_term(("فيتامين C", "vitamin C", "", ()))
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: notified(app, "already"))
        # the C stays inside the Arabic term (it was drawn before it: 'C نيماتيف')
        assert notified(app, f"{visual('فيتامين C')} → vitamin C is in the glossary already")


async def test_the_import_status_keeps_the_seconds_after_an_arabic_file_name(make_app):
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        dialog.request = ImportRequest("document", Path("/tmp/تقرير"), "تقرير")
        dialog.stage, dialog.running = "Importing", True
        dialog.started = time.perf_counter() - 3.2
        dialog._tick()
        dialog.running = False
        assert await shows(pilot, f"Importing {visual('تقرير')}… 3 s")  # not "3 …تقرير s"
