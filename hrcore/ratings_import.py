"""360 ratings as survey tools export them: the steps an import of ``ratings_360`` takes beyond the generic mapping.

A survey tool writes one row per answer (long format): who was rated, who
rated, the relationship, the item, the score, and when the answer was
submitted (``Submitted at``, with a time of day).  :func:`hrcore.imports.plan_import`
calls two steps here, around the generic checks, so that the Data page, the
Competencies page and the command line read such a file the same way:

1. :func:`prepare`, on the mapped cells: ``null``, ``NA``, ``N/A``, ``#N/A``
   and ``-`` are missing cells (as an empty cell is); a row without a score
   is an item the rater did not rate and is left out; relationship labels
   (Manager, Direct report, Colleague, Customer, 自评, 同事, 上级, 下属, 客户 ...)
   are read as the stored groups (``self``, ``peer``, ``superior``,
   ``subordinate``, ``other``) where the mapping does not translate them
   (Self, Peer or Subordinate in any case are the stored groups already).
2. :func:`settle_repeats`, on the checked rows: the same rater rating the same
   item of the same person in one review more than once is a *repeat*.  The
   mapping's ``repeats`` chooses what happens: ``refuse`` (the default: each
   later row is a problem naming the first), ``average`` (one rating, the mean
   of the scores, dated on the latest day) or ``last`` (the latest by the
   timestamp, with its time of day; by file order where a repeat has no
   timestamp).

Nothing is changed silently: every step adds a note to the import's summary
(how many cells were read as missing, which labels became which group, how
many repeats and what was done with them); a refused repeat names its row,
column and reason, and then nothing is written.

>>> import pandas as pd
>>> mapped = pd.DataFrame({"rater_group": ["Colleague", "自评", "n/a"], "score": ["7", "-", "8"]})
>>> cleaned, notes = prepare(mapped)
>>> cleaned["rater_group"].tolist(), cleaned["score"].tolist(), [code for code, _ in notes]
(['peer', <NA>], ['7', '8'], ['missing_cells', 'unrated', 'groups'])
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

TABLE = "ratings_360"
KEY = ["period", "ratee_id", "rater_id", "item_id"]
REPEATS = ("refuse", "average", "last")
"""What an import does with a repeat; ``refuse`` unless the mapping says otherwise."""
MISSING = ("null", "na", "n/a", "#n/a", "-")
"""Cells survey tools write for "no answer" (case and surrounding blanks aside); an empty cell is missing too."""

HEADINGS = {
    "ratee_id": ["reviewee", "ratee", "employee_id", "subject", "被评价人", "被评价人工号", "被评人", "被评估人"],
    "rater_id": ["rater", "reviewer", "respondent", "evaluator", "评价人", "评价人工号", "评估人", "评分人"],
    "rater_group": ["group", "relationship", "ratergroup", "raterrelationship", "relationshiptoratee", "role",
                    "评价关系", "关系", "评价者类别", "评价者关系"],
    "item_id": ["item", "competency", "question", "itemid", "素质项", "能力项", "胜任力项", "题目"],
    "score": ["rating", "answer", "value", "分数", "得分", "评分"],
    "rated_on": ["submittedat", "submitted", "submissiondate", "timestamp", "completedat", "responsedate", "date",
                 "日期", "评价日期", "提交时间"],
    "period": ["cycle", "review", "reviewcycle", "reviewperiod", "评价周期", "周期", "考评周期"],
}
"""Headings of 360 files (the table's own names are always recognised), for :func:`hrcore.imports.suggest_mapping`."""

RELATIONSHIPS = {
    "self": ["self", "selfassessment", "selfrating", "selfreview", "myself", "自评", "本人", "自己", "自我评价"],
    "superior": ["superior", "superiors", "manager", "linemanager", "directmanager", "supervisor", "boss", "leader",
                 "skiplevelmanager", "上级", "直接上级", "直属上级", "上司", "领导", "间接上级", "隔级上级"],
    "peer": ["peer", "peers", "colleague", "colleagues", "coworker", "coworkers", "teammate", "teammates", "同事",
             "同级", "平级", "同级同事"],
    "subordinate": ["subordinate", "subordinates", "directreport", "directreports", "report", "reports", "下属",
                    "下级", "直接下属", "直属下属"],
    "other": ["other", "others", "customer", "customers", "client", "clients", "external", "internalcustomer",
              "externalcustomer", "stakeholder", "客户", "内部客户", "外部客户", "其他", "其它"],
}
"""Relationship labels seen in survey exports, by the stored group (:data:`hrcore.competency.GROUPS`)."""
_GROUP_OF = {label: group for group, labels in RELATIONSHIPS.items() for label in labels}
TIME_OF_DAY = re.compile(r"(?:^|[ T日])\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:([AaPp])\.?[Mm]\.?)?")
SHOWN_ROWS = 5


def _squash(text: str) -> str:
    return re.sub(r"[\s_\-]", "", str(text)).lower()


def _rows_text(rows) -> str:
    """Spreadsheet row numbers for a note: the first few and an ellipsis (``5, 9, 12, …``)."""
    rows = list(rows)
    return ", ".join(map(str, rows[:SHOWN_ROWS])) + (", …" if len(rows) > SHOWN_ROWS else "")


def _row_numbers(index) -> np.ndarray:
    from hrcore.imports import FIRST_DATA_ROW

    return np.asarray(index, dtype=np.int64) + FIRST_DATA_ROW


def group_of(label) -> str | None:
    """The stored group a relationship label means, or None.

    >>> group_of("Direct report"), group_of(" 上级 "), group_of("Board")
    ('subordinate', 'superior', None)
    """
    return None if label is None or label is pd.NA else _GROUP_OF.get(_squash(label))


def prepare(mapped: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, dict]]]:
    """Missing markers, unrated rows and relationship labels of mapped (still untyped) 360 cells.

    Returns the cells to check and the summary's notes, ``(code, values)``:
    ``missing_cells``, ``unrated`` (rows without a score, left out) and
    ``groups`` (labels read as groups).  Row labels (the index) are kept, so
    later problems still name the file's rows.
    """
    notes: list[tuple[str, dict]] = []
    out = mapped.copy()
    counted: dict[str, int] = {}
    for column in out.columns:
        values = out[column]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        # 100,000 answers hold a few hundred distinct cells a column: each distinct one is looked at once.
        codes, distinct = pd.factorize(values)
        spelled = pd.Series(distinct, dtype="string").str.strip()
        is_marker = spelled.str.lower().isin(MISSING).fillna(False).to_numpy(dtype=bool)
        if is_marker.any():
            marked = np.append(is_marker, False)[codes]  # code -1 (an empty cell): already missing
            counts = np.bincount(codes[marked], minlength=len(distinct))
            for position in np.flatnonzero(is_marker):
                counted[spelled[position]] = counted.get(spelled[position], 0) + int(counts[position])
            out[column] = values.where(~marked, None)
    if counted:
        notes.append(("missing_cells", {"n": sum(counted.values()), "markers": ", ".join(
            f"{marker} ×{n:,}" for marker, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))}))
    if "score" in out.columns:
        unrated = out["score"].isna().to_numpy(dtype=bool)
        if unrated.any():
            notes.append(("unrated", {"n": int(unrated.sum()), "rows": _rows_text(_row_numbers(out.index[unrated]))}))
            out = out[~unrated]
    if "rater_group" in out.columns and len(out):
        out["rater_group"], read = _groups(out["rater_group"])
        if read:
            notes.append(("groups", {"pairs": ", ".join(f"{label} → {group} ({n:,})" for label, group, n in read)}))
    return out, notes


