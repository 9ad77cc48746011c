"""The salary structure designer's reports: one per tab, and the structure in force for every page.

Two structures are measured here and they differ on purpose: the *structure in
force* (the latest approved one, from its stored grades: :func:`in_force`,
:func:`headline`) and *this design* (the one the sliders are shaping,
re-designed from the market on each move: :func:`design`, :func:`people`).
Who is below the minimum of each is a different count; the pages label each
figure with the structure it measures.

Every report takes the design as ``settings_json``, :meth:`hrcore.pay.Settings.to_dict`
as sorted JSON, so that a report is cached per design and a slider moved back is instant.
Money is annual (× 12) unless a field says monthly.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from hrcore import pay
from hrcore.store import Store

MANY_PEOPLE = 3000
"""Above this many people the range chart shows each grade's pay percentiles instead of every person."""
OUTSIDE_SHOWN = 500
"""People outside their range listed on screen (all of them in the download)."""
BUDGET_HEADROOM = 0.03
"""Without an approved total on record, the designer starts from today's payroll plus 3 %, to the 10,000."""
CR_BINS = np.linspace(0.5, 1.5, 41)
PENETRATION_BINS = np.linspace(-0.5, 1.5, 41)


def settings_key(settings: pay.Settings) -> str:
    """The design as a report argument: its settings as sorted JSON, without the approved total (a budget
    moves the cost comparison, not the design).

    >>> settings_key(pay.Settings(grades=3, approved_total=1e6)) == settings_key(pay.Settings(grades=3))
    True
    """
    return json.dumps({**settings.to_dict(), "approved_total": None}, sort_keys=True)


# ---------------------------------------------------------------------------
# The structure in force
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PayHeadline:
    """The structure in force in figures: who is outside it and the payroll against its approved budget."""

    structure_id: str
    name: str
    headcount: int
    """People placed in it (active, with a grade and a pay)."""
    below: int
    below_share: float
    above: int
    above_share: float
    current_payroll: float
    """Annual: 12 × (base pay + target bonus) as paid today."""
    approved: float | None
    """The approved annual payroll recorded with the structure."""
    budget_used: float | None
    """``current_payroll / approved``; None without an approved total, or for a department's scope (the budget is
    the company's)."""


@dataclass(frozen=True)
class PayInForce:
    headline: PayHeadline | None
    """None before a structure is approved (or without market data, or nobody placed)."""
    people: pd.DataFrame
    """``employee_id, department_id, base_pay, compa_ratio`` in the structure in force (the KPI merit matrix,
    the nine-box and the watchlist read compa-ratios from it)."""
    grades: pd.DataFrame = field(default_factory=pd.DataFrame)
    """``grade, fixed_min, fixed_mid, fixed_max, market_mid, people`` of the structure in force: its range and
    the market at the chosen position beside it (monthly base pay)."""


def _company_wide(db: Store) -> bool:
    """Whether ``db`` holds the whole company: not a manager's departments, nor narrowed to a department."""
    return (db.user is None or db.user.role != "manager") and not db.within_departments


def in_force(db: Store, inputs: pay.Inputs | None = None) -> PayInForce:
    """The structure in force and everyone's place in it: the one source of its figures for every page.

    ``inputs``: :func:`hrcore.pay.load_inputs` of ``db``, when the caller has read them.

    >>> from hrcore.store import Store
    >>> in_force(Store()).headline is None
    True
    """
    empty = pd.DataFrame({"employee_id": pd.Series(dtype=str), "department_id": pd.Series(dtype=str),
                          "base_pay": pd.Series(dtype=float), "compa_ratio": pd.Series(dtype=float)})
    force = pay.in_force(db, inputs)
    if force is None or force.placement.people.empty:
        return PayInForce(None, empty)
    people = force.placement.people
    approved = force.payroll.approved
    headline = PayHeadline(
        structure_id=force.structure_id, name=force.name, headcount=len(people),
        below=int(people["below_min"].sum()), below_share=force.placement.below_share,
        above=int(people["above_max"].sum()), above_share=force.placement.above_share,
        current_payroll=force.payroll.current, approved=approved,
        budget_used=force.payroll.current / approved if approved and _company_wide(db) else None)
    grades = pd.DataFrame()
    if force.structure is not None:
        counted = people.groupby("grade").size().rename("people")
        grades = (force.structure.grades[["grade", "fixed_min", "fixed_mid", "fixed_max"]]
                  .merge(force.market, on="grade", how="left")
                  .merge(counted, left_on="grade", right_index=True, how="left")
                  .fillna({"people": 0}).astype({"people": int}))
    return PayInForce(headline, people[["employee_id", "department_id", "base_pay", "compa_ratio"]].astype(
        {"employee_id": str, "department_id": str}), grades)


