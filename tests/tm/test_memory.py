"""The project memory, lookups, 101% context, propagation, pre-translation, analysis and
concordance through the Project service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.tm.conftest import write
from workbench.errors import LockedError
from workbench.project import Project
from workbench.store import tm as q_tm

A = "قامت الثورة في روسيا عام 1917."
B = "واستولى البلاشفة على السلطة."
C = "عقد المؤتمر في القاهرة."


def ids(project: Project, doc: str = "doc") -> list[int]:
    return [s.id for s in project.segments(doc, limit=1000)]


def project_units(project: Project) -> list[dict]:
    return list(project.db.query(
        "SELECT * FROM tm_units WHERE memory_id = ? ORDER BY id", [q_tm.PROJECT_MEMORY]
    ))


@pytest.fixture
def tm_project(empty_project: Project) -> Project:
    empty_project.tm.propagate = True
    return empty_project


def test_confirmed_segments_are_project_units(tm_project: Project) -> None:
    tm_project.tm.propagate = False
    first, second, *_ = ids(tm_project)
    assert project_units(tm_project) == []
    tm_project.confirm(first, "The revolution broke out in Russia in 1917.")
    (unit,) = project_units(tm_project)
    assert (unit["segment_id"], unit["source"], unit["status"]) == (first, A, "translated")
    assert unit["changed_by"] == "tester"
    (match,) = tm_project.tm.lookup(A)
    assert (match.score, match.origin, match.document, match.position) == (100, "doc #1", "doc", 1)
    # a draft edit keeps the confirmed unit; a new confirmation replaces it
    tm_project.save_draft(first, "The revolution began in Russia in 1917.")
    assert project_units(tm_project)[0]["target"] == "The revolution broke out in Russia in 1917."
    tm_project.confirm(first, "The revolution began in Russia in 1917.")
    (unit,) = project_units(tm_project)
    assert unit["target"] == "The revolution began in Russia in 1917."
    assert [r.action for r in tm_project.history(first)] == ["confirm", "edit", "confirm"]
    # a reviewer's verdict updates its status; an undo withdraws it
    tm_project.review(first, "approved")
    assert project_units(tm_project)[0]["status"] == "approved"
    # locking and unlocking leave the unit as it is
    before = project_units(tm_project)
    tm_project.unlock(first)
    assert project_units(tm_project) == before
    tm_project.undo(first)
    tm_project.undo(first)
    assert project_units(tm_project) == []
    assert tm_project.tm.lookup(A) == []
    tm_project.confirm(second, "And the Bolsheviks seized power.")
    tm_project.review(second, "rejected", "too loose")
    assert project_units(tm_project) == []


def test_waiting_units_are_indexed_a_chunk_at_a_time(
    tm_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.project import tm_indexing

    tm_project.tm.propagate = False
    monkeypatch.setattr(tm_indexing, "PENDING_CHUNK", 2)
    first, second, third, _ = ids(tm_project)
    english = ["The revolution broke out in Russia in 1917.", "And the Bolsheviks seized power.",
               "The conference met in Cairo."]
    for sid, text in zip((first, second, third), english, strict=True):
        # a status change leaves the unit waiting (as an import of confirmed segments does)
        tm_project.save_draft(sid, text)
        tm_project.set_status(sid, "translated")
    assert q_tm.has_pending(tm_project.db)
    assert tm_project.tm.index_pending() == 3  # two chunks: 2 + 1
    assert not q_tm.has_pending(tm_project.db)
    for source, text in zip((A, B, C), english, strict=True):
        (match,) = tm_project.tm.lookup(source, min_score=100)
        assert (match.score, match.target) == (100, text)
    # the posting lists hold the words of both chunks' units
    for word, text in (("روسيا", english[0]), ("البلاشفة", english[1]), ("القاهرة", english[2])):
        assert [h.target for h in tm_project.tm.concordance(word, lang="ar")] == [text]
    (fuzzy,) = tm_project.tm.lookup("عقد المؤتمر في روسيا.", min_score=60)
    assert fuzzy.target == english[2]


def test_merging_segments_replaces_the_unit(tm_project: Project) -> None:
    tm_project.tm.propagate = False
    first, second, *_ = ids(tm_project)
    tm_project.confirm(first, "The revolution broke out in Russia in 1917.")
    tm_project.confirm(second, "And the Bolsheviks seized power.")
    tm_project.merge_with_next(first)
    (unit,) = project_units(tm_project)
    assert unit["source"] == f"{A} {B}"
    assert tm_project.tm.lookup(f"{A} {B}")[0].score == 100
    assert tm_project.tm.lookup(B, min_score=90) == []


def test_segment_matches_leave_out_the_segment_itself(tm_project: Project) -> None:
    tm_project.tm.propagate = False
    first, _, _, fourth = ids(tm_project)
    tm_project.confirm(first, "The revolution broke out in Russia in 1917.")
    assert tm_project.tm.segment_matches(first) == []
    (match,) = tm_project.tm.segment_matches(fourth)
    assert match.score == 100  # the same source, another context: not 101


def test_context_match(tm_project: Project, tmp_path: Path) -> None:
    other = tmp_path / "other.ar.txt"
    other.write_text(f"{A} {B}\n{C}\n", encoding="utf-8")
    tm_project.import_document(other, "other")
    _, second, *_ = ids(tm_project)
    tm_project.confirm(second, "And the Bolsheviks seized power.")
    _, other_second, _ = ids(tm_project, "other")
    # doc: A B | C A ; other: A B | C — segment B has the same neighbours in both
    (match,) = tm_project.tm.segment_matches(other_second)
    assert match.score == 101
    assert tm_project.tm.lookup(B)[0].score == 100  # no context given
    assert tm_project.tm.lookup(B, context=(A, C))[0].score == 101
    assert tm_project.tm.lookup(B, context=(A, "غيره."))[0].score == 100


def test_external_units_with_context(tm_project: Project, tmp_path: Path) -> None:
    from tests.tm.conftest import MEMOQ

    tm_project.tm.import_file(write(tmp_path / "m.tmx", MEMOQ))
    source = "عقد المؤتمر في {b}القاهرة{/b}."
    assert tm_project.tm.lookup(source, context=("مقدمة الكتاب.", "الفصل الأول."))[0].score == 101
    assert tm_project.tm.lookup(source, context=("مقدمة.", "الفصل الأول."))[0].score == 100


def test_memoq_context_on_the_source_variant(tm_project: Project, tmp_path: Path) -> None:
    # memoQ writes the neighbours on the source's <tuv>, each an escaped <seg>
    tm_project.tm.import_file(write(tmp_path / "m.tmx", f"""<tmx version="1.4">
<header srclang="ar-sa" creationtool="memoQ"/><body><tu><tuv xml:lang="ar-sa">
<prop type="x-context-pre">&lt;seg&gt;{A}&lt;/seg&gt;</prop>
<prop type="x-context-post">&lt;seg&gt;عقد &lt;ph x="1"/&gt;المؤتمر.&lt;/seg&gt;</prop>
<seg>{B}</seg></tuv><tuv xml:lang="en-us">
<prop type="x-context-pre">&lt;seg&gt;The revolution.&lt;/seg&gt;</prop>
<seg>And the Bolsheviks seized power.</seg></tuv></tu></body></tmx>"""))
    (unit,) = tm_project.db.query("SELECT context_prev, context_next, meta FROM tm_units")
    assert (unit["context_prev"], unit["context_next"]) == (A, "عقد {1/}المؤتمر.")
    assert tm_project.tm.lookup(B, context=(A, "عقد {1/}المؤتمر."))[0].score == 101
    assert tm_project.tm.lookup(B, context=(C, "عقد {1/}المؤتمر."))[0].score == 100


def test_escaped_seg_context_on_the_unit(tm_project: Project, tmp_path: Path) -> None:
    # the neighbours as escaped <seg>s on the <tu>, not on the Arabic <tuv>: kept with the
    # <seg> around them, they never met a segment's neighbours (no 101)
    tm_project.tm.import_file(write(tmp_path / "m.tmx", f"""<tmx version="1.4">
