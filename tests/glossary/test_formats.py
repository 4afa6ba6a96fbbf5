"""Glossary files: TSV (errors name the line), TBX-Basic in and out, CSV with detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.glossary.badrows import MAX_SHOWN, BadRowsError
from workbench.glossary.io import format_glossary, read_glossary
from workbench.glossary.tbx import parse_tbx

TICO = Path(__file__).resolve().parents[2] / "corpora" / "tico19"

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
 <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="c1">
   <descrip type="definition">armed rising</descrip>
   <langSet xml:lang="ar"><tig><term>انتفاضة</term></tig></langSet>
   <langSet xml:lang="en">
    <tig><term>uprising</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    <tig><term>insurrection</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
  <termEntry id="c2">
   <langSet xml:lang="en"><tig><term>orphan</term></tig></langSet>
  </termEntry>
 </body></text>
</martif>
"""

TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <text><body>
  <conceptEntry id="c1">
   <langSec xml:lang="ar"><termSec><term>سوفييتات</term></termSec></langSec>
   <langSec xml:lang="en">
    <termSec><term>soviets</term></termSec>
    <termSec><term>councils</term>
     <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_tsv_with_bom_header_comments_alternatives_and_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_bytes(
        "\ufeffsource\ttarget\tcomment\tforbidden\n# comment\n"
        "انقلاب\tcoup\t\tputsch\nانقلاب\tcoup d'état\nثورة\trevolution\t\t\textra\n".encode()
    )
    g = read_glossary(path)
    assert [(e.term, e.rendering, e.forbidden) for e in g.entries] == [
        ("انقلاب", "coup", ("putsch",)), ("انقلاب", "coup d'état", ()), ("ثورة", "revolution", ()),
    ]


def test_tsv_saved_by_a_spreadsheet_that_quotes_every_cell(tmp_path: Path) -> None:
    """LibreOffice's Text CSV with tabs and every text cell quoted, its own header row."""
    path = tmp_path / "g.tsv"
    path.write_text('"Arabic"\t"English"\t"Note"\t"Forbidden"\n'
                    '"ثورة"\t"revolution"\t"a ""core"" term"\t\n'
                    '"انقلاب"\t"coup"\t\t"putsch"\n', encoding="utf-8")
    g = read_glossary(path)
    assert [(e.term, e.rendering, e.comment, e.forbidden) for e in g.entries] == [
        ("ثورة", "revolution", 'a "core" term', ()), ("انقلاب", "coup", "", ("putsch",)),
    ]


def test_a_quote_left_open_in_a_term_or_rendering_is_a_warning(tmp_path: Path) -> None:
    """A spreadsheet's quote left over (``"وباء``) made an entry that matched nothing, and
    check passed with "glossary terms rendered 0/0" without a word."""
    path = tmp_path / "g.tsv"
    path.write_text('"وباء\tepidemic\nحجر\tquarantine"\nقال "لا"\tsaid "no"\n',
                    encoding="utf-8")
    g = read_glossary(path)
    assert [e.term for e in g.entries] == ['"وباء', "حجر", 'قال "لا"']
    assert g.warnings == [
        f"{path}: line 1: the term '\"وباء' holds a quote mark that is not closed (a "
        "spreadsheet's quote left over?): it matches only text that has it too",
        f"{path}: line 2: the rendering 'quarantine\"' holds a quote mark that is not closed "
        "(a spreadsheet's quote left over?): it matches only text that has it too",
    ]


def test_tsv_saved_by_a_spreadsheet_with_a_line_break_in_a_cell(tmp_path: Path) -> None:
    """A comment cell of two lines (LibreOffice quotes it, the break inside) refused the file
    as "line 4: empty English rendering for 'second line"'"."""
    path = tmp_path / "g.txt"
    path.write_text('"term"\t"rendering"\t"comment"\n'
                    '"ثورة"\t"revolution"\t"first line\nsecond line"\n'
                    '"انقلاب"\t"coup"\t"a ""core""\tterm"\n'
                    '"ثورة"\t"revolution"\n', encoding="utf-8")
    g = read_glossary(path)
    assert [(e.term, e.rendering, e.comment) for e in g.entries] == [
        ("ثورة", "revolution", "first line\nsecond line"), ("انقلاب", "coup", 'a "core"\tterm'),
    ]
    assert g.warnings == [f"{path}: line 5: duplicate of line 2 (ثورة → revolution), merged"]
    path.write_text('ثورة\trevolution\t"first line\nsecond line"\n\tcoup\n', encoding="utf-8")
    with pytest.raises(InputError) as err:  # a bad row of its own: named by its line
        read_glossary(path)
    assert err.value.line == 3 and "empty Arabic term" in str(err.value)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("ثورة\trevolution\nانقلاب coup\n", 2, "no tab"),
        ("ثورة\trevolution\n\tcoup\n", 2, "empty Arabic term"),
        ("ثورة\trevolution\t\trevolution\n", 1, "equals the required"),
        ("انقلاب\tcoup\t\tputsch\nانقلاب\tputsch\n", 1, "forbidden here"),
    ],
)
def test_tsv_errors_name_the_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    with pytest.raises(InputError) as err:
        read_glossary(write(tmp_path, "g.tsv", body))
    assert err.value.line == line and words in str(err.value)


