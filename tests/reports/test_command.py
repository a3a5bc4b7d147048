"""``clerk-app report`` and ``paper-list`` through their parser and handlers, as cli.py runs them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from clerk_app.reports.command import EXIT_BAD_INPUT, EXIT_OK, add_report_parser
from clerk_app.station import Station
from tests.reports.conftest import pdf_text


def run(station: Station, *argv: str) -> int:
    """Parse as clerk-app's parser does once ``add_report_parser(sub)`` is in it, and run the handler."""
    parser = argparse.ArgumentParser(prog="clerk-app")
    sub = parser.add_subparsers(dest="command")
    add_report_parser(sub)
    args = parser.parse_args(argv)
    code: int = args.handler(args, station)
    return code


def test_report_pdf_and_csv(morning: Station, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf, csv_file = tmp_path / "bao-cao.pdf", tmp_path / "bao-cao.csv"
    assert run(morning, "report", "--format", "pdf", "--out", str(pdf), "--json", "--data-dir", "x") == EXIT_OK
    out = json.loads(capsys.readouterr().out)
    assert out == {"ok": True, "format": "pdf", "out": str(pdf), "voters": 6, "checked_in": 4, "turnout": 66.67}
    assert "Số cử tri đã bỏ phiếu: 4" in pdf_text(pdf)
    assert run(morning, "report", "--format", "csv", "--out", str(csv_file)) == EXIT_OK
    assert capsys.readouterr().out.strip() == f"report written: {csv_file} (csv): 4 of 6 (66.67%)"
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")


def test_report_in_english(morning: Station, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    assert run(morning, "report", "--format", "pdf", "--out", str(pdf), "--language", "en") == EXIT_OK
    assert "Voters who voted: 4" in pdf_text(pdf)


def test_paper_list(morning: Station, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "danh-sach.pdf"
    assert run(morning, "paper-list", "--out", str(out_file), "--json") == EXIT_OK
    assert json.loads(capsys.readouterr().out) == {"ok": True, "out": str(out_file), "voters": 6}
    assert "Phạm Văn Mới" in pdf_text(out_file)


def test_a_missing_folder_is_bad_input_and_writes_nothing(
    morning: Station, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "bao-cao.pdf"
    assert run(morning, "report", "--format", "pdf", "--out", str(target), "--json") == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert json.loads(captured.out)["reason"] == "bad_input"
    assert "does not exist" in captured.err
    assert not target.parent.exists()
    assert run(morning, "paper-list", "--out", str(tmp_path)) == EXIT_BAD_INPUT  # a folder, not a file


def test_format_is_required_and_checked(morning: Station, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        run(morning, "report", "--out", str(tmp_path / "x.pdf"))
    with pytest.raises(SystemExit):
        run(morning, "report", "--format", "xlsx", "--out", str(tmp_path / "x.xlsx"))
