"""Reading voter-list files: every broken file is built here, in tmp_path, from the spec's rules."""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.errors import ListFileRefused, ListProblem
from clerk_app.model import Ballots, ParsedList
from clerk_app.storage.listfile import read_list_file

SAMPLES = Path(__file__).resolve().parents[1] / "data"  # copies of ../shared/samples
TS_FILE = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "clerk_app_vi.ts"
ELECTION_DAY = date(2026, 3, 15)

TITLE = [
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["Độc lập - Tự do - Hạnh phúc"],
    [],
    ["DANH SÁCH CỬ TRI"],
    ["Khu vực bỏ phiếu số 07, phường Láng, thành phố Hà Nội"],
    [],
]
HEADER_ROW = len(TITLE) + 1  # row 7 as Excel shows it
FIRST_ROW = HEADER_ROW + 1  # row 8
HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Nơi thường trú",
    "Nơi tạm trú",
    "Số định danh cá nhân",
    "Tổ dân phố",
    "Bầu ĐBQH",
    "Bầu HĐND thành phố",
    "Bầu HĐND phường",
    "Ghi chú",
]
HOME = "Số 12, phố Láng Hạ, phường Láng, thành phố Hà Nội"

Cell = object


def voter(
    stt: Cell = 1,
    name: Cell = "Nguyễn Thị Hoa",
    birth: Cell = "12/05/1960",
    gender: Cell = "Nữ",
    id_number: Cell = "",
    *,
    ballots: Sequence[Cell] = ("x", "x", "x"),
    note: Cell = "",
) -> list[Cell]:
    """One data row in the order of HEADER."""
    return [stt, name, birth, gender, "Kinh", HOME, "", id_number, "Tổ dân phố 1", *ballots, note]


def five_voters() -> list[list[Cell]]:
    return [
        voter(1, "Nguyễn Thị Hoa", "12/05/1960", "Nữ", "001160123456"),
        voter(2, "Nguyễn Thị Hoa", "1948", "Nữ", "001148654321"),
        voter(3, "Trần Văn Hùng", "03/02/1958", "Nam", "001058111222"),
        voter(4, "Lê Thị Thuý", "20/10/1990", "Nữ", "", ballots=("x", "x", ""), note="Tạm trú"),
        voter(5, "Đặng Minh Đức", "01/01/2000", "Nam", "001200999888"),
    ]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[Cell]],
    *,
    header: Sequence[str] = HEADER,
    title: Sequence[Sequence[str]] = TITLE,
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerows(title)
    writer.writerow(header)
    writer.writerows([["" if c is None else str(c) for c in row] for row in rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Cell]],
    *,
    header: Sequence[str] = HEADER,
    title: Sequence[Sequence[str]] = TITLE,
) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in [*title, header, *rows]:
        sheet.append([None if c == "" else c for c in line] or [None])
    workbook.save(path)
    return path


def read(path: Path) -> ParsedList:
    """Read as the app does; every problem found on the way must be translatable (see below)."""
    try:
        parsed = read_list_file(path, election_day=ELECTION_DAY)
    except ListFileRefused as refusal:
        assert_translatable(refusal.errors)
        raise
    assert_translatable(parsed.warnings)
    return parsed


@functools.cache
def ts_list_problems() -> dict[str, str]:
    """The "ListProblem" messages of the Vietnamese .ts: English template -> translation."""
    return {
        message.findtext("source") or "": message.findtext("translation") or ""
        for context in ET.parse(TS_FILE).getroot().iter("context")
        if context.findtext("name") == "ListProblem"
        for message in context.iter("message")
    }


def assert_translatable(problems: Iterable[object]) -> None:
    """Each problem's template is a source string of the .ts, translated, filled only by its placeholders."""
    for problem in problems:
        assert isinstance(problem, ListProblem)
        translated = ts_list_problems().get(problem.template)
        assert translated, f"not translatable: {problem.template!r}"
        assert set(re.findall(r"\{(\w+)\}", problem.template)) == set(problem.params), problem
        assert problem.message == problem.template.format(**problem.params)


def refused(path: Path) -> list[ListProblem]:
    with pytest.raises(ListFileRefused) as caught:
        read(path)
    assert caught.value.errors, "a refusal must say why"
    return caught.value.errors


def only(problems: Sequence[object]) -> ListProblem:
    assert len(problems) == 1, problems
    problem = problems[0]
    assert isinstance(problem, ListProblem)
    return problem


def warnings_at(parsed: ParsedList, row: int) -> list[ListProblem]:
    return [w for w in parsed.warnings if isinstance(w, ListProblem) and w.row == row]


# --- the two real samples -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_csv() -> ParsedList:
    return read(SAMPLES / "kvbp-07-phuong-lang.csv")


@pytest.fixture(scope="module")
def sample_xlsx() -> ParsedList:
    return read(SAMPLES / "kvbp-07-phuong-lang.xlsx")


@pytest.mark.parametrize("sample", ["sample_csv", "sample_xlsx"])
def test_samples_parse_to_the_whole_list_of_station_7(sample: str, request: pytest.FixtureRequest) -> None:
    parsed: ParsedList = request.getfixturevalue(sample)
    assert len(parsed.rows) == 1612
    assert [r.list_no for r in parsed.rows] == list(range(1, 1613))
    assert parsed.station_no == 7
    assert parsed.ward == "phường Láng"
    assert parsed.place_line == "Khu vực bỏ phiếu số 07, phường Láng, thành phố Hà Nội"
    first = parsed.rows[0]
    assert (first.name, first.source_row, first.birth, first.birth_year, first.birth_date) == (
        "Trần Đức Nghĩa",
        9,
        "1934",
        1934,
        None,
    )
    assert first.id_number == "001034252353"
    assert first.ballots == Ballots(national=True, city=True, ward=False)
    assert first.note == "Tạm trú"
    assert parsed.rows[1].birth_date == date(1934, 1, 19)


def test_samples_as_csv_and_xlsx_hash_and_warn_the_same(sample_csv: ParsedList, sample_xlsx: ParsedList) -> None:
    assert sample_csv.content_sha256 == sample_xlsx.content_sha256
    assert len(sample_csv.content_sha256) == 64
    assert sample_csv.rows == sample_xlsx.rows
    assert [(w.row, w.column, w.message) for w in sample_csv.warnings if isinstance(w, ListProblem)] == [
        (w.row, w.column, w.message) for w in sample_xlsx.warnings if isinstance(w, ListProblem)
    ]


