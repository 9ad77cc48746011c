"""End-to-end: a real company's database asks for a password; a manager signs in and sees only their people."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Server, assert_no_exception, screenshot, settle, sign_in

pytestmark = pytest.mark.e2e

MANAGED = "D300"
PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def company_server(tmp_path_factory):
    """The demo company made to behave like a real one: no demo flag, so sign-in is required."""
    from hrcore import access
    from hrcore.demo import build_demo
    from hrcore.store import Store

    folder = tmp_path_factory.mktemp("company")
    store = Store(folder / "hr.duckdb")
    build_demo(store, employees=400, seed=11)
    store.set_meta(access.DEMO_FLAG, "false")
    access.add_user(store, "sales.head", PASSWORD, "manager", department_id=MANAGED, display_name="Sales Head")
    staff = store.table("employees")
    departments = store.table("departments")
    store.close()
    inside, frontier = {MANAGED}, [MANAGED]
    while frontier:
        frontier = departments.loc[departments["parent_id"].isin(frontier), "department_id"].tolist()
        inside.update(frontier)
    server = Server(folder / "hr.duckdb", folder / "streamlit.log")
    yield server, staff, inside
    server.stop()


def test_a_manager_signs_in_and_sees_only_their_department(company_server, page):
    server, staff, inside = company_server
    page.goto(f"{server.url}/?lang=en")
    expect(page.get_by_role("textbox", name="User name")).to_be_visible(timeout=30_000)
    assert page.locator('[data-testid="stMetric"]').count() == 0  # nothing of the company before signing in
    screenshot(page, "access-sign-in")

    sign_in(page, "sales.head", "a wrong password", succeeds=False)
    expect(page.get_by_text("Wrong user name or password")).to_be_visible(timeout=30_000)

    sign_in(page, "sales.head", PASSWORD)
    assert_no_exception(page)
    expect(page.get_by_text("Signed in as Sales Head")).to_be_visible()
    active = staff[staff["status"] == "active"]
    mine = active[active["department_id"].isin(inside)]
    headcount = page.locator('[data-testid="stMetric"]').filter(has_text="Headcount")
    expect(headcount.locator('[data-testid="stMetricValue"]')).to_have_text(f"{len(mine):,}")
    screenshot(page, "access-manager-overview")

    # The attrition watchlist names people (its table and its person picker, by name): only the manager's own.
    page.get_by_role("link", name="Attrition watchlist").click()
    settle(page)
    page.get_by_role("tab", name="Watchlist", exact=True).click()
    settle(page)
    assert_no_exception(page)
    screenshot(page, "access-manager-attrition")
    # What is written on the page, and what its inputs hold (a selectbox shows its choice in an input).
    body = page.locator('[data-testid="stMain"]').inner_text() + " ".join(page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stMain\"] input')].map(i => i.value)"))
    own = staff["department_id"].isin(inside)
    # Names, not ids, now: an outsider may still be named as someone's manager, so the list's rows are what the
    # AppTests check by person (tests/app/test_access_pages.py); here no outsider's id reaches the page.
    assert not [e for e in staff.loc[~own, "employee_id"] if e in body]
    assert any(name in body for name in staff.loc[own, "name_en"].dropna())

    # Signing out returns to the sign-in form; going back shows nothing.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible(timeout=30_000)
    settle(page)
    assert page.locator('[data-testid="stMetric"]').count() == 0
