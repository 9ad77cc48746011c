"""What the server refuses, whatever a browser sends it.

Streamlit clears every cache of the process (every user's, every page's) when any connected browser sends
its ``clear_cache`` message, signed in or not: one anonymous tab could make every user's pages cold, again
and again.  Only a signed-in admin may ask for it here; anyone else's request is logged and dropped.
Imported by the router before any page runs.
"""

from __future__ import annotations

import logging

from streamlit.runtime.app_session import AppSession

log = logging.getLogger("hrcore")
_clear_every_cache = AppSession._handle_clear_cache_request


def may_clear_caches(session_state) -> bool:
    """Whether the session holding ``session_state`` is signed in as an admin (the demo's guest is not)."""
    user = session_state["user"] if "user" in session_state else None
    return getattr(user, "role", None) == "admin"


def _clear_caches_for_admins_only(session: AppSession) -> None:
    if may_clear_caches(session.session_state):
        _clear_every_cache(session)
    else:
        log.warning("refused a request to clear every cache from session %s, not signed in as an admin", session.id)


AppSession._handle_clear_cache_request = _clear_caches_for_admins_only
