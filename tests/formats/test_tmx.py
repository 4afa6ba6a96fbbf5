"""TMX 1.4b: valid against the DTD, read by translate-toolkit, usable by OmegaT."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from tests.formats.conftest import TMX_DTD, Exporter
from tests.formats.omegat import needs_omegat, omegat_translate
from workbench.errors import InputError
from workbench.formats.tmx import read_tmx
from workbench.formats.xliff import read_xliff
from workbench.project import Project

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_tmx_is_valid_against_the_tmx14_dtd(export: Exporter) -> None:
    path = export("tmx")
    dtd = etree.DTD(str(TMX_DTD))
    doc = etree.parse(str(path))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    header = doc.getroot().find("header")
    assert doc.getroot().get("version") == "1.4"
    for attr, value in {
        "segtype": "sentence", "srclang": "ar", "datatype": "plaintext", "adminlang": "en",
        "creationtool": "workbench", "o-tmf": "workbench",
    }.items():
        assert header.get(attr) == value
    assert header.get("creationtoolversion")


def test_tmx_units_carry_english_ids_dates_and_status(export: Exporter, project: Project) -> None:
    path = export("tmx")
    units = [u for u in tmxfile.parsefile(str(path)).units if not u.isheader()]
    segments = project.segments(limit=1000)
    assert len(units) == len(segments) == 21
    for unit, seg in zip(units, segments, strict=True):
        assert unit.source == seg.source  # exactly the segment text (what OmegaT matches)
        assert unit.target == seg.target and unit.target.strip()
    tus = etree.parse(str(path)).getroot().find("body").findall("tu")
    first = tus[0]
    assert first.get("tuid") == str(segments[0].id)
    assert first.get("creationdate") and first.get("changedate").endswith("Z")
    props = {p.get("type"): p.text for p in first.findall("prop")}
    assert props["x-status"] == "draft"
    assert [t.get(XML_LANG) for t in first.findall("tuv")] == ["ar", "en"]


def test_tmx_leaves_out_segments_without_english_and_filters_statuses(
    export: Exporter, project: Project
) -> None:
    project.save_draft(2, "")
    project.confirm(3, "The revolution lasted nine months.", override_reason="test")
    assert [u.key for u in read_tmx(export("tmx")).units] == [
        str(i) for i in range(1, 22) if i != 2
    ]
    only = read_tmx(export("tmx", name="t.tmx", statuses=["translated"]))
    assert [(u.key, u.target, u.status) for u in only.units] == [
        ("3", "The revolution lasted nine months.", "translated")
    ]


def test_notes_become_tmx_notes(export: Exporter, project: Project) -> None:
    project.review(4, "rejected", "Kerensky is spelt with a y")
    tu = etree.parse(str(export("tmx"))).getroot().find("body").findall("tu")[3]
    assert [n.text for n in tu.findall("note")] == ["tester (rejected): Kerensky is spelt with a y"]
    assert etree.DTD(str(TMX_DTD)).validate(tu.getroottree())


def test_many_to_many_links_become_one_unit(tmp_path: Path) -> None:
    with Project.open(tmp_path / "mm.db", create=True, author="tester") as project:
        project.import_document_text(
            "الجملة الأولى قصيرة. والثانية أيضا قصيرة جدا.\n"
            "هذه فقرة ثانية فيها جملة واحدة طويلة نوعا ما لكي نختبر.",
            "doc",
        )
        project.import_translation_text(
            "The first sentence is short and the second one is also very short.\n"
            "This is a second paragraph. It has one rather long sentence so that we test.",
            "doc", "working",
        )
        path = project.export_file("tmx", tmp_path / "mm.tmx").path
    units = [u for u in tmxfile.parsefile(str(path)).units if not u.isheader()]
    assert [u.getid() for u in units] == ["1_2", "3"]
    assert units[0].source == "الجملة الأولى قصيرة. والثانية أيضا قصيرة جدا."
    assert units[0].target == "The first sentence is short and the second one is also very short."
    assert units[1].target == (
        "This is a second paragraph. It has one rather long sentence so that we test."
    )
    assert etree.DTD(str(TMX_DTD)).validate(etree.parse(str(path)))


@needs_omegat
def test_omegat_fills_the_sample_from_the_tmx(export: Exporter, tmp_path: Path) -> None:
    """OmegaT, given the TMX in tm/auto, writes the English of every sentence of the sample."""
    from workbench.project.sample import bundled

    target = omegat_translate(tmp_path / "omegat-project", bundled("sample.ar.txt"), export("tmx"))
    english = target.read_text(encoding="utf-8")
    assert not any("\u0600" <= ch <= "\u06ff" for ch in english)
    assert english.startswith("The bourgeois critics of Bolshevism")
    assert "Anweiler presents the following description" in english


def test_markup_and_control_characters_stay_well_formed(
    export: Exporter, project: Project
) -> None:
    """Text with XML markup characters is escaped; characters XML cannot carry are dropped."""
    project.confirm(2, 'A <claim> & "quote" \x0bfalse\x01 to the core.', override_reason="test")
    for fmt in ("tmx", "xliff", "xliff2"):
        path = export(fmt)
        units = read_tmx(path).units if fmt == "tmx" else read_xliff(path).units
        unit = next(u for u in units if u.key == "2")
        assert unit.target == 'A <claim> & "quote" false to the core.'
    assert etree.DTD(str(TMX_DTD)).validate(etree.parse(str(export("tmx"))))


def test_a_tmx_with_its_languages_swapped_is_refused_saying_so(
    export: Exporter, project: Project, tmp_path: Path
) -> None:
    """Each tuv's text under the other's language: no unit matches the Arabic, and the error
    says the languages look swapped (not "another document")."""
    from workbench.errors import WorkbenchError

    text = export("tmx").read_text(encoding="utf-8")
    root = etree.fromstring(text.encode("utf-8"))
    for tu in root.iter("tu"):
        tuvs = tu.findall("tuv")
        if len(tuvs) == 2:
            segs = [t.find("seg") for t in tuvs]
            segs[0].text, segs[1].text = segs[1].text, segs[0].text
    swapped = tmp_path / "swapped.tmx"
    swapped.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    with pytest.raises(WorkbenchError, match="the languages swapped"):
        project.import_tmx(swapped)


def test_another_tools_files_meet_segments_with_tags(tmp_path: Path) -> None:
    """A client document's segment has tags: an XLIFF of another tool numbers its codes its
    own way (<g id="7">), OmegaT's TMX from 0 (<bpt i="0">). Both are matched by the text and
    their codes become ours."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>وانتشرت <b>بسرعة</b> كبيرة.</p><p>جملة <i>مائلة</i> هنا."
                    "</p></body></html>", encoding="utf-8")
    xliff = tmp_path / "other.xlf"
    xliff.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" '
        'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="page.html" '
        'source-language="ar" target-language="en" datatype="html"><body>'
        '<trans-unit id="x1"><source>وانتشرت <g id="7">بسرعة</g> كبيرة.</source>'
        '<target>It spread <g id="7">very</g> fast.</target></trans-unit>'
        "</body></file></xliff>", encoding="utf-8")
    tmx = tmp_path / "om.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="OmegaT"'
        ' creationtoolversion="4" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US"'
        ' srclang="AR" datatype="plaintext"/><body><tu><tuv xml:lang="AR"><seg>جملة '
        '<bpt i="0">&lt;i0&gt;</bpt>مائلة<ept i="0">&lt;/i0&gt;</ept> هنا.</seg></tuv>'
        '<tuv xml:lang="EN-US"><seg>A <bpt i="0">&lt;i0&gt;</bpt>slanted<ept i="0">&lt;/i0&gt;'
        "</ept> sentence.</seg></tuv></tu></body></tmx>", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(page)
        first, second = project.segments("page", limit=10)
        assert first.source == "وانتشرت <1>بسرعة</1> كبيرة."
        assert project.import_xliff(xliff).added == [first.id]
        assert project.segment(first.id).target == "It spread <1>very</1> fast."
        assert project.import_tmx(tmx).added == [second.id]
        assert project.segment(second.id).target == "A <1>slanted</1> sentence."


