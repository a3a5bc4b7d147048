"""The rules of the polling day, as pure functions (no database, no clock of their own)."""

from __future__ import annotations

from datetime import date, datetime, time

from clerk_app.clock import local
from clerk_app.errors import CheckInRefused
from clerk_app.model import PollsState, Voter, VoterStatus

# The day the under-18 check of an imported list is made against, unless told otherwise.
ELECTION_DAY = date(2026, 3, 15)
CLOSING_TIME = time(19, 0)  # voting runs 07:00-19:00; closing earlier is a recorded decision
# The team may open earlier than 07:00 and close later than 19:00, within these (the election law).
EARLIEST_OPENING = time(5, 0)
LATEST_CLOSING = time(21, 0)


def check_in_refusal(
    voter: Voter | None, list_no: int, polls: PollsState, *, at: datetime | None = None
) -> CheckInRefused | None:
    """Why this voter cannot be checked in at ``at`` (None: whatever the hour), or None when they can."""
    refusal = polls_refusal(polls, at, list_no)
    if refusal is not None:
        return refusal
    if voter is None or voter.status is VoterStatus.REMOVED:
        return CheckInRefused("not_on_list", list_no)
    if voter.status is VoterStatus.ELSEWHERE:
        return CheckInRefused("voting_elsewhere", list_no, certificate=voter.certificate or None)
    if voter.checked_in_at is not None:
        return CheckInRefused(
            "already_checked_in", list_no, checked_in_at=voter.checked_in_at.isoformat(), mobile_box=voter.mobile_box
        )
    return None


def polls_refusal(polls: PollsState, at: datetime | None, list_no: int | None = None) -> CheckInRefused | None:
    """Whether the polls take check-ins at ``at``: open, and within polling hours (test mode takes
    practice ones at any hour)."""
    if polls is PollsState.CLOSED:
        return CheckInRefused("polls_closed", list_no)
    if polls is PollsState.NOT_OPEN:
        return CheckInRefused("polls_not_open", list_no)
    return None if at is None else _past_closing_refusal(polls, at, list_no)


def add_voter_refusal(polls: PollsState, at: datetime) -> CheckInRefused | None:
    """Adding a voter who brings a certificate: while the polls are open, never in test mode (the
    voter and the list number are real and stay after the test: the opening wipes check-ins only)."""
    if polls is PollsState.TEST:
        return CheckInRefused("add_in_test_mode")
    return polls_refusal(polls, at)


def undo_refusal(voter: Voter | None, list_no: int, polls: PollsState, reason: str) -> CheckInRefused | None:
    if polls is PollsState.CLOSED:
        return CheckInRefused("polls_closed", list_no)
    if voter is None:
        return CheckInRefused("not_on_list", list_no)
    if voter.checked_in_at is None:
        return CheckInRefused("not_checked_in", list_no)
    if not reason.strip():
        return CheckInRefused("reason_required", list_no)
    return None


def mark_elsewhere_refusal(voter: Voter | None, list_no: int, polls: PollsState, at: datetime) -> CheckInRefused | None:
    """Before the polls open too (a certificate taken the day before); not once they are closed, nor
    while they are open past 21:00."""
    refusal = _mark_change_refusal(voter, list_no, polls, at)
    if refusal is not None:
        return refusal
    assert voter is not None
    if voter.status is VoterStatus.ELSEWHERE:
        return CheckInRefused("voting_elsewhere", list_no)
    if voter.checked_in_at is not None:
        return CheckInRefused("already_checked_in", list_no, checked_in_at=voter.checked_in_at.isoformat())
    return None


def unmark_refusal(
    voter: Voter | None, list_no: int, polls: PollsState, at: datetime, reason: str
) -> CheckInRefused | None:
    """Taking back a "voting elsewhere" mark made in error (the wrong row, a certificate not taken)."""
    refusal = _mark_change_refusal(voter, list_no, polls, at)
    if refusal is not None:
        return refusal
    assert voter is not None
    if voter.status is not VoterStatus.ELSEWHERE:
        return CheckInRefused("not_marked_elsewhere", list_no)
    if not reason.strip():
        return CheckInRefused("reason_required", list_no)
    return None


def _mark_change_refusal(voter: Voter | None, list_no: int, polls: PollsState, at: datetime) -> CheckInRefused | None:
    """What refuses both marking a voter as voting elsewhere and taking the mark back."""
    if polls is PollsState.CLOSED:
        return CheckInRefused("polls_closed", list_no)
    refusal = _past_closing_refusal(polls, at, list_no)
    if refusal is None and (voter is None or voter.status is VoterStatus.REMOVED):
        return CheckInRefused("not_on_list", list_no)
    return refusal


def close_refusal(polls: PollsState, at: datetime, *, early: bool, reason: str) -> CheckInRefused | None:
    """Closing is never refused once the polls are open; before 19:00 it is a decision of the team,
    recorded with its reason (``early``)."""
    if polls is not PollsState.OPEN:
        return CheckInRefused("polls_not_open")
    if is_early_close(at) and not early:
        return CheckInRefused("early_close_needs_decision")
    if early and is_early_close(at) and not reason.strip():
        return CheckInRefused("reason_required")
    return None


def is_early_close(at: datetime) -> bool:
    """Whether closing at ``at`` is before 19:00 of a polling day (05:00-19:00); from 19:00 until
    05:00 it is not (late at night, the polls should have closed already)."""
    return EARLIEST_OPENING <= local(at).time() < CLOSING_TIME


def open_refusal(polls: PollsState, voters_on_list: int, at: datetime) -> CheckInRefused | None:
    """Why the polls cannot open at ``at``: not before 05:00, and not from 21:00, when they must be
    closed. The laptop's clock decides, so the refusal says what it shows (a wrong clock is then
    seen, and set right, before any check-in carries it)."""
    if polls is PollsState.OPEN:
        return CheckInRefused("already_open")
    if polls is PollsState.CLOSED:
        return CheckInRefused("polls_closed")
    if voters_on_list == 0:
        return CheckInRefused("no_list")
    shown = local(at)
    if shown.time() < EARLIEST_OPENING:
        return CheckInRefused("too_early_to_open", at=shown.isoformat())
    if shown.time() >= LATEST_CLOSING:
        return CheckInRefused("too_late_to_open", at=shown.isoformat())
    return None


def past_closing(polls: PollsState, at: datetime) -> bool:
    """Whether the polls are open at ``at`` outside polling hours, when they must be closed: check-ins,
    voters added and marks are refused until the team closes them."""
    return polls is PollsState.OPEN and not within_polling_hours(at)


def _past_closing_refusal(polls: PollsState, at: datetime, list_no: int | None) -> CheckInRefused | None:
    return CheckInRefused("past_closing_time", list_no, at=local(at).isoformat()) if past_closing(polls, at) else None


def within_polling_hours(at: datetime) -> bool:
    """05:00-21:00 on this laptop's clock, the most the law allows the polls to be open.

    Only the time of day counts, not the date the polls opened on: a station's polls may have been
    opened on another table, whose clock may show another date, and that must not stop this one
    (nor let it run on)."""
    return EARLIEST_OPENING <= local(at).time() < LATEST_CLOSING


def turnout_percent(checked_in: int, voters: int) -> float:
    return round(100.0 * checked_in / voters, 2) if voters else 0.0
