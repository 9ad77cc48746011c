"""Row models of every table the product holds (DOMAIN.md §1).

Each pydantic model is the contract of one table: the columns, their types,
which are required and which values are allowed.  Imports validate whole
files against these models in bulk (see :mod:`hrcore.imports`); the DuckDB
DDL in :mod:`hrcore.store` is kept in step with them by a test.

Money is per month in the company's currency; percentages are fractions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
import types
import typing
from typing import Annotated, Callable, Literal, Optional

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

NonNegative = Annotated[float, Field(ge=0)]
PAY_CEILING = 1_000_000_000
"""The most a month's pay or bonus may be: far above any real pay in any currency the app meets (yuan, yen,
won), yet a million people's year at it stays a finite sum; 1e308 made every payroll total infinite."""
MonthlyPay = Annotated[float, Field(ge=0, le=PAY_CEILING)]
Fraction = Annotated[float, Field(ge=0, le=1)]
Grade = Annotated[int, Field(ge=1, le=99)]
Score10 = Annotated[float, Field(ge=1, le=10)]

Education = Literal["high_school", "college", "bachelor", "master", "doctor"]
Gender = Literal["female", "male"]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Department(Row):
    department_id: str
    name_en: Optional[str] = None
    name_zh: Optional[str] = None
    parent_id: Optional[str] = None
    head_id: Optional[str] = None


class Job(Row):
    job_id: str
    job_family: Optional[str] = None
    title_en: Optional[str] = None
    title_zh: Optional[str] = None
    is_key: Optional[bool] = None
    is_manager: Optional[bool] = None
    points: Optional[NonNegative] = None
    grade: Optional[Grade] = None
    description_en: Optional[str] = None
    description_zh: Optional[str] = None
    next_job_id: Optional[str] = None
    """The job one step up the career path (for "qualified for the next level")."""


class Employee(Row):
    employee_id: str
    name_zh: Optional[str] = None
    name_en: Optional[str] = None
    department_id: Optional[str] = None
    job_id: Optional[str] = None
    grade: Optional[Grade] = None
    manager_id: Optional[str] = None
    hire_date: Optional[date] = None
    birth_date: Optional[date] = None
    gender: Optional[Gender] = None
    education: Optional[Education] = None
    major: Optional[str] = None
    location: Optional[str] = None
    base_pay: Optional[MonthlyPay] = None
    target_bonus: Optional[MonthlyPay] = None
    status: Literal["active", "left"] = "active"
    exit_date: Optional[date] = None
    exit_type: Optional[Literal["voluntary", "involuntary"]] = None
    exit_reason: Optional[str] = None
    key_talent: Optional[bool] = None
    job_level: Optional[Annotated[int, Field(ge=1, le=10)]] = None
    """Level within the job (certification and qualification levels); empty means 1."""


class EmployeeEvent(Row):
    event_id: str
    employee_id: str
    event_date: date
    event_type: Literal["hire", "promotion", "transfer", "pay_change", "exit"]
    from_job_id: Optional[str] = None
    to_job_id: Optional[str] = None
    from_grade: Optional[Grade] = None
    to_grade: Optional[Grade] = None
    base_pay: Optional[MonthlyPay] = None


class MarketData(Row):
    job_id: str
    survey_year: Annotated[int, Field(ge=1990, le=2100)]
    pay_type: Literal["fixed", "total_cash"]
    p10: Optional[NonNegative] = None
    p25: Optional[NonNegative] = None
    p50: Optional[NonNegative] = None
    p75: Optional[NonNegative] = None
    p90: Optional[NonNegative] = None
    effective_date: Optional[date] = None
    source: Optional[str] = None
    survey_job: Optional[str] = None
    currency: Optional[str] = None


class EvalScheme(Row):
    scheme_id: str
    name: Optional[str] = None
    version: Annotated[int, Field(ge=1)]
    total_points: Annotated[float, Field(gt=0)]
    scale: Literal["arithmetic", "geometric"]
    ratio: Optional[Annotated[float, Field(gt=1)]] = None
    based_on: Optional[str] = None
    created_at: Optional[datetime] = None
    created_by: Optional[str] = None


