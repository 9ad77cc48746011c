"""The board pack: the overview and each area's headline, as a PDF a leader hands out.

What goes in is worded already (:class:`BoardPack`, in the reader's language); this module only lays it out:
a title block with the company and the date, then one section per area, each with its headline figures, a
chart and a table, and on every page the confidentiality line and the page number.

Text from data (names, titles, department names) is drawn as text: paragraphs escape it, so a name holding
``<link href=...>`` or ``<img src=...>`` is printed as written, never followed or fetched.

Chinese is set in Adobe's standard Song face (``STSong-Light``), which every PDF reader carries: the file does
not embed a font and stays small.  English is set in Helvetica; a Chinese name in an English pack falls back to
the Song face character by character.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

from hrcore import access, company, i18n, ninebox
from hrcore.privacy import MIN_GROUP, without_small_groups
from hrcore.reports import attrition as attrition_report
from hrcore.reports import competency as competency_report
from hrcore.reports import evaluation as eval_report
from hrcore.reports import kpi as kpi_report
from hrcore.reports import overview as overview_report
from hrcore.reports import pay as pay_report
from hrcore.reports import talent as talent_report
from hrcore.store import Store

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
CJK_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
THEME = colors.HexColor("#1F6F8B")
SERIES_COLOURS = [colors.HexColor(c) for c in ("#1F6F8B", "#E07A5F", "#8D5A97", "#81B29A", "#F2CC8F", "#B0B8BF")]
MAX_TABLE_ROWS = 15
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclass(frozen=True)
class Figure:
    """A headline figure: ``label`` and its ``value`` as shown, with a ``note`` below (the comparison)."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart of ``series`` (name -> one value per category).

    ``kind``: ``bar`` (columns), ``hbar`` (bars across), ``line``, or ``grid`` (the nine-box: ``categories``
    are the three levels from low to high, ``series`` one row per ability level from low to high, values the
    count in each box; ``labels`` the box names row by row).
    """

    kind: str
    categories: tuple[str, ...]
    series: dict[str, tuple[float, ...]]
    labels: tuple[tuple[str, ...], ...] = ()
    axis_x: str = ""
    axis_y: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    figures: tuple[Figure, ...] = ()
    chart: Chart | None = None
    table: pd.DataFrame | None = None
    note: str = ""


@dataclass(frozen=True)
class BoardPack:
    """A board pack, worded in ``lang``: what :func:`render` lays out."""

    title: str
    company: str
    as_of: date
    dated: str
    """The date line as the reader's language writes it (e.g. "As of 31 October 2026", "数据截至 2026年10月31日")."""
    confidential: str
    lang: str
    sections: tuple[Section, ...] = field(default_factory=tuple)


def _markup(text: str, size: float, bold: bool = False, lang: str = "en") -> str:
    """``text`` for a paragraph: escaped, each run of Chinese set in the Song face when the base font is Latin."""
    text = escape(str(text))
    if lang == "zh":
        return f"<b>{text}</b>" if bold else text
    runs = _CJK.sub(lambda m: f'<font name="{CJK_FONT}">{m.group(0)}</font>', text)
    return f"<b>{runs}</b>" if bold else runs


def _styles(lang: str) -> dict[str, ParagraphStyle]:
    base = CJK_FONT if lang == "zh" else LATIN_FONT
    bold = CJK_FONT if lang == "zh" else LATIN_BOLD
    cjk = dict(wordWrap="CJK") if lang == "zh" else {}
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=20, leading=26, textColor=THEME, **cjk),
        "subtitle": ParagraphStyle("subtitle", fontName=base, fontSize=11, leading=15, textColor=colors.grey, **cjk),
        "section": ParagraphStyle("section", fontName=bold, fontSize=14, leading=19, textColor=THEME,
                                  spaceBefore=8, spaceAfter=4, **cjk),
        "label": ParagraphStyle("label", fontName=base, fontSize=8.5, leading=11, textColor=colors.grey, **cjk),
        "value": ParagraphStyle("value", fontName=bold, fontSize=15, leading=19, **cjk),
        "note": ParagraphStyle("note", fontName=base, fontSize=8, leading=10, textColor=colors.grey, **cjk),
        "cell": ParagraphStyle("cell", fontName=base, fontSize=8, leading=10, **cjk),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8, leading=10, textColor=colors.white, **cjk),
    }


def _font_for(text: str, lang: str) -> str:
    return CJK_FONT if lang == "zh" or _CJK.search(text) else LATIN_FONT


