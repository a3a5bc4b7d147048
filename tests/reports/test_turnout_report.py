"""The turnout report: the PDF to sign and the CSV for the ward, read back for their figures."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from clerk_app.reports import write_report
from clerk_app.reports.csv_report import neutralise
from clerk_app.station import Station
from tests.reports.conftest import pdf_text
from tests.support import FakeClock, election_morning, make_rows


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Vietnamese right
    assert b"\r\n" in raw
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_pdf_has_every_figure_to_sign(morning: Station, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.pdf"
    done = write_report(morning.db, out, "pdf", now=morning.clock())
    assert (done.on_list, done.voted, done.percent) == (6, 4, 66.67)
    text = pdf_text(out)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO TÌNH HÌNH CỬ TRI ĐI BỎ PHIẾU",
        "Khu vực bỏ phiếu số 07, phường Láng, thành phố Hà Nội",
        "Khu vực bỏ phiếu số: 07",
        "Xã/phường: phường Láng",
        "Ngày bầu cử: 15/03/2026",
        "Giờ bắt đầu bỏ phiếu: 07:00",
        "Giờ kết thúc bỏ phiếu: chưa kết thúc (số liệu đến 09:30)",
        "Tổng số cử tri trong danh sách: 6",
        "trong đó bổ sung trong ngày bầu cử: 1",
        "Số cử tri đã bỏ phiếu: 4",
        "Tỷ lệ cử tri đã bỏ phiếu: 66,67%",
        "Số cử tri bỏ phiếu vào hòm phiếu phụ: 1",
        "Số cử tri chưa bỏ phiếu: 2",
        # by hour: arrivals, voted so far, turnout so far
        "07:00–08:00 2 2 33,33%",
        "08:00–09:00 1 3 50,00%",
        "09:00–10:00 1 4 66,67%",
        # by group, in the list's order: voters, voted, turnout, still to vote
        "Tổ dân phố 1 2 2 100,00% 0",
        "Tổ dân phố 2 2 2 100,00% 0",
        "Tổ dân phố 3 2 0 0,00% 2",
        "Láng, ngày 15 tháng 3 năm 2026",
        "THƯ KÝ",
        "TỔ TRƯỞNG",
        "(Ký, ghi rõ họ tên)",
        "Trang 1/",
    ):
        assert expected in text, expected
    assert "10:00–11:00" not in text  # hours still to come have nothing to say


def test_pdf_after_the_close_in_english(morning: Station, clock: FakeClock, tmp_path: Path) -> None:
    for n in (4, 5):
        clock.advance(minutes=20)
        morning.check_in(n)
    clock.moment = election_morning(11, 5)
    morning.close_polls(early=True, reason="mọi cử tri đã bỏ phiếu")
    out = tmp_path / "report.pdf"
    write_report(morning.db, out, "pdf", now=election_morning(11, 30), language="en")
    text = pdf_text(out)
    for expected in (
        "VOTER TURNOUT REPORT",
        "Voting ended at: 11:05",
        "Voters on the list: 6",
        "Voters who voted: 6",
        "Turnout: 100.00%",
        "100% of the voters on the list have voted",
        "SECRETARY",
        "TEAM LEADER",
    ):
        assert expected in text, expected


def test_csv_suits_a_spreadsheet(morning: Station, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.csv"
    write_report(morning.db, out, "csv", now=morning.clock())
    rows = read_csv(out)
    assert rows[0] == ["Mục", "Chỉ tiêu", "Giá trị", "Cử tri", "Đã bỏ phiếu", "Tỷ lệ (%)", "Chưa bỏ phiếu"]
    by_item = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert by_item[("Thông tin", "Khu vực bỏ phiếu số")][0] == "07"
    assert by_item[("Thông tin", "Xã/phường")][0] == "phường Láng"
    assert by_item[("Thông tin", "Ngày bầu cử")][0] == "2026-03-15"
    assert by_item[("Thông tin", "Giờ bắt đầu bỏ phiếu")][0] == "07:00"
    totals = {item: values[0] for (section, item), values in by_item.items() if section == "Tổng hợp"}
    assert totals == {
        "Tổng số cử tri trong danh sách": "6",
        "trong đó bổ sung trong ngày bầu cử": "1",
        "Số cử tri đã bỏ phiếu": "4",
        "Tỷ lệ cử tri đã bỏ phiếu": "66.67",
        "Số cử tri bỏ phiếu vào hòm phiếu phụ": "1",
        "Số cử tri chưa bỏ phiếu": "2",
    }
    hours = [r[1:] for r in rows if r[0] == "Theo giờ"]
    assert hours == [
        ["07:00–08:00", "2", "6", "2", "33.33", "4"],
        ["08:00–09:00", "1", "6", "3", "50.0", "3"],
        ["09:00–10:00", "1", "6", "4", "66.67", "2"],
    ]
    groups = [r[1:] for r in rows if r[0] == "Theo tổ dân phố"]
    assert groups == [
        ["Tổ dân phố 1", "", "2", "2", "100.0", "0"],
        ["Tổ dân phố 2", "", "2", "2", "100.0", "0"],
        ["Tổ dân phố 3", "", "2", "0", "0.0", "2"],
    ]


def test_no_csv_cell_can_act_as_a_formula(station_factory: Callable[..., Station], tmp_path: Path) -> None:
    hostile = [
        (1, "Nguyễn Văn A", "1960", "Nam", '=HYPERLINK("http://x","bấm")', None, None),
        (2, "Nguyễn Văn B", "1961", "Nam", "+1+1", None, None),
        (3, "Nguyễn Văn C", "1962", "Nam", "-2+3", None, None),
        (4, "Nguyễn Văn D", "1963", "Nam", "@SUM(A1:A9)", None, None),
        (5, "Nguyễn Văn E", "1964", "Nam", "\t=1+1", None, None),
        (6, "Nguyễn Văn G", "1965", "Nam", "\r=1+1", None, None),
    ]
    station = station_factory(rows=make_rows(hostile))
    out = tmp_path / "bao-cao.csv"
    write_report(station.db, out, "csv", now=station.clock())
    cells = [cell for row in read_csv(out) for cell in row]
    groups = [r[1] for r in read_csv(out) if r[0] == "Theo tổ dân phố"]
    assert sorted(groups) == sorted(
        ['\'=HYPERLINK("http://x","bấm")', "'+1+1", "'-2+3", "'@SUM(A1:A9)", "'\t=1+1", "'\r=1+1"]
    )
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert neutralise(-3) == -3 and neutralise("07:00–08:00") == "07:00–08:00"


def test_reports_replace_the_file_whole(morning: Station, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    out = folder / "bao-cao.csv"
    out.write_text("an older report", encoding="utf-8")
    write_report(morning.db, out, "csv", now=morning.clock())
    assert read_csv(out)[0][0] == "Mục"
    assert [p.name for p in folder.iterdir()] == ["bao-cao.csv"]  # no temporary file left behind
