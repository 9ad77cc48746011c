"""What hrcore refuses, as a code and the values its text needs.

A refusal is raised in English for the command line and the logs, and carries its code and values so that a
page shows it in the reader's language from the catalogue (:func:`hrcore.i18n.problem`), not by translating the
English sentence.  The texts are the ``problem.<code>`` entries of :data:`hrcore.i18n.TEXT`; the field a refusal
is about is named by ``field.<column>`` there.

>>> try:
...     raise Refused("not_employed", field="employee_id", employee="E0042", on=date(2026, 3, 1))
... except Refused as refused:
...     print(refused)
...     print(problem_text(refused, "zh"))
employee_id: E0042 is not employed on 2026-03-01
工号：E0042 在 2026年3月1日 不在职
"""
from __future__ import annotations

from datetime import date

from hrcore import i18n


class Coded(Exception):
    """What :class:`Refused` and :class:`Forbidden` share: ``code`` names the text ``problem.<code>``; ``values``
    fill its placeholders; ``field``, when given, is the column or setting the refusal is about, named before the
    text (``employee_id: ...``).  The message is the English text."""

    def __init__(self, code: str, *, field: str | None = None, **values) -> None:
        self.code = code
        self.field = field
        self.values = values
        super().__init__(i18n.problem(code, values, "en", field=field, labelled=False))

    def __reduce__(self):
        # A refusal raised in a worker process (reading an upload) is pickled to the app's: the code, field and
        # values travel, not the English text alone.
        return _coded, (type(self), self.code, self.field, self.values)


def _coded(kind: type, code: str, field: str | None, values: dict) -> Coded:
    return kind(code, field=field, **values)


class Refused(Coded, ValueError):
    """A request refused for a reason a user can act on: nothing was written.  It is a :class:`ValueError`, so
    callers that catch those keep working."""


class Forbidden(Coded, PermissionError):
    """A request the signed-in account may not make (a :class:`PermissionError`), as a code and values like
    :class:`Refused`: nothing was written.

    >>> print(problem_text(Forbidden("appeal_decider_not_hr", field="appeal_id"), "zh"))
    申诉：申诉由人力资源部处理
    """


class ConflictError(ValueError):
    """Somebody else saved the same record after this writer read it: nothing was written."""


class Conflict(Refused, ConflictError):
    """A :class:`ConflictError` as a code and values (:class:`Refused`), worded for the reader."""


def problem_text(error: BaseException, lang: str, escape=None) -> str:
    """Why ``error`` refused, in ``lang``: a :class:`Refused` from the catalogue; any other error as raised (an
    error that is not a :class:`Refused` is one no user can cause, and is shown rather than hidden).

    >>> problem_text(Refused("not_a_number"), "zh"), problem_text(ValueError("disk on fire"), "zh")
    ('不是数字', 'disk on fire')
    """
    if isinstance(error, Coded):
        return i18n.problem(error.code, error.values, lang, field=error.field, escape=escape)
    text = str(error)
    return escape(text) if escape is not None else text
