"""How long the TUI's keys take to answer on the bundled sample project, at 80x24: for each
key, the CPU time and the wall time from the press to the app idle again (the screen or
dialog it opens drawn), the median of five presses, each followed by the key that closes
what it opened. Driven headless with Textual's pilot, its idle looks shortened to 2 ms. The
CPU time is the whole process's: a background job the key starts (the reviewer's and the
scores' checks and scoring, in workers) counts when it runs before the app is idle.

    python -m bench tui_keys
"""

from __future__ import annotations

import asyncio
import resource
import statistics
import time
from pathlib import Path

from bench.common import Row, workdir

SIZE = (80, 24)
PRESSES = 5
TARGET_MS = 100.0
# (what the key does, the key, the key that closes what it opened or None)
KEYS = [
    ("next segment", "alt+down", None),
    ("insert a glossary term", "ctrl+g", None),
    ("Help", "f1", "escape"),
    ("reviewer", "f3", "escape"),
    ("filter dialog", "f4", "escape"),
    ("search dialog", "ctrl+f", "escape"),
    ("export dialog", "f12", "escape"),
    ("glossary chooser", "ctrl+l", "escape"),
    ("segment's history", "alt+h", "escape"),
    ("scores screen", "ctrl+t", "escape"),
]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _measure(db: Path, config_path: Path) -> dict[str, tuple[float, float]]:
    """Median (CPU ms, wall ms) of each key of :data:`KEYS`."""
    import textual._wait

    from workbench.config import Config
    from workbench.tui.app import WorkbenchApp

    textual._wait.SLEEP_GRANULARITY = 0.002  # pilot's idle looks: 2 ms, not 20
    out: dict[str, tuple[float, float]] = {}
    app = WorkbenchApp(db, config=Config(path=config_path), direction="app", author="bench")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(2.0)  # the panels, spelling and memories prepared
        for what, key, close in KEYS:
            cpu, wall = [], []
            for _ in range(PRESSES):
                t, c = time.perf_counter(), _cpu()
                await pilot.press(key)
                wall.append((time.perf_counter() - t) * 1000)
                cpu.append((_cpu() - c) * 1000)
                await pilot.pause(0.5)
                if close:
                    await pilot.press(close)
                    await pilot.pause(0.5)
            out[what] = (statistics.median(cpu), statistics.median(wall))
    return out


def run() -> list[Row]:
    from workbench.project.sample import build_sample

    folder = workdir("tui_keys")
    db = folder / "segments.db"
    build_sample(db, folder=Path(__file__).resolve().parent.parent)
    figures = asyncio.run(_measure(db, folder / "config.toml"))
    return [
        Row(f"{what} ({key}) at 80x24: CPU, median of {PRESSES}", cpu, "ms",
            f"wall {wall:.0f} ms", None, f"< {TARGET_MS:.0f} ms")
        for (what, key, _), (cpu, wall) in zip(KEYS, figures.values(), strict=True)
    ]
