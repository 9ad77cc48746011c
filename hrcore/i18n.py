"""English and Simplified Chinese: every user-facing string, and number formats.

Strings live in :data:`TEXT` as ``key -> (english, chinese)``; :func:`t`
looks one up.  Codes stored in the data (``exit_reason = "pay"``,
``location = "shanghai"``) are shown through :func:`code_label`, which falls
back to the code itself for a user's own values.

Numbers follow each language's habit: English groups thousands and says
K/M/B; Chinese groups thousands too but counts large amounts in 万 (10⁴) and
亿 (10⁸).

>>> t("overview.headcount", "zh")
'在职人数'
>>> money(12_345_678, "en"), money(12_345_678, "zh")
('¥12.3M', '¥1,235万')
>>> month(__import__("datetime").date(2026, 10, 31), "zh")
'2026年10月'
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import NamedTuple

import pandas as pd

LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}

TEXT: dict[str, tuple[str, str]] = {
    # shell
    "app.title": ("hrcore · HR analytics", "hrcore · 人力资源分析"),
    "app.language": ("Language", "语言"),
    # Streamlit's file uploader writes these in English whatever the page's language (see views._common).
    "app.upload": ("Upload", "上传文件"),
    "app.upload_limit": ("Up to {mb} MB a file", "单个文件不超过 {mb} MB"),
    "app.database": ("Database", "数据库"),
    "nav.overview": ("Overview", "总览"),
    "nav.data": ("Data", "数据"),
    "page.overview": ("Organisation overview", "组织总览"),
    "page.data": ("Import and export", "导入与导出"),
    # overview
    "overview.caption": ("As of {as_of} · money in {currency}", "截至 {as_of} · 金额单位：{currency}"),
    "overview.vs_year_ago": ("vs 12 months ago", "较12个月前"),
    # The board pack (hrcore.boardpack)
    "pack.download": ("Board pack (PDF)", "管理层简报（PDF）"),
    "pack.download_help": ("The overview and each area's headline chart and table, dated, in this language, for "
                           "the management team.", "概览及各领域的核心图表与数据表，注明日期，使用当前语言，供管理层会议使用。"),
    "pack.title": ("Board pack", "管理层简报"),
    "pack.dated": ("As of {date}", "数据截至 {date}"),
    "pack.confidential": ("Confidential: for the management team only", "机密：仅限管理层内部使用"),
    "pack.more_rows": ("… and {n} more rows in hrcore", "……另有 {n} 行，请在 hrcore 中查看"),
    "pack.organisation": ("Organisation", "组织概况"),
    "pack.pay": ("Pay structure against the market", "薪资结构与市场对比"),
    "pack.pay_note": ("Monthly base pay by grade: the approved structure's range and midpoint, and today's market "
                      "at the structure's position.", "按职级列示月基本工资：现行结构的区间与中位值，以及按结构定位的当前市场水平。"),
    "pack.performance": ("Performance ratings, {period}", "绩效等级分布（{period}）"),
    "pack.talent": ("Nine-box talent review, {period}", "九宫格人才盘点（{period}）"),
    "pack.attrition": ("Turnover and people at risk", "离职与流失风险"),
    "pack.competency": ("Certification and competency", "任职资格与胜任力"),
    "pack.col.department": ("Department", "部门"),
    "pack.col.grade": ("Grade", "职级"),
    "pack.col.min": ("Minimum", "最小值"),
    "pack.col.mid": ("Midpoint", "中位值"),
    "pack.col.max": ("Maximum", "最大值"),
    "pack.col.market": ("Market", "市场水平"),
    "pack.col.people": ("People", "人数"),
    "pack.col.box": ("Box", "格位"),
    "pack.col.share": ("Share", "占比"),
    "pack.col.rating": ("Rating", "等级"),
    "pack.col.rate": ("Turnover", "离职率"),
    "pack.series.midpoint": ("Structure midpoint", "结构中位值"),
    "pack.series.market": ("Market", "市场水平"),
    "pack.series.share": ("Share of people", "人数占比"),
    "pack.series.voluntary": ("Voluntary", "主动离职"),
    "pack.series.involuntary": ("Involuntary", "被动离职"),
    "pack.grade_n": ("Grade {grade}", "{grade} 级"),
    "pack.evaluation_r2": ("Job evaluation against the market, R²", "岗位测评与市场的拟合度 R²"),
    "pack.people_n": ("{n} people", "{n} 人"),
    "overview.headcount": ("Headcount", "在职人数"),
    "overview.headcount_help": ("Active employees on the as-of date; the change is against twelve months earlier.",
                                "截至统计日的在职员工人数；变化为与十二个月前相比。"),
    "overview.hires": ("Hires, 12 months", "近12个月入职"),
    "overview.hires_help": ("People hired in the twelve months to the as-of date.", "截至统计日的十二个月内入职的人数。"),
    "overview.exits_n": ("{n} exits", "离职 {n}"),
    "overview.exits_delta": (", {share} voluntary", " · 主动 {share}"),
    "overview.turnover": ("Turnover, 12 months", "近12个月离职率"),
    "overview.turnover_help": ("Separations in the twelve months to the as-of date ÷ average of the headcount then "
                               "and twelve months before.",
                               "截至统计日的十二个月内离职人数 ÷ 统计日与十二个月前在职人数的平均值。"),
    "overview.payroll": ("Annual payroll", "年度工资总额"),
    "overview.payroll_help": ("12 × (base pay + target bonus) of active employees; base {base} a month.",
                              "在职员工 12 × (基本工资 + 目标奖金)；月基本工资合计 {base}。"),
    "overview.trend": ("Headcount at month end", "月末在职人数"),
    "overview.by_department": ("By department", "各部门人数"),
    "overview.flows": ("Hires and exits by month, to {month}", "每月入职与离职（截至{month}）"),
    "overview.month": ("Month", "月份"),
    "overview.people": ("People", "人数"),
    "overview.department": ("Department", "部门"),
    "overview.no_data": ("The database holds no employees yet.", "数据库中还没有员工数据。"),
    "overview.demo_hint": ("To try hrcore on the demo company (fictitious people), build it in a database file of "
                           "its own and serve that:", "如需用演示公司（虚构人员）试用 hrcore，请在单独的数据库文件中生成并打开它："),
    "overview.import_hint": ("Bring your company's own file on the Data page.", "请在“数据”页面导入贵公司自己的文件。"),
    "overview.undated_leavers": ("{n} leavers have no exit date: turnover leaves them out. Map a termination date or "
                                 "a years-of-service column to place them in time.",
                                 "{n} 名离职员工没有离职日期：离职率未计入他们。请映射离职日期或司龄列，以便按时间计入。"),
    "overview.unassigned": ("Not assigned", "未分配"),
    "overview.all_departments": ("All departments", "全部部门"),
    "overview.department_help": ("Every figure of the organisation above the programmes counts this department and "
                                 "the departments under it. The other pages open on it too.",
                                 "项目之上的组织数据只统计该部门及其下属部门；其他页面也会默认显示该部门。"),
    "overview.as_of_month": ("As of", "统计月份"),
    "overview.as_of_month_help": ("Headcount and payroll at the end of this month (the latest: the company's as-of "
                                  "date); hires, exits and turnover over the twelve months to it.",
                                  "该月末的在职人数与工资总额（最近一月为公司统计日）；入职、离职与离职率为截至该月的十二个月。"),
    "overview.pay_small_group": ("Not shown: fewer than {n} people, whose pay could be told apart.",
                                 "不显示：不足 {n} 人，可能推算出个人薪酬。"),
    "overview.no_departments_under": ("No departments under this one: everyone chosen is in one team.",
                                      "该部门下没有子部门：所选人员同属一个团队。"),
    "overview.own_payroll": ("Annual payroll of its own people", "本部门直属人员年度工资总额"),
    "overview.pay_structure": ("Salary structure in force", "现行薪资结构"),
    "privacy.too_few": ("Too few to show", "人数过少，不显示"),
    "privacy.too_few_help": ("Groups of fewer than {n} people are not shown, nor the next smallest if needed, so "
                             "that no one's rating or pay can be read off a chart.",
                             "不足 {n} 人的组不显示（必要时连同次小的组），以免从图表推算出个人的评级或薪酬。"),
    "overview.pay_design": ("Pay design", "薪酬设计"),
    "overview.evaluation_r2_help": ("Points of the key jobs against market P50 fixed pay ({year} survey); 0.80 or "
                                    "more passes.", "关键岗位点值与市场P50固定薪酬（{year}年调研）的拟合优度；达到0.80即通过。"),
    "overview.open_evaluation": ("Open job evaluation", "打开岗位测评"),
    "overview.open_pay": ("Open the salary structure", "打开薪资结构设计"),
    "overview.performance": ("Performance, {period}", "绩效考核（{period}）"),
    "overview.rating_share": ("Rated {rating}", "{rating} 等占比"),
    "overview.rating_share_help": ("Share of the people rated over the period with this rating: the mean total of "
                                   "each person's scored cards in it (a staff member's months in the quarter).",
                                   "本期已评分人员中该等级的比例：按每人本期内已评分考核表总分的平均值评定（员工为该季度内各月）。"),
    "overview.open_kpi": ("Open KPI scorecards", "打开 KPI 绩效考核"),
    "overview.in_force_help": ("Active employees against the structure in force: {name}.", "在职员工对照现行薪资结构：{name}。"),
    "overview.of_budget": ("of {budget}", "预算 {budget}"),
    "flow.hires": ("Hires", "入职"),
    "flow.voluntary": ("Voluntary exits", "主动离职"),
    "flow.involuntary": ("Involuntary exits", "被动离职"),
    "flow.unspecified": ("Exits, type not given", "离职（类型未填）"),
    # data page
    "data.intro": ("Bring your own files: every row is checked before anything is written, and a file with any "
                   "problem writes nothing.",
                   "导入您自己的文件：写入前逐行校验，只要有一行有问题，整个文件都不会写入。"),
    "data.tab_import": ("Import", "导入"),
    "data.tab_export": ("Export", "导出"),
    "data.tab_tables": ("Readiness and tables", "数据准备与数据表"),
    "data.table": ("Table", "数据表"),
    "data.file": ("File (CSV in UTF-8 or GBK, or Excel .xlsx)", "文件（UTF-8 或 GBK 编码的 CSV，或 Excel .xlsx）"),
    "data.file_read": ("{rows} rows and {cols} columns read ({encoding}).", "已读取 {rows} 行、{cols} 列（{encoding}）。"),
    "data.file_error": ("The file cannot be read: {reason}", "无法读取文件：{reason}"),
    "data.preview": ("First rows of the file", "文件前几行"),
    "data.mapping": ("Column mapping", "列映射"),
    "data.mapping_help": ("Pick the file column for each table column, or give a fixed value for every row. Required "
                          "columns are marked ●.",
                          "为每个数据表列选择对应的文件列，或填写所有行共用的固定值。必填列以 ● 标记。"),
    "data.mapping_start": ("Start from", "起始映射"),
    "data.mapping_suggested": ("Suggested from the column names", "根据列名自动匹配"),
    "data.target": ("Table column", "数据表列"),
    "data.source": ("File column", "文件列"),
    "data.required": ("Required", "必填"),
    "data.values": ("Value translations", "取值转换"),
    "data.values_help": ("Replace a file value by the stored one, e.g. status: Yes → left; a blank stored value "
                         "stores nothing.",
                         "将文件中的取值替换为系统取值，例如 status：Yes → left；系统取值留空表示存为空值。"),
    "data.from": ("File value", "文件取值"),
    "data.to": ("Stored value", "系统取值"),
    "data.derive": ("Derived columns", "推导列"),
    "data.derive_help": ("Compute a column from another: years_before / months_before give a date that many years "
                         "or months before the as-of date (hire date from years of service); multiply scales a number.",
                         "由其他列计算：years_before / months_before 由截至日期倒推若干年或月得到日期（如由司龄得到入职日期）；"
                         "multiply 将数值乘以系数。"),
    "data.op": ("Rule", "规则"),
    "data.as_of": ("As of", "截至日期"),
    "data.factor": ("Factor", "系数"),
    "data.check": ("Check the file", "校验文件"),
    "data.date_order": ("Dates such as 05/07/2011 in this file are written", "本文件中 05/07/2011 这类日期的写法"),
    "data.date_order_help": ("No day in the file is above 12, so the dates themselves do not say which part is the "
                             "month. The answer is kept with a saved mapping.",
                             "文件中没有大于 12 的日，无法从日期本身判断哪一部分是月份。保存映射时会一并保存此选择。"),
    "data.date_order.MDY": ("Month first (7/5/2011 is 5 July; US systems)", "月在前（7/5/2011 为 7 月 5 日；美国系统）"),
    "data.date_order.DMY": ("Day first (7/5/2011 is 7 May)", "日在前（7/5/2011 为 5 月 7 日）"),
    "data.dates_read": ("Dates read as: {formats}", "日期识别为：{formats}"),
    "data.ok": ("All {rows} rows are valid: {new} new, {changed} changed, {same} unchanged.",
                "全部 {rows} 行校验通过：新增 {new} 行，更新 {changed} 行，未变化 {same} 行。"),
    "data.bad": ("{n} problems in the file; nothing will be written until they are fixed.",
                 "文件中发现 {n} 处问题；修正之前不会写入任何数据。"),
    "data.problems_download": ("Download the problem list (CSV)", "下载问题清单（CSV）"),
    "data.import": ("Import {rows} rows into {table}", "将 {rows} 行导入 {table}"),
    "data.imported": ("Imported: {new} new, {changed} changed, {same} unchanged.",
                      "导入完成：新增 {new} 行，更新 {changed} 行，未变化 {same} 行。"),
    "data.mapping_error": ("The mapping does not fit the file: {reason}", "映射与文件不符：{reason}"),
    "data.save_as": ("Save this mapping as", "将此映射保存为"),
    "data.save": ("Save mapping", "保存映射"),
    "data.saved": ("Mapping “{name}” saved.", "映射“{name}”已保存。"),
    "data.export_format": ("Format", "格式"),
    "data.export_button": ("Download {table} ({rows} rows)", "下载 {table}（{rows} 行）"),
    "data.export_note": ("Cells that start with =, +, - or @ get a leading apostrophe so a spreadsheet shows them "
                         "as text; importing the file back removes it.",
                         "以 =、+、- 或 @ 开头的单元格会加前导撇号，使电子表格将其视为文本；再次导入时会自动去除。"),
    "data.rows": ("Rows", "行数"),
    "data.db_path": ("Database file: {path} · schema version {version}", "数据库文件：{path} · 结构版本 {version}"),
    # issue 27: files refused whole (formulas without values) and exports Excel would cut
    "data.file_cells": ("{n} cells of the file hold a formula without a saved value: they would read as empty and "
                        "wipe what is stored. Open the file in Excel and save it again (Excel saves the values), or "
                        "paste the values in place of the formulas; nothing was read.",
                        "文件中有 {n} 个单元格是没有保存计算结果的公式：读取时会成为空值，并覆盖已存的数据。请用 Excel "
                        "打开并重新保存（Excel 会保存计算结果），或以“粘贴为数值”替换公式；本文件未读取任何数据。"),
    "data.xlsx_cut": ("Not offered as Excel: row {row} ({record}), column {column} holds {chars} characters, more than "
                      "an Excel cell holds (32,767), and Excel would cut it. Download CSV, which keeps all of it.",
                      "不提供 Excel 格式：第 {row} 行（{record}）的 {column} 列有 {chars} 个字符，超过 Excel 单元格的上限"
                      "（32,767），Excel 会截断。请下载 CSV，CSV 会完整保留。"),
    "data.xlsx_rows": ("Not offered as Excel: {rows} rows are more than an Excel sheet holds. Download CSV.",
                       "不提供 Excel 格式：{rows} 行超过 Excel 工作表的上限。请下载 CSV。"),
    "data.tab_settings": ("Company settings", "公司设置"),
    "data.settings_intro": ("Every page computes at the as-of date and shows money in the company's currency.",
                            "所有页面都按截至日期计算，金额以公司币种显示。"),
    "data.as_of_mode": ("As-of date", "截至日期"),
    "data.as_of_extract": ("The extract's date: {day}, the latest hire, exit or event in the data",
                           "数据的日期：{day}（数据中最近的入职、离职或事件日期）"),
    "data.as_of_extract_none": ("The extract's date: today, until the data hold dates",
                                "数据的日期：数据中尚无日期时为今天"),
    "data.as_of_chosen": ("A date I choose", "指定日期"),
    "data.as_of_day": ("Compute at", "计算日期"),
    "data.as_of_help": ("Turnover, tenure, who is employed, watchlist signals, the risk model and certification "
                        "deadlines are all read at this date. For a historical extract, choose the day it was taken.",
                        "离职率、司龄、在职人员、预警信号、风险模型和认证期限都按这一天计算。历史数据请选其导出日期。"),
    "data.currency": ("Currency (ISO code)", "币种（ISO 代码）"),
    "data.currency_help": ("Pay is stored per month in this currency; every money figure is shown in it.",
                           "薪酬按月以此币种存储，所有金额都以此币种显示。"),
    "data.pay_period": ("Pay in imported files is", "导入文件中的薪酬为"),
    "data.pay_period.monthly": ("Monthly", "月薪"),
    "data.pay_period.annual": ("Annual (divided by 12 on import)", "年薪（导入时除以 12）"),
    "data.local_wage": ("Local average monthly wage", "当地月平均工资"),
    "data.local_wage_help": ("Caps the wage used for economic compensation at three times this amount "
                             "(Labour Contract Law art. 47).",
                             "经济补偿的计算工资以其三倍为上限（《劳动合同法》第四十七条）。"),
    "data.local_min_wage": ("Local minimum monthly wage", "当地月最低工资标准"),
    "data.local_min_wage_help": ("The wage used for economic compensation is never below this amount "
                                 "(Labour Contract Law implementing regulations art. 27).",
                                 "经济补偿的计算工资不低于此标准（《劳动合同法实施条例》第二十七条）。"),
    "data.save_settings": ("Save settings", "保存设置"),
    "data.settings_saved": ("Settings saved: every page now computes at {day}.", "设置已保存：所有页面现按 {day} 计算。"),
    "data.settings_read_only": ("Only an admin or an HR analyst changes the company settings.",
                                "只有管理员或人力资源分析师可以修改公司设置。"),
    "ready.template": ("Template ({fmt})", "模板（{fmt}）"),
    "download.excel": ("Excel", "导出 Excel"),
    "ready.title": ("Data readiness", "数据准备情况"),
    "ready.intro": ("What each table a company brings unlocks. A template holds the table's columns headed in your "
                    "language and two example rows; filled in, it imports without mapping a column.",
                    "公司需导入的各类数据及其用途。模板包含以您的语言命名的列和两行示例，填好后导入无需手动映射列。"),
    "ready.feeds": ("Pages", "相关页面"),
    "ready.unlocks": ("What it unlocks", "可实现的功能"),
    "ready.template_of": ("Template for", "下载模板"),
    "ready.all_tables": ("Every table", "全部数据表"),
    "ready.overview": ("Data: {held} of {total} tables a company brings hold rows. Next to bring: {next}.",
                       "数据：公司需导入的 {total} 类数据中已有 {held} 类。建议下一步导入：{next}。"),
    "ready.unlocks.employees": ("Headcount, turnover, tenure, payroll, the watchlist and the risk model; the people "
                                "on every page", "人数、离职率、司龄、工资总额、离职预警和风险模型；各页面的人员"),
    "ready.unlocks.departments": ("Department names and the organisation tree; filters by department",
                                  "部门名称和组织架构；按部门筛选"),
    "ready.unlocks.jobs": ("Job evaluation, grades, the salary structure's jobs, qualification standards",
                           "岗位测评、职级、薪资结构中的岗位、任职资格标准"),
    "ready.unlocks.market_data": ("The market line, the salary structure and compa-ratios",
                                  "市场薪酬线、薪资结构和薪酬比率"),
    "ready.unlocks.employee_events": ("Promotions (the no-promotion signal) and years in the job",
                                      "晋升记录（长期未晋升信号）和任现岗年限"),
    "ready.unlocks.scorecards": ("KPI results and merit raises; the nine-box performance axis; the falling-"
                                 "performance signal", "KPI 结果与绩效调薪；九宫格的绩效维度；绩效下滑信号"),
    "ready.unlocks.ability_assessments": ("The nine-box ability axis", "九宫格的能力维度"),
    "ready.unlocks.ratings_360": ("The 360 review: gaps to target, blind spots, team profiles; the nine-box "
                                  "ability axis without an assessment import",
                                  "360 评估：与目标的差距、盲点、团队画像；无需导入能力评估即可得到九宫格的能力维度"),
    "ready.unlocks.certifications": ("Certification coverage and deadlines", "认证覆盖率与期限"),
    "ready.unlocks.leave_records": ("The rising-leave signal on the watchlist", "离职预警中的请假增多信号"),
    "ready.unlocks.attrition_signals": ("Signals managers recorded (conflicts, family, attitude) on the watchlist",
                                        "经理记录的离职信号（冲突、家庭、态度变化）"),
    "ready.to_data": ("Import on the Data page", "到数据页导入"),
    # issue 28 items 3-5: mappings that cover real extracts
    "data.constant": ("Fixed value", "固定值"),
    "data.synonyms": ("Built-in translations", "内置取值转换"),
    "data.synonyms_help": ("Values written as HR systems write them, stored as the table's codes wherever you have not "
                           "translated them yourself. To store a value otherwise, add a translation of it on the left.",
                           "按常见人事系统写法识别的取值：凡您未自行转换的，按下表存为系统取值。如需另作处理，请在左侧为该取值添加转换。"),
    "data.synonyms_none": ("None of the mapped columns holds a value these translate.", "已映射的列中没有需要内置转换的取值。"),
    "data.synonyms_used": ("{n} values translated by built-in synonyms", "共有 {n} 个取值按内置同义词转换"),
    "data.synonym_line": ("{column}: {file_value} → {stored} ({rows} rows)", "{column}：{file_value} → {stored}（{rows} 行）"),
    "data.missing": ("(missing)", "（空值）"),
    "data.rows_count": ("Rows", "行数"),
    "data.status_from_exit": ("The status is not mapped, so it follows the exit date: {left} rows with an exit date are "
                              "leavers, {active} without one are active.",
                              "未映射状态列，状态按离职日期确定：有离职日期的 {left} 行记为离职，其余 {active} 行记为在职。"),
    "data.generate_id": ("No id column is mapped: number the rows as ids", "未映射编号列：按行号生成编号"),
    "data.id_prefix": ("Id prefix", "编号前缀"),
    "data.generate_id_help": ("Each row's id is the prefix and its row number in the spreadsheet (header = row 1): E2, "
                              "E3, … The same file always gets the same ids; another extract in another order would "
                              "not, so map the file's own id column when it has one.",
                              "每行编号为前缀加其在电子表格中的行号（表头为第 1 行）：E2、E3……同一文件每次得到相同编号；"
                              "但顺序不同的另一份导出会得到不同编号，因此文件自带编号列时请映射该列。"),
    "data.generated_ids": ("Ids made from row numbers: {column} {first} … {last} ({rows} rows). Another extract of the "
                           "same people in another order would give these ids to other people.",
                           "编号由行号生成：{column} {first} … {last}（{rows} 行）。同一批人员顺序不同的另一份导出会把这些编号给到别人。"),
    "data.annual_pay": ("Pay in this file is per year: divide base pay and target bonus by 12",
                        "文件中的薪酬为年薪：基本工资与目标奖金除以 12"),
    "data.annual_pay_help": ("hrcore keeps money per month. The annual amounts are divided by 12 and rounded to the "
                             "cent as they are imported.",
                             "hrcore 按月存储金额。导入时将年度金额除以 12，并四舍五入到分。"),
    "data.pay_looks_annual": ("Base pay looks like a year's pay: its median, {median}, is above {threshold} ({basis}). "
                              "Money is kept per month.",
                              "基本工资看起来是年薪：其中位数 {median} 高于 {threshold}（{basis}）。系统按月存储金额。"),
    "data.pay_basis_local": ("4 × the local average monthly wage of {wage}", "当地月平均工资 {wage} 的 4 倍"),
    "data.pay_basis_fixed": ("the limit used while no local average wage is set in the company settings",
                             "尚未在公司设置中设置当地平均工资时采用的界限"),
    "data.pay_convert": ("Divide by 12 and check again", "除以 12 后重新校验"),
    "data.references": ("Create the departments and jobs the file names, and link managers by name",
                        "按文件创建其中的部门与岗位，并按姓名关联上级"),
    "data.references_help": ("Departments and jobs not in the database yet are created with the file's names, in the "
                             "same all-or-nothing import as the employees; job evaluation then offers the jobs. A "
                             "manager named in the file is linked to the employee of that name.",
                             "数据库中尚无的部门与岗位按文件中的名称创建，与员工在同一次导入中全部写入或全部不写；之后岗位测评即可使用这些岗位。"
                             "文件中写明姓名的上级会关联到同名员工。"),
    "data.reference_names.department_id": ("Department names from", "部门名称取自"),
    "data.reference_names.job_id": ("Job titles from", "岗位名称取自"),
    "data.reference_names.manager_id": ("Manager names from", "上级姓名取自"),
    "data.reference_none": ("(none)", "（无）"),
    "data.references_new": ("Also written: {departments} new departments and {jobs} new jobs.",
                            "同时写入：新部门 {departments} 个，新岗位 {jobs} 个。"),
    "data.managers_linked": ("Managers linked by name ({column}): {managers} managers for {rows} rows.",
                             "按姓名关联上级（{column}）：{managers} 位上级，共 {rows} 行。"),
    "data.managers_unmatched": ("Not employees of the file or the database, so not linked (their rows keep the file's "
                                "manager id): {names}",
                                "以下上级不是文件或数据库中的员工，未关联（相应行保留文件中的上级编号）：{names}"),
    "data.managers_ambiguous": ("Several employees bear these names, so they are not linked: {names}",
                                "以下姓名对应多名员工，未关联：{names}"),
    "data.download_mapping": ("Download mapping (JSON)", "下载映射（JSON）"),
    "data.download_mapping_help": ("For the command line: python -m hrcore import {table} FILE --mapping mapping.json "
                                   "(or --mapping NAME once the mapping is saved here).",
                                   "供命令行使用：python -m hrcore import {table} FILE --mapping mapping.json"
                                   "（在此保存后也可用 --mapping 名称）。"),
    # issue 28 item 6: one mapping and one report for every import (360 exports, KPI results and actuals)
    "data.mapping_quick": ("Mapping", "映射"),
    "data.mapping_quick_help": ("Suggested from the file's headings, or one saved on the Data page (edit column by "
                                "column there).", "根据文件列名自动匹配，或使用在“数据”页面保存的映射（逐列编辑请到“数据”页面）。"),
    "data.repeats": ("The same rater rating the same item again in one review", "同一评价人在同一轮评估中对同一项重复评分"),
    "data.repeats_help": ("Survey tools keep every submission. Refuse names each repeat; average stores the mean of "
                          "the scores; keep the last stores the latest by the timestamp (by file order where a "
                          "repeat has none). The summary says how many there were; a saved mapping keeps the choice.",
                          "问卷工具会保留每一次提交。拒绝：列出每一处重复；取平均：保存各次分数的平均值；保留最后一次：按提交时间"
                          "保留最新的一次（无提交时间时按文件顺序）。汇总会说明重复的条数；保存映射时会一并保存此选择。"),
    "data.repeats.refuse": ("Refuse", "拒绝"),
    "data.repeats.average": ("Average", "取平均"),
    "data.repeats.last": ("Keep the last", "保留最后一次"),
    "data.ready": ("Ready: {new} new, {changed} changed, {same} unchanged.",
                   "可导入：新增 {new} 行，更新 {changed} 行，未变化 {same} 行。"),
    "import_note.missing_cells": ("{n} cells read as missing ({markers}).", "{n} 个单元格按空值读取（{markers}）。"),
    "import_note.unrated": ("{n} rows have no score (the item was not rated) and are left out (rows {rows})",
                            "{n} 行没有分数（该项未评分），不导入（第 {rows} 行）"),
    "import_note.groups": ("Relationships read as rater groups: {pairs}.", "评价关系按以下对应读取：{pairs}。"),
    "import_note.repeats_refused": ("{n} ratings were given more than once ({rows} rows): refused, each repeat is "
                                    "listed below. Choose to average repeats or keep the last in the mapping.",
                                    "{n} 条评分被重复给出（共 {rows} 行）：已拒绝，每处重复见下表。可在映射中选择取平均或"
                                    "保留最后一次。"),
    "import_note.repeats_average": ("{n} ratings were given more than once ({rows} rows): each is stored once, as "
                                    "the average of its scores, dated on its latest day.",
                                    "{n} 条评分被重复给出（共 {rows} 行）：每条只保存一次，分数取各次平均，日期取最晚一天。"),
    "import_note.repeats_last": ("{n} ratings were given more than once ({rows} rows): the last submitted of each is "
                                 "kept, by its timestamp.",
                                 "{n} 条评分被重复给出（共 {rows} 行）：每条保留最后提交的一次，按提交时间判断。"),
    "import_note.repeats_last_mixed": ("{n} ratings were given more than once ({rows} rows): the last submitted of "
                                       "each is kept, by its timestamp ({by_order} by file order, for want of one).",
                                       "{n} 条评分被重复给出（共 {rows} 行）：每条保留最后提交的一次，按提交时间判断（其中 "
                                       "{by_order} 条缺少提交时间，按文件顺序）。"),
    "import_note.repeats_last_order": ("{n} ratings were given more than once ({rows} rows): the last in the file "
                                       "of each is kept (the file has no timestamp).",
                                       "{n} 条评分被重复给出（共 {rows} 行）：每条保留文件中最后的一次（文件没有提交时间）。"),
    "import_note.unknown_people": ("{n} people the file names are not among the employees yet; their rows are "
                                   "kept and shown by id: {ids}.",
                                   "文件中有 {n} 人尚不在员工表中；其记录照常导入，按编号显示：{ids}。"),
    "import_note.scored_status": ("{n} cards carry a total and no status: stored as scored, so their results count.",
                                  "{n} 张考核表有总分但没有状态：按“已评分”保存，计入考核结果。"),
    "import_note.rating_differs": ("{n} cards have a rating other than the band of their total, kept as imported "
                                   "(the first, row {row}: total {total} is {band}, rated {rating}).",
                                   "{n} 张考核表的等级与其总分所在区间不同，按导入的等级保存（第一张在第 {row} 行：总分 "
                                   "{total} 属于 {band}，导入等级为 {rating}）。"),
    "problem.row": ("Row", "行"),
    "problem.column": ("Column", "列"),
    "problem.value": ("Value", "值"),
    "problem.reason": ("Reason", "原因"),
    # job evaluation
    "nav.pay": ("Pay design", "薪酬设计"),
    "page.evaluation": ("Job evaluation", "岗位测评"),
    "eval.intro": ("Evaluate the key jobs with one factor scheme, check the points against the market, and slot every "
                   "job into a grade.",
                   "用一套测评要素评估关键岗位，用市场数据校验点值，并把所有岗位归入级别。"),
    "eval.no_jobs": ("No jobs yet. Job evaluation rates each job against the scheme's factors: bring your jobs (a "
                     "job list, or create it from the employee file on the Data page) and, for the market check, "
                     "a pay survey.",
                     "还没有岗位数据。岗位测评按方案的各要素为每个岗位打分：请导入岗位清单（或在数据页从员工文件生成），"
                     "如需市场对标，再导入薪酬调研数据。"),
    "eval.no_scheme": ("No scheme saved yet: the default eight-factor scheme below is ready to adjust and save.",
                       "尚未保存测评方案：下方默认的八要素方案可直接调整并保存。"),
    "eval.version": ("Scheme version", "方案版本"),
    "eval.version_help": ("Every save makes a new version; earlier versions and their ratings stay as they were.",
                          "每次保存生成新版本；旧版本及其评分保持不变。"),
    "eval.recorded_as": ("Changes you make here are recorded under your account, {name}.",
                         "您在本页的修改以您的账户（{name}）记录。"),
    "eval.version_label": ("{id} · saved {when} by {who}", "{id} · {when} 由 {who} 保存"),
    "eval.tab.scheme": ("Factors and weights", "测评要素与权重"),
    "eval.tab.jobs": ("Key jobs and market", "关键岗位与市场数据"),
    "eval.tab.committee": ("Committee", "评估小组"),
    "eval.tab.check": ("Market check", "市场校验"),
    "eval.tab.grades": ("Grades", "岗位定级"),
    "eval.scheme_intro": ("One scheme for the whole company, with 7 or 8 factors. Too many factors squeeze jobs into "
                          "the middle. Edit names, weights, levels and notes; points follow the scale.",
                          "全公司使用一套方案（7-8个要素）。要素太多会使岗位都挤在中间。可修改名称、权重、等级数与说明，"
                          "分值按量表自动计算。"),
    "eval.scale": ("Points scale", "分值量表"),
    "eval.scale.arithmetic": ("Arithmetic", "等差"),
    "eval.scale.geometric": ("Geometric", "等比"),
    "eval.scale_help": ("Arithmetic: equal steps between levels. Geometric: each level worth the ratio times the one "
                        "below.", "等差：各等级间分差相同。等比：每一等级的分值为下一等级的固定倍数。"),
    "eval.ratio": ("Geometric ratio", "等比倍数"),
    "eval.ratio_help": ("Points of a level divided by the points of the level below.", "相邻两个等级分值之比。"),
    "eval.total": ("Total points", "总分"),
    "eval.factors": ("Factors", "测评要素"),
    "eval.name_en": ("Name (English)", "英文名称"),
    "eval.name_zh": ("Name (Chinese)", "中文名称"),
    "eval.fit_jobs": ("{n} jobs", "{n} 个岗位"),
    "eval.weight": ("Weight", "权重"),
    "eval.weight_help": ("Share of the total points, in %. Weights must add up to 100 %.", "占总分的百分比，权重合计须为100%。"),
    "eval.levels": ("Levels", "等级数"),
    "eval.note": ("Note for the manual", "测评手册说明"),
    "eval.note_help": ("How the committee should read this factor; it goes into the evaluation manual.",
                       "评估小组如何理解该要素；将写入测评手册。"),
    "eval.definitions": ("Level definitions", "等级定义"),
    "eval.definitions_help": ("What each level means, in both languages. These definitions guide the raters.",
                              "各等级含义（中英文），供评估人打分参考。"),
    "eval.level": ("Level", "等级"),
    "eval.level_n": ("Level {n}", "{n}级"),
    "eval.definition_en": ("Definition (English)", "定义（英文）"),
    "eval.definition_zh": ("Definition (Chinese)", "定义（中文）"),
    "eval.points_by_level": ("Points by level", "各等级分值"),
    "eval.weight_total": ("weights add up to {total}", "权重合计 {total}"),
    "eval.problem.no_factors": ("The scheme has no factors.", "方案中没有测评要素。"),
    "eval.problem.factor_id_missing": ("A factor has no id.", "有要素缺少编号。"),
    "eval.problem.factor_id_repeated": ("Factor {factor} appears twice.", "要素“{factor}”重复出现。"),
    "eval.problem.weight_not_positive": ("Factor {factor}: the weight must be above 0 %.", "要素“{factor}”：权重必须大于0%。"),
    "eval.problem.weights_sum": ("Weights add up to {total}, not 100 %: adjust them before saving.",
                                 "权重合计为{total}，不是100%：请调整后再保存。"),
    "eval.problem.too_few_levels": ("Factor {factor}: needs at least 2 levels.", "要素“{factor}”：至少需要2个等级。"),
    "eval.problem.points_not_rising": ("Factor {factor}: points must rise from each level to the next.",
                                       "要素“{factor}”：分值必须随等级逐级上升。"),
    "eval.save_version": ("Save as a new version", "另存为新版本"),
    "eval.save_version_help": ("The committee's levels carry over to the new version where the factor and level "
                               "still exist.", "在要素和等级仍然存在的情况下，评估小组的打分会带入新版本。"),
    "eval.saved_version": ("Saved as {version}: {carried} levels carried over, {dropped} dropped.",
                           "已保存为 {version}：带入 {carried} 条打分，舍弃 {dropped} 条。"),
    "eval.unsaved": ("Unsaved changes: the results on the other tabs already use them.",
                     "有未保存的修改：其他标签页的结果已按修改后的方案计算。"),
    "eval.manual": ("Download the evaluation manual", "下载测评手册"),
    "eval.manual_help": ("Factors, weights, notes and level definitions as a Markdown document.",
                         "以Markdown文档导出要素、权重、说明与等级定义。"),
    "eval.key_jobs": ("Key jobs", "关键岗位"),
    "eval.key_jobs_help": ("About 20 benchmark jobs with market data: the first step of the 3E method.",
                           "约20个有市场数据的标杆岗位（3E法的第一步）。"),
    "eval.save_key_jobs": ("Save {n} key jobs", "保存 {n} 个关键岗位"),
    "eval.key_jobs_saved": ("Key jobs saved ({n} jobs changed).", "关键岗位已保存（{n} 个岗位有变化）。"),
    "eval.key_jobs_short": ("Key jobs", "关键岗位数"),
    "eval.job_id": ("Job id", "岗位编号"),
    "eval.job": ("Job", "岗位"),
    "eval.jobs": ("Jobs", "岗位数"),
    "eval.description": ("Job description", "岗位说明"),
    "eval.points": ("Points", "点值"),
    "eval.market_caption": ("{n} key jobs ticked. Percentiles: {pay} per month from the {year} survey chosen on the "
                            "Market check tab.", "已勾选 {n} 个关键岗位。分位值：{year} 年调研的月{pay}（在“市场校验”中选择）。"),
    "eval.survey_import": ("Import a market survey (CSV or Excel)", "导入市场薪酬调研（CSV 或 Excel）"),
    "eval.survey_help": ("Map survey jobs to company jobs; pay is converted to per month. Marked cells (# top-coded, "
                         "* not published) stay empty, never guessed.",
                         "将调研岗位对应到公司岗位；薪酬换算为月薪。带标记的单元格（# 超出上限、* 未公布）保持为空，不做推测。"),
    "eval.survey_file": ("Survey file", "调研文件"),
    "eval.survey_code": ("Survey job code", "调研岗位编码"),
    "eval.survey_title": ("Survey job title", "调研岗位名称"),
    "eval.survey_period": ("Pay is per", "薪酬周期"),
    "eval.period.year": ("Year", "年"),
    "eval.period.month": ("Month", "月"),
    "eval.period.hour": ("Hour", "小时"),
    "eval.pay_type": ("Pay", "薪酬口径"),
    "eval.pay_type.fixed": ("Fixed pay", "固定薪酬"),
    "eval.pay_type.total_cash": ("Total cash", "现金总薪酬"),
    "eval.survey_year": ("Survey year", "调研年份"),
    "eval.survey_source": ("Source", "来源"),
    "eval.currency": ("Currency", "币种"),
    "eval.survey_jobs": ("Survey jobs", "调研岗位数"),
    "eval.none": ("(none)", "（无）"),
    "eval.survey_unreadable": ("{n} cells are not numbers; nothing can be imported until the file is fixed:",
                               "有 {n} 个单元格不是数字；修正文件前无法导入："),
    "eval.survey_top_coded": ("{n} cells are top-coded (#) and left empty.", "{n} 个单元格超出调研上限（#），保持为空。"),
    "eval.survey_mapping": ("Which survey job matches each company job? Mapping a job again replaces its match.",
                            "每个公司岗位对应哪个调研岗位？重新对应会替换原有匹配。"),
    "eval.survey_job": ("Survey job", "调研岗位"),
    "eval.survey_map_hint": ("Map at least one company job to a survey job.", "请至少为一个公司岗位对应一个调研岗位。"),
    "eval.survey_search": ("Type to search the survey's jobs", "输入以搜索调研岗位"),
    "eval.map": ("Map", "对应"),
    "eval.clear_mapping": ("Clear the mapping", "清空对应关系"),
    "eval.survey_problems": ("These rows cannot be imported:", "以下行无法导入："),
    "eval.survey_import_button": ("Import market data for {n} jobs", "导入 {n} 个岗位的市场数据"),
    "eval.survey_imported": ("Imported {source} {year}: {new} new rows, {changed} updated.",
                             "已导入 {source} {year}：新增 {new} 行，更新 {changed} 行。"),
    "eval.save_first": ("Save the scheme first: the committee rates against a saved version.",
                        "请先保存方案：评估小组须基于已保存的版本打分。"),
    "eval.which_jobs": ("Jobs to evaluate", "待评岗位"),
    "eval.scope.key": ("Key jobs", "关键岗位"),
    "eval.scope.all": ("All jobs", "全部岗位"),
    "eval.previous": ("Previous", "上一个"),
    "eval.next": ("Next job", "下一个岗位"),
    "eval.reshuffle": ("New random order", "重新随机排序"),
    "eval.reshuffle_help": ("Jobs come one at a time in random order, so one job's result does not sway the next.",
                            "岗位逐个随机出现，避免前一个岗位的结果影响下一个。"),
    "eval.job_of": ("Job {i} of {n}, in random order", "第 {i} / {n} 个岗位（随机顺序）"),
    "eval.no_description": ("No job description on file.", "暂无岗位说明。"),
    "eval.job_points": ("{points} points from the consensus on {rated} of {n} factors",
                        "按 {n} 个要素中 {rated} 个要素的共识计 {points} 分"),
    "eval.factor": ("Factor", "要素"),
    "eval.raters_levels": ("Raters' levels", "评估人打分"),
    "eval.raters_help": ("Raters: {names}. Red: two or more levels apart.", "评估人：{names}。红色表示相差两级及以上。"),
    "eval.my_level": ("My level ({rater})", "我的打分（{rater}）"),
    "eval.consensus": ("Committee consensus", "小组共识"),
    "eval.unset": ("— not set —", "— 未评 —"),
    "eval.record": ("Record levels", "保存打分"),
    "eval.recorded": ("{n} changes recorded for {job}.", "已为 {job} 记录 {n} 项修改。"),
    "eval.heatmap": ("Where raters disagree: spread of levels (highest − lowest)", "评估人分歧：等级差（最高 − 最低）"),
    "eval.spread": ("Spread", "差距"),
    "eval.log": ("Change log", "变更记录"),
    "eval.log_empty": ("No changes recorded yet.", "暂无变更记录。"),
    "eval.when": ("When", "时间"),
    "eval.who": ("By", "操作人"),
    "eval.whose_level": ("Rater or consensus", "评估人或共识"),
    "eval.old": ("From", "原等级"),
    "eval.new": ("To", "新等级"),
    "eval.survey": ("Survey", "薪酬调研"),
    "eval.percentile": ("Percentile", "分位"),
    "eval.model": ("Model", "模型"),
    "eval.model.linear": ("Linear", "线性"),
    "eval.model.log": ("Log-linear", "对数线性"),
    "eval.model_help": ("Linear: pay = a + b·points. Log-linear: ln(pay) = a + b·points, pay rising by a constant "
                        "percentage per point. R² is measured on the model's own scale.",
                        "线性：薪酬 = a + b·点值。对数线性：ln(薪酬) = a + b·点值，即每增加一点薪酬按固定百分比上升。"
                        "R² 按模型自身的尺度计算。"),
    "eval.r2_threshold": ("R² needed to pass", "通过所需 R²"),
    "eval.z_limit": ("Outlier when |z| above", "|z| 超过即为异常"),
    "eval.z_help": ("z is a job's distance from the line in residual standard errors.", "z 为岗位偏离回归线的残差标准误倍数。"),
    "eval.cv_threshold": ("Warn when CV below", "变异系数低于此值时警告"),
    "eval.cv_help": ("Coefficient of variation of the jobs' points (std / mean): small means jobs crowd together.",
                     "岗位点值的变异系数（标准差/均值）：越小说明岗位越挤在一起。"),
    "eval.jobs_evaluated": ("Jobs evaluated", "已测评岗位"),
    "eval.jobs_evaluated_help": ("Jobs with a consensus level on every factor, of {total} jobs.",
                                 "所有要素均有共识等级的岗位数（共 {total} 个岗位）。"),
    "eval.pass": ("passes", "通过"),
    "eval.fail": ("fails", "未通过"),
    "eval.r2_help": ("Share of the variation in market pay the points explain; {threshold} or more passes.", "点值可解释的市场薪酬差异比例；达到 {threshold} 即通过。"),
    "eval.outliers": ("Outlier jobs", "异常岗位"),
    "eval.outliers_help": ("Jobs whose |z| is above {z}: re-evaluate them with their department.",
                           "|z| 超过 {z} 的岗位：需与所在部门一起重新评估。"),
    "eval.cv": ("Spread of points (CV)", "点值离散度（CV）"),
    "eval.cv_metric_help": ("Mean {mean} points, standard deviation {std}.", "平均 {mean} 分，标准差 {std}。"),
    "eval.no_line": ("Fewer than three jobs have both points and market pay for this survey: no line to check.",
                     "同时具有点值和该调研市场薪酬的岗位少于三个，无法进行回归校验。"),
    "eval.r2_fails": ("R² = {r2} is below {threshold}: the evaluation does not follow the market. Review the factors, "
                      "their weights or the ratings, then check again.",
                      "R² = {r2}，低于 {threshold}：测评结果与市场趋势不符。请检讨要素选择、权重或评估过程，再重新校验。"),
    "eval.r2_passes": ("R² = {r2} ≥ {threshold}: the evaluation ranks and spaces the jobs as the market does.",
                       "R² = {r2} ≥ {threshold}：测评结果的排序与分值差距与市场一致，测评通过。"),
    "eval.crowded": ("Jobs crowd together: CV of points {cv}, {middle} of jobs in the middle third of the range. "
                     "Fewer factors or wider level steps spread them out.",
                     "岗位过于集中：点值变异系数 {cv}，{middle} 的岗位落在分值区间的中间三分之一。减少要素或拉大等级分差可改善。"),
    "eval.regression_title": ("Market pay against points", "市场薪酬与岗位点值"),
    "eval.points_title": ("How the jobs' points spread", "岗位点值分布"),
    "eval.fitted_line": ("Fitted line", "回归线"),
    "eval.key_job_points": ("Jobs", "岗位"),
    "eval.pay_axis": ("Market {pct} per month ({currency})", "市场{pct}月薪（{currency}）"),
    "eval.middle_third": ("middle third", "中间三分之一"),
    "eval.key": ("Key job", "关键岗位"),
    "eval.other": ("Other jobs", "其他岗位"),
    "eval.outlier_list": ("Jobs to re-evaluate", "需重新评估的岗位"),
    "eval.market_pay": ("Market pay", "市场薪酬"),
    "eval.line_pay": ("Line", "回归值"),
    "eval.direction": ("Market pays", "市场薪酬"),
    "eval.paid_above": ("above the line", "高于回归线"),
    "eval.paid_below": ("below the line", "低于回归线"),
    "eval.outlier_action": ("Check these jobs with their department managers and the committee: the points may be "
                            "wrong, or the survey match may be.",
                            "请与所在部门经理及评估小组一起复核：可能是点值有误，也可能是调研岗位匹配不当。"),
    "eval.grades": ("Number of grades", "级别数量"),
    "eval.grades_help": ("More grades at the low end than at the high end suits most companies.",
                         "多数企业低端级别多、高端级别少更合适。"),
    "eval.band_method": ("Point bands", "点值区间"),
    "eval.method.equal": ("Equal width", "等宽"),
    "eval.method.geometric": ("Geometric", "等比"),
    "eval.band_method_help": ("Geometric bands are narrow at the bottom and wide at the top: small steps, fast run.",
                              "等比区间低端窄、高端宽：小步快跑。"),
    "eval.grade": ("Grade", "级别"),
    "eval.band": ("Points band", "点值区间"),
    "eval.empty_grades": ("Grades without jobs: {grades}.", "没有岗位的级别：{grades}。"),
    "eval.points_from": ("Points from", "点值来源"),
    "eval.source.committee": ("Committee", "评估小组"),
    "eval.source.stored": ("Jobs table", "岗位表"),
    "eval.source.none": ("Not evaluated", "未测评"),
    "eval.unslotted": ("{n} jobs have no points yet and no grade.", "{n} 个岗位尚无点值，未能定级。"),
    "eval.no_points": ("No job has points yet: record the committee's consensus first.", "尚无岗位点值：请先记录评估小组共识。"),
    "eval.save_grading": ("Save grading", "保存定级"),
    "eval.save_grading_help": ("Keeps the bands and every job's grade for the salary structure designer.",
                               "保存点值区间与各岗位级别，供薪资结构设计使用。"),
    "eval.grading_saved": ("Grading {id} saved: {grades} grades.", "定级 {id} 已保存：共 {grades} 级。"),
    "eval.last_grading": ("Last saved grading: {id}, {grades} grades, {when} by {who}.",
                          "最近保存的定级：{id}，{grades} 级，{when}，{who}。"),
    # salary structure
    "page.pay": ("Salary structure", "薪资结构设计"),
    "pay.intro": ("Build the pay structure from the graded jobs and the market: move the controls and the curve, the "
                  "people and the cost follow.",
                  "以岗位定级和市场数据设计薪资结构：调整参数，薪资曲线、员工分布和成本随之变化。"),
    "pay.no_market": ("No market data yet. The salary structure is drawn against a pay survey: bring one row per job "
                      "and survey year with its P10 to P90 (here, or as a survey file on the Job evaluation page).",
                      "还没有市场薪酬数据。薪资结构以薪酬调研为基准：请按岗位和调研年份导入 10 至 90 分位数据"
                      "（可在此导入，或在“岗位测评”页导入调研文件）。"),
    "pay.cannot_design": ("The structure cannot be designed: {reason}", "无法设计薪资结构：{reason}"),
    "pay.position": ("Market position", "市场定位"),
    "pay.position_help": ("Where on the market the curve sits: the percentile of market pay each grade's midpoint "
                          "matches. This is how high you pay, not when (that is lead/lag).",
                          "薪资曲线在市场中的位置：各级中点对标的市场分位。这决定薪酬水平的高低，与时间无关（时间是领先/滞后）。"),
    "pay.position_split": ("Vary by grade", "按级别区分"),
    "pay.position_all": ("All grades at", "所有级别定位于"),
    "pay.position_low": ("Lowest grade at", "最低级别定位于"),
    "pay.position_high": ("Highest grade at", "最高级别定位于"),
    "pay.leadlag": ("Lead / lag (timing)", "领先/滞后（时间）"),
    "pay.leadlag_help": ("The market moves up every year. Lead/lag decides whether the curve is set ahead of that "
                         "movement now, not whether you pay high or low.",
                         "市场工资逐年上涨。领先/滞后决定是否现在就为未来的市场增长打出提前量，而不是薪酬定位高或低。"),
    "pay.policy": ("Policy over the plan year", "计划年度内的策略"),
    "pay.policy.lag": ("Lag", "滞后"),
    "pay.policy.lead-lag": ("Lead-lag", "领先滞后"),
    "pay.policy.lead": ("Lead", "领先"),
    "pay.policy_help": ("Lag: market as of the effective date (behind all year). Lead-lag: aged to mid-year (ahead, "
                        "then behind). Lead: aged to the end of the plan year (ahead all year).",
                        "滞后：按生效日的市场水平（全年落后）。领先滞后：推到年中（先领先后落后）。领先：推到计划年末（全年领先）。"),
    "pay.growth": ("Expected market movement a year", "预计市场年增长率"),
    "pay.growth_help": ("How fast market pay rises; ages the survey to the effective date and drives lead/lag.",
                        "市场工资的上涨速度；用于把调研数据推算到生效日，并决定领先/滞后的幅度。"),
    "pay.lead": ("Extra manual lead (%)", "额外人为领先（%）"),
    "pay.lead_help": ("A percentage added on top of the policy; the page shows how many months it lasts.",
                      "在策略之外再上调的百分比；页面会显示该领先能维持多少个月。"),
    "pay.effective": ("Effective date", "生效日期"),
    "pay.effective_help": ("YYYY-MM-DD: the day the structure takes effect.", "格式 YYYY-MM-DD：薪资结构开始执行的日期。"),
    "pay.plan": ("Plan months", "计划期（月）"),
    "pay.plan_help": ("Length of the plan the policy covers, usually 12 months.", "策略覆盖的计划期长度，通常为12个月。"),
    "pay.bad_date": ("“{value}” is not a date (YYYY-MM-DD); the default is used.", "“{value}”不是日期（YYYY-MM-DD），已使用默认值。"),
    "pay.curve_title": ("Midpoint curve", "中点曲线"),
    "pay.curve_help": ("As read: the market at each grade, jagged. Smoothed: an exponential trend through it "
                       "its rise from the lowest to the highest grade shared out so that the progression rises in the "
                       "proportions of the low and high values: small steps at the low grades, larger at the high "
                       "ones (equal values give the plain trend). Designed: progression rising from the low to the "
                       "high value, placed at the same market level.",
                       "原始：各级直接读取的市场值，呈锯齿状。平滑：拟合指数趋势线，并把最低级到最高级的总增幅按低端、"
                       "高端级差的比例分配到各级，使级差由低到高递增、低端级差较小（级差应该不相等；两值相等即为普通趋势线）。"
                       "设计：级差从低端值逐步升到高端值，整体保持同样的市场定位。"),
    "pay.curve": ("Curve", "曲线"),
    "pay.curve.raw": ("As read", "原始"),
    "pay.curve.smooth": ("Smoothed", "平滑"),
    "pay.curve.designed": ("Designed", "设计级差"),
    "pay.progression_low": ("Progression at low grades", "低端级差"),
    "pay.progression_high": ("Progression at high grades", "高端级差"),
    "pay.ranges": ("Ranges and grades", "级幅度与级别"),
    "pay.ranges_help": ("Spread = (max − min) / min: narrow at low grades, wide at high grades.",
                        "级幅度 = (最大值 − 最小值) / 最小值：低端窄、高端宽（第十一步）。"),
    "pay.spread_low": ("Spread at the lowest grade", "最低级别幅度"),
    "pay.spread_high": ("Spread at the highest grade", "最高级别幅度"),
    "pay.grades": ("Grades", "级别数"),
    "pay.grades_help": ("The saved grading's grades by default; another number re-cuts the same points range.",
                        "默认使用已保存定级的级别数；改变级别数会在同一点值区间内重新划分。"),
    "pay.bands": ("Bands", "区间划分"),
    "pay.exclude_outliers": ("Exclude outlier jobs", "排除异常岗位"),
    "pay.exclude_outliers_help": ("Leave the jobs the market check flags (|z| > 2) out of the market lines: {jobs}.",
                                  "市场线中排除市场校验标出的异常岗位（|z| > 2）：{jobs}。"),
    "pay.tab.structure": ("Structure", "薪资结构"),
    "pay.tab.people": ("People in the structure", "员工在结构中的位置"),
    "pay.tab.cost": ("Cost and budget", "成本与预算"),
    "pay.tab.scenarios": ("Scenarios", "方案"),
    "pay.factor_line": ("Market lines × {factor}: aged {months} months from the survey to the effective date, "
                        "policy {policy} × {policy_factor}.",
                        "市场线 × {factor}：由调研日推算 {months} 个月至生效日，{policy}策略 × {policy_factor}。"),
    "pay.lead_lasts": ("The extra lead of {lead} lasts {months} months.", "额外领先 {lead} 可维持 {months} 个月。"),
    "pay.warn.falling_progression": ("Progression falls at grade(s) {grades}: it should rise from low to high grades.",
                                     "第 {grades} 级的级差下降：级差应由低到高逐级增大。"),
    "pay.warn.flat_progression": ("The progression is (nearly) equal at every grade, about {progression}: good "
                                  "practice asks for unequal steps, smaller at the low grades and larger at the high ones.",
                                  "各级级差（几乎）相等，约为 {progression}：级差应该不相等，低端较小、高端较大。"),
    "pay.warn.uniform_spread": ("Every grade has the same spread ({spread}): high grades usually need wider ranges.",
                                "所有级别的幅度相同（{spread}）：高端级别通常需要更宽的幅度。"),
    "pay.warn.overlap_low": ("Grade(s) {grades} barely overlap the next: a promotion becomes the only way to a raise.",
                             "第 {grades} 级与上一级几乎不重叠：加薪只能靠升级，易导致“官导向”。"),
    "pay.warn.overlap_high": ("Grade(s) {grades} overlap the next by more than 70 %: the grades hardly differ.",
                              "第 {grades} 级与上一级重叠超过70%：级别之间差别太小。"),
    "pay.warn.too_many_grades": ("Average progression is only {progression}: too many grades squeeze the steps "
                                 "(seesaw effect).", "平均级差仅为 {progression}：级别太多会压缩级差（跷跷板现象）。"),
    "pay.curve_chart": ("Company curve against the market", "企业薪资曲线与市场曲线"),
    "pay.range_chart": ("Ranges per grade, with today's pay", "各级薪资幅度与现有薪酬"),
    "pay.range": ("Range (min–max)", "幅度（最小–最大）"),
    "pay.market_line": ("Market P{pct}", "市场P{pct}"),
    "pay.total_curve": ("Total cash midpoint", "月总收入中点"),
    "pay.company_curve": ("Fixed pay midpoint (company curve)", "固定薪酬中点（企业曲线）"),
    "pay.monthly": ("Per month ({currency})", "月薪（{currency}）"),
    "pay.people": ("People", "员工"),
    "pay.people_pct": ("People's pay {pct}", "员工薪酬{pct}"),
    "pay.gap_of": ("gap {gap}", "间隔 {gap}"),
    "pay.col.position": ("Market position", "市场定位"),
    "pay.col.fixed_min": ("Fixed min", "固定工资最小值"),
    "pay.col.fixed_mid": ("Fixed mid", "固定工资中点值"),
    "pay.col.fixed_max": ("Fixed max", "固定工资最大值"),
    "pay.col.progression": ("Progression", "级差"),
    "pay.col.progression_help": ("Next grade's midpoint ÷ this grade's − 1.", "上一级中点 ÷ 本级中点 − 1。"),
    "pay.col.spread": ("Spread", "幅度"),
    "pay.col.spread_help": ("(max − min) / min.", "(最大值 − 最小值) / 最小值。"),
    "pay.col.overlap": ("Overlap with next", "与上一级重叠"),
    "pay.col.overlap_help": ("Share of the next grade's range this grade also covers; a gap when they do not touch.",
                             "本级覆盖上一级幅度的比例；不重叠时显示间隔。"),
    "pay.col.total_min": ("Total cash min", "总收入最小值"),
    "pay.col.total_mid": ("Total cash mid", "总收入中点"),
    "pay.col.total_max": ("Total cash max", "总收入最大值"),
    "pay.col.target_bonus": ("Target bonus", "目标奖金"),
    "pay.col.target_bonus_help": ("Total cash mid − fixed mid, a month; a person's bonus is this × their "
                                  "performance factor.", "总收入中点 − 固定中点（每月）；个人奖金 = 目标奖金 × 绩效系数。"),
    "pay.no_people": ("No active employee has a grade and base pay.", "没有同时具有级别和基本工资的在职员工。"),
    "pay.below_min": ("Below minimum", "低于最小值"),
    "pay.below_min_help": ("Green-circled: paid below their grade's new minimum.", "绿圈人员：薪酬低于所在级别的新最小值。"),
    "pay.above_max": ("Above maximum", "高于最大值"),
    "pay.above_max_help": ("Red-circled: paid above their grade's new maximum; usually frozen until the range "
                           "catches up.", "红圈人员：薪酬高于所在级别的新最大值；通常冻结调薪，直到幅度追上。"),
    "pay.people_n": ("{n} people", "{n} 人"),
    "pay.cost_to_min": ("Cost to bring to minimum (a year)", "调至最小值的年成本"),
    "pay.cost_to_min_help": ("12 × Σ (minimum − pay) over the green-circled.", "12 × Σ（最小值 − 现薪），对绿圈人员求和。"),
    "pay.average_cr": ("Average compa-ratio", "平均比较比率"),
    "pay.average_cr_help": ("Pay ÷ the grade's midpoint; 1.00 is the midpoint.", "薪酬 ÷ 所在级别中点；1.00 即处于中点。"),
    "pay.cr_distribution": ("Compa-ratio", "比较比率（CR）分布"),
    "pay.penetration_distribution": ("Range penetration", "区间渗透度分布"),
    "pay.compa_ratio": ("Compa-ratio", "比较比率"),
    "pay.penetration": ("Range penetration", "区间渗透度"),
    "pay.by_department": ("By department", "按部门"),
    "pay.headcount": ("Headcount", "在职人数"),
    "pay.green_circled": ("Green-circled", "绿圈人数"),
    "pay.red_circled": ("Red-circled", "红圈人数"),
    "pay.outside_list": ("{n} people outside their range", "{n} 人在幅度之外"),
    "pay.employee": ("Employee", "员工"),
    "pay.base_pay": ("Base pay", "基本工资"),
    "pay.where": ("Where", "位置"),
    "pay.download_outside": ("Download the list (CSV)", "下载名单（CSV）"),
    "pay.approved_total": ("Approved annual payroll", "批准的年度工资总额"),
    "pay.approved_total_help": ("The payroll total the company approved for the plan year.", "公司批准的计划年度工资总额。"),
    "pay.current_payroll": ("Payroll today (a year)", "当前年度工资"),
    "pay.current_payroll_help": ("12 × (base pay + target bonus) of today's people.", "12 × 在职员工的（基本工资 + 目标奖金）。"),
    "pay.structure_cost": ("Cost of the structure (a year)", "新结构年度成本"),
    "pay.structure_cost_help": ("12 × (pay raised to the new minimum where below it + the grade's target bonus).",
                                "12 × （低于新最小值者调至最小值后的薪酬 + 所在级别目标奖金）。"),
    "pay.approved": ("Approved total", "批准总额"),
    "pay.gap": ("Gap to approved", "与批准额差距"),
    "pay.over": ("over budget", "超出预算"),
    "pay.within": ("within budget", "在预算内"),
    "pay.levers": ("Levers", "调节手段"),
    "pay.levers_help": ("What each lever would do to the cost. Lowering the market position to fit the budget is the last "
                        "resort: it weakens the company's pay against the market for years.",
                        "各种手段对成本的影响。为迁就预算而降低市场定位是最后的手段：会长期削弱企业薪酬的市场竞争力。"),
    "pay.lever": ("Lever", "手段"),
    "pay.lever.as_designed": ("As designed", "按当前设计"),
    "pay.lever.position_minus_5": ("Market position 5 percentiles lower", "市场定位降低5个分位"),
    "pay.lever.lag_no_lead": ("Lag policy, no manual lead", "滞后策略，不加人为领先"),
    "pay.lever.to_min_over_two_years": ("Bring the green-circled to minimum over two years", "绿圈人员分两年调至最小值"),
    "pay.lever.headcount": ("Headcount {n} lower", "编制减少 {n} 人"),
    "pay.lever.raise_halved": ("Annual raise rate halved, to {n}", "年度调薪比例减半，降至 {n}"),
    "pay.bonus_controls": ("Performance bonus and annual raise", "绩效工资与年度调薪"),
    "pay.raise_rate": ("Annual raise rate (%)", "年度调薪比例（%）"),
    "pay.raise_rate_help": ("The raise on today's pay in the plan year; the cost adds it before bringing anyone "
                            "to the new minimum. Lowering it is one of the levers on the payroll.",
                            "计划年度在现有工资上的调薪比例；成本先加上调薪，再把低于新最小值的人调到最小值。降低年度调薪比例是"
                            "控制工资总额的手段之一。"),
    "pay.factor_table": ("Bonus factor by KPI rating", "按考核等级的奖金系数"),
    "pay.factor_table_help": ("A person's bonus = the grade's target bonus × the factor of their latest scored KPI "
                              "rating (on or before the as-of date). Without a rating, or with one not in the table, "
                              "the factor is 1. Add, change or remove rows.",
                              "个人奖金 = 所在级别的目标奖金 × 其最近一次已评分的KPI考核等级（截至统计日期）对应的系数。"
                              "没有考核等级或等级不在表中的，系数为1。可增删改行。"),
    "pay.rating": ("KPI rating", "考核等级"),
    "pay.factor": ("Factor", "系数"),
    "pay.no_rating": ("No rating", "无考核等级"),
    "pay.bonus_by_rating": ("Performance-linked bonus by rating", "按考核等级的绩效工资"),
    "pay.bonus_by_rating_help": ("Target bonus of each person's grade × the factor of their latest KPI rating, a "
                                 "year; it is in the structure cost and the budget above and below.",
                                 "每人所在级别的目标奖金 × 最近考核等级的系数，按年计；已计入上方的结构成本和下方的预算。"),
    "pay.target_annual": ("Target bonus, a year", "目标奖金（年）"),
    "pay.bonus_annual": ("Bonus, a year", "绩效奖金（年）"),
    "pay.bonus_annual_help": ("Target bonus × the factor of the latest KPI rating, × 12.",
                              "目标奖金 × 最近考核等级系数 × 12。"),
    "pay.bonus_total": ("Performance-linked bonus, a year", "绩效工资总额（年）"),
    "pay.bonus_total_help": ("Everyone's bonus at the factors of their ratings; the change is against paying every "
                             "target bonus at factor 1.", "按各人考核等级系数计算的奖金总额；变化为与全员按系数1发放目标奖金相比。"),
    "pay.vs_target": ("{sign}{amount} against target", "较目标 {sign}{amount}"),
    "pay.bonus_by_department": ("Performance-linked bonus by department", "各部门绩效工资"),
    "pay.change": ("Change", "变化"),
    "pay.budget": ("Next year's budget by department", "各部门明年薪酬预算"),
    "pay.budget_help": ("Planned headcount × each department's grade mix × (midpoint × the grade's current "
                        "compa-ratio × (1 + the annual raise rate) + target bonus × the grade's average performance "
                        "factor) × 12.",
                        "计划编制 × 各部门级别结构 × （中点 × 该级别现有CR × （1 + 年度调薪比例）+ 目标奖金 × 该级别平均绩效系数）"
                        "× 12。"),
    "pay.headcount_growth": ("Headcount change for every department", "各部门编制统一变化"),
    "pay.planned": ("Planned headcount", "计划编制"),
    "pay.cost_per_head": ("Cost per head (a year)", "人均年成本"),
    "pay.budget_col": ("Budget (a year)", "年度预算"),
    "pay.budget_total": ("Budget next year", "明年预算总额"),
    "pay.scenario_name": ("Scenario name", "方案名称"),
    "pay.save_scenario": ("Save scenario", "保存方案"),
    "pay.saved": ("Saved scenario “{name}” as a draft.", "方案“{name}”已保存为草稿。"),
    "pay.export": ("Export this design to Excel", "将当前设计导出为 Excel"),
    "pay.unsaved": ("Unsaved design", "未保存的设计"),
    "pay.status": ("Status", "状态"),
    "pay.status.draft": ("Draft", "草稿"),
    "pay.status.approved": ("Approved", "已批准"),
    "pay.created_by": ("Saved by", "保存人"),
    "pay.created_at": ("Saved", "保存时间"),
    "pay.approved_by": ("Approved by", "批准人"),
    "pay.approved_at": ("Approved", "批准时间"),
    "pay.to_approve": ("Draft to approve", "待批准的草稿"),
    "pay.approve": ("Approve", "批准"),
    "pay.approve_help": ("Records who approved it and when; the latest approved structure is the one in force.",
                         "记录批准人和时间；最近批准的结构即为现行结构。"),
    "pay.approved_notice": ("“{name}” approved by {who}.", "“{name}”已由 {who} 批准。"),
    "filter.any": ("Any", "全部"),
    "pay.compare": ("Compare with saved scenarios", "与已保存方案比较"),
    "pay.compare_none": ("None: choose up to three", "未选：最多选三个"),
    "pay.compare_help": ("Up to three; saved scenarios are shown as they were saved.", "最多三个；已保存方案按保存时的结果显示。"),
    "pay.this_design": ("This design", "当前设计"),
    "pay.cmp.grades": ("Grades", "级别数"),
    "pay.cmp.lowest_mid": ("Lowest grade's mid", "最低级中点"),
    "pay.cmp.highest_mid": ("Highest grade's mid", "最高级中点"),
    "pay.cmp.progression": ("Average progression", "平均级差"),
    # Issue 30: the structure in force beside this design, the cost strip, the policy line, scenarios compared.
    "pay.design.below_min": ("Below minimum (this design)", "低于最小值（当前设计）"),
    "pay.design.above_max": ("Above maximum (this design)", "高于最大值（当前设计）"),
    "pay.design.figures": ("This design", "当前设计"),
    "pay.design.figures_help": ("Today's people placed in the design the controls above are shaping; it changes "
                                "with every move and is not in force until a scenario of it is approved.",
                                "把现有员工放入上方参数正在调整的设计中；每次调整都会变化，方案获批前不生效。"),
    "pay.force.figures": ("Structure in force: {name}", "现行薪资结构：{name}"),
    "pay.force.figures_help": ("The latest approved structure, from its approved grades, with today's people in it: "
                               "the figures the overview shows.", "最近一次批准的薪资结构（按批准时的级别表），放入现有员工："
                               "与总览页显示的数字一致。"),
    "pay.force.below_min": ("Below minimum (in force)", "低于最小值（现行）"),
    "pay.force.above_max": ("Above maximum (in force)", "高于最大值（现行）"),
    "pay.force.budget_used": ("Budget used (in force)", "预算使用率（现行）"),
    "pay.average": ("average", "平均"),
    "pay.force.budget_used_help": ("Today's annual payroll against the total approved with the structure in force.",
                                   "当前年度工资总额占现行结构批准总额的比例。"),
    "pay.force.none": ("No structure is in force yet: approve a scenario on the Scenarios tab to put one in force.",
                       "尚无现行薪资结构：在“方案”页批准一个方案即可生效。"),
    "pay.strip.cost": ("Cost of this design, a year", "当前设计年度成本"),
    "pay.strip.cost_help": ("Today's people in this design: pay after the annual raise, raised to the new minimum "
                            "where below it, plus each person's performance-linked bonus, × 12. The change is "
                            "against today's payroll.", "现有员工按当前设计：年度调薪后的工资（低于新最小值的调至最小值）"
                            "加个人绩效奖金，× 12。变化为与当前工资总额相比。"),
    "pay.strip.budget_help": ("The approved budget is set on the Cost and budget tab.", "批准预算在“成本与预算”页设置。"),
    "pay.strip.used": ("{share} of the {budget} budget", "占批准预算 {budget} 的 {share}"),
    "pay.strip.over": ("{amount} over the budget", "超出预算 {amount}"),
    "pay.strip.under": ("{amount} under the budget", "低于预算 {amount}"),
    "pay.market_aged": ("Market at the position, aged to the effective date", "市场定位线（推算至生效日）"),
    "pay.policy_line": ("Policy line: the market led or lagged", "策略线（领先/滞后后）"),
    "pay.lead_gap": ("Lead over the market", "领先市场的部分"),
    "pay.cmp.mid_chart": ("Midpoint by grade", "各级中点"),
    "pay.cmp.cost_chart": ("Cost a year against the approved budget of {budget}", "年度成本与批准预算 {budget} 的差额"),
    "pay.cmp.against_budget": ("Over (+) or under (−) budget, {currency}", "高于（+）或低于（−）预算，{currency}"),
    "pay.signed_as": ("Saved and approved as {name}, the signed-in account.", "以当前登录账号 {name} 保存和批准。"),
    # KPI scorecards
    "nav.performance": ("Performance and talent", "绩效与人才"),
    "page.kpi": ("KPI scorecards", "KPI 绩效考核"),
    "kpi.intro": ("Set indicators, weights and targets, record actuals, check the data, score, rate and use the results.", "设定指标、权重与目标，录入实际值，检查数据，评分定级并应用考核结果。"),
    "kpi.no_periods": ("No scorecards yet. Bring one scorecard per person and period (with its total and rating "
                       "where they were scored in another system), or build the cards here once there is a period.",
                       "还没有绩效考核表。请按人员和考核周期导入考核表（若已在其他系统评分，请带上总分和等级）。"),
    "kpi.tab.card": ("Scorecard", "考核表"),
    "kpi.tab.check": ("Data check", "数据检查"),
    "kpi.tab.results": ("Results", "考核结果"),
    "kpi.tab.merit": ("Merit increases", "调薪矩阵"),
    "kpi.tab.library": ("Indicator library", "指标库"),
    "kpi.tab.cycles": ("Cycles", "考核周期"),
    "kpi.period": ("Period", "考核期"),
    "kpi.owner_type": ("Cards of", "考核对象"),
    "kpi.owner.employee": ("Employee", "员工"),
    "kpi.owner.position": ("Position", "岗位"),
    "kpi.owner.department": ("Department", "部门"),
    "kpi.owner": ("Appraisee", "被考核人"),
    "kpi.card": ("Scorecard", "考核表"),
    "kpi.no_cards": ("No cards of this kind in the period.", "本考核期没有此类考核表。"),
    "kpi.status.draft": ("not scored", "未评分"),
    "kpi.status.scored": ("scored", "已评分"),
    "kpi.appraiser": ("Appraiser", "考核人"),
    "kpi.mode": ("Rates scored by", "比率类指标计分方式"),
    "kpi.mode.ratio": ("achievement ratio (actual ÷ target)", "完成率（实际 ÷ 目标）"),
    "kpi.mode.points": ("percentage points (actual − target)", "百分点差（实际 − 目标）"),
    "kpi.mode_help": ("Target 95 %, actual 93 %: as a ratio the achievement is 97.9 % (score 89.5 at 5 points a point); "
                      "as percentage points it is −2 (score 90).",
                      "目标95%、实际93%：按完成率计为97.9%（每1%计5分，得89.5分）；按百分点差计为−2个百分点（得90分）。"),
    "kpi.indicator_id": ("Indicator id", "指标编号"),
    "kpi.save_notes": ("Save the notes", "保存面谈记录"),
    "kpi.notes_saved": ("Feedback notes and improvement plan saved.", "面谈记录与改进计划已保存。"),
    "kpi.indicator_name": ("Indicator", "指标名称"),
    "kpi.target": ("Target", "目标值"),
    "kpi.actual": ("Actual", "实际值"),
    "kpi.rule": ("Scoring rule", "计分方式"),
    "kpi.per_point": ("Points per %", "每1%分值"),
    "kpi.per_point_help": ("Linear rule: points added or taken per percentage point of achievement (usually 5).",
                           "线性规则：完成率每变化1个百分点加减的分数（示例为5分）。"),
    "kpi.floor": ("Floor", "最低分"),
    "kpi.cap": ("Cap", "最高分"),
    "kpi.manual_score": ("Manual score", "人工评分"),
    "kpi.manual_score_help": ("Only for lines scored by hand (rule ‘manual’).", "仅用于人工评分的指标（计分方式为“人工”）。"),
    "kpi.rule.linear": ("Linear", "线性"),
    "kpi.rule.threshold": ("Stepwise", "阶梯"),
    "kpi.rule.pass_fail": ("Pass/fail", "达标"),
    "kpi.rule.manual": ("Manual", "人工"),
    "kpi.steps": ("Steps (stepwise)", "阶梯档位"),
    "kpi.steps_help": ("Stepwise rule: threshold and score pairs, e.g. ‘0: 120; 1: 100; 3: 60’. Higher is better: "
                       "the highest threshold reached scores; lower is better (zero incidents): the lowest threshold "
                       "not exceeded. Beyond every step scores 0.",
                       "阶梯计分：阈值与分数成对填写，如“0: 120; 1: 100; 3: 60”。越高越好时取达到的最高一档；越低越好"
                       "（如零事故）时取未超过的最低一档；超出所有档位得0分。"),
    "kpi.kind.numeric": ("numeric", "数字型"),
    "kpi.kind.time": ("time", "时限型"),
    "kpi.kind.project": ("project", "项目型"),
    "kpi.kind.mixed": ("mixed", "混合型"),
    "kpi.dimension.quantity": ("quantity", "数量"),
    "kpi.dimension.quality": ("quality", "质量"),
    "kpi.dimension.time": ("time", "时间"),
    "kpi.dimension.cost": ("cost", "成本"),
    "kpi.perspective.financial": ("financial", "财务"),
    "kpi.perspective.customer": ("customer", "客户"),
    "kpi.perspective.internal_process": ("internal process", "内部运营"),
    "kpi.perspective.learning_growth": ("learning and growth", "学习与发展"),
    "kpi.bounded_share": ("Share of at most 100 %", "不超过100%的比率"),
    "kpi.bounded_share_help": ("Tick for a coverage or pass rate that cannot exceed 100 %: only then is an actual "
                               "above 100 % or below 0 refused. A completion rate above 100 % is rewarded by the "
                               "linear rule up to its cap.",
                               "覆盖率、通过率等不可能超过100%的比率请勾选：只有此类指标的实际值超过100%或小于0会被拒绝。"
                               "完成率超过100%时按线性规则加分，直至最高分。"),
    "kpi.line_score": ("Line score", "单项得分"),
    "kpi.weighted": ("Weighted", "加权得分"),
    "kpi.total": ("Total score", "总分"),
    "kpi.rating": ("Rating", "考核等级"),
    "kpi.rating_help": ("By the bands on the Results tab; shown once the card has no blocking problem.",
                        "按“考核结果”页设定的等级区间；考核表无阻断问题时显示。"),
    "kpi.problem.weights_sum": ("Weights add up to {total}, not 100 %: this card cannot be saved.",
                                "权重合计为{total}，不是100%：此考核表无法保存。"),
    "kpi.problem.negative_weight": ("A weight is below 0.", "有权重小于0。"),
    "kpi.problem.self_appraisal": ("The appraiser is the appraisee: nobody may appraise themselves.",
                                   "考核人与被考核人相同：不能自己考核自己。"),
    "kpi.problem.duplicate": ("{indicator} appears twice on the card: count it once.", "指标“{indicator}”在考核表中重复出现。"),
    "kpi.problem.no_indicator": ("A line has no indicator.", "有考核项未选择指标。"),
    "kpi.problem.missing_actual": ("{indicator}: the actual is missing.", "“{indicator}”：缺少实际值。"),
    "kpi.problem.bad_target": ("{indicator}: the linear rule divides by the target, which must be above 0; score a "
                               "target of 0 (zero incidents) stepwise or pass/fail.",
                               "“{indicator}”：线性计分以目标值为除数，目标值必须大于0；目标为0（如零事故）请改用阶梯或达标计分。"),
    "kpi.problem.negative_actual": ("{indicator}: the actual {value} is below 0, and this share cannot be.",
                                    "“{indicator}”：实际值 {value} 小于0，而该比率不可能小于0。"),
    "kpi.problem.over_100": ("{indicator}: {value} % is above 100 %, and this share (a coverage or pass rate) cannot be.",
                             "“{indicator}”：{value}% 超过100%，而该比率（覆盖率或通过率）不可能超过100%。"),
    "kpi.problem.bad_thresholds": ("{indicator}: the stepwise rule needs its steps (threshold and score).",
                                   "“{indicator}”：阶梯计分需要设定各档阈值与分数。"),
    "kpi.problem_short.bad_thresholds": ("steps of the stepwise rule missing", "缺少阶梯计分档位"),
    "kpi.problem.missing_score": ("{indicator}: a manual line needs a score.", "“{indicator}”：人工评分项需要填写分数。"),
    "kpi.problem_short.weights_sum": ("weights do not add up to 100 %", "权重合计不是100%"),
    "kpi.problem_short.negative_weight": ("a weight below 0", "权重小于0"),
    "kpi.problem_short.self_appraisal": ("appraiser is the appraisee", "考核人与被考核人相同"),
    "kpi.problem_short.duplicate": ("an indicator appears twice", "指标重复"),
    "kpi.problem_short.no_indicator": ("a line has no indicator", "有考核项未选择指标"),
    "kpi.problem_short.missing_actual": ("actual missing", "缺少实际值"),
    "kpi.problem_short.bad_target": ("target not above 0", "目标值不大于0"),
    "kpi.problem_short.negative_actual": ("share below 0", "比率小于0"),
    "kpi.problem_short.over_100": ("share above 100 %", "比率超过100%"),
    "kpi.problem_short.missing_score": ("manual score missing", "缺少人工评分"),
    "kpi.refused": ("Refused: {reason}.", "未能保存：{reason}。"),
    "kpi.feedback": ("Feedback interview notes", "绩效面谈记录"),
    "kpi.feedback_help": ("Agreed result, strengths and shortfalls (kept as the written record of the talk).",
                          "双方认可的结果、优点与不足（形成书面记录）。"),
    "kpi.plan": ("Improvement plan", "绩效改进计划"),
    "kpi.plan_help": ("What will change next period, who helps, by when.", "下一周期要改进什么、谁来协助、何时完成。"),
    "kpi.save_draft": ("Save draft", "保存草稿"),
    "kpi.score_card": ("Score the card", "评分定级"),
    "kpi.saved": ("Card saved as a draft (total so far {total}).", "考核表已保存为草稿（当前总分 {total}）。"),
    "kpi.scored": ("Card scored: total {total}, rating {rating}.", "考核表已评分：总分 {total}，等级 {rating}。"),
    "kpi.locked": ("Scored by {who}; its actuals and scores are now part of the result.", "已由 {who} 评分；实际值与得分已成为考核结果。"),
    "kpi.cards": ("Cards", "考核表数"),
    "kpi.not_scored": ("Not yet scored", "未评分"),
    "kpi.blocked": ("Blocked by the check", "因检查受阻"),
    "kpi.blocked_help": ("Cards with a missing actual, an out-of-range value, a bad weight sum or a self-appraisal.",
                         "存在缺失实际值、数值越界、权重合计错误或自评问题的考核表。"),
    "kpi.ready": ("Ready to score", "可评分"),
    "kpi.problems_title": ("Fix these before scoring", "评分前请修正以下问题"),
    "kpi.first_problems": ("The first 500 of {n} problems; the template download lists every open line.",
                           "仅显示 {n} 个问题中的前500个；模板下载包含全部未完成的考核项。"),
    "kpi.inconsistent": ("{n} groups of peers (one job family, one level) use different indicators this period: "
                         "positions of one level should use the same indicators.",
                         "本期有 {n} 组同级人员（同一职族、同一职级）使用了不同的指标：同级岗位应保持指标一致。"),
    "kpi.inconsistent_group": ("{family}, grade {level}{leads}: {sets} different indicator sets on {cards} cards "
                               "({jobs})",
                               "{family}，{level} 级{leads}：{cards} 张考核表用了 {sets} 套不同的指标（{jobs}）"),
    "kpi.inconsistent_job": ("{jobs} (no job family or grade on file, compared within the job): {sets} different "
                             "indicator sets on {cards} cards",
                             "{jobs}（未登记职族或职级，按岗位比较）：{cards} 张考核表用了 {sets} 套不同的指标"),
    "kpi.inconsistent_leads": (", leading a unit", "，管理岗"),
    "kpi.inconsistent_more": ("… and {n} more groups.", "……另有 {n} 组。"),
    "kpi.new_card": ("Open a new card", "新建考核表"),
    "kpi.coaching": ("Coaching notes", "绩效辅导记录"),
    "kpi.coaching_help": ("Dated notes of the coaching conversations during the period: the work observed and what "
                          "was agreed. Together they are the appraisee's performance record.",
                          "考核期内绩效辅导谈话的记录（注明日期）：观察到的工作情况与商定的事项，共同构成员工业绩档案。"),
    "kpi.no_coaching": ("No coaching notes on this card yet.", "此考核表尚无辅导记录。"),
    "kpi.coaching_not_yet": ("Coaching notes can be dated from the first day of the period ({first}).",
                             "辅导记录的日期最早为考核期首日（{first}）。"),
    "kpi.note_held_on": ("Date of the conversation", "辅导日期"),
    "kpi.note_text": ("What was discussed", "辅导内容"),
    "kpi.note_follow_up": ("Follow-up (optional)", "后续跟进（选填）"),
    "kpi.note_author": ("Written by", "记录人"),
    "kpi.add_note": ("Add the note", "添加记录"),
    "kpi.note_added": ("Coaching note {note} added.", "已添加辅导记录 {note}。"),
    "kpi.not_saved": ("Not saved: {reason}", "未保存：{reason}"),
    "kpi.appeal": ("Appeal", "绩效申诉"),
    "kpi.appeal_help": ("The appraisee may appeal against a scored card, or HR files the appeal on their behalf; HR "
                        "decides it once, with a reason. An upheld appeal sends the card back to draft for the "
                        "appraiser to score again; a rejected one leaves the result as it is.",
                        "被考核者可对已评分的考核表提出申诉，也可由人力资源部代为登记；人力资源部一次性处理并写明理由。"
                        "申诉成立的，考核表退回未评分状态，由考核者重新评分；驳回的，考核结果不变。"),
    "kpi.no_appeals": ("No appeal against this card.", "此考核表没有申诉。"),
    "kpi.appeal_grounds": ("Grounds of the appeal", "申诉理由"),
    "kpi.file_appeal": ("File the appeal", "提交申诉"),
    "kpi.appeal_filed": ("Appeal {appeal} filed; HR decides it.", "已提交申诉 {appeal}，由人力资源部处理。"),
    "kpi.appeal_outcome": ("Decision", "处理结果"),
    "kpi.appeal_reason": ("Reason for the decision", "处理理由"),
    "kpi.decide_appeal": ("Record the decision", "记录处理结果"),
    "kpi.appeal_rejected_note": ("Appeal {appeal} rejected; the result stands.", "申诉 {appeal} 已驳回，考核结果不变。"),
    "kpi.appeal_upheld_note": ("Appeal {appeal} upheld: the card is back to draft for rescoring.",
                               "申诉 {appeal} 成立：考核表已退回未评分状态，待重新评分。"),
    "kpi.appeal_pending": ("Appeal {appeal} is pending: HR decides it.", "申诉 {appeal} 待处理，由人力资源部处理。"),
    "kpi.appeal_status": ("Status", "状态"),
    "kpi.appeal_status.pending": ("Pending", "待处理"),
    "kpi.appeal_status.upheld": ("Upheld", "申诉成立"),
    "kpi.appeal_status.rejected": ("Rejected", "驳回"),
    "kpi.appeal_filed_on": ("Filed", "申诉日期"),
    "kpi.appeal_filed_by": ("Filed by", "申诉人"),
    "kpi.appeal_decided_on": ("Decided", "处理日期"),
    "kpi.appeal_decided_by": ("Decided by", "处理人"),
    "kpi.appealed_result": ("Result appealed", "被申诉的结果"),
    "kpi.pending_appeals": ("Appeals pending ({n})", "待处理申诉（{n}）"),
    "kpi.pending_appeal_pick": ("Appeal", "申诉"),
    "kpi.open_appealed_card": ("Go to the appealed card", "转到被申诉的考核表"),
    "kpi.owner_id_help": ("Whoever the card appraises: type part of the name to search.",
                          "被考核对象：输入名称的一部分即可搜索。"),
    "kpi.copy_from": ("Copy the lines of card", "复制此考核表的指标"),
    "kpi.copy_from_help": ("An earlier card, e.g. last period's card of the same person: indicators, weights and "
                           "targets are copied, actuals left empty. Type part of a name or a period to search; the "
                           "owner's own cards come first, then those of their department and job.",
                           "较早的一张考核表，例如同一人上期的考核表：复制指标、权重与目标值，实际值留空。"
                           "输入姓名或考核期的一部分即可搜索；本人的考核表在前，其次为同部门、同岗位的。"),
    "kpi.copy_from_placeholder": ("None: start with no lines", "不复制：从空白开始"),
    "kpi.card_number": ("Card number", "考核表编号"),
    "kpi.open_card": ("Open the card", "新建"),
    "kpi.card_opened": ("The card of {owner} for {period} is open as a draft.", "{owner} {period} 的考核表已新建为草稿。"),
    "kpi.card_refused": ("The card was not opened: {reason}", "未能新建考核表：{reason}"),
    "kpi.no_problems": ("Every open card passes the check.", "所有未评分的考核表均通过检查。"),
    "kpi.score_all": ("Score the {n} cards that pass", "为通过检查的 {n} 张考核表评分"),
    "kpi.scored_all": ("{n} cards scored; {left} still blocked.", "已评分 {n} 张考核表；仍有 {left} 张受阻。"),
    "kpi.import_title": ("Import actuals", "导入实际值"),
    "kpi.import_help": ("A CSV or Excel file with the card, the indicator and the actual (scorecard_id, indicator_id, "
                        "actual or the same headings in Chinese), through the mapping every import takes; all "
                        "rows are written or none, and scored cards are never changed.",
                        "包含考核表、指标与实际值（scorecard_id、indicator_id、actual，或“考核表”“指标”“完成值”等列名）的 CSV "
                        "或 Excel 文件，与其他导入使用同一映射；要么全部写入，要么全部不写，已评分的考核表不会被改动。"),
    "kpi.template": ("Download the open lines as a template", "下载未评分考核项作为模板"),
    "kpi.actuals_file": ("Actuals file", "实际值文件"),
    "kpi.import_actuals": ("Import the actuals", "导入实际值"),
    "kpi.imported": ("{n} actuals imported.", "已导入 {n} 个实际值。"),
    "kpi.imported_result": ("Total and rating as imported: the card has no lines to score.",
                            "总分与等级为导入值：该考核表没有可评分的考核项。"),
    "kpi.bands": ("Rating bands", "等级区间"),
    "kpi.bands_help": ("Lower bounds, inclusive: with A from 110, a total of exactly 110 is an A. Below the last is D.",
                       "下限含本数：A 从110分起，则恰好110分为A；低于最后一档为D。"),
    "kpi.band_from": ("{rating} from", "{rating} 等起点"),
    "kpi.save_bands": ("Save the bands", "保存等级区间"),
    "kpi.bands_saved": ("Rating bands saved; cards scored from now on use them.", "等级区间已保存，此后评分的考核表按新区间定级。"),
    "kpi.bands_bad": ("The bounds must fall from A to C.", "区间下限须从A到C依次降低。"),
    "kpi.distribution": ("Ratings in {period}", "{period} 考核等级分布"),
    "kpi.trend": ("Average total by period", "各考核期平均总分"),
    "kpi.average_total": ("Average total", "平均总分"),
    "kpi.by_department": ("Ratings by department (employees)", "各部门考核等级分布（员工）"),
    "kpi.cascade": ("Cascade: which company goals each indicator serves", "指标分解：各指标支撑哪些公司目标"),
    "kpi.cascade_help": ("Company goals in the centre; department and position indicators around the goal they "
                         "support, sized by the cards that use them this period.",
                         "中心为公司目标，外圈为支撑各目标的部门与岗位指标，大小按本期使用该指标的考核表数量。"),
    "kpi.company_goals": ("Company goals", "公司目标"),
    "kpi.merit_needs": ("The merit matrix needs an approved salary structure (for compa-ratios) and scored cards.",
                        "调薪矩阵需要已批准的薪资结构（计算比较比率）和已评分的考核表。"),
    "kpi.merit_help": ("Suggested raise by rating and compa-ratio (pay ÷ midpoint of the structure in force): more for "
                       "strong ratings and for people low in their range.",
                       "按考核等级与比较比率（薪酬 ÷ 现行结构中点）建议调薪幅度：等级越高、在幅度中越低，调幅越大。"),
    "kpi.band.below": ("CR below 0.9", "CR 低于0.9"),
    "kpi.band.within": ("CR 0.9–1.1", "CR 介于0.9–1.1"),
    "kpi.band.above": ("CR above 1.1", "CR 高于1.1"),
    "kpi.merit_people": ("People", "人数"),
    "kpi.merit_cost": ("Cost a year", "年度成本"),
    "kpi.merit_cost_help": ("12 × Σ base pay × suggested raise.", "12 × Σ 基本工资 × 建议调幅。"),
    "kpi.merit_share": ("Share of base payroll", "占基本工资总额"),
    "kpi.merit_share_help": ("Raise cost ÷ 12 × base pay of the people rated.", "调薪成本 ÷ 受评人员 12 × 基本工资。"),
    "kpi.merit_average": ("Average raise", "平均调幅"),
    "kpi.save_matrix": ("Save the matrix", "保存调薪矩阵"),
    "kpi.matrix_saved": ("Merit matrix saved.", "调薪矩阵已保存。"),
    "kpi.library_help": ("Every indicator with its definition, formula, type, dimension, balanced-scorecard "
                         "perspective, KPI or CPI, direction, data source, owner and the goal it supports.",
                         "每个指标的定义、计算公式、类型、维度、平衡计分卡层面、KPI/CPI、方向、数据来源、负责人及其支撑的目标。"),
    "kpi.add_seed": ("Add {n} example indicators", "添加 {n} 个示例指标"),
    "kpi.seed_added": ("{n} example indicators added.", "已添加 {n} 个示例指标。"),
    "kpi.definition": ("Definition", "指标定义"),
    "kpi.formula": ("Formula", "计算公式"),
    "kpi.kind": ("Type", "类型"),
    "kpi.dimension": ("Dimension", "评价维度"),
    "kpi.perspective": ("BSC perspective", "平衡计分卡层面"),
    "kpi.category": ("KPI / CPI", "指标类别（KPI/CPI）"),
    "kpi.data_source": ("Data source", "数据来源"),
    "kpi.higher_is_better": ("Higher is better", "越高越好"),
    "kpi.unit": ("Unit", "单位"),
    "kpi.indicator_owner": ("Owner", "负责人"),
    "kpi.supports": ("Supports", "支撑目标"),
    "kpi.smart.specific": ("{indicator}: Specific? Write a definition that says exactly what is counted.",
                           "“{indicator}”：具体吗？请写明具体统计什么。"),
    "kpi.smart.measurable": ("{indicator}: Measurable? Give the formula, the data source and whether higher or "
                             "lower is better.",
                             "“{indicator}”：可衡量吗？请给出计算公式、数据来源，并说明越高越好还是越低越好。"),
    "kpi.smart.attainable": ("{indicator}: Attainable? Name the owner, and check they can reach the target with the "
                             "resources they are given.",
                             "“{indicator}”：可实现吗？请写明负责人，并确认其凭所给资源能够达成目标。"),
    "kpi.smart.relevant": ("{indicator}: Relevant? Give its perspective or the goal it supports.",
                           "“{indicator}”：相关吗？请注明所属层面或支撑的目标。"),
    "kpi.smart.time_bound": ("{indicator}: Time-bound? Say by which date or over which period it is measured "
                             "(a month, a quarter, a year).",
                             "“{indicator}”：有时限吗？请写明完成日期或考核期间（月、季度、年度）。"),
    "kpi.save_library": ("Save the library", "保存指标库"),
    "kpi.library_problems": ("The library cannot be saved:", "指标库无法保存："),
    "kpi.library_saved": ("Library saved: {new} new, {changed} changed.", "指标库已保存：新增 {new} 个，修改 {changed} 个。"),
    "kpi.cycles_help": ("How often each role is appraised: general manager yearly, vice presidents half-yearly or "
                        "quarterly, manager assistants quarterly, staff monthly; managers above the assistants set "
                        "quarterly or half-yearly goals. A job held by the head of the company is the general "
                        "manager's, by the heads of the units below it a vice president's; a title saying manager "
                        "assistant is a manager assistant's; other managing jobs are managers', the rest staff. New "
                        "cards follow their owner's cycle and the data check flags a card that does not.",
                        "各类人员的考核周期：总经理年度，副总半年或季度，经理助理季度，员工月度；经理以上人员列出季度或半年工作目标。"
                        "公司负责人所任岗位为总经理，其下各单位负责人所任岗位为副总；岗位名称含“经理助理”的为经理助理；"
                        "其他管理岗位为经理，其余为员工。新建考核表须符合被考核对象的周期，数据检查会标出不符合的考核表。"),
    "kpi.role.general_manager": ("General manager", "总经理"),
    "kpi.role.vice_president": ("Vice presidents", "副总"),
    "kpi.role.manager": ("Managers above the assistants", "经理及以上"),
    "kpi.role.manager_assistant": ("Manager assistants", "经理助理"),
    "kpi.role.staff": ("Staff", "员工"),
    "kpi.cycle.yearly": ("Yearly", "年度"),
    "kpi.cycle.half-yearly": ("Half-yearly", "半年度"),
    "kpi.cycle.quarterly": ("Quarterly", "季度"),
    "kpi.cycle.monthly": ("Monthly", "月度"),
    "kpi.cycle.none": ("not a year, half-year, quarter or month", "非年度、半年、季度或月度"),
    "kpi.off_cycle": ("{n} card(s) of this period do not fit their owner's appraisal cycle. They can still be "
                      "scored; open the next ones on the owner's cycle.",
                      "本期有 {n} 张考核表不符合被考核对象的考核周期。这些考核表仍可评分；之后请按其周期新建。"),
    "kpi.problem_short.off_cycle": ("period: {kind}; the owner's cycle: {cycle} ({role})",
                                    "考核期：{kind}；被考核对象的周期：{cycle}（{role}）"),
    "kpi.card_off_cycle": ("This card's period {period} does not fit the owner's appraisal cycle: {cycle} ({role}).",
                           "本考核表的考核期 {period} 不符合被考核对象的考核周期：{cycle}（{role}）。"),
    "kpi.first_off_cycle": ("The first 500 of {n} cards off their owner's cycle.", "共 {n} 张不符合周期的考核表，仅列出前500张。"),
    "kpi.new_card_owner_first": ("Pick whose card it is: the periods of their appraisal cycle are then offered.",
                                 "请先选择被考核对象，随后列出其考核周期的各期。"),
    "kpi.new_card_cycle": ("{role} · appraisal cycle: {cycle}", "{role} · 考核周期：{cycle}"),
    "kpi.job_roles": ("Role of each job", "各岗位的考核角色"),
    "kpi.job_roles_help": ("Each job's role gives its people's appraisal cycle. The rule: the job of the company's "
                           "head is the general manager's, the jobs of the heads of the units below it vice "
                           "presidents', a manager-assistant title a manager assistant's, other managing jobs "
                           "managers', the rest staff. Change a job's role where the company appraises it otherwise.",
                           "岗位的考核角色决定其人员的考核周期。规则：公司负责人所任岗位为总经理，其下各单位负责人所任岗位为副总，"
                           "名称含“经理助理”的岗位为经理助理，其他管理岗位为经理，其余为员工。公司另有安排的岗位可在此修改。"),
    "kpi.job": ("Job", "岗位"),
    "kpi.job_title": ("Title", "岗位名称"),
    "kpi.role": ("Appraisal role", "考核角色"),
    "kpi.save_roles": ("Save the roles", "保存考核角色"),
    "kpi.roles_saved": ("Roles saved: new cards and the data check follow them.", "考核角色已保存：新建考核表和数据检查将按此执行。"),
    "kpi.save_cycles": ("Save the cycles", "保存考核周期"),
    "kpi.cycles_saved": ("Cycles saved.", "考核周期已保存。"),
    "kpi.new_owner.employee": ("Employee", "员工"),
    "kpi.new_owner.position": ("Position", "岗位"),
    "kpi.new_owner.department": ("Department", "部门"),
    "kpi.new_owner_placeholder": ("Type a name to search", "输入姓名或名称搜索"),
    # talent review
    "page.talent": ("Nine-box talent review", "九宫格人才盘点"),
    "talent.intro": ("Place people on performance × ability, calibrate with reasons, follow up on each box.",
                     "按绩效 × 能力把员工放入九宫格，说明理由进行校准，并按格子跟进行动。"),
    "talent.no_inputs": ("The review places each person by performance (scored KPI cards) and ability (ability "
                         "assessments, or 360-degree ratings on a competency model): bring both for the same people.",
                         "人才盘点按绩效（已评分的考核表）和能力（能力评估，或按素质模型的360度评估）为每个人定位："
                         "请为同一批人导入这两类数据。"),
    "talent.ability_source": ("Ability from", "能力来源"),
    "talent.source.imported": ("Imported ability assessments", "导入的能力评估"),
    "talent.source.360": ("360-degree review (all raters but self)", "360度评估（他评）"),
    "talent.source.competency": ("Competency review total against the target profile", "素质评估总分（对照目标素质画像）"),
    "talent.source_help": ("Imported assessments: the 1-10 scores of the file you brought. 360-degree review: the "
                           "mean over the items of the person's competency model of all raters but self, shown only "
                           "when it rests on at least 4 raters. Competency total: how much of the target profile of "
                           "the person's job and level the 360 figures reach, 10 when every target is met. The "
                           "choice is recorded with the review.",
                           "导入的能力评估：所导入文件中的1-10分。360度评估：按本人素质模型各项他评（除本人外所有"
                           "评价人）的平均分，仅在至少4名评价人时显示。素质评估总分：360度评估结果达到本人岗位和级别"
                           "目标素质画像的程度，全部达标为10分。所选来源随盘点一并记录。"),
    "talent.source_recorded": ("This review was recorded with this ability source and period; they stay as "
                               "recorded.", "本次盘点已按此能力来源和期间记录，保持不变。"),
    "talent.kpi_recorded": ("This review placed people by the KPI results of this period (the mean of each person's "
                            "cards within it); it stays as recorded.",
                            "本次盘点按该考核期的绩效结果（每人在该期内各考核表总分的平均值）放置人员，保持不变。"),
    "talent.ability_period.imported": ("Ability: assessment of", "能力：评估期"),
    "talent.ability_period.360": ("Ability: 360 review of", "能力：360度评估期"),
    "talent.ability_period.competency": ("Ability: 360 review of", "能力：360度评估期"),
    "talent.ability_from": ("Ability: {source}, {period}.", "能力：{source}，{period}。"),
    "talent.ability_from_missing": ("Ability: {source}, {period}. {n} active people have no ability value and are "
                                    "not placed: {why}.",
                                    "能力：{source}，{period}。{n} 名在职员工没有能力值，未放入九宫格：{why}。"),
    "talent.missing.not_assessed": ("{n} without an assessment of the period", "{n} 人没有该期评估"),
    "talent.missing.not_rated": ("{n} not rated in the 360 review", "{n} 人未参加360度评估"),
    "talent.missing.too_few_raters": ("{n} rated by fewer than 4 people besides themselves (too few to keep answers "
                                      "anonymous)", "{n} 人的他评人数少于4人（不足以保证匿名）"),
    "talent.missing.no_target": ("{n} whose job and level have no target profile", "{n} 人的岗位和级别没有目标素质画像"),
    "talent.review_period": ("Review", "盘点期"),
    "talent.kpi_period": ("Performance: KPI results of", "绩效：考核期"),
    "talent.method": ("Low / medium / high by", "高/中/低划分方式"),
    "talent.method.thresholds": ("Thresholds", "绝对阈值"),
    "talent.method.distribution": ("Distribution", "按比例分布"),
    "talent.method_help": ("Thresholds: a value at a threshold takes the level above. Distribution: the top and "
                           "bottom shares of people; ties at a cut are resolved in the person's favour.",
                           "阈值：等于阈值归入上一档。分布：按人数比例取最高和最低部分；在分界处并列者按有利于员工的方向处理。"),
    "talent.perf_medium": ("Performance medium from (KPI total)", "绩效“中”起点（考核总分）"),
    "talent.perf_high": ("Performance high from", "绩效“高”起点"),
    "talent.ability_medium": ("Ability medium from (1-10)", "能力“中”起点（1-10）"),
    "talent.ability_high": ("Ability high from", "能力“高”起点"),
    "talent.low_share": ("Low: bottom share", "“低”：最低比例"),
    "talent.high_share": ("High: top share", "“高”：最高比例"),
    "talent.level.low": ("Low", "低"),
    "talent.level.medium": ("Medium", "中"),
    "talent.level.high": ("High", "高"),
    "talent.performance": ("Performance", "绩效"),
    "talent.ability": ("Ability", "能力"),
    "talent.review_recorded": ("Review {period} on record for {n} people; moves below are calibrations of it.",
                               "{period} 盘点已记录 {n} 人；以下调整为对其的校准。"),
    "talent.not_started": ("Review {period} not started: the grid shows the placement of {n} people as it would be "
                           "recorded.", "{period} 盘点尚未开始：九宫格显示 {n} 人按当前设置的放置结果。"),
    "talent.start": ("Start the review", "开始盘点"),
    "talent.started": ("Review {period} started with {n} people.", "{period} 盘点已开始，共 {n} 人。"),
    "talent.start_first": ("Start the review first: calibration moves people of a recorded review.",
                           "请先开始盘点：校准针对已记录的盘点结果。"),
    "talent.filters": ("Filters: department, manager, grade, tenure", "筛选：部门、上级、级别、司龄"),
    "talent.manager": ("Manager", "上级"),
    "talent.manager_help": ("Only the people reporting directly to this manager.", "仅显示该上级的直接下属。"),
    "talent.tenure": ("Years of service", "司龄（年）"),
    "talent.tab.grid": ("Grid", "九宫格"),
    "talent.tab.calibration": ("Calibration", "校准"),
    "talent.tab.movement": ("Movement", "变动"),
    "talent.tab.follow_up": ("Follow-up", "跟进"),
    "talent.tab.labels": ("Labels and export", "标签与导出"),
    "talent.guideline": ("Guideline: at most in the top boxes", "指引：前三格最多占比"),
    "talent.guideline_help": ("Top boxes: 9, 8 and 6, high on one axis and at least medium on the other.",
                              "前三格：第9、8、6格，即一个维度为高、另一个维度至少为中。"),
    "talent.top_share": ("In the top boxes", "前三格占比"),
    "talent.over": ("{n} over the guideline", "超出指引 {n} 人"),
    "talent.under": ("{n} under the guideline", "低于指引 {n} 人"),
    "talent.box": ("Box", "格子"),
    "talent.in_box": ("{box}: {n} people", "{box}：{n} 人"),
    "talent.first": ("The first {n} are listed, best performance first.", "按绩效从高到低列出前 {n} 人。"),
    "talent.name": ("Name", "姓名"),
    "talent.signals": ("Attrition signals", "离职信号"),
    "talent.calibration_help": ("Click a box on the grid (or pick it above), then a person in it; a move needs a reason, "
                                "is recorded under your account with the time, and can be undone on the Calibration "
                                "tab.",
                                "在九宫格中点击格子（或在上方选择），再选择其中的员工；调整须填写理由，以您的账号和时间记录，"
                                "并可在“校准”页撤销。"),
    "talent.person": ("Person in {box}", "{box}中的员工"),
    "talent.to_box": ("Move to", "调整到"),
    "talent.reason": ("Reason", "理由"),
    "talent.move": ("Move", "调整"),
    "talent.moved": ("{who} moved to {box}.", "{who} 已调整到{box}。"),
    "talent.move_refused": ("Not moved: {reason}", "未调整：{reason}"),
    "talent.moves": ("Moves in this review ({n})", "本次盘点的调整（{n}）"),
    "talent.undone_by": ("Undone by", "撤销人"),
    "talent.undo_which": ("Move to undo", "要撤销的调整"),
    "talent.undo": ("Undo", "撤销"),
    "talent.undone": ("Move {id} undone.", "调整 {id} 已撤销。"),
    "talent.no_previous": ("No earlier review on record to compare with.", "没有可对比的上一次盘点记录。"),
    "talent.transition": ("From the {before} review (rows) to {now} (columns)", "从 {before} 盘点（行）到 {now}（列）"),
    "talent.before": ("Before", "之前"),
    "talent.now": ("Now", "现在"),
    "talent.movers": ("People in another box than last time ({n})", "与上次相比格子变化的员工（{n}）"),
    "talent.change": ("Change", "变化"),
    "talent.key_below": ("Key talent paid below midpoint: {n} of {of}", "薪酬低于中点的关键员工：{of} 人中有 {n} 人"),
    "talent.key_below_help": ("Box 9 people whose compa-ratio in the structure in force is under 1.00 (their pay "
                              "should stay attractive); attrition signals on file alongside.",
                              "第9格中在现行薪资结构里比较比率低于1.00的员工（应确保其薪酬有吸引力），并列出已记录的离职信号。"),
    "talent.actions": ("Follow-up actions for {box}", "{box}的跟进行动"),
    "talent.kind": ("Action", "行动"),
    "talent.owner": ("Owner", "负责人"),
    "talent.due": ("Due", "截止日期"),
    "talent.note": ("Note", "说明"),
    "talent.done": ("Done", "已完成"),
    "talent.save_actions": ("Save the actions", "保存跟进行动"),
    "talent.actions_saved": ("{n} actions saved.", "已保存 {n} 项行动。"),
    "talent.save_labels": ("Save the labels", "保存标签"),
    "talent.labels_saved": ("Box labels and actions saved.", "格子标签与建议行动已保存。"),
    "talent.export": ("Export the grid and moves to Excel", "导出九宫格与调整记录（Excel）"),
    "talent.wording": ("Box labels", "格子标签"),
    "talent.wording_help": ("Neutral: labels for presenting to the management team. Classic: the traditional nine-box "
                            "terms. Company's own: the labels saved on the Labels tab.",
                            "中性：适合向管理层汇报的标签。经典：传统九宫格用语。公司自定义：在“标签与导出”页保存的标签。"),
    "talent.wording.neutral": ("Neutral", "中性"),
    "talent.wording.classic": ("Classic", "经典"),
    "talent.wording.company": ("Company's own", "公司自定义"),
    "talent.labels_editing": ("Editing the {wording} labels; saving them makes them the company's own.",
                              "正在编辑“{wording}”标签；保存后成为公司自定义标签。"),
    "talent.save_labels_help": ("Saved labels are offered as \"Company's own\" to everyone.",
                                "保存的标签将以“公司自定义”提供给所有人。"),
    "talent.label_en": ("Label (English)", "标签（英文）"),
    "talent.label_zh": ("Label (Chinese)", "标签（中文）"),
    "talent.action_en": ("Recommended action (English)", "建议行动（英文）"),
    "talent.action_zh": ("Recommended action (Chinese)", "建议行动（中文）"),
    "talent.bands": ("Performance — {performance}. Ability — {ability}.", "绩效——{performance}。能力——{ability}。"),
    "talent.bands_help": ("A value exactly at a threshold belongs to the level that starts there.",
                          "恰好等于阈值的数值归入从该阈值开始的档位。"),
    "talent.band.low": ("low: under {below}", "低：低于 {below}"),
    "talent.band.medium": ("medium: {start} to under {below}", "中：{start} 至低于 {below}"),
    "talent.band.high": ("high: {start} and above", "高：{start} 及以上"),
    "talent.headline": ("Latest review on record, {period}: {n} people; {top} in the top boxes, {talent} key talent.",
                        "最近一次盘点（{period}）：{n} 人；前三格 {top} 人，关键人才 {talent} 人。"),
    "talent.box_help": ("Click a box on the grid to choose it, or pick it here.", "可在九宫格中点击格子，或在此选择。"),
    "talent.calibrate": ("Calibrate: move a person to another box", "校准：把员工调整到其他格子"),
    "talent.calibrate_on_grid": ("People are moved on the Grid tab: click a box, pick a person, choose the new box and "
                                 "give the reason. Every move is listed here and can be undone.",
                                 "在“九宫格”页调整：点击格子，选择员工和新格子并填写理由。所有调整都列在这里，并可撤销。"),
    "talent.recommended": ("Recommended action: {action}", "建议行动：{action}"),
    "talent.picked_gone": ("{who} is no longer in this box: someone else moved them a moment ago (see the Calibration "
                           "tab).", "{who} 已不在此格：刚被他人调整（见“校准”页）。"),
    "talent.id_in_export": ("The Excel file of this table carries each person's employee ID.",
                            "此表的 Excel 文件包含每人的工号。"),
    "talent.owner_help": ("The person's manager.", "员工的直属上级。"),
    "talent.kind.development_plan": ("Development plan", "发展计划"),
    "talent.kind.improvement_plan": ("Improvement plan", "改进计划"),
    "talent.kind.retention_talk": ("Retention talk", "保留面谈"),
    "overview.talent": ("Talent review {period}", "人才盘点 {period}"),
    "overview.open_talent": ("Open the nine-box", "打开九宫格"),
    # tables
    "table.departments": ("Departments", "部门"),
    "table.jobs": ("Jobs", "岗位"),
    "table.employees": ("Employees", "员工"),
    "table.employee_events": ("Employee history", "员工异动记录"),
    "table.market_data": ("Market pay data", "市场薪酬数据"),
    "table.eval_schemes": ("Evaluation schemes", "岗位测评方案"),
    "table.eval_factors": ("Evaluation factors", "测评要素"),
    "table.eval_levels": ("Evaluation factor levels", "测评要素等级"),
    "table.eval_ratings": ("Evaluation ratings", "评估打分"),
    "table.eval_consensus": ("Evaluation consensus", "评估小组共识"),
    "table.eval_log": ("Evaluation change log", "评估变更记录"),
    "table.job_gradings": ("Job gradings", "岗位定级方案"),
    "table.job_grading_bands": ("Grade point bands", "级别点数区间"),
    "table.job_grading_jobs": ("Jobs slotted into grades", "岗位归级"),
    "table.pay_structures": ("Pay structures", "薪资结构方案"),
    "table.pay_grades": ("Pay grades", "薪级"),
    "table.comp_models": ("Competency models", "胜任力模型"),
    "table.comp_items": ("Competency items", "胜任力要素"),
    "table.comp_anchors": ("Behaviour anchors", "行为等级描述"),
    "table.comp_targets": ("Target profiles", "目标素质画像"),
    "table.ratings_360": ("360-degree ratings", "360度评估"),
    "table.qualification_reqs": ("Qualification requirements", "任职资格要求"),
    "table.certifications": ("Certification records", "胜任力认证记录"),
    "table.kpi_indicators": ("KPI library", "绩效指标库"),
    "table.scorecards": ("Scorecards", "绩效考核表"),
    "table.scorecard_lines": ("Scorecard lines", "考核指标明细"),
    "table.kpi_appeals": ("Performance appeals", "绩效申诉"),
    "table.kpi_coaching_notes": ("Coaching notes", "绩效辅导记录"),
    "table.talent_reviews": ("Talent reviews", "人才盘点"),
    "table.ability_assessments": ("Ability assessments", "能力评估"),
    "table.talent_moves": ("Calibration moves", "校准调整记录"),
    "table.talent_actions": ("Talent follow-up actions", "人才盘点跟进行动"),
    "table.leave_records": ("Leave records", "请假记录"),
    "table.attrition_signals": ("Attrition signals", "离职信号"),
    "table.handover_tasks": ("Handover tasks", "工作交接事项"),
    # -- competency page (issue 6) --
    "page.competency": ("Competencies and certification", "胜任力与任职资格认证"),
    "competency.intro": ("Competency models on the iceberg, target profiles, 360 reviews, qualification standards and "
                         "certification.",
                         "冰山模型上的胜任力模型、目标画像、360 度评估、任职资格标准与岗位认证。"),
    "competency.tab.models": ("Model library", "模型库"),
    "competency.tab.targets": ("Target profiles", "目标画像"),
    "competency.tab.review": ("360 review", "360 度评估"),
    "competency.tab.qualification": ("Qualifications", "任职资格"),
    "competency.tab.certification": ("Certification", "岗位认证"),
    "competency.tab.person": ("Person", "个人"),
    "competency.tab.team": ("Team heat map", "团队热力图"),
    "competency.tab.list": ("Everyone reviewed", "全部被评人"),
    "competency.tab.raters": ("Raters", "评价人"),
    "competency.raters_help": ("Ask 7-8 raters a person besides self: the superior, peers, subordinates or business "
                               "contacts. Fewer than 5 is flagged: too few for the figures to mean much.",
                               "每人除自评外宜请 7-8 名评价人：上级、平级、下级或业务联系人。"
                               "少于 5 人会被标出：人数太少，结果参考价值有限。"),
    "competency.short_n": ("{n} of {total} reviewees have fewer than 5 raters besides self",
                           "{total} 名被评人中有 {n} 人除自评外的评价人少于 5 名"),
    "competency.short_none": ("Everyone reviewed has at least 5 raters besides self.",
                              "所有被评人除自评外均有至少 5 名评价人。"),
    "competency.short_person": ("Only {n} raters besides self: fewer than 5; ask 7-8 (superior, peers, subordinates "
                                "or business contacts).",
                                "除自评外仅 {n} 名评价人，少于 5 名；宜请 7-8 名（上级、平级、下级或业务联系人）。"),
    "competency.col.raters_all": ("Raters besides self", "他评人数"),
    "competency.col.self_rated": ("Self-rated", "有自评"),
    "competency.col.enough": ("At least 5", "不少于 5 人"),
    "competency.col.why_hidden": ("Hidden, and why", "不单独显示及原因"),
    "competency.why_hidden.few": ("{group}: only {n}, under 3, counted only in \"all but self\"",
                                  "{group}：仅 {n} 人，少于 3 人，只计入“他评”"),
    "competency.why_hidden.shield": ("{group}: hidden on some items so that a smaller group's answers cannot be "
                                     "worked out by subtraction",
                                     "{group}：部分素质项不单独显示，以免相减推算出人数较少关系的评分"),
    "competency.why_hidden.others": ("all but self: only {n}, under 4, not shown", "他评：仅 {n} 人，少于 4 人，不显示"),
    "competency.model": ("Model", "模型"),
    "competency.new_model": ("+ New model", "+ 新建模型"),
    "competency.name_en": ("Name (English)", "名称（英文）"),
    "competency.name_zh": ("Name (Chinese)", "名称（中文）"),
    "competency.iceberg": ("The model on the iceberg", "冰山模型视图"),
    "competency.iceberg_help": ("Above the water: knowledge and skills, easy to see and to train. Below: social role, "
                                "self-image, traits and motives, which decide behaviour and change slowly "
                                "(McClelland; the onion model puts them at the core). ⚠ marks a knock-out item.",
                                "水面以上是知识和技能，易观察、易培训；水面以下是社会角色、自我形象、特质和动机，"
                                "决定行为且难以改变（麦克利兰；洋葱模型中位于内核）。⚠ 表示一票否决项。"),
    "competency.waterline": ("waterline", "水面"),
    "competency.layer.knowledge": ("Knowledge", "知识"),
    "competency.layer.skill": ("Skill", "技能"),
    "competency.layer.social_role": ("Social role", "社会角色"),
    "competency.layer.self_image": ("Self-image", "自我形象"),
    "competency.layer.trait": ("Traits", "特质"),
    "competency.layer.motive": ("Motives", "动机"),
    "competency.anchors": ("Behaviour anchors", "行为锚定"),
    "competency.kind.general": ("General", "通用"),
    "competency.kind.professional": ("Professional", "专业"),
    "competency.item": ("Item", "素质项"),
    "competency.critical_note": ("Knock-out item: below {minimum} from all raters but self, the review fails "
                                 "whatever the total.", "一票否决项：他评低于 {minimum} 分，无论总分多少都不通过。"),
    "competency.band": ("Score band", "分数段"),
    "competency.behaviour": ("Behaviour", "行为表现"),
    "competency.behaviour_en": ("Behaviour (English)", "行为表现（英文）"),
    "competency.behaviour_zh": ("Behaviour (Chinese)", "行为表现（中文）"),
    "competency.editor": ("Edit the model", "编辑模型"),
    "competency.editor_help": ("One row per item: its layer on the iceberg, general or professional, and for a knock-out "
                               "item the minimum score. Add rows at the bottom, named in either language; saving "
                               "replaces the model's items.",
                               "每行一个素质项：冰山层级、通用或专业；一票否决项需填最低分。在底部添加行并填写名称（中英文均可）；"
                               "保存将替换该模型的全部素质项。"),
    "competency.anchor_item": ("Behaviour anchors of item", "编辑行为锚定的素质项"),
    "competency.save_model": ("Save the model", "保存模型"),
    "competency.model_saved": ("Model {model} saved.", "已保存模型 {model}。"),
    "competency.not_saved": ("Not saved: {reason}", "未保存：{reason}"),
    "competency.col.layer": ("Iceberg layer", "冰山层级"),
    "competency.col.kind": ("General / professional", "通用/专业"),
    "competency.col.critical": ("Knock-out", "一票否决"),
    "competency.col.min_score": ("Minimum", "最低分"),
    "competency.col.definition_en": ("Definition (English)", "定义（英文）"),
    "competency.col.definition_zh": ("Definition (Chinese)", "定义（中文）"),
    "competency.col.development_en": ("Development action (English)", "发展行动（英文）"),
    "competency.col.development_zh": ("Development action (Chinese)", "发展行动（中文）"),
    "competency.col.item": ("Item", "素质项"),
    "competency.col.target": ("Target", "目标"),
    "competency.col.others": ("All but self", "他评"),
    "competency.col.self": ("Self", "自评"),
    "competency.col.gap": ("Gap to target", "与目标差距"),
    "competency.col.finding": ("Finding", "发现"),
    "competency.col.ratee_id": ("Employee id", "工号"),
    "competency.col.name": ("Name", "姓名"),
    "competency.col.result": ("Result", "结果"),
    "competency.col.knock_outs": ("Knock-outs", "否决项"),
    "competency.col.blind_spots": ("Blind spots", "盲点"),
    "competency.col.hidden_strengths": ("Hidden strengths", "潜在优势"),
    "competency.col.raters": ("Raters", "评价人数"),
    "competency.job": ("Job", "岗位"),
    "competency.level": ("Level", "等级"),
    "competency.targets_help": ("The score on the 1-10 scale that the job and level asks for on each item; leave empty "
                                "for items the job does not ask for.", "该岗位该等级在每个素质项上要求的分数（1-10）；岗位不要求的项留空。"),
    "competency.save_targets": ("Save the target profile", "保存目标画像"),
    "competency.targets_saved": ("Target profile of {job}, level {level} saved.", "已保存 {job} {level} 级的目标画像。"),
    "competency.import": ("Import ratings", "导入评分"),
    "competency.import_help": ("CSV or Excel, one row per answer, as survey tools export it: reviewee, rater, "
                               "relationship (Self, Manager, Peer, Direct report, Customer, or the same in Chinese), "
                               "item, score 1-10 and the time it was submitted; null, NA, N/A or - is no answer. It "
                               "goes through the same mapping and checks as on the Data page; any problem imports "
                               "nothing.",
                               "CSV 或 Excel，每行一个回答，即问卷工具的导出格式：被评价人、评价人、评价关系（自评、上级、同事、"
                               "下属、客户，或对应的英文名称）、素质项、分数 1-10 及提交时间；"
                               "null、NA、N/A 或 - 表示未作答。与“数据”页面使用同一映射与校验；有任何问题则全部不导入。"),
    "competency.period_for_file": ("Review period for rows without one", "无周期的行归入评估周期"),
    "competency.ratings_file": ("Ratings file", "评分文件"),
    "competency.imported": ("Imported: {added} new ratings, {updated} updated.", "已导入：新增 {added} 条评分，更新 {updated} 条。"),
    "competency.import_now": ("Import the ratings", "导入评分"),
    "competency.enter": ("Enter ratings", "录入评分"),
    "competency.rater_group": ("Rater's group", "评价关系"),
    "competency.save_ratings": ("Save the ratings", "保存评分"),
    "competency.no_scores": ("Enter at least one score.", "请至少录入一个分数。"),
    "competency.ratings_saved": ("{n} ratings saved.", "已保存 {n} 条评分。"),
    "competency.q.edit": ("Edit the standards of this job", "编辑该岗位的任职资格标准"),
    "competency.q.save": ("Save the standards", "保存标准"),
    "competency.q.no_jobs": ("Job standards are set per job, and the database holds no jobs yet. Import the jobs table "
                             "(job_id and title) on the Data page; the employees' job_id then links people to them.",
                             "任职资格标准按岗位设定，但数据库中还没有岗位。请在“数据”页面导入岗位表（job_id 与岗位名称），"
                             "员工的 job_id 即可与岗位关联。"),
    "competency.q.saved": ("Standards of {job} saved.", "已保存 {job} 的任职资格标准。"),
    "competency.import_empty": ("The file holds no ratings.", "文件中没有评分。"),
    "competency.settings": ("Group weights and rules", "评价关系权重与规则"),
    "competency.weights_help": ("Weights (%) of the groups in the combined \"all raters but self\" figure; they must "
                                "add up to 100. Groups that did not rate are left out and the rest scaled up.",
                                "各评价关系在“他评”综合分中的权重（%），合计须为 100；未参与评价的关系不计，其余按比例放大。"),
    "competency.blind_gap": ("Blind spot from (points)", "盲点阈值（分）"),
    "competency.blind_gap_help": ("Self above others by this much is a blind spot; others above self by this much a "
                                  "hidden strength.", "自评高于他评达到此值为盲点；他评高于自评达到此值为潜在优势。"),
    "competency.pass_total": ("Pass from (mean of all but self)", "通过线（他评均分）"),
    "competency.pass_total_help": ("A review passes when the mean of all raters but self reaches this and no knock-out "
                                   "item is below its minimum.", "他评均分达到此值且无一票否决项低于最低分，即为通过。"),
    "competency.save_settings": ("Save the settings", "保存设置"),
    "competency.settings_saved": ("Settings saved.", "设置已保存。"),
    "competency.no_ratings": ("No 360 ratings yet: import a ratings file above (one row per rater, person and item).",
                              "尚无 360 评分：请在上方导入评分文件（每位评价人、被评人、评价项一行）。"),
    "competency.period": ("Review period", "评估周期"),
    "competency.reviewed": ("People reviewed", "被评人数"),
    "competency.passed": ("Passed", "通过率"),
    "competency.knocked_out": ("Failed on a knock-out item", "因否决项未通过"),
    "competency.avg_gap": ("Average gap to target", "与目标平均差距"),
    "competency.person": ("Person (largest gap first)", "被评人（差距大者在前）"),
    "competency.knock_out_note": ("Fails on knock-out item(s) {items}, whatever the total: "
                                  "strength elsewhere does not make up for it.",
                                  "否决项 {items} 未达最低分，无论总分均不通过：其他方面再出色也不能弥补。"),
    "competency.result.pass": ("Passes: meets the total and every knock-out minimum.", "通过：达到总分线且所有否决项达标。"),
    "competency.result.knock_out": ("Fails on a knock-out item", "否决项未达标"),
    "competency.result.below_total": ("Below the pass mark of the total", "总分未达通过线"),
    "competency.result.too_few_raters": ("Too few raters to show a result without exposing anyone (at least 4 besides self).",
                                         "评价人太少，为保护匿名不显示结果（除自评外至少 4 人）。"),
    "competency.series.target": ("Target", "目标"),
    "competency.series.others": ("All raters but self", "他评"),
    "competency.series.self": ("Self", "自评"),
    "competency.group.self": ("Self", "自评"),
    "competency.group.superior": ("Superior", "上级"),
    "competency.group.peer": ("Peers", "平级"),
    "competency.group.subordinate": ("Subordinates", "下级"),
    "competency.group.other": ("Others", "其他"),
    "competency.finding.blind_spot": ("Blind spot", "盲点"),
    "competency.finding.hidden_strength": ("Hidden strength", "潜在优势"),
    "competency.finding.knock_out": ("Below the knock-out minimum", "低于否决线"),
    "competency.download_report": ("Download the feedback report (HTML, prints to PDF)", "下载反馈报告（HTML，可打印为 PDF）"),
    "competency.hidden": ("hidden (only {n})", "不单独显示（仅 {n} 人）"),
    "competency.hidden_shield": ("hidden (protects a smaller group)", "不单独显示（保护人数较少的关系）"),
    "competency.anonymity_note": ("A group with fewer than 3 raters (the superior excepted) is not shown on its own; its "
                                  "answers count only in \"all but self\", shown from 4 raters. When that would let "
                                  "someone work out a small group's answers by subtraction, one more group is hidden.",
                                  "少于 3 人的评价关系（上级除外）不单独显示，其评分只计入“他评”；“他评”至少 4 人才显示。"
                                  "若可由“他评”倒推出小组的评分，则再隐藏一个关系。"),
    "competency.heat_help": ("All raters but self per item and person; empty where too few raters.",
                             "每人每项的他评分；评价人不足处为空。"),
    "competency.first_n": ("Showing {n} of {total}.", "显示 {total} 人中的 {n} 人。"),
    "competency.report.title": ("360 feedback: {name}", "360 度反馈：{name}"),
    "competency.report.result": ("Result", "结果"),
    "competency.report.legend": ("Grey: target profile · blue: all raters but self · orange: self.",
                                 "灰色：目标画像 · 蓝色：他评 · 橙色：自评。"),
    "competency.report.anonymity": ("Groups with fewer than 3 raters (the superior excepted) are not shown on their own.",
                                    "少于 3 人的评价关系（上级除外）不单独显示。"),
    "competency.report.actions": ("Development actions for the largest gaps", "针对最大差距的发展行动"),
    "competency.report.no_actions": ("At or above target on every item.", "各项均达到或超过目标。"),
    "competency.q.with_standard": ("People in jobs with a standard", "有任职资格标准的人数"),
    "competency.q.meets_own": ("Meet their own job and level", "符合本岗位本等级"),
    "competency.q.meets_next": ("Meet the next level", "符合下一等级"),
    "competency.q.help": ("Basic conditions: education, major, years of experience (service here), years in the job, "
                          "certificate. The next level is the same job one level up, else the next job on the career path.",
                          "基本条件：学历、专业、工作年限（本公司司龄）、现岗年限、资格证书。下一等级为本岗位高一级，"
                          "没有则为晋升通道上的下一个岗位。"),
    "competency.q.own": ("Meets own", "符合本级"),
    "competency.q.next": ("Meets next", "符合下一级"),
    "competency.q.own_unmet": ("Missing for own", "本级未达条件"),
    "competency.q.next_job": ("Next job", "下一岗位"),
    "competency.q.next_unmet": ("Missing for next", "下一级未达条件"),
    "competency.q.people": ("People", "人员"),
    "competency.q.people_n": ("People", "人数"),
    "competency.q.show": ("Show", "显示"),
    "competency.q.show.not_own": ("Not meeting their own", "未达本级"),
    "competency.q.show.ready_next": ("Ready for the next", "已符合下一级"),
    "competency.q.show.all": ("Everyone", "全部"),
    "competency.q.standards": ("Standards and hiring profile of a job", "岗位任职资格标准与人才画像"),
    "competency.q.conditions": ("Basic conditions per level", "各等级基本条件"),
    "competency.q.no_standard": ("No standard for this job yet: import one (table qualification_reqs).",
                                 "该岗位尚无任职资格标准：请导入（表 qualification_reqs）。"),
    "competency.q.hiring_profile": ("Hiring profile", "人才画像"),
    "competency.q.copy_hint": ("Copy with the button at the top right of the box into a job posting.",
                               "点击框右上角的按钮复制到招聘启事。"),
    "competency.cond.education": ("education", "学历"),
    "competency.cond.major": ("major", "专业"),
    "competency.cond.experience": ("experience", "工作年限"),
    "competency.cond.years_in_job": ("years in job", "现岗年限"),
    "competency.cond.certification": ("certificate", "资格证书"),
    "competency.req.level": ("Level", "等级"),
    "competency.req.education_min": ("Education at least", "最低学历"),
    "competency.req.major": ("Major", "专业"),
    "competency.req.years_experience": ("Years of experience", "工作年限"),
    "competency.req.years_in_job": ("Years in job", "现岗年限"),
    "competency.req.certification_level": ("Certificate level", "认证等级"),
    "competency.profile.basics": ("Basic conditions", "基本条件"),
    "competency.profile.education": ("Education: {value} or higher", "学历：{value}及以上"),
    "competency.profile.major": ("Major: {value}", "专业：{value}"),
    "competency.profile.experience": ("Experience: {value}+ years", "{value} 年以上工作经验"),
    "competency.profile.certification": ("Certificate: level {value}", "资格证书：{value} 级"),
    "competency.profile.knowledge": ("Knowledge", "知识"),
    "competency.profile.skill": ("Skills", "技能"),
    "competency.profile.behaviour": ("Behaviour", "行为"),
    "competency.profile.competencies": ("Competencies", "胜任素质"),
    "competency.profile.item_target": ("{item} (target {value}/10)", "{item}（目标 {value}/10）"),
    "competency.c.none": ("No certification tracks yet: import the certification levels and courses on the Data page.",
                          "尚无认证体系：请在数据页导入认证等级和认证课程。"),
    "competency.c.in_jobs": ("People in certified jobs", "需持证岗位人数"),
    "competency.c.coverage": ("Hold the certificate their job requires", "持有岗位所需证书"),
    "competency.c.overdue": ("Overdue", "逾期未认证"),
    "competency.c.pending_appeals": ("Appeals pending", "待处理申诉"),
    "competency.c.who_holds": ("Certificate held, by the level the job requires", "按岗位要求等级的持证情况"),
    "competency.c.no_certificate": ("No certificate", "未持证"),
    "competency.c.job_requires": ("Job requires", "岗位要求"),
    "competency.c.pipeline": ("On the way to the next level", "晋级进度"),
    "competency.stage.courses": ("Courses", "课程考试"),
    "competency.stage.ability_test": ("Ability test", "能力测试"),
    "competency.stage.review": ("Awaiting review", "待综合评审"),
    "competency.stage.top": ("Top level held", "已达最高级"),
    "competency.c.overdue_list": ("Overdue: without the certificate their job requires (level 1 is due {after} months "
                                  "after a {probation}-month probation ends)",
                                  "逾期：未取得岗位所需证书（一级须在 {probation} 个月试用期结束后 {after} 个月内取得）"),
    "competency.c.held": ("Level held", "已持等级"),
    "competency.c.level_n": ("Level {n}", "{n} 级"),
    "competency.c.hired": ("Hired", "入职日期"),
    "competency.c.due": ("Due", "截止日期"),
    "competency.c.pass_mark": ("Pass mark from a target pass rate", "按目标通过率确定合格线"),
    "competency.c.pass_mark_help": ("Sort the scores from highest, k = ceil(rate × candidates): the k-th score is the pass "
                                    "mark and everyone at or above it passes, ties included.",
                                    "分数从高到低排序，k = ceil(通过率 × 人数)，第 k 名的分数即合格线，达到者均通过（含同分）。"),
    "competency.c.no_sittings": ("No course exams on file.", "尚无课程考试记录。"),
    "competency.c.sitting": ("Exam sitting", "考试场次"),
    "competency.c.pass_rate": ("Target pass rate", "目标通过率"),
    "competency.c.candidates": ("Candidates", "考生人数"),
    "competency.c.mark": ("Pass mark", "合格线"),
    "competency.c.passing": ("Pass", "通过人数"),
    "competency.c.mark_on_file": ("Mark on file", "现有合格线"),
    "competency.c.score": ("Score", "分数"),
    "competency.c.passes": ("Passes", "通过"),
    "competency.c.apply": ("Apply this pass mark to the sitting", "将此合格线用于该场考试"),
    "competency.c.applied": ("Pass mark {mark} applied: {passed} of {n} passed.", "已应用合格线 {mark}：{n} 人中 {passed} 人通过。"),
    "competency.c.courses": ("Levels and their courses", "各等级课程"),
    "competency.c.level": ("Level", "等级"),
    "competency.c.track": ("Certification track", "认证序列"),
    "competency.c.probation": ("Probation and the level-1 deadline", "试用期与一级认证期限"),
    "competency.c.probation_months": ("Probation (months)", "试用期（月）"),
    "competency.c.probation_help": ("Level 1 is due three months after probation ends.",
                                    "试用期满转正后三个月内须取得一级任职资格。"),
    "competency.c.no_mark": ("No pass mark for this sitting: {reason}", "本场考试无法确定合格分数线：{reason}"),
    "competency.c.n_courses": ("Courses", "课程数"),
    "competency.c.course_list": ("Courses required", "须通过课程"),
    "competency.c.rules": ("A higher level includes the lower one's courses; levels are taken one at a time; course "
                           "results stay valid until the next review; the result is pass or fail.",
                           "高一级包含低一级的课程；不能越级申报；课程成绩保留到下次认证评审；认证结果为通过或不通过。"),
    "competency.c.appeals": ("Appeals", "申诉"),
    "competency.c.filed": ("Filed", "申诉日期"),
    "competency.c.reason": ("Grounds", "申诉理由"),
    "competency.c.outcome": ("Outcome", "处理结果"),
    "competency.c.decided": ("Decided", "处理日期"),
    "competency.c.candidates_title": ("Candidates and their next step", "认证申报人及下一步"),
    "competency.c.candidates_help": (
        "Certification goes in order: eligibility review against the post's basic conditions, training (self-study "
        "or a course), the course exams, the ability test once every course of the level is passed, then the "
        "overall review.",
        "认证按以下顺序进行：对照岗位基本条件进行资格审查，参加培训（自学或参训），参加课程考试，通过该等级全部课程考试后"
        "参加能力测试，最后进行综合评审。"),
    "competency.c.no_candidates": ("Nobody is on the way to a level.", "目前没有正在申报认证的人员。"),
    "competency.c.next_step": ("Next step", "下一步"),
    "competency.c.seeking": ("Level sought", "申报等级"),
    "competency.next.eligibility": ("Eligibility review", "资格审查"),
    "competency.next.training": ("Training", "认证培训"),
    "competency.next.courses": ("Course exams", "课程考试"),
    "competency.next.ability_test": ("Ability test", "能力测试"),
    "competency.next.review": ("Overall review", "综合评审"),
    "competency.next.top": ("Top level held", "已取得最高等级"),
    "competency.c.eligibility": ("Eligibility review", "资格审查"),
    "competency.c.eligibility_help": (
        "The candidate is measured against the basic conditions of the post the level qualifies for (education, "
        "major, experience, years in the job, certificate); the standard decides the outcome.",
        "对照该等级对应岗位的基本条件（学历、专业、工作年限、现岗年限、资格证书）审查申报人，审查结果以标准为准。"),
    "competency.c.first_batch": ("First batch (own post)", "首批认证（本岗位）"),
    "competency.c.first_batch_help": (
        "The first batch certifies each person for their own post only, not above its level; it may certify at "
        "the post's level at once.",
        "首批认证为对本岗位的资格认证，一般不进行高一级申报，可直接认证本岗位对应的等级。"),
    "competency.c.meets": ("Meets the basic conditions of {job}.", "符合 {job} 的基本条件。"),
    "competency.c.does_not_meet": ("Does not meet the basic conditions of {job}: {unmet}.",
                                   "不符合 {job} 的基本条件：{unmet}。"),
    "competency.c.no_standard": ("{job} has no basic conditions on file for this level: state the outcome.",
                                 "{job} 没有该等级的基本条件，请填写审查结果。"),
    "competency.c.outcome_choice": ("Outcome of the review", "审查结果"),
    "competency.eligibility.meets": ("Meets", "符合"),
    "competency.eligibility.does_not_meet": ("Does not meet", "不符合"),
    "competency.c.review_note_help": (
        "Needed when the outcome recorded differs from the standard's, e.g. experience before joining.",
        "记录的结果与标准不一致时须填写理由，例如入职前的工作经验。"),
    "competency.c.record_review": ("Record the review", "记录审查结果"),
    "competency.c.review_saved": ("Eligibility review {review} recorded.", "资格审查 {review} 已记录。"),
    "competency.c.training": ("Training record", "培训记录"),
    "competency.c.training_help": (
        "Self-study or a course, for one course of the level or its whole programme; it must end before the exam.",
        "记录该等级某门课程或全部课程的自学或参训情况，须在考试之前结束。"),
    "competency.c.course": ("Course", "课程"),
    "competency.c.whole_level": ("The level's whole programme", "该等级全部课程"),
    "competency.c.mode": ("Mode", "培训方式"),
    "competency.mode.self_study": ("Self-study", "自学"),
    "competency.mode.course": ("Course", "参加培训"),
    "competency.c.started": ("Started on", "开始日期"),
    "competency.c.ended": ("Ended on", "结束日期"),
    "competency.c.record_training": ("Record the training", "记录培训"),
    "competency.c.training_saved": ("Training {training} recorded.", "培训记录 {training} 已记录。"),
    "competency.c.new_appeal": ("File an appeal", "登记申诉"),
    "competency.c.file": ("File", "登记"),
    "competency.c.filed_note": ("Appeal {appeal} filed.", "已登记申诉 {appeal}。"),
    "competency.c.decide": ("Decide a pending appeal", "处理待定申诉"),
    "competency.c.none_pending": ("No appeal is pending.", "没有待处理的申诉。"),
    "competency.c.note": ("Note", "备注"),
    "competency.c.record_decision": ("Record the decision", "记录处理结果"),
    "competency.c.decided_note": ("Decision on {appeal} recorded.", "已记录申诉 {appeal} 的处理结果。"),
    "competency.head.overdue": ("Certificates overdue", "逾期未认证"),
    "competency.head.gap": ("Gap to target (360)", "与目标差距（360）"),
    "competency.head.overdue_help": ("People in certified jobs past the date their job's certificate was due.",
                                     "需持证岗位上已过取证期限仍未取得岗位所需证书的人数。"),
    "competency.head.reviewed": ("Reviewed (360)", "被评人数（360）"),
    "competency.head.reviewed_help": ("People rated in the latest 360 review period, on its most rated model.",
                                      "最近一期 360 度评估中（按评分最多的模型）被评的人数。"),
    "competency.person_search": ("Name or employee id", "姓名或工号"),
    "competency.nobody_found": ("Nobody's name or id matches \"{text}\".", "没有姓名或工号与“{text}”相符的员工。"),
    "competency.person_pick": ("Which person", "选择人员"),
    "competency.ratee": ("Person rated", "被评人"),
    "competency.rater": ("Rater", "评价人"),
    "competency.candidate": ("Employee", "员工"),
    "competency.result_short.pass": ("Passes", "通过"),
    "competency.result_short.knock_out": ("Fails a knock-out item", "否决项未达标"),
    "competency.result_short.below_total": ("Below the pass mark", "总分未达通过线"),
    "competency.result_short.too_few_raters": ("Too few raters", "评价人太少"),
    "competency.c.appeal_id": ("Appeal", "申诉编号"),
    "competency.c.sitting_label": ("{day} · {level} · {course} ({n} candidates)", "{day} · {level} · {course}（{n} 人）"),
    "competency.req.knowledge_en": ("Knowledge (English)", "知识（英文）"),
    "competency.req.knowledge_zh": ("Knowledge (Chinese)", "知识（中文）"),
    "competency.req.skill_en": ("Skills (English)", "技能（英文）"),
    "competency.req.skill_zh": ("Skills (Chinese)", "技能（中文）"),
    "competency.req.behaviour_en": ("Behaviour (English)", "行为（英文）"),
    "competency.req.behaviour_zh": ("Behaviour (Chinese)", "行为（中文）"),
    "competency.outcome.pending": ("Pending", "待处理"),
    "competency.outcome.upheld": ("Upheld", "申诉成立"),
    "competency.outcome.rejected": ("Rejected", "驳回"),
    "overview.competency": ("Competencies and certification", "胜任力与认证"),
    "overview.cert_coverage": ("Certification coverage", "认证覆盖率"),
    "overview.cert_overdue": ("{n} overdue", "{n} 人逾期"),
    "overview.cert_coverage_help": ("Share of people in certified jobs who hold the certificate their job requires.",
                                    "需持证岗位中持有岗位所需证书的人员比例。"),
    "overview.avg_gap": ("Gap to target (360)", "与目标差距（360）"),
    "overview.reviewed": ("{n} reviewed", "{n} 人被评"),
    "overview.avg_gap_help": ("All raters but self minus the target profile, averaged over items and people of the "
                              "latest 360 review; below zero means short of target.",
                              "最近一次 360 评估中他评减目标分，按素质项和人员平均；小于零表示未达目标。"),
    "overview.attrition": ("Attrition watchlist", "离职风险预警"),
    "overview.open_attrition": ("Open the watchlist", "打开关注名单"),
    "overview.open_competency": ("Open competencies", "打开胜任力页面"),
    # -- attrition page (issue 8) --
    "page.attrition": ("Attrition watchlist", "离职风险预警"),
    "attrition.intro": ("Turnover, who may leave and why, what would leave with them, what it would cost, and the "
                        "handover.", "离职率、谁可能离开及原因、随之流失什么、代价多少，以及工作交接。"),
    "attrition.tab.turnover": ("Turnover", "离职分析"),
    "attrition.tab.watchlist": ("Watchlist", "关注名单"),
    "attrition.tab.model": ("Risk model", "风险模型"),
    "attrition.tab.cost": ("Cost", "离职成本"),
    "attrition.tab.handover": ("Handover", "工作交接"),
    "attrition.rate_12m": ("12-month turnover", "近12个月离职率"),
    "attrition.rate_12m_help": ("Exits of the last 12 months over the average headcount.",
                                "近12个月离职人数 ÷ 平均在职人数。"),
    "attrition.voluntary_share": ("Voluntary share", "主动离职占比"),
    "attrition.key_rate": ("Key-talent turnover", "核心员工流失率"),
    "attrition.new_hire_rate": ("{days}-day new-hire exits", "新员工 {days} 天离职率"),
    "attrition.rate_axis": ("Exits / average headcount", "离职人数 / 平均在职人数"),
    "attrition.running_period": ("Rates per period, not annualised; the last period runs to the as-of date.",
                                 "各期离职率未年化；最后一期截至数据日期。"),
    "attrition.new_hire_help": ("Of the {hires} people hired in the year before the last {days} days, the share who left "
                                "within {days} days.", "在最近 {days} 天之前一年内入职的 {hires} 人中，{days} 天内离职的比例。"),
    "attrition.freq": ("Period", "周期"),
    "attrition.freq.M": ("Month", "月"),
    "attrition.freq.Q": ("Quarter", "季度"),
    "attrition.freq.Y": ("Year", "年"),
    "attrition.by": ("Split by", "按维度"),
    "attrition.by.none": ("Voluntary / involuntary", "主动/被动"),
    "attrition.by.centre": ("Centre", "中心"),
    "attrition.by.department_id": ("Department", "部门"),
    "attrition.by.tenure_band": ("Years of service", "司龄段"),
    "attrition.by.grade": ("Grade", "职级"),
    "attrition.by.key_talent": ("Key talent", "关键人才"),
    "attrition.by.job_family": ("Job family", "职族"),
    "attrition.by.hire_year": ("Year hired", "入职年份"),
    "attrition.by_help": ("Exits over the average headcount across the window, per year; the 25 highest.",
                          "窗口期内离职人数 ÷ 平均在职人数，按年折算；显示最高的 25 个。"),
    "attrition.voluntary": ("Voluntary", "主动离职"),
    "attrition.voluntary_share_help": ("Of the exits in the last 12 months whose type the data give.",
                                       "近 12 个月离职中已注明类型者的主动离职占比。"),
    "attrition.involuntary": ("Involuntary", "被动离职"),
    "attrition.survival": ("How long people stay (Kaplan-Meier)", "员工留存曲线（Kaplan-Meier）"),
    "attrition.survival_by": ("Curves by", "分组"),
    "attrition.everyone": ("Everyone", "全体"),
    "attrition.years_of_service": ("Years of service", "司龄（年）"),
    "attrition.still_here": ("Still here", "仍在职比例"),
    "attrition.survival_help": ("The share still employed after each number of years, counting people who are still "
                                "here as censored rather than as stayers.", "各司龄时点仍在职的比例；在职者按删失处理，而非视为留任到底。"),
    "attrition.high_risk": ("People at high risk", "高风险人数"),
    "attrition.high_risk_help": ("Signal score of {threshold} or more.", "信号分达到 {threshold} 分及以上。"),
    "attrition.key_at_risk": ("Key talent at risk", "高风险关键人才"),
    "attrition.secrets_no_nc": ("Secrets, no non-compete", "掌握机密未签竞业"),
    "attrition.secrets_no_nc_help": ("People at high risk with access to secrets and no non-compete. Key "
                                     "people with access to secrets should sign one.",
                                     "高风险人员中接触机密却未签竞业限制协议的人数。掌握核心机密的关键人员应签订竞业限制协议。"),
    "attrition.successor_ready": ("Successor ready now", "继任者可立即接任"),
    "attrition.successor_ready_help": ("Key people at high risk (key talent or key knowledge) whose successor is ready "
                                       "now, of all such people.", "高风险关键人员（关键人才或掌握关键知识）中继任者可立即接任的人数 / 总人数。"),
    "attrition.model_risk": ("Model risk", "模型风险"),
    "attrition.model_risk_help": ("Exit probability from the risk model (Risk model tab), when it has been fitted.",
                                  "风险模型（见“风险模型”页签）给出的离职概率，需先拟合模型。"),
    "attrition.filters": ("Filters", "筛选"),
    "attrition.manager": ("Manager", "直属上级"),
    "attrition.job": ("Job", "岗位"),
    "attrition.grade": ("Grade", "职级"),
    "attrition.tenure": ("Years of service", "司龄"),
    "attrition.years": ("{n} years", "{n} 年"),
    "attrition.last_rating": ("Last rating", "最近绩效等级"),
    "attrition.box": ("Nine-box", "九宫格"),
    "attrition.base_pay": ("Monthly base pay", "月基本工资"),
    "attrition.compa_ratio": ("Compa-ratio (pay / range midpoint)", "比较比率（薪酬 / 薪级中位值）"),
    "attrition.model_says": ("The signal score and the model, side by side", "信号分与模型并列"),
    "attrition.score_help": ("The points of the signals listed above, added up (at most 100): each signal is one a "
                             "manager can check and act on.", "上面所列信号的分数之和（最高 100）：每个信号都可由上级核实并采取行动。"),
    "attrition.model_not_fitted": ("Fit the model on the Risk model tab to see its exit probability for this person "
                                   "beside the score.", "在“风险模型”页签拟合模型后，可在此看到模型给出的此人离职概率，与信号分并列。"),
    "attrition.auc_reading": ("ROC AUC {auc}: the model ranks a leaver above a stayer {n} times in 100 (50 is "
                              "guessing).", "ROC AUC {auc}：每 100 次中有 {n} 次，模型会把离职者排在在职者之前（50 相当于随机猜测）。"),
    "attrition.actions_help": ("Retention actions recorded for the person.", "已记录的保留行动次数。"),
    "attrition.leaver": ("Leaver", "离职人员"),
    "attrition.pick_person": ("Type a name", "输入姓名"),
    "attrition.pick_leaver": ("Choose the leaver first.", "请先选择离职人员。"),
    "attrition.unknown": ("Not known", "未知"),
    "attrition.feature.tenure": ("Years of service", "司龄"),
    "attrition.feature.age": ("Age", "年龄"),
    "attrition.band.<1": ("Under 1 year", "不满 1 年"),
    "attrition.band.1-3": ("1-3 years", "1-3 年"),
    "attrition.band.3-5": ("3-5 years", "3-5 年"),
    "attrition.band.5-10": ("5-10 years", "5-10 年"),
    "attrition.band.10+": ("10 years or more", "10 年及以上"),
    "attrition.segment": ("Segment", "人群"),
    "attrition.segment.new_hire": ("New hire", "新员工"),
    "attrition.segment.poachable": ("High performer others may poach", "易被挖角的高绩效者"),
    "attrition.segment.stalled": ("Long-serving, career stalled", "职业发展停滞的老员工"),
    "attrition.segment.other": ("Other", "其他"),
    "attrition.advice.new_hire": ("New hires who find it does not fit leave quickly and with little notice; "
                                  "check onboarding and the manager's first weeks rather than plan a retention talk.",
                                  "新员工觉得不合适往往说走就走；重点检查入职引导和上级的前几周带教，而非挽留谈话。"),
    "attrition.advice.poachable": ("When a competitor poaches a strong performer it is usually money or "
                                   "platform, and once decided a retention talk rarely works: act before (pay position, "
                                   "scope, recognition) and secure knowledge, channels and a non-compete.",
                                   "被竞争对手挖走的高能人才多因钱或平台，一旦决定挽留无效：提前行动（薪酬定位、"
                                   "职责、认可），并做好知识、渠道和竞业限制的防护。"),
    "attrition.advice.stalled": ("Long-serving people who see no way up hesitate and show many signs; a talk "
                                 "about their path can keep them.", "晋升无望的老员工去留犹豫、表现较多，可以谈挽留与发展路径。"),
    "attrition.advice.other": ("Talk with the manager about the signals listed.", "就所列信号与其上级沟通。"),
    "attrition.key_only": ("Key talent only", "仅关键人才"),
    "attrition.min_score": ("Score from", "风险分不低于"),
    "attrition.score": ("Risk score", "风险分"),
    "attrition.reasons": ("Reasons", "原因"),
    "attrition.key_talent": ("Key talent", "关键人才"),
    "attrition.exposure": ("Exposure", "风险敞口"),
    "attrition.actions": ("Actions", "已采取行动"),
    "attrition.exp.key_knowledge": ("key knowledge", "关键技术/知识"),
    "attrition.exp.client_channels": ("client channels", "客户渠道"),
    "attrition.exp.supplier_channels": ("supplier channels", "供应商渠道"),
    "attrition.exp.secrets_access": ("access to secrets", "接触商业机密"),
    "attrition.exp.non_compete": ("non-compete signed", "已签竞业限制"),
    "attrition.exp.no_non_compete": ("no non-compete", "未签竞业限制"),
    "attrition.person": ("Person", "人员"),
    "attrition.why": ("Why the score is {score}", "风险分 {score} 的原因"),
    "attrition.no_signals": ("No signals on file.", "暂无信号记录。"),
    "attrition.sources": ("Signals without evidence in the data yet, which cannot fire: {missing}.",
                          "以下信号在数据中尚无依据，暂不会触发：{missing}。"),
    "attrition.nobody_listed": ("Nobody matches: no one scores {score} or more with these filters.",
                                "没有符合条件的人员：在当前筛选下无人风险分达到 {score}。"),
    "attrition.evidence.leave_rising": ("rising leave (bring leave records)", "请假增多（请导入请假记录）"),
    "attrition.evidence.no_promotion": ("no promotion for years (bring the employee history with promotions)",
                                        "多年未晋升（请导入含晋升的员工异动记录）"),
    "attrition.evidence.falling_performance": ("falling performance (bring scored KPI cards)",
                                               "绩效下滑（请导入已评分的考核表）"),
    "attrition.evidence.low_cr": ("pay below the range (approve a salary structure)", "薪酬偏低（请审批薪资结构）"),
    "attrition.evidence.recorded": ("what managers noticed (record signals or bring them)",
                                    "经理观察到的信号（请记录或导入离职信号）"),
    "attrition.signal.leave_rising": ("Leave rising", "请假增多"),
    "attrition.signal.conflict": ("Conflict", "人际冲突"),
    "attrition.signal.attitude_change": ("Sudden change of attitude", "态度突变"),
    "attrition.signal.overlooked": ("Able but overlooked", "能力强但不受重视"),
    "attrition.signal.family": ("Family strain", "家庭因素"),
    "attrition.signal.complaint_change": ("Complaining changed", "抱怨反常"),
    "attrition.signal.other": ("Other signal", "其他信号"),
    "attrition.signal.low_cr": ("Compa-ratio (CR) below 0.9", "比较比率（CR）低于0.9"),
    "attrition.signal.no_promotion": ("No promotion for years", "多年未晋升"),
    "attrition.signal.falling_performance": ("Performance falling", "绩效下滑"),
    "attrition.signal_help.leave_rising": ("leave of the last 90 days at least twice the person's own usual level.",
                                           "近 90 天请假至少为本人以往水平的两倍。"),
    "attrition.signal_help.conflict": ("recorded conflict with colleagues or the manager.", "记录有与同事或上级的矛盾。"),
    "attrition.signal_help.attitude_change": ("a sudden change of attitude was recorded (the one who always "
                                              "complained turns agreeable).", "记录有态度突变（原先常抱怨，现在变得很随和）。"),
    "attrition.signal_help.overlooked": ("high ability in a low or overlooked position.", "能力强但岗位地位不对称、不受重视。"),
    "attrition.signal_help.family": ("family strain on record, e.g. long separation from family.",
                                     "记录有家庭因素，如长期两地分居。"),
    "attrition.signal_help.complaint_change": ("someone who used to complain often has turned agreeable, or the "
                                               "other way round (an abnormal change of habit).",
                                               "原先经常抱怨，现在变得很随和，或反之（习惯反常）。"),
    "attrition.signal_help.other": ("another recorded signal.", "其他记录的信号。"),
    "attrition.signal_help.low_cr": ("compa-ratio in the structure in force below the setting (0.9).",
                                     "在现行薪酬结构中的比较比率低于设定值（0.9）。"),
    "attrition.signal_help.no_promotion": ("no promotion (or hire) for the set number of years (3).",
                                           "超过设定年限（3 年）未晋升。"),
    "attrition.signal_help.falling_performance": ("the latest KPI total is 10 or more points below the one before.",
                                                  "最近一期 KPI 总分比上一期低 10 分及以上。"),
    "attrition.item": ("Item", "项目"),
    "attrition.value": ("Value", "情况"),
    "attrition.yes": ("Yes", "是"),
    "attrition.no": ("No", "否"),
    "attrition.successor": ("Successor", "继任者"),
    "attrition.no_successor": ("none named", "未指定"),
    "attrition.ready.ready_now": ("ready now", "可立即接任"),
    "attrition.ready.ready_1_2_years": ("ready in 1-2 years", "1-2 年内可接任"),
    "attrition.ready.not_ready": ("not ready", "尚不具备"),
    "attrition.record_action": ("Record a retention action", "记录保留行动"),
    "attrition.actions_taken": ("Actions taken", "已采取的行动"),
    "attrition.date": ("Date", "日期"),
    "attrition.outcome": ("Outcome", "结果"),
    "attrition.outcome.open": ("Open", "进行中"),
    "attrition.outcome.stayed": ("Stayed", "已留任"),
    "attrition.outcome.left": ("Left", "已离职"),
    "attrition.record_signal": ("Record a signal", "记录离职信号"),
    "attrition.signal_kind": ("Signal", "信号"),
    "attrition.save_signal": ("Save the signal", "保存信号"),
    "attrition.signal_saved": ("Signal for {name} recorded.", "已记录 {name} 的离职信号。"),
    "attrition.key_people": ("Key people", "关键人员"),
    "attrition.key_people_help": ("Key talent and people holding key knowledge.", "关键人才及掌握关键知识的人员。"),
    "attrition.successor_named": ("With a successor named", "已指定继任者"),
    "attrition.action_kind": ("Action", "行动"),
    "attrition.action.retention_talk": ("Retention talk", "挽留谈话"),
    "attrition.action.pay_review": ("Pay review", "薪酬复核"),
    "attrition.action.development": ("Development", "发展培养"),
    "attrition.action.role_change": ("Role change", "岗位调整"),
    "attrition.action.recognition": ("Recognition", "认可激励"),
    "attrition.action.other": ("Other", "其他"),
    "attrition.save_action": ("Save the action", "保存行动"),
    "attrition.action_saved": ("Action for {name} recorded.", "已记录对 {name} 的行动。"),
    "attrition.model_help": ("A statistical model learns from the company's own exits (or from a file) and is chosen "
                             "among model families by 5-fold cross-validation; the quality shown is out of sample only.",
                             "统计模型从本公司的离职历史（或上传的文件）中学习，通过 5 折交叉验证在多种模型中选择；"
                             "所示质量均为样本外结果。"),
    "attrition.model_source": ("Learn from", "学习数据"),
    "attrition.source.company": ("The company's exit history", "本公司离职历史"),
    "attrition.source.file": ("An employee file", "员工数据文件"),
    "attrition.fit_company": ("Fit the model (a few seconds)", "拟合模型（需数秒）"),
    "attrition.fitting": ("Fitting and cross-validating …", "正在拟合并交叉验证……"),
    "attrition.model_file": ("Employee file (CSV or Excel), one row per person with a column saying who left",
                             "员工文件（CSV 或 Excel），每人一行，含是否离职列"),
    "attrition.target": ("Column saying who left", "是否离职列"),
    "attrition.model_refused": ("No model: {reason}", "无法建模：{reason}"),
    "attrition.auc": ("Cross-validated ROC AUC", "交叉验证 ROC AUC"),
    "attrition.auc_help": ("The chance the model ranks a random leaver above a random stayer, measured on people it "
                           "did not learn from (stratified 5-fold). 0.5 is guessing.",
                           "模型将随机一名离职者排在随机一名在职者之前的概率，在未参与训练的人员上测得（分层 5 折）。0.5 相当于随机猜测。"),
    "attrition.family": ("Chosen model", "选用模型"),
    "attrition.family.logistic": ("Logistic regression", "逻辑回归"),
    "attrition.family.logistic_regression": ("Logistic regression", "逻辑回归"),
    "attrition.family.gradient_boosting": ("Gradient boosting", "梯度提升"),
    "attrition.family.hist_gradient_boosting": ("Gradient boosting", "梯度提升"),
    "attrition.family.random_forest": ("Random forest", "随机森林"),
    "attrition.rows": ("People learnt from", "学习样本数"),
    "attrition.rows_help": ("{exits} of them left.", "其中 {exits} 人离职。"),
    "attrition.candidates": ("Model families compared", "候选模型比较"),
    "attrition.family_col": ("Model family", "模型类型"),
    "attrition.no_exposure": ("No exposure on file for this person: record it in the exposure table (Data page).",
                              "尚无此人的风险敞口记录：可在数据页导入“风险敞口”表。"),
    "attrition.calibration": ("Calibration (out of sample)", "校准（样本外）"),
    "attrition.perfect": ("Perfect", "理想"),
    "attrition.model": ("Model", "模型"),
    "attrition.predicted": ("Predicted risk", "预测风险"),
    "attrition.observed": ("Observed exits", "实际离职率"),
    "attrition.file_top": ("Highest risks in the file, with the reasons", "文件中风险最高者及原因"),
    "attrition.row": ("Row", "行"),
    "attrition.risk": ("Risk", "风险"),
    "attrition.target_pick": ("Choose the column saying who left", "请选择是否离职列"),
    "attrition.target_help": ("Columns that look like an exit flag (Attrition, left, Termd, status, 离职 …) come "
                              "first; when none does, none is chosen for you.",
                              "看起来像离职标志的列（Attrition、left、Termd、status、离职 等）排在最前；"
                              "如果没有这样的列，则不预先选择。"),
    "attrition.left_out": ("Columns left out of the model, and why", "未纳入模型的列及原因"),
    "attrition.left_out_pick": ("Leave out (remove a column to put it back in)", "排除的列（删除某列即可放回模型）"),
    "attrition.left_out_none": ("No column left out", "未排除任何列"),
    "attrition.left_out_help": ("Left out at first: ids and columns that record the exit itself (its date, reason "
                                "or status, or a column that separates leavers almost perfectly on its own). "
                                "Remove a column here to put it back in; add one to leave it out.",
                                "默认排除：标识列，以及记录离职本身的列（离职日期、原因、状态，或单独即可几乎完美区分"
                                "离职者的列）。在此删除某列即可将其放回模型；添加某列即可将其排除。"),
    "attrition.col_column": ("Column", "列"),
    "attrition.col_reason": ("Why it is left out", "排除原因"),
    "attrition.drop.excluded": ("left out by you", "由您排除"),
    "attrition.drop.empty": ("empty", "全部为空"),
    "attrition.drop.constant": ("one value for everyone", "所有人取值相同"),
    "attrition.drop.leak_filled_leavers": ("records the exit: filled in for leavers only",
                                           "记录了离职本身：仅离职者有值"),
    "attrition.drop.leak_filled_stayers": ("records the exit: filled in for people who stayed only",
                                           "记录了离职本身：仅在职者有值"),
    "attrition.drop.leak_name": ("records the exit, by its name (termination date or reason, employment status …)",
                                 "从列名看记录的是离职本身（离职日期、离职原因、在职状态等）"),
    "attrition.drop.leak_levels": ("records the exit: each value belongs to leavers only or to stayers only",
                                   "记录了离职本身：每个取值只属于离职者或只属于在职者"),
    "attrition.drop.leak_auc": ("separates leavers almost perfectly on its own (ROC AUC {auc}): probably filled in "
                                "at or after the exit", "单独即可几乎完美地区分离职者（ROC AUC {auc}）：很可能是在离职时"
                                "或离职后填写的"),
    "attrition.drop.id_unique": ("an id: every value differs", "标识列：每个值都不同"),
    "attrition.drop.id_text": ("an id or free text: most values differ", "标识列或自由文本：大多数值都不同"),
    "attrition.drop.id_number": ("an id: unique whole numbers", "标识列：互不相同的整数"),
    "attrition.suspicious": ("A cross-validated ROC AUC of {auc} is too good to be true: people's decisions to leave "
                             "are not that predictable, so a column probably records the exit itself. The strongest "
                             "columns on their own: {columns}. Check them and leave out any filled in at or after "
                             "the exit.",
                             "交叉验证 ROC AUC 高达 {auc}，好得不真实：员工的离职决定不可能如此容易预测，很可能某列"
                             "记录的就是离职本身。单独区分力最强的列：{columns}。请检查这些列，并排除在离职时或离职后"
                             "才填写的列。"),
    "attrition.duplicates": ("{n} rows repeat another row in every column. If they are the same person twice, "
                             "cross-validation can learn from one copy and be tested on the other, which flatters "
                             "the AUC: remove them from the file.",
                             "有 {n} 行与另一行的每一列都完全相同。若是同一人重复出现，交叉验证可能在训练时见到一份、"
                             "在测试时见到另一份，使 AUC 虚高：请从文件中删除重复行。"),
    "attrition.local_wage": ("Local average monthly wage", "当地上年度职工月平均工资"),
    "attrition.local_wage_help": ("Art. 47: a wage above three times this is capped at three times, and service from "
                                  "2008 counts at most 12 months.", "第四十七条：月工资高于其三倍的，按三倍计算，且 2008 年起的年限最多 12 个月。"),
    "attrition.replacement_months": ("Replacement cost (months of pay)", "替换成本（月薪倍数）"),
    "attrition.replacement_help": ("Recruiting, the vacancy and the new person's ramp-up together, in months of the "
                                   "leaver's pay.", "招聘、空缺期和新人上手期的总成本，以离职者月薪计。"),
    "attrition.replacement_total": ("Replacement cost, people at high risk", "高风险人员替换成本"),
    "attrition.people_at_risk": ("People at high risk", "高风险人数"),
    "attrition.compensation_total": ("Economic compensation if the company ends the contract",
                                     "若公司解除或终止劳动合同的经济补偿金"),
    "attrition.compensation_help": ("PRC Labour Contract Law art. 47, as if the company ended each contract today "
                                    "without fault by the employee: N months × the wage used (base pay plus the "
                                    "monthly bonus, at least the local minimum wage).",
                                    "按《劳动合同法》第四十七条，假设公司今日在员工无过错的情况下解除或终止合同："
                                    "N 个月 × 计算基数（基本工资加月度奖金，不低于当地最低工资标准）。"),
    "attrition.not_owed_note": ("Compensation is owed only when the company ends the contract without fault by the "
                                "employee (art. 40) or in a lay-off (art. 41), in a mutual agreement the company "
                                "proposed (art. 36), when the company does not renew a fixed term (unless the employee "
                                "refused equal terms), or when the employee resigns because of the company's fault "
                                "(art. 38). **Nothing is owed** if the person resigns of their own accord (art. 37) or "
                                "is dismissed for misconduct (art. 39).",
                                "只有在公司无过失性辞退（第四十条）或经济性裁员（第四十一条）、公司提出协商解除（第三十六条）、"
                                "固定期限合同到期公司不续签（员工拒绝同等条件续签的除外），或员工因公司过错解除（第三十八条）时，"
                                "才需支付经济补偿金。员工主动辞职（第三十七条）或因过错被辞退（第三十九条）的，**不予支付**。"),
    "attrition.min_wage": ("Local minimum monthly wage", "当地月最低工资标准"),
    "attrition.min_wage_help": ("The wage used is never below this (implementing regulations art. 27).",
                                "计算基数不低于此标准（《劳动合同法实施条例》第二十七条）。"),
    "attrition.leavers_title": ("Leavers of the last 12 months: compensation by how they left",
                                "近 12 个月离职人员：按离职方式的经济补偿金"),
    "attrition.leavers_caption": ("{owed} of {n} leavers were owed compensation, {amount} in all; the others resigned, "
                                  "were dismissed for misconduct or left in a way the data do not tell. A leaver can "
                                  "apply for labour arbitration within one year of the exit: the last day is shown.",
                                  "{n} 名离职人员中 {owed} 人应获经济补偿金，合计 {amount}；其余为主动辞职、过错辞退，"
                                  "或数据无法判断离职方式。离职人员可在离职后一年内申请劳动仲裁（仲裁时效），下表列出截止日。"),
    "attrition.no_leavers": ("Nobody left in the last 12 months.", "近 12 个月无人离职。"),
    "attrition.route": ("How they left", "离职方式"),
    "attrition.route.no_fault": ("Company ended it, no fault (art. 40)", "无过失性辞退（第四十条）"),
    "attrition.route.layoff": ("Lay-off (art. 41)", "经济性裁员（第四十一条）"),
    "attrition.route.mutual_company": ("Mutual agreement, company proposed (art. 36)", "公司提出协商解除（第三十六条）"),
    "attrition.route.contract_end": ("Fixed term not renewed by the company", "合同到期公司不续签"),
    "attrition.route.company_fault": ("Resigned for the company's fault (art. 38)", "因公司过错解除（第三十八条）"),
    "attrition.route.mutual_employee": ("Mutual agreement, employee proposed", "员工提出协商解除"),
    "attrition.route.renewal_refused": ("Refused renewal on equal terms", "员工拒绝同等条件续签"),
    "attrition.route.resignation": ("Own resignation (art. 37)", "主动辞职（第三十七条）"),
    "attrition.route.misconduct": ("Dismissed for misconduct (art. 39)", "过错性辞退（第三十九条）"),
    "attrition.route.unknown": ("Not known", "无法判断"),
    "attrition.owed": ("Owed", "应支付"),
    "attrition.claim_by": ("Arbitration claim by", "仲裁时效截止"),
    "attrition.days_left": ("Days left", "剩余天数"),
    # Not "leavers of the last 12 months": whoever left exactly a year ago can still claim on the anniversary, so
    # this count may be one day's leavers more than the turnover tiles'.
    "attrition.arbitration_title": ("Labour arbitration: one year from the exit ({n} leavers can still claim)",
                                    "劳动仲裁时效：离职后一年（仍在时效内的离职人员 {n} 人）"),
    "attrition.arbitration_help": ("A leaver can apply for labour arbitration within one year of the day the dispute "
                                   "arose, taken here as the exit (Labour Dispute Mediation and Arbitration Law "
                                   "art. 27): keep the file, the pay records and the handover until the last day.",
                                   "劳动争议申请仲裁的时效期间为一年，从知道或应当知道权利被侵害之日起计算（此处按离职日计，"
                                   "《劳动争议调解仲裁法》第二十七条）：截止日前请保存好人事档案、工资记录与交接记录。"),
    "attrition.group_risk": ("Group departure risk: {n} team(s) with several people at high risk at once. People "
                             "sometimes leave together, after their manager or to one competitor: talk to the team "
                             "and its manager, and check the secrets and non-compete agreements.",
                             "集体跳槽风险：{n} 个团队同时有多人处于高风险。员工可能随上级或向同一竞争对手集体离开："
                             "请与团队及其上级沟通，并核查保密与竞业限制协议。"),
    "attrition.group_line.department": ("Department {group}: {high} of {people} at high risk ({share}), {keys} key "
                                        "talent", "部门 {group}：{people} 人中 {high} 人高风险（{share}），其中关键人才 {keys} 人"),
    "attrition.group_line.manager": ("Reports of {group}: {high} of {people} at high risk ({share}), {keys} key talent",
                                     "{group} 的下属：{people} 人中 {high} 人高风险（{share}），其中关键人才 {keys} 人"),
    "attrition.hired": ("Hired", "入职日期"),
    "attrition.months_n": ("N (months)", "N（月）"),
    "attrition.wage_used": ("Wage used", "计算基数"),
    "attrition.compensation": ("Compensation", "经济补偿金"),
    "attrition.replacement": ("Replacement", "替换成本"),
    "attrition.save_settings": ("Save as settings", "保存为设置"),
    "attrition.exit_date": ("Last day", "最后工作日"),
    "attrition.items": ("Items", "事项"),
    "attrition.done": ("Done", "已完成"),
    "attrition.progress": ("Progress", "进度"),
    "attrition.next_due": ("Next due", "下一截止"),
    "attrition.checklist_of": ("Checklist of", "交接清单"),
    "attrition.category": ("Kind", "类别"),
    "attrition.category.knowledge": ("Knowledge", "知识与资料"),
    "attrition.category.process": ("Process", "流程"),
    "attrition.category.open_work": ("Open work", "未完成工作"),
    "attrition.category.clients": ("Clients and suppliers", "客户与供应商"),
    "attrition.category.successor": ("Successor", "继任者"),
    "attrition.category.review": ("Review", "验收"),
    "attrition.category.agreements": ("Confidentiality and non-compete", "保密与竞业限制"),
    "attrition.category.commitments": ("Company's commitments", "公司承诺"),
    "attrition.category.after_exit": ("Mentoring and after the exit", "师徒辅导与离职后联系"),
    "attrition.hr_owner": ("HR owner (optional)", "人力资源负责人（可选）"),
    "attrition.handover_start": ("Handover starts", "交接开始日期"),
    "attrition.handover_due_help": ("The final review falls on this day; the first and second stages at a third "
                                    "and two thirds of the way from the start.",
                                    "最终验收在此日；第一、二阶段分别在开始后三分之一、三分之二处。"),
    "attrition.stage.first": ("First", "第一阶段"),
    "attrition.stage.second": ("Second", "第二阶段"),
    "attrition.stage.final": ("Final", "最终验收"),
    "attrition.stage": ("Review stage", "验收阶段"),
    "attrition.receiver": ("Receiver", "接手人"),
    "attrition.second_receiver": ("Second receiver", "第二接手人"),
    "attrition.owner": ("Owner", "负责人"),
    "attrition.due": ("Due", "截止日期"),
    "attrition.save_checklist": ("Save the checklist", "保存清单"),
    "attrition.checklist_saved": ("Checklist saved.", "清单已保存。"),
    "attrition.no_handovers": ("No handover checklists yet.", "尚无交接清单。"),
    "attrition.start_handover": ("Start a handover checklist for a leaver", "为离职人员创建交接清单"),
    "attrition.create_checklist": ("Create the checklist", "创建清单"),
    "attrition.checklist_created": ("Checklist of {n} items created.", "已创建 {n} 项交接清单。"),
    "table.exposure": ("Exposure (what leaves with a person)", "离职风险敞口"),
    "table.retention_actions": ("Retention actions", "保留行动"),
    "table.cert_levels": ("Certification levels", "认证等级"),
    "table.cert_courses": ("Certification courses", "认证课程"),
    "table.cert_appeals": ("Certification appeals", "认证申诉"),
    "table.cert_eligibility": ("Certification eligibility reviews", "认证资格审查"),
    "table.cert_training": ("Certification training", "认证培训记录"),
    # access control, accounts and the audit trail
    "table.users": ("Accounts", "用户账号"),
    "table.app_meta": ("Settings", "系统设置"),
    "table.import_mappings": ("Saved import mappings", "已保存的导入映射"),
    "page.users": ("Accounts", "用户与权限"),
    "page.audit": ("Audit trail", "审计日志"),
    "role.admin": ("Admin", "管理员"),
    "role.hr_analyst": ("HR analyst", "HR 分析师"),
    "role.manager": ("Department manager", "部门经理"),
    "role.viewer": ("Viewer", "只读查看"),
    "auth.sign_in": ("Sign in", "登录"),
    "auth.sign_out": ("Sign out", "退出登录"),
    "auth.username": ("User name", "用户名"),
    "auth.password": ("Password", "密码"),
    "auth.failed": ("Wrong user name or password, or the account is disabled or locked "
                    "({tries} wrong passwords lock it for {minutes} minutes).",
                    "用户名或密码错误，或账号已停用或锁定（连续 {tries} 次输错密码将锁定 {minutes} 分钟）。"),
    "auth.required": ("Sign in to see this page.", "请先登录。"),
    "auth.no_accounts": ("This database has no accounts yet. An administrator creates the first one on the "
                         "server:", "此数据库尚无账号。请管理员在服务器上创建第一个账号："),
    "auth.signed_in_as": ("Signed in as {name} · {role}", "当前用户：{name} · {role}"),
    "auth.signed_out": ("You are signed out.", "已退出登录。"),
    "auth.expired": ("You were signed out after {minutes} minutes without activity.",
                     "超过 {minutes} 分钟无操作，已自动退出登录。"),
    "auth.demo_banner": ("Demo mode: the bundled demo company (fictitious people), open without signing in. Choose "
                         "who you are in the sidebar to see what that role sees; changes are recorded in that "
                         "person's name. A real company's database always asks for a sign-in.",
                         "演示模式：这是内置的演示公司（虚构人员），无需登录。请在侧边栏选择体验身份，查看该角色能看到的内容；"
                         "所做修改以该人员的名义记录。真实公司的数据库始终需要登录。"),
    # issue 30: demo personas, the demo's first account, its reset and the presenter's switch
    "demo.acting_as": ("Try it as", "体验身份"),
    "demo.acting_as_help": ("The demo has no accounts: pick a person of the demo company to see the app as their "
                            "role does. Whatever you change is recorded in their name.",
                            "演示公司没有账号：选择演示公司中的一位人员，即可按其角色使用本应用。所做修改均以其名义记录。"),
    "demo.persona.hr_director": ("HR director", "人力资源总监"),
    "demo.persona.hr_analyst": ("HR analyst", "HR 分析师"),
    "demo.persona.line_manager": ("Line manager", "业务部门经理"),
    "demo.persona.board_member": ("Board member", "董事会成员"),
    "demo.role_caption": ("Role: {role}", "角色：{role}"),
    "demo.switched": ("Opening the app as {name}…", "正在以 {name} 的身份打开……"),
    "demo.presenter": ("Presenter mode", "演示者模式"),
    "demo.presenter_help": ("Hides the demo notice at the top of each page, for presenting to an audience.",
                            "隐藏页面顶部的演示模式提示，便于向观众展示。"),
    "demo.first_account": ("Create your admin account", "创建您的管理员账号"),
    "demo.first_account_intro": ("Creating the first account **ends demo mode**: from then on everyone signs in "
                                 "with an account, and nobody can try the app as a demo person any more. This first "
                                 "account is yours, an admin's: you are signed in with it at once and add the others "
                                 "here.",
                                 "创建第一个账号后**演示模式即结束**：此后所有人都须使用账号登录，不能再以演示人员身份体验。"
                                 "第一个账号属于您本人，是管理员账号：创建后立即以该账号登录，其他人的账号由您在此添加。"),
    "demo.first_account_after_import": ("A company's own data were imported into the demo database, which ended "
                                        "demo mode, and it has no account yet. Create the admin account to go on: "
                                        "you are signed in with it at once, and from then on everyone signs in.",
                                        "演示数据库中已导入公司自己的数据，演示模式随之结束，但尚无任何账号。请创建管理员账号以继续："
                                        "创建后立即以该账号登录，此后所有人都须登录。"),
    "demo.signed_in_first": ("You are signed in as the admin. Add the others' accounts on the Accounts page.",
                             "您已以管理员身份登录。请在「用户与权限」页面为其他人添加账号。"),
    "demo.display_help": ("Your name as the app shows it and records your changes under.",
                          "应用中显示的您的姓名，您的修改也以此署名记录。"),
    "demo.display_needed": ("display name: give your name", "显示名称：请填写您的姓名"),
    "demo.password_again": ("Password again", "再次输入密码"),
    "demo.passwords_differ": ("password: the two passwords differ", "密码：两次输入的密码不一致"),
    "demo.create_and_end": ("Create my account and end demo mode", "创建我的账号并结束演示模式"),
    "demo.first_account_done": ("Demo mode has ended: you are signed in as {name}, an admin. Add the others' "
                                "accounts below.", "演示模式已结束：您已以管理员 {name} 的身份登录。请在下方为其他人添加账号。"),
    "demo.reset": ("Reset the demo company", "重置演示公司"),
    "demo.reset_intro": ("Builds the demo company again as it was first built. Every change, setting, saved import "
                         "mapping and account made since is lost (the audit trail keeps its record); demo mode starts "
                         "again.", "按最初的方式重新生成演示公司。此后所做的所有修改、设置、已保存的导入映射和账号都将丢失"
                         "（审计日志保留记录）；随后重新进入演示模式。"),
    "demo.reset_confirm": ("I understand: everything changed in the demo is lost", "我已了解：演示中的所有修改都将丢失"),
    "demo.resetting": ("Building the demo company again…", "正在重新生成演示公司……"),
    "demo.reset_done": ("The demo company was built again ({n} rows); demo mode is on.",
                        "演示公司已重新生成（{n} 行），已回到演示模式。"),
    "demo.reset_refused": ("Not reset: {reason}", "未重置：{reason}"),
    "users.remove": ("Remove the account", "删除账号"),
    "users.remove_confirm": ("Remove {name} for good (their entries in the audit trail stay)",
                             "永久删除 {name}（其审计日志记录保留）"),
    "users.removed": ("Account {name} removed.", "已删除账号 {name}。"),
    "auth.account_changed": ("Your account was changed (role, department, password or status); sign in again.",
                             "您的账号已变更（角色、部门、密码或状态），请重新登录。"),
    "auth.refused": ("Not allowed: {reason}", "无权操作：{reason}"),
    # the database file itself (issue 27): what a person can do about it, never a path or a process id
    "store.unavailable.in_use": ("The database is in use by another program (an import, a backup or a second copy "
                                 "of hrcore). Try again in a minute; if this stays, ask whoever runs hrcore.",
                                 "数据库正被其他程序占用（导入、备份或另一个 hrcore 实例）。请稍后再试；如果一直如此，请联系 hrcore 的管理员。"),
    "store.unavailable.damaged": ("The database file cannot be read: it is damaged or not a database. Whoever runs "
                                  "hrcore can restore the latest backup (python -m hrcore restore).",
                                  "无法读取数据库文件：文件已损坏或不是数据库。hrcore 的管理员可以恢复最近的备份（python -m hrcore restore）。"),
    "store.unavailable.not_hrcore": ("The database file belongs to another program, not hrcore. Whoever runs hrcore "
                                     "should point HRCORE_DB at an hrcore database.",
                                     "该数据库文件属于其他程序，不是 hrcore 的数据库。请 hrcore 的管理员将 HRCORE_DB 指向 hrcore 数据库。"),
    "store.unavailable.needs_upgrade": ("The database is read-only here and was made by an older hrcore. Whoever runs "
                                        "hrcore must open it once where it can be written, to bring it up to date.",
                                        "数据库在此处为只读，且由旧版 hrcore 创建。hrcore 的管理员需在可写的位置打开一次以完成升级。"),
    "store.unavailable.unreadable": ("The database cannot be opened right now. Whoever runs hrcore finds the reason "
                                     "in the server's log.", "数据库暂时无法打开。hrcore 的管理员可在服务器日志中查看原因。"),
    "store.read_only_banner": ("Read-only: the database file cannot be written here. You can look at everything; "
                               "nothing can be saved.", "只读模式：此处无法写入数据库文件。您可以查看所有内容，但无法保存任何更改。"),
    "store.read_only": ("Not saved: the database file is read-only here.", "未保存：此处数据库文件为只读。"),
    "store.full": ("Not saved: the disk holding the database is full. Nothing of yours was written; ask whoever runs "
                   "hrcore to free some space, then try again.",
                   "未保存：存放数据库的磁盘已满，您的内容均未写入。请联系 hrcore 的管理员释放空间后重试。"),
    "users.intro": ("Who may sign in and what they see. Admins manage accounts; HR analysts see all data; "
                    "department managers see only their department and those under it; viewers see the "
                    "dashboards without individual pay. Every change here is in the audit trail.",
                    "谁可以登录、能看到什么。管理员管理账号；HR 分析师可查看全部数据；部门经理只能查看本部门及下属部门；"
                    "只读用户只能查看总览仪表盘，看不到个人薪酬。此处的每项修改都记入审计日志。"),
    "users.display_name": ("Display name", "显示名称"),
    "users.role": ("Role", "角色"),
    "users.department": ("Department (managers)", "管理的部门（部门经理）"),
    "users.department_help": ("A department manager sees this department and every department under it.",
                              "部门经理可查看该部门及其所有下属部门。"),
    "users.no_department": ("— none —", "— 无 —"),
    "users.active": ("Active", "启用"),
    "users.last_sign_in": ("Last sign-in", "最近登录"),
    "users.locked_until": ("Locked until", "锁定至"),
    "users.add": ("Add an account", "新增账号"),
    "users.change": ("Change an account", "修改账号"),
    "users.password_help": ("At least {n} characters, not containing the user name. Stored only as a salted "
                            "scrypt hash.", "至少 {n} 个字符，且不含用户名。仅以加盐 scrypt 哈希保存。"),
    "users.new_password": ("New password (leave empty to keep)", "新密码（留空则不变）"),
    "users.new_password_help": ("Setting a password also unlocks a locked account.", "设置新密码会同时解除账号锁定。"),
    "users.save": ("Save the account", "保存账号"),
    "users.added": ("Account {name} created.", "已创建账号 {name}。"),
    "users.saved": ("Account {name} saved.", "已保存账号 {name}。"),
    "users.refused": ("Not saved: {reason}", "未保存：{reason}"),
    "users.cli": ("On the server: python -m hrcore user add NAME --role admin|hr_analyst|manager|viewer "
                  "[--department D300] [--employee E0000047]",
                  "在服务器上：python -m hrcore user add 用户名 --role admin|hr_analyst|manager|viewer "
                  "[--department D300] [--employee E0000047]"),
    # issue 27: accounts linked to employees, failed sign-ins, 360 ratings for those who may not see raters
    "users.employee": ("Employee (their own record)", "对应员工（本人记录）"),
    "users.employee_help": ("The employee this account belongs to: nobody scores, rates, certifies, calibrates "
                            "or approves their own record. Optional for an admin from outside the company.",
                            "该账号对应的员工：任何人都不能为本人的记录评分、评价、认证、校准或审批。"
                            "公司外部的管理员可不填。"),
    "users.employee_needed": ("an HR analyst's or a department manager's account names their own employee id",
                              "HR 分析师或部门经理账号须填写本人的员工编号"),
    "users.last_failed_at": ("Last failed sign-in", "最近登录失败"),
    "audit.op.event": ("event", "事件"),
    "competency.raters_hidden": ("Ratings are shown as the review shows them: by group, never by rater, and "
                                 "groups with too few raters are hidden (only an admin reads single ratings).",
                                 "评价结果按评价报告的方式展示：按评价者类别汇总，不显示评价人，"
                                 "人数过少的类别不单独显示（仅管理员可查看单条评分）。"),
    "audit.intro": ("Every change to the data: who, when, through which action, and each row before and after. "
                    "The trail is written by the database layer and cannot be edited from the app.",
                    "数据的每一次修改：谁、何时、通过什么操作，以及每一行修改前后的内容。日志由数据层写入，应用内无法修改。"),
    "audit.days": ("Days", "日期范围"),
    "audit.actor": ("Who", "操作人"),
    "audit.actor_help": ("The account's name (the export gives the account's user name).",
                         "账号的显示名称（导出文件中为账号的用户名）。"),
    "audit.anyone": ("Anyone", "全部"),
    "audit.table": ("Table", "数据表"),
    "audit.any_table": ("Any table", "全部数据表"),
    "audit.text": ("Text", "关键字"),
    "audit.text_help": ("Found in the action, the row's key or its values, e.g. an employee id.",
                        "在操作、行主键或行内容中查找，例如员工编号。"),
    "audit.found": ("{n} changed rows in {changes} changes (newest first).", "共 {changes} 次修改、{n} 行（最新在前）。"),
    "audit.change": ("Change", "修改批次"),
    "audit.when": ("When", "时间"),
    "audit.action": ("Action", "操作"),
    "audit.operation": ("Operation", "类型"),
    "audit.row": ("Row", "行"),
    "audit.changed": ("Changed", "已修改"),
    "audit.column": ("Column", "字段"),
    "audit.before": ("Before", "修改前"),
    "audit.after": ("After", "修改后"),
    "audit.export": ("Export these {n} rows (CSV)", "导出这 {n} 行（CSV）"),
    "audit.entry": ("Entry {id} · {who} · {when}", "记录 {id} · {who} · {when}"),
    "audit.pick": ("Select a row to see it before and after.", "选择一行查看修改前后的内容。"),
    "audit.read_only": ("The audit trail is read-only: no page, import or account can change it.",
                        "审计日志只读：任何页面、导入或账号都无法修改。"),
    "overview.pay_hidden": ("Pay figures are not shown to viewers.", "只读用户不显示薪酬数据。"),
    "talent.moved_meanwhile": ("the person you picked was moved out of this box by someone else a moment ago; "
                               "nobody was moved", "您选择的人员刚被他人移出此格，本次未移动任何人"),
    "kpi.conflict": ("Not saved - {reason}.", "未保存：{reason}。"),
    "kpi.reload": ("Reload the card", "重新载入考核表"),
    "pay.conflict": ("Not approved - {reason}.", "未批准：{reason}。"),
    "audit.op.insert": ("added", "新增"),
    "audit.op.update": ("changed", "修改"),
    "audit.op.delete": ("removed", "删除"),
    "audit.op.replace": ("replaced (demo)", "整体替换（演示）"),
    # Issue 27, views: downloads in the audit trail, pay links with values out of range.
    "audit.op.download": ("downloaded", "下载"),
    # Issue 30, item 3: the trail's codes in words.
    "audit.system": ("System (no account signed in)", "系统（未登录账号）"),
    "audit.action.replace_all": ("demo data loaded", "载入演示数据"),
    "table.audit_log": ("Audit trail", "审计日志"),
    "pay.link_refused": ("The link asks for a value these controls cannot take ({values}): the default is used "
                         "instead.", "链接中的取值超出控件允许的范围（{values}），已改用默认值。"),

    # What hrcore refuses (hrcore.errors.Refused, and the reason column of an import's problems), by code; the
    # values are filled in by problem().  The field a refusal is about is named by field.<column>.
    "problem.not_a_number": ("not a number", "不是数字"),
    "problem.not_employed": ("{employee} is not employed on {on}", "{employee} 在 {on} 不在职"),
    "field.employee_id": ("Employee ID", "工号"),

    # -- problems of imports and stored rows (hrcore.imports, hrcore.schema, hrcore.dates) --
    # A cell of an import (the reason column of its problems; the column is named beside it).
    "problem.not_a_number_to_derive": ("not a number (needed to derive {target})", "不是数字（推导 {target} 需要）"),
    "problem.not_a_finite_number": ("not a finite number", "不是有限的数字"),
    "problem.not_a_whole_number": ("not a whole number", "不是整数"),
    "problem.too_large": ("too large (at most {most})", "数值过大（最大为 {most}）"),
    "problem.not_yes_no": ("not yes/no (use true/false, yes/no, 1/0 or 是/否)",
                           "不是“是/否”（可用 true/false、yes/no、1/0 或 是/否）"),
    "problem.not_a_date": ("not a date (use YYYY-MM-DD)", "不是日期（请用 YYYY-MM-DD）"),
    "problem.date_order_needed": ("day and month cannot be told apart (no part above 12): choose the date order, "
                                  "month first (MDY, as US systems write 7/5/2011) or day first (DMY)",
                                  "无法区分日与月（各部分均不大于 12）：请选择日期顺序，月在前（MDY，美国系统写作 7/5/2011）"
                                  "或日在前（DMY）"),
    "problem.dates_mixed": ("mixes month-first and day-first dates (7/13/2011 and 13/7/2011); write them one way",
                            "同一列中混有月在前与日在前的日期（7/13/2011 与 13/7/2011）：请统一写法"),
    "problem.not_a_datetime": ("not a date and time (use YYYY-MM-DD HH:MM:SS)", "不是日期时间（请用 YYYY-MM-DD HH:MM:SS）"),
    "problem.not_one_of": ("not one of: {choices} (translate values in the mapping)",
                           "不在允许值之内：{choices}（可在映射中转换取值）"),
    "problem.hidden_character": ("holds an invisible or control character ({character})",
                                 "含有不可见字符或控制字符（{character}）"),
    "problem.at_least": ("must be at least {bound}", "不能小于 {bound}"),
    "problem.more_than": ("must be more than {bound}", "必须大于 {bound}"),
    "problem.at_most": ("must be at most {bound}", "不能大于 {bound}"),
    "problem.required_missing": ("required value is missing", "必填值为空"),
    "problem.required_not_mapped": ("required column is not mapped", "必填列未映射"),
    "problem.repeats_key": ("repeats the key of row {row}", "与第 {row} 行的编号重复"),
    "problem.no_row_to_update": ("no such row to update (this import changes stored rows only)",
                                 "没有可更新的行（此导入只更新已有数据）"),
    "problem.formula_unsaved": ("formula without a saved value (open and save the file in Excel, or paste values)",
                                "公式没有保存计算结果（请用 Excel 打开并保存，或粘贴为数值）"),
    "problem.exit_before_hire": ("exit date is before the hire date", "离职日期早于入职日期"),
    "problem.hire_before_birth": ("hire date is before the birth date", "入职日期早于出生日期"),
    "problem.exit_date_but_active": ("an exit date is given but the status is active (the file's status is taken as "
                                     "it is: translate it to left, or leave status unmapped so that an exit date marks "
                                     "a leaver)", "填写了离职日期，但状态为在职（文件中的状态按原样采用：请将其转换为 left（离职），"
                                     "或不映射状态列，让有离职日期的行记为离职）"),
    "problem.exit_type_but_active": ("an exit type is given but the status is active", "填写了离职类型，但状态为在职"),
    "problem.training_ends_before_start": ("the training ends before it starts", "培训结束日期早于开始日期"),
    "problem.end_before_start": ("end date is before the start date", "结束日期早于开始日期"),
    "problem.repeats_rating": ("repeats row {row}: the same rater rated the same item of the same person in this "
                               "review (the mapping may average repeats or keep the last)",
                               "与第 {row} 行重复：同一评价人在本轮评估中对同一人的同一项再次评分（可在映射中选择取平均或保留最后一次）"),
    "problem.repeats_other_group": ("repeats row {row} with another rater group ({group}): repeats are averaged "
                                    "within one group only",
                                    "与第 {row} 行重复但评价关系不同（{group}）：只有同一评价关系内的重复评分才能取平均"),
    "problem.no_such_line": ("no such line on that card", "该考核表中没有这一项"),
    "problem.card_scored": ("the card is scored already", "该考核表已评分"),
    "problem.bounded_share": ("a bounded share (a coverage or pass rate): a number of 0 or more, at most 100",
                              "有上下限的比率（覆盖率或通过率）：须为 0 至 100 之间的数字"),
    # A file an import cannot read (field.file), a mapping that does not fit it (field.mapping).
    "field.file": ("File", "文件"),
    "field.mapping": ("Mapping", "映射"),
    "field.table": ("Table", "数据表"),
    "problem.file_empty": ("{file} is empty", "{file} 是空文件"),
    "problem.file_too_big": ("{file} expands to {megabytes} MB; the limit is {limit} MB (set {setting} to raise it, "
                             "or split the file)", "{file} 解压后为 {megabytes} MB，超过上限 {limit} MB（可设置 {setting} "
                             "提高上限，或拆分文件）"),
    "problem.file_too_long": ("{file} has {rows} rows; the limit is {limit} rows (set {setting} to raise it, or split "
                              "the file)", "{file} 有 {rows} 行，超过上限 {limit} 行（可设置 {setting} 提高上限，或拆分文件）"),
    "problem.file_long_row": ("row {row} of {file} has more cells than the header row",
                              "{file} 第 {row} 行的单元格比标题行多"),
    "problem.file_not_csv": ("{file} is not valid CSV ({detail})", "{file} 不是有效的 CSV 文件（{detail}）"),
    "problem.file_no_header": ("{file} has no header row", "{file} 没有标题行"),
    "problem.file_mixed_encodings": ("{file} mixes two encodings: line {utf8_line} is UTF-8 but line {other_line} is "
                                     "not (GBK?); save the whole file in one encoding, best CSV UTF-8",
                                     "{file} 混用了两种编码：第 {utf8_line} 行是 UTF-8，第 {other_line} 行不是（GBK？）；"
                                     "请将整个文件保存为同一种编码，最好是 CSV UTF-8"),
    "problem.file_not_text": ("{file} is neither UTF-8 nor GBK/GB18030 text", "{file} 既不是 UTF-8 也不是 GBK/GB18030 文本"),
    "problem.file_nul": ("{file} looks like UTF-16 or binary (it holds NUL characters); save it as CSV UTF-8",
                         "{file} 似乎是 UTF-16 或二进制文件（含有 NUL 字符）；请另存为 CSV UTF-8"),
    "problem.file_not_xlsx": ("{file} is not a readable Excel workbook ({detail})",
                              "{file} 不是可读取的 Excel 工作簿（{detail}）"),
    "problem.file_formulas": ("{n} cell(s) of {file} hold a formula without a saved value, the first in row {row}, "
                              "column {column} ({formula}); open the file in Excel and save it again (Excel saves the "
                              "values), or paste the values in place of the formulas",
                              "{file} 中有 {n} 个单元格的公式没有保存计算结果，第一个在第 {row} 行、{column} 列（{formula}）；"
                              "请用 Excel 打开文件并重新保存（Excel 会保存计算结果），或将公式粘贴为数值"),
    "problem.file_columns_repeated": ("column name(s) repeated: {names}", "列名重复：{names}"),
    "problem.file_reader_stopped": ("reading {file} stopped the reader ({detail}); nothing was read",
                                    "读取 {file} 时读取进程中止（{detail}）；未读取任何内容"),
    "problem.table_unknown": ("unknown table {table}; choose one of {tables}", "没有数据表 {table}；请从以下选择：{tables}"),
    "problem.mapping_unknown_op": ("derive rule for {target} has unknown op {op}; use one of {ops}",
                                   "{target} 的推导规则使用了未知的运算 {op}；请使用 {ops} 之一"),
    "problem.mapping_derive_source": ("derive rule for {target} names column {column}, not in the file",
                                      "{target} 的推导规则引用的列 {column} 不在文件中"),
    "problem.mapping_not_column": ("{target} is not a column of {table}", "{target} 不是 {table} 的列"),
    "problem.mapping_source_missing": ("column {column} (for {target}) is not in the file",
                                       "列 {column}（用于 {target}）不在文件中"),
    "problem.mapping_set_and_read": ("{target} is both read from the file and set to {value}; choose one",
                                     "{target} 既从文件读取，又被设为 {value}；请二选一"),
    "problem.mapping_generate_not_column": ("generate_id names {column}, not a column of {table}",
                                            "generate_id 指定的 {column} 不是 {table} 的列"),
    "problem.mapping_generated_and_read": ("{column} is both read from the file and generated; choose one",
                                           "{column} 既从文件读取，又自动生成；请二选一"),
    "problem.mapping_pay_period": ("pay_period is one of {choices}, not {period}",
                                   "pay_period（薪酬周期）须为 {choices} 之一，不能是 {period}"),
    "problem.mapping_references_target": ("references are made for department_id, job_id and manager_id, not {target}",
                                          "只能为 department_id、job_id 和 manager_id 建立引用，不能为 {target}"),
    "problem.mapping_references_source": ("column {column} (names for {target}) is not in the file",
                                          "列 {column}（{target} 的名称）不在文件中"),
    "problem.mapping_repeats": ("repeats must be one of {choices}, not {policy}",
                                "repeats（重复评分的处理）须为 {choices} 之一，不能是 {policy}"),
    # Company settings (hrcore.company), each named by its field.
    "field.as_of": ("as_of", "截至日期"),
    "field.currency": ("currency", "币种"),
    "field.pay_period": ("pay_period", "薪酬周期"),
    "field.local_avg_wage": ("local_avg_wage", "当地月平均工资"),
    "field.local_min_wage": ("local_min_wage", "当地月最低工资标准"),
    "problem.setting_unknown": ("not a company setting; the settings are {settings}", "不是公司设置项；设置项为：{settings}"),
    "problem.setting_as_of": ("must be a date written YYYY-MM-DD, got {value}", "须为 YYYY-MM-DD 格式的日期，实际为 {value}"),
    "problem.setting_currency": ("must be a three-letter ISO 4217 code such as CNY, USD or EUR, got {value}",
                                 "须为三位字母的 ISO 4217 代码（如 CNY、USD、EUR），实际为 {value}"),
    "problem.setting_pay_period": ("must be monthly or annual, got {value}",
                                   "须为 monthly（月薪）或 annual（年薪），实际为 {value}"),
    "problem.setting_local_avg_wage": ("must be a number from 1 to 10,000,000, got {value}",
                                       "须为 1 至 10,000,000 之间的数字，实际为 {value}"),
    "problem.setting_local_min_wage": ("must be a number from 0 to 10,000,000, got {value}",
                                       "须为 0 至 10,000,000 之间的数字，实际为 {value}"),
    # How a date column was read (hrcore.dates.describe): the patterns (Y-M-D, M/D/Y) stay as they are.
    "dates.kind.Excel serial": ("Excel serial", "Excel 日期序号"),
    "dates.kind.mixed": ("mixed", "月日顺序混杂"),
    "dates.kind.ambiguous": ("ambiguous", "无法区分日与月"),
    "dates.two_digit_years": ("two-digit years", "两位年份"),
    # Notes on an import's file (hrcore.imports._warnings), said by import_note; the file's own names as they are.
    "import_note.columns_not_imported": ("{n} column(s) of the file are not imported: {columns}",
                                         "文件中有 {n} 列未导入：{columns}"),
    "import_note.unknown_references": ("{n} {column} value(s) are not in {table} yet and will show under their id: "
                                       "{values}", "有 {n} 个 {column} 取值尚不在 {table} 中，将以编号显示：{values}"),

    # -- problems of KPI cards, appeals and coaching notes (hrcore.kpi, hrcore.kpi_appeals, hrcore.cycles) --
    "problem.card_problems": ("the card has problems: {problems}", "考核表存在问题：{problems}"),
    "problem.card_unknown": ("no card '{card}'", "没有考核表“{card}”"),
    "problem.card_exists": ("{owner} already has a card for {period}", "{owner} 在 {period} 已有考核表"),
    "problem.card_copy_unknown": ("no card '{card}' to copy the lines from", "没有可复制指标的考核表“{card}”"),
    "problem.card_self_appraisal": ("the appraiser cannot be the appraisee", "考核者不能是被考核者本人"),
    "problem.card_off_cycle": ("'{period}' does not fit the cycle of {owner_type} {owner} ({role}: {cycle}); give a "
                               "period such as {example}",
                               "“{period}”不符合{owner_type} {owner} 的考核周期（{role}：{cycle}）；请填写该周期的期间，"
                               "例如 {example}"),
    "problem.card_saved_meanwhile": ("{card} was saved by {who} at {at} after you opened it; your changes are not "
                                     "saved. Reload the card to see theirs",
                                     "考核表 {card} 在您打开后已由 {who} 于 {at} 保存；您的修改未保存。请重新载入考核表查看其修改"),
    "problem.card_saved_by_someone": ("{card} was saved by someone else after you opened it; your changes are not "
                                      "saved. Reload the card to see theirs",
                                      "考核表 {card} 在您打开后已由他人保存；您的修改未保存。请重新载入考核表查看其修改"),
    "problem.appeal_not_scored": ("only a scored card can be appealed (this one is not scored)",
                                  "只有已评分的考核表才能申诉（此表尚未评分）"),
    "problem.appeal_viewer": ("a viewer cannot file an appeal", "只读用户不能提出申诉"),
    "problem.appeal_not_appraisee": ("only the appraisee or HR on their behalf files an appeal",
                                     "申诉只能由被考核者本人提出，或由人力资源部代为登记"),
    "problem.appeal_decider_not_hr": ("only HR decides an appeal", "申诉由人力资源部处理"),
    "problem.appeal_decider_own_card": ("this is your own card: someone else in HR decides the appeal",
                                        "这是您本人的考核表：申诉须由人力资源部其他人员处理"),
    "problem.appeal_decider_appraiser": ("the appraiser who scored the card cannot decide an appeal against it",
                                         "评分的考核者不能处理针对该考核表的申诉"),
    "problem.appeal_no_grounds": ("an appeal needs its grounds (what is wrong with the result, and why)",
                                  "申诉须写明理由（结果哪里有误、为什么）"),
    "problem.appeal_pending": ("{card} has an appeal pending already ({appeal}); it is decided before another is filed",
                               "{card} 已有待处理的申诉（{appeal}）；处理完毕前不能再次申诉"),
    "problem.appeal_outcome_unknown": ("must be one of {outcomes}", "须为以下之一：{outcomes}"),
    "problem.appeal_no_reason": ("a decision needs its reason (the appraisee is told why)",
                                 "处理结果须写明理由（须告知被考核者原因）"),
    "problem.appeal_unknown": ("no appeal '{appeal}'", "没有申诉“{appeal}”"),
    "problem.appeal_upheld_already": ("{appeal} was decided already (upheld); a decision is not changed",
                                      "申诉 {appeal} 已处理（已支持）；处理结果不再更改"),
    "problem.appeal_rejected_already": ("{appeal} was decided already (rejected); a decision is not changed",
                                        "申诉 {appeal} 已处理（已驳回）；处理结果不再更改"),
    "problem.appeal_decided_meanwhile": ("{appeal} was decided by someone else a moment ago", "申诉 {appeal} 刚刚已由他人处理"),
    "problem.note_viewer": ("a viewer cannot write coaching notes", "只读用户不能填写辅导记录"),
    "problem.note_own_card": ("this is your own card; its coaching notes are written by your appraiser or HR",
                              "这是您本人的考核表；辅导记录由您的考核者或人力资源部填写"),
    "problem.note_no_text": ("write what was discussed (the work observed, what was agreed)",
                             "请写明辅导内容（观察到的工作情况、商定的事项）"),
    "problem.note_outside_period": ("{day} is outside the card's period {period}: a coaching note is dated from "
                                    "{first} to {last}",
                                    "{day} 不在考核表的考核期 {period} 内：辅导记录的日期须在 {first} 至 {last} 之间"),
    "problem.note_after_window": ("{day} is outside the card's period {period}: a coaching note is dated to {last}",
                                  "{day} 不在考核表的考核期 {period} 内：辅导记录的日期不得晚于 {last}"),
    "problem.cycle_unknown": ("one of {cycles}, not '{cycle}'", "须为以下之一：{cycles}，而不是“{cycle}”"),
    "problem.cycle_role_unknown": ("{job} has an unknown role '{role}'; one of {roles}",
                                   "岗位 {job} 的角色“{role}”未知；须为以下之一：{roles}"),
    "problem.store_same_key": ("someone else saved a record under the same key at the same moment; nothing of yours "
                               "was saved - try again", "他人在同一时刻以相同编号保存了记录；您的内容未保存，请重试"),
    "problem.store_same_records": ("someone else changed the same records at the same moment; nothing of yours was "
                                   "saved - try again", "他人在同一时刻修改了相同的记录；您的内容未保存，请重试"),
    "problem.store_version_unrecorded": ("could not record the change for other sessions; reload the page",
                                         "未能将此次修改通知其他会话；请重新载入页面"),
    "field.data_version": ("Data version", "数据版本"),
    "field.scorecard_id": ("Card", "考核表"),
    "field.grounds": ("Grounds", "申诉理由"),
    "field.held_on": ("Held on", "辅导日期"),
    "field.note": ("Note", "辅导内容"),
    "field.owner_id": ("Appraisee", "被考核对象"),
    "field.copy_from": ("Copy lines from", "复制指标自"),
    "field.appraiser_id": ("Appraiser", "考核者"),
    "field.cycle": ("Cycle", "考核周期"),
    "field.roles": ("Roles", "角色"),

    # -- problems of competency models, reviews and certification (hrcore.competency) --
    "problem.weights_unknown_groups": ("unknown rater group(s) {groups}; self is shown apart and has no weight",
                                       "未知的评价关系 {groups}；自评单独显示，不计权重"),
    "problem.weights_negative": ("every group weight must be a number of at least 0", "各评价关系的权重须为不小于 0 的数字"),
    "problem.weights_sum": ("the group weights must sum to 1 (100 %), they sum to {total}",
                            "各评价关系的权重之和须为 1（100%），实际为 {total}"),
    "problem.no_scores": ("no scores given; a sitting needs at least one candidate", "没有成绩；一场考试至少要有一名考生"),
    "problem.scores_not_finite": ("every score must be a finite number (found NaN or infinity)",
                                  "成绩须为有限的数字（发现 NaN 或无穷大）"),
    "problem.pass_rate_not_a_number": ("must be a number in (0, 1], got {got}", "须为 (0, 1] 之间的数字，实际为 {got}"),
    "problem.pass_rate_out_of_range": ("must be in (0, 1], got {got}", "须在 (0, 1] 之间，实际为 {got}"),
    "problem.pass_rate_below_one_person": (
        "{rate} of {candidates} candidate(s) is less than one person; a pass rate must let at least one pass",
        "{candidates} 名考生的 {rate} 不足一人；通过率须至少让一人通过"),
    "problem.pass_rate_range": ("must be in (0, 1]", "须在 (0, 1] 之间"),
    "problem.pass_rate_below_one_candidate": (
        "{rate} is less than one person even of one candidate; a pass rate must let at least one pass",
        "{rate} 连一名考生中的一人都不到；通过率须至少让一人通过"),
    "problem.blind_spot_gap_range": ("must be more than 0 and at most 9 points", "须大于 0 分且不超过 9 分"),
    "problem.pass_total_scale": ("must be on the 1-10 scale", "须在 1-10 分之间"),
    "problem.probation_months_whole": ("must be whole months from 0 to 24, got {got}",
                                       "须为 0 至 24 之间的整月数，实际为 {got}"),
    "problem.model_without_name": ("a model needs a name", "模型须有名称"),
    "problem.model_without_items": ("a model needs at least one item", "模型至少要有一个素质项"),
    "problem.item_without_name": ("every item needs a name", "每个素质项都须有名称"),
    "problem.item_twice": ("{item} appears twice", "{item} 出现了两次"),
    "problem.layer_unknown": ("{layer} is not one of {layers}", "{layer} 不在 {layers} 之内"),
    "problem.kind_unknown": ("{kind} is not general or professional", "{kind} 不是 general（通用）或 professional（专业）"),
    "problem.critical_without_minimum": ("a critical item needs a minimum score", "关键项须设最低分"),
    "problem.minimum_off_scale": ("{minimum} is not on the 1-10 scale", "{minimum} 不在 1-10 分之间"),
    "problem.items_of_another_model": ("{items} belong(s) to another model", "{items} 属于另一个模型"),
    "problem.band_unknown": ("{band} is not one of {bands}", "{band} 不在 {bands} 之内"),
    "problem.model_row": ("row {row}", "第 {row} 行"),
    "problem.target_off_scale": ("{item} has {score}, outside the 1-10 scale", "{item} 为 {score}，超出 1-10 分"),
    "problem.sitting_without_scores": ("no scores recorded for that sitting", "该场考试没有成绩记录"),
    "problem.person_not_on_file": ("{employee} is not on file", "没有员工 {employee}"),
    "problem.review_without_reviewer": ("an eligibility review names who reviewed", "资格审查须写明审查人"),
    "problem.eligibility_outcome_unknown": ("must be one of {outcomes}, got {got}", "须为 {outcomes} 之一，实际为 {got}"),
    "problem.standard_says_meets": (
        "the basic conditions of {job} say it meets them; recording that it does not needs a note saying why",
        "按 {job} 的基本条件，结果为符合；如记录为不符合，须在备注中说明理由"),
    "problem.standard_says_does_not_meet": (
        "the basic conditions of {job} say it does not meet them ({unmet}); recording that it does needs a note "
        "saying why",
        "按 {job} 的基本条件，结果为不符合（{unmet}）；如记录为符合，须在备注中说明理由"),
    "problem.no_standard_for_level": ("{job} has no basic conditions on file for level {level}; state the outcome of "
                                      "the review", "{job} 没有 {level} 级的基本条件，请填写审查结果"),
    "problem.training_mode_unknown": ("must be one of {modes}, got {got}", "须为 {modes} 之一，实际为 {got}"),
    "problem.course_not_of_level": ("level {level} of track {track} has no course {course}",
                                    "认证序列 {track} 的 {level} 级没有课程 {course}"),
    "problem.no_certification_track": ("there is no certification track {track}", "没有认证序列 {track}"),
    "problem.track_without_level": ("track {track} has no level {level} (its levels: {levels})",
                                    "认证序列 {track} 没有 {level} 级（其等级为：{levels}）"),
    "problem.appeal_without_grounds": ("an appeal needs its grounds", "申诉须写明理由"),
    "problem.cert_appeal_outcome_unknown": ("must be upheld or rejected", "须为 upheld（维持申诉）或 rejected（驳回）"),
    "problem.no_such_appeal": ("no appeal {appeal}", "没有申诉 {appeal}"),
    "problem.appeal_decided_already": ("{appeal} was decided already ({outcome})", "申诉 {appeal} 已处理（{outcome}）"),
    "problem.item_not_in_library": ("no such item in the model library", "模型库中没有该素质项"),
    "problem.no_such_employee": ("no such employee", "没有该员工"),
    "problem.own_rating_not_self": ("rates themself but the group is not self", "本人评价本人，但关系不是 self（自评）"),
    "problem.self_rating_by_another": ("group self but the rater is someone else", "关系为 self（自评），但评价人不是本人"),
    "problem.level_skipped": ("levels are taken one at a time: the level below was not passed before",
                              "不能越级：此前未通过低一级认证"),
    "problem.ability_test_before_courses": (
        "the ability test comes after every course of the level is passed; not passed before it: {courses}",
        "须通过该等级全部课程考试后方可参加能力测试；此前未通过：{courses}"),
    "problem.no_eligibility_review": (
        "{employee} has no passed eligibility review for track {track} level {level} on or before {on}: the basic "
        "conditions of the post are reviewed before any exam",
        "{employee} 在 {on} 及之前没有认证序列 {track} {level} 级的资格审查通过记录：考试前须先审查岗位基本条件"),
    "problem.no_training_for_course": (
        "{employee} has no training record (self-study or course) for track {track} level {level} course {course} "
        "ending on or before {on}: training comes before the exam",
        "{employee} 在 {on} 及之前没有认证序列 {track} {level} 级课程 {course} 的培训记录（自学或参训）：须先培训再考试"),
    "problem.no_training": (
        "{employee} has no training record (self-study or course) for track {track} level {level} ending on or "
        "before {on}: training comes before the exam",
        "{employee} 在 {on} 及之前没有认证序列 {track} {level} 级的培训记录（自学或参训）：须先培训再考试"),
    "problem.first_batch_post_off_track": (
        "the first batch certifies each person for their own post only: {employee}'s post {job} is not on track "
        "{track}", "首批认证为对本岗位的资格认证：{employee} 的岗位 {job} 不在认证序列 {track} 上"),
    "problem.first_batch_off_track": (
        "the first batch certifies each person for their own post only: {employee}'s post is not on track {track}",
        "首批认证为对本岗位的资格认证：{employee} 的岗位不在认证序列 {track} 上"),
    "problem.first_batch_above_post": (
        "the first batch certifies each person for their own post only: {employee}'s post {job} is level "
        "{post_level} of track {track}, not level {level}",
        "首批认证为对本岗位的资格认证，一般不进行高一级申报：{employee} 的岗位 {job} 为认证序列 {track} 的 {post_level} 级，"
        "不是 {level} 级"),
    "field.weights": ("Weights", "权重"),
    "field.scores": ("Scores", "成绩"),
    "field.pass_rate": ("Target pass rate", "目标通过率"),
    "field.blind_spot_gap": ("Blind-spot gap", "盲点差距"),
    "field.pass_total": ("Passing total", "合格总分"),
    "field.probation_months": ("Probation months", "试用期月数"),
    "field.model_id": ("Model ID", "模型编号"),
    "field.items": ("Items", "素质项"),
    "field.item_id": ("Item ID", "素质项编号"),
    "field.layer": ("Layer", "层级"),
    "field.kind": ("Kind", "类别"),
    "field.min_score": ("Minimum score", "最低分"),
    "field.band": ("Band", "分档"),
    "field.target_score": ("Target score", "目标分"),
    "field.exam": ("Exam", "考试"),
    "field.reviewer": ("Reviewer", "审查人"),
    "field.outcome": ("Outcome", "结果"),
    "field.mode": ("Mode", "培训方式"),
    "field.ended_on": ("End date", "结束日期"),
    "field.course": ("Course", "课程"),
    "field.track_id": ("Certification track", "认证序列"),
    "field.level": ("Level", "等级"),
    "field.appeal_id": ("Appeal", "申诉"),

    # -- problems of accounts, pay, evaluation, talent and the watchlist --
    "problem.demo_reset_admin_only": ("only an admin resets the demo company", "只有管理员可以重置演示公司"),
    "problem.demo_reset_own_data": ("not the demo company as built (it holds a company's own data); it is never reset",
                                    "这不是原样的演示公司（其中有公司自己的数据），不会重置"),
    "problem.demo_reset_imported": ("not the demo company as built ({rows} row(s) were imported into it); it is never "
                                    "reset", "这不是原样的演示公司（已导入 {rows} 行数据），不会重置"),
    "field.reset": ("Reset", "重置"),
    "field.db": ("Database", "数据库"),
    "problem.password_short": ("at least {n} characters", "至少 {n} 个字符"),
    "problem.password_has_name": ("must not contain the user name", "不能包含用户名"),
    "problem.account_role_unknown": ("one of {roles}, not '{role}'", "须为以下之一：{roles}，而不是“{role}”"),
    "problem.account_manager_department": ("a manager needs the department they manage", "部门经理须指定其管理的部门"),
    "problem.account_department_unknown": ("no department '{department}'", "没有部门“{department}”"),
    "problem.account_employee_unknown": ("no employee '{employee}'", "没有员工“{employee}”"),
    "problem.account_username_form": ("letters, digits and . _ - only, starting with a letter or digit",
                                      "只能使用字母、数字和 . _ -，并以字母或数字开头"),
    "problem.account_demo_admin_first": ("the demo company's first account must be an admin's (demo mode ends with it)",
                                         "演示公司的第一个账号必须是管理员账号（创建后演示模式即结束）"),
    "problem.account_taken": ("'{username}' exists already", "用户名“{username}”已存在"),
    "problem.account_unknown": ("no account '{username}'", "没有账号“{username}”"),
    "problem.account_last_admin": ("the last active admin cannot be demoted, disabled or removed",
                                   "不能降级、停用或删除最后一个启用的管理员账号"),
    "problem.account_demo_over": ("accounts exist already; an admin adds the others on the Accounts page",
                                  "账号已存在；其他账号由管理员在“账号”页面添加"),
    "field.password": ("Password", "密码"),
    "field.username": ("User name", "用户名"),
    "field.role": ("Role", "角色"),
    "field.department_id": ("Department", "部门"),
    "field.demo": ("Demo mode", "演示模式"),
    "problem.pay_scenario_no_name": ("give the scenario a name", "请为方案命名"),
    "problem.pay_scenario_taken": ("a scenario called '{name}' exists already", "已有名为“{name}”的方案"),
    "problem.pay_no_points": ("no job has points, so no grades can be cut; evaluate the jobs first",
                              "没有岗位有测评点数，无法划分职级；请先进行岗位测评"),
    "problem.pay_few_key_jobs": ("fewer than three key jobs have both points and fixed-pay market data",
                                 "同时具有测评点数和固定薪酬市场数据的标杆岗位不足三个"),
    "problem.pay_position_range": ("the market position is a percentile between P10 and P90",
                                   "市场定位须为 P10 至 P90 之间的分位"),
    "problem.pay_above_zero": ("must be above 0", "必须大于 0"),
    "problem.pay_grades_min": ("a structure needs at least 2 grades", "薪资结构至少需要 2 个职级"),
    "problem.pay_raise_range": ("an annual raise from 0 to 100 %", "年度调薪幅度须在 0 至 100% 之间"),
    "problem.pay_approved_already": ("{structure} was approved by {who} at {at}; nothing changed",
                                     "方案 {structure} 已由 {who} 于 {at} 批准；本次未作更改"),
    "problem.pay_approved_meanwhile": ("{structure} was approved by {who} at {at} after you opened the page; look at "
                                       "it before approving another",
                                       "在您打开页面后，方案 {structure} 已由 {who} 于 {at} 批准；请先查看该方案，再批准其他方案"),
    "field.structure_id": ("Scenario", "方案"),
    "field.name": ("Name", "名称"),
    "field.inputs": ("Design inputs", "设计依据"),
    "field.position_low": ("Market position, lowest grade", "最低职级的市场定位"),
    "field.position_high": ("Market position, highest grade", "最高职级的市场定位"),
    "field.spread_low": ("Range spread, lowest grade", "最低职级的带宽"),
    "field.spread_high": ("Range spread, highest grade", "最高职级的带宽"),
    "field.progression_low": ("Midpoint progression, lowest grades", "低职级的中位值级差"),
    "field.progression_high": ("Midpoint progression, highest grades", "高职级的中位值级差"),
    "field.grades": ("Grades", "职级数"),
    "field.plan_months": ("Plan months", "计划月数"),
    "field.raise_rate": ("Annual raise", "年度调薪幅度"),
    "problem.survey_no_job_column": ("choose the column that names the survey's jobs", "请选择薪酬调研中表示岗位名称的列"),
    "field.layout": ("Survey columns", "调研数据列"),
    "problem.talent_review_by_hr": ("a review of the whole company is started by HR", "全公司的人才盘点由人力资源部发起"),
    "problem.talent_review_exists": ("a review of {period} exists already; calibrate it instead",
                                     "{period} 的人才盘点已存在；请在其中进行校准"),
    "problem.talent_reason_needed": ("a calibration move needs a reason", "校准调整必须填写理由"),
    "problem.talent_box_range": ("boxes are numbered 1 to 9", "格位编号为 1 至 9"),
    "problem.talent_no_placement": ("no placement '{review}'", "没有盘点记录“{review}”"),
    "problem.talent_moved_meanwhile": ("{employee} was moved to box {box} after you looked; nothing changed",
                                       "{employee} 在您查看后已被调整到第 {box} 格；本次未作更改"),
    "problem.talent_moved_by": ("{employee} was moved to box {box} by {who} at {at} after you looked; nothing changed",
                                "{employee} 在您查看后已由 {who} 于 {at} 调整到第 {box} 格；本次未作更改"),
    "problem.talent_same_box": ("the person is in that box already", "该员工已在此格中"),
    "problem.talent_no_move": ("no move {move} to undo", "没有可撤销的调整 {move}"),
    "problem.talent_undo_later_first": ("undo the person's later move first", "请先撤销该员工之后的调整"),
    "field.talent_reviews": ("Talent review", "人才盘点"),
    "field.period": ("Period", "期间"),
    "field.reason": ("Reason", "理由"),
    "field.to_box": ("Box", "格位"),
    "field.review_id": ("Placement", "盘点记录"),
    "field.move_id": ("Move", "调整记录"),
    "problem.write_audit_trail": ("the audit trail cannot be changed", "审计日志不能修改"),
    "problem.write_viewer": ("a viewer cannot change data", "只读用户不能修改数据"),
    "problem.write_accounts_admin": ("only an admin manages accounts", "账号只能由管理员管理"),
    "problem.write_manager_table": ("a department manager cannot change this table", "部门经理不能修改此表"),
    "problem.write_outside_departments": ("{n} row(s) belong to people outside your departments; nothing was changed",
                                          "有 {n} 行属于您所辖部门以外的人员；未作任何修改"),
    "problem.write_own_record": ("this is your own record ({employee}); someone else must score, rate, certify, "
                                 "calibrate or decide it - nothing was changed",
                                 "这是您本人的记录（{employee}）：评分、评价、认证、校准或审批须由他人进行；未作任何修改"),
    "problem.handover_exists": ("{employee} already has a handover checklist", "{employee} 已有交接清单"),

}

CODES: dict[str, dict[str, tuple[str, str]]] = {
    "status": {"active": ("Active", "在职"), "left": ("Left", "离职")},
    "exit_type": {"voluntary": ("Voluntary", "主动离职"), "involuntary": ("Involuntary", "被动离职")},
    "gender": {"female": ("Female", "女"), "male": ("Male", "男")},
    "education": {
        "high_school": ("High school or below", "高中及以下"), "college": ("College diploma", "大专"),
        "bachelor": ("Bachelor", "本科"), "master": ("Master", "硕士"), "doctor": ("Doctorate", "博士"),
    },
    "location": {
        "shanghai": ("Shanghai", "上海"), "shenzhen": ("Shenzhen", "深圳"), "suzhou": ("Suzhou", "苏州"),
        "chengdu": ("Chengdu", "成都"), "wuhan": ("Wuhan", "武汉"),
    },
    "job_family": {
        "customer_service": ("Customer service", "客户服务"), "functions": ("Functions", "职能"),
        "management": ("Management", "管理"), "manufacturing": ("Manufacturing", "生产制造"),
        "marketing": ("Marketing", "市场"), "rnd": ("Research and development", "研发"), "sales": ("Sales", "销售"),
        "supply_chain": ("Supply chain", "供应链"),
    },
    "exit_reason": {
        "pay": ("Pay", "薪酬"), "career": ("Career development", "职业发展"), "family": ("Family", "家庭原因"),
        "manager": ("Relationship with manager", "与上级关系"), "relocation": ("Relocation", "异地搬迁"),
        "study": ("Further study", "深造"), "performance": ("Performance", "绩效不达标"),
        "misconduct": ("Misconduct", "违纪"), "restructuring": ("Restructuring", "组织调整"),
        "contract_end": ("Contract not renewed", "合同到期不续签"),
    },
}

# What makes Markdown of text in Streamlit: emphasis, code, links and images ([ ]), HTML and autolinks (< >),
# tables, strikethrough, LaTeX ($), headings; a colon before a letter or slash (:red[...], :material/x:, http://),
# "www." and "@" (bare web and mail addresses become links), an entity (&lt;), a list marker at the start.
BARE_ADDRESS = re.compile(r"(?<=:)(?=/)|(?<=[Ww]{3})(?=\\\.)|(?=\\@)")  # where a word joiner goes
MARKDOWN_ACTIVE = re.compile(r"[\\`*_{}\[\]<>|~$#@]|:(?=[A-Za-z/])|(?<=[Ww]{3})\.|&(?=#?\w+;)|^[-+](?= )|^\d+(?=[.)] )")


def plain(text) -> str:
    r"""``text`` from data (a name, an item, a reason typed by a user) for a place that renders Markdown, where
    it must show as it is: what would make Markdown is backslash-escaped, so that no link, image, heading, LaTeX
    ``$...$``, ``:red[...]`` or ``:material/...:`` directive, HTML tag or web address comes alive, and line
    breaks become spaces.  Streamlit renders Markdown in markdown, captions, alerts, titles, expanders, labels,
    help and ``st.table`` cells; data frames and ``st.text`` show text as it is and need none of this.

    >>> print(plain("![x](http://evil.example/a.png) [Sign in](http://evil.example)").replace("\u2060", "|"))
    !\[x\](http\:|//evil.example/a.png) \[Sign in\](http\:|//evil.example)
    >>> print(plain("1,470 rows (utf-8) at 09:30, 12.5% · a_b *c* www.x.com").replace("\u2060", "|"))
    1,470 rows (utf-8) at 09:30, 12.5% · a\_b \*c\* www|\.x.com
    >>> plain("王芳"), plain(None), plain(3)
    ('王芳', '', '3')
    """
    if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
        return ""
    text = MARKDOWN_ACTIVE.sub(lambda m: "\\" + m[0], " ".join(str(text).splitlines()))
    # A bare web or mail address is made a link after escapes are resolved, so no backslash stops it: an
    # invisible word joiner inside "://", "www." and before "@" does.
    return BARE_ADDRESS.sub("\u2060", text)


# The tags Plotly renders that do nothing but style (bold, a line break, hover's <extra>): the product's own
# chart text uses them; every other tag (a link <a href>, <span style>) is shown as typed.
CHART_TAG = re.compile(r"<(?!/?(?:b|i|em|br|sub|sup|extra)>)", re.I)


def chart_text(text: str) -> str:
    """``text`` as Plotly should show it: any tag but the harmless few (``<b>``, ``<br>``) made literal, so a
    department called ``<a href="http://x">Sales</a>`` is a name on the chart, not a link.

    >>> chart_text('<a href="http://evil.example">Sales</a><br><b>12</b>')
    '&lt;a href="http://evil.example">Sales&lt;/a><br><b>12</b>'
    """
    return CHART_TAG.sub("&lt;", text)


def t(key: str, lang: str, **values) -> str:
    """The text of ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    english, chinese = TEXT[key]
    text = chinese if lang == "zh" else english
    return text.format(**values) if values else text


def code_label(column: str, code, lang: str) -> str:
    """The display name of a stored code; unknown codes show as they are."""
    pair = CODES.get(column, {}).get(code)
    if pair is None:
        return "" if code is None or (isinstance(code, float) and math.isnan(code)) else str(code)
    return pair[1] if lang == "zh" else pair[0]


def name(english, chinese, lang: str) -> str:
    """Pick the bilingual name for ``lang``, falling back to the other one."""
    first, second = (chinese, english) if lang == "zh" else (english, chinese)
    for text in (first, second):
        if isinstance(text, str) and text:
            return text
    return ""


def names(english: pd.Series, chinese: pd.Series, lang: str, fallback: pd.Series | None = None) -> pd.Series:
    """:func:`name` of whole columns at once (a list of a hundred thousand people); where neither name is
    known, ``fallback`` (an id) if given.

    >>> names(pd.Series(["Li Lei", None, ""]), pd.Series(["李雷", "韩梅梅", None]), "en").tolist()
    ['Li Lei', '韩梅梅', '']
    >>> names(pd.Series([None]), pd.Series([""]), "zh", fallback=pd.Series(["E0042"])).tolist()
    ['E0042']
    """
    first, second = ((chinese, english) if lang == "zh" else (english, chinese))
    first = first.fillna("")
    named = first.where(first != "", second.fillna(""))
    return named if fallback is None else named.where(named != "", fallback)


def import_note(code: str, values: dict, lang: str, escape=None) -> str:
    """A note of an import's summary (:attr:`hrcore.imports.ImportPlan.notes`) in ``lang``; whole numbers grouped,
    every value passed through ``escape`` when given (:func:`plain`, for a place that renders Markdown).

    >>> import_note("scored_status", {"n": 1200}, "en")
    '1,200 cards carry a total and no status: stored as scored, so their results count.'
    """
    shown = {key: number(value, lang) if isinstance(value, int) and not isinstance(value, bool) else value
             for key, value in values.items()}
    if escape is not None:
        shown = {key: escape(value) for key, value in shown.items()}
    return t(f"import_note.{code}", lang, **shown)


def problem(code: str, values: dict, lang: str, field: str | None = None, escape=None,
            labelled: bool = True) -> str:
    """Why something was refused (``problem.<code>``) in ``lang``, with its ``values`` written for the language:
    whole numbers grouped, dates as the language writes them (ISO in English, which the command line and logs
    read too), lists joined.  ``field`` names what the refusal is about, by its label (``labelled``) or, for the
    English of the command line, by its column name; ``escape`` is applied to every value (:func:`plain` for a
    place that renders Markdown).

    >>> problem("not_employed", {"employee": "E0042", "on": date(2026, 3, 1)}, "zh", field="employee_id")
    '工号：E0042 在 2026年3月1日 不在职'
    >>> problem("not_employed", {"employee": "E0042", "on": date(2026, 3, 1)}, "en", field="employee_id")
    'Employee ID: E0042 is not employed on 2026-03-01'
    """
    # A row is named as the spreadsheet numbers it (row 12345), not as a count (12,345 rows).
    shown = {key: _row(value) if key == "row" else _value(value, lang) for key, value in values.items()}
    if escape is not None:
        shown = {key: escape(value) for key, value in shown.items()}
    text = t(f"problem.{code}", lang, **shown)
    if not field:
        return text
    if not labelled:
        return f"{field}: {text}"
    # A refusal about a whole table (a write the account may not make) is named by the table's label.
    label = next((t(key, lang) for key in (f"field.{field}", f"table.{field}") if key in TEXT), field)
    return f"{label}：{text}" if lang == "zh" else f"{label}: {text}"


def _row(value) -> str:
    """A spreadsheet row as its number, ungrouped (a frame of problems may hold it as a float)."""
    return str(int(value)) if isinstance(value, (int, float)) and float(value).is_integer() else str(value)


class Term(NamedTuple):
    """A stored code inside a refusal's sentence, worded by the catalogue entry ``{prefix}.{code}`` (a code the
    catalogue does not know reads as it is).

    >>> problem("appeal_decided_already", {"appeal": "CA000001", "outcome": Term("competency.outcome", "upheld")},
    ...         "zh")
    '申诉 CA000001 已处理（申诉成立）'
    """

    prefix: str
    code: str


def _value(value, lang: str) -> str:
    """A value in a sentence of ``lang``."""
    if isinstance(value, Term):
        key = f"{value.prefix}.{value.code}"
        return t(key, lang) if key in TEXT else str(value.code)
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return number(value, lang)
    if isinstance(value, float):
        return number(value, lang) if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, date):  # datetime too: a refusal names days
        value = value.date() if hasattr(value, "date") and callable(value.date) else value
        return day(value, lang) if lang == "zh" else value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return ("、" if lang == "zh" else ", ").join(_value(v, lang) for v in value)
    return str(value)


