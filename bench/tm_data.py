"""A large, varied translation memory built from the repository's parallel text.

Base pairs: NTREX-128 and TICO-19 (line-aligned Arabic/English) and the sample's sentences
with their reference translation (from the sample project's alignment). Each unit is a base
pair (or two joined) varied at random: word order shuffled inside small windows, numbers
changed or added (ASCII or Arabic-Indic digits), clitics (و ف ب ل ال) added to words, the
sentence cut short. Units are distinct (a set of source hashes), so a million of them are a
million different sentences over a realistic vocabulary.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from pathlib import Path

from bench.common import DATA, ROOT

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_NUMBER = re.compile(r"\d+")
CLITICS = ("و", "ف", "ب", "ل", "ال", "وال", "بال")


def base_pairs() -> list[tuple[str, str]]:
    """The (Arabic, English) sentence pairs of the corpora and the sample."""
    pairs: list[tuple[str, str]] = []
    for name in ("ntrex128", "tico19"):
        ar = (DATA / name / "ar.txt").read_text(encoding="utf-8").splitlines()
        en = (DATA / name / "en.txt").read_text(encoding="utf-8").splitlines()
        pairs += [(a.strip(), e.strip()) for a, e in zip(ar, en, strict=True) if a.strip()]
    pairs += _sample_pairs()
    return pairs


def _sample_pairs() -> list[tuple[str, str]]:
    import tempfile

    from workbench.project import Project
    from workbench.project.sample import build_sample

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "sample.db"
        build_sample(db, folder=ROOT)
        with Project.open(db) as project:
            out = []
            for seg in project.segments(limit=1000):
                english = project.version_text(seg.id, "reference:main")
                if english:
                    out.append((seg.source, english))
    return out


def _shuffle_windows(words: list[str], rng: random.Random) -> list[str]:
    out = list(words)
    size = rng.choice((2, 3, 4))
    for start in range(0, len(out) - size + 1, size * 2):
        window = out[start : start + size]
        rng.shuffle(window)
        out[start : start + size] = window
    return out


def vary(pairs: list[tuple[str, str]], rng: random.Random) -> tuple[str, str]:
    """One varied unit."""
    ar, en = rng.choice(pairs)
    if rng.random() < 0.25:
        ar2, en2 = rng.choice(pairs)
        ar, en = f"{ar} {ar2}", f"{en} {en2}"
    words = ar.split()
    if rng.random() < 0.5:
        words = _shuffle_windows(words, rng)
    if rng.random() < 0.5:
        words = [
            rng.choice(CLITICS) + w if rng.random() < 0.15 and not w.startswith("ال") else w
            for w in words
        ]
    if rng.random() < 0.3 and len(words) > 6:
        keep = rng.randint(len(words) // 2, len(words) - 1)
        if rng.random() < 0.5:
            words = words[:keep]
            en = " ".join(en.split()[: max(1, len(en.split()) * keep // len(ar.split()))])
        else:
            words = words[len(words) - keep :]
            en = " ".join(en.split()[-max(1, len(en.split()) * keep // len(ar.split())) :])
    ar = " ".join(words)
    number = str(rng.randint(1, 99_999))
    if _NUMBER.search(ar) and rng.random() < 0.6:
        ar = _NUMBER.sub(number, ar, count=1)
        en = _NUMBER.sub(number, en, count=1)
    elif rng.random() < 0.7:
        ar, en = f"{ar} ({number})", f"{en} ({number})"
    if rng.random() < 0.2:
        ar = ar.translate(ARABIC_DIGITS)
    return ar, en


def units(count: int, seed: int = 12) -> Iterator[tuple[str, str]]:
    """``count`` distinct varied units."""
    rng = random.Random(seed)
    pairs = base_pairs()
    seen: set[bytes] = set()
    while len(seen) < count:
        ar, en = vary(pairs, rng)
        key = hashlib.blake2b(ar.encode("utf-8"), digest_size=8).digest()
        if key in seen:
            continue
        seen.add(key)
        yield ar, en


def write_tmx(path: Path, count: int, seed: int = 12) -> Path:
    """Write ``count`` units as a TMX in the shape memoQ/Trados exports have (regional
    language codes, ids, dates, authors, a prop)."""
    from workbench.formats import xmlout

    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" '
            'o-tmf="bench" adminlang="en-US" srclang="ar-SA" datatype="plaintext"/>\n<body>\n'
        )
        for i, (ar, en) in enumerate(units(count, seed)):
            day = 1 + i % 28
            out.write(
                f'<tu tuid="{i + 1}" creationdate="202401{day:02d}T101500Z" '
                f'creationid="translator{i % 7}"><prop type="x-project">bench</prop>'
                f'<tuv xml:lang="ar-SA"><seg>{xmlout.text(ar)}</seg></tuv>'
                f'<tuv xml:lang="en-US"><seg>{xmlout.text(en)}</seg></tuv></tu>\n'
            )
        out.write("</body>\n</tmx>\n")
    return path


def queries(count: int, seed: int = 99) -> list[str]:
    """Lookup queries: new variants of the base sentences (most are fuzzy matches), a tenth
    the plain base sentences."""
    rng = random.Random(seed)
    pairs = base_pairs()
    out = []
    for i in range(count):
        out.append(rng.choice(pairs)[0] if i % 10 == 0 else vary(pairs, rng)[0])
    return out