<header srclang="ar-sa" creationtool="memoQ"/><body><tu>
<prop type="x-context-pre">&lt;seg&gt;{A}&lt;/seg&gt;</prop>
<prop type="x-context-post">&lt;seg&gt;{C}&lt;/seg&gt;</prop>
<tuv xml:lang="ar-sa"><seg>{B}</seg></tuv>
<tuv xml:lang="en-us"><seg>And the Bolsheviks seized power.</seg></tuv></tu></body></tmx>"""))
    (unit,) = tm_project.db.query("SELECT context_prev, context_next FROM tm_units")
    assert (unit["context_prev"], unit["context_next"]) == (A, C)
    assert tm_project.tm.lookup(B, context=(A, C))[0].score == 101


def test_lookup_results(tm_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "tm.tsv"
    path.write_text(
        "ارتفعت الأسعار بنسبة 2.5 في المئة عام 2020.\tPrices rose by 2.5% in 2020.\n"
        "ارتفعت الأسعار في المئة عام 2020.\tPrices rose in 2020.\n"
        "وبالثورة تغير كل شيء.\tWith the revolution everything changed.\n",
        encoding="utf-8",
    )
    tm_project.tm.import_file(path, "prices")
    first, second = tm_project.tm.lookup("ارتفعت الأسعار بنسبة ٣٫٥ في المئة عام 2021.")
    assert first.target == "Prices rose by 2.5% in 2020."
    assert first.substituted == "Prices rose by 3.5% in 2021."
    assert first.text == first.substituted
    assert [d.op for d in first.diff] == ["equal", "change", "equal", "change", "equal"]
    assert first.score > second.score and second.substituted is None
    assert first.memory == first.origin == "prices"
    (clitic,) = tm_project.tm.lookup("الثورة تغير كل شيء.")
    assert clitic.score == 87
    assert tm_project.tm.lookup("الثورة تغير كل شيء.", min_score=90) == []
    assert len(tm_project.tm.lookup("ارتفعت الأسعار", min_score=0, limit=1)) == 1


@pytest.mark.parametrize("copies", [20, 300])  # more than the candidates scored (250)
def test_copies_of_a_unit_do_not_crowd_out_the_other_matches(
    tm_project: Project, tmp_path: Path, copies: int
) -> None:
    copy = "قامت الثورة في روسيا عام 1917.\tThe revolution broke out in Russia in 1917.\n"
    path = tmp_path / "tm.tsv"
    path.write_text(
        copy * copies + "قامت الثورة في روسيا.\tThe revolution broke out in Russia.\n"
        "اندلعت الثورة في روسيا عام 1917.\tThe revolution erupted in Russia in 1917.\n",
        encoding="utf-8",
    )
    tm_project.tm.import_file(path, "copies")
    matches = tm_project.tm.lookup("قامت الثورة في روسيا عام 1918.")
    assert [(m.score, m.target) for m in matches] == [
        (99, "The revolution broke out in Russia in 1917."),  # 1918 for 1917: substituted
        (66, "The revolution erupted in Russia in 1917."),
        (66, "The revolution broke out in Russia."),
    ]


def test_substituted_numbers_keep_their_sign(tm_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "tm.tsv"
    path.write_text("بلغت الحرارة -5 درجات.\tIt reached -5 degrees.\n", encoding="utf-8")
    tm_project.tm.import_file(path, "old")
    (match,) = tm_project.tm.lookup("بلغت الحرارة -7 درجات.")
    assert match.substituted == "It reached -7 degrees."
    (match,) = tm_project.tm.lookup("بلغت الحرارة 7 درجات.")  # not -7
    assert match.substituted is None and match.text == "It reached -5 degrees."


def test_a_match_that_differs_only_in_substituted_numbers_scores_as_the_same_words(
    tm_project: Project, tmp_path: Path
) -> None:
    """A date or a figure changed scored 66-83 (a number of another value is another word),
    where memoQ gives 95-99: its target with the number substituted is the translation. Now
    99 for one number, one less for each further one, found with --min 95 too; a number the
    target does not hold (nothing substituted) keeps the word-level score."""
    path = tmp_path / "tm.tsv"
    path.write_text("ارتفع عدد الحالات إلى 300 حالة في 5 مايو.\t"
                    "Cases rose to 300 on 5 May.\n"
                    "بلغ عدد الوفيات 12 حالة.\tDeaths reached twelve.\n", encoding="utf-8")
    tm_project.tm.import_file(path, "news")
    (one,) = tm_project.tm.lookup("ارتفع عدد الحالات إلى 450 حالة في 5 مايو.", min_score=95)
    assert (one.score, one.substituted) == (99, "Cases rose to 450 on 5 May.")
    (two,) = tm_project.tm.lookup("ارتفع عدد الحالات إلى ٤٥٠ حالة في 7 مايو.")
    assert (two.score, two.substituted) == (98, "Cases rose to 450 on 7 May.")
    (spelt,) = tm_project.tm.lookup("بلغ عدد الوفيات 15 حالة.")  # twelve: not substituted
    assert spelt.substituted is None and spelt.score < 95
    assert tm_project.tm.lookup("بلغ عدد الوفيات 15 حالة.", min_score=95) == []
    (other,) = tm_project.tm.lookup("ارتفع عدد الوفيات إلى 450 حالة في 5 مايو.")
    assert other.score < 95  # a word changed as well


def test_propagation_and_its_undo(tm_project: Project) -> None:
    first, second, _, fourth = ids(tm_project)
    english = "The revolution broke out in Russia in 1917."
    tm_project.confirm(first, english)
    repeated = tm_project.segment(fourth)
    assert (repeated.target, repeated.status) == (english, "translated")
    assert [r.action for r in tm_project.history(fourth)] == ["propagate"]
    assert tm_project.segment(second).target == ""  # not a repetition
    assert tm_project.tm.repetitions("doc") == {first: (first, fourth), fourth: (first, fourth)}
    tm_project.undo(fourth)
    repeated = tm_project.segment(fourth)
    assert (repeated.target, repeated.status) == ("", "new")
    assert {u["segment_id"] for u in project_units(tm_project)} == {first}


def test_a_batch_confirmation_and_its_propagation_are_undone_together(
    tm_project: Project,
) -> None:
    # the propagation wrote outside the batch's change group: undone, the repetition kept
    # the first's English, confirmed, its own draft lost
    first, _, _, fourth = ids(tm_project)
    tm_project.save_draft(first, "The revolution broke out in Russia in 1917.")
    tm_project.save_draft(fourth, "A revolution began in Russia in 1917.")
    report = tm_project.confirm_many([first, fourth])
    assert report.done == [first, fourth] and report.unchanged == []
    tm_project.undo_change(report.group_id)
    assert (tm_project.segment(fourth).target, tm_project.segment(fourth).status) == (
        "A revolution began in Russia in 1917.", "draft")
    assert tm_project.segment(first).status == "draft"


def test_repeated_ids_follow_the_document(
    tm_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.project import tm_repetitions

    monkeypatch.setattr(tm_repetitions, "KEY_BATCH", 3)  # the document read in two pages
    first, _, _, fourth = ids(tm_project)
    assert tm_project.tm.repeated_ids("doc") == [first, fourth]
    tm_project.merge_with_next(first)  # the first is no longer the same text as the fourth
    assert tm_project.tm.repeated_ids("doc") == []
    assert tm_project.tm.repetitions("doc") == {}


def test_propagation_compares_the_sources_not_only_their_hashes(
    tm_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.project import tm_repetitions

    monkeypatch.setattr(tm_repetitions, "key_hash", lambda key: 1 if key else 0)  # all collide
    first, second, third, fourth = ids(tm_project)
    english = "The revolution broke out in Russia in 1917."
    tm_project.confirm(first, english)
    assert tm_project.segment(fourth).target == english
    assert tm_project.segment(second).target == tm_project.segment(third).target == ""


def test_propagation_overwrites_drafts_only(tm_project: Project) -> None:
    first, _, _, fourth = ids(tm_project)
    tm_project.save_draft(fourth, "A draft.")
    tm_project.confirm(first, "The revolution broke out in Russia in 1917.")
    assert tm_project.segment(fourth).target == "The revolution broke out in Russia in 1917."
    tm_project.confirm(fourth, "In 1917 the revolution broke out in Russia.")
    tm_project.confirm(first, "Revolution broke out in Russia in 1917.")
    assert tm_project.segment(fourth).target == "In 1917 the revolution broke out in Russia."


def test_propagation_leaves_a_locked_repetition_alone(tm_project: Project) -> None:
    first, _, _, fourth = ids(tm_project)
    tm_project.lock(fourth)  # new and locked: its English changes only once unlocked
    tm_project.confirm(first, "The revolution broke out in Russia in 1917.")
    locked = tm_project.segment(fourth)
    assert (locked.target, locked.status, locked.locked) == ("", "new", True)
    assert [r.action for r in tm_project.history(fourth)] == ["lock"]


def test_propagation_respects_the_qa_policy(tm_project: Project) -> None:
    first, _, _, fourth = ids(tm_project)
    # 1918 is not the source's number: an error the translator overrode for the first segment
    tm_project.confirm(first, "The revolution broke out in 1918.", override_reason="old style")
    assert tm_project.segment(fourth).status == "draft"


def test_propagation_can_be_switched_off(
    tm_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[tm]\npropagate = false\n", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    tm_project.tm.propagate = None  # read the config file
    first, _, _, fourth = ids(tm_project)
    tm_project.confirm(first, "The revolution broke out in Russia in 1917.")
    assert tm_project.segment(fourth).status == "new"


def test_pretranslate(tm_project: Project, tmp_path: Path) -> None:
    first, second, third, fourth = ids(tm_project)
    tm_project.save_draft(third, "Already begun.")
    path = tmp_path / "tm.tsv"
    path.write_text(
        f"{A}\tThe revolution broke out in Russia in 1917.\n"
        "واستولى البلاشفة على الحكم.\tThe Bolsheviks took over.\n"
        f"{C}\tThe conference met in Cairo.\n",
        encoding="utf-8",
    )
    tm_project.tm.import_file(path, "old")
    result = tm_project.tm.pretranslate("doc")
    assert (result.empty, result.filled, result.by_band) == (3, 2, {"100": 2})
    assert result.segments == [first, fourth]
    seg = tm_project.segment(first)
    assert (seg.target, seg.status) == ("The revolution broke out in Russia in 1917.", "draft")
    assert [r.action for r in tm_project.history(first)] == ["pretranslate"]
    (note,) = tm_project.notes(first)
    assert note["kind"] == "tm" and "100% match from old" in note["text"]
    assert tm_project.segment(third).target == "Already begun."  # not empty: left alone
    again = tm_project.tm.pretranslate("doc", min_score=70)
    assert (again.empty, again.filled) == (1, 1)
    assert tm_project.segment(second).target == "The Bolsheviks took over."


def test_pretranslate_takes_a_unit_the_same_but_for_what_a_reader_does_not_see(
    tm_project: Project, tmp_path: Path
) -> None:
    """A Trados unit whose Arabic holds direction marks (RLE…PDF around the year, an RLM) and
    a unit copied from a PDF in presentation forms are 100% matches: pretranslate fills the
    segments with them (each was 99 or 95, below pretranslate's 100)."""
    first, _, third, fourth = ids(tm_project)
    marked = "\u202bقامت الثورة في روسيا عام \u202a1917\u202c.\u200f\u202c"
    pdf = "ﻋﻘﺪ ﺍﻟﻤﺆﺗﻤﺮ ﻓﻲ ﺍﻟﻘﺎﻫﺮﺓ."
    path = tmp_path / "tm.tsv"
    path.write_text(f"{marked}\tThe revolution broke out in Russia in 1917.\n"
                    f"{pdf}\tThe conference met in Cairo.\n", encoding="utf-8")
    tm_project.tm.import_file(path, "trados")
    result = tm_project.tm.pretranslate("doc")
    assert (result.filled, result.by_band, result.segments) == (3, {"100": 3},
                                                                [first, third, fourth])
    assert tm_project.segment(third).target == "The conference met in Cairo."


def test_a_units_outer_spaces_do_not_go_into_the_english(
    tm_project: Project, tmp_path: Path
) -> None:
    """A TMX <seg> with spaces at its ends (a tool that keeps the space after a sentence):
    the match is 100, and the English pretranslation and insertion write has none."""
    first, *_ = ids(tm_project)
    path = tmp_path / "spaces.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ar"/>'
        f'<body><tu><tuv xml:lang="ar"><seg> {A} </seg></tuv><tuv xml:lang="en">'
        "<seg> The revolution broke out in Russia in 1917. </seg></tuv></tu></body></tmx>\n",
        encoding="utf-8",
    )
    tm_project.tm.import_file(path, "spaced")
    assert first in tm_project.tm.pretranslate("doc").segments
    assert tm_project.segment(first).target == "The revolution broke out in Russia in 1917."
    (match,) = tm_project.tm.segment_matches(first)
    assert match.score == 100 and match.text == "The revolution broke out in Russia in 1917."


