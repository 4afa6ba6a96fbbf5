"""Markdown in, translated Markdown out, read back with markdown-it-py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from workbench.errors import InputError
from workbench.filters import read_source
from workbench.project import Project

SOURCE = """---
title: تقرير
---
# تقرير **اللجنة**

بدأت *الثورة* في [بتروغراد](https://example.org/p "المدينة") عام ١٩١٧. وانتشرت
بسرعة مع `code()` هنا.

- عنصر أول مع **عريض**
- عنصر ثان مع ![صورة](map.png)
  1. عنصر فرعي

> اقتباس من *المصدر*.

| اسم | قيمة |
|-----|------|
| أ   | ب    |

```
لا تترجم
```
"""
ARABIC = [
    "تقرير",  # the front matter's title
    "تقرير <1>اللجنة</1>",
    "بدأت <1>الثورة</1> في <2>بتروغراد</2> عام ١٩١٧.", "وانتشرت بسرعة مع <3/> هنا.",
    "عنصر أول مع <1>عريض</1>", "عنصر ثان مع <1>صورة</1>", "عنصر فرعي",
    "اقتباس من <1>المصدر</1>.",
    "اسم", "قيمة", "أ", "ب",
]


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _shape(text: str) -> list[tuple[str, ...]]:
    """The token structure of a Markdown text: block tokens, and inline children's types
    with their links' destinations and code spans' content (soft breaks are spaces: text
    pieces joined)."""
    out: list[tuple[str, ...]] = []
    for token in _md().parse(text):
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "softbreak" or (child.type == "text" and out and
                                                 out[-1][0] == "text"):
                    continue
                extra = str(child.attrs.get("href") or child.attrs.get("src") or "")
                if child.type == "code_inline":
                    extra = child.content
                out.append((child.type, extra))
        else:
            out.append((token.type, token.markup))
    return out


@pytest.fixture
def doc(tmp_path: Path) -> Iterator[tuple[Project, Path]]:
    source = tmp_path / "notes.md"
    source.write_text(SOURCE, encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        yield project, source


def test_the_import_reads_paragraphs_items_quotes_and_cells(doc: tuple) -> None:
    project, _ = doc
    segments = project.segments("notes", limit=100)
    assert [s.source for s in segments] == ARABIC
    tags = project.sources.block(segments[2].id)["tags"]
    assert [(t.label, t.title) for t in tags.values()] == [
        ("i", "*"), ("link", "https://example.org/p"), ("code", "code()"),
    ]
    kinds = [project.sources.block(s.id)["kind"] for s in segments]
    assert kinds == ["title", "heading", "paragraph", "paragraph", "list-item", "list-item",
                     "list-item", "quote", "cell", "cell", "cell", "cell"]


def test_the_translated_text_keeps_its_markdown(doc: tuple, tmp_path: Path) -> None:
    project, _ = doc
    segments = project.segments("notes", limit=100)
    english = [
        "Report",
        "Report of the <1>committee</1>",
        "The <1>revolution</1> began in <2>Petrograd</2> in 1917.",
        "It spread quickly with <3/> here.",
        "First item with <1>bold</1>",
        "Second item with <1>a picture</1>",
        "A sub-item",
        "A quote from the <1>source</1>.",
        "Name", "Value", "A | B", "b",
    ]
    for segment, text in zip(segments, english, strict=True):
        project.confirm(segment.id, text)
    out = project.export_file("original", tmp_path / "notes.en.md").path
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[:3] == ["---", 'title: "Report"', "---"]  # a YAML string
    assert "# Report of the **committee**" in text
    assert ('The *revolution* began in [Petrograd](https://example.org/p "المدينة") in 1917. '
            "It spread quickly with `code()` here.") in text
    assert "- Second item with ![a picture](map.png)" in text
    assert "  1. A sub-item" in text and "> A quote from the *source*." in text
    assert "| A \\| B | b |" in text or "| A \\| B   | b    |" in text
    assert "```\nلا تترجم\n```" in text
    # the same Markdown structure: every emphasis, link, image, code span, list and cell
    translated = _shape(text)
    original = _shape(SOURCE)
    assert translated == original
    cells = [t.content for t in _md().parse(text) if t.type == "inline"][-4:]
    assert cells == ["Name", "Value", "A | B", "b"]


def test_imported_and_exported_without_translation_is_the_same_file(
    doc: tuple, tmp_path: Path
) -> None:
    project, source = doc
    out = project.export_file("original", tmp_path / "same.md").path
    assert out.read_bytes() == source.read_bytes()


def test_rebuilt_blocks_parse_to_the_same_document(doc: tuple, tmp_path: Path) -> None:
    project, _ = doc
    for segment in project.segments("notes", limit=100):
        project.save_draft(segment.id, segment.source)
    out = project.export_file("original", tmp_path / "rebuilt.md").path
    assert _shape(out.read_text(encoding="utf-8")) == _shape(SOURCE)


def test_markdown_characters_in_the_english_are_escaped(doc: tuple, tmp_path: Path) -> None:
    project, _ = doc
    segment = project.segments("notes", limit=100)[6]
    project.confirm(segment.id, "1. a *star* and [brackets] <here>")
    out = project.export_file("original", tmp_path / "esc.md").path
    items = [t for t in _md().parse(out.read_text(encoding="utf-8")) if t.type == "inline"]
    assert items[5].children[0].content == "1. a *star* and [brackets] <here>"
    assert all(c.type == "text" for c in items[5].children)


@pytest.mark.parametrize("english", ["~~~ end", "---", "-- -"])
def test_english_that_would_open_a_code_fence_or_a_rule_stays_text(
    tmp_path: Path, english: str
) -> None:
    """English starting a paragraph or a list item with a tilde fence or a thematic break is
    escaped: ``~~~`` had made the rest of the document a code block, ``- ---`` a rule."""
    source = tmp_path / "f.md"
    source.write_text("فقرة أولى.\n\n- عنصر\n\nفقرة أخيرة.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first, item, _ = project.segments("f", limit=10)
        project.confirm(first.id, english)
        project.confirm(item.id, english)
        out = project.export_file("original", tmp_path / "f.en.md").path
    tokens = _md().parse(out.read_text(encoding="utf-8"))
    assert ["".join(c.content for c in t.children or []) for t in tokens
            if t.type == "inline"] == [english, english, "فقرة أخيرة."]
    assert not any(t.type in ("fence", "hr") for t in tokens)


def test_footnotes_stay_footnotes(tmp_path: Path) -> None:
    """A footnote reference is an empty tag written back as it was, a definition's label
    stays outside its text; an escaped one is text (before, the English had ``\\[^1\\]``:
    pandoc and GitHub showed the brackets instead of the note; a one-word note was read as
    a link reference definition and left out)."""
    source = tmp_path / "notes.md"
    source.write_text("الخطوة الأولى[^1] و\\[^2\\] هنا.\n\n[^1]: نص الحاشية.\n",
                      encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first, note = project.segments("notes", limit=10)
        assert first.source == "الخطوة الأولى<1/> و[^2] هنا."
        assert note.source == "نص الحاشية."
        assert project.sources.block(note.id)["kind"] == "footnote"
        project.confirm(first.id, "The first step<1/> and [^2] here.")
        project.confirm(note.id, "The footnote text.")
        out = project.export_file("original", tmp_path / "notes.en.md").path
    assert out.read_text(encoding="utf-8") == \
        "The first step[^1] and \\[^2\\] here.\n\n[^1]: The footnote text.\n"


def test_a_footnote_reference_the_english_lost_is_put_back_with_a_warning(
    tmp_path: Path,
) -> None:
    source = tmp_path / "lost.md"
    source.write_text("نص مع حاشية[^1] هنا.\n\n[^1]: الحاشية.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first = project.segments("lost", limit=10)[0]
        project.save_draft(first.id, "Text with a note here.")
        result = project.export_file("original", tmp_path / "lost.en.md")
        quiet = project.export_file("original", tmp_path / "empty.md", fallback="empty")
    assert result.path.read_text(encoding="utf-8").startswith("Text with a note here.[^1]\n")
    assert result.warnings == ("line 1: <1/> (footnote 1) not in the English: put back at "
                               "the end of the paragraph",)
    assert quiet.warnings == result.warnings  # the untranslated note: no warning


def test_a_line_break_the_english_lost_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """A hard break put back at the end of the paragraph was a literal backslash there."""
    source = tmp_path / "br.md"
    source.write_text("السطر الأول.  \nالسطر الثاني.\n\nفقرة أخرى.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first, second, _ = project.segments("br", limit=10)
        project.save_draft(first.id, "The first line.")
        project.save_draft(second.id, "The second line.")
        result = project.export_file("original", tmp_path / "br.en.md")
    assert result.path.read_text(encoding="utf-8") == \
        "The first line. The second line.\n\nفقرة أخرى.\n"
    assert result.warnings == ("line 1: <1/> (line break) not in the English: left out",)


def test_the_front_matters_language_and_direction_turn_english(tmp_path: Path) -> None:
    """pandoc lays a document out by its front matter's ``lang`` and ``dir``: translated, the
    file says ``en`` and ``ltr`` (the English came out right-to-left); untranslated, as it
    was."""
    text = "---\ntitle: تقرير\nlang: ar-EG\ndir: 'rtl'  # Arabic\n---\n\nفقرة.\n"
    source = tmp_path / "front.md"
    source.write_text(text, encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        same = project.export_file("original", tmp_path / "same.md").path
        project.confirm(project.segments("front", limit=10)[1].id, "A paragraph.")
        out = project.export_file("original", tmp_path / "front.en.md").path
    assert same.read_text(encoding="utf-8") == text
    assert out.read_text(encoding="utf-8") == \
        "---\ntitle: تقرير\nlang: en\ndir: 'ltr'  # Arabic\n---\n\nA paragraph.\n"


def test_a_deeply_nested_list_is_read_to_its_last_level(tmp_path: Path) -> None:
    """CommonMark's preset of markdown-it reads blocks 20 deep: a list's tenth level was not
    imported, and so not translated, without a word; deeper than the limit is refused."""
    outline = tmp_path / "outline.md"
    outline.write_text("".join("  " * k + f"- بند {k}\n" for k in range(12)), encoding="utf-8")
    assert [b.text for b in read_source(outline).blocks] == [f"بند {k}" for k in range(12)]
    deep = tmp_path / "deep.md"
    deep.write_text("فقرة.\n\n" + "> " * 120 + "نص عميق.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"deep\.md: line 3: refused: blocks nested more"):
        read_source(deep)


def test_the_front_matters_title_and_description_are_translated(tmp_path: Path) -> None:
    """pandoc, Jekyll and Hugo take a page's title from its front matter: it stayed Arabic
    above the English. Its one-line title, subtitle and description are now blocks, written
    back as YAML strings (quotes, a colon and a comment safe); other fields, and a block
    scalar, are left as they are."""
    text = ("---\ntitle: ثورة أكتوبر\nsubtitle: 'دروس ''الثورة'''\n"
            'description: "عن \\"الثورة\\"" # للفهرس\nauthor: تروتسكي\nabstract: |\n'
            "  ملخص.\nlang: ar\n---\n\nفقرة.\n")
    source = tmp_path / "page.md"
    source.write_text(text, encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("page", limit=10)
        assert [s.source for s in segments] == [
            "ثورة أكتوبر", "دروس 'الثورة'", 'عن "الثورة"', "فقرة."]
        assert [project.sources.block(s.id)["kind"] for s in segments] == [
            "title", "title", "metadata", "paragraph"]
        for segment, english in zip(segments, ['The October Revolution: "1917"',
                                               "Lessons of 'October'", "On #1 \\ the rest",
                                               "A paragraph."], strict=True):
            project.confirm(segment.id, english)
        out = project.export_file("original", tmp_path / "page.en.md").path
    assert out.read_text(encoding="utf-8").splitlines() == [
        "---", 'title: "The October Revolution: \\"1917\\""', "subtitle: 'Lessons of ''October'''",
        'description: "On #1 \\\\ the rest" # للفهرس', "author: تروتسكي", "abstract: |",
        "  ملخص.", "lang: en", "---", "", "A paragraph."]


def test_a_headings_attributes_stay_outside_its_text(tmp_path: Path) -> None:
    """pandoc's and kramdown's heading attributes (``{#intro}``, ``{.unnumbered}``) were
    read as text to translate: the English left them out and the anchor other pages link
    to was gone. They stay outside the block, written back as they were."""
    text = ("# مقدمة {#intro}\n\n## الخلفية {#bg .unnumbered}\n\nانظر {#intro} هنا.\n\n"
            "# عنوان {ليس سمة}\n")
    source = tmp_path / "attrs.md"
    source.write_text(text, encoding="utf-8")
    assert [b.text for b in read_source(source).blocks] == \
        ["مقدمة", "الخلفية", "انظر {#intro} هنا.", "عنوان {ليس سمة}"]
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        same = project.export_file("original", tmp_path / "same.md").path
        first, second, *_ = project.segments("attrs", limit=10)
        project.confirm(first.id, "Introduction")
        project.confirm(second.id, "Background")
        out = project.export_file("original", tmp_path / "attrs.en.md").path
    assert same.read_text(encoding="utf-8") == text
    assert out.read_text(encoding="utf-8").startswith(
        "# Introduction {#intro}\n\n## Background {#bg .unnumbered}\n\n")


def test_pandocs_fenced_divs_are_markup_not_text(tmp_path: Path) -> None:
    """pandoc's way to set a Markdown text right-to-left, ``::: {dir="rtl"}`` ... ``:::``,
    was read as part of the paragraphs beside its lines: the English lost the fences and
    pandoc showed a stray ``:::``. They are left as they were, turned ``ltr`` once
    translated."""
    text = '::: {dir="rtl" lang=ar}\nنص أول.\n\nنص ثان.\n:::\n\n::: note\nملاحظة.\n:::\n'
    source = tmp_path / "div.md"
    source.write_text(text, encoding="utf-8")
    assert [b.text for b in read_source(source).blocks] == ["نص أول.", "نص ثان.", "ملاحظة."]
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        same = project.export_file("original", tmp_path / "same.md").path
        for segment, english in zip(project.segments("div", limit=10),
                                    ("First text.", "Second text.", "A note."), strict=True):
            project.confirm(segment.id, english)
        out = project.export_file("original", tmp_path / "div.en.md").path
    assert same.read_text(encoding="utf-8") == text
    assert out.read_text(encoding="utf-8") == ('::: {dir="ltr" lang=en}\nFirst text.\n\n'
                                               "Second text.\n:::\n\n::: note\nA note.\n:::\n")


def test_a_definition_lists_term_and_definition_are_two_blocks(tmp_path: Path) -> None:
    """pandoc's definition list, a term then ``:   its definition``: the two were read as one
    paragraph ("الثورة :   تغيير …"), so the English ran term and definition together on
    one line and the list was lost. Each is a block, the colon and its indent markup."""
    text = ("الثورة\n:   تغيير جذري في\n    النظام السياسي.\n\n"
            "الحزب\n: تنظيم سياسي.\n\nفقرة عادية.\n")
    source = tmp_path / "dl.md"
    source.write_text(text, encoding="utf-8")
    blocks = read_source(source).blocks
    assert [b.text for b in blocks] == ["الثورة", "تغيير جذري في النظام السياسي.", "الحزب",
                                        "تنظيم سياسي.", "فقرة عادية."]
    assert [b.kind for b in blocks] == ["list-item"] * 4 + ["paragraph"]
    english = ("Revolution", "A radical change in the political order.", "Party",
               "A political organisation.", "An ordinary paragraph.")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        for segment, line in zip(project.segments("dl", limit=10), english, strict=True):
            project.confirm(segment.id, line)
        out = project.export_file("original", tmp_path / "dl.en.md").path
    assert out.read_text(encoding="utf-8") == (
        "Revolution\n:   A radical change in the political order.\n\n"
        "Party\n: A political organisation.\n\nAn ordinary paragraph.\n")


def test_a_fenced_div_left_in_arabic_stays_right_to_left(tmp_path: Path) -> None:
    """Every ``::: {dir="rtl" lang=ar}`` turned ``ltr``/``en`` once anything was translated:
    a quotation left in Arabic (``--fallback source``) was laid out left to right by pandoc
    and labelled English. Only a div holding a translated block turns."""
    text = ('::: {dir="rtl" lang=ar}\nنص أول.\n\n::: {.quote dir="rtl"}\nاقتباس.\n:::\n'
            ':::\n\n::: {dir="rtl" lang=ar}\nنص باق.\n:::\n')
    source = tmp_path / "kept.md"
    source.write_text(text, encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first = project.segments("kept", limit=10)[0]
        project.confirm(first.id, "First text.")
        out = project.export_file("original", tmp_path / "kept.en.md").path
    assert out.read_text(encoding="utf-8") == (
        '::: {dir="ltr" lang=en}\nFirst text.\n\n::: {.quote dir="rtl"}\nاقتباس.\n:::\n'
        ':::\n\n::: {dir="rtl" lang=ar}\nنص باق.\n:::\n')