def number(value: float, lang: str, digits: int = 0) -> str:
    """A plain number with thousands grouped: ``number(1234.5, "en", 1) == '1,234.5'``."""
    return f"{value:,.{digits}f}"


def percent(fraction: float, lang: str, digits: int = 1) -> str:
    """A fraction as a percentage: ``percent(0.1234, "en") == '12.3%'``."""
    return f"{fraction * 100:.{digits}f}%"


def money(amount: float, lang: str, symbol: str = "¥") -> str:
    """A compact amount of money for tiles: K/M/B in English, 万/亿 in Chinese."""
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    if lang == "zh":
        # 亿 is a large unit: two decimals keep ¥1.33亿 and ¥1.37亿 apart, as finance reports write them; a
        # thousand 万 and more need no decimal (¥4,870万 fits a tile, ¥4,869.6万 does not).
        for unit, scale, digits in (("亿", 1e8, 2), ("万", 1e4, 0 if size >= 1e7 else 1)):
            if size >= scale:
                return f"{sign}{symbol}{size / scale:,.{digits}f}{unit}"
        return f"{sign}{symbol}{size:,.0f}"
    for unit, scale in (("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if size >= scale:
            return f"{sign}{symbol}{size / scale:,.1f}{unit}"
    return f"{sign}{symbol}{size:,.0f}"


CURRENCY_SYMBOLS = {"CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$"}


def currency_symbol(code: str | None) -> str:
    """The symbol for a currency code; the company's yuan when none is given.

    >>> currency_symbol("USD"), currency_symbol(None), currency_symbol("SGD")
    ('$', '¥', 'SGD ')
    """
    if not code:
        return "¥"
    return CURRENCY_SYMBOLS.get(str(code).upper(), f"{code} ")


CURRENCY_NAMES_ZH = {"CNY": "人民币", "USD": "美元", "EUR": "欧元", "GBP": "英镑", "JPY": "日元", "HKD": "港元"}


def currency_name(code: str, lang: str) -> str:
    """How a currency is named in a sentence: its code in English, its Chinese name where there is a common one.

    >>> currency_name("USD", "en"), currency_name("USD", "zh"), currency_name("SGD", "zh")
    ('USD', '美元', 'SGD')
    """
    return CURRENCY_NAMES_ZH.get(code, code) if lang == "zh" else code


def money_exact(amount: float, lang: str, symbol: str = "¥") -> str:
    """Money to the yuan, for tables: ``¥12,345``."""
    return f"{'-' if amount < 0 else ''}{symbol}{abs(amount):,.0f}"


def month(day: date, lang: str) -> str:
    return f"{day.year}年{day.month}月" if lang == "zh" else day.strftime("%b %Y")


def day(value: date, lang: str) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.strftime("%-d %b %Y")
