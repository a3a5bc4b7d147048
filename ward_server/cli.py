"""The ``ward-server`` command: serve the API and the page, register stations, list them.

``ward-server [--data-dir DIR] [--host 127.0.0.1] [--port 8400] [--tls-cert F --tls-key F]``
``ward-server add-station N --name TEXT [--voters FILE | --voter-count N] [--place TEXT] [--address TEXT]
[--lat DEG --lon DEG] [--groups "Tổ 1,Tổ 2"] [--contact TEXT] [--json]``
``ward-server import-stations FILE.csv [--json]``
``ward-server stations [--json]``

Exit codes: 0 done; 2 bad input (arguments, a list file that can't be counted or is for
another station, a stations file with problems: nothing changed); 1 the environment (the data
folder, the database, the where-do-I-vote key, the TLS files or the port unusable) with one line
on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import ssl
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlite_utils import Database

from clerk_app.clock import now as vn_now
from ward_server import __version__, places, registry, where
from ward_server.db import BUSY_TIMEOUT_S, open_database
from ward_server.errors import ListCountError, NewerDatabaseError
from ward_server.paths import database_path, resolve_data_dir
from ward_server.stations_csv import COLUMNS as STATION_COLUMNS
from ward_server.stations_csv import StationsFileError, read_stations_csv
from ward_server.voters import ListCount, count_list_voters

EXIT_OK, EXIT_ENVIRONMENT, EXIT_BAD_INPUT = 0, 1, 2
_EPILOG = """examples:
  ward-server --data-dir D:\\bau-cu --host 192.168.1.10 --port 8400
  ward-server add-station 7 --name "Nhà văn hoá tổ 5" --voters kvbp-07.xlsx
  ward-server add-station 7 --name "Nhà văn hoá tổ 5" --place "Hội trường tổ 5" --address "12 Láng, Đống Đa"
      --lat 21.0245 --lon 105.8012 --groups "Tổ 5,Tổ 6" --contact "Tổ trưởng: 0912 345 678"
  ward-server import-stations khu-vuc.csv   (columns: number,name,place,address,latitude,longitude,groups,contact)
  ward-server stations --json