def headline(db: Store) -> PayHeadline | None:
    """:attr:`PayInForce.headline` of :func:`in_force`: the overview's tiles and the pay page's strip."""
    return in_force(db).headline


# ---------------------------------------------------------------------------
# The designer: what every design reads, its starting point, and the design the sliders shape
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Designer:
    """What every design of one scope and data version reads, whatever the sliders say: read once and kept (the
    page passes it to each report as ``prepared``), so that a slider moved re-designs without reading anything."""

    inputs: pay.Inputs | None
    """:func:`hrcore.pay.load_inputs`: None without market data."""
    in_force: PayHeadline | None
    """:func:`headline` of the structure in force, for the People tab's comparison."""


def designer(db: Store) -> Designer:
    """The designer's inputs (:class:`Designer`) read from ``db``.

    >>> from hrcore.store import Store
    >>> designer(Store()).inputs is None
    True
    """
    inputs = pay.load_inputs(db)
    return Designer(inputs, in_force(db, inputs).headline if inputs is not None else None)


def _inputs(db: Store, prepared: Designer | None) -> pay.Inputs | None:
    return prepared.inputs if prepared is not None else pay.load_inputs(db)


@dataclass(frozen=True)
class DesignerSetup:
    defaults: pay.Settings
    """The settings a new design starts from: the saved grading's grades and method, next month's first day."""
    approved_default: float
    """The approved annual total on record, else today's payroll + :data:`BUDGET_HEADROOM`, to the 10,000."""
    outliers: pd.DataFrame
    """``job_id, title_en, title_zh`` of the key jobs the market check flags (left out of the lines on request)."""


def setup(db: Store, prepared: Designer | None = None) -> DesignerSetup | None:
    """Where the designer starts; None without market data. ``prepared``: :func:`designer` of ``db``, when kept.

    >>> from hrcore.store import Store
    >>> setup(Store()) is None
    True
    """
    data = _inputs(db, prepared)
    if data is None:
        return None
    defaults = pay.Settings(grades=len(data.bands) or 12, band_method=data.band_method,
                            effective_date=pay.effective_date(pay.Settings(), data.as_of).isoformat())
    employees = data.employees
    today = 12 * float(employees["base_pay"].fillna(0).sum() + employees["target_bonus"].fillna(0).sum())
    approved = pay.approved_total(db) or float(round(today * (1 + BUDGET_HEADROOM), -4))
    outliers = data.jobs.loc[data.jobs["job_id"].isin(data.outliers), ["job_id", "title_en", "title_zh"]]
    return DesignerSetup(defaults, approved, outliers.reset_index(drop=True))


@dataclass(frozen=True)
class CostStrip:
    """What the design costs against the budget, beside the sliders."""

    current: float
    """Annual payroll as paid today."""
    structure: float
    """Annual cost of this design (pay raised to the new minimum, the raise and the performance bonus)."""
    change: float | None
    """``structure / current − 1``."""
    approved: float
    gap: float
    """``structure − approved``: positive is over budget."""
    budget_used: float | None


@dataclass(frozen=True)
class PayDesign:
    """This design: the structure the sliders give, everyone placed in it, its cost (the Structure tab's report)."""

    inputs: pay.Inputs
    structure: pay.Structure
    placement: pay.Placement
    payroll: pay.Payroll
    policy_factor: float
    """The lead/lag policy's factor alone (the aging and the manual lead apart)."""
    lead: float
    """How far the policy line sits above the market aged to the effective date: the policy's factor × (1 + the
    manual lead) − 1 (0 for a lag policy without a manual lead)."""
    strip: CostStrip
    market: pd.DataFrame
    """The survey's percentile lines read at each grade, aged to the effective date and neither led nor lagged:
    ``grade, p10 .. p90`` (monthly; a percentile not surveyed is NaN)."""
    people_points: pd.DataFrame | None
    """For the range chart, each person: ``grade, base_pay, below_min, above_max``; None above
    :data:`MANY_PEOPLE`, where :attr:`pay_percentiles` stand in."""
    pay_percentiles: pd.DataFrame
    """Per grade (index): base pay at ``0.1, 0.5, 0.9``."""


