"""Spelling tests use the en_US that spylls ships (not a system dictionary the machine may
have), through a config file of their own; and a tiny dictionary they build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.spelling.dictionary import bundled_folders

AFF = """SET UTF-8
TRY esianrtolcdugmphbyfvkwzESIANRTOLCDUGMPHBYFVKWZ'
SFX S Y 1
SFX S 0 s .
"""
DIC = """5
cat/S
dog/S
revolution/S
council/S
Petrograd
"""


def bundled_en_us() -> Path:
    """The folder of the en_US dictionary spylls ships."""
    return next(f for f in bundled_folders() if (f / "en_US.aff").is_file())


@pytest.fixture(autouse=True)
def shipped_en_us(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                  ) -> Iterator[Path]:
    """A config naming the shipped en_US first (WORKBENCH_CONFIG)."""
    config = tmp_path_factory.mktemp("config") / "config.toml"
    config.write_text(
        f'[spelling]\nlanguage = "en_US"\ndictionaries = ["{bundled_en_us()}"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    yield config


@pytest.fixture
def tiny_folder(tmp_path: Path) -> Path:
    """A folder holding the tiny dictionary ``xx_TEST``."""
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "xx_TEST.aff").write_text(AFF, encoding="utf-8")
    (folder / "xx_TEST.dic").write_text(DIC, encoding="utf-8")
    return folder


def write_dictionary(folder: Path, name: str, words: str, aff: str = AFF) -> Path:
    """Write the Hunspell dictionary ``name`` (``aff``, and ``words`` one a line after their
    count) into ``folder`` (made if need be); its path without a suffix, as
    ``load_dictionary_files`` takes it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.aff").write_text(aff, encoding="utf-8")
    lines = words.split()
    (folder / f"{name}.dic").write_text(f"{len(lines)}\n" + "".join(f"{w}\n" for w in lines),
                                        encoding="utf-8")
    return folder / name
