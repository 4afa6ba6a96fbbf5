"""Other tools' XLIFF files (Trados's .sdlxliff, memoQ's .mqxliff, Phrase's .mxliff, Okapi's
and translate-toolkit's): their statuses, inline codes, comments and segmentation, read as a
document's and by import-xliff, given back on export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from workbench.errors import InputError
from workbench.formats.xliff import read_xliff
from workbench.project import Project

SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
SDLXLIFF = f"""<?xml version="1.0" encoding="utf-8"?><xliff xmlns:sdl="{SDL}"
 xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2" sdl:version="1.0"><file
 original="C:\\client\\report.docx" datatype="x-sdlfilterframework2" source-language="ar-SA"
 target-language="en-US"><header><sdl:filetype-info><sdl:filetype-id>WordprocessingML v. 2
</sdl:filetype-id></sdl:filetype-info></header><body><group><trans-unit id="a1"><source>اندلعت
 الانتفاضة في المدينة. وتشكلت السوفييتات في كل مكان. سطر ثالث.</source><seg-source><mrk
 mtype="seg" mid="1">اندلعت الانتفاضة في المدينة.</mrk> <mrk mtype="seg" mid="2">وتشكلت
 السوفييتات في كل مكان.</mrk> <mrk mtype="seg" mid="3">سطر ثالث.</mrk></seg-source><target><mrk
 mtype="seg" mid="1">The insurrection broke out in the city.</mrk> <mrk mtype="seg" mid="2"/>
 <mrk mtype="seg" mid="3">A third line.</mrk></target><sdl:seg-defs><sdl:seg id="1"
 conf="ApprovedTranslation" origin="interactive"/><sdl:seg id="2"/><sdl:seg id="3"
 conf="RejectedTranslation"/></sdl:seg-defs></trans-unit></group><trans-unit id="b2"><source>عاشت
 الثورة!</source><seg-source><mrk mtype="seg" mid="4">عاشت الثورة!</mrk></seg-source><target><mrk
 mtype="seg" mid="4">Long live the revolution!</mrk></target><sdl:seg-defs><sdl:seg id="4"
 conf="Draft" origin="mt"/></sdl:seg-defs></trans-unit></body></file></xliff>
"""
MQXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff" version="1.2">
<file original="report.docx" source-language="ar-sa" target-language="en-us" datatype="x-docx">
<body>
<trans-unit id="1" mq:status="NotStarted"><source>اندلعت الانتفاضة في المدينة.</source><target
></target></trans-unit>
<trans-unit id="2" mq:status="ManuallyConfirmed"><source>عاشت الثورة!</source><target>Long live
 the revolution!</target><mq:minorversions><mq:historical-unit mq:status="NotStarted"><source
>عاشت الثورة!</source><target>Long live revolution</target></mq:historical-unit
></mq:minorversions></trans-unit>
<trans-unit id="3" mq:status="Reviewer1Confirmed"><source>تشكلت السوفييتات.</source><target>The
 soviets were formed.</target></trans-unit>
<trans-unit id="4" mq:status="Proofread"><source>سطر رابع.</source><target>A fourth line.</target
></trans-unit>
<trans-unit id="5" mq:status="Pretranslated" mq:percent="100"><source>سطر خامس.</source><target
>A fifth line.</target></trans-unit>
</body></file></xliff>
"""


def _import(tmp_path: Path, name: str, text: str) -> Project:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    project = Project.open(tmp_path / "p.db", create=True, author="tester")
    project.sources.import_file(path)
    return project


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_trados_confirmation_levels_are_the_segments_statuses(tmp_path: Path) -> None:
    """They came in as drafts: Trados writes no target state, only its sdl:seg conf."""
    with _import(tmp_path, "report.sdlxliff", SDLXLIFF) as project:
        segments = project.segments("report", limit=10)
        assert [(s.target, s.status) for s in segments] == [
            ("The insurrection broke out in the city.", "reviewed"),
            ("", "new"),
            ("A third line.", "draft"),  # rejected: to be done again
            ("Long live the revolution!", "draft"),
        ]
        project.confirm(segments[1].id, "Soviets were formed everywhere.")
        project.confirm(segments[3].id, "Long live the revolution!")
        out = project.export_file("original", tmp_path / "report.en.sdlxliff").path
    confs = {seg.get("id"): seg.get("conf")
             for seg in etree.parse(str(out)).getroot().iter(f"{{{SDL}}}seg")}
    # Trados sees the confirmed segments as translated; the others keep their levels
    assert confs == {"1": "ApprovedTranslation", "2": "Translated",
                     "3": "RejectedTranslation", "4": "Translated"}


