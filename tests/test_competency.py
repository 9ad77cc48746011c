"""Competency, qualification and certification (DOMAIN.md §6, seeds 000 and 004).

Sections: the pass mark and marking a sitting; 360 aggregation (anonymity, weights); reading a review
(knock-outs, totals, findings, gaps); development actions; qualifications; certification levels, status
and coverage; storage (settings, models, targets, rating imports and entry, qualification standards,
certification records, pass marks, appeals).

Expected figures are worked out by hand in the comments, by a plain-Python loop written apart from the
implementation, or taken from the seeds (seed 000: the 智信仁勇严 model and Wei Yan; seed 004: the pass mark
from a pass rate, levels one at a time, course scores valid until the next review).
"""

from __future__ import annotations

import json
import math
import re
import statistics
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest

from hrcore import competency, errors, i18n
from hrcore.competency import (
    CONDITIONS,
    aggregate_360,
    apply_pass_rate,
    certification_status,
    coverage,
    decide_appeal,
    development_actions,
    file_appeal,
    held_levels,
    import_ratings,
    load_settings,
    mark_sitting,
    pass_mark,
    qualification,
    record_results,
    review,
    save_model,
    save_ratings,
    save_settings,
    save_standards,
    save_targets,
    skipped_levels,
)


def in_chinese(problem) -> str:
    """A problem row of an import or a record (``code`` and ``values``) as the Chinese page shows it."""
    return i18n.problem(problem["code"], problem["values"], "zh")


# =============================================================================================
# Certification pass mark (DOMAIN §6, §8: hrcore.competency.pass_mark)
# =============================================================================================


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


# =============================================================================================
# Helpers shared by the sections below
# =============================================================================================

RATING_COLUMNS = ["ratee_id", "rater_id", "rater_group", "item_id", "score"]
DEFAULT_W = {"superior": 0.4, "peer": 0.3, "subordinate": 0.2, "other": 0.1}  # documented default (a setting, DOMAIN §6)


def rate(ratee="E1", item="x", own=None, superior=(), peer=(), subordinate=(), other=()) -> pd.DataFrame:
    """Ratings of one person on one item: ``own`` is the self rating, the groups are lists of scores."""
    rows = [] if own is None else [(ratee, ratee, "self", item, own)]
    for group, scores in (("superior", superior), ("peer", peer), ("subordinate", subordinate), ("other", other)):
        rows += [(ratee, f"{ratee}-{group}{i}", group, item, s) for i, s in enumerate(scores)]
    return pd.DataFrame(rows, columns=RATING_COLUMNS)


def one_row(ratings: pd.DataFrame, weights=None) -> pd.Series:
    out = aggregate_360(ratings, weights)
    assert len(out) == 1
    return out.iloc[0]


def plain_model(*item_ids, critical=(), minimum=None) -> pd.DataFrame:
    """A model frame for :func:`review`: the ``critical`` items get ``minimum``."""
    return pd.DataFrame({"item_id": list(item_ids), "critical": [i in critical for i in item_ids],
                         "min_score": [minimum if i in critical else None for i in item_ids]})


# =============================================================================================
# Certification pass mark of a sitting: who passes (mark_sitting)
# =============================================================================================

def test_everyone_tied_at_the_mark_passes_the_sitting():
    # Rate 0.5 of seven: k = ceil(3.5) = 4. Sorted 88 80 75 75 75 70 61 -> 4th is 75, and all
    # three on 75 pass: 88, 80, 75, 75, 75 = five of seven.
    scores = [75, 88, 61, 75, 80, 70, 75]
    mark, passed = mark_sitting(scores, 0.5)
    assert mark == 75.0
    assert passed.tolist() == [True, True, False, True, True, False, True]


def test_a_pass_rate_of_one_passes_the_whole_sitting_at_the_lowest_score():
    mark, passed = mark_sitting([66, 72.5, 90, 81], 1.0)
    assert mark == 66.0 and passed.all()


def test_a_tiny_pass_rate_passes_only_the_top_score_and_anyone_tied_with_it():
    # k = ceil(0.01 * 6) = 1: the mark is the top score, 90; the two on 90 pass.
    mark, passed = mark_sitting([90, 66, 90, 81, 77, 72], 0.01)
    assert mark == 90.0
    assert passed.tolist() == [True, False, True, False, False, False]


def test_marking_a_sitting_is_not_fooled_by_binary_fractions():
    # 25 candidates 100..76, rate 0.28: 0.28 * 25 = 7 on paper, so exactly the top seven (100..94) pass.
    scores = list(range(100, 75, -1))
    mark, passed = mark_sitting(scores, 0.28)
    assert mark == 94.0 and int(passed.sum()) == 7


# =============================================================================================
# 360 aggregation: anonymity rules (DOMAIN §6)
# =============================================================================================

def test_a_group_of_two_peers_is_hidden_but_counts_in_all_but_self():
    # Superior 6, peers 7 and 8 (two: hidden), subordinates 5, 6, 7 (mean 6).
    # others = (0.4*6 + 0.3*7.5 + 0.2*6) / (0.4 + 0.3 + 0.2) = (2.4 + 2.25 + 1.2) / 0.9 = 5.85 / 0.9 = 6.5
    row = one_row(rate(own=9, superior=[6], peer=[7, 8], subordinate=[5, 6, 7]))
    assert math.isnan(row["peer"])
    assert row["n_peer"] == 2
    assert row["others"] == pytest.approx(6.5)
    assert row["n_others"] == 6  # 1 superior + 2 peers + 3 subordinates


def test_a_group_of_three_is_shown_on_its_own():
    row = one_row(rate(superior=[6], peer=[4, 5, 9]))
    assert row["peer"] == pytest.approx(6.0)  # (4 + 5 + 9) / 3
    assert row["n_peer"] == 3


@pytest.mark.parametrize("group", ["subordinate", "other"])
def test_every_group_but_the_superior_is_hidden_below_three_raters(group):
    row = one_row(rate(superior=[7], peer=[6, 6, 6], **{group: [2, 3]}))
    assert math.isnan(row[group]) and row[f"n_{group}"] == 2


def test_a_superior_rating_alone_is_shown():
    row = one_row(rate(superior=[7], peer=[5, 6, 7]))
    assert row["superior"] == 7.0 and row["n_superior"] == 1


def test_all_but_self_is_hidden_on_three_raters_and_shown_on_four():
    # Superior + 2 peers = 3 raters: hidden. One more peer makes 4: shown,
    # (0.4*8 + 0.3*6) / 0.7 = (3.2 + 1.8) / 0.7 = 5 / 0.7 = 7.142857...
    three = one_row(rate(superior=[8], peer=[6, 6]))
    assert math.isnan(three["others"]) and three["n_others"] == 3
    four = one_row(rate(superior=[8], peer=[6, 6, 6]))
    assert four["n_others"] == 4
    assert four["others"] == pytest.approx(5 / 0.7)


def test_self_never_enters_all_but_self():
    # Self + superior + 2 peers is four raters, but only three of them are not self: hidden.
    hidden = one_row(rate(own=10, superior=[4], peer=[4, 4]))
    assert math.isnan(hidden["others"]) and hidden["n_others"] == 3
    assert hidden["self"] == 10.0 and hidden["n_self"] == 1
    # With four peers on 5 the combined figure is 5 whatever the self rating.
    for own in (1, 10):
        assert one_row(rate(own=own, peer=[5, 5, 5, 5]))["others"] == pytest.approx(5.0)


def test_the_self_rating_is_shown_as_given():
    row = one_row(rate(own=3, peer=[8, 8, 8, 8]))
    assert row["self"] == 3.0 and row["peer"] == pytest.approx(8.0)


def test_a_person_rated_only_by_themself_has_no_combined_figure():
    row = one_row(rate(own=7))
    assert math.isnan(row["others"]) and row["n_others"] == 0
    assert all(math.isnan(row[g]) for g in ("superior", "peer", "subordinate", "other"))


def test_a_group_shown_beside_a_hidden_one_is_hidden_too_when_subtraction_would_expose_it():
    # The docstring's example: superior 6, peers 7 8 (hidden), subordinates 5 6 7. Showing the subordinates'
    # 6 beside the superior's 6 and the combined 6.5 would give the peers' mean: (0.9*6.5 - 0.4*6 - 0.2*6) / 0.3
    # = (5.85 - 2.4 - 1.2) / 0.3 = 7.5. So the subordinates are hidden as well; the combined figure stays.
    row = one_row(rate(own=9, superior=[6], peer=[7, 8], subordinate=[5, 6, 7]))
    assert math.isnan(row["peer"]) and math.isnan(row["subordinate"])
    assert row["superior"] == 6.0 and row["others"] == pytest.approx(6.5)
    assert (row["n_peer"], row["n_subordinate"]) == (2, 3)


def test_the_smallest_shown_group_is_the_one_hidden_beside_a_small_group():
    # Peers 2 (hidden); subordinates 4 raters, others 3: the others (3) are hidden, the subordinates stay.
    row = one_row(rate(superior=[6], peer=[7, 8], subordinate=[5, 6, 7, 6], other=[9, 8, 7]))
    assert math.isnan(row["peer"]) and math.isnan(row["other"])
    assert row["subordinate"] == pytest.approx(6.0)  # (5 + 6 + 7 + 6) / 4


def test_nothing_more_is_hidden_when_the_hidden_answers_come_from_three_raters():
    # Peers 2 + other 1 = 3 hidden raters: the combined figure minus the groups shown mixes three people.
    row = one_row(rate(superior=[6], peer=[7, 8], other=[5], subordinate=[5, 6, 7]))
    assert math.isnan(row["peer"]) and math.isnan(row["other"])
    assert row["subordinate"] == pytest.approx(6.0)


def _recoverable(row: pd.Series, weights: dict) -> dict:
    """Hidden groups of fewer than 3 raters whose mean follows from the figures shown.

    The combined figure is sum(w_g * mean_g) / sum(w_g) over the groups that rated (their counts are shown):
    when exactly one weighted group is hidden, its mean is that sum minus the shown groups, over its weight.
    """
    if math.isnan(row["others"]):
        return {}
    rated = [g for g in ("superior", "peer", "subordinate", "other") if row[f"n_{g}"] > 0 and weights.get(g, 0) > 0]
    unknown = [g for g in rated if math.isnan(row[g])]
    if len(unknown) != 1 or row[f"n_{unknown[0]}"] >= 3:
        return {}
    g = unknown[0]
    total = row["others"] * sum(weights[h] for h in rated) - sum(weights[h] * row[h] for h in rated if h != g)
    return {g: round(total / weights[g], 9)}


@pytest.mark.parametrize("groups, weights", [
    # Two superiors (shown: the superior is excepted) and two peers: the combined figure rests on 4 raters,
    # so it is shown, and (0.7 * others - 0.4 * superior) / 0.3 is the two peers' mean, 8.
    (dict(superior=[6, 6], peer=[9, 7]), DEFAULT_W),
    # Three superiors and one peer: the same subtraction gives that one peer's answer, 9.
    (dict(superior=[6, 6, 6], peer=[9]), DEFAULT_W),
    # Weights superior 0.5, peer 0.5 (a valid setting): hiding the subordinates (weight 0) shields nothing,
    # 2 * others - superior = 2 * 7.5 - 6 = 9 is the one peer's answer.
    (dict(superior=[6], peer=[9], subordinate=[5, 5, 5]), {"superior": 0.5, "peer": 0.5}),
], ids=["two-superiors-two-peers", "three-superiors-one-peer", "zero-weight-shield"])
def test_no_hidden_answer_can_be_worked_out_from_the_figures_shown(groups, weights):
    # DOMAIN §6: the rules exist "so no answer can be traced to a person"; the docstring of aggregate_360
    # adds complementary suppression for exactly this subtraction.
    row = one_row(rate(**groups), weights)
    assert _recoverable(row, weights) == {}


@pytest.mark.parametrize("seed", [21, 22])
def test_with_at_most_one_superior_no_small_hidden_group_can_be_worked_out(seed):
    # The same property over 300 random people with 0-1 superior and 0-4 raters in each other group,
    # under the default weights and under random positive weights.
    rng = np.random.default_rng(seed)
    frames = []
    for p in range(300):
        sizes = {"superior": int(rng.integers(0, 2)), **{g: int(rng.integers(0, 5)) for g in ("peer", "subordinate",
                                                                                             "other")}}
        frames.append(rate(f"P{p}", **{g: list(rng.integers(1, 11, k)) for g, k in sizes.items()}))
    ratings = pd.concat(frames, ignore_index=True)
    random_w = dict(zip(("superior", "peer", "subordinate", "other"), rng.dirichlet([1, 1, 1, 1])))
    for w in (DEFAULT_W, random_w):
        out = aggregate_360(ratings, w)
        leaks = {r["ratee_id"]: _recoverable(r, w) for _, r in out.iterrows() if _recoverable(r, w)}
        assert leaks == {}


# =============================================================================================
# 360 aggregation: group weights
# =============================================================================================

FOUR_GROUPS = dict(superior=[8], peer=[6, 7, 8], subordinate=[5, 6, 7, 6], other=[9, 9, 9])
# group means: superior 8, peer 7, subordinate 6, other 9; 1 + 3 + 4 + 3 = 11 raters


def test_all_but_self_weights_the_four_group_means():
    # 0.4*8 + 0.3*7 + 0.2*6 + 0.1*9 = 3.2 + 2.1 + 1.2 + 0.9 = 7.4 (weights already sum to 1)
    row = one_row(rate(**FOUR_GROUPS))
    assert row["others"] == pytest.approx(7.4)
    assert row["n_others"] == 11
    assert [row[g] for g in ("superior", "peer", "subordinate", "other")] == pytest.approx([8, 7, 6, 9])


def test_weights_are_scaled_back_to_one_over_the_groups_that_rated():
    # No subordinates: superior 8, peers 6 7 8 (7), others 4 5 6 (5).
    # (0.4*8 + 0.3*7 + 0.1*5) / (0.4 + 0.3 + 0.1) = (3.2 + 2.1 + 0.5) / 0.8 = 5.8 / 0.8 = 7.25
    row = one_row(rate(superior=[8], peer=[6, 7, 8], other=[4, 5, 6]))
    assert row["others"] == pytest.approx(7.25)
    assert row["n_subordinate"] == 0 and math.isnan(row["subordinate"])


