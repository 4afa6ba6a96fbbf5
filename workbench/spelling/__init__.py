"""English spelling: Hunspell dictionaries (through spylls) and the words a project knows.

Pure: takes texts and word lists, returns spans and suggestions. The project service
(:mod:`workbench.project.spelling`) builds a :class:`SpellChecker` with the project's words;
the QA check ``spelling`` (:mod:`workbench.glossary.checks.spelling`) uses it.
"""

from __future__ import annotations

from workbench.spelling.checker import SpellChecker
from workbench.spelling.dictionary import (
    DEFAULT_LANGUAGE,
    HunspellDictionary,
    find_dictionaries,
    load_dictionary,
    load_dictionary_files,
)
from workbench.spelling.tokens import WordSpan, latin_words, phrase_words, words

__all__ = [
    "DEFAULT_LANGUAGE",
    "HunspellDictionary",
    "SpellChecker",
    "WordSpan",
    "find_dictionaries",
    "latin_words",
    "load_dictionary",
    "load_dictionary_files",
    "phrase_words",
    "words",
]
