"""Every word the clerk reads about an outcome, in one place, through Qt's translation system.

Refusal codes (``CheckInRefused.reason``, ``PinRefused.reason``) are stable strings from the
core; this module is the only place that turns them into sentences. Texts are marked with
QT_TRANSLATE_NOOP so lupdate finds them, and translated when shown, so a language switch
takes effect at once.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from clerk_app.clock import from_iso, local
from clerk_app.errors import ListProblem
from clerk_app.model import Ballots, PollsState, Voter, VoterStatus
from clerk_app.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Messages"

log = logging.getLogger("clerk_app.ui.messages")

# A short headline (shown huge) and a sentence that says what to do, per refusal code.
_REFUSAL_HEADLINES: dict[str, str] = {
    "already_checked_in": QT_TRANSLATE_NOOP("Messages", "ALREADY VOTED at {time}"),
    "voting_elsewhere": QT_TRANSLATE_NOOP("Messages", "VOTES ELSEWHERE"),
    "not_on_list": QT_TRANSLATE_NOOP("Messages", "NOT ON THIS LIST"),
    "other_station": QT_TRANSLATE_NOOP("Messages", "CARD OF STATION {station}"),
    "polls_not_open": QT_TRANSLATE_NOOP("Messages", "Polls are not open yet"),
    "polls_closed": QT_TRANSLATE_NOOP("Messages", "Polls are closed"),
    "past_closing_time": QT_TRANSLATE_NOOP("Messages", "PAST 21:00: CLOSE THE POLLS"),
    "not_saved": QT_TRANSLATE_NOOP("Messages", "NOT SAVED"),
    "waiting_for_the_ward": QT_TRANSLATE_NOOP("Messages", "WAITING FOR THE WARD"),
    "unreadable_scan": QT_TRANSLATE_NOOP("Messages", "CODE NOT READ"),
}

_REFUSAL_SENTENCES: dict[str, str] = {
    "already_checked_in": QT_TRANSLATE_NOOP("Messages", "This voter was checked in at {time}. Nothing was changed."),
    "voting_elsewhere": QT_TRANSLATE_NOOP(
        "Messages",
        "This voter took a certificate to vote at another polling station.",
    ),
    "not_on_list": QT_TRANSLATE_NOOP(
        "Messages",
        "No voter of this station matches. Check the spelling or the card; the voter may belong to another station.",
    ),
    "other_station": QT_TRANSLATE_NOOP(
        "Messages", "This voter card belongs to polling station {station}. Send the voter there."
    ),
    "polls_not_open": QT_TRANSLATE_NOOP(
        "Messages", "Open the polls first (Polls menu), or start test mode for a practice run."
    ),
    "polls_closed": QT_TRANSLATE_NOOP("Messages", "Voting has ended at this station. Nothing was changed."),
    "past_closing_time": QT_TRANSLATE_NOOP(
        "Messages",
        "The polls may stay open until 21:00 at the latest, and this laptop's clock shows {clock}. "
        "The team leader closes them now (Polls menu); if the clock is wrong, set it right first. "
        "Nothing was changed.",
    ),
    "too_early_to_open": QT_TRANSLATE_NOOP(
        "Messages",
        "The polls may open at 05:00 at the earliest, and this laptop's clock shows {clock}. "
        "If the clock is wrong, set it right first.",
    ),
    "too_late_to_open": QT_TRANSLATE_NOOP(
        "Messages",
        "The polls must be closed by 21:00, and this laptop's clock shows {clock}. "
        "If the clock is wrong, set it right first.",
    ),
    "not_saved": QT_TRANSLATE_NOOP(
        "Messages",
        "The disk has a problem and the check-in was not saved. Call the team leader.",
    ),
    "not_checked_in": QT_TRANSLATE_NOOP("Messages", "This voter has not been checked in."),
    "not_marked_elsewhere": QT_TRANSLATE_NOOP("Messages", "This voter is not marked as voting elsewhere."),
    "several_voters": QT_TRANSLATE_NOOP(
        "Messages", "Several voters of this list match (the list gives them one ID number): choose the right one."
    ),
    "check_in_already_undone": QT_TRANSLATE_NOOP(
        "Messages", "The check-in at {time} was already undone (perhaps at another table). Nothing was changed."
    ),
    "check_in_not_found": QT_TRANSLATE_NOOP("Messages", "This voter has no such check-in. Nothing was changed."),
    "reason_required": QT_TRANSLATE_NOOP("Messages", "Write down the reason."),
    "early_close_needs_decision": QT_TRANSLATE_NOOP(
        "Messages", "It is before 19:00: closing now must be recorded as a decision of the team."
    ),
    "already_open": QT_TRANSLATE_NOOP("Messages", "The polls are already open (or in test mode)."),
    "no_list": QT_TRANSLATE_NOOP("Messages", "Import the voter list before opening the polls."),
    "name_required": QT_TRANSLATE_NOOP("Messages", "Write the voter's full name."),
    "certificate_required": QT_TRANSLATE_NOOP("Messages", "Write the number of the certificate to vote elsewhere."),
    "not_in_test_mode": QT_TRANSLATE_NOOP("Messages", "The station is not in test mode."),
    "waiting_for_the_ward": QT_TRANSLATE_NOOP(
        "Messages",
        "This laptop has not yet received from the ward what was recorded at the station's other tables "
        "(or on this laptop before its data was restored), so a voter who voted could show as not voted. "
        "Connect to the ward's network and sync (Sync → Sync now). If the ward cannot be reached, the team "
        "leader can allow check-ins anyway: Sync → Check in without waiting for the ward. Nothing was changed.",
    ),
    "unreadable_scan": QT_TRANSLATE_NOOP(
        "Messages",
        "The scanned code could not be read: it says nothing of whether the voter is on the list. "
        "Scan it again, or type the voter's name or list number.",
    ),
    "choose_voter": QT_TRANSLATE_NOOP(
        "Messages",
        "The scan matches a voter by name and birth date only (no ID number on the list): "
        "check the voter on the screen before checking them in.",
    ),
    "restored_copy_must_reach_the_ward": QT_TRANSLATE_NOOP(
        "Messages",
        "This laptop's data was restored from a copy, and the ward may hold check-ins this laptop made "
        "after the copy: nothing can be recorded here until it has reached the ward, or it would clash with "
        "them. Connect to the ward's network and sync; meanwhile use the station's other laptop or the paper "
        "list. Nothing was changed.",
    ),
    "add_in_test_mode": QT_TRANSLATE_NOOP(
        "Messages",
        "No voter can be added in test mode: an added voter stays on the list after the test. "
        "Add voters who bring a certificate once the polls are open. Nothing was changed.",
    ),
    # PinRefused reasons
    "wrong_pin": QT_TRANSLATE_NOOP("Messages", "Wrong PIN. Ask the team leader to type it again."),
    "no_pin_set": QT_TRANSLATE_NOOP(
        "Messages", "No team-leader PIN is set yet. Set one in Settings → Team-leader PIN."
    ),
    "pin_format": QT_TRANSLATE_NOOP("Messages", "The PIN must be 4 to 8 digits."),
    "current_pin_required": QT_TRANSLATE_NOOP("Messages", "Type the current PIN to change it."),
}

_POLLS_STATES: dict[PollsState, str] = {
    PollsState.NOT_OPEN: QT_TRANSLATE_NOOP("Messages", "Polls not open"),
    PollsState.TEST: QT_TRANSLATE_NOOP("Messages", "TEST MODE"),
    PollsState.OPEN: QT_TRANSLATE_NOOP("Messages", "Polls open"),
    PollsState.CLOSED: QT_TRANSLATE_NOOP("Messages", "Polls closed"),
}

_BALLOT_NAMES = (
    QT_TRANSLATE_NOOP("Messages", "National Assembly"),
    QT_TRANSLATE_NOOP("Messages", "City council"),
    QT_TRANSLATE_NOOP("Messages", "Ward council"),
)

_GENDERS = {"Nam": QT_TRANSLATE_NOOP("Messages", "Male"), "Nữ": QT_TRANSLATE_NOOP("Messages", "Female")}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def clock_time(moment: datetime) -> str:
    """HH:MM on the polling-station clock (Asia/Ho_Chi_Minh), whatever the laptop's zone."""
    return local(moment).strftime("%H:%M")


