"""Another tool's XLIFF as a source: its source the Arabic, its targets the working
translation (one change group), its segmentation kept; written back with the targets filled
and read back with translate-toolkit."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from translate.storage.xliff import xlifffile
from translate.storage.xliff2 import Xliff2File

from workbench.errors import InputError
from workbench.project import Project

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="report.docx" source-language="ar-SA" target-language="en-US" datatype="x-docx"
      tool-id="othertool">
<header><tool tool-id="othertool" tool-name="Other Tool"/></header>
<body>
<group id="g1">
<trans-unit id="tu1"><source>بدأت <g id="1" ctype="bold">الثورة</g> في بتروغراد.<x id="2"
ctype="lb"/></source>
<target state="translated">The <g id="1" ctype="bold">revolution</g> began in Petrograd.<x
id="2" ctype="lb"/></target></trans-unit>
<trans-unit id="tu2"><source>جملة أولى. جملة ثانية.</source>
<seg-source><mrk mtype="seg" mid="1">جملة أولى.</mrk> <mrk mtype="seg"
mid="2">جملة ثانية.</mrk></seg-source>
<target><mrk mtype="seg" mid="1">First sentence.</mrk> <mrk mtype="seg" mid="2"/></target>
</trans-unit>
</group>
<trans-unit id="tu3" translate="no"><source>DO-NOT-TRANSLATE</source></trans-unit>
<trans-unit id="tu4"><source>فقرة بلا ترجمة.</source><note>a reviewer's note</note></trans-unit>
<trans-unit id="tu5" approved="yes"><source>نص معتمد.</source>
<target state="signed-off">Approved text.</target></trans-unit>
</body></file></xliff>
"""
XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
<file id="f1" original="page.html">
<unit id="u1"><segment id="s1" state="initial"><source>مرحبا <pc id="1"
type="fmt">بالعالم</pc>.</source></segment><ignorable><source> </source></ignorable><segment
id="s2" state="reviewed"><source>ثانية<ph id="2" type="fmt"/>.</source><target>Second<ph id="2"
type="fmt"/>.</target></segment></unit>
<unit id="u2"><segment><source>بلا هدف.</source></segment></unit>
</file></xliff>
"""


def _import(tmp_path: Path, name: str, text: str) -> tuple[Project, Path]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    project = Project.open(tmp_path / "p.db", create=True, author="tester")
    project.sources.import_file(path)
    return project, path


def test_xliff12_source_targets_and_segmentation(tmp_path: Path) -> None:
    project, _ = _import(tmp_path, "other.xlf", XLIFF12)
    with project:
        segments = project.segments("other", limit=100)
        assert [(s.source, s.target, s.status) for s in segments] == [
            ("بدأت <1>الثورة</1> في بتروغراد.<2/>",
             "The <1>revolution</1> began in Petrograd.<2/>", "translated"),
            ("جملة أولى.", "First sentence.", "draft"),  # no state: a draft
            ("جملة ثانية.", "", "new"),
            ("فقرة بلا ترجمة.", "", "new"),
            ("نص معتمد.", "Approved text.", "approved"),
        ]
        assert segments[4].locked
        assert [s.paragraph for s in segments] == [1, 2, 2, 3, 4]  # units: the paragraphs
        assert project.sources.block(segments[0].id)["place"] == "file 1 unit tu1"
        groups = project.changes("other")
        assert [(g["kind"], g["changes"]) for g in groups] == [("import-xliff", 3)]
        findings = project.check_segment(segments[0].id)  # spelling hangs on the machine
        assert [f for f in findings if f.check != "spelling"] == []  # the tags match
        # the working translation came in one change group: one undo takes it back
        project.undo_change(project.last_import())
        assert all(not s.target for s in project.segments("other", limit=100)[:2])


def test_a_pretty_printed_source_is_read_as_its_xml_space_says(tmp_path: Path) -> None:
    """Another tool's indented source came in with its line break and indentation (the
    target was read as xml:space says already); a preserved one keeps them."""
    text = XLIFF12.replace("<source>جملة أولى. جملة ثانية.</source>",
                           "<source>جملة أولى.\n      جملة ثانية.</source>").replace(
        '<mrk mtype="seg" mid="1">جملة أولى.</mrk>',
        '<mrk mtype="seg" mid="1">جملة\n        أولى.</mrk>').replace(
        '<trans-unit id="tu1">', '<trans-unit id="tu1" xml:space="preserve">').replace(
        "<source>بدأت", "<source>بدأت  ")
    project, _ = _import(tmp_path, "pretty.xlf", text)
    with project:
        sources = [s.source for s in project.segments("pretty", limit=100)]
        assert sources[1:3] == ["جملة أولى.", "جملة ثانية."]
        assert sources[0].startswith("بدأت   <1>")  # xml:space="preserve": as written
        out = tmp_path / "out.xlf"
        project.export_file("original", out, "pretty")
        assert out.read_bytes().count(b"\n        ") >= 1  # the file's own layout kept


def test_the_gettext_header_of_translate_toolkits_xliff_is_no_segment(tmp_path: Path) -> None:
    """po2xliff writes the PO header as a unit (restype x-gettext-domain-header): it became a
    segment whose 'Arabic' was Project-Id-Version... and whose English was the same."""
    header = ('<trans-unit xml:space="preserve" id="1" approved="no" '
              'restype="x-gettext-domain-header"><source>Project-Id-Version: app\n'
              'Content-Type: text/plain; charset=UTF-8\n</source><target state="translated">'
              'Project-Id-Version: app\nContent-Type: text/plain; charset=UTF-8\n</target>'
              '</trans-unit>')
    text = XLIFF12.replace('<group id="g1">', header + '<group id="g1">')
    project, path = _import(tmp_path, "other.xlf", text)
    with project:
        segments = project.segments("other", limit=100)
        assert len(segments) == 5 and "Project-Id-Version" not in segments[0].source
        out = project.export_file("original", tmp_path / "other.en.xlf").path
        # brought back with import-xliff, it is not "a unit that matches no segment", nor is
        # the translate="no" unit
        warnings = project.import_bilingual(path, dry_run=True).warnings
        assert not [w for w in warnings if "unit 1 " in w or "unit tu3 " in w], warnings
    units = {u.getid().split("\x04")[-1]: u for u in xlifffile.parsefile(str(out)).getunits()}
    assert units["1"].target.startswith("Project-Id-Version: app")  # kept as it was


def test_xliff12_written_back_with_targets_and_states(tmp_path: Path) -> None:
    project, _ = _import(tmp_path, "other.xlf", XLIFF12)
    with project:
        segments = project.segments("other", limit=100)
        project.confirm(segments[2].id, "Second sentence.")
        project.confirm(segments[3].id, "A paragraph without a translation.")
        out = project.export_file("original", tmp_path / "other.en.xlf").path
    units = {u.getid().split("\x04")[-1]: u for u in xlifffile.parsefile(str(out)).getunits()}
    assert units["tu1"].target == "The revolution began in Petrograd."
    assert units["tu4"].target == "A paragraph without a translation."
    assert units["tu5"].target == "Approved text." and units["tu5"].isapproved()
    assert units["tu4"].getnotes() == "a reviewer's note"
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    root = etree.parse(str(out)).getroot()
    tus = {tu.get("id"): tu for tu in root.iter(f"{ns}trans-unit")}
    target = tus["tu1"].find(f"{ns}target")
    assert target.get("state") == "translated"
    assert target.find(f"{ns}g").get("ctype") == "bold" and target.find(f"{ns}g").text == \
        "revolution"
    assert target.find(f"{ns}x").get("id") == "2"
    marks = tus["tu2"].find(f"{ns}target").findall(f"{ns}mrk")
    assert [(m.get("mid"), m.text) for m in marks] == [("1", "First sentence."),
                                                       ("2", "Second sentence.")]
    assert tus["tu2"].find(f"{ns}target").get("state") == "needs-review-translation"
    assert tus["tu3"].find(f"{ns}target") is None  # translate="no": as it was
    assert root.find(f"{ns}file").get("tool-id") == "othertool"



def test_a_preserved_sources_final_line_break_is_the_translations_too(tmp_path: Path) -> None:
    """A gettext string's final \\n, which po2xliff (1.2, xml:space on the unit) and Weblate
    (2.0, on the source) keep in a preserved source: the segment's text has it not, and the
    English was written without it (msgfmt -c refuses such a translation)."""
    v12 = XLIFF12.replace(
        '<trans-unit id="tu4">', '<trans-unit id="tu4" xml:space="preserve">').replace(
        "<source>فقرة بلا ترجمة.</source>", "<source>فقرة بلا ترجمة.\n</source>")
    v20 = XLIFF20.replace("<source>بلا هدف.</source>",
                          '<source xml:space="preserve">بلا هدف.\n</source>')
    for name, text, english in (("po.xlf", v12, "A paragraph."), ("wl.xlf", v20, "No aim.")):
        project, _ = _import(tmp_path, name, text)
        with project:
            (segment,) = [s for s in project.segments(name[:-4], limit=100)
                          if s.source in ("فقرة بلا ترجمة.", "بلا هدف.")]  # no line break
            project.confirm(segment.id, english)
            out = project.export_file("original", tmp_path / f"{name}.en.xlf", name[:-4]).path
        target = next(t for t in etree.parse(str(out)).getroot().iter("{*}target")
                      if "".join(t.itertext()).startswith(english))
        assert "".join(target.itertext()) == english + "\n"
        assert target.get("{http://www.w3.org/XML/1998/namespace}space") == (
            "preserve" if name == "wl.xlf" else None)  # 1.2: the unit's says so already
        (tmp_path / "p.db").unlink()  # the next file's project


def test_a_segment_of_white_space_alone_keeps_its_place_in_the_english(tmp_path: Path) -> None:
    """Okapi marks a unit's leading space as a segment of its own (1.2 ``<mrk mtype="seg">
    </mrk>``; a 2.0 ``<segment>`` of a space): no segment of the project, it made the file's
    segments one more than the project's, and the English went whole into that space's
    target, the segment of text left with the file's old target (or none)."""
    v12 = XLIFF12.replace(
        '<seg-source><mrk mtype="seg" mid="1">جملة أولى.</mrk>',
        '<seg-source><mrk mtype="seg" mid="0"> </mrk><mrk mtype="seg" mid="1">جملة أولى.</mrk>'
    ).replace('<target><mrk mtype="seg" mid="1">First sentence.</mrk>',
              '<target><mrk mtype="seg" mid="0"></mrk><mrk mtype="seg" mid="1">Old.</mrk>')
    v20 = XLIFF20.replace('<unit id="u2"><segment>', '<unit id="u2"><segment id="sp"><source '
                          'xml:space="preserve"> </source></segment><segment>')
    for name, text, source in (("okapi.xlf", v12, "جملة ثانية."), ("two.xlf", v20, "بلا هدف.")):
        project, _ = _import(tmp_path, name, text)
        with project:
            (segment,) = [s for s in project.segments(name[:-4], limit=100)
                          if s.source == source]
            project.confirm(segment.id, "The English.")
            result = project.export_file("original", tmp_path / f"{name}.en.xlf", name[:-4])
            assert not [w for w in result.warnings if "segments in the project" in w]
        root = etree.parse(str(result.path)).getroot()
        if name == "okapi.xlf":
            marks = {m.get("mid"): "".join(m.itertext()) for m in root.iter("{*}mrk")
                     if m.getparent().tag.endswith("target")}
            assert marks == {"0": " ", "1": "Old.", "2": "The English."}
        else:
            (unit,) = [u for u in root.iter("{*}unit") if u.get("id") == "u2"]
            assert ["".join(t.itertext()) for t in unit.iter("{*}target")] == [
                " ", "The English."]
        (tmp_path / "p.db").unlink()  # the next file's project


