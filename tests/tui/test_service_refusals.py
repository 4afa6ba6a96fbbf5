"""describe_in_list / refusals_in_list: a refusal of the project names segments by their
numbers in the editor's list, not by id; database errors keep their kind."""

from __future__ import annotations

import pytest

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
        # a segment merged away keeps its id
        assert describe_in_list(WorkbenchError("segment 2: gone"), project, "x") == (
            "segment 2: gone")

        def offline(_project: Project) -> None:
            raise ConnectionLostError("segment 4: the server cannot be reached")

        with pytest.raises(ConnectionLostError):  # the writer goes offline on its kind
            refusals_in_list(offline, "Ctrl+U")(project)

        def refused(_project: Project) -> None:
            raise LockedError(5)

        with pytest.raises(WorkbenchError, match="segment 4 is locked"):
            refusals_in_list(refused, "Ctrl+U")(project)
