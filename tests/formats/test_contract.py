"""The round-trip contract every export format passes (the model: translate-toolkit's inherited
store tests). One reader per format turns a file back into units — our own reader where the
format has one, else a real third-party reader (translate-toolkit, python-docx, lxml.html,
markdown-it) — and every test is parametrised over the registry: a new format must bring its
reader here or the suite fails.

The document is made to break things: Arabic with harakat, shadda, tatweel, a zero-width
non-joiner, Arabic-Indic digits, ؟ ؛ ٫ ٪ and « », and markup characters (<b>, &, ", |, *) in
both languages; every status; comments and review notes; a glossary finding; an empty English.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import docx
import lxml.html
import pytest
from docx.oxml.ns import qn
from lxml import etree
from markdown_it import MarkdownIt
from translate.storage.tmx import tmxfile
from translate.storage.xliff import xlifffile
from translate.storage.xliff2 import Xliff2File

from workbench.errors import InputError, WorkbenchError
from workbench.formats import EXPORT_FORMATS, FORMATS, Format, detect, get_format
from workbench.formats.model import Unit
from workbench.formats.table import read_csv, read_tsv
from workbench.formats.tmx import PROP_FINDING, read_tmx
from workbench.formats.xliff import read_xliff
from workbench.glossary.io import read_glossary
from workbench.project import Project
from workbench.project.sample import bundled

DOC = "contract"
ARABIC = (
    "انتقلت السلطة إلى السوفييتات في ٢٥ أكتوبر؟ قالَ العُمّالُ: «الخبزُ والسلام»؛ ثم تفرّقوا.\n"
    'نسبة ٣٫٥٪ من <b>الأصوات</b> & "الاقتباس" | *نجمة*. كلمة\u200cمع\u200cفاصل ـــ تطويل. '
    "جملة بلا ترجمة.\n"
)
ENGLISH = {
    1: "Power passed to the councils on 25 October?",  # 'councils' is forbidden: a finding
    2: 'The workers said: "Bread and peace"; then they dispersed.',
    3: 'A 3.5% share of <b>votes</b> & "quotes" | a *star* _under_ [link] `tick`.',
    4: "A word with non-joiners \u2014 tatweel.",
    5: "",
}
STATUSES = {1: "translated", 2: "reviewed", 3: "approved", 4: "draft", 5: "new"}


@dataclass
class Read:
    """One unit as a reader finds it in a file; a field the format does not carry is None."""

    key: str | None = None
    source: str | None = None
    target: str | None = None
    status: str | None = None
    notes: list[str] | None = None
    findings: list[str] | None = None
    terms: list[str] | None = None  # the Arabic marked as glossary terms


def expected(unit: Unit) -> Read:
    """What a file of ``unit`` must say, field by field."""
    return Read(
        unit.key, unit.source, unit.target, unit.status, list(unit.notes), list(unit.findings),
        [unit.source[t.start : t.end] for t in unit.terms],
    )


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


class Contract(ABC):
    """A format's reader for the contract, and what the format carries."""

    fmt: str
    carries: frozenset[str] = frozenset({"key", "source", "target", "status", "notes"})
    #: units without English are left out of the file
    translated_only: bool = False

    @abstractmethod
    def read(self, path: Path) -> list[Read]:
        """Every unit in the file, in order."""

    def expect(self, units: list[Unit]) -> list[Read]:
        """What the file must hold for ``units``, restricted to what the format carries."""
        kept = [u for u in units if u.target.strip() or not self.translated_only]
        out = []
        for unit in kept:
            full = expected(unit)
            out.append(Read(**{k: getattr(full, k) for k in self.carries}))
        return out


class TmxContract(Contract):
    fmt = "tmx"
    carries = Contract.carries | {"findings"}
    translated_only = True

    def read(self, path: Path) -> list[Read]:
        ours = read_tmx(path).units
        theirs = [u for u in tmxfile.parsefile(str(path)).units if not u.isheader()]
        tus = etree.parse(str(path)).getroot().find("body").findall("tu")
        out = []
        for unit, tt, tu in zip(ours, theirs, tus, strict=True):
            assert (tt.getid(), tt.source, tt.target) == (unit.key, unit.source, unit.target)
            findings = [p.text for p in tu.findall("prop") if p.get("type") == PROP_FINDING]
            out.append(Read(unit.key, unit.source, unit.target, unit.status,
                            _lines(tt.getnotes()), findings))
        return out


