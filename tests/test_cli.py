"""The clerk-app command as ward IT staff and acceptance tests script it: real process, real files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from clerk_app.clock import CLOCK_VARIABLE
from tests.support import ROOT, clerk

SAMPLE_CSV = ROOT / "tests" / "data" / "kvbp-07-phuong-lang.csv"
SAMPLE_XLSX = ROOT / "tests" / "data" / "kvbp-07-phuong-lang.xlsx"


def clerk_json(data_dir: Path, *args: str, expect: int = 0) -> dict[str, Any]:
    result = clerk(data_dir, *args, "--json")
    assert result.returncode == expect, result.stderr
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


@pytest.fixture
def opened(tmp_path: Path) -> Path:
    clerk_json(tmp_path, "import-list", str(SAMPLE_CSV))
    clerk_json(tmp_path, "open-polls")
    return tmp_path


def test_import_sample_reads_station_and_counts(tmp_path: Path) -> None:
    out = clerk_json(tmp_path, "import-list", str(SAMPLE_CSV))
    assert (out["station"], out["ward"], out["action"], out["voters"]) == (7, "phường Láng", "created", 1612)
    again = clerk_json(tmp_path, "import-list", str(SAMPLE_XLSX))
    assert again["action"] == "unchanged"  # the same list as a workbook is the same content


def test_bad_file_exits_2_naming_row_and_column_and_changes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("STT,Họ và tên,Ngày sinh\n1,Nguyễn Văn A,1960\n1,Trần Thị B,1970\n", encoding="utf-8")
    out = clerk_json(tmp_path, "import-list", str(bad), "--station", "3", expect=2)
    assert out["ok"] is False
    assert any(e["row"] == 3 and e["column"] == "STT" for e in out["errors"])
    status = clerk_json(tmp_path, "status")
    assert status["voters"] == 0


def test_search_json_shape(opened: Path) -> None:
    out = clerk_json(opened, "search", "nguyen thi oanh", "--limit", "5")
    first = out["results"][0]
    assert set(first) == {"list_no", "name", "birth", "gender", "group", "checked_in_at"}
    assert first["list_no"] == 2 and first["name"] == "Nguyễn Thị Oanh"
    assert first["checked_in_at"] is None


def test_check_in_then_again_is_refused_with_exit_3(opened: Path) -> None:
    ok = clerk_json(opened, "check-in", "--list-no", "5")
    assert ok["ok"] is True and ok["list_no"] == 5 and ok["at"].endswith("+07:00")
    again = clerk_json(opened, "check-in", "--list-no", "5", expect=3)
    assert again["reason"] == "already_checked_in" and again["checked_in_at"] == ok["at"]
    missing = clerk_json(opened, "check-in", "--list-no", "99999", expect=3)
    assert missing["reason"] == "not_on_list"


def test_check_in_by_scan_and_mobile_box(opened: Path) -> None:
    out = clerk_json(opened, "check-in", "--scan", "07-0006", "--mobile-box")
    assert (out["list_no"], out["mobile_box"]) == (6, True)
    search = clerk_json(opened, "search", "6")
    assert search["results"][0]["checked_in_at"] == out["at"]


def test_polls_not_open_reason(tmp_path: Path) -> None:
    clerk_json(tmp_path, "import-list", str(SAMPLE_CSV))
    out = clerk_json(tmp_path, "check-in", "--list-no", "1", expect=3)
    assert out["reason"] == "polls_not_open"


def test_undo_with_pin_and_status(opened: Path) -> None:
    clerk_json(opened, "set-pin", "--pin", "2468")
    clerk_json(opened, "check-in", "--list-no", "7")
    wrong = clerk_json(opened, "undo", "--list-no", "7", "--reason", "nhầm", "--pin", "1111", expect=3)
    assert wrong["reason"] == "wrong_pin"
    clerk_json(opened, "check-in", "--list-no", "8")
    clerk_json(opened, "undo", "--list-no", "7", "--reason", "chọn nhầm người", "--pin", "2468")
    status = clerk_json(opened, "status")
    assert status["station"] == 7
    assert status["voters"] == 1612
    assert status["checked_in"] == 1
    assert status["turnout"] == round(100 / 1612, 2)
    assert status["polls"] == "open"
    assert status["unsent_events"] >= 5
    assert status["last_sync_at"] is None


def test_close_polls_early_needs_reason(opened: Path) -> None:
    out = clerk_json(opened, "close-polls", "--early", "--reason", "Mọi cử tri đã bỏ phiếu")
    assert out["polls"] == "closed"
    assert clerk_json(opened, "check-in", "--list-no", "1", expect=3)["reason"] == "polls_closed"


def test_human_output_and_usage_errors(opened: Path) -> None:
    result = clerk(opened, "status")
    assert result.returncode == 0 and "1612" in result.stdout
    assert clerk(opened, "check-in").returncode == 2  # neither --list-no nor --scan


def test_report_csv_and_pdf_from_the_command_line(opened: Path) -> None:
    clerk_json(opened, "check-in", "--list-no", "1")
    clerk_json(opened, "check-in", "--list-no", "2", "--mobile-box")
    out_csv = opened / "bao-cao.csv"
    assert clerk(opened, "report", "--format", "csv", "--out", str(out_csv)).returncode == 0
    rows = {
        tuple(line.split(",")[:2]): line.split(",")[2] for line in out_csv.read_text(encoding="utf-8-sig").splitlines()
    }
    assert rows[("Tổng hợp", "Tổng số cử tri trong danh sách")] == "1612"
    assert rows[("Tổng hợp", "Số cử tri đã bỏ phiếu")] == "2"
    assert rows[("Tổng hợp", "Số cử tri bỏ phiếu vào hòm phiếu phụ")] == "1"
    out_pdf = opened / "bao-cao.pdf"
    assert clerk(opened, "report", "--format", "pdf", "--out", str(out_pdf)).returncode == 0
    assert out_pdf.read_bytes().startswith(b"%PDF")


def test_add_voter_reads_the_birth_as_the_form_does_and_refuses_what_it_cannot(opened: Path) -> None:
    voters = clerk_json(opened, "status")["voters"]
    bad = clerk(opened, "add-voter", "--name", "Lò Thị Hằng", "--certificate", "GCN 9", "--birth", "ngày xưa")
    assert bad.returncode == 2 and "'ngày xưa' is not a birth date" in bad.stderr
    assert clerk_json(opened, "status")["voters"] == voters  # nothing added
    added = clerk_json(opened, "add-voter", "--name", "Lò Thị Hằng", "--certificate", "GCN 9", "--birth", "1980")
    found = clerk_json(opened, "search", "lo thi hang 1980")
    assert added["list_no"] in [r["list_no"] for r in found["results"]]


def test_open_polls_before_five_is_refused_with_what_the_clock_shows(tmp_path: Path) -> None:
    night = {**os.environ, CLOCK_VARIABLE: "2026-03-15T04:12:00+07:00"}
    assert clerk(tmp_path, "import-list", str(SAMPLE_CSV), env=night).returncode == 0
    done = clerk(tmp_path, "open-polls", "--json", env=night)
    assert done.returncode == 3, done.stderr
    refusal = json.loads(done.stdout)
    assert refusal["reason"] == "too_early_to_open" and refusal["at"].startswith("2026-03-15T04:12")
    assert "05:00 at the earliest" in done.stderr and "clock shows 2026-03-15 04:12" in done.stderr
    assert clerk_json(tmp_path, "status")["polls"] == "not_open"


@pytest.mark.parametrize("args", [("status",), ("--smoke-test",), ("--demo", "--smoke-test")])
def test_a_clock_setting_that_is_not_a_time_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    """On the command line; the window says it in a box too (tests/ui/test_app.py)."""
    done = clerk(tmp_path, *args, env={**os.environ, CLOCK_VARIABLE: "sáng mai"})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"clerk-app: {CLOCK_VARIABLE}='sáng mai' is not a time with its UTC offset, e.g. 2026-03-15T07:00:00+07:00"
    ]
    assert not (tmp_path / "station.db").exists()  # nothing was opened


def test_status_says_when_the_polls_are_still_open_past_nine_pm(opened: Path) -> None:
    assert clerk_json(opened, "status")["past_closing_time"] is False
    late = {**os.environ, CLOCK_VARIABLE: "2026-03-15T21:30:00+07:00"}
    done = clerk(opened, "status", env=late)
    assert done.returncode == 0
    assert "past 21:00 on this laptop's clock: close the polls (clerk-app close-polls)" in done.stdout
    assert json.loads(clerk(opened, "status", "--json", env=late).stdout)["past_closing_time"] is True
    refused = clerk(opened, "check-in", "--list-no", "3", env=late)
    assert refused.returncode == 3 and "clock shows 2026-03-15 21:30" in refused.stderr


def test_unmark_elsewhere_with_pin_and_reason(opened: Path) -> None:
    clerk_json(opened, "set-pin", "--pin", "2468")
    clerk_json(opened, "mark-elsewhere", "--list-no", "5", "--certificate", "GCN-5")
    assert clerk_json(opened, "check-in", "--list-no", "5", expect=3)["reason"] == "voting_elsewhere"
    wrong = clerk(opened, "unmark-elsewhere", "--list-no", "5", "--reason", "nhầm dòng", "--pin", "1111", "--json")
    assert wrong.returncode == 3 and json.loads(wrong.stdout)["reason"] == "wrong_pin"
    done = clerk_json(opened, "unmark-elsewhere", "--list-no", "5", "--reason", "nhầm dòng", "--pin", "2468")
    assert done == {"ok": True, "list_no": 5}
    assert clerk_json(opened, "check-in", "--list-no", "5")["ok"] is True
