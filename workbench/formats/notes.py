"""The notes of an imported unit: reviewers' LQA errors and comments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lxml import etree

from workbench.formats import safexml
from workbench.lqa.notes import is_note


def lqa_notes(notes: Iterable[etree._Element]) -> tuple[str, ...]:
    """The texts of the notes that are LQA errors (they start with ``LQA:``), one per error: a
    note of several lines starting with ``LQA:`` is as many errors, each with the lines after
    it up to the next."""
    out: list[str] = []
    for text in (safexml.text_of(n) for n in notes):
        if not is_note(text):
            continue
        errors: list[str] = []
        for line in text.strip().splitlines():
            if is_note(line) or not errors:
                errors.append(line)
            else:
                errors[-1] += "\n" + line
        out += errors
    return tuple(out)


#: the XLIFF note ``priority`` (1.2 and 2.0: 1 the highest, 10 the lowest) of a QA finding by
#: its severity
FINDING_PRIORITY = {"error": 1, "warning": 5, "info": 10}
_UNKNOWN_PRIORITY = 5


def finding_priority(finding: str) -> int:
    """The XLIFF note priority of a finding line as exports write it (``SEVERITY: MESSAGE
    [CHECK]``): 1 for an error, 5 for a warning, 10 for information (5 when it names none)."""
    severity = finding.partition(":")[0].strip()
    return FINDING_PRIORITY.get(severity, _UNKNOWN_PRIORITY)


#: the kinds (XLIFF 1.2 ``from``, 2.0 ``category``) of the notes we write that are no comments
GENERATED_NOTES = frozenset({"workbench-qa", "workbench-lqa", "qa", "lqa"})


def comment_notes(notes: Iterable[etree._Element], kind: str | None = None) -> tuple[str, ...]:
    """The texts, each on one line, of the notes that are comments: not LQA errors, nor our
    findings or LQA notes by their ``kind`` attribute (``from`` in XLIFF 1.2)."""
    texts = ((n.get(kind) if kind else None, " ".join(safexml.text_of(n).split())) for n in notes)
    return tuple(
        t for k, t in texts if t and k not in GENERATED_NOTES and not is_note(t)
    )


SDL_CID = "{http://sdl.com/FileTypes/SdlXliff/1.0}cid"


def inline_comments(
    *containers: etree._Element | None, sdl: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[str, ...]:
    """The comments written inside the text as annotations — XLIFF 2.0 ``<mrk type="comment"
    value="…">`` (or ``<sm>``), XLIFF 1.2 ``<mrk comment="…">``, Trados's ``<mrk
    mtype="x-sdl-comment" sdl:cid="…">`` (its texts in ``sdl``, by id) — each on one line as
    ``"MARKED TEXT": COMMENT`` (the comment alone when it marks no text), once."""
    out: list[str] = []
    for container in containers:
        for el in container.iter() if container is not None else ():
            name = safexml.local(el.tag) if isinstance(el.tag, str) else ""
            if name not in ("mrk", "sm"):
                continue
            value = el.get("value") if el.get("type") == "comment" else el.get("comment")
            comments = [" ".join((value or "").split())]
            if el.get("mtype") == "x-sdl-comment" and sdl:
                comments += sdl.get(el.get(SDL_CID) or "", ())
            marked = " ".join((safexml.text_of(el) if name == "mrk"
                               else _spanned(container, el)).split())
            out += [f'"{marked}": {c}' if marked else c for c in comments if c]
    return tuple(dict.fromkeys(out))


def _spanned(container: etree._Element, start: etree._Element) -> str:
    """The text an XLIFF 2.0 ``<sm>`` marks: up to its ``<em startRef>`` (else to the end of
    ``container``), native codes left out."""
    parts: list[str] = []
    inside = False

    def walk(element: etree._Element) -> bool:
        """Collect the span's text under ``element``; True once its end is reached."""
        nonlocal inside
        for child in element:
            name = safexml.local(child.tag) if isinstance(child.tag, str) else ""
            if child is start:
                inside = True
            elif inside and name == "em" and child.get("startRef") == start.get("id"):
                return True
            elif name and name not in safexml.CODE_TAGS:  # not an XML comment either
                if inside:
                    parts.append(child.text or "")
                if walk(child):
                    return True
            if inside:
                parts.append(child.tail or "")
        return False

    walk(container)
    return "".join(parts)
