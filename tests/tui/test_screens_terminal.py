"""The alignment-fix and reviewer keys in a real pseudo-terminal (pexpect + pyte): a terminal
sends Alt+M as ESC m, which must merge segments, not type an "m" into the English editor."""

from __future__ import annotations

from pathlib import Path

import pexpect

from tests.e2e.terminal import CTRL_Q, Terminal
from workbench.project import Project

ALT_M = "\x1bm"
F3 = "\x1bOR"


def test_alt_m_merges_and_f3_opens_the_reviewer_in_a_real_terminal(
    tmp_path: Path, sample_db: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "segments.db").write_bytes(sample_db.read_bytes())
    with Project.open(work / "segments.db") as project:
        first, second = project.segment(1), project.segment(2)
    with Terminal(work) as term:
        term.wait_for(lambda t: "Arabic · segment 1" in t and "21 segments" in t)
        term.send(ALT_M)
        term.wait_for(lambda t: "20 segments" in t)
        term.send(F3)
        term.wait_for(lambda t: "Review · sample" in t and "with findings" in t)
        term.send(CTRL_Q)
        term.child.expect(pexpect.EOF, timeout=15)
    with Project.open(work / "segments.db") as project:
        merged = project.segment(1)
        assert project.document().segments == 20
    assert merged.source == f"{first.source} {second.source}"
    assert merged.target == f"{first.target} {second.target}"  # no stray "m" typed
