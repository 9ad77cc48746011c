"""What every page shares: the store, the language, cached readers.

Pages read the sidebar's choices from here, call one ``hrcore`` function and
render; no HR logic lives in a page.
"""

from __future__ import annotations

import functools
import gc
import html
import importlib
import os
import textwrap
import threading
from collections import OrderedDict
from datetime import datetime

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from hrcore import access, company, demo, downloads, errors, i18n, ninebox, readiness
from hrcore.access import User
from hrcore.reports import pay as pay_reports
from hrcore.store import Store, default_path, open_store


# What is loaded by now (the libraries, Streamlit's runtime) lives as long as the process: the cycle collector
# need not walk it again after every run (release_garbage), which then takes milliseconds, not 40.
gc.freeze()

def budget_mb(text: str) -> float:
    """The shared-frame budget as set in ``$HRCORE_SHARED_MB``: megabytes, above 0.

    >>> budget_mb("768")
    768.0
    """
    try:
        megabytes = float(text)
    except ValueError:
        megabytes = float("nan")
    if not 0 < megabytes < float("inf"):
        raise ValueError(f"HRCORE_SHARED_MB: give the memory for shared frames in MB, above 0 (got {text!r})")
    return megabytes


SHARED_BUDGET_MB = budget_mb(os.environ.get("HRCORE_SHARED_MB", "384"))
"""What the frames pages share (:func:`shared_frames`) may hold in all, in MB."""
_shared_lock = threading.Lock()
# (reader, its arguments) -> (id of the value, bytes), least recently read first
_shared_held: OrderedDict[tuple[str, tuple], tuple[int, int]] = OrderedDict()
_shared_caches: dict[str, object] = {}  # reader -> its st.cache_resource


def _footprint(value, seen: set | None = None) -> int:
    """Bytes held by a frame, array or a container of them (columns shared by two frames count twice)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, pd.DataFrame | pd.Series):
        return int(np.sum(value.memory_usage(index=True)))
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, dict):
        return sum(_footprint(v, seen) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(_footprint(v, seen) for v in value)
    if hasattr(value, "__dict__"):
        return _footprint(vars(value), seen)
    return 0


def shared_frames(max_entries: int = 2):
    """``st.cache_resource`` for the big read-only frames a page keeps (everyone scored, placed, checked),
    held within one budget for the whole process, :data:`SHARED_BUDGET_MB` (``$HRCORE_SHARED_MB``).

    At a million people each such frame runs to 100-500 MB and a server that has shown every page would keep
    them all; past the budget the least recently read frames are let go (and computed again when next asked
    for), never the one just read.  A reader keeps at most ``max_entries`` frames (one per user's scope or
    setting) and is called with hashable arguments.  ``st.cache_data`` has Streamlit's own limit
    (``server.maxCacheDataSize``); resources have none.
    """
    def wrap(reader):
        cached = st.cache_resource(show_spinner=False, max_entries=max_entries)(reader)
        name = f"{reader.__code__.co_filename}:{reader.__qualname__}"  # pages all run as __main__

        @functools.wraps(reader)
        def read(*args):
            value = cached(*args)
            entry = (name, args)
            with _shared_lock:
                held = _shared_held.pop(entry, None)
                _shared_held[entry] = (id(value), held[1] if held and held[0] == id(value) else _footprint(value))
                # Streamlit keeps a reader's last max_entries frames: the older ones are gone already.
                for gone in [e for e in _shared_held if e[0] == name][:-max_entries]:
                    del _shared_held[gone]
                budget = SHARED_BUDGET_MB * 2**20
                while sum(size for _, size in _shared_held.values()) > budget and next(iter(_shared_held)) != entry:
                    oldest = next(iter(_shared_held))
                    del _shared_held[oldest]
                    _shared_caches[oldest[0]].clear(*oldest[1])
            return value

        _shared_caches[name] = cached
        read.clear = cached.clear
        return read
    return wrap


def release_garbage() -> None:
    """Free what the page just run left in reference cycles.

    A page is run as a fresh module each time, and the functions it defines
    point back at that module's namespace: a cycle, so the frames the page
    held at module level outlive the run until Python's cycle collector gets
    round to them (at a million people, a gigabyte more at the next page).
    """
    gc.collect()


@st.cache_resource
def _store(path: str) -> Store:
    return open_store(path)


def base_store() -> Store:
    """The process-wide DuckDB store (``$HRCORE_DB`` or data/hr.duckdb), before any user's scope."""
    return _store(str(default_path()))