def test_a_trados_segment_left_as_it_was_keeps_the_files_word_for_its_status(
    tmp_path: Path
) -> None:
    """A segment with English and no conf (Trados reads it as not translated; it comes in as
    a draft) that the project left as it was is written back without a conf, not as a
    Draft; one whose English changed gets the project's status."""
    text = SDLXLIFF.replace('<sdl:seg id="4"\n conf="Draft" origin="mt"/>',
                            '<sdl:seg id="4" origin="mt"/>')
    text = text.replace('<sdl:seg id="3"\n conf="RejectedTranslation"/>', '<sdl:seg id="3"/>')
    assert text.count("conf=") == 1
    with _import(tmp_path, "report.sdlxliff", text) as project:
        segments = project.segments("report", limit=10)
        assert [s.status for s in segments] == ["reviewed", "new", "draft", "draft"]
        project.save_draft(segments[2].id, "A third line, edited.")
        out = project.export_file("original", tmp_path / "report.en.sdlxliff").path
    confs = {seg.get("id"): seg.get("conf")
             for seg in etree.parse(str(out)).getroot().iter(f"{{{SDL}}}seg")}
    assert confs == {"1": "ApprovedTranslation", "2": None, "3": "Draft", "4": None}


def test_trados_levels_come_back_with_import_xliff(tmp_path: Path) -> None:
    blank = SDLXLIFF
    for english in ("The insurrection broke out in the city.", "A third line.",
                    "Long live the revolution!"):
        blank = blank.replace(english, "")
    with _import(tmp_path, "report.sdlxliff", blank) as project:
        assert {s.status for s in project.segments("report", limit=10)} == {"new"}
        back = tmp_path / "from-trados.sdlxliff"
        back.write_text(SDLXLIFF.replace('conf="Draft"', 'conf="ApprovedSignOff"'),
                        encoding="utf-8")
        project.import_bilingual(back, doc="report")
        assert [s.status for s in project.segments("report", limit=10)] == [
            "reviewed", "new", "draft", "approved"]


def test_memoq_statuses_are_the_segments_statuses(tmp_path: Path) -> None:
    with _import(tmp_path, "report.mqxliff", MQXLIFF) as project:
        segments = project.segments("report", limit=10)
        assert [(s.target, s.status) for s in segments] == [
            ("", "new"),
            ("Long live the revolution!", "translated"),  # not the historical version
            ("The soviets were formed.", "reviewed"),
            ("A fourth line.", "approved"),
            ("A fifth line.", "draft"),
        ]
        project.confirm(segments[0].id, "The insurrection broke out in the city.")
        out = project.export_file("original", tmp_path / "report.en.mqxliff").path
    statuses = {tu.get("id"): tu.get("{MQXliff}status") for tu in etree.parse(str(out)).getroot()
                .iter("{urn:oasis:names:tc:xliff:document:1.2}trans-unit")}
    assert statuses == {"1": "ManuallyConfirmed", "2": "ManuallyConfirmed",
                        "3": "Reviewer1Confirmed", "4": "Proofread", "5": "Pretranslated"}


def test_memoq_second_reviewers_and_approved_translations_keep_their_status(
        tmp_path: Path) -> None:
    """memoQ's Reviewer2Confirmed and TranslationApproved came in as drafts."""
    text = MQXLIFF.replace('"Proofread"', '"Reviewer2Confirmed"').replace(
        '"ManuallyConfirmed"', '"TranslationApproved"')
    with _import(tmp_path, "report.mqxliff", text) as project:
        assert [s.status for s in project.segments("report", limit=10)] == [
            "new", "translated", "reviewed", "approved", "draft"]
        out = project.export_file("original", tmp_path / "report.en.mqxliff").path
    statuses = [tu.get("{MQXliff}status") for tu in etree.parse(str(out)).getroot().iter(
        "{urn:oasis:names:tc:xliff:document:1.2}trans-unit")]
    assert statuses[1:4] == ["TranslationApproved", "Reviewer1Confirmed", "Reviewer2Confirmed"]


AR_EN = ("ar-SA", "en-US")


def _merged(first: str, second: str, second_pair: tuple[str, str] = AR_EN) -> str:
    """A Trados merged .sdlxliff: one <file> per merged document."""
    def file(name: str, source: str, target: str, pair: tuple[str, str]) -> str:
        return (f'<file original="C:\\client\\{name}" datatype="x-sdlfilterframework2" '
                f'source-language="{pair[0]}" target-language="{pair[1]}"><body><trans-unit '
                f'id="1"><source>{source}</source><target>{target}</target></trans-unit>'
                "</body></file>")
    return ('<?xml version="1.0" encoding="utf-8"?><xliff xmlns="urn:oasis:names:tc:xliff:'
            'document:1.2" version="1.2">' + file("a.docx", "الفصل الأول.", first, AR_EN)
            + file("b.docx", "الفصل الثاني.", second, second_pair) + "</xliff>")