def _figures(figures: tuple[Figure, ...], styles, lang: str, width: float) -> Table:
    cells = [[Paragraph(_markup(f.label, 8.5, lang=lang), styles["label"]),
              Paragraph(_markup(f.value, 15, bold=True, lang=lang), styles["value"]),
              Paragraph(_markup(f.note, 8, lang=lang), styles["note"])] for f in figures]
    columns = max(len(cells), 1)
    table = Table([cells], colWidths=[width / columns] * columns)
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.4, colors.lightgrey),
                               ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.lightgrey),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return table


def _grid(chart: Chart, lang: str, width: float) -> Drawing:
    side = min(width, 110 * mm)
    box = side / 3
    drawing = Drawing(side + 20 * mm, side + 20 * mm)
    counts = [list(row) for row in chart.series.values()]
    most = max((v for row in counts for v in row), default=0) or 1
    for r, row in enumerate(counts):  # row 0 = lowest ability, drawn at the bottom
        for c, value in enumerate(row):
            shade = colors.Color(0.12 + 0.85 * (1 - value / most) * 0.9, 0.44 + 0.5 * (1 - value / most),
                                 0.55 + 0.4 * (1 - value / most))
            x, y = 20 * mm + c * box, 12 * mm + r * box
            drawing.add(Rect(x + 1, y + 1, box - 2, box - 2, fillColor=shade, strokeColor=colors.white))
            name = chart.labels[r][c] if chart.labels else ""
            ink = colors.white if value / most > 0.5 else colors.black
            drawing.add(String(x + box / 2, y + box / 2 + 4, name[:14], textAnchor="middle", fontSize=8,
                               fontName=_font_for(name, lang), fillColor=ink))
            drawing.add(String(x + box / 2, y + box / 2 - 10, f"{value:,.0f}", textAnchor="middle", fontSize=11,
                               fontName=_font_for("", lang), fillColor=ink))
    for i, level in enumerate(chart.categories):
        drawing.add(String(20 * mm + i * box + box / 2, 6 * mm, level, textAnchor="middle", fontSize=8,
                           fontName=_font_for(level, lang)))
        drawing.add(String(18 * mm, 12 * mm + i * box + box / 2, level, textAnchor="end", fontSize=8,
                           fontName=_font_for(level, lang)))
    drawing.add(String(20 * mm + 1.5 * box, 1 * mm, chart.axis_x, textAnchor="middle", fontSize=8,
                       fontName=_font_for(chart.axis_x, lang), fillColor=colors.grey))
    drawing.add(String(18 * mm, 12 * mm + 3 * box + 3 * mm, chart.axis_y, textAnchor="end", fontSize=8,
                       fontName=_font_for(chart.axis_y, lang), fillColor=colors.grey))
    return drawing


def _chart(chart: Chart, lang: str, width: float) -> Drawing:
    if chart.kind == "grid":
        return _grid(chart, lang, width)
    height = (55 if chart.kind == "line" else 70) * mm
    drawing = Drawing(width, height + 10 * mm)
    plot = {"bar": VerticalBarChart, "hbar": HorizontalBarChart, "line": HorizontalLineChart}[chart.kind]()
    plot.x, plot.y = 22 * mm, 10 * mm
    plot.width, plot.height = width - 30 * mm, height - 8 * mm
    plot.data = [tuple(float(v) for v in values) for values in chart.series.values()]
    font = _font_for(" ".join(chart.categories), lang)
    plot.categoryAxis.categoryNames = [str(c)[:18] for c in chart.categories]
    plot.categoryAxis.labels.fontName = font
    plot.categoryAxis.labels.fontSize = 7
    plot.valueAxis.labelTextFormat = lambda value: f"{value:,.0f}"
    plot.valueAxis.labels.fontName = LATIN_FONT
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.forceZero = chart.kind != "line"  # a trend is read by its change, bars by their length
    if chart.kind == "bar" and len(chart.categories) > 8:
        plot.categoryAxis.labels.angle = 30
        plot.categoryAxis.labels.boxAnchor = "ne"
    for i in range(len(plot.data)):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        if chart.kind == "line":
            plot.lines[i].strokeColor = colour
            plot.lines[i].strokeWidth = 1.5
        else:
            plot.bars[i].fillColor = colour
            plot.bars[i].strokeColor = None
    drawing.add(plot)
    x = 22 * mm
    for i, name in enumerate(chart.series):  # the legend, above the plot
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        drawing.add(Rect(x, height + 4 * mm, 3 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 4 * mm, height + 4.3 * mm, name, fontSize=8, fontName=_font_for(name, lang)))
        x += 10 * mm + pdfmetrics.stringWidth(name, _font_for(name, lang), 8)
    if chart.axis_y:
        drawing.add(String(0, height + 4.3 * mm, chart.axis_y, fontSize=7, fontName=_font_for(chart.axis_y, lang),
                           fillColor=colors.grey))
    return drawing


