"""Inline tags (``<1>…</1>``, ``<2/>``: the formatting of client documents) as the native inline
codes of the exchange formats, so that other tools show them as tags, not as text to translate.

- XLIFF 1.2: a pair as ``<g id="1">…</g>``, an empty tag as ``<x id="2"/>``;
- XLIFF 2.0: ``<pc id="1">…</pc>`` and ``<ph id="2"/>``;
- TMX 1.4b: ``<bpt i="1" x="1">&lt;1&gt;</bpt>…<ept i="1">&lt;/1&gt;</ept>`` and
  ``<ph x="2">&lt;2/&gt;</ph>`` (the placeholder as the native code, unless a memory kept
  another tool's own).

A half whose partner is not in the segment (or an end before its start), or a pair crossing
another (a translation the ``tag-mismatch`` check reports), is written as standalone codes
(``bx``/``ex``; ``sc``/``ec``, isolated when the partner is elsewhere; TMX's ``it`` for a lone
half), so the file is always well-formed. :func:`tagged_text` reads any of these back as
placeholders (ids that are not our numbers: the text only, their codes left out).
"""

from __future__ import annotations

import contextlib
import re

from lxml import etree

from workbench.formats import xmlout
from workbench.formats.safexml import (
    ANNOTATION_MARKS,
    CODE_TAGS,
    is_deleted,
    local,
    text_as_spaced,
)
from workbench.text.tags import CLOSE, EMPTY, OPEN, TagToken, tokens

XLIFF12 = {"open": '<g id="{n}">', "close": "</g>", "empty": '<x id="{n}"/>',
           "begin": '<bx id="{n}"/>', "end": '<ex id="{n}"/>',
           "lone begin": '<bx id="{n}"/>', "lone end": '<ex id="{n}"/>'}
XLIFF20 = {"open": '<pc id="{n}">', "close": "</pc>", "empty": '<ph id="{n}"/>',
           "begin": '<sc id="{n}"/>', "end": '<ec startRef="{n}"/>',
           "lone begin": '<sc id="{n}" isolated="yes"/>',
           "lone end": '<ec id="{n}" isolated="yes"/>'}
# ({rest}: what a TMX code holds after its numbers: ">" and the placeholder, or another tool's
# own attributes and content, see encode)
TMX = {"open": '<bpt i="{n}" x="{n}"{rest}</bpt>', "close": '<ept i="{n}"{rest}</ept>',
       "empty": '<ph x="{n}"{rest}</ph>',
       "begin": '<bpt i="{n}" x="{n}"{rest}</bpt>', "end": '<ept i="{n}"{rest}</ept>',
       "lone begin": '<it pos="begin" x="{n}"{rest}</it>',
       "lone end": '<it pos="end" x="{n}"{rest}</it>'}


def _roles(found: list[TagToken]) -> list[str]:
    """Each placeholder's role: open/close of a pair that nests in this text, empty, begin/end
    of a pair crossing another, or a lone begin/end (its partner is not in this text)."""
    roles = ["empty" if t.kind == EMPTY else "" for t in found]
    stack: list[int] = []  # indices of open placeholders not yet closed
    for k, token in enumerate(found):
        if token.kind == OPEN:
            stack.append(k)
        elif token.kind == CLOSE:
            if stack and found[stack[-1]].id == token.id:
                roles[stack.pop()], roles[k] = "open", "close"
            else:
                roles[k] = "end"
    for k in stack:
        roles[k] = "begin"
    # a begin and an end are partners only in that order ("</2>…<2>" is two lone halves:
    # TMX's <ept> and XLIFF 2.0's <ec startRef> must follow their start)
    pending: dict[int, list[int]] = {}
    paired: set[int] = set()
    for k, token in enumerate(found):
        if roles[k] == "begin":
            pending.setdefault(token.id, []).append(k)
        elif roles[k] == "end" and pending.get(token.id):
            paired |= {pending[token.id].pop(), k}
    for k, role in enumerate(roles):
        if role in ("begin", "end") and k not in paired:
            roles[k] = "lone " + role
    return roles


