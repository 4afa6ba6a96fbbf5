"""Every command's --help as a user reads it: what it says matches what the command does."""

from __future__ import annotations

import click

from tests.conftest import run_cli
from workbench.cli import main


def _helps() -> dict[str, str]:
    """Each command's and group's help text, by its command line."""
    out: dict[str, str] = {}

    def walk(cmd: click.Command, path: list[str], parent: click.Context | None) -> None:
        ctx = click.Context(cmd, info_name=path[-1], parent=parent)
        out[" ".join(path)] = cmd.get_help(ctx)
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                assert sub is not None
                walk(sub, [*path, name], ctx)

    walk(main, ["workbench"], None)
    return out


def test_no_help_shows_docstring_markup() -> None:
    """Docstrings become the help: reST's ``double backquotes`` would be shown as typed."""
    shown = [name for name, text in _helps().items() if "``" in text]
    assert shown == []


def test_import_help_says_macro_enabled_word_files_are_refused() -> None:
    """``.docm``/``.dotm`` are known only to be refused (save as .docx): the help said they
    were DOCX endings like any other."""
    result = run_cli("import", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "(.docx, .dotx; .docm and .dotm, macro-enabled, refused)" in text