def current_user() -> User | None:
    """The signed-in user; in demo mode, the persona chosen in the sidebar; else None."""
    user = st.session_state.get("user")
    if user is None and (persona := demo_persona()) is not None:
        return persona.user
    return user


def demo_personas() -> dict[str, demo.Persona]:
    """In demo mode (the demo company, no accounts), the people a visitor may act as; else none."""
    # Asked once per run (app.py forgets the answer when a run starts): a page calls this a dozen times.
    if "_demo_this_run" not in st.session_state:
        db = base_store()
        st.session_state._demo_this_run = demo.personas(db) if access.is_demo(db) else {}
    return st.session_state._demo_this_run


def demo_persona() -> demo.Persona | None:
    """The persona the visitor chose in the sidebar (at first the HR director); None outside demo mode."""
    personas = demo_personas()
    return personas.get(st.session_state.get("persona", demo.PERSONAS[0])) if personas else None


def store() -> Store:
    """The store as the current user sees it: their scope on every read, their name on every change.

    Kept per session (a scoped store holds the cursor its views live on).
    """
    user = current_user()
    if user is None:
        st.error(t("auth.required"))
        st.stop()
    db = base_store()
    kept = st.session_state.get("_scoped_store")
    if kept is None or kept.path != db.path or kept.user != user:
        kept = db.as_user(user)
        st.session_state._scoped_store = kept
    return kept


def compa_ratios(db_path: str, data_version: int) -> pd.Series:
    """Each person's compa-ratio in the structure in force, by employee id (empty before one is approved): the
    pay report's placement (:func:`hrcore.reports.pay.in_force`), shared by every page that reads it."""
    people = report(pay_reports.in_force, shared=True).people
    return pd.Series(people["compa_ratio"].to_numpy(dtype=float), index=people["employee_id"].to_numpy())


def _run_report(module: str, name: str, department: str | None, args: tuple, kwargs: tuple, prepared: tuple):
    if prepared:
        # What the report reads whatever its arguments: kept once per scope and data version, shared.
        kwargs = (*kwargs, ("prepared", _shared_report(*prepared, *version(), department, (), (), ())))
    return getattr(importlib.import_module(module), name)(store().within(department), *args, **dict(kwargs))


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_report(module: str, name: str, scope: str, data_version: int, department: str | None, args: tuple,
                   kwargs: tuple, prepared: tuple = ()):
    return _run_report(module, name, department, args, kwargs, prepared)


@shared_frames(max_entries=16)
def _shared_report(module: str, name: str, scope: str, data_version: int, department: str | None, args: tuple,
                   kwargs: tuple, prepared: tuple = ()):
    return _run_report(module, name, department, args, kwargs, prepared)


def report(fn, *args, shared: bool = False, department: str | None = None, prepared=None, **kwargs):
    """``fn(store(), *args, **kwargs)``: a :mod:`hrcore.reports` function, computed once per user's scope, data
    version and arguments (plain, hashable values), and shared by every page and session that asks the same.

    ``department`` (an id, or None for everyone the user sees) runs it on the store narrowed to that department
    and the ones under it (:meth:`hrcore.store.Store.within`, never wider than the user's scope): every report
    takes the department filter this way, with no argument of its own.  ``shared`` keeps the result in memory,
    not copied, for the reports that hold frames of everyone (:func:`shared_frames`): the caller must not write
    into them.  ``prepared`` (a report of the store alone) is the part of ``fn`` that its arguments do not
    change: computed once per scope and data version, shared, and passed to ``fn`` as its ``prepared`` keyword,
    so that a new argument (a slider moved) recomputes only the rest.
    """
    cached = _shared_report if shared else _cached_report
    return cached(fn.__module__, fn.__qualname__, *version(), department, tuple(args),
                  tuple(sorted(kwargs.items())), (prepared.__module__, prepared.__qualname__) if prepared else ())