def test_omegats_project_memory_with_its_tags_as_text_meets_segments_with_tags(
    tmp_path: Path,
) -> None:
    """OmegaT's project_save.tmx writes its tags as text (``&lt;i0&gt;``), not as codes:
    they are read as codes, so the unit meets its tagged segment (it matched no segment) and
    its English keeps them, renumbered to the segment's (left out, the break between two
    words joined them: "sentenceindeed")."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>جملة <i>مائلة</i> هنا<br/>تماما.</p></body></html>",
                    encoding="utf-8")
    tmx = tmp_path / "project_save.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n'
        '<tmx version="1.1"><header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US"'
        ' datatype="plaintext" creationtoolversion="3.6.0_11" segtype="sentence" srclang="AR"/>'
        '<body><tu><tuv lang="AR"><seg>جملة &lt;i0&gt;مائلة&lt;/i0&gt; هنا&lt;br1/&gt;تماما.'
        '</seg></tuv><tuv lang="EN-US"><seg>A &lt;i0&gt;slanted&lt;/i0&gt; sentence'
        "&lt;br1/&gt;indeed.</seg></tuv></tu></body></tmx>", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(page)
        (segment,) = project.segments("page", limit=10)
        assert segment.source.count("<") == 3  # <1>…</1> and the break
        assert project.import_tmx(tmx).added == [segment.id]
        assert project.segment(segment.id).target == "A <1>slanted</1> sentence<2/>indeed."


def test_omegats_standalone_tags_written_as_text_are_empty_tags(tmp_path: Path) -> None:
    """OmegaT 3.6 writes a standalone tag (an image) without a slash, ``<i1>``: read as an
    opening tag that nothing closes, the unit met no segment by its tags and its English lost
    them all ("See the picture  below.")."""
    page = tmp_path / "img.html"
    page.write_text('<html><body><p>انظر <b>الصورة</b> <img src="a.png"> أدناه.</p></body></html>',
                    encoding="utf-8")
    tmx = tmp_path / "project_save.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.1"><header creationtool="OmegaT"'
        ' creationtoolversion="3.6.0_10" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US"'
        ' srclang="ar" datatype="plaintext"></header><body><tu><tuv lang="ar"><seg>انظر '
        "&lt;b0&gt;الصورة&lt;/b0&gt; &lt;i1&gt; أدناه.</seg></tuv><tuv lang=\"en\"><seg>See "
        "&lt;b0&gt;the picture&lt;/b0&gt; &lt;i1&gt; below.</seg></tuv></tu></body></tmx>",
        encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(page)
        (segment,) = project.segments("img", limit=10)
        assert segment.source == "انظر <1>الصورة</1> <2/> أدناه."
        assert project.import_tmx(tmx).added == [segment.id]
        assert project.segment(segment.id).target == "See <1>the picture</1> <2/> below."


def test_omegats_level2_memory_keeps_its_codes_numbered_from_zero(tmp_path: Path) -> None:
    """OmegaT's level-2 TMX numbers a unit's codes from 0 (``<bpt i="0" x="0">``): code 0 was
    taken for no number and left out, so the English came in without the formatting the
    file carried (and the tag check refused it)."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>بدأت الثورة في <b>بتروغراد</b> عام ١٩١٧.</p></body></html>",
                    encoding="utf-8")
    tmx = tmp_path / "om-level2.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4"><header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US"'
        ' datatype="plaintext" creationtoolversion="3.6.0" segtype="sentence" srclang="ar"/>'
        '<body><tu><tuv xml:lang="ar"><seg>بدأت الثورة في <bpt i="0" x="0">&lt;b0&gt;</bpt>'
        'بتروغراد<ept i="0">&lt;/b0&gt;</ept> عام ١٩١٧.</seg></tuv><tuv xml:lang="en"><seg>'
        'It began in <bpt i="0" x="0">&lt;b0&gt;</bpt>Petrograd<ept i="0">&lt;/b0&gt;</ept> in '
        "1917.</seg></tuv></tu></body></tmx>", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(page)
        (segment,) = project.segments("page", limit=10)
        assert project.import_tmx(tmx).added == [segment.id]
        assert project.segment(segment.id).target == "It began in <1>Petrograd</1> in 1917."


