"""How much of a translation the dictionary evidence finds (stop 55): for every gold link of the
literary sets, each Arabic content word of its Arabic side, looked up as the aligner looks it up
(:func:`workbench.align.dictionary.word_translations`) and counted as

- *found in the dictionary*: a headword matches it (its own senses, not a related headword's);
- *translated somewhere in the English text*: its senses (or a related headword's) give a stem
  of the English text: the aligner keeps it as evidence;
- *translated in their own link*: they give a stem of the link's own English sentences;
- *translated only in a neighbouring link*: they give one of the gold links just before or after
  it and none of its own (evidence that pulls towards a wrong link).

Shares of the content words, with the built-in basic vocabulary alone (what ``workbench align``
uses without a dictionary) and with FreeDict's ara-eng behind it (when Debian's package is
installed).

Then how right the matches are (stop 56): each English stem such a word's senses give in the
English text is a match; its *own-link share* is the share of the matches met in the link's own
English among those met there or only in a neighbouring link, by kind: senses that are English
function words (:data:`FUNCTION_WORDS`: upon, himself, because...), words whose headword is an
Arabic particle (``AR_STOP`` or :data:`PARTICLES`: كل, على, مثل, نفسه...), senses of a related
headword, and the other words' senses. ``python -m bench evidence``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bench.align import FREEDICT, Link, fisherman_set, frame_set, hayy2_set, hayy_set, nights_set
from bench.common import Row, skipped
from workbench.align.dictionary import (
    Glosser,
    WithBasic,
    basic_vocabulary,
    content_key,
    lookup_words,
    text_forms,
    word_translations,
)
from workbench.text.normalize import normalize_arabic
from workbench.text.stems import AR_STOP, english_content_stems, english_stem

FOUND, IN_TEXT, OWN, NEIGHBOUR = (
    "found in the dictionary", "translated somewhere in the English text",
    "translated in their own link", "translated only in a neighbouring link")
KINDS = (FOUND, IN_TEXT, OWN, NEIGHBOUR)


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a literal list."""
    return text.split()


# English words that a sense may be and that say little of a sentence: pronouns, conjunctions,
# prepositions, quantifiers and the most general words the stop list keeps (as stems)
FUNCTION_WORDS = frozenset(map(english_stem, _words("""upon unto every himself herself itself
    themselves myself yourself ourselves because like much many one thing made make whole same
    till until though although since thus therefore yet ever never even still already again
    whether either neither another something anything nothing everything someone anyone none""")))
# Arabic particles and pronoun forms that the stop list leaves out (normalised)
PARTICLES = frozenset(map(normalize_arabic, _words("""لما فلما بما إنما لك بي لي لأن مثل نفس نفسه
    إياه إياها عليه عندي عنده إذ حينئذ كذلك هكذا لكي كي قط فقط""")))
FUNCTION, PARTICLE, RELATED_SENSE, OTHER = (
    "senses that are English function words", "words whose headword is an Arabic particle",
    "senses of a related headword", "the other words' senses")
MATCH_KINDS = (FUNCTION, PARTICLE, RELATED_SENSE, OTHER)
TEXTS = (("hayy", hayy_set), ("hayy2", hayy2_set), ("nights", nights_set),
         ("fisherman", fisherman_set), ("frame", frame_set))


def recall_counts(ar: Sequence[str], en: Sequence[str], gold: Sequence[Link],
                  glosser: Glosser) -> Counter[str | tuple[str, str]]:
    """The number of Arabic content words of the gold links that have two sides (``words``),
    and of each of :data:`KINDS` among them (a word counted once a sentence); and for each of
    :data:`MATCH_KINDS` its matches (``(kind, "matches")``), those in the link's own English
    (``(kind, OWN)``) and those only in a neighbouring link's (``(kind, NEIGHBOUR)``)."""
    stems = [english_content_stems(e) for e in en]
    forms = text_forms({s for row in stems for s in row})
    links = [(a, e) for a, e in gold if a and e]
    sides = [{s for j in e for s in stems[j]} for _, e in links]
    out: Counter[str | tuple[str, str]] = Counter()
    for k, (a, _) in enumerate(links):
        near = set().union(*sides[max(0, k - 1):k], *sides[k + 1:k + 2]) - sides[k]
        for i in a:
            for word in dict.fromkeys(lookup_words(ar[i])):
                if not content_key(word):
                    continue
                out["words"] += 1
                out[FOUND] += bool(glosser.glosses(word))
                key, translations, strength = word_translations(word, glosser, forms)
                if not key:
                    continue
                out[IN_TEXT] += 1
                if sides[k].intersection(translations):
                    out[OWN] += 1
                elif near.intersection(translations):
                    out[NEIGHBOUR] += 1
                for stem in translations:
                    kind = _match_kind(key, stem, strength)
                    out[kind, "matches"] += 1
                    if stem in sides[k]:
                        out[kind, OWN] += 1
                    elif stem in near:
                        out[kind, NEIGHBOUR] += 1
    return out


def _match_kind(key: str, stem: str, strength: float) -> str:
    """Which of :data:`MATCH_KINDS` a word's match is (its headword key, the English stem)."""
    if stem in FUNCTION_WORDS:
        return FUNCTION
    if key in AR_STOP or key in PARTICLES:
        return PARTICLE
    return RELATED_SENSE if strength < 1 else OTHER


def _rows(label: str, glosser: Glosser) -> list[Row]:
    total: Counter[str | tuple[str, str]] = Counter()
    rows = []
    for name, text in TEXTS:
        counts = recall_counts(*text(), glosser)
        total += counts
        rows.append(Row(f"{label}: Arabic words {OWN}, {name}", counts[OWN] / counts["words"],
                        "share"))
    rows += [Row(f"{label}: Arabic words {kind}, the five texts", total[kind] / total["words"],
                 "share") for kind in KINDS]
    for kind in MATCH_KINDS:
        own, near = total[kind, OWN], total[kind, NEIGHBOUR]
        rows.append(Row(f"{label}: own-link share of the matches of {kind}, the five texts "
                        f"({own} own, {near} only a neighbour's, of {total[kind, 'matches']})",
                        own / (own + near) if own + near else 0.0, "share"))
    return rows


def run() -> list[Row]:
    """The shares with the basic vocabulary, then with FreeDict behind it."""
    basic = basic_vocabulary()
    rows = _rows("basic vocabulary", basic)
    if not FREEDICT.exists():
        return [*rows, skipped("with FreeDict: dict-freedict-ara-eng not installed")]
    from workbench.dictionary import open_lexicon

    return rows + _rows("with FreeDict", WithBasic(open_lexicon([FREEDICT]), basic))
