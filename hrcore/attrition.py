"""Attrition measures (DOMAIN.md §7, seed 001)."""

from __future__ import annotations

import numpy as np


def turnover_rate(separations, headcount_start, headcount_end):
    """Separations over the average headcount of a period.

    ``separations / ((headcount_start + headcount_end) / 2)``; element-wise for
    arrays.  A period with no one employed at either end has no rate (NaN).

    Parameters
    ----------
    separations : float or array
        People who left during the period.
    headcount_start, headcount_end : float or array
        Headcount at the start and at the end of the period.

    Examples
    --------
    Twelve exits while headcount grew from 100 to 140 (average 120):

    >>> float(turnover_rate(12, 100, 140))
    0.1
    """
    sep = np.asarray(separations, dtype=float)
    start = np.asarray(headcount_start, dtype=float)
    end = np.asarray(headcount_end, dtype=float)
    for label, values in (("separations", sep), ("headcount_start", start), ("headcount_end", end)):
        if np.any(values < 0):
            raise ValueError(f"{label}: must not be negative")
    average = (start + end) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(average > 0, sep / np.where(average > 0, average, 1), np.nan)
    return rate if rate.ndim else rate[()]
