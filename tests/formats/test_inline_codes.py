"""Inline tags of client documents leave as the exchange formats' native codes (XLIFF 1.2
g/x/bx/ex, XLIFF 2.0 pc/ph/sc/ec, TMX bpt/ept/ph/it), so other tools show them as tags, and
come back as the same placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.formats.conftest import TMX_DTD
from workbench.formats.codes import TMX, XLIFF12, XLIFF20, encode, tagged_text
from workbench.project import Project

X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"


@pytest.mark.parametrize("text", [
    "بدأت <1>الثورة</1> في بتروغراد<2/> & <b> ليس وسما",  # a pair, an empty tag, plain text
    "a<1>b<2>c</1>d</2>",  # pairs crossing (a translation the QA check reports)
    "x</3> y <4>z",  # halves whose partners are in other segments
    "<1><2>nested</2></1><1>again</1>",  # nested, and a pair twice
    "due to </2>COVID-19<2> here",  # a pair reversed: two lone halves
])
@pytest.mark.parametrize("codes", [XLIFF12, XLIFF20, TMX], ids=["xliff", "xliff2", "tmx"])
def test_every_tagged_text_is_well_formed_and_reads_back(text: str, codes: dict[str, str]
                                                         ) -> None:
    element = etree.fromstring(f"<seg>{encode(text, codes)}</seg>")  # well-formed
    assert tagged_text(element) == text
    assert "&lt;1&gt;" not in "".join(element.itertext()) or codes is TMX  # not as text


def test_an_end_before_its_start_is_written_as_two_lone_halves() -> None:
    """TMX's <ept> and XLIFF 2.0's <ec startRef> must follow their start: "</2>…<2>" (a tag
    error the QA check reports) is <it>/isolated halves, which read back as they were (TMX's
    reader dropped the early </2>, so importing our own file changed the English)."""
    text = "due to </2>COVID-19<2> here"
    assert encode(text, TMX) == (
        'due to <it pos="end" x="2">&lt;/2&gt;</it>COVID-19<it pos="begin" x="2">&lt;2&gt;</it>'
        " here"
    )
    assert encode(text, XLIFF20) == (
        'due to <ec id="2" isolated="yes"/>COVID-19<sc id="2" isolated="yes"/> here'
    )


def test_other_tools_codes_without_our_numbers_are_left_out() -> None:
    element = etree.fromstring('<source>a <g id="g1">b</g> <x id="ph"/>c</source>')
    assert tagged_text(element) == "a b c"


def test_nested_bpt_and_ept_of_xliff12_close_their_own_pair() -> None:
    """XLIFF 1.2's ``<ept>`` names its ``<bpt>`` by ``id`` (TMX's by ``i``): keyed on ``i``
    alone, the inner pair's number closed the outer pair too (``<1>a <2>b</2></2>``), and
    another tool's nested bold and italic came in tangled."""
    element = etree.fromstring(
        '<target>a <bpt id="1">&lt;b&gt;</bpt>b <bpt id="2">&lt;i&gt;</bpt>c<ept id="2">&lt;/i&gt;'
        '</ept> d<ept id="1">&lt;/b&gt;</ept> e <bx id="3" rid="7"/>f<ex id="4" rid="7"/></target>')
    assert tagged_text(element) == "a <1>b <2>c</2> d</1> e <3>f</3>"


def test_exports_carry_native_codes_and_come_back(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>بدأت <b>الثورة</b> في بتروغراد.</p></body></html>",
                    encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(page)
        [segment] = project.segments("page", limit=5)
        assert segment.source == "بدأت <1>الثورة</1> في بتروغراد."
        project.save_draft(segment.id, "The <1>revolution</1> began in Petrograd.")
        paths = {fmt: project.export_file(fmt, tmp_path / f"page.{fmt}").path
                 for fmt in ("xliff", "xliff2", "tmx")}

        unit = etree.parse(str(paths["xliff"])).find(f".//{X12}trans-unit")
        for side in ("source", "target"):
            [g] = unit.find(f"{X12}{side}").findall(f"{X12}g")
            assert g.get("id") == "1"
        assert unit.find(f"{X12}target/{X12}g").text == "revolution"
        unit2 = etree.parse(str(paths["xliff2"])).find(f".//{X20}unit")
        assert unit2.find(f".//{X20}target/{X20}pc").get("id") == "1"
        tmx = etree.parse(str(paths["tmx"]))
        assert etree.DTD(str(TMX_DTD)).validate(tmx)
        assert [e.get("i") for e in tmx.iter("bpt", "ept")] == ["1", "1", "1", "1"]

        # another tool edits the target, keeping its codes: the tags come back
        tree = etree.parse(str(paths["xliff"]))
        target = tree.find(f".//{X12}target")
        target.text = "In Petrograd the "
        target.find(f"{X12}g").tail = " began."
        tree.write(str(paths["xliff"]), encoding="UTF-8", xml_declaration=True)
        report = project.import_xliff(paths["xliff"])
        assert report.updated == [segment.id]
        assert project.segment(segment.id).target == "In Petrograd the <1>revolution</1> began."
        assert not [f for f in project.check_segment(segment.id) if f.check == "tag-mismatch"]


def test_another_tools_codes_on_a_plain_segment_are_left_out(project: Project,
                                                             tmp_path: Path) -> None:
    """A foreign XLIFF of a plain-text document with codes of its own (numbered as ours are):
    matched by its Arabic without them, and its English written without them."""
    source = project.segment(2).source
    foreign = tmp_path / "foreign.xlf"
    foreign.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="x" source-language="ar" target-language="en" datatype="plaintext">'
        f'<body><trans-unit id="u1"><source><x id="1"/>{source}</source>'
        '<target state="translated"><x id="1"/>This claim is utterly false.</target>'
        "</trans-unit></body></file></xliff>\n", encoding="utf-8")
    report = project.import_xliff(foreign)
    assert report.updated == [2] and report.unmatched == 0
    assert project.segment(2).target == "This claim is utterly false."
