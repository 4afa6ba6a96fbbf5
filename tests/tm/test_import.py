"""Importing memories: TMX as OmegaT, memoQ and Trados write it, ours, tab-separated files."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from tests.formats.conftest import TMX_DTD
from tests.tm.conftest import MEMOQ, OMEGAT, TRADOS, write
from workbench.errors import InputError, WorkbenchError
from workbench.project import Project


def units(project: Project, name: str) -> list[dict]:
    rows = project.db.query(
        "SELECT u.* FROM tm_units u JOIN tm_memories m ON m.id = u.memory_id "
        "WHERE m.name = ? ORDER BY u.id", [name],
    )
    return list(rows)


def test_omegat_project_save(empty_project: Project, tmp_path: Path) -> None:
    result = empty_project.tm.import_file(write(tmp_path / "project_save.tmx", OMEGAT), "omegat")
    assert (result.units, result.skipped) == (2, 0)
    first, second = units(empty_project, "omegat")
    assert first["source"] == "قامت الثورة في روسيا عام 1917."
    assert first["target"] == "The revolution broke out in Russia in 1917."
    # OmegaT dates and signs the translation's <tuv>
    assert first["changed_at"] == "2024-01-15T10:30:00+00:00"
    assert (first["created_by"], first["changed_by"]) == ("omar", "omar")
    assert second["context_prev"] == "قامت الثورة في روسيا عام 1917."
    assert second["context_next"] == "وانتهى الحكم القيصري."
    assert json.loads(second["meta"])["props"] == [["file", "book.txt"]]


def test_memoq_regions_props_notes_and_skipped_units(
    empty_project: Project, tmp_path: Path
) -> None:
    result = empty_project.tm.import_file(write(tmp_path / "memoq.tmx", MEMOQ, bom=True))
    assert result.name == "memoq"
    assert (result.units, result.skipped, result.skipped_lines) == (1, 1, [17])
    (unit,) = units(empty_project, "memoq")
    assert unit["tuid"] == "17"
    assert (unit["created_at"], unit["created_by"]) == ("2023-03-01T12:00:00+00:00", "layla")
    assert (unit["changed_at"], unit["changed_by"]) == ("2023-03-02T13:00:00+00:00", "sami")
    assert (unit["context_prev"], unit["context_next"]) == ("مقدمة الكتاب.", "الفصل الأول.")
    meta = json.loads(unit["meta"])
    assert meta == {"props": [["client", "Press"]], "notes": ["checked by the editor"],
                    "attrs": {"usagecount": "3"}}


def test_a_unit_whose_english_is_its_arabic_is_left_out(
    empty_project: Project, tmp_path: Path
) -> None:
    # another tool's untranslated unit (its source copied to the target), and one whose
    # languages were swapped: neither has an English side
    pairs = [
        ("قامت الثورة.", "قامت الثورة."), ("Thank you.", "شكرا."), ("عام 1917 (١٩١٧).", "1917."),
        ("قال: شكرا.", "He said: thank you (شكرا)."),
    ]
    body = "".join(
        f'<tu><tuv xml:lang="ar"><seg>{ar}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n' for ar, en in pairs
    )
    path = write(tmp_path / "copied.tmx",
                 f'<tmx version="1.4"><header srclang="ar"/><body>\n{body}</body></tmx>')
    result = empty_project.tm.import_file(path)
    assert (result.units, result.skipped, result.skipped_lines) == (2, 2, [2, 3])
    assert [u["target"] for u in units(empty_project, "copied")] == [
        "1917.", "He said: thank you (شكرا)."
    ]
    assert empty_project.tm.lookup("قامت الثورة.") == []


def test_a_unit_whose_english_is_the_source_tags_alone_is_left_out(
    empty_project: Project, tmp_path: Path
) -> None:
    """A target holding only the source's tags (a tool's segment not translated) was kept as
    a unit whose English is ``{1/}``, and its tags counted as kept."""
    body = ('<tu><tuv xml:lang="ar"><seg>قامت <ph x="1"/> الثورة.</seg></tuv><tuv xml:lang="en">'
            '<seg> <ph x="1"/> </seg></tuv></tu>\n<tu><tuv xml:lang="ar"><seg>عاشت الثورة!</seg>'
            '</tuv><tuv xml:lang="en"><seg>Long live the revolution!</seg></tuv></tu>\n')
    path = write(tmp_path / "tags.tmx",
                 f'<tmx version="1.4"><header srclang="ar"/><body>\n{body}</body></tmx>')
    result = empty_project.tm.import_file(path)
    assert (result.units, result.skipped, result.skipped_lines, result.tags) == (1, 1, [2], 0)
    assert [u["target"] for u in units(empty_project, "tags")] == ["Long live the revolution!"]


def test_trados_english_source_utf16_crlf_inline_tags(
    empty_project: Project, tmp_path: Path
) -> None:
    path = write(tmp_path / "trados.tmx", TRADOS, encoding="utf-16", crlf=True)
    assert path.read_bytes()[:2] == b"\xff\xfe"  # a BOM, as Trados writes
    result = empty_project.tm.import_file(path, "trados")
    assert (result.units, result.source_lang, result.tags) == (2, "en-US", 10)
    first, second = units(empty_project, "trados")
    # the Arabic side is the source whatever the file's source language
    assert first["source"] == "انقر {1}حفظ{/1} الآن.{2/}"
    assert first["target"] == "Click {1}Save{/1} now.{2/}"
    assert second["source"] == "الخطة {3}الجديدة{/3}{4}."
    assert second["target"] == "The {3}new{/3} plan{4}."
    assert json.loads(first["meta"])["attrs"] == {
        "lastusagedate": "20220512T121212Z", "usagecount": "2"
    }
    matches = empty_project.tm.lookup("انقر حفظ الآن.")
    assert matches[0].score == 97  # the same words; three tags differ
    assert matches[0].author == "TRADOS\\\\nadia"


def test_tags_without_numbers_get_placeholders_of_their_own(tmp_path: Path) -> None:
    from workbench.tm.tmx import read_tmx

    path = write(tmp_path / "tags.tmx", (
        '<tmx version="1.4"><header srclang="ar"/><body><tu>'
        '<tuv xml:lang="ar"><seg>نص <ph x="1"/><ph/> <bpt i="2">b</bpt>هنا<ept i="2">/b</ept>'
        '<ut>u</ut></seg></tuv><tuv xml:lang="en"><seg>Text <ph/></seg></tuv></tu></body></tmx>'
    ))
    _, read = read_tmx(path)
    (unit,) = list(read)
    assert unit.source == "نص {1/}{3/} {2}هنا{/2}{4/}"  # the unnumbered <ph/> was {1/} too
    assert unit.target == "Text {1/}"


def test_paired_tags_are_numbered_by_x_which_pairs_them_across_the_languages(
    tmp_path: Path,
) -> None:
    # the TMX specification's own example: <bpt>'s i counts the pairs of one <seg>, x pairs a
    # code with the other language's. Numbered by i, the English's bold (around "black")
    # took the number of the Arabic's italic (around "the cat"): a match inserted into a
    # document wrote "black" in italics and "cat" in bold
    from workbench.tm.tmx import read_tmx

    path = write(tmp_path / "spec.tmx", (
        '<tmx version="1.4"><header srclang="en"/><body><tu>'
        '<tuv xml:lang="en"><seg>The <bpt i="1" x="1">{\\b </bpt>black<ept i="1">}</ept> '
        '<bpt i="2" x="2">{\\i </bpt>cat<ept i="2">}</ept> eats.</seg></tuv>'
        '<tuv xml:lang="ar"><seg>يأكل <bpt i="1" x="2">{\\i </bpt>القط<ept i="1">}</ept> '
        '<bpt i="2" x="1">{\\b </bpt>الأسود<ept i="2">}</ept>.</seg></tuv>'
        '</tu></body></tmx>'
    ))
    _, read = read_tmx(path)
    (unit,) = list(read)
    assert unit.source == "يأكل {2}القط{/2} {1}الأسود{/1}."
    assert unit.target == "The {1}black{/1} {2}cat{/2} eats."
    # LISA's compliance kit (ImportTest2C): an <it x="1"> and a <bpt i="1" x="2">, by i two
    # codes numbered 1; one x for every code (a tool's) still gives each code a number of its own
    path.write_text(
        '<tmx version="1.4"><header srclang="ar"/><body><tu><tuv xml:lang="ar"><seg><it x="1" '
        'pos="begin">i</it><bpt i="1" x="2">b</bpt>نص<ept i="1">/b</ept></seg></tuv>'
        '<tuv xml:lang="en"><seg>Text <bpt i="1" x="7">a</bpt>here<ept i="1">/a</ept> <bpt i="2" '
        'x="7">c</bpt>there<ept i="2">/c</ept><ph x="7"/></seg></tuv></tu></body></tmx>',
        encoding="utf-8")
    _, read = read_tmx(path)
    (unit,) = list(read)
    assert unit.source == "{1}{2}نص{/2}"
    assert unit.target == "Text {7}here{/7} {8}there{/8}{9/}"


def test_omegat_level2_tags_numbered_from_zero_are_placeholders(
    empty_project: Project, tmp_path: Path
) -> None:
    # OmegaT's level-2 TMX numbers a segment's tags from 0 (<bpt i="0">), as its text tags
    # (<b0>) are: they were {0} {/0}, which no reader of placeholders took for tags, so
    # inserting the match wrote them into the English and `tm export` wrote them as text
    path = write(tmp_path / "omegat-level2.tmx", (
        '<tmx version="1.4"><header creationtool="OmegaT" srclang="AR"/><body><tu>'
        '<tuv xml:lang="AR"><seg>قامت <bpt i="0" x="0">&lt;b0&gt;</bpt>الثورة'
        '<ept i="0">&lt;/b0&gt;</ept> عام 1917.<ph x="1">&lt;br1/&gt;</ph></seg></tuv>'
        '<tuv xml:lang="EN-US"><seg>The <bpt i="0" x="0">&lt;b0&gt;</bpt>revolution'
        '<ept i="0">&lt;/b0&gt;</ept> broke out in 1917.<ph x="1">&lt;br1/&gt;</ph></seg></tuv>'
        '</tu></body></tmx>'
    ))
    empty_project.tm.import_file(path, "level2")
    (unit,) = units(empty_project, "level2")
    assert unit["source"] == "قامت {1}الثورة{/1} عام 1917.{2/}"
    assert unit["target"] == "The {1}revolution{/1} broke out in 1917.{2/}"
    (match,) = empty_project.tm.lookup("قامت الثورة عام 1917.")
    assert match.text == "The revolution broke out in 1917."  # a segment without tags


def test_omegat_text_tags_come_back_as_the_codes_content_omegat_names_its_tags_from(
    empty_project: Project, tmp_path: Path
) -> None:
    """OmegaT's project_save.tmx holds its tags as text (``&lt;a0&gt;``); `tm export` wrote
    them as codes holding our placeholders (``<bpt>&lt;1&gt;</bpt>``), which OmegaT, naming a
    code's tag by the first letter of its content, reads as ``<f0>``, no tag of its segment.
    The codes hold OmegaT's tags, as its own level-2 TMX writes them."""
    path = write(tmp_path / "project_save.tmx", (
        '<tmx version="1.4"><header creationtool="OmegaT" o-tmf="OmegaT TMX" srclang="AR"/>'
        '<body><tu><tuv lang="AR"><seg>&lt;a0&gt;نزّل&lt;/a0&gt; الملف&lt;x1/&gt;</seg></tuv>'
        '<tuv lang="EN-US"><seg>&lt;a0&gt;Download&lt;/a0&gt; the file&lt;x1/&gt;</seg></tuv>'
        '</tu></body></tmx>'))
    empty_project.tm.import_file(path, "omegat")
    [unit] = units(empty_project, "omegat")
    assert (unit["source"], unit["target"]) == ("{1}نزّل{/1} الملف{2/}",
                                                "{1}Download{/1} the file{2/}")
    out = tmp_path / "out.tmx"
    empty_project.tm.export_file(out, "omegat")
    assert etree.DTD(str(TMX_DTD)).validate(etree.parse(str(out)))
    for seg in etree.parse(str(out)).getroot().iter("seg"):
        assert [(c.tag, c.text) for c in seg] == [
            ("bpt", "<a0>"), ("ept", "</a0>"), ("ph", "<x1/>")]


