"""The ``clerk-app`` command: the app itself, and the subcommands ward IT staff script against.

Exit codes: 0 done; 2 bad input (the file or the arguments; nothing changed); 3 refused by the
rules of the day (nothing changed); 4 the ward server can't be reached; 1 the environment
(disk full, read-only, newer database) with a message on stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, cast

from clerk_app import __version__
from clerk_app.birth import parse_birth
from clerk_app.clock import CLOCK_VARIABLE, ClockSettingError, ShiftedClock, station_clock, to_iso
from clerk_app.errors import (
    CheckInRefused,
    ClerkAppError,
    ListFileRefused,
    NewerDatabaseError,
    PinRefused,
    StationMismatch,
    StorageEnvironmentError,
)
from clerk_app.logs import setup_logging
from clerk_app.paths import resolve_data_dir
from clerk_app.reports.command import add_report_parser
from clerk_app.rules import ELECTION_DAY
from clerk_app.station import Station
from clerk_app.storage.db import schema_upgrade

EXIT_OK, EXIT_ENVIRONMENT, EXIT_BAD_INPUT, EXIT_REFUSED, EXIT_UNREACHABLE = 0, 1, 2, 3, 4

log = logging.getLogger("clerk_app.cli")

Handler = Callable[[argparse.Namespace, Station], int]


def _emit(args: argparse.Namespace, payload: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False))
    else:
        print(text)


def cmd_import_list(args: argparse.Namespace, station: Station) -> int:
    from clerk_app.storage.listfile import read_list_file

    election_day = date.fromisoformat(args.election_day) if args.election_day else ELECTION_DAY
    parsed = read_list_file(Path(args.file), election_day=election_day)
    result = station.import_list(parsed, station_no=args.station)
    warnings = [str(w) for w in result.warnings]
    payload = {
        "ok": True,
        "station": station.station_no,
        "ward": station.ward,
        "action": result.action,
        "voters": result.voters,
        "added": result.added,
        "warnings": warnings,
    }
    lines = [f"Station {station.station_no:02d}: {result.action}, {result.voters} voters, {result.added} added"]
    lines += [f"warning: {w}" for w in warnings]
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK


def cmd_search(args: argparse.Namespace, station: Station) -> int:
    found = station.search(args.query, limit=args.limit)
    results = [
        {
            "list_no": v.list_no,
            "name": v.name,
            "birth": v.birth,
            "gender": v.gender,
            "group": v.group,
            "checked_in_at": v.checked_in_at.isoformat() if v.checked_in_at else None,
        }
        for v in found.voters
    ]
    text = "\n".join(
        f"{r['list_no']:>5}  {r['name']:<30} {r['birth']:<10} {r['gender']:<3} {r['group']}"
        + (f"  [checked in {r['checked_in_at']}]" if r["checked_in_at"] else "")
        for r in results
    )
    _emit(args, {"results": results}, text or "no voter found")
    return EXIT_OK


def cmd_open_polls(args: argparse.Namespace, station: Station) -> int:
    if args.test:
        station.start_test_mode()
    else:
        station.open_polls()
    state = station.polls_state().value
    _emit(args, {"ok": True, "polls": state}, f"polls: {state}")
    return EXIT_OK


def cmd_close_polls(args: argparse.Namespace, station: Station) -> int:
    station.close_polls(early=args.early, reason=args.reason or "")
    _emit(args, {"ok": True, "polls": station.polls_state().value}, "polls: closed")
    return EXIT_OK


def cmd_check_in(args: argparse.Namespace, station: Station) -> int:
    if args.scan is not None:
        receipt = station.check_in_scan(args.scan, mobile_box=args.mobile_box)
    else:
        receipt = station.check_in(args.list_no, mobile_box=args.mobile_box)
    payload = {
        "ok": True,
        "list_no": receipt.list_no,
        "at": receipt.at.isoformat(),
        "mobile_box": receipt.mobile_box,
        "test": receipt.test,
        "ballots": {
            "national": receipt.ballots.national,
            "city": receipt.ballots.city,
            "ward": receipt.ballots.ward,
        },
    }
    _emit(args, payload, f"checked in: {receipt.list_no} at {receipt.at:%H:%M:%S}")
    return EXIT_OK


def cmd_set_pin(args: argparse.Namespace, station: Station) -> int:
    station.set_pin(args.pin, current_pin=args.current_pin)
    _emit(args, {"ok": True}, "team leader PIN set")
    return EXIT_OK


def cmd_undo(args: argparse.Namespace, station: Station) -> int:
    """Undo a voter's check-in; with the voter checked in at two tables (a conflict) the team
    leader says which with --check-in, as the window's chooser asks: never a silent pick."""
    if args.check_in is None:
        live = station.live_check_ins(args.list_no)
        if len(live) > 1:
            station.verify_pin(args.pin)  # the same order of refusals as an undo
            raise CheckInRefused(
                "choose_check_in",
                args.list_no,
                check_ins=[{"device_id": r.device_id, "seq": r.seq, "at": r.at, "clerk": r.clerk} for r in live],
            )
    device_id, seq = station.undo_check_in(args.list_no, reason=args.reason, pin=args.pin, check_in=args.check_in)
    payload = {"ok": True, "list_no": args.list_no, "undone": {"device_id": device_id, "seq": seq}}
    _emit(args, payload, f"check-in undone: {args.list_no} ({device_id}:{seq})")
    return EXIT_OK


