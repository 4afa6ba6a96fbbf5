"""Helpers for the export/import tests: export the sample project into a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.project import Project

HERE = Path(__file__).resolve().parent
TMX_DTD = HERE / "tmx14.dtd"

Exporter = Callable[..., Path]


@pytest.fixture
def export(project: Project, tmp_path: Path) -> Exporter:
    """export(fmt, **options) writes the sample project to tmp_path/out/ and returns the path."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)

    def run(fmt: str, name: str | None = None, **options: object) -> Path:
        target = out / (name or f"sample.{fmt}")
        return project.export_file(fmt, target, force=True, **options).path  # type: ignore[arg-type]

    return run