class EvalFactor(Row):
    scheme_id: str
    factor_id: str
    name_en: Optional[str] = None
    name_zh: Optional[str] = None
    weight: Fraction
    position: Optional[int] = None
    note_en: Optional[str] = None
    note_zh: Optional[str] = None


class EvalLevel(Row):
    scheme_id: str
    factor_id: str
    level: Annotated[int, Field(ge=1, le=20)]
    points: NonNegative
    definition_en: Optional[str] = None
    definition_zh: Optional[str] = None


class EvalRating(Row):
    scheme_id: str
    job_id: str
    factor_id: str
    rater: str
    level: Annotated[int, Field(ge=1, le=20)]
    rated_at: Optional[datetime] = None


class EvalConsensus(Row):
    scheme_id: str
    job_id: str
    factor_id: str
    level: Annotated[int, Field(ge=1, le=20)]
    decided_at: Optional[datetime] = None
    decided_by: Optional[str] = None


class EvalLogEntry(Row):
    """One change of a rater's level (``rater`` set) or of the consensus (``rater`` empty)."""

    log_id: int
    changed_at: datetime
    changed_by: Optional[str] = None
    scheme_id: str
    job_id: str
    factor_id: str
    rater: Optional[str] = None
    old_level: Optional[int] = None
    new_level: Optional[int] = None


class JobGrading(Row):
    grading_id: str
    scheme_id: Optional[str] = None
    grades: Grade
    method: Literal["equal", "geometric"]
    points_min: NonNegative
    points_max: NonNegative
    created_at: Optional[datetime] = None
    created_by: Optional[str] = None


class JobGradingBand(Row):
    grading_id: str
    grade: Grade
    points_min: NonNegative
    points_max: NonNegative


class JobGradingJob(Row):
    grading_id: str
    job_id: str
    points: NonNegative
    grade: Grade


class PayStructure(Row):
    structure_id: str
    name: str
    status: Literal["draft", "approved"] = "draft"
    params: Optional[str] = None
    created_at: Optional[datetime] = None
    created_by: Optional[str] = None
    approved_at: Optional[datetime] = None
    approved_by: Optional[str] = None


class PayGrade(Row):
    structure_id: str
    grade: Grade
    points_min: Optional[NonNegative] = None
    points_max: Optional[NonNegative] = None
    fixed_min: NonNegative
    fixed_mid: NonNegative
    fixed_max: NonNegative
    total_min: Optional[NonNegative] = None
    total_mid: Optional[NonNegative] = None
    total_max: Optional[NonNegative] = None


class CompModel(Row):
    model_id: str
    name_en: Optional[str] = None
    name_zh: Optional[str] = None


class CompItem(Row):
    item_id: str
    model_id: str
    name_en: Optional[str] = None
    name_zh: Optional[str] = None
    layer: Optional[
        Literal["knowledge", "skill", "social_role", "self_image", "trait", "motive"]
    ] = None
    kind: Optional[Literal["general", "professional"]] = None
    critical: Optional[bool] = None
    min_score: Optional[Score10] = None
    definition_en: Optional[str] = None
    definition_zh: Optional[str] = None
    development_en: Optional[str] = None
    development_zh: Optional[str] = None
    """The development action (course) that closes a gap on this item."""


class CompAnchor(Row):
    item_id: str
    band: Literal["9-10", "7-8", "5-6", "3-4", "1-2"]
    text_en: Optional[str] = None
    text_zh: Optional[str] = None


class CompTarget(Row):
    job_id: str
    level: Annotated[int, Field(ge=1, le=10)] = 1
    item_id: str
    target_score: Score10


class Rating360(Row):
    period: str
    ratee_id: str
    rater_id: str
    rater_group: Literal["self", "superior", "peer", "subordinate", "other"]
    item_id: str
    score: Score10
    rated_on: Optional[date] = None


