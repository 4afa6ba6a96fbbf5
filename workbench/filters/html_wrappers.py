"""Which inline elements of an HTML block are no tags: a bookmark at its edge, a styling
element around its whole text, spans and fonts that change nothing a reader sees, alike
styling elements holding all (or most) of its words; and the copies that wrap its English."""

from __future__ import annotations

from lxml import etree

from workbench.filters.html_elements import XML_LANG, local, office

#: Inline elements that only style their text: one around a block's whole text (each
#: paragraph of LibreOffice's EPUB is ``<p><span class="span0">…</span></p>``) is no tag.
WRAPPERS = frozenset({"span", "font"})


def bookmark(el: etree._Element) -> bool:
    """Whether ``el`` is an anchor holding nothing and linking nowhere: a bookmark, as
    LibreOffice writes one (``<a name="…"></a>``) before each heading of a DOCX that has them
    (pandoc's, Word's contents)."""
    return (local(el.tag) == "a" and el.get("href") is None and not len(el)
            and not (el.text or "").strip())


def wrapper_of(children: list[etree._Element], first: str) -> etree._Element | None:
    """The one styling element holding a block's whole text (only white space around it),
    or None."""
    if len(children) != 1 or first.strip():
        return None
    child = children[0]
    if not isinstance(child.tag, str) or local(child.tag) not in WRAPPERS or \
            (child.tail or "").strip() or not "".join(child.itertext()).strip():
        return None
    return child


#: What a ``span`` or ``font`` may say and still say nothing a reader sees: the language, the
#: script's font (LibreOffice's HTML wraps each Arabic sentence in ``<font face="">`` and
#: ``<span lang="ar-SA">``, its stop outside), no tag.
UNSEEN_ATTRIBUTES = frozenset({"lang", "xml:lang", XML_LANG, "face", "style"})
UNSEEN_CSS = frozenset({"font-family", "so-language"})
"""(and Word's own properties, ``mso-…``, which no browser reads: ``<span lang=AR-SA
style='mso-bidi-font-family:Arial'>`` around each Arabic run of Word's HTML; but for
``mso-list``, whose span Word reads as a list's number, to be left out of the paragraph)"""


def unseen(el: etree._Element) -> bool:
    """Whether ``el`` is a span or font whose attributes change nothing a reader sees (or one
    of Word's XML islands); an empty one's direction changes nothing either (Word's HTML puts
    ``<span dir=RTL></span>`` after each list number and note reference)."""
    if office(local(el.tag)):
        return True
    seen = set(el.attrib) - UNSEEN_ATTRIBUTES
    if not len(el) and not el.text:
        seen.discard("dir")
    if local(el.tag) not in WRAPPERS or seen:
        return False
    if local(el.tag) != "font" and "face" in el.attrib:
        return False
    css = el.get("style") or ""
    names = {d.partition(":")[0].strip().lower() for d in css.split(";") if d.strip()}
    return all(name in UNSEEN_CSS or (name.startswith("mso-") and name != "mso-list")
               for name in names)


#: Inline elements that only style their text: alike ones holding all a block's words are no
#: tags (LibreOffice's ``<font size="3">`` around each sentence of a table cell, a heading's
#: ``<b>``).
STYLING = frozenset({"b", "strong", "i", "em", "u", "font", "span", "small", "big", "mark",
                     "tt"})


def covering(children: list[etree._Element], first: str) -> tuple[
        set[etree._Element], tuple[etree._Element, ...]]:
    """How a block's content (``first``, then ``children`` and their tails) is wrapped: the
    styling elements, alike, that hold all its words, read as no tags; and the elements read
    as no tags whose copies, outer first, wrap its English (the first of those styling
    elements and the unseen ones around it; else the unseen ones around the first sentence,
    when unseen ones hold all the words, as LibreOffice wraps each Arabic sentence: a word of
    English in an Arabic sentence said nothing to keep)."""
    loose = [first]  # the text outside every styling element
    outside = [first]  # the text outside every element but unseen ones
    bare = [first]  # the text outside every unseen one
    styled: list[tuple[tuple[etree._Element, ...], etree._Element]] = []
    tops: list[etree._Element] = []

    def visit(el: etree._Element, path: tuple[etree._Element, ...]) -> None:
        if not isinstance(el.tag, str):
            return
        if unseen(el):
            if not path:
                tops.append(el)
            loose.append(el.text or "")
            outside.append(el.text or "")
            for child in el:
                visit(child, (*path, el))
                loose.append(child.tail or "")
                outside.append(child.tail or "")
            return
        text = "".join(el.itertext())
        if not path:
            bare.append(text)
        if local(el.tag) in STYLING:
            styled.append((path, el))
        else:
            loose.append(text)

    for child in children:
        visit(child, ())
        loose.append(child.tail or "")
        outside.append(child.tail or "")
        bare.append(child.tail or "")
    if styled and not _words(loose) and all(
            e.tag == styled[0][1].tag and dict(e.attrib) == dict(styled[0][1].attrib)
            for _, e in styled):
        return {e for _, e in styled}, (*styled[0][0], styled[0][1])
    if styled and not _words(outside) and (prevailing := _prevailing(styled, children)):
        return {e for _, e in prevailing}, (*prevailing[0][0], prevailing[0][1])
    if tops and not _words(bare):
        return set(), _only_chain(tops[0])
    return set(), ()


def _prevailing(styled: list[tuple[tuple[etree._Element, ...], etree._Element]],
                children: list[etree._Element]) -> list[tuple[tuple[etree._Element, ...],
                                                              etree._Element]]:
    """The alike spans or fonts among ``styled`` that hold most of the block's words (more
    than half), its other elements (a link, a bold word) between them: Google Docs' HTML puts
    each run in a span of its class, ``<span class="c0">…</span><span class="c3"><a>…</a>
    </span><span class="c0">…</span>``. Empty when none do."""
    groups: dict[tuple[object, ...], list[tuple[tuple[etree._Element, ...], etree._Element]]] = {}
    for path, el in styled:
        if local(el.tag) in ("span", "font"):
            groups.setdefault((el.tag, *sorted(el.attrib.items())), []).append((path, el))
    total = sum(len("".join(child.itertext()).split()) for child in children
                if isinstance(child.tag, str))
    for group in groups.values():
        if 2 * sum(len("".join(el.itertext()).split()) for _, el in group) > total:
            return group
    return []


def _words(texts: list[str]) -> bool:
    return any(c.isalnum() for text in texts for c in text)


def _only_chain(el: etree._Element) -> tuple[etree._Element, ...]:
    """``el`` and the unseen elements it alone holds, each in the last."""
    chain = [el]
    while len(el) == 1 and not (el.text or "").strip() and unseen(el[0]) and \
            not (el[0].tail or "").strip():
        el = el[0]
        chain.append(el)
    return tuple(chain)


def shell(wrap: tuple[etree._Element, ...], holder: etree._Element) -> etree._Element:
    """Copies of the elements of ``wrap``, each in the last, appended to ``holder``; the
    innermost (where the English goes)."""
    inner = holder
    for el in wrap:
        inner = etree.SubElement(inner, el.tag, dict(el.attrib))
    return inner