def test_an_english_then_arabic_tsv_is_refused_as_swapped(tmp_path: Path) -> None:
    body = "pandemic\tجائحة\t\tepidemic\nUnited States\tالولايات المتحدة\n"
    path = write(tmp_path, "g.tsv", body)
    with pytest.raises(InputError) as err:
        read_glossary(path)
    assert str(err.value) == (f"{path}: the columns look swapped: the first holds English and "
                              "the second Arabic (expected 'Arabic<TAB>English')")
    mixed = "كوفيد-19\tCOVID-19\nCOVID-19\tCOVID-19\nجائحة\tpandemic\n"  # a Latin term: fine
    assert len(read_glossary(write(tmp_path, "m.tsv", mixed))) == 3


def test_a_termbase_exported_as_tab_separated_text_is_read_by_its_header(
    tmp_path: Path,
) -> None:
    """memoQ's termbase export saved tab-separated (Excel's Unicode text, UTF-16): read as
    columns 1-4, its header was an entry (Entry_ID -> Entry_Subject), each ID a term and the
    Arabic a forbidden rendering, exit 0; a header naming its columns now chooses them, as a
    CSV's does."""
    body = ("Entry_ID\tEntry_Subject\tArabic\tArabic_Def\tEnglish\tEnglish_Forbidden\r\n"
            "1\thealth\tجائحة\t\tpandemic\tFalse\r\n"
            "2\thealth\tالحجر الصحي\tعزل\tquarantine\tFalse\r\n")
    path = tmp_path / "terms.txt"
    path.write_text(body, encoding="utf-16")
    glossary = read_glossary(path, "tsv")
    assert [(e.term, e.rendering, e.forbidden) for e in glossary.entries] == [
        ("جائحة", "pandemic", ()), ("الحجر الصحي", "quarantine", ())]
    headed = write(tmp_path, "g.tsv", "Term ID\tArabic\tEnglish\tNotes\n7\tجائحة\tpandemic\tx\n")
    assert [(e.term, e.rendering, e.comment) for e in read_glossary(headed).entries] == [
        ("جائحة", "pandemic", "x")]
    entry = write(tmp_path, "e.tsv", "اللغة العربية\tArabic language\nجائحة\tpandemic\n")
    assert len(read_glossary(entry).entries) == 2  # a first entry naming Arabic is no header


def test_a_tsv_with_an_id_column_first_is_named_so_and_read_with_columns(
    tmp_path: Path,
) -> None:
    """Without a header, a first column of IDs was said to hold English ("the columns look
    swapped"), and --columns, which would read it, was refused for a TSV."""
    path = write(tmp_path, "g.tsv", "7\tجائحة\tpandemic\n8\tلقاح\tvaccine\n")
    with pytest.raises(InputError) as err:
        read_glossary(path)
    assert str(err.value) == (f"{path}: the first column holds no words (an ID column?) and the "
                              "second Arabic (expected 'Arabic<TAB>English'; --columns "
                              "TERM,RENDERING chooses others)")
    assert [(e.term, e.rendering) for e in read_glossary(path, columns="2,3").entries] == [
        ("جائحة", "pandemic"), ("لقاح", "vaccine")]


def test_csv_columns_chosen_the_wrong_way_round_are_refused_as_swapped(tmp_path: Path) -> None:
    # TICO-19's g_ar_en.csv layout; --columns names the English first
    body = (
        "stringID,sourceLang,targetLang,pos,description,sourceString,targetString\n"
        "xx_1,ar,en,,,جائحة,pandemic\n"
        "xx_2,ar,en,,,متلازمة الشرق الأوسط التنفسية,Middle East respiratory syndrome\n"
    )
    path = write(tmp_path, "g.csv", body)
    with pytest.raises(InputError) as err:
        read_glossary(path, columns="targetString,sourceString")
    assert "the columns look swapped" in str(err.value) and "--columns" in str(err.value)
    assert len(read_glossary(path, columns="sourceString,targetString")) == 2


