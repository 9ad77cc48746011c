"""The attrition watchlist page: turnover, who may leave and why, the risk model, the cost, the handover.

One report per tab (:func:`turnover`, :func:`who_may_leave`, :func:`company_model` / :func:`file_model`,
:func:`leavers` with :meth:`Watchlist.costs`, :func:`handover`), and :func:`headline`, the figures the
overview shows of the watchlist.

Who is at high risk is counted the same for every role: the compa-ratio signal needs pay, so it is worked out
from a store that reads pay for the user's own rows (:meth:`hrcore.store.Store.reading_pay`), and a role that
may not see pay gets the frames without the pay columns (:data:`PAY_COLUMNS`), never a different count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from hrcore import access, attrition, company, evaluation, imports, ninebox, pay, watchlist
from hrcore.cycles import latest_performance
from hrcore.store import Store

MAX_LISTED = 500
"""Rows a table lists; counts, charts and totals always use everyone."""
PAY_COLUMNS = ("base_pay", "target_bonus", "compa_ratio")
"""The watchlist's columns that hold or reveal one person's pay: a role without pay rights never gets them."""
COMPANY_TARGET = "left_company"
COMPANY_FIXED = ("employee_id",)
"""The company model's history matches people to their risk by id, and never learns from it."""
TURNOVER_BY = ("centre", "department_id", "tenure_band", "grade", "job_family", "key_talent")
SURVIVAL_BY = ("centre", "hire_year")
PERIODS_PER_YEAR = {"M": 12, "Q": 4, "Y": 1}
TOP_GROUPS = 25
HIRE_YEARS_SHOWN = 6


@dataclass(frozen=True)
class Settings:
    """The page's date and the settings its tabs start from."""

    as_of: date
    local_avg_wage: float
    local_min_wage: float
    replacement_months: float
    high_risk: int


def settings(db: Store) -> Settings:
    """The date the page computes at (:func:`hrcore.company.as_of_date`), the company's local wages and the
    watchlist settings.

    >>> from hrcore.store import Store
    >>> settings(Store()).high_risk
    40
    """
    chosen = company.load(db)
    watch = watchlist.load_settings(db)
    return Settings(company.as_of_date(db, chosen), float(chosen.local_avg_wage), float(chosen.local_min_wage),
                    float(watch["replacement_months"]), int(watch["high_risk"]))


# -- turnover -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Turnover:
    """The Turnover tab: the 12-month figures, the chart's rates and the survival curves."""

    as_of: date
    rate_12m: float | None
    """Exits of the last 12 months over the average of the headcount at their start and end (DOMAIN §7)."""
    voluntary_share: float | None
    """Of those exits whose type the data give, the voluntary share (None: no type known)."""
    key_rate: float | None
    """:attr:`rate_12m` of key talent (None: no key talent, or none employed)."""
    new_hires: dict
    """Days (90, 365) -> :class:`hrcore.attrition.NewHireTurnover`."""
    undated_leavers: int
    """Leavers without an exit date: they cannot be placed in time and are left out."""
    rates: pd.DataFrame
    """Per period: ``period`` (text), ``voluntary_rate``, ``involuntary_rate``, ``unspecified_rate``,
    ``unspecified`` (exits without a type)."""
    groups: pd.DataFrame
    """With a split: ``group``, ``name_en``, ``name_zh`` (a department's, or the group as text), ``rate``
    (exits over the average headcount across the window, per year); the :data:`TOP_GROUPS` highest."""
    curves: pd.DataFrame
    """``group`` (None: everyone), ``name_en``, ``name_zh``, ``tenure_years``, ``survival``."""


def _staff(db: Store) -> pd.DataFrame:
    """Everyone placed in time (leavers without an exit date cannot be)."""
    return db.query(
        "SELECT e.employee_id, e.hire_date, e.exit_date, e.exit_type, e.department_id, "
        "coalesce(j.grade, e.grade) AS grade, coalesce(e.key_talent, false) AS key_talent, "
        "coalesce(d.parent_id, e.department_id) AS centre, j.job_family "
        "FROM employees e LEFT JOIN jobs j USING (job_id) LEFT JOIN departments d USING (department_id) "
        "WHERE e.hire_date IS NOT NULL AND (e.status = 'active' OR e.exit_date IS NOT NULL)")


