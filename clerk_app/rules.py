"""The rules of the polling day, as pure functions (no database, no clock of their own)."""

from __future__ import annotations

from datetime import date, datetime, time

from clerk_app.clock import local
from clerk_app.errors import CheckInRefused
from clerk_app.model import PollsState, Voter, VoterStatus

# The day the under-18 check of an imported list is made against, unless told otherwise.
ELECTION_DAY = date(2026, 3, 15)
CLOSING_TIME = time(19, 0)  # voting runs 07:00-19:00; closing earlier is a recorded decision


def check_in_refusal(voter: Voter | None, list_no: int, polls: PollsState) -> CheckInRefused | None:
    """Why this voter cannot be checked in now, or None when they can."""
    if polls is PollsState.CLOSED:
        return CheckInRefused("polls_closed", list_no)
    if polls is PollsState.NOT_OPEN:
        return CheckInRefused("polls_not_open", list_no)
    if voter is None or voter.status is VoterStatus.REMOVED:
        return CheckInRefused("not_on_list", list_no)
    if voter.status is VoterStatus.ELSEWHERE:
        return CheckInRefused("voting_elsewhere", list_no, certificate=voter.certificate or None)
    if voter.checked_in_at is not None:
        return CheckInRefused(
            "already_checked_in", list_no, checked_in_at=voter.checked_in_at.isoformat(), mobile_box=voter.mobile_box
        )
    return None


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


def mark_elsewhere_refusal(voter: Voter | None, list_no: int, polls: PollsState) -> CheckInRefused | None:
    if polls is PollsState.CLOSED:
        return CheckInRefused("polls_closed", list_no)
    if voter is None or voter.status is VoterStatus.REMOVED:
        return CheckInRefused("not_on_list", list_no)
    if voter.status is VoterStatus.ELSEWHERE:
        return CheckInRefused("voting_elsewhere", list_no)
    if voter.checked_in_at is not None:
        return CheckInRefused("already_checked_in", list_no, checked_in_at=voter.checked_in_at.isoformat())
    return None


def close_refusal(polls: PollsState, at: datetime, *, early: bool, reason: str) -> CheckInRefused | None:
    if polls is not PollsState.OPEN:
        return CheckInRefused("polls_not_open")
    if local(at).time() < CLOSING_TIME and not early:
        return CheckInRefused("early_close_needs_decision")
    if early and local(at).time() < CLOSING_TIME and not reason.strip():
        return CheckInRefused("reason_required")
    return None


def open_refusal(polls: PollsState, voters_on_list: int) -> CheckInRefused | None:
    if polls is PollsState.OPEN:
        return CheckInRefused("already_open")
    if polls is PollsState.CLOSED:
        return CheckInRefused("polls_closed")
    if voters_on_list == 0:
        return CheckInRefused("no_list")
    return None


def turnout_percent(checked_in: int, voters: int) -> float:
    return round(100.0 * checked_in / voters, 2) if voters else 0.0
