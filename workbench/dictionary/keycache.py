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

from workbench.dictionary.model import DictionaryFile

VERSION = 6  # raise when the readers' senses or the cache's layout change
_MAGIC = b"workbench-dictionary-keys\n"
# Words whose keys fingerprint the normalisation: a change to it makes every cache stale.
_PROBE = ("الكتاب", "وبالمدرسة", "أَحْمَد", "إبراهيم", "مستشفى", "رئيسـة", "لِلْبيت", "الذين", "ﻻ",
          "Book")

Keys = tuple[list[str], array, bool]  # keys, the headword index of each, read backwards


def cache_folder() -> Path:
    """Where the keys are kept."""
    env = os.environ
    base = env.get("WORKBENCH_CACHE")
    if not base:
        xdg = env.get("XDG_CACHE_HOME") or str(Path(env.get("HOME") or Path.home()) / ".cache")
        base = str(Path(xdg) / "workbench")
    return Path(base) / "dictionaries"


def _stamp(dictionary: DictionaryFile, key_of: Callable[[str], str]) -> str:
    files = []
    for path in dictionary.files():
        st = os.stat(path)
        files.append([str(Path(path).resolve()), st.st_mtime_ns, st.st_size])
    heads = hashlib.sha1("\n".join(dictionary.headwords).encode("utf-8", "surrogatepass"))
    return json.dumps([VERSION, type(dictionary).__name__, files, heads.hexdigest(),
                       [key_of(w) for w in _PROBE]], ensure_ascii=False)


def _file(dictionary: DictionaryFile, kind: str = "keys") -> Path:
    where = "\n".join(str(Path(p).resolve()) for p in dictionary.files())
    return cache_folder() / (hashlib.sha1(where.encode()).hexdigest()[:24] + "." + kind)


def _read(path: Path, stamp: str) -> Keys | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        if not raw.startswith(_MAGIC):
            return None
        end = raw.index(b"\n", len(_MAGIC))
        head = json.loads(raw[len(_MAGIC):end])
        if head["stamp"] != stamp:
            return None
        start = end + 1
        text = raw[start : start + head["bytes"]].decode("utf-8")
        numbers = array("i")
        numbers.frombytes(raw[start + head["bytes"]:])
        if sys.byteorder != "little":
            numbers.byteswap()
        keys = text.split("\n") if text else []
        if len(keys) != len(numbers) or len(keys) != head["count"]:
            return None
        return keys, numbers, bool(head["backwards"])
    except (ValueError, KeyError, TypeError):
        return None


def _write(path: Path, stamp: str, keys: Keys) -> None:
    words, numbers, backwards = keys
    text = "\n".join(words).encode("utf-8")
    out = array("i", numbers)
    if sys.byteorder != "little":
        out.byteswap()
    head = json.dumps({"stamp": stamp, "bytes": len(text), "count": len(words),
                       "backwards": backwards}, ensure_ascii=False).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + head + b"\n" + text + out.tobytes())
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
    try:
        stamp = _stamp(dictionary, key_of)
    except OSError:
        return build(dictionary)
    path = _file(dictionary, kind)
    hit = _read(path, stamp)
    if hit is not None:
        return hit
    keys = build(dictionary)
    if "\n" not in "".join(keys[0]):
        _write(path, stamp, keys)
    return keys