def _twelve_month_rate(periods: pd.DataFrame) -> float | None:
    """The 12 months as one period: separations over the mean of the headcount at its start and its end."""
    average = float((periods["headcount_start"].iloc[0] + periods["headcount_end"].iloc[-1]) / 2)
    return float(periods["separations"].sum()) / average if average else None


def _department_names(db: Store) -> pd.DataFrame:
    return db.query("SELECT department_id, name_en, name_zh FROM departments").set_index("department_id")


def _named(groups: pd.Series, departments: pd.DataFrame, by_department: bool) -> tuple[list, list]:
    """English and Chinese names of ``groups``: a department's name, else the group itself as text."""
    def one(g, column):
        if by_department and g in departments.index and isinstance(departments.at[g, column], str):
            return departments.at[g, column]
        return g if isinstance(g, str) else str(g)
    return [one(g, "name_en") for g in groups], [one(g, "name_zh") for g in groups]


def turnover(db: Store, as_of: date, freq: str = "Q", by: str | None = None,
             cohort: str | None = None) -> Turnover:
    """The Turnover tab at ``as_of``: 12-month turnover, its voluntary share, key talent's, new hires', the
    rates per ``freq`` period (``M``, ``Q``, ``Y``) over 36 months, split ``by`` one of :data:`TURNOVER_BY`
    (None: by exit type), and the Kaplan-Meier curves of tenure per ``cohort`` (:data:`SURVIVAL_BY`, None:
    everyone; the last :data:`HIRE_YEARS_SHOWN` hire years).

    >>> from hrcore.store import Store
    >>> db = Store()
    >>> _ = db.upsert("employees", pd.DataFrame({"employee_id": ["A", "B", "C", "D"], "status": ["active"] * 3
    ...     + ["left"], "hire_date": pd.to_datetime(["2020-01-01"] * 4), "exit_date": pd.to_datetime(
    ...     [None, None, None, "2025-06-30"]), "exit_type": [None, None, None, "voluntary"]}))
    >>> report = turnover(db, date(2025, 12, 31))
    >>> round(report.rate_12m, 3), report.voluntary_share  # 1 exit over (4 + 3) / 2
    (0.286, 1.0)
    """
    if by is not None and by not in TURNOVER_BY or cohort is not None and cohort not in SURVIVAL_BY:
        raise ValueError(f"by: one of {TURNOVER_BY}, cohort: one of {SURVIVAL_BY}")
    staff = _staff(db)
    departments = _department_names(db)
    last12 = attrition.turnover_by_period(staff, as_of, freq="M", by=None, months=12)
    typed = int(last12["voluntary"].sum() + last12["involuntary"].sum())
    key = staff[staff["key_talent"]]
    key12 = attrition.turnover_by_period(key, as_of, freq="M", by=None, months=12) if len(key) else None

    rates = pd.DataFrame(columns=["period", "voluntary_rate", "involuntary_rate", "unspecified_rate", "unspecified"])
    groups = pd.DataFrame(columns=["group", "name_en", "name_zh", "rate"])
    split = staff
    if by == "tenure_band":
        # Tenure at the end of each person's time here (or today): the band they left from.
        split = staff.assign(tenure_band=attrition.tenure_band(staff["hire_date"],
                                                               staff["exit_date"].fillna(pd.Timestamp(as_of))))
    periods = attrition.turnover_by_period(split, as_of, freq=freq, by=by, months=36)
    if by is None:
        rates = periods.assign(period=periods["period"].astype(str))[list(rates.columns)].reset_index(drop=True)
    else:
        totals = periods.groupby(by, dropna=False, observed=True).agg(
            separations=("separations", "sum"), start=("headcount_start", "mean"),
            end=("headcount_end", "mean")).reset_index().rename(columns={by: "group"})
        years = periods["period"].nunique() / PERIODS_PER_YEAR[freq]
        totals["rate"] = totals["separations"] / ((totals["start"] + totals["end"]) / 2) / max(years, 1e-9)
        totals = totals.sort_values("rate", ascending=False).head(TOP_GROUPS).reset_index(drop=True)
        english, chinese = _named(totals["group"], departments, by in ("centre", "department_id"))
        groups = pd.DataFrame({"group": totals["group"], "name_en": english, "name_zh": chinese,
                               "rate": totals["rate"].astype(float)})

    survivors = staff
    if cohort == "hire_year":
        survivors = staff.assign(hire_year=pd.to_datetime(staff["hire_date"]).dt.year.astype(str))
    curves = attrition.tenure_survival(survivors, as_of, by=cohort)
    if cohort is None:
        curves = curves.assign(group=None, name_en=None, name_zh=None)
    else:
        kept = sorted(curves[cohort].dropna().unique())[-HIRE_YEARS_SHOWN:] if cohort == "hire_year" else None
        curves = curves[curves[cohort].isin(kept)] if kept is not None else curves
        english, chinese = _named(curves[cohort], departments, cohort == "centre")
        curves = curves.assign(group=curves[cohort].to_numpy(), name_en=english, name_zh=chinese)
    return Turnover(
        as_of=as_of, rate_12m=_twelve_month_rate(last12),
        voluntary_share=float(last12["voluntary"].sum()) / typed if typed else None,
        key_rate=_twelve_month_rate(key12) if key12 is not None else None,
        new_hires={days: attrition.new_hire_turnover(staff, as_of, within_days=days) for days in (90, 365)},
        undated_leavers=company.undated_leavers(db), rates=rates, groups=groups,
        curves=curves[["group", "name_en", "name_zh", "tenure_years", "survival"]].reset_index(drop=True))


