"""The queries behind the segment list: rows by id, first open segment, search, filters."""

from __future__ import annotations

from tests.tui.conftest import join_first_two
from workbench.store import search as q
from workbench.store.documents import segment_ids


def ids_of(project):
    doc = project.document()
    return doc, project.working_id(doc)


def test_rows_by_ids_keep_the_order_asked_and_carry_confidence(project):
    doc, working = ids_of(project)
    ref = project.version_id(doc, "reference:main")
    rows = q.rows_by_ids(project.db, [3, 1, 2], working, ref)
    assert [r["id"] for r in rows] == [3, 1, 2]
    assert rows[1]["target"] == project.segment(1).target
    assert all(0 <= r["confidence"] <= 1 for r in rows)
    assert segment_ids(project.db, doc.id) == list(range(1, 22))


def test_first_with_status(project):
    doc, _ = ids_of(project)
    assert q.first_with_status(project.db, doc.id, ("new", "draft")) == 1
    project.confirm(1, project.segment(1).target)
    assert q.first_with_status(project.db, doc.id, ("new", "draft")) == 2
    assert q.first_with_status(project.db, doc.id, ("approved",)) is None


def test_arabic_search_is_normalised(project):
    doc, working = ids_of(project)
    exact = q.search_ids(project.db, doc.id, working, "الانتفاضة")
    assert 9 in exact
    # ta marbuta written as ha, hamza dropped, diacritics and tatweel added: same hits.
    assert q.search_ids(project.db, doc.id, working, "الانتفاضه") == exact
    assert q.search_ids(project.db, doc.id, working, "الاِنْتِفـاضَة") == exact
    assert q.search_ids(project.db, doc.id, working, "كيرينسكي") == [4, 9]


def test_english_search_is_case_insensitive(project):
    doc, working = ids_of(project)
    assert q.search_ids(project.db, doc.id, working, "KERENSKI") == [4]
    assert q.search_ids(project.db, doc.id, working, "bolshevik") == q.search_ids(
        project.db, doc.id, working, "Bolshevik"
    )
    assert q.search_ids(project.db, doc.id, working, "   ") == []


def test_filters_combine(project):
    doc, working = ids_of(project)
    ref = project.version_id(doc, "reference:main")
    project.confirm(2, project.segment(2).target)
    assert q.filter_ids(project.db, doc.id, statuses=["translated"]) == [2]
    project.db.execute("UPDATE links SET confidence = 0.9")
    project.db.execute(
        "UPDATE links SET confidence = 0.1 WHERE id IN (SELECT link_id FROM link_segments "
        "WHERE segment_id IN (2, 5))"
    )
    low = q.filter_ids(project.db, doc.id, link_version_id=ref, confidence_below=0.5)
    assert low == [2, 5]
    both = q.filter_ids(
        project.db, doc.id, statuses=["draft"], link_version_id=ref, confidence_below=0.5
    )
    assert both == [5]
    assert not q.has_scores(project.db, working)
    assert q.filter_ids(project.db, doc.id, score_version_id=working, chrf_below=50) == []


def test_a_joined_segments_row_names_where_its_english_is(project):
    doc, working = join_first_two(project)
    rows = q.rows_by_ids(project.db, [1, 2, 3], working, working)
    assert [r["joined_to"] for r in rows] == [None, 1, None]
    assert [r.joined_to for r in project.list_rows(doc, [2, 3])] == [1, None]