def test_a_status_filter_takes_a_link_whole_or_not_at_all(tmp_path: Path) -> None:
    """A 2–1 link: its second segment is "new" without English, but the unit is translated
    (draft): exporting the new segments leaves it out instead of exporting that segment alone
    (filled in and brought back, its English would have been there twice)."""
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.import_document_text(
            "قال أحمد إن الجو جميل اليوم. وأضاف أنه سيخرج.\nهذه جملة ثانية.", "j")
        project.import_translation_text(
            "Ahmed said the weather was nice today and that he would go out.\nA second one.",
            "j", "working")
        assert [s.status for s in project.segments("j", limit=10)] == ["draft", "new", "draft"]
        assert [u.key for u in project.export_units("j", statuses=["new"])] == []
        assert [u.key for u in project.export_units("j", statuses=["draft"])] == ["1_2", "3"]


def test_the_notes_of_a_variant_are_read(tmp_path: Path) -> None:
    """TMX 1.4 has ``<note>``s in a ``<tuv>`` too: those of the Arabic and the English are the
    unit's (they were lost), another language's are not."""
    path = tmp_path / "tuv-notes.tmx"
    path.write_text(
        '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="ar" datatype="plaintext"/><body>'
        '<tu><note>on the unit</note><tuv xml:lang="ar"><note>on the Arabic</note>'
        "<seg>نص عربي.</seg></tuv>"
        '<tuv xml:lang="en-GB"><note>LQA: minor style/awkward: clumsy</note><seg>Text.</seg>'
        '</tuv><tuv xml:lang="fr"><note>sur le français</note><seg>Texte.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    (unit,) = read_tmx(path).units
    assert unit.notes == ("on the unit", "on the Arabic")
    assert unit.lqa == ("LQA: minor style/awkward: clumsy",)


def test_a_tmx_of_other_languages_says_which(tmp_path: Path) -> None:
    """A memory of another pair (LISA's compliance kit, en-US and en-GB; Weblate's, German,
    English and Czech) was refused without saying what it holds."""
    path = tmp_path / "other.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="de-DE"/><body><tu><tuv xml:lang="DE-DE"><seg>Wenn'
        '</seg></tuv><tuv xml:lang="EN-US"><seg>If</seg></tuv><tuv lang="cs-CZ"><seg>Pokud</seg>'
        '</tuv></tu></body></tmx>', encoding="utf-8")
    with pytest.raises(InputError, match=r"no Arabic-English translation units "
                       r"to import; its languages: cs-cz, de-de, en-us$"), \
            Project.open(tmp_path / "p.db", create=True) as project:
        project.import_bilingual(path, "doc")