def actor() -> str:
    """Who a change, an approval or a score is recorded under: the signed-in account (in demo mode, the persona
    chosen in the sidebar)."""
    user = current_user()
    return user.label if user is not None else ""


def still_allowed(action):
    """``action`` for a deferred download: it runs later, outside any script run, so the session's checks are
    repeated when it does (an idle tab or a disabled account gets nothing)."""
    user = current_user()
    shown_at = datetime.now()
    signed_in_at = st.session_state.get("signed_in_at", datetime.min)
    real = st.session_state.get("user") is not None

    def guarded():
        if access.idle_expired(shown_at) or (real and access.account_changed(base_store(), user, signed_in_at)):
            raise PermissionError("session: signed out; sign in again to download")
        return action()
    return guarded


def sees_pay() -> bool:
    """Whether the user may see pay figures (a viewer reads dashboards without them)."""
    user = current_user()
    return user is not None and user.role != "viewer"


def whole_company() -> bool:
    """Whether the user sees the whole company (not one department's subtree): company-wide yardsticks apply."""
    user = current_user()
    return user is not None and user.role != "manager"


def page_link(container, page: str, **kwargs) -> None:
    """A link to another page, shown only when the user's role has that page (a viewer has the overview only)."""
    if sees_pay():
        container.page_link(page, **kwargs)


def version() -> tuple[str, int]:
    """What the user can see and its data version: the key of every cached reader (an import invalidates it)."""
    db = store()
    return db.cache_key, db.data_version()


def sign_out(reason_key: str | None = None, keep: tuple[str, ...] = ()) -> None:
    """Forget the user and everything the session held for them (pending imports, edits, choices), but the
    language and the session keys named in ``keep``."""
    kept = {key: st.session_state[key] for key in ("ui_lang", *keep) if key in st.session_state}
    for key in list(st.session_state):
        del st.session_state[key]
    st.session_state.update(kept)
    if reason_key:
        st.session_state.auth_notice = reason_key


def session_gate() -> User | None:
    """Sign-in for the router: expire an idle session, ask for a password where one is needed.

    Returns the user the pages run as, or None when a sign-in is needed (:func:`sign_in_form`).
    """
    now = datetime.now()
    signed_in = st.session_state.get("user")
    if signed_in is not None and access.idle_expired(st.session_state.get("last_seen"), now):
        sign_out("auth.expired")
    elif signed_in is not None and access.account_changed(
            base_store(), signed_in, st.session_state.get("signed_in_at", datetime.min)):
        sign_out("auth.account_changed")  # disabled, another role or scope, or a new password: sign in again
    user = current_user()
    if user is not None:
        st.session_state.last_seen = now
    return user


def _sign_in_fields(submit) -> None:
    username = st.text_input(t("auth.username"), key="auth_username")
    password = st.text_input(t("auth.password"), type="password", key="auth_password")
    if submit(t("auth.sign_in"), type="primary"):
        user = access.sign_in(base_store(), username, password)
        if user is None:
            st.error(md("auth.failed", minutes=access.LOCK_MINUTES, tries=access.MAX_FAILED))
        else:
            signed_in_as(user)
            st.rerun()


