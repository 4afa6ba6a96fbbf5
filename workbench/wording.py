"""Counts in messages: ``1 segment``, ``2 segments``."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, with an ``s`` (or as ``many`` says) unless ``n`` is 1 (thousands
    separated)."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def units_without_a_pair(n: int, lines: list[int], done: str) -> str:
    """The warning of a memory or TMX file's ``n`` units read without both an Arabic and an
    English side, at ``lines`` (the first ten; none for a file without lines, a database):
    ``done`` says what became of them."""
    where = f" (lines {', '.join(map(str, lines))})" if lines else ""
    return (f"{plural(n, 'unit')} without both an Arabic and an English side (or with Arabic "
            f"as the English) {done}{where}")
