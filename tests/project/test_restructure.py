"""Alignment fixes in the Project service: merge, split, move a reference sentence, flags."""

from __future__ import annotations

from collections import Counter

import pytest

from workbench.errors import LockedError, NotFoundError, WorkbenchError
from workbench.project import Project
from workbench.store import restructure as q_restructure
from workbench.store import versions as q_versions

REF = "reference:main"

# A small document with a known alignment (the aligner's choices on the sample may change).
ARABIC = (
    "ذهب الولد إلى المدرسة. كانت السماء صافية. قرأ المعلم الدرس، ثم شرح القاعدة. "
    "عاد الجميع إلى البيت.\nوفي المساء اجتمعت العائلة. تحدثوا طويلا."
)
SENTENCES = [
    (1, "The boy went to school."), (1, "The sky was clear."),
    (1, "The teacher read the lesson."), (1, "Then he explained the rule."),
    (1, "Everyone went home."), (2, "In the evening the family met."),
    (2, "They talked for a long time."),
]
LINKS = [([0], [0]), ([1], [1]), ([2], [2, 3]), ([3], [4]), ([4], [5]), ([5], [6])]
CONFIDENCE = [0.9, 0.95, 0.4, 0.8, 0.3, 0.9]
WORKING = ["The boy went to school.", "The sky was clear.", "The teacher read the lesson.",
           "Everybody went home.", "", "They talked a long time."]


def aligned_doc(project: Project) -> list[int]:
    """Add document 'fix' with a reference:main of known links; its segment ids."""
    project.import_document_text(ARABIC, "fix")
    doc = project.document("fix")
    ids = [s.id for s in project.segments("fix")]
    assert len(ids) == 6
    with project.transaction():
        vid = q_versions.create_version(project.db, doc.id, REF, "reference", None)
        q_versions.store_alignment(project.db, vid, SENTENCES, ids, LINKS, CONFIDENCE)
        q_versions.put_translations(project.db, vid, [
            (ids[a], " ".join(SENTENCES[e][1] for e in en)) for ar, en in LINKS for a in ar
        ])
    for sid, text in zip(ids, WORKING, strict=True):
        if text:
            project.save_draft(sid, text)
    return ids


def check_consistent(project: Project) -> None:
    """The structural invariants every operation must keep, for every document and version."""
    for doc in project.documents():
        segs = project.segments(doc.name, 0, 1 << 30)
        assert [s.position for s in segs] == list(range(1, len(segs) + 1))
        paragraphs = [s.paragraph for s in segs]
        assert paragraphs == sorted(paragraphs)
        assert sorted(set(paragraphs)) == list(range(1, len(set(paragraphs)) + 1))
        ids = [s.id for s in segs]
        for name in project.versions(doc.name):
            vid = project.version_id(doc, name)
            links = q_versions.links(project.db, vid)
            if not links:
                continue
            assert [link["idx"] for link in links] == list(range(len(links)))
            members = Counter(sid for link in links for sid in link["segments"])
            assert sorted(members) == sorted(ids) and set(members.values()) == {1}
            # Links follow document order on both sides.
            order = [sid for link in links for sid in link["segments"]]
            assert order == ids
            rows = project.db.execute(
                "SELECT l.idx, se.idx FROM links l JOIN link_sentences lt ON lt.link_id = l.id "
                "JOIN sentences se ON se.id = lt.sentence_id WHERE l.version_id = ? "
                "ORDER BY l.idx, se.idx",
                [vid],
            ).fetchall()
            assert [s for _, s in rows] == sorted(s for _, s in rows)
            total = project.db.execute(
                "SELECT count(*) FROM sentences WHERE version_id = ?", [vid]
            ).fetchone()[0]
            assert len(rows) == total
            if name != "working":
                texts = q_versions.translations(project.db, vid)
                for link in links:
                    for sid in link["segments"]:
                        assert texts[sid] == " ".join(link["sentences"])


def snapshot(project: Project) -> tuple:
    db = project.db
    return tuple(
        tuple(db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall())
        for table in ("segments", "translations", "links", "link_segments", "link_sentences",
                      "revisions", "notes", "merged_segments")
    )


# merge -----------------------------------------------------------------------------------