def test_every_bad_tsv_row_is_reported_with_file_and_line(tmp_path: Path) -> None:
    body = (
        "source\ttarget\n"
        "ثورة\trevolution\n"
        "انقلاب coup\n"  # line 3: no tab
        "\tcoup\n"  # line 4: no term
        "جماهير\t\n"  # line 5: no rendering
        "سوفييت\tsoviet\t\tsoviet\n"  # line 6: forbidden = required
    )
    path = write(tmp_path, "g.tsv", body)
    with pytest.raises(BadRowsError) as err:
        read_glossary(path)
    assert isinstance(err.value, InputError)
    assert err.value.count == 4 and [n for n, _ in err.value.rows] == [3, 4, 5, 6]
    assert err.value.line == 3  # the first bad row, as a single error would say
    lines = str(err.value).split("\n")
    assert lines[0] == f"{path}: 4 bad rows; nothing was read from the file:"
    assert lines[1:] == [
        f"  {path}: line 3: no tab: expected 'term<TAB>rendering'",
        f"  {path}: line 4: empty Arabic term",
        f"  {path}: line 5: empty English rendering for 'جماهير'",
        f"  {path}: line 6: forbidden rendering 'soviet' equals the required one",
    ]


def test_bad_rows_are_listed_up_to_twenty_then_counted(tmp_path: Path) -> None:
    body = "ثورة\trevolution\n" + "".join(f"سطر{i} بلا علامة\n" for i in range(25))
    path = write(tmp_path, "g.tsv", body)
    with pytest.raises(BadRowsError) as err:
        read_glossary(path)
    lines = str(err.value).split("\n")
    assert lines[0].endswith("25 bad rows; nothing was read from the file:")
    assert len(lines) == 1 + MAX_SHOWN + 1 and MAX_SHOWN == 20
    assert lines[1].endswith("line 2: no tab: expected 'term<TAB>rendering'")
    assert lines[20].startswith(f"  {path}: line 21:")
    assert lines[-1] == "  ... and 5 more"


def test_one_bad_row_reads_as_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "ثورة\trevolution\nانقلاب coup\n")
    with pytest.raises(InputError) as err:
        read_glossary(path)
    assert str(err.value) == f"{path}: line 2: no tab: expected 'term<TAB>rendering'"


def test_every_conflict_is_reported(tmp_path: Path) -> None:
    body = (
        "انقلاب\tcoup\t\tputsch\nانقلاب\tputsch\n"
        "جماهير\tmasses\t\tcrowds\nجماهير\tcrowds\n"
    )
    with pytest.raises(BadRowsError) as err:
        read_glossary(write(tmp_path, "g.tsv", body))
    assert [n for n, _ in err.value.rows] == [1, 3]
    assert "accepted on line 2" in err.value.rows[0][1]
    assert "accepted on line 4" in err.value.rows[1][1]


@pytest.mark.parametrize("spelling", ["جائحة", "جَائِحَة", "جائـحة", "الجائحة"])
def test_a_conflict_is_found_across_spellings_of_one_term(tmp_path: Path, spelling: str) -> None:
    """Terms are compared by the matcher's key: diacritics, tatweel, the article aside."""
    body = f"جائحة\tpandemic\t\tepidemic\n{spelling}\tepidemic\n"
    with pytest.raises(InputError) as err:
        read_glossary(write(tmp_path, "g.tsv", body))
    spelt = f" (as {spelling})" if spelling != "جائحة" else ""
    assert str(err.value).endswith(
        f"line 1: جائحة: 'epidemic' is forbidden here but accepted on line 2{spelt}"
    )


def test_tsv_fields_with_escapes_round_trip(tmp_path: Path) -> None:
    from workbench.glossary.model import Entry, Glossary

    glossary = Glossary([Entry("ثورة", "revolution", "two\tcolumns\nand C:\\dir")])
    text = format_glossary(glossary, "tsv")
    assert text.split("\n")[1] == "ثورة\trevolution\ttwo\\tcolumns\\nand C:\\\\dir\t"
    back = read_glossary(write(tmp_path, "g.tsv", text))
    assert back.entries[0].comment == "two\tcolumns\nand C:\\dir"


def test_a_hashtag_term_survives_a_tsv_round_trip(tmp_path: Path) -> None:
    """A term starting with '#' (a hashtag) was written as it is, and its row read back as a
    comment: the entry was lost without a word."""
    from workbench.glossary.model import Entry, Glossary

    glossary = Glossary([Entry("#مصر", "Egypt"), Entry("\\#x", "backslash"),
                         Entry("مصر", "Egypt")])
    text = format_glossary(glossary, "tsv")
    back = read_glossary(write(tmp_path, "g.tsv", text))
    assert [(e.term, e.rendering) for e in back.entries] == [
        ("#مصر", "Egypt"), ("\\#x", "backslash"), ("مصر", "Egypt")]
    assert len(read_glossary(write(tmp_path, "c.tsv", "# a comment\nمصر\tEgypt\n"))) == 1


def test_tsv_duplicates_are_merged_with_a_warning(tmp_path: Path) -> None:
    g = read_glossary(write(tmp_path, "g.tsv", "ثورة\trevolution\t\trevolt\nثورة\tRevolution\n"))
    assert len(g) == 1 and "duplicate" in g.warnings[0] and "line 2" in g.warnings[0]


