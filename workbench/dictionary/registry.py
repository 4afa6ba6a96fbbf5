"""One registry of dictionary formats: a path to any file of a set opens the whole set.

| format | files |
|---|---|
| ``dictd`` | ``NAME.index`` + ``NAME.dict`` or ``NAME.dict.dz`` |
| ``stardict`` | ``NAME.ifo`` + ``NAME.idx[.gz]`` + ``NAME.dict[.dz]`` (+ ``NAME.syn[.dz]``) |
| ``dsl`` | ``NAME.dsl`` or ``NAME.dsl.dz`` |
| ``tei`` | ``NAME.tei`` (or ``.tei.gz``, ``.xml``) |
| ``tsv`` | ``NAME.tsv`` (or ``.txt``) |

A folder holding one dictionary opens it too (a folder of several is refused), and so do the
files other tools keep beside a set: StarDict's offset caches (``NAME.idx.oft``,
``NAME.syn.oft``), and a Lingvo DSL dictionary's annotation, resources, icon and
abbreviations (``NAME.ann``, ``NAME.dsl.files.zip``, ``NAME.bmp``, ``NAME_abrv.dsl``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.dictionary.model import DictionaryFile
from workbench.errors import InputError

_SUFFIXES = (
    ".dict.dz", ".idx.gz", ".syn.dz", ".dsl.dz", ".tei.gz", ".index", ".dict", ".ifo", ".idx",
    ".syn",
    ".dsl", ".tei", ".xml", ".tsv", ".txt",
)


def _split(path: Path) -> tuple[Path, str]:
    """(the set's base path without suffix, the suffix)."""
    name = path.name
    for suffix in _SUFFIXES:
        if name.lower().endswith(suffix):
            return path.with_name(name[: -len(suffix)]), suffix
    return path, ""


_DSL_COMPANIONS = (".dsl.files.zip", ".files.zip", ".ann", ".bmp")


def _set_file(path: Path) -> Path:
    """The file of its set that ``path`` stands for, when it is a companion file other
    tools keep beside the set (see the module); else ``path``."""
    name = path.name
    lower = name.lower()
    if lower.endswith((".idx.oft", ".syn.oft")):  # the set's .ifo (its .idx may be gzipped)
        return path.with_name(name[: -len(".idx.oft")] + ".ifo")
    for suffix in _DSL_COMPANIONS:
        if lower.endswith(suffix):
            base = path.with_name(name[: -len(suffix)])
            return _first(base, ".dsl.dz", ".dsl") or path
    for suffix in ("_abrv.dsl", "_abrv.dsl.dz"):
        if lower.endswith(suffix):
            return _first(path.with_name(name[: -len(suffix)]), ".dsl.dz", ".dsl") or path
    return path


def _first(base: Path, *suffixes: str) -> Path | None:
    for suffix in suffixes:
        candidate = base.with_name(base.name + suffix)
        if candidate.is_file():
            return candidate
    return None


def _dictd_files(base: Path) -> list[Path]:
    """The index and data file of a dictd set (no file is read)."""
    index = _first(base, ".index")
    data = _first(base, ".dict.dz", ".dict")
    if index is None or data is None:
        missing = f"{base.name}.index" if index is None else f"{base.name}.dict[.dz]"
        raise InputError(base.with_name(base.name + ".index"), f"dictd set without {missing}")
    return [index, data]


def _stardict_files(base: Path) -> list[Path]:
    """The ``.ifo``, ``.idx[.gz]``, ``.dict[.dz]`` (and ``.syn[.dz]``) of a StarDict set."""
    ifo = _first(base, ".ifo")
    idx = _first(base, ".idx", ".idx.gz")
    data = _first(base, ".dict.dz", ".dict")
    where = base.with_name(base.name + ".ifo")
    if ifo is None or idx is None or data is None:
        missing = [n for n, p in ((".ifo", ifo), (".idx", idx), (".dict[.dz]", data)) if p is None]
        raise InputError(where, "StarDict set without " + ", ".join(base.name + m for m in missing))
    syn = _first(base, ".syn", ".syn.dz")  # pyglossary dictzips it with the .dict
    return [ifo, idx, data] + ([syn] if syn is not None else [])


def _open_single(kind: str) -> Callable[[Path], DictionaryFile]:
    def opener(path: Path) -> DictionaryFile:
        if kind == "dsl":
            from workbench.dictionary.dsl import DslFile

            return DslFile(path)
        if kind == "tei":
            from workbench.dictionary.tei import TeiFile

            return TeiFile(path)
        from workbench.dictionary.tsv import TsvFile

        return TsvFile(path)

    return opener


FORMATS = ("dictd", "stardict", "dsl", "tei", "tsv")
_ARCHIVES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".zip",
             ".7z", ".rar")


