"""Pure bilingual sentence alignment.

The aligner (and numpy) are imported on first use, so that a light module of the package
(:mod:`workbench.align.tokens`, which dictionary look-ups use) does not pull them in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.align.aligner import align_paragraphs, align_sentences
    from workbench.align.model import Alignment

__all__ = ["Alignment", "align_paragraphs", "align_sentences"]


def __getattr__(name: str) -> Any:
    if name in ("align_paragraphs", "align_sentences"):
        from workbench.align import aligner

        return getattr(aligner, name)
    if name == "Alignment":
        from workbench.align.model import Alignment

        return Alignment
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
