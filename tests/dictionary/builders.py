"""Small dictionaries of every format, written by the tests themselves (no FreeDict needed)."""

from __future__ import annotations

import gzip
import string
import struct
import time
import zlib
from pathlib import Path

#: dictd's base64 digits (its index writes offsets and lengths with them).
_B64 = string.ascii_uppercase + string.ascii_lowercase + string.digits + "+/"


def b64_encode(value: int) -> str:
    """The dictd base64 form of ``value`` (``IhAH`` for 2,232,327)."""
    if value == 0:
        return "A"
    out = []
    while value:
        out.append(_B64[value % 64])
        value //= 64
    return "".join(reversed(out))


def write_dictzip(path: str | Path, data: bytes, chunk_len: int = 58315) -> None:
    """Write ``data`` as a dictzip file (what ``dictzip`` makes)."""
    sizes: list[int] = []
    body = bytearray()
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    for start in range(0, max(len(data), 1), chunk_len):
        piece = comp.compress(data[start : start + chunk_len])
        piece += comp.flush(zlib.Z_FULL_FLUSH)
        sizes.append(len(piece))
        body += piece
    tail = comp.flush(zlib.Z_FINISH)
    if sizes:
        sizes[-1] += len(tail)
    body += tail
    ra = struct.pack("<HHH", 1, chunk_len, len(sizes)) + struct.pack(f"<{len(sizes)}H", *sizes)
    extra = b"RA" + struct.pack("<H", len(ra)) + ra
    header = (
        b"\x1f\x8b\x08\x04" + struct.pack("<I", int(time.time())) + b"\x02\x03"
        + struct.pack("<H", len(extra)) + extra
    )
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    Path(path).write_bytes(header + bytes(body) + trailer)


#: (headword, IPA, senses): FreeDict's shape, with and without the article, a phrase.
ARTICLES: list[tuple[str, str, list[str]]] = [
    ("كتاب", "kitaːb", ["book", "letter"]),
    ("الكتاب", "alkitaːb", ["the book", "scribes"]),
    ("مدرسة", "madrasa", ["school"]),
    ("ثورة", "θawra", ["revolution", "uprising"]),
    ("شمس", "ʃams", ["sun"]),
    ("مستشفى", "mustaʃfaː", ["hospital"]),
    ("الخطاب الرسمي", "alxitˤaːb", ["allocution", "official speech"]),
    ("عامل", "ʕaːmil", ["worker"]),
]


