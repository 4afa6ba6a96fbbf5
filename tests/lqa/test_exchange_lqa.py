"""LQA errors in exports (XLIFF 1.2 and 2.0 notes, DOCX and HTML comments) and back from an
XLIFF reviewed elsewhere."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.conftest import run_cli
from workbench.project import Project
from workbench.store import lqa as q_lqa

NS1 = "{urn:oasis:names:tc:xliff:document:1.2}"
NS2 = "{urn:oasis:names:tc:xliff:document:2.0}"


def annotate(project: Project) -> None:
    project.lqa.add_error(3, "accuracy/mistranslation", "major", span=(0, 14),
                          comment="not <b>that</b> revolution")
    project.lqa.add_error(5, "style", "minor", span=(0, 3))
    project.save_draft(5, "Changed since the review.")  # the error above is now outdated


def notes_of(path: Path, unit: str, ns: str) -> list[tuple[str | None, str]]:
    tree = etree.parse(str(path))
    name = "trans-unit" if ns == NS1 else "unit"
    element = next(u for u in tree.iter(f"{ns}{name}") if u.get("id") == unit)
    return [(n.get("from") or n.get("category"), n.text or "") for n in element.iter(f"{ns}note")]


def test_xliff12_carries_the_errors_and_imports_them_once(project: Project, tmp_path: Path
                                                          ) -> None:
    annotate(project)
    path = project.export_file("xliff", tmp_path / "s.xlf").path
    assert ("workbench-lqa",
            'LQA: major accuracy/mistranslation at 0-14 "The revolution" by tester: '
            "not <b>that</b> revolution") in notes_of(path, "3", NS1)
    # made on an English the segment no longer has: no span, the quote says what it was
    outdated = [t for f, t in notes_of(path, "5", NS1) if f == "workbench-lqa"]
    assert len(outdated) == 1 and " at " not in outdated[0] and '"' in outdated[0]
    report = project.import_xliff(path)
    assert report.lqa_added == 0 and len(project.lqa.errors()) == 2


def test_an_xliff_reviewed_elsewhere_keeps_its_errors(project: Project, tmp_path: Path) -> None:
    path = project.export_file("xliff", tmp_path / "s.xlf").path
    tree = etree.parse(str(path))
    for tu in tree.iter(f"{NS1}trans-unit"):
        if tu.get("id") == "3":
            tu.find(f"{NS1}target").text = "The revolution went on for nine months."
            note = etree.SubElement(tu, f"{NS1}note")
            note.text = 'LQA: minor style/awkward at 4-14 "revolution": clumsy'
        if tu.get("id") == "8":
            for text in ("LQA: critical accuracy/omission by Jane Doe: half is missing",
                         "LQA: huge thing", "a plain comment"):
                etree.SubElement(tu, f"{NS1}note", {"from": "reviewer"}).text = text
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    report = project.import_xliff(path)
    assert report.lqa_added == 2 and report.updated == [3]
    assert any("unit 8" in w and "unknown LQA severity" in w for w in report.warnings)
    (awkward,) = project.lqa.errors(segment_id=3)
    assert (awkward.category, awkward.severity, awkward.span, awkward.quote) == (
        "style/awkward", "minor", (4, 14), "revolution"
    )
    assert awkward.comment == "clumsy" and awkward.author == "tester" and not awkward.outdated
    assert awkward.revision_id == project.history(3)[-1].id  # the imported text's revision
    (omission,) = project.lqa.errors(segment_id=8)
    assert omission.author == "Jane Doe" and omission.span is None
    assert project.import_xliff(path).lqa_added == 0  # not twice


def test_a_note_whose_span_is_not_in_the_english_is_imported_once(project: Project,
                                                                   tmp_path: Path) -> None:
    path = project.export_file("xliff", tmp_path / "s.xlf").path
    tree = etree.parse(str(path))
    tu = next(u for u in tree.iter(f"{NS1}trans-unit") if u.get("id") == "3")
    for text in ('LQA: major accuracy at 0-3 "Zzz"', 'LQA: minor style at 900-990 "x"'):
        etree.SubElement(tu, f"{NS1}note").text = text
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    report = project.import_xliff(path)
    assert report.lqa_added == 2  # stored without their spans, and said so
    assert sum("recorded without a span" in w and "unit 3" in w for w in report.warnings) == 2
    assert [e.span for e in project.lqa.errors(segment_id=3)] == [None, None]
    assert project.import_xliff(path).lqa_added == 0  # not twice
    assert len(project.lqa.errors(segment_id=3)) == 2


def test_like_notes_are_as_many_errors(project: Project, tmp_path: Path) -> None:
    for _ in range(2):  # two typos the reviewer did not place
        project.lqa.add_error(4, "linguistic-conventions/spelling", "minor")
    path = project.export_file("xliff", tmp_path / "s.xlf").path
    tree = etree.parse(str(path))
    tu = next(u for u in tree.iter(f"{NS1}trans-unit") if u.get("id") == "8")
    for _ in range(2):
        etree.SubElement(tu, f"{NS1}note").text = "LQA: minor style/awkward: clumsy"
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    assert project.import_xliff(path).lqa_added == 2  # both of unit 8, none of unit 4 again
    assert len(project.lqa.errors(segment_id=4)) == 2
    assert len(project.lqa.errors(segment_id=8)) == 2
    assert project.import_xliff(path).lqa_added == 0  # not twice


def test_a_span_counts_in_the_files_english_when_the_project_keeps_its_own(
        project: Project, tmp_path: Path) -> None:
    english = project.segment(3).target
    project.confirm(3, english, override_reason="test")  # finished work: the import keeps it
    path = project.export_file("xliff", tmp_path / "s.xlf").path
    tree = etree.parse(str(path))
    tu = next(u for u in tree.iter(f"{NS1}trans-unit") if u.get("id") == "3")
    tu.find(f"{NS1}target").text = "Riots " + english  # the reviewer's own correction
    for text in ("LQA: major accuracy/omission at 0-5: riots, not said",
                 f"LQA: minor style at 6-{6 + len(english)}: the whole sentence"):
        etree.SubElement(tu, f"{NS1}note").text = text
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    report = project.import_xliff(path)
    assert report.lqa_added == 2 and project.segment(3).target == english
    omission, style = project.lqa.errors(segment_id=3)
    assert omission.span is None  # 'Riots' is not in the project's English
    assert any("unit 3" in w and "recorded without a span" in w for w in report.warnings)
    assert style.span == (0, len(english)) and style.quote == english
    assert project.import_xliff(path).lqa_added == 0  # not twice


def test_a_note_of_several_lqa_lines_is_as_many_errors(project: Project, tmp_path: Path
                                                       ) -> None:
    path = project.export_file("xliff", tmp_path / "s.xlf").path
    tree = etree.parse(str(path))
    tu = next(u for u in tree.iter(f"{NS1}trans-unit") if u.get("id") == "8")
    etree.SubElement(tu, f"{NS1}note").text = (
        "LQA: minor style/awkward: clumsy,\nsaid twice\nLQA: critical accuracy/omission")
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    assert project.import_xliff(path).lqa_added == 2
    style, omission = project.lqa.errors(segment_id=8)
    assert (style.severity, style.comment) == ("minor", "clumsy, said twice")
    assert (omission.severity, omission.category) == ("critical", "accuracy/omission")
    assert project.import_xliff(path).lqa_added == 0  # not twice


def test_xliff2_round_trip(project: Project, tmp_path: Path) -> None:
    annotate(project)
    path = project.export_file("xliff2", tmp_path / "s.xlf").path
    assert ("lqa", 'LQA: major accuracy/mistranslation at 0-14 "The revolution" by tester: '
            "not <b>that</b> revolution") in notes_of(path, "3", NS2)
    tree = etree.parse(str(path))
    unit = next(u for u in tree.iter(f"{NS2}unit") if u.get("id") == "9")
    notes = unit.find(f"{NS2}notes")
    if notes is None:
        notes = etree.Element(f"{NS2}notes")
        unit.insert(0, notes)
    etree.SubElement(notes, f"{NS2}note").text = "LQA: major terminology/wrong-term: the term"
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    report = project.import_xliff(path)
    assert report.lqa_added == 1
    assert [(e.category, e.comment) for e in project.lqa.errors(segment_id=9)] == [
        ("terminology/wrong-term", "the term")
    ]


def test_docx_and_html_show_the_errors(project: Project, tmp_path: Path) -> None:
    annotate(project)
    document = docx.Document(str(project.export_file("docx", tmp_path / "s.docx").path))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert any("LQA: major accuracy/mistranslation at 0-14" in c for c in cells)
    page = project.export_file("html", tmp_path / "s.html").path.read_text(encoding="utf-8")
    assert '<li class="lqa">LQA: major accuracy/mistranslation' in page
    assert "not &lt;b&gt;that&lt;/b&gt; revolution" in page and "<b>that" not in page


def test_only_the_working_version_carries_errors(project: Project, tmp_path: Path) -> None:
    annotate(project)
    page = project.export_file("html", tmp_path / "r.html", version="reference:main").path
    assert "LQA:" not in page.read_text(encoding="utf-8")


def test_import_cli_says_how_many(in_tmp: Path, sample_db: Path) -> None:
    with Project.open(sample_db) as project:
        path = project.export_file("xliff", in_tmp / "s.xlf").path
    text = path.read_text(encoding="utf-8").replace(
        "</trans-unit>", "<note>LQA: minor style</note></trans-unit>", 1
    )
    path.write_text(text, encoding="utf-8")
    result = run_cli("import-xliff", str(path), "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr
    assert "LQA errors added: 1" in result.stdout


def test_a_comment_with_control_characters_round_trips_once(
    project: Project, tmp_path: Path
) -> None:
    """XML cannot carry ESC or BEL: the comment is stored without them, so importing our own
    file again adds no copy of the error (it added one, the comment differing by them)."""
    error = project.lqa.add_error(3, "style", "minor", comment="see\x1b[31m red\x07 text\x0b!")
    assert error.comment == "see[31m red text !"  # Word's line break (U+000B) a space
    for fmt in ("xliff", "xliff2"):
        path = project.export_file(fmt, tmp_path / f"c.{fmt}.xlf").path
        assert project.import_xliff(path).lqa_added == 0
    assert [e.id for e in project.lqa.errors()] == [error.id]


def test_undoing_an_import_takes_back_its_errors_and_comments(
    project: Project, tmp_path: Path
) -> None:
    """A reviewer's file of errors and a comment only (no English changed) is one change that
    undo takes back whole (it made no change group: nothing to undo, and an undo of an import
    that changed English left its errors counting in the LQA score); imported again, they
    come again."""
    own = project.lqa.add_error(5, "style", "minor")  # the project's own: not the import's
    path = project.export_file("xliff", tmp_path / "s.xlf").path
    tree = etree.parse(str(path))
    unit = next(u for u in tree.iter(f"{NS1}trans-unit") if u.get("id") == "8")
    etree.SubElement(unit, f"{NS1}note").text = "LQA: major accuracy/omission: half is missing"
    etree.SubElement(unit, f"{NS1}note").text = "Please look at this one again."
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    report = project.import_xliff(path)
    assert (report.lqa_added, report.notes_added, report.updated) == (1, 1, [])
    assert report.group_id is not None and report.group_id == project.last_import()
    assert project.changes()[0]["summary"].endswith("; 1 LQA error, 1 comment")
    (brought,) = project.lqa.errors(segment_id=8)
    result = project.undo_change(report.group_id)
    assert result["summary"].endswith("; 1 LQA error and 1 comment it brought removed")
    assert [e.id for e in project.lqa.errors()] == [own.id]
    assert project.notes(8) == []
    again = project.import_xliff(path)
    assert (again.lqa_added, again.notes_added) == (1, 1)
    (back,) = project.lqa.errors(segment_id=8)
    assert back.id > brought.id  # an id is never given again (SQLite gave it again)


def test_a_tmx_reviewed_elsewhere_keeps_its_errors(project: Project, tmp_path: Path) -> None:
    """A TMX ``<note>`` of the LQA form is an error, as in XLIFF (it was neither an error nor
    a comment: lost without a word)."""
    path = project.export_file("tmx", tmp_path / "s.tmx").path
    tree = etree.parse(str(path))
    unit = next(u for u in tree.iter("tu") if u.get("tuid") == "8")
    etree.SubElement(unit, "note").text = "LQA: major accuracy/omission: half is missing"
    unit.insert(0, unit[-1])  # TMX: notes come before the tuvs
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    report = project.import_tmx(path)
    assert (report.lqa_added, report.notes_added) == (1, 0)
    (error,) = project.lqa.errors(segment_id=8)
    assert (error.category, error.severity, error.comment) == (
        "accuracy/omission", "major", "half is missing")
    assert project.import_tmx(path).lqa_added == 0  # not twice


def test_the_errors_of_another_tools_unit_of_several_segments_come_in(
    project: Project, tmp_path: Path
) -> None:
    """The LQA notes of a unit of several segments matched segment by segment (XLIFF 2.0
    ``<segment>``s) go with its first segment, as its comments do (they were dropped)."""
    from xml.sax.saxutils import escape

    two, three = (escape(project.segment(i).source) for i in (2, 3))
    path = tmp_path / "segmented.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" '
        'trgLang="en"><file id="f1"><unit id="tu1"><notes>'
        "<note>LQA: minor style/awkward: reads like a translation</note>"
        "<note>a comment</note></notes>"
        f'<segment id="a"><source>{two}</source></segment>'
        f'<segment id="b"><source>{three}</source></segment></unit></file></xliff>',
        encoding="utf-8",
    )
    report = project.import_xliff(path)
    assert (report.lqa_added, report.notes_added) == (1, 1)
    (error,) = project.lqa.errors()
    assert (error.segment_id, error.category) == (2, "style/awkward")
    assert project.import_xliff(path).lqa_added == 0


def test_a_dry_run_says_what_errors_and_comments_it_would_add(
    project: Project, tmp_path: Path
) -> None:
    """A dry run counts the file's LQA errors and comments, read on the English the import
    would write (it said 0 of each, and a file of a reviewer's notes alone would change
    nothing), and adds none."""
    path = project.export_file("xliff", tmp_path / "s.xlf").path
    tree = etree.parse(str(path))
    unit = next(u for u in tree.iter(f"{NS1}trans-unit") if u.get("id") == "3")
    unit.find(f"{NS1}target").text = "The revolution went on for nine months."
    etree.SubElement(unit, f"{NS1}note").text = 'LQA: minor style/awkward "nine months": long'
    etree.SubElement(unit, f"{NS1}note").text = "Please look at this one again."
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    dry = project.import_xliff(path, dry_run=True)
    assert (dry.lqa_added, dry.notes_added, dry.warnings) == (1, 1, [])
    assert project.lqa.errors() == [] and project.notes(3) == []
    report = project.import_xliff(path)
    assert (report.lqa_added, report.notes_added) == (1, 1)


def test_a_copy_of_the_project_never_gives_an_undone_errors_id_again(
    project: Project, tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    """``project copy`` carries the last LQA error id given, not only the rows: an error an
    undo deleted (the newest) had its id given again to the copy's next error."""
    path = project.export_file("xliff", tmp_path / "s.xlf").path
    tree = etree.parse(str(path))
    unit = next(u for u in tree.iter(f"{NS1}trans-unit") if u.get("id") == "8")
    etree.SubElement(unit, f"{NS1}note").text = "LQA: major accuracy/omission: half is missing"
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    report = project.import_xliff(path)
    (brought,) = project.lqa.errors(segment_id=8)
    project.undo_change(report.group_id)
    copies: list[str] = [str(tmp_path / "copy.db")]
    if backend == "postgresql":  # and from the file to a server
        server = request.getfixturevalue("pg_server")
        copies.append(server.url(server.create()))
    for source, copy in zip([str(project.path), *copies], copies, strict=False):
        result = run_cli("project", "copy", source, copy)
        assert result.exit_code == 0, result.stderr
    for copy in copies:
        with Project.open(copy) as copied:
            assert copied.lqa.add_error(9, "style", "minor").id > brought.id


