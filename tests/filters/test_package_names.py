"""The filters package's names load with their modules on first use, and are theirs."""

from __future__ import annotations

import subprocess
import sys

import pytest

import workbench.filters as filters
from workbench.filters import model, registry


def test_every_name_of_the_package_is_its_modules_own() -> None:
    for name in filters.__all__:
        assert getattr(filters, name) is getattr(model if hasattr(model, name) else registry,
                                                 name)
    with pytest.raises(AttributeError):
        filters.no_such_name  # noqa: B018
    from workbench.filters import mhtml  # a submodule is imported as before

    assert mhtml.__name__ == "workbench.filters.mhtml"


def test_asking_whether_a_file_is_plain_text_loads_no_document_model() -> None:
    code = ("import sys\nfrom workbench.filters import source_format_for\n"
            "print(source_format_for('a.txt').plain, 'workbench.filters.model' in sys.modules)\n"
            "from workbench.filters import SourceDocument\n"
            "print('workbench.filters.model' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.split() == ["True", "False", "True"]