def test_a_merged_file_of_several_files_comes_back_with_import_xliff(tmp_path: Path) -> None:
    """`import` took Trados's merged .sdlxliff (several <file>s) as one document, but
    `import-xliff` of the same file translated refused it ('holds several <file> elements')."""
    with _import(tmp_path, "merged.sdlxliff", _merged("", "")) as project:
        back = tmp_path / "back.sdlxliff"
        back.write_text(_merged("Chapter one.", "Chapter two."), encoding="utf-8")
        project.import_bilingual(back, doc="merged")
        assert [s.target for s in project.segments("merged", limit=10)] == [
            "Chapter one.", "Chapter two."]
        back.write_text(_merged("One.", "Two.", ("en-US", "ar-SA")), encoding="utf-8")
        with pytest.raises(InputError, match=r"line 1: this <file> is en-US→ar-SA"):
            project.import_bilingual(back, doc="merged")


def test_trados_tracked_changes_are_read_accepted(tmp_path: Path) -> None:
    """A reviewer's tracked changes in a .sdlxliff: the deleted text came in beside the added
    ('It has arisencome about'), by `import` and by `import-xliff`."""
    tracked = SDLXLIFF.replace(
        "The insurrection broke out in the city.",
        f'The insurrection <mrk xmlns:sdl="{SDL}" mtype="x-sdl-deleted" sdl:revid="r1">broke '
        f'out</mrk><mrk mtype="x-sdl-added" sdl:revid="r2" xmlns:sdl="{SDL}">began</mrk> in '
        '<mrk mtype="x-sdl-feedback-deleted">the </mrk>city.')
    expected = "The insurrection began in city."
    with _import(tmp_path, "report.sdlxliff", tracked) as project:
        assert project.segments("report", limit=1)[0].target == expected
    assert read_xliff(tmp_path / "report.sdlxliff").units[0].parts[0].target == expected


def _trados_commented() -> str:
    """SDLXLIFF with two replies of a reviewer's comment on a word of the last unit's Arabic
    and of its English."""
    return SDLXLIFF.replace(
        'sdl:version="1.0">',
        f'sdl:version="1.0"><doc-info xmlns="{SDL}"><cmt-defs><cmt-def id="c-1"><Comments '
        'xmlns=""><Comment severity="Medium" user="rev" version="1.0">Say  "rising"?</Comment>'
        '<Comment severity="Low" user="tr" version="1.0">No: the client\'s term.</Comment>'
        '</Comments></cmt-def></cmt-defs></doc-info>', 1,
    ).replace("Long live the revolution!</mrk>", f'Long live the <mrk mtype="x-sdl-comment" '
              f'xmlns:sdl="{SDL}" sdl:cid="c-1">revolution</mrk>!</mrk>').replace(
        '<mrk mtype="seg" mid="4">عاشت الثورة!</mrk>', '<mrk mtype="seg" mid="4"><mrk '
        f'xmlns:sdl="{SDL}" mtype="x-sdl-comment" sdl:cid="c-1">عاشت</mrk> الثورة!</mrk>')


def test_trados_comments_come_in_as_notes(tmp_path: Path) -> None:
    """A reviewer's comments in Trados (``<mrk mtype="x-sdl-comment" sdl:cid>`` around the
    text, the comment itself in the doc-info's ``<cmt-def>``) were lost by import-xliff."""
    path = tmp_path / "reviewed.sdlxliff"
    path.write_text(_trados_commented(), encoding="utf-8")
    assert read_xliff(path).units[1].notes == (  # on the Arabic (seg-source) and the English
        '"عاشت": Say "rising"?', '"عاشت": No: the client\'s term.',
        '"revolution": Say "rising"?', '"revolution": No: the client\'s term.')
    with _import(tmp_path, "report.sdlxliff", SDLXLIFF) as project:
        report = project.import_bilingual(path, doc="report")
        assert report.notes_added == 4


def test_a_segment_whose_english_is_unchanged_keeps_its_comment_marks_on_export(
    tmp_path: Path
) -> None:
    """The client's Trados file with a reviewer's comment on the English of a segment: written
    back, the segment whose English was not changed keeps the comment's mark (it was rebuilt
    from the text: the comment, still in the doc-info, no longer anchored anywhere, so Trados
    showed none); a segment given new English has that English."""
    with _import(tmp_path, "report.sdlxliff", _trados_commented()) as project:
        first, *_, last = project.segments("report", limit=10)
        assert last.target == "Long live the revolution!"
        project.confirm(last.id, "Long live the revolution!")
        project.confirm(first.id, "The uprising broke out in the city.")
        out = project.export_file("original", tmp_path / "report.en.sdlxliff").path
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    marks = {m.get("mid"): m for m in etree.parse(str(out)).getroot().iter(f"{ns}mrk")
             if m.get("mtype") == "seg" and m.getparent().tag == f"{ns}target"}
    comment = marks["4"].find(f"{ns}mrk")
    assert (comment.get("mtype"), comment.get(f"{{{SDL}}}cid"), comment.text) == (
        "x-sdl-comment", "c-1", "revolution")
    assert "".join(marks["4"].itertext()) == "Long live the revolution!"
    assert "".join(marks["1"].itertext()) == "The uprising broke out in the city."