def _designed(db: Store, settings: pay.Settings, prepared: Designer | None
              ) -> tuple[pay.Inputs, pay.Structure, pay.Placement, pay.Payroll]:
    data = _inputs(db, prepared)
    if data is None:
        raise ValueError("market_data: no market survey to design from")
    structure = pay.design(data, settings)
    placement = pay.place_people(structure, data.employees)
    return data, structure, placement, pay.payroll(placement, settings.approved_total)


def _settings(settings_json: str, approved: float | None = None) -> pay.Settings:
    return replace(pay.Settings.from_dict(json.loads(settings_json)), approved_total=approved)


def _strip(payroll: pay.Payroll, approved: float) -> CostStrip:
    return CostStrip(current=payroll.current, structure=payroll.structure,
                     change=payroll.structure / payroll.current - 1 if payroll.current else None,
                     approved=approved, gap=payroll.structure - approved,
                     budget_used=payroll.structure / approved if approved else None)


def design(db: Store, settings_json: str, approved: float, prepared: Designer | None = None) -> PayDesign:
    """The structure ``settings_json`` gives, who is where in it and what it costs against ``approved`` (annual).

    Each report of the designer takes ``prepared``, :func:`designer` of ``db``, when the caller keeps it: then
    only what the settings change is computed.  Raises ValueError when the settings or the data cannot make a
    structure (the reason names which).
    """
    settings = _settings(settings_json, approved)
    data, structure, placement, payroll = _designed(db, settings, prepared)
    people = placement.people
    points = people[["grade", "base_pay", "below_min", "above_max"]] if len(people) <= MANY_PEOPLE else None
    percentiles = people.groupby("grade")["base_pay"].quantile([0.1, 0.5, 0.9]).unstack() if len(people) \
        else pd.DataFrame(columns=[0.1, 0.5, 0.9])
    policy = pay.policy_factor(settings.market_growth, settings.policy, settings.plan_months)
    lead = policy * (1 + settings.manual_lead)
    grades = structure.grades
    market = pd.DataFrame({"grade": grades["grade"], **{f"p{pct}": grades[f"market_p{pct}"] / lead
                                                         for pct in pay.PERCENTILES}})
    return PayDesign(data, structure, placement, payroll, policy, lead - 1, _strip(payroll, approved), market,
                     points, percentiles)


# ---------------------------------------------------------------------------
# People in the structure
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class DesignFigures:
    """Who is outside this design's ranges and what bringing them to the minimum costs."""

    headcount: int
    below: int
    below_share: float
    above: int
    above_share: float
    cost_to_min: float
    """Annual."""
    average_cr: float


@dataclass(frozen=True)
class Histogram:
    edges: np.ndarray
    counts: np.ndarray
    marks: tuple
    """Where the healthy band starts and ends (below: green-circled side; above: red)."""


@dataclass(frozen=True)
class PeopleReport:
    design: DesignFigures
    in_force: PayHeadline | None
    """The structure in force, for comparison (a different structure: labelled so)."""
    compa_ratios: Histogram
    penetration: Histogram
    by_department: pd.DataFrame
    """``department_id, name_en, name_zh, headcount, below, to_min (annual), above, cr, bonus (annual)``, the
    largest cost to the minimum first."""
    outside: pd.DataFrame
    """Everyone below the minimum or above the maximum, lowest compa-ratio first: ``employee_id, name_en,
    name_zh, department_id, department_en, department_zh, grade, base_pay, fixed_min, fixed_max, compa_ratio,
    below_min``."""


def _histogram(values: pd.Series, edges: np.ndarray, marks: tuple) -> Histogram:
    counts, edges = np.histogram(values.clip(edges[0], edges[-1]), bins=edges)
    return Histogram(edges, counts, marks)


def _with_department_names(frame: pd.DataFrame, departments: pd.DataFrame, prefix: str = "name") -> pd.DataFrame:
    names = departments.set_index("department_id")
    ids = frame["department_id"].astype(object)
    return frame.assign(**{f"{prefix}_en": ids.map(names["name_en"]), f"{prefix}_zh": ids.map(names["name_zh"])})


