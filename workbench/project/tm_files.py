"""Translation memories as files: importing TMX and tab-separated files, exporting TMX,
listing and removing memories."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.collector import gc_paused
from workbench.errors import InputError, PermissionDeniedError, WorkbenchError
from workbench.formats.tmx import said_languages
from workbench.project.atomic_write import write_atomically
from workbench.project.context import ProjectContext
from workbench.project.tm_indexing import Indexing
from workbench.store import tm as q_tm
from workbench.store import tm_words as q_words
from workbench.textio import file_name_text, refuse_workbook_as, workbook_format
from workbench.tm.model import MEMORY_FORMATS, WORKBOOK_FORMATS, TmFileInfo, TmUnit
from workbench.tm.pipeline import Batch, read_batches
from workbench.tm.results import ImportResult
from workbench.wording import plural

PROJECT = "project"


@dataclass(frozen=True)
class MemoryInfo:
    """A memory of the project."""

    name: str
    kind: str
    units: int
    source_path: str | None
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


def _batched(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(islice(items, size)):
        yield chunk


class MemoryFiles:
    """The memories of the project: list, import, export, remove."""

    def __init__(self, context: ProjectContext, indexing: Indexing) -> None:
        self.context = context
        self.indexing = indexing

    @property
    def db(self) -> Any:
        return self.context.db

    def memories(self) -> list[MemoryInfo]:
        """Every memory (the project's own first) with its unit count."""
        return [
            MemoryInfo(r["name"], r["kind"], r["units"], r["source_path"], r["created_at"])
            for r in q_tm.memories(self.db)
        ]

    def names(self) -> dict[int, str]:
        """Memory id → name, without counting units: it changes when a memory is imported
        or removed (the TUI's Matches panel follows it)."""
        return q_tm.memory_names(self.db)

    def memory(self, name: str) -> dict[str, Any]:
        row = q_tm.memory_by_name(self.db, name)
        if row is None:
            known = ", ".join(m.name for m in self.memories())
            raise WorkbenchError(f"no translation memory named {name!r} (memories: {known})")
        return row

    def import_file(
        self, path: str | Path, name: str | None = None, fmt: str | None = None,
        sheet: str | None = None,
    ) -> ImportResult:
        """Add a TMX or tab-separated file as a memory called ``name`` (default: the file's
        name); of a workbook, its sheet ``sheet`` (default the first). A bad file changes
        nothing (one transaction)."""
        p = Path(path)
        if not p.exists():
            raise InputError(p, "no such file")
        if p.is_dir():
            raise InputError(p, "a folder, not a file")
        refuse_workbook_as(p, fmt)
        fmt = fmt or guess_format(p)
        if fmt not in MEMORY_FORMATS:
            raise WorkbenchError(f"unknown memory format {fmt!r} (use {', '.join(MEMORY_FORMATS)})")
        if sheet is not None and fmt not in WORKBOOK_FORMATS:
            raise InputError(p, f"--sheet applies to .xlsx and .ods memories only (this is {fmt})")
        self._leads_only("add a translation memory")
        name = (name if name is not None else file_name_text(p.stem)).strip()
        if not name:
            raise WorkbenchError("a translation memory needs a name (--name)")
        if name.casefold() == PROJECT:
            raise WorkbenchError(
                f"{PROJECT!r} is the project's own memory; choose another name (--name)")
        self._refuse_taken(name)  # before reading the file
        info, batches = read_batches(p, fmt, sheet=sheet)
        with self.context.transaction(), q_tm.bulk(self.db), gc_paused():
            self._refuse_taken(name)  # again under the write lock: another import may have won
            self.indexing.index_pending_here()
            memory_id = q_tm.create_memory(self.db, name, str(p.resolve()), "{}")
            english: set[str] = set()
            count = self.indexing.store_units(memory_id, _english_of(batches, english))
            if count == 0:
                raise InputError(p, _nothing_to_import(info))
            q_words.add_words(self.db, memory_id, english)  # known to the spell checker
            meta = {"format": info.format, "source_lang": info.source_lang, "tool": info.tool,
                    "props": info.props, "skipped": info.skipped}
            q_tm.set_memory_meta(self.db, memory_id, json.dumps(meta, ensure_ascii=False))
        return ImportResult(
            name, str(p), info.format, count, info.skipped, info.skipped_lines,
            info.source_lang, info.tags,
        )

    def _refuse_taken(self, name: str) -> None:
        """WorkbenchError when a memory is called ``name`` already."""
        taken = q_tm.memory_by_name(self.db, name)
        if taken is not None:  # named as stored: --name NTREX meets 'ntrex'
            raise WorkbenchError(
                f"a translation memory named {taken['name']!r} exists already "
                f"(workbench tm remove {shlex.quote(taken['name'])}, or --name another)"
            )

    def memory_ids(self, names: Sequence[str] | None) -> frozenset[int] | None:
        """The ids of the memories called ``names`` (None: every memory)."""
        if not names:
            return None
        return frozenset(self.memory(n)["id"] for n in names)

    def remove(self, name: str) -> int:
        """Delete an external memory; return how many units it held."""
        if name.casefold() == PROJECT:
            raise WorkbenchError(
                f"{PROJECT!r} is the project's own memory (it follows the confirmed segments) "
                "and cannot be removed"
            )
        row = self.memory(name)
        self._leads_only(f"remove the translation memory {name!r}")
        with self.context.transaction():
            return q_tm.delete_memory(self.db, row["id"])

    def _leads_only(self, what: str) -> None:
        """On a team's server, memories are the team's: only a lead adds or removes one (as
        the glossary and the dictionaries); translators' and reviewers' confirmations still
        fill the project's own memory."""
        if self.db.dialect != "postgresql":
            return
        from workbench.store import team as q_team

        role = q_team.role_of(self.db)
        if role in ("translator", "reviewer"):
            user = self.context.author
            raise PermissionDeniedError(
                f"{user} may not {what} (leads do: {user} is a {role}); nothing was changed")

    def export_file(
        self, output: str | Path, name: str | None = None, force: bool = False
    ) -> int:
        """Write a memory (or, without ``name``, every memory) as TMX 1.4b; return how many
        units. The file appears only when complete."""
        from workbench.tm.tmx import write_tmx

        memory_id = self.memory(name)["id"] if name is not None else None
        path = Path(output)
        if path.is_dir():
            raise WorkbenchError(f"{path}: is a folder; give a file name")
        if path.suffix.lower() in (*_TSV_SUFFIXES, ".csv"):  # tm import reads it as such
            raise WorkbenchError(f"{path}: tm export writes TMX, not {path.suffix}; give the "
                                 "file the ending .tmx")
        if path.exists() and not force:
            raise WorkbenchError(f"{path} exists already (use --force to overwrite)")
        if not path.parent.exists():
            raise WorkbenchError(f"{path}: folder {path.parent} does not exist")
        self.indexing.index_pending()
        units = self._export_units(memory_id, with_memory=name is None)
        header = [("x-workbench-project", self.context.path.name),
                  ("x-workbench-memory", name or "*all*")]
        return write_atomically(path, True, lambda out: write_tmx(
            out, units, header_props=header, tool_version=__version__))

    def _export_units(self, memory_id: int | None, with_memory: bool) -> Iterator[TmUnit]:
        for chunk in _batched(iter(q_tm.export_units(self.db, memory_id)), 500):
            segments = [r["segment_id"] for r in chunk if r["segment_id"] is not None]
            around = q_tm.neighbours(self.db, segments) if segments else {}
            for row in chunk:
                yield _tm_unit(row, around.get(row["segment_id"]), with_memory)


def _english_of(batches: Iterable[Batch], english: set[str]) -> Iterator[Batch]:
    """``batches``, gathering the word keys of their English into ``english`` on the way (cut
    by the reader: in its own process for a large file)."""
    for batch in batches:
        english |= batch.english
        yield batch


def _nothing_to_import(info: TmFileInfo) -> str:
    if info.skipped:
        lines = ", ".join(map(str, info.skipped_lines))
        one = info.skipped == 1
        where = f", e.g. at line{'' if one else 's'} {lines}" if lines else ""
        return (  # an English side in Arabic: another tool's source copied to the target
            f"no Arabic-English translation units ({plural(info.skipped, 'unit')} "
            f"{'lacks' if one else 'lack'} an Arabic or an English side, or "
            f"{'holds' if one else 'hold'} Arabic as the English{where}"
            f"{said_languages(info.languages)})"
        )
    return "no Arabic-English translation units"


def _tm_unit(
    row: dict[str, Any], around: tuple[str | None, str | None] | None, with_memory: bool
) -> TmUnit:
    meta = json.loads(row["meta"]) if row["meta"] else {}
    props = [tuple(p) for p in meta.get("props", [])]
    unit = TmUnit(
        source=row["source"], target=row["target"], tuid=row["tuid"],
        created_at=row["created_at"], created_by=row["created_by"],
        changed_at=row["changed_at"], changed_by=row["changed_by"], status=row["status"],
        context_prev=row["context_prev"], context_next=row["context_next"],
        props=props, notes=list(meta.get("notes", [])), attrs=dict(meta.get("attrs", {})),
        codes=dict(meta.get("codes", {})),
    )
    if row["segment_id"] is not None:
        unit.tuid = unit.tuid or str(row["segment_id"])
        unit.props += [("x-workbench-document", row["document"] or ""),
                       ("x-workbench-position", str(row["position"]))]
        if around is not None:
            unit.context_prev, unit.context_next = around
    if row["status"] and not any(k == "x-status" for k, _ in unit.props):
        unit.props.append(("x-status", row["status"]))
    if with_memory:
        unit.props.append(("x-workbench-memory", row["memory"]))
    return unit


_TSV_SUFFIXES = (".tsv", ".tab", ".txt")
_TMX_SUFFIXES = (".tmx", ".xml")


def guess_format(path: Path) -> str:
    """A memory file's format: ``tsv`` for .tsv/.tab/.txt, ``tmx`` for .tmx/.xml, ``sdltm``
    for .sdltm, ``xlsx`` for .xlsx, ``ods`` for .ods; for another name (a .csv, no suffix),
    ``sdltm`` for an SQLite database, ``xlsx`` or ``ods`` for such a workbook, ``tmx`` when
    the file starts with ``<`` (after a BOM and spaces), else ``tsv``. A stream (not a
    regular file) is not read ahead: ``tmx``."""
    from workbench.tm.sdltm import SQLITE_HEADER

    suffix = path.suffix.lower()
    if suffix in _TSV_SUFFIXES:
        return "tsv"
    if suffix in (".sdltm", ".xlsx", ".ods"):
        return suffix[1:]
    if suffix in _TMX_SUFFIXES or not path.is_file():
        return "tmx"
    workbook = workbook_format(path)
    if workbook is not None:
        return workbook
    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError as exc:  # a failing disk or network share
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    if head.startswith(SQLITE_HEADER):
        return "sdltm"
    codec = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
    text = head.decode(codec, errors="ignore").lstrip("\ufeff \t\r\n")
    return "tmx" if text.startswith("<") else "tsv"
