"""describe_in_list / refusals_in_list: a refusal of the project names segments by their
numbers in the editor's list, not by id; database errors keep their kind."""

from __future__ import annotations

import pytest

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import until
from workbench.errors import ConnectionLostError, LockedError, WorkbenchError
from workbench.project import Project
from workbench.tui.service import describe_in_list, refusals_in_list


def test_refusals_name_segments_by_position_and_database_errors_keep_their_kind(sample_db):
    with Project.open(sample_db) as project:
        project.merge_with_next(1)  # ids 3, 4... are now the list's 2, 3...
        assert describe_in_list(
            WorkbenchError("segment 4 is joined to segment 3"), project, "Ctrl+U"
        ) == "segment 3 is joined to segment 2"
        assert describe_in_list(LockedError(5), project, "Ctrl+U") == (
            "segment 4 is locked: unlock it first (Ctrl+U on it)")
        # a segment merged away: by the number the list showed, else never by its id
        assert describe_in_list(WorkbenchError("segment 2: gone"), project, "x", {2: 7}) == (
            "segment 7: gone")
        assert describe_in_list(WorkbenchError("Segment 2: gone"), project, "x") == (
            "A segment merged away: gone")
        # locked, then merged away: no key to press, no `workbench unlock ID`
        assert describe_in_list(LockedError(2), project, "Ctrl+U", {2: 7}) == (
            "segment 7 was locked, and has since been merged away elsewhere")
        assert describe_in_list(LockedError(2), project, "Ctrl+U") == (
            "a locked segment has since been merged away elsewhere")

        def offline(_project: Project) -> None:
            raise ConnectionLostError("segment 4: the server cannot be reached")

        with pytest.raises(ConnectionLostError):  # the writer goes offline on its kind
            refusals_in_list(offline, "Ctrl+U")(project)

        def refused(_project: Project) -> None:
            raise LockedError(5)

        with pytest.raises(WorkbenchError, match="segment 4 is locked"):
            refusals_in_list(refused, "Ctrl+U")(project)


async def test_an_undo_of_a_segment_merged_away_elsewhere_names_it_as_the_list_did(
        sample_db, make_app):
    """The editor's undo (F9) of its open segment, merged into the one before elsewhere
    meanwhile: the message names it by the number the translator saw and the segment it went
    into by its number, never by their ids (nor the project's path)."""
    with Project.open(sample_db) as project:
        project.merge_with_next(1)  # id 7 is now the list's 6
    app = make_app(live=False)  # (the merge not yet seen: under load the feed came first)
    async with editing(app, 7) as (pilot, screen):
        assert screen.current.position == 6
        with Project.open(sample_db) as project:
            project.merge_with_next(6)  # id 7 into id 6, the list's 5
        await pilot.press("f9")
        await settle(pilot)
        await until(pilot, lambda: any("no longer there" in n.message
                                       for n in app._notifications))
        said = [n.message for n in app._notifications if "no longer there" in n.message]
    assert len(said) == 1
    assert said[0].startswith("segment 6 is no longer there: it was merged into segment 5 on ")
    assert said[0].endswith("; its history is there")
