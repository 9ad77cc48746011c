"""The board pack lays out what it is given, in either language, as a PDF anyone can open (issue 30, item 8).

Read back with PDFium (pypdfium2), the engine of Chrome's PDF viewer: its text, and each page rendered.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pypdfium2 as pdfium
import pytest

from hrcore.boardpack import MAX_TABLE_ROWS, BoardPack, Chart, Figure, Section, render

NAME = 'Li <img src="http://evil.example/x.png"> & <link href="http://evil.example">Lei</link>'


def pack(lang: str, rows: int = 3) -> BoardPack:
    zh = lang == "zh"
    people = pd.DataFrame({"部门" if zh else "Department": [f"D{i}" for i in range(rows - 1)] + [NAME],
                           "人数" if zh else "Headcount": [str(100 + i) for i in range(rows)]})
    return BoardPack("董事会简报" if zh else "Board pack", "华东精密" if zh else "Huadong Precision", date(2026, 10, 31),
                     "数据截至 2026年10月31日" if zh else "As of 31 October 2026",
                     "机密：仅供管理层使用" if zh else "Confidential: for the management team only", lang,
                     (Section("组织" if zh else "Organisation",
                              (Figure("在职人数" if zh else "Headcount", "2,000", "较去年 +4%" if zh else "+4% on a year"),),
                              Chart("line", ("2026-09", "2026-10"), {"在职人数" if zh else "Headcount": (1990, 2000)}),
                              people),
                      Section("九宫格" if zh else "Nine-box",
                              chart=Chart("grid", ("低", "中", "高") if zh else ("Low", "Medium", "High"),
                                          {"1": (1, 2, 3), "2": (4, 5, 6), "3": (7, 8, 9)}))))


def pages(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pack_carries_the_company_the_date_and_the_confidentiality_line_on_every_page(lang):
    text = pages(render(pack(lang)))
    assert len(text) >= 2  # the nine-box section does not fit under the first one
    first = pack(lang)
    for page in text:
        assert first.confidential in page and first.dated in page and first.company in page
    assert first.title in text[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_figure_and_table_cell_is_in_the_text(lang):
    given = pack(lang)
    text = "".join(pages(render(given)))
    organisation = given.sections[0]
    for figure in organisation.figures:
        assert figure.label in text and figure.value in text and figure.note in text
    for cell in organisation.table.iloc[:, 1]:
        assert cell in text


def test_a_name_with_markup_is_printed_as_written_and_nothing_is_linked():
    pdf = render(pack("en"))
    assert NAME.replace(" ", "") in "".join(pages(pdf)).replace(" ", "").replace("\r\n", "")
    assert b"/URI" not in pdf and b"/JavaScript" not in pdf and b"/Launch" not in pdf


def test_a_long_table_is_cut_with_a_line_saying_so():
    pdf = render(pack("en", rows=MAX_TABLE_ROWS + 5), more_rows="{n} more rows in the Excel download")
    text = "".join(pages(pdf))
    assert "5 more rows in the Excel download" in text
    assert f"{100 + MAX_TABLE_ROWS - 1}" in text and f"{100 + MAX_TABLE_ROWS}" not in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_renders_with_ink_on_it(lang):
    document = pdfium.PdfDocument(render(pack(lang)))
    for i in range(len(document)):
        image = np.asarray(document[i].render(scale=0.5).to_pil().convert("L"))
        assert (image < 128).sum() > 500, f"page {i + 1} is blank"


# -- the pack of a company: the same figures as the pages, for every role ----------------------------------------

def figures_of(pack: BoardPack) -> dict[str, dict[str, str]]:
    return {s.title: {f.label: f.value for f in s.figures} for s in pack.sections}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_demo_pack_has_every_area_in_the_language_asked(demo, lang):
    from hrcore import i18n
    from hrcore.boardpack import assemble

    pack = assemble(demo, lang)
    titles = [s.title for s in pack.sections]
    assert titles[:2] == [i18n.t("pack.organisation", lang), i18n.t("pack.pay", lang)]
    assert i18n.t("pack.attrition", lang) in titles and i18n.t("pack.competency", lang) in titles
    assert any(s.chart is not None and s.chart.kind == "grid" for s in pack.sections)
    assert len(pages(render(pack))) >= 4


def test_the_pack_counts_what_the_raw_rows_count(demo):
    """Headcount recomputed with pandas from the employees table; pay shares from the placement's own flags."""
    from hrcore.boardpack import assemble
    from hrcore.company import as_of_date
    from hrcore.reports import pay as pay_report

    pack = assemble(demo, "en")
    as_of = pd.Timestamp(as_of_date(demo))
    people = demo.table("employees")
    employed = (people["hire_date"] <= as_of) & ~(people["exit_date"] <= as_of)
    shown = figures_of(pack)
    assert shown["Organisation"]["Headcount"] == f"{int(employed.sum()):,}"
    force = pay_report.in_force(demo)
    below = force.headline.below / force.headline.headcount
    assert shown["Pay structure against the market"]["Below minimum (in force)"] == f"{below * 100:.1f}%"


def test_a_viewer_gets_the_same_counts_without_any_pay(demo):
    from hrcore.access import User
    from hrcore.boardpack import assemble

    hr, viewer = assemble(demo, "en"), assemble(demo.as_user(User("board", "viewer")), "en")
    assert "Annual payroll" in figures_of(hr)["Organisation"]
    assert "Annual payroll" not in figures_of(viewer)["Organisation"]
    assert "Annual payroll" not in viewer.sections[0].table.columns
    for title in ("Turnover and people at risk", "Certification and competency"):
        assert figures_of(viewer)[title] == figures_of(hr)[title]