def test_a_rendering_with_alternatives_after_a_semicolon_is_warned_about(tmp_path: Path) -> None:
    # one field "United States;US" is not two alternatives: said, kept as written
    path = tmp_path / "g.tsv"
    path.write_text("الولايات المتحدة\tUnited States;US\nكوريا الشمالية\tNorth Korea\n", "utf-8")
    g = read_glossary(path)
    assert [e.rendering for e in g.entries] == ["United States;US", "North Korea"]
    assert len(g.warnings) == 1 and "line 1" in g.warnings[0] and "row of its own" in g.warnings[0]


def test_tbx_basic_import_deprecated_becomes_forbidden() -> None:
    g = parse_tbx(TBX.encode())
    assert [(e.term, e.rendering, e.forbidden, e.comment) for e in g.entries] == [
        ("انتفاضة", "insurrection", ("uprising",), "armed rising"),
    ]
    assert any("skipped" in w for w in g.warnings)


def test_tbx_v3_import() -> None:
    g = parse_tbx(TBX3.encode())
    assert [(e.term, e.rendering, e.forbidden) for e in g.entries] == [
        ("سوفييتات", "soviets", ("councils",)),
    ]


MULTITERM = """<?xml version="1.0" encoding="UTF-16"?>
<mtf>
  <conceptGrp>
    <concept>1</concept>
    <transacGrp><transac type="origination">reviewer</transac></transacGrp>
    <descripGrp><descrip type="Definition">An armed rising against a government.</descrip>
    </descripGrp>
    <languageGrp>
      <language type="Arabic" lang="AR"/>
      <termGrp><term>انتفاضة</term></termGrp>
    </languageGrp>
    <languageGrp>
      <language type="English" lang="EN-GB"/>
      <termGrp><term>uprising</term>
        <descripGrp><descrip type="Usage">Forbidden</descrip></descripGrp></termGrp>
      <termGrp><term>revolt</term></termGrp>
      <termGrp><term>insurrection</term>
        <descripGrp><descrip type="Usage">Preferred</descrip></descripGrp></termGrp>
    </languageGrp>
    <languageGrp><language type="French" lang="FR"/><termGrp><term>insurrection</term></termGrp>
    </languageGrp>
  </conceptGrp>
</mtf>
"""


def test_multiterm_xml_as_trados_exports_it(tmp_path: Path) -> None:
    """MultiTerm XML (UTF-16, the termbase's own status and definition fields) reads as TBX."""
    path = tmp_path / "termbase.xml"
    path.write_bytes(MULTITERM.encode("utf-16"))
    glossary = read_glossary(path)
    rows = [(e.term, e.rendering, e.forbidden, e.comment) for e in glossary.entries]
    assert rows == [
        ("انتفاضة", "insurrection", ("uprising",), "An armed rising against a government."),
        ("انتفاضة", "revolt", ("uprising",), "An armed rising against a government."),
    ]


def test_a_multiterm_terms_note_is_the_comment_where_there_is_no_definition(
    tmp_path: Path
) -> None:
    """MultiTerm keeps a usage note on a term (``<descrip type="Note">``): without a
    definition it is that rendering's comment (it was dropped); a note of the concept is
    every rendering's, as a TBX ``<note>`` is."""
    path = tmp_path / "termbase.xml"
    noted = MULTITERM.replace(
        '<descrip type="Definition">An armed rising against a government.</descrip>', ""
    ).replace('<descrip type="Usage">Preferred</descrip>',
              '<descrip type="Usage">Preferred</descrip>'
              '<descrip type="Note">In legal texts only.</descrip>')
    path.write_bytes(noted.encode("utf-16"))
    rows = [(e.rendering, e.comment) for e in read_glossary(path).entries]
    assert rows == [("insurrection", "In legal texts only."), ("revolt", "")]
    path.write_bytes(noted.replace("<concept>1</concept>", '<concept>1</concept><descripGrp>'
                                   '<descrip type="Note">From the 1917 texts.</descrip>'
                                   "</descripGrp>").encode("utf-16"))
    rows = [(e.rendering, e.comment) for e in read_glossary(path).entries]
    assert rows == [("insurrection", "From the 1917 texts."), ("revolt", "From the 1917 texts.")]


@pytest.mark.parametrize(
    "status", ["Do not use", "Not recommended", "notRecommendedTerm-admn-sts", "Prohibited"]
)
def test_a_term_a_termbase_says_not_to_use_is_forbidden(tmp_path: Path, status: str) -> None:
    """MultiTerm picklists say "Do not use" or "Not recommended": such a term was imported as
    an accepted rendering, so the check passed the very word the termbase rules out."""
    path = tmp_path / "termbase.xml"
    path.write_bytes(MULTITERM.replace("Forbidden", status).encode("utf-16"))
    rows = [(e.rendering, e.forbidden) for e in read_glossary(path).entries]
    assert rows == [("insurrection", ("uprising",)), ("revolt", ("uprising",))]


