"""The demo company: a coherent, plausible Chinese employer in every table.

华辰智能科技有限公司 (Huachen Intelligent Technology Co., Ltd.) makes consumer
electronics.  Head office and most of R&D sit in Shanghai, hardware R&D and
purchasing in Shenzhen, the factory and warehouses in Suzhou, regional sales
and after-sales in Chengdu and Wuhan, the contact centre in Wuhan.  Pay is in
CNY per month.

:func:`generate` returns one DataFrame per table of :data:`hrcore.schema.TABLES`
(the tables the pages fill in, such as calibration moves and the evaluation
log, are left empty); :func:`build_demo` writes them to a store.  The data are a
pure function of ``(employees, seed, as_of)``: one
``numpy.random.default_rng(seed)`` drives every draw and nothing reads the
clock.

How the data hang together
--------------------------
* **Organisation.**  A tree of 28 leaf departments under six centres.  The
  active workforce is laid out as positions first: each department has a
  head; one of more than 26 people gets team leaders (one per ten staff or
  so) and as many manager layers above them as keep spans at twelve or
  less.  Staff positions follow the department's job mix.
* **Leavers.**  Each (department, job) cell gets its exits over the
  three-year window from the job's annual turnover.  Candidates for a cell
  are drawn with their exit drivers and the cell's leavers picked by
  weighted sampling without replacement (Gumbel top-k): pay below 0.9 of
  the midpoint, a slow promotion pace and strong performers stuck in low
  grades (poached) weigh for voluntary exits, low performance for
  involuntary ones.  Everyone else fills the cell's positions, so exactly
  ``employees`` people are active on ``as_of``.  Years of service are drawn
  after, by role, from the stock and exit distributions of a workforce
  whose exit hazard is highest in the first 90 days, so new hires leave
  most.  Exit reasons, signals in the six months before an exit and extra
  personal and sick leave in the last three follow; about 5 % of the
  people still employed show the same pattern (the watchlist's catch).
* **Pay.**  A survey of the 20 key jobs whose fixed-pay P50 fits the
  job-evaluation points with a linear R² of 0.85, with two planted outliers
  (the algorithm engineer far above the line, the workshop director below
  it).  The approved structure reads its midpoints off log-linear survey
  lines at each grade's point-band centre, moving from P50 at grade 1 to P75
  at grade 12, with range spreads from 40 % to 80 % (DOMAIN.md §3).  Base pay
  is the grade midpoint times a compa-ratio, a few people below the minimum
  or above the maximum.
* **Careers.**  Promotions come from the job's ladder; each job names the
  next one up its career path (``next_job_id``).  Customer-service
  representatives climb levels 1-3 only through the certification scheme
  of seed 004: the exams of every course of the level and the levels below
  (six general courses, one more at each higher level), whose pass mark is
  set from an 80 % pass rate (:func:`hrcore.competency.pass_mark`) at each
  quarterly sitting, an ability test and a committee review, one level at a
  time; course results lapse at each review.  A quarter of the rejected
  reviews and a few failed ability tests are appealed to HR.
* **Qualifications.**  One standard per job: education, major, years of
  service and in the job, the certificate for representatives, and
  knowledge, skill and behaviour standards; about 70 % of the actives meet
  their own job's conditions and about 40 % those of the next job.
* **Performance and competency.**  KPI scorecards on each role's cycle (seed
  003: staff monthly, managers quarterly, centre general managers
  half-yearly, the CEO yearly) for the year up to the latest complete
  quarter, scored by the linear rule of DOMAIN.md §4 from a latent
  performance; a 360-degree review of every manager but the CEO on
  the 9-element management model, 7-8 raters each, answered in the two
  weeks before the as-of date.  Department heads' target profiles add the
  leadership model 智信仁勇严; every item names a development action.
* **Watchlist (seed 001).**  An exposure record for every active key
  talent and manager and about 10 % of the other R&D, sales, supply-chain
  and finance staff: key knowledge, client and supplier channels, secrets,
  a non-compete (missing for about 30 % of those in grade 7+ who need one)
  and a named successor (about 60 % of managers and key talent) with their
  readiness.  About 1 % of the actives carry an ``overlooked`` signal (high
  ability in a low grade or without a promotion for three years); managers
  act on about 40 % of the people with two or more recent signals and on a
  few key talents; last year's voluntary leavers with signals sometimes had
  an action too (outcome ``left``).  Voluntary leavers of the last 60 days
  have the seed's handover checklist, with two receivers and three stages.
  These tables draw from a generator created after every other draw, so
  adding them changed nothing else.

Scale
-----
Everything is vectorised over people and string columns are built in
Arrow; the only loops run over departments, jobs, turnover rates, quarters
and exam sittings.  One million active employees (1.44 million people,
45 million rows) take about a minute and 6.6 GB of memory on a two-core machine
(measured 2026-12-04; see docs/performance.md).

Examples
--------
>>> frames = generate(employees=300, seed=1)
>>> int((frames["employees"]["status"] == "active").sum())
300
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy.special import ndtr, ndtri

from hrcore import access, company, cycles, evaluation, watchlist
from hrcore import kpi as kpi_rules
from hrcore import kpi_appeals
from hrcore import ninebox
from hrcore import competency as competency_rules
from hrcore.competency import pass_mark
from hrcore.errors import Forbidden, Refused
from hrcore.schema import TABLES

DEFAULT_AS_OF = date(2026, 10, 31)
COMPANY_EN = "Huachen Intelligent Technology Co., Ltd."
COMPANY_ZH = "华辰智能科技有限公司"
MIN_EMPLOYEES = 200
"""Enough for every department to hold a head and three staff, so each head can have a 360 review."""

# ---------------------------------------------------------------------------
# Catalogue: the company's fixed facts
# ---------------------------------------------------------------------------

LOCATIONS = ("shanghai", "shenzhen", "suzhou", "chengdu", "wuhan")
"""Codes of ``employees.location``; each department sits in one."""
EDUCATION = ("high_school", "college", "bachelor", "master", "doctor")


@dataclass(frozen=True)
class _Dept:
    department_id: str
    name_en: str
    name_zh: str
    parent_id: str | None
    location: str
    family: str
    """Job family of the department's team leaders and scorecards."""
    share: float = 0.0
    """Share of the active workforce (leaf departments only; normalised)."""
    majors: str = "management"
    """Major profile of the department's managers."""
    female: float = 0.4
    staff: tuple[tuple[str, float], ...] = ()
    """Staff job mix: (job_id, weight)."""
    head_job: str = "MG-DIR"


_SALES_MIX = (("SA-AST", 15), ("SA-REP", 50), ("SA-AM", 25), ("SA-KAM", 10))
_ASSEMBLY_MIX = (("MF-OP1", 40), ("MF-OP2", 35), ("MF-OP3", 15), ("MF-QI", 10))

DEPARTMENTS: tuple[_Dept, ...] = (
    _Dept("D000", COMPANY_EN, COMPANY_ZH, None, "shanghai", "management", head_job="MG-CEO"),
    _Dept("D100", "R&D Centre", "研发中心", "D000", "shanghai", "rnd", head_job="MG-GM"),
    _Dept("D110", "Software Engineering", "软件研发部", "D100", "shanghai", "rnd", 5.5, "software", 0.22,
          (("RD-AE", 8), ("RD-SWE", 40), ("RD-SSE", 32), ("RD-STE", 14), ("RD-PE", 6))),
    _Dept("D120", "Hardware Engineering", "硬件研发部", "D100", "shenzhen", "rnd", 4.0, "hardware", 0.18,
          (("RD-AE", 12), ("RD-HWE", 45), ("RD-SHE", 33), ("RD-PE", 10))),
    _Dept("D130", "AI Lab", "人工智能实验室", "D100", "shanghai", "rnd", 1.5, "algorithm", 0.2,
          (("RD-ALG", 55), ("RD-SAL", 35), ("RD-PE", 10))),
    _Dept("D140", "Industrial Design", "工业设计部", "D100", "shanghai", "rnd", 1.0, "design", 0.45,
          (("RD-ID", 60), ("RD-SID", 40))),
    _Dept("D150", "Test & Validation", "测试验证部", "D100", "shenzhen", "rnd", 3.0, "test", 0.3,
          (("RD-AE", 15), ("RD-TE", 55), ("RD-STE2", 30))),
    _Dept("D200", "Manufacturing Centre", "制造中心", "D000", "suzhou", "manufacturing", head_job="MG-GM"),
    _Dept("D210", "Assembly Workshop 1", "总装一车间", "D200", "suzhou", "manufacturing", 10.0, "production",
          0.45, _ASSEMBLY_MIX, "MF-WSD"),
    _Dept("D220", "Assembly Workshop 2", "总装二车间", "D200", "suzhou", "manufacturing", 9.0, "production",
          0.45, _ASSEMBLY_MIX, "MF-WSD"),
    _Dept("D230", "SMT Workshop", "SMT车间", "D200", "suzhou", "manufacturing", 7.0, "production", 0.4,
          (("MF-OP1", 30), ("MF-OP2", 35), ("MF-OP3", 20), ("MF-MT", 15)), "MF-WSD"),
    _Dept("D240", "Quality Management", "质量管理部", "D200", "suzhou", "manufacturing", 4.0, "quality", 0.5,
          (("MF-QI", 65), ("MF-QE", 35))),
    _Dept("D250", "Process Engineering", "工艺工程部", "D200", "suzhou", "manufacturing", 2.0, "production",
          0.25, (("MF-PRE", 80), ("MF-EE", 20))),
    _Dept("D260", "Equipment Maintenance", "设备管理部", "D200", "suzhou", "manufacturing", 2.5, "production",
          0.1, (("MF-MT", 70), ("MF-EE", 30))),
    _Dept("D300", "Sales & Marketing Centre", "销售与市场中心", "D000", "shanghai", "sales", head_job="MG-GM"),
    _Dept("D310", "East China Sales", "华东销售部", "D300", "shanghai", "sales", 3.0, "sales", 0.4, _SALES_MIX),
    _Dept("D320", "South China Sales", "华南销售部", "D300", "shenzhen", "sales", 2.5, "sales", 0.38, _SALES_MIX),
    _Dept("D330", "Southwest China Sales", "西南销售部", "D300", "chengdu", "sales", 1.5, "sales", 0.4,
          _SALES_MIX),
    _Dept("D340", "Central China Sales", "华中销售部", "D300", "wuhan", "sales", 1.5, "sales", 0.4, _SALES_MIX),
    _Dept("D350", "E-commerce", "电商渠道部", "D300", "shanghai", "sales", 2.0, "marketing", 0.55,
          (("SA-ECO", 70), ("SA-AST", 15), ("MK-DM", 15))),
    _Dept("D360", "Brand Marketing", "品牌市场部", "D300", "shanghai", "marketing", 1.5, "marketing", 0.6,
          (("MK-SP", 35), ("MK-DM", 25), ("MK-BM", 25), ("MK-PMM", 15))),
    _Dept("D400", "Customer Service Centre", "客户服务中心", "D000", "wuhan", "customer_service",
          head_job="MG-GM"),
    _Dept("D410", "Contact Centre", "呼叫中心", "D400", "wuhan", "customer_service", 8.0, "service", 0.68,
          (("CS-REP1", 92), ("CS-QA", 8))),
    _Dept("D420", "After-sales Service", "售后服务部", "D400", "chengdu", "customer_service", 3.5, "service",
          0.35, (("CS-TEC", 60), ("CS-REP1", 40))),
    _Dept("D430", "Customer Experience", "客户体验部", "D400", "wuhan", "customer_service", 1.2, "service",
          0.6, (("CS-QA", 60), ("CS-REP1", 40))),
    _Dept("D500", "Supply Chain Centre", "供应链中心", "D000", "suzhou", "supply_chain", head_job="MG-GM"),
    _Dept("D510", "Procurement", "采购部", "D500", "shenzhen", "supply_chain", 2.0, "supply", 0.45,
          (("SC-BY", 60), ("SC-SBY", 40))),
    _Dept("D520", "Planning & Logistics", "计划物流部", "D500", "suzhou", "supply_chain", 2.5, "supply", 0.4,
          (("SC-PL", 50), ("SC-LS", 50))),
    _Dept("D530", "Warehousing", "仓储部", "D500", "suzhou", "supply_chain", 5.0, "supply", 0.3,
          (("SC-MH", 50), ("SC-WK", 40), ("SC-LS", 10))),
    _Dept("D600", "Corporate Functions", "职能中心", "D000", "shanghai", "functions", head_job="MG-GM"),
    _Dept("D610", "Human Resources", "人力资源部", "D600", "shanghai", "functions", 1.5, "hr", 0.72,
          (("FN-HRS", 50), ("FN-CBA", 20), ("FN-HRBP", 30))),
    _Dept("D620", "Finance", "财务部", "D600", "shanghai", "functions", 1.5, "finance", 0.68,
          (("FN-ACC", 50), ("FN-SAC", 30), ("FN-FA", 20))),
    _Dept("D630", "Information Technology", "信息技术部", "D600", "shanghai", "functions", 1.5, "it", 0.2,
          (("FN-ITS", 55), ("FN-SYS", 45))),
    _Dept("D640", "Legal", "法务部", "D600", "shanghai", "functions", 0.4, "legal", 0.5, (("FN-LC", 100),)),
    _Dept("D650", "Administration", "行政部", "D600", "shanghai", "functions", 1.2, "admin", 0.7,
          (("FN-ADA", 50), ("FN-ADS", 50))),
)

_DEPT_INDEX = {d.department_id: i for i, d in enumerate(DEPARTMENTS)}
PARENT = np.array([_DEPT_INDEX.get(d.parent_id, 0) for d in DEPARTMENTS])
"""Index of each department's parent (the company is its own)."""
CENTRE = np.where([bool(d.staff) for d in DEPARTMENTS], PARENT, np.arange(len(DEPARTMENTS)))
"""Index of each department's centre (a centre and the company are their own)."""
HEAD_JOBS = frozenset(d.head_job for d in DEPARTMENTS)
"""The jobs that head a department or centre, the CEO's included: they carry the leadership model 智信仁勇严."""

TEAM_LEADER_JOB = {"rnd": "RD-TL", "manufacturing": "MF-TL", "sales": "SA-TL", "marketing": "MK-TL",
                   "customer_service": "CS-TL", "supply_chain": "SC-TL", "functions": "FN-TL"}
# Predecessor markers resolved per department by _predecessors().
_FROM_TEAM_LEADER = "@team_leader"
_FROM_SENIOR_STAFF = "@senior_staff"

# job_id, family, title_en, title_zh, points, is_key, is_manager, annual turnover,
# education profile, major profile (None: the department's), predecessor on the ladder.
JOBS: tuple[tuple, ...] = (
    ("MG-CEO", "management", "President & CEO", "总裁", 890, False, True, 0.0, "executive", "management", "MG-GM"),
    ("MG-GM", "management", "Centre General Manager", "中心总经理", 815, False, True, 0.04, "executive", None,
     "MG-DIR"),
    ("MG-DIR", "management", "Department Director", "部门总监", 745, True, True, 0.05, "manager", None, "MG-SRM"),
    ("MG-SRM", "management", "Senior Manager", "高级经理", 680, False, True, 0.06, "manager", None, "MG-MGR"),
    ("MG-MGR", "management", "Manager", "经理", 615, True, True, 0.07, "manager", None, _FROM_TEAM_LEADER),
    ("RD-AE", "rnd", "Assistant Engineer", "助理工程师", 315, False, False, 0.14, "engineer", "software", None),
    ("RD-SWE", "rnd", "Software Engineer", "软件工程师", 430, True, False, 0.12, "engineer", "software", "RD-AE"),
    ("RD-SSE", "rnd", "Senior Software Engineer", "高级软件工程师", 495, False, False, 0.1, "engineer", "software",
     "RD-SWE"),
    ("RD-STE", "rnd", "Staff Software Engineer", "资深软件工程师", 560, False, False, 0.08, "engineer", "software",
     "RD-SSE"),
    ("RD-PE", "rnd", "Principal Engineer", "首席工程师", 640, False, False, 0.05, "engineer", None, "RD-STE"),
    ("RD-HWE", "rnd", "Hardware Engineer", "硬件工程师", 440, True, False, 0.11, "engineer", "hardware", "RD-AE"),
    ("RD-SHE", "rnd", "Senior Hardware Engineer", "高级硬件工程师", 505, False, False, 0.09, "engineer", "hardware",
     "RD-HWE"),
    ("RD-ALG", "rnd", "Algorithm Engineer", "算法工程师", 500, True, False, 0.14, "research", "algorithm", None),
    ("RD-SAL", "rnd", "Senior Algorithm Engineer", "高级算法工程师", 565, False, False, 0.12, "research",
     "algorithm", "RD-ALG"),
    ("RD-ID", "rnd", "Industrial Designer", "工业设计师", 420, False, False, 0.12, "graduate", "design", None),
    ("RD-SID", "rnd", "Senior Industrial Designer", "高级工业设计师", 490, False, False, 0.09, "graduate", "design",
     "RD-ID"),
    ("RD-TE", "rnd", "Test Engineer", "测试工程师", 380, False, False, 0.13, "graduate", "test", "RD-AE"),
    ("RD-STE2", "rnd", "Senior Test Engineer", "高级测试工程师", 445, False, False, 0.1, "engineer", "test", "RD-TE"),
    ("RD-TL", "rnd", "R&D Team Leader", "研发组长", 575, False, True, 0.07, "engineer", None, _FROM_SENIOR_STAFF),
    ("MF-OP1", "manufacturing", "Production Operator Level 1", "生产操作工一级", 170, False, False, 0.25,
     "operator", "production", None),
    ("MF-OP2", "manufacturing", "Production Operator Level 2", "生产操作工二级", 230, True, False, 0.18,
     "operator", "production", "MF-OP1"),
    ("MF-OP3", "manufacturing", "Production Operator Level 3", "生产操作工三级", 290, False, False, 0.14,
     "operator", "production", "MF-OP2"),
    ("MF-QI", "manufacturing", "Quality Inspector", "质检员", 250, False, False, 0.18, "technician", "quality", None),
    ("MF-MT", "manufacturing", "Maintenance Technician", "设备维修技师", 320, True, False, 0.12, "technician",
     "production", None),
    ("MF-PRE", "manufacturing", "Process Engineer", "工艺工程师", 425, True, False, 0.11, "engineer",
     "production", None),
    ("MF-QE", "manufacturing", "Quality Engineer", "质量工程师", 415, False, False, 0.11, "engineer", "quality",
     None),
    ("MF-EE", "manufacturing", "Equipment Engineer", "设备工程师", 410, False, False, 0.1, "engineer",
     "production", "MF-MT"),
    ("MF-TL", "manufacturing", "Production Team Leader", "生产班组长", 365, True, True, 0.08, "technician", None,
     _FROM_SENIOR_STAFF),
    ("MF-WSD", "manufacturing", "Workshop Director", "车间主任", 700, True, True, 0.05, "manager", None, "MG-MGR"),
    ("SA-AST", "sales", "Sales Assistant", "销售助理", 235, False, False, 0.18, "frontline", "sales", None),
    ("SA-REP", "sales", "Sales Representative", "销售代表", 350, True, False, 0.18, "graduate", "sales", "SA-AST"),
    ("SA-AM", "sales", "Account Manager", "客户经理", 450, False, False, 0.15, "graduate", "sales", "SA-REP"),
    ("SA-KAM", "sales", "Key Account Manager", "大客户经理", 545, True, False, 0.12, "graduate", "sales", "SA-AM"),
    ("SA-ECO", "sales", "E-commerce Operations Specialist", "电商运营专员", 370, False, False, 0.17, "graduate",
     "marketing", None),
    ("SA-TL", "sales", "Sales Supervisor", "销售主管", 490, False, True, 0.1, "graduate", None, _FROM_SENIOR_STAFF),
    ("MK-SP", "marketing", "Marketing Specialist", "市场专员", 355, False, False, 0.15, "graduate", "marketing",
     None),
    ("MK-DM", "marketing", "Digital Marketing Specialist", "数字营销专员", 385, False, False, 0.16, "graduate",
     "marketing", None),
    ("MK-BM", "marketing", "Brand Manager", "品牌经理", 510, True, False, 0.11, "graduate", "marketing", "MK-SP"),
    ("MK-PMM", "marketing", "Product Marketing Manager", "产品市场经理", 550, False, False, 0.1, "graduate",
     "marketing", "MK-BM"),
    ("MK-TL", "marketing", "Marketing Supervisor", "市场主管", 480, False, True, 0.09, "graduate", None, "MK-DM"),
    ("CS-REP1", "customer_service", "Customer Service Representative Level 1", "客户代表一级", 180, True, False,
     0.25, "frontline", "service", None),
    ("CS-REP2", "customer_service", "Customer Service Representative Level 2", "客户代表二级", 245, False, False,
     0.18, "frontline", "service", "CS-REP1"),
    ("CS-REP3", "customer_service", "Customer Service Representative Level 3", "客户代表三级", 305, False, False,
     0.15, "frontline", "service", "CS-REP2"),
    ("CS-TEC", "customer_service", "After-sales Technician", "售后技术员", 295, False, False, 0.15, "technician",
     "production", None),
    ("CS-QA", "customer_service", "Service Quality Specialist", "服务质量专员", 360, False, False, 0.12,
     "graduate", "service", "CS-REP3"),
    ("CS-TL", "customer_service", "Customer Service Team Leader", "客服组长", 370, False, True, 0.1, "frontline",
     None, "CS-REP3"),
    ("SC-MH", "supply_chain", "Material Handler", "物料员", 175, False, False, 0.22, "operator", "supply", None),
    ("SC-WK", "supply_chain", "Warehouse Keeper", "仓管员", 225, True, False, 0.18, "technician", "supply",
     "SC-MH"),
    ("SC-LS", "supply_chain", "Logistics Specialist", "物流专员", 300, False, False, 0.14, "graduate", "supply",
     "SC-WK"),
    ("SC-PL", "supply_chain", "Production Planner", "生产计划员", 360, False, False, 0.12, "graduate", "supply",
     None),
    ("SC-BY", "supply_chain", "Buyer", "采购员", 355, True, False, 0.12, "graduate", "supply", None),
    ("SC-SBY", "supply_chain", "Senior Buyer", "高级采购员", 440, False, False, 0.1, "graduate", "supply", "SC-BY"),
    ("SC-TL", "supply_chain", "Supply Chain Supervisor", "供应链主管", 485, False, True, 0.08, "graduate", None,
     _FROM_SENIOR_STAFF),
    ("FN-ADA", "functions", "Administrative Assistant", "行政助理", 220, False, False, 0.15, "frontline", "admin",
     None),
    ("FN-ADS", "functions", "Administrative Specialist", "行政专员", 295, True, False, 0.12, "graduate", "admin",
     "FN-ADA"),
    ("FN-HRS", "functions", "HR Specialist", "人力资源专员", 345, True, False, 0.12, "graduate", "hr", None),
    ("FN-CBA", "functions", "Compensation & Benefits Analyst", "薪酬福利分析师", 435, False, False, 0.1,
     "graduate", "hr", "FN-HRS"),
    ("FN-HRBP", "functions", "HR Business Partner", "人力资源业务伙伴", 505, False, False, 0.1, "graduate", "hr",
     "FN-HRS"),
    ("FN-ACC", "functions", "Accountant", "会计", 360, True, False, 0.1, "graduate", "finance", None),
    ("FN-SAC", "functions", "Senior Accountant", "高级会计", 425, False, False, 0.09, "graduate", "finance",
     "FN-ACC"),
    ("FN-FA", "functions", "Financial Analyst", "财务分析师", 480, True, False, 0.1, "graduate", "finance",
     "FN-SAC"),
    ("FN-ITS", "functions", "IT Support Engineer", "IT支持工程师", 310, False, False, 0.14, "graduate", "it", None),
    ("FN-SYS", "functions", "Systems Engineer", "系统工程师", 445, False, False, 0.11, "engineer", "it", "FN-ITS"),
    ("FN-LC", "functions", "Legal Counsel", "法务专员", 510, False, False, 0.09, "engineer", "legal", None),
    ("FN-TL", "functions", "Functional Supervisor", "职能主管", 470, False, True, 0.07, "graduate", None,
     _FROM_SENIOR_STAFF),
)
CS_REP_JOBS = ("CS-REP1", "CS-REP2", "CS-REP3")
ALGORITHM_ENGINEER, WORKSHOP_DIRECTOR = "RD-ALG", "MF-WSD"
"""The two key jobs planted off the market line: paid far above and far below their points."""

POINTS_RANGE = (200.0, 1000.0)
"""The default scheme's whole span: every factor at level 1 to every factor at the top."""
GRADES = 12

# Shares of (high_school, college, bachelor, master, doctor) by education profile.
EDUCATION_PROFILES = {
    "operator": (0.65, 0.33, 0.02, 0.0, 0.0),
    "technician": (0.25, 0.6, 0.15, 0.0, 0.0),
    "frontline": (0.18, 0.52, 0.3, 0.0, 0.0),
    "graduate": (0.0, 0.15, 0.7, 0.15, 0.0),
    "engineer": (0.0, 0.05, 0.55, 0.38, 0.02),
    "research": (0.0, 0.0, 0.25, 0.6, 0.15),
    "manager": (0.0, 0.08, 0.55, 0.35, 0.02),
    "executive": (0.0, 0.0, 0.35, 0.55, 0.1),
}
# Typical age on leaving school, by education level.
SCHOOL_LEAVING_AGE = np.array([18.5, 20.5, 22.5, 25.0, 29.0])

MAJOR_PROFILES: dict[str, tuple[tuple[str, float], ...]] = {
    "software": (("computer_science", 0.7), ("electronic_engineering", 0.1), ("mathematics", 0.1),
                 ("automation", 0.1)),
    "hardware": (("electronic_engineering", 0.65), ("automation", 0.15), ("mechanical_engineering", 0.1),
                 ("computer_science", 0.1)),
    "algorithm": (("computer_science", 0.5), ("mathematics", 0.3), ("statistics", 0.2)),
    "design": (("industrial_design", 0.85), ("mechanical_engineering", 0.15)),
    "test": (("computer_science", 0.5), ("electronic_engineering", 0.4), ("automation", 0.1)),
    "production": (("mechatronics", 0.5), ("mechanical_engineering", 0.2), ("electronic_engineering", 0.2),
                   ("automation", 0.1)),
    "quality": (("mechanical_engineering", 0.3), ("electronic_engineering", 0.3), ("industrial_engineering", 0.2),
                ("mechatronics", 0.2)),
    "sales": (("marketing", 0.35), ("business_administration", 0.3), ("economics", 0.15), ("english", 0.1),
              ("electronic_engineering", 0.1)),
    "marketing": (("marketing", 0.5), ("journalism", 0.2), ("business_administration", 0.2), ("english", 0.1)),
    "service": (("business_administration", 0.3), ("marketing", 0.2), ("english", 0.15), ("chinese", 0.15),
                ("computer_science", 0.1), ("electronic_engineering", 0.1)),
    "supply": (("logistics", 0.45), ("industrial_engineering", 0.2), ("business_administration", 0.2),
               ("economics", 0.15)),
    "hr": (("human_resources", 0.6), ("business_administration", 0.2), ("psychology", 0.2)),
    "finance": (("accounting", 0.6), ("finance", 0.3), ("economics", 0.1)),
    "it": (("computer_science", 0.75), ("electronic_engineering", 0.25)),
    "legal": (("law", 1.0),),
    "admin": (("business_administration", 0.4), ("chinese", 0.3), ("english", 0.3)),
    "management": (("business_administration", 0.3), ("electronic_engineering", 0.2), ("computer_science", 0.15),
                   ("economics", 0.15), ("mechanical_engineering", 0.1), ("marketing", 0.1)),
}
MAJORS = tuple(sorted({code for profile in MAJOR_PROFILES.values() for code, _ in profile}))