def _check_in_ref(text: str) -> tuple[str, int]:
    """--check-in DEVICE:SEQ, as `clerk-app undo` lists them when it asks to choose."""
    device_id, _, seq = text.rpartition(":")
    if not device_id or not seq.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not DEVICE:SEQ (for example table-2:41)")
    return device_id, int(seq)


def cmd_status(args: argparse.Namespace, station: Station) -> int:
    status = station.status()
    text = (
        f"station {status.station}, polls {status.polls.value}: {status.checked_in}/{status.voters} "
        f"({status.turnout}%), {status.unsent_events} events unsent"
    )
    if status.past_closing_time:
        text += "; past 21:00 on this laptop's clock: close the polls (clerk-app close-polls)"
    _emit(args, status.as_json(), text)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, station: Station) -> int:
    from clerk_app.clock import now
    from clerk_app.storage.backup import backup_database, default_backup_name

    out = Path(args.out)
    if out.is_dir():
        out = out / default_backup_name(station.station_no, now())
    if out.exists() and not args.force:
        print(f"clerk-app: {out} exists; choose another name or add --force", file=sys.stderr)
        return EXIT_BAD_INPUT
    done = backup_database(station.db.conn, out.resolve(), mark_as_copy=True)
    size = done.stat().st_size
    _emit(args, {"ok": True, "path": str(done), "bytes": size}, f"station database copied to {done} ({size} bytes)")
    return EXIT_OK


def cmd_add_voter(args: argparse.Namespace, station: Station) -> int:
    birth, birth_year = args.birth
    voter = station.add_voter(
        args.name,
        certificate=args.certificate,
        birth=birth,
        birth_year=birth_year,
        gender=args.gender or "",
        group=args.group or "",
    )
    _emit(args, {"ok": True, "list_no": voter.list_no}, f"added as list number {voter.list_no}")
    return EXIT_OK


def cmd_mark_elsewhere(args: argparse.Namespace, station: Station) -> int:
    station.mark_voting_elsewhere(args.list_no, certificate=args.certificate or "")
    _emit(args, {"ok": True, "list_no": args.list_no}, f"{args.list_no} marked as voting elsewhere")
    return EXIT_OK