def _id(unit: object) -> str:
    """A translate-toolkit XLIFF unit's own id (its getid() prefixes the file's)."""
    return str(unit.getid()).split("\x04")[-1]  # type: ignore[attr-defined]


class XliffContract(Contract):
    fmt = "xliff"
    carries = Contract.carries | {"findings"}

    def read(self, path: Path) -> list[Read]:
        theirs = xlifffile.parsefile(str(path)).getunits()
        out = []
        for unit, tt in zip(read_xliff(path).units, theirs, strict=True):
            assert (_id(tt), tt.source, tt.target) == (unit.key, unit.source, unit.target)
            out.append(Read(unit.key, unit.source, unit.target, unit.status,
                            _lines(tt.getnotes("translator")), _lines(tt.getnotes("workbench-qa"))))
        return out


NS2 = "{urn:oasis:names:tc:xliff:document:2.0}"


class Xliff2Contract(Contract):
    """Units by translate-toolkit and ours; notes by lxml (translate-toolkit looks for <notes>
    in <segment>, where XLIFF 2.0 does not allow them, not in <unit>)."""

    fmt = "xliff2"
    carries = Contract.carries | {"findings"}

    def read(self, path: Path) -> list[Read]:
        theirs = Xliff2File.parsefile(str(path)).getunits()
        elements = etree.parse(str(path)).getroot().iter(f"{NS2}unit")
        out = []
        for unit, tt, element in zip(read_xliff(path).units, theirs, elements, strict=True):
            assert (_id(tt), tt.source, tt.target or "") == (unit.key, unit.source,
                                                             unit.target or "")
            notes = element.findall(f"{NS2}notes/{NS2}note")
            out.append(Read(
                unit.key, unit.source, unit.target or "", unit.status,
                [n.text for n in notes if n.get("category") == "comment"],
                [n.text for n in notes if n.get("category") == "qa"],
            ))
        return out


NO_ENGLISH = "(no English)"
FINDING_COLOUR = "8A1F11"


class DocxContract(Contract):
    fmt = "docx"
    carries = frozenset({"source", "target", "status", "notes", "findings", "terms"})

    def read(self, path: Path) -> list[Read]:
        table = docx.Document(str(path)).tables[0]
        out = []
        for row in table.rows[1:]:
            _, arabic, english, status, notes = row.cells
            runs = arabic.paragraphs[0].runs
            terms = [r.text for r in runs if r._r.rPr.find(qn("w:highlight")) is not None]
            lines = [p for p in notes.paragraphs if p.text]
            colour = [p.runs[0]._r.rPr.find(qn("w:color")).get(qn("w:val")) for p in lines]
            out.append(Read(
                source=arabic.text,
                target="" if english.text == NO_ENGLISH else english.text,
                status=status.text,
                notes=[p.text for p, c in zip(lines, colour, strict=True) if c != FINDING_COLOUR],
                findings=[p.text for p, c in zip(lines, colour, strict=True)
                          if c == FINDING_COLOUR],
                terms=terms,
            ))
        return out


def _with_class(element: etree._Element, path: str, cls: str) -> list[etree._Element]:
    """The elements at ``path`` (``.//td``) whose class attribute holds ``cls``."""
    return element.xpath(f'{path}[contains(concat(" ", @class, " "), " {cls} ")]')


class HtmlContract(Contract):
    fmt = "html"
    carries = frozenset({"key", "source", "target", "status", "notes", "findings", "terms"})

    def read(self, path: Path) -> list[Read]:
        page = lxml.html.parse(str(path)).getroot()
        out = []
        for tr in _with_class(page, ".//tr", "unit"):
            arabic = _with_class(tr, "td", "ar")[0]
            english = _with_class(tr, "td", "en")[0]
            out.append(Read(
                key=tr.get("id").removeprefix("u"),
                source=arabic.text_content(),
                target="" if _with_class(english, "span", "empty") else english.text_content(),
                status=_with_class(tr, "td", "status")[0].text_content(),
                notes=[li.text_content() for li in _with_class(tr, ".//li", "note")],
                findings=[li.text_content() for li in _with_class(tr, ".//li", "finding")],
                terms=[m.text_content() for m in _with_class(arabic, "mark", "term")],
            ))
        return out


