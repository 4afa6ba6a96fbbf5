"""The one display helper (workbench/tui/display.py) and the screens that go through it: every
place that shows Arabic puts it in display order in ``app`` direction (and sends it as stored in
``terminal`` direction), invisible and bidi control characters never reach the terminal raw,
and cell widths stay right so borders do not shift. Assertions are on screen cells."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.widgets._toast import Toast

from tests.tui.conftest import editing, screen_lines, settle
from tests.tui.screen_wait import open_screen
from workbench.project import Project
from workbench.text.bidi import visual
from workbench.tui.app import WorkbenchApp
from workbench.tui.display import (
    PLACEHOLDER,
    BidiDisplay,
    isolate,
    sanitize,
    sanitize_map,
    toast_text_width,
)
from workbench.tui.screens.prompts import FilterScreen, OverrideScreen
from workbench.tui.widgets.panels import FindingsPanel, GlossaryPanel, term_mark

UPRISING = 9  # the draft writes "uprising" for الانتفاضة (required: insurrection)
TERM = "انتفاضة"
RLO, PDF, ZWJ, ZWSP = "\u202e", "\u202c", "\u200d", "\u200b"


def test_sanitize_makes_controls_visible_and_drops_joiners():
    assert sanitize(f"a{RLO}b{PDF}c") == f"a{PLACEHOLDER}b{PLACEHOLDER}c"
    assert sanitize(f"x{ZWSP}y\u2066z\u2069") == f"x{PLACEHOLDER}y{PLACEHOLDER}z{PLACEHOLDER}"
    assert sanitize("bell\x07") == f"bell{PLACEHOLDER}"
    assert sanitize("❤\ufe0f 👍\U0001f3fd") == "❤ 👍"  # presentation selector, skin tone
    family = f"\U0001f468{ZWJ}\U0001f469{ZWJ}\U0001f467"
    assert sanitize(family) == "\U0001f468\U0001f469\U0001f467"
    assert sanitize("a\tb\nc") == "a b\nc"
    assert sanitize("a\nb", newlines=False) == "a b"
    assert sanitize("كَتَبَ") == "كَتَبَ"  # diacritics are kept


def test_widths_after_sanitising_are_the_sum_of_the_cells():
    # What Rich measures for the whole string is what a terminal draws cell by cell.
    for raw in ("❤\ufe0f", f"\U0001f468{ZWJ}\U0001f469", "👍\U0001f3fd", f"a{RLO}b", "🇪🇬",
                "كَتَبَ", "1\ufe0f\u20e3"):
        shown = sanitize(raw)
        assert cell_len(shown) == sum(cell_len(ch) for ch in shown), raw


def test_sanitize_map_keeps_offsets():
    text = f"ab{ZWJ}c{RLO}d"
    clean, origin = sanitize_map(text)
    assert clean == f"abc{PLACEHOLDER}d"
    assert [text[i] for i in origin] == ["a", "b", "c", RLO, "d"]


def test_line_reorders_arabic_and_keeps_isolated_text_in_place():
    app_dir, terminal = BidiDisplay(reorder=True), BidiDisplay(reorder=False)
    title = Text.assemble('search "', isolate("الانتفاضه"), '" · 6 segments')
    assert app_dir.line(title).plain == f'search "{visual("الانتفاضه")}" · 6 segments'
    assert terminal.line(title).plain == 'search "الانتفاضه" · 6 segments'
    message = f"{TERM}: expected 'insurrection'"
    assert app_dir.plain(message) == f"{visual(TERM)}: expected 'insurrection'"
    assert app_dir.plain(f"x{RLO}y") == f"x{PLACEHOLDER}y"


def test_text_wraps_first_then_reorders_each_line():
    words = "كتبت الطالبة رسالة طويلة إلى صديقتها في المدينة"
    shown = BidiDisplay().text(words, base="R")
    from rich.console import Console

    lines = [line.plain.strip() for line in shown.lines(Console(), 20)]
    assert len(lines) > 1
    # each line, read right to left, is the next stretch of the sentence
    assert " ".join(visual(line) for line in lines) == words


def override_dialog_text(app: WorkbenchApp) -> str:
    return "\n".join(screen_lines(app))


async def test_not_confirmed_dialog_shows_arabic_in_display_order(make_app):
    app = make_app()
    async with editing(app, UPRISING) as (pilot, _):
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, OverrideScreen)
        text = override_dialog_text(app)
        assert f"{visual(TERM)}: expected 'insurrection'" in text
        assert TERM not in text
        await pilot.press("f7")  # terminal direction: the dialog is drawn again, as stored
        await settle(pilot)
        text = override_dialog_text(app)
        assert f"{TERM}: expected 'insurrection'" in text


async def test_findings_panel_and_search_title_in_display_order(make_app):
    app = make_app()
    async with editing(app, UPRISING) as (pilot, screen):
        text = "\n".join(screen_lines(app))
        assert f"term-missing: {visual(TERM)}:" in text
        assert TERM not in text
        screen.compute_view(screen.spec.__class__(search="الثورة"), screen.current_id)
        await settle(pilot)
        title = screen_lines(app)[0]
        assert f'search "{visual("الثورة")}"' in title
        await pilot.press("f7")
        await settle(pilot)
        assert 'search "الثورة"' in screen_lines(app)[0]


async def test_controls_and_emoji_keep_the_list_borders_in_place(sample_db, config):
    tricky = [
        f"كتب {RLO}الطالب{PDF} رسالة.",
        f"قال{ZWSP} المعلم ❤\ufe0f مرحبا 👍\U0001f3fd.",
        f"العائلة \U0001f468{ZWJ}\U0001f469{ZWJ}\U0001f467 في البيت.",
        "جملة عادية بلا رموز.",
    ]
    with Project.open(sample_db) as project:
        project.import_document_text("\n".join(tricky) + "\n", "tricky")
        for seg, english in zip(project.segments("tricky"),
                                [f"He{RLO} wrote", "Hi ❤\ufe0f", "👨‍👩‍👧 home", "plain"],
                                strict=True):
            project.save_draft(seg.id, english)
    app = WorkbenchApp(sample_db, config=config, direction="app", document="tricky")
    async with editing(app):
        lines = screen_lines(app)
        rows = [line for line in lines[1:5]]
        # The separator and the right border of every row sit in the same columns.
        assert len({cell_len(row[: row.index(" │ ")]) for row in rows}) == 1
        assert len({cell_len(row) for row in lines}) == 1
        screen_text = "\n".join(lines)
        for control in (RLO, PDF, ZWSP, ZWJ, "\ufe0f"):
            assert control not in screen_text
        assert PLACEHOLDER in screen_text
    with Project.open(sample_db) as project:  # stored text untouched
        assert [s.source for s in project.segments("tricky")] == tricky


async def test_glossary_marks_rendered_only_when_the_english_has_it(sample_db, make_app):
    with Project.open(sample_db) as project:
        project.save_draft(UPRISING, "")
    app = make_app()
    async with editing(app, UPRISING) as (_, screen):
        lines = screen.query_one(GlossaryPanel).lines
        assert lines
        assert all(term_mark(line) != "rendered" for line in lines)
        assert " ✓ " not in "\n".join(screen_lines(app))


async def test_the_footer_shows_quit_and_help_at_80x24(make_app):
    """At 80 columns the footer's last keys were cut off: Quit and Help never showed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_lines(app)[-1]
        for key in ("Confirm", "Next", "Term", "Search", "Quit", "Help", "Commands"):
            assert key in footer, footer


