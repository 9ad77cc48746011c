"""Competency measures (DOMAIN.md §6): the certification pass mark."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from hrcore.competency import pass_mark


def test_pass_mark_is_the_kth_best_score():
    # Ten scores, rate 0.8: k = ceil(0.8 * 10) = 8. Sorted from the top:
    # 95 91 88 84 80 77 73 70 | 62 55 -> the 8th is 70; two candidates fail.
    scores = [70, 95, 62, 88, 73, 55, 91, 80, 84, 77]
    assert pass_mark(scores, 0.8) == 70.0
    assert sum(s >= 70 for s in scores) == 8


def test_pass_mark_lets_ties_through():
    # Rate 0.5 of six: k = 3. Sorted: 90 85 80 80 80 60 -> the 3rd is 80,
    # and all three on 80 pass: 5 of 6 (83 %) pass for a 50 % target.
    scores = [80, 90, 60, 80, 85, 80]
    mark = pass_mark(scores, 0.5)
    assert mark == 80.0
    assert sum(s >= mark for s in scores) == 5


def test_pass_rate_of_one_passes_everyone():
    # k = ceil(1 * 4) = 4: the mark is the lowest score.
    assert pass_mark([66, 72.5, 90, 81], 1.0) == 66.0


def test_small_pass_rate_still_passes_the_best_candidate():
    # k = ceil(0.01 * 5) = 1: the mark is the best score.
    assert pass_mark([66, 72, 90, 81, 77], 0.01) == 90.0


def test_single_candidate_passes_at_their_own_score():
    assert pass_mark([58], 0.8) == 58.0


def test_pass_mark_is_not_fooled_by_binary_fractions():
    # 0.28 * 25 is 7.000000000000001 in floating point; k must be 7, not 8.
    # Scores 100, 99, ..., 76: the 7th best is 94 (the 8th would be 93).
    assert 0.28 * 25 != 7
    assert pass_mark(list(range(100, 75, -1)), 0.28) == 94.0


def test_pass_mark_accepts_arrays_series_and_any_order():
    # Rate 0.6 of five: k = 3. Sorted: 9 7 5 3 1 -> 5.
    for scores in ([1, 9, 5, 3, 7], np.array([7.0, 1, 9, 3, 5]), pd.Series([3, 5, 7, 9, 1])):
        assert pass_mark(scores, 0.6) == 5.0


def test_pass_mark_agrees_with_sorting_for_random_sittings():
    rng = np.random.default_rng(3)
    for _ in range(200):
        scores = rng.integers(0, 101, rng.integers(1, 40))
        rate = float(rng.uniform(0.05, 1.0))
        k = math.ceil(round(rate * scores.size, 9))
        assert pass_mark(scores, rate) == sorted(scores, reverse=True)[k - 1]


@pytest.mark.parametrize("rate", [0, -0.1, 1.01, float("nan"), "high"])
def test_pass_rate_outside_zero_to_one_is_rejected(rate):
    with pytest.raises(ValueError, match="pass_rate"):
        pass_mark([70, 80, 90], rate)


@pytest.mark.parametrize("scores", [[], [70, float("nan"), 90], [70, float("inf")]])
def test_empty_or_non_finite_scores_are_rejected(scores):
    with pytest.raises(ValueError, match="scores"):
        pass_mark(scores, 0.8)
