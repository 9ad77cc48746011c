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
('¥12.3M', '¥1,234.6万')
>>> month(__import__("datetime").date(2026, 10, 31), "zh")
'2026年10月'
"""

from __future__ import annotations

import math
import re
from datetime import date

LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}

TEXT: dict[str, tuple[str, str]] = {
    # shell
    "app.title": ("hrcore · HR analytics", "hrcore · 人力资源分析"),
    "app.language": ("Language", "语言"),
    "app.database": ("Database", "数据库"),
    "nav.overview": ("Overview", "总览"),
    "nav.data": ("Data", "数据"),
    "page.overview": ("Organisation overview", "组织总览"),
    "page.data": ("Import and export", "导入与导出"),
    # overview
    "overview.caption": ("As of {as_of} · money in CNY", "截至 {as_of} · 金额单位：人民币"),
    "overview.vs_year_ago": ("vs 12 months ago", "较12个月前"),
    "overview.headcount": ("Headcount", "在职人数"),
    "overview.headcount_help": ("Active employees on the as-of date; the change is against twelve months earlier.",
                                "截至统计日的在职员工人数；变化为与十二个月前相比。"),
    "overview.hires": ("Hires, last 12 months", "近12个月入职"),
    "overview.exits": ("Exits, last 12 months", "近12个月离职"),
    "overview.exits_delta": ("{share} voluntary", "主动离职占 {share}"),
    "overview.turnover": ("Turnover rate, 12 months", "近12个月离职率"),
    "overview.turnover_help": ("Separations in the last 12 months ÷ average of the headcount 12 months ago and now.",
                               "近12个月离职人数 ÷ 十二个月前与当前在职人数的平均值。"),
    "overview.payroll": ("Annual payroll", "年度工资总额"),
    "overview.payroll_help": ("12 × (base pay + target bonus) of active employees; base {base} a month.",
                              "在职员工 12 × (基本工资 + 目标奖金)；月基本工资合计 {base}。"),
    "overview.trend": ("Headcount at month end", "月末在职人数"),
    "overview.by_department": ("Headcount by department", "各部门在职人数"),
    "overview.flows": ("Hires and exits by month", "每月入职与离职"),
    "overview.month": ("Month", "月份"),
    "overview.people": ("People", "人数"),
    "overview.department": ("Department", "部门"),
    "overview.no_data": ("The database holds no employees yet.", "数据库中还没有员工数据。"),
    "overview.load_demo": ("Load the demo company (2,000 employees)", "载入演示公司（2,000 名员工）"),
    "overview.import_hint": ("Or bring your own file on the Data page.", "也可以在“数据”页面导入您自己的文件。"),
    "overview.undated_leavers": ("{n} leavers have no exit date and are left out of the monthly figures.",
                                 "{n} 名离职员工没有离职日期，未计入月度数据。"),
    "overview.unassigned": ("Not assigned", "未分配"),
    "overview.pay_design": ("Pay design", "薪酬设计"),
    "overview.evaluation_r2": ("Job evaluation R²", "岗位测评 R²"),
    "overview.evaluation_r2_help": ("Points of the key jobs against market P50 fixed pay ({year} survey); 0.80 or "
                                    "more passes.", "关键岗位点值与市场P50固定薪酬（{year}年调研）的拟合优度；达到0.80即通过。"),
    "overview.open_evaluation": ("Open job evaluation", "打开岗位测评"),
    "overview.open_pay": ("Open the salary structure", "打开薪资结构设计"),
    "overview.in_force_help": ("Active employees against the structure in force: {name}.", "在职员工对照现行薪资结构：{name}。"),
    "overview.payroll_vs_budget": ("Payroll against budget", "工资总额占预算"),
    "overview.of_budget": ("of {budget}", "预算 {budget}"),
    "overview.payroll_vs_budget_help": ("12 × (base pay + target bonus) of active employees ÷ the approved annual "
                                        "payroll of the structure in force.",
                                        "在职员工 12 ×（基本工资 + 目标奖金）÷ 现行结构批准的年度工资总额。"),
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
    "data.tab_tables": ("Tables", "数据表"),
    "data.table": ("Table", "数据表"),
    "data.file": ("File (CSV in UTF-8 or GBK, or Excel .xlsx)", "文件（UTF-8 或 GBK 编码的 CSV，或 Excel .xlsx）"),
    "data.file_read": ("{rows} rows and {cols} columns read ({encoding}).", "已读取 {rows} 行、{cols} 列（{encoding}）。"),
    "data.file_error": ("The file cannot be read: {reason}", "无法读取文件：{reason}"),
    "data.preview": ("First rows of the file", "文件前几行"),
    "data.mapping": ("Column mapping", "列映射"),
    "data.mapping_help": ("Pick the file column for each table column. Required columns are marked ●.",
                          "为每个数据表列选择对应的文件列。必填列以 ● 标记。"),
    "data.mapping_start": ("Start from", "起始映射"),
    "data.mapping_suggested": ("Suggested from the column names", "根据列名自动匹配"),
    "data.target": ("Table column", "数据表列"),
    "data.source": ("File column", "文件列"),
    "data.required": ("Required", "必填"),
    "data.values": ("Value translations", "取值转换"),
    "data.values_help": ("Replace a file value by the stored one, e.g. status: Yes → left.",
                         "将文件中的取值替换为系统取值，例如 status：Yes → left。"),
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
    "problem.row": ("Row", "行"),
    "problem.column": ("Column", "列"),
    "problem.value": ("Value", "值"),
    "problem.reason": ("Reason", "原因"),
    # job evaluation
    "nav.pay": ("Pay design", "薪酬设计"),
    "page.evaluation": ("Job evaluation", "岗位测评"),
    "eval.intro": ("Evaluate the key jobs with one factor scheme, check the points against the market, and slot every "
                   "job into a grade (3E steps 1-5 and 15).",
                   "用一套测评要素评估关键岗位，用市场数据校验点值，并把所有岗位归入级别（3E第1-5步与第15步）。"),
    "eval.no_jobs": ("No jobs yet: load the demo company on the overview or import jobs on the Data page.",
                     "还没有岗位数据：请在总览页载入演示公司，或在数据页导入岗位。"),
    "eval.no_scheme": ("No scheme saved yet: the default eight-factor scheme below is ready to adjust and save.",
                       "尚未保存测评方案：下方默认的八要素方案可直接调整并保存。"),
    "eval.version": ("Scheme version", "方案版本"),
    "eval.version_help": ("Every save makes a new version; earlier versions and their ratings stay as they were.",
                          "每次保存生成新版本；旧版本及其评分保持不变。"),
    "eval.version_label": ("{id} · saved {when} by {who}", "{id} · {when} 由 {who} 保存"),
    "eval.your_name": ("Your name", "您的姓名"),
    "eval.your_name_help": ("Recorded with every change you make on this page.", "记录在您在本页做出的每一项修改中。"),
    "eval.tab.scheme": ("Factors and weights", "测评要素与权重"),
    "eval.tab.jobs": ("Key jobs and market", "关键岗位与市场数据"),
    "eval.tab.committee": ("Committee", "评估小组"),
    "eval.tab.check": ("Market check", "市场校验"),
    "eval.tab.grades": ("Grades", "岗位定级"),
    "eval.scheme_intro": ("One scheme for the whole company (seed 002: 7-8 factors). Too many factors squeeze jobs into "
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
    "eval.key_jobs_help": ("About 20 benchmark jobs with market data (seed 002, step 1).", "约20个有市场数据的标杆岗位（3E第一步）。"),
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
    "eval.name_needed": ("Enter your name at the top of the page to record your own levels as a rater.",
                         "在页面顶部填写您的姓名后，即可以评估人身份记录自己的打分。"),
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
    "eval.reshuffle_help": ("Jobs come one at a time in random order, so one job's result does not sway the next "
                            "(seed 002).", "岗位逐个随机出现，避免前一个岗位的结果影响下一个。"),
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
    "eval.rater_short": ("Rater (empty: consensus)", "评估人（空为共识）"),
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
    "eval.r2_help": ("Share of the variation in market pay the points explain; {threshold} or more passes "
                     "(seed 002).", "点值可解释的市场薪酬差异比例；达到 {threshold} 即通过。"),
    "eval.outliers": ("Outlier jobs", "异常岗位"),
    "eval.outliers_help": ("Jobs whose |z| is above {z}: re-evaluate them with their department.",
                           "|z| 超过 {z} 的岗位：需与所在部门一起重新评估。"),
    "eval.cv": ("Spread of points (CV)", "点值离散度（CV）"),
    "eval.cv_metric_help": ("Mean {mean} points, standard deviation {std}.", "平均 {mean} 分，标准差 {std}。"),
    "eval.no_line": ("Fewer than three jobs have both points and market pay for this survey: no line to check.",
                     "同时具有点值和该调研市场薪酬的岗位少于三个，无法进行回归校验。"),
    "eval.r2_fails": ("R² = {r2} is below {threshold}: the evaluation does not follow the market. Review the factors, "
                      "their weights or the ratings (back to step 2).",
                      "R² = {r2}，低于 {threshold}：测评结果与市场趋势不符。请检讨要素选择、权重或评估过程（回到第二步）。"),
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
    "eval.grades_help": ("Seed 002, step 6: more grades at the low end than the high end suits most companies.",
                         "3E第六步：多数企业低端级别多、高端级别少更合适。"),
    "eval.band_method": ("Point bands", "点值区间"),
    "eval.method.equal": ("Equal width", "等宽"),
    "eval.method.geometric": ("Geometric", "等比"),
    "eval.band_method_help": ("Geometric bands are narrow at the bottom and wide at the top: small steps, fast run.",
                              "等比区间低端窄、高端宽：小步快跑。"),
    "eval.grade": ("Grade", "级别"),
    "eval.band": ("Points band", "点值区间"),
    "eval.empty_grades": ("Grades without jobs: {grades}.", "没有岗位的级别：{grades}。"),
    "eval.points_from": ("Points from", "点值来源"),
    "eval.source.committee": ("committee", "评估小组"),
    "eval.source.stored": ("job table", "岗位表"),
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
                  "people and the cost follow (3E steps 6-14).",
                  "以岗位定级和市场数据设计薪资结构：调整参数，薪资曲线、员工分布和成本随之变化（3E第6-14步）。"),
    "pay.no_market": ("No market data yet: import a pay survey on the Job evaluation page, or load the demo company.",
                      "还没有市场薪酬数据：请在“岗位测评”页导入薪酬调研，或载入演示公司。"),
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
                         "movement now, not whether you pay high or low (seed 002, step 10).",
                         "市场工资逐年上涨。领先/滞后决定是否现在就为未来的市场增长打出提前量，而不是薪酬定位高或低（3E第十步）。"),
    "pay.policy": ("Policy over the plan year", "计划年度内的策略"),
    "pay.policy.lag": ("Lag", "滞后"),
    "pay.policy.lead-lag": ("Lead-lag", "中庸"),
    "pay.policy.lead": ("Lead", "领先"),
    "pay.policy_help": ("Lag: market as of the effective date (behind all year). Lead-lag: aged to mid-year (ahead, "
                        "then behind). Lead: aged to the end of the plan year (ahead all year).",
                        "滞后：按生效日的市场水平（全年落后）。中庸：推到年中（先领先后落后）。领先：推到计划年末（全年领先）。"),
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
                       "(step 8). Designed: progression rising from the low to the high value, placed at the same "
                       "market level (step 9).",
                       "原始：各级直接读取的市场值，呈锯齿状。平滑：拟合指数趋势线（第八步）。设计：级差从低端值逐步升到高端值，"
                       "整体保持同样的市场定位（第九步）。"),
    "pay.curve": ("Curve", "曲线"),
    "pay.curve.raw": ("As read", "原始"),
    "pay.curve.smooth": ("Smoothed", "平滑"),
    "pay.curve.designed": ("Designed", "设计级差"),
    "pay.progression_low": ("Progression at low grades", "低端级差"),
    "pay.progression_high": ("Progression at high grades", "高端级差"),
    "pay.ranges": ("Ranges and grades", "级幅度与级别"),
    "pay.ranges_help": ("Spread = (max − min) / min: narrow at low grades, wide at high grades (step 11).",
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
    "pay.raw_mid": ("Midpoint as read", "原始中点"),
    "pay.total_curve": ("Total cash midpoint", "月总收入中点"),
    "pay.company_curve": ("Fixed pay midpoint (company curve)", "固定薪酬中点（企业曲线）"),
    "pay.monthly": ("Per month", "月薪"),
    "pay.people": ("People", "员工"),
    "pay.people_pct": ("People's pay {pct}", "员工薪酬{pct}"),
    "pay.gap_of": ("gap {gap}", "间隔 {gap}"),
    "pay.col.position": ("Market position", "市场定位"),
    "pay.col.fixed_min": ("Fixed min", "固定最小值"),
    "pay.col.fixed_mid": ("Fixed mid", "固定中点"),
    "pay.col.fixed_max": ("Fixed max", "固定最大值"),
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
    "pay.penetration_distribution": ("Range penetration", "幅度渗透率分布"),
    "pay.compa_ratio": ("Compa-ratio", "比较比率"),
    "pay.penetration": ("Range penetration", "幅度渗透率"),
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
    "pay.levers_help": ("What each lever would do to the cost (seed 002 step 14 advises against lowering the market "
                        "position to fit the budget).", "各种手段对成本的影响（3E第十四步不建议为迁就预算而降低市场定位）。"),
    "pay.lever": ("Lever", "手段"),
    "pay.lever.as_designed": ("As designed", "按当前设计"),
    "pay.lever.position_minus_5": ("Market position 5 percentiles lower", "市场定位降低5个分位"),
    "pay.lever.lag_no_lead": ("Lag policy, no manual lead", "滞后策略，不加人为领先"),
    "pay.lever.to_min_over_two_years": ("Bring the green-circled to minimum over two years", "绿圈人员分两年调至最小值"),
    "pay.lever.headcount": ("Headcount {n} lower", "编制减少 {n} 人"),
    "pay.change": ("Change", "变化"),
    "pay.budget": ("Next year's budget by department", "各部门明年薪酬预算"),
    "pay.budget_help": ("Planned headcount × each department's grade mix × (midpoint × the grade's current "
                        "compa-ratio + target bonus) × 12.", "计划编制 × 各部门级别结构 × （中点 × 该级别现有CR + 目标奖金）× 12。"),
    "pay.headcount_growth": ("Headcount change for every department", "各部门编制统一变化"),
    "pay.planned": ("Planned headcount", "计划编制"),
    "pay.cost_per_head": ("Cost per head (a year)", "人均年成本"),
    "pay.budget_col": ("Budget (a year)", "年度预算"),
    "pay.budget_total": ("Budget next year", "明年预算总额"),
    "pay.scenario_name": ("Scenario name", "方案名称"),
    "pay.save_scenario": ("Save scenario", "保存方案"),
    "pay.saved": ("Saved scenario “{name}” ({id}) as a draft.", "方案“{name}”（{id}）已保存为草稿。"),
    "pay.name_needed": ("Enter your name to save or approve a scenario.", "填写您的姓名后才能保存或批准方案。"),
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
    "pay.compare": ("Compare with saved scenarios", "与已保存方案比较"),
    "pay.compare_help": ("Up to three; saved scenarios are shown as they were saved.", "最多三个；已保存方案按保存时的结果显示。"),
    "pay.this_design": ("This design", "当前设计"),
    "pay.cmp.grades": ("Grades", "级别数"),
    "pay.cmp.lowest_mid": ("Lowest grade's mid", "最低级中点"),
    "pay.cmp.highest_mid": ("Highest grade's mid", "最高级中点"),
    "pay.cmp.progression": ("Average progression", "平均级差"),
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
    "table.talent_reviews": ("Talent reviews", "人才盘点"),
    "table.leave_records": ("Leave records", "请假记录"),
    "table.attrition_signals": ("Attrition signals", "离职信号"),
    "table.handover_tasks": ("Handover tasks", "工作交接事项"),
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
    "exit_reason": {
        "pay": ("Pay", "薪酬"), "career": ("Career development", "职业发展"), "family": ("Family", "家庭原因"),
        "manager": ("Relationship with manager", "与上级关系"), "relocation": ("Relocation", "异地搬迁"),
        "study": ("Further study", "深造"), "performance": ("Performance", "绩效不达标"),
        "misconduct": ("Misconduct", "违纪"), "restructuring": ("Restructuring", "组织调整"),
        "contract_end": ("Contract not renewed", "合同到期不续签"),
    },
}

# Problem reasons from imports and schema rules, English pattern → Chinese.
REASONS: list[tuple[str, str]] = [
    (r"not a number \(needed to derive (\w+)\)", r"不是数字（推导 \1 需要）"),
    (r"not a number", "不是数字"),
    (r"not a whole number", "不是整数"),
    (r"not yes/no .*", "不是“是/否”（可用 true/false、yes/no、1/0 或 是/否）"),
    (r"not a date \(use YYYY-MM-DD\)", "不是日期（请用 YYYY-MM-DD）"),
    (r"not a date and time .*", "不是日期时间（请用 YYYY-MM-DD HH:MM:SS）"),
    (r"not one of: (.*) \(translate values in the mapping\)", r"不在允许值之内：\1（可在映射中转换取值）"),
    (r"must be at least (.*)", r"不能小于 \1"),
    (r"must be more than (.*)", r"必须大于 \1"),
    (r"must be at most (.*)", r"不能大于 \1"),
    (r"required value is missing", "必填值为空"),
    (r"required column is not mapped", "必填列未映射"),
    (r"repeats the key of row (\d+)", r"与第 \1 行的编号重复"),
    (r"exit date is before the hire date", "离职日期早于入职日期"),
    (r"hire date is before the birth date", "入职日期早于出生日期"),
    (r"an exit date is given but the status is active", "填写了离职日期，但状态为在职"),
    (r"an exit type is given but the status is active", "填写了离职类型，但状态为在职"),
    (r"end date is before the start date", "结束日期早于开始日期"),
]


def reason(text: str, lang: str) -> str:
    """A problem reason in ``lang``.

    >>> reason("repeats the key of row 7", "zh")
    '与第 7 行的编号重复'
    """
    if lang != "zh":
        return text
    for pattern, chinese in REASONS:
        if re.fullmatch(pattern, text):
            return re.sub(pattern, chinese, text)
    return text


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
        for unit, scale in (("亿", 1e8), ("万", 1e4)):
            if size >= scale:
                return f"{sign}{symbol}{size / scale:,.1f}{unit}"
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


def money_exact(amount: float, lang: str, symbol: str = "¥") -> str:
    """Money to the yuan, for tables: ``¥12,345``."""
    return f"{'-' if amount < 0 else ''}{symbol}{abs(amount):,.0f}"


def month(day: date, lang: str) -> str:
    return f"{day.year}年{day.month}月" if lang == "zh" else day.strftime("%b %Y")


def day(value: date, lang: str) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.strftime("%-d %b %Y")
