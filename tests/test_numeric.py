"""The shared array helpers agree with numpy on every shape of input."""

import numpy as np
import pytest

from workbench.numeric import unique


@pytest.mark.parametrize("size", [0, 1, 2, 7, 10_000])
def test_unique_is_numpys_unique(size: int) -> None:
    values = np.random.default_rng(size).integers(-50, 50, size)
    assert np.array_equal(unique(values), np.unique(values))
    assert unique(values).dtype == values.dtype


def test_unique_leaves_its_input_alone() -> None:
    values = np.array([3, 1, 3, 2])
    unique(values)
    assert values.tolist() == [3, 1, 3, 2]


@pytest.mark.parametrize("size", [0, 1, 2, 7, 10_000])
def test_unique_inverse_is_numpys(size: int) -> None:
    from workbench.numeric import unique_inverse

    rng = np.random.default_rng(size)
    for values in (rng.integers(0, 50, size), rng.integers(0, 2**40, size),
                   rng.integers(-50, 50, size), rng.integers(2**61, 2**62, size)):
        uniq, inverse = unique_inverse(values)
        want_uniq, want_inverse = np.unique(values, return_inverse=True)
        assert np.array_equal(uniq, want_uniq) and np.array_equal(inverse, want_inverse)
        assert uniq.dtype == values.dtype