class CsvContract(Contract):
    fmt = "csv"
    carries = frozenset({"key", "source", "target", "status"})

    def read(self, path: Path) -> list[Read]:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # for spreadsheet programs
        return [Read(u.key, u.source, u.target, u.status) for u in read_csv(path).units]


class TsvContract(Contract):
    fmt = "tsv"
    carries = frozenset({"key", "source", "target", "status"})

    def read(self, path: Path) -> list[Read]:
        return [Read(u.key, u.source, u.target, u.status) for u in read_tsv(path).units]


class MarkdownContract(Contract):
    fmt = "md"
    carries = frozenset({"key", "source", "target", "status"})

    def read(self, path: Path) -> list[Read]:
        tokens = MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))
        rows: list[list[str]] = []
        in_body = False
        for token in tokens:
            if token.type in ("tbody_open", "tbody_close"):
                in_body = token.type == "tbody_open"
            elif in_body and token.type == "tr_open":
                rows.append([])
            elif in_body and token.type == "inline":
                rows[-1].append("".join(
                    "\n" if child.type == "html_inline" else child.content
                    for child in token.children or []
                ))
        return [Read(key, source, target, status) for key, source, target, status in rows]


class TextContract(Contract):
    """The English alone: one line per paragraph, its sentences joined."""

    fmt = "txt"
    carries = frozenset({"target"})

    def read(self, path: Path) -> list[Read]:
        return [Read(target=line) for line in _lines(path.read_text(encoding="utf-8"))]

    def expect(self, units: list[Unit]) -> list[Read]:
        return [
            Read(target=" ".join(u.target for u in members if u.target))
            for _, members in groupby(units, key=lambda u: u.paragraph)
        ]


class OriginalContract(Contract):
    """The translated document in its source's format: for a document imported from text,
    the text, one line per paragraph, untranslated segments in Arabic (the default fallback).
    Client documents (DOCX, ODT, HTML, Markdown, XLIFF) have their own tests in
    tests/filters/."""

    fmt = "original"
    carries = frozenset({"target"})

    def read(self, path: Path) -> list[Read]:
        return [Read(target=line) for line in _lines(path.read_text(encoding="utf-8"))]

    def expect(self, units: list[Unit]) -> list[Read]:
        return [
            Read(target=" ".join(u.target or u.source for u in members))
            for _, members in groupby(units, key=lambda u: u.paragraph)
        ]


CONTRACTS: dict[str, Contract] = {
    c.fmt: c for c in (
        TmxContract(), XliffContract(), Xliff2Contract(), DocxContract(), HtmlContract(),
        CsvContract(), TsvContract(), MarkdownContract(), TextContract(), OriginalContract(),
    )
}


# the document ---------------------------------------------------------------------------------


@dataclass
class Fixture:
    project: Project
    folder: Path
    names: dict[str, int] = field(default_factory=dict)

    def export(self, fmt: str, **options: object) -> Path:
        """Export the document as ``fmt`` to a fresh file; the path."""
        self.names[fmt] = self.names.get(fmt, 0) + 1
        path = self.folder / f"{fmt}-{self.names[fmt]}{get_format(fmt).suffix}"
        return self.project.export_file(fmt, path, DOC, **options).path  # type: ignore[arg-type]

    def units(self, spec: Format, findings: str | None = None) -> list[Unit]:
        """The units the service hands the writer of ``spec``."""
        chosen = (findings or spec.findings) if spec.carries_findings else "none"
        return list(self.project.export_units(DOC, findings=chosen, terms=spec.shows_terms))


@pytest.fixture
def doc(tmp_path: Path) -> Iterator[Fixture]:
    with Project.open(tmp_path / "contract.db", create=True, author="tester") as project:
        project.set_glossary(read_glossary(bundled("glossary.tsv")))
        project.import_document_text(ARABIC, DOC)
        for sid, english in ENGLISH.items():
            if english:
                project.save_draft(sid, english)
            project.set_status(sid, STATUSES[sid])
        project.add_note(4, 'check <this> & "that"')
        project.review(2, "reviewed", "«fine» — ok")
        yield Fixture(project, tmp_path)


