"""File mode and project mode of ``workbench score`` run one scoring loop: on the same texts
(the project's scoring units written out as line-aligned files) they give the same figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from workbench.glossary.io import format_glossary
from workbench.project import Project
from workbench.project.sample import bundled


def _lines(path: Path, lines: list[str]) -> str:
    assert not any("\n" in line for line in lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _figures(system: dict[str, Any]) -> dict[str, Any]:
    """What a system's scores say, without its name and how its lines are numbered."""
    out = {key: system[key] for key in ("bleu", "chrf", "ter", "terms")}
    out["segments"] = [
        (s["bleu"], s["chrf"], s["ter"], s["terms"]["rendered"], s["terms"]["occurrences"])
        for s in system["segments"]
    ]
    return out


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_file_mode_and_project_mode_give_the_same_figures(
    sample_db: Path, tmp_path: Path, test: str
) -> None:
    with Project.open(sample_db, author="tester") as project:
        draft = bundled("translations/draft.en.txt").read_text(encoding="utf-8")
        second = tmp_path / "second.en.txt"
        second.write_text(draft.replace(" the ", " a ").replace("Soviet", "council"),
                          encoding="utf-8")
        project.import_translation(second, "sample", "draft", "second")
        units, drafts, refs = project.scoring_units(drafts=["working", "draft:second"])
        assert drafts == ["working", "draft:second"] and refs == ["reference:main"]
        glossary = tmp_path / "glossary.tsv"
        glossary.write_text(format_glossary(project.glossary(), "tsv"), encoding="utf-8")
    files = {
        name: _lines(tmp_path / f"{name.replace(':', '-')}.txt",
                     [u.texts.get(name, "") for u in units])
        for name in (*drafts, *refs)
    }
    source = _lines(tmp_path / "source.ar.txt", [u.source for u in units])
    options = ["--confidence", "--confidence-n", "50", f"--paired-{test}", "--paired-n", "50",
               "--format", "json"]

    by_project = run_cli("score", "--db", str(sample_db), "--draft", "working", "--draft",
                         "draft:second", "--no-save", *options)
    by_files = run_cli("score", "--hyp", files["working"], "--hyp", files["draft:second"],
                       "--ref", files["reference:main"], "--glossary", str(glossary),
                       "--source", source, *options)
    assert by_project.exit_code == 0, by_project.stderr
    assert by_files.exit_code == 0, by_files.stderr
    project_report, file_report = json.loads(by_project.stdout), json.loads(by_files.stdout)
    assert project_report["test"] == file_report["test"] == test
    pairs = list(zip(project_report["systems"], file_report["systems"], strict=True))
    assert len(pairs) == 2
    for in_project, in_files in pairs:
        assert len(in_project["segments"]) == len(units)
        assert _figures(in_project) == _figures(in_files)
    second = pairs[1][0]
    assert second["chrf"]["p_value"] is not None
    assert second["terms"]["occurrences"] > 0
    assert second["bleu"]["score"] != pairs[0][0]["bleu"]["score"]
