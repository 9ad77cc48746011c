"""hrcore: the router.  Page setup, the language picker and the navigation."""

import streamlit as st

from views._common import language_picker, t

st.set_page_config(page_title="hrcore", page_icon=":material/groups:", layout="wide")
language_picker()

navigation = st.navigation({
    t("nav.overview"): [
        st.Page("views/overview.py", title=t("page.overview"), icon=":material/dashboard:",
                default=True),
    ],
    t("nav.pay"): [
        st.Page("views/evaluation.py", title=t("page.evaluation"), icon=":material/balance:",
                url_path="evaluation"),
        st.Page("views/pay.py", title=t("page.pay"), icon=":material/stacked_line_chart:", url_path="pay"),
    ],
    t("nav.performance"): [
        st.Page("views/kpi.py", title=t("page.kpi"), icon=":material/fact_check:", url_path="kpi"),
        st.Page("views/talent.py", title=t("page.talent"), icon=":material/grid_view:", url_path="talent"),
        st.Page("views/competency.py", title=t("page.competency"), icon=":material/workspace_premium:",
                url_path="competency"),
        st.Page("views/attrition.py", title=t("page.attrition"), icon=":material/person_remove:",
                url_path="attrition"),
    ],
    t("nav.data"): [
        st.Page("views/data.py", title=t("page.data"), icon=":material/upload_file:", url_path="data"),
    ],
})
st.sidebar.caption(t("app.title"))
navigation.run()
