"""Scoring project versions through the stored alignment; runs and per-segment scores stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from workbench.errors import NotFoundError, WorkbenchError
from workbench.glossary.enforce import check_terms
from workbench.glossary.matcher import TermMatcher
from workbench.project import Project
from workbench.store import versions as q_versions


def test_score_the_sample_and_store_the_run(project: Project) -> None:
    units, drafts, refs = project.scoring_units()
    assert drafts == ["working"] and refs == ["reference:main"] and len(units) == 21
    report = project.score()
    system = report.systems[0]
    hyps = [u.texts["working"] for u in units]
    ref = [u.texts["reference:main"] for u in units]
    for key, metric in (("bleu", BLEU()), ("chrf", CHRF(word_order=2)), ("ter", TER())):
        assert system.metrics[key].score == pytest.approx(metric.corpus_score(hyps, [ref]).score)
    scores = project.segment_scores()
    assert len(scores) == 21
    first = units[0].segment_ids[0]
    assert scores[first]["chrf"] == pytest.approx(system.segments[0].chrf)
    history = project.score_history()
    assert len(history) == 1
    run = history[0]
    assert run["version"] == "working" and run["refs"] == ["reference:main"]
    assert run["results"]["bleu"]["score"] == pytest.approx(system.bleu.score, abs=1e-4)
    assert run["results"]["bleu"]["signature"] == system.bleu.signature
    assert project.last_score()["id"] == run["id"]
    project.score(store=False)
    assert len(project.score_history()) == 1


def test_terminology_accuracy_uses_the_project_glossary(project: Project) -> None:
    report = project.score(store=False)
    terms = report.systems[0].terms
    units, _, _ = project.scoring_units()
    matcher = TermMatcher(project.glossary())
    reports = [check_terms(matcher, u.source, u.texts["working"]) for u in units]
    assert terms.occurrences == sum(r.occurrences for r in reports) > 0
    assert terms.rendered == sum(r.rendered for r in reports)
    assert 0 < terms.score < 100  # the sample draft misses some terms
    assert sum(terms.missed.values()) == terms.occurrences - terms.rendered
    assert report.systems[0].segments[0].terms == (reports[0].rendered, reports[0].occurrences)
    assert project.score(store=False, terms=False).systems[0].terms is None


def _two_to_one_project(tmp_path: Path) -> Project:
    """Segments 1 and 2 face ONE reference sentence (a 2-1 link)."""
    project = Project.open(tmp_path / "p.db", create=True, author="tester")
    project.import_document_text("الجملة الأولى. الجملة الثانية. الثالثة.", "doc")
    project.import_translation_text("The first. The second. The third.", "doc", "working")
    doc = project.document("doc")
    seg_ids = [s.id for s in project.segments("doc")]
    with project.transaction():
        vid = q_versions.create_version(project.db, doc.id, "reference:main", "reference", None)
        sentences = [(1, "The first and second sentences."), (1, "The third one.")]
        links = [([0, 1], [0]), ([2], [1])]
        q_versions.store_alignment(project.db, vid, sentences, seg_ids, links, [1.0, 1.0])
        q_versions.put_translations(
            project.db, vid,
            [(seg_ids[0], sentences[0][1]), (seg_ids[1], sentences[0][1]),
             (seg_ids[2], sentences[1][1])],
        )
    return project


def test_a_reference_sentence_linked_to_two_segments_counts_once(tmp_path: Path) -> None:
    with _two_to_one_project(tmp_path) as project:
        report = project.score()
        hyps = ["The first. The second.", "The third."]
        refs = [["The first and second sentences.", "The third one."]]
        expected = BLEU().corpus_score(hyps, refs).score
        system = report.systems[0]
        assert system.bleu.score == pytest.approx(expected)
        twice = BLEU().corpus_score(
            ["The first.", "The second.", "The third."],
            [["The first and second sentences."] * 2 + ["The third one."]],
        ).score
        assert system.bleu.score != pytest.approx(twice)
        assert [s.positions for s in system.segments] == [[1, 2], [3]]
        assert [s.line for s in system.segments] == [1, 3]
        scores = project.segment_scores("doc")
        ids = system.segments[0].segment_ids
        assert scores[ids[0]] == scores[ids[1]]


def test_a_working_sentence_joining_two_segments_is_scored_with_both(tmp_path: Path) -> None:
    """import-translation --as working puts an English sentence facing two segments on the
    first (exports read them as one): scored as one unit, not the first against its own
    reference alone and the second, empty, as a zero."""
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.import_document_text(
            "وصل الرئيس إلى باريس صباح اليوم.\nوالتقى بنظيره الفرنسي في القصر.\n"
            "وناقش الجانبان الأزمة الاقتصادية.\n", "doc",
        )
        refs = ["The president arrived in Paris this morning.",
                "He met his French counterpart at the palace.",
                "The two sides discussed the economic crisis."]
        project.import_translation_text("\n".join(refs), "doc", "reference")
        joined = ("The president arrived in Paris this morning and met his French "
                  "counterpart at the palace.")
        project.import_translation_text(f"{joined}\n{refs[2]}", "doc", "working")
        system = project.score("doc", terms=False).systems[0]
        assert [s.positions for s in system.segments] == [[1, 2], [3]]
        hyps = [joined, refs[2]]
        expected = BLEU().corpus_score(hyps, [[f"{refs[0]} {refs[1]}", refs[2]]]).score
        assert system.bleu.score == pytest.approx(expected)
        scores = project.segment_scores("doc")
        first, second = system.segments[0].segment_ids
        assert scores[second] == scores[first] and scores[second]["chrf"] > 80


def test_drafts_with_a_paired_test_and_a_baseline(project: Project) -> None:
    reference = project.version_text(project.segments()[0].id, "reference:main")
    assert reference
    text = Path(__file__).resolve().parents[2] / "workbench/data/translations/reference.en.txt"
    lines = text.read_text(encoding="utf-8").split("\n")
    project.import_translation_text(
        "\n".join(line.replace("the ", "a ") for line in lines), "sample", "draft", "mt"
    )
    report = project.score(
        drafts=["working", "draft:mt"], paired="bs", n_samples=100, baseline="mt"
    )
    assert [s.name for s in report.systems] == ["draft:mt", "working"]
    assert report.test == "bs"
    assert report.systems[0].bleu.p_value is None
    assert report.systems[1].bleu.p_value is not None
    assert "bs:100" in report.systems[1].chrf.signature
    versions = [run["version"] for run in project.score_history()]
    assert versions == ["draft:mt", "working"]
    assert project.segment_scores(version="draft:mt")
    assert project.segment_scores(version="mt") == project.segment_scores(version="draft:mt")


def test_a_version_is_never_scored_against_itself(project: Project) -> None:
    """A reference scored as a draft was scored against every reference, itself among them
    (BLEU 100, recorded as its run); --ref naming a draft scored did the same."""
    text = Path(__file__).resolve().parents[2] / "workbench/data/translations/reference.en.txt"
    lines = text.read_text(encoding="utf-8").split("\n")
    project.import_translation_text(
        "\n".join(line.replace("the ", "a ") for line in lines), "sample", "reference", "second"
    )
    report = project.score(drafts=["reference:second"], store=False)
    assert report.refs == ["reference:main"]
    assert report.systems[0].bleu.score < 90
    with pytest.raises(WorkbenchError, match="working is both scored and a reference"):
        project.score(refs=["working"])
    with pytest.raises(NotFoundError, match="no reference translation other than"):
        project.score(drafts=["reference:main", "reference:second"])
    assert project.score_history() == []


def test_missing_versions_and_references_are_named(project: Project, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="draft:nope"):
        project.score(drafts=["draft:nope"])
    with pytest.raises(NotFoundError, match="reference:other"):
        project.score(refs=["other"])
    with pytest.raises(NotFoundError, match="baseline"):
        project.score(drafts=["working"], baseline="draft:x")
    with Project.open(tmp_path / "bare.db", create=True) as bare:
        bare.import_document_text("جملة.", "d")
        with pytest.raises(NotFoundError, match="no reference translation"):
            bare.score()


def test_a_reference_of_part_of_the_document_scores_that_part(tmp_path: Path) -> None:
    """Segments no reference translates were scored against empty English (BLEU and chrF 0,
    a corpus TER over 100); a segment the reference has and the draft leaves empty is a 0."""
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.import_document_text(
            "وصل الرئيس إلى باريس صباح اليوم. والتقى بنظيره الفرنسي في القصر. "
            "وناقش الجانبان الأزمة الاقتصادية. وعاد إلى بلده مساء.", "doc",
        )
        refs = ["The president arrived in Paris this morning.",
                "He met his French counterpart at the palace."]
        hyps = ["The president came to Paris this morning.",
                "He met the French counterpart in the palace.",
                "Both sides discussed the economic crisis.",
                "He went back home in the evening."]
        project.import_translation_text(" ".join(hyps), "doc", "working")
        seg_ids = [s.id for s in project.segments("doc")]
        with project.transaction():  # the aligner's links of a translation of the beginning
            vid = q_versions.create_version(
                project.db, project.document("doc").id, "reference:main", "reference", None
            )
            links = [([0], [0]), ([1], [1]), ([2], []), ([3], [])]
            q_versions.store_alignment(
                project.db, vid, [(1, r) for r in refs], seg_ids, links, [1.0] * 4
            )
            q_versions.put_translations(project.db, vid, list(zip(seg_ids[:2], refs, strict=True)))
        system = project.score("doc", terms=False, store=False).systems[0]
        assert [s.positions for s in system.segments] == [[1], [2]]
        assert system.ter.score == pytest.approx(TER().corpus_score(hyps[:2], [refs]).score)
        assert system.bleu.score == pytest.approx(BLEU().corpus_score(hyps[:2], [refs]).score)
        project.save_draft(seg_ids[1], "")
        system = project.score("doc", terms=False, store=False).systems[0]
        assert [s.positions for s in system.segments] == [[1], [2]]
        assert system.segments[1].chrf == 0.0


def test_the_command_suggested_for_a_missing_reference_can_be_pasted(tmp_path: Path) -> None:
    """A document named with a space (the import dialog takes any name) was suggested as
    ``--doc تقرير سنوي --as reference``: pasted, the shell made two words of it."""
    with Project.open(tmp_path / "bare.db", create=True) as bare:
        bare.import_document_text("جملة.", "تقرير سنوي")
        with pytest.raises(NotFoundError) as caught:
            bare.score(doc="تقرير سنوي")
    assert "--doc 'تقرير سنوي' --as reference" in str(caught.value)
