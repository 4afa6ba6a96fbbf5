"""The facade makes its parts on first use; their names work as when they were made at once."""

from __future__ import annotations

import threading

from workbench.project import Project
from workbench.project.facade import BOUND, PUBLIC_PARTS


def test_reading_makes_no_other_part(project: Project) -> None:
    project.stats()
    project.history(1)
    assert set(project._parts) == {"catalog", "reader"}


def test_every_name_is_its_parts_method(project: Project) -> None:
    for name, (part, attribute) in BOUND.items():
        assert getattr(project, name) == getattr(project._part(part), attribute), name
    for name in PUBLIC_PARTS:
        assert getattr(project, name) is project._part(name)


def test_editing_is_wired_to_the_memory(project: Project) -> None:
    editing = project._part("editing")
    assert editing.on_confirm == project.tm.on_confirm
    assert editing.confirm_fingerprint == project.tm.propagates
    assert project._part("exports").tm_annotator == project.tm.annotate_units


def test_threads_share_one_part(project: Project) -> None:
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(project.tm)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(tm) for tm in seen}) == 1


def test_an_unknown_name_is_an_attribute_error(project: Project) -> None:
    assert not hasattr(project, "no_such_method")
