"""Every public path that aligns a free translation weighs its confidences with the links'
survival (:mod:`workbench.align.stability`), and warns of the flags it returns."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.align import hayy2_set
from bench.common import ROOT
from tests.conftest import run_cli
from workbench.align import Alignment, align_paragraphs, align_sentences, aligner, stability
from workbench.align.aligner import _paragraphs_whole, continuation_lines
from workbench.dictionary import open_lexicon
from workbench.project import Project
from workbench.text.segment import segment_paragraphs, split_paragraphs

pytestmark = pytest.mark.usefixtures("survival")

AR, EN, GOLD = hayy2_set()
AR, EN = AR[:30], EN[:27]  # (its gold links 0-15 end there: a free translation)
GOLD = [(a, e) for a, e in GOLD if a and e and a[-1] < 30]
STARTS = {a[0] for a, _ in GOLD}, {e[0] for _, e in GOLD}
CONTINUES = ([i not in STARTS[0] for i in range(len(AR))],
             [j not in STARTS[1] for j in range(len(EN))])  # a paragraph a gold link


def weighed_only(align: Callable[[], Alignment], monkeypatch: pytest.MonkeyPatch
                 ) -> Alignment:
    """``align()``, after asserting that the survival runs change its confidences (else a
    path that skips them would give the same)."""
    weighed = align()
    with monkeypatch.context() as patch:
        patch.setattr(stability, "STABLE_MAX_SENTENCES", 0)
        assert align().confidence != weighed.confidence
    return weighed


def indented(lines: list[str], continues: list[bool]) -> list[str]:
    """The lines, each one that continues a paragraph indented by a space."""
    return [" " + line if cont else line for line, cont in zip(lines, continues, strict=True)]


def write(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("path", ["sentences", "paragraph units", "paragraphs"])
def test_the_mostly_flagged_warning_counts_the_weighed_confidences(
        path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A weighing that flags every link is warned of (it was counted before the weighing,
    and the paragraphs-as-units path was not weighed)."""
    monkeypatch.setattr(aligner, "stable_confidence",
                        lambda ar, en, result, align, size=None: [0.1] * len(result.links))
    result = {"sentences": lambda: align_sentences(AR, EN),
              "paragraph units": lambda: align_sentences(AR, EN, continues=CONTINUES),
              "paragraphs": lambda: align_paragraphs([AR], [EN])}[path]()
    both = sum(1 for a, e in result.links if a and e)
    assert f"{both} of {both} links are flagged" in " ".join(result.warnings)


def test_paragraphs_aligned_as_units_are_weighed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both sides' paragraphs marked: its runs align the paragraphs as units too (each run's
    links are in sentences, as the result's); fewer right links flagged."""
    result = align_sentences(AR, EN, continues=CONTINUES)
    with monkeypatch.context() as patch:
        patch.setattr(stability, "STABLE_MAX_SENTENCES", 0)
        before = align_sentences(AR, EN, continues=CONTINUES)
    assert result.links == before.links
    gold = {(tuple(a), tuple(e)) for a, e in GOLD}
    right = [(tuple(a), tuple(e)) in gold for a, e in result.links]
    assert sum(r and c < 0.5 for r, c in zip(right, result.confidence, strict=True)) < sum(
        r and c < 0.5 for r, c in zip(right, before.confidence, strict=True))


