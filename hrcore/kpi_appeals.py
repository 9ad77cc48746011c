"""Performance appeals against KPI scorecards, and coaching notes on them (DOMAIN.md §4, seed 003).

Seed 003 has HR receive the appeals of staff at every level (HR 受理各级人员提出的绩效申诉) and the appraiser
coach during the period, recording the appraisee's work (绩效辅导: 记录被考核者的工作情况, 建立员工业绩档案).

Appeals
-------
* Only a scored card can be appealed, by its appraisee (the account linked to the card's employee) or by HR
  (an admin or HR analyst) on their behalf; one appeal at a time per card; the grounds are required.
* HR decides, once: upheld or rejected, always with a reason.  Nobody decides an appeal against their own card
  or a card they appraise.  Of two people deciding at once the second is refused (ConflictError).
* An upheld appeal sends the card back to draft: its total and rating are cleared, its lines and actuals stay,
  so the appraiser corrects what the appeal showed and scores it again (the result appealed is kept on the
  appeal, and the audit trail keeps every step).  A rejected appeal leaves the card as scored.

Coaching notes
--------------
* A note is dated the day of the conversation: within the card's period, or after it until the card is scored
  (a scored card: up to the day it was last saved), never after today.  A period the product cannot read
  (:func:`hrcore.dates.period_start`) only keeps notes from the future.
* Written by the signed-in account (the author); the appraisee does not write their own card's notes.

Every write goes through :meth:`hrcore.store.Store.transaction`, so the audit trail records it under the
signed-in account (``kpi_appeals.file_appeal``, ``kpi_appeals.decide_appeal``, ``kpi_appeals.add_note``).

>>> from datetime import date
>>> from hrcore.store import Store
>>> store = Store()
>>> _ = store.upsert("scorecards", pd.DataFrame({"scorecard_id": ["2026Q3-E1"], "owner_type": ["employee"],
...     "owner_id": ["E1"], "period": ["2026Q3"], "appraiser_id": ["M1"], "status": ["scored"],
...     "total_score": [82.5], "rating": ["C"]}))
>>> appeal = file_appeal(store, "2026Q3-E1", "The September actual misses a late order", date(2026, 10, 25))
>>> decide_appeal(store, appeal, "upheld", "The order was booked on 29 September", date(2026, 10, 28))
>>> head = store.query("SELECT status, total_score FROM scorecards").iloc[0]
>>> head["status"], pd.isna(head["total_score"])
('draft', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from hrcore import access
from hrcore.access import User
from hrcore.dates import period_start
from hrcore.errors import Conflict, Forbidden, Refused

STATUSES = ("pending", "upheld", "rejected")
OUTCOMES = ("upheld", "rejected")
HR_ROLES = ("admin", "hr_analyst")
"""Who receives and decides appeals (seed 003: HR), and may file one on an appraisee's behalf."""


def acting(store) -> User:
    """The account a write is made by: the store's signed-in user (the command line's store: the system)."""
    return store.user or access.SYSTEM


def period_end(period) -> date | None:
    """The last day of an appraisal period as :func:`hrcore.dates.period_start` reads it (a year, half-year,
    quarter or month), or None for a name it cannot read.

    >>> [str(period_end(p)) for p in ["2026", "2026-H1", "2026Q3", "2026-02", "2026年第四季度", "Spring"]]
    ['2026-12-31', '2026-06-30', '2026-09-30', '2026-02-28', '2026-12-31', 'None']
    """
    start = period_start(period)
    if start is None:
        return None
    text = str(period).strip()
    if re.search(r"[Qq][1-4]$|季", text):
        months = 3
    elif re.search(r"[Hh][12]$|半年", text):
        months = 6
    elif re.search(r"^\d{4}[-/.]\d{1,2}$|月$", text):
        months = 1
    else:
        months = 12
    first_after = pd.Timestamp(start) + pd.DateOffset(months=months)
    return (first_after - pd.Timedelta(days=1)).date()


