"""The ward-server command: add-station, stations, and what goes in the log."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ward_server.support import REPO, WardProcess, election_time, free_port, run_cli

SAMPLE_LIST = REPO / "tests" / "data" / "kvbp-07-phuong-lang.csv"


def test_add_station_prints_a_one_time_code_as_json(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "add-station", "3", "--name", "Nhà văn hoá tổ 3", "--voter-count", "1450", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["station"] == 3
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", answer["enrollment_code"])
    listing = json.loads(run_cli(tmp_path, "stations", "--json").stdout)
    assert listing["stations"] == [
        {
            "station": 3,
            "name": "Nhà văn hoá tổ 3",
            "voters": 1450,
            "devices": 0,
            "unused_codes": 1,
            "last_contact_at": None,
        }
    ]


def test_add_station_again_renames_keeps_the_count_and_adds_a_code(tmp_path: Path) -> None:
    run_cli(tmp_path, "add-station", "4", "--name", "Cũ", "--voter-count", "900")
    done = run_cli(tmp_path, "add-station", "4", "--name", "Trường Tiểu học Láng", "--json")
    assert done.returncode == 0, done.stderr
    (station,) = json.loads(run_cli(tmp_path, "stations", "--json").stdout)["stations"]
    assert (station["name"], station["voters"], station["unused_codes"]) == ("Trường Tiểu học Láng", 900, 2)


def test_text_output_is_vietnamese(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "add-station", "5", "--name", "Nhà văn hoá tổ 5")
    assert "Mã đăng ký máy (dùng một lần):" in done.stdout
    assert "KV 05  Nhà văn hoá tổ 5" in run_cli(tmp_path, "stations").stdout


def test_voters_file_gives_the_count_only(tmp_path: Path) -> None:
    pytest.importorskip("clerk_app.storage.listfile")
    done = run_cli(tmp_path, "add-station", "7", "--name", "Khu vực 7", "--voters", str(SAMPLE_LIST), "--json")
    assert done.returncode == 0, done.stderr
    (station,) = json.loads(run_cli(tmp_path, "stations", "--json").stdout)["stations"]
    assert station["voters"] > 1000
    database = (tmp_path / "ward.db").read_bytes()
    first_name = "Nguyễn".encode()  # the sample list is full of them; none may reach ward.db
    assert first_name not in database


def test_voters_file_of_another_station_exits_2(tmp_path: Path) -> None:
    pytest.importorskip("clerk_app.storage.listfile")
    done = run_cli(tmp_path, "add-station", "8", "--name", "Khu vực 8", "--voters", str(SAMPLE_LIST))
    assert done.returncode == 2
    assert "station 7" in done.stderr
    assert json.loads(run_cli(tmp_path, "stations", "--json").stdout)["stations"] == []


def test_missing_voters_file_exits_2(tmp_path: Path) -> None:
    pytest.importorskip("clerk_app.storage.listfile")
    done = run_cli(tmp_path, "add-station", "9", "--name", "Khu vực 9", "--voters", str(tmp_path / "none.csv"))
    assert done.returncode == 2 and "none.csv" in done.stderr


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    assert run_cli(tmp_path, "add-station", "0", "--name", "x").returncode == 2
    assert run_cli(tmp_path, "add-station", "5", "--name", "   ").returncode == 2
    assert run_cli(tmp_path, "add-station", "5").returncode == 2
    assert run_cli(tmp_path, "--tls-cert", "cert.pem").returncode == 2


def test_log_has_no_tokens_secrets_or_codes(ward: WardProcess, station_no: int) -> None:
    code = ward.add_station(station_no, "Khu vực nhật ký")
    answer = ward.enroll(station_no, code, f"dev-log-{station_no}").json()
    device = ward.device(station_no)
    device.post(device.chain.check_ins([1, 2], election_time(8)))
    device.read_events()
    logs = ward.logs_once_written(f"GET /api/v1/stations/{station_no}/events")  # the last request
    assert "POST /api/v1/events" in logs and device.device_id in logs  # the log is being written
    for secret in (answer["token"], answer["secret"], device.token, device.secret, code, code.replace("-", "")):
        assert secret not in logs


def test_taken_port_exits_1(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli(tmp_path, "--host", "127.0.0.1", "--port", str(port))
    assert done.returncode == 1, done.stderr[-1000:]
    # Logged through the queue, and written out before the process ends (ward_server.logs).
    assert "address already in use" in done.stderr.lower()
    assert "address already in use" in (tmp_path / "logs" / "ward-server.log").read_text(encoding="utf-8").lower()


def usage_error(done: subprocess.CompletedProcess[str]) -> str:
    """argparse's refusal: exit 2, the usage, then one "error:" line naming the option."""
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr.strip().splitlines()[-1]


