"""Pure glossary handling: reading, Arabic term matching, English rendering checks, QA."""

from workbench.glossary.model import Entry, Glossary

__all__ = ["Entry", "Glossary"]