def _card(cur, scorecard_id: str) -> dict:
    rows = cur.execute("SELECT scorecard_id, owner_type, owner_id, appraiser_id, period, status, total_score, "
                       "rating, updated_at FROM scorecards WHERE scorecard_id = ?", [scorecard_id]).fetchall()
    if not rows:
        raise Refused("card_unknown", field="scorecard_id", card=scorecard_id)
    keys = ("scorecard_id", "owner_type", "owner_id", "appraiser_id", "period", "status", "total_score", "rating",
            "updated_at")
    return dict(zip(keys, rows[0]))


def _is_appraisee(user: User, card: dict) -> bool:
    return bool(user.employee_id) and card["owner_type"] == "employee" and str(card["owner_id"]) == user.employee_id


def filing_refused(user: User, card: dict) -> str | None:
    """Why ``user`` may not file an appeal against ``card`` (a dict or Series of the card's row), as the code of
    its text (``problem.<code>``), or None.

    >>> card = {"owner_type": "employee", "owner_id": "E1", "appraiser_id": "M1", "status": "scored"}
    >>> filing_refused(User("e1", "manager", "D1", employee_id="E1"), card) is None
    True
    >>> filing_refused(User("m1", "manager", "D1", employee_id="M1"), card)
    'appeal_not_appraisee'
    >>> filing_refused(User("hr", "hr_analyst", employee_id="H1"), {**card, "status": "draft"})
    'appeal_not_scored'
    """
    if card["status"] != "scored":
        return "appeal_not_scored"
    if not user.can_write:
        return "appeal_viewer"
    if _is_appraisee(user, card) or user.role in HR_ROLES:
        return None
    return "appeal_not_appraisee"


def deciding_refused(user: User, card: dict) -> str | None:
    """Why ``user`` may not decide an appeal against ``card`` (a code, as :func:`filing_refused`), or None: HR decides, never on their own card or on
    a card they appraise.

    >>> card = {"owner_type": "employee", "owner_id": "E1", "appraiser_id": "H2"}
    >>> deciding_refused(User("hr", "hr_analyst", employee_id="H1"), card) is None
    True
    >>> deciding_refused(User("hr2", "hr_analyst", employee_id="H2"), card)
    'appeal_decider_appraiser'
    """
    if user.role not in HR_ROLES:
        return "appeal_decider_not_hr"
    if _is_appraisee(user, card):
        return "appeal_decider_own_card"
    if user.employee_id and card.get("appraiser_id") is not None and str(card["appraiser_id"]) == user.employee_id:
        return "appeal_decider_appraiser"
    return None


def note_refused(user: User, card: dict) -> str | None:
    """Why ``user`` may not write a coaching note on ``card`` (a code, as :func:`filing_refused`), or None: a viewer writes nothing, and the appraisee's
    notes are written by their appraiser or HR.

    >>> note_refused(User("e1", "manager", "D1", employee_id="E1"), {"owner_type": "employee", "owner_id": "E1"})
    'note_own_card'
    """
    if not user.can_write:
        return "note_viewer"
    if _is_appraisee(user, card):
        return "note_own_card"
    return None


def receives_appeals(user: User | None) -> bool:
    """Whether the account receives and decides appeals (HR), and so sees the list of those pending."""
    return user is not None and user.role in HR_ROLES


def _text(value, field: str, code: str) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise Refused(code, field=field)
    return text


