"""The synthetic voter-list generator: deterministic, realistic in shape, and written like the ward's files."""

from __future__ import annotations

import csv
import dataclasses
import itertools
import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app import generate
from clerk_app.generate import generate_voters, write_csv, write_xlsx
from clerk_app.model import Ballots, ListRow
from clerk_app.storage.listfile import read_list_file

SAMPLES = Path(__file__).resolve().parent / "data"  # copies of ../shared/samples
SAMPLE_CSV = SAMPLES / "kvbp-07-phuong-lang.csv"
SAMPLE_XLSX = SAMPLES / "kvbp-07-phuong-lang.xlsx"
ELECTION = date(2026, 3, 15)
PLACE = {"station_no": 7, "ward": "phường Láng", "city": "thành phố Hà Nội"}
HEADER_LINES = 8  # seven title rows and the header


@pytest.fixture(scope="module")
def big() -> list[ListRow]:
    return generate_voters(10_000)


@pytest.fixture(scope="module")
def station() -> list[ListRow]:
    return generate_voters(1_612)


def age_on(day: date, born: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def birthday(born: date, age: int) -> date:
    """The day of the given birthday (29 February counts from 1 March in common years)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return date(born.year + age, 3, 1)


def households(rows: list[ListRow]) -> list[list[ListRow]]:
    """Runs of consecutive rows at one address."""
    return [list(run) for _, run in itertools.groupby(rows, key=lambda r: r.residence or r.temp_residence)]


# ---- determinism and size ------------------------------------------------------------------------


def test_same_seed_same_rows_and_other_seeds_or_stations_differ() -> None:
    first = generate_voters(2_000, seed=11)
    assert first == generate_voters(2_000, seed=11)
    assert first != generate_voters(2_000, seed=12)
    other_station = generate_voters(2_000, seed=11, station_no=8)
    assert first != other_station
    # Stations of one ward get different people: no ID number is shared.
    ids = {r.id_number for r in first} - {None}
    assert not ids & ({r.id_number for r in other_station} - {None})


def test_small_lists_are_deterministic_too() -> None:
    assert generate_voters(37, seed=3) == generate_voters(37, seed=3)


@pytest.mark.parametrize("count", [0, 1, 2, 5, 6, 7, 59, 85, 130, 1_000, 4_001])
def test_size_is_exact_and_numbers_run_from_one(count: int) -> None:
    rows = generate_voters(count)
    assert len(rows) == count
    assert [r.list_no for r in rows] == list(range(1, count + 1))
    assert [r.source_row for r in rows] == [HEADER_LINES + n for n in range(1, count + 1)]


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_voters(-1)


@settings(max_examples=30, deadline=None)
@given(count=st.integers(min_value=0, max_value=400), seed=st.integers(min_value=0, max_value=2**40))
def test_invariants_hold_for_any_size_and_seed(count: int, seed: int) -> None:
    rows = generate_voters(count, seed=seed)
    assert [r.list_no for r in rows] == list(range(1, count + 1))
    seen: set[str] = set()
    for household in households(rows):
        address = household[0].residence or household[0].temp_residence
        assert address not in seen  # one household per address, its rows together
        seen.add(address)
        assert len(household) <= 6
        assert len({r.group for r in household}) == 1
    for r in rows:
        assert bool(r.residence) != bool(r.temp_residence)
        assert r.birth_year is not None
        assert r.birth_year <= ELECTION.year - 18


# ---- the rows are what the importer would produce -------------------------------------------------


def test_rows_are_real_list_rows_equal_to_constructed_ones(station: list[ListRow]) -> None:
    for row in station[:200]:
        twin = ListRow(**{f.name: getattr(row, f.name) for f in dataclasses.fields(ListRow)})
        assert row == twin
        assert hash(row) == hash(twin)
        assert repr(row) == repr(twin)
        with pytest.raises(dataclasses.FrozenInstanceError):
            row.name = "x"  # type: ignore[misc]


def test_the_slow_constructor_path_gives_the_same_list(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = generate_voters(500, seed=5)
    monkeypatch.setattr(generate, "_FAST_ROWS", False)
    assert generate_voters(500, seed=5) == fast


def test_birth_fields_agree(big: list[ListRow]) -> None:
    for r in big:
        if r.birth_date is None:
            assert r.birth == str(r.birth_year)
        else:
            assert r.birth == r.birth_date.strftime("%d/%m/%Y")
            assert r.birth_year == r.birth_date.year
        assert r.gender in ("Nam", "Nữ")
        assert r.ethnicity


# ---- realism ---------------------------------------------------------------------------------------


def test_surname_frequencies_are_national(big: list[ListRow]) -> None:
    surnames = Counter(r.name.split()[0] for r in big)
    share = {name: n / len(big) for name, n in surnames.items()}
    assert 0.31 <= share["Nguyễn"] <= 0.39
    assert 0.08 <= share["Trần"] <= 0.14
    assert 0.07 <= share["Lê"] <= 0.12
    assert 0.05 <= share["Phạm"] <= 0.09
    assert share["Nguyễn"] > share["Trần"] > share["Phạm"]
    assert {"Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"} <= surnames.keys()
    assert surnames.keys() & {"Lò", "Vi", "Sầm", "Nông", "Bế", "Cầm"}  # minority surnames


def test_names_have_two_to_five_words_and_many_women_have_four(big: list[ListRow]) -> None:
    lengths = Counter(len(r.name.split()) for r in big)
    assert set(lengths) <= {2, 3, 4, 5}
    assert lengths[3] > lengths[4] > lengths[2] > 0
    women = [r for r in big if r.gender == "Nữ"]
    four = sum(len(r.name.split()) == 4 for r in women) / len(women)
    assert 0.1 <= four <= 0.3


def test_middle_names_follow_gender_and_generation(big: list[ListRow]) -> None:
    def share(rows: list[ListRow], middle: str) -> float:
        return sum(r.name.split()[1] == middle for r in rows) / len(rows)

    old_men = [r for r in big if r.gender == "Nam" and r.birth_year is not None and r.birth_year < 1960]
    young_men = [r for r in big if r.gender == "Nam" and r.birth_year is not None and r.birth_year >= 1998]
    old_women = [r for r in big if r.gender == "Nữ" and r.birth_year is not None and r.birth_year < 1960]
    young_women = [r for r in big if r.gender == "Nữ" and r.birth_year is not None and r.birth_year >= 1998]
    assert share(old_men, "Văn") > 0.45
    assert share(young_men, "Văn") < 0.2
    assert share(old_women, "Thị") > 0.6
    assert share(young_women, "Thị") < 0.3
    assert not any(r.name.split()[1] == "Thị" for r in big if r.gender == "Nam")
    assert not any(r.name.split()[1] == "Văn" for r in big if r.gender == "Nữ")


def test_namesakes_are_common_in_a_station_list() -> None:
    for seed in range(1, 6):
        names = Counter(r.name for r in generate_voters(1_612, seed=seed))
        assert names.most_common(1)[0][1] >= 3
        assert sum(1 for n in names.values() if n > 1) >= 50
    names = Counter(r.name for r in generate_voters(1_612))
    assert names["Nguyễn Thị Hoa"] >= 2


def test_both_tone_mark_placements_occur(big: list[ListRow]) -> None:
    words = Counter(w for r in big for w in r.name.split())
    for old, new in [("Hòa", "Hoà"), ("Thúy", "Thuý"), ("Thủy", "Thuỷ"), ("Thùy", "Thuỳ")]:
        assert words[old] > 0, old
        assert words[new] > 0, new
        assert old != new and unicodedata.normalize("NFC", old) != unicodedata.normalize("NFC", new)


def test_text_is_nfc(big: list[ListRow]) -> None:
    for r in big:
        for text in (r.name, r.residence, r.temp_residence, r.group, r.ethnicity, r.note):
            assert unicodedata.is_normalized("NFC", text)


def test_households_share_an_address_and_the_family_surname(big: list[ListRow]) -> None:
    runs = households(big)
    sizes = Counter(len(h) for h in runs)
    assert set(sizes) <= set(range(1, 7))
    assert all(sizes[n] > 0 for n in range(1, 7))
    assert 2.3 <= len(big) / len(runs) <= 3.6
    addresses = [h[0].residence or h[0].temp_residence for h in runs]
    assert len(addresses) == len(set(addresses))  # an address is one household, on consecutive rows
    for h in runs:
        assert len({r.group for r in h}) == 1
        assert len({(bool(r.residence), r.ballots, r.note) for r in h}) == 1
    # Children carry the father's surname: nearly every family of three or more shares one.
    families = [h for h in runs if len(h) >= 3 and not h[0].temp_residence]
    shared = sum(Counter(r.name.split()[0] for r in h).most_common(1)[0][1] >= 2 for h in families)
    assert shared / len(families) > 0.9
    # Couples: a man and a woman of similar age at one address.
    couples = [h for h in runs if len(h) == 2 and {r.gender for r in h} == {"Nam", "Nữ"}]
    assert len(couples) > len(runs) / 10


def test_addresses_look_like_hanoi_addresses(big: list[ListRow]) -> None:
    pattern = re.compile(r"^Số \d+, (ngõ \d+ )?(phố|đường) [^,]+, phường Láng, thành phố Hà Nội$")
    for r in big:
        assert pattern.match(r.residence or r.temp_residence), r


def test_residential_groups_scale_with_the_list() -> None:
    for count in (1_612, 4_000, 20_000):
        groups = Counter(r.group for r in generate_voters(count))
        assert min(groups.values()) >= 60 and max(groups.values()) <= 120
        assert set(groups) == {f"Tổ dân phố {n}" for n in range(1, len(groups) + 1)}
    assert {r.group for r in generate_voters(30)} == {"Tổ dân phố 1"}


def test_id_digits_agree_with_birth_year_and_gender(big: list[ListRow]) -> None:
    with_id = [r for r in big if r.id_number is not None]
    assert 0.015 <= 1 - len(with_id) / len(big) <= 0.05  # ~3 % have none
    assert len({r.id_number for r in with_id}) == len(with_id)
    provinces: Counter[str] = Counter()
    for r in with_id:
        assert r.id_number is not None and r.birth_year is not None
        assert re.fullmatch(r"\d{12}", r.id_number)
        century_gender = int(r.id_number[3])
        assert century_gender == (r.birth_year // 100 - 19) * 2 + (r.gender == "Nữ")
        assert r.id_number[4:6] == f"{r.birth_year % 100:02d}"
        provinces[r.id_number[:3]] += 1
    assert 0.7 <= provinces["001"] / len(with_id) <= 0.92  # mostly born in Hà Nội
    assert len(provinces) >= 10


def test_temporary_residents_get_two_ballots_and_the_note(big: list[ListRow]) -> None:
    temporary = [r for r in big if r.temp_residence]
    assert 0.05 <= len(temporary) / len(big) <= 0.11
    for r in big:
        assert bool(r.residence) != bool(r.temp_residence)
        if r.temp_residence:
            assert r.ballots == Ballots(national=True, city=True, ward=False)
            assert r.note == "Tạm trú"
        else:
            assert r.ballots == Ballots()
            assert r.note == ""


def test_every_voter_is_of_age_and_some_just_turned_18(big: list[ListRow]) -> None:
    ages = []
    for r in big:
        assert r.birth_year is not None
        if r.birth_date is None:
            assert r.birth_year <= ELECTION.year - 19  # 18 whatever the day in that year
            ages.append(ELECTION.year - r.birth_year)
        else:
            ages.append(age_on(ELECTION, r.birth_date))
    assert min(ages) == 18 and max(ages) <= 100
    just_18 = [
        r
        for r in big
        if r.birth_date is not None
        and age_on(ELECTION, r.birth_date) == 18
        and (ELECTION - birthday(r.birth_date, 18)).days <= 90
    ]
    assert 0.005 <= len(just_18) / len(big) <= 0.02
    decades = Counter(min(a, 99) // 10 for a in ages)
    assert all(decades[d] > 0.04 * len(big) for d in range(2, 8))  # 20s to 70s well represented


def test_year_only_births_are_about_a_tenth_and_mostly_elderly(big: list[ListRow]) -> None:
    year_only = [r for r in big if r.birth_date is None]
    assert 0.06 <= len(year_only) / len(big) <= 0.14
    elderly = [r for r in year_only if r.birth_year is not None and ELECTION.year - r.birth_year >= 70]
    assert len(elderly) / len(year_only) > 0.75


def test_ethnicity_is_mostly_kinh_with_minorities(big: list[ListRow]) -> None:
    peoples = Counter(r.ethnicity for r in big)
    assert 0.92 <= peoples["Kinh"] / len(big) <= 0.99
    assert {"Tày", "Thái", "Mường", "Hoa", "Nùng"} <= peoples.keys()
    women = sum(r.gender == "Nữ" for r in big) / len(big)
    assert 0.46 <= women <= 0.56


def test_other_places_and_election_days() -> None:
    rows = generate_voters(300, ward="xã Minh Phú", city="thành phố Hà Nội", election_day=date(2031, 2, 28))
    assert {r.group for r in rows} <= {f"Thôn {n}" for n in range(1, 10)}
    assert all(r.residence.endswith("xã Minh Phú, thành phố Hà Nội") for r in rows if r.residence)
    for r in rows:
        if r.birth_date is not None:
            assert age_on(date(2031, 2, 28), r.birth_date) >= 18
    leap = generate_voters(200, election_day=date(2028, 2, 29))
    assert all(r.birth_date is None or age_on(date(2028, 2, 29), r.birth_date) >= 18 for r in leap)
    assert generate.header_names("xã Minh Phú", "tỉnh Lào Cai")[8:12] == [
        "Thôn",
        "Bầu ĐBQH",
        "Bầu HĐND tỉnh",
        "Bầu HĐND xã",
    ]


# ---- files in the ward's shape ---------------------------------------------------------------------


def sample_csv_rows() -> list[list[str]]:
    with SAMPLE_CSV.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_csv_matches_the_sample_shape(tmp_path: Path, station: list[ListRow]) -> None:
    path = tmp_path / "list.csv"
    write_csv(station, path, **PLACE)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, like the sample
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF line ends, like the sample
    assert raw.split(b"\r\n")[:HEADER_LINES] == SAMPLE_CSV.read_bytes().split(b"\r\n")[:HEADER_LINES]
    with path.open(encoding="utf-8-sig", newline="") as f:
        written = list(csv.reader(f))
    assert written[:HEADER_LINES] == sample_csv_rows()[:HEADER_LINES]
    data = written[HEADER_LINES:]
    assert len(data) == len(station)
    for cells, r in zip(data, station, strict=True):
        assert len(cells) == 13
        assert cells[:9] == [
            str(r.list_no),
            r.name,
            r.birth,
            r.gender,
            r.ethnicity,
            r.residence,
            r.temp_residence,
            r.id_number or "",
            r.group,
        ]
        assert cells[9:] == ["x", "x", "x" if r.ballots.ward else "", r.note]


def sheet_rows(path: Path, max_row: int | None = None) -> list[tuple[object, ...]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(row) for row in workbook.active.iter_rows(max_row=max_row, values_only=True)]
    finally:
        workbook.close()


def sheet_names(path: Path) -> list[str]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def test_xlsx_matches_the_sample_shape_and_cell_types(tmp_path: Path, station: list[ListRow]) -> None:
    path = tmp_path / "list.xlsx"
    write_xlsx(station, path, **PLACE)
    written = sheet_rows(path)
    sample = sheet_rows(SAMPLE_XLSX, max_row=HEADER_LINES + 1)

    def trimmed(row: tuple[object, ...]) -> tuple[object, ...]:
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        return tuple(cells)

    assert [trimmed(r) for r in written[:HEADER_LINES]] == [trimmed(r) for r in sample[:HEADER_LINES]]
    assert sheet_names(path) == sheet_names(SAMPLE_XLSX) == ["KVBP 07"]
    data = written[HEADER_LINES:]
    assert len(data) == len(station)
    for row, r in zip(data, station, strict=True):
        cells = row + (None,) * (13 - len(row))  # read-only mode leaves out trailing empty cells
        # Typed like the sample: STT a number, dates and IDs text, empty cells empty.
        assert cells[0] == r.list_no and isinstance(cells[0], int)
        assert cells[1:5] == (r.name, r.birth, r.gender, r.ethnicity)
        assert isinstance(cells[2], str)
        assert cells[5] == (r.residence or None) and cells[6] == (r.temp_residence or None)
        assert cells[7] == r.id_number and (cells[7] is None or isinstance(cells[7], str))
        assert cells[8:] == (r.group, "x", "x", "x" if r.ballots.ward else None, r.note or None)
    # The sample types its first data row the same way.
    assert isinstance(sample[HEADER_LINES][0], int) and isinstance(sample[HEADER_LINES][2], str)


def test_writers_follow_the_station_and_place(tmp_path: Path) -> None:
    rows = generate_voters(20, ward="xã Minh Phú", city="tỉnh Lào Cai", station_no=3)
    place = {"station_no": 3, "ward": "xã Minh Phú", "city": "tỉnh Lào Cai"}
    write_csv(rows, tmp_path / "a.csv", **place)
    write_xlsx(rows, tmp_path / "a.xlsx", **place)
    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[5] == ["Khu vực bỏ phiếu số 03, xã Minh Phú, tỉnh Lào Cai"]
    assert lines[7][8] == "Thôn" and lines[7][10:12] == ["Bầu HĐND tỉnh", "Bầu HĐND xã"]
    assert sheet_rows(tmp_path / "a.xlsx")[5][0] == "Khu vực bỏ phiếu số 03, xã Minh Phú, tỉnh Lào Cai"


@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_the_station_importer_reads_back_exactly_the_generated_rows(
    tmp_path: Path, station: list[ListRow], writer: object
) -> None:
    path = tmp_path / ("list.csv" if writer is write_csv else "list.xlsx")
    assert callable(writer)
    writer(station, path, **PLACE)
    parsed = read_list_file(path, election_day=ELECTION)
    assert parsed.rows == station  # source rows, NFC names, ballots, notes: all equal
    assert parsed.warnings == []
    assert (parsed.station_no, parsed.ward) == (7, "phường Láng")