def _table(frame: pd.DataFrame, styles, lang: str, width: float, more: str) -> Table:
    shown = frame.head(MAX_TABLE_ROWS)
    head = [Paragraph(_markup(c, 8, lang=lang), styles["head"]) for c in shown.columns]
    body = [[Paragraph(_markup("" if pd.isna(v) else v, 8, lang=lang), styles["cell"]) for v in row]
            for row in shown.itertuples(index=False)]
    if len(frame) > len(shown):
        more = more.format(n=len(frame) - len(shown))
        body.append([Paragraph(_markup(more, 8, lang=lang), styles["note"])] + [""] * (len(shown.columns) - 1))
    table = Table([head] + body, colWidths=[width / max(len(shown.columns), 1)] * len(shown.columns),
                  repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), THEME),
                               ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F4F6F7")]),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def render(pack: BoardPack, more_rows: str = "…") -> bytes:
    """The board pack as a PDF (A4 landscape).

    ``more_rows`` is the line under a table cut at :data:`MAX_TABLE_ROWS` rows (``{n}``: the rows left out).

    Examples
    --------
    >>> pack = BoardPack("Board pack", "Acme", date(2026, 10, 31), "As of 31 October 2026",
    ...                  "Confidential: for the management team only", "en",
    ...                  (Section("Headcount", (Figure("Headcount", "2,000", "+4% on a year ago"),),
    ...                           Chart("bar", ("Sales", "R&D"), {"Headcount": (1200, 800)})),))
    >>> pdf = render(pack)
    >>> pdf[:5], len(pdf) > 1000
    (b'%PDF-', True)
    """
    styles = _styles(pack.lang)
    buffer = io.BytesIO()
    page = landscape(A4)
    margin = 14 * mm
    width = page[0] - 2 * margin
    footer_font = CJK_FONT if pack.lang == "zh" or _CJK.search(pack.company) else LATIN_FONT

    def decorate(canvas, document):
        canvas.saveState()
        canvas.setFont(footer_font, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(margin, 8 * mm, f"{pack.company} · {pack.confidential}")
        canvas.drawRightString(page[0] - margin, 8 * mm, f"{pack.dated} · {document.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(buffer, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=margin,
                                 bottomMargin=16 * mm, title=f"{pack.company} · {pack.title}", author=pack.company,
                                 subject=pack.dated)
    story = [Paragraph(_markup(pack.company, 20, bold=True, lang=pack.lang), styles["title"]),
             Paragraph(_markup(f"{pack.title} · {pack.dated}", 11, lang=pack.lang), styles["subtitle"]),
             Spacer(1, 6 * mm)]
    for section in pack.sections:
        parts = [Paragraph(_markup(section.title, 14, bold=True, lang=pack.lang), styles["section"])]
        if section.figures:
            parts += [_figures(section.figures, styles, pack.lang, width), Spacer(1, 3 * mm)]
        if section.note:
            parts.append(Paragraph(_markup(section.note, 8, lang=pack.lang), styles["note"]))
        if section.chart is not None and section.chart.series:
            parts += [_chart(section.chart, pack.lang, width), Spacer(1, 3 * mm)]
        story.append(KeepTogether(parts))  # a heading is never left alone at the foot of a page
        if section.table is not None and len(section.table):
            story += [_table(section.table, styles, pack.lang, width, more_rows), Spacer(1, 4 * mm)]
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# What goes in: each area's headline, from the same reports the pages call
# ---------------------------------------------------------------------------

def _money(amount: float, lang: str, symbol: str) -> str:
    return i18n.money(amount, lang, symbol)


def _organisation_section(db: Store, as_of: date, lang: str, symbol: str, pay_shown: bool) -> Section:
    org = overview_report.organisation(db, as_of).figures
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    figures = [Figure(t("overview.headcount"), i18n.number(org.headcount, lang),
                      f"{org.headcount - org.headcount_year_ago:+,} {t('overview.vs_year_ago')}"),
               Figure(t("overview.hires"), i18n.number(org.hires_12m, lang)),
               Figure(t("overview.turnover"), "–" if org.turnover_12m != org.turnover_12m
                      else i18n.percent(org.turnover_12m, lang), t("overview.exits_n", n=org.exits_12m))]
    if pay_shown and org.payroll_annual == org.payroll_annual:
        figures.append(Figure(t("overview.payroll"), _money(org.payroll_annual, lang, symbol)))
    trend = org.trend.tail(12)
    chart = Chart("line", tuple(i18n.month(d.date(), lang) for d in trend["month_end"]),
                  {t("overview.headcount"): tuple(trend["headcount"].astype(float))})
    departments = org.by_department
    top = departments[departments["headcount"] > 0].sort_values("headcount", ascending=False)
    table = pd.DataFrame({t("pack.col.department"): [i18n.name(e, z, lang) or str(d) for d, e, z in
                                                     zip(top["department_id"], top["name_en"], top["name_zh"])],
                          t("pack.col.people"): [i18n.number(n, lang) for n in top["headcount"]]})
    if pay_shown:
        table[t("overview.payroll")] = ["–" if p != p else _money(p, lang, symbol) for p in top["payroll"]]
    return Section(t("pack.organisation"), tuple(figures), chart, table)


def _pay_section(db: Store, lang: str, symbol: str) -> Section | None:
    force = pay_report.in_force(db)
    head = force.headline
    if head is None:
        return None
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    figures = [Figure(t("pay.force.below_min"), i18n.percent(head.below_share, lang), t("pack.people_n", n=head.below)),
               Figure(t("pay.force.above_max"), i18n.percent(head.above_share, lang), t("pack.people_n", n=head.above))]
    if head.budget_used is not None:
        figures.append(Figure(t("pay.force.budget_used"), i18n.percent(head.budget_used, lang, 0),
                              _money(head.approved, lang, symbol)))
    checked = eval_report.headline(db)
    if checked is not None and checked.r2 is not None:
        figures.append(Figure(t("pack.evaluation_r2"), f"{checked.r2:.2f}",
                              f"{t('eval.jobs_evaluated')}: {checked.evaluated}/{checked.jobs}"))
    grades = force.grades
    chart = table = None
    if len(grades):
        names = tuple(t("pack.grade_n", grade=g) for g in grades["grade"])
        chart = Chart("bar", names, {t("pack.series.midpoint"): tuple(grades["fixed_mid"].astype(float)),
                                     t("pack.series.market"): tuple(grades["market_mid"].fillna(0).astype(float))})
        exact = lambda v: "–" if v != v else i18n.money_exact(v, lang, symbol)  # noqa: E731
        table = pd.DataFrame({t("pack.col.grade"): list(names),
                              t("pack.col.min"): grades["fixed_min"].map(exact),
                              t("pack.col.mid"): grades["fixed_mid"].map(exact),
                              t("pack.col.max"): grades["fixed_max"].map(exact),
                              t("pack.col.market"): grades["market_mid"].map(exact),
                              t("pack.col.people"): grades["people"].map(lambda n: i18n.number(n, lang))})
    return Section(t("pack.pay"), tuple(figures), chart, table, t("pack.pay_note"))


def _performance_section(db: Store, lang: str) -> Section | None:
    head = kpi_report.headline(db)
    if head.period is None or head.people == 0:
        return None
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    hidden = head.people < MIN_GROUP  # no one's rating is read off a handful of people
    figures = [Figure(t("overview.rating_share", rating=r), "–" if hidden else i18n.percent(s, lang, 0))
               for r, s in head.shares.items()]
    figures.append(Figure(t("kpi.not_scored"), i18n.number(head.not_scored, lang)))
    chart = None if hidden else Chart("bar", tuple(head.shares), {
        t("pack.series.share"): tuple(100 * s for s in head.shares.values())}, axis_y="%")
    return Section(t("pack.performance", period=head.period), tuple(figures), chart)


def _talent_section(db: Store, lang: str) -> Section | None:
    head = talent_report.headline(db)
    if head.period is None or head.people == 0:
        return None
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    counts = without_small_groups(head.counts.copy(), "count", "share")
    names = talent_report.labels(db).boxes.set_index("box")["label_zh" if lang == "zh" else "label_en"]
    rows = []
    for ability in ninebox.LEVELS:
        rows.append(tuple(float(counts.loc[(counts["ability"] == ability) & (counts["performance"] == p), "count"]
                                .fillna(-1).sum()) for p in ninebox.LEVELS))
    labels = tuple(tuple(str(names.get(int(counts.loc[(counts["ability"] == a) & (counts["performance"] == p),
                                                        "box"].iloc[0]), "")) for p in ninebox.LEVELS)
                   for a in ninebox.LEVELS)
    levels = tuple(t(f"talent.level.{level}") for level in ninebox.LEVELS)
    chart = Chart("grid", levels, {level: row for level, row in zip(levels, rows)}, labels,
                  t("talent.performance"), t("talent.ability"))
    table = pd.DataFrame({t("pack.col.box"): [str(names.get(int(b), b)) for b in counts["box"]],
                          t("pack.col.people"): ["–" if c != c else i18n.number(c, lang) for c in counts["count"]],
                          t("pack.col.share"): ["–" if s != s else i18n.percent(s, lang, 0) for s in counts["share"]]})
    figures = (Figure(t("pack.col.people"), i18n.number(head.people, lang)),)
    return Section(t("pack.talent", period=head.period), figures, chart, table)


def _attrition_section(db: Store, as_of: date, lang: str) -> Section:
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    head = attrition_report.headline(db, as_of)
    flows = attrition_report.turnover(db, as_of, "Q")
    figures = [Figure(t("attrition.high_risk"), i18n.number(head.high_risk, lang)),
               Figure(t("attrition.key_at_risk"), i18n.number(head.key_at_risk, lang))]
    if flows.rate_12m is not None:
        figures.insert(0, Figure(t("overview.turnover"), i18n.percent(flows.rate_12m, lang)))
    rates = flows.rates.tail(8)
    chart = Chart("bar", tuple(str(p) for p in rates["period"]), {
        t("pack.series.voluntary"): tuple(100 * rates["voluntary_rate"].fillna(0)),
        t("pack.series.involuntary"): tuple(100 * rates["involuntary_rate"].fillna(0))}, axis_y="%") \
        if len(rates) else None
    return Section(t("pack.attrition"), tuple(figures), chart)


def _competency_section(db: Store, as_of: date, lang: str) -> Section | None:
    head = competency_report.headline(db, as_of)
    if head.in_certified_jobs == 0 and head.reviewed == 0:
        return None
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    figures = []
    if head.coverage is not None:
        figures.append(Figure(t("overview.cert_coverage"), i18n.percent(head.coverage, lang, 0),
                              t("overview.cert_overdue", n=i18n.number(head.overdue, lang))))
    if head.average_gap is not None:
        figures.append(Figure(t("overview.avg_gap"), f"{head.average_gap:+.1f}", t("pack.people_n", n=head.reviewed)))
    return Section(t("pack.competency"), tuple(figures))


def assemble(db: Store, lang: str, as_of: date | None = None) -> BoardPack:
    """The board pack of what ``db`` shows (a user's scope, narrowed to a department or not), worded in ``lang``:
    the organisation on ``as_of`` (default: the company's as-of date), then each programme that holds data on the
    company's as-of date, from the same reports as the pages: what the overview shows with the same choices.

    Examples
    --------
    >>> from hrcore.store import Store
    >>> store = Store()
    >>> _ = store.upsert("employees", pd.DataFrame({"employee_id": list("abcdef"), "status": "active",
    ...     "hire_date": pd.to_datetime(["2020-01-01"] * 6), "base_pay": [10_000.0] * 6}))
    >>> pack = assemble(store, "en", date(2026, 10, 31))
    >>> [s.title for s in pack.sections], pack.sections[0].figures[0].value
    (['Organisation', 'Turnover and people at risk'], '6')
    """
    context = overview_report.context(db)
    as_of = as_of or context.as_of
    settings = company.load(db)
    symbol = i18n.currency_symbol(settings.currency)
    pay_shown = access.sees_pay(db.user)
    sections = [_organisation_section(db, as_of, lang, symbol, pay_shown), _pay_section(db, lang, symbol),
                _performance_section(db, lang), _talent_section(db, lang),
                _attrition_section(db, context.as_of, lang), _competency_section(db, context.as_of, lang)]
    name = i18n.name(context.company_en, context.company_zh, lang) or "hrcore"
    return BoardPack(i18n.t("pack.title", lang), name, as_of, i18n.t("pack.dated", lang, date=i18n.day(as_of, lang)),
                     i18n.t("pack.confidential", lang), lang, tuple(s for s in sections if s is not None))


def board_pack(db: Store, lang: str, as_of: date | None = None) -> bytes:
    """:func:`assemble` laid out as a PDF (:func:`render`)."""
    pack = assemble(db, lang, as_of)
    return render(pack, more_rows=i18n.t("pack.more_rows", lang, n="{n}"))
