"""Turning an article's text into senses: plain text (dictd, StarDict), and markup stripped."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache

_NUMBERED = re.compile(r"^\s*(?:\d+|[a-z]|[IVX]+)\s*[.)]\s+")
_IPA = re.compile(r"(?:^|\s)/([^/\n]{1,80})/\s*$")
_TAG = re.compile(r"<[^>]*>")
_MARKUP = re.compile(r"<\s*br\s*/?\s*>|</\s*(?:p|div|li|b|i|span|font|dd|dt)\s*>", re.I)
_WORD = re.compile(r"[^\W_]+")
_WRITTEN = re.compile(r"[^\W_]+(?:[-.'’ &]+[^\W_]+)*\.?")  # X-ray, U.S.A., R&D, ad hoc
_BREAK = re.compile(r"<\s*br\s*/?\s*>|</\s*(?:p|div|li|dd|dt|tr|def|dtrn)\s*>", re.I)


@lru_cache(maxsize=4096)  # a headword and its head lines, compared several times each
def _folded(text: str) -> str:
    from workbench.text.normalize import normalize_arabic

    return normalize_arabic(text.strip()).casefold()


@lru_cache(maxsize=4096)
def _letters(text: str) -> str:
    """A head line's words as compared with the headword: folded, punctuation and spaces out
    (FreeDict's head line ``التّرك، /…/`` or ``إلى أين؟ /…/`` is the headword الترك, إلى أين)."""
    return "".join(_WORD.findall(_folded(text)))


def head_line(text: str) -> str:
    """A plain article's first line without its IPA between slashes (FreeDict's head line:
    the headword as written)."""
    line = text.lstrip().split("\n", 1)[0].rstrip()
    ipa = _IPA.search(line)
    return (line[: ipa.start()] if ipa else line).strip()


def repeated_head(line: str, headword: str) -> tuple[str, str] | None:
    """A body line that is FreeDict's head line again, as converters copy it
    (``[b]كتاب[/b] /kitˈaːb/`` in a DSL card): the line without its IPA, when its letters
    are the headword's, and the IPA between slashes; else None (a translation spelt as
    the headword, Berlin for Berlin, is no head line)."""
    ipa = _IPA.search(line.strip())
    head = head_line(line)
    if ipa is None or _letters(head) != _letters(headword):
        return None
    return head, ipa.group(1).strip()


def written_headword(text: str, headword: str) -> str:
    """The headword as a plain article's head line writes it where dictd's index folded it
    (FreeDict: ``X-ray /…/`` indexed as xray, ``Absent-minded`` as absentminded): the head
    line's letters are the headword's, with a hyphen, point or space between them. A capital
    the lower-case index lacks is kept before a capital or a mark only (X-ray, U.S.A;
    absent-minded). A lower-case index headword whose head line has a capital past its first
    letter (FreeDict's UN, Bin Laden, AutoSum, indexed un, bin laden) is the head line too
    (a first capital alone is FreeDict's habit: Ray is ray). Else ``headword``."""
    head = head_line(text)
    if not _WRITTEN.fullmatch(head) or _letters(head) != _letters(headword):
        return headword
    if _folded(head) == _folded(headword):
        capitals = headword.islower() and any(c.isupper() for c in head[1:])
        return head if capitals else headword
    if headword.islower() and head[0].isupper() and head[1:2].islower():
        head = head[0].lower() + head[1:]
    return head


_HEAD_ALTERNATIVES = re.compile(r"\s*[،؛,;/]\s*")
_ANNOTATION = re.compile(r"\s*\([^()]*\)")


def head_alternatives(text: str) -> tuple[str, ...]:
    """The headwords a plain article's head line lists, where dictd's index ran them into one
    phrase (FreeDict ara-eng's ``آذار، مارس /…/``, indexed آذار مارس; ``أكتوبر/تشرين الأول``;
    ``أسيكلوفر (مضاد للفيروس)``, whose bracketed note is no headword): each alternative,
    its note out. None when the head line is one headword."""
    head = head_line(text)
    if "<" in head:  # markup (a converter's HTML article): no list of headwords
        return ()
    parts = [p.strip() for p in _HEAD_ALTERNATIVES.split(_ANNOTATION.sub("", head))]
    parts = [p for p in parts if _WORD.search(p)]
    if len(parts) == 1 and _letters(parts[0]) == _letters(head):
        return ()
    return tuple(parts)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _merged_heads(article: str, headword: str) -> tuple[str, list[str]]:
    """An article as text, and the head line of each article a converter merged into it
    (after a blank line) whose letters are the headword's."""
    text = markup_to_text(article) if _MARKUP.search(article) else article
    key = _letters(headword)
    heads = (head_line(part) for part in _BLANK_LINE.split(text.strip()))
    return text, [head for head in heads if _letters(head) == key]


def listed_headwords(article: str, headword: str) -> tuple[str, ...]:
    """:func:`head_alternatives` of an article (plain or HTML) under dictd's index phrase or
    word, in dictd or as converters keep it (FreeDict's headword آذار مارس, head line
    ``آذار، مارس /…/``; مارسآذار, ``مارس/آذار``: the index ran them into one word), of each
    head line whose letters are the headword's (articles a converter merged, after a blank
    line: ``خادم (ولد)`` then ``خادم، ولد``)."""
    _, heads = _merged_heads(article, headword)
    return tuple(dict.fromkeys(a for head in heads for a in head_alternatives(head)))


def listed_head_line(article: str, headword: str) -> str:
    """The headword of a converter's article (plain or HTML) as dictd's reader shows it: its
    head line when :func:`listed_headwords` finds headwords there, else as the head line
    writes it (:func:`written_headword`: pyglossary's StarDict of FreeDict eng-ara keeps the
    index's xray, un for ``X-ray``, ``UN``), unless it merged articles of several spellings
    (``U.S`` and ``Us`` under us; an affix merged with a word, ``Un-`` with ``UN``, is
    none)."""
    text, heads = _merged_heads(article, headword)
    if any(_HEAD_ALTERNATIVES.search(h) or "(" in h for h in heads) and any(
            map(head_alternatives, heads)):
        return head_line(text)
    words = [head for head in heads if not head.endswith("-")] or heads  # UN, not Un-
    if len(set(words)) > 1:  # several spellings merged (U.S, Us)
        return headword
    return written_headword(words[0] if words else text, headword)


def without_head_lines(text: str, headwords: Sequence[str]) -> str:
    """A plain article without its leading lines that list its headwords, when dictfmt
    wrote one article for several (``--headword-separator``: a line ``كِتَاب%%%كتب``, or with
    ``--break-headwords`` one line each): a line of those headwords' words alone, without an
    IPA between slashes (a FreeDict head line, whose IPA is the pronunciation)."""
    words = {w for h in headwords for w in _WORD.findall(_folded(h))}
    lines = text.replace("\r\n", "\n").split("\n")
    first = 0
    while first < len(lines):
        line = lines[first]
        found = _WORD.findall(_folded(line))
        if line.strip() and (not found or _IPA.search(line) or not set(found) <= words):
            break
        first += 1
    return "\n".join(lines[first:])


def plain_senses(text: str, headword: str) -> tuple[tuple[str, ...], str | None]:
    """Senses and pronunciation of a plain-text article.

    The first line may repeat the headword, with an IPA transcription between slashes
    (FreeDict: ``أب /ʔab/``), and so may a later line where articles were merged; numbered
    lines (``1. father``) and plain lines are senses; an indented line continues the sense
    before it.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pronunciation: str | None = None
    senses: list[str] = []
    first = True
    blank = False  # a blank line before this one
    head_key = _letters(headword)
    for raw in lines:
        if not raw.strip():
            blank = True
            continue
        line = raw.rstrip()
        ipa = _IPA.search(line)
        head = line[: ipa.start()] if ipa else line
        # A head line: first, the headword again or its IPA between slashes (FreeDict); later,
        # after a blank line, the headword and its IPA, starting an article that a converter
        # merged into this one (pyglossary's StarDict of FreeDict).
        after, blank = blank, False
        if (ipa or _letters(head) == head_key) if first else (
                ipa and after and _letters(head) == head_key):
            first = False
            if ipa:
                pronunciation = pronunciation or ipa.group(1).strip()
            continue
        first = False
        if raw[:1] in (" ", "\t") and senses and not _NUMBERED.match(line):
            senses[-1] = senses[-1] + " " + line.strip()
            continue
        sense = _NUMBERED.sub("", line).strip()
        if sense:
            senses.append(sense)
    return tuple(dict.fromkeys(senses)), pronunciation


def markup_to_text(markup: str) -> str:
    """HTML/XDXF/Pango markup as plain text: breaks become new lines, tags go."""
    text = _BREAK.sub("\n", markup)
    text = _TAG.sub("", text)
    return html.unescape(text)


_XDXF_DROP = re.compile(r"<(k|ex|gr|rref|iref|categ)(?:\s[^>]*)?>.*?</\1\s*>", re.S)
_XDXF_TR = re.compile(r"<tr(?:\s[^>]*)?>(.*?)</tr\s*>", re.S)
_XDXF_BLOCK = re.compile(r"<def(?:\s[^>]*)?>|</def\s*>", re.I)


def xdxf_senses(markup: str, headword: str) -> tuple[tuple[str, ...], str | None]:
    """Senses and pronunciation of an XDXF article (StarDict type ``x``): ``<k>`` (the
    headword), examples and grammar out, ``<tr>`` the pronunciation, each ``<def>`` a line."""
    found = _XDXF_TR.search(markup)
    pronunciation = " ".join(markup_to_text(found.group(1)).split()) if found else None
    text = _XDXF_DROP.sub("", _XDXF_TR.sub("", markup))
    senses, ipa = plain_senses(markup_to_text(_XDXF_BLOCK.sub("\n", text)), headword)
    senses = tuple(s for s in (x.strip(" ;,") for x in senses) if s)
    return senses, pronunciation or ipa


_XDXF_EX = re.compile(r"<ex(?:\s[^>]*)?>(.*?)</ex\s*>", re.S)
_XDXF_EX_PART = re.compile(r"<ex_(orig|tran)(?:\s[^>]*)?>(.*?)</ex_\1\s*>", re.S)


def xdxf_examples(markup: str) -> tuple[str, ...]:
    """The usage examples of an XDXF article: each ``<ex>`` as its text, or as ``original —
    translation`` when it has ``<ex_orig>`` and ``<ex_tran>``."""
    out = []
    for body in _XDXF_EX.findall(markup):
        parts = _XDXF_EX_PART.findall(body)
        if parts:
            orig = "; ".join(markup_to_text(t) for kind, t in parts if kind == "orig")
            tran = "; ".join(markup_to_text(t) for kind, t in parts if kind == "tran")
            text = " — ".join(p for p in (orig, tran) if p.strip())
        else:
            text = markup_to_text(body)
        if text := " ".join(text.split()):
            out.append(text)
    return tuple(dict.fromkeys(out))


_BOLD_HEAD = re.compile(r"\s*<b>(.*?)</b>(.*?)(?:<\s*br\s*/?\s*>|\n)", re.I | re.S)
_ITALIC = re.compile(r"<i>.*?</i>", re.I | re.S)


def _without_head_line(markup: str, headword: str) -> str:
    """An HTML article without its head line: the headword in bold and, in italics, its
    grammar (``<b>كتاب</b> <i>n.</i><br>``), which is no sense."""
    found = _BOLD_HEAD.match(markup)
    if found is None or _folded(markup_to_text(found.group(1))) != _folded(headword):
        return markup
    if markup_to_text(_ITALIC.sub("", found.group(2))).strip():
        return markup  # more than grammar on the line: a sense may be there
    return markup[found.end():]


def markup_senses(markup: str, headword: str) -> tuple[tuple[str, ...], str | None]:
    """:func:`plain_senses` of an HTML (or Pango) article: its head line out, markup as
    text."""
    return plain_senses(markup_to_text(_without_head_line(markup, headword)), headword)


def article_senses(text: str, headword: str) -> tuple[tuple[str, ...], str | None]:
    """:func:`plain_senses` of an article that may be HTML (converters such as pyglossary
    write HTML into dictd and tab files): markup, when there are line breaks or closing
    tags, becomes text first (:func:`markup_senses`)."""
    if _MARKUP.search(text):
        return markup_senses(text, headword)
    return plain_senses(text, headword)
