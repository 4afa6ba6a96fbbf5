"""The MQM-Core error typology as ids, and the severities with their default weights.

Seven dimensions, each with the subtypes of the MQM-Core typology (themqm.org, edition of
2024-03-07), written ``dimension/subtype`` with MQM's own mnemonic ids for the subtypes
(``accuracy/mistranslation``, ``linguistic-conventions/spelling``, ``terminology/termbase``...).
A dimension alone is a category too (``style``). MQM's older dimension ids (``fluency``,
``verity``, ``design``, ``locale-convention``) are accepted as aliases.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.errors import WorkbenchError


@dataclass(frozen=True)
class Category:
    """One error type: its id, its MQM name and persistent id (PID)."""

    id: str
    name: str
    pid: str

    @property
    def dimension(self) -> str:
        """The dimension the type belongs to (itself for a dimension)."""
        return self.id.split("/", 1)[0]


_TYPOLOGY: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("terminology", "Terminology", "MQMC_000000", (
        ("termbase", "Inconsistent with terminology resource", "MQMC_001000"),
        ("term-inconsistency", "Inconsistent use of terminology", "MQMC_002000"),
        ("wrong-term", "Wrong term", "MQMC_003000"),
    )),
    ("accuracy", "Accuracy", "MQMC_100000", (
        ("mistranslation", "Mistranslation", "MQMC_101000"),
        ("over-translation", "Overtranslation", "MQMC_102000"),
        ("under-translation", "Undertranslation", "MQMC_103000"),
        ("addition", "Addition", "MQMC_104000"),
        ("omission", "Omission", "MQMC_105000"),
        ("no-translate", "Do not translate", "MQMC_107000"),
        ("untranslated", "Untranslated", "MQMC_108000"),
    )),
    ("linguistic-conventions", "Linguistic conventions", "MQMC_200000", (
        ("grammar", "Grammar", "MQMC_201000"),
        ("punctuation", "Punctuation", "MQMC_202000"),
        ("spelling", "Spelling", "MQMC_204000"),
        ("unintelligible", "Unintelligible", "MQMC_211000"),
        ("character-encoding", "Character encoding", "MQMC_212000"),
        ("textual-conventions", "Textual conventions", "MQMC_214000"),
    )),
    ("style", "Style", "MQMC_300000", (
        ("company-style", "Organization style", "MQMC_301000"),
        ("third-party-style", "Third-party style", "MQMC_302000"),
        ("inconsistent-external-reference", "Inconsistent with external reference",
         "MQMC_303000"),
        ("register", "Language register", "MQMC_304000"),
        ("awkward", "Awkward style", "MQMC_305000"),
        ("unidiomatic", "Unidiomatic style", "MQMC_306000"),
        ("inconsistent-style", "Inconsistent style", "MQMC_307000"),
    )),
    ("locale-conventions", "Locale conventions", "MQMC_400000", (
        ("number-format", "Number format", "MQMC_401000"),
        ("currency-format", "Currency format", "MQMC_402000"),
        ("measurement-format", "Measurement format", "MQMC_403000"),
        ("time-format", "Time format", "MQMC_404000"),
        ("date-format", "Date format", "MQMC_405000"),
        ("address-format", "Address format", "MQMC_408000"),
        ("telephone-format", "Telephone format", "MQMC_410000"),
        ("shortcut-key", "Shortcut key", "MQMC_413000"),
    )),
    ("audience-appropriateness", "Audience appropriateness", "MQMC_500000", (
        ("culture-specific", "Culture-specific reference", "MQMC_501000"),
        ("offensive", "Offensive", "MQMC_502000"),
    )),
    ("design-and-markup", "Design and markup", "MQMC_600000", (
        ("local-formatting", "Character formatting", "MQMC_601000"),
        ("overall-design", "Layout", "MQMC_602000"),
        ("markup", "Markup tag", "MQMC_604000"),
        ("truncation-text-expansion", "Truncation/text expansion", "MQMC_605000"),
        ("missing-text", "Missing text", "MQMC_606000"),
        ("broken-link", "Link/cross-reference", "MQMC_607000"),
    )),
)

#: every category, dimensions first in each group, in typology order
CATEGORIES: dict[str, Category] = {}
for _dim, _name, _pid, _subtypes in _TYPOLOGY:
    CATEGORIES[_dim] = Category(_dim, _name, _pid)
    for _sub, _sub_name, _sub_pid in _subtypes:
        CATEGORIES[f"{_dim}/{_sub}"] = Category(f"{_dim}/{_sub}", _sub_name, _sub_pid)

#: the seven dimension ids, in order
DIMENSIONS: tuple[str, ...] = tuple(d for d, *_ in _TYPOLOGY)

#: MQM's own dimension ids (and a few spellings) → ours
ALIASES: dict[str, str] = {
    "fluency": "linguistic-conventions",
    "linguistic": "linguistic-conventions",
    "verity": "audience-appropriateness",
    "audience": "audience-appropriateness",
    "design": "design-and-markup",
    "locale-convention": "locale-conventions",
    "locale": "locale-conventions",
}

SEVERITIES: tuple[str, ...] = ("neutral", "minor", "major", "critical")
DEFAULT_WEIGHTS: dict[str, float] = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
DEFAULT_THRESHOLD = 99.0


def category_id(text: str) -> str:
    """The category id ``text`` names (case, spaces and MQM's dimension ids tolerated);
    an error listing the dimensions when it names none."""
    dimension, subtype = (
        "-".join(part.lower().replace("_", "-").split()) for part in text.partition("/")[::2]
    )
    dimension = ALIASES.get(dimension, dimension)
    value = f"{dimension}/{subtype}" if subtype else dimension
    if value in CATEGORIES:
        return value
    if dimension in DIMENSIONS:
        subtypes = [c.split("/", 1)[1] for c in CATEGORIES if c.startswith(f"{dimension}/")]
        raise WorkbenchError(
            f"unknown LQA category {text!r} ({dimension}/ takes: {', '.join(subtypes)})"
        )
    raise WorkbenchError(
        f"unknown LQA category {text!r} (dimensions: {', '.join(DIMENSIONS)}; "
        "see workbench lqa categories)"
    )


def severity_name(text: str) -> str:
    """The severity ``text`` names; an error listing them otherwise."""
    value = text.strip().lower()
    if value not in SEVERITIES:
        raise WorkbenchError(f"unknown LQA severity {text!r} (use {', '.join(SEVERITIES)})")
    return value