def test_custom_weights_replace_the_defaults():
    # Equal weights: the plain mean of the group means, (8 + 7 + 6 + 9) / 4 = 7.5.
    equal = {"superior": 0.25, "peer": 0.25, "subordinate": 0.25, "other": 0.25}
    assert one_row(rate(**FOUR_GROUPS), equal)["others"] == pytest.approx(7.5)
    # Superior and peers only: (0.5*8 + 0.5*7) = 7.5; the subordinates and others weigh nothing.
    assert one_row(rate(**FOUR_GROUPS), {"superior": 0.5, "peer": 0.5})["others"] == pytest.approx(7.5)
    # Superior 0.7, peer 0.3: 5.6 + 2.1 = 7.7
    assert one_row(rate(**FOUR_GROUPS), {"superior": 0.7, "peer": 0.3})["others"] == pytest.approx(7.7)


@pytest.mark.parametrize("weights", [
    {"superior": 0.5, "peer": 0.4},                                   # sums to 0.9
    {"superior": 0.4, "peer": 0.3, "subordinate": 0.2, "other": 0.2},  # sums to 1.1
    {"self": 0.2, "superior": 0.4, "peer": 0.2, "subordinate": 0.2},   # self has no weight
    {"superior": 0.5, "peer": 0.5, "customer": 0.0},                  # unknown group
    {"superior": 1.5, "peer": -0.5},                                  # negative weight
])
def test_bad_weights_are_refused_naming_weights(weights):
    with pytest.raises(ValueError, match="weights"):
        aggregate_360(rate(peer=[5, 5, 5, 5]), weights)


def test_an_unknown_rater_group_is_refused():
    ratings = rate(peer=[5, 5, 5, 5])
    ratings.loc[0, "rater_group"] = "customer"
    with pytest.raises(ValueError, match="rater_group"):
        aggregate_360(ratings)


def _reference_360(rows: list[tuple], weights: dict) -> dict:
    """Plain-Python reading of DOMAIN §6 and the docstring, written apart from the implementation.

    Per person and item: the group means and counts, the groups shown before complementary suppression
    (superior whenever it rated, the others from 3 raters), whether suppression is due (the combined
    figure is shown and the hidden groups hold 1 or 2 raters), and the combined figure.
    """
    scores: dict = {}
    for ratee, _rater, group, item, score in rows:
        scores.setdefault((ratee, item), {}).setdefault(group, []).append(float(score))
    out = {}
    for key, groups in scores.items():
        n = {g: len(groups.get(g, [])) for g in ("self", "superior", "peer", "subordinate", "other")}
        mean = {g: statistics.fmean(groups[g]) for g in groups}
        shown = [g for g in ("peer", "subordinate", "other") if n[g] >= 3]
        hidden_raters = sum(n[g] for g in ("peer", "subordinate", "other") if 0 < n[g] < 3)
        present = [g for g in ("superior", "peer", "subordinate", "other") if n[g]]
        n_others = sum(n[g] for g in present)
        if n_others < 4:
            others = math.nan
        else:
            others = sum(weights[g] * mean[g] for g in present) / sum(weights[g] for g in present)
        due = 0 < hidden_raters < 3 and not math.isnan(others)
        # Who is hidden to protect them: one of the smallest other groups shown; with none shown, the
        # superiors' figure (two superiors and two peers); with no superior either, the combined figure.
        shield = None if not due else "group" if shown else "superior" if n["superior"] else "combined"
        if shield == "combined":
            others = math.nan
        out[key] = {"n": n, "mean": mean, "shown": shown, "others": others, "n_others": n_others,
                    "suppress": shield == "group", "shield": shield}
    return out


@pytest.mark.parametrize("seed", [11, 12])
def test_aggregation_agrees_with_a_plain_loop_for_200_random_people(seed):
    rng = np.random.default_rng(seed)
    rows = []
    for p in range(200):
        for item in ("wisdom", "trust", "courage"):
            if rng.random() < 0.5:
                rows.append((f"P{p}", f"P{p}", "self", item, int(rng.integers(1, 11))))
            for group in ("superior", "peer", "subordinate", "other"):
                for r in range(int(rng.integers(0, 5))):  # 0-4 raters in each group
                    rows.append((f"P{p}", f"P{p}-{group}{r}", group, item, int(rng.integers(1, 11))))
    weights = dict(zip(("superior", "peer", "subordinate", "other"), rng.dirichlet([1, 1, 1, 1])))
    suppressed = 0
    for w in (DEFAULT_W, weights):
        expected = _reference_360(rows, w)
        got = aggregate_360(pd.DataFrame(rows, columns=RATING_COLUMNS), w).set_index(["ratee_id", "item_id"])
        assert set(got.index) == set(expected)
        for key, ref in expected.items():
            row = got.loc[key]
            for g, k in ref["n"].items():
                assert row[f"n_{g}"] == k, (key, g)
            assert row["n_others"] == ref["n_others"], key
            if math.isnan(ref["others"]):
                assert math.isnan(row["others"]), key
            else:
                assert row["others"] == pytest.approx(ref["others"], abs=1e-9), key
            for g in ("self", "superior"):  # shown whenever they rated, unless the superiors shield a small group
                hidden = not ref["n"][g] or (g == "superior" and ref["shield"] == "superior")
                assert (math.isnan(row[g]) if hidden else row[g] == pytest.approx(ref["mean"][g])), (key, g)
            for g in ("peer", "subordinate", "other"):
                if g not in ref["shown"]:
                    assert math.isnan(row[g]), (key, g)
            extra = [g for g in ref["shown"] if math.isnan(row[g])]
            if ref["suppress"]:
                # exactly one more group hidden, one of the smallest shown (which of a tie is not specified)
                assert len(extra) == 1 and ref["n"][extra[0]] == min(ref["n"][g] for g in ref["shown"]), key
                suppressed += 1
            else:
                assert extra == [], key
            for g in set(ref["shown"]) - set(extra):
                assert row[g] == pytest.approx(ref["mean"][g]), (key, g)
    assert suppressed > 20  # the random data do exercise the suppression


def test_no_ratings_give_an_empty_frame_with_every_column():
    out = aggregate_360(pd.DataFrame(columns=RATING_COLUMNS))
    assert out.empty
    assert {"self", "superior", "peer", "subordinate", "other", "others", "n_others"} <= set(out.columns)


# =============================================================================================
# Reading a review: knock-outs, totals, findings, gaps (review)
# =============================================================================================

# Seed 000: 智信仁勇严 -- 智 wisdom, 信 trust, 仁 benevolence, 勇 courage, 严 discipline.
WEI_YAN = {"wisdom": 9, "trust": 3, "benevolence": 4, "courage": 9, "discipline": 8}
FIVE_TRAITS = plain_model(*WEI_YAN, critical=("trust", "benevolence"), minimum=5)


def seven_raters(ratee: str, scores: dict, own: dict | None = None) -> pd.DataFrame:
    """Seed 000's 7 raters (superior, 3 peers, 3 subordinates), all of one mind on each item."""
    return pd.concat([rate(ratee, item, (own or {}).get(item), [s], [s] * 3, [s] * 3) for item, s in scores.items()],
                     ignore_index=True)


def test_wei_yan_fails_on_trust_and_benevolence_although_his_mean_clears_the_total():
    # Seed 000: 魏延 is not short of wisdom, courage or discipline, but trust and benevolence are fatal.
    # Mean over the five items (9 + 3 + 4 + 9 + 8) / 5 = 33 / 5 = 6.6 >= 6, yet two critical items
    # are below their minimum of 5.
    result = review(seven_raters("weiyan", WEI_YAN), FIVE_TRAITS, pass_total=6.0)
    person = result.people.set_index("ratee_id").loc["weiyan"]
    assert person["others"] == pytest.approx(6.6)
    assert person["knock_outs"] == 2
    assert person["result"] == "knock_out"
    knocked = result.items.set_index("item_id")["knocked_out"]
    assert knocked.to_dict() == {"wisdom": False, "trust": True, "benevolence": True, "courage": False,
                                 "discipline": False}


def test_a_person_at_or_above_every_minimum_with_a_mean_over_the_total_passes():
    # Trust 6 and benevolence 5.5, both at or above the minimum of 5; mean (9 + 6 + 5.5 + 9 + 8) / 5 = 7.5.
    zhao_yun = {"wisdom": 9, "trust": 6, "benevolence": 5.5, "courage": 9, "discipline": 8}
    person = review(seven_raters("zhaoyun", zhao_yun), FIVE_TRAITS).people.iloc[0]
    assert person["others"] == pytest.approx(7.5)
    assert person["knock_outs"] == 0 and person["result"] == "pass"


def test_a_mean_under_the_total_is_below_total():
    # Every item 5.5, none critical: mean 5.5 < 6.
    scores = dict.fromkeys(WEI_YAN, 5.5)
    person = review(seven_raters("p", scores), plain_model(*WEI_YAN), pass_total=6.0).people.iloc[0]
    assert person["result"] == "below_total"


def test_a_knock_out_outranks_a_low_total():
    # Mean 4 is below the total too, but the knock-out is what the result says.
    scores = dict.fromkeys(WEI_YAN, 4)
    person = review(seven_raters("p", scores), FIVE_TRAITS).people.iloc[0]
    assert person["result"] == "knock_out" and person["knock_outs"] == 2


def test_only_critical_items_knock_out():
    # A minimum on a non-critical item means nothing: 3 < 5 but trust is not critical here.
    model = pd.DataFrame({"item_id": ["trust", "wisdom"], "critical": [False, False], "min_score": [5, None]})
    result = review(seven_raters("p", {"trust": 3, "wisdom": 10}), model, pass_total=6.0)
    assert not result.items["knocked_out"].any()
    assert result.people.iloc[0]["result"] == "pass"  # (3 + 10) / 2 = 6.5


def test_three_raters_are_too_few_for_a_result():
    ratings = pd.concat([rate("p", item, 9, [7], [7, 7]) for item in WEI_YAN], ignore_index=True)
    person = review(ratings, FIVE_TRAITS).people.iloc[0]
    assert person["result"] == "too_few_raters"
    assert person["raters"] == 3
    assert math.isnan(person["others"])


@pytest.mark.parametrize("ratings, minimum", [
    (rate(peer=[5, 5, 5, 5]), 5),
    # superior 5, peers 9 9 9, subordinates 8 8 8: (0.4*5 + 0.3*9 + 0.2*8) / 0.9 = (2 + 2.7 + 1.6) / 0.9
    # = 6.3 / 0.9 = 7 exactly on paper.
    (rate(superior=[5], peer=[9, 9, 9], subordinate=[8, 8, 8]), 7),
])
def test_a_critical_item_exactly_at_its_minimum_does_not_knock_out(ratings, minimum):
    # DOMAIN §6: "below it, the person fails" -- at the minimum is not below it.
    result = review(ratings, plain_model("x", critical=("x",), minimum=minimum), pass_total=1.0)
    assert not result.items["knocked_out"].iloc[0]
    assert result.people.iloc[0]["result"] == "pass"


@pytest.mark.parametrize("ratings, total", [
    (rate(peer=[6, 6, 6, 6]), 6.0),
    (rate(superior=[5], peer=[9, 9, 9], subordinate=[8, 8, 8]), 7.0),  # 7 on paper, as above
])
def test_a_mean_exactly_at_the_total_passes(ratings, total):
    # "The mean of all raters but self that a pass needs": reaching it is enough.
    person = review(ratings, plain_model("x"), pass_total=total).people.iloc[0]
    assert person["others"] == pytest.approx(total)
    assert person["result"] == "pass"


@pytest.mark.parametrize("ratings, finding", [
    (rate(own=8.5, peer=[7, 7, 7, 7]), "blind_spot"),                                    # 8.5 - 7 = 1.5
    (rate(own=8, superior=[6], peer=[7, 8], subordinate=[5, 6, 7]), "blind_spot"),        # 8 - 6.5 = 1.5
    (rate(own=5.5, peer=[7, 7, 7, 7]), "hidden_strength"),                               # 5.5 - 7 = -1.5
    (rate(own=5, superior=[6], peer=[7, 8], subordinate=[5, 6, 7]), "hidden_strength"),   # 5 - 6.5 = -1.5
], ids=["blind-spot-one-group", "blind-spot-mixed-groups", "hidden-strength-one-group",
        "hidden-strength-mixed-groups"])
def test_a_self_gap_of_exactly_the_threshold_is_a_finding(ratings, finding):
    # blind_spot_gap 1.5: "self above others by at least this much" -- inclusive.
    row = review(ratings, plain_model("x"), blind_spot_gap=1.5).items.iloc[0]
    assert row["self_gap"] == pytest.approx(1.5 if finding == "blind_spot" else -1.5)
    assert row["finding"] == finding


@pytest.mark.parametrize("own", [8.4, 5.6, 7.0])
def test_a_self_gap_just_inside_the_threshold_is_no_finding(own):
    # 8.4 - 7 = 1.4 and 5.6 - 7 = -1.4 are inside +-1.5.
    row = review(rate(own=own, peer=[7, 7, 7, 7]), plain_model("x"), blind_spot_gap=1.5).items.iloc[0]
    assert row["finding"] == ""


def test_a_wider_blind_spot_gap_setting_moves_the_line():
    # self 9 vs others 7: a gap of 2 is a blind spot at 1.5 but not at 2.5.
    ratings = rate(own=9, peer=[7, 7, 7, 7])
    assert review(ratings, plain_model("x"), blind_spot_gap=1.5).items.iloc[0]["finding"] == "blind_spot"
    assert review(ratings, plain_model("x"), blind_spot_gap=2.5).items.iloc[0]["finding"] == ""


def test_the_gap_is_others_minus_target_and_the_self_gap_self_minus_others():
    # others = (0.4*6 + 0.3*5) / 0.7 = (2.4 + 1.5) / 0.7 = 3.9 / 0.7 = 5.5714...; target 7; self 9.
    targets = pd.DataFrame({"ratee_id": ["E1"], "item_id": ["x"], "target_score": [7.0]})
    row = review(rate(own=9, superior=[6], peer=[5, 5, 5]), plain_model("x"), targets).items.iloc[0]
    assert row["target"] == 7.0
    assert row["gap"] == pytest.approx(3.9 / 0.7 - 7)
    assert row["self_gap"] == pytest.approx(9 - 3.9 / 0.7)


def test_people_figures_are_means_over_items_and_the_gap_only_over_items_with_a_target():
    # Item x: self 9, four peers on 8; item y: self 5, four peers on 6. Only x has a target (7).
    # others (8 + 6) / 2 = 7; self (9 + 5) / 2 = 7; gap = 8 - 7 = 1 (y has none); 4 raters.
    ratings = pd.concat([rate(item="x", own=9, peer=[8] * 4), rate(item="y", own=5, peer=[6] * 4)],
                        ignore_index=True)
    targets = pd.DataFrame({"ratee_id": ["E1"], "item_id": ["x"], "target_score": [7.0]})
    person = review(ratings, plain_model("x", "y"), targets).people.iloc[0]
    assert person["others"] == pytest.approx(7.0)
    assert person["self"] == pytest.approx(7.0)
    assert person["gap"] == pytest.approx(1.0)
    assert person["raters"] == 4


