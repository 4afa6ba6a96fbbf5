"""XLIFF 1.2 and 2.0: every segment, states from statuses, notes; read by translate-toolkit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.xliff import xlifffile
from translate.storage.xliff2 import Xliff2File

from tests.formats.conftest import Exporter
from tests.formats.omegat import needs_omegat, omegat_translate
from workbench.errors import WorkbenchError
from workbench.formats.xliff import read_xliff
from workbench.glossary.enforce import check_terms
from workbench.project import Project
from workbench.statuses import XLIFF12_STATE, XLIFF20_STATE, Status, from_xliff12

NS1 = "{urn:oasis:names:tc:xliff:document:1.2}"
NS2 = "{urn:oasis:names:tc:xliff:document:2.0}"


def _set_statuses(project: Project) -> dict[int, str]:
    """Give segments 1-5 every status and return the expected status by segment id."""
    project.set_status(1, "new")
    project.confirm(2, "This claim is false to the core.")
    project.set_status(3, "reviewed")
    project.review(4, "approved", "fine")
    project.save_draft(5, "")
    return {1: "new", 2: "translated", 3: "reviewed", 4: "approved", 5: "draft"}


def test_xliff12_loads_in_translate_toolkit_with_states(export: Exporter, project: Project) -> None:
    expected = _set_statuses(project)
    store = xlifffile.parsefile(str(export("xliff")))
    units = store.getunits()
    assert len(units) == 21
    segments = project.segments(limit=100)
    assert [u.source for u in units] == [s.source for s in segments]
    assert [u.target for u in units] == [s.target for s in segments]
    tree = etree.parse(str(export("xliff", name="again.xlf")))
    for tu in tree.iter(f"{NS1}trans-unit"):
        sid = int(tu.get("id"))
        status = Status(expected.get(sid, "draft"))
        state, approved = XLIFF12_STATE[status]
        assert tu.find(f"{NS1}target").get("state") == state
        assert (tu.get("approved") == "yes") == approved
    assert units[3].isapproved() and not units[2].isapproved()
    file_el = tree.getroot().find(f"{NS1}file")
    assert file_el.get("source-language") == "ar" and file_el.get("target-language") == "en"
    assert file_el.get("{urn:workbench:exchange}document-key") == project.document_key(
        project.document()
    )


def test_xliff12_notes(export: Exporter, project: Project) -> None:
    project.review(6, "rejected", "the masses <b>intervened</b>")
    units = xlifffile.parsefile(str(export("xliff"))).getunits()
    assert "the masses <b>intervened</b>" in units[5].getnotes()


def test_xliff2_loads_in_translate_toolkit_with_states(export: Exporter, project: Project) -> None:
    expected = _set_statuses(project)
    path = export("xliff2")
    store = Xliff2File.parsefile(str(path))
    units = store.getunits()
    assert len(units) == 21
    segments = project.segments(limit=100)
    assert [u.source for u in units] == [s.source for s in segments]
    assert [u.target or "" for u in units] == [s.target for s in segments]
    root = etree.parse(str(path)).getroot()
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "ar", "en")
    for unit in root.iter(f"{NS2}unit"):
        sid = int(unit.get("id"))
        status = Status(expected.get(sid, "draft"))
        segment = unit.find(f"{NS2}segment")
        has_target = segment.find(f"{NS2}target") is not None
        assert segment.get("state") == (XLIFF20_STATE[status] if has_target else "initial")
        assert segment.get("subState") == f"wb:{status.value}"
    # Notes sit in the unit's <notes>, as XLIFF 2.0 requires (translate-toolkit 3.20 looks for
    # them inside <segment>, where the specification does not allow them, so read them here).
    unit4 = next(u for u in root.iter(f"{NS2}unit") if u.get("id") == "4")
    notes = unit4.find(f"{NS2}notes")
    assert [n.text for n in notes if n.get("category") == "comment"] == ["tester (approved): fine"]
    assert any(n.get("category") == "qa" and "Kerensky" in n.text for n in notes)
    assert unit4.index(notes) < unit4.index(unit4.find(f"{NS2}segment"))
    # read back by our reader: statuses survive the lossy 2.0 state mapping
    read = {u.key: u.status for u in read_xliff(path).units}
    assert {int(k): v for k, v in read.items() if int(k) in expected} == expected


def test_xliff_exports_every_segment_even_untranslated(export: Exporter, project: Project) -> None:
    for sid in (7, 8):
        project.save_draft(sid, "")
    for fmt in ("xliff", "xliff2"):
        units = read_xliff(export(fmt)).units
        assert len(units) == 21
        assert [u.target or "" for u in units][6:8] == ["", ""]


def _qa_notes(path: Path) -> dict[int, list[str]]:
    tree = etree.parse(str(path))
    return {
        int(tu.get("id")): [
            n.text for n in tu.iter(f"{NS1}note") if n.get("from") == "workbench-qa"
        ]
        for tu in tree.iter(f"{NS1}trans-unit")
    }


def test_glossary_findings_are_notes(export: Exporter, project: Project) -> None:
    """By default an XLIFF carries the glossary findings (missing and forbidden renderings)."""
    notes = _qa_notes(export("xliff"))
    matcher = project.matcher()
    for seg in project.segments(limit=100):
        expected = check_terms(matcher, seg.source, seg.target).findings
        assert len(notes[seg.id]) == len({f.message for f in expected})
        for finding in expected:
            assert any(finding.message in line and finding.check in line for line in notes[seg.id])
    assert any("forbidden rendering 'Kerenski'" in line for line in notes[4])
    units = xlifffile.parsefile(str(export("xliff", name="b.xlf"))).getunits()
    assert "forbidden rendering 'Kerenski'" in units[3].getnotes()


def test_all_findings_on_request_and_overrides_respected(
    export: Exporter, project: Project
) -> None:
    report = {seg.segment_id: seg.findings for seg in project.check_report().segments}
    notes = _qa_notes(export("xliff", findings="all"))
    for sid, findings in report.items():
        assert {f.message for f in findings} == {
            m for m in {f.message for f in findings} if any(m in line for line in notes[sid])
        }
        assert len(notes[sid]) == len({f"{f.severity}{f.message}{f.check}" for f in findings})
    assert not any(_qa_notes(export("xliff", name="none.xlf", findings="none")).values())
    # an accepted (overridden) glossary finding is left out
    project.add_override(4, "term-forbidden", None, "the source spells it so")
    notes = _qa_notes(export("xliff", name="after.xlf"))
    assert not any("Kerenski" in line for line in notes[4])


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_a_finding_s_note_priority_follows_its_severity(
    export: Exporter, project: Project, fmt: str
) -> None:
    """Every finding was written priority="2": an error is 1 (the highest), a warning 5,
    information 10, in XLIFF 1.2 and 2.0 alike; read back, the notes are no comments."""
    project.save_draft(1, project.segment(1).target.replace(" ", "  ", 1))  # info
    path = export(fmt, findings="all")
    kind = ("from", "workbench-qa") if fmt == "xliff" else ("category", "qa")
    notes = [n for n in etree.parse(str(path)).iter(f"{NS1}note", f"{NS2}note")
             if n.get(kind[0]) == kind[1]]
    priorities = {(n.text or "").split(":")[0]: n.get("priority") for n in notes}
    assert priorities == {"error": "1", "warning": "5", "info": "10"}
    assert not any(u.notes for u in read_xliff(path).units)


def test_white_space_of_another_tools_xliff_is_read_as_xml_space_says(tmp_path: Path) -> None:
    """A pretty-printed target (no xml:space) is one line, as translate-toolkit reads it; a
    target whose xml:space is "preserve" (on it or an ancestor) keeps its breaks."""
    target = "\n      Seventeen deaths\n      have  been\trecorded.\n    "
    files = {
        "x12.xlf": (
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
            'original="t" source-language="ar" target-language="en" datatype="plaintext"{space}>'
            "<body><trans-unit id=\"a\"><source> قد سُجِّلت\n 17 حالة وفاة.</source>"
            f"<target>{target}</target></trans-unit></body></file></xliff>"
        ),
        "x20.xlf": (
            '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" '
            'trgLang="en"><file id="f"{space}><unit id="a"><segment><source> قد سُجِّلت\n 17 '
            f"حالة وفاة.</source><target>{target}</target></segment></unit></file></xliff>"
        ),
    }
    for name, text in files.items():
        for space, expected in (("", "Seventeen deaths have been recorded."),
                                (' xml:space="preserve"', target)):
            path = tmp_path / name
            path.write_text(text.format(space=space), encoding="utf-8")
            unit = read_xliff(path).units[0]
            assert unit.target == expected, (name, space)
            if not space:
                assert unit.source == "قد سُجِّلت 17 حالة وفاة."


def test_an_xliff2_export_of_no_units_is_still_valid(export: Exporter, project: Project) -> None:
    """XLIFF 2.0 requires one or more <unit> or <group> in a <file>: with no segment of the
    statuses asked for, the file holds one empty group (and reads back as holding no unit)."""
    path = export("xliff2", statuses=["approved"])
    file = etree.parse(str(path)).getroot().find(f"{NS2}file")
    assert [etree.QName(child).localname for child in file] == ["group"]
    assert len(file[0]) == 0 and read_xliff(path).units == []
    assert len(Xliff2File.parsefile(str(path)).getunits()) == 0


@pytest.mark.parametrize("state", ["needs-translation", "needs-adaptation", "needs-l10n",
                                   "needs-review-translation", "needs-review-adaptation",
                                   "needs-review-l10n"])
def test_another_tools_needs_states_are_drafts(state: str) -> None:
    """A target still needing work or review is a draft (needs-l10n, needs-adaptation and
    needs-review-l10n came in as translated: confirmed without passing the QA policy)."""
    assert from_xliff12(state, False, True) is Status.DRAFT
    assert from_xliff12("translated", False, True) is Status.TRANSLATED


def test_a_comment_spanning_from_sm_to_em_names_the_text_it_marks(tmp_path: Path) -> None:
    """An XLIFF 2.0 comment written as ``<sm type="comment" value=…/>`` … ``<em startRef/>``
    (as a span crossing an inline code must be) came in as the comment alone, without the
    text it marks; an ``<sm>`` whose ``<em>`` is not in its target marks the rest of it."""
    path = tmp_path / "theirs.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" '
        'trgLang="en"><file id="f"><unit id="u"><segment><source>نص <pc id="1">عربي</pc>'
        '</source><target>An <pc id="1">Ara<sm id="c1" type="comment" value="which one?"/>bic'
        '</pc> <ph id="2"/>te<!-- x -->xt<em startRef="c1"/> here, <sm id="c2" type="comment" '
        'value="unclosed"/>to the end</target></segment></unit></file></xliff>',
        encoding="utf-8")
    (unit,) = read_xliff(path).units
    assert unit.notes == ('"bic text": which one?', '"to the end": unclosed')


def test_fallback_source_fills_untranslated_targets_for_omegat(
    export: Exporter, project: Project
) -> None:
    """OmegaT 3.6 translates an XLIFF 1.2 target's text and reads no unit without one:
    ``fallback="source"`` writes the Arabic into the targets of untranslated units (state
    new, a draft emptied too), translated ones as they are; the default leaves them empty;
    read back, the copies bring no English (nor the number, a source without Arabic)."""
    project.import_document_text("2020\nهذه جملة عربية قصيرة.", "short")
    default = {u.key: u.target for u in read_xliff(export("xliff", doc="short")).units}
    assert set(default.values()) == {""}
    number, sentence = project.segments("short")
    project.save_draft(number.id, "")  # a draft without English
    project.confirm(sentence.id, "A short Arabic sentence.", override_reason="test")
    path = export("xliff", name="copied.xlf", doc="short", fallback="source")
    tree = etree.parse(str(path))
    units = list(tree.iter(f"{NS1}trans-unit"))
    first, second = (tu.find(f"{NS1}target") for tu in units)
    assert (first.text, first.get("state")) == ("2020", "new")
    assert (second.text, second.get("state")) == ("A short Arabic sentence.", "translated")
    before = [(s.target, s.status) for s in project.segments("short")]
    report = project.import_xliff(path, doc="short")
    assert (report.added, report.updated, report.left_alone) == ([], [], 2)
    assert [(s.target, s.status) for s in project.segments("short")] == before
    with pytest.raises(WorkbenchError, match="fallback is for the formats original and xliff"):
        export("xliff2", fallback="source")


@pytest.mark.sqlite_only
@needs_omegat
def test_omegat_translates_an_xliff_exported_with_fallback_source(
    export: Exporter, project: Project, tmp_path: Path
) -> None:
    """OmegaT 3.6 reads every unit of ``--fallback source``'s XLIFF 1.2, fills an untranslated
    one from its memory (tm/auto), keeps the rest; its target file brings that one English
    back as a draft, the other untranslated one stays as it was, empty."""
    for sid in (7, 8):
        project.save_draft(sid, "")
    english = "The hour of the decisive struggle has come."
    memory = tmp_path / "memory.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="AR" '
        f'datatype="plaintext"/><body><tu><tuv xml:lang="AR"><seg>{project.segment(7).source}'
        f'</seg></tuv><tuv xml:lang="EN"><seg>{english}</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    root = tmp_path / "omegat-project"
    target = omegat_translate(root, export("xliff", name="sample.xlf", fallback="source"), memory)
    stats = (root / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    assert re.search(r"^Total:\s+21\s", stats, re.M)  # every unit read (none when empty)
    report = project.import_xliff(target)
    assert report.added == [7] and not report.updated
    assert (project.segment(7).target, project.segment(7).status) == (english, "draft")
    assert (project.segment(8).target, project.segment(8).status) == ("", "draft")