def first_account_form(db: Store, intro_key: str) -> User | None:
    """The first account, the admin account of whoever fills it in (:func:`hrcore.access.end_demo`): it ends demo
    mode and signs them in.  Their user once made (the caller reruns), else None."""
    with st.form("users_first", border=True):
        st.subheader(t("demo.first_account"))
        st.warning(t(intro_key), icon=":material/logout:")
        username = st.text_input(t("auth.username"), key="users_first_name")
        display = st.text_input(t("users.display_name"), key="users_first_display", help=t("demo.display_help"))
        password = st.text_input(t("auth.password"), type="password", key="users_first_password",
                                 help=md("users.password_help", n=access.MIN_PASSWORD))
        again = st.text_input(t("demo.password_again"), type="password", key="users_first_again")
        if not st.form_submit_button(t("demo.create_and_end"), type="primary"):
            return None
        try:
            if password != again:
                raise ValueError(t("demo.passwords_differ"))
            if not display.strip():
                raise ValueError(t("demo.display_needed"))
            user = access.end_demo(db, username, password, display.strip())
        except ValueError as refused:
            st.error(t("users.refused", reason=errors.problem_text(refused, lang(), escape=i18n.plain)))
            return None
    sign_out(keep=DEMO_CHOICES)  # nothing chosen as a persona is carried into the account
    signed_in_as(user)
    return user


def sign_in_form() -> None:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(t("app.title"))
        if notice := st.session_state.pop("auth_notice", None):
            st.info(t(notice, minutes=access.IDLE_MINUTES))
        if access.first_account_open(base_store()):
            # A company's data were imported in demo mode: whoever did it makes the admin account, or nobody could.
            if first_account_form(base_store(), "demo.first_account_after_import"):
                st.session_state.auth_notice = "demo.signed_in_first"
                st.rerun()
            return
        if access.users(base_store()).empty:
            st.warning(t("auth.no_accounts"))
            st.code("python -m hrcore user add NAME --role admin", language="bash")
            return
        with st.form("sign_in"):
            st.subheader(t("auth.sign_in"))
            _sign_in_fields(st.form_submit_button)


def signed_in_as(user: User) -> None:
    """Sign ``user`` in for this session (the sign-in form, or the demo's first account made by its visitor)."""
    st.session_state.user = user
    st.session_state.signed_in_at = datetime.now()


DEMO_CHOICES = ("persona", "presenter")
"""The demo's sidebar choices (:func:`demo_box`), kept through a change of persona and a reset."""


def start_afresh() -> None:
    """Forget what the session chose, typed or held, as a sign-out does, but the demo's choices; the page is then
    drawn afresh after one run without it (:func:`settle`)."""
    sign_out(keep=DEMO_CHOICES)
    st.session_state._afresh = True


def _switch_persona() -> None:
    # Another person: nothing chosen, typed or pending as the previous one is carried over to them.
    st.session_state.persona = st.session_state.persona_picker
    start_afresh()


def started_afresh() -> bool:
    """Whether the session has just been started afresh (:func:`start_afresh`): then one run goes without the
    page (:func:`settle`)."""
    return st.session_state.pop("_afresh", False)


@st.fragment(run_every=0.3)
def settle() -> None:
    """Rerun the app once this run, drawn without the page, has finished.

    The browser keeps showing what a page's pickers last held (a department of the previous persona's) until a
    run finishes without them, even once the session has forgotten them: the page is drawn afresh after it.
    """
    if st.session_state.pop("_settling", False):
        st.rerun(scope="app")
    st.session_state._settling = True
    st.info(md("demo.switched", name=current_user().label), icon=":material/swap_horiz:")


def _switch_presenter() -> None:
    st.session_state.presenter = st.session_state.presenter_picker


def presenting() -> bool:
    """Whether the presenter switch hides the demo's notice (:func:`demo_box`)."""
    return bool(st.session_state.get("presenter"))


