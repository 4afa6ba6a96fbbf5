"""The ``workbench`` command group, shared options, and error handling."""

from __future__ import annotations

import atexit
import contextlib
import errno
import io
import json
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

import click
from click.core import ParameterSource

from workbench.errors import EXIT_CRASH, WorkbenchError

EXIT_ERROR = 2


class _Id(click.IntRange):
    """A whole number: ``5-7`` is "not a valid integer" (click's IntRange said "not a valid
    integer range", as if a range of ids were read somewhere)."""

    name = "integer"


ID = _Id(max=2**63 - 1)
"""A segment's, change's, revision's or error's id: no larger than the store's integers (a
larger one crashed the query; now click's usage error, exit 2)."""

# Command modules register their commands on ``main`` when imported; they are imported on first
# use so that start-up stays light (``workbench score`` loads neither the store nor the TUI).
# ``register(module, *names)`` (in cli/__init__.py): asking for one of ``names`` imports only that
# module; help, completion or any other name imports every registered module.
COMMAND_MODULES: list[str] = []
LAZY_COMMANDS: dict[str, str] = {}


def register(module: str, *commands: str) -> None:
    """Declare a command module and the command names it defines."""
    if module not in COMMAND_MODULES:
        COMMAND_MODULES.append(module)
    for name in commands:
        LAZY_COMMANDS[name] = module


def load_commands(name: str | None = None) -> None:
    """Import the module of command ``name`` (None or an unknown name: every module)."""
    import importlib

    module = LAZY_COMMANDS.get(name) if name is not None else None
    for mod in [module] if module else COMMAND_MODULES:
        importlib.import_module(mod)


