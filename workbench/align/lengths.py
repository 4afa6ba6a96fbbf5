"""Sentence lengths for the length model: sentencepiece subword counts, or characters.

A small joint Arabic-English unigram model is trained in-process on the two texts (plus the
glossary), so that a length means about the same amount of text in either script. Texts too
small to train on fall back to character counts (without spaces), and so do large texts (more
than ``MAX_TRAIN_SENTENCES`` sentences on both sides together): training a model, even on a
sample of 500 of their sentences, and encoding them took 0.3-0.5 s of CPU at every size from
5,000 sentences, and character lengths align them as well (the scale sets as well or better,
``bench import_translation``'s text link for link; large mixtures of the bench's sets better
in five of eight, mean strict F1 0.700 -> 0.755: BENCHMARKS.md, stop 49).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

MIN_TRAIN_CHARS = 4000
MAX_TRAIN_SENTENCES = 2000


def char_lengths(sentences: Sequence[str]) -> np.ndarray:
    """Characters of each sentence, spaces not counted."""
    return np.array([len(s) - s.count(" ") for s in sentences], dtype=np.float64)


def subword_lengths(
    ar: Sequence[str], en: Sequence[str], extra: Sequence[str] = ()
) -> tuple[np.ndarray, np.ndarray, str]:
    """Lengths of both sides in joint sentencepiece units, with the unit's name (read-only
    arrays: the same texts' lengths are kept for the next call, see ``_trained``).

    Falls back to characters (unit ``chars``) when the texts are too small to train a model
    or sentencepiece fails on them, and for large texts.
    """
    if len(ar) + len(en) + len(extra) > MAX_TRAIN_SENTENCES:  # a large text: not kept
        return _lengths(ar, en, extra)
    return _trained(tuple(ar), tuple(en), tuple(extra))


# An alignment's passes make an aligner for the same texts twice (the search again with the
# cues its links teach: frame's 79 / 96 sentences train 6 models of 3 texts, 0.4 s of CPU
# each), and the survival runs (stability) each of theirs: the lengths of the texts last seen
# are kept. The model is trained on the texts alone, so the lengths are the same.
@lru_cache(maxsize=8)
def _trained(
    ar: tuple[str, ...], en: tuple[str, ...], extra: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray, str]:
    la, le, unit = _lengths(ar, en, extra)
    la.flags.writeable = le.flags.writeable = False
    return la, le, unit


def _lengths(
    ar: Sequence[str], en: Sequence[str], extra: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, str]:
    total = sum(map(len, ar)) + sum(map(len, en))
    if total < MIN_TRAIN_CHARS:
        return char_lengths(ar), char_lengths(en), "chars"
    sentences = [s for s in (*ar, *en, *extra) if s.strip()]
    if len(sentences) > MAX_TRAIN_SENTENCES:
        return char_lengths(ar), char_lengths(en), "chars"
    try:
        import sentencepiece as spm

        vocab = int(min(1000, max(200, total // 2000)))
        model = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(sentences),
            model_writer=model,
            vocab_size=vocab,
            hard_vocab_limit=False,
            model_type="unigram",
            character_coverage=1.0,
            num_threads=2,
            minloglevel=3,
            max_sentence_length=20000,
        )
        sp = spm.SentencePieceProcessor(model_proto=model.getvalue())
        la = np.array([len(x) for x in sp.encode(list(ar))], dtype=np.float64)
        le = np.array([len(x) for x in sp.encode(list(en))], dtype=np.float64)
        return la, le, "sentencepiece"
    except Exception:  # a model that cannot be trained on odd input: characters will do
        return char_lengths(ar), char_lengths(en), "chars"