def test_sample_names_are_nfc() -> None:
    parsed = read(SAMPLES / "kvbp-07-phuong-lang.csv")
    assert all(unicodedata.is_normalized("NFC", r.name) for r in parsed.rows)


# --- a good small list --------------------------------------------------------------------------


def test_a_clean_csv_reads_every_field(tmp_path: Path) -> None:
    parsed = read(write_csv(tmp_path / "list.csv", five_voters()))
    assert parsed.warnings == []
    assert parsed.path == str(tmp_path / "list.csv")
    hoa, elder, hung, thuy, duc = parsed.rows
    assert hoa.list_no == 1 and hoa.name == "Nguyễn Thị Hoa" and hoa.source_row == FIRST_ROW
    assert (hoa.birth, hoa.birth_year, hoa.birth_date) == ("12/05/1960", 1960, date(1960, 5, 12))
    assert (elder.birth, elder.birth_year, elder.birth_date) == ("1948", 1948, None)
    assert (hung.gender, hung.ethnicity, hung.residence, hung.group) == ("Nam", "Kinh", HOME, "Tổ dân phố 1")
    assert hung.id_number == "001058111222"
    assert thuy.id_number is None
    assert thuy.ballots == Ballots(national=True, city=True, ward=False)
    assert thuy.note == "Tạm trú"
    assert duc.ballots == Ballots()
    assert duc.source_row == FIRST_ROW + 4


def test_bom_or_not_reads_the_same(tmp_path: Path) -> None:
    with_bom = read(write_csv(tmp_path / "bom.csv", five_voters(), encoding="utf-8-sig"))
    without = read(write_csv(tmp_path / "plain.csv", five_voters(), encoding="utf-8"))
    assert with_bom.rows == without.rows
    assert with_bom.content_sha256 == without.content_sha256
    assert without.station_no == 7


def test_blank_rows_are_skipped_and_rows_keep_their_excel_numbers(tmp_path: Path) -> None:
    rows = five_voters()
    rows.insert(2, [""] * len(HEADER))
    rows.insert(3, ["  ", "", "\t"])
    path = tmp_path / "list.csv"
    write_csv(path, rows)
    path.write_bytes(path.read_bytes() + b"\r\n\r\n,,,\r\n")
    parsed = read(path)
    assert [r.list_no for r in parsed.rows] == [1, 2, 3, 4, 5]
    assert [r.source_row for r in parsed.rows] == [8, 9, 12, 13, 14]


def test_semicolon_csv_from_excel_with_vietnamese_settings(tmp_path: Path) -> None:
    parsed = read(write_csv(tmp_path / "list.csv", five_voters(), delimiter=";"))
    assert [r.name for r in parsed.rows][:3] == ["Nguyễn Thị Hoa", "Nguyễn Thị Hoa", "Trần Văn Hùng"]
    assert parsed.station_no == 7


