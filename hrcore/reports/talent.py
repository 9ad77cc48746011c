"""The nine-box talent review page: its choices, the review shown, the grid of a filtered view, the moves, the
follow-up, and the headline the overview shows.

:func:`choices` and :func:`setup` say what the page may offer (periods, ability sources, what a recorded review
fixes); :func:`inputs` reads what a review places people by (the big, shared frame) and its
:meth:`Inputs.placed` places them; :func:`view` narrows the placement to the page's filters
and answers the grid's questions (counts, guideline, a box's people, key talent paid below midpoint,
movement); :func:`moves` and :func:`follow_up` read the calibration log and the actions; :func:`headline` is
the latest review's calibrated counts, for the overview and the page alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from hrcore import cycles, ninebox
from hrcore.privacy import without_small_groups
from hrcore.store import Store

PERIODS_OF_SOURCE = {"imported": "imported", "360": "360", "competency": "360"}
"""Which periods an ability source is read for: the competency total comes from the 360 review's periods."""


@dataclass(frozen=True)
class Choices:
    """What the page can offer before a review period is chosen."""

    kpi_periods: tuple[str, ...]
    """KPI review periods the scored cards fill, latest first (a month's card counts in its quarter)."""
    ability_periods: dict = field(default_factory=dict)
    """Ability periods of each source in :data:`hrcore.ninebox.ABILITY_SOURCES`, latest first."""
    reviews: tuple[str, ...] = ()
    """Periods with a review on record, latest first."""
    departments: pd.DataFrame | None = None
    """``department_id, name_en, name_zh`` of every department."""

    @property
    def default_period(self) -> str | None:
        """The review period offered first: the latest ability period of imported assessments, else the 360's."""
        found = self.ability_periods.get("imported") or self.ability_periods.get("360")
        return found[0] if found else None

    @property
    def missing_inputs(self) -> tuple[str, ...]:
        """Tables to bring before a review can place anyone: scored cards, and some ability figure."""
        missing = () if self.kpi_periods else ("scorecards",)
        if not self.default_period:
            missing += ("ability_assessments", "ratings_360")
        return missing


def choices(db: Store) -> Choices:
    """The KPI periods, ability periods by source, recorded reviews and departments.

    >>> from hrcore.store import Store
    >>> choices(Store()).missing_inputs
    ('scorecards', 'ability_assessments', 'ratings_360')
    """
    own = {"imported": tuple(ninebox.ability_periods(db, "imported")), "360": tuple(ninebox.ability_periods(db, "360"))}
    return Choices(
        kpi_periods=tuple(cycles.review_periods(
            db.query("SELECT DISTINCT period FROM scorecards WHERE status = 'scored'")["period"])),
        ability_periods={source: own[PERIODS_OF_SOURCE[source]] for source in ninebox.ABILITY_SOURCES},
        reviews=tuple(db.query("SELECT DISTINCT period FROM talent_reviews ORDER BY 1 DESC")["period"]),
        departments=db.query("SELECT department_id, name_en, name_zh FROM departments ORDER BY department_id"))


@dataclass(frozen=True)
class Setup:
    """What the review of a period fixes, and what the user may still choose for it."""

    period: str
    recorded: int
    """People on record in the review (0: not started)."""
    sources: tuple[str, ...]
    """Ability sources to offer (one, fixed, once the review is recorded)."""
    ability_periods: dict
    """Ability periods to offer by source (one, fixed, once recorded with its period)."""
    kpi_periods: tuple[str, ...]
    """KPI periods to offer (one, fixed, once recorded with it)."""
    source_fixed: bool
    kpi_fixed: bool
    earlier: str | None
    """The latest review on record before this one: movement is measured from it."""


def setup(db: Store, period: str) -> Setup:
    """The review of ``period``: recorded or not, and the ability source, ability period and KPI period it offers.

    A recorded review keeps the source, ability period and KPI period it placed people by.  A review recorded
    before the source was kept read imported assessments of a period not kept: the user picks the period.
    Sources without a period are not offered.
    """
    base = choices(db)
    recorded = int(db.query("SELECT count(*) AS n FROM talent_reviews WHERE period = ?", [period])["n"].iloc[0])
    kept = ninebox.review_source(db, period) if recorded else None
    kept_kpi = ninebox.review_kpi_period(db, period) if recorded else None
    if kept is not None and kept[1] is not None:
        sources, periods, source_fixed = (kept[0],), {kept[0]: (kept[1],)}, True
    elif kept is not None:
        sources, periods, source_fixed = ("imported",), {"imported": base.ability_periods["imported"]}, False
    else:
        sources = tuple(s for s in ninebox.ABILITY_SOURCES if base.ability_periods[s])
        periods, source_fixed = base.ability_periods, False
    earlier = next((p for p in base.reviews if p < period), None)
    return Setup(period=period, recorded=recorded, sources=sources, ability_periods=periods,
                 kpi_periods=(kept_kpi,) if kept_kpi is not None else base.kpi_periods, source_fixed=source_fixed,
                 kpi_fixed=kept_kpi is not None, earlier=earlier)


