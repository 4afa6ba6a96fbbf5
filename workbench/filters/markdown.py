"""Markdown read into tagged paragraphs (markdown-it-py) and written back translated.

Blocks: a YAML front matter's one-line ``title``, ``subtitle``, ``description``, ``abstract``
and ``summary`` (pandoc's and static site generators' fields: written back quoted), then
paragraphs (also in lists and block quotes), headings and table cells (GFM tables). Code
blocks, fences, HTML blocks and the front matter's other lines are not read (once translated,
its ``lang: ar`` says ``en`` and its ``dir: rtl`` ``ltr``: pandoc lays the English out by
them).
Inline: ``**strong**`` and ``*emphasis*`` (with the delimiters as written), ``~~strike~~``,
links and images (their text, or alt text, is translated inside the pair), hard line breaks,
code spans, autolinks and inline HTML (empty tags holding them as written); footnote
references (``[^1]``) are empty tags too, and a footnote definition's paragraphs
(``[^1]: text``) are blocks, where they are. A heading's attributes (``{#id}``) and pandoc's
fenced div lines (``::: {dir="rtl"}``) are no text (a div's ``dir="rtl"``, ``lang=ar`` say
``ltr``, ``en`` once a block in it is translated).

Writing replaces, in the original text, only the characters of each translated block's
inline content (found on the lines markdown-it maps it to); list markers, quote markers,
heading marks, table pipes and every untranslated line stay as they were, byte for byte. The
new text is escaped for Markdown and written on one line (soft line breaks become spaces);
links are written inline (``[text](href "title")``), reference links included.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from typing import Any, BinaryIO

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from workbench import textio
from workbench.errors import InputError
from workbench.filters.inline import (
    InlineBuilder,
    Literal,
    Node,
    empty_origins,
    parse,
    plain_text,
)
from workbench.filters.model import Block, Rendering, SourceDocument, WriteReport


@dataclass(frozen=True)
class Delimiters:
    """A pair written as ``open`` + text + ``close`` (an empty use writes both together)."""

    open: str
    close: str


@dataclass(frozen=True)
class Markup:
    """An empty tag written as this Markdown (a code span, inline HTML, an autolink)."""

    text: str


@dataclass
class _Located:
    block: Block
    builder: InlineBuilder
    line: int  # first line (0-based) of the inline content
    col: int
    end_line: int
    end_col: int
    continuation: str  # what starts a continuation line of the block (for hard breaks)
    in_table: bool


@dataclass
class _FrontField:
    """A front matter's one-line field read as a block: its line, the key and colon before
    the value, the value's quote (``"``, ``'`` or none) and what follows it (a comment)."""

    block: Block
    builder: InlineBuilder
    line: int
    head: str
    quote: str
    rest: str


#: A front-matter field read as a block, with a one-line value: double-quoted, single-quoted
#: or plain (not a block scalar, list, mapping, alias or tag), a comment after it kept.
_FRONT_FIELD = re.compile(
    r"""^(?P<head>(?P<key>title|subtitle|description|abstract|summary)[ \t]*:[ \t]+)"""
    r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'|>&*!%@`#\[\]{},?:-][^#]*?)"""
    r"""(?P<rest>[ \t]*(?:[ \t]#.*)?)$""")


def _front_value(value: str) -> tuple[str, str] | None:
    """The text of a front-matter value and its quote; None if it cannot be read."""
    if value.startswith('"'):
        try:
            return str(json.loads(value)), '"'
        except ValueError:
            return None
    if value.startswith("'"):
        return value[1:-1].replace("''", "'"), "'"
    return value, ""


def _front_written(text: str, quote: str) -> str:
    """``text`` as a YAML value: single-quoted when the original was, else double-quoted."""
    if quote == "'":
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


#: How deep blocks may nest (a list level is two): markdown-it stops reading deeper ones
#: without an error (CommonMark's preset says 20: a list's tenth level was lost).
MAX_NESTING = 100


