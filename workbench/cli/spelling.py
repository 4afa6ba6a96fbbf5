"""``workbench spelling``: the project's word list, suggestions, and the dictionaries found."""

from __future__ import annotations

import click

from workbench.cli.app import db_option, main, print_json
from workbench.errors import WorkbenchError
from workbench.wording import plural


@main.group()
@db_option
def spelling(db: str | None) -> None:  # its commands read --db
    """The English spell checker: the project's word list, suggestions, dictionaries.

    The dictionary is the config's [spelling] language (en_US by default): the system's
    Hunspell dictionary when installed (Debian hunspell-en-us, hunspell-en-gb), else the
    en_US that spylls ships.
    """


@spelling.command("add")
@db_option
@click.argument("words", nargs=-1, required=True)
def add(db: str | None, words: tuple[str, ...]) -> None:
    """Add words to the project's list: they are never flagged as misspelled."""
    from workbench.project import open_project

    with open_project(db) as project:  # all or none: one that is no word is an error
        added = project.spelling.add_words(words)
    for word, new in added:
        click.echo(f"{'added' if new else 'already in the list'}: {word}")


@spelling.command("remove")
@db_option
@click.argument("word")
def remove(db: str | None, word: str) -> None:
    """Take a word off the project's list."""
    from workbench.project import open_project

    with open_project(db) as project:
        project.spelling.remove_word(word)
    click.echo(f"removed: {word.strip()}")


@spelling.command("list")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def list_words(db: str | None, fmt: str) -> None:
    """The project's word list."""
    from workbench.project import open_project

    with open_project(db) as project:
        words = project.spelling.words()
    if fmt == "json":
        print_json([{"word": w.word, "author": w.author, "at": w.at} for w in words])
        return
    for w in words:
        click.echo(f"{w.word}\t{w.author}\t{w.at}")
    click.echo(f"{plural(len(words), 'word')} in the list", err=True)


@spelling.command("suggest")
@db_option
@click.argument("word")
@click.option("--limit", type=click.IntRange(1, 20), default=8, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def suggest(db: str | None, word: str, limit: int, fmt: str) -> None:
    """Whether WORD is spelled right, and suggestions when it is not.

    The verdict is the spelling check's: a hyphenated compound is judged part by part
    (`al-Qaeda`), and numbers, URLs, acronyms and other scripts are never checked."""
    from workbench.project import open_project
    from workbench.spelling.tokens import words

    word = word.strip()
    if not word:
        raise WorkbenchError("nothing to check: give a word")
    if any(c.isspace() for c in word):  # its suggestions would be for the words run together
        raise WorkbenchError(f"{word!r}: give one word at a time")
    looked_at = words(word)
    with open_project(db) as project:
        checker = project.spelling.checker()
        wrong = checker.misspellings(word) if looked_at else []
        correct = not wrong
        # one word with punctuation around it ("recieve."), or cut by a document's tags
        # ("re<2>ciev</2>e"): the suggestions of the word
        whole = len(wrong) == 1 and wrong[0].start <= looked_at[0].start \
            and looked_at[-1].end <= wrong[0].end
        asked = wrong[0].word if whole else word
        suggestions = [] if correct else checker.suggest(asked, limit)
    if fmt == "json":
        print_json({"word": word, "language": checker.language, "correct": correct,
                    "checked": bool(looked_at), "suggestions": suggestions})
        return
    if not looked_at:
        click.echo(f"{word}: never checked (numbers, URLs, e-mail addresses, hashtags, "
                   "acronyms, single letters and other scripts are not)")
    elif correct:  # the dictionary's words, or ones only the project knows
        where = (checker.language if checker.in_dictionary(word)
                 else f"known to the project, not in {checker.language}")
        click.echo(f"{word}: correct ({where})")
    else:
        click.echo(f"{word}: not in {checker.language}; suggestions: "
                   f"{', '.join(suggestions) or '(none)'}")


@spelling.command("languages")
@db_option
def languages(db: str | None) -> None:
    """The Hunspell dictionaries found (the one in use marked with *; a warning when the
    config's language has none)."""
    from workbench.project import open_project
    from workbench.spelling.dictionary import normalise_language

    missing = None
    with open_project(db) as project:
        found = project.spelling.languages()
        current = normalise_language(project.spelling.language)
        if not any(name.casefold() == current.casefold() for name in found):
            try:
                project.spelling.dictionary()
            except WorkbenchError as exc:  # the config file and line that set the language
                missing = exc
    for name, path in sorted(found.items()):
        mark = "*" if name.casefold() == current.casefold() else " "
        click.echo(f"{mark} {name}\t{path}.aff")
    if missing is not None:
        click.echo(f"warning: {missing}", err=True)
