"""Shared fixtures: a sample project in a temporary folder, and the CLI runner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbench.cli import main
from workbench.project import Project
from workbench.project.sample import build_sample

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"  # real parallel text (see corpora/README.md)


@pytest.fixture(scope="session")
def _sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "segments.db"
    build_sample(path, folder=ROOT)
    return path


@pytest.fixture
def sample_db(tmp_path: Path, _sample_template: Path) -> Path:
    """A fresh copy of the sample project (built once per session)."""
    path = tmp_path / "segments.db"
    path.write_bytes(_sample_template.read_bytes())
    return path


@pytest.fixture
def project(sample_db: Path) -> Iterator[Project]:
    """The sample project, open."""
    with Project.open(sample_db, author="tester") as p:
        yield p


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    """Run the test with a fresh empty current folder."""
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def run_cli(*args: str, input: str | None = None) -> Result:
    """Invoke the workbench CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