def test_paragraphs_as_units_are_weighed_by_their_count_not_their_sentences(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit on the texts weighed (STABLE_MAX_SENTENCES: each run costs an alignment)
    counts what the runs align: a text of more sentences than the limit in fewer paragraphs
    is weighed as paragraphs (BENCHMARKS.md, stop 58)."""
    weighed = align_sentences(AR, EN, continues=CONTINUES)
    units = max(len(aligner._units(c)) for c in CONTINUES)
    assert units < 20 < len(AR)
    with monkeypatch.context() as patch:
        patch.setattr(stability, "STABLE_MAX_SENTENCES", 20)
        assert align_sentences(AR, EN, continues=CONTINUES).confidence == weighed.confidence
        patch.setattr(stability, "STABLE_MAX_SENTENCES", units - 1)
        assert align_sentences(AR, EN, continues=CONTINUES).confidence != weighed.confidence


def test_one_marked_side_keeps_the_weighed_confidences_of_its_sentences(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the English marks paragraphs: the sentences' weighed links, merged where they
    cut a paragraph (a merged link keeps its lowest confidence)."""
    continues = ([False] * len(AR), CONTINUES[1])
    result = align_sentences(AR, EN, continues=continues)
    sentences = weighed_only(lambda: align_sentences(AR, EN), monkeypatch)
    merged = _paragraphs_whole(sentences.links, sentences.confidence, continues[1], 1)
    assert (result.links, result.confidence) == merged


@pytest.mark.parametrize("dictionary", [False, True])
def test_the_cli_presegmented_weighs_as_align_sentences(
        dictionary: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    words = ["--dictionary", str(ROOT / "glossary.tsv")] if dictionary else []
    lexicon = open_lexicon([ROOT / "glossary.tsv"]) if dictionary else None
    out = run_cli("align", write(tmp_path / "ar.txt", AR), write(tmp_path / "en.txt", EN),
                  "--presegmented", *words)
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)["confidence"] == weighed_only(
        lambda: align_sentences(AR, EN, lexicon=lexicon), monkeypatch).confidence


def test_the_cli_presegmented_in_paragraphs_weighs_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Continuation lines indented on both sides: the paragraphs as units, weighed."""
    ar, en = indented(AR, CONTINUES[0]), indented(EN, CONTINUES[1])
    assert (continuation_lines(ar), continuation_lines(en)) == CONTINUES
    out = run_cli("align", write(tmp_path / "ar.txt", ar), write(tmp_path / "en.txt", en),
                  "--presegmented")
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)["confidence"] == weighed_only(
        lambda: align_sentences(ar, en, continues=CONTINUES), monkeypatch).confidence


def test_the_cli_segmenting_weighs_as_align_paragraphs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ar_text = "\n\n".join(" ".join(AR[i] for i in a) for a, _ in GOLD)
    en_text = "\n\n".join(" ".join(EN[j] for j in e) for _, e in GOLD)
    out = run_cli("align", write(tmp_path / "ar.txt", [ar_text]),
                  write(tmp_path / "en.txt", [en_text]))
    assert out.exit_code == 0, out.stderr
    ar_pars = segment_paragraphs(split_paragraphs(ar_text), "ar")
    en_pars = segment_paragraphs(split_paragraphs(en_text), "en")
    assert json.loads(out.stdout)["confidence"] == weighed_only(
        lambda: align_paragraphs(ar_pars, en_pars), monkeypatch).confidence


def test_import_translation_stores_the_weighed_confidences(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Project.open(tmp_path / "book.db", create=True, author="t") as project:
        project.import_document_text("\n\n".join(" ".join(AR[i] for i in a) for a, _ in GOLD),
                                     "hayy2")
        project.import_translation_text(
            "\n\n".join(" ".join(EN[j] for j in e) for _, e in GOLD), "hayy2", "reference")
        segments = project.segments("hayy2", 0, 100)
        stored = [project.link(s.id, "reference:main")["confidence"] for s in segments]
        ar_pars = [[s.source for s in segments if s.paragraph == p]
                   for p in sorted({s.paragraph for s in segments})]
    en_pars = segment_paragraphs(split_paragraphs(
        "\n\n".join(" ".join(EN[j] for j in e) for _, e in GOLD)), "en")
    expected = weighed_only(lambda: align_paragraphs(ar_pars, en_pars), monkeypatch)
    of_segment = {i: c for (a, _), c in zip(expected.links, expected.confidence, strict=True)
                  for i in a}
    assert stored == pytest.approx([of_segment[i] for i in range(len(segments))], abs=1e-4)
