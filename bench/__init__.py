"""Benchmarks: ``python -m bench [NAME ...]`` runs each module in its own process.

It prints one table.

A bench module defines ``run() -> list[Row]``; add its name to ``MODULES`` in ``bench/__main__.py``.
"""