TBX_DCT = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:basic="http://www.tbxinfo.net/ns/basic">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1">
  <basic:definition>A global epidemic.</basic:definition>
  <langSec xml:lang="ar"><termSec><term>جائحة</term></termSec></langSec>
  <langSec xml:lang="en">
    <termSec><term>pandemic</term>
      <basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
    <termSec><term>epidemic</term>
      <basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec>
  </langSec>
</conceptEntry></body></text></tbx>
"""


def test_tbx_v3_dct_style_statuses_and_definition() -> None:
    """TBX v3's DCT style writes data categories as elements: the deprecated 'epidemic' was
    imported as an accepted rendering, and the definition was lost."""
    glossary = parse_tbx(TBX_DCT.encode(), "g.tbx")
    assert [(e.term, e.rendering, e.forbidden, e.comment) for e in glossary.entries] == [
        ("جائحة", "pandemic", ("epidemic",), "A global epidemic.")]


PHRASE_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif xml:lang="en" type="TBX"><text><body>
  <termEntry>
    <descrip type="conceptId">c1</descrip>
    <langSet xml:lang="ar">
      <tig><term>انتفاضة</term><termNote type="forbidden">false</termNote></tig>
    </langSet>
    <langSet xml:lang="en">
      <tig><term>uprising</term><termNote type="preferred">false</termNote>
        <termNote type="forbidden">true</termNote></tig>
      <tig><term>revolt</term><termNote type="forbidden">false</termNote></tig>
      <tig><term>insurrection</term><termNote type="preferred">true</termNote>
        <termNote type="forbidden">false</termNote></tig>
    </langSet>
  </termEntry>
</body></text></martif>"""


def test_tbx_as_phrase_exports_it_forbidden_and_preferred_flags() -> None:
    """Phrase (Memsource) writes a term's status as true/false flags (termNote types
    ``forbidden`` and ``preferred``): the forbidden 'uprising' was imported as an accepted
    rendering, so the check passed the very word the term base rules out."""
    glossary = parse_tbx(PHRASE_TBX.encode(), "phrase.tbx")
    assert [(e.rendering, e.forbidden) for e in glossary.entries] == [
        ("insurrection", ("uprising",)), ("revolt", ("uprising",))]


CONTEXT_FIRST_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="c1">
  <langSet xml:lang="ar">
    <tig><term>انتفاضة</term><descrip type="context">اندلعت الانتفاضة في أكتوبر.</descrip></tig>
  </langSet>
  <langSet xml:lang="en">
    <descrip type="definition">The planned armed rising of October 1917.</descrip>
    <tig><term>insurrection</term></tig>
  </langSet>
</termEntry>
<termEntry id="c2">
  <langSet xml:lang="ar">
    <tig><term>ثورة</term><descrip type="context">قامت الثورة.</descrip></tig>
  </langSet>
  <langSet xml:lang="en"><tig><term>revolution</term></tig></langSet>
