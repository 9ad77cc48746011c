"""One mapping and one report for every import (issue 28 items 6 and 7), driven through the pages' widgets: a survey
tool's 360 export on the Data page and on the Competencies page, KPI actuals on the KPI page, and a scorecard
imported with a total and a rating shown as imported on its card.

The 360 file is tests/data/survey_360_long.csv; tests/test_ratings_import.py works out its numbers by hand.
"""

from __future__ import annotations

import pandas as pd

from hrcore.imports import import_file
from hrcore.store import Store, open_store
from tests.app.conftest import app, open_tab
from tests.test_ratings_import import SURVEY, stored, with_people_and_items

DATA = "views/data.py"


def people_db(db_path):
    with_people_and_items(Store(db_path)).close()
    return db_path


def ok(at):
    assert not at.exception, [e.message for e in at.exception]
    return at


def button(at, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def repeats_radio(at):
    return next(r for r in at.radio if r.key and r.key.startswith("repeats-"))


def survey_on_the_data_page(lang: str = "en"):
    at = ok(app(DATA, lang=lang))
    at.selectbox(key="import_table").set_value("ratings_360").run()
    at.file_uploader[0].set_value(("survey_360_long.csv", SURVEY.read_bytes(), "text/csv")).run()
    return ok(at)


def test_a_survey_export_is_averaged_checked_and_imported_on_the_data_page(db_path):
    people_db(db_path)
    at = survey_on_the_data_page()
    assert repeats_radio(at).value == "refuse"                     # nothing is averaged unless asked
    repeats_radio(at).set_value("average").run()
    button(ok(at), "Check the file").click().run()
    infos = [i.value for i in ok(at).info]
    assert any("6 cells read as missing (NA ×2, null ×2, - ×1, N/A ×1)" in i for i in infos), infos
    assert any("7 rows have no score (the item was not rated) and are left out" in i for i in infos), infos
    assert any("2 ratings were given more than once (5 rows): each is stored once, as the average" in i
               for i in infos), infos
    assert any("Direct report → subordinate (7)" in i for i in infos), infos
    # 39 answers, 7 unrated, 5 rows of repeats stored as 2 ratings: 29.
    assert any("All 29 rows are valid: 29 new, 0 changed, 0 unchanged." in s.value for s in at.success)
    button(at, "Import 29 rows").click().run()
    ratings = stored(open_store(db_path))
    assert ratings[("P01", "P03", "comm")][0] == 7.0               # (6 + 8) / 2
    assert ratings[("P01", "P05", "team")][0] == 6.0               # (5 + 6 + 7) / 3


def test_refused_repeats_are_listed_by_row_and_column_in_chinese_and_nothing_is_written(db_path):
    people_db(db_path)
    at = survey_on_the_data_page("zh")
    button(at, "校验文件").click().run()
    problems = ok(at).tabs[0].dataframe[-1].value
    # Answers 22, 23 and 24 (rows 23-25) repeat answers 7 and 14 (rows 8 and 15).
    assert problems[["行", "列"]].values.tolist() == [[23, "item_id"], [24, "item_id"], [25, "item_id"]]
    assert problems["原因"].iloc[0].startswith("与第 8 行重复：同一评价人在本轮评估中对同一人的同一项再次评分")
    assert any("2 条评分被重复给出（共 5 行）：已拒绝" in i.value for i in at.info)
    assert open_store(db_path).count("ratings_360") == 0


def test_a_saved_mapping_keeps_the_repeats_choice(db_path):
    people_db(db_path)
    at = survey_on_the_data_page()
    repeats_radio(at).set_value("last").run()
    at.text_input(key="save-name-ratings_360").input("survey tool").run()
    button(ok(at), "Save mapping").click().run()
    assert open_store(db_path).mappings("ratings_360")["survey tool"]["repeats"] == "last"


def test_the_competencies_page_imports_a_survey_export_keeping_the_last_repeat(db_path):
    people_db(db_path)
    at = open_tab(app("views/competency.py"), "cm_tab", "360 review")
    at.file_uploader(key="cm_imp_file").set_value(("survey.csv", SURVEY.read_bytes(), "text/csv")).run()
    ok(at)
    # The same report as on the Data page: the repeats are refused until the mapping says what to do.
    assert any("2 ratings were given more than once (5 rows): refused" in i.value for i in at.info)
    assert not [b for b in at.button if b.key == "cm_imp_go"]
    repeats_radio(at).set_value("last").run()
    assert any("the last submitted of each is kept, by its timestamp." in i.value for i in ok(at).info)
    assert any("Ready: 29 new, 0 changed, 0 unchanged." in s.value for s in at.success)
    at.button(key="cm_imp_go").click().run()
    assert any("Imported: 29 new ratings" in s.value for s in ok(at).success)
    ratings = stored(open_store(db_path))
    assert ratings[("P01", "P05", "team")][0] == 6.0               # 6 at 12:00 beats 5 at 10:00 and 7 at 08:30
    assert ratings[("P01", "P03", "comm")][0] == 8.0               # 8 at 17:40:12 beats 6 at 09:15


def test_the_competencies_import_offers_a_mapping_saved_on_the_data_page(db_path):
    people_db(db_path)
    store = open_store(db_path)
    columns = {"period": "Review", "ratee_id": "Reviewee", "rater_id": "Reviewer", "rater_group": "Relationship",
               "item_id": "Competency", "score": "Rating", "rated_on": "Submitted at"}
    store.save_mapping("survey tool", "ratings_360", {"columns": columns, "repeats": "average"})
    at = open_tab(app("views/competency.py", lang="zh"), "cm_tab", "360评估")
    at.file_uploader(key="cm_imp_file").set_value(("survey.csv", SURVEY.read_bytes(), "text/csv")).run()
    next(s for s in ok(at).selectbox if s.label == "映射").set_value("survey tool").run()
    assert repeats_radio(ok(at)).value == "average"
    assert any("每条只保存一次，分数取各次平均" in i.value for i in at.info)
    at.button(key="cm_imp_go").click().run()
    assert stored(open_store(db_path))[("P01", "P03", "comm")][0] == 7.0


def imported_card(db_path):
    store = Store(db_path)
    store.upsert("employees", pd.DataFrame({"employee_id": ["E1"], "name_en": ["Wang Fang"], "name_zh": ["王芳"],
                                            "department_id": ["D1"]}))
    data = b"scorecard_id,owner_type,owner_id,period,total_score,rating\n2025-E1,employee,E1,2025,104.5,B\n"
    assert import_file(store, "scorecards", data, "results.csv").written
    store.close()


def test_a_card_imported_with_a_total_and_a_rating_shows_them_on_the_card_page(db_path):
    imported_card(db_path)
    for lang, note in (("en", "Total and rating as imported"), ("zh", "总分与等级为导入值")):
        at = ok(app("views/kpi.py", lang=lang))
        metrics = {m.label: m.value for m in at.metric}
        # The file's 104.5 and B (row 2 of results.csv), where the page used to score the empty card 0.0 and D.
        assert metrics.get("Total score", metrics.get("总分")) == "104.5"
        assert metrics.get("Rating", metrics.get("考核等级")) == "B"
        assert any(note in i.value for i in at.info)


def test_kpi_actuals_under_chinese_headings_are_checked_and_imported_on_the_kpi_page(db_path):
    imported_card(db_path)
    store = Store(db_path)
    store.upsert("kpi_indicators", pd.DataFrame({"indicator_id": ["sales"], "name_en": ["Sales"]}))
    store.upsert("scorecards", pd.DataFrame({"scorecard_id": ["2025-E1"], "status": ["draft"]}))
    store.upsert("scorecard_lines", pd.DataFrame({"scorecard_id": ["2025-E1"], "indicator_id": ["sales"],
                                                  "weight": [1.0], "target": [1200.0], "rule": ["linear"]}))
    store.close()
    at = open_tab(ok(app("views/kpi.py")), "kpi_tab", "Data check")
    data = "考核表,指标,完成值\n2025-E1,sales,1140\n".encode()
    at.file_uploader(key="kpi_actuals").set_value(("实际值.csv", data, "text/csv")).run()
    assert any("Ready: 0 new, 1 changed, 0 unchanged." in s.value for s in ok(at).success)
    at.button(key="kpi_import_button").click().run()
    assert any("1 actuals imported" in s.value for s in ok(at).success)
    assert open_store(db_path).query("SELECT actual FROM scorecard_lines")["actual"].item() == 1140.0
