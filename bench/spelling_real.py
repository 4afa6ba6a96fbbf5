"""The ``spelling`` check on the repository's real English translations: its findings per
text, and how many typos put into them it catches (``python -m bench spelling_real``).

Each English sentence is checked with the Arabic it translates (NTREX-128 and TICO-19 line by
line; UDHR, Hayy, Hayy2, Nights through their gold links), as a document through
``qa.run_document``, by the en_US that spylls ships (the same on every machine) with the
built-in names of the Arabic world, as file mode checks. Typos (two letters swapped, a letter
left out or doubled; one a segment, seeded) are put into three kinds of word in turn: a word
of six lower-case letters or more, a capitalised dictionary word inside a sentence, and the
letters of an elided past tense (Ockley's ``call'd``); a typo is caught when a finding holds
it. A typo that makes another word (``though``, ``derived``) cannot be caught by a spell check.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from bench.common import DATA, Row
from workbench.glossary.qa import check_ids, run_document
from workbench.spelling import SpellChecker
from workbench.spelling.dictionary import bundled_folders, load_dictionary_files
from workbench.spelling.names import arabic_world_words

TEXTS = ("ntrex128", "tico19", "udhr", "hayy", "hayy2", "nights")
# Where a typo is put (its word's letters are the match).
PLACES = {
    "a lower-case word": r"(?<![\w'’-])[a-z]{6,}(?![\w'’-])",
    "a capitalised dictionary word": r"(?<=[a-z,;] )[A-Z][a-z]{5,}(?![\w'’-])",
    "an elided past tense": r"(?<![\w'’-])[a-z]{5,}(?=['’]d\b)",
}


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def text_pairs(name: str) -> list[tuple[str, str]]:
    """(Arabic, English) of each English line of ``corpora/NAME``: the Arabic of the same line,
    or of the lines its gold links give (empty when none)."""
    ar, en = _lines(DATA / name / "ar.txt"), _lines(DATA / name / "en.txt")
    gold = DATA / name / "gold.tsv"
    if not gold.exists():
        return [(a, e) for a, e in zip(ar, en, strict=True) if e]
    source: dict[int, str] = {}
    for row in gold.read_text(encoding="utf-8").splitlines():
        if row.startswith("#") or "\t" not in row:
            continue
        a_side, e_side = row.split("\t")
        arabic = " ".join(ar[int(i)] for i in a_side.split(",") if i)
        for j in e_side.split(","):
            if j:
                source[int(j)] = arabic
    return [(source.get(j, ""), e) for j, e in enumerate(en) if e]


def with_typos(pairs: list[tuple[str, str]], pattern: str, keep: Callable[[str], bool],
               seed: int = 7) -> tuple[list[tuple[str, str]], list[str]]:
    """The pairs whose English holds a word matching ``pattern`` that ``keep`` accepts, one
    such word of each given a typo; and the typos."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    typos: list[str] = []
    for arabic, english in pairs:
        found = [m for m in re.finditer(pattern, english) if keep(m.group())]
        if not found:
            continue
        m = rng.choice(found)
        word = m.group()
        k = rng.randrange(1, len(word) - 2)
        kind = rng.randrange(3)
        typo = (word[:k] + word[k + 1] + word[k] + word[k + 2:] if kind == 0
                else word[:k] + word[k + 1:] if kind == 1 else word[:k] + word[k] + word[k:])
        if typo != word:
            out.append((arabic, english[: m.start()] + typo + english[m.end():]))
            typos.append(typo)
    return out, typos


def findings(pairs: list[tuple[str, str]], speller: SpellChecker) -> list[list[str]]:
    """The words the ``spelling`` check flags in each pair, the pairs checked as a document."""
    skip = [c for c in check_ids() if c != "spelling"]
    result = run_document(pairs, matcher=None, skip=skip, speller=speller)
    return [[f.found or "" for f in fs] for fs in result.findings]


def run() -> list[Row]:
    folder = next(f for f in bundled_folders() if (f / "en_US.aff").is_file())
    dictionary = load_dictionary_files(folder / "en_US", "en_US")
    rows: list[Row] = []
    for name in TEXTS:
        pairs = text_pairs(name)
        found = findings(pairs, SpellChecker(dictionary, names=arabic_world_words()))
        flat = [w for ws in found for w in ws]
        rows.append(Row(f"{name}: findings in {len(pairs)} segments ({len(set(flat))} distinct "
                        "words)", len(flat), "findings"))
        for place, pattern in PLACES.items():
            keep = dictionary.lookup if "capitalised" in place else bool
            typed, typos = with_typos(pairs, pattern, keep)
            if not typos:
                continue
            flagged = findings(typed, SpellChecker(dictionary, names=arabic_world_words()))
            caught = sum(any(typo in w for w in ws) for typo, ws in zip(typos, flagged,
                                                                           strict=True))
            rows.append(Row(f"  typos caught in {place} ({caught} of {len(typos)})",
                            100 * caught / len(typos), "%"))
    return rows