def test_findings_are_counted_per_person():
    # x: 9.5 vs 7 (blind spot); y: 4 vs 7 (hidden strength); z: 7 vs 7 (none).
    ratings = pd.concat([rate(item=i, own=s, peer=[7] * 4) for i, s in (("x", 9.5), ("y", 4), ("z", 7))],
                        ignore_index=True)
    person = review(ratings, plain_model("x", "y", "z")).people.iloc[0]
    assert (person["blind_spots"], person["hidden_strengths"]) == (1, 1)


def test_each_person_gets_their_own_result():
    ratings = pd.concat([seven_raters("weiyan", WEI_YAN), seven_raters("zhaoyun", dict.fromkeys(WEI_YAN, 8))],
                        ignore_index=True)
    people = review(ratings, FIVE_TRAITS).people.set_index("ratee_id")
    assert people["result"].to_dict() == {"weiyan": "knock_out", "zhaoyun": "pass"}


@pytest.mark.parametrize("gap", [0, -1, 9.5, float("nan")])
def test_a_blind_spot_gap_outside_zero_to_nine_is_refused(gap):
    with pytest.raises(ValueError, match="blind_spot_gap"):
        review(rate(peer=[5] * 4), plain_model("x"), blind_spot_gap=gap)


@pytest.mark.parametrize("total", [0.5, 10.5, float("nan")])
def test_a_pass_total_off_the_ten_point_scale_is_refused(total):
    with pytest.raises(ValueError, match="pass_total"):
        review(rate(peer=[5] * 4), plain_model("x"), pass_total=total)


# =============================================================================================
# Development actions
# =============================================================================================

ACTION_MODEL = pd.DataFrame({
    "item_id": ["wisdom", "trust", "benevolence", "courage", "discipline"],
    "name_en": ["Wisdom", "Trust", "Benevolence", "Courage", "Discipline"],
    "name_zh": ["智", "信", "仁", None, "严"],
    "development_en": ["Strategy course", "Keeping promises", "Coaching", "Taking risks", "Rules and rewards"],
    "development_zh": ["谋略课程", None, "辅导", "担当", "赏罚分明"],
})


def gaps(**by_item) -> pd.DataFrame:
    """Person rows: item -> gap, or (gap, knocked_out)."""
    rows = [(i, *(v if isinstance(v, tuple) else (v, False))) for i, v in by_item.items()]
    return pd.DataFrame(rows, columns=["item_id", "gap", "knocked_out"])


def test_the_largest_shortfalls_come_first_and_only_items_below_target():
    rows = gaps(wisdom=-0.5, trust=-2.0, benevolence=0.0, courage=1.0, discipline=-1.25)
    out = development_actions(rows, ACTION_MODEL, n=5)
    assert out["item_id"].tolist() == ["trust", "discipline", "wisdom"]  # -2 < -1.25 < -0.5; 0 and +1 are not short
    assert out["gap"].tolist() == [-2.0, -1.25, -0.5]
    assert out["action"].tolist() == ["Keeping promises", "Rules and rewards", "Strategy course"]


def test_knocked_out_items_come_first_whatever_their_gap():
    # benevolence is only 0.5 short but knocked out; it leads the larger shortfall on wisdom.
    rows = gaps(wisdom=-3.0, benevolence=(-0.5, True), courage=-1.0)
    assert development_actions(rows, ACTION_MODEL)["item_id"].tolist() == ["benevolence", "wisdom", "courage"]


def test_a_knocked_out_item_without_a_target_still_gets_its_action():
    rows = gaps(wisdom=-1.0, trust=(float("nan"), True))
    assert development_actions(rows, ACTION_MODEL)["item_id"].tolist() == ["trust", "wisdom"]


def test_at_most_n_actions_are_given():
    rows = gaps(wisdom=-0.5, trust=-2.0, benevolence=-1.0, courage=-3.0, discipline=-1.25)
    assert development_actions(rows, ACTION_MODEL, n=2)["item_id"].tolist() == ["courage", "trust"]
    assert len(development_actions(rows, ACTION_MODEL)) == 3  # the default n


def test_nobody_short_of_target_gets_no_actions():
    assert development_actions(gaps(wisdom=0.0, trust=2.0), ACTION_MODEL).empty


def test_chinese_names_and_actions_fall_back_to_english_where_missing():
    rows = gaps(wisdom=-1.0, trust=-2.0, courage=-0.5)
    out = development_actions(rows, ACTION_MODEL, lang="zh")
    # trust: name 信, no Chinese action -> English; wisdom: both Chinese; courage: no Chinese name -> English.
    assert out["item"].tolist() == ["信", "智", "Courage"]
    assert out["action"].tolist() == ["Keeping promises", "谋略课程", "担当"]


# =============================================================================================
# Qualification (任职资格): basic conditions of one's own job and level, and of the next
# =============================================================================================

EDUCATION_ORDER = ["high_school", "college", "bachelor", "master", "doctor"]  # DOMAIN §6 / schema, lowest first
LADDER = pd.DataFrame({"job_id": ["REP", "SUP", "MGR"], "next_job_id": ["SUP", "MGR", None]})


def person(**values) -> dict:
    base = {"employee_id": "P", "job_id": "REP", "job_level": 1, "education": "master", "major": "marketing",
            "experience_years": 20.0, "years_in_job": 10.0, "cert_level": 5}
    return {**base, **values}


def standard(**values) -> dict:
    base = {"job_id": "REP", "level": 1, "education_min": None, "major": None, "years_experience": None,
            "years_in_job": None, "certification_level": None}
    return {**base, **values}


def qualify(people: list[dict], reqs: list[dict], jobs: pd.DataFrame = LADDER) -> pd.DataFrame:
    return qualification(pd.DataFrame(people), pd.DataFrame(reqs), jobs).set_index("employee_id")


def test_education_is_met_at_or_above_the_minimum_in_order():
    people, reqs = [], []
    for need in EDUCATION_ORDER:
        reqs.append(standard(job_id=f"J-{need}", education_min=need))
        people += [person(employee_id=f"{have}>={need}", job_id=f"J-{need}", education=have)
                   for have in EDUCATION_ORDER]
    out = qualify(people, reqs, pd.DataFrame({"job_id": [], "next_job_id": []}))
    for have in EDUCATION_ORDER:
        for need in EDUCATION_ORDER:
            met = EDUCATION_ORDER.index(have) >= EDUCATION_ORDER.index(need)
            row = out.loc[f"{have}>={need}"]
            assert bool(row["own_meets"]) is met, (have, need)
            assert row["own_unmet"] == ("" if met else "education")


@pytest.mark.parametrize("major, met", [
    ("Finance and Banking", True),     # "finance", case aside
    ("会计学", True),                   # "会计" after the full-width comma
    ("Internal Audit", True),          # "audit" after the semicolon
    ("Accounting", True),              # the first alternative
    ("Marketing", False),
    (None, False),                     # unknown major, condition set
])
def test_a_major_meets_when_it_contains_any_listed_keyword(major, met):
    out = qualify([person(major=major)], [standard(major="accounting/finance;audit，会计")])
    assert bool(out.loc["P", "own_meets"]) is met
    assert out.loc["P", "own_unmet"] == ("" if met else "major")


@pytest.mark.parametrize("condition, have_column, need_column", [
    ("experience", "experience_years", "years_experience"),
    ("years_in_job", "years_in_job", "years_in_job"),
])
@pytest.mark.parametrize("have, met", [(3.0, True), (3.5, True), (2.99, False), (None, False)])
def test_years_are_met_from_exactly_the_number_asked(condition, have_column, need_column, have, met):
    out = qualify([person(**{have_column: have})], [standard(**{need_column: 3})])
    assert bool(out.loc["P", "own_meets"]) is met
    assert out.loc["P", "own_unmet"] == ("" if met else condition)


@pytest.mark.parametrize("held, met", [(2, True), (3, True), (1, False), (None, False)])
def test_a_certificate_at_or_above_the_level_asked_meets(held, met):
    out = qualify([person(cert_level=held)], [standard(certification_level=2)])
    assert bool(out.loc["P", "own_meets"]) is met


def test_an_unknown_education_fails_a_set_minimum():
    out = qualify([person(education=None)], [standard(education_min="high_school")])
    assert out.loc["P", "own_unmet"] == "education"


def test_a_standard_that_sets_nothing_is_met_by_anyone_even_with_nothing_known():
    blank = person(education=None, major=None, experience_years=None, years_in_job=None, cert_level=None)
    out = qualify([blank], [standard()])
    assert bool(out.loc["P", "own_meets"]) is True and out.loc["P", "own_unmet"] == ""


def test_unmet_conditions_are_listed_in_the_order_they_are_checked():
    # Fails all five; the list follows CONDITIONS: education, major, experience, years in job, certification.
    weak = person(education="college", major="history", experience_years=1.0, years_in_job=0.5, cert_level=1)
    req = standard(education_min="bachelor", major="marketing", years_experience=2, years_in_job=1,
                   certification_level=2)
    out = qualify([weak], [req])
    assert out.loc["P", "own_unmet"] == "education,major,experience,years_in_job,certification"
    assert out.loc["P", "own_unmet"].split(",") == list(CONDITIONS)


def test_a_job_without_a_standard_has_no_verdict():
    out = qualify([person(job_id="SUP")], [standard(job_id="REP")])
    assert pd.isna(out.loc["P", "own_meets"]) and out.loc["P", "own_unmet"] == ""


def test_an_empty_job_level_means_level_one():
    out = qualify([person(job_level=None)], [standard(level=1, certification_level=9)])
    assert out.loc["P", "level"] == 1 and out.loc["P", "own_unmet"] == "certification"


def test_the_next_step_is_the_same_job_one_level_up_when_it_has_a_standard():
    # REP has levels 1 and 2: a level-1 rep looks at REP 2 (college < bachelor fails there).
    reqs = [standard(level=1, education_min="college"), standard(level=2, education_min="bachelor")]
    out = qualify([person(education="college")], reqs)
    row = out.loc["P"]
    assert (row["next_job_id"], int(row["next_level"])) == ("REP", 2)
    assert bool(row["own_meets"]) is True and bool(row["next_meets"]) is False
    assert row["next_unmet"] == "education"


def test_the_next_step_is_level_one_of_the_next_job_up_the_path_otherwise():
    # REP has only level 1; the path goes REP -> SUP, whose level 1 asks for 3 years' experience.
    reqs = [standard(level=1), standard(job_id="SUP", level=1, years_experience=3)]
    out = qualify([person(experience_years=2.0), person(employee_id="Q", experience_years=4.0)], reqs)
    assert (out.loc["P", "next_job_id"], int(out.loc["P", "next_level"])) == ("SUP", 1)
    assert bool(out.loc["P", "next_meets"]) is False and out.loc["P", "next_unmet"] == "experience"
    assert bool(out.loc["Q", "next_meets"]) is True


def test_the_top_level_of_a_job_leads_to_level_one_of_the_next_job():
    # REP has levels 1 and 2; a level-2 rep is at the top of REP, so the next step is SUP level 1 (not 2, 3).
    reqs = [standard(level=1), standard(level=2), standard(job_id="SUP", level=1, certification_level=3)]
    out = qualify([person(job_level=2, cert_level=2)], reqs)
    assert (out.loc["P", "next_job_id"], int(out.loc["P", "next_level"])) == ("SUP", 1)
    assert out.loc["P", "next_unmet"] == "certification"


def test_the_top_of_the_ladder_has_no_next_step():
    out = qualify([person(job_id="MGR"), person(employee_id="Q")], [standard(job_id="MGR"), standard()])
    row = out.loc["P"]
    assert pd.isna(row["next_job_id"]) and pd.isna(row["next_level"]) and pd.isna(row["next_meets"])
    assert bool(row["own_meets"]) is True
    assert out.loc["Q", "next_job_id"] == "SUP"


@pytest.mark.parametrize("paths", [{"REP": None, "SUP": None}, {"REP": "SUP", "SUP": None}],
                         ids=["no-career-paths-entered", "supervisors-at-the-top-of-rep-to-sup"])
def test_people_are_read_when_none_of_them_has_a_next_step(fresh_db, paths):
    # Everyone assessed sits in SUP, which has no next job and one level: nobody has a next step. The jobs
    # frame is read the way the qualification page reads it (SELECT job_id, next_job_id FROM jobs).
    fresh_db.upsert("jobs", pd.DataFrame({"job_id": list(paths), "next_job_id": list(paths.values())}))
    jobs = fresh_db.query("SELECT job_id, next_job_id FROM jobs")
    people = [person(job_id="SUP", education="bachelor"), person(employee_id="Q", job_id="SUP", education="college")]
    out = qualify(people, [standard(job_id="SUP", education_min="bachelor")], jobs)
    assert out["own_meets"].map(bool).to_dict() == {"P": True, "Q": False}
    assert out["next_job_id"].isna().all() and out["next_meets"].isna().all()


def test_a_next_job_without_a_standard_has_no_verdict_for_the_next_step():
    out = qualify([person()], [standard()])  # SUP has no standard
    assert out.loc["P", "next_job_id"] == "SUP" and pd.isna(out.loc["P", "next_meets"])


# =============================================================================================
# Certification: levels one at a time (held_levels, skipped_levels)
# =============================================================================================

def cert(employee, level, stage, on, result="pass", course=None, track="cs") -> dict:
    return {"employee_id": employee, "track_id": track, "level": level, "stage": stage, "course": course,
            "result": result, "exam_date": pd.Timestamp(on)}


def records(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["employee_id", "track_id", "level", "stage", "course", "result",
                                             "exam_date"])


def held_by(frame: pd.DataFrame) -> dict:
    return dict(zip(frame["employee_id"], frame["held_level"]))


def test_the_held_level_is_the_highest_reached_one_level_at_a_time():
    r = records(cert("A", 1, "review", "2024-01-10"), cert("A", 2, "review", "2025-03-01"),
                cert("B", 1, "review", "2024-06-01"), cert("B", 3, "review", "2025-06-01"),  # no level 2
                cert("C", 2, "review", "2024-06-01"))                                         # no level 1
    held = held_levels(r).set_index("employee_id")
    assert held["held_level"].to_dict() == {"A": 2, "B": 1, "C": 0}
    assert held.loc["A", "certified_on"] == pd.Timestamp("2025-03-01")
    assert held.loc["B", "certified_on"] == pd.Timestamp("2024-06-01")
    assert pd.isna(held.loc["C", "certified_on"])