class QualificationReq(Row):
    job_id: str
    level: Annotated[int, Field(ge=1, le=10)]
    education_min: Optional[Education] = None
    major: Optional[str] = None
    years_experience: Optional[NonNegative] = None
    years_in_job: Optional[NonNegative] = None
    certification_level: Optional[Annotated[int, Field(ge=1, le=10)]] = None
    knowledge_en: Optional[str] = None
    knowledge_zh: Optional[str] = None
    skill_en: Optional[str] = None
    skill_zh: Optional[str] = None
    behaviour_en: Optional[str] = None
    behaviour_zh: Optional[str] = None


class CertLevel(Row):
    track_id: str
    level: Annotated[int, Field(ge=1, le=10)]
    name_en: Optional[str] = None
    name_zh: Optional[str] = None
    job_id: Optional[str] = None


class CertCourse(Row):
    track_id: str
    course_id: str
    from_level: Annotated[int, Field(ge=1, le=10)]
    """The lowest level that requires the course; every higher level requires it too."""
    name_en: Optional[str] = None
    name_zh: Optional[str] = None


class CertAppeal(Row):
    appeal_id: str
    employee_id: str
    track_id: Optional[str] = None
    level: Annotated[int, Field(ge=1, le=10)]
    filed_on: date
    reason: str
    outcome: Literal["pending", "upheld", "rejected"] = "pending"
    decided_on: Optional[date] = None
    decided_by: Optional[str] = None
    note: Optional[str] = None


class Certification(Row):
    record_id: str
    employee_id: str
    track_id: Optional[str] = None
    level: Annotated[int, Field(ge=1, le=10)]
    stage: Literal["course_exam", "ability_test", "review"]
    course: Optional[str] = None
    score: Optional[Annotated[float, Field(ge=0, le=100)]] = None
    pass_mark: Optional[Annotated[float, Field(ge=0, le=100)]] = None
    result: Literal["pass", "fail"]
    exam_date: date
    first_batch: Optional[bool] = False
    """A record of the first batch (首批认证, seed 004 §15(1)): for the person's own post only."""


class CertEligibility(Row):
    """An eligibility review (资格审查, seed 004 §6.2.2) of a candidate for a level against the basic conditions."""

    review_id: str
    employee_id: str
    track_id: Optional[str] = None
    level: Annotated[int, Field(ge=1, le=10)]
    reviewed_on: date
    outcome: Literal["meets", "does_not_meet"]
    unmet: Optional[str] = None
    reviewer: Optional[str] = None
    note: Optional[str] = None


class CertTraining(Row):
    """Training for a level (seed 004 第十一条, §8.4.1): one course of it, or the level's whole programme (no course)."""

    training_id: str
    employee_id: str
    track_id: Optional[str] = None
    level: Annotated[int, Field(ge=1, le=10)]
    course: Optional[str] = None
    mode: Literal["self_study", "course"]
    started_on: date
    ended_on: Optional[date] = None


class KpiIndicator(Row):
    indicator_id: str
    name_en: Optional[str] = None
    name_zh: Optional[str] = None
    definition: Optional[str] = None
    formula: Optional[str] = None
    kind: Optional[Literal["numeric", "time", "mixed", "project"]] = None
    dimension: Optional[Literal["quantity", "quality", "time", "cost"]] = None
    perspective: Optional[
        Literal["financial", "customer", "internal_process", "learning_growth"]
    ] = None
    category: Optional[Literal["KPI", "CPI"]] = None
    data_source: Optional[str] = None
    higher_is_better: Optional[bool] = None
    unit: Optional[str] = None
    owner: Optional[str] = None
    supports: Optional[str] = None
    """The indicator one level up that this one serves (company → department → position)."""
    bounded_share: Optional[bool] = False
    """A share that cannot exceed 100 % (a coverage or pass rate): actuals above 100 % or below 0 are refused."""