def test_a_machine_translated_target_is_a_draft(tmp_path: Path) -> None:
    """Microsoft's and Okapi's XLIFF mark raw machine translation ``state="translated"
    state-qualifier="leveraged-mt"``: it came in as translated work (finished work that
    import-xliff protects), where TXML's ``gtmt="true"`` is a draft. Confirmed, it is written
    back translated without the qualifier (which would make it a machine's draft again)."""
    text = XLIFF12.replace('<target state="translated">The',
                           '<target state="translated" state-qualifier="leveraged-mt">The')
    project, path = _import(tmp_path, "mt.xlf", text)
    with project:
        first = project.segments("mt", limit=100)[0]
        assert first.status == "draft"
        report = project.import_bilingual(path, "mt", dry_run=True)  # import-xliff reads so too
        assert not [w for w in report.warnings if "finished" in w]
        project.confirm(first.id, first.target)
        out = project.export_file("original", tmp_path / "mt.en.xlf", "mt").path
    target = next(etree.parse(str(out)).getroot().iter("{*}target"))
    assert (target.get("state"), target.get("state-qualifier")) == ("translated", None)
    from workbench.formats.xliff import read_xliff

    units = read_xliff(path).units
    assert units[0].status == "draft"


def test_a_half_translated_unit_is_neither_translated_nor_approved(tmp_path: Path) -> None:
    """A 1.2 unit whose second segment has no English says needs-translation (it said the
    first segment's state: signed-off and approved="yes", the second segment empty)."""
    project, _ = _import(tmp_path, "other.xlf", XLIFF12)
    with project:
        first = project.segments("other", limit=100)[1]
        project.confirm(first.id, "First sentence.")
        project.review(first.id, "approved")
        out = project.export_file("original", tmp_path / "other.en.xlf").path
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    tus = {tu.get("id"): tu for tu in etree.parse(str(out)).getroot().iter(f"{ns}trans-unit")}
    assert tus["tu2"].find(f"{ns}target").get("state") == "needs-translation"
    assert tus["tu2"].get("approved") is None
    assert tus["tu5"].get("approved") == "yes"  # whole: as it was