def cmd_unmark_elsewhere(args: argparse.Namespace, station: Station) -> int:
    station.undo_voting_elsewhere(args.list_no, reason=args.reason, pin=args.pin)
    _emit(args, {"ok": True, "list_no": args.list_no}, f"{args.list_no} is no longer marked as voting elsewhere")
    return EXIT_OK


def _sync_failure(args: argparse.Namespace, station: Station, exc: ClerkAppError) -> int:
    """Words and an exit code for a sync error; the events stay in the outbox whatever happened."""
    from clerk_app.sync import errors

    unsent = station.status().unsent_events
    # The errors' own messages say what happened; the lead adds what the message lacks.
    table: list[tuple[type[ClerkAppError], str, int, str]] = [
        (errors.Unreachable, "unreachable", EXIT_UNREACHABLE, ""),
        (errors.Rejected, "rejected", EXIT_REFUSED, ""),
        (errors.BadEnrolment, "bad_input", EXIT_BAD_INPUT, "cannot enrol: "),
        (errors.NotEnrolled, "not_enrolled", EXIT_BAD_INPUT, ""),
        (errors.SyncError, "credential_store", EXIT_ENVIRONMENT, ""),
    ]
    reason, code, lead = next((r, c, t) for kind, r, c, t in table if isinstance(exc, kind))
    detail = {"status": exc.status} if isinstance(exc, errors.Rejected) else {}
    payload = {"ok": False, "reason": reason, "message": str(exc), "unsent_events": unsent, **detail}
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False))
    waiting = f" Nothing was lost: {unsent} events wait to be sent." if code in (EXIT_UNREACHABLE, EXIT_REFUSED) else ""
    print(f"clerk-app: {lead}{exc}.{waiting}", file=sys.stderr)
    return code


def cmd_enroll(args: argparse.Namespace, station: Station) -> int:
    from clerk_app.sync.credentials import default_store
    from clerk_app.sync.enrol import enrol
    from clerk_app.sync.errors import SyncError

    ca_bundle = Path(args.ca_bundle) if args.ca_bundle else None
    try:
        done = enrol(station, args.url, args.code, store=default_store(), station_no=args.station, ca_bundle=ca_bundle)
    except SyncError as exc:
        return _sync_failure(args, station, exc)
    payload = {
        "ok": done.restore_problem is None,
        "station": done.station,
        "device_id": done.device_id,
        "restored_events": done.restored,
        "has_list": done.has_list,
        "restore_problem": done.restore_problem,
        "clock_offset_s": round(done.clock_offset_s, 3),
    }
    lines = [f"enrolled: station {done.station:02d}, this device is {done.device_id}; the secret is in the keyring"]
    lines.append(f"restored {done.restored} events of the station's other devices")
    if not done.has_list:
        lines.append(
            "this data folder has no voter list yet: import the station's list file (clerk-app import-list FILE) "
            "before checking anyone in; the restored check-ins apply to it then"
        )
    if abs(done.clock_offset_s) > 120:
        lines.append(f"warning: this computer's clock differs from the ward server's by {done.clock_offset_s:+.0f} s")
    if done.restore_problem is not None:
        lines.append(f"the restore did not finish ({done.restore_problem}): run clerk-app sync --once before check-in")
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK if done.restore_problem is None else EXIT_UNREACHABLE