def test_a_programs_placeholders_in_the_text_come_back_as_text(
    empty_project: Project, tmp_path: Path
) -> None:
    """A software memory's text holds ``{0}``, ``{1}`` (String.Format's) and ``<1>``, which the
    memory reads as its placeholders (matched as before); `tm export` wrote them as codes
    (``<it pos="begin">&lt;1&gt;</it>``), the text ``{1}`` gone. They are text again, beside a
    code of the same number."""
    path = write(tmp_path / "strings.tmx", (
        '<tmx version="1.4"><header srclang="en"/><body>'
        '<tu><tuv xml:lang="ar"><seg>نسخ {0} من {1} ملفات</seg></tuv>'
        '<tuv xml:lang="en"><seg>Copying {0} of {1} files</seg></tuv></tu>'
        '<tu><tuv xml:lang="ar"><seg>اضغط &lt;1&gt; {2/}<ph x="1">&amp;</ph></seg></tuv>'
        '<tuv xml:lang="en"><seg>Press &lt;1&gt; {2/}<ph x="1">&amp;</ph></seg></tuv></tu>'
        '</body></tmx>'))
    empty_project.tm.import_file(path, "strings")
    assert [u["target"] for u in units(empty_project, "strings")] == [
        "Copying {0} of {1} files", "Press <1> {2/}{1/}"]
    out = tmp_path / "out.tmx"
    empty_project.tm.export_file(out, "strings")
    assert etree.DTD(str(TMX_DTD)).validate(etree.parse(str(out)))
    segs = list(etree.parse(str(out)).getroot().iter("seg"))
    assert [etree.tostring(s, encoding="unicode") for s in segs[2:]] == [
        f'<seg>{text} &lt;1&gt; {{2/}}<ph x="1">&amp;</ph></seg>' for text in ("اضغط", "Press")]
    assert [len(s) for s in segs] == [0, 0, 1, 1]
    assert [s.text for s in segs[:2]] == ["نسخ {0} من {1} ملفات", "Copying {0} of {1} files"]


