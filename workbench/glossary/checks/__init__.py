"""QA checks, one per module; importing the package registers them all (see :mod:`base`)."""

from __future__ import annotations

import importlib
import pkgutil

from workbench.glossary.checks.base import REGISTRY, Check, DocumentCheck, Pair, register

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["REGISTRY", "Check", "DocumentCheck", "Pair", "register"]
