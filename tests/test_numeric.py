"""The shared array helpers agree with numpy on every shape of input."""

import warnings

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


@pytest.mark.parametrize("size", [0, 1, 7, 10_000])
def test_unique_inverse_gives_its_inverse_in_the_type_asked(size: int) -> None:
    """Every path (marks, packed sort, numpy's) gives the inverse as int32 when asked."""
    from workbench.numeric import unique_inverse

    rng = np.random.default_rng(size)
    for values in (rng.integers(0, 50, size), rng.integers(0, 2**40, size),
                   rng.integers(-50, 50, size)):
        uniq, inverse = unique_inverse(values, np.int32)
        want_uniq, want_inverse = np.unique(values, return_inverse=True)
        assert inverse.dtype == np.int32
        assert np.array_equal(uniq, want_uniq) and np.array_equal(inverse, want_inverse)


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.uint16])
def test_dense_path_is_numpys(dtype: type) -> None:
    """Values in a range small for their count are marked, not sorted: the same answers
    (with the range's ends and a value present once among many repeats)."""
    from workbench.numeric import _dense_marks, unique_inverse

    rng = np.random.default_rng(3)
    values = np.concatenate([rng.integers(0, 5000, 4000), [0, 4999, 12345]]).astype(dtype)
    assert _dense_marks(values) is not None
    uniq, inverse = unique_inverse(values)
    want_uniq, want_inverse = np.unique(values, return_inverse=True)
    assert np.array_equal(uniq, want_uniq) and np.array_equal(inverse, want_inverse)
    assert uniq.dtype == values.dtype and inverse.dtype == want_inverse.dtype
    assert np.array_equal(unique(values), want_uniq) and unique(values).dtype == values.dtype


def test_wide_range_is_sorted() -> None:
    from workbench.numeric import _dense_marks

    assert _dense_marks(np.arange(2000) * 1000) is None  # range 2,000,000 for 2,000 values
    assert _dense_marks(np.arange(100)) is None  # too few to be worth it


@pytest.mark.parametrize("size", [0, 1, 2, 7, 10_000])
def test_sorted_intersection_is_numpys_intersect1d(size: int) -> None:
    """The shared values of two sorted arrays of distinct values and their indices in each,
    as numpy gives them: either side empty, none shared, all shared, the ends."""
    from workbench.numeric import sorted_intersection

    rng = np.random.default_rng(size)
    a = np.unique(rng.integers(0, 3 * size + 1, size))
    for b in (np.unique(rng.integers(0, 3 * size + 1, size)), a, a[:0], a + 10**6,
              np.unique(np.concatenate([a[-1:], rng.integers(-5, 2, 3)]))):
        got = sorted_intersection(a, b)
        want = np.intersect1d(a, b, return_indices=True)
        assert all(np.array_equal(x, y) for x, y in zip(got, want, strict=True))
        got = sorted_intersection(b, a)
        want = np.intersect1d(b, a, return_indices=True)
        assert all(np.array_equal(x, y) for x, y in zip(got, want, strict=True))


@pytest.mark.parametrize("size", [0, 1, 2, 8, 9, 1000, 1001])
def test_median_is_numpys(size: int) -> None:
    """The median without numpy.ma: numpy's value, NaN when there is none or one is NaN."""
    from workbench.numeric import median

    values = np.random.default_rng(size).random(size) * 37.0
    with warnings.catch_warnings():  # (numpy warns of an empty array's median)
        warnings.simplefilter("ignore")
        want = float(np.median(values))
    assert median(values) == want or (np.isnan(want) and np.isnan(median(values)))
    if size:
        values[size // 2] = np.nan
        assert np.isnan(median(values)) and np.isnan(np.median(values))
