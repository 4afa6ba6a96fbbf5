"""Segment statuses and their mapping to XLIFF 1.2 and 2.0.

| workbench  | XLIFF 1.2 target@state      | XLIFF 1.2 approved | XLIFF 2.0 segment@state |
|------------|-----------------------------|--------------------|-------------------------|
| new        | new                         | no                 | initial                 |
| draft      | needs-review-translation    | no                 | initial                 |
| translated | translated                  | no                 | translated              |
| reviewed   | final                       | no                 | reviewed                |
| approved   | signed-off                  | yes                | final                   |
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """The life of a segment, in order."""

    NEW = "new"
    DRAFT = "draft"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    APPROVED = "approved"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
CONFIRMED: tuple[str, ...] = STATUSES[STATUSES.index(Status.TRANSLATED):]
"""Translated or further: English the translator confirmed (vouching for its alignment too)."""

XLIFF12_STATE: dict[Status, tuple[str, bool]] = {
    Status.NEW: ("new", False),
    Status.DRAFT: ("needs-review-translation", False),
    Status.TRANSLATED: ("translated", False),
    Status.REVIEWED: ("final", False),
    Status.APPROVED: ("signed-off", True),
}

XLIFF20_STATE: dict[Status, str] = {
    Status.NEW: "initial",
    Status.DRAFT: "initial",
    Status.TRANSLATED: "translated",
    Status.REVIEWED: "reviewed",
    Status.APPROVED: "final",
}


# Other tools' own statuses in their XLIFF 1.2 files, which carry no ``state``: Trados's
# confirmation level (``<sdl:seg conf="...">`` in .sdlxliff) and memoQ's ``mq:status``
# (.mqxliff), lower-cased. memoQ's second reviewer's confirmation is Reviewer2Confirmed
# (Proofread in older versions); TranslationApproved is its translator's.
TOOL_STATUS: dict[str, Status] = {
    "draft": Status.DRAFT, "translated": Status.TRANSLATED,
    "rejectedtranslation": Status.DRAFT, "approvedtranslation": Status.REVIEWED,
    "rejectedsignoff": Status.DRAFT, "approvedsignoff": Status.APPROVED,
    "notstarted": Status.NEW, "pretranslated": Status.DRAFT, "machinetranslated": Status.DRAFT,
    "partiallyedited": Status.DRAFT, "assembledfromfragments": Status.DRAFT,
    "rejected": Status.DRAFT, "manuallyconfirmed": Status.TRANSLATED,
    "confirmed": Status.TRANSLATED, "translationapproved": Status.TRANSLATED,
    "reviewer1confirmed": Status.REVIEWED, "reviewer2confirmed": Status.APPROVED,
    "proofread": Status.APPROVED,
}


# What a file of those tools is given back (read back as the same status).
TRADOS_CONF: dict[Status, str] = {
    Status.DRAFT: "Draft", Status.TRANSLATED: "Translated",
    Status.REVIEWED: "ApprovedTranslation", Status.APPROVED: "ApprovedSignOff",
}
MEMOQ_STATUS: dict[Status, str] = {
    Status.NEW: "NotStarted", Status.DRAFT: "PartiallyEdited",
    Status.TRANSLATED: "ManuallyConfirmed", Status.REVIEWED: "Reviewer1Confirmed",
    Status.APPROVED: "Proofread",
}


NEEDS_WORK = frozenset({
    "needs-translation", "needs-adaptation", "needs-l10n",
    "needs-review-translation", "needs-review-adaptation", "needs-review-l10n",
})
"""XLIFF 1.2 states saying the target still needs translating, adapting or reviewing: drafts
(as translate-toolkit reads them, below translated)."""


def draft_qualifier(qualifier: str | None) -> bool:
    """Whether an XLIFF 1.2 ``state-qualifier`` makes a translated target a draft: a machine
    translation (``leveraged-mt``, ``mt-suggestion``: Microsoft's and Okapi's files mark their
    MT so) or a rejected one (``rejected-grammar``…), as TXML's ``gtmt="true"`` is one."""
    q = (qualifier or "").strip().lower()
    return q in ("leveraged-mt", "mt-suggestion") or q.startswith("rejected-")


def from_xliff12(
    state: str | None, approved: bool, has_target: bool, tool: str | None = None,
    qualifier: str | None = None,
) -> Status:
    """The workbench status for an XLIFF 1.2 target state (used by imports); without a state,
    the status ``tool`` (Trados's or memoQ's, see TOOL_STATUS) gave the unit; a translated
    target whose ``qualifier`` says it is a machine's (or rejected) is a draft."""
    if state is None and not approved and tool and tool.lower() in TOOL_STATUS:
        return TOOL_STATUS[tool.lower()] if has_target else Status.NEW
    if approved or state == "signed-off":
        return Status.APPROVED
    if state == "final":
        return Status.REVIEWED
    if state == "translated":
        return Status.DRAFT if draft_qualifier(qualifier) else Status.TRANSLATED
    if state in NEEDS_WORK:
        return Status.DRAFT
    return Status.DRAFT if has_target else Status.NEW


def from_xliff20(state: str | None, has_target: bool) -> Status:
    """The workbench status for an XLIFF 2.0 segment state (used by imports)."""
    mapping = {
        "final": Status.APPROVED, "reviewed": Status.REVIEWED, "translated": Status.TRANSLATED
    }
    if state in mapping:
        return mapping[state]
    return Status.DRAFT if has_target else Status.NEW
