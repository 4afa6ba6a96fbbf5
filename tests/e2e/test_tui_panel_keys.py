"""End to end: the keys of the Dictionary panel, spelling, tags and LQA reach the app from a
real terminal (the bytes xterm and tmux send): F10 look-up, Shift+F10 the panel and Enter
inserting a sense, F11 spelling suggestions, Shift+F11 the next tag, Shift+F12 the LQA form
in the editor and E in the reviewer."""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest

from tests.e2e.terminal import CTRL_Q, Terminal
from workbench.project import Project

F10, SHIFT_F10 = "\x1b[21~", "\x1b[21;2~"
F11, SHIFT_F11 = "\x1b[23~", "\x1b[23;2~"
SHIFT_F12, F3, ESCAPE, END = "\x1b[24;2~", "\x1bOR", "\x1b", "\x1b[F"
DOWN, CTRL_P = "\x1b[B", "\x10"

PAGE = """<html dir="rtl" lang="ar"><body>
<p>بدأت الثورة في <b>بتروغراد</b> عام ١٩١٧.</p>
</body></html>
"""


@pytest.fixture
def folder(tmp_path: Path, sample_db: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    (work / "segments.db").write_bytes(sample_db.read_bytes())
    (work / "mini.tsv").write_text("انقلاب\tcoup; overthrow\nثورة\trevolution\n",
                                   encoding="utf-8")
    (work / "page.html").write_text(PAGE, encoding="utf-8")
    with Project.open(work / "segments.db", author="tester") as project:
        project.dictionaries.add(work / "mini.tsv", name="mini")
        project.sources.import_file(work / "page.html", "client")
    return work


def ready(text: str) -> bool:
    return "Arabic · segment 1" in text and "21 segments" in text


def test_panel_keys_reach_the_app_from_a_terminal(folder: Path):
    with Terminal(folder) as term:
        term.wait_for(ready)
        term.send(END + F10)  # the English ends with "coup."
        term.wait_for(lambda t: 'Look-up "coup"' in t)
        term.send(ESCAPE)
        term.wait_for(lambda t: "Glossary" in t and "Look-up" not in t)
        term.send(SHIFT_F10)
        term.wait_for(lambda t: "Dictionary" in t and "Glossary" not in t)
        # the look-up's senses: coup, overthrow: "overthrow" takes the place of "coup"
        term.send(DOWN + "\r")
        term.wait_for(lambda t: "it is a overthrow." in t and "Glossary" in t)
        term.send(F11)
        term.wait_for(lambda t: "Spelling of overthrow" in t)
        term.send(ESCAPE)
        term.wait_for(lambda t: "Spelling of" not in t)
        term.send(SHIFT_F12)
        term.wait_for(lambda t: "LQA error · segment 1" in t)
        term.send(ESCAPE)
        term.wait_for(lambda t: "LQA error" not in t)
        term.send(F3)
        term.wait_for(lambda t: "Review · sample" in t and "21 of 21 segments" in t)
        term.send("e")
        term.wait_for(lambda t: "LQA error · segment 1" in t)
        term.send(ESCAPE)
        term.wait_for(lambda t: "LQA error ·" not in t)
        term.send(ESCAPE)
        term.wait_for(lambda t: "Arabic · segment 1" in t)
        term.send(CTRL_P)
        term.wait_for(lambda t: "Search for commands" in t)
        term.send("Open document: client")
        term.wait_for(lambda t: "Open document: client" in t)
        term.send("\r")
        term.wait_for(lambda t: "client · all segments" in t and "<1>…</1> b" in t)
        term.send(SHIFT_F11)
        term.wait_for(lambda t: "│ <1>" in t)
        term.send(CTRL_Q)
        term.child.expect(pexpect.EOF, timeout=15)
        term.child.close()
        assert term.child.exitstatus == 0
    with Project.open(folder / "segments.db") as project:
        assert project.segment(1).target.endswith("it is a overthrow.")
        assert project.segments("client", limit=1)[0].target == "<1>"
