"""The words and number formats of the printed reports, Vietnamese first, without Qt.

The reports are made by the command line as well as the app, so they cannot use Qt's
translator; their few dozen labels live here in both languages. Vietnamese documents write
1.613 and 46,03%; English ones 1,613 and 46.03%.
"""

from __future__ import annotations

from datetime import date, datetime

from clerk_app.clock import local

VI, EN = "vi", "en"

_LABELS: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "team": ("TỔ BẦU CỬ", "POLLING TEAM"),
    "station_no": ("KHU VỰC BỎ PHIẾU SỐ {no}", "POLLING AREA No. {no}"),
    "title": ("BÁO CÁO TÌNH HÌNH CỬ TRI ĐI BỎ PHIẾU", "VOTER TURNOUT REPORT"),
    "paper_title": ("DANH SÁCH CỬ TRI (BẢN GIẤY DỰ PHÒNG)", "VOTER LIST (PAPER BACKUP)"),
    "station": ("Khu vực bỏ phiếu số", "Polling area No."),
    "ward": ("Xã/phường", "Commune/ward"),
    "date": ("Ngày bầu cử", "Election day"),
    "opened": ("Giờ bắt đầu bỏ phiếu", "Voting started at"),
    "closed": ("Giờ kết thúc bỏ phiếu", "Voting ended at"),
    "not_opened": ("chưa bắt đầu", "not started"),
    "still_open": ("chưa kết thúc (số liệu đến {time})", "not ended (figures as of {time})"),
    "on_list": ("Tổng số cử tri trong danh sách", "Voters on the list"),
    "added": ("trong đó bổ sung trong ngày bầu cử", "of whom added on election day"),
    "voted": ("Số cử tri đã bỏ phiếu", "Voters who voted"),
    "percent": ("Tỷ lệ cử tri đã bỏ phiếu", "Turnout"),
    "mobile_box": ("Số cử tri bỏ phiếu vào hòm phiếu phụ", "Voters who voted at the mobile ballot box"),
    "still_to_vote": ("Số cử tri chưa bỏ phiếu", "Voters still to vote"),
    "everyone": ("100% cử tri trong danh sách đã bỏ phiếu", "100% of the voters on the list have voted"),
    "by_hour": ("Theo giờ", "By hour"),
    "by_group": ("Theo tổ dân phố", "By residential group"),
    "chart": (
        "Tỷ lệ cử tri đã bỏ phiếu trong ngày (đường) và số cử tri đến trong từng giờ (cột)",
        "Turnout through the day (line) and voters arriving each hour (bars)",
    ),
    "snapshots_legend": ("báo cáo hằng giờ", "hourly reports"),
    "hour": ("Giờ", "Hour"),
    "arrivals": ("Số cử tri đến", "Arrivals"),
    "cumulative": ("Lũy kế đã bỏ phiếu", "Voted so far"),
    "cumulative_percent": ("Tỷ lệ lũy kế", "Turnout so far"),
    "group": ("Tổ dân phố", "Residential group"),
    "group_voters": ("Cử tri", "Voters"),
    "group_voted": ("Đã bỏ phiếu", "Voted"),
    "group_percent": ("Tỷ lệ", "Turnout"),
    "group_waiting": ("Chưa bỏ phiếu", "Still to vote"),
    "no_group": ("(không ghi tổ)", "(no group)"),
    "place_date": ("{place}, ngày {day} tháng {month} năm {year}", "{place}, {day} {month_name} {year}"),
    "secretary": ("THƯ KÝ", "SECRETARY"),
    "leader": ("TỔ TRƯỞNG", "TEAM LEADER"),
    "sign_hint": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    "made_at": ("Lập lúc {time} ngày {date} · clerk-app {version}", "Made at {time} on {date} · clerk-app {version}"),
    "page": ("Trang {page}/{pages}", "Page {page}/{pages}"),
    # The CSV's columns and sections
    "csv_section": ("Mục", "Section"),
    "csv_item": ("Chỉ tiêu", "Item"),
    "csv_value": ("Giá trị", "Value"),
    "csv_info": ("Thông tin", "Station"),
    "csv_totals": ("Tổng hợp", "Totals"),
    # The paper list
    "paper_no": ("STT", "No."),
    "paper_name": ("Họ và tên", "Full name"),
    "paper_birth": ("Ngày sinh", "Born"),
    "paper_gender": ("Giới tính", "Gender"),
    "paper_voted": ("Đã bỏ phiếu", "Voted"),
    "paper_note": ("Ghi chú", "Note"),
    "paper_as_of": (
        "Đánh dấu theo máy lúc {time} ngày {date}: cử tri bỏ phiếu sau giờ này chưa được đánh dấu.",
        "Marked from the laptop at {time} on {date}: voters who voted after that are not marked.",
    ),
    "paper_counts": (
        "{voters} cử tri trong danh sách, {voted} đã bỏ phiếu.",
        "{voters} voters on the list, {voted} voted.",
    ),
    "paper_mobile": ("HPP", "MB"),  # hòm phiếu phụ: the mobile ballot box
    "paper_elsewhere": ("Bỏ phiếu nơi khác", "Votes elsewhere"),
    "paper_added": ("Bổ sung trong ngày", "Added on the day"),
    "gender_Nam": ("Nam", "Male"),
    "gender_Nữ": ("Nữ", "Female"),
}

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class Labels:
    """The report texts and number formats of one language."""

    def __init__(self, language: str = VI) -> None:
        self.language = language if language in (VI, EN) else VI
        self._column = 0 if self.language == VI else 1

    def __call__(self, key: str, **values: object) -> str:
        text = _LABELS[key][self._column]
        return text.format(**values) if values else text

    def number(self, value: int) -> str:
        text = f"{value:,}"
        return text.replace(",", ".") if self.language == VI else text

    def percent(self, value: float) -> str:
        text = f"{value:.2f}%"
        return text.replace(".", ",") if self.language == VI else text

    def gender(self, gender: str) -> str:
        return self(f"gender_{gender}") if f"gender_{gender}" in _LABELS else gender

    def group(self, group: str) -> str:
        return group or self("no_group")

    def day(self, day: date) -> str:
        return day.strftime("%d/%m/%Y")

    def place_date(self, place: str, day: date) -> str:
        place = place[:1].upper() + place[1:]
        return self(
            "place_date", place=place, day=day.day, month=day.month, year=day.year, month_name=_MONTHS_EN[day.month - 1]
        )


def clock_time(moment: datetime) -> str:
    """HH:MM on the polling-station clock, whatever the laptop's zone."""
    return local(moment).strftime("%H:%M")
