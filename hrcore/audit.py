"""The audit trail: who changed what, when, from what to what.

:meth:`hrcore.store.Store.transaction` writes it for every change (one row
per changed table row, the before and after rows as JSON); this module reads
it, and records downloads of pay and personal data (:func:`record_download`).
Nothing in the app can change or delete an entry.

>>> import pandas as pd
>>> from hrcore.store import Store
>>> store = Store()
>>> _ = store.upsert("departments", pd.DataFrame({"department_id": ["D1"], "name_en": ["Sales"]}))
>>> _ = store.upsert("departments", pd.DataFrame({"department_id": ["D1"], "name_en": ["Sales & Marketing"]}))
>>> found = search(store, table="departments")
>>> found[["operation", "row", "changed"]].to_dict("records")[0]
{'operation': 'update', 'row': 'D1', 'changed': 'name_en'}
"""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pandas as pd

from hrcore.downloads import csv_bytes, record_download  # noqa: F401  (recorded here, written there)

COLUMNS = ["entry_id", "change_id", "changed_at", "actor", "role", "action", "table_name", "operation", "row",
           "changed", "row_key", "before_row", "after_row"]


def key_text(row_key: str | None) -> str:
    """A row's key for reading: its values joined by `` · ``.

    >>> key_text('{"scheme_id": "v1", "job_id": "J01"}')
    'v1 · J01'
    """
    if not isinstance(row_key, str):
        return ""
    return " · ".join(str(v) for v in json.loads(row_key).values())


def changed_fields(before: str | None, after: str | None) -> str:
    """The columns whose value differs between two JSON rows, comma-separated (all of them for an insert/delete).

    >>> changed_fields('{"id": 1, "pay": 5000, "grade": 3}', '{"id": 1, "pay": 5500, "grade": 3}')
    'pay'
    >>> changed_fields('{"rows": 0}', '{"rows": 35}')
    ''
    """
    old = json.loads(before) if isinstance(before, str) else {}
    new = json.loads(after) if isinstance(after, str) else {}
    if not old or not new:
        return ", ".join(sorted((set(old) | set(new)) - COUNTS))
    return ", ".join(c for c in new if c not in COUNTS and old.get(c) != new.get(c))


COUNTS = {"rows"}
"""What an entry for a whole table (a replacement, a download) records as ``{"rows": n}``: a count, no column."""


def search(store, since: date | None = None, until: date | None = None, actor: str | None = None,
           table: str | None = None, text: str | None = None, limit: int = 5000) -> pd.DataFrame:
    """Entries newest first, filtered by day range, actor, table and a text found in the action, key or rows."""
    where, params = [], []
    if since:
        where.append("changed_at >= ?")
        params.append(datetime.combine(since, time.min))
    if until:
        where.append("changed_at <= ?")
        params.append(datetime.combine(until, time.max))
    if actor:
        where.append("actor = ?")
        params.append(actor)
    if table:
        where.append("table_name = ?")
        params.append(table)
    if text:
        where.append("(action ILIKE ? OR row_key ILIKE ? OR before_row ILIKE ? OR after_row ILIKE ?)")
        params += [f"%{text}%"] * 4
    found = store.query(
        "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY entry_id DESC LIMIT ?", [*params, int(limit)])
    found["changed"] = [changed_fields(b, a) for b, a in zip(found["before_row"], found["after_row"])]
    found["row"] = found["row_key"].map(key_text)
    return found[COLUMNS]


def latest_day(store) -> date:
    """The day of the latest change in the trail (today when it is empty): where the page's search starts."""
    return pd.Timestamp(store.query("SELECT coalesce(max(changed_at), now())::DATE AS d FROM audit_log")["d"]
                        .iloc[0]).date()


def actors(store) -> list[str]:
    return store.query("SELECT DISTINCT actor FROM audit_log ORDER BY actor")["actor"].tolist()


def side_by_side(before: str | None, after: str | None) -> pd.DataFrame:
    """One entry's row as ``column, before, after, changed`` for reading.

    >>> side_by_side('{"id": 1, "pay": 5000}', '{"id": 1, "pay": 5500}').to_dict("records")[1]
    {'column': 'pay', 'before': '5000', 'after': '5500', 'changed': True}
    """
    old = json.loads(before) if isinstance(before, str) else {}
    new = json.loads(after) if isinstance(after, str) else {}
    names = list(dict.fromkeys([*old, *new]))
    shown = lambda row, c: "" if c not in row or row[c] is None else str(row[c])  # noqa: E731
    return pd.DataFrame({"column": names, "before": [shown(old, c) for c in names],
                         "after": [shown(new, c) for c in names],
                         "changed": [old.get(c) != new.get(c) for c in names]})


def export(entries: pd.DataFrame) -> bytes:
    """The entries as UTF-8 CSV (with BOM, for Excel), cells that would run as formulas escaped."""
    return csv_bytes(entries)