def test_pretranslate_leaves_locked_segments_alone(tm_project: Project, tmp_path: Path) -> None:
    first, *_, fourth = ids(tm_project)
    tm_project.lock(first)  # empty, but locked: finished as it is
    path = tmp_path / "tm.tsv"
    path.write_text(f"{A}\tThe revolution broke out in Russia in 1917.\n", encoding="utf-8")
    tm_project.tm.import_file(path, "old")
    result = tm_project.tm.pretranslate("doc")
    assert (result.empty, result.filled, result.segments) == (3, 1, [fourth])
    seg = tm_project.segment(first)
    assert (seg.target, seg.status, seg.locked) == ("", "new", True)
    (match,) = tm_project.tm.segment_matches(fourth)
    with pytest.raises(LockedError):
        tm_project.tm.insert_match(first, match)
    assert tm_project.segment(first).target == ""


def test_a_project_units_tags_are_left_out_of_a_segment_without_tags(
    tm_project: Project, tmp_path: Path
) -> None:
    # a client document's segment confirmed with its tags, then a text document's segment of
    # the same words: its English got <1>here</1>, tags its source does not have (QA errors,
    # and the text export wrote them)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>انقر <b>هنا</b> لتنزيل الملف.</p></body></html>",
                    encoding="utf-8")
    tm_project.sources.import_file(page, "page")
    (tagged,) = ids(tm_project, "page")
    tm_project.confirm(tagged, "Click <1>here</1> to download the file.")
    plain = tmp_path / "plain.ar.txt"
    plain.write_text("انقر هنا لتنزيل الملف.\n", encoding="utf-8")
    tm_project.import_document(plain, "plain")
    (segment,) = ids(tm_project, "plain")
    assert tm_project.tm.pretranslate("plain", min_score=95).filled == 1
    assert tm_project.segment(segment).target == "Click here to download the file."


