"""The ``ward-server`` command: serve the API and the page, register stations, list them.

``ward-server [--data-dir DIR] [--host 127.0.0.1] [--port 8400] [--tls-cert F --tls-key F]``
``ward-server add-station N --name TEXT [--voters FILE | --voter-count N] [--json]``
``ward-server stations [--json]``

Exit codes: 0 done; 2 bad input (arguments, a list file that can't be counted or is for
another station); 1 the environment (database unusable) with a message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from clerk_app.clock import now as vn_now
from ward_server import __version__, registry
from ward_server.db import open_database
from ward_server.errors import ListCountError, NewerDatabaseError
from ward_server.paths import database_path, resolve_data_dir
from ward_server.voters import ListCount, count_list_voters

EXIT_OK, EXIT_ENVIRONMENT, EXIT_BAD_INPUT = 0, 1, 2
_EPILOG = """examples:
  ward-server --data-dir D:\\bau-cu --host 192.168.1.10 --port 8400
  ward-server add-station 7 --name "Nhà văn hoá tổ 5" --voters kvbp-07.xlsx
  ward-server stations --json

exit codes: 0 done; 1 the database or the port is unusable; 2 bad input"""
COMMANDS = ("serve", "add-station", "stations")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of ward.db and logs")
    serve_options = argparse.ArgumentParser(add_help=False)
    serve_options.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve_options.add_argument("--port", type=int, default=8400)
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
    counts.add_argument("--voter-count", type=int, help="the number of voters on the list, when there is no file")
    add.add_argument("--json", action="store_true")
    listing = sub.add_parser("stations", parents=[common], help="list registered stations")
    listing.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    command = args.command or "serve"
    try:
        if command == "serve":
            return _serve(parser, args, data_dir)
        if command == "add-station":
            return _add_station(parser, args, data_dir)
        return _stations(args, data_dir)
    except NewerDatabaseError as exc:
        print(f"ward-server: {exc}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except ListCountError as exc:
        print(f"ward-server: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _serve(parser: argparse.ArgumentParser, args: argparse.Namespace, data_dir: Path) -> int:
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    from ward_server.server import serve

    open_database(database_path(data_dir)).close()  # a bad or newer ward.db: say so before serving
    started = serve(data_dir, host=args.host, port=args.port, tls_cert=args.tls_cert, tls_key=args.tls_key)
    return EXIT_OK if started else EXIT_ENVIRONMENT


def _add_station(parser: argparse.ArgumentParser, args: argparse.Namespace, data_dir: Path) -> int:
    name = " ".join(args.name.split())
    if args.number < 1 or args.number > 100_000 or not name:
        parser.error("the station number must be 1-100000 and the name not empty")
    if args.voter_count is not None and args.voter_count < 0:
        parser.error("--voter-count must be 0 or more")
    counted = count_list_voters(args.voters, args.number) if args.voters else None
    if args.voter_count is not None:
        counted = ListCount(voters=args.voter_count, ward=None)
    db = open_database(database_path(data_dir))
    try:
        code = registry.add_station(db.conn, args.number, name, counted.voters if counted else None, vn_now())
        if counted and counted.ward and registry.get_meta(db.conn, "ward_name") is None:
            registry.set_meta(db.conn, "ward_name", counted.ward)
    finally:
        db.close()
    voters_text = f"{counted.voters} cử tri" if counted else "chưa có số cử tri"
    _emit(
        args,
        {"station": args.number, "enrollment_code": code, "name": name, "voters": counted.voters if counted else None},
        f"Khu vực {args.number:02d} ({name}), {voters_text}.\nMã đăng ký máy (dùng một lần): {code}",
    )
    return EXIT_OK


def _stations(args: argparse.Namespace, data_dir: Path) -> int:
    db = open_database(database_path(data_dir))
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
