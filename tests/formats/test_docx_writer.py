"""The streaming DOCX writer writes the same document as the python-docx one it replaced."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from tests.formats import docx_reference
from workbench.formats.docx import write_docx
from workbench.formats.model import ExportHeader, Term, Unit
from workbench.project import Project

HOSTILE = 'Hostile <script>alert("x")</script> & <b>bold</b>\r\nline'


def _units(project: Project) -> list[Unit]:
    project.save_draft(2, HOSTILE)
    project.review(3, "rejected", "say <i>'lasted'</i> & more")
    project.lqa.add_error(4, "style", "minor", span=(0, 3), comment="awkward ]]> here")
    project.save_draft(6, "")
    project.set_status(7, "approved")
    units = list(project.export_units(findings="all", terms=True))
    # an unknown status and a term cut out of the middle of a word still write
    units.append(Unit((999,), 999, 99, "كلمة أخرى", "", "odd", terms=[Term(1, 3, ("x",))]))
    return units


def _write(writer: object, header: ExportHeader, units: list[Unit]) -> bytes:
    out = io.BytesIO()
    assert writer(out, header, iter(units)) == len(units)  # type: ignore[operator]
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def test_the_streaming_writer_writes_what_python_docx_wrote(
    project: Project, tmp_path: Path
) -> None:
    units = _units(project)
    assert any(u.findings for u in units) and any(u.notes for u in units)
    assert any(u.lqa for u in units) and any(u.terms for u in units)
    header = ExportHeader("p", "sample", "key", "working", created="2024-01-01T00:00:00+00:00")
    new, old = _write(write_docx, header, units), _write(docx_reference.write_docx, header, units)
    new_parts, old_parts = _parts(new), _parts(old)
    assert list(new_parts) == list(old_parts)
    for name, content in old_parts.items():
        if name.endswith(".xml") or name.endswith(".rels"):
            assert _canonical(new_parts[name]) == _canonical(content), name
        else:
            assert new_parts[name] == content, name
    # and what a reader of the document sees is the same, cell by cell, run by run
    (tmp_path / "new.docx").write_bytes(new)
    (tmp_path / "old.docx").write_bytes(old)
    seen = [_seen(docx.Document(str(tmp_path / f"{n}.docx"))) for n in ("new", "old")]
    assert seen[0] == seen[1]
    assert len(seen[0][1]) == len(units) + 1
    notes = "\n".join(row[4][0] for row in seen[0][1])
    assert "say <i>'lasted'</i> & more" in notes and "awkward ]]> here" in notes


def _seen(document: docx.document.Document) -> tuple[list[str], list[list[tuple[str, list]]]]:
    """Paragraph texts, and per table cell its text and its runs with their properties."""
    rows = [
        [
            (cell.text, [
                (run.text, etree.tostring(run._r.rPr, method="c14n")) for p in cell.paragraphs
                for run in p.runs
            ])
            for cell in row.cells
        ]
        for row in document.tables[0].rows
    ]
    return [p.text for p in document.paragraphs], rows


def test_characters_xml_cannot_carry_are_dropped(tmp_path: Path) -> None:
    header = ExportHeader("p", "d", "key", "working")
    unit = Unit((1,), 1, 1, "نص\x00 عربي", "bad\x0b text\x1f", "draft", notes=["a\x07b"])
    path = tmp_path / "out.docx"
    path.write_bytes(_write(write_docx, header, [unit]))
    cells = docx.Document(str(path)).tables[0].rows[1].cells
    assert [c.text for c in cells] == ["1", "نص عربي", "bad text", "draft", "ab"]
    run = cells[1].paragraphs[0].runs[0]
    assert run._r.rPr.find(qn("w:rtl")) is not None
