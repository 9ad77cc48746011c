"""What every import shows, on the Data page and on the pages that import their own files (360 ratings on
Competencies, actuals on KPI): the file read in a worker, a mapping to start from, the choices a file asks for
(repeats, the date order), the summary and the problem list; one report for every import."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import streamlit as st

from hrcore import dates, downloads, errors, i18n, imports, ratings_import
from views._common import EMPTY_CELL, lang, md, store, t


@st.cache_data(show_spinner=False, max_entries=4)
def read_upload(data: bytes, filename: str
                ) -> tuple[imports.RawFile | None, ValueError | None, pd.DataFrame | None]:
    """The file read in a worker process, so parsing it never holds up other people's pages; or why it was
    refused (said in the reader's language by :func:`refusal_text`), and the refused cells.  A refusal is kept
    too: a rerun does not parse the same file again."""
    try:
        return imports.read_file_in_worker(data, filename), None, None
    except imports.FileProblems as refused:
        return None, refused, refused.problems
    except ValueError as exc:
        return None, exc, None


def refusal_text(refused: BaseException) -> str:
    """Why a file or a mapping was refused, in the reader's language (for :func:`md`, which escapes it); the
    sentence around it names the file or the mapping already, so the refusal does not name it again."""
    if isinstance(refused, errors.Refused) and refused.field in ("file", "mapping"):
        return i18n.problem(refused.code, refused.values, lang())
    return errors.problem_text(refused, lang())


def digest_of(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:12]


def uploaded(upload, table: str) -> tuple[imports.RawFile, str] | None:
    """The upload read (:func:`read_upload`) and a key of its table and content; None, with the reason or the
    refused cells shown, when it cannot be read."""
    raw, refusal, cells = read_upload(upload.getvalue(), upload.name)
    if cells is not None:
        show_problems(cells, upload.name)
        return None
    if refusal is not None:
        st.error(md("data.file_error", reason=refusal_text(refusal)))
        return None
    return raw, f"{table}-{digest_of(upload.getvalue())}"


def mapping_choices(table: str, columns: list[str]) -> dict[str, dict]:
    choices = {t("data.mapping_suggested"): {"columns": imports.suggest_mapping(columns, table)}}
    for name, spec in imports.shipped_mappings(table).items():
        choices[name] = spec
    for name, spec in store().mappings(table).items():
        choices[name] = spec
    return choices


def quick_mapping(table: str, columns: list[str], key: str) -> dict:
    """A mapping to import with, chosen whole: suggested from the headings, shipped, or saved on the Data page."""
    choices = mapping_choices(table, columns)
    chosen = st.selectbox(t("data.mapping_quick"), list(choices), key=f"mapping-{key}",
                          help=t("data.mapping_quick_help"))
    return dict(choices[chosen])


def remembered_choice(label_key: str, options: list[str], answer_key: str, given: str | None, label_prefix: str,
                      help_key: str) -> str | None:
    """A radio whose answer lives in a plain session key: the radio is keyed by language too, since one relabelled
    in another language would show no choice in the browser while keeping one."""
    given = st.session_state.get(answer_key) or given
    widget_key = f"{answer_key}-{lang()}"
    st.radio(t(label_key), options, key=widget_key, horizontal=True,
             index=options.index(given) if given in options else None,
             format_func=lambda option, lg=lang(): i18n.t(f"{label_prefix}.{option}", lg), help=t(help_key),
             on_change=lambda: st.session_state.update({answer_key: st.session_state[widget_key]}))
    return st.session_state.get(answer_key) or given


def repeats_choice(table: str, mapping: dict, key: str) -> dict:
    """For 360 ratings: what to do with a rater who rated the same item again (kept with a saved mapping)."""
    if table != "ratings_360":
        return mapping
    saved = mapping.get("repeats") or "refuse"
    # Keyed by the choice the mapping brings too: starting from another saved mapping shows that one's choice.
    chosen = remembered_choice("data.repeats", list(ratings_import.REPEATS), f"repeats-{key}-{saved}", saved,
                               "data.repeats", "data.repeats_help")
    return {**mapping, "repeats": chosen or saved}


def date_order_choice(mapping: dict, key: str) -> dict:
    """Day or month first, asked once a check found dates that cannot tell (:func:`ask_date_order`) or where the
    mapping already says."""
    answer_key = f"date-order-{key}"
    if answer_key in st.session_state or mapping.get("date_order") in ("MDY", "DMY"):
        chosen = remembered_choice("data.date_order", ["MDY", "DMY"], answer_key, mapping.get("date_order"),
                                   "data.date_order", "data.date_order_help")
        if chosen:
            return {**mapping, "date_order": chosen}
    return mapping


def ask_date_order(plan: imports.ImportPlan, key: str) -> None:
    """When the check found dates whose day and month cannot be told apart: rerun with the question drawn."""
    answer_key = f"date-order-{key}"
    if imports.DATE_ORDER_CODE in set(plan.problems["code"]) and answer_key not in st.session_state:
        st.session_state[answer_key] = None
        st.rerun()


def remembered_plan(key: str, make) -> imports.ImportPlan | None:
    """The plan of ``key`` (the file, the table and the mapping as JSON), made once: a rerun of the page for
    another widget does not check a 100,000-row file again.  A mapping that does not fit the file is said."""
    key = plan_key(key, store().data_version())  # the counts change with what is stored
    kept = st.session_state.get("quick_import_plan")
    if kept is not None and kept[0] == key:
        return kept[1]
    try:
        plan = make()
    except ValueError as exc:
        st.error(md("data.mapping_error", reason=refusal_text(exc)))
        return None
    st.session_state.quick_import_plan = (key, plan)
    return plan


def plan_key(*parts) -> str:
    return json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)


def show_problems(problems: pd.DataFrame, filename: str) -> None:
    st.error(md("data.bad", n=i18n.number(len(problems), lang())))
    columns = ["row", "column", "value", "reason"]
    shown = imports.problems_in(problems.head(1000), lang())[columns]
    st.dataframe(shown.rename(columns={c: t(f"problem.{c}") for c in columns}), hide_index=True, width="stretch",
                 placeholder=EMPTY_CELL)
    # The user's own file's problems: nothing from the database, so not recorded.
    st.download_button(t("data.problems_download"), imports.problems_csv(problems, lang()),
                       file_name=f"problems-{filename}.csv", mime=downloads.CSV_MIME)


def show_summary(plan: imports.ImportPlan, warnings: bool = True) -> None:
    """How the file was read: each date column's format, what the table's own steps did, and (``warnings``)
    the notes on the file."""
    if plan.date_formats:
        st.caption(md("data.dates_read", formats="; ".join(f"{column}: {dates.describe(written, lang())}"
                                                          for column, written in plan.date_formats.items())))
    for code, values in plan.notes:
        st.info(i18n.import_note(code, values, lang(), escape=i18n.plain))
    for code, values in plan.warnings if warnings else ():
        st.info(i18n.import_note(code, values, lang(), escape=i18n.plain))  # the file's own columns and values


def show_report(plan: imports.ImportPlan, filename: str) -> bool:
    """The summary, then the problems or what would change; whether the plan can be written."""
    show_summary(plan)
    if not plan.ok:
        show_problems(plan.problems, filename)
        return False
    if plan.counts is not None:
        lg = lang()
        st.success(t("data.ready", new=i18n.number(plan.counts.inserted, lg), changed=i18n.number(plan.counts.updated, lg),
                     same=i18n.number(plan.counts.unchanged, lg)))
    return plan.counts is not None
