"""Word-list alignment sets where lengths say little: each Arabic line holds four words of a
small dictionary; its English gives their translations in one sentence or split in two, with
filler phrases of random length. Shared by the dictionary tests."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

FILLERS = ["and so it was", "as they say", "in those days", "it seemed", "once more",
           "by and by", "as ever", "for a while", "at last", "in the end"]

Gold = set[tuple[tuple[int, ...], tuple[int, ...]]]


def write_dictionary(path: Path, words: dict[str, str]) -> Path:
    """``words`` as a TSV dictionary (Arabic, English) at ``path``."""
    path.write_text("".join(f"{a}\t{e}\n" for a, e in words.items()), encoding="utf-8")
    return path


def word_set(
    words: dict[str, str], *, seed: int, lines: int,
    arabic: Callable[[random.Random, list[str]], str],
    english: Callable[[list[str]], str],
) -> tuple[list[str], list[str], Gold]:
    """Arabic lines (``arabic``: the line of four words), their English (``english``: a
    sentence of their translations, before its filler) and the gold links."""
    rng = random.Random(seed)
    vocab = list(words)
    ar: list[str] = []
    en: list[str] = []
    gold: Gold = set()
    for _ in range(lines):
        chosen = rng.sample(vocab, 4)
        ar.append(arabic(rng, chosen))
        translations = [words[w] for w in chosen]
        filler = " ".join(rng.sample(FILLERS, rng.randint(0, 5)))
        a = len(ar) - 1
        if rng.random() < 0.35:  # one Arabic line, two English sentences
            cut = rng.randint(1, 3)
            en.append(f"{english(translations[:cut])}.")
            en.append(f"{english(translations[cut:])} {filler}.")
            gold.add(((a,), (len(en) - 2, len(en) - 1)))
        else:
            en.append(f"{english(translations)} {filler}.")
            gold.add(((a,), (len(en) - 1,)))
    return ar, en, gold


def strict_f1(links: list, gold: Gold) -> float:
    """Strict link F1 of ``links`` against ``gold``."""
    found = {(tuple(a), tuple(e)) for a, e in links}
    return 2 * len(found & gold) / (len(found) + len(gold))


def second_pass_scorer(aligner: Any) -> Any:
    """Run ``aligner`` (a TwoPassAligner) and return the scorer of its second pass."""
    scorers: list[Any] = []
    real = type(aligner)._next_scorer

    def keep(*args: Any, **kwargs: Any) -> Any:
        scorer = real(aligner, *args, **kwargs)
        scorers.append(scorer)
        return scorer

    aligner._next_scorer = keep
    aligner.run()
    return scorers[0]