def test_trados_comment_marks_in_the_source_are_no_tags(tmp_path: Path) -> None:
    """A comment a project manager wrote on the Arabic in Trados (``<mrk mtype="x-sdl-comment">``
    around a word of the seg-source) became a tag pair ``<1>…</1>``: the tag check then refused
    the file's own translation, which has no such tag."""
    commented = SDLXLIFF.replace(
        '<mrk mtype="seg" mid="4">عاشت الثورة!</mrk>',
        f'<mrk mtype="seg" mid="4"><mrk xmlns:sdl="{SDL}" mtype="x-sdl-comment" sdl:cid="c-1">'
        'عاشت</mrk> الثورة!<mrk mtype="x-sdl-location" mid="x1"/></mrk>')
    with _import(tmp_path, "report.sdlxliff", commented) as project:
        last = project.segments("report", limit=10)[-1]
        assert (last.source, last.target) == ("عاشت الثورة!", "Long live the revolution!")


def test_memoq_comments_come_in_as_notes(tmp_path: Path) -> None:
    """A reviewer's comments in memoQ (``<mq:comments>`` of the unit) were lost by import-xliff;
    one memoQ marks deleted stays out, as do those of the unit's history."""
    commented = MQXLIFF.replace(
        "</mq:minorversions>",
        '</mq:minorversions><mq:comments><mq:comment id="a" creatoruser="rev" deleted="false" '
        'appliesto="Row">Too  literal.</mq:comment><mq:comment id="b" deleted="true">Gone.'
        '</mq:comment></mq:comments>',
    ).replace('<source\n>عاشت الثورة!</source>', '<source>عاشت الثورة!</source><mq:comments>'
              '<mq:comment id="c">Old.</mq:comment></mq:comments>')
    path = tmp_path / "reviewed.mqxliff"
    path.write_text(commented, encoding="utf-8")
    assert [u.notes for u in read_xliff(path).units][:2] == [(), ("Too literal.",)]


def _memoq_commented() -> str:
    """MQXLIFF with a reviewer's comment on unit 2, one memoQ marks deleted, and one of the
    unit's history."""
    return MQXLIFF.replace(
        "</mq:minorversions>",
        '</mq:minorversions><mq:comments><mq:comment id="a" creatoruser="rev" deleted="false" '
        'appliesto="Row">Too  literal.</mq:comment><mq:comment id="b" deleted="true">Gone.'
        '</mq:comment></mq:comments>',
    ).replace('<source\n>عاشت الثورة!</source>', '<source>عاشت الثورة!</source><mq:comments>'
              '<mq:comment id="c">Old.</mq:comment></mq:comments>')


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("report.mqxliff", _memoq_commented, {2: ["Too literal."]}),
    ("report.sdlxliff", _trados_commented, {4: [
        '"عاشت": Say "rising"?', '"عاشت": No: the client\'s term.',
        '"revolution": Say "rising"?', '"revolution": No: the client\'s term.']}),
])
def test_comments_of_a_tools_file_imported_as_a_document_are_its_segments_notes(
    tmp_path: Path, name: str, text: Callable[[], str], expected: dict[int, list[str]]
) -> None:
    """The file a client sends, with its reviewer's comments, imported as a document (not
    brought back with import-xliff): the comments are notes of the segments (on a unit's first),
    in the import's change, which its undo takes away (they were left out without a word; only
    import-xliff of the same file read them)."""
    with _import(tmp_path, name, text()) as project:
        notes = {s.id: [n["text"] for n in project.notes(s.id)]
                 for s in project.segments("report", limit=10)}
        assert {sid: texts for sid, texts in notes.items() if texts} == expected
        report = project.import_bilingual(tmp_path / name, doc="report")
        assert report.notes_added == 0  # the same file again adds none
        project.undo_change(project.last_import())
        assert not any(project.notes(s.id) for s in project.segments("report", limit=10))


def test_segments_inside_a_g_get_their_english_on_export(tmp_path: Path) -> None:
    """Trados puts the segments of a paragraph formatted whole (bold) inside its ``<g>``; the
    export copied that ``<g>`` from the seg-source as it was: the target was the Arabic, state
    new, every translation of the paragraph lost."""
    wrapped = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="d" '
        'datatype="x" source-language="ar" target-language="en"><body><trans-unit id="u"><source>'
        '<g id="1">الجملة الأولى. الجملة الثانية.</g></source><seg-source><g id="1"><mrk '
        'mtype="seg" mid="1">الجملة الأولى.</mrk> <mrk mtype="seg" mid="2">الجملة الثانية.</mrk>'
        '</g></seg-source></trans-unit></body></file></xliff>')
    with _import(tmp_path, "bold.xlf", wrapped) as project:
        for segment, english in zip(project.segments("bold", limit=2), ("One.", "Two."),
                                    strict=True):
            project.confirm(segment.id, english)
        out = project.export_file("original", tmp_path / "bold.en.xlf").path
    target = etree.parse(str(out)).getroot().find(".//{*}target")
    assert etree.tostring(target, encoding="unicode", with_tail=False).split(">", 1)[1] == (
        '<g id="1"><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk></g>'
        "</target>")
    assert target.get("state") == "translated"