def detect(path: str | Path) -> str:
    """The format of the dictionary set that ``path`` belongs to."""
    p = Path(path)
    if p.is_dir():
        return detect(_in_folder(p))
    p = _set_file(p)
    base, suffix = _split(p)
    if suffix in (".index",):
        return "dictd"
    if suffix in (".ifo", ".idx", ".idx.gz", ".syn", ".syn.dz"):
        return "stardict"
    if suffix in (".dict", ".dict.dz"):
        if _first(base, ".ifo"):
            return "stardict"
        return "dictd"
    if suffix in (".dsl", ".dsl.dz"):
        return "dsl"
    if suffix in (".tei", ".tei.gz", ".xml"):
        return "tei"
    if suffix in (".tsv", ".txt"):
        return "tsv"
    if p.name.lower().endswith(_ARCHIVES):
        raise InputError(p, "an archive, not a dictionary: extract it first (StarDict and "
                         "FreeDict ship theirs as archives) and add its folder or one of its "
                         "files")
    raise InputError(p, "not a dictionary file (expected .index/.dict[.dz], .ifo/.idx/.dict, "
                     ".dsl[.dz], .tei or .tsv)")


def _in_folder(folder: Path) -> Path:
    """The one dictionary of ``folder``; a folder of several is refused with their names."""
    found: list[Path] = []
    for pattern in ("*.ifo", "*.index", "*.dsl", "*.dsl.dz", "*.tei", "*.tei.gz", "*.tsv"):
        # not a Lingvo dictionary's abbreviations (NAME_abrv.dsl beside NAME.dsl.dz)
        found += sorted(f for f in folder.glob(pattern) if "_abrv." not in f.name)
    sets = {_split(f)[0]: f for f in reversed(found)}  # one file a set, the first pattern's
    if not sets:
        raise InputError(folder, "no dictionary file in this folder")
    if len(sets) > 1:
        names = sorted(f.name for f in sets.values())
        shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        raise InputError(folder, f"{len(names)} dictionaries in this folder ({shown}): give "
                         "the one to use (a file of its set)")
    return next(iter(sets.values()))


def _resolve(path: str | Path, fmt: str | None) -> tuple[Path, str]:
    """The file of its set that ``path`` names (a folder's one dictionary, a companion's set)
    and the set's format."""
    p = Path(path)
    if p.is_dir():
        p = _in_folder(p)
    p = _set_file(p)
    if not p.exists():
        raise InputError(p, "no such file")
    if not p.is_file():  # a pipe would block, or be read once: a dictionary is looked in
        raise InputError(p, "not a regular file (a pipe or a device): a dictionary is read "
                         "where it lies, so give its file")
    kind = fmt or detect(p)
    if kind not in FORMATS:
        raise InputError(p, f"unknown dictionary format {kind!r}")
    return p, kind


def _files(p: Path, kind: str) -> list[Path]:
    """The files of the set of ``p`` (of format ``kind``); a one-line error names one
    missing. A link to a file of a set whose other files are not beside the link finds them
    beside the file it links to."""
    try:
        return _set_beside(p, kind)
    except InputError:
        real = p.resolve()
        if real == p.absolute():
            raise
        return _set_beside(real, kind)


def _set_beside(p: Path, kind: str) -> list[Path]:
    base, _ = _split(p)
    if kind == "dictd":
        return _dictd_files(base)
    if kind == "stardict":
        return _stardict_files(base)
    return [p]


def set_files(path: str | Path, fmt: str | None = None) -> list[Path]:
    """The files of the dictionary set ``path`` belongs to, found without reading them (a
    cheap check that the set is whole); a one-line error names the file that is missing."""
    return _files(*_resolve(path, fmt))


def open_dictionary(path: str | Path, fmt: str | None = None) -> DictionaryFile:
    """Open the dictionary set ``path`` belongs to (``fmt`` to force a format)."""
    p, kind = _resolve(path, fmt)
    files = _files(p, kind)
    if kind == "dictd":
        from workbench.dictionary.dictd import DictdFile

        return DictdFile(*files)
    if kind == "stardict":
        from workbench.dictionary.stardict import StarDictFile

        ifo, idx, data, *syn = files
        return StarDictFile(ifo, idx, data, syn[0] if syn else None)
    return _open_single(kind)(p)
