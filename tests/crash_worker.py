"""Checks voters in as fast as it can and says so after each durable check-in.

Run by tests/test_crash.py, which kills it with SIGKILL at random moments. A line
"confirmed N" is printed only after Station.check_in returned, i.e. when the app would have
told the clerk. Usage: python -m tests.crash_worker DATA_DIR SEED
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from clerk_app.errors import CheckInRefused
from clerk_app.station import Station


def main() -> None:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    station = Station.open(data_dir, clerk="crash")
    voters = station.status().voters
    order = list(range(1, voters + 1))
    random.Random(seed).shuffle(order)
    print("ready", flush=True)
    for list_no in order:
        try:
            station.check_in(list_no, mobile_box=list_no % 7 == 0)
        except CheckInRefused:
            continue
        print(f"confirmed {list_no}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