def test_merge_joins_arabic_english_links_and_history(project: Project) -> None:
    ids = aligned_doc(project)
    a, b = project.segment(ids[2]), project.segment(ids[3])
    project.save_draft(ids[3], b.target + " (edited)")
    b_history = [r.id for r in project.history(ids[3])]
    a_history = [r.id for r in project.history(ids[2])]

    merged = project.merge_with_next(ids[2])

    assert merged.source == f"{a.source} {b.source}"
    assert merged.target == f"{a.target} {b.target} (edited)"
    assert merged.position == 3
    assert project.document("fix").segments == 5
    assert project.segment(ids[4]).position == 4
    with pytest.raises(NotFoundError):
        project.segment(ids[3])
    history = project.history(ids[2])
    assert [r.id for r in history[:-1]] == sorted(a_history + b_history)
    assert history[-1].action == "merge"
    assert history[-1].old_text == a.target and history[-1].new_text == merged.target
    link = project.link(ids[2], REF)
    assert link["sentences"] == [s for _, s in SENTENCES[2:5]]
    assert link["confidence"] == pytest.approx(0.4)  # the lower of the two
    assert project.version_text(ids[2], REF) == " ".join(s for _, s in SENTENCES[2:5])
    check_consistent(project)


def test_merge_status_is_least_advanced_and_capped(project: Project) -> None:
    project.confirm(3, project.segment(3).target)
    project.set_status(3, "approved")
    project.set_status(4, "reviewed")
    with pytest.raises(LockedError):  # approved is locked: merging needs an unlock first
        project.merge_with_next(3)
    project.unlock(3)
    assert project.merge_with_next(3).status == "translated"
    project.confirm(5, project.segment(5).target)
    assert project.merge_with_next(5).status == "draft"


def test_merge_empty_english_stays_new(project: Project) -> None:
    project.import_document_text("جملة أولى. جملة ثانية.", "other")
    first = project.segments("other")[0]
    merged = project.merge_with_next(first.id)
    assert merged.source == "جملة أولى. جملة ثانية."
    assert merged.status == "new" and merged.target == ""
    check_consistent(project)


def test_merge_refuses_the_last_segment_and_other_documents(project: Project) -> None:
    project.import_document_text("جملة أولى. جملة ثانية.", "other")
    last = project.segments("sample", 20, 5)[0]
    assert last.position == 21
    before = snapshot(project)
    with pytest.raises(WorkbenchError, match="last of document 'sample'"):
        project.merge_with_next(last.id)
    with pytest.raises(NotFoundError):
        project.merge_with_next(9999)
    assert snapshot(project) == before


def test_merge_across_a_paragraph_renumbers_emptied_paragraphs(project: Project) -> None:
    project.import_document_text("جملة أولى. جملة ثانية.\nعنوان وحيد\nفقرة ثالثة. وجملة.", "doc")
    segs = project.segments("doc")
    assert [s.paragraph for s in segs] == [1, 1, 2, 3, 3]
    merged = project.merge_with_next(segs[1].id)
    assert merged.source == "جملة ثانية. عنوان وحيد"
    assert [s.paragraph for s in project.segments("doc")] == [1, 1, 2, 2]
    # The sample: the first segment of paragraph 2 joins paragraph 1, which stays.
    project.merge_with_next(9)
    assert [s.paragraph for s in project.segments("sample", 8, 3)] == [1, 2, 2]
    check_consistent(project)


