"""The bundled sample project."""

from __future__ import annotations

import filecmp
from pathlib import Path

from tests.conftest import ROOT
from workbench.glossary.tsv import read_tsv
from workbench.project import Project
from workbench.project.sample import bundled


def test_sample_has_21_segments_all_with_english(project: Project) -> None:
    stats = project.stats()
    assert stats["documents"] == 1
    assert stats["segments"] == 21
    assert stats["with_english"] == 21
    assert stats["by_status"]["draft"] == 21


def test_sample_versions_and_reference(project: Project) -> None:
    assert project.versions() == ["reference:main", "working"]
    first = project.segments(limit=1)[0]
    assert first.source.startswith("كثيرا ما يصف")
    ref = project.version_text(first.id, "reference:main")
    assert ref is not None and ref.startswith("Bourgeois critics of Bolshevism")


def test_sample_arabic_is_stored_exactly_as_given(project: Project) -> None:
    original = bundled("sample.ar.txt").read_text(encoding="utf-8")
    stored = "".join(s.source for s in project.segments(limit=1000))
    assert "".join(original.split()) == "".join(stored.split())


def test_repository_copies_are_the_bundled_files() -> None:
    for local, packaged in [
        ("glossary.tsv", "glossary.tsv"),
        ("translations/reference.en.txt", "translations/reference.en.txt"),
        ("translations/draft.en.txt", "translations/draft.en.txt"),
    ]:
        assert filecmp.cmp(ROOT / local, bundled(packaged), shallow=False)


def test_sample_glossary_has_key_terms() -> None:
    glossary = read_tsv(ROOT / "glossary.tsv")
    terms = glossary.terms()
    assert len(glossary) >= 30
    assert terms["سوفييتات"][0].rendering == "soviets"
    assert terms["انتفاضة"][0].rendering == "insurrection"
    assert "uprising" in terms["انتفاضة"][0].forbidden


def test_local_glossary_is_preferred(in_tmp: Path) -> None:
    (in_tmp / "glossary.tsv").write_text("ثورة\trevolution\n", encoding="utf-8")
    from workbench.project import open_project

    with open_project() as p:
        assert [e.term for e in p.glossary().entries] == ["ثورة"]
        assert p.stats()["segments"] == 21
