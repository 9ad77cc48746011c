"""The KPI scorecards page: one report per tab, and the performance headline the overview shares.

* :func:`headline` – the latest review period's ratings and open cards (the overview's tiles, the results tab's).
* :func:`page` – what every tab needs: the periods (latest first), the indicator library, the departments, the
  settings.
* :func:`card_choices`, :func:`card_view`, :func:`appeals_waiting` – the scorecard tab: the picker, one card with
  its owner, appraiser, cycle, coaching notes and appeals, HR's list of pending appeals.
* :func:`new_card_owners`, :func:`new_card_plan`, :func:`copy_sources` – the new card form: whom for, which
  periods, which card's lines to copy.
* :func:`data_check` – the data check tab.
* :func:`results` – the results tab.
* :func:`merit` – the merit matrix tab.
* :func:`library` – the indicator library tab.
* :func:`cycle_roles` – the cycles tab.

Every report returns numbers, codes and both names (``*_en``, ``*_zh``) of people, departments, jobs and
indicators; the page words them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from hrcore import company, cycles, kpi, kpi_appeals
from hrcore.privacy import small_groups
from hrcore.reports import pay as pay_reports
from hrcore.store import Store

# A period's cards with their owner's department and names (an employee, a position or a department).
OWNER_CARDS = (
    "SELECT c.scorecard_id, c.period, c.owner_type, c.owner_id, c.appraiser_id, c.status, c.total_score, "
    "coalesce(e.department_id, c.owner_id) AS department_id, "
    "coalesce(e.name_en, d.name_en, p.title_en) AS owner_en, coalesce(e.name_zh, d.name_zh, p.title_zh) AS owner_zh "
    "FROM scorecards c LEFT JOIN employees e ON c.owner_type = 'employee' AND e.employee_id = c.owner_id "
    "LEFT JOIN jobs p ON c.owner_type = 'position' AND p.job_id = c.owner_id "
    "LEFT JOIN departments d ON c.owner_type = 'department' AND d.department_id = c.owner_id ")
OWNER_TYPES = ("employee", "position", "department")


def _rating_labels(bands) -> list[str]:
    return [str(label) for label, _ in bands] + [kpi.LOWEST_RATING]


def _with_names(frame: pd.DataFrame, db: Store, column: str) -> pd.DataFrame:
    """``frame`` with ``<column>_en`` and ``<column>_zh``: the person's names where ``column`` holds an employee
    id or the English name of one employee (an account labelled with its holder's name), else the value itself
    (another account's label, a name typed in)."""
    wanted = pd.DataFrame({"value": frame[column].dropna().astype(str).unique()})
    found = db.query(
        "SELECT w.value, e.name_en, e.name_zh FROM wanted w JOIN employees e ON e.employee_id = w.value UNION ALL "
        "SELECT w.value, any_value(e.name_en), any_value(e.name_zh) FROM wanted w JOIN employees e "
        "ON e.name_en = w.value GROUP BY w.value HAVING count(*) = 1", frames={"wanted": wanted})
    names = found.drop_duplicates("value").set_index("value")
    value = frame[column].astype(object)
    out = frame.copy()
    for lang in ("en", "zh"):
        out[f"{column}_{lang}"] = value.map(names[f"name_{lang}"]).where(value.isin(names.index), value)
    return out


# ---------------------------------------------------------------------------
# The headline: the latest review period
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class KpiHeadline:
    """The latest review period (a month's cards count in its quarter) and how it went."""

    period: str | None
    """The review period; None before any card."""
    people: int
    """Employees with scored cards in it."""
    shares: dict[str, float]
    """Rating -> share of those people rated so (the mean of their cards in the period; one card keeps its
    rating), every rating of the bands listed (0 where nobody has it)."""
    not_scored: int
    """Cards of any owner within the period not yet scored."""
    too_few: tuple[str, ...] = ()
    """Ratings whose share is not to be shown: one to four people hold them, and who they are would show
    (:func:`hrcore.privacy.small_groups`)."""


def headline(db: Store) -> KpiHeadline:
    """The latest review period's ratings and open cards (:func:`hrcore.cycles.performance_in`,
    :func:`hrcore.cycles.open_cards_in`).

    >>> store = Store()
    >>> _ = store.upsert("scorecards", pd.DataFrame({"scorecard_id": list("1234"), "owner_type": "employee",
    ...     "owner_id": ["a", "a", "b", "c"], "period": ["2026-08", "2026-09", "2026-09", "2026-09"],
    ...     "total_score": [100.0, 120.0, 70.0, None], "rating": [None, None, "D", None],
    ...     "status": ["scored", "scored", "scored", "draft"]}))
    >>> h = headline(store)
    >>> h.period, h.people, h.shares, h.not_scored, h.too_few
    ('2026Q3', 2, {'A': 0.5, 'B': 0.0, 'C': 0.0, 'D': 0.5}, 1, ('A', 'D'))
    """
    period = cycles.latest_review_period(db)
    labels = _rating_labels(kpi.load_settings(db)["ratings"])
    if period is None:
        return KpiHeadline(None, 0, {label: 0.0 for label in labels}, 0)
    people = cycles.performance_in(db, period)
    counts = people["rating"].value_counts()
    total = max(len(people), 1)
    rated = [int(counts.get(label, 0)) for label in labels]
    return KpiHeadline(period, len(people), {label: n / total for label, n in zip(labels, rated)},
                       cycles.open_cards_in(db, period),
                       tuple(label for label, hidden in zip(labels, small_groups(rated)) if hidden))


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class KpiPage:
    periods: list[str]
    """Card periods, latest first (by the period's end: months and quarters of several cycles mixed)."""
    library: pd.DataFrame
    """The indicator library, by id."""
    departments: pd.DataFrame
    """``department_id, name_en, name_zh``."""
    settings: dict
    """Cycles by role, job roles, rating bands, merit matrix (:func:`hrcore.kpi.load_settings`)."""


def page(db: Store) -> KpiPage:
    """What every tab of the page needs."""
    return KpiPage(cycles.sort_periods(db.query("SELECT DISTINCT period FROM scorecards")["period"]),
                   db.query("SELECT * FROM kpi_indicators ORDER BY indicator_id"),
                   db.query("SELECT department_id, name_en, name_zh FROM departments ORDER BY department_id"),
                   kpi.load_settings(db))


# ---------------------------------------------------------------------------
# 1. A scorecard
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CardChoices:
    """The picker of the scorecard tab: whose cards a period has and, for one owner type (and department), which."""

    kinds: list[str]
    """Owner types with cards in the period."""
    departments: pd.DataFrame
    """For employees: the departments with cards, ``department_id, name_en, name_zh`` (an owner not on file is
    filed under their id, names empty)."""
    cards: pd.DataFrame
    """``scorecard_id, owner_id, owner_en, owner_zh, status``, by id: the chosen department's (employees) or the
    owner type's; empty for employees before a department is chosen."""


def card_choices(db: Store, period: str, kind: str, department: str | None = None) -> CardChoices:
    """The cards of a period a user can open, by owner type and (for employees) department.

    >>> store = Store()
    >>> _ = store.upsert("scorecards", pd.DataFrame({"scorecard_id": ["1", "2"], "owner_type": "employee",
    ...     "owner_id": ["E1", "E9"], "period": "2026-09", "status": "draft"}))
    >>> choices = card_choices(store, "2026-09", "employee", "E9")  # E9 is not on file: filed under their id
    >>> choices.kinds, choices.departments["department_id"].tolist(), choices.cards["scorecard_id"].tolist()
    (['employee'], ['E1', 'E9'], ['2'])
    """
    owners = db.query("SELECT c.owner_type, coalesce(e.department_id, c.owner_id) AS department_id, count(*) AS n "
                      "FROM scorecards c LEFT JOIN employees e ON c.owner_type = 'employee' "
                      "AND e.employee_id = c.owner_id WHERE c.period = ? GROUP BY ALL", [period])
    kinds = [k for k in OWNER_TYPES if (owners["owner_type"] == k).any()]
    departments = pd.DataFrame({"department_id": sorted(
        owners.loc[owners["owner_type"] == "employee", "department_id"].dropna().astype(str).unique())})
    departments = departments.merge(db.query("SELECT department_id, name_en, name_zh FROM departments"),
                                    on="department_id", how="left")
    columns = ["scorecard_id", "owner_id", "owner_en", "owner_zh", "status"]
    if kind == "employee" and department is None:
        return CardChoices(kinds, departments, pd.DataFrame(columns=columns))
    if kind == "employee":
        # The department's people joined first (a million cards a period at scale: 0.45 s -> 0.13 s), then any
        # card of someone not on file, filed under their owner id.
        cards = db.query(
            "SELECT c.scorecard_id, c.owner_id, e.name_en AS owner_en, e.name_zh AS owner_zh, c.status "
            "FROM scorecards c JOIN employees e ON e.employee_id = c.owner_id AND e.department_id = ? "
            "WHERE c.period = ? AND c.owner_type = 'employee' UNION ALL "
            "SELECT c.scorecard_id, c.owner_id, NULL, NULL, c.status FROM scorecards c "
            "LEFT JOIN employees e ON e.employee_id = c.owner_id WHERE c.period = ? AND c.owner_type = 'employee' "
            "AND c.owner_id = ? AND e.employee_id IS NULL ORDER BY scorecard_id",
            [department, period, period, department])
    else:
        cards = db.query(f"SELECT {', '.join(columns)} FROM ({OWNER_CARDS}) WHERE period = ? AND owner_type = ? "
                         "ORDER BY scorecard_id", [period, kind])
    return CardChoices(kinds, departments, cards[columns])


@dataclass(frozen=True)
class CardView:
    """One card as the scorecard tab shows it, with what is recorded on it."""

    head: pd.Series
    """The card's row (``revision``: what a save checks it was read at)."""
    lines: pd.DataFrame
    """Its lines, heaviest first (:data:`hrcore.kpi.LINE_COLUMNS`)."""
    owner_en: str | None
    owner_zh: str | None
    department_id: str
    """The owner's department (an employee), else the owner id: where the picker files the card."""
    appraiser_en: str | None
    appraiser_zh: str | None
    updated_by_en: str | None
    """Who saved it last (a person's name where an employee id is recorded)."""
    updated_by_zh: str | None
    role: str
    """The owner's appraisal role (:mod:`hrcore.cycles`) and its cycle; ``on_cycle``: the period fits it."""
    cycle: str
    on_cycle: bool
    higher_is_better: pd.Series = field(repr=False)
    """Per indicator (unknown: higher)."""
    bounded: pd.Series = field(repr=False)
    """Per indicator, whether it is a share that stops at 100 %."""
    bands: list
    """The saved rating bands, ``[(label, lower bound), ...]``."""
    notes: pd.DataFrame
    """Coaching notes, newest first, with ``author_en/zh``."""
    appeals: pd.DataFrame
    """Appeals, newest first, with ``filed_by_en/zh`` and ``decided_by_en/zh``."""
    pending_appeal: str | None
    """The appeal waiting for a decision, if any."""

    @property
    def mode(self) -> str:
        """How rates are scored: by achievement ratio unless the card says by percentage points."""
        return str(self.head["scoring_mode"] or "ratio")

    @property
    def locked(self) -> bool:
        """A scored card's lines are its result: only the notes of the talk change (an upheld appeal reopens it)."""
        return self.head["status"] == "scored"


def card_view(db: Store, scorecard_id: str) -> CardView:
    """A card, its owner, appraiser and cycle, its coaching notes and appeals (:mod:`hrcore.kpi_appeals`)."""
    head, lines = kpi.card(db, scorecard_id)
    owner = db.query(OWNER_CARDS + "WHERE c.scorecard_id = ?", [scorecard_id]).iloc[0]
    # The appraiser and who saved last: a person's names (an employee id or an account's label), else as recorded.
    who = _with_names(pd.DataFrame({"who": [head["appraiser_id"], head["updated_by"]]}, dtype=object), db, "who")
    who = who.astype(object).where(who.notna(), None)
    settings = kpi.load_settings(db)
    role, cycle = cycles.owner_cycle(db, head["owner_type"], head["owner_id"], settings)
    appeals = kpi_appeals.appeals(db, scorecard_id)
    appeals = _with_names(_with_names(appeals, db, "filed_by"), db, "decided_by")
    pending = appeals.loc[appeals["status"] == "pending", "appeal_id"]
    return CardView(head, lines, owner["owner_en"], owner["owner_zh"], str(owner["department_id"]),
                    who.at[0, "who_en"], who.at[0, "who_zh"], who.at[1, "who_en"], who.at[1, "who_zh"], role, cycle,
                    bool(cycles.fits([head["period"]], [cycle])[0]), kpi.directions(db), kpi.bounded_shares(db),
                    [tuple(b) for b in settings["ratings"]],
                    _with_names(kpi_appeals.notes(db, scorecard_id), db, "author"), appeals,
                    pending.iloc[0] if len(pending) else None)


def appeals_waiting(db: Store) -> pd.DataFrame:
    """Appeals waiting for HR's decision, every period, newest first, with the owner's and filer's names."""
    return _with_names(kpi_appeals.appeals(db, status="pending"), db, "filed_by")


@dataclass(frozen=True)
class NewCardOwners:
    """Whom a new card can be opened for, and who may appraise."""

    departments: pd.DataFrame
    """``department_id, name_en, name_zh``, by name: where an employee owner is picked from."""
    owners: pd.DataFrame
    """``owner_id, name_en, name_zh`` of the owner type (employees: the active people of the department given),
    by name."""
    appraisers: pd.DataFrame
    """``employee_id, name_en, name_zh``, by name: the active people who lead someone (a manager on file or a
    department's head)."""


def new_card_owners(db: Store, kind: str, department: str | None = None) -> NewCardOwners:
    """The owners of one type a new card may be opened for and the people who may appraise it.

    >>> store = Store()
    >>> _ = store.upsert("employees", pd.DataFrame({"employee_id": ["E1", "E2"], "name_en": ["Bo", "Al"],
    ...     "department_id": "D1", "manager_id": [None, "E1"], "status": "active"}))
    >>> found = new_card_owners(store, "employee", "D1")
    >>> found.owners["owner_id"].tolist(), found.appraisers["employee_id"].tolist()
    (['E2', 'E1'], ['E1'])
    """
    if kind == "employee":
        owners = db.query("SELECT employee_id AS owner_id, name_en, name_zh FROM employees WHERE status = 'active' "
                          "AND department_id = ? ORDER BY name_en, owner_id", [department])
    else:
        owners = db.query({"position": "SELECT job_id AS owner_id, title_en AS name_en, title_zh AS name_zh FROM jobs",
                           "department": "SELECT department_id AS owner_id, name_en, name_zh FROM departments"}[kind]
                          + " ORDER BY name_en, owner_id")
    appraisers = db.query(
        "SELECT employee_id, name_en, name_zh FROM employees WHERE status = 'active' AND (employee_id IN "
        "(SELECT manager_id FROM employees) OR employee_id IN (SELECT head_id FROM departments)) "
        "ORDER BY name_en, employee_id")
    departments = db.query("SELECT department_id, name_en, name_zh FROM departments ORDER BY name_en, department_id")
    return NewCardOwners(departments, owners, appraisers)


def copy_sources(db: Store, kind: str, owner_id: str, limit: int = 2000) -> pd.DataFrame:
    """The cards a new card of ``owner_id`` may copy its lines from, ``scorecard_id, period, owner_type,
    owner_id, owner_en, owner_zh``, every one with lines: the owner's own first, then those of owners like it
    (an employee: the department's people and the job's holders; a position: its holders; a department: the
    other departments), newest period first, at most ``limit`` (a picker searched by name and period).

    >>> store = Store()
    >>> _ = store.upsert("employees", pd.DataFrame({"employee_id": ["E1", "E2", "E3", "E4"],
    ...     "name_en": ["Al", "Bo", "Cy", "Di"], "department_id": ["D1", "D1", "D2", "D2"],
    ...     "job_id": ["J1", "J2", "J2", "J3"]}))
    >>> _ = store.upsert("scorecards", pd.DataFrame({"scorecard_id": list("12345"), "owner_type": "employee",
    ...     "owner_id": ["E1", "E2", "E3", "E2", "E4"], "period": ["2026-09", "2026-08", "2026-09", "2026-07",
    ...     "2026-09"], "status": "scored"}))
    >>> _ = store.upsert("scorecard_lines", pd.DataFrame({"scorecard_id": list("1235"), "indicator_id": "K1",
    ...     "weight": 1.0, "target": 1.0}))
    >>> copy_sources(store, "employee", "E2")["scorecard_id"].tolist()  # 4 has no lines; E4: another dept and job
    ['2', '1', '3']
    >>> copy_sources(store, "position", "J2")["scorecard_id"].tolist()  # the job's holders
    ['3', '2']
    """
    related = {"employee": "c.owner_type = 'employee' AND (e.department_id = o.department_id OR e.job_id = o.job_id)",
               "position": "c.owner_type = 'position' OR e.job_id = $owner",
               "department": "c.owner_type = 'department'"}[kind]
    found = db.query(
        "SELECT c.scorecard_id, c.period, c.owner_type, c.owner_id, coalesce(e.name_en, d.name_en, p.title_en) AS "
        "owner_en, coalesce(e.name_zh, d.name_zh, p.title_zh) AS owner_zh, c.owner_type = $kind AND c.owner_id = "
        f"$owner AS mine {OWNER_CARDS[OWNER_CARDS.index('FROM scorecards'):]}"
        "LEFT JOIN (SELECT department_id, job_id FROM employees WHERE employee_id = $owner) o ON true "
        f"WHERE (c.owner_type = $kind AND c.owner_id = $owner OR {related}) "
        "AND EXISTS (SELECT 1 FROM scorecard_lines l WHERE l.scorecard_id = c.scorecard_id) "
        "ORDER BY mine DESC, c.period DESC, owner_en, c.scorecard_id LIMIT $limit",
        {"kind": kind, "owner": owner_id, "limit": limit})
    return found.drop(columns="mine")


@dataclass(frozen=True)
class NewCardPlan:
    """The owner's appraisal role and cycle, the periods of that cycle a new card may take (the current one
    second, after the next) and the appraiser to start from (an employee's manager, a department's head)."""

    role: str
    cycle: str
    periods: list[str]
    appraiser_id: str | None


def new_card_plan(db: Store, kind: str, owner_id: str) -> NewCardPlan:
    """The periods a new card of ``owner_id`` may take, on the owner's cycle (:func:`hrcore.cycles.owner_cycle`),
    and who appraises by default."""
    role, cycle = cycles.owner_cycle(db, kind, owner_id)
    lead = {"employee": "SELECT manager_id AS lead FROM employees WHERE employee_id = ?",
            "department": "SELECT head_id AS lead FROM departments WHERE department_id = ?"}.get(kind)
    found = db.query(lead, [owner_id])["lead"].dropna() if lead else pd.Series(dtype=object)
    return NewCardPlan(role, cycle, cycles.cycle_periods(cycle, company.as_of_date(db)),
                       str(found.iloc[0]) if len(found) else None)


# ---------------------------------------------------------------------------
# 2. Data check
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class DataCheck:
    """A period's cards before scoring: what blocks them, what is off its cycle, peers out of line."""

    cards: int
    not_scored: int
    blocked: int
    """Draft cards a blocking problem stops (:func:`hrcore.kpi.period_problems`)."""
    ready: int
    problems: pd.DataFrame
    """``scorecard_id, owner_id, owner_en, owner_zh, indicator_id, indicator_en, indicator_zh, code, value``."""
    off_cycle: pd.DataFrame
    """Cards whose period does not fit their owner's cycle (:func:`hrcore.cycles.off_cycle`), with owner names."""
    inconsistent: pd.DataFrame
    """Groups of peers using different indicators (:func:`hrcore.kpi.inconsistent_jobs`)."""
    job_titles: pd.DataFrame
    """``job_id, title_en, title_zh``: the jobs the groups name."""
    open_lines: pd.DataFrame
    """The drafts' lines ``scorecard_id, indicator_id, target, actual``: the actuals template."""


def data_check(db: Store, period: str) -> DataCheck:
    """The data check of a period's draft cards."""
    drafts = db.query(OWNER_CARDS + "WHERE c.period = ? AND c.status = 'draft' ORDER BY c.scorecard_id", [period])
    lines = db.query(f"SELECT scorecard_id, {', '.join(kpi.LINE_COLUMNS)} FROM scorecard_lines WHERE scorecard_id IN "
                     "(SELECT scorecard_id FROM scorecards WHERE period = ? AND status = 'draft')", [period])
    cards = int(db.query("SELECT count(*) AS n FROM scorecards WHERE period = ?", [period])["n"].iloc[0])
    problems = kpi.period_problems(lines, drafts, kpi.bounded_shares(db))
    blocked = problems["scorecard_id"].nunique()
    owners = drafts.set_index("scorecard_id")
    indicators = db.query("SELECT indicator_id, name_en, name_zh FROM kpi_indicators").set_index("indicator_id")
    problems = problems.assign(
        owner_id=problems["scorecard_id"].map(owners["owner_id"]),
        owner_en=problems["scorecard_id"].map(owners["owner_en"]),
        owner_zh=problems["scorecard_id"].map(owners["owner_zh"]),
        indicator_en=problems["indicator_id"].map(indicators["name_en"]),
        indicator_zh=problems["indicator_id"].map(indicators["name_zh"]))
    off = cycles.off_cycle(db, period)
    if len(off):
        names = db.query(OWNER_CARDS + "WHERE c.period = ?", [period]).set_index("scorecard_id")
        off = off.join(names[["owner_en", "owner_zh"]], on="scorecard_id")
    return DataCheck(cards, len(drafts), int(blocked), len(drafts) - int(blocked), problems.reset_index(drop=True),
                     off, kpi.inconsistent_jobs(db, period), db.query("SELECT job_id, title_en, title_zh FROM jobs"),
                     lines[["scorecard_id", "indicator_id", "target", "actual"]])


# ---------------------------------------------------------------------------
# 3. Results
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class KpiResults:
    """A period's results, the trend of every period and the latest review."""

    headline: KpiHeadline
    ratings: list[str]
    """The saved ratings, best first."""
    totals: np.ndarray = field(repr=False)
    """The period's scored cards' totals."""
    trend: pd.DataFrame
    """``period, cards, scored, average``, oldest first."""
    by_department: pd.DataFrame
    """Per department (``department_id, name_en, name_zh``), the share of its people's scored cards with each
    stored rating (a column per rating), the lowest share of the best rating first."""
    cascade: pd.DataFrame
    """The indicators in use and those they serve: ``indicator_id, parent`` (None: a company goal),
    ``name_en, name_zh, cards`` (cards of the period using it)."""

    def counts(self, bands) -> pd.Series:
        """Scored cards of the period per rating under ``bands`` ``((label, lower bound), ...)``, as they stand on
        screen (the totals rated afresh), best first."""
        return kpi.rating_counts(self.totals, [(str(label), float(bound)) for label, bound in bands])


def results(db: Store, period: str) -> KpiResults:
    """The results tab (the ratings of the departments: those stored on the cards).

    >>> store = Store()
    >>> _ = store.upsert("scorecards", pd.DataFrame({"scorecard_id": list("123"), "owner_type": "employee",
    ...     "owner_id": ["a", "b", "c"], "period": "2026-09", "total_score": [112.0, 96.0, 50.0],
    ...     "rating": ["A", "B", "D"], "status": "scored"}))
    >>> found = results(store, "2026-09")
    >>> found.counts((("A", 110.0), ("B", 95.0), ("C", 80.0))).tolist()
    [1, 1, 0, 1]
    >>> found.counts((("A", 90.0), ("B", 60.0), ("C", 40.0))).tolist()
    [2, 0, 1, 0]
    """
    labels = _rating_labels(kpi.load_settings(db)["ratings"])
    totals = db.query("SELECT total_score FROM scorecards WHERE period = ? AND status = 'scored'", [period])
    trend = db.query("SELECT period, count(*) AS cards, count(*) FILTER (WHERE status = 'scored') AS scored, "
                     "avg(total_score) AS average FROM scorecards GROUP BY period")
    if len(trend):
        trend = trend.set_index("period").loc[cycles.sort_periods(trend["period"])[::-1]].reset_index()
    rated = db.query("SELECT coalesce(e.department_id, '') AS department_id, c.rating, count(*) AS n "
                     "FROM scorecards c JOIN employees e ON e.employee_id = c.owner_id WHERE c.owner_type = 'employee' "
                     "AND c.status = 'scored' AND c.period = ? GROUP BY ALL", [period])
    table = rated.pivot_table(index="department_id", columns="rating", values="n", aggfunc="sum",
                              fill_value=0).reindex(columns=labels, fill_value=0)
    share = table.div(table.sum(axis=1).replace(0, np.nan), axis=0).fillna(0.0)
    share = share.loc[share[labels[0]].sort_values(kind="stable").index].reset_index()
    share.columns.name = None
    departments = db.query("SELECT department_id, name_en, name_zh FROM departments")
    by_department = share.merge(departments, on="department_id", how="left")
    return KpiResults(headline(db), labels, totals["total_score"].to_numpy(dtype=float), trend, by_department,
                      _cascade(db, period))


def _cascade(db: Store, period: str) -> pd.DataFrame:
    """Indicators used this period or served by another, each under the indicator it supports."""
    library = db.query("SELECT indicator_id, name_en, name_zh, supports FROM kpi_indicators ORDER BY indicator_id")
    use = db.query("SELECT indicator_id, count(*) AS cards FROM scorecard_lines JOIN scorecards USING (scorecard_id) "
                   "WHERE period = ? GROUP BY ALL", [period]).set_index("indicator_id")["cards"]
    library["cards"] = library["indicator_id"].map(use).fillna(0).astype(int)
    known = set(library["indicator_id"])
    library["parent"] = [s if isinstance(s, str) and s in known else None for s in library["supports"]]
    used = (library["cards"] > 0) | library["indicator_id"].isin(library["supports"])
    return library[used][["indicator_id", "parent", "name_en", "name_zh", "cards"]].reset_index(drop=True)


# ---------------------------------------------------------------------------
# 4. Merit matrix
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MeritReport:
    """What the merit matrix costs for a period's scored employees in the pay structure in force."""

    priced: bool
    """False before a pay structure is approved: nobody can be placed, nothing is priced."""
    people: int
    cost: float
    """Raises a year (12 x the monthly raise), in the company's currency."""
    payroll_share: float
    """The cost over a year of their base pay."""
    average: float
    """Mean raise, a fraction."""
    by_department: pd.DataFrame
    """``department_id, name_en, name_zh, people, average, cost``, the dearest first."""


@dataclass(frozen=True)
class MeritPeople:
    """A period's scored employees placed in the pay structure in force: what the merit matrix prices."""

    priced: bool
    """False before a pay structure is approved."""
    people: pd.DataFrame
    """``employee_id, department_id, base_pay, compa_ratio, rating``."""
    departments: pd.DataFrame
    """``department_id, name_en, name_zh``."""


def merit_people(db: Store, period: str, prepared: pay_reports.PayInForce | None = None) -> MeritPeople:
    """The people :func:`price_merit` prices: a period's scored employees with their place in the structure in
    force, as the pay report places everyone (:func:`hrcore.reports.pay.in_force`; ``prepared`` is it, when the
    caller keeps it), found once per period and data version, not at each change of the matrix on screen."""
    people = (prepared or pay_reports.in_force(db)).people
    departments = db.query("SELECT department_id, name_en, name_zh FROM departments")
    if people.empty:
        return MeritPeople(False, people.assign(rating=pd.Series(dtype=object)), departments)
    rated = db.query("SELECT p.*, c.rating FROM people p JOIN scorecards c ON c.owner_id = p.employee_id "
                     "WHERE c.owner_type = 'employee' AND c.period = ? AND c.status = 'scored'",
                     [period], frames={"people": people})  # unordered: only sums are shown (0.3 s at 1,000,000)
    return MeritPeople(True, rated, departments)


def price_merit(found: MeritPeople, matrix: tuple) -> MeritReport:
    """What ``matrix`` ``((rating, below, within, above), ...)`` costs, raises as fractions by compa-ratio band
    (:func:`hrcore.kpi.merit_raises`), for the people found."""
    empty = pd.DataFrame(columns=["department_id", "name_en", "name_zh", "people", "average", "cost"])
    if not found.priced:
        return MeritReport(False, 0, 0.0, 0.0, float("nan"), empty)
    table = pd.DataFrame([row[1:] for row in matrix], index=[row[0] for row in matrix],
                         columns=["below", "within", "above"], dtype=float)
    raises = kpi.merit_raises(found.people, table)
    base = 12 * raises["base_pay"].sum()
    cost = float(raises["raise_annual"].sum())
    by_department = raises.groupby("department_id").agg(people=("employee_id", "size"), average=("raise_pct", "mean"),
                                                         cost=("raise_annual", "sum")).reset_index()
    by_department = by_department.merge(found.departments, on="department_id", how="left").sort_values(
        "cost", ascending=False)
    return MeritReport(True, len(raises), cost, cost / base if base else 0.0,
                       float(raises["raise_pct"].mean()) if len(raises) else float("nan"),
                       by_department[empty.columns].reset_index(drop=True))


def merit(db: Store, period: str, matrix: tuple) -> MeritReport:
    """The merit tab: :func:`price_merit` of :func:`merit_people` (the page keeps the two apart, so that editing
    the matrix only prices it again)."""
    return price_merit(merit_people(db, period), matrix)


# ---------------------------------------------------------------------------
# 5. Indicator library and 6. cycles
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class LibraryReport:
    indicators: pd.DataFrame
    """The library in :data:`hrcore.kpi.LIBRARY_COLUMNS`."""
    missing_examples: pd.DataFrame
    """The product's example indicators the library does not hold yet."""


def library(db: Store) -> LibraryReport:
    """The indicator library tab."""
    indicators = db.query("SELECT * FROM kpi_indicators ORDER BY indicator_id")[kpi.LIBRARY_COLUMNS]
    examples = kpi.seed_library()
    return LibraryReport(indicators,
                         examples[~examples["indicator_id"].isin(indicators["indicator_id"])].reset_index(drop=True))


@dataclass(frozen=True)
class CycleRoles:
    """Each job's appraisal role: by the rule, and as the company has it."""

    jobs: pd.DataFrame
    """``job_id, title_en, title_zh, role, by_rule``."""


def cycle_roles(db: Store) -> CycleRoles:
    """The cycles tab's jobs (:func:`hrcore.cycles.store_roles`)."""
    settings = kpi.load_settings(db)
    jobs = db.query("SELECT job_id, title_en, title_zh FROM jobs ORDER BY job_id")
    jobs["role"] = jobs["job_id"].map(cycles.store_roles(db, settings))
    jobs["by_rule"] = jobs["job_id"].map(cycles.store_roles(db, {**settings, "roles": {}}))
    return CycleRoles(jobs)


def role_overrides(jobs: pd.DataFrame) -> dict[str, str]:
    """The settings' ``roles``: the jobs (``job_id, role, by_rule``) whose role is not the rule's.

    >>> role_overrides(pd.DataFrame({"job_id": ["a", "b"], "role": ["staff", "manager"], "by_rule": "staff"}))
    {'b': 'manager'}
    """
    return {job: role for job, role, rule in zip(jobs["job_id"], jobs["role"], jobs["by_rule"]) if role != rule}
