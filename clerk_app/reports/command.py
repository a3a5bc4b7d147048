"""``clerk-app report`` and ``clerk-app paper-list``: the reports from the command line.

    clerk-app report --format pdf|csv --out FILE [--language vi|en] [--data-dir DIR] [--json]
    clerk-app paper-list --out FILE [--language vi|en] [--data-dir DIR] [--json]

Wired into clerk_app.cli's parser with ``add_report_parser(sub)``; the handlers follow its
conventions: ``handler(args, station) -> exit code``, ``--json`` prints one object on stdout,
errors go to stderr. Exit codes are cli's: 0 written; 2 bad arguments (the folder of --out does
not exist; nothing written); 1 the disk (cannot write there, disk full).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from clerk_app.reports import FORMATS, write_paper_list, write_report
from clerk_app.reports.labels import EN, VI
from clerk_app.station import Station

# The values of clerk_app.cli's exit codes (not imported: cli imports this module).
EXIT_OK, EXIT_ENVIRONMENT, EXIT_BAD_INPUT = 0, 1, 2


def add_report_parser(subparsers: Any) -> None:
    """Add ``report`` and ``paper-list`` to clerk-app's subcommands (argparse's subparsers object)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="the station's data folder")
    common.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    common.add_argument("--out", required=True, help="the file to write (replaced if it exists)")
    common.add_argument("--language", choices=(VI, EN), default=VI, help="the report's language (default vi)")

    p = subparsers.add_parser("report", parents=[common], help="the station's turnout report (PDF to sign, or CSV)")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.set_defaults(handler=cmd_report)

    p = subparsers.add_parser(
        "paper-list", parents=[common], help="the printable paper backup of the voter list, with check-in marks"
    )
    p.set_defaults(handler=cmd_paper_list)


def cmd_report(args: argparse.Namespace, station: Station) -> int:
    out = Path(args.out)
    if (problem := _folder_problem(out)) is not None:
        return _fail(args, "bad_input", problem, EXIT_BAD_INPUT)
    try:
        done = write_report(station.db, out, args.format, now=station.clock(), language=args.language)
    except OSError as exc:
        return _fail(args, "environment", f"cannot write {out}: {exc.strerror or exc}", EXIT_ENVIRONMENT)
    payload = {
        "ok": True,
        "format": done.format,
        "out": str(out),
        "voters": done.on_list,
        "checked_in": done.voted,
        "turnout": done.percent,
    }
    _emit(args, payload, f"report written: {out} ({done.format}): {done.voted} of {done.on_list} ({done.percent}%)")
    return EXIT_OK


def cmd_paper_list(args: argparse.Namespace, station: Station) -> int:
    out = Path(args.out)
    if (problem := _folder_problem(out)) is not None:
        return _fail(args, "bad_input", problem, EXIT_BAD_INPUT)
    try:
        count = write_paper_list(station.db, out, now=station.clock(), language=args.language)
    except OSError as exc:
        return _fail(args, "environment", f"cannot write {out}: {exc.strerror or exc}", EXIT_ENVIRONMENT)
    _emit(args, {"ok": True, "out": str(out), "voters": count}, f"paper list written: {out} ({count} voters)")
    return EXIT_OK


def _folder_problem(out: Path) -> str | None:
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        return f"the folder {folder} does not exist; nothing was written"
    if out.is_dir():
        return f"{out} is a folder; give a file name"
    return None


def _emit(args: argparse.Namespace, payload: dict[str, Any], text: str) -> None:
    print(json.dumps(payload, ensure_ascii=False) if args.json else text)


def _fail(args: argparse.Namespace, reason: str, message: str, code: int) -> int:
    if args.json:
        print(json.dumps({"ok": False, "reason": reason, "message": message}, ensure_ascii=False))
    print(f"clerk-app: {message}", file=sys.stderr)
    return code
