"""The Project service: the one API that both the CLI and the TUI call. It owns transactions."""

from workbench.project.base import Document, version_name
from workbench.project.checking import CheckingMixin
from workbench.project.editing import EditingMixin, Revision, Segment
from workbench.project.exchange import ExchangeMixin
from workbench.project.importing import ImportingMixin, ImportReport
from workbench.project.restructure import RestructureMixin
from workbench.project.review import ReviewMixin
from workbench.project.sample import DEFAULT_DB, open_project
from workbench.project.scoring import ScoringMixin


class Project(ImportingMixin, EditingMixin, RestructureMixin, ReviewMixin, ScoringMixin,
              ExchangeMixin, CheckingMixin):
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