def demo_box(where) -> None:
    """Sidebar in demo mode: who the visitor acts as (what that role sees; changes are recorded in their name),
    and the presenter's switch that hides the demo's notice; in the sidebar's container ``where``."""
    personas = demo_personas()
    lg = lang()
    # Plain keys hold the choices, as for the language: moving between pages may drop a widget's state.
    st.session_state.persona_picker = st.session_state.get("persona", demo.PERSONAS[0])
    st.session_state.presenter_picker = presenting()
    where.selectbox(
        t("demo.acting_as"), list(personas), key="persona_picker", on_change=_switch_persona,
        format_func=lambda key, lg=lg: (f"{i18n.t(f'demo.persona.{key}', lg)} · "
                                        f"{i18n.name(personas[key].name_en, personas[key].name_zh, lg)}"),
        help=t("demo.acting_as_help"))
    chosen = personas[st.session_state.persona_picker]
    scope = i18n.name(chosen.department_en, chosen.department_zh, lg) if chosen.department_en else None
    where.caption(md("demo.role_caption", role=t(f"role.{chosen.user.role}"))
                       + (f" · {i18n.plain(scope)}" if scope else ""))
    where.toggle(t("demo.presenter"), key="presenter_picker", on_change=_switch_presenter,
                      help=t("demo.presenter_help"))


def account_box(user: User, where) -> None:
    """Who is signed in, as what, and the way out (in demo mode, the persona the visitor acts as), in the
    sidebar's container ``where``."""
    if st.session_state.get("user") is None:
        demo_box(where)
        return
    scope = f" · {i18n.plain(user.department_id)}" if user.department_id else ""
    where.caption(md("auth.signed_in_as", name=user.label, role=t(f"role.{user.role}")) + scope)
    if where.button(t("auth.sign_out"), key="auth_sign_out", width="stretch"):
        sign_out("auth.signed_out")
        st.rerun()


def lang() -> str:
    return st.session_state.get("ui_lang", "en")


def t(key: str, **values) -> str:
    return i18n.t(key, lang(), **values)


DATE_COLUMN = {"en": "D MMM YYYY", "zh": "YYYY[年]M[月]D[日]"}
""":func:`hrcore.i18n.day`'s formats as moment.js writes them (``st.column_config.DateColumn``; brackets keep
characters as they are)."""


def date_column(label: str, **options):
    """A table's column of dates, written as the page writes a date (:func:`hrcore.i18n.day`): 7 Dec 2026 in
    English, 2026年12月7日 in Chinese."""
    return st.column_config.DateColumn(label, format=DATE_COLUMN[lang()], **options)


@st.cache_data(show_spinner=False, max_entries=4)
def company_settings(db_path: str, data_version: int) -> company.CompanySettings:
    return company.load(store())


def currency() -> str:
    """The company's currency code (a setting: every money figure on every page is in it)."""
    return company_settings(*version()).currency


def money(amount: float, lg: str | None = None, exact: bool = False) -> str:
    """An amount in the company's currency, compact for tiles (万/亿, K/M/B) or ``exact`` to the unit."""
    symbol = i18n.currency_symbol(currency())
    return (i18n.money_exact if exact else i18n.money)(amount, lg or lang(), symbol)


MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def template_buttons(columns, table: str, key: str) -> None:
    """CSV and Excel templates of ``table`` in ``columns`` (two): headings in the user's language, two example
    rows, which go back in on the Data page without mapping a column."""
    lg = lang()
    for column, fmt in zip(columns, ("csv", "xlsx")):
        column.download_button(t("ready.template", fmt=fmt.upper()), readiness.template(table, lg, fmt),
                               file_name=f"{table}-template.{fmt}", mime=MIME[fmt], key=f"{key}_{table}_{fmt}",
                               icon=":material/download:", on_click="ignore", width="stretch")


def bring(message_key: str, tables: list[str], key: str) -> None:
    """A page's empty state: what it needs, and the template of each table to bring (imported on the Data page)."""
    st.info(t(message_key), icon=":material/upload_file:")
    for table in tables:
        name, *buttons = st.columns([2, 1, 1], vertical_alignment="center")
        name.markdown(f"**{t(f'table.{table}')}**")
        template_buttons(buttons, table, key)
    page_link(st, "views/data.py", label=t("ready.to_data"), icon=":material/upload_file:")


def md(key: str, **values) -> str:
    """:func:`t` for a place that renders Markdown (markdown, captions, alerts, titles, expanders, labels, help):
    the values, names and reasons from data, shown as text (:func:`hrcore.i18n.plain`)."""
    return i18n.t(key, lang(), **{name: i18n.plain(value) for name, value in values.items()})


