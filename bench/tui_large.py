"""The TUI on a large, half-done project, as a translator and a reviewer feel it: Ctrl+N (the
next segment still to translate) from the top, and F3 (the reviewer's table) arriving.

The project: 30,000 segments of NTREX-128 and TICO-19 sentences (half of them numbered), their
English as reference:main (import-translation), a working translation of the first 60 %
(translated, through XLIFF) and a glossary of 3,000 terms (bench.glossary's). Figures are the
UI thread's: wall and CPU time of the Ctrl+N action (3 runs, pages of rows not cached), and
for F3 the UI thread's CPU from the key to a quiet screen, the part spent filling the table
when the rows arrive, and its longest stall (the event loop not answering: mostly the garbage
collector's full collections while the worker checks the document). Then F3 again (Escape,
F3) with nothing changed, and once more after one segment's English was changed, and the
editor's "has QA findings" filter: what the findings kept between openings save (the app's
``pair_cache``: only the changed segments are checked again).

    python -m bench tui_large

``BENCH_TUI_LARGE_DB=PATH`` measures a copy of a project built before (its build not timed),
to run old and new code in turn on one project.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bench.common import DATA, ROOT, Row, python, workdir

if TYPE_CHECKING:
    from workbench.project import Project

SEGMENTS = 30_000
TRANSLATED = 0.6
SIZE = (120, 40)


def _pairs() -> list[tuple[str, str]]:
    from workbench.text.segment import segment_text

    pairs = []
    for name in ("ntrex128", "tico19"):
        ar = (DATA / name / "ar.txt").read_text(encoding="utf-8").splitlines()
        en = (DATA / name / "en.txt").read_text(encoding="utf-8").splitlines()
        for a, e in zip(ar, en, strict=True):
            a, e = a.strip(), e.strip()
            if (a and e and a[-1] in ".!?؟" and e[-1] in ".!?" and len(segment_text(a, "ar")) == 1
                    and len(segment_text(e, "en")) == 1):
                pairs.append((a, e))
    return pairs


def build(folder: Path) -> Path:
    """Build the project in ``folder`` (run in a child process)."""
    from bench.glossary import _corpus, synthetic_glossary
    from bench.tui import translate_first
    from workbench.project import Project

    pairs = _pairs()
    rng = random.Random(5)
    ar_pars, en_pars = [], []
    for start in range(0, SEGMENTS, 8):
        chunk = []
        for i in range(start, min(start + 8, SEGMENTS)):
            a, e = pairs[i % len(pairs)]
            if rng.random() < 0.5:
                a, e = f"{a[:-1]} {i}{a[-1]}", f"{e[:-1]} {i}{e[-1]}"
            chunk.append((a, e))
        ar_pars.append(" ".join(a for a, _ in chunk))
        en_pars.append(" ".join(e for _, e in chunk))
    (folder / "doc.ar.txt").write_text("\n".join(ar_pars) + "\n", encoding="utf-8")
    (folder / "doc.en.txt").write_text("\n".join(en_pars) + "\n", encoding="utf-8")
    glossary = synthetic_glossary(*_corpus(), size=3000)
    (folder / "glossary.tsv").write_text(
        "".join(f"{e.term}\t{e.rendering}\n" for e in glossary.entries), encoding="utf-8")
    db = folder / "big.db"
    with Project.open(db, create=True, author="bench") as project:
        project.import_document(folder / "doc.ar.txt", "big")
        project.import_translation(folder / "doc.en.txt", "big", "reference")
        translate_first(project, folder, [e for _, e in pairs], rng, TRANSLATED)
    subprocess.run([sys.executable, "-m", "workbench", "glossary", "--db", str(db), "import",
                    str(folder / "glossary.tsv")], check=True, cwd=ROOT, capture_output=True)
    return db


def _edit(segment_id: int, project: Project) -> None:
    project.save_draft(segment_id, "An English edited since.")


async def _measure(db: Path, config_path: Path) -> dict[str, float]:
    from bench.tui import _quiet
    from workbench.config import Config
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.screens.review import ReviewScreen

    out: dict[str, float] = {}
    stall = [0.0]
    arrived = [0.0]
    on_loaded = ReviewScreen.on_loaded

    def timed_on_loaded(screen: ReviewScreen, message: object) -> None:
        cpu = time.thread_time()
        on_loaded(screen, message)  # type: ignore[arg-type]
        arrived[0] += time.thread_time() - cpu

    ReviewScreen.on_loaded = timed_on_loaded  # type: ignore[method-assign]

    async def watch() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            stall[0], last = max(stall[0], now - last - 0.002), now

    app = WorkbenchApp(db, config=Config(path=config_path), direction="app", author="bench")
    async with app.run_test(size=SIZE) as pilot:
        await pilot._wait_for_screen()
        await _quiet(app)
        editor = app.editor
        assert editor is not None and editor.rows is not None
        walls, cpus = [], []
        for _ in range(3):
            editor.open_segment(editor.rows.ids[0])
            await _quiet(app)
            await pilot.pause()
            editor.rows.clear()
            cpu, wall = time.thread_time(), time.perf_counter()
            editor.action_next_open()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.thread_time() - cpu)
        out["next_open_wall"] = statistics.median(walls)
        out["next_open_cpu"] = statistics.median(cpus)
        out["next_open_at"] = editor.current.position
        watcher = asyncio.get_running_loop().create_task(watch())
        await pilot.pause()
        stall[0] = 0.0
        cpu, wall, work = time.thread_time(), time.perf_counter(), time.process_time()
        await pilot.press("f3")
        await _quiet(app)
        await pilot.pause()
        await _quiet(app)
        out["review_wall"] = time.perf_counter() - wall
        out["review_ui_cpu"] = time.thread_time() - cpu
        out["review_cpu"] = time.process_time() - work
        out["review_stall"] = stall[0]
        out["review_arrived"] = arrived[0]
        for name in ("review_again", "review_edited"):
            await pilot.press("escape")
            await _quiet(app)
            if name == "review_edited":  # one segment's English changed since
                app.service.write(partial(_edit, editor.rows.ids[0]))
            await pilot.pause()
            cpu, wall, work = time.thread_time(), time.perf_counter(), time.process_time()
            await pilot.press("f3")
            await _quiet(app)
            await pilot.pause()
            await _quiet(app)
            out[f"{name}_wall"] = time.perf_counter() - wall
            out[f"{name}_ui_cpu"] = time.thread_time() - cpu
            out[f"{name}_cpu"] = time.process_time() - work
        await pilot.press("escape")
        await _quiet(app)
        wall, work = time.perf_counter(), time.process_time()
        editor.apply_filter(has_findings=True)
        await _quiet(app)
        await pilot.pause()
        out["filter_wall"] = time.perf_counter() - wall
        out["filter_cpu"] = time.process_time() - work
        watcher.cancel()
    return out


def run() -> list[Row]:
    folder = workdir("tui_large")
    code = ("import sys; from pathlib import Path; from bench.tui_large import build; "
            "build(Path(sys.argv[1]))")
    t = time.perf_counter()
    built = os.environ.get("BENCH_TUI_LARGE_DB")
    if built:
        shutil.copy(built, folder / "big.db")
    else:
        python("-c", code, str(folder), timeout=1800)
    build_seconds = float("nan") if built else time.perf_counter() - t
    figures = asyncio.run(_measure(folder / "big.db", folder / "config.toml"))
    return [
        Row(f"Ctrl+N from segment 1 to {figures['next_open_at']:,.0f}: UI thread, wall",
            figures["next_open_wall"] * 1000, "ms", "", None, "< 100 ms"),
        Row("  … UI thread CPU", figures["next_open_cpu"] * 1000, "ms", "", None, ""),
        Row("F3: reviewer's table of 5,000 rows shown (key to quiet screen, whole-document "
            "check included)", figures["review_wall"], "s", "", None, ""),
        Row("  … CPU of the process meanwhile (all threads: the check in the worker too)",
            figures["review_cpu"], "s", "", None, ""),
        Row("  … UI thread CPU meanwhile", figures["review_ui_cpu"], "s", "", None, ""),
        Row("  … of which the rows' arrival (ReviewScreen.on_loaded: the table filled)",
            figures["review_arrived"] * 1000, "ms", "", None, ""),
        Row("  … longest stall of the UI thread", figures["review_stall"] * 1000, "ms", "",
            None, ""),
        Row("F3 again (Escape, F3: nothing changed since), key to quiet screen",
            figures["review_again_wall"], "s", "", None, ""),
        Row("  … CPU of the process meanwhile", figures["review_again_cpu"], "s", "", None, ""),
        Row("  … UI thread CPU meanwhile", figures["review_again_ui_cpu"], "s", "", None, ""),
        Row("F3 again after one segment's English was changed, key to quiet screen",
            figures["review_edited_wall"], "s", "", None, ""),
        Row("  … CPU of the process meanwhile", figures["review_edited_cpu"], "s", "", None, ""),
        Row("  … UI thread CPU meanwhile", figures["review_edited_ui_cpu"], "s", "", None, ""),
        Row("then the editor's \"has QA findings\" filter, to the view shown",
            figures["filter_wall"], "s", "", None, ""),
        Row("  … CPU of the process meanwhile", figures["filter_cpu"], "s", "", None, ""),
        Row("build of the project (child process)", build_seconds, "s", "", None, ""),
    ]
