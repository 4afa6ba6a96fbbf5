"""The result of an alignment."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Alignment:
    """Links in document order: each is (Arabic indices, English indices), 0-based.

    Every index of both sides appears in exactly one link; a side may be empty.
    ``confidence`` holds one value in [0, 1] per link. ``warnings`` says what looked wrong
    (e.g. texts that do not seem to translate each other); ``related`` how clearly they
    translate each other (0–1; below 0.5 a warning says so). ``left_out``: sentences that
    look left out of the other text though their link holds them, as ("ar" or "en", index),
    their links flagged.
    """

    links: list[tuple[list[int], list[int]]] = field(default_factory=list)
    confidence: list[float] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    related: float = 1.0
    left_out: list[tuple[str, int]] = field(default_factory=list)

    def shifted(self, ar_offset: int, en_offset: int) -> Alignment:
        """The same links with both sides' indices moved by the given offsets."""
        return Alignment(
            [([a + ar_offset for a in ar], [e + en_offset for e in en]) for ar, en in self.links],
            list(self.confidence),
            list(self.warnings),
            self.related,
            [(side, i + (ar_offset if side == "ar" else en_offset)) for side, i in self.left_out],
        )

    def extend(self, other: Alignment) -> None:
        """Append another alignment's links (already offset)."""
        self.links.extend(other.links)
        self.confidence.extend(other.confidence)
        self.warnings.extend(w for w in other.warnings if w not in self.warnings)
        self.left_out.extend(other.left_out)
