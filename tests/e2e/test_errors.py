"""An exception that escapes a page reaches the browser without its details (issue 27, item 10)."""

from __future__ import annotations

import textwrap

import pytest

from tests.e2e.conftest import Server

pytestmark = pytest.mark.e2e


def test_an_escaped_exception_shows_no_path_message_or_traceback(tmp_path, page):
    # A script of our own, served from the repository with its .streamlit/config.toml, as the app is.
    script = tmp_path / "fails.py"
    script.write_text(textwrap.dedent("""
        import streamlit as st
        st.title("hrcore")
        raise RuntimeError("IO Error: Could not set lock on file /srv/hrcore/secret-hr.duckdb (PID 4242)")
    """))
    server = Server(tmp_path / "unused.duckdb", tmp_path / "streamlit.log", script=script)
    try:
        page.goto(server.url)
        page.locator('[data-testid="stException"]').wait_for(timeout=60_000)
        shown = page.locator('[data-testid="stMain"]').inner_text()
    finally:
        server.stop()
    assert "secret-hr.duckdb" not in shown and "4242" not in shown
    assert "RuntimeError" not in shown and "Traceback" not in shown and "fails.py" not in shown
    assert "secret-hr.duckdb" in (tmp_path / "streamlit.log").read_text()  # whoever runs the server can see it