def one_line_failure(done: subprocess.CompletedProcess[str]) -> str:
    """An environment failure: exit 1 and one line on stderr, never a traceback."""
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ward-server: "), done.stderr
    return lines[0]


@pytest.mark.parametrize("port", ["70000", "0", "-1", "http"])
def test_a_port_outside_1_to_65535_is_refused_before_serving(tmp_path: Path, port: str) -> None:
    done = run_cli(tmp_path / "ward", "--port", port)
    assert "--port: must be a port number from 1 to 65535" in usage_error(done)
    assert not (tmp_path / "ward").exists()


@pytest.mark.parametrize("count", ["10000001", "99999999999999999999", "-1"])
def test_a_voter_count_beyond_the_wards_limit_is_refused(tmp_path: Path, count: str) -> None:
    done = run_cli(tmp_path / "ward", "add-station", "2", "--name", "Khu vực 2", "--voter-count", count)
    assert "--voter-count: must be a number of voters from 0 to 10000000" in usage_error(done)
    assert not (tmp_path / "ward").exists()


def test_a_voter_count_at_the_wards_limit_is_taken(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "add-station", "2", "--name", "Khu vực 2", "--voter-count", "10000000")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("A\x07\x1b[31mB", "--name: contains control characters"),
        ("x" * 301, "--name: is 301 characters long, at most 300 are allowed"),
    ],
)
def test_a_station_name_is_refused_as_the_stations_file_would_refuse_it(
    tmp_path: Path, name: str, problem: str
) -> None:
    assert problem in usage_error(run_cli(tmp_path, "add-station", "2", "--name", name))
    assert json.loads(run_cli(tmp_path, "stations", "--json").stdout)["stations"] == []


def test_a_station_name_is_stored_in_composed_form(tmp_path: Path) -> None:
    decomposed = "Nha\u0300 va\u0306n ho\u0301a  to\u0302\u0309 5"
    assert run_cli(tmp_path, "add-station", "5", "--name", decomposed).returncode == 0
    (station,) = json.loads(run_cli(tmp_path, "stations", "--json").stdout)["stations"]
    assert station["name"] == unicodedata.normalize("NFC", "Nha\u0300 va\u0306n ho\u0301a to\u0302\u0309 5")


@pytest.mark.parametrize("voters", ["none.csv", "another-station"])
def test_a_bad_voters_list_leaves_no_key_and_no_folder_behind(tmp_path: Path, voters: str) -> None:
    pytest.importorskip("clerk_app.storage.listfile")
    voters_file = str(SAMPLE_LIST) if voters == "another-station" else str(tmp_path / voters)
    ward = tmp_path / "ward"
    done = run_cli(ward, "add-station", "8", "--name", "Khu vực 8", "--voters", voters_file)
    assert done.returncode == 2, done.stderr
    assert not ward.exists()
    run_cli(ward, "add-station", "1", "--name", "Khu vực 1")  # a ward, but no list registered yet
    before = sorted(p.name for p in ward.iterdir())
    assert run_cli(ward, "add-station", "8", "--name", "Khu vực 8", "--voters", voters_file).returncode == 2
    assert sorted(p.name for p in ward.iterdir()) == before


def test_a_data_folder_that_is_a_file_is_named_in_one_line(tmp_path: Path) -> None:
    a_file = tmp_path / "bau-cu"
    a_file.write_text("notes", encoding="utf-8")
    for command in (["stations"], ["add-station", "3", "--name", "Khu vực 3"]):
        line = one_line_failure(run_cli(a_file, *command))
        assert line == f"ward-server: cannot use the data folder {a_file}: it is a file, not a folder"
    assert a_file.read_text(encoding="utf-8") == "notes"