#: C0 and C1 control characters but tab and newline: an English file's stray ESC or BEL
#: (stored as given) is shown ``¤`` in tables, as in the TUI, never sent to the terminal raw.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def __getattr__(name: str) -> Any:
    """``console`` and ``err_console`` (rich) are built on first use: rich costs start-up time."""
    if name in ("console", "err_console"):
        from rich.console import Console
        from rich.text import Text

        class _Console(Console):
            def on_broken_pipe(self) -> None:  # rich's own exits 1: "findings" to ``check``
                reader_gone()

            def render(self, renderable: Any, options: Any = None) -> Any:
                """Each text (a table's cell, a title) with its control characters shown
                ``¤``, before it is laid out: the widths hold."""
                if isinstance(renderable, str) and CONTROLS.search(renderable):
                    renderable = CONTROLS.sub("¤", renderable)
                elif isinstance(renderable, Text) and CONTROLS.search(renderable.plain):
                    renderable = renderable.copy()
                    renderable.plain = CONTROLS.sub("¤", renderable.plain)
                return super().render(renderable, options)

        # emoji=False: text between colons is the user's (``draft:A:`` is not 🅰, nor
        # ``Warning:fire:`` a flame)
        value = _Console(stderr=name == "err_console", emoji=False)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Text parameters naming what the project may have named after a file (a document, a
#: memory): a byte that is not UTF-8 becomes U+FFFD, as it did in the name made of the file's.
NAME_PARAMS = frozenset({"doc", "memories"})
#: Text parameters that are paths or URLs (the system's bytes, passed on as they are).
PATH_PARAMS = frozenset({"db", "source", "destination", "refs"})


def _not_utf8(value: str) -> bool:
    """Whether ``value`` holds bytes of the command line that were not UTF-8."""
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def _utf8_value(param: click.Parameter, value: Any) -> Any:
    """A text parameter's value in UTF-8: a name's stray bytes as U+FFFD; any other text with
    such bytes (a Windows-1256 word, say) refused with one line naming the parameter."""
    if isinstance(value, tuple):
        return tuple(_utf8_value(param, v) for v in value)
    if not isinstance(value, str) or not _not_utf8(value):
        return value
    if param.name in NAME_PARAMS:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    hint = (max(param.opts, key=len) if isinstance(param, click.Option)
            else (param.name or "argument").upper())
    return utf8_text(hint, value)


def utf8_text(hint: str, value: str) -> str:
    """``value`` when it is UTF-8 text; else a one-line error naming ``hint`` (the option)."""
    if not _not_utf8(value):
        return value
    raw = value.encode("utf-8", "surrogateescape")
    raise WorkbenchError(f"{hint}: not UTF-8 text ({raw!r}); give it in UTF-8 (iconv -f "
                         "WINDOWS-1256 -t UTF-8, say)")


class WorkbenchCommand(click.Command):
    """A command whose text parameters are checked for bytes that are not UTF-8 (a legacy
    code page's word, a name out of a ZIP): stored or sent to SQLite, they crashed it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        for param in self.params:
            if param.name in ctx.params and param.name not in PATH_PARAMS and not isinstance(
                    param.type, (click.Path, click.File)):
                ctx.params[param.name] = _utf8_value(param, ctx.params[param.name])
        return rest


class _SubGroup(click.Group):
    """A command group under ``workbench`` (``tm``, ``glossary``...): its commands check their
    text as :class:`WorkbenchCommand` does."""

    command_class = WorkbenchCommand


class WorkbenchGroup(click.Group):
    """A click group that turns WorkbenchError into a one-line message and exit code 2."""

    command_class = WorkbenchCommand
    group_class = _SubGroup

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        load_commands(cmd_name)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        load_commands()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        _hold_stdout()
        _printable_file_names()
        commits = _commits()
        try:
            with _stopped_by_signals():
                result = super().invoke(ctx)
        except BrokenPipeError:
            reader_gone()
        except WorkbenchError as exc:
            fail(str(exc))
        except KeyboardInterrupt as exc:
            interrupted(_commits() > commits, getattr(exc, "signum", signal.SIGINT))
        except (click.exceptions.Exit, SystemExit):
            _flush_stdout()  # check's exit 1 or 0 holds only once the report is out
            raise
        except (click.ClickException, click.Abort):
            raise  # --help, a usage error: click's own (and no store import)
        except Exception as exc:
            from workbench.store.db import is_database_failure, project_error

            if not is_database_failure(exc):
                crashed()  # a bug (in a query, say): the traceback is wanted
            fail(str(project_error(exc)))
        _flush_stdout()
        return result


class FilePath(click.Path):
    """A file argument or option: a folder (or ``-``) given for it is the usual one-line
    error naming it (``workbench: error: PATH: a folder, not a file``), not a usage error.
    Whether the file can be read is the command's to report, as a missing file is."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, readable=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> Any:
        if value == "-":
            raise WorkbenchError("-: give a file name (standard input and output are not read "
                                 "or written)")
        if value == "":  # a script's unset variable ("$FILE"): no folder, as "." would be
            name = param.get_error_hint(ctx).strip("'") if param and ctx else "FILE"
            raise WorkbenchError(f"{name}: an empty file name; give the path of a file")
        try:
            path = super().convert(value, param, ctx)
        except click.BadParameter:
            raise WorkbenchError(f"{value}: a folder, not a file") from None
        try:
            os.stat(path)
        except OSError as exc:  # a missing file is the command's to report
            if exc.errno == errno.ENAMETOOLONG:
                raise WorkbenchError(f"{value}: file name too long") from None
        return path


def abbreviations_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--abbreviations FILE``: more abbreviations for the sentence splitter."""
    return click.option(
        "--abbreviations", type=FilePath(),
        help="A TSV of extra abbreviations for the sentence splitter (the columns of the "
        "bundled workbench/text/abbreviations.tsv).")(fn)


def note_first_document(project: Any, doc: str | None) -> None:
    """Without ``--doc`` in a project of several documents, say on stderr which one the
    command works on (the first), so that nobody takes it for the whole project."""
    if doc is not None:
        return
    names = [d.name for d in project.documents()]
    if len(names) > 1:
        listed = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
        click.echo(f"workbench: document {names[0]!r}, the first of {len(names)} ({listed}); "
                   "--doc NAME for another", err=True)


def fail(message: str) -> NoReturn:
    """Print ``workbench: error: MESSAGE`` on stderr and exit with code 2."""
    click.echo(f"workbench: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def crashed() -> NoReturn:
    """A bug: print the exception's traceback to stderr and exit with ``EXIT_CRASH``."""
    import traceback

    traceback.print_exc()
    sys.exit(EXIT_CRASH)


def reader_gone() -> NoReturn:
    """Standard output's reader went away (``workbench check | head -1``): stop quietly with
    128 + SIGPIPE, as a process that signal ended, never 1 (which is "findings" to ``check``
    and ``lqa report``); stdout is pointed at /dev/null so that the exit flushes nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(128 + getattr(signal, "SIGPIPE", 13))


def _printable_file_names() -> None:
    """A file name that is not UTF-8 (``caf\\xe9.txt``) in what a command prints is written as
    stderr writes it (``caf\\udce9.txt``), where a UTF-8 locale's strict stdout ended the
    command with a traceback."""
    if getattr(sys.stdout, "errors", None) == "strict" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")


#: What a command prints into a pipe or a file is held up to this much (a pipe's capacity).
HELD_BYTES = 64 * 1024


class _HeldOutput(io.TextIOWrapper):
    """Standard output into a pipe or a file, held until the command ends (or ``HELD_BYTES``
    fill it): click and rich flush after each print, which wrote a report in several pieces,
    and a reader taking its first line and going (``check | head -1``) between two of them
    made a short report's command exit 141 or 1 by a race. Written in one piece, an output
    that fits in the pipe is all there before the reader can go."""

    held = True

    def flush(self) -> None:
        if not self.held:
            super().flush()

    def release(self) -> None:
        """Write what is held; each flush writes from now on."""
        self.held = False
        super().flush()


def _hold_stdout() -> None:
    """Give standard output into a pipe or a file a :class:`_HeldOutput` (a terminal, and a
    test's captured output, are left as they are); its own buffered writer, whatever
    ``PYTHONUNBUFFERED`` says, so that a reader leaving in the middle of a large write is
    a BrokenPipeError, where an unbuffered write ended short without one."""
    out = sys.stdout
    try:
        if out is None or out.isatty():
            return
        fd = out.fileno()
    except (OSError, ValueError):  # no descriptor (io.UnsupportedOperation), closed
        return
    out.flush()
    sys.stdout = _HeldOutput(
        io.BufferedWriter(io.FileIO(fd, "w", closefd=False), HELD_BYTES),
        encoding=out.encoding, errors=out.errors,
    )
    atexit.register(_release_at_exit)


def _release_at_exit() -> None:
    """Write what a command that stopped on an error, a signal or a bug had printed."""
    out = sys.stdout
    if isinstance(out, _HeldOutput) and out.held:
        try:
            out.release()
        except BrokenPipeError:  # nothing more to say: the exit code is given
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())


def _flush_stdout() -> None:
    """Write out what a command printed; a reader gone before all of it was written is exit
    141. An output written whole ends the command as it would, whether its reader is still
    there or not (``stats | head -1``), as ``seq 9 | head -1`` does."""
    out = sys.stdout
    try:
        if isinstance(out, _HeldOutput):
            out.release()
        else:
            out.flush()
    except BrokenPipeError:
        reader_gone()


def _commits() -> int:
    """Write transactions this process has committed (the store not loaded: none)."""
    store = sys.modules.get("workbench.store.db")
    return store.committed() if store is not None else 0


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP during a command (a CI job's time-out, a closed terminal): it stops
    as at Ctrl+C, its writes under way rolled back and its temporary files removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: Any) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """While a command runs, SIGTERM and SIGHUP raise :class:`Stopped` where they ended the
    process at once (leaving a new project's build file behind, say); a signal ignored (as
    nohup ignores SIGHUP) or handled already stays so. The TUI sets its own while it runs."""
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None or signal.getsignal(signum) is not signal.SIG_DFL:
            continue
        with contextlib.suppress(ValueError):  # not the main thread
            previous[signum] = signal.signal(signum, _stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def interrupted(changed: bool, signum: int = signal.SIGINT) -> NoReturn:
    """Ctrl+C (or SIGTERM, SIGHUP): say on stderr whether the command changed the project and
    exit with 128 + the signal's number. The write under way was rolled back (every change is
    one transaction); one the command committed before it is kept (``changed``)."""
    what = ("interrupted" if signum == signal.SIGINT
            else f"stopped by {signal.Signals(signum).name}")
    if changed:
        click.echo(f"workbench: {what}; what it had finished is stored, the change under way "
                   "was not", err=True)
    else:
        click.echo(f"workbench: {what}; nothing was changed", err=True)
    sys.exit(128 + signum)


def inherited_db(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A command's ``--db``, else the one given before the command (``workbench --db X tm
    import F`` works on X, not on ./segments.db). A ``--db`` typed anywhere on the command line
    wins over ``$WORKBENCH_DB``, which each level also reads."""
    if getattr(ctx, "db_typed_here", False) or ctx.get_parameter_source(
            param.name or "db") is ParameterSource.COMMANDLINE:
        return value
    parent = ctx.parent
    while parent is not None:
        if parent.get_parameter_source("db") is ParameterSource.COMMANDLINE:
            return parent.params.get("db")
        if value is None:
            value = parent.params.get("db")
        parent = parent.parent
    return value


def db_typed(ctx: click.Context | None = None) -> bool:
    """Whether ``--db`` was typed on the command line (by the command or before its name), not
    taken from ``$WORKBENCH_DB``: file modes refuse a typed one only."""
    level = ctx or click.get_current_context()
    while level is not None:
        if level.get_parameter_source("db") is ParameterSource.COMMANDLINE:
            return True
        level = level.parent
    return False


class DbOption(click.Option):
    """``--db``: whether it was typed on this command's line is noted on the context for
    :func:`inherited_db`, which click (8.2 and later) would tell only after the callback."""

    def consume_value(self, ctx: click.Context, opts: Any) -> Any:
        value, source = super().consume_value(ctx, opts)
        ctx.db_typed_here = source is ParameterSource.COMMANDLINE  # type: ignore[attr-defined]
        return value, source


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--db PATH|URL``: the project (default $WORKBENCH_DB, else ./segments.db, built from the
    sample): an SQLite file, or a PostgreSQL database as ``postgresql://user:pw@host:port/db``."""
    return click.option(
        "--db",
        "db",
        cls=DbOption,
        type=str,
        envvar="WORKBENCH_DB",
        default=None,
        callback=inherited_db,
        metavar="PATH|URL",
        help="The project: an SQLite file, or a PostgreSQL database "
        "(postgresql://user:password@host:port/dbname). Default: $WORKBENCH_DB, else "
        "./segments.db, created from the sample on first use.",
    )(fn)


def overwrite_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--overwrite [confirmed|approved]`` and ``--dry-run`` of the commands that import English
    into the working translation."""
    fn = click.option(
        "--dry-run", is_flag=True,
        help="Print what the import would fill, replace and leave alone; change nothing.",
    )(fn)
    return click.option(
        "--overwrite", type=click.Choice(["confirmed", "approved"]), is_flag=False,
        flag_value="confirmed", default=None,
        help="Also replace finished work: confirmed (translated) segments (the default when "
        "given alone), or 'approved' for every segment, reviewed, approved and locked too. "
        "Without it, imports fill only empty, new and draft segments.",
    )(fn)


def refuse_input_as_output(
    output: str | None, inputs: dict[str, str | None], what: str = "the report"
) -> None:
    """WorkbenchError when the output file ``output`` (``what`` it holds) is one of the
    command's input files (``inputs``: option name -> path): writing it would destroy that
    input."""
    if output is None:
        return
    import os

    for option, path in inputs.items():
        if path is None:
            continue
        try:
            same = os.path.samefile(output, path)
        except OSError:  # the report file does not exist yet: it is no input
            same = False
        if same:
            raise WorkbenchError(
                f"{output}: is the {option} file; {what} would overwrite it (choose "
                "another --output)"
            )


def write_report(
    text: str, output: str | None, fmt: str, summary: str, *, encoding: str = "utf-8"
) -> None:
    """Print a report, or write it to ``output`` (in ``encoding``: ``utf-8-sig`` for a CSV
    meant for spreadsheets) and say so (with ``summary``) on stderr."""
    if output is None:
        click.echo(text, nl=False)
        return
    from pathlib import Path

    from workbench.openfiles import refuse_output

    refuse_output(output)
    try:
        Path(output).write_text(text, encoding=encoding)
    except OSError as exc:
        raise WorkbenchError(f"{output}: cannot write the report ({exc.strerror})") from None
    click.echo(f"wrote {fmt} report to {output}: {summary}", err=True)


def plain_text(draw: Callable[[Any], object]) -> str:
    """What ``draw(console)`` prints, as plain text 120 columns wide: a table for a file."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    draw(Console(file=buffer, width=120, color_system=None, highlight=False, emoji=False))
    return buffer.getvalue()


def table_time(at: str) -> str:
    """A stored time (``2026-12-05T23:51:18.270+00:00``, UTC) as a table shows it: to the
    second, a space where a narrow column breaks it in two lines (``2026-12-05 23:51:18``)."""
    return at[:19].replace("T", " ")


def print_json(data: Any) -> None:
    """Print ``data`` as pretty JSON with Arabic kept readable."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(cls=WorkbenchGroup, invoke_without_command=True)
@db_option
@click.option(
    "--direction",
    type=click.Choice(["app", "terminal", "auto"]),
    default=None,
    help="Who reorders Arabic in the TUI: app (the workbench), terminal (a bidi terminal), "
    "auto (choose from the environment). Default: the config file's setting (auto).",
)
@click.version_option(package_name="workbench")
@click.pass_context
def main(ctx: click.Context, db: str | None, direction: str | None) -> None:
    """The Arabic-English translation workbench.

    With no command, opens the translator's workbench (the TUI) on ./segments.db (the
    sample project is built there on first run).
    """
    if ctx.invoked_subcommand is None:
        from pathlib import Path

        from workbench.config import load_config
        from workbench.project import open_project
        from workbench.project.sample import DEFAULT_DB

        config = load_config()
        if db is None and not Path(DEFAULT_DB).exists():
            _refuse_without_terminal()  # before the sample is built: nothing left behind
        project = open_project(db)
        from workbench.tui.app import WorkbenchApp

        app = WorkbenchApp(project, config=config, direction=direction)
        if _no_terminal():
            app.service.close()
            _refuse_without_terminal()
        app.run()
        if app.error_message:  # a damaged project, say: one line, as any command says it
            fail(app.error_message)
        if app.farewell:  # edits kept on this computer for the server
            click.echo(app.farewell, err=True)
        if app.return_code:
            sys.exit(app.return_code)


def _refuse_without_terminal() -> None:
    """Stop with one line and exit 2 when the TUI has no terminal to run in."""
    if missing := _no_terminal():
        fail(f"the TUI needs a terminal: {missing} is not one (a pipe or a file); the "
             "commands run without one (workbench --help)")


def _no_terminal() -> str | None:
    """Which of the TUI's streams is no terminal: standard input, whose bytes it would read
    as key presses (a pipe's newline confirmed a segment) and then wait for ever, or standard
    error, where Textual draws the screen."""
    for name, stream in (("standard input", sys.__stdin__),
                         ("standard error (where the TUI draws)", sys.__stderr__)):
        if stream is None or not stream.isatty():
            return name
    return None