def test_a_group_or_file_saying_translate_no_leaves_its_units_out(tmp_path: Path) -> None:
    """XLIFF 2.0 units inherit ``translate`` from their group and file (a 1.2 group's applies
    to its units): a code sample marked so came in as text to translate."""
    path = tmp_path / "code.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" '
        'trgLang="en"><file id="f"><group id="g" translate="no"><unit id="a"><segment><source>'
        'رمز_لا_يترجم</source></segment></unit><unit id="b" translate="yes"><segment><source>'
        'نص أول.</source></segment></unit></group><unit id="c"><segment><source>نص ثان.</source>'
        '</segment></unit></file></xliff>', encoding="utf-8")
    assert [u.key for u in read_xliff(path).units] == ["b", "c"]
    with _import(tmp_path, "code.xlf", path.read_text(encoding="utf-8")) as project:
        assert [s.source for s in project.segments("code", limit=5)] == ["نص أول.", "نص ثان."]


def test_a_target_that_copies_the_source_is_no_translation(tmp_path: Path) -> None:
    """Okapi and memoQ copy the source into an untranslated unit's target: `import` stored the
    Arabic as the English (a draft, even under state="new"), as import-xliff does not."""
    copied = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="d" '
        'datatype="x" source-language="ar" target-language="en"><body><trans-unit id="1"><source>'
        'الفصل الأول.</source><target state="new">الفصل الأوَّل.</target></trans-unit><trans-unit '
        'id="2"><source>وداعا.</source><target>Farewell.</target></trans-unit></body></file>'
        '</xliff>')
    with _import(tmp_path, "copied.xlf", copied) as project:
        assert [(s.target, s.status) for s in project.segments("copied", limit=5)] == [
            ("", "new"), ("Farewell.", "draft")]


MXLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:m="http://www.memsource.com/mxlf/2.0"
 version="1.2" m:version="2.0"><file original="report.docx" datatype="x-undefined"
 source-language="ar" target-language="en"><body>
<group id="0"><trans-unit id="a:0" m:confirmed="1" m:locked="false"><source>عاشت الثورة!</source
><target>Long live the revolution!</target></trans-unit></group>
<group id="1"><trans-unit id="a:1" m:confirmed="0" m:locked="false"><source>سطر ثان.</source
><target>A second line.</target></trans-unit></group>
<group id="2"><trans-unit id="a:2" m:confirmed="0" m:locked="false"><source>سطر ثالث.</source
><target/></trans-unit></group>
</body></file></xliff>
"""


def test_phrase_confirmations_are_the_segments_statuses(tmp_path: Path) -> None:
    """Phrase's .mxliff says ``m:confirmed`` and no target state: every unit with English came
    in as a draft, confirmed work too, and the file was not taken for an XLIFF by its name."""
    with _import(tmp_path, "report.mxliff", MXLIFF) as project:
        segments = project.segments("report", limit=10)
        assert [(s.target, s.status) for s in segments] == [
            ("Long live the revolution!", "translated"), ("A second line.", "draft"),
            ("", "new")]
        project.confirm(segments[2].id, "A third line.")
        out = project.export_file("original", tmp_path / "report.en.mxliff").path
    confirmed = [tu.get("{http://www.memsource.com/mxlf/2.0}confirmed") for tu in
                 etree.parse(str(out)).getroot().iter(
                     "{urn:oasis:names:tc:xliff:document:1.2}trans-unit")]
    assert confirmed == ["1", "0", "1"]


PHRASE_TAGGED = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:m="http://www.memsource.com/mxlf/2.0"
 version="1.2" m:version="2.0"><file original="report.docx" datatype="x-undefined"
 source-language="ar" target-language="en"><body>
<group id="0"><trans-unit id="a:0" m:confirmed="1"><source
>عاشت {1>الثورة&lt;1} في {b>المدينة&lt;b} و{b>القرية&lt;b}!{2}</source><target
>Long live the {1>revolution&lt;1} in the {b>city&lt;b} and the {b>village&lt;b}!{2}</target
><m:tunit-metadata><m:mark id="1"><m:type>code</m:type><m:content>&lt;a href="r"&gt;</m:content
></m:mark><m:mark id="2"><m:type>code</m:type><m:content>&lt;br/&gt;</m:content></m:mark
></m:tunit-metadata></trans-unit></group>
</body></file></xliff>
"""


