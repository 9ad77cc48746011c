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


def money_exact(amount: float, lang: str, symbol: str = "¥") -> str:
    """Money to the yuan, for tables: ``¥12,345``."""
    return f"{'-' if amount < 0 else ''}{symbol}{abs(amount):,.0f}"


def month(day: date, lang: str) -> str:
    return f"{day.year}年{day.month}月" if lang == "zh" else day.strftime("%b %Y")


def day(value: date, lang: str) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.strftime("%-d %b %Y")
