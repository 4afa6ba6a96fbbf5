"""End to end: the keys of the batch work reach the app from a real terminal (the bytes xterm
and tmux send): Shift+F2 find and replace, Shift+F4 batch, Shift+F9 changes, Ctrl+F9 undo the
last change, Ctrl+U unlock; and a find and replace applied and undone through them."""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest

from tests.e2e.terminal import CTRL_J, CTRL_Q, Terminal
from workbench.project import Project

SHIFT_F2, SHIFT_F4 = "\x1b[1;2Q", "\x1b[1;2S"
SHIFT_F9, CTRL_F9 = "\x1b[20;2~", "\x1b[20;5~"
CTRL_U, ESCAPE, ALT_UP = "\x15", "\x1b", "\x1b[1;3A"


def has_cursor(term: Terminal, label: str, offset: int) -> bool:
    """True when the input after ``label`` draws its cursor ``offset`` cells in (a cell whose
    background differs from the text's)."""
    y = next(i for i, line in enumerate(term.screen.display) if label in line)
    x = term.screen.display[y].index(label) + len(label)
    row = term.screen.buffer[y]
    return bool(row[x + offset].bg != row[x].bg)


def ready(text: str) -> bool:
    return "Arabic · segment 1" in text and "21 segments" in text


@pytest.fixture
def folder(tmp_path: Path, sample_db: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    (work / "segments.db").write_bytes(sample_db.read_bytes())
    with Project.open(work / "segments.db", author="reviewer") as project:
        project.set_status(2, "translated")
        project.review(2, "approved")
    return work


def test_batch_keys_reach_the_app_from_a_terminal(folder: Path):
    with Terminal(folder) as term:
        term.wait_for(ready)
        term.send(SHIFT_F4)
        term.wait_for(lambda t: "Batch · the 21 segments of the view" in t)
        term.send(ESCAPE)
        term.wait_for(lambda t: "Batch ·" not in t)
        term.send(SHIFT_F2)
        term.wait_for(lambda t: "Find and replace in the English" in t)
        term.send("Bolshevik")
        term.wait_for(lambda t: "Find     Bolshevik" in t)
        term.send("\t")
        term.wait_for(lambda t: not has_cursor(term, "Find     ", len("Bolshevik")))
        term.send("BOLSHEVIK")
        term.send("\r")  # preview
        term.wait_for(lambda t: "will be replaced" in t)
        term.send(CTRL_J)
        term.wait_for(lambda t: "Find and replace in the English" not in t
                      and "BOLSHEVIK" in t)
        term.send(SHIFT_F9)
        term.wait_for(lambda t: "find and replace · sample" in t)
        term.send(ESCAPE)
        term.wait_for(lambda t: "Changes: imports" not in t)
        term.send(CTRL_F9)
        term.wait_for(lambda t: "Undo change #" in t)
        term.send("y")
        term.wait_for(lambda t: "restored" in t and "BOLSHEVIK" not in t)
        # segment 2 is approved and locked: Ctrl+U asks for a reason and unlocks it
        term.send("\x1b[1;5B")  # Ctrl+Down: the next segment
        term.wait_for(lambda t: "Approved and locked" in t and "Ctrl+U: unlock" in t)
        term.send(CTRL_U)
        term.wait_for(lambda t: "Unlock segment 2" in t)
        term.send("checked again\r")
        term.wait_for(lambda t: "Segment 2 unlocked" in t)
        term.send(CTRL_Q)
        term.child.expect(pexpect.EOF, timeout=15)
        term.child.close()
        assert term.child.exitstatus == 0
    with Project.open(folder / "segments.db") as project:
        assert not project.segment(2).locked
        assert "BOLSHEVIK" not in " ".join(s.target for s in project.segments(limit=100))
        assert [c["kind"] for c in project.changes()[:2]] == ["undo", "replace"]
