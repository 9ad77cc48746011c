"""Competency, qualification and certification (DOMAIN.md §6, seeds 000 and 004).

Computation takes DataFrames and plain values; the storage helpers at the end
take a :class:`hrcore.store.Store`.  Nothing here imports streamlit.

Three programmes share the module:

- **360 reviews** (:func:`aggregate_360`, :func:`review`): raters in groups,
  group weights as settings, the anonymity rules, self against others, gaps
  to the target profile, knock-out items, development actions.
- **Qualifications** (:func:`qualification`): basic conditions per job and
  level; who meets their own and the next.
- **Certification** (:func:`pass_mark`, :func:`held_levels`,
  :func:`certification_status`, :func:`coverage`): levels taken one at a
  time, course results valid until the next review, pass marks from a
  target pass rate; the regulation's order (:func:`order_problems`): an
  eligibility review against the post's basic conditions
  (:func:`assess_eligibility`, :func:`review_eligibility`) and training
  (:func:`record_training`) before every exam, the ability test after every
  course, the first batch for one's own post.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from hrcore import i18n
from hrcore.i18n import Term
from hrcore.company import employed_on
from hrcore.errors import Conflict, Refused

LAYERS = ("knowledge", "skill", "social_role", "self_image", "trait", "motive")
"""The iceberg from the top down (seed 000, McClelland); the first two are above the water."""
ABOVE_WATER = ("knowledge", "skill")
BANDS = ("9-10", "7-8", "5-6", "3-4", "1-2")
"""The five bands of the 1-10 scale, each with a behaviour anchor."""
GROUPS = ("self", "superior", "peer", "subordinate", "other")
OTHER_GROUPS = GROUPS[1:]
DEFAULT_WEIGHTS = {"superior": 0.4, "peer": 0.3, "subordinate": 0.2, "other": 0.1}
"""Group weights of the "all raters but self" figure; a setting (DOMAIN §6)."""
MIN_GROUP_RATERS = 3
"""A group (the superior excepted) is shown on its own only with this many raters."""
MIN_OTHER_RATERS = 4
"""The combined figure is shown only when it rests on this many raters."""
EDUCATION = ("high_school", "college", "bachelor", "master", "doctor")
CONDITIONS = ("education", "major", "experience", "years_in_job", "certification")
"""The basic conditions of a qualification standard, in the order they are checked."""
SETTINGS_KEY = "competency_settings"


def default_settings() -> dict:
    """Group weights, the gap that makes a blind spot, the total a review must reach,
    the certification pass rate and the probation's length in months (level 1 is due
    :data:`AFTER_PROBATION_MONTHS` after it ends)."""
    return {"weights": dict(DEFAULT_WEIGHTS), "blind_spot_gap": 1.5, "pass_total": 6.0,
            "pass_rate": 0.8, "probation_months": 6}


def check_weights(weights: dict) -> dict:
    """The group weights as floats, or ``ValueError`` naming what is wrong.

    >>> check_weights({"superior": 0.5, "peer": 0.5})
    {'superior': 0.5, 'peer': 0.5, 'subordinate': 0.0, 'other': 0.0}
    """
    unknown = set(weights) - set(OTHER_GROUPS)
    if unknown:
        raise Refused("weights_unknown_groups", field="weights", groups=str(sorted(unknown)))
    out = {g: float(weights.get(g, 0.0) or 0.0) for g in OTHER_GROUPS}
    if any(not math.isfinite(w) or w < 0 for w in out.values()):
        raise Refused("weights_negative", field="weights")
    if abs(sum(out.values()) - 1.0) > 1e-6:
        raise Refused("weights_sum", field="weights", total=f"{sum(out.values()):.4g}")
    return out


def band(scores) -> np.ndarray:
    """The anchor band of each score on the 1-10 scale (an average of 8.6 reads as 7-8).

    >>> band([10, 8.6, 5, 2.9]).tolist()
    ['9-10', '7-8', '5-6', '1-2']
    """
    s = np.asarray(scores, dtype=float)
    index = np.select([s >= 9, s >= 7, s >= 5, s >= 3], [0, 1, 2, 3], 4)
    return np.array(BANDS, dtype=object)[index]


def pass_mark(scores, pass_rate: float) -> float:
    """The pass mark of one exam sitting, set from a target pass rate.

    Sort the scores from highest to lowest and take ``k = ceil(pass_rate · n)``:
    the pass mark is the k-th score.  Everyone at or above the mark passes,
    so ties at the mark all pass and the actual pass rate can exceed the
    target (seed 004: the committee sets a pass rate, the rate sets the mark).

    Parameters
    ----------
    scores : array-like of float
        The scores of everyone who sat the exam; at least one, all finite.
    pass_rate : float
        Target share of candidates who pass, in (0, 1].

    Returns
    -------
    float
        The pass mark.

    Raises
    ------
    ValueError
        If ``scores`` is empty or holds NaN or infinite values, if
        ``pass_rate`` is not in (0, 1], or if it is so small that
        ``pass_rate · n`` rounds to no one at all (named, not numpy's
        "kth out of bounds").

    Notes
    -----
    ``pass_rate · n`` is rounded to 9 decimals before the ceiling, so that a
    product that is whole on paper stays whole in binary floating point
    (0.28 × 25 is 7.000000000000001 in floating point; it must give k = 7,
    not 8).

    Examples
    --------
    Five candidates and a target pass rate of 40 %: k = ceil(0.4 × 5) = 2, so
    the mark is the second-best score, 85.  Both candidates on 85 pass, three
    in all:

    >>> scores = [92, 85, 85, 78, 64]
    >>> pass_mark(scores, 0.4)
    85.0
    >>> sum(s >= pass_mark(scores, 0.4) for s in scores)
    3

    A rate so small that it rounds to nobody is named, not left to numpy:

    >>> pass_mark(scores, 1e-12)
    Traceback (most recent call last):
    ...
    hrcore.errors.Refused: pass_rate: 1e-12 of 5 candidate(s) is less than one person; a pass rate must let at least one pass
    """
    values = np.asarray(scores, dtype=float).ravel()
    if values.size == 0:
        raise Refused("no_scores", field="scores")
    if not np.isfinite(values).all():
        raise Refused("scores_not_finite", field="scores")
    try:
        rate = float(pass_rate)
    except (TypeError, ValueError):
        raise Refused("pass_rate_not_a_number", field="pass_rate", got=repr(pass_rate)) from None
    if not 0 < rate <= 1:  # also rejects NaN, for which every comparison is false
        raise Refused("pass_rate_out_of_range", field="pass_rate", got=repr(pass_rate))
    k = math.ceil(round(rate * values.size, 9))
    if k < 1:  # a rate so small that rate · n rounds to nobody: the mark would be the (n+1)-th best score
        raise Refused("pass_rate_below_one_person", field="pass_rate", rate=f"{rate:g}", candidates=int(values.size))
    # The k-th highest is the (n - k)-th lowest: a partial sort is enough.
    return float(np.partition(values, values.size - k)[values.size - k])


# -- 360 reviews ----------------------------------------------------------------------------

def aggregate_360(ratings: pd.DataFrame, weights: dict | None = None) -> pd.DataFrame:
    """Per person and item: self, each rater group, and all raters but self.

    The anonymity rules of DOMAIN §6: a group with fewer than
    :data:`MIN_GROUP_RATERS` raters is not shown on its own (the superior
    excepted); its answers count only in the combined "all raters but self"
    figure, which is itself shown only when it rests on at least
    :data:`MIN_OTHER_RATERS` raters.  The combined figure weights the mean of
    each group that rated by its group weight, the weights of the groups
    present scaled back to 100 %.

    The rules' purpose is that no answer can be traced to a person, and the
    weights are known: combined figure minus the groups shown would give a
    hidden group's mean.  So when the hidden answers come from fewer than 3
    raters, the smallest group that would be shown is hidden as well
    (complementary suppression, as statistical offices do with small cells).

    Parameters
    ----------
    ratings : DataFrame
        ``ratee_id``, ``rater_id``, ``rater_group``, ``item_id``, ``score``
        (1-10); one row per rater and item.
    weights : dict, optional
        Group weights of superior, peer, subordinate and other, summing to 1;
        :data:`DEFAULT_WEIGHTS` if not given.

    Returns
    -------
    DataFrame
        One row per ratee and item: ``self``, ``superior``, ``peer``,
        ``subordinate``, ``other`` (NaN when hidden or absent), the rater
        counts ``n_<group>``, ``others`` (NaN when fewer than 4 raters) and
        ``n_others``.

    Examples
    --------
    Self 9; superior 6; two peers 7 and 8 (too few to show); three
    subordinates 5, 6, 7.  Peers are hidden but count in the combined
    figure: with weights 0.4 / 0.3 / 0.2 (other absent, so the three are
    scaled by 1/0.9) it is (0.4·6 + 0.3·7.5 + 0.2·6) / 0.9 = 6.5.  Shown
    beside the superior's 6 and the subordinates' 6, the 6.5 would give the
    two peers' mean, 7.5, so the subordinates are hidden too:

    >>> r = pd.DataFrame({
    ...     "ratee_id": "E1", "item_id": "trust",
    ...     "rater_id": ["E1", "B", "P1", "P2", "S1", "S2", "S3"],
    ...     "rater_group": ["self", "superior", "peer", "peer", "subordinate", "subordinate", "subordinate"],
    ...     "score": [9, 6, 7, 8, 5, 6, 7]})
    >>> row = aggregate_360(r).iloc[0]
    >>> [round(float(row[c]), 6) for c in ("self", "superior", "peer", "subordinate", "others")], int(row["n_others"])
    ([9.0, 6.0, nan, nan, 6.5], 6)
    """
    w = pd.Series(check_weights(weights if weights is not None else DEFAULT_WEIGHTS))
    keys = ["ratee_id", "item_id"]
    if ratings.empty:
        columns = keys + list(GROUPS) + [f"n_{g}" for g in GROUPS] + ["others", "n_others"]
        return pd.DataFrame(columns=columns)
    unknown = set(pd.unique(ratings["rater_group"])) - set(GROUPS)
    if unknown:
        raise ValueError(f"rater_group: unknown group(s) {sorted(map(str, unknown))}; use {', '.join(GROUPS)}")
    means, counts = _group_means(ratings)

    other_means = means[list(OTHER_GROUPS)].to_numpy(dtype=float)
    n = counts[list(OTHER_GROUPS)].to_numpy()
    weighted = w.to_numpy() > 0  # a group of weight 0 neither enters the combined figure nor counts toward it
    present = (n > 0) & weighted
    weight = np.where(present, w.to_numpy(), 0.0)
    weight_sum = weight.sum(axis=1)
    n_others = np.where(weighted, n, 0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        combined = np.nansum(np.where(present, other_means, 0.0) * weight, axis=1) / weight_sum
    # Whole-point scores and weights in hundredths: 9 decimals are exact, and a figure that is 7 on
    # paper must not come out as 6.999999999999999 and fail a minimum of 7.
    combined = np.round(combined, 9)
    combined[(n_others < MIN_OTHER_RATERS) | (weight_sum <= 0)] = np.nan

    # Which group figures to show.  Column 0 is the superior, shown even alone (DOMAIN §6); the
    # others need 3 raters.
    shown = n >= MIN_GROUP_RATERS
    shown[:, 0] = n[:, 0] > 0
    # Complementary suppression: the weights are known, so the combined figure minus the groups shown
    # gives the hidden groups' mean.  When the hidden answers in the combined figure come from fewer
    # than 3 raters, hide the smallest other group shown; failing that (two superiors and two peers),
    # the superiors' figure; failing that, the combined figure.
    hidden_raters = np.where(~shown & weighted, n, 0).sum(axis=1)
    exposed = (hidden_raters > 0) & (hidden_raters < MIN_GROUP_RATERS) & ~np.isnan(combined)
    shieldable = shown & weighted
    shieldable[:, 0] = False
    smallest = np.argmin(np.where(shieldable, n, np.iinfo(np.int64).max), axis=1)
    by_group = exposed & shieldable.any(axis=1)
    shown[np.flatnonzero(by_group), smallest[by_group]] = False
    by_superior = exposed & ~by_group & shown[:, 0] & weighted[0]
    shown[by_superior, 0] = False
    combined[exposed & ~by_group & ~by_superior] = np.nan

    out = means.copy()
    for j, g in enumerate(OTHER_GROUPS):
        out.loc[~shown[:, j], g] = np.nan
    out.columns = list(GROUPS)
    for g in GROUPS:
        out[f"n_{g}"] = counts[g].to_numpy()
    out["others"] = combined
    out["n_others"] = n_others
    return out.reset_index()


AGGREGATE_COLUMNS = ("period", "ratee_id", "item_id", *GROUPS, *(f"n_{g}" for g in GROUPS), "others", "n_others")
"""What a user who may not see raters reads as ``ratings_360`` (:func:`anonymous_ratings_sql`)."""


def anonymous_ratings_sql(ratings: str, settings: str) -> str:
    """SQL of the 360 ratings as those who may not see raters read them: :func:`aggregate_360` per period.

    The same anonymity rules, the same constants, the same group weights
    (the saved settings): one row per period, ratee and item with the
    columns of :data:`AGGREGATE_COLUMNS`, no rater id and no score of a
    group too small to show.  The store puts this in place of the table for
    everyone but an admin (:func:`hrcore.access.scope_views`), so an export,
    a query or a page reads the review's figures and nothing finer.

    Parameters
    ----------
    ratings : str
        A relation of ``ratings_360`` rows (a table name or a parenthesised SELECT: the user's scope).
    settings : str
        The ``app_meta`` table holding :data:`SETTINGS_KEY`.

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE app_meta (key VARCHAR, value VARCHAR)")
    >>> _ = con.execute("CREATE TABLE r AS SELECT '2026' AS period, 'E1' AS ratee_id, 'trust' AS item_id, * FROM "
    ...     "(VALUES ('E1', 'self', 9), ('B', 'superior', 6), ('P1', 'peer', 7), ('P2', 'peer', 8), "
    ...     "('S1', 'subordinate', 5), ('S2', 'subordinate', 6), ('S3', 'subordinate', 7)) v(rater_id, rater_group, score)")
    >>> con.sql(anonymous_ratings_sql("r", "app_meta")).fetchall()[0]
    ('2026', 'E1', 'trust', 9.0, 6.0, None, None, None, 1, 1, 2, 3, 0, 6.5, 6)
    """
    weight = {g: f"coalesce(TRY_CAST(json_extract_string(s.value, '$.weights.{g}') AS DOUBLE), {w!r})"
              for g, w in DEFAULT_WEIGHTS.items()}
    per_group = ", ".join(f"count(*) FILTER (WHERE rater_group = '{g}') AS n_{g}, "
                          f"avg(score) FILTER (WHERE rater_group = '{g}') AS m_{g}" for g in GROUPS)
    counted = (f"SELECT period, ratee_id, item_id, {per_group} FROM {ratings} GROUP BY period, ratee_id, item_id")
    weights = ", ".join(f"{w} AS w_{g}" for g, w in weight.items())
    setting = f"(SELECT {weights} FROM (SELECT 1) LEFT JOIN {settings} s ON s.key = '{SETTINGS_KEY}')"
    total = lambda terms: "(" + " + ".join(terms) + ")"  # noqa: E731 - summed in GROUPS order, as numpy sums
    present = {g: f"(n_{g} > 0 AND w_{g} > 0)" for g in OTHER_GROUPS}
    shown = {g: f"(n_{g} >= {MIN_GROUP_RATERS})" for g in OTHER_GROUPS} | {"superior": "(n_superior > 0)"}
    weight_sum = total(f"CASE WHEN {present[g]} THEN w_{g} ELSE 0 END" for g in OTHER_GROUPS)
    n_others = total(f"CASE WHEN w_{g} > 0 THEN n_{g} ELSE 0 END" for g in OTHER_GROUPS)
    mixed = total(f"CASE WHEN {present[g]} THEN coalesce(m_{g}, 0) * w_{g} ELSE 0 END" for g in OTHER_GROUPS)
    hidden = total(f"CASE WHEN NOT {shown[g]} AND w_{g} > 0 THEN n_{g} ELSE 0 END" for g in OTHER_GROUPS)
    combined = (f"CASE WHEN {n_others} >= {MIN_OTHER_RATERS} AND {weight_sum} > 0 "
                f"THEN round({mixed} / {weight_sum}, 9) END")
    step = f"SELECT *, {combined} AS combined, {n_others} AS n_others, {hidden} AS hidden FROM ({counted}), {setting}"
    # Complementary suppression, as aggregate_360: the smallest group shown (the first of equals) is hidden
    # when the hidden answers are from fewer than MIN_GROUP_RATERS raters; failing that the superior; else the
    # combined figure.
    shieldable = {g: f"({shown[g]} AND w_{g} > 0)" for g in OTHER_GROUPS[1:]}
    order = list(shieldable)
    smallest = {g: " AND ".join([shieldable[g]]
                                + [f"NOT ({shieldable[h]} AND n_{h} <= n_{g})" for h in order[:i]]
                                + [f"NOT ({shieldable[h]} AND n_{h} < n_{g})" for h in order[i + 1:]])
                for i, g in enumerate(order)}
    exposed = f"(hidden > 0 AND hidden < {MIN_GROUP_RATERS} AND combined IS NOT NULL)"
    by_group = f"({exposed} AND ({' OR '.join(shieldable.values())}))"
    by_superior = f"({exposed} AND NOT {by_group} AND {shown['superior']} AND w_superior > 0)"
    figures = ", ".join(
        ["m_self AS self", f"CASE WHEN {shown['superior']} AND NOT {by_superior} THEN m_superior END AS superior"]
        + [f"CASE WHEN {shown[g]} AND NOT ({by_group} AND {smallest[g]}) THEN m_{g} END AS {g}" for g in order])
    counts = ", ".join(f"n_{g}" for g in GROUPS)
    return (f"SELECT period, ratee_id, item_id, {figures}, {counts}, "
            f"CASE WHEN {exposed} AND NOT {by_group} AND NOT {by_superior} THEN NULL ELSE combined END AS others, "
            f"n_others FROM ({step})")


def _group_means(ratings: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mean score and rows of each rater group per (ratee, item), ratees and items in order of appearance.

    Counted with ``np.bincount`` over integer codes: a pandas group-by and
    unstack of 750,000 ratings on three keys takes half a second, this a tenth.
    A missing score counts as a row but not in the mean; a row without a ratee or item is left out.
    """
    ratee_codes, ratees = pd.factorize(ratings["ratee_id"])
    item_codes, item_ids = pd.factorize(ratings["item_id"])
    item_ids = pd.Index(np.asarray(item_ids, dtype=object))  # plain ids out, whether they came in as text or codes
    found_codes, found = pd.factorize(ratings["rater_group"])  # known groups only: the caller checked
    group_codes = pd.Index(GROUPS).get_indexer(found)[found_codes]
    keep = (ratee_codes >= 0) & (item_codes >= 0)
    # Sorted codes: ratees in the order they first appear, each one's items likewise, as the group-by gave them.
    pair_of, pairs = pd.factorize(ratee_codes[keep].astype(np.int64) * len(item_ids) + item_codes[keep], sort=True)
    cell = pair_of * len(GROUPS) + group_codes[keep]
    score = ratings["score"].to_numpy(float, na_value=np.nan)[keep]
    scored = ~np.isnan(score)
    size = len(pairs) * len(GROUPS)
    sums = np.bincount(cell[scored], weights=score[scored], minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = sums / np.bincount(cell[scored], minlength=size)
    rows = np.bincount(cell, minlength=size)
    index = pd.MultiIndex.from_arrays([ratees[pairs // len(item_ids)], item_ids[pairs % len(item_ids)]],
                                      names=["ratee_id", "item_id"])
    return (pd.DataFrame(mean.reshape(-1, len(GROUPS)), index=index, columns=list(GROUPS)),
            pd.DataFrame(rows.reshape(-1, len(GROUPS)), index=index, columns=list(GROUPS)))


@dataclass(frozen=True)
class Review:
    """A 360 review read against target profiles.

    ``items``: one row per person and item with the aggregate of
    :func:`aggregate_360`, ``target``, ``gap`` (others − target),
    ``self_gap`` (self − others), ``finding`` (``blind_spot``,
    ``hidden_strength`` or empty), ``critical``, ``min_score`` and
    ``knocked_out``.  ``people``: one row per person with ``others`` (mean
    over items), ``self``, ``gap`` (mean over items with a target),
    ``knock_outs``, ``blind_spots``, ``hidden_strengths``, ``raters`` and
    ``result`` (``pass``, ``knock_out``, ``below_total`` or
    ``too_few_raters``).
    """

    items: pd.DataFrame
    people: pd.DataFrame


def review(ratings: pd.DataFrame, items: pd.DataFrame, targets: pd.DataFrame | None = None,
           weights: dict | None = None, blind_spot_gap: float = 1.5, pass_total: float = 6.0) -> Review:
    """Read a 360 review: self against others, gaps to target, knock-outs, the overall result.

    Parameters
    ----------
    ratings : DataFrame
        As for :func:`aggregate_360`, or its result (what the store gives a
        user who may not see raters: :func:`anonymous_ratings_sql`).
    items : DataFrame
        ``item_id``, ``critical`` (bool), ``min_score`` of the model's items.
    targets : DataFrame, optional
        ``ratee_id``, ``item_id``, ``target_score``: each person's target
        profile (their job and level's).
    weights : dict, optional
        Group weights, see :func:`aggregate_360`.
    blind_spot_gap : float
        Self above others by at least this much is a blind spot; others above
        self by at least this much a hidden strength.
    pass_total : float
        The mean of all raters but self that a pass needs.

    Returns
    -------
    Review

    Examples
    --------
    Seed 000's Wei Yan on 智信仁勇严: strong on wisdom, courage and discipline,
    fatal gaps on trust and benevolence, the two critical items with a
    minimum of 5.  His mean, 6.6, clears the total of 6, yet he fails:

    >>> scores = {"wisdom": 9, "trust": 3, "benevolence": 4, "courage": 9, "discipline": 8}
    >>> rows = [{"ratee_id": "weiyan", "rater_id": f"R{i}", "rater_group": "peer", "item_id": item, "score": s}
    ...         for i in range(4) for item, s in scores.items()]
    >>> model = pd.DataFrame({"item_id": list(scores), "critical": [False, True, True, False, False],
    ...                       "min_score": [None, 5, 5, None, None]})
    >>> r = review(pd.DataFrame(rows), model)
    >>> p = r.people.iloc[0]
    >>> float(p["others"]), int(p["knock_outs"]), p["result"]
    (6.6, 2, 'knock_out')
    """
    if not 0 < float(blind_spot_gap) <= 9:
        raise ValueError(f"blind_spot_gap: must be in (0, 9] points, got {blind_spot_gap!r}")
    if not 1 <= float(pass_total) <= 10:
        raise ValueError(f"pass_total: must be on the 1-10 scale, got {pass_total!r}")
    # Figures the store aggregated already (a user who may not see raters, anonymous_ratings_sql) are used as
    # they are: they were worked out by the same rules with the saved weights.
    agg = ratings if "n_others" in ratings.columns else aggregate_360(ratings, weights)
    model = items[["item_id", "critical", "min_score"]].copy()
    model["critical"] = model["critical"].fillna(False).astype(bool)
    model["min_score"] = pd.to_numeric(model["min_score"], errors="coerce")
    out = agg.merge(model, on="item_id", how="left")
    out["critical"] = out["critical"].fillna(False).astype(bool)
    if targets is not None and len(targets):
        out = out.merge(targets[["ratee_id", "item_id", "target_score"]].rename(columns={"target_score": "target"}),
                        on=["ratee_id", "item_id"], how="left")
    else:
        out["target"] = np.nan
    out["target"] = out["target"].astype(float)
    out["others"] = out["others"].astype(float)
    out["self"] = out["self"].astype(float)
    out["gap"] = out["others"] - out["target"]
    out["self_gap"] = out["self"] - out["others"]
    out["finding"] = np.select([out["self_gap"] >= blind_spot_gap, out["self_gap"] <= -blind_spot_gap],
                               ["blind_spot", "hidden_strength"], "")
    out["knocked_out"] = out["critical"] & out["min_score"].notna() & (out["others"] < out["min_score"])

    flags = out[["ratee_id", "others", "self", "target", "gap", "knocked_out", "n_others"]].assign(
        blind_spots=out["finding"] == "blind_spot", hidden_strengths=out["finding"] == "hidden_strength")
    by = flags.groupby("ratee_id", sort=True)
    people = by[["others", "self", "target", "gap"]].mean()
    counts = by[["knocked_out", "blind_spots", "hidden_strengths"]].sum().astype(np.int64)
    people["knock_outs"] = counts["knocked_out"]
    people["blind_spots"] = counts["blind_spots"]
    people["hidden_strengths"] = counts["hidden_strengths"]
    people["raters"] = by["n_others"].max().astype(np.int64)
    people["result"] = np.select(
        [people["knock_outs"] > 0, people["others"].isna(), people["others"] < pass_total],
        ["knock_out", "too_few_raters", "below_total"], "pass")
    people["others"] = people["others"].round(10)
    return Review(out, people.reset_index())


ABILITY_REASONS = ("not_rated", "too_few_raters", "no_target")
"""Why a person reviewed has no ability figure (:func:`ability_scores`): not rated on their model; rated, but
by fewer than :data:`MIN_OTHER_RATERS` raters besides self (the anonymity rule); no target profile."""


def ability_scores(items: pd.DataFrame, measure: str = "360") -> pd.DataFrame:
    """Each reviewed person's ability on the 1-10 scale, from the 360 figures of their model's items.

    Two measures (the nine-box's ability axis, DOMAIN §5):

    * ``"360"``: the mean, over the items of the person's model, of the
      "all raters but self" figure (:func:`aggregate_360`'s ``others``: the
      group means weighted by the group weights).  Items whose figure is
      hidden by the anonymity rules do not count; a person with no figure
      shown (fewer than :data:`MIN_OTHER_RATERS` raters besides self) gets
      none.  This is the review's own ``others`` of :func:`review`.
    * ``"competency"``: the competency review total against the target
      profile of the person's job and level: the share of the profile
      reached, ``10 × Σ min(others, target) / Σ target`` over the items
      with a target and a figure.  10 means every target met; an item
      above its target does not make up for one below it (a gap stays a
      gap, as with knock-out items).  Figures and targets are 1-10, so the
      total is too.  A person whose job and level have no target on the
      model gets none.

    Parameters
    ----------
    items : DataFrame
        One row per person and item of the person's model: ``ratee_id``,
        ``others`` (NaN when hidden), ``n_others`` and, for
        ``"competency"``, ``target_score`` (NaN when the item has none).
    measure : str
        ``"360"`` or ``"competency"``.

    Returns
    -------
    DataFrame
        One row per person: ``ratee_id``, ``ability`` (NaN when none),
        ``raters`` (raters besides self) and ``reason``: ``None`` with a
        value, else one of :data:`ABILITY_REASONS`.

    Examples
    --------
    Two items; A is rated by 5 raters besides self, B by 3.  A's figures
    7.8 and 6.6 give the 360 ability 7.2; against targets 8 and 6 the
    competency total is 10 × (7.8 + 6) / (8 + 6) = 9.8571...

    >>> rows = pd.DataFrame({"ratee_id": ["A", "A", "B", "B"], "others": [7.8, 6.6, None, None],
    ...                      "n_others": [5, 5, 3, 3], "target_score": [8.0, 6.0, 7.0, 7.0]})
    >>> ability_scores(rows).values.tolist()
    [['A', 7.2, 5, None], ['B', nan, 3, 'too_few_raters']]
    >>> round(float(ability_scores(rows, "competency")["ability"][0]), 4)
    9.8571
    """
    if measure not in ("360", "competency"):
        raise ValueError(f"measure: '360' or 'competency', got {measure!r}")
    columns = ["ratee_id", "ability", "raters", "reason"]
    if items.empty:
        return pd.DataFrame(columns=columns)
    others = pd.to_numeric(items["others"], errors="coerce").astype(float)
    frame = pd.DataFrame({"ratee_id": items["ratee_id"].to_numpy(), "others": others.to_numpy(),
                          "shown": others.notna().to_numpy(),
                          "n_others": pd.to_numeric(items["n_others"], errors="coerce").fillna(0).to_numpy()})
    if measure == "competency":
        target = pd.to_numeric(items["target_score"], errors="coerce").astype(float).to_numpy()
        counted = frame["shown"].to_numpy() & ~np.isnan(target)
        frame["reached"] = np.where(counted, np.minimum(frame["others"].to_numpy(), target), 0.0)
        frame["asked"] = np.where(counted, target, 0.0)
        frame["targeted"] = ~np.isnan(target)
    by = frame.groupby("ratee_id", sort=True)
    out = pd.DataFrame({"raters": by["n_others"].max().astype(np.int64), "shown": by["shown"].any()})
    if measure == "360":
        out["ability"] = by["others"].mean()
        out["reason"] = np.where(out["shown"], None, "too_few_raters")
    else:
        sums = by[["reached", "asked"]].sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            out["ability"] = np.where(sums["asked"] > 0, 10 * sums["reached"] / sums["asked"], np.nan)
        out["reason"] = np.select([~out["shown"], ~by["targeted"].any()], ["too_few_raters", "no_target"], None)
        out.loc[out["reason"].notna(), "ability"] = np.nan
    out["ability"] = out["ability"].astype(float).round(10)
    out["reason"] = out["reason"].astype(object).where(out["reason"].notna(), None)
    return out.reset_index()[columns]


RATERS_ASKED = (7, 8)
"""Raters a person is rated by, self aside: superior, peers, subordinates or business contacts (seed 000)."""
MIN_RATERS_ADVISED = 5
"""Below this many raters (self aside) a review is flagged: too few for the figures to mean much."""


def rater_guidance(items: pd.DataFrame) -> pd.DataFrame:
    """Each reviewee's raters by group, whether there are enough, and which groups are hidden and why.

    Parameters
    ----------
    items : DataFrame
        The per-item rows of :func:`aggregate_360` (or :attr:`Review.items`,
        or :func:`anonymous_ratings_sql`'s): ``ratee_id``, the group figures
        and their ``n_<group>`` counts.  Every rater rates every item, so a
        group's raters are its largest count over the items.

    Returns
    -------
    DataFrame
        One row per reviewee: ``n_superior``, ``n_peer``, ``n_subordinate``,
        ``n_other``, ``raters`` (all but self), ``self_rated``, ``short``
        (fewer than :data:`MIN_RATERS_ADVISED` raters; seed 000 asks for
        7-8), ``others_shown`` (the combined figure rests on at least
        :data:`MIN_OTHER_RATERS` raters) and ``hidden_<group>`` for the
        four groups: ``few`` (under :data:`MIN_GROUP_RATERS` raters, the
        superior excepted), ``shield`` (enough raters, hidden on some item
        so a smaller group's answers cannot be worked out by subtraction) or
        empty (shown, or nobody in the group).

    Examples
    --------
    The example of :func:`aggregate_360`: a superior, two peers, three
    subordinates, 6 raters in all.  The peers are too few; the subordinates
    are hidden to shield them:

    >>> r = pd.DataFrame({
    ...     "ratee_id": "E1", "item_id": "trust",
    ...     "rater_id": ["E1", "B", "P1", "P2", "S1", "S2", "S3"],
    ...     "rater_group": ["self", "superior", "peer", "peer", "subordinate", "subordinate", "subordinate"],
    ...     "score": [9, 6, 7, 8, 5, 6, 7]})
    >>> g = rater_guidance(aggregate_360(r)).iloc[0]
    >>> int(g["raters"]), bool(g["short"]), g["hidden_peer"], g["hidden_subordinate"], g["hidden_superior"]
    (6, False, 'few', 'shield', '')
    """
    columns = ["ratee_id", *(f"n_{g}" for g in OTHER_GROUPS), "raters", "self_rated", "short", "others_shown",
               *(f"hidden_{g}" for g in OTHER_GROUPS)]
    if items.empty:
        return pd.DataFrame(columns=columns)
    frame = items[["ratee_id", *GROUPS, *(f"n_{g}" for g in GROUPS), "others"]].copy()
    for g in OTHER_GROUPS:
        # A group with raters on an item whose figure is missing there: hidden on that item.
        frame[f"gone_{g}"] = (frame[f"n_{g}"] > 0) & frame[g].isna()
    frame["others_there"] = frame["others"].notna()
    by = frame.groupby("ratee_id", sort=True)
    out = by[[f"n_{g}" for g in GROUPS]].max().astype(np.int64)
    gone = by[[f"gone_{g}" for g in OTHER_GROUPS]].any()
    out["raters"] = out[[f"n_{g}" for g in OTHER_GROUPS]].sum(axis=1)
    out["self_rated"] = out["n_self"] > 0
    out["short"] = out["raters"] < MIN_RATERS_ADVISED
    out["others_shown"] = by["others_there"].any()
    for g in OTHER_GROUPS:
        n = out[f"n_{g}"]
        few = (n > 0) & (n < MIN_GROUP_RATERS) if g != "superior" else pd.Series(False, index=out.index)
        out[f"hidden_{g}"] = np.select([few, gone[f"gone_{g}"]], ["few", "shield"], "")
    return out.reset_index()[columns]


def development_actions(person_items: pd.DataFrame, items: pd.DataFrame, lang: str = "en", n: int = 3) -> pd.DataFrame:
    """The ``n`` items furthest below target, largest gap first, with the action that closes each.

    Knock-out items come first whatever their gap: they fail the review.

    >>> rows = pd.DataFrame({"item_id": ["a", "b", "c"], "gap": [-2.0, 0.5, -0.5], "knocked_out": False})
    >>> model = pd.DataFrame({"item_id": ["a", "b", "c"], "name_en": ["A", "B", "C"], "name_zh": None,
    ...                       "development_en": ["Course A", "Course B", "Course C"], "development_zh": None})
    >>> development_actions(rows, model)[["item", "gap", "action"]].values.tolist()
    [['A', -2.0, 'Course A'], ['C', -0.5, 'Course C']]
    """
    short = person_items[(person_items["gap"] < 0) | person_items["knocked_out"]]
    short = short.assign(_first=~short["knocked_out"]).sort_values(["_first", "gap"]).head(n)
    named = short.merge(items, on="item_id", how="left")
    return pd.DataFrame({
        "item_id": named["item_id"],
        "item": [i18n.name(en, zh, lang) for en, zh in zip(named["name_en"], named["name_zh"])],
        "gap": named["gap"].round(2),
        "action": [i18n.name(en, zh, lang) for en, zh in zip(named["development_en"], named["development_zh"])],
    })


def _radar_svg(labels: list[str], series: list[tuple[str, str, list[float]]], size: int = 360) -> str:
    """A radar chart in plain SVG (no script, prints and e-mails as it is)."""
    n, centre, radius = len(labels), size / 2, size / 2 - 70
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]

    def point(value, angle):
        r = radius * max(0.0, min(value, 10.0)) / 10.0
        return f"{centre + r * math.cos(angle):.1f},{centre - r * math.sin(angle):.1f}"

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}">']
    for ring in (2, 4, 6, 8, 10):
        parts.append(f'<polygon points="{" ".join(point(ring, a) for a in angles)}" fill="none" stroke="#ddd"/>')
    for label, angle in zip(labels, angles):
        x, y = point(11.5, angle).split(",")
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        parts.append(f'<text x="{x}" y="{y}" font-size="11" text-anchor="{anchor}">{html.escape(label)}</text>')
    for name, colour, values in series:
        if all(math.isnan(v) for v in values):
            continue
        pts = " ".join(point(0 if math.isnan(v) else v, a) for v, a in zip(values, angles))
        parts.append(f'<polygon points="{pts}" fill="{colour}" fill-opacity="0.12" stroke="{colour}" '
                     f'stroke-width="2"><title>{html.escape(name)}</title></polygon>')
    parts.append("</svg>")
    return "".join(parts)


def feedback_report(person: dict, person_items: pd.DataFrame, actions: pd.DataFrame, lang: str = "en") -> str:
    """A self-contained HTML page for the feedback talk: radar, the table by item, findings and actions.

    ``person``: ``name``, ``job``, ``period``, ``result``, ``others``,
    ``gap``; ``person_items``: the person's rows of :attr:`Review.items`
    with an ``item`` name column.  Group figures hidden by the anonymity
    rules stay hidden here too.
    """
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    fmt = lambda v: "–" if pd.isna(v) else f"{v:.1f}"  # noqa: E731
    labels = person_items["item"].tolist()
    radar = _radar_svg(labels, [
        (t("competency.series.target"), "#888888", person_items["target"].astype(float).tolist()),
        (t("competency.series.others"), "#1f77b4", person_items["others"].astype(float).tolist()),
        (t("competency.series.self"), "#ff7f0e", person_items["self"].astype(float).tolist()),
    ])
    head = [t("competency.col.item"), t("competency.col.target"), t("competency.col.others"),
            t("competency.col.self")] + [t(f"competency.group.{g}") for g in OTHER_GROUPS] + [
            t("competency.col.gap"), t("competency.col.finding")]
    rows = []
    for _, r in person_items.iterrows():
        finding = t(f"competency.finding.{r['finding']}") if r["finding"] else ""
        if r["knocked_out"]:
            finding = (finding + " " if finding else "") + t("competency.finding.knock_out")
        cells = [html.escape(str(r["item"])), fmt(r["target"]), fmt(r["others"]), fmt(r["self"])] + [
            fmt(r[g]) for g in OTHER_GROUPS] + [fmt(r["gap"]), html.escape(finding)]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    action_rows = "".join(f"<li><b>{html.escape(a.item)}</b> ({a.gap:+.1f}): {html.escape(str(a.action or ''))}</li>"
                          for a in actions.itertuples())
    title = t("competency.report.title", name=person["name"])
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:-apple-system,'Segoe UI','Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}
td:first-child,th:first-child{{text-align:left}}.muted{{color:#666;font-size:0.9em}}</style></head><body>
<h1>{html.escape(title)}</h1>
<p>{html.escape(str(person.get('job') or ''))} · {html.escape(str(person.get('period') or ''))} ·
{t('competency.report.result')}: <b>{html.escape(t('competency.result.' + person['result']))}</b> ·
{t('competency.col.others')} {fmt(person.get('others'))} · {t('competency.col.gap')} {fmt(person.get('gap'))}</p>
{radar}
<p class="muted">{t('competency.report.legend')}</p>
<table><tr>{''.join(f'<th>{html.escape(h)}</th>' for h in head)}</tr>{''.join(rows)}</table>
<p class="muted">{t('competency.report.anonymity')}</p>
<h2>{t('competency.report.actions')}</h2><ol>{action_rows or '<li>' + t('competency.report.no_actions') + '</li>'}</ol>
</body></html>"""


def team_grid(items_frame: pd.DataFrame, ratee_ids, column: str = "others") -> pd.DataFrame:
    """Items × people of one figure (default all raters but self), for a team heat map."""
    rows = items_frame[items_frame["ratee_id"].isin(list(ratee_ids))]
    return rows.pivot_table(index="item_id", columns="ratee_id", values=column, aggfunc="first", dropna=False)


# -- qualifications (任职资格) ----------------------------------------------------------------

def _major_ok(majors: pd.Series, wanted: pd.Series) -> np.ndarray:
    """A major meets the condition when it contains any of the wanted keywords ("/", ";" or "," apart)."""
    def ok(have, want) -> bool:
        if want is None or (isinstance(want, float) and math.isnan(want)) or not str(want).strip():
            return True
        keys = [k.strip().lower() for k in str(want).replace("；", ";").replace("，", ",").replace("/", ";")
                .replace(",", ";").split(";") if k.strip()]
        return isinstance(have, str) and any(k in have.lower() for k in keys)

    def codes_of(values) -> tuple[np.ndarray, list]:
        codes, uniques = pd.factorize(pd.Series(values))
        return codes.astype(np.int64) + 1, [None, *pd.Series(uniques, dtype=object)]  # code 0: missing

    # A company has a few hundred (major, wanted) pairs however many people: decide each pair once.
    have_codes, haves = codes_of(majors)
    want_codes, wants = codes_of(wanted)
    pairs, codes = np.unique(have_codes * len(wants) + want_codes, return_inverse=True)
    return np.array([ok(haves[pair // len(wants)], wants[pair % len(wants)]) for pair in pairs],
                    dtype=bool)[codes.reshape(-1)]


def _education_rank(values: pd.Series) -> pd.Series:
    """Position in :data:`EDUCATION` (NaN when unknown), looked up in one hash probe rather than a map per row."""
    codes, uniques = pd.factorize(values)
    rank = np.append(pd.Index(EDUCATION).get_indexer(pd.Index(uniques, dtype=object)), -1)[codes].astype(float)
    return pd.Series(np.where(rank < 0, np.nan, rank))


def _conditions(people: pd.DataFrame, reqs: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per condition (True when met or not required), ``standard`` and ``unmet``."""
    p = people.reset_index(drop=True)
    r = reqs.reset_index(drop=True)
    have_edu, need_edu = _education_rank(p["education"]), _education_rank(r["education_min"])
    def at_least(have, need):
        have, need = pd.to_numeric(have, errors="coerce"), pd.to_numeric(need, errors="coerce")
        return (need.isna() | (have >= need - 1e-9)).to_numpy()
    met = pd.DataFrame({
        "education": (need_edu.isna() | (have_edu >= need_edu)).to_numpy(),
        "major": _major_ok(p["major"], r["major"]),
        "experience": at_least(p["experience_years"], r["years_experience"]),
        "years_in_job": at_least(p["years_in_job"], r["years_in_job"]),
        "certification": at_least(p["cert_level"].fillna(0), r["certification_level"]),
    })
    met["standard"] = r["found"].to_numpy()
    # Which conditions fail, as bits, named once per pattern (at most 32) rather than once per person.
    failed = sum((~met[c].to_numpy()).astype(np.int64) << bit for bit, c in enumerate(CONDITIONS))
    names = np.array([",".join(c for bit, c in enumerate(CONDITIONS) if pattern >> bit & 1)
                      for pattern in range(2 ** len(CONDITIONS))], dtype=object)
    unmet = names[failed]
    met["unmet"] = np.where(met["standard"], unmet, "")
    met["meets"] = pd.array(np.where(met["standard"], unmet == "", False), dtype="boolean")
    met.loc[~met["standard"], "meets"] = pd.NA
    return met


def qualification(people: pd.DataFrame, reqs: pd.DataFrame, jobs: pd.DataFrame) -> pd.DataFrame:
    """Who meets the basic conditions of their own job and level, and of the next.

    The next is the same job one level up when it has a standard, else the
    first level of the job one step up the career path (``next_job_id``).
    A condition left empty in the standard is met by everyone; a condition
    the standard sets is not met when the person's value is unknown.

    Parameters
    ----------
    people : DataFrame
        ``employee_id``, ``job_id``, ``job_level`` (empty = 1),
        ``education``, ``major``, ``experience_years``, ``years_in_job``,
        ``cert_level`` (certificate held, empty = none).
    reqs : DataFrame
        The standards: ``job_id``, ``level``, ``education_min``, ``major``,
        ``years_experience``, ``years_in_job``, ``certification_level``.
    jobs : DataFrame
        ``job_id``, ``next_job_id``.

    Returns
    -------
    DataFrame
        ``people`` with ``level``, ``own_meets`` (NA when the job has no
        standard), ``own_unmet`` (the unmet conditions, comma-separated, from
        :data:`CONDITIONS`), ``next_job_id``, ``next_level``, ``next_meets``,
        ``next_unmet``.

    Examples
    --------
    A representative with a college diploma and 2 years here, certified at
    level 1: she meets level 1 (college, 1 year, certificate 1) but not
    level 2, which asks for a bachelor's degree and certificate 2.

    >>> people = pd.DataFrame({"employee_id": ["E1"], "job_id": ["REP"], "job_level": [None],
    ...     "education": ["college"], "major": ["marketing"], "experience_years": [2.0],
    ...     "years_in_job": [2.0], "cert_level": [1]})
    >>> reqs = pd.DataFrame({"job_id": ["REP", "REP"], "level": [1, 2],
    ...     "education_min": ["college", "bachelor"], "major": [None, None], "years_experience": [1, 2],
    ...     "years_in_job": [None, 1], "certification_level": [1, 2]})
    >>> out = qualification(people, reqs, pd.DataFrame({"job_id": ["REP"], "next_job_id": [None]}))
    >>> bool(out.loc[0, "own_meets"]), bool(out.loc[0, "next_meets"]), out.loc[0, "next_unmet"]
    (True, False, 'education,certification')
    """
    p = people.reset_index(drop=True).copy()
    p["level"] = pd.to_numeric(p["job_level"], errors="coerce").fillna(1).astype(np.int64)
    standards = reqs.assign(level=pd.to_numeric(reqs["level"]).astype(np.int64), found=True)
    job_ids = p["job_id"].astype(object).to_numpy()
    same_job_up = pd.MultiIndex.from_arrays([job_ids, p["level"].to_numpy() + 1]).isin(
        pd.MultiIndex.from_arrays([standards["job_id"].astype(object).to_numpy(), standards["level"].to_numpy()]))
    path = pd.Index(jobs["job_id"].astype(object)).get_indexer(job_ids)
    next_job = np.append(jobs["next_job_id"].astype(object).to_numpy(), None)[path]  # -1, no such job: None
    p["next_job_id"] = np.where(same_job_up, job_ids, next_job)
    p["next_job_id"] = p["next_job_id"].where(p["next_job_id"].notna(), None)
    p["next_level"] = np.where(same_job_up, p["level"] + 1, 1)
    p.loc[p["next_job_id"].isna(), "next_level"] = pd.NA

    def against(job_col: str, level_col: str) -> pd.DataFrame:
        left = p[["employee_id", job_col, level_col]].rename(columns={job_col: "job_id", level_col: "level"})
        left["level"] = pd.to_numeric(left["level"], errors="coerce").astype("Int64")
        # Object keys on both sides: a column of only missing next jobs reads as float otherwise.
        left["job_id"] = left["job_id"].astype(object)
        right = standards.assign(level=standards["level"].astype("Int64"), job_id=standards["job_id"].astype(object))
        matched = left.merge(right, on=["job_id", "level"], how="left")
        matched["found"] = matched["found"].fillna(False).astype(bool)
        return _conditions(p, matched)

    own, up = against("job_id", "level"), against("next_job_id", "next_level")
    p["own_meets"], p["own_unmet"] = own["meets"].to_numpy(), own["unmet"].to_numpy()
    p["next_meets"], p["next_unmet"] = up["meets"].to_numpy(), up["unmet"].to_numpy()
    return p


def hiring_profile(job: dict, req: dict | None, targets: pd.DataFrame, lang: str = "en") -> str:
    """The hiring profile (人才画像) of a job as plain text, ready to paste into a job posting.

    ``job``: ``title_en``/``title_zh``, ``description_en``/``_zh``; ``req``:
    the job's level-1 standard (or None); ``targets``: ``name_en``,
    ``name_zh``, ``target_score`` of the competencies the job asks for.
    """
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    lines = [i18n.name(job.get("title_en"), job.get("title_zh"), lang)]
    description = i18n.name(job.get("description_en"), job.get("description_zh"), lang)
    if description:
        lines += ["", description]
    if req:
        basics = []
        if _given(req.get("education_min")):
            basics.append(t("competency.profile.education", value=i18n.code_label("education", req["education_min"], lang)))
        if _given(req.get("major")):
            basics.append(t("competency.profile.major", value=req["major"]))
        if _given(req.get("years_experience")):
            basics.append(t("competency.profile.experience", value=f"{float(req['years_experience']):g}"))
        if _given(req.get("certification_level")):
            basics.append(t("competency.profile.certification", value=int(req["certification_level"])))
        if basics:
            lines += ["", t("competency.profile.basics")] + [f"- {b}" for b in basics]
        for part in ("knowledge", "skill", "behaviour"):
            text = i18n.name(req.get(f"{part}_en"), req.get(f"{part}_zh"), lang)
            if text:
                lines += ["", t(f"competency.profile.{part}"), f"- {text}"]
    if len(targets):
        lines += ["", t("competency.profile.competencies")]
        for r in targets.sort_values("target_score", ascending=False).itertuples():
            lines.append("- " + t("competency.profile.item_target", item=i18n.name(r.name_en, r.name_zh, lang),
                                  value=f"{r.target_score:g}"))
    return "\n".join(lines)


def _given(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA and str(value) != ""


# -- certification (seed 004) ----------------------------------------------------------------

def held_levels(records: pd.DataFrame) -> pd.DataFrame:
    """The certificate each person holds per track: the highest level reached one level at a time.

    A level counts only when every level below it was passed too, so a
    passed review at level 3 without level 2 does not make a level-3 holder;
    except in the first batch (``first_batch``, seed 004 §15(1)), which
    certifies an incumbent for their own post at once: its passed review at
    level L gives L and every level below it.

    Parameters
    ----------
    records : DataFrame
        ``employee_id``, ``track_id``, ``level``, ``stage``, ``result``,
        ``exam_date``; only passed reviews matter.

    Returns
    -------
    DataFrame
        ``employee_id``, ``track_id``, ``held_level`` (0 for none),
        ``certified_on`` (the review that gave the level held).

    Examples
    --------
    >>> r = pd.DataFrame({"employee_id": ["A", "A", "B", "B"], "track_id": "cs",
    ...     "level": [1, 2, 1, 3], "stage": "review", "result": "pass",
    ...     "exam_date": pd.to_datetime(["2024-01-10", "2025-03-01", "2024-06-01", "2025-06-01"])})
    >>> held_levels(r)[["employee_id", "held_level"]].values.tolist()
    [['A', 2], ['B', 1]]
    """
    keys = ["employee_id", "track_id"]
    passed = _with_first_batch(records[(records["stage"] == "review") & (records["result"] == "pass")])
    if passed.empty:
        return pd.DataFrame({"employee_id": pd.Series(dtype=object), "track_id": pd.Series(dtype=object),
                             "held_level": pd.Series(dtype=np.int64), "certified_on": pd.Series(dtype="datetime64[ns]")})
    passed = passed.assign(exam_date=pd.to_datetime(passed["exam_date"]))
    out = passed[keys].drop_duplicates().reset_index(drop=True)
    out["held_level"] = 0
    out["certified_on"] = pd.NaT
    # Level by level: level L counts from its first pass after the pass that gave level L - 1.
    reached = out[keys].assign(since=pd.Timestamp.min)
    for level in range(1, int(passed["level"].max()) + 1):
        at_level = passed.loc[passed["level"] == level, keys + ["exam_date"]].merge(reached, on=keys)
        at_level = at_level[at_level["exam_date"] > at_level["since"]]
        if at_level.empty:
            break
        reached = at_level.groupby(keys, dropna=False)["exam_date"].min().rename("since").reset_index()
        done = out.merge(reached, on=keys, how="left")["since"]
        out.loc[done.notna().to_numpy(), "held_level"] = level
        out.loc[done.notna().to_numpy(), "certified_on"] = done[done.notna()].to_numpy()
    out["held_level"] = out["held_level"].astype(np.int64)
    out["certified_on"] = pd.to_datetime(out["certified_on"])
    return out.sort_values(keys, ignore_index=True)


def _first_batch(frame: pd.DataFrame) -> pd.Series:
    """Whether each record is of the first batch (no ``first_batch`` column: none is)."""
    if "first_batch" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["first_batch"].astype("boolean").fillna(False).astype(bool)


def _with_first_batch(passed: pd.DataFrame) -> pd.DataFrame:
    """Passed reviews with each first-batch pass at level L repeated at every level below it.

    The same day, each level a moment (a nanosecond per level) before the one above: level by level, a
    level counts from a pass after the one below (:func:`held_levels`).
    """
    first = passed[_first_batch(passed).to_numpy() & (passed["level"] > 1).fillna(False).to_numpy(dtype=bool)]
    if first.empty:
        return passed
    times = first["level"].astype(np.int64).to_numpy() - 1
    below = first.loc[first.index.repeat(times)].copy()
    below["level"] = np.concatenate([np.arange(1, t + 1) for t in times])
    earlier = pd.to_timedelta(np.repeat(times + 1, times) - below["level"].to_numpy(), unit="ns")
    below["exam_date"] = pd.to_datetime(below["exam_date"]) - earlier
    return pd.concat([passed.assign(exam_date=pd.to_datetime(passed["exam_date"])), below], ignore_index=True)


def skipped_levels(records: pd.DataFrame, history: pd.DataFrame | None = None) -> pd.DataFrame:
    """Records taken at a level whose level below was not passed before: levels may not be skipped.

    ``history`` holds the records already on file (the new ``records``
    count too).  Returns the offending rows of ``records`` with their
    position in it (``row``).

    The rule is §15(2)'s (胜任力认证经常化以后……不能越级申报: once certification
    is routine); the first batch (§15(1)) certifies incumbents for their own
    post, at its level, so its records are not held to it here: that they
    are for the person's own post and not above its level is
    :func:`order_problems`' check.

    >>> r = pd.DataFrame({"employee_id": ["A", "A"], "track_id": "cs", "level": [1, 3],
    ...     "stage": ["review", "course_exam"], "result": "pass",
    ...     "exam_date": pd.to_datetime(["2024-01-10", "2025-03-01"])})
    >>> skipped_levels(r)["row"].tolist()
    [1]
    """
    keys = ["employee_id", "track_id"]
    both = pd.concat([history, records], ignore_index=True) if history is not None else records
    passed = _with_first_batch(both[(both["stage"] == "review") & (both["result"] == "pass")])
    first = (passed.assign(exam_date=pd.to_datetime(passed["exam_date"]))
             .groupby(keys + ["level"], dropna=False)["exam_date"].min().rename("below_passed_on").reset_index())
    first["level"] = first["level"] + 1
    candidates = records.reset_index(drop=True).assign(row=lambda f: np.arange(len(f)))
    above_one = candidates[(candidates["level"] > 1).fillna(False).to_numpy(dtype=bool)
                           & ~_first_batch(candidates).to_numpy()]
    checked = above_one.merge(first, on=keys + ["level"], how="left")
    bad = checked["below_passed_on"].isna() | (checked["below_passed_on"] >= pd.to_datetime(checked["exam_date"]))
    return checked.loc[bad.to_numpy(), list(records.columns) + ["row"]].reset_index(drop=True)


def early_ability_tests(records: pd.DataFrame, courses: pd.DataFrame,
                        history: pd.DataFrame | None = None) -> pd.DataFrame:
    """Ability tests taken before every course of their level was passed (seed 004 §6.2.5).

    A level's courses are its track's with ``from_level`` at or below it; each
    needs a passed course exam at that level on or before the test's date, on
    file (``history``) or among ``records``.  Returns the offending rows of
    ``records`` with their position (``row``) and the courses not yet passed
    (``missing``, a list).  A track without courses on file asks for none.

    >>> courses = pd.DataFrame({"track_id": "cs", "course_id": ["law", "skills"], "from_level": [1, 2]})
    >>> r = pd.DataFrame({"employee_id": "A", "track_id": "cs", "level": [1, 1, 2],
    ...     "stage": ["course_exam", "ability_test", "ability_test"], "course": ["law", None, None],
    ...     "result": "pass", "exam_date": pd.to_datetime(["2025-01-05", "2025-02-01", "2025-06-01"])})
    >>> early = early_ability_tests(r, courses)
    >>> early["row"].tolist(), early["missing"].tolist()
    ([2], [['law', 'skills']])
    """
    candidates = records.reset_index(drop=True).assign(row=lambda f: np.arange(len(f)))
    tests = candidates[candidates["stage"] == "ability_test"]
    if tests.empty or courses.empty:
        return candidates.iloc[:0].assign(missing=[])
    keys = ["employee_id", "track_id", "level"]
    need = tests[keys + ["exam_date", "row"]].merge(
        courses[["track_id", "course_id", "from_level"]], on="track_id")
    need = need[need["level"] >= need["from_level"]]
    both = pd.concat([history, records], ignore_index=True) if history is not None else records
    both = both if "course" in both.columns else both.assign(course=None)
    passed = both[(both["stage"] == "course_exam") & (both["result"] == "pass")]
    first = (passed.assign(exam_date=pd.to_datetime(passed["exam_date"])).rename(columns={"course": "course_id"})
             .groupby(keys + ["course_id"], dropna=False)["exam_date"].min().rename("passed_on").reset_index())
    checked = need.merge(first, on=keys + ["course_id"], how="left")
    short = checked[checked["passed_on"].isna() | (checked["passed_on"] > pd.to_datetime(checked["exam_date"]))]
    missing = short.groupby("row")["course_id"].agg(lambda c: sorted(c))
    out = candidates[candidates["row"].isin(missing.index)].reset_index(drop=True)
    return out.assign(missing=out["row"].map(missing))


EXAM_STAGES = ("course_exam", "ability_test")
"""The stages that are exams: each needs a passed eligibility review and training before it (seed 004 §6.2)."""
ELIGIBILITY_OUTCOMES = ("meets", "does_not_meet")
TRAINING_MODES = ("self_study", "course")
"""Seed 004 第十一条: 自学 (self-study) or the company's 认证培训 (a course)."""
NEXT_STEPS = ("eligibility", "training", "courses", "ability_test", "review", "top")
"""A candidate's next step, in the order of seed 004 §6.2.2-6.2.7; ``top``: the track's last level is held."""


def own_posts(employees: pd.DataFrame, levels: pd.DataFrame) -> pd.DataFrame:
    """Each person's post on the certification tracks: the track and level their job is tied to.

    ``employees``: ``employee_id``, ``job_id``; ``levels``: ``track_id``,
    ``level``, ``job_id``.  Returns ``employee_id``, ``job_id``,
    ``track_id`` and ``post_level`` (the highest level tied to the job on
    that track), one row per person and track; a person whose job is tied
    to no level has one row without a track.

    >>> staff = pd.DataFrame({"employee_id": ["A", "B"], "job_id": ["REP2", "HR"]})
    >>> levels = pd.DataFrame({"track_id": "cs", "level": [1, 2], "job_id": ["REP1", "REP2"]})
    >>> own_posts(staff, levels).astype(object).values.tolist()
    [['A', 'REP2', 'cs', 2], ['B', 'HR', None, <NA>]]
    """
    tied = levels.dropna(subset=["job_id"])[["track_id", "level", "job_id"]]
    out = employees[["employee_id", "job_id"]].merge(tied, on="job_id", how="left")
    out = out.groupby(["employee_id", "job_id", "track_id"], as_index=False, dropna=False)["level"].max()
    out["track_id"] = out["track_id"].astype(object).where(out["track_id"].notna(), None)
    return out.rename(columns={"level": "post_level"}).astype({"post_level": "Int64"})


def _track_key(frame: pd.DataFrame) -> pd.Series:
    """The track as a join key: a record without a track matches records without one."""
    track = frame["track_id"] if "track_id" in frame.columns else pd.Series(None, index=frame.index, dtype=object)
    return track.astype(object).where(track.notna(), "").astype(str)


def order_problems(records: pd.DataFrame, eligibility: pd.DataFrame, training: pd.DataFrame,
                   posts: pd.DataFrame) -> pd.DataFrame:
    """What a batch of certification records breaks of the regulation's order (seed 004 §6.2, 第十一条, §15(1)).

    The one check of entry and import (:func:`reference_problems` runs it):

    - **Eligibility first** (§6.2.2-6.2.3: 资格审查…通过后，申报人员参加…认证培训):
      an exam (course exam or ability test) needs a passed eligibility
      review (outcome ``meets``) of the person for that track and level
      dated on or before the exam.
    - **Training before the exam** (第十一条: 所有人员在参加认证前都必须自学或参加
      …认证培训辅导; §8.4.1: 参加考试的人员按规定参加所列科目的培训或自学):
      a course exam needs a training record of the person for that track
      and level, of that course or of the level's whole programme (no
      course), ended (or, without an end, started) on or before the exam;
      an ability test needs any training record of the level by its date.
      Training is per course because the seed examines per course
      (§6.2.4: 认证培训结束后参加该门课程的认证考试); a record without a course
      covers every course of the level.
    - **The first batch for one's own post** (§15(1): 首批认证为对本岗位的资格认证。
      一般不进行高一级申报): a first-batch record must be on the track of the
      person's post (``posts``, :func:`own_posts`) and not above the post's
      level.  It may be at the post's level at once: the rule of one level
      at a time is §15(2)'s, for when certification has become routine
      (:func:`skipped_levels` exempts the first batch).

    Parameters
    ----------
    records : DataFrame
        The new records: ``employee_id``, ``track_id``, ``level``,
        ``stage``, ``course``, ``exam_date``, optionally ``first_batch``.
    eligibility : DataFrame
        Reviews on file: ``employee_id``, ``track_id``, ``level``,
        ``reviewed_on``, ``outcome``.
    training : DataFrame
        Training on file: ``employee_id``, ``track_id``, ``level``,
        ``course``, ``started_on``, ``ended_on``.
    posts : DataFrame
        :func:`own_posts` of the people concerned (their current job).

    Returns
    -------
    DataFrame
        ``row`` (position in ``records``), ``column``, ``value``, ``reason``.

    Examples
    --------
    E1 was reviewed (meets) on 01-02 and trained in course a until 01-08;
    the exam of a on 01-10 is in order, the exam of b is not (no training
    for b), and E2, never reviewed, may not sit a:

    >>> r = pd.DataFrame({"employee_id": ["E1", "E1", "E2"], "track_id": "cs", "level": 1,
    ...     "stage": "course_exam", "course": ["a", "b", "a"], "exam_date": pd.Timestamp("2025-01-10")})
    >>> e = pd.DataFrame({"employee_id": ["E1"], "track_id": ["cs"], "level": [1],
    ...     "reviewed_on": [pd.Timestamp("2025-01-02")], "outcome": ["meets"]})
    >>> t = pd.DataFrame({"employee_id": ["E1", "E2"], "track_id": "cs", "level": 1, "course": "a",
    ...     "started_on": pd.Timestamp("2025-01-03"), "ended_on": pd.Timestamp("2025-01-08")})
    >>> out = order_problems(r, e, t, pd.DataFrame(columns=["employee_id", "job_id", "track_id", "post_level"]))
    >>> out[["row", "column"]].values.tolist()
    [[1, 'course'], [2, 'employee_id']]
    >>> out.loc[1, "reason"]
    'E2 has no passed eligibility review for track cs level 1 on or before 2025-01-10: the basic conditions of the post are reviewed before any exam'
    """
    columns = ["row", "column", "value", "reason", "code", "values"]
    candidates = records.reset_index(drop=True)
    candidates = candidates.assign(row=np.arange(len(candidates)), track_key=_track_key(candidates),
                                   exam_date=pd.to_datetime(candidates["exam_date"]),
                                   level=pd.to_numeric(candidates["level"], errors="coerce"))
    if "course" not in candidates.columns:
        candidates["course"] = None
    # A row without a person, level or date is reported as such by the table's checks, not here.
    candidates = candidates[candidates[["employee_id", "level", "exam_date"]].notna().all(axis=1).to_numpy()]
    problems: list[tuple] = []
    keys = ["employee_id", "track_key", "level"]

    exams = candidates[candidates["stage"].isin(EXAM_STAGES).to_numpy()]
    if len(exams):
        passed = eligibility[eligibility["outcome"] == "meets"]
        passed = passed.assign(track_key=_track_key(passed), level=pd.to_numeric(passed["level"]),
                               reviewed_on=pd.to_datetime(passed["reviewed_on"]))
        first_review = passed.groupby(keys)["reviewed_on"].min().rename("reviewed_on").reset_index()
        checked = exams[keys + ["row", "exam_date"]].merge(first_review, on=keys, how="left")
        late = checked[checked["reviewed_on"].isna() | (checked["reviewed_on"] > checked["exam_date"])]
        for r in late.itertuples():
            problems.append((r.row, "employee_id", r.employee_id,
                             *_said("no_eligibility_review", employee=r.employee_id, track=r.track_key or "-",
                                    level=int(r.level), on=pd.Timestamp(r.exam_date).date())))

        trained = training.assign(track_key=_track_key(training), level=pd.to_numeric(training["level"]),
                                  done_on=pd.to_datetime(training["ended_on"]).fillna(
                                      pd.to_datetime(training["started_on"])))
        trained = trained.assign(course=trained["course"].astype(object).where(trained["course"].notna(), ""))
        # Per course (a record of that course or of the whole level) for a course exam; any for an ability test.
        by_course = trained.groupby(keys + ["course"])["done_on"].min().rename("done_on").reset_index()
        by_level = trained.groupby(keys)["done_on"].min().rename("any_on").reset_index()
        whole = by_course[by_course["course"] == ""].drop(columns="course").rename(columns={"done_on": "whole_on"})
        checked = (exams[keys + ["row", "stage", "course", "exam_date"]]
                   .assign(course=exams["course"].astype(object).where(exams["course"].notna(), ""))
                   .merge(by_course, on=keys + ["course"], how="left")
                   .merge(whole, on=keys, how="left").merge(by_level, on=keys, how="left"))
        course_exam = (checked["stage"] == "course_exam").to_numpy()
        ready = np.where(course_exam, checked[["done_on", "whole_on"]].min(axis=1), checked["any_on"])
        ready = pd.to_datetime(pd.Series(ready))
        short = checked[(ready.isna() | (ready > checked["exam_date"])).to_numpy()]
        for r in short.itertuples():
            of_course = {"course": r.course} if r.stage == "course_exam" and r.course else {}
            problems.append((r.row, "course" if r.stage == "course_exam" else "stage",
                             r.course if r.stage == "course_exam" else r.stage,
                             *_said("no_training_for_course" if of_course else "no_training", employee=r.employee_id,
                                    track=r.track_key or "-", level=int(r.level), on=pd.Timestamp(r.exam_date).date(),
                                    **of_course)))

    first = candidates[_first_batch(candidates).to_numpy()]
    if len(first):
        post = posts.assign(track_key=_track_key(posts))
        jobs = post.groupby("employee_id")["job_id"].first()
        checked = first[["row", "employee_id", "track_key", "level"]].merge(
            post[["employee_id", "track_key", "post_level"]], on=["employee_id", "track_key"], how="left")
        for r in checked.itertuples():
            job = jobs.get(r.employee_id)
            if pd.isna(r.post_level):
                of_job = {"job": job} if job is not None else {}
                problems.append((r.row, "track_id", r.track_key or None,
                                 *_said("first_batch_post_off_track" if of_job else "first_batch_off_track",
                                        employee=r.employee_id, track=r.track_key or "-", **of_job)))
            elif r.level > r.post_level:
                problems.append((r.row, "level", int(r.level),
                                 *_said("first_batch_above_post", employee=r.employee_id, job=job,
                                        post_level=int(r.post_level), track=r.track_key, level=int(r.level))))
    out = pd.DataFrame(problems, columns=columns)
    return out.sort_values(["row", "column"], ignore_index=True)


def certification_status(records: pd.DataFrame, courses: pd.DataFrame, levels: pd.DataFrame,
                         held: pd.DataFrame | None = None, eligibility: pd.DataFrame | None = None,
                         training: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where each person stands on the way to their next level.

    ``held`` is :func:`held_levels` of ``records`` when the caller has it already.
    With ``eligibility`` and ``training`` (the reviews and training on file)
    the people reviewed or trained count too, and ``next_step`` says what
    comes next in the regulation's order (:data:`NEXT_STEPS`, seed 004
    §6.2): the eligibility review for the level sought, then training,
    then the course exams, the ability test and the overall review.

    Course results stay valid until the next review (seed 004 §8.4.2): a
    course passed at the level being sought after the person's last review
    counts; a review, passed or not, starts the count afresh.  A level
    requires every course from its own level down (a higher level includes
    the lower one's courses).

    Returns
    -------
    DataFrame
        ``employee_id``, ``track_id``, ``held_level``, ``certified_on``,
        ``seeking`` (next level, NA at the top), ``courses_required``,
        ``courses_passed``, ``ability_passed``, ``stage`` (``top``,
        ``courses``, ``ability_test`` or ``review``) and ``next_step`` (the
        stage, preceded by ``eligibility`` and ``training`` when those
        frames are given).

    Examples
    --------
    Level 2 requires courses a (from level 1) and b (from level 2).  A holds
    level 1 and passed a and the ability test since; b is missing:

    >>> courses = pd.DataFrame({"track_id": "cs", "course_id": ["a", "b"], "from_level": [1, 2]})
    >>> levels = pd.DataFrame({"track_id": "cs", "level": [1, 2]})
    >>> r = pd.DataFrame({"employee_id": "A", "track_id": "cs", "level": [1, 2, 2],
    ...     "stage": ["review", "course_exam", "ability_test"], "course": [None, "a", None], "result": "pass",
    ...     "exam_date": pd.to_datetime(["2024-01-10", "2024-06-01", "2024-06-01"])})
    >>> s = certification_status(r, courses, levels).iloc[0]
    >>> int(s["seeking"]), int(s["courses_required"]), int(s["courses_passed"]), s["stage"]
    (2, 2, 1, 'courses')

    With the reviews and training on file: A, seeking level 2, was never
    reviewed for it, so the eligibility review is next; B has only been
    reviewed for level 1 (meets): training is next.

    >>> e = pd.DataFrame({"employee_id": ["B"], "track_id": ["cs"], "level": [1],
    ...     "reviewed_on": [pd.Timestamp("2025-01-02")], "outcome": ["meets"]})
    >>> t = pd.DataFrame(columns=["employee_id", "track_id", "level", "course", "started_on", "ended_on"])
    >>> certification_status(r, courses, levels, eligibility=e, training=t)[["employee_id", "next_step"]].values.tolist()
    [['A', 'eligibility'], ['B', 'training']]
    """
    keys = ["employee_id", "track_id"]
    recs = records.assign(exam_date=pd.to_datetime(records["exam_date"]))
    people = recs[keys]
    if eligibility is not None and training is not None:
        people = pd.concat([people, eligibility[keys], training[keys]], ignore_index=True)
    people = people.drop_duplicates().reset_index(drop=True)
    status = people.merge(held_levels(recs) if held is None else held, on=keys, how="left")
    status["held_level"] = status["held_level"].fillna(0).astype(np.int64)
    top = levels.groupby("track_id")["level"].max()
    status["seeking"] = (status["held_level"] + 1).astype("Int64")
    status.loc[status["seeking"] > status["track_id"].map(top).fillna(0).astype(np.int64), "seeking"] = pd.NA

    last_review = recs[recs["stage"] == "review"].groupby(keys)["exam_date"].max().rename("last_review")
    recs = recs.merge(last_review.reset_index(), on=keys, how="left").merge(
        status[keys + ["seeking"]], on=keys, how="left")
    current = (recs["level"] == recs["seeking"]) & (recs["result"] == "pass") & (
        recs["last_review"].isna() | (recs["exam_date"] > recs["last_review"]))

    required = [(tr, lv) for tr, lv in zip(status["track_id"], status["seeking"])]
    need = {tr: sorted(zip(g["from_level"], g["course_id"])) for tr, g in courses.groupby("track_id")}
    status["courses_required"] = [0 if pd.isna(lv) else sum(1 for f, _ in need.get(tr, []) if f <= lv)
                                  for tr, lv in required]
    course_rows = recs[current & (recs["stage"] == "course_exam")].merge(
        courses[["track_id", "course_id", "from_level"]].rename(columns={"course_id": "course"}),
        on=["track_id", "course"], how="inner")
    course_rows = course_rows[course_rows["from_level"] <= course_rows["seeking"]]
    passed = course_rows.groupby(keys)["course"].nunique().rename("courses_passed")
    ability = recs[current & (recs["stage"] == "ability_test")].groupby(keys).size().gt(0).rename("ability_passed")
    status = status.merge(passed.reset_index(), on=keys, how="left").merge(ability.reset_index(), on=keys, how="left")
    status["courses_passed"] = status["courses_passed"].fillna(0).astype(np.int64)
    status["ability_passed"] = status["ability_passed"].astype("boolean").fillna(False).astype(bool)
    status["stage"] = np.select(
        [status["seeking"].isna().to_numpy(), (status["courses_passed"] < status["courses_required"]).to_numpy(),
         ~status["ability_passed"].to_numpy()],
        ["top", "courses", "ability_test"], "review")
    status["next_step"] = status["stage"]
    if eligibility is not None and training is not None:
        seeking = status[keys].assign(track_key=_track_key(status), level=status["seeking"].astype("Float64"))
        def has(frame, mask=None):
            frame = frame if mask is None else frame[mask]
            found = frame[["employee_id"]].assign(track_key=_track_key(frame),
                                                  level=pd.to_numeric(frame["level"]).astype("Float64"), hit=True)
            found = found.drop_duplicates(["employee_id", "track_key", "level"])
            merged = seeking.merge(found, on=["employee_id", "track_key", "level"], how="left")
            return merged["hit"].notna().to_numpy()
        reviewed = has(eligibility, eligibility["outcome"] == "meets")
        trained = has(training)
        open_level = status["seeking"].notna().to_numpy()
        status.loc[open_level & ~reviewed, "next_step"] = "eligibility"
        status.loc[open_level & reviewed & ~trained, "next_step"] = "training"
    return status


AFTER_PROBATION_MONTHS = 3
"""Seed 004 §15(4): after probation a new representative has three months to reach level 1."""


def coverage(employees: pd.DataFrame, held: pd.DataFrame, levels: pd.DataFrame, as_of: date,
             probation_months: int = 6) -> pd.DataFrame:
    """Who in a certified job holds the certificate the job requires, and who is overdue.

    A job tied to level L of a track requires level L.  A new hire in a
    level-1 job must reach it within :data:`AFTER_PROBATION_MONTHS` after
    the end of probation (seed 004 §15(4): 试用期员工转正后…在三个月内必须取得
    一级…任职资格), the probation ``probation_months`` long (a setting, 6 by
    default: due nine months after the hire date);
    in a higher job the certificate is due from the start (no transfer
    without it).

    Parameters
    ----------
    employees : DataFrame
        Active people: ``employee_id``, ``job_id``, ``hire_date``.
    held : DataFrame
        :func:`held_levels`.
    levels : DataFrame
        ``track_id``, ``level``, ``job_id``.

    Returns
    -------
    DataFrame
        The people in certified jobs with ``track_id``, ``required``,
        ``held_level``, ``certified`` (bool), ``due`` and ``overdue`` (bool).

    Examples
    --------
    >>> staff = pd.DataFrame({"employee_id": ["new", "old", "done"], "job_id": "REP1",
    ...     "hire_date": pd.to_datetime(["2026-08-01", "2025-01-01", "2025-01-01"])})
    >>> held = pd.DataFrame({"employee_id": ["done"], "track_id": ["cs"], "held_level": [1]})
    >>> levels = pd.DataFrame({"track_id": ["cs"], "level": [1], "job_id": ["REP1"]})
    >>> coverage(staff, held, levels, date(2026, 10, 31))[["employee_id", "certified", "overdue"]].values.tolist()
    [['new', False, False], ['old', False, True], ['done', True, False]]
    """
    if not 0 <= probation_months <= 24:
        raise ValueError(f"probation_months: must be 0 to 24 months, got {probation_months!r}")
    tied = levels.dropna(subset=["job_id"]).rename(columns={"level": "required"})[["track_id", "required", "job_id"]]
    out = employees.merge(tied, on="job_id", how="inner")
    out = out.merge(held[["employee_id", "track_id", "held_level"]], on=["employee_id", "track_id"], how="left")
    out["held_level"] = out["held_level"].fillna(0).astype(np.int64)
    out["certified"] = out["held_level"] >= out["required"]
    hire = pd.to_datetime(out["hire_date"])
    out["due"] = np.where(out["required"] == 1, hire + pd.DateOffset(months=int(probation_months) + AFTER_PROBATION_MONTHS), hire)
    out["due"] = pd.to_datetime(out["due"])
    out["overdue"] = ~out["certified"] & (out["due"] < pd.Timestamp(as_of))
    return out.reset_index(drop=True)


def mark_sitting(scores, pass_rate: float) -> tuple[float, np.ndarray]:
    """The pass mark of a sitting from the target pass rate, and who passed (ties at the mark pass).

    >>> mark, passed = mark_sitting([92, 85, 85, 78, 64], 0.4)
    >>> float(mark), passed.tolist()
    (85.0, [True, True, True, False, False])
    """
    mark = pass_mark(scores, pass_rate)
    return mark, np.asarray(scores, dtype=float) >= mark


def sittings(records: pd.DataFrame) -> pd.DataFrame:
    """Each exam sitting (track, level, course, date) with candidates, its pass mark and how many passed."""
    exams = records[records["stage"] == "course_exam"]
    keys = ["track_id", "level", "course", "exam_date"]
    exams = exams.assign(passed=(exams["result"] == "pass").astype(np.int64))
    out = exams.groupby(keys, dropna=False).agg(candidates=("score", "size"), pass_mark=("pass_mark", "first"),
                                                passed=("passed", "sum"))
    return out.reset_index().sort_values(["exam_date", "level", "course"], ascending=[False, True, True],
                                         ignore_index=True)


# -- storage ---------------------------------------------------------------------------------

def load_settings(store) -> dict:
    """The saved settings over :func:`default_settings`."""
    return store.settings(SETTINGS_KEY, default_settings())


def save_settings(store, settings: dict) -> dict:
    """Check and keep the settings; ``ValueError`` naming the setting that is wrong, and nothing saved."""
    clean = default_settings()
    clean.update(settings)
    clean["weights"] = check_weights(clean["weights"])
    if not 0 < float(clean["blind_spot_gap"]) <= 9:
        raise Refused("blind_spot_gap_range", field="blind_spot_gap")
    if not 1 <= float(clean["pass_total"]) <= 10:
        raise Refused("pass_total_scale", field="pass_total")
    if not 0 < float(clean["pass_rate"]) <= 1:
        raise Refused("pass_rate_range", field="pass_rate")
    if round(float(clean["pass_rate"]), 9) == 0:  # pass_mark's k would be 0 even for one candidate
        raise Refused("pass_rate_below_one_candidate", field="pass_rate", rate=f"{float(clean['pass_rate']):g}")
    if not 0 <= float(clean["probation_months"]) <= 24 or float(clean["probation_months"]) % 1:
        raise Refused("probation_months_whole", field="probation_months", got=repr(clean["probation_months"]))
    clean["probation_months"] = int(clean["probation_months"])
    store.save_settings(SETTINGS_KEY, clean)
    return clean


def model_library(store) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Models, their items (in model order) and the items' behaviour anchors."""
    models = store.query("SELECT * FROM comp_models ORDER BY model_id")
    items = store.query("SELECT * FROM comp_items ORDER BY model_id, rowid")
    anchors = store.query("SELECT * FROM comp_anchors")
    return models, items, anchors


class ModelRefused(ValueError):
    """A model not saved, for every problem found in it at once: ``problems`` are :class:`Refused` whose values
    hold the ``row`` (1 = the first item) when the problem is in one item.

    >>> print(ModelRefused([Refused("item_without_name", field="name", row=2),
    ...                     Refused("model_without_items", field="items")]))
    row 2, name: every item needs a name; items: a model needs at least one item
    """

    def __init__(self, problems: list[Refused]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"row {p.values['row']}, {p}" if "row" in p.values else str(p) for p in problems))


def check_model(items: pd.DataFrame) -> list[Refused]:
    """What stops a model from being saved (empty when it can be saved), each problem a :class:`Refused`."""
    problems = []
    if items.empty:
        problems.append(Refused("model_without_items", field="items"))
        return problems
    ids = items["item_id"].astype("string").str.strip()
    for i in np.flatnonzero((ids.isna() | (ids == "")).to_numpy()):
        problems.append(Refused("item_without_name", field="name", row=int(i) + 1))
    for i in np.flatnonzero(ids.duplicated().to_numpy() & ids.notna().to_numpy()):
        problems.append(Refused("item_twice", field="item_id", row=int(i) + 1, item=ids.iloc[i]))
    for i, layer in enumerate(items["layer"]):
        if layer not in LAYERS:
            problems.append(Refused("layer_unknown", field="layer", row=i + 1, layer=repr(layer), layers=list(LAYERS)))
    for i, kind in enumerate(items["kind"]):
        if kind not in ("general", "professional"):
            problems.append(Refused("kind_unknown", field="kind", row=i + 1, kind=repr(kind)))
    minimum = pd.to_numeric(items["min_score"], errors="coerce")
    critical = items["critical"].fillna(False).astype(bool)
    for i in np.flatnonzero((critical & minimum.isna()).to_numpy()):
        problems.append(Refused("critical_without_minimum", field="min_score", row=int(i) + 1))
    for i in np.flatnonzero((minimum.notna() & ((minimum < 1) | (minimum > 10))).to_numpy()):
        problems.append(Refused("minimum_off_scale", field="min_score", row=int(i) + 1, minimum=f"{minimum.iloc[i]:g}"))
    return problems


def new_id(name: str | None, taken, fallback: str) -> str:
    """An id for a new record, made from its name: its lowercase ASCII words joined by ``_`` (``fallback`` for a
    name without any, a Chinese one), then ``_2``, ``_3``... until it is not ``taken``.

    >>> new_id("Customer focus", {"customer_focus"}, "item"), new_id("客户导向", set(), "item")
    ('customer_focus_2', 'item')
    """
    base = re.sub(r"[^a-z0-9]+", "_", str(name or "").lower()).strip("_")[:40] or fallback
    made, n = base, 1
    while made in taken:
        n += 1
        made = f"{base}_{n}"
    return made


def with_item_ids(store, items: pd.DataFrame) -> pd.DataFrame:
    """``items`` where each new item (no ``item_id``) has one made from its name (:func:`new_id`): never an id
    the library, its anchors, a target profile or a 360 rating has used, so nothing recorded attaches to the wrong item.
    Items already saved keep theirs."""
    ids = items["item_id"].astype("string").str.strip()
    missing = (ids.isna() | (ids == "")).to_numpy()
    if not missing.any():
        return items
    taken = set(store.query("SELECT item_id FROM comp_items UNION SELECT item_id FROM comp_targets "
                            "UNION SELECT item_id FROM ratings_360 UNION SELECT item_id FROM comp_anchors")["item_id"]
                ) | set(ids.dropna())
    out = items.astype({"item_id": object})
    names = items.reindex(columns=["name_en", "name_zh"])
    for i in np.flatnonzero(missing):
        english, chinese = (v.strip() if isinstance(v, str) else "" for v in names.iloc[i])
        if english or chinese:  # nameless: check_model asks for a name
            made = new_id(english, taken, "item")
            taken.add(made)
            out.iloc[i, out.columns.get_loc("item_id")] = made
    return out


def save_model(store, model_id: str | None, name_en: str | None, name_zh: str | None, items: pd.DataFrame,
               anchors: pd.DataFrame | None = None) -> str:
    """Replace one model's items (and anchors) in one transaction; ``ValueError`` listing problems, nothing saved.
    Returns the model's id: for a new model (``model_id`` None) one made from its name, as a new item's is
    (:func:`with_item_ids`).

    ``anchors``: ``item_id``, ``band``, ``text_en``, ``text_zh``; items
    without anchors keep none.  An item of another model with the same id is
    refused: ids are unique across the library.
    """
    model_id = (model_id or "").strip()
    if not model_id:
        if not (name_en or "").strip() and not (name_zh or "").strip():
            raise Refused("model_without_name", field="name")
        model_id = new_id(name_en, set(store.query("SELECT model_id FROM comp_models")["model_id"]), "model")
    items = with_item_ids(store, items)
    problems = check_model(items)
    taken = store.query("SELECT item_id FROM comp_items WHERE model_id <> ?", [model_id])["item_id"]
    clash = sorted(set(items["item_id"]) & set(taken))
    if clash:
        problems.append(Refused("items_of_another_model", field="item_id", items=clash))
    if problems:
        raise ModelRefused(problems)
    columns = ["item_id", "name_en", "name_zh", "layer", "kind", "critical", "min_score", "definition_en",
               "definition_zh", "development_en", "development_zh"]
    rows = items.reindex(columns=columns).assign(model_id=model_id)
    rows["critical"] = rows["critical"].fillna(False).astype(bool)
    rows["min_score"] = pd.to_numeric(rows["min_score"], errors="coerce").where(rows["critical"])
    anchor_rows = (anchors if anchors is not None else pd.DataFrame(columns=["item_id", "band", "text_en", "text_zh"]))
    anchor_rows = anchor_rows[anchor_rows["item_id"].isin(rows["item_id"])][["item_id", "band", "text_en", "text_zh"]]
    bad = ~anchor_rows["band"].isin(BANDS)
    if bad.any():
        raise Refused("band_unknown", field="band", band=repr(anchor_rows.loc[bad, "band"].iloc[0]), bands=list(BANDS))
    with store.transaction() as cur:
        cur.execute("INSERT INTO comp_models VALUES (?, ?, ?) ON CONFLICT (model_id) DO UPDATE SET "
                    "name_en = excluded.name_en, name_zh = excluded.name_zh", [model_id, name_en, name_zh])
        cur.execute("DELETE FROM comp_anchors WHERE item_id IN (SELECT item_id FROM comp_items WHERE model_id = ?)",
                    [model_id])
        cur.execute("DELETE FROM comp_items WHERE model_id = ?", [model_id])
        cur.register("new_items", rows)
        cur.execute(f"INSERT INTO comp_items (model_id, {', '.join(columns)}) "
                    f"SELECT model_id, {', '.join(columns)} FROM new_items")
        cur.unregister("new_items")
        if len(anchor_rows):
            cur.register("new_anchors", anchor_rows)
            cur.execute("INSERT INTO comp_anchors SELECT item_id, band, text_en, text_zh FROM new_anchors")
            cur.unregister("new_anchors")
    return model_id


def targets(store, job_id: str, level: int = 1) -> pd.DataFrame:
    """The target profile of one job and level: ``item_id``, ``target_score``."""
    return store.query("SELECT item_id, target_score FROM comp_targets WHERE job_id = ? AND level = ?",
                       [job_id, int(level)])


def save_targets(store, job_id: str, level: int, scores: dict) -> None:
    """Replace the target profile of a job and level (item → score 1-10; empty scores drop the item)."""
    rows = [(job_id, int(level), item, float(s)) for item, s in scores.items() if s is not None and not pd.isna(s)]
    for _, _, item, s in rows:
        if not 1 <= s <= 10:
            raise Refused("target_off_scale", field="target_score", item=item, score=f"{s:g}")
    with store.transaction() as cur:
        cur.execute("DELETE FROM comp_targets WHERE job_id = ? AND level = ?", [job_id, int(level)])
        if rows:
            cur.executemany("INSERT INTO comp_targets VALUES (?, ?, ?, ?)", rows)


STANDARD_COLUMNS = ["level", "education_min", "major", "years_experience", "years_in_job", "certification_level",
                    "knowledge_en", "knowledge_zh", "skill_en", "skill_zh", "behaviour_en", "behaviour_zh"]


def save_standards(store, job_id: str, standards: pd.DataFrame) -> None:
    """Replace a job's qualification standards (one row per level) in one transaction.

    ``ValueError`` naming the row (1 = the first level listed), column and
    reason when a value is wrong or a level repeats; nothing is saved then.
    """
    from hrcore.imports import validate

    rows = standards.reindex(columns=STANDARD_COLUMNS).dropna(how="all").assign(job_id=job_id).reset_index(drop=True)
    typed, problems = validate(rows, "qualification_reqs")
    if len(problems):
        first = problems.iloc[0]
        # The editor numbers rows from 1, a spreadsheet from 2 (under its header): speak the editor's numbers.
        reason = re.sub(r"row (\d+)", lambda m: f"row {int(m.group(1)) - 1}", str(first["reason"]))
        raise ValueError(f"row {int(first['row']) - 1}, {first['column']}: {first['value']!r} {reason}")
    with store.transaction() as cur:
        cur.execute("DELETE FROM qualification_reqs WHERE job_id = ?", [job_id])
        if len(typed):
            cols = ["job_id"] + STANDARD_COLUMNS
            cur.register("standards", typed.reindex(columns=cols))
            cur.execute(f"INSERT INTO qualification_reqs ({', '.join(cols)}) SELECT {', '.join(cols)} FROM standards")
            cur.unregister("standards")


def review_periods(store) -> list[str]:
    return store.query("SELECT DISTINCT period FROM ratings_360 ORDER BY period DESC")["period"].tolist()


def models_rated(store, period: str) -> list[str]:
    """The models whose items were rated in ``period``, most rated first."""
    return store.query("SELECT i.model_id FROM ratings_360 r JOIN comp_items i USING (item_id) WHERE r.period = ? "
                       "GROUP BY 1 ORDER BY count(*) DESC", [period])["model_id"].tolist()


@dataclass(frozen=True)
class ReviewData:
    """What :func:`review` needs for one period and model, read from the store."""

    ratings: pd.DataFrame
    items: pd.DataFrame
    targets: pd.DataFrame
    people: pd.DataFrame
    """``ratee_id``, name, department, job and level of everyone reviewed."""


def load_review(store, period: str, model_id: str) -> ReviewData:
    """Ratings of ``period`` on ``model_id``'s items, the items, each ratee's target profile and who they are."""
    items = store.query("SELECT * FROM comp_items WHERE model_id = ? ORDER BY rowid", [model_id])
    columns = store.query("SELECT * FROM ratings_360 LIMIT 0").columns
    if "rater_group" not in columns:
        # The store shows this user the review's figures, not single answers (anonymous_ratings_sql):
        # review() takes them as they are.
        ratings = store.query(
            f"SELECT r.* EXCLUDE (period) FROM ratings_360 r JOIN comp_items i USING (item_id) "
            "WHERE r.period = ? AND i.model_id = ? ORDER BY r.ratee_id, list_position(?, r.item_id)",
            [period, model_id, items["item_id"].tolist()])
        return ReviewData(ratings, items, _review_targets(store, period, model_id), _reviewed(store, period))
    # At a million people a period holds 7 million ratings: the group and the item come out of DuckDB as their
    # positions in GROUPS and in the model (categoricals, a byte a row, not a string; a group not in GROUPS
    # comes out missing, which review() refuses as before), and who rated is not read (each row is one rater's
    # answer).
    coded = store.query(
        "SELECT r.ratee_id, coalesce(list_position(?, r.rater_group), 0)::TINYINT - 1 AS rater_group, "
        "list_position(?, r.item_id)::SMALLINT - 1 AS item_id, r.score FROM ratings_360 r "
        "JOIN comp_items i USING (item_id) WHERE r.period = ? AND i.model_id = ?",
        [list(GROUPS), items["item_id"].tolist(), period, model_id])
    ratings = coded.assign(rater_group=pd.Categorical.from_codes(coded["rater_group"], GROUPS),
                           item_id=pd.Categorical.from_codes(coded["item_id"], items["item_id"]))
    return ReviewData(ratings, items, _review_targets(store, period, model_id), _reviewed(store, period))


def _reviewed(store, period: str) -> pd.DataFrame:
    return store.query(
        "SELECT e.employee_id AS ratee_id, e.name_en, e.name_zh, e.department_id, d.name_en AS dept_en, "
        "d.name_zh AS dept_zh, e.job_id, j.title_en, j.title_zh, coalesce(e.job_level, 1) AS level, e.manager_id "
        "FROM employees e LEFT JOIN departments d USING (department_id) LEFT JOIN jobs j USING (job_id) "
        "WHERE e.employee_id IN (SELECT DISTINCT ratee_id FROM ratings_360 WHERE period = ?)", [period])


def _review_targets(store, period: str, model_id: str) -> pd.DataFrame:
    return store.query(
        "SELECT e.employee_id AS ratee_id, t.item_id, t.target_score FROM employees e "
        "JOIN comp_targets t ON t.job_id = e.job_id AND t.level = coalesce(e.job_level, 1) "
        "JOIN comp_items i ON i.item_id = t.item_id AND i.model_id = ? "
        "WHERE e.employee_id IN (SELECT DISTINCT ratee_id FROM ratings_360 WHERE period = ?)", [model_id, period])


def review_abilities(store, period: str, measure: str = "360") -> pd.DataFrame:
    """:func:`ability_scores` of everyone rated in the 360 review of ``period``, each on their own model.

    A person's model is the one their target profile (their job and
    level's) takes its items from, as far as it was rated; with no target
    on a rated model, the model they were rated on most (ties: the first
    model id).  The figures are :func:`aggregate_360`'s, worked out in
    DuckDB by the same rules and saved group weights
    (:func:`anonymous_ratings_sql`); a user who reads the figures only
    reads them as they are.
    """
    raw = "rater_group" in store.query("SELECT * FROM ratings_360 LIMIT 0").columns
    rows = "(SELECT * FROM ratings_360 WHERE period = ?)"
    figures = f"({anonymous_ratings_sql(rows, 'app_meta')})" if raw else rows
    items = store.query(
        f"WITH figures AS {figures}, "
        "rated AS (SELECT f.ratee_id, f.item_id, f.others, f.n_others, i.model_id FROM figures f "
        "JOIN comp_items i USING (item_id)), "
        "profile AS (SELECT e.employee_id AS ratee_id, t.item_id, t.target_score FROM employees e "
        "JOIN comp_targets t ON t.job_id = e.job_id AND t.level = coalesce(e.job_level, 1) "
        "WHERE e.employee_id IN (SELECT ratee_id FROM rated)), "
        "model AS (SELECT r.ratee_id, r.model_id FROM rated r LEFT JOIN profile p USING (ratee_id, item_id) "
        "GROUP BY r.ratee_id, r.model_id QUALIFY row_number() OVER (PARTITION BY r.ratee_id "
        "ORDER BY count(p.item_id) DESC, count(*) DESC, r.model_id) = 1) "
        "SELECT r.ratee_id, r.item_id, r.others, r.n_others, p.target_score FROM rated r "
        "JOIN model m USING (ratee_id, model_id) LEFT JOIN profile p USING (ratee_id, item_id)", [period])
    return ability_scores(items, measure)


def qualification_people(store, as_of: date, held: pd.DataFrame | None = None,
                         employee_id: str | None = None) -> pd.DataFrame:
    """Active people (or the one ``employee_id``) with what the basic conditions ask about, measured on ``as_of``.

    Experience is service here (the system does not hold earlier
    employers); years in the job run from the last hire, promotion or
    transfer into the current job; the certificate is the highest level held
    on any track (``held``: :func:`held_levels` of the certification records,
    read here when the caller has not got them).
    """
    people = store.query(
        "SELECT e.employee_id, e.name_en, e.name_zh, e.department_id, e.job_id, e.job_level, e.education, e.major, "
        "date_diff('day', e.hire_date, CAST(? AS DATE)) / 365.25 AS experience_years, "
        "date_diff('day', coalesce(m.moved_in, e.hire_date), CAST(? AS DATE)) / 365.25 AS years_in_job "
        "FROM employees e LEFT JOIN (SELECT employee_id, to_job_id, max(event_date) AS moved_in FROM employee_events "
        "WHERE event_type IN ('hire', 'promotion', 'transfer') AND event_date <= CAST(? AS DATE) "
        "GROUP BY 1, 2) m ON m.employee_id = e.employee_id AND m.to_job_id = e.job_id "
        f"WHERE {employed_on('e')}" + (" AND e.employee_id = ?" if employee_id is not None else ""),
        [as_of, as_of, as_of, as_of, as_of] + ([employee_id] if employee_id is not None else []))
    if held is None:
        held = held_certificates(store, employee_id)
    best = held.groupby("employee_id")["held_level"].max()
    people["cert_level"] = people["employee_id"].map(best).astype("Int64")
    return people


def certification_records(store) -> pd.DataFrame:
    return store.query("SELECT * FROM certifications ORDER BY exam_date, record_id")


def steps_before_exams(store, people: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The eligibility reviews and training records of everyone (or of ``people``): what the regulation's order
    (:func:`order_problems`, :func:`certification_status`) reads before an exam."""
    where, params = (" WHERE list_contains(?, employee_id)", [people]) if people is not None else ("", [])
    return (store.query("SELECT * FROM cert_eligibility" + where, params),
            store.query("SELECT * FROM cert_training" + where, params))


def held_certificates(store, employee_id: str | None = None) -> pd.DataFrame:
    """:func:`held_levels` of everyone (or of one person), reading only the passed reviews it counts."""
    one = " AND employee_id = ?" if employee_id is not None else ""
    return held_levels(store.query(
        "SELECT employee_id, track_id, level, stage, result, exam_date, first_batch FROM certifications "
        f"WHERE stage = 'review' AND result = 'pass'{one} ORDER BY exam_date, record_id",
        [employee_id] if employee_id is not None else None))


def apply_pass_rate(store, track_id: str, level: int, course: str, exam_date, pass_rate: float) -> tuple[float, int, int]:
    """Set the pass mark of one course sitting from a target pass rate and record who passed.

    Returns ``(pass mark, passed, candidates)``.  Every record of the
    sitting is rewritten in one transaction.
    """
    rows = store.query("SELECT record_id, score FROM certifications WHERE track_id IS NOT DISTINCT FROM ? "
                       "AND level = ? AND course = ? AND exam_date = ? AND stage = 'course_exam'",
                       [track_id, int(level), course, pd.Timestamp(exam_date).date()])
    scored = rows.dropna(subset=["score"])
    if scored.empty:
        raise Refused("sitting_without_scores", field="exam")
    mark, passed = mark_sitting(scored["score"].to_numpy(), pass_rate)
    update = pd.DataFrame({"record_id": scored["record_id"], "pass_mark": mark,
                           "result": np.where(passed, "pass", "fail")})
    with store.transaction() as cur:
        cur.register("marked", update)
        cur.execute("UPDATE certifications SET pass_mark = marked.pass_mark, result = marked.result FROM marked "
                    "WHERE certifications.record_id = marked.record_id")
        cur.unregister("marked")
    return mark, int(passed.sum()), len(scored)


def record_results(store, frame: pd.DataFrame) -> pd.DataFrame:
    """Add certification records (the table's columns), all or none; returns the problems (empty when written).

    Besides the table's own checks, a record may not skip a level: level L
    needs a passed review at L − 1 before its date; an exam needs a passed
    eligibility review and training before it; a first-batch record is for
    the person's own post (:func:`reference_problems`, the import's checks too).
    """
    from hrcore import imports

    plan = imports.plan_import(store, "certifications", frame,
                               imports.identity_mapping(list(frame.columns), "certifications"))
    if plan.ok and len(plan.rows):
        store.upsert("certifications", plan.rows)
    return plan.problems


@dataclass(frozen=True)
class Eligibility:
    """A candidate measured against the basic conditions of the post a level qualifies for (资格审查)."""

    employee_id: str
    track_id: str | None
    level: int
    job_id: str | None
    """The post whose standard applies: the job tied to the level, else the person's own."""
    standard: bool
    """Whether that post has basic conditions on file for the level."""
    meets: bool | None
    """None without a standard."""
    unmet: tuple[str, ...]
    """The conditions not met, from :data:`CONDITIONS`."""


def assess_eligibility(store, employee_id: str, track_id: str | None, level: int, on: date,
                       first_batch: bool = False) -> Eligibility:
    """Measure a candidate on ``on`` against the basic conditions (基本条件) of the post ``level`` qualifies for.

    Seed 004 §6.2.2: 审查的依据为是否符合该岗位胜任力基本条件; 第十六条 5.1.1: the
    basic conditions (学历、专业经验、现职状况) are the minimum and the basis of
    the review.  The standard is the job's own (:func:`qualification`, the
    ``qualification_reqs`` of the job tied to the level on the track, at its
    first level on file; a level tied to no job: the person's job at that
    level).  A standard's certificate condition asks for the level below at
    most (the level sought is what the review leads to; one level at a time,
    §15(2)); in the first batch (§15(1)) it asks for none.
    """
    person = qualification_people(store, on, employee_id=employee_id).reset_index(drop=True)
    if person.empty:
        known = store.query("SELECT 1 FROM employees WHERE employee_id = ?", [employee_id])
        if known.empty:
            raise Refused("person_not_on_file", field="employee_id", employee=employee_id)
        raise Refused("not_employed", field="employee_id", employee=employee_id, on=on)
    tied = store.query("SELECT job_id FROM cert_levels WHERE track_id IS NOT DISTINCT FROM ? AND level = ?",
                       [track_id, int(level)])
    job = tied["job_id"].iloc[0] if len(tied) and _given(tied["job_id"].iloc[0]) else None
    if job is not None:
        reqs = store.query("SELECT * FROM qualification_reqs WHERE job_id = ? ORDER BY level LIMIT 1", [job])
    else:
        job = person.loc[0, "job_id"]
        reqs = store.query("SELECT * FROM qualification_reqs WHERE job_id = ? AND level = ?", [job, int(level)])
    if reqs.empty:
        return Eligibility(employee_id, track_id, int(level), job, False, None, ())
    reqs = reqs.assign(found=True)
    wanted = pd.to_numeric(reqs["certification_level"], errors="coerce")
    reqs["certification_level"] = (None if first_batch or int(level) <= 1 or wanted.isna().iloc[0]
                                   else min(int(wanted.iloc[0]), int(level) - 1))
    met = _conditions(person, reqs)
    unmet = tuple(c for c in str(met.loc[0, "unmet"]).split(",") if c)
    return Eligibility(employee_id, track_id, int(level), job, True, not unmet, unmet)


def review_eligibility(store, employee_id: str, track_id: str | None, level: int, reviewer: str, reviewed_on: date,
                       outcome: str | None = None, note: str | None = None, first_batch: bool = False) -> str:
    """Record the eligibility review (资格审查) of a candidate for a level; returns its id.

    The outcome is pre-filled from :func:`assess_eligibility` when the post
    has a standard (seed 004 §6.2.2: 审查的依据为是否符合该岗位胜任力基本条件);
    the conditions not met are kept whatever the outcome.  The system knows
    only what it holds (experience is service here), so a reviewer may
    record another outcome than the standard's, with a ``note`` saying why
    (experience before joining, say); without a standard the reviewer states
    the outcome.  ``ValueError`` naming what is wrong, and nothing written.
    """
    if not (reviewer or "").strip():
        raise Refused("review_without_reviewer", field="reviewer")
    if outcome is not None and outcome not in ELIGIBILITY_OUTCOMES:
        raise Refused("eligibility_outcome_unknown", field="outcome",
                      outcomes=[Term("competency.eligibility", o) for o in ELIGIBILITY_OUTCOMES],
                      got=repr(outcome))
    _check_track_level(store, track_id, level)
    found = assess_eligibility(store, employee_id, track_id, level, reviewed_on, first_batch)
    if found.standard:
        computed = "meets" if found.meets else "does_not_meet"
        if outcome is not None and outcome != computed and not (note or "").strip():
            # A standard that is not met names what is not (unmet is empty exactly when it is met).
            raise Refused(f"standard_says_{computed}", field="outcome", job=found.job_id,
                          unmet=[Term("competency.cond", c) for c in found.unmet])
        outcome = outcome or computed
    elif outcome is None:
        raise Refused("no_standard_for_level", field="outcome", job=found.job_id, level=int(level))
    with store.transaction() as cur:
        review_id = f"EL{cur.next_number('cert_eligibility', 'review_id', 'EL'):06d}"
        cur.execute("INSERT INTO cert_eligibility (review_id, employee_id, track_id, level, reviewed_on, outcome, "
                    "unmet, reviewer, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [review_id, employee_id, track_id, int(level), reviewed_on, outcome,
                     ",".join(found.unmet) or None, reviewer.strip(), (note or "").strip() or None])
    return review_id


def record_training(store, employee_id: str, track_id: str | None, level: int, course: str | None, mode: str,
                    started_on: date, ended_on: date | None = None) -> str:
    """Record a candidate's training for a level (one course, or the level's whole programme); returns its id.

    ``mode``: ``self_study`` or ``course`` (seed 004 第十一条).  Once courses
    are on file, the course must be one the level requires.
    """
    if mode not in TRAINING_MODES:
        raise Refused("training_mode_unknown", field="mode", modes=list(TRAINING_MODES), got=repr(mode))
    if ended_on is not None and ended_on < started_on:
        raise Refused("training_ends_before_start", field="ended_on")
    if store.query("SELECT 1 FROM employees WHERE employee_id = ?", [employee_id]).empty:
        raise Refused("person_not_on_file", field="employee_id", employee=employee_id)
    _check_track_level(store, track_id, level)
    course = (course or "").strip() or None
    if course is not None and store.count("cert_courses"):
        offered = store.query("SELECT course_id FROM cert_courses WHERE track_id IS NOT DISTINCT FROM ? "
                              "AND from_level <= ? ORDER BY from_level, course_id", [track_id, int(level)])["course_id"]
        if course not in set(offered):
            raise Refused("course_not_of_level", field="course", level=int(level), track=track_id, course=course)
    with store.transaction() as cur:
        training_id = f"TR{cur.next_number('cert_training', 'training_id', 'TR'):06d}"
        cur.execute("INSERT INTO cert_training (training_id, employee_id, track_id, level, course, mode, started_on, "
                    "ended_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [training_id, employee_id, track_id, int(level), course, mode, started_on, ended_on])
    return training_id


def _check_track_level(store, track_id: str | None, level: int) -> None:
    """Once tracks are set up (``cert_levels``), ``track_id`` must be one of them and hold ``level``."""
    if track_id is not None and store.count("cert_levels"):
        levels = store.query("SELECT level FROM cert_levels WHERE track_id = ? ORDER BY level", [track_id])["level"]
        if levels.empty:
            raise Refused("no_certification_track", field="track_id", track=track_id)
        if int(level) not in set(levels.astype(int)):
            raise Refused("track_without_level", field="level", track=track_id, level=int(level),
                          levels=[int(v) for v in levels])


def file_appeal(store, employee_id: str, track_id: str | None, level: int, reason: str, filed_on: date) -> str:
    """Record an appeal against a certification result on ``track_id`` at ``level``; returns its id.

    Once tracks are set up (``cert_levels``), the track must be one of them and
    hold that level: an appeal goes to the committee of its own track.
    """
    if not (reason or "").strip():
        raise Refused("appeal_without_grounds", field="reason")
    known = store.query("SELECT 1 FROM employees WHERE employee_id = ?", [employee_id])
    if known.empty:
        raise Refused("person_not_on_file", field="employee_id", employee=employee_id)
    _check_track_level(store, track_id, level)
    with store.transaction() as cur:
        appeal_id = f"AP{cur.next_number('cert_appeals', 'appeal_id', 'AP'):05d}"
        cur.execute("INSERT INTO cert_appeals (appeal_id, employee_id, track_id, level, filed_on, reason) "
                    "VALUES (?, ?, ?, ?, ?, ?)", [appeal_id, employee_id, track_id, int(level), filed_on, reason.strip()])
    return appeal_id


def decide_appeal(store, appeal_id: str, outcome: str, user: str, decided_on: date, note: str | None = None) -> None:
    """Record the outcome of a pending appeal (upheld or rejected); a decided appeal is not changed."""
    if outcome not in ("upheld", "rejected"):
        raise Refused("cert_appeal_outcome_unknown", field="outcome")
    row = store.query("SELECT outcome FROM cert_appeals WHERE appeal_id = ?", [appeal_id])
    if row.empty:
        raise Refused("no_such_appeal", field="appeal_id", appeal=appeal_id)
    if row.loc[0, "outcome"] != "pending":
        raise Refused("appeal_decided_already", field="appeal_id", appeal=appeal_id,
                      outcome=Term("competency.outcome", row.loc[0, "outcome"]))
    with store.transaction() as cur:
        # Still pending inside the transaction: of two people deciding at once, the second is refused.
        done = cur.execute("UPDATE cert_appeals SET outcome = ?, decided_on = ?, decided_by = ?, note = ? "
                           "WHERE appeal_id = ? AND outcome = 'pending' RETURNING appeal_id",
                           [outcome, decided_on, user, note, appeal_id]).fetchall()
        if not done:
            raise Conflict("appeal_decided_meanwhile", field="appeal_id", appeal=appeal_id)


@dataclass(frozen=True)
class Headline:
    """The overview's two figures: certification coverage and the average gap to target."""

    coverage: float | None
    """Share of people in certified jobs holding the certificate their job requires."""
    in_certified_jobs: int
    overdue: int
    average_gap: float | None
    """Mean over reviewed people of (all raters but self − target), latest period."""
    reviewed: int


def staff_on(store, as_of: date) -> pd.DataFrame:
    """The people employed on ``as_of``, with what certification coverage needs."""
    return store.query("SELECT employee_id, name_en, name_zh, department_id, job_id, hire_date FROM employees "
                       f"WHERE {employed_on()}", [as_of, as_of])


def headline(store, as_of: date) -> Headline:
    """Certification coverage and the average gap to target of the latest 360 review."""
    settings = load_settings(store)
    levels = store.query("SELECT * FROM cert_levels")
    staff = staff_on(store, as_of)
    cov = coverage(staff, held_certificates(store), levels, as_of, int(settings["probation_months"]))
    gap, reviewed = None, 0
    periods = review_periods(store)
    if periods:
        models = models_rated(store, periods[0])
        data = load_review(store, periods[0], models[0])
        result = review(data.ratings, data.items, data.targets, settings["weights"], settings["blind_spot_gap"],
                        settings["pass_total"]).people
        gaps = result["gap"].dropna()
        gap, reviewed = (float(gaps.mean()) if len(gaps) else None), len(result)
    return Headline(float(cov["certified"].mean()) if len(cov) else None, len(cov), int(cov["overdue"].sum()),
                    gap, reviewed)


def import_ratings(store, data: bytes, filename: str, period: str, write: bool = True, mapping: dict | None = None):
    """Import 360 ratings from a CSV or Excel file: every row or none.

    The file goes through the mapping every import takes
    (:func:`hrcore.imports.plan_import`): ``mapping`` as the Data page saves
    one for ``ratings_360``, or one suggested from the headings (``reviewee``,
    ``rater``, ``relationship``, ``item``, ``rating``, ``submitted at`` or the
    table's own names, in English or Chinese); survey exports' missing
    markers, relationship labels and repeats are read as
    :mod:`hrcore.ratings_import` says.  Rows without a period take
    ``period``.  With ``write=False`` nothing is written and ``counts`` say
    what would change.  Returns the :class:`hrcore.imports.ImportReport`.
    """
    from hrcore import imports

    raw = imports.read_file(data, filename)
    plan = plan_ratings(store, raw.frame, period, mapping)
    report = imports.ImportReport(**vars(plan), encoding=raw.encoding)
    if write and plan.ok and len(plan.rows):
        report.counts = write_ratings(store, plan)
        report.written = True
    return report


def plan_ratings(store, raw: pd.DataFrame, period: str, mapping: dict | None = None):
    """:func:`import_ratings` of a file already read (:func:`hrcore.imports.read_file`), writing nothing: the
    :class:`hrcore.imports.ImportPlan`.  A mapping without a period column gives every row ``period``."""
    from hrcore import imports

    mapping = dict(mapping) if mapping is not None else {
        "columns": imports.suggest_mapping(list(raw.columns), "ratings_360")}
    columns = dict(mapping.get("columns") or {})
    if "period" not in columns and "period" not in (mapping.get("derive") or {}):
        raw = raw.assign(_period=(period or "").strip() or None)
        columns["period"] = "_period"
    return imports.plan_import(store, "ratings_360", raw, {**mapping, "columns": columns})


def write_ratings(store, plan):
    """Write a clean plan of :func:`plan_ratings` (one transaction); the counts written."""
    if not plan.ok:
        raise ValueError(f"plan: {len(plan.problems)} problem(s) left; nothing is written")
    return store.upsert("ratings_360", plan.rows)


def save_ratings(store, frame: pd.DataFrame) -> pd.DataFrame:
    """Write ratings entered by hand (the table's columns), all or none; returns the problems (empty when written)."""
    from hrcore import imports

    plan = imports.plan_import(store, "ratings_360", frame, imports.identity_mapping(list(frame.columns), "ratings_360"))
    if plan.ok and len(plan.rows):
        store.upsert("ratings_360", plan.rows)
    return plan.problems


def reference_problems(store, table: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The checks across tables that an import of ``ratings_360`` or ``certifications`` must pass.

    Ratings: the item is in the model library, reviewee and rater are on
    file, and the group is ``self`` exactly when someone rates themself.
    Certification records: no level is skipped (:func:`skipped_levels`
    against the records on file), no ability test comes before every
    course of its level is passed (:func:`early_ability_tests`), and the
    regulation's order holds (:func:`order_problems`: a passed eligibility
    review and training before every exam, the first batch for one's own
    post).  Rows are numbered as a spreadsheet
    shows them (header = row 1); ``rows`` keeps the file's index.
    """
    from hrcore.imports import FIRST_DATA_ROW

    line = rows.index.to_series() + FIRST_DATA_ROW
    problems = []

    def flag(mask, column, code):
        mask = pd.Series(mask, index=rows.index).fillna(False).astype(bool)
        for r, v in zip(line[mask], rows.loc[mask, column]):
            problems.append((int(r), column, v, *_said(code)))

    if table == "ratings_360" and {"item_id", "ratee_id", "rater_id", "rater_group"} <= set(rows.columns):
        known_items = set(store.query("SELECT item_id FROM comp_items")["item_id"])
        known_people = set(store.query("SELECT employee_id FROM employees")["employee_id"])
        # An empty cell is reported once, as a required value missing, not also as an unknown item or person.
        flag(rows["item_id"].notna() & ~rows["item_id"].isin(known_items), "item_id", "item_not_in_library")
        flag(rows["ratee_id"].notna() & ~rows["ratee_id"].isin(known_people), "ratee_id", "no_such_employee")
        flag(rows["rater_id"].notna() & ~rows["rater_id"].isin(known_people), "rater_id", "no_such_employee")
        own = rows["rater_id"] == rows["ratee_id"]
        flag(own & (rows["rater_group"] != "self"), "rater_group", "own_rating_not_self")
        flag(~own & (rows["rater_group"] == "self"), "rater_group", "self_rating_by_another")
    elif table == "certifications" and {"employee_id", "level", "stage", "result", "exam_date"} <= set(rows.columns):
        candidates = rows.assign(track_id=rows["track_id"] if "track_id" in rows.columns else None)
        history = certification_records(store)
        history = history[~history["record_id"].isin(rows["record_id"])]
        skipped = skipped_levels(candidates, history)
        for position, level in zip(skipped["row"], skipped["level"]):
            problems.append((int(line.iloc[position]), "level", level, *_said("level_skipped")))
        early = early_ability_tests(candidates, store.query("SELECT * FROM cert_courses"), history)
        for position, missing in zip(early["row"], early["missing"]):
            problems.append((int(line.iloc[position]), "stage", "ability_test",
                             *_said("ability_test_before_courses", courses=list(missing))))
        people = list(candidates["employee_id"].dropna().unique())
        order = order_problems(
            candidates, *steps_before_exams(store, people),
            own_posts(store.query("SELECT employee_id, job_id FROM employees WHERE list_contains(?, employee_id)",
                                  [people]), store.query("SELECT * FROM cert_levels")))
        for position, *problem in order.itertuples(index=False):
            problems.append((int(line.iloc[position]), *problem))
    return pd.DataFrame(sorted(problems, key=lambda p: p[0]), columns=["row", "column", "value", "reason", "code",
                                                                      "values"])


def _said(code: str, **values) -> tuple[str, str, dict]:
    """A problem of a row as its frame holds it: the English ``reason`` the command line and the files read, and
    the ``code`` and ``values`` a page words it from in the reader's language (:func:`hrcore.i18n.problem`)."""
    return i18n.problem(code, values, "en"), code, values
