"""``workbench segment`` and ``workbench align``: the text engine on plain files (no project)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from workbench.cli.app import FilePath, abbreviations_option, main
from workbench.collector import gc_paused

if TYPE_CHECKING:
    from workbench.text.segment import Abbreviations


@main.command()
@click.argument("file", type=FilePath())
@click.option("--lang", type=click.Choice(["ar", "en"]), required=True,
              help="The language of FILE.")
@abbreviations_option
def segment(file: str, lang: str, abbreviations: str | None) -> None:
    """Print FILE one sentence per line, a blank line between paragraphs.

    A newline (or U+2029) in FILE ends a paragraph, unless FILE is hard-wrapped (an e-text in
    lines of about 70 characters: its blank-line blocks are the paragraphs); nothing but whitespace,
    and lines of nothing but invisible marks (a right-to-left mark alone), is added or dropped.
    The text is read as `import` (Arabic) or `import-translation` (English) reads it: a
    preview of their segments (a DOCX, ODT, HTML, Markdown or EPUB document by its filter:
    the Arabic with the inline tags `import` keeps, the English without its formatting).
    """
    from workbench.filters import source_format_for
    from workbench.text.segment import load_abbreviations, segment_paragraphs, split_paragraphs
    from workbench.textio import document_text, read_text, without_joined_boms

    extra = load_abbreviations(abbreviations) if abbreviations else None
    if not source_format_for(file).plain:
        paragraphs = _document_sentences(file, lang, extra)
    else:
        text = read_text(file)
        text = document_text(text, file) if lang == "ar" else without_joined_boms(text)
        paragraphs = segment_paragraphs(split_paragraphs(text), lang, abbreviations=extra)
    click.echo("\n\n".join("\n".join(sentences) for sentences in paragraphs))


def _document_sentences(file: str, lang: str, extra: Abbreviations | None) -> list[list[str]]:
    """The sentences of a DOCX, ODT, HTML, Markdown or EPUB document by paragraph, as `import`
    segments it (Arabic: its inline tags kept) or `import-translation` reads it (English)."""
    from workbench.filters import read_source, source_format_for
    from workbench.filters.segmenting import segment_block
    from workbench.project.importing import read_translation
    from workbench.text.segment import (
        Segmenter,
        has_visible_text,
        segment_paragraphs,
        split_paragraphs,
    )

    if lang == "en":
        text = read_translation(file)[0]
        return segment_paragraphs(split_paragraphs(text), lang, abbreviations=extra)
    segmenter = Segmenter(extra) if extra else None
    source = read_source(file, source_format_for(file).name)
    blocks = (segment_block(block, "ar", segmenter)[0] for block in source.blocks)
    return [kept for kept in ([s for s in b if has_visible_text(s)] for b in blocks) if kept]


@main.command()
@click.argument("ar_file", type=FilePath())
@click.argument("en_file", type=FilePath())
@click.option("--presegmented", is_flag=True,
              help="Each line of each file is one segment (else both are segmented first).")
@click.option("--format", "fmt", type=click.Choice(["json", "tsv"]), default="json",
              show_default=True)
@click.option("--glossary", "glossary_file", type=FilePath(),
              help="A glossary.tsv whose terms serve as anchors.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(readable=False),
              help="A bilingual dictionary (dictd, StarDict, DSL, TEI, TSV; any file of its "
                   "set) whose word translations serve as evidence (repeatable). Without "
                   "one, a built-in basic vocabulary serves (up to 2,000 sentences a side, "
                   "or a free translation of any length).")
# (no cyclic collection from the imports to the output: the aligner pauses it, and after it
# the links' lists and the output's lines made it walk the objects the alignment left alive
# again and again, 21 ms of gen-1 collections at 10,000 lines, 12 ms more in the imports;
# nor one after it, which walked them once more)
@gc_paused(oldest=True)
def align(ar_file: str, en_file: str, presegmented: bool, fmt: str,
          glossary_file: str | None, dictionaries: tuple[str, ...]) -> None:
    """Align an Arabic and an English text: links of sentences (or lines), with confidence.

    Either may be a DOCX, ODT, HTML, Markdown or EPUB document, read as its paragraphs (its
    headers, footers, alt texts, tables of contents and an HTML page's title left out).

    JSON: {"links": [[[0], [0]], [[1], [1, 2]], ...], "confidence": [...]} with 0-based
    indices; without --presegmented also "ar" and "en", the sentences. TSV: one link a line.
    Paragraphs are paired before sentences where the texts share their paragraph structure.
    With --presegmented, a line that starts with a space or a tab (indented more than the first
    line) continues the paragraph of the line before: paragraphs are then aligned as units,
    and links keep them whole.
    """
    _one_blas_thread()
    from workbench.align import align_paragraphs, align_sentences
    from workbench.align.aligner import continuation_lines
    from workbench.collector import uncollected_at_exit
    from workbench.text.script import require_language
    from workbench.wording import plural

    ar_text = _text_of(ar_file)
    en_text = _text_of(en_file)
    require_language(ar_text, "ar", ar_file)
    require_language(en_text, "en", en_file)
    glossary = None
    if glossary_file:
        from workbench.glossary.tsv import read_tsv

        glossary = read_tsv(glossary_file)
    lexicon = None
    if dictionaries:
        from workbench.dictionary import open_lexicon

        lexicon = open_lexicon(list(dictionaries))
    if presegmented:
        ar, en = ar_text.split("\n"), en_text.split("\n")
        # blank lines are no segments: the others are aligned, their indices kept
        ar_at = [i for i, line in enumerate(ar) if line.strip()]
        en_at = [i for i, line in enumerate(en) if line.strip()]
        ar_lines, en_lines = [ar[i] for i in ar_at], [en[i] for i in en_at]
        result = align_sentences(
            ar_lines, en_lines, glossary=glossary, lexicon=lexicon,
            continues=(continuation_lines(ar_lines), continuation_lines(en_lines)))
        result.links = [([ar_at[i] for i in a], [en_at[j] for j in e]) for a, e in result.links]
        few, many = sorted((len(ar_at), len(en_at)))
        if many > 3 * few + 2:
            result.warnings.append(
                f"{ar_file} has {plural(len(ar_at), 'line')} and {en_file} {len(en_at):,}: with "
                "--presegmented each line is a segment (one file a paragraph a line and the "
                "other a sentence a line? without --presegmented both are segmented)")
    else:
        from workbench.text.segment import segment_paragraphs, split_paragraphs

        ar_pars = segment_paragraphs(split_paragraphs(ar_text), "ar")
        en_pars = segment_paragraphs(split_paragraphs(en_text), "en")
        ar = [s for p in ar_pars for s in p]
        en = [s for p in en_pars for s in p]
        result = align_paragraphs(ar_pars, en_pars, glossary=glossary, lexicon=lexicon)
    uncollected_at_exit()  # the exit's last garbage collections: 27 ms after 5,000 lines
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if fmt == "json":
        data: dict[str, Any] = {
            "links": [[list(a), list(e)] for a, e in result.links],
            "confidence": result.confidence,
        }
        if not presegmented:
            data["ar"] = ar
            data["en"] = en
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    # one write (an echo a line flushed each: 5,000 writes for 5,000 links)
    click.echo("\n".join(["ar\ten\tconfidence\tarabic\tenglish", *[
        f"{_numbers(a)}\t{_numbers(e)}\t{conf:.4f}\t{_text(a, ar)}\t{_text(e, en)}"
        for (a, e), conf in zip(result.links, result.confidence, strict=True)]]))


def _one_blas_thread() -> None:
    """Before NumPy loads (in a process of its own, the user's ``OPENBLAS_NUM_THREADS``
    kept): OpenBLAS on one thread. The aligner multiplies no matrices worth threads, and
    starting OpenBLAS's threads with NumPy cost 70 ms of CPU (0.18 → 0.11 s for ``import
    numpy`` on two cores), a fifteenth of a 5,000-line alignment's command."""
    import os
    import sys

    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _text_of(path: str) -> str:
    """A text file as it is; a DOCX, ODT, HTML, Markdown or EPUB document as its paragraphs,
    one a line (headers, footers, alt texts, tables of contents and an HTML page's title left
    out)."""
    from workbench.errors import InputError
    from workbench.filters import source_format_for

    spec = source_format_for(path)
    if spec.bilingual:
        raise InputError(path, f"{spec.description}: a bilingual file, not a text to align "
                               "(`workbench import` reads it with its own segments)")
    if spec.plain:
        from workbench.textio import read_text

        return read_text(path)
    from workbench.project.importing import read_translation

    return read_translation(path)[0]


def _numbers(side: list[int]) -> str:
    """A link's side as a TSV cell: its line numbers, comma-separated."""
    return str(side[0]) if len(side) == 1 else ",".join(map(str, side))


def _text(side: list[int], lines: list[str]) -> str:
    """A link's side as a TSV cell: its lines joined, white space collapsed (:func:`_cell`)."""
    return _cell(lines[side[0]] if len(side) == 1 else " ".join([lines[k] for k in side]))


def _cell(text: str) -> str:
    """``text`` with each run of whitespace one space, none at its ends (a TSV cell)."""
    # Printable text has no whitespace but the space (tabs, line breaks, no-break and other
    # spaces are not printable): most sentences are taken as they are, not split and joined.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())
