"""TUI figures on a 100,000-segment project: first paint, next-segment repaint, memory, and
how long Ctrl+Q takes while a slow filter ("has QA findings": every segment checked) runs.

The project is built through the Project API in a child process (so its memory does not count):
the Arabic document from bench.corpus, then a working English translation of the first 60 % of
the segments (as translated) brought in as XLIFF, so the editor opens deep in the document on
the first untranslated segment. The app is then driven headless with Textual's pilot at
120x32. The baseline is Textual's DataTable holding every row of the same project.

    python -m bench tui
"""

from __future__ import annotations

import asyncio
import gc
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import DATA, Row, peak_rss_mb, python, workdir
from bench.corpus import write_big_arabic

SEGMENTS = 100_000
TRANSLATED = 0.6
MOVES = 300
KEY_REPEAT = 0.03  # seconds between presses: a held key repeats about 30 times a second
SIZE = (120, 32)


def translate_first(project: Any, folder: Path, english: list[str], rng: random.Random,
                    share: float = TRANSLATED) -> None:
    """Give the first ``share`` of document ``big``'s segments a translated English drawn from
    ``english``, through an XLIFF round trip (as a translator's delivery comes back)."""
    from lxml import etree

    exported = project.export_file(
        "xliff", folder / "big.xlf", "big", force=True, findings="none"
    ).path
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    tree = etree.parse(str(exported))
    units = tree.findall(f".//{ns}trans-unit")
    for unit in units[: int(len(units) * share)]:
        target = unit.find(f"{ns}target")
        if target is None:
            target = etree.Element(f"{ns}target")
            unit.find(f"{ns}source").addnext(target)
        target.text = rng.choice(english)
        target.set("state", "translated")
    tree.write(str(folder / "big.en.xlf"), encoding="utf-8", xml_declaration=True)
    project.import_xliff(folder / "big.en.xlf", "big")


