"""The Project service: the one API that both the CLI and the TUI call. It owns transactions."""

from workbench.project.base import Document, version_name
from workbench.project.editing import EditingMixin, Revision, Segment
from workbench.project.importing import ImportingMixin, ImportReport
from workbench.project.sample import DEFAULT_DB, open_project


class Project(ImportingMixin, EditingMixin):
    """A translation project stored in one SQLite file."""


__all__ = [
    "DEFAULT_DB",
    "Document",
    "ImportReport",
    "Project",
    "Revision",
    "Segment",
    "open_project",
    "version_name",
]
