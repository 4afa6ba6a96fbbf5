"""The optional C part of the aligner (the project's metadata is in pyproject.toml).

``workbench/align/_dpcore.c`` runs the alignment search's row loop; when it cannot be built
(no compiler), the install goes on and the aligner runs the same loop with NumPy.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("workbench.align._dpcore", ["workbench/align/_dpcore.c"],
                             optional=True, extra_compile_args=["-O2"])])
