"""A call run beside the caller's work gives its value or its exception, and the block's end
waits for it."""

from __future__ import annotations

import threading
import time

import pytest

from workbench.threads import beside


def test_the_value_comes_from_another_thread() -> None:
    def where(x: int) -> tuple[int, int]:
        return x * 2, threading.get_ident()

    with beside(where, 21) as job:
        value, ident = job.result()
    assert value == 42 and ident != threading.get_ident()


def test_its_exception_is_raised_by_result() -> None:
    def fails() -> None:
        raise ValueError("no")

    with beside(fails) as job, pytest.raises(ValueError, match="no"):
        job.result()


def test_the_block_waits_for_the_call_even_when_it_raises() -> None:
    done: list[bool] = []

    def slow() -> None:
        time.sleep(0.05)
        done.append(True)

    with pytest.raises(KeyError), beside(slow):
        raise KeyError("the block's own")
    assert done == [True]