class Scorecard(Row):
    scorecard_id: str
    owner_type: Literal["employee", "position", "department"]
    owner_id: str
    period: str
    appraiser_id: Optional[str] = None
    total_score: Optional[NonNegative] = None
    rating: Optional[str] = None
    scoring_mode: Literal["ratio", "points"] = "ratio"
    status: Literal["draft", "scored"] = "draft"
    feedback: Optional[str] = None
    improvement_plan: Optional[str] = None
    updated_at: Optional[datetime] = None
    updated_by: Optional[str] = None
    revision: Optional[int] = 0
    """How many times the card was saved: a writer names the revision it read (edit conflicts)."""


class ScorecardLine(Row):
    scorecard_id: str
    indicator_id: str
    weight: Fraction
    target: Optional[float] = None
    actual: Optional[float] = None
    rule: Literal["linear", "threshold", "pass_fail", "manual"] = "linear"
    per_point: Optional[NonNegative] = None
    floor: Optional[float] = None
    cap: Optional[float] = None
    score: Optional[float] = None
    thresholds: Optional[str] = None
    """Stepwise rule: a JSON list of [threshold, score] pairs."""


class KpiAppeal(Row):
    appeal_id: str
    scorecard_id: str
    filed_by: str
    filed_on: date
    grounds: str
    status: Literal["pending", "upheld", "rejected"] = "pending"
    decided_by: Optional[str] = None
    decided_on: Optional[date] = None
    reason: Optional[str] = None
    """Why the appeal was upheld or rejected (a decision needs one)."""
    appealed_total: Optional[float] = None
    appealed_rating: Optional[str] = None
    """The card's result when the appeal was filed: an upheld appeal sends the card back to draft."""


class KpiCoachingNote(Row):
    note_id: str
    scorecard_id: str
    held_on: date
    author: str
    note: str
    follow_up: Optional[str] = None
    written_at: Optional[datetime] = None


class TalentReview(Row):
    review_id: str
    period: str
    employee_id: str
    performance_level: Literal["low", "medium", "high"]
    ability_level: Literal["low", "medium", "high"]
    box: Annotated[int, Field(ge=1, le=9)]
    calibrated_box: Optional[Annotated[int, Field(ge=1, le=9)]] = None
    calibrated_by: Optional[str] = None
    calibrated_at: Optional[datetime] = None
    reason: Optional[str] = None
    ability_source: Literal["imported", "360", "competency"] = "imported"
    """Where the ability axis came from (:data:`hrcore.ninebox.ABILITY_SOURCES`); the same on every row of a review."""
    ability_period: Optional[str] = None
    """The ability assessment or 360 review period read; unknown for reviews recorded before it was kept."""
    kpi_period: Optional[str] = None
    """The KPI review period whose performance placed people; unknown for reviews recorded before it was kept."""


class AbilityAssessment(Row):
    period: str
    employee_id: str
    score: Score10
    assessor_id: Optional[str] = None


class TalentMove(Row):
    move_id: int
    review_id: str
    employee_id: str
    from_box: Annotated[int, Field(ge=1, le=9)]
    to_box: Annotated[int, Field(ge=1, le=9)]
    reason: str
    moved_by: Optional[str] = None
    moved_at: datetime
    undone_by: Optional[str] = None
    undone_at: Optional[datetime] = None


class TalentAction(Row):
    review_id: str
    kind: Literal["development_plan", "improvement_plan", "retention_talk"]
    employee_id: str
    owner_id: Optional[str] = None
    due_date: Optional[date] = None
    note: Optional[str] = None
    done: bool = False


class LeaveRecord(Row):
    leave_id: str
    employee_id: str
    start_date: date
    end_date: date
    days: Annotated[float, Field(gt=0)]
    kind: Literal["annual", "sick", "personal", "other"]


class AttritionSignal(Row):
    signal_id: str
    employee_id: str
    signal_date: date
    kind: Literal["conflict", "attitude_change", "family", "complaint_change", "overlooked", "leave_rising",
                  "other"]
    note: Optional[str] = None