def test_tmx_in_a_namespace_is_read(tmp_path: Path) -> None:
    from workbench.tm.tmx import read_tmx

    path = write(tmp_path / "ns.tmx", (
        '<tmx xmlns="http://www.lisa.org/tmx14" version="1.4"><header srclang="ar">'
        '<prop type="x-domain">news</prop></header><body><tu tuid="7"><prop type="x-a">b</prop>'
        '<tuv xml:lang="ar"><seg>نص <ph x="1"/>هنا</seg></tuv>'
        '<tuv xml:lang="en"><seg>Text here</seg></tuv></tu></body></tmx>'
    ))
    info, read = read_tmx(path)
    (unit,) = list(read)
    assert (unit.source, unit.target, unit.tuid) == ("نص {1/}هنا", "Text here", "7")
    assert unit.props == [("x-a", "b")]
    assert (info.source_lang, info.props) == ("ar", [("x-domain", "news")])


@pytest.mark.parametrize("code", ["arb", "ara", "ar-SA", "AR_eg"])
def test_three_letter_and_regional_arabic_codes_are_arabic(tmp_path: Path, code: str) -> None:
    """ISO 639-3's ``arb`` (Standard Arabic), as some tools tag it, is Arabic too: its units
    were skipped as of another language, in a memory and in import-tmx alike."""
    from workbench.formats.tmx import read_tmx as read_project_tmx
    from workbench.tm.tmx import read_tmx

    path = write(tmp_path / "arb.tmx", (
        f'<tmx version="1.4"><header srclang="{code}"/><body><tu>'
        f'<tuv xml:lang="{code}"><seg>نص هنا</seg></tuv>'
        '<tuv xml:lang="eng"><seg>Text here</seg></tuv></tu></body></tmx>'
    ))
    _, read = read_tmx(path)
    assert [(u.source, u.target) for u in read] == [("نص هنا", "Text here")]
    assert [(u.source, u.target) for u in read_project_tmx(path).units] == [
        ("نص هنا", "Text here")
    ]


def test_a_file_of_another_name_is_read_by_its_content(
    empty_project: Project, tmp_path: Path
) -> None:
    # a spreadsheet's tab-separated .csv, and a Trados UTF-16 memory without a suffix
    tabs = write(tmp_path / "memory.csv", "مع السلامة\tGoodbye\n", bom=True)
    assert empty_project.tm.import_file(tabs, "sheet").units == 1
    tmx = write(tmp_path / "export", TRADOS, encoding="utf-16", crlf=True)
    assert empty_project.tm.import_file(tmx, "trados").units > 0
    commas = write(tmp_path / "commas.csv", "مع السلامة,Goodbye\n")
    with pytest.raises(InputError, match="line 1: no tab"):
        empty_project.tm.import_file(commas, "commas")


def test_our_document_export_is_a_memory(project: Project, tmp_path: Path) -> None:
    for seg in project.segments(limit=3):
        project.confirm(seg.id, seg.target, override_reason="test")
    exported = project.export_file("tmx", tmp_path / "sample.tmx")
    result = project.tm.import_file(exported.path, "sample-export")
    assert result.units == exported.units
    statuses = {u["status"] for u in units(project, "sample-export")}
    assert statuses == {"translated", "draft"}