# Surname, pinyin, relative frequency (the common surnames of mainland China).
SURNAMES = (
    ("王", "Wang", 7.1), ("李", "Li", 7.0), ("张", "Zhang", 6.7), ("刘", "Liu", 5.4), ("陈", "Chen", 4.5),
    ("杨", "Yang", 3.1), ("黄", "Huang", 2.2), ("赵", "Zhao", 2.0), ("吴", "Wu", 2.0), ("周", "Zhou", 1.9),
    ("徐", "Xu", 1.5), ("孙", "Sun", 1.5), ("马", "Ma", 1.5), ("朱", "Zhu", 1.4), ("胡", "Hu", 1.3),
    ("郭", "Guo", 1.2), ("何", "He", 1.2), ("林", "Lin", 1.2), ("高", "Gao", 1.1), ("罗", "Luo", 1.0),
    ("郑", "Zheng", 1.0), ("梁", "Liang", 0.9), ("谢", "Xie", 0.8), ("宋", "Song", 0.8), ("唐", "Tang", 0.8),
    ("许", "Xu", 0.7), ("邓", "Deng", 0.7), ("冯", "Feng", 0.7), ("韩", "Han", 0.7), ("曹", "Cao", 0.6),
    ("曾", "Zeng", 0.6), ("彭", "Peng", 0.6), ("肖", "Xiao", 0.6), ("蔡", "Cai", 0.5), ("潘", "Pan", 0.5),
    ("田", "Tian", 0.5), ("董", "Dong", 0.5), ("袁", "Yuan", 0.5), ("于", "Yu", 0.5), ("余", "Yu", 0.5),
    ("叶", "Ye", 0.5), ("蒋", "Jiang", 0.5), ("杜", "Du", 0.5), ("苏", "Su", 0.4), ("魏", "Wei", 0.4),
    ("程", "Cheng", 0.4), ("吕", "Lyu", 0.4), ("丁", "Ding", 0.4), ("沈", "Shen", 0.4), ("任", "Ren", 0.4),
    ("姚", "Yao", 0.4), ("卢", "Lu", 0.4), ("钟", "Zhong", 0.3), ("姜", "Jiang", 0.3), ("崔", "Cui", 0.3),
    ("谭", "Tan", 0.3), ("陆", "Lu", 0.3), ("范", "Fan", 0.3), ("汪", "Wang", 0.3), ("廖", "Liao", 0.3),
    ("石", "Shi", 0.3), ("金", "Jin", 0.3), ("韦", "Wei", 0.3), ("贾", "Jia", 0.3), ("夏", "Xia", 0.3),
    ("付", "Fu", 0.3), ("方", "Fang", 0.3), ("邹", "Zou", 0.2), ("熊", "Xiong", 0.2), ("白", "Bai", 0.2),
    ("孟", "Meng", 0.2), ("秦", "Qin", 0.2), ("邱", "Qiu", 0.2), ("侯", "Hou", 0.2), ("江", "Jiang", 0.2),
)
# Given-name characters by gender; none starts with a vowel, so pinyin joins without an apostrophe.
GIVEN_MALE = (
    ("伟", "wei"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("杰", "jie"),
    ("涛", "tao"), ("斌", "bin"), ("超", "chao"), ("明", "ming"), ("刚", "gang"), ("平", "ping"), ("辉", "hui"),
    ("鹏", "peng"), ("华", "hua"), ("飞", "fei"), ("鑫", "xin"), ("波", "bo"), ("宇", "yu"), ("浩", "hao"),
    ("凯", "kai"), ("健", "jian"), ("俊", "jun"), ("帆", "fan"), ("旭", "xu"), ("宁", "ning"), ("龙", "long"),
    ("峰", "feng"), ("志", "zhi"), ("文", "wen"), ("博", "bo"), ("晨", "chen"), ("天", "tian"), ("泽", "ze"),
    ("睿", "rui"), ("轩", "xuan"), ("成", "cheng"), ("国", "guo"), ("建", "jian"), ("海", "hai"), ("东", "dong"),
    ("振", "zhen"), ("永", "yong"), ("子", "zi"), ("家", "jia"), ("俊", "jun"), ("嘉", "jia"), ("毅", "yi"),
)
GIVEN_FEMALE = (
    ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("艳", "yan"), ("娟", "juan"),
    ("霞", "xia"), ("秀", "xiu"), ("玲", "ling"), ("婷", "ting"), ("雪", "xue"), ("慧", "hui"), ("颖", "ying"),
    ("倩", "qian"), ("琳", "lin"), ("洁", "jie"), ("晶", "jing"), ("燕", "yan"), ("红", "hong"), ("梅", "mei"),
    ("莉", "li"), ("萍", "ping"), ("欣", "xin"), ("怡", "yi"), ("佳", "jia"), ("悦", "yue"), ("雨", "yu"),
    ("思", "si"), ("梦", "meng"), ("诗", "shi"), ("涵", "han"), ("琪", "qi"), ("蕾", "lei"), ("薇", "wei"),
    ("璐", "lu"), ("晓", "xiao"), ("月", "yue"), ("青", "qing"), ("丹", "dan"), ("婉", "wan"), ("露", "lu"),
)

# Exit reasons by exit type (codes are translated by hrcore.i18n.CODES["exit_reason"]).
VOLUNTARY_REASONS = ("pay", "career", "family", "manager", "relocation", "study")
INVOLUNTARY_REASONS = ("performance", "misconduct", "restructuring", "contract_end")
EXIT_REASONS = VOLUNTARY_REASONS + INVOLUNTARY_REASONS

SIGNAL_KINDS = ("conflict", "attitude_change", "family", "complaint_change")
SIGNAL_NOTES = {
    "conflict": ("Argued with the team leader in a team meeting / 在班组会上与组长发生争执",
                 "Repeated friction with colleagues over task split / 因分工问题与同事多次摩擦",
                 "Asked to move to another team / 提出调换团队"),
    "attitude_change": ("Quiet in meetings, stopped volunteering for work / 会议上沉默，不再主动承担工作",
                        "Asked about the notice period and unused leave / 询问离职通知期和剩余年假",
                        "Declined the next project assignment / 拒绝了下一个项目安排"),
    "family": ("Spouse relocating to another city / 配偶将调往外地工作",
               "Caring for a sick parent in the home town / 需回老家照顾生病的父母",
               "Long separation from family, asked about transfer / 长期两地分居，询问调动"),
    "complaint_change": ("Customer complaints doubled this month / 本月客户投诉翻倍",
                         "Complaints about response times rising / 关于响应时效的投诉上升",
                         "Quality complaints from the next process / 下道工序质量投诉增加"),
}

LEAVE_KINDS = ("annual", "sick", "personal", "other")

CERT_TRACK = "cs_rep"
"""The representatives' certification track, the only one the demo runs."""
# level, name_en, name_zh, the job the level qualifies for.
CERT_LEVELS = (
    (1, "Customer representative level 1", "一级客户代表", "CS-REP1"),
    (2, "Customer representative level 2", "二级客户代表", "CS-REP2"),
    (3, "Customer representative level 3", "三级客户代表", "CS-REP3"),
)
# The track's courses (seed 004 §8.1.2): the six general courses from level 1, and one more course
# at each level above, since a higher level's training includes everything of the level below.
# course_id, from_level, name_en, name_zh, ease (points on the average score; negative is harder).
CERT_COURSE_CATALOGUE = (
    ("business_knowledge", 1, "Business knowledge", "业务知识", 1.0),
    ("business_law", 1, "Business-related law", "业务相关法律知识", -2.0),
    ("service_philosophy", 1, "CS service philosophy", "CS服务理念", 2.0),
    ("stress_management", 1, "Stress and emotion management", "压力与情绪调节", 0.0),
    ("service_skills", 1, "Service skills", "服务技巧", -1.0),
    ("communication_skills", 1, "Communication skills", "沟通技巧", 0.0),
    ("marketing_skills", 2, "Marketing skills", "营销技巧", -1.0),
    ("complaint_handling", 3, "Complaint handling and escalation", "投诉处理与升级", -2.0),
)
CERT_COURSES = tuple(course[0] for course in CERT_COURSE_CATALOGUE)
CERT_COURSE_FROM_LEVEL = np.array([course[1] for course in CERT_COURSE_CATALOGUE])
CERT_COURSE_EASE = np.array([course[4] for course in CERT_COURSE_CATALOGUE])
CERT_STAGES = ("course_exam", "ability_test", "review")
CERT_PASS_RATE = 0.8
ABILITY_TEST_PASS_MARK = 60.0

# indicator_id, name_en, name_zh, definition, formula, kind, dimension, perspective, category,
# data_source, higher_is_better, unit, quarterly target, decimals, scales with grade
KPI_INDICATORS: tuple[tuple, ...] = (
    ("sales_revenue", "Sales revenue", "销售收入", "Net sales booked in the period. / 期间内确认的净销售额。",
     "sum of invoiced net sales", "numeric", "quantity", "financial", "KPI", "ERP", True, "CNY k", 1200, 0, True),
    ("new_customer_revenue", "New-customer revenue", "新客户销售额",
     "Net sales to customers buying for the first time in the quarter. / 季度内首次购买客户带来的净销售额。",
     "sum of net sales to first-time customers", "numeric", "quantity", "customer", "KPI", "CRM", True, "CNY k",
     240, 0, True),
    ("gross_margin", "Gross margin", "毛利率", "Revenue less cost of goods sold, over revenue in the quarter. / 季度内销售收入扣除销售成本后占收入的比例。",
     "(revenue - COGS) / revenue x 100%", "numeric", "quality", "financial", "KPI", "ERP", True, "%", 28.0, 1,
     False),
    ("collection_rate", "Receivables collection rate", "回款率",
     "Share of receivables due in the period that were collected. / 期间内到期应收账款的收回比例。",
     "collected / due x 100%", "numeric", "quality", "financial", "KPI", "ERP", True, "%", 92.0, 1, False),
    ("expense_ratio", "Expense budget usage", "费用预算执行率",
     "Actual spending as a share of the approved budget in the quarter. / 季度内实际费用占批准预算的比例。",
     "actual expense / budget x 100%", "numeric", "cost", "financial", "CPI", "ERP", False, "%", 100.0, 1, False),
    ("inventory_days", "Inventory days of supply", "库存周转天数",
     "Days of demand covered by the stock on hand. / 现有库存可满足需求的天数。",
     "average inventory / daily cost of sales", "numeric", "cost", "financial", "KPI", "ERP", False, "days", 35.0,
     1, False),
    ("cost_reduction", "Purchase cost reduction", "采购降本率",
     "Price reduction on the purchasing basket, year on year. / 采购物料价格的同比降幅。",
     "(last price - new price) / last price x 100%", "numeric", "cost", "financial", "KPI", "ERP", True, "%", 3.0,
     2, False),
    ("customer_satisfaction", "Customer satisfaction", "客户满意度",
     "Share of surveyed customers satisfied or very satisfied in the quarter. / 季度内受访客户中满意和非常满意的比例。",
     "satisfied responses / all responses x 100%", "numeric", "quality", "customer", "KPI", "Customer survey",
     True, "%", 90.0, 1, False),
    ("complaint_rate", "Complaint rate", "客户投诉率", "Complaints per 10,000 orders in the quarter. / 季度内每万单客户投诉数。",
     "complaints / orders x 10,000", "numeric", "quality", "customer", "KPI", "CRM", False, "per 10k orders",
     12.0, 1, False),
    ("first_contact_resolution", "First-contact resolution", "一次解决率",
     "Share of customer contacts resolved without a follow-up in the quarter. / 季度内无需再次联系即解决的客户来电比例。",
     "resolved at first contact / all contacts x 100%", "numeric", "quality", "customer", "KPI",
     "Contact-centre system", True, "%", 78.0, 1, False),
    ("avg_handling_time", "Average handling time", "平均处理时长",
     "Average talk and wrap-up time per contact in the quarter. / 季度内每通来电的平均通话与后处理时长。",
     "sum of handling seconds / contacts", "time", "time", "internal_process", "CPI", "Contact-centre system",
     False, "seconds", 300.0, 0, False),
    ("marketing_leads", "Marketing-qualified leads", "市场合格线索数",
     "Leads meeting the qualification criteria, handed to sales in the quarter. / 季度内达到标准并移交销售的线索数。",
     "count of qualified leads", "numeric", "quantity", "customer", "KPI", "CRM", True, "leads", 250, 0, True),
    ("output_plan_rate", "Production plan attainment", "生产计划达成率",
     "Units produced as a share of the production plan in the quarter. / 季度内实际产量占生产计划的比例。",
     "units produced / units planned x 100%", "numeric", "quantity", "internal_process", "KPI", "MES", True, "%",
     98.0, 1, False),
    ("first_pass_yield", "First-pass yield", "一次合格率",
     "Share of units passing final test at the first attempt in the quarter. / 季度内最终测试一次通过的产品比例。",
     "passed first time / tested x 100%", "numeric", "quality", "internal_process", "KPI", "MES", True, "%", 97.5,
     1, False),
    ("defect_rate", "Outgoing defect rate", "出货不良率",
     "Defective units found after shipment, per million shipped in the quarter. / 季度内出货后发现的不良品，每百万件计。",
     "defective / shipped x 1,000,000", "numeric", "quality", "customer", "KPI", "Quality system (QMS)", False,
     "ppm", 400.0, 0, False),
    ("on_time_delivery", "On-time delivery", "准时交付率",
     "Share of orders delivered by the promised date. / 按承诺日期交付的订单比例。",
     "on-time orders / all orders x 100%", "time", "time", "customer", "KPI", "ERP", True, "%", 95.0, 1, False),
    ("stock_accuracy", "Inventory record accuracy", "库存准确率",
     "Share of counted locations matching the system record in the quarter. / 季度内盘点库位与系统记录一致的比例。",
     "matching locations / counted locations x 100%", "numeric", "quality", "internal_process", "CPI", "WMS", True,
     "%", 98.5, 1, False),
    ("milestone_on_time", "Project milestones on time", "项目节点按时完成率",
     "Share of project milestones passed by their planned date. / 按计划日期通过的项目节点比例。",
     "milestones on time / milestones due x 100%", "project", "time", "internal_process", "KPI", "PLM", True, "%",
     90.0, 1, False),
    ("defect_density", "Defect density", "缺陷密度",
     "Defects found after code freeze per thousand lines of changed code in the quarter. / 季度内代码冻结后每千行变更代码发现的缺陷数。",
     "defects / KLOC", "numeric", "quality", "internal_process", "KPI", "Issue tracker", False, "per KLOC", 1.5, 2,
     False),
    ("key_task_completion", "Key tasks on time", "重点工作按时完成率",
     "Share of agreed key tasks completed on time and to standard in the quarter. / 季度内按时按质完成的重点工作比例。",
     "tasks completed / tasks agreed x 100%", "mixed", "time", "internal_process", "CPI", "OA system", True, "%",
     95.0, 1, False),
    ("internal_satisfaction", "Internal customer satisfaction", "内部客户满意度",
     "Average rating from internal customers in the quarter, 0-100. / 季度内内部客户评分的平均值（0-100）。", "mean survey score",
     "numeric", "quality", "customer", "CPI", "Internal survey", True, "points", 85.0, 1, False),
    ("training_hours", "Training hours", "培训学时", "Hours of approved training completed in the quarter. / 季度内完成的认可培训学时。",
     "sum of hours attended", "numeric", "quantity", "learning_growth", "CPI", "Learning platform (LMS)", True,
     "hours", 16.0, 1, False),
    ("team_attrition", "Team voluntary attrition", "团队主动离职率",
     "Voluntary leavers in the quarter over average team headcount, annualised. / 季度内团队主动离职人数占平均人数的比例（年化）。",
     "voluntary leavers / average headcount x 100%", "numeric", "quality", "learning_growth", "KPI", "HR system",
     False, "%", 10.0, 1, False),
)
BOUNDED_SHARES = frozenset({"gross_margin", "collection_rate", "customer_satisfaction", "first_contact_resolution",
                            "first_pass_yield", "on_time_delivery", "stock_accuracy", "milestone_on_time",
                            "key_task_completion"})
"""Shares that cannot exceed 100 % (DOMAIN.md §4); the budget usage, the plan attainment and the attrition can."""
# Indicators of a scorecard by job family, most important first.
SCORECARD_TEMPLATES = {
    "rnd": ("milestone_on_time", "defect_density", "key_task_completion", "training_hours", "internal_satisfaction"),
    "manufacturing": ("output_plan_rate", "first_pass_yield", "defect_rate", "key_task_completion",
                      "training_hours"),
    "sales": ("sales_revenue", "collection_rate", "new_customer_revenue", "gross_margin", "training_hours"),
    "marketing": ("marketing_leads", "expense_ratio", "customer_satisfaction", "key_task_completion",
                  "training_hours"),
    "customer_service": ("first_contact_resolution", "customer_satisfaction", "avg_handling_time", "complaint_rate",
                         "training_hours"),
    "supply_chain": ("on_time_delivery", "inventory_days", "cost_reduction", "stock_accuracy",
                     "key_task_completion"),
    "functions": ("key_task_completion", "internal_satisfaction", "expense_ratio", "training_hours"),
    "executive": ("sales_revenue", "gross_margin", "customer_satisfaction", "on_time_delivery", "team_attrition"),
}
# Weights by number of lines; each set sums to exactly 1.0 in binary floating point.
SCORECARD_WEIGHTS = {3: (0.5, 0.3, 0.2), 4: (0.4, 0.25, 0.2, 0.15), 5: (0.3, 0.25, 0.2, 0.15, 0.1)}
SCORE_RULE = {"per_point": 5.0, "floor": 0.0, "cap": 150.0}
RATING_BANDS = ((110.0, "A"), (95.0, "B"), (80.0, "C"))
"""Lower bounds of ratings A, B, C; below the last is D."""

# model_id, name_en, name_zh
COMP_MODELS = (
    ("mgmt9", "9-element management model", "管理层九要素素质模型"),
    ("lead5", "Five-trait leadership model (wisdom, trust, benevolence, courage, discipline)",
     "智信仁勇严领导力模型"),
)
# item_id, model_id, name_en, name_zh, layer, critical, definition_en, definition_zh,
# then the behaviour anchors of bands 9-10, 7-8, 5-6, 3-4, 1-2 as (en, zh).
COMP_ITEMS: tuple[tuple, ...] = (
    ("m9_professionalism", "mgmt9", "Professionalism", "职业精神", "self_image", False,
     "Holds to professional ethics and standards and owns results.", "恪守职业道德与规范，对结果负责。",
     (("Sets the standard for integrity and ownership; others follow the example.", "在诚信与担当上树立标杆，成为他人的榜样。"),
      ("Owns results and keeps commitments even under pressure.", "对结果负责，压力之下仍信守承诺。"),
      ("Meets professional standards in normal situations.", "在常规情况下达到职业规范要求。"),
      ("Sometimes shifts responsibility or cuts corners.", "偶有推卸责任或敷衍了事。"),
      ("Often breaks commitments or rules.", "经常失信或违反规则。"))),
    ("m9_efficiency", "mgmt9", "Efficiency and precision", "高效精准", "skill", False,
     "Plans and executes work quickly and accurately.", "计划周密，执行迅速而准确。",
     (("Delivers complex work ahead of time with no rework and improves how the team works.",
       "提前交付复杂工作且零返工，并改进团队做事方法。"),
      ("Delivers on time and to standard; sets priorities well.", "按时按质交付，轻重缓急把握得当。"),
      ("Usually on time; occasional errors are caught in review.", "多数按时完成，偶有差错可在复核中发现。"),
      ("Frequent delays or errors that need rework.", "经常延误或出错，需要返工。"),
      ("Misses deadlines and quality standards repeatedly.", "屡次错过期限，达不到质量要求。"))),
    ("m9_communication", "mgmt9", "Communication and collaboration", "沟通协作", "skill", False,
     "Shares information openly and works across teams toward shared goals.", "开放分享信息，跨团队协作达成共同目标。",
     (("Builds alliances across departments and resolves conflicts others cannot.",
       "在部门之间建立协作关系，能化解他人难以解决的冲突。"),
      ("Listens, states positions clearly and follows up with partners.", "善于倾听，表达清晰，并主动跟进合作方。"),
      ("Communicates adequately within the own team.", "在本团队内沟通顺畅。"),
      ("Keeps information back; friction with other teams.", "信息不共享，与其他团队有摩擦。"),
      ("Blocks cooperation or communicates in a hostile way.", "阻碍协作或沟通方式具有对抗性。"))),
    ("m9_learning", "mgmt9", "Learning and breakthrough", "学习突破", "trait", False,
     "Learns fast, seeks new knowledge and turns it into better results.", "快速学习，主动求新，并转化为更好的成果。",
     (("Masters new fields quickly, teaches others and breaks long-standing limits.",
       "快速掌握新领域并传授他人，突破长期瓶颈。"),
      ("Regularly learns new methods and applies them at work.", "持续学习新方法并用于工作。"),
      ("Learns what the job requires when asked.", "按要求学习岗位所需知识。"),
      ("Slow to pick up new tools or ideas.", "对新工具、新思路接受较慢。"),
      ("Resists learning and change.", "抗拒学习与变化。"))),
    ("m9_big_picture", "mgmt9", "Big picture and win-win", "全局共赢", "social_role", False,
     "Weighs company-wide interests and seeks outcomes that serve all parties.", "从公司全局出发，寻求各方共赢。",
     (("Gives up local gains for company goals and wins partners over.", "为公司目标舍弃局部利益，并赢得合作方支持。"),
      ("Considers the effect of decisions on other units.", "决策时考虑对其他部门的影响。"),
      ("Focuses on the own unit without harming others.", "关注本部门，但不损害他人利益。"),
      ("At times optimises the own unit at others' expense.", "有时以牺牲他人利益优化本部门。"),
      ("Protects the own turf regardless of the company's interest.", "只顾本位，不顾公司整体利益。"))),
    ("m9_team_development", "mgmt9", "Team development", "团队发展", "social_role", False,
     "Builds a capable team: coaches, delegates and grows successors.", "打造有战斗力的团队：辅导、授权、培养接班人。",
     (("Has grown several successors; the team performs without them.", "培养出多名接班人，团队离开本人也能高效运转。"),
      ("Coaches regularly and delegates stretch work.", "定期辅导下属，并授权挑战性工作。"),
      ("Gives feedback when asked; delegates some work.", "在被要求时给予反馈，有一定授权。"),
      ("Rarely coaches; keeps key work to self.", "很少辅导，关键工作揽在自己手里。"),
      ("Does not develop people; good staff leave the team.", "不培养下属，优秀员工流失。"))),
    ("m9_proactivity", "mgmt9", "Proactivity", "积极作为", "motive", False,
     "Acts before being asked and takes on hard problems.", "不待吩咐主动作为，敢于承担难题。",
     (("Anticipates problems and opportunities, acts early and volunteers for the hardest tasks.",
       "预见问题与机会并提前行动，主动承担最难的任务。"),
      ("Takes initiative beyond the role when needed.", "必要时超越岗位职责主动行动。"),
      ("Does assigned work reliably.", "可靠地完成分配的工作。"),
      ("Waits for instructions and avoids difficult tasks.", "等待指示，回避困难任务。"),
      ("Passive; pushes problems to others.", "消极被动，把问题推给他人。"))),
    ("m9_innovation", "mgmt9", "Excellence and innovation", "卓越创新", "trait", False,
     "Pursues excellence and brings new ideas into products and processes.", "追求卓越，将新想法落实到产品与流程中。",
     (("Leads innovations that change how the company competes.", "主导改变公司竞争方式的创新。"),
      ("Proposes and implements improvements with measurable results.", "提出并落实改进，成效可衡量。"),
      ("Accepts new ideas and suggests small improvements.", "接受新想法，能提出小的改进。"),
      ("Sticks to old ways; makes few suggestions.", "墨守成规，很少提出建议。"),
      ("Discourages new ideas.", "压制新想法。"))),
    ("m9_leadership", "mgmt9", "Leadership and motivation", "领导激励", "skill", False,
     "Sets direction, inspires people and holds them accountable.", "明确方向，激励团队并落实问责。",
     (("Carries the team through change; people want to work for this leader.", "带领团队穿越变革，员工愿意追随。"),
      ("Sets clear goals, recognises good work and deals with poor performance.", "目标清晰，认可优秀表现并处理绩效问题。"),
      ("Directs the team adequately in stable conditions.", "在稳定环境下能够有效指挥团队。"),
      ("Goals unclear; morale slips.", "目标不清，士气下滑。"),
      ("Team disengaged; relies on authority alone.", "团队缺乏投入，只依赖职权管理。"))),
    ("l5_wisdom", "lead5", "Wisdom", "智", "skill", False,
     "Reads the situation, plans ahead and judges soundly.", "洞察形势，善于谋划，判断准确。",
     (("Foresees how the market and rivals will move; strategies prove right.", "预见市场与对手动向，战略判断事后被证明正确。"),
      ("Analyses complex issues and chooses sound plans.", "能分析复杂问题并选择合理方案。"),
      ("Makes sound decisions in familiar situations.", "在熟悉情境中决策合理。"),
      ("Misjudges new situations; plans lack depth.", "对新情况判断失误，谋划不够深入。"),
      ("Acts without thinking and repeats mistakes.", "不加思考就行动，屡犯同样错误。"))),
    ("l5_trust", "lead5", "Trustworthiness", "信", "trait", True,
     "Keeps promises and is honest; people can rely on this leader.", "言而有信，诚实可靠。",
     (("Keeps every promise even at personal cost; trusted by all sides.", "即使付出个人代价也信守承诺，赢得各方信任。"),
      ("Honest and consistent; admits mistakes.", "诚实一致，勇于承认错误。"),
      ("Usually keeps commitments.", "通常能够兑现承诺。"),
      ("At times says one thing and does another.", "有时言行不一。"),
      ("Breaks promises or hides facts; cannot be relied on.", "失信或隐瞒事实，不可依靠。"))),
    ("l5_benevolence", "lead5", "Benevolence", "仁", "motive", True,
     "Cares for people and treats them fairly.", "关爱下属，待人公正。",
     (("Puts the team's welfare first; people stay loyal through hard times.", "把团队福祉放在首位，困难时期员工依然忠诚。"),
      ("Shows genuine care and fairness to staff.", "真诚关心员工，处事公平。"),
      ("Treats people decently.", "待人得体。"),
      ("Indifferent to staff concerns.", "对员工诉求漠不关心。"),
      ("Harsh or abusive to staff.", "对下属苛刻甚至粗暴。"))),
    ("l5_courage", "lead5", "Courage", "勇", "self_image", False,
     "Acts decisively and leads from the front.", "果断行动，身先士卒。",
     (("Takes bold, well-judged risks and steps forward in a crisis.", "敢于承担经过权衡的风险，在危机中挺身而出。"),
      ("Makes hard decisions and stands behind them.", "敢于做艰难决定并承担后果。"),
      ("Acts when the path is clear.", "在方向明确时能够行动。"),
      ("Hesitates and avoids confrontation.", "犹豫不决，回避冲突。"),
      ("Retreats from responsibility under pressure.", "压力下逃避责任。"))),
    ("l5_discipline", "lead5", "Discipline", "严", "social_role", False,
     "Sets clear rules and applies rewards and penalties consistently.", "规矩清晰，赏罚分明。",
     (("Runs a disciplined unit where rules bind everyone, self first.", "治军严明，规则对所有人一视同仁，以身作则。"),
      ("Enforces standards fairly and consistently.", "公平一致地执行标准。"),
      ("Enforces rules most of the time.", "多数时候能执行规则。"),
      ("Lets rules slide for favourites.", "对亲近的人网开一面。"),
      ("No discipline; rewards and penalties are arbitrary.", "缺乏纪律，赏罚随意。"))),
)
ANCHOR_BANDS = ("9-10", "7-8", "5-6", "3-4", "1-2")
CRITICAL_MIN_SCORE = 5.0
"""Knock-out minimum of the critical items 信 and 仁 (seed 000: Wei Yan's fatal gaps)."""
# The development action that closes a gap on each item (DOMAIN.md §6: gaps map to courses):
# a course and a piece of work that practises it.
COMP_DEVELOPMENT = {
    "m9_professionalism": ("Course: professional ethics and compliance; own one cross-team deliverable end to end",
                           "课程：职业道德与合规；端到端负责一项跨团队交付成果"),
    "m9_efficiency": ("Course: planning and execution; run a weekly review of one key project",
                      "课程：计划与执行管理；每周复盘一个重点项目的进度与质量"),
    "m9_communication": ("Course: cross-team communication and influence; shadow a peer manager on a joint project",
                         "课程：跨部门沟通与影响力；参与一次跨部门项目并跟随一位同级经理学习"),
    "m9_learning": ("Course: learning agility; take a three-month stretch assignment in a new field",
                    "课程：学习敏锐度；在陌生领域承担为期三个月的挑战性任务"),
    "m9_big_picture": ("Course: business acumen and strategy; rotate into a partner department for a month",
                       "课程：经营思维与公司战略；到协作部门轮岗一个月"),
    "m9_team_development": ("Course: coaching and delegation; name a successor and agree a development plan",
                            "课程：辅导与授权；确定一名接班人并制定培养计划"),
    "m9_proactivity": ("Course: ownership and initiative; volunteer to lead one open problem to closure",
                       "课程：主动担当；主动牵头解决一个遗留问题并闭环"),
    "m9_innovation": ("Course: design thinking; run one improvement pilot with measured results",
                      "课程：设计思维与创新方法；主导一个成效可量化的改进试点"),
    "m9_leadership": ("Course: situational leadership; lead the team's goal setting and quarterly reviews",
                      "课程：情境领导力；主持团队目标制定与季度回顾"),
    "l5_wisdom": ("Course: strategic thinking and decision making; draft the unit's three-year plan",
                  "课程：战略思维与决策；为本部门起草三年规划"),
    "l5_trust": ("Workshop: integrity at work; keep a commitment log reviewed monthly with the superior",
                 "工作坊：职场诚信；建立承诺清单并每月与上级复盘"),
    "l5_benevolence": ("Course: caring leadership and fairness; hold monthly one-to-ones with every report",
                       "课程：关怀型领导与公平待人；每月与每位下属一对一面谈"),
    "l5_courage": ("Course: deciding under uncertainty; sponsor one high-stakes change project",
                   "课程：不确定环境下的决策；牵头一个高风险变革项目"),
    "l5_discipline": ("Course: rules and accountability; agree and enforce clear team rules",
                      "课程：制度与问责；制定并严格执行清晰的团队规则"),
}
LEAD5_TARGETS = {"l5_wisdom": 7.0, "l5_trust": 8.0, "l5_benevolence": 8.0, "l5_courage": 7.0,
                 "l5_discipline": 7.0}
"""Targets of department and centre heads on the leadership model: the critical items 信 and 仁 ask most."""

# ---------------------------------------------------------------------------
# Workforce dynamics: the assumptions behind the numbers
# ---------------------------------------------------------------------------

WINDOW_YEARS = 3
"""History kept for exits, events, leave and signals."""
HEADCOUNT_GROWTH = 0.04
"""Annual growth of the workforce model behind the tenures (measured growth comes out at 4-6 %: nobody
has served longer than the company exists); also the annual market pay movement used to age pay back."""
MAX_TENURE_YEARS = 20.0
"""The company was founded twenty years before the as-of date."""
CERTIFICATION_YEARS = 20
"""The certification scheme is as old as the company, so every representative took level 1 first."""
SPAN_OF_CONTROL = 12
"""No manager has more direct reports than this, except the head of a department of up to 26."""
STAFF_PER_TEAM_LEADER = 11
"""A team leader and ten staff."""
REPORTS_PER_MANAGER = 8
"""Team leaders (or managers) under one manager, when a department needs manager layers."""
BELOW_MIN_SHARE = 0.045
"""Share of people paid below their range minimum (before exits thin them out)."""
ABOVE_MAX_SHARE = 0.03
"""Share of people paid above their range maximum."""
KEY_TALENT_SHARE = 0.08
"""Share flagged key talent: strong performers, more often in higher grades."""
AT_RISK_SHARE = 0.05
"""Share of active employees who already show the pre-exit pattern."""
SEASON = np.array([0.8, 1.4, 1.5, 1.1, 0.9, 1.0, 1.1, 1.0, 0.9, 0.8, 0.8, 0.8])
"""Relative exits by calendar month: people leave after the Spring Festival bonus."""
LEAVE_RATES = {"annual": 2.2, "sick": 0.8, "personal": 0.5, "other": 0.1}
"""Leave records per person-year by kind."""
# Days of one leave by kind: the choices and their shares.
LEAVE_DAYS = {
    "annual": ((0.5, 1.0, 2.0, 3.0, 5.0), (0.15, 0.35, 0.2, 0.15, 0.15)),
    "sick": ((0.5, 1.0, 2.0, 3.0), (0.2, 0.5, 0.2, 0.1)),
    "personal": ((0.5, 1.0, 2.0), (0.35, 0.5, 0.15)),
    "other": ((1.0, 3.0, 5.0), (0.3, 0.4, 0.3)),
}


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def _day(d: date) -> int:
    """Days since 1970-01-01."""
    return int(np.datetime64(d, "D").astype(np.int64))


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def _weekday(days: np.ndarray) -> np.ndarray:
    """0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday)."""
    return (days + 3) % 7


def _back_to_friday(days: np.ndarray) -> np.ndarray:
    """Move Saturdays and Sundays back to the Friday before."""
    wd = _weekday(days)
    return days - np.where(wd >= 5, wd - 4, 0)


def _as_dates(days: np.ndarray, missing: np.ndarray | None = None) -> pd.Series:
    """Day numbers as a ``datetime64[s]`` column (DuckDB loads it as DATE); NaT where ``missing``."""
    values = days.astype("datetime64[D]")
    if missing is not None:
        values[missing] = np.datetime64("NaT")
    return pd.Series(values.astype("datetime64[s]"))


# String columns are built in Arrow (the storage of pandas' "str" dtype): millions of
# ids and labels never become Python objects.

def _ids(prefix: str, n: int, width: int) -> pa.Array:
    """``prefix`` followed by 1..n, zero-padded to ``width`` digits."""
    digits = pa.array(np.arange(1, n + 1)).cast(pa.string())
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(digits, max(width, len(str(n))), "0"), "")


