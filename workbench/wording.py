"""Counts in messages: ``1 segment``, ``2 segments``."""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, with an ``s`` unless ``n`` is 1 (thousands separated)."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"