# -- the watchlist ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Headline:
    """What the overview shows of the watchlist, and the watchlist's own first tiles."""

    high_risk: int
    """People whose signal score is :attr:`threshold` or more."""
    key_at_risk: int
    """Of them, key talent."""
    threshold: int
    """The high-risk score (a watchlist setting)."""


@dataclass(frozen=True)
class Listing:
    """The people a filter keeps, highest score first (key talent first among equals)."""

    people: pd.DataFrame
    """At most ``limit`` rows of :attr:`Watchlist.people`, with ``exposure``: what each could take with them
    (:data:`EXPOSURE`, a tuple of codes)."""
    total: int
    """Everyone the filter keeps."""


@dataclass(frozen=True)
class AtRiskCost:
    """What the people at high risk would cost: art. 47 compensation if the company ended their contracts
    today, and the replacement estimate."""

    people: int
    compensation: float
    replacement: float
    listed: pd.DataFrame
    """The costliest first, at most :data:`MAX_LISTED`: the watchlist's columns and ``wage``, ``months``,
    ``wage_used``, ``capped``, ``compensation``, ``replacement``."""


@dataclass(frozen=True)
class Watchlist:
    """The Watchlist tab: everyone scored, the tiles, the group risks and the arbitration reminders."""

    as_of: date
    settings: dict
    """The watchlist settings (:func:`hrcore.watchlist.load_settings`)."""
    sees_pay: bool
    """Whether the frames carry pay (:data:`PAY_COLUMNS`)."""
    people: pd.DataFrame
    """Everyone employed, with the signals, ``score``, ``reasons`` (signal codes, comma-separated, heaviest
    first), ``segment``, exposure, names of the person, the manager (``manager_en``, ``manager_zh``) and the
    job (``job_en``, ``job_zh``); shared, never written into."""
    headline: Headline
    secrets_no_nc: int
    """People at high risk with access to secrets and no non-compete."""
    cover: watchlist.Coverage
    """Successor cover of the key people at high risk."""
    cover_everyone: watchlist.Coverage
    groups: pd.DataFrame
    """Teams with several at high risk (:func:`hrcore.watchlist.group_risks`) with ``name_en``, ``name_zh``."""
    reminders: pd.DataFrame
    """Leavers who can still apply for labour arbitration (:func:`hrcore.watchlist.arbitration_reminders`)."""
    missing_evidence: tuple
    """The signal sources the data hold nothing of (those signals cannot fire)."""
    departments: pd.DataFrame
    """``department_id`` (index), ``name_en``, ``name_zh``: the departments in scope."""
    managers: pd.DataFrame
    """``manager_id``, ``name_en``, ``name_zh``: the managers of the people listed, by name."""

    def listed(self, min_score: float, departments: tuple = (), manager: str | None = None,
               segments: tuple = (), key_only: bool = False, limit: int = MAX_LISTED) -> Listing:
        """Who scores ``min_score`` or more in ``departments``, reporting to ``manager``, of ``segments``
        (empty: any), key talent only if ``key_only``."""
        frame = self.people
        # Masks and positions, not filtered copies: at a million people a threshold keeps a hundred thousand rows.
        keep = frame["score"].to_numpy() >= min_score
        if departments:
            keep &= frame["department_id"].isin(departments).to_numpy()
        if manager:
            keep &= (frame["manager_id"] == manager).fillna(False).to_numpy(dtype=bool)
        if segments:
            keep &= frame["segment"].isin(segments).to_numpy()
        key = frame["key_talent"].fillna(False).to_numpy(dtype=bool)
        if key_only:
            keep &= key
        found = np.flatnonzero(keep)
        found = found[np.lexsort((~key[found], -frame["score"].to_numpy()[found]))]
        listed = frame.iloc[found[:limit]]
        return Listing(listed.assign(exposure=exposure(listed)), len(found))

    def costs(self, local_avg_wage: float, replacement_months: float, local_min_wage: float) -> AtRiskCost:
        """:func:`hrcore.watchlist.costs` of the people at high risk (needs pay: a role with pay rights)."""
        if not self.sees_pay:
            raise PermissionError("pay: the cost of leaving is for roles that see pay")
        high = self.people[self.people["score"].to_numpy() >= self.headline.threshold]
        cost = high.join(watchlist.costs(high, self.as_of, local_avg_wage, replacement_months,
                                         local_min_wage).drop(columns="employee_id"))
        return AtRiskCost(len(cost), float(cost["compensation"].sum()), float(cost["replacement"].sum()),
                          cost.sort_values("compensation", ascending=False).head(MAX_LISTED))