def _detail_time(detail: dict[str, object], key: str) -> str:
    """HH:MM of a time in a refusal's detail (a datetime or ISO text), or "?"."""
    value = detail.get(key)
    if isinstance(value, datetime):
        return clock_time(value)
    if isinstance(value, str) and value:
        return clock_time(from_iso(value))
    return "?"


def _fill(text: str, detail: dict[str, object]) -> str:
    return text.format(
        time=_detail_time(detail, "checked_in_at"),
        station=_station_text(detail.get("card_station")),
        clock=_detail_time(detail, "at"),  # the laptop's clock, as an hours refusal names it
    )


def _station_text(number: object) -> str:
    return f"{number:02d}" if isinstance(number, int) else "?"


def refusal_headline(reason: str, detail: dict[str, object] | None = None) -> str:
    source = _REFUSAL_HEADLINES.get(reason)
    if source is None:
        return QCoreApplication.translate("Messages", "Not possible")
    return _fill(tr(source), detail or {})


def refusal_sentence(reason: str, detail: dict[str, object] | None = None) -> str:
    """One sentence for any refusal code; unknown codes are shown as they are, never hidden."""
    source = _REFUSAL_SENTENCES.get(reason)
    if source is None:
        return QCoreApplication.translate("Messages", "Refused by the rules of the day ({code}).").format(code=reason)
    return _fill(tr(source), detail or {})