</termEntry>
</body></text></martif>"""


def test_tbx_definition_is_the_comment_before_an_example_sentence() -> None:
    """TBX-Basic puts a definition in a langSet too: an Arabic term's example sentence
    (``descrip type="context"``) before it in the file was taken as the comment instead."""
    glossary = parse_tbx(CONTEXT_FIRST_TBX.encode(), "g.tbx")
    assert [e.comment for e in glossary.entries] == [
        "The planned armed rising of October 1917.", "قامت الثورة."]


def test_tbx_one_term_in_two_regions_langsets_is_one_entry() -> None:
    """A concept giving its term for en-US and en-GB (ar-SA and ar-EG) was read as the same
    entry twice, with a warning of a duplicate row the file does not have."""
    regions = ('<martif type="TBX-Basic"><text><body><termEntry id="c1">'
               '<langSet xml:lang="ar-SA"><tig><term>الكتاب</term></tig></langSet>'
               '<langSet xml:lang="ar-EG"><tig><term>الكتاب</term></tig></langSet>'
               '<langSet xml:lang="en-US"><tig><term>book</term></tig></langSet>'
               '<langSet xml:lang="en-GB"><tig><term>Book</term></tig><tig><term>volume</term>'
               "</tig></langSet></termEntry></body></text></martif>")
    glossary = parse_tbx(regions.encode(), "g.tbx")
    assert [(e.term, e.rendering) for e in glossary.entries] == [
        ("الكتاب", "book"), ("الكتاب", "volume")]
    assert glossary.warnings == []


def test_tbx_refuses_bad_xml_with_its_line() -> None:
    with pytest.raises(InputError) as err:
        parse_tbx(b"<martif>\n<text>\n</martif>", "bad.tbx")
    assert err.value.line is not None and "bad.tbx" in str(err.value)


@pytest.mark.parametrize(
    "prolog, payload",
    [
        ('<!DOCTYPE martif [<!ENTITY x "revolution">]>', "&x;"),
        ('<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
    ],
)
def test_tbx_refuses_entity_declarations(prolog: str, payload: str) -> None:
    """TBX is read as untrusted XML, like TMX and XLIFF: declared entities are refused."""
    data = TBX.replace("insurrection", payload).replace("?>\n", "?>\n" + prolog + "\n", 1)
    with pytest.raises(InputError, match="refused: the document declares") as err:
        parse_tbx(data.encode(), "hostile.tbx")
    assert err.value.path == "hostile.tbx"


def test_tbx_and_tsv_round_trip(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "workbench" / "data" / "glossary.tsv"
    g = read_glossary(sample)
    tbx = write(tmp_path, "g.tbx", format_glossary(g, "tbx"))
    back = read_glossary(tbx)
    pairs = [(e.term, e.rendering) for e in g.entries]
    assert [(e.term, e.rendering) for e in back.entries] == pairs
    assert {e.term: set(e.forbidden) for e in back.entries}["انتفاضة"] == {
        "uprising", "intifada", "revolt",
    }
    tsv = write(tmp_path, "g2.tsv", format_glossary(back, "tsv"))
    assert len(read_glossary(tsv)) == len(g)


def test_tbx_export_keeps_each_rows_comment_and_forbidden_renderings(tmp_path: Path) -> None:
    """Alternatives of a term with their own comment or forbidden renderings read back so."""
    body = ("منظمة الصحة العالمية\tWorld Health Organization\tUS spelling\tWorld Health "
            "Organisation\nمنظمة الصحة العالمية\tWHO\nجائحة\tpandemic\t\tepidemic\n"
            "جائحة\tglobal epidemic\t\tepidemic\n")
    sample = Path(__file__).resolve().parents[2] / "workbench" / "data" / "glossary.tsv"
    for path in (write(tmp_path, "g.tsv", body), sample):
        g = read_glossary(path)
        tbx = write(tmp_path, "g.tbx", format_glossary(g, "tbx"))
        rows = [(e.term, e.rendering, e.comment, e.forbidden) for e in g.entries]
        assert [(e.term, e.rendering, e.comment, e.forbidden)
                for e in read_glossary(tbx).entries] == rows
    assert format_glossary(g, "tbx").count("<termEntry") > len(g.terms())  # انقلاب's rows
    text = format_glossary(read_glossary(write(tmp_path, "one.tsv", body)), "tbx")
    assert text.count("<termEntry") == 3  # جائحة's rows share everything: one entry


def test_tico_csvs_are_detected_in_both_directions() -> None:
    ar_en = read_glossary(TICO / "g_ar_en.csv")
    assert (ar_en.entries[0].term, ar_en.entries[0].rendering) == ("جائحة", "pandemic")
    en_ar = read_glossary(TICO / "g_en_ar.csv")
    first = en_ar.entries[0]
    assert (first.term, first.rendering) == ("معدٍ", "contagious")
    assert first.comment.startswith("In the context of coronavirus")
    facebook = read_glossary(TICO / "f_en-ar_AR.csv")
    first = facebook.entries[0]
    assert (first.term, first.rendering) == ("إنفلونزا 1918", "1918 flu")


def test_csv_with_a_header_and_no_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no column of Arabic terms"):
        read_glossary(write(tmp_path, "g.csv", "source,target\n\n"))


def test_csv_columns_by_name_or_number(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "en,ar,notes,bad\ncoup,انقلاب,a note,putsch\n")
    by_name = read_glossary(path, columns="ar,en,notes,bad")
    by_number = read_glossary(path, columns="2,1,3,4")
    assert by_name.entries == by_number.entries
    assert by_name.entries[0].forbidden == ("putsch",) and by_name.entries[0].comment == "a note"
    detected = read_glossary(path)
    assert (detected.entries[0].term, detected.entries[0].rendering) == ("انقلاب", "coup")
    with pytest.raises(InputError, match="no column 'arabic'"):
        read_glossary(path, columns="arabic,en")


def test_csv_duplicates_merge_forbidden_renderings(tmp_path) -> None:
    from workbench.glossary.csvfile import read_csv

    path = tmp_path / "g.csv"
    path.write_text(
        "source,target,comment,forbidden\n"
        "انتفاضة,insurrection,,uprising\n"
        "انتفاضة,Insurrection,the 1917 rising,revolt\n",
        encoding="utf-8",
    )
    glossary = read_csv(path)
    assert len(glossary) == 1
    entry = glossary.entries[0]
    assert entry.forbidden == ("uprising", "revolt")
    assert entry.comment == "the 1917 rising"
    assert "duplicate of line 2" in glossary.warnings[0]


def test_csv_header_after_blank_lines(tmp_path) -> None:
    from workbench.glossary.csvfile import read_csv

    path = tmp_path / "g.csv"
    path.write_text("\n\nsource,target\nثورة,revolution\n", encoding="utf-8")
    glossary = read_csv(path)
    assert [(e.term, e.rendering, e.line) for e in glossary.entries] == [("ثورة", "revolution", 4)]


def test_a_file_of_another_kind_is_named_for_what_it_is(tmp_path: Path) -> None:
    tmx = tmp_path / "memory.tmx"  # not TSV: said so, not six rows "without a tab"
    tmx.write_text('\ufeff<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>\n',
                   encoding="utf-8")
    with pytest.raises(InputError, match=r"memory\.tmx: an XML file, not a TSV or CSV gloss"):
        read_glossary(tmx)
    tbx = tmp_path / "other.tbx"  # a TBX of other languages names the ones it has
    tbx.write_text('<martif type="TBX"><text><body><termEntry>'
                   '<langSet xml:lang="en"><tig><term>revolution</term></tig></langSet>'
                   '<langSet xml:lang="fr"><tig><term>révolution</term></tig></langSet>'
                   "</termEntry></body></text></martif>", encoding="utf-8")
    with pytest.raises(InputError, match=r"no Arabic-English term entries found \(its "
                                         r"languages: en, fr\)"):
        read_glossary(tbx)


COMMA_ROW = (
    "arabic,english\nجائحة,pandemic\nلمس العينين والفم والأنف,touching eyes, mouth and nose\n"
)


def test_csv_row_with_more_fields_than_the_header_names_its_line(tmp_path: Path) -> None:
    """TICO's 'touching eyes, mouth and nose' written without quotes: refused, not a crash."""
    path = write(tmp_path, "g.csv", COMMA_ROW)
    with pytest.raises(InputError) as err:
        read_glossary(path)
    assert str(err.value) == (f"{path}: line 3: 3 fields where the header has 2 "
                              "(a comma inside a field that is not quoted?)")
    trailing = write(tmp_path, "t.csv", "arabic,english\nجائحة,pandemic,,\n")  # empty: fine
    assert [e.rendering for e in read_glossary(trailing).entries] == ["pandemic"]