class HandoverTask(Row):
    task_id: str
    employee_id: str
    item: str
    receiver_id: Optional[str] = None
    second_receiver_id: Optional[str] = None
    due_date: Optional[date] = None
    done: bool = False
    category: Optional[Literal["knowledge", "process", "open_work", "clients", "successor", "review",
                              "agreements", "commitments", "after_exit"]] = None
    owner_id: Optional[str] = None
    stage: Optional[Literal["first", "second", "final"]] = None
    """The staged review the item is checked at (seed 001: review the handover in stages)."""
    done_on: Optional[date] = None


class Exposure(Row):
    """What would leave with a person (seed 001): knowledge, channels, secrets, and who could step in."""

    employee_id: str
    key_knowledge: Optional[bool] = None
    client_channels: Optional[bool] = None
    supplier_channels: Optional[bool] = None
    secrets_access: Optional[bool] = None
    non_compete: Optional[bool] = None
    successor_id: Optional[str] = None
    successor_ready: Optional[Literal["ready_now", "ready_1_2_years", "not_ready"]] = None
    note: Optional[str] = None


class RetentionAction(Row):
    action_id: str
    employee_id: str
    action_date: date
    kind: Literal["retention_talk", "pay_review", "development", "role_change", "recognition", "other"]
    owner_id: Optional[str] = None
    note: Optional[str] = None
    outcome: Optional[Literal["stayed", "left", "open"]] = None


@dataclass(frozen=True)
class RowRule:
    """A check across columns of one row, applied to a whole frame at once.

    ``bad`` receives the typed frame (only the columns the file provides are
    present) and returns a boolean mask of offending rows.
    """

    column: str
    code: str
    """The problem's code: its text is ``problem.<code>`` in :data:`hrcore.i18n.TEXT`."""
    needs: tuple[str, ...]
    bad: Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[Row]
    key: tuple[str, ...]
    rules: tuple[RowRule, ...] = field(default_factory=tuple)
    importable: bool = True
    """False for records the app writes itself (the evaluation log): export only."""

    @property
    def columns(self) -> list[str]:
        return list(self.model.model_fields)

    @property
    def required(self) -> list[str]:
        return [n for n, f in self.model.model_fields.items() if f.is_required()]


