"""Company settings, in one place: the date the data describe, the currency, how imported pay is written,
the local average and minimum wages.

Every page computes at the as-of date: who is employed, tenure, turnover, watchlist signals, the risk model
and certification deadlines.  Unless it is set, the as-of date is the extract's own date: the latest hire,
exit or event the data hold (never a day after today), so a historical extract reads at its own time instead
of showing no hires and no exits "in the last 12 months" of today.

Who is employed on a day: hired on or before it (or with no hire date), with no exit date or one after it,
and not a leaver whose exit date is unknown (such a person cannot be placed in time and is counted apart).

>>> import pandas as pd
>>> from hrcore.store import Store
>>> store = Store()
>>> _ = store.upsert("employees", pd.DataFrame({"employee_id": ["a", "b"],
...     "hire_date": pd.to_datetime(["2011-07-05", "2012-01-09"]), "status": ["active", "left"],
...     "exit_date": pd.to_datetime([None, "2018-04-30"])}))
>>> as_of_date(store)
datetime.date(2018, 4, 30)
>>> saved = save(store, as_of="2015-01-01", currency="usd")
>>> saved.currency, employed_count(store)
('USD', 2)
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Literal, Optional

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hrcore.errors import Refused

if TYPE_CHECKING:  # the store's access rules read the subject modules, which read these settings
    from hrcore.store import Store

SETTINGS_KEY = "company"
DEFAULT_CURRENCY = "CNY"


class SettingsRefused(Refused):
    """Settings refused, one :class:`~hrcore.errors.Refused` per field (``refusals``): said one after another,
    separated by semicolons.

    >>> refused = SettingsRefused([Refused("setting_currency", field="currency", value="'EURO'"),
    ...                            Refused("setting_pay_period", field="pay_period", value="'weekly'")])
    >>> str(refused)
    "currency: must be a three-letter ISO 4217 code such as CNY, USD or EUR, got 'EURO'; pay_period: must be monthly or annual, got 'weekly'"
    """

    def __init__(self, refusals: list[Refused]):
        first = refusals[0]
        super().__init__(first.code, field=first.field, **first.values)
        self.refusals = refusals
        ValueError.__init__(self, "; ".join(map(str, refusals)))

    def __reduce__(self):
        return type(self), (self.refusals,)


class CompanySettings(BaseModel):
    """What every page needs to know about the company and its extract."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    as_of: Optional[date] = None
    """The date the data describe; None: the extract's date (:func:`as_of_date`)."""
    currency: str = Field(DEFAULT_CURRENCY, pattern=r"^[A-Z]{3}$")
    """ISO 4217 code of every money figure (pay is stored per month in it)."""
    pay_period: Literal["monthly", "annual"] = "monthly"
    """How imported base pay and target bonus are written; annual amounts are divided by 12 on import."""
    local_avg_wage: float = Field(12_000.0, ge=1, le=1e7)
    """The local average monthly wage, which caps the wage used for economic compensation (art. 47)."""
    local_min_wage: float = Field(2_690.0, ge=0, le=1e7)
    """The local minimum monthly wage: the wage used for economic compensation is never below it."""

    @field_validator("currency", mode="before")
    @classmethod
    def _upper(cls, value):
        return value.strip().upper() if isinstance(value, str) else value


FIELDS = tuple(CompanySettings.model_fields)
WAGE_RANGE = (1.0, 1e7)
MIN_WAGE_RANGE = (0.0, 1e7)


def saved(store: Store) -> dict:
    """The settings the company gave (a value the migration found nowhere is stored as null: not given)."""
    return {k: v for k, v in json.loads(store.meta(SETTINGS_KEY) or "{}").items() if v is not None}


def load(store: Store) -> CompanySettings:
    """The saved settings over the defaults."""
    return CompanySettings.model_validate(saved(store))


def save(store: Store, **changes) -> CompanySettings:
    """Check and keep ``changes`` (field = value; text as the CLI gives it, an empty ``as_of`` clears it).

    Raises
    ------
    SettingsRefused
        One :class:`~hrcore.errors.Refused` per refused field (its code ``setting_<field>``, the value as given).
    """
    unknown = [name for name in changes if name not in FIELDS]
    if unknown:
        raise Refused("setting_unknown", field=", ".join(unknown), settings=list(FIELDS))
    if changes.get("as_of") == "":
        changes["as_of"] = None
    try:
        settings = CompanySettings.model_validate({**load(store).model_dump(), **changes})
    except ValidationError as refused:
        raise SettingsRefused([Refused(f"setting_{e['loc'][0]}", field=e["loc"][0], value=repr(e["input"]))
                               for e in refused.errors()]) from None
    store.save_settings(SETTINGS_KEY, settings.model_dump(mode="json"))
    return settings


def latest_event(store: Store) -> date | None:
    """The latest hire, exit or recorded event on or before today: the date the extract was taken."""
    found = store.query(
        "SELECT max(d) AS latest FROM ("
        "  SELECT hire_date AS d FROM employees UNION ALL SELECT exit_date FROM employees"
        "  UNION ALL SELECT event_date FROM employee_events) WHERE d <= current_date")["latest"].iloc[0]
    return None if pd.isna(found) else pd.Timestamp(found).date()


def as_of_date(store: Store, settings: CompanySettings | None = None) -> date:
    """The date the pages compute at: the setting, else the extract's date, else today."""
    chosen = (settings or load(store)).as_of
    return chosen or latest_event(store) or date.today()


def employed_on(alias: str = "") -> str:
    """SQL that is true for people employed on a day given twice as parameters (hire, then exit).

    >>> print(employed_on("e"))
    (e.hire_date IS NULL OR e.hire_date <= ?) AND (e.exit_date IS NULL OR e.exit_date > ?) AND NOT (coalesce(e.status, 'active') = 'left' AND e.exit_date IS NULL)
    """
    p = f"{alias}." if alias else ""
    # An empty status is the table's default, active: without coalesce the NULL would drop the person.
    return (f"({p}hire_date IS NULL OR {p}hire_date <= ?) AND ({p}exit_date IS NULL OR {p}exit_date > ?) "
            f"AND NOT (coalesce({p}status, 'active') = 'left' AND {p}exit_date IS NULL)")


def record_date(store: Store) -> date:
    """The date a record made now carries (a rating, an appeal): the as-of date when the company set one (the
    demo's, a historical extract read at its own time), else today, never a date guessed from the data."""
    return load(store).as_of or date.today()


def employed_count(store: Store, day: date | None = None) -> int:
    """Headcount on ``day`` (default: the as-of date)."""
    day = day or as_of_date(store)
    return int(store.query(f"SELECT count(*) AS n FROM employees WHERE {employed_on()}", [day, day])["n"].iloc[0])


def undated_leavers(store: Store) -> int:
    """Leavers without an exit date: turnover cannot place them in time and leaves them out."""
    return int(store.query(
        "SELECT count(*) AS n FROM employees WHERE status = 'left' AND exit_date IS NULL")["n"].iloc[0])
