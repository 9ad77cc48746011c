"""What every page shares: the store, the language, cached readers.

Pages read the sidebar's choices from here, call one ``hrcore`` function and
render; no HR logic lives in a page.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import i18n, ninebox
from hrcore.store import Store, default_path, open_store


@st.cache_resource
def _store(path: str) -> Store:
    return open_store(path)


def store() -> Store:
    """The process-wide DuckDB store (``$HRCORE_DB`` or data/hr.duckdb)."""
    return _store(str(default_path()))


def version() -> tuple[str, int]:
    """The database path and its data version: the key of every cached reader (an import invalidates it)."""
    db = store()
    return db.path, db.data_version()


def lang() -> str:
    return st.session_state.get("ui_lang", "en")


def t(key: str, **values) -> str:
    return i18n.t(key, lang(), **values)


def page_header(title_key: str, intro_key: str, notice_key: str) -> None:
    """Title, one-line intro, and the message a button left before its rerun (``st.session_state[notice_key]``)."""
    st.title(t(title_key))
    st.caption(t(intro_key))
    if notice := st.session_state.pop(notice_key, None):
        st.success(notice)


def _remember_language() -> None:
    st.session_state.ui_lang = st.session_state.lang_picker


def language_picker() -> str:
    """Sidebar language choice, kept in the URL as ``?lang=zh``.

    The choice lives in a plain session key as well as in the widget: moving
    between pages clears the URL's query and may drop widget state.
    """
    if "ui_lang" not in st.session_state:
        asked = st.query_params.get("lang", "en")
        st.session_state.ui_lang = asked if asked in i18n.LANGUAGES else "en"
    st.session_state.lang_picker = st.session_state.ui_lang
    st.sidebar.segmented_control(
        i18n.t("app.language", st.session_state.ui_lang),
        options=list(i18n.LANGUAGES),
        format_func=i18n.LANGUAGE_NAMES.get,
        key="lang_picker",
        required=True,
        on_change=_remember_language,
    )
    st.query_params["lang"] = st.session_state.ui_lang
    return st.session_state.ui_lang


def grid_figure(counts: pd.DataFrame, labels: pd.DataFrame, lg: str, height: int = 420) -> go.Figure:
    """The nine-box grid as an annotated heat map: label, count and share in each box (talent page, overview)."""
    text_column = "label_zh" if lg == "zh" else "label_en"
    names = labels.set_index("box")[text_column]
    z = np.zeros((3, 3))
    text = [["", "", ""] for _ in range(3)]
    for row in counts.itertuples():
        r = ninebox.LEVELS.index(row.ability)
        c = ninebox.LEVELS.index(row.performance)
        z[r][c] = row.share
        text[r][c] = f"<b>{names[row.box]}</b><br>{row.count:,} · {row.share:.0%}"
    axis = [t(f"talent.level.{level}") for level in ninebox.LEVELS]
    fig = go.Figure(go.Heatmap(z=z, x=axis, y=axis, text=text, texttemplate="%{text}", showscale=False,
                               colorscale=[[0, "#F4F6F7"], [1, "#1F6F8B"]], xgap=4, ygap=4,
                               hovertemplate="%{text}<extra></extra>", textfont=dict(size=13)))
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10),
                      xaxis_title=t("talent.performance"), yaxis_title=t("talent.ability"))
    return fig
