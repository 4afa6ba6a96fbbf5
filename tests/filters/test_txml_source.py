"""Wordfast Pro's TXML as a source: its source the Arabic, its targets the working
translation, its segmentation kept; written back with the targets filled."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from workbench.errors import InputError
from workbench.filters.txml import read_txml_source
from workbench.project import Project

# as Wordfast Pro 3 writes a TXML of an HTML page: a skeleton between the translatables, the
# white space after a segment in <ws>, a segment commented out, one machine-translated
TXML = """<?xml version="1.0" encoding="UTF-8"?>
<txml locale="ar" version="1.0" segtype="sentence" createdby="WF2.3.0" datatype="regexp" \
targetlocale="en" file_extension="html" editedby="WF2.3.0">
<skeleton>&lt;html&gt;&lt;p&gt;</skeleton>
<translatable blockId="b1" datatype="html">
<segment segmentId="s1" modified="true"><source>بدأت <ut x="1" type="bold">&lt;b&gt;</ut>\
الثورة<ut x="2">&lt;/b&gt;</ut> في بتروغراد.</source><target>The <ut x="1" type="bold">\
&lt;b&gt;</ut>revolution<ut x="2">&lt;/b&gt;</ut> began in Petrograd.</target><ws> </ws>\
</segment>
<segment segmentId="s2"><source>جملة ثانية.</source><comments><comment creationid="nadia" \
creationdate="20240220T090351Z" type="text">Check the  name.</comment></comments></segment>
</translatable>
<skeleton>&lt;/p&gt;&lt;p&gt;</skeleton>
<translatable blockId="b2" datatype="html">
<!--<segment segmentId="s3"><source>معلقة.</source></segment>-->
<segment segmentId="s4" gtmt="true"><source>ترجمة آلية.</source><target>Machine translation.\
</target></segment>
</translatable>
<skeleton>&lt;/p&gt;&lt;/html&gt;</skeleton>
</txml>
"""


def _import(tmp_path: Path, text: str = TXML) -> tuple[Project, Path]:
    path = tmp_path / "page.html.txml"
    path.write_text(text, encoding="utf-8")
    project = Project.open(tmp_path / "p.db", create=True, author="tester")
    project.sources.import_file(path, "page")
    return project, path


def test_segments_targets_and_codes(tmp_path: Path) -> None:
    project, _ = _import(tmp_path)
    with project:
        segments = project.segments("page", limit=100)
        assert [(s.source, s.target, s.status, s.paragraph) for s in segments] == [
            ("بدأت <1/>الثورة<2/> في بتروغراد.",
             "The <1/>revolution<2/> began in Petrograd.", "translated", 1),
            ("جملة ثانية.", "", "new", 1),
            ("ترجمة آلية.", "Machine translation.", "draft", 2),  # Wordfast's MT: a draft
        ]
        assert project.sources.block(segments[2].id)["place"] == "block b2"
        assert [n["text"] for n in project.notes(segments[0].id)] == ["Check the name."]
        assert [(g["kind"], g["changes"]) for g in project.changes("page")] == [
            ("import-txml", 2)]


def test_written_back_with_the_targets_filled(tmp_path: Path) -> None:
    project, path = _import(tmp_path)
    with project:
        first, second, _ = project.segments("page", limit=100)
        project.confirm(first.id, "The <1/>revolution<2/> started in Petrograd.")
        project.confirm(second.id, "A second sentence.")
        out = project.export_file("original", tmp_path / "page.en.txml").path
    written = out.read_text(encoding="utf-8")
    assert ('<target>The <ut x="1" type="bold">&lt;b&gt;</ut>revolution<ut x="2">&lt;/b&gt;'
            "</ut> started in Petrograd.</target><ws> </ws>") in written
    assert "<source>جملة ثانية.</source><target>A second sentence.</target>" in written
    # the rest as it was: skeleton, the segment commented out, the source's codes
    original = path.read_text(encoding="utf-8")
    for kept in ("<skeleton>&lt;/p&gt;&lt;p&gt;</skeleton>",
                 '<!--<segment segmentId="s3"><source>معلقة.</source></segment>-->',
                 '<source>بدأت <ut x="1" type="bold">&lt;b&gt;</ut>'):
        assert kept in original and kept in written
    again = read_txml_source(out.read_bytes(), str(out))
    assert [b.targets for b in again.blocks] == [
        ["The <1/>revolution<2/> started in Petrograd.", "A second sentence."],
        ["Machine translation."]]


def test_fallback_empty_gives_every_segment_a_target(tmp_path: Path) -> None:
    project, _ = _import(tmp_path, TXML.replace(' targetlocale="en"', ""))
    with project:
        out = project.export_file("original", tmp_path / "page.en.txml", fallback="empty").path
    root = etree.parse(str(out)).getroot()
    assert root.get("targetlocale") == "en"
    assert [s.find("target").text for s in root.iter("segment")] == [
        "The ", None, "Machine translation."]


@pytest.mark.parametrize(("text", "reason"), [
    (TXML.replace('locale="ar"', 'locale="en-US"'),
     r"line 2: source language \(locale\) is 'en-US', not Arabic \(ar\)"),
    (TXML.replace('targetlocale="en"', 'targetlocale="fr"'),
     r"line 2: target language \(targetlocale\) is 'fr', not English \(en\)"),
    (TXML.replace("</translatable>", "", 1), r"line \d+: not well-formed XML"),
    ('<!DOCTYPE txml [<!ENTITY a "aaaa">]>\n' + TXML.split("\n", 1)[1], r"entit"),
    ('<xliff version="1.2"/>', r"not a Wordfast TXML file \(root element <xliff>\)"),
])
def test_a_bad_file_is_refused_naming_it(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(InputError, match=rf"page\.html\.txml: .*{reason}"):
        _import(tmp_path, text)
    with Project.open(tmp_path / "p.db", author="tester") as project:
        assert project.documents() == []