def file_appeal(store, scorecard_id: str, grounds: str, filed_on: date) -> str:
    """File the appraisee's appeal against a scored card; returns its id (``KA00001``...).

    The filer is the signed-in account (:func:`acting`): the appraisee, or HR on their behalf
    (:func:`filing_refused`).  Refused (ValueError, nothing written): no grounds, a card not scored, a card with
    an appeal still pending.  The card's total and rating are kept on the appeal.
    """
    user = acting(store)
    grounds = _text(grounds, "grounds", "appeal_no_grounds")
    with store.transaction() as cur:
        card = _card(cur, scorecard_id)
        if why := filing_refused(user, card):
            raise Forbidden(why, field="scorecard_id")
        pending = cur.execute("SELECT appeal_id FROM kpi_appeals WHERE scorecard_id = ? AND status = 'pending'",
                              [scorecard_id]).fetchall()
        if pending:
            raise Refused("appeal_pending", field="scorecard_id", card=scorecard_id, appeal=pending[0][0])
        appeal_id = f"KA{cur.next_number('kpi_appeals', 'appeal_id', 'KA'):05d}"
        # Two filings at once take the same number: the store refuses the second (ConflictError).
        cur.execute("INSERT INTO kpi_appeals (appeal_id, scorecard_id, filed_by, filed_on, grounds, status, "
                    "appealed_total, appealed_rating) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
                    [appeal_id, scorecard_id, user.label, filed_on, grounds, card["total_score"], card["rating"]])
    return appeal_id


def decide_appeal(store, appeal_id: str, outcome: str, reason: str, decided_on: date) -> None:
    """Decide a pending appeal once, upheld or rejected, with a reason; the decider is the signed-in account.

    Upheld: the card goes back to draft (total and rating cleared, lines kept) for the appraiser to rescore.
    Refused (nothing written): an unknown outcome, no reason (ValueError), a decided appeal (ValueError), someone
    else deciding it a moment before (ConflictError), a decider who is not HR or is the card's appraisee or
    appraiser (PermissionError).
    """
    from hrcore.evaluation import stamp
    if outcome not in OUTCOMES:
        raise Refused("appeal_outcome_unknown", field="outcome", outcomes=list(OUTCOMES))
    reason = _text(reason, "reason", "appeal_no_reason")
    user = acting(store)
    found = store.query("SELECT scorecard_id, status FROM kpi_appeals WHERE appeal_id = ?", [appeal_id])
    if found.empty:
        raise Refused("appeal_unknown", field="appeal_id", appeal=appeal_id)
    if found["status"].iloc[0] != "pending":
        raise Refused(f"appeal_{found['status'].iloc[0]}_already", field="appeal_id", appeal=appeal_id)
    scorecard_id = found["scorecard_id"].iloc[0]
    with store.transaction() as cur:
        card = _card(cur, scorecard_id)
        if why := deciding_refused(user, card):
            raise Forbidden(why, field="appeal_id")
        # Still pending inside the transaction: of two people deciding at once, the second is refused.
        done = cur.execute("UPDATE kpi_appeals SET status = ?, decided_by = ?, decided_on = ?, reason = ? "
                           "WHERE appeal_id = ? AND status = 'pending' RETURNING appeal_id",
                           [outcome, user.label, decided_on, reason, appeal_id]).fetchall()
        if not done:
            raise Conflict("appeal_decided_meanwhile", field="appeal_id", appeal=appeal_id)
        if outcome == "upheld":
            cur.execute("UPDATE scorecards SET status = 'draft', total_score = NULL, rating = NULL, updated_at = ?, "
                        "updated_by = ?, revision = coalesce(revision, 0) + 1 WHERE scorecard_id = ?",
                        [stamp(), user.label, scorecard_id])


def appeals(store, scorecard_id: str | None = None, status: str | None = None) -> pd.DataFrame:
    """Appeals, newest first: one card's (``scorecard_id``) or every card's, of one ``status`` or all; with the
    card's owner (id and names), period and appraiser."""
    return store.query(
        "SELECT a.*, c.owner_type, c.owner_id, c.period, c.appraiser_id, e.name_en AS owner_en, "
        "e.name_zh AS owner_zh FROM kpi_appeals a JOIN scorecards c USING (scorecard_id) "
        "LEFT JOIN employees e ON c.owner_type = 'employee' AND e.employee_id = c.owner_id WHERE (?::VARCHAR IS NULL OR a.scorecard_id = ?) "
        "AND (?::VARCHAR IS NULL OR a.status = ?) ORDER BY a.filed_on DESC, a.appeal_id DESC",
        [scorecard_id, scorecard_id, status, status])


