"""Plain text: the English alone, one paragraph per line (the deliverable text), without the
inline tags of a client document (an empty one, a line break, read as a space)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from itertools import groupby
from typing import BinaryIO

from workbench.formats.model import ExportHeader, Unit
from workbench.text.tags import strip_tags


def write_txt(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write the English of each paragraph on one line; return how many units had English."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    count = 0
    for _, members in groupby(units, key=lambda u: u.paragraph):
        sentences = []
        for unit in members:
            english = " ".join(strip_tags(unit.target, empty=" ").split())
            if english:
                sentences.append(english)
                count += 1
        if sentences:
            text.write(" ".join(sentences) + "\n")
    text.flush()
    text.detach()
    return count
