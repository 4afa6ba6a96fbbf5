"""Importing Arabic documents and English translations into a project."""

from __future__ import annotations

import dataclasses
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.allocator import release_free
from workbench.errors import InputError
from workbench.filters.model import Block
from workbench.filters.registry import read_source, source_format_for
from workbench.formats import detect
from workbench.project.catalog import (
    Catalog,
    Document,
    document_name,
    document_taken,
    version_name,
)
from workbench.project.changes import ChangeSet, FillReport, plan_fill, protection
from workbench.project.context import ProjectContext, Row
from workbench.statuses import Status
from workbench.store import documents as q_docs
from workbench.store import sources as q_sources
from workbench.store import versions as q_versions
from workbench.store.connection import Database
from workbench.store.db import analyze
from workbench.store.live import announce_segments
from workbench.text.script import mostly_arabic, require_language
from workbench.text.segment import (
    Abbreviations,
    segment_paragraphs,
    split_lines,
    split_paragraphs,
)
from workbench.text.tags import EMPTY, tokens
from workbench.textio import (
    document_text,
    file_name_text,
    read_text_with_encoding,
    without_joined_boms,
)
from workbench.wording import plural

if TYPE_CHECKING:
    from workbench.align import Alignment
    from workbench.project.dictionaries import Dictionaries
    from workbench.project.terms import Terms


def align_paragraphs(*args: Any, **kwargs: Any) -> Alignment:
    """:func:`workbench.align.align_paragraphs`, the aligner (and numpy) imported on first
    use rather than with the project."""
    from workbench.align import align_paragraphs as align

    return align(*args, **kwargs)


def _mostly_flagged_warning(alignment: Alignment) -> str | None:
    """:func:`workbench.align.aligner.mostly_flagged_warning` (the aligner loaded by then)."""
    from workbench.align.aligner import mostly_flagged_warning

    return mostly_flagged_warning(alignment)


#: Endings of files the workbench reads, though never as an Arabic document: what they are
#: and the command that reads them (read as text, they were told to take the ending they had).
NOT_DOCUMENTS: dict[str, str] = {
    ".tmx": "a TMX file is a translation memory, not a document: `workbench tm import "
            "FILE` adds it as one; `workbench import-tmx FILE --doc NAME` (the import dialog: "
            "an English translation of a document) brings its English back to a document",
    ".tbx": "a TBX file is a glossary, not a document: `workbench glossary import FILE` "
            "loads it",
    # Poedit's and Weblate's catalogue: read as text, its msgid/msgstr lines and comments
    # were the document's segments
    ".po": "a gettext PO file is a catalogue of strings, not a document: convert it to "
           "XLIFF (translate-toolkit's `po2xliff FILE.po FILE.xlf`) and `workbench import` "
           "that; `xliff2po` takes the translated XLIFF back",
    ".pot": "a gettext POT file is a catalogue of strings, not a document: convert it to "
            "XLIFF (translate-toolkit's `po2xliff FILE.pot FILE.xlf`) and `workbench import` "
            "that",
}


def refuse_non_document(path: str | Path) -> None:
    """InputError for a file to import as a text (an Arabic document, an English translation)
    whose ending names a format the workbench reads otherwise (:data:`NOT_DOCUMENTS`),
    saying which command reads it."""
    said = NOT_DOCUMENTS.get(Path(path).suffix.lower())
    if said is not None:
        raise InputError(path, said)


def read_document_text(path: str | Path) -> tuple[str, str]:
    """The text of an Arabic document given as a text file, and the encoding it was read in
    (a memory's or glossary's file refused first, naming the command that reads it)."""
    refuse_non_document(path)
    return read_text_with_encoding(path)


def default_document_name(path: str | Path) -> str:
    """A new document's name when none is given: its file's, without the ending. A pipe
    (``<(iconv …)``, which is /dev/fd/63) names nothing: refused, asking for a name, where
    the document was called "63"."""
    try:
        pipe = stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:  # a missing file is the reader's to report, and so is a device
        pipe = False
    if pipe:
        raise InputError(path, "a pipe has no name to give the document: give one with --doc "
                               "NAME")
    return file_name_text(Path(path).stem)


@dataclass
class ImportReport:
    """What an import added."""

    document: str
    version: str | None = None
    segments: int = 0
    sentences: int = 0
    links: int = 0
    low_confidence: int = 0
    warnings: list[str] = field(default_factory=list)
    fill: FillReport | None = None
    """For an import into the working translation: what was filled and left alone."""
    dry_run: bool = False
    replaced: bool = False
    """A reference or draft version of that name was there and is (would be) replaced."""


