"""Names and words of the Arabic world as English writes them, known to every spell check."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def arabic_world_words() -> tuple[str, ...]:
    """The words of ``workbench/data/arabic-names.txt`` (Mohammed, Riyadh, Eid, al-…), which
    Hunspell's English dictionaries mostly lack."""
    text = (files("workbench") / "data" / "arabic-names.txt").read_text(encoding="utf-8")
    return tuple(w for line in text.splitlines() if not line.startswith("#")
                 for w in line.split())