@dataclass(frozen=True)
class NoteWindow:
    """The days a coaching note on a card may be dated: ``first`` to ``last`` (None: not bounded there)."""

    first: date | None
    last: date

    @property
    def not_yet(self) -> bool:
        """No day is open yet: the period starts after today."""
        return self.first is not None and self.last < self.first


def note_window(card: dict, today: date) -> NoteWindow:
    """The days a coaching note on ``card`` may carry: its period, and after it until the card is scored (a scored
    card: up to the day it was last saved), never after ``today``.

    >>> from datetime import datetime
    >>> note_window({"period": "2026Q3", "status": "scored", "updated_at": datetime(2026, 10, 20, 17)},
    ...             date(2026, 12, 7))
    NoteWindow(first=datetime.date(2026, 7, 1), last=datetime.date(2026, 10, 20))
    >>> note_window({"period": "2026Q3", "status": "draft", "updated_at": None}, date(2026, 8, 15)).last
    datetime.date(2026, 8, 15)
    """
    first, end = period_start(card["period"]), period_end(card["period"])
    if end is None:
        return NoteWindow(None, today)
    scored = card.get("updated_at")
    if card["status"] == "scored" and scored is not None and not pd.isna(scored):
        last = max(end, pd.Timestamp(scored).date())
    else:
        last = max(end, today)  # the period is over and the card not yet scored: the talk goes on
    return NoteWindow(first, min(last, today))


def add_note(store, scorecard_id: str, held_on: date, note: str, follow_up: str | None = None,
             today: date | None = None) -> str:
    """Record a coaching conversation on a card; returns the note's id (``KN00001``...).

    The author is the signed-in account.  Refused (ValueError, nothing written): no text, a date outside
    :func:`note_window` (``today``: the company's record date, :func:`hrcore.company.record_date`), the
    appraisee writing on their own card (PermissionError).
    """
    from hrcore.company import record_date
    from hrcore.evaluation import stamp

    user = acting(store)
    text = _text(note, "note", "note_no_text")
    follow = None if follow_up is None or not str(follow_up).strip() else str(follow_up).strip()
    today = today or record_date(store)
    held_on = pd.Timestamp(held_on).date()
    with store.transaction() as cur:
        card = _card(cur, scorecard_id)
        if why := note_refused(user, card):
            raise Forbidden(why, field="scorecard_id")
        window = note_window(card, today)
        if (window.first is not None and held_on < window.first) or held_on > window.last:
            if window.first is None:
                raise Refused("note_after_window", field="held_on", day=held_on, period=card["period"],
                              last=window.last)
            raise Refused("note_outside_period", field="held_on", day=held_on, period=card["period"],
                          first=window.first, last=window.last)
        note_id = f"KN{cur.next_number('kpi_coaching_notes', 'note_id', 'KN'):05d}"
        cur.execute("INSERT INTO kpi_coaching_notes (note_id, scorecard_id, held_on, author, note, follow_up, "
                    "written_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [note_id, scorecard_id, held_on, user.label, text, follow, stamp()])
    return note_id


def notes(store, scorecard_id: str) -> pd.DataFrame:
    """A card's coaching notes, newest conversation first."""
    return store.query("SELECT note_id, held_on, author, note, follow_up, written_at FROM kpi_coaching_notes "
                       "WHERE scorecard_id = ? ORDER BY held_on DESC, note_id DESC", [scorecard_id])


def default_note_day(window: NoteWindow, today: date) -> date:
    """The day a new note's date starts at: today, within the window.

    >>> default_note_day(NoteWindow(date(2026, 7, 1), date(2026, 10, 20)), date(2026, 12, 7))
    datetime.date(2026, 10, 20)
    """
    day = min(today, window.last)
    return max(day, window.first) if window.first is not None else day