def compa_ratios(db: Store) -> pd.Series:
    """Each person's compa-ratio in the structure in force (the market check's outliers left out, as the pay
    page places them), by employee id; empty before one is approved.  Read with pay for every role: a
    figure built on it must not change with who asks."""
    reader = db.reading_pay()
    force = pay.in_force(reader, outliers=pay.market_outliers(evaluation.workbench(reader)))
    if force is None:
        return pd.Series(dtype=float)
    people = force.placement.people
    return pd.Series(people["compa_ratio"].to_numpy(dtype=float), index=people["employee_id"].astype(str).to_numpy())


EXPOSURE = ("key_knowledge", "client_channels", "supplier_channels", "secrets_access", "no_non_compete")
"""What a person could take with them: the exposure table's flags, and access to secrets without a
non-compete (key people with access to secrets should sign one)."""


def exposure(frame: pd.DataFrame) -> list[tuple]:
    """Each person's :data:`EXPOSURE` held (a flag not on file counts as not held).

    >>> exposure(pd.DataFrame({"key_knowledge": [True, None], "client_channels": [False, None],
    ...     "supplier_channels": [None, None], "secrets_access": [True, True], "non_compete": [True, None]}))
    [('key_knowledge', 'secrets_access'), ('secrets_access', 'no_non_compete')]
    """
    held = {k: frame[k].eq(True).fillna(False).to_numpy(dtype=bool) for k in EXPOSURE[:-1]}
    held["no_non_compete"] = _secrets_without_non_compete(frame)
    return [tuple(k for k in EXPOSURE if held[k][i]) for i in range(len(frame))]


def _secrets_without_non_compete(frame: pd.DataFrame) -> np.ndarray:
    return (frame["secrets_access"].eq(True).fillna(False).to_numpy(dtype=bool)
            & ~frame["non_compete"].eq(True).fillna(False).to_numpy(dtype=bool))


def watchlist_people(db: Store, as_of: date) -> pd.DataFrame:
    """Everyone employed on ``as_of`` with the signals and score (:func:`hrcore.watchlist.people`, the saved
    settings), the compa-ratio signal counted for every role; without :data:`PAY_COLUMNS` for a role that may
    not see pay."""
    reader = db.reading_pay()
    frame = watchlist.people(reader, as_of, watchlist.load_settings(db), compa_ratios(db))
    return frame if access.sees_pay(db.user) else frame.drop(columns=list(PAY_COLUMNS))


