"""Small groups: a breakdown of ratings or pay never shows a group of fewer than :data:`MIN_GROUP` people.

A chart of ratings by box or of pay by department would otherwise let anyone
read one person's rating or pay off a group of one or two.  Every report
that breaks ratings or pay down by group hides the figure of a small group
(:func:`small_groups`); it also hides the next smallest groups until the
hidden ones hold :data:`MIN_GROUP` people at least, so that a total shown
beside the chart, less the groups shown, cannot give a small group back.
A group of nobody reveals nobody and stays shown.

Groups that nest (a department and the departments under it) can still be
subtracted from each other: a report shows one level of non-overlapping
groups per chart (a department's own people, not its subtree).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_GROUP = 5
"""The fewest people whose rating or pay a breakdown shows as a group."""


def small_groups(sizes, minimum: int = MIN_GROUP) -> np.ndarray:
    """Which groups of these ``sizes`` (people in each) a breakdown hides.

    Groups of 1 to ``minimum - 1`` people are hidden; if the hidden ones then
    hold fewer than ``minimum`` people, the smallest shown groups are hidden
    with them until they do (or none is left).

    >>> small_groups([120, 3, 0, 40, 9]).tolist()
    [False, True, False, False, True]
    >>> small_groups([120, 6, 5, 40]).tolist()
    [False, False, False, False]
    """
    sizes = np.asarray(sizes, dtype=float)
    hidden = (sizes > 0) & (sizes < minimum)
    while hidden.any() and sizes[hidden].sum() < minimum and (~hidden & (sizes > 0)).any():
        shown = np.where(~hidden & (sizes > 0), sizes, np.inf)
        hidden[int(np.argmin(shown))] = True
    return hidden


def without_small_groups(frame: pd.DataFrame, count: str, *figures: str) -> pd.DataFrame:
    """``frame`` (one row a group, ``count`` people in each) with ``count`` and ``figures`` blanked (NaN) in the
    rows of the groups :func:`small_groups` hides.

    >>> without_small_groups(pd.DataFrame({"n": [30, 2, 3, 12], "share": [0.64, 0.04, 0.06, 0.26]}), "n", "share")
          n  share
    0  30.0   0.64
    1   NaN    NaN
    2   NaN    NaN
    3  12.0   0.26
    """
    hidden = small_groups(frame[count])
    out = frame.copy()
    for column in (count, *figures):
        out[column] = out[column].astype(float).where(~hidden)
    return out