def known_reasons() -> set[str]:
    return set(_REFUSAL_SENTENCES)


def polls_state_text(state: PollsState) -> str:
    return tr(_POLLS_STATES[state])


def ballot_names(ballots: Ballots) -> list[str]:
    due = (ballots.national, ballots.city, ballots.ward)
    return [tr(name) for name, given in zip(_BALLOT_NAMES, due, strict=True) if given]


def ballots_text(ballots: Ballots) -> str:
    """The ballot papers due, by name, e.g. "Quốc hội · HĐND thành phố · HĐND phường"."""
    return " · ".join(ballot_names(ballots)) or QCoreApplication.translate("Messages", "none")


def gender_text(gender: str) -> str:
    source = _GENDERS.get(gender)
    return tr(source) if source else gender


def voter_status_text(voter: Voter) -> str:
    """What the 'voted' column says about a voter."""
    if voter.checked_in_at is not None:
        mark = "✓ " + clock_time(voter.checked_in_at)
        return mark + (" " + QCoreApplication.translate("Messages", "(mobile box)") if voter.mobile_box else "")
    if voter.status is VoterStatus.ELSEWHERE:
        return QCoreApplication.translate("Messages", "Votes elsewhere")
    if voter.status is VoterStatus.REMOVED:
        return QCoreApplication.translate("Messages", "Removed")
    return ""


def voter_line(voter: Voter) -> str:
    """Number, name and birth on one line: enough to tell namesakes apart at a glance."""
    birth = voter.birth or QCoreApplication.translate("Messages", "birth unknown")
    return QCoreApplication.translate("Messages", "No. {no} · {name} · {birth}").format(
        no=voter.list_no, name=voter.name, birth=birth
    )


# How the list reader names a column without a header: by its letter, as Excel does ("column N").
_UNNAMED_COLUMN = re.compile(r"column ([A-Z]{1,3})")


def list_problem_text(problem: ListProblem) -> str:
    """Where a list file is wrong, as Excel shows it (file, row, column), then what is wrong.

    The "what" is the reader's English template (marked in the "ListProblem" context),
    translated, then filled with its values.
    """
    where = [Path(problem.file).name]
    if problem.row is not None:
        where.append(QCoreApplication.translate("Messages", "row {row}").format(row=problem.row))
    if problem.column and (unnamed := _UNNAMED_COLUMN.fullmatch(problem.column)):
        where.append(QCoreApplication.translate("Messages", "column {letter}").format(letter=unnamed[1]))
    elif problem.column:
        where.append(QCoreApplication.translate("Messages", "column “{column}”").format(column=problem.column))
    return ", ".join(where) + ": " + list_problem_what(problem)


def list_problem_what(problem: ListProblem) -> str:
    """What is wrong, in the interface language; the English sentence if a translation is broken."""
    translated = QCoreApplication.translate("ListProblem", problem.template)
    try:
        return translated.format(**problem.params)
    except (KeyError, IndexError, ValueError):  # a placeholder mistyped in the .ts: say it in English
        log.error("translation of a list problem does not fit its values: %r", problem.template)
        return problem.message


def number(value: int) -> str:
    return QLocale().toString(value)


def percent(value: float) -> str:
    return QLocale().toString(value, "f", 1) + "%"
