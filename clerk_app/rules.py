"""The rules of the polling day, as pure functions (no database, no clock of their own)."""

from __future__ import annotations

from datetime import date, datetime, time

from clerk_app.clock import VN_TZ, local
from clerk_app.errors import CheckInRefused
from clerk_app.model import PollsState, Voter, VoterStatus

# The day the under-18 check of an imported list is made against, unless told otherwise.
ELECTION_DAY = date(2026, 3, 15)
CLOSING_TIME = time(19, 0)  # voting runs 07:00-19:00; closing earlier is a recorded decision
# The team may open earlier than 07:00 and close later than 19:00, within these (the election law).
EARLIEST_OPENING = time(5, 0)
LATEST_CLOSING = time(21, 0)


def check_in_refusal(
    voter: Voter | None, list_no: int, polls: PollsState, *, past_closing: bool = False
) -> CheckInRefused | None:
    """Why this voter cannot be checked in now, or None when they can. ``past_closing``: the open
    polls have passed the latest closing time of their day (``past_closing``)."""
    refusal = _polls_refusal(list_no, polls, past_closing=past_closing)
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


def _polls_refusal(list_no: int, polls: PollsState, *, past_closing: bool) -> CheckInRefused | None:
    """Whether the polls take check-ins at all (test mode takes practice ones at any hour)."""
    if polls is PollsState.CLOSED:
        return CheckInRefused("polls_closed", list_no)
    if polls is PollsState.NOT_OPEN:
        return CheckInRefused("polls_not_open", list_no)
    if past_closing and polls is PollsState.OPEN:
        return CheckInRefused("past_closing_time", list_no)
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


def closing_deadline(opened_at: datetime) -> datetime:
    """The latest the polls opened at ``opened_at`` may stay open: 21:00 of that day."""
    return datetime.combine(local(opened_at).date(), LATEST_CLOSING, VN_TZ)


def past_closing(opened_at: datetime, at: datetime) -> bool:
    return at >= closing_deadline(opened_at)


def turnout_percent(checked_in: int, voters: int) -> float:
    return round(100.0 * checked_in / voters, 2) if voters else 0.0
