"""Importing a translation into a project uses the aligner, with the project's glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.project import Project


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
