"""Pure bilingual sentence alignment."""

from workbench.align.aligner import align_paragraphs, align_sentences
from workbench.align.model import Alignment

__all__ = ["Alignment", "align_paragraphs", "align_sentences"]
