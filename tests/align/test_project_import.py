"""Importing a translation into a project uses the aligner, with the project's glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.align import Alignment, align_paragraphs
from workbench.project import Project
from workbench.project.importing import (
    JOINED,
    _unmatched_warning,
    place_unmatched,
    read_translation,
)
from workbench.project.sample import bundled, new_project


def test_the_sample_reference_is_stored_with_the_aligners_links(project: Project) -> None:
    segs = project.segments(None, 0, 100)
    assert len(segs) == 21
    two = project.link(segs[15].id, "reference:main")
    assert two is not None
    assert two["sentences"][-1] == "The article says:"
    assert len(two["sentences"]) == 2
    confidences = [project.link(s.id, "reference:main")["confidence"] for s in segs]
    assert all(0.5 < c <= 1 for c in confidences)


def test_import_passes_the_project_glossary(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.project.importing as importing

    seen: dict[str, object] = {}
    real = importing.align_paragraphs

    def spy(ar, en, *, glossary=None, **lexical):  # type: ignore[no-untyped-def]
        seen["glossary"] = glossary
        return real(ar, en, glossary=glossary, **lexical)

    monkeypatch.setattr(importing, "align_paragraphs", spy)
    unrelated = tmp_path / "unrelated.en.txt"
    unrelated.write_text(
        " ".join(f"Sentence {k} talks about the weather in Oslo and the price of fish." for k
                 in range(30)) + "\n", encoding="utf-8")
    doc = project.segments(None, 0, 1)[0]
    name = project.document_by_id(doc.document_id).name
    report = project.import_translation(unrelated, name, "reference", "other")
    glossary = seen["glossary"]
    assert glossary is not None and len(glossary) >= 30  # type: ignore[arg-type]
    assert report.links > 0


def test_an_english_sentence_matching_no_segment_joins_a_neighbour_and_is_reported(
    project: Project, tmp_path: Path
) -> None:
    """A sentence the translator added (an 0–1 link) is not lost: it joins the translation of
    the segment before it, and the import says so, naming both."""
    reference = bundled("translations/reference.en.txt")
    paragraphs = reference.read_text(encoding="utf-8").split("\n")
    paragraphs[1] += (" The committee, which last met in Geneva in the spring of 2016, will meet"
                      " again in Vienna next year to review the budget and the staff rules.")
    inserted = tmp_path / "inserted.en.txt"
    inserted.write_text("\n".join(paragraphs), encoding="utf-8")
    segs = project.segments(None, 0, 100)
    name = project.document_by_id(segs[0].document_id).name
    report = project.import_translation(inserted, name, "reference", "inserted")
    said = [w for w in report.warnings if "matched no Arabic segment" in w]
    assert len(said) == 1 and said[0].startswith("1 English sentence")
    assert "Geneva" in said[0]
    holder = [s for s in segs if any("Geneva" in x for x in (
        project.link(s.id, "reference:inserted") or {}).get("sentences", []))]
    assert len(holder) == 1
    assert said[0].endswith(f"(in segment {holder[0].position}))")
    before = project.link(holder[0].id, "reference:main")
    assert before is not None and not any("Geneva" in x for x in before["sentences"])
    joined = project.link(holder[0].id, "reference:inserted")
    assert joined is not None and joined["confidence"] < 0.5  # flagged for the reviewer
    plain = project.import_translation(reference, name, "reference", "plain")
    assert not any("matched no Arabic segment" in w for w in plain.warnings)


def test_an_english_of_the_beginning_only_is_said_to_end_early(new_db: Any) -> None:
    """Sixty NTREX lines and the English of their first thirty: the last thirty segments stay
    without English, and the import says where the English ends (it said "unchanged", as
    for segments whose English was kept)."""
    from tests.align.test_aligner import AR, EN
    from workbench.project.importing import _ends

    with Project.open(new_db, create=True) as project:
        project.import_document_text("\n".join(AR[:60]), "news")
        report = project.import_translation_text("\n".join(EN[:30]), "news", "working")
        assert report.warnings == [
            "the English ends at segment 30 of 60: segments 31–60 have no English in this file "
            "(a translation of the beginning only?)"]
        assert report.fill is not None and report.fill.describe().startswith("filled 30,")
    assert _ends([([0], [0]), ([1], []), ([2], [])], 0) == (0, 0)  # two: not said
    assert _ends([([0], []), ([1], []), ([2], [])], 0) == (0, 0)  # none: relatedness
    assert _ends([([0], []), ([1], []), ([2], []), ([3], [0])], 0) == (3, 0)


def test_the_english_of_a_longer_text_leaves_its_surplus_out(new_db: Any) -> None:
    """NTREX lines 20-39 and the English of lines 0-59: each segment gets its own sentence,
    and the English before and after the Arabic is left out, said (the aligner stretched
    the Arabic's first and last lines over it; an English end it left unlinked was joined to
    the last segment's translation). Stored as a reference, its sentences are those kept."""
    from tests.align.test_aligner import AR, EN

    with Project.open(new_db, create=True) as project:
        project.import_document_text("\n".join(AR[20:40]), "news")
        report = project.import_translation_text("\n".join(EN[:60]), "news", "working")
        assert report.sentences == 60
        assert report.warnings == [
            "the Arabic starts at English sentence 21 of 60: sentences 1–20 match no segment of "
            "the document and are left out (the translation of a longer text?)",
            "the Arabic ends at English sentence 40 of 60: sentences 41–60 match no segment of "
            "the document and are left out (the translation of a longer text?)"]
        segments = project.segments("news")
        assert [s.target for s in segments] == EN[20:40]
        project.import_translation_text("\n".join(EN[:60]), "news", "reference")
        assert [project.link(s.id, "reference:main")["sentences"] for s in segments] == [
            [e] for e in EN[20:40]]


def test_an_english_of_a_later_part_only_is_said_to_start_late(new_db: Any) -> None:
    """Sixty NTREX lines and the English of the last thirty: the first thirty segments stay
    without English (they were stretched over the English's first lines), said."""
    from tests.align.test_aligner import AR, EN

    with Project.open(new_db, create=True) as project:
        project.import_document_text("\n".join(AR[:60]), "news")
        report = project.import_translation_text("\n".join(EN[30:60]), "news", "working")
        assert report.warnings == [
            "the English starts at segment 31 of 60: segments 1–30 have no English in this "
            "file (a translation of a later part?)"]
        assert [s.target for s in project.segments("news")] == [""] * 30 + EN[30:60]


def test_a_second_translators_part_leaves_the_first_ones_english_alone(new_db: Any) -> None:
    """Two translators' halves imported one after the other: the second half's import said
    "segments 1–30 have no English in this file" and emptied them, the first translator's
    English gone (back to new) with "replaced 30" in the report."""
    from tests.align.test_aligner import AR, EN

    with Project.open(new_db, create=True) as project:
        project.import_document_text("\n".join(AR[:60]), "news")
        project.import_translation_text("\n".join(EN[:30]), "news", "working")
        report = project.import_translation_text("\n".join(EN[30:60]), "news", "working")
        assert report.fill is not None
        assert report.fill.describe() == "filled 30, replaced 0, unchanged 30"
        segments = project.segments("news")
        assert [s.target for s in segments] == EN[:60]
        assert {s.status for s in segments} == {"draft"}
        # and the first half again, over the whole: the second half stays too
        project.import_translation_text("\n".join(EN[:30]), "news", "working")
        assert [s.target for s in project.segments("news")] == EN[:60]


def test_an_english_of_one_part_keeps_the_drafts_of_the_other(new_db: Any) -> None:
    """Drafts typed on the first thirty of sixty segments, then the English of the last thirty
    imported as working: the drafts stay (the file has no English for them); they were
    replaced with nothing, the segments set back to new ("replaced 2")."""
    from tests.align.test_aligner import AR, EN

    with Project.open(new_db, create=True) as project:
        project.import_document_text("\n".join(AR[:60]), "news")
        first, second = project.segments("news", limit=2)
        project.save_draft(first.id, "A draft of mine.")
        project.save_draft(second.id, EN[1])
        report = project.import_translation_text("\n".join(EN[30:60]), "news", "working")
        assert report.fill is not None and report.fill.replaced == 0
        segments = project.segments("news")
        assert [s.target for s in segments[:3]] == ["A draft of mine.", EN[1], ""]
        assert [s.status for s in segments[:2]] == ["draft", "draft"]
        assert [s.target for s in segments[30:]] == EN[30:60]


def _links(*pairs: tuple[list[int], list[int]]) -> Alignment:
    return Alignment(list(pairs), [0.9, 0.4, 0.8, 0.7, 0.6][: len(pairs)])


def test_a_joined_link_is_flagged() -> None:
    out, _ = place_unmatched(Alignment([([0], [0]), ([], [1])], [0.99, 0.97]), [0, 0])
    assert out.links == [([0], [0, 1])] and out.confidence == [JOINED]


def test_unmatched_english_joins_the_link_before_in_its_paragraph() -> None:
    out, placed = place_unmatched(_links(([0], [0]), ([], [1]), ([1], [2])), [0, 0, 0])
    assert out.links == [([0], [0, 1]), ([1], [2])]
    assert out.confidence == [0.4, 0.8]  # the lower of the two, at most JOINED
    assert placed == {1: 0}


def test_unmatched_english_joins_the_link_after_across_a_paragraph_end() -> None:
    # sentence 1 opens paragraph 1: the link before ends paragraph 0
    out, placed = place_unmatched(_links(([0], [0]), ([], [1]), ([1], [2])), [0, 1, 1])
    assert out.links == [([0], [0]), ([1], [1, 2])]
    assert placed == {1: 1}


def test_an_arabic_segment_without_english_takes_the_sentence_next_to_it() -> None:
    out, placed = place_unmatched(_links(([0], [0]), ([1], []), ([], [1]), ([], [2])),
                                  [0, 0, 0])
    assert out.links == [([0], [0]), ([1], [1, 2])]
    assert placed == {1: 1, 2: 1}


def test_english_with_no_neighbour_to_take_it_stays_on_its_own() -> None:
    out, placed = place_unmatched(_links(([], [0]), ([], [1])), [0, 0])
    assert out.links == [([], [0, 1])]
    assert placed == {0: None, 1: None}


def test_a_run_of_unmatched_english_joins_the_link_after_it_as_a_whole() -> None:
    """A paragraph's first sentences matched nothing (no link before in the paragraph): the
    whole run goes to the link after it, none is left out."""
    out, placed = place_unmatched(_links(([], [0]), ([], [1]), ([0], [2]), ([1], [3])),
                                  [0, 0, 0, 0])
    assert out.links == [([0], [0, 1, 2]), ([1], [3])]
    assert placed == {0: 0, 1: 0}


def test_the_report_says_where_each_unmatched_sentence_went() -> None:
    sentences = [(1, "First."), (1, "Second, added."), (2, "Third, alone.")]
    assert _unmatched_warning({1: 0}, sentences) == (
        "1 English sentence matched no Arabic segment: joined to the translation of the "
        "nearest segment, to be checked (sentence 2: Second, added. (in segment 1))")
    alone = _unmatched_warning({2: None}, sentences)
    assert alone.startswith("1 English sentence matched no Arabic segment: left out of every")
    assert "3: Third, alone. (in no segment)" in alone


def test_a_sentence_alone_in_its_paragraph_joins_the_nearest_link() -> None:
    """A sentence-per-line translation: every sentence is a paragraph of its own, so an
    unmatched one has no link of its paragraph beside it; it joins the link before (the
    first link: the link after), not lost."""
    out, placed = place_unmatched(_links(([0], [0]), ([], [1]), ([1], [2])), [0, 1, 2])
    assert out.links == [([0], [0, 1]), ([1], [2])] and placed == {1: 0}
    out, placed = place_unmatched(_links(([], [0]), ([0], [1])), [0, 1])
    assert out.links == [([0], [0, 1])] and placed == {0: 0}


def test_sentences_alone_in_their_paragraphs_keep_their_order_in_the_link_they_join() -> None:
    """Several unmatched lines of a sentence-per-line translation before the first link each
    join it: in the text's order (each went before the last: the English came reversed)."""
    out, placed = place_unmatched(
        _links(([], [0]), ([], [1]), ([], [2]), ([0], [3]), ([1], [4])), [0, 1, 2, 3, 4])
    assert out.links == [([0], [0, 1, 2, 3]), ([1], [4])]
    assert placed == {0: 0, 1: 0, 2: 0}


def test_the_import_names_a_sentence_left_out_of_the_translation(tmp_path: Path) -> None:
    """News lines, a few left out of the English: the aligner merges Arabic line 124 (which
    the English leaves out) into its neighbour's link; the import flags that link and says
    which segment looks left out, and that the left-out sentence keeps its place through
    `place_unmatched`."""
    from bench.align import merged_set

    ar, en, gold = merged_set("tico19", seed=101, p_drop=0.05)
    assert ((124,), ()) in gold
    (tmp_path / "doc.txt").write_text("\n".join(ar), encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(en), encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True) as project:
        project.import_document(tmp_path / "doc.txt", "doc")
        report = project.import_translation(tmp_path / "en.txt", "doc", "reference",
                                            presegmented=True)
        segments = project.segments("doc", 0, 1000)
    said = [w for w in report.warnings if "left out of the other text" in w]
    assert len(said) == 1 and said[0].startswith("1 sentence looks")
    number = int(said[0].split("segment ")[1].split(":")[0])
    assert segments[number - 1].source == ar[124]
    assert report.low_confidence >= 1


def test_left_out_sentences_follow_their_indices() -> None:
    shifted = Alignment([([0, 1], [0])], [0.4], left_out=[("ar", 1)]).shifted(5, 7)
    assert shifted.left_out == [("ar", 6)]
    placed, _ = place_unmatched(Alignment([([0, 1], [0]), ([], [1])], [0.4, 0.9],
                                          left_out=[("ar", 1)]), [0, 0])
    assert placed.left_out == [("ar", 1)]


def test_a_translation_delivered_as_docx_or_html_aligns_as_its_text_does(
    project: Project, tmp_path: Path
) -> None:
    """A translator's DOCX (formatting inside words and sentences) or HTML page gives the
    same links as the same English as text; a bilingual XLIFF is refused, naming the file."""
    import docx

    from workbench.errors import InputError
    from workbench.tui.screens.importer import ImportRequest, run_import

    paragraphs = bundled("translations/reference.en.txt").read_text(encoding="utf-8").split("\n")
    paragraphs = [p for p in paragraphs if p.strip()]
    document = docx.Document()
    for k, text in enumerate(paragraphs):
        para = document.add_paragraph()
        cut = len(text) // 3  # a bold run starting mid-word, as edits leave them
        para.add_run(text[:cut])
        para.add_run(text[cut : cut + 7]).bold = True
        para.add_run(text[cut + 7 :])
        if k == 0:
            para.style = document.styles["Heading 1"]
    section = document.sections[0]  # a letterhead the Arabic (plain text) has none of
    section.header.paragraphs[0].text = "ACME Translations - Confidential"
    section.footer.paragraphs[0].text = "Translated by R. Haddad, 2026"
    document.save(tmp_path / "delivery.docx")
    html = "".join(f"<p>{p[:10]}<i>{p[10:20]}</i>{p[20:]}</p>\n" for p in paragraphs)
    (tmp_path / "delivery.html").write_text(
        f"<html><body><h1>x</h1>{html}</body></html>".replace("<h1>x</h1>", ""),
        encoding="utf-8")
    # LibreOffice's HTML of a text document: one <pre>, a paragraph a line
    (tmp_path / "pre.html").write_text(
        "<html><body><pre>" + "\n".join(paragraphs) + "</pre></body></html>", encoding="utf-8")
    name = project.document_by_id(project.segments(None, 0, 1)[0].document_id).name
    segs = project.segments(None, 0, 100)
    main = [project.link(s.id, "reference:main") for s in segs]
    for fmt, file in (("docx", "delivery.docx"), ("html", "delivery.html"), ("pre", "pre.html")):
        # the import dialog's way: an HTML page is no bilingual (round-trip) file
        report = run_import(project, ImportRequest("translation", tmp_path / file, name,
                                                   "reference", fmt))
        assert report.sentences == sum(len(m["sentences"]) for m in main if m), fmt
        got = [project.link(s.id, f"reference:{fmt}") for s in segs]
        assert [g and g["sentences"] for g in got] == [m and m["sentences"] for m in main], fmt
        left = [w for w in report.warnings if w.startswith("left out of")]
        assert left == (["left out of delivery.docx: 1 header, 1 footer block(s), of kinds the "
                         f"document {name!r} has none of"] if fmt == "docx" else []), fmt
    # a document imported from a DOCX with a header keeps the translation's header
    text, skipped = read_translation(tmp_path / "delivery.docx", frozenset({"header"}))
    assert "ACME Translations" in text and "R. Haddad" not in text and skipped == ["footer"]
    assert paragraphs[0] in text  # every body block kept, whatever kinds the document has
    xliff = tmp_path / "other.xlf"
    xliff.write_text('<?xml version="1.0"?><xliff version="1.2"/>', encoding="utf-8")
    with pytest.raises(InputError, match=r"other\.xlf"):
        project.import_translation(xliff, name, "reference", "x")
    tmx = tmp_path / "memory.tmx"  # not an XLIFF, but bilingual all the same
    tmx.write_text('<?xml version="1.0"?><tmx version="1.4"><header/><body/></tmx>',
                   encoding="utf-8")
    with pytest.raises(InputError, match=r"memory\.tmx: a TMX file"):
        project.import_translation(tmx, name, "reference", "x")


def test_a_line_break_or_tab_of_an_english_document_parts_its_words(tmp_path: Path) -> None:
    """A delivery's line break between two sentences (Word's Shift+Enter) is a space: they
    were read as 'NATO.Macedonian', one sentence the aligner gave one segment."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    para = document.add_paragraph()
    para.add_run("It objected to its bids for the EU and NATO.")
    para.add_run().add_break(WD_BREAK.LINE)
    para.add_run("Macedonian President Gjorge Ivanov said he will disregard the vote.")
    tabbed = document.add_paragraph()
    tabbed.add_run("Total")
    tabbed.add_run().add_tab()
    tabbed.add_run("12 votes")
    noted = document.add_paragraph("A word")
    noted.add_run().add_break(WD_BREAK.PAGE)
    noted.add_run("next page.")
    document.save(tmp_path / "delivery.docx")
    text, _ = read_translation(tmp_path / "delivery.docx")
    assert text.split("\n") == [
        "It objected to its bids for the EU and NATO. Macedonian President Gjorge Ivanov "
        "said he will disregard the vote.", "Total 12 votes", "A word next page."]
    md = tmp_path / "delivery.md"
    md.write_text("the EU and NATO.  \nMacedonian President\\\nsaid so.\n", encoding="utf-8")
    assert read_translation(md)[0] == "the EU and NATO. Macedonian President said so."


def test_an_english_pages_title_is_left_out_unless_the_document_has_titles(
    tmp_path: Path,
) -> None:
    """pandoc's standalone HTML gives a page without a title the file's name (``<title>en
    </title>``), and one with a title both a ``<title>`` and an ``<h1>``: read as a paragraph,
    that title went into the first segment's English ('en Welsh AMs worried …'). An HTML
    document imported with its ``<title>`` keeps the English one."""
    page = tmp_path / "en.html"
    page.write_text("<html><head><title>en</title></head><body><p>The vote was held today."
                    "</p></body></html>", encoding="utf-8")
    text, skipped = read_translation(page)
    assert (text, skipped) == ("The vote was held today.", ["title"])
    text, skipped = read_translation(page, frozenset({"title"}))
    assert (text, skipped) == ("en\nThe vote was held today.", [])
    arabic = tmp_path / "ar.txt"
    arabic.write_text("أجري التصويت اليوم.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.import_document(arabic, "vote")
        report = project.import_translation(page, "vote", "reference")
        seg = project.segments("vote", 0, 1)[0]
        assert project.link(seg.id, "reference:main")["sentences"] == [
            "The vote was held today."]
    assert report.warnings == ["left out of en.html: 1 title block(s), of kinds the document "
                               "'vote' has none of"]


def test_segments_inside_the_document_without_english_are_named(new_db: Any) -> None:
    """Sixty NTREX lines and their English less one sentence: the aligner links a segment
    to no English, and the import said nothing of it (a sentence the translator left out,
    or English put one segment off), only the ends of a partial translation."""
    from tests.align.test_aligner import AR, EN

    with Project.open(new_db, create=True) as project:
        project.import_document_text("\n".join(AR[:60]), "news")
        english = "\n".join(EN[:30] + EN[31:60])
        report = project.import_translation_text(english, "news", "reference")
        empty = [s.position for s in project.segments("news")
                 if not (project.link(s.id, "reference:main") or {}).get("sentences")]
        assert empty == [31]
        said = [w for w in report.warnings if "no English in this file" in w]
        assert said == [f"1 segment has no English in this file (left out of the translation, "
                        f"or its English on a neighbour?): segment {empty[0]}: "
                        f"{AR[empty[0] - 1][:50]}…"]
        whole = project.import_translation_text("\n".join(EN[:60]), "news", "draft")
        assert not any("no English in this file" in w for w in whole.warnings)
        half = project.import_translation_text("\n".join(EN[:30]), "news", "draft", "half")
        assert [w for w in half.warnings if "no English in this file" in w] == [
            "the English ends at segment 30 of 60: segments 31–60 have no English in this file "
            "(a translation of the beginning only?)"]  # said once, as the end


def test_the_flagged_links_warning_counts_the_confidences_the_import_stores(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An English sentence joined to a neighbour flags that link after the aligner: the
    warning of mostly flagged links counts it (16 of 21 flagged, below the share warned of,
    become 17 of 21)."""
    import workbench.project.importing as importing
    from workbench.align.aligner import _warn_mostly_flagged

    segs = project.segments(None, 0, 100)
    name = project.document_by_id(segs[0].document_id).name
    links = [([k], [k]) for k in range(10)] + [([], [10])] + [([k], [k + 1])
                                                              for k in range(10, 21)]
    # links 0-3 and 9 (joined by the sentence after it) not flagged
    confidence = [0.9] * 4 + [0.1] * 5 + [0.9] + [0.1] * 12

    def aligned(ar, en, *, warn_flagged=True, **lexical):  # type: ignore[no-untyped-def]
        result = Alignment([(list(a), list(e)) for a, e in links], list(confidence))
        if warn_flagged:  # as the aligner does
            _warn_mostly_flagged(result)
        return result

    monkeypatch.setattr(importing, "align_paragraphs", aligned)
    english = "\n".join(f"Sentence number {k} of the English is here." for k in range(22))
    report = project.import_translation_text(english, name, "reference", "joined",
                                             presegmented=True)
    stored = [project.link(s.id, "reference:joined")["confidence"] for s in segs]
    assert sum(c < 0.5 for c in stored) == 17
    assert [w for w in report.warnings if "links are flagged" in w] == [
        "17 of 21 links are flagged (confidence below 0.5): the texts may not translate each "
        "other, or one translates only a part of the other"]


def test_a_long_free_translation_imported_is_aligned_in_windows(tmp_path: Path) -> None:
    """corpora/hayy and hayy2 (consecutive passages of one translation) imported as one
    document and one translation: hayy2's segments take the English they get alone."""
    from bench.align import DATA, paragraph_files

    for lang in ("ar", "en"):
        (tmp_path / f"book.{lang}.txt").write_text("".join(
            (DATA / name / f"{lang}_paragraphs.txt").read_text(encoding="utf-8")
            for name in ("hayy", "hayy2")), encoding="utf-8")
    ar, en = paragraph_files("hayy2")
    alone = align_paragraphs(ar, en)
    sentences = [s for p in en for s in p]
    offset = sum(map(len, paragraph_files("hayy")[0]))
    with new_project(tmp_path / "book.db") as project:
        project.import_document(tmp_path / "book.ar.txt", "book")
        project.import_translation(tmp_path / "book.en.txt", "book", "reference", "ockley")
        segs = project.segments("book", 0, 1000)
        assert len(segs) == offset + sum(map(len, ar))
        kept = sum(all((project.link(segs[offset + i].id, "reference:ockley") or {}).get(
            "sentences") == [sentences[j] for j in e] for i in a)
            for a, e in alone.links if a and e)
    # (aligned as one text, not in windows: 40 of its 52 two-sided links; in windows, 47)
    assert kept >= 45, (kept, sum(1 for a, e in alone.links if a and e))
