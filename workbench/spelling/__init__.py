"""English spelling: Hunspell dictionaries (through spylls) and the words a project knows.

Pure: takes texts and word lists, returns spans and suggestions. The project service
(:mod:`workbench.project.spelling`) builds a :class:`SpellChecker` with the project's words;
the QA check ``spelling`` (:mod:`workbench.glossary.checks.spelling`) uses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from workbench.spelling.checker import SpellChecker
from workbench.spelling.dictionary import (
    DEFAULT_LANGUAGE,
    HunspellDictionary,
    find_dictionaries,
    load_dictionary,
    load_dictionary_files,
)
from workbench.spelling.tokens import WordSpan, latin_words, phrase_words, words

if TYPE_CHECKING:
    from workbench.glossary.model import Entry


def glossary_english(entries: Iterable[Entry]) -> list[str]:
    """The English a glossary makes known: renderings, and forbidden renderings too (the
    glossary checks report those; the spell checker does not flag them a second time)."""
    out: list[str] = []
    for entry in entries:
        out.append(entry.rendering)
        out += entry.forbidden
    return out

__all__ = [
    "DEFAULT_LANGUAGE",
    "HunspellDictionary",
    "SpellChecker",
    "WordSpan",
    "find_dictionaries",
    "glossary_english",
    "latin_words",
    "load_dictionary",
    "load_dictionary_files",
    "phrase_words",
    "words",
]