def test_pretranslate_is_one_change_undone_at_once(tm_project: Project, tmp_path: Path) -> None:
    first, _, third, fourth = ids(tm_project)
    path = tmp_path / "tm.tsv"
    path.write_text(
        f"{A}\tThe revolution broke out in Russia in 1917.\n"
        f"{C}\tThe conference met in Cairo.\n",
        encoding="utf-8",
    )
    tm_project.tm.import_file(path, "old")
    result = tm_project.tm.pretranslate("doc")
    assert result.filled == 3 and len(result.changes) == 1
    (group,) = tm_project.changes("doc")
    assert (group["id"], group["kind"], group["changes"]) == (result.changes[0], "pretranslate", 3)
    assert group["summary"] == "pre-translated 3 segments with matches of 100% or more"
    assert [n["kind"] for n in tm_project.notes(first)] == ["tm"]
    undone = tm_project.undo_change(result.changes[0])
    assert [tm_project.segment(s).target for s in (first, third, fourth)] == ["", "", ""]
    assert tm_project.segment(first).status == "new"
    # the notes naming the matches go with them (an export wrote them beside empty targets,
    # and a second pre-translation added its own)
    assert [tm_project.notes(s) for s in (first, third, fourth)] == [[], [], []]
    assert undone["summary"].endswith("3 comments it brought removed")
    # nothing filled: no change recorded
    assert tm_project.tm.pretranslate("doc", min_score=101).changes == []


def test_analysis_bands_add_up(tm_project: Project, tmp_path: Path) -> None:
    doc = tmp_path / "analysed.ar.txt"
    doc.write_text(f"{A} {B} {C} {A}\nجملة جديدة تماما لا مثيل لها.\n", encoding="utf-8")
    tm_project.import_document(doc, "analysed")
    path = tmp_path / "tm.tsv"
    path.write_text(
        f"{A}\tThe revolution broke out in Russia in 1917.\n"
        "واستولى البلاشفة على الحكم.\tThe Bolsheviks took over.\n"
        "عقد المؤتمر في القاهره\tThe conference met in Cairo.\n",
        encoding="utf-8",
    )
    tm_project.tm.import_file(path, "old")
    analysis = tm_project.tm.analyze("analysed")
    segs = ids(tm_project, "analysed")
    assert [analysis.by_segment[s] for s in segs] == [
        "100", "75-84", "95-99", "repetitions", "no-match"
    ]
    data = analysis.to_dict()
    assert list(data["bands"]) == [
        "101", "repetitions", "100", "95-99", "85-94", "75-84", "50-74", "no-match",
        "non-translatable",
    ]
    total = data["total"]
    assert total["segments"] == 5 == sum(b["segments"] for b in data["bands"].values())
    assert total["words"] == sum(b["words"] for b in data["bands"].values()) == 26
    sources = [tm_project.segment(s).source for s in segs]
    assert total["characters"] == sum(len("".join(s.split())) for s in sources)
    assert data["bands"]["repetitions"] == {"segments": 1, "words": 6, "characters": 25}


def test_an_analysis_of_every_document_counts_repetitions_across_them(
    tm_project: Project, tmp_path: Path
) -> None:
    """A segment whose source an earlier document of the analysis holds is a repetition (the
    cross-file repetitions of memoQ and Trados): a second copy of a document is no new work.
    A document analysed alone still counts its own repetitions only."""
    for name in ("first", "second"):
        doc = tmp_path / f"{name}.ar.txt"
        doc.write_text("وصل الوفد إلى المدينة مساء أمس.\nجملة جديدة تماما لا مثيل لها.\n",
                       encoding="utf-8")
        tm_project.import_document(doc, name)
    together = tm_project.tm.analyze()
    bands = [together.by_segment[s] for name in ("first", "second") for s in ids(tm_project, name)]
    assert bands[2:] == ["repetitions", "repetitions"]
    assert "repetitions" not in bands[:2]
    alone = tm_project.tm.analyze("second")
    assert "repetitions" not in [alone.by_segment[s] for s in ids(tm_project, "second")]


def test_analysis_counts_no_tag_as_characters(tm_project: Project, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>انتهت <a href='x'>الحرب</a> <b>أخيرا</b>.</p>"
                    "<p>انتهت الحرب أخيرا.</p></body></html>", encoding="utf-8")
    tm_project.sources.import_file(page, "page")
    tagged, _ = ids(tm_project, "page")
    assert tm_project.segment(tagged).source == "انتهت <1>الحرب</1> <2>أخيرا</2>."
    analysis = tm_project.tm.analyze("page")
    # the same words and letters: 3 words, 16 characters each
    assert analysis.to_dict()["total"] == {"segments": 2, "words": 6, "characters": 32}


NUMBERS = "٢٠١٩\n\n* * *\n\n(٣)\n\n٥٠٪\n\nصفحة ٤\n\n١٢٣٬٤٥٦٫٧٨\n\n٢٠١٩\n"
"""A document of paragraphs with no letters (one with a word, and one repeated)."""


def test_pretranslate_converts_segments_without_letters_with_no_memory(
    tm_project: Project, tmp_path: Path
) -> None:
    """A page number, a separator, a figure: typed by hand before, though a CAT tool fills
    them (their digits and punctuation converted) as drafts, with where they came from."""
    (tmp_path / "numbers.ar.txt").write_text(NUMBERS, encoding="utf-8")
    tm_project.import_document(tmp_path / "numbers.ar.txt", "numbers")
    segs = ids(tm_project, "numbers")
    result = tm_project.tm.pretranslate("numbers")
    assert (result.empty, result.filled) == (7, 6)
    assert result.by_band == {"non-translatable": 6}
    assert [tm_project.segment(s).target for s in segs] == [
        "2019", "* * *", "(3)", "50%", "", "123,456.78", "2019"
    ]
    first = tm_project.segment(segs[0])
    assert first.status == "draft"
    assert [r.action for r in tm_project.history(segs[0])] == ["pretranslate"]
    (note,) = tm_project.notes(segs[0])
    assert note["kind"] == "tm" and "non-translatable" in note["text"]
    assert all(tm_project.check_segment(s) == [] for s in segs if s != segs[4])
    (group,) = tm_project.changes("numbers")
    assert group["summary"] == (
        "pre-translated 6 segments without letters (their digits and punctuation converted)"
    )
    tm_project.undo_change(result.changes[0])
    assert [tm_project.segment(s).target for s in segs] == [""] * 7
    assert tm_project.notes(segs[0]) == []


def test_pretranslate_takes_a_memorys_exact_match_of_a_segment_without_letters(
    tm_project: Project, tmp_path: Path
) -> None:
    """The translator's own English for a list number (roman numerals) wins over its
    conversion."""
    (tmp_path / "numbers.ar.txt").write_text(NUMBERS, encoding="utf-8")
    tm_project.import_document(tmp_path / "numbers.ar.txt", "numbers")
    tm_project.import_document(tmp_path / "numbers.ar.txt", "again")
    tm_project.confirm(ids(tm_project, "numbers")[2], "(iii)", override_reason="roman")
    result = tm_project.tm.pretranslate("again", min_score=50)
    assert result.by_band == {"101": 1, "non-translatable": 5}
    assert [tm_project.segment(s).target for s in ids(tm_project, "again")][:4] == [
        "2019", "* * *", "(iii)", "50%"
    ]
    summary = tm_project.changes("again")[0]["summary"]
    assert summary == (
        "pre-translated 6 segments: 1 with matches of 50% or more, 5 without letters "
        "(their digits and punctuation converted)"
    )


