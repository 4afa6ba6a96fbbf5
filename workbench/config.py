"""User settings: one TOML file, typed defaults in one place.

The file is ``$XDG_CONFIG_HOME/workbench/config.toml`` (``~/.config/workbench/config.toml``
when XDG_CONFIG_HOME is unset); ``WORKBENCH_CONFIG`` names another file. Example::

    [display]
    direction = "auto"     # app | terminal | auto
    shaping = false        # join Arabic letters for terminals that do not

    [keys]                 # binding id = "key,key"
    confirm = "ctrl+j,enter"
    next_segment = "alt+down,ctrl+down,f8"

    [filters]
    low_confidence = 0.5   # alignment links below this are flagged (default: the importer's)
    low_score = 60.0       # chrF++ below this is a low score

    [spelling]
    language = "en_US"     # the Hunspell dictionary of the English (en_GB when installed...)
    dictionaries = []      # folders searched first for LANGUAGE.aff/.dic (relative: here)

    [tm]
    propagate = true       # a confirmed translation fills the segment's repetitions
    auto_insert_min = 0    # insert the best match at or above this into an empty segment (0: off)
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import InputError

DIRECTIONS = ("app", "terminal", "auto")

# Terminals that reorder right-to-left text themselves (GUIDE: VTE, Konsole, mlterm).
_BIDI_TERMINAL_VARS = ("VTE_VERSION", "KONSOLE_VERSION", "KONSOLE_DBUS_SESSION", "MLTERM")


@dataclass
class Config:
    """The settings, with their defaults."""

    direction: str = "auto"
    shaping: bool = False
    keys: dict[str, str] = field(default_factory=dict)
    low_confidence: float | None = None  # None: the project's threshold (LOW_CONFIDENCE)
    low_score: float = 60.0
    spelling_language: str = "en_US"
    spelling_dictionaries: list[str] = field(default_factory=list)
    tm_propagate: bool = True
    tm_auto_insert_min: int = 0  # 0: no auto-insert
    path: Path | None = None
    spelling_language_line: int | None = None  # where the file sets the language, if it does

    def located(self, exc: Exception) -> Exception:
        """``exc``, when it says the ``[spelling]`` language this file sets has no dictionary,
        as an error naming the file and line (where the user must look); else ``exc``."""
        from workbench.spelling.dictionary import NoDictionaryError

        if not isinstance(exc, NoDictionaryError) or self.path is None \
                or self.spelling_language_line is None:
            return exc
        return InputError(self.path, str(exc), self.spelling_language_line)


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """Where the configuration file lives."""
    env = os.environ if env is None else env
    if env.get("WORKBENCH_CONFIG"):
        return Path(env["WORKBENCH_CONFIG"])
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or Path.home()) / ".config")
    return Path(base) / "workbench" / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read the configuration (defaults when the file does not exist).

    A malformed file or setting is an InputError naming the file and, where known, the line.
    """
    path = path or config_path()
    config = Config(path=path)
    if path.is_dir():  # WORKBENCH_CONFIG naming the folder: its settings were ignored unsaid
        raise InputError(path, "a folder, not a file: the configuration is a TOML file "
                               "(such as config.toml)")
    if not path.is_file():
        return config
    text = _read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(path, f"invalid TOML: {reason}", line) from None
    _refuse_unknown(data, path, text)
    display = _table(data, "display", path, text)
    keys = _table(data, "keys", path, text)
    filters = _table(data, "filters", path, text)
    spelling = _table(data, "spelling", path, text)
    tm = _table(data, "tm", path, text)
    if "direction" in display:
        direction = display["direction"]
        if direction not in DIRECTIONS:
            raise InputError(
                path, f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}",
                _line_of(text, "direction", "display"),
            )
        config.direction = direction
    if "shaping" in display:
        if not isinstance(display["shaping"], bool):
            raise InputError(
                path, "shaping must be true or false", _line_of(text, "shaping", "display")
            )
        config.shaping = display["shaping"]
    for binding_id, value in keys.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            raise InputError(
                path, f"keys.{binding_id} must be a string of keys such as \"ctrl+j,enter\"",
                _line_of(text, binding_id, "keys"),
            )
        config.keys[binding_id] = ",".join(k.strip() for k in value.split(",") if k.strip())
    for name in ("low_confidence", "low_score"):
        if name in filters:
            value = filters[name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InputError(path, f"{name} must be a number", _line_of(text, name, "filters"))
            setattr(config, name, float(value))
    _spelling(config, spelling, path, text)
    _tm(config, tm, path, text)
    return config


def _read_text(path: Path) -> str:
    """The configuration's text: UTF-8 (a BOM is accepted), as TOML is; else an InputError
    naming the line and the byte, as a text file's."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the configuration ({exc.strerror})") from None
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}), as a "
                  "TOML file must be; save it as UTF-8", data.count(b"\n", 0, exc.start) + 1,
        ) from None


def _tm(config: Config, tm: dict[str, Any], path: Path, text: str) -> None:
    if "propagate" in tm:
        if not isinstance(tm["propagate"], bool):
            raise InputError(
                path, "propagate must be true or false", _line_of(text, "propagate", "tm")
            )
        config.tm_propagate = tm["propagate"]
    if "auto_insert_min" in tm:
        value = tm["auto_insert_min"]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 101:
            raise InputError(
                path, "auto_insert_min must be a whole number from 0 (off) to 101",
                _line_of(text, "auto_insert_min", "tm"),
            )
        config.tm_auto_insert_min = value


_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)*$")


def _spelling(config: Config, spelling: dict[str, Any], path: Path, text: str) -> None:
    if "language" in spelling:
        language = spelling["language"]
        if not isinstance(language, str) or not _LANGUAGE.match(language):
            raise InputError(
                path, 'spelling language must be a dictionary name such as "en_US" or "en_GB"',
                _line_of(text, "language", "spelling"),
            )
        config.spelling_language = language
        config.spelling_language_line = _line_of(text, "language", "spelling")
    if "dictionaries" in spelling:
        folders = spelling["dictionaries"]
        if isinstance(folders, str):
            folders = [folders]
        if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
            raise InputError(
                path, "spelling dictionaries must be a list of folders",
                _line_of(text, "dictionaries", "spelling"),
            )
        config.spelling_dictionaries = [_beside(path, folder) for folder in folders]


def _beside(path: Path, folder: str) -> str:
    """A folder the file names: a relative one is in the file's folder, not the current one."""
    if not folder.strip() or Path(folder).expanduser().is_absolute():
        return folder
    return str(path.parent / folder)


# Every setting of each table ([keys] takes any binding id: keys.py warns of unknown ones).
SETTINGS: dict[str, tuple[str, ...]] = {
    "display": ("direction", "shaping"),
    "keys": (),
    "filters": ("low_confidence", "low_score"),
    "spelling": ("language", "dictionaries"),
    "tm": ("propagate", "auto_insert_min"),
}


def _refuse_unknown(data: dict[str, Any], path: Path, text: str) -> None:
    """A table or setting the workbench does not know (misspelt, or outside its table) is an
    error naming its line: ignored, it would change nothing without a word."""
    for name, value in data.items():
        if name not in SETTINGS:
            raise InputError(path, _unknown(name, None, value), _line_of(text, name, None))
        if not isinstance(value, dict) or not SETTINGS[name]:
            continue
        for key in value:
            if key not in SETTINGS[name]:
                raise InputError(path, _unknown(key, name, value), _line_of(text, key, name))


def _unknown(key: str, table: str | None, value: Any) -> str:
    """Why ``key`` of ``[table]`` (None: outside any) is refused, and where it may belong."""
    home = next((name for name, keys in SETTINGS.items() if key in keys), None)
    if table is None and isinstance(value, dict):
        return f"unknown table [{key}] (known: {', '.join(SETTINGS)})"
    where = "outside a table" if table is None else f"in [{table}]"
    hint = f": it goes in [{home}]" if home else (
        f" (known: {', '.join(SETTINGS[table])})" if table else "")
    return f"unknown setting {key!r} {where}{hint}"


def _table(data: dict[str, Any], name: str, path: Path, text: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise InputError(path, f"[{name}] must be a table", _line_of(text, name, None))
    return value


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")


def _line_of(text: str, key: str, table: str | None) -> int | None:
    """The line that sets ``key`` in ``[table]`` (None: before any table, where a table named
    ``key`` is its header); None when the file writes it in a form not looked for."""
    name = re.escape(key)
    setting = re.compile(rf"""^\s*(?:{name}|"{name}"|'{name}')\s*=""")
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = header.group(1).strip("\"' ")
            if table is None and current == key:
                return number
        elif current == table and setting.match(line):
            return number
    return None


def save_setting(path: Path, section: str, key: str, value: str | bool | float) -> None:
    """Set ``key`` in ``[section]`` of the file at ``path``, keeping the rest of it as it is."""
    literal = _literal(value)
    lines = path.read_text(encoding="utf-8-sig").splitlines() if path.is_file() else []
    header = re.compile(r"^\s*\[([^\]]+)\]\s*(#.*)?$")
    assignment = re.compile(rf"^\s*{re.escape(key)}\s*=")
    current = None
    section_end = None
    for i, line in enumerate(lines):
        found = header.match(line)
        if found:
            if current == section:
                section_end = i
                break
            current = found.group(1).strip()
            continue
        if current == section and assignment.match(line):
            comment = re.search(r"\s#.*$", line)
            lines[i] = f"{key} = {literal}" + (comment.group(0) if comment else "")
            _write(path, lines)
            return
    if current == section:
        at = section_end if section_end is not None else len(lines)
        while at > 0 and not lines[at - 1].strip():
            at -= 1
        lines.insert(at, f"{key} = {literal}")
    else:
        if lines and lines[-1].strip():
            lines.append("")
        lines += [f"[{section}]", f"{key} = {literal}"]
    _write(path, lines)


def _literal(value: str | bool | float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def resolve_direction(setting: str, env: Mapping[str, str] | None = None) -> str:
    """The direction to use: 'app' or 'terminal' ('auto' chooses from the environment).

    Terminals that reorder by themselves (VTE: GNOME Terminal, Tilix...; Konsole; mlterm)
    get 'terminal', unless the app runs inside tmux or screen, which do not reorder;
    everything else gets 'app'.
    """
    if setting in ("app", "terminal"):
        return setting
    env = os.environ if env is None else env
    if env.get("TMUX") or env.get("STY"):
        return "app"
    if any(env.get(name) for name in _BIDI_TERMINAL_VARS):
        return "terminal"
    if env.get("TERM_PROGRAM", "").lower() == "mlterm" or env.get("TERM", "").startswith("mlterm"):
        return "terminal"
    return "app"
