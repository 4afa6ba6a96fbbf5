"""Round trips: XLIFF and TMX edited elsewhere come back changing exactly what was edited."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from tests.conftest import run_cli
from tests.formats.conftest import Exporter
from workbench.errors import WorkbenchError
from workbench.formats.xliff import read_xliff
from workbench.project import Project
from workbench.project.sample import build_sample

NS1 = "{urn:oasis:names:tc:xliff:document:1.2}"
NS2 = "{urn:oasis:names:tc:xliff:document:2.0}"


def _snapshot(project: Project) -> dict[int, tuple[str, str]]:
    return {s.id: (s.target, s.status) for s in project.segments(limit=1000)}


def _edit_xliff12(path: Path, target_of: int, new_text: str, state_of: int, state: str) -> None:
    tree = etree.parse(str(path))
    for tu in tree.iter(f"{NS1}trans-unit"):
        target = tu.find(f"{NS1}target")
        if tu.get("id") == str(target_of):
            target.text = new_text
        if tu.get("id") == str(state_of):
            target.set("state", state)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)


def test_xliff12_round_trip_changes_exactly_the_edited_segments(
    export: Exporter, project: Project
) -> None:
    before = _snapshot(project)
    path = export("xliff")
    _edit_xliff12(path, 3, "The revolution went on for nine months.", 7, "final")
    report = project.import_xliff(path)
    after = _snapshot(project)
    changed = {sid for sid in before if before[sid] != after[sid]}
    assert changed == {3, 7}
    assert after[3] == ("The revolution went on for nine months.", "draft")
    assert after[7] == (before[7][0], "reviewed")
    assert sorted(report.updated) == [3, 7] and report.added == []
    assert report.left_alone == 19 and report.matched_by_id == 21
    last = project.history(3)[-1]
    assert (last.action, last.author) == ("import-xliff", "tester")
    assert (last.old_text, last.new_text) == (before[3][0], after[3][0])
    assert (project.history(7)[-1].old_status, project.history(7)[-1].new_status) == (
        "draft", "reviewed",
    )
    # importing the same file again changes nothing
    again = project.import_xliff(path)
    assert again.updated == [] and again.added == [] and again.left_alone == 21
    assert _snapshot(project) == after
    # an imported change is undone like any other
    assert (project.undo(3).target, project.segment(3).status) == before[3]


def test_xliff2_round_trip_changes_exactly_the_edited_segments(
    export: Exporter, project: Project
) -> None:
    project.set_status(5, "new")  # new and draft share the 2.0 state 'initial'
    before = _snapshot(project)
    path = export("xliff2")
    tree = etree.parse(str(path))
    for unit in tree.iter(f"{NS2}unit"):
        segment = unit.find(f"{NS2}segment")
        if unit.get("id") == "10":
            segment.find(f"{NS2}target").text = "The hour of decisive action has come."
        if unit.get("id") == "12":
            segment.set("state", "final")
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    report = project.import_xliff(path)
    after = _snapshot(project)
    assert {sid for sid in before if before[sid] != after[sid]} == {10, 12}
    assert after[10] == ("The hour of decisive action has come.", "draft")
    assert after[12][1] == "approved"
    assert after[5] == before[5]  # 'new' survived the round trip through 'initial'
    assert sorted(report.updated) == [10, 12]
    assert project.history(12)[-1].action == "import-xliff"


def test_untranslated_segment_filled_elsewhere_is_added(export: Exporter, project: Project) -> None:
    project.save_draft(8, "")
    path = export("xliff")
    tree = etree.parse(str(path))
    for tu in tree.iter(f"{NS1}trans-unit"):
        if tu.get("id") == "8":
            target = tu.find(f"{NS1}target")
            target.text = "The ruling class could only bite its lips."
            target.set("state", "translated")
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    report = project.import_xliff(path)
    assert report.added == [8] and report.updated == []
    assert project.segment(8).target == "The ruling class could only bite its lips."
    assert project.segment(8).status == "translated"


def test_an_empty_target_never_erases_a_translation(export: Exporter, project: Project) -> None:
    before = _snapshot(project)
    path = export("xliff")
    _edit_xliff12(path, 2, "", 2, "new")
    report = project.import_xliff(path)
    assert _snapshot(project) == before and report.updated == []


def test_a_file_of_another_project_is_refused(export: Exporter, tmp_path: Path) -> None:
    path = export("xliff")
    other_db = tmp_path / "other" / "segments.db"
    other_db.parent.mkdir()
    build_sample(other_db)  # the same sample text, but another project
    with Project.open(other_db) as other:
        before = _snapshot(other)
        with pytest.raises(WorkbenchError, match="another project or document"):
            other.import_xliff(path)
        assert _snapshot(other) == before
    result = run_cli("import-xliff", str(path), "--db", str(other_db))
    assert result.exit_code == 2
    assert "refused: exported from another project or document" in result.stderr


def test_a_file_of_another_document_is_refused(project: Project, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.xlf"
    foreign.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="other.txt" source-language="ar" target-language="en" datatype="plaintext">'
        "<body><trans-unit id=\"1\"><source>نص لا علاقة له بالمشروع.</source>"
        "<target>Unrelated text.</target></trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )
    with pytest.raises(WorkbenchError, match="none of its 1 units matches"):
        project.import_xliff(foreign)


def test_a_foreign_xliff_is_matched_by_normalised_source(project: Project, tmp_path: Path) -> None:
    """Another tool's file (its own ids, no key) matches by Arabic, diacritics ignored."""
    source = project.segment(2).source  # هذا الادعاء كاذب حتى النخاع.
    with_diacritics = source.replace("كاذب", "كَاذِبٌ")
    foreign = tmp_path / "foreign.xlf"
    foreign.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="x" source-language="ar-SA" target-language="en-US" datatype="plaintext">'
        f'<body><trans-unit id="tu-99"><source>{with_diacritics}</source>'
        '<target state="translated">This claim is utterly false.</target></trans-unit>'
        "</body></file></xliff>\n",
        encoding="utf-8",
    )
    report = project.import_xliff(foreign)
    assert report.matched_by_source == 1 and report.updated == [2]
    assert project.segment(2).target == "This claim is utterly false."
    assert project.segment(2).status == "translated"
    # XLIFF 1.1 (translate-toolkit's po2xliff writes it) and 1.0: their own namespaces
    for version in ("1.1", "1.0"):
        older = tmp_path / f"foreign-{version}.xlf"
        older.write_text(foreign.read_text(encoding="utf-8").replace("1.2", version).replace(
            "utterly false.", f"false ({version})."), encoding="utf-8")
        [unit] = read_xliff(older).units
        assert (unit.source, unit.target) == (with_diacritics, f"This claim is false ({version}).")