def build(folder: Path) -> Path:
    """Build the big project in ``folder`` (run in a child process)."""
    from workbench.project import Project

    source = write_big_arabic(folder / "big.ar.txt", SEGMENTS)
    db = folder / "big.db"
    pool = [
        line.strip()
        for name in ("ntrex128/en.txt", "tico19/en.txt")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(11)
    with Project.open(db, create=True, author="bench") as project:
        project.import_document(source, "big")
        translate_first(project, folder, pool, rng)
    return db


def _child(code: str, *args: str, timeout: float = 600) -> str:
    return python("-c", code, *args, timeout=timeout)


async def _quiet(app: object) -> None:
    """Wait for the app's workers (cancelled ones included) to finish."""
    from textual.worker import WorkerCancelled

    for _ in range(10):
        try:
            await app.workers.wait_for_complete()  # type: ignore[attr-defined]
            return
        except WorkerCancelled:
            continue


async def _measure(db: Path, config_path: Path) -> dict[str, float]:
    from textual import events

    from workbench.config import Config
    from workbench.tui.app import WorkbenchApp

    out: dict[str, float] = {}
    start = time.perf_counter()
    app = WorkbenchApp(db, config=Config(path=config_path), direction="app", author="bench")
    async with app.run_test(size=SIZE) as pilot:
        await pilot._wait_for_screen()
        app.screen._on_timer_update()  # the first frame with the list and the open segment
        out["first_paint"] = time.perf_counter() - start
        editor = app.editor
        assert editor is not None and editor.current is not None
        out["segments"] = len(editor.rows or [])
        out["opened_at"] = editor.current.position
        await _quiet(app)
        await pilot.pause()
        samples = []
        for _ in range(MOVES):
            before = editor.current_index
            t = time.perf_counter()
            # The key as the terminal driver delivers it; handled when the segment changed.
            app._driver.send_message(events.Key("alt+down", None))
            while editor.current_index == before:
                await asyncio.sleep(0)
            app.screen._on_timer_update()  # the frame (a no-op if Textual painted already)
            samples.append(time.perf_counter() - t)
            await asyncio.sleep(KEY_REPEAT)
        out["opened_after"] = editor.current.position
        samples.sort()
        out["next_median"] = statistics.median(samples)
        out["next_p95"] = samples[int(len(samples) * 0.95)]
        out["next_max"] = samples[-1]
        t = time.perf_counter()
        editor.open_segment(editor.rows.ids[len(editor.rows) // 3])
        await pilot._wait_for_screen()
        app.screen._on_timer_update()
        out["jump"] = time.perf_counter() - t
        await _quiet(app)
        # Ctrl+Q while a slow filter runs in a worker (it checks all 100,000 segments).
        editor.apply_filter(has_findings=True)
        while not app.service.busy:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.5)
        quit_pressed = time.perf_counter()
        app._driver.send_message(events.Key("ctrl+q", None))
    out["quit_app"] = time.perf_counter() - quit_pressed  # the app has exited
    out["quit_pressed"] = quit_pressed
    gc.collect()
    return out


DATATABLE = """
import sys, time, asyncio, sqlite3
from textual.app import App
from textual.widgets import DataTable
db = sys.argv[1]
class T(App):
    def compose(self):
        yield DataTable()
    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("#", "status", "Arabic", "English")
        conn = sqlite3.connect(db)
        rows = conn.execute(
            "SELECT s.position, s.status, s.source, coalesce(t.text, '') FROM segments s "
            "LEFT JOIN translations t ON t.segment_id = s.id ORDER BY s.position").fetchall()
        table.add_rows(rows)
async def main():
    start = time.perf_counter()
    app = T()
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot._wait_for_screen()
        app.screen._on_timer_update()
        print(time.perf_counter() - start)
asyncio.run(main())
"""

PTY = """
import sys, time, pexpect, pyte, os
screen = pyte.Screen(120, 32); stream = pyte.ByteStream(screen)
cmd, args = sys.executable, ["-m", "workbench", "--db", sys.argv[1]]  # this checkout's code
start = time.perf_counter()
child = pexpect.spawn(cmd, args, dimensions=(32, 120), env={"TERM": "xterm-256color",
    "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": sys.argv[2], "LANG": "C.UTF-8"})
while time.perf_counter() - start < 60:
    try:
        stream.feed(child.read_nonblocking(65536, timeout=0.02))
    except pexpect.TIMEOUT:
        pass
    if any("Arabic · segment" in line for line in screen.display) and any(
            line.startswith("│ ") and " new " in line for line in screen.display):
        break
print(time.perf_counter() - start)
child.kill(9)
"""

PTY_QUIT = """
import sys, time, pexpect, pyte, os
screen = pyte.Screen(120, 32); stream = pyte.ByteStream(screen)
cmd, args = sys.executable, ["-m", "workbench", "--db", sys.argv[1]]  # this checkout's code
child = pexpect.spawn(cmd, args, dimensions=(32, 120), env={"TERM": "xterm-256color",
    "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": sys.argv[2], "LANG": "C.UTF-8"})
def pump(until, limit=60):
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        try:
            stream.feed(child.read_nonblocking(65536, timeout=0.02))
        except pexpect.TIMEOUT:
            pass
        if until("\\n".join(screen.display)):
            return True
    return False
assert pump(lambda t: "Arabic · segment" in t)
child.send("\\x1bOS")  # F4: the filter dialog
assert pump(lambda t: "Filter segments" in t)
child.send("\\t" * 5 + " " + "\\n")  # tick "has QA findings", Ctrl+J applies
assert pump(lambda t: "Filter segments" not in t)
pump(lambda t: False, 1.0)  # the filter's worker is checking every segment now
start = time.perf_counter()
child.send("\\x11")  # Ctrl+Q
child.expect(pexpect.EOF, timeout=600)
print(time.perf_counter() - start)
"""


def _pty(code: str, db: Path, folder: Path) -> tuple[float, str]:
    """Seconds measured by a pty script (pexpect and pyte: the test extra), or NaN and why
    it failed (the last line of its error)."""
    try:
        return float(_child(code, str(db), str(folder / "config")).strip()), ""
    except (RuntimeError, ValueError) as error:
        lines = str(error).strip().splitlines() or ["no figure"]
        return float("nan"), f" (failed: {lines[-1]})"


def run() -> list[Row]:
    folder = workdir("tui")
    code = (
        "import sys; from pathlib import Path; from bench.tui import build; "
        "build(Path(sys.argv[1]))"
    )
    t = time.perf_counter()
    _child(code, str(folder))
    build_seconds = time.perf_counter() - t
    db = folder / "big.db"
    datatable = float(_child(DATATABLE, str(db)).strip())
    pty, pty_failed = _pty(PTY, db, folder)
    pty_quit, pty_quit_failed = _pty(PTY_QUIT, db, folder)
    # Last: the filter given up at Ctrl+Q goes on in a daemon thread of this process.
    rss_before = peak_rss_mb()
    figures = asyncio.run(_measure(db, folder / "config.toml"))
    quit_process = time.perf_counter() - figures["quit_pressed"]  # worker threads joined too
    rss = peak_rss_mb()
    n = int(figures["segments"])
    rows = [
        Row(f"first paint, {n:,} segments (app start to first frame, headless)",
            figures["first_paint"], "s",
            f"DataTable of all rows {datatable:.2f} s", figures["first_paint"] / datatable,
            "< 1 s"),
        Row("first paint in a real pty (process start, imports included)" + pty_failed, pty,
            "s", "", None, ""),
        Row(f"next segment: Alt+Down to repainted frame (median of {MOVES}, 30/s)",
            figures["next_median"] * 1000, "ms", "", None, "< 50 ms"),
        Row("next segment: p95", figures["next_p95"] * 1000, "ms", "", None, "< 50 ms"),
        Row("next segment: max (crossing pages included)", figures["next_max"] * 1000, "ms",
            "", None, ""),
        Row("jump to a segment 1/3 into the document", figures["jump"] * 1000, "ms", "",
            None, ""),
        Row("peak memory of the app process", rss, "MB",
            f"interpreter before the app's imports {rss_before:.0f} MB", None, "< 300 MB"),
        Row("Ctrl+Q during the 'has QA findings' filter: app exited (headless)",
            figures["quit_app"] * 1000, "ms", "", None, "< 1000 ms"),
        Row("  … and its worker threads joined (asyncio.run returned)", quit_process * 1000,
            "ms", "", None, "< 1000 ms"),
        Row("Ctrl+Q during the same filter in a real pty: process exit" + pty_quit_failed,
            pty_quit * 1000, "ms", "", None, "< 1000 ms"),
        Row("build of the project (import + XLIFF translation, child process)",
            build_seconds, "s", "", None, ""),
    ]
    print(f"opened on segment {figures['opened_at']:.0f} (first untranslated), moved to "
          f"{figures['opened_after']:.0f}", file=sys.stderr)
    return rows
