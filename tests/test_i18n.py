"""Both languages, every string, and locale number formats."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from hrcore import i18n
from hrcore.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent


def test_every_text_has_english_and_chinese():
    for key, (english, chinese) in i18n.TEXT.items():
        assert english.strip() and chinese.strip(), key
        assert re.search(r"[\u4e00-\u9fff]", chinese), f"{key} has no Chinese"
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", chinese)), key


def test_every_key_the_app_uses_exists():
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("views/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no keys found: the pattern is stale"
    assert used - set(i18n.TEXT) == set()


def test_every_table_has_a_label():
    assert {f"table.{name}" for name in TABLES} <= set(i18n.TEXT)


def test_every_reason_a_risk_model_leaves_a_column_out_for_reads_in_both_languages():
    from hrcore.attrition import DROP_CODES

    assert {f"attrition.drop.{code}" for code in DROP_CODES} <= set(i18n.TEXT)
    assert "{auc}" in i18n.TEXT["attrition.drop.leak_auc"][0]


@pytest.mark.parametrize("amount, english, chinese", [
    (999, "¥999", "¥999"),
    (12_345, "¥12.3K", "¥1.2万"),
    (101_123_456, "¥101.1M", "¥1.01亿"),
    (-2_500_000, "-¥2.5M", "-¥250.0万"),
    (48_696_000, "¥48.7M", "¥4,870万"),  # a thousand 万 and more: no decimal, to fit a tile
])
def test_money_counts_in_thousands_or_in_wan(amount, english, chinese):
    assert (i18n.money(amount, "en"), i18n.money(amount, "zh")) == (english, chinese)


def test_dates_and_months_follow_the_language():
    day = date(2026, 3, 5)
    assert (i18n.month(day, "en"), i18n.month(day, "zh")) == ("Mar 2026", "2026年3月")
    assert (i18n.day(day, "en"), i18n.day(day, "zh")) == ("5 Mar 2026", "2026年3月5日")


def test_codes_show_in_the_language_and_unknown_codes_as_they_are():
    assert i18n.code_label("exit_reason", "pay", "zh") == "薪酬"
    assert i18n.code_label("location", "shanghai", "en") == "Shanghai"
    assert i18n.code_label("location", "Lyon", "zh") == "Lyon"


def test_bilingual_names_fall_back_to_the_other_language():
    assert i18n.name("Sales", None, "zh") == "Sales"
    assert i18n.name("Sales", "销售部", "zh") == "销售部"


def bad_files_problems(store) -> pd.DataFrame:
    """The problems of files that go wrong in every way a cell, a row or a file of an import can."""
    from hrcore.imports import import_file

    data = ("employee_id,hire_date,birth_date,exit_date,exit_type,status,grade,base_pay,gender,key_talent,yrs,"
            "manager_id,updated_at\n"
            "E1,2020-13-01,2021-01-01,2019-01-01,voluntary,active,3.5,-1,x,maybe,abc,M\u200b1,yesterday\n"
            "E1,2020-01-01,2021-01-01,2019-01-01,,active,1e10,inf,male,yes,1,,\n"
            ",,,,,left,1,1,male,no,1,,\n").encode()
    mapping = {"columns": {c: c for c in data.decode().split("\n")[0].split(",") if c not in ("yrs", "updated_at")},
               "derive": {"target_bonus": {"op": "multiply", "source": "yrs", "factor": 1}}}
    found = [import_file(store, "employees", data, "x.csv", mapping).problems,
             import_file(store, "employees", b"name_zh\nx\n", "x.csv").problems,
             import_file(store, "employees", b"employee_id,hire_date\nE1,13/7/2011\nE2,7/13/2011\n", "x.csv").problems,
             import_file(store, "employees", b"employee_id,hire_date\nE1,05/07/2011\n", "x.csv").problems,
             import_file(store, "leave_records", b"leave_id,employee_id,start_date,end_date,days,kind\n"
                         b"L1,E1,2024-02-02,2024-02-01,0,annual\n", "x.csv").problems]
    return pd.concat(found, ignore_index=True)


def test_every_import_problem_code_reads_in_chinese(fresh_db):
    problems = bad_files_problems(fresh_db)
    codes = set(problems["code"])
    # Counted by hand from the files above: each kind of cell, row and column problem once.
    assert codes >= {"not_a_date", "not_a_whole_number", "too_large", "at_least", "not_one_of", "not_yes_no",
                     "not_a_number_to_derive", "not_a_finite_number", "hidden_character", "repeats_key",
                     "required_missing", "hire_before_birth", "exit_before_hire", "exit_date_but_active",
                     "required_not_mapped", "dates_mixed", "date_order_needed", "end_before_start"}, codes
    for code, values, english in problems[["code", "values", "reason"]].itertuples(index=False):
        assert english == i18n.problem(code, values, "en")
        chinese = i18n.problem(code, values, "zh")
        assert re.search(r"[\u4e00-\u9fff]", chinese) and chinese != english, code


def test_every_problem_code_of_the_import_path_is_in_the_catalogue():
    """Read from the code itself (each Refused raised, each table's row rules), not from a run: a code no
    test file reaches is checked too."""
    root = Path(i18n.__file__).parent
    used = {rule.code for spec in TABLES.values() for rule in spec.rules}
    for module in ("imports.py", "company.py", "ratings_import.py", "kpi.py"):
        source = (root / module).read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:Refused|FileProblems)\((?:[\w.]+, )?"(\w+)"', source))
        used |= set(re.findall(r'(?:_problem_rows|problem_frame|refuse)\([^)]*?"(\w+)"(?:, \w+=|\)|, \{)', source))
    assert {"file_empty", "mapping_not_column", "setting_unknown", "exit_before_hire", "card_scored"} <= used, used
    missing = sorted(code for code in used if f"problem.{code}" not in i18n.TEXT)
    assert not missing, missing


@pytest.mark.parametrize("key, term", [
    # GLOSSARY.md (shared with the seeds): lead-lag 领先滞后, range penetration 区间渗透度, 360 peers 平级,
    # compa-ratio 比较比率 (CR), scoring rule 计分方式, key-talent turnover 核心员工流失率, watchlist 关注名单,
    # minimum 最小值 of the fixed pay curve (固定工资); seed 001 calls the sign 抱怨 (投诉 is a formal complaint).
    ("pay.policy.lead-lag", "领先滞后"),
    ("pay.penetration", "区间渗透度"),
    ("competency.group.peer", "平级"),
    ("attrition.signal.low_cr", "比较比率（CR）低于0.9"),
    ("kpi.rule", "计分方式"),
    ("attrition.key_rate", "核心员工流失率"),
    ("attrition.tab.watchlist", "关注名单"),
    ("pay.col.fixed_min", "固定工资最小值"),
    ("attrition.signal.complaint_change", "抱怨反常"),
])
def test_chinese_terms_are_the_glossarys_and_the_seeds(key, term):
    assert i18n.t(key, "zh") == term


def test_no_text_is_written_twice_in_the_catalogue():
    # A dict literal keeps the last of two equal keys without a word: the first text would be dead, and which one
    # a page shows would depend on the order of the file.
    import ast
    from collections import Counter

    tree = ast.parse((ROOT / "hrcore" / "i18n.py").read_text(encoding="utf-8"))
    repeated = [key for node in ast.walk(tree) if isinstance(node, ast.Dict)
                for key, n in Counter(k.value for k in node.keys if isinstance(k, ast.Constant)).items() if n > 1]
    assert repeated == []