def test_only_passed_reviews_make_a_certificate():
    r = records(cert("A", 1, "review", "2024-01-10", result="fail"), cert("A", 1, "course_exam", "2024-01-01",
                course="a"), cert("A", 1, "ability_test", "2024-01-05"), cert("B", 1, "review", "2024-02-01"))
    assert held_by(held_levels(r)).get("A", 0) == 0
    assert held_by(held_levels(r))["B"] == 1


def test_levels_are_held_per_track():
    r = records(cert("A", 1, "review", "2024-01-10"), cert("A", 2, "review", "2024-05-01"),
                cert("A", 1, "review", "2024-03-01", track="sales"))
    held = held_levels(r).set_index("track_id")["held_level"].to_dict()
    assert held == {"cs": 2, "sales": 1}


def test_a_level_passed_before_the_level_below_does_not_count():
    # Levels are taken one at a time (DOMAIN §6, seed 004 第十五条: 不能越级申报). A passed level 2 on
    # 2024-03-01 and level 1 only on 2024-06-01; B passed both on the same day. Neither had level 1 when
    # taking level 2 -- exactly what skipped_levels calls a skip -- so both hold level 1, not 2.
    r = records(cert("A", 2, "review", "2024-03-01"), cert("A", 1, "review", "2024-06-01"),
                cert("B", 1, "review", "2024-06-01"), cert("B", 2, "review", "2024-06-01"))
    assert sorted(skipped_levels(r)["employee_id"]) == ["A", "B"]  # the module's own rule flags both
    assert held_by(held_levels(r)) == {"A": 1, "B": 1}


def test_a_record_at_level_two_on_the_day_of_the_level_one_review_is_a_skip():
    # "level L needs a passed review at L - 1 *before* its date": the same day is not before.
    r = records(cert("A", 1, "review", "2025-01-10"), cert("A", 2, "course_exam", "2025-01-10", course="c"))
    skipped = skipped_levels(r)
    assert skipped["row"].tolist() == [1] and skipped["level"].tolist() == [2]


def test_a_record_at_level_two_after_the_level_one_review_is_fine():
    r = records(cert("A", 1, "review", "2025-01-10"), cert("A", 2, "course_exam", "2025-01-11", course="c"))
    assert skipped_levels(r).empty


def test_a_record_two_levels_up_is_a_skip_and_level_one_never_is():
    r = records(cert("A", 1, "course_exam", "2024-01-01", course="a"),   # row 0: level 1, fine
                cert("A", 1, "review", "2024-02-01"),                    # row 1
                cert("A", 3, "course_exam", "2024-03-01", course="d"),   # row 2: level 2 never passed
                cert("B", 2, "ability_test", "2024-03-01"))              # row 3: level 1 never passed
    assert skipped_levels(r)["row"].tolist() == [2, 3]


def test_a_failed_review_below_does_not_open_the_next_level():
    r = records(cert("A", 1, "review", "2025-01-10", result="fail"), cert("A", 2, "course_exam", "2025-02-01",
                                                                           course="c"))
    assert skipped_levels(r)["row"].tolist() == [1]


def test_skips_are_judged_against_the_history_on_file():
    history = records(cert("A", 1, "review", "2025-01-10"))
    new = records(cert("A", 2, "course_exam", "2025-02-01", course="c"),
                  cert("B", 2, "course_exam", "2025-02-01", course="c"))
    assert skipped_levels(new)["row"].tolist() == [0, 1]       # without the history, A skips too
    out = skipped_levels(new, history)
    assert out["row"].tolist() == [1] and out["employee_id"].tolist() == ["B"]


def test_the_level_below_is_looked_up_on_the_same_track():
    history = records(cert("A", 1, "review", "2025-01-10", track="sales"))
    new = records(cert("A", 2, "course_exam", "2025-02-01", course="c", track="cs"))
    assert skipped_levels(new, history)["row"].tolist() == [0]


# =============================================================================================
# Certification: where each person stands (certification_status)
# =============================================================================================

# Track cs: courses a and b from level 1, c from level 2, d from level 3; three levels.
COURSES = pd.DataFrame({"track_id": "cs", "course_id": ["a", "b", "c", "d"], "from_level": [1, 1, 2, 3]})
LEVELS = pd.DataFrame({"track_id": "cs", "level": [1, 2, 3]})


def status_of(*rows: dict) -> pd.DataFrame:
    return certification_status(records(*rows), COURSES, LEVELS).set_index("employee_id")


def test_a_higher_level_requires_the_courses_of_every_level_below():
    # Seeking 1: a, b = 2; seeking 2: a, b, c = 3; seeking 3: a, b, c, d = 4; at the top nothing is sought.
    s = status_of(cert("N", 1, "course_exam", "2024-01-01", course="a", result="fail"),
                  cert("L1", 1, "review", "2024-01-10"),
                  cert("L2", 1, "review", "2024-01-10"), cert("L2", 2, "review", "2024-09-10"),
                  cert("L3", 1, "review", "2023-01-10"), cert("L3", 2, "review", "2023-09-10"),
                  cert("L3", 3, "review", "2024-09-10"))
    assert s["held_level"].to_dict() == {"N": 0, "L1": 1, "L2": 2, "L3": 3}
    assert s["courses_required"].to_dict() == {"N": 2, "L1": 3, "L2": 4, "L3": 0}
    assert [int(v) for v in s["seeking"].iloc[:3]] == [1, 2, 3]
    assert pd.isna(s.loc["L3", "seeking"]) and s.loc["L3", "stage"] == "top"


def test_status_given_the_held_levels_matches_status_working_them_out():
    # The page works out held levels once and hands them over; the answer must not depend on who computed them.
    rows = records(cert("A", 1, "review", "2024-01-10"), cert("A", 2, "course_exam", "2024-03-01", course="a"),
                   cert("B", 1, "review", "2023-01-10"), cert("B", 2, "review", "2024-02-01"),
                   cert("C", 1, "course_exam", "2024-01-01", course="b"))
    pd.testing.assert_frame_equal(certification_status(rows, COURSES, LEVELS, held_levels(rows)),
                                  certification_status(rows, COURSES, LEVELS))


def test_the_stages_run_courses_then_ability_test_then_review():
    s = status_of(cert("C", 1, "course_exam", "2024-01-01", course="a"),
                  cert("T", 1, "course_exam", "2024-01-01", course="a"),
                  cert("T", 1, "course_exam", "2024-01-02", course="b"),
                  cert("R", 1, "course_exam", "2024-01-01", course="a"),
                  cert("R", 1, "course_exam", "2024-01-02", course="b"),
                  cert("R", 1, "ability_test", "2024-01-05"))
    assert s["stage"].to_dict() == {"C": "courses", "T": "ability_test", "R": "review"}
    assert s["courses_passed"].to_dict() == {"C": 1, "T": 2, "R": 2}
    assert s["ability_passed"].to_dict() == {"C": False, "T": False, "R": True}


def test_a_course_passed_before_a_failed_review_no_longer_counts():
    # Seed 004 §8.4.2: course scores stay valid until the next review. P passed a, b and the ability test,
    # then failed the review: everything starts again. Q did the same and has since passed a again.
    before = [("course_exam", "2024-02-01", "a"), ("course_exam", "2024-02-02", "b"),
              ("ability_test", "2024-03-01", None)]
    rows = [cert(who, 1, stage, on, course=c) for who in ("P", "Q") for stage, on, c in before]
    rows += [cert(who, 1, "review", "2024-04-01", result="fail") for who in ("P", "Q")]
    rows.append(cert("Q", 1, "course_exam", "2024-05-01", course="a"))
    s = status_of(*rows)
    assert s["courses_passed"].to_dict() == {"P": 0, "Q": 1}
    assert s["ability_passed"].to_dict() == {"P": False, "Q": False}
    assert s["stage"].to_dict() == {"P": "courses", "Q": "courses"}
    assert s["held_level"].to_dict() == {"P": 0, "Q": 0}


def test_after_a_passed_review_the_next_level_starts_from_zero():
    # Level 1 done in full; level 2 needs a, b and c again, passed at level 2 after the level-1 review.
    s = status_of(cert("P", 1, "course_exam", "2024-02-01", course="a"),
                  cert("P", 1, "course_exam", "2024-02-02", course="b"),
                  cert("P", 1, "ability_test", "2024-03-01"),
                  cert("P", 1, "review", "2024-04-01")).loc["P"]
    assert (s["held_level"], int(s["seeking"])) == (1, 2)
    assert (s["courses_passed"], s["courses_required"], s["stage"]) == (0, 3, "courses")
    assert s["certified_on"] == pd.Timestamp("2024-04-01")


def test_failed_attempts_repeats_and_courses_from_above_do_not_add_up():
    # Seeking 2 (needs a, b, c): a failed then passed, b passed twice, d belongs to level 3, zzz to no track.
    s = status_of(cert("P", 1, "review", "2024-01-10"),
                  cert("P", 2, "course_exam", "2024-02-01", course="a", result="fail"),
                  cert("P", 2, "course_exam", "2024-03-01", course="a"),
                  cert("P", 2, "course_exam", "2024-02-01", course="b"),
                  cert("P", 2, "course_exam", "2024-03-01", course="b"),
                  cert("P", 2, "course_exam", "2024-03-01", course="d"),
                  cert("P", 2, "course_exam", "2024-03-01", course="zzz"),
                  cert("P", 2, "ability_test", "2024-03-05", result="fail")).loc["P"]
    assert (s["courses_passed"], s["courses_required"]) == (2, 3)   # a and b
    assert not s["ability_passed"] and s["stage"] == "courses"


def test_courses_passed_at_another_level_do_not_count_for_the_level_sought():
    # P holds level 1 and seeks 2; passing a and b again *at level 1* after the review does not count.
    s = status_of(cert("P", 1, "review", "2024-01-10"),
                  cert("P", 1, "course_exam", "2024-02-01", course="a"),
                  cert("P", 1, "course_exam", "2024-02-01", course="b")).loc["P"]
    assert s["courses_passed"] == 0


# =============================================================================================
# Certification coverage: who in a certified job holds its certificate, who is overdue
# =============================================================================================

TIED = pd.DataFrame({"track_id": ["cs", "cs", "cs"], "level": [1, 2, 3], "job_id": ["REP1", "REP2", None]})


def staff(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["employee_id", "job_id", "hire_date"]).assign(
        hire_date=lambda f: pd.to_datetime(f["hire_date"]))


def holding(**levels) -> pd.DataFrame:
    return pd.DataFrame({"employee_id": list(levels), "track_id": "cs", "held_level": list(levels.values())})


@pytest.mark.parametrize("as_of, overdue", [
    (date(2026, 10, 14), False),
    (date(2026, 10, 15), False),  # hired 15 January, 6 months' probation to 15 July, + 3 months = 15 October
    (date(2026, 10, 16), True),
])
def test_level_one_is_due_three_months_after_probation_ends(as_of, overdue):
    # Issue 29 item 11, seed 004 §15(4): 试用期员工转正后…在三个月内必须取得一级客户代表的任职资格. With the default
    # probation of 6 months the due date is hire + 9 months, not hire + 6 (15 July would already be late before).
    row = coverage(staff(("new", "REP1", "2026-01-15")), holding(), TIED, as_of).iloc[0]
    assert row["due"] == pd.Timestamp("2026-10-15")
    assert not row["certified"] and bool(row["overdue"]) is overdue


def test_the_deadline_follows_the_probation_setting():
    # A 3-month probation ends 15 April; level 1 is due three months later, 15 July.
    row = coverage(staff(("new", "REP1", "2026-01-15")), holding(), TIED, date(2026, 7, 16), probation_months=3)
    assert row.iloc[0]["due"] == pd.Timestamp("2026-07-15") and row.iloc[0]["overdue"]
    assert competency.AFTER_PROBATION_MONTHS == 3


def test_a_higher_level_job_needs_its_certificate_from_the_hire_date():
    # REP2 requires level 2 at once: hired 14 July, not certified -> overdue on 15 July; holding level 1
    # is not enough; holding 2 (or more) is.
    people = staff(("p", "REP2", "2026-07-14"), ("q", "REP2", "2026-07-14"), ("r", "REP2", "2026-07-14"))
    out = coverage(people, holding(q=1, r=2), TIED, date(2026, 7, 15)).set_index("employee_id")
    assert out["required"].tolist() == [2, 2, 2]
    assert out["due"].tolist() == [pd.Timestamp("2026-07-14")] * 3
    assert out["certified"].to_dict() == {"p": False, "q": False, "r": True}
    assert out["overdue"].to_dict() == {"p": True, "q": True, "r": False}


def test_a_higher_certificate_covers_a_lower_job_and_uncertified_jobs_are_left_out():
    people = staff(("a", "REP1", "2020-01-01"), ("b", "CLERK", "2020-01-01"))
    out = coverage(people, holding(a=3), TIED, date(2026, 1, 1))
    assert out["employee_id"].tolist() == ["a"]
    assert bool(out.iloc[0]["certified"]) and not out.iloc[0]["overdue"]


def test_a_negative_probation_is_refused():
    with pytest.raises(ValueError, match="probation_months"):
        coverage(staff(("a", "REP1", "2020-01-01")), holding(), TIED, date(2026, 1, 1), probation_months=-1)


# =============================================================================================
# Storage: settings
# =============================================================================================

def test_settings_default_to_the_documented_values(fresh_db):
    settings = load_settings(fresh_db)
    assert settings["weights"] == DEFAULT_W
    assert settings["pass_rate"] == 0.8 and settings["probation_months"] == 6


def test_good_settings_round_trip(fresh_db):
    save_settings(fresh_db, {"weights": {"superior": 0.5, "peer": 0.5}, "pass_total": 7})
    settings = load_settings(fresh_db)
    assert settings["weights"] == {"superior": 0.5, "peer": 0.5, "subordinate": 0.0, "other": 0.0}
    assert settings["pass_total"] == 7


@pytest.mark.parametrize("bad, name", [
    ({"weights": {"superior": 0.6, "peer": 0.6}}, "weights"),
    ({"weights": {"self": 1.0}}, "weights"),
    ({"blind_spot_gap": 0}, "blind_spot_gap"),
    ({"pass_total": 11}, "pass_total"),
    ({"pass_rate": 1.5}, "pass_rate"),
    ({"probation_months": -1}, "probation_months"),
    ({"probation_months": 2.5}, "probation_months"),
])
def test_bad_settings_are_refused_and_nothing_is_saved(fresh_db, bad, name):
    save_settings(fresh_db, {"pass_total": 7})
    with pytest.raises(ValueError, match=name):
        save_settings(fresh_db, {"pass_total": 8, **bad})
    assert load_settings(fresh_db)["pass_total"] == 7   # the earlier save stands, the bad one left nothing


