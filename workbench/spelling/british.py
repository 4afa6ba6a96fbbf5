"""British spellings flagged by an American (or other English) dictionary: a one-line hint
to check with ``en_GB`` instead, when most of a document's spelling findings are words the
``en_GB`` dictionary accepts (``organising``, ``organisation`` in the sample's draft).

A finding counts as British when the dictionary in use accepts its American form (``-ise`` →
``-ize``, ``-our`` → ``-or``...); the ``en_GB`` dictionary is only looked for, never loaded (a
system one takes about 2 s, which every ``check`` of a British project would pay)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.spelling.dictionary import find_dictionary, load_dictionary, normalise_language
from workbench.wording import plural

BRITISH = "en_GB"

#: British spellings and the American ones they become (one change a word).
_AMERICAN = (
    (re.compile(r"is(e|es|ed|ing|ation|ations|er|ers|able)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    (re.compile(r"(?<=.)our"), "or"),
    (re.compile(r"tre(s?)$"), r"ter\1"),
    (re.compile(r"ll(ed|ing|er|ers|or|ors)$"), r"l\1"),
    (re.compile(r"ence(s?)$"), r"ense\1"),
    (re.compile(r"ogue(s?)$"), r"og\1"),
    (re.compile(r"mme(s?)$"), r"m\1"),
    (re.compile(r"(?<=.)(ae|oe)"), "e"),
)


def american_forms(word: str) -> set[str]:
    """The American spellings ``word`` would have were it British (none when it cannot be)."""
    return {form for pattern, american in _AMERICAN
            if (form := pattern.sub(american, word)) != word}


def british_hint(
    words: Sequence[str], language: str, folders: Iterable[str | Path] = (),
    config_file: Path | None = None,
) -> str | None:
    """The hint to set the ``en_GB`` dictionary when most of ``words`` (the spelling findings'
    words, one a finding) are British spellings: their American form is a word of the
    dictionary in use. None when they are not, when the language in use is not another
    English, or when no ``en_GB`` dictionary is found."""
    wanted = normalise_language(language)
    if not words or not wanted.startswith("en") or wanted.casefold() == BRITISH.casefold():
        return None
    try:
        in_use = load_dictionary(language, folders)
        find_dictionary(BRITISH, folders)  # there to switch to (not loaded)
    except WorkbenchError:  # no en_GB dictionary (or the one in use is unreadable)
        return None
    british = {w for w in set(words) if any(in_use.lookup(f) for f in american_forms(w))}
    found = sum(1 for word in words if word in british)
    if found * 2 <= len(words):
        return None
    are = "is a British spelling" if found == 1 else "are British spellings"
    where = f" ({config_file})" if config_file is not None else ""
    return (f"{found} of the {plural(len(words), 'spelling finding')} {are}: set [spelling] "
            f'language = "{BRITISH}" in the config file{where}')
