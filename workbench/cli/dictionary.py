"""``workbench dictionary``: the project's bilingual dictionaries, and look-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from workbench.cli.app import db_option, main, print_json
from workbench.wording import plural

if TYPE_CHECKING:
    from workbench.dictionary import DictEntry


@main.group()
@db_option
def dictionary(db: str | None) -> None:  # its commands read --db
    """Add, list, remove the project's dictionaries; look words up (dictd, StarDict, DSL,
    TEI, TSV)."""


@dictionary.command("add")
@db_option
@click.argument("path", type=click.Path(readable=False))
@click.option("--name", help="The name to know it by (default: from the file name).")
def add_dictionary(db: str | None, path: str, name: str | None) -> None:
    """Remember the dictionary at PATH (any file of its set) in the project."""
    from workbench.project import open_project

    with open_project(db) as project:
        info = project.dictionaries.add(path, name)
    click.echo(f"added dictionary {info.name!r} ({info.describe()}) from {info.path}")
    if info.direction == "none":  # a file of another language pair, most likely
        click.echo(f"warning: dictionary {info.name!r} has no Arabic in its headwords or senses:"
                   " Arabic words are not found in it (not Arabic–English or English–Arabic?)",
                   err=True)


@dictionary.command("list")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def list_dictionaries(db: str | None, fmt: str) -> None:
    """List the project's dictionaries."""
    from workbench.project import open_project

    with open_project(db) as project:
        infos = project.dictionaries.list(read=True)
    if fmt == "json":
        print_json([i.as_json() for i in infos])
        return
    if not infos:
        from workbench.dictionary.installed import add_hint

        click.echo(f"no dictionaries; add one with: {add_hint()}")
        return
    for i in infos:
        missing = ("  [missing]" if not i.available
                   else "  [cannot be read]" if i.direction is None else "")
        direction = {"en-ar": "English-Arabic (read backwards)", "ar-en": "Arabic-English",
                     "none": "no Arabic"}
        click.echo(f"{i.name}\t{i.format}\t{plural(i.headwords, 'headword')}\t"
                   f"{direction.get(i.direction or '', '?')}\t{i.path}{missing}")


@dictionary.command("remove")
@db_option
@click.argument("name")
def remove_dictionary(db: str | None, name: str) -> None:
    """Forget the dictionary NAME (its files are left alone)."""
    from workbench.project import open_project

    with open_project(db) as project:
        removed = project.dictionaries.remove(name)
    click.echo(f"removed dictionary {removed!r}")


@dictionary.command("lookup")
@db_option
@click.argument("word")
@click.option("--dictionary", "paths", multiple=True, type=click.Path(readable=False),
              help="A dictionary file to use instead of the project's (repeatable, each set "
                   "read once; then no project is needed).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def lookup(db: str | None, word: str, paths: tuple[str, ...], fmt: str) -> None:
    """Look WORD (or a phrase) up, through Arabic clitics and suffixes."""
    if not word.strip():
        raise click.BadParameter("give a word or a phrase to look up", param_hint="WORD")
    related: list[DictEntry] = []
    if paths:
        from workbench.dictionary import open_lexicon

        lexicon = open_lexicon(list(paths))
        entries = lexicon.lookup(word)
        if not entries and fmt == "table":
            related = lexicon.related(word)
    else:
        from workbench.project import open_project

        with open_project(db) as project:
            if not project.dictionaries.list():
                from workbench.dictionary.installed import add_hint
                from workbench.errors import WorkbenchError

                raise WorkbenchError(  # naming one installed here, as `list` does
                    f"{project.path}: no dictionaries; add one with: {add_hint()}, "
                    "or give --dictionary PATH")
            entries = project.dictionaries.lookup_entries(word)
            if not entries and fmt == "table":
                related = project.dictionaries.related_entries(word)
            for name, problem in project.dictionaries.unusable():
                click.echo(f"warning: dictionary {name!r} {problem}: not looked in",
                           err=True)
    if fmt == "json":
        print_json({"query": word, "entries": [e.as_json() for e in entries]})
        return
    if not entries:
        click.echo(f"{word}: not found")
        if not related:
            return
        click.echo("related headwords (the same consonants, not this word):")
        entries = related
    for e in entries:
        ipa = f"  /{e.pronunciation}/" if e.pronunciation else ""
        click.echo(f"{e.headword}{ipa}  [{e.dictionary}]")
        for n, sense in enumerate(e.senses, start=1):
            click.echo(f"  {n}. {sense}")
        for example in e.examples:
            click.echo(f"     e.g. {example}")