@pytest.mark.parametrize(
    "command",
    [
        ("glossary", "convert", "{g}"),
        ("check", "--glossary", "{g}", "--source", "{ar}", "--target", "{en}"),
        ("score", "--hyp", "{en}", "--ref", "{en}", "--glossary", "{g}", "--source", "{ar}"),
    ],
)
def test_csv_with_an_unquoted_comma_exits_two_in_one_line(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    from tests.conftest import run_cli

    files = {
        "g": write(tmp_path, "g.csv", COMMA_ROW),
        "ar": write(tmp_path, "ar.txt", "أعلنت المنظمة جائحة.\n"),
        "en": write(tmp_path, "en.txt", "The organisation declared a pandemic.\n"),
    }
    result = run_cli(*(arg.format(**files) for arg in command))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"workbench: error: {files['g']}: line 3: 3 fields where the header has 2 "
        "(a comma inside a field that is not quoted?)"
    ]


def test_csv_lines_are_physical_and_bad_rows_refuse_the_file_as_in_tsv(tmp_path: Path) -> None:
    body = ('ar,en,description\nجائحة,pandemic,"line one\nline two\nline three"\n'
            ",mask,empty term\nوباء,epidemic,x\nحجر\nثورة,revolution,,\n")
    path = write(tmp_path, "g.csv", body)
    with pytest.raises(BadRowsError) as err:
        read_glossary(path)
    assert err.value.rows == [(5, "empty Arabic term"), (7, "empty English rendering for 'حجر'")]
    good = write(tmp_path, "ok.csv", 'ar,en,description\nجائحة,pandemic,"one\ntwo"\nوباء,epidemic\n'
                                     "وباء,Epidemic\n")
    glossary = read_glossary(good)
    assert [e.line for e in glossary.entries] == [2, 4]
    assert "line 5: duplicate of line 4" in glossary.warnings[0]
    same = write(tmp_path, "f.csv", "ar,en,forbidden\nوباء,epidemic,plague; Epidemic\n")
    with pytest.raises(InputError, match="line 2: forbidden rendering 'Epidemic' equals"):
        read_glossary(same)


