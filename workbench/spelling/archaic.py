"""Older English the dictionaries leave out: the elided past tense of verse and of prose
before about 1800 (``call'd``, ``us'd``, ``ty'd`` in Ockley's *Hayy ibn Yaqzan*, 1708), and
the second person singular of the King James Bible and of Burton (``knowest``, ``sayest``,
``desirest``). A word is right when the dictionary holds the full form it stands for and,
for a verb ending, the stem is a verb: a typo in its letters (``examn'd``) is still flagged."""

from __future__ import annotations

from collections.abc import Callable


def elided_forms(word: str) -> tuple[str, ...]:
    """The past tenses an elided ``word`` stands for (``call'd`` → ``called``, ``us'd`` →
    ``used``, ``ty'd`` → ``tied``); none unless it ends in ``'d`` after two letters."""
    if len(word) < 4 or word[-1] != "d" or word[-2] not in "'’" or not word[-3].isalpha():
        return ()
    stem = word[:-2]
    if stem[-1] in "yY" and len(stem) > 1:
        return (stem + "ed", stem[:-1] + "ied")
    return (stem + "ed",)


def second_person_stems(word: str) -> tuple[str, ...]:
    """The verbs ``word`` may be the old second person singular of (``knowest`` → ``know``,
    ``seest`` → ``see``, ``desirest`` → ``desire``), or none."""
    lower = word.lower()
    if len(lower) < 5 or not lower.endswith("st"):
        return ()
    stems = [lower[:-2]] if lower[-3] == "e" else []  # see-st, desire-st
    if lower.endswith("est"):
        stems.append(lower[:-3])  # know-est, bring-est
    return tuple(stems)


def is_archaic(word: str, lookup: Callable[[str], bool]) -> bool:
    """Whether ``word`` is an elided past tense or an old second person singular of a word
    ``lookup`` (the dictionary) holds: the past tense itself, or a verb (its ``-ing`` form is
    a word too, so that a superlative's typo, ``bigest``, is not taken for one)."""
    if any(lookup(form) for form in elided_forms(word)):
        return True
    return any(lookup(stem) and _is_verb(stem, lookup) for stem in second_person_stems(word))


def _is_verb(stem: str, lookup: Callable[[str], bool]) -> bool:
    """Whether ``stem`` has an ``-ing`` form in the dictionary (``know``, ``desire``)."""
    return lookup(stem + "ing") or (stem.endswith("e") and lookup(stem[:-1] + "ing"))
