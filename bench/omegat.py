"""Side by side with OmegaT (Debian's omegat, run headless in console mode): for the same
client documents, the segments each tool finds and the tags it puts in them; and the time to
read the 300-page DOCX of bench/documents.py.

OmegaT is driven as ``java -jar /usr/share/omegat/OmegaT.jar PROJECT
--mode=console-createpseudotranslatetmx``: one project per document (an ``omegat.project``
file and an ``omegat/`` folder, Arabic to English, sentence segmentation on); its
``omegat/project_stats.txt`` gives the segments, the pseudo-translation TMX the unique
segments with their tags (OmegaT's ``<t0/>``, ``<f0>…</f0>`` shortcuts). A pair counts as one
tag in both tools. Skipped (one row saying so) when Java or OmegaT is not installed.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import time
from pathlib import Path

from lxml import etree

from bench.common import ROOT, Row, skipped, workdir

JAR = Path("/usr/share/omegat/OmegaT.jar")
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
<source_dir>source</source_dir><target_dir>target</target_dir><tm_dir>tm</tm_dir>
<glossary_dir>glossary</glossary_dir><glossary_file>glossary/glossary.txt</glossary_file>
<dictionary_dir>dictionary</dictionary_dir>
<source_lang>AR</source_lang><target_lang>EN-US</target_lang>
<source_tok>org.omegat.tokenizer.LuceneArabicTokenizer</source_tok>
<target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
<sentence_seg>true</sentence_seg><support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags>
</project></omegat>
"""
_OMEGAT_TAG = re.compile(r"<([a-zA-Z]+\d+)(/?)>")


def _builders() -> object:
    """The test suite's document builders (tests/filters/builders.py), loaded by path."""
    path = ROOT / "tests" / "filters" / "builders.py"
    spec = importlib.util.spec_from_file_location("filter_builders", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(folder: Path) -> dict[str, Path]:
    """The documents compared: those of the filter tests, built afresh."""
    b = _builders()
    out = {
        "DOCX": b.build_docx(folder / "report.docx"),  # type: ignore[attr-defined]
        "DOCX (fields, text box)": b.build_docx_rich(folder / "rich.docx"),  # type: ignore[attr-defined]
        "ODT": b.build_odt(folder / "report.odt"),  # type: ignore[attr-defined]
    }
    tests = ROOT / "tests" / "filters"
    for name, module, variable, file in (
        ("HTML", "test_html", "PAGE", "page.html"),
        ("Markdown", "test_markdown", "SOURCE", "notes.md"),
        ("XLIFF 1.2", "test_xliff_source", "XLIFF12", "other.xlf"),
        ("XLIFF 2.0", "test_xliff_source", "XLIFF20", "page.xlf"),
    ):
        text = _constant(tests / f"{module}.py", variable)
        path = folder / file
        path.write_text(text, encoding="utf-8")
        out[name] = path
    return out


def _constant(path: Path, name: str) -> str:
    """A string constant of a test module, read without importing the module (its imports
    need pytest)."""
    import ast

    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise KeyError(name)


def ours(path: Path, folder: Path) -> tuple[int, int, int, float]:
    """Segments, unique segments, tags in the unique segments, seconds to import."""
    from workbench.project import Project
    from workbench.text.tags import EMPTY, OPEN, tokens

    db = folder / f"{path.stem}-{path.suffix[1:]}.db"
    db.unlink(missing_ok=True)
    with Project.open(db, create=True, author="bench") as project:
        start = time.perf_counter()
        project.sources.import_file(path, "doc")
        seconds = time.perf_counter() - start
        sources = [s.source for s in project.segments("doc", limit=1 << 30)]
    unique = list(dict.fromkeys(sources))
    tags = sum(1 for s in unique for t in tokens(s) if t.kind in (OPEN, EMPTY))
    return len(sources), len(unique), tags, seconds


def omegat(path: Path, folder: Path) -> tuple[int, int, int, float] | None:
    """Segments, unique segments, tags in the unique segments, seconds to load the project
    and write its pseudo-translation; None when OmegaT read no segment of the file."""
    project = folder / f"omegat-{path.stem}-{path.suffix[1:]}"
    shutil.rmtree(project, ignore_errors=True)
    for sub in ("source", "target", "tm", "glossary", "dictionary", "omegat"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    shutil.copy(path, project / "source" / path.name)
    tmx = project / "pseudo.tmx"
    start = time.perf_counter()
    subprocess.run(
        ["java", "-Djava.awt.headless=true", "-jar", str(JAR), str(project),
         "--mode=console-createpseudotranslatetmx", f"--pseudotranslatetmx={tmx}",
         "--pseudotranslatetype=equal"],
        capture_output=True, text=True, timeout=900, check=False,
    )
    seconds = time.perf_counter() - start
    stats = project / "omegat" / "project_stats.txt"
    if not tmx.exists() or not stats.exists():
        return None
    total = 0
    for line in stats.read_text(encoding="utf-8").splitlines():
        if line.startswith("Total:"):
            total = int(line.split("\t")[1])
    if total == 0:
        return None
    segs = _tmx_sources(tmx)
    tags = sum(1 for s in segs for _ in _OMEGAT_TAG.finditer(s))
    return total, len(segs), tags, seconds


def _tmx_sources(tmx: Path) -> list[str]:
    out = []
    for tu in etree.parse(str(tmx)).getroot().iter("tu"):
        seg = tu.find("tuv/seg")
        if seg is not None:
            out.append("".join(seg.itertext()))
    return out


def run() -> list[Row]:
    folder = workdir("omegat")
    if shutil.which("java") is None or not JAR.exists():
        return [skipped("OmegaT not installed (apt-get install omegat): nothing compared")]
    rows: list[Row] = []
    for name, path in documents(folder).items():
        ours_n, ours_unique, ours_tags, _ = ours(path, folder)
        theirs = omegat(path, folder)
        label = f"{name}: segments / unique / tags in unique segments"
        rows.append(Row(f"{label} — workbench", ours_n, "segments",
                        f"unique {ours_unique}, tags {ours_tags} "
                        f"({ours_tags / max(1, ours_unique):.2f} a segment)"))
        if theirs is None:
            rows.append(Row(f"{label} — OmegaT 3.6", 0, "segments", "no filter for this file"))
        else:
            n, unique, tags, _ = theirs
            rows.append(Row(f"{label} — OmegaT 3.6", n, "segments",
                            f"unique {unique}, tags {tags} ({tags / max(1, unique):.2f} a "
                            "segment)"))
    from bench.documents import build_big_docx

    big = folder / "big.docx"
    build_big_docx(big)
    n, _, tags, seconds = ours(big, folder)
    theirs = omegat(big, folder)
    peer = theirs[3] if theirs is not None else None
    rows.append(Row(f"300-page DOCX — workbench import ({n:,} segments, {tags:,} tags in unique "
                    "segments)", seconds, "s",
                    f"OmegaT 3.6 {peer:.2f} s" if peer else "OmegaT read no segment",
                    seconds / peer if peer else None))
    if theirs is not None:
        n, _, tags, peer = theirs
        rows.append(Row(f"300-page DOCX — OmegaT 3.6 project load + pseudo-TMX ({n:,} "
                        f"segments, {tags:,} tags in unique segments)", peer, "s"))
    return rows
