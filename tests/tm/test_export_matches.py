"""XLIFF exports carry translation-memory matches: XLIFF 1.2 alt-trans, XLIFF 2.0 mtc:matches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.conftest import run_cli
from workbench.errors import WorkbenchError
from workbench.project import Project

X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"
MTC = "{urn:oasis:names:tc:xliff:matches:2.0}"


@pytest.fixture
def with_memory(project: Project, tmp_path: Path) -> Project:
    first, second = project.segments(limit=2)
    path = tmp_path / "old.tsv"
    path.write_text(
        f"{first.source}\tAn old translation of the first sentence.\n"
        f"{second.source.rstrip('.')}\tAn old translation of the second.\n",
        encoding="utf-8",
    )
    project.tm.import_file(path, "old")
    return project


def test_xliff12_alt_trans(with_memory: Project, tmp_path: Path) -> None:
    out = tmp_path / "sample.xlf"
    with_memory.export_file("xliff", out, tm_matches=3, tm_min=90)
    units = etree.parse(str(out)).getroot().iter(f"{X12}trans-unit")
    first, second, third = list(units)[:3]
    (alt,) = first.findall(f"{X12}alt-trans")
    assert (alt.get("match-quality"), alt.get("origin")) == ("100", "old")
    assert alt.find(f"{X12}target").text == "An old translation of the first sentence."
    assert alt.find(f"{X12}source").text == first.find(f"{X12}source").text
    assert second.find(f"{X12}alt-trans").get("match-quality") == "99"
    assert third.findall(f"{X12}alt-trans") == []
    from translate.storage import xliff

    store = xliff.xlifffile.parsefile(str(out))
    assert [a.target for a in store.units[0].getalttrans()] == [
        "An old translation of the first sentence."
    ]


def test_xliff20_translation_candidates(with_memory: Project, tmp_path: Path) -> None:
    out = tmp_path / "sample.xliff2.xlf"
    with_memory.export_file("xliff2", out, tm_matches=3, tm_min=90)
    unit = next(etree.parse(str(out)).getroot().iter(f"{X20}unit"))
    matches = unit[0]
    assert matches.tag == f"{MTC}matches"  # before the notes and the segment
    (match,) = matches
    assert (match.get("ref"), match.get("type"), match.get("similarity")) == ("#s1", "tm", "100")
    assert match.find(f"{X20}target").text == "An old translation of the first sentence."
    assert unit.find(f"{X20}segment").get("id") == "s1"
    # a unit without matches is written as before
    third = list(etree.parse(str(out)).getroot().iter(f"{X20}unit"))[2]
    assert third.find(f"{MTC}matches") is None and third.find(f"{X20}segment").get("id") is None


def test_only_xliff_takes_matches(with_memory: Project, tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="go into xliff and xliff2, not csv"):
        with_memory.export_file("csv", tmp_path / "x.csv", tm_matches=2)


def test_cli_option(with_memory: Project, sample_db: Any, tmp_path: Path) -> None:
    out = tmp_path / "cli.xlf"
    with_memory.close()
    result = run_cli("export", "--db", str(sample_db), "--format", "xliff", "--output",
                     str(out), "--tm-matches", "1")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").count("<alt-trans ") == 2
    for option, value in (("--tm-matches", "-1"), ("--tm-min", "150")):
        result = run_cli("export", "--db", str(sample_db), "--format", "xliff", "--output",
                         str(out), "--force", "--tm-matches", "1", option, value)
        assert result.exit_code == 2 and f"Invalid value for '{option}'" in result.stderr


def test_a_context_match_is_exported_as_one(project: Project, tmp_path: Path) -> None:
    first, second, third = project.segments(limit=3)
    path = tmp_path / "memoq.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="ar-sa"/><body><tu>'
        f'<prop type="x-context-pre">{first.source}</prop>'
        f'<prop type="x-context-post">{third.source}</prop>'
        f'<tuv xml:lang="ar-sa"><seg>{second.source}</seg></tuv>'
        '<tuv xml:lang="en-us"><seg>In its context.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    project.tm.import_file(path, "memoq")
    out = tmp_path / "sample.xliff2.xlf"
    project.export_file("xliff2", out, tm_matches=1, tm_min=100)
    unit = list(etree.parse(str(out)).getroot().iter(f"{X20}unit"))[1]
    (match,) = unit.find(f"{MTC}matches")
    assert (match.get("similarity"), match.get("subType")) == ("100", "wb:context")
    out = tmp_path / "sample.xlf"
    project.export_file("xliff", out, tm_matches=1, tm_min=100)
    unit = list(etree.parse(str(out)).getroot().iter(f"{X12}trans-unit"))[1]
    assert unit.find(f"{X12}alt-trans").get("match-quality") == "101"


def test_a_matchs_tags_are_the_formats_codes(project: Project, tmp_path: Path) -> None:
    # another tool's {1} {/1} {2/} are written as the segment's tags (<g>, <x/>), never as text
    # that the receiving tool would translate; they did
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>انتهت <b>الحرب</b> أخيرا.</p></body></html>",
                    encoding="utf-8")
    project.sources.import_file(page, "page")
    memory = tmp_path / "tags.tmx"
    memory.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="ar"/><body><tu>'
        '<tuv xml:lang="ar"><seg>انتهت <bpt i="4"/>الحرب<ept i="4"/> أخيرا<ph x="5"/>.</seg></tuv>'
        '<tuv xml:lang="en"><seg>The <bpt i="4"/>war<ept i="4"/> ended<ph x="5"/>.</seg></tuv>'
        "</tu></body></tmx>", encoding="utf-8")
    project.tm.import_file(memory, "tags")
    out = tmp_path / "page.xlf"
    project.export_file("xliff", out, "page", tm_matches=1, tm_min=50)
    alt = next(etree.parse(str(out)).getroot().iter(f"{X12}alt-trans"))
    target = alt.find(f"{X12}target")
    assert "{" not in "".join(target.itertext())
    assert [(el.tag, el.get("id")) for el in target] == [(f"{X12}g", "4"), (f"{X12}x", "5")]
    project.export_file("xliff2", tmp_path / "page2.xlf", "page", tm_matches=1, tm_min=50)
    match = next(etree.parse(str(tmp_path / "page2.xlf")).getroot().iter(f"{MTC}match"))
    assert [el.tag for el in match.find(f"{X20}target")] == [f"{X20}pc", f"{X20}ph"]