def test_the_analysis_puts_segments_without_letters_in_their_own_band(
    tm_project: Project, tmp_path: Path
) -> None:
    (tmp_path / "numbers.ar.txt").write_text(NUMBERS, encoding="utf-8")
    tm_project.import_document(tmp_path / "numbers.ar.txt", "numbers")
    analysis = tm_project.tm.analyze("numbers")
    # the repeated ٢٠١٩ is no repetition to pay for: nothing to translate
    assert [analysis.by_segment[s] for s in ids(tm_project, "numbers")] == [
        "non-translatable"] * 4 + ["no-match"] + ["non-translatable"] * 2
    bands = analysis.to_dict()["bands"]
    assert bands["non-translatable"]["segments"] == 6
    assert bands["repetitions"]["segments"] == 0
    assert analysis.to_dict()["total"]["segments"] == 7


def test_a_segment_without_letters_is_offered_its_conversion(
    tm_project: Project, tmp_path: Path
) -> None:
    (tmp_path / "numbers.ar.txt").write_text(NUMBERS, encoding="utf-8")
    tm_project.import_document(tmp_path / "numbers.ar.txt", "numbers")
    year, *_ = ids(tm_project, "numbers")
    (match,) = tm_project.tm.segment_matches(year)
    assert (match.score, match.text, match.origin) == (100, "2019", "non-translatable")
    segment = tm_project.tm.insert_match(year, match)
    assert (segment.target, segment.status) == ("2019", "draft")
    (note,) = tm_project.notes(year)
    assert note["text"] == "tm-insert: non-translatable: its digits and punctuation converted"
    # a memory's exact match comes first; one with the same English is offered once
    tm_project.confirm(ids(tm_project, "numbers")[2], "(iii)", override_reason="roman")
    tm_project.import_document(tmp_path / "numbers.ar.txt", "again")
    again_year, _, again_list, *_ = ids(tm_project, "again")
    assert [m.text for m in tm_project.tm.segment_matches(again_list)] == ["(iii)", "(3)"]
    tm_project.confirm(year, "2019")
    assert [m.origin for m in tm_project.tm.segment_matches(again_year)] == ["numbers #1"]
    assert tm_project.tm.segment_matches(ids(tm_project, "again")[4]) == []  # صفحة ٤