def who_may_leave(db: Store, as_of: date) -> Watchlist:
    """The Watchlist tab at ``as_of`` (:class:`Watchlist`): call it with ``shared=True``, it holds everyone."""
    settings = watchlist.load_settings(db)
    frame = watchlist_people(db, as_of)
    threshold = int(settings["high_risk"])
    high = frame["score"].to_numpy() >= threshold
    key = frame["key_talent"].fillna(False).to_numpy(dtype=bool)
    groups = watchlist.group_risks(frame, threshold)
    departments = _department_names(db)
    people_names = frame.set_index("employee_id")[["name_en", "name_zh"]]
    names = {"department": departments, "manager": people_names}
    groups = groups.assign(
        name_en=[_name_of(names[g.kind], g.group, "name_en") for g in groups.itertuples()],
        name_zh=[_name_of(names[g.kind], g.group, "name_zh") for g in groups.itertuples()])
    managers = (frame.dropna(subset=["manager_id"]).drop_duplicates("manager_id")
                [["manager_id", "manager_en", "manager_zh"]]
                .rename(columns={"manager_en": "name_en", "manager_zh": "name_zh"})
                .sort_values(["name_en", "manager_id"]).reset_index(drop=True))
    sources = watchlist.signal_sources(db)
    return Watchlist(
        as_of=as_of, settings=settings, sees_pay=access.sees_pay(db.user), people=frame,
        headline=Headline(int(high.sum()), int((high & key).sum()), threshold),
        secrets_no_nc=int((high & _secrets_without_non_compete(frame)).sum()),
        cover=watchlist.successor_coverage(frame[high]), cover_everyone=watchlist.successor_coverage(frame),
        groups=groups, reminders=watchlist.arbitration_reminders(db, as_of),
        missing_evidence=tuple(sources.index[sources["rows"] == 0]),
        departments=departments.loc[departments.index.isin(frame["department_id"].dropna().unique())],
        managers=managers)


def _name_of(names: pd.DataFrame, key, column: str):
    if key in names.index and isinstance(names.at[key, column], str):
        return names.at[key, column]
    return None


def headline(db: Store, as_of: date) -> Headline:
    """How many people are at high risk on ``as_of``, how many of them key talent, and the threshold: the same
    for every role whose scope agrees (a viewer's is HR's; a manager's, HR's within their departments).

    >>> from hrcore.store import Store
    >>> db = Store()
    >>> _ = db.upsert("employees", pd.DataFrame({"employee_id": ["A", "B"], "status": "active",
    ...     "hire_date": pd.to_datetime(["2020-01-01"] * 2), "key_talent": [True, False]}))
    >>> _ = db.upsert("attrition_signals", pd.DataFrame({"signal_id": ["S1", "S2", "S3", "S4"],
    ...     "employee_id": ["A", "A", "A", "B"], "kind": ["conflict", "family", "overlooked", "conflict"],
    ...     "signal_date": pd.to_datetime(["2025-12-01"] * 4)}))
    >>> headline(db, date(2025, 12, 31))  # A: 20 + 15 + 20 points, B: 20; high risk from 40
    Headline(high_risk=1, key_at_risk=1, threshold=40)
    """
    return who_may_leave(db, as_of).headline


# -- one person ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PersonRecord:
    """What the watchlist's person card shows beside the person's row of :attr:`Watchlist.people`."""

    employee_id: str
    rating: str | None
    """The latest review's rating (A-D) and its period."""
    rating_period: str | None
    box: int | None
    """The latest talent review's box (calibrated if it was), with its names."""
    box_en: str | None
    box_zh: str | None
    review_period: str | None
    successor_en: str | None
    """The successor named in the exposure table, by name (the id when the name is not on file)."""
    successor_zh: str | None
    actions: pd.DataFrame
    """Retention actions taken, latest first: ``action_date``, ``kind``, ``note_en``, ``note_zh``, ``outcome``."""


def _both_languages(text) -> tuple:
    """A text stored as ``English / 中文`` split in two; anything else the same in both."""
    if isinstance(text, str) and " / " in text:
        english, chinese = text.split(" / ", 1)
        return english, chinese
    return (text, text) if isinstance(text, str) else (None, None)


