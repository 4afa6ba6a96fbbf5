"""The TOML config file: defaults, validation with file and line, saving, direction choice."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.config import config_path, load_config, resolve_direction, save_setting
from workbench.errors import InputError


def test_missing_file_gives_defaults(tmp_path):
    config = load_config(tmp_path / "none.toml")
    assert config.direction == "auto" and config.shaping is False and config.keys == {}


def test_config_path_follows_xdg_and_home(tmp_path):
    assert config_path({"XDG_CONFIG_HOME": "/x"}).as_posix() == "/x/workbench/config.toml"
    assert config_path({"HOME": "/h"}).as_posix() == "/h/.config/workbench/config.toml"
    assert config_path({"WORKBENCH_CONFIG": "/c.toml"}).as_posix() == "/c.toml"


def test_reads_display_keys_and_filters(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        '[display]\ndirection = "terminal"\nshaping = true\n'
        '[keys]\nconfirm = "ctrl+j, f10"\nnext_segment = ["f8", "alt+down"]\n'
        "[filters]\nlow_confidence = 0.3\nlow_score = 35\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.direction == "terminal" and config.shaping is True
    assert config.keys == {"confirm": "ctrl+j,f10", "next_segment": "f8,alt+down"}
    assert config.low_confidence == 0.3 and config.low_score == 35.0


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[display]\ndirection = "sideways"\n', 2, "direction must be one of"),
        ("[display]\nshaping = 3\n", 2, "shaping must be true or false"),
        ("[keys]\nconfirm = 5\n", 2, "keys.confirm"),
        ("[display]\ndirection = \n", 2, "invalid TOML"),
        ("[filters]\nlow_score = \"x\"\n", 2, "low_score must be a number"),
    ],
)
def test_bad_settings_name_the_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_config(path)
    assert str(path) in str(info.value)
    assert f"line {line}" in str(info.value)
    assert words in str(info.value)


def test_save_setting_keeps_the_rest_of_the_file(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    save_setting(path, "display", "direction", "app")
    assert load_config(path).direction == "app"
    path.write_text(
        '# my settings\n[display]\ndirection = "app"  # who reorders\n\n[keys]\nundo = "f11"\n',
        encoding="utf-8",
    )
    save_setting(path, "display", "direction", "terminal")
    save_setting(path, "display", "shaping", True)
    text = path.read_text(encoding="utf-8")
    assert "# my settings" in text and "# who reorders" in text
    config = load_config(path)
    assert config.direction == "terminal" and config.shaping is True
    assert config.keys == {"undo": "f11"}


def test_auto_direction_from_the_environment():
    assert resolve_direction("app", {"VTE_VERSION": "7000"}) == "app"
    assert resolve_direction("terminal", {}) == "terminal"
    assert resolve_direction("auto", {"VTE_VERSION": "7000"}) == "terminal"
    assert resolve_direction("auto", {"KONSOLE_VERSION": "230800"}) == "terminal"
    assert resolve_direction("auto", {"TERM_PROGRAM": "mlterm"}) == "terminal"
    assert resolve_direction("auto", {"VTE_VERSION": "7000", "TMUX": "/tmp/x"}) == "app"
    assert resolve_direction("auto", {"TERM": "xterm-kitty"}) == "app"
    assert resolve_direction("auto", {}) == "app"


def test_translation_memory_settings(tmp_path: Path) -> None:
    from workbench.config import load_config

    path = tmp_path / "config.toml"
    assert (load_config(path).tm_propagate, load_config(path).tm_auto_insert_min) == (True, 0)
    path.write_text("[tm]\npropagate = false\nauto_insert_min = 95\n", encoding="utf-8")
    assert (load_config(path).tm_propagate, load_config(path).tm_auto_insert_min) == (False, 95)
    for text, message in (
        ("[tm]\npropagate = 1\n", "line 2: propagate must be true or false"),
        ("[tm]\n\nauto_insert_min = 120\n", "line 3: auto_insert_min must be a whole number"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=message):
            load_config(path)


def test_the_readme_example_config_loads_without_a_key_clash(tmp_path):
    """The README's config.toml, copied as it is, loads and warns of nothing at start-up (its
    [keys] example gave F11, the spelling key, to next_segment too)."""
    from workbench.tui.keys import clashes, unknown_ids

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("```toml\n[display]") + len("```toml\n")
    path = tmp_path / "config.toml"
    path.write_text(readme[start:readme.index("```", start)], encoding="utf-8")
    config = load_config(path)
    assert config.keys and unknown_ids(config.keys) == []
    assert clashes(config.keys) == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('direction = "app"\n', 1,
         "unknown setting 'direction' outside a table: it goes in [display]"),
        ('[display]\nshapping = true\n', 2, "unknown setting 'shapping' in [display]"),
        ('[Display]\ndirection = "app"\n', 1, "unknown table [Display]"),
        ('[tm]\nlow_score = 50\n', 2, "unknown setting 'low_score' in [tm]: it goes in [filters]"),
    ],
)
def test_an_unknown_setting_is_refused_not_ignored(tmp_path, text, line, words):
    """A misspelt or misplaced setting would change nothing without a word: it is an error
    naming the file and line, as a bad value is."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_config(path)
    assert str(path) in str(info.value)
    assert f"line {line}:" in str(info.value)
    assert words in str(info.value)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[keys]\ndirection_next = "f7"\n[display]\ndirection = "sideways"\n', 4),
        ('[tm]\npropagate = true\n[filters]\n"low_score" = "x"\n', 4),
        ('[keys]\nlanguage_toggle = "f2"\n[spelling]\nlanguage = "en US"\n', 4),
    ],
)
def test_a_bad_setting_names_its_own_line_in_its_table(tmp_path, text, line):
    """The line named is the one in the setting's own table, not the first line starting with
    its name elsewhere in the file (a key binding's id, say)."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=f"line {line}:"):
        load_config(path)


def test_a_config_not_in_utf_8_or_a_folder_is_named_with_its_line(tmp_path):
    """A Windows-1252 config was "cannot read the configuration ('utf-8' codec can't decode
    ...)", with no line; WORKBENCH_CONFIG naming a folder was ignored without a word (every
    setting the default)."""
    path = tmp_path / "config.toml"
    path.write_bytes('[display]\ndirection = "app"\n# café\n'.encode("cp1252"))
    with pytest.raises(InputError, match=r"config\.toml: line 3: not UTF-8 text \(byte 0xe9 "
                                         r"at offset 33\)"):
        load_config(path)
    path.write_bytes('\ufeff[display]\ndirection = "app"\n# café\n'.encode())
    assert load_config(path).direction == "app"
    with pytest.raises(InputError, match="a folder, not a file"):
        load_config(tmp_path)