def test_names_are_nfc_with_whitespace_collapsed(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Thuỷ")
    assert nfd != "Nguyễn Thị Thuỷ"
    rows = [
        voter(1, nfd),
        voter(2, "  Trần\u00a0Văn \t Hùng  "),
        voter(3, "Lê\u200b Thị  Hoa"),
        voter(4, "H'Hen Niê"),  # Ê Đê names carry apostrophes
    ]
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert [r.name for r in parsed.rows] == ["Nguyễn Thị Thuỷ", "Trần Văn Hùng", "Lê Thị Hoa", "H'Hen Niê"]
    assert parsed.warnings == []
    assert parsed.rows[0].name == unicodedata.normalize("NFC", nfd)


def test_reordered_columns_aliases_and_headers_without_diacritics(tmp_path: Path) -> None:
    header = ["HO TEN", "so  tt", "Năm sinh", "Số CCCD", "Thôn", "gioi tinh", "BẦU HĐND TỈNH", "Bau HDND xa"]
    rows = [
        ["Lò Văn Pọm", "1", "1950", "014050123456", "Thôn Bản Mòng", "nam", "x", ""],
        ["Vi Thị Mai", "2", "02/09/1975", "", "Thôn Bản Mòng", "NỮ", "X", "x"],
    ]
    title = [["Khu vực bỏ phiếu số 3, xã Chiềng Mung, tỉnh Sơn La"]]
    parsed = read(write_csv(tmp_path / "list.csv", rows, header=header, title=title))
    pom, mai = parsed.rows
    assert (pom.list_no, pom.name, pom.birth, pom.gender, pom.group) == (
        1,
        "Lò Văn Pọm",
        "1950",
        "Nam",
        "Thôn Bản Mòng",
    )
    assert pom.id_number == "014050123456"
    # No Bầu ĐBQH column: everyone gets the National Assembly ballot.
    assert pom.ballots == Ballots(national=True, city=True, ward=False)
    assert (mai.birth_date, mai.gender, mai.ballots) == (date(1975, 9, 2), "Nữ", Ballots())
    assert (parsed.station_no, parsed.ward) == (3, "xã Chiềng Mung")
    assert parsed.warnings == []


def test_without_any_ballot_column_every_voter_gets_all_three(tmp_path: Path) -> None:
    parsed = read(write_csv(tmp_path / "list.csv", [["1", "Trần Văn Hùng"]], header=["STT", "Họ và tên"]))
    assert parsed.rows[0].ballots == Ballots(national=True, city=True, ward=True)
    assert parsed.rows[0].birth == "" and parsed.rows[0].gender == ""
    assert parsed.warnings == []


def test_ballot_marks(tmp_path: Path) -> None:
    rows = [
        voter(1, ballots=("X", "✓", "")),
        voter(2, ballots=("x", "?", " ")),
    ]
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert parsed.rows[0].ballots == Ballots(national=True, city=True, ward=False)
    assert parsed.rows[1].ballots == Ballots(national=True, city=True, ward=False)
    warning = only(parsed.warnings)
    assert (warning.row, warning.column) == (FIRST_ROW + 1, "Bầu HĐND thành phố")
    assert "'?'" in warning.message and "read as 'x'" in warning.message


def test_ballot_columns_under_other_common_names(tmp_path: Path) -> None:
    header = [*HEADER[:9], "Bầu đại biểu Quốc hội", "Bầu HĐND tỉnh/thành phố", "Bau HDND cap xa/phuong", "Ghi chú"]
    rows = [voter(1, ballots=("x", "", "")), voter(2, ballots=("", "x", "x"))]
    parsed = read(write_csv(tmp_path / "list.csv", rows, header=header))
    assert [r.ballots for r in parsed.rows] == [
        Ballots(national=True, city=False, ward=False),
        Ballots(national=False, city=True, ward=True),
    ]
    assert parsed.warnings == []


def test_a_ballot_column_under_an_unknown_name_warns(tmp_path: Path) -> None:
    header = [*HEADER[:11], "Bầu HĐND quận", "Ghi chú"]
    parsed = read(write_csv(tmp_path / "list.csv", [voter(1, ballots=("x", "x", ""))], header=header))
    assert parsed.rows[0].ballots == Ballots()  # no known ward column: everyone gets that ballot
    warning = only(parsed.warnings)
    assert (warning.row, warning.column) == (HEADER_ROW, "Bầu HĐND quận")
    assert "'Bầu HĐND quận' looks like a ballot column" in warning.message


def test_co_and_khong_ballot_marks(tmp_path: Path) -> None:
    rows = [voter(1, ballots=("Có", "có", "Không")), voter(2, ballots=("CÓ", "KHÔNG", "khong"))]
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert [r.ballots for r in parsed.rows] == [
        Ballots(national=True, city=True, ward=False),
        Ballots(national=True, city=False, ward=False),
    ]
    assert parsed.warnings == []


def test_unknown_columns_are_kept_as_notes(tmp_path: Path) -> None:
    header = [*HEADER, "Số điện thoại", "", "Ghi chú khác"]
    rows = [
        [*voter(1, note="Tạm trú"), "0912 345 678", "", ""],
        [*voter(2), "", "lạc cột", "ốm, cần hòm phiếu phụ", "ngoài bảng"],
    ]
    parsed = read(write_csv(tmp_path / "list.csv", rows, header=header))
    first, second = parsed.rows
    assert first.note == "Tạm trú; Số điện thoại: 0912 345 678"
    assert second.note == "column O: lạc cột; Ghi chú khác: ốm, cần hòm phiếu phụ; column Q: ngoài bảng"
    assert parsed.warnings == []


def test_place_line_tolerates_case_and_missing_diacritics(tmp_path: Path) -> None:
    title = [["DANH SACH CU TRI"], ["KHU VUC BO PHIEU SO 12, PHUONG DONG DA, THANH PHO HA NOI"]]
    parsed = read(write_csv(tmp_path / "list.csv", five_voters(), title=title))
    assert parsed.station_no == 12
    assert parsed.ward == "phuong DONG DA"
    assert parsed.place_line == "KHU VUC BO PHIEU SO 12, PHUONG DONG DA, THANH PHO HA NOI"


def test_no_place_line_leaves_station_unknown(tmp_path: Path) -> None:
    parsed = read(write_csv(tmp_path / "list.csv", five_voters(), title=[]))
    assert (parsed.station_no, parsed.ward, parsed.place_line) == (None, None, None)
    assert parsed.rows[0].source_row == 2


def test_ward_name_ends_at_a_dash(tmp_path: Path) -> None:
    title = [["Khu vực bỏ phiếu số 5 - Phường Đống Đa - Thành phố Hà Nội"]]
    parsed = read(write_csv(tmp_path / "list.csv", five_voters(), title=title))
    assert (parsed.station_no, parsed.ward) == (5, "phường Đống Đa")


def test_the_column_number_row_under_the_header_is_not_a_voter(tmp_path: Path) -> None:
    numbers = [f"({i})" for i in range(1, len(HEADER) + 1)]
    parsed = read(write_csv(tmp_path / "list.csv", [numbers, *five_voters()]))
    assert [r.list_no for r in parsed.rows] == [1, 2, 3, 4, 5]
    assert parsed.rows[0].source_row == FIRST_ROW + 1
    typed = read(write_xlsx(tmp_path / "list.xlsx", [list(range(1, 14)), *typed_rows()]))
    assert [r.list_no for r in typed.rows] == [12, 13, 14]


def test_same_list_in_another_row_order_or_with_other_title_rows_hashes_the_same(tmp_path: Path) -> None:
    base = read(write_csv(tmp_path / "a.csv", five_voters()))
    shuffled = read(write_csv(tmp_path / "b.csv", five_voters()[::-1], title=[]))
    changed_rows = five_voters()
    changed_rows[2][1] = "Trần Văn Hưng"
    changed = read(write_csv(tmp_path / "c.csv", changed_rows))
    assert base.content_sha256 == shuffled.content_sha256
    assert base.content_sha256 != changed.content_sha256


# --- errors: the file is refused, every error is listed -----------------------------------------


def test_missing_stt_column_refuses(tmp_path: Path) -> None:
    header = ["Số", *HEADER[1:]]
    problem = only(refused(write_csv(tmp_path / "list.csv", five_voters(), header=header)))
    assert (problem.row, problem.column) == (HEADER_ROW, "STT")
    assert problem.message == "required column 'STT' is missing"
    assert problem.file == str(tmp_path / "list.csv")
    assert str(problem) == "list.csv, row 7, column 'STT': required column 'STT' is missing"


def test_missing_name_column_refuses(tmp_path: Path) -> None:
    header = ["STT", "Tên", *HEADER[2:]]
    problem = only(refused(write_csv(tmp_path / "list.csv", five_voters(), header=header)))
    assert (problem.row, problem.column) == (HEADER_ROW, "Họ và tên")
    assert "'Họ và tên' is missing" in problem.message


def test_both_required_columns_missing_are_both_named(tmp_path: Path) -> None:
    header = ["Số", "Tên", *HEADER[2:]]
    problems = refused(write_csv(tmp_path / "list.csv", five_voters(), header=header))
    assert [(p.row, p.column) for p in problems] == [(HEADER_ROW, "STT"), (HEADER_ROW, "Họ và tên")]


def test_duplicate_stt_names_both_rows(tmp_path: Path) -> None:
    rows = five_voters()
    rows[3][0] = "2"
    problem = only(refused(write_csv(tmp_path / "list.csv", rows)))
    assert (problem.row, problem.column) == (FIRST_ROW + 3, "STT")
    assert problem.message == f"STT 2 is used twice: rows {FIRST_ROW + 1} and {FIRST_ROW + 3}"


def test_non_numeric_stt(tmp_path: Path) -> None:
    rows = five_voters()
    rows[1][0] = "12a"
    problem = only(refused(write_csv(tmp_path / "list.csv", rows)))
    assert (problem.row, problem.column, problem.message) == (FIRST_ROW + 1, "STT", "STT is not a number")


def test_empty_and_zero_stt(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][0] = ""
    rows[4][0] = "0"
    problems = refused(write_csv(tmp_path / "list.csv", rows))
    assert [(p.row, p.column, p.message) for p in problems] == [
        (FIRST_ROW, "STT", "STT is empty"),
        (FIRST_ROW + 4, "STT", "STT '0' is not a list number (1 or more)"),
    ]


def test_an_stt_past_a_voter_cards_five_digits_is_refused_not_a_crash(tmp_path: Path) -> None:
    rows = five_voters()
    rows[1][0] = "99999"  # the largest a card holds: taken
    rows[2][0] = "100000"
    rows[3][0] = "99999999999999999999"  # past what SQLite can store
    problems = refused(write_csv(tmp_path / "list.csv", rows))
    assert [(p.row, p.column, p.message) for p in problems] == [
        (FIRST_ROW + 2, "STT", "STT is larger than 99999 (a voter card's number)"),
        (FIRST_ROW + 3, "STT", "STT is larger than 99999 (a voter card's number)"),
    ]


def test_stt_messages_do_not_quote_the_cell(tmp_path: Path) -> None:
    rows = five_voters()
    rows[1][0] = "001148654321"  # the ID number, a column to the left
    rows[2][0] = "Trần Văn Hùng"
    with pytest.raises(ListFileRefused) as caught:
        read(write_csv(tmp_path / "list.csv", rows))
    assert [(p.row, p.column, p.message) for p in caught.value.errors] == [
        (FIRST_ROW + 1, "STT", "STT is larger than 99999 (a voter card's number)"),
        (FIRST_ROW + 2, "STT", "STT is not a number"),
    ]
    assert "001148654321" not in str(caught.value) and "Hùng" not in str(caught.value)


def test_an_stt_with_a_thousands_separator_is_refused_not_read_as_one(tmp_path: Path) -> None:
    rows = [voter(999), voter("1.000"), voter("1,001"), voter("12.0")]
    problems = refused(write_csv(tmp_path / "list.csv", rows))
    separator = "STT is written with a thousands separator or decimals (like 1.000); write digits only"
    assert [(p.row, p.column, p.message) for p in problems] == [
        (FIRST_ROW + 1, "STT", separator),
        (FIRST_ROW + 2, "STT", separator),
    ]


def test_empty_name(tmp_path: Path) -> None:
    rows = five_voters()
    rows[2][1] = "   "
    problem = only(refused(write_csv(tmp_path / "list.csv", rows)))
    assert (problem.row, problem.column, problem.message) == (FIRST_ROW + 2, "Họ và tên", "name is empty")


def test_every_error_is_listed_in_row_order(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][0] = "1.5"
    rows[1][1] = ""
    rows[4][0] = "3"
    header = ["Số TT", *HEADER[1:]]
    problems = refused(write_csv(tmp_path / "list.csv", rows, header=header))
    assert [(p.row, p.column) for p in problems] == [
        (FIRST_ROW, "Số TT"),
        (FIRST_ROW + 1, "Họ và tên"),
        (FIRST_ROW + 4, "Số TT"),
    ]
    assert problems[0].message == "STT is not a number"
    assert problems[2].message == f"STT 3 is used twice: rows {FIRST_ROW + 2} and {FIRST_ROW + 4}"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    problem = only(refused(path))
    assert (problem.row, problem.column, problem.message) == (None, None, "the file is empty")
    (tmp_path / "blank.csv").write_bytes(b"\xef\xbb\xbf\r\n  \r\n")
    assert only(refused(tmp_path / "blank.csv")).message == "the file is empty"


def test_missing_file(tmp_path: Path) -> None:
    problem = only(refused(tmp_path / "nowhere.csv"))
    assert problem.row is None and problem.message.startswith("cannot open the file")


def test_file_without_a_header_row(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("1,Nguyễn Thị Hoa,12/05/1960,Nữ\n2,Trần Văn Hùng,1958,Nam\n", encoding="utf-8")
    problem = only(refused(path))
    assert (problem.row, problem.column) == (None, None)
    assert problem.message == "no header row: no row names both 'STT' and 'Họ và tên'"


def test_header_without_voters(tmp_path: Path) -> None:
    problem = only(refused(write_csv(tmp_path / "list.csv", [])))
    assert (problem.row, problem.column, problem.message) == (HEADER_ROW, None, "no voters below the header row")


def test_text_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    write_csv(path, five_voters())
    problem = only(refused(path))
    assert (problem.row, problem.column) == (None, None)
    assert "is not an Excel workbook" in problem.message


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert only(refused(path)).message == "is not a readable Excel workbook (.xlsx)"


def test_old_xls_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "list.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert "save it as .xlsx" in only(refused(path)).message


# --- encodings and legacy fonts -----------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: base letters with a separate combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
            tones = "".join(c for c in parts if c in _TONE_MARKS)
            out += (base + tones).encode("cp1258")
    return bytes(out)


def test_windows_1258_csv_is_refused_not_imported_as_mojibake(tmp_path: Path) -> None:
    text_path = write_csv(tmp_path / "utf8.csv", five_voters(), encoding="utf-8")
    path = tmp_path / "list.csv"
    path.write_bytes(to_cp1258(text_path.read_text(encoding="utf-8")))
    # The bytes are real Windows-1258: they decode back to the same Vietnamese text.
    decoded = path.read_bytes().decode("cp1258")
    assert unicodedata.normalize("NFC", decoded) == text_path.read_text(encoding="utf-8")
    problem = only(refused(path))
    assert problem.row == 1  # the first title row already holds Vietnamese letters
    assert problem.column is None
    assert "not UTF-8" in problem.message and "Windows-1258" in problem.message
    assert "CSV UTF-8" in problem.message


def test_windows_1258_after_an_ascii_title_names_the_row(tmp_path: Path) -> None:
    title = [["DANH SACH CU TRI"]]
    text = write_csv(tmp_path / "utf8.csv", five_voters(), title=title, header=HEADER, encoding="utf-8")
    path = tmp_path / "list.csv"
    path.write_bytes(to_cp1258(text.read_text(encoding="utf-8")))
    assert only(refused(path)).row == 2  # the header: "Họ và tên"


def test_utf16_csv_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", five_voters(), encoding="utf-16")
    assert only(refused(path)).message == "is UTF-16 text; save it as 'CSV UTF-8'"


# "Nguyễn Văn Hùng", "Trần Thị Hoa" as the TCVN3 (ABC) .VnTime font stores them, read as Unicode.
TCVN3_NAMES = ["NguyÔn V¨n Hïng", "TrÇn ThÞ Hoa"]
# The same in the VNI-Times font, and typed with VNI keys without an input engine.
VNI_NAMES = ["Nguyeãn Vaên Huøng", "Traàn Thò Hoa"]


def test_tcvn3_names_in_a_unicode_file_are_errors(tmp_path: Path) -> None:
    rows = five_voters()
    rows[1][1] = TCVN3_NAMES[0]
    rows[3][1] = TCVN3_NAMES[1]
    problems = refused(write_csv(tmp_path / "list.csv", rows))
    assert [(p.row, p.column) for p in problems] == [(FIRST_ROW + 1, "Họ và tên"), (FIRST_ROW + 3, "Họ và tên")]
    assert all("legacy TCVN3" in p.message and "not Unicode" in p.message for p in problems)


def test_vni_names_are_errors(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][1] = VNI_NAMES[0]
    rows[2][1] = VNI_NAMES[1]
    rows[4][1] = "Nguye64n Va8n Hu2ng"
    problems = refused(write_csv(tmp_path / "list.csv", rows))
    assert [(p.row, p.column) for p in problems] == [
        (FIRST_ROW, "Họ và tên"),
        (FIRST_ROW + 2, "Họ và tên"),
        (FIRST_ROW + 4, "Họ và tên"),
    ]
    assert "legacy VNI font" in problems[0].message
    assert "legacy VNI font" in problems[1].message
    assert problems[2].message == "name looks typed as VNI keystrokes (digits for tone marks)"


def test_legacy_text_in_another_column_is_an_error_too(tmp_path: Path) -> None:
    rows = five_voters()
    rows[2][5] = "Sè 12, phè L¸ng H¹, ph­êng L¸ng"
    rows[4].append("Ghi chó ngoµi b¶ng")  # past the header: column N
    problems = refused(write_csv(tmp_path / "list.csv", rows))
    assert [(p.row, p.column) for p in problems] == [(FIRST_ROW + 2, "Nơi thường trú"), (FIRST_ROW + 4, "column N")]
    assert all("TCVN3" in p.message for p in problems)


def test_an_eth_that_looks_like_d_is_read_as_d(tmp_path: Path) -> None:
    rows = five_voters()
    rows[4][1] = "\u00d0ặng Minh \u00d0ức"  # Ð (U+00D0, Icelandic eth) looks the same as Đ (U+0110)
    rows[4][5] = "số 3 \u00f0ường Láng"
    from_csv = read(write_csv(tmp_path / "list.csv", rows))
    from_xlsx = read(write_xlsx(tmp_path / "list.xlsx", rows))
    for parsed in (from_csv, from_xlsx):
        assert (parsed.rows[4].name, parsed.rows[4].residence) == ("Đặng Minh Đức", "số 3 đường Láng")
        assert parsed.warnings == []
    rows[4][1] = "Nguyễn Văn BÐ"  # TCVN3's é (Ð) inside a word is still legacy text
    problem = only(refused(write_csv(tmp_path / "list.csv", rows)))
    assert (problem.row, problem.column) == (FIRST_ROW + 4, "Họ và tên")


def test_double_encoded_utf8_is_an_error(tmp_path: Path) -> None:
    rows = five_voters()
    rows[1][1] = "Nguyễn Văn Hùng".encode().decode("cp1252")
    problem = only(refused(write_csv(tmp_path / "list.csv", rows)))
    assert (problem.row, problem.column) == (FIRST_ROW + 1, "Họ và tên")
    assert "garbled" in problem.message


def test_whole_file_in_tcvn3_is_refused_as_such(tmp_path: Path) -> None:
    title = [["Céng hoµ x· héi chñ nghÜa ViÖt Nam"], ["Danh s¸ch cö tri"]]
    header = ["STT", "Hä vµ tªn", "Ngµy sinh", "Giíi tÝnh"]
    rows = [["1", TCVN3_NAMES[0], "1950", "Nam"], ["2", TCVN3_NAMES[1], "1960", "N÷"]]
    problem = only(refused(write_csv(tmp_path / "list.csv", rows, header=header, title=title)))
    assert (problem.row, problem.column) == (1, None)
    assert "legacy TCVN3" in problem.message and "Unikey" in problem.message


def test_tcvn3_bytes_saved_as_ansi_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    lines = ["STT,Hä vµ tªn,Ngµy sinh", f"1,{TCVN3_NAMES[0]},1950", f"2,{TCVN3_NAMES[1]},1960"]
    path.write_bytes("\r\n".join(lines).encode("latin-1"))
    problem = only(refused(path))
    assert problem.row == 1
    assert "not UTF-8" in problem.message and "TCVN3 or VNI" in problem.message


# --- warnings: the list imports, the clerk is told ----------------------------------------------


def test_bad_birth_dates_warn(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][2] = "31/02/1990"
    rows[1][2] = "1890"
    rows[2][2] = ""
    rows[3][2] = "mười hai"
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert [(w.row, w.column, w.message) for w in parsed.warnings if isinstance(w, ListProblem)] == [
        (FIRST_ROW, "Ngày sinh", "birth date '31/02/1990' is not a real date"),
        (FIRST_ROW + 1, "Ngày sinh", "birth year 1890 is more than 120 years before election day"),
        (FIRST_ROW + 2, "Ngày sinh", "birth date is empty"),
        (FIRST_ROW + 3, "Ngày sinh", "birth date 'mười hai' is not dd/mm/yyyy or yyyy"),
    ]
    feb, old, empty, words = parsed.rows[:4]
    assert (feb.birth, feb.birth_year, feb.birth_date) == ("1990", 1990, None)  # the year still tells namesakes apart
    assert (old.birth, old.birth_year) == ("1890", 1890)
    assert (empty.birth, empty.birth_year, empty.birth_date) == ("", None, None)
    assert (words.birth, words.birth_year) == ("", None)


def test_birth_dates_written_month_first_refuse_the_file(tmp_path: Path) -> None:
    rows = [voter(1, birth="5/12/1960"), voter(2, birth="5/13/1960"), voter(3, birth="12/31/1975")]
    problem = only(refused(write_csv(tmp_path / "list.csv", rows)))
    assert (problem.row, problem.column) == (FIRST_ROW + 1, "Ngày sinh")
    assert problem.message.startswith("birth dates are written month first (m/d/yyyy")
    # One day over 12 shows the list is day first: a date like 5/13 is then just not real.
    rows.append(voter(4, birth="13/05/1960"))
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert [r.birth for r in parsed.rows] == ["05/12/1960", "1960", "1975", "13/05/1960"]


def test_birth_written_as_00_00_year_is_a_year(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][2] = "00/00/1945"
    rows[1][2] = "1945-07-02"
    rows[2][2] = "2.9.1945"
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert parsed.warnings == []
    assert [(r.birth, r.birth_year, r.birth_date) for r in parsed.rows[:3]] == [
        ("1945", 1945, None),
        ("02/07/1945", 1945, date(1945, 7, 2)),
        ("02/09/1945", 1945, date(1945, 9, 2)),
    ]


def test_under_18_on_election_day_warns(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][2] = "16/03/2008"  # 18 the day after the election
    rows[1][2] = "15/03/2008"  # 18 on the day: may vote
    rows[2][2] = "2009"
    rows[3][2] = "2008"  # a year alone: may be 18 already, no warning
    rows[4][2] = "01/01/2027"
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert [(w.row, w.column, w.message) for w in parsed.warnings if isinstance(w, ListProblem)] == [
        (FIRST_ROW, "Ngày sinh", "voter is under 18 on election day (aged 17)"),
        (FIRST_ROW + 2, "Ngày sinh", "voter born in 2009 is under 18 on election day"),
        (FIRST_ROW + 4, "Ngày sinh", "birth date 01/01/2027 is after election day"),
    ]
    assert parsed.rows[0].birth_date == date(2008, 3, 16)


def test_malformed_and_duplicate_ids_warn(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][7] = "12345"
    rows[1][7] = "00114865432A"
    rows[2][7] = "1058111222"  # lost its leading zeros in a CSV exported from a number cell
    rows[3][7] = "001058111222"  # the same as row 10 once its zeros are back
    rows[4][7] = "0912345678"  # a phone number
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert [(w.row, w.column, w.message) for w in parsed.warnings if isinstance(w, ListProblem)] == [
        (FIRST_ROW, "Số định danh cá nhân", "ID number has 5 digits, not 12"),
        (FIRST_ROW + 1, "Số định danh cá nhân", "ID number is not all digits"),
        (FIRST_ROW + 3, "Số định danh cá nhân", f"ID number is the same as on row {FIRST_ROW + 2}"),
        (FIRST_ROW + 4, "Số định danh cá nhân", "ID number is not a personal ID (no province code)"),
    ]
    # A duplicate keeps its number: which of the two is right is for the team to find out.
    assert [r.id_number for r in parsed.rows] == [None, None, "001058111222", "001058111222", None]


def test_ids_kept_as_text_by_excel_tricks_and_spaces(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][7] = "'001160123456"
    rows[1][7] = '="001148654321"'
    rows[2][7] = "001 058 111 222"
    rows[3][0] = "4."
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert parsed.warnings == []
    assert [r.id_number for r in parsed.rows[:3]] == ["001160123456", "001148654321", "001058111222"]
    assert parsed.rows[3].list_no == 4


@pytest.mark.parametrize(
    "id_header",
    ["Số CMND/CCCD", "CCCD", "Số CCCD/CMND", "Căn cước", "CMND", "Mã định danh", "Số CCCD (12 số) của cử tri"],
)
def test_an_id_column_under_another_name_is_the_id_column_not_a_note(tmp_path: Path, id_header: str) -> None:
    header = [*HEADER[:7], id_header, *HEADER[8:]]
    parsed = read(write_csv(tmp_path / "list.csv", five_voters(), header=header))
    assert [r.id_number for r in parsed.rows] == ["001160123456", "001148654321", "001058111222", None, "001200999888"]
    assert all(not any(c.isdigit() for c in r.note) for r in parsed.rows)  # no ID number kept as a note
    assert parsed.warnings == []


def test_a_second_id_column_refuses_the_file(tmp_path: Path) -> None:
    header = [*HEADER, "Ngày cấp CCCD", "Số CMND cũ"]  # a card's issue date holds no ID number: a note
    rows = [[*row, "01/02/2021", "012345678"] for row in five_voters()]
    problem = only(refused(write_csv(tmp_path / "list.csv", rows, header=header)))
    assert (problem.row, problem.column) == (HEADER_ROW, "Số CMND cũ")
    assert problem.message == (
        "a second column of ID numbers besides 'Số định danh cá nhân'; "
        "ID numbers are kept from one column only: remove one of the two"
    )


def test_an_id_written_as_a_decimal_number_in_a_csv(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][7] = "1160123456.0"  # a CSV written from a number column (pandas), zeros lost
    rows[1][7] = "001148654321.0"
    rows[2][7] = "1.05811E+09"  # Excel's scientific notation lost digits: no ID
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert [r.id_number for r in parsed.rows[:3]] == ["001160123456", "001148654321", None]
    warning = only(parsed.warnings)
    assert (warning.row, warning.message) == (FIRST_ROW + 2, "ID number is not all digits")


def test_unknown_gender_warns(tmp_path: Path) -> None:
    rows = five_voters()
    rows[1][3] = "M"
    rows[2][3] = ""
    rows[3][3] = " nữ "
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert [(w.row, w.column, w.message) for w in parsed.warnings if isinstance(w, ListProblem)] == [
        (FIRST_ROW + 1, "Giới tính", "gender 'M' is not Nam or Nữ"),
        (FIRST_ROW + 2, "Giới tính", "gender is empty (expected Nam or Nữ)"),
    ]
    assert [r.gender for r in parsed.rows] == ["Nữ", "", "", "Nữ", "Nam"]


def test_warnings_do_not_quote_names_or_id_numbers(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][7] = "0011601234"
    rows[3][7] = "001160123456"
    rows[1][7] = "001160123456"
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert parsed.warnings
    for warning in parsed.warnings:
        assert "001160123456" not in str(warning) and "Hoa" not in str(warning)


# --- XLSX ---------------------------------------------------------------------------------------


def typed_rows() -> list[list[Cell]]:
    """What Excel makes of a list someone edited: numbers, dates and IDs without their zeros."""
    return [
        voter(12.0, "Nguyễn Thị Hoa", datetime(1960, 5, 12), "Nữ", 1160123456),
        voter(13, "Trần Văn Hùng", 1958, "Nam", 1058111222.0),
        voter(14, "Lò Văn Pọm", datetime(1950, 1, 2), "Nam", 14050123456, ballots=("x", "X", None)),
    ]


def test_xlsx_typed_cells_are_read_as_what_they_mean(tmp_path: Path) -> None:
    parsed = read(write_xlsx(tmp_path / "list.xlsx", typed_rows()))
    hoa, hung, pom = parsed.rows
    assert [r.list_no for r in parsed.rows] == [12, 13, 14]
    assert (hoa.birth, hoa.birth_year, hoa.birth_date) == ("12/05/1960", 1960, date(1960, 5, 12))
    assert (hung.birth, hung.birth_year, hung.birth_date) == ("1958", 1958, None)
    assert [r.id_number for r in parsed.rows] == ["001160123456", "001058111222", "014050123456"]
    assert pom.ballots == Ballots(national=True, city=True, ward=False)
    assert (parsed.station_no, parsed.ward) == (7, "phường Láng")
    assert parsed.warnings == []


def test_xlsx_typed_and_csv_text_of_the_same_list_hash_the_same(tmp_path: Path) -> None:
    as_text = [
        voter("12", "Nguyễn Thị Hoa", "12/05/1960", "Nữ", "001160123456"),
        voter("13", "Trần Văn Hùng", "1958", "Nam", "001058111222"),
        voter("14", "Lò Văn Pọm", "02/01/1950", "Nam", "014050123456", ballots=("x", "x", "")),
    ]
    from_xlsx = read(write_xlsx(tmp_path / "list.xlsx", typed_rows()))
    from_csv = read(write_csv(tmp_path / "list.csv", as_text))
    assert from_xlsx.rows == from_csv.rows
    assert from_xlsx.content_sha256 == from_csv.content_sha256


def test_xlsx_errors_name_excel_rows_and_columns(tmp_path: Path) -> None:
    rows: list[list[Cell]] = [*typed_rows(), voter(12.5, "Vi Thị Mai"), voter(13, None)]
    problems = refused(write_xlsx(tmp_path / "list.xlsx", rows))
    assert [(p.row, p.column, p.message) for p in problems] == [
        (FIRST_ROW + 3, "STT", "STT is not a number"),
        (FIRST_ROW + 4, "STT", f"STT 13 is used twice: rows {FIRST_ROW + 1} and {FIRST_ROW + 4}"),
        (FIRST_ROW + 4, "Họ và tên", "name is empty"),
    ]


def test_xlsx_blank_rows_keep_excel_numbering(tmp_path: Path) -> None:
    rows: list[list[Cell]] = [typed_rows()[0], [], [], typed_rows()[1]]
    parsed = read(write_xlsx(tmp_path / "list.xlsx", rows))
    assert [r.source_row for r in parsed.rows] == [FIRST_ROW, FIRST_ROW + 3]


def test_xlsx_cells_merged_down_over_voters_count_for_each_of_them(tmp_path: Path) -> None:
    """A Tổ dân phố and a ballot's "x" merged over four voters, as printed lists often do."""
    rows = [voter(n, f"Cử tri {n}", ballots=("x", "x", "x")) for n in range(1, 7)]
    for row in rows[1:4]:
        row[8] = None  # the Tổ dân phố cell under the merge
        row[11] = None  # and the ward ballot's
    rows[0][8] = "Tổ dân phố 22"
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    workbook = openpyxl.load_workbook(path)
    for column in ("I", "L"):
        workbook.active.merge_cells(f"{column}{FIRST_ROW}:{column}{FIRST_ROW + 3}")
    workbook.save(path)

    parsed = read(path)

    assert [r.group for r in parsed.rows] == ["Tổ dân phố 22"] * 4 + ["Tổ dân phố 1"] * 2
    assert all(r.ballots.ward for r in parsed.rows)
    assert parsed.warnings == []


def test_xlsx_a_merge_running_past_the_last_voter_adds_no_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", [voter(n, f"Cử tri {n}") for n in range(1, 5)])
    workbook = openpyxl.load_workbook(path)
    for row in range(FIRST_ROW + 1, FIRST_ROW + 4):
        workbook.active[f"I{row}"] = None
    workbook.active.merge_cells(f"I{FIRST_ROW}:I{FIRST_ROW + 9}")  # six rows past the fourth voter
    workbook.save(path)
    parsed = read(path)
    assert [r.list_no for r in parsed.rows] == [1, 2, 3, 4]
    assert {r.group for r in parsed.rows} == {"Tổ dân phố 1"}


def test_xlsx_cells_merged_over_the_header_and_title_are_left_as_written(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", [voter(1), voter(2)])
    workbook = openpyxl.load_workbook(path)
    workbook.active.merge_cells("A1:A3")  # the title block, down a column, above the header
    workbook.active.merge_cells(f"A{FIRST_ROW + 1}:B{FIRST_ROW + 1}")  # across columns: not filled
    workbook.save(path)
    problems = refused(path)
    assert [(p.row, p.column) for p in problems] == [(FIRST_ROW + 1, "Họ và tên")]  # name empty, as written


def rewrite_part(path: Path, part: str, pattern: bytes, replacement: bytes) -> Path:
    """A copy of the workbook with one regex substitution in one of its XML parts."""
    target = path.with_name("rewritten-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                data, count = re.subn(pattern, replacement, data)
                assert count == 1, f"{pattern!r} not in {part}"
            copy.writestr(item, data)
    return target


def test_xlsx_with_a_wrong_stored_size_is_read_whole(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", typed_rows())
    broken = rewrite_part(path, "xl/worksheets/sheet1.xml", rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1:B3"')
    parsed = read(broken)
    assert [r.list_no for r in parsed.rows] == [12, 13, 14]
    assert parsed.rows[2].id_number == "014050123456"


def test_openpyxl_warnings_on_odd_workbooks_do_not_stop_the_import(tmp_path: Path) -> None:
    """A workbook without a default style, and a date cell whose serial is out of range: openpyxl warns
    about both (pytest makes warnings errors); the first says nothing about the list, the second
    reaches the clerk as a birth-date warning."""
    path = write_xlsx(tmp_path / "list.xlsx", typed_rows())
    no_style = rewrite_part(path, "xl/styles.xml", rb"<cellStyles .*</cellStyles>", b"")
    odd = rewrite_part(no_style, "xl/worksheets/sheet1.xml", rb'(<c r="C8" s="\d+" t="n"><v>)\d+', rb"\g<1>99999999")
    parsed = read(odd)
    assert [r.list_no for r in parsed.rows] == [12, 13, 14]
    warning = only(parsed.warnings)
    assert (warning.row, warning.column) == (FIRST_ROW, "Ngày sinh")
    assert warning.message == "birth date '#VALUE!' is not dd/mm/yyyy or yyyy"


def test_xlsx_list_on_a_second_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Hướng dẫn"
    workbook.active.append(["Điền danh sách ở trang sau"])
    sheet = workbook.create_sheet("KVBP 07")
    for line in [*TITLE, HEADER, *typed_rows()]:
        sheet.append(line or [None])
    workbook.save(tmp_path / "list.xlsx")
    assert [r.list_no for r in read(tmp_path / "list.xlsx").rows] == [12, 13, 14]


# --- one property: what the hash sees -----------------------------------------------------------

NAME_WORDS = st.sampled_from(["Nguyễn", "Trần", "Lê", "Thị", "Văn", "Hoà", "Thuỷ", "Đức", "Ngọc", "Hưng", "Pọm"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(st.lists(NAME_WORDS, min_size=2, max_size=4).map(" ".join), min_size=1, max_size=12),
    nfd=st.booleans(),
    reverse=st.booleans(),
)
def test_csv_and_xlsx_of_any_list_agree(tmp_path: Path, names: list[str], nfd: bool, reverse: bool) -> None:
    rows = [voter(i + 1, unicodedata.normalize("NFD", n) if nfd else n) for i, n in enumerate(names)]
    from_csv = read(write_csv(tmp_path / "p.csv", rows[::-1] if reverse else rows))
    from_xlsx = read(write_xlsx(tmp_path / "p.xlsx", rows))
    assert [r.name for r in from_xlsx.rows] == names
    assert from_csv.content_sha256 == from_xlsx.content_sha256


# --- problems are templates, for the interface to translate --------------------------------------


def test_a_date_that_is_not_real_and_a_year_too_old_or_young_make_one_warning(tmp_path: Path) -> None:
    rows = five_voters()
    rows[0][2] = "31/02/1890"
    rows[1][2] = "30/02/2010"
    parsed = read(write_csv(tmp_path / "list.csv", rows))
    assert [(w.row, w.message) for w in parsed.warnings if isinstance(w, ListProblem)] == [
        (
            FIRST_ROW,
            "birth date '31/02/1890' is not a real date; birth year 1890 is more than 120 years before election day",
        ),
        (FIRST_ROW + 1, "birth date '30/02/2010' is not a real date; voter born in 2010 is under 18 on election day"),
    ]
    assert [w.params for w in parsed.warnings if isinstance(w, ListProblem)] == [
        {"value": "31/02/1890", "year": 1890, "years": 120},
        {"value": "30/02/2010", "year": 2010},
    ]


def test_a_problem_is_a_template_and_its_values(tmp_path: Path) -> None:
    rows = five_voters()
    rows[3][0] = "2"
    problem = only(refused(write_csv(tmp_path / "list.csv", rows)))
    assert problem.template == "STT {value} is used twice: rows {first_row} and {row}"
    assert problem.params == {"value": 2, "first_row": FIRST_ROW + 1, "row": FIRST_ROW + 3}
    assert problem.message == f"STT 2 is used twice: rows {FIRST_ROW + 1} and {FIRST_ROW + 3}"


def test_a_problem_made_from_a_plain_message_still_works() -> None:
    problem = ListProblem("list.csv", 3, "STT", "STT 4 is already taken")
    assert (problem.template, problem.params, problem.message) == (
        "STT 4 is already taken",
        {},
        "STT 4 is already taken",
    )
    assert str(problem) == "list.csv, row 3, column 'STT': STT 4 is already taken"


def test_every_template_the_reader_has_is_in_the_ts() -> None:
    """The reader's source, read as lupdate reads it: every marked template has a translation.

    read() checks the problems the tests above provoke; this also covers a message no test reaches.
    """
    source = (Path(__file__).resolve().parents[2] / "clerk_app" / "storage" / "listfile.py").read_text(encoding="utf-8")
    literals = r'(?:"(?:[^"\\]|\\.)*"\s*)+'
    marked = re.findall(rf'QT_TRANSLATE_NOOP\(\s*"ListProblem",\s*({literals}),?\s*\)', source)
    calls = source.count("QT_TRANSLATE_NOOP(") - source.count('QT_TRANSLATE_NOOP("ListProblem", ...)')  # docstring
    assert len(marked) == calls
    templates = ["".join(re.findall(r'"((?:[^"\\]|\\.)*)"', text)) for text in marked]
    assert len(templates) >= 40
    assert [t for t in templates if not ts_list_problems().get(t)] == []