def _employee_names(db: Store, ids) -> pd.DataFrame:
    """``employee_id, name_en, name_zh`` of ``ids`` (the scope's people; an id not found keeps no name)."""
    wanted = pd.DataFrame({"employee_id": pd.Series(list(dict.fromkeys(map(str, ids))), dtype=str)})
    if wanted.empty:
        return wanted.assign(name_en=pd.Series(dtype=object), name_zh=pd.Series(dtype=object))
    return db.query("SELECT w.employee_id, e.name_en, e.name_zh FROM wanted w "
                    "LEFT JOIN employees e USING (employee_id)", frames={"wanted": wanted})


def people(db: Store, settings_json: str, prepared: Designer | None = None) -> PeopleReport:
    """The People tab: this design's figures beside the structure in force's, the distributions, by department,
    and who is outside their range."""
    data, structure, placement, _ = _designed(db, _settings(settings_json), prepared)
    everyone = placement.people
    figures = DesignFigures(
        headcount=len(everyone), below=int(everyone["below_min"].sum()), below_share=placement.below_share,
        above=int(everyone["above_max"].sum()), above_share=placement.above_share,
        cost_to_min=12 * placement.cost_to_min,
        average_cr=float(everyone["compa_ratio"].mean()) if len(everyone) else math.nan)
    by_department = everyone.groupby("department_id", dropna=False, observed=True).agg(
        headcount=("employee_id", "size"), below=("below_min", "sum"), to_min=("to_min", "sum"),
        above=("above_max", "sum"), cr=("compa_ratio", "mean"), bonus=("bonus", "sum")).reset_index()
    by_department[["to_min", "bonus"]] *= 12
    by_department = _with_department_names(by_department, data.departments).sort_values(
        "to_min", ascending=False, kind="stable").reset_index(drop=True)
    outside = everyone[everyone["below_min"] | everyone["above_max"]].sort_values("compa_ratio", kind="stable")
    outside = outside[["employee_id", "department_id", "grade", "base_pay", "fixed_min", "fixed_max", "compa_ratio",
                       "below_min"]].astype({"employee_id": str})
    outside = _with_department_names(outside, data.departments, "department").merge(
        _employee_names(db, outside["employee_id"]), on="employee_id", how="left")
    return PeopleReport(figures, prepared.in_force if prepared is not None else headline(db),
                        _histogram(everyone["compa_ratio"], CR_BINS, (0.8, 1.2)),
                        _histogram(everyone["penetration"], PENETRATION_BINS, (0.0, 1.0)), by_department, outside)


# ---------------------------------------------------------------------------
# Cost and budget
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CostReport:
    strip: CostStrip
    levers: pd.DataFrame
    """What each lever would do: ``lever, value, structure, change (against the design), gap`` (annual); the
    headcount lever only when a cut is needed."""
    bonus_by_rating: pd.DataFrame
    """``rating (None: no rating), factor, headcount, target, bonus`` (annual)."""
    bonus_total: float
    bonus_against_target: float
    """Performance-linked bonus minus the target bonus (annual)."""
    by_department: pd.DataFrame
    """``department_id, name_en, name_zh, headcount, bonus, structure`` (annual)."""


def cost(db: Store, settings_json: str, approved: float, prepared: Designer | None = None) -> CostReport:
    """The Cost tab: the design's cost against ``approved``, what each lever would save, and the bonus."""
    settings = _settings(settings_json, approved)
    data, structure, placement, payroll = _designed(db, settings, prepared)
    levers = pay.levers(data, settings, approved, placement, payroll)
    levers = levers[(levers["lever"] != "headcount") | (levers["value"] > 0)].reset_index(drop=True)
    levers["change"] = levers["structure"] - payroll.structure
    bonus = pay.bonus_by_rating(placement, pay.bonus_factors(settings.bonus_factors))
    by_department = _with_department_names(payroll.by_department, data.departments)
    return CostReport(_strip(payroll, approved), levers, bonus, float(bonus["bonus"].sum()),
                      float(bonus["bonus"].sum() - bonus["target"].sum()),
                      by_department[["department_id", "name_en", "name_zh", "headcount", "bonus", "structure"]])


@dataclass(frozen=True)
class BudgetReport:
    plan: pd.DataFrame
    """``department_id, name_en, name_zh, current, planned, cost_per_head, budget`` (annual)."""
    total: float