LOW_CONFIDENCE = 0.5


def is_translation_document(path: str | Path) -> bool:
    """Whether :func:`read_translation` reads ``path`` with a document filter (DOCX, ODT,
    HTML, Markdown), though an HTML file looks like XML to :func:`is_bilingual`."""
    spec = source_format_for(path)
    return not spec.plain and not spec.bilingual


#: Block kinds of a document that a plain-text Arabic document has no counterpart for.
MARGINAL_KINDS = frozenset({"header", "footer", "alt-text", "toc"})

#: Of an HTML page, its ``<title>`` too: no page shows it, and it is the file's name (pandoc's
#: page without a title) or the first heading again, not a paragraph of the translation.
HTML_MARGINAL_KINDS = MARGINAL_KINDS | {"title"}

#: Labels of the empty tags that part two words: a line break, a tab, a page or column break.
SPACING_LABELS = frozenset({"br", "tab", "break"})


def block_plain_text(block: Block) -> str:
    """A block's text without its tags, each line break, tab or page break a space (a DOCX's
    'NATO.<w:br/>Macedonian' is two sentences, not 'NATO.Macedonian')."""
    pieces, pos = [], 0
    for token in tokens(block.text):
        pieces.append(block.text[pos : token.start])
        tag = block.tags.get(token.id)
        if token.kind == EMPTY and tag is not None and tag.label in SPACING_LABELS:
            pieces.append(" ")
        pos = token.end
    pieces.append(block.text[pos:])
    return "".join(pieces)


def read_translation(
    path: str | Path, keep: frozenset[str] = frozenset()
) -> tuple[str, list[str]]:
    """The English of a translation file as text, one paragraph a line, and the kinds of
    the blocks left out. A text file is read as it is (less the byte order marks starting
    lines of files joined by ``cat``); a DOCX, ODT, HTML, Markdown or EPUB document (a
    translator's delivery) by its document filter, each paragraph, cell, footnote… a line in
    the filter's order (the order a source document of that format is segmented in), its
    formatting left out, and its headers, footers, alt texts and tables of contents
    (:data:`MARGINAL_KINDS`; of an HTML page, its ``<title>`` too) left out unless their
    kind is in ``keep``. A bilingual file
    (XLIFF, TMX, CSV…) is refused: its English belongs to its own segments."""
    spec = source_format_for(path)
    if spec.plain:
        try:
            kind = detect(path).kind
        except InputError:  # not a bilingual format: text (a glossary's TBX named first)
            refuse_non_document(path)
            return without_joined_boms(read_text_with_encoding(path)[0]), []
        command = {"XLIFF": "import-xliff", "TMX": "import-tmx"}.get(kind, "import-csv")
        raise InputError(path, f"a {kind} file brings its translations back with its segments "
                         f"(`workbench {command}`, or the import dialog)")
    if spec.bilingual:
        raise InputError(path, f"{spec.description}: import it as a document (`workbench "
                         "import`), which keeps the English of each of its segments")
    source = read_source(path, spec.name)
    marginal = HTML_MARGINAL_KINDS if spec.name == "html" else MARGINAL_KINDS
    lines: list[str] = []
    skipped: list[str] = []
    for block in source.blocks:
        text = block_plain_text(block)
        if block.kind not in marginal or block.kind in keep:
            lines += (" ".join(line.split()) for line in text.split("\n"))  # <pre>: lines
        elif text.strip():
            skipped.append(block.kind)
    return "\n".join(line for line in lines if line), skipped


JOINED = 0.45  # the confidence at most of a link an unmatched English sentence joined