def test_phrase_tags_written_as_text_are_tags(tmp_path: Path) -> None:
    """Phrase writes its tags into the text (``{1>``…``<1}``, ``{b>``, ``{2}``): they were
    imported as Arabic for the translator to copy, and the QA check knew nothing of them."""
    with _import(tmp_path, "report.mxliff", PHRASE_TAGGED) as project:
        [segment] = project.segments("report", limit=10)
        assert segment.source == "عاشت <1>الثورة</1> في <2>المدينة</2> و<3>القرية</3>!<4/>"
        assert segment.target == (
            "Long live the <1>revolution</1> in the <2>city</2> and the <3>village</3>!<4/>")
        project.confirm(segment.id, "<4/>Long <3>live</3> the <2>revolution</2> <1>here</1>!")
        out = project.export_file("original", tmp_path / "report.en.mxliff").path
    target = etree.parse(str(out)).getroot().find(".//{*}target")
    assert target is not None
    assert target.text == "{2}Long {b>live<b} the {b>revolution<b} {1>here<1}!"


def test_phrase_tags_come_back_with_import_xliff_into_a_text(tmp_path: Path) -> None:
    """A text translated in Phrase: its units matched no segment (their tags were text)."""
    (tmp_path / "report.txt").write_text("عاشت الثورة في المدينة والقرية!\n", encoding="utf-8")
    back = _write(tmp_path / "back.mxliff", PHRASE_TAGGED)
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(tmp_path / "report.txt")
        report = project.import_bilingual(back, doc="report")
        assert report.matched_by_source == 1
        assert [s.target for s in project.segments("report", limit=10)] == [
            "Long live the revolution in the city and the village!"]


def _named_codes(version: str) -> str:
    """A file of one unit whose inline codes have ids that are no numbers, as tools other than
    ours write them (``g id="0"``, ``x id="x1"``; XLIFF 2.0 ``pc id="pc1"``)."""
    if version == "2.0":
        return """<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"
 version="2.0" srcLang="ar" trgLang="en"><file id="f"><unit id="u"><segment><source>عاشت <pc
 id="pc1">الثورة</pc><ph id="ph2"/>!</source><target>Long live the <pc id="pc1">revolution</pc
><ph id="ph2"/>!</target></segment></unit></file></xliff>"""
    return """<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2"
 version="1.2"><file original="d" source-language="ar" target-language="en" datatype="html"
><body><trans-unit id="u"><source>عاشت <g id="0">الثورة</g><x id="x1"/>!</source><target>Long
 live the <g id="0">revolution</g><x id="x1"/>!</target></trans-unit></body></file></xliff>"""


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_codes_whose_ids_are_no_numbers_are_tags(tmp_path: Path, version: str) -> None:
    """import-xliff left out codes whose ids are no positive numbers, and so put English
    without its tags over the English the same file had given the document."""
    path = _write(tmp_path / "named.xlf", _named_codes(version))
    [unit] = read_xliff(path).units
    assert (unit.source, unit.target) == (
        "عاشت <1>الثورة</1><2/>!", "Long live the <1>revolution</1><2/>!")
    with _import(tmp_path, "named.xlf", _named_codes(version)) as project:
        report = project.import_bilingual(path, doc="named", overwrite="approved")
        assert report.updated == []
        assert [s.target for s in project.segments("named", limit=5)] == [
            "Long live the <1>revolution</1><2/>!"]


TAGS_ONLY = """<?xml version="1.0" encoding="utf-8"?><xliff xmlns:sdl="{SDL}" version="1.2"
 xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x.html" source-language="ar-SA"
 datatype="x-sdlfilterframework2" target-language="en-US"><body><trans-unit id="a"><source
>عاشت <x id="10"/> الثورة!</source><seg-source><mrk mtype="seg" mid="1"
>عاشت <x id="10"/> الثورة!</mrk></seg-source><target><mrk mtype="seg" mid="1">{target}</mrk
></target><sdl:seg-defs><sdl:seg id="1" origin="not-translated"/></sdl:seg-defs></trans-unit
></body></file></xliff>"""


def test_a_target_of_the_source_tags_alone_is_no_translation(tmp_path: Path) -> None:
    """Trados copies the source's tags into the target of a segment not translated: that
    target came in as the English ``<1/>``, a draft, as a document and with import-xliff."""
    with _import(tmp_path, "a.sdlxliff", TAGS_ONLY.format(SDL=SDL, target='<x id="10"/>')) \
            as project:
        assert [(s.target, s.status) for s in project.segments("a", limit=5)] == [("", "new")]
    (tmp_path / "empty").mkdir()
    with _import(tmp_path / "empty", "a.sdlxliff", TAGS_ONLY.format(SDL=SDL, target="")) \
            as project:
        back = _write(tmp_path / "back.sdlxliff",
                      TAGS_ONLY.format(SDL=SDL, target=' <x id="10"/> '))
        report = project.import_bilingual(back, doc="a")
        assert (report.added, report.updated) == ([], [])
        assert [(s.target, s.status) for s in project.segments("a", limit=5)] == [("", "new")]