def page_tabs(key: str, label_keys: list[str], keep: tuple[str, ...] = ()) -> list:
    """The page's tabs, ``st.session_state[key]`` the open one; choosing a tab reruns the page.

    Only the open tab draws its charts and tables (``tab.open``): at 100,000 people the closed ones cost more
    than the open one. Inputs are drawn in every tab, so nothing typed or uploaded is lost on a tab change,
    except the simple ones named in ``keep`` (choices and numbers, not editors, files or forms): a tab holding
    only those is skipped whole while closed, and their values are set again here, as Streamlit asks, so
    that it does not forget them. The open tab survives a change of language.
    """
    for name in keep:
        if name in st.session_state:
            st.session_state[name] = st.session_state[name]
    labels = [t(k) for k in label_keys]
    chosen = st.session_state.get(key)
    if chosen is not None and chosen not in labels:
        for other in ([i18n.t(k, lg) for k in label_keys] for lg in i18n.LANGUAGES):
            if chosen in other:
                st.session_state[key] = labels[other.index(chosen)]
    return st.tabs(labels, key=key, on_change="rerun")


def holds_edits(prefix: str) -> bool:
    """Whether a data editor keyed ``prefix...`` holds changes not saved yet: a closed tab must then draw it,
    or Streamlit forgets them."""
    for key in st.session_state:
        value = st.session_state[key] if str(key).startswith(prefix) else None
        if isinstance(value, dict) and any(value.get(part) for part in ("edited_rows", "added_rows", "deleted_rows")):
            return True
    return False


def page_header(title_key: str, intro_key: str, notice_key: str) -> None:
    """Title, one-line intro, and the message a button left before its rerun (``st.session_state[notice_key]``)."""
    st.title(t(title_key))
    st.caption(t(intro_key))
    if notice := st.session_state.pop(notice_key, None):
        st.success(notice)


def _remember_language() -> None:
    st.session_state.ui_lang = st.session_state.lang_picker


UPLOADER_WORDS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{button}"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: "{limit}"; font-size: 0.875rem; }}
</style>"""


def uploader_words(lang: str) -> None:
    """Streamlit writes its file uploader's button ("Upload") and limit ("50MB per file • CSV, XLSX") in English
    and has no setting for another language: a Chinese page shows the catalogue's words in their place.  The
    file types are left out: every uploader's label or caption names the formats it takes."""
    if lang == "en":
        return
    st.html(UPLOADER_WORDS.format(button=i18n.t("app.upload", lang),
                                  limit=i18n.t("app.upload_limit", lang, mb=st.get_option("server.maxUploadSize"))))


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


def _chart_texts(value):
    if isinstance(value, str):
        return i18n.chart_text(value)
    if isinstance(value, dict):
        return {k: _chart_texts(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_chart_texts(v) for v in value]
    if isinstance(value, np.ndarray) and value.dtype == object:
        return [_chart_texts(v) for v in value]
    return value


CHART_FONT = "Source Sans, Source Sans Pro, Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"
"""The app's own typeface first, then the Chinese ones a browser may hold (Linux, macOS, Windows)."""
CHART_COLORS = ("#1F6F8B", "#E07A5F", "#8D5A97", "#81B29A", "#F2CC8F", "#3D5A80", "#B0B8BF", "#C05746")
"""The theme's primary colour (.streamlit/config.toml) first, then colours told apart in print and by most
colour-blind readers."""
CHART_TEMPLATE = go.layout.Template(layout=go.Layout(
    colorway=CHART_COLORS, font=dict(family=CHART_FONT, size=13, color="#1C2B36"),
    paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
    margin=dict(l=10, r=10, t=30, b=10), hoverlabel=dict(font=dict(family=CHART_FONT, size=13)),
    legend=dict(font=dict(size=12)), title=dict(font=dict(size=15)),
    xaxis=dict(gridcolor="#E6EBEE", linecolor="#C9D2D8", zerolinecolor="#C9D2D8", automargin=True),
    yaxis=dict(gridcolor="#E6EBEE", linecolor="#C9D2D8", zerolinecolor="#C9D2D8", automargin=True),
    colorscale=dict(sequential=[[0, "#F4F6F7"], [1, "#1F6F8B"]])))
"""The one look of every chart (:func:`plotly_chart`): theme colours, fonts with Chinese ones, margins."""


def chart_config(config: dict | None, key: str | None) -> dict:
    """Plotly's options for a chart: its own, with the download-as-PNG button always there (on a chart that
    turned the bar off, the only button) and no Plotly logo.

    >>> chart_config({"displayModeBar": False}, "grid")["modeBarButtons"]
    [['toImage']]
    """
    config = dict(config or {})
    if config.pop("displayModeBar", True) is False:
        config["modeBarButtons"] = [["toImage"]]
    return {**config, "displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"],
            "toImageButtonOptions": {"format": "png", "scale": 2, "filename": key or "hrcore-chart"}}