def place_unmatched(
    alignment: Alignment, paragraph_of: list[int]
) -> tuple[Alignment, dict[int, int | None]]:
    """The alignment with each English sentence that matched no Arabic segment (an 0–1 link)
    joined to a neighbouring link, so that no English text is lost from the segments'
    translations: the link before it when that link holds Arabic (and its English, if any, is
    of the same paragraph), else the link after it on the same terms, else the nearest link
    with Arabic (a paragraph of its own: a sentence-per-line translation); a run of such
    sentences of one paragraph goes as a whole. The joined link keeps the lower of the two
    confidences, at most ``JOINED`` (below ``LOW_CONFIDENCE``: it is flagged). Returns it
    with, for each such sentence, the first Arabic index of the link it joined (None: no link
    holds Arabic)."""
    if all(a or not e for a, e in alignment.links):
        return alignment, {}
    links = [(list(a), list(e)) for a, e in alignment.links]
    conf = list(alignment.confidence)

    def takes(k: int, sentence: int, nearest: int) -> bool:
        if not 0 <= k < len(links) or not links[k][0]:
            return False
        english = links[k][1]
        return not english or paragraph_of[english[nearest]] == paragraph_of[sentence]

    placed: dict[int, int | None] = {}
    k = 0
    while k < len(links):
        ar, en = links[k]
        if ar or not en:
            k += 1
            continue
        target = (k - 1 if takes(k - 1, en[0], -1) else k + 1 if takes(k + 1, en[-1], 0)
                  else None)
        if target is None and k + 1 < len(links) and not links[k + 1][0] and (
                paragraph_of[links[k + 1][1][0]] == paragraph_of[en[-1]]):
            # a run of unmatched sentences: the next decides for the whole run
            links[k + 1] = ([], en + links[k + 1][1])
            conf[k + 1] = min(conf[k], conf[k + 1])
            del links[k], conf[k]
            continue
        if target is None:  # no link of its paragraph beside it: the nearest with Arabic
            target = next((j for j in (*range(k - 1, -1, -1), *range(k + 1, len(links)))
                           if links[j][0]), None)
        if target is None:
            placed.update(dict.fromkeys(en))
            k += 1
            continue
        # in the text's order: several lines before the first link each join it in turn
        links[target] = (links[target][0], sorted(links[target][1] + en))
        conf[target] = min(conf[target], conf[k], JOINED)
        placed.update(dict.fromkeys(en, links[target][0][0]))
        del links[k], conf[k]  # the link now at k is the next one, or the one joined
    from workbench.align.model import Alignment  # the aligner (numpy) loads when aligning

    out = Alignment(links, conf, list(alignment.warnings), alignment.related,
                    list(alignment.left_out))
    return out, placed


def _unmatched_warning(placed: dict[int, int | None], sentences: list[tuple[int, str]]) -> str:
    """What to say of English sentences the aligner linked to no segment, and where they
    went."""
    def one(k: int) -> str:
        short = _short(sentences[k][1], 60)
        where = "in no segment" if placed[k] is None else f"in segment {placed[k] + 1}"
        return f"{k + 1}: {short} ({where})"

    order = sorted(placed)
    shown = _first_three([one(k) for k in order])
    count = "1 English sentence" if len(order) == 1 else f"{len(order)} English sentences"
    if all(placed[k] is None for k in order):
        what = "left out of every segment's translation"
    else:
        what = "joined to the translation of the nearest segment, to be checked"
    plural = "s" if len(order) > 1 else ""
    return f"{count} matched no Arabic segment: {what} (sentence{plural} {shown})"


#: The share of an English file's sentences in Arabic from which it is refused (a bilingual
#: file, Arabic and English lines in turn), when they are at least ``ARABIC_SENTENCES_MIN``;
#: fewer are named in a warning (a book's table of contents left in Arabic).
ARABIC_SENTENCES_REFUSED = 0.25
ARABIC_SENTENCES_MIN = 5
#: The share of its letters from which such sentences refuse it too: a bilingual table (our
#: review DOCX or HTML sent back), whose English cells, legend and statuses outnumber them.
ARABIC_LETTERS_REFUSED = 0.25


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _arabic_sentences(sentences: list[tuple[int, str]], path: str | None) -> list[int]:
    """The indices of the English sentences that are mostly Arabic; refuse the file when they
    are at least five and a quarter of its sentences or of its letters
    (``ARABIC_SENTENCES_REFUSED``, ``ARABIC_LETTERS_REFUSED``)."""
    arabic = [k for k, (_, sentence) in enumerate(sentences) if mostly_arabic(sentence)]
    if len(arabic) >= ARABIC_SENTENCES_MIN and (
            len(arabic) >= ARABIC_SENTENCES_REFUSED * len(sentences)
            or sum(_letters(sentences[k][1]) for k in arabic)
            >= ARABIC_LETTERS_REFUSED * sum(_letters(s) for _, s in sentences)):
        first = arabic[0]
        raise InputError(
            path or "the English",
            f"{len(arabic)} of its {len(sentences)} sentences are Arabic (sentence {first + 1}: "
            f"{_short(sentences[first][1], 40)}): a bilingual file? give the English alone")
    return arabic