def test_tmx_round_trip_and_a_tmx_from_another_tool(
    export: Exporter, project: Project, tmp_path: Path
) -> None:
    before = _snapshot(project)
    path = export("tmx")
    unchanged = project.import_tmx(path)
    assert unchanged.updated == [] and _snapshot(project) == before
    seg = project.segment(11)
    omegat_tmx = tmp_path / "project_save.tmx"
    omegat_tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n'
        '<tmx version="1.1"><header creationtool="OmegaT" creationtoolversion="4" '
        'segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="AR" '
        'datatype="plaintext"/><body>'
        f'<tu><tuv lang="AR"><seg>{seg.source}</seg></tuv>'
        "<tuv lang=\"EN-GB\"><seg>By then the patience of the Bolshevik rank and file was wearing "
        "thin.</seg></tuv></tu>"
        '<tu><tuv lang="AR"><seg>جملة ليست في الوثيقة.</seg></tuv>'
        '<tuv lang="EN-GB"><seg>Not in the document.</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    report = project.import_tmx(omegat_tmx)
    assert report.matched_by_source == 1 and report.updated == [11]
    assert report.warnings == ["line 3: a unit (no id) matches no segment"]
    assert project.segment(11).status == "translated"
    assert project.history(11)[-1].action == "import-tmx"
    assert {s for s in before if before[s] != _snapshot(project)[s]} == {11}