exit codes: 0 done; 1 the data folder, the database, the TLS files or the port is unusable; 2 bad input"""
COMMANDS = ("serve", "add-station", "import-stations", "stations")
# add-station option → place field; only the options given change what is published.
_PLACE_OPTIONS = {"place": "--place", "address": "--address", "groups": "--groups", "contact": "--contact"}
# A list number is at most 10,000,000 (ward_server.batch), so no list holds more voters; SQLite
# would also refuse a count past 2**63 with a traceback.
MAX_VOTER_COUNT = 10_000_000


class _EnvironmentFailure(Exception):
    """Something outside the arguments failed; the message says what, where, and why."""


def _port(text: str) -> int:
    """A TCP port: the socket layer would quietly take 70000 as 70000 - 65536."""
    port = _whole_number(text)
    if port is None or not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 1 to 65535, not {text!r}")
    return port


def _voter_count(text: str) -> int:
    count = _whole_number(text)
    if count is None or not 0 <= count <= MAX_VOTER_COUNT:
        raise argparse.ArgumentTypeError(f"must be a number of voters from 0 to {MAX_VOTER_COUNT}, not {text!r}")
    return count


def _whole_number(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of ward.db and logs")
    serve_options = argparse.ArgumentParser(add_help=False)
    serve_options.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve_options.add_argument("--port", type=_port, default=8400, help="TCP port, 1-65535 (default 8400)")
    serve_options.add_argument("--tls-cert", help="PEM certificate: serve HTTPS (needs --tls-key)")
    serve_options.add_argument("--tls-key", help="PEM private key of --tls-cert")

    parser = argparse.ArgumentParser(
        prog="ward-server",
        parents=[common, serve_options],
        description="The ward office server: takes the stations' event batches, shows the ward's turnout page.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ward-server {__version__}")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", parents=[common, serve_options], help="serve the API and the ward page (default)")
    add = sub.add_parser("add-station", parents=[common], help="register a station, print a one-time code")
    add.add_argument("number", type=int, help="the polling area's number (khu vực bỏ phiếu số)")
    add.add_argument("--name", required=True, help="where it is, e.g. 'Nhà văn hoá tổ 5'")
    counts = add.add_mutually_exclusive_group()
    counts.add_argument("--voters", type=Path, help="the station's voter list file: only its count is kept")
    counts.add_argument(
        "--voter-count", type=_voter_count, help="the number of voters on the list, when there is no file"
    )
    public = add.add_argument_group("published on the voters' page (an empty value clears)")
    public.add_argument("--place", help="the polling place, e.g. 'Hội trường Trường THCS Láng'")
    public.add_argument("--address", help="its street address")
    public.add_argument("--lat", help="latitude in decimal degrees, e.g. 21.0245 (with --lon)")
    public.add_argument("--lon", help="longitude in decimal degrees, e.g. 105.8012 (with --lat)")
    public.add_argument("--groups", help="residential groups served, comma-separated: 'Tổ 1,Tổ 2'")
    public.add_argument("--contact", help="the team leader's public contact, e.g. 'Ông Nguyễn Văn A, 0912 345 678'")
    add.add_argument("--json", action="store_true")
    imports = sub.add_parser(
        "import-stations", parents=[common], help="register or update stations from a CSV (all or nothing)"
    )
    imports.add_argument("file", type=Path, help="UTF-8 CSV with a header row: " + ",".join(STATION_COLUMNS))
    imports.add_argument("--json", action="store_true")
    listing = sub.add_parser("stations", parents=[common], help="list registered stations")
    listing.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    try:
        return _run(parser, args, data_dir)
    except (NewerDatabaseError, where.WhereKeyError, _EnvironmentFailure) as exc:
        print(f"ward-server: {exc}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except ListCountError as exc:
        print(f"ward-server: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except StationsFileError as exc:
        print(f"ward-server: nothing was imported; {len(exc.problems)} problem(s):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (sqlite3.Error, OSError) as exc:  # the disk, permissions, another program: say so in one line
        print(f"ward-server: {_environment_problem(exc, data_dir)}", file=sys.stderr)
        return EXIT_ENVIRONMENT


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace, data_dir: Path) -> int:
    if data_dir.exists() and not data_dir.is_dir():
        raise _EnvironmentFailure(f"cannot use the data folder {data_dir}: it is a file, not a folder")
    command = args.command or "serve"
    if command == "serve":
        return _serve(parser, args, data_dir)
    if command == "add-station":
        return _add_station(parser, args, data_dir)
    return _import_stations(args, data_dir) if command == "import-stations" else _stations(args, data_dir)


def _environment_problem(exc: sqlite3.Error | OSError, data_dir: Path) -> str:
    """ "<what failed, with the path>: <reason>" for a failure no step named more closely."""
    if isinstance(exc, sqlite3.Error):  # ward.db is the only database the commands touch
        reason = str(exc)
        if exc.sqlite_errorname == "SQLITE_BUSY":
            reason += f" (another program kept it busy for {BUSY_TIMEOUT_S:g} s; try again)"
        return f"cannot use the database {database_path(data_dir)}: {reason}"
    if exc.filename is not None:
        return f"cannot use {exc.filename}: {exc.strerror}"
    return str(exc)


def _make_data_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _EnvironmentFailure(f"cannot create the data folder {data_dir}: {exc.strerror or exc}") from exc


def _open_database(data_dir: Path) -> Database:
    _make_data_dir(data_dir)  # first, so that failing says it was the folder
    return open_database(database_path(data_dir))


def _serve(parser: argparse.ArgumentParser, args: argparse.Namespace, data_dir: Path) -> int:
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    from ward_server.server import serve

    if args.tls_cert:
        _check_readable("--tls-cert", args.tls_cert)
        _check_readable("--tls-key", args.tls_key)
    _open_database(data_dir).close()  # a bad or newer ward.db: say so before serving
    try:
        started = serve(data_dir, host=args.host, port=args.port, tls_cert=args.tls_cert, tls_key=args.tls_key)
    except ssl.SSLError as exc:  # uvicorn loads the pair only once serving, and names neither file
        raise _EnvironmentFailure(
            f"cannot serve HTTPS with --tls-cert {args.tls_cert} and --tls-key {args.tls_key}:"
            f" {exc.strerror or exc} (they must be a PEM certificate and its private key)"
        ) from exc
    return EXIT_OK if started else EXIT_ENVIRONMENT


def _check_readable(option: str, path: str) -> None:
    """Before anything is made: uvicorn's own error for a missing TLS file names no file."""
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise _EnvironmentFailure(f"cannot read {option} {path}: {exc.strerror or exc}") from exc


def _add_station(parser: argparse.ArgumentParser, args: argparse.Namespace, data_dir: Path) -> int:
    try:
        name = places.clean_text("--name", args.name)  # the checks import-stations makes of the column
        place = _place_options(args)
    except places.PlaceError as exc:
        parser.error(str(exc))
    if args.number < 1 or args.number > 100_000 or name is None:
        parser.error("the station number must be 1-100000 and the name not empty")
    counted = _count_voters(args, data_dir)
    db = _open_database(data_dir)
    try:
        done = registry.register_station(
            db.conn,
            args.number,
            name,
            counted.voters if counted else None,
            vn_now(),
            place=place,
            where_list=counted.where if counted else None,
        )
        if counted and counted.ward and registry.get_meta(db.conn, "ward_name") is None:
            registry.set_meta(db.conn, "ward_name", counted.ward)
    finally:
        db.close()
    voters_text = f"{counted.voters} cử tri" if counted else "chưa có số cử tri"
    payload: dict[str, object] = {
        "station": args.number,
        "enrollment_code": done.code,
        "name": name,
        "voters": counted.voters if counted else None,
    }
    text = f"Khu vực {args.number:02d} ({name}), {voters_text}.\nMã đăng ký máy (dùng một lần): {done.code}"
    if done.where is not None and counted is not None and counted.where is not None:
        payload["where_index"] = {
            "entries": done.where.entries,
            "not_indexed": counted.where.not_indexed,
            "also_on_other_lists": done.where.also_on_other_lists,
            "dropped_stations": list(done.where.dropped_stations),
        }
        text += _where_text(done.where, counted.where.not_indexed)
    _emit(args, payload, text)
    return EXIT_OK