def _parser() -> MarkdownIt:
    """CommonMark with GFM tables, strike-through, footnotes (``[^1]``, pandoc's and
    GitHub's: definitions read where they are) and pandoc's definition lists (a term, then
    ``:   its definition``: two blocks, the colon markup)."""
    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(
        ["table", "strikethrough"]).use(footnote_plugin, inline=False, move_to_end=False).use(
        deflist_plugin)


_FRONT = re.compile(r"\A---[ \t]*\r?\n")


def _lines(text: str) -> tuple[list[str], list[str], int]:
    """The lines without and with their endings, and how many a front matter takes."""
    with_ends = text.splitlines(keepends=True)
    bare = [line.rstrip("\r\n") for line in with_ends]
    front = 0
    if _FRONT.match(text):
        for i in range(1, len(bare)):
            if bare[i].strip() in ("---", "..."):
                front = i + 1
                break
    return bare, with_ends, front


_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
              (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def _not_utf8(data: bytes, path: str, exc: UnicodeDecodeError) -> InputError:
    """The refusal of a Markdown file that is not UTF-8 (the encoding its translation is
    written back in), saying what to do: a UTF-16 file (Notepad's "Unicode") is named so by
    its byte order mark, other bytes by the line and the first byte that is not UTF-8."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return InputError(path, f"{name} text (its byte order mark says so), not UTF-8: "
                                    "save it as UTF-8")
    line = data[: exc.start].count(b"\n") + 1
    return InputError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                      line=line)


class _Markdown:
    """An opened Markdown text and its blocks in order."""

    def __init__(self, data: bytes, path: str) -> None:
        textio.refuse_binary(data, path)
        self.bom = data.startswith(b"\xef\xbb\xbf")
        try:
            self.text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _not_utf8(data, path, exc) from None
        self.bare, self.with_ends, front = _lines(self.text)
        self.front = front
        self.fields = [f for i in range(1, max(front - 1, 1))
                       if (f := self._front_field(i)) is not None]
        source = "\n" * front + "\n".join(
            "" if _DIV_FENCE.match(line) else line for line in self.bare[front:])
        self.located: list[_Located] = []
        cursor: dict[int, int] = {}  # line -> column already used (table rows)
        context: list[str] = []
        for token in _parser().parse(source):
            if token.level >= MAX_NESTING - 1:  # markdown-it read no deeper: text lost
                raise InputError(path, f"refused: blocks nested more than {MAX_NESTING - 1} "
                                 "deep (the text inside cannot be read)",
                                 line=token.map[0] + 1 if token.map else None)
            if token.type.endswith("_open") and token.nesting == 1:
                context.append(token.type[:-5])
            elif token.type.endswith("_close") and token.nesting == -1 and context:
                context.pop()
            if token.type != "inline" or token.map is None:
                continue
            located = self._locate(token, cursor, context)
            if located is not None:
                self.located.append(located)

    def _front_field(self, line: int) -> _FrontField | None:
        m = _FRONT_FIELD.match(self.bare[line])
        read = _front_value(m.group("value")) if m else None
        if m is None or read is None:
            return None
        b = InlineBuilder()
        b.text(read[0])
        if not b.has_text:
            return None
        kind = "title" if m.group("key") in ("title", "subtitle") else "metadata"
        block = Block(b.result(), b.tags, f"line {line + 1} (front matter {m.group('key')})",
                      kind)
        return _FrontField(block, b, line, m.group("head"), read[1], m.group("rest"))

    @property
    def blocks(self) -> list[Block]:
        """The blocks in order: the front matter's fields, then the text's."""
        return [f.block for f in self.fields] + [loc.block for loc in self.located]

    def _locate(self, token: Token, cursor: dict[int, int], context: list[str]) -> _Located | None:
        content = token.content
        if "heading" in context:
            content = _without_attributes(token, content)
        if not content.strip():
            return None
        first_line = token.map[0]
        pieces = content.split("\n")
        in_table = "td" in context or "th" in context
        spans: list[tuple[int, int, int]] = []
        line = first_line
        for k, piece in enumerate(pieces):
            while line < len(self.bare):
                start = cursor.get(line, 0) if k == 0 else 0
                col = self.bare[line].find(piece, start)
                if col < 0 and in_table:
                    col = self.bare[line].find(piece.replace("|", "\\|"), start)
                    piece = piece.replace("|", "\\|")
                if col >= 0:
                    spans.append((line, col, col + len(piece)))
                    break
                line += 1
            else:
                return None  # not found as written: left alone
            line += 1
        (line0, col0, _), (line1, _, end1) = spans[0], spans[-1]
        cursor[line1] = end1
        prefix = self.bare[line0][:col0]
        if len(spans) > 1:
            continuation = self.bare[spans[1][0]][: spans[1][1]]
        else:
            continuation = "".join(c if c in "> \t" else " " for c in prefix)
        b = InlineBuilder()
        _inline(token.children or [], b)
        if not b.has_text:
            return None
        kind = "footnote" if "footnote_reference" in context else \
            "heading" if "heading" in context else \
            "cell" if in_table else \
            "list-item" if "list_item" in context or "dt" in context or "dd" in context else \
            "quote" if "blockquote" in context else "paragraph"
        place = f"line {line0 + 1}" + (f" ({kind})" if kind != "paragraph" else "")
        return _Located(Block(b.result(), b.tags, place, kind), b, line0, col0, line1, end1,
                        continuation, in_table)

    def write(self, out: BinaryIO, renderings: dict[int, Rendering], fallback: str,
              report: WriteReport) -> None:
        edits: list[tuple[_Located, str]] = []
        english_lines: list[int] = []  # where translated blocks start
        fields = len(self.fields)
        lines = list(self.with_ends)
        for n, field in enumerate(self.fields, start=1):
            rendering = renderings.get(n)
            if rendering is None or (not rendering.translated and fallback == "source"):
                continue
            parsed = parse(rendering.text(fallback), rendering.tags)
            text = " ".join(plain_text(parsed.children, field.builder.items).split())
            value = field.head + _front_written(text, field.quote) + field.rest
            lines[field.line] = value + lines[field.line][len(self.bare[field.line]) :]
            report.rewritten += 1
        for n, loc in enumerate(self.located, start=fields + 1):
            rendering = renderings.get(n)
            if rendering is None or (not rendering.translated and fallback == "source"):
                continue
            text = rendering.text(fallback)
            parsed = parse(text, rendering.tags)
            if parsed.dropped:
                report.warn(f"{loc.block.place}: tags {' '.join(parsed.dropped)} dropped "
                            "(not in the source)")
            items = loc.builder.items
            children: list[str | Node] = list(parsed.children)
            restored = set()
            for origin in sorted(empty_origins(loc.builder.tags) - parsed.used):
                if not isinstance(items.get(origin), Literal):
                    children.append(Node(origin, False))
                    restored.add(origin)
            if text:
                report.restored(loc.block.place, rendering.tags, restored, parsed.used)
            markdown = _render(children, items, loc)
            edits.append((loc, _escape_start(markdown)))
            if rendering.translated:
                english_lines.append(loc.line)
            report.rewritten += 1
        if any(r.translated for r in renderings.values()):
            for i in range(1, max(self.front - 1, 1)):
                if _FRONT_RTL.match(self.bare[i]):
                    english = _FRONT_RTL.sub(_front_english, self.bare[i])
                    lines[i] = english + lines[i][len(self.bare[i]) :]
            for i in self._divs_translated(english_lines):
                if _DIV_RTL.search(self.bare[i]):
                    english = _DIV_RTL.sub(_div_english, self.bare[i])
                    lines[i] = english + lines[i][len(self.bare[i]) :]
        for loc, markdown in sorted(edits, key=lambda e: (e[0].line, e[0].col), reverse=True):
            ending = lines[loc.end_line][len(self.bare[loc.end_line]) :]
            head = self.bare[loc.line][: loc.col]
            tail = self.bare[loc.end_line][loc.end_col :]
            if ending and ending != "\n":
                markdown = markdown.replace("\n", ending)
            lines[loc.line : loc.end_line + 1] = [head + markdown + tail + ending]
            self.bare[loc.line : loc.end_line + 1] = [head + markdown + tail]
        data = "".join(lines).encode("utf-8")
        out.write((b"\xef\xbb\xbf" if self.bom else b"") + data)

    def _divs_translated(self, english_lines: list[int]) -> list[int]:
        """The opening fences of pandoc's fenced divs holding a translated block (a div
        left all in Arabic keeps its ``dir="rtl"``, ``lang=ar``)."""
        opened: list[int] = []
        found: list[int] = []
        for i in range(self.front, len(self.bare) + 1):
            line = self.bare[i] if i < len(self.bare) else None
            if line is not None and not _DIV_FENCE.match(line):
                continue
            if line is not None and line.strip(": \t"):
                opened.append(i)  # a fence with attributes opens a div
                continue
            closing = [opened.pop()] if line is not None and opened else opened[:]
            if line is None:
                opened.clear()
            found += [start for start in closing
                      if any(start < n < i for n in english_lines)]
        return found


#: A line of pandoc's fenced div (``::: {dir="rtl"}``, ``:::``): markup, not text (read as
#: a blank line, it was part of the paragraph beside it, and the English lost it).
_DIV_FENCE = re.compile(r"^ {0,3}:{3,}[ \t]*(?:\{[^{}]*\}|[\w-]+)?[ \t]*:*[ \t]*$")
#: A fenced div's Arabic language or right-to-left direction, among its attributes.
_DIV_RTL = re.compile(r"""(?<=[{\s])((?:lang|dir)=)(["']?)(ar(?:[-_][\w-]*)?|rtl)\2(?=[\s}])""",
                      re.I)


def _div_english(m: re.Match[str]) -> str:
    value = "ltr" if m.group(3).lower() == "rtl" else "en"
    return m.group(1) + m.group(2) + value + m.group(2)


#: A front matter's Arabic language or right-to-left direction (pandoc's ``lang`` and ``dir``).
_FRONT_RTL = re.compile(r"""^((?:lang|language|dir)[ \t]*:[ \t]*)(["']?)(ar(?:[-_][\w-]*)?|rtl)\2"""
                        r"""([ \t]*(?:#.*)?)$""", re.I)


def _front_english(m: re.Match[str]) -> str:
    value = "ltr" if m.group(3).lower() == "rtl" else "en"
    return m.group(1) + m.group(2) + value + m.group(2) + m.group(4)


#: A heading's attributes at its end (pandoc's and kramdown's ``{#id .class key=value}``,
#: ``{-}``): an anchor, not text to translate; left outside the block, as written.
_HEADING_ATTRIBUTES = re.compile(
    r"[ \t]+\{:?[ \t]*(?:[#.][^{}\s][^{}]*|-|[A-Za-z][\w-]*=[^{}]*)\}[ \t]*$")


def _without_attributes(token: Token, content: str) -> str:
    """A heading's inline ``content`` without its attributes (its last text token's end
    trimmed to match); as it was when it has none."""
    children = token.children or []
    m = _HEADING_ATTRIBUTES.search(content)
    if m is None or not children or children[-1].type != "text":
        return content
    last = children[-1]
    cut = len(content) - m.start()
    if len(last.content) <= cut or not last.content.endswith(content[m.start():]):
        return content
    last.content = last.content[:-cut]
    return content[: m.start()]


def _inline(tokens: list[Token], b: InlineBuilder) -> None:
    stack: list[int] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        kind = t.type
        if kind == "text":
            b.text(t.content)
        elif kind == "softbreak":
            b.text(" ")
        elif kind == "hardbreak":
            b.empty("br", "line break", Markup("\\\n"))
        elif kind in ("strong_open", "em_open", "s_open"):
            label = {"strong_open": "b", "em_open": "i", "s_open": "s"}[kind]
            stack.append(b.open(label, t.markup, Delimiters(t.markup, t.markup)))
        elif kind in ("strong_close", "em_close", "s_close", "link_close"):
            if stack:
                b.close(stack.pop())
        elif kind == "link_open" and t.markup in ("autolink", "linkify"):
            j = i + 1
            words = []
            while j < len(tokens) and tokens[j].type != "link_close":
                words.append(tokens[j].content)
                j += 1
            written = "".join(words)
            b.empty("link", str(t.attrs.get("href", "")), Markup(f"<{written}>"))
            i = j
        elif kind == "link_open":
            href = str(t.attrs.get("href", ""))
            title = t.attrs.get("title")
            stack.append(b.open("link", href, Delimiters("[", "](" + _destination(href, title)
                                                          + ")")))
        elif kind == "image":
            src = str(t.attrs.get("src", ""))
            title = t.attrs.get("title")
            tag = b.open("img", src, Delimiters("![", "](" + _destination(src, title) + ")"))
            b.text(t.content)
            b.close(tag)
        elif kind == "code_inline":
            b.empty("code", t.content, Markup(_code_span(t.content, t.markup)))
        elif kind == "footnote_ref":
            label = str(t.meta.get("label", ""))
            b.empty("fn", f"footnote {label}", Markup(f"[^{label}]"))
        elif kind == "html_inline":
            b.empty("html", t.content, Markup(t.content))
        else:
            b.empty(kind, kind, Markup(t.content))
        i += 1
    while stack:
        b.close(stack.pop())


def _destination(href: str, title: Any) -> str:
    dest = f"<{href}>" if any(c in href for c in " ()<>") else href
    if title:
        escaped = str(title).replace("\\", "\\\\").replace('"', '\\"')
        dest += f' "{escaped}"'
    return dest


def _code_span(content: str, markup: str) -> str:
    fence = markup or "`"
    if content.startswith("`") or content.endswith("`") or (
        content.startswith(" ") and content.endswith(" ") and content.strip()
    ):
        return f"{fence} {content} {fence}"
    return f"{fence}{content}{fence}"


_SPECIAL = re.compile(r"([\\`*_\[\]<>!])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def _escape(text: str, in_table: bool) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    if in_table:
        text = text.replace("|", "\\|")
    return text


#: What would start another block at the start of a line: a heading, a setext underline, a
#: list item, a thematic break (``---``, ``-- -``), a tilde code fence (``~~~``, which would
#: make the rest of the document code).
_LINE_START = re.compile(r"^(#|=+|[-+](?=\s|$)|-(?=[-\s]*$)|~{3,}|\d+(?=[.)]))")


def _escape_start(markdown: str) -> str:
    """Escape what would start another block at the start of the new text."""
    m = _LINE_START.match(markdown)
    if m is None:
        return markdown
    if m.group(1)[0].isdigit():
        end = m.end()
        return markdown[:end] + "\\" + markdown[end:]
    return "\\" + markdown


def _render(children: list[str | Node], items: dict[int, Any], loc: _Located) -> str:
    out: list[str] = []
    for child in children:
        if isinstance(child, str):
            out.append(_escape(" ".join(child.split("\n")), loc.in_table))
            continue
        item = items.get(child.origin)
        if isinstance(item, Literal):
            out.append(_escape(item.text, loc.in_table))
        elif isinstance(item, Markup):
            out.append(item.text + loc.continuation if item.text == "\\\n" else item.text)
        elif isinstance(item, Delimiters):
            inner = _render(child.children, items, loc) if child.paired else ""
            if child.paired and item.open in ("*", "_", "**", "__", "~~") and (
                inner != inner.strip()
            ):  # emphasis must not start or end with a space: move it outside
                lead = inner[: len(inner) - len(inner.lstrip())]
                trail = inner[len(inner.rstrip()) :]
                out.append(lead + item.open + inner.strip() + item.close + trail)
            else:
                out.append(item.open + inner + item.close)
    return "".join(out)


def read_markdown(data: bytes, path: str) -> SourceDocument:
    """The blocks of a Markdown file."""
    doc = _Markdown(data, path)
    return SourceDocument(path, "md", data, doc.blocks)


def write_markdown(out: BinaryIO, data: bytes, path: str, renderings: dict[int, Rendering],
                   fallback: str) -> WriteReport:
    """Write the Markdown ``data`` with the blocks of ``renderings`` (from 1) replaced."""
    doc = _Markdown(data, path)
    report = WriteReport(blocks=len(doc.blocks))
    doc.write(out, renderings, fallback, report)
    return report
