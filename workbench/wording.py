"""Counts in messages: ``1 segment``, ``2 segments``."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, with an ``s`` (or as ``many`` says) unless ``n`` is 1 (thousands
    separated)."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"