@dataclass(frozen=True)
class Review:
    """Everyone a review shows: placed now by the settings, or as recorded (calibrated boxes)."""

    period: str
    kpi_period: str
    source: str
    ability_period: str
    recorded: int
    earlier: str | None
    people: pd.DataFrame
    """Per person: ``employee_id, name_en, name_zh, department_id, manager_id, grade, tenure, key_talent,
    performance, ability, signals, cr`` (compa-ratio in the structure in force), ``before`` (calibrated box in
    the earlier review), ``box`` (placed), ``final`` (calibrated, else placed), ``review_id`` once recorded,
    ``manager_name_en, manager_name_zh``."""
    missing: dict
    """Active people without an ability value, by reason (:data:`hrcore.ninebox.MISSING_REASONS`)."""
    bands: tuple | None
    """Per axis (performance, ability): :func:`hrcore.ninebox.bands` of the thresholds; None by distribution or
    once recorded."""
    managers: pd.DataFrame
    """``manager_id, name_en, name_zh`` of everyone some person with both values reports to."""


@dataclass(frozen=True)
class Inputs:
    """What a review places people by, read once per review and inputs; :meth:`placed` places them (cheap: the
    page places on every change of a threshold without reading anything again)."""

    period: str
    kpi_period: str
    source: str
    ability_period: str
    recorded: pd.DataFrame
    """The review's placements on record (:func:`hrcore.ninebox.review`; empty before it is started)."""
    earlier: str | None
    people: pd.DataFrame
    """Active people (:func:`hrcore.ninebox.review_people`) with ``before`` (their calibrated box in the earlier
    review) and their manager's names.  Shared: never write into it."""
    missing: dict
    managers: pd.DataFrame

    def placed(self, compa_ratios: pd.Series, method: str = "thresholds", performance_cuts: tuple = (80.0, 110.0),
               ability_cuts: tuple = (5.0, 8.0), shares: tuple = (0.2, 0.2)) -> Review:
        """Everyone placed by ``method`` (thresholds: ``(medium_from, high_from)`` per axis, a value at a threshold
        going up; distribution: ``shares = (low, high)``), with their compa-ratio from ``compa_ratios`` (by
        employee id, in the structure in force).  Once recorded, the recorded (calibrated) boxes: the placement
        settings then change nothing."""
        people = self.people.assign(cr=self.people["employee_id"].map(compa_ratios).astype(float))
        shown = ninebox.review_grid(people, self.recorded, method=method, performance_cuts=tuple(performance_cuts),
                                    ability_cuts=tuple(ability_cuts), shares=tuple(shares))
        by_thresholds = method == "thresholds" and not len(self.recorded)
        return Review(period=self.period, kpi_period=self.kpi_period, source=self.source,
                      ability_period=self.ability_period, recorded=len(self.recorded), earlier=self.earlier,
                      people=shown, missing=self.missing, managers=self.managers,
                      bands=(ninebox.bands(*performance_cuts), ninebox.bands(*ability_cuts)) if by_thresholds else None)


def inputs(db: Store, period: str, kpi_period: str, source: str, ability_period: str) -> Inputs:
    """The review of ``period`` and what it places people by: performance over ``kpi_period``, ability from
    ``source`` in ``ability_period``, and each person's box in the latest review before it."""
    everyone = ninebox.review_people(db, kpi_period, ability_period, source)
    earlier = setup(db, period).earlier
    names = everyone.set_index("employee_id")[["name_en", "name_zh"]]
    people = ninebox.with_previous(everyone, ninebox.review(db, earlier) if earlier else None).assign(
        manager_name_en=everyone["manager_id"].map(names["name_en"]),
        manager_name_zh=everyone["manager_id"].map(names["name_zh"]))
    placeable = people.dropna(subset=["performance", "ability", "manager_id"])
    managers = placeable[["manager_id", "manager_name_en", "manager_name_zh"]].drop_duplicates("manager_id").rename(
        columns={"manager_name_en": "name_en", "manager_name_zh": "name_zh"})
    return Inputs(period=period, kpi_period=kpi_period, source=source, ability_period=ability_period,
                  recorded=ninebox.review(db, period), earlier=earlier, people=people,
                  missing=ninebox.missing_ability(everyone),
                  managers=managers.sort_values(["name_en", "manager_id"]).reset_index(drop=True))


