"""hrcore: the router.  Page setup, the language picker, sign-in and the navigation a user's role allows."""

import logging

import streamlit as st

from hrcore import access, errors
from hrcore.i18n import plain
from hrcore.store import ReadOnlyError, StorageFullError, StoreUnavailable
import views._server  # noqa: F401  (the server's refusals, before any page runs)
from views._common import (account_box, base_store, lang, language_picker, presenting, release_garbage,
                           session_gate, settle, sign_in_form, started_afresh, t, uploader_words)



def sections_for(role: str) -> dict[str, list]:
    """The pages a role may open, by section of the sidebar."""
    overview = st.Page("views/overview.py", title=t("page.overview"), icon=":material/dashboard:", default=True)
    sections = {t("nav.overview"): [overview]}
    if role == "viewer":  # a viewer reads the dashboards only: the other pages show individual pay
        return sections
    sections[t("nav.pay")] = [
        st.Page("views/evaluation.py", title=t("page.evaluation"), icon=":material/balance:", url_path="evaluation"),
        st.Page("views/pay.py", title=t("page.pay"), icon=":material/stacked_line_chart:", url_path="pay"),
    ]
    sections[t("nav.performance")] = [
        st.Page("views/kpi.py", title=t("page.kpi"), icon=":material/fact_check:", url_path="kpi"),
        st.Page("views/talent.py", title=t("page.talent"), icon=":material/grid_view:", url_path="talent"),
        st.Page("views/competency.py", title=t("page.competency"), icon=":material/workspace_premium:",
                url_path="competency"),
        st.Page("views/attrition.py", title=t("page.attrition"), icon=":material/person_remove:",
                url_path="attrition"),
    ]
    sections[t("nav.data")] = [
        st.Page("views/data.py", title=t("page.data"), icon=":material/upload_file:", url_path="data"),
    ]
    if role in ("admin", "hr_analyst"):
        sections[t("nav.data")].append(
            st.Page("views/audit.py", title=t("page.audit"), icon=":material/history:", url_path="audit"))
    if role == "admin":
        sections[t("nav.data")].append(
            st.Page("views/users.py", title=t("page.users"), icon=":material/manage_accounts:", url_path="users"))
    return sections


st.set_page_config(page_title="hrcore", page_icon=":material/groups:", layout="wide")
st.session_state.pop("_demo_this_run", None)  # whether this is the demo is asked afresh each run
# The account (or the demo's persona) comes first under the navigation, where a presenter finds it at once.
account_place = st.sidebar.container()
uploader_words(language_picker())
try:
    database = base_store()
except StoreUnavailable as unavailable:
    # The details (path, process) are for whoever runs the server, not for whoever opens the page.
    logging.getLogger("hrcore").error("the database cannot be opened: %s", unavailable)
    st.title(t("app.title"))
    st.error(t(f"store.unavailable.{unavailable.reason}"), icon=":material/database_off:")
    st.stop()
if database.read_only:
    st.warning(t("store.read_only_banner"), icon=":material/lock:")
user = session_gate()
if user is None:
    # Declared but not run: a deep link (/data) is kept through the sign-in and opens once it succeeds.
    st.navigation(sections_for("admin"), position="hidden")
    try:
        sign_in_form()
    except StorageFullError:
        st.error(t("store.full"), icon=":material/hard_drive:")
    st.stop()
navigation = st.navigation(sections_for(user.role))

account_box(user, account_place)
st.sidebar.caption(t("app.title"))
if st.session_state.get("user") is None:
    if not presenting():
        st.warning(t("auth.demo_banner"), icon=":material/info:")
elif notice := st.session_state.pop("auth_notice", None):
    st.info(t(notice, minutes=access.IDLE_MINUTES))
if started_afresh():
    settle()
    st.stop()
try:
    navigation.run()
except ReadOnlyError:
    st.error(t("store.read_only"), icon=":material/lock:")
except StorageFullError:
    st.error(t("store.full"), icon=":material/hard_drive:")
except PermissionError as refused:
    # hrcore's store refuses a change outside the user's rights; say so instead of showing a traceback.
    st.error(t("auth.refused", reason=errors.problem_text(refused, lang(), escape=plain)), icon=":material/block:")
finally:
    release_garbage()
