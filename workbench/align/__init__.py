"""Pure bilingual sentence alignment."""

from workbench.align.model import Alignment
from workbench.align.aligner import align_paragraphs, align_sentences

__all__ = ["Alignment", "align_paragraphs", "align_sentences"]