def cmd_sync(args: argparse.Namespace, station: Station) -> int:
    from clerk_app.clock import now
    from clerk_app.settings import Settings
    from clerk_app.sync import engine
    from clerk_app.sync.client import DEFAULT_TIMEOUT
    from clerk_app.sync.credentials import default_store
    from clerk_app.sync.errors import SyncError
    from clerk_app.sync.reports import schedule_from_settings

    if not args.once:
        print("clerk-app: sync runs once (--once); the app's sync worker runs all day", file=sys.stderr)
        return EXIT_BAD_INPUT
    schedule = schedule_from_settings(Settings(station.data_dir))
    try:
        client, ward = engine.open_client(station, default_store(), DEFAULT_TIMEOUT)
        with client:
            done = engine.sync_once(station, client, ward, now)
            # The turnout reports that are due, once the ward has said what it holds of this device
            # (a file restored from a copy must not write under seqs the ward holds), then sent too.
            reported = station.record_due_reports(schedule)
            if reported:
                done = dataclasses.replace(done, push=engine.push(station, client, ward, now))
    except SyncError as exc:
        station.record_due_reports(schedule)  # the ward out of reach: recorded as usual, sent next time
        return _sync_failure(args, station, exc)
    push, status = done.push, station.status()
    payload = {
        "ok": push.unsent == 0,
        "sent": push.sent,
        "acked_seq": push.acked_seq,
        "unsent_events": push.unsent,
        "pulled": done.pull.stored,
        "refused": [{"seq": r.seq, "reason": r.reason} for r in push.refused],
        "ward_conflicts": [c.list_no for c in push.conflicts],
        "conflicts": [c.list_no for c in station.conflicts()],
        "last_sync_at": status.last_sync_at.isoformat() if status.last_sync_at else None,
        "reports_recorded": reported,
    }
    text = f"sent {push.sent}, acknowledged up to {push.acked_seq}, {push.unsent} unsent; pulled {done.pull.stored}"
    if reported:
        text += f"; turnout reports recorded: {', '.join(reported)}"
    _emit(args, payload, text)
    if push.unsent:
        print("clerk-app: the ward server does not acknowledge some events (see its incidents)", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK


def cmd_make_demo(args: argparse.Namespace, station: Station) -> int:
    from clerk_app.demo import populate_demo

    populate_demo(station)
    return cmd_status(args, station)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="the station's data folder")
    json_flag = argparse.ArgumentParser(add_help=False)
    json_flag.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    parser = argparse.ArgumentParser(prog="clerk-app", description="Voter check-in for a polling station")
    parser.add_argument("--version", action="version", version=f"clerk-app {__version__}")
    parser.add_argument("--data-dir", default=None, help="the station's data folder")
    _add_window_options(parser)
    sub = parser.add_subparsers(dest="command")

    def add(name: str, handler: Handler, help_text: str, *, with_json: bool = True) -> argparse.ArgumentParser:
        parents = [common, json_flag] if with_json else [common]
        p = sub.add_parser(name, parents=parents, help=help_text)
        p.set_defaults(handler=handler)
        return p

    p = add("import-list", cmd_import_list, "import a voter list (CSV or XLSX)")
    p.add_argument("file")
    p.add_argument("--station", type=int, help="station number, overriding the file's title line")
    p.add_argument("--election-day", help="YYYY-MM-DD, for the under-18 check (default 2026-03-15)")

    p = add("search", cmd_search, "find voters as the search box does")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)

    p = add("open-polls", cmd_open_polls, "open the polls (or --test: the pre-election check)")
    p.add_argument("--test", action="store_true", help="start test mode; its check-ins are wiped at opening")

    p = add("close-polls", cmd_close_polls, "close the polls")
    p.add_argument("--early", action="store_true", help="close before 19:00, a decision of the team")
    p.add_argument("--reason", help="why the polls close early (e.g. every voter has voted)")

    p = add("check-in", cmd_check_in, "check a voter in")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--list-no", type=int)
    who.add_argument("--scan", help="what the scanner read: a voter card code or a citizen-ID QR")
    p.add_argument("--mobile-box", action="store_true", help="checked in at the mobile ballot box")

    p = add("set-pin", cmd_set_pin, "set the team leader's PIN (4-8 digits)")
    p.add_argument("--pin", required=True)
    p.add_argument("--current-pin", help="needed to change a PIN already set")

    p = add("undo", cmd_undo, "undo a check-in (team leader)")
    p.add_argument("--list-no", type=int, required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--pin", required=True)
    p.add_argument(
        "--check-in",
        type=_check_in_ref,
        metavar="DEVICE:SEQ",
        help="which check-in, when the voter was checked in at two tables (refused otherwise, listing them)",
    )

    add("status", cmd_status, "the station's figures")
    _add_backup_command(add)

    _add_list_change_commands(add)
    _add_sync_commands(add)
    add_report_parser(sub)
    add("make-demo", cmd_make_demo, "fill an empty data folder with the demo station, without opening the app")
    return parser


def _add_list_change_commands(add: Callable[[str, Handler, str], argparse.ArgumentParser]) -> None:
    """Changes to the list on the day: a voter with a certificate, a voter who votes elsewhere."""
    p = add("add-voter", cmd_add_voter, "add a voter who brings a certificate from elsewhere")
    p.add_argument("--name", required=True)
    p.add_argument("--certificate", required=True, help="the certificate's number or VNeID reference")
    p.add_argument("--birth", type=_birth_argument, default=("", None), help="dd/mm/yyyy or yyyy")
    p.add_argument("--gender", choices=["Nam", "Nữ"])
    p.add_argument("--group")

    p = add("mark-elsewhere", cmd_mark_elsewhere, "mark a voter as voting elsewhere (took a certificate)")
    p.add_argument("--list-no", type=int, required=True)
    p.add_argument("--certificate")
    p = add("unmark-elsewhere", cmd_unmark_elsewhere, "take back a 'voting elsewhere' mark made in error (team leader)")
    p.add_argument("--list-no", type=int, required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--pin", required=True)


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true", help="fill an empty data folder with a demo station first")
    parser.add_argument(
        "--smoke-test", action="store_true", help="open the window, print one JSON line once it is shown, and quit"
    )


def _add_backup_command(add: Callable[[str, Handler, str], argparse.ArgumentParser]) -> None:
    p = add("backup", cmd_backup, "copy the station database (safe while the app runs) to a file or folder")
    p.add_argument("--out", required=True, help="the copy's file name, or a folder to put a dated copy in")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")


def _add_sync_commands(add: Callable[[str, Handler, str], argparse.ArgumentParser]) -> None:
    p = add("enroll", cmd_enroll, "enrol this device with the ward server; the secret goes to the keyring")
    p.add_argument("url", help="the ward server, e.g. https://ward.local:8400")
    p.add_argument("code", help="the one-time enrolment code printed by ward-server add-station")
    p.add_argument("--station", type=int, help="station number, when this data folder has no list yet")
    p.add_argument("--ca-bundle", help="the ward's CA certificate (PEM), when it uses its own CA")

    p = add("sync", cmd_sync, "send unsent events to the ward server and fetch the station's other devices'")
    p.add_argument("--once", action="store_true", help="one pass: exit 0 when all are acknowledged, 4 if unreachable")


def _birth_argument(text: str) -> tuple[str, int | None]:
    birth = parse_birth(text)
    if birth is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a birth date as dd/mm/yyyy or a year as yyyy")
    return birth


def _refusal_json(exc: ClerkAppError) -> dict[str, Any]:
    if isinstance(exc, CheckInRefused):
        return exc.as_json()
    if isinstance(exc, PinRefused):
        return {"ok": False, "reason": exc.reason}
    if isinstance(exc, ListFileRefused):
        return {
            "ok": False,
            "reason": "file_refused",
            "errors": [{"file": e.file, "row": e.row, "column": e.column, "message": e.message} for e in exc.errors],
        }
    return {"ok": False, "reason": type(exc).__name__, "message": str(exc)}


def _refusal_text(exc: CheckInRefused | PinRefused) -> str:
    if isinstance(exc, CheckInRefused) and exc.reason == "choose_check_in":
        check_ins = cast(list[dict[str, Any]], exc.detail["check_ins"])
        listed = [f"{c['device_id']}:{c['seq']} at {c['at']} ({c['clerk'] or '?'})" for c in check_ins]
        return (
            f"voter {exc.list_no} was checked in at more than one table: {', '.join(listed)};"
            " nothing was undone. Say which to undo with --check-in DEVICE:SEQ"
        )
    if isinstance(exc, CheckInRefused) and exc.reason in _HOURS_TEXTS:
        shown = str(exc.detail.get("at", ""))[:16].replace("T", " ")
        return f"{exc.reason}: {_HOURS_TEXTS[exc.reason]}; this laptop's clock shows {shown or '?'}"
    return str(exc)


_HOURS_TEXTS = {
    "too_early_to_open": "the polls open at 05:00 at the earliest (if the clock is wrong, set it right first)",
    "too_late_to_open": "the polls must be closed by 21:00 (if the clock is wrong, set it right first)",
    "past_closing_time": "the polls may stay open until 21:00 at the latest: close them (clerk-app close-polls);"
    " nothing was changed",
}


def _run_subcommand(args: argparse.Namespace, data_dir: Path) -> int:
    setup_logging(data_dir)
    _log_clock_setting()
    try:
        station = Station.open(data_dir)
    except (StorageEnvironmentError, NewerDatabaseError) as exc:
        print(f"clerk-app: {exc}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    upgrade = schema_upgrade(station.db)
    if upgrade is not None:
        print(f"clerk-app: {upgrade.describe()}", file=sys.stderr)
    try:
        handler: Handler = args.handler
        return handler(args, station)
    except (CheckInRefused, PinRefused) as exc:
        _report(args, exc, f"refused: {_refusal_text(exc)}")
        return EXIT_REFUSED
    except ListFileRefused as exc:
        _report(args, exc, f"the file was not imported; nothing changed:\n{exc}")
        return EXIT_BAD_INPUT
    except StationMismatch as exc:
        _report(args, exc, str(exc))
        return EXIT_BAD_INPUT
    except StorageEnvironmentError as exc:
        _report(args, exc, f"the disk has a problem; nothing was changed: {exc}")
        return EXIT_ENVIRONMENT
    finally:
        station.close()


def _report(args: argparse.Namespace, exc: ClerkAppError, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(_refusal_json(exc), ensure_ascii=False))
    print(f"clerk-app: {text}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    subcommand = getattr(args, "handler", None) is not None
    if subcommand or args.smoke_test or args.demo:
        # A bad CLERK_APP_CLOCK is said once, before anything is opened. Opening the window alone,
        # the window says it itself, in a box as well (clerk_app.ui.app.run).
        try:
            station_clock()
        except ClockSettingError as exc:
            print(f"clerk-app: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if subcommand:
        return _run_subcommand(args, data_dir)
    return _open_app(data_dir, demo=args.demo, smoke_test=args.smoke_test)


def _log_clock_setting() -> None:
    try:
        polling = station_clock()
    except ClockSettingError:
        return  # the window says so, and does not start (clerk_app.ui.app.run)
    if isinstance(polling, ShiftedClock):  # a rehearsal: its times reach the ward as they are
        log.warning("polling clock set by %s: it started at %s", CLOCK_VARIABLE, to_iso(polling.start))


def _open_app(data_dir: Path, *, demo: bool, smoke_test: bool = False) -> int:
    setup_logging(data_dir)
    _log_clock_setting()
    polling_clock = None  # the station's own (clock.station_clock())
    if demo:
        from clerk_app.demo import demo_clock, populate_demo

        station = Station.open(data_dir)
        try:
            populate_demo(station)
            polling_clock = demo_clock(station)
        finally:
            station.close()
    if smoke_test:
        from clerk_app.ui.smoke import run_smoke_test

        return run_smoke_test(data_dir, clock=polling_clock)
    from clerk_app.ui.app import run  # Qt is loaded only when a window is wanted

    return run(data_dir, argv=sys.argv[:1], clock=polling_clock)
