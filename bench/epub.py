"""A novel as an EPUB book: 60 chapters of 250 paragraphs (15,000 paragraphs, with italics,
bold and links to a page of notes inside sentences) built here from the Arabic of the sample,
NTREX-128 and TICO-19, imported, translated and exported as 'original'. pandoc, when it is
on the PATH, reads and writes the same book (EPUB to EPUB) in the same run as the peer.

Run alone: ``python -m bench epub``.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from bench.common import Row, peak_rss_mb, workdir
from bench.corpus import arabic_sentences
from bench.documents import translate_all

CHAPTERS = 60
PER_CHAPTER = 250
CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>
<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles></container>"""


def build_book(path: Path, chapters: int = CHAPTERS, seed: int = 7) -> dict[str, int]:
    """An Arabic EPUB 3 novel; returns what it holds."""
    rng = random.Random(seed)
    pool = arabic_sentences()
    pages: dict[str, str] = {}
    notes: list[str] = []
    words = 0
    for c in range(chapters):
        body = [f'<h1 id="c{c}">الفصل {c + 1}</h1>']
        for p in range(PER_CHAPTER):
            first, second = rng.choice(pool), rng.choice(pool)
            cut = first.split()
            mark = "i" if p % 3 else "b"
            half = len(cut) // 2
            text = (f"{escape(' '.join(cut[:half]))} <{mark}>{escape(' '.join(cut[half:]))}"
                    f"</{mark}> {escape(second)}")
            if p % 40 == 0:
                text += f'<a href="notes.xhtml#n{c}-{p}"><sup>{p // 40 + 1}</sup></a>'
                notes.append(f'<p id="n{c}-{p}">{escape(rng.choice(pool))}</p>')
            body.append(f"<p>{text}</p>")
            words += len(first.split()) + len(second.split())
        pages[f"OEBPS/Text/ch{c:03d}.xhtml"] = (
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www'
            '.w3.org/1999/xhtml" lang="ar" dir="rtl"><head><title>رواية</title></head><body>'
            + "".join(body) + "</body></html>")
    pages["OEBPS/Text/notes.xhtml"] = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www'
        '.w3.org/1999/xhtml" lang="ar" dir="rtl"><head><title>رواية</title></head><body>'
        '<h1>الحواشي</h1>' + "".join(notes) + "</body></html>")
    items = "".join(f'<item id="c{c}" href="Text/ch{c:03d}.xhtml" media-type="application/'
                    'xhtml+xml"/>' for c in range(chapters))
    items += '<item id="notes" href="Text/notes.xhtml" media-type="application/xhtml+xml"/>'
    spine = "".join(f'<itemref idref="c{c}"/>' for c in range(chapters))
    spine += '<itemref idref="notes"/>'
    nav = "".join(f'<li><a href="Text/ch{c:03d}.xhtml">الفصل {c + 1}</a></li>'
                  for c in range(chapters))
    opf = ('<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf"'
           ' version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/'
           'elements/1.1/"><dc:identifier id="id">urn:bench</dc:identifier><dc:title>رواية'
           '</dc:title><dc:language>ar</dc:language><meta property="dcterms:modified">'
           '2026-01-01T00:00:00Z</meta></metadata><manifest><item id="nav" href="nav.xhtml" '
           f'media-type="application/xhtml+xml" properties="nav"/>{items}</manifest>'
           f'<spine page-progression-direction="rtl">{spine}</spine></package>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        z.writestr("META-INF/container.xml", CONTAINER, zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/content.opf", opf, zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/nav.xhtml", '<?xml version="1.0" encoding="utf-8"?><html xmlns="http:'
                   '//www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head>'
                   '<title>المحتويات</title></head><body><nav epub:type="toc"><ol>'
                   f"{nav}</ol></nav></body></html>", zipfile.ZIP_DEFLATED)
        for name, text in pages.items():
            z.writestr(name, text, zipfile.ZIP_DEFLATED)
    return {"paragraphs": chapters * PER_CHAPTER, "words": words, "chapters": chapters}


def run() -> list[Row]:
    from workbench.project import Project

    folder = workdir("epub")
    path = folder / "novel.epub"
    start = time.perf_counter()
    facts = build_book(path)
    rows = [Row(f"build the EPUB ({facts['chapters']} chapters, {facts['paragraphs']:,} "
                f"paragraphs, {facts['words']:,} words; {path.stat().st_size / 1e6:.1f} MB)",
                time.perf_counter() - start, "s")]
    peer = None
    if shutil.which("pandoc"):
        start = time.perf_counter()
        subprocess.run(["pandoc", str(path), "-o", str(folder / "pandoc.epub")], check=True,
                       capture_output=True)
        peer = time.perf_counter() - start
    with Project.open(folder / "novel.db", create=True, author="bench") as project:
        start = time.perf_counter()
        report = project.sources.import_file(path)
        imported = time.perf_counter() - start
        rows.append(Row(f"import: read the pages, segment across tags, store "
                        f"({report.segments:,} segments, {report.tags:,} tags)", imported, "s",
                        f"pandoc EPUB to EPUB {peer:.1f} s" if peer else "pandoc not here",
                        imported / peer if peer else None, "< 20 s"))
        translate_all(project, "novel")
        start = time.perf_counter()
        result = project.export_file("original", folder / "novel.en.epub", "novel", force=True)
        exported = time.perf_counter() - start
        rows.append(Row(f"export original, every segment translated ({result.units:,})",
                        exported, "s",
                        f"pandoc EPUB to EPUB {peer:.1f} s" if peer else "pandoc not here",
                        exported / peer if peer else None, "< 20 s"))
    rows.append(Row("peak memory of the process", peak_rss_mb(), "MB"))
    return rows