def test_merge_is_one_transaction(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(project)

    def boom(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(q_restructure, "shift_positions", boom)
    with pytest.raises(RuntimeError):
        project.merge_with_next(5)
    assert snapshot(project) == before


def test_a_merged_segment_id_names_the_segment_holding_its_history(project: Project) -> None:
    """`history 6` / `undo 6` after segment 6 was merged into 5 said only "no segment 6":
    the merge is recorded with it, and the error names segment 5 (and, after 5 was merged
    into 4, segment 4, which holds both histories now)."""
    project.merge_with_next(5)
    for read in (project.history, project.undo, project.segment):
        with pytest.raises(NotFoundError, match=r"no segment 6 .*: it was merged into segment "
                           r"5 on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(by tester\); its history is "
                           r"there: workbench history 5$"):
            read(6)
    project.merge_with_next(4)
    with pytest.raises(NotFoundError, match=r"merged into segment 5 on .*, and that into "
                       r"segment 4 since; .*workbench history 4$"):
        project.history(6)
    with pytest.raises(NotFoundError, match=r"no segment 5 .*merged into segment 4 on "):
        project.undo(5)
    with pytest.raises(NotFoundError, match=r"^no segment 9999 in \S+$"):
        project.history(9999)


def test_merge_keeps_notes_and_undo_does_not_reverse_it(project: Project) -> None:
    """Undo is about the English: after a merge it would give the two sentences' Arabic the
    first one's English alone, confirmed (and into the memory); it is refused, and says how."""
    project.add_note(2, "check this name")
    project.confirm(1, project.segment(1).target, override_reason="test")
    merged = project.merge_with_next(1)
    assert [n["text"] for n in project.notes(1)] == ["check this name"]
    with pytest.raises(WorkbenchError, match=r"segment 1: its last change was a merge.*split"):
        project.undo(1)
    assert project.segment(1) == merged
    first, second = project.split_segment(1, len(project.segment(1).source.split(". ")[0]) + 1)
    for part in (first, second):
        with pytest.raises(WorkbenchError, match=r"was a split.*merge it"):
            project.undo(part.id)


def test_a_merge_split_back_gives_each_part_its_acceptances(project: Project) -> None:
    """The second segment's QA overrides, moved to the merged segment, follow its English
    when the merge is split back where it joined (they stayed on the first, lost)."""
    segments = project.segments(limit=100)
    at = next(k for k, s in enumerate(segments) if "Congress of Councils" in s.target)
    first, second = segments[at], segments[at + 1]  # both with forbidden renderings
    project.add_override(first.id, "term-forbidden", None, "a quote")
    (accepted,) = project.add_override(second.id, "term-forbidden", None, "a quote too")
    project.merge_with_next(first.id)
    _, rest = project.split_segment(first.id, len(first.source) + 1, len(first.target) + 1)
    assert (project.segment(first.id).target, rest.target) == (first.target, second.target)
    assert [o.id for o in project.overrides() if o.segment_id == rest.id] == [accepted.id]
    for sid in (first.id, rest.id):
        assert not [f for f in project.check_segment(sid) if f.check == "term-forbidden"]


def test_merge_of_links_absorbs_english_only_links_between(project: Project) -> None:
    ids = aligned_doc(project)
    doc = project.document("fix")
    vid = project.version_id(doc, REF)
    # An English-only link (a sentence aligned to no segment) between segments 4 and 5.
    link4 = q_restructure.segment_links(project.db, ids[3])[vid]
    q_restructure.shift_links(project.db, vid, link4["idx"], 1)
    extra = q_restructure.insert_link(project.db, vid, link4["idx"] + 1, 0.2)
    project.db.execute("UPDATE sentences SET idx = -(idx + 1) WHERE version_id = ? AND idx > 4",
                       [vid])
    project.db.execute("UPDATE sentences SET idx = -idx WHERE version_id = ? AND idx < 0", [vid])
    sentence = project.db.insert(
        "INSERT INTO sentences (version_id, idx, paragraph, text) VALUES (?, 5, 1, 'Inserted.')",
        [vid],
    )
    project.db.execute("INSERT INTO link_sentences VALUES (?, ?)", [extra, sentence])
    check_consistent(project)

    project.merge_with_next(ids[3])

    link = project.link(ids[3], REF)
    assert link["sentences"] == ["Everyone went home.", "Inserted.",
                                 "In the evening the family met."]
    assert link["confidence"] == pytest.approx(0.2)
    check_consistent(project)


# split -----------------------------------------------------------------------------------


def test_split_then_merge_restores_the_arabic_exactly(project: Project) -> None:
    ids = aligned_doc(project)
    seg = project.segment(ids[0])
    cut = seg.source.index(" إلى")
    first, second = project.split_segment(ids[0], cut)
    assert first.source == "ذهب الولد"
    assert second.source == "إلى المدرسة."
    assert (first.position, second.position) == (1, 2)
    assert first.target == seg.target and second.target == ""
    assert second.status == "new" and first.status == "draft"
    assert project.document("fix").segments == 7
    assert project.segment(ids[1]).position == 3
    assert [r.action for r in project.history(second.id)] == ["split"]
    # A one-sentence reference link is shared by both halves.
    assert project.link(second.id, REF) == project.link(ids[0], REF)
    assert project.version_text(second.id, REF) == "The boy went to school."
    check_consistent(project)

    merged = project.merge_with_next(ids[0])
    assert merged.source == seg.source
    assert merged.target == seg.target
    assert project.link(ids[0], REF)["sentences"] == ["The boy went to school."]
    check_consistent(project)


def test_split_with_english_offset(project: Project) -> None:
    seg = project.segment(12)
    ar_cut = seg.source.index("،") + 1
    en_cut = seg.target.index(",") + 1
    first, second = project.split_segment(12, ar_cut, english_offset=en_cut)
    assert first.target == seg.target[:en_cut]
    assert second.target == seg.target[en_cut:].lstrip()
    assert first.status == second.status == "draft"
    assert project.history(second.id)[-1].new_text == second.target


def test_a_split_chosen_on_english_changed_since_splits_nothing(
    project: Project, sample_db: object
) -> None:
    """A split chosen in the TUI (English cut at the cursor) while another user changed the
    segment's English cut the new English at the old offset: 'Indeed, ' put in front moved
    the cut eight characters into the wrong words, the second part's English starting
    mid-clause. The English (and Arabic) the cut was chosen on is checked: changed since,
    nothing is split."""
    seg = project.segment(12)
    ar_cut = seg.source.index("،") + 1
    en_cut = seg.target.index(",") + 1
    with Project.open(sample_db, author="omar") as other:
        other.save_draft(12, "Indeed, " + seg.target)
    count = len(project.segments())
    for kwargs in ({"english": seg.target}, {"source": seg.source + " ", "english": None}):
        with pytest.raises(WorkbenchError, match="segment 12 was changed by omar since the "
                           "split was chosen: nothing was split"):
            project.split_segment(12, ar_cut, english_offset=en_cut, **kwargs)
    assert len(project.segments()) == count
    assert project.segment(12).target == "Indeed, " + seg.target
    # the English kept whole goes with the first part: the change meanwhile does not matter
    first, second = project.split_segment(12, ar_cut, source=seg.source, english=seg.target)
    assert (first.target, second.target) == ("Indeed, " + seg.target, "")


def test_split_divides_a_many_sentence_link(project: Project) -> None:
    ids = aligned_doc(project)
    seg = project.segment(ids[2])  # "قرأ المعلم الدرس، ثم شرح القاعدة." ↔ two sentences
    first, second = project.split_segment(ids[2], seg.source.index(" ثم"))
    assert first.source == "قرأ المعلم الدرس،" and second.source == "ثم شرح القاعدة."
    assert project.link(first.id, REF)["sentences"] == ["The teacher read the lesson."]
    assert project.link(second.id, REF)["sentences"] == ["Then he explained the rule."]
    assert project.version_text(second.id, REF) == "Then he explained the rule."
    assert project.link(second.id, REF)["confidence"] == pytest.approx(0.4)
    check_consistent(project)


@pytest.mark.parametrize("offset", [0, -1, 28, 100])
def test_split_refuses_bad_offsets(project: Project, offset: int) -> None:
    assert len(project.segment(2).source) == 28  # "هذا الادعاء كاذب حتى النخاع."
    before = snapshot(project)
    with pytest.raises(WorkbenchError, match="cannot split"):
        project.split_segment(2, offset)
    assert snapshot(project) == before


def test_split_at_a_space_drops_only_that_space(project: Project) -> None:
    first, second = project.split_segment(2, 3)
    assert (first.source, second.source) == ("هذا", "الادعاء كاذب حتى النخاع.")


def test_split_refuses_bad_english_offset(project: Project) -> None:
    before = snapshot(project)
    with pytest.raises(WorkbenchError, match="English"):
        project.split_segment(2, 5, english_offset=999)
    assert snapshot(project) == before


def test_split_of_an_approved_segment_needs_review_again(project: Project) -> None:
    project.confirm(7, project.segment(7).target)
    project.set_status(7, "approved")
    with pytest.raises(LockedError):
        project.split_segment(7, 10)
    project.unlock(7, "the cut was wrong")
    assert [n["kind"] for n in project.notes(7)] == ["unlock"]
    first, second = project.split_segment(7, 10)
    assert first.status == "translated" and second.status == "new"


# move a reference sentence ---------------------------------------------------------------


def test_move_sentence_next_and_back(project: Project) -> None:
    ids = aligned_doc(project)
    assert project.low_confidence_segments("fix", threshold=0.5) == {
        ids[2]: pytest.approx(0.4), ids[4]: pytest.approx(0.3)
    }
    before = project.segment(ids[2])

    this, nxt = project.move_reference_sentence(ids[2], REF, "next")
    assert this["sentences"] == ["The teacher read the lesson."]
    assert nxt["sentences"] == ["Then he explained the rule.", "Everyone went home."]
    assert project.version_text(ids[3], REF) == "Then he explained the rule. Everyone went home."
    assert project.version_text(ids[2], REF) == "The teacher read the lesson."
    assert this["confidence"] == nxt["confidence"] == 1.0
    assert list(project.low_confidence_segments("fix", threshold=0.5)) == [ids[4]]
    last = project.history(ids[2])[-1]
    assert last.action == "move-sentence"
    assert (last.old_text, last.new_text) == (before.target, before.target)
    assert project.segment(ids[2]) == before  # the working translation is untouched
    check_consistent(project)

    this, nxt = project.move_reference_sentence(ids[2], REF, "previous")
    assert this["sentences"] == ["The teacher read the lesson.", "Then he explained the rule."]
    assert nxt["sentences"] == ["Everyone went home."]
    check_consistent(project)


def test_move_sentence_across_a_paragraph(project: Project) -> None:
    ids = aligned_doc(project)
    this, nxt = project.move_reference_sentence(ids[3], REF, "previous")
    assert this["sentences"] == ["Everyone went home.", "In the evening the family met."]
    assert nxt["sentences"] == []
    assert project.version_text(ids[4], REF) == ""
    check_consistent(project)


@pytest.mark.parametrize("direction", ["next", "previous"])
def test_move_sentence_splits_a_shared_link(project: Project, direction: str) -> None:
    ids = aligned_doc(project)
    _, half = project.split_segment(ids[1], project.segment(ids[1]).source.index(" السماء"))
    assert project.link(half.id, REF) == project.link(ids[1], REF)  # one link, two segments
    # Pull both sentences of the next segment into the shared link.
    project.move_reference_sentence(half.id, REF, "previous")
    project.move_reference_sentence(half.id, REF, "previous")
    shared = ["The sky was clear.", "The teacher read the lesson.", "Then he explained the rule."]
    assert project.link(ids[1], REF)["sentences"] == shared
    assert project.link(ids[2], REF)["sentences"] == []
    check_consistent(project)

    this, nxt = project.move_reference_sentence(ids[1], REF, direction)
    keep = 2 if direction == "next" else 1
    assert this["sentences"] == shared[:keep] and nxt["sentences"] == shared[keep:]
    assert project.version_text(half.id, REF) == " ".join(shared[keep:])
    assert project.link(ids[2], REF)["sentences"] == []
    check_consistent(project)


def test_move_sentence_from_one_sentence_shared_link(project: Project) -> None:
    ids = aligned_doc(project)
    _, second = project.split_segment(ids[0], project.segment(ids[0]).source.index(" إلى"))
    this, nxt = project.move_reference_sentence(ids[0], REF, "next")
    assert this["sentences"] == [] and nxt["sentences"] == ["The boy went to school."]
    assert project.version_text(ids[0], REF) == ""
    check_consistent(project)
    this, nxt = project.move_reference_sentence(ids[0], REF, "previous")
    assert this["sentences"] == ["The boy went to school."] and nxt["sentences"] == []
    assert project.segment(second.id).position == 2
    check_consistent(project)


def _link_count(project: Project) -> int:
    vid = project.catalog.version_id(project.document("fix"), REF)
    return len(q_versions.alignment_state(project.db, vid)["links"])


@pytest.mark.parametrize("direction", ["previous", "next"])
def test_move_sentence_from_an_empty_link_joins_its_segment(
    project: Project, direction: str
) -> None:
    """A 2–1 link is made with the keys alone: once a segment's English has all gone to its
    neighbour, the same key takes the segment into that neighbour's link (it was refused:
    'has no English sentence to move', and only a merge of the Arabic could make the link)."""
    ids = aligned_doc(project)
    project.move_reference_sentence(ids[0], REF, "previous")  # 'The sky was clear.' up
    assert project.link(ids[1], REF)["sentences"] == []
    links = _link_count(project)

    if direction == "previous":  # ids[1] joins the link before it
        this, nxt = project.move_reference_sentence(ids[0], REF, "previous")
        holder, english = ids[0], ["The boy went to school.", "The sky was clear."]
    else:  # ids[1] joins the link after it
        this, nxt = project.move_reference_sentence(ids[1], REF, "next")
        holder, english = ids[2], ["The teacher read the lesson.", "Then he explained the rule."]

    assert this == nxt == project.link(holder, REF)
    assert this["sentences"] == english and this["confidence"] == 1.0
    assert project.version_text(ids[1], REF) == " ".join(english)
    assert _link_count(project) == links - 1
    assert project.segment(ids[1]).position == 2  # the Arabic is untouched
    check_consistent(project)


def test_undo_after_a_moved_sentence_undoes_the_edit_before_it(project: Project) -> None:
    """A moved reference sentence changes neither the English nor the status: undo passes
    over it (as over a lock) to the translator's edit, instead of 'restoring' nothing."""
    ids = aligned_doc(project)
    before = project.segment(ids[2]).target
    project.save_draft(ids[2], before + " (edited)")
    project.move_reference_sentence(ids[2], REF, "next")

    restored = project.undo(ids[2])

    assert restored.target == before
    assert project.history(ids[2])[-1].new_text == before


def test_move_sentence_refusals(project: Project) -> None:
    ids = aligned_doc(project)
    before = snapshot(project)
    with pytest.raises(WorkbenchError, match="last of document 'fix'"):
        project.move_reference_sentence(ids[5], REF, "next")
    with pytest.raises(WorkbenchError, match="working translation"):
        project.move_reference_sentence(ids[0], "working", "next")
    with pytest.raises(WorkbenchError, match="direction"):
        project.move_reference_sentence(ids[0], REF, "up")
    with pytest.raises(NotFoundError):
        project.move_reference_sentence(ids[0], "reference:other", "next")
    with pytest.raises(NotFoundError):
        project.move_reference_sentence(99999, REF, "next")
    assert snapshot(project) == before


# flags -----------------------------------------------------------------------------------


def test_low_confidence_segments(project: Project) -> None:
    ids = aligned_doc(project)
    assert project.low_confidence_segments("fix") == {
        ids[2]: pytest.approx(0.4), ids[4]: pytest.approx(0.3)
    }
    assert list(project.low_confidence_segments("fix", threshold=1.01)) == ids
    assert project.low_confidence_segments("fix", REF, threshold=0.35) == {
        ids[4]: pytest.approx(0.3)
    }
    with pytest.raises(NotFoundError):
        project.low_confidence_segments("fix", version="draft:none")
    with pytest.raises(NotFoundError):
        project.low_confidence_segments(doc="nope")
    # Every version of the sample counts by default: the lowest link of each segment.
    doc = project.document()
    lowest: dict[int, float] = {}
    for name in project.versions():
        for link in q_versions.links(project.db, project.version_id(doc, name)):
            for sid in link["segments"]:
                lowest[sid] = min(lowest.get(sid, 1.0), link["confidence"])
    expected = {sid: c for sid, c in lowest.items() if c < 0.5}
    assert project.low_confidence_segments() == pytest.approx(expected)


def working_only_doc(project: Project) -> list[int]:
    """Add document 'own', whose only English is a working translation of known links (no
    reference): segments 3 and 5 linked with low confidence."""
    project.import_document_text(ARABIC, "own")
    doc = project.document("own")
    ids = [s.id for s in project.segments("own")]
    with project.transaction():
        vid = project.version_id(doc, "working", create_working=True)
        q_versions.store_alignment(project.db, vid, SENTENCES, ids, LINKS, CONFIDENCE)
    for sid, (_ar, en) in zip(ids, LINKS, strict=True):
        project.save_draft(sid, " ".join(SENTENCES[e][1] for e in en))
    return ids


def test_confirming_clears_the_low_confidence_of_a_working_link(project: Project) -> None:
    """A document whose only English is the working translation: its low-confidence links
    (`~`, the 'low alignment confidence' filter) never cleared, Alt+N / Alt+P moving no
    working sentence and a confirmation leaving the flag, so the filter kept listing
    finished work. A segment confirmed (translated or further) vouches for its English:
    its working link no longer counts, and undoing the confirmation brings it back."""
    from workbench.project.views import ViewSpec

    ids = working_only_doc(project)
    doc = project.document("own")

    def flagged() -> tuple[list[int], list[int], list[int]]:
        rows = project.list_rows(doc, ids)
        return (list(project.low_confidence_segments("own")),
                project.view_ids(doc, ViewSpec(low_confidence=True), 0.5, 0.5),
                [r.id for r in rows if r.low_link(0.5)])

    assert flagged() == ([ids[2], ids[4]],) * 3
    project.confirm(ids[2], project.segment(ids[2]).target, override_reason="t")
    assert flagged() == ([ids[4]],) * 3
    project.review(ids[4], "approved", None)
    assert flagged() == ([],) * 3
    project.undo(ids[2])  # back to draft: unconfirmed, its link is in doubt again
    assert flagged() == ([ids[2]],) * 3
    # a reference's links are not the translator's to vouch for: they stay flagged
    aligned = aligned_doc(project)
    project.confirm(aligned[2], project.segment(aligned[2]).target, override_reason="t")
    assert aligned[2] in project.low_confidence_segments("fix", REF)
