"""Registering what the public page shows: places (add-station options, import-stations CSV) and
the where-do-I-vote index a station's list fills, with the command run as the ward runs it."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from clerk_app.generate import generate_voters, write_csv
from clerk_app.model import ListRow
from tests.ward_server.support import REPO, run_cli
from ward_server import places, where
from ward_server.cli import main

SAMPLE_LIST = REPO / "tests" / "data" / "kvbp-07-phuong-lang.csv"
HEADER = "number,name,place,address,latitude,longitude,groups,contact"


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    """The command in process (main), for the many cases; a few tests run it as a subprocess."""
    try:
        code = main([*args, "--data-dir", str(data_dir)])
    except SystemExit as exc:  # argparse refusing the arguments
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def generated_list(tmp_path: Path, station: int, count: int, seed: int = 7) -> tuple[Path, list[ListRow]]:
    rows = generate_voters(count, seed=seed, station_no=station)
    path = tmp_path / f"kvbp-{station:02d}-{seed}.csv"
    write_csv(rows, path, station_no=station, ward="phường Láng", city="thành phố Hà Nội")
    return path, rows


def indexable(rows: list[ListRow]) -> list[ListRow]:
    """The rows where-do-I-vote can find: with an ID number and a birth year."""
    return [r for r in rows if r.id_number and r.birth_year]


def read_place(data_dir: Path, station: int) -> places.Place:
    conn = sqlite3.connect(data_dir / "ward.db")
    try:
        return places.load(conn, station)
    finally:
        conn.close()


def station_of(data_dir: Path, id_number: str, birth_year: int) -> int | None:
    key = where.load_key(data_dir)
    assert key is not None
    conn = sqlite3.connect(data_dir / "ward.db")
    try:
        return where.lookup(conn, where.where_key(key, id_number, birth_year))
    finally:
        conn.close()


def index_counts(data_dir: Path) -> dict[int, int]:
    conn = sqlite3.connect(data_dir / "ward.db")
    try:
        return dict(conn.execute("SELECT station, COUNT(*) FROM where_index GROUP BY station").fetchall())
    finally:
        conn.close()


# -- add-station options ------------------------------------------------------------------------


def test_add_station_publishes_the_place_and_keeps_it_when_run_again(tmp_path: Path) -> None:
    done = run_cli(
        tmp_path,
        *("add-station", "3", "--name", "Nhà văn hoá tổ 3", "--json"),
        *("--place", "Hội trường  Nhà văn hoá\ttổ 3", "--address", "Số 5 ngõ 105 Láng Hạ, Đống Đa"),
        *(
            "--lat",
            "21.0245",
            "--lon",
            "105.8012",
            "--groups",
            "Tổ 3, Tổ 4;Tổ 4,,",
            "--contact",
            "Tổ trưởng: 0912 345 678",
        ),
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["station"] == 3
    expected = places.Place(
        place="Hội trường Nhà văn hoá tổ 3",  # whitespace collapsed
        address="Số 5 ngõ 105 Láng Hạ, Đống Đa",
        latitude=21.0245,
        longitude=105.8012,
        groups=("Tổ 3", "Tổ 4"),  # separators either way, repeats and blanks dropped
        contact="Tổ trưởng: 0912 345 678",
    )
    assert read_place(tmp_path, 3) == expected
    # Again for a replacement laptop's code: what is not given stays; an empty value clears.
    again = run_cli(tmp_path, "add-station", "3", "--name", "Nhà văn hoá tổ 3", "--contact", "", "--json")
    assert again.returncode == 0, again.stderr
    assert read_place(tmp_path, 3) == dataclasses.replace(expected, contact=None)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--lat", "105.8", "--lon", "21.02"), "--lat: 105.8 is not a latitude"),  # swapped
        (("--lat", "21.02", "--lon", "181"), "--lon: 181 is not a longitude"),
        (("--lat", "21.02"), "--lon: is needed with --lat"),
        (("--lon", "105.8"), "--lat: is needed with --lon"),
        (("--lat", "nan", "--lon", "105.8"), "--lat: nan is not a latitude"),
        (("--lat", "21°01'", "--lon", "105.8"), "--lat: '21°01'' is not a latitude in decimal degrees"),
        (("--place", "x" * 301), "--place: is 301 characters long"),
        (("--contact", "a\x07b"), "--contact: contains control characters"),
    ],
)
def test_bad_place_options_exit_2_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], message: str
) -> None:
    assert cli(capsys, tmp_path, "add-station", "4", "--name", "Khu vực 4", "--place", "Cũ")[0] == 0
    code, _, err = cli(capsys, tmp_path, "add-station", "4", "--name", "Tên mới", *options)
    assert code == 2
    assert message in err
    assert read_place(tmp_path, 4).place == "Cũ"
    listing = json.loads(cli(capsys, tmp_path, "stations", "--json")[1])
    assert [(s["name"], s["unused_codes"]) for s in listing["stations"]] == [("Khu vực 4", 1)]


def test_a_decimal_comma_is_taken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, tmp_path, "add-station", "5", "--name", "KV 5", "--lat", "21,0245", "--lon", "105,8")
    assert code == 0, err
    assert (read_place(tmp_path, 5).latitude, read_place(tmp_path, 5).longitude) == (21.0245, 105.8)


# -- the where-do-I-vote index ------------------------------------------------------------------


def test_the_sample_list_fills_the_index_with_keyed_hashes_only(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "add-station", "7", "--name", "Khu vực 7", "--voters", str(SAMPLE_LIST), "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    from clerk_app.storage.listfile import read_list_file
    from ward_server.voters import ELECTION_DAY

    rows = read_list_file(SAMPLE_LIST, election_day=ELECTION_DAY).rows
    indexable = {(r.id_number, r.birth_year) for r in rows if r.id_number and r.birth_year}
    without = sum(1 for r in rows if not (r.id_number and r.birth_year))
    assert without > 0  # the sample has voters without an ID number: they are skipped
    assert answer["where_index"] == {
        "entries": len(indexable),
        "not_indexed": without,
        "also_on_other_lists": 0,
        "dropped_stations": [],
    }
    assert index_counts(tmp_path) == {7: len(indexable)}
    for id_number, year in list(indexable)[:50]:
        assert station_of(tmp_path, id_number, year) == 7
        assert station_of(tmp_path, id_number, year + 1) is None
    # Nothing of a voter in ward.db: not the IDs (as text or as the number), not a name.
    database = b"".join(p.read_bytes() for p in tmp_path.glob("ward.db*"))  # with any -wal left
    for id_number, _ in list(indexable)[:200]:
        assert id_number.encode() not in database
        assert int(id_number).to_bytes(8, "big").lstrip(b"\0") not in database
    assert "Nguyễn".encode() not in database
    # The key: beside ward.db, owner-only, and not in it.
    key = where.load_key(tmp_path)
    assert key is not None and key.hex().encode() not in database and key not in database
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / where.KEY_FILENAME).stat().st_mode) == 0o600


def test_registering_a_list_again_replaces_that_stations_entries_only(tmp_path: Path) -> None:
    first, first_rows = generated_list(tmp_path, 3, 300, seed=1)
    second, second_rows = generated_list(tmp_path, 3, 250, seed=2)
    other, other_rows = generated_list(tmp_path, 4, 200, seed=1)
    for station, path in ((3, first), (4, other), (3, second)):
        done = run_cli(tmp_path, "add-station", str(station), "--name", f"KV {station}", "--voters", str(path))
        assert done.returncode == 0, done.stderr
    assert index_counts(tmp_path) == {3: len(indexable(second_rows)), 4: len(indexable(other_rows))}
    for row in indexable(first_rows)[:20]:
        assert row.id_number and row.birth_year
        assert station_of(tmp_path, row.id_number, row.birth_year) is None
    for rows, station in ((second_rows, 3), (other_rows, 4)):
        for row in indexable(rows)[:20]:
            assert row.id_number and row.birth_year
            assert station_of(tmp_path, row.id_number, row.birth_year) == station


def test_rows_without_an_id_are_skipped_and_a_voter_on_two_lists_is_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = generate_voters(120, seed=3, station_no=5)
    rows = [dataclasses.replace(r, id_number=None) if r.list_no % 10 == 0 else r for r in rows]
    path = tmp_path / "kv5.csv"
    write_csv(rows, path, station_no=5, ward="phường Láng", city="thành phố Hà Nội")
    moved = indexable(rows)[0]
    other = generate_voters(20, seed=3, station_no=6)
    other[0] = dataclasses.replace(other[0], id_number=moved.id_number, birth=moved.birth, birth_year=moved.birth_year)
    other_path = tmp_path / "kv6.csv"
    write_csv(other, other_path, station_no=6, ward="phường Láng", city="thành phố Hà Nội")

    code, out, err = cli(capsys, tmp_path, "add-station", "5", "--name", "KV 5", "--voters", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["where_index"]["not_indexed"] == len(rows) - len(indexable(rows))
    assert json.loads(out)["where_index"]["entries"] == len(indexable(rows)) < 120 - 12
    code, out, err = cli(capsys, tmp_path, "add-station", "6", "--name", "KV 6", "--voters", str(other_path))
    assert code == 0, err
    assert "1 cử tri cũng có trong danh sách của khu vực khác" in out
    assert moved.id_number and moved.birth_year
    assert station_of(tmp_path, moved.id_number, moved.birth_year) == 6  # the latest list registered


def test_a_lost_key_drops_the_entries_it_made_and_says_whose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = generated_list(tmp_path, 1, 50)
    second, second_rows = generated_list(tmp_path, 2, 40)
    assert cli(capsys, tmp_path, "add-station", "1", "--name", "KV 1", "--voters", str(first))[0] == 0
    (tmp_path / where.KEY_FILENAME).unlink()
    code, out, _ = cli(capsys, tmp_path, "add-station", "2", "--name", "KV 2", "--voters", str(second), "--json")
    assert code == 0
    assert json.loads(out)["where_index"]["dropped_stations"] == [1]
    assert index_counts(tmp_path) == {2: len(indexable(second_rows))}
    row = indexable(second_rows)[0]
    assert row.id_number and row.birth_year
    assert station_of(tmp_path, row.id_number, row.birth_year) == 2


def test_a_damaged_key_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = generated_list(tmp_path, 1, 30)
    (tmp_path / where.KEY_FILENAME).write_text("not a key\n", encoding="ascii")
    code, _, err = cli(capsys, tmp_path, "add-station", "1", "--name", "KV 1", "--voters", str(first))
    assert code == 1 and "where.key" in err


# -- import-stations ----------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "stations.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


GOOD = (
    f"{HEADER}\r\n"
    '1,Nhà văn hoá tổ 1,Hội trường tổ 1,"Số 1 ngõ 2 Láng, Đống Đa",21.0201,105.8011,"Tổ 1, Tổ 2",'
    "Tổ trưởng: 0912 000 001\r\n"
    "2,Trường Tiểu học Láng Thượng,,,,,Tổ 3,\r\n"
    "\r\n"
    '3,"Trường THCS Láng Thượng",Hội trường A,Số 3 Chùa Láng,21.03,105.79,Tổ 4;Tổ 5,\r\n'
)


def test_import_stations_creates_updates_and_issues_codes_for_new_stations_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, tmp_path, "add-station", "2", "--name", "Cũ", "--voter-count", "2105", "--place", "Cũ")[0] == 0
    path = write(tmp_path, "\ufeff" + GOOD)  # with the byte-order mark Excel writes
    code, out, err = cli(capsys, tmp_path, "import-stations", str(path), "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["imported"] == 3
    codes = {s["station"]: s["enrollment_code"] for s in answer["stations"]}
    assert codes[1] and codes[3] and codes[2] is None  # station 2 was known: no new code
    listing = {s["station"]: s for s in json.loads(cli(capsys, tmp_path, "stations", "--json")[1])["stations"]}
    assert listing[2]["name"] == "Trường Tiểu học Láng Thượng" and listing[2]["voters"] == 2105
    assert (listing[2]["unused_codes"], listing[1]["unused_codes"]) == (1, 1)
    assert read_place(tmp_path, 1) == places.Place(
        "Hội trường tổ 1", "Số 1 ngõ 2 Láng, Đống Đa", 21.0201, 105.8011, ("Tổ 1", "Tổ 2"), "Tổ trưởng: 0912 000 001"
    )
    assert read_place(tmp_path, 2) == places.Place(groups=("Tổ 3",))  # empty cells clear what was there
    assert read_place(tmp_path, 3).groups == ("Tổ 4", "Tổ 5")
    # Imported again: nothing new is issued.
    code, out, _ = cli(capsys, tmp_path, "import-stations", str(path), "--json")
    assert code == 0 and all(s["enrollment_code"] is None for s in json.loads(out)["stations"])


def test_import_stations_reads_semicolons_and_columns_in_any_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "name;number;latitude;longitude\nNhà văn hoá tổ 9;9;21,0245;105,8012\n"  # Excel set to Vietnamese
    code, _, err = cli(capsys, tmp_path, "import-stations", str(write(tmp_path, text)))
    assert code == 0, err
    assert (read_place(tmp_path, 9).latitude, read_place(tmp_path, 9).longitude) == (21.0245, 105.8012)


BAD_FILES = [
    (f"{HEADER}\n1,KV 1,,,91,105.8,,\n", ["row 2, column latitude: 91 is not a latitude"]),
    (f"{HEADER}\n1,KV 1,,,21,-190,,\n", ["row 2, column longitude: -190 is not a longitude"]),
    (f"{HEADER}\n1,KV 1,,,21.02,,,\n", ["row 2, column longitude: is needed with latitude"]),
    (f"{HEADER}\n1,KV 1,,,,105.8,,\n", ["row 2, column latitude: is needed with longitude"]),
    (f"{HEADER}\nbảy,KV 7,,,,,,\n0,KV 0,,,,,,\n", ["row 2, column number: 'bảy'", "row 3, column number: '0'"]),
    (f"{HEADER}\n1,,,,,,,\n", ["row 2, column name: empty"]),
    (f"{HEADER}\n1,KV 1,,,,,,\n2,KV 2,,,,,,\n1,KV 1b,,,,,,\n", ["row 4, column number: station 1 is already on row 2"]),
    ("number,name,toa_do\n1,KV 1,x\n", ["row 1, column 'toa_do': unknown column"]),
    ("number,place\n1,Hội trường\n", ["row 1, column name: missing"]),
    ("number,name,name\n1,a,b\n", ["row 1, column name: appears twice"]),
    (f"{HEADER}\n1,KV 1,,,,,,,extra\n", ["row 2: 9 cells, more than the header's columns"]),
    (f"{HEADER}\n", ["no stations below the header row"]),
    ("", ["the file is empty"]),
    (f'{HEADER}\n1,"KV 1,,,,,,\n', ["row 2: not readable as CSV"]),
]


@pytest.mark.parametrize(("text", "messages"), BAD_FILES)
def test_a_bad_stations_file_names_file_row_and_column_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, messages: list[str]
) -> None:
    assert cli(capsys, tmp_path, "add-station", "1", "--name", "Trước", "--place", "Trước")[0] == 0
    before = (tmp_path / "ward.db").read_bytes()
    path = write(tmp_path, text)
    code, out, err = cli(capsys, tmp_path, "import-stations", str(path))
    assert code == 2, out
    assert "nothing was imported" in err
    for message in messages:
        assert f"{path}, {message}" in err or f"{path}: {message}" in err, err
    assert (tmp_path / "ward.db").read_bytes() == before
    assert read_place(tmp_path, 1).place == "Trước"
    listing = json.loads(cli(capsys, tmp_path, "stations", "--json")[1])["stations"]
    assert [(s["station"], s["name"], s["unused_codes"]) for s in listing] == [(1, "Trước", 1)]


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = f"{HEADER}\n1,KV 1,,,95,105,,\n2,,,,,,,\n3,KV 3,,,21,,,\n4,KV 4,ok,,,,,\n"
    code, _, err = cli(capsys, tmp_path, "import-stations", str(write(tmp_path, text)))
    assert code == 2
    assert "3 problem(s)" in err
    assert "row 2, column latitude" in err and "row 3, column name" in err and "row 4, column longitude" in err
    assert not (tmp_path / "ward.db").exists() or json.loads(cli(capsys, tmp_path, "stations", "--json")[1]) == {
        "stations": []
    }


def test_a_file_that_is_not_utf8_is_refused_as_a_subprocess_would_see_it(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n1,Nhà A,,,,,,\n", encoding="cp1252")  # "à" is one byte there
    done = run_cli(tmp_path, "import-stations", str(path))
    assert done.returncode == 2
    assert f"{path}, row 2: not UTF-8 text" in done.stderr
    missing = run_cli(tmp_path, "import-stations", str(tmp_path / "none.csv"))
    assert missing.returncode == 2 and "none.csv" in missing.stderr