def _groups(labels: pd.Series) -> tuple[pd.Series, list[tuple[str, str, int]]]:
    """Labels read as stored groups where they are not one already; and (label, group, rows) for each read."""
    from hrcore.competency import GROUPS

    codes, distinct = pd.factorize(labels.astype("string").str.strip())
    stored = {g.lower() for g in GROUPS}
    translated, read = [], []
    counts = np.bincount(codes[codes >= 0], minlength=len(distinct))
    for value, n in zip(distinct, counts):
        group = None if str(value).lower() in stored else group_of(value)
        translated.append(group if group is not None else value)
        if group is not None:
            read.append((str(value), group, int(n)))
    out = pd.Series(pd.array(translated + [None], dtype="string").take(codes), index=labels.index)
    return out.where(codes >= 0, labels), sorted(read, key=lambda r: (-r[2], r[0]))


def _seconds_of_day(text: pd.Series) -> pd.Series:
    """Seconds after midnight of the time written in each cell (``14:22:05``, ``2:22 PM``), NaN where none."""
    codes, distinct = pd.factorize(text.astype("string"))
    found = pd.Series(distinct, dtype="string").str.extract(TIME_OF_DAY)
    hours = pd.to_numeric(found[0], errors="coerce")
    half = found[4].str.lower()
    hours = hours.where(half.isna(), (hours % 12) + np.where(half.eq("p").fillna(False), 12, 0))
    fraction = pd.to_numeric("0." + found[3].fillna("0"), errors="coerce")
    seconds = hours * 3600 + pd.to_numeric(found[1], errors="coerce") * 60 \
        + pd.to_numeric(found[2], errors="coerce").fillna(0) + fraction
    out = np.append(seconds.to_numpy(dtype=float), np.nan)[codes]  # code -1 (an empty cell): the NaN at the end
    return pd.Series(out, index=text.index)