def test_csv_quote_never_closed_names_its_line(tmp_path: Path) -> None:
    """A quote opened and never closed swallowed the rest of the file into one cell: the
    file was read as a single entry (its rendering every later line), and an import replaced
    the project glossary with it."""
    body = 'ar,en\nجائحة,"pandemic\nوباء,epidemic\nحجر صحي,quarantine\n'
    path = write(tmp_path, "g.csv", body)
    with pytest.raises(InputError) as err:
        read_glossary(path)
    assert str(err.value) == (f"{path}: line 2: a quoted field is not closed: its '\"' has "
                              "no partner before the end of the file")
    later = body.replace("ar,en\n", "ar,en\nكمامة,mask\n") + 'لمس الوجه,"touching face"\n'
    closed_later = write(tmp_path, "later.csv", later)
    with pytest.raises(InputError) as err:
        read_glossary(closed_later)
    assert str(err.value) == (f"{closed_later}: line 3: the English rendering runs over 4 "
                              "lines (a quote that is not closed?): 'pandemic', 'وباء,epidemic'...")
    closed = write(tmp_path, "ok.csv", 'ar,en\nجائحة,"pandemic"\nوباء,"epi""demic"\n')
    assert [e.rendering for e in read_glossary(closed).entries] == ["pandemic", 'epi"demic']


def test_a_rendering_in_arabic_is_a_bad_row(tmp_path: Path) -> None:
    """A row with the Arabic written in both columns (or the rendering column chosen as the
    term's too, --columns 1,1) was imported: the check then required Arabic in the English."""
    path = write(tmp_path, "g.tsv", "ثورة\trevolution\nانتفاضة\tانتفاضة\nحزب\tparty\n")
    with pytest.raises(InputError) as err:
        read_glossary(path)
    assert str(err.value) == (f"{path}: line 2: the English rendering 'انتفاضة' is Arabic")
    csv_path = write(tmp_path, "g.csv", "ar,en\nثورة,revolution\nحزب,party\n")
    with pytest.raises(BadRowsError) as rows:
        read_glossary(csv_path, columns="ar,ar")
    assert rows.value.count == 2


@pytest.mark.parametrize(("name", "reason"), [
    ("terms.ods", "not an OpenDocument spreadsheet (.ods): the package has no content.xml"),
    ("terms.csv", "the workbook has no sheet"),
])
def test_a_spreadsheet_is_read_as_a_workbook(tmp_path: Path, name: str, reason: str) -> None:
    """A glossary kept as a spreadsheet was refused as "a ZIP package (a DOCX, ODT or EPUB?)
    ... give it its own ending (.docx, .odt)", then as "a spreadsheet ... save it as CSV":
    an .ods is read as one, a workbook named .csv by its content (these two are empty: their
    refusal says why; real ones: tests/glossary/test_sheets_cli.py)."""
    import zipfile

    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as package:
        if name.endswith(".ods"):
            package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        else:
            package.writestr("[Content_Types].xml", "<Types/>")
            package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError) as err:
        read_glossary(path)
    assert str(err.value) == f"{path}: {reason}"


def test_csv_column_number_past_the_last_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "en,ar\ncoup,انقلاب\n")
    with pytest.raises(InputError) as err:
        read_glossary(path, columns="99,1")
    assert str(err.value) == f"{path}: no column 99: the file has 2 columns"


@pytest.mark.parametrize(("name", "text"), [
    ("g.csv", "المصطلح,English\nجائحة,pandemic\nحظر التجول,curfew\n"),
    ("g.csv", "المصطلح,الترجمة,ملاحظات\nجائحة,pandemic,WHO\nحظر التجول,curfew,\n"),
    ("g.tsv", "المصطلح\tEnglish\nجائحة\tpandemic\nحظر التجول\tcurfew\n"),
])
def test_a_header_row_naming_its_columns_in_arabic_is_no_entry(
    tmp_path: Path, name: str, text: str
) -> None:
    """'المصطلح,English' (the term, English) became an entry المصطلح → English; an all-Arabic
    header ended in 'no column of English renderings found'."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    glossary = read_glossary(path)
    assert [(e.term, e.rendering) for e in glossary.entries] == [
        ("جائحة", "pandemic"), ("حظر التجول", "curfew")]


def test_rows_of_one_term_spelt_two_ways_are_one_entry(tmp_path: Path) -> None:
    """TICO-19's g_en_ar.csv gives معدٍ → contagious (with a comment) and مُعدٍ → contagious:
    both were kept, the glossary listed the entry twice, and merging the same file again
    changed the project ("2 given forbidden renderings or a comment")."""
    from workbench.glossary.io import merge_glossary

    path = write(tmp_path, "g.tsv", "معدٍ\tcontagious\ta definition\nمُعدٍ\tContagious\t\tcatching\n")
    glossary = read_glossary(path)
    assert [(e.term, e.rendering, e.comment, e.forbidden) for e in glossary.entries] == [
        ("معدٍ", "contagious", "a definition", ("catching",))]
    assert glossary.warnings == [
        f"{path}: line 2: duplicate of line 1 (مُعدٍ → Contagious, as معدٍ), merged"]
    merged = merge_glossary(glossary, read_glossary(path))
    assert (merged.added, merged.updated) == (0, 0)