def dictd(folder: Path, name: str = "test-ara-eng", zipped: bool = True,
          chunk: int = 64, articles: list[tuple[str, str, list[str]]] | None = None) -> Path:
    """A dictd set; the data dictzip'd in tiny chunks (so an article spans several);
    ``articles``: other (headword, IPA, senses) than :data:`ARTICLES`."""
    data = bytearray()
    index: list[str] = []

    def add(head: str, body: str) -> None:
        raw = body.encode("utf-8")
        index.append(f"{head}\t{b64_encode(len(data))}\t{b64_encode(len(raw))}")
        data.extend(raw)

    add("00databaseshort", "00-database-short\n     Test Arabic-English\n")
    for head, ipa, senses in ARTICLES if articles is None else articles:
        lines = [f"{head} /{ipa}/"]
        lines += [f"{k}. {s}" for k, s in enumerate(senses, 1)] if len(senses) > 1 else senses
        add(head, "\n".join(lines) + "\n")
    (folder / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    if zipped:
        write_dictzip(folder / f"{name}.dict.dz", bytes(data), chunk_len=chunk)
    else:
        (folder / f"{name}.dict").write_bytes(bytes(data))
    return folder / f"{name}.index"


def stardict(folder: Path, name: str = "star", synonyms: bool = True,
             zipped: bool = False) -> Path:
    """A StarDict set (types ``tm``: phonetic then meaning), optionally with a ``.syn``."""
    data = bytearray()
    idx = bytearray()
    words = sorted(ARTICLES, key=lambda a: a[0].encode("utf-8"))
    for head, ipa, senses in words:
        body = ipa.encode("utf-8") + b"\0" + "\n".join(senses).encode("utf-8")
        idx += head.encode("utf-8") + b"\0" + struct.pack(">II", len(data), len(body))
        data += body
    (folder / f"{name}.idx").write_bytes(bytes(idx))
    if zipped:
        write_dictzip(folder / f"{name}.dict.dz", bytes(data), chunk_len=50)
    else:
        (folder / f"{name}.dict").write_bytes(bytes(data))
    info = [
        "StarDict's dict ifo file", "version=2.4.2", "bookname=Star Test",
        f"wordcount={len(words)}", f"idxfilesize={len(idx)}", "sametypesequence=tm",
    ]
    if synonyms:
        syn = "صحيفة".encode() + b"\0" + struct.pack(">I", 0)  # points to words[0]
        (folder / f"{name}.syn").write_bytes(syn)
        info.append("synwordcount=1")
    (folder / f"{name}.ifo").write_text("\n".join(info) + "\n", encoding="utf-8")
    return folder / f"{name}.ifo"


def stardict_of(folder: Path, types: str, articles: list[tuple[str, str]]) -> Path:
    """A StarDict set of one field type, articles as given."""
    data, idx = bytearray(), bytearray()
    for head, body in sorted(articles, key=lambda a: a[0].encode()):
        raw = body.encode()
        idx += head.encode() + b"\0" + struct.pack(">II", len(data), len(raw))
        data += raw
    (folder / "h.idx").write_bytes(bytes(idx))
    (folder / "h.dict").write_bytes(bytes(data))
    (folder / "h.ifo").write_text(
        "StarDict's dict ifo file\nversion=2.4.2\nbookname=HTML\n"
        f"wordcount={len(articles)}\nidxfilesize={len(idx)}\nsametypesequence={types}\n",
        encoding="utf-8")
    return folder / "h.ifo"


DSL = """#NAME "DSL Test"
#INDEX_LANGUAGE "Arabic"
#CONTENTS_LANGUAGE "English"

كتاب
\t[m1][t]kitaːb[/t] [p]n[/p][/m]
\t[m1]1) [trn]book[/trn][/m]
\t[m1]2) [trn][i]a[/i] letter[/trn] {{old}}[/m]
\t[m2][ex][lang id=1033]~ جديد — a new book[/lang][/ex][/m]
مدرسة
المدرسة
\t[m1][trn]school \\[place\\][/trn][/m]
\t[s]madrasa.wav[/s]
{ال}شمس
\t[m1][c blue]sun[/c][/m]
"""


def dsl(folder: Path, name: str = "test", encoding: str = "utf-16", zipped: bool = False) -> Path:
    """A Lingvo DSL file with markup (UTF-16 with BOM by default), optionally dictzip'd."""
    raw = DSL.replace("\n", "\r\n").encode(encoding)
    if zipped:
        path = folder / f"{name}.dsl.dz"
        write_dictzip(path, raw, chunk_len=100)
    else:
        path = folder / f"{name}.dsl"
        path.write_bytes(raw)
    return path


TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Arabic-English Test TEI</title></titleStmt>
  </fileDesc></teiHeader>
  <text><body>
    <entry xml:id="k1">
      <form><orth>كتاب</orth><pron>kitaːb</pron></form>
      <gramGrp><pos>n</pos></gramGrp>
      <sense n="1"><cit type="trans" xml:lang="en"><quote>book</quote></cit></sense>
      <sense n="2"><cit type="trans" xml:lang="en"><quote>letter</quote></cit>
        <cit type="example"><quote>كتاب جديد</quote></cit></sense>
    </entry>
    <entry>
      <form><orth>ثورة</orth></form>
      <sense><cit type="trans"><quote>revolution &amp; uprising</quote></cit></sense>
    </entry>
    <entry>
      <form><orth>عامل</orth></form>
      <sense><def>one who works</def></sense>
    </entry>
  </body></text>
</TEI>
"""


def tei(folder: Path, name: str = "test-ara-eng", gz: bool = False) -> Path:
    """A FreeDict TEI file (optionally gzip'd)."""
    if gz:
        path = folder / f"{name}.tei.gz"
        path.write_bytes(gzip.compress(TEI.encode("utf-8")))
        return path
    path = folder / f"{name}.tei"
    path.write_text(TEI, encoding="utf-8")
    return path


def tsv(folder: Path, name: str = "mini") -> Path:
    """A TSV dictionary: Arabic, English, optional note."""
    path = folder / f"{name}.tsv"
    path.write_text(
        "arabic\tenglish\tnote\n# a comment\nكتاب\tbook; volume\nكتاب\tletter\told use\n"
        "ثورة\trevolution\n", encoding="utf-8")
    return path