def person(db: Store, as_of: date, employee_id: str) -> PersonRecord:
    """The latest rating, nine-box placement, successor and retention actions of one person."""
    rated = latest_performance(db, as_of)
    rated = rated[rated["employee_id"] == employee_id]
    placed = db.query("SELECT period, coalesce(calibrated_box, box) AS box FROM talent_reviews "
                      "WHERE employee_id = ? ORDER BY period DESC LIMIT 1", [employee_id])
    box = int(placed["box"].iloc[0]) if len(placed) and pd.notna(placed["box"].iloc[0]) else None
    labels = ninebox.box_labels(db).set_index("box")
    successor = db.query("SELECT x.successor_id, s.name_en, s.name_zh FROM exposure x LEFT JOIN employees s "
                         "ON s.employee_id = x.successor_id WHERE x.employee_id = ?", [employee_id])
    successor_id = successor["successor_id"].iloc[0] if len(successor) else None
    named = successor.iloc[0] if len(successor) else None
    actions = db.query("SELECT action_date, kind, note, outcome FROM retention_actions WHERE employee_id = ? "
                       "ORDER BY action_date DESC", [employee_id])
    notes = [_both_languages(n) for n in actions["note"]]
    return PersonRecord(
        employee_id=employee_id,
        rating=rated["rating"].iloc[0] if len(rated) and isinstance(rated["rating"].iloc[0], str) else None,
        rating_period=str(rated["period"].iloc[0]) if len(rated) else None,
        box=box, box_en=labels.at[box, "label_en"] if box in labels.index else None,
        box_zh=labels.at[box, "label_zh"] if box in labels.index else None,
        review_period=str(placed["period"].iloc[0]) if len(placed) else None,
        successor_en=(named["name_en"] if named is not None and isinstance(named["name_en"], str) else successor_id)
        if isinstance(successor_id, str) else None,
        successor_zh=(named["name_zh"] if named is not None and isinstance(named["name_zh"], str) else successor_id)
        if isinstance(successor_id, str) else None,
        actions=actions.assign(note_en=[n[0] for n in notes], note_zh=[n[1] for n in notes]).drop(columns="note"))


# -- the risk model -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ColumnChoice:
    """The columns a model may leave out, as the screen sorts them: what a user may choose, what it leaves out
    at first; or ``problem``, why there is nothing to fit."""

    options: tuple
    """Columns a user may leave out or put back (not empty or constant ones, not the fixed ones)."""
    first: tuple
    """Those the screen leaves out at first."""
    fixed: tuple
    leaks: bool = False
    """Whether the screen found columns that record the exit itself (the choice is worth a look then)."""
    problem: str | None = None

    def split(self, left_out: tuple | None) -> tuple[tuple, tuple]:
        """``include`` and ``exclude`` of :func:`hrcore.attrition.fit_risk_model` for the columns a user leaves
        out (None: as the screen does).

        >>> ColumnChoice(("a", "b", "c"), ("a",), ("id",)).split(("b",))
        (('a',), ('id', 'b'))
        """
        chosen = self.first if left_out is None else tuple(left_out)
        return (tuple(c for c in self.first if c not in chosen),
                self.fixed + tuple(c for c in chosen if c not in self.first and c not in self.fixed))


def _choice(frame: pd.DataFrame, target, fixed: tuple) -> ColumnChoice:
    try:
        screen = attrition.screen_columns(frame, target, exclude=fixed)
    except ValueError as error:
        return ColumnChoice((), (), fixed, problem=str(error))
    first = tuple(c for c, why in screen.dropped.items()
                  if why["code"] not in (*attrition.CANNOT_INCLUDE, "excluded"))
    options = tuple(c for c in frame.columns if c != target and c not in fixed
                    and screen.dropped.get(c, {}).get("code") not in attrition.CANNOT_INCLUDE)
    leaks = any(why["code"].startswith("leak") for why in screen.dropped.values())
    return ColumnChoice(options, first, fixed, leaks)


@dataclass(frozen=True)
class FittedModel:
    """A fitted risk model (or ``problem``, why none) with what the Risk model tab and the watchlist show."""

    model: attrition.RiskModel | None
    problem: str | None
    left_out: pd.DataFrame
    """The columns the model leaves out and why: ``column``, ``code``, ``auc`` (for ``leak_auc``), leaks first;
    not the fixed ones, which the user never chose."""
    strongest: tuple
    """The three columns used that separate leavers best alone, ``(column, auc)``: suspects of a leak."""
    risks: pd.Series | None
    """The company model: each active person's exit probability, by employee id."""
    top: pd.DataFrame | None
    """A file's model: its 50 highest risks, ``row`` (as in a spreadsheet, the heading row 1), ``risk``,
    ``reasons`` (the columns behind each)."""


