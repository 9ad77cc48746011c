"""What the server refuses whatever a browser sends (issue 27, item 10)."""

from __future__ import annotations

from types import SimpleNamespace

import streamlit as st
from streamlit.runtime.app_session import AppSession

import views._server  # noqa: F401  (as the router imports it)
from hrcore.access import DEMO, User


def _clear_request_from(user) -> None:
    # The handler Streamlit's AppSession.handle_backmsg calls for a browser's "clear_cache" message.
    state = {} if user is None else {"user": user}
    AppSession._handle_clear_cache_request(SimpleNamespace(session_state=state, _session_state=state, id="tab"))


def test_only_a_signed_in_admin_can_clear_every_users_caches():
    computed = []

    @st.cache_data
    def headcount(version: int) -> int:
        computed.append(version)
        return 2000

    headcount(1)
    for anyone in (None, User("ana", "viewer"), User("li.na", "manager", "D300"), User("wu", "hr_analyst")):
        _clear_request_from(anyone)
        headcount(1)
    assert computed == [1]  # nobody but an admin emptied the cache everyone shares
    assert DEMO.role == "admin"  # the demo's guest looks like an admin to pages, but is never signed in
    _clear_request_from(User("root", "admin"))
    headcount(1)
    assert computed == [1, 1]