def _is_date(value) -> bool:
    return isinstance(value, datetime | np.datetime64 | pd.Timestamp) or (
        isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit())


def _chinese_date_ticks(figure: go.Figure) -> None:
    """Date axes read 2025-07, not "Jul 2025": Plotly names months in English whatever the page's language."""
    for trace in figure.data:
        xs = getattr(trace, "x", None)
        # Numbers travel as typed arrays ({"dtype", "bdata"}): only a list or an array can hold dates.
        if not isinstance(xs, list | tuple | np.ndarray) or not len(xs) or not _is_date(xs[0]):
            continue
        axis = figure.layout["xaxis" + (trace.xaxis or "x")[1:]]
        if axis.tickformat is None:
            axis.tickformat = "%Y-%m"


def plotly_chart(container, figure: go.Figure, **kwargs):
    """``container.plotly_chart`` of ``figure`` in the app's look (:data:`CHART_TEMPLATE`, with a PNG download,
    :func:`chart_config`), with every text in it made plain (:func:`hrcore.i18n.chart_text`): names from data
    reach axis labels, legends, hovers and annotations, where Plotly would render a link."""
    shown = go.Figure(_chart_texts(figure.to_dict()))
    shown.update_layout(template=CHART_TEMPLATE)
    if lang() == "zh":
        _chinese_date_ticks(shown)
    kwargs["config"] = chart_config(kwargs.get("config"), kwargs.get("key"))
    kwargs["theme"] = None  # Streamlit's own chart theme would paint over the template
    return container.plotly_chart(shown, **kwargs)