# =============================================================================================
# Storage: models and target profiles
# =============================================================================================

def model_items(*ids, critical=(), minimum=5) -> pd.DataFrame:
    return pd.DataFrame({"item_id": list(ids), "name_en": [i.title() for i in ids], "layer": "trait",
                         "kind": "general", "critical": [i in critical for i in ids],
                         "min_score": [minimum if i in critical else None for i in ids]})


def anchors_for(*ids) -> pd.DataFrame:
    return pd.DataFrame([(i, b, f"{i} {b}", None) for i in ids for b in ("9-10", "1-2")],
                        columns=["item_id", "band", "text_en", "text_zh"])


def test_saving_a_model_replaces_its_items_and_anchors(fresh_db):
    save_model(fresh_db, "LEAD", "Leadership", "智信仁勇严", model_items("wisdom", "trust", critical=("trust",)),
               anchors_for("wisdom", "trust"))
    save_model(fresh_db, "LEAD", "Leadership", "智信仁勇严", model_items("wisdom", "courage"), anchors_for("courage"))
    items = fresh_db.table("comp_items")
    assert sorted(items["item_id"]) == ["courage", "wisdom"]
    assert set(fresh_db.table("comp_anchors")["item_id"]) == {"courage"}
    assert fresh_db.table("comp_models")["name_zh"].tolist() == ["智信仁勇严"]


def test_a_critical_item_keeps_its_minimum(fresh_db):
    save_model(fresh_db, "LEAD", None, None, model_items("wisdom", "trust", critical=("trust",), minimum=5))
    items = fresh_db.table("comp_items").set_index("item_id")
    assert bool(items.loc["trust", "critical"]) and items.loc["trust", "min_score"] == 5
    assert not items.loc["wisdom", "critical"]


def test_a_critical_item_without_a_minimum_is_refused_and_nothing_is_written(fresh_db):
    save_model(fresh_db, "LEAD", "Leadership", None, model_items("wisdom"), anchors_for("wisdom"))
    bad = model_items("wisdom", "trust", critical=("trust",), minimum=None)
    with pytest.raises(ValueError, match="min_score"):
        save_model(fresh_db, "LEAD", "Renamed", None, bad)
    assert fresh_db.table("comp_items")["item_id"].tolist() == ["wisdom"]
    assert len(fresh_db.table("comp_anchors")) == 2
    assert fresh_db.table("comp_models")["name_en"].tolist() == ["Leadership"]


def test_an_item_id_of_another_model_is_refused_and_nothing_is_written(fresh_db):
    save_model(fresh_db, "LEAD", None, None, model_items("wisdom", "trust"))
    with pytest.raises(ValueError, match="another model"):
        save_model(fresh_db, "MGMT", None, None, model_items("teamwork", "trust"))
    assert fresh_db.table("comp_models")["model_id"].tolist() == ["LEAD"]
    assert fresh_db.query("SELECT model_id, item_id FROM comp_items ORDER BY item_id").values.tolist() == [
        ["LEAD", "trust"], ["LEAD", "wisdom"]]


def test_a_new_item_gets_an_id_made_from_its_name_never_one_already_used(fresh_db):
    save_model(fresh_db, "LEAD", None, None, model_items("trust"))
    fresh_db.upsert("comp_targets", pd.DataFrame({"job_id": ["J1"], "level": [1], "item_id": ["courage"],
                                                  "target_score": [6.0]}))  # an id a target profile still uses
    added = pd.DataFrame({"item_id": [None, "", None], "name_en": ["Trust", "Courage", None],
                          "name_zh": [None, None, "仁"], "layer": "trait", "kind": "general", "critical": False,
                          "min_score": None})
    save_model(fresh_db, "LEAD", None, None, pd.concat([model_items("trust"), added], ignore_index=True))
    items = fresh_db.query("SELECT item_id, name_en, name_zh FROM comp_items ORDER BY item_id").astype(object)
    items = items.where(items.notna(), None)
    # trust is LEAD's own, courage a target's: the new items take the next free number; a Chinese name, "item".
    assert items.values.tolist() == [["courage_2", "Courage", None], ["item", None, "仁"], ["trust", "Trust", None],
                                     ["trust_2", "Trust", None]]


def test_a_new_model_gets_its_id_from_its_name_and_a_nameless_item_is_refused(fresh_db):
    made = save_model(fresh_db, None, "Sales leadership", "销售领导力", model_items("drive"))
    assert made == "sales_leadership"
    assert save_model(fresh_db, "", "Sales leadership", None, model_items("focus")) == "sales_leadership_2"
    nameless = pd.DataFrame({"item_id": [None], "name_en": [None], "name_zh": [" "], "layer": "trait",
                             "kind": "general", "critical": False, "min_score": None})
    with pytest.raises(ValueError, match="every item needs a name"):
        save_model(fresh_db, "sales_leadership", None, None, nameless)
    with pytest.raises(ValueError, match="a model needs a name"):
        save_model(fresh_db, None, " ", None, model_items("grit"))


def test_a_model_is_replaced_in_one_transaction(fresh_db):
    save_model(fresh_db, "LEAD", None, None, model_items("wisdom", "trust"), anchors_for("wisdom"))
    twice = pd.concat([anchors_for("courage"), anchors_for("courage")], ignore_index=True)  # same key twice
    with pytest.raises((ValueError, duckdb.Error)):   # refused up front or by the key: either way, all or nothing
        save_model(fresh_db, "LEAD", None, None, model_items("courage"), twice)
    # The failed anchor insert took the deleted and inserted items with it.
    assert sorted(fresh_db.table("comp_items")["item_id"]) == ["trust", "wisdom"]
    assert set(fresh_db.table("comp_anchors")["item_id"]) == {"wisdom"}


def test_target_profiles_are_replaced_per_job_and_level(fresh_db):
    save_targets(fresh_db, "REP", 1, {"wisdom": 7, "trust": 8, "courage": None})
    save_targets(fresh_db, "REP", 2, {"wisdom": 9})
    save_targets(fresh_db, "REP", 1, {"wisdom": 1, "trust": 10})   # both ends of the scale are fine
    assert competency.targets(fresh_db, "REP", 1).set_index("item_id")["target_score"].to_dict() == {
        "wisdom": 1.0, "trust": 10.0}
    assert competency.targets(fresh_db, "REP", 2)["target_score"].tolist() == [9.0]


@pytest.mark.parametrize("score", [11, 0, 0.99, 10.01])
def test_a_target_off_the_ten_point_scale_is_refused_and_nothing_is_written(fresh_db, score):
    save_targets(fresh_db, "REP", 1, {"wisdom": 7})
    with pytest.raises(ValueError, match="target_score"):
        save_targets(fresh_db, "REP", 1, {"trust": 8, "wisdom": score})
    assert competency.targets(fresh_db, "REP", 1).values.tolist() == [["wisdom", 7.0]]


# =============================================================================================
# Storage: importing 360 ratings
# =============================================================================================

@pytest.fixture
def rated_db(fresh_db):
    """Four people and a two-item model."""
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["E1", "E2", "E3", "E4"]}))
    fresh_db.upsert("comp_items", pd.DataFrame({"item_id": ["wisdom", "trust"], "model_id": ["LEAD", "LEAD"]}))
    return fresh_db


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


GOOD_FILE = csv_bytes("reviewee,rater,group,item,score",
                      "E1,E1,self,wisdom,8",
                      "E1,E2,superior,wisdom,7",
                      "E1,E3,peer,trust,6.5")


def test_a_good_file_writes_every_row_and_fills_the_period(rated_db):
    report = import_ratings(rated_db, GOOD_FILE, "x.csv", "2025H1")
    assert report.ok and report.written and report.counts.inserted == 3
    stored = rated_db.query("SELECT period, ratee_id, rater_id, rater_group, item_id, score FROM ratings_360 "
                            "ORDER BY rater_id").values.tolist()
    assert stored == [["2025H1", "E1", "E1", "self", "wisdom", 8.0], ["2025H1", "E1", "E2", "superior", "wisdom", 7.0],
                      ["2025H1", "E1", "E3", "peer", "trust", 6.5]]


def test_a_dry_run_writes_nothing_but_counts(rated_db):
    report = import_ratings(rated_db, GOOD_FILE, "x.csv", "2025H1", write=False)
    assert report.ok and not report.written
    assert (report.counts.inserted, report.counts.updated) == (3, 0)
    assert rated_db.count("ratings_360") == 0


def test_one_bad_score_writes_nothing_and_names_row_column_and_reason(rated_db):
    # Header is row 1, the first data row 2: the 11 is on row 3.
    data = csv_bytes("reviewee,rater,group,item,score", "E1,E1,self,wisdom,8", "E1,E2,peer,wisdom,11",
                     "E1,E3,peer,trust,6")
    report = import_ratings(rated_db, data, "x.csv", "2025H1")
    assert not report.written and not report.ok
    assert report.problems[["row", "column", "value"]].values.tolist() == [[3, "score", "11"]]
    assert "10" in report.problems.iloc[0]["reason"]    # at most 10
    assert rated_db.count("ratings_360") == 0


def test_unknown_items_and_people_and_wrong_self_groups_are_reported(rated_db):
    # The file uses the table's own headings, so the column named is the same either way.
    data = csv_bytes("ratee_id,rater_id,rater_group,item_id,score",
                     "E1,E1,peer,wisdom,8",       # row 2: rates themself, group not self
                     "E1,E2,self,wisdom,9",       # row 3: group self, rater someone else
                     "E1,E2,peer,zeal,7",         # row 4: no such item
                     "E9,E2,peer,trust,7",        # row 5: no such reviewee
                     "E1,E8,peer,trust,7",        # row 6: no such rater
                     "E1,E3,peer,trust,7")        # row 7: fine, but not written either
    report = import_ratings(rated_db, data, "x.csv", "2025H1")
    assert not report.written
    found = {(p.row, p.column, str(p.value)): p.reason for p in report.problems.itertuples()}
    assert set(found) == {(2, "rater_group", "peer"), (3, "rater_group", "self"), (4, "item_id", "zeal"),
                          (5, "ratee_id", "E9"), (6, "rater_id", "E8")}
    assert "themself" in found[(2, "rater_group", "peer")]
    assert "someone else" in found[(3, "rater_group", "self")]
    assert "item" in found[(4, "item_id", "zeal")]
    assert "employee" in found[(5, "ratee_id", "E9")] and "employee" in found[(6, "rater_id", "E8")]
    chinese = {(p["row"], p["column"]): in_chinese(p) for _, p in report.problems.iterrows()}
    assert chinese == {(2, "rater_group"): "本人评价本人，但关系不是 self（自评）",
                       (3, "rater_group"): "关系为 self（自评），但评价人不是本人",
                       (4, "item_id"): "模型库中没有该素质项", (5, "ratee_id"): "没有该员工", (6, "rater_id"): "没有该员工"}
    assert rated_db.count("ratings_360") == 0


def test_chinese_headings_and_a_period_column_are_understood(rated_db):
    data = csv_bytes("被评价人,评价人,评价关系,素质项,得分,评价周期",
                     "E2,E2,self,trust,9,2024H2",
                     "E2,E1,superior,trust,6,2024H2")
    report = import_ratings(rated_db, data, "评价.csv", "2025H1")
    assert report.written
    stored = rated_db.query("SELECT period, rater_id, score FROM ratings_360 ORDER BY rater_id").values.tolist()
    assert stored == [["2024H2", "E1", 6.0], ["2024H2", "E2", 9.0]]   # the file's period wins


def test_ratings_entered_by_hand_are_written_all_or_none(rated_db):
    frame = pd.DataFrame({"period": "2025H1", "ratee_id": "E1", "rater_id": ["E1", "E2", "E3"],
                          "rater_group": ["self", "self", "peer"], "item_id": "trust", "score": [8.0, 7.0, 6.0]})
    problems = save_ratings(rated_db, frame)
    assert problems[["row", "column"]].values.tolist() == [[3, "rater_group"]]   # E2 is not E1
    assert rated_db.count("ratings_360") == 0
    assert save_ratings(rated_db, frame.assign(rater_group=["self", "superior", "peer"])).empty
    assert rated_db.count("ratings_360") == 3


# =============================================================================================
# Storage: qualification standards
# =============================================================================================

def test_saving_standards_replaces_the_jobs_levels(fresh_db):
    save_standards(fresh_db, "REP", pd.DataFrame({"level": [1, 2], "education_min": ["college", "bachelor"],
                                                  "years_experience": [1, 2]}))
    save_standards(fresh_db, "SUP", pd.DataFrame({"level": [1], "certification_level": [2]}))
    save_standards(fresh_db, "REP", pd.DataFrame({"level": [3], "major": ["marketing"]}))
    stored = fresh_db.query("SELECT job_id, level, coalesce(major, '-') AS major, certification_level "
                            "FROM qualification_reqs ORDER BY job_id, level")
    assert stored[["job_id", "level", "major"]].values.tolist() == [["REP", 3, "marketing"], ["SUP", 1, "-"]]
    assert stored["certification_level"].iloc[1] == 2


@pytest.mark.parametrize("standards, where", [
    (pd.DataFrame({"level": [1, 2], "education_min": ["college", "phd"]}), "row 2, education_min"),
    (pd.DataFrame({"level": [1], "years_experience": [-1]}), "row 1, years_experience"),
    (pd.DataFrame({"level": [1, 11]}), "row 2, level"),
])
def test_a_bad_standard_names_its_row_and_column_and_nothing_is_saved(fresh_db, standards, where):
    # Rows are numbered from 1 = the first level listed (the docstring).
    save_standards(fresh_db, "REP", pd.DataFrame({"level": [1], "education_min": ["college"]}))
    with pytest.raises(ValueError, match=where):
        save_standards(fresh_db, "REP", standards)
    assert fresh_db.query("SELECT level, education_min FROM qualification_reqs").values.tolist() == [[1, "college"]]


def test_a_repeated_level_names_the_row_it_repeats(fresh_db):
    # Levels 1, 2, 1: the third row (numbered 3, 1 = the first level listed) repeats the first (row 1).
    with pytest.raises(ValueError) as raised:
        save_standards(fresh_db, "REP", pd.DataFrame({"level": [1, 2, 1]}))
    message = str(raised.value)
    assert message.startswith("row 3, level")
    assert message.endswith("row 1")
    assert fresh_db.count("qualification_reqs") == 0


# =============================================================================================
# Storage: certification records, pass marks and appeals
# =============================================================================================