def _arabic_warning(arabic: list[int], sentences: list[tuple[int, str]]) -> str:
    """What to say of English sentences that are mostly Arabic (stored as they are)."""
    shown = _first_three([f"{k + 1}: {_short(sentences[k][1], 60)}" for k in arabic])
    count = "1 English sentence is" if len(arabic) == 1 else f"{len(arabic)} English sentences are"
    plural = "s" if len(arabic) > 1 else ""
    return (f"{count} mostly Arabic, imported as the translation (Arabic left untranslated?): "
            f"sentence{plural} {shown}")


def _short(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis if cut."""
    return f"{text[:width]}{'…' if len(text) > width else ''}"


def _first_three(items: list[str]) -> str:
    """The first three items and how many more."""
    more = f" and {len(items) - 3} more" if len(items) > 3 else ""
    return "; ".join(items[:3]) + more


UNTRANSLATED_TAIL = 3
"""Sentences at the start or end of a text that the other leaves unlinked, from which an
import says that one translates a part of the other."""

Links = list[tuple[list[int], list[int]]]


def _ends(links: Links, side: int) -> tuple[int, int]:
    """How many sentences of ``side`` (0: Arabic, 1: English) the links before the first
    link of the other side, and after its last, hold (0 for fewer than
    ``UNTRANSLATED_TAIL``; both 0 when the other side has none)."""
    other = [k for k, link in enumerate(links) if link[1 - side]]
    if not other:
        return 0, 0
    head = sum(len(link[side]) for link in links[: other[0]])
    tail = sum(len(link[side]) for link in links[other[-1] + 1:])
    return (head if head >= UNTRANSLATED_TAIL else 0), (tail if tail >= UNTRANSLATED_TAIL else 0)


def _without_surplus_english(alignment: Alignment) -> tuple[Alignment, int, int]:
    """The alignment without the English sentences before the Arabic's first link and after
    its last that it links to no segment (``_ends``: the translation of a longer text;
    joined to the first or last segment, they would make its translation), with how many
    there are at the start and at the end. Sentence numbers are left as they are."""
    head, tail = _ends(alignment.links, 1)
    if not head and not tail:
        return alignment, 0, 0
    first = next(k for k, (a, _) in enumerate(alignment.links) if a) if head else 0
    last = len(alignment.links)
    if tail:
        last = max(k for k, (a, _) in enumerate(alignment.links) if a) + 1
    return dataclasses.replace(alignment, links=alignment.links[first:last],
                               confidence=alignment.confidence[first:last]), head, tail


def _renumbered(alignment: Alignment, sentences: list[tuple[int, str]], head: int, tail: int
                ) -> tuple[Alignment, list[tuple[int, str]]]:
    """The alignment and sentences without the ``head`` first and ``tail`` last sentences
    (linked to nothing), the English numbered from the first kept."""
    if not head and not tail:
        return alignment, sentences
    links = [(a, [j - head for j in e]) for a, e in alignment.links]
    left_out = [(side, k - head if side == "en" else k) for side, k in alignment.left_out]
    return (dataclasses.replace(alignment, links=links, left_out=left_out),
            sentences[head: len(sentences) - tail])


def _hand_set_warning(db: Database, version_id: int, name: str, dry_run: bool) -> list[str]:
    """A warning when the version an import replaces holds links set by hand (Alt+N /
    Alt+P): the import aligns afresh and those fixes go, with no undo."""
    hand = q_versions.hand_set_links(db, version_id)
    if not hand:
        return []
    verb = "would replace" if dry_run else "replaced"
    return [f"the previous {name} held {plural(hand, 'link')} set by hand (Alt+N / Alt+P): this "
            f"import {verb} them with its own alignment (importing under another --name keeps "
            "them)"]


def _partial_warnings(links: Links, segments: int, sentences: int, head: int, tail: int
                      ) -> list[str]:
    """What to say when one text translates a part of the other: segments at the start or
    end of the document that no English sentence is linked to (``_ends``), and English
    sentences left out before or after the Arabic (``head``, ``tail``)."""
    out = []
    before, after = _ends(links, 0)
    if before:
        out.append(f"the English starts at segment {before + 1} of {segments}: segments 1–"
                   f"{before} have no English in this file (a translation of a later part?)")
    if after:
        first = segments - after + 1
        out.append(f"the English ends at segment {first - 1} of {segments}: segments {first}–"
                   f"{segments} have no English in this file (a translation of the beginning "
                   "only?)")
    if head:
        out.append(f"the Arabic starts at English sentence {head + 1} of {sentences}: "
                   f"sentences 1–{head} match no segment of the document and are left out "
                   "(the translation of a longer text?)")
    if tail:
        out.append(f"the Arabic ends at English sentence {sentences - tail} of {sentences}: "
                   f"sentences {sentences - tail + 1}–{sentences} match no segment of the "
                   "document and are left out (the translation of a longer text?)")
    return out


def _without_english_warning(links: Links, arabic: list[str]) -> str | None:
    """What to say of segments inside the document that no English sentence is linked to
    (a sentence the translator left out, or English put one segment off); those at its start
    and end are said by :func:`_partial_warnings`. None when there are none."""
    before, after = _ends(links, 0)
    last = len(arabic) - after
    missing = [k for a, e in links if not e for k in a if before <= k < last]
    if not missing:
        return None
    shown = _first_three([f"segment {k + 1}: {_short(arabic[k], 50)}" for k in missing])
    count = "1 segment has" if len(missing) == 1 else f"{len(missing)} segments have"
    return (f"{count} no English in this file (left out of the translation, or its English "
            f"on a neighbour?): {shown}")


def _left_out_warning(left_out: list[tuple[str, int]], arabic: list[str],
                      sentences: list[tuple[int, str]]) -> str:
    """What to say of sentences that look left out of the other text, though a link holds
    them (their links are flagged)."""
    def one(side: str, k: int) -> str:
        if side == "ar":
            return f"segment {k + 1}: {_short(arabic[k], 50)}"
        return f"English sentence {k + 1}: {_short(sentences[k][1], 50)}"

    order = sorted(left_out, key=lambda s: (s[0] != "ar", s[1]))
    shown = _first_three([one(side, k) for side, k in order])
    count = "1 sentence looks" if len(order) == 1 else f"{len(order)} sentences look"
    return (f"{count} left out of the other text, though merged into a neighbour's link "
            f"(flagged, to be checked): {shown}")


def _hold_linked_work(
    new_links: list[list[int]],
    joined: dict[int, int],
    current: dict[int, Row],
    wanted: dict[int, tuple[str, str]],
    overwrite: str | None,
) -> list[str]:
    """Take out of ``wanted`` the segments joined with finished work the import leaves alone,
    by a link of several segments of the file's alignment (their English put on the first) or
    of the working translation (a joined segment and the one holding its English): the
    English of such a link cannot be split, so writing its other segments said a sentence
    twice or lost one. The protected segment itself stays in ``wanted`` (reported as left
    alone); returns a warning per link."""
    parent: dict[int, int] = {}

    def root(sid: int) -> int:
        while parent.get(sid, sid) != sid:
            sid = parent[sid]
        return sid

    for group in [*new_links, *([sid, holder] for sid, holder in joined.items())]:
        parent.setdefault(group[0], group[0])
        for sid in group[1:]:
            parent.setdefault(sid, sid)
            parent[root(sid)] = root(group[0])
    linked: dict[int, list[int]] = {}
    for sid in parent:
        linked.setdefault(root(sid), []).append(sid)
    warnings: list[str] = []
    for members in linked.values():
        members.sort(key=lambda sid: current[sid]["position"])
        finished = [
            sid for sid in members if sid in wanted and protection(
                current[sid]["target"], current[sid]["status"], bool(current[sid]["locked"]),
                overwrite,
            ) is not None
        ]
        held = [sid for sid in members if sid in wanted and sid not in finished]
        if finished and held:
            for sid in held:
                del wanted[sid]
            warnings.append(
                f"segment{'s' * (len(held) > 1)} {', '.join(map(str, held))} left as "
                f"{'they were' if len(held) > 1 else 'it was'}: linked with segment"
                f"{'s' * (len(finished) > 1)} {', '.join(map(str, finished))}, whose finished "
                "work is left alone, in one English the file cannot split (an --overwrite "
                "that replaces it replaces them together)"
            )
    return warnings


def _keep_flagged_work(
    alignment: Alignment, seg_ids: list[int], current: dict[int, Row],
    wanted: dict[int, tuple[str, str]], fill: FillReport,
) -> list[str]:
    """Take out of ``wanted`` every segment of a flagged link (confidence below
    LOW_CONFIDENCE) that holds finished work, with the rest of its link: ``--overwrite``
    replaces finished work only where the alignment is sure (a paragraph the file leaves out
    squeezed into a 6–1 link blanked five confirmed segments). Returns the warning."""
    kept: list[int] = []
    for (ar, _), confidence in zip(alignment.links, alignment.confidence, strict=True):
        sids = [seg_ids[a] for a in ar if seg_ids[a] in wanted]
        if confidence < LOW_CONFIDENCE and any(
            protection(current[sid]["target"], current[sid]["status"],
                       bool(current[sid]["locked"]), None) is not None for sid in sids
        ):
            kept += sids
    for sid in kept:
        del wanted[sid]
    fill.unchanged += len(kept)
    if not kept:
        return []
    return [f"{plural(len(kept), 'segment')} kept {'its' if len(kept) == 1 else 'their'} "
            f"finished work: {'its link is' if len(kept) == 1 else 'their links are'} "
            f"flagged (~, confidence below {LOW_CONFIDENCE}), and --overwrite replaces finished "
            f"work only where the alignment is sure: segments {', '.join(map(str, kept))}"]


class Importing:
    """Imports of Arabic documents and English translations."""

    def __init__(
        self,
        context: ProjectContext,
        catalog: Catalog,
        terms: Terms,
        changes: ChangeSet,
        dictionaries: Dictionaries,
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.terms = terms
        self.changes = changes
        self.dictionaries = dictionaries
        self._last_alignment: tuple[tuple[object, ...], Alignment] | None = None
        self._preview: tuple[tuple[object, ...], Alignment] | None = None  # a dry run's

    def import_document(self, path: str | Path, name: str | None = None) -> ImportReport:
        """Segment an Arabic text file and add it as a new document."""
        name = default_document_name(path) if name is None else name
        text, encoding = read_document_text(path)
        return self.import_document_text(text, name, str(path), encoding)

    def import_document_text(
        self, text: str, name: str, source_path: str | None = None, encoding: str | None = None,
        abbreviations: Abbreviations | None = None,
    ) -> ImportReport:
        """Segment Arabic text and add it as document ``name`` (one transaction);
        ``abbreviations``: the segmenter's, with a user's own (``load_abbreviations``)."""
        name = document_name(name)
        text = document_text(text, source_path or name)
        require_language(text, "ar", source_path or name)
        rows: list[tuple[int, int, str]] = []
        paragraphs = segment_paragraphs(split_paragraphs(text), "ar", abbreviations=abbreviations)
        for p, sentences in enumerate(paragraphs, start=1):
            for sentence in sentences:
                rows.append((p, len(rows) + 1, sentence))
        if not rows:
            raise InputError(source_path or name, "no text to import")
        with self.context.transaction():  # the name checked under the write lock
            if q_docs.document_by_name(self.context.db, name) is not None:
                raise document_taken(self.context.path, name)
            doc_id = q_docs.insert_document(self.context.db, name, source_path, encoding)
            q_docs.insert_segments(self.context.db, doc_id, rows)
            analyze(self.context.db)
        return ImportReport(document=name, segments=len(rows))

    def import_translation(
        self,
        path: str | Path,
        doc: str,
        kind: str,
        name: str | None = None,
        *,
        presegmented: bool = False,
        overwrite: str | None = None,
        dry_run: bool = False,
        abbreviations: Abbreviations | None = None,
    ) -> ImportReport:
        """Align an English text file (or a DOCX, ODT, HTML, Markdown or EPUB document: see
        :func:`read_translation`) to a document's segments and store it as a version.

        ``kind`` is 'reference', 'draft' or 'working'. Importing as 'working' fills the
        working translation of the linked segments that are empty, new or draft (with
        ``overwrite``: also 'confirmed' ones, or every one up to 'approved'), as one change
        group that ``undo_change`` undoes. ``dry_run``: report, change nothing.
        ``abbreviations``: the English segmenter's, with a user's own.
        """
        document = self.catalog.document(doc)
        kinds = {b["kind"] for b in q_sources.blocks(self.context.db, document.id).values()}
        text, skipped = read_translation(path, HTML_MARGINAL_KINDS & kinds)
        report = self.import_translation_text(
            text, doc, kind, name, str(path), presegmented, overwrite=overwrite, dry_run=dry_run,
            abbreviations=abbreviations,
        )
        if skipped:
            counts = ", ".join(f"{n} {k}" for k, n in Counter(skipped).items())
            report.warnings.append(
                f"left out of {Path(path).name}: {counts} block(s), of kinds the document "
                f"{document.name!r} has none of")
        return report

    def import_translation_text(
        self,
        text: str,
        doc: str,
        kind: str,
        name: str | None = None,
        source_path: str | None = None,
        presegmented: bool = False,
        *,
        overwrite: str | None = None,
        dry_run: bool = False,
        abbreviations: Abbreviations | None = None,
    ) -> ImportReport:
        """Align English text to a document and store it as version ``kind[:name]`` (see
        ``import_translation``)."""
        document = self.catalog.document(doc)
        require_language(text, "en", source_path or "the English")
        vname = version_name(kind, name)
        if presegmented:
            en_pars = [[line] for line in split_lines(text)]
        else:
            en_pars = segment_paragraphs(split_paragraphs(text), "en",
                                         abbreviations=abbreviations)
        sentences = [(p, s) for p, sents in enumerate(en_pars, start=1) for s in sents]
        if not sentences:  # a blank file would replace a version with nothing
            raise InputError(source_path or "the English", "no text to import")
        arabic = _arabic_sentences(sentences, source_path)
        segs = q_docs.segment_paragraphs(self.context.db, document.id)
        ar_pars: list[list[str]] = []
        last = None
        for _, par, source in segs:
            if par != last:
                ar_pars.append([])
                last = par
            ar_pars[-1].append(source)
        alignment = self.align(ar_pars, en_pars, dry_run=dry_run)
        seg_ids = [sid for sid, _, _ in segs]
        alignment, head, tail = _without_surplus_english(alignment)
        alignment, placed = place_unmatched(alignment, [p for p, _ in sentences])
        flagged = _mostly_flagged_warning(alignment)  # on the confidences stored
        report = ImportReport(
            document=document.name,
            version=vname,
            segments=len(seg_ids),
            sentences=len(sentences),
            links=len(alignment.links),
            low_confidence=sum(c < LOW_CONFIDENCE for c in alignment.confidence),
            warnings=list(alignment.warnings) + ([] if flagged is None else [flagged]),
        )
        if arabic:
            report.warnings.append(_arabic_warning(arabic, sentences))
        if placed:
            report.warnings.append(_unmatched_warning(placed, sentences))
        if alignment.left_out:
            report.warnings.append(_left_out_warning(
                alignment.left_out, [source for _, _, source in segs], sentences))
        report.warnings += _partial_warnings(alignment.links, len(seg_ids), len(sentences),
                                             head, tail)
        without = _without_english_warning(alignment.links, [source for _, _, source in segs])
        if without is not None:
            report.warnings.append(without)
        alignment, sentences = _renumbered(alignment, sentences, head, tail)
        if kind == "working":
            report.fill = FillReport(dry_run=dry_run)
            with self.context.transaction():
                report.warnings += self._import_working(
                    document, alignment, sentences, seg_ids, source_path, overwrite, report.fill
                )
            return report
        db = self.context.db
        report.dry_run = dry_run
        previous = q_versions.version(db, document.id, vname)
        report.replaced = previous is not None
        if previous is not None:  # first: the import dialog shows three warnings
            report.warnings[:0] = _hand_set_warning(db, int(previous["id"]), vname, dry_run)
        if dry_run:
            return report
        with self.context.transaction():
            row = q_versions.version(db, document.id, vname)
            report.replaced = row is not None  # under the write lock: another import may have won
            if row is None:
                vid = q_versions.create_version(db, document.id, vname, kind, source_path)
            else:
                vid = int(row["id"])
                q_versions.clear_alignment(db, vid)
                q_versions.renew_version(db, vid, source_path)
            self._store_version(vid, alignment, sentences, seg_ids)
            announce_segments(db, document.id)  # (others' editors show the new English)
            analyze(db)
        return report

    def align(self, ar_pars: list[list[str]], en_pars: list[list[str]], *,
              dry_run: bool = False) -> Alignment:
        """Align paragraphs of Arabic segments to paragraphs of English sentences.

        The project's lexical knowledge serves the aligner: glossary terms as anchors, its
        dictionaries as word translations, its confirmed segment pairs as training data for
        the word table. The import that follows a dry run (``dry_run``) of the same texts
        takes the dry run's alignment, whatever changed of that knowledge meanwhile (the TUI's
        import dialog asks between them, while others confirm segments): what it stores is
        what the dry run showed, aligned once.
        """
        texts = tuple(map(tuple, ar_pars)), tuple(map(tuple, en_pars))
        preview, self._preview = self._preview, None
        if preview is not None and not dry_run and preview[0] == texts:
            return preview[1]
        alignment = self._aligned(ar_pars, en_pars, texts)
        if dry_run:
            self._preview = (texts, alignment)
        return alignment

    def _aligned(self, ar_pars: list[list[str]], en_pars: list[list[str]],
                 texts: tuple[object, ...]) -> Alignment:
        """:meth:`align`'s alignment, computed again only when its inputs changed."""
        glossary = self.terms.glossary()
        lexicon, pairs = self.dictionaries.lexicon(), self.dictionaries.training_pairs()
        key = (
            *texts, tuple((e.term, e.rendering, e.forbidden) for e in glossary.entries),
            lexicon, tuple(pairs),
        )
        if self._last_alignment is not None and self._last_alignment[0] == key:
            return self._last_alignment[1]
        alignment = align_paragraphs(  # flags warned of by the import, once it placed all
            ar_pars, en_pars, glossary=glossary if len(glossary) else None,
            lexicon=lexicon, pairs=pairs, warn_flagged=False,
        )
        release_free()  # the aligner's arrays: the links are stored as Python objects
        alignment.warnings.extend(
            f"dictionary {name!r} {problem}: aligned without it"
            for name, problem in self.dictionaries.unusable())
        self._last_alignment = (key, alignment)
        return alignment

    def _store_version(
        self,
        vid: int,
        alignment: Alignment,
        sentences: list[tuple[int, str]],
        seg_ids: list[int],
    ) -> dict[int, str]:
        q_versions.store_alignment(
            self.context.db, vid, sentences, seg_ids, alignment.links, alignment.confidence
        )
        texts: dict[int, str] = {}
        for ar, en in alignment.links:
            joined = " ".join(sentences[e][1] for e in en)
            for a in ar:
                texts[seg_ids[a]] = joined
        q_versions.put_translations(self.context.db, vid, texts.items())
        return texts

    def _import_working(
        self,
        document: Document,
        alignment: Alignment,
        sentences: list[tuple[int, str]],
        seg_ids: list[int],
        source_path: str | None,
        overwrite: str | None,
        fill: FillReport,
    ) -> list[str]:
        """Fill the working translation from ``alignment`` (finished work protected); the
        warnings about links left alone."""
        db = self.context.db
        current = {
            r["id"]: r for r in q_docs.segments_page(
                db, document.id, self.catalog.working_id(document), 0, 1 << 62
            )
        }
        wanted: dict[int, tuple[str, str]] = {}
        draft, new = Status.DRAFT.value, Status.NEW.value
        for ar, en in alignment.links:
            if ar:
                # A many-to-one link puts the English in its first segment, once.
                texts = [" ".join(sentences[e][1] for e in en)] + [""] * (len(ar) - 1)
                for a, text in zip(ar, texts, strict=True):
                    sid = seg_ids[a]
                    # A segment the file has no English for (a translation of another part
                    # of the document) keeps its own: the file does not say it is empty.
                    if not en or (current[sid]["target"] or "") == text:
                        fill.unchanged += 1
                        fill.joined += bool(en and not text)
                    else:
                        status = draft if text.strip() else new
                        wanted[sid] = (text, status)
        warnings = _keep_flagged_work(alignment, seg_ids, current, wanted, fill) \
            if overwrite else []
        warnings += _hold_linked_work(
            [[seg_ids[a] for a in ar] for ar, _ in alignment.links if len(ar) > 1],
            q_versions.joined_segments(db, document.id), current, wanted, overwrite,
        )
        changes = plan_fill(current, wanted, overwrite, fill)
        if fill.dry_run:
            return warnings
        vid = self.catalog.version_id(document, "working", create_working=True)
        before = q_versions.alignment_state(db, vid)
        q_versions.clear_alignment(db, vid)
        q_versions.store_alignment(
            db, vid, sentences, seg_ids, alignment.links, alignment.confidence
        )
        where = Path(source_path).name if source_path else "text"
        fill.group_id = self.changes.apply(
            document, changes, "import-translation", "import",
            f"{where} into {document.name}: {fill.describe()}",
        )
        if fill.group_id is not None:
            self.changes.keep_alignment(fill.group_id, vid, before, q_versions.alignment_data(
                sentences, seg_ids, alignment.links, alignment.confidence))
        analyze(db)
        return warnings
