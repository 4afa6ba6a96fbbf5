"""LQA tests check with the shipped en_US dictionary (exports with findings run the checks)."""

from tests.spelling.conftest import shipped_en_us

__all__ = ["shipped_en_us"]