def test_tm_export_reads_back_the_same(empty_project: Project, tmp_path: Path) -> None:
    empty_project.tm.import_file(write(tmp_path / "memoq.tmx", MEMOQ), "memoq")
    empty_project.tm.import_file(write(tmp_path / "omegat.tmx", OMEGAT), "omegat")
    out = tmp_path / "all.tmx"
    assert empty_project.tm.export_file(out) == 3
    root = etree.parse(str(out)).getroot()
    assert root.find("header").get("srclang") == "ar"
    empty_project.tm.import_file(out, "again")
    again = units(empty_project, "again")
    before = units(empty_project, "memoq") + units(empty_project, "omegat")
    key = ("source", "target", "tuid", "created_at", "created_by", "changed_at", "changed_by",
           "context_prev", "context_next")
    assert sorted(tuple(u[k] for k in key) for u in again) == sorted(
        tuple(u[k] for k in key) for u in before
    )
    memoq = next(u for u in again if u["tuid"] == "17")
    meta = json.loads(memoq["meta"])
    assert ["client", "Press"] in meta["props"] and ["x-workbench-memory", "memoq"] in meta[
        "props"]
    assert meta["notes"] == ["checked by the editor"]


def test_tab_separated_files(empty_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_bytes(
        "ar\ten\r\n# a comment\r\nقامت الثورة.\tThe revolution broke out.\tchecked\r\n"
        "\r\nعقد المؤتمر.\tThe conference was held.\r\n".encode("utf-8-sig")
    )
    result = empty_project.tm.import_file(path)
    assert (result.name, result.units, result.format) == ("terms", 2, "tsv")
    first, _ = units(empty_project, "terms")
    assert (first["source"], first["target"]) == ("قامت الثورة.", "The revolution broke out.")
    assert json.loads(first["meta"])["notes"] == ["checked"]
    swapped = tmp_path / "swapped.tsv"
    swapped.write_text("The revolution broke out.\tقامت الثورة.\n", encoding="utf-8")
    empty_project.tm.import_file(swapped)
    assert units(empty_project, "swapped")[0]["source"] == "قامت الثورة."
    # a spreadsheet that quotes every text cell (LibreOffice's Text CSV with tabs)
    quoted = tmp_path / "quoted.tsv"
    quoted.write_text('"Arabic"\t"English"\n"قامت ""الثورة""."\t"The revolution."\n',
                      encoding="utf-8")
    assert empty_project.tm.import_file(quoted).units == 1
    [unit] = units(empty_project, "quoted")
    assert (unit["source"], unit["target"]) == ('قامت "الثورة".', "The revolution.")


def test_quoted_sentences_among_unquoted_rows_keep_their_quotes(
    empty_project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "news.tsv"
    path.write_text(
        'Arabic\tEnglish\n"لم أتنازل عن أي شيء."\t"I didn\'t give up anything."\n'
        "قامت الثورة.\tThe revolution broke out.\n", encoding="utf-8",
    )
    assert empty_project.tm.import_file(path).units == 2
    assert [(u["source"], u["target"]) for u in units(empty_project, "news")] == [
        ('"لم أتنازل عن أي شيء."', '"I didn\'t give up anything."'),
        ("قامت الثورة.", "The revolution broke out."),
    ]
    (match,) = empty_project.tm.lookup('"لم أتنازل عن أي شيء."')
    assert match.score == 100
    # a spreadsheet that quotes every text cell, under a header it left unquoted
    path.write_text('Arabic\tEnglish\n"لم أتنازل."\t"I did not give in."\n'
                    '"قامت الثورة."\t"The revolution."\n', encoding="utf-8")
    empty_project.tm.import_file(path, "sheet")
    assert [u["target"] for u in units(empty_project, "sheet")] == [
        "I did not give in.", "The revolution."
    ]


def test_a_unit_starting_with_a_hashtag_is_no_comment(
    empty_project: Project, tmp_path: Path
) -> None:
    """A memory of posts: a line starting with a hashtag (#كورونا) was skipped as a comment."""
    path = tmp_path / "posts.tsv"
    path.write_text(
        "#ar\ten\n# a comment\n#\tnothing\n#TODO\tcheck the dates\n"
        "#كورونا ينتشر في المدينة.\t#Coronavirus is spreading in the city.\n"
        "قامت الثورة.\tThe revolution broke out.\n"
        "#الصحة_للجميع شعار اليوم.\t#HealthForAll is the day's slogan.\n",
        encoding="utf-8",
    )
    assert empty_project.tm.import_file(path).units == 3
    assert [u["source"] for u in units(empty_project, "posts")] == [
        "#كورونا ينتشر في المدينة.", "قامت الثورة.", "#الصحة_للجميع شعار اليوم."
    ]


def test_control_characters_of_a_tab_separated_file(
    empty_project: Project, tmp_path: Path
) -> None:
    """Word's manual line break (U+000B) is a space, as in a document: stored, tm export
    dropped it ('The warended.'); a control character no TMX can carry refuses the file."""
    path = tmp_path / "word.tsv"
    path.write_text("انتهت الحرب.\tThe war\x0bended.\nعاد الناس.\tPeople came\x0cback.\n",
                    encoding="utf-8")
    empty_project.tm.import_file(path)
    assert [u["target"] for u in units(empty_project, "word")] == [
        "The war ended.", "People came back."
    ]
    path.write_text("انتهت الحرب.\tThe war ended.\nعاد الناس.\tPeople\x1f came.\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"word.tsv: line 2: binary content \(control "
                       r"character U\+001F\)"):
        empty_project.tm.import_file(path, "again")


@pytest.mark.parametrize(
    "header", ["Arabic\tEnglish\tComment", "ar-SA\ten-US", "AR\tEN\tNotes",
               "Source text\tTarget text", "source_text\ttarget_text"],
)
def test_a_header_line_naming_the_columns_is_no_unit(
    empty_project: Project, tmp_path: Path, header: str
) -> None:
    path = tmp_path / "header.tsv"
    path.write_text(f"{header}\nقامت الثورة.\tThe revolution.\tchecked\n", encoding="utf-8")
    assert empty_project.tm.import_file(path).units == 1
    [unit] = units(empty_project, "header")
    assert (unit["source"], unit["target"]) == ("قامت الثورة.", "The revolution.")


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("قامت الثورة.\tThe revolution.\nعقد المؤتمر بلا ترجمة\n", 2, "no tab"),
        ("قامت الثورة.\tThe revolution.\n\t\tx\n", 2, "empty Arabic side"),
        ("قامت الثورة.\t \n", 1, "empty English side"),
        ("قامت الثورة.\tThe revolution.\nشكرا.\tThanks.\nعقد المؤتمر.\tعقد المؤتمر.\n", 3,
         "the English side is in Arabic (not translated?)"),
    ],
)
def test_bad_tab_separated_lines(
    empty_project: Project, tmp_path: Path, content: str, line: int, reason: str
) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        empty_project.tm.import_file(path)
    assert str(caught.value) == f"{path}: line {line}: {reason}" + (
        ": expected Arabic<TAB>English" if reason == "no tab" else ""
    )
    assert [m.name for m in empty_project.tm.memories()] == ["project"]


def test_a_tab_separated_file_without_arabic_is_refused(
    empty_project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "en-fr.tsv"  # another language pair: nothing of it is Arabic
    path.write_text("Hello.\tBonjour.\nThank you.\tMerci.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"en-fr\.tsv: no Arabic-English units"):
        empty_project.tm.import_file(path)
    assert [m.name for m in empty_project.tm.memories()] == ["project"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # Arabic in both columns (a paraphrase list): its "English" would be Arabic
        ("قامت الثورة.\tاندلعت الثورة.\nعقد المؤتمر.\tانعقد المؤتمر.\n",
         "no Arabic-English units: both columns are mostly Arabic"),
        # an id column before the Arabic: the ids would be the English
        ("1\tقامت الثورة.\tThe revolution.\n2\tعقد المؤتمر.\tThe conference.\n",
         "line 1: column 1 is not English ('1' and most others have no letters)"),
        # the same under its header: the header was a unit ('ar' for 'id') and '1' the English
        ("id\tar\ten\n1\tقامت الثورة.\tThe revolution.\n",
         "line 2: column 1 is not English ('1' and most others have no letters)"),
    ],
)
def test_a_tab_separated_file_whose_english_column_is_not_english_is_refused(
    empty_project: Project, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "odd.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{path}: {message}")):
        empty_project.tm.import_file(path)
    assert [m.name for m in empty_project.tm.memories()] == ["project"]


def test_malformed_tmx_late_in_the_file_changes_nothing(
    empty_project: Project, tmp_path: Path
) -> None:
    good = "".join(
        f'<tu><tuv xml:lang="ar"><seg>جملة رقم {i}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Sentence {i}</seg></tuv></tu>\n'
        for i in range(12_000)
    )
    path = tmp_path / "broken.tmx"
    path.write_text(
        f'<tmx version="1.4"><header srclang="ar"/><body>\n{good}<tu><tuv xml:lang="ar">'
        "<seg>مكسور</tuv></tu></body></tmx>", encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        empty_project.tm.import_file(path, "broken")
    assert str(caught.value).startswith(f"{path}: line 12002: not well-formed XML")
    assert [m.name for m in empty_project.tm.memories()] == ["project"]
    assert empty_project.db.execute("SELECT count(*) FROM tm_units").fetchone()[0] == 0
    assert empty_project.db.execute("SELECT count(*) FROM tm_keys").fetchone()[0] == 0
    assert empty_project.db.execute("SELECT count(*) FROM tm_postings").fetchone()[0] == 0


def test_utf8_declared_latin1_is_refused(empty_project: Project, tmp_path: Path) -> None:
    # a script's TMX in UTF-8 whose declaration says ISO-8859-1: its Arabic was read as
    # mojibake (مرحبا as Ù…Ø±Ø­Ø¨Ø§) and stored, a memory that never matched anything
    body = (
        '<tu><tuv xml:lang="ar"><seg>مرحبا بالعالم</seg></tuv>'
        '<tuv xml:lang="en"><seg>Hello world</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="ar"><seg>iPhone 15</seg></tuv>'
        '<tuv xml:lang="en"><seg>iPhone 15</seg></tuv></tu>\n'
    )
    tmx = (f'<?xml version="1.0" encoding="ISO-8859-1"?>\n<tmx version="1.4"><header '
           f'srclang="ar"/><body>\n{body}</body></tmx>\n')
    path = tmp_path / "latin1.tmx"
    path.write_bytes(tmx.encode("utf-8"))
    with pytest.raises(InputError, match=r"line 3: the Arabic side of 2 of 2 units holds no "
                       r"Arabic letter .*UTF-8 read as ISO-8859-1"):
        empty_project.tm.import_file(path)
    assert [m.name for m in empty_project.tm.memories()] == ["project"]
    # declared right, a unit without Arabic letters among Arabic ones is a unit as any
    path.write_bytes(tmx.replace("ISO-8859-1", "UTF-8").encode("utf-8"))
    assert empty_project.tm.import_file(path, "utf8").units == 2


def test_utf8_declared_utf16_says_so(empty_project: Project, tmp_path: Path) -> None:
    """A TMX written in UTF-8 by a script whose declaration says UTF-16 (.NET's StringWriter
    does): libxml2's "Invalid bytes" is explained, and nothing is stored."""
    tmx = ('<?xml version="1.0" encoding="utf-16"?>\n<tmx version="1.4"><header srclang="ar"/>'
           '<body><tu><tuv xml:lang="ar"><seg>مرحبا</seg></tuv><tuv xml:lang="en"><seg>Hello'
           '</seg></tuv></tu></body></tmx>\n')
    path = tmp_path / "script.tmx"
    path.write_bytes(tmx.encode("utf-8"))
    with pytest.raises(InputError, match=r"line 1: not well-formed XML \(.*\): the file is "
                       r"UTF-8 but declares utf-16 \(its <\?xml \.\.\. encoding=\.\.\.\?> "
                       r"should say UTF-8\)$"):
        empty_project.tm.import_file(path)
    assert [m.name for m in empty_project.tm.memories()] == ["project"]
    path.write_bytes(tmx.encode("utf-16"))  # as declared, with its byte-order mark: read
    assert empty_project.tm.import_file(path).units == 1


def test_entity_bomb_is_refused(empty_project: Project, tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">\n'
        ']>\n<tmx version="1.4"><header srclang="ar"/><body><tu><tuv xml:lang="ar"><seg>&c;</seg>'
        '</tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n'
    )
    path = write(tmp_path / "bomb.tmx", bomb)
    with pytest.raises(InputError, match="refused: the document declares an entity"):
        empty_project.tm.import_file(path)
    assert [m.name for m in empty_project.tm.memories()] == ["project"]


def test_external_entity_is_refused(empty_project: Project, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    path = write(
        tmp_path / "xxe.tmx",
        f'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<tmx version="1.4"><header/><body><tu><tuv xml:lang="ar"><seg>&s;</seg></tuv>'
        '<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>',
    )
    with pytest.raises(InputError, match="external entity"):
        empty_project.tm.import_file(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<xliff version="1.2"><file/></xliff>', "not a TMX file (no <tmx> root element)"),
        ('<tmx version="1.4"><header/><body><tu><tuv xml:lang="fr"><seg>un</seg></tuv>'
         '<tuv xml:lang="en"><seg>one</seg></tuv></tu></body></tmx>',
         "no Arabic-English translation units (1 unit lacks an Arabic or an English side, "
         "or holds Arabic as the English, e.g. at line 1; its languages: en, fr)"),
        # another tool's untranslated units, the Arabic copied as their English (OmegaT's
        # pseudo-translation): they were said to lack an English side
        ('<tmx version="1.1"><header/><body>\n<tu><tuv lang="AR"><seg>نص عربي.</seg></tuv>'
         '<tuv lang="EN-US"><seg>نص عربي.</seg></tuv></tu>\n<tu><tuv lang="AR"><seg>نص آخر.'
         '</seg></tuv><tuv lang="EN-US"><seg>نص آخر.</seg></tuv></tu></body></tmx>',
         "no Arabic-English translation units (2 units lack an Arabic or an English side, "
         "or hold Arabic as the English, e.g. at lines 2, 3; its languages: ar, en-us)"),
        ('<tmx version="1.4"><header/><body></body></tmx>', "no Arabic-English translation units"),
    ],
)
def test_files_without_units(
    empty_project: Project, tmp_path: Path, content: str, message: str
) -> None:
    path = write(tmp_path / "x.tmx", content)
    with pytest.raises(InputError) as caught:
        empty_project.tm.import_file(path)
    assert str(caught.value).endswith(message)


def test_names(empty_project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "memoq.tmx", MEMOQ)
    empty_project.tm.import_file(path)
    with pytest.raises(WorkbenchError, match="named 'memoq' exists already"):
        empty_project.tm.import_file(path)
    with pytest.raises(WorkbenchError, match="project's own memory"):
        empty_project.tm.import_file(path, "project")
    own = write(tmp_path / "Project.tmx", MEMOQ)  # a file named as it: the way out is named
    with pytest.raises(WorkbenchError, match=r"own memory; choose another name \(--name\)"):
        empty_project.tm.import_file(own)
    assert empty_project.tm.remove("memoq") == 1
    with pytest.raises(WorkbenchError, match="cannot be removed"):
        empty_project.tm.remove("project")
    with pytest.raises(WorkbenchError, match="no translation memory named 'memoq'"):
        empty_project.tm.remove("memoq")
    assert empty_project.db.execute("SELECT count(*) FROM tm_keys").fetchone()[0] == 0


def test_a_pretty_printed_seg_is_read_without_its_layout(
    empty_project: Project, tmp_path: Path
) -> None:
    """A TMX written with each <seg>'s text on lines of its own, indented: the line breaks and
    indentation were stored, shown in matches and the concordance, and the unit scored 99
    against the same sentence typed on one line."""
    path = write(tmp_path / "pretty.tmx", """<tmx version="1.4"><header srclang="ar"/><body>
  <tu>
    <tuv xml:lang="ar">
      <seg>
        عاد اللاجئون
        إلى ديارهم.
      </seg>
    </tuv>
    <tuv xml:lang="en">
      <seg>
        The refugees returned
        to their homes.
      </seg>
    </tuv>
  </tu>
</body></tmx>""")
    empty_project.tm.import_file(path)
    [unit] = units(empty_project, "pretty")
    assert (unit["source"], unit["target"]) == (
        "عاد اللاجئون إلى ديارهم.", "The refugees returned to their homes."
    )
    (match,) = empty_project.tm.lookup("عاد اللاجئون إلى ديارهم.")
    assert match.score == 100


def test_names_are_found_whatever_their_case(empty_project: Project, tmp_path: Path) -> None:
    """'omegat' was no memory when 'OmegaT' was one, and a second memory could take it."""
    path = write(tmp_path / "memoq.tmx", MEMOQ)
    empty_project.tm.import_file(path, "OmegaT")
    # named as stored, so that the `tm remove` it suggests names it as `tm list` does
    with pytest.raises(WorkbenchError, match=r"named 'OmegaT' exists already \(workbench tm "
                       r"remove OmegaT,"):
        empty_project.tm.import_file(path, "omegat")
    with pytest.raises(WorkbenchError, match="project's own memory"):
        empty_project.tm.import_file(path, "Project")
    files = empty_project.tm.files
    assert files.memory_ids(["omegat"]) == files.memory_ids(["OmegaT"])
    assert empty_project.tm.remove("omegat") == 1
    assert [m.name for m in empty_project.tm.memories()] == ["project"]


def test_large_files_are_read_in_a_second_process(
    empty_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.tm import pipeline

    monkeypatch.setattr(pipeline, "BACKGROUND_BYTES", 0)
    result = empty_project.tm.import_file(write(tmp_path / "memoq.tmx", MEMOQ), "memoq")
    assert (result.units, result.skipped, result.skipped_lines) == (1, 1, [17])
    assert units(empty_project, "memoq")[0]["tuid"] == "17"
    broken = write(tmp_path / "broken.tmx", '<tmx version="1.4">\n<body><tu>\n</tmx>')
    with pytest.raises(InputError) as caught:
        empty_project.tm.import_file(broken, "broken")
    assert str(caught.value).startswith(f"{broken}: line 3: not well-formed XML")
    assert [m.name for m in empty_project.tm.memories()] == ["project", "memoq"]


def test_project_units_export_with_their_document_and_context(
    empty_project: Project, tmp_path: Path
) -> None:
    empty_project.tm.propagate = False
    _, second, *_ = [s.id for s in empty_project.segments("doc")]
    empty_project.confirm(second, "And the Bolsheviks seized power.")
    out = tmp_path / "project.tmx"
    assert empty_project.tm.export_file(out, "project") == 1
    (tu,) = etree.parse(str(out)).getroot().iter("tu")
    props = {p.get("type"): p.text for p in tu.iter("prop")}
    assert props == {
        "x-workbench-document": "doc", "x-workbench-position": "2", "x-status": "translated",
        "x-context-pre": "قامت الثورة في روسيا عام 1917.",
        "x-context-post": "عقد المؤتمر في القاهرة.",
    }
    assert tu.get("tuid") == str(second) and tu.get("changeid") == "tester"


def test_tm_export_writes_tags_as_tmx_codes(empty_project: Project, tmp_path: Path) -> None:
    # a project unit's tags (<1>) and another tool's ({1}, {2/}) are TMX's inline codes, which
    # other tools show as tags; as text ('&lt;1&gt;') they were words to translate there
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>انتهت الحرب <b>أخيرا</b>.</p></body></html>", encoding="utf-8")
    empty_project.sources.import_file(page, "page")
    [segment] = empty_project.segments("page")
    empty_project.confirm(segment.id, "The war <1>finally</1> ended.", override_reason="test")
    empty_project.tm.import_file(write(tmp_path / "tags.tmx", """<tmx version="1.4">
<header srclang="ar"/><body><tu>
<tuv xml:lang="ar"><seg>انظر <bpt i="1">&lt;a&gt;</bpt>الصورة<ept i="1">&lt;/a
&gt;</ept> <ph x="2"/>.</seg></tuv>
<tuv xml:lang="en"><seg>See <bpt i="1">&lt;a&gt;</bpt>the picture<ept i="1">&lt;/a
&gt;</ept> <ph x="2"/>.</seg></tuv>
</tu></body></tmx>"""), "tags")
    out = tmp_path / "all.tmx"
    assert empty_project.tm.export_file(out) == 2
    segs = list(etree.parse(str(out)).getroot().iter("seg"))
    assert [el.tag for seg in segs for el in seg] == [
        "bpt", "ept", "bpt", "ept",  # the project's unit, Arabic and English
        "bpt", "ept", "ph", "bpt", "ept", "ph",  # the other tool's
    ]
    assert not any(c in "".join(seg.xpath("text()")) for seg in segs for c in "<>{}")
    empty_project.tm.import_file(out, "again")
    assert [(u["source"], u["target"]) for u in units(empty_project, "again")] == [
        ("انتهت الحرب {1}أخيرا{/1}.", "The war {1}finally{/1} ended."),
        ("انظر {1}الصورة{/1} {2/}.", "See {1}the picture{/1} {2/}."),
    ]


def test_another_tools_codes_keep_their_own_content_through_the_memory(
    empty_project: Project, tmp_path: Path
) -> None:
    """A Trados memory's codes hold its formatting (``type="bold"``, ``<cf bold="True">``); a
    memory passed through the workbench wrote them back as our placeholders (``&lt;1&gt;``),
    its formatting lost. An image's alt text (``<sub>``) stays in its code."""
    trados = write(tmp_path / "trados.tmx", """<tmx version="1.4">
<header srclang="ar-SA"/><body><tu>
<tuv xml:lang="ar-SA"><seg>انظر <bpt i="1" type="bold" x="1">&lt;cf bold="True"&gt;</bpt>الصورة\
<ept i="1">&lt;/cf&gt;</ept> <ph x="2" type="image">&lt;img alt="<sub>صورة</sub>"/&gt;</ph>.\
</seg></tuv>
<tuv xml:lang="en-US"><seg>See <bpt i="1" type="bold" x="1">&lt;cf bold="True"&gt;</bpt>the picture\
<ept i="1">&lt;/cf&gt;</ept> <ph x="2" type="image">&lt;img alt="<sub>picture</sub>"/&gt;</ph>.\
</seg></tuv>
</tu></body></tmx>""")
    empty_project.tm.import_file(trados, "trados")
    [unit] = units(empty_project, "trados")
    assert unit["target"] == "See {1}the picture{/1} {2/}."  # (matched as before)
    out = tmp_path / "out.tmx"
    assert empty_project.tm.export_file(out, "trados") == 1
    assert etree.DTD(str(TMX_DTD)).validate(etree.parse(str(out)))
    ar, en = etree.parse(str(out)).getroot().iter("seg")
    for seg, alt in ((ar, "صورة"), (en, "picture")):
        bpt, ept, ph = seg
        assert (bpt.tag, bpt.text, ept.text) == ("bpt", '<cf bold="True">', "</cf>")
        assert (bpt.get("type"), ph.get("type"), bpt.get("x")) == ("bold", "image", "1")
        assert (ph.text, ph[0].tag, ph[0].text, ph[0].tail) == ('<img alt="', "sub", alt, '"/>')
    empty_project.tm.import_file(out, "again")  # and again, as it came
    again = tmp_path / "again.tmx"
    empty_project.tm.export_file(again, "again")
    assert [etree.tostring(s) for s in etree.parse(str(again)).getroot().iter("seg")] == [
        etree.tostring(s) for s in (ar, en)]
    # a project's own unit, and a code of ours read back, hold the placeholder as before
    ours = tmp_path / "ours.tmx"
    ours.write_text('<tmx version="1.4"><header srclang="ar"/><body><tu><tuv xml:lang="ar"><seg>'
                    'انظر <ph x="1">&lt;1/&gt;</ph></seg></tuv><tuv xml:lang="en"><seg>See '
                    '<ph x="1">&lt;1/&gt;</ph></seg></tuv></tu></body></tmx>', encoding="utf-8")
    empty_project.tm.import_file(ours, "ours")
    assert units(empty_project, "ours")[0]["meta"] is None


def test_a_highlight_and_a_deprecated_ut_come_back_as_they_were_read(
    empty_project: Project, tmp_path: Path
) -> None:
    """A ``<hi type="verb">`` (the LISA compliance kit's ImportTest2C) came back as a
    ``<bpt>``/``<ept>`` pair holding our placeholders (``&lt;4&gt;``), its type lost, and an old
    Trados memory's RTF ``<ut>`` as a ``<ph>``; both come back as read (numbered anew), and
    match as before."""
    old = write(tmp_path / "kit.tmx", """<tmx version="1.4">
<header srclang="ar"/><body><tu>
<tuv xml:lang="ar"><seg><ut>{\\cs6\\f1 </ut>&lt;cf size="8"&gt;<ut>}</ut>انقر \
<hi type="verb" x="4">لتبدأ</hi> <hi x="5">الآن</hi>.</seg></tuv>
<tuv xml:lang="en"><seg><ut>{\\cs6\\f1 </ut>&lt;cf size="8"&gt;<ut>}</ut>Click to \
<hi type="verb" x="4">start</hi> <hi x="5">now</hi>.</seg></tuv>
</tu></body></tmx>""")
    empty_project.tm.import_file(old, "kit")
    [unit] = units(empty_project, "kit")
    assert unit["target"] == '{6/}<cf size="8">{7/}Click to {4}start{/4} {5}now{/5}.'
    out = tmp_path / "out.tmx"
    empty_project.tm.export_file(out, "kit")
    assert etree.DTD(str(TMX_DTD)).validate(etree.parse(str(out)))
    segs = list(etree.parse(str(out)).getroot().iter("seg"))
    for seg, verb in zip(segs, ("لتبدأ", "start"), strict=True):
        ut1, ut2, hi, plain = seg
        assert [(c.tag, c.text) for c in (ut1, ut2)] == [("ut", "{\\cs6\\f1 "), ("ut", "}")]
        assert (hi.tag, hi.get("type"), hi.get("x"), hi.text) == ("hi", "verb", "4", verb)
        assert (plain.tag, plain.attrib) == ("hi", {"x": "5"})
    empty_project.tm.import_file(out, "again")  # and again, as it came
    [again] = units(empty_project, "again")
    assert (again["source"], again["target"]) == (unit["source"], unit["target"])
    back = tmp_path / "back.tmx"
    empty_project.tm.export_file(back, "again")
    assert [etree.tostring(s) for s in etree.parse(str(back)).getroot().iter("seg")] == [
        etree.tostring(s) for s in segs]


def test_a_header_line_in_arabic_is_skipped(empty_project: Project, tmp_path: Path) -> None:
    # an Arabic spreadsheet's column names: the import was refused ('line 1: the English side
    # is in Arabic'); a first unit that holds such a word with its English is still a unit
    path = tmp_path / "arabic-header.tsv"
    path.write_text("النص العربي\tالترجمة الإنجليزية\tملاحظات\nقامت الثورة.\tThe revolution.\n",
                    encoding="utf-8")
    assert empty_project.tm.import_file(path).units == 1
    [unit] = units(empty_project, "arabic-header")
    assert (unit["source"], unit["target"]) == ("قامت الثورة.", "The revolution.")
    path = tmp_path / "first-unit.tsv"
    path.write_text("الترجمة\tTranslation\nقامت الثورة.\tThe revolution.\n", encoding="utf-8")
    assert empty_project.tm.import_file(path).units == 2
    # names in both languages (a LibreOffice sheet's) head the columns, unless they translate
    path = tmp_path / "both.tsv"
    path.write_text("العربية\tEnglish\nقامت الثورة.\tThe revolution.\n", encoding="utf-8")
    assert empty_project.tm.import_file(path).units == 1


def test_the_tm_remove_suggested_for_a_taken_name_can_be_pasted(
    empty_project: Project, tmp_path: Path
) -> None:
    """A memory named with a space was suggested as ``workbench tm remove client memory``:
    pasted, `tm remove` took two names."""
    path = write(tmp_path / "memoq.tmx", MEMOQ)
    empty_project.tm.import_file(path, "client memory")
    with pytest.raises(WorkbenchError, match=r"\(workbench tm remove 'client memory', or"):
        empty_project.tm.import_file(path, "client memory")


def test_another_tools_database_is_named(empty_project: Project, tmp_path: Path) -> None:
    """A Trados .sdltm (SQLite) read as text was "binary file (NUL bytes)"; `tm import` reads
    it by its ending or content (tests/tm/test_sdltm.py), but not as tab-separated text."""
    sdltm = tmp_path / "memory.sdltm"
    with sqlite3.connect(sdltm) as db:
        db.execute("CREATE TABLE translation_units (source_segment TEXT)")
    with pytest.raises(InputError, match=r"memory.sdltm: an SQLite database \(a workbench "
                                         r"project, a Trados Studio \.sdltm memory\?\), not "
                                         r"text: `workbench tm import` reads a \.sdltm"):
        empty_project.tm.import_file(sdltm, fmt="tsv")