#: A TMX code that ``native`` keeps as the element it was read from, not the one its
#: placeholder's role writes: a ``<ut>`` (``<ut`` and its rest, as a code's) for a standalone
#: placeholder, a ``<hi>`` (``<hi`` and its attributes) for a pair that nests.
_OWN_ELEMENT = re.compile(r"<(ut|hi)([\s>].*|)$", re.DOTALL)


def encode(text: str, codes: dict[str, str], native: dict[str, str] | None = None) -> str:
    """``text`` as XML content: escaped, its placeholders as the format's ``codes``; a code
    with content (TMX's) holds the placeholder, or what ``native`` gives for it (by the
    placeholder as written, ``<1>``, ``</1>``, ``<2/>``: the code's own attributes, ``>`` and
    its content, as XML; or the element it was, see :data:`_OWN_ELEMENT`; or ``=`` and the
    text it was, a program's ``{1}`` that reads as a placeholder)."""
    found = tokens(text)
    if not found:
        return xmlout.text(text)
    out, pos = [], 0
    highlights: set[int] = set()  # the numbers of the pairs written as TMX's <hi>
    for token, role in zip(found, _roles(found), strict=True):
        out.append(xmlout.text(text[pos : token.start]))
        pos = token.end
        rest = (native or {}).get(token.text)
        if rest is not None and rest.startswith("="):  # text that reads as a placeholder
            out.append(xmlout.text(rest[1:]))
            continue
        own = _OWN_ELEMENT.match(rest) if rest is not None else None
        if own is not None:  # a code read as another element than its role's
            name, rest = own.groups()
            if (name, role) == ("ut", "empty"):
                out.append(f'<ut x="{token.id}"{rest}</ut>')
                continue
            if (name, role) == ("hi", "open"):
                out.append(f'<hi x="{token.id}"{rest}>')
                highlights.add(token.id)
                continue
            rest = None  # (a pair that no longer nests: bpt and ept, as a pair of ours)
        elif role == "close" and token.id in highlights:
            highlights.discard(token.id)
            out.append("</hi>")
            continue
        if rest is None:
            rest = ">" + xmlout.text(token.text)
        out.append(codes[role].format(n=token.id, rest=rest))
    out.append(xmlout.text(text[pos:]))
    return "".join(out)


def _number(value: str | None, shift: int = 0) -> int | None:
    with contextlib.suppress(TypeError, ValueError):
        number = int(value or "") + shift
        return number if 0 < number < 1_000_000 else None
    return None


#: The TMX inline elements whose ``i`` or ``x`` numbers a code.
_NUMBERED = tuple("{*}" + n for n in ("bpt", "ept", "it", "ph", "ut", "x", "hi", "g", "mrk"))


def counts_from_zero(tu: etree._Element) -> bool:
    """Whether a TMX unit's codes are numbered from 0 (OmegaT's level-2 TMX), in either
    language (the shift applies to the whole unit, so that its two sides still pair)."""
    return any(
        (el.get(name) or "").strip() == "0" for el in tu.iter(*_NUMBERED) for name in ("i", "x")
    )


#: OmegaT's tags, which its own TMX (project_save.tmx, level 1) holds as text
#: (``&lt;a0&gt;Download&lt;/a0&gt;``, ``<x1/>``): the kind's letters and the tag's number in
#: its segment, from 0.
OMEGAT_TAG = re.compile(r"<(/?)[a-zA-Z]{1,5}([0-9]{1,5})(/?)>")


def _pair_key(code: etree._Element) -> str:
    """What links a ``bpt`` and its ``ept`` (a ``bx`` and its ``ex``): TMX's ``i``, XLIFF
    1.2's ``rid`` or shared ``id`` (keyed on ``i`` alone, nested 1.2 pairs closed each other's
    number)."""
    return code.get("i") or code.get("rid") or code.get("id") or ""


#: The XLIFF inline codes (1.2's and 2.0's) whose ``id`` (``startRef``) numbers them.
_XLIFF_CODES = tuple("{*}" + n for n in ("g", "x", "bx", "ex", "bpt", "it", "ph", "pc", "sc", "ec"))