def timestamps(rows: pd.DataFrame, mapped: pd.DataFrame) -> pd.Series:
    """When each checked row was submitted: its ``rated_on`` day plus the time of day its cell carries (NaT where
    the row has no date).  The day is read as the import reads dates (:mod:`hrcore.dates`); the time from the
    same cell."""
    if "rated_on" not in rows.columns:
        return pd.Series(pd.NaT, index=rows.index, dtype="datetime64[us]")
    day = pd.to_datetime(rows["rated_on"])
    seconds = _seconds_of_day(mapped.loc[rows.index, "rated_on"]).fillna(0)
    return day + pd.to_timedelta(seconds, unit="s")


def settle_repeats(rows: pd.DataFrame, mapped: pd.DataFrame, policy: str | None
                   ) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, dict]]]:
    """Rows with each repeat settled by ``policy`` (``refuse``, ``average`` or ``last``); problems; notes.

    A repeat is a rating whose period, ratee, rater and item are those of an
    earlier row.  ``refuse`` leaves the rows and blames each later row (column
    ``item_id``, naming the first row).  ``average`` keeps the first row with
    the mean score and the latest day; repeats that disagree on the rater
    group are refused (a mean across relationships would count one answer
    twice).  ``last`` keeps the row submitted last: by the timestamp where
    every row of the repeat has one (a tie goes to the later row), else by
    file order.
    """
    from hrcore.errors import Refused
    from hrcore.imports import PROBLEM_COLUMNS, problem_frame

    policy = policy or "refuse"
    if policy not in REPEATS:
        raise Refused("mapping_repeats", field="mapping", choices=list(REPEATS), policy=repr(policy))
    none = pd.DataFrame(columns=PROBLEM_COLUMNS)
    if not set(KEY) <= set(rows.columns) or not len(rows):
        return rows, none, []
    complete = rows[KEY].notna().all(axis=1).to_numpy()
    repeated = complete & rows[KEY].duplicated(keep=False).to_numpy()
    if not repeated.any():
        return rows, none, []
    part = rows[repeated]
    group = part.groupby(KEY, sort=False, dropna=False).ngroup().to_numpy()
    position = np.arange(len(part))
    first = pd.Series(position).groupby(group).transform("min").to_numpy()
    later = position != first
    counts = {"n": int(group.max() + 1), "rows": int(len(part))}
    first_row = _row_numbers(part.index[first])
    if policy == "refuse":
        blamed = part.index[later]
        problems = problem_frame(_row_numbers(blamed), "item_id",
                                 mapped.loc[blamed, "item_id"].astype("string").fillna("").to_numpy(object),
                                 "repeats_rating", [{"row": int(r)} for r in first_row[later]])
        return rows, problems, [("repeats_refused", counts)]
    if policy == "average":
        kept = part[~later].copy()
        scores = pd.Series(part["score"].to_numpy(dtype=float, na_value=np.nan)).groupby(group).mean()
        kept["score"] = scores.reindex(group[~later]).to_numpy()
        if "rated_on" in part.columns:
            latest = pd.Series(pd.to_datetime(part["rated_on"]).to_numpy()).groupby(group).max()
            kept["rated_on"] = latest.reindex(group[~later]).to_numpy()
        problems = none
        if "rater_group" in part.columns:
            first_group = part["rater_group"].to_numpy(object)[np.flatnonzero(~later)[group]]
            other = later & (part["rater_group"].to_numpy(object) != first_group)
            if other.any():
                blamed = part.index[other]
                problems = problem_frame(
                    _row_numbers(blamed), "rater_group",
                    mapped.loc[blamed, "rater_group"].astype("string").fillna("").to_numpy(object),
                    "repeats_other_group", [{"row": int(r), "group": str(g)}
                                            for r, g in zip(first_row[other], first_group[other])])
        note = ("repeats_average", counts)
    else:
        when = timestamps(part, mapped).to_numpy()
        timed = pd.Series(~pd.isna(when)).groupby(group).transform("all").to_numpy()
        # Within a repeat: the latest timestamp (every row has one) or the last row; a tie goes to the later row.
        order = np.lexsort((position, np.where(timed, when.astype("datetime64[us]").astype(np.int64), 0), group))
        last = np.zeros(len(part), dtype=bool)
        last[order[np.r_[group[order][1:] != group[order][:-1], True]]] = True
        kept = part[last]
        problems = none
        by_order = int(len(set(group[~timed])))
        code = "repeats_last_order" if "rated_on" not in part.columns else "repeats_last_mixed" if by_order \
            else "repeats_last"
        note = (code, {**counts, "by_order": by_order})
    return pd.concat([rows[~repeated], kept]).sort_index(), problems, [note]