def grid_figure(counts: pd.DataFrame, labels: pd.DataFrame, lg: str, height: int = 420,
                chosen: int | None = None) -> go.Figure:
    """The nine-box grid as an annotated heat map: label, count and share in each box (talent page, overview).

    A box whose count is blank (NaN: too few people to show, :func:`hrcore.privacy.without_small_groups`) says
    so instead of its count and share.  With ``chosen`` (a box number) the boxes can be clicked (each box's
    centre is a point whose ``customdata`` is its number, for ``on_select``) and the chosen box is outlined.
    """
    text_column = "label_zh" if lg == "zh" else "label_en"
    names = labels.set_index("box")[text_column]
    z = np.zeros((3, 3))
    text = [["", "", ""] for _ in range(3)]
    for row in counts.itertuples():
        r = ninebox.LEVELS.index(row.ability)
        c = ninebox.LEVELS.index(row.performance)
        shown = row.count == row.count
        z[r][c] = row.share if shown else 0
        figures = f"{int(row.count):,} · {row.share:.0%}" if shown else html.escape(
            t("privacy.too_few"))
        # Plotly renders tags in text (<a href> a link): a box label typed by a user is escaped.  A long one is
        # broken into lines: Plotly does not wrap, and a box is a third of the chart.
        name = "<br>".join(html.escape(line) for line in textwrap.wrap(str(names[row.box]), 22)) or ""
        text[r][c] = f"<b>{name}</b><br>{figures}"
    axis = [t(f"talent.level.{level}") for level in ninebox.LEVELS]
    fig = go.Figure(go.Heatmap(z=z, x=axis, y=axis, text=text, texttemplate="%{text}", showscale=False,
                               colorscale=[[0, "#F4F6F7"], [1, "#1F6F8B"]], xgap=4, ygap=4,
                               hovertemplate="%{text}<extra></extra>", textfont=dict(size=13)))
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10),
                      xaxis_title=t("talent.performance"), yaxis_title=t("talent.ability"))
    if chosen is not None:
        boxes = list(range(1, 10))
        levels = [ninebox.levels_of(b) for b in boxes]
        # Invisible points over the boxes' centres: a heat map's cells cannot be selected, points can.
        fig.add_trace(go.Scatter(x=[axis[ninebox.LEVELS.index(p)] for p, _ in levels],
                                 y=[axis[ninebox.LEVELS.index(a)] for _, a in levels], customdata=boxes,
                                 mode="markers", marker=dict(size=90, symbol="square", color="rgba(0,0,0,0)"),
                                 hoverinfo="none", showlegend=False))
        performance, ability = ninebox.levels_of(chosen)
        x, y = ninebox.LEVELS.index(performance), ninebox.LEVELS.index(ability)
        fig.add_shape(type="rect", x0=x - 0.5, x1=x + 0.5, y0=y - 0.5, y1=y + 0.5, line=dict(color="#E07A1F", width=4))
        fig.update_layout(clickmode="event+select", dragmode=False)
    fig.update_xaxes(showgrid=False, zeroline=False)
    fig.update_yaxes(showgrid=False, zeroline=False)
    return fig


EMPTY_CELL = ""
"""What a missing value shows as in every table and editor: nothing (Streamlit writes "None" by default)."""


def editor(container, frame, **options):
    """``container.data_editor`` of ``frame``, missing values shown empty (:data:`EMPTY_CELL`) like every table."""
    return container.data_editor(frame, placeholder=EMPTY_CELL, **options)


def table(container, frame: pd.DataFrame | Styler, *, key: str, file_name: str, column_config: dict | None = None,
          column_order: list[str] | None = None, recorded_as: str | None = None, file_only: dict | None = None,
          **options):
    """``container.dataframe`` of ``frame``, with a button under it that downloads the table as shown (its
    headings, its columns, codes as their labels: :func:`hrcore.downloads.as_shown`) as an Excel file, escaped
    like every download.  ``recorded_as`` (a table name) puts the download in the audit trail: for tables of
    pay or personal data.  A Styler shows its colours; its frame is what downloads.  ``file_only`` (column ->
    heading): columns of ``frame`` the file carries (after ``column_order``'s) but the screen never receives,
    such as the ids a user matches rows of their HR system by, where the screen names people.  Returns what
    ``dataframe`` returns (a selection, where one is asked for).
    """
    data = frame.data if isinstance(frame, Styler) else frame
    file_only = dict(file_only or {})
    if file_only:
        assert not isinstance(frame, Styler), "file_only: a Styler's columns cannot be left off the screen"
        frame = frame.drop(columns=list(file_only))
    shown = container.dataframe(frame, key=key, column_config=column_config, column_order=column_order,
                                placeholder=EMPTY_CELL, **options)
    in_file = {**(column_config or {}), **file_only}
    file_order = None if column_order is None else [*column_order, *file_only]
    db = store()
    container.download_button(
        t("download.excel"), key=f"{key}_xlsx", file_name=f"{file_name}.xlsx", mime=downloads.XLSX_MIME,
        icon=":material/download:", type="tertiary", on_click="ignore", disabled=data.empty,
        data=still_allowed(lambda: downloads.file(downloads.as_shown(data, in_file, file_order), "xlsx",
                                                  store=db if recorded_as else None, table=recorded_as,
                                                  name=f"{file_name}.xlsx")))
    return shown