def _is_marker(el: etree._Element) -> bool:
    """Whether an element is an XLIFF ``<mrk>`` that a document's XLIFF filter reads as a tag
    (a term, a protected span, a 2.0 annotation), not a segment's, a Trados annotation's
    (its text only) or a tracked deletion."""
    return (local(el.tag) == "mrk" and el.get("mtype") != "seg"
            and el.get("mtype") not in ANNOTATION_MARKS and not is_deleted(el))


def _code_id(code: etree._Element) -> str | None:
    """The identifier a code's placeholder is numbered from (a marker's apart from the
    codes': a 1.2 ``mid`` is no code's ``id``)."""
    if local(code.tag) == "mrk":
        return "mrk:" + (code.get("mid") or code.get("id") or "")
    return (code.get("id") or code.get("x") or code.get("startRef")
            or (code.get("i") if local(code.tag) == "bpt" else None))


def code_numbers(source: etree._Element | None,
                 target: etree._Element | None) -> dict[str, int] | None:
    """Numbers for the inline codes of one unit's source and target when some code's id is
    no positive number (``<x id="x1"/>``, ``<pc id="pc1">``, ``<g id="0">``, which tools other
    than ours write) or the source has markers (``<mrk mtype="term">``, which the document's
    filter reads as tags too; one only in the target, a reviewer's comment, stays text):
    each id numbered by its first appearance, so that the source's and the target's codes
    still pair. None when every id is a number, which is then the placeholder's."""
    codes = [c for el in (source, target) if el is not None
             for c in el.iter(*_XLIFF_CODES, "{*}mrk")
             if local(c.tag) != "mrk" or (el is source and _is_marker(c))]
    ids = [i for code in codes if (i := _code_id(code)) is not None]
    if all(_number(i) for i in ids):
        return None
    return {i: n for n, i in enumerate(dict.fromkeys(ids), start=1)}


def tagged_text(element: etree._Element, shift: int = 0,
                numbers: dict[str, int] | None = None) -> str:
    """The text of a segment element with its inline codes as placeholders (``<1>``…);
    ``shift`` is added to the codes' numbers (1 for a TMX unit counting from 0), or
    ``numbers`` (see :func:`code_numbers`) gives them."""
    if not len(element):  # no inline code: its text (most units of a large memory)
        return element.text or ""
    pairs: dict[str, int] = {}  # a bpt's pair key → its number, for its ept

    def walk(el: etree._Element, parts: list[str]) -> None:
        parts.append(el.text or "")
        for child in el:
            name = local(child.tag)
            raw = _code_id(child)
            number = _number(raw, shift) if numbers is None else numbers.get(raw or "")
            if name == "cp":
                with contextlib.suppress(ValueError, OverflowError):
                    parts.append(chr(int(child.get("hex", ""), 16)))
            elif name in ("g", "pc") or (numbers is not None and _is_marker(child)):
                parts.append(f"<{number}>" if number else "")
                walk(child, parts)
                parts.append(f"</{number}>" if number else "")
            elif name == "bpt" and number:
                pairs[_pair_key(child)] = number
                parts.append(f"<{number}>")
            elif name == "ept" and _pair_key(child) in pairs:
                parts.append(f"</{pairs[_pair_key(child)]}>")
            elif name in ("bx", "sc") and number:
                if name == "bx":
                    pairs[_pair_key(child)] = number
                parts.append(f"<{number}>")
            elif name == "ex" and _pair_key(child) in pairs:  # its bx's number (rid links them)
                parts.append(f"</{pairs[_pair_key(child)]}>")
            elif name in ("ex", "ec") and number:
                parts.append(f"</{number}>")
            elif name == "it" and number:
                parts.append(f"</{number}>" if child.get("pos") == "end" else f"<{number}>")
            elif name in ("x", "ph") and number:
                parts.append(f"<{number}/>")
            elif name and name not in CODE_TAGS and not is_deleted(child):
                walk(child, parts)  # mrk, hi, sub…: their text
            parts.append(child.tail or "")

    parts: list[str] = []
    walk(element, parts)
    return "".join(parts)


def spaced_text(element: etree._Element, numbers: dict[str, int] | None = None) -> str:
    """:func:`tagged_text` with its white space read as the element's ``xml:space`` says
    (collapsed unless preserved: see :func:`safexml.text_as_spaced`)."""
    return text_as_spaced(tagged_text(element, numbers=numbers), element)