def budget(db: Store, settings_json: str, growth: float = 0.0, planned: tuple = (),
           prepared: Designer | None = None) -> BudgetReport:
    """Next year's budget: each department's headcount grown by ``growth`` (a share, rounded to a person), or as
    ``planned`` (``(department_id, headcount)`` pairs, the analyst's edits) where given, costed at its mix of
    grades and today's compa-ratios (:func:`hrcore.pay.budget`)."""
    data, structure, placement, _ = _designed(db, _settings(settings_json), prepared)
    current = placement.people.groupby("department_id", observed=True).size()
    plan = pd.DataFrame({"department_id": current.index.astype(object),
                         "planned": np.round(current.to_numpy() * (1 + growth)).astype(int)})
    edits = dict(planned)
    plan["planned"] = [int(edits.get(d, p)) for d, p in zip(plan["department_id"], plan["planned"])]
    result = pay.budget(placement, structure, plan)
    result = _with_department_names(result, data.departments)
    return BudgetReport(result[["department_id", "name_en", "name_zh", "current", "planned", "cost_per_head",
                                "budget"]], float(result["budget"].sum()))


# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ScenarioFigures:
    """One structure in the comparison: this design (``structure_id`` None) or a saved scenario."""

    structure_id: str | None
    name: str
    grades: int
    lowest_mid: float
    highest_mid: float
    progression: float
    """Mean progression between grades."""
    structure_cost: float
    against_budget: float
    """``structure_cost`` − the approved budget (positive: over it)."""
    below_share: float
    above_share: float
    cost_to_min: float
    """Annual."""
    midpoints: pd.DataFrame
    """``grade, fixed_mid`` (monthly)."""


@dataclass(frozen=True)
class ScenariosReport:
    saved: pd.DataFrame
    """Newest first: ``structure_id, name, status, created_by, created_by_en, created_by_zh, created_at,
    approved_by, approved_by_en, approved_by_zh, approved_at`` (a person's names where the record holds an
    employee id)."""
    in_force: str | None
    """The structure in force's id."""
    drafts: tuple
    compared: tuple
    """:class:`ScenarioFigures`, this design first."""
    approved: float
    """The budget the structures' costs are set against (annual)."""


def _figures(structure_id, name: str, structure: pay.Structure, placement: pay.Placement,
             payroll: pay.Payroll, approved: float) -> ScenarioFigures:
    grades = structure.grades
    return ScenarioFigures(structure_id, name, len(grades), float(grades["fixed_mid"].iloc[0]),
                           float(grades["fixed_mid"].iloc[-1]), float(np.nanmean(grades["progression"])),
                           payroll.structure, payroll.structure - approved, placement.below_share, placement.above_share,
                           12 * placement.cost_to_min, grades[["grade", "fixed_mid"]].reset_index(drop=True))


def scenarios(db: Store, settings_json: str, approved: float, compare: tuple = (),
              prepared: Designer | None = None) -> ScenariosReport:
    """The Scenarios tab: the saved scenarios, who saved and approved them, and this design beside the ``compare``d
    ones (their stored grades, today's people placed in them)."""
    saved = pay.scenarios(db)
    people = _employee_names(db, [*saved["created_by"].dropna(), *saved["approved_by"].dropna()]).set_index(
        "employee_id")
    for who in ("created_by", "approved_by"):
        ids = saved[who].astype(object)
        saved[f"{who}_en"] = ids.map(people["name_en"]) if len(people) else None
        saved[f"{who}_zh"] = ids.map(people["name_zh"]) if len(people) else None
    approved_rows = saved[saved["status"] == "approved"].sort_values("approved_at")
    data, structure, placement, payroll = _designed(db, _settings(settings_json, approved), prepared)
    rows = [_figures(None, "", structure, placement, payroll, approved)]
    names = dict(zip(saved["structure_id"], saved["name"]))
    for structure_id in compare:
        stored = pay.stored_structure(db, structure_id, data)
        placed = pay.place_people(stored, data.employees)
        rows.append(_figures(structure_id, str(names.get(structure_id, structure_id)), stored, placed,
                             pay.payroll(placed, approved), approved))
    return ScenariosReport(
        saved[["structure_id", "name", "status", "created_by", "created_by_en", "created_by_zh", "created_at",
               "approved_by", "approved_by_en", "approved_by_zh", "approved_at"]].reset_index(drop=True),
        str(approved_rows["structure_id"].iloc[-1]) if len(approved_rows) else None,
        tuple(saved.loc[saved["status"] == "draft", "structure_id"]), tuple(rows), approved)
