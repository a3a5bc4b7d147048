"""The paper backup list: every voter in list order, checked-in marks and times, no ID numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from clerk_app.reports import write_paper_list
from clerk_app.reports.paper_list import paper_rows
from clerk_app.station import Station
from tests.reports.conftest import pdf_text
from tests.support import SMALL_LIST


def test_every_voter_in_list_order_with_marks(morning: Station, tmp_path: Path) -> None:
    morning.mark_voting_elsewhere(5, certificate="GCN 9")
    out = tmp_path / "danh-sach-giay.pdf"
    assert write_paper_list(morning.db, out, now=morning.clock()) == 6
    text = pdf_text(out)
    assert "DANH SÁCH CỬ TRI (BẢN GIẤY DỰ PHÒNG)" in text
    assert "Đánh dấu theo máy lúc 09:30 ngày 15/03/2026" in text
    assert "5 cử tri trong danh sách, 4 đã bỏ phiếu." in text
    rows = [
        "1 Nguyễn Thị Hoa 12/05/1960 Nữ Tổ dân phố 1 ✓ 07:05",
        "2 Nguyễn Thị Hoa 1948 Nữ Tổ dân phố 2 ✓ 08:15 HPP",
        "3 Trần Văn Hùng 03/02/1958 Nam Tổ dân phố 1 ✓ 07:40",
        "4 Lê Thị Thuý 20/10/1990 Nữ Tổ dân phố 3",
        "5 Đặng Minh Đức 01/01/2000 Nam Tổ dân phố 3 Bỏ phiếu nơi khác",
        "6 Phạm Văn Mới 1985 Nam Tổ dân phố 2 ✓ 09:10 Bổ sung trong ngày",
    ]
    positions = [text.index(row) for row in rows]
    assert positions == sorted(positions)
    assert "4 Lê Thị Thuý 20/10/1990 Nữ Tổ dân phố 3 ✓" not in text


def test_no_id_numbers_on_paper(morning: Station, tmp_path: Path) -> None:
    out = tmp_path / "danh-sach-giay.pdf"
    write_paper_list(morning.db, out, now=morning.clock())
    text = pdf_text(out)
    ids = [spec[5] for spec in SMALL_LIST if spec[5]]
    assert ids and not [i for i in ids if str(i) in text or str(i)[-4:] in text]
    assert not re.search(r"\d{9,}", text)


def test_a_long_list_runs_onto_pages_each_with_the_heading(
    station_factory: Callable[..., Station], tmp_path: Path
) -> None:
    from clerk_app.generate import generate_voters

    station = station_factory(rows=generate_voters(400, seed=2))
    out = tmp_path / "danh-sach-giay.pdf"
    write_paper_list(station.db, out, now=station.clock())
    text = pdf_text(out)
    assert text.count("STT Họ và tên Ngày sinh Giới tính Tổ dân phố Đã bỏ phiếu Ghi chú") >= 9
    assert [r.list_no for r in paper_rows(station.db)] == list(range(1, 401))
