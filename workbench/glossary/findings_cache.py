"""The pair checks' results kept between whole-document checks (the TUI's reviewer, F3, and its
"has QA findings" filter): a pair whose Arabic or English changed is another pair and is
checked; a glossary or word-list change drops only the pairs it can change.

A pair's findings depend on its source and target, the glossary's term matcher, the spell
checker (the dictionary and the words the project knows) and the checks skipped. The project
builds a new matcher or spell checker when what they are made of changes, so the cache keeps
the objects its results were found with and compares them by identity; when they change it
works out which pairs the change can touch:

- glossary: the pairs whose Arabic holds a term of an entry added, removed or changed (all the
  entries of a term whose entries changed, found by a matcher of those alone: it finds every
  occurrence the project's matcher could find of them, as no longer term competes with them);
- known words (glossary renderings, the word list, the memories' English): the pairs with a
  spelling finding (a word now known, or suggestions drawn from the known words), and those
  whose English contains a word no longer known;
- anything else (another dictionary, the spelling check switched on or off, other checks
  skipped, many words gone at once): every pair.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.glossary.findings import Finding
from workbench.glossary.matcher import TermMatcher, term_key
from workbench.glossary.model import Entry, Glossary
from workbench.spelling.tokens import word_key
from workbench.text.tags import strip_tags

if TYPE_CHECKING:
    from workbench.spelling import SpellChecker

#: A finding as the cache keeps it: ``Finding``'s fields, ``expected`` as a tuple. A tuple of
#: strings and ints, which the garbage collector stops tracking (see ``workbench.tui.heap``):
#: 200,000 findings kept as ``Finding`` objects made each full collection walk them.
PlainFinding = tuple[
    str, str, str, str, "str | None", tuple[str, ...], "str | None", "tuple[int, int] | None"
]
#: A pair's entry: its pair-check findings, term occurrences in its source, occurrences
#: rendered as required, and the run that last used it.
Cached = tuple[tuple[PlainFinding, ...], int, int, int]
Pair = tuple[str, str]

#: Words no longer known above this many: every pair is checked again (a memory removed).
MAX_REMOVED_WORDS = 200


def plain_finding(finding: Finding) -> PlainFinding:
    """``finding`` as the cache keeps it."""
    return (finding.check, finding.kind, finding.severity, finding.message, finding.term,
            tuple(finding.expected), finding.found, finding.span)


def finding_of(plain: PlainFinding) -> Finding:
    """A new ``Finding`` from what the cache keeps."""
    check, kind, severity, message, term, expected, found, span = plain
    return Finding(check, kind, severity, message, term, list(expected), found, span)


@dataclass
class PairCache:
    """Pair-check results by (source, target), for one matcher, speller and skipped checks.

    ``checked`` counts the pairs the checks ran on (not answered from here): tests count it.
    Used by one thread at a time (the TUI's background thread)."""

    results: dict[Pair, Cached] = field(default_factory=dict)
    checked: int = 0
    runs: int = 0
    key: tuple[object, ...] = ()

    #: An entry not used in this many runs is dropped (an English edited since, another
    #: document's pairs, which come back checked again).
    KEEP_RUNS = 4

    def start(
        self, matcher: TermMatcher | None, speller: SpellChecker | None, skip: Collection[str]
    ) -> int:
        """Begin a run with these (dropping the results they can change); its number."""
        key = (matcher, speller, frozenset(skip))
        if self.key != () and not _same(self.key, key):
            touched = self._touched(key)
            if touched is None:
                self.results.clear()
            else:
                for pair in touched:
                    del self.results[pair]
        self.key = key  # the objects themselves: an id could be reused
        self.runs += 1
        return self.runs

    def prune(self) -> None:
        """Drop the entries the last ``KEEP_RUNS`` runs did not use."""
        oldest = self.runs - self.KEEP_RUNS
        for pair in [p for p, entry in self.results.items() if entry[3] <= oldest]:
            del self.results[pair]

    def _touched(self, key: tuple[object, ...]) -> set[Pair] | None:
        """The cached pairs whose findings the change to ``key`` can change (None: all)."""
        old_matcher, old_speller, old_skip = self.key
        matcher, speller, skip = key
        if old_skip != skip or not self.results:
            return None
        touched: set[Pair] = set()
        if old_matcher is not matcher:
            found = glossary_touched(old_matcher, matcher, self.results)  # type: ignore[arg-type]
            if found is None:
                return None
            touched |= found
        if old_speller is not speller:
            found = spelling_touched(old_speller, speller, self.results)  # type: ignore[arg-type]
            if found is None:
                return None
            touched |= found
        return touched


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    return a[0] is b[0] and a[1] is b[1] and a[2] == b[2]


def _entry_keys(entries: list[Entry]) -> list[tuple[str, str, tuple[str, ...]]]:
    """What of a term's entries the checks read, in order (``project.terms`` keeps its
    matcher while these are unchanged)."""
    return [(e.term, e.rendering, e.forbidden) for e in entries]


def _by_term(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for entry in entries:
        out.setdefault(term_key(entry.term), []).append(entry)
    return out


def glossary_touched(
    old: TermMatcher | None, new: TermMatcher | None, pairs: Iterable[Pair]
) -> set[Pair] | None:
    """The pairs whose source holds a term whose entries differ between the two matchers'
    glossaries (None: every pair, a glossary added or taken away)."""
    if old is None or new is None:
        return None
    before, after = _by_term(old.glossary.entries), _by_term(new.glossary.entries)
    changed = [
        entry
        for key in before.keys() | after.keys()
        if _entry_keys(before.get(key, [])) != _entry_keys(after.get(key, []))
        for entry in (*before.get(key, []), *after.get(key, []))
    ]
    if not changed:
        return set()
    probe = TermMatcher(Glossary(changed))
    return {pair for pair in pairs if probe.find(pair[0])}


def spelling_touched(
    old: SpellChecker | None, new: SpellChecker | None, results: Mapping[Pair, Cached]
) -> set[Pair] | None:
    """The pairs whose spelling findings can differ between the two spell checkers, which
    differ only in the words the project knows (None: every pair)."""
    if old is None or new is None:
        return None
    if (old.dictionary is not new.dictionary or old.names != new.names
            or not _same_words(old.typo_prone, new.typo_prone)):
        return None
    removed = [k for k in old.known if k not in new.known]
    if not _same_words(old.vocabulary, new.vocabulary):
        removed += [k for k in old.vocabulary if k not in new.vocabulary]
    if len(removed) > MAX_REMOVED_WORDS:
        return None
    stems = {k[:-2] if k.endswith("'s") else k for k in removed}  # Ivanov's made Ivanov known
    touched = set()
    for pair, entry in results.items():
        if any(f[0] == "spelling" for f in entry[0]):
            touched.add(pair)
        elif stems:
            text = word_key(strip_tags(pair[1]))  # a word cut by tags: "re<2>ciev</2>e"
            if any(stem in text for stem in stems):
                touched.add(pair)
    return touched


def _same_words(a: Collection[str], b: Collection[str]) -> bool:
    return a is b or a == b