def test_concordance(tm_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "tm.tmx"
    write(path, """<tmx version="1.4"><header srclang="ar"/><body>
<tu changedate="20240101T000000Z"><tuv xml:lang="ar"><seg>وبالثورة تغير كل شيء.</seg></tuv>
<tuv xml:lang="en"><seg>With the Revolution everything changed.</seg></tuv></tu>
<tu changedate="20240301T000000Z"><tuv xml:lang="ar"><seg>قامت الثورة الروسية.</seg></tuv>
<tuv xml:lang="en"><seg>The Russian revolution broke out.</seg></tuv></tu>
<tu changedate="20240201T000000Z"><tuv xml:lang="ar"><seg>الثوري الصغير.</seg></tuv>
<tuv xml:lang="en"><seg>The little revolutionary.</seg></tuv></tu>
<tu changedate="20231201T000000Z"><tuv xml:lang="ar"><seg>قرأت والكتاب في يدي.</seg></tuv>
<tuv xml:lang="en"><seg>I read with the book in my hand.</seg></tuv></tu>
</body></tmx>""")
    tm_project.tm.import_file(path, "old")
    hits = tm_project.tm.concordance("الثورة", lang="ar")
    assert [h.source for h in hits] == ["قامت الثورة الروسية.", "وبالثورة تغير كل شيء."]
    assert [h.source[s:e] for h in hits for s, e in h.spans] == ["الثورة", "وبالثورة"]
    english = tm_project.tm.concordance("REVOLUTION", lang="en")
    assert [h.date[:7] for h in english] == ["2024-03", "2024-02", "2024-01"]
    assert [h.target[s:e] for h in english for s, e in h.spans] == [
        "revolution", "revolution", "Revolution"
    ]
    both = tm_project.tm.concordance("ثورة الروسية")
    assert [(h.lang, h.source) for h in both] == [("ar", "قامت الثورة الروسية.")]
    assert tm_project.tm.concordance("كلمة غائبة") == []
    # a word that starts with a preposition's letter is not split: كتاب finds والكتاب
    book = tm_project.tm.concordance("كتاب", lang="ar")
    assert [h.source[s:e] for h in book for s, e in h.spans] == ["والكتاب"]


def test_concordance_of_english_with_accented_capitals_and_of_a_pasted_page(
    tm_project: Project, tmp_path: Path
) -> None:
    """English with a capital that is not ASCII (Émile, ÅLESUND) is found as typed and in any
    case: SQLite's lower() and LIKE fold ASCII letters only, so "Émile" found nothing. A query
    longer than SQLite's LIKE pattern limit (50,000 bytes: a pasted page) crashed, exit 70."""
    path = tmp_path / "tm.tsv"
    path.write_text("قال إميل زولا ذلك.\tÉmile Zola said so.\n"
                    "وصل إلى أليسوند.\tHe reached ÅLESUND.\n"
                    "قال ذلك.\tHe said so.\n", encoding="utf-8")
    tm_project.tm.import_file(path, "old")

    def found(query: str, limit: int = 50) -> list[str]:
        hits = tm_project.tm.concordance(query, lang="en", limit=limit)
        return [h.target[s:e] for h in hits for s, e in h.spans]

    for query in ("Émile", "émile", "ÉMILE", "émile zola"):
        assert found(query) == ["Émile Zola"[:len(query)]], query
    assert found("ålesund") == found("Ålesund") == ["ÅLESUND"]
    assert found("said so", limit=1) == ["said so"]  # the limit still holds
    assert len(found("said so")) == 2
    page = " ".join(["الثورة البلشفية"] * 3000)  # 88,000 bytes
    assert tm_project.tm.concordance(page) == []
    assert found("He said so. " * 5000) == []


def test_concordance_of_words_starting_with_a_clitic_letter(
    tm_project: Project, tmp_path: Path
) -> None:
    """وزير, فيروس and سياسة start with the letters of و ف س: a bare وزير and الوزير find each
    other (their stems were زير and وزير)."""
    path = tmp_path / "tm.tsv"
    path.write_text(
        "وصل الوزير إلى القاهرة.\tThe minister arrived in Cairo.\n"
        "قال وزير الصحة ذلك.\tThe health minister said so.\n"
        "ووزير الخارجية غائب.\tAnd the foreign minister is absent.\n"
        "انتشر فيروس جديد.\tA new virus spread.\n"
        "أصيب بالفيروس أمس.\tHe caught the virus yesterday.\n"
        "تغيرت السياسة الخارجية.\tThe foreign policy changed.\n"
        "سياسة جديدة.\tA new policy.\n"
        "سيتغير كل شيء.\tEverything will change.\n",
        encoding="utf-8",
    )
    tm_project.tm.import_file(path, "old")

    def found(query: str) -> list[str]:
        hits = tm_project.tm.concordance(query, lang="ar")
        return sorted(h.source[s:e] for h in hits for s, e in h.spans)

    for query in ("وزير", "الوزير", "والوزير"):
        assert found(query) == ["الوزير", "وزير", "ووزير"], query
    assert found("وزير الخارجية") == ["ووزير الخارجية"]
    assert found("فيروس") == found("الفيروس") == ["بالفيروس", "فيروس"]
    assert found("سياسة") == found("السياسة") == ["السياسة", "سياسة"]
    assert found("يتغير") == ["سيتغير"]  # the future س is still split off


def test_concordance_through_a_bare_preposition(tm_project: Project, tmp_path: Path) -> None:
    """مرض finds بمرض and لمرض (a preposition written onto a word without the article, which
    stems keep): TICO-19's مرض was 14 hits of 24, فيروس missed بفيروس."""
    path = tmp_path / "tm.tsv"
    path.write_text(
        "أصيب بمرض السكري.\tHe fell ill with diabetes.\n"
        "لا علاج لمرض نادر.\tThere is no cure for a rare disease.\n"
        "وبمرض آخر أيضا.\tAnd with another disease too.\n"
        "انتشر المرض بسرعة.\tThe disease spread fast.\n"
        "مرض جديد.\tA new disease.\n"
        "أصيب بفيروس كورونا.\tHe caught the coronavirus.\n",
        encoding="utf-8",
    )
    tm_project.tm.import_file(path, "old")

    def found(query: str) -> list[str]:
        hits = tm_project.tm.concordance(query, lang="ar")
        return sorted(h.source[s:e] for h in hits for s, e in h.spans)

    assert found("مرض") == found("المرض") == ["المرض", "بمرض", "لمرض", "مرض", "وبمرض"]
    assert found("فيروس") == ["بفيروس"]
    assert found("بمرض") == ["بمرض", "وبمرض"]  # a preposition typed stays in the query


def test_english_concordance_reads_typographic_apostrophes_and_spaces(
    tm_project: Project, tmp_path: Path
) -> None:
    """A memory's don’t and “safe” are found by don't and "safe" typed plain (and the other
    way round); two spaces typed are one. TICO-19's English has don’t, we’re: none was found."""
    path = tmp_path / "tm.tsv"
    path.write_text(
        "لا تخرج.\tPlease don\u2019t go out.\n"
        "ابق في المنزل.\tStay home, it\u2019s \u201csafe\u201d.\n"
        "لا تذهب.\tDon't go.\n",
        encoding="utf-8",
    )
    tm_project.tm.import_file(path, "old")

    def found(query: str) -> list[str]:
        hits = tm_project.tm.concordance(query, lang="en")
        return sorted(h.target[s:e] for h in hits for s, e in h.spans)

    assert found("don't") == found("don\u2019t") == ["Don't", "don\u2019t"]
    assert found('"safe"') == ["\u201csafe\u201d"]
    assert found("stay   home,  it's") == ["Stay home, it\u2019s"]
    assert found("don%t") == []  # LIKE's wildcards stay literal


def test_insert_match_records_its_origin(tm_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "tm.tsv"
    path.write_text(f"{C}\tThe conference met in Cairo.\n", encoding="utf-8")
    tm_project.tm.import_file(path, "old")
    *_, third, _ = ids(tm_project)
    (match,) = tm_project.tm.segment_matches(third)
    seg = tm_project.tm.insert_match(third, match)
    assert (seg.target, seg.status) == ("The conference met in Cairo.", "draft")
    assert tm_project.history(third)[-1].action == "tm-insert"
    assert tm_project.notes(third)[-1]["text"] == "tm-insert: 100% match from old (unit 1)"
    # undone (F9, `workbench undo SEG`), the note naming the match goes with its English
    tm_project.add_note(third, "a comment of mine")
    tm_project.undo(third)
    assert tm_project.segment(third).target == ""
    assert [n["text"] for n in tm_project.notes(third)] == ["a comment of mine"]


def test_a_match_with_line_breaks_comes_in_as_one_line(
    tm_project: Project, tmp_path: Path
) -> None:
    """A memory's English may hold line breaks (another tool's TMX); a segment holds one
    line, as a paste into the editor gives."""
    path = tmp_path / "tm.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="ar" datatype="plaintext" segtype="sentence" '
        'adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body><tu>'
        f'<tuv xml:lang="ar"><seg>{C}</seg></tuv>'
        '<tuv xml:lang="en"><seg>The conference\r\n met&#x2028;in Cairo.\n</seg></tuv>'
        "</tu></body></tmx>", encoding="utf-8")
    tm_project.tm.import_file(path, "old")
    *_, third, _ = ids(tm_project)
    (match,) = tm_project.tm.segment_matches(third)
    seg = tm_project.tm.insert_match(third, match)
    assert seg.target == "The conference met in Cairo."
    assert tm_project.history(third)[-1].new_text == "The conference met in Cairo."


def test_a_pretty_printed_tmx_brings_no_indentation(tm_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "pretty.tmx"
    path.write_text(
        f'<tmx version="1.4">\n<header srclang="ar"/>\n<body>\n<tu>\n  <tuv xml:lang="ar">\n'
        f"    <seg>\n      {C}\n    </seg>\n  </tuv>\n  <tuv xml:lang=\"en\">\n"
        "    <seg>\n      The conference met in Cairo.\n    </seg>\n  </tuv>\n</tu>\n"
        "</body>\n</tmx>\n", encoding="utf-8")
    tm_project.tm.import_file(path, "pretty")
    *_, third, _ = ids(tm_project)
    assert tm_project.tm.pretranslate("doc").segments == [third]
    assert tm_project.segment(third).target == "The conference met in Cairo."


def test_auto_insert_fills_only_an_empty_segment_at_the_threshold(
    tm_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tm.tsv"
    path.write_text(f"{C}\tThe conference met in Cairo.\n", encoding="utf-8")
    tm_project.tm.import_file(path, "old")
    *_, third, _ = ids(tm_project)
    (match,) = tm_project.tm.segment_matches(third)
    assert tm_project.tm.auto_insert(third, match, min_score=101) is None  # 100 < 101
    assert tm_project.tm.auto_insert(third, match, min_score=0) is None  # 0: off
    assert tm_project.segment(third).target == ""
    # the config file's [tm] auto_insert_min, when no threshold is given
    config = tmp_path / "config.toml"
    config.write_text("[tm]\nauto_insert_min = 90\n", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    assert tm_project.tm.auto_insert_min == 90
    seg = tm_project.tm.auto_insert(third, match)
    assert seg is not None and (seg.target, seg.status) == ("The conference met in Cairo.",
                                                            "draft")
    assert tm_project.history(third)[-1].action == "tm-auto"
    assert tm_project.notes(third)[-1]["text"] == "tm-auto: 100% match from old (unit 1)"
    # not empty any more: nothing written
    tm_project.save_draft(third, "Typed meanwhile.")
    assert tm_project.tm.auto_insert(third, match) is None
    assert tm_project.segment(third).target == "Typed meanwhile."
    # undone (F9), the auto-inserted match's note goes with its English, as an inserted one's
    tm_project.undo(third)
    tm_project.undo(third)
    assert tm_project.segment(third).target == ""
    assert [n["text"] for n in tm_project.notes(third)] == []


def test_an_undated_unit_comes_after_a_dated_one(tm_project: Project, tmp_path: Path) -> None:
    """Among equal scores the newest first, an undated unit (a TSV's) last, in the matches as
    in the concordance (on PostgreSQL too, where ORDER BY … DESC puts NULL first): the
    translator's own confirmed translation came after a client's undated one."""
    path = tmp_path / "client.tsv"
    path.write_text("".join(f"{C}\tThe conference met in Cairo ({n}).\n" for n in range(3)),
                    encoding="utf-8")
    tm_project.tm.import_file(path)
    third = ids(tm_project)[2]
    tm_project.confirm(third, "The conference was held in Cairo.", override_reason="test")
    assert [m.memory for m in tm_project.tm.lookup(C)] == ["project", "client", "client",
                                                            "client"]
    [hit] = tm_project.tm.concordance("cairo", lang="en", limit=1)
    assert hit.target == "The conference was held in Cairo."


def test_memories_can_be_chosen(tm_project: Project, tmp_path: Path) -> None:
    for name in ("one", "two"):
        path = tmp_path / f"{name}.tsv"
        path.write_text(f"{C}\tThe conference met in Cairo ({name}).\n", encoding="utf-8")
        tm_project.tm.import_file(path)
    assert [m.memory for m in tm_project.tm.lookup(C)] == ["two", "one"]  # newest first
    assert [m.memory for m in tm_project.tm.lookup(C, memories=["one"])] == ["one"]
    assert [m.memory for m in tm_project.tm.lookup("عقد المؤتمر", memories=["one"])] == ["one"]


def test_exact_scores_for_the_segment_list(tm_project: Project, tmp_path: Path) -> None:
    tm_project.tm.propagate = False
    first, second, third, fourth = ids(tm_project)
    path = tmp_path / "tm.tsv"
    path.write_text(f"{C}\tThe conference met in Cairo.\nعقد المؤتمر في القاهره\tX.\n",
                    encoding="utf-8")
    tm_project.tm.import_file(path, "old")
    tm_project.confirm(second, "And the Bolsheviks seized power.")
    assert tm_project.tm.exact_scores([first, second, third, fourth]) == {third: 100}
    tm_project.confirm(first, "The revolution broke out in Russia in 1917.")
    assert tm_project.tm.exact_scores([first, second, third, fourth]) == {third: 100, fourth: 100}


@pytest.mark.sqlite_only
def test_segments_confirmed_before_the_migration_join_the_memory(tmp_path: Path) -> None:
    import sqlite3

    from workbench.store.schema import MIGRATIONS, SCHEMA_VERSION
    from workbench.store.sqlite import sql_statements

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for statement in sql_statements(MIGRATIONS[0]):
        conn.execute(statement)
    stamp = "2024-01-01T00:00:00.000+00:00"
    conn.execute("INSERT INTO documents VALUES (1, 'doc', NULL, NULL, ?)", [stamp])
    conn.executemany(
        "INSERT INTO segments VALUES (?, 1, 1, ?, ?, ?, ?)",
        [(1, 1, A, "translated", stamp), (2, 2, B, "draft", stamp)],
    )
    conn.execute("INSERT INTO versions VALUES (1, 1, 'working', 'working', NULL, ?)", [stamp])
    conn.executemany(
        "INSERT INTO translations VALUES (?, 1, ?, ?)",
        [(1, "The revolution broke out.", stamp), (2, "A draft.", stamp)],
    )
    conn.execute(
        "INSERT INTO revisions (segment_id, at, author, action, new_text, new_status) "
        "VALUES (1, ?, 'layla', 'confirm', 'The revolution broke out.', 'translated')", [stamp]
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Project.open(path) as project:
        assert project.db.schema_version() == SCHEMA_VERSION
        (match,) = project.tm.lookup(A)
        assert (match.score, match.target, match.author) == (
            100, "The revolution broke out.", "layla"
        )


@pytest.mark.postgresql_only
def test_segments_confirmed_before_the_migration_join_the_memory_postgresql(
    backend: str, pg_database: str
) -> None:
    from workbench.store.location import ServerAddress, parse_location
    from workbench.store.postgres import _migrate_in_transaction, connect
    from workbench.store.schema import MIGRATIONS, SCHEMA_VERSION

    address = parse_location(pg_database)
    assert isinstance(address, ServerAddress)
    before = next(i for i, m in enumerate(MIGRATIONS) if "CREATE TABLE tm_memories" in m)
    db = connect(address)
    db.begin_write()
    _migrate_in_transaction(db, 0, before)  # the schema before the memory's migration
    stamp = "2024-01-01T00:00:00.000+00:00"
    db.execute("INSERT INTO documents VALUES (1, 'doc', NULL, NULL, ?)", [stamp])
    db.executemany(
        "INSERT INTO segments (id, document_id, paragraph, position, source, status, "
        "updated_at) VALUES (?, 1, 1, ?, ?, ?, ?)",
        [(1, 1, A, "translated", stamp), (2, 2, B, "draft", stamp)],
    )
    db.execute("INSERT INTO versions VALUES (1, 1, 'working', 'working', NULL, ?)", [stamp])
    db.executemany(
        "INSERT INTO translations VALUES (?, 1, ?, ?)",
        [(1, "The revolution broke out.", stamp), (2, "A draft.", stamp)],
    )
    db.execute(
        "INSERT INTO revisions (segment_id, at, author, action, new_text, new_status) "
        "VALUES (1, ?, 'layla', 'confirm', 'The revolution broke out.', 'translated')", [stamp]
    )
    db.advance_identities()
    db.commit()
    db.close()
    with Project.open(pg_database) as project:
        assert project.db.schema_version() == SCHEMA_VERSION
        (match,) = project.tm.lookup(A)
        assert (match.score, match.target, match.author) == (
            100, "The revolution broke out.", "layla"
        )
        assert project.tm.lookup(B) == []
        # the memory's triggers work on the migrated project
        project.tm.propagate = False
        project.confirm(2, "And the Bolsheviks seized power.")
        assert project.tm.lookup(B)[0].score == 100


def test_a_read_only_session_looks_up_without_writing(tm_project: Project) -> None:
    tm_project.tm.propagate = False
    first, second, *_ = ids(tm_project)
    tm_project.confirm(first, "The revolution broke out in Russia in 1917.")
    tm_project.tm.index_pending()  # on SQLite the confirmation did it; on PostgreSQL a lookup
    tm_project.save_draft(second, "And the Bolsheviks seized power.")
    tm_project.set_status(second, "translated")  # a unit waiting to be indexed
    with Project.open(tm_project.path, read_only=True) as viewer:
        assert [m.score for m in viewer.tm.lookup(A)] == [100]
        assert viewer.tm.lookup(B) == []  # the waiting unit: not matched until a writer comes
        assert viewer.tm.concordance("الثورة")[0].source == A
    assert tm_project.tm.lookup(B)[0].score == 100


def test_pretranslate_writes_other_tools_tags_as_the_segments(
    tm_project: Project, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>انتهت الحرب <b>أخيرا</b>.</p></body></html>", encoding="utf-8")
    tm_project.sources.import_file(page, "page")
    (segment,) = ids(tm_project, "page")
    assert tm_project.segment(segment).source == "انتهت الحرب <1>أخيرا</1>."
    memory = tmp_path / "omegat.tmx"
    memory.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="ar"/><body><tu>'
        '<tuv xml:lang="ar"><seg>انتهت الحرب <bpt i="1">&lt;b&gt;</bpt>أخيرا'
        '<ept i="1">&lt;/b&gt;</ept>.</seg></tuv><tuv xml:lang="en"><seg>The war '
        '<bpt i="1">&lt;b&gt;</bpt>finally<ept i="1">&lt;/b&gt;</ept> ended.</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    tm_project.tm.import_file(memory, "omegat")
    result = tm_project.tm.pretranslate("page")  # the same tags in the same places: 100
    assert (result.filled, result.by_band) == (1, {"100": 1})
    assert tm_project.segment(segment).target == "The war <1>finally</1> ended."


def test_a_tagged_segments_own_tmx_is_an_exact_match_again(
    tm_project: Project, tmp_path: Path
) -> None:
    """A project's TMX (tm export) read into another project with the same client document:
    its tagged segment is a 101% match again (its tags read back as {1} … {/1}, which are the
    segment's <1> … </1>), so pre-translation at its default 100% fills it. It was 95–99."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><p>عقد المؤتمر في القاهرة.</p><p>انتهت الحرب <b>أخيرا</b>.</p>"
        "<p>وانتهى الحكم القيصري.</p></body></html>", encoding="utf-8",
    )
    tm_project.sources.import_file(page, "page")
    english = ["The conference was held in Cairo.", "The war <1>finally</1> ended.",
               "And tsarist rule ended."]
    for segment, text in zip(ids(tm_project, "page"), english, strict=True):
        tm_project.confirm(segment, text, override_reason="test")
    exported = tmp_path / "project.tmx"
    tm_project.tm.export_file(exported, "project")
    with Project.open(tmp_path / "other.db", create=True, author="tester") as other:
        other.sources.import_file(page, "page")
        other.tm.import_file(exported, "previous")
        result = other.tm.pretranslate("page")
        assert (result.filled, result.by_band) == (3, {"101": 3})
        assert [other.segment(i).target for i in ids(other, "page")] == english


@pytest.mark.parametrize(("tool", "prev"), [
    # memoQ: the neighbour as an escaped <seg>, its tags TMX's codes
    ("memoQ", '<prop type="x-context-pre">&lt;seg&gt;انتهت الحرب &lt;bpt i="1"&gt;&amp;lt;b'
     '&amp;gt;&lt;/bpt&gt;أخيرا&lt;ept i="1"&gt;&amp;lt;/b&amp;gt;&lt;/ept&gt;.&lt;/seg&gt;'
     "</prop>"),
    # OmegaT (an alternative translation): the neighbour as text, its own tags in it
    ("OmegaT", '<prop type="prev">انتهت الحرب &lt;b0&gt;أخيرا&lt;/b0&gt;.</prop>'),
])
def test_a_tagged_neighbour_is_the_context_of_a_101_match(
    tm_project: Project, tmp_path: Path, tool: str, prev: str
) -> None:
    """A unit's context whose previous segment holds tags matches the segment's neighbour
    (<1> … </1>): 101. It was 100 (the neighbour's {1} or <b0> never equalled <1>)."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><p>انتهت الحرب <b>أخيرا</b>.</p><p>عقد المؤتمر في القاهرة.</p>"
        "</body></html>", encoding="utf-8",
    )
    tm_project.sources.import_file(page, "page")
    tm_project.tm.import_file(write(tmp_path / "context.tmx", f"""<tmx version="1.4">
<header creationtool="{tool}" srclang="ar"/><body><tu>{prev}
<tuv xml:lang="ar"><seg>عقد المؤتمر في القاهرة.</seg></tuv>
<tuv xml:lang="en"><seg>The conference was held in Cairo.</seg></tuv></tu></body></tmx>"""),
        "context")
    [unit] = tm_project.db.query(
        "SELECT context_prev FROM tm_units WHERE memory_id <> ?", [q_tm.PROJECT_MEMORY]
    )
    assert unit["context_prev"] == "انتهت الحرب {1}أخيرا{/1}."
    second = ids(tm_project, "page")[1]
    assert [m.score for m in tm_project.tm.segment_matches(second)] == [101]


def test_omegat_tags_written_as_text_are_tags(tm_project: Project, tmp_path: Path) -> None:
    """OmegaT's TMX holds its tags as text (&lt;b0&gt;): placeholders, as other tools' are."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>انتهت الحرب <b>أخيرا</b>.</p></body></html>", encoding="utf-8")
    tm_project.sources.import_file(page, "page")
    (segment,) = ids(tm_project, "page")
    memory = tmp_path / "project_save.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.1"><header creationtool="OmegaT" '
        'o-tmf="OmegaT TMX" srclang="AR" segtype="sentence"/><body><tu>'
        '<tuv lang="AR"><seg>انتهت الحرب &lt;b0&gt;أخيرا&lt;/b0&gt;.</seg></tuv>'
        '<tuv lang="EN-US"><seg>The war &lt;b0&gt;finally&lt;/b0&gt; ended.</seg></tuv></tu>'
        '<tu><tuv lang="AR"><seg>سطر&lt;x0/&gt;آخر</seg></tuv>'
        '<tuv lang="EN-US"><seg>Another&lt;x0/&gt;line</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    assert tm_project.tm.import_file(memory, "omegat").tags == 6
    units = tm_project.db.query("SELECT source, target FROM tm_units ORDER BY id")
    assert [(u["source"], u["target"]) for u in units] == [
        ("انتهت الحرب {1}أخيرا{/1}.", "The war {1}finally{/1} ended."),
        ("سطر{1/}آخر", "Another{1/}line"),
    ]
    (match,) = tm_project.tm.segment_matches(segment)
    assert match.score == 100  # the same words and tags, written otherwise
    tm_project.tm.insert_match(segment, match)
    assert tm_project.segment(segment).target == "The war <1>finally</1> ended."



def test_omegats_standalone_tag_without_a_slash_is_an_empty_placeholder(
    tm_project: Project, tmp_path: Path
) -> None:
    """OmegaT 3.6 writes an image as ``&lt;i1&gt;``, no slash: read as an opening ``{2}``
    that the segment's empty tag is not, the match's English was inserted with the
    placeholders as text ("See {1}the picture{/1} {2} below.")."""
    page = tmp_path / "img.html"
    page.write_text('<html><body><p>انظر <b>الصورة</b> <img src="a.png"> أدناه.</p></body></html>',
                    encoding="utf-8")
    tm_project.sources.import_file(page, "img")
    (segment,) = ids(tm_project, "img")
    memory = tmp_path / "project_save.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.1"><header creationtool="OmegaT" '
        'o-tmf="OmegaT TMX" srclang="ar" segtype="sentence"/><body><tu><tuv lang="ar"><seg>انظر '
        "&lt;b0&gt;الصورة&lt;/b0&gt; &lt;i1&gt; أدناه.</seg></tuv><tuv lang=\"en\"><seg>See "
        "&lt;b0&gt;the picture&lt;/b0&gt; &lt;i1&gt; below.</seg></tuv></tu></body></tmx>",
        encoding="utf-8",
    )
    tm_project.tm.import_file(memory, "omegat")
    (match,) = tm_project.tm.segment_matches(segment)
    assert match.target == "See {1}the picture{/1} {2/} below."
    tm_project.tm.insert_match(segment, match)
    assert tm_project.segment(segment).target == "See <1>the picture</1> <2/> below."


def test_an_index_made_under_another_normalisation_is_made_again(
    tm_project: Project, new_db: Any, tmp_path: Path
) -> None:
    from workbench.store.db import transaction
    from workbench.tm.tokens import index_stamp

    vocalised = "هذا شَيْءٌ سَيِّئٌ جدا."
    memory = tmp_path / "vocalised.tsv"
    memory.write_text(f"{vocalised}\tThis is a very bad thing.\n", encoding="utf-8")
    tm_project.tm.import_file(memory, "vocalised")
    first, *_ = ids(tm_project)
    tm_project.tm.propagate = False
    tm_project.confirm(first, "The revolution broke out in Russia in 1917.")
    assert tm_project.tm.lookup(A)[0].score == 100
    # as an older version indexed it: vocalised شَيْءٌ was شيء (plain شيء: شء), no stamp
    with transaction(tm_project.db):
        tm_project.db.execute("UPDATE tm_tokens SET token = 'شيء' WHERE token = 'شء'")
        tm_project.db.execute("UPDATE tm_state SET normalisation = NULL")
    with Project.open(new_db, author="tester") as project:
        assert [m.score for m in project.tm.lookup(vocalised)] == [100]
        assert project.tm.lookup("هذا شيء سيئ جدا.")[0].score == 98
        assert [h.source for h in project.tm.concordance("شيء")] == [vocalised]
        assert [(m.score, m.origin) for m in project.tm.lookup(A)] == [(100, "doc #1")]
        assert q_tm.index_stamp(project.db) == index_stamp()
