"""Helpers for tests: a controllable clock and small voter lists built in code."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from clerk_app.clock import CLOCK_VARIABLE, VN_TZ
from clerk_app.model import Ballots, ListRow, ParsedList

ROOT = Path(__file__).resolve().parents[1]


# The polling-day clock of the command-line tests (CLERK_APP_CLOCK): the polls open only from 05:00
# and take check-ins only until 21:00, and the tests must pass whenever they run.
POLLING_DAY_CLOCK = "2026-03-15T08:00:00+07:00"


def clerk(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m clerk_app <args> --data-dir <data_dir>`` as a real process, run from the repository
    root, on the polling day's clock unless ``env`` (or this environment) sets one."""
    env = dict(os.environ if env is None else env)
    env.setdefault(CLOCK_VARIABLE, POLLING_DAY_CLOCK)
    return subprocess.run(
        [sys.executable, "-m", "clerk_app", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


@dataclass
class FakeClock:
    """A polling-day clock the test moves by hand."""

    moment: datetime

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment


def election_morning(hour: int = 7, minute: int = 0) -> datetime:
    return datetime(2026, 3, 15, hour, minute, tzinfo=VN_TZ)


SMALL_LIST = [
    # list_no, name, birth, gender, group, id_number, ballots
    (1, "Nguyễn Thị Hoa", "12/05/1960", "Nữ", "Tổ dân phố 1", "001160123456", Ballots()),
    (2, "Nguyễn Thị Hoa", "1948", "Nữ", "Tổ dân phố 2", "001148654321", Ballots()),
    (3, "Trần Văn Hùng", "03/02/1958", "Nam", "Tổ dân phố 1", "001058111222", Ballots()),
    (4, "Lê Thị Thuý", "20/10/1990", "Nữ", "Tổ dân phố 3", None, Ballots(True, True, False)),
    (5, "Đặng Minh Đức", "01/01/2000", "Nam", "Tổ dân phố 3", "001200999888", Ballots()),
]


def make_rows(spec: list[tuple[object, ...]] = SMALL_LIST) -> list[ListRow]:
    rows = []
    for i, (list_no, name, birth, gender, group, id_number, ballots) in enumerate(spec):
        text = str(birth)
        year = int(text[-4:])
        rows.append(
            ListRow(
                list_no=int(str(list_no)),
                name=str(name),
                source_row=9 + i,
                birth=text,
                birth_year=year,
                birth_date=date(year, int(text[3:5]), int(text[:2])) if len(text) == 10 else None,
                gender=str(gender),
                residence="Số 12, phố Láng Hạ, phường Láng, thành phố Hà Nội",
                group=str(group),
                id_number=id_number if isinstance(id_number, str) else None,
                ballots=ballots if isinstance(ballots, Ballots) else Ballots(),
            )
        )
    return rows


def parsed_list(rows: list[ListRow], *, station_no: int | None = 7, path: str = "danh-sach.csv") -> ParsedList:
    digest = hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()
    return ParsedList(
        path=path,
        rows=rows,
        warnings=[],
        station_no=station_no,
        ward="phường Láng",
        place_line="Khu vực bỏ phiếu số 07, phường Láng, thành phố Hà Nội",
        content_sha256=digest,
    )
