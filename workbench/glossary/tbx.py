"""TBX-Basic glossaries: read (TBX 2008 ``martif``, TBX v3 ``tbx``, and the MultiTerm XML
``mtf`` that Trados MultiTerm exports), write (``martif``).

Reading: every concept entry with Arabic and English terms gives, for each Arabic term that
is not deprecated, one glossary entry per admitted English term (preferred first); English
terms whose ``administrativeStatus`` (or ``normativeAuthorization``, or a MultiTerm ``Status``
or ``Usage``; a ``termNote`` of that type, or TBX v3's DCT element) is deprecated, superseded,
forbidden, rejected, obsolete, not recommended, "do not use", prohibited or "avoid", or whose
``forbidden`` flag is true (Phrase's ``<termNote type="forbidden">true</termNote>``), become
forbidden renderings. A ``definition``/``note`` becomes the comment.

Writing: one ``termEntry`` per Arabic term, its renderings as ``preferredTerm-admn-sts``
(first) and ``admittedTerm-admn-sts``, its forbidden renderings as ``deprecatedTerm-admn-sts``.
A term whose rows differ in comment or forbidden renderings gets one ``termEntry`` per run of
rows that share them, so that each row reads back with its own (an export reads back
unchanged).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from lxml import etree

from workbench import openfiles
from workbench.errors import InputError
from workbench.formats import safexml, xmlout
from workbench.glossary.model import Entry, Glossary, GlossaryBuilder

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Statuses that forbid a term: TBX's values, and those of MultiTerm termbases' own picklists
# (Usage: "Do not use", "Not recommended"...).
_BAD_STATUS = (
    "deprecated", "superseded", "forbidden", "rejected", "obsolete", "notrecommended",
    "not recommended", "do not use", "don't use", "prohibited", "avoid",
)


def _children(node: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in node if safexml.local(c.tag) in names]


def _text(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


# The data categories that say a term's status (MultiTerm's are named by the termbase's
# author; "Status" and "Usage" are the usual names).
_STATUS_TYPES = ("administrativestatus", "normativeauthorization", "status", "usage")


def _category(node: etree._Element) -> str:
    """The data category a node holds, lower case: its ``type`` (TBX's DCA style, MultiTerm:
    ``<termNote type="administrativeStatus">``) or its own name (TBX v3's DCT style:
    ``<basic:administrativeStatus>``)."""
    name = safexml.local(node.tag)
    if name in ("termNote", "descrip"):
        return (node.get("type") or "").lower()
    return name.lower()


# Phrase (Memsource) writes a term's status as true/false flags instead:
# <termNote type="forbidden">true</termNote>, <termNote type="preferred">true</termNote>.
_FLAG_TYPES = ("forbidden", "preferred")
_TRUE = ("true", "yes", "1")


def _status(term_group: etree._Element) -> str:
    flags = ""
    for node in term_group.iter():
        if not isinstance(node.tag, str):
            continue
        category = _category(node)
        if category in _STATUS_TYPES:
            return _text(node).lower()
        if category in _FLAG_TYPES and _text(node).lower() in _TRUE and flags != "forbidden":
            flags = category
    return flags


def _is_bad(status: str) -> bool:
    return any(word in status for word in _BAD_STATUS)


def _comment(entry: etree._Element) -> str:
    """An entry's comment: its definition wherever it stands (the entry's, a langSet's),
    else a ``note`` (TBX's element; MultiTerm's ``<descrip type="Note">`` of the entry or a
    language: one of a term is that term's, :func:`_term_notes`), else an example sentence
    (``context``)."""
    nodes = [n for n in entry.iter() if isinstance(n.tag, str)]
    for wanted in ("definition", "note", "context"):
        for node in nodes:
            if wanted == "note":
                found = safexml.local(node.tag) == "note" or (
                    _multiterm_note(node) and not any(
                        safexml.local(a.tag) == "termGrp" for a in node.iterancestors()))
            else:
                found = _category(node) == wanted and safexml.local(node.tag) != "termNote"
            if found:
                return _text(node)
    return ""


def _multiterm_note(node: etree._Element) -> bool:
    """Whether ``node`` is MultiTerm's note field (``<descrip type="Note">``)."""
    return safexml.local(node.tag) == "descrip" and _category(node) == "note"


def _term_notes(lang_set: etree._Element) -> dict[str, str]:
    """The MultiTerm notes of a language's terms (``<descrip type="Note">`` in a
    ``termGrp``), by term: a rendering's usage note, its comment where the entry has none."""
    out: dict[str, str] = {}
    for group in _children(lang_set, "termGrp"):
        term_node = next((n for n in group.iter() if safexml.local(n.tag) == "term"), None)
        note = next((n for n in group.iter() if _multiterm_note(n)), None)
        if term_node is not None and note is not None and _text(note):
            out.setdefault(_text(term_node), _text(note))
    return out


def _terms(lang_set: etree._Element) -> list[tuple[str, str, int]]:
    """(term, status, line) of a langSet/langSec/languageGrp."""
    out: list[tuple[str, str, int]] = []
    for group in _children(lang_set, "tig", "ntig", "termSec", "termGrp"):
        term_node = next((n for n in group.iter() if safexml.local(n.tag) == "term"), None)
        if term_node is None:
            continue
        text = _text(term_node)
        if text:
            out.append((text, _status(group), term_node.sourceline or 0))
    return out


def _distinct(terms: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """``terms`` without the repeats of one (in two regions' langSets of an entry, en-US and
    en-GB): the first of each."""
    first: dict[str, tuple[str, str, int]] = {}
    for term in terms:
        first.setdefault(term[0].casefold(), term)
    return list(first.values())


def _multiterm_lang(language_group: etree._Element) -> str:
    """The language of a MultiTerm ``languageGrp``: its ``<language lang="AR"/>``."""
    found = _children(language_group, "language")
    return (found[0].get("lang") or "") if found else ""


def parse_tbx(data: bytes, path: str | Path = "glossary.tbx") -> Glossary:
    """Parse TBX-Basic bytes into a glossary (Arabic → English).

    The XML is read as untrusted (:func:`workbench.formats.safexml.parse`): no DTD, no network,
    and a document declaring entities is refused.
    """
    root = safexml.parse(data, path)
    if safexml.local(root.tag) not in ("martif", "tbx", "mtf"):
        raise InputError(path, f"not a TBX file (root element <{safexml.local(root.tag)}>)")
    builder = GlossaryBuilder(path)
    languages: set[str] = set()
    for entry in root.iter():
        if safexml.local(entry.tag) not in ("termEntry", "conceptEntry", "conceptGrp"):
            continue
        arabic: list[tuple[str, str, int]] = []
        english: list[tuple[str, str, int]] = []
        notes: dict[str, str] = {}
        for lang_set in _children(entry, "langSet", "langSec", "languageGrp"):
            lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or _multiterm_lang(lang_set)
                    ).lower()
            languages.add(lang or "none given")
            if lang.startswith("ar"):
                arabic += _terms(lang_set)
            elif lang.startswith("en"):
                english += _terms(lang_set)
                notes = {**_term_notes(lang_set), **notes}
        good = [t for t in english if not _is_bad(t[1])]
        bad = tuple(dict.fromkeys(t[0] for t in english if _is_bad(t[1])))
        if not arabic or not good:
            line = entry.sourceline or None
            builder.glossary.warnings.append(
                f"{path}: line {line}: entry without "
                f"{'an Arabic' if not arabic else 'an admitted English'} term, skipped"
            )
            continue
        good.sort(key=lambda t: 0 if "preferred" in t[1] else 1)
        comment = _comment(entry)
        for term, status, line in _distinct(arabic):
            if _is_bad(status):
                continue
            for rendering, _, _ in _distinct(good):
                forbidden = tuple(f for f in bad if f.casefold() != rendering.casefold())
                builder.add(Entry(term, rendering, comment or notes.get(rendering, ""),
                                  forbidden, line))
    if not builder.glossary.entries:
        found = f" (its languages: {', '.join(sorted(languages))})" if languages else ""
        raise InputError(path, f"no Arabic-English term entries found{found}")
    return builder.glossary


def read_tbx(path: str | Path) -> Glossary:
    """Read a TBX-Basic file."""
    p = Path(path)
    openfiles.refuse(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(p, "the file is empty")
    return parse_tbx(data, p)


def _shared(entry: Entry) -> tuple[str, tuple[str, ...]]:
    """What a termEntry gives each of its renderings: the comment and the forbidden ones."""
    return entry.comment, entry.forbidden


def _term_entry(
    number: int, term: str, renderings: list[str], comment: str, forbidden: tuple[str, ...],
    allowed: set[str],
) -> list[str]:
    """The lines of one termEntry: the Arabic term, its renderings (the first preferred) and
    forbidden ones (none that ``allowed`` accepts), the comment as its definition."""
    out = [f'      <termEntry id="t{number}">']
    if comment:
        out.append(f'        <descrip type="definition">{xmlout.text(comment)}</descrip>')
    out.append('        <langSet xml:lang="ar">')
    out.append(f"          <tig><term>{xmlout.text(term)}</term></tig>")
    out.append("        </langSet>")
    out.append('        <langSet xml:lang="en">')
    for i, rendering in enumerate(renderings):
        status = "preferredTerm-admn-sts" if i == 0 else "admittedTerm-admn-sts"
        out.append(
            f"          <tig><term>{xmlout.text(rendering)}</term>"
            f'<termNote type="administrativeStatus">{status}</termNote></tig>'
        )
    for word in forbidden:
        if word.casefold() in allowed:
            continue
        out.append(
            f"          <tig><term>{xmlout.text(word)}</term>"
            '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>'
        )
    out.append("        </langSet>")
    out.append("      </termEntry>")
    return out


def format_tbx(glossary: Glossary) -> str:
    """Serialise a glossary as a TBX-Basic (martif) document."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">',
        '<martif type="TBX-Basic" xml:lang="en">',
        "  <martifHeader>",
        "    <fileDesc><sourceDesc><p>Exported by workbench</p></sourceDesc></fileDesc>",
        '    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>',
        "  </martifHeader>",
        "  <text>",
        "    <body>",
    ]
    number = 0
    for term, entries in glossary.terms().items():
        allowed = {e.rendering.casefold() for e in entries}
        for (comment, forbidden), run in itertools.groupby(entries, key=_shared):
            number += 1
            renderings = [e.rendering for e in run]
            out += _term_entry(number, term, renderings, comment, forbidden, allowed)
    out += ["    </body>", "  </text>", "</martif>", ""]
    return "\n".join(out)