async def test_no_letter_of_the_keys_beneath_shows_after_commands_at_60_columns(make_app):
    """The compact footer's command palette key stood one column short of the right edge,
    so a letter of the keys scrolled beneath it showed there: '^p CommandsR' at 60 (where
    it now goes without its label, to leave room for Help)."""
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        footer = screen_lines(app)[-1]
        assert footer.rstrip().endswith("▏^p"), footer  # narrow: the palette's key alone


async def test_filter_dialog_fits_80x24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_screen(pilot, "f4", FilterScreen)
        text = "\n".join(screen_lines(app))
        for word in ("approved", "low alignment confidence", "Apply", "Clear", "Cancel",
                     "Escape: cancel"):
            assert word in text, word


async def test_a_glossary_comment_wrapped_keeps_its_indent(make_app):
    """An entry's comment (and its forbidden renderings) wrapped to a second line began that
    line at the panel's edge, under the entry's number, as if it were another entry."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.editor
        assert screen is not None and screen.current.id == 1
        comment = "a seizure of power by a minority; the critics' charge"
        assert any(line.comment == comment for line in screen.query_one(GlossaryPanel).lines)
        lines = screen_lines(app)
        wrapped = [line for line in lines if "charge" in line]
        assert wrapped and "seizure" not in wrapped[0]  # wrapped at 120 columns
        assert "│     critics' charge" in wrapped[0], wrapped


@pytest.mark.parametrize("width", [80, 90, 100])
async def test_a_wrapped_glossary_rendering_hangs_under_its_start(make_app, width):
    """A rendering wrapped to a second line began it at the panel's edge, under the entry's
    number ("3 ✓ ثورة أكتوبر → October" over "Revolution"): it hangs under its own start,
    or, when the term leaves it no room for a word, follows the term on lines indented as
    the entry's other lines are; the term is shown as before."""
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        panel = app.editor.query_one(GlossaryPanel)
        left = panel.content_region.x
        rows = [line[left:panel.content_region.right] for line in screen_lines(app)]
        lead = next(i for i, row in enumerate(rows) if f"{visual('ثورة أكتوبر')} →" in row)
        if "October" in rows[lead]:  # hanging under the rendering's start
            assert rows[lead + 1].index("Revolution") == rows[lead].index("October"), rows
        else:  # the term leaves no room: the rendering follows it, indented
            assert rows[lead + 1].startswith("    October Revolution"), rows


