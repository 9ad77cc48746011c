"""Competency, qualification and certification measures (DOMAIN.md §6, seeds 000 and 004).

Pure functions on numbers and arrays: no database, no UI.
"""

from __future__ import annotations

import math

import numpy as np


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
        If ``scores`` is empty or holds NaN or infinite values, or if
        ``pass_rate`` is not in (0, 1].

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
    """
    values = np.asarray(scores, dtype=float).ravel()
    if values.size == 0:
        raise ValueError("scores: no scores given; a sitting needs at least one candidate")
    if not np.isfinite(values).all():
        raise ValueError("scores: every score must be a finite number (found NaN or infinity)")
    try:
        rate = float(pass_rate)
    except (TypeError, ValueError):
        raise ValueError(f"pass_rate: must be a number in (0, 1], got {pass_rate!r}") from None
    if not 0 < rate <= 1:  # also rejects NaN, for which every comparison is false
        raise ValueError(f"pass_rate: must be in (0, 1], got {pass_rate!r}")
    k = math.ceil(round(rate * values.size, 9))
    # The k-th highest is the (n - k)-th lowest: a partial sort is enough.
    return float(np.partition(values, values.size - k)[values.size - k])