def _before(later: str, earlier: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda df: df[later].notna() & df[earlier].notna() & (df[later] < df[earlier])


EMPLOYEE_RULES = (
    RowRule("exit_date", "exit_before_hire",
            ("exit_date", "hire_date"), _before("exit_date", "hire_date")),
    RowRule("hire_date", "hire_before_birth",
            ("hire_date", "birth_date"), _before("hire_date", "birth_date")),
    # A mapped status is taken as the file gives it; without one, an exit date marks a leaver (hrcore.imports).
    RowRule("exit_date", "exit_date_but_active",
            ("exit_date", "status"),
            lambda df: df["exit_date"].notna() & (df["status"] == "active")),
    RowRule("exit_type", "exit_type_but_active",
            ("exit_type", "status"),
            lambda df: df["exit_type"].notna() & (df["status"] == "active")),
)

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in [
        TableSpec("departments", Department, ("department_id",)),
        TableSpec("jobs", Job, ("job_id",)),
        TableSpec("employees", Employee, ("employee_id",), EMPLOYEE_RULES),
        TableSpec("employee_events", EmployeeEvent, ("event_id",)),
        TableSpec("market_data", MarketData, ("job_id", "survey_year", "pay_type")),
        TableSpec("eval_schemes", EvalScheme, ("scheme_id",)),
        TableSpec("eval_factors", EvalFactor, ("scheme_id", "factor_id")),
        TableSpec("eval_levels", EvalLevel, ("scheme_id", "factor_id", "level")),
        TableSpec("eval_ratings", EvalRating, ("scheme_id", "job_id", "factor_id", "rater")),
        TableSpec("eval_consensus", EvalConsensus, ("scheme_id", "job_id", "factor_id")),
        TableSpec("eval_log", EvalLogEntry, ("log_id",), importable=False),
        TableSpec("job_gradings", JobGrading, ("grading_id",)),
        TableSpec("job_grading_bands", JobGradingBand, ("grading_id", "grade")),
        TableSpec("job_grading_jobs", JobGradingJob, ("grading_id", "job_id")),
        TableSpec("pay_structures", PayStructure, ("structure_id",)),
        TableSpec("pay_grades", PayGrade, ("structure_id", "grade")),
        TableSpec("comp_models", CompModel, ("model_id",)),
        TableSpec("comp_items", CompItem, ("item_id",)),
        TableSpec("comp_anchors", CompAnchor, ("item_id", "band")),
        TableSpec("comp_targets", CompTarget, ("job_id", "level", "item_id")),
        TableSpec("ratings_360", Rating360, ("period", "ratee_id", "rater_id", "item_id")),
        TableSpec("qualification_reqs", QualificationReq, ("job_id", "level")),
        TableSpec("certifications", Certification, ("record_id",)),
        TableSpec("cert_levels", CertLevel, ("track_id", "level")),
        TableSpec("cert_courses", CertCourse, ("track_id", "course_id")),
        TableSpec("cert_appeals", CertAppeal, ("appeal_id",)),
        TableSpec("cert_eligibility", CertEligibility, ("review_id",)),
        TableSpec("cert_training", CertTraining, ("training_id",),
                  (RowRule("ended_on", "training_ends_before_start",
                           ("ended_on", "started_on"), _before("ended_on", "started_on")),)),
        TableSpec("kpi_indicators", KpiIndicator, ("indicator_id",)),
        TableSpec("scorecards", Scorecard, ("scorecard_id",)),
        TableSpec("scorecard_lines", ScorecardLine, ("scorecard_id", "indicator_id")),
        TableSpec("kpi_appeals", KpiAppeal, ("appeal_id",), importable=False),
        TableSpec("kpi_coaching_notes", KpiCoachingNote, ("note_id",), importable=False),
        TableSpec("talent_reviews", TalentReview, ("review_id",)),
        TableSpec("ability_assessments", AbilityAssessment, ("period", "employee_id")),
        TableSpec("talent_moves", TalentMove, ("move_id",), importable=False),
        TableSpec("talent_actions", TalentAction, ("review_id", "kind")),
        TableSpec("leave_records", LeaveRecord, ("leave_id",),
                  (RowRule("end_date", "end_before_start",
                           ("end_date", "start_date"), _before("end_date", "start_date")),)),
        TableSpec("attrition_signals", AttritionSignal, ("signal_id",)),
        TableSpec("handover_tasks", HandoverTask, ("task_id",)),
        TableSpec("exposure", Exposure, ("employee_id",)),
        TableSpec("retention_actions", RetentionAction, ("action_id",)),
    ]
}


@dataclass(frozen=True)
class ColumnType:
    """What a column holds, read off its pydantic annotation."""

    python_type: type
    choices: tuple[str, ...] = ()
    ge: float | None = None
    gt: float | None = None
    le: float | None = None


def column_type(model: type[Row], name: str) -> ColumnType:
    """Base type, allowed values and bounds of one column of ``model``.

    >>> column_type(Employee, "status").choices
    ('active', 'left')
    >>> column_type(Employee, "base_pay")
    ColumnType(python_type=<class 'float'>, choices=(), ge=0, gt=None, le=1000000000)
    """
    info = model.model_fields[name]
    bounds = {}
    for meta in info.metadata:
        for attr in ("ge", "gt", "le"):
            if getattr(meta, attr, None) is not None:
                bounds[attr] = getattr(meta, attr)
    annotation = info.annotation
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Union or origin is types.UnionType:
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation = args[0]
            for meta in args[1:]:
                for inner in getattr(meta, "metadata", [meta]):
                    for attr in ("ge", "gt", "le"):
                        if getattr(inner, attr, None) is not None:
                            bounds[attr] = getattr(inner, attr)
        elif origin is typing.Literal:
            return ColumnType(str, tuple(typing.get_args(annotation)), **bounds)
        else:
            return ColumnType(annotation, (), **bounds)