def _fitted(frame: pd.DataFrame, target, include: tuple, exclude: tuple, fixed: tuple) -> FittedModel:
    try:
        model = attrition.fit_risk_model(frame, target, include=include, exclude=exclude)
    except ValueError as error:
        return FittedModel(None, str(error), pd.DataFrame(columns=["column", "code", "auc"]), (), None, None)
    names = sorted((c for c in model.dropped if c not in fixed),
                   key=lambda c: not model.dropped[c]["code"].startswith("leak"))
    left_out = pd.DataFrame({"column": [str(c) for c in names], "code": [model.dropped[c]["code"] for c in names],
                             "auc": [model.dropped[c].get("auc") for c in names]})
    strongest = tuple((c, a) for a, c in sorted(((a, c) for c, a in model.column_auc.items()
                                                 if c not in model.dropped), reverse=True)[:3])
    return FittedModel(model, None, left_out, strongest, None, None)


def company_columns(db: Store, as_of: date) -> ColumnChoice:
    """The company history's columns (:func:`hrcore.watchlist.history`) as the screen sorts them."""
    frame = watchlist.history(db.reading_pay(), as_of)
    return _choice(frame, COMPANY_TARGET, COMPANY_FIXED)


def company_model(db: Store, as_of: date, left_out: tuple | None = None) -> FittedModel:
    """The risk model learnt from the company's own exits of the last three years, without the columns
    ``left_out`` (None: as the screen leaves them out), and each active person's risk by it.

    Learnt with pay for every role (base pay is one of its columns): a viewer's risks are HR's."""
    frame = watchlist.history(db.reading_pay(), as_of)
    choice = _choice(frame, COMPANY_TARGET, COMPANY_FIXED)
    if choice.problem:
        return FittedModel(None, choice.problem, pd.DataFrame(columns=["column", "code", "auc"]), (), None, None)
    fitted = _fitted(frame, COMPANY_TARGET, *choice.split(left_out), COMPANY_FIXED)
    if fitted.model is None:
        return fitted
    active = frame[frame[COMPANY_TARGET] == 0]
    risks = pd.Series(fitted.model.predict_proba(active).to_numpy(), index=active["employee_id"].to_numpy())
    return FittedModel(fitted.model, None, fitted.left_out, fitted.strongest, risks, None)


@dataclass(frozen=True)
class FileColumns:
    """An uploaded employee file's columns, those that look like an exit flag first (``proposed``)."""

    columns: tuple
    proposed: tuple


def _read(data: bytes, filename: str) -> pd.DataFrame:
    return imports.read_file(data, filename).frame


def file_columns(db: Store, data: bytes, filename: str) -> FileColumns:
    """The columns of an uploaded file, the likeliest exit flags first (none guessed when none looks like one)."""
    frame = _read(data, filename)
    proposed = tuple(attrition.target_candidates(frame))
    return FileColumns(proposed + tuple(c for c in frame.columns if c not in proposed), proposed)


def file_choice(db: Store, data: bytes, filename: str, target: str) -> ColumnChoice:
    """The uploaded file's columns as the screen sorts them for ``target``."""
    return _choice(_read(data, filename), target, ())


def file_model(db: Store, data: bytes, filename: str, target: str, left_out: tuple | None = None) -> FittedModel:
    """The risk model learnt from an uploaded file for ``target`` without ``left_out`` (None: the screen's),
    and the file's 50 highest risks with their reasons."""
    frame = _read(data, filename)
    choice = _choice(frame, target, ())
    if choice.problem:
        return FittedModel(None, choice.problem, pd.DataFrame(columns=["column", "code", "auc"]), (), None, None)
    fitted = _fitted(frame, target, *choice.split(left_out), ())
    if fitted.model is None:
        return fitted
    risk = fitted.model.predict_proba(frame).to_numpy()
    top = np.argsort(-risk)[:50]
    reasons = fitted.model.reasons(frame.iloc[top], n=3)
    return FittedModel(fitted.model, None, fitted.left_out, fitted.strongest, None, pd.DataFrame(
        {"row": top + 2, "risk": risk[top], "reasons": [tuple(r) for r in reasons]}))