def test_a_tmx_in_the_tmx14_namespace_is_read(tmp_path: Path) -> None:
    """``<tmx xmlns="http://www.lisa.org/tmx14">``: tm import read it, import-tmx found no
    unit in it ('no Arabic-English translation units to import')."""
    path = tmp_path / "ns.tmx"
    path.write_text(
        '<tmx xmlns="http://www.lisa.org/tmx14" version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ar" '
        'datatype="plaintext"/><body><tu><tuv xml:lang="ar-SA"><note>on the Arabic</note>'
        '<seg>نص عربي.</seg></tuv><tuv xml:lang="en-US"><seg>Text.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    (unit,) = read_tmx(path).units
    assert (unit.source, unit.target, unit.notes) == ("نص عربي.", "Text.", ("on the Arabic",))


def test_trados_confirmation_levels_are_statuses(tmp_path: Path) -> None:
    """Trados Studio's TMX gives each unit ``<prop type="x-ConfirmationLevel">``; import-tmx
    gave every unit 'translated', a signed-off one too (and a draft became confirmed work)."""
    units = "".join(
        f'<tu><prop type="x-ConfirmationLevel">{level}</prop><tuv xml:lang="ar-SA">'
        f'<seg>جملة {n}.</seg></tuv><tuv xml:lang="en-US"><seg>Sentence {n}.</seg></tuv></tu>'
        for n, level in enumerate(["Draft", "Translated", "ApprovedTranslation",
                                   "ApprovedSignOff", "RejectedTranslation", "Unknown"]))
    path = tmp_path / "studio.tmx"
    path.write_text(
        '<tmx version="1.4"><header creationtool="SDL Language Platform" '
        'creationtoolversion="8.1" segtype="sentence" o-tmf="SDL TM8 Format" adminlang="en-US" '
        f'srclang="ar-SA" datatype="xml"/><body>{units}</body></tmx>', encoding="utf-8")
    assert [u.status for u in read_tmx(path).units] == [
        "draft", "translated", "reviewed", "approved", "draft", None]


def test_a_large_memory_matching_nothing_is_refused_cheaply(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 100,000-unit memory of other texts took ~18 s before its refusal: every element
    inside every unit was an event of the reader, and each unit that matched no segment was
    copied and its Arabic normalised again. The reader takes the events of ``<tu>`` alone,
    and a unit is looked up once when no segment has tags; the message is as it was."""
    from workbench.errors import WorkbenchError
    from workbench.formats import safexml
    from workbench.project import exchange_import, exchange_matching

    n = 500
    units = "".join(
        f'<tu><tuv xml:lang="ar"><note>n</note><seg>نص آخر رقم {i}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Other text {i}</seg></tuv></tu>\n' for i in range(n))
    path = tmp_path / "other.tmx"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                    'srclang="ar" creationtool="x" creationtoolversion="1" segtype="sentence" '
                    'o-tmf="x" adminlang="en" datatype="plaintext"/><body>\n'
                    f"{units}</body></tmx>\n", encoding="utf-8")
    events, keys = [0], [0]
    real_iterparse, real_key = safexml.iterparse, exchange_import.match_key

    def counted_events(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        for event in real_iterparse(*args, **kwargs):  # type: ignore[arg-type]
            events[0] += 1
            yield event

    def counted_key(text: str) -> str:
        keys[0] += 1
        return real_key(text)

    monkeypatch.setattr(safexml, "iterparse", counted_events)
    for module in (exchange_import, exchange_matching):  # the segments' keys, the units'
        monkeypatch.setattr(module, "match_key", counted_key)
    with pytest.raises(WorkbenchError, match=f"none of its {n} units matches the Arabic"):
        project.import_tmx(path)
    assert events[0] <= n + 2  # the units, the header and the root
    assert keys[0] <= n + 50  # once a unit (and once a segment of the project's 21)


def test_import_tmx_names_the_units_without_english_as_tm_import_does(
    sample_db: Path, tmp_path: Path
) -> None:
    """`import-tmx` counted units without an English side among those 'left alone' without
    a word (one without Arabic not at all), where `tm import` of the same file warns and
    lists their lines: both now say how many and which lines."""
    from tests.conftest import run_cli

    with Project.open(sample_db) as project:
        first, second, third = (s.source for s in project.segments(limit=3))
    tus = [
        f'<tu><tuv xml:lang="ar"><seg>{first}</seg></tuv>'
        '<tuv xml:lang="en"><seg>A new English.</seg></tuv></tu>',
        f'<tu><tuv xml:lang="ar"><seg>{second}</seg></tuv></tu>',  # no English
        f'<tu><tuv xml:lang="ar"><seg>{third}</seg></tuv>'
        '<tuv xml:lang="en"><seg></seg></tuv></tu>',  # an empty English
        '<tu><tuv xml:lang="en"><seg>No Arabic.</seg></tuv></tu>',
    ]
    path = tmp_path / "half.tmx"
    path.write_text(
        '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="ar" datatype="plaintext"/>'
        "<body>\n" + "\n".join(tus) + "\n</body></tmx>\n", encoding="utf-8")
    db = ["--db", str(sample_db)]
    imported = run_cli("import-tmx", str(path), *db)
    assert imported.exit_code == 0, imported.stderr
    assert ("warning: 3 units without both an Arabic and an English side (or with Arabic as "
            "the English) left alone (lines 3, 4, 5)") in imported.stderr
    memory = run_cli("tm", "import", str(path), *db)
    assert ("warning: 3 units without both an Arabic and an English side (or with Arabic as "
            "the English) left out (lines 3, 4, 5)") in memory.stderr
