"""End-to-end: `streamlit run` on a free port, driven by Debian's headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
# Without these, Chromium keeps trying to reach Google's hosts from this closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path, log: Path, script: Path = ROOT / "app.py"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "HRCORE_DB": str(db)}
        self.log = open(log, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not start; see {log}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The app on a fresh 800-person demo company, one per test module."""
    from hrcore.demo import build_demo
    from hrcore.store import Store

    folder = tmp_path_factory.mktemp("demo")
    store = Store(folder / "hr.duckdb")
    build_demo(store, employees=800, seed=7)
    store.close()
    server = Server(folder / "hr.duckdb", folder / "streamlit.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


def settle(page: Page, timeout: float = 60_000) -> None:
    """Wait until the script has finished and the page stands still."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid="stStatusWidget"]')
                && document.querySelector('[data-testid="stMainBlockContainer"] h1');
        }""",
        timeout=timeout,
    )
    page.wait_for_timeout(600)  # let plotly finish drawing


def sign_in(page: Page, username: str, password: str, lang: str = "en", succeeds: bool = True) -> None:
    """Fill in the sign-in form the page shows; wait for the page behind it (or for the refusal)."""
    page.get_by_role("textbox", name="用户名" if lang == "zh" else "User name").fill(username)
    page.get_by_role("textbox", name="密码" if lang == "zh" else "Password").fill(password)
    page.get_by_role("button", name="登录" if lang == "zh" else "Sign in").click()
    if succeeds:
        page.locator("input[type=password]").wait_for(state="detached", timeout=30_000)
    else:
        page.locator('[data-testid="stAlert"]').first.wait_for(timeout=30_000)
    settle(page)


def assert_no_exception(page: Page) -> None:
    shown = page.locator('[data-testid="stException"]')
    assert shown.count() == 0, shown.first.inner_text()


def screenshot(page: Page, name: str) -> Path:
    """The whole page: Streamlit scrolls inside its main block, so the window grows to fit it first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m ? m.scrollHeight : document.body.scrollHeight; }")
    page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], height), 6000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def every_tab_renders(page: Page, url: str, title: str, tabs: list[str], name: str) -> None:
    """Open ``url``, check the page title, click through every tab without an exception, screenshot each."""
    page.goto(url)
    settle(page)
    assert page.locator("h1").first.inner_text() == title
    for i, tab in enumerate(tabs):
        page.get_by_role("tab", name=tab, exact=True).click()
        settle(page)
        assert_no_exception(page)
        screenshot(page, f"{name}-{i}")
