"""The bench's kinds of alignment mistake (bench/align_errors.py)."""

from bench.align import strict_f1
from bench.align_errors import fixed, mistakes, wrong_by_kind

# Gold: 0|0, 1|1-2, 2-3|3, 4|4, 5-6|5-6, 7|- , 8|7
GOLD = [((0,), (0,)), ((1,), (1, 2)), ((2, 3), (3,)), ((4,), (4,)), ((5, 6), (5, 6)),
        ((7,), ()), ((8,), (7,))]


def test_each_kind_of_mistake_is_told_apart() -> None:
    ours = [((0,), (0,)),
            ((1,), (1,)), ((2, 3), (2, 3)),  # a border one English sentence off
            ((4,), (4,)),
            ((5,), (5,)), ((6,), (6,)),  # a gold 2-2 group cut finer
            ((7, 8), (7,))]  # a left-out Arabic sentence joined to its neighbour
    found = [(kind, len(o), len(g)) for kind, o, g in mistakes(ours, GOLD)]
    assert found == [("border ±1", 2, 2), ("finer", 2, 1), ("left out", 1, 2)]
    assert wrong_by_kind(ours, GOLD) == {"border ±1": 2, "border ≥2": 0, "finer": 2,
                                         "coarser": 0, "left out": 1, "other": 0}


def test_coarser_and_the_f1_had_one_kind_been_right() -> None:
    ours = [((0, 1), (0, 1, 2)),  # two gold links joined
            ((2,), (3,)), ((3, 4), (4,)),  # an Arabic border one sentence off
            ((5, 6), (5, 6)), ((7,), ()), ((8,), (7,))]
    assert [kind for kind, _, _ in mistakes(ours, GOLD)] == ["coarser", "border ±1"]
    right = fixed(ours, GOLD, "coarser")
    assert strict_f1(ours, GOLD) < strict_f1(right, GOLD) < 1
    assert set(fixed(right, GOLD, "border ±1")) == set(GOLD)
    assert mistakes(GOLD, GOLD) == []


def test_a_border_two_sentences_off_and_other() -> None:
    gold = [((0,), (0, 1, 2)), ((1,), (3,))]
    assert [k for k, _, _ in mistakes([((0,), (0,)), ((1,), (1, 2, 3))], gold)] == ["border ≥2"]
    gold = [((0, 1), (0,)), ((2,), (1, 2))]  # three links of ours against two
    ours = [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert [kind for kind, _, _ in mistakes(ours, gold)] == ["other"]
    wide = [((0,), tuple(range(10)))]  # wider than any link the aligner gives
    assert [k for k, _, _ in mistakes([((0,), (0,)), ((), tuple(range(1, 10)))], wide)] == [
        "other"]