@pytest.fixture
def bare_cert_db(fresh_db):
    """Six people, no eligibility review and no training on file."""
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["E1", "E2", "E3", "E4", "E5", "E6"]}))
    return fresh_db


@pytest.fixture
def cert_db(bare_cert_db):
    """Six people reviewed (meets) and trained (the whole level's programme) for levels 1-3 of track cs in
    December 2024, before any exam of these tests: the regulation's order (seed 004 §6.2) is met beforehand."""
    people = ["E1", "E2", "E3", "E4", "E5", "E6"]
    grid = pd.MultiIndex.from_product([people, [1, 2, 3]], names=["employee_id", "level"]).to_frame(index=False)
    bare_cert_db.upsert("cert_eligibility", grid.assign(
        review_id=[f"EL{i:06d}" for i in range(len(grid))], track_id="cs", reviewed_on=date(2024, 12, 1),
        outcome="meets", reviewer="HR"))
    bare_cert_db.upsert("cert_training", grid.assign(
        training_id=[f"TR{i:06d}" for i in range(len(grid))], track_id="cs", course=None, mode="course",
        started_on=date(2024, 12, 2), ended_on=date(2024, 12, 15)))
    return bare_cert_db


def cert_frame(*rows) -> pd.DataFrame:
    """Rows: record_id, employee, level, stage, course, score, result, date (all on track cs)."""
    frame = pd.DataFrame(rows, columns=["record_id", "employee_id", "level", "stage", "course", "score", "result",
                                        "exam_date"])
    return frame.assign(track_id="cs")


def test_recording_results_refuses_a_skipped_level_and_writes_nothing(cert_db):
    assert record_results(cert_db, cert_frame(("r1", "E1", 1, "review", None, None, "pass", "2025-01-10"))).empty
    batch = cert_frame(("r2", "E1", 2, "course_exam", "c", 80, "pass", "2025-02-01"),  # row 2: E1 holds level 1
                       ("r3", "E2", 2, "course_exam", "c", 75, "pass", "2025-02-01"))  # row 3: E2 has no level 1
    problems = record_results(cert_db, batch)
    assert problems[["row", "column"]].values.tolist() == [[3, "level"]]
    assert "one at a time" in problems.iloc[0]["reason"]
    assert cert_db.table("certifications")["record_id"].tolist() == ["r1"]


def test_recording_results_writes_a_clean_batch(cert_db):
    batch = cert_frame(("r1", "E1", 1, "course_exam", "a", 80, "pass", "2025-01-02"),
                       ("r2", "E1", 1, "review", None, None, "pass", "2025-01-10"),
                       ("r3", "E1", 2, "course_exam", "c", 70, "pass", "2025-02-01"))  # after the review: fine
    assert record_results(cert_db, batch).empty
    assert cert_db.count("certifications") == 3


def test_an_ability_test_before_every_course_of_the_level_is_passed_is_refused_on_entry_and_on_import(cert_db):
    # Issue 29 item 11, seed 004 §6.2.5 (该岗位所有课程的认证考试通过后，参加…认证能力测试) and §8.1.2 (a higher
    # level's courses include the lower one's): level 1 needs a and b; level 2 also c. E1 passed a on 01-02, b
    # failed on 01-05: the ability test of 01-10 (row 4) lacks b. Nothing is written.
    from hrcore.imports import import_file

    cert_db.upsert("cert_courses", pd.DataFrame({"track_id": "cs", "course_id": ["a", "b", "c"],
                                                 "from_level": [1, 1, 2]}))
    batch = cert_frame(("r1", "E1", 1, "course_exam", "a", 80, "pass", "2025-01-02"),
                       ("r2", "E1", 1, "course_exam", "b", 40, "fail", "2025-01-05"),
                       ("r3", "E1", 1, "ability_test", None, None, "pass", "2025-01-10"))
    problems = record_results(cert_db, batch)
    assert problems[["row", "column"]].values.tolist() == [[4, "stage"]]
    assert problems.iloc[0]["reason"].endswith("not passed before it: b")
    assert in_chinese(problems.iloc[0]) == "须通过该等级全部课程考试后方可参加能力测试；此前未通过：b"
    assert cert_db.count("certifications") == 0

    # The same through an import file; with b passed on 01-05 the batch is clean and written.
    report = import_file(cert_db, "certifications", batch.to_csv(index=False).encode(), "cert.csv")
    assert report.problems[["row", "column"]].values.tolist() == [[4, "stage"]]
    batch.loc[1, ["score", "result"]] = [70, "pass"]
    assert record_results(cert_db, batch).empty
    # Level 2 after the level-1 review: its ability test needs a, b and c at level 2; only c is passed there.
    level2 = cert_frame(("r4", "E1", 1, "review", None, None, "pass", "2025-01-20"),
                        ("r5", "E1", 2, "course_exam", "c", 75, "pass", "2025-03-01"),
                        ("r6", "E1", 2, "ability_test", None, None, "pass", "2025-03-10"))
    problems = record_results(cert_db, level2)
    assert problems.iloc[0]["reason"].endswith("not passed before it: a, b")


def test_holding_a_level_does_not_change_the_job(cert_db):
    # Issue 29 item 11, seed 004 第七条 评聘分开: a certificate qualifies, appointment follows a vacancy and its own
    # procedure. E1 in the level-1 job REP1 passes the level-1 and level-2 reviews: the job stays REP1, no job
    # event is written, and coverage reads E1 as holding 2 of the 1 the job asks for.
    cert_db.upsert("employees", pd.DataFrame({"employee_id": ["E1"], "job_id": ["REP1"],
                                              "hire_date": [date(2024, 1, 1)]}))
    cert_db.upsert("cert_levels", TIED)
    events = cert_db.count("employee_events")
    batch = cert_frame(("r1", "E1", 1, "review", None, None, "pass", "2025-01-10"),
                       ("r2", "E1", 2, "review", None, None, "pass", "2025-06-10"))
    assert record_results(cert_db, batch).empty
    assert cert_db.query("SELECT job_id FROM employees WHERE employee_id = 'E1'")["job_id"].tolist() == ["REP1"]
    assert cert_db.count("employee_events") == events
    row = coverage(staff(("E1", "REP1", "2024-01-01")), competency.held_certificates(cert_db), TIED,
                   date(2026, 1, 1)).iloc[0]
    assert (row["required"], row["held_level"], bool(row["certified"])) == (1, 2, True)


def test_a_record_being_replaced_is_not_its_own_history(cert_db):
    # On file: E1 passed the level-1 review, then a level-2 course. Correcting that review to a fail while
    # resubmitting the course makes the course a skip: the old review must not vouch for it.
    on_file = cert_frame(("r1", "E1", 1, "review", None, None, "pass", "2025-01-10"),
                         ("r2", "E1", 2, "course_exam", "c", 70, "pass", "2025-02-01"))
    assert record_results(cert_db, on_file).empty
    corrected = cert_frame(("r1", "E1", 1, "review", None, None, "fail", "2025-01-10"),
                           ("r2", "E1", 2, "course_exam", "c", 70, "pass", "2025-02-01"))
    assert record_results(cert_db, corrected)[["row", "column"]].values.tolist() == [[3, "level"]]
    assert cert_db.table("certifications")["result"].tolist() == ["pass", "pass"]


def test_recording_results_reports_table_problems_and_writes_nothing(cert_db):
    batch = cert_frame(("r1", "E1", 1, "course_exam", "a", 120, "pass", "2025-01-02"))
    problems = record_results(cert_db, batch)
    assert problems[["row", "column"]].values.tolist() == [[2, "score"]]
    assert cert_db.count("certifications") == 0


def test_applying_a_pass_rate_rewrites_exactly_one_sitting(cert_db):
    # Sitting cs / level 1 / course a / 2025-02-01: 92 85 85 78 64 and one absentee (no score).
    # Rate 0.4: k = ceil(0.4 * 5) = 2 -> the 2nd best, 85; both 85s pass: 3 of 5.
    sitting = [("s1", "E1", 92), ("s2", "E2", 85), ("s3", "E3", 85), ("s4", "E4", 78), ("s5", "E5", 64)]
    rows = [(rid, who, 1, "course_exam", "a", score, "fail", "2025-02-01") for rid, who, score in sitting]
    rows += [("s6", "E6", 1, "course_exam", "a", None, "fail", "2025-02-01"),   # absent
             ("o1", "E1", 1, "course_exam", "a", 99, "fail", "2025-03-01"),     # same course, another date
             ("o2", "E1", 1, "course_exam", "b", 99, "fail", "2025-02-01")]     # another course, same date
    assert record_results(cert_db, cert_frame(*rows)).empty
    assert apply_pass_rate(cert_db, "cs", 1, "a", date(2025, 2, 1), 0.4) == (85.0, 3, 5)
    table = cert_db.table("certifications").set_index("record_id")
    assert table.loc[["s1", "s2", "s3", "s4", "s5"], "result"].tolist() == ["pass", "pass", "pass", "fail", "fail"]
    assert (table.loc[["s1", "s2", "s3", "s4", "s5"], "pass_mark"] == 85.0).all()
    for untouched in ("s6", "o1", "o2"):
        assert table.loc[untouched, "result"] == "fail" and pd.isna(table.loc[untouched, "pass_mark"])


def test_a_sitting_without_scores_cannot_be_marked(cert_db):
    with pytest.raises(ValueError, match="exam"):
        apply_pass_rate(cert_db, "cs", 1, "a", date(2025, 2, 1), 0.8)


def test_an_appeal_needs_grounds_and_a_known_person(cert_db):
    with pytest.raises(ValueError, match="reason"):
        file_appeal(cert_db, "E1", "cs", 1, "   ", date(2025, 3, 1))
    with pytest.raises(ValueError, match="employee_id"):
        file_appeal(cert_db, "E99", "cs", 1, "marked unfairly", date(2025, 3, 1))
    assert cert_db.count("cert_appeals") == 0


def test_an_appeal_is_filed_pending_and_decided_once(cert_db):
    first = file_appeal(cert_db, "E1", "cs", 1, "  marked unfairly ", date(2025, 3, 1))
    second = file_appeal(cert_db, "E2", "cs", 2, "wrong course", date(2025, 3, 2))
    assert first != second
    appeals = cert_db.table("cert_appeals").set_index("appeal_id")
    assert appeals.loc[first, "outcome"] == "pending" and appeals.loc[first, "reason"] == "marked unfairly"

    decide_appeal(cert_db, first, "upheld", "hr.li", date(2025, 3, 5), "re-marked")
    row = cert_db.table("cert_appeals").set_index("appeal_id").loc[first]
    assert (row["outcome"], row["decided_by"], row["note"]) == ("upheld", "hr.li", "re-marked")
    assert row["decided_on"] == pd.Timestamp("2025-03-05")

    with pytest.raises(ValueError, match="decided already"):
        decide_appeal(cert_db, first, "rejected", "hr.wang", date(2025, 3, 6))
    assert cert_db.table("cert_appeals").set_index("appeal_id").loc[first, "outcome"] == "upheld"


def test_an_appeal_outcome_must_be_upheld_or_rejected_and_the_appeal_must_exist(cert_db):
    appeal = file_appeal(cert_db, "E1", "cs", 1, "marked unfairly", date(2025, 3, 1))
    with pytest.raises(ValueError, match="outcome"):
        decide_appeal(cert_db, appeal, "pending", "hr.li", date(2025, 3, 5))
    with pytest.raises(ValueError, match="appeal_id"):
        decide_appeal(cert_db, "AP99999", "upheld", "hr.li", date(2025, 3, 5))
    assert cert_db.table("cert_appeals").loc[0, "outcome"] == "pending"


def test_rater_guidance_counts_raters_by_group_warns_below_five_and_says_why_a_group_is_hidden():
    # Issue 29 item 10, worked by hand from seed 000 (7-8 raters: superior, peers, subordinates or business
    # contacts) and DOMAIN §6 (a group under 3 raters, the superior excepted, is hidden; "all but self" needs 4).
    # A: self, superior, 3 peers, 2 subordinates, 2 others = 8 raters (seed's 7-8): subordinates and others are
    #    each under 3, hidden; their 4 answers come from 4 raters (not under 3), so nothing more is hidden.
    # B: superior, 3 peers = 4 raters, under 5: warned; every group shown, "all but self" shown (4).
    # C: superior, 2 peers = 3 raters: warned; peers hidden (2), "all but self" hidden (under 4).
    plan = {"A": ["self", "superior", "peer", "peer", "peer", "subordinate", "subordinate", "other", "other"],
            "B": ["superior", "peer", "peer", "peer"], "C": ["superior", "peer", "peer"]}
    rows = [{"ratee_id": who, "rater_id": who if g == "self" else f"{who}{i}", "rater_group": g, "item_id": item,
             "score": 7} for who, groups in plan.items() for i, g in enumerate(groups) for item in ("x", "y")]
    g = competency.rater_guidance(competency.aggregate_360(pd.DataFrame(rows))).set_index("ratee_id")
    assert g[["n_superior", "n_peer", "n_subordinate", "n_other", "raters"]].values.tolist() == [
        [1, 3, 2, 2, 8], [1, 3, 0, 0, 4], [1, 2, 0, 0, 3]]
    assert g["short"].tolist() == [False, True, True]
    assert g["self_rated"].tolist() == [True, False, False]
    assert g["others_shown"].tolist() == [True, True, False]
    assert g[[f"hidden_{x}" for x in competency.OTHER_GROUPS]].values.tolist() == [
        ["", "", "few", "few"], ["", "", "", ""], ["", "few", "", ""]]
    assert competency.RATERS_ASKED == (7, 8) and competency.MIN_RATERS_ADVISED == 5


def test_an_appeal_is_filed_against_the_track_it_names(cert_db):
    # Issue 29 item 12 (seed 004 §6.2.8: the appeal goes back to the result it contests). Two tracks: cs with
    # levels 1-2, sales with levels 1-3. An appeal on sales level 3 is stored on sales, not on the first track.
    cert_db.upsert("cert_levels", pd.DataFrame({"track_id": ["cs", "cs", "sales", "sales", "sales"],
                                                "level": [1, 2, 1, 2, 3]}))
    appeal = file_appeal(cert_db, "E1", "sales", 3, "ability test marked on the cs script", date(2025, 3, 1))
    row = cert_db.table("cert_appeals").set_index("appeal_id").loc[appeal]
    assert (row["track_id"], row["level"]) == ("sales", 3)
    with pytest.raises(ValueError, match=r"level: track cs has no level 3 \(its levels: 1, 2\)"):
        file_appeal(cert_db, "E1", "cs", 3, "wrong level", date(2025, 3, 1))
    with pytest.raises(ValueError, match="track_id: there is no certification track hr"):
        file_appeal(cert_db, "E1", "hr", 1, "no such track", date(2025, 3, 1))
    assert cert_db.count("cert_appeals") == 1