def _count_voters(args: argparse.Namespace, data_dir: Path) -> ListCount | None:
    """--voter-count, or the --voters list's count with its where-do-I-vote entries, or None."""
    if args.voter_count is not None:
        return ListCount(voters=args.voter_count, ward=None)
    if args.voters is None:
        return None
    key = where.load_key(data_dir)
    if key is None:
        # Read the list once before the key (and the data folder) is made: a missing or bad
        # list must leave nothing behind.
        count_list_voters(args.voters, args.number)
        key = _create_where_key(data_dir)
    # With the key in hand, the IDs are hashed as the list is read and go no further.
    return count_list_voters(args.voters, args.number, key)


def _create_where_key(data_dir: Path) -> bytes:
    _make_data_dir(data_dir)
    try:
        return where.load_or_create_key(data_dir)
    except OSError as exc:
        raise _EnvironmentFailure(
            f"cannot create the where-do-I-vote key in {data_dir}: {exc.strerror or exc}"
        ) from exc


def _place_options(args: argparse.Namespace) -> dict[str, object]:
    """The place fields given on the command line, checked; those not given are left out."""
    changes: dict[str, object] = {}
    for field, option in _PLACE_OPTIONS.items():
        value = getattr(args, field)
        if value is not None:
            parse = places.parse_groups if field == "groups" else places.clean_text
            changes[field] = parse(option, value)
    if args.lat is not None or args.lon is not None:
        latitude = places.parse_coordinate("--lat", args.lat or "", latitude=True)
        longitude = places.parse_coordinate("--lon", args.lon or "", latitude=False)
        places.check_pair(latitude, longitude, ("--lat", "--lon"))
        changes.update(latitude=latitude, longitude=longitude)
    return changes


def _where_text(outcome: where.WhereOutcome, not_indexed: int) -> str:
    text = f"\nTra cứu nơi bỏ phiếu: {outcome.entries} cử tri"
    if not_indexed:
        text += f" ({not_indexed} cử tri không có số định danh hoặc năm sinh: không tra cứu được)"
    if outcome.also_on_other_lists:
        text += f"\nChú ý: {outcome.also_on_other_lists} cử tri cũng có trong danh sách của khu vực khác."
    if outcome.dropped_stations:
        numbers = ", ".join(str(n) for n in outcome.dropped_stations)
        text += f"\nChú ý: khoá tra cứu (where.key) đã đổi; đăng ký lại danh sách của khu vực {numbers}."
    return text


def _import_stations(args: argparse.Namespace, data_dir: Path) -> int:
    entries = read_stations_csv(args.file)  # every problem first: nothing is written unless there is none
    db = _open_database(data_dir)
    try:
        done = registry.import_stations(db.conn, entries, vn_now())
    finally:
        db.close()
    payload = {
        "imported": len(done),
        "stations": [{"station": d.station, "name": d.name, "enrollment_code": d.code} for d in done],
    }
    lines = [f"Đã nhập {len(done)} khu vực từ {args.file}."]
    lines += [
        f"KV {d.station:02d}  {d.name}" + (f"  mã đăng ký máy (dùng một lần): {d.code}" if d.code else "  (cập nhật)")
        for d in done
    ]
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK


def _stations(args: argparse.Namespace, data_dir: Path) -> int:
    db = _open_database(data_dir)
    try:
        rows = registry.list_stations(db.conn)
    finally:
        db.close()
    payload = {
        "stations": [
            {
                "station": r.station,
                "name": r.name,
                "voters": r.voters,
                "devices": r.devices,
                "unused_codes": r.unused_codes,
                "last_contact_at": r.last_contact_at,
            }
            for r in rows
        ]
    }
    lines = [
        f"KV {r.station:02d}  {r.name}  {f'{r.voters} cử tri' if r.voters else 'chưa có số cử tri'}"
        f"  {r.devices} máy  {r.unused_codes} mã chưa dùng"
        f"  liên lạc: {r.last_contact_at or '—'}"
        for r in rows
    ]
    _emit(args, payload, "\n".join(lines) or "Chưa có khu vực nào.")
    return EXIT_OK


def _emit(args: argparse.Namespace, payload: Mapping[str, object], text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False))
    else:
        print(text)
