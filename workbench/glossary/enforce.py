"""Glossary enforcement on one source/target pair: required renderings and forbidden ones.

Every occurrence of a glossary term in the Arabic needs one occurrence of an accepted English
rendering (a term found twice needs its rendering twice). English spans are consumed as they
are counted, longest renderings first, so "October Revolution" is not also counted as the
"revolution" of another occurrence. A forbidden rendering (or an inflection of it) is flagged
wherever the term occurs in the Arabic, unless it lies inside an accepted rendering (its
term's, or one counted for another term: the America of Latin America). A
forbidden rendering that is itself a form of a required one (masks for mask, John Hopkins
University for Johns Hopkins University) is matched exactly as written, and where it stands
the required rendering is not counted; one that is a required one written solid (coronavirus for
corona virus) is matched in all its forms, none of them counted, and one that is a required one
written apart (corona virus for coronavirus) makes the required one count only written solid.
So is one that holds a required one among its words (vice president for president): the
required rendering inside it is not counted. A missing rendering is a warning where the English
has another form of it (disinfect for disinfection) or the Arabic writes none of a vocalised
term's vowels (عرض for عَرَض).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from workbench.glossary.english import EnglishText, find_rendering, is_inflection, is_respelling
from workbench.glossary.findings import Finding
from workbench.glossary.matcher import TermMatch, TermMatcher
from workbench.glossary.model import Entry

TERM_MISSING = "term-missing"
TERM_FORBIDDEN = "term-forbidden"


@dataclass
class TermReport:
    """Term occurrences in the source, how many were rendered as required, and the findings."""

    occurrences: int = 0
    rendered: int = 0
    findings: list[Finding] = field(default_factory=list)
    matches: list[TermMatch] = field(default_factory=list)  # the occurrences, in the source


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    a, b = span
    return any(a < e and s < b for s, e in spans)


def _quote(items: list[str]) -> str:
    return " or ".join(f"'{x}'" for x in items)


@dataclass(frozen=True)
class _Rules:
    required: list[str]  # as in the glossary, for messages
    search: tuple[str, ...]  # the required renderings, longest first
    forbidden: tuple[str, ...]  # longest first, none equal to a required rendering
    longest: int
    exact: frozenset[str] = frozenset()  # forbidden forms of a required one: matched as written
    # forbidden respellings of a required one (coronavirus of corona virus): inflected, and
    # never counted as the required one
    respelled: frozenset[str] = frozenset()
    # forbidden renderings holding a required one among their words (vice president for
    # president): inflected, and the required one inside them never counted
    wider: frozenset[str] = frozenset()
    # required one-word renderings whose spelling apart is forbidden (coronavirus, corona virus
    # forbidden): not counted where written as two words
    solid: frozenset[str] = frozenset()


# Rules per entries list (a matcher hands out the same list for every match of a term); the
# list itself is kept in the value so that its id cannot be reused while cached.
_RULES: dict[int, tuple[list[Entry], _Rules]] = {}


def _rules(entries: list[Entry]) -> _Rules:
    cached = _RULES.get(id(entries))
    if cached is not None and cached[0] is entries:
        return cached[1]
    required = list(dict.fromkeys(e.rendering for e in entries))
    allowed = {r.casefold() for r in required}
    words = dict.fromkeys(f for e in entries for f in e.forbidden)
    forbidden = tuple(
        sorted((f for f in words if f.casefold() not in allowed), key=len, reverse=True)
    )
    forms = [f for f in forbidden if any(is_inflection(f, r) for r in required)]
    respelled = frozenset(f for f in forms if any(is_respelling(f, r) for r in required))
    wider = frozenset(f for f in forbidden if f not in forms and any(
        span != (0, len(f)) for r in required for span in find_rendering(f, r)
    ))  # (a forbidden spelling the checker cannot tell from a required one is that one)
    solid = frozenset(r for r in required if any(is_respelling(r, f) for f in forbidden))
    rules = _Rules(
        required,
        tuple(sorted(required, key=len, reverse=True)),
        forbidden,
        max(map(len, required)),
        frozenset(forms) - respelled,
        respelled,
        wider,
        solid,
    )
    if len(_RULES) > 200_000:
        _RULES.clear()
    _RULES[id(entries)] = (entries, rules)
    return rules


def check_matches(
    matches: list[TermMatch], target: str, unvowelled: Collection[int] = ()
) -> TermReport:
    """Check the English ``target`` against term occurrences already found in the source;
    ``unvowelled``: the starts of occurrences of a vocalised term whose text writes none of
    its vowels (:meth:`TermMatcher.unvowelled`), rendered last and missed as a warning."""
    report = TermReport(matches=matches)
    if not matches:
        return report
    groups: dict[str, list[TermMatch]] = {}
    if unvowelled:  # the renderings found are counted for the certain occurrences first
        matches = sorted(matches, key=lambda mt: mt.start in unvowelled)
    for match in matches:
        group = groups.get(match.term)
        if group is None:
            groups[match.term] = [match]
        else:
            group.append(match)
    english = EnglishText(target)
    ruled = [(_rules(occ[0].entries), occ) for occ in groups.values()]
    if len(ruled) > 1:
        ruled.sort(key=lambda x: -x[0].longest)
    # Characters of the English already counted (1) or flagged as forbidden (2).
    taken = bytearray(len(target))
    findings: list[Finding] = []
    occurrences = rendered = 0
    # First every term consumes the English of its renderings, then forbidden renderings are
    # looked for: one inside another term's rendering is that rendering, whatever the order.
    counted: list[tuple[_Rules, list[TermMatch], int, list[tuple[int, int]]]] = []
    missed: list[tuple[_Rules, list[TermMatch], int]] = []
    for rules, occ in ruled:
        n = len(occ)
        if len(rules.search) == 1:
            found = english.find(rules.search[0], split=rules.search[0] not in rules.solid)
        else:
            found = []
            for phrase in rules.search:
                for span in english.find(phrase, split=phrase not in rules.solid):
                    if not _overlaps(span, found):
                        found.append(span)
            found.sort()
        if rules.exact or rules.respelled or rules.wider:  # forbidden, so not the required
            # (a respelling is not found written apart: that is the required one)
            wrong = [sp for f in rules.exact for sp in english.find(f, exact=True, split=False)]
            wrong += [sp for f in rules.respelled for sp in english.find(f, split=False)]
            wrong += [sp for f in rules.wider for sp in english.find(f)]
            found = [sp for sp in found if not _overlaps(sp, wrong)]
        free = [sp for sp in found if taken.find(1, sp[0], sp[1]) < 0]
        used = n if len(free) >= n else len(free)
        for a, b in free[:used]:
            taken[a:b] = b"\x01" * (b - a)
        occurrences += n
        rendered += used
        if used < n:
            missed.append((rules, occ, used))
        if rules.forbidden:
            counted.append((rules, occ, used, found))
    for rules, occ, used, found in counted:
        flagged_here: list[tuple[int, int]] = []
        # a forbidden rendering stands for an unrendered occurrence, if there is one
        unrendered = occ[used:] or occ[:1]
        for phrase in rules.forbidden:
            own = phrase in rules.exact or phrase in rules.respelled  # a form of a required one
            for span in english.find(phrase, exact=phrase in rules.exact, split=not own):
                a, b = span
                if taken.find(1, a, b) >= 0 or taken.find(2, a, b) >= 0 or _overlaps(span, found):
                    continue
                where = unrendered[min(len(flagged_here), len(unrendered) - 1)]
                flagged_here.append(span)
                taken[a:b] = b"\x02" * (b - a)
                term = occ[0].term
                used_text = target[span[0] : span[1]]
                findings.append(
                    Finding(
                        TERM_FORBIDDEN, "forbidden", "error",
                        f"{term}: forbidden rendering '{used_text}' "
                        f"(use {_quote(rules.required)})",
                        term=term, expected=list(rules.required), found=used_text,
                        span=(where.start, where.end),
                    )
                )
    for rules, occ, used in missed:  # after the forbidden ones: those are no other form
        findings += _missing(rules, occ, used, english, taken, unvowelled)
    report.occurrences = occurrences
    report.rendered = rendered
    if findings:
        findings.sort(key=lambda f: (f.span or (0, 0), f.kind != "missing"))
    report.findings = findings
    return report


def _missing(
    rules: _Rules, occ: list[TermMatch], used: int, english: EnglishText, taken: bytearray,
    unvowelled: Collection[int],
) -> list[Finding]:
    """The term-missing findings of a term's unrendered occurrences: an error, or a warning
    where the English has another form of a required rendering in words not counted for
    anything (disinfect for disinfection: it names them, and they are then taken) or the
    Arabic writes none of a vocalised term's vowels (عرض for عَرَض: perhaps a homograph)."""
    n = len(occ)
    term, required = occ[0].term, rules.required
    counts = f"{used} of {n} occurrence{'s' if n > 1 else ''} rendered"
    others = [words for phrase in rules.search for words in english.find_related(phrase)]
    findings = []
    for match in occ[used:]:
        note, found = "", None
        while others:
            words = others.pop(0)
            if all(taken.count(0, a, b) == b - a for a, b in words):  # words not counted
                for a, b in words:
                    taken[a:b] = b"\x01" * (b - a)
                found = english.text[words[0][0]:words[-1][1]]
                note = f", found '{found}', another form"
                break
        if match.start in unvowelled:
            note += "; the Arabic writes none of its vowels, perhaps another word"
        findings.append(Finding(
            TERM_MISSING, "missing", "warning" if note else "error",
            f"{term}: expected {_quote(required)}{note} ({counts})",
            term=term, expected=list(required), found=found, span=(match.start, match.end),
        ))
    return findings


def check_terms(matcher: TermMatcher, source: str, target: str) -> TermReport:
    """Find the glossary terms of ``source`` and check their renderings in ``target``."""
    matches = matcher.find(source)
    return check_matches(matches, target, matcher.unvowelled(source, matches))
