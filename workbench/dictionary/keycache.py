"""A dictionary's lookup keys kept on disk, so that each dictionary is indexed once, not in
every process (as Lingvo and GoldenDict keep an index beside the dictionaries).

Indexing normalises every headword, and an English–Arabic dictionary read backwards has every
article read and its senses normalised: 3 s for FreeDict's eng-ara, in each ``workbench``
command. The keys are written to ``WORKBENCH_CACHE`` (else ``$XDG_CACHE_HOME/workbench``,
else ``~/.cache/workbench``) under ``dictionaries/``, one file per dictionary, and used while
the dictionary's files (their size and modification time), its headwords and the key
normalisation are unchanged. A cache that cannot be read or written is rebuilt or skipped in
silence: it only saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbench.dictionary.model import DictionaryFile
from workbench.text.normalize import PROBE_WORDS

VERSION = 13  # raise when the readers' senses or the cache's layout change

Keys = tuple[list[str], array, bool]  # keys, the headword index of each, read backwards


def cache_folder() -> Path:
    """Where the keys are kept."""
    env = os.environ
    base = env.get("WORKBENCH_CACHE")
    if not base:
        xdg = env.get("XDG_CACHE_HOME") or str(Path(env.get("HOME") or Path.home()) / ".cache")
        base = str(Path(xdg) / "workbench")
    return Path(base) / "dictionaries"


def _extra(dictionary: DictionaryFile, key_of: Callable[[str], str]) -> str:
    """What the keys depend on besides the files: the reader, its headwords, the normalisation."""
    heads = hashlib.sha1("\n".join(dictionary.headwords).encode("utf-8", "surrogatepass"))
    return json.dumps([type(dictionary).__name__, heads.hexdigest(),
                       [key_of(w) for w in PROBE_WORDS]], ensure_ascii=False)


def write_file(path: Path, data: bytes) -> None:
    """Write a cache file whole (through a temporary file), or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _sweep(path.parent)
    except OSError:
        pass  # a read-only home: the keys are built again next time


def _sweep(folder: Path, older_than: float = 3600.0) -> None:
    """Remove the half-written files of processes killed while writing (an hour old or more:
    a younger one may still be another process's write)."""
    now = time.time()
    for stale in folder.glob("*.tmp"):
        try:
            if now - stale.stat().st_mtime > older_than:
                stale.unlink()
        except OSError:
            pass


def dictionary_keys(dictionary: DictionaryFile, build: Callable[[DictionaryFile], Keys],
                    key_of: Callable[[str], str], kind: str = "keys") -> Keys:
    """The keys of a dictionary: from the cache when it is current, else ``build(dictionary)``
    (then kept for the next process). ``key_of`` is the key normalisation; ``kind`` names the
    index (``keys``: the headwords'; ``senses``: the English senses', for English queries)."""
    files = dictionary.files()
    extra = _extra(dictionary, key_of)
    hit = load_index(files, kind, extra)
    if hit is not None:
        words, arrays, values = hit
        if len(arrays) == 1 and len(arrays[0]) == len(words):
            return words, arrays[0], bool(values.get("backwards"))
    stamp = current_stamp(files, extra)
    keys = build(dictionary)
    if stamp is not None:
        save_index(files, kind, extra, keys[0], [keys[1]], {"backwards": keys[2]}, stamp)
    return keys


def current_stamp(files: list[Path], extra: str) -> str | None:
    """The files' :func:`index_stamp`, taken before an index is read from them; None when
    they cannot be seen."""
    try:
        return index_stamp(files, extra)
    except OSError:
        return None


_INDEX_MAGIC = b"workbench-dictionary-index\n"


def index_stamp(files: list[Path], extra: str) -> str:
    stats = [[str(Path(f).resolve()), os.stat(f).st_mtime_ns, os.stat(f).st_size] for f in files]
    return json.dumps([VERSION, extra, stats])


def load_index(files: list[Path], kind: str, extra: str) -> tuple[
        list[str], list[array], dict[str, Any]] | None:
    """A reader's index of ``files`` kept by :func:`save_index` (words, number arrays and
    a few values), when the files have not changed since; else None."""
    try:
        stamp = index_stamp(files, extra)
        raw = index_file(files, kind).read_bytes()
        if not raw.startswith(_INDEX_MAGIC):
            return None
        end = raw.index(b"\n", len(_INDEX_MAGIC))
        head = json.loads(raw[len(_INDEX_MAGIC):end])
        if head["stamp"] != stamp:
            return None
        pos = end + 1
        text = raw[pos : pos + head["bytes"]].decode("utf-8")
        pos += head["bytes"]
        arrays = []
        for code, count in head["arrays"]:
            numbers = array(code)
            size = numbers.itemsize * count
            numbers.frombytes(raw[pos : pos + size])
            pos += size
            if sys.byteorder != "little":
                numbers.byteswap()
            arrays.append(numbers)
        words = text.split("\n") if text else []
        if len(words) != head["count"] or pos != len(raw):
            return None
        return words, arrays, head["values"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_index(files: list[Path], kind: str, extra: str, words: list[str],
               arrays: list[array], values: dict[str, Any], stamp: str | None = None) -> None:
    """Keep a reader's index of ``files`` for the next process (see :func:`load_index`);
    nothing is kept when it cannot be written or a word holds a new line. ``stamp``: the
    files' :func:`index_stamp` taken before the index was read from them (else taken now), so
    that an index read from files that changed meanwhile is never taken for the new ones."""
    if any("\n" in w for w in words):
        return
    try:
        stamp = stamp or index_stamp(files, extra)
    except OSError:
        return
    text = "\n".join(words).encode("utf-8")
    head = json.dumps({"stamp": stamp, "bytes": len(text), "count": len(words),
                       "arrays": [[a.typecode, len(a)] for a in arrays],
                       "values": values}, ensure_ascii=False).encode()
    body = []
    for numbers in arrays:
        out = array(numbers.typecode, numbers)
        if sys.byteorder != "little":
            out.byteswap()
        body.append(out.tobytes())
    write_file(index_file(files, kind), _INDEX_MAGIC + head + b"\n" + text + b"".join(body))


def index_file(files: list[Path], kind: str) -> Path:
    where = "\n".join(str(Path(p).resolve()) for p in files)
    # the bytes of the names (a name not in UTF-8, out of a ZIP, has no other encoding)
    return cache_folder() / (hashlib.sha1(os.fsencode(where)).hexdigest()[:24] + "." + kind)
