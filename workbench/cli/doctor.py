"""``workbench doctor``: check a project file, and copy what can be read of a damaged one."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from workbench.cli.app import DbOption, FilePath, inherited_db, main, print_json
from workbench.project import DEFAULT_DB

if TYPE_CHECKING:
    from workbench.store.doctor import Diagnosis, Recovery

EXIT_DAMAGED = 1


@main.command()
@click.option(
    "--db", "db", cls=DbOption, type=FilePath(), envvar="WORKBENCH_DB", default=None,
    callback=inherited_db,
    help=f"Project file to check (default: $WORKBENCH_DB, else ./{DEFAULT_DB}; never built or "
    "changed).",
)
@click.option(
    "--recover", "recover_to", type=FilePath(), default=None,
    help="Copy what can be read into this NEW project file (the original is left alone).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def doctor(db: str | None, recover_to: str | None, fmt: str) -> None:
    """Check a project file: header, schema version, quick_check, integrity_check,
    foreign_key_check and every table's rows. Exit 0 when sound, 1 when damaged.

    Only reads the project. With --recover, also copies every row that can be read into a
    new project file, skipping unreadable pages, and reports what was skipped.
    """
    from workbench.store.doctor import diagnose, recover, refuse_recovery_target, refuse_server

    refuse_server(db or DEFAULT_DB)
    path = Path(db or DEFAULT_DB)
    if recover_to and path.exists():  # before the diagnosis, long on a large project
        refuse_recovery_target(path, recover_to)
    diagnosis = diagnose(path)
    if fmt == "text":
        _print_diagnosis(diagnosis)
    recovery = recover(path, Path(recover_to)) if recover_to else None
    if fmt == "json":
        print_json(_as_dict(diagnosis, recovery))
    elif recovery is not None:
        _print_recovery(recovery)
    if not diagnosis.ok:
        sys.exit(EXIT_DAMAGED)


def _print_diagnosis(diagnosis: Diagnosis) -> None:
    facts = diagnosis.facts
    line = f"project: {diagnosis.path} ({facts['size']:,} bytes"
    if "page_count" in facts:
        line += f", {facts['page_count']} pages of {facts.get('page_size')} bytes"
    if "journal_mode" in facts:
        line += f", journal {facts['journal_mode']}"
    if "wal" in facts:
        line += f", -wal {facts['wal']:,} bytes"
    click.echo(line + ")")
    for check in diagnosis.checks:
        click.echo(f"{check.name}: {'ok' if check.ok else 'FAILED'}")
        for detail in check.details:
            click.echo(f"  {detail}")
    if diagnosis.tables:
        click.echo("rows: " + ", ".join(f"{name} {count}" for name, count in
                                        diagnosis.tables.items() if isinstance(count, int)))
    click.echo(f"result: {'ok' if diagnosis.ok else 'DAMAGED'}")


def _print_recovery(recovery: Recovery) -> None:
    click.echo(f"recovered into {recovery.output} ({recovery.method}); "
               f"{recovery.source} was not changed")
    for table in recovery.tables:
        of = f" of {table.expected}" if table.expected is not None else ""
        line = f"  {table.table}: {table.copied}{of} rows copied"
        if table.rejected:
            line += f", {table.rejected} refused (damaged values)"
        if table.error:
            line += f", unreadable ({table.error})"
        for after, until in table.gaps:
            if after is None and until is None:
                line += ", no key readable"
            elif after is None:
                line += f", keys below {until} unreadable"
            elif until is None:
                line += f", keys above {after} unreadable"
            else:
                line += f", keys {after + 1} to {until - 1} unreadable"
        click.echo(line)
    for table, count in sorted(recovery.dangling.items()):
        click.echo(f"  {table}: {count} rows refer to rows that were lost (kept)")
    click.echo("recovery: " + ("complete" if recovery.complete else "PARTIAL"))


def _as_dict(diagnosis: Diagnosis, recovery: Recovery | None) -> dict[str, Any]:
    def plain(obj: Diagnosis | Recovery) -> dict[str, Any]:
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(obj).items()}

    out = {**plain(diagnosis), "ok": diagnosis.ok}
    if recovery is not None:
        out["recovery"] = {**plain(recovery), "complete": recovery.complete}
    return out
