"""The light stems and name skeletons with their shortcuts (words no affix or prefix can come
off, the one-letter skeleton rules as a table) equal the plain rules, tried in order."""

from __future__ import annotations

import random
import re

from workbench.text import stems, translit

_NAMES = [
    "Mississippi", "Kerensky", "Kornilov", "Tchaikovsky", "Schumann", "Shostakovich", "Zhukov",
    "Khrushchev", "Ghana", "Hugh", "Philip", "Thomas", "Jack", "Quentin", "Young", "Angela",
    "Cecil", "Xavier", "O'Neill", "Moscow’s", "Chelsea", "Cheng", "Singh", "Wright", "Knight",
    "Ngozi", "Mangoes", "Backgammon", "Acquired", "Yangtze", "Ghent", "Tchad",
]


def _words(letters: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(letters) for _ in range(rng.randrange(9))) for _ in range(count)]


def _arabic_stem(word: str) -> str:
    for p in stems._AR_PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3:
            word = word[len(p):]
            break
    for s in stems._AR_SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= 3:
            return word[: -len(s)]
    return word


def _english_stem(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""),
                         ("ly", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: -len(suffix)] + repl
    return word


_ALL_RULES = re.compile("|".join(f"({p})" for p, _ in translit._EN_RULES))


def _english_skeleton(word: str) -> str:
    w = word.lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    w = re.sub(r"[^a-z]", "", w)
    out = _ALL_RULES.sub(lambda m: translit._EN_RULES[m.lastindex - 1][1], w)  # type: ignore[operator]
    return re.sub(r"(.)\1+", r"\1", out)


def _arabic_skeletons(word: str) -> tuple[str, ...]:
    word = word.replace("تش", "ش")
    forms = [word] + [word[len(p):] for p in translit._AR_PREFIXES
                      if word.startswith(p) and len(word) - len(p) >= 3]
    out: list[str] = []
    for form in forms:
        sk = re.sub(r"(.)\1+", r"\1", form.translate(translit._AR_TABLE))
        if sk and sk not in out:
            out.append(sk)
    return tuple(out)


def test_arabic_stems_and_skeletons_equal_the_plain_rules() -> None:
    words = [*_words("وفبكلاسهنمةيتدعشرأ", 10_000, 1), "والكتاب", "للمدرسة", "تشيلسي", "كيرينسكي"]
    for w in words:
        assert stems.arabic_stem(w) == _arabic_stem(w), w
        assert translit.arabic_skeletons(w) == _arabic_skeletons(w), w


def test_english_stems_and_skeletons_equal_the_plain_rules() -> None:
    words = [*_words("abcdefghijklmnopqrstuvwxyz", 5_000, 2), *_NAMES,
             *_words("aeioushgnctpkqxyzdlr'’-", 5_000, 3)]
    for w in words:
        assert stems.english_stem(w.lower()) == _english_stem(w.lower()), w
        assert translit.english_skeleton(w) == _english_skeleton(w), w
        assert translit.english_skeleton(w.capitalize() + "’s") == _english_skeleton(
            w.capitalize() + "’s"), w