NAME = "الهيئة العامة للرقابة المالية والإدارية"


async def test_a_notification_wraps_arabic_before_reordering_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.notify(f"Added {NAME} → Audit Authority to the glossary.", timeout=30)
        await pilot.pause()
        toast = app.screen.query_one(Toast)
        assert toast.content_region.width == toast_text_width(80)
        box = toast.content_region
        shown = [line[box.x:box.right].strip() for line in screen_lines(app)[box.y:box.bottom]]
        arabic = [visual(part.removeprefix("Added ").split(" → ")[0])
                  for part in shown if any("\u0600" <= c <= "\u06ff" for c in part)]
        assert len(arabic) == 2  # the name is cut where the notification wraps it
        # read line by line, each right to left, the words come in their stored order
        assert " ".join(arabic) == NAME


COMMENT = "كلمة الوزير تُرجمت خطأً إلى official في السطر 3 (انظر المسرد)"


def reading_order(lines: list[str]) -> str:
    """The Arabic words of painted lines, each line read right to left, lines top down."""
    words = []
    for line in lines:
        words += [w for w in visual(line, "R").split() if any("\u0600" <= c <= "\u06ff" for c in w)]
    return " ".join(words)


def test_an_arabic_comment_wrapped_in_an_english_line_reads_right_to_left_on_each_line():
    from rich.console import Console

    from workbench.lqa.scoring import LqaError
    from workbench.tui.screens.lqa import error_line

    error = LqaError(id=1, segment_id=4, position=4, category="accuracy/mistranslation",
                     severity="minor", comment=COMMENT, author="root")
    lines = [line.plain for line in BidiDisplay().text(Text.assemble("LQA ", error_line(error)),
                                                       right_align_rtl=False)
             .lines(Console(), 60)]
    assert len(lines) == 2 and lines[1].startswith("(")  # "official في…" went to line 2
    arabic = [w for w in COMMENT.split() if any("\u0600" <= c <= "\u06ff" for c in w)]
    assert reading_order(lines) == " ".join(arabic)


def test_an_auto_paragraph_keeps_its_direction_on_every_line():
    from rich.console import Console

    comment = "يُستخدم في السياق الرسمي فقط ويُترجم Minister وليس Secretary أو official."
    lines = [line.plain for line in BidiDisplay().text(comment, base="auto").lines(Console(), 40)]
    assert len(lines) == 2
    # the second line, an English word first, is still right to left and right-aligned
    assert lines[1] == f"{visual('Minister وليس Secretary أو official.', 'R'):>40}"


async def test_a_glossary_term_holding_a_latin_letter_reads_right_to_left(sample_db, config):
    with Project.open(sample_db) as project:
        project.import_document_text("يحتوي البرتقال على فيتامين C بكثرة.\n", "vitamins")
        project.add_term("فيتامين C", "vitamin C")
    app = WorkbenchApp(sample_db, config=config, direction="app", document="vitamins")
    async with editing(app):
        text = "\n".join(screen_lines(app))
        # one right-to-left unit: read from the right, فيتامين comes first, then C
        assert f"{visual('فيتامين C')} → vitamin C" in text


def test_a_notification_keeps_a_quoted_arabic_term_whole(make_app):
    app = make_app()
    message = Text.assemble("Added ", isolate("فيتامين C"), " → vitamin C to the glossary.")
    # read from the right, فيتامين comes first, then C (not C first, as an English line has it)
    assert app._toast_text(message).startswith(f"Added {visual('فيتامين C')} → vitamin C to")