def test_a_data_folder_that_cannot_be_made_is_named_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "bau-cu").write_text("notes", encoding="utf-8")
    inside_a_file = tmp_path / "bau-cu" / "ward"
    line = one_line_failure(run_cli(inside_a_file, "stations"))
    assert line == f"ward-server: cannot create the data folder {inside_a_file}: Not a directory"


def test_a_ward_db_that_is_not_a_database_is_named_in_one_line(tmp_path: Path) -> None:
    junk = b"not a database " * 100
    (tmp_path / "ward.db").write_bytes(junk)
    for command in (["stations"], ["--port", str(free_port())]):
        line = one_line_failure(run_cli(tmp_path, *command))
        assert line == f"ward-server: cannot use the database {tmp_path / 'ward.db'}: file is not a database"
    assert (tmp_path / "ward.db").read_bytes() == junk


def test_a_locked_database_is_named_in_one_line_once_the_wait_is_over(tmp_path: Path) -> None:
    assert run_cli(tmp_path, "add-station", "1", "--name", "Khu vực 1").returncode == 0
    holder = sqlite3.connect(tmp_path / "ward.db", isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # another program writing, for longer than the busy timeout
        line = one_line_failure(run_cli(tmp_path, "add-station", "2", "--name", "Khu vực 2"))
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert line.startswith(f"ward-server: cannot use the database {tmp_path / 'ward.db'}: database is locked")
    stations = json.loads(run_cli(tmp_path, "stations", "--json").stdout)["stations"]
    assert [s["station"] for s in stations] == [1]


def test_missing_tls_files_are_named_before_anything_is_made(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    done = run_cli(tmp_path / "ward", "--tls-cert", str(cert), "--tls-key", str(key), "--port", str(free_port()))
    assert one_line_failure(done) == f"ward-server: cannot read --tls-cert {cert}: No such file or directory"
    assert not (tmp_path / "ward").exists()


def test_tls_files_that_are_no_certificate_are_named_without_a_traceback(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("not a certificate\n", encoding="ascii")
    key.write_text("not a key\n", encoding="ascii")
    done = run_cli(tmp_path / "ward", "--tls-cert", str(cert), "--tls-key", str(key), "--port", str(free_port()))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    last = done.stderr.strip().splitlines()[-1]  # after the log lines of a server starting
    assert last.startswith(f"ward-server: cannot serve HTTPS with --tls-cert {cert} and --tls-key {key}: ")


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's tmp_path is the owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="ward-cli-"))
    folder.chmod(0o755)
    yield folder
    for path in (folder, *folder.rglob("*")):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


# When the tests run as root, who may write anywhere, the CLI runs as the unprivileged "nobody".
AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []


def run_cli_without_write_access(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(data_dir, *args, run_as=AS_NOBODY)


def unprivileged_python_runs() -> bool:
    """Whether "nobody" can run this checkout's Python and import the ward server: not when the
    checkout or its virtualenv sits in a folder only its owner may enter (a clone in mkdtemp)."""
    if AS_NOBODY and shutil.which("setpriv") is None:
        return False
    probe = [*AS_NOBODY, sys.executable, "-c", "import ward_server"]
    return subprocess.run(probe, capture_output=True, cwd=REPO, timeout=60, check=False).returncode == 0


def test_a_read_only_data_folder_is_named_in_one_line(shared_tmp: Path) -> None:
    if not unprivileged_python_runs():
        pytest.skip("an unprivileged user cannot run this checkout's Python here (a private folder, or no setpriv)")
    ward = shared_tmp / "ward"
    assert run_cli(ward, "add-station", "7", "--name", "Khu vực 7").returncode == 0
    for path in ward.iterdir():
        path.chmod(0o444)
    ward.chmod(0o555)
    before = sorted((p.name, p.stat().st_mtime_ns) for p in ward.iterdir())
    line = one_line_failure(run_cli_without_write_access(ward, "stations"))
    assert line == f"ward-server: cannot use the database {ward / 'ward.db'}: attempt to write a readonly database"
    listed = run_cli_without_write_access(ward, "add-station", "7", "--name", "Khu vực 7", "--voters", str(SAMPLE_LIST))
    assert (
        one_line_failure(listed) == f"ward-server: cannot create the where-do-I-vote key in {ward}: Permission denied"
    )
    assert sorted((p.name, p.stat().st_mtime_ns) for p in ward.iterdir()) == before