@dataclass(frozen=True)
class View:
    """The people of a review the page's filters keep, and what the grid says about them."""

    people: pd.DataFrame
    counts: pd.DataFrame
    """:func:`hrcore.ninebox.grid` of their calibrated boxes."""

    def guideline(self, max_share: float) -> dict | None:
        """:func:`hrcore.ninebox.guideline` of the top boxes against ``max_share``; None without people."""
        return ninebox.guideline(self.people["final"], max_share) if len(self.people) else None

    def in_box(self, box: int, limit: int | None = None) -> tuple[pd.DataFrame, int]:
        """The people of ``box``, best performance first (the first ``limit``), and how many it holds."""
        inside = np.flatnonzero(self.people["final"].to_numpy() == box)
        order = np.argsort(-self.people["performance"].to_numpy(float, na_value=np.nan)[inside], kind="stable")
        return self.people.iloc[inside[order][:limit]], len(inside)

    def key_talent_below_midpoint(self) -> tuple[pd.DataFrame, int]:
        """Key talent (box 9) paid below their grade's midpoint (compa-ratio under 1), lowest first, and how many
        key talent there are: the first to look at for retention."""
        key = self.people["final"].to_numpy() == 9
        below = key & (self.people["cr"].to_numpy(float, na_value=np.nan) < 1)
        return self.people.iloc[np.flatnonzero(below)].sort_values("cr"), int(key.sum())

    def movement(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The transition matrix from the earlier review's boxes (rows) to these (columns), and the people in
        another box than then (``employee_id, name_en, name_zh, before, final``)."""
        people = self.people
        moved = people.loc[people["before"].notna() & (people["before"] != people["final"]),
                           ["employee_id", "name_en", "name_zh", "before", "final"]]
        return ninebox.movement(people["before"], people["final"]), moved.astype({"before": int})


def view(review: Review, departments: tuple = (), manager: str | None = None, grades: tuple | None = None,
         tenure: tuple | None = None) -> View:
    """The people of ``review`` in ``departments`` (all when empty), reporting directly to ``manager``, of a grade
    within ``grades`` (or without a grade) and with years of service within ``tenure`` (both ends inclusive).

    >>> people = pd.DataFrame({"employee_id": ["a", "b"], "department_id": ["D1", "D2"], "manager_id": ["m", "m"],
    ...                        "grade": [3, None], "tenure": [2.0, 9.0], "final": [9, 5]})
    >>> shown = view(Review("2026", "2026Q3", "360", "2026", 0, None, people, {}, None, pd.DataFrame()),
    ...              departments=("D2",), grades=(1, 2))
    >>> shown.people["employee_id"].tolist(), int(shown.counts.set_index("box").at[5, "count"])
    (['b'], 1)
    """
    people = review.people
    keep = np.ones(len(people), bool)
    if grades is not None:
        keep &= (people["grade"].between(*grades) | people["grade"].isna()).to_numpy()
    if tenure is not None:
        keep &= people["tenure"].between(*tenure).to_numpy()
    if departments:
        keep &= people["department_id"].isin(departments).to_numpy()
    if manager:
        keep &= (people["manager_id"] == manager).to_numpy()
    shown = people if keep.all() else people[keep]
    return View(people=shown, counts=ninebox.grid(shown["final"]))


@dataclass(frozen=True)
class Moves:
    """The calibration moves of a review, latest first, with the moved person's name."""

    log: pd.DataFrame
    """``move_id, review_id, employee_id, name_en, name_zh, from_box, to_box, reason, moved_by, moved_at,
    undone_by, undone_at``."""

    @property
    def undoable(self) -> tuple[int, ...]:
        """Moves not undone yet (only a person's latest may be undone: :func:`hrcore.ninebox.undo` says so)."""
        return tuple(int(m) for m in self.log.loc[self.log["undone_at"].isna(), "move_id"])


def moves(db: Store, period: str) -> Moves:
    """The moves of the review of ``period``, named."""
    log = ninebox.moves(db, period)
    names = db.query("SELECT employee_id, name_en, name_zh FROM employees WHERE employee_id IN "
                     "(SELECT m.employee_id FROM talent_moves m JOIN talent_reviews r USING (review_id) "
                     "WHERE r.period = ?)", [period]).set_index("employee_id")
    return Moves(log.assign(name_en=log["employee_id"].map(names["name_en"]),
                            name_zh=log["employee_id"].map(names["name_zh"])))


@dataclass(frozen=True)
class FollowUp:
    """Follow-up actions of a box's people: those on record, and a default plan for the rest."""

    plan: pd.DataFrame
    """``review_id, employee_id, name_en, name_zh, kind, owner_id, owner_name_en, owner_name_zh, due_date, note,
    done``: recorded actions first, then the box's default action (:data:`hrcore.ninebox.DEFAULT_ACTION`)
    owned by the person's manager for everyone without an action of that kind."""


def follow_up(db: Store, period: str, box: int, review_ids: tuple[str, ...]) -> FollowUp:
    """The actions of the placements ``review_ids`` (people of ``box`` in the review of ``period``)."""
    people = db.query(
        "SELECT r.review_id, r.employee_id, e.name_en, e.name_zh, e.manager_id FROM talent_reviews r "
        "LEFT JOIN employees e USING (employee_id) WHERE r.period = ? AND r.review_id IN (SELECT unnest(?))",
        [period, list(review_ids)]).set_index("review_id").reindex(list(review_ids)).dropna(subset=["employee_id"])
    existing = ninebox.actions(db, period)
    plan = pd.DataFrame({"review_id": people.index, "employee_id": people["employee_id"].to_numpy(),
                         "kind": ninebox.DEFAULT_ACTION[box], "owner_id": people["manager_id"].to_numpy(),
                         "due_date": pd.NaT, "note": "", "done": False})
    plan = pd.concat([existing[existing["review_id"].isin(plan["review_id"])], plan]).drop_duplicates(
        ["review_id", "kind"]).reset_index(drop=True)
    names = db.query("SELECT employee_id, name_en, name_zh FROM employees WHERE employee_id IN (SELECT unnest(?))",
                     [sorted(set(plan["employee_id"].dropna()) | set(plan["owner_id"].dropna()))]
                     ).set_index("employee_id")
    return FollowUp(plan.assign(name_en=plan["employee_id"].map(names["name_en"]),
                                name_zh=plan["employee_id"].map(names["name_zh"]),
                                owner_name_en=plan["owner_id"].map(names["name_en"]),
                                owner_name_zh=plan["owner_id"].map(names["name_zh"])))


@dataclass(frozen=True)
class Headline:
    """The latest review on record: its period and its calibrated boxes, counted."""

    period: str | None
    counts: pd.DataFrame
    """:func:`hrcore.ninebox.grid` of everyone's calibrated box (the placed box where not calibrated)."""

    @property
    def people(self) -> int:
        return int(self.counts["count"].sum())

    @property
    def shown_counts(self) -> pd.DataFrame:
        """:attr:`counts` with the boxes of too few people to show blanked (:func:`hrcore.privacy.without_small_groups`):
        one to four people in a box would tell who sits in it."""
        return without_small_groups(self.counts, "count", "share")

    @property
    def top_boxes(self) -> int:
        """People in the top boxes (:data:`hrcore.ninebox.TOP_BOXES`)."""
        return int(self.counts.loc[self.counts["box"].isin(ninebox.TOP_BOXES), "count"].sum())

    @property
    def key_talent(self) -> int:
        return int(self.counts.loc[self.counts["box"] == 9, "count"].sum())


def headline(db: Store) -> Headline:
    """The latest talent review (the greatest period on record) and how many people each calibrated box holds.

    >>> from hrcore.store import Store
    >>> head = headline(Store())
    >>> head.period, head.people
    (None, 0)
    """
    found = db.query("SELECT period, coalesce(calibrated_box, box) AS box, count(*) AS n FROM talent_reviews "
                     "WHERE period = (SELECT max(period) FROM talent_reviews) GROUP BY ALL")
    period = str(found["period"].iloc[0]) if len(found) else None
    return Headline(period, ninebox.grid(np.repeat(found["box"].to_numpy(int), found["n"].to_numpy(int))))


@dataclass(frozen=True)
class Labels:
    """The boxes' labels and recommended actions in a wording, and which wordings there are."""

    wording: str
    boxes: pd.DataFrame
    """``box, label_en, label_zh, action_en, action_zh``."""
    wordings: tuple[str, ...]
    """``"neutral"``, ``"classic"`` and, once the company saved its own, ``"company"`` (then first)."""


def labels(db: Store, wording: str | None = None) -> Labels:
    """The labels in ``wording`` (None: the company's own if saved, else the neutral wording).

    >>> from hrcore.store import Store
    >>> found = labels(Store(), "classic")
    >>> found.wordings, found.boxes.set_index("box").at[1, "label_en"]
    (('neutral', 'classic'), 'Failing')
    """
    saved = db.meta(ninebox.LABELS_KEY) is not None
    wordings = (("company",) if saved else ()) + tuple(ninebox.WORDINGS)
    chosen = wording if wording in wordings else wordings[0]
    return Labels(chosen, ninebox.box_labels(db, chosen), wordings)
