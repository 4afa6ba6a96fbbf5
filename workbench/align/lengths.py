"""Sentence lengths for the length model: sentencepiece subword counts, or characters.

A small joint Arabic-English unigram model is trained in-process on the two texts (plus the
glossary), so that a length means about the same amount of text in either script. Texts too
small to train on fall back to character counts (without spaces), and so do large texts (more
than ``MAX_TRAIN_SENTENCES`` sentences on both sides together): training a model, even on a
sample of 500 of their sentences, and encoding them took 0.3-0.5 s at every size from 5,000
sentences, and character lengths align them as well or better (the scale sets and large
mixtures of the bench's sets, with the first pass's variance ``FIRST_S2``: BENCHMARKS.md,
stop 49).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np

MIN_TRAIN_CHARS = 4000
MAX_TRAIN_SENTENCES = 2000
LARGE_TEXT_UNIT = "chars (large text)"
# The length model's variance per unit in the first pass, by unit (later passes learn it from
# the first pass's links). A large text's characters take a wider one than a tiny text's: on
# five mixtures of the bench's sets (2,200-2,350 Arabic sentences), with 3.5 two lost 0.01 of
# strict F1 against sentencepiece, with 5 all five gained 0.004-0.05 (6-12 gained more, but
# left a short quoted English sentence that the Arabic joins to the one before unlinked in
# `bench import_translation`'s text, where up to 5 links it right: BENCHMARKS.md, stop 49).
FIRST_S2 = {"sentencepiece": 2.0, "chars": 3.5, LARGE_TEXT_UNIT: 5.0}


def char_lengths(sentences: Sequence[str]) -> np.ndarray:
    """Characters of each sentence, spaces not counted."""
    return np.array([len(s) - s.count(" ") for s in sentences], dtype=np.float64)


def subword_lengths(
    ar: Sequence[str], en: Sequence[str], extra: Sequence[str] = ()
) -> tuple[np.ndarray, np.ndarray, str]:
    """Lengths of both sides in joint sentencepiece units, with the unit's name.

    Falls back to characters (unit ``chars``) when the texts are too small to train a model
    or sentencepiece fails on them, and gives characters (``LARGE_TEXT_UNIT``) for large texts.
    """
    total = sum(map(len, ar)) + sum(map(len, en))
    if total < MIN_TRAIN_CHARS:
        return char_lengths(ar), char_lengths(en), "chars"
    sentences = [s for s in (*ar, *en, *extra) if s.strip()]
    if len(sentences) > MAX_TRAIN_SENTENCES:
        return char_lengths(ar), char_lengths(en), LARGE_TEXT_UNIT
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
