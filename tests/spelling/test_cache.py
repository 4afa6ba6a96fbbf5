"""Loaded dictionaries and their suggestion indexes kept on disk (workbench/spelling/cache.py):
used by the next process while the files are unchanged, rebuilt when they change or the
kept files are damaged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spylls.hunspell.readers

from tests.spelling.conftest import write_dictionary
from workbench.dictionary.keycache import cache_folder
from workbench.spelling import suggest
from workbench.spelling.dictionary import HunspellDictionary

WORDS = "cat/S dog/S revolution/S council/S Petrograd receive/S"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test only."""
    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path / "cache"))
    return cache_folder()


def _no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make spylls' .dic reader fail: a load that succeeds used the cache."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the .dic was read again")

    monkeypatch.setattr(spylls.hunspell.readers, "read_dic", refuse)


def _no_indexing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make building a suggestion index fail: a suggestion that succeeds used the cache."""
    def refuse(self: object, words: object) -> None:
        raise AssertionError("the index was built again")

    monkeypatch.setattr(suggest.CandidateIndex, "__init__", refuse)


def test_a_second_load_uses_the_kept_dictionary(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    base = write_dictionary(tmp_path / "dicts", "xx_TEST", WORDS)
    first = HunspellDictionary.load(base)
    assert first.lookup("cats") and not first.lookup("cta")
    expected = first.quick_suggest("recieve"), first.suggest("recieve")
    with monkeypatch.context() as m:
        _no_reading(m)
        _no_indexing(m)
        again = HunspellDictionary.load(base, "xx_TEST")
        assert again.language == "xx_TEST"
        assert again.lookup("cats") and again.lookup("Petrograd") and not again.lookup("cta")
        assert (again.quick_suggest("recieve"), again.suggest("recieve")) == expected
        assert expected[0] == ["receive"]


def test_a_changed_dic_is_read_again(tmp_path: Path) -> None:
    base = write_dictionary(tmp_path / "dicts", "xx_TEST", WORDS)
    assert not HunspellDictionary.load(base).lookup("horse")
    assert HunspellDictionary.load(base).quick_suggest("hors") == []
    dic = base.with_name("xx_TEST.dic")
    mtime = dic.stat().st_mtime_ns
    write_dictionary(tmp_path / "dicts", "xx_TEST", WORDS + " horse/S")
    os.utime(dic, ns=(mtime + 10**9, mtime + 10**9))
    changed = HunspellDictionary.load(base)
    assert changed.lookup("horses")
    assert changed.quick_suggest("hors") == ["horse"]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path: Path, own_cache: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                damage: str) -> None:
    base = write_dictionary(tmp_path / "dicts", "xx_TEST", WORDS)
    HunspellDictionary.load(base).quick_suggest("recieve")
    kept = sorted(own_cache.iterdir())
    assert [p.suffix for p in kept] == [".bigrams", ".spylls"]
    for path in kept:
        raw = path.read_bytes()
        path.write_bytes(b"\x80\x05garbage" if damage == "garbage" else raw[: len(raw) - 40])
    loaded = HunspellDictionary.load(base)
    assert loaded.lookup("councils") and not loaded.lookup("councilz")
    assert loaded.quick_suggest("recieve") == ["receive"]
    with monkeypatch.context() as m:  # kept whole again
        _no_reading(m)
        _no_indexing(m)
        assert HunspellDictionary.load(base).quick_suggest("recieve") == ["receive"]


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CACHE", str(blocker))
    base = write_dictionary(tmp_path / "dicts", "xx_TEST", WORDS)
    loaded = HunspellDictionary.load(base)
    assert loaded.lookup("dogs") and loaded.quick_suggest("recieve") == ["receive"]


def test_an_index_built_after_the_dic_changed_is_not_used_for_the_new_one(
        tmp_path: Path) -> None:
    """A process that read the old words and builds its index later (the TUI: at the first
    suggestion) keeps it under the old files' stamp, never the new ones'."""
    base = write_dictionary(tmp_path / "dicts", "xx_TEST", WORDS)
    old = HunspellDictionary.load(base)
    dic = base.with_name("xx_TEST.dic")
    mtime = dic.stat().st_mtime_ns
    write_dictionary(tmp_path / "dicts", "xx_TEST", WORDS.replace("receive/S", "horse/S"))
    os.utime(dic, ns=(mtime + 10**9, mtime + 10**9))
    assert old.quick_suggest("recieve") == ["receive"]  # its index built now, of the old words
    assert HunspellDictionary.load(base).quick_suggest("hors") == ["horse"]


def test_a_kept_dictionary_others_may_write_is_not_read(tmp_path: Path, own_cache: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept dictionary is a pickle: one that another user could have written is read
    from the .dic again."""
    base = write_dictionary(tmp_path / "dicts", "xx_TEST", WORDS)
    HunspellDictionary.load(base)
    (kept,) = own_cache.glob("*.spylls")
    kept.chmod(0o666)
    read: list[bool] = []
    original = spylls.hunspell.readers.read_dic
    monkeypatch.setattr(spylls.hunspell.readers, "read_dic",
                        lambda *a, **k: read.append(True) or original(*a, **k))
    assert HunspellDictionary.load(base).lookup("dogs") and read == [True]
