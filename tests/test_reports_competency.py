"""The competency page's reports (hrcore.reports.competency), each figure checked against a calculation made here:
by hand for a small review written in the test, with plain pandas from the raw rows of the small demo company.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from hrcore import competency
from hrcore.company import as_of_date
from hrcore.reports import competency as reports
from hrcore.store import Store


@pytest.fixture
def small_review(fresh_db) -> Store:
    """A two-item model; two reviewees in job J (targets 7 and 8), each rated by a superior and three peers.

    E1: superior 4, peers 5, 5, 5 on both items.  E2: superior 8, peers 9, 9, 9.
    """
    db = fresh_db
    db.upsert("departments", pd.DataFrame({"department_id": ["D1"], "name_en": ["Sales"], "name_zh": ["销售部"]}))
    db.upsert("jobs", pd.DataFrame({"job_id": ["J"], "title_en": ["Rep"], "title_zh": ["代表"]}))
    db.upsert("employees", pd.DataFrame({
        "employee_id": ["E1", "E2", "R1", "R2", "R3", "R4"], "name_en": ["Ann", "Bo", "R1", "R2", "R3", "R4"],
        "name_zh": ["安", "博", None, None, None, None], "department_id": "D1", "job_id": "J", "job_level": 1,
        "status": "active", "hire_date": date(2020, 1, 1)}))
    competency.save_model(db, "m1", "Model", None, pd.DataFrame({
        "item_id": ["i1", "i2"], "name_en": ["Trust", "Drive"], "layer": ["trait", "motive"],
        "kind": "general", "critical": False, "min_score": None}))
    competency.save_targets(db, "J", 1, {"i1": 7.0, "i2": 8.0})
    rows = [(ratee, rater, group, item, score)
            for ratee, scores in (("E1", (4, 5, 5, 5)), ("E2", (8, 9, 9, 9)))
            for rater, group, score in zip(["R1", "R2", "R3", "R4"], ["superior", "peer", "peer", "peer"], scores)
            for item in ("i1", "i2")]
    problems = competency.save_ratings(db, pd.DataFrame(
        rows, columns=["ratee_id", "rater_id", "rater_group", "item_id", "score"]).assign(
        period="2026", rated_on=date(2026, 6, 1)))
    assert problems.empty, problems
    return db


def test_a_review_averages_the_groups_by_their_weights_and_compares_with_the_target(small_review):
    # By hand, default weights superior 0.4 and peers 0.3, scaled over the two groups that rated (0.7):
    # E1 (0.4·4 + 0.3·5) / 0.7 = 4.43 on each item, E2 (0.4·8 + 0.3·9) / 0.7 = 8.43; targets 7 and 8.
    e1, e2 = (0.4 * 4 + 0.3 * 5) / 0.7, (0.4 * 8 + 0.3 * 9) / 0.7
    gap1, gap2 = ((e1 - 7) + (e1 - 8)) / 2, ((e2 - 7) + (e2 - 8)) / 2
    review = reports.review_360(small_review, "2026", "m1")
    assert review.reviewed == 2
    assert math.isclose(review.average_gap, (gap1 + gap2) / 2)
    # The pass total is 6 by default: E1's 4.43 is below it, E2 passes.
    assert review.pass_share == 0.5 and review.knocked_out == 0
    assert review.people["ratee_id"].tolist() == ["E1", "E2"]  # the largest gap below target first
    assert review.people["name_en"].tolist() == ["Ann", "Bo"]
    assert review.departments == ("D1",)
    # Four raters besides self each: fewer than the five advised.
    assert review.short_of_raters == 2


def test_a_person_shows_each_group_or_why_it_is_missing(small_review):
    person = reports.review_360(small_review, "2026", "m1").person("E1")
    by_item = person.items.set_index("item_id")
    # The superior is shown alone (one superior is expected), the three peers are enough, nobody else rated.
    assert set(by_item["shown_superior"]) == {"shown"} and set(by_item["shown_peer"]) == {"shown"}
    assert set(by_item["shown_subordinate"]) == {"none"} and set(by_item["shown_other"]) == {"none"}
    # Both items below target: the development actions list them, the one furthest below first (Drive, 8).
    assert person.actions["item_id"].tolist() == ["i2", "i1"]
    assert person.knocked_out == () and person.blind_spots == ()


def test_the_team_grid_holds_the_departments_reviewees_by_item(small_review):
    grid = reports.review_360(small_review, "2026", "m1").team("D1")
    assert sorted(grid.columns) == ["E1", "E2"] and sorted(grid.index) == ["i1", "i2"]
    assert math.isclose(grid.loc["i1", "E2"], (0.4 * 8 + 0.3 * 9) / 0.7)


def test_a_target_profile_saved_for_one_model_keeps_the_targets_on_other_models(small_review):
    competency.save_model(small_review, "m2", "Other", None, pd.DataFrame({
        "item_id": ["x1"], "name_en": ["Other item"], "layer": ["skill"], "kind": "general", "critical": False, "min_score": None}))
    competency.save_targets(small_review, "J", 1, {"i1": 7.0, "i2": 8.0, "x1": 5.0})
    profile = reports.target_profile(small_review, "J", 1, "m1")
    assert profile.items[["item_id", "target"]].values.tolist() == [["i1", 7.0], ["i2", 8.0]]
    assert profile.with_changes({"i1": 6.0, "i2": 8.0}) == {"x1": 5.0, "i1": 6.0, "i2": 8.0}


def test_basics_list_the_review_periods_latest_first_and_the_people_are_named(small_review):
    assert reports.basics(small_review).periods == ("2026",)
    assert reports.rated_models(small_review, "2026") == ("m1",)



def test_a_person_is_found_by_id_or_by_part_of_a_name(small_review):
    by_id = reports.people_matching(small_review, "E1")
    assert by_id[["employee_id", "name_en", "name_zh"]].values.tolist() == [["E1", "Ann", "安"]]
    # "r" is no id: the names holding it, any case, by name (R1-R4; Ann and Bo have none).
    assert reports.people_matching(small_review, "r")["employee_id"].tolist() == ["R1", "R2", "R3", "R4"]
    assert reports.people_matching(small_review, "博")["employee_id"].tolist() == ["E2"]
    assert reports.people_matching(small_review, "nobody").empty


def held_by_hand(db: Store) -> pd.Series:
    """Per person and track, the highest level reached one level at a time by passed reviews."""
    passed = db.query("SELECT employee_id, track_id, level FROM certifications WHERE stage = 'review' "
                      "AND result = 'pass'")
    got = passed.groupby(["employee_id", "track_id"])["level"].apply(set)
    held = {}
    for key, levels in got.items():
        level = 0
        while level + 1 in levels:
            level += 1
        held[key] = level
    return pd.Series(held, dtype=int)


def test_certification_coverage_and_overdue_match_the_raw_rows(demo):
    # By hand from the rows: people employed on the as-of date in a job tied to a level; certified when they
    # hold it; overdue past the due date (level 1: hire + probation + 3 months; higher: the hire date).
    as_of = as_of_date(demo)
    probation = competency.load_settings(demo)["probation_months"]
    staff = demo.query("SELECT employee_id, job_id, hire_date FROM employees WHERE (hire_date IS NULL OR "
                       "hire_date <= ?) AND (exit_date IS NULL OR exit_date > ?) AND NOT "
                       "(coalesce(status, 'active') = 'left' AND exit_date IS NULL)", [as_of, as_of])
    jobs = staff.merge(demo.query("SELECT track_id, level AS required, job_id FROM cert_levels "
                                  "WHERE job_id IS NOT NULL"), on="job_id")
    held = held_by_hand(demo)
    have = [held.get((p, tr), 0) for p, tr in zip(jobs["employee_id"], jobs["track_id"])]
    certified = [h >= r for h, r in zip(have, jobs["required"])]
    due = [pd.Timestamp(h) + pd.DateOffset(months=probation + 3) if r == 1 else pd.Timestamp(h)
           for h, r in zip(jobs["hire_date"], jobs["required"])]
    overdue = sum(not c and d < pd.Timestamp(as_of) for c, d in zip(certified, due))

    report = reports.certification(demo, as_of)
    assert report.in_certified_jobs == len(jobs) > 0
    assert math.isclose(report.coverage, sum(certified) / len(jobs))
    assert report.overdue_count == overdue
    assert report.overdue["name_en"].notna().all()
    assert report.held["people"].sum() == len(jobs)


def test_the_headline_agrees_with_the_certification_and_review_tabs(demo):
    as_of = as_of_date(demo)
    head = reports.headline(demo, as_of)
    certification = reports.certification(demo, as_of)
    assert (head.coverage, head.in_certified_jobs, head.overdue) == (
        certification.coverage, certification.in_certified_jobs, certification.overdue_count)
    # The 360 tab opens on the latest period and its most rated model.
    period = reports.basics(demo).periods[0]
    review = reports.review_360(demo, period, reports.rated_models(demo, period)[0])
    assert (head.average_gap, head.reviewed) == (review.average_gap, review.reviewed)
    # Reviewed: everyone with a rating on that model in that period, counted from the raw rows.
    rated = demo.query("SELECT count(DISTINCT r.ratee_id) AS n FROM ratings_360 r JOIN comp_items i USING (item_id) "
                       "WHERE r.period = ? AND i.model_id = ?", [period, review.model_id])["n"].iloc[0]
    assert head.reviewed == rated > 0


def test_a_sitting_is_marked_at_the_kth_best_score_and_names_its_candidates(demo):
    report = reports.certification(demo, as_of_date(demo))
    index = report.opening_sitting
    sitting = report.sittings.loc[index]
    # The opening sitting is the largest (the latest of equals), among the recent ones.
    assert sitting["candidates"] == report.sittings["candidates"].max()
    scores = demo.query("SELECT c.score, e.name_en FROM certifications c JOIN employees e USING (employee_id) "
                        "WHERE stage = 'course_exam' AND track_id = ? AND level = ? AND course = ? AND exam_date = ? "
                        "AND score IS NOT NULL", [sitting["track_id"], int(sitting["level"]), sitting["course"],
                                                  sitting["exam_date"].date()])
    ranked = sorted(scores["score"], reverse=True)
    mark = ranked[math.ceil(0.5 * len(ranked)) - 1]
    marked = report.sitting(index, 0.5)
    assert (marked.mark, marked.candidates, marked.passed) == (mark, len(ranked), sum(s >= mark for s in ranked))
    assert marked.scores["score"].tolist() == ranked
    assert sorted(marked.scores["name_en"]) == sorted(scores["name_en"])


def test_candidates_are_counted_by_next_step_and_listed_with_names(demo):
    report = reports.certification(demo, as_of_date(demo))
    assert list(report.steps.index) == list(competency.NEXT_STEPS[:-1])
    for step, rows in report.candidates.items():
        assert len(rows) == min(report.steps[step], reports.MAX_LISTED)
        assert set(rows["next_step"]) == {step} and rows["name_en"].notna().all()
    assert report.pending_appeals == (report.appeals["outcome"] == "pending").sum()


def test_qualification_counts_and_lists_follow_everyones_check(demo):
    # Independent: the counts of each filter recomputed with pandas from the people the report checked.
    report = reports.qualification(demo, as_of_date(demo))
    people = report.people[report.people["own_meets"].notna()]
    own = people["own_meets"].astype(bool)
    assert report.with_standard == len(people) > 0
    assert math.isclose(report.meets_own, own.mean())
    assert report.listed("all")[1] == len(people)
    assert report.listed("not_own")[1] == (~own).sum()
    assert report.listed("ready_next")[1] == (people["next_meets"] == True).sum()  # noqa: E712
    job = report.jobs[0]
    assert report.listed("all", (job,))[1] == (people["job_id"] == job).sum()
    # By department: the people add up, and a department of fewer than five comes after the larger ones.
    by_dept = report.by_department
    assert by_dept["people"].sum() == len(people)
    small = (by_dept["people"] < reports.SMALL_DEPARTMENT).tolist()
    assert small == sorted(small)
    for row in by_dept.itertuples():
        mine = people[people["department_id"] == row.department_id]
        assert math.isclose(row.own, mine["own_meets"].astype(bool).mean())


def test_a_jobs_standard_holds_its_levels_and_the_level_one_targets(demo):
    job = demo.query("SELECT job_id FROM qualification_reqs ORDER BY job_id LIMIT 1")["job_id"].iloc[0]
    standard = reports.job_standard(demo, job)
    assert standard.job["job_id"] == job
    assert standard.levels["level"].tolist() == sorted(standard.levels["level"])
    assert standard.first_level["level"] == standard.levels["level"].min()
    targets = demo.query("SELECT count(*) AS n FROM comp_targets WHERE job_id = ? AND level = 1", [job])["n"].iloc[0]
    assert len(standard.targets) == targets