def test_a_tools_unit_of_several_segments_of_a_paragraph_joins_them(tmp_path: Path) -> None:
    """A file its tool did not segment (a unit per paragraph), or a unit of two of our
    sentences (a sentence our segmenter cut): its units matched no segment."""
    (tmp_path / "report.txt").write_text(
        "عاشت الثورة. قامت الانتفاضة. تشكلت السوفييتات.\n\nسطر ثان.\n", encoding="utf-8")
    whole = tmp_path / "whole.xlf"
    whole.write_text(
        '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="r" source-language="ar" target-language="en" datatype="plaintext"><body>'
        '<trans-unit id="p1"><source>عاشت الثورة.\nقامت الانتفاضة. تشكلت السوفييتات.</source>'
        '<target state="translated">Long live the revolution. The uprising broke out. Soviets'
        " formed.</target></trans-unit></body></file></xliff>", encoding="utf-8")
    part = tmp_path / "part.tmx"
    part.write_text(
        '<tmx version="1.4"><header srclang="ar"/><body><tu><tuv xml:lang="ar"><seg>قامت '
        'الانتفاضة. تشكلت السوفييتات.</seg></tuv><tuv xml:lang="en"><seg>The uprising broke out'
        " and soviets formed.</seg></tuv></tu></body></tmx>", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(tmp_path / "report.txt")
        report = project.import_bilingual(part, doc="report", dry_run=True)
        assert (report.matched_by_source, report.unmatched, report.added) == (1, 0, [2])
        report = project.import_bilingual(whole, doc="report")
        assert (report.matched_by_source, report.unmatched, report.added) == (1, 0, [1])
        assert [(s.target, s.status) for s in project.segments("report", limit=5)] == [
            ("Long live the revolution. The uprising broke out. Soviets formed.", "translated"),
            ("", "translated"), ("", "translated"), ("", "new")]
        assert project.import_bilingual(whole, doc="report").added == []


def test_an_arabic_file_labelled_english_says_what_to_set(tmp_path: Path) -> None:
    """translate-toolkit's po2xliff labels every file en-US: import-xliff said only that the
    source language is not Arabic, the document import what to set."""
    with _import(tmp_path, "report.mxliff", MXLIFF) as project:
        labelled = _write(tmp_path / "po2xliff.xlf",
                          MXLIFF.replace('source-language="ar"', 'source-language="en-US"'))
        with pytest.raises(InputError, match=r"not Arabic \(ar\); its source texts are Arabic"
                           r".*set source-language to ar"):
            project.import_bilingual(labelled, doc="report")


def test_phrase_confirmations_of_a_review_step_are_reviews(tmp_path: Path) -> None:
    """A Phrase file of its second workflow step (``m:level="2"``) says a unit the reviewer
    confirmed with ``m:level-edited="true"``: it came in as translated, as any confirmation."""
    review = MXLIFF.replace('m:version="2.0"', 'm:version="2.0" m:level="2"').replace(
        'm:confirmed="1"', 'm:confirmed="1" m:level-edited="true"')
    back = _write(tmp_path / "review.mxliff", review)
    [unit, *_] = read_xliff(back).units
    assert unit.status == "reviewed"
    with _import(tmp_path, "report.mxliff", review) as project:
        assert [s.status for s in project.segments("report", limit=10)] == [
            "reviewed", "draft", "new"]
    level_one = _write(tmp_path / "level1.mxliff", review.replace(' m:level="2"', ""))
    assert read_xliff(level_one).units[0].status == "translated"


MARKED = """<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="d" source-language="ar" target-language="en" datatype="html"><body><trans-unit
 id="u1"><source>عاشت <mrk mtype="protected" mid="m1">الثورة</mrk> في <mrk mtype="term" mid="1"
>المدينة</mrk>!</source><target>Long live the <mrk mtype="protected" mid="m1">revolution</mrk> in
 the <mrk mtype="term" mid="1">city</mrk>!</target></trans-unit></body></file></xliff>"""


def test_markers_of_the_source_are_tags_for_import_xliff_too(tmp_path: Path) -> None:
    """A term or protected ``<mrk>`` is a tag of the document imported from the file, but
    import-xliff read it as text: bringing the same file back put English without its tags
    over the document's."""
    path = _write(tmp_path / "marked.xlf", MARKED)
    [unit] = read_xliff(path).units
    assert unit.source == "عاشت <1>الثورة</1> في <2>المدينة</2>!"
    assert unit.target == "Long live the <1>revolution</1> in the <2>city</2>!"
    with _import(tmp_path, "marked.xlf", MARKED) as project:
        assert project.import_bilingual(path, doc="marked").updated == []
        assert [s.target for s in project.segments("marked", limit=5)] == [
            "Long live the <1>revolution</1> in the <2>city</2>!"]


def test_the_document_is_found_from_a_tools_original_path(tmp_path: Path) -> None:
    """In a project of several documents, a Trados file (``original`` a Windows path to the
    client's report.docx) or a file named after its document was refused: "the file does not
    say which document it translates; use --doc"."""
    with _import(tmp_path, "report.sdlxliff", SDLXLIFF) as project:
        project.sources.import_file(_write(tmp_path / "other.txt", "سطر آخر.\n"))
        back = _write(tmp_path / "from-trados.sdlxliff", SDLXLIFF.replace(
            'conf="Draft"', 'conf="ApprovedSignOff"'))
        assert project.import_bilingual(back).document == "report"
        named = _write(tmp_path / "other.tmx", '<tmx version="1.4"><header srclang="ar"/><body>'
                       '<tu><tuv xml:lang="ar"><seg>سطر آخر.</seg></tuv><tuv xml:lang="en"><seg>'
                       "Another line.</seg></tuv></tu></body></tmx>")
        assert project.import_bilingual(named).document == "other"


def test_a_unit_of_codes_alone_is_no_unit(tmp_path: Path) -> None:
    """Trados leaves a unit of an HTML comment, ``<source><x id="15"/></source>``, to
    translate (Okapi's simpleTest.sdlxliff has one): import-xliff reported it as a unit
    matching no segment, with a warning, where the document import leaves it out."""
    codes = SDLXLIFF.replace('<trans-unit id="b2">', '<trans-unit id="c"><source><x id="15"/>'
                             '</source><seg-source><x id="15"/></seg-source><target><x id="15"/>'
                             '</target></trans-unit><trans-unit id="b2">')
    back = _write(tmp_path / "codes.sdlxliff", codes)
    assert [u.key for u in read_xliff(back).units] == ["a1", "b2"]
    with _import(tmp_path, "report.sdlxliff", SDLXLIFF) as project:
        report = project.import_bilingual(back, doc="report")
        assert (report.unmatched, report.warnings) == (0, [])


def test_a_tools_sentence_cut_in_two_where_ours_is_whole_comes_back(tmp_path: Path) -> None:
    """Trados cut a sentence at its colon (its segmentation rules), ours kept it whole: its
    two segments matched no segment, and their English was left out."""
    (tmp_path / "speech.txt").write_text("قال الرئيس: عاشت الثورة في كل مكان. سطر ثان.\n",
                                         encoding="utf-8")
    cut = _write(tmp_path / "speech.sdlxliff", f"""<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="{SDL}" xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file
 original="speech.docx" datatype="x-sdlfilterframework2" source-language="ar-SA"
 target-language="en-US"><body><trans-unit id="p"><source>قال الرئيس: عاشت الثورة في كل مكان. سطر
 ثان.</source><seg-source><mrk mtype="seg" mid="1">قال الرئيس:</mrk> <mrk mtype="seg" mid="2"
>عاشت الثورة في كل مكان.</mrk> <mrk mtype="seg" mid="3">سطر ثان.</mrk></seg-source><target><mrk
 mtype="seg" mid="1">The president said:</mrk> <mrk mtype="seg" mid="2">long live the revolution
 everywhere.</mrk> <mrk mtype="seg" mid="3">A second line.</mrk></target><sdl:seg-defs><sdl:seg
 id="1" conf="Translated"/><sdl:seg id="2" conf="Draft"/><sdl:seg id="3" conf="Translated"/>
</sdl:seg-defs></trans-unit></body></file></xliff>""")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(tmp_path / "speech.txt")
        report = project.import_bilingual(cut, doc="speech")
        assert (report.unmatched, report.added) == (0, [1, 2])
        assert [(s.target, s.status) for s in project.segments("speech", limit=5)] == [
            ("The president said: long live the revolution everywhere.", "draft"),
            ("A second line.", "translated")]


def test_xliff2_targets_reordered_by_their_order_come_in_in_that_order(tmp_path: Path) -> None:
    """XLIFF 2.0 lets a translator put a unit's segments' targets in another order
    (``<target order="3">``): the unit's English came in in the source's order."""
    (tmp_path / "quote.txt").write_text("قال الرئيس: عاشت الثورة.\n", encoding="utf-8")
    moved = _write(tmp_path / "quote.xlf", """<?xml version="1.0"?><xliff version="2.0"
 xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" trgLang="en"><file id="f"><unit
 id="u"><segment state="translated"><source>قال الرئيس:</source><target order="3">said the
 president.</target></segment><ignorable><source> </source><target order="2"> </target
></ignorable><segment state="translated"><source>عاشت الثورة.</source><target order="1">"Long
 live the revolution,"</target></segment></unit></file></xliff>""")
    assert read_xliff(moved).units[0].target == (
        '"Long live the revolution," said the president.')
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(tmp_path / "quote.txt")
        project.import_bilingual(moved, doc="quote")
        assert [s.target for s in project.segments("quote", limit=5)] == [
            '"Long live the revolution," said the president.']