def test_a_pass_rate_that_rounds_to_nobody_is_named_in_both_languages():
    # Issue 29 item 13 (DOMAIN §6: k = ceil(rate · n)). Five scores: 1e-12 · 5 rounds to 0, k = 0, which used to
    # reach numpy as "kth out of bounds". A rate of 0.1 is half a person: k = ceil(0.5) = 1, the best score, 92.
    scores = [92, 85, 85, 78, 64]
    with pytest.raises(ValueError) as raised:
        pass_mark(scores, 1e-12)
    message = str(raised.value)
    assert message == ("pass_rate: 1e-12 of 5 candidate(s) is less than one person; "
                       "a pass rate must let at least one pass")
    assert errors.problem_text(raised.value, "zh") == "目标通过率：5 名考生的 1e-12 不足一人；通过率须至少让一人通过"
    assert pass_mark(scores, 0.1) == 92.0
    with pytest.raises(ValueError, match="pass_rate"):
        mark_sitting(scores, 0.0)


def test_a_pass_rate_setting_that_passes_no_one_is_refused(fresh_db):
    # Issue 29 item 13: 1e-12 · 1 candidate rounds to 0 at 9 decimals, so no sitting could pass anyone.
    with pytest.raises(ValueError) as raised:
        save_settings(fresh_db, {"pass_rate": 1e-12})
    assert str(raised.value).startswith("pass_rate: 1e-12 is less than one person even of one candidate")
    assert errors.problem_text(raised.value, "zh").startswith("目标通过率：1e-12 连一名考生中的一人都不到")
    assert save_settings(fresh_db, {"pass_rate": 0.01})["pass_rate"] == 0.01  # 1 %: one of 100 passes


# -- the feedback report and the hiring profile ------------------------------------------------------

def _report_rows() -> tuple[pd.DataFrame, pd.DataFrame]:
    # Superior 6, three peers 7 7 7, one subordinate 9: the subordinate is hidden (1 rater), and since the
    # peers' 7 beside the superior's 6 and all-but-self would give the 9 away, the peers are hidden too.
    ratings = pd.DataFrame({
        "ratee_id": "E1", "item_id": "trust",
        "rater_id": ["E1", "B", "P1", "P2", "P3", "S1"],
        "rater_group": ["self", "superior", "peer", "peer", "peer", "subordinate"],
        "score": [9, 6, 7, 7, 7, 9]})
    model = pd.DataFrame({"item_id": ["trust"], "name_en": ["Trust <b>"], "name_zh": ["信"], "critical": [True],
                          "min_score": [7.5], "development_en": ["Course: keeping promises"],
                          "development_zh": ["课程：信守承诺"]})
    result = competency.review(ratings, model, pd.DataFrame({"ratee_id": ["E1"], "item_id": ["trust"],
                                                              "target_score": [8.0]}))
    rows = result.items.assign(item=["Trust <b>"])
    return rows, model


def test_the_feedback_report_shows_only_what_the_anonymity_rules_allow():
    rows, model = _report_rows()
    # All but self: (0.4·6 + 0.3·7 + 0.2·9) / 0.9 = 6.3 / 0.9 = 7.0; below the minimum 7.5, so a knock-out.
    assert rows.loc[0, "others"] == pytest.approx(7.0)
    assert math.isnan(rows.loc[0, "peer"]) and math.isnan(rows.loc[0, "subordinate"])
    actions = competency.development_actions(rows, model)
    page = competency.feedback_report({"name": "Wei Yan", "job": "General", "period": "2026", "result": "knock_out",
                                       "others": 7.0, "gap": -1.0}, rows, actions)
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    cells = page.split("<tr>")[2]  # the first data row: item, target, others, self, superior, peer, sub, other, …
    values = [c.split("</td>")[0] for c in cells.split("<td>")[1:]]
    assert values[:8] == ["Trust &lt;b&gt;", "8.0", "7.0", "9.0", "6.0", "–", "–", "–"]
    assert "Course: keeping promises" in page and "Below the knock-out minimum" in page


def test_the_feedback_report_speaks_chinese():
    rows, model = _report_rows()
    actions = competency.development_actions(rows, model, "zh")
    page = competency.feedback_report({"name": "魏延", "job": "将军", "period": "2026", "result": "knock_out",
                                       "others": 7.0, "gap": -1.0}, rows, actions, "zh")
    assert '<html lang="zh-CN">' in page
    assert "360 度反馈：魏延" in page and "课程：信守承诺" in page and "否决项未达标" in page


def test_the_hiring_profile_lists_conditions_standards_and_competencies():
    job = {"title_en": "Customer representative", "title_zh": "客户代表", "description_en": "Answers customers.",
           "description_zh": "接听客户来电。"}
    req = {"education_min": "college", "major": None, "years_experience": 1.0, "certification_level": 1,
           "knowledge_en": "Knows the product range.", "knowledge_zh": "熟悉产品体系。",
           "skill_en": None, "skill_zh": None, "behaviour_en": "Patient.", "behaviour_zh": "耐心。"}
    targets = pd.DataFrame({"name_en": ["Communication", "Learning"], "name_zh": ["沟通协作", "学习突破"],
                            "target_score": [6.5, 7.0]})
    english = competency.hiring_profile(job, req, targets, "en").splitlines()
    assert english[0] == "Customer representative"
    assert "- Education: College diploma or higher" in english
    assert "- Experience: 1+ years" in english and "- Certificate: level 1" in english
    assert "Skills" not in english  # no skill standard given, no empty heading
    # Competencies by target, highest first.
    assert english[-2:] == ["- Learning (target 7/10)", "- Communication (target 6.5/10)"]
    chinese = competency.hiring_profile(job, req, targets, "zh")
    assert "学历：大专及以上" in chinese and "1 年以上工作经验" in chinese and "沟通协作（目标 6.5/10）" in chinese


def test_group_figures_of_a_large_360_agree_with_a_plain_group_by():
    """Random ratings (missing scores, a row without a ratee) against pandas' own group-by of the same rows."""
    rng = np.random.default_rng(11)
    n = 5_000
    ratings = pd.DataFrame({
        "ratee_id": rng.choice([f"E{i}" for i in range(60)], n).astype(object),
        "item_id": rng.choice(["lead", "trust", "plan", "grow"], n),
        "rater_id": rng.choice([f"R{i}" for i in range(400)], n),
        "rater_group": rng.choice(list(competency.GROUPS), n, p=[0.1, 0.1, 0.4, 0.3, 0.1]),
        "score": rng.integers(1, 11, n).astype(float)})
    ratings.loc[rng.choice(n, 50, replace=False), "score"] = np.nan
    ratings.loc[7, "ratee_id"] = None
    out = competency.aggregate_360(ratings).set_index(["ratee_id", "item_id"])
    plain = ratings.dropna(subset=["ratee_id"]).groupby(["ratee_id", "item_id", "rater_group"])["score"]
    counts = plain.size().unstack(fill_value=0)
    for group in competency.GROUPS:
        assert out[f"n_{group}"].to_dict() == counts[group].to_dict(), group
    # The self figure is never hidden: it is the plain mean of the person's own answers.
    means = plain.mean().unstack()["self"].dropna()
    np.testing.assert_allclose(out.loc[means.index, "self"], means, rtol=1e-12)
    assert len(out) == len(counts)


# -- issue 27: the store's anonymous 360 ratings are the review's own figures ------------------------------------

def random_panels(seed: int, people: int = 400) -> pd.DataFrame:
    """Ratings of ``people`` ratees on two items with groups from empty to five raters (every suppression case)."""
    rng = np.random.default_rng(seed)
    rows = []
    for p in range(people):
        sizes = {"self": rng.integers(0, 2), "superior": rng.integers(0, 3), "peer": rng.integers(0, 6),
                 "subordinate": rng.integers(0, 6), "other": rng.integers(0, 4)}
        for group, size in sizes.items():
            for r in range(size):
                for item in ("trust", "courage"):
                    score = float(rng.integers(1, 11)) if rng.random() > 0.03 else np.nan  # a few left blank
                    rows.append((f"{p % 3 + 2024}", f"E{p:04d}", f"{group[:2]}{p}-{r}", group, item, score))
    return pd.DataFrame(rows, columns=["period", "ratee_id", "rater_id", "rater_group", "item_id", "score"])


@pytest.mark.parametrize("weights", [None, {"superior": 0.5, "peer": 0.25, "subordinate": 0.25, "other": 0.0},
                                     {"superior": 0.0, "peer": 0.4, "subordinate": 0.3, "other": 0.3}])
def test_the_stores_anonymous_ratings_agree_with_the_review_on_random_panels(weights):
    ratings = random_panels(27)
    con = duckdb.connect()
    con.execute("CREATE TABLE app_meta (key VARCHAR, value VARCHAR)")
    if weights is not None:
        con.execute("INSERT INTO app_meta VALUES (?, ?)", [competency.SETTINGS_KEY, json.dumps({"weights": weights})])
    con.register("ratings", ratings)
    from_sql = con.sql(competency.anonymous_ratings_sql("ratings", "app_meta")).df()
    key = ["period", "ratee_id", "item_id"]
    expected = pd.concat([competency.aggregate_360(part, weights).assign(period=period)
                          for period, part in ratings.groupby("period")])
    got = from_sql.set_index(key).sort_index()
    want = expected.set_index(key).sort_index()[got.columns]
    assert list(got.columns) == list(competency.AGGREGATE_COLUMNS[3:])
    assert len(got) == len(want) > 500
    for column in got.columns:
        a, b = got[column].astype(float).to_numpy(), want[column].astype(float).to_numpy()
        assert np.array_equal(np.isnan(a), np.isnan(b)), column  # the same figures hidden, none more, none less
        assert np.allclose(a[~np.isnan(a)], b[~np.isnan(b)], atol=1e-9), column
    # The cases were all there: small groups hidden, large ones hidden to shield them, combined figures shown.
    shielding = (want["n_subordinate"] >= 3) & want["subordinate"].isna() | (want["n_peer"] >= 3) & want["peer"].isna()
    assert want["peer"].isna().sum() > 50 and shielding.sum() > 5 and got["others"].notna().sum() > 100


# =============================================================================================
# The regulation's order (issue 29 item 11; seed 004 §6.2, 第十一条, §8.4.1, §15)
# =============================================================================================

ORDER_LEVELS = pd.DataFrame({"track_id": "cs", "level": [1, 2, 3], "name_en": None, "name_zh": None,
                             "job_id": ["REP1", "REP2", "REP3"]})


@pytest.fixture
def order_db(bare_cert_db):
    """Track cs: levels 1-3 tied to posts REP1-REP3, one course (a, from level 1).  E1 (college, hired
    2023-01-01) and E4 (high school) hold REP1, E2 holds REP3 (an incumbent), E3 is in HR.  REP1 asks for a
    college diploma and a year of service; REP2 and REP3 for a bachelor's degree and their certificate."""
    db = bare_cert_db
    db.upsert("employees", pd.DataFrame({
        "employee_id": ["E1", "E2", "E3", "E4"], "job_id": ["REP1", "REP3", "HR", "REP1"],
        "hire_date": [date(2023, 1, 1)] * 4, "status": "active",
        "education": ["college", "bachelor", "bachelor", "high_school"]}))
    db.upsert("cert_levels", ORDER_LEVELS)
    db.upsert("cert_courses", pd.DataFrame({"track_id": ["cs"], "course_id": ["a"], "from_level": [1]}))
    db.upsert("qualification_reqs", pd.DataFrame({
        "job_id": ["REP1", "REP2", "REP3"], "level": 1, "education_min": ["college", "bachelor", "bachelor"],
        "years_experience": [1.0, None, None], "certification_level": [1, 2, 3]}))
    return db


def exams(*rows, first_batch=False) -> pd.DataFrame:
    return cert_frame(*rows).assign(first_batch=first_batch)


def test_the_eligibility_review_measures_the_candidate_against_the_posts_basic_conditions(order_db):
    # Seed 004 §6.2.2 (审查的依据为是否符合该岗位胜任力基本条件) and 第十六条 5.1.1. On 2025-02-01 E1 (college, 2.1 years
    # here) meets REP1's college + 1 year; the certificate REP1 asks for is the level the review leads to, so
    # it is not asked. E4 (high school) does not meet it: education. For level 2 (REP2: bachelor, certificate 2)
    # E1 lacks the degree and the level-1 certificate (the level below the one sought, §15(2)).
    assert competency.assess_eligibility(order_db, "E1", "cs", 1, date(2025, 2, 1)).meets is True
    e4 = competency.assess_eligibility(order_db, "E4", "cs", 1, date(2025, 2, 1))
    assert (e4.meets, e4.unmet, e4.job_id) == (False, ("education",), "REP1")
    e1 = competency.assess_eligibility(order_db, "E1", "cs", 2, date(2025, 2, 1))
    assert (e1.meets, e1.unmet, e1.job_id) == (False, ("education", "certification"), "REP2")
    # Recorded: the outcome follows the standard; a reviewer recording "meets" against it must say why in a note
    # (the system knows only what it holds), and the condition not met is kept either way.
    review = competency.review_eligibility(order_db, "E4", "cs", 1, "Floor manager", date(2025, 2, 1))
    stored = order_db.query("SELECT * FROM cert_eligibility WHERE review_id = ?", [review]).iloc[0]
    assert (stored["outcome"], stored["unmet"], stored["reviewer"]) == ("does_not_meet", "education", "Floor manager")
    with pytest.raises(ValueError, match=r"say it does not meet them \(education\); recording that it does needs a note"):
        competency.review_eligibility(order_db, "E4", "cs", 1, "Floor manager", date(2025, 2, 2), outcome="meets")
    assert order_db.count("cert_eligibility") == 1
    review = competency.review_eligibility(order_db, "E4", "cs", 1, "Floor manager", date(2025, 2, 2), outcome="meets",
                                           note="College diploma earned abroad, certificate seen")
    stored = order_db.query("SELECT * FROM cert_eligibility WHERE review_id = ?", [review]).iloc[0]
    assert (stored["outcome"], stored["unmet"]) == ("meets", "education")


