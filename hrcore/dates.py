"""Dates as HR systems write them: one format per column, detected, never guessed where it is ambiguous.

A column of an extract is written one way: ISO ``2024-03-05``, ``2024/3/5``,
``2024.3.5``, ``2024年3月5日``, ``20240305``, US month-first ``7/5/2011``,
day-first ``05/07/2011``, two-digit years ``07/10/83``, a time of day after
the date (dropped), or Excel serial numbers (``40729`` is 2011-07-05).
:func:`read_dates` finds which, from every cell of the column:

- a four-digit year first is year-month-day;
- a year last is month-first when some first part is above 12, day-first when
  some second part is; when no part is above 12 the column is **ambiguous**
  and the caller must say the order (``MDY`` or ``DMY``), else every cell is
  refused: a silent guess would swap days and months for thousands of people;
- a two-digit year takes the century that keeps the date on or before today
  (a birth date is never in the future: ``83`` is 1983, ``07`` is 2007).

>>> import pandas as pd
>>> found = read_dates(pd.Series(["7/5/2011", "12/31/2011", None]), today=date(2026, 12, 7))
>>> found.values.dt.strftime("%Y-%m-%d").tolist()[:2], found.format
(['2011-07-05', '2011-12-31'], 'M/D/Y')
>>> read_dates(pd.Series(["05/07/2011"]), today=date(2026, 12, 7)).ambiguous
True
>>> read_dates(pd.Series(["05/07/2011"]), order="DMY", today=date(2026, 12, 7)).values.dt.strftime("%Y-%m-%d").tolist()
['2011-07-05']
>>> read_dates(pd.Series(["07/10/83", "1/2/07"]), order="MDY", today=date(2026, 12, 7)).values.dt.year.tolist()
[1983, 2007]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from hrcore import i18n

ORDERS = ("YMD", "MDY", "DMY")
EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # Excel's day 0 (its 1900 leap-year bug included)
# Serial numbers from 1950 to 2100 only: a bare number outside that is more likely an id than a date.
EXCEL_FIRST, EXCEL_LAST = 18264, 73415
TIME_OF_DAY = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
PARTS = (r"^(?P<a>\d{1,4})\s*[-/.年]\s*(?P<b>\d{1,2})\s*[-/.月]\s*(?P<c>\d{1,4})\s*日?" + TIME_OF_DAY + r"$")
COMPACT = r"^(?P<a>\d{4})(?P<b>\d{2})(?P<c>\d{2})$"
SERIAL = r"^(?P<serial>\d{5})(?:\.0+)?$"


@dataclass(frozen=True)
class ReadDates:
    """A column read as dates: ``values`` (NaT where a cell is empty or unreadable), the ``format`` found
    (``Y-M-D``, ``M/D/Y``, ``D/M/Y``, ``Excel serial``, ...; ``mixed`` when cells disagree), whether it is
    ``ambiguous`` (day and month cannot be told apart and no order was given), and whether two-digit years
    were read (``two_digit_years``)."""

    values: pd.Series
    format: str
    ambiguous: bool = False
    two_digit_years: bool = False


def _assemble(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"year": year, "month": month, "day": day}).astype("float64")
    return pd.to_datetime(frame, errors="coerce")


def read_dates(cells: pd.Series, order: str | None = None, today: date | None = None) -> ReadDates:
    """Read a column of date cells written one way (see the module); empty cells stay empty.

    ``order`` (``MDY`` or ``DMY``; ``YMD`` changes nothing) is used only where the column does not tell day
    from month by itself.  A date after ``today`` that a two-digit year would give is read a century back.
    """
    if order is not None and order not in ORDERS:
        raise ValueError(f"date order: one of {', '.join(ORDERS)}, not {order!r}")
    today = today or date.today()
    text = cells.astype("string").str.strip()
    present = text.notna() & text.ne("")
    out = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[us]")
    if not present.any():
        return ReadDates(out, "")
    # A million cells hold a few thousand distinct dates: read each distinct one once.
    codes, distinct = pd.factorize(text[present])
    distinct = pd.Series(distinct, dtype="string")
    parsed = pd.Series(pd.NaT, index=distinct.index, dtype="datetime64[us]")
    kinds: list[str] = []
    ambiguous = two_digit = False

    iso = pd.to_datetime(distinct.str.replace(r"[ T]00:00:00(\.0+)?$", "", regex=True), format="%Y-%m-%d",
                         errors="coerce")
    parsed = parsed.where(iso.isna(), iso)
    if iso.notna().any():
        kinds.append("Y-M-D")
    rest = parsed.isna()

    serial = distinct[rest].str.extract(SERIAL)["serial"].astype("Int64")
    serial = serial[(serial >= EXCEL_FIRST) & (serial <= EXCEL_LAST)]
    if len(serial):
        parsed[serial.index] = EXCEL_EPOCH + pd.to_timedelta(serial.astype("int64"), unit="D")
        kinds.append("Excel serial")
    rest = parsed.isna()

    compact = distinct[rest].str.extract(COMPACT).dropna()
    if len(compact):
        parsed[compact.index] = _assemble(compact["a"].astype(int), compact["b"].astype(int), compact["c"].astype(int))
        kinds.append("YYYYMMDD")
    rest = parsed.isna()

    parts = distinct[rest].str.extract(PARTS).dropna()
    year_first = parts[parts["a"].str.len() == 4]
    if len(year_first):
        parsed[year_first.index] = _assemble(year_first["a"].astype(int), year_first["b"].astype(int),
                                             year_first["c"].astype(int))
        kinds.append("Y/M/D")
    year_last = parts[(parts["a"].str.len() <= 2) & parts["c"].str.len().isin([2, 4])]
    if len(year_last):
        first, second = year_last["a"].astype(int), year_last["b"].astype(int)
        month_first, day_first = (first > 12).any(), (second > 12).any()
        if day_first and not month_first:
            chosen = "MDY"
        elif month_first and not day_first:
            chosen = "DMY"
        elif month_first and day_first:
            chosen = None  # both seen: not one convention; every cell is refused
            kinds.append("mixed")
        else:
            chosen = order if order in ("MDY", "DMY") else None
            ambiguous = chosen is None
        if chosen is not None:
            short = year_last["c"].str.len() == 2
            two_digit = bool(short.any())
            month, day = (first, second) if chosen == "MDY" else (second, first)
            year = year_last["c"].astype(int) + np.where(short, 2000, 0)
            read = _assemble(year, month, day)
            # A two-digit year takes the century that keeps the date on or before today.
            later = short & (read > pd.Timestamp(today))
            parsed[year_last.index] = read.where(~later, _assemble(year - 100, month, day))
            kinds.append("M/D/Y" if chosen == "MDY" else "D/M/Y")
    parsed = parsed.where(parsed.isna() | (parsed.dt.year >= 1))  # there is no year 0 (Python's calendar)
    values = pd.Series(parsed.to_numpy()[codes], index=text[present].index, dtype="datetime64[us]")
    out[present] = values
    # 2024-03-05 beside 2024/3/5 or 20240305 is one convention written several ways.
    seen = list(dict.fromkeys("Y-M-D" if kind in ("Y/M/D", "YYYYMMDD") else kind for kind in kinds))
    found = "ambiguous" if ambiguous and not seen else " + ".join(seen)
    return ReadDates(out, found, ambiguous, two_digit)


@dataclass(frozen=True)
class Written:
    """How a column's dates are written, for an import's summary: the ways found (``format``, as
    :class:`ReadDates` names them) and whether two-digit years were read; said by :func:`describe`, in English
    by ``str()`` (the command line)."""

    format: str
    two_digit_years: bool = False

    def __str__(self) -> str:
        return describe(self)


def how_written(read: ReadDates) -> Written:
    """How the column of ``read`` is written, without its values."""
    return Written(read.format, read.two_digit_years)


def describe(read: ReadDates | Written, lang: str = "en") -> str:
    """How a column's dates were read, for an import's summary, in ``lang``: the patterns as they are, the
    words of the language (``dates.kind.<way>``, ``dates.two_digit_years``).

    >>> describe(Written("M/D/Y", two_digit_years=True)), describe(Written("Y-M-D + Excel serial"), "zh")
    ('M/D/Y, two-digit years', 'Y-M-D + Excel 日期序号')
    >>> describe(Written("M/D/Y", two_digit_years=True), "zh")
    'M/D/Y，两位年份'
    """
    kinds = [i18n.t(f"dates.kind.{kind}", lang) if f"dates.kind.{kind}" in i18n.TEXT else kind
             for kind in read.format.split(" + ") if kind]
    text = " + ".join(kinds)
    if read.two_digit_years:
        text += ("，" if lang == "zh" else ", ") + i18n.t("dates.two_digit_years", lang)
    return text


_PERIOD = (
    (r"^(\d{4})$", lambda m: date(int(m[1]), 1, 1)),
    (r"^(\d{4})\s*[-_ ]?\s*[Qq]([1-4])$", lambda m: date(int(m[1]), 3 * int(m[2]) - 2, 1)),
    (r"^(\d{4})\s*[-_ ]?\s*[Hh]([12])$", lambda m: date(int(m[1]), 6 * int(m[2]) - 5, 1)),
    (r"^(\d{4})[-/.](\d{1,2})$", lambda m: date(int(m[1]), int(m[2]), 1) if 1 <= int(m[2]) <= 12 else None),
    (r"^(\d{4})年$", lambda m: date(int(m[1]), 1, 1)),
    (r"^(\d{4})年\s*第?([1-4一二三四])季度?$",
     lambda m: date(int(m[1]), 3 * ("1234一二三四".index(m[2]) % 4) + 1, 1)),
    (r"^(\d{4})年\s*(上|下)半年$", lambda m: date(int(m[1]), 1 if m[2] == "上" else 7, 1)),
    (r"^(\d{4})年\s*(\d{1,2})月$", lambda m: date(int(m[1]), int(m[2]), 1) if 1 <= int(m[2]) <= 12 else None),
)


def period_start(period) -> date | None:
    """The first day of an appraisal period as HR systems name them, or None for a name it cannot read.

    >>> periods = ["2024", "2024Q3", "2024-H2", "2024-09", "2024年第三季度", "2024年下半年", "Spring"]
    >>> [str(period_start(p)) for p in periods]
    ['2024-01-01', '2024-07-01', '2024-07-01', '2024-09-01', '2024-07-01', '2024-07-01', 'None']
    """
    text = str(period).strip()
    for pattern, start in _PERIOD:
        found = re.match(pattern, text)
        if found:
            return start(found)
    return None
