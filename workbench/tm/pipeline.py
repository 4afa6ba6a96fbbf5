"""Reading a memory file in a second process while the first stores it.

Parsing XML and tokenising take about half the work of an import, storing the other half, so
a large file is read (and its sources tokenised) in a child process that sends batches
through a pipe; the importing process gives codes and writes. The pipe holds about one batch,
so memory stays flat. A problem in the file reaches the caller as the reader's InputError.
Small files are read in the calling process (starting a process costs a fraction of a
second).
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from workbench.errors import InputError, WorkbenchError
from workbench.spelling.tokens import text_word_keys
from workbench.tm.index import TokenNumbers
from workbench.tm.model import WORKBOOK_FORMATS, TmFileInfo, TmUnit
from workbench.tm.tokens import token_strings

#: Files at least this large are read in a second process.
BACKGROUND_BYTES = 8 << 20
BATCH = 5_000
#: What a unit travels as: the columns the store keeps, meta already as JSON.
Row = tuple[Any, ...]


@dataclass
class Batch:
    """Units read from the file, their sources' tokens numbered (index.TokenNumbers): the
    numbers in order, how many each source has, and the (word, stem) of the tokens numbered
    since the previous batch; and the keys of their English words not met in an earlier
    batch (the spell checker's known words, see spelling.tokens.text_word_keys)."""

    rows: list[Row]
    numbers: Any
    counts: Any
    new: list[tuple[str, str]]
    english: set[str] = field(default_factory=set)


def unit_row(unit: TmUnit, meta_cache: dict[Any, str | None]) -> Row:
    """(source, target, created_at, created_by, changed_at, changed_by, status, tuid,
    context_prev, context_next, meta JSON)."""
    meta = None
    if unit.props or unit.notes or unit.attrs or unit.codes:
        key = (tuple(unit.props), tuple(unit.notes), tuple(unit.attrs.items()),
               tuple((side, tuple(c.items())) for side, c in unit.codes.items()))
        meta = meta_cache.get(key)
        if meta is None:
            data: dict[str, Any] = {}
            if unit.props:
                data["props"] = [list(p) for p in unit.props]
            if unit.notes:
                data["notes"] = list(unit.notes)
            if unit.attrs:
                data["attrs"] = dict(unit.attrs)
            if unit.codes:
                data["codes"] = unit.codes
            meta = json.dumps(data, ensure_ascii=False)
            if len(meta_cache) < 4096:
                meta_cache[key] = meta
    return (
        unit.source, unit.target, unit.created_at, unit.created_by, unit.changed_at,
        unit.changed_by, unit.status, unit.tuid, unit.context_prev, unit.context_next, meta,
    )


def _open(path: Path, fmt: str, sheet: str | None = None) -> tuple[TmFileInfo, Iterator[TmUnit]]:
    if fmt == "tmx":
        from workbench.tm.tmx import read_tmx

        return read_tmx(path)
    if fmt == "sdltm":
        from workbench.tm.sdltm import read_sdltm

        return read_sdltm(path)
    from workbench.tm.tsv import read_tsv, read_workbook

    return read_workbook(path, fmt, sheet) if fmt in WORKBOOK_FORMATS else read_tsv(path)


def _batches(units: Iterator[TmUnit], size: int) -> Iterator[Batch]:
    cache: dict[Any, str | None] = {}
    numbering = TokenNumbers()
    seen: set[str] = set()
    while chunk := list(islice(units, size)):
        tokens, counts = token_strings([u.source for u in chunk])
        numbers, new = numbering.number(tokens)
        english = text_word_keys([u.target for u in chunk], seen)
        yield Batch([unit_row(u, cache) for u in chunk], numbers.astype(np.int32), counts, new,
                    english)


def read_batches(
    path: Path, fmt: str, size: int = BATCH, background: bool | None = None,
    sheet: str | None = None,
) -> tuple[TmFileInfo, Iterator[Batch]]:
    """The file's information (complete once the batches are consumed) and its batches
    (``sheet``: a workbook's sheet, default the first).

    ``background`` (default: for files of BACKGROUND_BYTES or more) reads in a child process.
    """
    if background is None:
        background = path.stat().st_size >= BACKGROUND_BYTES
    if not background:
        info, units = _open(path, fmt, sheet)
        return info, _batches(units, size)
    info = TmFileInfo(str(path), fmt)
    return info, _from_child(path, fmt, size, info, sheet)


def _from_child(
    path: Path, fmt: str, size: int, info: TmFileInfo, sheet: str | None
) -> Iterator[Batch]:
    root = str(Path(__file__).resolve().parent.parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (root, os.environ.get("PYTHONPATH", "")) if p
    )}
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench.tm.pipeline", str(path), fmt, str(size),
         *([sheet] if sheet is not None else [])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env,
    )
    assert process.stdout is not None
    try:
        while True:
            try:
                kind, payload = pickle.load(process.stdout)
            except (EOFError, pickle.UnpicklingError):
                process.wait()
                detail = process.stderr.read().decode("utf-8", "replace").strip().splitlines()
                raise WorkbenchError(
                    f"{path}: the reading process stopped unexpectedly (exit code "
                    f"{process.returncode}{': ' + detail[-1] if detail else ''})"
                ) from None
            if kind == "batch":
                yield payload
            elif kind == "info":
                info.__dict__.update(payload)
                return
            elif kind == "input-error":
                raise InputError(*payload)
            else:
                raise WorkbenchError(f"{path}: {payload}")
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()


def _produce(path: str, fmt: str, size: int, out: BinaryIO, sheet: str | None = None) -> None:
    """The child process: read the file, send batches, then the file's information."""
    def send(message: tuple[str, Any]) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    try:
        info, units = _open(Path(path), fmt, sheet)
        for batch in _batches(units, size):
            send(("batch", batch))
        send(("info", dict(info.__dict__)))
    except InputError as exc:
        send(("input-error", (exc.path, exc.reason, exc.line)))
    except Exception as exc:  # sent to the importing process, which reports it
        send(("error", f"cannot read the file ({type(exc).__name__}: {exc})"))


if __name__ == "__main__":  # the child: run from the module itself, so batches unpickle
    from workbench.tm import pipeline

    gc.disable()  # a short-lived process that makes no garbage cycles worth collecting
    pipeline._produce(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.stdout.buffer,
                      sys.argv[4] if len(sys.argv) > 4 else None)