def test_an_exam_without_a_passed_eligibility_review_before_it_is_refused_and_nothing_is_written(order_db):
    # Seed 004 §6.2.2-6.2.3: the review comes first and must be passed (资格审查通过后…参加认证培训).
    competency.record_training(order_db, "E1", "cs", 1, "a", "course", date(2025, 2, 1), date(2025, 2, 20))
    batch = exams(("r1", "E1", 1, "course_exam", "a", 80, "pass", "2025-03-01"))
    problems = record_results(order_db, batch)
    assert problems[["row", "column"]].values.tolist() == [[2, "employee_id"]]
    assert problems.iloc[0]["reason"] == ("E1 has no passed eligibility review for track cs level 1 on or before "
                                          "2025-03-01: the basic conditions of the post are reviewed before any exam")
    assert in_chinese(problems.iloc[0]) == (
        "E1 在 2025年3月1日 及之前没有认证序列 cs 1 级的资格审查通过记录：考试前须先审查岗位基本条件")
    # A review after the exam does not count, nor one E4 failed.
    competency.review_eligibility(order_db, "E1", "cs", 1, "HR", date(2025, 3, 2))
    competency.review_eligibility(order_db, "E4", "cs", 1, "HR", date(2025, 1, 2))
    competency.record_training(order_db, "E4", "cs", 1, None, "self_study", date(2025, 1, 3), date(2025, 2, 1))
    batch = exams(("r1", "E1", 1, "course_exam", "a", 80, "pass", "2025-03-01"),
                  ("r2", "E4", 1, "course_exam", "a", 80, "pass", "2025-03-01"))
    assert record_results(order_db, batch)[["row", "column"]].values.tolist() == [[2, "employee_id"],
                                                                                [3, "employee_id"]]
    assert order_db.count("certifications") == 0


def test_an_exam_without_training_before_it_is_refused_and_the_levels_programme_covers_every_course(order_db):
    # Seed 004 第十一条 (参加认证前都必须自学或参加…认证培训辅导) and §8.4.1 (参加考试的人员按规定参加所列科目的培训或自学):
    # course a's training ends 03-10, after the exam of 03-01: refused, naming the course. A record of the
    # level's whole programme ending 02-20 covers course a: the same exam is then written.
    competency.review_eligibility(order_db, "E1", "cs", 1, "HR", date(2025, 2, 1))
    competency.record_training(order_db, "E1", "cs", 1, "a", "course", date(2025, 2, 15), date(2025, 3, 10))
    batch = exams(("r1", "E1", 1, "course_exam", "a", 80, "pass", "2025-03-01"))
    problems = record_results(order_db, batch)
    assert problems[["row", "column", "value"]].values.tolist() == [[2, "course", "a"]]
    assert problems.iloc[0]["reason"] == ("E1 has no training record (self-study or course) for track cs level 1 "
                                          "course a ending on or before 2025-03-01: training comes before the exam")
    assert in_chinese(problems.iloc[0]).endswith("课程 a 的培训记录（自学或参训）：须先培训再考试")
    competency.record_training(order_db, "E1", "cs", 1, None, "self_study", date(2025, 2, 2), date(2025, 2, 20))
    assert record_results(order_db, batch).empty
    assert order_db.count("certifications") == 1


def test_training_is_refused_for_a_course_the_level_does_not_have_or_an_unknown_mode(order_db):
    with pytest.raises(ValueError, match="course: level 1 of track cs has no course z"):
        competency.record_training(order_db, "E1", "cs", 1, "z", "course", date(2025, 2, 1))
    with pytest.raises(ValueError, match="mode"):
        competency.record_training(order_db, "E1", "cs", 1, "a", "online", date(2025, 2, 1))
    with pytest.raises(ValueError, match="ends before it starts"):
        competency.record_training(order_db, "E1", "cs", 1, "a", "course", date(2025, 2, 1), date(2025, 1, 1))
    assert order_db.count("cert_training") == 0


def test_a_correct_sequence_is_accepted_and_the_next_step_follows_the_regulations_order(order_db):
    # Seed 004 §6.2.2-6.2.7: eligibility -> training -> course exams -> ability test -> overall review.
    def step():
        status = certification_status(order_db.table("certifications"), order_db.table("cert_courses"),
                                      ORDER_LEVELS, eligibility=order_db.table("cert_eligibility"),
                                      training=order_db.table("cert_training"))
        return status.set_index("employee_id").loc["E1", "next_step"]

    competency.review_eligibility(order_db, "E1", "cs", 1, "HR", date(2025, 2, 1))
    assert step() == "training"
    competency.record_training(order_db, "E1", "cs", 1, "a", "course", date(2025, 2, 2), date(2025, 2, 20))
    assert step() == "courses"
    assert record_results(order_db, exams(("r1", "E1", 1, "course_exam", "a", 80, "pass", "2025-03-01"))).empty
    assert step() == "ability_test"
    assert record_results(order_db, exams(("r2", "E1", 1, "ability_test", None, 70, "pass", "2025-03-08"))).empty
    assert step() == "review"
    assert record_results(order_db, exams(("r3", "E1", 1, "review", None, None, "pass", "2025-03-22"))).empty
    assert step() == "eligibility"  # level 2 now, reviewed afresh against REP2's conditions
    assert order_db.count("certifications") == 3


def test_a_first_batch_entry_for_another_posts_track_or_above_the_post_is_refused(order_db):
    # Seed 004 §15(1): 首批认证为对本岗位的资格认证。一般不进行高一级申报. E3 works in HR, a post on no level of track
    # cs: refused on the track. E1 holds REP1 (level 1): a first-batch level 2 is above the post: refused.
    for who in ("E1", "E3"):
        competency.review_eligibility(order_db, who, "cs", 1, "HR", date(2025, 2, 1), outcome="meets") \
            if who == "E1" else order_db.upsert("cert_eligibility", pd.DataFrame({
                "review_id": ["X1"], "employee_id": ["E3"], "track_id": ["cs"], "level": [1],
                "reviewed_on": [date(2025, 2, 1)], "outcome": ["meets"]}))
    batch = exams(("r1", "E3", 1, "review", None, None, "pass", "2025-03-22"),
                  ("r2", "E1", 2, "review", None, None, "pass", "2025-03-22"), first_batch=True)
    problems = record_results(order_db, batch)
    assert problems[["row", "column"]].values.tolist() == [[2, "track_id"], [3, "level"]]
    assert problems.iloc[0]["reason"] == ("the first batch certifies each person for their own post only: E3's "
                                          "post HR is not on track cs")
    assert problems.iloc[1]["reason"].endswith("E1's post REP1 is level 1 of track cs, not level 2")
    assert in_chinese(problems.iloc[1]) == (
        "首批认证为对本岗位的资格认证，一般不进行高一级申报：E1 的岗位 REP1 为认证序列 cs 的 1 级，不是 2 级")
    assert order_db.count("certifications") == 0


def test_the_first_batch_certifies_an_incumbent_at_their_posts_level_at_once(order_db):
    # Seed 004 §15(1) against §15(2): the rule of one level at a time (不能越级申报) is for once certification is
    # routine (胜任力认证经常化以后); the first batch certifies E2 for their own post REP3, level 3, directly. Their
    # eligibility review waives the certificate REP3 asks for (nobody holds one yet in the first batch).
    review = competency.assess_eligibility(order_db, "E2", "cs", 3, date(2025, 2, 1), first_batch=True)
    assert review.meets is True
    competency.review_eligibility(order_db, "E2", "cs", 3, "Dept head", date(2025, 2, 1), first_batch=True)
    competency.record_training(order_db, "E2", "cs", 3, "a", "self_study", date(2025, 2, 2), date(2025, 2, 20))
    rows = [("r1", "E2", 3, "course_exam", "a", 80, "pass", "2025-03-01"),
            ("r2", "E2", 3, "ability_test", None, 75, "pass", "2025-03-08"),
            ("r3", "E2", 3, "review", None, None, "pass", "2025-03-22")]
    # Outside the first batch the same records skip levels 1 and 2 and are refused.
    assert record_results(order_db, exams(*rows))["column"].tolist() == ["level"] * 3
    assert record_results(order_db, exams(*rows, first_batch=True)).empty
    held = competency.held_certificates(order_db).set_index("employee_id")
    assert held.loc["E2", "held_level"] == 3


def test_the_certification_import_refuses_the_whole_file_and_names_the_row(order_db):
    # Seed 004 §6.2.2: E1 is reviewed and trained, E4 was never reviewed: the file's third line (row 3, the
    # header being row 1) is named and neither row is written.
    from hrcore.imports import import_file

    competency.review_eligibility(order_db, "E1", "cs", 1, "HR", date(2025, 2, 1))
    for who in ("E1", "E4"):
        competency.record_training(order_db, who, "cs", 1, "a", "course", date(2025, 2, 2), date(2025, 2, 20))
    batch = exams(("r1", "E1", 1, "course_exam", "a", 80, "pass", "2025-03-01"),
                  ("r2", "E4", 1, "course_exam", "a", 70, "pass", "2025-03-01"))
    report = import_file(order_db, "certifications", batch.to_csv(index=False).encode(), "cert.csv")
    assert not report.written
    assert report.problems[["row", "column", "value"]].values.tolist() == [[3, "employee_id", "E4"]]
    assert "E4 has no passed eligibility review for track cs level 1 on or before 2025-03-01" in \
        report.problems.iloc[0]["reason"]
    assert order_db.count("certifications") == 0


# -- refusals in the reader's language (issue 30 item 3: problems as codes) ----------------------------------

FEB_1 = date(2025, 2, 1)
REFUSALS = {
    # name: (call on order_db, what the Chinese text names)
    "not on file": (lambda db: competency.assess_eligibility(db, "E9", "cs", 1, FEB_1), ["工号", "E9"]),
    "not employed yet": (lambda db: competency.assess_eligibility(db, "E5", "cs", 1, FEB_1),
                         ["E5", "2025年2月1日"]),
    "no reviewer": (lambda db: competency.review_eligibility(db, "E1", "cs", 1, " ", FEB_1), ["审查人"]),
    "meets, recorded as not": (lambda db: competency.review_eligibility(db, "E1", "cs", 1, "HR", FEB_1,
                                                                        outcome="does_not_meet"), ["REP1", "符合"]),
    "does not meet, recorded as meets": (lambda db: competency.review_eligibility(db, "E4", "cs", 1, "HR", FEB_1,
                                                                                  outcome="meets"),
                                         ["REP1", "学历", "不符合"]),
    "training ends first": (lambda db: competency.record_training(db, "E1", "cs", 1, "a", "course", FEB_1,
                                                                  date(2025, 1, 31)), ["结束日期"]),
    "training of nobody": (lambda db: competency.record_training(db, "E9", "cs", 1, "a", "course", FEB_1), ["E9"]),
    "course not of the level": (lambda db: competency.record_training(db, "E1", "cs", 1, "z", "course", FEB_1),
                                ["课程", "cs", "1 级", "z"]),
    "training mode": (lambda db: competency.record_training(db, "E1", "cs", 1, "a", "online", FEB_1), ["online"]),
    "no such track": (lambda db: competency.record_training(db, "E1", "hr", 1, None, "course", FEB_1), ["hr"]),
    "no such level": (lambda db: competency.record_training(db, "E1", "cs", 5, None, "course", FEB_1),
                      ["cs", "5 级", "1、2、3"]),
    "appeal without grounds": (lambda db: file_appeal(db, "E1", "cs", 1, " ", FEB_1), ["理由"]),
    "appeal of nobody": (lambda db: file_appeal(db, "E9", "cs", 1, "wrong", FEB_1), ["E9"]),
    "no such appeal": (lambda db: decide_appeal(db, "AP99999", "upheld", "HR", FEB_1), ["AP99999"]),
    "sitting without scores": (lambda db: apply_pass_rate(db, "cs", 1, "a", FEB_1, 0.5), ["考试"]),
    "pass rate of nobody": (lambda db: pass_mark([70, 80], 1e-12), ["1e-12", "2 名"]),
    "pass rate above one": (lambda db: pass_mark([70, 80], 1.5), ["1.5"]),
    "pass rate not a number": (lambda db: pass_mark([70, 80], "most"), ["'most'"]),
    "pass rate setting": (lambda db: save_settings(db, {"pass_rate": 0}), ["目标通过率"]),
    "probation in part months": (lambda db: save_settings(db, {"probation_months": 2.5}), ["2.5"]),
    "weights": (lambda db: save_settings(db, {"weights": {"superior": 0.5, "peer": 0.2}}), ["0.7"]),
    "target off the scale": (lambda db: save_targets(db, "REP1", 1, {"wisdom": 11}), ["wisdom", "11"]),
    "model without id": (lambda db: save_model(db, " ", None, None, model_items("wisdom")), ["模型"]),
}


@pytest.mark.parametrize("name", REFUSALS)
def test_a_refusal_reads_in_chinese_with_its_values(order_db, name):
    # The Chinese comes from the catalogue by the refusal's code, not from translating the English: it holds
    # Chinese, the values the English names (person, level, date as Chinese writes it) and no English sentence.
    order_db.upsert("employees", pd.DataFrame({"employee_id": ["E5"], "job_id": ["REP1"], "status": "active",
                                               "hire_date": [date(2025, 6, 1)]}))  # hired after 1 Feb 2025
    call, named = REFUSALS[name]
    with pytest.raises(errors.Refused) as raised:
        call(order_db)
    text = errors.problem_text(raised.value, "zh")
    assert re.search(r"[\u4e00-\u9fff]", text), text
    assert all(value in text for value in named), text
    assert not re.search(r"[a-z]+ [a-z]+ [a-z]+", text), text   # three English words in a row: a sentence left
    assert order_db.count("cert_eligibility") == order_db.count("cert_training") == order_db.count("cert_appeals") == 0


def test_every_problem_of_a_model_reads_in_chinese_with_its_row(fresh_db):
    # Row 2 has no id and no name, row 3 repeats wisdom and is critical without a minimum, row 4 has a minimum of 12.
    items = model_items("wisdom", "", "wisdom", "trust", critical=("wisdom", "trust"), minimum=None)
    items.loc[3, "min_score"] = 12
    with pytest.raises(competency.ModelRefused) as raised:
        save_model(fresh_db, "LEAD", None, None, items)
    english = str(raised.value)
    assert english == ("row 2, name: every item needs a name; row 3, item_id: wisdom appears twice; "
                       "row 1, min_score: a critical item needs a minimum score; "
                       "row 3, min_score: a critical item needs a minimum score; row 4, min_score: 12 is not on the "
                       "1-10 scale")
    chinese = [(p.values["row"], errors.problem_text(p, "zh")) for p in raised.value.problems]
    assert chinese == [(2, "名称：每个素质项都须有名称"), (3, "素质项编号：wisdom 出现了两次"),
                       (1, "最低分：关键项须设最低分"), (3, "最低分：关键项须设最低分"), (4, "最低分：12 不在 1-10 分之间")]
    assert fresh_db.count("comp_items") == 0