def test_english_not_marked_into_a_units_segments_is_said_to_be_left_out(
    tmp_path: Path
) -> None:
    """A unit segmented by its tool whose target holds its English whole, without the
    segments' marks: which sentence is which is not known, so it is left out, with a warning
    (it was left out without a word); the export keeps the unit's target as it was."""
    unmarked = XLIFF12.replace(
        '<target><mrk mtype="seg" mid="1">First sentence.</mrk> <mrk mtype="seg" mid="2"/>'
        "</target>", "<target>First sentence. Second sentence.</target>")
    path = tmp_path / "other.xlf"
    path.write_text(unmarked, encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        report = project.sources.import_file(path)
        assert report.warnings == [
            "file 1 unit tu2 (line 12): its English is not marked into its 2 segments (no "
            '<mrk mtype="seg"> of theirs in its target): left out']
        assert [s.target for s in project.segments("other", limit=10)][1:3] == ["", ""]
        out = project.export_file("original", tmp_path / "other.en.xlf").path
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    tus = {tu.get("id"): tu for tu in etree.parse(str(out)).getroot().iter(f"{ns}trans-unit")}
    assert tus["tu2"].find(f"{ns}target").text == "First sentence. Second sentence."


def test_the_unmarked_english_of_a_unit_of_one_segment_is_its_english(tmp_path: Path) -> None:
    """A unit of one ``<seg-source>`` mark whose target is its English without the mark: the
    English of its one segment, as import-xliff reads it (it was left out)."""
    one = XLIFF12.replace(
        '<trans-unit id="tu4"><source>فقرة بلا ترجمة.</source>',
        '<trans-unit id="tu4"><source>فقرة بلا ترجمة.</source><seg-source><mrk mtype="seg" '
        'mid="9">فقرة بلا ترجمة.</mrk></seg-source><target>A paragraph.</target>')
    project, _ = _import(tmp_path, "other.xlf", one)
    with project:
        segment = next(s for s in project.segments("other", limit=10)
                       if s.source == "فقرة بلا ترجمة.")
        assert (segment.target, segment.status) == ("A paragraph.", "draft")
        out = project.export_file("original", tmp_path / "other.en.xlf").path
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    tus = {tu.get("id"): tu for tu in etree.parse(str(out)).getroot().iter(f"{ns}trans-unit")}
    mark = tus["tu4"].find(f"{ns}target/{ns}mrk")
    assert (mark.get("mid"), mark.text) == ("9", "A paragraph.")


def test_xliff20_source_round_trip(tmp_path: Path) -> None:
    project, _ = _import(tmp_path, "page.xliff", XLIFF20)
    with project:
        segments = project.segments("page", limit=100)
        assert [(s.source, s.target, s.status) for s in segments] == [
            ("مرحبا <1>بالعالم</1>.", "", "new"),
            ("ثانية<2/>.", "Second<2/>.", "reviewed"),
            ("بلا هدف.", "", "new"),
        ]
        project.confirm(segments[0].id, "Hello <1>world</1>.")
        out = project.export_file("original", tmp_path / "page.en.xliff").path
    units = Xliff2File.parsefile(str(out)).getunits()
    assert units[0].target == "Hello world."  # its first segment, as translate-toolkit reads it
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    root = etree.parse(str(out)).getroot()
    first, second, third = root.iter(f"{ns}segment")
    assert first.get("state") == "translated" and second.get("state") == "reviewed"
    pc = first.find(f"{ns}target/{ns}pc")
    assert (pc.get("id"), pc.text) == ("1", "world")
    assert root.find(f"{ns}file/{ns}unit/{ns}ignorable") is not None
    untouched = list(root.iter(f"{ns}unit"))[1]
    assert untouched.find(f".//{ns}target") is None and third.get("state") is None


SC_EC = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
<file id="f1"><unit id="u1">
<originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data></originalData>
<segment id="s1"><source>في <sc id="1" dataRef="d1"/>بتروغراد<ec startRef="1" dataRef="d2"/> عام
١٩١٧.</source><target>In <sc id="1" dataRef="d1"/>Petrograd<ec startRef="1" dataRef="d2"/>
in 1917.</target></segment>
<segment id="s2"><source>وانتهت <sc id="2" isolated="yes"/>الحرب<sc id="3"/><ec
startRef="3"/>.</source></segment>
<segment id="s3"><source><sc id="4"/>أ<pc id="5">ب<ec startRef="4"/>ج</pc>.</source></segment>
</unit></file></xliff>
"""


def test_xliff20_sc_and_ec_of_one_segment_are_one_pair(tmp_path: Path) -> None:
    """An sc and its ec in one segment were two standalone tags, <1/>...<2/>: the translator
    could not say what they wrap. They are a pair, written back as sc/ec; an isolated sc, an
    sc/ec around nothing (one empty tag) and crossing ones (standalone) stay as they were."""
    project, _ = _import(tmp_path, "scec.xlf", SC_EC)
    with project:
        segments = project.segments("scec", limit=100)
        assert [(s.source, s.target) for s in segments] == [
            ("في <1>بتروغراد</1> عام ١٩١٧.", "In <1>Petrograd</1> in 1917."),
            ("وانتهت <2/>الحرب<3/>.", ""),
            ("<4/>أ<5>ب<6/>ج</5>.", ""),
        ]
        project.confirm(segments[0].id, "<1>Petrograd</1>, 1917.")
        project.confirm(segments[1].id, "The <2/>war ended<3/>.")
        out = project.export_file("original", tmp_path / "scec.en.xlf").path
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    first, second, _ = etree.parse(str(out)).getroot().iter(f"{ns}segment")
    target = first.find(f"{ns}target")
    assert [(etree.QName(c).localname, c.tail) for c in target] == [
        ("sc", "Petrograd"), ("ec", ", 1917.")]
    assert target[0].get("dataRef") == "d1" and target[1].get("startRef") == "1"
    assert [etree.QName(c).localname for c in second.find(f"{ns}target")] == ["sc", "sc", "ec"]


BPT_EPT = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="page.html" source-language="ar" target-language="en" datatype="html"><body>
<trans-unit id="1"><source>في <bpt id="1">&lt;b&gt;</bpt>بتروغراد<ept id="1">&lt;/b&gt;</ept>
عام ١٩١٧.</source><target>In <bpt id="1">&lt;b&gt;</bpt>Petrograd<ept id="1">&lt;/b&gt;</ept>
in 1917.</target></trans-unit>
<trans-unit id="2"><source>وانتشرت <bx id="2" rid="5"/>بسرعة<ex id="3" rid="5"/>.</source>
</trans-unit>
</body></file></xliff>
"""


def test_xliff12_bpt_and_ept_of_one_segment_are_one_pair(tmp_path: Path) -> None:
    """1.2's standalone halves (Okapi's and Wordfast's ``bpt``/``ept`` with the native code,
    ``bx``/``ex`` linked by ``rid``) were two empty tags each: a pair, as 2.0's sc/ec."""
    project, _ = _import(tmp_path, "bpt.xlf", BPT_EPT)
    with project:
        segments = project.segments("bpt", limit=100)
        assert [(s.source, s.target) for s in segments] == [
            ("في <1>بتروغراد</1> عام ١٩١٧.", "In <1>Petrograd</1> in 1917."),
            ("وانتشرت <1>بسرعة</1>.", ""),
        ]
        project.confirm(segments[1].id, "It spread <1>fast</1>.")
        out = project.export_file("original", tmp_path / "bpt.en.xlf").path
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    target = list(etree.parse(str(out)).getroot().iter(f"{ns}target"))[1]
    assert [(etree.QName(c).localname, c.get("rid"), c.tail) for c in target] == [
        ("bx", "5", "fast"), ("ex", "5", ".")]


def test_another_languages_xliff_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "french.xlf"
    path.write_text(XLIFF12.replace('source-language="ar-SA"', 'source-language="fr"'),
                    encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True) as project, \
            pytest.raises(InputError, match=r"french\.xlf: line 4: source language is 'fr', "
                          r"not Arabic \(ar\); .* set source-language to ar"):
        project.sources.import_file(path)
    # po2xliff's file of an Arabic PO: its English gettext header unit is no source text
    header = ('<trans-unit xml:space="preserve" id="1" restype="x-gettext-domain-header">'
              '<source>Project-Id-Version: app\nContent-Type: text/plain; charset=UTF-8\n'
              'Language-Team: none\nLast-Translator: none\n</source></trans-unit>')
    path.write_text(XLIFF12.replace('source-language="ar-SA"', 'source-language="en-US"')
                    .replace('<group id="g1">', header + '<group id="g1">'), encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True) as project, \
            pytest.raises(InputError, match=r"'en-US', not Arabic \(ar\); its source texts "
                          r"are Arabic: .*po2xliff.* set source-language to ar"):
        project.sources.import_file(path)
    # a Trados file from Italian: no advice to call its Italian Arabic
    italian = tmp_path / "italian.sdlxliff"
    italian.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="t" '
        'source-language="it-IT" target-language="en-US" datatype="x-sdlfilterframework2"><body>'
        '<trans-unit id="1"><source>Segmento 1</source></trans-unit></body></file></xliff>',
        encoding="utf-8")
    with Project.open(tmp_path / "p.db") as project, \
            pytest.raises(InputError, match=r"italian\.sdlxliff: line 1: source language is "
                          r"'it-IT', not Arabic \(ar\)$"):
        project.sources.import_file(italian)


def test_an_xliff_into_arabic_is_refused_as_the_other_direction(tmp_path: Path) -> None:
    """An English-to-Arabic file was told to set its source language to ar (a tool's default
    language), which would have imported English as the Arabic."""
    path = tmp_path / "enar.xlf"
    path.write_text(XLIFF12.replace('source-language="ar-SA" target-language="en-US"',
                                    'source-language="en-US" target-language="ar-SA"'),
                    encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True) as project, \
            pytest.raises(InputError, match=r"enar\.xlf: line 4: a file to translate from "
                          r"'en-US' into Arabic \('ar-SA'\): the workbench translates Arabic "
                          r"into English$"):
        project.sources.import_file(path)