def test_import_cli_reports_what_changed(
    export: Exporter, project: Project, sample_db: Path
) -> None:
    path = export("xliff")
    _edit_xliff12(path, 1, "Bourgeois critics often call October a coup.", 1, "translated")
    project.close()
    dry = run_cli("import-xliff", str(path), "--db", str(sample_db), "--dry-run")
    assert dry.stdout.startswith("would import ") and "1 updated, 0 added" in dry.stdout
    assert '"dry_run": true' in run_cli("import-xliff", str(path), "--db", str(sample_db),
                                        "--dry-run", "--format", "json").stdout
    result = run_cli("import-xliff", str(path), "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("imported ")
    assert "1 updated, 0 added, 20 left alone" in result.stdout
    assert "updated segments: 1" in result.stdout


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_csv_or_tsv_export_edited_in_a_spreadsheet_comes_back(
    export: Exporter, project: Project, sample_db: Path, fmt: str
) -> None:
    path = export(fmt)
    text = path.read_text(encoding="utf-8-sig")
    old = project.segment(2).target
    path.write_text(text.replace(old, "This claim is utterly false."), encoding="utf-8")
    project.close()
    refused = run_cli("import-translation", str(path), "--doc", "sample", "--as", "working",
                      "--db", str(sample_db))
    assert refused.exit_code == 2 and "`workbench import-csv`" in refused.stderr
    result = run_cli("import-csv", str(path), "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr
    assert "1 updated" in result.stdout and "updated segments: 2" in result.stdout
    with Project.open(sample_db) as reopened:
        assert reopened.segment(2).target == "This claim is utterly false."


def test_a_segment_given_two_englishes_in_one_file_says_which_it_took(
    export: Exporter, project: Project
) -> None:
    """A spreadsheet row copied and both copies edited: the second English was dropped
    without a word (and the report's counts left it out)."""
    path = export("csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    old = project.segment(2).target
    row = next(line for line in lines if line.startswith("2,"))
    lines[lines.index(row)] = row.replace(old, "First edit.")
    lines.append(row.replace(old, "Second edit."))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = project.import_bilingual(path)
    assert project.segment(2).target == "First edit."
    assert report.updated == [2] and report.left_alone == 21
    assert report.warnings == [
        f"line {len(lines)}: segment 2 was given other English earlier in the file: the "
        "earlier English is taken, this unit's is left alone"]


def test_a_reviewers_comment_column_in_a_spreadsheet_comes_in_as_comments(
    export: Exporter, project: Project
) -> None:
    """A reviewer adds a column for comments to the exported CSV (a review table): each
    row's comment is a comment of its segment, once (it was dropped without a word, while the
    notes of an XLIFF or TMX file come in)."""
    path = export("csv")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    rows[0].append("Reviewer Comments")
    for row in rows[1:]:
        row.append({"2": "Too  literal:\nsay 'utterly false'.", "5": ""}.get(row[0], ""))
    rows[2][3] = "This claim is utterly false."
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(rows)
    report = project.import_bilingual(path)
    assert report.updated == [2] and report.notes_added == 1
    assert [n["text"] for n in project.notes(2)] == ["Too literal: say 'utterly false'."]
    assert project.import_bilingual(path).notes_added == 0


@pytest.mark.parametrize("garble", ["lost", "mojibake"])
def test_a_csv_whose_arabic_an_encoding_lost_is_refused_saying_so(
    export: Exporter, project: Project, garble: str
) -> None:
    """Saved in an encoding without Arabic (Excel's "CSV" on a Western Windows: '?' for each
    letter) or read as Windows-1252 and saved again ('Ø§'): it was refused as "a file of
    another document?"."""
    path = export("csv")
    text = path.read_text(encoding="utf-8-sig")
    if garble == "lost":
        path.write_bytes(text.encode("ascii", errors="replace"))
    else:
        path.write_text(text.encode("utf-8").decode("cp1252", errors="replace"),
                        encoding="utf-8")
    with pytest.raises(WorkbenchError, match=r"holds no Arabic letter: saved in an encoding"):
        project.import_bilingual(path)


def test_files_rewritten_by_translate_toolkit_come_back(
    export: Exporter, project: Project, tmp_path: Path
) -> None:
    """Another tool (translate-toolkit) loads our XLIFF, edits a target and approves a unit,
    and saves it in its own layout: importing changes exactly those two segments."""
    from translate.storage.xliff import xlifffile
    from translate.storage.xliff2 import Xliff2File

    # translate-toolkit's "approved" is approved="yes" in 1.2 and state="reviewed" in 2.0
    cases = (("xliff", xlifffile, "approved"), ("xliff2", Xliff2File, "reviewed"))
    for fmt, reader, status in cases:
        before = _snapshot(project)
        store = reader.parsefile(str(export(fmt)))
        store.getunits()[2].target = f"Edited in translate-toolkit ({fmt})."
        store.getunits()[5].markapproved(True)
        edited = tmp_path / f"edited.{fmt}.xlf"
        store.savefile(str(edited))
        # the first round approved segment 6: replacing approved work must be asked for
        report = project.import_xliff(edited, overwrite="approved")
        after = _snapshot(project)
        assert {sid for sid in before if before[sid] != after[sid]} == {3, 6}
        assert after[3][0] == f"Edited in translate-toolkit ({fmt})."
        assert after[6] == (before[6][0], status)
        assert report.left_alone == 19


def test_the_document_key_picks_the_document(export: Exporter, project: Project) -> None:
    project.import_document_text("جملة أولى قصيرة. جملة ثانية قصيرة.", "second")
    project.save_draft(project.segments("second")[0].id, "A first short sentence.")
    path = export("xliff", name="second.xlf", doc="second")
    _edit_xliff12(path, project.segments("second")[1].id, "A second short sentence.", 0, "")
    with pytest.raises(WorkbenchError, match="exported from document 'second', not 'sample'"):
        project.import_xliff(path, doc="sample")
    report = project.import_xliff(path)
    assert report.document == "second" and report.added == [project.segments("second")[1].id]
    assert project.segments("second")[1].target == "A second short sentence."


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_a_file_older_than_an_edit_does_not_revert_it(
    export: Exporter, project: Project, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of ours brought back after segments were edited in the project: a segment the
    file has as exported keeps its newer English; one edited in both takes the file's, with a
    warning; importing the file again reverts nothing either."""
    from datetime import UTC, datetime, timedelta

    from workbench.store import history

    path = export(fmt)
    later = (datetime.now(UTC) + timedelta(seconds=5)).isoformat(timespec="milliseconds")
    monkeypatch.setattr(history, "now", lambda: later)  # the edits come after the export
    newer = {sid: project.segment(sid).target + " (revised)" for sid in (3, 4)}
    for sid, text in newer.items():
        project.save_draft(sid, text)
    text = path.read_text(encoding="utf-8")
    first_of_4 = project.history(4)[0].new_text or ""
    edited = text.replace(first_of_4.split()[-1], "EDITED-IN-THE-FILE", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    report = project.import_bilingual(path)
    assert report.kept_newer == [3]
    assert project.segment(3).target == newer[3]
    assert "EDITED-IN-THE-FILE" in project.segment(4).target
    assert any("segment 4: edited both" in w for w in report.warnings)
    again = project.import_bilingual(path)
    assert (again.kept_newer, again.updated) == ([3], [])
    assert project.segment(3).target == newer[3]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_a_status_changed_since_the_export_is_not_reverted_by_the_file(
    export: Exporter, project: Project, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Confirmed when exported, rejected by a reviewer (or the confirmation undone) since: the
    unedited file, which says translated, leaves them drafts (it confirmed them again)."""
    from datetime import UTC, datetime, timedelta

    from workbench.store import history

    for sid in (3, 4):
        project.confirm(sid, project.segment(sid).target, override_reason="test")
    path = export(fmt)
    later = (datetime.now(UTC) + timedelta(seconds=5)).isoformat(timespec="milliseconds")
    monkeypatch.setattr(history, "now", lambda: later)  # the changes come after the export
    project.review(3, "rejected", "wrong tense")
    project.undo(4)
    assert (project.segment(3).status, project.segment(4).status) == ("draft", "draft")
    report = project.import_bilingual(path)
    assert (report.updated, sorted(report.kept_newer)) == ([], [3, 4])
    assert (project.segment(3).status, project.segment(4).status) == ("draft", "draft")


def test_a_status_changed_since_the_export_and_in_the_file_takes_the_files(
    export: Exporter, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime, timedelta

    from workbench.store import history

    project.confirm(3, project.segment(3).target, override_reason="test")
    path = export("xliff")
    later = (datetime.now(UTC) + timedelta(seconds=5)).isoformat(timespec="milliseconds")
    monkeypatch.setattr(history, "now", lambda: later)
    project.review(3, "rejected", "wrong tense")
    _edit_xliff12(path, 0, "", 3, "final")
    report = project.import_xliff(path)
    assert (report.updated, report.kept_newer) == ([3], [])
    assert project.segment(3).status == "reviewed"


def test_another_tools_file_is_taken_as_it_is(
    export: Exporter, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without our document key (another tool's file) there is no export time to go by: its
    English is taken, unless it is English and a status the segment had and left since."""
    from datetime import UTC, datetime, timedelta

    from workbench.store import history

    path = export("xliff")
    path.write_text(path.read_text(encoding="utf-8").replace("wb:document-key=", "wb:other="),
                    encoding="utf-8")
    later = (datetime.now(UTC) + timedelta(seconds=5)).isoformat(timespec="milliseconds")
    monkeypatch.setattr(history, "now", lambda: later)
    before = project.segment(3).target
    project.save_draft(3, before + " (revised)")
    report = project.import_xliff(path)
    assert report.kept_newer == [3] and 3 not in report.updated  # it had it, and left it
    assert project.segment(3).target == before + " (revised)"
    path.write_text(path.read_text(encoding="utf-8").replace(before, before + " (theirs)"),
                    encoding="utf-8")
    report = project.import_xliff(path)
    assert report.kept_newer == [] and 3 in report.updated
    assert project.segment(3).target == before + " (theirs)"


def test_a_csv_brought_back_unedited_undoes_no_rejection_nor_edit(
    export: Exporter, project: Project
) -> None:
    """A CSV carries no export time: re-imported unedited after a reviewer rejected a
    confirmed segment, its `translated` confirmed it again (the rejection undone without a
    word), and after an edit its older English replaced the newer. A state the segment had
    and left since is the project's older one; a cell edited in the file is taken."""
    project.confirm(3, project.segment(3).target, override_reason="test")
    project.save_draft(5, project.segment(5).target)
    path = export("csv")
    project.review(3, "rejected", "the date is wrong")
    edited = project.segment(5).target + " Newer."
    project.save_draft(5, edited)
    report = project.import_bilingual(path)
    assert sorted(report.kept_newer) == [3, 5] and report.updated == []
    assert (project.segment(3).status, project.segment(5).target) == ("draft", edited)
    text = path.read_text(encoding="utf-8-sig")
    first = project.segment(3).target
    path.write_text(text.replace(first, first + " Fixed."), encoding="utf-8-sig")
    report = project.import_bilingual(path)
    assert report.updated == [3] and project.segment(3).target == first + " Fixed."


def test_a_segment_edited_in_both_but_confirmed_since_is_not_said_to_be_taken(
    export: Exporter, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edited in the file and confirmed in the project since the export: the protection of
    finished work keeps the project's English, and no warning says the file's is taken."""
    from datetime import UTC, datetime, timedelta

    from workbench.store import history

    path = export("xliff")
    later = (datetime.now(UTC) + timedelta(seconds=5)).isoformat(timespec="milliseconds")
    monkeypatch.setattr(history, "now", lambda: later)
    confirmed = project.segment(4).target + " (revised)"
    project.confirm(4, confirmed, override_reason="test")
    _edit_xliff12(path, 4, "Edited in the file.", 0, "")
    report = project.import_xliff(path)
    assert project.segment(4).target == confirmed and report.updated == []
    assert report.protected == {"translated": 1}
    assert not any("edited both" in w for w in report.warnings), report.warnings
    taken = project.import_xliff(path, overwrite="confirmed")
    assert project.segment(4).target == "Edited in the file." and taken.updated == [4]
    assert any("segment 4: edited both" in w for w in taken.warnings)


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx", "csv", "tsv"])
def test_control_characters_no_export_carries_do_not_make_a_change(
    export: Exporter, project: Project, fmt: str
) -> None:
    """English with a form feed, an escape and a U+0001 (a text extracted from a PDF): every
    export drops them (CSV and TSV too, which would otherwise be refused as binary content),
    and importing the file unedited changes nothing."""
    project.save_draft(2, "The claim \x0cis false\x1b to the\x01 core.")
    before = _snapshot(project)
    path = export(fmt)
    assert "\x0c" not in path.read_text(encoding="utf-8-sig")
    report = project.import_bilingual(path)
    assert (report.updated, report.added) == ([], [])
    assert _snapshot(project) == before


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_another_tools_unit_of_several_segments_is_matched_segment_by_segment(
    project: Project, tmp_path: Path, fmt: str
) -> None:
    """A paragraph unit segmented by another tool (XLIFF 2.0 <segment>s, XLIFF 1.2 <seg-source>
    with <mrk mtype="seg">), whose whole Arabic is no segment of ours: each of its segments
    meets ours by its Arabic (it was refused as matching nothing)."""
    from xml.sax.saxutils import escape

    two, three = (escape(project.segment(i).source) for i in (2, 3))
    if fmt == "xliff2":
        text = (
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" '
            'trgLang="en"><file id="f1"><unit id="tu1">'
            f'<segment id="a" state="translated"><source>{two}</source>'
            "<target>Segment two, elsewhere.</target></segment>"
            "<ignorable><source> </source></ignorable>"
            f'<segment id="b"><source>{three}</source><target/></segment>'
            "<segment id='c'><source>جملة ليست في المشروع.</source><target>None.</target>"
            "</segment></unit></file></xliff>"
        )
    else:
        text = (
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
            'original="x" source-language="ar" target-language="en" datatype="plaintext"><body>'
            f'<trans-unit id="tu1"><source>{two} {three} جملة ليست في المشروع.</source>'
            f'<seg-source><mrk mtype="seg" mid="1">{two}</mrk> <mrk mtype="seg" mid="2">'
            f'{three}</mrk> <mrk mtype="seg" mid="3">جملة ليست في المشروع.</mrk></seg-source>'
            '<target state="translated"><mrk mtype="seg" mid="1">Segment two, elsewhere.</mrk> '
            '<mrk mtype="seg" mid="2"/> <mrk mtype="seg" mid="3">None.</mrk></target>'
            "</trans-unit></body></file></xliff>"
        )
    path = tmp_path / f"segmented.{fmt}.xlf"
    path.write_text(text, encoding="utf-8")
    before = _snapshot(project)
    report = project.import_xliff(path)
    assert report.updated == [2] and report.unmatched == 1
    assert report.warnings == [f"line 1: unit tu1/{'c' if fmt == 'xliff2' else '3'} matches "
                               "no segment"]
    after = _snapshot(project)
    assert after[2] == ("Segment two, elsewhere.", "translated")
    assert {sid for sid in before if before[sid] != after[sid]} == {2}


@pytest.mark.parametrize(("fmt", "status"), [
    ("xliff", "draft"), ("xliff2", "draft"), ("tmx", "translated")])
def test_another_tools_english_without_a_state_has_the_status_the_readme_gives(
    project: Project, tmp_path: Path, fmt: str, status: str
) -> None:
    """Another tool's English that says no status: an XLIFF target without a state is a draft
    (the README said translated, which only a TMX unit or a CSV row without one is)."""
    from xml.sax.saxutils import escape

    two = escape(project.segment(2).source)
    text = {
        "xliff": '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                 'original="x" source-language="ar" target-language="en" datatype="plaintext">'
                 f'<body><trans-unit id="a"><source>{two}</source><target>Two.</target>'
                 "</trans-unit></body></file></xliff>",
        "xliff2": '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                  f'srcLang="ar" trgLang="en"><file id="f"><unit id="a"><segment><source>{two}'
                  "</source><target>Two.</target></segment></unit></file></xliff>",
        "tmx": '<tmx version="1.4"><header srclang="ar"/><body><tu><tuv xml:lang="ar"><seg>'
               f'{two}</seg></tuv><tuv xml:lang="en"><seg>Two.</seg></tuv></tu></body></tmx>',
    }[fmt]
    path = tmp_path / f"stateless.{fmt}"
    path.write_text(text, encoding="utf-8")
    project.import_bilingual(path, overwrite="approved")
    assert (project.segment(2).target, project.segment(2).status) == ("Two.", status)


def test_english_not_marked_into_a_units_segments_is_said_to_be_left_alone(
    project: Project, tmp_path: Path
) -> None:
    """A unit segmented by its tool (``<seg-source>`` marks) whose target is its English
    whole, without the marks (a tool that edits the target as plain text): which sentence is
    which is not known, so none is written, and a warning says so (it was counted left alone
    without a word, the file's English lost silently)."""
    from xml.sax.saxutils import escape

    two, three = (escape(project.segment(i).source) for i in (2, 3))
    path = tmp_path / "unmarked.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
        'original="x" source-language="ar" target-language="en" datatype="plaintext"><body>'
        f'<trans-unit id="tu1"><source>{two} {three}</source><seg-source><mrk mtype="seg" '
        f'mid="1">{two}</mrk> <mrk mtype="seg" mid="2">{three}</mrk></seg-source>'
        '<target state="translated">Sentence two. Sentence three.</target>'
        "</trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    before = _snapshot(project)
    report = project.import_xliff(path)
    assert (report.updated, report.added, report.left_alone) == ([], [], 2)
    assert report.warnings == ["line 1: unit tu1: its English is not marked into its 2 "
                               'segments (no <mrk mtype="seg"> in its target): left alone']
    assert _snapshot(project) == before
    # Trados's untranslated unit: its code outside its empty marks is no English (the
    # warning said so of every such unit of a .sdlxliff)
    path.write_text(path.read_text(encoding="utf-8").replace(
        f'<source>{two} {three}</source>', f'<source><x id="ph9"/>{two} {three}</source>').replace(
        "<seg-source>", '<seg-source><x id="ph9"/>').replace(
        '<target state="translated">Sentence two. Sentence three.</target>',
        '<target><x id="ph9"/><mrk mtype="seg" mid="1"/> <mrk mtype="seg" mid="2"/></target>'),
        encoding="utf-8")
    assert project.import_xliff(path).warnings == []
    assert _snapshot(project) == before


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_an_edit_in_the_second_of_the_export_is_not_reverted_by_the_file(
    export: Exporter, project: Project, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A segment edited a millisecond after the export (a script: export, edit, import): the
    unedited file brought back keeps the newer English (a file dated in whole seconds took
    edits of that second for older than the file, and reverted them)."""
    from datetime import datetime, timedelta

    from workbench.formats import detect
    from workbench.store import history

    path = export(fmt)
    exported = detect(path).read(path).exported_at
    assert exported
    just_after = datetime.fromisoformat(exported) + timedelta(milliseconds=1)
    monkeypatch.setattr(history, "now", lambda: just_after.isoformat(timespec="milliseconds"))
    project.save_draft(3, "Edited just after the export.")
    report = project.import_bilingual(path)
    assert (report.updated, report.kept_newer) == ([], [3])
    assert project.segment(3).target == "Edited just after the export."


def test_a_target_that_copies_the_arabic_is_no_translation(
    project: Project, tmp_path: Path
) -> None:
    """Another tool's untranslated unit with its source copied to the target (OmegaT, "copy
    source"): left alone like an empty target, so the Arabic never replaces a draft's English;
    a target equal to a source without Arabic (a name, a number) is still a translation."""
    from xml.sax.saxutils import escape

    project.import_document_text("IEDCR\nهذه جملة عربية قصيرة.", "names")
    names = project.segments("names")
    two, three = (escape(project.segment(i).source) for i in (2, 3))
    path = tmp_path / "copied.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" '
        'source-language="ar" target-language="en" datatype="plaintext"><body>'
        f'<trans-unit id="a"><source>{two}</source><target state="needs-translation">{two}'
        f'</target></trans-unit><trans-unit id="b"><source>{three}</source>'
        '<target state="translated">Three, translated.</target></trans-unit>'
        "</body></file></xliff>", encoding="utf-8",
    )
    before = project.segment(2).target
    report = project.import_xliff(path, doc="sample")
    assert report.updated == [3] and report.left_alone == 1
    assert project.segment(2).target == before
    names_file = tmp_path / "names.xlf"
    names_file.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="y" '
        'source-language="ar" target-language="en" datatype="plaintext"><body>'
        '<trans-unit id="n"><source>IEDCR</source><target state="translated">IEDCR</target>'
        "</trans-unit></body></file></xliff>", encoding="utf-8",
    )
    assert project.import_xliff(names_file, doc="names").added == [names[0].id]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_an_export_of_a_reference_brought_back_says_where_its_english_goes(
    export: Exporter, project: Project, fmt: str
) -> None:
    """Our export of reference:main, imported: its English replaced the drafts of the working
    translation without a word. It still may (a reference is a fair start), but it says so."""
    path = export(fmt, version="reference:main")
    report = project.import_bilingual(path, dry_run=True)
    assert report.updated  # the reference differs from the drafts
    assert any("exported from reference:main" in w for w in report.warnings), report.warnings
    working = export(fmt, name=f"working.{fmt}")
    assert not any("exported from" in w
                   for w in project.import_bilingual(working, dry_run=True).warnings)


_AR = ("الجملة الأولى قصيرة. والثانية أيضا قصيرة جدا.\n"
       "هذه فقرة ثانية فيها جملة واحدة طويلة نوعا ما لكي نختبر.")
_JOINED_EN = ("The first sentence is short and the second one is also very short.\n"
              "This is a second paragraph with one rather long sentence so that we test.")
_APART_EN = ("The first sentence is short. The second one is also very short.\n"
             "This is a second paragraph with one rather long sentence so that we test.")


def _foreign_xliff(path: Path, units: list[tuple[str, str]]) -> Path:
    body = "".join(f'<trans-unit id="u{n}"><source>{ar}</source><target>{en}</target>'
                   "</trans-unit>" for n, (ar, en) in enumerate(units, start=1))
    path.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                    '<file original="x" source-language="ar" target-language="en" '
                    f'datatype="plaintext"><body>{body}</body></file></xliff>', encoding="utf-8")
    return path


def test_a_sentence_of_a_joined_unit_alone_is_left_alone_and_both_are_joined(
    tmp_path: Path, new_db: Any
) -> None:
    """Segments 1 and 2 are one unit of the working translation (a 2-1 link: segment 1 holds
    the English of both). Another tool's file with sentence 2 alone gave segment 2 English of
    its own: the exported and delivered English said the second sentence twice. Alone, it is
    left alone with a warning; with sentence 1 too, their English joined goes to the unit."""
    with Project.open(new_db, create=True, author="tester") as project:
        project.import_document_text(_AR, "doc")
        project.import_translation_text(_JOINED_EN, "doc", "working")
        first, second = (s.source for s in project.segments("doc")[:2])
        held = project.segment(1).target
        alone = _foreign_xliff(tmp_path / "alone.xlf", [(second, "The second, alone.")])
        report = project.import_xliff(alone)
        assert (report.updated, report.added, report.left_alone) == ([], [], 1)
        assert any("segments 1–2 are one unit" in w for w in report.warnings), report.warnings
        assert (project.segment(1).target, project.segment(2).target) == (held, "")
        both = _foreign_xliff(tmp_path / "both.xlf", [(first, "First."), (second, "Second.")])
        report = project.import_xliff(both)
        assert report.updated == [1] and not report.warnings
        assert (project.segment(1).target, project.segment(2).target) == ("First. Second.", "")


def test_a_joined_unit_of_a_version_whose_links_differ_is_left_alone(
    tmp_path: Path, new_db: Any
) -> None:
    """A draft aligned 2-1 exported, brought into a working translation that has the two
    sentences apart: unit 1_2 wrote both sentences' English on segment 1 and erased segment
    2's (its English gone without a word)."""
    with Project.open(new_db, create=True, author="tester") as project:
        project.import_document_text(_AR, "doc")
        project.import_translation_text(_APART_EN, "doc", "working")
        project.import_translation_text(_JOINED_EN, "doc", "draft", name="j")
        before = (project.segment(1).target, project.segment(2).target)
        assert all(before)
        path = project.export_file("xliff", tmp_path / "j.xlf", version="draft:j").path
        assert 'id="1_2"' in path.read_text(encoding="utf-8")
        report = project.import_xliff(path)
        assert (project.segment(1).target, project.segment(2).target) == before
        assert 1 not in report.updated
        assert any("unit 1_2: segments 1–2 are not one unit" in w for w in report.warnings)


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx", "csv"])
def test_a_joined_unit_of_a_reference_fills_an_empty_working_translation_joined(
    tmp_path: Path, new_db: Any, fmt: str
) -> None:
    """A free translation imported as a reference (links of up to 9 sentences a side), its
    export brought back into an empty working translation: each unit of several segments was
    'not one unit of the working translation' and left alone, half the text lost. Segments
    without English have nothing to erase: the unit's English goes to its first segment, the
    others joined to it, as import-translation --as working would have it; undone whole."""
    with Project.open(new_db, create=True, author="tester") as project:
        project.import_document_text(_AR, "doc")
        project.import_translation_text(_JOINED_EN, "doc", "reference")
        path = project.export_file(fmt, tmp_path / f"ref.{fmt}", version="reference:main").path
        report = project.import_bilingual(path)
        assert report.added == [1, 3], report.warnings
        assert not any("not one unit" in w for w in report.warnings), report.warnings
        assert project.segment(1).target == _JOINED_EN.splitlines()[0]
        assert project.segment(2).target == ""
        export = project.export_file("csv", tmp_path / "working.csv").path
        ids = [row[0] for row in csv.reader(export.read_text(encoding="utf-8-sig").splitlines())]
        assert ids[1:] == ["1_2", "3"]
        project.undo_change(report.group_id)
        assert all(not project.segment(i).target for i in (1, 2, 3))


@pytest.mark.parametrize("fmt", ["xliff", "tmx", "csv"])
def test_a_reference_export_brought_back_over_finished_joined_work_changes_nothing(
    tmp_path: Path, new_db: Any, fmt: str
) -> None:
    """Segments 1 and 2 one unit of the working translation (a 2-1 link), approved; the
    reference (the same English, its units drafts) exported and brought back. The approved
    first segment was left alone, but the joined second, empty and new, was 'filled' with no
    English as a draft: a change group to undo, revisions, for a file that changed nothing."""
    with Project.open(new_db, create=True, author="tester") as project:
        project.import_document_text(_AR, "doc")
        project.import_translation_text(_JOINED_EN, "doc", "working")
        project.import_translation_text(_JOINED_EN, "doc", "reference")
        project.review(1, "approved")
        before = _snapshot(project)
        revisions = len(project.history(2))
        path = project.export_file(fmt, tmp_path / f"ref.{fmt}", version="reference:main").path
        report = project.import_bilingual(path)
        assert _snapshot(project) == before
        assert len(project.history(2)) == revisions
        assert report.group_id is None
        assert not any("exported from" in w for w in report.warnings), report.warnings
        if fmt != "csv":  # every segment counted once: left alone or protected
            assert (report.left_alone, report.protected) == (2, {"approved": 1})


def test_a_joined_unit_is_found_by_its_arabic_without_its_id(
    tmp_path: Path, new_db: Any
) -> None:
    """A spreadsheet of our CSV without its id column (rows matched by their Arabic), or
    another tool's file holding our unit 1_2: the joined unit's Arabic, both sentences, is no
    one segment's, and the row 'matched no segment' (its English lost with a warning)."""
    with Project.open(new_db, create=True, author="tester") as project:
        project.import_document_text(_AR, "doc")
        project.import_translation_text(_JOINED_EN, "doc", "working")
        path = project.export_file("csv", tmp_path / "doc.csv").path
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        edited = "Both sentences are short."
        with (tmp_path / "sheet.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(
                [r[2], edited if r[0] == "1_2" else r[3], r[4]] for r in rows)
        report = project.import_bilingual(tmp_path / "sheet.csv")
        assert (report.updated, report.unmatched, report.matched_by_source) == ([1], 0, 2)
        assert (project.segment(1).target, project.segment(2).target) == (edited, "")
        joined = " ".join(s.source for s in project.segments("doc")[:2])
        theirs = _foreign_xliff(tmp_path / "theirs.xlf", [(joined, "Short, both of them.")])
        assert project.import_xliff(theirs).updated == [1]
        assert (project.segment(1).target, project.segment(2).target) == (
            "Short, both of them.", "")


def test_a_csv_brought_back_unedited_undoes_no_rejection_of_a_joined_unit(
    tmp_path: Path, new_db: Any
) -> None:
    """Segments 1 and 2 are one unit (a 2-1 link), row 1_2 of the CSV. Re-imported unedited
    after a reviewer rejected the confirmed unit, its `translated` confirmed it again (the
    state the unit had and left was looked for on single segments only); after an edit its
    older English came back over the newer."""
    with Project.open(new_db, create=True, author="tester") as project:
        project.import_document_text(_AR, "doc")
        project.import_translation_text(_JOINED_EN, "doc", "working")
        joined = project.segment(1).target
        project.confirm(1, joined, override_reason="test")
        path = project.export_file("csv", tmp_path / "doc.csv").path
        assert "\n1_2," in path.read_text(encoding="utf-8-sig")
        project.review(1, "rejected", "too long")
        report = project.import_bilingual(path)
        assert sorted(report.kept_newer) == [1, 2] and report.updated == []
        assert project.segment(1).status == "draft"
        project.save_draft(1, "The first and the second, both short.")
        report = project.import_bilingual(path)
        assert sorted(report.kept_newer) == [1, 2] and report.updated == []
        assert project.segment(1).target == "The first and the second, both short."


def test_a_repeated_sentence_kept_newer_is_said_once_and_not_when_taken(
    tmp_path: Path, new_db: Any
) -> None:
    """A spreadsheet without ids of a document saying a sentence twice (segments 1 and 3)
    meets both segments with each of its two rows. After segment 3's rejection, kept_newer
    listed it twice ('2 segments: 3, 3'); and where the second row's new English was taken,
    it was said both kept and updated."""
    thanks, other = "شكرا لكم على حسن الاستماع.", "هذه جملة أخرى مختلفة تماما عن غيرها."
    with Project.open(new_db, create=True, author="tester") as project:
        project.import_document_text(f"{thanks}\n{other}\n{thanks}", "doc")
        project.import_translation_text(
            "Thank you for listening.\nThis is another sentence.\nThank you for listening.",
            "doc", "working")
        for sid in (1, 2, 3):
            project.confirm(sid, project.segment(sid).target, override_reason="test")
        project.review(3, "rejected", "too formal")
        rows = [["arabic", "english", "status"], [thanks, "Thank you for listening.", "translated"],
                [other, "This is another sentence.", "translated"],
                [thanks, "Thank you for listening.", "translated"]]
        path = tmp_path / "sheet.csv"
        for last, kept, updated in (("Thank you for listening.", [3], []),
                                    ("Thanks for listening!", [], [3])):
            rows[3][1] = last
            with path.open("w", encoding="utf-8", newline="") as f:
                csv.writer(f).writerows(rows)
            report = project.import_bilingual(path)
            assert (report.kept_newer, report.updated) == (kept, updated)
        assert project.segment(3).target == "Thanks for listening!"


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_comments_written_in_another_tool_come_back_once(
    export: Exporter, project: Project, fmt: str
) -> None:
    """A reviewer's comment in the file (OmegaT, Okapi, memoQ write ``<note>``) becomes a note
    of the segment; our own notes, findings and LQA lines are not taken again (they were all
    lost, or would be doubled)."""
    project.add_note(4, "check the date against the original")
    project.add_note(4, "fine as it is", kind="approved")
    path = export(fmt, findings="all")
    tree = etree.parse(str(path))
    if fmt == "tmx":
        unit = next(u for u in tree.iter("tu") if u.get("tuid") == "3")
        note = etree.Element("note")
        unit.insert(0, note)  # TMX: notes come before the tuvs
    elif fmt == "xliff":
        unit = next(u for u in tree.iter(f"{NS1}trans-unit") if u.get("id") == "3")
        note = etree.SubElement(unit, f"{NS1}note", {"from": "reviewer"})
    else:
        unit = next(u for u in tree.iter(f"{NS2}unit") if u.get("id") == "3")
        notes = unit.find(f"{NS2}notes")
        if notes is None:
            notes = etree.Element(f"{NS2}notes")
            unit.insert(0, notes)
        note = etree.SubElement(notes, f"{NS2}note")
    note.text = "Is 'revolution'\n   right here?"
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)

    report = project.import_bilingual(path)
    assert report.notes_added == 1 and report.updated == []
    assert [n["text"] for n in project.notes(3)] == ["Is 'revolution' right here?"]
    assert [n["text"] for n in project.notes(4)] == ["check the date against the original",
                                                     "fine as it is"]
    assert project.import_bilingual(path).notes_added == 0  # not twice
    assert len(project.notes(3)) == 1


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_a_comment_written_inline_comes_in_as_a_note(
    export: Exporter, project: Project, fmt: str
) -> None:
    """A reviewer's comment on a stretch of the English as an annotation (XLIFF 2.0 ``<mrk
    type="comment" value=…>``, 1.2 ``<mrk comment=…>``) is a note naming what it marks; the
    text it marks stays as it was (the comment was lost)."""
    path = export(fmt)
    tree = etree.parse(str(path))
    ns, name = (NS1, "trans-unit") if fmt == "xliff" else (NS2, "unit")
    unit = next(u for u in tree.iter(f"{ns}{name}") if u.get("id") == "3")
    target = next(unit.iter(f"{ns}target"))
    english = target.text
    word = english.split()[1]
    before, _, after = english.partition(word)
    target.text = before
    attrs = ({"mtype": "x-comment", "comment": "too  literal"} if fmt == "xliff" else
             {"id": "c1", "type": "comment", "value": "too  literal"})
    mark = etree.SubElement(target, f"{ns}mrk", attrs)
    mark.text, mark.tail = word, after
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    report = project.import_bilingual(path)
    assert report.notes_added == 1 and report.updated == []
    assert [n["text"] for n in project.notes(3)] == [f'"{word}": too literal']
    assert project.segment(3).target == english
    assert project.import_bilingual(path).notes_added == 0


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_a_note_with_a_control_character_is_not_taken_again(
    export: Exporter, project: Project, fmt: str
) -> None:
    """A note holding a character XML cannot carry (Word's line break, U+000B, pasted in) is
    found in our own file: importing the file adds no copy of it. The note is stored with a
    line break in its place (the words either side of it were glued once it was left out)."""
    project.add_note(3, "first line\x0bsecond line\x1b[31m")
    path = export(fmt)
    assert project.import_bilingual(path).notes_added == 0
    assert [n["text"] for n in project.notes(3)] == ["first line\nsecond line[31m"]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_a_note_of_ours_whose_import_was_undone_comes_back_as_it_was(
    export: Exporter, project: Project, tmp_path: Path, fmt: str
) -> None:
    """Our file written while an imported comment was there, brought back after that import
    was undone, gives the comment back as it was (it came as the importing user's comment
    'tester: please recheck', one more 'tester: ' on each such round)."""
    reviewed = tmp_path / "reviewed.tmx"
    reviewed.write_text(
        '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="ar" datatype="plaintext"/><body>'
        f'<tu><note>please recheck</note><tuv xml:lang="ar"><seg>{project.segment(3).source}'
        f'</seg></tuv><tuv xml:lang="en"><seg>{project.segment(3).target}</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    group = project.import_tmx(reviewed).group_id
    assert group is not None
    path = export(fmt)
    project.undo_change(group)
    assert project.notes(3) == []
    assert project.import_bilingual(path).notes_added == 1
    assert [(n["author"], n["kind"], n["text"]) for n in project.notes(3)] == [
        ("tester", "comment", "please recheck")]
    assert project.import_bilingual(path).notes_added == 0


def test_an_imported_comment_is_said_by_the_cli(
    export: Exporter, project: Project, sample_db: Path
) -> None:
    path = export("xliff")
    tree = etree.parse(str(path))
    unit = next(u for u in tree.iter(f"{NS1}trans-unit") if u.get("id") == "5")
    etree.SubElement(unit, f"{NS1}note").text = "a plain comment"
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    project.close()
    result = run_cli("import-xliff", str(path), "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr
    assert "comments added: 1" in result.stdout
    again = run_cli("import-xliff", str(path), "--db", str(sample_db), "--format", "json")
    assert '"notes_added": 0' in again.stdout


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_joined_unit_is_numbered_with_all_its_segments_in_review_tables(
    tmp_path: Path, new_db: Any, fmt: str
) -> None:
    """A review table numbered a unit of segments 1 and 2 '1' and the next row '3': segment 2
    seemed missing to a reviewer. It is numbered 1–2."""
    with Project.open(new_db, create=True, author="tester") as project:
        project.import_document_text(_AR, "doc")
        project.import_translation_text(_JOINED_EN, "doc", "working")
        path = project.export_file(fmt, tmp_path / f"doc.{fmt}").path
        if fmt == "html":
            text = path.read_text(encoding="utf-8")
            assert '<td class="num">1\u20132</td>' in text and '<td class="num">3</td>' in text
        else:
            rows = docx.Document(str(path)).tables[0].rows
            assert [r.cells[0].text for r in rows][1:] == ["1\u20132", "3"]


@pytest.mark.parametrize("state", ["new", "needs-translation"])
def test_an_untranslated_units_copied_source_without_arabic_is_no_translation(
    project: Project, tmp_path: Path, state: str
) -> None:
    """A unit whose target is its source copied (``export --fallback source`` for OmegaT,
    Okapi's copy source) and whose state says nobody translated it brings no English, even
    when the source has no Arabic letter (a number): the segment stays new and empty."""
    project.import_document_text("IEDCR", "names")
    sid = project.segments("names")[0].id
    path = tmp_path / "copied.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="y" '
        'source-language="ar" target-language="en" datatype="plaintext"><body>'
        f'<trans-unit id="n"><source>IEDCR</source><target state="{state}">IEDCR</target>'
        "</trans-unit></body></file></xliff>", encoding="utf-8",
    )
    report = project.import_xliff(path, doc="names")
    assert (report.added, report.left_alone) == ([], 1)
    assert (project.segment(sid).target, project.segment(sid).status) == ("", "new")


def test_an_export_is_stamped_after_the_latest_revision(
    tmp_path: Path, new_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An approval stored in the millisecond the export began counted as made after it: the
    reference brought back then kept the approved unit as newer instead of protecting it (a
    rare failure of the test above under load). The export's time is now after every
    revision, so nothing stored before it counts as since."""
    from datetime import datetime

    import workbench.formats.model as model

    with Project.open(new_db, create=True, author="tester") as project:
        project.import_document_text(_AR, "doc")
        project.import_translation_text(_JOINED_EN, "doc", "working")
        project.import_translation_text(_JOINED_EN, "doc", "reference")
        project.review(1, "approved")
        latest = datetime.fromisoformat(project.history(1)[-1].at)

        class SameMillisecond(datetime):
            @classmethod
            def now(cls, tz: Any = None) -> datetime:
                return latest

        monkeypatch.setattr(model, "datetime", SameMillisecond)
        path = project.export_file("tmx", tmp_path / "ref.tmx", version="reference:main").path
        monkeypatch.undo()
        report = project.import_bilingual(path)
        assert (report.left_alone, report.protected, report.kept_newer) == (
            2, {"approved": 1}, [])