def _id_column(prefix: str, n: int, width: int) -> pd.Series:
    return pd.Series(_ids(prefix, n, width), dtype="str")


def _take(values: pa.Array, rows: np.ndarray) -> pd.Series:
    """``values[rows]`` as a string column; missing where ``rows`` is negative."""
    return pd.Series(values.take(pa.array(rows, mask=rows < 0)), dtype="str")


def _labels(labels, codes: np.ndarray) -> pd.Series:
    """``labels[codes]`` as a string column; missing where ``codes`` is negative."""
    return _take(pa.array(list(labels), type=pa.string()), np.asarray(codes, dtype=np.int64))


def _strings(values) -> pd.Series:
    """A few values (or a NumPy unicode array) as a string column."""
    return pd.Series(values, dtype="str")


def _stochastic_round(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Round down or up at random so that the expected value is ``x``."""
    low = np.floor(x)
    return (low + (rng.random(x.shape) < x - low)).astype(np.int64)


def _largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Whole counts summing to ``total`` in proportion to ``weights``."""
    exact = weights / weights.sum() * total
    counts = np.floor(exact).astype(np.int64)
    short = total - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:short]] += 1
    return counts


def _categorical(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One draw per row of ``weights`` (rows: people, columns: categories)."""
    cumulative = np.cumsum(weights, axis=1)
    u = rng.random(len(weights)) * cumulative[:, -1]
    return (cumulative < u[:, None]).sum(axis=1)


def _top_k_per_group(group: np.ndarray, log_weight: np.ndarray, k: np.ndarray,
                     rng: np.random.Generator) -> np.ndarray:
    """Pick ``k[g]`` members of each group ``g`` by weighted sampling without replacement.

    Gumbel top-k: adding Gumbel noise to the log weights and keeping the
    largest keys within a group is the same as drawing members one by one
    with probability proportional to their weight.
    """
    key = log_weight + rng.gumbel(size=group.size)
    order = np.lexsort((-key, group))
    sorted_group = group[order]
    first = np.searchsorted(sorted_group, np.arange(k.size))
    rank = np.arange(group.size) - first[sorted_group]
    chosen = np.zeros(group.size, dtype=bool)
    chosen[order[rank < k[sorted_group]]] = True
    return chosen


def _group_positions(group: np.ndarray, n_groups: int, rng: np.random.Generator):
    """Members of each group in random order: ``(order, start, size)``.

    ``order[start[g] + i]`` is the i-th member of group ``g`` (``i < size[g]``);
    rows with a negative group are left out.
    """
    rows = np.flatnonzero(group >= 0)
    order = rows[np.lexsort((rng.random(rows.size), group[rows]))]
    size = np.bincount(group[rows], minlength=n_groups)
    start = np.concatenate([[0], np.cumsum(size)[:-1]])
    return order, start, size


def _linear_r2_and_z(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """R² of the least-squares line and standardized residuals e / std(e, ddof=2)."""
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (intercept + slope * x)
    r2 = 1 - (residual ** 2).sum() / ((y - y.mean()) ** 2).sum()
    return float(r2), residual / residual.std(ddof=2)


def _bands() -> pd.DataFrame:
    """Equal-width point bands over :data:`POINTS_RANGE`, one per grade."""
    return evaluation.grade_bands(*POINTS_RANGE, GRADES, "equal")


def _grade_of(points: np.ndarray) -> np.ndarray:
    return evaluation.slot(points, _bands()).astype(np.int64)


def _spread(grade: np.ndarray | int) -> np.ndarray:
    """Range spread (max − min) / min: 40 % at grade 1 rising to 80 % at grade 12."""
    return 0.40 + 0.40 * (np.asarray(grade) - 1) / (GRADES - 1)


# ---------------------------------------------------------------------------
# The calendar of one demo
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Calendar:
    as_of: date

    @property
    def today(self) -> int:
        return _day(self.as_of)

    @property
    def window_start(self) -> int:
        """Exits fall in (window_start, as_of]."""
        return _day(_years_before(self.as_of, WINDOW_YEARS))

    @property
    def survey_year(self) -> int:
        """The latest pay survey out by the as-of date (surveys appear mid-year)."""
        return self.as_of.year if self.as_of >= date(self.as_of.year, 7, 1) else self.as_of.year - 1

    def quarters(self, n: int = 4) -> list[tuple[str, int]]:
        """The last ``n`` complete quarters as ``(period, last day)``, oldest first: ``("2026Q3", ...)``."""
        latest = pd.Period(self.as_of, freq="Q")
        if latest.end_time.date() > self.as_of:
            latest -= 1
        return [(str(q), _day(q.end_time.date())) for q in (latest - i for i in range(n - 1, -1, -1))]

    def periods(self, cycle: str, n: int) -> list[tuple[str, int]]:
        """The last ``n`` periods of an appraisal cycle complete by the end of the latest complete quarter, as
        ``(period, last day)``, oldest first: ``periods("monthly", 2)`` on 2026-10-31 is ``[("2026-08", ...),
        ("2026-09", ...)]``.  Every cycle stops at the same date, so each review period (a quarter, a half-year,
        a year) holds all of its cards; October's are scored in November."""
        months = cycles.MONTHS[cycle]
        until = self.quarters(1)[0][1]

        def last_day(k: int) -> date:
            first = (k + 1) * months
            return date(first // 12, first % 12 + 1, 1) - pd.Timedelta(days=1)

        latest = (self.as_of.year * 12 + self.as_of.month - 1) // months
        while _day(last_day(latest)) > until:
            latest -= 1
        return [(cycles.period_name(cycle, (k * months) // 12, (k * months) % 12 // months + 1), _day(last_day(k)))
                for k in range(latest - n + 1, latest + 1)]

    def exam_sittings(self) -> np.ndarray:
        """Certification sittings: the second Saturday of the last month of each quarter.

        Training runs in quarterly batches (seed 004: 分期分批), each closed by one sitting.
        """
        start = np.datetime64(_years_before(self.as_of, CERTIFICATION_YEARS), "M")
        months = np.arange(start, np.datetime64(self.as_of, "M") + 1)
        months = months[months.astype(np.int64) % 3 == 2]  # March, June, September, December
        first = months.astype("datetime64[D]").astype(np.int64)
        saturdays = first + (5 - _weekday(first)) % 7 + 7
        return saturdays[saturdays <= self.today]


# ---------------------------------------------------------------------------
# Static tables
# ---------------------------------------------------------------------------

def _designed_jobs() -> pd.DataFrame:
    """:data:`JOBS` as a frame; ``points`` is the size each job was designed to have."""
    return pd.DataFrame(list(JOBS), columns=[
        "job_id", "job_family", "title_en", "title_zh", "points", "is_key", "is_manager", "turnover",
        "education", "majors", "predecessor"])


def _job_frame() -> pd.DataFrame:
    """The jobs, their points read off the committee's consensus under the default scheme."""
    jobs = _designed_jobs()
    scheme = evaluation.default_scheme()
    consensus = _consensus_levels(jobs, scheme)
    points = evaluation.job_points(consensus, scheme).set_index("job_id")["points"]
    jobs["points"] = jobs["job_id"].map(points).astype(float)
    jobs["grade"] = _grade_of(jobs["points"].to_numpy())
    jobs["description_en"], jobs["description_zh"] = _descriptions(jobs, consensus, scheme)
    jobs["next_job_id"] = pd.Series(_next_jobs(jobs), dtype="str")
    return jobs


# ---------------------------------------------------------------------------
# Job evaluation: the committee's levels behind the jobs' points
# ---------------------------------------------------------------------------

# Levels a family's jobs lean to, against the level their overall size suggests.
_FACTOR_LEAN = {
    "management": {"manager": 1.0, "staff": -1.5},
    "conditions": {"manufacturing": 1.5, "supply_chain": 1.0, "customer_service": 0.0, "office": -1.0},
    "innovation": {"rnd": 1.0, "marketing": 0.5, "manufacturing": -0.5},
    "communication": {"sales": 1.0, "marketing": 0.5, "customer_service": 0.5, "rnd": -0.5},
    "knowledge": {"rnd": 0.5},
}
_PURPOSE = {
    "management": ("Leads an organisation unit and answers for its results", "领导所辖组织单元并对其业绩负责"),
    "rnd": ("Designs, builds and tests the company's products", "负责公司产品的设计、开发与测试"),
    "manufacturing": ("Runs, maintains and improves production to plan, quality and safety standards",
                      "按计划、质量与安全标准组织、维护和改进生产"),
    "sales": ("Wins and grows customer business against sales targets", "开拓并发展客户业务，完成销售目标"),
    "marketing": ("Builds the brand and creates demand for the products", "建设品牌并为产品创造市场需求"),
    "customer_service": ("Answers customers and resolves their problems", "响应客户咨询并解决客户问题"),
    "supply_chain": ("Plans, buys, stores and moves materials and products", "计划、采购、仓储与运输物料和产品"),
    "functions": ("Provides administration, people, finance, IT and legal services",
                  "提供行政、人力、财务、IT与法务服务"),
}
COMMITTEE = ("Chen Jing 陈静 (HR)", "Liu Yang 刘洋 (Finance)", "Zhao Lei 赵磊 (R&D)", "Sun Li 孙丽 (Operations)")
"""The evaluation committee: HR, finance and two line directors (seed 002, step 4)."""


def _consensus_levels(jobs: pd.DataFrame, scheme: evaluation.Scheme) -> pd.DataFrame:
    """Consensus levels per job and factor whose points land near the job's size in :data:`JOBS`.

    Each factor starts from the level the job's overall size suggests, leaned
    by family (workshops score on conditions, managers on scope), then single
    levels move, greedily, until the total is as close to the intended points
    as one step allows.  No randomness: the points are part of the design.
    """
    factors = scheme.factors["factor_id"].tolist()
    top = scheme.factors.set_index("factor_id")["levels"]
    value = scheme.levels.set_index(["factor_id", "level"])["points"]
    low, high = jobs["points"].min(), jobs["points"].max()
    rows: list[dict] = []
    for job in jobs.itertuples(index=False):
        size = (job.points - low) / (high - low)
        target = scheme.min_points + size * (scheme.max_points - scheme.min_points)
        office = "office" if job.job_family in ("functions", "management", "marketing", "sales") else None
        groups = {job.job_family, "manager" if job.is_manager else "staff", office}
        level = {}
        for f in factors:
            lean = sum(_FACTOR_LEAN.get(f, {}).get(g, 0.0) for g in groups if g)
            level[f] = int(np.clip(round(1 + (top[f] - 1) * size + lean), 1, top[f]))
        adjustable = [f for f in factors if f not in ("management", "conditions")]
        for _ in range(40):
            total = sum(value[(f, level[f])] for f in factors)
            gap = target - total
            options = [(abs(gap - (value[(f, level[f] + d)] - value[(f, level[f])])), f, d)
                       for f in adjustable for d in (-1, 1) if 1 <= level[f] + d <= top[f]]
            best = min(options)
            if best[0] >= abs(gap):
                break
            level[best[1]] += best[2]
        rows.append(level)
    _keep_ladders_rising(jobs, rows, factors, top, value)
    return pd.DataFrame([(job_id, f, level[f]) for job_id, level in zip(jobs["job_id"], rows) for f in factors],
                        columns=["job_id", "factor_id", "level"])


def _keep_ladders_rising(jobs: pd.DataFrame, levels: list[dict], factors: list[str], top: pd.Series,
                         value: pd.Series) -> None:
    """Raise a job's levels until it sits a grade above the job it is promoted from.

    Careers climb the ladders of :data:`JOBS`; a promotion that left the grade
    unchanged would not be one.  Managers come from the team leaders.
    """
    index = {j: i for i, j in enumerate(jobs["job_id"])}
    leaders = [index[j] for j in TEAM_LEADER_JOB.values()]
    steps = []
    for i, marker in enumerate(jobs["predecessor"]):
        if marker == _FROM_TEAM_LEADER:
            steps += [(lead, i) for lead in leaders]
        elif isinstance(marker, str) and marker in index:
            steps.append((index[marker], i))
    adjustable = sorted((f for f in factors if f not in ("management", "conditions")),
                        key=lambda f: value[(f, 1)])

    def grade(i: int) -> int:
        return int(_grade_of(np.array([sum(value[(f, levels[i][f])] for f in factors)]))[0])

    for _ in range(200):
        low = [(lower, upper) for lower, upper in steps if grade(upper) <= grade(lower)]
        if not low:
            return
        for _, upper in low[:1]:
            f = next(f for f in adjustable if levels[upper][f] < top[f])
            levels[upper][f] += 1
    raise RuntimeError("demo jobs: the ladders could not be made to rise")  # pragma: no cover


def _descriptions(jobs: pd.DataFrame, consensus: pd.DataFrame, scheme: evaluation.Scheme
                  ) -> tuple[list[str], list[str]]:
    """A short job description from the family's purpose and the job's knowledge and scope levels."""
    definitions = scheme.levels.set_index(["factor_id", "level"])
    level = consensus.set_index(["job_id", "factor_id"])["level"]
    english, chinese = [], []
    for job in jobs.itertuples(index=False):
        purpose = _PURPOSE[job.job_family]
        knows = definitions.loc[("knowledge", level[(job.job_id, "knowledge")])]
        leads = definitions.loc[("management", level[(job.job_id, "management")])]
        english.append(f"{purpose[0]}. Needs: {knows['definition_en'].lower()}. "
                       f"People: {leads['definition_en'].lower()}.")
        chinese.append(f"{purpose[1]}。任职要求：{knows['definition_zh']}。管理：{leads['definition_zh']}。")
    return english, chinese


def _evaluation_frames(jobs: pd.DataFrame, seed: int, as_of: date) -> dict[str, pd.DataFrame]:
    """The default scheme as version v1, every job's consensus, and the four raters' levels on the key jobs.

    Raters mostly agree with the consensus, a level apart now and then, and
    disagree most on the two planted outliers, as a committee does on the
    jobs whose pay puzzles it.  A generator of its own keeps the rest of the
    demo's draws unchanged.
    """
    rng = np.random.default_rng([seed, 2])
    scheme = evaluation.default_scheme()
    consensus = _consensus_levels(_designed_jobs(), scheme)
    decided = datetime.combine(as_of, datetime.min.time()).replace(hour=10) - pd.Timedelta(days=30)
    top = consensus["factor_id"].map(scheme.factors.set_index("factor_id")["levels"])
    key = consensus[consensus["job_id"].isin(jobs.loc[jobs["is_key"], "job_id"])]
    ratings = []
    for rater in COMMITTEE:
        puzzling = key["job_id"].isin(list(OUTLIER_FACTORS)).to_numpy()
        moves = np.where(puzzling, rng.choice([-2, -1, 0, 1, 2], size=len(key), p=[0.1, 0.25, 0.3, 0.25, 0.1]),
                         rng.choice([-1, 0, 1], size=len(key), p=[0.12, 0.76, 0.12]))
        ratings.append(key.assign(rater=rater, level=np.clip(key["level"] + moves, 1, top[key.index]),
                                  rated_at=decided - pd.Timedelta(days=7)))
    factors = scheme.factors.assign(scheme_id="v1", position=range(1, len(scheme.factors) + 1))
    return {
        "eval_schemes": pd.DataFrame([{
            "scheme_id": "v1", "name": scheme.name, "version": 1, "total_points": scheme.total_points,
            "scale": scheme.scale, "ratio": None, "based_on": None, "created_at": decided - pd.Timedelta(days=60),
            "created_by": COMMITTEE[0]}]),
        "eval_factors": factors,
        "eval_levels": scheme.levels.assign(scheme_id="v1"),
        "eval_ratings": pd.concat(ratings, ignore_index=True).assign(scheme_id="v1"),
        "eval_consensus": consensus.assign(scheme_id="v1", decided_at=decided, decided_by=COMMITTEE[0]),
    }


# The goal one level up that each indicator serves: company indicators (the executive card's) have none.
SUPPORTS = {
    "new_customer_revenue": "sales_revenue", "collection_rate": "sales_revenue", "marketing_leads": "sales_revenue",
    "milestone_on_time": "sales_revenue", "expense_ratio": "gross_margin", "inventory_days": "gross_margin",
    "cost_reduction": "gross_margin", "output_plan_rate": "on_time_delivery", "stock_accuracy": "on_time_delivery",
    "first_pass_yield": "customer_satisfaction", "defect_rate": "customer_satisfaction",
    "complaint_rate": "customer_satisfaction", "first_contact_resolution": "customer_satisfaction",
    "avg_handling_time": "first_contact_resolution", "defect_density": "defect_rate",
    "training_hours": "team_attrition",
}
OWNERS = {"financial": "finance", "customer": "sales", "internal_process": "operations", "learning_growth": "hr"}


def _kpi_frame() -> pd.DataFrame:
    """The demo's library, the seed's examples included, with owners and the goals each serves."""
    columns = [c for c in TABLES["kpi_indicators"].columns if c not in ("owner", "supports", "bounded_share")]
    own = pd.DataFrame([row[:len(columns)] for row in KPI_INDICATORS], columns=columns)
    own["owner"] = own["perspective"].map(OWNERS)
    own["supports"] = own["indicator_id"].map(SUPPORTS)
    own["bounded_share"] = own["indicator_id"].isin(BOUNDED_SHARES)
    return pd.concat([own, kpi_rules.seed_library()], ignore_index=True)[list(TABLES["kpi_indicators"].columns)]


def _competency_frames() -> dict[str, pd.DataFrame]:
    models = pd.DataFrame(list(COMP_MODELS), columns=["model_id", "name_en", "name_zh"])
    items = pd.DataFrame([
        {"item_id": item_id, "model_id": model_id, "name_en": en, "name_zh": zh, "layer": layer,
         "kind": "general", "critical": critical, "min_score": CRITICAL_MIN_SCORE if critical else None,
         "definition_en": def_en, "definition_zh": def_zh, "development_en": COMP_DEVELOPMENT[item_id][0],
         "development_zh": COMP_DEVELOPMENT[item_id][1]}
        for item_id, model_id, en, zh, layer, critical, def_en, def_zh, _ in COMP_ITEMS])
    items["min_score"] = items["min_score"].astype("Float64")
    anchors = pd.DataFrame([
        {"item_id": row[0], "band": band, "text_en": en, "text_zh": zh}
        for row in COMP_ITEMS for band, (en, zh) in zip(ANCHOR_BANDS, row[8])])
    return {"comp_models": models, "comp_items": items, "comp_anchors": anchors}


def _comp_targets(jobs: pd.DataFrame) -> pd.DataFrame:
    """Target scores of manager jobs (level 1, the only level of a manager job).

    On the 9-element model: 6 for team leaders up to 8 at the top;
    people-leadership items (team development, leadership, big picture) ask
    half a point more of the senior jobs, where they matter most.  The jobs
    that head departments (directors, workshop directors, centre heads and
    the CEO) also carry the leadership model 智信仁勇严 at
    :data:`LEAD5_TARGETS`.
    """
    managers = jobs[jobs["is_manager"]]
    items = [row[0] for row in COMP_ITEMS if row[1] == "mgmt9"]
    people_items = {"m9_team_development", "m9_leadership", "m9_big_picture"}
    rows = []
    for job_id, grade in zip(managers["job_id"], managers["grade"]):
        base = 6.0 + 2.0 * (grade - 4) / (GRADES - 4)
        for item in items:
            extra = 0.5 if item in people_items and grade >= 8 else 0.0
            rows.append((job_id, 1, item, float(np.clip(np.round((base + extra) * 2) / 2, 6.0, 8.0))))
        if job_id in HEAD_JOBS:
            rows += [(job_id, 1, item, target) for item, target in LEAD5_TARGETS.items()]
    return pd.DataFrame(rows, columns=["job_id", "level", "item_id", "target_score"])


# ---------------------------------------------------------------------------
# Qualification standards (任职资格, DOMAIN.md §6, seed 004)
# ---------------------------------------------------------------------------

QUALIFIED_EDUCATION_SHARE = 0.9
"""A job asks for the highest education at least this share of its typical hires have: one step below most."""
MAJOR_KEYWORDS = {"hardware": "engineering", "design": "design", "quality": "engineering", "it": "computer",
                  "legal": "law"}
"""The major asked for by the jobs of a major profile, as a keyword of the major codes: only where three in
four of the profile's graduates match it; the other profiles take any major."""
EXPERIENCE_PER_GRADE = 0.1
EXPERIENCE_PER_STEP = 1.5
EXPERIENCE_KNEE = 4.5
YEARS_IN_JOB_PER_GRADE = 0.125
"""Years of service here and in the current job the jobs ask for (:func:`_years_required`); the system
knows service here, not earlier employers, and calibrates to it: about 70 % of the demo's people meet
every condition of their job and about 40 % those of the next."""
# Per family: what the knowledge, skill and behaviour standards are about, (en, zh) each;
# the skill is a verb phrase.
STANDARD_TOPICS = {
    "management": (("the company's strategy, finances and people policies", "公司战略、财务与人事政策"),
                   ("turn strategy into plans and results", "将战略转化为计划与成果"),
                   ("integrity, ownership and fair decisions", "诚信、担当与公正决策")),
    "rnd": (("the product architecture and the engineering standards", "产品架构与工程规范"),
            ("design, build and verify product modules", "设计、开发并验证产品模块"),
            ("rigour, decisions backed by data and shared knowledge", "严谨求实、用数据说话、乐于分享")),
    "manufacturing": (("the process instructions and the quality and safety rules", "工艺文件与质量、安全规程"),
                      ("run the line to plan, yield and safety targets", "按计划、良率与安全要求运行产线"),
                      ("safety first and defects reported at once", "安全第一、发现缺陷立即上报")),
    "sales": (("the product range, pricing and the customers' business", "产品体系、价格政策与客户业务"),
              ("win and keep customers and collect payment on time", "开发并维护客户、按时回款"),
              ("customer focus, persistence and honest dealing", "以客户为中心、坚韧、诚信经营")),
    "marketing": (("the brand, the market and the channels", "品牌定位、市场与渠道"),
                  ("plan and run campaigns and measure their effect", "策划并执行市场活动并评估效果"),
                  ("creativity within budget and brand rules", "在预算与品牌规范内发挥创意")),
    "customer_service": (("the product range and the service rules", "产品体系与服务规范"),
                         ("handle calls and resolve customer requests", "受理来电并解决客户诉求"),
                         ("patient, courteous and compliant service", "耐心、礼貌、合规的服务")),
    "supply_chain": (("the materials, the suppliers and the stock rules", "物料、供应商与库存管理规范"),
                     ("plan, buy, store and ship materials accurately and on time", "准确及时地计划、采购、存储和发运物料"),
                     ("accuracy, cost awareness and clean dealing with suppliers", "严谨准确、成本意识、廉洁对待供应商")),
    "functions": (("the company's policies, the law and the function's rules", "公司制度、法律法规与本职能规范"),
                  ("deliver the function's services accurately and on time", "准确及时地提供本职能服务"),
                  ("service to colleagues, confidentiality and compliance", "服务意识、保密与合规")),
}
# Sentences of the knowledge, skill and behaviour standards by seniority: entry, experienced, senior
# staff, then team leaders and managers; "{}" takes the family's topic.
STANDARD_TEMPLATES = (
    (("Knows the basics of {}", "了解{}的基本内容"), ("Can {} under guidance", "能在指导下{}"),
     ("Shows {} in daily work", "日常工作中体现{}")),
    (("Knows {} well", "熟悉{}"), ("Can {} without supervision", "能独立{}"),
     ("Keeps to {} under pressure", "压力下仍坚持{}")),
    (("Knows {} in depth, recent changes included", "精通{}并掌握其最新变化"),
     ("Can {} in difficult cases and improve the method", "能在复杂情况下{}，并改进方法"),
     ("Sets colleagues an example of {}", "在同事中树立{}的榜样")),
    (("Can teach the team {}", "能向团队讲授{}"),
     ("Leads and coaches the team to {}", "带领并辅导团队{}"),
     ("Builds a team culture of {}", "在团队中营造{}的文化")),
)


def _qualification_frame(jobs: pd.DataFrame) -> pd.DataFrame:
    """One standard per job (level 1): basic conditions and knowledge, skill and behaviour standards.

    * Education: the highest level reached by :data:`QUALIFIED_EDUCATION_SHARE`
      of the job's education profile, so most incumbents meet it.
    * Major: a keyword of the profile's majors (:data:`MAJOR_KEYWORDS`) where
      the job needs one and asks for more than high school; managers' and
      mixed profiles take any major.
    * Years of experience (service here) and years in the current job rise
      with the grade: see :func:`_years_required`.
    * Certification: a representative's job asks for the level of the same number.
    * Standards: the family's topics (:data:`STANDARD_TOPICS`) in the sentence
      of the job's seniority (:data:`STANDARD_TEMPLATES`).
    """
    share_at_least = {name: np.cumsum(shares[::-1])[::-1] for name, shares in EDUCATION_PROFILES.items()}
    education = [EDUCATION[int(np.flatnonzero(share_at_least[p] >= QUALIFIED_EDUCATION_SHARE - 1e-9).max())]
                 for p in jobs["education"]]
    major = [MAJOR_KEYWORDS.get(profile) if isinstance(profile, str) and edu != "high_school" else None
             for profile, edu in zip(jobs["majors"], education)]
    experience, in_job = _years_required(jobs)
    certification = jobs["job_id"].map({job: level for level, *_, job in CERT_LEVELS}).astype("Int64")
    seniority = _seniority(jobs)
    texts = {}
    for kind, part in (("knowledge", 0), ("skill", 1), ("behaviour", 2)):
        for lang, column in (("en", 0), ("zh", 1)):
            texts[f"{kind}_{lang}"] = _strings([
                STANDARD_TEMPLATES[tier][part][column].format(STANDARD_TOPICS[family][part][column])
                + ("." if lang == "en" else "。")
                for family, tier in zip(jobs["job_family"], seniority)])
    return pd.DataFrame({
        "job_id": jobs["job_id"].astype("str"),
        "level": np.ones(len(jobs), dtype=np.int64),
        "education_min": _strings(education),
        "major": _strings(major),
        "years_experience": experience,
        "years_in_job": in_job,
        "certification_level": certification,
        **texts,
    })


def _seniority(jobs: pd.DataFrame) -> np.ndarray:
    """Index into :data:`STANDARD_TEMPLATES`: staff by rung on the ladder or by grade, whichever is higher.

    Team leaders and managers take the last sentences (3).
    """
    predecessor = dict(zip(jobs["job_id"], jobs["predecessor"]))

    def rung(job_id) -> int:
        before = predecessor.get(job_id)
        return 1 + rung(before) if isinstance(before, str) and before in predecessor else 0

    grade = jobs["grade"].to_numpy()
    by_grade = np.where(grade <= 2, 0, np.where(grade <= 4, 1, 2))
    by_rung = np.array([rung(j) for j in jobs["job_id"]])
    return np.where(jobs["is_manager"].to_numpy(), 3, np.minimum(2, np.maximum(by_rung, by_grade)))


def _years_required(jobs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Years of service here and years in the current job that each job asks for.

    A job hired into from outside asks for :data:`EXPERIENCE_PER_GRADE` a
    grade above the first.  A job with jobs below it (its predecessor on the
    ladder, and the jobs whose ``next_job_id`` it is) asks for
    :data:`EXPERIENCE_PER_STEP` more than the most demanding of them, and
    only half a year more past :data:`EXPERIENCE_KNEE`: service here says
    little about the seniority of people hired in from outside, so the top
    jobs cannot ask for much more than the middle ones.  Such a job also
    asks for :data:`YEARS_IN_JOB_PER_GRADE` a grade, at least half a year,
    in the current job, the one below.  Both rise with the grade along
    every path.
    """
    grade = jobs["grade"].to_numpy()
    index = {job_id: i for i, job_id in enumerate(jobs["job_id"])}
    below: list[set[int]] = [set() for _ in range(len(jobs))]
    for i, (marker, step_up) in enumerate(zip(jobs["predecessor"], jobs["next_job_id"])):
        if isinstance(marker, str) and marker in index:
            below[i].add(index[marker])
        if isinstance(step_up, str):
            below[index[step_up]].add(i)
    experience = EXPERIENCE_PER_GRADE * (grade - 1.0)
    for j in np.argsort(grade, kind="stable"):  # every step rises a grade: the jobs below are done first
        if below[j]:
            before = max(experience[list(below[j])])
            rise = min(EXPERIENCE_PER_STEP, max(0.5, EXPERIENCE_KNEE - before))
            experience[j] = max(experience[j], before + rise)
    promoted_into = np.array([bool(jobs_below) for jobs_below in below])
    in_job = np.where(promoted_into, np.maximum(0.5, np.round(YEARS_IN_JOB_PER_GRADE * grade * 2) / 2), 0.0)
    return np.round(experience * 2) / 2, in_job


# ---------------------------------------------------------------------------
# Market data and pay structure
# ---------------------------------------------------------------------------

MARKET_LOW, MARKET_HIGH = 5_500.0, 30_000.0
"""Fixed-pay P50 of the survey's curve at the lowest and the highest key job's points."""
MARKET_CURVATURE = 1.3
"""Power of the points-to-pay curve: pay rises faster than points, as surveys show."""
OUTLIER_FACTORS = {ALGORITHM_ENGINEER: 1.45, WORKSHOP_DIRECTOR: 0.72}
TARGET_R2 = 0.85


def _market_p50(points: np.ndarray, outlier: np.ndarray, factor: np.ndarray,
                rng: np.random.Generator) -> np.ndarray:
    """Fixed-pay P50 per key job: a rising curve, survey noise and the two planted outliers.

    The noise scale is bisected until the linear R² is 0.85.  A draw is kept
    only if exactly the planted jobs have |z| > 2 (with a margin of 0.05 each
    way, so rounding cannot flip a job); otherwise the noise is drawn again.
    Roughly one draw in three is kept, so this ends after a few tries.
    """
    low, high = points.min(), points.max()
    curve = MARKET_LOW + (MARKET_HIGH - MARKET_LOW) * ((points - low) / (high - low)) ** MARKET_CURVATURE
    for _ in range(200):
        noise = rng.standard_normal(points.size)
        noise = np.clip((noise - noise.mean()) / noise.std(), -1.6, 1.6)

        def p50(scale: float) -> np.ndarray:
            return np.round(curve * factor * np.exp(scale * noise), -1)

        lo, hi = 0.0, 1.0
        if _linear_r2_and_z(points, p50(lo))[0] < TARGET_R2:
            continue
        for _ in range(40):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if _linear_r2_and_z(points, p50(mid))[0] > TARGET_R2 else (lo, mid)
        values = p50(lo)
        r2, z = _linear_r2_and_z(points, values)
        if (abs(r2 - TARGET_R2) < 0.01 and (np.abs(z[outlier]) > 2.05).all()
                and (np.abs(z[~outlier]) < 1.95).all()):
            return values
    raise RuntimeError("market data: no survey draw met the R² and outlier targets")  # pragma: no cover


def _market_data(jobs: pd.DataFrame, cal: _Calendar, rng: np.random.Generator) -> pd.DataFrame:
    """Survey percentiles for the key jobs, this year's survey and last year's.

    Percentiles fan out more at higher grades; total cash adds a bonus share
    rising from 5 % at grade 1 to 30 % at grade 12, larger at the higher
    percentiles (the best payers pay more variable).
    """
    key = jobs[jobs["is_key"]].reset_index(drop=True)
    points = key["points"].to_numpy()
    grade = key["grade"].to_numpy()
    outlier = key["job_id"].isin(list(OUTLIER_FACTORS)).to_numpy()
    factor = key["job_id"].map(OUTLIER_FACTORS).fillna(1.0).to_numpy()
    p50 = _market_p50(points, outlier, factor, rng)

    fan = (0.8 + 0.6 * (grade - 1) / (GRADES - 1))[:, None]
    # Gaps between neighbouring percentiles as shares of P50, jittered but always positive.
    gaps = np.array([0.13, 0.13, 0.16, 0.20]) * fan * np.exp(0.1 * rng.standard_normal((points.size, 4)))
    fixed = np.column_stack([
        p50 * (1 - gaps[:, 0] - gaps[:, 1]), p50 * (1 - gaps[:, 1]), p50,
        p50 * (1 + gaps[:, 2]), p50 * (1 + gaps[:, 2] + gaps[:, 3])])
    fixed[:, [0, 1, 3, 4]] = np.round(fixed[:, [0, 1, 3, 4]], -1)
    bonus = (0.05 + 0.25 * (grade - 1) / (GRADES - 1))[:, None] * np.array([0.8, 0.9, 1.0, 1.1, 1.2])
    total = np.round(fixed * (1 + bonus), -1)

    rows = []
    year = cal.survey_year
    # Last year's survey: this year's aged back by the market movement, with a little survey noise.
    last_year = (1 + HEADCOUNT_GROWTH) * np.exp(0.015 * rng.standard_normal(points.size))
    for survey_year, divisor in ((year - 1, last_year), (year, np.ones(points.size))):
        for pay_type, values in (("fixed", fixed), ("total_cash", total)):
            aged = np.round(values / divisor[:, None], -1)
            frame = pd.DataFrame(aged, columns=["p10", "p25", "p50", "p75", "p90"])
            frame.insert(0, "pay_type", pay_type)
            frame.insert(0, "survey_year", survey_year)
            frame.insert(0, "job_id", key["job_id"])
            frame["effective_date"] = pd.Timestamp(date(survey_year, 4, 1))
            frame["source"] = f"Demo survey {survey_year} / 演示薪酬调研 {survey_year}"
            frame["survey_job"] = key["title_en"]
            frame["currency"] = "CNY"
            rows.append(frame)
    market = pd.concat(rows, ignore_index=True)
    market["effective_date"] = market["effective_date"].astype("datetime64[s]")
    return market


def _pay_grades(jobs: pd.DataFrame, market: pd.DataFrame, survey_year: int) -> tuple[pd.DataFrame, dict]:
    """The approved structure's grades, read off the survey (DOMAIN.md §3).

    Log-linear lines of P50 and P75 on points (planted outliers left out, as
    the committee would re-evaluate them first) are read at each grade's
    band centre; the market position moves from P50 at grade 1 to P75 at
    grade 12 along a quadratic, so midpoint progression rises with grade.
    """
    low, high = POINTS_RANGE
    bands = _bands()
    grade = bands["grade"].to_numpy()
    band_min, band_max = bands["points_min"].to_numpy(), bands["points_max"].to_numpy()
    centre = (band_min + band_max) / 2
    position = 50 + 25 * ((grade - 1) / (GRADES - 1)) ** 2

    survey = market[(market["survey_year"] == survey_year)
                    & ~market["job_id"].isin(list(OUTLIER_FACTORS))].merge(jobs[["job_id", "points"]], on="job_id")
    columns = {}
    for pay_type, prefix in (("fixed", "fixed"), ("total_cash", "total")):
        part = survey[survey["pay_type"] == pay_type]
        lines = {}
        for pct in ("p50", "p75"):
            slope, intercept = np.polyfit(part["points"], np.log(part[pct]), 1)
            lines[pct] = np.exp(intercept + slope * centre)
        mid = np.round(lines["p50"] + (position - 50) / 25 * (lines["p75"] - lines["p50"]))
        spread = _spread(grade)
        minimum = mid * 2 / (2 + spread)
        columns[prefix] = {"min": np.round(minimum, 2), "mid": mid, "max": np.round(minimum * (1 + spread), 2)}

    grades = pd.DataFrame({
        "structure_id": "current", "grade": grade,
        "points_min": band_min, "points_max": band_max,
        "fixed_min": columns["fixed"]["min"], "fixed_mid": columns["fixed"]["mid"],
        "fixed_max": columns["fixed"]["max"],
        "total_min": columns["total"]["min"], "total_mid": columns["total"]["mid"],
        "total_max": columns["total"]["max"]})
    params = {
        "survey_year": survey_year, "model": "log-linear", "reading_point": "band centre",
        "points_range": list(POINTS_RANGE), "grades": GRADES,
        "market_position": {int(g): round(float(p), 1) for g, p in zip(grade, position)},
        "spread": {int(g): round(float(s), 4) for g, s in zip(grade, _spread(grade))},
        "excluded_outliers": sorted(OUTLIER_FACTORS),
    }
    return grades, params


# ---------------------------------------------------------------------------
# Organisation: the positions of the active workforce
# ---------------------------------------------------------------------------

MIN_DEPARTMENT_SIZE = 4
"""A head and three staff: enough subordinates for a 360-degree review of the head."""
MAX_DIRECT_STAFF = 25
"""The head of a department up to this size manages the staff directly; larger ones get team leaders."""


@dataclass(frozen=True)
class _Org:
    """Active positions (slots); ``superior`` is the slot of the manager, -1 for the CEO."""

    dept: np.ndarray
    job: np.ndarray
    superior: np.ndarray
    head: np.ndarray
    """Slot of each department's head, in the order of :data:`DEPARTMENTS`."""


def _department_sizes(total: int) -> np.ndarray:
    shares = np.array([d.share for d in DEPARTMENTS if d.staff])
    return MIN_DEPARTMENT_SIZE + _largest_remainder(shares, total - MIN_DEPARTMENT_SIZE * shares.size)


def _design_org(employees: int, job_index: dict[str, int], rng: np.random.Generator) -> _Org:
    """Lay out ``employees`` positions: CEO, centre heads, department heads, managers, team leaders, staff."""
    dept: list[np.ndarray] = []
    job: list[np.ndarray] = []
    superior: list[np.ndarray] = []
    placed = 0

    def add(d: int, job_ids: np.ndarray, bosses: np.ndarray) -> np.ndarray:
        nonlocal placed
        slots = np.arange(placed, placed + job_ids.size)
        dept.append(np.full(job_ids.size, d))
        job.append(job_ids)
        superior.append(bosses)
        placed += job_ids.size
        return slots

    def spread_over(count: int, bosses: np.ndarray) -> np.ndarray:
        """Superiors for ``count`` people, dealt round the ``bosses`` like cards."""
        return bosses[np.arange(count) % bosses.size]

    head_slot = np.zeros(len(DEPARTMENTS), dtype=np.int64)
    root = DEPARTMENTS[0].department_id
    head_slot[0] = add(0, np.array([job_index["MG-CEO"]]), np.array([-1]))[0]
    for i, d in enumerate(DEPARTMENTS):
        if d.parent_id == root:
            head_slot[i] = add(i, np.array([job_index[d.head_job]]), head_slot[:1])[0]
    leaves = [i for i, d in enumerate(DEPARTMENTS) if d.staff]
    for i, size in zip(leaves, _department_sizes(employees - placed)):
        d = DEPARTMENTS[i]
        head = add(i, np.array([job_index[d.head_job]]), head_slot[PARENT[i:i + 1]])
        head_slot[i] = head[0]
        rest = int(size) - 1
        bosses = head
        if rest > MAX_DIRECT_STAFF:
            # Team leaders for about ten staff each, then manager layers until no span exceeds the limit.
            layers = [max(3, round(rest / STAFF_PER_TEAM_LEADER))]
            while layers[-1] > SPAN_OF_CONTROL:
                layers.append(max(3, math.ceil(layers[-1] / REPORTS_PER_MANAGER)))
            layer_jobs = [TEAM_LEADER_JOB[d.family], "MG-MGR"] + ["MG-SRM"] * (len(layers) - 2)
            for count, job_id in reversed(list(zip(layers, layer_jobs))):
                bosses = add(i, np.full(count, job_index[job_id]), spread_over(count, bosses))
            rest -= sum(layers)
        mix_jobs = np.array([job_index[j] for j, _ in d.staff])
        counts = _largest_remainder(np.array([w for _, w in d.staff], dtype=float), rest)
        staff_jobs = rng.permutation(np.repeat(mix_jobs, counts))
        add(i, staff_jobs, spread_over(rest, bosses))
    return _Org(np.concatenate(dept), np.concatenate(job), np.concatenate(superior), head_slot)


def _predecessors(jobs: pd.DataFrame, job_index: dict[str, int]) -> np.ndarray:
    """``table[dept, job]``: the job one step down the ladder, -1 if people are hired straight into it.

    Team leaders come from the department's most senior staff job below
    them, managers from the department's team leaders.
    """
    grade = jobs["grade"].to_numpy()
    table = np.full((len(DEPARTMENTS), len(jobs)), -1)
    for d_i, d in enumerate(DEPARTMENTS):
        staff = [job_index[j] for j, _ in d.staff]
        team_leader = job_index[TEAM_LEADER_JOB[d.family]] if d.staff else -1
        for j_i, marker in enumerate(jobs["predecessor"]):
            if marker == _FROM_TEAM_LEADER:
                table[d_i, j_i] = team_leader
            elif marker == _FROM_SENIOR_STAFF:
                below = [s for s in staff if grade[s] < grade[j_i]]
                table[d_i, j_i] = max(below, key=lambda s: grade[s]) if below else -1
            elif isinstance(marker, str):
                table[d_i, j_i] = job_index[marker]
    return table


def _next_jobs(jobs: pd.DataFrame) -> list[str | None]:
    """The career path one step up from each job (``jobs.next_job_id``); None at the top.

    The ladder of :data:`JOBS` read upwards, one job per job where
    :func:`_predecessors` depends on the department:

    * a job named as another's predecessor leads there (the first such job
      listed; a representative level 3 leads to team leader rather than to
      quality specialist, as the seed's representatives do);
    * a team leader leads to manager (the job promoted from team leaders);
    * any other staff job leads to its family's team leader when that job
      is graded above it, else to manager when that is, else nowhere (the
      principal engineer tops the expert ladder);
    * a manager job that heads departments and leads nowhere on the ladder
      leads to the job heading the parent department (workshop director to
      centre general manager).

    Every step rises at least one grade, so the paths have no cycles.
    """
    grade = dict(zip(jobs["job_id"], jobs["grade"]))
    family = dict(zip(jobs["job_id"], jobs["job_family"]))
    manager = next(j for j, marker in zip(jobs["job_id"], jobs["predecessor"]) if marker == _FROM_TEAM_LEADER)
    parent_head = {d.head_job: DEPARTMENTS[PARENT[i]].head_job for i, d in enumerate(DEPARTMENTS) if d.parent_id}
    next_jobs: list[str | None] = []
    for job_id, is_manager in zip(jobs["job_id"], jobs["is_manager"]):
        successors = [j for j, marker in zip(jobs["job_id"], jobs["predecessor"]) if marker == job_id]
        team_leader = TEAM_LEADER_JOB.get(family[job_id])
        if successors:
            step = team_leader if team_leader in successors else successors[0]
        elif job_id in TEAM_LEADER_JOB.values():
            step = manager
        elif not is_manager:
            above = [j for j in (team_leader, manager) if j is not None and grade[j] > grade[job_id]]
            step = above[0] if above else None
        else:
            step = parent_head.get(job_id)
        next_jobs.append(step)
    return next_jobs


# ---------------------------------------------------------------------------
# People: candidates, leavers, dates and profiles
# ---------------------------------------------------------------------------

@dataclass
class _People:
    """Everyone who worked here in the window: the actives in slot order, then the leavers.

    Days are counted from 1970-01-01; ``obs`` is the as-of date for actives
    and the exit date (last day of service) for leavers.
    """

    dept: np.ndarray
    job: np.ndarray
    manager: np.ndarray
    active: np.ndarray
    obs: np.ndarray
    hire: np.ndarray
    birth: np.ndarray
    perf: np.ndarray
    pay_quantile: np.ndarray
    promoted_days_ago: np.ndarray
    """Days from the last two promotions to ``obs`` (columns: last, the one before); -1 if none."""
    female: np.ndarray
    education: np.ndarray
    key_talent: np.ndarray
    exit_type: np.ndarray
    """-1 for actives, 0 voluntary, 1 involuntary."""
    exit_reason: np.ndarray
    """Index into :data:`EXIT_REASONS`, -1 for actives."""
    at_risk: np.ndarray
    """Leavers, and the actives who show the pre-exit pattern."""
    grade: np.ndarray | None = None
    base_pay: np.ndarray | None = None

    @property
    def size(self) -> int:
        return self.dept.size


def _compa_ratio(quantile: np.ndarray, spread: np.ndarray) -> np.ndarray:
    """Compa-ratio from a person's pay quantile within the range.

    The lowest :data:`BELOW_MIN_SHARE` sit below the minimum, the highest
    :data:`ABOVE_MAX_SHARE` above the maximum; the rest are normally spread
    around the midpoint, most between CR 0.85 and 1.15.
    """
    inner = np.clip((quantile - BELOW_MIN_SHARE) / (1 - BELOW_MIN_SHARE - ABOVE_MAX_SHARE), 1e-6, 1 - 1e-6)
    penetration = np.where(
        quantile < BELOW_MIN_SHARE, -0.02 - 0.25 * (BELOW_MIN_SHARE - quantile) / BELOW_MIN_SHARE,
        np.where(quantile > 1 - ABOVE_MAX_SHARE,
                 1.02 + 0.12 * (quantile - 1 + ABOVE_MAX_SHARE) / ABOVE_MAX_SHARE,
                 np.clip(0.5 + 0.16 * ndtri(inner), 0.02, 0.98)))
    minimum = 2 / (2 + spread)
    return minimum + penetration * minimum * spread


TENURE_HAZARD = ((0.25, 3.0), (1.0, 1.8), (2.0, 1.2), (8.0, 0.9), (np.inf, 0.6))
"""Exit hazard by years of service, relative to the job's annual turnover: new hires leave most."""


def _draw_tenure(turnover: np.ndarray, leaving: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Years of service at the observation date, consistent with the job's turnover.

    With an exit hazard h(t) shaped by :data:`TENURE_HAZARD` and survival
    S(t), in a workforce growing at g = :data:`HEADCOUNT_GROWTH` the service
    of the people employed today has density ∝ (1 + g)^-t · S(t), and the
    service at exit of the people leaving has density ∝ (1 + g)^-t · h(t) · S(t).
    h is scaled so that its average over today's workforce is the job's
    turnover; drawing from these densities keeps hires, exits and headcount
    in step.
    """
    grid = np.linspace(0.0, MAX_TENURE_YEARS, 20 * 365 + 1)
    step = grid[1] - grid[0]
    bounds = np.array([b for b, _ in TENURE_HAZARD])
    shape = np.array([m for _, m in TENURE_HAZARD])[np.searchsorted(bounds, grid, side="right")]
    growth = (1 + HEADCOUNT_GROWTH) ** -grid
    tenure = np.empty(turnover.size)
    for rate in np.unique(turnover):
        hazard = rate * shape
        for _ in range(30):  # fixed point: the workforce's average hazard equals the turnover
            stock = growth * np.exp(-np.cumsum(hazard) * step)
            hazard = hazard * rate / max((hazard * stock).sum() / stock.sum(), 1e-12)
        for exiting in (False, True):
            rows = np.flatnonzero((turnover == rate) & (leaving == exiting))
            cdf = np.cumsum(stock * hazard if exiting else stock)
            tenure[rows] = np.interp(rng.random(rows.size) * cdf[-1], cdf, grid)
    return np.maximum(tenure, 14 / 365.25)


def _exit_weights(compa, slow_promotion, perf, grade, key_talent):
    """Log weights of voluntary and involuntary exit within a cell (seed 001, DOMAIN.md §7).

    Pay below 0.9 of the midpoint, a slow promotion pace (years without
    promotion), and strong performers stuck in low grades (poached) drive
    voluntary exits; key talent gets retention attention.  Low performance
    drives involuntary exits.  Short service drives both, through the
    tenure drawn for leavers (:func:`_draw_tenure`).
    """
    voluntary = (0.9 * (compa < 0.9) + 0.35 * ((compa >= 0.9) & (compa < 0.95)) - 0.3 * (compa > 1.1)
                 + 0.6 * slow_promotion + 0.8 * ((perf > 1) & (grade <= 5)) - 0.4 * key_talent)
    involuntary = -1.0 * perf - 1.1
    return voluntary, involuntary


def _exit_reasons(is_voluntary, compa, stalled, poached, young, perf, tenure, rng) -> np.ndarray:
    """Reasons of leavers (indexes into :data:`EXIT_REASONS`), weighted by what drove each exit."""
    n = is_voluntary.size
    ones = np.ones(n)
    voluntary = np.column_stack([
        1 + 3 * (compa < 0.9),                  # pay
        1 + 2 * stalled + 2 * poached,          # career
        0.7 * ones,                             # family
        0.6 * ones,                             # manager
        0.5 * ones,                             # relocation
        0.2 + 1.0 * young,                      # study
    ])
    involuntary = np.column_stack([
        0.5 + 3 * (perf < -0.8) + 1.5 * (tenure < 0.5),   # performance (including failed probation)
        0.25 * ones,                                      # misconduct
        0.35 * ones,                                      # restructuring
        0.4 + 0.6 * (tenure >= 1),                        # contract_end
    ])
    return np.where(is_voluntary, _categorical(rng, voluntary),
                    len(VOLUNTARY_REASONS) + _categorical(rng, involuntary))


def _exit_days(n: int, cal: _Calendar, rng: np.random.Generator) -> np.ndarray:
    """Exit dates in the window: seasonal (after the Spring Festival) and growing with headcount."""
    days = np.arange(cal.window_start + 1, cal.today + 1)
    month = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12
    weight = SEASON[month] * (1 + HEADCOUNT_GROWTH) ** (-(cal.today - days) / 365.25)
    chosen = rng.choice(days, size=n, p=weight / weight.sum())
    return np.maximum(_back_to_friday(chosen), cal.window_start + 1)


def _populate(org: _Org, jobs: pd.DataFrame, cal: _Calendar, rng: np.random.Generator) -> _People:
    """Fill the positions and the window's exits with people.

    Each (department, job) cell draws its actives plus its leavers as
    candidates; the leavers are picked by exit weight (Gumbel top-k) and
    the rest take the cell's positions.  Service, promotions and ages are
    drawn after, by role.  Representatives share one cell per department:
    their level comes later, from certification.
    """
    job_index = {j: i for i, j in enumerate(jobs["job_id"])}
    job_grade = jobs["grade"].to_numpy()
    job_manager = jobs["is_manager"].to_numpy()
    job_turnover = jobs["turnover"].to_numpy()
    n_jobs = len(jobs)

    slot_cell_key = org.dept * n_jobs + org.job
    cell_keys, slot_cell, active_per_cell = np.unique(slot_cell_key, return_inverse=True, return_counts=True)
    cell_dept, cell_job = cell_keys // n_jobs, cell_keys % n_jobs
    # Person-years in the window per position held today, with headcount growing.
    exposure = sum((1 + HEADCOUNT_GROWTH) ** -(y + 0.5) for y in range(WINDOW_YEARS))
    leavers_per_cell = _stochastic_round(active_per_cell * job_turnover[cell_job] * exposure, rng)

    # Candidates and the drivers of their exit.
    cand_cell = np.repeat(np.arange(cell_keys.size), active_per_cell + leavers_per_cell)
    n = cand_cell.size
    grade = job_grade[cell_job[cand_cell]]
    perf = rng.standard_normal(n)
    pay_signal = 0.35 * perf + rng.standard_normal(n)
    pay_quantile = ndtr((pay_signal - pay_signal.mean()) / pay_signal.std())
    compa = _compa_ratio(pay_quantile, _spread(grade))
    slow_promotion = rng.random(n) < 0.3
    talent_score = perf + 0.12 * (grade - 5) + 0.35 * rng.standard_normal(n)
    key_talent = talent_score >= np.quantile(talent_score, 1 - KEY_TALENT_SHARE)
    voluntary, involuntary = _exit_weights(compa, slow_promotion, perf, grade, key_talent)
    weight = np.exp(voluntary) + np.exp(involuntary)
    leaving = _top_k_per_group(cand_cell, np.log(weight), leavers_per_cell, rng)
    is_voluntary = rng.random(n) < np.exp(voluntary) / weight

    # Actives take their cell's positions in random order; leavers follow them.
    stayers = np.flatnonzero(~leaving)
    stayers = stayers[np.lexsort((rng.random(stayers.size), cand_cell[stayers]))]
    slots_by_cell = np.lexsort((rng.random(slot_cell.size), slot_cell))
    order = np.empty(slot_cell.size, dtype=np.int64)
    order[slots_by_cell] = stayers
    leavers = np.flatnonzero(leaving)
    order = np.concatenate([order, leavers])
    active = np.arange(order.size) < slot_cell.size
    cell = cand_cell[order]
    dept, job = cell_dept[cell], cell_job[cell]
    grade, perf, key_talent = grade[order], perf[order], key_talent[order]

    # A leaver reported to whoever manages a colleague in the same cell today.
    cell_first_slot = np.searchsorted(slot_cell[slots_by_cell], np.arange(cell_keys.size))
    left_cell = cand_cell[leavers]
    colleague = slots_by_cell[cell_first_slot[left_cell]
                              + (rng.random(leavers.size) * active_per_cell[left_cell]).astype(np.int64)]
    manager_of = np.concatenate([org.superior, org.superior[colleague]])

    # Service, promotions and age.
    tenure = _draw_tenure(job_turnover[job], ~active, rng)
    ceo = job == job_index["MG-CEO"]
    tenure[ceo] = 12 + 8 * rng.random(int(ceo.sum()))
    # The last two steps up the ladder, strong performers climbing faster; older steps fall before the window.
    predecessor = _predecessors(jobs, job_index)
    step_before = predecessor[dept, job]
    pace = 2.4 * np.exp(-0.35 * perf + 0.7 * slow_promotion[order])
    since_promotion = rng.exponential(pace)
    promoted = (step_before >= 0) & (rng.random(order.size) < 0.85) & (since_promotion < tenure - 0.25)
    since_previous = since_promotion + 0.5 + rng.exponential(pace)  # at least half a year in a job
    promoted_twice = promoted & (predecessor[dept, np.maximum(step_before, 0)] >= 0) & (since_previous < tenure - 0.25)
    education = _draw_education(jobs, job, rng)
    school_age = SCHOOL_LEAVING_AGE[education] + rng.random(order.size) - 0.5
    # Experience before joining: what the grade needs beyond the years served here, plus a little more.
    prior = np.maximum(0.0, (grade - 2) * 1.8 - tenure) + rng.exponential(np.where(grade <= 3, 2.0, 3.0))
    prior = np.clip(prior, np.maximum(0.0, 20.0 - school_age - tenure), np.maximum(0.0, 59.5 - school_age - tenure))
    hire_age = school_age + prior

    obs = np.full(order.size, cal.today)
    obs[~active] = _exit_days(leavers.size, cal, rng)
    hire = _back_to_friday(obs - np.round(tenure * 365.25).astype(np.int64))
    birth = hire - np.round(hire_age * 365.25).astype(np.int64)

    years_since_promotion = np.where(promoted, since_promotion, tenure)
    reasons = _exit_reasons(is_voluntary[order], compa[order], years_since_promotion > 4,
                            (perf > 1) & (grade <= 5), hire_age + tenure < 28, perf, tenure, rng)
    at_risk = ~active
    active_rows = np.flatnonzero(active)
    watch = _top_k_per_group(np.zeros(active_rows.size, dtype=np.int64), np.log(weight[order][active_rows]),
                             np.array([round(AT_RISK_SHARE * active_rows.size)]), rng)
    at_risk[active_rows[watch]] = True

    female_share = np.array([d.female for d in DEPARTMENTS])[dept] * np.where(job_manager[job], 0.7, 1.0)
    return _People(
        dept=dept, job=job, manager=manager_of, active=active, obs=obs, hire=hire, birth=birth,
        perf=perf, pay_quantile=pay_quantile[order],
        promoted_days_ago=np.column_stack([
            np.where(promoted, np.round(since_promotion * 365.25), -1),
            np.where(promoted_twice, np.round(since_previous * 365.25), -1)]).astype(np.int64),
        female=rng.random(order.size) < female_share, education=education, key_talent=key_talent,
        exit_type=np.where(active, -1, np.where(is_voluntary[order], 0, 1)),
        exit_reason=np.where(active, -1, reasons), at_risk=at_risk)


def _draw_education(jobs: pd.DataFrame, job: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    profile_names = list(EDUCATION_PROFILES)
    shares = np.array([EDUCATION_PROFILES[p] for p in profile_names])
    profile = jobs["education"].map(profile_names.index).to_numpy()[job]
    return _categorical(rng, shares[profile])


def _draw_majors(people: _People, jobs: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Majors (indexes into :data:`MAJORS`) by the job's profile, managers' by their department's.

    -1 (no major) after high school.
    """
    profiles = list(MAJOR_PROFILES)
    job_profile = jobs["majors"].map(lambda name: profiles.index(name) if isinstance(name, str) else -1)
    dept_profile = np.array([profiles.index(d.majors) for d in DEPARTMENTS])
    profile = job_profile.to_numpy()[people.job]
    profile = np.where(profile < 0, dept_profile[people.dept], profile)
    major = np.full(people.size, -1)
    for p, options in enumerate(MAJOR_PROFILES.values()):
        rows = np.flatnonzero(profile == p)
        codes = np.array([MAJORS.index(code) for code, _ in options])
        weights = np.array([w for _, w in options])
        major[rows] = codes[rng.choice(codes.size, size=rows.size, p=weights / weights.sum())]
    major[people.education == EDUCATION.index("high_school")] = -1
    return major


def _draw_names(female: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Chinese names (surname + one or two characters) and their pinyin, "Zhang Wei", "Li Xiaoming"."""
    n = female.size
    weights = np.array([w for *_, w in SURNAMES])
    surname = rng.choice(len(SURNAMES), size=n, p=weights / weights.sum())
    sur_zh = np.array([s for s, *_ in SURNAMES])[surname]
    sur_en = np.array([p for _, p, _ in SURNAMES])[surname]
    given_zh = np.empty(n, dtype="<U2")
    given_en = np.empty(n, dtype="<U16")
    two_characters = rng.random(n) < 0.7
    for is_female, pool in ((False, GIVEN_MALE), (True, GIVEN_FEMALE)):
        rows = np.flatnonzero(female == is_female)
        chars = np.array([c for c, _ in pool])
        sounds = np.array([p for _, p in pool])
        first = rng.integers(0, len(pool), rows.size)
        second = rng.integers(0, len(pool), rows.size)
        both = two_characters[rows]
        given_zh[rows] = np.strings.add(chars[first], np.where(both, chars[second], ""))
        given_en[rows] = np.strings.add(np.strings.capitalize(sounds[first]), np.where(both, sounds[second], ""))
    return np.strings.add(sur_zh, given_zh), np.strings.add(np.strings.add(sur_en, " "), given_en)


# ---------------------------------------------------------------------------
# Certification of customer-service representatives (seed 004)
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Certification:
    person: np.ndarray
    """The person (index into people) of each certification record ..."""
    records: dict[str, np.ndarray]
    """... and the record's level, stage and course (indexes), score, pass mark, ok and day."""
    certified_on: np.ndarray
    """``certified_on[rep, level]``: day of the passed review for levels 1-3, -1 if not (yet)."""
    reps: np.ndarray
    """People index of each representative."""


def _certify_representatives(people: _People, job_index: dict[str, int], cal: _Calendar,
                             rng: np.random.Generator) -> _Certification:
    """Run every representative through the quarterly certification sittings; set their level.

    Per level: the exams of every course the level requires, its own and
    those of the levels below (:data:`CERT_COURSE_CATALOGUE`; pass mark
    from an 80 % pass rate per course, level and sitting; failed courses are
    retaken at the next sitting), then an ability test (pass mark 60) once
    all are passed, then the committee review two weeks later.  Course
    results stay valid until that review (seed 004 §8.4.2): a rejected
    candidate starts the courses again six months on, and a certified one
    sits every course again at the next level, where the exams are harder.
    Levels are taken one at a time; a first attempt at level 1 comes after
    the three-month probation, a next level a year or two after the last
    one, and only for those who want it (more often the able).  Four
    sittings with a failed course, or three failed ability tests, end the
    attempt at that level.  The representative's job level is the highest
    level passed (level 1 before the first pass).
    """
    reps = np.flatnonzero(np.isin(people.job, [job_index[j] for j in CS_REP_JOBS]))
    n = reps.size
    hire, obs = people.hire[reps], people.obs[reps]
    ability = 0.6 * people.perf[reps] + 0.8 * rng.standard_normal(n)
    held = np.zeros(n, dtype=np.int64)
    target = np.ones(n, dtype=np.int64)
    passed_courses = np.zeros(n, dtype=np.int64)  # bit c set: course c passed since the last review
    failed_sittings = np.zeros(n, dtype=np.int64)
    failed_ability = np.zeros(n, dtype=np.int64)
    pursuing = np.ones(n, dtype=bool)
    next_sitting = hire + 90
    certified_on = np.full((n, 4), -1, dtype=np.int64)
    top_level = len(CERT_LEVELS)
    # required[level]: the bits of the courses that level asks for (the row past the top is never used).
    required = np.array([sum(1 << c for c, start in enumerate(CERT_COURSE_FROM_LEVEL) if start <= level)
                         for level in range(top_level + 2)])
    parts: list[dict] = []

    def record(rows, stage, course, score, mark, ok, day):
        parts.append({"rep": rows, "level": target[rows], "stage": np.full(rows.size, CERT_STAGES.index(stage)),
                      "course": np.full(rows.size, course), "score": score, "pass_mark": mark, "ok": ok,
                      "day": np.full(rows.size, day)})

    # ``next_sitting = day + 1`` below means: again at the next sitting.

    for day in cal.exam_sittings():
        due = pursuing & (target <= top_level) & (next_sitting <= day) & (hire <= day) & (day <= obs)
        courses_done = passed_courses == required[target]
        sit_courses = due & ~courses_done
        sit_ability = due & courses_done

        failed_now = np.zeros(n, dtype=bool)
        for c in range(len(CERT_COURSES)):
            takers = np.flatnonzero(sit_courses & ((passed_courses >> c) & 1 == 0)
                                    & (CERT_COURSE_FROM_LEVEL[c] <= target))
            if takers.size == 0:
                continue
            score = np.clip(np.round(66 + 7 * ability[takers] - 3 * (target[takers] - 1)
                                     + CERT_COURSE_EASE[c] + 7 * rng.standard_normal(takers.size)), 0, 100)
            mark = np.empty(takers.size)
            for level in np.unique(target[takers]):
                same = target[takers] == level
                mark[same] = pass_mark(score[same], CERT_PASS_RATE)
            ok = score >= mark
            passed_courses[takers[ok]] |= 1 << c
            failed_now[takers[~ok]] = True
            record(takers, "course_exam", c, score, mark, ok, day)
        failed_sittings += failed_now
        pursuing &= ~(sit_courses & (failed_sittings >= 4))
        next_sitting[sit_courses] = day + 1

        takers = np.flatnonzero(sit_ability)
        if takers.size == 0:
            continue
        score = np.clip(np.round(72 + 8 * ability[takers] - 2 * (target[takers] - 1)
                                 + 8 * rng.standard_normal(takers.size)), 0, 100)
        ok = score >= ABILITY_TEST_PASS_MARK
        record(takers, "ability_test", -1, score, np.full(takers.size, ABILITY_TEST_PASS_MARK), ok, day)
        failed = takers[~ok]
        failed_ability[failed] += 1
        pursuing[failed[failed_ability[failed] >= 3]] = False
        next_sitting[failed] = day + 1

        review_day = day + 14
        reviewed = takers[ok & (review_day <= obs[takers]) & (review_day <= cal.today)]
        approved = rng.random(reviewed.size) < 0.95
        record(reviewed, "review", -1, np.full(reviewed.size, np.nan), np.full(reviewed.size, np.nan),
               approved, review_day)
        # The review closes the round: course results lapse whatever its outcome.
        passed_courses[reviewed] = 0
        failed_sittings[reviewed] = 0
        failed_ability[reviewed] = 0
        # A rejected candidate starts the level again, courses first, in six months.
        next_sitting[reviewed[~approved]] = review_day + 180
        up = reviewed[approved]
        certified_on[up, target[up]] = review_day
        held[up] = target[up]
        target[up] += 1
        next_sitting[up] = review_day + rng.integers(300, 720, up.size)
        pursuing[up] = rng.random(up.size) < ndtr(0.2 + 0.9 * ability[up] - 0.4 * (target[up] - 2))

    people.job[reps] = np.array([job_index[j] for j in CS_REP_JOBS])[np.maximum(held, 1) - 1]
    columns = ("rep", "level", "stage", "course", "score", "pass_mark", "ok", "day")
    records = {key: np.concatenate([p[key] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
               for key in columns}
    return _Certification(reps[records.pop("rep")], records, certified_on, reps)


ELIGIBILITY_LEAD_DAYS = 35
"""The eligibility review comes five weeks before the candidate's first exam at a level (seed 004 §6.2.2-6.2.3) ..."""
TRAINING_DAYS = (28, 3)
"""... and each course's training runs from four weeks to three days before its first exam (§6.2.4, §8.4.1)."""


def _first_batch(certification: _Certification, cal: _Calendar) -> np.ndarray:
    """Which records are of the first batch (首批认证, seed 004 §15(1)): the level-1 round of the representatives
    who sat the track's first sitting, up to and with their first review; level 1 is their own post then."""
    records = certification.records
    first_day = cal.exam_sittings()[:1]
    frame = pd.DataFrame({"person": certification.person, "level": records["level"], "stage": records["stage"],
                          "day": records["day"]})
    level_one = frame[frame["level"] == 1]
    start = level_one.groupby("person")["day"].min()
    batch = start.index[start.isin(first_day)]
    reviews = level_one[level_one["stage"] == CERT_STAGES.index("review")].groupby("person")["day"].min()
    until = pd.Series(frame["person"]).map(reviews).fillna(np.inf).to_numpy()
    return (frame["level"].to_numpy() == 1) & np.isin(frame["person"].to_numpy(), batch) & (frame["day"] <= until)


REVIEW_NOTE = "Experience before joining counted / 计入入职前的工作经验"
"""The reviewer's note where service here falls short of the years the post asks for: the system holds service
here only (seed 004 第十六条 5.1.1 speaks of 专业经验, professional experience)."""


def _certification_order_frames(certification: _Certification, people: _People, ids: pa.Array,
                                jobs: pd.DataFrame, job_index: dict[str, int]) -> dict:
    """Eligibility reviews and training before every exam of the representatives' history (seed 004 §6.2).

    One review (outcome meets) per representative and level, :data:`ELIGIBILITY_LEAD_DAYS` before their first
    exam at the level, by their manager (§6.2.2: 由现场管理人员组织…资格审查); one training record per course and
    level, ending before the first exam of that course at the level (:data:`TRAINING_DAYS`), in the company's
    course or by self-study (a third self-study, by a fixed rule rather than a draw: no other draw shifts).
    A retake after a failed exam or a rejected review rests on the same review and training.  Where service
    here is short of the years the level's post asks for (:func:`_years_required`), the review keeps the unmet
    condition and the reviewer's :data:`REVIEW_NOTE`.
    """
    records = certification.records
    exams = np.isin(records["stage"], [CERT_STAGES.index("course_exam"), CERT_STAGES.index("ability_test")])
    frame = pd.DataFrame({"person": certification.person[exams], "level": records["level"][exams],
                          "course": records["course"][exams], "day": records["day"][exams]})
    reviewed = frame.groupby(["person", "level"], as_index=False)["day"].min()
    person = reviewed["person"].to_numpy()
    reviewed_on = (reviewed["day"] - ELIGIBILITY_LEAD_DAYS).to_numpy(np.int64)
    experience, _ = _years_required(jobs)
    post = np.array([job_index[j] for j in CS_REP_JOBS])[reviewed["level"].to_numpy() - 1]
    short = (reviewed_on - people.hire[person]) / 365.25 < experience[post] - 1e-9
    eligibility = pd.DataFrame({
        "review_id": _id_column("EL", len(reviewed), 8),
        "employee_id": _take(ids, person),
        "track_id": _labels([CERT_TRACK], np.zeros(len(reviewed), dtype=np.int64)),
        "level": reviewed["level"].astype(np.int64),
        "reviewed_on": _as_dates(reviewed_on),
        "outcome": _labels(("meets",), np.zeros(len(reviewed), dtype=np.int64)),
        "unmet": _labels(("experience",), np.where(short, 0, -1)),
        "reviewer": _take(ids, people.manager[person]),
        "note": _labels((REVIEW_NOTE,), np.where(short, 0, -1)),
    })
    courses = frame[frame["course"] >= 0].groupby(["person", "level", "course"], as_index=False)["day"].min()
    person, course = courses["person"].to_numpy(), courses["course"].to_numpy()
    first = courses["day"].to_numpy(np.int64)
    training = pd.DataFrame({
        "training_id": _id_column("TR", len(courses), 8),
        "employee_id": _take(ids, person),
        "track_id": _labels([CERT_TRACK], np.zeros(len(courses), dtype=np.int64)),
        "level": courses["level"].astype(np.int64),
        "course": _labels(CERT_COURSES, course),
        "mode": _labels(("self_study", "course"), ((person + course) % 3 != 0).astype(np.int64)),
        "started_on": _as_dates(first - TRAINING_DAYS[0]),
        "ended_on": _as_dates(first - TRAINING_DAYS[1]),
    })
    return {"cert_eligibility": eligibility, "cert_training": training}


def _certification_frame(certification: _Certification, ids: pa.Array, cal: _Calendar) -> pd.DataFrame:
    records = certification.records
    return pd.DataFrame({
        "record_id": _id_column("CR", certification.person.size, 8),
        "employee_id": _take(ids, certification.person),
        "track_id": _labels([CERT_TRACK], np.zeros(certification.person.size, dtype=np.int64)),
        "level": records["level"].astype(np.int64),
        "stage": _labels(CERT_STAGES, records["stage"]),
        "course": _labels(CERT_COURSES, records["course"]),
        "score": records["score"].astype(float),
        "pass_mark": records["pass_mark"].astype(float),
        "result": _labels(("fail", "pass"), records["ok"].astype(np.int64)),
        "exam_date": _as_dates(records["day"].astype(np.int64)),
        "first_batch": _first_batch(certification, cal),
    })


def _certification_catalogue() -> dict[str, pd.DataFrame]:
    """The representatives' track: its levels (each tied to a job) and its courses."""
    levels = pd.DataFrame(list(CERT_LEVELS), columns=["level", "name_en", "name_zh", "job_id"])
    courses = pd.DataFrame([row[:4] for row in CERT_COURSE_CATALOGUE],
                           columns=["course_id", "from_level", "name_en", "name_zh"])
    return {"cert_levels": levels.assign(track_id=CERT_TRACK).astype({"track_id": "str", "name_en": "str",
                                                                      "name_zh": "str", "job_id": "str"}),
            "cert_courses": courses.assign(track_id=CERT_TRACK).astype({"track_id": "str", "course_id": "str",
                                                                        "name_en": "str", "name_zh": "str"})}


APPEAL_SHARES = {"review": 0.25, "ability_test": 0.05}
"""Share of failed results appealed, by stage: a rejection by the committee is contested most."""
# Reasons by the stage appealed (seed 004 §6.2.8: the candidate appeals to HR, who investigate and reply).
APPEAL_REASONS = {
    "ability_test": ("Scoring of the recorded call disputed / 对录音评分有异议",
                     "Recording fault not caused by the candidate / 录音质量问题非本人原因"),
    "review": ("Review decision given without reasons / 综合评审结论未说明理由",
               "Exam and test results not weighed in the review / 评审未充分考虑考试与测试成绩"),
}
APPEAL_NOTES = {"upheld": "Upheld: re-assessment granted / 申诉成立：准予重新评定",
                "rejected": "Rejected: the result stands / 申诉不成立：维持原认证结果"}
APPEAL_UPHELD_SHARE = 0.3
APPEAL_OPEN_DAYS = 30
"""HR take up to a month to investigate: appeals filed in the last 30 days before the as-of date are pending."""


def _appeal_frame(certification: _Certification, people: _People, ids: pa.Array, decider: int,
                  cal: _Calendar, rng: np.random.Generator) -> pd.DataFrame:
    """Appeals against failed reviews and ability tests, filed 3-10 days after the result.

    Decided 10-30 days after filing by ``decider`` (the head of HR), or by
    "HR" when the decision predates the head's hire; about 30 % upheld (the
    candidate is re-assessed; the failed record stands).  Nothing is filed
    after the as-of date or after the candidate left.
    """
    records = certification.records
    n = records["stage"].size
    share = np.zeros(n)
    for stage, rate in APPEAL_SHARES.items():
        share[records["stage"] == CERT_STAGES.index(stage)] = rate
    appealed = ~records["ok"].astype(bool) & (rng.random(n) < share)
    filed = _back_to_friday(records["day"] + rng.integers(3, 11, n))
    decided = _back_to_friday(filed + rng.integers(12, 31, n))
    upheld = rng.random(n) < APPEAL_UPHELD_SHARE
    reason_pick = rng.integers(0, 2, n)
    appealed &= (filed <= cal.today) & (filed <= people.obs[certification.person])

    rows = np.flatnonzero(appealed)
    rows = rows[np.argsort(filed[rows], kind="stable")]
    person, filed, decided, upheld = certification.person[rows], filed[rows], decided[rows], upheld[rows]
    pending = filed > cal.today - APPEAL_OPEN_DAYS
    reviewed = records["stage"][rows] == CERT_STAGES.index("review")
    reasons = np.array([APPEAL_REASONS["ability_test"], APPEAL_REASONS["review"]])[
        reviewed.astype(np.int64), reason_pick[rows]]
    outcome = np.where(pending, 0, np.where(upheld, 1, 2))
    by_head = people.hire[decider] <= decided
    decided_by = np.where(pending, None, np.where(by_head, ids[decider].as_py(), "HR"))
    return pd.DataFrame({
        "appeal_id": _id_column("AP", rows.size, 5),
        "employee_id": _take(ids, person),
        "track_id": _labels([CERT_TRACK], np.zeros(rows.size, dtype=np.int64)),
        "level": records["level"][rows].astype(np.int64),
        "filed_on": _as_dates(filed),
        "reason": _strings(reasons),
        "outcome": _labels(("pending", "upheld", "rejected"), outcome),
        "decided_on": _as_dates(decided, missing=pending),
        "decided_by": _strings(decided_by),
        "note": _labels((APPEAL_NOTES["upheld"], APPEAL_NOTES["rejected"]), np.where(pending, -1, outcome - 1)),
    })


# ---------------------------------------------------------------------------
# Pay, ids and the employee-level tables
# ---------------------------------------------------------------------------

def _settle_pay(people: _People, jobs: pd.DataFrame, grades: pd.DataFrame) -> None:
    """Grade from the (final) job; base pay = grade midpoint × compa-ratio, to 10 CNY."""
    people.grade = jobs["grade"].to_numpy()[people.job]
    mid = grades["fixed_mid"].to_numpy()[people.grade - 1]
    people.base_pay = np.round(mid * _compa_ratio(people.pay_quantile, _spread(people.grade)), -1)


def _employee_ids(people: _People, rng: np.random.Generator) -> pa.Array:
    """Staff numbers in order of hiring, as HR systems hand them out: ``ids[person]``."""
    order = np.lexsort((rng.random(people.size), people.hire))
    rank = np.empty(people.size, dtype=np.int64)
    rank[order] = np.arange(people.size)
    return _ids("E", people.size, 7).take(pa.array(rank))


def _employee_frame(people: _People, ids: pa.Array, jobs: pd.DataFrame, grades: pd.DataFrame,
                    rng: np.random.Generator) -> pd.DataFrame:
    name_zh, name_en = _draw_names(people.female, rng)
    bonus = (grades["total_mid"] - grades["fixed_mid"]).to_numpy()
    left = ~people.active
    return pd.DataFrame({
        "employee_id": pd.Series(ids, dtype="str"),
        "name_zh": _strings(name_zh),
        "name_en": _strings(name_en),
        "department_id": _labels([d.department_id for d in DEPARTMENTS], people.dept),
        "job_id": _labels(jobs["job_id"], people.job),
        "grade": people.grade,
        "manager_id": _take(ids, people.manager),
        "hire_date": _as_dates(people.hire),
        "birth_date": _as_dates(people.birth),
        "gender": _labels(("male", "female"), people.female.astype(np.int64)),
        "education": _labels(EDUCATION, people.education),
        "major": _labels(MAJORS, _draw_majors(people, jobs, rng)),
        "location": _labels([d.location for d in DEPARTMENTS], people.dept),
        "base_pay": people.base_pay,
        "target_bonus": bonus[people.grade - 1],
        "status": _labels(("active", "left"), left.astype(np.int64)),
        "exit_date": _as_dates(people.obs, missing=~left),
        "exit_type": _labels(("voluntary", "involuntary"), people.exit_type),
        "exit_reason": _labels(EXIT_REASONS, people.exit_reason),
        "key_talent": people.key_talent,
        # Empty (level 1): the demo's jobs have one level each; the representatives' levels are jobs.
        "job_level": pd.Series(pd.NA, index=range(people.size), dtype="Int64"),
    })


def _department_frame(org: _Org, ids: pa.Array) -> pd.DataFrame:
    return pd.DataFrame({
        "department_id": _strings([d.department_id for d in DEPARTMENTS]),
        "name_en": _strings([d.name_en for d in DEPARTMENTS]),
        "name_zh": _strings([d.name_zh for d in DEPARTMENTS]),
        "parent_id": _strings([d.parent_id for d in DEPARTMENTS]),
        "head_id": _take(ids, org.head),
    })


def _structure_frame(params: dict, survey_year: int, org: _Org, ids: pa.Array) -> pd.DataFrame:
    """The approved structure: drafted by the head of HR after the survey, approved by the CEO."""
    hr_head = org.head[[d.department_id for d in DEPARTMENTS].index("D610")]
    effective = datetime(survey_year, 4, 1)
    return pd.DataFrame({
        "structure_id": ["current"],
        "name": [f"Current structure {survey_year} / {survey_year} 现行薪资结构"],
        "status": ["approved"],
        "params": [json.dumps(params, ensure_ascii=False)],
        "created_at": [effective + pd.Timedelta(days=45, hours=10)],
        "created_by": [ids[hr_head].as_py()],
        "approved_at": [effective + pd.Timedelta(days=75, hours=16)],
        "approved_by": [ids[org.head[0]].as_py()],
    })


EVENT_TYPES = ("hire", "promotion", "exit")


def _event_frame(people: _People, ids: pa.Array, jobs: pd.DataFrame, grades: pd.DataFrame,
                 certification: _Certification, job_index: dict[str, int]) -> pd.DataFrame:
    """Hires, promotions and exits, with the base pay after each.

    Everyone's hire (into the job one or two steps down the ladder if
    promoted since), everyone's last two promotions, representatives'
    promotions to the levels they certified for, leavers' exits.  Past pay
    is today's pay aged back by the market movement and scaled to the
    grade's midpoint at the time.
    """
    job_grade = jobs["grade"].to_numpy()
    mid = grades["fixed_mid"].to_numpy()
    predecessor = _predecessors(jobs, job_index)
    one_down = predecessor[people.dept, people.job]
    two_down = predecessor[people.dept, np.maximum(one_down, 0)]
    rep_job = np.array([job_index[j] for j in CS_REP_JOBS])

    last = np.flatnonzero(people.promoted_days_ago[:, 0] >= 0)
    previous = np.flatnonzero(people.promoted_days_ago[:, 1] >= 0)
    rep_rows, rep_step = np.nonzero(certification.certified_on[:, 2:] >= 0)
    rep_level = rep_step + 2
    hire_job = people.job.copy()
    hire_job[last] = one_down[last]
    hire_job[previous] = two_down[previous]
    hire_job[certification.reps] = rep_job[0]
    leavers = np.flatnonzero(~people.active)
    none = np.full(people.size, -1)

    parts = [  # event type, person, day, from job, to job
        (0, np.arange(people.size), people.hire, none, hire_job),
        (1, last, people.obs[last] - people.promoted_days_ago[last, 0], one_down[last], people.job[last]),
        (1, previous, people.obs[previous] - people.promoted_days_ago[previous, 1], two_down[previous],
         one_down[previous]),
        (1, certification.reps[rep_rows], certification.certified_on[rep_rows, rep_level],
         rep_job[rep_level - 2], rep_job[rep_level - 1]),
        (2, leavers, people.obs[leavers], people.job[leavers], none[:leavers.size]),
    ]
    kind = np.concatenate([np.full(p[1].size, p[0]) for p in parts])
    person, day, from_job, to_job = (np.concatenate([p[i] for p in parts]) for i in range(1, 5))
    order = np.lexsort((kind, person, day))
    kind, person, day, from_job, to_job = (a[order] for a in (kind, person, day, from_job, to_job))

    pay_grade = np.where(to_job >= 0, job_grade[to_job], people.grade[person])
    years_ago = (people.obs[person] - day) / 365.25
    base_pay = np.round(people.base_pay[person] * mid[pay_grade - 1] / mid[people.grade[person] - 1]
                        / (1 + HEADCOUNT_GROWTH) ** years_ago, -1)
    return pd.DataFrame({
        "event_id": _id_column("EV", person.size, 8),
        "employee_id": _take(ids, person),
        "event_date": _as_dates(day),
        "event_type": _labels(EVENT_TYPES, kind),
        "from_job_id": _labels(jobs["job_id"], from_job),
        "to_job_id": _labels(jobs["job_id"], to_job),
        "from_grade": pd.Series(job_grade[from_job], dtype="Int64").mask(from_job < 0),
        "to_grade": pd.Series(job_grade[to_job], dtype="Int64").mask(to_job < 0),
        "base_pay": base_pay,
    })


# ---------------------------------------------------------------------------
# Leave and attrition signals
# ---------------------------------------------------------------------------

PRE_EXIT_DAYS = 90
"""Leave rises in the last three months before an exit ..."""
PRE_EXIT_LEAVE = 0.8
"""... by this many extra personal or sick leaves on average (about 0.3 in 90 days otherwise)."""
SIGNAL_LEAD_DAYS = 180
"""Signals show up in the last six months before an exit."""
# Per exit reason (the last row: an active on the watchlist): the chance that signals precede the
# exit, then the shares of conflict, attitude_change, family and complaint_change among them.
SIGNAL_PATTERN = {
    "pay": (0.3, 0.1, 0.8, 0.05, 0.05), "career": (0.3, 0.1, 0.8, 0.05, 0.05),
    "family": (0.35, 0.05, 0.15, 0.8, 0.0), "manager": (0.35, 0.75, 0.2, 0.05, 0.0),
    "relocation": (0.3, 0.05, 0.2, 0.75, 0.0), "study": (0.25, 0.05, 0.85, 0.1, 0.0),
    "performance": (0.45, 0.2, 0.35, 0.0, 0.45), "misconduct": (0.6, 0.6, 0.2, 0.0, 0.2),
    "restructuring": (0.1, 0.1, 0.8, 0.1, 0.0), "contract_end": (0.15, 0.1, 0.7, 0.1, 0.1),
    "watchlist": (0.5, 0.25, 0.45, 0.2, 0.1),
}
BACKGROUND_SIGNALS_PER_YEAR = 0.05


def _present(people: _People, cal: _Calendar) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of each person's service inside the window."""
    return np.maximum(people.hire, cal.window_start + 1), people.obs


def _leave_frame(people: _People, ids: pa.Array, cal: _Calendar, rng: np.random.Generator) -> pd.DataFrame:
    """Leave over the window, a few records a person-year, plus the pre-exit rise.

    Leavers and the watchlist take extra personal and sick days in their
    last 90 days, well above their own baseline.  A leave starting on a
    weekend starts on the Monday after; one running past the person's last
    day, or starting on a day the person already has leave from, is dropped.
    """
    first, last = _present(people, cal)
    length = last - first + 1
    person_parts, start_parts, kind_parts, days_parts = [], [], [], []

    def add(person, start, kind, choices, shares):
        person_parts.append(person)
        start_parts.append(start)
        kind_parts.append(np.asarray(kind))
        days_parts.append(np.array(choices)[rng.choice(len(choices), size=person.size, p=shares)])

    for k, (kind, rate) in enumerate(LEAVE_RATES.items()):
        person = np.repeat(np.arange(people.size), rng.poisson(rate * length / 365.25))
        start = first[person] + (rng.random(person.size) * length[person]).astype(np.int64)
        add(person, start, np.full(person.size, k), *LEAVE_DAYS[kind])
    risky = np.flatnonzero(people.at_risk)
    person = np.repeat(risky, rng.poisson(PRE_EXIT_LEAVE, risky.size))
    span = np.minimum(PRE_EXIT_DAYS, length[person])
    start = last[person] - (rng.random(person.size) * span).astype(np.int64)
    kind = np.where(rng.random(person.size) < 0.6, LEAVE_KINDS.index("personal"), LEAVE_KINDS.index("sick"))
    add(person, start, kind, (0.5, 1.0, 2.0), (0.3, 0.5, 0.2))

    person = np.concatenate(person_parts)
    start = np.concatenate(start_parts)
    days = np.concatenate(days_parts)
    kind = np.concatenate(kind_parts)
    start = np.busday_offset(start.astype("datetime64[D]"), 0, roll="forward").astype(np.int64)
    end = np.busday_offset(start.astype("datetime64[D]"), np.ceil(days).astype(np.int64) - 1,
                           roll="forward").astype(np.int64)
    order = np.lexsort((person, start))
    person, start, end, days, kind = (a[order] for a in (person, start, end, days, kind))
    repeated = np.concatenate([[False], (person[1:] == person[:-1]) & (start[1:] == start[:-1])])
    keep = (end <= last[person]) & ~repeated
    person, start, end, days, kind = (a[keep] for a in (person, start, end, days, kind))
    return pd.DataFrame({
        "leave_id": _id_column("LV", person.size, 8),
        "employee_id": _take(ids, person),
        "start_date": _as_dates(start),
        "end_date": _as_dates(end),
        "days": days,
        "kind": _labels(LEAVE_KINDS, kind),
    })


def _signal_frame(people: _People, ids: pa.Array, cal: _Calendar, rng: np.random.Generator) -> pd.DataFrame:
    """Sparse background signals for everyone, frequent ones before exits and on the watchlist."""
    first, last = _present(people, cal)
    length = last - first + 1
    background = np.repeat(np.arange(people.size), rng.poisson(BACKGROUND_SIGNALS_PER_YEAR * length / 365.25))
    background_day = first[background] + (rng.random(background.size) * length[background]).astype(np.int64)
    background_kind = rng.choice(len(SIGNAL_KINDS), size=background.size, p=(0.3, 0.3, 0.2, 0.2))

    risky = np.flatnonzero(people.at_risk)
    pattern = np.array([SIGNAL_PATTERN[r] for r in EXIT_REASONS + ("watchlist",)])
    reason = np.where(people.exit_reason[risky] < 0, len(EXIT_REASONS), people.exit_reason[risky])
    showing = rng.random(risky.size) < pattern[reason, 0]
    count = 1 + rng.poisson(0.3, int(showing.sum()))
    person = np.repeat(risky[showing], count)
    span = np.minimum(SIGNAL_LEAD_DAYS, length[person])
    day = last[person] - 3 - (rng.random(person.size) * np.maximum(span - 3, 1)).astype(np.int64)
    day = np.maximum(day, first[person])
    kind = _categorical(rng, pattern[np.repeat(reason[showing], count), 1:])

    person = np.concatenate([background, person])
    day = np.concatenate([background_day, day])
    kind = np.concatenate([background_kind, kind])
    order = np.lexsort((person, day))
    person, day, kind = person[order], day[order], kind[order]
    notes = [note for k in SIGNAL_KINDS for note in SIGNAL_NOTES[k]]
    return pd.DataFrame({
        "signal_id": _id_column("SG", person.size, 7),
        "employee_id": _take(ids, person),
        "signal_date": _as_dates(day),
        "kind": _labels(SIGNAL_KINDS, kind),
        "note": _labels(notes, 3 * kind + rng.integers(0, 3, kind.size)),
    })


# ---------------------------------------------------------------------------
# Scorecards (DOMAIN.md §4)
# ---------------------------------------------------------------------------

def _scorecard_templates() -> dict[str, tuple[str, ...]]:
    """Indicator lists by template: staff by job family, ``lead:<family>`` for managers, ``executive``.

    A manager's card keeps the two headline indicators of the unit and adds
    cost, people and delivery: budget usage, team attrition, key tasks.
    """
    templates = dict(SCORECARD_TEMPLATES)
    for family, indicators in SCORECARD_TEMPLATES.items():
        if family == "executive":
            continue
        lead = list(dict.fromkeys(indicators[:2] + ("expense_ratio", "team_attrition", "key_task_completion")))
        lead += [i for i in indicators if i not in lead][:5 - len(lead)]
        templates[f"lead:{family}"] = tuple(lead)
    return templates


def _linear_score(actual: np.ndarray, target: np.ndarray, higher_is_better: np.ndarray) -> np.ndarray:
    """Line score by DOMAIN.md §4's linear rule with the seed's 5 points per point, floor 0, cap 150."""
    achievement = np.where(higher_is_better, actual / target, target / actual)
    return np.clip(100 + SCORE_RULE["per_point"] * (achievement - 1) * 100, SCORE_RULE["floor"], SCORE_RULE["cap"])


def _rating(total: np.ndarray) -> pd.Series:
    bands = [total >= low for low, _ in RATING_BANDS]
    return _labels([r for _, r in RATING_BANDS] + ["D"], np.select(bands, range(len(bands)), len(bands)))


def _team_sizes(people: _People) -> np.ndarray:
    """People in each manager's reporting line below them, today.

    A manager who has left is given the typical team of the same job in the
    same department.
    """
    depth = np.zeros(people.size, dtype=np.int64)
    boss = np.where(people.active, people.manager, -1)
    while (boss >= 0).any():
        depth[boss >= 0] += 1
        boss = np.where(boss >= 0, people.manager[np.maximum(boss, 0)], -1)
    team = np.zeros(people.size)
    for level in range(depth.max(), 0, -1):
        rows = np.flatnonzero(depth == level)
        team += np.bincount(people.manager[rows], weights=team[rows] + 1, minlength=people.size)
    position = people.dept * (people.job.max() + 1) + people.job
    leading = team > 0
    typical = pd.Series(team[leading]).groupby(position[leading]).median()
    gone = ~people.active
    team[gone] = typical.reindex(position[gone]).fillna(1.0).to_numpy()
    return team


def _scorecard_frames(people: _People, ids: pa.Array, jobs: pd.DataFrame, org: _Org, cal: _Calendar,
                      rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cards on each person's appraisal cycle (seed 003: staff monthly, managers quarterly, the centre general
    managers half-yearly, the CEO yearly) for everyone employed at each period's end, and one per leaf
    department on its head's cycle.

    Same job, same indicators: the template follows the job (family, or the
    department's family for managers) and the number of lines the grade
    (3 up to grade 3, 4 up to grade 6, 5 above and for managers).  Actuals
    are the target times an achievement driven by the person's latent
    performance for the quarter plus noise per line.
    """
    templates = _scorecard_templates()
    keys = list(templates)
    kpi = pd.DataFrame([row[:1] + row[10:] for row in KPI_INDICATORS],
                       columns=["indicator_id", "higher_is_better", "unit", "target", "decimals", "volume"])
    kpi_index = {k: i for i, k in enumerate(kpi["indicator_id"])}
    table = np.full((len(keys), 5), -1)
    for t, key in enumerate(keys):
        table[t, :len(templates[key])] = [kpi_index[i] for i in templates[key]]
    template_size = (table >= 0).sum(axis=1)
    weights = np.zeros((6, 5))
    for n, w in SCORECARD_WEIGHTS.items():
        weights[n, :n] = w
    higher = kpi["higher_is_better"].to_numpy(dtype=bool)
    bounded = kpi["indicator_id"].isin(BOUNDED_SHARES).to_numpy()  # only a bounded share stops at 100 %
    scale = 10.0 ** kpi["decimals"].to_numpy()
    base_target = kpi["target"].to_numpy(dtype=float)
    volume = kpi["volume"].to_numpy(dtype=bool)

    dept_family = np.array([d.family for d in DEPARTMENTS], dtype=object)
    is_manager = jobs["is_manager"].to_numpy()[people.job]
    person_key = np.where(is_manager, "lead:" + dept_family[people.dept],
                          jobs["job_family"].to_numpy()[people.job])
    person_key[jobs["job_id"].to_numpy()[people.job] == "MG-CEO"] = "executive"
    person_template = pd.Categorical(person_key, categories=keys).codes
    # Volume targets (sales, leads): a person's own, growing with grade; a manager's, the team's sum;
    # the company's revenue per head is lower than a sales representative's.
    volume_factor = np.where(is_manager, _team_sizes(people), 1.3 ** (people.grade - 4.0))
    volume_factor[person_key == "executive"] *= 0.3
    person_lines = np.minimum(np.where(is_manager | (people.grade >= 7), 5, np.where(people.grade >= 4, 4, 3)),
                              template_size[person_template])

    def lines(template, n_lines, volume_scale, perf):
        """Indicators, weights, targets, actuals and scores of cards laid out line by line."""
        card = np.repeat(np.arange(template.size), n_lines)
        position = np.arange(card.size) - np.repeat(np.cumsum(n_lines) - n_lines, n_lines)
        indicator = table[template[card], position]
        target = base_target[indicator] * np.where(volume[indicator], volume_scale[card], 1.0)
        target = np.maximum(np.round(target * scale[indicator]), 1) / scale[indicator]
        achievement = np.exp(-0.005 + 0.022 * perf[card] + 0.02 * rng.standard_normal(card.size))
        actual = np.where(higher[indicator], target * achievement, target / achievement)
        actual = np.round(actual * scale[indicator]) / scale[indicator]
        actual = np.where(bounded[indicator], np.minimum(actual, 100.0), actual)
        score = _linear_score(actual, target, higher[indicator])
        return card, indicator, weights[n_lines[card], position], target, actual, score

    dept_ids = [d.department_id for d in DEPARTMENTS]
    leaf = np.array([bool(d.staff) for d in DEPARTMENTS])
    card_parts: list[pd.DataFrame] = []
    line_parts: list[tuple[np.ndarray, ...]] = []

    def add_cards(owner_type: str, period: str, owner: pd.Series, appraiser: pd.Series, laid_out) -> None:
        card, indicator, weight, target, actual, score = laid_out
        first_card = sum(len(part) for part in card_parts)
        card_parts.append(pd.DataFrame({
            "scorecard_id": period + "-" + owner, "owner_type": owner_type, "owner_id": owner, "period": period,
            "appraiser_id": appraiser,
            "total_score": np.bincount(card, weights=weight * score, minlength=len(owner)),
            "period_last": np.full(len(owner), period_end[period], dtype=np.int64)}))
        line_parts.append((card + first_card, indicator, weight, target, actual, score))

    # Seed 003's cycles (hrcore.cycles): the CEO yearly, the centre general managers (副总) half-yearly, the other
    # managers quarterly, staff monthly; a department card follows its head's (quarterly: the leaves' heads
    # are managers).  Roles by the product's own rule, so the data check finds every demo card on its cycle.
    departments = pd.DataFrame({"department_id": dept_ids, "parent_id": [d.parent_id for d in DEPARTMENTS],
                                "head_id": org.head.astype(str)})
    heads = pd.DataFrame({"employee_id": org.head.astype(str), "job_id": jobs["job_id"].to_numpy()[people.job[org.head]]})
    role = cycles.job_roles(jobs, departments, heads)
    job_cycle = role.map(kpi_rules.CYCLES).to_numpy(dtype=object)
    person_cycle = job_cycle[people.job]
    dept_cycle = job_cycle[people.job[org.head]]
    period_end: dict[str, int] = {}
    for cycle, count in PERIODS_BY_CYCLE.items():
        who = person_cycle == cycle
        months = cycles.MONTHS[cycle]
        for period, period_last in cal.periods(cycle, count):
            period_end[period] = period_last
            members = np.flatnonzero(who & (people.hire <= period_last) & (people.obs >= period_last))
            perf = 0.8 * people.perf[members] + 0.6 * rng.standard_normal(members.size)
            # Volume targets (sales, leads) are a quarter's at the people's scale: a month's is a third of it.
            add_cards("employee", period, _take(ids, members), _take(ids, people.manager[members]),
                      lines(person_template[members], person_lines[members], volume_factor[members] * months / 3,
                            perf))
            # Department cards: the unit's average performance, volume targets scaled by headcount.
            employed = np.flatnonzero((people.hire <= period_last) & (people.obs >= period_last))
            headcount = np.bincount(people.dept[employed], minlength=len(DEPARTMENTS))
            dept_perf = np.bincount(people.dept[employed], weights=people.perf[employed], minlength=len(DEPARTMENTS))
            depts = np.flatnonzero(leaf & (headcount > 0) & (dept_cycle == cycle))
            if depts.size:
                dept_template = pd.Categorical("lead:" + dept_family[depts], categories=keys).codes
                add_cards("department", period, _labels(dept_ids, depts), _take(ids, org.head[PARENT[depts]]),
                          lines(dept_template, np.full(depts.size, 5), headcount[depts] * months / 3.0,
                                dept_perf[depts] / headcount[depts] + 0.3 * rng.standard_normal(depts.size)))

    scorecards = pd.concat(card_parts, ignore_index=True).astype({"owner_type": "str", "period": "str"})
    scorecards["rating"] = _rating(scorecards["total_score"].to_numpy())
    scorecards["scoring_mode"] = "ratio"
    scorecards["status"] = "scored"
    # Scored 20 days after the period's end, at 17:00.
    scored_on = scorecards.pop("period_last").to_numpy(dtype=np.int64).astype("datetime64[D]")
    scorecards["updated_at"] = (scored_on + np.timedelta64(20 * 24 + 17, "h")).astype("datetime64[s]")
    scorecards["updated_by"] = scorecards["appraiser_id"]
    scorecards["revision"] = 1
    scorecards["feedback"] = scorecards["improvement_plan"] = pd.Series([None] * len(scorecards), dtype="str")
    card, indicator, weight, target, actual, score = (np.concatenate(part) for part in zip(*line_parts))
    line_parts.clear()
    scorecard_lines = pd.DataFrame({
        "scorecard_id": pd.Series(scorecards["scorecard_id"].array.take(card)),
        "indicator_id": _labels(kpi["indicator_id"], indicator),
        "weight": weight, "target": target, "actual": actual, "rule": _labels(("linear",), np.zeros(card.size)),
        "per_point": SCORE_RULE["per_point"], "floor": SCORE_RULE["floor"], "cap": SCORE_RULE["cap"],
        "score": score, "thresholds": pd.Series([None] * card.size, dtype="str")})
    latest = [period for period, last in period_end.items() if last == max(period_end.values())]
    scorecards = _scoring_in_progress(scorecards, scorecard_lines, cal, latest)
    # The sales representatives' cycle is monthly: their position card is the latest month's.
    extra_card, extra_lines = _sales_completion_card(*cal.periods("monthly", 1)[0])
    return (pd.concat([scorecards, extra_card], ignore_index=True),
            pd.concat([scorecard_lines, extra_lines], ignore_index=True))


PERIODS_BY_CYCLE = {"monthly": 12, "quarterly": 4, "half-yearly": 2, "yearly": 1}
"""The demo's appraisal periods by cycle: the last year of each, up to the end of the latest complete quarter."""
SALES_POSITION_CARD = (("monthly_sales_completion", 0.5, 100.0, 110.0), ("monthly_profit_completion", 0.3, 100.0, 104.0),
                       ("expense_ratio", 0.2, 100.0, 105.0))
"""The sales representatives' position card of the latest month, in the seed's own terms (DOMAIN.md §4):
110 % of the sales target scores 100 + 5 × 10 = 150, the cap; 104 % of the profit target 120; 105 % of the
expense budget, lower is better, 100 + 5 × (100/105 − 1) × 100 = 76.2.  Total 0.5 × 150 + 0.3 × 120 + 0.2 × 76.2."""


def _sales_completion_card(period: str, period_last: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One scored position card showing completion above 100 % rewarded and an over-spent budget below 100."""
    scorecard_id = f"{period}-SA-REP"
    lines = pd.DataFrame(list(SALES_POSITION_CARD), columns=["indicator_id", "weight", "target", "actual"])
    higher = lines["indicator_id"].ne("expense_ratio").to_numpy()
    lines["score"] = kpi_rules.linear_score(lines["actual"].to_numpy(), lines["target"].to_numpy(),
                                            higher_is_better=higher)
    lines = lines.assign(scorecard_id=scorecard_id, rule="linear", per_point=SCORE_RULE["per_point"],
                         floor=SCORE_RULE["floor"], cap=SCORE_RULE["cap"],
                         thresholds=pd.Series([None] * len(lines), dtype="str"))
    total = float((lines["weight"] * lines["score"]).sum())
    card = pd.DataFrame({"scorecard_id": [scorecard_id], "owner_type": "position", "owner_id": "SA-REP",
                         "period": period, "appraiser_id": pd.Series([None], dtype="str"), "total_score": total,
                         "rating": _rating(np.array([total])).astype(str), "scoring_mode": "ratio",
                         "status": "scored", "updated_at": pd.Series([np.datetime64(period_last, "D")])
                         .astype("datetime64[s]") + pd.Timedelta(days=20, hours=17),
                         "updated_by": "HR", "revision": 1,
                         "feedback": pd.Series([None], dtype="str"), "improvement_plan": pd.Series([None], dtype="str")})
    return card, lines


COACHING_NOTES = (
    ("Targets for the period agreed; weekly check-ins on the two largest accounts. / 本期目标已确认；每周跟进两个最大客户。",
     "Share the account plan by Friday / 周五前提交客户计划"),
    ("Midway: on track for volume, behind on margin; discussed pricing discipline. / 期中：数量达标，毛利落后；讨论了定价纪律。",
     None),
)
"""Two coaching conversations on a card: early in the period and two thirds of the way through (seed 003)."""
APPEALS = (
    ("rejected", "Two late deliveries were the supplier's fault, not mine. / 两次延迟交付系供应商原因，非本人责任。",
     "The delivery indicator measures the team's on-time rate whatever the cause, as agreed in the target talk. "
     "/ 交付指标按团队准时率计算，不区分原因，目标面谈时已确认。"),
    ("upheld", "Orders booked on the last day of the period are missing from my actuals. / 期末最后一天的订单未计入完成值。",
     "Finance confirmed the orders were booked in the period; the actuals were corrected and the card rescored. "
     "/ 财务确认订单属于本期，已更正完成值并重新评分。"),
    ("pending", "My target was raised mid-period without a new target talk. / 期中调高了目标，但未重新进行目标面谈。", None),
)
"""The demo's appeals (seed 003: HR receives the appeals of staff at every level): one rejected, one upheld (the
card was rescored after it), one still pending."""


def _kpi_follow_up(scorecards: pd.DataFrame, employees: pd.DataFrame, cal: _Calendar) -> dict[str, pd.DataFrame]:
    """A few coaching notes and three appeals on scored employee cards already in ``scorecards``, whatever their
    periods: of the latest period whose cards were scored at least ten days before the as-of date.

    Coaching notes fall inside the period; an appeal is filed after the scoring and decided (or left pending)
    by the as-of date.  The upheld appeal's card was rescored after the decision: it is scored again, and the
    appeal keeps the lower result first given.  No random draws: every other table stays as it is.
    """
    empty = {name: pd.DataFrame({c: pd.Series(dtype="object") for c in TABLES[name].columns})
             for name in ("kpi_appeals", "kpi_coaching_notes")}
    as_of = pd.Timestamp(cal.as_of)
    cards = scorecards[(scorecards["owner_type"] == "employee") & (scorecards["status"] == "scored")
                       & scorecards["updated_at"].notna()]
    scored_on = cards.groupby("period")["updated_at"].max()
    ends = {p: kpi_appeals.period_end(p) for p in scored_on.index}
    ready = [p for p, day in scored_on.items() if ends[p] is not None and day + pd.Timedelta(days=10) <= as_of]
    if not ready:
        return empty
    period = max(ready, key=lambda p: ends[p])
    cards = cards[cards["period"] == period].sort_values("scorecard_id")
    if len(cards) < 8:
        return empty
    start, end = pd.Timestamp(kpi_appeals.period_start(period)), pd.Timestamp(ends[period])
    length = (end - start).days
    names = employees.set_index("employee_id")["name_en"]
    picked = cards.iloc[[len(cards) * k // 8 for k in range(1, 8)]]  # spread over departments, no draws

    coached = picked.iloc[:4]
    note_cards = np.repeat(coached["scorecard_id"].to_numpy(), len(COACHING_NOTES))
    authors = np.repeat(coached["appraiser_id"].map(names).fillna(coached["appraiser_id"]).fillna("HR").to_numpy(),
                        len(COACHING_NOTES))
    held = np.tile([start + pd.Timedelta(days=round(length * f)) for f in (0.15, 0.65)], len(coached))
    notes = pd.DataFrame({
        "note_id": [f"KN{n:05d}" for n in range(1, len(note_cards) + 1)], "scorecard_id": note_cards,
        "held_on": pd.to_datetime(held).date, "author": authors,
        "note": np.tile([text for text, _ in COACHING_NOTES], len(coached)),
        "follow_up": pd.Series(np.tile([follow for _, follow in COACHING_NOTES], len(coached)), dtype="object"),
        "written_at": (pd.to_datetime(held) + pd.Timedelta(hours=18)).astype("datetime64[s]")})

    appealed = picked.iloc[4:4 + len(APPEALS)]
    rows = []
    for n, ((status, grounds, reason), card) in enumerate(zip(APPEALS, appealed.itertuples(index=False)), 1):
        scored = pd.Timestamp(card.updated_at)
        total = float(card.total_score)
        if status == "upheld":  # filed against a first scoring 12 days earlier, decided, then rescored
            filed, decided, appealed_total = scored - pd.Timedelta(days=9), scored - pd.Timedelta(days=4), total - 6
        else:
            filed, decided, appealed_total = scored + pd.Timedelta(days=3), scored + pd.Timedelta(days=8), total
        rows.append({"appeal_id": f"KA{n:05d}", "scorecard_id": card.scorecard_id,
                     "filed_by": names.get(card.owner_id, card.owner_id), "filed_on": filed.date(),
                     "grounds": grounds, "status": status,
                     "decided_by": None if status == "pending" else "HR",
                     "decided_on": None if status == "pending" else min(decided, as_of).date(),
                     "reason": reason, "appealed_total": round(appealed_total, 2),
                     "appealed_rating": str(_rating(np.array([appealed_total]))[0])})
    appeals = pd.DataFrame(rows).astype({"decided_by": "object", "decided_on": "object", "reason": "object"})
    return {"kpi_appeals": appeals, "kpi_coaching_notes": notes}


def _ability_frame(people: _People, ids: pa.Array, cal: _Calendar, seed: int) -> pd.DataFrame:
    """Each year's ability assessment of everyone active, by their manager, on the 1-10 competency scale.

    Ability is linked to the latent performance but not the same; last
    year's score is a little lower on average (people grow) and noisier.
    Only people hired by the end of last year have last year's score.  A
    generator of its own keeps the rest of the demo's draws unchanged.
    """
    rng = np.random.default_rng([seed, 4])
    rows = np.flatnonzero(people.active)
    latent = 0.55 * people.perf[rows] + 0.85 * rng.standard_normal(rows.size)
    this_year = np.clip(np.round(6.2 + 1.3 * latent, 1), 1, 10)
    last_year = np.clip(np.round(this_year - 0.3 + 0.6 * rng.standard_normal(rows.size), 1), 1, 10)
    year = cal.as_of.year
    hired_before = people.hire[rows] <= _day(date(year - 1, 12, 31))
    manager = people.manager[rows]
    assessor = pd.Series(ids.take(pa.array(np.maximum(manager, 0))), dtype="str").where(manager >= 0)
    employee = pd.Series(ids.take(pa.array(rows)), dtype="str")
    frames = [pd.DataFrame({"period": str(year), "employee_id": employee, "score": this_year,
                            "assessor_id": assessor}),
              pd.DataFrame({"period": str(year - 1), "employee_id": employee, "score": last_year,
                            "assessor_id": assessor})[hired_before]]
    return pd.concat(frames, ignore_index=True)


def _last_review(cards: pd.DataFrame, ratings: pd.DataFrame, cal: _Calendar) -> pd.DataFrame:
    """Last year's nine-box review: each person's mean KPI total over last year against last year's 360 review.

    Performance follows :func:`hrcore.cycles.performance_in`: the mean total
    of each person's scored cards within the year (the demo's cards start in
    its last quarter: a staff member's October to December, a manager's
    quarter, a centre head's half-year, the CEO's year).  The ability axis is
    the 360 review's, as a company that runs one uses it (DOMAIN.md §5: a
    choice per review): all raters but self, mean over the 9-element model's
    items (:func:`hrcore.competency.ability_scores`), the anonymity rule
    leaving out anyone rated by fewer than four people besides self.  The
    source and period are recorded with the review.
    """
    year = str(cal.as_of.year - 1)
    perf = cards[cycles.within(cards["period"], year) & (cards["owner_type"] == "employee").to_numpy()
                 & (cards["status"] == "scored").to_numpy()]
    people = perf.groupby("owner_id", sort=False)["total_score"].mean().rename("performance").rename_axis(
        "employee_id").reset_index()
    figures = competency_rules.aggregate_360(ratings[ratings["period"] == year])
    ability = competency_rules.ability_scores(figures, "360").dropna(subset=["ability"])
    people = people.merge(ability[["ratee_id", "ability"]].rename(columns={"ratee_id": "employee_id"}),
                          on="employee_id")
    placed = ninebox.place(people)
    return pd.DataFrame({
        "review_id": year + "-" + placed["employee_id"], "period": year, "employee_id": placed["employee_id"],
        "performance_level": placed["performance_level"], "ability_level": placed["ability_level"],
        "box": placed["box"].astype(int), "calibrated_box": placed["box"].astype(int),
        "calibrated_by": None, "calibrated_at": pd.NaT, "reason": None, "ability_source": "360",
        "ability_period": year, "kpi_period": year})


def _scoring_in_progress(cards: pd.DataFrame, lines: pd.DataFrame, cal: _Calendar, periods: list[str]
                         ) -> pd.DataFrame:
    """A few of the latest periods' cards (the latest month's and quarter's) are still open on the as-of date, as
    some managers run late.

    About 3 % of those cards stay drafts with no scores, and a third
    of those still miss an actual, so the data check has something to show.
    A generator of its own keeps the rest of the demo's draws unchanged.
    """
    rng = np.random.default_rng([cal.today, len(cards)])
    latest = np.flatnonzero(cards["period"].isin(periods).to_numpy())
    late = rng.choice(latest, size=max(1, round(0.03 * latest.size)), replace=False)
    cards.loc[cards.index[late], ["status", "total_score", "rating", "updated_at", "updated_by"]] = \
        ["draft", np.nan, None, pd.NaT, None]
    open_lines = lines["scorecard_id"].isin(cards["scorecard_id"].iloc[late]).to_numpy()
    lines.loc[open_lines, "score"] = np.nan
    missing = cards["scorecard_id"].iloc[late[: max(1, late.size // 3)]]
    first_line = lines.index[lines["scorecard_id"].isin(missing).to_numpy()]
    first_line = lines.loc[first_line].drop_duplicates("scorecard_id").index
    lines.loc[first_line, "actual"] = np.nan
    return cards


# ---------------------------------------------------------------------------
# 360-degree review (DOMAIN.md §6, seed 000)
# ---------------------------------------------------------------------------

RATER_GROUPS = ("self", "superior", "peer", "peer", "peer", "subordinate", "subordinate", "subordinate", "other")
RATER_SHIFT = {"self": 0.9, "superior": -0.2, "peer": 0.0, "subordinate": 0.1, "other": 0.0}
"""Rating tendencies by group: people rate themselves high, superiors a little low."""
WEI_YAN_SHARE = 0.10
"""Share of the rated heads who show seed 000's Wei Yan on 智信仁勇严 (at least one of eight or more)."""
WEI_YAN_PROFILE = {"l5_wisdom": 1.0, "l5_trust": -3.0, "l5_benevolence": -3.0, "l5_courage": 1.0,
                   "l5_discipline": 0.0}
"""Wei Yan's item profile (in place of a random one): a point above his level on wisdom and courage,
disciplined at his level, three points below it on trust and benevolence."""
WEI_YAN_LEVEL = (7.0, 8.0)
"""The expected score (6.2 + 1.1 × ability) of the heads who may show it: strong enough that the five
items still average 6 or more, not so strong that 3 points down leaves 信 and 仁 at the minimum 5."""


@dataclass(frozen=True)
class _Panel:
    """Who rated whom in the 360, kept for the leadership ratings drawn at the end of the demo."""

    ratees: np.ndarray
    """The people rated."""
    level: np.ndarray
    """Per ratee: the expected score of their latent ability, 6.2 + 1.1 × ability."""
    row: np.ndarray
    """Per rater and ratee: the ratee, as an index into ``ratees``."""
    column: np.ndarray
    """Per rater and ratee: the rater's position in :data:`RATER_GROUPS`."""
    rater: np.ndarray
    """Per rater and ratee: the rater."""
    base: np.ndarray
    """Per rater and ratee: the ratee's level plus the rater's leniency and group shift."""
    rated_on: np.ndarray
    """Per rater and ratee: the day the questionnaire was filled in."""


def _rating_frame(panel: _Panel, pairs: np.ndarray, items: list[str], score: np.ndarray, ids: pa.Array,
                  cal: _Calendar) -> pd.DataFrame:
    """The ratings_360 rows of the rater-ratee ``pairs`` of ``panel``: ``score`` is pairs × items."""
    ratee, rater = panel.ratees[panel.row[pairs]], panel.rater[pairs]
    return pd.DataFrame({
        "period": _labels([str(cal.as_of.year)], np.zeros(score.size)),
        "ratee_id": _take(ids, np.repeat(ratee, len(items))),
        "rater_id": _take(ids, np.repeat(rater, len(items))),
        "rater_group": _labels(RATER_GROUPS, np.repeat(panel.column[pairs], len(items))),
        "item_id": _labels(items, np.tile(np.arange(len(items)), pairs.size)),
        "score": score.ravel(),
        "rated_on": _as_dates(np.repeat(panel.rated_on[pairs], len(items))),
    })


def _ratings_360(people: _People, ids: pa.Array, jobs: pd.DataFrame, cal: _Calendar,
                 rng: np.random.Generator) -> tuple[pd.DataFrame, _Panel]:
    """Every active manager but the CEO rated by 7 or 8 people on each item of the 9-element model.

    Raters: self, the superior, three peers (managers with the same
    superior) where there are enough, else two, three direct reports, and
    for about half of those with two peers one manager from another centre.  The organisation guarantees at
    least three direct reports and two peers for every manager.  Scores are
    whole points 1-10 around a latent ability (linked to performance), with
    an item profile per person, a leniency per rater and self-ratings
    inflated.  Also returns the panel, so :func:`_lead5_ratings` can have
    the same raters rate the heads on the leadership model later on.
    """
    is_manager = jobs["is_manager"].to_numpy()[people.job] & people.active & (people.manager >= 0)
    ratees = np.flatnonzero(is_manager)
    n = ratees.size

    sub_order, sub_start, _ = _group_positions(np.where(people.active, people.manager, -1), people.size, rng)
    subordinates = sub_order[sub_start[ratees][:, None] + np.arange(3)]

    sibling_group = np.where(is_manager, people.manager, -1)
    sib_order, sib_start, sib_size = _group_positions(sibling_group, people.size, rng)
    position = np.zeros(people.size, dtype=np.int64)
    position[sib_order] = np.arange(sib_order.size) - sib_start[sibling_group[sib_order]]
    boss = people.manager[ratees]
    siblings = sib_size[boss]
    offset = (position[ratees][:, None] + np.arange(1, 4)) % siblings[:, None]
    peers = sib_order[sib_start[boss][:, None] + offset]

    # Three peers wherever there are enough, so the peers' figure can be shown on its own (DOMAIN §6);
    # with only two, about half add someone from another centre, whose answer then pools with the
    # peers' so that the subordinates' figure need not be hidden to protect them.
    eight = rng.random(n) < 0.55
    three_peers = (siblings >= 4) & (rng.random(n) < 0.9)
    with_other = eight & ~three_peers

    centre = CENTRE[people.dept]
    taken = np.column_stack([ratees, boss, peers, subordinates])
    other = ratees[rng.integers(0, n, n)]
    clash = with_other & ((centre[other] == centre[ratees]) | (taken == other[:, None]).any(axis=1))
    while clash.any():
        other[clash] = ratees[rng.integers(0, n, int(clash.sum()))]
        clash = with_other & ((centre[other] == centre[ratees]) | (taken == other[:, None]).any(axis=1))

    raters = np.column_stack([taken, other])
    used = np.ones(raters.shape, dtype=bool)
    used[:, 4] = three_peers
    used[:, 8] = with_other
    row, column = np.nonzero(used)
    rater = raters[row, column]

    items = [item[0] for item in COMP_ITEMS if item[1] == "mgmt9"]
    ability = 0.5 * people.perf[ratees] + 0.85 * rng.standard_normal(n)
    item_profile = 0.6 * rng.standard_normal((n, len(items)))
    leniency = 0.4 * rng.standard_normal(people.size)
    shift = np.array([RATER_SHIFT[g] for g in RATER_GROUPS])[column]
    level = 6.2 + 1.1 * ability
    base = level[row] + leniency[rater] + shift
    score = np.clip(np.rint(base[:, None] + item_profile[row] + 0.8 * rng.standard_normal((row.size, len(items)))),
                    1, 10)
    rated_on = _review_days(people.hire[ratees[row]], people.hire[rater], cal, rng)
    panel = _Panel(ratees=ratees, level=level, row=row, column=column, rater=rater, base=base, rated_on=rated_on)
    return _rating_frame(panel, np.arange(row.size), items, score, ids, cal), panel


LAST_YEAR_REVIEW_END = (12, 15)
"""Last year's 360 questionnaires were filled in over the two weeks up to 15 December."""
LAST_YEAR_GROWTH = 0.3
"""Points people grew since last year's 360 review, on average."""


def _last_year_ratings(panel: _Panel, people: _People, ids: pa.Array, cal: _Calendar,
                       rng: np.random.Generator) -> pd.DataFrame:
    """Last year's 360 review on the 9-element model: the same panel, rated in December of last year.

    Only rater-ratee pairs who had both joined by the day rate: a manager
    hired since was not rated, and a panel that has lost raters that way
    may fall under the four raters besides self that the anonymity rule
    asks (the nine-box then leaves that person out and says so).  Scores
    come from the same latent level, :data:`LAST_YEAR_GROWTH` lower, with
    an item profile of their own; the generator is the caller's own, so no
    other draw of the demo shifts.
    """
    items = [item[0] for item in COMP_ITEMS if item[1] == "mgmt9"]
    last = cal.as_of.year - 1
    end = _day(date(last, *LAST_YEAR_REVIEW_END))
    days = np.arange(end - REVIEW_WINDOW_DAYS + 1, end + 1)
    days = days[_weekday(days) < 5]
    rated_on = days[rng.integers(0, days.size, panel.row.size)]
    ratee = panel.ratees[panel.row]
    pairs = np.flatnonzero((people.hire[ratee] <= rated_on) & (people.hire[panel.rater] <= rated_on))
    profile = 0.6 * rng.standard_normal((panel.ratees.size, len(items)))
    score = np.clip(np.rint(panel.base[pairs][:, None] - LAST_YEAR_GROWTH + profile[panel.row[pairs]]
                            + 0.8 * rng.standard_normal((pairs.size, len(items)))), 1, 10)
    frame = _rating_frame(dataclasses.replace(panel, rated_on=rated_on), pairs, items, score, ids, cal)
    return frame.assign(period=_labels([str(last)], np.zeros(len(frame))))


HEAD_LEADERSHIP_LIFT = 1.0
"""Points heads score above their latent level on 智信仁勇严 (so knock-outs are the exception, ~10-20 %)."""


def _lead5_ratings(panel: _Panel, people: _People, ids: pa.Array, jobs: pd.DataFrame, cal: _Calendar,
                   rng: np.random.Generator) -> pd.DataFrame:
    """The rated heads (jobs in :data:`HEAD_JOBS`) rated on the leadership model 智信仁勇严 as well.

    The same raters on the same day as their 9-element ratings, scores from
    the same latent ability, leniency and self inflation, with an item
    profile of its own.  :data:`WEI_YAN_SHARE` of the heads, drawn among
    those whose level lies in :data:`WEI_YAN_LEVEL` (the nearest to its
    middle if too few do), are seed 000's Wei Yan: :data:`WEI_YAN_PROFILE`
    puts 信 and 仁 3 points below their level and 智 and 勇 one above, so
    all raters but self put a critical item below :data:`CRITICAL_MIN_SCORE`
    while the five items still average about 6 or more.  The generator draws
    after everything else in the demo, so the leadership ratings shift nothing.
    """
    items = [item[0] for item in COMP_ITEMS if item[1] == "lead5"]
    is_head = np.isin(people.job[panel.ratees], np.flatnonzero(jobs["job_id"].isin(HEAD_JOBS).to_numpy()))
    heads = np.flatnonzero(is_head)
    head_index = np.cumsum(is_head) - 1  # ratee -> position among the heads
    pairs = np.flatnonzero(is_head[panel.row])
    n = heads.size

    profile = 0.6 * rng.standard_normal((n, len(items)))
    wei_yans = max(round(WEI_YAN_SHARE * n), int(n >= 8))
    level = panel.level[heads]
    low, high = WEI_YAN_LEVEL
    fitting = np.flatnonzero((level >= low) & (level <= high))
    wei_yan = (rng.choice(fitting, size=wei_yans, replace=False) if fitting.size >= wei_yans
               else np.argsort(np.abs(level - (low + high) / 2), kind="stable")[:wei_yans])
    profile[wei_yan] = np.array([WEI_YAN_PROFILE[item] for item in items])

    # Heads were promoted for leading: they rate higher on the leadership traits than on the
    # 9-element model's average (the Wei Yans keep their level: their profile is the point).
    lift = np.full(n, HEAD_LEADERSHIP_LIFT)
    lift[wei_yan] = 0.0
    row = head_index[panel.row[pairs]]
    score = np.clip(np.rint(panel.base[pairs][:, None] + lift[row][:, None] + profile[row]
                            + 0.8 * rng.standard_normal((pairs.size, len(items)))), 1, 10)
    return _rating_frame(panel, pairs, items, score, ids, cal)


REVIEW_WINDOW_DAYS = 14
"""The 360 questionnaires are filled in over the two weeks up to the as-of date."""


def _review_days(ratee_hire: np.ndarray, rater_hire: np.ndarray, cal: _Calendar,
                 rng: np.random.Generator) -> np.ndarray:
    """The working day each rater filled in the questionnaire on a ratee (one day for all items).

    A working day of the review window, in the as-of year, and not before
    either of the two joined: a new hire rates on or after the first day.
    """
    first = max(cal.today - REVIEW_WINDOW_DAYS + 1, _day(date(cal.as_of.year, 1, 1)))
    days = np.arange(first, cal.today + 1)
    working = days[_weekday(days) < 5]
    days = working if working.size else days
    return np.maximum(days[rng.integers(0, days.size, ratee_hire.size)], np.maximum(ratee_hire, rater_hire))


# ---------------------------------------------------------------------------
# The attrition watchlist: exposure, overlooked talent, retention and handover (DOMAIN.md §7, seed 001)
# ---------------------------------------------------------------------------

EXPOSED_FAMILIES = ("rnd", "sales", "supply_chain")
"""Job families whose people can take technology or purchase and sales channels with them (seed 001)."""
FINANCE_JOBS = tuple(job for job, _ in DEPARTMENTS[_DEPT_INDEX["D620"]].staff)
"""Finance jobs (of the ``functions`` family): they hold the financial secrets."""
EXPOSED_SAMPLE_SHARE = 0.10
"""Share of the other actives in :data:`EXPOSED_FAMILIES` and :data:`FINANCE_JOBS` with an exposure record."""
CLIENT_JOBS = ("SA-REP", "SA-AM", "SA-KAM")
"""Sales jobs that own client relationships (assistants and e-commerce staff less so)."""
BUYER_JOBS = ("SC-BY", "SC-SBY")
ENGINEERING_JOBS = ("MF-PRE", "MF-QE", "MF-EE", "FN-SYS")
"""Engineers outside R&D: process, quality and equipment know-how, the IT systems."""
SENIOR_MANAGER_GRADE = 9
"""Senior managers, workshop directors and up: they see the company's secrets."""
NON_COMPETE_GRADE = 7
NON_COMPETE_SHARE = 0.7
"""Share of the people with secrets access or key knowledge in grade 7+ who signed a non-compete; the rest
are the gap the watchlist should reveal (seed 001: 关键人才签订竞业禁止)."""
SUCCESSOR_SHARE = 0.6
"""Share of the managers and key talent with a successor named (seed 001: 后备人才库、接班人)."""
OTHER_SUCCESSOR_SHARE = 0.3
"""The same for the other people on the exposure list."""
SUCCESSOR_READY = ("ready_now", "ready_1_2_years", "not_ready")
SUCCESSOR_READY_SHARES = (0.35, 0.45, 0.2)
NOTE_SHARE = 0.6
"""Share of the exposure records with a reason for a note that carry one."""
EXPOSURE_NOTES = (
    "Holds key secrets but no non-compete signed; sign one / 掌握核心机密但未签竞业禁止协议，需补签",
    "Client contacts kept on a personal phone; move them to the client database / "
    "客户联系方式存于个人手机，需录入客户信息库",
    "Main contact of key suppliers; keep the channel database current / 关键供应商的主要联系人，需及时更新渠道数据库",
    "Only holder of key know-how; write it down and cross-train / 关键技术仅此一人掌握，需文档化并交叉培训",
    "Access to confidential files; stored on the server only / 可接触机密文件，仅限服务器存储",
)

OVERLOOKED_SHARE = 0.01
"""Share of the actives with an ``overlooked`` signal: high ability in a low or overlooked position."""
OVERLOOKED_ABILITY = 8.0
"""A high latest ability assessment (the nine-box's upper threshold)."""
STALLED_YEARS = 3.0
"""No promotion (or hire) for this many years."""
OVERLOOKED_NOTES = (
    "Strong results yet still in a junior grade / 业绩突出但职级仍然偏低",
    "The only one in an unusual role, feels the bosses overlook the work / 非常规岗位仅此一人，觉得领导不重视",
    "Passed over for promotion again, asked about the career path / 再次未获晋升，询问职业发展通道",
)

RETENTION_KINDS = ("retention_talk", "pay_review", "development", "role_change", "recognition")
RETENTION_NOTES = {
    "retention_talk": ("Stay talk with the manager about concerns / 上级与其进行保留面谈，了解顾虑",
                       "Talked through career plans for the next two years / 沟通未来两年的职业规划"),
    "pay_review": ("Pay reviewed against the grade midpoint / 对照职级中位值复核薪酬",
                   "Off-cycle raise proposed / 提出非周期调薪建议"),
    "development": ("Nominated for the talent programme / 推荐参加人才培养项目",
                    "Assigned a mentor and a stretch project / 安排导师并给予挑战性项目"),
    "role_change": ("Offered a bigger role / 提供职责更大的岗位",
                    "Rotation to another team discussed / 商谈轮岗至其他团队"),
    "recognition": ("Recognised at the quarterly meeting / 在季度会议上公开表彰",
                    "Nominated for the annual award / 提名年度优秀员工"),
}
# Shares of the kinds for people with signals, with an overlooked signal, and key talent without signals.
RETENTION_MIX = np.array([(0.4, 0.2, 0.15, 0.1, 0.15), (0.2, 0.15, 0.25, 0.3, 0.1), (0.3, 0.15, 0.3, 0.05, 0.2)])
RETENTION_SIGNALLED_SHARE = 0.4
"""Share of the actives with 2+ signals in the last 180 days whose manager has acted."""
RETENTION_KEY_TALENT_SHARE = 0.05
RETENTION_DAYS = 120
RETENTION_LEAVER_SHARE = 0.3
"""Share of last year's voluntary leavers with signals who had a retention action before they left."""

HANDOVER_DAYS = 60
"""Voluntary leavers of the last 60 days have a handover checklist."""
HANDOVER_STAGES = ("first", "second", "final")
HANDOVER_STAGE_DAYS = ((21, 30), (8, 20), (0, 7))
"""Each stage's items fall due this many days before the exit (the notice month, reviewed in stages)."""
HANDOVER_DONE = ((0.95, 0.9, 0.85), (0.65, 0.45, 0.3))
"""Chance an item is done, by stage: leavers who left over 30 days ago, and the most recent ones."""
HANDOVER_CHECKLIST = tuple((category, HANDOVER_STAGES.index(stage), en, zh)
                           for category, stage, _, en, zh in watchlist.CHECKLIST)
"""Seed 001's knowledge-transfer list (hrcore.watchlist.CHECKLIST): category, stage number, English, Chinese."""
HANDOVER_LEAVER_OWNS = np.array([owner == "leaver" for _, _, owner, _, _ in watchlist.CHECKLIST])
"""The items the leaver answers for; the manager owns the others."""
CLIENT_FACING_FAMILIES = ("sales", "customer_service")


def _days(dates: pd.Series) -> np.ndarray:
    """A date column as day numbers (from 1970-01-01)."""
    return dates.to_numpy().astype("datetime64[D]").astype(np.int64)


def _person_lookup(ids: pa.Array):
    """A function from a column of employee ids to person rows (by the ids' numbers: no string hashing)."""
    def number(column) -> np.ndarray:
        return pc.cast(pc.utf8_slice_codeunits(pa.array(column, type=pa.string()), 1), pa.int64()).to_numpy()

    person = np.empty(len(ids), dtype=np.int64)
    person[number(ids) - 1] = np.arange(len(ids))
    return lambda column: person[number(column) - 1]


def _successors(people: _People, is_manager: np.ndarray, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Who could step in for each person of ``who`` (an active person, never themself); -1 if nobody.

    Active managers: their active direct report in the highest grade.
    Everyone else (and managers without active reports): an active person of
    the same department in the highest grade below theirs, one grade lower
    where there is one.  Ties are broken at random.
    """
    actives = np.flatnonzero(people.active)
    boss, grade, dept = people.manager[actives], people.grade[actives], people.dept[actives]

    order = np.lexsort((rng.random(actives.size), -grade, boss))
    sorted_boss = boss[order]
    first = np.flatnonzero(np.r_[True, sorted_boss[1:] != sorted_boss[:-1]] & (sorted_boss >= 0))
    best_report = np.full(people.size, -1)
    best_report[sorted_boss[first]] = actives[order[first]]

    key = dept * (GRADES + 1) + grade
    order = np.argsort(key, kind="stable")
    keys = key[order]
    end = np.searchsorted(keys, people.dept[who] * (GRADES + 1) + people.grade[who], "left")
    block = keys[np.maximum(end - 1, 0)]
    found = (end > 0) & (block // (GRADES + 1) == people.dept[who])
    start = np.searchsorted(keys, block, "left")
    pick = start + (rng.random(who.size) * (end - start)).astype(np.int64)
    below = np.where(found, actives[order[np.minimum(pick, actives.size - 1)]], -1)
    report = np.where(people.active[who] & is_manager[who], best_report[who], -1)
    return np.where(report >= 0, report, below)


def _colleague_picker(people: _People, rng: np.random.Generator):
    """A function giving, for each of ``who``, a random active person of their department (else of its centre),
    not them and not ``avoid``; -1 if there is none."""
    groups = []
    for group in (people.dept, CENTRE[people.dept]):
        groups.append((group, *_group_positions(np.where(people.active, group, -1), len(DEPARTMENTS), rng)))

    def pick(who: np.ndarray, avoid: np.ndarray) -> np.ndarray:
        chosen = np.full(who.size, -1)
        for group, order, start, size in groups:
            g, missing = group[who], chosen < 0
            offset = (rng.random(who.size) * size[g]).astype(np.int64)
            for shift in range(3):  # at most two of three neighbours are excluded
                candidate = order[np.minimum(start[g] + (offset + shift) % np.maximum(size[g], 1), order.size - 1)]
                fits = missing & (chosen < 0) & (size[g] > 0) & (candidate != who) & (candidate != avoid)
                chosen[fits] = candidate[fits]
        return chosen

    return pick


def _exposure_frame(people: _People, ids: pa.Array, jobs: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """What would leave with each active key talent, manager and a sample of R&D, sales, supply and finance staff.

    Key knowledge sits mostly with R&D, engineers and key talent; client
    channels with sales and the managers of sales and customer service;
    supplier channels with buyers and supply-chain managers; secrets with
    R&D, finance and senior managers.  About 70 % of the people in grade 7+
    with secrets or key knowledge signed a non-compete.  A successor is
    named for about 60 % of managers and key talent (30 % of the others).
    """
    n = people.size
    family = jobs["job_family"].to_numpy()[people.job]
    job = jobs["job_id"].to_numpy()[people.job]
    manager = jobs["is_manager"].to_numpy()[people.job]
    dept_family = np.array([d.family for d in DEPARTMENTS])[people.dept]
    finance = np.isin(job, FINANCE_JOBS) | (people.dept == _DEPT_INDEX["D620"])
    core = people.active & (people.key_talent | manager)
    sampled = (people.active & ~core & (np.isin(family, EXPOSED_FAMILIES) | finance)
               & (rng.random(n) < EXPOSED_SAMPLE_SHARE))
    rows = np.flatnonzero(core | sampled)
    family, job, dept_family, finance = family[rows], job[rows], dept_family[rows], finance[rows]
    is_manager, grade, key_talent = manager[rows], people.grade[rows], people.key_talent[rows]
    rnd = (family == "rnd") | (dept_family == "rnd")

    def draw(conditions, shares, default):
        return rng.random(rows.size) < np.select(conditions, shares, default)

    knowledge = draw([rnd, np.isin(job, ENGINEERING_JOBS), key_talent, is_manager], [0.85, 0.6, 0.75, 0.45], 0.15)
    clients = draw([np.isin(job, CLIENT_JOBS), is_manager & np.isin(dept_family, CLIENT_FACING_FAMILIES),
                    family == "sales", is_manager & (dept_family == "marketing")], [0.85, 0.8, 0.4, 0.4], 0.02)
    suppliers = draw([np.isin(job, BUYER_JOBS), is_manager & (dept_family == "supply_chain"),
                      family == "supply_chain"], [0.9, 0.8, 0.3], 0.02)
    secrets = draw([is_manager & (grade >= SENIOR_MANAGER_GRADE), finance, rnd, is_manager],
                   [0.9, 0.85, 0.7, 0.3], 0.1)
    needs = (secrets | knowledge) & (grade >= NON_COMPETE_GRADE)
    non_compete = draw([needs, clients | suppliers], [NON_COMPETE_SHARE, 0.2], 0.05)

    candidate = _successors(people, manager, rows, rng)
    named = draw([is_manager | key_talent], [SUCCESSOR_SHARE], OTHER_SUCCESSOR_SHARE) & (candidate >= 0)
    successor = np.where(named, candidate, -1)
    ready = np.where(named, _categorical(rng, np.tile(SUCCESSOR_READY_SHARES, (rows.size, 1))), -1)

    reason = np.select([needs & ~non_compete, clients, suppliers, knowledge & ~named, secrets],
                       np.arange(len(EXPOSURE_NOTES)), -1)
    note = np.where(rng.random(rows.size) < NOTE_SHARE, reason, -1)
    return pd.DataFrame({
        "employee_id": _take(ids, rows),
        "key_knowledge": knowledge,
        "client_channels": clients,
        "supplier_channels": suppliers,
        "secrets_access": secrets,
        "non_compete": non_compete,
        "successor_id": _take(ids, successor),
        "successor_ready": _labels(SUCCESSOR_READY, ready),
        "note": _labels(EXPOSURE_NOTES, note),
    }).sort_values("employee_id", ignore_index=True)


def _overlooked_signals(people: _People, jobs: pd.DataFrame, person_of, frames: dict[str, pd.DataFrame],
                        cal: _Calendar, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seed 001's "high ability in a low or overlooked position": about 1 % of the actives, in the last 180 days.

    Candidates: actives (not the CEO) whose latest ability assessment is 8
    or more, in a grade below the median of their job family's actives or
    without a promotion (or hire) for 3 years.  Returns person, day and note
    index of each signal.
    """
    n = people.size
    ability = frames["ability_assessments"]
    ability = ability[ability["period"] == str(cal.as_of.year)]
    score = np.full(n, np.nan)
    score[person_of(ability["employee_id"])] = ability["score"].to_numpy()
    events = frames["employee_events"]
    promotions = events[(events["event_type"] == "promotion").to_numpy()]
    last_step = people.hire.copy()
    np.maximum.at(last_step, person_of(promotions["employee_id"]), _days(promotions["event_date"]))
    stalled = cal.today - last_step >= STALLED_YEARS * 365.25

    family_names, job_family = np.unique(jobs["job_family"].to_numpy(), return_inverse=True)
    family = job_family[people.job]
    median = np.array([np.median(people.grade[people.active & (family == f)]) if (people.active & (family == f)).any()
                       else 0 for f in range(family_names.size)])
    low = people.grade < median[family]
    candidates = np.flatnonzero(people.active & (score >= OVERLOOKED_ABILITY) & (low | stalled) & (people.manager >= 0))
    k = min(round(OVERLOOKED_SHARE * int(people.active.sum())), candidates.size)
    person = np.sort(rng.choice(candidates, size=k, replace=False))
    day = np.maximum(cal.today - rng.integers(0, SIGNAL_LEAD_DAYS, k), people.hire[person])
    note = np.where(low[person], rng.integers(0, 2, k), 2)
    order = np.lexsort((person, day))
    return person[order], day[order], note[order]


def _retention_frame(people: _People, ids: pa.Array, signal_person: np.ndarray, signal_day: np.ndarray,
                     overlooked: np.ndarray, cal: _Calendar, rng: np.random.Generator) -> pd.DataFrame:
    """Retention actions: the managers of ~40 % of actives with 2+ recent signals and ~5 % of key talent acted.

    One or two actions in the last 120 days (after the first recent signal),
    owned by the manager, mostly still open; plus one action before the exit,
    with outcome ``left``, for ~30 % of last year's voluntary leavers who
    showed signals in their last 180 days.
    """
    n, today = people.size, cal.today
    recent = (signal_day > people.obs[signal_person] - SIGNAL_LEAD_DAYS) & (signal_day <= people.obs[signal_person])
    count = np.bincount(signal_person[recent], minlength=n)
    first_signal = np.full(n, today)
    np.minimum.at(first_signal, signal_person[recent], signal_day[recent])
    was_overlooked = np.zeros(n, dtype=bool)
    was_overlooked[overlooked] = True

    signalled = people.active & (count >= 2) & (rng.random(n) < RETENTION_SIGNALLED_SHARE)
    key = people.active & people.key_talent & (rng.random(n) < RETENTION_KEY_TALENT_SHARE)
    stayers = np.flatnonzero(signalled | key)
    stayers = np.repeat(stayers, 1 + (rng.random(stayers.size) < 0.4))
    low = np.maximum(today - RETENTION_DAYS + 1, people.hire[stayers])
    low = np.where(count[stayers] >= 2, np.maximum(low, first_signal[stayers]), low)
    stay_day = low + (rng.random(stayers.size) * (today - low + 1)).astype(np.int64)

    left_recently = (people.exit_type == 0) & (people.obs > today - 365)
    leavers = np.flatnonzero(left_recently & (count > 0) & (rng.random(n) < RETENTION_LEAVER_SHARE))
    exit_day = people.obs[leavers]
    high = exit_day - 1
    low = np.minimum(np.maximum.reduce([people.hire[leavers], exit_day - 90, first_signal[leavers]]), high)
    leave_day = low + (rng.random(leavers.size) * (high - low + 1)).astype(np.int64)

    person = np.concatenate([stayers, leavers])
    day = np.concatenate([stay_day, leave_day])
    mix = np.select([was_overlooked[person], count[person] >= 1], [1, 0], 2)
    kind = _categorical(rng, RETENTION_MIX[mix])
    twice = np.r_[False, person[1:] == person[:-1]]  # a second action is of another kind
    kind[twice] = (kind[np.flatnonzero(twice) - 1] + rng.integers(1, len(RETENTION_KINDS), int(twice.sum()))) \
        % len(RETENTION_KINDS)
    stayed = (day <= today - 60) & (rng.random(person.size) < 0.3)
    outcome = np.where(people.active[person], np.where(stayed, 1, 2), 0)
    note = 2 * kind + rng.integers(0, 2, person.size)
    order = np.lexsort((kind, person, day))
    person, day, kind, outcome, note = (a[order] for a in (person, day, kind, outcome, note))
    notes = [text for k in RETENTION_KINDS for text in RETENTION_NOTES[k]]
    return pd.DataFrame({
        "action_id": _id_column("RA", person.size, 6),
        "employee_id": _take(ids, person),
        "action_date": _as_dates(day),
        "kind": _labels(RETENTION_KINDS, kind),
        "owner_id": _take(ids, people.manager[person]),
        "note": _labels(notes, note),
        "outcome": _labels(("left", "stayed", "open"), outcome),
    })


def _handover_frame(people: _People, ids: pa.Array, jobs: pd.DataFrame, cal: _Calendar,
                    rng: np.random.Generator) -> pd.DataFrame:
    """The handover checklist of every voluntary leaver of the last 60 days (seed 001).

    The seed's items (client items only for sales and customer-facing jobs)
    go to two receivers: the colleague who steps in (one grade lower in the
    department where there is one) and another colleague; the leaver owns
    the items they do, the manager the others.  Items fall due in three stages over the notice month; most are
    done for people who left over 30 days ago, about half for the others.
    """
    today = cal.today
    leavers = np.flatnonzero((people.exit_type == 0) & (people.obs > today - HANDOVER_DAYS))
    leavers = leavers[np.lexsort((leavers, people.obs[leavers]))]
    manager = jobs["is_manager"].to_numpy()[people.job]
    receiver = _successors(people, manager, leavers, rng)
    colleague = _colleague_picker(people, rng)
    receiver = np.where(receiver >= 0, receiver, colleague(leavers, np.full(leavers.size, -1)))
    second = colleague(leavers, receiver)
    family = jobs["job_family"].to_numpy()[people.job[leavers]]
    dept_family = np.array([d.family for d in DEPARTMENTS])[people.dept[leavers]]
    facing = np.isin(family, CLIENT_FACING_FAMILIES) | (manager[people.job[leavers]]
                                                        & np.isin(dept_family, CLIENT_FACING_FAMILIES))

    items = len(HANDOVER_CHECKLIST)
    who = np.repeat(np.arange(leavers.size), items)
    item = np.tile(np.arange(items), leavers.size)
    is_client = np.array([c == "clients" for c, *_ in HANDOVER_CHECKLIST])
    keep = ~is_client[item] | facing[who]
    who, item = who[keep], item[keep]
    person = leavers[who]
    stage = np.array([s for _, s, *_ in HANDOVER_CHECKLIST])[item]
    window = np.array(HANDOVER_STAGE_DAYS)[stage]
    exit_day = people.obs[person]
    start = np.maximum(exit_day - 30, people.hire[person])
    due = exit_day - window[:, 0] - (rng.random(person.size) * (window[:, 1] - window[:, 0] + 1)).astype(np.int64)
    due = np.maximum(_back_to_friday(due), start)
    recent = exit_day > today - 30
    done = rng.random(person.size) < np.array(HANDOVER_DONE)[recent.astype(np.int64), stage]
    done_on = np.clip(due + rng.integers(-6, 3, person.size), np.maximum(exit_day - 40, people.hire[person]),
                      np.minimum(exit_day, today))
    text = [f"{en} / {zh}" for _, _, en, zh in HANDOVER_CHECKLIST]
    return pd.DataFrame({
        "task_id": _id_column("HT", person.size, 6),
        "employee_id": _take(ids, person),
        "item": _labels(text, item),
        "receiver_id": _take(ids, receiver[who]),
        "second_receiver_id": _take(ids, second[who]),
        "due_date": _as_dates(due),
        "done": done,
        "category": _labels([c for c, *_ in HANDOVER_CHECKLIST], item),
        "owner_id": _take(ids, np.where(HANDOVER_LEAVER_OWNS[item], person, people.manager[person])),
        "stage": _labels(HANDOVER_STAGES, stage),
        "done_on": _as_dates(done_on, missing=~done),
    })


def _watchlist_frames(people: _People, ids: pa.Array, jobs: pd.DataFrame, frames: dict[str, pd.DataFrame],
                      cal: _Calendar, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Exposure, the overlooked signals added to ``attrition_signals``, retention actions and handover tasks.

    ``rng`` is a generator of their own, so that no other table changes.
    """
    person_of = _person_lookup(ids)
    exposure = _exposure_frame(people, ids, jobs, rng)
    person, day, note = _overlooked_signals(people, jobs, person_of, frames, cal, rng)
    signals = frames["attrition_signals"]
    total = len(signals) + person.size
    overlooked = pd.DataFrame({
        "signal_id": pd.Series(_ids("SG", total, 7)[len(signals):], dtype="str"),
        "employee_id": _take(ids, person),
        "signal_date": _as_dates(day),
        "kind": _labels(("overlooked",), np.zeros(person.size)),
        "note": _labels(OVERLOOKED_NOTES, note),
    })
    signal_person = np.concatenate([person_of(signals["employee_id"]), person])
    signal_day = np.concatenate([_days(signals["signal_date"]), day])
    return {
        "exposure": exposure,
        "attrition_signals": pd.concat([signals, overlooked], ignore_index=True),
        "retention_actions": _retention_frame(people, ids, signal_person, signal_day, person, cal, rng),
        "handover_tasks": _handover_frame(people, ids, jobs, cal, rng),
    }


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

def generate(employees: int = 2000, seed: int = 7, as_of: date = DEFAULT_AS_OF) -> dict[str, pd.DataFrame]:
    """Generate the demo company.

    Parameters
    ----------
    employees : int
        Active employees on ``as_of`` (exactly); at least :data:`MIN_EMPLOYEES`.
        Leavers of the last three years come on top (about 40 % more rows).
    seed : int
        Seed of the one random generator; the same arguments give the same frames.
    as_of : date
        The date the data describe: exits, events, leave and signals fall in
        the three years up to it, scorecards cover the year up to its latest
        complete quarter on each role's cycle, the pay survey is the latest one out by then.

    Returns
    -------
    dict of str to DataFrame
        One frame per table of :data:`hrcore.schema.TABLES`, with exactly its
        columns; tables the demo leaves to the pages are empty.

    Raises
    ------
    ValueError
        If ``employees`` is below :data:`MIN_EMPLOYEES`.
    """
    if int(employees) < MIN_EMPLOYEES:
        raise ValueError(f"employees: must be at least {MIN_EMPLOYEES} to staff every department, got {employees}")
    rng = np.random.default_rng(seed)
    cal = _Calendar(as_of)
    jobs = _job_frame()
    job_index = {j: i for i, j in enumerate(jobs["job_id"])}

    market = _market_data(jobs, cal, rng)
    pay_grades, params = _pay_grades(jobs, market, cal.survey_year)
    org = _design_org(int(employees), job_index, rng)
    people = _populate(org, jobs, cal, rng)
    certification = _certify_representatives(people, job_index, cal, rng)
    _settle_pay(people, jobs, pay_grades)
    ids = _employee_ids(people, rng)

    scorecards, scorecard_lines = _scorecard_frames(people, ids, jobs, org, cal, rng)
    frames = {
        "departments": _department_frame(org, ids),
        "jobs": jobs[list(TABLES["jobs"].columns)].astype({c: "str" for c in ("job_id", "job_family", "title_en",
                                                                              "title_zh")}),
        **_evaluation_frames(jobs, seed, as_of),
        "employees": _employee_frame(people, ids, jobs, pay_grades, rng),
        "employee_events": _event_frame(people, ids, jobs, pay_grades, certification, job_index),
        "market_data": market.astype({c: "str" for c in ("job_id", "pay_type", "source", "survey_job", "currency")}),
        "pay_structures": _structure_frame(params, cal.survey_year, org, ids),
        "pay_grades": pay_grades.astype({"structure_id": "str"}),
        **_competency_frames(),
        "comp_targets": _comp_targets(jobs),
    }
    frames["ratings_360"], panel = _ratings_360(people, ids, jobs, cal, rng)
    frames |= {
        "qualification_reqs": _qualification_frame(jobs),
        "certifications": _certification_frame(certification, ids, cal),
        **_certification_order_frames(certification, people, ids, jobs, job_index),
        **_certification_catalogue(),
        "cert_appeals": _appeal_frame(certification, people, ids, int(org.head[_DEPT_INDEX["D610"]]), cal, rng),
        "kpi_indicators": _kpi_frame(),
        "scorecards": scorecards,
        "scorecard_lines": scorecard_lines,
        "leave_records": _leave_frame(people, ids, cal, rng),
        "attrition_signals": _signal_frame(people, ids, cal, rng),
        "ability_assessments": _ability_frame(people, ids, cal, seed),
    }
    # The heads' leadership ratings draw last, from a generator of their own: no other draw shifts.
    lead5 = _lead5_ratings(panel, people, ids, jobs, cal, np.random.default_rng(rng.integers(2**32)))
    frames["ratings_360"] = pd.concat([frames["ratings_360"], lead5], ignore_index=True)
    # So does the watchlist (exposure, overlooked signals, retention actions, handover): all existing frames stay.
    extra = np.random.default_rng(rng.integers(2**32))
    frames |= _watchlist_frames(people, ids, jobs, frames, cal, extra)
    # Last year's 360 review, from a generator of its own (no other draw shifts): last year's nine-box reads it.
    last_year = _last_year_ratings(panel, people, ids, cal, np.random.default_rng([seed, 360]))
    frames["ratings_360"] = pd.concat([frames["ratings_360"], last_year], ignore_index=True)
    frames["talent_reviews"] = _last_review(frames["scorecards"], last_year, cal)
    # Coaching notes and appeals on cards already scored: no draws, every other frame stays.
    frames |= _kpi_follow_up(frames["scorecards"], frames["employees"], cal)
    # The payroll the board approved for the plan year: today's payroll plus a 4 % increase budget.
    active = frames["employees"][frames["employees"]["status"] == "active"]
    payroll = 12 * float((active["base_pay"] + active["target_bonus"].fillna(0)).sum())
    params["approved_total"] = round(payroll * 1.04, -5)
    frames["pay_structures"] = _structure_frame(params, cal.survey_year, org, ids)
    for name, spec in TABLES.items():
        frames[name] = frames[name][spec.columns] if name in frames else pd.DataFrame(
            {column: pd.Series(dtype="object") for column in spec.columns})
    return {name: frames[name] for name in TABLES}


def build_demo(store, employees: int = 2000, seed: int = 7, as_of: date = DEFAULT_AS_OF) -> dict[str, int]:
    """Replace the content of ``store`` with the demo company; return the row count of every table.

    Also records the as-of date and the company's names in the store's metadata
    (``as_of``, ``company_en``, ``company_zh``).
    """
    frames = generate(employees=employees, seed=seed, as_of=as_of)
    load_demo(store, frames, as_of, recipe={"employees": employees, "seed": seed})
    return {name: len(frame) for name, frame in frames.items()}


def load_demo(store, frames: dict, as_of: date = DEFAULT_AS_OF, recipe: dict | None = None) -> None:
    """Write generated frames into ``store`` as the demo company (its metadata and demo flag included).

    ``recipe`` (``employees`` and ``seed``) is what the frames were generated with: kept, so that
    :func:`reset_demo` builds the same company again.

    Only a new, empty database or the demo itself is replaced: a company's own data, accounts (and their
    audit trail) would otherwise be lost or end up beside fictitious people, with no backup taken.

    Raises
    ------
    ValueError
        In one line: why the database is not the demo, and to build the demo in a new file.
    """
    if why := not_only_the_demo(store):
        raise ValueError(f"db: {store.path} holds a company's own data or accounts ({why}); build the demo in a "
                         "new file instead, e.g. python -m hrcore demo --db data/demo.duckdb")
    # The metadata and the flag commit with the rows: a crash leaves the old content or the whole demo.
    store.replace_all(frames, meta={
        company.SETTINGS_KEY: json.dumps({"as_of": as_of.isoformat()}),
        # The demo's people serve the three-month probation its certification records were drawn for.
        competency_rules.SETTINGS_KEY: json.dumps({**competency_rules.default_settings(), "probation_months": 3}),
        "company_en": COMPANY_EN, "company_zh": COMPANY_ZH,
        evaluation.ACTIVE_SCHEME: "v1",
        # The bundled demo may be opened without signing in (hrcore.access.is_demo); a real company's data may not.
        access.DEMO_FLAG: "true",
        **({RECIPE_KEY: json.dumps({**recipe, "as_of": as_of.isoformat()})} if recipe else {})})


def not_only_the_demo(store) -> str | None:
    """Why ``store`` holds more than the demo company (accounts, a company's rows, an import), or None when
    it is new and empty or the demo as built.

    >>> from hrcore.store import Store
    >>> not_only_the_demo(Store()) is None
    True
    """
    if not store.query("SELECT 1 FROM users LIMIT 1").empty:
        return "it has accounts"
    return _not_demo_rows(store)


def _not_demo_rows(store) -> str | None:
    """Why the tables of ``store`` hold more than the demo company as built (a company's rows, an import)."""
    if store.meta(access.DEMO_FLAG) == "true":
        imported = _imported_into_demo(store)
        return f"{imported:,} row(s) were imported into it" if imported else None
    filled = [name for name, rows in store.counts().items() if rows]
    return f"rows in {', '.join(filled[:3])}{' …' if len(filled) > 3 else ''}" if filled else None


def _imported_into_demo(store) -> int:
    """Imports into the demo since it was last built, by the trail (an import ends the demo in its own transaction;
    a flag that survived one, from a crash of an older version, is given away here)."""
    return int(store.query(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'imports.commit_rows' AND change_id > "
        "(SELECT coalesce(max(change_id), 0) FROM audit_log WHERE action = 'replace_all')")["n"].iloc[0])


RECIPE_KEY = "demo_recipe"
"""``app_meta`` key: the size, seed and date the demo company was built with (JSON), for :func:`reset_demo`."""
KEPT_THROUGH_RESET = ("data_version", access.DEMO_FLAG)
"""``app_meta`` keys a reset keeps: the data version only ever grows (pages cache by it), and the flag says demo."""


def recipe(store) -> dict:
    """What the demo company in ``store`` was built with: ``employees``, ``seed`` and ``as_of`` (a date).

    A demo built before the recipe was kept is taken as the default seed with as many active people as it has.
    """
    kept = json.loads(store.meta(RECIPE_KEY) or "null")
    if kept:
        return {**kept, "as_of": date.fromisoformat(kept["as_of"])}
    active = int(store.query("SELECT count(*) AS n FROM employees WHERE status = 'active'")["n"].iloc[0])
    as_of = company.saved(store).get("as_of")
    return {"employees": max(active, MIN_EMPLOYEES), "seed": 7,
            "as_of": date.fromisoformat(as_of) if as_of else DEFAULT_AS_OF}


def is_demo_company(store) -> bool:
    """Whether ``store`` holds the demo company as built, accounts or not (what :func:`reset_demo` resets)."""
    return store.meta(access.DEMO_FLAG) == "true" and _not_demo_rows(store) is None


def reset_demo(store) -> dict[str, int]:
    """Build the demo company again as it was first built, keeping nothing else: every change, setting, saved
    mapping and account goes (the audit trail stays, the reset in it), and demo mode starts again.

    ``store`` is an admin's.  Returns the row count of every table.

    Raises
    ------
    ValueError
        When the database is not the demo company (a company's own data, an import): it is never reset.
    PermissionError
        When the user is not an admin.
    """
    if (store.user or access.SYSTEM).role != "admin":
        raise Forbidden("demo_reset_admin_only", field="reset")
    if store.meta(access.DEMO_FLAG) != "true":
        raise Refused("demo_reset_own_data", field="db")
    if imported := _imported_into_demo(store):
        raise Refused("demo_reset_imported", field="db", rows=imported)
    built = recipe(store)
    frames = generate(**built)  # before anything goes: a failure leaves the demo as it was
    kept = ", ".join(f"'{key}'" for key in KEPT_THROUGH_RESET)
    with store.transaction("demo.reset_demo") as cur:
        cur.execute("DELETE FROM users")
        cur.execute("DELETE FROM import_mappings")
        cur.execute(f"DELETE FROM app_meta WHERE key NOT IN ({kept})")
    load_demo(store, frames, built["as_of"], recipe={"employees": built["employees"], "seed": built["seed"]})
    return {name: len(frame) for name, frame in frames.items()}


@dataclass(frozen=True)
class Persona:
    """Someone a visitor of the demo company acts as (demo mode has no accounts): a role, and a person of the
    company in it, whose name every change is recorded under."""

    key: str
    """``hr_director``, ``hr_analyst``, ``line_manager`` or ``board_member`` (:data:`PERSONAS`)."""
    user: access.User
    name_en: str
    name_zh: str
    department_en: str | None = None
    """The department a line manager manages (their scope), by name."""
    department_zh: str | None = None


PERSONAS = ("hr_director", "hr_analyst", "line_manager", "board_member")
"""The demo's personas, the first the one a visitor starts as."""
_HR, _LINE = "D610", "D310"  # Human Resources; East China Sales, a department of the demo with a team
_BOARD_MEMBER = ("Gao Wenjun", "高文君")  # from outside the company: no employee record


def personas(store) -> dict[str, Persona]:
    """The demo company's personas, by key: the HR director (an admin: the head of Human Resources), an HR
    analyst (a compensation analyst of that department), a line manager (the head of East China Sales,
    who sees that department only) and a board member (a viewer: the dashboards, no pay).

    Each is a real person of the company (but the board member), so their own records are not theirs to
    score or calibrate, as for an account linked to them.
    """
    people = store.query(
        "SELECT e.employee_id, e.name_en, e.name_zh, e.department_id, e.job_id, d.name_en AS department_en, "
        "d.name_zh AS department_zh, e.employee_id = d.head_id AS head "
        "FROM employees e JOIN departments d USING (department_id) "
        "WHERE e.department_id IN (?, ?) AND e.status = 'active' "
        "ORDER BY head DESC, e.job_id = 'FN-CBA' DESC, e.employee_id", [_HR, _LINE])
    hr, line = people[people["department_id"] == _HR], people[people["department_id"] == _LINE]

    def persona(key: str, role: str, found: pd.DataFrame, row: int, department: str | None = None) -> Persona:
        taken = found.iloc[min(row, len(found) - 1)] if len(found) else None
        name_en, name_zh = (taken["name_en"], taken["name_zh"]) if taken is not None else _BOARD_MEMBER
        user = access.User(f"demo.{key.replace('_', '-')}", role, department, name_en,
                           taken["employee_id"] if taken is not None else None)
        if department is None or taken is None:
            return Persona(key, user, name_en, name_zh)
        return Persona(key, user, name_en, name_zh, taken["department_en"], taken["department_zh"])

    return {p.key: p for p in (
        persona("hr_director", "admin", hr, 0),
        persona("hr_analyst", "hr_analyst", hr, 1),
        persona("line_manager", "manager", line, 0, _LINE),
        persona("board_member", "viewer", people.iloc[0:0], 0))}
