"""``workbench`` with no command: what is checked before the TUI starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_cli
from workbench.project import Project


def test_bad_config_is_a_one_line_error_naming_file_and_line(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[display]\ndirection = "sideways"\n', encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    result = run_cli("--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"workbench: error: {config}: line 2: direction must be one of app, terminal, auto, "
        "not 'sideways'"
    ]


def test_missing_project_is_refused_before_the_tui(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "absent.toml"))
    result = run_cli("--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2
    assert "no project at" in result.stderr


def test_direction_option_is_checked(tmp_path):
    result = run_cli("--direction", "sideways", "stats")
    assert result.exit_code == 2
    assert "sideways" in result.stderr


def test_a_project_without_documents_says_how_to_add_one(tmp_path, monkeypatch):
    from workbench.project.sample import new_project

    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "absent.toml"))
    db = tmp_path / "empty.db"
    with new_project(db):
        pass
    result = run_cli("--db", str(db))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"workbench: error: {db}: the project has no documents (add one: workbench import FILE)"
    )


def test_the_tui_without_a_terminal_is_refused_and_reads_no_keys(
    tmp_path: Path, _sample_template: Path
) -> None:
    """``printf 'x\\n' | workbench`` (a script, a pipe, cron): standard input is no terminal.
    The TUI read the pipe's bytes as key presses — Enter confirmed segment 1 — and then
    waited for ever; it is one line and exit 2, the project unchanged."""
    db = tmp_path / "segments.db"
    db.write_bytes(_sample_template.read_bytes())
    env = {**os.environ, "WORKBENCH_CONFIG": str(tmp_path / "absent.toml")}
    done = subprocess.run([sys.executable, "-m", "workbench", "--db", str(db)], input=b"\n",
                          capture_output=True, env=env, timeout=20)
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode().splitlines() == [
        "workbench: error: the TUI needs a terminal: standard input is not one (a pipe or a "
        "file); the commands run without one (workbench --help)"]
    with Project.open(db) as project:
        assert [r.action for r in project.history(1)] == ["import"]


def test_the_tui_without_a_terminal_builds_no_sample_project(tmp_path: Path) -> None:
    """``workbench`` from a script in a new folder: refused before the sample project is
    built, so no ``segments.db`` is left behind by a command that did nothing."""
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_DB"}
    env["WORKBENCH_CONFIG"] = str(tmp_path / "absent.toml")
    env["PYTHONPATH"] = os.pathsep.join(  # this checkout's workbench, from another folder
        filter(None, [str(Path(__file__).resolve().parents[2]), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-m", "workbench"], input=b"", cwd=tmp_path,
                          capture_output=True, env=env, timeout=20)
    assert done.returncode == 2
    assert "the TUI needs a terminal" in done.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