def test_an_error_on_a_joined_segment_is_not_imported_again(
    project: Project, tmp_path: Path
) -> None:
    """An error on the second segment of a 2–1 link is exported in the link's unit; importing
    the file again found no such error on the unit's first segment and added it there."""
    project.import_document_text("ذهب الرجل إلى السوق. واشترى خبزا.\n", "pair")
    project.import_translation_text("The man went to the market and bought bread.\n",
                                    "pair", "working")
    first, second = (s.id for s in project.segments("pair"))
    with project.context.transaction():  # as errors on a joined segment were stored before
        q_lqa.add_error(project.context.db, second, None, "", "style", "minor", None,
                        "on the joined sentence", "rev")
    project.lqa.add_error(first, "style", "minor", comment="on the joined sentence")
    path = project.export_file("xliff", tmp_path / "pair.xlf", doc="pair").path
    assert project.import_xliff(path, doc="pair").lqa_added == 0
    assert [e.segment_id for e in project.lqa.errors("pair")] == [first, second]


def test_an_error_given_to_a_joined_segment_is_exported_on_its_holder(
    project: Project, tmp_path: Path
) -> None:
    """An error given to the second segment of a 2–1 link is its holder's: exported in the
    link's unit with the quote of the English it judged, and not added again on import."""
    project.import_document_text("ذهب الرجل إلى السوق. واشترى خبزا.\n", "pair")
    project.import_translation_text("The man went to the market and bought bread.\n",
                                    "pair", "working")
    first, second = (s.id for s in project.segments("pair"))
    error = project.lqa.add_error(second, "accuracy/omission", "minor", comment="the loaf")
    assert error.segment_id == first
    path = project.export_file("xliff", tmp_path / "pair.xlf", doc="pair").path
    notes = [n.text for n in etree.parse(str(path)).iter(f"{NS1}note")
             if n.get("from") == "workbench-lqa"]
    assert notes == [f"LQA: minor accuracy/omission by {error.author}: the loaf"]
    assert project.import_xliff(path, doc="pair").lqa_added == 0
    assert [e.segment_id for e in project.lqa.errors("pair")] == [first]
