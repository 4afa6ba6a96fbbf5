"""Client documents at size: a 300-page DOCX (about 15,000 paragraphs with bold, italic and
links inside sentences, footnotes and tables) imported, translated and exported as
'original'. The document is built here, from the Arabic of the sample, NTREX-128 and
TICO-19, as WordprocessingML inside a python-docx package."""

from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from bench.common import Row, peak_rss_mb, workdir
from bench.corpus import arabic_sentences

PARAGRAPHS = 15_000
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RTL = "<w:rPr><w:rtl/></w:rPr>"


def _run(text: str, props: str = "") -> str:
    return (f"<w:r><w:rPr>{props}<w:rtl/></w:rPr><w:t xml:space=\"preserve\">"
            f"{escape(text)}</w:t></w:r>")


def build_big_docx(path: Path, paragraphs: int = PARAGRAPHS, seed: int = 11) -> dict[str, int]:
    """A large Arabic DOCX; returns what it holds (paragraphs, words, tables, footnotes)."""
    import docx

    rng = random.Random(seed)
    pool = arabic_sentences()
    body: list[str] = []
    notes: list[str] = []
    words = tables = 0
    for i in range(paragraphs):
        if i % 100 == 0:
            body.append(f'<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:bidi/></w:pPr>'
                        f"{_run(f'الفصل {i // 100 + 1}')}</w:p>")
            continue
        first = pool[(i * 7) % len(pool)]
        second = pool[(i * 13 + 5) % len(pool)] if rng.random() < 0.5 else ""
        head, _, tail = first.partition(" ")
        mid, _, rest = tail.partition(" ")
        runs = [_run(head + " "), _run(mid, "<w:b/><w:bCs/>"), _run(" " + rest)]
        if i % 3 == 0:
            runs.append(_run(" " + "مائل", "<w:i/><w:iCs/>"))
        if i % 10 == 0:
            runs.append('<w:hyperlink r:id="rIdLink"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
                        '<w:rtl/></w:rPr><w:t xml:space="preserve"> رابط</w:t></w:r>'
                        "</w:hyperlink>")
        if i % 20 == 0:
            note = len(notes) + 1
            runs.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                        f'<w:footnoteReference w:id="{note}"/></w:r>')
            notes.append(f'<w:footnote w:id="{note}"><w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr>'
                         f'<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                         f"{_run(' ' + pool[(i * 3) % len(pool)])}</w:p></w:footnote>")
        if second:
            runs.append(_run(" " + second))
        words += len(first.split()) + len(second.split())
        body.append(f"<w:p><w:pPr><w:bidi/></w:pPr>{''.join(runs)}</w:p>")
        if i % 50 == 25:
            tables += 1
            rows = "".join(
                "<w:tr>" + "".join(
                    "<w:tc><w:p><w:pPr><w:bidi/></w:pPr>"
                    f"{_run(pool[(i + r * 3 + c) % len(pool)][:40])}</w:p></w:tc>"
                    for c in range(3)) + "</w:tr>" for r in range(3))
            body.append(f"<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr>{rows}</w:tbl>")
    template = io.BytesIO()
    document = docx.Document()
    document.part.relate_to("https://example.org/", "http://schemas.openxmlformats.org/"
                            "officeDocument/2006/relationships/hyperlink", is_external=True)
    document.save(template)
    source = zipfile.ZipFile(io.BytesIO(template.getvalue()))
    doc_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(body)}'
               '<w:sectPr><w:bidi/></w:sectPr></w:body></w:document>')
    notes_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<w:footnotes xmlns:w="{W}">{"".join(notes)}</w:footnotes>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = doc_xml.encode("utf-8")
            elif info.filename == "word/_rels/document.xml.rels":
                text = data.decode("utf-8").replace(
                    "</Relationships>",
                    '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    '<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/hyperlink" Target="https://example.org/"'
                    ' TargetMode="External"/></Relationships>')
                data = text.encode("utf-8")
            elif info.filename == "[Content_Types].xml":
                data = data.decode("utf-8").replace(
                    "</Types>", '<Override PartName="/word/footnotes.xml" ContentType="'
                    'application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"'
                    "/></Types>").encode("utf-8")
            out.writestr(info, data)
        out.writestr("word/footnotes.xml", notes_xml.encode("utf-8"))
    return {"paragraphs": paragraphs, "words": words, "tables": tables, "footnotes": len(notes)}


def _english(source: str) -> str:
    """A stand-in English translation keeping every tag of the source in place."""
    from workbench.text.tags import tokens

    out, pos = [], 0
    for token in tokens(source):
        if source[pos : token.start].strip():
            out.append("translated text ")
        out.append(token.text)
        pos = token.end
    if source[pos:].strip():
        out.append(" and the rest.")
    return "".join(out).strip()


def translate_all(project: Any, name: str) -> int:
    """Give every segment of document ``name`` a stand-in English keeping its tags (the
    working version, one transaction); the version's id."""
    from workbench.store import documents as q_docs
    from workbench.store import versions as q_versions

    doc = project.document(name)
    with project.transaction():
        vid = project.version_id(doc, "working", create_working=True)
        texts = [(sid, _english(src)) for sid, _, src in
                 q_docs.segment_paragraphs(project.db, doc.id)]
        q_versions.put_translations(project.db, vid, texts)
    return int(vid)


def run() -> list[Row]:
    from workbench.project import Project

    folder = workdir("documents")
    path = folder / "big.docx"
    start = time.perf_counter()
    facts = build_big_docx(path)
    built = time.perf_counter() - start
    rows = [Row(f"build the DOCX ({facts['paragraphs']:,} paragraphs, {facts['words']:,} words, "
                f"{facts['tables']} tables, {facts['footnotes']} footnotes; "
                f"{path.stat().st_size / 1e6:.1f} MB)", built, "s")]
    with Project.open(folder / "big.db", create=True, author="bench") as project:
        start = time.perf_counter()
        report = project.sources.import_file(path)
        imported = time.perf_counter() - start
        rows.append(Row(f"import: read, segment across tags, store ({report.segments:,} "
                        f"segments, {report.tags:,} tags)", imported, "s", target="< 20 s"))
        vid = translate_all(project, "big")
        start = time.perf_counter()
        result = project.export_file("original", folder / "big.en.docx", "big", force=True)
        exported = time.perf_counter() - start
        rows.append(Row(f"export original, every segment translated ({result.units:,})",
                        exported, "s", target="< 20 s"))
        with project.transaction():
            project.db.execute("DELETE FROM translations WHERE version_id = ?", [vid])
        start = time.perf_counter()
        project.export_file("original", folder / "same.docx", "big", force=True)
        rows.append(Row("export original, nothing translated", time.perf_counter() - start,
                        "s"))
    import docx

    start = time.perf_counter()
    opened = docx.Document(str(folder / "big.en.docx"))
    count = sum(1 for p in opened.paragraphs if p.text.strip())
    rows.append(Row(f"python-docx opens the export ({count:,} paragraphs with text)",
                    time.perf_counter() - start, "s"))
    rows.append(Row("peak memory of the process", peak_rss_mb(), "MB"))
    return rows
