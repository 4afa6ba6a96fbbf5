"""TMX files in the shapes other tools write, and a project with a memory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workbench.project import Project

OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
          creationtoolversion="6.0.0" segtype="sentence" srclang="AR"/>
  <body>
    <tu>
      <tuv xml:lang="AR">
        <seg>قامت الثورة في روسيا عام 1917.</seg>
      </tuv>
      <tuv xml:lang="EN-GB" changeid="omar" changedate="20240115T103000Z" creationid="omar"
           creationdate="20240110T090000Z">
        <seg>The revolution broke out in Russia in 1917.</seg>
      </tuv>
    </tu>
    <tu>
      <prop type="file">book.txt</prop>
      <prop type="prev">قامت الثورة في روسيا عام 1917.</prop>
      <prop type="next">وانتهى الحكم القيصري.</prop>
      <tuv xml:lang="AR"><seg>واستولى البلاشفة على السلطة.</seg></tuv>
      <tuv xml:lang="EN-GB" changeid="omar" changedate="20240116T080000Z"
        ><seg>And the Bolsheviks seized power.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

MEMOQ = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
<header creationtool="memoQ" creationtoolversion="10.4.3" segtype="sentence" adminlang="en-us"
        srclang="ar-sa" o-tmf="memoQTM" datatype="unknown">
  <prop type="x-project">Revolution book</prop>
</header>
<body>
<tu tuid="17" creationdate="20230301T120000Z" creationid="layla" changedate="20230302T130000Z"
    changeid="sami" usagecount="3">
  <prop type="client">Press</prop>
  <prop type="x-context-pre">مقدمة الكتاب.</prop>
  <prop type="x-context-post">الفصل الأول.</prop>
  <note>checked by the editor</note>
  <tuv xml:lang="ar-SA"><seg>عقد المؤتمر في {b}القاهرة{/b}.</seg></tuv>
  <tuv xml:lang="en-US"><seg>The conference was held in Cairo.</seg></tuv>
</tu>
<tu tuid="18">
  <tuv xml:lang="ar-SA"><seg>وحدة بلا ترجمة.</seg></tuv>
  <tuv xml:lang="fr-FR"><seg>Une unité en français.</seg></tuv>
</tu>
</body>
</tmx>
"""

# Trados Studio: English source, UTF-16 with a BOM, CRLF, inline tags.
TRADOS = """<?xml version="1.0" encoding="utf-16"?>
<tmx version="1.4">
<header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format"
        datatype="xml" segtype="sentence" adminlang="en-US" srclang="en-US"/>
<body>
<tu creationdate="20220510T101010Z" creationid="TRADOS\\\\nadia" changedate="20220511T111111Z"
    changeid="TRADOS\\\\nadia" lastusagedate="20220512T121212Z" usagecount="2">
  <prop type="x-Origin:TM">TM</prop>
  <tuv xml:lang="en-US"><seg>Click <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>Save<ept
    i="1">&lt;/b&gt;</ept> now.<ph x="2" type="lb"/></seg></tuv>
  <tuv xml:lang="ar-SA"><seg>انقر <bpt i="1" x="1">&lt;b&gt;</bpt>حفظ<ept
    i="1">&lt;/b&gt;</ept> الآن.<ph x="2"/></seg></tuv>
</tu>
<tu creationdate="20220510T101011Z">
  <tuv xml:lang="en-GB"><seg>The <hi x="3">new</hi> plan<it pos="begin"
    x="4">&lt;i&gt;</it>.</seg></tuv>
  <tuv xml:lang="ar-EG"><seg>الخطة <hi x="3">الجديدة</hi><it pos="begin"
    x="4">&lt;i&gt;</it>.</seg></tuv>
</tu>
</body>
</tmx>
"""


def write(path: Path, text: str, *, encoding: str = "utf-8", bom: bool = False,
          crlf: bool = False) -> Path:
    """Write ``text`` as a tool would: an encoding, a BOM, CRLF line ends."""
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)
    if bom and encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


@pytest.fixture
def empty_project(new_db: Any, tmp_path: Path) -> Iterator[Project]:
    """A project with one small document and no memories yet (on each backend)."""
    source = tmp_path / "doc.ar.txt"
    source.write_text(
        "قامت الثورة في روسيا عام 1917. واستولى البلاشفة على السلطة.\n"
        "عقد المؤتمر في القاهرة. قامت الثورة في روسيا عام 1917.\n",
        encoding="utf-8",
    )
    with Project.open(new_db, create=True, author="tester") as project:
        project.import_document(source, "doc")
        yield project