async def test_a_long_arabic_document_name_is_cut_at_its_end_in_the_list_title(sample_db, config):
    name = "التقرير السنوي للهيئة العامة للرقابة المالية والإدارية عن عام 2024"
    with Project.open(sample_db) as project:
        project.import_document_text("كتب الطالب رسالة.\n", name)
    app = WorkbenchApp(sample_db, config=config, direction="app", document=name)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        title = screen_lines(app)[0]
        # its first words kept (at the right of the name), an ellipsis where it is cut (left)
        assert "╭─ …" in title and title.split(" ─╮")[0].endswith(visual("التقرير السنوي"))
        await pilot.resize_terminal(100, 24)
        await settle(pilot)
        assert visual(name) in screen_lines(app)[0]  # wide enough again: whole


def test_an_undo_question_keeps_the_count_after_an_arabic_document_name():
    from workbench.tui.screens.changes import headline

    name = "التقرير السنوي 2024 (مسودة)"
    change = {"id": 12, "kind": "import", "document": name, "changes": 21}
    shown = BidiDisplay().plain(Text.assemble("Undo change ", headline(change), "?"))
    assert shown.endswith(f"· {visual(name)} · 21 segments?")  # not "· 21 · (…) segments"


def test_an_import_report_keeps_the_count_after_an_arabic_document_name():
    from workbench.project.importing import ImportReport
    from workbench.tui.screens.importer import describe

    name = "التقرير السنوي 2024"
    shown = BidiDisplay().plain(describe(ImportReport(name, segments=3)))
    assert shown == f"Added document '{visual(name)}': 3 segments."  # not "'3 :'2024 …"


def test_a_paragraphs_lines_are_ordered_as_parts_of_it():
    # Each wrapped line takes its levels from the whole paragraph: a number that starts a
    # line after Arabic is an Arabic number (10-12 read right to left), and the line of an
    # Arabic paragraph that holds no Arabic letter is still right to left (its stop at left).
    from rich.console import Console

    bidi, console = BidiDisplay(), Console()
    english = "raised الأسعار 3.5% for العام 10-12 months"
    assert [line.plain for line in bidi.text(english).lines(console, 18)] == [
        f"raised {visual('الأسعار')}", f"3.5% for {visual('العام')}", "12-10 months"]
    arabic = "ارتفعت الأسعار بنسبة 3.5% في (WHO) done."
    assert [line.plain.strip() for line in bidi.text(arabic, base="R").lines(console, 14)] \
        == [line.plain.strip() for line in bidi.arabic(arabic).lines(14)] \
        == [visual("ارتفعت الأسعار"), visual("بنسبة 3.5% في"), ".done (WHO)"]


AUTHORITY = "الهيئة العامة للرقابة المالية والإدارية"


async def test_a_long_glossary_term_wraps_under_its_own_start(make_app, sample_db):
    """A term too long for the panel beside its rendering wrapped its own second line at the
    panel's edge, under the entry's number, as if it were another entry: it hangs under the
    term's start (each line still read right to left), the rendering on the lines below."""
    with Project.open(sample_db) as project:
        project.import_document_text(f"أصدرت {AUTHORITY} تقريرها.\n", "report")
        project.add_term(AUTHORITY, "Audit Bureau")
    app = make_app(document="report")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.editor.query_one(GlossaryPanel)
        left = panel.content_region.x
        rows = [line[left:panel.content_region.right].rstrip() for line in screen_lines(app)]
        lead = next(i for i, row in enumerate(rows) if row.startswith("1 · "))
        term = [rows[lead][4:]]
        while not rows[lead + len(term)].lstrip().startswith("Audit"):
            term.append(rows[lead + len(term)])
        assert len(term) > 1, rows
        assert all(row.startswith("    ") and row[4] != " " for row in term[1:]), term
        assert term[-1].endswith(" →")
        assert " ".join(visual(row.removesuffix(" →").strip()) for row in term) == AUTHORITY
        assert rows[lead + len(term)] == "    Audit Bureau"


async def test_a_wrapped_finding_hangs_under_its_text(make_app):
    """A finding wrapped in the narrow findings panel went on at its edge, under its ✗, as
    if it were another finding: its lines hang under its text (segment 4's two errors)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.editor.open_segment(4)
        await settle(pilot)
        panel = app.editor.query_one(FindingsPanel)
        left = panel.content_region.x
        rows = [line[left:panel.content_region.right].rstrip()
                for line in screen_lines(app)[panel.content_region.y:panel.content_region.bottom]]
        starts = [i for i, row in enumerate(rows) if row.startswith("✗ ")]
        assert len(starts) == 2 and starts[1] - starts[0] > 1, rows  # the first one wrapped
        assert all(row.startswith("  ") and row[2] != " "
                   for row in rows[starts[0] + 1:starts[1]]), rows
        assert f"✗ term-missing: {visual('كيرينسكي')}:" in rows[starts[0]]
