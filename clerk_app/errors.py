"""Typed errors: logic raises these, only the UI or the CLI turns them into words for people."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ClerkAppError(Exception):
    """Base of every error the app expects and explains to its user."""


@dataclass
class ListProblem:
    """One problem in a voter-list file, located as Excel shows it.

    What is wrong is a ``template``, English text marked for translation in the "ListProblem"
    context (clerk_app.translatable), with named placeholders filled from ``params``: the UI
    translates the template, then fills it. ``message`` is the English sentence, for the CLI and
    the logs. ``ListProblem(file, row, column, "some text")`` still works: a template without
    placeholders. Params never hold names or ID numbers (STT, gender, date values and the like).
    """

    file: str
    row: int | None  # 1-based, as Excel and a text editor number rows; None for file-wide problems
    column: str | None  # the column's header as written in the file
    template: str  # a str.format template: "birth date '{value}' is not a real date"
    params: dict[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """What is wrong, in English (a plain message that is no template is shown as it is)."""
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template

    def __str__(self) -> str:
        where = [Path(self.file).name]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


@dataclass
class ListFileRefused(ClerkAppError):
    """The file cannot be imported; nothing was changed."""

    errors: list[ListProblem] = field(default_factory=list)

    def __str__(self) -> str:
        shown = "\n".join(str(e) for e in self.errors[:20])
        more = len(self.errors) - 20
        return shown + (f"\n... and {more} more" if more > 0 else "")


class CheckInRefused(ClerkAppError):
    """A check-in (or another voter action) that the rules forbid. ``reason`` is a stable code."""

    def __init__(self, reason: str, list_no: int | None = None, **detail: object) -> None:
        self.reason = reason
        self.list_no = list_no
        self.detail = detail
        super().__init__(reason)

    def as_json(self) -> dict[str, object]:
        return {"ok": False, "reason": self.reason, "list_no": self.list_no, **self.detail}


class PinRefused(ClerkAppError):
    """Wrong, missing or malformed team-leader PIN."""

    def __init__(self, reason: str) -> None:
        self.reason = reason  # "wrong_pin", "no_pin_set", "pin_format"
        super().__init__(reason)


class StationMismatch(ClerkAppError):
    """The data folder belongs to another station or cannot hold this one."""


class StorageEnvironmentError(ClerkAppError):
    """The disk, not the program: full, read-only, locked or gone. Tell the user; not a crash."""


class NewerDatabaseError(ClerkAppError):
    """The database was written by a newer version of the app; opening it could damage it."""
