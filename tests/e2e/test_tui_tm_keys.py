"""End to end: the translation memory's keys reach the app from a real terminal (the bytes
xterm and tmux send): Shift+F5 then a digit inserts that match, Ctrl+F1 the best one, Shift+F6
switches the narrow layout's tab, Alt+C opens the concordance and Enter inserts a unit."""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest

from tests.e2e.terminal import CTRL_Q, Terminal
from workbench.project import Project

SHIFT_F5, SHIFT_F6, CTRL_F1 = "\x1b[15;2~", "\x1b[17;2~", "\x1b[1;5P"
ALT_C, ALT_DOWN, DOWN, ENTER, ESCAPE = "\x1bc", "\x1b[1;3B", "\x1b[B", "\r", "\x1b"
CLAIM = "هذا الادعاء كاذب حتى النخاع."  # segment 2 of the sample


@pytest.fixture
def folder(tmp_path: Path, sample_db: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    (work / "segments.db").write_bytes(sample_db.read_bytes())
    (work / "demo.tsv").write_text(
        f"{CLAIM}\tThis claim is false to the core.\n"
        "هذا الادعاء صادق حتى النخاع.\tThis claim is true to the core.\n"
        "آمن الناس بالثورة منذ البداية.\tPeople believed in the revolution.\n",
        encoding="utf-8",
    )
    with Project.open(work / "segments.db", author="tester") as project:
        project.tm.import_file(work / "demo.tsv", name="demo")
    return work


def test_tm_keys_reach_the_app_from_a_terminal(folder: Path):
    with Terminal(folder) as term:
        # segment 1 has no match: its Matches tab shows until they are read, then the
        # glossary's with "Shift+F6: matches" (a loaded machine's first screen may be that)
        term.wait_for(lambda t: "Arabic · segment 1" in t and "matches" in t.lower())
        term.send(ALT_DOWN)
        term.wait_for(lambda t: "Matches · best 100%" in t and "2 80% demo" in t)
        term.send(SHIFT_F5)
        term.wait_for(lambda t: "Matches · best 100%" in t)
        term.send("2")
        term.wait_for(lambda t: "│ This claim is true to the core." in t)
        term.send(CTRL_F1)
        term.wait_for(lambda t: "│ This claim is false to the core." in t)
        term.send(SHIFT_F6)
        term.wait_for(lambda t: "Glossary" in t and "Matches ·" not in t)
        term.send(SHIFT_F6)
        term.wait_for(lambda t: "Matches ·" in t and "Glossary" not in t)
        term.send(ALT_C)
        term.wait_for(lambda t: "Concordance: the translation memories" in t)
        term.send("الثورة" + ENTER)
        term.wait_for(lambda t: "1 unit holds" in t)
        term.send(DOWN + ENTER)
        term.wait_for(lambda t: "Concordance:" not in t and "People believed" in t)
        term.send(CTRL_Q)
        term.child.expect(pexpect.EOF, timeout=15)
        term.child.close()
        assert term.child.exitstatus == 0
    with Project.open(folder / "segments.db") as project:
        assert project.segment(2).target == (
            "This claim is false to the core. People believed in the revolution.")
        actions = [r.action for r in project.history(2)]
        assert actions[-3:] == ["tm-insert", "tm-insert", "edit"]
