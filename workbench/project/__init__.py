"""The Project service: the one API that both the CLI and the TUI call. It owns transactions."""

from workbench.project.catalog import Document, VersionRef, version_name
from workbench.project.facade import Project
from workbench.project.importing import ImportReport
from workbench.project.reading import Revision, Segment
from workbench.project.sample import DEFAULT_DB, open_project

__all__ = [
    "DEFAULT_DB",
    "Document",
    "ImportReport",
    "Project",
    "Revision",
    "Segment",
    "VersionRef",
    "open_project",
    "version_name",
]