def test_the_document_holds_what_the_contract_tests(doc: Fixture) -> None:
    units = doc.units(get_format("html"))
    assert [u.key for u in units] == ["1", "2", "3", "4", "5"]
    assert [u.status for u in units] == [STATUSES[i] for i in range(1, 6)]
    assert [u.target for u in units] == [ENGLISH[i] for i in range(1, 6)]
    assert "\u200c" in units[3].source and "\u064e" in units[1].source  # ZWNJ, fatha
    assert [len(u.notes) for u in units] == [0, 1, 0, 1, 0]
    assert any("councils" in f for f in units[0].findings)
    assert units[0].source[units[0].terms[0].start : units[0].terms[0].end] == "السوفييتات"


# the contract ---------------------------------------------------------------------------------


def test_every_format_has_a_contract_reader() -> None:
    assert tuple(CONTRACTS) == EXPORT_FORMATS == tuple(f.name for f in FORMATS)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_what_a_format_carries_survives_the_file(doc: Fixture, fmt: str) -> None:
    contract, spec = CONTRACTS[fmt], get_format(fmt)
    assert ("findings" in contract.carries) == spec.carries_findings
    assert ("terms" in contract.carries) == spec.shows_terms
    want = contract.expect(doc.units(spec))
    assert want and any(r.target for r in want)
    assert contract.read(doc.export(fmt)) == want


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS if f.carries_findings])
def test_findings_survive_when_asked_for(doc: Fixture, fmt: str) -> None:
    contract, spec = CONTRACTS[fmt], get_format(fmt)
    for findings in ("glossary", "none"):
        want = contract.expect(doc.units(spec, findings))
        assert any(r.findings for r in want) == (findings != "none")
        assert contract.read(doc.export(fmt, findings=findings)) == want


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS if not f.carries_findings])
def test_a_format_without_findings_carries_none(doc: Fixture, fmt: str) -> None:
    finding = next(f for u in doc.units(get_format("html")) for f in u.findings)
    text = doc.export(fmt).read_bytes().decode("utf-8-sig")
    assert "councils" in text and finding.split(": ", 1)[1] not in text
    with pytest.raises(WorkbenchError, match=f"QA findings go into .*, not {fmt}$"):
        doc.export(fmt, findings="all")  # asked for, they are not left out without a word


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_an_importable_format_brings_its_translations_back(
    doc: Fixture, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.store import history

    spec = get_format(fmt)
    path = doc.export(fmt)
    if not spec.importable:
        with pytest.raises(InputError, match="not a"):
            detect(path)
        return
    assert detect(path) == spec
    project = doc.project
    before = {s.id: (s.target, s.status) for s in project.segments(DOC)}
    # edits older than the file (one made after our export's time would be kept as newer)
    monkeypatch.setattr(history, "now", lambda: "2000-01-01T00:00:00.000+00:00")
    for sid in (1, 2, 3, 4):
        if project.segment(sid).locked:  # approved work is locked
            project.unlock(sid)
        project.save_draft(sid, f"changed {sid}")
    report = project.import_bilingual(path, DOC)
    if fmt in ("csv", "tsv"):  # no export time: English and status the segments had and
        # left since are older than the project's (an older export brought back unedited)
        assert report.format == fmt and sorted(report.kept_newer) == [1, 2, 3, 4]
        assert [project.segment(i).target for i in (1, 2, 3, 4)] == [
            f"changed {i}" for i in (1, 2, 3, 4)]
        return
    assert report.format == fmt and sorted(report.updated) == [1, 2, 3, 4]
    assert {s.id: (s.target, s.status) for s in project.segments(DOC)} == before
    assert project.history(1)[-1].action == f"import-{spec.kind.lower()}"


def test_the_notes_are_the_projects(doc: Fixture) -> None:
    """The oracle is the service's units: check it holds the notes as written."""
    units = doc.units(get_format("xliff"))
    assert re.search(r'check <this> & "that"$', units[3].notes[0])
    assert units[1].notes[0].endswith("«fine» — ok") and "reviewed" in units[1].notes[0]