# -- cost ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Leavers:
    """The last year's leavers: compensation only where their exit route owes it, and the arbitration limit."""

    people: pd.DataFrame
    """:func:`hrcore.watchlist.leaver_costs`, latest first."""
    owed: int
    owed_amount: float


def leavers(db: Store, as_of: date, local_avg_wage: float, local_min_wage: float) -> Leavers:
    """The people who left in the year to ``as_of``, how they left and what was owed (needs pay)."""
    left = watchlist.leaver_costs(db, as_of, local_avg_wage, local_min_wage)
    owed = (left["owed"] == True).to_numpy(dtype=bool)  # noqa: E712 (None: the route is not known)
    return Leavers(left, int(owed.sum()), float(left.loc[owed, "compensation"].sum()))


# -- handover -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Handover:
    """The Handover tab: every leaver's checklist progress and who a new one may be started for."""

    progress: pd.DataFrame
    """``employee_id``, ``name_en``, ``name_zh``, ``exit_date``, ``items``, ``done``, ``progress`` (0-1),
    ``next_due``: least progress first."""
    candidates: pd.DataFrame
    """People a checklist may be started for (employed, or left in the last year, with none yet):
    ``employee_id``, ``name_en``, ``name_zh``, ``manager_id``."""
    receivers: pd.DataFrame
    """People who may receive a handover (employed): ``employee_id``, ``name_en``, ``name_zh``."""


def handover(db: Store, as_of: date) -> Handover:
    """Checklist progress of every leaver, and the people a checklist may be started for or handed to."""
    people = db.query(
        "SELECT employee_id, name_en, name_zh, manager_id, exit_date FROM employees "
        "WHERE (exit_date IS NULL AND coalesce(status, 'active') = 'active') "
        "OR exit_date > ?::DATE - INTERVAL 1 YEAR ORDER BY name_en, employee_id", [as_of])
    progress = watchlist.handovers(db)
    return Handover(
        progress=progress,
        candidates=people[~people["employee_id"].isin(progress["employee_id"])][
            ["employee_id", "name_en", "name_zh", "manager_id"]].reset_index(drop=True),
        receivers=people[people["exit_date"].isna()][["employee_id", "name_en", "name_zh"]].reset_index(drop=True))


def checklist(db: Store, employee_id: str) -> pd.DataFrame:
    """One leaver's checklist in the order it is worked through: ``task_id``, ``category``, ``stage``,
    ``item_en``, ``item_zh``, ``due_date``, ``done``, and the owner and receivers by name (``owner_en``,
    ``owner_zh``, ``receiver_en`` …; the id where the name is not on file)."""
    tasks = db.query(
        "SELECT h.task_id, h.category, h.stage, h.item, CAST(h.due_date AS DATE) AS due_date, h.done, "
        "h.owner_id, coalesce(o.name_en, h.owner_id) AS owner_en, coalesce(o.name_zh, o.name_en, h.owner_id) "
        "AS owner_zh, coalesce(r.name_en, h.receiver_id) AS receiver_en, "
        "coalesce(r.name_zh, r.name_en, h.receiver_id) AS receiver_zh, "
        "coalesce(s.name_en, h.second_receiver_id) AS second_receiver_en, "
        "coalesce(s.name_zh, s.name_en, h.second_receiver_id) AS second_receiver_zh "
        "FROM handover_tasks h LEFT JOIN employees o ON o.employee_id = h.owner_id "
        "LEFT JOIN employees r ON r.employee_id = h.receiver_id "
        "LEFT JOIN employees s ON s.employee_id = h.second_receiver_id WHERE h.employee_id = ? "
        "ORDER BY array_position(?, h.stage), h.due_date, h.task_id", [employee_id, list(watchlist.STAGES)])
    items = [_both_languages(i) for i in tasks.pop("item")]
    tasks.insert(3, "item_en", [i[0] for i in items])
    tasks.insert(4, "item_zh", [i[1] for i in items])
    tasks["due_date"] = pd.to_datetime(tasks["due_date"]).dt.date
    return tasks

